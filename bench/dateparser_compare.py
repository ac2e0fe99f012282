#!/usr/bin/env python3
"""Time expressions: Mirsad side by side with Python's dateparser.

Both read the same articles with the same publication dates (the gold ones), and
both are scored by this script in the same way against the gold annotation:

- overlap F1 of the spans found (a found span that overlaps a gold one is right);
- value accuracy: of the gold expressions found, the share whose value is right.
  dateparser gives a datetime; it is right when it falls inside the gold value at
  the gold's granularity (`2023-07` holds any day of July 2023). Mirsad's value
  must equal the gold value (or its corrected value).
- speed: wall time of the whole analysis for Mirsad (entities and timeline
  included, one process), of `search_dates` alone for dateparser (import excluded).

Usage: python3 bench/dateparser_compare.py [--gold ../shared/gold] [--mirsad target/release/mirsad] [--seeds seeds]
Needs: pip install dateparser (the script says so when it is missing).
"""

import argparse
import datetime as dt
import glob
import json
import os
import subprocess
import sys
import time


def load_gold(folder):
    docs = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.txt.json"))):
        with open(path, encoding="utf-8") as f:
            g = json.load(f)
        docs[os.path.basename(path)[: -len(".json")]] = g
    return docs


def inside_regions(span, regions):
    return any(r["start"] <= span[0] and span[1] <= r["end"] for r in regions)


def overlap(a, b):
    return min(a[1], b[1]) > max(a[0], b[0])


def value_holds(gold_value, when):
    """True when the datetime `when` lies inside the TIMEX3 date `gold_value`."""
    if not gold_value or when is None:
        return False
    v = gold_value.split("T")[0]
    if "/" in v:
        a, b = v.split("/", 1)
        return v[: len(a)] and a <= when.strftime("%Y-%m-%d")[: len(a)] <= b
    parts = v.split("-")
    try:
        if len(parts) == 1 and len(v) == 4:
            return when.year == int(v)
        if len(parts) == 2 and parts[1].startswith("W"):
            y, w, _ = when.isocalendar()
            return (y, w) == (int(parts[0]), int(parts[1][1:]))
        if len(parts) == 2:
            return (when.year, when.month) == (int(parts[0]), int(parts[1]))
        if len(parts) == 3:
            return when.date() == dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return False
    return False


def score(gold_docs, found):
    """found: doc -> list of (start, end, value-or-datetime); returns P, R, F1, value accuracy."""
    tp = n_sys = n_gold = matched = right = 0
    for doc, g in gold_docs.items():
        regions = g.get("boilerplate", [])
        gold = [t for t in g["timexes"] if not inside_regions((t["start"], t["end"]), regions)]
        sys_spans = [f for f in found.get(doc, []) if not inside_regions((f[0], f[1]), regions)]
        n_gold += len(gold)
        n_sys += len(sys_spans)
        tp += sum(1 for s in sys_spans if any(overlap((s[0], s[1]), (t["start"], t["end"])) for t in gold))
        for t in gold:
            hit = next((s for s in sys_spans if overlap((s[0], s[1]), (t["start"], t["end"]))), None)
            if hit is None:
                continue
            matched += 1
            v = hit[2]
            if isinstance(v, dt.datetime):
                right += value_holds(t.get("value"), v) or value_holds(t.get("corrected_value"), v)
            else:
                right += v is not None and (v == t.get("value") or v == t.get("corrected_value"))
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, (right / matched if matched else 0.0), right, matched


def run_dateparser(texts, dcts, repeat):
    try:
        from dateparser.search import search_dates
    except ImportError:
        sys.exit("dateparser is not installed: pip install dateparser")
    found = {}
    t0 = time.perf_counter()
    for _ in range(repeat):
        for doc, text in texts.items():
            base = dt.datetime.combine(dcts[doc], dt.time(12))
            res = search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
            spans, cursor = [], 0
            for s, when in res:
                at = text.find(s, cursor)
                if at < 0:
                    at = text.find(s)
                if at < 0:
                    continue
                spans.append((at, at + len(s), when))
                cursor = at + len(s)
            found[doc] = spans
    return found, (time.perf_counter() - t0) / repeat


def run_mirsad(binary, paths, dcts, repeat):
    args = [binary, "analyze", "--json"]
    for doc, d in dcts.items():
        args += ["--dct", f"{doc}={d.isoformat()}"]
    args += paths
    t0 = time.perf_counter()
    for _ in range(repeat):
        out = subprocess.run(args, check=True, capture_output=True).stdout
    elapsed = (time.perf_counter() - t0) / repeat
    analysis = json.loads(out)
    found = {a["id"]: [(t["start"], t["end"], t.get("value")) for t in a["timexes"]] for a in analysis["articles"]}
    return found, elapsed


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=os.path.join(root, "..", "shared", "gold"))
    ap.add_argument("--mirsad", default=os.path.join(root, "target", "release", "mirsad"))
    ap.add_argument("--seeds", default=os.path.join(root, "seeds"))
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    gold = load_gold(a.gold)
    texts, dcts, paths = {}, {}, []
    for doc, g in gold.items():
        path = os.path.join(a.seeds, doc)
        with open(path, encoding="utf-8") as f:
            texts[doc] = f.read()
        dcts[doc] = dt.date.fromisoformat(g["dct"]["value"])
        paths.append(path)
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    mirsad, m_time = run_mirsad(a.mirsad, paths, dcts, a.repeat)
    dparser, d_time = run_dateparser(texts, dcts, a.repeat)
    print(f"{len(texts)} articles, {size / 1024:.0f} KB, the gold publication dates given to both\n")
    print("| system | timex P | R | F1 | value accuracy (right of the gold expressions found) | time for the set | KB/s |")
    print("|---|---|---|---|---|---|---|")
    for name, found, t in [("Mirsad (whole analysis, one process)", mirsad, m_time), ("dateparser 1.x search_dates (ar)", dparser, d_time)]:
        p, r, f1, acc, right, n = score(gold, found)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {acc:.3f} ({right} of {n}) | {t * 1000:.0f} ms | {size / 1024 / t:.0f} |")


if __name__ == "__main__":
    main()

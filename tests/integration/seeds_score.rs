//! Scores of the seeds against ../shared/gold. The floors are what the code
//! reaches today, rounded down; later work raises them, never lowers them.

use super::{seed_paths, shared};
use std::process::Command;

/// (score path in score.py's JSON, floor)
const FLOORS: &[(&str, f64)] = &[
    ("entities.all.f1", 0.97),
    ("entities.linking_bcubed.f1", 0.97),
    ("timexes.overlap.f1", 0.97),
    ("timexes.value_f1.f1", 0.95),
    ("timeline.event_recall", 0.85),
    ("timeline.item_precision", 0.85),
    ("timeline.cross_source_merge_rate", 0.80),
    ("dct.month_accuracy", 1.0),
];

/// (score path, ceiling): items per gold event.
const CEILINGS: &[(&str, f64)] = &[("timeline.fragmentation", 1.2)];

fn get<'a>(v: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    path.split('.').fold(v, |v, k| &v[k])
}

#[test]
fn seeds_reach_the_floors() {
    let shared = shared();
    let score = shared.join("eval/score.py");
    assert!(score.exists(), "{} is missing: ../shared must be beside the project (or set MIRSAD_SHARED)", score.display());
    let out = Command::new(env!("CARGO_BIN_EXE_mirsad")).arg("analyze").arg("--json").args(seed_paths()).output().unwrap();
    assert!(out.status.success());
    let path = std::env::temp_dir().join(format!("mirsad-seeds-{}.json", std::process::id()));
    std::fs::write(&path, &out.stdout).unwrap();
    let scored = Command::new("python3").arg(&score).arg("--gold").arg(shared.join("gold")).arg("--json").arg(&path).output().unwrap();
    assert!(scored.status.success(), "score.py failed: {}", String::from_utf8_lossy(&scored.stderr));
    let v: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    let mut report = String::new();
    let mut failed = Vec::new();
    for (key, floor) in FLOORS {
        let got = get(&v, key).as_f64().unwrap_or(0.0);
        report.push_str(&format!("{key:32} {got:.3} (floor {floor:.2})\n"));
        if got < *floor {
            failed.push(*key);
        }
    }
    for (key, ceiling) in CEILINGS {
        let got = get(&v, key).as_f64().unwrap_or(f64::INFINITY);
        report.push_str(&format!("{key:32} {got:.3} (ceiling {ceiling:.2})\n"));
        if got > *ceiling {
            failed.push(*key);
        }
    }
    eprintln!("seed scores:\n{report}");
    assert!(failed.is_empty(), "below the floor: {failed:?}\n{report}");
}

/// Boilerplate against the gold regions, by characters: precision, recall, and
/// the kind agreeing where they overlap. score.py does not score boilerplate.
#[test]
fn seeds_boilerplate_overlaps_the_gold() {
    let out = Command::new(env!("CARGO_BIN_EXE_mirsad")).arg("analyze").arg("--json").args(seed_paths()).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let chars = |regions: &serde_json::Value| -> Vec<(u64, String)> {
        let mut set = Vec::new();
        for r in regions.as_array().unwrap() {
            for c in r["start"].as_u64().unwrap()..r["end"].as_u64().unwrap() {
                set.push((c, r["kind"].as_str().unwrap().to_string()));
            }
        }
        set
    };
    let (mut tp, mut same_kind, mut sys, mut gold) = (0usize, 0usize, 0usize, 0usize);
    for a in v["articles"].as_array().unwrap() {
        let path = shared().join("gold").join(format!("{}.json", a["id"].as_str().unwrap()));
        let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let (s, gl) = (chars(&a["boilerplate"]), chars(&g["boilerplate"]));
        let gold_kind: std::collections::HashMap<u64, &str> = gl.iter().map(|(c, k)| (*c, k.as_str())).collect();
        for (c, k) in &s {
            if let Some(gk) = gold_kind.get(c) {
                tp += 1;
                same_kind += usize::from(gk == k);
            }
        }
        sys += s.len();
        gold += gl.len();
    }
    let (p, r, k) = (tp as f64 / sys.max(1) as f64, tp as f64 / gold.max(1) as f64, same_kind as f64 / tp.max(1) as f64);
    eprintln!("boilerplate: P {p:.3} R {r:.3} kind agreement {k:.3}");
    assert!(p >= 0.95 && r >= 0.95 && k >= 0.95, "boilerplate P {p:.3} R {r:.3} kind {k:.3} (floors 0.95)");
}

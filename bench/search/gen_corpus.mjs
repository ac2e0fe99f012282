#!/usr/bin/env node
// Deterministic generator of the search benchmark's corpora (Node, no dependencies).
//
//   node bench/search/gen_corpus.mjs [--sizes seeds,1000,10000] [--force]
//
// Each article is built from the sentences of two NER corpora that are NOT ours and
// are never copied into the project: ANERcorp (train part) and AQMAR, read at run
// time from $MIRSAD_DATA (default: ../shared/data next to the repository root).
// Everything generated goes under bench/search/out/ (git-ignored):
//
//   corpus-<size>.json     [{id, title, text, dct, outlet}]: what the engines index;
//                          `text` is the title line, a blank line, then the body
//   canonical-<size>.json  [{id, text}]: the same articles before the spelling
//                          rewrites below: the ground truth is judged on this text
//   qrels-<size>.json      per query of queries.json: the ids of its relevant articles
//                          (the `relevant` regex matched on the canonical text)
//
// The same seed gives byte-identical files: one mulberry32 stream per size.
// The `seeds` corpus is the five files of seeds/*.txt (id = file name), unchanged.

import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..');
export const OUT = join(HERE, 'out');
export const DATA = resolve(process.env.MIRSAD_DATA || join(ROOT, '..', 'shared', 'data'));
const SOURCES = [
  { name: 'anercorp', file: join('anercorp-train', 'train.spans.jsonl') },
  { name: 'aqmar', file: join('aqmar', 'all.spans.jsonl') },
];
const SEED = 0x4d495253; // "MIRS"

/** mulberry32: a small, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
const pick = (rng, list) => list[Math.floor(rng() * list.length)];
function weighted(rng, items) {
  const total = items.reduce((s, x) => s + x.weight, 0);
  let r = rng() * total;
  for (const x of items) if ((r -= x.weight) < 0) return x;
  return items[items.length - 1];
}

// The corpora's sentences are space-separated tokens ("قال , " …): put punctuation
// back against its word so that the articles read like news text. Straight quotes
// pair up, the opening one against the next word, the closing one against the last.
function detokenize(s) {
  const tokens = s.split(' ').filter(Boolean);
  const out = [];
  let open = false;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === '"') {
      if (!open && i + 1 < tokens.length) {
        tokens[i + 1] = `"${tokens[i + 1]}`;
        open = true;
      } else if (open && out.length) {
        out[out.length - 1] += '"';
        open = false;
      }
      continue;
    }
    out.push(tokens[i]);
  }
  return out
    .join(' ')
    .replace(/\s+([.,،؛:!?؟)\]»%])/gu, '$1')
    .replace(/([(\[«])\s+/gu, '$1')
    .trim();
}

/** The source sentences, per corpus, in their original order (adjacency = same story). */
export function loadSentences() {
  return SOURCES.map(({ name, file }) => {
    const path = join(DATA, file);
    if (!existsSync(path)) throw new Error(`${path} not found: set MIRSAD_DATA to the folder holding anercorp-train/ and aqmar/`);
    const sentences = readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line).text)
      .map((text) => ({ tokens: text.split(' ').length, text: detokenize(text) }));
    return { name, sentences };
  });
}

// ---------------------------------------------------------------------------------
// Spelling variants. Real Arabic news text spells the same word in several ways, by
// outlet house style, keyboard and habit. Each outlet below has a style: a rule name
// → the probability that the rule rewrites one occurrence (one word) it applies to.
// The rules (applied to the body and the title of the outlet's articles):
//
//  hamza        أ / إ / آ → ا anywhere in the word (hamza dropped: "الأمم" → "الامم").
//               ANERcorp's own text is already mostly hamza-less; AQMAR's is not.
//  yaa          word-final ي → ى (Egyptian print convention: "في" → "فى", "علي" → "على").
//  maqsura      word-final ى → ي (the reverse confusion: "على" → "علي", "مصطفى" → "مصطفي").
//  taa          word-final ة → ه ("الحكومة" → "الحكومه").
//  gEgypt       g in foreign names written ج instead of غ (Egyptian): for the words of
//               G_GHAYN below ("البرتغال" → "البرتجال", "غوغل" → "جوجل").
//  gLevant      the reverse in the foreign names that the sources write with ج: ج → غ
//               for G_JEEM ("هونج كونج" → "هونغ كونغ"), and ج → ك in English/England
//               (G_KAF: "الإنجليزي" → "الإنكليزي", Levantine and Iraqi usage).
//  persian      Persian-keyboard letters: ي / ى → ی (U+06CC), ك → ک (U+06A9), the
//               whole word (text typed on a Persian layout, or copied from one).
//  tatweel      one kashida ـ inserted after a joining letter inside a word of 4+
//               letters ("الرئيس" → "الرئـيس"), as in decorated headlines.
//  diacritics   a word ending in ا of 4+ letters gets tanween fath before it
//               ("أيضا" → "أيضاً"), any other word a short vowel or shadda on its
//               first consonant after the article ("الرئيس" → "الرِئيس", "عام" → "عَام").
//
// Per word, the rules are tried in this order; several can apply to one word.
export const OUTLETS = [
  { name: 'وكالة الأنباء العربية', weight: 30, style: { hamza: 0.05 } },
  { name: 'صحيفة وادي النيل', weight: 20, style: { yaa: 0.6, gEgypt: 0.8, hamza: 0.3, taa: 0.05 } },
  { name: 'الخليج اليوم', weight: 15, style: { hamza: 0.5, taa: 0.15 } },
  { name: 'شبكة المشرق', weight: 15, style: { gLevant: 0.8, maqsura: 0.1, tatweel: 0.03 } },
  { name: 'مرصد الأخبار', weight: 15, style: { hamza: 0.15, diacritics: 0.04, tatweel: 0.02 } },
  { name: 'طهران العربية', weight: 5, style: { persian: 0.9, hamza: 0.2 } },
];
// The foreign names (stems, matched inside a word so that clitics and suffixes stay)
// whose g the sources write غ …
const G_GHAYN = [
  'البرتغال', 'برتغال', 'الكونغرس', 'كونغرس', 'الكونغو', 'كونغو', 'غوانتانامو', 'غانا', 'سانتياغو',
  'أنغولا', 'انغولا', 'شيكاغو', 'فولكسفاغن', 'الأورغواي', 'الأوروغواي', 'سيرغي', 'جونغ', 'غوغل',
  'بيونغ', 'يانغ', 'هوانغ', 'يونغ', 'مينغ', 'تانغ', 'دينغ', 'وانغ', 'سونغ', 'اردوغان', 'أردوغان',
  'بلغاريا', 'هامبورغ', 'لوكسمبورغ', 'غونزاليز', 'غونزاليس', 'فينغر', 'الليغا', 'فيرغسون', 'غوميش',
  'غورباتشوف', 'ريغان', 'سنغافورة', 'هنغاريا', 'قوانغتشو', 'أغاسي', 'اغاسي', 'غيلرمان',
];
// … and those they write ج (ج → غ), or ج for English/England (ج → ك).
const G_JEEM = ['هونج', 'كونج', 'بيونج', 'يانج', 'جوجل'];
const G_KAF = ['إنجلترا', 'انجلترا', 'إنجليز', 'انجليز', 'أنجليز'];

const HAMZA_ALEF = /[أإآ]/u;
const JOINING = /[بتثجحخسشصضطظعغفقكلمنهيئ]/u; // letters that join the next one
const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0651']; // fatha, damma, kasra, shadda

function rewriteWord(word, style, rng) {
  let w = word;
  const p = (rule) => style[rule] && rng() < style[rule];
  if (HAMZA_ALEF.test(w) && p('hamza')) w = w.replace(/[أإآ]/gu, 'ا');
  if (w.length >= 3 && w.endsWith('ي') && p('yaa')) w = `${w.slice(0, -1)}ى`;
  if (w.endsWith('ى') && p('maqsura')) w = `${w.slice(0, -1)}ي`;
  if (w.length >= 3 && w.endsWith('ة') && p('taa')) w = `${w.slice(0, -1)}ه`;
  if (style.gEgypt && G_GHAYN.some((s) => w.includes(s)) && p('gEgypt')) w = w.replace(/غ/gu, 'ج');
  if (style.gLevant) {
    if (G_JEEM.some((s) => w.includes(s)) && p('gLevant')) w = w.replace(/ج/gu, 'غ');
    else if (G_KAF.some((s) => w.includes(s)) && p('gLevant')) w = w.replace(/ج/gu, 'ك');
  }
  if (/[يىك]/u.test(w) && p('persian')) w = w.replace(/[يى]/gu, '\u06CC').replace(/ك/gu, '\u06A9');
  if (w.length >= 4 && p('tatweel')) {
    const spots = [];
    for (let i = 1; i < w.length - 1; i++) if (JOINING.test(w[i]) && !/[\u064B-\u0652]/u.test(w[i + 1])) spots.push(i);
    if (spots.length) {
      const i = pick(rng, spots);
      w = `${w.slice(0, i + 1)}\u0640${w.slice(i + 1)}`;
    }
  }
  if (p('diacritics')) {
    if (w.length >= 4 && w.endsWith('ا') && !w.endsWith('ءا')) w = `${w.slice(0, -1)}\u064Bا`;
    else {
      // The vowel goes on the first consonant after the article, and agrees with a
      // following long vowel (fatha before ا, damma before و, kasra before ي).
      let i = w.startsWith('ال') ? 2 : 0;
      while (i < w.length - 1 && /[اأإآ]/u.test(w[i])) i++;
      if (i < w.length - 1) {
        const next = w[i + 1];
        const mark = next === 'ا' ? '\u064E' : next === 'و' ? '\u064F' : next === 'ي' ? '\u0650' : pick(rng, HARAKAT);
        w = `${w.slice(0, i + 1)}${mark}${w.slice(i + 1)}`;
      }
    }
  }
  return w;
}

/** Rewrite the Arabic words of `text` by `style` (deterministic for a given rng state). */
export function rewrite(text, style, rng) {
  if (!Object.keys(style).length) return text;
  return text.replace(/[\u0621-\u064A\u066E-\u06D3]+/gu, (w) => rewriteWord(w, style, rng));
}

// ---------------------------------------------------------------------------------
// Articles.

const BODY_MIN_TOKENS = 4;
const BODY_MAX_TOKENS = 90; // ANERcorp has a few run-on "sentences" of 1,800 tokens

function title(rng, first, pool) {
  // Half of the titles: the first clause of the lead sentence (up to its first comma
  // or colon, if that is 4-12 words; else its first 6-10 words); the others: a short
  // sentence of the same story (the one just before or after the lead) if it is short,
  // else a short sentence from anywhere.
  if (rng() < 0.5) {
    const clause = first.text.split(/[،,:؛]/u)[0].trim();
    const words = clause.split(' ');
    const quotes = (clause.match(/"/g) || []).length;
    if (words.length >= 4 && words.length <= 12 && quotes % 2 === 0) return clause.replace(/[.!?؟]$/u, '');
    return first.text.split(' ').slice(0, int(rng, 6, 10)).join(' ').replace(/[.,،؛:]$/u, '');
  }
  for (const s of pool) if (s && s.tokens >= 4 && s.tokens <= 12) return s.text.replace(/[.!?؟]$/u, '');
  return first.text.split(' ').slice(0, int(rng, 6, 10)).join(' ').replace(/[.,،؛:]$/u, '');
}

function dateBetween(rng, from, to) {
  const t0 = Date.UTC(from, 0, 1);
  const t1 = Date.UTC(to, 11, 31);
  return new Date(t0 + Math.floor(rng() * ((t1 - t0) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
}

/** `n` articles: {article: {id, title, text, dct, outlet}, canonical: {id, text}}. */
export function generate(n, sources = loadSentences(), seed = SEED ^ n) {
  const rng = mulberry32(seed);
  const total = sources.reduce((s, x) => s + x.sentences.length, 0);
  const articles = [];
  const canonical = [];
  for (let i = 0; i < n; i++) {
    const id = `a${String(i).padStart(5, '0')}`;
    const outlet = weighted(rng, OUTLETS);
    const want = int(rng, 6, 20);
    const picked = [];
    let lead = null;
    while (picked.length < want) {
      // A run of 1-6 adjacent sentences of one source (one story), from a random start.
      const src = weighted(rng, sources.map((s) => ({ s, weight: s.sentences.length / total }))).s;
      const len = 1 + Math.floor(rng() * rng() * 6);
      let at = Math.floor(rng() * src.sentences.length);
      if (!lead) lead = { src, at };
      for (let k = 0; k < len && at < src.sentences.length && picked.length < want; k++, at++) {
        const s = src.sentences[at];
        if (s.tokens >= BODY_MIN_TOKENS && s.tokens <= BODY_MAX_TOKENS) picked.push(s);
      }
    }
    const head = title(rng, picked[0], [lead.src.sentences[lead.at - 1], lead.src.sentences[lead.at + 1]]);
    const paragraphs = [];
    for (let k = 0; k < picked.length; ) {
      const m = int(rng, 1, 4);
      paragraphs.push(picked.slice(k, k + m).map((s) => s.text).join(' '));
      k += m;
    }
    const body = paragraphs.join('\n\n');
    const dct = dateBetween(rng, 2003, 2024);
    const vTitle = rewrite(head, outlet.style, rng);
    const vBody = rewrite(body, outlet.style, rng);
    articles.push({ id, title: vTitle, text: `${vTitle}\n\n${vBody}`, dct, outlet: outlet.name });
    canonical.push({ id, text: `${head}\n\n${body}` });
  }
  return { articles, canonical };
}

/** The five seed articles: unchanged, so their canonical text is their text. */
export function seedArticles() {
  const dir = join(ROOT, 'seeds');
  const articles = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const first = text.split('\n').find((l) => l.trim()) || f;
      return { id: f, title: first.trim(), text, dct: null, outlet: null };
    });
  return { articles, canonical: articles.map(({ id, text }) => ({ id, text })) };
}

/** Per query: the ids of the canonical articles its `relevant` regex matches. */
export function qrels(queries, canonical) {
  return queries.map((q) => {
    const re = new RegExp(q.relevant, q.flags ?? 'u');
    return { q: q.q, kind: q.kind, relevant: canonical.filter((a) => re.test(a.text)).map((a) => a.id) };
  });
}

export const corpusPath = (size) => join(OUT, `corpus-${size}.json`);
export const canonicalPath = (size) => join(OUT, `canonical-${size}.json`);
export const qrelsPath = (size) => join(OUT, `qrels-${size}.json`);
export const loadQueries = () => JSON.parse(readFileSync(join(HERE, 'queries.json'), 'utf8'));

/** Write the corpus of `size` ("seeds" or a number) if missing (or `force`), and its qrels. */
export function ensureCorpus(size, { force = false, sources } = {}) {
  mkdirSync(OUT, { recursive: true });
  if (force || !existsSync(corpusPath(size)) || !existsSync(canonicalPath(size))) {
    const { articles, canonical } = size === 'seeds' ? seedArticles() : generate(Number(size), sources);
    writeFileSync(corpusPath(size), JSON.stringify(articles));
    writeFileSync(canonicalPath(size), JSON.stringify(canonical));
  }
  // The qrels are recomputed every time: queries.json may have changed.
  const canonical = JSON.parse(readFileSync(canonicalPath(size), 'utf8'));
  const rels = qrels(loadQueries(), canonical);
  writeFileSync(qrelsPath(size), JSON.stringify(rels, null, 1));
  return rels;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--sizes');
  const sizes = (at >= 0 ? args[at + 1] : 'seeds,1000,10000').split(',');
  const force = args.includes('--force');
  const sources = sizes.some((s) => s !== 'seeds') ? loadSentences() : undefined;
  for (const size of sizes) {
    const t0 = Date.now();
    const rels = ensureCorpus(size, { force, sources });
    const counts = rels.map((r) => r.relevant.length);
    console.log(
      `${size}: ${corpusPath(size)} (${Date.now() - t0} ms); queries with relevant articles: ` +
        `${counts.filter((c) => c > 0).length}/${counts.length}, relevant per query min ${Math.min(...counts)} max ${Math.max(...counts)}`,
    );
  }
}

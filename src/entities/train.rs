//! Training the tagger (native only; `./build.sh train` runs it through
//! `examples/train_tagger.rs`). Reads `../shared/data` in place: ANERcorp's
//! training part without its last tenth (the project's held-out test, never read
//! here) and, optionally, AQMAR. With `folds`, it cross-validates on the first
//! 90% of ANERcorp, for choosing settings; without, it trains
//! on the whole first 90% and writes the model.

use super::lexicon::lexicon;
use super::recognize::{recognize_with, rule_labels, words};
use super::tagger::{self, Model, StaticFeatures, N_LABELS, O};
use super::EntityType;
use crate::text::{read_documents, Document};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Sentences grouped into one pseudo-article, as the held-out test groups them.
const SENTENCES_PER_ARTICLE: usize = 20;
const PROCLITICS: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The folder with `anercorp-train/` and `aqmar/`.
    pub data: PathBuf,
    /// Passes over the training data.
    pub epochs: usize,
    /// Train on AQMAR too.
    pub aqmar: bool,
    /// Cross-validate with this many folds instead of writing a model (0: write it).
    pub folds: usize,
    /// How many feature rows the model keeps (its size).
    pub keep: usize,
    /// The share of tokens whose own word features training hides.
    pub dropout: f64,
    /// Weights are rounded to multiples of this (smaller ones dropped: the model's size).
    pub step: f32,
    /// A stacked second pass trained on first-pass labels jack-knifed over this
    /// many parts of the training data (0: one pass).
    pub stack: usize,
    /// How many feature rows the stacked pass keeps.
    pub stack_keep: usize,
    /// How many perceptrons (over other shuffles) are averaged into one model.
    pub bags: usize,
    /// Test on AQMAR (trained on ANERcorp's first 90%) instead of writing a model.
    pub test_aqmar: bool,
    /// The training shuffle's seed (another seed gives another draw of the same
    /// training: cross-validation over a few seeds tells a change from noise).
    pub seed: u64,
}

/// A sentence of a CoNLL file: `(token, tag)`.
type Sentence = Vec<(String, String)>;

fn read_conll(path: &Path) -> Result<Vec<Sentence>, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in src.lines() {
        match line.split_once(' ') {
            Some((tok, tag)) if !tok.is_empty() => cur.push((tok.to_string(), tag.trim().to_string())),
            _ => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// A corpus token's byte span and its tag (type, and whether it begins a name).
type TaggedToken = (usize, usize, Option<(EntityType, bool)>);

/// One pseudo-article: its text and its corpus tokens.
#[derive(Clone)]
struct Article {
    text: String,
    tokens: Vec<TaggedToken>,
}

fn entity_tag(tag: &str) -> Option<(EntityType, bool)> {
    let (bio, kind) = tag.split_once('-')?;
    let kind = match kind {
        "PER" => EntityType::Per,
        "LOC" => EntityType::Loc,
        "ORG" => EntityType::Org,
        _ => return None,
    };
    Some((kind, bio == "B"))
}

fn articles(sentences: &[Sentence]) -> Vec<Article> {
    sentences
        .chunks(SENTENCES_PER_ARTICLE)
        .map(|chunk| {
            let mut text = String::new();
            let mut tokens = Vec::new();
            for s in chunk {
                for (i, (tok, tag)) in s.iter().enumerate() {
                    if i > 0 {
                        text.push(' ');
                    }
                    let start = text.len();
                    text.push_str(tok);
                    tokens.push((start, text.len(), entity_tag(tag)));
                }
                text.push('\n');
            }
            Article { text, tokens }
        })
        .collect()
}

impl Article {
    /// Gold names, in bytes.
    fn names(&self) -> Vec<(usize, usize, EntityType)> {
        let mut out: Vec<(usize, usize, EntityType)> = Vec::new();
        let mut prev: Option<EntityType> = None;
        for &(s, e, tag) in &self.tokens {
            match tag {
                Some((kind, false)) if prev == Some(kind) => {
                    if let Some(last) = out.last_mut() {
                        last.1 = e;
                    }
                }
                Some((kind, _)) => {
                    out.push((s, e, kind));
                    prev = Some(kind);
                }
                None => prev = None,
            }
        }
        out
    }

    /// The gold label of each of our tokens: that of the corpus token it lies in.
    fn labels(&self, doc: &Document) -> Vec<u8> {
        let names = self.names();
        doc.tokens
            .iter()
            .map(|t| {
                let i = names.partition_point(|n| n.1 <= t.span.start);
                match names.get(i) {
                    Some(&(s, _, kind)) if s <= t.span.start => tagger::label(kind, s == t.span.start),
                    _ => O,
                }
            })
            .collect()
    }
}

struct Example {
    features: StaticFeatures,
    gold: Vec<u8>,
}

fn examples(articles: &[Article]) -> Vec<Example> {
    let lx = lexicon();
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let docs = read_documents(&texts);
    docs.iter()
        .zip(articles)
        .map(|(doc, a)| {
            let ws = words(doc);
            let rules = rule_labels(lx, doc, &ws);
            Example { features: StaticFeatures::new(lx, &ws, &rules), gold: a.labels(doc) }
        })
        .collect()
}

/// A weight row with what averaging needs.
#[derive(Default, Clone)]
struct Row {
    w: [f32; N_LABELS],
    total: [f64; N_LABELS],
    stamp: [u64; N_LABELS],
}

/// The averaged perceptron.
#[derive(Default)]
struct Perceptron {
    rows: HashMap<u32, Row>,
    step: u64,
}

impl Perceptron {
    fn scores(&self, features: &[u32], dynamic: &[u32]) -> [f32; N_LABELS] {
        let mut s = [0f32; N_LABELS];
        for f in features.iter().chain(dynamic) {
            if let Some(r) = self.rows.get(f) {
                for (a, b) in s.iter_mut().zip(&r.w) {
                    *a += b;
                }
            }
        }
        s
    }

    fn update(&mut self, features: &[u32], dynamic: &[u32], truth: u8, guess: u8) {
        let step = self.step;
        for f in features.iter().chain(dynamic) {
            let r = self.rows.entry(*f).or_default();
            for (l, delta) in [(truth as usize, 1.0), (guess as usize, -1.0)] {
                r.total[l] += (step - r.stamp[l]) as f64 * f64::from(r.w[l]);
                r.stamp[l] = step;
                r.w[l] += delta;
            }
        }
    }

    /// One pass over an example; the word's own features are hidden from a
    /// `dropout` share of its tokens (chosen by `rng`).
    fn train_one(&mut self, ex: &Example, dropout: f64, rng: &mut u64) {
        let mut labels: Vec<u8> = Vec::with_capacity(ex.gold.len());
        let mut dynamic = Vec::new();
        for i in 0..ex.features.len() {
            self.step += 1;
            dynamic.clear();
            ex.features.dynamic_at(i, &labels, &mut dynamic);
            let hide = (next_random(rng) as f64 / u64::MAX as f64) < dropout;
            let features = if hide { ex.features.unlexical_at(i) } else { ex.features.at(i) };
            let s = self.scores(features, &dynamic);
            let prev = labels.last().copied().unwrap_or(O);
            let guess = tagger::best_label(&s, prev);
            let truth = ex.gold[i];
            if guess != truth {
                self.update(features, &dynamic, truth, guess);
            }
            labels.push(guess);
        }
    }

    fn averaged(&self) -> Vec<(u32, [f32; N_LABELS])> {
        let t = self.step.max(1);
        self.rows
            .iter()
            .map(|(k, r)| {
                let avg = std::array::from_fn(|l| ((r.total[l] + (t - r.stamp[l]) as f64 * f64::from(r.w[l])) / t as f64) as f32);
                (*k, avg)
            })
            .collect()
    }
}

/// Xorshift: training draws its randomness from a fixed seed, so a run can be repeated exactly.
fn next_random(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

fn shuffle<T>(items: &mut [T], rng: &mut u64) {
    for i in (1..items.len()).rev() {
        items.swap(i, (next_random(rng) % (i as u64 + 1)) as usize);
    }
}

/// Per type: (right, found, gold).
type Counts = HashMap<&'static str, (usize, usize, usize)>;

/// Count right, found and gold names as the held-out test does: exact spans and
/// types, where leaving out a proclitic the corpus kept inside counts as right.
fn count(articles: &[Article], model: Option<&Model>, counts: &mut Counts) {
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let docs = read_documents(&texts);
    let mentions = recognize_with(&docs, model);
    // MIRSAD_SHOW=1: list what the tagger got wrong or missed (on standard error).
    let show = model.is_some() && std::env::var_os("MIRSAD_SHOW").is_some();
    for (a, found) in articles.iter().zip(&mentions) {
        let (text, gold) = (&a.text, a.names());
        let context = |s: usize, e: usize| {
            let from = text[..s].char_indices().rev().nth(30).map_or(0, |c| c.0);
            let to = text[e..].char_indices().nth(30).map_or(text.len(), |c| e + c.0);
            format!("{}⟦{}⟧{}", &text[from..s], &text[s..e], &text[e..to]).replace('\n', " ¶ ")
        };
        if model.is_some() && std::env::var_os("MIRSAD_ERRS").is_some() {
            for &(s, e, kind) in &gold {
                let ok = |m: &super::Mention| m.span.end == e && m.span.start >= s && m.span.start <= s + 4;
                let what = if found.iter().any(|m| ok(m) && m.kind == kind) {
                    continue;
                } else if found.iter().any(|m| ok(m)) {
                    "type"
                } else if let Some(m) = found.iter().find(|m| m.span.start < e && m.span.end > s) {
                    if m.span.start <= s + 4 && m.span.end > e {
                        if m.kind == kind { "longer-end" } else { "longer-end+type" }
                    } else if m.span.start <= s + 4 && m.span.end < e {
                        if m.kind == kind { "shorter-end" } else { "shorter-end+type" }
                    } else if m.span.start > s + 4 {
                        if m.kind == kind { "later-start" } else { "later-start+type" }
                    } else {
                        "earlier-start"
                    }
                } else {
                    "none"
                };
                eprintln!("GOLDERR {} {what} {}", kind.as_str(), context(s, e));
            }
            for m in found {
                if !gold.iter().any(|&(s, e, _)| m.span.start < e && m.span.end > s) {
                    eprintln!("SPURIOUS {} {}", m.kind.as_str(), context(m.span.start, m.span.end));
                }
            }
        }
        for &(s, e, kind) in &gold {
            counts.entry(kind.as_str()).or_default().2 += 1;
            if show && !found.iter().any(|m| m.kind == kind && m.span.end == e && m.span.start >= s && m.span.start <= s + 4) {
                eprintln!("missed {} {}", kind.as_str(), context(s, e));
            }
        }
        for m in found {
            let c = counts.entry(m.kind.as_str()).or_default();
            c.1 += 1;
            let right = gold.iter().any(|&(s, e, k)| {
                k == m.kind && e == m.span.end && s <= m.span.start && text.get(s..m.span.start).is_some_and(|p| p.chars().count() <= 2 && p.chars().all(|c| PROCLITICS.contains(&c)))
            });
            if right {
                c.0 += 1;
            } else if show {
                eprintln!("wrong {} {}", m.kind.as_str(), context(m.span.start, m.span.end));
            }
        }
    }
}

fn overall_f1(counts: &Counts) -> f64 {
    let (t, s, g) = counts.values().fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    2.0 * t as f64 / (s + g).max(1) as f64
}

/// Precision, recall and F1 per type and overall.
fn report(counts: &Counts) -> String {
    let f = |(t, s, g): (usize, usize, usize)| {
        let (p, r) = (t as f64 / s.max(1) as f64, t as f64 / g.max(1) as f64);
        (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    };
    let mut out = String::new();
    let mut all = (0, 0, 0);
    for kind in ["PER", "LOC", "ORG"] {
        let c = counts.get(kind).copied().unwrap_or_default();
        all = (all.0 + c.0, all.1 + c.1, all.2 + c.2);
        let (p, r, f1) = f(c);
        out.push_str(&format!("  {kind} P {p:.3} R {r:.3} F1 {f1:.3}\n"));
    }
    let (p, r, f1) = f(all);
    out.push_str(&format!("  all P {p:.3} R {r:.3} F1 {f1:.3}\n"));
    out
}

fn fit_examples(order: Vec<&Example>, opts: &Options, keep: usize) -> Model {
    // Several perceptrons, each over another shuffle, their averaged weights summed:
    // one shuffle's luck counts for less (the sum is pruned to the same size).
    let mut sum: HashMap<u32, [f32; N_LABELS]> = HashMap::new();
    for bag in 0..opts.bags.max(1) {
        let mut order = order.clone();
        let mut p = Perceptron::default();
        let mut rng = opts.seed.max(1).wrapping_add(bag as u64 * 0x9e37_79b9);
        for _ in 0..opts.epochs {
            shuffle(&mut order, &mut rng);
            for ex in &order {
                p.train_one(ex, opts.dropout, &mut rng);
            }
        }
        for (k, w) in p.averaged() {
            let row = sum.entry(k).or_default();
            for (a, b) in row.iter_mut().zip(w) {
                *a += b / opts.bags.max(1) as f32;
            }
        }
    }
    Model::quantise(sum, opts.step, keep)
}

fn fit(train: &[Article], opts: &Options) -> Model {
    let exs = examples(train);
    let first = fit_examples(exs.iter().collect(), opts, opts.keep);
    if opts.stack < 2 {
        return first;
    }
    // Jack-knife: each part's first-pass labels come from a model that never saw it.
    let size = exs.len().div_ceil(opts.stack);
    let mut stacked: Vec<Example> = Vec::with_capacity(exs.len());
    for k in 0..opts.stack {
        let (from, to) = ((k * size).min(exs.len()), ((k + 1) * size).min(exs.len()));
        let m = fit_examples(exs[..from].iter().chain(&exs[to..]).collect(), opts, opts.keep);
        let part = &exs[from..to];
        let labels: Vec<Vec<u8>> = part.iter().map(|e| m.tag(&e.features)).collect();
        for (e, l) in part.iter().zip(&labels) {
            stacked.push(Example { features: e.features.stacked(l), gold: e.gold.clone() });
        }
    }
    first.then(fit_examples(stacked.iter().collect(), opts, opts.stack_keep))
}

/// MIRSAD_ALIASES=1: for each gazetteer spelling matched in `arts`, how often the
/// match overlaps no gold name (and how often one of the same type), most suspect first.
fn alias_audit(arts: &[Article]) -> String {
    let lx = lexicon();
    let texts: Vec<&str> = arts.iter().map(|a| a.text.as_str()).collect();
    let docs = read_documents(&texts);
    // spelling → (matches, overlapping a gold name, of the same type, entity, an example)
    let mut stats: HashMap<String, (usize, usize, usize, usize, String)> = HashMap::new();
    for (doc, a) in docs.iter().zip(arts) {
        let gold = a.names();
        for (s, e, name, k) in super::recognize::known_matches(doc) {
            let st = stats.entry(name).or_insert((0, 0, 0, k, String::new()));
            st.0 += 1;
            let over: Vec<_> = gold.iter().filter(|g| g.0 < e && g.1 > s).collect();
            if !over.is_empty() {
                st.1 += 1;
            }
            if over.iter().any(|g| g.2 == lx.known[k].kind) {
                st.2 += 1;
            }
            if !over.iter().any(|g| g.2 == lx.known[k].kind) && st.4.is_empty() {
                let from = a.text[..s].char_indices().rev().nth(25).map_or(0, |c| c.0);
                let to = a.text[e..].char_indices().nth(25).map_or(a.text.len(), |c| e + c.0);
                st.4 = format!("{}⟦{}⟧{}", &a.text[from..s], &a.text[s..e], &a.text[e..to]).replace('\n', " ¶ ");
            }
        }
    }
    let mut rows: Vec<_> = stats.into_iter().collect();
    rows.sort_by_key(|(_, st)| std::cmp::Reverse((st.0 - st.2) * 100 / st.0.max(1) * (st.0 - st.2)));
    let mut out = String::from("spelling\tmatches\tno-gold\tsame-type\tentity\texample\n");
    for (name, (n, g, t, k, ex)) in rows {
        let e = &lx.known[k];
        out.push_str(&format!("{name}\t{n}\t{}\t{t}\t{}:{}\t{ex}\n", n - g, e.id, e.name_ar));
    }
    out
}

/// With `folds` ≥ 2: cross-validation on ANERcorp's first 90% (each fold a
/// stretch of it; AQMAR, if used, only ever trains), a report and no model.
/// Otherwise: the model trained on all of it, and a report of its size.
pub fn train(opts: &Options) -> Result<(Option<Model>, String), String> {
    let aner = read_conll(&opts.data.join("anercorp-train/train.conll"))?;
    // The last tenth is the project's test (tests/integration/anercorp.rs): never read.
    let usable = articles(&aner[..aner.len() - aner.len() / 10]);
    let aqmar = if opts.aqmar { articles(&read_conll(&opts.data.join("aqmar/all.conll"))?) } else { Vec::new() };
    if std::env::var_os("MIRSAD_ALIASES").is_some() {
        let arts: Vec<Article> = usable.iter().chain(&aqmar).cloned().collect();
        return Ok((None, alias_audit(&arts)));
    }
    let mut out = format!("{} ANERcorp pseudo-articles of {SENTENCES_PER_ARTICLE} sentences, {} from AQMAR\n", usable.len(), aqmar.len());
    if opts.test_aqmar {
        // Text of another kind (Wikipedia) with names ANERcorp never saw: a check
        // that a setting carries over to new text, beside the cross-validation.
        let other = articles(&read_conll(&opts.data.join("aqmar/all.conll"))?);
        let model = fit(&usable, opts);
        let (mut rules, mut tagged) = (Counts::new(), Counts::new());
        count(&other, None, &mut rules);
        count(&other, Some(&model), &mut tagged);
        out.push_str(&format!("trained on ANERcorp's first 90%, tested on AQMAR ({} pseudo-articles), rules only:\n{}", other.len(), report(&rules)));
        out.push_str(&format!("rules and tagger:\n{}", report(&tagged)));
        return Ok((None, out));
    }
    if opts.folds < 2 {
        let all: Vec<Article> = usable.into_iter().chain(aqmar).collect();
        let model = fit(&all, opts);
        out.push_str(&format!("{} features with weights, {} bytes\n", model.len(), model.to_bytes().len()));
        return Ok((Some(model), out));
    }
    let (mut rules, mut tagged) = (Counts::new(), Counts::new());
    let size = usable.len().div_ceil(opts.folds);
    for (k, dev) in usable.chunks(size).enumerate() {
        let train: Vec<Article> = usable.iter().take(k * size).chain(usable.iter().skip(k * size + dev.len())).chain(&aqmar).cloned().collect();
        let model = fit(&train, opts);
        let (mut fold_rules, mut fold_tagged) = (Counts::new(), Counts::new());
        if std::env::var_os("MIRSAD_SHOW").is_some() {
            eprintln!("FOLD {}", k + 1);
        }
        count(dev, None, &mut fold_rules);
        count(dev, Some(&model), &mut fold_tagged);
        out.push_str(&format!("fold {}: rules F1 {:.3}, with tagger {:.3}\n", k + 1, overall_f1(&fold_rules), overall_f1(&fold_tagged)));
        if std::env::var_os("MIRSAD_FOLD_TYPES").is_some() {
            out.push_str(&report(&fold_tagged));
        }
        for (total, fold) in [(&mut rules, fold_rules), (&mut tagged, fold_tagged)] {
            for (kind, (t, s, g)) in fold {
                let c = total.entry(kind).or_default();
                *c = (c.0 + t, c.1 + s, c.2 + g);
            }
        }
    }
    out.push_str(&format!("{}-fold cross-validation, rules only:\n{}", opts.folds, report(&rules)));
    out.push_str(&format!("rules and tagger:\n{}", report(&tagged)));
    Ok((None, out))
}

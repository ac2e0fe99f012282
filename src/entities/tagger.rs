//! The learned part of recognition: a greedy averaged-perceptron tagger over
//! hashed features (the word, its folded stems, affixes, shape, lexicon classes
//! of it and its neighbours, the rules' own tags, the previous tags).
//!
//! It labels every token of a document O or B-/I- PER, LOC, ORG. Its weights are
//! trained by `./build.sh train` (src/entities/train.rs) on ANERcorp and AQMAR and
//! committed as `data/model/tagger.bin`; the format is described at [`Model::from_bytes`].

use super::lexicon::Lexicon;
use super::recognize::Word;
use super::EntityType;
use compact_str::CompactString;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The labels, in the order of a weight row.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];
/// How many labels there are.
pub const N_LABELS: usize = LABELS.len();
/// The label outside any name.
pub const O: u8 = 0;

const MAGIC: &[u8; 4] = b"MTG3";
const MODEL_BYTES: &[u8] = include_bytes!("../../data/model/tagger.bin");

/// The label that begins (`begin`) or continues a name of type `kind`.
pub fn label(kind: EntityType, begin: bool) -> u8 {
    let base = match kind {
        EntityType::Per => 1,
        EntityType::Loc => 3,
        EntityType::Org => 5,
    };
    if begin {
        base
    } else {
        base + 1
    }
}

/// The type of a label and whether it begins a name; `None` for O.
pub fn kind_of(label: u8) -> Option<(EntityType, bool)> {
    match label {
        1 => Some((EntityType::Per, true)),
        2 => Some((EntityType::Per, false)),
        3 => Some((EntityType::Loc, true)),
        4 => Some((EntityType::Loc, false)),
        5 => Some((EntityType::Org, true)),
        6 => Some((EntityType::Org, false)),
        _ => None,
    }
}

/// May `next` follow `prev`? (I-X only inside an X.)
pub fn allowed(prev: u8, next: u8) -> bool {
    match kind_of(next) {
        Some((kind, false)) => kind_of(prev).is_some_and(|(k, _)| k == kind),
        _ => true,
    }
}

/// Trained weights: sorted feature hashes and one row of integer weights each,
/// in units of `step` (a weight `w` is kept as `round(w / step)`).
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    keys: Vec<u32>,
    rows: Vec<[i32; N_LABELS]>,
    step: f32,
    /// Open-addressing index over `keys` (row number + 1; 0 is empty): one probe
    /// per feature instead of a binary search, the tagger's hottest loop.
    slots: Vec<u32>,
    /// A second pass, stacked: it sees this pass's labels as features.
    next: Option<Box<Model>>,
}

fn index(keys: &[u32]) -> Vec<u32> {
    // At most one slot in eight taken: most features asked are in no row, and a
    // miss then ends at the first empty slot (one slot in two was 15% slower).
    let size = (keys.len() * 8).next_power_of_two().max(2);
    let mut slots = vec![0u32; size];
    for (i, k) in keys.iter().enumerate() {
        let mut at = (*k as usize) & (size - 1);
        while slots[at] != 0 {
            at = (at + 1) & (size - 1);
        }
        slots[at] = i as u32 + 1;
    }
    slots
}

fn put_varint(out: &mut Vec<u8>, v: u32) {
    crate::leb128::put(out, u64::from(v));
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Result<u32, String> {
    match crate::leb128::get(bytes, at) {
        Ok(v) => u32::try_from(v).map_err(|_| "tagger model: bad number".into()),
        Err(crate::leb128::ReadError::Truncated) => Err("tagger model: truncated".into()),
        Err(crate::leb128::ReadError::TooLong) => Err("tagger model: bad number".into()),
    }
}

impl Model {
    /// Build a model from `(feature, weights)` pairs, rounding weights to
    /// multiples of `step` (smaller ones become zero); rows left empty are dropped.
    /// Keeps the `keep` rows with the largest weights (L1), the model's size.
    pub fn quantise(weights: impl IntoIterator<Item = (u32, [f32; N_LABELS])>, step: f32, keep: usize) -> Model {
        let step = if step.is_finite() && step > 0.0 { step } else { 1.0 };
        let mut pairs: Vec<(u32, [i32; N_LABELS])> = weights
            .into_iter()
            .map(|(k, w)| {
                // A constant added to a whole row changes no decision: take each
                // row's median out, so rows like the bias keep zeros and small codes.
                let mut sorted = w;
                sorted.sort_by(f32::total_cmp);
                let median = sorted[N_LABELS / 2];
                (k, w.map(|x| ((x - median) / step).round().clamp(-1e9, 1e9) as i32))
            })
            .filter(|(_, r)| r.iter().any(|&x| x != 0))
            .collect();
        let l1 = |r: &[i32; N_LABELS]| r.iter().map(|x| i64::from(x.unsigned_abs())).sum::<i64>();
        pairs.sort_by(|a, b| l1(&b.1).cmp(&l1(&a.1)).then(a.0.cmp(&b.0)));
        pairs.truncate(keep);
        pairs.sort_by_key(|p| p.0);
        pairs.dedup_by_key(|p| p.0);
        let keys: Vec<u32> = pairs.iter().map(|p| p.0).collect();
        Model { slots: index(&keys), keys, rows: pairs.iter().map(|p| p.1).collect(), step, next: None }
    }

    /// How many features have weights (in every pass).
    pub fn len(&self) -> usize {
        self.keys.len() + self.next.as_ref().map_or(0, |n| n.len())
    }

    /// True when no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The file format: `MTG3`, the step (f32 LE), the row count (u32 LE), then per
    /// row in key order the key's distance from the previous key (LEB128), a byte
    /// whose bit `l` says label `l` has a weight, and those weights (zigzag LEB128);
    /// a stacked second pass, if any, follows in the same format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(12 + self.keys.len() * 6);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.step.to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (k, row) in self.keys.iter().zip(&self.rows) {
            put_varint(&mut out, k - prev);
            prev = *k;
            let mask = row.iter().enumerate().fold(0u8, |m, (l, &w)| if w != 0 { m | (1 << l) } else { m });
            out.push(mask);
            for &w in row.iter().filter(|&&w| w != 0) {
                put_varint(&mut out, ((w << 1) ^ (w >> 31)) as u32);
            }
        }
        if let Some(next) = &self.next {
            out.extend_from_slice(&next.to_bytes());
        }
        out
    }

    /// This model with a stacked second pass after it.
    pub fn then(mut self, next: Model) -> Model {
        self.next = Some(Box::new(next));
        self
    }


    /// Read the format of [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let head = bytes.get(..12).ok_or("tagger model: shorter than its header")?;
        if &head[..4] != MAGIC {
            return Err("tagger model: not an MTG3 file".into());
        }
        let step = f32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        if !(step.is_finite() && step > 0.0) {
            return Err("tagger model: bad weight step".into());
        }
        let n = u32::from_le_bytes([head[8], head[9], head[10], head[11]]) as usize;
        // A row takes at least two bytes: never reserve more than the file can hold.
        let cap = n.min(bytes.len() / 2);
        let (mut keys, mut rows) = (Vec::with_capacity(cap), Vec::with_capacity(cap));
        let mut at = 12;
        let mut key = 0u32;
        for i in 0..n {
            let d = get_varint(bytes, &mut at)?;
            if i > 0 && d == 0 {
                return Err("tagger model: keys out of order".into());
            }
            key = key.checked_add(d).ok_or("tagger model: keys out of order")?;
            let mask = *bytes.get(at).ok_or("tagger model: truncated")?;
            at += 1;
            let mut row = [0i32; N_LABELS];
            for (l, w) in row.iter_mut().enumerate() {
                if mask & (1 << l) != 0 {
                    let z = get_varint(bytes, &mut at)?;
                    *w = ((z >> 1) as i32) ^ -((z & 1) as i32);
                }
            }
            keys.push(key);
            rows.push(row);
        }
        let next = if at == bytes.len() { None } else { Some(Box::new(Model::from_bytes(&bytes[at..])?)) };
        Ok(Model { slots: index(&keys), keys, rows, step, next })
    }

    fn row(&self, feature: u32) -> Option<&[i32; N_LABELS]> {
        let mask = self.slots.len() - 1;
        let mut at = (feature as usize) & mask;
        loop {
            let i = *self.slots.get(at)? as usize;
            if i == 0 {
                return None;
            }
            if self.keys[i - 1] == feature {
                return self.rows.get(i - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// Label every token: this pass, then the stacked one (if any) seeing its labels.
    pub fn tag(&self, features: &StaticFeatures) -> Vec<u8> {
        let labels = self.tag_pass(features);
        match &self.next {
            Some(next) => next.tag(&features.stacked(&labels)),
            None => labels,
        }
    }

    fn scores_at(&self, features: &StaticFeatures, i: usize, labels: &[u8], dynamic: &mut Vec<u32>) -> [f32; N_LABELS] {
        dynamic.clear();
        features.dynamic_at(i, labels, dynamic);
        let mut sums = [0i64; N_LABELS];
        for f in features.at(i).iter().chain(dynamic.iter()) {
            if let Some(row) = self.row(*f) {
                for (s, &w) in sums.iter_mut().zip(row) {
                    *s += i64::from(w);
                }
            }
        }
        sums.map(|s| s as f32)
    }

    /// Label every token, left to right, each label seeing the ones before it.
    fn tag_pass(&self, features: &StaticFeatures) -> Vec<u8> {
        let mut dynamic = Vec::new();
        let mut labels: Vec<u8> = Vec::with_capacity(features.len());
        for i in 0..features.len() {
            let scores = self.scores_at(features, i, &labels, &mut dynamic);
            let prev = labels.last().copied().unwrap_or(O);
            labels.push(best_label(&scores, prev));
        }
        labels
    }
}

/// The best-scoring label that may follow `prev` (ties to the lower label).
pub fn best_label(scores: &[f32; N_LABELS], prev: u8) -> u8 {
    (0..N_LABELS as u8).filter(|&l| allowed(prev, l)).max_by(|&a, &b| scores[a as usize].total_cmp(&scores[b as usize]).then(b.cmp(&a))).unwrap_or(O)
}

/// The committed model, read on first use; `None` if the file is empty or bad.
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES).ok().filter(|m| !m.is_empty())).as_ref()
}

// Feature templates: each feature is the hash of a template number and its values.
const BIAS: u8 = 0;
const WORD: u8 = 1;
const WORD_AT: u8 = 2; // with a relative position
const STEM: u8 = 3;
const PREFIX: u8 = 4;
const SUFFIX: u8 = 5;
const SHAPE: u8 = 6;
const CLASS_AT: u8 = 7;
const RULE_AT: u8 = 8;
const BIGRAM_BEFORE: u8 = 9;
const BIGRAM_AFTER: u8 = 10;
const STEM_CLASS: u8 = 11;
const LINE_START: u8 = 12;
const OPEN: u8 = 13;
/// How many of a token's static features name the word itself (they come first).
const LEXICAL: usize = 3;
const PREV_LABEL: u8 = 20;
const PREV_TWO_LABELS: u8 = 21;
const PREV_LABEL_WORD: u8 = 22;
const PREV_LABEL_RULE: u8 = 23;
const EARLIER_LABEL: u8 = 24;
const STACK_AT: u8 = 30;
const STACK_PAIR: u8 = 31;
const STACK_DOC: u8 = 32;

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

fn mix(mut h: u32, bytes: &[u8]) -> u32 {
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Features live in 2^22 buckets: the few thousand kept then lie close enough
/// for their distances to take two bytes, and a stray collision costs little.
const FEATURE_BITS: u32 = 22;

/// Hash of a template and its parts (parts separated by a byte no UTF-8 text has).
fn hash(template: u8, parts: &[&[u8]]) -> u32 {
    let mut h = mix(FNV_OFFSET, &[template]);
    for p in parts {
        h = mix(h, &[0xff]);
        h = mix(h, p);
    }
    (h ^ (h >> FEATURE_BITS)) & ((1 << FEATURE_BITS) - 1)
}

/// Names of the lexicon classes a word can be in; bit `b` of [`classes`] is `CLASS_NAMES[b]`.
const CLASS_NAMES: [&str; 16] = [
    "given-ar", "given-foreign", "common", "function", "title", "nationality", "org-head", "org-adjective",
    "org-descriptor", "loc-descriptor", "connector", "definite", "speech-verb", "known-per", "known-loc", "known-org",
];
/// The classes that leave a word open (a name word no list rules out): given names, known names.
const OPEN_CLASSES: u16 = 0b1110_0000_0000_0011;

/// The lexicon classes of a folded word (titles, given names, triggers…), as bits:
/// one lookup in `lx.word_classes` (see [`class_table`]), and the article.
fn classes(lx: &Lexicon, w: &str) -> u16 {
    let definite = if w.starts_with("ال") { 1 << class_bit("definite") } else { 0 };
    lx.word_classes.get(w).copied().unwrap_or(0) | definite
}

fn class_bit(name: &str) -> u16 {
    CLASS_NAMES.iter().position(|c| *c == name).unwrap_or(0) as u16
}

/// Every word in a class of `lx` → its class bits (all but `definite`, which is
/// the word's own first letters), made once when the lexicon loads: a word's
/// classes were a dozen lookups, and every word of every article asks.
pub(crate) fn class_table(lx: &Lexicon) -> FxHashMap<String, u16> {
    let mut table: FxHashMap<String, u16> = FxHashMap::default();
    let mut add = |words: &mut dyn Iterator<Item = String>, class: &str| {
        let bit = 1u16 << class_bit(class);
        // A token never holds a space: names of two words are never asked.
        for w in words.filter(|w| !w.contains(' ')) {
            *table.entry(w).or_default() |= bit;
        }
    };
    add(&mut lx.given_arabic.iter().cloned(), "given-ar");
    add(&mut lx.given_foreign.iter().cloned(), "given-foreign");
    add(&mut lx.common_words.iter().chain(&lx.common_definite).cloned(), "common");
    add(&mut lx.function_words.iter().cloned(), "function");
    add(&mut lx.person_titles.iter().chain(&lx.bare_titles).cloned(), "title");
    add(&mut lx.nationality.keys().cloned(), "nationality");
    // An organisation head also with the article (`الوزارة`), a speech verb also with و (`وقال`).
    add(&mut lx.org_heads.iter().flat_map(|h| [h.clone(), format!("ال{h}")]), "org-head");
    add(&mut lx.org_adjectives.iter().cloned(), "org-adjective");
    add(&mut lx.org_descriptors.iter().cloned(), "org-descriptor");
    add(&mut lx.loc_descriptors.iter().cloned(), "loc-descriptor");
    add(&mut lx.person_connectors.iter().cloned(), "connector");
    add(&mut lx.speech_verbs.iter().flat_map(|v| [v.clone(), format!("و{v}")]), "speech-verb");
    for (name, &k) in lx.names.iter().filter(|(n, _)| !n.contains(' ')) {
        let class = match lx.known[k].kind {
            EntityType::Per => "known-per",
            EntityType::Loc => "known-loc",
            EntityType::Org => "known-org",
        };
        add(&mut std::iter::once(name.clone()), class);
    }
    table
}

/// The names of the classes in `bits`, in bit order.
fn class_names(bits: u16) -> impl Iterator<Item = &'static str> {
    CLASS_NAMES.iter().enumerate().filter(move |(b, _)| bits & (1 << b) != 0).map(|(_, n)| *n)
}

fn shape(w: &Word) -> [u8; 2] {
    let kind = if !w.is_word {
        if w.norm.chars().any(|c| c.is_ascii_digit()) {
            b'D'
        } else {
            b'P'
        }
    } else if w.norm.is_ascii() {
        b'L'
    } else {
        b'A'
    };
    let len = match w.norm.chars().count() {
        0..=2 => b'1',
        3 => b'3',
        4..=5 => b'4',
        6..=7 => b'6',
        _ => b'8',
    };
    [kind, len]
}

/// The features of each token that do not depend on the labels chosen.
#[derive(Clone)]
pub struct StaticFeatures {
    /// Every token's features, one after the other; token `i`'s are `starts[i]..starts[i + 1]`.
    features: Vec<u32>,
    starts: Vec<usize>,
    /// Folded word and rule label of each token, for the label-dependent features.
    words: Vec<(CompactString, u8)>,
    /// The last token before each one with the same word (proclitics aside):
    /// the label given there is a feature, so a name keeps its type in a story.
    earlier: Vec<Option<usize>>,
    /// The first token with the same word (proclitics aside), as `earlier`.
    group: Vec<Option<usize>>,
}

impl StaticFeatures {
    /// Features of the words of one document, given the rules' labels for them.
    pub(crate) fn new(lx: &Lexicon, ws: &[Word], rule_labels: &[u8]) -> StaticFeatures {
        let norm = |i: isize| -> &str {
            if i < 0 {
                "<s>"
            } else {
                ws.get(i as usize).map(|w| w.norm).unwrap_or("</s>")
            }
        };
        let rule = |i: isize| -> u8 {
            if i < 0 {
                7
            } else {
                rule_labels.get(i as usize).copied().unwrap_or(7)
            }
        };
        // `علي` written with ي is the given name, not `على` (they fold alike).
        let function_bit = 1u16 << class_bit("function");
        let given_bit = 1u16 << class_bit("given-ar");
        let word_classes: Vec<u16> = ws.iter().map(|w| classes(lx, w.norm)).zip(ws).map(|(c, w)| if w.final_yeh && c & given_bit != 0 { c & !function_bit } else { c }).collect();
        let mut f: Vec<u32> = Vec::with_capacity(ws.len() * 40);
        let mut starts = Vec::with_capacity(ws.len() + 1);
        for (i, w) in ws.iter().enumerate() {
            let ii = i as isize;
            starts.push(f.len());
            // The word's own identity first (LEXICAL of them; see `unlexical_at`).
            f.push(hash(WORD, &[w.norm.as_bytes()]));
            f.push(hash(BIGRAM_BEFORE, &[norm(ii - 1).as_bytes(), w.norm.as_bytes()]));
            f.push(hash(BIGRAM_AFTER, &[w.norm.as_bytes(), norm(ii + 1).as_bytes()]));
            f.push(hash(BIAS, &[]));
            for d in [-2isize, -1, 1, 2] {
                f.push(hash(WORD_AT, &[&[d as u8], norm(ii + d).as_bytes()]));
            }
            if w.is_word {
                let n_chars = w.norm.chars().count();
                for n in 1..=3usize {
                    if n_chars > n {
                        let prefix_end = w.norm.char_indices().nth(n).map_or(w.norm.len(), |c| c.0);
                        let suffix_start = w.norm.char_indices().nth(n_chars - n).map_or(0, |c| c.0);
                        f.push(hash(PREFIX, &[&w.norm.as_bytes()[..prefix_end]]));
                        f.push(hash(SUFFIX, &[&w.norm.as_bytes()[suffix_start..]]));
                    }
                }
                for (_, stem) in w.readings.iter().skip(1) {
                    f.push(hash(STEM, &[stem.as_bytes()]));
                }
                for (_, stem) in w.readings.iter().skip(1) {
                    for c in class_names(classes(lx, stem)) {
                        f.push(hash(STEM_CLASS, &[c.as_bytes()]));
                    }
                }
            }
            f.push(hash(SHAPE, &[&shape(w)]));
            if i == 0 || !ws[i - 1].joined_to_next {
                f.push(hash(LINE_START, &[]));
            }
            let open = w.is_word && word_classes[i] & !OPEN_CLASSES == 0;
            for d in [-2isize, -1, 0, 1, 2] {
                let j = ii + d;
                if j >= 0 && (j as usize) < ws.len() {
                    for c in class_names(word_classes[j as usize]) {
                        f.push(hash(CLASS_AT, &[&[d as u8, u8::from(open)], c.as_bytes()]));
                    }
                }
            }
            if open {
                f.push(hash(OPEN, &[]));
                f.push(hash(OPEN, &[norm(ii - 1).as_bytes()]));
            }
            for d in [-1isize, 0, 1] {
                f.push(hash(RULE_AT, &[&[d as u8, rule(ii + d)]]));
            }
        }
        starts.push(f.len());
        let words = ws.iter().zip(rule_labels.iter().chain(std::iter::repeat(&O))).map(|(w, r)| (CompactString::from(w.norm), *r)).collect();
        let mut last_seen: FxHashMap<&str, usize> = FxHashMap::default();
        let mut first_seen: FxHashMap<&str, usize> = FxHashMap::default();
        let mut group = Vec::with_capacity(ws.len());
        let earlier = ws
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let key = w.readings.last().map_or(w.norm, |r| r.1.as_str());
                if !w.is_word || key.chars().count() < 3 || lx.function_words.contains(key) {
                    group.push(None);
                    return None;
                }
                group.push(Some(*first_seen.entry(key).or_insert(i)));
                last_seen.insert(key, i)
            })
            .collect();
        StaticFeatures { features: f, starts, words, earlier, group }
    }

    /// How many tokens.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// These features and, for a stacked pass, features of a first pass's
    /// `labels`: the label at and around each token, and the type the same word
    /// got most often in the document.
    pub fn stacked(&self, labels: &[u8]) -> StaticFeatures {
        let n = self.len();
        let at = |i: isize| -> u8 {
            if i < 0 || i as usize >= n {
                8
            } else {
                labels.get(i as usize).copied().unwrap_or(O)
            }
        };
        let kind = |l: u8| (l + 1) / 2; // 0 O, 1 PER, 2 LOC, 3 ORG
        let mut votes: FxHashMap<usize, [u32; 4]> = FxHashMap::default();
        for (i, g) in self.group.iter().enumerate() {
            if let Some(g) = g {
                votes.entry(*g).or_default()[kind(at(i as isize)) as usize] += 1;
            }
        }
        let mut f = Vec::with_capacity(self.features.len() + n * 10);
        let mut starts = Vec::with_capacity(n + 1);
        for i in 0..n {
            starts.push(f.len());
            f.extend_from_slice(self.at(i));
            let ii = i as isize;
            for d in [-2isize, -1, 0, 1, 2] {
                f.push(hash(STACK_AT, &[&[d as u8, at(ii + d)]]));
            }
            f.push(hash(STACK_PAIR, &[&[0, at(ii - 1), at(ii)]]));
            f.push(hash(STACK_PAIR, &[&[1, at(ii), at(ii + 1)]]));
            if let Some(v) = self.group[i].and_then(|g| votes.get(&g)) {
                let total: u32 = v.iter().sum();
                let named = total - v[0];
                let major = (1..4u8).max_by_key(|&k| (v[k as usize], std::cmp::Reverse(k))).filter(|_| named > 0).unwrap_or(0);
                let share = if named == 0 { 0u8 } else if named * 2 < total { 1 } else if named < total { 2 } else { 3 };
                f.push(hash(STACK_DOC, &[&[0, major, share]]));
                f.push(hash(STACK_DOC, &[&[1, major, at(ii)]]));
                f.push(hash(STACK_DOC, &[&[2, major, share, u8::from(total > 1)]]));
            }
        }
        starts.push(f.len());
        StaticFeatures { features: f, starts, words: self.words.clone(), earlier: self.earlier.clone(), group: self.group.clone() }
    }

    /// True for a document without tokens.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The static features of token `i`.
    pub fn at(&self, i: usize) -> &[u32] {
        &self.features[self.starts[i]..self.starts[i + 1]]
    }

    /// The static features of token `i` without those naming the word itself:
    /// training sometimes hides them, so that words it has not seen are judged
    /// by their shape and context as well as seen ones are.
    pub fn unlexical_at(&self, i: usize) -> &[u32] {
        &self.at(i)[LEXICAL..]
    }

    /// The features of token `i` that depend on the labels before it.
    pub fn dynamic_at(&self, i: usize, labels: &[u8], out: &mut Vec<u32>) {
        let prev = if i >= 1 { labels.get(i - 1).copied().unwrap_or(O) } else { 8 };
        let prev2 = if i >= 2 { labels.get(i - 2).copied().unwrap_or(O) } else { 8 };
        let (word, rule) = &self.words[i];
        out.push(hash(PREV_LABEL, &[&[prev]]));
        out.push(hash(PREV_TWO_LABELS, &[&[prev2, prev]]));
        out.push(hash(PREV_LABEL_WORD, &[&[prev], word.as_bytes()]));
        if let Some(j) = self.earlier[i] {
            let there = labels.get(j).copied().unwrap_or(O);
            out.push(hash(EARLIER_LABEL, &[&[there]]));
            out.push(hash(EARLIER_LABEL, &[&[there, prev]]));
        }
        out.push(hash(PREV_LABEL_RULE, &[&[prev, *rule]]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_bytes_round_trip() {
        let m = Model::quantise([(7u32, [0.5, -1.0, 0.0, 0.0, 0.0, 0.0, 2000.0]), (3, [5.0; 7]), (900_000, [0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])], 0.1, 10);
        assert_eq!(Model::quantise([(1u32, [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]), (2, [9.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])], 0.1, 1).keys, [2], "the heavier row stays");
        assert_eq!(m.len(), 2, "a row of equal weights decides nothing and is dropped");
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
        assert_eq!(m.row(7), Some(&[5, -10, 0, 0, 0, 0, 20000]));
    }

    #[test]
    fn bad_model_bytes_are_an_error_not_a_panic() {
        assert!(Model::from_bytes(b"").is_err());
        assert!(Model::from_bytes(b"XXXXxxxxxxxx").is_err());
        let mut b = Model::quantise([(7u32, [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]), (9, [2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])], 0.1, 10).to_bytes();
        b.truncate(b.len() - 1);
        assert!(Model::from_bytes(&b).is_err());
        let one = 1f32.to_le_bytes();
        assert!(Model::from_bytes(&[b"MTG3".as_slice(), &one, &u32::MAX.to_le_bytes()].concat()).is_err());
        assert!(Model::from_bytes(&[b"MTG3".as_slice(), &f32::NAN.to_le_bytes(), &[0; 4]].concat()).is_err());
        assert!(Model::from_bytes(&[b"MTG3".as_slice(), &one, &1u32.to_le_bytes(), &[0xff; 6]].concat()).is_err());
    }

    #[test]
    fn labels_stay_well_formed() {
        assert!(!allowed(O, label(EntityType::Per, false)));
        assert!(allowed(label(EntityType::Per, true), label(EntityType::Per, false)));
        assert!(!allowed(label(EntityType::Loc, true), label(EntityType::Per, false)));
    }
}

//! Stage 5: search over the articles.
//!
//! # Matching
//! Every word of an article is indexed under its folded form (`text::normalize`)
//! and its readings without proclitics and article (`وروسيا` → `روسيا`,
//! `للصواريخ` → `صواريخ`). Each indexed word is also listed under its light stem
//! and its transliteration key ([`terms`]), so a query word reaches, from the
//! closest to the loosest:
//!
//! | match | weight | example (query → text) |
//! |---|---|---|
//! | exact form | [`EXACT`] | `روسيا` → `روسيا` (and `وروسيا`, slightly less: [`READING_FACTOR`]) |
//! | a reading of the query word | [`QUERY_READING`] | `وروسيا` → `روسيا` |
//! | two words written as one, or one as two | [`JOIN`] | `بيونغيانغ` ↔ `بيونغ يانغ` |
//! | light stem | [`STEM`] | `صواريخ` → `صواريخها` |
//! | transliteration variant | up to [`VARIANT`] | `بيونج` → `بيونغ` |
//! | prefix of the last word, as you type | [`PREFIX`] | `بيون` → `بيونغ` |
//! | one edit (4+ letters), two (8+), for a word found in fewer than 5 articles | [`TYPO`] | `بوتبن` → `بوتين` |
//!
//! Joined and split words are found at query time (adjacent query words looked
//! up as one word; a query word looked up as two adjacent words), which matches
//! the same texts as indexing every pair of adjacent words without doubling the
//! index.
//!
//! # Ranking
//! BM25 ([`K1`], [`B`]) per query word, where each occurrence counts by its match
//! weight, and a word's score is scaled by its best match, so a text with the
//! exact word ranks above one with only looser matches; occurrences in the
//! headline count [`TITLE_BOOST`] more, boilerplate ones [`BOILERPLATE_FACTOR`].
//! Then a bonus for query words close together ([`PROXIMITY`]) and for phrases
//! (`"…"`, any quotation mark; a phrase is required), a boost for the articles of
//! an entity the query names ([`ENTITY_BOOST`]), and the score is scaled by the
//! share of query words matched. Ties keep article order.
//!
//! The index lives in memory (built in the page, or loaded piece by piece from
//! an archive: [`archive`]).

pub mod archive;
mod snippet;
mod terms;

use crate::model::Analysis;
use crate::offsets::Span;
use crate::text::normalize::fold;
use crate::text::{tokenize, Document, TokenKind};
use serde::Serialize;
use snippet::Mark;
use std::borrow::Cow;
use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};
use terms::EditBuffers;

/// The stems a single word is indexed and looked up under: the light stem of the
/// word and of each of its readings (without proclitics, article, future prefix).
/// Two words match by stem when these share one. Public for the stemmer
/// comparison (tests/integration/stemming.rs) and for debugging.
pub fn word_stems(word: &str) -> Vec<String> {
    let norm = fold(word);
    let mut keys = Vec::new();
    terms::word_keys(word, &norm, &mut keys);
    let mut stems: Vec<String> = keys.into_iter().map(|(k, _)| terms::stem(&k).unwrap_or(k)).collect();
    stems.sort();
    stems.dedup();
    stems
}

/// The shortest of a word's light stems (`والعقوبات` → `عقوب`): one key per
/// word for comparing sentences (the timeline). `keys` is a reusable buffer.
pub(crate) fn shortest_stem(raw: &str, norm: &str, keys: &mut Vec<(String, bool)>) -> Option<String> {
    terms::word_keys(raw, norm, keys);
    keys.iter().map(|(k, _)| terms::stem(k).unwrap_or_else(|| k.clone())).min_by_key(|s| s.chars().count())
}

/// BM25 term-frequency saturation: how quickly repeated occurrences stop adding.
pub const K1: f32 = 1.2;
/// BM25 length normalisation, `0..=1`: how much a long article is penalised.
pub const B: f32 = 0.75;
/// Extra weight of an occurrence in the headline (1.0 counts it twice).
pub const TITLE_BOOST: f32 = 1.0;
/// Factor of an occurrence inside boilerplate (masthead, related links, …).
pub const BOILERPLATE_FACTOR: f32 = 0.25;
/// The query word as typed.
pub const EXACT: f32 = 1.0;
/// Factor of an occurrence found through a reading of the text's word
/// (a proclitic or the article stripped).
pub const READING_FACTOR: f32 = 0.9;
/// A reading of the query word (its proclitics or article stripped).
pub const QUERY_READING: f32 = 0.85;
/// Adjacent query words found as one word of the text, or the reverse.
pub const JOIN: f32 = 0.9;
/// Same light stem.
pub const STEM: f32 = 0.7;
/// Same transliteration key, at most; scaled down by how different the spellings are.
pub const VARIANT: f32 = 0.65;
/// A word the last query word is a prefix of (at most; longer completions less).
pub const PREFIX: f32 = 0.55;
/// Factor of the completions of a word being typed that is itself a common word.
pub const COMPLETE_WORD_PREFIX: f32 = 0.5;
/// A word one edit away; two edits away.
pub const TYPO: [f32; 2] = [0.4, 0.3];
/// Factor of a stem or spelling-variant match of a reading of a query word that
/// is rare as typed: two guesses (a proclitic, then a suffix or a spelling) on
/// what may be a misspelling weigh less than one edit (`بوتبن` is `بوتين`, not
/// `ب` + a form of `وتبنى`).
pub const RARE_READING_STEM: f32 = 0.3;
/// Bonus for two consecutive query words found close together, times the
/// rarer word's IDF and the weights of the two matches, divided by their
/// distance in words (`ميكانيكا الكم` written so beats `الميكانيكا الكمومية`).
pub const PROXIMITY: f32 = 0.5;
/// Query words further apart than this many words get no proximity bonus.
pub const PROXIMITY_WINDOW: u32 = 8;
/// Bonus for a phrase found, times the sum of its words' IDF.
pub const PHRASE_BONUS: f32 = 0.5;
/// Boost of an article that mentions an entity named by the query, times the
/// entity's IDF and the number of query words its name covers.
pub const ENTITY_BOOST: f32 = 0.5;

/// Weight of an entity mention when choosing the passage to show.
const ENTITY_MARK: f32 = 0.5;
/// Query words beyond this many are ignored.
const MAX_TERMS: usize = 32;
/// A query is read up to this many bytes.
const MAX_QUERY_BYTES: usize = 4096;
/// A reading (proclitic stripped) of the word being typed is used as a prefix
/// from this many letters.
const MIN_READING_PREFIX: usize = 4;
/// A query word found as written in this many documents is taken as spelt
/// right: no typo variants are looked for (they would rank below it anyway,
/// and scanning the vocabulary is the costliest part of a query).
const TYPO_RARE_DOCS: usize = 5;
/// A reading of the query word (proclitic stripped) is matched by
/// transliteration key only when the key has more letters than this, or the
/// word as typed is found in fewer than [`TYPO_RARE_DOCS`] documents.
const MIN_READING_KEY: usize = 3;
/// A reading of a query word (proclitic or article stripped) is looked up when
/// it has at least this many letters.
const MIN_QUERY_READING_CHARS: usize = 3;
/// Words a prefix may expand to (the most frequent are kept).
const MAX_PREFIX_WORDS: usize = 64;
/// Entity names up to this many words are looked for in the query.
const MAX_ENTITY_WORDS: usize = 6;
/// Words longer than this (in letters) are not matched with typos.
const MAX_BUCKET: usize = 48;

/// A fast, non-cryptographic hash (the Fx hash of rustc) for the index's maps:
/// their keys are words of the user's own articles, not hostile input, and
/// SipHash was a fifth of the time spent building the index.
#[derive(Clone, Copy, Default)]
struct FxHasher(u64);

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline(always)]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline(always)]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            if let Some(w) = word.get_mut(..rest.len()) {
                w.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 59);
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The distinct words met while building an index, each with the range of its
/// ids: open addressing over one byte arena. The build looks every token up
/// here; through `HashMap<CompactString, _>` the size-optimised wasm build made
/// three calls out of line per lookup (hash, key bytes, compare), a sixth of
/// the build. A slot holds the hash's high half beside its entry, so a probe
/// that misses reads nothing else; an entry holds all there is to know of its
/// word but the bytes (each read is a cache miss in a big index).
#[derive(Default)]
struct SeenWords {
    /// (high 32 bits of the hash) << 32 | entry + 1, 0 when empty; a power of
    /// two long, at most half full.
    slots: Vec<u64>,
    entries: Vec<SeenWord>,
    arena: Vec<u8>,
}

struct SeenWord {
    /// The word in `arena`.
    start: u32,
    len: u32,
    value: (u32, u32),
}

impl SeenWords {
    #[inline(always)]
    fn hash(word: &[u8]) -> u64 {
        let mut h = FxHasher::default();
        h.write(word);
        h.0
    }

    /// The first slot to probe: the hash's low bits mixed with its high bits
    /// (FxHash's low bits mix least; the high half is the tag).
    #[inline(always)]
    fn home(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.slots.len().wrapping_sub(1)
    }

    #[inline(always)]
    fn get(&self, word: &[u8], hash: u64) -> Option<(u32, u32)> {
        let mask = self.slots.len().checked_sub(1)?;
        let tag = hash >> 32;
        let mut i = self.home(hash);
        loop {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            if slot >> 32 == tag {
                let e = self.entries.get((slot as u32 as usize).wrapping_sub(1))?;
                if self.arena.get(e.start as usize..(e.start + e.len) as usize) == Some(word) {
                    return Some(e.value);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Add a word not in the table.
    fn insert(&mut self, word: &[u8], hash: u64, value: (u32, u32)) {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            let grown = vec![0; (self.slots.len() * 2).max(1024)];
            let old = std::mem::replace(&mut self.slots, grown);
            for slot in old.into_iter().filter(|&s| s != 0) {
                // The hash's high half is in the slot; rehoming needs the whole
                // hash: recompute it from the word.
                let Some(e) = self.entries.get((slot as u32 as usize).wrapping_sub(1)) else { continue };
                let h = Self::hash(self.arena.get(e.start as usize..(e.start + e.len) as usize).unwrap_or(&[]));
                self.place(h, slot);
            }
        }
        self.entries.push(SeenWord { start: self.arena.len() as u32, len: word.len() as u32, value });
        self.arena.extend_from_slice(word);
        self.place(hash, (hash >> 32) << 32 | self.entries.len() as u64);
    }

    fn place(&mut self, hash: u64, slot: u64) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        while self.slots.get(i).is_some_and(|&s| s != 0) {
            i = (i + 1) & mask;
        }
        if let Some(s) = self.slots.get_mut(i) {
            *s = slot;
        }
    }
}

/// The search index of a corpus.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Indexed words (folded forms and readings); a word's id is its position.
    words: Vec<String>,
    ids: HashMap<String, u32>,
    /// Occurrences of every word, each word's together, by document then position.
    occs: Vec<Occ>,
    /// Where each word's occurrences lie in `occs`: (start, count).
    spans: Vec<(u32, u32)>,
    /// Number of documents each word occurs in.
    df: Vec<u32>,
    /// Word ids by light stem (a word without a stem is listed under itself).
    stems: HashMap<String, Vec<u32>>,
    /// Word ids by transliteration key.
    variants: HashMap<String, Vec<u32>>,
    /// Word ids in the words' order, for prefixes.
    sorted: Vec<u32>,
    /// Words by length in letters, for typos.
    by_len: Vec<Bucket>,
    /// Number of words in each document.
    doc_len: Vec<u32>,
    avg_len: f32,
    /// Entity indices (into `Analysis::entities`) by name key of their name and aliases.
    entity_keys: HashMap<String, Vec<u32>>,
    /// Documents that mention each entity.
    entity_docs: Vec<Vec<u32>>,
    /// Each entity's id and type flag.
    entity_info: Vec<(String, u8)>,
    /// Each document's date and outlet.
    meta: Vec<DocMeta>,
    /// Folded outlet names.
    outlets: Vec<String>,
}

/// The words of one length, decoded: word `i` is `chars[i * len..(i + 1) * len]`.
#[derive(Clone, Debug, Default)]
struct Bucket {
    ids: Vec<u32>,
    chars: Vec<char>,
    /// The letters of each word as a set of bits ([`letter_mask`]).
    masks: Vec<u64>,
}

/// The set of letters of a word, hashed to 64 bits. A word `d` edits away
/// from another lacks at most `d` of its letters, so it lacks at most `d` of
/// these bits: a cheap test before the edit distance.
fn letter_mask(word: &[char]) -> u64 {
    word.iter().fold(0, |m, &c| m | 1u64 << (u32::from(c) % 64))
}

/// One occurrence of an indexed word: document (24 bits), token index (32),
/// flags (8), in one `u64` so that ordering by the number orders by document
/// then position, and an index of 10,000 articles' 5 million occurrences
/// takes 8 bytes each (its build fills a zeroed array, which is free).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(transparent)]
struct Occ(u64);

/// Documents an index can hold: [`Occ`] gives the document 24 bits.
const MAX_DOCS: usize = 1 << 24;

impl Occ {
    fn new(doc: u32, pos: u32, flags: u8) -> Occ {
        Occ(u64::from(doc) << 40 | u64::from(pos) << 8 | u64::from(flags))
    }
    fn doc(self) -> u32 {
        (self.0 >> 40) as u32
    }
    fn pos(self) -> u32 {
        (self.0 >> 8) as u32
    }
    fn flags(self) -> u8 {
        self.0 as u8
    }
}

const READING: u8 = 1;
const IN_TITLE: u8 = 2;
const IN_BOILERPLATE: u8 = 4;
/// The occurrence lies inside a mention of a person, place, organisation.
const IN_PER: u8 = 8;
const IN_LOC: u8 = 16;
const IN_ORG: u8 = 32;
const ENTITY_TYPES: u8 = IN_PER | IN_LOC | IN_ORG;

/// The flag of an entity type (`PER`, `LOC`, `ORG`), 0 for any other.
fn type_flag(kind: &str) -> u8 {
    match kind {
        "PER" => IN_PER,
        "LOC" => IN_LOC,
        "ORG" => IN_ORG,
        _ => 0,
    }
}

/// What a search is restricted to. Every field left empty restricts nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only articles that mention this entity (its id).
    pub entity: Option<String>,
    /// Only occurrences inside a mention of this type (`PER`, `LOC`, `ORG`):
    /// `جورجيا` the country, not the person.
    pub kind: Option<String>,
    /// Only articles of this outlet (compared folded, so spelling variants of
    /// its name match).
    pub outlet: Option<String>,
    /// Only articles published on or after the start of this date (any DATE
    /// value: `2024`, `2024-06`, `2024-06-19`).
    pub from: Option<String>,
    /// Only articles published on or before the end of this date.
    pub to: Option<String>,
}

impl Filters {
    /// The filters a caller may get wrong, checked: a type other than the
    /// three, a date that is not a date, a range that ends before it starts.
    pub fn check(&self) -> Result<(), String> {
        if let Some(k) = self.kind.as_deref().filter(|k| type_flag(k) == 0) {
            return Err(format!("unknown entity type {k:?}: PER, LOC or ORG"));
        }
        for d in [&self.from, &self.to].into_iter().flatten() {
            if crate::time::Period::of(d).is_none() {
                return Err(format!("{d:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"));
            }
        }
        if let (Some(a), Some(b)) = (self.first_day(), self.last_day()) {
            if a > b {
                return Err(format!("the date range ends before it starts ({} > {})", self.from.as_deref().unwrap_or(""), self.to.as_deref().unwrap_or("")));
            }
        }
        Ok(())
    }

    fn first_day(&self) -> Option<i64> {
        self.from.as_deref().and_then(crate::time::Period::of).map(|p| p.first)
    }

    fn last_day(&self) -> Option<i64> {
        self.to.as_deref().and_then(crate::time::Period::of).map(|p| p.last)
    }
}

/// What the filters need to know of a document.
#[derive(Clone, Copy, Debug, Default)]
struct DocMeta {
    /// Publication day ([`crate::time::Date::day_number`]).
    day: Option<i64>,
    /// Index into `outlets`.
    outlet: Option<u32>,
}

/// The answer to one query (INTERFACE.md, "Search from the command line").
#[derive(Clone, Debug, Serialize)]
pub struct SearchResponse {
    /// The query as given.
    pub query: String,
    /// Time taken, in microseconds (measured by the caller).
    pub took_us: u64,
    /// Ranked results.
    pub results: Vec<SearchHit>,
}

/// One ranked result.
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    /// Article id (its position, in decimal, when the analysis has no id for it).
    pub article: String,
    /// Relevance score.
    pub score: f32,
    /// The best passage as escaped HTML. Markup: `<mark>` around matched words,
    /// and `<bdi>` around Latin and number runs so they keep their place in
    /// right-to-left text; `…` where the passage cuts a sentence.
    pub snippet: String,
    /// Passage start (scalars).
    pub start: usize,
    /// Passage end (scalars, exclusive).
    pub end: usize,
}

/// A query's ranked documents and what marking them needs.
struct Ranking {
    terms: Vec<QueryTerm>,
    hits: Vec<Vec<Hit>>,
    phrases: Vec<(u32, Vec<usize>)>,
    entities: Vec<(u32, u64)>,
    /// (document, score), best first.
    ranked: Vec<(u32, f32)>,
}

/// One word of the query.
#[derive(Clone, Debug)]
struct QueryTerm {
    /// The folded word, then its readings without proclitics and article.
    keys: Vec<String>,
    /// The phrase it belongs to.
    phrase: Option<u32>,
    /// Match words it is a prefix of (the last word, as it is being typed).
    prefix: bool,
    /// Match words a few edits away.
    fuzzy: bool,
}

impl QueryTerm {
    fn norm(&self) -> &str {
        self.keys.first().map_or("", String::as_str)
    }
}

/// The query's words and phrases.
fn parse_query(query: &str) -> Vec<QueryTerm> {
    let mut cut = query.len().min(MAX_QUERY_BYTES);
    while !query.is_char_boundary(cut) {
        cut -= 1;
    }
    let query = query.get(..cut).unwrap_or("");
    let mut terms: Vec<QueryTerm> = Vec::new();
    let (mut phrase, mut phrases) = (None, 0u32);
    let mut keys = Vec::new();
    for tok in tokenize::tokenize(query) {
        if tok.kind == TokenKind::Punct {
            if tok.norm == "\"" {
                phrase = match phrase {
                    Some(_) => None,
                    None => {
                        phrases += 1;
                        Some(phrases)
                    }
                };
            }
            continue;
        }
        if tok.norm.is_empty() || terms.len() >= MAX_TERMS {
            continue;
        }
        terms::word_keys(query.get(tok.span.start..tok.span.end).unwrap_or(""), &tok.norm, &mut keys);
        // A reading of two letters matches too much that is no form of the word
        // (`الكم` read as `كم` finds `لكم`, `بكم`).
        let keys: Vec<String> = keys.drain(..).enumerate().filter(|(i, (k, _))| *i == 0 || k.chars().count() >= MIN_QUERY_READING_CHARS).map(|(_, (k, _))| k).collect();
        // The same word twice outside phrases counts once.
        if phrase.is_none() && terms.iter().any(|t| t.phrase.is_none() && t.keys == keys) {
            continue;
        }
        terms.push(QueryTerm { fuzzy: phrase.is_none() && tok.kind != TokenKind::Number, keys, phrase, prefix: false });
    }
    // As you type: the last word, unless the query ends with a space or closes a phrase.
    let typing = query.chars().last().is_some_and(|c| !c.is_whitespace() && fold(&c.to_string()) != "\"");
    if let Some(last) = terms.last_mut() {
        if typing && (last.phrase.is_none() || last.phrase == phrase) && last.norm().chars().count() >= 2 {
            last.prefix = true;
        }
    }
    terms
}

/// An occurrence of a query word: `len` tokens from `pos`; `part` 1 or 2 when
/// the query word is the first or second half of one word of the text.
#[derive(Clone, Copy, Debug)]
struct Hit {
    doc: u32,
    pos: u32,
    len: u8,
    part: u8,
    title: bool,
    /// Entity types mentioned there ([`IN_PER`] …).
    types: u8,
    weight: f32,
}

/// Per-document score while ranking.
#[derive(Clone, Copy, Debug, Default)]
struct Acc {
    score: f32,
    /// Query words matched, as bits.
    matched: u64,
    seen: bool,
}

/// Number of documents in a word's occurrences.
fn doc_count(list: &[Occ]) -> u32 {
    (list.windows(2).filter(|w| w[0].doc() != w[1].doc()).count() + usize::from(!list.is_empty())) as u32
}

fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.0)
}

/// The hits of one document in hits sorted by document.
fn doc_slice(hits: &[Hit], doc: u32) -> &[Hit] {
    let a = hits.partition_point(|h| h.doc < doc);
    let b = hits.partition_point(|h| h.doc <= doc);
    hits.get(a..b).unwrap_or(&[])
}

fn occ_weight(weight: f32, occ: Occ) -> f32 {
    let mut w = weight;
    if occ.flags() & READING != 0 {
        w *= READING_FACTOR;
    }
    if occ.flags() & IN_BOILERPLATE != 0 {
        w *= BOILERPLATE_FACTOR;
    }
    w
}

/// Keep the highest weight per word id.
fn add(exps: &mut HashMap<u32, f32>, id: u32, weight: f32) {
    let w = exps.entry(id).or_insert(0.0);
    if weight > *w {
        *w = weight;
    }
}

impl SearchIndex {
    /// Index the documents. `analysis` gives the article ids and the entities
    /// (for entity-aware ranking); a default `Analysis` indexes words only.
    pub fn build(docs: &[Document], analysis: &Analysis) -> SearchIndex {
        SearchIndex::build_from(docs, analysis, true)
    }

    /// [`SearchIndex::build`] of documents without tokens
    /// ([`crate::text::read_untokenized_documents`]): each text is tokenized as it is read.
    pub fn build_untokenized(docs: &[Document], analysis: &Analysis) -> SearchIndex {
        SearchIndex::build_from(docs, analysis, false)
    }

    fn build_from(docs: &[Document], analysis: &Analysis, tokenized: bool) -> SearchIndex {
        let mut ix = SearchIndex::default();
        let mut keys = Vec::new();
        // The ids a folded word is indexed under (`true`: a reading), found once
        // per distinct word: a range of one flat list of ids.
        let mut seen = SeenWords::default();
        let mut seen_ids: Vec<(u32, bool)> = Vec::new();
        // Two passes. The first finds every token's ids, notes them per token
        // (start in `seen_ids` << 32 | count << 8 | flags; 0 for a token not
        // indexed) and counts each word's occurrences; the second writes each
        // occurrence into its word's place. A list per word filled as tokens come
        // was a cache miss per token; one list of (word, occurrence) sorted after
        // was twice the memory.
        // The counts go into `ix.spans` (one per word, pushed by `intern`).
        let mut per_token: Vec<u64> = Vec::with_capacity(docs.iter().map(|d| if tokenized { d.tokens.len() } else { d.text.len() / 6 }).sum::<usize>());
        let mut tokens_of: Vec<u32> = Vec::with_capacity(docs.len());
        for (d, doc) in docs.iter().enumerate().take(MAX_DOCS) {
            let article = analysis.articles.get(d);
            let types = mention_types(doc, article);
            let meta = ix.doc_meta(article);
            ix.meta.push(meta);
            let (mut len, mut p) = (0u32, 0usize);
            let mut on_token = |span: Span, kind: TokenKind, norm: &str| {
                let at = p;
                p += 1;
                if kind == TokenKind::Punct || norm.is_empty() || u32::try_from(at).is_err() {
                    per_token.push(0);
                    return;
                }
                len += 1;
                let mut flags = types.get(at).copied().unwrap_or(0);
                if doc.title.is_some_and(|t| t.contains(&span)) {
                    flags |= IN_TITLE;
                }
                if doc.in_boilerplate(span) {
                    flags |= IN_BOILERPLATE;
                }
                let word = norm.as_bytes();
                let hash = SeenWords::hash(word);
                let (from, n) = match seen.get(word, hash) {
                    Some(range) => range,
                    None => {
                        terms::word_keys(doc.slice(span), norm, &mut keys);
                        let from = seen_ids.len();
                        for (key, reading) in keys.drain(..) {
                            seen_ids.push((ix.intern(key), reading));
                        }
                        // A word has a handful of keys (forms, readings); 255 at most.
                        let range = (from as u32, (seen_ids.len() - from).min(255) as u32);
                        seen.insert(word, hash, range);
                        range
                    }
                };
                for &(id, _) in seen_ids.get(from as usize..(from + n) as usize).unwrap_or(&[]) {
                    if let Some(span) = ix.spans.get_mut(id as usize) {
                        span.1 += 1;
                    }
                }
                per_token.push(u64::from(from) << 32 | u64::from(n) << 8 | u64::from(flags));
            };
            if tokenized {
                for t in &doc.tokens {
                    on_token(t.span, t.kind, &t.norm);
                }
            } else {
                tokenize::for_each_token(&doc.text, &mut on_token);
            }
            tokens_of.push(u32::try_from(p).unwrap_or(u32::MAX));
            ix.doc_len.push(len);
        }
        // Each word's place: its occurrences in text order.
        let mut total = 0u32;
        for span in &mut ix.spans {
            span.0 = total;
            total += span.1;
        }
        let mut cursor: Vec<u32> = ix.spans.iter().map(|&(start, _)| start).collect();
        let mut occs = vec![0u64; total as usize];
        let mut noted = per_token.iter();
        for (d, &n_tokens) in tokens_of.iter().enumerate() {
            for p in 0..n_tokens as usize {
                let Some(&t) = noted.next() else { break };
                let (from, n, flags) = ((t >> 32) as usize, (t >> 8 & 0xFF) as usize, t as u8);
                for &(id, reading) in seen_ids.get(from..from + n).unwrap_or(&[]) {
                    let Some(c) = cursor.get_mut(id as usize) else { continue };
                    if let Some(slot) = occs.get_mut(*c as usize) {
                        *slot = Occ::new(d as u32, p as u32, flags | if reading { READING } else { 0 }).0;
                    }
                    *c += 1;
                }
            }
        }
        // Same size and alignment: collected in place.
        ix.occs = occs.into_iter().map(Occ).collect();
        ix.df = (0..ix.words.len() as u32).map(|id| doc_count(ix.postings_of(id))).collect();
        let total: u64 = ix.doc_len.iter().map(|&l| u64::from(l)).sum();
        ix.avg_len = (total as f32 / ix.doc_len.len().max(1) as f32).max(1.0);

        // Words sorted, by their first 8 bytes as a number, then the rest (most
        // share `ال`: comparing whole strings was a tenth of the build).
        let head = |w: &str| {
            let mut b = [0u8; 8];
            let n = w.len().min(8);
            b[..n].copy_from_slice(&w.as_bytes()[..n]);
            u64::from_be_bytes(b)
        };
        let mut sorted: Vec<(u64, u32)> = (0..ix.words.len()).filter_map(|i| Some((head(&ix.words[i]), u32::try_from(i).ok()?))).collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| ix.word(a.1).cmp(ix.word(b.1))));
        ix.sorted = sorted.into_iter().map(|(_, id)| id).collect();

        // Entities: their name and aliases, and the documents that mention them.
        let positions: HashMap<&str, u32> =
            analysis.articles.iter().enumerate().filter_map(|(i, a)| Some((a.id.as_str(), u32::try_from(i).ok()?))).collect();
        for (e, record) in analysis.entities.iter().enumerate() {
            let Ok(e) = u32::try_from(e) else { break };
            let mut docs_of: Vec<u32> = record.articles.iter().filter_map(|id| positions.get(id.as_str()).copied()).collect();
            docs_of.sort_unstable();
            docs_of.dedup();
            ix.entity_docs.push(docs_of);
            ix.entity_info.push((record.id.clone(), type_flag(&record.kind)));
            for name in std::iter::once(&record.name).chain(&record.aliases) {
                let key = terms::name_key(&fold(name));
                if key.is_empty() {
                    continue;
                }
                let list = ix.entity_keys.entry(key).or_default();
                if !list.contains(&e) {
                    list.push(e);
                }
            }
        }
        ix
    }

    /// The date and outlet of an article, for the filters.
    fn doc_meta(&mut self, article: Option<&crate::model::ArticleAnalysis>) -> DocMeta {
        let Some(a) = article else { return DocMeta::default() };
        let day = a.dct.value.as_deref().and_then(crate::time::Period::of).filter(|p| p.len() == 1).map(|p| p.first);
        let outlet = a.outlet.as_deref().map(fold).filter(|o| !o.is_empty()).map(|o| match self.outlets.iter().position(|x| *x == o) {
            Some(i) => i as u32,
            None => {
                self.outlets.push(o);
                (self.outlets.len() - 1) as u32
            }
        });
        DocMeta { day, outlet }
    }

    /// The documents the filters allow (None: all of them).
    fn allowed_docs(&self, filters: &Filters) -> Option<Vec<bool>> {
        if filters.entity.is_none() && filters.outlet.is_none() && filters.from.is_none() && filters.to.is_none() {
            return None;
        }
        let n = self.doc_len.len();
        let mut allowed = vec![true; n];
        if let Some(id) = &filters.entity {
            let docs_of = self.entity_info.iter().position(|(e, _)| e == id).and_then(|e| self.entity_docs.get(e));
            allowed.iter_mut().for_each(|a| *a = false);
            for &d in docs_of.map_or(&[][..], Vec::as_slice) {
                if let Some(a) = allowed.get_mut(d as usize) {
                    *a = true;
                }
            }
        }
        let outlet = filters.outlet.as_deref().map(|o| {
            let o = fold(o);
            self.outlets.iter().position(|x| *x == o).map(|i| i as u32)
        });
        let (first, last) = (filters.first_day(), filters.last_day());
        for (a, m) in allowed.iter_mut().zip(&self.meta) {
            if let Some(want) = outlet {
                *a &= want.is_some() && m.outlet == want;
            }
            if first.is_some() || last.is_some() {
                *a &= m.day.is_some_and(|day| first.is_none_or(|f| day >= f) && last.is_none_or(|l| day <= l));
            }
        }
        Some(allowed)
    }

    fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", String::as_str)
    }

    fn postings_of(&self, id: u32) -> &[Occ] {
        let Some(&(start, n)) = self.spans.get(id as usize) else { return &[] };
        self.occs.get(start as usize..(start + n) as usize).unwrap_or(&[])
    }

    /// Give word `id` its occurrences (an archive loading a shard).
    fn set_postings(&mut self, id: u32, list: &[Occ]) {
        let start = self.occs.len() as u32;
        self.occs.extend_from_slice(list);
        if let Some(span) = self.spans.get_mut(id as usize) {
            *span = (start, list.len() as u32);
        }
        self.df.resize(self.words.len(), 0);
        if let Some(df) = self.df.get_mut(id as usize) {
            *df = doc_count(list);
        }
    }

    /// The id of `key`, adding it (with its stem, key and length bucket) when new.
    fn intern(&mut self, key: String) -> u32 {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        let stem = terms::stem(&key).unwrap_or_else(|| key.clone());
        self.stems.entry(stem).or_default().push(id);
        if let Some(v) = terms::variant_key(&key) {
            self.variants.entry(v).or_default().push(id);
        }
        let len = key.chars().count();
        if len <= MAX_BUCKET {
            if self.by_len.len() <= len {
                self.by_len.resize(len + 1, Bucket::default());
            }
            if let Some(bucket) = self.by_len.get_mut(len) {
                let chars: Vec<char> = key.chars().collect();
                bucket.ids.push(id);
                bucket.masks.push(letter_mask(&chars));
                bucket.chars.extend(chars);
            }
        }
        self.ids.insert(key.clone(), id);
        self.words.push(key);
        self.spans.push((0, 0));
        id
    }

    /// Every indexed word the query word reaches, with the weight of the match.
    fn expand(&self, t: &QueryTerm, buf: &mut EditBuffers, exps: &mut HashMap<u32, f32>) {
        exps.clear();
        let mut chars: Vec<char> = Vec::new();
        let typed_rare = self.docs_with_any(t.keys.get(..1).unwrap_or(&[])) < TYPO_RARE_DOCS;
        let being_completed = self.being_completed(t);
        for (k, key) in t.keys.iter().enumerate() {
            // What a reading of the query word reaches counts less than what the word does.
            let f = if k == 0 { 1.0 } else { QUERY_READING };
            if let Some(&id) = self.ids.get(key) {
                add(exps, id, EXACT * f);
            }
            let stem = terms::stem(key);
            let loose_f = if k > 0 && typed_rare { f * RARE_READING_STEM } else { f };
            for &id in self.stems.get(stem.as_deref().unwrap_or(key)).map_or(&[][..], Vec::as_slice) {
                add(exps, id, STEM * loose_f);
            }
            chars.clear();
            chars.extend(key.chars());
            // A reading's variants only when its key is long enough to mean a
            // name, or the word as typed is rare: `كواكب` read as `ك` + `واكب`
            // has the key of `وجب`, while `وبيونج` is `و` + a spelling of `بيونغ`.
            // Nor when the word is being typed and starts longer words: `فلاديم` is
            // the start of `فلاديمير`, not `ف` + `ل` + a spelling of `آدم`.
            let loose_ok = k == 0 || (typed_rare && !being_completed);
            if let Some(v) = terms::variant_key(key).filter(|v| loose_ok || v.chars().count() > MIN_READING_KEY) {
                for &id in self.variants.get(&v).map_or(&[][..], Vec::as_slice) {
                    add(exps, id, self.variant_weight(&chars, id, buf) * loose_f);
                }
            }
            // A reading of a word being typed is a prefix too (`وبيون` → `بيون`),
            // unless it is too short to say much (`بيون` → `يون`).
            // A word typed in full that many articles have is more likely
            // meant as itself than as the start of a longer one.
            if t.prefix && chars.len() >= if k == 0 { 2 } else { MIN_READING_PREFIX } {
                let complete = if typed_rare { 1.0 } else { COMPLETE_WORD_PREFIX };
                self.expand_prefix(key, chars.len(), f * complete, exps);
            }
            // Typos: of the word as typed only; readings of a misspelt word are noise.
            let max_edits = match chars.len() {
                n if n >= 8 => 2,
                n if n >= 4 => 1,
                _ => 0,
            };
            // Rare as typed, whatever its readings: `بوتبن` is no `ب` + `وتبن`.
            if k == 0 && t.fuzzy && max_edits > 0 && typed_rare {
                self.expand_typos(&chars, max_edits, buf, exps);
            }
        }
    }

    /// Weight of word `id`, which shares its transliteration key with the
    /// query word `chars`: [`VARIANT`], less the more their spellings differ
    /// (letters of one `g` class counting as equal), never below 30% of it.
    fn variant_weight(&self, chars: &[char], id: u32, buf: &mut EditBuffers) -> f32 {
        let word = self.word(id);
        let longest = chars.len().max(word.chars().count()).max(1);
        let d = terms::edit_distance(chars, word, longest / 2, true, buf).unwrap_or(longest);
        VARIANT * (1.0 - d as f32 / longest as f32).max(0.3)
    }

    /// Number of documents with the words `keys` as written (an upper bound:
    /// a document with two of them counts twice).
    fn docs_with_any(&self, keys: &[String]) -> usize {
        keys.iter().filter_map(|k| self.ids.get(k)).map(|&id| self.df.get(id as usize).copied().unwrap_or(0) as usize).sum()
    }

    /// Words `max_edits` edits or fewer from `chars` (but not equal to it).
    fn expand_typos(&self, chars: &[char], max_edits: usize, buf: &mut EditBuffers, exps: &mut HashMap<u32, f32>) {
        let lo = chars.len().saturating_sub(max_edits);
        let hi = (chars.len() + max_edits).min(MAX_BUCKET);
        let (c0, c1) = (chars.first().copied(), chars.get(1).copied());
        let query_mask = letter_mask(chars);
        for (len, bucket) in self.by_len.iter().enumerate().take(hi + 1).skip(lo) {
            if len == 0 {
                continue;
            }
            for ((&id, &mask), word) in bucket.ids.iter().zip(&bucket.masks).zip(bucket.chars.chunks_exact(len)) {
                if (query_mask & !mask).count_ones() as usize > max_edits || (mask & !query_mask).count_ones() as usize > max_edits {
                    continue;
                }
                // One edit leaves one of the first two letters in place or
                // shifted by one: a cheap test before the distance.
                if max_edits == 1 {
                    let (w0, w1) = (word.first().copied(), word.get(1).copied());
                    if !(c0 == w0 || c1 == w1 || c0 == w1 || c1 == w0) {
                        continue;
                    }
                }
                if let Some(d @ 1..) = terms::edit_distance_chars(chars, word, max_edits, false, buf) {
                    add(exps, id, TYPO.get(d - 1).copied().unwrap_or(0.0));
                }
            }
        }
    }

    /// Words that start with `prefix` (of `n` letters): the most frequent
    /// [`MAX_PREFIX_WORDS`], shorter completions weighing more.
    /// A word being typed that starts longer indexed words: read as their start,
    /// not as proclitics before a whole word.
    fn being_completed(&self, t: &QueryTerm) -> bool {
        let typed = t.norm();
        if !t.prefix || typed.is_empty() {
            return false;
        }
        let next = self.sorted.partition_point(|&id| self.word(id) <= typed);
        self.sorted.get(next).is_some_and(|&id| self.word(id).starts_with(typed))
    }

    fn expand_prefix(&self, prefix: &str, n: usize, factor: f32, exps: &mut HashMap<u32, f32>) {
        let from = self.sorted.partition_point(|&id| self.word(id) < prefix);
        let mut found: Vec<(usize, u32)> = self
            .sorted
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&id| self.word(id).starts_with(prefix))
            .filter(|&&id| self.word(id).len() > prefix.len())
            .map(|&id| (self.postings_of(id).len(), id))
            .collect();
        if found.len() > MAX_PREFIX_WORDS {
            found.select_nth_unstable_by(MAX_PREFIX_WORDS, |a, b| b.0.cmp(&a.0));
            found.truncate(MAX_PREFIX_WORDS);
        }
        for (_, id) in found {
            let ratio = n as f32 / self.word(id).chars().count().max(1) as f32;
            add(exps, id, PREFIX * (0.8 + 0.2 * ratio) * factor);
        }
    }

    /// Word ids for one half of a split query word: the word itself, or its variants.
    fn half_ids(&self, half: &str, out: &mut Vec<(u32, f32)>) {
        out.clear();
        if let Some(&id) = self.ids.get(half) {
            out.push((id, EXACT));
        }
        if let Some(v) = terms::variant_key(half) {
            for &id in self.variants.get(&v).map_or(&[][..], Vec::as_slice).iter().take(8) {
                if !out.iter().any(|(i, _)| *i == id) {
                    out.push((id, VARIANT));
                }
            }
        }
    }

    /// The hits of one query word, sorted by document and position.
    fn term_hits(&self, t: &QueryTerm, buf: &mut EditBuffers, exps: &mut HashMap<u32, f32>) -> Vec<Hit> {
        self.expand(t, buf, exps);
        let mut hits = Vec::new();
        for (&id, &w) in exps.iter() {
            for &occ in self.postings_of(id) {
                hits.push(Hit { doc: occ.doc(), pos: occ.pos(), len: 1, part: 0, title: occ.flags() & IN_TITLE != 0, types: occ.flags() & ENTITY_TYPES, weight: occ_weight(w, occ) });
            }
        }
        // One query word written as two words of the text (`بيونغيانغ` → `بيونغ يانغ`),
        // looked for when the word as written is rare, as typos are (each cut
        // is two more lookups: in an archive, two more files).
        let (mut left, mut right) = (Vec::new(), Vec::new());
        let split_keys: &[String] = if self.docs_with_any(&t.keys) < TYPO_RARE_DOCS { &t.keys } else { &[] };
        for key in split_keys {
            let bounds: Vec<usize> = key.char_indices().map(|(b, _)| b).collect();
            if bounds.len() < 5 {
                continue;
            }
            for &cut in bounds.get(2..bounds.len() - 1).unwrap_or(&[]) {
                let (Some(a), Some(b)) = (key.get(..cut), key.get(cut..)) else { continue };
                self.half_ids(a, &mut left);
                if left.is_empty() {
                    continue;
                }
                self.half_ids(b, &mut right);
                for &(ia, wa) in &left {
                    for &(ib, wb) in &right {
                        self.adjacent(ia, ib, JOIN * wa.min(wb), &mut hits);
                    }
                }
            }
        }
        hits
    }

    /// Hits where word `a` is directly followed by word `b`.
    fn adjacent(&self, a: u32, b: u32, weight: f32, hits: &mut Vec<Hit>) {
        let (pa, pb) = (self.postings_of(a), self.postings_of(b));
        let mut j = 0;
        for &oa in pa {
            let want = (oa.doc(), oa.pos() + 1);
            while pb.get(j).is_some_and(|ob| (ob.doc(), ob.pos()) < want) {
                j += 1;
            }
            if let Some(&ob) = pb.get(j).filter(|ob| (ob.doc(), ob.pos()) == want) {
                let occ = Occ::new(oa.doc(), oa.pos(), oa.flags() | ob.flags());
                hits.push(Hit { doc: oa.doc(), pos: oa.pos(), len: 2, part: 0, title: occ.flags() & IN_TITLE != 0, types: occ.flags() & ENTITY_TYPES, weight: occ_weight(weight, occ) });
            }
        }
    }

    /// Hits of two adjacent query words written as one word of the text
    /// (`بيونغ يانغ` → `بيونغيانغ`): `part` 1 for the first, 2 for the second.
    fn joined_hits(&self, first: &QueryTerm, second: &QueryTerm, buf: &mut EditBuffers, out: &mut [Vec<Hit>; 2]) {
        let mut exps: HashMap<u32, f32> = HashMap::default();
        let mut chars: Vec<char> = Vec::new();
        for key in &first.keys {
            let joined = format!("{key}{}", second.norm());
            if let Some(&id) = self.ids.get(&joined) {
                add(&mut exps, id, JOIN);
            }
            if let Some(v) = terms::variant_key(&joined) {
                chars.clear();
                chars.extend(joined.chars());
                for &id in self.variants.get(&v).map_or(&[][..], Vec::as_slice) {
                    add(&mut exps, id, self.variant_weight(&chars, id, buf));
                }
            }
        }
        for (&id, &w) in &exps {
            for &occ in self.postings_of(id) {
                for (part, list) in out.iter_mut().enumerate() {
                    let title = occ.flags() & IN_TITLE != 0;
                    list.push(Hit { doc: occ.doc(), pos: occ.pos(), len: 1, part: part as u8 + 1, title, types: occ.flags() & ENTITY_TYPES, weight: occ_weight(w, occ) });
                }
            }
        }
    }

    /// Ranked results for `query`, at most `limit`. Never fails: a query with no
    /// words (empty, punctuation, diacritics) has no results.
    pub fn search(&self, docs: &[Document], analysis: &Analysis, query: &str, limit: usize) -> Vec<SearchHit> {
        self.search_filtered(docs, analysis, query, &Filters::default(), limit)
    }

    /// [`SearchIndex::search`] within what `filters` allow (filters that
    /// [`Filters::check`] refuses allow nothing).
    pub fn search_filtered(&self, docs: &[Document], analysis: &Analysis, query: &str, filters: &Filters, limit: usize) -> Vec<SearchHit> {
        self.search_documents(analysis, query, filters, limit, |d| docs.get(d).map(Cow::Borrowed))
    }

    /// [`SearchIndex::search_filtered`] over documents [`SearchIndex::build_untokenized`]
    /// indexed: only the results are tokenized again, for their passages.
    pub fn search_untokenized(&self, docs: &[Document], analysis: &Analysis, query: &str, filters: &Filters, limit: usize) -> Vec<SearchHit> {
        self.search_documents(analysis, query, filters, limit, |d| docs.get(d).map(|doc| Cow::Owned(doc.tokenized())))
    }

    fn search_documents<'a>(
        &self,
        analysis: &Analysis,
        query: &str,
        filters: &Filters,
        limit: usize,
        document_of: impl Fn(usize) -> Option<Cow<'a, Document>>,
    ) -> Vec<SearchHit> {
        let Some(ranking) = self.rank(query, filters, limit) else { return Vec::new() };
        ranking
            .ranked
            .iter()
            .filter_map(|&(doc, score)| {
                let document = document_of(doc as usize)?;
                let article = analysis.articles.get(doc as usize);
                let id = article.map_or_else(|| doc.to_string(), |a| a.id.clone());
                Some(self.hit(&ranking, doc, score, id, &document, article))
            })
            .collect()
    }

    /// One result: its best passage, marked.
    fn hit(&self, r: &Ranking, doc: u32, score: f32, article: String, document: &Document, analysis: Option<&crate::model::ArticleAnalysis>) -> SearchHit {
        let mut marks = self.marks(&r.terms, &r.hits, &r.phrases, &r.entities, doc, document, analysis);
        let passage = snippet::passage(document, &mut marks);
        SearchHit {
            article,
            score,
            snippet: passage.html,
            start: snippet::scalar_of(&document.text, passage.start),
            end: snippet::scalar_of(&document.text, passage.end),
        }
    }

    /// The documents that answer `query` best, at most `limit`, with what is
    /// needed to mark them. None when nothing can match.
    fn rank(&self, query: &str, filters: &Filters, limit: usize) -> Option<Ranking> {
        if limit == 0 || self.doc_len.is_empty() || filters.check().is_err() {
            return None;
        }
        let terms = parse_query(query);
        if terms.is_empty() {
            return None;
        }
        let n_docs = self.doc_len.len();
        let mut buf = EditBuffers::default();
        let mut exps = HashMap::default();
        let mut hits: Vec<Vec<Hit>> = terms.iter().map(|t| self.term_hits(t, &mut buf, &mut exps)).collect();
        for i in 1..terms.len() {
            let (Some(a), Some(b)) = (terms.get(i - 1), terms.get(i)) else { continue };
            if a.phrase == b.phrase {
                let mut pair = [Vec::new(), Vec::new()];
                self.joined_hits(a, b, &mut buf, &mut pair);
                let [first, second] = pair;
                if let Some(h) = hits.get_mut(i - 1) {
                    h.extend(first);
                }
                if let Some(h) = hits.get_mut(i) {
                    h.extend(second);
                }
            }
        }
        let allowed = self.allowed_docs(filters);
        let kind = filters.kind.as_deref().map_or(0, type_flag);
        if allowed.is_some() || kind != 0 {
            for h in &mut hits {
                h.retain(|x| (kind == 0 || x.types & kind != 0) && allowed.as_ref().is_none_or(|a| a.get(x.doc as usize) == Some(&true)));
            }
        }
        for h in &mut hits {
            // The hits are runs already sorted (one per indexed word), which the
            // stable sort merges; then keep the best match per position.
            h.sort_by_key(|x| (u64::from(x.doc) << 32) | u64::from(x.pos));
            h.dedup_by(|later, first| {
                let same = later.doc == first.doc && later.pos == first.pos;
                if same && later.weight > first.weight {
                    std::mem::swap(later, first);
                }
                same
            });
        }

        // BM25 per query word.
        // Scores by document; `touched` lists the documents scored, in first-touch order.
        let mut acc: Vec<Acc> = vec![Acc::default(); n_docs];
        let mut touched: Vec<u32> = Vec::new();
        let mut idfs = Vec::with_capacity(terms.len());
        for (ti, h) in hits.iter().enumerate() {
            let df = h.iter().zip(h.iter().skip(1)).filter(|(a, b)| a.doc != b.doc).count() + usize::from(!h.is_empty());
            let w_idf = idf(n_docs, df);
            idfs.push(w_idf);
            for group in h.chunk_by(|a, b| a.doc == b.doc) {
                let Some(first) = group.first() else { continue };
                let best = group.iter().map(|x| x.weight).fold(0.0, f32::max);
                if best <= 0.0 {
                    continue;
                }
                let tf: f32 = group.iter().map(|x| x.weight / best * if x.title { 1.0 + TITLE_BOOST } else { 1.0 }).sum();
                let dl = self.doc_len.get(first.doc as usize).copied().unwrap_or(0) as f32;
                let norm = K1 * (1.0 - B + B * dl / self.avg_len);
                let Some(a) = acc.get_mut(first.doc as usize) else { continue };
                if !a.seen {
                    a.seen = true;
                    touched.push(first.doc);
                }
                a.score += best * w_idf * tf * (K1 + 1.0) / (tf + norm);
                a.matched |= 1u64 << (ti % 64);
            }
        }

        // Phrases are required; a phrase found earns a bonus.
        let mut phrases: Vec<(u32, Vec<usize>)> = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            if let Some(p) = t.phrase {
                match phrases.iter_mut().find(|(q, _)| *q == p) {
                    Some((_, list)) => list.push(i),
                    None => phrases.push((p, vec![i])),
                }
            }
        }
        if !phrases.is_empty() {
            touched.retain(|&doc| {
                let Some(a) = acc.get_mut(doc as usize) else { return false };
                for (_, members) in &phrases {
                    if phrase_chains(&hits, members, doc).is_empty() {
                        *a = Acc::default();
                        return false;
                    }
                    a.score += PHRASE_BONUS * members.iter().filter_map(|&i| idfs.get(i)).sum::<f32>();
                }
                true
            });
        }

        // Proximity of consecutive query words outside a shared phrase.
        for i in 1..terms.len() {
            let (Some(ta), Some(tb)) = (terms.get(i - 1), terms.get(i)) else { continue };
            if ta.phrase.is_some() && ta.phrase == tb.phrase {
                continue;
            }
            let (Some(ha), Some(hb)) = (hits.get(i - 1), hits.get(i)) else { continue };
            let weight = PROXIMITY * idfs.get(i - 1).copied().unwrap_or(0.0).min(idfs.get(i).copied().unwrap_or(0.0));
            let both = (1u64 << ((i - 1) % 64)) | (1u64 << (i % 64));
            for &doc in &touched {
                let Some(a) = acc.get_mut(doc as usize) else { continue };
                if a.matched & both != both {
                    continue;
                }
                a.score += weight * closeness(doc_slice(ha, doc), doc_slice(hb, doc));
            }
        }

        // Entities the query names: their articles, whatever the spelling there.
        let mut entities = self.named_entities(&terms);
        if kind != 0 {
            entities.retain(|&(e, _)| self.entity_info.get(e as usize).is_some_and(|(_, t)| *t == kind));
        }
        for &(e, covered) in &entities {
            let Some(docs_of) = self.entity_docs.get(e as usize) else { continue };
            let boost = ENTITY_BOOST * idf(n_docs, docs_of.len()) * covered.count_ones() as f32;
            for &doc in docs_of {
                if allowed.as_ref().is_some_and(|a| a.get(doc as usize) != Some(&true)) {
                    continue;
                }
                let Some(a) = acc.get_mut(doc as usize) else { continue };
                if !a.seen {
                    if !phrases.is_empty() {
                        continue;
                    }
                    a.seen = true;
                    touched.push(doc);
                }
                a.score += boost;
                a.matched |= covered;
            }
        }

        let n_terms = terms.len().min(64) as f32;
        let mut ranked: Vec<(u32, f32)> = touched
            .iter()
            .filter_map(|&doc| acc.get(doc as usize).map(|a| (doc, a.score * a.matched.count_ones() as f32 / n_terms)))
            .filter(|(_, s)| *s > 0.0 && s.is_finite())
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        Some(Ranking { terms, hits, phrases, entities, ranked })
    }

    /// Entities whose name or alias the query names (a run of its words, in any
    /// spelling with the same name key), with the query words the name covers.
    fn named_entities(&self, terms: &[QueryTerm]) -> Vec<(u32, u64)> {
        let mut found: Vec<(u32, u64)> = Vec::new();
        if self.entity_keys.is_empty() {
            return found;
        }
        let completed: Vec<bool> = terms.iter().map(|t| self.being_completed(t)).collect();
        for (key, covered) in entity_name_keys(terms, &completed) {
            let Some(list) = self.entity_keys.get(&key) else { continue };
            for &e in list {
                match found.iter_mut().find(|(f, _)| *f == e) {
                    Some((_, c)) => *c |= covered,
                    None => found.push((e, covered)),
                }
            }
        }
        found
    }

    /// What to mark in a result: the query words' hits (for a phrase, only its
    /// occurrences as a phrase) and the mentions of the entities the query names.
    #[allow(clippy::too_many_arguments)]
    fn marks(
        &self,
        terms: &[QueryTerm],
        hits: &[Vec<Hit>],
        phrases: &[(u32, Vec<usize>)],
        entities: &[(u32, u64)],
        doc: u32,
        document: &Document,
        article: Option<&crate::model::ArticleAnalysis>,
    ) -> Vec<Mark> {
        let mut marks = Vec::new();
        for (ti, (t, h)) in terms.iter().zip(hits).enumerate() {
            if t.phrase.is_some() {
                continue;
            }
            for x in doc_slice(h, doc) {
                marks.push(Mark { pos: x.pos, len: u32::from(x.len), weight: x.weight, term: ti as u32 });
            }
        }
        for (_, members) in phrases {
            let term = members.first().copied().unwrap_or(0) as u32;
            for (start, end) in phrase_chains(hits, members, doc) {
                marks.push(Mark { pos: start, len: end.saturating_sub(start).max(1), weight: members.len() as f32, term });
            }
        }
        // Entity mentions, in scalars in the analysis: back to bytes, then tokens.
        let Some(article) = article else { return marks };
        for &(e, covered) in entities {
            let Some((id, _)) = self.entity_info.get(e as usize) else { continue };
            let term = covered.trailing_zeros();
            for (tokens, _) in mention_tokens(document, article.entities.iter().filter(|m| m.entity == *id)) {
                if !tokens.is_empty() {
                    marks.push(Mark { pos: tokens.start as u32, len: tokens.len() as u32, weight: ENTITY_MARK, term });
                }
            }
        }
        marks
    }
}

/// The name key of every run of up to [`MAX_ENTITY_WORDS`] query words (its
/// first word as typed or in a reading, as typed only where `typed_only` says
/// so: a word being completed), with the query words the run covers: what an
/// entity name the query names would be listed under.
fn entity_name_keys(terms: &[QueryTerm], typed_only: &[bool]) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut name = String::new();
    for (start, first) in terms.iter().enumerate() {
        for end in start + 1..=(start + MAX_ENTITY_WORDS).min(terms.len()) {
            let covered = (start..end).fold(0u64, |m, i| m | 1u64 << (i % 64));
            let heads = if typed_only.get(start).copied().unwrap_or(false) { &first.keys[..first.keys.len().min(1)] } else { &first.keys[..] };
            for head in heads {
                name.clear();
                name.push_str(head);
                for t in terms.get(start + 1..end).unwrap_or(&[]) {
                    name.push(' ');
                    name.push_str(t.norm());
                }
                out.push((terms::name_key(&name), covered));
            }
        }
    }
    out
}

/// Per token of `doc`, the flag of the entity type mentioned there (0: none).
fn mention_types(doc: &Document, article: Option<&crate::model::ArticleAnalysis>) -> Vec<u8> {
    let Some(article) = article.filter(|a| !a.entities.is_empty()) else { return Vec::new() };
    let mut types = vec![0u8; doc.tokens.len()];
    for (tokens, m) in mention_tokens(doc, article.entities.iter()) {
        for t in types.get_mut(tokens).unwrap_or(&mut []) {
            *t |= type_flag(&m.kind);
        }
    }
    types
}

/// The tokens of each mention (whose offsets are scalars, as in the analysis),
/// converting all its offsets in one pass over the text.
fn mention_tokens<'a>(doc: &Document, mentions: impl Iterator<Item = &'a crate::model::MentionOut>) -> Vec<(std::ops::Range<usize>, &'a crate::model::MentionOut)> {
    let mentions: Vec<&crate::model::MentionOut> = mentions.collect();
    let mut scalars: Vec<usize> = mentions.iter().flat_map(|m| [m.start, m.end]).collect();
    scalars.sort_unstable();
    scalars.dedup();
    let bytes = bytes_of_scalars(&doc.text, &scalars);
    let byte = |scalar: usize| scalars.binary_search(&scalar).ok().and_then(|i| bytes.get(i).copied()).unwrap_or(0);
    mentions
        .into_iter()
        .map(|m| {
            let (s, e) = (byte(m.start), byte(m.end));
            let first = doc.tokens.partition_point(|t| t.span.end <= s);
            let last = doc.tokens.partition_point(|t| t.span.start < e);
            (first..last.max(first), m)
        })
        .collect()
}

/// Where the phrase made of query words `members` (in order) occurs in `doc`:
/// `(first token, end token)` of each occurrence.
fn phrase_chains(hits: &[Vec<Hit>], members: &[usize], doc: u32) -> Vec<(u32, u32)> {
    let Some(first) = members.first().and_then(|&i| hits.get(i)) else { return Vec::new() };
    // A chain: (start, position of its last hit, end, waiting for the second half of a joined word).
    let mut chains: Vec<(u32, u32, u32, bool)> =
        doc_slice(first, doc).iter().filter(|h| h.part != 2).map(|h| (h.pos, h.pos, h.pos + u32::from(h.len), h.part == 1)).collect();
    for &m in members.get(1..).unwrap_or(&[]) {
        let Some(h) = hits.get(m) else { return Vec::new() };
        let h = doc_slice(h, doc);
        let mut next = Vec::with_capacity(chains.len());
        for &(start, last, end, pending) in &chains {
            let want = if pending { last } else { end };
            let i = h.partition_point(|x| x.pos < want);
            for x in h.get(i..).unwrap_or(&[]).iter().take_while(|x| x.pos == want) {
                if (x.part == 2) == pending {
                    next.push((start, x.pos, x.pos + u32::from(x.len), x.part == 1));
                }
            }
        }
        chains = next;
        if chains.is_empty() {
            break;
        }
    }
    chains.into_iter().filter(|c| !c.3).map(|(s, _, e, _)| (s, e)).collect()
}

/// Byte offsets of the scalar offsets `scalars` (sorted ascending) of `text`,
/// in one pass; offsets past the end give the text's length.
fn bytes_of_scalars(text: &str, scalars: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(scalars.len());
    let mut chars = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).enumerate();
    for &want in scalars {
        let byte = chars.by_ref().find(|&(i, _)| i >= want).map_or(text.len(), |(_, b)| b);
        out.push(byte);
        if byte == text.len() {
            break;
        }
    }
    out.resize(scalars.len(), text.len());
    out
}

/// The best pair of a hit of `a` and a hit of `b` (both sorted by position)
/// at most [`PROXIMITY_WINDOW`] words apart: the product of their weights
/// (each at most 1) over their distance; 0 when no pair is that close.
fn closeness(a: &[Hit], b: &[Hit]) -> f32 {
    let mut best = 0.0f32;
    let mut from = 0;
    for x in a {
        while b.get(from).is_some_and(|y| y.pos + PROXIMITY_WINDOW < x.pos) {
            from += 1;
        }
        for y in b.get(from..).unwrap_or(&[]).iter().take_while(|y| y.pos <= x.pos + PROXIMITY_WINDOW) {
            let d = x.pos.abs_diff(y.pos).max(1);
            best = best.max(x.weight.min(1.0) * y.weight.min(1.0) / d as f32);
        }
    }
    best
}

#[cfg(test)]
mod tests;

//! The search index as static files, for an archive a news site serves as it
//! is (Pagefind's approach): a reader's browser fetches only the pieces a
//! query needs.
//!
//! # Layout (`mirsad index DIR -o OUT/`)
//! | file | what | fetched |
//! |---|---|---|
//! | `index.bin` | [`Manifest`]: counts, the first key of every shard, the first article of every store, and each article's length in words (BM25 needs it for every hit) | once |
//! | `mirsad-index.json` | the same counts for people to read (the reader does not need it) | never |
//! | `meta.bin` | each article's publication day and outlet | with a date or outlet filter |
//! | `t/NNNN.bin` | index records, sorted by key and cut into shards of about [`SHARD_BYTES`] | the shards holding the query's keys |
//! | `a/NNNN.bin` | the articles (id, title, date, text, entity mentions), about [`STORE_BYTES`] each | the stores of the results shown |
//!
//! A record's key is a tag and a string: `w:` a word and its postings, `s:` a
//! light stem and the words that have it, `v:` a transliteration key and its
//! words, `e:` an entity name key and the entities named so, `i:` an entity id
//! and the articles that mention it. Numbers are LEB128 varints. Every `.bin`
//! file is gzipped; the reader is given them inflated (natively by
//! [`inflate`], in the browser by `DecompressionStream`).
//!
//! # Searching
//! [`Archive::search`] answers [`Step::Fetch`] with the files it lacks, until
//! it has them all, then [`Step::Done`]. What it has loaded is a
//! [`SearchIndex`] holding only the words loaded so far, with every word that
//! shares a stem or a transliteration key with a query word, so it ranks as the
//! whole index would. Two things are looked for among loaded words only:
//! completions of a prefix beyond [`MAX_PREFIX_SHARDS`] shards, and typos.

use super::{parse_query, terms, DocMeta, Filters, Occ, SearchHit, SearchIndex};
use crate::model::{Analysis, ArticleAnalysis, MentionOut};
use crate::text::Document;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The file a reader opens first.
pub const MANIFEST: &str = "index.bin";
/// Its first bytes.
const MAGIC: &[u8] = b"MIRSADIX";
/// A summary for people.
pub const SUMMARY: &str = "mirsad-index.json";
/// The layout's version; a reader refuses others.
pub const VERSION: u32 = 1;
/// Index records are cut into shards of about this many bytes.
pub const SHARD_BYTES: usize = 6 * 1024;
/// Articles are stored in files of about this many bytes: an article or two
/// each, as a result shown needs its own.
pub const STORE_BYTES: usize = 4 * 1024;
/// A prefix being typed loads at most this many shards of completions.
pub const MAX_PREFIX_SHARDS: usize = 3;

const META_FILE: &str = "meta.bin";

/// What `index.bin` says.
#[derive(Clone, Debug, Default)]
pub struct Manifest {
    /// Number of articles.
    pub articles: usize,
    /// Average length of an article, in words.
    pub avg_len: f32,
    /// The first key of each index shard (`t/NNNN.bin`, N its position), in key order.
    pub shards: Vec<String>,
    /// The position of the first article of each store (`a/NNNN.bin`).
    pub stores: Vec<usize>,
    /// Each article's length in words.
    pub doc_len: Vec<u32>,
}

/// Path of index shard `i`.
pub fn shard_file(i: usize) -> String {
    format!("t/{i:04}.bin")
}

/// Path of article store `i`.
pub fn store_file(i: usize) -> String {
    format!("a/{i:04}.bin")
}

/// Gzipped bytes given where inflated ones are expected: an error that says so.
fn gzipped(bytes: &[u8]) -> Result<(), String> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err("the bytes are still gzipped: inflate them first (in a browser: DecompressionStream('gzip'))".into());
    }
    Ok(())
}

/// True for the names [`Step::Fetch`] may give: `meta.bin`, `t/NNNN.bin`, `a/NNNN.bin`.
pub fn is_index_file(file: &str) -> bool {
    file == META_FILE || file_number(file, "t").is_some() || file_number(file, "a").is_some()
}

/// The file name's number if it is `{dir}/NNNN.bin`.
fn file_number(file: &str, dir: &str) -> Option<usize> {
    let n = file.strip_prefix(dir)?.strip_prefix('/')?.strip_suffix(".bin")?;
    // At least four digits: `{i:04}` writes `a/0042.bin`, and `a/16724.bin` past 9999.
    (n.len() >= 4 && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())).then(|| n.parse().ok()).flatten()
}

impl Manifest {
    fn bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        put_uint(&mut out, u64::from(VERSION));
        put_uint(&mut out, self.articles as u64);
        put_uint(&mut out, u64::from(self.avg_len.to_bits()));
        put_uint(&mut out, self.shards.len() as u64);
        for first in &self.shards {
            put_str(&mut out, first);
        }
        put_uint(&mut out, self.stores.len() as u64);
        for &first in &self.stores {
            put_uint(&mut out, first as u64);
        }
        for &l in &self.doc_len {
            put_uint(&mut out, u64::from(l));
        }
        out
    }

    fn read(bytes: &[u8]) -> Result<Manifest, String> {
        gzipped(bytes)?;
        let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| format!("{MANIFEST} is not a Mirsad index (written by `mirsad index`)"))?;
        let mut r = Reader::new(rest);
        let version = r.uint()?;
        if version != u64::from(VERSION) {
            return Err(format!("the index is version {version}; this Mirsad reads version {VERSION}: rebuild it with `mirsad index`"));
        }
        let articles = r.count()?;
        let avg_len = f32::from_bits(r.u32()?);
        let n = r.count()?;
        let shards = (0..n).map(|_| r.str().map(str::to_string)).collect::<Result<Vec<_>, _>>()?;
        let n = r.count()?;
        let mut stores = Vec::with_capacity(n);
        for _ in 0..n {
            let first = r.uint()? as usize;
            if first >= articles || stores.last().is_some_and(|&p| p >= first) {
                return Err("the store table is out of order".into());
            }
            stores.push(first);
        }
        let doc_len = (0..articles).map(|_| r.u32()).collect::<Result<Vec<_>, _>>()?;
        if !r.done() {
            return Err(format!("{MANIFEST} has bytes left over"));
        }
        if !shards.windows(2).all(|w| w[0] < w[1]) {
            return Err("the shard table is out of order".into());
        }
        Ok(Manifest { articles, avg_len: if avg_len.is_finite() { avg_len.max(1.0) } else { 1.0 }, shards, stores, doc_len })
    }
}

// ---- encoding -------------------------------------------------------------

use crate::leb128::put as put_uint;

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_uint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_docs(out: &mut Vec<u8>, docs: &[u32]) {
    put_uint(out, docs.len() as u64);
    let mut prev = 0;
    for &d in docs {
        put_uint(out, u64::from(d - prev));
        prev = d;
    }
}

/// Reads what `put_*` wrote; every read checks its bounds (a truncated or
/// foreign file is an error, never a panic).
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    fn uint(&mut self) -> Result<u64, String> {
        crate::leb128::get(self.bytes, &mut self.at).map_err(|e| match e {
            crate::leb128::ReadError::Truncated => "the file ends inside a number".to_string(),
            crate::leb128::ReadError::TooLong => "a number is too long".to_string(),
        })
    }

    fn u32(&mut self) -> Result<u32, String> {
        u32::try_from(self.uint()?).map_err(|_| "a number is too large".to_string())
    }

    /// A count of items that each take at least one byte: never more than remain.
    fn count(&mut self) -> Result<usize, String> {
        let n = self.uint()? as usize;
        if n > self.bytes.len().saturating_sub(self.at) {
            return Err("a count is larger than the file".into());
        }
        Ok(n)
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.count()?;
        let s = self.bytes.get(self.at..self.at + n).ok_or("the file ends inside a string")?;
        self.at += n;
        Ok(s)
    }

    fn str(&mut self) -> Result<&'a str, String> {
        std::str::from_utf8(self.bytes()?).map_err(|_| "a string is not UTF-8".to_string())
    }

    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("the file ends early")?;
        self.at += 1;
        Ok(b)
    }

    fn docs(&mut self, n_docs: usize) -> Result<Vec<u32>, String> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        let mut d = 0u32;
        for _ in 0..n {
            d = d.checked_add(self.u32()?).ok_or("an article number overflows")?;
            if d as usize >= n_docs {
                return Err("an article number is out of range".into());
            }
            out.push(d);
        }
        Ok(out)
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

fn postings_bytes(list: &[Occ]) -> Vec<u8> {
    let mut out = Vec::with_capacity(list.len() * 3);
    put_uint(&mut out, list.len() as u64);
    let (mut doc, mut pos) = (0u32, 0u32);
    for &o in list {
        let delta = o.doc() - doc;
        put_uint(&mut out, u64::from(delta));
        put_uint(&mut out, u64::from(if delta == 0 { o.pos() - pos } else { o.pos() }));
        out.push(o.flags());
        (doc, pos) = (o.doc(), o.pos());
    }
    out
}

fn read_postings(r: &mut Reader, n_docs: usize) -> Result<Vec<Occ>, String> {
    let n = r.count()?;
    let mut list = Vec::with_capacity(n);
    let (mut doc, mut pos) = (0u32, 0u32);
    for _ in 0..n {
        let delta = r.u32()?;
        let p = r.u32()?;
        doc = doc.checked_add(delta).ok_or("an article number overflows")?;
        pos = if delta == 0 { pos.checked_add(p).ok_or("a position overflows")? } else { p };
        if doc as usize >= n_docs.min(super::MAX_DOCS) {
            return Err("an article number is out of range".into());
        }
        list.push(Occ::new(doc, pos, r.byte()?));
    }
    Ok(list)
}

// ---- writing --------------------------------------------------------------

/// The files of an archive of `docs`, indexed by `index` (built over exactly
/// these documents and `analysis`): (path under the folder, contents).
pub fn write(index: &SearchIndex, docs: &[Document], analysis: &Analysis) -> Vec<(String, Vec<u8>)> {
    write_sized(index, docs, analysis, SHARD_BYTES, STORE_BYTES)
}

/// [`write`] with other shard and store sizes (the tests make many small ones).
pub fn write_sized(index: &SearchIndex, docs: &[Document], analysis: &Analysis, shard_bytes: usize, store_bytes: usize) -> Vec<(String, Vec<u8>)> {
    let mut records: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (id, word) in index.words.iter().enumerate() {
        records.insert(format!("w:{word}"), postings_bytes(index.postings_of(id as u32)));
    }
    for (tag, map) in [("s", &index.stems), ("v", &index.variants)] {
        for (key, ids) in map {
            let mut out = Vec::new();
            put_uint(&mut out, ids.len() as u64);
            for &id in ids {
                put_str(&mut out, index.word(id));
            }
            records.insert(format!("{tag}:{key}"), out);
        }
    }
    let entity_bytes = |e: u32| {
        let mut out = Vec::new();
        let (id, flag) = index.entity_info.get(e as usize).cloned().unwrap_or_default();
        put_str(&mut out, &id);
        out.push(flag);
        put_docs(&mut out, index.entity_docs.get(e as usize).map_or(&[], Vec::as_slice));
        out
    };
    for (key, list) in &index.entity_keys {
        let mut out = Vec::new();
        put_uint(&mut out, list.len() as u64);
        for &e in list {
            out.extend(entity_bytes(e));
        }
        records.insert(format!("e:{key}"), out);
    }
    for (e, (id, _)) in index.entity_info.iter().enumerate() {
        let mut out = Vec::new();
        put_uint(&mut out, 1);
        out.extend(entity_bytes(e as u32));
        records.insert(format!("i:{id}"), out);
    }

    let mut files = Vec::new();
    let mut shards = Vec::new();
    let mut shard: Vec<u8> = Vec::new();
    let mut count = 0u64;
    let mut first = String::new();
    let mut flush = |shard: &mut Vec<u8>, count: &mut u64, first: &str, files: &mut Vec<(String, Vec<u8>)>| {
        if *count == 0 {
            return;
        }
        let mut bytes = Vec::with_capacity(shard.len() + 8);
        put_uint(&mut bytes, *count);
        bytes.append(shard);
        files.push((shard_file(shards.len()), bytes));
        shards.push(first.to_string());
        *count = 0;
    };
    for (key, payload) in &records {
        if count == 0 {
            first.clone_from(key);
        }
        put_str(&mut shard, key);
        put_uint(&mut shard, payload.len() as u64);
        shard.extend_from_slice(payload);
        count += 1;
        if shard.len() >= shard_bytes {
            flush(&mut shard, &mut count, &first, &mut files);
        }
    }
    flush(&mut shard, &mut count, &first, &mut files);

    let mut stores = Vec::new();
    let mut store: Vec<u8> = Vec::new();
    let mut in_store = 0u64;
    let mut first_doc = 0;
    for (d, doc) in docs.iter().enumerate() {
        if in_store == 0 {
            first_doc = d;
        }
        let article = analysis.articles.get(d);
        put_str(&mut store, article.map_or("", |a| a.id.as_str()));
        put_str(&mut store, article.map_or("", |a| a.title.as_str()));
        put_str(&mut store, article.and_then(|a| a.dct.value.as_deref()).unwrap_or(""));
        put_str(&mut store, article.and_then(|a| a.outlet.as_deref()).unwrap_or(""));
        put_str(&mut store, &doc.text);
        let mentions = article.map_or(&[][..], |a| a.entities.as_slice());
        put_uint(&mut store, mentions.len() as u64);
        for m in mentions {
            put_uint(&mut store, m.start as u64);
            put_uint(&mut store, (m.end - m.start) as u64);
            store.push(super::type_flag(&m.kind));
            put_str(&mut store, &m.entity);
        }
        in_store += 1;
        if store.len() >= store_bytes || d + 1 == docs.len() {
            let mut bytes = Vec::with_capacity(store.len() + 8);
            put_uint(&mut bytes, in_store);
            bytes.append(&mut store);
            files.push((store_file(stores.len()), bytes));
            stores.push(first_doc);
            in_store = 0;
        }
    }

    let mut meta = Vec::new();
    put_uint(&mut meta, index.outlets.len() as u64);
    for o in &index.outlets {
        put_str(&mut meta, o);
    }
    put_uint(&mut meta, index.meta.len() as u64);
    for m in &index.meta {
        // Days since 0000-03-01 are positive for any date a news archive holds; 0 is none.
        put_uint(&mut meta, m.day.map_or(0, |d| (d.max(-1) + 1) as u64));
        put_uint(&mut meta, m.outlet.map_or(0, |o| u64::from(o) + 1));
    }
    files.push((META_FILE.to_string(), meta));

    let manifest = Manifest { articles: docs.len(), avg_len: index.avg_len, shards, stores, doc_len: index.doc_len.clone() };
    let summary = serde_json::json!({
        "format": "mirsad-index",
        "version": VERSION,
        "generator": format!("mirsad {}", env!("CARGO_PKG_VERSION")),
        "articles": manifest.articles,
        "words": index.words.len(),
        "entities": index.entity_info.len(),
        "shards": manifest.shards.len(),
        "stores": manifest.stores.len(),
        "open": MANIFEST,
    });
    files.push((MANIFEST.to_string(), manifest.bytes()));
    // Every `.bin` gzipped: postings shrink by about a half, article text by two thirds.
    for (name, bytes) in &mut files {
        if name.ends_with(".bin") {
            *bytes = gzip(bytes);
        }
    }
    files.push((SUMMARY.to_string(), serde_json::to_vec_pretty(&summary).unwrap_or_default()));
    files
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 2), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// The bytes of an archive file as fetched: inflated if gzipped (the files are
/// written so; a server may also have inflated them already, sending them with
/// `Content-Encoding: gzip`). For the command line: the browser inflates with
/// `DecompressionStream`, and the widget's wasm exports neither this nor the
/// writer, so they cost it nothing.
pub fn inflate(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 3);
    flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut out).map_err(|e| format!("not valid gzip: {e}"))?;
    Ok(out)
}

// ---- reading --------------------------------------------------------------

/// What [`Archive::search`] needs next.
#[derive(Clone, Debug)]
pub enum Step {
    /// Load these files (paths under the index folder) with [`Archive::load`], then ask again.
    Fetch(Vec<String>),
    /// The results.
    Done(Vec<SearchHit>),
}

/// One stored article, once its store is loaded.
struct Stored {
    doc: Document,
    analysis: ArticleAnalysis,
}

/// An archive being searched: the manifest, and what has been loaded of it.
pub struct Archive {
    manifest: Manifest,
    index: SearchIndex,
    loaded: HashSet<String>,
    /// The words listed under each loaded `s:` and `v:` key.
    lists: HashMap<String, Vec<String>>,
    entity_ids: HashMap<String, u32>,
    stored: HashMap<u32, Stored>,
    meta_loaded: bool,
}

impl Archive {
    /// Open an archive from its `index.bin`.
    pub fn open(manifest: &[u8]) -> Result<Archive, String> {
        let manifest = Manifest::read(manifest).map_err(|e| format!("{MANIFEST}: {e}"))?;
        let n = manifest.articles;
        let mut index = SearchIndex::default();
        index.doc_len.clone_from(&manifest.doc_len);
        index.avg_len = manifest.avg_len;
        index.meta = vec![DocMeta::default(); n];
        Ok(Archive {
            manifest,
            index,
            loaded: HashSet::new(),
            lists: HashMap::new(),
            entity_ids: HashMap::new(),
            stored: HashMap::new(),
            meta_loaded: false,
        })
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.manifest.articles
    }

    /// True for an archive of no articles.
    pub fn is_empty(&self) -> bool {
        self.manifest.articles == 0
    }

    /// Bytes of a file the last [`Step::Fetch`] named. A file loaded twice is
    /// ignored; a file of the wrong shape is an error and changes nothing.
    pub fn load(&mut self, file: &str, bytes: &[u8]) -> Result<(), String> {
        if self.loaded.contains(file) {
            return Ok(());
        }
        gzipped(bytes).map_err(|e| format!("{file}: {e}"))?;
        let n_docs = self.manifest.articles;
        let result = if file == META_FILE {
            self.load_meta(bytes)
        } else if let Some(i) = file_number(file, "a").filter(|&i| i < self.manifest.stores.len()) {
            self.load_store(i, bytes)
        } else if file_number(file, "t").is_some_and(|i| i < self.manifest.shards.len()) {
            self.load_shard(bytes, n_docs)
        } else {
            return Err(format!("{file:?} is not a file of this index"));
        };
        result.map_err(|e| format!("{file}: {e}"))?;
        self.loaded.insert(file.to_string());
        Ok(())
    }

    fn load_shard(&mut self, bytes: &[u8], n_docs: usize) -> Result<(), String> {
        // Decoded whole before anything changes, so a bad file leaves no trace.
        let mut r = Reader::new(bytes);
        let n = r.count()?;
        let mut records = Vec::with_capacity(n);
        for _ in 0..n {
            let key = r.str()?;
            let payload = r.bytes()?;
            records.push((key, payload));
        }
        let mut words = Vec::new();
        let mut lists = Vec::new();
        let mut entities = Vec::new();
        for (key, payload) in records {
            let mut p = Reader::new(payload);
            let (tag, rest) = key.split_once(':').ok_or("a key has no tag")?;
            match tag {
                "w" => words.push((rest, read_postings(&mut p, n_docs)?)),
                "s" | "v" => {
                    let n = p.count()?;
                    let list = (0..n).map(|_| p.str().map(str::to_string)).collect::<Result<Vec<_>, _>>()?;
                    lists.push((key.to_string(), list));
                }
                "e" | "i" => {
                    let n = p.count()?;
                    for _ in 0..n {
                        let id = p.str()?.to_string();
                        let flag = p.byte()?;
                        let docs = p.docs(n_docs)?;
                        entities.push(((tag == "e").then(|| rest.to_string()), id, flag, docs));
                    }
                }
                _ => return Err(format!("unknown record tag {tag:?}")),
            }
            if !p.done() {
                return Err(format!("record {key:?} has bytes left over"));
            }
        }
        for (word, postings) in words {
            let id = self.index.intern(word.to_string());
            self.index.set_postings(id, &postings);
        }
        let index = &self.index;
        let mut sorted: Vec<u32> = (0..index.words.len() as u32).collect();
        sorted.sort_by(|&a, &b| index.word(a).cmp(index.word(b)));
        self.index.sorted = sorted;
        self.lists.extend(lists);
        for (name, id, flag, docs) in entities {
            let e = match self.entity_ids.get(&id) {
                Some(&e) => e,
                None => {
                    let e = self.index.entity_info.len() as u32;
                    self.index.entity_info.push((id.clone(), flag));
                    self.index.entity_docs.push(docs);
                    self.entity_ids.insert(id, e);
                    e
                }
            };
            if let Some(name) = name {
                let list = self.index.entity_keys.entry(name).or_default();
                if !list.contains(&e) {
                    list.push(e);
                }
            }
        }
        Ok(())
    }

    fn load_store(&mut self, store: usize, bytes: &[u8]) -> Result<(), String> {
        let first = self.manifest.stores.get(store).copied().unwrap_or(0);
        let end = self.manifest.stores.get(store + 1).copied().unwrap_or(self.manifest.articles);
        let mut r = Reader::new(bytes);
        let n = r.count()?;
        let mut articles = Vec::with_capacity(n);
        for i in 0..n {
            let doc = u32::try_from(first + i).map_err(|_| "too many articles")?;
            if doc as usize >= end {
                return Err("more articles than the index says".into());
            }
            let id = r.str()?.to_string();
            let title = r.str()?.to_string();
            let dct = r.str()?;
            let outlet = r.str()?;
            let text = r.str()?;
            let n_mentions = r.count()?;
            let mut entities = Vec::with_capacity(n_mentions);
            let n_chars = text.chars().count();
            for _ in 0..n_mentions {
                let start = r.uint()? as usize;
                let end = start.checked_add(r.uint()? as usize).ok_or("a mention overflows")?;
                if end > n_chars {
                    return Err("a mention lies past the end of its article".into());
                }
                let kind = match r.byte()? {
                    super::IN_PER => "PER",
                    super::IN_LOC => "LOC",
                    super::IN_ORG => "ORG",
                    _ => "MISC",
                };
                let entity = r.str()?.to_string();
                // Marks need the span and the entity, not the mention's text.
                entities.push(MentionOut { start, end, kind: kind.into(), entity, ..Default::default() });
            }
            let mut analysis = ArticleAnalysis { id, title, entities, ..Default::default() };
            analysis.dct.value = (!dct.is_empty()).then(|| dct.to_string());
            analysis.outlet = (!outlet.is_empty()).then(|| outlet.to_string());
            articles.push((doc, text.to_string(), analysis));
        }
        for (doc, text, analysis) in articles {
            let document = crate::text::read_documents(&[text.as_str()]).into_iter().next().ok_or("no document")?;
            self.stored.insert(doc, Stored { doc: document, analysis });
        }
        Ok(())
    }

    fn load_meta(&mut self, bytes: &[u8]) -> Result<(), String> {
        let mut r = Reader::new(bytes);
        let n = r.count()?;
        let outlets = (0..n).map(|_| r.str().map(str::to_string)).collect::<Result<Vec<_>, _>>()?;
        let n_docs = r.count()?;
        if n_docs != self.manifest.articles {
            return Err("its article count is not the manifest's".into());
        }
        let mut meta = Vec::with_capacity(n_docs);
        for _ in 0..n_docs {
            let day = r.uint()?;
            let outlet = r.u32()?;
            if outlet as usize > outlets.len() {
                return Err("an outlet number is out of range".into());
            }
            meta.push(DocMeta { day: (day > 0).then(|| day as i64 - 1), outlet: outlet.checked_sub(1) });
        }
        self.index.outlets = outlets;
        self.index.meta = meta;
        self.meta_loaded = true;
        Ok(())
    }

    /// The shard that would hold `key`.
    fn shard_of(&self, key: &str) -> Option<usize> {
        let i = self.manifest.shards.partition_point(|first| first.as_str() <= key);
        i.checked_sub(1)
    }

    fn want_key(&self, key: &str, out: &mut Vec<String>) {
        if let Some(file) = self.shard_of(key).map(shard_file) {
            if !self.loaded.contains(&file) && !out.contains(&file) {
                out.push(file);
            }
        }
    }

    /// The index keys a query looks up (see `SearchIndex::expand`,
    /// `term_hits`, `joined_hits`, `named_entities`), and its prefixes.
    fn query_keys(&self, query: &str) -> (Vec<String>, Vec<String>) {
        let terms = parse_query(query);
        let (mut keys, mut prefixes) = (Vec::new(), Vec::new());
        let word = |w: &str, keys: &mut Vec<String>| {
            keys.push(format!("w:{w}"));
            if let Some(v) = terms::variant_key(w) {
                keys.push(format!("v:{v}"));
            }
        };
        for (i, t) in terms.iter().enumerate() {
            for (k, key) in t.keys.iter().enumerate() {
                word(key, &mut keys);
                keys.push(format!("s:{}", terms::stem(key).unwrap_or_else(|| key.clone())));
                let n = key.chars().count();
                if t.prefix && n >= if k == 0 { 2 } else { super::MIN_READING_PREFIX } {
                    prefixes.push(format!("w:{key}"));
                }
                // Split forms are looked for only for a rare word: known once
                // the shards of its own keys are in.
                let own = t.keys.iter().all(|k| self.shard_of(&format!("w:{k}")).is_none_or(|i| self.loaded.contains(&shard_file(i))));
                let bounds: Vec<usize> = key.char_indices().map(|(b, _)| b).collect();
                if own && bounds.len() >= 5 && self.index.docs_with_any(&t.keys) < super::TYPO_RARE_DOCS {
                    for &cut in bounds.get(2..bounds.len() - 1).unwrap_or(&[]) {
                        if let (Some(a), Some(b)) = (key.get(..cut), key.get(cut..)) {
                            word(a, &mut keys);
                            word(b, &mut keys);
                        }
                    }
                }
                if let Some(next) = terms.get(i + 1).filter(|n| n.phrase == t.phrase) {
                    word(&format!("{key}{}", next.norm()), &mut keys);
                }
            }
        }
        // Every reading's name: which of them count is known once the words are in.
        keys.extend(super::entity_name_keys(&terms, &[]).into_iter().map(|(key, _)| format!("e:{key}")));
        (keys, prefixes)
    }

    /// Search. Answers [`Step::Fetch`] until every file the query needs is
    /// loaded; each round names files not named before, so a caller that loads
    /// what it is asked for reaches [`Step::Done`] in at most five rounds (the
    /// query's keys; split forms of a rare word; words sharing a stem or
    /// transliteration key; the results' articles).
    pub fn search(&mut self, query: &str, filters: &Filters, limit: usize) -> Result<Step, String> {
        filters.check()?;
        let mut need = Vec::new();
        let (keys, prefixes) = self.query_keys(query);
        for key in &keys {
            self.want_key(key, &mut need);
        }
        for prefix in &prefixes {
            let Some(from) = self.shard_of(prefix) else { continue };
            let upper = format!("{prefix}\u{10FFFF}");
            let to = self.shard_of(&upper).unwrap_or(from).min(from + MAX_PREFIX_SHARDS - 1);
            for file in (from..=to.max(from)).map(shard_file) {
                if !self.loaded.contains(&file) && !need.contains(&file) {
                    need.push(file);
                }
            }
        }
        if let Some(id) = &filters.entity {
            self.want_key(&format!("i:{id}"), &mut need);
        }
        if (filters.outlet.is_some() || filters.from.is_some() || filters.to.is_some()) && !self.meta_loaded {
            need.push(META_FILE.to_string());
        }
        // (Split forms of a rare word join `keys` once its own shards are in:
        // the round after they are fetched.)
        if !need.is_empty() {
            return Ok(Step::Fetch(need));
        }
        // Every word that shares a stem or transliteration key with a query word.
        for key in keys.iter().filter(|k| k.starts_with("s:") || k.starts_with("v:")) {
            for w in self.lists.get(key).map_or(&[][..], Vec::as_slice) {
                self.want_key(&format!("w:{w}"), &mut need);
            }
        }
        if !need.is_empty() {
            return Ok(Step::Fetch(need));
        }
        let Some(ranking) = self.index.rank(query, filters, limit) else { return Ok(Step::Done(Vec::new())) };
        for &(doc, _) in &ranking.ranked {
            if !self.stored.contains_key(&doc) {
                let i = self.manifest.stores.partition_point(|&first| first <= doc as usize).saturating_sub(1);
                let file = store_file(i);
                if i < self.manifest.stores.len() && !need.contains(&file) {
                    need.push(file);
                }
            }
        }
        if !need.is_empty() {
            return Ok(Step::Fetch(need));
        }
        let hits = ranking
            .ranked
            .iter()
            .filter_map(|&(doc, score)| {
                let s = self.stored.get(&doc)?;
                Some(self.index.hit(&ranking, doc, score, s.analysis.id.clone(), &s.doc, Some(&s.analysis)))
            })
            .collect();
        Ok(Step::Done(hits))
    }

    /// A loaded article: its text and analysis (id, title, date, outlet, mentions).
    pub fn article(&self, id: &str) -> Option<(&str, &ArticleAnalysis)> {
        self.stored.values().find(|s| s.analysis.id == id).map(|s| (s.doc.text.as_str(), &s.analysis))
    }

    /// Number of files loaded so far.
    #[cfg(test)]
    pub fn files_loaded(&self) -> usize {
        self.loaded.len()
    }
}

#[cfg(test)]
mod tests;

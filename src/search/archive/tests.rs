//! The archive ranks as the whole index does, and survives broken files.

use super::*;
use crate::{ArticleInput, Corpus};
use std::collections::HashMap;

fn seeds() -> Corpus {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("seeds").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let inputs: Vec<ArticleInput> = paths
        .iter()
        .map(|p| ArticleInput {
            id: p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            text: std::fs::read_to_string(p).expect("seed text"),
            dct: None,
            page: None,
        })
        .collect();
    Corpus::new(&inputs).expect("seeds analyse")
}

/// Search an archive held in memory the way a browser would: load what each
/// step asks for. Returns the hits and the number of rounds.
fn search(files: &HashMap<String, Vec<u8>>, archive: &mut Archive, query: &str, filters: &Filters) -> (Vec<SearchHit>, usize) {
    for round in 0..8 {
        match archive.search(query, filters, 10).expect("search") {
            Step::Done(hits) => return (hits, round),
            Step::Fetch(list) => {
                assert!(!list.is_empty());
                for f in list {
                    archive.load(&f, files.get(&f).unwrap_or_else(|| panic!("{f} was written"))).expect("loads");
                }
            }
        }
    }
    panic!("{query:?}: no answer after 8 rounds");
}

/// The archive's files as a reader gets them: inflated.
fn written(index: &SearchIndex, docs: &[Document], analysis: &Analysis, shard: usize, store: usize) -> HashMap<String, Vec<u8>> {
    let files = write_sized(index, docs, analysis, shard, store);
    assert!(files.iter().filter(|(n, _)| n.ends_with(".bin")).all(|(_, b)| b.starts_with(&[0x1f, 0x8b])), "gzipped");
    files.into_iter().map(|(n, b)| (n, inflate(b).expect("inflates"))).collect()
}

fn open(files: &HashMap<String, Vec<u8>>) -> Archive {
    Archive::open(&files[MANIFEST]).expect("opens")
}

const QUERIES: &[&str] = &[
    "بوتين",
    "بيونج يانج",
    "بيونغيانغ",
    "كيم جونج اون",
    "\"كوريا الشمالية\"",
    "الصواريخ الباليستية",
    "وموسكو",
    "اتفاقية",
    "معاهدة الشراكة الاستراتيجية",
    "روسيا",
    "الأمم المتحدة",
    "2024",
    "كوريا الشمالية روسيا أوكرانيا",
];

fn ranking(hits: &[SearchHit]) -> Vec<(String, String)> {
    hits.iter().map(|h| (h.article.clone(), format!("{:.4}", h.score))).collect()
}

#[test]
fn archive_ranks_as_the_whole_index() {
    let corpus = seeds();
    // Small shards and stores, so a query needs several of them.
    let files: HashMap<String, Vec<u8>> = written(&corpus.index, &corpus.docs, &corpus.analysis, 2048, 4096);
    let manifest = Manifest::read(&files[MANIFEST]).expect("manifest");
    assert!(manifest.shards.len() > 20, "{} shards", manifest.shards.len());
    assert!(manifest.stores.len() >= 5, "{} stores", manifest.stores.len());
    let filters = [
        Filters::default(),
        Filters { kind: Some("LOC".into()), ..Default::default() },
        Filters { from: Some("2024-06".into()), ..Default::default() },
    ];
    let mut answered = 0;
    for f in &filters {
        let mut archive = open(&files);
        for q in QUERIES {
            let whole = corpus.search_filtered(q, f, 10);
            let (hits, rounds) = search(&files, &mut archive, q, f);
            assert_eq!(ranking(&hits), ranking(&whole), "{q:?} with {f:?}");
            assert!(rounds <= 5, "{q:?}: {rounds} rounds");
            if !whole.is_empty() {
                answered += 1;
                assert!(hits.iter().all(|h| h.snippet.contains("<mark>")), "{q:?}");
            }
        }
        // A second archive that has seen nothing still ranks the same. (A phrase:
        // typos and completions, which an archive looks for only among the
        // pieces it has, do not apply; in five seeds every word is rare enough
        // to be looked at as a typo.)
        let (hits, _) = search(&files, &mut open(&files), "\"بيونغ يانغ\"", f);
        assert_eq!(ranking(&hits), ranking(&corpus.search_filtered("\"بيونغ يانغ\"", f, 10)));
    }
    assert!(answered >= 2 * QUERIES.len(), "only {answered} queries had results");
    // An entity filter loads that entity's record.
    let some = corpus.analysis.entities.iter().find(|e| (2..=3).contains(&e.articles.len())).expect("an entity in a few seeds");
    let only = Filters { entity: Some(some.id.clone()), ..Default::default() };
    let whole = corpus.search_filtered("روسيا", &only, 10);
    assert!(!whole.is_empty() && whole.len() <= 3, "{whole:?}");
    assert_eq!(ranking(&search(&files, &mut open(&files), "روسيا", &only).0), ranking(&whole));
}

#[test]
fn archive_loads_only_what_a_query_needs() {
    let corpus = seeds();
    let files: HashMap<String, Vec<u8>> = written(&corpus.index, &corpus.docs, &corpus.analysis, 2048, 4096);
    let total = files.len();
    let mut archive = open(&files);
    let _ = search(&files, &mut archive, "بوتين", &Filters::default());
    assert!(archive.files_loaded() * 4 < total, "{} of {total} files for one word", archive.files_loaded());
}

#[test]
fn archive_typos_and_prefixes_are_found() {
    let corpus = seeds();
    let files: HashMap<String, Vec<u8>> = written(&corpus.index, &corpus.docs, &corpus.analysis, SHARD_BYTES, STORE_BYTES);
    let mut archive = open(&files);
    for q in ["بوتبن", "بيون", "وبيون"] {
        let (hits, _) = search(&files, &mut archive, q, &Filters::default());
        assert!(!hits.is_empty(), "{q:?}");
    }
}

#[test]
fn broken_files_are_errors_not_panics() {
    let corpus = seeds();
    let files: HashMap<String, Vec<u8>> = written(&corpus.index, &corpus.docs, &corpus.analysis, 2048, 4096);
    assert!(Archive::open(b"{}").is_err());
    assert!(Archive::open(b"").is_err());
    assert!(Archive::open(b"MIRSADIX").is_err());
    let good = &files[MANIFEST];
    for cut in 0..good.len() {
        assert!(Archive::open(&good[..cut]).is_err(), "index.bin cut at {cut}");
    }
    let mut newer = good.clone();
    newer[MAGIC.len()] = 99;
    let why = Archive::open(&newer).err().expect("refused");
    assert!(why.contains("rebuild"), "{why}");
    assert!(files[SUMMARY].starts_with(b"{"));
    let mut names: Vec<&String> = files.keys().filter(|f| is_index_file(f)).collect();
    names.sort();
    for name in names.iter().step_by(3) {
        let good = &files[*name];
        let mut archive = open(&files);
        for cut in [0, 1, good.len() / 3, good.len() / 2, good.len().saturating_sub(1)] {
            let bad = good.get(..cut).unwrap_or(&[]);
            if bad.len() < good.len() {
                assert!(archive.load(name, bad).is_err(), "{name} cut at {cut}");
            }
        }
        let mut junk = good.clone();
        for (i, b) in junk.iter_mut().enumerate() {
            *b ^= (i as u8).wrapping_mul(37) | 1;
        }
        let _ = archive.load(name, &junk);
        // Whatever happened, the archive still answers (perhaps with nothing).
        let _ = archive.search("بوتين", &Filters::default(), 10);
    }
    assert!(open(&files).load("../../etc/passwd", b"x").is_err());
}

#[test]
fn piece_names_past_ten_thousand() {
    assert_eq!(file_number(&store_file(16724), "a"), Some(16724));
    assert_eq!(file_number(&shard_file(3), "t"), Some(3));
    assert_eq!(file_number("t/3.bin", "t"), None);
    assert_eq!(file_number("a/../../x.bin", "a"), None);
    assert_eq!(file_number("a/1234567890.bin", "a"), None);
    assert!(is_index_file(&store_file(10_000)) && is_index_file("meta.bin") && !is_index_file("index.bin/../x"));
}

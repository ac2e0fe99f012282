//! Build step: the word lists (the two common-word lists of `data/lexicon/`,
//! ~9,000 words, and the given-name lists of `data/names/`, ~3,100) go into the
//! wasm front-coded, each word written as how many letters it shares with the one
//! before and the rest (`src/entities/lexicon.rs` reads them back). Sorted and
//! prefix-shared, they take 10 KB less gzip than as plain lines; the files in
//! `data/` stay plain.
//!
//! Every other data file the library includes goes in without its `#` comment
//! lines (sources, licences, format notes: for people, not for the wasm).
//!
//! The gazetteer (`data/gazetteer/entities.tsv`) goes in by column groups: first a
//! line with the row count, then each row's id, type and English name, then each
//! row's Arabic name and aliases, in the same order. Latin next to Latin and
//! Arabic next to Arabic take 5.5 KB less gzip in the wasm than rows that mix them.
//!
//! The compatibility decompositions of the Arabic presentation forms (U+FB50–FDFF,
//! U+FE70–FEFE; Unicode's data, through the unicode-normalization crate) are written
//! as one line per code point: the library needs no other decomposition, and the
//! crate's whole table in the wasm cost 20 KB gzip.

use std::fs;
use std::path::Path;

/// The most shared letters one line records (a prefix digit from `0`).
const MAX_SHARED: usize = 78;

fn front_code(src: &str) -> String {
    let mut words: Vec<&str> = src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    words.sort_unstable();
    words.dedup();
    let mut out = String::new();
    let mut prev: Vec<char> = Vec::new();
    for w in words {
        let chars: Vec<char> = w.chars().collect();
        let shared = prev.iter().zip(&chars).take_while(|(a, b)| a == b).count().min(MAX_SHARED);
        out.push(char::from(b'0' + shared as u8));
        out.extend(&chars[shared..]);
        out.push('\n');
        prev = chars;
    }
    out
}

/// The data files included without their comment lines (`data_file!` in src/lib.rs).
const STRIPPED: &[&str] = &[
    "boilerplate_cues.tsv",
    "fold.tsv",
    "triggers.tsv",
    "nationality.tsv",
    "gazetteer/entities.tsv",
    "gazetteer/places_in_context.tsv",
    "lexicon/event_triggers.txt",
    "lexicon/function_words.txt",
    "lexicon/derived_not_names.txt",
    "lexicon/sport_words.txt",
    "time/months.tsv",
    "time/weekdays.tsv",
    "time/numbers.tsv",
    "time/units.tsv",
    "time/words.tsv",
];

/// The gazetteer's rows (comments gone) as [`main`] writes them: the count, the
/// Latin columns (id, type, English name) of every row, then the Arabic ones
/// (name, aliases); `src/entities/lexicon.rs` puts the rows back together.
fn gazetteer_by_script(rows: &str) -> String {
    let rows: Vec<Vec<&str>> = rows.lines().filter(|l| !l.trim().is_empty()).map(|l| l.split('\t').collect()).collect();
    let cells = |r: &Vec<&str>, columns: &[usize]| columns.iter().map(|&c| r.get(c).copied().unwrap_or("")).collect::<Vec<_>>().join("\t");
    let mut out = format!("{}\n", rows.len());
    for columns in [&[0, 1, 3][..], &[2, 4]] {
        for r in &rows {
            out.push_str(&cells(r, columns));
            out.push('\n');
        }
    }
    out
}

/// The presentation-form ranges, in the order of the lines written (keep in step
/// with `src/text/normalize.rs`).
const PRESENTATION_FORMS: [(u32, u32); 2] = [(0xFB50, 0xFDFF), (0xFE70, 0xFEFE)];

fn presentation_forms() -> String {
    let mut out = String::new();
    for (from, to) in PRESENTATION_FORMS {
        for cp in from..=to {
            if let Some(c) = char::from_u32(cp) {
                let mut d = String::new();
                unicode_normalization::char::decompose_compatible(c, |x| d.push(x));
                // A form with no decomposition comes back as itself: an empty line.
                if d.chars().eq(std::iter::once(c)) {
                    d.clear();
                }
                assert!(!d.contains('\n'));
                out.push_str(&d);
            }
            out.push('\n');
        }
    }
    out
}

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out_dir).join("presentation_forms.txt"), presentation_forms()).expect("write to OUT_DIR");
    for name in ["lexicon/common_words", "lexicon/common_definite", "names/given_ar", "names/given_foreign"] {
        let path = format!("data/{name}.txt");
        println!("cargo:rerun-if-changed={path}");
        let src = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let file = name.rsplit('/').next().unwrap_or(name);
        fs::write(Path::new(&out_dir).join(format!("{file}.fc")), front_code(&src)).expect("write to OUT_DIR");
    }
    for name in STRIPPED {
        let path = format!("data/{name}");
        println!("cargo:rerun-if-changed={path}");
        let src = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut kept: String = src.split_inclusive('\n').filter(|l| !l.starts_with('#')).collect();
        if *name == "gazetteer/entities.tsv" {
            kept = gazetteer_by_script(&kept);
        }
        let dest = Path::new(&out_dir).join("data").join(name);
        fs::create_dir_all(dest.parent().expect("a folder")).expect("create in OUT_DIR");
        fs::write(dest, kept).expect("write to OUT_DIR");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

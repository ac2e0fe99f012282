//! Golden tests of the text stage on realistic text: Persian letters (`ی ک`),
//! tatweel, diacritics, emoji (flags, outside the BMP), Arabic-Indic digits and
//! left-to-right runs inside right-to-left text. Each `tests/golden/text/X.txt`
//! has its expected output in `X.expected`: every token (text, kind, folded form,
//! offsets in bytes, scalars and UTF-16 units) and every sentence.
//! `MIRSAD_BLESS=1 cargo test --test integration golden` rewrites the expected files;
//! read the diff before committing it.

use super::root;
use mirsad::offsets::OffsetIndex;
use mirsad::text::read_documents;
use std::fmt::Write;

fn render(text: &str) -> String {
    let doc = read_documents(&[text]).remove(0);
    let ox = OffsetIndex::new(text);
    let mut out = String::new();
    for t in &doc.tokens {
        let s = ox.span(t.span);
        let raw = doc.slice(t.span);
        // Scalars and UTF-16 units must agree with the bytes they came from.
        assert_eq!(text.get(..t.span.start).map(|p| p.chars().count()), Some(s.start));
        assert_eq!(text.get(..t.span.start).map(|p| p.encode_utf16().count()), Some(s.start16));
        writeln!(out, "token\t{raw}\t{:?}\t{}\tbytes {}..{}\tscalars {}..{}\tutf16 {}..{}", t.kind, t.norm, t.span.start, t.span.end, s.start, s.end, s.start16, s.end16).unwrap();
    }
    for s in &doc.sentences {
        writeln!(out, "sentence\t{}", doc.slice(*s)).unwrap();
    }
    for b in &doc.boilerplate {
        writeln!(out, "boilerplate\t{:?}\t{}", b.kind, doc.slice(b.span)).unwrap();
    }
    out
}

#[test]
fn text_stage_golden_files() {
    let dir = root().join("tests/golden/text");
    let bless = std::env::var_os("MIRSAD_BLESS").is_some();
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    let mut failed = Vec::new();
    for input in inputs {
        let got = render(&std::fs::read_to_string(&input).unwrap());
        let expected_path = input.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            let first = got.lines().zip(expected.lines()).position(|(a, b)| a != b).unwrap_or(0);
            eprintln!("{}: first difference at line {}:\n  got:      {}\n  expected: {}", input.display(), first + 1, got.lines().nth(first).unwrap_or(""), expected.lines().nth(first).unwrap_or("<missing>"));
            failed.push(input);
        }
    }
    assert!(failed.is_empty(), "golden files differ (MIRSAD_BLESS=1 rewrites them): {failed:?}");
}

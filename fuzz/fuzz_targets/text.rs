//! The text stage on any bytes: decoding (refusals are fine), folding with its
//! offset map, tokens, lines, sentences, boilerplate. Checks the invariants the
//! later stages rely on, not only the absence of a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad::error::decode_article;
use mirsad::text::{normalize, read_documents};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = decode_article("fuzz", bytes) else { return };
    let n = normalize::normalize(&text);
    assert_eq!(normalize::fold(&n.text), n.text, "folding is idempotent");
    for i in (0..n.text.len()).step_by(7) {
        let (s, e) = n.raw_span(i, (i + 5).min(n.text.len()));
        assert!(s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    let docs = read_documents(&[text.as_str(), text.as_str()]);
    for doc in &docs {
        for span in doc.tokens.iter().map(|t| t.span).chain(doc.sentences.iter().copied()).chain(doc.lines.iter().copied()) {
            assert!(doc.text.get(span.start..span.end).is_some(), "span {span:?} is inside the text on char boundaries");
        }
        for b in &doc.boilerplate {
            assert!(doc.text.get(b.span.start..b.span.end).is_some());
        }
    }
});

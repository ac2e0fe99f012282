//! HTML input on any bytes: html5ever, then the extractor, then the text stage.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad::text::html::{extract, parse};

fuzz_target!(|bytes: &[u8]| {
    let html = String::from_utf8_lossy(bytes);
    if let Ok(article) = extract("fuzz.html", &parse(&html)) {
        assert!(!article.text.trim().is_empty(), "an extracted article has text");
        let _ = mirsad::text::read_documents(&[article.text.as_str()]);
    }
});

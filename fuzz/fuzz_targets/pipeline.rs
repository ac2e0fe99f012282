//! The whole pipeline on any text, as the page drives it: analyse, render every
//! article and the timeline, search with a query cut from the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad::{ArticleInput, Corpus};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    // The first line is also the query and the second article, so the fuzzer
    // reaches cross-article linking and search hits.
    let first = text.lines().next().unwrap_or("");
    let inputs = [
        ArticleInput { id: "a".into(), text: text.into(), dct: Some("2024-06-19".into()), page: None },
        ArticleInput { id: "b".into(), text: first.into(), dct: None, page: None },
    ];
    let Ok(corpus) = Corpus::new(&inputs) else { return };
    let json = serde_json::to_string(&corpus.analysis).expect("the analysis serialises");
    assert!(!json.is_empty());
    let event = corpus.analysis.timeline.first().map(|e| e.id.clone());
    let entity = corpus.analysis.entities.first().map(|e| e.id.clone());
    for a in &inputs {
        let html = corpus.article_html(&a.id, event.as_deref(), entity.as_deref()).expect("a known id renders");
        assert!(!html.contains("<script"), "article text is escaped");
    }
    let _ = corpus.timeline_svg(&Default::default());
    let tjs: serde_json::Value = serde_json::from_str(&mirsad::export::timelinejs(&corpus)).expect("TimelineJS JSON parses");
    assert!(tjs["events"].is_array());
    let _ = mirsad::export::timeline_csv(&corpus.analysis);
    let _ = mirsad::export::entities_csv(&corpus.analysis);
    let _ = corpus.search(first, 10);
});

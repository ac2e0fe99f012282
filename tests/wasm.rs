//! The library compiled to wasm32, run in headless Chromium by wasm-bindgen-test
//! (`./build.sh test` sets the runner and the driver). The same plain-Rust API as
//! natively: these tests show it works, and does not panic on hostile input, in wasm,
//! where a panic would abort the whole instance.
#![cfg(target_arch = "wasm32")]

use mirsad::{analyze, ArticleInput, Corpus};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn article(id: &str, text: &str) -> ArticleInput {
    ArticleInput { id: id.into(), text: text.into(), dct: None, page: None }
}

const NEWS: &str = "بوتين يزور كوريا الشمالية\n\
    زار الرئيس الروسي فلاديمير بوتين بيونغ يانغ يوم 19 يونيو 2024، حيث التقى الزعيم كيم جونغ أون.\n\
    وقالت وكالة الأنباء المركزية الكورية إن الزعيمين وقعا اتفاقية شراكة استراتيجية شاملة.";

#[wasm_bindgen_test]
fn an_arabic_article_is_analysed_rendered_and_searched() {
    let corpus = Corpus::new(&[article("a.txt", NEWS)]).expect("a small article is accepted");
    let analysis = &corpus.analysis;
    assert_eq!(analysis.articles.len(), 1);
    assert_eq!(analysis.articles[0].id, "a.txt");
    assert!(!analysis.articles[0].title.is_empty(), "the first line is a title");

    let html = corpus.article_html("a.txt", None, None).expect("a known id renders");
    assert!(html.contains("<p"), "{html}");
    assert!(corpus.article_html("missing", None, None).is_none());

    let svg = corpus.timeline_svg(&mirsad::render::TimelineView { width: 320, ..Default::default() });
    assert!(svg.starts_with("<svg"), "{svg}");

    // Whatever the ranking does today, a query never panics and stays within the limit.
    assert!(corpus.search("بيونج يانج", 3).len() <= 3);
}

#[wasm_bindgen_test]
fn analyze_agrees_with_corpus() {
    let inputs = [article("a.txt", NEWS), article("b.txt", "خبر قصير عن موسكو.")];
    let a = analyze(&inputs).expect("accepted");
    let b = Corpus::new(&inputs).expect("accepted").analysis;
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
}

#[wasm_bindgen_test]
fn hostile_input_never_panics() {
    let binaryish: String = (0u32..2048).filter_map(char::from_u32).collect();
    // 220,000 characters and no newline. Smaller than the native case (a million, in
    // tests/integration/hostile_input.rs): one test blocks the page, and chromedriver
    // gives up on a renderer that does not answer for 30 s.
    let long_line = "بيونغ يانغ ".repeat(20_000);
    let cases: Vec<Vec<ArticleInput>> = vec![
        vec![],
        vec![article("empty", "")],
        vec![article("blank", "\n\n \r\n\t")],
        vec![article("binary", &binaryish)],
        vec![article("nul", "\0\0\0بوتين\0")],
        vec![article("long", &long_line)],
        vec![article("markup", "<script>alert(1)</script>\n<img src=x onerror=alert(1)> بوتين")],
        vec![ArticleInput { id: "bad-date".into(), text: "نص".into(), dct: Some("2024-13-45".into()), page: None }],
        vec![article("dup", NEWS), article("dup", NEWS)],
    ];
    for inputs in cases {
        // Refusing is fine (an Err with a message); panicking is not.
        if let Ok(corpus) = Corpus::new(&inputs) {
            for a in &inputs {
                let _ = corpus.article_html(&a.id, Some("e1"), Some("x"));
            }
            let _ = corpus.search("", 10);
            let _ = corpus.search("بيونغ", 10);
            let _ = corpus.timeline_svg(&mirsad::render::TimelineView { width: 0, ltr: true, ..Default::default() });
        }
    }
}

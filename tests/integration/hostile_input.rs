use mirsad::{analyze, ArticleInput, Corpus};

fn one(text: String) -> Vec<ArticleInput> {
    vec![ArticleInput { id: "x".into(), text, dct: None, page: None }]
}

#[test]
fn empty_and_blank_text_give_an_empty_analysis() {
    for text in ["", " ", "\n\n\r\n", "\u{200F}\u{FEFF}"] {
        let a = analyze(&one(text.into())).unwrap();
        assert!(a.articles[0].entities.is_empty());
    }
    assert!(analyze(&[]).unwrap().articles.is_empty());
}

#[test]
fn one_million_character_line_is_survived() {
    let text = "بوتين كيم ".repeat(100_000);
    let len = text.len();
    let corpus = Corpus::new(&one(text)).unwrap();
    let _ = corpus.search("بوتين", 5);
    let html = corpus.article_html("x", None, None).unwrap();
    assert!(html.len() >= len, "the whole line is rendered");
}

#[test]
fn too_large_article_is_refused_with_sizes() {
    let err = analyze(&one("ا".repeat(3 * 1024 * 1024))).unwrap_err().to_string();
    assert!(err.contains("article x is 6.0 MB") && err.contains("limit is 5.0 MB"), "{err}");
}

#[test]
fn a_set_over_50_mb_is_refused_with_its_size() {
    // Eleven articles of 4.8 MB each: every one within its own limit, the set not.
    let text = "ا".repeat(2_400_000);
    let set: Vec<ArticleInput> = (0..11).map(|i| ArticleInput { id: format!("a{i}"), text: text.clone(), dct: None, page: None }).collect();
    let err = analyze(&set).unwrap_err().to_string();
    assert!(err.contains("come to 50.4 MB") && err.contains("limit is 50.0 MB"), "{err}");
}

#[test]
fn binary_junk_is_refused() {
    let junk: String = (0u32..2000).filter_map(|i| char::from_u32(i % 32)).collect();
    let err = analyze(&one(junk)).unwrap_err().to_string();
    assert!(err.contains("not text"), "{err}");
}

#[test]
fn invalid_utf8_is_named() {
    let err = mirsad::error::decode_article("a.txt", b"ok \xff\xfe").unwrap_err().to_string();
    assert!(err.contains("a.txt") && err.contains("invalid UTF-8 at byte 3"), "{err}");
}

#[test]
fn bad_given_date_is_refused() {
    let err = analyze(&[ArticleInput { id: "x".into(), text: "نص".into(), dct: Some("2024-13-01".into()), page: None }]).unwrap_err().to_string();
    assert!(err.contains("2024-13-01"), "{err}");
}

#[test]
fn script_payloads_render_as_text_everywhere() {
    let payload = "<script>window.__pwned=1</script> بوتين في <img src=x onerror=\"window.__pwned=1\"> \
                   <a href=\"javascript:window.__pwned=1\">x</a> </textarea><script>x</script> \"><svg onload=1> عام 2020 زار";
    let corpus = Corpus::new(&one(payload.into())).unwrap();
    let html = corpus.article_html("x", None, None).unwrap();
    for bad in ["<script", "<img", "<a ", "<svg", "</textarea"] {
        assert!(!html.contains(bad), "{bad} leaked into {html}");
    }
    let svg = corpus.timeline_svg(&Default::default());
    assert!(!svg.contains("<script") && !svg.contains("<img"));
    for hit in corpus.search("بوتين", 5) {
        assert!(!hit.snippet.contains("<script") && !hit.snippet.contains("<img"), "{}", hit.snippet);
    }
}

#[test]
fn odd_queries_never_panic() {
    let corpus = Corpus::new(&one("كوريا الشمالية و\"روسيا\" عام ٢٠٢٤ Putin".into())).unwrap();
    let long = "ك".repeat(10_000);
    for q in ["", " ", "\"", "\"كوريا", "ُ َ ّ", "...", "Putin", "٢٠٢٤ 2024", &long, "\u{0}", "ـــ"] {
        let _ = corpus.search(q, 10);
    }
}

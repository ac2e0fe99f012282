//! Search tests: small texts written for them, then the seeds.

use super::*;
use crate::model::{ArticleAnalysis, EntityRecord};
use crate::text::read_documents;

/// Articles written for these tests; the first line of each is its headline.
const TEXTS: &[&str] = &[
    // 0: Pyongyang with غ, two words; Putin.
    "وصول الرئيس الروسي إلى بيونغ يانغ\nوصل بوتين إلى بيونغ يانغ في زيارة رسمية تستمر يومين.",
    // 1: Israel with hamza; missiles with the article.
    "إسرائيل تتحدث عن الصواريخ\nقالت إسرائيل إن الصواريخ أطلقت من الشمال ليلا.",
    // 2: Russia with proclitics; North Korea as a phrase.
    "وروسيا تدعم كوريا الشمالية\nأرسلت الحكومة لروسيا رسالة من كوريا الشمالية حول التعاون.",
    // 3: Korea and "northern" far apart.
    "كوريا في الجنوب\nكوريا تعلن أن الأمطار تشهدها المناطق الشمالية من البلاد هذا الأسبوع.",
    // 4: markup in the text; missiles without the article.
    "<script>alert(1)</script> صواريخ جديدة\nأطلقت كوريا صواريخ جديدة نحو البحر & الجزر.",
    // 5: Pyongyang with ج, written as one word.
    "احتفالات في بيونجيانج\nاحتفلت العاصمة بيونجيانج بالذكرى السنوية للتأسيس.",
];

fn index() -> (Vec<Document>, SearchIndex, Analysis) {
    let docs = read_documents(TEXTS);
    let analysis = Analysis::default();
    let index = SearchIndex::build(&docs, &analysis);
    (docs, index, analysis)
}

fn found(index: &SearchIndex, docs: &[Document], analysis: &Analysis, query: &str) -> Vec<usize> {
    index.search(docs, analysis, query, 10).iter().filter_map(|h| h.article.parse().ok()).collect()
}

/// (name, query, articles that must be found, and above any other; articles that must not be)
const CASES: &[(&str, &str, &[usize], &[usize])] = &[
    ("variant-jeem-finds-ghain", "بيونج يانج", &[0, 5], &[1, 2, 3, 4]),
    ("variant-ghain-finds-jeem", "بيونغ يانغ", &[0, 5], &[1, 2, 3, 4]),
    ("joined-query-finds-two-words", "بيونغيانغ", &[0, 5], &[1, 2, 3, 4]),
    ("joined-variant-query", "بيونجيانج", &[0, 5], &[1, 2, 3, 4]),
    ("hamza-bare-alef", "اسرائيل", &[1], &[0, 2, 3, 4, 5]),
    ("hamza-as-written", "إسرائيل", &[1], &[0, 2, 3, 4, 5]),
    // `الروسي` is one edit from `روسيا`: found, but below.
    ("clitic-waw-and-lam", "روسيا", &[2], &[1, 3, 4, 5]),
    ("clitic-in-query", "وروسيا", &[2], &[1, 3, 4, 5]),
    ("morphology-article-in-text", "صواريخ", &[1, 4], &[0, 2, 3, 5]),
    ("morphology-article-in-query", "الصواريخ", &[1, 4], &[0, 2, 3, 5]),
    ("morphology-pronoun-suffix", "صواريخها", &[1, 4], &[0, 2, 3, 5]),
    ("phrase-straight-quotes", "\"كوريا الشمالية\"", &[2], &[0, 1, 3, 4, 5]),
    ("phrase-guillemets", "«كوريا الشمالية»", &[2], &[0, 1, 3, 4, 5]),
    ("phrase-curly-quotes", "“كوريا الشمالية”", &[2], &[0, 1, 3, 4, 5]),
    ("phrase-unbalanced-quote", "\"كوريا الشمالية", &[2], &[0, 1, 3, 4, 5]),
    ("phrase-joined-in-text", "\"بيونج يانج\"", &[0, 5], &[1, 2, 3, 4]),
    ("prefix-as-you-type", "بيون", &[0, 5], &[1, 2, 3, 4]),
    ("prefix-second-word", "زيارة رسم", &[0], &[1, 2, 3, 4, 5]),
    ("typo-one-edit", "بوتبن", &[0], &[1, 2, 3, 4, 5]),
    ("typo-transposition", "بوتني", &[0], &[1, 2, 3, 4, 5]),
    ("persian-letters", "کوریا", &[2, 3, 4], &[0, 1, 5]),
    ("diacritics-in-query", "بُوتِين", &[0], &[1, 2, 3, 4, 5]),
    ("tatweel-in-query", "بوتـــين", &[0], &[1, 2, 3, 4, 5]),
    ("latin-in-text", "alert", &[4], &[0, 1, 2, 3, 5]),
];

#[test]
fn matching_table() {
    let (docs, index, analysis) = index();
    for (name, query, want, not) in CASES {
        let got = found(&index, &docs, &analysis, query);
        for w in *want {
            assert!(got.contains(w), "case {name}: {query:?} should find article {w}; found {got:?}");
        }
        for n in *not {
            assert!(!got.contains(n), "case {name}: {query:?} should not find article {n}; found {got:?}");
        }
        // What must be found ranks above anything else found.
        assert!(got.iter().take(want.len()).all(|g| want.contains(g)), "case {name}: {query:?} ranks {got:?}");
    }
}

/// (name, query, texts, the text that must rank first)
const RANKING: &[(&str, &str, &[&str], usize)] = &[
    ("exact-above-variant", "بيونغ", &["وصل إلى بيونج اليوم", "وصل إلى بيونغ اليوم"], 1),
    ("exact-above-typo", "بوتين", &["قال بوتان شيئا", "قال بوتين شيئا"], 1),
    ("exact-above-prefix", "بوتين", &["قال بوتينيون شيئا", "قال بوتين شيئا"], 1),
    ("prefix-above-typo", "صوار", &["أطلقت صوان الجيش", "أطلقت صواريخ الجيش"], 1),
    ("title-boost", "موسكو", &["عنوان آخر\nزار موسكو وفد", "موسكو تستقبل\nزار الوفد العاصمة"], 1),
    ("proximity", "كوريا الشمالية", &[
        "كوريا دولة كبيرة جدا في آسيا وفيها مدن كثيرة وجبال عالية وأنهار في المناطق الشمالية",
        "تقع كوريا الشمالية في آسيا وفيها مدن كثيرة وجبال عالية وأنهار في المناطق الأخرى",
    ], 1),
    ("all-words-above-some", "قمة موسكو", &["عقدت قمة في جنيف", "عقدت قمة في موسكو"], 1),
];

#[test]
fn ranking_table() {
    for (name, query, texts, first) in RANKING {
        let docs = read_documents(texts);
        let analysis = Analysis::default();
        let index = SearchIndex::build(&docs, &analysis);
        let hits = index.search(&docs, &analysis, query, 10);
        assert_eq!(hits.first().map(|h| h.article.as_str()), Some(first.to_string().as_str()), "case {name}: {hits:#?}");
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score), "case {name}: sorted by score");
    }
}

#[test]
fn snippets_are_escaped_and_marked() {
    let (docs, index, analysis) = index();
    type Case<'a> = (&'a str, &'a str, &'a str, &'a [&'a str], &'a [&'a str]);
    // (name, query, article, must contain, must not contain)
    let cases: &[Case] = &[
        ("mark", "صواريخ", "4", &["<mark>صواريخ</mark>"], &["<script"]),
        ("escape-script", "alert", "4", &["&lt;<bdi>script</bdi>&gt;", "<mark><bdi>alert</bdi></mark>"], &["<script"]),
        ("escape-ampersand", "البحر", "4", &["&amp;"], &[" & "]),
        ("two-words-one-mark", "بيونغ يانغ", "0", &["<mark>بيونغ يانغ</mark>"], &[]),
        ("variant-marked", "بيونج يانج", "0", &["<mark>بيونغ يانغ</mark>"], &[]),
        ("clitic-word-marked", "روسيا", "2", &["<mark>لروسيا</mark>"], &[]),
        ("phrase-marks-phrase-only", "\"كوريا الشمالية\"", "2", &["<mark>كوريا الشمالية</mark>"], &[]),
    ];
    for (name, query, article, yes, no) in cases {
        let hits = index.search(&docs, &analysis, query, 10);
        let Some(hit) = hits.iter().find(|h| h.article == *article) else { panic!("case {name}: article {article} not found: {hits:#?}") };
        for y in *yes {
            assert!(hit.snippet.contains(y), "case {name}: {:?} lacks {y:?}", hit.snippet);
        }
        for n in *no {
            assert!(!hit.snippet.contains(n), "case {name}: {:?} has {n:?}", hit.snippet);
        }
        // Tags are only <mark> and <bdi>.
        let tags: Vec<&str> = hit.snippet.split('<').skip(1).filter_map(|s| s.split('>').next()).collect();
        assert!(tags.iter().all(|t| matches!(*t, "mark" | "/mark" | "bdi" | "/bdi")), "case {name}: {tags:?}");
        // start..end is the passage, in scalars of the raw text.
        let i: usize = article.parse().unwrap();
        let passage: String = docs[i].text.chars().skip(hit.start).take(hit.end - hit.start).collect();
        let plain = hit.snippet.replace("<mark>", "").replace("</mark>", "").replace("<bdi>", "").replace("</bdi>", "");
        assert_eq!(plain.trim_matches(|c| c == '…' || c == ' '), crate::render::escaped(&passage), "case {name}");
    }
}

#[test]
fn long_sentences_are_cut_around_the_matches() {
    let filler = "كلمة ".repeat(60);
    let text = format!("عنوان\n{filler}بوتين يزور الصين {filler}.");
    let docs = read_documents(&[text.as_str()]);
    let analysis = Analysis::default();
    let index = SearchIndex::build(&docs, &analysis);
    let hits = index.search(&docs, &analysis, "بوتين", 1);
    let hit = hits.first().expect("a hit");
    assert!(hit.snippet.starts_with("… ") && hit.snippet.ends_with(" …"), "{}", hit.snippet);
    assert!(hit.snippet.contains("<mark>بوتين</mark>"));
    let words = hit.snippet.split_whitespace().filter(|w| *w != "…").count();
    assert!(words <= WINDOW_WORDS_FOR_TEST, "{words} words");
    let passage: String = docs[0].text.chars().skip(hit.start).take(hit.end - hit.start).collect();
    assert!(passage.contains("بوتين يزور"), "{passage}");
}

const WINDOW_WORDS_FOR_TEST: usize = 30;

#[test]
fn entity_named_by_the_query_finds_its_other_spellings() {
    let texts = ["خبر أول\nالتقى الزعيم الكوري وفدا أجنبيا.", "خبر ثان\nلا علاقة لهذا الخبر."];
    let docs = read_documents(&texts);
    let mut analysis = Analysis::default();
    for id in ["a", "b"] {
        analysis.articles.push(ArticleAnalysis { id: id.into(), ..Default::default() });
    }
    analysis.entities.push(EntityRecord {
        id: "kim-jong-un".into(),
        kind: "PER".into(),
        name: "كيم جونغ أون".into(),
        name_en: None,
        aliases: vec!["الزعيم الكوري".into()],
        mentions: 1,
        articles: vec!["a".into()],
        article_mentions: vec![1],
        salience: 1,
    });
    let index = SearchIndex::build(&docs, &analysis);
    let hits = index.search(&docs, &analysis, "كيم جونج اون", 5);
    assert_eq!(hits.iter().map(|h| h.article.as_str()).collect::<Vec<_>>(), vec!["a"], "{hits:#?}");
}

#[test]
fn odd_queries_never_panic() {
    let (docs, index, analysis) = index();
    let long_mixed: String = "بيونغ 12 Putin \"«كوريا ".chars().cycle().take(10_000).collect();
    let long_word: String = "ب".repeat(10_000);
    let odd: Vec<String> = [
        "", " ", "   \n\t", "\"", "\"\"", "\" \"", "«", "»«", "“", "'", "'''", "...!!!؟؟،،", "ًٌٍَُِّْ", "ـــــ",
        "\u{200F}\u{200E}\u{202B}", "\u{FEFF}", "\0", "😀", "🇰🇵 بيونغ", "Putin", "PUTIN putin", "2024", "٢٠٢٤م",
        "1.3 مليون", "a\"b", "\"كوريا", "كوريا\"", "\"كوريا\" \"", "<script>alert(1)</script>", "ب", "بي",
        "ال", "و", "لل", "ﻻ", "ﷲ", "\\", "%", "*", "كوريا*", "-بوتين", "بوتين -", "k", "كيم كيم كيم كيم",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([long_mixed, long_word, "\"".repeat(5000), "بيونغ ".repeat(2000)])
    .collect();
    for q in &odd {
        for limit in [0, 1, 10] {
            let hits = index.search(&docs, &analysis, q, limit);
            assert!(hits.len() <= limit, "query {q:?}");
            for h in &hits {
                assert!(!h.snippet.contains("<script"), "query {q:?}");
                assert!(h.start <= h.end && h.score.is_finite(), "query {q:?}");
            }
        }
    }
    // An empty index too.
    let empty = SearchIndex::build(&[], &analysis);
    for q in &odd {
        assert!(empty.search(&[], &analysis, q, 10).is_empty());
    }
}

#[test]
fn no_words_no_results() {
    let (docs, index, analysis) = index();
    for q in ["", "   ", "ًٌٍَُِّْ", "...", "\"\""] {
        assert!(index.search(&docs, &analysis, q, 10).is_empty(), "query {q:?}");
    }
}

/// Every seed that spells Pyongyang either way is found by `بيونج يانج`.
#[test]
fn seeds_pyongyang_in_either_spelling() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("seeds").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let texts: Vec<String> = paths.iter().map(|p| std::fs::read_to_string(p).expect("seed text")).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let docs = read_documents(&refs);
    let analysis = Analysis::default();
    let index = SearchIndex::build(&docs, &analysis);

    let spellings = ["بيونغ يانغ", "بيونج يانج", "بيونغيانغ", "بيونجيانج"];
    let want: Vec<String> = texts
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            let folded = fold(t);
            spellings.iter().any(|s| folded.contains(&fold(s)))
        })
        .map(|(i, _)| i.to_string())
        .collect();
    assert!(!want.is_empty());
    for query in ["بيونج يانج", "بيونغ يانغ", "بيونغيانغ"] {
        let hits = index.search(&docs, &analysis, query, texts.len());
        let mut got: Vec<String> = hits.iter().map(|h| h.article.clone()).collect();
        got.sort();
        assert_eq!(got, want, "query {query}");
        for h in &hits {
            assert!(h.snippet.contains("<mark>"), "query {query}: {}", h.snippet);
        }
    }
}

#[test]
fn scalars_to_bytes_in_one_pass() {
    let text = "بوتين a😀ب";
    let scalars = [0, 1, 5, 6, 7, 8, 99];
    let want: Vec<usize> = scalars.iter().map(|&s| text.char_indices().nth(s).map_or(text.len(), |(b, _)| b)).collect();
    assert_eq!(bytes_of_scalars(text, &scalars), want);
    assert_eq!(bytes_of_scalars("", &[0, 3]), vec![0, 0]);
}

/// A line of 200,000 words, half of them matches: snippets and marks stay linear.
#[test]
fn many_matches_in_one_line() {
    let text = "بوتين كيم ".repeat(100_000);
    let docs = read_documents(&[text.as_str()]);
    let analysis = Analysis::default();
    let index = SearchIndex::build(&docs, &analysis);
    let started = std::time::Instant::now();
    let hits = index.search(&docs, &analysis, "بوتين", 5);
    assert_eq!(hits.len(), 1);
    assert!(hits[0].snippet.contains("<mark>بوتين</mark>"));
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

/// Through the whole pipeline: the entity's mentions are marked in the seeds.
#[test]
fn seeds_through_the_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("seeds").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let inputs: Vec<crate::ArticleInput> = paths
        .iter()
        .map(|p| crate::ArticleInput {
            id: p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            text: std::fs::read_to_string(p).expect("seed text"),
            dct: None,
            page: None,
        })
        .collect();
    let corpus = crate::Corpus::new(&inputs).expect("seeds analyse");
    let hits = corpus.search("كيم جونج اون", 10);
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(inputs.iter().any(|a| a.id == h.article), "{}", h.article);
        assert!(h.snippet.contains("<mark>"), "{}: {}", h.article, h.snippet);
    }
}

/// Three articles that all name `جورجيا`: the country in two, a person in one;
/// dated and from two outlets.
fn filtered_corpus() -> (Vec<Document>, SearchIndex, Analysis) {
    let texts = [
        "زيارة إلى جورجيا\nوصل الوفد إلى جورجيا أمس في زيارة رسمية.",
        "حوار مع جورجيا\nقالت جورجيا ميلوني إن الحكومة ستدعم الخطة.",
        "انتخابات جورجيا\nتستعد جورجيا لانتخابات برلمانية الشهر المقبل.",
    ];
    let docs = read_documents(&texts);
    let mut analysis = Analysis::default();
    let kinds = ["LOC", "PER", "LOC"];
    let dcts = ["2024-01-05", "2024-06-19", "2025-02-01"];
    let outlets = ["الجزيرة", "العربية", "الجزيره"];
    for (i, text) in texts.iter().enumerate() {
        // Every `جورجيا` of the article is a mention of its kind.
        let mut entities = Vec::new();
        let chars: Vec<char> = text.chars().collect();
        let word: Vec<char> = "جورجيا".chars().collect();
        for s in 0..chars.len().saturating_sub(word.len() - 1) {
            if chars[s..s + word.len()] == word[..] {
                let id = if kinds[i] == "PER" { "giorgia-meloni" } else { "georgia" };
                entities.push(crate::model::MentionOut {
                    start: s,
                    end: s + word.len(),
                    text: "جورجيا".into(),
                    kind: kinds[i].into(),
                    entity: id.into(),
                    ..Default::default()
                });
            }
        }
        analysis.articles.push(ArticleAnalysis {
            id: format!("{i}"),
            outlet: Some(outlets[i].into()),
            dct: crate::model::Dct { value: Some(dcts[i].into()), source: "given" },
            entities,
            ..Default::default()
        });
    }
    for (id, kind, articles) in [("georgia", "LOC", vec!["0", "2"]), ("giorgia-meloni", "PER", vec!["1"])] {
        analysis.entities.push(EntityRecord {
            id: id.into(),
            kind: kind.into(),
            name: "جورجيا".into(),
            name_en: None,
            aliases: vec![],
            mentions: articles.len(),
            article_mentions: vec![1; articles.len()],
            articles: articles.into_iter().map(String::from).collect(),
            salience: 1,
        });
    }
    let index = SearchIndex::build(&docs, &analysis);
    (docs, index, analysis)
}

#[test]
fn filters_restrict_by_type_entity_outlet_and_date() {
    let (docs, index, analysis) = filtered_corpus();
    let found = |f: Filters| -> Vec<String> {
        let mut ids: Vec<String> = index.search_filtered(&docs, &analysis, "جورجيا", &f, 10).into_iter().map(|h| h.article).collect();
        ids.sort();
        ids
    };
    let f = |entity: Option<&str>, kind: Option<&str>, outlet: Option<&str>, from: Option<&str>, to: Option<&str>| Filters {
        entity: entity.map(Into::into),
        kind: kind.map(Into::into),
        outlet: outlet.map(Into::into),
        from: from.map(Into::into),
        to: to.map(Into::into),
    };
    assert_eq!(found(Filters::default()), ["0", "1", "2"]);
    assert_eq!(found(f(None, Some("PER"), None, None, None)), ["1"]);
    assert_eq!(found(f(None, Some("LOC"), None, None, None)), ["0", "2"]);
    assert!(found(f(None, Some("ORG"), None, None, None)).is_empty());
    assert_eq!(found(f(Some("giorgia-meloni"), None, None, None, None)), ["1"]);
    assert!(found(f(Some("no-such-entity"), None, None, None, None)).is_empty());
    // Outlets compare folded: الجزيرة = الجزيره.
    assert_eq!(found(f(None, None, Some("الجزيرة"), None, None)), ["0", "2"]);
    assert!(found(f(None, None, Some("رويترز"), None, None)).is_empty());
    // Dates: the start of `from`, the end of `to`.
    assert_eq!(found(f(None, None, None, Some("2024-06"), Some("2024"))), ["1"]);
    assert_eq!(found(f(None, None, None, Some("2024-01-05"), Some("2024-01-05"))), ["0"]);
    assert_eq!(found(f(None, None, None, Some("2025"), None)), ["2"]);
    assert_eq!(found(f(None, None, None, None, Some("2024-12-31"))), ["0", "1"]);
    // Combined.
    assert_eq!(found(f(None, Some("LOC"), Some("الجزيره"), Some("2025"), None)), ["2"]);
}

#[test]
fn wrong_filters_are_refused_with_a_reason() {
    let bad = [
        Filters { kind: Some("PERSON".into()), ..Default::default() },
        Filters { from: Some("2024-13".into()), ..Default::default() },
        Filters { to: Some("yesterday".into()), ..Default::default() },
        Filters { from: Some("2025".into()), to: Some("2024".into()), ..Default::default() },
    ];
    let (docs, index, analysis) = filtered_corpus();
    for f in &bad {
        let why = f.check().expect_err("refused");
        assert!(!why.is_empty());
        assert!(index.search_filtered(&docs, &analysis, "جورجيا", f, 10).is_empty());
    }
    assert!(Filters { from: Some("2024".into()), to: Some("2024".into()), ..Default::default() }.check().is_ok());
}

#[test]
fn a_proclitic_reading_is_no_transliteration_of_another_word() {
    // `كواكب` read as `ك` + `واكب` shares its key with `وجب`; only the planets count.
    let mut texts = vec!["عن الكواكب\nرصد العلماء كواكب جديدة.", "واجب\nوجب على اللاعب أن يعود. وجب ذلك. وجب."];
    // `كواكب` is common in this set (so it is no misspelling to read loosely).
    texts.extend(["الكواكب\nكواكب المجموعة الشمسية."; 5]);
    let docs = read_documents(&texts);
    let analysis = Analysis::default();
    let index = SearchIndex::build(&docs, &analysis);
    assert!(!found(&index, &docs, &analysis, "كواكب").contains(&1));
    // The word as typed keeps its variants: `بيونج` still finds `بيونغ`.
    let (docs, index, analysis) = super::tests::index();
    assert!(found(&index, &docs, &analysis, "وبيونج").contains(&0));
}

/// Rank of each article in the results of `query` (absent: not found).
fn ranks(texts: &[&str], query: &str) -> Vec<Option<usize>> {
    let docs = read_documents(texts);
    let analysis = Analysis::default();
    let index = SearchIndex::build(&docs, &analysis);
    let got = found(&index, &docs, &analysis, query);
    (0..texts.len()).map(|i| got.iter().position(|&d| d == i)).collect()
}

/// Filler articles, so the words of a test are rare enough to weigh.
fn with_filler<'a>(mut texts: Vec<&'a str>) -> Vec<&'a str> {
    texts.extend(["أخبار\nعقد المجلس جلسته الأسبوعية وناقش الميزانية."; 8]);
    texts
}

#[test]
fn the_words_as_typed_side_by_side_beat_looser_forms_side_by_side() {
    // 0: the two words, adjacent; 1: a stem and a completion of the last word,
    // adjacent and twice. The closeness bonus weighs the matches it joins.
    let texts = with_filler(vec![
        "فيزياء\nيدرس الطلاب ميكانيكا الكم في السنة الثالثة من دراستهم الجامعية الطويلة.",
        "فيزياء\nالميكانيكا الكمومية صعبة. وقد درس الميكانيكا الكمومية كثيرون.",
    ]);
    let r = ranks(&texts, "ميكانيكا الكم");
    assert!(r[0].is_some() && r[0] < r[1], "{r:?}");
}

#[test]
fn a_two_letter_reading_of_the_query_is_not_looked_up() {
    // `الكم` without its article is `كم`, the reading of `لكم`: no match.
    // (`الكم` is common here, so it is not looked at as a typo of `لكم` either.)
    let mut texts = vec!["رسالة\nنقول لكم إن الاجتماع تأجل."];
    texts.extend(["فيزياء\nنظرية الكم في الفيزياء الحديثة."; 5]);
    let r = ranks(&with_filler(texts), "الكم ");
    assert_eq!((r[0], r[1]), (None, Some(0)), "{r:?}");
}

#[test]
fn a_misspelt_word_is_a_typo_before_a_proclitic_and_a_suffix() {
    // `بوتبن` (rare as typed): one edit from `بوتين`, or `ب` + `وتبن`, the stem of
    // `وتبنى` written twice. The typo wins.
    let texts = with_filler(vec!["قمة\nالتقى بوتين نظيره في العاصمة.", "قرار\nوتبنى المجلس القرار وتبنى الخطة."]);
    let r = ranks(&texts, "بوتبن ");
    assert!(r[0] == Some(0), "{r:?}");
}

#[test]
fn a_common_word_being_typed_is_itself_before_its_completions() {
    // `الكم` typed last (a prefix) is common here: articles with `الكم` come
    // before those with only `الكمومية`, even when that is written more often.
    let mut texts = vec!["فيزياء\nالكمومية والكمومية والكمومية."];
    texts.extend(["فيزياء\nتحدث الأستاذ في محاضرته الطويلة أمس عن تاريخ العلوم في القرن الماضي وعن نظرية الكم التي غيرت الفيزياء الحديثة كلها ثم أجاب عن أسئلة الطلاب."; 5]);
    let texts = with_filler(texts);
    let r = ranks(&texts, "الكم");
    assert!(r[1..=5].iter().all(|x| x.is_some() && *x < r[0].or(Some(usize::MAX))), "{r:?}");
}

/// The search-only index (texts tokenized as read, results tokenized again)
/// answers exactly as the index of the tokenized documents: same articles,
/// scores, passages and offsets.
#[test]
fn untokenized_index_answers_as_the_tokenized_one() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("seeds").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut texts: Vec<String> = paths.iter().map(|p| std::fs::read_to_string(p).expect("seed text")).collect();
    texts.extend(TEXTS.iter().map(|t| t.to_string()));
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let analysis = Analysis::default();
    let docs = read_documents(&refs);
    let index = SearchIndex::build(&docs, &analysis);
    let shells = crate::text::read_untokenized_documents(texts.clone());
    assert!(shells.iter().all(|d| d.tokens.is_empty()));
    let lean = SearchIndex::build_untokenized(&shells, &analysis);
    let show = |hits: Vec<SearchHit>| hits.into_iter().map(|h| (h.article, h.score.to_bits(), h.snippet, h.start, h.end)).collect::<Vec<_>>();
    let mut answered = 0;
    for (_, q, _, _) in CASES {
        let want = show(index.search(&docs, &analysis, q, 10));
        answered += usize::from(!want.is_empty());
        assert_eq!(show(lean.search_untokenized(&shells, &analysis, q, &Filters::default(), 10)), want, "{q}");
    }
    assert!(answered >= CASES.len() / 2, "{answered}");
}

#[test]
fn a_word_being_typed_is_not_read_as_clitics_before_a_name() {
    // `فلاديم` being typed is the start of `فلاديمير`, not `ف` + `ل` + a spelling of `آدم`.
    let inputs: Vec<crate::ArticleInput> = [
        "بوتين في موسكو\nقال الرئيس الروسي فلاديمير بوتين إن المحادثات كانت مثمرة.",
        "رسالة مصورة\nظهر آدم غادان في الشريط. وقال آدم إن الرسالة موجهة إلى الأمريكيين. وأضاف آدم أنه سيعود.",
        "أخبار\nعقد المجلس جلسته الأسبوعية وناقش الميزانية.",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| crate::ArticleInput { id: format!("a{i}"), text: t.to_string(), dct: None, page: None })
    .collect();
    let corpus = crate::Corpus::new(&inputs).expect("analysed");
    let adam = corpus.analysis.entities.iter().find(|e| e.aliases.iter().any(|a| a == "آدم"));
    assert!(adam.is_some(), "the set links آدم alone to a person: {:?}", corpus.analysis.entities);
    let hits: Vec<String> = corpus.search("فلاديم", 10).into_iter().map(|h| h.article).collect();
    assert_eq!(hits, ["a0"], "only the completion's article");
    // A word typed in full still names an entity through its reading.
    let hits: Vec<String> = corpus.search("وآدم", 10).into_iter().map(|h| h.article).collect();
    assert_eq!(hits.first().map(String::as_str), Some("a1"));
}

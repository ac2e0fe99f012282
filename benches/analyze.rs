//! `cargo bench` (or `./build.sh bench`): analysis and search speed on the seeds.
//! A plain harness (no extra crates): each case runs for about a second and
//! reports the median of its runs.

use mirsad::{ArticleInput, Corpus};
use std::time::{Duration, Instant};

fn seeds() -> Vec<ArticleInput> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("seeds/").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| ArticleInput {
            id: p.file_name().unwrap().to_string_lossy().into_owned(),
            text: std::fs::read_to_string(&p).unwrap(),
            dct: None,
            page: None,
        })
        .collect()
}

/// `cargo bench -- WORD...` runs only the cases whose name contains a WORD.
fn selected(name: &str) -> bool {
    let words: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    words.is_empty() || words.iter().any(|w| name.contains(w.as_str()))
}

/// Run `f` for at least `budget` and `min_runs` times: the sorted run times.
fn time_runs<T>(budget: Duration, min_runs: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    let mut times = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || times.len() < min_runs {
        let t = Instant::now();
        std::hint::black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    times
}

fn bench<T>(name: &str, f: impl FnMut() -> T) {
    if !selected(name) {
        return;
    }
    let times = time_runs(Duration::from_secs(1), 5, f);
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!("{name:40} median {:>10.1} µs   p95 {:>10.1} µs   ({} runs)", median.as_secs_f64() * 1e6, p95.as_secs_f64() * 1e6, times.len());
}

/// Sentences of `../shared/data` (ANERcorp training part, AQMAR) joined into
/// articles of about 4 KB, when that folder is beside the project.
fn shared_corpus_text() -> Option<Vec<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut articles = Vec::new();
    let mut current = String::new();
    for file in ["anercorp-train/train.spans.jsonl", "aqmar/all.spans.jsonl"] {
        let text = std::fs::read_to_string(dir.join(file)).ok()?;
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            current.push_str(v["text"].as_str()?);
            current.push('\n');
            if current.len() > 4096 {
                articles.push(std::mem::take(&mut current));
            }
        }
    }
    Some(articles)
}

/// The text stage alone (tokens, lines, sentences, boilerplate) in MB/s.
fn bench_text_stage(name: &str, texts: &[&str]) {
    throughput(&format!("{name}: whole stage"), texts, || std::hint::black_box(mirsad::text::read_documents(texts)).len());
    // Its parts, to see where the time goes.
    throughput(&format!("{name}: tokens only"), texts, || texts.iter().map(|t| mirsad::text::tokenize::tokenize(t).len()).sum());
    throughput(&format!("{name}: lines and sentences only"), texts, || {
        texts.iter().map(|t| mirsad::text::structure::sentences(t, &mirsad::text::structure::lines(t)).len()).sum()
    });
}

/// Text and entity stages together (recognition with the tagger, then linking) in MB/s.
fn bench_entities(name: &str, texts: &[&str]) {
    let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
    throughput(&format!("{name}: text + entities"), texts, || {
        let docs = mirsad::text::read_documents(texts);
        let mut mentions = mirsad::entities::recognize(&docs);
        std::hint::black_box(mirsad::entities::link(&docs, &mut mentions, &ids)).len()
    });
}

fn throughput(name: &str, texts: &[&str], f: impl FnMut() -> usize) {
    if !selected(name) {
        return;
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let times = time_runs(Duration::from_secs(2), 3, f);
    let median = times[times.len() / 2].as_secs_f64();
    println!("{name:40} {:>8.1} MB/s   ({:.1} MB, {} runs)", bytes as f64 / median / 1e6, bytes as f64 / 1e6, times.len());
}

fn main() {
    let articles = seeds();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    println!("seeds: {} articles, {} KB", articles.len(), bytes / 1024);
    let seed_texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    bench_text_stage("text stage, seeds", &seed_texts);
    bench_entities("seeds", &seed_texts);
    match shared_corpus_text() {
        Some(corpus) => {
            let texts: Vec<&str> = corpus.iter().map(String::as_str).collect();
            bench_text_stage("text stage, ../shared/data sentences", &texts);
            // Search only (the page's SearchIndex): text stage and index, no analysis.
            let inputs: Vec<ArticleInput> = corpus.iter().enumerate().map(|(i, t)| ArticleInput { id: i.to_string(), text: t.clone(), ..Default::default() }).collect();
            // (The inputs are cloned each round: the index takes them by value.)
            throughput("search index only, ../shared/data", &texts, || mirsad::TextIndex::new(inputs.clone()).map_or(0, |ix| ix.len()));
            // Linking compares names across the whole set: a set of 100 articles
            // (400 KB) is what a reader opens; the corpus is taken in such sets.
            for (i, set) in texts.chunks(100).take(3).enumerate() {
                bench_entities(&format!("../shared/data set {}", i + 1), set);
            }
        }
        None => println!("(../shared/data not found: its text-stage case is skipped)"),
    }
    bench("analyze 5 seeds", || Corpus::new(&articles).unwrap());
    let corpus = Corpus::new(&articles).unwrap();
    for q in ["بيونج يانج", "بوتين", "\"كوريا الشمالية\"", "صواري", "بوتبن"] {
        bench(&format!("search {q}"), || corpus.search(q, 10));
    }
    bench("render article 001", || corpus.article_html("001_3540197b04e75627.txt", None, None));
    bench("render timeline", || corpus.timeline_svg(&Default::default()));
    let big: Vec<ArticleInput> = (0..20).flat_map(|i| articles.iter().map(move |a| ArticleInput { id: format!("{i}-{}", a.id), ..a.clone() })).collect();
    bench("analyze 100 articles (seeds x20)", || Corpus::new(&big).unwrap());
}

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

fn bench<T>(name: &str, mut f: impl FnMut() -> T) {
    let mut times = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) || times.len() < 5 {
        let t = Instant::now();
        std::hint::black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!("{name:40} median {:>10.1} µs   p95 {:>10.1} µs   ({} runs)", median.as_secs_f64() * 1e6, p95.as_secs_f64() * 1e6, times.len());
}

fn main() {
    let articles = seeds();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    println!("seeds: {} articles, {} KB", articles.len(), bytes / 1024);
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

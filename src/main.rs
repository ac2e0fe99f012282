//! `mirsad`: the command line. Reads files, calls the library, prints. No analysis here.

use mirsad::error::decode_article;
use mirsad::model::ArticleInput;
use mirsad::search::SearchResponse;
use mirsad::Corpus;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  mirsad analyze [--dct [NAME=]YYYY-MM-DD]... [--json | --export FORMAT] PATH...
  mirsad search [--json] [--limit N] QUERY PATH...
PATH is a .txt or .html file, a folder of them, or - (one article as text from standard input).
FORMAT is timelinejs (TimelineJS3 JSON), timeline-csv or entities-csv.";

/// Exit status for wrong usage and unreadable input.
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("analyze") => run_analyze(&args[1..]),
        Some("search") => run_search(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            println!("mirsad {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command {other:?}")),
        None => usage_error("no command given"),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("mirsad: {msg}\n{USAGE}");
    ExitCode::from(EXIT_BAD_INPUT)
}

/// Expand PATH arguments into files: folders give their .txt files, sorted by name.
fn expand_paths(paths: &[String], errors: &mut Vec<String>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if p == "-" {
            files.push(PathBuf::from("-"));
        } else if path.is_dir() {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html" | "htm")))
                        .collect();
                    found.sort();
                    files.extend(found);
                }
                Err(e) => errors.push(format!("{p}: cannot read folder: {e}")),
            }
        } else {
            files.push(path.to_path_buf());
        }
    }
    files
}

fn read_article(path: &Path) -> Result<ArticleInput, String> {
    let id = if path == Path::new("-") {
        "stdin".to_string()
    } else {
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
    };
    let shown = path.display();
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    read.map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let text = decode_article(&id, &bytes).map_err(|e| format!("{shown}: {e}"))?;
    if matches!(path.extension().and_then(|e| e.to_str()), Some("html" | "htm")) {
        // The error already names the article (its file name).
        #[cfg(not(target_arch = "wasm32"))]
        return mirsad::text::html::article_from_html(&id, &text).map_err(|e| e.to_string());
        // The command is native; `cargo test --target wasm32…` only has to compile it.
        #[cfg(target_arch = "wasm32")]
        return Err(format!("{shown}: HTML input needs the native command"));
    }
    Ok(ArticleInput { id, text, dct: None, page: None })
}

struct Inputs {
    articles: Vec<ArticleInput>,
    errors: Vec<String>,
}

fn read_inputs(paths: &[String]) -> Inputs {
    let mut errors = Vec::new();
    let files = expand_paths(paths, &mut errors);
    let mut articles = Vec::new();
    for f in files {
        match read_article(&f) {
            Ok(a) => articles.push(a),
            Err(e) => errors.push(e),
        }
    }
    Inputs { articles, errors }
}

fn finish(errors: &[String]) -> ExitCode {
    for e in errors {
        eprintln!("mirsad: {e}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BAD_INPUT)
    }
}

fn run_analyze(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut export: Option<String> = None;
    let mut dct_all: Option<String> = None;
    let mut dct_named: Vec<(String, String)> = Vec::new();
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--export" => match it.next().map(String::as_str) {
                Some(f @ ("timelinejs" | "timeline-csv" | "entities-csv")) => export = Some(f.to_string()),
                _ => return usage_error("--export needs a format: timelinejs, timeline-csv or entities-csv"),
            },
            "--dct" => {
                let Some(v) = it.next() else { return usage_error("--dct needs a value: [NAME=]YYYY-MM-DD") };
                match v.rsplit_once('=') {
                    Some((name, date)) => dct_named.push((name.to_string(), date.to_string())),
                    None => dct_all = Some(v.clone()),
                }
            }
            s if s.starts_with("--dct=") => match s["--dct=".len()..].rsplit_once('=') {
                Some((name, date)) => dct_named.push((name.to_string(), date.to_string())),
                None => dct_all = Some(s["--dct=".len()..].to_string()),
            },
            s if s.starts_with("--") => return usage_error(&format!("unknown option {s:?}")),
            _ => paths.push(a.clone()),
        }
    }
    if paths.is_empty() {
        return usage_error("analyze needs at least one PATH");
    }
    for (_, d) in dct_named.iter().map(|(n, d)| (n, d)).chain(dct_all.iter().map(|d| (d, d))) {
        if mirsad::time::Date::parse(d).is_none() {
            return usage_error(&format!("--dct {d:?} is not a valid YYYY-MM-DD date"));
        }
    }
    let Inputs { mut articles, mut errors } = read_inputs(&paths);
    for a in &mut articles {
        a.dct = dct_named.iter().rev().find(|(n, _)| *n == a.id).map(|(_, d)| d.clone()).or_else(|| dct_all.clone());
    }
    let corpus = match Corpus::new(&articles) {
        Ok(c) => c,
        Err(e) => {
            errors.push(e.to_string());
            return finish(&errors);
        }
    };
    if let Some(format) = export {
        let out = match format.as_str() {
            "timelinejs" => mirsad::export::timelinejs(&corpus),
            "timeline-csv" => mirsad::export::timeline_csv(&corpus.analysis),
            _ => mirsad::export::entities_csv(&corpus.analysis),
        };
        print!("{out}");
    } else if json {
        match serde_json::to_string_pretty(&corpus.analysis) {
            Ok(s) => println!("{s}"),
            Err(e) => errors.push(format!("cannot write JSON: {e}")),
        }
    } else {
        print_summary(&corpus);
    }
    finish(&errors)
}

fn print_summary(corpus: &Corpus) {
    let a = &corpus.analysis;
    for art in &a.articles {
        println!("{}  {}", art.id, art.title);
        println!(
            "  outlet: {}  date: {} ({})",
            art.outlet.as_deref().unwrap_or("-"),
            art.dct.value.as_deref().unwrap_or("-"),
            art.dct.source
        );
        println!("  {} entity mentions, {} time expressions, {} boilerplate regions", art.entities.len(), art.timexes.len(), art.boilerplate.len());
    }
    println!("\nentities ({}):", a.entities.len());
    for e in a.entities.iter().take(30) {
        println!("  {:4} {:3} {}  [{}]", e.mentions, e.kind, e.name, e.id);
    }
    println!("\ntimeline ({} events):", a.timeline.len());
    for t in &a.timeline {
        let sources: std::collections::BTreeSet<&str> = t.mentions.iter().map(|m| m.article.as_str()).collect();
        println!("  {:12} {}  ({} source{})", t.value, t.label, sources.len(), if sources.len() == 1 { "" } else { "s" });
    }
}

fn run_search(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut limit = 10usize;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--limit" => match it.next().and_then(|v| v.parse().ok()) {
                Some(n) => limit = n,
                None => return usage_error("--limit needs a whole number"),
            },
            s if s.starts_with("--") => return usage_error(&format!("unknown option {s:?}")),
            _ => rest.push(a.clone()),
        }
    }
    let Some((query, paths)) = rest.split_first() else { return usage_error("search needs a QUERY and a PATH") };
    if paths.is_empty() {
        return usage_error("search needs at least one PATH");
    }
    let Inputs { articles, mut errors } = read_inputs(paths);
    let corpus = match Corpus::new(&articles) {
        Ok(c) => c,
        Err(e) => {
            errors.push(e.to_string());
            return finish(&errors);
        }
    };
    let t0 = std::time::Instant::now();
    let results = corpus.search(query, limit);
    let took_us = t0.elapsed().as_micros() as u64;
    let response = SearchResponse { query: query.clone(), took_us, results };
    if json {
        match serde_json::to_string_pretty(&response) {
            Ok(s) => println!("{s}"),
            Err(e) => errors.push(format!("cannot write JSON: {e}")),
        }
    } else {
        println!("{} results for {:?} in {} µs", response.results.len(), response.query, response.took_us);
        for r in &response.results {
            println!("  {:6.2}  {}  {}", r.score, r.article, strip_marks(&r.snippet));
        }
    }
    finish(&errors)
}

/// The snippet as plain text for the terminal (matched words in brackets).
fn strip_marks(snippet: &str) -> String {
    snippet
        .replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

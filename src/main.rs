//! `mirsad`: the command line. Reads files, calls the library, prints. No analysis here.

use mirsad::error::decode_article;
use mirsad::model::ArticleInput;
use mirsad::search::archive::{self, Archive};
use mirsad::search::SearchResponse;
use mirsad::Corpus;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  mirsad analyze [--dct [NAME=]YYYY-MM-DD]... [--json | --export FORMAT] PATH...
  mirsad search [--json] [--limit N] [FILTER]... QUERY PATH...
  mirsad index [--batch N] PATH... -o OUT
PATH is a .txt or .html file, a folder of them, or - (one article as text from standard input);
for search, PATH may also be a folder written by `mirsad index` (its mirsad-index.json).
FORMAT is timelinejs (TimelineJS3 JSON), timeline-csv, entities-csv or entities-json.
FILTER is --entity ID, --type PER|LOC|ORG, --outlet NAME, --from DATE or --to DATE
(DATE: YYYY, YYYY-MM or YYYY-MM-DD; the article's publication date).";

/// Exit status for wrong usage and unreadable input.
const EXIT_BAD_INPUT: u8 = 2;

/// `println!` to standard output, but a reader that has gone (`mirsad … | head`)
/// ends the program quietly instead of a panic, and any other write error is
/// reported once.
macro_rules! outln {
    ($($arg:tt)*) => { emit(format_args!("{}\n", format_args!($($arg)*))) };
}

fn emit(text: std::fmt::Arguments) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(text) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("mirsad: cannot write the output: {e}");
        std::process::exit(1);
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("analyze") => run_analyze(&args[1..]),
        Some("search") => run_search(&args[1..]),
        Some("index") => run_index(&args[1..]),
        Some("-h" | "--help" | "help") => {
            outln!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            outln!("mirsad {}", env!("CARGO_PKG_VERSION"));
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
                Some(f @ ("timelinejs" | "timeline-csv" | "entities-csv" | "entities-json")) => export = Some(f.to_string()),
                _ => return usage_error("--export needs a format: timelinejs, timeline-csv, entities-csv or entities-json"),
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
            "entities-json" => mirsad::export::entities_json(&corpus.analysis),
            _ => mirsad::export::entities_csv(&corpus.analysis),
        };
        emit(format_args!("{out}"));
    } else if json {
        match serde_json::to_string_pretty(&corpus.analysis) {
            Ok(s) => outln!("{s}"),
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
        outln!("{}  {}", art.id, art.title);
        outln!(
            "  outlet: {}  date: {} ({})",
            art.outlet.as_deref().unwrap_or("-"),
            art.dct.value.as_deref().unwrap_or("-"),
            art.dct.source
        );
        outln!("  {} entity mentions, {} time expressions, {} boilerplate regions", art.entities.len(), art.timexes.len(), art.boilerplate.len());
    }
    outln!("\nentities ({}):", a.entities.len());
    for e in a.entities.iter().take(30) {
        outln!("  {:4} {:3} {}  [{}]", e.mentions, e.kind, e.name, e.id);
    }
    outln!("\ntimeline ({} events):", a.timeline.len());
    for t in &a.timeline {
        let sources: std::collections::BTreeSet<&str> = t.mentions.iter().map(|m| m.article.as_str()).collect();
        outln!("  {:12} {}  ({} source{})", t.value, t.label, sources.len(), if sources.len() == 1 { "" } else { "s" });
    }
}

fn run_search(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut limit = 10usize;
    let mut filters = mirsad::search::Filters::default();
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let slot = match a.as_str() {
            "--entity" => Some(&mut filters.entity),
            "--type" => Some(&mut filters.kind),
            "--outlet" => Some(&mut filters.outlet),
            "--from" => Some(&mut filters.from),
            "--to" => Some(&mut filters.to),
            _ => None,
        };
        if let Some(slot) = slot {
            match it.next() {
                Some(v) => *slot = Some(v.clone()),
                None => return usage_error(&format!("{a} needs a value")),
            }
            continue;
        }
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
    if let Err(e) = filters.check() {
        return usage_error(&e);
    }
    if let [dir] = paths {
        let dir = Path::new(dir);
        if dir.join(archive::MANIFEST).is_file() {
            return search_archive(dir, query, &filters, limit, json);
        }
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
    let results = corpus.search_filtered(query, &filters, limit);
    let took_us = t0.elapsed().as_micros() as u64;
    let response = SearchResponse { query: query.clone(), took_us, results };
    print_results(&response, json, &mut errors);
    finish(&errors)
}

fn print_results(response: &SearchResponse, json: bool, errors: &mut Vec<String>) {
    if json {
        match serde_json::to_string_pretty(&response) {
            Ok(s) => outln!("{s}"),
            Err(e) => errors.push(format!("cannot write JSON: {e}")),
        }
    } else {
        outln!("{} results for {:?} in {} µs", response.results.len(), response.query, response.took_us);
        for r in &response.results {
            outln!("  {:6.2}  {}  {}", r.score, r.article, strip_marks(&r.snippet));
        }
    }
}

/// Search a folder written by `mirsad index`, reading only the files the query needs.
fn search_archive(dir: &Path, query: &str, filters: &mirsad::search::Filters, limit: usize, json: bool) -> ExitCode {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|e| e.to_string()).and_then(archive::inflate).map_err(|e| format!("{}: {e}", path.display()))
    };
    let t0 = std::time::Instant::now();
    let result = read(archive::MANIFEST).and_then(|m| {
        let mut ar = Archive::open(&m)?;
        // Each round names new files; four suffice (Archive::search).
        for _ in 0..8 {
            match ar.search(query, filters, limit)? {
                archive::Step::Done(hits) => return Ok(hits),
                archive::Step::Fetch(files) => {
                    for f in files {
                        // The names are the index's own (`t/0001.bin`…), never a path from elsewhere.
                        if !archive::is_index_file(&f) {
                            return Err(format!("{f:?} is not a file of this index"));
                        }
                        ar.load(&f, &read(&f)?)?;
                    }
                }
            }
        }
        Err("the index kept asking for more files".to_string())
    });
    let mut errors = Vec::new();
    match result {
        Ok(results) => {
            let took_us = t0.elapsed().as_micros() as u64;
            print_results(&SearchResponse { query: query.to_string(), took_us, results }, json, &mut errors);
        }
        Err(e) => errors.push(e),
    }
    finish(&errors)
}

fn run_index(args: &[String]) -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let mut batch = 200usize;
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--output" => match it.next() {
                Some(o) => out = Some(PathBuf::from(o)),
                None => return usage_error("-o needs a folder"),
            },
            "--batch" => match it.next().and_then(|v| v.parse().ok()).filter(|&n: &usize| n > 0) {
                Some(n) => batch = n,
                None => return usage_error("--batch needs a whole number above 0"),
            },
            s if s.starts_with("--") => return usage_error(&format!("unknown option {s:?}")),
            _ => paths.push(a.clone()),
        }
    }
    let Some(out) = out else { return usage_error("index needs -o OUT, the folder to write") };
    if paths.is_empty() {
        return usage_error("index needs at least one PATH");
    }
    let Inputs { articles, mut errors } = read_inputs(&paths);
    if articles.is_empty() {
        errors.push("no article to index".into());
        return finish(&errors);
    }
    let t0 = std::time::Instant::now();
    let mut shown = usize::MAX;
    let mut progress = |done: usize, total: usize| {
        let pct = done * 100 / total.max(1);
        if pct != shown {
            shown = pct;
            let bar: String = (0..30).map(|i| if i * 100 < pct * 30 { '█' } else { '░' }).collect();
            eprint!("\r{bar} {done}/{total} articles, {:.0} s ", t0.elapsed().as_secs_f32());
        }
    };
    let files = match Corpus::archive(&articles, batch, &mut progress) {
        Ok(f) => f,
        Err(e) => {
            errors.push(e.to_string());
            return finish(&errors);
        }
    };
    eprintln!();
    let mut bytes = 0usize;
    for (name, contents) in &files {
        let path = out.join(name);
        if let Some(parent) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                errors.push(format!("{}: {e}", parent.display()));
                return finish(&errors);
            }
        }
        if let Err(e) = std::fs::write(&path, contents) {
            errors.push(format!("{}: {e}", path.display()));
            return finish(&errors);
        }
        bytes += contents.len();
    }
    eprintln!("wrote {} ({} files, {:.1} MB) for {} articles in {:.1} s", out.display(), files.len(), bytes as f64 / 1e6, articles.len(), t0.elapsed().as_secs_f32());
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

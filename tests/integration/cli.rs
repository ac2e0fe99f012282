use super::{root, seed_paths};
use std::process::Command;

fn mirsad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mirsad"))
}

#[test]
fn analyze_json_follows_the_contract() {
    let out = mirsad().arg("analyze").arg("--json").args(seed_paths()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    for a in articles {
        for key in ["id", "title", "dct", "boilerplate", "entities", "timexes", "quotes"] {
            assert!(a.get(key).is_some(), "article lacks {key}");
        }
        let text = std::fs::read_to_string(root().join("seeds").join(a["id"].as_str().unwrap())).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for m in a["entities"].as_array().unwrap().iter().chain(a["timexes"].as_array().unwrap()) {
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            let slice: String = chars[s..e].iter().collect();
            assert_eq!(slice, m["text"].as_str().unwrap(), "offsets are Unicode scalars into the raw text");
        }
    }
    assert!(v["entities"].is_array() && v["timeline"].is_array());
}

#[test]
fn dct_option_for_all_and_by_name() {
    let seeds = seed_paths();
    let name = seeds[1].file_name().unwrap().to_str().unwrap().to_string();
    let out = mirsad()
        .args(["analyze", "--json", "--dct", "2020-01-02", "--dct", &format!("{name}=2021-03-04")])
        .args(&seeds[..2])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"][0]["dct"]["value"], "2020-01-02");
    assert_eq!(v["articles"][1]["dct"]["value"], "2021-03-04");
    assert_eq!(v["articles"][1]["dct"]["source"], "given");
}

#[test]
fn bad_dct_is_a_usage_error() {
    let out = mirsad().args(["analyze", "--dct", "2024-02-30"]).args(&seed_paths()[..1]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2024-02-30"));
}

#[test]
fn wrong_usage_exits_2() {
    for args in [&[][..], &["frobnicate"][..], &["analyze"][..], &["analyze", "--nope", "x"][..], &["search", "q"][..]] {
        let out = mirsad().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "args {args:?}");
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn bad_files_are_named_and_the_others_still_analysed() {
    let dir = std::env::temp_dir().join(format!("mirsad-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("junk.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9 na\xefve").unwrap();
    let missing = dir.join("missing.txt");
    let out = mirsad().args(["analyze", "--json"]).arg(&binary).arg(&latin1).arg(&missing).arg(&seed_paths()[0]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "one line per bad file: {err}");
    assert!(lines[0].contains("junk.txt") && lines[0].contains("UTF-8"), "{err}");
    assert!(lines[1].contains("latin1.txt") && lines[1].contains("UTF-8"), "{err}");
    assert!(lines[2].contains("missing.txt"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 1, "the good file is still analysed");
}

#[test]
fn stdin_is_one_article() {
    use std::io::Write;
    let mut child = mirsad()
        .args(["analyze", "--json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("زار الرئيس الروسي فلاديمير بوتين بكين.".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"][0]["id"], "stdin");
}

#[test]
fn summary_without_json() {
    let out = mirsad().arg("analyze").args(seed_paths()).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("000_455e866ecfe86488.txt") && s.contains("entities") && s.contains("timeline"));
}

#[test]
fn search_json_shape() {
    let out = mirsad().args(["search", "--json", "--limit", "3", "بيونج يانج"]).args(seed_paths()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["query"], "بيونج يانج");
    assert!(v["took_us"].is_u64());
    assert!(v["results"].as_array().unwrap().len() <= 3);
}

#[test]
fn an_html_page_is_read_as_its_article() {
    let page = root().join("tests/fixtures/html/news-page.html");
    let empty = std::env::temp_dir().join(format!("mirsad-empty-{}.html", std::process::id()));
    std::fs::write(&empty, "<html><head><script>x()</script></head><body><nav>القائمة</nav></body></html>").unwrap();
    let out = mirsad().args(["analyze", "--json"]).arg(&page).arg(&empty).output().unwrap();
    std::fs::remove_file(&empty).ok();
    // One page has no article: exit status 2, its name in the message, the other analysed.
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mirsad-empty-") && stderr.contains("no article text"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &v["articles"][0];
    assert_eq!(a["id"], "news-page.html");
    assert_eq!(a["dct"]["value"], "2025-03-04");
    assert_eq!(a["dct"]["source"], "metadata");
    assert_eq!(a["outlet"], "جريدة المرصد & شركاه");
    // Offsets count in the extracted text, which the JSON carries.
    let chars: Vec<char> = a["text"].as_str().unwrap().chars().collect();
    assert!(!a["entities"].as_array().unwrap().is_empty());
    for m in a["entities"].as_array().unwrap() {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[s..e].iter().collect::<String>(), m["text"].as_str().unwrap());
    }
}

fn search_json(args: &[&str]) -> serde_json::Value {
    let out = mirsad().arg("search").arg("--json").args(args).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn ranking(v: &serde_json::Value) -> Vec<(String, String)> {
    v["results"].as_array().expect("results").iter().map(|r| (r["article"].as_str().unwrap_or("").to_string(), format!("{:.4}", r["score"].as_f64().unwrap_or(0.0)))).collect()
}

#[test]
fn index_folder_searches_as_the_articles_do() {
    let out_dir = std::env::temp_dir().join(format!("mirsad-index-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    let out = mirsad().args(["index", "seeds", "-o"]).arg(&out_dir).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("5/5 articles"), "a progress bar");
    let dir = out_dir.to_string_lossy().to_string();
    for q in ["بيونج يانج", "بوتين", "\"كوريا الشمالية\"", "صواريخ"] {
        let from_index = search_json(&[q, &dir]);
        let from_text = search_json(&[q, "seeds"]);
        assert_eq!(ranking(&from_index), ranking(&from_text), "{q}");
        assert!(!ranking(&from_index).is_empty(), "{q}");
    }
    // Filters, both ways.
    for args in [&["--type", "PER", "كيم"][..], &["--from", "2024-06-18", "--to", "2024-06", "بوتين"][..]] {
        let a: Vec<&str> = args.iter().copied().chain([dir.as_str()]).collect();
        let b: Vec<&str> = args.iter().copied().chain(["seeds"]).collect();
        let (ia, ib) = (ranking(&search_json(&a)), ranking(&search_json(&b)));
        assert_eq!(ia, ib, "{args:?}");
        assert!(!ia.is_empty(), "{args:?}");
        if args[0] == "--from" {
            assert!(ia.len() < 5, "{args:?}: {ia:?}");
        }
    }
    let summary = std::fs::read_to_string(out_dir.join("mirsad-index.json")).expect("a summary");
    assert!(summary.contains("\"articles\": 5"), "{summary}");
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn index_and_filter_mistakes_are_usage_errors() {
    for args in [
        &["index", "seeds"][..],
        &["index", "-o"][..],
        &["index", "--batch", "0", "seeds", "-o", "/tmp/x"][..],
        &["search", "--type", "PERSON", "x", "seeds"][..],
        &["search", "--from", "2024-13", "x", "seeds"][..],
        &["search", "--from", "2025", "--to", "2024", "x", "seeds"][..],
        &["search", "--entity"][..],
    ] {
        let out = mirsad().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    // A broken index folder: a clear error naming the file, no panic.
    let dir = std::env::temp_dir().join(format!("mirsad-broken-index-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("index.bin"), b"not an index").expect("write");
    let out = mirsad().args(["search", "x"]).arg(&dir).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("index.bin") && err.contains("not a Mirsad index"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reader_that_goes_away_is_no_panic() {
    // `mirsad analyze --json seeds/ | head -c 0`: the pipe closes before the output
    // (far more than a pipe holds) is written.
    let mut child = mirsad()
        .arg("analyze")
        .arg("--json")
        .args(seed_paths())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
}

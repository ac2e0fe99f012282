//! Scores of the seeds against ../shared/gold. The floors are what the code
//! reaches today, rounded down; later work raises them, never lowers them.

use super::{seed_paths, shared};
use std::process::Command;

/// (score path in score.py's JSON, floor)
const FLOORS: &[(&str, f64)] = &[
    ("entities.all.f1", 0.97),
    ("entities.linking_bcubed.f1", 0.97),
    ("timexes.overlap.f1", 0.97),
    ("timexes.value_f1.f1", 0.85),
    ("timeline.event_recall", 0.55),
    ("timeline.item_precision", 0.80),
];

fn get<'a>(v: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    path.split('.').fold(v, |v, k| &v[k])
}

#[test]
fn seeds_reach_the_floors() {
    let shared = shared();
    let score = shared.join("eval/score.py");
    assert!(score.exists(), "{} is missing: ../shared must be beside the project (or set MIRSAD_SHARED)", score.display());
    let out = Command::new(env!("CARGO_BIN_EXE_mirsad")).arg("analyze").arg("--json").args(seed_paths()).output().unwrap();
    assert!(out.status.success());
    let path = std::env::temp_dir().join(format!("mirsad-seeds-{}.json", std::process::id()));
    std::fs::write(&path, &out.stdout).unwrap();
    let scored = Command::new("python3").arg(&score).arg("--gold").arg(shared.join("gold")).arg("--json").arg(&path).output().unwrap();
    assert!(scored.status.success(), "score.py failed: {}", String::from_utf8_lossy(&scored.stderr));
    let v: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    let mut report = String::new();
    let mut failed = Vec::new();
    for (key, floor) in FLOORS {
        let got = get(&v, key).as_f64().unwrap_or(0.0);
        report.push_str(&format!("{key:32} {got:.3} (floor {floor:.2})\n"));
        if got < *floor {
            failed.push(*key);
        }
    }
    eprintln!("seed scores:\n{report}");
    assert!(failed.is_empty(), "below the floor: {failed:?}\n{report}");
}

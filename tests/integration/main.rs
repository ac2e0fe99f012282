//! The one native integration test binary.

// Entities on the held-out tenth of ANERcorp (../shared/data), against a floor.
mod anercorp;
// The `mirsad` command: usage, errors, JSON shape.
mod cli;
// Input that must be refused or survived, never a panic.
mod hostile_input;
// Offsets in all three units on text with Persian letters, tatweel, diacritics, emoji.
mod offsets;
// Golden files of the text stage (tests/golden/text/).
mod golden;
// Our light stemmer against Snowball's Arabic stemmer on word pairs.
mod stemming;
// The seeds scored against ../shared/gold with ../shared/eval/score.py.
mod seeds_score;

use std::path::PathBuf;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the project (MIRSAD_SHARED overrides).
pub fn shared() -> PathBuf {
    std::env::var_os("MIRSAD_SHARED").map(PathBuf::from).unwrap_or_else(|| root().join("../shared"))
}

/// The seed files, sorted.
pub fn seed_paths() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .expect("seeds/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

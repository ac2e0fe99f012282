//! Our light stemmer (as search uses it: with proclitic readings) against the
//! Snowball Arabic stemmer (`rust-stemmers`), on hand-written word pairs
//! (tests/data/stem_pairs.tsv): does each conflate the pairs a reader expects
//! to match, and keep apart the ones that only share letters? Snowball is given
//! the same folded text (it folds hamza and diacritics itself too).
//! `MIRSAD_SHOW=1 cargo test --test integration stemming -- --nocapture` lists our misses.

use super::root;
use mirsad::search::word_stems;
use mirsad::text::normalize::fold;
use rust_stemmers::{Algorithm, Stemmer};

struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn f1(&self) -> f64 {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn score(pairs: &[(String, String, bool)], conflates: impl Fn(&str, &str) -> bool) -> Score {
    let mut s = Score { tp: 0, fp: 0, fn_: 0 };
    for (a, b, same) in pairs {
        match (conflates(a, b), same) {
            (true, true) => s.tp += 1,
            (true, false) => s.fp += 1,
            (false, true) => s.fn_ += 1,
            (false, false) => {}
        }
    }
    s
}

#[test]
fn our_stemmer_measures_at_least_as_well_as_snowball() {
    let src = std::fs::read_to_string(root().join("tests/data/stem_pairs.tsv")).unwrap();
    let pairs: Vec<(String, String, bool)> = src
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].to_string(), cols[1].to_string(), cols[2] == "1")
        })
        .collect();
    assert!(pairs.len() >= 60);
    let ours = score(&pairs, |a, b| {
        let (sa, sb) = (word_stems(a), word_stems(b));
        sa.iter().any(|s| sb.contains(s))
    });
    if std::env::var_os("MIRSAD_SHOW").is_some() {
        for (a, b, same) in &pairs {
            let (sa, sb) = (word_stems(a), word_stems(b));
            if sa.iter().any(|s| sb.contains(s)) != *same {
                eprintln!("ours wrong: {a} {b} same={same} {sa:?} {sb:?}");
            }
        }
    }
    let snowball = Stemmer::create(Algorithm::Arabic);
    let theirs = score(&pairs, |a, b| snowball.stem(&fold(a)) == snowball.stem(&fold(b)));
    eprintln!(
        "stemming pairs: ours F1 {:.3} (tp {} fp {} fn {}), Snowball F1 {:.3} (tp {} fp {} fn {})",
        ours.f1(), ours.tp, ours.fp, ours.fn_, theirs.f1(), theirs.tp, theirs.fp, theirs.fn_
    );
    assert!(ours.f1() >= theirs.f1(), "Snowball measures better: switch, or improve ours");
}

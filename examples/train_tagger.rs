//! Train the entity tagger and write `data/model/tagger.bin` (run by `./build.sh train`).
//!
//!     cargo run --release --example train_tagger -- [--folds K] [--aqmar] [--epochs N]
//!         [--step W] [--keep N] [--dropout P] [--stack K] [--stack-keep N] [--seed N] [--bags N]
//!         [--test-aqmar] [--data DIR] [--out FILE]
//!
//! `--stack K` (default 5; 0 or 1: one pass) adds a stacked second pass trained on
//! first-pass labels jack-knifed over K parts; `--stack-keep` is its size in rows.
//!
//! `--bags N` (default 3) averages N perceptrons trained over other shuffles.
//!
//! `--folds K` cross-validates on ANERcorp's first 90% and prints scores
//! without writing anything. ANERcorp's last tenth is never read.
//! With `MIRSAD_SHOW=1` it lists on standard error what was missed or wrong,
//! fold by fold (`FOLD k` lines); `MIRSAD_FOLD_TYPES=1` adds each fold's scores per type.
//!
//! `--test-aqmar` trains on ANERcorp's first 90% and scores on AQMAR (Wikipedia
//! text, names ANERcorp never saw): whether a setting carries over to other text.
//!
//! `MIRSAD_ALIASES=1` instead lists, over ANERcorp's first 90% (and AQMAR with
//! `--aqmar`), each gazetteer spelling matched with how often the match overlaps
//! no gold name or one of the same type: spellings that are mostly common words.

use mirsad::entities::train::{train, Options};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut opts = Options { data: PathBuf::from("../shared/data"), epochs: 8, aqmar: false, folds: 0, step: 1.0, dropout: 0.1, keep: 1000, stack: 5, stack_keep: 1500, seed: 0x5eed, bags: 3, test_aqmar: false };
    let mut out = PathBuf::from("data/model/tagger.bin");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--folds" => opts.folds = value().parse().unwrap_or(8),
            "--aqmar" => opts.aqmar = true,
            "--test-aqmar" => opts.test_aqmar = true,
            "--epochs" => opts.epochs = value().parse().unwrap_or(opts.epochs),
            "--dropout" => opts.dropout = value().parse().unwrap_or(opts.dropout),
            "--keep" => opts.keep = value().parse().unwrap_or(opts.keep),
            "--stack" => opts.stack = value().parse().unwrap_or(opts.stack),
            "--stack-keep" => opts.stack_keep = value().parse().unwrap_or(opts.stack_keep),
            "--step" => opts.step = value().parse().unwrap_or(opts.step),
            "--bags" => opts.bags = value().parse().unwrap_or(opts.bags),
            "--seed" => opts.seed = value().parse().unwrap_or(opts.seed),
            "--data" => opts.data = PathBuf::from(value()),
            "--out" => out = PathBuf::from(value()),
            other => {
                eprintln!("train_tagger: unknown argument {other:?}");
                return ExitCode::from(2);
            }
        }
    }
    match train(&opts) {
        Ok((model, report)) => {
            eprint!("{report}");
            if let Some(model) = model {
                if let Err(e) = std::fs::write(&out, model.to_bytes()) {
                    eprintln!("train_tagger: {}: {e}", out.display());
                    return ExitCode::FAILURE;
                }
                eprintln!("wrote {}", out.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("train_tagger: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Proclitics: reading `وبيونغ` as `و` + `بيونغ`, `للأمم` as `ل` + `الأمم`.
//!
//! Names are matched against each reading of a word; the span of a match starts
//! at the stem, so the proclitic stays outside it (INTERFACE.md).

use super::charset::is_arabic_mark;

/// Proclitics that can come first (conjunctions) and second (prepositions).
const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
const PREPOSITIONS: [char; 3] = ['ب', 'ل', 'ك'];
/// A stem shorter than this (in folded letters) is not split off.
const MIN_STEM_CHARS: usize = 2;

/// One way to read a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Byte offset, within the raw word, where the stem starts.
    pub raw_offset: usize,
    /// The folded stem to match (for `لل` + noun, the stem is `ال` + noun).
    pub stem: String,
    /// How many proclitic letters were removed.
    pub proclitics: usize,
}

/// Byte length of the first letter of `raw` and the marks (tatweel, harakat) after it.
fn first_letter_len(raw: &str) -> usize {
    let mut chars = raw.char_indices();
    let _ = chars.next();
    for (b, c) in chars {
        if !is_arabic_mark(c) {
            return b;
        }
    }
    raw.len()
}

/// Every reading of the raw word `raw` whose folded form is `norm`, the word itself first.
pub fn readings(raw: &str, norm: &str) -> Vec<Reading> {
    let mut out = vec![Reading { raw_offset: 0, stem: norm.to_string(), proclitics: 0 }];
    let mut raw_offset = 0;
    let mut stem = norm;
    let mut stripped = 0;
    // Up to one conjunction then one preposition.
    for (step, allowed) in [&CONJUNCTIONS[..], &PREPOSITIONS[..]].into_iter().enumerate() {
        let Some(first) = stem.chars().next() else { break };
        if !allowed.contains(&first) {
            continue;
        }
        let rest = &stem[first.len_utf8()..];
        if rest.chars().count() < MIN_STEM_CHARS {
            break;
        }
        raw_offset += first_letter_len(&raw[raw_offset..]);
        stem = rest;
        stripped += 1;
        // `لل` + noun: the article's alef was elided; the stem is `ال` + noun,
        // and its span starts at the second lam.
        if first == 'ل' && stem.starts_with('ل') && stem.chars().count() > MIN_STEM_CHARS {
            out.push(Reading { raw_offset, stem: format!("ا{stem}"), proclitics: stripped });
        }
        out.push(Reading { raw_offset, stem: stem.to_string(), proclitics: stripped });
        let _ = step;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::fold;

    fn stems(raw: &str) -> Vec<(String, String)> {
        readings(raw, &fold(raw)).into_iter().map(|r| (raw[r.raw_offset..].to_string(), r.stem)).collect()
    }

    #[test]
    fn conjunction_and_preposition() {
        let got = stems("وبيونغ");
        assert!(got.contains(&("بيونغ".into(), "بيونغ".into())), "{got:?}");
        let got = stems("ببوتين");
        assert!(got.contains(&("بوتين".into(), "بوتين".into())), "{got:?}");
        let got = stems("وروسيا");
        assert!(got.contains(&("روسيا".into(), "روسيا".into())), "{got:?}");
    }

    #[test]
    fn lam_lam_keeps_second_lam() {
        let got = stems("للأمم");
        assert!(got.contains(&("لأمم".into(), "الامم".into())), "{got:?}");
    }

    #[test]
    fn tatweel_after_proclitic_is_skipped() {
        let got = stems("لـروسيا");
        assert!(got.contains(&("روسيا".into(), "روسيا".into())), "{got:?}");
    }

    #[test]
    fn short_stems_are_not_split() {
        assert_eq!(stems("بل").len(), 1);
    }
}

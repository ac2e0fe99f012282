//! Folding Arabic text for matching, with a map back to the raw text.
//!
//! The folds live in `data/fold.tsv` (alef forms, yeh/Persian letters, hamza
//! carriers, teh marbuta, tatweel, harakat, zero-width and bidi controls, digits,
//! Arabic punctuation, quotation marks, spaces and dashes). Presentation forms
//! (U+FB50–U+FDFF, U+FE70–U+FEFE) are first decomposed by compatibility (NFKD),
//! Latin letters are lower-cased. The result is for matching only; display always
//! uses the raw text.

use std::collections::HashMap;
use std::sync::OnceLock;

const FOLD_TABLE: &str = crate::data_file!("fold.tsv");

/// What the table says to do with one character.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Fold {
    Drop,
    Replace(Vec<char>),
}

fn fold_table() -> &'static HashMap<char, Fold> {
    static TABLE: OnceLock<HashMap<char, Fold>> = OnceLock::new();
    TABLE.get_or_init(|| parse_fold_table(FOLD_TABLE).unwrap_or_default())
}

fn parse_hex(s: &str) -> Result<u32, String> {
    u32::from_str_radix(s.trim(), 16).map_err(|_| format!("bad code point {s:?}"))
}

/// Parse `fold.tsv` (format in its header). Errors name the bad line.
fn parse_fold_table(src: &str) -> Result<HashMap<char, Fold>, String> {
    let mut table = HashMap::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut cols = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
        let (Some(from), Some(to)) = (cols.next(), cols.next()) else {
            return Err(format!("fold.tsv line {}: expected FROM<TAB>TO", n + 1));
        };
        let (lo, hi) = match from.split_once('-') {
            Some((lo, hi)) => (parse_hex(lo)?, parse_hex(hi)?),
            None => (parse_hex(from)?, parse_hex(from)?),
        };
        for cp in lo..=hi {
            let Some(c) = char::from_u32(cp) else { continue };
            let fold = if to == "DEL" {
                Fold::Drop
            } else if let Some(base) = to.strip_suffix('+') {
                let target = char::from_u32(parse_hex(base)? + (cp - lo))
                    .ok_or_else(|| format!("fold.tsv line {}: bad target", n + 1))?;
                Fold::Replace(vec![target])
            } else {
                let chars = to
                    .split(' ')
                    .map(|h| parse_hex(h).and_then(|cp| char::from_u32(cp).ok_or(format!("bad target {h}"))))
                    .collect::<Result<Vec<char>, String>>()?;
                Fold::Replace(chars)
            };
            table.insert(c, fold);
        }
    }
    Ok(table)
}

#[inline(always)]
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// The compatibility decomposition of a presentation form (`ﻻ` → `لا`), or `None`
/// when it has none. build.rs writes one line per code point of the two ranges.
fn presentation_form(c: char) -> Option<&'static str> {
    static LINES: OnceLock<Vec<&'static str>> = OnceLock::new();
    let lines = LINES.get_or_init(|| include_str!(concat!(env!("OUT_DIR"), "/presentation_forms.txt")).split('\n').collect());
    let cp = c as usize;
    let i = if cp <= 0xFDFF { cp.checked_sub(0xFB50)? } else { 0xFDFF - 0xFB50 + 1 + cp.checked_sub(0xFE70)? };
    lines.get(i).copied().filter(|d| !d.is_empty())
}

/// Fold one character, appending the result to `out`.
pub fn fold_char(c: char, out: &mut String) {
    fold_char_with(dense_folds(), c, out);
}

/// [`fold_char`] with the flat table already in hand (the hot loops fetch it once).
#[inline(always)]
fn fold_char_with(dense: &[u32], c: char, out: &mut String) {
    if is_presentation_form(c) {
        match presentation_form(c) {
            Some(decomposed) => decomposed.chars().for_each(|d| fold_plain(dense, d, out)),
            None => fold_plain(dense, c, out),
        }
    } else {
        fold_plain(dense, c, out);
    }
}

/// What the flat table says of a character: kept, dropped, one replacement,
/// or `None` when only [`fold_char`] knows (several characters, a presentation
/// form, a code point past the table).
#[inline(always)]
pub(crate) fn dense_fold(dense: &[u32], c: char) -> Option<Option<char>> {
    match dense.get(c as usize) {
        Some(&KEEP) => Some(Some(c)),
        Some(&DROP) => Some(None),
        Some(&IN_TABLE) | None => None,
        Some(&to) => char::from_u32(to - 2).map(Some),
    }
}

#[inline(always)]
fn fold_plain(dense: &[u32], c: char, out: &mut String) {
    match dense_fold(dense, c) {
        Some(Some(to)) => out.push(to),
        Some(None) => {}
        None => fold_from_table(c, out),
    }
}

/// Below this code point, folds are looked up in a flat array: the text stage
/// folds every character, and a hash lookup each was most of its time.
const DENSE_LIMIT: usize = 0x3100;
const KEEP: u32 = 0;
const DROP: u32 = 1;
/// The fold is in the hash table (a replacement by several characters).
const IN_TABLE: u32 = u32::MAX;

/// `dense[c]`: KEEP, DROP, IN_TABLE, or the one replacement character + 2.
pub(crate) fn dense_folds() -> &'static [u32] {
    static DENSE: OnceLock<Vec<u32>> = OnceLock::new();
    DENSE.get_or_init(|| {
        let table = fold_table();
        (0..DENSE_LIMIT as u32)
            .map(|cp| {
                let Some(c) = char::from_u32(cp) else { return KEEP };
                match table.get(&c) {
                    Some(Fold::Drop) => DROP,
                    Some(Fold::Replace(to)) if to.len() == 1 => to[0] as u32 + 2,
                    Some(Fold::Replace(_)) => IN_TABLE,
                    None if c.is_uppercase() => {
                        let mut lower = c.to_lowercase();
                        match (lower.next(), lower.next()) {
                            (Some(l), None) => l as u32 + 2,
                            _ => IN_TABLE,
                        }
                    }
                    None => KEEP,
                }
            })
            .collect()
    })
}

/// The fold of a character outside the flat table (or one that folds to several).
fn fold_from_table(c: char, out: &mut String) {
    match fold_table().get(&c) {
        Some(Fold::Drop) => {}
        Some(Fold::Replace(to)) => out.extend(to.iter()),
        None if c.is_uppercase() => out.extend(c.to_lowercase()),
        None => out.push(c),
    }
}

/// Fold a string for matching, without an offset map.
pub fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    fold_into(raw, &mut out);
    out
}

/// [`fold`], appending to `out`.
pub fn fold_into(raw: &str, out: &mut String) {
    let dense = dense_folds();
    for c in raw.chars() {
        fold_char_with(dense, c, out);
    }
}

/// Folded text with, for every byte of it, the raw character it came from.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// `raw_start[i]`: byte offset in the raw text of the character that produced folded byte `i`.
    raw_start: Vec<usize>,
    /// `raw_end[i]`: byte offset just past that raw character.
    raw_end: Vec<usize>,
}

impl Normalized {
    /// Map a folded byte range back to a raw byte range. Out-of-range input is clamped.
    pub fn raw_span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.text.is_empty() {
            return (0, 0);
        }
        let last = self.text.len() - 1;
        let s = self.raw_start.get(start.min(last)).copied().unwrap_or(0);
        if end <= start {
            return (s, s);
        }
        let e = self.raw_end.get((end - 1).min(last)).copied().unwrap_or(s);
        (s, e.max(s))
    }
}

/// Fold `raw` for matching and keep the map back to it.
pub fn normalize(raw: &str) -> Normalized {
    let mut n = Normalized {
        text: String::with_capacity(raw.len()),
        raw_start: Vec::with_capacity(raw.len()),
        raw_end: Vec::with_capacity(raw.len()),
    };
    for (b, c) in raw.char_indices() {
        let before = n.text.len();
        fold_char(c, &mut n.text);
        let added = n.text.len() - before;
        n.raw_start.extend(std::iter::repeat(b).take(added));
        n.raw_end.extend(std::iter::repeat(b + c.len_utf8()).take(added));
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_without_error() {
        let table = parse_fold_table(FOLD_TABLE).expect("fold.tsv parses");
        assert!(table.len() > 100);
        assert_eq!(table.get(&'٣'), Some(&Fold::Replace(vec!['3'])));
    }

    /// (name, raw, folded)
    const CASES: &[(&str, &str, &str)] = &[
        ("alef-hamza-above", "أحمد", "احمد"),
        ("alef-hamza-below", "إيران", "ايران"),
        ("alef-madda", "آسيا", "اسيا"),
        ("alef-wasla", "ٱلله", "الله"),
        ("alef-maksura", "موسى", "موسي"),
        ("persian-yeh-keheh", "کوریا", "كوريا"),
        ("teh-marbuta", "الشمالية", "الشماليه"),
        ("tatweel", "أحمــد صبـري", "احمد صبري"),
        ("diacritics", "بُوتِينُ", "بوتين"),
        ("shadda-tanwin", "حذّر جداً", "حذر جدا"),
        ("hamza-carriers", "مؤتمر رئيس", "موتمر رييس"),
        ("arabic-indic-digits", "١٩٤٨", "1948"),
        ("persian-digits", "۱۴۰۲", "1402"),
        ("arabic-punctuation", "نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"),
        ("quotes", "«كيم» “بوتين”", "\"كيم\" \"بوتين\""),
        ("zero-width", "بيونغ\u{200C}يانغ\u{200F}", "بيونغيانغ"),
        ("presentation-forms", "\u{FEDF}\u{FE8E} \u{FEFB}", "لا لا"),
        ("latin-lowercase", "Kim Jong UN", "kim jong un"),
    ];

    #[test]
    fn folds_table() {
        for (name, raw, want) in CASES {
            assert_eq!(fold(raw), *want, "case {name}");
        }
    }

    #[test]
    fn raw_span_covers_dropped_marks() {
        let raw = "قال بُوتِينُ اليوم";
        let n = normalize(raw);
        let start = n.text.find("بوتين").unwrap();
        let (s, e) = n.raw_span(start, start + "بوتين".len());
        assert_eq!(&raw[s..e], "بُوتِين");
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    fn arabicish() -> impl Strategy<Value = String> {
        // Mix Arabic, Persian, marks, tatweel, presentation forms, controls, emoji and ASCII.
        let chars = prop::sample::select(vec![
            'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ي', 'ی', 'ک', 'ك', 'ة', 'ه', 'ؤ', 'ئ', 'ـ', 'َ', 'ُ', 'ّ', 'ً',
            '٣', '۴', '،', '؟', '«', '»', '\u{200C}', '\u{202B}', '\u{FEFB}', '\u{FDF2}', '😀', 'A', 'z',
            ' ', '\n', '\r', '-', '.', '5', 'İ', 'ß',
        ]);
        prop::collection::vec(chars, 0..60).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(s in arabicish()) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn folding_is_idempotent_on_any_text(s in any::<String>()) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn every_offset_maps_inside_raw_on_boundaries(s in arabicish(), a in 0usize..200, b in 0usize..200) {
            let n = normalize(&s);
            let (lo, hi) = (a.min(b), a.max(b));
            let (rs, re) = n.raw_span(lo, hi);
            prop_assert!(rs <= re && re <= s.len());
            prop_assert!(s.is_char_boundary(rs) && s.is_char_boundary(re));
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod presentation_form_tests {
    #[test]
    fn every_presentation_form_decomposes_as_unicode_says() {
        for cp in (0xFB50..=0xFDFF).chain(0xFE70..=0xFEFE) {
            let Some(c) = char::from_u32(cp) else { continue };
            let mut want = String::new();
            unicode_normalization::char::decompose_compatible(c, |d| want.push(d));
            let got = super::presentation_form(c).map_or_else(|| c.to_string(), str::to_string);
            assert_eq!(got, want, "U+{cp:04X}");
        }
        assert_eq!(super::presentation_form('ب'), None);
    }
}

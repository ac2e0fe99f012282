//! What a word is indexed and looked up under: its folded form, its readings
//! without proclitics or article, a light stem, a transliteration key, and the
//! edit distance used for typo tolerance.
//!
//! All functions take *folded* text (`text::normalize::fold`): hamza carriers,
//! alef forms, alef maksura, teh marbuta, Persian letters and diacritics are
//! already one letter each.

use crate::text::charset::is_arabic_letter;
use crate::text::clitics;

/// The definite article.
const ARTICLE: &str = "ال";
/// A reading or stem shorter than this (in letters) is not made.
const MIN_STEM_CHARS: usize = 3;
/// The light stemmer strips up to one suffix of each group, in this order
/// (longest first within a group), as folded text (`ية` is `يه`, `ة` is `ه`):
/// an attached pronoun, then a number/gender ending, then a nisba or teh marbuta.
/// `شركاتها` → `شركات` → `شرك`; `الأمريكيين` → `امريكي` → `امريك`.
const PRONOUN_SUFFIXES: [&str; 6] = ["هما", "ها", "هم", "كم", "نا", "ه"];
const NUMBER_SUFFIXES: [&str; 4] = ["ات", "ون", "ين", "ان"];
const NISBA_SUFFIXES: [&str; 3] = ["يه", "ي", "ه"];
/// A teh marbuta before a pronoun is written `ت` (`زيارته`); it is dropped
/// only when this many letters stay (`حكومت` → `حكوم`, but `وقت` stays).
const MIN_TEH_STEM_CHARS: usize = 4;
/// A word shorter than this has no transliteration key: short words differ
/// by too little for a looser match to mean the same word.
const MIN_KEY_WORD_CHARS: usize = 4;
/// Nor has a word with the article and fewer letters than this after it
/// (`الكم` would meet `القمة`'s neighbours; `الغاز` keeps its key).
const MIN_KEY_CORE_CHARS: usize = 3;

/// The keys a word is indexed under: `(key, is_reading)`, the folded word
/// itself first (`is_reading == false`), then its readings without proclitics
/// (`و ف ب ل ك`, `لل` → `ال`) and without the article (`ال`). No duplicates.
pub(crate) fn word_keys(raw: &str, norm: &str, out: &mut Vec<(String, bool)>) {
    out.clear();
    if norm.is_empty() {
        return;
    }
    out.push((norm.to_string(), false));
    if !norm.chars().all(is_arabic_letter) {
        return;
    }
    for r in clitics::readings(raw, norm) {
        push_unique(out, r.stem.clone(), true);
        // A reading that is a known name is not read further: `لبنان` is not
        // `ل` + `بنان`, `وكندا` is `و` + `كندا` and no more.
        if is_known_name(&r.stem) {
            break;
        }
        if let Some(rest) = strip_article(&r.stem) {
            push_unique(out, rest.to_string(), true);
        }
        if let Some(rest) = strip_future(&r.stem) {
            push_unique(out, rest.to_string(), true);
        }
    }
}

/// The verb without its future prefix `س` (`سيزور` → `يزور`, `وستعقد` → `تعقد`):
/// `س` before an imperfect prefix (`ي ت ن ا`), with a stem of at least four
/// letters left, so `سيول` and `ستة` stay whole. Search only: a name can start so.
pub(crate) fn strip_future(word: &str) -> Option<&str> {
    let rest = word.strip_prefix('س')?;
    (rest.starts_with(['ي', 'ت', 'ن', 'ا']) && rest.chars().count() >= 4).then_some(rest)
}

fn push_unique(out: &mut Vec<(String, bool)>, key: String, reading: bool) {
    if !out.iter().any(|(k, _)| *k == key) {
        out.push((key, reading));
    }
}

/// The word without its article, when enough of it is left.
pub(crate) fn strip_article(word: &str) -> Option<&str> {
    word.strip_prefix(ARTICLE).filter(|rest| rest.chars().count() >= MIN_STEM_CHARS - 1)
}

/// A folded single word that the gazetteer knows as a name (with its variants).
fn is_known_name(word: &str) -> bool {
    crate::entities::lexicon::lexicon().names.contains_key(word)
}

/// The light stem of a folded word: without the article and one common suffix,
/// keeping at least three letters. `None` when nothing was stripped.
pub(crate) fn stem(word: &str) -> Option<String> {
    // A known name is its own stem: `لبنان` is not `لبن` + `ان`.
    if !word.chars().all(is_arabic_letter) || is_known_name(word) {
        return None;
    }
    let mut w = word;
    if let Some(rest) = w.strip_prefix(ARTICLE).filter(|r| r.chars().count() >= MIN_STEM_CHARS) {
        w = rest;
    }
    // Strips the first suffix of `group` that leaves enough letters; returns it.
    let strip_one = |w: &mut &str, group: &[&'static str]| -> Option<&'static str> {
        let (suffix, rest) = group.iter().find_map(|s| Some((*s, w.strip_suffix(s).filter(|r| r.chars().count() >= MIN_STEM_CHARS)?)))?;
        *w = rest;
        Some(suffix)
    };
    let pronoun = strip_one(&mut w, &PRONOUN_SUFFIXES).is_some();
    let number = strip_one(&mut w, &NUMBER_SUFFIXES);
    // The `ت` of a teh marbuta before a pronoun or a dual ending (`الدولتين`).
    let dual = matches!(number, Some("ين" | "ان"));
    let teh_min = if dual { MIN_STEM_CHARS } else { MIN_TEH_STEM_CHARS };
    if (pronoun && number.is_none()) || dual {
        if let Some(rest) = w.strip_suffix('ت').filter(|r| r.chars().count() >= teh_min) {
            w = rest;
        }
    }
    strip_one(&mut w, &NISBA_SUFFIXES);
    (w.len() != word.len()).then(|| w.to_string())
}

/// The letter class a transliteration key uses for `c`: the letters foreign
/// `g` is written with (`غ ج ك ق`, and `گ` already folded to `ك`) are one.
pub(crate) fn key_class(c: char) -> char {
    match c {
        'غ' | 'ج' | 'ك' | 'ق' => 'G',
        'ى' => 'ي',
        'ة' => 'ه',
        c => c,
    }
}

/// The transliteration key of a folded word, so that the spellings a foreign
/// name varies on meet: `g` letters as one class, doubled letters once, long
/// vowels (`ا و ي`) inside the word dropped (`بيونج` = `بيونغ`, `ترامب` = `ترمب`).
/// `None` for short or non-Arabic words.
pub(crate) fn variant_key(word: &str) -> Option<String> {
    let n = word.chars().count();
    if n < MIN_KEY_WORD_CHARS || !word.chars().all(is_arabic_letter) {
        return None;
    }
    if word.strip_prefix(ARTICLE).is_some_and(|core| core.chars().count() < MIN_KEY_CORE_CHARS) {
        return None;
    }
    let key = skeleton(word.chars(), n);
    (key.chars().count() >= MIN_STEM_CHARS).then_some(key)
}

/// The key of a (folded) name of one or more words: its letters joined without
/// spaces, keyed as one word (`بيونغ يانغ` = `بيونجيانج`). Empty when the name
/// has fewer than three letters.
pub(crate) fn name_key(name: &str) -> String {
    let n = name.chars().filter(|c| c.is_alphanumeric()).count();
    if n < MIN_STEM_CHARS {
        return String::new();
    }
    skeleton(name.chars().filter(|c| c.is_alphanumeric()), n)
}

fn skeleton(chars: impl Iterator<Item = char>, n: usize) -> String {
    let mut key = String::with_capacity(n * 2);
    let mut last = None;
    for (i, c) in chars.enumerate() {
        let c = key_class(c);
        if last == Some(c) {
            continue;
        }
        last = Some(c);
        if i > 0 && i + 1 < n && matches!(c, 'ا' | 'و' | 'ي') {
            continue;
        }
        key.push(c);
    }
    key
}

/// Reusable buffers for [`edit_distance`], so a query scanning the vocabulary
/// allocates once.
#[derive(Default)]
pub(crate) struct EditBuffers {
    b: Vec<char>,
    rows: [Vec<usize>; 3],
}

/// Optimal-string-alignment distance between `a` and `b` (insertions,
/// deletions, substitutions and adjacent transpositions cost one), when it is
/// at most `max`; letters of one [`key_class`] count as equal when `classes`.
pub(crate) fn edit_distance(a: &[char], b: &str, max: usize, classes: bool, buf: &mut EditBuffers) -> Option<usize> {
    let mut b_chars = std::mem::take(&mut buf.b);
    b_chars.clear();
    b_chars.extend(b.chars());
    let d = edit_distance_chars(a, &b_chars, max, classes, buf);
    buf.b = b_chars;
    d
}

/// [`edit_distance`] of two decoded words.
pub(crate) fn edit_distance_chars(a: &[char], b: &[char], max: usize, classes: bool, buf: &mut EditBuffers) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if max <= 1 && !classes {
        return within_one(a, b).filter(|&d| d <= max);
    }
    let same = |x: char, y: char| x == y || (classes && key_class(x) == key_class(y));
    let [prev2, prev, cur] = &mut buf.rows;
    for row in [&mut *prev2, &mut *prev, &mut *cur] {
        row.clear();
        row.resize(b.len() + 1, 0);
    }
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(!same(ca, cb));
            let mut v = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a.get(i - 1).is_some_and(|&p| same(p, cb)) && b.get(j - 1).is_some_and(|&p| same(ca, p)) {
                v = v.min(prev2[j - 1] + 1);
            }
            cur[j + 1] = v;
            row_min = row_min.min(v);
        }
        // Rows never get cheaper (a transposition costs at least the diagonal before it).
        if row_min > max {
            return None;
        }
        std::mem::swap(prev2, prev);
        std::mem::swap(prev, cur);
    }
    prev.last().copied().filter(|&d| d <= max)
}

/// The distance of `a` and `b` when it is 0 or 1 (one substitution, insertion,
/// deletion or adjacent transposition), without a table.
fn within_one(a: &[char], b: &[char]) -> Option<usize> {
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = |x: usize, y: usize| a.get(x..).is_some_and(|ta| b.get(y..).is_some_and(|tb| ta == tb));
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal if p == a.len() => Some(0),
        std::cmp::Ordering::Equal => {
            let swapped = a.get(p) == b.get(p + 1) && a.get(p + 1) == b.get(p) && tail(p + 2, p + 2);
            (tail(p + 1, p + 1) || swapped).then_some(1)
        }
        std::cmp::Ordering::Less => (b.len() == a.len() + 1 && tail(p, p + 1)).then_some(1),
        std::cmp::Ordering::Greater => (a.len() == b.len() + 1 && tail(p + 1, p)).then_some(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::fold;

    fn keys(raw: &str) -> Vec<String> {
        let mut out = Vec::new();
        word_keys(raw, &fold(raw), &mut out);
        out.into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn readings_strip_proclitics_and_article() {
        let cases: &[(&str, &str, &str)] = &[
            ("conjunction", "وروسيا", "روسيا"),
            ("preposition", "لروسيا", "روسيا"),
            ("article", "الصواريخ", "صواريخ"),
            ("lam-lam", "للصواريخ", "صواريخ"),
            ("conjunction-article", "والصواريخ", "صواريخ"),
            ("future", "سيزور", "يزور"),
            ("conjunction-future", "وستعقد", "تعقد"),
        ];
        for (name, raw, want) in cases {
            assert!(keys(raw).iter().any(|k| k == want), "case {name}: {:?}", keys(raw));
        }
        for whole in ["سيول", "ستة"] {
            assert!(!keys(whole).iter().any(|k| Some(k.as_str()) == fold(whole).strip_prefix('س')), "{whole} keeps its س: {:?}", keys(whole));
        }
        assert_eq!(keys("Reuters"), vec!["reuters"]);
        assert!(keys("").is_empty());
    }

    #[test]
    fn light_stems() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("plural-at", "المفاوضات", Some("مفاوض")),
            ("nisba", "الشمالية", Some("شمال")),
            ("pronoun", "صواريخها", Some("صواريخ")),
            ("keeps-three", "بنا", None),
            ("dual-teh-with-article", "الدولتين", Some("دول")),
            ("plural-pronoun", "شركاتها", Some("شرك")),
            ("latin", "putin", None),
        ];
        for (name, word, want) in cases {
            assert_eq!(stem(&fold(word)).as_deref(), *want, "case {name}");
        }
    }

    #[test]
    fn transliteration_keys() {
        let same: &[(&str, &str, &str)] = &[
            ("g-ghain-jeem", "بيونغ", "بيونج"),
            ("g-yang", "يانغ", "يانج"),
            ("vowel-alef", "ترامب", "ترمب"),
            ("vowel-waw", "واشنطن", "واشنطون"),
            ("doubled", "كوريا", "كورّيا"),
        ];
        for (name, a, b) in same {
            assert_eq!(variant_key(&fold(a)), variant_key(&fold(b)), "case {name}");
            assert!(variant_key(&fold(a)).is_some(), "case {name}");
        }
        assert_eq!(variant_key("كيم"), None);
        assert_eq!(variant_key(&fold("الكم")), None);
        assert!(variant_key(&fold("الغاز")).is_some());
        assert_eq!(name_key(&fold("بيونغ يانغ")), name_key(&fold("بيونجيانج")));
        assert_eq!(name_key(&fold("كيم جونغ أون")), name_key(&fold("كيم جونج اون")));
    }

    #[test]
    fn edit_distances() {
        let mut buf = EditBuffers::default();
        let d = |a: &str, b: &str, max: usize, buf: &mut EditBuffers| {
            let a: Vec<char> = a.chars().collect();
            edit_distance(&a, b, max, false, buf)
        };
        assert_eq!(d("بوتبن", "بوتين", 1, &mut buf), Some(1));
        assert_eq!(d("بوتين", "بوتين", 1, &mut buf), Some(0));
        assert_eq!(d("بوتني", "بوتين", 1, &mut buf), Some(1), "transposition");
        assert_eq!(d("بوتين", "بايدن", 1, &mut buf), None);
        assert_eq!(d("", "ab", 2, &mut buf), Some(2));
        assert_eq!(d("abc", "", 2, &mut buf), None);
        let a: Vec<char> = "بيونج".chars().collect();
        assert_eq!(edit_distance(&a, "بيونغ", 1, true, &mut buf), Some(0));
    }

    /// The one-edit shortcut agrees with the table on every pair of short words.
    #[test]
    fn one_edit_shortcut_matches_table() {
        let words = ["", "a", "ab", "ba", "abc", "acb", "bac", "abd", "abcd", "abdc", "xbcd", "abc d", "aabc", "abcc"];
        let mut buf = EditBuffers::default();
        for x in words {
            for y in words {
                let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
                let table = edit_distance_chars(&a, &b, 1, true, &mut buf).filter(|_| true);
                // `classes` forces the table; Latin letters have no classes.
                assert_eq!(within_one(&a, &b).filter(|&d| d <= 1), table, "{x:?} {y:?}");
            }
        }
    }
}

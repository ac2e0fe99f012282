//! Splitting raw text into words, numbers and punctuation, with byte spans.

use super::charset::{digit_value, is_arabic_letter, is_arabic_mark, is_number_separator};
use super::normalize::{dense_fold, dense_folds, fold_into};
use compact_str::CompactString;
use crate::offsets::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of Arabic-script letters and their marks.
    Word,
    /// A run of Latin (or other non-Arabic) letters.
    Latin,
    /// Digits with internal separators (`1.3`, `2,000`, `١٩٤٨`).
    Number,
    /// Any other single visible character.
    Punct,
}

/// One token of the raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is, in raw bytes.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// Its folded form, for matching (see `normalize`).
    pub norm: CompactString,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Arabic,
    Mark,
    Latin,
    Digit,
    Space,
    Other,
}

#[inline(always)]
fn class(c: char) -> Class {
    // The common cases first: the core Arabic letters, then ASCII.
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
        return Class::Arabic;
    }
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Latin,
            '0'..='9' => Class::Digit,
            c if c.is_ascii_whitespace() || c == '\u{0B}' => Class::Space,
            _ => Class::Other,
        };
    }
    if is_arabic_letter(c) {
        Class::Arabic
    } else if is_arabic_mark(c) {
        Class::Mark
    } else if digit_value(c).is_some() {
        Class::Digit
    } else if c.is_alphabetic() {
        Class::Latin
    } else if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
        Class::Space
    } else {
        Class::Other
    }
}

/// The character at byte `i` of valid UTF-8 and its length in bytes.
/// By hand and always inlined: the size-optimised wasm build calls the
/// library's decoder out of line, and that call per character was a third of
/// the tokenizer's time there.
#[inline(always)]
fn char_at(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let b0 = u32::from(*bytes.get(i)?);
    let cont = |k: usize| bytes.get(i + k).map_or(0, |&b| u32::from(b) & 0x3F);
    let (code, len) = if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        ((b0 & 0x1F) << 6 | cont(1), 2)
    } else if b0 < 0xF0 {
        ((b0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        ((b0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
    };
    Some((char::from_u32(code)?, len))
}

/// [`char_at`] with the character's class.
#[inline(always)]
fn peek(bytes: &[u8], i: usize) -> Option<(char, usize, Class)> {
    match char_at(bytes, i) {
        Some((c, n)) => Some((c, n, class(c))),
        None => None,
    }
}

/// A token's folded form, written byte by byte into a fixed buffer as its
/// characters are read. `slow`: a character only [`fold_into`] folds, or no
/// more room; the token is then folded again from its text (rare). Pushing
/// each character to a `String` was a third of the tokenizer's time.
struct FoldBuf {
    bytes: [u8; 64],
    len: usize,
    slow: bool,
}

impl FoldBuf {
    #[inline(always)]
    fn fold(&mut self, dense: &[u32], c: char) {
        match dense_fold(dense, c) {
            Some(Some(to)) => self.put(to),
            Some(None) => {}
            None => self.slow = true,
        }
    }

    #[inline(always)]
    fn put(&mut self, c: char) {
        let cp = c as u32;
        let n = c.len_utf8();
        let at = self.len;
        let Some(room) = self.bytes.get_mut(at..at + n) else {
            self.slow = true;
            return;
        };
        // Encoded in place (`char::encode_utf8` is a call here).
        match room {
            [a] => *a = cp as u8,
            [a, b] => {
                *a = 0xC0 | (cp >> 6) as u8;
                *b = 0x80 | (cp & 0x3F) as u8;
            }
            [a, b, c] => {
                *a = 0xE0 | (cp >> 12) as u8;
                *b = 0x80 | (cp >> 6 & 0x3F) as u8;
                *c = 0x80 | (cp & 0x3F) as u8;
            }
            [a, b, c, d] => {
                *a = 0xF0 | (cp >> 18) as u8;
                *b = 0x80 | (cp >> 12 & 0x3F) as u8;
                *c = 0x80 | (cp >> 6 & 0x3F) as u8;
                *d = 0x80 | (cp & 0x3F) as u8;
            }
            _ => {}
        }
        self.len += n;
    }
}

/// Tokenise `text`. Whitespace and invisible controls separate tokens and are not tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 8);
    // Inline up to 24 bytes natively, 12 in wasm32: no allocation for most words.
    for_each_token(text, |span, kind, norm| tokens.push(Token { span, kind, norm: CompactString::from(norm) }));
    tokens
}

/// The tokens of `text` as [`tokenize`] finds them, each given to `f` (span,
/// kind, folded form) and kept nowhere: the search-only index reads text
/// this way (a `Token` per word was most of its memory and a tenth of its time).
#[inline(always)]
pub fn for_each_token(text: &str, mut f: impl FnMut(Span, TokenKind, &str)) {
    let dense = dense_folds();
    let bytes = text.as_bytes();
    // One pass: each character is decoded, classed and folded once (a cursor
    // that re-decoded at every byte offset, then folded the word again, was
    // most of the text stage's time).
    let mut norm = FoldBuf { bytes: [0; 64], len: 0, slow: false };
    let mut slow_norm = String::new();
    let mut i = 0;
    while let Some((c, n)) = char_at(bytes, i) {
        let start = i;
        i += n;
        let k = class(c);
        if k == Class::Space {
            continue;
        }
        (norm.len, norm.slow) = (0, false);
        norm.fold(dense, c);
        let kind = match k {
            Class::Space => continue,
            Class::Arabic | Class::Mark => {
                while let Some((c, n, Class::Arabic | Class::Mark)) = peek(bytes, i) {
                    norm.fold(dense, c);
                    i += n;
                }
                TokenKind::Word
            }
            Class::Latin => {
                while let Some((c, n, k)) = peek(bytes, i) {
                    let apostrophe_in_word = c == '\'' && matches!(peek(bytes, i + n), Some((_, _, Class::Latin)));
                    if k != Class::Latin && !apostrophe_in_word {
                        break;
                    }
                    norm.fold(dense, c);
                    i += n;
                }
                TokenKind::Latin
            }
            Class::Digit => {
                while let Some((c, n, k)) = peek(bytes, i) {
                    let separator_in_number = is_number_separator(c) && matches!(peek(bytes, i + n), Some((_, _, Class::Digit)));
                    if k != Class::Digit && !separator_in_number {
                        break;
                    }
                    norm.fold(dense, c);
                    i += n;
                }
                TokenKind::Number
            }
            Class::Other => TokenKind::Punct,
        };
        let folded = if norm.slow {
            slow_norm.clear();
            fold_into(text.get(start..i).unwrap_or(""), &mut slow_norm);
            slow_norm.as_str()
        } else {
            // Whole characters only were written: always valid.
            std::str::from_utf8(norm.bytes.get(..norm.len).unwrap_or(&[])).unwrap_or("")
        };
        // A run of tatweel or stray marks (`ـــــ` as a separator line) folds to
        // nothing: not a word to match.
        if !folded.is_empty() {
            f(Span::new(start, i), kind, folded);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text).iter().map(|t| (&text[t.span.start..t.span.end], t.kind)).collect()
    }

    #[test]
    fn every_norm_is_the_fold_of_its_text() {
        // Presentation forms, a word longer than the fold buffer, Persian letters,
        // tatweel, diacritics, capitals and letters that fold to two.
        let long = "ال".repeat(40);
        let text = format!("ﻻ ﷲ ﺑﻴﺮوت {long} کیف یا مُحَمَّـــد ÉCOLE Straße ǅ ﬁne 😀 ١٢٣٫٥ ۴۵ İstanbul");
        let tokens = tokenize(&text);
        assert!(tokens.len() >= 15, "{tokens:?}");
        for t in &tokens {
            let mut want = String::new();
            fold_into(&text[t.span.start..t.span.end], &mut want);
            assert_eq!(t.norm.as_str(), want, "{:?}", &text[t.span.start..t.span.end]);
        }
    }

    #[test]
    fn words_numbers_latin_punct() {
        use TokenKind::*;
        assert_eq!(
            show("قال بوتين: 1.3 مليون، و2,000 في ١٩٤٨ (Reuters)."),
            vec![
                ("قال", Word), ("بوتين", Word), (":", Punct), ("1.3", Number), ("مليون", Word), ("،", Punct),
                ("و", Word), ("2,000", Number), ("في", Word), ("١٩٤٨", Number), ("(", Punct), ("Reuters", Latin),
                (")", Punct), (".", Punct),
            ]
        );
    }

    #[test]
    fn marks_and_tatweel_stay_in_the_word() {
        let toks = tokenize("أحمــد بُوتِين");
        assert_eq!(toks.len(), 2);
        assert_eq!(toks[0].norm, "احمد");
        assert_eq!(toks[1].norm, "بوتين");
    }

    #[test]
    fn emoji_and_persian() {
        let text = "کوریا 😀 الشمالیة";
        let toks = tokenize(text);
        assert_eq!(toks.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>(), vec!["كوريا", "😀", "الشماليه"]);
    }

    #[test]
    fn number_then_full_stop() {
        assert_eq!(show("عام 1948."), vec![("عام", TokenKind::Word), ("1948", TokenKind::Number), (".", TokenKind::Punct)]);
    }
}

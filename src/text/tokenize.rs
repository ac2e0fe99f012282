//! Splitting raw text into words, numbers and punctuation, with byte spans.

use super::charset::{digit_value, is_arabic_letter, is_arabic_mark, is_number_separator};
use super::normalize::fold_into;
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

#[inline]
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

/// Tokenise `text`. Whitespace and invisible controls separate tokens and are not tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 8);
    // A cursor over the text: the character at a byte offset, with its class.
    let at = |i: usize| text.get(i..).and_then(|rest| rest.chars().next()).map(|c| (c, class(c)));
    let mut i = 0;
    // One buffer for every token's folded form (then copied inline, below).
    let mut norm = String::with_capacity(64);
    while let Some((c, k)) = at(i) {
        let start = i;
        let mut j = i + c.len_utf8();
        norm.clear();
        let kind = match k {
            Class::Space => {
                i = j;
                continue;
            }
            Class::Arabic | Class::Mark => {
                while let Some((c, Class::Arabic | Class::Mark)) = at(j) {
                    j += c.len_utf8();
                }
                TokenKind::Word
            }
            Class::Latin => {
                while let Some((c, k)) = at(j) {
                    let apostrophe_in_word = c == '\'' && matches!(at(j + 1), Some((_, Class::Latin)));
                    if k != Class::Latin && !apostrophe_in_word {
                        break;
                    }
                    j += c.len_utf8();
                }
                TokenKind::Latin
            }
            Class::Digit => {
                loop {
                    match at(j) {
                        Some((d, Class::Digit)) => j += d.len_utf8(),
                        Some((s, _)) if is_number_separator(s) && matches!(at(j + s.len_utf8()), Some((_, Class::Digit))) => j += s.len_utf8(),
                        _ => break,
                    }
                }
                TokenKind::Number
            }
            Class::Other => TokenKind::Punct,
        };
        let span = Span::new(start, j);
        fold_into(text.get(start..j).unwrap_or(""), &mut norm);
        // A run of tatweel or stray marks (`ـــــ` as a separator line) folds to
        // nothing: not a word to match.
        if !norm.is_empty() {
            // Inline up to 24 bytes (most words): no allocation per token.
            tokens.push(Token { span, kind, norm: CompactString::from(norm.as_str()) });
        }
        i = j;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text).iter().map(|t| (&text[t.span.start..t.span.end], t.kind)).collect()
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

//! Splitting raw text into words, numbers and punctuation, with byte spans.

use super::charset::{digit_value, is_arabic_letter, is_arabic_mark, is_number_separator};
use super::normalize::fold_char;
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
    pub norm: String,
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

fn class(c: char) -> Class {
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
    let mut tokens = Vec::with_capacity(text.len() / 5);
    // Each character classified once; the loops below look ahead by index.
    let chars: Vec<(usize, char, Class)> = text.char_indices().map(|(b, c)| (b, c, class(c))).collect();
    let class_at = |i: usize| chars.get(i).map(|&(_, _, k)| k);
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _, _)| b);
    let mut i = 0;
    while let Some(&(start, c, k)) = chars.get(i) {
        let (kind, next) = match k {
            Class::Space => {
                i += 1;
                continue;
            }
            Class::Arabic | Class::Mark => {
                let mut j = i + 1;
                while matches!(class_at(j), Some(Class::Arabic | Class::Mark)) {
                    j += 1;
                }
                (TokenKind::Word, j)
            }
            Class::Latin => {
                let mut j = i + 1;
                while chars.get(j).is_some_and(|&(_, c, k)| k == Class::Latin || (c == '\'' && class_at(j + 1) == Some(Class::Latin))) {
                    j += 1;
                }
                (TokenKind::Latin, j)
            }
            Class::Digit => {
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        Some(&(_, _, Class::Digit)) => j += 1,
                        Some(&(_, s, _)) if is_number_separator(s) && class_at(j + 1) == Some(Class::Digit) => j += 2,
                        _ => break,
                    }
                }
                (TokenKind::Number, j)
            }
            Class::Other => (TokenKind::Punct, i + 1),
        };
        let _ = c;
        let span = Span::new(start, end_of(next));
        let mut norm = String::with_capacity(span.end - span.start);
        for &(_, c, _) in chars.get(i..next).unwrap_or(&[]) {
            fold_char(c, &mut norm);
        }
        tokens.push(Token { span, kind, norm });
        i = next;
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

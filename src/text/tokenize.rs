//! Splitting raw text into words, numbers and punctuation, with byte spans.

use super::charset::{digit_value, is_arabic_letter, is_arabic_mark, is_number_separator};
use super::normalize::fold;
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
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        let (kind, next) = match class(c) {
            Class::Space => {
                i += 1;
                continue;
            }
            Class::Arabic | Class::Mark => {
                let mut j = i + 1;
                while chars.get(j).is_some_and(|&(_, c)| matches!(class(c), Class::Arabic | Class::Mark)) {
                    j += 1;
                }
                (TokenKind::Word, j)
            }
            Class::Latin => {
                let mut j = i + 1;
                while chars.get(j).is_some_and(|&(_, c)| class(c) == Class::Latin || (c == '\'' && chars.get(j + 1).is_some_and(|&(_, d)| class(d) == Class::Latin))) {
                    j += 1;
                }
                (TokenKind::Latin, j)
            }
            Class::Digit => {
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        Some(&(_, d)) if class(d) == Class::Digit => j += 1,
                        Some(&(_, s)) if is_number_separator(s) && chars.get(j + 1).is_some_and(|&(_, d)| class(d) == Class::Digit) => j += 2,
                        _ => break,
                    }
                }
                (TokenKind::Number, j)
            }
            Class::Other => (TokenKind::Punct, i + 1),
        };
        let span = Span::new(start, end_of(next));
        tokens.push(Token { span, kind, norm: fold(&text[span.start..span.end]) });
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

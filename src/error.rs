//! Errors and input limits.

use std::fmt;

/// The largest article accepted, in bytes of UTF-8.
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;
/// The largest set of articles accepted, in bytes of UTF-8.
pub const MAX_TOTAL_BYTES: usize = 50 * 1024 * 1024;

/// Why an input was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrorKind {
    ArticleTooLarge { id: String, bytes: usize },
    SetTooLarge { bytes: usize },
    NotText { id: String, reason: String },
    BadDate { id: String, value: String },
    BadInput { reason: String },
    NoArticleText { id: String },
}

impl Error {
    pub(crate) fn article_too_large(id: &str, bytes: usize) -> Error {
        Error { kind: ErrorKind::ArticleTooLarge { id: id.to_string(), bytes } }
    }
    pub(crate) fn set_too_large(bytes: usize) -> Error {
        Error { kind: ErrorKind::SetTooLarge { bytes } }
    }
    /// The input is not text (binary data, invalid UTF-8).
    pub fn not_text(id: &str, reason: impl Into<String>) -> Error {
        Error { kind: ErrorKind::NotText { id: id.to_string(), reason: reason.into() } }
    }
    pub(crate) fn bad_date(id: &str, value: &str) -> Error {
        Error { kind: ErrorKind::BadDate { id: id.to_string(), value: value.to_string() } }
    }
    pub(crate) fn no_article_text(id: &str) -> Error {
        Error { kind: ErrorKind::NoArticleText { id: id.to_string() } }
    }
    /// The input does not have the expected shape.
    pub fn bad_input(reason: impl Into<String>) -> Error {
        Error { kind: ErrorKind::BadInput { reason: reason.into() } }
    }
}

/// Megabytes to one decimal, rounded, in integers (float formatting with a
/// precision would put 4 KB of `core::fmt` into the wasm for this one line).
fn mb(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 512 * 1024) / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::ArticleTooLarge { id, bytes } => {
                write!(f, "article {id} is {}; the limit is {}", mb(*bytes), mb(MAX_ARTICLE_BYTES))
            }
            ErrorKind::SetTooLarge { bytes } => {
                write!(f, "the articles come to {}; the limit is {}", mb(*bytes), mb(MAX_TOTAL_BYTES))
            }
            ErrorKind::NotText { id, reason } => write!(f, "{id}: not text: {reason}"),
            ErrorKind::BadDate { id, value } => {
                write!(f, "{id}: publication date {value:?} is not a valid YYYY-MM-DD date")
            }
            ErrorKind::BadInput { reason } => write!(f, "bad input: {reason}"),
            ErrorKind::NoArticleText { id } => {
                write!(f, "{id}: the HTML page has no article text (only scripts, styles, navigation or nothing)")
            }
        }
    }
}

impl std::error::Error for Error {}

/// Check raw bytes of one article: valid UTF-8, not binary. Returns the text.
pub fn decode_article(id: &str, bytes: &[u8]) -> Result<String, Error> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(Error::article_too_large(id, bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::not_text(id, format!("invalid UTF-8 at byte {}", e.valid_up_to()))
    })?;
    check_text(id, text)?;
    // A BOM is kept: offsets count the text exactly as decoded (INTERFACE.md).
    Ok(text.to_string())
}

/// Refuse text that is binary data in disguise (NUL bytes or many control characters).
pub fn check_text(id: &str, text: &str) -> Result<(), Error> {
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(Error::article_too_large(id, text.len()));
    }
    // Over bytes, not chars: this runs on every article the page indexes.
    let bytes = text.as_bytes();
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::not_text(id, format!("NUL byte at byte {pos} (binary file?)")));
    }
    // Control characters among the first 4096 characters: C0 (but line and page
    // breaks and tabs), DEL, and C1 (U+0080–U+009F, bytes C2 80–C2 9F).
    let (mut control, mut total, mut prev) = (0usize, 0usize, 0u8);
    for &b in bytes {
        if b & 0xC0 != 0x80 {
            if total == 4096 {
                break;
            }
            total += 1;
        }
        if (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F || (prev == 0xC2 && (0x80..=0x9F).contains(&b)) {
            control += 1;
        }
        prev = b;
    }
    if total > 0 && control * 10 > total {
        return Err(Error::not_text(id, format!("{control} control characters in the first {total} (binary file?)")));
    }
    Ok(())
}

#[cfg(test)]
mod check_text_tests {
    /// The definition the byte scan implements, over chars.
    fn control_count(text: &str) -> (usize, usize) {
        let sample: Vec<char> = text.chars().take(4096).collect();
        (sample.iter().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count(), sample.len())
    }

    #[test]
    fn byte_scan_counts_control_characters_as_chars_do() {
        let pieces = ["قال", " ", "\n", "\u{7f}", "\u{85}", "\u{9f}", "\u{a0}", "\u{1}", "😀", "ـ", "\t", "é", "\u{c2}"];
        // Deterministic mixes of the pieces, long enough to pass the 4096 cut.
        let mut seed = 7u64;
        for _ in 0..200 {
            let mut text = String::new();
            for _ in 0..(seed % 6000) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let (control, total) = control_count(&text);
            let refused = total > 0 && control * 10 > total;
            assert_eq!(super::check_text("t", &text).is_err(), refused, "{control} of {total}");
            // A NUL byte is named, wherever it is, before any count.
            let nul = super::check_text("t", &format!("{text}\0")).map_err(|e| e.to_string());
            assert!(nul.as_ref().is_err_and(|e| e.contains(&format!("NUL byte at byte {}", text.len()))), "{nul:?}");
            if let Err(e) = super::check_text("t", &text) {
                assert!(e.to_string().contains(&format!("{control} control characters in the first {total}")), "{e}");
            }
        }
    }
}

#[cfg(test)]
mod mb_tests {
    #[test]
    fn megabytes_to_one_decimal() {
        assert_eq!(super::mb(0), "0.0 MB");
        assert_eq!(super::mb(5 * 1024 * 1024), "5.0 MB");
        assert_eq!(super::mb(5 * 1024 * 1024 + 1), "5.0 MB");
        assert_eq!(super::mb(1024 * 1024 * 3 / 2), "1.5 MB");
        assert_eq!(super::mb(52_428_801), "50.0 MB");
        assert_eq!(super::mb(1024 * 1024 * 99 / 100), "1.0 MB");
    }
}

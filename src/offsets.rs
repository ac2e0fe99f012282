//! The one place where offsets change units.
//!
//! Rust works in UTF-8 **byte** offsets; the JSON contract (INTERFACE.md) counts
//! **Unicode scalar values**; the DOM counts **UTF-16 code units**. Every span in
//! the library is a byte [`Span`]; it is converted here, and nowhere else, when it
//! leaves the library.

use serde::Serialize;

/// A half-open range `start..end` of UTF-8 byte offsets into one article's raw text.
/// Both ends lie on `char` boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes, half-open).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A span in all three units, as it crosses the library's boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ContractSpan {
    /// Unicode scalar offset of the start (the contract's `start`).
    pub start: usize,
    /// Unicode scalar offset of the end, exclusive.
    pub end: usize,
    /// UTF-16 offset of the start (for the DOM).
    pub start16: usize,
    /// UTF-16 offset of the end, exclusive.
    pub end16: usize,
}

/// Converts byte offsets of one text to scalar and UTF-16 offsets.
///
/// Built once per article in O(n); each lookup is a binary search over the
/// multi-byte characters only, so ASCII-heavy text stays cheap.
#[derive(Clone, Debug, Default)]
pub struct OffsetIndex {
    /// For every char longer than 1 byte: its byte offset, its byte length, and
    /// the scalars and UTF-16 units that come before it.
    wide: Vec<WideChar>,
    len: usize,
}

#[derive(Clone, Copy, Debug, Default)]
struct WideChar {
    byte: usize,
    bytes: usize,
    scalars_before: usize,
    units_before: usize,
}

impl OffsetIndex {
    /// Index the text.
    pub fn new(text: &str) -> OffsetIndex {
        let mut wide = Vec::new();
        let (mut scalars, mut units) = (0usize, 0usize);
        for (byte, c) in text.char_indices() {
            if c.len_utf8() > 1 {
                wide.push(WideChar { byte, bytes: c.len_utf8(), scalars_before: scalars, units_before: units });
            }
            scalars += 1;
            units += c.len_utf16();
        }
        OffsetIndex { wide, len: text.len() }
    }

    /// (scalar, utf16) offsets of byte offset `byte`. A byte offset past the end
    /// is clamped to the end; one inside a character counts from that character's start.
    pub fn at(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.len);
        let i = self.wide.partition_point(|w| w.byte < byte);
        let Some(w) = i.checked_sub(1).and_then(|i| self.wide.get(i)) else {
            return (byte, byte);
        };
        if byte < w.byte + w.bytes {
            return (w.scalars_before, w.units_before);
        }
        let ascii_after = byte - (w.byte + w.bytes);
        let units = if w.bytes == 4 { 2 } else { 1 };
        (w.scalars_before + 1 + ascii_after, w.units_before + units + ascii_after)
    }

    /// Byte offset of scalar offset `scalar` (clamped to the end).
    pub fn byte_of_scalar(&self, scalar: usize) -> usize {
        let i = self.wide.partition_point(|w| w.scalars_before < scalar);
        let byte = match i.checked_sub(1).and_then(|i| self.wide.get(i)) {
            None => scalar,
            Some(w) => w.byte + w.bytes + (scalar - w.scalars_before - 1),
        };
        byte.min(self.len)
    }

    /// Convert a byte span.
    pub fn span(&self, span: Span) -> ContractSpan {
        let (start, start16) = self.at(span.start);
        let (end, end16) = self.at(span.end);
        ContractSpan { start, end, start16, end16 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference conversion by brute force.
    fn slow(text: &str, byte: usize) -> (usize, usize) {
        let head = &text[..byte];
        (head.chars().count(), head.encode_utf16().count())
    }

    #[test]
    fn every_boundary_matches_brute_force() {
        // Persian letters, tatweel, diacritics, an emoji (4 bytes, 2 UTF-16 units), CRLF.
        let text = "كوریا الشمالیة\r\nبـــوتينُ 🇰🇵 a1 ک😀ی";
        let index = OffsetIndex::new(text);
        for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(index.at(b), slow(text, b), "byte {b}");
            assert_eq!(index.byte_of_scalar(slow(text, b).0), b, "scalar back to byte {b}");
        }
    }

    #[test]
    fn span_converts_both_units() {
        let text = "😀 بوتين";
        let index = OffsetIndex::new(text);
        let start = text.find('ب').unwrap();
        let got = index.span(Span::new(start, text.len()));
        assert_eq!(got, ContractSpan { start: 2, end: 7, start16: 3, end16: 8 });
    }

    #[test]
    fn past_the_end_is_clamped() {
        let index = OffsetIndex::new("سلام");
        assert_eq!(index.at(999), (4, 4));
        assert_eq!(index.byte_of_scalar(999), 8);
    }
}

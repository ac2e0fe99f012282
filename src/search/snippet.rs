//! The snippet of a hit: the best passage of the article, escaped, with the
//! matched words marked.

use crate::render::article::push_text;
use crate::text::{Document, TokenKind};

/// A passage longer than this many words is cut to a window.
const MAX_PASSAGE_WORDS: usize = 40;
/// Words in a cut window.
const WINDOW_WORDS: usize = 30;
/// How much a match in the headline or in boilerplate counts when choosing the
/// passage: the headline is usually shown anyway, boilerplate is not the article.
const TITLE_PASSAGE_FACTOR: f32 = 0.8;
const BOILERPLATE_PASSAGE_FACTOR: f32 = 0.1;

/// A matched run of tokens: `pos..pos + len` token indices, the weight of the
/// match and the query term it matched (bit index, < 64).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark {
    pub pos: u32,
    pub len: u32,
    pub weight: f32,
    pub term: u32,
}

/// The passage: escaped HTML and its byte span in the raw text.
pub(crate) struct Passage {
    pub html: String,
    pub start: usize,
    pub end: usize,
}

/// Choose and render the best passage of `doc` for `marks` (any order).
/// The passage is the sentence with the most distinct matched terms (then the
/// heaviest matches); a sentence longer than [`MAX_PASSAGE_WORDS`] words is cut
/// to the [`WINDOW_WORDS`]-word window with the heaviest matches, and `…` shows
/// where it was cut. Without marks, the first body sentence.
pub(crate) fn passage(doc: &Document, marks: &mut [Mark]) -> Passage {
    marks.sort_by_key(|m| (m.pos, m.len));
    let tokens = &doc.tokens;
    let start_of = |pos: u32| tokens.get(pos as usize).map(|t| t.span.start);

    // Score each sentence that holds a mark.
    let mut best: Option<(f32, usize)> = None; // (score, sentence)
    let mut i = 0;
    while let Some(m) = marks.get(i) {
        let Some(sid) = start_of(m.pos).and_then(|b| doc.sentence_at(b)) else {
            i += 1;
            continue;
        };
        let Some(&sentence) = doc.sentences.get(sid) else { break };
        let (mut terms, mut weight) = (0u64, 0f32);
        while let Some(m) = marks.get(i).filter(|m| start_of(m.pos).is_some_and(|b| b < sentence.end)) {
            terms |= 1u64 << (m.term % 64);
            weight += m.weight;
            i += 1;
        }
        let mut score = terms.count_ones() as f32 * 2.0 + weight;
        if doc.title.is_some_and(|t| t.contains(&sentence)) {
            score *= TITLE_PASSAGE_FACTOR;
        }
        if doc.in_boilerplate(sentence) {
            score *= BOILERPLATE_PASSAGE_FACTOR;
        }
        if best.map_or(true, |(s, _)| score > s) {
            best = Some((score, sid));
        }
    }
    let span = match best.and_then(|(_, sid)| doc.sentences.get(sid)) {
        Some(&s) => Some(s),
        None if marks.is_empty() => doc
            .sentences
            .iter()
            .copied()
            .find(|s| !doc.title.is_some_and(|t| t.overlaps(s)) && !doc.in_boilerplate(*s))
            .or_else(|| doc.sentences.first().copied()),
        // Marks outside every sentence: the window around the first one.
        None => marks.first().and_then(|m| tokens.get(m.pos as usize)).map(|t| t.span),
    };
    let Some(span) = span else {
        return Passage { html: String::new(), start: 0, end: 0 };
    };

    // The passage's tokens; when it is too long, the densest window of words.
    let first = tokens.partition_point(|t| t.span.end <= span.start);
    let last = tokens.partition_point(|t| t.span.start < span.end);
    let words: Vec<usize> = (first..last).filter(|&k| tokens.get(k).is_some_and(|t| t.kind != TokenKind::Punct)).collect();
    let (mut start, mut end) = (span.start, span.end);
    let (mut cut_start, mut cut_end) = (false, false);
    if words.len() > MAX_PASSAGE_WORDS {
        let n = words.len().min(WINDOW_WORDS);
        // Slide the window over the words, the marks (sorted) entering and leaving it.
        let (mut best_k, mut best_w) = (0, -1f32);
        let (mut enter, mut leave, mut w) = (0, 0, 0f32);
        for k in 0..=words.len().saturating_sub(n) {
            let (Some(&a), Some(&b)) = (words.get(k), words.get(k + n.saturating_sub(1))) else { break };
            while let Some(m) = marks.get(enter).filter(|m| m.pos as usize <= b) {
                w += m.weight;
                enter += 1;
            }
            while let Some(m) = marks.get(leave).filter(|m| (m.pos as usize) < a && leave < enter) {
                w -= m.weight;
                leave += 1;
            }
            if w > best_w + 1e-6 {
                best_w = w;
                best_k = k;
            }
        }
        // Centre the window on its matches when the passage allows it.
        if let (Some(&a), Some(&b)) = (words.get(best_k), words.get(best_k + n.saturating_sub(1))) {
            let inside: Vec<usize> = marks.iter().map(|m| m.pos as usize).filter(|&p| p >= a && p <= b).collect();
            if let (Some(&lo), Some(&hi)) = (inside.first(), inside.last()) {
                let lo_k = words.partition_point(|&w| w < lo);
                let hi_k = words.partition_point(|&w| w <= hi);
                let room = n.saturating_sub(hi_k.saturating_sub(lo_k));
                best_k = lo_k.saturating_sub(room / 2).min(words.len().saturating_sub(n));
            }
        }
        if let (Some(&a), Some(&b)) = (words.get(best_k), words.get(best_k + n.saturating_sub(1))) {
            if let (Some(ta), Some(tb)) = (tokens.get(a), tokens.get(b)) {
                cut_start = ta.span.start > span.start;
                cut_end = tb.span.end < span.end;
                start = ta.span.start;
                // Keep punctuation that closes the window's last word.
                end = tokens.get(b + 1).filter(|t| t.kind == TokenKind::Punct && t.span.start == tb.span.end && t.span.end <= span.end).map_or(tb.span.end, |t| t.span.end);
            }
        }
    }

    // Marked byte ranges inside the passage, merged across whitespace.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for m in marks.iter() {
        let (Some(a), Some(b)) = (tokens.get(m.pos as usize), tokens.get((m.pos + m.len.max(1) - 1) as usize)) else { continue };
        let (s, e) = (a.span.start.max(start), b.span.end.min(end));
        if s >= e {
            continue;
        }
        match ranges.last_mut() {
            Some(last) if s <= last.1 || doc.text.get(last.1..s).is_some_and(|gap| gap.chars().all(char::is_whitespace)) => {
                last.1 = last.1.max(e);
            }
            _ => ranges.push((s, e)),
        }
    }

    let text = doc.text.as_str();
    let mut html = String::with_capacity((end - start) * 2 + 32);
    if cut_start {
        html.push_str("… ");
    }
    let mut at = start;
    for (s, e) in ranges {
        push_text(text.get(at..s).unwrap_or(""), &mut html);
        html.push_str("<mark>");
        push_text(text.get(s..e).unwrap_or(""), &mut html);
        html.push_str("</mark>");
        at = e;
    }
    push_text(text.get(at..end).unwrap_or(""), &mut html);
    if cut_end {
        html.push_str(" …");
    }
    Passage { html, start, end }
}

/// Scalar offset of byte offset `byte` of `text` (clamped; counts from the
/// start of a character when inside one).
pub(crate) fn scalar_of(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text.get(..b).map_or(0, |head| head.chars().count())
}

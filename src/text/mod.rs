//! Stage 1: raw article text → tokens, lines, sentences, title and boilerplate.
//!
//! Nothing here changes the text: every result is a byte [`Span`] into it, and
//! matching uses folded copies (see [`normalize`]).

pub mod charset;
pub mod clitics;
pub mod html;
pub mod normalize;
pub mod structure;
pub mod tokenize;

use crate::offsets::Span;
pub use structure::{Boilerplate, BoilerplateKind};
pub use tokenize::{Token, TokenKind};

/// One article after the text stage.
#[derive(Clone, Debug)]
pub struct Document {
    /// The raw text, exactly as given.
    pub text: String,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
    /// Its non-blank lines, without the line break and surrounding spaces.
    pub lines: Vec<Span>,
    /// Its sentences, in order; a sentence never crosses a line.
    pub sentences: Vec<Span>,
    /// Boilerplate regions (masthead, related links, tags, source, share, byline).
    pub boilerplate: Vec<Boilerplate>,
    /// The headline: the first line that is not boilerplate.
    pub title: Option<Span>,
    /// The outlet's name when the text states it (site-name line or `المصدر:` line).
    pub outlet: Option<String>,
}

/// Fewer words than this make no lead sentence.
pub const LEAD_MIN_WORDS: usize = 6;

impl Document {
    /// The raw text of a span (empty when the span is not valid for this text).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// True when the span lies inside a boilerplate region.
    pub fn in_boilerplate(&self, span: Span) -> bool {
        self.boilerplate.iter().any(|b| b.span.contains(&span))
    }

    /// The lead: the first sentence after the headline, outside boilerplate, of
    /// at least [`LEAD_MIN_WORDS`] words (a dateline or a `تقديم:` label is not one).
    pub fn lead(&self) -> Option<Span> {
        self.sentences.iter().copied().find(|s| {
            self.title.is_none_or(|t| !t.overlaps(s))
                && !self.in_boilerplate(*s)
                && self.tokens.iter().filter(|t| s.contains(&t.span) && t.kind == TokenKind::Word).count() >= LEAD_MIN_WORDS
        })
    }

    /// A copy with its tokens and sentences, as [`read_owned_documents`] gives
    /// it, of a document [`read_untokenized_documents`] gave.
    pub fn tokenized(&self) -> Document {
        let mut doc = self.clone();
        doc.tokens = tokenize::tokenize(&doc.text);
        doc.sentences = structure::sentences(&doc.text, &doc.lines);
        doc
    }

    /// Index of the sentence containing byte offset `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        self.sentences.get(i).filter(|s| s.start <= at).map(|_| i)
    }
}

/// Run the text stage over a set of articles. Boilerplate is found per set,
/// because a line repeated across one outlet's articles is a strong signal.
pub fn read_documents(texts: &[&str]) -> Vec<Document> {
    read_owned_documents(texts.iter().map(|t| t.to_string()).collect())
}

/// [`read_documents`] of texts the caller gives away (no copy of each).
pub fn read_owned_documents(texts: Vec<String>) -> Vec<Document> {
    let mut docs = read_untokenized_documents(texts);
    for doc in &mut docs {
        doc.tokens = tokenize::tokenize(&doc.text);
        doc.sentences = structure::sentences(&doc.text, &doc.lines);
    }
    docs
}

/// [`read_owned_documents`] without tokens and sentences: lines, boilerplate,
/// title and outlet only. For the search-only index, which reads each text's
/// tokens as it goes ([`tokenize::for_each_token`]) and tokenizes again the
/// few articles a query shows ([`Document::tokenized`]).
pub fn read_untokenized_documents(texts: Vec<String>) -> Vec<Document> {
    let mut docs: Vec<Document> = texts
        .into_iter()
        .map(|text| {
            let lines = structure::lines(&text);
            Document { text, tokens: Vec::new(), lines, sentences: Vec::new(), boilerplate: Vec::new(), title: None, outlet: None }
        })
        .collect();
    structure::detect_boilerplate(&mut docs);
    for doc in &mut docs {
        doc.title = doc.lines.iter().copied().find(|l| !doc.boilerplate.iter().any(|b| b.span.overlaps(l)));
    }
    docs
}

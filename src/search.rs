//! Stage 5: search over the articles.

use crate::model::Analysis;
use crate::text::Document;
use serde::Serialize;

/// The search index of a corpus.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {}

/// The answer to one query (INTERFACE.md, "Search from the command line").
#[derive(Clone, Debug, Serialize)]
pub struct SearchResponse {
    /// The query as given.
    pub query: String,
    /// Time taken, in microseconds (measured by the caller).
    pub took_us: u64,
    /// Ranked results.
    pub results: Vec<SearchHit>,
}

/// One ranked result.
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    /// Article id.
    pub article: String,
    /// Relevance score.
    pub score: f32,
    /// Escaped HTML of the best passage; only `<mark>` is markup.
    pub snippet: String,
    /// Passage start (scalars).
    pub start: usize,
    /// Passage end (scalars, exclusive).
    pub end: usize,
}

impl SearchIndex {
    /// Index the documents.
    pub fn build(docs: &[Document], analysis: &Analysis) -> SearchIndex {
        let _ = (docs, analysis);
        SearchIndex {}
    }

    /// Ranked results for `query`, at most `limit`.
    pub fn search(&self, docs: &[Document], analysis: &Analysis, query: &str, limit: usize) -> Vec<SearchHit> {
        let _ = (docs, analysis, query, limit);
        Vec::new()
    }
}

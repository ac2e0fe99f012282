//! The JSON contract of INTERFACE.md, as serde types. Offsets here are Unicode
//! scalar values (`start`/`end`) plus UTF-16 units (`start16`/`end16`) for the DOM.

use serde::{Deserialize, Serialize};

/// One article given to [`crate::analyze`].
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ArticleInput {
    /// A stable identifier (the CLI uses the file name).
    pub id: String,
    /// The raw text.
    pub text: String,
    /// A publication date given by the caller, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dct: Option<String>,
    /// When the text was extracted from a web page: that page's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageMeta>,
}

/// What a web page says about its article (`text::html`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct PageMeta {
    /// The publication date, `YYYY-MM-DD`, from JSON-LD or meta tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The outlet (JSON-LD publisher, `og:site_name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The author or authors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// The whole analysis of a set of articles.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Analysis {
    /// Per-article results, in input order.
    pub articles: Vec<ArticleAnalysis>,
    /// Every entity, linked across articles, most mentioned first.
    pub entities: Vec<EntityRecord>,
    /// Dated events, oldest first, merged across articles.
    pub timeline: Vec<TimelineItem>,
}

/// The results for one article.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ArticleAnalysis {
    /// The article's id.
    pub id: String,
    /// Its headline.
    pub title: String,
    /// The outlet, when the page or the text names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The author, when the page names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// For an article extracted from HTML: the text that the offsets count in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Its publication date and where it came from.
    pub dct: Dct,
    /// Boilerplate regions.
    pub boilerplate: Vec<BoilerplateOut>,
    /// Entity mentions, in text order.
    pub entities: Vec<MentionOut>,
    /// Time expressions, in text order.
    pub timexes: Vec<TimexOut>,
    /// Quotations and their speakers (not produced yet).
    pub quotes: Vec<QuoteOut>,
}

/// A publication date (document creation time).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Dct {
    /// `YYYY-MM-DD`, or null when nothing supports one.
    pub value: Option<String>,
    /// `metadata`, `text`, `inferred`, `given` or `none`.
    pub source: &'static str,
}

/// A boilerplate region.
#[derive(Clone, Debug, Serialize)]
pub struct BoilerplateOut {
    /// Start (scalars).
    pub start: usize,
    /// End (scalars, exclusive).
    pub end: usize,
    /// UTF-16 start.
    pub start16: usize,
    /// UTF-16 end.
    pub end16: usize,
    /// `masthead`, `related`, `tags`, `source` or `byline`.
    pub kind: crate::text::BoilerplateKind,
}

/// One mention of an entity.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MentionOut {
    /// Start (scalars).
    pub start: usize,
    /// End (scalars, exclusive).
    pub end: usize,
    /// UTF-16 start.
    pub start16: usize,
    /// UTF-16 end.
    pub end16: usize,
    /// The raw text of the span.
    pub text: String,
    /// `PER`, `LOC` or `ORG`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The linked entity's id.
    pub entity: String,
}

/// One time expression.
#[derive(Clone, Debug, Serialize)]
pub struct TimexOut {
    /// Start (scalars).
    pub start: usize,
    /// End (scalars, exclusive).
    pub end: usize,
    /// UTF-16 start.
    pub start16: usize,
    /// UTF-16 end.
    pub end16: usize,
    /// The raw text of the span.
    pub text: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value, or null when it cannot be known.
    pub value: Option<String>,
}

/// A quotation.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteOut {
    /// Start (scalars).
    pub start: usize,
    /// End (scalars, exclusive).
    pub end: usize,
    /// The speaker's entity id.
    pub speaker: Option<String>,
}

/// An entity linked across the set.
#[derive(Clone, Debug, Serialize)]
pub struct EntityRecord {
    /// Stable id (a slug of the English name when known).
    pub id: String,
    /// `PER`, `LOC` or `ORG`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Canonical Arabic name.
    pub name: String,
    /// English name, when known.
    pub name_en: Option<String>,
    /// Every spelling seen in the articles.
    pub aliases: Vec<String>,
    /// Number of mentions outside boilerplate.
    pub mentions: usize,
    /// Ids of the articles that mention it.
    pub articles: Vec<String>,
    /// Its mentions in each of `articles`, in the same order.
    pub article_mentions: Vec<usize>,
    /// How central it is to the set: each mention counts 1, in a headline 3,
    /// in an article's first sentence 2 (the page sorts entities by it).
    pub salience: usize,
}

/// One event of the timeline.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineItem {
    /// Stable within one analysis (`e1`, `e2`, …).
    pub id: String,
    /// TIMEX3 DATE value.
    pub value: String,
    /// A short label: the trigger sentence, shortened.
    pub label: String,
    /// Participants' entity ids.
    pub entities: Vec<String>,
    /// Every source sentence.
    pub mentions: Vec<EventMention>,
}

/// A sentence that reports an event.
#[derive(Clone, Debug, Serialize)]
pub struct EventMention {
    /// Article id.
    pub article: String,
    /// Start (scalars).
    pub start: usize,
    /// End (scalars, exclusive).
    pub end: usize,
    /// UTF-16 start.
    pub start16: usize,
    /// UTF-16 end.
    pub end16: usize,
}

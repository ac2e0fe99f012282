//! Mirsad (مِرصاد, "lookout"): Arabic news analysis that runs in the browser.
//!
//! # Overview
//! A set of articles goes through one pipeline, a module per stage:
//!
//! 1. [`text`]: raw text → tokens, lines, sentences, title, boilerplate;
//! 2. [`entities`]: people, places and organisations, linked across spellings and articles;
//! 3. [`time`]: time expressions with TIMEX3 values, and each article's publication date;
//! 4. [`timeline`]: dated events, merged across articles;
//! 5. [`search`]: an Arabic-aware inverted index over the articles;
//! 6. [`render`]: escaped HTML of an article with its highlights, and the timeline's SVG.
//!
//! [`Corpus`] runs the pipeline once and answers the page's questions. The same
//! library runs natively (the `mirsad` command) and in WebAssembly (`wasm.rs`, the
//! only file that knows about JavaScript). Offsets are bytes inside the library and
//! leave it as Unicode scalars and UTF-16 units ([`offsets`]).
//!
//! ```
//! use mirsad::{analyze, ArticleInput};
//! let article = ArticleInput { id: "a".into(), text: "زار الرئيس الروسي فلاديمير بوتين بيونغ يانغ.".into(), dct: None, page: None };
//! let analysis = analyze(&[article]).unwrap();
//! assert!(analysis.articles[0].entities.iter().any(|m| m.text == "فلاديمير بوتين"));
//! ```
#![deny(missing_docs)]
#![deny(unsafe_code)]

/// A data file under `data/`, compiled in without its `#` comment lines (build.rs).
#[macro_export]
#[doc(hidden)]
macro_rules! data_file {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/data/", $name))
    };
}

pub mod entities;
pub mod error;
pub mod export;
mod leb128;
pub mod model;
pub mod offsets;
pub mod render;
pub mod search;
pub mod text;
pub mod time;
pub mod timeline;
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)] // wasm-bindgen's generated glue
mod wasm;

pub use error::Error;
pub use model::{Analysis, ArticleInput};

use model::*;
use offsets::OffsetIndex;
use text::Document;
use time::Date;

/// Everything the pipeline knows about a set of articles.
pub struct Corpus {
    /// The articles after the text stage, in input order.
    pub docs: Vec<Document>,
    /// Offset converters, one per article.
    pub offsets: Vec<OffsetIndex>,
    /// Entity mentions per article (byte spans).
    pub mentions: Vec<Vec<entities::Mention>>,
    /// Time expressions per article (byte spans).
    pub timexes: Vec<Vec<time::Timex>>,
    /// The contract's analysis.
    pub analysis: Analysis,
    /// The search index.
    pub index: search::SearchIndex,
}

/// Articles indexed for search only, with no analysis: what a reader adds to
/// an archive, or a set too large to analyse in the page. Ranks as [`Corpus`]
/// does, less the entity-aware part.
pub struct TextIndex {
    docs: Vec<Document>,
    analysis: Analysis,
    index: search::SearchIndex,
}

impl TextIndex {
    /// Index the articles (their text, title, publication date if given, outlet if stated).
    pub fn new(inputs: Vec<ArticleInput>) -> Result<TextIndex, Error> {
        let given = checked_inputs(&inputs)?;
        let (ids, texts): (Vec<String>, Vec<String>) = inputs.into_iter().map(|a| (a.id, a.text)).unzip();
        let docs = text::read_untokenized_documents(texts);
        let articles = ids
            .into_iter()
            .zip(&docs)
            .zip(given)
            .map(|((id, doc), dct)| {
                let mut out = ArticleAnalysis { id, outlet: doc.outlet.clone(), ..Default::default() };
                out.dct.value = dct.map(|d| d.iso());
                out
            })
            .collect();
        let analysis = Analysis { articles, ..Default::default() };
        let index = search::SearchIndex::build_untokenized(&docs, &analysis);
        Ok(TextIndex { docs, analysis, index })
    }

    /// Ranked search results within the filters.
    pub fn search(&self, query: &str, filters: &search::Filters, limit: usize) -> Vec<search::SearchHit> {
        self.index.search_untokenized(&self.docs, &self.analysis, query, filters, limit)
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when it holds no article.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// The inputs checked against the limits ([`error`]), and the publication date
/// each is given (a given date that is no date is an error).
fn checked_inputs(inputs: &[ArticleInput]) -> Result<Vec<Option<Date>>, Error> {
    let total: usize = inputs.iter().map(|a| a.text.len()).sum();
    if total > error::MAX_TOTAL_BYTES {
        return Err(Error::set_too_large(total));
    }
    let mut given = Vec::with_capacity(inputs.len());
    for a in inputs {
        error::check_text(&a.id, &a.text)?;
        given.push(match a.dct.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => Some(Date::parse(d).ok_or_else(|| Error::bad_date(&a.id, d))?),
        });
    }
    Ok(given)
}

/// Analyse a set of articles (the JSON of INTERFACE.md).
pub fn analyze(inputs: &[ArticleInput]) -> Result<Analysis, Error> {
    Ok(Corpus::new(inputs)?.analysis)
}

/// The pipeline's stages in order, as [`Corpus::with_progress`] reports them.
pub const STAGES: [&str; 5] = ["text", "entities", "time", "timeline", "index"];

impl Corpus {
    /// Run the whole pipeline. Fails only on input the limits refuse
    /// (see [`error`]); any text within them gives an analysis.
    pub fn new(inputs: &[ArticleInput]) -> Result<Corpus, Error> {
        Corpus::with_progress(inputs, &mut |_| {})
    }

    /// [`Corpus::new`], calling `progress(stage)` as each of [`STAGES`] begins
    /// (a page shows it for large inputs: the stages are whole-set passes).
    pub fn with_progress(inputs: &[ArticleInput], progress: &mut dyn FnMut(&'static str)) -> Result<Corpus, Error> {
        let given = checked_inputs(inputs)?;
        progress(STAGES[0]);
        let texts: Vec<&str> = inputs.iter().map(|a| a.text.as_str()).collect();
        let docs = text::read_documents(&texts);
        let offsets: Vec<OffsetIndex> = docs.iter().map(|d| OffsetIndex::new(&d.text)).collect();

        // Publication dates: given, else the page's metadata, else stated, else inferred.
        let dcts: Vec<(Option<Date>, &'static str)> = docs
            .iter()
            .zip(&given)
            .zip(inputs)
            .map(|((doc, given), input)| {
                let metadata = || input.page.as_ref().and_then(|p| p.published.as_deref()).and_then(Date::parse);
                given
                    .map(|d| (d, "given"))
                    .or_else(|| metadata().map(|d| (d, "metadata")))
                    .or_else(|| time::stated_publication_date(doc).map(|d| (d, "text")))
                    .or_else(|| time::inferred_publication_date(doc).map(|d| (d, "inferred")))
                    .map_or((None, "none"), |(d, source)| (Some(d), source))
            })
            .collect();

        progress(STAGES[1]);
        let mut mentions = entities::recognize(&docs);
        let ids: Vec<String> = inputs.iter().map(|a| a.id.clone()).collect();
        let records = entities::link(&docs, &mut mentions, &ids);

        // An article with no publication date of its own may be dated by the events
        // the others date; then its relative expressions are resolved.
        progress(STAGES[2]);
        let recognized: Vec<time::Recognized> = docs.iter().map(time::recognize_timexes).collect();
        let mut dcts = dcts;
        let own: Vec<Option<Date>> = dcts.iter().map(|(d, _)| *d).collect();
        if own.iter().any(Option::is_none) && own.iter().any(Option::is_some) {
            for (slot, found) in dcts.iter_mut().zip(timeline::infer_dcts(&docs, &mentions, &recognized, &own)) {
                if let Some(d) = found {
                    *slot = (Some(d), "inferred");
                }
            }
        }
        let timexes: Vec<Vec<time::Timex>> = recognized.iter().zip(&dcts).map(|(r, (dct, _))| r.resolve(*dct)).collect();

        let mut articles = Vec::with_capacity(docs.len());
        for (i, doc) in docs.iter().enumerate() {
            let ox = &offsets[i];
            let input = &inputs[i];
            let (dct, source) = dcts[i];
            articles.push(ArticleAnalysis {
                id: input.id.clone(),
                title: doc.title.map(|t| doc.slice(t).to_string()).unwrap_or_default(),
                outlet: input.page.as_ref().and_then(|p| p.publisher.clone()).or_else(|| doc.outlet.clone()),
                author: input.page.as_ref().and_then(|p| p.author.clone()),
                text: input.page.as_ref().map(|_| input.text.clone()),
                dct: Dct { value: dct.map(|d| d.iso()), source },
                boilerplate: doc
                    .boilerplate
                    .iter()
                    .map(|b| {
                        let s = ox.span(b.span);
                        BoilerplateOut { start: s.start, end: s.end, start16: s.start16, end16: s.end16, kind: b.kind }
                    })
                    .collect(),
                entities: mentions[i]
                    .iter()
                    .filter_map(|m| {
                        let s = ox.span(m.span);
                        Some(MentionOut {
                            start: s.start,
                            end: s.end,
                            start16: s.start16,
                            end16: s.end16,
                            text: doc.slice(m.span).to_string(),
                            kind: m.kind.as_str().to_string(),
                            entity: records.get(m.entity?)?.id.clone(),
                        })
                    })
                    .collect(),
                timexes: timexes[i]
                    .iter()
                    .map(|t| {
                        let s = ox.span(t.span);
                        TimexOut {
                            start: s.start,
                            end: s.end,
                            start16: s.start16,
                            end16: s.end16,
                            text: doc.slice(t.span).to_string(),
                            kind: t.kind.as_str().to_string(),
                            value: t.value.clone(),
                        }
                    })
                    .collect(),
                quotes: Vec::new(),
            });
        }
        progress(STAGES[3]);
        let final_dcts: Vec<Option<Date>> = dcts.iter().map(|(d, _)| *d).collect();
        let timeline = timeline::build(&docs, &offsets, inputs, &mentions, &records, &timexes, &recognized, &final_dcts);
        let analysis = Analysis { articles, entities: records, timeline };
        progress(STAGES[4]);
        let index = search::SearchIndex::build(&docs, &analysis);
        Ok(Corpus { docs, offsets, mentions, timexes, analysis, index })
    }

    /// The article's text as escaped HTML with its highlights; `event` highlights
    /// that event's source sentences, `entity` marks that entity's mentions.
    pub fn article_html(&self, id: &str, event: Option<&str>, entity: Option<&str>) -> Option<String> {
        let i = self.position(id)?;
        let ox = self.offsets.get(i)?;
        let passages = event
            .and_then(|e| self.analysis.timeline.iter().find(|t| t.id == e))
            .map(|t| {
                t.mentions
                    .iter()
                    .filter(|m| m.article == id)
                    .map(|m| offsets::Span::new(ox.byte_of_scalar(m.start), ox.byte_of_scalar(m.end)))
                    .collect()
            })
            .unwrap_or_default();
        let view = render::ArticleView {
            mentions: &self.mentions[i],
            records: &self.analysis.entities,
            timexes: &self.timexes[i],
            passages,
            selected_entity: entity,
        };
        Some(render::article_html(&self.docs[i], &view))
    }

    /// The timeline as SVG.
    pub fn timeline_svg(&self, view: &render::TimelineView) -> String {
        render::timeline_svg(&self.analysis.timeline, view)
    }

    /// The timeline's overview strip (see [`render::timeline_overview`]).
    pub fn timeline_overview_svg(&self, width: usize, entity: Option<&str>, window: Option<&str>, ltr: bool) -> String {
        render::timeline_overview::overview_svg(&self.analysis.timeline, entity, window, width, ltr)
    }

    /// The timeline's window after a zoom or a pan, as the page keeps it
    /// (empty: every event).
    pub fn timeline_zoom(&self, zoom: render::timeline_overview::Zoom, entity: Option<&str>, window: Option<&str>) -> String {
        render::timeline_overview::zoom_window(&self.analysis.timeline, entity, window, zoom)
            .map(render::timeline_overview::window_value)
            .unwrap_or_default()
    }

    /// Who appears with whom (sentences naming both) as an SVG matrix.
    pub fn cooccurrence_svg(&self, view: &render::CooccurrenceView) -> String {
        let pairs = entities::cooccur::count_pairs(&self.docs, &self.mentions);
        render::cooccurrence_svg(&self.analysis.entities, &pairs, view)
    }

    /// Ranked search results.
    pub fn search(&self, query: &str, limit: usize) -> Vec<search::SearchHit> {
        self.index.search(&self.docs, &self.analysis, query, limit)
    }

    /// Ranked search results within the filters (entity, type, outlet, dates).
    pub fn search_filtered(&self, query: &str, filters: &search::Filters, limit: usize) -> Vec<search::SearchHit> {
        self.index.search_filtered(&self.docs, &self.analysis, query, filters, limit)
    }

    /// The search archive of a set too large to analyse at once
    /// (`mirsad index`): analysed `batch` articles at a time (entities are
    /// linked within a batch, then by id across batches), indexed as one.
    /// `progress(done, total)` is called after each batch. Returns the
    /// archive's files ([`search::archive`]).
    pub fn archive(inputs: &[ArticleInput], batch: usize, progress: &mut dyn FnMut(usize, usize)) -> Result<Vec<(String, Vec<u8>)>, Error> {
        let mut docs = Vec::with_capacity(inputs.len());
        let mut articles = Vec::with_capacity(inputs.len());
        let mut entities: std::collections::HashMap<String, EntityRecord> = std::collections::HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for chunk in inputs.chunks(batch.max(1)) {
            let corpus = Corpus::new(chunk)?;
            docs.extend(corpus.docs);
            articles.extend(corpus.analysis.articles);
            for record in corpus.analysis.entities {
                match entities.get_mut(&record.id) {
                    Some(known) => {
                        for alias in std::iter::once(record.name).chain(record.aliases) {
                            if alias != known.name && !known.aliases.contains(&alias) {
                                known.aliases.push(alias);
                            }
                        }
                        known.mentions += record.mentions;
                        known.salience += record.salience;
                        known.articles.extend(record.articles);
                        known.article_mentions.extend(record.article_mentions);
                    }
                    None => {
                        order.push(record.id.clone());
                        entities.insert(record.id.clone(), record);
                    }
                }
            }
            progress(articles.len(), inputs.len());
        }
        let mut records: Vec<EntityRecord> = order.iter().filter_map(|id| entities.remove(id)).collect();
        records.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
        let analysis = Analysis { articles, entities: records, timeline: Vec::new() };
        let index = search::SearchIndex::build(&docs, &analysis);
        Ok(search::archive::write(&index, &docs, &analysis))
    }

    /// Ids of the articles that mention the entity.
    pub fn articles_mentioning(&self, entity: &str) -> Vec<String> {
        self.analysis.entities.iter().find(|e| e.id == entity).map(|e| e.articles.clone()).unwrap_or_default()
    }

    /// Position of the article with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.analysis.articles.iter().position(|a| a.id == id)
    }
}

#[cfg(test)]
mod progress_tests {
    use super::*;

    #[test]
    fn every_stage_is_reported_once_in_order_and_not_for_refused_input() {
        let article = ArticleInput { id: "a".into(), text: "زار بوتين بيونغ يانغ يوم الأربعاء.".into(), dct: Some("2024-06-19".into()), page: None };
        let mut seen = Vec::new();
        Corpus::with_progress(&[article], &mut |s| seen.push(s)).expect("accepted");
        assert_eq!(seen, STAGES);
        let junk = ArticleInput { id: "b".into(), text: "\0".into(), dct: None, page: None };
        seen.clear();
        assert!(Corpus::with_progress(&[junk], &mut |s| seen.push(s)).is_err());
        assert!(seen.is_empty(), "{seen:?}");
    }
}

//! The WebAssembly boundary: the only file that knows about JavaScript.
//!
//! Every export is a thin adapter over the plain-Rust API in `lib.rs`. Errors
//! become JS exceptions (`JsError`) with the library's message; nothing here
//! panics on input (a panic would poison the instance for the whole page).
//!
//! JS API (see README.md):
//! - `analyze(articles)` → the analysis object of INTERFACE.md;
//! - `articleFromPage(id, events)` → an article from a parsed news page;
//! - `decodeArticle(id, bytes)` → a file's text, or an error saying why it is not an article's;
//! - `new Corpus(articles, progress?)` then `.analysis()`, `.analysisJson()`, `.search(q, limit)`,
//!   `.articleHtml(id, event?, entity?)`, `.timelineSvg(width, selected?, entity?, ltr, window?)`,
//!   `.timelineOverviewSvg(width, entity?, window?, ltr)`, `.timelineZoom(zoom, entity?, window?)`, `.cooccurrenceSvg(width, selected?, ltr)`, `.export(format)`,
//!   `.articlesMentioning(entityId)`;
//! `articles` is an array of `{id, text, dct?}`.

use crate::model::ArticleInput;
use crate::render::{CooccurrenceView, TimelineView};
use crate::search::SearchResponse;
use crate::Corpus;
use serde::Serialize;
use wasm_bindgen::prelude::*;

type JsResult<T> = Result<T, JsError>;

/// The analysis as a JS object, through its JSON text: one serializer for the
/// analysis in the wasm (serde_json's, which `analysisJson` needs anyway) instead
/// of two (serde-wasm-bindgen's for the analysis cost 1.5 KB gzip).
fn analysis_to_js(analysis: &crate::Analysis) -> JsResult<JsValue> {
    let json = analysis_json(analysis)?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot convert the analysis"))
}

fn analysis_json(analysis: &crate::Analysis) -> JsResult<String> {
    serde_json::to_string_pretty(analysis).map_err(|e| JsError::new(&e.to_string()))
}

fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}

/// Field `name` of a JS object: a string, absent (undefined or null), or an error
/// naming `at.name`.
fn string_field(obj: &JsValue, name: &str, at: &str) -> JsResult<Option<String>> {
    let v = js_sys::Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| JsError::new(&format!("{at}.{name} must be a string")))
}

/// `[{id, text, dct?, page?: {published?, publisher?, author?}}]`, read field by
/// field (serde's deserializer would add 10 KB gzip of wasm, float formatting
/// for its error messages included).
fn articles_from_js(articles: JsValue) -> JsResult<Vec<ArticleInput>> {
    let list: &js_sys::Array = articles.dyn_ref().ok_or_else(|| JsError::new("articles must be an array of {id, text, dct?}"))?;
    let mut out = Vec::with_capacity(list.length() as usize);
    for (i, item) in list.iter().enumerate() {
        let at = format!("articles[{i}]");
        if !item.is_object() {
            return Err(JsError::new(&format!("{at} must be an object {{id, text, dct?}}")));
        }
        let required = |name: &str| string_field(&item, name, &at)?.ok_or_else(|| JsError::new(&format!("{at}.{name} is missing")));
        let page = js_sys::Reflect::get(&item, &JsValue::from_str("page")).unwrap_or(JsValue::UNDEFINED);
        let page = if page.is_object() {
            let at = format!("{at}.page");
            Some(crate::model::PageMeta {
                published: string_field(&page, "published", &at)?,
                publisher: string_field(&page, "publisher", &at)?,
                author: string_field(&page, "author", &at)?,
            })
        } else {
            None
        };
        out.push(ArticleInput { id: required("id")?, text: required("text")?, dct: string_field(&item, "dct", &at)?, page });
    }
    Ok(out)
}

fn filters_from_js(filters: JsValue) -> JsResult<crate::search::Filters> {
    if filters.is_undefined() || filters.is_null() {
        return Ok(crate::search::Filters::default());
    }
    // Read field by field (a serde visitor for five strings costs kilobytes of wasm).
    let field = |name: &str| -> JsResult<Option<String>> {
        let v = js_sys::Reflect::get(&filters, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| JsError::new(&format!("filters.{name} must be a string")))
    };
    if !filters.is_object() {
        return Err(JsError::new("filters must be {entity?, type?, outlet?, from?, to?}"));
    }
    let filters = crate::search::Filters {
        entity: field("entity")?,
        kind: field("type")?,
        outlet: field("outlet")?,
        from: field("from")?,
        to: field("to")?,
    };
    filters.check().map_err(|e| JsError::new(&e))?;
    Ok(filters)
}

/// A search's answer, `took_us` counted from `t0` ([`now_ms`]).
fn response(query: &str, t0: f64, results: Vec<crate::search::SearchHit>) -> JsResult<JsValue> {
    let took_us = ((now_ms() - t0) * 1000.0).max(0.0) as u64;
    to_js(&SearchResponse { query: query.to_string(), took_us, results })
}

/// Milliseconds from the host's monotonic clock (`performance.now()`), or 0.
fn now_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &JsValue::from_str("performance"))
        .ok()
        .filter(|p| !p.is_undefined())
        .and_then(|perf| {
            let now = js_sys::Reflect::get(&perf, &JsValue::from_str("now")).ok()?;
            let now: js_sys::Function = now.dyn_into().ok()?;
            now.call0(&perf).ok()?.as_f64()
        })
        .unwrap_or(0.0)
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Analyse articles `[{id, text, dct?}]`: the JSON of INTERFACE.md as an object.
#[wasm_bindgen]
pub fn analyze(articles: JsValue) -> JsResult<JsValue> {
    let inputs = articles_from_js(articles)?;
    let analysis = crate::analyze(&inputs).map_err(|e| JsError::new(&e.to_string()))?;
    analysis_to_js(&analysis)
}

/// The text of a file's bytes, checked as an article is (valid UTF-8, not
/// binary, within the size limit); throws a message naming `id` otherwise.
#[wasm_bindgen(js_name = decodeArticle)]
pub fn decode_article(id: &str, bytes: &[u8]) -> JsResult<String> {
    crate::error::decode_article(id, bytes).map_err(|e| JsError::new(&e.to_string()))
}

/// Read `text::html` events from the JS arrays of `pageEvents`, by hand: an
/// untagged serde enum would cost more wasm than this whole function.
fn events_from_js(events: &JsValue) -> Option<Vec<crate::text::html::HtmlEvent>> {
    use crate::text::html::HtmlEvent;
    let list: &js_sys::Array = events.dyn_ref()?;
    let mut out = Vec::with_capacity(list.length() as usize);
    for ev in list.iter() {
        out.push(if let Some(text) = ev.as_string() {
            HtmlEvent::Text(text)
        } else if ev.as_f64().is_some() {
            HtmlEvent::Close
        } else {
            let open: &js_sys::Array = ev.dyn_ref()?;
            HtmlEvent::Open(open.iter().map(|v| v.as_string()).collect::<Option<Vec<String>>>()?)
        });
    }
    Some(out)
}

/// A news page as the events of `text::html` (the page's `pageEvents` walks a DOM
/// that the browser parsed) → the article `{id, text, page: {published, publisher,
/// author}}` to give to `Corpus`. Throws when the page has no article text.
#[wasm_bindgen(js_name = articleFromPage)]
pub fn article_from_page(id: &str, events: JsValue) -> JsResult<JsValue> {
    let events = events_from_js(&events).ok_or_else(|| JsError::new(&format!("{id}: the page events are malformed")))?;
    let article = crate::text::html::article_from_events(id, &events).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&article)
}

/// Articles indexed for search only (no analysis): fast to build for thousands.
#[wasm_bindgen(js_name = SearchIndex)]
pub struct JsSearchIndex {
    inner: crate::TextIndex,
}

#[wasm_bindgen(js_class = SearchIndex)]
impl JsSearchIndex {
    /// Index `[{id, text, dct?}]`.
    #[wasm_bindgen(constructor)]
    pub fn new(articles: JsValue) -> JsResult<JsSearchIndex> {
        let articles = articles_from_js(articles)?;
        let inner = crate::TextIndex::new(articles).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(JsSearchIndex { inner })
    }

    /// As `Corpus.search`: `{query, took_us, results}`.
    pub fn search(&self, query: &str, limit: usize, filters: JsValue) -> JsResult<JsValue> {
        let filters = filters_from_js(filters)?;
        let t0 = now_ms();
        response(query, t0, self.inner.search(query, &filters, limit))
    }

    /// Number of articles.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }
}

/// A search archive written by `mirsad index`, searched by loading only the
/// files each query needs: `Archive.open(indexBinBytes)`, then
/// `search(q, limit, filters?)` answers `{fetch: [paths]}` until the caller has
/// given every file with `load(path, bytes)`, then `{query, took_us, results}`.
#[wasm_bindgen(js_name = Archive)]
pub struct JsArchive {
    inner: crate::search::archive::Archive,
}

#[wasm_bindgen(js_class = Archive)]
impl JsArchive {
    /// Open from the bytes of the index's `index.bin`.
    pub fn open(index: &[u8]) -> JsResult<JsArchive> {
        crate::search::archive::Archive::open(index).map(|inner| JsArchive { inner }).map_err(|e| JsError::new(&e))
    }

    /// Give a file that a `fetch` answer named.
    pub fn load(&mut self, file: &str, bytes: &[u8]) -> JsResult<()> {
        self.inner.load(file, bytes).map_err(|e| JsError::new(&e))
    }

    /// `{fetch: [paths]}` or `{query, took_us, results}`.
    pub fn search(&mut self, query: &str, limit: usize, filters: JsValue) -> JsResult<JsValue> {
        #[derive(Serialize)]
        struct Fetch {
            fetch: Vec<String>,
        }
        let filters = filters_from_js(filters)?;
        let t0 = now_ms();
        match self.inner.search(query, &filters, limit).map_err(|e| JsError::new(&e))? {
            crate::search::archive::Step::Fetch(fetch) => to_js(&Fetch { fetch }),
            crate::search::archive::Step::Done(results) => response(query, t0, results),
        }
    }

    /// Number of articles in the archive.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// A loaded article (one a result named): `{id, title, dct, outlet, text}`, or undefined.
    pub fn article(&self, id: &str) -> JsResult<JsValue> {
        #[derive(Serialize)]
        struct Article<'a> {
            id: &'a str,
            title: &'a str,
            dct: Option<&'a str>,
            outlet: Option<&'a str>,
            text: &'a str,
        }
        match self.inner.article(id) {
            None => Ok(JsValue::UNDEFINED),
            Some((text, a)) => {
                to_js(&Article { id: &a.id, title: &a.title, dct: a.dct.value.as_deref(), outlet: a.outlet.as_deref(), text })
            }
        }
    }
}

/// An analysed set of articles that the page queries.
#[wasm_bindgen(js_name = Corpus)]
pub struct JsCorpus {
    inner: Corpus,
}

#[wasm_bindgen(js_class = Corpus)]
impl JsCorpus {
    /// Analyse `[{id, text, dct?}]`; throws with a specific message on refused input.
    /// `progress` (optional) is called with each stage's name as it begins
    /// (`text`, `entities`, `time`, `timeline`, `index`) and its number from 0.
    #[wasm_bindgen(constructor)]
    pub fn new(articles: JsValue, progress: Option<js_sys::Function>) -> JsResult<JsCorpus> {
        let inputs = articles_from_js(articles)?;
        let mut report = |stage: &'static str| {
            if let Some(f) = &progress {
                let n = crate::STAGES.iter().position(|s| *s == stage).unwrap_or(0);
                // A throwing callback must not stop the analysis.
                let _ = f.call2(&JsValue::NULL, &JsValue::from_str(stage), &JsValue::from(n as u32));
            }
        };
        let inner = Corpus::with_progress(&inputs, &mut report).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(JsCorpus { inner })
    }

    /// The analysis object (INTERFACE.md).
    pub fn analysis(&self) -> JsResult<JsValue> {
        analysis_to_js(&self.inner.analysis)
    }

    /// The analysis as a JSON string, byte for byte what `mirsad analyze --json` prints.
    #[wasm_bindgen(js_name = analysisJson)]
    pub fn analysis_json(&self) -> JsResult<String> {
        analysis_json(&self.inner.analysis)
    }

    /// `{query, took_us, results: [{article, score, snippet, start, end}]}`.
    /// `filters` (optional): `{entity?, type?, outlet?, from?, to?}`.
    pub fn search(&self, query: &str, limit: usize, filters: JsValue) -> JsResult<JsValue> {
        let filters = filters_from_js(filters)?;
        let t0 = now_ms();
        response(query, t0, self.inner.search_filtered(query, &filters, limit))
    }

    /// Escaped HTML of an article with its highlights, or undefined for an unknown id.
    #[wasm_bindgen(js_name = articleHtml)]
    pub fn article_html(&self, id: &str, event: Option<String>, entity: Option<String>) -> Option<String> {
        self.inner.article_html(id, event.as_deref(), entity.as_deref())
    }

    /// The analysis in another format: `timelinejs` (TimelineJS3 JSON),
    /// `timeline-csv`, `entities-csv` or `entities-json`.
    pub fn export(&self, format: &str) -> JsResult<String> {
        match format {
            "timelinejs" => Ok(crate::export::timelinejs(&self.inner)),
            "timeline-csv" => Ok(crate::export::timeline_csv(&self.inner.analysis)),
            "entities-csv" => Ok(crate::export::entities_csv(&self.inner.analysis)),
            "entities-json" => Ok(crate::export::entities_json(&self.inner.analysis)),
            other => Err(JsError::new(&format!("unknown export format {other:?}: timelinejs, timeline-csv, entities-csv or entities-json"))),
        }
    }

    /// The timeline as an SVG string.
    #[wasm_bindgen(js_name = timelineSvg)]
    pub fn timeline_svg(&self, width: usize, selected: Option<String>, entity: Option<String>, ltr: bool, window: Option<String>) -> String {
        self.inner.timeline_svg(&TimelineView { width, selected: selected.as_deref(), entity: entity.as_deref(), ltr, window: window.as_deref() })
    }

    /// The overview strip of the timeline: every event, the window as a band.
    #[wasm_bindgen(js_name = timelineOverviewSvg)]
    pub fn timeline_overview_svg(&self, width: usize, entity: Option<String>, window: Option<String>, ltr: bool) -> String {
        self.inner.timeline_overview_svg(width, entity.as_deref(), window.as_deref(), ltr)
    }

    /// The window after `zoom` (`in`, `out`, `earlier`, `later`, `all`, `at:N` with N
    /// the press's place on the strip's time axis in ten-thousandths); "" for all.
    #[wasm_bindgen(js_name = timelineZoom)]
    pub fn timeline_zoom(&self, zoom: &str, entity: Option<String>, window: Option<String>) -> JsResult<String> {
        let zoom = crate::render::timeline_overview::Zoom::parse(zoom)
            .ok_or_else(|| JsError::new(&format!("unknown zoom {zoom:?}: in, out, earlier, later, all or at:0..10000")))?;
        Ok(self.inner.timeline_zoom(zoom, entity.as_deref(), window.as_deref()))
    }

    /// Who appears with whom, as an SVG matrix (empty when no two entities share a sentence).
    #[wasm_bindgen(js_name = cooccurrenceSvg)]
    pub fn cooccurrence_svg(&self, width: usize, selected: Option<String>, ltr: bool) -> String {
        self.inner.cooccurrence_svg(&CooccurrenceView { width, selected: selected.as_deref(), ltr })
    }

    /// Ids of the articles that mention an entity.
    #[wasm_bindgen(js_name = articlesMentioning)]
    pub fn articles_mentioning(&self, entity: &str) -> JsResult<JsValue> {
        to_js(&self.inner.articles_mentioning(entity))
    }
}

//! The WebAssembly boundary: the only file that knows about JavaScript.
//!
//! Every export is a thin adapter over the plain-Rust API in `lib.rs`. Errors
//! become JS exceptions (`JsError`) with the library's message; nothing here
//! panics on input (a panic would poison the instance for the whole page).
//!
//! JS API (see README.md):
//! - `analyze(articles)` → the analysis object of INTERFACE.md;
//! - `new Corpus(articles)` then `.analysis()`, `.analysisJson()`, `.search(q, limit)`,
//!   `.articleHtml(id, event?, entity?)`, `.timelineSvg(width, selected?, entity?, ltr)`,
//!   `.articlesMentioning(entityId)`;
//! `articles` is an array of `{id, text, dct?}`.

use crate::model::ArticleInput;
use crate::render::TimelineView;
use crate::search::SearchResponse;
use crate::Corpus;
use serde::Serialize;
use wasm_bindgen::prelude::*;

type JsResult<T> = Result<T, JsError>;

fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}

fn articles_from_js(articles: JsValue) -> JsResult<Vec<ArticleInput>> {
    serde_wasm_bindgen::from_value(articles)
        .map_err(|e| JsError::new(&format!("articles must be an array of {{id, text, dct?}}: {e}")))
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
    to_js(&analysis)
}

/// An analysed set of articles that the page queries.
#[wasm_bindgen(js_name = Corpus)]
pub struct JsCorpus {
    inner: Corpus,
}

#[wasm_bindgen(js_class = Corpus)]
impl JsCorpus {
    /// Analyse `[{id, text, dct?}]`; throws with a specific message on refused input.
    #[wasm_bindgen(constructor)]
    pub fn new(articles: JsValue) -> JsResult<JsCorpus> {
        let inputs = articles_from_js(articles)?;
        let inner = Corpus::new(&inputs).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(JsCorpus { inner })
    }

    /// The analysis object (INTERFACE.md).
    pub fn analysis(&self) -> JsResult<JsValue> {
        to_js(&self.inner.analysis)
    }

    /// The analysis as a JSON string, byte for byte what `mirsad analyze --json` prints.
    #[wasm_bindgen(js_name = analysisJson)]
    pub fn analysis_json(&self) -> JsResult<String> {
        serde_json::to_string_pretty(&self.inner.analysis).map_err(|e| JsError::new(&e.to_string()))
    }

    /// `{query, took_us, results: [{article, score, snippet, start, end}]}`.
    pub fn search(&self, query: &str, limit: usize) -> JsResult<JsValue> {
        let t0 = now_ms();
        let results = self.inner.search(query, limit);
        let took_us = ((now_ms() - t0) * 1000.0).max(0.0) as u64;
        to_js(&SearchResponse { query: query.to_string(), took_us, results })
    }

    /// Escaped HTML of an article with its highlights, or undefined for an unknown id.
    #[wasm_bindgen(js_name = articleHtml)]
    pub fn article_html(&self, id: &str, event: Option<String>, entity: Option<String>) -> Option<String> {
        self.inner.article_html(id, event.as_deref(), entity.as_deref())
    }

    /// The timeline as an SVG string.
    #[wasm_bindgen(js_name = timelineSvg)]
    pub fn timeline_svg(&self, width: usize, selected: Option<String>, entity: Option<String>, ltr: bool) -> String {
        self.inner.timeline_svg(&TimelineView { width, selected: selected.as_deref(), entity: entity.as_deref(), ltr })
    }

    /// Ids of the articles that mention an entity.
    #[wasm_bindgen(js_name = articlesMentioning)]
    pub fn articles_mentioning(&self, entity: &str) -> JsResult<JsValue> {
        to_js(&self.inner.articles_mentioning(entity))
    }
}

//! HTML input: a news page → the article's text and the page's metadata.
//!
//! Parsing and extraction are separate. A page is first turned into a flat list of
//! [`HtmlEvent`]s (open an element, text, close) by a spec-compliant HTML parser:
//! html5ever natively ([`parse`]), the browser's own `DOMParser` in the page
//! (www/mirsad-explorer.js, `pageEvents`). html5ever compiled to wasm would cost
//! 136 KB gzip, a third of the widget's budget, for a parser the browser already has.
//! [`extract`] then runs the same code on both: JSON-LD `NewsArticle`, Open Graph and
//! meta tags, and the main content (`<article>`, `<main>`, else the densest block),
//! without scripts, styles, navigation, forms and comments. A flat list keeps the
//! walk iterative, so 10,000 nested elements cannot overflow the stack.

use crate::error::Error;
use crate::model::{ArticleInput, PageMeta};

/// One step of a depth-first walk over a parsed page. From JS (wasm.rs): a string
/// is text, a number closes, an array `[name, attr, value, …]` opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HtmlEvent {
    /// Text, entities already decoded by the parser.
    Text(String),
    /// The end of the innermost open non-void element.
    Close,
    /// An element starts: its lower-case name, then attribute name, value, name, value….
    Open(Vec<String>),
}

/// What [`extract`] finds in a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// The article as plain text: the headline on the first line, then one
    /// paragraph a line.
    pub text: String,
    /// The page's metadata (publication date, outlet, author).
    pub meta: PageMeta,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video",
    "audio", "nav", "footer", "aside", "form", "button", "select", "textarea", "input", "label", "dialog", "menu",
];
/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "td",
    "th", "tr", "table", "figcaption", "figure", "section", "article", "main", "header", "br", "hr", "address",
    "body", "html",
];
/// ARIA roles of page furniture.
const SKIPPED_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu"];
/// Words in `class`/`id` values that name page furniture on news sites
/// (share bars, comment threads, related-story rails, ads).
const FURNITURE_WORDS: &[&str] = &[
    "share", "social", "comment", "comments", "related", "newsletter", "advert", "ads", "ad", "breadcrumb",
    "breadcrumbs", "sidebar", "popup", "modal", "cookie", "subscribe", "promo", "sponsored", "outbrain", "taboola",
];
/// JSON-LD types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting",
    "WebPage", "BackgroundNewsArticle", "LiveBlogPosting",
];
/// A block shorter than this (in characters) does not count towards a container's
/// density: bylines, captions, share labels.
const MIN_PARAGRAPH_CHARS: usize = 25;

/// An open element during the walk.
struct Open {
    name: String,
    /// Index of this element in `elements`.
    index: usize,
    skipped: bool,
}

/// One line of text and where it sat.
struct Block {
    text: String,
    /// Indices of the open elements around it, outermost first.
    ancestors: Vec<usize>,
    /// Characters of it inside links.
    link_chars: usize,
    heading: bool,
}

#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    /// Name of every element seen, by index.
    elements: Vec<ElementInfo>,
    title: String,
    meta: Vec<(String, String)>,
    json_ld: Vec<String>,
    time_datetime: Option<String>,
}

struct ElementInfo {
    name: String,
    main_hint: u8,
}

fn attr<'a>(open: &'a [String], name: &str) -> Option<&'a str> {
    open.get(1..)?.chunks(2).find(|kv| kv.first().is_some_and(|k| k.eq_ignore_ascii_case(name))).and_then(|kv| kv.get(1)).map(String::as_str)
}

fn is_furniture(open: &[String]) -> bool {
    if attr(open, "hidden").is_some() || attr(open, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    if attr(open, "role").is_some_and(|r| SKIPPED_ROLES.iter().any(|s| r.eq_ignore_ascii_case(s))) {
        return true;
    }
    ["class", "id"].iter().filter_map(|a| attr(open, a)).any(|v| {
        v.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| FURNITURE_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f)))
    })
}

/// How strongly an element says "the article is here": 3 `itemprop=articleBody`,
/// 2 `<article>`, 1 `<main>` or `role=main`.
fn main_hint(name: &str, open: &[String]) -> u8 {
    if attr(open, "itemprop").is_some_and(|v| v.split_whitespace().any(|w| w == "articleBody")) {
        3
    } else if name == "article" {
        2
    } else if name == "main" || attr(open, "role").is_some_and(|r| r.eq_ignore_ascii_case("main")) {
        1
    } else {
        0
    }
}

fn collapse_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

impl Walk {
    fn run(events: &[HtmlEvent]) -> Walk {
        let mut w = Walk::default();
        let mut stack: Vec<Open> = Vec::new();
        let mut line = String::new();
        let mut link_chars = 0usize;
        // The element whose text we are capturing whole (title, JSON-LD script).
        let mut capture: Option<(usize, String, bool)> = None; // (stack depth, text, is_json_ld)
        for ev in events {
            match ev {
                HtmlEvent::Open(open) => {
                    let name = open.first().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
                    let parent_skipped = stack.last().is_some_and(|o| o.skipped);
                    let index = w.elements.len();
                    w.elements.push(ElementInfo { name: name.clone(), main_hint: main_hint(&name, open) });
                    if name == "meta" {
                        let key = attr(open, "property").or_else(|| attr(open, "name")).or_else(|| attr(open, "itemprop"));
                        if let (Some(k), Some(v)) = (key, attr(open, "content")) {
                            w.meta.push((k.to_ascii_lowercase(), v.to_string()));
                        }
                    }
                    if name == "time" && w.time_datetime.is_none() && !parent_skipped {
                        w.time_datetime = attr(open, "datetime").map(str::to_string);
                    }
                    if name == "title" && w.title.is_empty() && capture.is_none() {
                        capture = Some((stack.len(), String::new(), false));
                    }
                    if name == "script" && attr(open, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
                        capture = Some((stack.len(), String::new(), true));
                    }
                    let skipped = parent_skipped || SKIPPED.contains(&name.as_str()) || name == "title" || is_furniture(open);
                    if BLOCKS.contains(&name.as_str()) && !parent_skipped {
                        w.flush(&mut line, &mut link_chars, &stack);
                    }
                    // Void elements never get a Close event from either parser's walk.
                    if !is_void(&name) {
                        stack.push(Open { name, index, skipped });
                    }
                }
                HtmlEvent::Text(t) => {
                    if let Some((_, buf, _)) = capture.as_mut() {
                        buf.push_str(t);
                    }
                    if stack.last().is_some_and(|o| o.skipped) {
                        continue;
                    }
                    let before = line.chars().count();
                    collapse_into(&mut line, t);
                    if stack.iter().any(|o| o.name == "a") {
                        link_chars += line.chars().count() - before;
                    }
                }
                HtmlEvent::Close => {
                    let Some(open) = stack.pop() else { continue };
                    if capture.as_ref().is_some_and(|(depth, _, _)| *depth == stack.len()) {
                        if let Some((_, text, json)) = capture.take() {
                            if json {
                                w.json_ld.push(text);
                            } else {
                                w.title = text.split_whitespace().collect::<Vec<_>>().join(" ");
                            }
                        }
                    }
                    if BLOCKS.contains(&open.name.as_str()) && !open.skipped {
                        stack.push(open);
                        w.flush(&mut line, &mut link_chars, &stack);
                        stack.pop();
                    }
                }
            }
        }
        w.flush(&mut line, &mut link_chars, &stack);
        w
    }

    fn flush(&mut self, line: &mut String, link_chars: &mut usize, stack: &[Open]) {
        let text = line.trim();
        if !text.is_empty() {
            let heading = stack.iter().rev().find(|o| BLOCKS.contains(&o.name.as_str())).is_some_and(|o| {
                matches!(o.name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            });
            self.blocks.push(Block {
                text: text.to_string(),
                ancestors: stack.iter().map(|o| o.index).collect(),
                link_chars: *link_chars,
                heading,
            });
        }
        line.clear();
        *link_chars = 0;
    }

    fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.meta.iter().find(|(mk, v)| mk == k && !v.trim().is_empty()).map(|(_, v)| v.trim().to_string()))
    }

    /// The element the article sits in: the strongest hint with enough text,
    /// else the element whose paragraphs carry the most text (a parent gets a
    /// paragraph's full weight, a grandparent half, as Readability scores).
    fn main_container(&self) -> Option<usize> {
        let mut text_under = vec![0usize; self.elements.len()];
        let mut score = vec![0f64; self.elements.len()];
        for b in &self.blocks {
            let n = b.text.chars().count();
            for &a in &b.ancestors {
                if let Some(t) = text_under.get_mut(a) {
                    *t += n;
                }
            }
            if n < MIN_PARAGRAPH_CHARS || b.heading {
                continue;
            }
            let weight = n.saturating_sub(2 * b.link_chars) as f64;
            // The innermost ancestor is the paragraph itself; score its parent.
            let mut it = b.ancestors.iter().rev().skip(1);
            if let Some(&p) = it.next() {
                score[p] += weight;
            }
            if let Some(&g) = it.next() {
                score[g] += weight / 2.0;
            }
        }
        let total: usize = self.blocks.iter().map(|b| b.text.chars().count()).sum();
        let hinted = (1..=3u8).rev().find_map(|hint| {
            (0..self.elements.len())
                .filter(|&i| self.elements[i].main_hint == hint && text_under[i] * 4 >= total.min(2000))
                .max_by_key(|&i| text_under[i])
        });
        hinted.or_else(|| (0..score.len()).filter(|&i| score[i] > 0.0).max_by(|&a, &b| score[a].total_cmp(&score[b])))
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta" | "source" | "track" | "wbr"
    )
}

/// The article in a page's JSON-LD: `(headline, datePublished, author, publisher, articleBody)`.
#[derive(Default)]
struct LdArticle {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    body: Option<String>,
}

/// Decode the few character references that sites leave in JSON-LD strings
/// (`&amp;`, `&quot;`, `&#39;`): script content is not decoded by the parser.
fn decode_leftover_references(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }
            .map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn ld_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(decode_leftover_references(s.trim())),
        serde_json::Value::Object(o) => o.get("name").and_then(ld_name),
        serde_json::Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(ld_name).collect();
            (!names.is_empty()).then(|| names.join("، "))
        }
        _ => None,
    }
}

fn ld_article(scripts: &[String]) -> LdArticle {
    // Objects to look at: top-level values, arrays of them, and `@graph` members.
    let mut queue: Vec<serde_json::Value> = scripts.iter().filter_map(|s| serde_json::from_str(s.trim()).ok()).collect();
    let mut seen = 0;
    while let Some(v) = queue.pop() {
        seen += 1;
        if seen > 1000 {
            break;
        }
        match v {
            serde_json::Value::Array(a) => queue.extend(a),
            serde_json::Value::Object(mut o) => {
                if let Some(g) = o.remove("@graph") {
                    queue.push(g);
                }
                let is_article = match o.get("@type") {
                    Some(serde_json::Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                    Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                    _ => false,
                };
                let text = |k: &str| o.get(k).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty()).map(decode_leftover_references);
                if is_article && (o.contains_key("headline") || o.contains_key("datePublished")) {
                    return LdArticle {
                        headline: text("headline").or_else(|| text("name")),
                        published: text("datePublished").or_else(|| text("dateCreated")),
                        author: o.get("author").and_then(ld_name),
                        publisher: o.get("publisher").and_then(ld_name),
                        body: text("articleBody"),
                    };
                }
            }
            _ => {}
        }
    }
    LdArticle::default()
}

/// `2024-06-19T10:00:00+03:00`, `2024-06-19`, `2024/06/19 …` → `2024-06-19` (the
/// date as the page wrote it, in its own time zone).
fn iso_date(value: &str) -> Option<String> {
    let v = value.trim();
    let digits: Vec<&str> = v.get(..10)?.split(['-', '/']).collect();
    match digits.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 && [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) => {
            let date = format!("{y}-{m}-{d}");
            crate::time::Date::parse(&date).map(|_| date)
        }
        _ => None,
    }
}

/// A `<title>` without the site name after a separator (`الخبر | الموقع`).
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if site.is_some_and(|s| tail.trim() == s) || tail.split_whitespace().count() <= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// Extract the article of a parsed page. Fails when the page has no text at all.
pub fn extract(id: &str, events: &[HtmlEvent]) -> Result<HtmlArticle, Error> {
    let walk = Walk::run(events);
    let ld = ld_article(&walk.json_ld);
    let publisher = ld.publisher.clone().or_else(|| walk.meta(&["og:site_name", "application-name", "publisher"]));
    let author = ld.author.clone().or_else(|| walk.meta(&["author", "article:author", "byl", "dc.creator"]));
    let published = ld
        .published
        .as_deref()
        .and_then(iso_date)
        .or_else(|| {
            walk.meta(&["article:published_time", "datepublished", "pubdate", "publish-date", "date", "dc.date.issued", "dc.date", "parsely-pub-date", "sailthru.date", "og:published_time"])
                .as_deref()
                .and_then(iso_date)
        })
        .or_else(|| walk.time_datetime.as_deref().and_then(iso_date));

    let container = walk.main_container();
    let mut lines: Vec<&str> = walk
        .blocks
        .iter()
        .filter(|b| container.is_none_or(|c| b.ancestors.contains(&c)))
        .map(|b| b.text.as_str())
        .collect();
    // A page whose markup hides the text but whose JSON-LD carries it.
    let dom_chars: usize = lines.iter().map(|l| l.chars().count()).sum();
    let ld_body = ld.body.as_deref().filter(|b| b.chars().count() > dom_chars * 2);
    if let Some(body) = ld_body {
        lines = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    }

    let first_h1 = walk
        .blocks
        .iter()
        .find(|b| b.heading && walk.elements.get(*b.ancestors.last().unwrap_or(&usize::MAX)).is_some_and(|e| e.name == "h1"))
        .map(|b| b.text.clone());
    let title = ld
        .headline
        .clone()
        .or_else(|| walk.meta(&["og:title", "twitter:title"]))
        .or(first_h1)
        .or_else(|| (!walk.title.is_empty()).then(|| strip_site_suffix(&walk.title, publisher.as_deref())))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));

    let mut text = String::new();
    if let Some(t) = &title {
        if lines.first().is_none_or(|l| l.trim() != t) {
            text.push_str(t);
            text.push('\n');
        }
    }
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    if text.trim().is_empty() {
        return Err(Error::no_article_text(id));
    }
    Ok(HtmlArticle { text, meta: PageMeta { published, publisher, author } })
}

/// An article from a parsed page, ready for [`crate::Corpus::new`].
pub fn article_from_events(id: &str, events: &[HtmlEvent]) -> Result<ArticleInput, Error> {
    let a = extract(id, events)?;
    Ok(ArticleInput { id: id.to_string(), text: a.text, dct: None, page: Some(a.meta) })
}

/// Parse a page with html5ever (natively; the browser parses its own pages).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(html: &str) -> Vec<HtmlEvent> {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{NodeData, RcDom};
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut events = Vec::new();
    // (node, entered): an explicit stack, so depth costs heap, not call stack.
    let mut stack = vec![(dom.document.clone(), false)];
    while let Some((node, entered)) = stack.pop() {
        if entered {
            events.push(HtmlEvent::Close);
            continue;
        }
        match &node.data {
            NodeData::Text { contents } => events.push(HtmlEvent::Text(contents.borrow().to_string())),
            NodeData::Element { name, attrs, .. } => {
                let mut open = vec![name.local.to_string()];
                for a in attrs.borrow().iter() {
                    open.push(a.name.local.to_string());
                    open.push(a.value.to_string());
                }
                let void = is_void(&open[0]);
                events.push(HtmlEvent::Open(open));
                if !void {
                    stack.push((node.clone(), true));
                }
                for child in node.children.borrow().iter().rev() {
                    stack.push((child.clone(), false));
                }
            }
            NodeData::Document => {
                for child in node.children.borrow().iter().rev() {
                    stack.push((child.clone(), false));
                }
            }
            // Comments, doctypes, processing instructions: not text.
            _ => {}
        }
    }
    events
}

/// Read an HTML page into an article (natively).
#[cfg(not(target_arch = "wasm32"))]
pub fn article_from_html(id: &str, html: &str) -> Result<ArticleInput, Error> {
    article_from_events(id, &parse(html))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="ar" dir="rtl"><head>
<title>بوتين يصل إلى بيونغ يانغ | الموقع</title>
<meta property="og:site_name" content="جريدة المثال">
<meta property="article:published_time" content="2024-06-19T02:00:00+03:00">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
 {"@type":"NewsArticle","headline":"بوتين يصل إلى بيونغ يانغ &amp; يلتقي كيم","datePublished":"2024-06-19T01:30:00+03:00",
  "author":[{"@type":"Person","name":"سارة علي"}],"publisher":{"@type":"Organization","name":"جريدة المثال"}}]}</script>
<style>p { color: red }</style><script>var a = "<p>ليس نصا</p>"; if (a < b) {}</script>
</head><body>
<header><nav><a href="/">الرئيسية</a> <a href="/world">العالم</a></nav></header>
<div class="share-bar">شارك على فيسبوك</div>
<main><article>
<h1>بوتين يصل إلى بيونغ يانغ</h1>
<p>وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ فجر الأربعاء&nbsp;في زيارة تستمر يومين.</p>
<p>واستقبله الزعيم الكوري الشمالي <a href="/kim">كيم جونغ أون</a> في المطار &lt;بحسب الوكالة&gt;.</p>
<!-- تعليق لا يظهر -->
<div class="comments">تعليق: زيارة مهمة جدا جدا جدا للجميع</div>
</article></main>
<aside><p>الأكثر قراءة: خبر آخر لا علاقة له بالزيارة على الإطلاق</p></aside>
<footer>جميع الحقوق محفوظة</footer>
</body></html>"#;

    #[test]
    fn a_news_page_becomes_headline_and_paragraphs() {
        let a = extract("p.html", &parse(PAGE)).unwrap();
        assert_eq!(
            a.text,
            "بوتين يصل إلى بيونغ يانغ & يلتقي كيم\n\
             بوتين يصل إلى بيونغ يانغ\n\
             وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ فجر الأربعاء في زيارة تستمر يومين.\n\
             واستقبله الزعيم الكوري الشمالي كيم جونغ أون في المطار <بحسب الوكالة>.\n"
        );
        assert_eq!(a.meta.published.as_deref(), Some("2024-06-19"));
        assert_eq!(a.meta.publisher.as_deref(), Some("جريدة المثال"));
        assert_eq!(a.meta.author.as_deref(), Some("سارة علي"));
    }

    #[test]
    fn without_metadata_the_densest_block_and_the_title_tag_are_used() {
        let page = "<html><head><title>زلزال يضرب المغرب - موقع</title></head><body>\
            <div id=menu><a href=1>رياضة</a><a href=2>اقتصاد</a><a href=3>سياسة</a></div>\
            <div><div class=story><p>ضرب زلزال قوي منطقة الحوز جنوب مدينة مراكش مساء الجمعة.</p>\
            <p>وقالت وزارة الداخلية المغربية إن عدد الضحايا ارتفع إلى أكثر من ألفي شخص.</p></div>\
            <div class=more><p>خبر قصير</p></div></div></body></html>";
        let a = extract("m.html", &parse(page)).unwrap();
        assert_eq!(
            a.text,
            "زلزال يضرب المغرب\nضرب زلزال قوي منطقة الحوز جنوب مدينة مراكش مساء الجمعة.\n\
             وقالت وزارة الداخلية المغربية إن عدد الضحايا ارتفع إلى أكثر من ألفي شخص.\n"
        );
        assert_eq!(a.meta, PageMeta::default());
    }

    #[test]
    fn ten_thousand_nested_elements_do_not_overflow() {
        let page = format!("{}<p>نص عميق جدا في الصفحة يكفي ليكون فقرة.</p>{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        let a = extract("deep.html", &parse(&page)).unwrap();
        assert!(a.text.contains("نص عميق جدا"), "{}", a.text);
    }

    #[test]
    fn a_page_without_text_is_an_error_that_names_it() {
        let e = extract("empty.html", &parse("<html><head><script>x()</script></head><body> </body></html>")).unwrap_err();
        assert!(e.to_string().contains("empty.html"), "{e}");
        assert!(extract("nothing", &[]).is_err());
    }

    #[test]
    fn events_as_the_browser_walk_sends_them() {
        // `pageEvents` in www/mirsad-explorer.js: void elements get no close.
        let open = |v: &[&str]| HtmlEvent::Open(v.iter().map(|s| s.to_string()).collect());
        let events = [open(&["article"]), open(&["p", "class", "x"]), HtmlEvent::Text("نص الخبر".into()), open(&["br"]), HtmlEvent::Text("هنا".into()), HtmlEvent::Close, HtmlEvent::Close];
        assert_eq!(extract("js", &events).unwrap().text, "نص الخبر\nهنا\n");
    }
}

//! The analysis in other tools' formats: the timeline as TimelineJS3 JSON
//! (<https://timeline.knightlab.com/docs/json-format.html>) and as CSV, the
//! entities as CSV. Strings from the articles are escaped for each format:
//! TimelineJS renders its `text` fields as HTML, so they are HTML-escaped; CSV
//! fields are quoted (RFC 4180), and a field that a spreadsheet would run as a
//! formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe.

use crate::model::{Analysis, TimelineItem};
use crate::Corpus;
use crate::render::escape::escape_html;
use crate::time::{Date, Period};
use serde::Serialize;

/// A TimelineJS3 date: `year` required, the rest when known.
#[derive(Serialize)]
struct TjsDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

#[derive(Serialize)]
struct TjsText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct TjsSlide {
    unique_id: String,
    start_date: TjsDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TjsDate>,
    text: TjsText,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    display_date: String,
    /// Article text is escaped here; links are not made from it.
    autolink: bool,
}

#[derive(Serialize)]
struct TjsTimeline {
    events: Vec<TjsSlide>,
}

fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_html(s, &mut out);
    out
}

/// Start and end of a TIMEX3 value at the precision the value has: `2024` is the
/// year 2024 alone; `199` runs from 1990 to 1999; `2024-W25` from one day to another.
fn tjs_dates(value: &str) -> Option<(TjsDate, Option<TjsDate>)> {
    let period = Period::of(value)?;
    let (first, last) = (Date::from_day_number(period.first)?, Date::from_day_number(period.last)?);
    let (head, tail) = value.split_once('/').unwrap_or((value, value));
    let precision = |v: &str| match v.split('-').collect::<Vec<_>>().as_slice() {
        [y] if y.len() == 4 => 1,
        [_, w] if w.starts_with('W') => 3,
        [_, _] => 2,
        [_, _, _] => 3,
        _ => 1, // decades and centuries: whole years
    };
    let at = |d: Date, p: u8| TjsDate { year: d.year, month: (p >= 2).then_some(d.month), day: (p >= 3).then_some(d.day) };
    let start = at(first, precision(head));
    let end_precision = precision(tail);
    let single = (end_precision == 1 && first.year == last.year)
        || (end_precision == 2 && (first.year, first.month) == (last.year, last.month))
        || first == last;
    Some((start, (!single).then(|| at(last, end_precision))))
}

/// The timeline as TimelineJS3 JSON: one slide per item, the headline its
/// label, the text its source sentences with their articles, the group the
/// item's first participant (by the entity names of the analysis).
pub fn timelinejs(corpus: &Corpus) -> String {
    let analysis = &corpus.analysis;
    let events = analysis
        .timeline
        .iter()
        .filter_map(|item| {
            let (start_date, end_date) = tjs_dates(&item.value)?;
            Some(TjsSlide {
                unique_id: item.id.clone(),
                start_date,
                end_date,
                text: TjsText { headline: html(&item.label), text: sources_html(corpus, item) },
                group: item.entities.first().and_then(|id| analysis.entities.iter().find(|e| &e.id == id)).map(|e| html(&e.name)),
                display_date: crate::render::timeline_svg::display_value(&item.value),
                autolink: false,
            })
        })
        .collect();
    serde_json::to_string(&TjsTimeline { events }).unwrap_or_else(|_| "{\"events\":[]}".into())
}

/// Each source sentence with its article, as escaped HTML paragraphs.
fn sources_html(corpus: &Corpus, item: &TimelineItem) -> String {
    let mut out = String::new();
    for m in &item.mentions {
        let sentence = corpus
            .analysis
            .articles
            .iter()
            .position(|a| a.id == m.article)
            .map(|i| corpus.docs[i].text.chars().skip(m.start).take(m.end.saturating_sub(m.start)).collect::<String>())
            .unwrap_or_default();
        out.push_str("<p>");
        escape_html(sentence.trim(), &mut out);
        out.push_str(" <small>(");
        escape_html(&m.article, &mut out);
        out.push_str(")</small></p>");
    }
    out
}

/// One CSV field, quoted when needed, defused when a spreadsheet would read it as a formula.
fn csv_field(s: &str, out: &mut String) {
    let defuse = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = defuse || s.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if defuse {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

fn csv_row(fields: &[&str], out: &mut String) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(f, out);
    }
    out.push_str("\r\n");
}

/// The timeline as CSV: `id,value,start,end,label,entities,articles`, dates as
/// ISO days (the first and last day of the item's period).
pub fn timeline_csv(analysis: &Analysis) -> String {
    let mut out = String::new();
    csv_row(&["id", "value", "start", "end", "label", "entities", "articles"], &mut out);
    for item in &analysis.timeline {
        let days = Period::of(&item.value).and_then(|p| Some((Date::from_day_number(p.first)?.iso(), Date::from_day_number(p.last)?.iso())));
        let (start, end) = days.unwrap_or_default();
        let mut articles: Vec<&str> = item.mentions.iter().map(|m| m.article.as_str()).collect();
        articles.dedup();
        csv_row(&[&item.id, &item.value, &start, &end, &item.label, &item.entities.join(" "), &articles.join(" ")], &mut out);
    }
    out
}

/// The entities as CSV: `id,type,name,english,mentions,articles,aliases`.
pub fn entities_csv(analysis: &Analysis) -> String {
    let mut out = String::new();
    csv_row(&["id", "type", "name", "english", "mentions", "articles", "aliases"], &mut out);
    for e in &analysis.entities {
        let mentions = e.mentions.to_string();
        csv_row(&[&e.id, &e.kind, &e.name, e.name_en.as_deref().unwrap_or(""), &mentions, &e.articles.join(" "), &e.aliases.join(" | ")], &mut out);
    }
    out
}

/// The entities as JSON: the `entities` array of the analysis (INTERFACE.md), alone.
pub fn entities_json(analysis: &Analysis) -> String {
    serde_json::to_string_pretty(&analysis.entities).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_json_is_the_analysis_entities() {
        let article = crate::ArticleInput { id: "a".into(), text: "زار الرئيس فلاديمير بوتين بيونغ يانغ.".into(), dct: None, page: None };
        let analysis = crate::analyze(&[article]).expect("an analysis");
        let json: serde_json::Value = serde_json::from_str(&entities_json(&analysis)).expect("JSON");
        let list = json.as_array().expect("an array");
        assert_eq!(list.len(), analysis.entities.len());
        assert!(list.iter().any(|e| e["id"] == "vladimir-putin" && e["type"] == "PER"));
    }

    #[test]
    fn timelinejs_dates_keep_the_precision_of_the_value() {
        let json = |v: &str| {
            let (s, e) = tjs_dates(v).expect("a date");
            (serde_json::to_string(&s).unwrap(), e.map(|e| serde_json::to_string(&e).unwrap()))
        };
        assert_eq!(json("2024"), ("{\"year\":2024}".into(), None));
        assert_eq!(json("2024-06"), ("{\"year\":2024,\"month\":6}".into(), None));
        assert_eq!(json("2024-06-19").1, None);
        assert_eq!(json("1950/1953"), ("{\"year\":1950}".into(), Some("{\"year\":1953}".into())));
        assert_eq!(json("199"), ("{\"year\":1990}".into(), Some("{\"year\":1999}".into())));
        assert_eq!(
            json("2024-06-18/2024-06-19"),
            ("{\"year\":2024,\"month\":6,\"day\":18}".into(), Some("{\"year\":2024,\"month\":6,\"day\":19}".into()))
        );
        assert_eq!(json("2024-W25").1, Some("{\"year\":2024,\"month\":6,\"day\":23}".into()));
        assert!(tjs_dates("P3Y").is_none() && tjs_dates("PRESENT_REF").is_none());
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        csv_row(&["a,b", "قال \"لا\"", "=HYPERLINK(\"x\")", "-1", "سطر\nثان"], &mut out);
        assert_eq!(out, "\"a,b\",\"قال \"\"لا\"\"\",\"'=HYPERLINK(\"\"x\"\")\",\"'-1\",\"سطر\nثان\"\r\n");
    }

    #[test]
    fn exports_of_a_real_analysis() {
        let corpus = Corpus::new(&[crate::model::ArticleInput {
            id: "a<1>.txt".into(),
            text: "وقع الرئيسان اتفاقية <b>شراكة</b> في موسكو في يوليو 2023.\n\nوزار الرئيس بوتين بيونغ يانغ في عام 2000.".into(),
            dct: None,
            page: None,
        }])
        .expect("analysis");
        let a = &corpus.analysis;
        let tjs: serde_json::Value = serde_json::from_str(&timelinejs(&corpus)).expect("TimelineJS JSON parses");
        let events = tjs["events"].as_array().expect("events");
        assert_eq!(events.len(), a.timeline.len());
        assert!(events.len() >= 2, "{:#?}", a.timeline);
        for ev in events {
            assert!(ev["start_date"]["year"].is_i64());
            let headline = ev["text"]["headline"].as_str().unwrap();
            assert!(!headline.contains('<'), "escaped: {headline}");
            let text = ev["text"]["text"].as_str().unwrap();
            assert!(text.starts_with("<p>") && !text.contains("<b>"), "escaped: {text}");
        }
        let csv = timeline_csv(a);
        assert!(csv.starts_with("id,value,start,end,label,entities,articles\r\n"));
        assert!(csv.contains("2023-07,2023-07-01,2023-07-31,"), "{csv}");
        assert_eq!(csv.lines().count(), a.timeline.len() + 1);
        let ents = entities_csv(a);
        assert!(ents.contains("moscow,LOC,موسكو") || ents.contains(",LOC,موسكو"), "{ents}");
    }
}

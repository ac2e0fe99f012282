//! The timeline as SVG.
//!
//! Layout: vertical, oldest at the top, one row per event, so labels never
//! overlap whatever the density. A vertical axis reads the same in right-to-left
//! and left-to-right pages; for Arabic the dates stand at the right (the start
//! side) and labels run leftwards from the axis. Years are compressed: rows are
//! evenly spaced, a year heading opens each new year, and a break mark shows a
//! gap of more than [`BREAK_YEARS`] years (a story may span 1910 to 2024).

use super::escape::escape_html;
use crate::model::TimelineItem;
use crate::time::Period;

/// A jump between consecutive events longer than this (in years) gets a break mark.
pub const BREAK_YEARS: i32 = 5;
const ROW: usize = 46;
const YEAR_ROW: usize = 28;
/// The most characters of a label, whatever the width.
const LABEL_CHARS: usize = 70;
/// Average advance of a label character at the page's 13 px, in CSS pixels:
/// labels are cut to the room they have, so none runs past the edge.
const LABEL_CHAR_PX: usize = 7;

/// Options of the drawing.
#[derive(Clone, Debug, Default)]
pub struct TimelineView<'a> {
    /// Width in CSS pixels (at least 240).
    pub width: usize,
    /// The selected event's id.
    pub selected: Option<&'a str>,
    /// Only events with this entity among their participants.
    pub entity: Option<&'a str>,
    /// Left-to-right layout (an English UI); Arabic otherwise.
    pub ltr: bool,
    /// Only events that overlap these days (a TIMEX3 range, see
    /// [`super::timeline_overview`]); every event when none or unreadable.
    pub window: Option<&'a str>,
}

fn year_of(value: &str) -> Option<i32> {
    let digits: String = value.chars().take_while(|c| c.is_ascii_digit()).collect();
    match digits.len() {
        4 => digits.parse().ok(),
        3 => digits.parse::<i32>().ok().map(|d| d * 10),  // a decade
        2 => digits.parse::<i32>().ok().map(|c| c * 100), // a century
        _ => None,
    }
}

fn shorten(label: &str, max: usize) -> String {
    let label = label.trim_end_matches('…');
    if label.chars().count() <= max {
        return label.to_string();
    }
    let mut out: String = label.chars().take(max.saturating_sub(1)).collect();
    // End on a word, and say that it goes on.
    if let Some(cut) = out.rfind(' ').filter(|&c| c > out.len() / 2) {
        out.truncate(cut);
    }
    out.push('…');
    out
}

/// Human-readable date of a TIMEX value (Western digits, ISO order kept).
pub(crate) fn display_value(value: &str) -> String {
    if let Some((a, b)) = value.split_once('/') {
        return format!("{a}–{b}");
    }
    match value.len() {
        3 if value.chars().all(|c| c.is_ascii_digit()) => format!("{value}0s"),
        2 if value.chars().all(|c| c.is_ascii_digit()) => format!("{value}00s"),
        _ => value.to_string(),
    }
}

/// Draw the timeline. Every string from the articles is escaped.
pub fn timeline_svg(items: &[TimelineItem], view: &TimelineView) -> String {
    let width = view.width.max(240);
    let window = view.window.and_then(Period::of);
    let in_window = |it: &TimelineItem| {
        window.is_none_or(|w| Period::of(&it.value).is_some_and(|p| p.first <= w.last && p.last >= w.first))
    };
    let shown: Vec<&TimelineItem> =
        items.iter().filter(|it| view.entity.is_none_or(|e| it.entities.iter().any(|x| x == e)) && in_window(it)).collect();
    // Axis position: dates on the start side, labels beyond the axis.
    let date_col = 92usize;
    let (axis_x, date_x, label_x, anchor_dir) = if view.ltr {
        (date_col + 8, 6usize, date_col + 22, "ltr")
    } else {
        (width - date_col - 8, width - 6, width - date_col - 22, "rtl")
    };
    let room = if view.ltr { width.saturating_sub(label_x) } else { label_x }.saturating_sub(8);
    let label_chars = (room / LABEL_CHAR_PX).clamp(8, LABEL_CHARS);
    let mut body = String::new();
    let mut y = 16usize;
    let mut last_year: Option<i32> = None;
    for item in &shown {
        let year = year_of(&item.value);
        if year != last_year {
            if let (Some(a), Some(b)) = (last_year, year) {
                if b - a > BREAK_YEARS {
                    // Axis break: two short slanted strokes.
                    body.push_str(&format!(
                        "<g class=\"break\" aria-hidden=\"true\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/></g>",
                        axis_x - 6, y + 2, axis_x + 6, y - 2, axis_x - 6, y + 6, axis_x + 6, y + 2
                    ));
                    y += 10;
                }
            }
            if let Some(yv) = year {
                body.push_str(&format!(
                    "<text class=\"year\" x=\"{date_x}\" y=\"{}\" direction=\"{anchor_dir}\" text-anchor=\"start\">{}</text>",
                    y + 14,
                    yv
                ));
            }
            y += YEAR_ROW;
            last_year = year;
        }
        let selected = view.selected == Some(item.id.as_str());
        let sources = item.mentions.iter().map(|m| m.article.as_str()).collect::<std::collections::BTreeSet<_>>().len();
        let mut label = String::new();
        escape_html(&shorten(&item.label, label_chars), &mut label);
        let mut id = String::new();
        escape_html(&item.id, &mut id);
        // The accessible name is the visible date and label (the sources' dots are hidden).
        body.push_str(&format!(
            "<g class=\"event{sel}\" data-event=\"{id}\" tabindex=\"0\" role=\"button\" transform=\"translate(0 {y})\">\
<rect class=\"hit\" x=\"0\" y=\"0\" width=\"{width}\" height=\"{h}\" rx=\"6\"/>\
<circle cx=\"{axis_x}\" cy=\"{cy}\" r=\"{r}\"/>\
<text class=\"date\" x=\"{date_x}\" y=\"{ty}\" direction=\"{anchor_dir}\" text-anchor=\"start\">{date}</text>\
<text class=\"label\" x=\"{label_x}\" y=\"{ty}\" direction=\"{anchor_dir}\" text-anchor=\"start\">{label}</text>\
<text class=\"sources\" x=\"{label_x}\" y=\"{sy}\" direction=\"{anchor_dir}\" text-anchor=\"start\" aria-hidden=\"true\">{sources}</text></g>",
            sel = if selected { " selected" } else { "" },
            h = ROW - 6,
            cy = (ROW - 6) / 2,
            r = if sources > 1 { 7 } else { 5 },
            ty = 17,
            sy = 34,
            date = display_value(&item.value),
            sources = "●".repeat(sources.min(8)),
        ));
        y += ROW;
    }
    let height = y + 8;
    let mut out = String::with_capacity(body.len() + 400);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" role=\"group\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    ));
    out.push_str(&format!("<line class=\"axis\" x1=\"{axis_x}\" y1=\"8\" x2=\"{axis_x}\" y2=\"{}\"/>", height - 8));
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventMention;

    fn item(id: &str, value: &str, label: &str, articles: &[&str]) -> TimelineItem {
        TimelineItem {
            id: id.into(),
            value: value.into(),
            label: label.into(),
            entities: vec!["x".into()],
            mentions: articles
                .iter()
                .map(|a| EventMention { article: (*a).into(), start: 0, end: 1, start16: 0, end16: 1 })
                .collect(),
        }
    }

    #[test]
    fn items_are_focusable_escaped_and_broken_axis() {
        let items = vec![item("e1", "1910/1945", "<script>x</script>", &["a"]), item("e2", "2024-06-19", "توقيع", &["a", "b"])];
        let svg = timeline_svg(&items, &TimelineView { width: 400, ..Default::default() });
        assert_eq!(svg.matches("tabindex=\"0\"").count(), 2);
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script"));
        assert!(svg.contains("class=\"break\""), "a 79-year gap is broken");
        assert!(svg.contains("1910–1945"));
    }

    #[test]
    fn entity_filter_hides_other_events() {
        let mut other = item("e2", "2020", "ب", &["a"]);
        other.entities = vec!["y".into()];
        let svg = timeline_svg(&[item("e1", "2019", "أ", &["a"]), other], &TimelineView { width: 300, entity: Some("y"), ..Default::default() });
        assert!(svg.contains("data-event=\"e2\"") && !svg.contains("data-event=\"e1\""));
    }

    #[test]
    fn window_hides_events_outside_it() {
        let items = vec![item("e1", "1950", "أ", &["a"]), item("e2", "2024-06", "ب", &["a"]), item("e3", "2024-06-19", "ج", &["a"])];
        let svg = timeline_svg(&items, &TimelineView { width: 300, window: Some("2024-06-10/2024-06-30"), ..Default::default() });
        assert!(!svg.contains("data-event=\"e1\"") && svg.contains("data-event=\"e2\"") && svg.contains("data-event=\"e3\""));
        let svg = timeline_svg(&items, &TimelineView { width: 300, window: Some("not a window"), ..Default::default() });
        assert_eq!(svg.matches("data-event=").count(), 3);
    }
}

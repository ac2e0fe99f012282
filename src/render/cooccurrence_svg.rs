//! Who appears with whom, as an SVG matrix.
//!
//! A matrix rather than a network: it needs no layout algorithm, reads the same
//! every time, and its cells are a keyboard grid. The most salient entities
//! that share a sentence with another one are the rows and the columns (as many
//! as the width holds, at most [`MAX_ENTITIES`]); a cell's shade and number are
//! the sentences naming both. Row names stand on the start side, column names
//! are slanted above. Every string from the articles is escaped.

use super::escape::escape_html;
use crate::model::EntityRecord;
use crate::entities::cooccur::Pairs;

/// The most rows (and columns) drawn.
pub const MAX_ENTITIES: usize = 12;
const MIN_CELL: usize = 20;
const MAX_CELL: usize = 32;
/// Characters of a row name and of a slanted column name.
const ROW_CHARS: usize = 16;
const COLUMN_CHARS: usize = 11;
/// Room above the matrix for the slanted names, and beyond its far edge for the
/// last one's slant (11 characters at 11 px, at 45°).
const HEADER: usize = 62;
const FAR_PAD: usize = 46;

/// Options of the drawing.
#[derive(Clone, Debug, Default)]
pub struct CooccurrenceView<'a> {
    /// Width in CSS pixels (at least 240).
    pub width: usize,
    /// The selected entity's id: its row and column stand out, and it is drawn
    /// even when it is not among the most salient.
    pub selected: Option<&'a str>,
    /// Left-to-right layout and English names where known; Arabic otherwise.
    pub ltr: bool,
}

fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let mut out: String = name.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// The entities drawn, in salience order: the most salient of those sharing a
/// sentence with another, and the selected one.
fn chosen(records: &[EntityRecord], pairs: &Pairs, room: usize, selected: Option<&str>) -> Vec<usize> {
    // Most salient first (as plain tuples: a sort the wasm has already).
    let mut by_salience: Vec<(usize, usize)> =
        pairs.entities().into_iter().filter(|&i| i < records.len()).map(|i| (usize::MAX - records[i].salience, i)).collect();
    by_salience.sort_unstable();
    let paired: Vec<usize> = by_salience.into_iter().map(|(_, i)| i).collect();
    let n = paired.len().min(room).min(MAX_ENTITIES);
    let mut out = paired[..n].to_vec();
    if let Some(sel) = selected.and_then(|id| paired.iter().copied().find(|&i| records[i].id == id)) {
        if !out.contains(&sel) {
            out.pop();
            out.push(sel);
        }
    }
    out
}

/// Draw the matrix; an empty string when fewer than two entities share a sentence.
pub fn cooccurrence_svg(records: &[EntityRecord], pairs: &Pairs, view: &CooccurrenceView) -> String {
    let width = view.width.max(240);
    let label_w = (width * 3 / 10).clamp(96, 150);
    let room = (width - label_w - FAR_PAD) / MIN_CELL;
    let rows = chosen(records, pairs, room, view.selected);
    if rows.len() < 2 {
        return String::new();
    }
    let n = rows.len();
    let cell = ((width - label_w - FAR_PAD) / n).clamp(MIN_CELL, MAX_CELL);
    let count = |a: usize, b: usize| pairs.get(a, b);
    let max = rows.iter().enumerate().flat_map(|(i, &a)| rows[i + 1..].iter().map(move |&b| (a, b))).map(|(a, b)| count(a, b)).max().unwrap_or(0).max(1);
    // x of column j's start edge; names on the start side, the matrix beyond them.
    let column_x = |j: usize| if view.ltr { label_w + j * cell } else { width - label_w - (j + 1) * cell };
    let (name_x, dir) = if view.ltr { (label_w - 6, "ltr") } else { (width - label_w + 6, "rtl") };
    let display = |r: &EntityRecord| {
        let name = if view.ltr { r.name_en.as_deref().unwrap_or(&r.name) } else { &r.name };
        name.to_string()
    };
    let selected_row = view.selected.and_then(|id| rows.iter().position(|&i| records[i].id == id));
    let mut body = String::new();
    for (j, &c) in rows.iter().enumerate() {
        let cx = column_x(j) + cell / 2;
        let y = HEADER - 6;
        let mut name = String::new();
        escape_html(&shorten(&display(&records[c]), COLUMN_CHARS), &mut name);
        let mut id = String::new();
        escape_html(&records[c].id, &mut id);
        // Slanted away from the row names: up and towards the far side.
        let angle = if view.ltr { -45 } else { 45 };
        body.push_str(&format!(
            "<text class=\"col-name t-{t}{sel}\" data-entity=\"{id}\" x=\"{cx}\" y=\"{y}\" direction=\"{dir}\" text-anchor=\"start\" transform=\"rotate({angle} {cx} {y})\">{name}</text>",
            t = records[c].kind.to_ascii_lowercase(),
            sel = if selected_row == Some(j) { " sel" } else { "" },
        ));
    }
    let mut first_cell = true;
    for (i, &r) in rows.iter().enumerate() {
        let y = HEADER + i * cell;
        let mut name = String::new();
        escape_html(&shorten(&display(&records[r]), ROW_CHARS), &mut name);
        let mut row_id = String::new();
        escape_html(&records[r].id, &mut row_id);
        body.push_str(&format!(
            "<text class=\"row-name t-{t}{sel}\" data-entity=\"{row_id}\" x=\"{name_x}\" y=\"{ty}\" direction=\"{dir}\" text-anchor=\"end\">{name}</text>",
            t = records[r].kind.to_ascii_lowercase(),
            sel = if selected_row == Some(i) { " sel" } else { "" },
            ty = y + cell / 2 + 4,
        ));
        for (j, &c) in rows.iter().enumerate() {
            let x = column_x(j);
            let lit = selected_row.is_some_and(|s| s == i || s == j);
            let k = if i == j { 0 } else { count(r, c) };
            if k == 0 {
                let class = if i == j { "self" } else { "none" };
                body.push_str(&format!(
                    "<rect class=\"{class}{hl}\" x=\"{x1}\" y=\"{y1}\" width=\"{s}\" height=\"{s}\" rx=\"3\" aria-hidden=\"true\"/>",
                    hl = if lit { " hl" } else { "" },
                    x1 = x + 1,
                    y1 = y + 1,
                    s = cell - 2,
                ));
                continue;
            }
            // Four shades, by share of the largest count.
            let level = (k * 4).div_ceil(max).clamp(1, 4);
            let mut with_id = String::new();
            escape_html(&records[c].id, &mut with_id);
            let mut title = String::new();
            escape_html(&format!("{} ↔ {}: {k}", display(&records[r]), display(&records[c])), &mut title);
            // One tab stop for the whole grid (arrow keys move inside it: the page's script).
            body.push_str(&format!(
                "<g class=\"pair l{level}{hl}\" data-entity=\"{row_id}\" data-with=\"{with_id}\" data-row=\"{i}\" data-col=\"{j}\" tabindex=\"{tab}\" role=\"button\">\
<title>{title}</title><rect x=\"{x1}\" y=\"{y1}\" width=\"{s}\" height=\"{s}\" rx=\"3\"/><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"middle\" aria-hidden=\"true\">{k}</text></g>",
                hl = if lit { " hl" } else { "" },
                tab = if first_cell { 0 } else { -1 },
                x1 = x + 1,
                y1 = y + 1,
                s = cell - 2,
                tx = x + cell / 2,
                ty = y + cell / 2 + 4,
            ));
            first_cell = false;
        }
    }
    let height = HEADER + n * cell + 8;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cooccurrence\" role=\"group\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">{body}</svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, name: &str, salience: usize) -> EntityRecord {
        EntityRecord {
            id: id.into(),
            kind: "PER".into(),
            name: name.into(),
            name_en: Some(id.to_uppercase()),
            aliases: vec![name.into()],
            mentions: salience,
            articles: vec!["a".into()],
            article_mentions: vec![salience],
            salience,
        }
    }

    #[test]
    fn salient_pairs_drawn_escaped_with_one_tab_stop() {
        let records = vec![record("a", "<b>أ</b>", 9), record("b", "ب", 5), record("c", "ج", 3), record("d", "د", 1)];
        let pairs = Pairs::from_counts(&[((0, 1), 3), ((2, 1), 1), ((0, 2), 6)]);
        let svg = cooccurrence_svg(&records, &pairs, &CooccurrenceView { width: 400, ..Default::default() });
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        // d shares no sentence: not drawn. Three pairs, each cell drawn both ways.
        assert!(!svg.contains("data-entity=\"d\""));
        assert_eq!(svg.matches("class=\"pair").count(), 6);
        assert_eq!(svg.matches("tabindex=\"0\"").count(), 1);
        assert!(svg.contains("class=\"pair l4\" data-entity=\"a\" data-with=\"c\""), "the largest count is the darkest");
        assert!(svg.contains("class=\"pair l2\" data-entity=\"a\" data-with=\"b\""), "3 of 6");
        assert!(svg.contains("&lt;b&gt;أ&lt;/b&gt; ↔ ج: 6"), "Arabic names in the Arabic layout");
    }

    #[test]
    fn width_limits_rows_but_the_selected_entity_stays() {
        let records: Vec<EntityRecord> = (0..20).map(|i| record(&format!("e{i}"), "اسم", 100 - i)).collect();
        let pairs = Pairs::from_counts(&(1..20).map(|i| ((0, i), 1)).collect::<Vec<_>>());
        let narrow = cooccurrence_svg(&records, &pairs, &CooccurrenceView { width: 300, selected: Some("e19"), ltr: true });
        let drawn = narrow.matches("class=\"row-name").count();
        assert!((2..MAX_ENTITIES).contains(&drawn), "{drawn} rows at 300 px");
        assert!(narrow.contains("class=\"row-name t-per sel\" data-entity=\"e19\""));
        assert!(narrow.contains("E0 ↔ E19: 1"), "English names in the English layout");
        let wide = cooccurrence_svg(&records, &pairs, &CooccurrenceView { width: 2000, ..Default::default() });
        assert_eq!(wide.matches("class=\"row-name").count(), MAX_ENTITIES);
    }

    #[test]
    fn nothing_to_draw_is_empty() {
        let records = vec![record("a", "أ", 1)];
        assert!(cooccurrence_svg(&records, &Pairs::default(), &CooccurrenceView { width: 300, ..Default::default() }).is_empty());
        // A pair pointing past the records (never from link, but no panic either).
        assert!(cooccurrence_svg(&records, &Pairs::from_counts(&[((0, 5), 2)]), &CooccurrenceView::default()).is_empty());
    }
}

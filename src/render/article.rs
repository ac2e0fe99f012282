//! An article as escaped HTML: paragraphs, entity and date highlights, boilerplate
//! marked, and optional highlighted passages (a search hit, an event's sentences).

use super::escape::escape_html;
use crate::entities::Mention;
use crate::model::EntityRecord;
use crate::offsets::Span;
use crate::text::Document;
use crate::time::Timex;

/// What to draw over the text.
#[derive(Clone, Debug, Default)]
pub struct ArticleView<'a> {
    /// Entity mentions (non-overlapping).
    pub mentions: &'a [Mention],
    /// Entity records the mentions point into.
    pub records: &'a [EntityRecord],
    /// Time expressions.
    pub timexes: &'a [Timex],
    /// Passages to highlight (sentences of a selected event, a search passage).
    pub passages: Vec<Span>,
    /// An entity id whose mentions get the `sel` class.
    pub selected_entity: Option<&'a str>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Note {
    Entity(usize),
    Timex(usize),
}

/// Render `doc` with `view` as a sequence of `<p>` elements. Every piece of article
/// text is escaped; attributes carry only ids, types and TIMEX values (escaped too).
pub fn article_html(doc: &Document, view: &ArticleView) -> String {
    // Annotations, without overlaps: entities first, then timexes that do not clash.
    let mut notes: Vec<(Span, Note)> = view.mentions.iter().enumerate().map(|(i, m)| (m.span, Note::Entity(i))).collect();
    for (i, t) in view.timexes.iter().enumerate() {
        if !notes.iter().any(|(s, _)| s.overlaps(&t.span)) {
            notes.push((t.span, Note::Timex(i)));
        }
    }
    notes.sort_by_key(|(s, _)| (s.start, s.end));
    let mut passages = view.passages.clone();
    passages.sort();

    let mut out = String::with_capacity(doc.text.len() * 2);
    let text = doc.text.as_str();
    let mut line_start = 0;
    for piece in text.split_inclusive('\n') {
        let body_len = piece.trim_end_matches(['\n', '\r']).len();
        let line = Span::new(line_start, line_start + body_len);
        line_start += piece.len();
        if text.get(line.start..line.end).is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        let boiler = doc.boilerplate.iter().find(|b| b.span.overlaps(&line));
        let is_title = doc.title.is_some_and(|t| t.overlaps(&line));
        out.push_str("<p dir=\"auto\"");
        match (boiler, is_title) {
            (Some(b), _) => {
                out.push_str(" class=\"bp\" data-kind=\"");
                out.push_str(match b.kind {
                    crate::text::BoilerplateKind::Masthead => "masthead",
                    crate::text::BoilerplateKind::Related => "related",
                    crate::text::BoilerplateKind::Tags => "tags",
                    crate::text::BoilerplateKind::Source => "source",
                    crate::text::BoilerplateKind::Byline => "byline",
                });
                out.push('"');
            }
            (None, true) => out.push_str(" class=\"title\""),
            _ => {}
        }
        out.push('>');
        render_line(text, line, &notes, &passages, view, &mut out);
        out.push_str("</p>\n");
    }
    out
}

fn render_line(text: &str, line: Span, notes: &[(Span, Note)], passages: &[Span], view: &ArticleView, out: &mut String) {
    // Cut points: the line's ends, every note and passage boundary inside it.
    let mut cuts: Vec<usize> = vec![line.start, line.end];
    for (s, _) in notes.iter().filter(|(s, _)| line.contains(s)) {
        cuts.extend([s.start, s.end]);
    }
    for p in passages {
        cuts.extend([p.start.clamp(line.start, line.end), p.end.clamp(line.start, line.end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let seg = Span::new(w[0], w[1]);
        let Some(seg_text) = text.get(seg.start..seg.end) else { continue };
        let in_passage = passages.iter().any(|p| p.contains(&seg));
        let note = notes.iter().find(|(s, _)| s.contains(&seg));
        if in_passage {
            out.push_str("<span class=\"hl\">");
        }
        match note {
            Some((s, Note::Entity(i))) => {
                let m = &view.mentions[*i];
                let record = m.entity.and_then(|e| view.records.get(e));
                let id = record.map_or("", |r| r.id.as_str());
                out.push_str("<mark class=\"ent ");
                out.push_str(match m.kind.as_str() {
                    "PER" => "per",
                    "LOC" => "loc",
                    _ => "org",
                });
                if view.selected_entity.is_some_and(|sel| sel == id) {
                    out.push_str(" sel");
                }
                out.push_str("\" data-entity=\"");
                escape_html(id, out);
                out.push_str("\" data-type=\"");
                out.push_str(m.kind.as_str());
                out.push_str("\" tabindex=\"0\" role=\"button\"");
                if seg.start != s.start || seg.end != s.end {
                    out.push_str(" data-part=\"1\"");
                }
                out.push('>');
                push_text(seg_text, out);
                out.push_str("</mark>");
            }
            Some((_, Note::Timex(i))) => {
                let t = &view.timexes[*i];
                out.push_str("<time class=\"tx\"");
                if let Some(v) = &t.value {
                    out.push_str(" datetime=\"");
                    escape_html(v, out);
                    out.push_str("\" title=\"");
                    escape_html(v, out);
                    out.push('"');
                }
                out.push('>');
                push_text(seg_text, out);
                out.push_str("</time>");
            }
            None => push_text(seg_text, out),
        }
        if in_passage {
            out.push_str("</span>");
        }
    }
}

/// Escape text, isolating Latin runs and numbers with `<bdi>` so they do not
/// reorder the surrounding right-to-left text.
pub fn push_text(s: &str, out: &mut String) {
    // The Arabic test first: `is_alphabetic` is a slow table lookup outside ASCII.
    // Arabic diacritics are alphabetic too, but belong to the Arabic around them.
    let is_ltr = |c: char| {
        c.is_ascii_alphanumeric()
            || (!crate::text::charset::is_arabic_letter(c) && !crate::text::charset::is_arabic_mark(c) && c.is_alphabetic())
    };
    // Characters that continue a left-to-right run when another LTR character follows.
    let joins = |c: char| matches!(c, ' ' | '.' | ',' | ':' | '-' | '/' | '\'');
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while let Some(&(b, c)) = chars.get(i) {
        if !is_ltr(c) {
            let mut buf = [0u8; 4];
            escape_html(c.encode_utf8(&mut buf), out);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while let Some(&(_, cj)) = chars.get(j) {
            if is_ltr(cj) {
                j += 1;
                continue;
            }
            // A few joiners (`, ` of `June 14, 2024`) then more LTR text: one run.
            let mut k = j;
            while k < j + 3 && chars.get(k).is_some_and(|&(_, c)| joins(c)) {
                k += 1;
            }
            if k > j && chars.get(k).is_some_and(|&(_, n)| is_ltr(n)) {
                j = k + 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(s.len(), |&(e, _)| e);
        out.push_str("<bdi>");
        escape_html(s.get(b..end).unwrap_or(""), out);
        out.push_str("</bdi>");
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_numbers_are_isolated_and_escaped() {
        let mut out = String::new();
        push_text("قالت CBS News <b> إن 2,000 صاروخ", &mut out);
        assert_eq!(out, "قالت <bdi>CBS News</bdi> &lt;<bdi>b</bdi>&gt; إن <bdi>2,000</bdi> صاروخ");
        // An English date is one isolate, so its parts keep their order in RTL text.
        let mut out = String::new();
        push_text("تاريخ النشر: 14th June, 2024 GMT", &mut out);
        assert_eq!(out, "تاريخ النشر: <bdi>14th June, 2024 GMT</bdi>");
        let mut out = String::new();
        push_text("رئيسًا لروسيا", &mut out);
        assert_eq!(out, "رئيسًا لروسيا", "a diacritic is no Latin run");
    }

    #[test]
    fn script_payload_is_text() {
        let docs = crate::text::read_documents(&["<script>alert(1)</script>\nنص <img src=x onerror=alert(1)>"]);
        let html = article_html(&docs[0], &ArticleView::default());
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;<bdi>script</bdi>&gt;"), "{html}");
    }
}

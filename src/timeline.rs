//! Stage 4: dated events, merged across articles.
//!
//! An event is a sentence (outside boilerplate) that has a resolved date and a
//! trigger word (`زار`, `وقع`, `قمة` …; `data/lexicon/event_triggers.txt`). A bare
//! date mention is not an event. Events with compatible dates (equal, or one a
//! finer form of the other) that share a participant and some content words are
//! one item, listing every source sentence.

use crate::entities::Mention;
use crate::model::{ArticleInput, EntityRecord, EventMention, TimelineItem};
use crate::offsets::{OffsetIndex, Span};
use crate::text::clitics::readings;
use crate::text::normalize::fold;
use crate::text::{Document, TokenKind};
use crate::time::{Timex, TimexKind};
use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

const TRIGGERS: &str = include_str!("../data/lexicon/event_triggers.txt");
/// Labels are cut to this many characters.
const LABEL_CHARS: usize = 90;
/// Two reports are one event when their content words overlap at least this much (Jaccard).
const MIN_WORD_OVERLAP: f32 = 0.12;

fn triggers() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        TRIGGERS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(fold).collect()
    })
}

/// True when a folded word, with proclitics or a verb prefix removed, is a trigger.
fn is_trigger(raw: &str, norm: &str) -> bool {
    let set = triggers();
    readings(raw, norm).iter().any(|r| {
        let s = r.stem.as_str();
        set.contains(s)
            || s.strip_prefix(['س', 'ي', 'ت', 'ن', 'ا']).is_some_and(|rest| set.contains(rest))
            || s.strip_prefix("سي").or_else(|| s.strip_prefix("ست")).is_some_and(|rest| set.contains(rest))
            || s.strip_suffix(['ت', 'ه']).is_some_and(|rest| set.contains(rest))
            || s.strip_prefix("ال").is_some_and(|rest| set.contains(rest))
    })
}

/// One report of an event in one sentence.
struct Report {
    doc: usize,
    sentence: Span,
    value: String,
    entities: BTreeSet<usize>,
    words: HashSet<String>,
}

/// True when one value is the other or a finer form of it (`2024-06` ~ `2024-06-19`).
fn compatible(a: &str, b: &str) -> bool {
    let fine_of = |coarse: &str, fine: &str| fine == coarse || fine.starts_with(&format!("{coarse}-"));
    fine_of(a, b) || fine_of(b, a)
}

fn plausible_date(v: &str) -> bool {
    v.chars().next().is_some_and(|c| c.is_ascii_digit()) && !v.starts_with('P')
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f32 {
    let inter = a.intersection(b).count() as f32;
    let union = (a.len() + b.len()) as f32 - inter;
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

fn label_of(text: &str) -> String {
    let t = text.trim();
    let mut out: String = t.chars().take(LABEL_CHARS).collect();
    if t.chars().count() > LABEL_CHARS {
        if let Some(cut) = out.rfind(' ') {
            out.truncate(cut);
        }
        out.push('…');
    }
    out
}

/// Build the timeline of a set of analysed documents.
pub fn build(
    docs: &[Document],
    offsets: &[OffsetIndex],
    inputs: &[ArticleInput],
    mentions: &[Vec<Mention>],
    records: &[EntityRecord],
    timexes: &[Vec<Timex>],
) -> Vec<TimelineItem> {
    let mut reports: Vec<Report> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for sentence in &doc.sentences {
            if doc.in_boilerplate(*sentence) {
                continue;
            }
            let dates: Vec<&str> = timexes[d]
                .iter()
                .filter(|t| t.kind == TimexKind::Date && sentence.contains(&t.span))
                .filter_map(|t| t.value.as_deref())
                .filter(|v| plausible_date(v))
                .collect();
            let Some(value) = dates.first() else { continue };
            let toks: Vec<_> = doc.tokens.iter().filter(|t| sentence.contains(&t.span)).collect();
            if !toks.iter().any(|t| t.kind == TokenKind::Word && is_trigger(doc.slice(t.span), &t.norm)) {
                continue;
            }
            let entities: BTreeSet<usize> =
                mentions[d].iter().filter(|m| sentence.contains(&m.span)).filter_map(|m| m.entity).collect();
            let words: HashSet<String> = toks
                .iter()
                .filter(|t| t.kind == TokenKind::Word && t.norm.chars().count() >= 3)
                .map(|t| t.norm.trim_start_matches(['و', 'ف']).to_string())
                .collect();
            reports.push(Report { doc: d, sentence: *sentence, value: value.to_string(), entities, words });
        }
    }
    // Greedy merge: each report joins the first group it fits.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        let home = groups.iter().position(|g| {
            g.iter().any(|&j| {
                let o = &reports[j];
                compatible(&o.value, &r.value)
                    && !o.entities.is_disjoint(&r.entities)
                    && (o.doc != r.doc || o.sentence == r.sentence)
                    && jaccard(&o.words, &r.words) >= MIN_WORD_OVERLAP
            })
        });
        match home {
            Some(g) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    let mut items: Vec<TimelineItem> = groups
        .iter()
        .map(|g| {
            // The finest value any report gives.
            let value = g.iter().map(|&i| reports[i].value.clone()).max_by_key(|v| v.len()).unwrap_or_default();
            let first = &reports[g[0]];
            let entities: BTreeSet<usize> = g.iter().flat_map(|&i| reports[i].entities.iter().copied()).collect();
            TimelineItem {
                id: String::new(),
                value,
                label: label_of(docs[first.doc].slice(first.sentence)),
                entities: entities.into_iter().filter_map(|e| records.get(e).map(|r| r.id.clone())).collect(),
                mentions: g
                    .iter()
                    .map(|&i| {
                        let r = &reports[i];
                        let s = offsets[r.doc].span(r.sentence);
                        EventMention { article: inputs[r.doc].id.clone(), start: s.start, end: s.end, start16: s.start16, end16: s.end16 }
                    })
                    .collect(),
            }
        })
        .collect();
    items.sort_by(|a, b| a.value.cmp(&b.value));
    for (n, item) in items.iter_mut().enumerate() {
        item.id = format!("e{}", n + 1);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compatible_values() {
        assert!(compatible("2024-06", "2024-06-19"));
        assert!(compatible("2024", "2024-06"));
        assert!(!compatible("2024-06", "2024-07"));
        assert!(!compatible("2024-1", "2024-11"));
    }

    #[test]
    fn triggers_match_through_clitics_and_prefixes() {
        assert!(is_trigger("وزار", "وزار"));
        assert!(is_trigger("سيزور", "سيزور"));
        assert!(is_trigger("الزيارة", "الزياره"));
        assert!(!is_trigger("الكتاب", "الكتاب"));
    }
}

//! Stage 4: dated events, merged across articles.
//!
//! An event report is a sentence (outside boilerplate) with a trigger word
//! (`زار`, `وقع`, `قمة` …; `data/lexicon/event_triggers.txt`, one family of
//! events a line) and a resolved date; a sentence with two dates reports two
//! events. A bare date mention is not an event. Reports whose dates nest (one
//! holds the other: `2024-W25`, `2024-06-18`) and whose participants, trigger
//! families and words overlap enough are one item. A sentence with no date
//! that retells an item's event closely joins it as one more source.
//!
//! The same matching dates an article that states no publication date
//! ([`infer_dcts`]): the day whose reading of its relative expressions
//! (`الشهر الماضي`, `اليوم`) lines its reports up with the events other
//! articles date.

use crate::entities::Mention;
use crate::model::{ArticleInput, EntityRecord, EventMention, TimelineItem};
use crate::offsets::{OffsetIndex, Span};
use crate::text::clitics::readings;
use crate::text::normalize::fold;
use crate::text::{Document, TokenKind};
use crate::time::{Date, Period, Recognized, Timex, TimexKind};
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

const TRIGGERS: &str = crate::data_file!("lexicon/event_triggers.txt");
/// Two dates of a sentence are two events' only with at least this many words between them.
const MIN_WORDS_BETWEEN_EVENTS: usize = 3;
/// Labels are cut to this many characters.
const LABEL_CHARS: usize = 90;
/// Two dated reports are one event when their weighted overlap reaches this.
const MIN_SAME_EVENT: f32 = 0.1;
/// An undated sentence retells an item's event when its overlap with one of the
/// item's reports reaches this (it must also share a participant and a trigger family).
const MIN_RETELLING: f32 = 0.15;
/// The longest period an event is dated by: a decade (`التسعينيات`).
const MAX_EVENT_PERIOD_DAYS: i64 = 3653;
/// Two one-day reports this many days apart may be one event of several days.
const MAX_EVENT_DAYS: i64 = 3;
/// A publication date is looked for this many days around the events it is matched to.
const DCT_WINDOW_DAYS: i64 = 400;
/// An article whose evidence allows more days than this is not dated (and the
/// search stays fast on large sets).
const MAX_DCT_CANDIDATES: usize = 20_000;
/// An event sentence of an undated article is compared with at most this many
/// resembling reports of other articles, one per date (the closest).
const MAX_NEAR_REPORTS: usize = 8;
/// Only events dated to a year or finer place a publication date.
const MAX_ANCHOR_DAYS: i64 = 366;
/// When the best publication dates span more than this many days, none is taken.
const MAX_DCT_SPREAD_DAYS: i64 = 62;

/// Folded trigger word → family number.
fn triggers() -> &'static FxHashMap<String, u16> {
    static MAP: OnceLock<FxHashMap<String, u16>> = OnceLock::new();
    MAP.get_or_init(|| {
        let lines = TRIGGERS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        let mut map = FxHashMap::default();
        for (family, line) in lines.enumerate() {
            for w in line.split_whitespace() {
                map.entry(fold(w)).or_insert(family as u16);
            }
        }
        map
    })
}

/// The trigger family of a folded word, with proclitics or a verb prefix removed.
fn trigger_family(raw: &str, norm: &str) -> Option<u16> {
    let map = triggers();
    let get = |s: &str| map.get(s).copied();
    readings(raw, norm).iter().find_map(|r| {
        let s = r.stem.as_str();
        get(s)
            .or_else(|| s.strip_prefix(['س', 'ي', 'ت', 'ن', 'ا']).and_then(get))
            // The imperfect of a verb that starts with an alef drops it: `تعترف` of `اعترف`.
            .or_else(|| s.strip_prefix(['ي', 'ت', 'ن']).and_then(|rest| get(&format!("ا{rest}"))))
            .or_else(|| s.strip_prefix("سي").or_else(|| s.strip_prefix("ست")).and_then(get))
            .or_else(|| s.strip_suffix(['ت', 'ه']).and_then(get))
            .or_else(|| s.strip_prefix("ال").and_then(get))
    })
}

#[cfg(test)]
fn is_trigger(raw: &str, norm: &str) -> bool {
    trigger_family(raw, norm).is_some()
}

/// What a sentence says, independent of its dates: participants, trigger
/// families and content-word stems, as feature ids.
struct Gist {
    doc: usize,
    sentence: Span,
    /// The part of the sentence this gist reads: all of it, or, in a sentence
    /// with several dates, the stretch nearest one of them.
    part: Span,
    /// Entity indices, sorted, no repeats.
    entities: Vec<usize>,
    /// Trigger families, sorted, no repeats.
    families: Vec<u16>,
    /// Entities, families and stems, hashed; sorted, no repeats.
    features: Vec<u64>,
}

/// One dated report of an event: a sentence and one of its dates.
struct Report {
    gist: usize,
    value: String,
    period: Period,
}

/// Feature weights by rarity: how many gists have each feature (inverse frequency).
#[derive(Default)]
struct Features {
    counts: FxHashMap<u64, u32>,
    sentences: u32,
}

/// A feature: its kind (`e`ntity, `f`amily, `w`ord) and its text, hashed.
fn feature(kind: u8, text: &str) -> u64 {
    let mut h = FxHasher::default();
    kind.hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

/// True when two sorted lists share an element.
fn shares<T: Ord>(a: &[T], b: &[T]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    false
}

impl Features {
    fn weight(&self, id: u64) -> f32 {
        let df = self.counts.get(&id).copied().unwrap_or(1).max(1) as f32;
        (1.0 + self.sentences as f32 / df).ln()
    }

    /// Weighted Dice overlap of two sorted, deduplicated feature lists.
    fn overlap(&self, a: &[u64], b: &[u64]) -> f32 {
        let (mut i, mut j, mut shared, mut all) = (0, 0, 0.0, 0.0);
        while i < a.len() || j < b.len() {
            let (x, y) = (a.get(i), b.get(j));
            match (x, y) {
                (Some(x), Some(y)) if x == y => {
                    let w = self.weight(*x);
                    shared += w;
                    all += w;
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(y)) if x < y => {
                    all += self.weight(*x);
                    i += 1;
                }
                (Some(x), None) => {
                    all += self.weight(*x);
                    i += 1;
                }
                (_, Some(y)) => {
                    all += self.weight(*y);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        // `all` counts shared features once: Dice is 2·shared / (|a| + |b|).
        if all > 0.0 {
            2.0 * shared / (all + shared)
        } else {
            0.0
        }
    }
}

/// The gists of every event sentence of the set.
fn gists(docs: &[Document], mentions: &[Vec<Mention>], timexes: &[Vec<Timex>], recognized: &[Recognized], features: &mut Features) -> Vec<Gist> {
    let lx = crate::entities::lexicon::lexicon();
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for sentence in &doc.sentences {
            if doc.in_boilerplate(*sentence) {
                continue;
            }
            // A sentence with several dates tells several events: cut it halfway between them.
            let dates: Vec<Span> = timexes[d].iter().filter(|t| t.kind == TimexKind::Date && sentence.contains(&t.span)).map(|t| t.span).collect();
            // Dates a word or two apart are one expression or a range (`يوم الاثنين 10 مارس`,
            // `من عام 1910 إلى عام 1945`): no cut between them.
            let words_between = |a: &Span, b: &Span| doc.tokens.iter().filter(|t| t.span.start >= a.end && t.span.end <= b.start && t.kind == TokenKind::Word).count();
            let mut cuts = vec![sentence.start];
            cuts.extend(dates.windows(2).filter(|w| words_between(&w[0], &w[1]) >= MIN_WORDS_BETWEEN_EVENTS).map(|w| {
                let mid = (w[0].end + w[1].start) / 2;
                // On a token boundary: the start of the first token at or after the middle.
                doc.tokens.iter().map(|t| t.span.start).find(|&s| s >= mid && s <= w[1].start).unwrap_or(w[1].start)
            }));
            // The clause an elapsed duration points back into is a part of its own
            // (`وتأتي زيارة الرئيس` | `بعد تسعة أشهر على استقبال بوتين …`).
            cuts.extend(recognized[d].elapsed_clause_cuts().into_iter().filter(|&c| c > sentence.start && c < sentence.end));
            cuts.push(sentence.end);
            cuts.sort_unstable();
            cuts.dedup();
            for part in cuts.windows(2).map(|w| Span { start: w[0], end: w[1] }) {
                if let Some(g) = gist_of(doc, d, *sentence, part, &mentions[d], &timexes[d], lx, features) {
                    out.push(g);
                }
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn gist_of(doc: &Document, d: usize, sentence: Span, part: Span, mentions: &[Mention], timexes: &[Timex], lx: &crate::entities::lexicon::Lexicon, features: &mut Features) -> Option<Gist> {
    let mut families = Vec::new();
    let mut ids: Vec<u64> = Vec::new();
    // Names and dates are features of their own (or none): their words are not.
    let taken: Vec<Span> = mentions.iter().map(|m| m.span).chain(timexes.iter().map(|t| t.span)).filter(|s| s.overlaps(&part)).collect();
    let in_name_or_time = |span: &Span| taken.iter().any(|s| s.contains(span));
    let mut keys = Vec::new();
    for t in doc.tokens.iter().filter(|t| part.contains(&t.span) && t.kind == TokenKind::Word) {
        let raw = doc.slice(t.span);
        if let Some(f) = trigger_family(raw, &t.norm) {
            families.push(f);
            continue;
        }
        if in_name_or_time(&t.span) || lx.function_words.contains(t.norm.as_str()) || t.norm.chars().count() < 3 {
            continue;
        }
        if let Some(stem) = crate::search::shortest_stem(raw, &t.norm, &mut keys) {
            ids.push(feature(b'w', &stem));
        }
    }
    // A part with no trigger of its own takes its sentence's (`… استمر من عام 1910`
    // after `الذكرى الـ78 لتحرير كوريا`).
    if families.is_empty() && part != sentence {
        families = doc
            .tokens
            .iter()
            .filter(|t| sentence.contains(&t.span) && t.kind == TokenKind::Word)
            .filter_map(|t| trigger_family(doc.slice(t.span), &t.norm))
            .collect();
    }
    if families.is_empty() {
        return None;
    }
    families.sort_unstable();
    families.dedup();
    let mut entities: Vec<usize> = mentions.iter().filter(|m| part.contains(&m.span)).filter_map(|m| m.entity).collect();
    entities.sort_unstable();
    entities.dedup();
    ids.extend(entities.iter().map(|e| feature(b'e', &e.to_string())));
    ids.extend(families.iter().map(|f| feature(b'f', &f.to_string())));
    ids.sort_unstable();
    ids.dedup();
    for &id in &ids {
        *features.counts.entry(id).or_default() += 1;
    }
    features.sentences += 1;
    Some(Gist { doc: d, sentence, part, entities, families, features: ids })
}

/// The dated reports of one gist under `timexes`: each distinct date in the
/// sentence that no finer date of it lies inside.
fn reports_of(g: usize, gist: &Gist, timexes: &[Timex], out: &mut Vec<Report>) {
    let dated: Vec<(&str, Period)> = timexes
        .iter()
        .filter(|t| t.kind == TimexKind::Date && gist.part.contains(&t.span))
        .filter_map(|t| t.value.as_deref())
        .filter_map(|v| Some((v, Period::of(v)?)))
        // A century is no date for an event (`في القرن الماضي`); a decade is.
        .filter(|(_, p)| p.len() <= MAX_EVENT_PERIOD_DAYS)
        .collect();
    for (i, (v, p)) in dated.iter().enumerate() {
        let finer_inside = dated.iter().enumerate().any(|(j, (w, q))| j != i && w != v && p.contains(q) && q.len() < p.len());
        let repeated = dated[..i].iter().any(|(w, _)| w == v);
        if !finer_inside && !repeated {
            out.push(Report { gist: g, value: v.to_string(), period: *p });
        }
    }
}

/// True when two gists may tell one event: a shared participant and enough overlap.
fn alike(features: &Features, a: &Gist, b: &Gist, min: f32) -> bool {
    shares(&a.entities, &b.entities) && features.overlap(&a.features, &b.features) >= min
}

/// An item being built: its reports and the period they agree on.
struct Group {
    reports: Vec<usize>,
    period: Period,
    /// Set when the item spans several days that its reports name one by one.
    span_value: Option<String>,
    retellings: Vec<usize>,
}

fn group_reports(gists: &[Gist], reports: &[Report], features: &Features) -> Vec<Group> {
    // Finest dates first, so coarse reports join an item already pinned down.
    let mut order: Vec<(i64, i64, usize)> = reports.iter().enumerate().map(|(i, r)| (r.period.len(), r.period.first, i)).collect();
    order.sort_unstable();
    let mut groups: Vec<Group> = Vec::new();
    for (_, _, i) in order {
        let r = &reports[i];
        let g = &gists[r.gist];
        let fits = |grp: &Group| -> Option<(f32, bool)> {
            let nested = grp.period.nested(&r.period);
            let adjacent_days = grp.period.len() <= MAX_EVENT_DAYS
                && r.period.len() == 1
                && (r.period.first - grp.period.last).max(grp.period.first - r.period.first) < MAX_EVENT_DAYS;
            if !nested && !adjacent_days {
                return None;
            }
            grp.reports
                .iter()
                .filter_map(|&j| {
                    let o = &gists[reports[j].gist];
                    // Two sentences of one article tell one event only when they share a trigger family.
                    let same_article_ok = o.doc != g.doc || shares(&o.families, &g.families);
                    // Adjacent days (a visit of two days) need the same kind of event.
                    let kind_ok = nested || shares(&o.families, &g.families);
                    (o.part != g.part || o.doc != g.doc).then_some(())?;
                    (same_article_ok && kind_ok && alike(features, o, g, MIN_SAME_EVENT)).then(|| (features.overlap(&o.features, &g.features), nested))
                })
                .max_by(|a, b| a.0.total_cmp(&b.0))
        };
        let best = groups
            .iter()
            .enumerate()
            .filter_map(|(k, grp)| fits(grp).map(|f| (k, f)))
            .max_by(|a, b| a.1 .0.total_cmp(&b.1 .0));
        match best {
            Some((k, (_, nested))) => {
                let grp = &mut groups[k];
                grp.reports.push(i);
                if nested {
                    if grp.period.contains(&r.period) && grp.span_value.is_none() {
                        grp.period = r.period;
                    }
                } else {
                    grp.period = Period { first: grp.period.first.min(r.period.first), last: grp.period.last.max(r.period.last) };
                    let day = |n: i64| Date::from_day_number(n).map(|d| d.iso()).unwrap_or_default();
                    grp.span_value = Some(format!("{}/{}", day(grp.period.first), day(grp.period.last)));
                }
            }
            None => groups.push(Group { reports: vec![i], period: r.period, span_value: None, retellings: Vec::new() }),
        }
    }
    groups
}

/// Sentences that retell an item's event from another article join it: undated
/// ones, and ones whose only date is what an elapsed duration points back to
/// (`بعد تسعة أشهر على استقبال …`), which must then nest with the item's.
/// Sentences that joined count as members for the ones after them.
fn attach_retellings(gists: &[Gist], reports: &[Report], elapsed: &[Vec<(Span, Period)>], features: &Features, groups: &mut [Group]) {
    let mut dated = vec![false; gists.len()];
    for r in reports {
        dated[r.gist] = true;
    }
    for (g, gist) in gists.iter().enumerate() {
        if dated[g] || gist.entities.is_empty() {
            continue;
        }
        let back: Vec<Period> = elapsed[gist.doc].iter().filter(|(s, _)| gist.part.contains(s)).map(|(_, p)| *p).collect();
        let best = groups
            .iter()
            .enumerate()
            .filter(|(_, grp)| back.is_empty() || back.iter().any(|p| p.nested(&grp.period)))
            .filter_map(|(k, grp)| {
                grp.reports
                    .iter()
                    .map(|&j| reports[j].gist)
                    .chain(grp.retellings.iter().copied())
                    .map(|o| &gists[o])
                    .filter(|o| o.doc != gist.doc && shares(&o.families, &gist.families))
                    .filter(|o| alike(features, o, gist, MIN_RETELLING))
                    .map(|o| features.overlap(&o.features, &gist.features))
                    .max_by(f32::total_cmp)
                    .map(|s| (k, s))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, _)) = best {
            groups[k].retellings.push(g);
        }
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
#[allow(clippy::too_many_arguments)]
pub fn build(
    docs: &[Document],
    offsets: &[OffsetIndex],
    inputs: &[ArticleInput],
    mentions: &[Vec<Mention>],
    records: &[EntityRecord],
    timexes: &[Vec<Timex>],
    recognized: &[Recognized],
    dcts: &[Option<Date>],
) -> Vec<TimelineItem> {
    let mut features = Features::default();
    let gists = gists(docs, mentions, timexes, recognized, &mut features);
    let mut reports = Vec::new();
    for (g, gist) in gists.iter().enumerate() {
        reports_of(g, gist, &timexes[gist.doc], &mut reports);
        // The event an anniversary marks: N years before the day it is marked on
        // (a day the sentence names, else the publication date).
        for (cue, years) in recognized[gist.doc].anniversaries() {
            if !gist.part.contains(cue) {
                continue;
            }
            let day = timexes[gist.doc]
                .iter()
                .filter(|t| gist.sentence.contains(&t.span))
                .filter_map(|t| t.value.as_deref().and_then(Date::parse))
                .max()
                .or(dcts[gist.doc]);
            let Some(marked) = day.and_then(|d| d.add_months(-12 * years)) else { continue };
            // Unless the sentence dates the event itself.
            if !reports.iter().any(|r| r.gist == g && r.period.nested(&Period::day(marked))) {
                reports.push(Report { gist: g, value: marked.iso(), period: Period::day(marked) });
            }
        }
    }
    let elapsed: Vec<Vec<(Span, Period)>> =
        recognized.iter().zip(dcts).map(|(r, dct)| dct.map(|d| r.elapsed_periods(d)).unwrap_or_default()).collect();
    let elapsed = &elapsed;
    let mut groups = group_reports(&gists, &reports, &features);
    attach_retellings(&gists, &reports, elapsed, &features, &mut groups);
    let items: Vec<TimelineItem> = groups
        .iter()
        .map(|grp| {
            let finest = grp.reports.iter().map(|&i| &reports[i]).min_by_key(|r| (r.period.len(), r.period.first));
            let value = grp.span_value.clone().or_else(|| finest.map(|r| r.value.clone())).unwrap_or_default();
            let first = &gists[reports[grp.reports[0]].gist];
            let sources: Vec<usize> = grp.reports.iter().map(|&i| reports[i].gist).chain(grp.retellings.iter().copied()).collect();
            let mut keyed: Vec<(usize, usize, usize)> = sources.iter().map(|&g| (gists[g].doc, gists[g].sentence.start, g)).collect();
            keyed.sort_unstable();
            keyed.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
            let sources: Vec<usize> = keyed.into_iter().map(|k| k.2).collect();
            let mut entities: Vec<usize> = sources.iter().flat_map(|&g| gists[g].entities.iter().copied()).collect();
            entities.sort_unstable();
            entities.dedup();
            TimelineItem {
                id: String::new(),
                value,
                // The part of the sentence that tells this event.
                label: label_of(docs[first.doc].slice(first.part)),
                entities: entities.into_iter().filter_map(|e| records.get(e).map(|r| r.id.clone())).collect(),
                mentions: sources
                    .iter()
                    .map(|&g| {
                        let gist = &gists[g];
                        let s = offsets[gist.doc].span(gist.sentence);
                        EventMention { article: inputs[gist.doc].id.clone(), start: s.start, end: s.end, start16: s.start16, end16: s.end16 }
                    })
                    .collect(),
            }
        })
        .collect();
    // Oldest first; an item whose value has no period (none should) last.
    let mut order: Vec<(i64, i64, usize)> =
        items.iter().enumerate().map(|(i, it)| Period::of(&it.value).map_or((i64::MAX, 0, i), |p| (p.first, p.last, i))).collect();
    order.sort_unstable();
    let mut slots: Vec<Option<TimelineItem>> = items.into_iter().map(Some).collect();
    let mut items: Vec<TimelineItem> = order.into_iter().filter_map(|(_, _, i)| slots[i].take()).collect();
    for (n, item) in items.iter_mut().enumerate() {
        item.id = format!("e{}", n + 1);
    }
    items
}

/// Publication dates for the articles that have none, from the set: the day
/// that best lines up the article's relative expressions with the events the
/// other articles date (and that agrees with a weekday the article names as
/// today). Articles whose evidence matches nothing, or allows days too far
/// apart, keep none. Returns the dates found, by article.
pub fn infer_dcts(docs: &[Document], mentions: &[Vec<Mention>], recognized: &[Recognized], dcts: &[Option<Date>]) -> Vec<Option<Date>> {
    let mut known: Vec<Option<Date>> = dcts.to_vec();
    let mut found: Vec<Option<Date>> = vec![None; docs.len()];
    // A second round lets an article dated in the first help date another.
    for _round in 0..2 {
        let timexes: Vec<Vec<Timex>> = recognized.iter().zip(&known).map(|(r, d)| r.resolve(*d)).collect();
        let mut features = Features::default();
        let gists = gists(docs, mentions, &timexes, recognized, &mut features);
        let mut anchors = Vec::new();
        for (g, gist) in gists.iter().enumerate() {
            if known[gist.doc].is_some() {
                reports_of(g, gist, &timexes[gist.doc], &mut anchors);
            }
        }
        // (entity, anchor) pairs, sorted: the anchors of an entity are one run.
        let mut by_entity: Vec<(usize, usize)> = anchors.iter().enumerate().flat_map(|(i, a)| gists[a.gist].entities.iter().map(move |&e| (e, i))).collect();
        by_entity.sort_unstable();
        let mut changed = false;
        for d in 0..docs.len() {
            if known[d].is_some() || !recognized[d].has_relative() {
                continue;
            }
            let known_days: Vec<i64> = known.iter().flatten().map(Date::day_number).collect();
            if let Some(date) = infer_one(d, &gists, &anchors, &by_entity, &features, &recognized[d], &known_days) {
                known[d] = Some(date);
                found[d] = Some(date);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    found
}

/// An event sentence of an undated article: its gist, the indices of its
/// relative expressions, and the periods of the reports it resembles with their overlap.
type Evidence = (usize, Vec<usize>, Vec<(Period, f32)>);

#[allow(clippy::too_many_arguments)]
fn infer_one(d: usize, gists: &[Gist], anchors: &[Report], by_entity: &[(usize, usize)], features: &Features, recognized: &Recognized, known_days: &[i64]) -> Option<Date> {
    let own: Vec<usize> = (0..gists.len()).filter(|&g| gists[g].doc == d).collect();
    // Which other articles' dated reports each of this article's event sentences
    // resembles (only those sharing a participant can: look them up by entity).
    let similar: Vec<(usize, Vec<&Report>)> = own
        .iter()
        .map(|&g| {
            let mut candidates: Vec<usize> = gists[g]
                .entities
                .iter()
                .flat_map(|&e| {
                    let from = by_entity.partition_point(|p| p.0 < e);
                    by_entity[from..].iter().take_while(move |p| p.0 == e).map(|p| p.1)
                })
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let mut near: Vec<(f32, &Report)> = candidates
                .into_iter()
                .map(|i| &anchors[i])
                .filter(|a| shares(&gists[a.gist].families, &gists[g].families) && alike(features, &gists[a.gist], &gists[g], MIN_SAME_EVENT))
                .map(|a| (features.overlap(&gists[a.gist].features, &gists[g].features), a))
                .collect();
            // One report per date (copies of a wire story are one piece of evidence),
            // the closest few: enough, and large sets stay fast.
            let mut best: Vec<(f32, &Report)> = Vec::new();
            for (w, a) in near.drain(..) {
                match best.iter_mut().find(|(_, b)| b.period == a.period) {
                    Some(slot) if slot.0 < w => *slot = (w, a),
                    Some(_) => {}
                    None => best.push((w, a)),
                }
            }
            while best.len() > MAX_NEAR_REPORTS {
                let weakest = best.iter().enumerate().min_by(|x, y| x.1 .0.total_cmp(&y.1 .0)).map_or(0, |(i, _)| i);
                best.swap_remove(weakest);
            }
            (g, best.into_iter().map(|(_, a)| a).collect())
        })
        .collect();
    let mut candidates: Vec<i64> = similar
        .iter()
        .flat_map(|(_, near)| near.iter().filter(|a| a.period.len() <= MAX_ANCHOR_DAYS).flat_map(|a| (a.period.first - DCT_WINDOW_DAYS)..=(a.period.last + DCT_WINDOW_DAYS)))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    if candidates.len() > MAX_DCT_CANDIDATES {
        return None;
    }
    // Dates the article gives in full, outside plans, are in its past.
    let not_before = recognized.not_before();
    let weekdays = recognized.today_weekdays();
    let relative = recognized.relative_dates();
    // For each event sentence: its relative expressions, and the dated reports it resembles
    // with their overlap (the evidence a candidate day can line up).
    let evidence: Vec<Evidence> = similar
        .iter()
        .map(|(g, near)| {
            let part = gists[*g].part;
            let own: Vec<usize> = relative.iter().filter(|(_, span)| part.contains(span)).map(|(k, _)| *k).collect();
            let weighed = near.iter().map(|a| (a.period, features.overlap(&gists[a.gist].features, &gists[*g].features))).collect();
            (*g, own, weighed)
        })
        .collect();
    // Pairs of this article's own event sentences that may tell one event: read
    // with the right date, their relative dates nest too (`قمة الأسبوع الماضي` and `في 14 سبتمبر`).
    let rel_in = |g: usize| -> Vec<usize> { relative.iter().filter(|(_, span)| gists[g].part.contains(span)).map(|(k, _)| *k).collect() };
    let own_pairs: Vec<(Vec<usize>, Vec<usize>, f32)> = own
        .iter()
        .enumerate()
        .flat_map(|(i, &a)| own[i + 1..].iter().map(move |&b| (a, b)))
        .filter(|&(a, b)| shares(&gists[a].families, &gists[b].families) && alike(features, &gists[a], &gists[b], MIN_SAME_EVENT))
        .map(|(a, b)| (rel_in(a), rel_in(b), features.overlap(&gists[a].features, &gists[b].features)))
        .filter(|(ra, rb, _)| !ra.is_empty() && !rb.is_empty())
        .collect();
    let mut best: (f32, Vec<i64>) = (0.0, Vec::new());
    let mut periods: Vec<Period> = Vec::new();
    for &day in &candidates {
        if not_before.is_some_and(|n| day < n) {
            continue;
        }
        let Some(date) = Date::from_day_number(day) else { continue };
        let elapsed = recognized.elapsed_periods(date);
        let mut score = 0.0;
        for (g, own_relative, weighed) in &evidence {
            periods.clear();
            periods.extend(own_relative.iter().filter_map(|&k| recognized.period_at(k, date)));
            // What an elapsed duration points back to is a dated report too, for this purpose.
            periods.extend(elapsed.iter().filter(|(span, _)| gists[*g].part.contains(span)).map(|(_, p)| *p));
            periods.dedup();
            score += periods.iter().map(|p| weighed.iter().filter(|(q, _)| q.nested(p)).map(|(_, w)| w).sum::<f32>()).sum::<f32>();
        }
        if score <= 0.0 {
            continue;
        }
        for (ra, rb, overlap) in &own_pairs {
            let pa: Vec<Period> = ra.iter().filter_map(|&k| recognized.period_at(k, date)).collect();
            if rb.iter().filter_map(|&k| recognized.period_at(k, date)).any(|q| pa.iter().any(|p| p.nested(&q))) {
                score += overlap;
            }
        }
        // The articles of one set tell one story, mostly within a short time:
        // evidence years away from the others' dates counts for less (whole
        // years, so that the prior never picks a day within the evidence).
        if let Some(away) = known_days.iter().map(|k| (k - day).abs()).min() {
            score /= 1.0 + (away / 365) as f32 / 2.0;
        }
        if weekdays.contains(&date.weekday()) {
            score += 0.05;
        }
        if score > best.0 + 1e-4 {
            best = (score, vec![day]);
        } else if (score - best.0).abs() <= 1e-4 {
            best.1.push(day);
        }
    }
    let days = best.1;
    let (first, last) = (*days.first()?, *days.last()?);
    if last - first > MAX_DCT_SPREAD_DAYS {
        return None;
    }
    // The middle of the days the evidence allows.
    Date::from_day_number(days[days.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::ArticleInput;

    fn article(id: &str, text: &str, dct: Option<&str>) -> ArticleInput {
        ArticleInput { id: id.into(), text: text.into(), dct: dct.map(Into::into), page: None }
    }

    /// A story from two outlets, the second with no date of its own, and an
    /// unrelated undated article.
    fn story() -> crate::Analysis {
        crate::analyze(&[
            article(
                "a",
                "استقبل الرئيس المصري عبد الفتاح السيسي ولي العهد السعودي الأمير محمد بن سلمان في القاهرة يوم الاثنين 10 مارس 2025.\n\nووقع البلدان اتفاقية للتعاون في مجال الطاقة خلال اللقاء.\n\nوكان السيسي قد زار الرياض في يناير 2024 والتقى الملك سلمان بن عبد العزيز.",
                Some("2025-03-12"),
            ),
            article(
                "b",
                "التقى السيسي ومحمد بن سلمان في القاهرة أمس ووقع البلدان اتفاقية الطاقة.\n\nوكان السيسي قد زار الرياض في يناير من العام الماضي والتقى الملك سلمان بن عبد العزيز.",
                None,
            ),
            article("c", "أعلنت وزارة الزراعة أمس عن خطة جديدة لدعم المزارعين في الصعيد.", None),
        ])
        .expect("analysis")
    }

    #[test]
    fn an_undated_article_is_dated_by_the_events_the_others_date() {
        let a = story();
        let dct = |i: usize| (a.articles[i].dct.value.clone(), a.articles[i].dct.source);
        assert_eq!(dct(0), (Some("2025-03-12".into()), "given"));
        // `أمس` is the day of the Cairo meeting, 10 March: published the 11th.
        assert_eq!(dct(1), (Some("2025-03-11".into()), "inferred"));
        // Nothing in the set tells of the agriculture plan: no date is guessed.
        assert_eq!(dct(2), (None, "none"));
    }

    #[test]
    fn one_event_reported_by_two_articles_is_one_item() {
        let a = story();
        let meeting: Vec<_> = a.timeline.iter().filter(|i| i.value == "2025-03-10").collect();
        assert_eq!(meeting.len(), 1, "{:#?}", a.timeline);
        let sources: std::collections::BTreeSet<&str> = meeting[0].mentions.iter().map(|m| m.article.as_str()).collect();
        assert_eq!(sources, std::collections::BTreeSet::from(["a", "b"]));
        // The earlier visit, `يناير 2024` in one and `يناير من العام الماضي` in the other.
        let visit: Vec<_> = a.timeline.iter().filter(|i| i.value == "2024-01").collect();
        assert_eq!(visit.len(), 1, "{:#?}", a.timeline);
        assert_eq!(visit[0].mentions.len(), 2);
    }

    #[test]
    fn dates_of_different_granularity_join_when_one_holds_the_other() {
        let a = crate::analyze(&[
            article("a", "قال مسؤولون إن الرئيس الروسي فلاديمير بوتين سيزور بيونغ يانغ الأسبوع المقبل للقاء كيم جونغ أون.", Some("2024-06-14")),
            article("b", "سيزور الرئيس الروسي فلاديمير بوتين بيونغ يانغ يوم الثلاثاء في زيارة تستغرق يومين للقاء كيم جونغ أون.", Some("2024-06-17")),
        ])
        .expect("analysis");
        let visit: Vec<_> = a.timeline.iter().filter(|i| i.mentions.len() == 2).collect();
        assert_eq!(visit.len(), 1, "{:#?}", a.timeline);
        // The finer date wins: Tuesday 18 June, inside the week after 14 June.
        assert_eq!(visit[0].value, "2024-06-18");
    }

    #[test]
    fn trigger_families_group_verbs_and_nouns() {
        let family = |w: &str| trigger_family(w, &fold(w));
        assert_eq!(family("زار"), family("الزيارة"));
        assert_eq!(family("التقى"), family("قمة"));
        assert_ne!(family("زار"), family("وقع"));
        assert_eq!(family("تعترف"), family("اعترف"));
    }

    #[test]
    fn triggers_match_through_clitics_and_prefixes() {
        assert!(is_trigger("وزار", "وزار"));
        assert!(is_trigger("سيزور", "سيزور"));
        assert!(is_trigger("الزيارة", "الزياره"));
        assert!(!is_trigger("الكتاب", "الكتاب"));
    }
}

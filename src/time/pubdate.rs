//! The publication date of an article: stated on a date line near the top, or
//! inferred from the text's own evidence (never guessed), and the tense of a
//! sentence, which decides whether `يوم الثلاثاء` is the last or the next one.

use super::lexicon::Cat;
use super::recognize::{recognize, Cursor, Found, Spec};
use super::Date;
use crate::offsets::Span;
use crate::text::{Document, TokenKind};

/// How many lines from the top a date line may be.
const DATE_LINE_MAX_LINE: usize = 12;
/// Words a date line may carry besides its date and label (`GMT`, `ص`, a city).
const DATE_LINE_MAX_OTHER_WORDS: usize = 2;

/// How many tokens after a time expression may still hold its verb.
const VERB_WINDOW_AFTER: usize = 8;

/// True when the clause around `span` speaks of the future: a cue word (`سوف`,
/// `من المقرر`, `المقبل`) or a verb with the future prefix سـ (`سيزور`, `ستعقد`),
/// from the start of the sentence to a few words after the expression.
pub(crate) fn future_sentence(cx: &Cursor, span: Span) -> bool {
    let doc = cx.doc;
    let Some(sentence) = doc
        .sentence_at(span.start)
        .and_then(|i| doc.sentences.get(i))
    else {
        return false;
    };
    let first = doc.tokens.partition_point(|t| t.span.end <= sentence.start);
    let last = doc.tokens.partition_point(|t| t.span.end <= span.end) + VERB_WINDOW_AFTER;
    doc.tokens
        .iter()
        .enumerate()
        .take(last)
        .skip(first)
        .take_while(|(_, t)| t.span.start < sentence.end)
        .any(|(_, t)| {
            t.kind == TokenKind::Word
                && (cx.lex.cue(Cat::Future, &t.norm).is_some() || future_verb(cx, &t.norm))
        })
}

/// `سيزور`, `وستعقد`, `سنرى`: س + an imperfect prefix (ي ت ن ا), not a listed noun.
/// Only و is taken off first: ف + س starts too many names (`فستشانى`).
fn future_verb(cx: &Cursor, norm: &str) -> bool {
    let word = norm
        .strip_prefix('و')
        .filter(|w| w.starts_with('س'))
        .unwrap_or(norm);
    let mut chars = word.chars();
    let (Some('س'), Some(second)) = (chars.next(), chars.next()) else {
        return false;
    };
    let rest_len = chars.clone().count();
    if !matches!(second, 'ي' | 'ت' | 'ن' | 'ا') || rest_len < 2 {
        return false;
    }
    // سياسة, سيارة, سياحة: سيا is almost never a future verb.
    if word.starts_with("سيا") {
        return false;
    }
    cx.lex.cue(Cat::NotFuture, word).is_none()
}

/// A line near the top that is a date and little else: `تاريخ النشر: 14th, June 2024 GMT`,
/// `17 حزيران 2024`, `14-9-2023 | 03:15`, `نشر في: الأحد 16 يونيو 2024`.
pub(crate) fn stated(doc: &Document) -> Option<Date> {
    let cx = Cursor::new(doc);
    let found = recognize(&cx);
    for line in doc.lines.iter().take(DATE_LINE_MAX_LINE) {
        let in_line: Vec<&Found> = found.iter().filter(|f| line.contains(&f.span)).collect();
        let Some(date) = in_line.iter().find_map(|f| f.spec.full_date()) else {
            continue;
        };
        let other_words = doc
            .tokens
            .iter()
            .filter(|t| {
                line.contains(&t.span) && matches!(t.kind, TokenKind::Word | TokenKind::Latin)
            })
            .filter(|t| !in_line.iter().any(|f| f.span.contains(&t.span)))
            .filter(|t| {
                cx.lex.cue(Cat::Label, &t.norm).is_none()
                    && !matches!(t.norm.as_str(), "في" | "on" | "at")
            })
            .count();
        if other_words <= DATE_LINE_MAX_OTHER_WORDS {
            return Some(date);
        }
    }
    None
}

/// Evidence, in order:
/// 1. a deictic with an explicit full date (`اليوم الثلاثاء 15 أغسطس 2023`, `أمس، 14 يونيو 2024`);
/// 2. an anniversary of a fully dated event said to be today
///    (`اليوم ... الذكرى الـ78 لـ... 15 أغسطس 1945`), checked against a named weekday.
pub(crate) fn inferred(doc: &Document) -> Option<Date> {
    let cx = Cursor::new(doc);
    let found = recognize(&cx);
    if let Some(d) = found
        .iter()
        .find_map(|f| f.spec.full_date().zip(f.deictic))
        .and_then(|(d, off)| d.add_days(-off))
    {
        return Some(d);
    }
    anniversary(&cx, &found)
}

/// `الذكرى الـ78` (or `الذكرى 78`) in a sentence that also says `اليوم` and gives the event's
/// full date: that date plus the years, when it agrees with a weekday named as today.
fn anniversary(cx: &Cursor, found: &[Found]) -> Option<Date> {
    let doc = cx.doc;
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || !cx.is_cue(i, Cat::Anniv) {
            continue;
        }
        let years = doc
            .tokens
            .get(i + 1..(i + 3).min(doc.tokens.len()))
            .and_then(|ts| ts.iter().find(|t| t.kind == TokenKind::Number))
            .and_then(|t| t.norm.parse::<i32>().ok())
            .filter(|n| (1..=500).contains(n))?;
        let sentence = doc
            .sentence_at(t.span.start)
            .and_then(|s| doc.sentences.get(s))
            .copied()?;
        let here: Vec<&Found> = found
            .iter()
            .filter(|f| sentence.contains(&f.span))
            .collect();
        let today: Vec<Option<u32>> = here
            .iter()
            .filter_map(|f| match &f.spec {
                Spec::Deictic(0) => Some(weekday_named_after(cx, f)),
                _ => None,
            })
            .collect();
        if today.is_empty() {
            continue;
        }
        let event = here.iter().find_map(|f| f.spec.full_date())?;
        let date = Date::new(event.year.checked_add(years)?, event.month, event.day)?;
        if today
            .iter()
            .all(|w| w.map_or(true, |w| w == date.weekday()))
        {
            return Some(date);
        }
    }
    None
}

/// Whether the word before a duration makes it point back from now: `منذ`
/// (since: `الأولى منذ 24 عاماً`, the earlier event told before it) gives
/// `Some(false)`; `بعد` followed by `على`/`من` (`بعد تسعة أشهر على استقبال …`,
/// the earlier event told after it) gives `Some(true)`; anything else `None`.
pub(crate) fn looks_back(cx: &Cursor, f: &Found) -> Option<bool> {
    let toks = &cx.doc.tokens;
    let before = f.first.checked_sub(1).and_then(|i| toks.get(i)).map(|t| t.norm.as_str());
    let after = toks.get(f.end).map(|t| t.norm.as_str());
    match before {
        Some("منذ") => Some(false),
        // Folded: `على` is `علي`.
        Some("بعد") if matches!(after, Some("علي" | "من")) => Some(true),
        _ => None,
    }
}

/// Every `الذكرى الـ78` (or `الذكرى 78`): the cue's span and the years.
pub(crate) fn anniversaries(cx: &Cursor) -> Vec<(Span, i32)> {
    let doc = cx.doc;
    doc.tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| t.kind == TokenKind::Word && cx.is_cue(*i, Cat::Anniv))
        .filter_map(|(i, t)| {
            let years = doc
                .tokens
                .get(i + 1..(i + 3).min(doc.tokens.len()))?
                .iter()
                .find(|t| t.kind == TokenKind::Number)?
                .norm
                .parse::<i32>()
                .ok()
                .filter(|n| (1..=500).contains(n))?;
            Some((t.span, years))
        })
        .collect()
}

/// The weekdays named as today anywhere in the text (`اليوم الثلاثاء`).
pub(crate) fn today_weekdays(cx: &Cursor, found: &[Found]) -> Vec<u32> {
    let mut out: Vec<u32> = found
        .iter()
        .filter(|f| matches!(f.spec, Spec::Deictic(0)))
        .filter_map(|f| weekday_named_after(cx, f))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The weekday an `اليوم الثلاثاء` span names, if any.
fn weekday_named_after(cx: &Cursor, f: &Found) -> Option<u32> {
    cx.doc
        .tokens
        .get(f.first + 1..f.end)?
        .iter()
        .find_map(|t| cx.lex.weekdays.get(t.norm.as_str()).map(|w| w.weekday))
}

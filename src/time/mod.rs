//! Stage 3: time expressions, their TIMEX3 values, and publication dates.
//!
//! - [`lexicon`]: month, weekday, number, unit and cue words (`data/time/*.tsv`);
//! - [`recognize`]: token patterns → spans with a meaning ([`recognize::Spec`]);
//! - [`resolve`]: meaning + dct (+ tense) → TIMEX3 value;
//! - [`calendar`]: day numbers, weekdays, ISO weeks;
//! - [`period`]: the days a TIMEX3 value covers, to compare values of any granularity;
//! - [`pubdate`]: the publication date a text states or implies.

mod calendar;
mod lexicon;
mod period;
mod pubdate;
mod recognize;
mod resolve;

pub use period::Period;

use crate::offsets::Span;
use crate::text::{BoilerplateKind, Document};

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year (astronomical).
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
    /// Day 1..=31.
    pub day: u32,
}

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or None.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parse `YYYY-MM-DD`; None for anything else or an impossible date.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        Date::new(
            s.get(0..4)?.parse().ok()?,
            s.get(5..7)?.parse().ok()?,
            s.get(8..10)?.parse().ok()?,
        )
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The TIMEX3 type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimexKind {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurring time.
    Set,
}

impl TimexKind {
    /// The contract's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// One time expression found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    /// Where it is (raw bytes).
    pub span: Span,
    /// Its type.
    pub kind: TimexKind,
    /// Its TIMEX3 value (`2024-06-14`, `2024-06`, `2024`, `2024-W25`, `199`, `19`,
    /// `1950/1953`, `PRESENT_REF`, `XXXX-09-14`, `P24Y`, `2023-09-14T03:15`), or None.
    pub value: Option<String>,
}

/// The time expressions of a document, recognised once and resolvable against
/// any publication date: the set-level inference of a missing dct tries many.
pub struct Recognized {
    items: Vec<(Span, recognize::Spec, bool)>,
    /// Durations that say how long ago something was: `منذ 24 عاماً` (the first
    /// visit since), `بعد تسعة أشهر على …` (what came before): (span, count, unit).
    /// The last field: the earlier event is told after the duration (`بعد … على X`).
    elapsed: Vec<(Span, i64, lexicon::Unit, bool)>,
    /// `الذكرى الـ78`: the cue's span and the years.
    anniversaries: Vec<(Span, i32)>,
    /// Weekdays the text names as today (`اليوم الثلاثاء`).
    today_weekdays: Vec<u32>,
}

/// A date expression that has a value only given a publication date.
fn relative_date(spec: &recognize::Spec, future: bool) -> bool {
    spec.kind() == TimexKind::Date && resolve::resolve(spec, None, future).is_none()
}

impl Recognized {
    /// Every expression resolved against `dct` (relative ones get no value without it).
    pub fn resolve(&self, dct: Option<Date>) -> Vec<Timex> {
        self.items
            .iter()
            .map(|(span, spec, future)| Timex {
                span: *span,
                kind: spec.kind(),
                value: resolve::resolve(spec, dct, *future),
            })
            .collect()
    }

    /// The expressions that are dates only given a publication date (`الشهر الماضي`,
    /// `في 14 سبتمبر`): their index and span.
    pub fn relative_dates(&self) -> Vec<(usize, Span)> {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, (_, spec, future))| relative_date(spec, *future))
            .map(|(k, (span, _, _))| (k, *span))
            .collect()
    }

    /// The days expression `k` covers when the publication date is `dct`.
    pub fn period_at(&self, k: usize, dct: Date) -> Option<Period> {
        let (_, spec, future) = self.items.get(k)?;
        Period::of(&resolve::resolve(spec, Some(dct), *future)?)
    }

    /// True when some expression needs the publication date for its value.
    pub fn has_relative(&self) -> bool {
        self.items.iter().any(|(_, spec, future)| relative_date(spec, *future))
    }

    /// The latest first day of a date the text gives in full (needing no dct)
    /// outside sentences about the future: the publication date is not before it.
    pub fn not_before(&self) -> Option<i64> {
        self.items
            .iter()
            .filter(|(_, spec, future)| !future && spec.kind() == TimexKind::Date)
            .filter_map(|(_, spec, future)| resolve::resolve(spec, None, *future))
            .filter_map(|v| Period::of(&v))
            .map(|p| p.first)
            .max()
    }

    /// Where the clause of an elapsed duration's earlier event begins, when it
    /// follows the duration (`بعد تسعة أشهر على استقبال …`). (`منذ 24 عاماً` in `أول
    /// زيارة منذ 24 عاماً` points back to an event of the same kind as its sentence's:
    /// no clause of its own.)
    pub fn elapsed_clause_cuts(&self) -> Vec<usize> {
        self.elapsed.iter().filter(|e| e.3).map(|(span, _, _, _)| span.start).collect()
    }

    /// The periods the elapsed durations point back to from `dct`, at the
    /// duration's granularity (`منذ 24 عاماً` said in 2024 → the year 2000).
    pub fn elapsed_periods(&self, dct: Date) -> Vec<(Span, Period)> {
        use lexicon::Unit;
        self.elapsed
            .iter()
            .filter_map(|&(span, n, unit, _)| {
                let back = match unit {
                    Unit::Year => dct.add_months(-(12 * n as i32))?.year.to_string(),
                    Unit::Month => dct.add_months(-(n as i32))?.month_value(),
                    Unit::Week => dct.add_days(-7 * n)?.iso_week_value(),
                    Unit::Day => dct.add_days(-n)?.iso(),
                    _ => return None,
                };
                Some((span, Period::of(&back)?))
            })
            .collect()
    }

    /// Every `الذكرى الـN` of the text: the cue's span and N. On the day of the
    /// Nth anniversary, the event it marks was N years before.
    pub fn anniversaries(&self) -> &[(Span, i32)] {
        &self.anniversaries
    }

    /// The weekdays (1 = Monday) the text names as today; a publication date must be one of them.
    pub fn today_weekdays(&self) -> &[u32] {
        &self.today_weekdays
    }
}

/// Recognise the time expressions of `doc` (outside other stories' teasers, tag
/// lists and mastheads, whose dates are not this article's).
pub fn recognize_timexes(doc: &Document) -> Recognized {
    let cx = recognize::Cursor::new(doc);
    let found: Vec<recognize::Found> = recognize::recognize(&cx)
        .into_iter()
        .filter(|f| {
            !doc.boilerplate.iter().any(|b| {
                matches!(
                    b.kind,
                    BoilerplateKind::Related | BoilerplateKind::Tags | BoilerplateKind::Masthead
                ) && b.span.contains(&f.span)
            })
        })
        .collect();
    let today_weekdays = pubdate::today_weekdays(&cx, &found);
    let elapsed = found
        .iter()
        .filter_map(|f| match &f.spec {
            recognize::Spec::Duration { n: Some(n), unit } => {
                let told_after = pubdate::looks_back(&cx, f)?;
                Some((f.span, n.parse::<i64>().ok().filter(|n| (1..=200).contains(n))?, *unit, told_after))
            }
            _ => None,
        })
        .collect();
    let items = found
        .into_iter()
        .map(|f| {
            let future = pubdate::future_sentence(&cx, f.span);
            (f.span, f.spec, future)
        })
        .collect();
    let anniversaries = pubdate::anniversaries(&cx);
    Recognized { items, elapsed, anniversaries, today_weekdays }
}

/// Find every time expression of `doc`; relative ones are resolved against `dct`
/// and left with no value when `dct` is None.
pub fn find_timexes(doc: &Document, dct: Option<Date>) -> Vec<Timex> {
    recognize_timexes(doc).resolve(dct)
}

/// The publication date stated in the text (a date line near the top), if any.
pub fn stated_publication_date(doc: &Document) -> Option<Date> {
    pubdate::stated(doc)
}

/// A publication date inferred from the text's own evidence, if any.
pub fn inferred_publication_date(doc: &Document) -> Option<Date> {
    pubdate::inferred(doc)
}

#[cfg(test)]
mod tests;

//! Finding time expressions in a document's tokens.
//!
//! Each pattern below starts at one token and returns what it read as a
//! [`Spec`] (the expression's meaning before the dct is known). The driver
//! keeps, at each token, the longest reading and goes on after it, so the
//! result is sorted and never overlaps. Spans start at the head word after its
//! proclitics (`وفي`, `بعام`) and never include prepositions.

use super::lexicon::{lexicon, Calendar, Cat, Count, Lexicon, NumKind, Unit};
use super::{Date, TimexKind};
use crate::offsets::Span;
use crate::text::charset::is_arabic_mark;
use crate::text::clitics::readings;
use crate::text::{Document, TokenKind};

/// How an expression names its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Year {
    /// Written out (`2024`).
    Abs(i32),
    /// Relative to the dct's year (`العام الماضي` = -1).
    Rel(i32),
    /// Not written: the dct and the tense choose it.
    Unknown,
    /// Written, but not a possible year (`19451`).
    Bad,
}

/// A century named by ordinal (`القرن العشرين` = 20) or relative to the dct (`القرن الماضي` = -1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CenturyRef {
    Ordinal(u32),
    Rel(i32),
}

/// What an expression means, before it is resolved against the dct.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Spec {
    /// A calendar date at year, month or day precision.
    Cal {
        year: Year,
        month: Option<u32>,
        day: Option<u32>,
    },
    /// A date in the Hijri calendar (Umm al-Qura), converted in `resolve`.
    Hijri {
        /// The Hijri year, when written.
        year: Option<i32>,
        /// 1..=12, when written.
        month: Option<u32>,
        /// 1..=30, when written.
        day: Option<u32>,
    },
    /// `1950-1953`.
    YearRange(i32, i32),
    /// `التسعينيات` (digit 9), of a century or of the 1900s.
    Decade {
        digit: u32,
        century: Option<CenturyRef>,
    },
    /// `القرن العشرين`, `القرن الماضي`.
    Century(CenturyRef),
    /// A day relative to the dct (`اليوم` 0, `أمس` -1).
    Deictic(i64),
    /// `الآن`, generic `إلى اليوم`.
    Present,
    /// A week relative to the dct's week (`الأسبوع المقبل` = 1).
    Week(i32),
    /// A month relative to the dct's month (`الشهر الماضي` = -1).
    Month(i32),
    /// A named month before (-1), in (0) or after (1) the dct's (`مارس الماضي`,
    /// `18 يوليو الجاري`).
    MonthRel {
        month: u32,
        offset: i32,
        day: Option<u32>,
    },
    /// A day of a month relative to the dct's (`السادس والعشرين من الشهر الجاري`).
    DayOfMonth { offset: i32, day: u32 },
    /// A weekday; `dir` when the text says which (`الماضي`), else the tense decides.
    Weekday { weekday: u32, dir: Option<i32> },
    /// `قبل 3 أيام` (sign -1), `بعد أسبوعين` (sign 1).
    Shift { n: u32, unit: Unit, sign: i32 },
    /// A length of time; `n` None is a vague amount (`X`).
    Duration { n: Option<String>, unit: Unit },
    /// A clock time on an explicit date, or on the dct.
    Clock {
        date: Option<Date>,
        hour: u32,
        minute: u32,
    },
    /// A part of a day (`مساء الأحد`), TIMEX3 code MO, MI, AF, EV, NI.
    Part { day: Box<Spec>, part: String },
}

impl Spec {
    /// The TIMEX3 type.
    pub fn kind(&self) -> TimexKind {
        match self {
            Spec::Duration { .. } => TimexKind::Duration,
            Spec::Clock { .. } | Spec::Part { .. } => TimexKind::Time,
            _ => TimexKind::Date,
        }
    }

    /// The explicit full date it names, if any.
    pub fn full_date(&self) -> Option<Date> {
        match self {
            Spec::Cal {
                year: Year::Abs(y),
                month: Some(m),
                day: Some(d),
            } => Date::new(*y, *m, *d),
            Spec::Hijri {
                year: Some(y),
                month: Some(m),
                day: Some(d),
            } => Date::parse(&super::calendar::hijri_value(*y, Some(*m), Some(*d))?),
            _ => None,
        }
    }
}

/// One expression found.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    /// Raw byte span.
    pub span: Span,
    /// First token and one past the last token.
    pub first: usize,
    pub end: usize,
    pub spec: Spec,
    /// For `اليوم الثلاثاء 15 أغسطس 2023`: the deictic offset the explicit date was given with.
    pub deictic: Option<i64>,
}

/// A pattern's match: start byte, meaning, next token.
struct Hit {
    start: usize,
    spec: Spec,
    next: usize,
    deictic: Option<i64>,
}

fn hit(start: usize, spec: Spec, next: usize) -> Option<Hit> {
    Some(Hit {
        start,
        spec,
        next,
        deictic: None,
    })
}

/// The tokens of a document with their proclitic readings.
pub(crate) struct Cursor<'a> {
    pub doc: &'a Document,
    pub lex: &'static Lexicon,
    /// For each token: (raw byte offset of the stem in the token, folded stem), the whole word first.
    stems: Vec<Vec<(usize, String)>>,
}

impl<'a> Cursor<'a> {
    pub fn new(doc: &'a Document) -> Cursor<'a> {
        let stems = doc
            .tokens
            .iter()
            .map(|t| {
                if t.kind == TokenKind::Word {
                    readings(doc.slice(t.span), &t.norm)
                        .into_iter()
                        .map(|r| (r.raw_offset, r.stem))
                        .collect()
                } else {
                    vec![(0, t.norm.to_string())]
                }
            })
            .collect();
        Cursor {
            doc,
            lex: lexicon(),
            stems,
        }
    }

    fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    /// Folded form of token `i` ("" past the end).
    fn norm(&self, i: usize) -> &str {
        self.doc.tokens.get(i).map_or("", |t| t.norm.as_str())
    }

    fn start(&self, i: usize) -> usize {
        self.doc
            .tokens
            .get(i)
            .map_or(self.doc.text.len(), |t| t.span.start)
    }

    fn end(&self, i: usize) -> usize {
        self.doc
            .tokens
            .get(i)
            .map_or(self.doc.text.len(), |t| t.span.end)
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.doc.tokens.get(i).map(|t| t.kind)
    }

    /// True when tokens `i` and `i + 1` touch (no space between).
    fn touching(&self, i: usize) -> bool {
        self.end(i) == self.start(i + 1) && i + 1 < self.len()
    }

    /// First reading of token `i` (the word, then without proclitics) that `f` accepts:
    /// (raw start byte of that reading, what `f` said).
    fn head<T>(&self, i: usize, f: impl Fn(&str) -> Option<T>) -> Option<(usize, T)> {
        let tok = self.doc.tokens.get(i)?;
        self.stems
            .get(i)?
            .iter()
            .find_map(|(off, stem)| f(stem).map(|v| (tok.span.start + off, v)))
    }

    /// Token `i`, proclitics allowed, is a cue of `cat`.
    pub fn is_cue(&self, i: usize, cat: Cat) -> bool {
        self.head(i, |s| self.lex.cue(cat, s)).is_some()
    }

    /// Token `i` is a word equal to `w` after at most a و/ف.
    fn is(&self, i: usize, w: &str) -> bool {
        self.head(i, |s| (s == w).then_some(())).is_some()
    }

    fn is_punct(&self, i: usize, set: &[&str]) -> bool {
        self.kind(i) == Some(TokenKind::Punct) && set.contains(&self.norm(i))
    }

    /// A number token made only of digits: (value, digit count).
    fn number(&self, i: usize) -> Option<(u64, usize)> {
        if self.kind(i) != Some(TokenKind::Number) {
            return None;
        }
        let n = self.norm(i);
        if n.is_empty() || n.len() > 12 || !n.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((n.parse().ok()?, n.len()))
    }

    /// Raw text of token `i` from byte `from`, marks removed.
    fn raw_bare(&self, i: usize, from: usize) -> String {
        let end = self.end(i);
        self.doc
            .text
            .get(from..end)
            .unwrap_or("")
            .chars()
            .filter(|c| !is_arabic_mark(*c))
            .collect()
    }

    /// A cue phrase of `cat` starting at token `i` (proclitics allowed on its first word):
    /// (start byte, value, next token).
    fn phrase(&self, i: usize, cat: Cat) -> Option<(usize, &'static str, usize)> {
        let lex = self.lex;
        self.head(i, |stem| {
            lex.cue_phrases(cat, stem).iter().find_map(|cue| {
                let rest_ok = cue
                    .words
                    .iter()
                    .skip(1)
                    .enumerate()
                    .all(|(k, w)| self.norm(i + 1 + k) == w);
                rest_ok.then_some((cue.value.as_str(), i + cue.words.len()))
            })
        })
        .map(|(start, (v, next))| (start, v, next))
    }
}

/// Every time expression of the document, sorted, not overlapping.
pub(crate) fn recognize(cx: &Cursor) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < cx.len() {
        let last = out.last();
        let patterns = [
            numeric_date(cx, i),
            day_month(cx, i),
            month_expr(cx, i, last),
            year_range(cx, i),
            year_expr(cx, i, last),
            decade(cx, i),
            century(cx, i),
            period(cx, i),
            part_of_day(cx, i),
            deictic(cx, i),
            weekday(cx, i, last),
            present(cx, i),
            clock(cx, i, last),
            duration(cx, i),
        ];
        // Longest wins; on a tie, the earlier pattern.
        let best =
            patterns
                .into_iter()
                .flatten()
                .filter(|h| h.next > i)
                .fold(None::<Hit>, |best, h| match best {
                    Some(b) if b.next >= h.next => Some(b),
                    _ => Some(h),
                });
        match best {
            Some(h) => {
                let end = h.next;
                out.push(Found {
                    span: Span::new(h.start, cx.end(end - 1)),
                    first: i,
                    end,
                    spec: h.spec,
                    deictic: h.deictic,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

// ---------------------------------------------------------------- numbers

/// A day of the month written in digits, with an English suffix (`14th`): (day, next).
fn day_number(cx: &Cursor, i: usize) -> Option<(u32, usize)> {
    let (d, digits) = cx.number(i)?;
    if digits > 2 || !(1..=31).contains(&d) {
        return None;
    }
    let mut next = i + 1;
    if cx.touching(i)
        && cx.kind(next) == Some(TokenKind::Latin)
        && matches!(cx.norm(next), "th" | "st" | "nd" | "rd")
    {
        next += 1;
    }
    Some((d as u32, next))
}

/// An ordinal in words (`الثاني`, `الحادي عشر`, `الحادي والعشرين`, `العشرين`) at token `i`,
/// proclitics allowed on the first word: (start byte, value, next).
fn ordinal(cx: &Cursor, i: usize) -> Option<(usize, u32, usize)> {
    let lex = cx.lex;
    if let Some((start, u)) = cx.head(i, |s| {
        s.strip_prefix("ال")
            .and_then(|s| lex.number(s, NumKind::Ord))
    }) {
        if lex.number(cx.norm(i + 1), NumKind::Teen).is_some() {
            return Some((start, u + 10, i + 2));
        }
        if let Some((_, t)) = cx.head(i + 1, |s| {
            s.strip_prefix("ال")
                .and_then(|s| lex.number(s, NumKind::Tens))
        }) {
            if cx.norm(i + 1).starts_with('و') {
                return Some((start, u + t, i + 2));
            }
        }
        return Some((start, u, i + 1));
    }
    let (start, t) = cx.head(i, |s| {
        s.strip_prefix("ال")
            .and_then(|s| lex.number(s, NumKind::Tens))
    })?;
    Some((start, t, i + 1))
}

/// A cardinal in digits or words (`24`, `تسعة`, `ثلاثة عشر`, `خمسة وعشرين`, `مئة`) at token `i`:
/// (start byte, value as written for a duration, next).
fn cardinal(cx: &Cursor, i: usize) -> Option<(usize, String, usize)> {
    if cx.kind(i) == Some(TokenKind::Number) {
        let n = cx.norm(i);
        let ok = n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && n.matches('.').count() <= 1
            && !n.ends_with('.');
        return ok
            .then(|| (cx.start(i), n.trim_start_matches('0').to_string(), i + 1))
            .filter(|(_, v, _)| !v.is_empty());
    }
    let lex = cx.lex;
    let word = |s: &str| {
        lex.number(s, NumKind::Card)
            .map(|v| (v, NumKind::Card))
            .or_else(|| lex.number(s, NumKind::Tens).map(|v| (v, NumKind::Tens)))
            .or_else(|| {
                lex.number(s, NumKind::Hundred)
                    .map(|v| (v, NumKind::Hundred))
            })
    };
    // `الخمسة عشر يوما`: a definite cardinal before its unit.
    let (start, (v, kind)) = cx.head(i, |s| word(s).or_else(|| word(s.strip_prefix("ال")?)))?;
    let mut value = v;
    let mut next = i + 1;
    if kind == NumKind::Card && lex.number(cx.norm(next), NumKind::Teen).is_some() {
        value += 10;
        next += 1;
    } else if matches!(kind, NumKind::Card | NumKind::Hundred) && cx.norm(next).starts_with('و') {
        let tail = cx.norm(next).get('و'.len_utf8()..).unwrap_or("");
        if let Some(t) = lex.number(tail, NumKind::Tens).or_else(|| {
            if kind == NumKind::Hundred {
                lex.number(tail, NumKind::Card)
            } else {
                None
            }
        }) {
            value += t;
            next += 1;
        }
    }
    Some((start, value.to_string(), next))
}

/// A year number: 4 digits is a year; 5 or more is a typo; fewer is unknown.
fn year_of(value: u64, digits: usize) -> Year {
    match digits {
        3 | 4 => i32::try_from(value).map_or(Year::Bad, Year::Abs),
        _ => Year::Bad,
    }
}

/// The calendar era written after a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Era {
    Common,
    Hijri,
    BeforeCommon,
}

/// An era after a year (`م`, `هـ`, `قبل الميلاد`, `ق.م`): (era, next).
fn era(cx: &Cursor, i: usize) -> Option<(Era, usize)> {
    if cx.kind(i) != Some(TokenKind::Word) {
        return None;
    }
    // `ق.م` is three tokens: ق . م
    if cx.norm(i) == "ق" && cx.is_punct(i + 1, &["."]) && cx.norm(i + 2) == "م" {
        let next = if cx.is_punct(i + 3, &["."]) && cx.touching(i + 2) {
            i + 4
        } else {
            i + 3
        };
        return Some((Era::BeforeCommon, next));
    }
    let (start, v, next) = cx.phrase(i, Cat::Era)?;
    if start != cx.start(i) {
        return None;
    }
    let era = match v {
        "h" => Era::Hijri,
        "bc" => Era::BeforeCommon,
        _ => Era::Common,
    };
    Some((era, next))
}

/// A year spec with its era: Hijri years are converted later, years before the common era
/// have no value in this scheme.
fn year_spec(year: Year, era: Option<Era>) -> Spec {
    match era {
        Some(Era::Hijri) => Spec::Hijri { year: abs_year(year), month: None, day: None },
        Some(Era::BeforeCommon) => Spec::Cal {
            year: Year::Bad,
            month: None,
            day: None,
        },
        _ => Spec::Cal {
            year,
            month: None,
            day: None,
        },
    }
}

/// A word after a number that makes it a count (`2000 دولار`).
fn is_counter(cx: &Cursor, i: usize) -> bool {
    cx.lex.number(cx.norm(i), NumKind::Counter).is_some()
}

/// The year part after a month: `2024`, `، 2024`, `عام 2019`, `من العام الماضي`, `من هذا العام`.
/// (year, is Hijri, next).
fn year_tail(cx: &Cursor, j: usize) -> Option<(Year, bool, usize)> {
    let mut k = j;
    if cx.is_punct(k, &[","]) {
        k += 1;
    }
    let after_min = if cx.norm(k) == "من" { k + 1 } else { k };
    let w = cx.norm(after_min);
    if cx.lex.cue(Cat::YearCue, w).is_some() {
        if let Some((v, digits)) = cx.number(after_min + 1) {
            let next = after_min + 2;
            return Some(match era(cx, next) {
                Some((Era::Hijri, n)) => (year_of(v, digits), true, n),
                Some((Era::BeforeCommon, n)) => (Year::Bad, false, n),
                Some((Era::Common, n)) => (year_of(v, digits), false, n),
                None => (year_of(v, digits), false, next),
            });
        }
        if matches!(w, "العام" | "السنه") {
            if let Some(d) = cx
                .lex
                .cue(Cat::Dir, cx.norm(after_min + 1))
                .and_then(|v| v.parse::<i32>().ok())
            {
                return Some((Year::Rel(d), false, after_min + 2));
            }
        }
    }
    if cx.lex.cue(Cat::This, w).is_some() && matches!(cx.norm(after_min + 1), "العام" | "السنه")
    {
        return Some((Year::Rel(0), false, after_min + 2));
    }
    if after_min == k {
        if let Some((v, digits)) = cx.number(k) {
            let era = era(cx, k + 1);
            // Three digits only with an era (`25 ذي الحجة 634 هـ`).
            let ok = (digits == 4 && (1000..=2999).contains(&v)) || (digits == 3 && era.is_some());
            if ok && !is_counter(cx, k + 1) {
                return Some(match era {
                    Some((Era::Hijri, n)) => (Year::Abs(v as i32), true, n),
                    Some((Era::BeforeCommon, n)) => (Year::Bad, false, n),
                    Some((Era::Common, n)) => (Year::Abs(v as i32), false, n),
                    None => (Year::Abs(v as i32), false, k + 1),
                });
            }
        }
    }
    None
}

// ---------------------------------------------------------------- months and dates

/// A month name at token `i`, with a doubled form (`أبريل/ نيسان`, `فبراير (شباط)`):
/// (start byte, month, calendar, English?, ambiguous?, next).
fn month_at(cx: &Cursor, i: usize) -> Option<(usize, u32, Calendar, bool, bool, usize)> {
    let one = |i: usize| {
        let tok_start = cx.start(i);
        cx.head(i, |stem| {
            let names = cx.lex.months.get(stem)?;
            names.iter().find(|n| {
                n.words
                    .iter()
                    .skip(1)
                    .enumerate()
                    .all(|(k, w)| cx.norm(i + 1 + k) == w)
            })
        })
        .filter(|(start, n)| {
            n.exact
                .as_ref()
                .map_or(true, |e| &cx.raw_bare(i, *start) == e)
                && (*start == tok_start || !n.english)
        })
        .map(|(start, n)| {
            (
                start,
                n.month,
                n.calendar,
                n.english,
                n.ambiguous,
                i + n.words.len(),
            )
        })
    };
    let (start, month, cal, english, ambiguous, mut next) = one(i)?;
    // A second name of the same month: `أبريل/ نيسان`, `فبراير (شباط)`.
    if cx.is_punct(next, &["/", "\\", "-"]) {
        if let Some((_, _, _, _, _, n2)) = one(next + 1).filter(|h| h.1 == month) {
            return Some((start, month, cal, english, false, n2));
        }
    }
    if cx.is_punct(next, &["("]) {
        if let Some((_, _, _, _, _, n2)) = one(next + 1).filter(|h| h.1 == month) {
            if cx.is_punct(n2, &[")"]) {
                next = n2 + 1;
                return Some((start, month, cal, english, false, next));
            }
        }
    }
    Some((start, month, cal, english, ambiguous, next))
}

/// The written year, if it is one.
fn abs_year(year: Year) -> Option<i32> {
    match year {
        Year::Abs(y) => Some(y),
        _ => None,
    }
}

fn cal(year: Year, month: u32, day: Option<u32>, hijri: bool) -> Spec {
    if hijri {
        Spec::Hijri { year: abs_year(year), month: Some(month), day }
    } else {
        Spec::Cal {
            year,
            month: Some(month),
            day,
        }
    }
}

/// `[weekday] [يوم] 17 حزيران 2024`, `الثاني من يناير`, `14th, June 2024`, `الأحد 12 رمضان 1436 هـ`.
fn day_month(cx: &Cursor, i: usize) -> Option<Hit> {
    let mut j = i;
    let mut start = None;
    if let Some((s, _)) = cx.head(i, |w| cx.lex.weekdays.get(w)) {
        start = Some(s);
        j += 1;
        if cx.is_punct(j, &[","]) {
            j += 1;
        }
    }
    if let Some((s, ())) = cx.head(j, |w| (w == "يوم").then_some(())) {
        start.get_or_insert(s);
        j += 1;
    }
    let (day, after_day) = if let Some((d, n)) = day_number(cx, j) {
        start.get_or_insert(cx.start(j));
        let n = if cx.is_punct(n, &[","]) { n + 1 } else { n };
        (d, n)
    } else {
        let (s, d, n) = ordinal(cx, j)?;
        if cx.norm(n) != "من" || d > 31 {
            return None;
        }
        start.get_or_insert(s);
        (d, n + 1)
    };
    let (month, calendar, next) = match month_at(cx, after_day) {
        Some((_, month, calendar, _, _, next)) => (month, calendar, next),
        // `السادس والعشرين من الشهر الجاري`
        None => {
            let (_, v, next) = cx.phrase(after_day, Cat::Period).filter(|p| p.1 == "M")?;
            let d = cx
                .lex
                .cue(Cat::Dir, cx.norm(next))
                .and_then(|v| v.parse::<i32>().ok())?;
            let _ = v;
            return hit(start?, Spec::DayOfMonth { offset: d, day }, next + 1);
        }
    };
    let hijri = calendar == Calendar::Hijri;
    if let Some((year, h, next)) = year_tail(cx, next) {
        return hit(start?, cal(year, month, Some(day), hijri || h), next);
    }
    // A Hijri day and month without a year is too often something else (`1 صفر` is a score).
    if hijri {
        return None;
    }
    if let Some(d) = cx
        .lex
        .cue(Cat::Dir, cx.norm(next))
        .and_then(|v| v.parse::<i32>().ok())
    {
        return hit(
            start?,
            Spec::MonthRel {
                month,
                offset: d,
                day: Some(day),
            },
            next + 1,
        );
    }
    hit(start?, cal(Year::Unknown, month, Some(day), false), next)
}

/// A month with what follows it: `يوليو 2023`, `مارس الماضي`, `سبتمبر من العام الماضي`,
/// `June 14, 2024`, `شهر رمضان`, or alone after a preposition (`في سبتمبر`).
fn month_expr(cx: &Cursor, i: usize, last: Option<&Found>) -> Option<Hit> {
    let (prefix, at) = match cx.head(i, |w| (w == "شهر").then_some(())) {
        Some((s, ())) => (Some(s), i + 1),
        None => (None, i),
    };
    let (s, month, calendar, english, ambiguous, next) = month_at(cx, at)?;
    let start = prefix.unwrap_or(s);
    let hijri = calendar == Calendar::Hijri;
    if english {
        // `June 14, 2024`
        let (day, n) = day_number(cx, next)?;
        let n = if cx.is_punct(n, &[","]) { n + 1 } else { n };
        return match year_tail(cx, n) {
            Some((year, _, n)) => hit(start, cal(year, month, Some(day), false), n),
            None => hit(start, cal(Year::Unknown, month, Some(day), false), n),
        };
    }
    if let Some((year, h, n)) = year_tail(cx, next) {
        return hit(start, cal(year, month, None, hijri || h), n);
    }
    if hijri {
        return None;
    }
    if let Some(d) = cx
        .lex
        .cue(Cat::Dir, cx.norm(next))
        .and_then(|v| v.parse::<i32>().ok())
    {
        return hit(
            start,
            Spec::MonthRel {
                month,
                offset: d,
                day: None,
            },
            next + 1,
        );
    }
    let cued = prefix.is_some()
        || (i > 0 && cx.is_cue(i - 1, Cat::Prep))
        || last.is_some_and(|l| {
            l.end + 1 >= i
                && matches!(
                    l.spec,
                    Spec::Cal { month: Some(_), .. } | Spec::MonthRel { .. }
                )
        });
    (cued || !ambiguous).then_some(Hit {
        start,
        spec: Spec::Cal {
            year: Year::Unknown,
            month: Some(month),
            day: None,
        },
        next,
        deictic: None,
    })
}

/// `14-9-2023`, `2023/09/14`, `١٤/٩/٢٠٢٣`, `14.9.2023` (day first, as in Arabic; a month
/// above 12 means the writer put the month first).
fn numeric_date(cx: &Cursor, i: usize) -> Option<Hit> {
    let parts: Vec<(u64, usize)>;
    let next;
    let norm = cx.norm(i);
    if cx.kind(i) == Some(TokenKind::Number) && norm.matches('.').count() == 2 {
        parts = norm
            .split('.')
            .map(|p| Some((p.parse::<u64>().ok()?, p.len())))
            .collect::<Option<Vec<_>>>()?;
        next = i + 1;
    } else {
        let a = cx.number(i)?;
        let sep = cx.norm(i + 1);
        if !matches!(sep, "-" | "/")
            || !cx.touching(i)
            || !cx.touching(i + 1)
            || !cx.touching(i + 2)
            || !cx.touching(i + 3)
        {
            return None;
        }
        if cx.norm(i + 3) != sep {
            return None;
        }
        parts = vec![a, cx.number(i + 2)?, cx.number(i + 4)?];
        next = i + 5;
    }
    let [(a, da), (b, _), (c, dc)] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = if *da == 4 {
        (*a, *b, *c)
    } else if *dc == 4 {
        if *b > 12 {
            (*c, *a, *b)
        } else {
            (*c, *b, *a)
        }
    } else {
        return None;
    };
    // `١٤٣٦/١٠/٢٥هـ`: a Hijri era right after the date.
    if let Some((Era::Hijri, after)) = era(cx, next) {
        let (y, m, d) = (i32::try_from(y).ok()?, u32::try_from(m).ok()?, u32::try_from(d).ok()?);
        if !(1..=12).contains(&m) || !(1..=30).contains(&d) {
            return None;
        }
        return hit(cx.start(i), Spec::Hijri { year: Some(y), month: Some(m), day: Some(d) }, after);
    }
    let date = Date::new(
        i32::try_from(y).ok()?,
        u32::try_from(m).ok()?,
        u32::try_from(d).ok()?,
    )?;
    hit(
        cx.start(i),
        Spec::Cal {
            year: Year::Abs(date.year),
            month: Some(date.month),
            day: Some(date.day),
        },
        next,
    )
}

// ---------------------------------------------------------------- years, decades, centuries

/// `1950-1953` (one span, an interval).
fn year_range(cx: &Cursor, i: usize) -> Option<Hit> {
    let (a, 4) = cx.number(i)? else { return None };
    if !cx.is_punct(i + 1, &["-"]) {
        return None;
    }
    let (b, 4) = cx.number(i + 2)? else {
        return None;
    };
    if !(1000..=2999).contains(&a) || b <= a || b - a > 400 || is_counter(cx, i + 3) {
        return None;
    }
    hit(cx.start(i), Spec::YearRange(a as i32, b as i32), i + 3)
}

/// `عام 1948`, `العام 2022`, `سنة 2000م`, `1436 هـ`, and a bare year after a preposition
/// (`في 2022`, `منذ 2019`) or after another year (`عامي 2010 و2015`).
fn year_expr(cx: &Cursor, i: usize, last: Option<&Found>) -> Option<Hit> {
    if let Some((start, ())) = cx.head(i, |w| cx.lex.cue(Cat::YearCue, w).map(|_| ())) {
        let (v, digits) = cx.number(i + 1)?;
        let era = era(cx, i + 2);
        return hit(
            start,
            year_spec(year_of(v, digits), era.map(|e| e.0)),
            era.map_or(i + 2, |e| e.1),
        );
    }
    let (v, digits) = cx.number(i)?;
    let era = era(cx, i + 1);
    let hijri = era.map(|e| e.0);
    if digits != 4 || is_counter(cx, i + 1) {
        return None;
    }
    let after_prep = i > 0 && cx.is_cue(i - 1, Cat::Prep);
    let coordinated = i > 0
        && cx.norm(i - 1) == "و"
        && last.is_some_and(|l| {
            l.end + 1 == i
                && matches!(
                    l.spec,
                    Spec::Cal {
                        year: Year::Abs(_),
                        month: None,
                        ..
                    }
                )
        });
    let plausible = (1900..=2100).contains(&v) || ((1000..=2100).contains(&v) && hijri.is_some());
    if !(plausible && (after_prep || coordinated || hijri.is_some())) {
        return None;
    }
    hit(
        cx.start(i),
        year_spec(Year::Abs(v as i32), hijri),
        era.map_or(i + 1, |e| e.1),
    )
}

/// `القرن الماضي`, `القرن العشرين`, `القرن الـ21`, `القرن الحادي والعشرين` at token `i`
/// (`القرن` there): (century, next).
fn century_ref(cx: &Cursor, i: usize) -> Option<(CenturyRef, usize)> {
    let j = i + 1;
    if let Some(d) = cx
        .lex
        .cue(Cat::Dir, cx.norm(j))
        .and_then(|v| v.parse::<i32>().ok())
    {
        return Some((CenturyRef::Rel(d), j + 1));
    }
    // `الـ21` is the word `ال` then the number; `21` alone also occurs.
    let k = if cx.norm(j) == "ال" { j + 1 } else { j };
    if let Some((n, digits)) = cx.number(k) {
        return (digits <= 2 && (1..=30).contains(&n))
            .then_some((CenturyRef::Ordinal(n as u32), k + 1));
    }
    let (_, n, next) = ordinal(cx, j).filter(|(s, _, _)| *s == cx.start(j))?;
    (1..=30)
        .contains(&n)
        .then_some((CenturyRef::Ordinal(n), next))
}

fn century(cx: &Cursor, i: usize) -> Option<Hit> {
    let (start, ()) = cx.head(i, |w| (w == "القرن").then_some(()))?;
    let (c, next) = century_ref(cx, i)?;
    hit(start, Spec::Century(c), next)
}

/// `التسعينيات`, `الثمانينات`, `تسعينيات القرن الماضي`, `عقد التسعينيات`.
fn decade(cx: &Cursor, i: usize) -> Option<Hit> {
    let lex = cx.lex;
    let digit_of = |w: &str| {
        let w = w.strip_prefix("ال").unwrap_or(w);
        let base = w.strip_suffix("يات").or_else(|| w.strip_suffix("ات"))?;
        lex.number(base, NumKind::Tens)
            .filter(|t| *t >= 20)
            .map(|t| t / 10)
    };
    let (start, j) = match cx.head(i, |w| (w == "عقد").then_some(())) {
        Some((s, ())) if digit_of(cx.norm(i + 1)).is_some() => (Some(s), i + 1),
        _ => (None, i),
    };
    let (s, digit) = cx.head(j, digit_of)?;
    let start = start.unwrap_or(s);
    let mut next = j + 1;
    let mut century = None;
    let k = if cx.norm(next) == "من" {
        next + 1
    } else {
        next
    };
    if cx.norm(k) == "القرن" {
        if let Some((c, n)) = century_ref(cx, k) {
            century = Some(c);
            next = n;
        }
    }
    hit(start, Spec::Decade { digit, century }, next)
}

// ---------------------------------------------------------------- relative expressions

/// `الأسبوع المقبل`, `الشهر الماضي`, `العام الحالي`, `هذا الأسبوع`, `هذه السنة`.
fn period(cx: &Cursor, i: usize) -> Option<Hit> {
    let lex = cx.lex;
    let shifted = |unit: &str, offset: i32| match unit {
        "W" => Some(Spec::Week(offset)),
        "M" => Some(Spec::Month(offset)),
        "Y" => Some(Spec::Cal {
            year: Year::Rel(offset),
            month: None,
            day: None,
        }),
        "CE" => Some(Spec::Century(CenturyRef::Rel(offset))),
        _ => None,
    };
    if let Some((start, unit)) = cx.head(i, |w| lex.cue(Cat::Period, w)) {
        let d = lex
            .cue(Cat::Dir, cx.norm(i + 1))
            .and_then(|v| v.parse::<i32>().ok())?;
        return hit(start, shifted(unit, d)?, i + 2);
    }
    let (start, _) = cx.head(i, |w| lex.cue(Cat::This, w))?;
    let unit = lex.cue(Cat::Period, cx.norm(i + 1))?;
    hit(start, shifted(unit, 0)?, i + 2)
}

/// A weekday at token `i` (proclitics allowed), with an optional `يوم`/`يومي` before:
/// (start byte, weekday, had يوم, next).
fn weekday_at(cx: &Cursor, i: usize) -> Option<(usize, u32, bool, usize)> {
    let yawm = cx.head(i, |w| matches!(w, "يوم" | "يومي").then_some(()));
    let j = if yawm.is_some() { i + 1 } else { i };
    let (s, name) = cx.head(j, |w| cx.lex.weekdays.get(w).copied())?;
    if yawm.is_some() && s != cx.start(j) {
        return None;
    }
    // `الأحد عشر` is "the eleven".
    if cx.lex.number(cx.norm(j + 1), NumKind::Teen).is_some() {
        return None;
    }
    let start = yawm.map_or(s, |(ys, ())| ys);
    Some((start, name.weekday, yawm.is_some(), j + 1))
        .filter(|_| !name.ambiguous || yawm.is_some() || ambiguous_weekday_ok(cx, j))
}

/// `الاثنين`/`الأحد` alone are a weekday only when set off by punctuation or followed by
/// a direction word (`الأحد الماضي`).
fn ambiguous_weekday_ok(cx: &Cursor, j: usize) -> bool {
    let punct_before = j > 0 && cx.is_punct(j - 1, &[",", ".", ":", "-", "("]);
    let punct_after = cx.is_punct(j + 1, &[",", ".", ")"]);
    punct_before
        || punct_after
        || cx.lex.cue(Cat::Dir, cx.norm(j + 1)).is_some()
        || (j > 0 && cx.is_cue(j - 1, Cat::Part))
}

/// `يوم الثلاثاء`, `الجمعة`, `الأحد الماضي`, `يومي الثلاثاء` (`والأربعاء` is found on its own).
fn weekday(cx: &Cursor, i: usize, _last: Option<&Found>) -> Option<Hit> {
    let (start, wd, _, next) = weekday_at(cx, i)?;
    if cx.kind(i) == Some(TokenKind::Latin) {
        return None;
    }
    match cx
        .lex
        .cue(Cat::Dir, cx.norm(next))
        .and_then(|v| v.parse::<i32>().ok())
    {
        Some(d) => hit(
            start,
            Spec::Weekday {
                weekday: wd,
                dir: Some(d),
            },
            next + 1,
        ),
        None => hit(
            start,
            Spec::Weekday {
                weekday: wd,
                dir: None,
            },
            next,
        ),
    }
}

/// `اليوم`, `أمس`, `غدا`, `أول أمس`, `اليوم الثلاثاء`, `اليوم الثلاثاء 15 أغسطس 2023`,
/// `أمس مساء`; `إلى اليوم` is the generic present.
fn deictic(cx: &Cursor, i: usize) -> Option<Hit> {
    let (start, value, mut next) = cx.phrase(i, Cat::Deictic)?;
    let offset: i64 = value.parse().ok()?;
    let is_today = cx.head(i, |w| (w == "اليوم").then_some(())).is_some();
    if is_today {
        // `اليوم التالي`, `اليوم الوطني`, `اليوم السابع` (a day of something, or an outlet).
        let ordinal_after = cx
            .norm(next)
            .strip_prefix("ال")
            .is_some_and(|w| cx.lex.number(w, NumKind::Ord).is_some());
        if (cx.is_cue(next, Cat::NotDay) || ordinal_after)
            && !cx.lex.weekdays.contains_key(cx.norm(next))
        {
            return None;
        }
        if i > 0 && cx.is_cue(i - 1, Cat::That) {
            return None;
        }
        if i > 0 && cx.is_cue(i - 1, Cat::Until) {
            return hit(start, Spec::Present, next);
        }
    }
    // `اليوم الثلاثاء`: the weekday is part of the expression.
    if let Some((_, _, false, n)) = weekday_at(cx, next).filter(|w| w.0 == cx.start(next)) {
        next = n;
    }
    // An explicit date right after (`اليوم، 15 أغسطس 2023`) gives the value.
    let k = if cx.is_punct(next, &[","]) {
        next + 1
    } else {
        next
    };
    if let Some(h) = day_month(cx, k).filter(|h| h.start == cx.start(k)) {
        if h.spec.full_date().is_some() {
            return Some(Hit {
                start,
                spec: h.spec,
                next: h.next,
                deictic: Some(offset),
            });
        }
    }
    let spec = Spec::Deictic(offset);
    if let Some(part) = cx.lex.cue(Cat::Part, cx.norm(next)) {
        return hit(
            start,
            Spec::Part {
                day: Box::new(spec),
                part: part.to_string(),
            },
            next + 1,
        );
    }
    hit(start, spec, next)
}

/// `صباح اليوم`, `مساء الأحد`, `ليلة الثلاثاء`, `فجر 14 يونيو`.
fn part_of_day(cx: &Cursor, i: usize) -> Option<Hit> {
    let (start, part) = cx.head(i, |w| cx.lex.cue(Cat::Part, w))?;
    let j = i + 1;
    let day = if let Some((s, v, n)) = cx
        .phrase(j, Cat::Deictic)
        .filter(|(s, _, _)| *s == cx.start(j))
    {
        let _ = s;
        (Spec::Deictic(v.parse().ok()?), n)
    } else if let Some(h) = weekday(cx, j, None) {
        (h.spec, h.next)
    } else {
        let h = day_month(cx, j)?;
        (h.spec, h.next)
    };
    hit(
        start,
        Spec::Part {
            day: Box::new(day.0),
            part: part.to_string(),
        },
        day.1,
    )
}

/// `الآن`, `حاليا`, `الوقت الحالي`.
fn present(cx: &Cursor, i: usize) -> Option<Hit> {
    let (start, _, next) = cx.phrase(i, Cat::Present)?;
    // `آلان` (Alain) folds like `الآن`.
    if cx.doc.text.get(start..).is_some_and(|s| s.starts_with('آ')) {
        return None;
    }
    hit(start, Spec::Present, next)
}

// ---------------------------------------------------------------- clock times

/// `الساعة 3:15`, `الساعة العاشرة والنصف مساء`, `العاشرة مساء`, `03:15` after a date line.
fn clock(cx: &Cursor, i: usize, last: Option<&Found>) -> Option<Hit> {
    let sa3a = cx.head(i, |w| (w == "الساعه").then_some(()));
    let j = if sa3a.is_some() { i + 1 } else { i };
    let mut ord_start = None;
    let (mut hour, mut minute, mut next, numeric) = if let Some((h, _)) = cx.number(j) {
        if cx.norm(j + 1) == ":" && cx.touching(j) && cx.touching(j + 1) {
            let (m, dm) = cx.number(j + 2)?;
            if dm != 2 {
                return None;
            }
            (h, m, j + 3, true)
        } else if sa3a.is_some() {
            (h, 0, j + 1, true)
        } else {
            return None;
        }
    } else {
        let (s, h, n) = ordinal(cx, j).or_else(|| {
            cx.head(j, |w| {
                w.strip_prefix("ال")
                    .and_then(|w| cx.lex.number(w, NumKind::Card))
            })
            .map(|(s, v)| (s, v, j + 1))
        })?;
        ord_start = Some(s);
        (u64::from(h), 0, n, false)
    };
    if hour > 24 || minute > 59 {
        return None;
    }
    // `والنصف`, `إلا ربعا`
    if let Some((_, v, n)) = cx.phrase(next, Cat::Fraction) {
        if let Ok(m) = v.parse::<i64>() {
            if m < 0 {
                hour = hour.checked_sub(1).unwrap_or(23);
            }
            minute = u64::try_from(m.rem_euclid(60)).unwrap_or(0);
            next = n;
        }
    }
    let part = cx.lex.cue(Cat::Part, cx.norm(next));
    if part.is_some() {
        next += 1;
    }
    let latin_cue = matches!(cx.norm(next), "am" | "pm" | "gmt" | "بتوقيت");
    if matches!(cx.norm(next), "am" | "pm") {
        if cx.norm(next) == "pm" && hour < 12 {
            hour += 12;
        }
        next += 1;
    }
    // A date just before on the same line (`14-9-2023 | 03:15`) anchors the time.
    let line_date = last
        .filter(|l| {
            l.end + 2 >= i
                && !cx
                    .doc
                    .text
                    .get(l.span.end..cx.start(i))
                    .unwrap_or("\n")
                    .contains('\n')
        })
        .and_then(|l| l.spec.full_date());
    let cued = sa3a.is_some() || part.is_some() || latin_cue || (numeric && line_date.is_some());
    if !cued || (!numeric && part.is_none() && sa3a.is_none()) {
        return None;
    }
    if let Some(p) = part {
        let evening =
            matches!(p, "EV" | "AF") || (p == "NI" && hour >= 6) || (p == "MI" && hour <= 6);
        if evening && hour < 12 {
            hour += 12;
        }
    }
    let start = sa3a.map_or(ord_start.unwrap_or(cx.start(j)), |(s, ())| s);
    hit(
        start,
        Spec::Clock {
            date: line_date,
            hour: hour as u32,
            minute: minute as u32,
        },
        next,
    )
}

// ---------------------------------------------------------------- durations

/// `24 عاماً`, `تسعة أشهر`, `ساعتين`, `عقود من الزمن`, `عقود عدة`, `عدة أيام`, `شهور`,
/// `السنوات الأخيرة`, `الأيام الثلاثة الماضية`; after `قبل`/`بعد` with a number and no
/// event (`قبل 3 أيام`), a date shifted from the dct.
fn duration(cx: &Cursor, i: usize) -> Option<Hit> {
    let lex = cx.lex;
    let unit_at = |k: usize| lex.unit(cx.norm(k));
    let vague_at = |k: usize| lex.number(cx.norm(k), NumKind::Vague).is_some();
    let (start, n, next): (usize, Option<String>, usize) = if let Some((s, n, k)) = cardinal(cx, i)
    {
        // `24 عاماً`: a number then a unit (no ال).
        let u = unit_at(k).filter(|_| !cx.norm(k).starts_with("ال"))?;
        if u.count == Count::Two {
            return None;
        }
        let _ = u;
        (s, Some(n), k)
    } else if let Some((s, ())) = cx.head(i, |w| lex.number(w, NumKind::Vague).map(|_| ())) {
        // `عدة أيام`, `بضع سنوات`
        if unit_at(i + 1).map_or(true, |u| u.count != Count::Plural) {
            return None;
        }
        (s, None, i + 1)
    } else {
        let (s, u) = cx.head(i, |w| lex.unit(w))?;
        let definite = cx.head(i, |w| w.starts_with("ال").then_some(())).is_some();
        if definite {
            // `السنوات الأخيرة`, `الأيام الثلاثة الماضية`, `العامين الماضيين`
            // `الثلاثة` / `العشر` after the unit: a definite cardinal.
            let definite_card = |k: usize| {
                let w = cx.norm(k).strip_prefix("ال")?;
                let v = lex
                    .number(w, NumKind::Card)
                    .or_else(|| lex.number(w, NumKind::Tens))?;
                Some((Some(v.to_string()), k + 1))
            };
            let (num, k) = definite_card(i + 1).unwrap_or((None, i + 1));
            if u.count == Count::One || !cx.is_cue(k, Cat::Recent) {
                return None;
            }
            let mut end = k + 1;
            if cx.is_cue(end, Cat::Recent) {
                end += 1;
            }
            let n = if u.count == Count::Two {
                Some("2".to_string())
            } else {
                num
            };
            return hit(s, Spec::Duration { n, unit: u.unit }, end);
        }
        match u.count {
            Count::Two => (s, Some("2".into()), i),
            Count::Plural => {
                // `أيام الحرب` is a construct, not a duration.
                if cx.norm(i + 1).starts_with("ال") && !cx.is_cue(i + 1, Cat::Recent) {
                    return None;
                }
                (s, None, i)
            }
            Count::One => {
                // `منذ عام`, `قبل أسبوع`: one unit, only after such a preposition.
                let after = i > 0
                    && ["منذ", "قبل", "بعد", "لمده", "خلال"]
                        .iter()
                        .any(|p| cx.is(i - 1, p));
                if !after || cx.number(i + 1).is_some() || cx.norm(i + 1).starts_with("ال") {
                    return None;
                }
                (s, Some("1".into()), i)
            }
        }
    };
    let unit = unit_at(next)
        .or_else(|| cx.head(next, |w| lex.unit(w)).map(|(_, u)| u))?
        .unit;
    let mut end = next + 1;
    // `عقود عدة`, `سنوات طويلة`, `عقود من الزمن`
    if n.is_none() && vague_at(end) {
        end += 1;
    } else if n.is_none() && cx.norm(end) == "من" && matches!(cx.norm(end + 1), "الزمن" | "الوقت")
    {
        end += 2;
    } else if cx
        .doc
        .text
        .get(start..)
        .is_some_and(|s| s.starts_with("ال"))
        && cx.is_cue(end, Cat::Recent)
    {
        // `الثلاث سنوات الماضية`
        end += 1;
        return hit(start, Spec::Duration { n, unit }, end);
    }
    // `قبل 3 أيام` = three days before the dct, unless an event follows (`قبل 3 أيام من الانتخابات`).
    if let (Some(num), true) = (&n, i > 0) {
        let sign = if cx.is(i - 1, "قبل") {
            -1
        } else if cx.is(i - 1, "بعد") && !(i > 1 && cx.is(i - 2, "علي")) {
            1
        } else {
            0
        };
        let anchored = cx.is_cue(end, Cat::Anchor);
        let calendar_unit = !matches!(unit, Unit::Hour | Unit::Minute | Unit::Second);
        if sign != 0 && !anchored && calendar_unit {
            if let Ok(k) = num.parse::<u32>() {
                return hit(start, Spec::Shift { n: k, unit, sign }, end);
            }
        }
    }
    hit(start, Spec::Duration { n, unit }, end)
}

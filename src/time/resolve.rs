//! Turning a recognised [`Spec`] into a TIMEX3 value, given the dct and whether
//! its sentence speaks of the future.

use super::lexicon::Unit;
use super::recognize::{CenturyRef, Spec, Year};
use super::Date;

/// The TIMEX3 value of `spec`. Relative expressions need `dct` and get None without it;
/// a month or day without a year takes the most recent past one, or the next one when
/// `future` says the sentence is about the future.
pub(crate) fn resolve(spec: &Spec, dct: Option<Date>, future: bool) -> Option<String> {
    match spec {
        Spec::Cal { year, month, day } => calendar(*year, *month, *day, dct, future),
        Spec::Hijri { year, month, day } => super::calendar::hijri_value((*year)?, *month, *day),
        Spec::YearRange(a, b) => Some(format!("{a:04}/{b:04}")),
        Spec::Decade { digit, century } => {
            let c = match century {
                None => 19,
                Some(c) => century_index(*c, dct?)?,
            };
            Some(format!("{c:02}{digit}"))
        }
        Spec::Century(c) => Some(format!(
            "{:02}",
            century_index(
                *c,
                dct.unwrap_or(Date {
                    year: 2000,
                    month: 1,
                    day: 1
                })
            )
            .filter(|_| dct.is_some() || matches!(c, CenturyRef::Ordinal(_)))?
        )),
        Spec::Deictic(d) => Some(dct?.add_days(*d)?.iso()),
        Spec::Present => Some("PRESENT_REF".into()),
        Spec::Week(o) => Some(dct?.add_days(7 * i64::from(*o))?.iso_week_value()),
        Spec::Month(o) => Some(dct?.add_months(*o)?.month_value()),
        Spec::MonthRel { month, offset, day } => {
            let dct = dct?;
            let year = match offset.signum() {
                -1 if *month < dct.month => dct.year,
                -1 => dct.year.checked_sub(1)?,
                1 if *month > dct.month => dct.year,
                1 => dct.year.checked_add(1)?,
                _ => dct.year,
            };
            match day {
                Some(d) => Some(Date::new(year, *month, *d)?.iso()),
                None => Some(format!("{year:04}-{month:02}")),
            }
        }
        Spec::DayOfMonth { offset, day } => {
            let m = dct?.add_months(*offset)?;
            Some(Date::new(m.year, m.month, *day)?.iso())
        }
        Spec::Weekday { weekday, dir } => Some(weekday_date(*weekday, *dir, dct?, future)?.iso()),
        Spec::Shift { n, unit, sign } => shift(i64::from(*n) * i64::from(*sign), *unit, dct?),
        Spec::Duration { n, unit } => Some(unit.duration(n.as_deref().unwrap_or("X"))),
        Spec::Clock { date, hour, minute } => {
            let date = date.or(dct)?;
            Some(format!("{}T{hour:02}:{minute:02}", date.iso()))
        }
        Spec::Part { day, part } => {
            let day = resolve(day, dct, future)?;
            (day.len() == 10).then(|| format!("{day}T{part}"))
        }
    }
}

/// `19` for the 1900s: an ordinal century n is n - 1; a relative one counts from the dct's.
fn century_index(c: CenturyRef, dct: Date) -> Option<i32> {
    match c {
        CenturyRef::Ordinal(n) => i32::try_from(n).ok().map(|n| n - 1).filter(|n| *n >= 0),
        CenturyRef::Rel(o) => dct.year.div_euclid(100).checked_add(o).filter(|n| *n >= 0),
    }
}

fn calendar(
    year: Year,
    month: Option<u32>,
    day: Option<u32>,
    dct: Option<Date>,
    future: bool,
) -> Option<String> {
    let year = match year {
        Year::Abs(y) => y,
        Year::Bad => return None,
        Year::Rel(o) => dct?.year.checked_add(o)?,
        Year::Unknown => {
            let Some(dct) = dct else {
                // The year cannot be known: TIMEX3's X placeholder.
                return match (month, day) {
                    (Some(m), Some(d)) => {
                        Date::new(2000, m, d).map(|_| format!("XXXX-{m:02}-{d:02}"))
                    }
                    (Some(m), None) => Some(format!("XXXX-{m:02}")),
                    _ => None,
                };
            };
            let m = month?;
            let here = (m, day.unwrap_or(0));
            let now = (dct.month, if day.is_some() { dct.day } else { 0 });
            match (future, here <= now) {
                (false, true) => dct.year,
                (false, false) => dct.year.checked_sub(1)?,
                (true, _) if here >= now => dct.year,
                (true, _) => dct.year.checked_add(1)?,
            }
        }
    };
    if !(0..=9999).contains(&year) {
        return None;
    }
    match (month, day) {
        (None, _) => Some(format!("{year:04}")),
        (Some(m), None) => (1..=12).contains(&m).then(|| format!("{year:04}-{m:02}")),
        (Some(m), Some(d)) => Date::new(year, m, d).map(|d| d.iso()),
    }
}

/// The date of `weekday` near `dct`: `dir` -1 the last one before, 1 the next one after,
/// 0 the one of the same ISO week; without `dir`, the most recent one (the dct itself
/// included) or, in a future sentence, the next one after the dct.
fn weekday_date(weekday: u32, dir: Option<i32>, dct: Date, future: bool) -> Option<Date> {
    let delta = i64::from(weekday) - i64::from(dct.weekday());
    let back = delta.rem_euclid(7) - 7; // -7..=-1 when different, -7 when same
    let back_incl = if delta.rem_euclid(7) == 0 { 0 } else { back };
    let fwd = delta.rem_euclid(7);
    let fwd_excl = if fwd == 0 { 7 } else { fwd };
    let days = match dir {
        Some(d) if d < 0 => {
            if delta.rem_euclid(7) == 0 {
                -7
            } else {
                back
            }
        }
        Some(d) if d > 0 => fwd_excl,
        Some(_) => delta,
        None if future => fwd_excl,
        None => back_incl,
    };
    dct.add_days(days)
}

/// A date `n` units from the dct, at the unit's precision.
fn shift(n: i64, unit: Unit, dct: Date) -> Option<String> {
    match unit {
        Unit::Day => Some(dct.add_days(n)?.iso()),
        Unit::Week => Some(dct.add_days(7 * n)?.iso_week_value()),
        Unit::Month => Some(dct.add_months(i32::try_from(n).ok()?)?.month_value()),
        Unit::Year => Some(format!("{:04}", i64::from(dct.year) + n)),
        Unit::Decade => Some(format!(
            "{:03}",
            (i64::from(dct.year) + 10 * n).div_euclid(10)
        )),
        Unit::Century => Some(format!(
            "{:02}",
            (i64::from(dct.year) + 100 * n).div_euclid(100)
        )),
        Unit::Hour | Unit::Minute | Unit::Second => None,
    }
}

//! The days a TIMEX3 date value covers, so that values of any granularity
//! compare: `2024-W25` holds `2024-06-18`, `199` holds `1991`, `1950/1953`
//! holds `1951-03`.

use super::{days_in_month, Date};

/// An inclusive range of day numbers (see [`Date::day_number`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub first: i64,
    /// Last day.
    pub last: i64,
}

impl Period {
    /// The days of a TIMEX3 date value; None for durations, `PRESENT_REF`,
    /// values with unknown parts (`XXXX-09-14`) and anything malformed.
    pub fn of(value: &str) -> Option<Period> {
        if let Some((a, b)) = value.split_once('/') {
            let (a, b) = (Period::of(a)?, Period::of(b)?);
            return (a.first <= b.last).then_some(Period { first: a.first, last: b.last });
        }
        // A time of day or a part of one is on its date.
        let value = value.split_once('T').map_or(value, |(date, _)| date);
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = value.split('-').collect();
        match parts.as_slice() {
            // `19`: the 1900s; `199`: the 1990s; `2024`: a year.
            [y] if digits(y) && (2..=4).contains(&y.len()) => {
                let n: i32 = y.parse().ok()?;
                let scale = 10_i32.pow(4 - y.len() as u32);
                let (from, to) = (n.checked_mul(scale)?, n.checked_mul(scale)?.checked_add(scale - 1)?);
                Some(Period { first: Date::new(from, 1, 1)?.day_number(), last: Date::new(to, 12, 31)?.day_number() })
            }
            [y, w] if digits(y) && y.len() == 4 && w.len() == 3 && w.starts_with('W') && digits(&w[1..]) => {
                let (year, week): (i32, i64) = (y.parse().ok()?, w[1..].parse().ok()?);
                if !(1..=53).contains(&week) {
                    return None;
                }
                // Week 1 holds the year's first Thursday, so it holds 4 January.
                let jan4 = Date::new(year, 1, 4)?;
                let monday = jan4.day_number() - i64::from(jan4.weekday() - 1) + 7 * (week - 1);
                Some(Period { first: monday, last: monday + 6 })
            }
            [y, m] if digits(y) && y.len() == 4 && digits(m) && m.len() == 2 => {
                let (year, month): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
                let first = Date::new(year, month, 1)?;
                let last = Date::new(year, month, days_in_month(year, month))?;
                Some(Period { first: first.day_number(), last: last.day_number() })
            }
            [y, m, d] if digits(y) && y.len() == 4 && digits(m) && digits(d) => {
                let day = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?.day_number();
                Some(Period { first: day, last: day })
            }
            _ => None,
        }
    }

    /// A single day.
    pub fn day(date: Date) -> Period {
        let n = date.day_number();
        Period { first: n, last: n }
    }

    /// True when `other` lies inside this period.
    pub fn contains(&self, other: &Period) -> bool {
        self.first <= other.first && other.last <= self.last
    }

    /// True when one of the two lies inside the other: two reports of one event
    /// at different granularities (`2024-06` and `2024-06-19`).
    pub fn nested(&self, other: &Period) -> bool {
        self.contains(other) || other.contains(self)
    }

    /// Number of days (at least one: a period is never empty).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> i64 {
        self.last - self.first + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &str) -> Period {
        Period::of(v).unwrap_or_else(|| panic!("{v} has a period"))
    }

    #[test]
    fn values_of_every_granularity() {
        assert_eq!(p("2024-06-18").len(), 1);
        assert_eq!(p("2024-02").len(), 29);
        assert_eq!(p("2023").len(), 365);
        assert_eq!(p("199").len(), 3652);
        assert!(p("19").contains(&p("1991-12-26")));
        assert!(!p("19").contains(&p("2000")));
        assert!(p("1950/1953").contains(&p("1951-03")));
        assert!(p("2023-09-14T03:15").contains(&p("2023-09-14")));
        // ISO weeks: 2024-W25 is Monday 17 to Sunday 23 June 2024; 2020-W53 ends on 3 January 2021.
        assert_eq!(p("2024-W25"), Period { first: p("2024-06-17").first, last: p("2024-06-23").first });
        assert_eq!(p("2020-W53").last, p("2021-01-03").first);
        assert!(p("2024-W25").nested(&p("2024-06-18")));
        assert!(p("2024-W25").nested(&p("2024-06")));
        // W22 runs from 27 May to 2 June: neither holds the other.
        assert!(!p("2024-W22").nested(&p("2024-06")));
    }

    #[test]
    fn non_dates_have_no_period() {
        for v in ["P24Y", "PRESENT_REF", "XXXX-09-14", "2024-13", "2023-02-30", "2024-W54", "", "1/", "2024/2020", "٢٠٢٤"] {
            assert_eq!(Period::of(v), None, "{v}");
        }
    }
}

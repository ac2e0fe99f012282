//! Small proleptic-Gregorian arithmetic on [`Date`]: day numbers, weekdays,
//! ISO weeks, month shifts. Written here rather than pulled from a crate to keep
//! the wasm small; every function is total (no panics on any input).

use super::{days_in_month, Date};

impl Date {
    /// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`.
    pub fn day_number(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a day number (inverse of [`Date::day_number`]); None outside ±1 million years.
    pub fn from_day_number(n: i64) -> Option<Date> {
        if n.abs() > 365_000_000 {
            return None;
        }
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u32, day as u32)
    }

    /// ISO weekday: 1 = Monday .. 7 = Sunday.
    pub fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.day_number() + 3).rem_euclid(7) + 1) as u32
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(&self, n: i64) -> Option<Date> {
        Date::from_day_number(self.day_number().checked_add(n)?)
    }

    /// The same day `n` months later, clamped to the month's last day; returns (year, month, day).
    pub fn add_months(&self, n: i32) -> Option<Date> {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = (total.rem_euclid(12) + 1) as u32;
        Date::new(year, month, self.day.min(days_in_month(year, month)))
    }

    /// ISO 8601 week: (ISO year, week 1..=53).
    pub fn iso_week(&self) -> (i32, u32) {
        // The week belongs to the year of its Thursday.
        let thursday = self
            .add_days(4 - i64::from(self.weekday()))
            .unwrap_or(*self);
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.day_number() - jan1.day_number()) / 7 + 1;
        (thursday.year, week as u32)
    }

    /// `YYYY-Www`, the TIMEX3 value of the ISO week containing this date.
    pub fn iso_week_value(&self) -> String {
        let (y, w) = self.iso_week();
        format!("{y:04}-W{w:02}")
    }

    /// `YYYY-MM`.
    pub fn month_value(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn day_numbers_round_trip() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "1900-03-01",
            "2024-12-31",
            "0001-01-01",
            "1582-10-15",
        ] {
            let date = d(s);
            assert_eq!(Date::from_day_number(date.day_number()), Some(date), "{s}");
        }
        assert_eq!(d("1970-01-02").day_number(), 1);
        assert_eq!(Date::from_day_number(i64::MAX), None);
    }

    #[test]
    fn weekdays() {
        let cases = [
            ("2024-06-14", 5),
            ("2023-08-15", 2),
            ("2024-06-17", 1),
            ("2000-01-01", 6),
            ("1945-08-15", 3),
        ];
        for (s, wd) in cases {
            assert_eq!(d(s).weekday(), wd, "{s}");
        }
    }

    #[test]
    fn iso_weeks() {
        let cases = [
            ("2024-06-14", "2024-W24"),
            ("2024-06-17", "2024-W25"),
            ("2023-09-19", "2023-W38"),
            ("2021-01-03", "2020-W53"),
            ("2024-12-30", "2025-W01"),
            ("2026-01-01", "2026-W01"),
        ];
        for (s, w) in cases {
            assert_eq!(d(s).iso_week_value(), w, "{s}");
        }
    }

    #[test]
    fn month_shifts_clamp() {
        assert_eq!(d("2024-03-31").add_months(-1), Some(d("2024-02-29")));
        assert_eq!(d("2024-01-15").add_months(-1), Some(d("2023-12-15")));
        assert_eq!(d("2023-12-15").add_months(13), Some(d("2025-01-15")));
    }
}

/// A Hijri date in Gregorian terms, by the Umm al-Qura calendar (ICU4X's tables,
/// 1300–1600 AH, computed outside them): a day gives `YYYY-MM-DD`, a month the
/// interval of its days, a year the Gregorian year(s) it falls in. None for an
/// impossible date (`30 رمضان` in a 29-day Ramadan).
pub(crate) fn hijri_value(year: i32, month: Option<u32>, day: Option<u32>) -> Option<String> {
    if !(1..=3000).contains(&year) {
        return None;
    }
    let to_gregorian = |m: u32, d: u32| -> Option<Date> {
        let month = icu_calendar::types::Month::new(u8::try_from(m).ok()?);
        let cal = icu_calendar::cal::Hijri::new_umm_al_qura();
        let date = icu_calendar::Date::try_new(year.into(), month, u8::try_from(d).ok()?, cal).ok()?;
        let iso = date.to_calendar(icu_calendar::Iso);
        Date::new(iso.year().extended_year(), u32::from(iso.month().ordinal), u32::from(iso.day_of_month().0))
    };
    let month_days = |m: u32| -> Option<(Date, Date)> {
        let first = to_gregorian(m, 1)?;
        let last = to_gregorian(m, 30).or_else(|| to_gregorian(m, 29))?;
        Some((first, last))
    };
    match (month, day) {
        (Some(m), Some(d)) => Some(to_gregorian(m, d)?.iso()),
        (Some(m), None) => {
            let (first, last) = month_days(m)?;
            Some(format!("{}/{}", first.iso(), last.iso()))
        }
        _ => {
            let (first, _) = month_days(1)?;
            let (_, last) = month_days(12)?;
            Some(if first.year == last.year { format!("{:04}", first.year) } else { format!("{:04}/{:04}", first.year, last.year) })
        }
    }
}

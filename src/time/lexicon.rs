//! The time lexicon: month, weekday, number, unit and cue words from
//! `data/time/*.tsv`, folded and indexed once.
//!
//! A malformed line is skipped and reported by [`Lexicon::errors`] (a unit test
//! keeps the shipped files clean); parsing never panics.

use crate::text::normalize::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

const MONTHS: &str = crate::data_file!("time/months.tsv");
const WEEKDAYS: &str = crate::data_file!("time/weekdays.tsv");
const NUMBERS: &str = crate::data_file!("time/numbers.tsv");
const UNITS: &str = crate::data_file!("time/units.tsv");
const WORDS: &str = crate::data_file!("time/words.tsv");

/// Which calendar a month name belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Calendar {
    Gregorian,
    Hijri,
}

/// A month name (one or more folded words).
#[derive(Clone, Debug)]
pub(crate) struct MonthName {
    pub words: Vec<String>,
    pub month: u32,
    pub calendar: Calendar,
    /// Latin-script name: only a date when next to a number.
    pub english: bool,
    /// The raw word must equal this (marks removed), for names that fold onto other words.
    pub exact: Option<String>,
    /// Alone, a month only after a preposition or شهر.
    pub ambiguous: bool,
}

/// A weekday name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WeekdayName {
    pub weekday: u32,
    pub ambiguous: bool,
}

/// What a number word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumKind {
    Card,
    Teen,
    Tens,
    Hundred,
    Ord,
    Vague,
    Counter,
}

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Decade,
    Century,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "Y" => Unit::Year,
            "M" => Unit::Month,
            "W" => Unit::Week,
            "D" => Unit::Day,
            "H" => Unit::Hour,
            "MIN" => Unit::Minute,
            "S" => Unit::Second,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }

    /// The TIMEX3 duration of `n` (a number or `X`) of this unit.
    pub fn duration(&self, n: &str) -> String {
        match self {
            Unit::Year => format!("P{n}Y"),
            Unit::Month => format!("P{n}M"),
            Unit::Week => format!("P{n}W"),
            Unit::Day => format!("P{n}D"),
            Unit::Hour => format!("PT{n}H"),
            Unit::Minute => format!("PT{n}M"),
            Unit::Second => format!("PT{n}S"),
            Unit::Decade => format!("P{n}DE"),
            Unit::Century => format!("P{n}CE"),
        }
    }
}

/// How many of a unit a unit word says by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Count {
    One,
    Two,
    Plural,
}

/// A unit word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnitWord {
    pub unit: Unit,
    pub count: Count,
}

/// Categories of `words.tsv` (see its header).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Cat {
    Deictic,
    Present,
    Dir,
    This,
    Recent,
    Period,
    Part,
    Prep,
    Until,
    Future,
    NotFuture,
    Anchor,
    Era,
    YearCue,
    Label,
    Anniv,
    NotDay,
    That,
    Fraction,
}

impl Cat {
    fn parse(s: &str) -> Option<Cat> {
        Some(match s {
            "deictic" => Cat::Deictic,
            "present" => Cat::Present,
            "dir" => Cat::Dir,
            "this" => Cat::This,
            "recent" => Cat::Recent,
            "period" => Cat::Period,
            "part" => Cat::Part,
            "prep" => Cat::Prep,
            "until" => Cat::Until,
            "future" => Cat::Future,
            "notfuture" => Cat::NotFuture,
            "anchor" => Cat::Anchor,
            "era" => Cat::Era,
            "yearcue" => Cat::YearCue,
            "label" => Cat::Label,
            "anniv" => Cat::Anniv,
            "notday" => Cat::NotDay,
            "that" => Cat::That,
            "fraction" => Cat::Fraction,
            _ => return None,
        })
    }
}

/// A cue word or phrase with its value column.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    pub words: Vec<String>,
    pub value: String,
}

/// Everything the recogniser looks up, keyed by folded form.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Month names by their first folded word.
    pub months: HashMap<String, Vec<MonthName>>,
    pub weekdays: HashMap<String, WeekdayName>,
    pub numbers: HashMap<String, Vec<(u32, NumKind)>>,
    pub units: HashMap<String, UnitWord>,
    /// Cue phrases by category, then by first folded word.
    pub cues: HashMap<Cat, HashMap<String, Vec<Cue>>>,
    errors: Vec<String>,
}

/// The lexicon, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

/// Data lines of a TSV file: (line number, columns), comments and blanks skipped.
fn rows(src: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    src.lines().enumerate().filter_map(|(n, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            return None;
        }
        Some((n + 1, line.split('\t').map(str::trim).collect()))
    })
}

fn fold_words(form: &str) -> Vec<String> {
    form.split_whitespace()
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

impl Lexicon {
    fn load() -> Lexicon {
        Lexicon::from_sources([MONTHS, WEEKDAYS, NUMBERS, UNITS, WORDS])
    }

    /// Parse the five files (months, weekdays, numbers, units, words), in that order.
    fn from_sources([months, weekdays, numbers, units, words]: [&str; 5]) -> Lexicon {
        let mut lex = Lexicon::default();
        lex.load_months(months);
        lex.load_weekdays(weekdays);
        lex.load_numbers(numbers);
        lex.load_units(units);
        lex.load_words(words);
        lex
    }

    /// Lines of the data files that could not be read.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    fn bad(&mut self, file: &str, n: usize, what: &str) {
        self.errors
            .push(format!("data/time/{file} line {n}: {what}"));
    }

    fn load_months(&mut self, src: &str) {
        for (n, cols) in rows(src) {
            let (Some(form), Some(month), Some(set)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                self.bad("months.tsv", n, "expected FORM<TAB>MONTH<TAB>SET");
                continue;
            };
            let Some(month) = month.parse::<u32>().ok().filter(|m| (1..=12).contains(m)) else {
                self.bad("months.tsv", n, "MONTH must be 1..=12");
                continue;
            };
            let calendar = match *set {
                "hijri" => Calendar::Hijri,
                "gregorian" | "levant" | "maghreb" | "morocco" | "english" => Calendar::Gregorian,
                _ => {
                    self.bad("months.tsv", n, "unknown SET");
                    continue;
                }
            };
            let words = fold_words(form);
            let Some(first) = words.first().cloned() else {
                self.bad("months.tsv", n, "empty FORM");
                continue;
            };
            let flags: Vec<&str> = cols
                .get(3)
                .map_or(Vec::new(), |f| f.split(',').map(str::trim).collect());
            let exact = flags.contains(&"exact").then(|| form.to_string());
            let ambiguous = flags.contains(&"ambiguous");
            let name = MonthName {
                words,
                month,
                calendar,
                english: *set == "english",
                exact,
                ambiguous,
            };
            self.months.entry(first).or_default().push(name);
        }
        // Longest names first, so كانون الثاني wins over a shorter reading.
        for names in self.months.values_mut() {
            names.sort_by_key(|n| std::cmp::Reverse(n.words.len()));
        }
    }

    fn load_weekdays(&mut self, src: &str) {
        for (n, cols) in rows(src) {
            let (Some(form), Some(wd)) = (cols.first(), cols.get(1)) else {
                self.bad("weekdays.tsv", n, "expected FORM<TAB>ISO_WEEKDAY");
                continue;
            };
            let Some(weekday) = wd.parse::<u32>().ok().filter(|w| (1..=7).contains(w)) else {
                self.bad("weekdays.tsv", n, "ISO_WEEKDAY must be 1..=7");
                continue;
            };
            let ambiguous = cols.get(2) == Some(&"ambiguous");
            self.weekdays
                .insert(fold(form), WeekdayName { weekday, ambiguous });
        }
    }

    fn load_numbers(&mut self, src: &str) {
        for (n, cols) in rows(src) {
            let (Some(form), Some(value), Some(kind)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                self.bad("numbers.tsv", n, "expected FORM<TAB>VALUE<TAB>KIND");
                continue;
            };
            let kind = match *kind {
                "card" => NumKind::Card,
                "teen" => NumKind::Teen,
                "tens" => NumKind::Tens,
                "hundred" => NumKind::Hundred,
                "ord" => NumKind::Ord,
                "vague" => NumKind::Vague,
                "counter" => NumKind::Counter,
                _ => {
                    self.bad("numbers.tsv", n, "unknown KIND");
                    continue;
                }
            };
            let Ok(value) = value.parse::<u32>() else {
                self.bad("numbers.tsv", n, "VALUE must be a number");
                continue;
            };
            self.numbers
                .entry(fold(form))
                .or_default()
                .push((value, kind));
        }
    }

    fn load_units(&mut self, src: &str) {
        for (n, cols) in rows(src) {
            let (Some(form), Some(unit), Some(count)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                self.bad("units.tsv", n, "expected FORM<TAB>UNIT<TAB>COUNT");
                continue;
            };
            let Some(unit) = Unit::parse(unit) else {
                self.bad("units.tsv", n, "unknown UNIT");
                continue;
            };
            let count = match *count {
                "1" => Count::One,
                "2" => Count::Two,
                "P" => Count::Plural,
                _ => {
                    self.bad("units.tsv", n, "COUNT must be 1, 2 or P");
                    continue;
                }
            };
            self.units.insert(fold(form), UnitWord { unit, count });
        }
    }

    fn load_words(&mut self, src: &str) {
        for (n, cols) in rows(src) {
            let (Some(form), Some(cat), Some(value)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                self.bad("words.tsv", n, "expected FORM<TAB>CATEGORY<TAB>VALUE");
                continue;
            };
            let Some(cat) = Cat::parse(cat) else {
                self.bad("words.tsv", n, "unknown CATEGORY");
                continue;
            };
            let words = fold_words(form);
            let Some(first) = words.first().cloned() else {
                self.bad("words.tsv", n, "empty FORM");
                continue;
            };
            let cue = Cue {
                words,
                value: value.to_string(),
            };
            let by_first = self.cues.entry(cat).or_default().entry(first).or_default();
            by_first.push(cue);
            by_first.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        }
    }

    /// Is the single folded word `w` a cue of category `cat`? Its value if so.
    pub fn cue(&self, cat: Cat, w: &str) -> Option<&str> {
        self.cues
            .get(&cat)?
            .get(w)?
            .iter()
            .find(|c| c.words.len() == 1)
            .map(|c| c.value.as_str())
    }

    /// Cue phrases of `cat` starting with the folded word `w`, longest first.
    pub fn cue_phrases(&self, cat: Cat, w: &str) -> &[Cue] {
        self.cues
            .get(&cat)
            .and_then(|m| m.get(w))
            .map_or(&[], Vec::as_slice)
    }

    /// The number word `w` (with or without ال) of kind `kind`: its value.
    pub fn number(&self, w: &str, kind: NumKind) -> Option<u32> {
        let find = |w: &str| {
            self.numbers
                .get(w)?
                .iter()
                .find(|(_, k)| *k == kind)
                .map(|(v, _)| *v)
        };
        find(w).or_else(|| find(w.strip_prefix("ال")?))
    }

    /// The unit word `w` (with or without ال).
    pub fn unit(&self, w: &str) -> Option<UnitWord> {
        self.units
            .get(w)
            .or_else(|| self.units.get(w.strip_prefix("ال")?))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_files_parse_cleanly() {
        let lex = lexicon();
        assert!(lex.errors().is_empty(), "{:#?}", lex.errors());
        assert!(lex.months.len() > 60);
        assert_eq!(lex.weekdays.len(), 14);
    }

    #[test]
    fn folding_covers_spellings() {
        let lex = lexicon();
        for (w, m) in [
            ("اغسطس", 8),
            ("ابريل", 4),
            ("يونيه", 6),
            ("جويليه", 7),
            ("ايلول", 9),
        ] {
            assert_eq!(
                lex.months.get(w).and_then(|v| v.first()).map(|n| n.month),
                Some(m),
                "{w}"
            );
        }
        let levant = &lex.months["كانون"];
        assert_eq!(
            levant.iter().map(|n| n.month).collect::<Vec<_>>(),
            vec![1, 1, 12, 12]
        );
        assert_eq!(lex.number("التاسع", NumKind::Ord), Some(9));
        assert_eq!(lex.number("ثلاثه", NumKind::Card), Some(3));
        assert_eq!(lex.unit("السنوات").map(|u| u.unit), Some(Unit::Year));
        assert_eq!(lex.cue(Cat::Dir, "الماضيه"), Some("-1"));
    }

    #[test]
    fn bad_lines_are_reported_not_fatal() {
        let lex = Lexicon::from_sources([
            "# header\nيناير\t13\tgregorian\nفبراير\t2\tgregorian\nonly-one-column\n",
            "الأحد\t9\n",
            "واحد\tx\tcard\n",
            "عام\tQ\t1\n",
            "اليوم\tnope\t0\nx\n",
        ]);
        assert_eq!(lex.errors().len(), 7, "{:#?}", lex.errors());
        assert_eq!(lex.months.len(), 1);
    }
}

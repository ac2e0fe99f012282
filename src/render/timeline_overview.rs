//! Zoom and pan of the timeline: a window of days, and the overview strip that
//! shows where the window stands among all the events.
//!
//! The window is a TIMEX3 range (`2023-09-01/2024-06-30`), so it goes into a
//! link as it is; none means every event. The strip is a time axis, but a gap of
//! more than [`BREAK_YEARS`] years is drawn as a short break (as on the
//! timeline), so a story reaching back to 1910 does not squeeze 2024 into a pixel.

use super::escape::escape_html;
use super::timeline_svg::BREAK_YEARS;
use crate::model::TimelineItem;
use crate::time::{Date, Period};

/// A window is never narrower than this many days.
pub const MIN_DAYS: i64 = 7;
const BREAK_DAYS: i64 = BREAK_YEARS as i64 * 366;
/// Shares of the strip are in millionths (integers: float formatting and
/// parsing would add 35 KB gzip to the wasm).
const WHOLE: i64 = 1_000_000;
/// Share of the strip a break takes.
const BREAK_SHARE: i64 = 40_000;
const STRIP_HEIGHT: usize = 44;
const PAD: i64 = 10;
/// Year labels keep this far apart (px; a year is about 28 px wide at 11 px).
const LABEL_GAP: i64 = 40;

/// A change of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zoom {
    /// Half as many days, around the middle of the events inside.
    In,
    /// Twice as many days.
    Out,
    /// Half a window back in time.
    Earlier,
    /// Half a window forward.
    Later,
    /// Every event.
    All,
    /// The same width, centred where the strip was pressed: the share of the
    /// strip's time axis from its earliest end, in ten-thousandths (the strip
    /// gives its axis's ends as `data-x0` for the earliest and `data-x1` for the latest).
    At(u32),
}

impl Zoom {
    /// The page's name of a change (`in`, `out`, `earlier`, `later`, `all`, `at:2500`).
    pub fn parse(s: &str) -> Option<Zoom> {
        Some(match s {
            "in" => Zoom::In,
            "out" => Zoom::Out,
            "earlier" => Zoom::Earlier,
            "later" => Zoom::Later,
            "all" => Zoom::All,
            _ => Zoom::At(s.strip_prefix("at:")?.parse::<u32>().ok()?.min(10_000)),
        })
    }
}

/// The days of each event shown (an entity's only, when one is given).
fn event_periods(items: &[TimelineItem], entity: Option<&str>) -> Vec<Period> {
    items
        .iter()
        .filter(|it| entity.is_none_or(|e| it.entities.iter().any(|x| x == e)))
        .filter_map(|it| Period::of(&it.value))
        .collect()
}

/// The periods as (first, last, index), by first day (plain tuples: a sort the
/// wasm has already; a sort of another type would add its own code).
fn by_start(periods: &[Period]) -> Vec<(i64, i64, usize)> {
    let mut out: Vec<(i64, i64, usize)> = periods.iter().enumerate().map(|(i, p)| (p.first, p.last, i)).collect();
    out.sort_unstable();
    out
}

/// The days every event covers.
fn extent(periods: &[Period]) -> Option<Period> {
    Some(Period { first: periods.iter().map(|p| p.first).min()?, last: periods.iter().map(|p| p.last).max()? })
}

/// A window as the page keeps it.
pub fn window_value(p: Period) -> String {
    match (Date::from_day_number(p.first), Date::from_day_number(p.last)) {
        (Some(a), Some(b)) => format!("{}/{}", a.iso(), b.iso()),
        _ => String::new(),
    }
}

/// The window after a change: None for every event (the window would hold them all).
pub fn zoom_window(items: &[TimelineItem], entity: Option<&str>, current: Option<&str>, zoom: Zoom) -> Option<Period> {
    let periods = event_periods(items, entity);
    let full = extent(&periods)?;
    let cur = current.and_then(Period::of).map(|c| clamp(c, full)).unwrap_or(full);
    let span = cur.last - cur.first + 1;
    let (first, days) = match zoom {
        Zoom::All => return None,
        Zoom::In => {
            // Towards the events: the middle one of those that start inside.
            let starts: Vec<i64> = by_start(&periods).into_iter().map(|p| p.0).filter(|d| (cur.first..=cur.last).contains(d)).collect();
            let centre = starts.get(starts.len() / 2).copied().unwrap_or((cur.first + cur.last) / 2);
            let days = (span / 2).max(MIN_DAYS);
            (centre - days / 2, days)
        }
        Zoom::Out => (cur.first - span / 2, span * 2),
        Zoom::Earlier => (cur.first - span / 2, span),
        Zoom::Later => (cur.first + span / 2, span),
        Zoom::At(share) => {
            let centre = Scale::new(&periods, full).day_at(i64::from(share) * (WHOLE / 10_000));
            (centre - span / 2, span)
        }
    };
    let window = clamp(Period { first, last: first + days - 1 }, full);
    (window != full).then_some(window)
}

/// `p` moved (not shrunk) inside `full`; cut to `full` when wider.
fn clamp(p: Period, full: Period) -> Period {
    let days = (p.last - p.first).clamp(0, full.last - full.first);
    let first = p.first.clamp(full.first, full.last - days);
    Period { first, last: first + days }
}

/// Days to the strip's width, in shares from its start edge: pieces of linear
/// time, with the long gaps between them cut short.
struct Scale {
    /// (first day, last day, share where it starts, share where it ends).
    pieces: Vec<(i64, i64, i64, i64)>,
}

impl Scale {
    fn new(periods: &[Period], full: Period) -> Scale {
        let mut runs: Vec<(i64, i64)> = Vec::new();
        for (first, last, _) in by_start(periods) {
            match runs.last_mut() {
                Some(run) if first - run.1 <= BREAK_DAYS => run.1 = run.1.max(last),
                _ => runs.push((first, last)),
            }
        }
        if runs.is_empty() {
            runs.push((full.first, full.last));
        }
        // Each run gets room by its days (at least a 20th of the whole, so a lone
        // event is not a point).
        let total_days: i64 = runs.iter().map(|r| r.1 - r.0 + 1).sum();
        let weights: Vec<i64> = runs.iter().map(|r| r.1 - r.0 + 1 + total_days / 20).collect();
        let room = WHOLE - BREAK_SHARE * (runs.len() as i64 - 1);
        let sum: i64 = weights.iter().sum::<i64>().max(1);
        let mut at = 0;
        let mut pieces = Vec::with_capacity(runs.len());
        for (run, w) in runs.iter().zip(&weights) {
            let share = room * w / sum;
            pieces.push((run.0, run.1, at, at + share));
            at += share + BREAK_SHARE;
        }
        Scale { pieces }
    }

    /// Share of the strip at a day (a day in a gap: the gap's middle).
    fn share_of(&self, day: i64) -> i64 {
        let mut prev_end = 0;
        for &(a, b, s0, s1) in &self.pieces {
            if day < a {
                return (prev_end + s0) / 2;
            }
            if day <= b {
                return s0 + (s1 - s0) * (day - a) / (b - a + 1);
            }
            prev_end = s1;
        }
        WHOLE
    }

    /// The day at a share of the strip (a share in a break: the nearer side's day).
    fn day_at(&self, share: i64) -> i64 {
        let mut last_day = self.pieces.first().map_or(0, |p| p.0);
        for &(a, b, s0, s1) in &self.pieces {
            if share < s0 {
                return if s0 - share < BREAK_SHARE / 2 { a } else { last_day };
            }
            if share <= s1 {
                return a + (share - s0) * (b - a + 1) / (s1 - s0).max(1);
            }
            last_day = b;
        }
        last_day
    }
}

/// The overview strip: every event as a tick, year marks, the window as a
/// band. `window` is the page's value (none: everything). Empty without events.
pub fn overview_svg(items: &[TimelineItem], entity: Option<&str>, window: Option<&str>, width: usize, ltr: bool) -> String {
    let periods = event_periods(items, entity);
    let Some(full) = extent(&periods) else { return String::new() };
    let width = width.max(240);
    let scale = Scale::new(&periods, full);
    let inner = width as i64 - 2 * PAD;
    // From a share to x: time runs with the reading direction.
    let x = |share: i64| if ltr { PAD + share * inner / WHOLE } else { PAD + (WHOLE - share) * inner / WHOLE };
    let mut body = String::new();
    let mut last_label: Option<i64> = None;
    for (i, &(a, b, s0, s1)) in scale.pieces.iter().enumerate() {
        body.push_str(&format!("<line class=\"base\" x1=\"{}\" y1=\"30\" x2=\"{}\" y2=\"30\"/>", x(s0), x(s1)));
        if i > 0 {
            let mid = x(s0 - BREAK_SHARE / 2);
            body.push_str(&format!(
                "<g class=\"break\"><line x1=\"{}\" y1=\"34\" x2=\"{}\" y2=\"26\"/><line x1=\"{}\" y1=\"34\" x2=\"{}\" y2=\"26\"/></g>",
                mid - 5, mid - 1, mid + 1, mid + 5
            ));
        }
        // Year marks, thinned to one in `step` so that labels keep apart, and
        // none closer than LABEL_GAP to the one before (across breaks too).
        let (ya, yb) = (Date::from_day_number(a).map_or(0, |d| d.year), Date::from_day_number(b).map_or(0, |d| d.year));
        let years = i64::from((yb - ya + 1).max(1));
        let px_per_year = ((s1 - s0) * inner / WHOLE / years).max(1);
        let step = i32::try_from((LABEL_GAP + px_per_year - 1) / px_per_year).unwrap_or(1).max(1);
        let mut year = ya;
        while year <= yb {
            if let Some(jan1) = Date::new(year, 1, 1) {
                let tx = x(scale.share_of(jan1.day_number().max(a)));
                let room = last_label.is_none_or(|l: i64| (tx - l).abs() >= LABEL_GAP);
                if room && (year % step == 0 || year == ya) {
                    body.push_str(&format!(
                        "<line class=\"tick\" x1=\"{tx}\" y1=\"27\" x2=\"{tx}\" y2=\"33\"/><text class=\"year\" x=\"{lx}\" y=\"12\" text-anchor=\"middle\">{year}</text>",
                        // A label at an end stays inside the strip.
                        lx = tx.clamp(PAD + 6, width as i64 - PAD - 6),
                    ));
                    last_label = Some(tx);
                }
            }
            year += 1;
        }
    }
    for p in &periods {
        let tx = x(scale.share_of(p.first));
        body.push_str(&format!("<line class=\"event\" x1=\"{tx}\" y1=\"22\" x2=\"{tx}\" y2=\"38\"/>"));
    }
    let band = window.and_then(Period::of).map(|w| clamp(w, full)).unwrap_or(full);
    let (bx1, bx2) = (x(scale.share_of(band.first)), x(scale.share_of(band.last)));
    let (left, right) = (bx1.min(bx2), bx1.max(bx2));
    let mut label = String::new();
    escape_html(&window_value(band), &mut label);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"overview\" width=\"{width}\" height=\"{STRIP_HEIGHT}\" viewBox=\"0 0 {width} {STRIP_HEIGHT}\" data-x0=\"{}\" data-x1=\"{}\" aria-hidden=\"true\">\
{body}<rect class=\"window\" data-window=\"{label}\" x=\"{}\" y=\"18\" width=\"{}\" height=\"24\" rx=\"4\"/></svg>",
        x(0),
        x(WHOLE),
        left - 3,
        right - left + 6,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventMention;

    fn item(value: &str, entity: &str) -> TimelineItem {
        TimelineItem {
            id: format!("e-{value}"),
            value: value.into(),
            label: "حدث".into(),
            entities: vec![entity.into()],
            mentions: vec![EventMention { article: "a".into(), start: 0, end: 1, start16: 0, end16: 1 }],
        }
    }

    fn days(window: Option<Period>) -> i64 {
        window.map_or(-1, |w| w.last - w.first + 1)
    }

    #[test]
    fn zoom_in_narrows_towards_the_events_and_out_returns_to_all() {
        let items: Vec<TimelineItem> =
            ["1950-06-25", "2023-09-13", "2024-01-10", "2024-06-19", "2024-06-20", "2024-06-21"].iter().map(|v| item(v, "x")).collect();
        let w1 = zoom_window(&items, None, None, Zoom::In);
        let all = Period::of("1950-06-25/2024-06-21").map(|p| p.last - p.first + 1).unwrap_or(0);
        assert_eq!(days(w1), all / 2);
        let mut w = w1;
        for _ in 0..20 {
            w = zoom_window(&items, None, w.map(window_value).as_deref(), Zoom::In);
        }
        assert_eq!(days(w), MIN_DAYS, "never narrower than a week");
        let w = w.expect("a window");
        let june = Period::of("2024-06").unwrap_or(Period { first: 0, last: 0 });
        assert!(w.first >= june.first && w.last <= june.last, "ended among the June events: {}", window_value(w));
        // Out, repeatedly, comes back to everything.
        let mut w = Some(w);
        for _ in 0..20 {
            w = zoom_window(&items, None, w.map(window_value).as_deref(), Zoom::Out);
        }
        assert_eq!(w, None);
    }

    #[test]
    fn pan_stays_inside_the_events() {
        let items: Vec<TimelineItem> = ["2020-01-01", "2024-12-31"].iter().map(|v| item(v, "x")).collect();
        let w = zoom_window(&items, None, Some("2024-01-01/2024-06-30"), Zoom::Later).map(window_value);
        assert_eq!(w.as_deref(), Some("2024-04-01/2024-09-29"), "half a window on, width kept");
        let w = zoom_window(&items, None, Some("2024-10-01/2024-12-31"), Zoom::Later).map(window_value);
        assert_eq!(w.as_deref(), Some("2024-10-01/2024-12-31"), "stops at the last event");
        let w = zoom_window(&items, None, Some("2020-01-10/2020-02-08"), Zoom::Earlier).map(window_value);
        assert_eq!(w.as_deref(), Some("2020-01-01/2020-01-30"), "stops at the first event, width kept");
        assert_eq!(zoom_window(&items, None, Some("2024-01-01/2024-06-30"), Zoom::All), None);
        // Broken or foreign windows are read as everything, never a panic.
        for bad in ["", "x/y", "2025-13-01/2025-14-01", "9999999-01-01/1-01-01"] {
            let w = zoom_window(&items, None, Some(bad), Zoom::Earlier);
            assert!(w.is_none() || w.is_some_and(|w| w.first >= Period::of("2020-01-01").map_or(0, |p| p.first)), "{bad}");
        }
    }

    #[test]
    fn strip_cuts_long_gaps_and_maps_back() {
        let items: Vec<TimelineItem> = ["1910", "2023-09-13", "2024-06-19"].iter().map(|v| item(v, "x")).collect();
        let periods = event_periods(&items, None);
        let full = extent(&periods).unwrap_or(Period { first: 0, last: 0 });
        let scale = Scale::new(&periods, full);
        assert_eq!(scale.pieces.len(), 2, "1910 apart from 2023–2024");
        // The 113 years between take a break's width, not nearly all of the strip.
        let day = |v: &str| Period::of(v).map_or(0, |p| p.first);
        let gap = scale.share_of(day("2023-09-13")) - scale.share_of(day("1910-12-31"));
        assert!(gap > 0 && gap < WHOLE / 10, "{gap}");
        for share in [0, 100_000, 300_000, 600_000, 900_000, WHOLE] {
            let back = scale.share_of(scale.day_at(share));
            assert!((0..=WHOLE).contains(&back));
        }
        // A press on the strip centres the window there.
        let w = zoom_window(&items, None, Some("1990-01-01/1999-12-31"), Zoom::At(9_800)).map(window_value).unwrap_or_default();
        assert!(w.ends_with("2024-06-19"), "{w}");
        let svg = overview_svg(&items, None, None, 300, false);
        assert!(svg.contains("class=\"break\"") && svg.contains(">1910<") && svg.contains(">2024<"));
        assert!(svg.contains("data-x0=\"290\" data-x1=\"10\""), "time runs leftwards in Arabic");
        assert_eq!(svg.matches("class=\"event\"").count(), 3);
        // Many short runs: year labels never crowd each other.
        let many: Vec<TimelineItem> = ["1910", "1945", "1950", "1953", "1990", "2000", "2006", "2011", "2016", "2023", "2024"].iter().map(|v| item(v, "x")).collect();
        let svg = overview_svg(&many, None, None, 360, false);
        let mut xs: Vec<i64> = svg
            .split("<text class=\"year\" x=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect();
        xs.sort_unstable();
        assert!(xs.len() >= 3, "{xs:?}");
        assert!(xs.windows(2).all(|w| w[1] - w[0] >= LABEL_GAP), "{xs:?}");
        assert!(overview_svg(&items, Some("nobody"), None, 300, false).is_empty());
        assert_eq!(Zoom::parse("at:20000"), Some(Zoom::At(10_000)));
        assert_eq!(Zoom::parse("at:-1"), None);
        assert_eq!(Zoom::parse("at:0.5"), None);
    }
}

//! Dates for annals, on [`jiff`]'s civil calendar (proleptic Gregorian,
//! years -9999 to 9999): the one place where date strings are read.
//!
//! - [`parse_day`] reads an ISO day (`2024-03-14`, or the day of a
//!   date-time such as `2024-03-14T10:00:00Z`), checked against the real
//!   calendar: 31 February is no day.
//! - [`Period`] reads the values the coder writes for an event date (a day,
//!   an ISO week `2024-W11`, a month `2024-03`, a year `2024`, a decade
//!   `2010s`, or a range `2014/2015` of any of these) and gives the first
//!   and last civil day they can mean.
//! - Day counts since 1970-01-01 ([`days_from_civil`], [`civil_from_days`],
//!   [`weekday`], [`iso_week`]) for the text layer's relative dates ("last
//!   Tuesday") and the store's grouping, computed by jiff.
//!
//! ```
//! use annals_calendar::*;
//! let d = days_from_civil(2022, 7, 7);
//! assert_eq!(civil_from_days(d + 30), (2022, 8, 6));
//! assert_eq!(weekday(d), 3); // a Thursday
//! assert_eq!(iso_week(d), (2022, 27));
//! let w = Period::parse("2024-W11").unwrap();
//! assert_eq!((w.first.to_string(), w.last.to_string()), ("2024-03-11".into(), "2024-03-17".into()));
//! ```

pub use jiff::civil::Date;
use jiff::civil::{ISOWeekDate, Weekday};
use serde::{Deserialize, Serialize};

/// How precise a date is, finest first: what the text layer resolves a time
/// expression to and what an event date records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

impl Precision {
    /// Every precision, finest first.
    pub const ALL: [Precision; 5] =
        [Precision::Day, Precision::Week, Precision::Month, Precision::Year, Precision::Decade];

    /// Its name: `day`, `week`, `month`, `year` or `decade`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Decade => "decade",
        }
    }

    /// The precision named `s`.
    pub fn parse(s: &str) -> Option<Precision> {
        Precision::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// 1970-01-01, day 0 of the day counts.
const EPOCH: Date = Date::constant(1970, 1, 1);

/// The civil date `y-m-d`, if it is a real day within jiff's range.
pub fn date(y: i64, m: u8, d: u8) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// The day an ISO date or date-time starts with: `YYYY-MM-DD`, then nothing
/// or anything but a digit (a time `T10:00:00Z`, ` 10:00`, a zone);
/// surrounding space is ignored. `None` unless the day exists.
pub fn parse_day(s: &str) -> Option<Date> {
    let s = s.trim();
    let day = s.get(..10)?;
    if s.as_bytes().get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return None;
    }
    date(day[..4].parse().ok()?, day[5..7].parse().ok()?, day[8..10].parse().ok()?)
}

/// The days a date value can mean, first and last inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: Date,
    pub last: Date,
}

impl Period {
    /// Reads `2024-03-14`, `2024-W11`, `2024-03`, `2024`, `2010s`, or two of
    /// these joined by `/` (the first day of the one to the last of the
    /// other). A day may carry a time, as in [`parse_day`]. Years have four
    /// digits. `None` for anything else, or a day, week or month that does
    /// not exist.
    pub fn parse(v: &str) -> Option<Period> {
        let v = v.trim();
        if let Some((a, b)) = v.split_once('/') {
            let (a, b) = (Period::one(a.trim())?, Period::one(b.trim())?);
            return Some(Period { first: a.first, last: b.last });
        }
        Period::one(v)
    }

    fn one(v: &str) -> Option<Period> {
        let year = |s: &str| -> Option<i16> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
        };
        let two = |s: &str| -> Option<i8> {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
        };
        if let Some(dec) = v.strip_suffix('s') {
            let y = year(dec)?;
            return Some(Period { first: Date::new(y, 1, 1).ok()?, last: Date::new(y.checked_add(9)?, 12, 31).ok()? });
        }
        if v.len() > 10 || v.as_bytes().get(4) == Some(&b'-') && v.len() == 10 {
            let d = parse_day(v)?;
            return Some(Period { first: d, last: d });
        }
        let y = year(v.get(..4)?)?;
        match v.get(4..)? {
            "" => Some(Period { first: Date::new(y, 1, 1).ok()?, last: Date::new(y, 12, 31).ok()? }),
            rest => {
                if let Some(w) = rest.strip_prefix("-W") {
                    let first = ISOWeekDate::new(y, two(w)?, Weekday::Monday).ok()?.date();
                    let last = ISOWeekDate::new(y, two(w)?, Weekday::Sunday).ok()?.date();
                    return Some(Period { first, last });
                }
                let first = Date::new(y, two(rest.strip_prefix('-')?)?, 1).ok()?;
                Some(Period { first, last: first.last_of_month() })
            }
        }
    }
}

/// The ISO 8601 week of a day, as `YYYY-Www` (`2024-W11`).
pub fn week_label(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// Days since 1970-01-01 of a civil date.
pub fn days(d: Date) -> i64 {
    d.duration_since(EPOCH).as_secs().div_euclid(86_400)
}

/// The civil date `n` days after 1970-01-01, if within jiff's range.
pub fn from_days(n: i64) -> Option<Date> {
    EPOCH.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

/// Whether `y` is a leap year.
pub fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// The number of days in month `m` of year `y`; 0 for a month outside 1–12.
pub fn days_in_month(y: i64, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `y-m-d` is a real date within jiff's range (years -9999 to 9999).
pub fn is_valid(y: i64, m: u8, d: u8) -> bool {
    date(y, m, d).is_some()
}

/// Days since 1970-01-01 of the date `y-m-d`. Days past a month's end count
/// on into the next month; a date outside jiff's range is clamped to it, and
/// a month outside 1–12 to January or December, so no input panics.
pub fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let y = y.clamp(-9999, 9999) as i16;
    let m = m.clamp(1, 12) as i8;
    let first = Date::new(y, m, 1).expect("in range");
    days(first) + i64::from(d) - 1
}

/// The date `(year, month, day)` of a day count since 1970-01-01: the
/// inverse of [`days_from_civil`] within jiff's range (clamped to it).
pub fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let d = from_days(z).unwrap_or(if z < 0 { Date::MIN } else { Date::MAX });
    (i64::from(d.year()), d.month() as u8, d.day() as u8)
}

/// The day of the week of a day count: 0 is Monday, 6 Sunday.
pub fn weekday(days: i64) -> i64 {
    // 1970-01-01 was a Thursday.
    (days + 3).rem_euclid(7)
}

/// The Thursday of the ISO week holding `days`: its year is the week's year.
pub fn iso_thursday(days: i64) -> i64 {
    days - weekday(days) + 3
}

/// The ISO 8601 week-numbering year and week (1–53) of a day count.
pub fn iso_week(days: i64) -> (i64, i64) {
    let (y, m, d) = civil_from_days(days);
    let w = date(y, m, d).map(|d| d.iso_week_date());
    w.map_or((y, 1), |w| (i64::from(w.year()), i64::from(w.week())))
}

/// The Thursday (days since 1970-01-01) of ISO week `w` of year `y`.
pub fn iso_week_thursday(y: i64, w: i64) -> i64 {
    // 4 January is always in week 1.
    iso_thursday(days_from_civil(y, 1, 4)) + 7 * (w - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_counts_round_trip() {
        for d in -800_000..800_000 {
            let (y, m, dd) = civil_from_days(d);
            assert!(is_valid(y, m, dd));
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(16_436), (2015, 1, 1));
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        // Past the month's end counts on; out of range does not panic.
        assert_eq!(civil_from_days(days_from_civil(2023, 2, 30)), (2023, 3, 2));
        let _ = (days_from_civil(i64::MAX, 13, 0), civil_from_days(i64::MIN));
    }

    #[test]
    fn months_and_leap_years() {
        assert_eq!([days_in_month(2024, 2), days_in_month(2023, 2), days_in_month(1900, 2)], [29, 28, 28]);
        assert_eq!([days_in_month(2000, 2), days_in_month(2024, 12), days_in_month(2024, 4)], [29, 31, 30]);
        assert_eq!(days_in_month(2024, 13), 0);
        assert!(!is_valid(2023, 2, 29) && is_valid(2024, 2, 29) && !is_valid(2024, 0, 1));
    }

    #[test]
    fn iso_weeks() {
        // 2021-01-03 (a Sunday) is in the last week of 2020; 2024-12-30 in week 1 of 2025.
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2024, 12, 30)), (2025, 1));
        assert_eq!(iso_week_thursday(2024, 11), days_from_civil(2024, 3, 14));
        assert_eq!(weekday(days_from_civil(2024, 3, 11)), 0);
        assert_eq!(week_label(date(2021, 1, 3).unwrap()), "2020-W53");
    }

    #[test]
    fn days_are_real_days() {
        assert_eq!(parse_day("2022-07-07"), date(2022, 7, 7));
        assert_eq!(parse_day(" 2024-03-14T10:00:00+02:00"), date(2024, 3, 14));
        assert_eq!(parse_day("2024-03-14 10:00"), date(2024, 3, 14));
        assert_eq!(parse_day("2024-02-29"), date(2024, 2, 29));
        for bad in
            ["2023-02-29", "2024-02-31", "2024-13-01", "2024-00-10", "07/07/2022", "2024-3-14", "", "2024-03-145"]
        {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    fn span(v: &str) -> Option<(String, String)> {
        Period::parse(v).map(|p| (p.first.to_string(), p.last.to_string()))
    }

    #[test]
    fn periods_end_on_real_days() {
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(span("2024-03-14"), s("2024-03-14", "2024-03-14"));
        assert_eq!(span("2016"), s("2016-01-01", "2016-12-31"));
        // A month ends on its own last day, not on the 31st.
        assert_eq!(span("2024-02"), s("2024-02-01", "2024-02-29"));
        assert_eq!(span("2023-02"), s("2023-02-01", "2023-02-28"));
        assert_eq!(span("2024-04"), s("2024-04-01", "2024-04-30"));
        // ISO weeks run Monday to Sunday, across years too.
        assert_eq!(span("2024-W11"), s("2024-03-11", "2024-03-17"));
        assert_eq!(span("2020-W53"), s("2020-12-28", "2021-01-03"));
        assert_eq!(span("2025-W01"), s("2024-12-30", "2025-01-05"));
        assert_eq!(span("2010s"), s("2010-01-01", "2019-12-31"));
        assert_eq!(span("2014/2015"), s("2014-01-01", "2015-12-31"));
        for bad in ["2024-W54", "2021-W53", "2024-13", "2023-02-29", "yesterday", "24", "2024-3", "2010"] {
            assert!(bad == "2010" || span(bad).is_none(), "{bad}");
        }
        assert_eq!(span("2010"), s("2010-01-01", "2010-12-31"));
    }
}

//! Civil-date arithmetic on day counts since 1970-01-01, in the proleptic
//! Gregorian calendar.
//!
//! The text layer resolves "last Tuesday" against an article's date and the
//! store steps between days, weeks and years of ISO date strings; neither
//! may depend on the other, and neither needs a time-zone-aware date crate
//! for it. Years are `i64` so that no input can overflow; months are 1–12
//! and days 1–31 (`u8`), and functions given a month outside that range
//! return nonsense rather than panic.
//!
//! ```
//! use annals_calendar::*;
//! let d = days_from_civil(2022, 7, 7);
//! assert_eq!(civil_from_days(d + 30), (2022, 8, 6));
//! assert_eq!(weekday(d), 3); // a Thursday
//! assert_eq!(iso_week(d), (2022, 27));
//! ```

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

/// Whether `y-m-d` is a real date (and `y` within a million years of 0).
pub fn is_valid(y: i64, m: u8, d: u8) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) && (-1_000_000..=1_000_000).contains(&y)
}

/// Days since 1970-01-01 of the date `y-m-d` (Howard Hinnant's algorithm:
/// years counted from March, so that the leap day ends the year).
pub fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day count since 1970-01-01: the
/// inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // m is 1..=12 and d 1..=31 by construction.
    (y, m as u8, d as u8)
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
    let thursday = iso_thursday(days);
    let (y, _, _) = civil_from_days(thursday);
    (y, (thursday - days_from_civil(y, 1, 1)) / 7 + 1)
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
    }
}

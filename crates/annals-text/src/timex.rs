//! Time expressions and their normalised values.
//!
//! The recogniser is rule-based and reads token forms (an `NNS` tag is used
//! as a hint where present), so it works on untagged text. It
//! finds explicit dates ("July 6, 2022", "5 June", "2022-07-06", "in 2014",
//! "the 1990s", "2014-15"), weekdays ("on Wednesday", "last Friday"),
//! deictic expressions ("yesterday", "last month", "two years ago",
//! "earlier this week"), the present ("now", "currently"), anaphoric
//! expressions ("since then", "at the time", "that day") and vague ones
//! ("recently", "in the coming days").
//!
//! A [`TimeValue`] is deliberately *unresolved*: "on Wednesday" means a
//! different day in every article, so the text layer records what was said
//! and [`TimeValue::resolve`] turns it into a calendar value against an
//! anchor (the publication date) when the coder knows one. The arithmetic is
//! proleptic Gregorian, written here (days-from-civil) to avoid a dependency.
//!
//! Spans leave out a leading preposition ("in 2014" → "2014", "on Wednesday"
//! → "Wednesday") but keep the words that carry meaning ("last", "ago",
//! "earlier this", "early"); fixed idioms keep all their words ("since then",
//! "at the time", "the other day").
//!
//! Years are the hard part: "2014" is a year in "in 2014" but a count in
//! "2014 people". A bare four-digit integer 1800–2100 is taken as a year only
//! with evidence:
//! - a temporal preposition before it (in, since, by, of, during, until,
//!   till, from, before, after, through, throughout, between), unless a
//!   plural count noun follows ("in 2000 cases", but "from 2005 levels"),
//!   "of" follows a quantity noun ("a total of 1900") or "by" follows a
//!   verb of change ("rose by 2000");
//! - a month or day before it ("June 2021", "5 June 2021");
//! - a modifier before it (early, mid, late, fiscal, a season);
//! - a possessive after it ("2011's deal"), or a comma after it at the start
//!   of a sentence ("2011, ...");
//! - a determiner or possessive before it and a noun after it ("the 2014
//!   election", "a 2019 report", "Russia's 2022 invasion"; not a plural
//!   count: "the 2000 soldiers");
//! - a year just before it in a list ("2014 and 2015", "from 2010 to 2014").
//!
//! The number recogniser leaves every token of a time expression alone, so
//! the two never disagree.

use crate::doc::{Doc, TimeExpr, Token};
use annals_calendar::{
    civil_from_days, days_from_civil, days_in_month, is_valid as valid_date, iso_week, weekday as weekday_of,
};
use serde::Serialize;
use std::ops::Range;

/// How far (in days) past the anchor a year-less date may fall and still be
/// read as the anchor's year: a report dated 2 June may mention "June 5" as a
/// scheduled date, but "December 25" in July is last Christmas.
pub const SLACK_DAYS: i64 = 7;

/// A calendar unit for deictic expressions ("last month", "two years ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

/// Which part of a period is meant: "early 2011", "mid-2014", "late last
/// year"; `Earlier`/`Later` are "earlier this month" and "later this year"
/// (within the period, before/after the reference time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modifier {
    Early,
    Mid,
    Late,
    Earlier,
    Later,
}

/// Past or future: the direction of a vague expression, and the reading to
/// use when resolving expressions that could go either way ("on Wednesday").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Past,
    Future,
}

/// What a time expression means, before resolution against a date.
///
/// Serialised with an internal `type` tag, e.g.
/// `{"type":"weekday","weekday":2,"shift":0,"week":null,"modifier":null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimeValue {
    /// An explicit calendar date, possibly partial: "in 2014" (year only),
    /// "June 2021", "July 6, 2022", "June 5" (no year: filled from the
    /// anchor). `day` is never set without `month`.
    Date { year: Option<i32>, month: Option<u8>, day: Option<u8>, modifier: Option<Modifier> },
    /// A month (and day) in a year given relative to the anchor's year:
    /// "June last year" (-1), "March 3 this year" (0).
    InRelativeYear { year_offset: i32, month: u8, day: Option<u8>, modifier: Option<Modifier> },
    /// A month named with a shift: "last June" (-1: the most recent June
    /// before the anchor's month), "next March" (+1), "this May" (0: in the
    /// anchor's year).
    Month { month: u8, shift: i8 },
    /// "the 1990s": `decade` is the first year (1990).
    Decade { decade: i32, modifier: Option<Modifier> },
    /// "2014-15", "2010-2014": an inclusive range of years.
    YearRange { start: i32, end: i32 },
    /// A day of the week, `weekday` 0 = Monday. `shift` 0 is a bare
    /// "Wednesday" (the nearest one in the reading direction, the anchor day
    /// itself included), -1 "last Wednesday" (strictly before the anchor),
    /// +1 "next Wednesday" (strictly after). `week`, when set, overrides the
    /// shift: the day in the Monday-to-Sunday week that many weeks from the
    /// anchor's ("Wednesday last week" = -1, "this Wednesday" = 0).
    Weekday { weekday: u8, shift: i8, week: Option<i8>, modifier: Option<Modifier> },
    /// A deictic offset in calendar units from the anchor: "yesterday" (Day,
    /// -1), "this year" (Year, 0), "two years ago" (Year, -2).
    Relative { unit: Unit, offset: i32, modifier: Option<Modifier> },
    /// The time of writing: "now", "currently", "at present".
    Present,
    /// A time given by the discourse, not the calendar: "since then", "at
    /// the time", "that day", "two days later". Not resolvable here.
    Anaphoric,
    /// A vague time on one side of the anchor: "recently", "soon".
    Vague { direction: Direction },
}

/// How precise a resolved value is.
pub use annals_calendar::Precision;

/// A resolved time: an ISO-8601-style string ("2022-07-06", "2022-W27",
/// "2022-06", "2014", "2014/2015" for a year range, "1990s" for a decade).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolved {
    pub value: String,
    pub precision: Precision,
    /// Carried over from the expression ("early 2011" → 2011, early).
    pub modifier: Option<Modifier>,
}

impl TimeValue {
    /// True when the expression fixes its own year (an explicit date, year,
    /// decade or year range) rather than depending on the anchor.
    pub fn is_explicit(&self) -> bool {
        matches!(self, TimeValue::Date { year: Some(_), .. } | TimeValue::Decade { .. } | TimeValue::YearRange { .. })
    }

    /// Resolves against `anchor` = (year, month, day), reading ambiguous
    /// expressions as past, the usual case in news: "on Wednesday" is the
    /// most recent Wednesday (the anchor itself if it is one), "June 5"
    /// the most recent June 5 no later than [`SLACK_DAYS`] after the anchor.
    /// `None` for anaphoric and vague expressions, invalid dates and an
    /// invalid anchor.
    pub fn resolve(&self, anchor: (i32, u8, u8)) -> Option<Resolved> {
        self.resolve_toward(anchor, Direction::Past)
    }

    /// Like [`resolve`](Self::resolve), with the reading direction given:
    /// for a future-tense clause ("will meet on Wednesday") pass
    /// [`Direction::Future`] and a bare weekday or year-less date resolves
    /// to the next such day (the anchor included, with the same slack).
    pub fn resolve_toward(&self, anchor: (i32, u8, u8), dir: Direction) -> Option<Resolved> {
        let (ay, am, ad) = (i64::from(anchor.0), anchor.1, anchor.2);
        if !valid_date(ay, am, ad) {
            return None;
        }
        let a = days_from_civil(ay, am, ad);
        let (value, precision, modifier) = match *self {
            TimeValue::Date { year, month, day, modifier } => match (year, month, day) {
                (Some(y), None, None) => (fmt_year(i64::from(y))?, Precision::Year, modifier),
                (Some(y), Some(m), None) => (fmt_month(i64::from(y), m)?, Precision::Month, modifier),
                (Some(y), Some(m), Some(d)) => {
                    let y = i64::from(y);
                    if !valid_date(y, m, d) {
                        return None;
                    }
                    (fmt_day(y, m, d)?, Precision::Day, modifier)
                }
                (None, Some(m), day) => {
                    let y = fill_year(a, ay, m, day, dir)?;
                    match day {
                        Some(d) => (fmt_day(y, m, d)?, Precision::Day, modifier),
                        None => (fmt_month(y, m)?, Precision::Month, modifier),
                    }
                }
                _ => return None,
            },
            TimeValue::InRelativeYear { year_offset, month, day, modifier } => {
                let y = ay + i64::from(year_offset);
                match day {
                    Some(d) if valid_date(y, month, d) => (fmt_day(y, month, d)?, Precision::Day, modifier),
                    Some(_) => return None,
                    None => (fmt_month(y, month)?, Precision::Month, modifier),
                }
            }
            TimeValue::Month { month, shift } => {
                if !(1..=12).contains(&month) {
                    return None;
                }
                let y = match shift.signum() {
                    0 => ay,
                    -1 if month < am => ay,
                    -1 => ay - 1,
                    _ if month > am => ay,
                    _ => ay + 1,
                };
                let y = y + i64::from(shift) - i64::from(shift.signum());
                (fmt_month(y, month)?, Precision::Month, None)
            }
            TimeValue::Decade { decade, modifier } => {
                let d = i64::from(decade).div_euclid(10) * 10;
                (format!("{}s", fmt_year(d)?), Precision::Decade, modifier)
            }
            TimeValue::YearRange { start, end } => {
                let (s, e) = (fmt_year(i64::from(start))?, fmt_year(i64::from(end))?);
                (format!("{s}/{e}"), Precision::Year, None)
            }
            TimeValue::Weekday { weekday, shift, week, modifier } => {
                if weekday > 6 {
                    return None;
                }
                let aw = weekday_of(a);
                let wd = i64::from(weekday);
                let day = match week {
                    Some(k) => a - aw + 7 * i64::from(k) + wd,
                    None => {
                        let back = (aw - wd).rem_euclid(7);
                        let fwd = (wd - aw).rem_euclid(7);
                        let n = i64::from(shift).abs();
                        match (shift.signum(), dir) {
                            (0, Direction::Past) => a - back,
                            (0, Direction::Future) => a + fwd,
                            (-1, _) => a - if back == 0 { 7 } else { back } - 7 * (n - 1),
                            _ => a + if fwd == 0 { 7 } else { fwd } + 7 * (n - 1),
                        }
                    }
                };
                let (y, m, d) = civil_from_days(day);
                (fmt_day(y, m, d)?, Precision::Day, modifier)
            }
            TimeValue::Relative { unit, offset, modifier } => {
                let off = i64::from(offset);
                match unit {
                    Unit::Day => {
                        let (y, m, d) = civil_from_days(a + off);
                        (fmt_day(y, m, d)?, Precision::Day, modifier)
                    }
                    Unit::Week => {
                        let (y, w) = iso_week(a + 7 * off);
                        if !(0..=9999).contains(&y) {
                            return None;
                        }
                        (format!("{y:04}-W{w:02}"), Precision::Week, modifier)
                    }
                    Unit::Month => {
                        let t = ay * 12 + i64::from(am) - 1 + off;
                        let m = u8::try_from(t.rem_euclid(12) + 1).ok()?;
                        (fmt_month(t.div_euclid(12), m)?, Precision::Month, modifier)
                    }
                    Unit::Year => (fmt_year(ay + off)?, Precision::Year, modifier),
                    Unit::Decade => {
                        let d = (ay.div_euclid(10) + off) * 10;
                        (format!("{}s", fmt_year(d)?), Precision::Decade, modifier)
                    }
                }
            }
            TimeValue::Present => (fmt_day(ay, am, ad)?, Precision::Day, None),
            TimeValue::Anaphoric | TimeValue::Vague { .. } => return None,
        };
        Some(Resolved { value, precision, modifier })
    }
}

/// The year for a year-less month (and day): the latest year whose date is
/// no later than the anchor plus [`SLACK_DAYS`] (past reading), or the
/// earliest no earlier than the anchor minus the slack (future reading).
/// Months without a day compare by their first (past) or last (future) day.
/// Feb 29 walks back (or on) to a leap year.
fn fill_year(a: i64, ay: i64, m: u8, day: Option<u8>, dir: Direction) -> Option<i64> {
    if !(1..=12).contains(&m) {
        return None;
    }
    let date_in = |y: i64| -> Option<i64> {
        let d = match (day, dir) {
            (Some(d), _) => d,
            (None, Direction::Past) => 1,
            (None, Direction::Future) => days_in_month(y, m),
        };
        valid_date(y, m, d).then(|| days_from_civil(y, m, d))
    };
    for k in 0..10 {
        let y = match dir {
            Direction::Past => ay + 1 - k,
            Direction::Future => ay - 1 + k,
        };
        if let Some(t) = date_in(y) {
            let ok = match dir {
                Direction::Past => t <= a + SLACK_DAYS,
                Direction::Future => t >= a - SLACK_DAYS,
            };
            if ok {
                return Some(y);
            }
        }
    }
    None
}

fn fmt_year(y: i64) -> Option<String> {
    (0..=9999).contains(&y).then(|| format!("{y:04}"))
}

fn fmt_month(y: i64, m: u8) -> Option<String> {
    if !(1..=12).contains(&m) {
        return None;
    }
    Some(format!("{}-{m:02}", fmt_year(y)?))
}

fn fmt_day(y: i64, m: u8, d: u8) -> Option<String> {
    if !valid_date(y, m, d) {
        return None;
    }
    Some(format!("{}-{m:02}-{d:02}", fmt_year(y)?))
}

// ---------------------------------------------------------------------------
// Recognition.

/// Finds time expressions in every sentence of `doc` (tokens must be set).
pub fn recognize(doc: &Doc) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    for r in sentence_ranges(doc) {
        let toks = &doc.tokens[r.clone()];
        let view = View::new(toks);
        for (span, value) in recognize_sentence(&view) {
            out.push(TimeExpr {
                start: toks[span.start].start,
                end: toks[span.end - 1].end,
                tokens: r.start + span.start..r.start + span.end,
                value,
            });
        }
    }
    out
}

/// The token ranges of `doc`'s sentences, clamped to the tokens; the whole
/// document when no sentences are set.
pub(crate) fn sentence_ranges(doc: &Doc) -> Vec<Range<usize>> {
    let n = doc.tokens.len();
    if doc.sentences.is_empty() {
        return if n == 0 { Vec::new() } else { std::iter::once(0..n).collect() };
    }
    doc.sentences.iter().map(|s| s.tokens.start.min(n)..s.tokens.end.min(n)).filter(|r| r.start < r.end).collect()
}

/// One sentence's tokens with lower-cased forms, shared with the number
/// recogniser. Indexing past either end yields "" so rules can look around
/// freely.
pub(crate) struct View<'a> {
    toks: &'a [Token],
    low: Vec<String>,
}

impl<'a> View<'a> {
    pub(crate) fn new(toks: &'a [Token]) -> Self {
        let low = toks.iter().map(|t| t.form.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")).collect();
        View { toks, low }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// Lower-cased form of token `i`.
    pub(crate) fn low(&self, i: usize) -> &str {
        self.low.get(i).map_or("", String::as_str)
    }

    /// Lower-cased form of the token before `i`.
    pub(crate) fn prev(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.low(i - 1)
        }
    }

    pub(crate) fn form(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.form.as_str())
    }

    pub(crate) fn xpos(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.xpos.as_str())
    }

    /// Whether token `i` looks like a plural noun (a counted thing), from
    /// the tag when there is one, else from the form.
    pub(crate) fn plural_noun(&self, i: usize) -> bool {
        let w = self.low(i);
        let f = self.form(i);
        if w.is_empty() || !w.bytes().all(|b| b.is_ascii_lowercase()) || !f.starts_with(|c: char| c.is_lowercase()) {
            return false;
        }
        if one_of(w, "people children men women police personnel staff cattle livestock") {
            return true;
        }
        match self.xpos(i) {
            "" => {
                w.len() > 3
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && !w.ends_with("us")
                    && !w.ends_with("is")
                    && !one_of(
                        w,
                        "was has does this thus always perhaps towards afterwards besides whereas \
                            unless sometimes nevertheless says its hers ours yours theirs",
                    )
            }
            t => t == "NNS" || t == "NNPS",
        }
    }
}

/// Whether `w` is one of the space-separated words in `list` (word lists
/// kept as text so they stay readable and easy to extend).
pub(crate) fn one_of(w: &str, list: &str) -> bool {
    list.split_ascii_whitespace().any(|x| x == w)
}

fn is_cap(form: &str) -> bool {
    form.starts_with(|c: char| c.is_uppercase())
}

/// How a month name is written: in full, abbreviated with its dot ("Sept."),
/// or abbreviated bare ("Sept", accepted only before a day or year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthForm {
    Full,
    Dotted,
    Bare,
}

/// A capitalised month name or abbreviation. Lower-case forms are refused:
/// "may" and "march" are a verb and a noun far more often than months.
fn month_word(form: &str) -> Option<(u8, MonthForm)> {
    if !is_cap(form) {
        return None;
    }
    let l = form.to_ascii_lowercase();
    let full = match l.as_str() {
        "january" => Some(1),
        "february" => Some(2),
        "march" => Some(3),
        "april" => Some(4),
        "may" => Some(5),
        "june" => Some(6),
        "july" => Some(7),
        "august" => Some(8),
        "september" => Some(9),
        "october" => Some(10),
        "november" => Some(11),
        "december" => Some(12),
        _ => None,
    };
    if let Some(m) = full {
        return Some((m, MonthForm::Full));
    }
    let (stem, kind) = match l.strip_suffix('.') {
        Some(s) => (s, MonthForm::Dotted),
        None => (l.as_str(), MonthForm::Bare),
    };
    let m = match stem {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some((m, kind))
}

/// A weekday name (0 = Monday), any case, or a capitalised dotted
/// abbreviation ("Wed."); the flag marks abbreviations, which need support
/// ("Sat." may end a sentence about sitting).
fn weekday_word(form: &str) -> Option<(u8, bool)> {
    let l = form.to_ascii_lowercase();
    let full = match l.as_str() {
        "monday" => Some(0),
        "tuesday" => Some(1),
        "wednesday" => Some(2),
        "thursday" => Some(3),
        "friday" => Some(4),
        "saturday" => Some(5),
        "sunday" => Some(6),
        _ => None,
    };
    if let Some(d) = full {
        return Some((d, false));
    }
    if !is_cap(form) {
        return None;
    }
    let d = match l.as_str() {
        "mon." => 0,
        "tue." | "tues." => 1,
        "wed." => 2,
        "thu." | "thur." | "thurs." => 3,
        "fri." => 4,
        "sat." => 5,
        "sun." => 6,
        _ => return None,
    };
    Some((d, true))
}

/// A day of the month: "5", "05", "5th", "22nd" (1..=31).
fn day_num(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A day or the first day of a day range: "15-16" in "Nov. 15-16".
fn day_or_range(w: &str) -> Option<u8> {
    if let Some((a, b)) = w.split_once('-').or_else(|| w.split_once('\u{2013}')) {
        let (a, b) = (day_num(a)?, day_num(b)?);
        return (b > a).then_some(a);
    }
    day_num(w)
}

/// Exactly four ASCII digits.
fn four_digits(w: &str) -> Option<i32> {
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        w.parse().ok()
    } else {
        None
    }
}

/// A four-digit integer in the range where a bare number may be a year.
fn year_shape(w: &str) -> Option<i32> {
    four_digits(w).filter(|y| (1800..=2100).contains(y))
}

/// "2022-07-06".
fn iso_date(w: &str) -> Option<(i32, u8, u8)> {
    let d = annals_calendar::parse_day(w).filter(|_| w.len() == 10)?;
    Some((i32::from(d.year()), d.month() as u8, d.day() as u8))
}

/// The end of a year range after `start`: "15" (same century, later) or a
/// later four-digit year within a century.
fn range_end(start: i32, w: &str) -> Option<i32> {
    if w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit()) {
        let yy: i32 = w.parse().ok()?;
        let end = start - start % 100 + yy;
        return (end > start).then_some(end);
    }
    let end = year_shape(w)?;
    (end > start && end - start <= 100).then_some(end)
}

/// "2014-15", "2010-2014", "2010–2014" as one token.
fn year_range_token(w: &str) -> Option<(i32, i32)> {
    let (a, b) = w.split_once('-').or_else(|| w.split_once('\u{2013}'))?;
    let start = year_shape(a)?;
    Some((start, range_end(start, b)?))
}

/// "1990s", "1990's", "'90s" (always); "90s" only with `short_ok` (after
/// "the" or a modifier: "in their 90s" is an age). Two-digit decades from
/// '30s on are read as 19xx, earlier ones as 20xx.
fn decade_token(w: &str, short_ok: bool) -> Option<i32> {
    let (core, apos) = match w.strip_prefix('\'') {
        Some(c) => (c, true),
        None => (w, false),
    };
    let core = core.strip_suffix("'s").or_else(|| core.strip_suffix('s'))?;
    if !core.bytes().all(|b| b.is_ascii_digit()) || !core.ends_with('0') {
        return None;
    }
    match core.len() {
        4 if !apos => {
            let y: i32 = core.parse().ok()?;
            (1000..=2990).contains(&y).then_some(y)
        }
        2 if apos || short_ok => {
            let yy: i32 = core.parse().ok()?;
            Some(if yy >= 30 { 1900 + yy } else { 2000 + yy })
        }
        _ => None,
    }
}

fn part_of_day(w: &str) -> bool {
    matches!(w, "morning" | "afternoon" | "evening" | "night")
}

/// A unit word in "two years ago": the unit, and whether it counts hours or
/// minutes (which resolve to the day).
fn unit_word(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "day" | "days" => (Unit::Day, false),
        "week" | "weeks" => (Unit::Week, false),
        "month" | "months" => (Unit::Month, false),
        "year" | "years" => (Unit::Year, false),
        "decade" | "decades" => (Unit::Decade, false),
        "hour" | "hours" | "minute" | "minutes" => (Unit::Day, true),
        _ => return None,
    })
}

fn plural_unit(w: &str) -> bool {
    matches!(w, "days" | "weeks" | "months" | "years" | "decades" | "hours" | "minutes")
}

/// Words that make a following month or year temporal.
fn temporal_prep(w: &str) -> bool {
    one_of(
        w,
        "in on since until till by during before after through throughout from \
            between of",
    )
}

/// Nouns before "of" that make a following number a quantity: "a total of
/// 2000", "out of 1900".
fn quantity_noun(w: &str) -> bool {
    one_of(
        w,
        "total sum number numbers figure toll maximum minimum estimate estimated \
            crowd group population tally count out least most excess upwards average \
            fine budget loss losses cost price salary force army",
    )
}

/// Irregular verbs and particles of change before "by" + amount.
fn change_verb(w: &str) -> bool {
    one_of(
        w,
        "up down rose rise rises risen fell fall falls fallen grew grow grows \
            grown cut cuts shrank shrunk increase increases decrease decreases \
            reduce reduces outnumber outnumbers more less fewer",
    )
}

/// Plural nouns that a year modifies rather than counts: "from 2005
/// levels", "in 2014 elections".
fn year_noun(w: &str) -> bool {
    one_of(
        w,
        "levels figures elections prices rates standards terms values results lows highs \
         peaks protests talks polls accords agreements games olympics floods riots \
         midterms negotiations budgets accounts borders lines",
    )
}

/// Nouns that make "the 2014 X" a year: events and periods.
fn event_noun(w: &str) -> bool {
    one_of(
        w,
        "election elections war agreement accord accords deal treaty ceasefire \
            truce uprising revolution coup invasion crisis referendum vote campaign \
            protests protest attack attacks summit budget census law constitution \
            conflict offensive earthquake floods massacre olympics games season \
            report survey ruling decision peace riots unrest exchange release talks \
            presidential parliamentary general midterm midterms war's world",
    )
}

/// A date without modifier (the recogniser's common case).
fn date(year: Option<i32>, month: Option<u8>, day: Option<u8>) -> TimeValue {
    TimeValue::Date { year, month, day, modifier: None }
}

fn rel(unit: Unit, offset: i32) -> TimeValue {
    TimeValue::Relative { unit, offset, modifier: None }
}

fn in_year(year_offset: i32, month: u8, day: Option<u8>) -> TimeValue {
    TimeValue::InRelativeYear { year_offset, month, day, modifier: None }
}

/// A value found at a position: (end token, value).
type Found = (usize, TimeValue);

/// Runs the recogniser on one sentence; spans are sentence token indices.
pub(crate) fn recognize_sentence(v: &View<'_>) -> Vec<(Range<usize>, TimeValue)> {
    let n = v.len();
    let mut out = Vec::new();
    let mut year_tok = vec![false; n];
    let mut i = 0;
    while i < n {
        match v.match_at(i, &year_tok) {
            Some((s, e, val)) if s >= i && e > s && e <= n => {
                if val.is_explicit() || matches!(val, TimeValue::InRelativeYear { .. }) {
                    for (k, flag) in year_tok.iter_mut().enumerate().take(e).skip(s) {
                        *flag = four_digits(v.low(k)).is_some();
                    }
                }
                out.push((s..e, val));
                i = e;
            }
            _ => i += 1,
        }
    }
    out
}

fn with_modifier(v: TimeValue, m: Modifier) -> Option<TimeValue> {
    let part = matches!(m, Modifier::Early | Modifier::Mid | Modifier::Late);
    match v {
        TimeValue::Date { year, month, day, modifier: None } if part && day.is_none() => {
            Some(TimeValue::Date { year, month, day, modifier: Some(m) })
        }
        TimeValue::InRelativeYear { year_offset, month, day: None, modifier: None } if part => {
            Some(TimeValue::InRelativeYear { year_offset, month, day: None, modifier: Some(m) })
        }
        TimeValue::Decade { decade, modifier: None } if part => Some(TimeValue::Decade { decade, modifier: Some(m) }),
        TimeValue::Relative { unit, offset, modifier: None } => {
            Some(TimeValue::Relative { unit, offset, modifier: Some(m) })
        }
        TimeValue::Weekday { weekday, shift, week, modifier: None } => {
            Some(TimeValue::Weekday { weekday, shift, week, modifier: Some(m) })
        }
        _ => None,
    }
}

impl View<'_> {
    /// The expression at token `i`, as (start, end, value); start may be
    /// after `i` when a leading word is not part of the span.
    fn match_at(&self, i: usize, year_tok: &[bool]) -> Option<(usize, usize, TimeValue)> {
        if let Some(r) = self.idiom_at(i) {
            return Some(r);
        }
        if let Some(r) = self.modified_at(i, year_tok) {
            return Some((i, r.0, r.1));
        }
        if let Some(r) = self.core_at(i, false, year_tok) {
            return Some((i, r.0, r.1));
        }
        if let Some(r) = self.ago_at(i) {
            return Some((i, r.0, r.1));
        }
        self.word_at(i).map(|r| (i, r.0, r.1))
    }

    /// Expressions that take a modifier: shifts, weekdays, dates, years,
    /// decades, deictic words. `ctx` says a modifier already makes a bare
    /// month or year temporal.
    fn core_at(&self, i: usize, ctx: bool, year_tok: &[bool]) -> Option<Found> {
        self.shift_at(i)
            .or_else(|| self.weekday_at(i))
            .or_else(|| self.month_at(i, ctx))
            .or_else(|| self.day_first_at(i))
            .or_else(|| self.numeric_at(i, ctx, year_tok))
            .or_else(|| self.deictic_at(i))
    }

    /// "early 2011", "mid-2014", "mid - June", "late last year", "earlier
    /// this month", "late Wednesday".
    fn modified_at(&self, i: usize, year_tok: &[bool]) -> Option<Found> {
        let f = self.form(i);
        let prefix = f.get(..4).filter(|p| p.eq_ignore_ascii_case("mid-"));
        if let (Some(_), Some(rest)) = (prefix, f.get(4..)) {
            let rl = rest.to_lowercase();
            let core = if let Some(y) = year_shape(&rl) {
                Some(date(Some(y), None, None))
            } else if let Some(d) = decade_token(&rl, true) {
                Some(TimeValue::Decade { decade: d, modifier: None })
            } else {
                month_word(rest).map(|(m, _)| date(None, Some(m), None))
            };
            return with_modifier(core?, Modifier::Mid).map(|v| (i + 1, v));
        }
        let m = match self.low(i) {
            "early" => Modifier::Early,
            "mid" => Modifier::Mid,
            "late" => Modifier::Late,
            "earlier" => Modifier::Earlier,
            "later" => Modifier::Later,
            _ => return None,
        };
        let mut j = i + 1;
        if m == Modifier::Mid && matches!(self.low(j), "-" | "\u{2013}") {
            j += 1;
        }
        // "late on Saturday", "early on Monday".
        if self.low(j) == "on" && weekday_word(self.form(j + 1)).is_some() {
            j += 1;
        }
        let (e, v) = self.core_at(j, true, year_tok)?;
        Some((e, with_modifier(v, m)?))
    }

    /// "last/next/this" + weekday, month, unit or part of day.
    fn shift_at(&self, i: usize) -> Option<Found> {
        let dir: i8 = match self.low(i) {
            "last" => -1,
            "next" => 1,
            "this" => 0,
            _ => return None,
        };
        // "the last year", "the next week" are durations or anaphora.
        if self.prev(i) == "the" {
            return None;
        }
        let j = i + 1;
        if let Some((wd, _)) = weekday_word(self.form(j)) {
            let e = if part_of_day(self.low(j + 1)) { j + 2 } else { j + 1 };
            let v = if dir == 0 {
                TimeValue::Weekday { weekday: wd, shift: 0, week: Some(0), modifier: None }
            } else {
                TimeValue::Weekday { weekday: wd, shift: dir, week: None, modifier: None }
            };
            return Some((e, v));
        }
        if let Some((m, kind)) = month_word(self.form(j)) {
            if kind != MonthForm::Bare {
                return Some((j + 1, TimeValue::Month { month: m, shift: dir }));
            }
        }
        let d = i32::from(dir);
        let v = match (self.low(j), dir) {
            ("week" | "weekend", _) => rel(Unit::Week, d),
            ("month", _) => rel(Unit::Month, d),
            ("year", _) => rel(Unit::Year, d),
            ("decade", _) => rel(Unit::Decade, d),
            ("night" | "evening", -1) => rel(Unit::Day, -1),
            ("morning" | "afternoon" | "evening" | "night", 0) => rel(Unit::Day, 0),
            _ => return None,
        };
        Some((j + 1, v))
    }

    /// "Wednesday", "Wednesday night", "Wednesday last week", "Wednesday,
    /// July 6, 2022" (the explicit date wins).
    fn weekday_at(&self, i: usize) -> Option<Found> {
        let (wd, abbrev) = weekday_word(self.form(i))?;
        // "the Sunday Times".
        if self.prev(i) == "the" && is_cap(self.form(i + 1)) && month_word(self.form(i + 1)).is_none() {
            return None;
        }
        let j = i + 1;
        let k = if matches!(self.low(j), "," | "(") { j + 1 } else { j };
        if let Some((e, v)) = self.month_at(k, true).or_else(|| self.day_first_at(k)) {
            if matches!(v, TimeValue::Date { day: Some(_), .. } | TimeValue::InRelativeYear { day: Some(_), .. }) {
                let e = if self.low(j) == "(" && self.low(e) == ")" { e + 1 } else { e };
                return Some((e, v));
            }
        }
        if abbrev && self.prev(i) != "on" {
            return None;
        }
        let mut e = j;
        if part_of_day(self.low(e)) {
            e += 1;
        }
        let mut week = None;
        if self.low(e + 1) == "week" {
            week = match self.low(e) {
                "last" => Some(-1),
                "this" => Some(0),
                "next" => Some(1),
                _ => None,
            };
            if week.is_some() {
                e += 2;
            }
        }
        Some((e, TimeValue::Weekday { weekday: wd, shift: 0, week, modifier: None }))
    }

    /// A four-digit year (1000–2999) at `k` that belongs to a date, unless a
    /// plural noun follows ("June 5 2000 people" is a count).
    fn explicit_year(&self, k: usize) -> Option<i32> {
        four_digits(self.low(k)).filter(|y| (1000..=2999).contains(y) && !self.plural_noun(k + 1))
    }

    /// "last year" / "this year" / "next year" at `k`: (offset, end).
    fn rel_year(&self, k: usize) -> Option<(i32, usize)> {
        if self.low(k + 1) != "year" {
            return None;
        }
        let off = match self.low(k) {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return None,
        };
        Some((off, k + 2))
    }

    /// Month-first dates: "June 5", "July 6, 2022", "June 2021", "June last
    /// year", and a bare month where the context makes it temporal.
    fn month_at(&self, i: usize, ctx: bool) -> Option<Found> {
        let (m, kind) = month_word(self.form(i))?;
        let mut j = i + 1;
        if kind == MonthForm::Bare
            && self.low(j) == "."
            && (day_or_range(self.low(j + 1)).is_some() || self.explicit_year(j + 1).is_some())
        {
            j += 1;
        }
        // A day, unless a count follows it ("in June 12 people died").
        if let Some(d) = day_or_range(self.low(j)).filter(|_| !self.countlike(j + 1)) {
            let k = j + 1;
            let ky = if self.low(k) == "," { k + 1 } else { k };
            if let Some(y) = self.explicit_year(ky) {
                if !valid_date(i64::from(y), m, d) {
                    return None;
                }
                return Some((ky + 1, date(Some(y), Some(m), Some(d))));
            }
            if d > days_in_month(2000, m) {
                return None;
            }
            if let Some((off, e)) = self.rel_year(k) {
                return Some((e, in_year(off, m, Some(d))));
            }
            return Some((k, date(None, Some(m), Some(d))));
        }
        if let Some(y) = self.explicit_year(j) {
            return Some((j + 1, date(Some(y), Some(m), None)));
        }
        if let Some((off, e)) = self.rel_year(j) {
            return Some((e, in_year(off, m, None)));
        }
        if kind == MonthForm::Bare || !(ctx || self.month_context(i)) {
            return None;
        }
        Some((i + 1, date(None, Some(m), None)))
    }

    /// Whether the word before a bare month makes it a month: a temporal
    /// preposition ("in May"), or a list after a month ("May and June").
    fn month_context(&self, i: usize) -> bool {
        let p = self.prev(i);
        temporal_prep(p)
            || matches!(p, "early" | "late" | "mid" | "last" | "next" | "this")
            || (matches!(p, "and" | "or" | "to" | "-" | "\u{2013}" | "," | "through")
                && i >= 2
                && month_word(self.form(i - 2)).is_some())
    }

    /// A number after a day or year that makes it a count, not a date.
    fn countlike(&self, k: usize) -> bool {
        self.plural_noun(k) || matches!(self.low(k), "%" | "percent" | "per" | ":" | "of")
    }

    /// Day-first dates: "5 June", "5 June 2021", "5th of June".
    fn day_first_at(&self, i: usize) -> Option<Found> {
        let w = self.low(i);
        let d = day_or_range(w)?;
        let ordinal = w.ends_with(|c: char| c.is_ascii_alphabetic());
        let mut j = i + 1;
        if ordinal && self.low(j) == "of" {
            j += 1;
        }
        let (m, kind) = month_word(self.form(j))?;
        let mut k = j + 1;
        if kind == MonthForm::Bare && self.low(k) == "." && self.explicit_year(k + 1).is_some() {
            k += 1;
        }
        if let Some(y) = self.explicit_year(k) {
            if !valid_date(i64::from(y), m, d) {
                return None;
            }
            return Some((k + 1, date(Some(y), Some(m), Some(d))));
        }
        if d > days_in_month(2000, m) {
            return None;
        }
        if let Some((off, e)) = self.rel_year(k) {
            return Some((e, in_year(off, m, Some(d))));
        }
        Some((k, date(None, Some(m), Some(d))))
    }

    /// Numeric tokens: ISO dates, year ranges, decades and years in context.
    fn numeric_at(&self, i: usize, ctx: bool, year_tok: &[bool]) -> Option<Found> {
        let w = self.low(i);
        if !w.starts_with(|c: char| c.is_ascii_digit() || c == '\'') {
            return None;
        }
        if let Some((y, m, d)) = iso_date(w) {
            return Some((i + 1, date(Some(y), Some(m), Some(d))));
        }
        if let Some((start, end)) = year_range_token(w) {
            return Some((i + 1, TimeValue::YearRange { start, end }));
        }
        // "the 90s", and "90s" in "the 1980s and 90s".
        let after_det = ctx
            || matches!(self.prev(i), "the" | "early" | "late" | "mid")
            || (matches!(self.prev(i), "and" | "or" | "to" | "-")
                && i >= 2
                && decade_token(self.low(i - 2), true).is_some());
        if let Some(decade) = decade_token(w, after_det) {
            return Some((i + 1, TimeValue::Decade { decade, modifier: None }));
        }
        let y = year_shape(w)?;
        if matches!(self.low(i + 1), "-" | "\u{2013}") {
            if let Some(end) = range_end(y, self.low(i + 2)) {
                return Some((i + 3, TimeValue::YearRange { start: y, end }));
            }
        }
        // "the 1990's" (split by the tokeniser like a possessive).
        if y % 10 == 0 && self.low(i + 1) == "'s" && after_det {
            return Some((i + 2, TimeValue::Decade { decade: y, modifier: None }));
        }
        if ctx || self.year_context(i, year_tok) {
            return Some((i + 1, date(Some(y), None, None)));
        }
        None
    }

    /// The evidence that a bare four-digit integer at `i` is a year; see
    /// the module documentation.
    fn year_context(&self, i: usize, year_tok: &[bool]) -> bool {
        let p = self.prev(i);
        let next = self.low(i + 1);
        if next == "'s" || (i == 0 && next == ",") {
            return true;
        }
        if one_of(
            p,
            "since during until till throughout circa fiscal year summer spring \
                autumn winter early late mid mid-",
        ) {
            return true;
        }
        if one_of(p, "in by of from before after through between") {
            if (self.plural_noun(i + 1) && !year_noun(next)) || matches!(next, "%" | "percent") {
                return false;
            }
            let pp = if i >= 2 { self.low(i - 2) } else { "" };
            return match p {
                "of" => !quantity_noun(pp),
                // "rose by 2000", "cut by 1900": a change, not a deadline.
                "by" => !(pp.ends_with("ed") || change_verb(pp)),
                _ => true,
            };
        }
        if one_of(p, "and or to - \u{2013} , & /") && i >= 2 && year_tok[i - 2] {
            return true;
        }
        // "the 2014 election", "a 2019 report", "Russia 's 2022 invasion":
        // after a determiner a count would be written "2,014".
        let det = one_of(p, "the a an its his her their our this that 's");
        let f = self.form(i + 1);
        let noun_after = f.starts_with(|c: char| c.is_alphabetic())
            && (event_noun(next)
                || year_noun(next)
                || !(self.plural_noun(i + 1) || (is_cap(f) && next.ends_with('s'))));
        det && noun_after
    }

    /// "yesterday", "today", "tonight", "tomorrow" (with a part of day).
    fn deictic_at(&self, i: usize) -> Option<Found> {
        let offset = match self.low(i) {
            "yesterday" => -1,
            "today" => {
                // "USA Today", "Russia Today".
                if i > 0 && is_cap(self.form(i)) && is_cap(self.form(i - 1)) {
                    return None;
                }
                0
            }
            "tonight" => 0,
            "tomorrow" => 1,
            _ => return None,
        };
        let e = if self.low(i) != "tonight" && part_of_day(self.low(i + 1)) { i + 2 } else { i + 1 };
        Some((e, TimeValue::Relative { unit: Unit::Day, offset, modifier: None }))
    }

    /// The count in "two years ago": (Some(n), end) for a number, (None,
    /// end) for a vague quantity or none ("several years ago", "years ago").
    fn count_at(&self, i: usize) -> Option<(Option<i32>, usize)> {
        let w = self.low(i);
        if !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            return Some((w.parse().ok(), i + 1));
        }
        match w {
            "a" | "an" => match (self.low(i + 1), self.low(i + 2)) {
                ("few", _) => Some((None, i + 2)),
                ("couple", "of") => Some((Some(2), i + 3)),
                _ => Some((Some(1), i + 1)),
            },
            "several" | "many" | "some" | "few" => Some((None, i + 1)),
            _ if plural_unit(w) => Some((None, i)),
            _ => crate::numbers::word_value(w).and_then(|n| i32::try_from(n).ok()).map(|n| (Some(n), i + 1)),
        }
    }

    /// "two years ago", "a week ago", "hours ago", "three days from now";
    /// "two days later" (anaphoric).
    fn ago_at(&self, i: usize) -> Option<Found> {
        let (count, j) = self.count_at(i)?;
        let (unit, hours) = unit_word(self.low(j))?;
        let k = j + 1;
        match self.low(k) {
            "ago" => {
                let v = match (count, hours) {
                    (Some(n), true) => rel(Unit::Day, -(n / 24)),
                    (Some(n), false) => TimeValue::Relative { unit, offset: -n, modifier: None },
                    (None, true) => rel(Unit::Day, 0),
                    (None, false) => TimeValue::Vague { direction: Direction::Past },
                };
                Some((k + 1, v))
            }
            "earlier" | "later" if self.low(k + 1) != "than" => Some((k + 1, TimeValue::Anaphoric)),
            "from" if self.low(k + 1) == "now" => {
                let v = match (count, hours) {
                    (Some(n), true) => rel(Unit::Day, n / 24),
                    (Some(n), false) => TimeValue::Relative { unit, offset: n, modifier: None },
                    (None, _) => TimeValue::Vague { direction: Direction::Future },
                };
                Some((k + 2, v))
            }
            _ => None,
        }
    }

    /// Multi-word idioms, some starting with a preposition or "the" that
    /// belongs to them: (start, end, value).
    fn idiom_at(&self, i: usize) -> Option<(usize, usize, TimeValue)> {
        let (w0, w1, w2, w3) = (self.low(i), self.low(i + 1), self.low(i + 2), self.low(i + 3));
        let unitish = |w: &str| matches!(w, "day" | "week" | "weekend" | "month" | "year" | "decade") || part_of_day(w);
        let past = TimeValue::Vague { direction: Direction::Past };
        let future = TimeValue::Vague { direction: Direction::Future };
        let r = match (w0, w1, w2) {
            ("at", "present", _) => (i, i + 2, TimeValue::Present),
            ("at", "the", "moment") => (i, i + 3, TimeValue::Present),
            ("these", "days", _) => (i, i + 2, TimeValue::Present),
            ("at" | "by", "the" | "that", "time") => (i, i + 3, TimeValue::Anaphoric),
            ("since" | "until" | "till" | "by" | "before" | "back", "then", _) => (i, i + 2, TimeValue::Anaphoric),
            ("later" | "earlier", "that", w) if unitish(w) => (i, i + 3, TimeValue::Anaphoric),
            // "earlier in the day": the story's day, not the anchor's.
            ("later" | "earlier", "in", "the") if unitish(w3) => (i, i + 4, TimeValue::Anaphoric),
            ("that", w, _) if unitish(w) && !saying_verb(self.prev(i)) => (i, i + 2, TimeValue::Anaphoric),
            ("the", "same" | "next" | "following" | "previous", w) if unitish(w) => (i, i + 3, TimeValue::Anaphoric),
            ("that" | "this", "same", w) if unitish(w) => (i, i + 3, TimeValue::Anaphoric),
            ("the", "day", "before") if w3 == "yesterday" => (i, i + 4, rel(Unit::Day, -2)),
            ("the", "day", "after") if w3 == "tomorrow" => (i, i + 4, rel(Unit::Day, 2)),
            ("the", "other", "day") => (i, i + 3, past),
            ("the", "coming", w) if plural_unit(w) => (i, i + 3, future),
            ("the", w, "ahead") if plural_unit(w) => (i, i + 3, future),
            ("the", "near", "future") => (i, i + 3, future),
            ("the", "past" | "last", "few") if plural_unit(w3) => (i, i + 4, past),
            ("the", "past", w)
                if self.prev(i) == "in"
                    && !w.starts_with(|c: char| c.is_ascii_digit())
                    && unit_word(w).is_none()
                    && w != "few"
                    && crate::numbers::word_value(w).is_none() =>
            {
                (i, i + 2, past)
            }
            ("in", "recent", w) if plural_unit(w) => (i + 1, i + 3, past),
            ("this", "past", "week" | "weekend") => (i, i + 3, rel(Unit::Week, -1)),
            _ => return None,
        };
        Some(r)
    }

    /// Single words: the present and vague expressions.
    fn word_at(&self, i: usize) -> Option<Found> {
        let next = self.low(i + 1);
        let prev = self.prev(i);
        let v = match self.low(i) {
            "now" | "currently" | "nowadays" => TimeValue::Present,
            "recently" | "lately" | "previously" => TimeValue::Vague { direction: Direction::Past },
            // Not "earlier than", nor the adjective in "an earlier report".
            "earlier" if next != "than" && !matches!(prev, "the" | "a" | "an" | "its" | "their" | "his" | "her") => {
                TimeValue::Vague { direction: Direction::Past }
            }
            // Not "as soon as", "soon after".
            "soon" if prev != "as" && !matches!(next, "as" | "after" | "afterwards" | "thereafter") => {
                TimeValue::Vague { direction: Direction::Future }
            }
            _ => return None,
        };
        Some((i + 1, v))
    }
}

/// Verbs after which "that" is a complementiser, not a determiner: "said
/// that day-long talks ..." is not "that day".
fn saying_verb(w: &str) -> bool {
    one_of(
        w,
        "said says say saying announced reported stated added noted claimed \
            argued believe believed know knew think thought warned insisted \
            confirmed denied",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Sentence;

    /// A Doc from pre-spaced text: one token per whitespace-separated word,
    /// one sentence.
    fn doc(text: &str) -> Doc {
        let mut tokens = Vec::new();
        let mut pos = 0;
        for w in text.split(' ') {
            if !w.is_empty() {
                tokens.push(Token { space_after: true, ..Token::new(pos, pos + w.len(), w) });
            }
            pos += w.len() + 1;
        }
        let n = tokens.len();
        Doc {
            text: text.to_string(),
            sentences: vec![Sentence { start: 0, end: text.len(), tokens: 0..n }],
            tokens,
            ..Doc::default()
        }
    }

    /// (span text, value) for every expression in `text`.
    fn found(text: &str) -> Vec<(String, TimeValue)> {
        let d = doc(text);
        recognize(&d).into_iter().map(|t| (d.text[t.start..t.end].to_string(), t.value)).collect()
    }

    fn one(text: &str) -> (String, TimeValue) {
        let f = found(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f.into_iter().next().unwrap()
    }

    fn res(v: &TimeValue, anchor: (i32, u8, u8)) -> Option<String> {
        v.resolve(anchor).map(|r| r.value)
    }

    const ANCHOR: (i32, u8, u8) = (2022, 7, 7); // a Thursday

    #[test]
    fn weekday_resolves_to_the_most_recent() {
        let (span, v) = one("Israel released 1,027 detainees , officials said on Wednesday .");
        assert_eq!(span, "Wednesday");
        assert_eq!(v, TimeValue::Weekday { weekday: 2, shift: 0, week: None, modifier: None });
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2022-07-06"));
        // The anchor's own weekday is the anchor day.
        let thu = TimeValue::Weekday { weekday: 3, shift: 0, week: None, modifier: None };
        assert_eq!(res(&thu, ANCHOR).as_deref(), Some("2022-07-07"));
        let fri = TimeValue::Weekday { weekday: 4, shift: 0, week: None, modifier: None };
        assert_eq!(res(&fri, ANCHOR).as_deref(), Some("2022-07-01"));
        assert_eq!(fri.resolve_toward(ANCHOR, Direction::Future).unwrap().value, "2022-07-08");
    }

    #[test]
    fn shifted_weekdays() {
        let (span, v) = one("The talks collapsed last Thursday night .");
        assert_eq!(span, "last Thursday night");
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2022-06-30"));
        let (_, v) = one("They will meet next Monday .");
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2022-07-11"));
        let (span, v) = one("He was arrested on Wednesday last week .");
        assert_eq!(span, "Wednesday last week");
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2022-06-29"));
        let (_, v) = one("The vote is this Saturday .");
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2022-07-09"));
    }

    #[test]
    fn deictic_units() {
        let cases = [
            ("Troops withdrew last month .", "last month", rel(Unit::Month, -1), "2022-06"),
            ("The deal was signed two years ago .", "two years ago", rel(Unit::Year, -2), "2020"),
            ("Clashes broke out three days ago .", "three days ago", rel(Unit::Day, -3), "2022-07-04"),
            ("Police said yesterday that ...", "yesterday", rel(Unit::Day, -1), "2022-07-06"),
            ("Talks resume tomorrow .", "tomorrow", rel(Unit::Day, 1), "2022-07-08"),
            ("Elections are due this year .", "this year", rel(Unit::Year, 0), "2022"),
            ("The summit is next week .", "next week", rel(Unit::Week, 1), "2022-W28"),
            ("Protests spread a week ago .", "a week ago", rel(Unit::Week, -1), "2022-W26"),
            ("It rained last night .", "last night", rel(Unit::Day, -1), "2022-07-06"),
            ("Unemployment rose last year .", "last year", rel(Unit::Year, -1), "2021"),
        ];
        for (text, span, value, resolved) in cases {
            let (s, v) = one(text);
            assert_eq!((s.as_str(), &v), (span, &value), "{text}");
            assert_eq!(res(&v, ANCHOR).as_deref(), Some(resolved), "{text}");
        }
    }

    #[test]
    fn modifiers() {
        let (s, v) = one("Fighting resumed earlier this month .");
        assert_eq!(s, "earlier this month");
        assert_eq!(v, TimeValue::Relative { unit: Unit::Month, offset: 0, modifier: Some(Modifier::Earlier) });
        let r = v.resolve(ANCHOR).unwrap();
        assert_eq!((r.value.as_str(), r.precision, r.modifier), ("2022-07", Precision::Month, Some(Modifier::Earlier)));
        let (s, v) = one("The army withdrew in late last year .");
        assert_eq!(s, "late last year");
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2021"));
        let (s, v) = one("Construction began in mid-2014 .");
        assert_eq!(s, "mid-2014");
        assert_eq!(v, TimeValue::Date { year: Some(2014), month: None, day: None, modifier: Some(Modifier::Mid) });
        let (s, v) = one("Protests started in early 2011 .");
        assert_eq!(s, "early 2011");
        assert_eq!(v, TimeValue::Date { year: Some(2011), month: None, day: None, modifier: Some(Modifier::Early) });
        let (s, _) = one("The rebels attacked late Wednesday .");
        assert_eq!(s, "late Wednesday");
        let (s, v) = one("It happened in the early 1990s .");
        assert_eq!(s, "early 1990s");
        assert_eq!(v.resolve(ANCHOR).unwrap().value, "1990s");
        let (s, v) = one("Hamas said late on Saturday that ...");
        assert_eq!(s, "late on Saturday");
        assert_eq!(v, TimeValue::Weekday { weekday: 5, shift: 0, week: None, modifier: Some(Modifier::Late) });
        // "the late president" is not a time.
        assert!(found("the late president and an early election").is_empty());
    }

    #[test]
    fn explicit_dates() {
        let (s, v) = one("Israel released 1,027 detainees in 2011 , officials said .");
        assert_eq!((s.as_str(), &v), ("2011", &date(Some(2011), None, None)));
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2011"));
        let (s, v) = one("The accord was signed on July 6 , 2022 in Doha .");
        assert_eq!((s.as_str(), &v), ("July 6 , 2022", &date(Some(2022), Some(7), Some(6))));
        let (s, v) = one("Published 2022-07-06 .");
        assert_eq!((s.as_str(), res(&v, ANCHOR).as_deref()), ("2022-07-06", Some("2022-07-06")));
        let (s, v) = one("He was born on 5 June 1961 in Gaza .");
        assert_eq!((s.as_str(), &v), ("5 June 1961", &date(Some(1961), Some(6), Some(5))));
        let (s, v) = one("Inflation peaked in June 2021 .");
        assert_eq!((s.as_str(), res(&v, ANCHOR).as_deref()), ("June 2021", Some("2021-06")));
        let (s, v) = one("The budget for 2014-15 was cut .");
        assert_eq!((s.as_str(), &v), ("2014-15", &TimeValue::YearRange { start: 2014, end: 2015 }));
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2014/2015"));
        let (s, v) = one("Sanctions were lifted on Sept. 11 .");
        assert_eq!((s.as_str(), &v), ("Sept. 11", &date(None, Some(9), Some(11))));
        let f = found("the 1980s and 90s");
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].1, TimeValue::Decade { decade: 1990, modifier: None });
        assert_eq!(one("in a 2019 report").0, "2019");
        assert_eq!(one("Russia 's 2022 invasion").0, "2022");
        // A day range keeps its first day.
        let (s, v) = one("The summit , set for Nov. 15-16 , opens .");
        assert_eq!((s.as_str(), &v), ("Nov. 15-16", &date(None, Some(11), Some(15))));
        let (s, v) = one("The protests of the 1990s were smaller .");
        assert_eq!((s.as_str(), &v), ("1990s", &TimeValue::Decade { decade: 1990, modifier: None }));
        let (s, v) = one("On Wednesday , July 6 , 2022 , troops entered .");
        assert_eq!((s.as_str(), &v), ("Wednesday , July 6 , 2022", &date(Some(2022), Some(7), Some(6))));
        let (s, v) = one("Fighting resumed in June last year .");
        assert_eq!(s, "June last year");
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2021-06"));
        let (s, v) = one("He visited last June .");
        assert_eq!((s.as_str(), res(&v, ANCHOR).as_deref()), ("last June", Some("2022-06")));
        let v = TimeValue::Month { month: 7, shift: -1 };
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2021-07"));
        let v = TimeValue::Month { month: 3, shift: 1 };
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2023-03"));
    }

    #[test]
    fn year_less_dates_fill_the_year() {
        let (s, v) = one("The ministry said on June 5 that ...");
        assert_eq!((s.as_str(), &v), ("June 5", &date(None, Some(6), Some(5))));
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2022-06-05"));
        // In the future beyond the slack: last year's.
        let v = date(None, Some(12), Some(25));
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2021-12-25"));
        // Within the slack: this year's.
        let v = date(None, Some(7), Some(12));
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2022-07-12"));
        assert_eq!(v.resolve_toward((2022, 12, 30), Direction::Future).unwrap().value, "2023-07-12");
        // Month only.
        let (s, v) = one("Elections were held in May .");
        assert_eq!((s.as_str(), res(&v, ANCHOR).as_deref()), ("May", Some("2022-05")));
        assert_eq!(res(&date(None, Some(9), None), ANCHOR).as_deref(), Some("2021-09"));
    }

    #[test]
    fn leap_days_and_month_ends() {
        // Feb 29 without a year walks back to a leap year.
        let v = date(None, Some(2), Some(29));
        assert_eq!(res(&v, (2023, 3, 1)).as_deref(), Some("2020-02-29"));
        assert_eq!(res(&v, (2024, 3, 1)).as_deref(), Some("2024-02-29"));
        // Explicit invalid dates are not recognised nor resolved.
        assert!(found("on February 29 , 2023 .").iter().all(|(_, v)| v != &date(Some(2023), Some(2), Some(29))));
        assert_eq!(res(&date(Some(2023), Some(2), Some(29)), ANCHOR), None);
        assert_eq!(res(&date(Some(2000), Some(2), Some(29)), ANCHOR).as_deref(), Some("2000-02-29"));
        assert_eq!(res(&date(Some(1900), Some(2), Some(29)), ANCHOR), None);
        // Day arithmetic across leap day and year ends.
        assert_eq!(res(&rel(Unit::Day, -1), (2024, 3, 1)).as_deref(), Some("2024-02-29"));
        assert_eq!(res(&rel(Unit::Day, -1), (2023, 3, 1)).as_deref(), Some("2023-02-28"));
        assert_eq!(res(&rel(Unit::Day, 1), (2021, 12, 31)).as_deref(), Some("2022-01-01"));
        // Month arithmetic across year ends.
        assert_eq!(res(&rel(Unit::Month, -1), (2022, 1, 15)).as_deref(), Some("2021-12"));
        assert_eq!(res(&rel(Unit::Month, 13), (2022, 12, 15)).as_deref(), Some("2024-01"));
        // Weekdays across a month end: Tuesday 2024-03-05, "on Thursday".
        let thu = TimeValue::Weekday { weekday: 3, shift: 0, week: None, modifier: None };
        assert_eq!(res(&thu, (2024, 3, 5)).as_deref(), Some("2024-02-29"));
        // ISO weeks at year ends.
        assert_eq!(res(&rel(Unit::Week, 0), (2021, 1, 3)).as_deref(), Some("2020-W53"));
        assert_eq!(res(&rel(Unit::Week, 0), (2024, 12, 30)).as_deref(), Some("2025-W01"));
        assert_eq!(res(&rel(Unit::Decade, -1), ANCHOR).as_deref(), Some("2010s"));
        // Invalid anchors resolve to nothing.
        assert_eq!(res(&rel(Unit::Day, 0), (2022, 2, 30)), None);
    }

    #[test]
    fn present_anaphoric_vague() {
        let (s, v) = one("Since then , the border has stayed closed .");
        assert_eq!((s.as_str(), &v), ("Since then", &TimeValue::Anaphoric));
        assert_eq!(v.resolve(ANCHOR), None);
        assert_eq!(one("At the time , no one was hurt .").1, TimeValue::Anaphoric);
        assert_eq!(one("Two days later , talks resumed .").1, TimeValue::Anaphoric);
        let (s, v) = one("He declined that same day .");
        assert_eq!((s.as_str(), &v), ("that same day", &TimeValue::Anaphoric));
        assert_eq!(one("Police returned the next day .").0, "the next day");
        let (s, v) = one("The group currently holds the town .");
        assert_eq!((s.as_str(), &v), ("currently", &TimeValue::Present));
        assert_eq!(res(&v, ANCHOR).as_deref(), Some("2022-07-07"));
        assert_eq!(one("Talks are at present stalled .").0, "at present");
        assert_eq!(one("Attacks have recently increased .").1, TimeValue::Vague { direction: Direction::Past });
        let (s, v) = one("More arrests are expected in the coming days .");
        assert_eq!((s.as_str(), &v), ("the coming days", &TimeValue::Vague { direction: Direction::Future }));
        assert_eq!(one("Violence has risen in recent weeks .").0, "recent weeks");
        assert_eq!(one("Police fired tear gas earlier in the day .").1, TimeValue::Anaphoric);
        // Not times.
        assert!(found("He said that the then minister would go as soon as possible .").is_empty());
    }

    #[test]
    fn years_need_evidence() {
        assert!(found("The army deployed 2014 soldiers .").is_empty());
        assert!(found("A total of 1900 people were freed .").is_empty());
        assert!(found("The number rose by 2000 .").is_empty());
        assert!(found("It happened in 2000 cases .").is_empty());
        assert_eq!(one("2011 , a year of protests .").0, "2011");
        assert_eq!(one("2011 's deal collapsed .").0, "2011");
        assert_eq!(one("Since 2015 the war has killed thousands .").0, "2015");
        assert_eq!(one("He lost the 2014 election .").0, "2014");
        let f = found("Elections in 2014 and 2019 were disputed .");
        assert_eq!(f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["2014", "2019"]);
        assert_eq!(one("Cut emissions from 2005 levels .").0, "2005");
        let f = found("Talks ran from 2010 to 2014 .");
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn months_need_evidence() {
        assert!(found("May God help them , said March organisers .").is_empty());
        assert!(found("June Smith spoke .").is_empty());
        assert_eq!(found("between May and June").len(), 2);
        assert!(found("He may march on Sunday Times offices .").len() <= 1);
    }

    #[test]
    fn never_panics() {
        let texts = [
            "",
            "  ",
            "mid- mid-é é- 'é 'é0s ' 's 9999-99-99 2022-13-45 2014-1 2014-9999 -",
            "last next this the day before the at since then later that ago",
            "June 31 , 2022 February 30 Sept . 99 5th of 31st June",
            "99999999999999999999 years ago 9999 years ago a few the past few",
            "Wed. Sun. Sat. . ( ) , Jan . 2022",
        ];
        for t in texts {
            let _ = found(t);
        }
        for (y, m, d) in [(i32::MAX, 12, 31), (i32::MIN, 1, 1), (0, 0, 0), (2022, 12, 32)] {
            for v in [
                rel(Unit::Week, i32::MAX),
                rel(Unit::Month, i32::MIN),
                rel(Unit::Decade, i32::MAX),
                TimeValue::Month { month: 13, shift: -128 },
                TimeValue::Weekday { weekday: 9, shift: 127, week: None, modifier: None },
                TimeValue::Weekday { weekday: 1, shift: -128, week: Some(-128), modifier: None },
                TimeValue::Decade { decade: i32::MIN, modifier: None },
                date(None, Some(2), Some(29)),
            ] {
                let _ = v.resolve((y, m, d));
                let _ = v.resolve_toward((y, m, d), Direction::Future);
            }
        }
        // Odd tokens and sentences out of range.
        let mut d = doc("in 2014 on Wednesday");
        d.sentences.push(Sentence { start: 0, end: 0, tokens: 3..99 });
        d.sentences.push(Sentence { start: 0, end: 0, tokens: Range { start: 5, end: 2 } });
        let _ = recognize(&d);
    }
}

//! Event dates: the time expression of the event's own clause, else of the
//! clauses above it, else of the report ("..., sources said on Wednesday"),
//! else the publication date. Explicit years and dates beat relative
//! expressions at the same level; relative ones resolve against the
//! publication date. An event dated clearly before publication is
//! `historical`: "In 2011 Israel released ..." is not today's news.

use crate::event::EventDate;
use crate::tree::Tree;
use annals_text::timex::Precision;

/// The date of the event at `trigger`; `report` is the reporting verb, if
/// any; `published` the article's date.
pub fn date(t: &Tree, trigger: usize, report: Option<usize>, published: Option<(i32, u8, u8)>) -> Option<EventDate> {
    let times: Vec<&annals_text::TimeExpr> = t.doc.times.iter().filter(|x| t.range.contains(&x.tokens.start)).collect();
    let mut levels = vec![trigger];
    levels.extend(t.ancestors(trigger));
    levels.extend(report);
    for level in levels {
        let mut found: Option<EventDate> = None;
        for x in &times {
            // The expression's own head: its token whose head lies outside it.
            let Some(head) = x.tokens.clone().find(|&i| t.head(i).is_none_or(|h| !x.tokens.contains(&h))) else {
                continue;
            };
            if head != level && !crate::resolve::place::attached(t, level, head) {
                continue;
            }
            let explicit = x.value.is_explicit();
            let resolved = match published {
                Some(p) => x.value.resolve(p),
                None if explicit => x.value.resolve((9999, 12, 31)),
                None => None,
            };
            let Some(r) = resolved else { continue };
            let d = EventDate {
                value: r.value,
                precision: precision(r.precision).into(),
                basis: if explicit { "explicit" } else { "relative" }.into(),
            };
            if found.as_ref().is_none_or(|f| f.basis == "relative" && explicit) {
                found = Some(d);
            }
        }
        if found.is_some() {
            return found;
        }
    }
    published.map(|(y, m, d)| EventDate {
        value: format!("{y:04}-{m:02}-{d:02}"),
        precision: "day".into(),
        basis: "publication".into(),
    })
}

fn precision(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Year => "year",
        Precision::Decade => "decade",
    }
}

/// Whether `d` lies clearly before the publication date: an earlier year or
/// month at those precisions, a day more than a fortnight before.
pub fn historical(d: &EventDate, published: Option<(i32, u8, u8)>) -> bool {
    let Some((py, pm, pd)) = published else { return false };
    let nums: Vec<i64> = d.value.split(['-', '/']).map(|p| p.trim_end_matches('s').parse().unwrap_or(-1)).collect();
    let y = nums.first().copied().unwrap_or(-1);
    if y < 0 {
        return false;
    }
    match d.precision.as_str() {
        "decade" => y + 9 < i64::from(py),
        "year" => nums.last().copied().unwrap_or(y).max(y) < i64::from(py),
        "month" => (y, nums.get(1).copied().unwrap_or(0)) < (i64::from(py), i64::from(pm)),
        "day" => {
            let days = |y: i64, m: i64, d: i64| y * 372 + m * 31 + d;
            let (m, dd) = (nums.get(1).copied().unwrap_or(1), nums.get(2).copied().unwrap_or(1));
            days(i64::from(py), i64::from(pm), i64::from(pd)) - days(y, m, dd) > 14
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(value: &str, precision: &str) -> EventDate {
        EventDate { value: value.into(), precision: precision.into(), basis: "explicit".into() }
    }

    #[test]
    fn historical_means_clearly_before_publication() {
        let p = Some((2022, 7, 7));
        assert!(historical(&d("2011", "year"), p));
        assert!(!historical(&d("2022", "year"), p));
        assert!(historical(&d("2022-05", "month"), p));
        assert!(!historical(&d("2022-07", "month"), p));
        // A day earlier is news; a month earlier is history.
        assert!(!historical(&d("2022-07-06", "day"), p));
        assert!(historical(&d("2022-06-01", "day"), p));
        assert!(historical(&d("1990s", "decade"), p));
        assert!(historical(&d("2014/2015", "year"), p));
        assert!(!historical(&d("2022-W27", "week"), p));
        assert!(!historical(&d("2011", "year"), None));
    }
}

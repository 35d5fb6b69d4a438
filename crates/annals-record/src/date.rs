//! The event date: the value the text gives (`2024-03-14`, `2024-W11`,
//! `2024-03`, `2024`, `2010s`, `2014/2015`), how precise it is, how it was
//! found, and the civil days it can mean.

pub use annals_calendar::Precision;
use annals_calendar::{Date, Period};
use serde::{Deserialize, Serialize};

/// How the date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// A date or year in the text.
    Explicit,
    /// Resolved against the publication date ("on Wednesday", "last month").
    Relative,
    /// No cue: the publication date.
    Publication,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Explicit => "explicit",
            Basis::Relative => "relative",
            Basis::Publication => "publication",
        }
    }
}

/// When the event happened, and how we know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    pub value: String,
    pub precision: Precision,
    pub basis: Basis,
}

impl EventDate {
    /// The day `d` at day precision.
    pub fn day(d: Date, basis: Basis) -> EventDate {
        EventDate { value: d.to_string(), precision: Precision::Day, basis }
    }

    /// The first and last civil day the value can mean: a week from Monday
    /// to Sunday, a month to its real last day, a range from the first day
    /// of its start to the last of its end. A day at a coarser precision
    /// (a week given by one of its days) is that day. `None` when the value
    /// is no date.
    pub fn period(&self) -> Option<Period> {
        Period::parse(&self.value)
    }

    /// Whether the date lies clearly before the publication day `published`:
    /// a decade, year or month that ended before the publication's year or
    /// month began, or a day more than a fortnight earlier. Weeks are never
    /// clearly past.
    pub fn clearly_before(&self, published: Date) -> bool {
        let Some(p) = self.period() else { return false };
        match self.precision {
            Precision::Decade | Precision::Year => p.last < published.first_of_year(),
            Precision::Month => p.last < published.first_of_month(),
            Precision::Day => annals_calendar::days(published) - annals_calendar::days(p.first) > 14,
            Precision::Week => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(value: &str, precision: Precision) -> EventDate {
        EventDate { value: value.into(), precision, basis: Basis::Explicit }
    }

    #[test]
    fn historical_means_clearly_before_publication() {
        use Precision::*;
        let p = annals_calendar::date(2022, 7, 7).unwrap();
        assert!(d("2011", Year).clearly_before(p));
        assert!(!d("2022", Year).clearly_before(p));
        assert!(d("2022-05", Month).clearly_before(p));
        assert!(!d("2022-07", Month).clearly_before(p));
        // A day earlier is news; a month earlier is history.
        assert!(!d("2022-07-06", Day).clearly_before(p));
        assert!(d("2022-06-01", Day).clearly_before(p));
        assert!(d("1990s", Decade).clearly_before(p));
        assert!(!d("2020s", Decade).clearly_before(p));
        assert!(d("2014/2015", Year).clearly_before(p));
        assert!(!d("2021/2022", Year).clearly_before(p));
        assert!(!d("2022-W27", Week).clearly_before(p));
        assert!(!d("someday", Day).clearly_before(p));
        // A fortnight counts real days, across short months too.
        let march = annals_calendar::date(2022, 3, 1).unwrap();
        assert!(!d("2022-02-15", Day).clearly_before(march));
        assert!(d("2022-02-14", Day).clearly_before(march));
    }

    #[test]
    fn periods() {
        let w = d("2024-W11", Precision::Week).period().unwrap();
        assert_eq!((w.first.to_string(), w.last.to_string()), ("2024-03-11".into(), "2024-03-17".into()));
        let m = d("2024-02", Precision::Month).period().unwrap();
        assert_eq!(m.last.to_string(), "2024-02-29");
        assert_eq!(d("yesterday", Precision::Day).period(), None);
    }
}

//! Query parameters, read strictly: each endpoint names the parameters it
//! takes, and an unknown one, a repeated one or a bad value is a 400 that
//! says which and why. Empty values count as absent (an HTML form sends
//! every field). The filters are `annals query`'s, under the same names.

use crate::error::Failure;
use annals_store::{CountBy, Filter};

/// The longest query string accepted (bytes, before decoding).
pub const MAX_QUERY: usize = 4096;
/// The longest value of one parameter (characters).
pub const MAX_VALUE: usize = 300;
/// The most events or rows one request may ask for.
pub const MAX_LIMIT: usize = 1000;

/// The filters, as `annals query` names its options.
pub const FILTERS: &[&str] = &[
    "actor",
    "actor-name",
    "cameo",
    "plover",
    "mode",
    "country",
    "place",
    "place-country",
    "from",
    "to",
    "published-from",
    "published-to",
    "text",
];

/// PLOVER's categories, as the record writes them.
pub use annals_code::ontology::PLOVER_CATEGORIES as PLOVER;

/// The parameters of one request, checked against what its endpoint takes.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Reads `query` (the raw query string) allowing the filters and
    /// `extra`.
    pub fn parse(query: Option<&str>, extra: &[&str]) -> Result<Params, Failure> {
        let query = query.unwrap_or("");
        if query.len() > MAX_QUERY {
            return Err(Failure::QueryTooLong(format!(
                "the query string is {} bytes; at most {MAX_QUERY} are accepted",
                query.len()
            )));
        }
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query).map_err(|e| Failure::bad(format!("unreadable query string: {e}")))?;
        let mut kept: Vec<(String, String)> = Vec::new();
        for (k, v) in pairs {
            if !FILTERS.contains(&k.as_str()) && !extra.contains(&k.as_str()) {
                let mut known: Vec<&str> = FILTERS.iter().chain(extra).copied().collect();
                known.sort_unstable();
                return Err(Failure::bad(format!("unknown parameter {k:?}; this endpoint takes {}", known.join(", "))));
            }
            if v.chars().count() > MAX_VALUE {
                return Err(Failure::bad(format!("{k}: longer than {MAX_VALUE} characters")));
            }
            if v.chars().any(char::is_control) {
                return Err(Failure::bad(format!("{k}: control characters are not allowed")));
            }
            let v = v.trim().to_string();
            if kept.iter().any(|(seen, _)| *seen == k) {
                return Err(Failure::bad(format!("{k}: given more than once")));
            }
            if !v.is_empty() {
                kept.push((k, v));
            }
        }
        Ok(Params { pairs: kept })
    }

    /// Checks that `query` gives no parameter at all (an article, an event).
    pub fn none(query: Option<&str>) -> Result<(), Failure> {
        let p = Params::parse(query, &[])?;
        match p.pairs.first() {
            Some((k, _)) => Err(Failure::bad(format!("unknown parameter {k:?}; this takes no parameters"))),
            None => Ok(()),
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The given parameters in order (for links that keep them).
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The filters only.
    pub fn filter_pairs(&self) -> Vec<(String, String)> {
        self.pairs.iter().filter(|(k, _)| FILTERS.contains(&k.as_str())).cloned().collect()
    }

    /// The store's filter, every value checked.
    pub fn filter(&self) -> Result<Filter, Failure> {
        let s = |k: &str| self.get(k).map(str::to_string);
        let mut f = Filter {
            actor_name: s("actor-name"),
            place: s("place"),
            event_from: s("from"),
            event_to: s("to"),
            published_from: s("published-from"),
            published_to: s("published-to"),
            text: s("text"),
            ..Default::default()
        };
        if let Some(a) = self.get("actor") {
            if a.len() > 40 || !a.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(Failure::bad(format!(
                    "actor: {a:?} is not a CAMEO actor code prefix (letters and digits, as NER, NERGOV, PSEREBHMS)"
                )));
            }
            f.actor = Some(a.to_ascii_uppercase());
        }
        if let Some(c) = self.get("cameo") {
            if c.is_empty() || c.len() > 4 || !c.chars().all(|c| c.is_ascii_digit()) {
                return Err(Failure::bad(format!(
                    "cameo: {c:?} is not a CAMEO event code prefix (1 to 4 digits, as 04, 0841)"
                )));
            }
            f.cameo = Some(c.into());
        }
        if let Some(p) = self.get("plover") {
            let up = p.to_ascii_uppercase();
            if !PLOVER.contains(&up.as_str()) {
                return Err(Failure::bad(format!("plover: {p:?} is not a PLOVER category ({})", PLOVER.join(", "))));
            }
            f.plover = Some(up);
        }
        if let Some(m) = self.get("mode") {
            let Some(mode) = annals_record::Mode::parse(m) else {
                let all: Vec<&str> = annals_record::Mode::ALL.iter().map(|m| m.as_str()).collect();
                return Err(Failure::bad(format!("mode: {m:?} is not a mode ({})", all.join(", "))));
            };
            f.mode = Some(mode.as_str().into());
        }
        for (key, slot) in [("country", &mut f.country), ("place-country", &mut f.place_country)] {
            if let Some(c) = self.get(key) {
                if c.len() != 3 || !c.chars().all(|c| c.is_ascii_alphabetic()) {
                    return Err(Failure::bad(format!("{key}: {c:?} is not an ISO 3166 alpha-3 country code (as QAT)")));
                }
                *slot = Some(c.to_ascii_uppercase());
            }
        }
        for key in ["from", "to", "published-from", "published-to"] {
            if let Some(d) = self.get(key) {
                if !is_date_bound(d) {
                    return Err(Failure::bad(format!("{key}: {d:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")));
                }
            }
        }
        Ok(f)
    }

    /// `limit`, between 1 and [`MAX_LIMIT`]; `default` when absent.
    pub fn limit(&self, default: usize) -> Result<usize, Failure> {
        match self.get("limit") {
            None => Ok(default),
            Some(l) => match l.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
                _ => Err(Failure::bad(format!("limit: {l:?} is not a number from 1 to {MAX_LIMIT}"))),
            },
        }
    }

    /// `cursor`: where the previous page ended (what its `next_cursor` said).
    pub fn cursor(&self) -> Result<Option<i64>, Failure> {
        self.get("cursor")
            .map(|c| {
                c.parse::<i64>()
                    .ok()
                    .filter(|&n| n >= 0)
                    .ok_or_else(|| Failure::bad(format!("cursor: {c:?} is not a cursor a page gave")))
            })
            .transpose()
    }

    /// `by` of counts: `day`, `week`, `month` or (when `pair` is allowed) `pair`.
    pub fn count_by(&self, default: CountBy, pair: bool) -> Result<CountBy, Failure> {
        match self.get("by") {
            None => Ok(default),
            Some("day") => Ok(CountBy::Day),
            Some("week") => Ok(CountBy::Week),
            Some("month") => Ok(CountBy::Month),
            Some("pair") if pair => Ok(CountBy::ActorPair),
            Some(b) => Err(Failure::bad(format!(
                "by: {b:?} is not one of day, week, month{}",
                if pair { ", pair" } else { "" }
            ))),
        }
    }
}

/// `YYYY`, `YYYY-MM` or a real `YYYY-MM-DD` (the store's date bounds).
fn is_date_bound(d: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match d.len() {
        4 => digits(d, 4),
        7 => digits(&d[..4], 4) && &d[4..5] == "-" && d[5..].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)),
        10 => annals_record::parse_day(d).is_some(),
        _ => false,
    }
}

/// `pairs` as a query string (`?a=b&c=d`), or "" when empty.
/// `pairs` with `key` set to `value`: any earlier value of `key` dropped,
/// the new pair last (a link that changes one filter of a view).
pub fn with_pair(pairs: &[(String, String)], key: &str, value: &str) -> Vec<(String, String)> {
    let mut q: Vec<(String, String)> = pairs.iter().filter(|(k, _)| k != key).cloned().collect();
    q.push((key.to_string(), value.to_string()));
    q
}

pub fn query_string(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let q = serde_urlencoded::to_string(pairs).unwrap_or_default();
    format!("?{q}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_repeated_and_bad_values_are_refused_with_their_name() {
        let e = Params::parse(Some("actr=NER"), &[]).unwrap_err();
        assert!(e.message().contains("\"actr\""), "{e}");
        let e = Params::parse(Some("actor=NER&actor=MLI"), &[]).unwrap_err();
        assert!(e.message().starts_with("actor:"), "{e}");
        for (q, key) in [
            ("actor=' OR 1=1 --", "actor"),
            ("cameo=04a", "cameo"),
            ("plover=FIGHT", "plover"),
            ("mode=rumoured", "mode"),
            ("country=Qatar", "country"),
            ("from=2024-02-30", "from"),
            ("to=yesterday", "to"),
            ("limit=0", "limit"),
            ("limit=1001", "limit"),
            ("cursor=-3", "cursor"),
        ] {
            let p = Params::parse(Some(q), &["limit", "cursor"]).unwrap();
            let e = p.filter().and_then(|_| p.limit(50)).and_then(|_| p.cursor()).unwrap_err();
            assert_eq!(e.status(), 400, "{q}");
            assert!(e.message().starts_with(&format!("{key}:")), "{q}: {e}");
        }
        let long = format!("text={}", "a".repeat(MAX_QUERY));
        assert_eq!(Params::parse(Some(&long), &[]).unwrap_err().status(), 414);
    }

    #[test]
    fn filters_read_as_annals_query_reads_them() {
        let p = Params::parse(
            Some("actor=nergov&cameo=04&plover=consult&mode=Proposed&country=qat&from=2024-03&to=2024&text=ceasefire&place=&limit=20"),
            &["limit"],
        )
        .unwrap();
        let f = p.filter().unwrap();
        assert_eq!(f.actor.as_deref(), Some("NERGOV"));
        assert_eq!(f.plover.as_deref(), Some("CONSULT"));
        assert_eq!(f.mode.as_deref(), Some("proposed"));
        assert_eq!(f.country.as_deref(), Some("QAT"));
        assert_eq!((f.event_from.as_deref(), f.event_to.as_deref()), (Some("2024-03"), Some("2024")));
        assert_eq!(f.place, None, "an empty field does not filter");
        assert_eq!(p.limit(50).unwrap(), 20);
        assert_eq!(query_string(&p.filter_pairs()).matches('&').count(), 7);
    }
}

//! FIPS 10-4 country codes, which GDELT's geo columns use where annals
//! stores ISO 3166 alpha-3 (Germany is DEU in ISO, GM in FIPS). The table
//! (`data/fips.txt`) comes from GeoNames' country information.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/fips.txt");

/// ISO alpha-3 → FIPS 10-4, read once from [`TABLE`].
fn table() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split_whitespace();
                let (_iso2, iso3, fips) = (f.next()?, f.next()?, f.next()?);
                Some((iso3, fips))
            })
            .collect()
    })
}

/// The FIPS 10-4 code of an ISO alpha-3 country code (any case), or `None`
/// for a code the table does not know or a country FIPS has no code for.
pub fn from_iso3(iso3: &str) -> Option<&'static str> {
    table().get(iso3.to_ascii_uppercase().as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_that_differ_from_iso() {
        assert_eq!(from_iso3("DEU"), Some("GM"));
        assert_eq!(from_iso3("ISR"), Some("IS"));
        assert_eq!(from_iso3("EGY"), Some("EG"));
        assert_eq!(from_iso3("ner"), Some("NG"));
        assert_eq!(from_iso3("NGA"), Some("NI"));
        assert_eq!(from_iso3("USA"), Some("US"));
        assert_eq!(from_iso3("XYZ"), None);
        assert_eq!(from_iso3("ALA"), None);
    }

    #[test]
    fn every_line_has_three_codes() {
        let lines: Vec<&str> = TABLE.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(lines.len() > 240, "{}", lines.len());
        for l in lines {
            let f: Vec<&str> = l.split(' ').collect();
            assert!(f.len() == 3 && f[0].len() == 2 && f[1].len() == 3 && f[2].len() == 2, "{l:?}");
        }
        assert_eq!(table().len(), TABLE.lines().filter(|l| !l.starts_with('#')).count(), "an ISO code twice");
    }
}

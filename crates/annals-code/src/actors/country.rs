//! A role's country. "Police", "protesters" or "the interior minister"
//! with no country in the phrase take the country the text gives them:
//! the event's place ("journalists were arrested in Cairo"), else the
//! report's own country (its focus, see [`crate::discourse`]), as a human
//! coder reads an unqualified "the police" in a report from Hong Kong.

use crate::event::ActorRef;

/// Roles that belong to no country of their own.
const STATELESS: &[&str] = &["IGO", "NGO"];

/// Whether `a` is a bare role that a country would complete.
pub fn wants_country(a: &ActorRef) -> bool {
    a.country.is_none()
        && a.code.as_ref().is_some_and(|c| c.len() == 3 && !STATELESS.contains(&c.as_str()) && a.name.is_none())
}

/// Gives the bare role `a` the country `country` (ISO alpha-3): `COP` in
/// Hong Kong is `HKGCOP`; civilians are the bare country with sector `CVL`.
pub fn give(a: &mut ActorRef, country: &str) {
    if !wants_country(a) {
        return;
    }
    let role = a.code.clone().unwrap_or_default();
    a.code = Some(if role == "CVL" { country.to_string() } else { format!("{country}{role}") });
    a.country = Some(country.to_string());
    a.sector = Some(role);
}

/// Gives an actor with no code at all (an unknown person or organisation
/// named in a report) the report's country: `IDN` for an unknown name in an
/// Indonesian story, with no role.
pub fn give_uncoded(a: &mut ActorRef, country: &str) {
    if a.code.is_none() {
        a.code = Some(country.to_string());
        a.country = Some(country.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(code: &str) -> ActorRef {
        ActorRef {
            text: "x".into(),
            start: 0,
            end: 1,
            code: Some(code.into()),
            name: None,
            country: None,
            sector: Some(code.into()),
        }
    }

    #[test]
    fn roles_take_a_country_and_organisations_do_not() {
        let mut p = role("COP");
        give(&mut p, "HKG");
        assert_eq!((p.code.as_deref(), p.country.as_deref()), (Some("HKGCOP"), Some("HKG")));
        let mut c = role("CVL");
        give(&mut c, "PSE");
        assert_eq!(c.code.as_deref(), Some("PSE"));
        let mut n = role("NGO");
        give(&mut n, "HKG");
        assert_eq!(n.code.as_deref(), Some("NGO"));
        let mut done = role("COP");
        done.country = Some("EGY".into());
        done.code = Some("EGYCOP".into());
        give(&mut done, "HKG");
        assert_eq!(done.code.as_deref(), Some("EGYCOP"));
    }
}

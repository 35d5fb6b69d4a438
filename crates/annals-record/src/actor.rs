//! CAMEO actor codes: an ISO 3166 alpha-3 country, then 3-letter role
//! codes (GOV, MIL, REB, ...), religion codes, and a known group where there
//! is one (Hamas: `PSEREBHMS`).

/// CAMEO actor role (type) codes.
pub const ROLES: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL", "DEV", "EDU",
    "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "IGO", "NGO", "IMG", "INT", "MNC", "NGM",
    "PTY", "SET", "UIS",
];

/// CAMEO religion codes.
pub const RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "ENR", "EVA", "HIN", "HSD", "ITR", "JAN",
    "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "ORT", "PAG", "PRO", "SFI", "SHI", "SHN", "SIK", "SUN", "TAO", "UDS",
    "ZRO",
];

/// A CAMEO actor code cut into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorCode<'a> {
    /// The whole code.
    pub code: &'a str,
    /// The country the record gives, when the code starts with it.
    pub country: Option<&'a str>,
    /// Role codes in order, each once (the record's sector among them).
    pub roles: Vec<&'a str>,
    /// Religion codes in order.
    pub religions: Vec<&'a str>,
    /// The first 3-letter part that is neither role nor religion.
    pub group: Option<&'a str>,
}

impl<'a> ActorCode<'a> {
    /// Cuts `code` after its `country` (the record's country, when the code
    /// starts with it) into 3-letter parts; the record's `sector` counts as
    /// one more part.
    pub fn parse(code: &'a str, country: Option<&'a str>, sector: Option<&'a str>) -> ActorCode<'a> {
        let (country, rest) = match country {
            Some(c) if code.starts_with(c) => (Some(c), &code[c.len()..]),
            _ => (None, code),
        };
        let mut a = ActorCode { code, country, ..Default::default() };
        let parts = rest.as_bytes().chunks(3).filter_map(|c| std::str::from_utf8(c).ok());
        for part in parts.chain(sector) {
            if ROLES.contains(&part) {
                if !a.roles.contains(&part) {
                    a.roles.push(part);
                }
            } else if RELIGIONS.contains(&part) {
                a.religions.push(part);
            } else if a.group.is_none() && part.len() == 3 {
                a.group = Some(part);
            }
        }
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_cut_into_their_parts() {
        let h = ActorCode::parse("PSEREBHMS", Some("PSE"), Some("REB"));
        assert_eq!((h.country, h.roles.as_slice(), h.group), (Some("PSE"), &["REB"][..], Some("HMS")));
        let a = ActorCode::parse("NGOHRIAMN", None, None);
        assert_eq!((a.country, a.roles.as_slice(), a.group), (None, &["NGO", "HRI"][..], Some("AMN")));
        let p = ActorCode::parse("PSE", Some("PSE"), Some("CVL"));
        assert_eq!((p.roles.as_slice(), p.group), (&["CVL"][..], None));
        let r = ActorCode::parse("IRQMOSSHI", Some("IRQ"), None);
        assert_eq!(r.religions, ["MOS", "SHI"]);
        // A country the code does not start with is not taken from it.
        assert_eq!(ActorCode::parse("NERGOV", Some("MLI"), None).group, Some("NER"));
    }
}

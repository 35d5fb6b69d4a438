//! CAMEO's own analogues for events that did not happen: a cooperative act
//! that is only promised or planned is coded as an expression of intent
//! (03x, "Express intent to release persons" for a release that "will"
//! happen), a conflictual one as a threat (13x), a cooperative one that
//! someone "will not" do or refuses to do as a rejection (12x), and one that
//! someone says another "must" do as a demand (10x). This is how the codebook separates
//! saying from doing; PLOVER's AGREE, THREATEN and REQUEST follow it.

/// The intent (03x) analogue of a cooperative code, or the threat (13x)
/// analogue of a conflictual one.
pub fn intent(code: &str) -> Option<&'static str> {
    let c3 = code.get(..3).unwrap_or(code);
    Some(match code {
        "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        "081" => "0351",
        "082" => "0352",
        "0841" | "084" | "0842" => "0353",
        "085" => "0354",
        "086" => "0355",
        "087" | "0871" | "0872" | "0873" | "0874" => "0356",
        _ => match &code[..2.min(code.len())] {
            "04" => "036",
            "05" => "032",
            "06" => "031",
            "07" => "033",
            "08" => match c3 {
                "084" => "0353",
                _ => "035",
            },
            "14" => "133",
            "15" => "138",
            "16" => "131",
            "17" => "137",
            "18" => "1383",
            "19" => "1384",
            "20" => "1385",
            _ => return None,
        },
    })
}

/// The rejection (12x) analogue of a cooperative code: what someone will
/// not do or refuses to do.
pub fn reject(code: &str) -> Option<&'static str> {
    Some(match code {
        // "would not consider the request": the option is rejected.
        "014" => "120",
        "0841" | "084" | "0842" => "1243",
        "081" => "1241",
        "082" => "1242",
        "085" => "1244",
        "086" => "1245",
        "087" | "0871" | "0872" | "0873" | "0874" => "1246",
        _ => match &code[..2.min(code.len())] {
            "03" | "05" => "120",
            "04" => "125",
            "06" => "121",
            "07" => "122",
            "08" => "124",
            _ => return None,
        },
    })
}

/// The threat (13x) made by saying one will do `code` unless something
/// happens: the conflictual analogue where there is one, else a threat to
/// reduce relations or aid for a cooperative act withdrawn, else a plain
/// threat.
pub fn threat(code: &str) -> &'static str {
    match &code[..2.min(code.len())] {
        "14" | "15" | "16" | "17" | "18" | "19" | "20" => intent(code).unwrap_or("130"),
        "08" | "06" | "07" => "131",
        _ => "130",
    }
}

/// The demand (10x) analogue of a code.
pub fn demand(code: &str) -> &'static str {
    match code {
        "061" => "1011",
        "062" => "1012",
        "063" => "1013",
        "064" => "1014",
        "071" => "1031",
        "072" => "1032",
        "073" => "1033",
        "074" => "1034",
        "081" => "1051",
        "082" => "1052",
        "0841" | "084" | "0842" => "1053",
        "085" => "1054",
        "086" => "1055",
        "087" | "0871" | "0872" | "0873" | "0874" => "1056",
        _ => match &code[..2.min(code.len())] {
            "04" => "106",
            "05" => "102",
            "06" => "101",
            "07" => "103",
            "08" => "105",
            _ => "100",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analogues_exist_in_the_ontology() {
        let o = crate::ontology::get();
        for c in o.codes() {
            if let Some(i) = intent(&c.code) {
                assert!(o.cameo(i).is_some(), "{} → {i}", c.code);
            }
            assert!(o.cameo(demand(&c.code)).is_some(), "{}", c.code);
        }
        assert_eq!(intent("0841"), Some("0353"));
        assert_eq!(intent("190"), Some("1384"));
        assert_eq!(intent("111"), None);
        assert_eq!(demand("0841"), "1053");
        for c in o.codes() {
            if let Some(r) = reject(&c.code) {
                assert!(o.cameo(r).is_some(), "{} → {r}", c.code);
            }
        }
        assert_eq!(reject("0841"), Some("1243"));
        for c in o.codes() {
            assert!(o.cameo(threat(&c.code)).is_some(), "{}", c.code);
        }
        assert_eq!(threat("143"), "133");
    }
}

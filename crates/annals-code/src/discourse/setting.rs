//! The report's setting: the place where its story happens.
//!
//! A report about a stabbing in Gdańsk names the city once or twice, in
//! the lead, and then tells of the arrest, the vigils and the mayor's death
//! without naming it again; a careful coder places all of them there. The
//! setting is the gazetteer place the report names most, the lead counting
//! double, among the places of its [focus](super::focus) country: a city or
//! region when the report names one, the country itself only when it names
//! no place inside it and few abroad. A report with no focus country, or whose places are
//! named once each outside the lead, has no setting; nor has a text no
//! longer than a lead (a single sentence's places are its own clauses',
//! already read there).
//!
//! Only names written as place names count (a location entity the
//! gazetteer knows in full, not an actor's name): "Hong Kong police" names
//! an actor, "protests in Hong Kong" a place. Which events take the setting
//! is decided in [`crate::resolve::place::from_setting`].

use crate::actors::Resolver;
use crate::dict::actors::ActorKind;
use crate::event::Place;
use crate::places::Places;
use annals_text::{Doc, EntityLabel};

/// How many sentences count as the lead.
const LEAD: usize = 3;
/// The weight a place needs: named in the lead, or twice.
const MIN_WEIGHT: f64 = 2.0;

/// One place the report names, with its weight so far.
struct Named {
    place: Place,
    country_level: bool,
    weight: f64,
}

/// The setting of `doc` (see the module documentation), given its focus
/// country.
pub fn setting(doc: &Doc, places: &Places, resolver: &Resolver, focus: Option<&str>) -> Option<Place> {
    let focus = focus?;
    if doc.sentences.len() <= LEAD {
        return None;
    }
    let mut named: Vec<Named> = Vec::new();
    // The weight of the places named abroad, for the country's own claim.
    let mut abroad = 0.0;
    for e in doc.entities.iter().filter(|e| e.label == EntityLabel::Location) {
        let Some(tokens) = doc.tokens.get(e.tokens.clone()) else { continue };
        let Some((end, p)) = places.longest_match_in(tokens, 0, Some(focus)) else { continue };
        let sentence = doc.sentences.iter().position(|s| s.tokens.contains(&e.tokens.start)).unwrap_or(LEAD);
        let weight = if sentence < LEAD { 2.0 } else { 1.0 };
        if end != tokens.len() {
            continue;
        }
        if p.country != focus {
            abroad += weight;
            continue;
        }
        if let Some(n) = named.iter_mut().find(|n| n.place.geonames_id == Some(p.geonames_id) && n.place.name == p.name)
        {
            n.weight += weight;
            continue;
        }
        let forms: Vec<&str> = tokens.iter().map(|t| t.form.as_str()).collect();
        let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
        let country_level =
            resolver.actors.find_actor(&forms, &norms, 0, resolver.date).is_some_and(|(end, a, form)| {
                // A capital ("London said") names a city here.
                end == forms.len() && a.kind == ActorKind::Country && form != crate::dict::actors::FormKind::Capital
            });
        named.push(Named { place: p.place(doc.text[e.start..e.end].to_string()), country_level, weight });
    }
    let best = |country_level: bool| {
        let mut c: Vec<&Named> =
            named.iter().filter(|n| n.country_level == country_level && n.weight >= MIN_WEIGHT).collect();
        // Most weighted; among equals, the first named.
        c.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        let top = c.first()?;
        // Two places of equal weight: no single setting.
        (c.get(1).is_none_or(|n| n.weight < top.weight)).then(|| top.place.clone())
    };
    // The country itself says where only when the report is about that
    // country alone: its places abroad weigh less than half of it ("talks
    // in Cairo on prisoners in Gaza and the West Bank" are set nowhere in
    // particular, however often Israel is named).
    let home = best(true).filter(|p| named.iter().any(|n| n.place == *p && abroad * 2.0 < n.weight));
    best(false).or(home)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::agents::AgentDict;
    use crate::fixture::{doc, spaced};

    fn resolver() -> Resolver<'static> {
        Resolver { actors: crate::dict::actors::ActorDict::embedded(), agents: AgentDict::embedded(), date: None }
    }

    /// A report: the sentences of `lead`, then three that name no place.
    fn report(lead: &str) -> Doc {
        let filler = "1 He he PRON PRP _ 2 nsubj _ _
                      2 died die VERB VBD _ 0 root _ _
                      3 . . PUNCT . _ 2 punct _ _";
        let text = [lead, filler, filler, filler].join("\n\n");
        doc(&spaced(&text))
    }

    #[test]
    fn the_city_named_in_the_lead() {
        // Police arrested a man in Gdańsk . He died . (three times)
        let d = report(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 arrested arrest VERB VBD _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 man man NOUN NN _ 2 obj _ _
             5 in in ADP IN _ 6 case _ _
             6 Gdańsk Gdańsk PROPN NNP _ 2 obl _ NER=B-LOC
             7 . . PUNCT . _ 2 punct _ _",
        );
        let p = setting(&d, Places::embedded(), &resolver(), Some("POL")).expect("a setting");
        assert_eq!(p.name, "Gdańsk");
        // Another country's report has no setting there, nor has a report
        // without a focus country.
        assert!(setting(&d, Places::embedded(), &resolver(), Some("DEU")).is_none());
        assert!(setting(&d, Places::embedded(), &resolver(), None).is_none());
    }

    #[test]
    fn a_name_written_without_its_diacritics() {
        // Police arrested a man in Lodz .
        let d = report(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 arrested arrest VERB VBD _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 man man NOUN NN _ 2 obj _ _
             5 in in ADP IN _ 6 case _ _
             6 Lodz Lodz PROPN NNP _ 2 obl _ NER=B-LOC
             7 . . PUNCT . _ 2 punct _ _",
        );
        let p = setting(&d, Places::embedded(), &resolver(), Some("POL")).expect("a setting");
        assert_eq!((p.name.as_str(), p.text.as_str()), ("Łódź", "Lodz"));
    }

    #[test]
    fn a_lone_sentence_has_no_setting() {
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 marched march VERB VBD _ 0 root _ _
             3 in in ADP IN _ 4 case _ _
             4 Gdańsk Gdańsk PROPN NNP _ 2 obl _ NER=B-LOC
             5 . . PUNCT . _ 2 punct _ _",
        ));
        assert!(setting(&d, Places::embedded(), &resolver(), Some("POL")).is_none());
    }

    #[test]
    fn a_city_before_its_country() {
        // Protests in Poland . Police in Gdańsk ... : the city, though the
        // country is named as often.
        let d = report(
            "1 Protests protest NOUN NNS _ 0 root _ _
             2 in in ADP IN _ 3 case _ _
             3 Poland Poland PROPN NNP _ 1 nmod _ NER=B-LOC
             4 . . PUNCT . _ 1 punct _ _

             1 Police police NOUN NNS _ 0 root _ _
             2 in in ADP IN _ 3 case _ _
             3 Gdańsk Gdańsk PROPN NNP _ 1 nmod _ NER=B-LOC
             4 . . PUNCT . _ 1 punct _ _",
        );
        let p = setting(&d, Places::embedded(), &resolver(), Some("POL")).expect("a setting");
        assert_eq!(p.name, "Gdańsk");
    }

    #[test]
    fn a_country_named_beside_places_abroad_is_no_setting() {
        // Talks in Poland . Talks in Poland . Talks in Berlin .
        let talks = |place: &str| {
            format!(
                "1 Talks talk NOUN NNS _ 0 root _ _
                 2 in in ADP IN _ 3 case _ _
                 3 {place} {place} PROPN NNP _ 1 nmod _ NER=B-LOC
                 4 . . PUNCT . _ 1 punct _ _"
            )
        };
        let alone = report(&[talks("Poland"), talks("Poland")].join("\n\n"));
        let p = setting(&alone, Places::embedded(), &resolver(), Some("POL")).expect("a setting");
        assert_eq!(p.name, "Poland");
        let abroad = report(&[talks("Poland"), talks("Poland"), talks("Berlin")].join("\n\n"));
        assert!(setting(&abroad, Places::embedded(), &resolver(), Some("POL")).is_none());
        // A capital is a city, not its country: Warsaw twice sets the report.
        let capital = report(&[talks("Warsaw"), talks("Warsaw"), talks("Berlin")].join("\n\n"));
        let p = setting(&capital, Places::embedded(), &resolver(), Some("POL")).expect("a setting");
        assert_eq!(p.name, "Warsaw");
    }

    #[test]
    fn two_cities_of_equal_weight_are_no_setting() {
        // Protests in Gdańsk and Kraków .
        let d = report(
            "1 Protests protest NOUN NNS _ 0 root _ _
             2 in in ADP IN _ 3 case _ _
             3 Gdańsk Gdańsk PROPN NNP _ 1 nmod _ NER=B-LOC
             4 and and CCONJ CC _ 5 cc _ _
             5 Kraków Kraków PROPN NNP _ 3 conj _ NER=B-LOC
             6 . . PUNCT . _ 1 punct _ _",
        );
        assert!(setting(&d, Places::embedded(), &resolver(), Some("POL")).is_none());
    }
}

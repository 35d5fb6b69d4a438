//! The event's place.
//!
//! Candidates are the gazetteer names inside nominals introduced by a
//! locative preposition ("in Cairo", "near the border", "visits to Cairo")
//! and place names that are themselves the trigger's object ("shelled
//! Donetsk", "attacked Damboa town"). Only names written as names count:
//! capitalised and tagged or recognised as proper nouns, so "local time" is
//! never the Norwegian town of Time, nor "central" a place called Central.
//! Inside one nominal the most specific name wins ("in the West Bank city
//! of Nablus" is Nablus, "Mogadishu's Yaqshid district" is Yaqshid when the
//! gazetteer has it). The place attached to the event's own clause wins;
//! then one inside the trigger's arguments ("hit a trolleybus in Donetsk",
//! "detainees who lived in the West Bank"). A name used as an actor
//! ("Israel said") is not a place.
//!
//! An event whose sentence names no place of its own happens in the
//! report's [setting](crate::discourse::setting) when nothing says
//! otherwise ([`from_setting`]): it is not background (historical), and
//! none of its actors belongs to another country. "The mayor died today"
//! in a report set in Gdańsk happened in Gdańsk; "Germany's foreign
//! minister condemned it" did not.

use crate::cues::{self, List};
use crate::event::Place;
use crate::places::{PlaceEntry, Places};
use crate::tree::{rel_is, Tree};

/// Whether token `i` is written as a name.
fn name_like(t: &Tree, i: usize) -> bool {
    let tok = t.tok(i);
    let capital = tok.form.chars().next().is_some_and(char::is_uppercase);
    let in_entity = t.doc.entities.iter().any(|e| e.tokens.contains(&i));
    // A word of an organisation's or a person's name is no place:
    // "Cumhuriyet University", "Union for the Total Independence of Angola".
    let other_name = t.doc.entities.iter().any(|e| {
        e.tokens.contains(&i)
            && e.label != annals_text::EntityLabel::Location
            && !(e.tokens.start == i && e.tokens.len() == 1)
    });
    capital && !t.in_time(i) && !other_name && (tok.upos == "PROPN" || tok.xpos.starts_with("NNP") || in_entity)
}

/// The words of the locative phrase headed by `x` where its place may be
/// named: its own words and those of nested place phrases ("in the West
/// Bank city of Nablus"), not of phrases about something else ("on
/// independence for Namibia", "against Israel").
fn place_span(t: &Tree, x: usize) -> Vec<usize> {
    const STOP: &[&str] = &["acl", "punct", "conj", "cc", "case", "det"];
    let mut out = vec![x];
    let mut stack = vec![x];
    while let Some(n) = stack.pop() {
        for &c in t.children(n) {
            if STOP.iter().any(|r| rel_is(t.rel(c), r)) {
                continue;
            }
            let nested = rel_is(t.rel(c), "nmod") || rel_is(t.rel(c), "obl");
            let keeps = t.case_of(c).is_none_or(|p| p == "of" || p == "'s" || cues::has(List::Locative, &p));
            if nested && !keeps {
                continue;
            }
            out.push(c);
            stack.push(c);
        }
    }
    out.sort_unstable();
    out
}

/// A foreign place this small is more likely a namesake of something at
/// home ("Hyde Park" in a London report is no American town).
const FOREIGN_NAMESAKE: u64 = 100_000;

/// The most specific gazetteer name among the tokens `span` (sorted); in
/// a report about `home`, a place there wins among namesakes.
fn best_name(t: &Tree, span: &[usize], places: &Places, home: Option<&str>) -> Option<Place> {
    let tokens = &t.doc.tokens[t.range.clone()];
    let mut best: Option<(u64, usize, usize, &PlaceEntry)> = None;
    let mut k = 0;
    while k < span.len() {
        let s = span[k];
        if !name_like(t, s) {
            k += 1;
            continue;
        }
        match places.longest_match_in(tokens, s - t.range.start, home) {
            Some((end, e))
                if span.contains(&(t.range.start + end - 1))
                    && home.is_none_or(|h| e.country == h || e.population >= FOREIGN_NAMESAKE) =>
            {
                let last = t.range.start + end - 1;
                if best.is_none_or(|b| e.population < b.0) {
                    best = Some((e.population, s, last, e));
                }
                k = span.iter().position(|&x| x == last).map_or(k + 1, |p| p + 1);
            }
            _ => k += 1,
        }
    }
    best.map(|(_, a, b, e)| e.place(t.doc.text[t.tok(a).start..t.tok(b).end].to_string()))
}

/// The place of the event at `trigger`; `actors` are the heads of its
/// source and target phrases (never places themselves), `inside` the
/// tokens of its argument phrases, searched last.
pub fn place(
    t: &Tree,
    trigger: usize,
    actors: &[usize],
    inside: &[usize],
    places: &Places,
    home: Option<&str>,
) -> Option<Place> {
    if places.is_empty() {
        return None;
    }
    let mut cands: Vec<(usize, Place)> = Vec::new();
    for x in t.range.clone() {
        let locative = t.case_of(x).is_some_and(|c| cues::has(List::Locative, &c))
            && (rel_is(t.rel(x), "obl") || rel_is(t.rel(x), "nmod"));
        // A place that is the trigger's own object: "shelled Donetsk".
        let object = t.head(x) == Some(trigger) && rel_is(t.rel(x), "obj") && !actors.contains(&x);
        // The scene named before the act: "a Kabul car bombing (killed)".
        let scene = scene_of(t, x).is_some_and(|n| n == trigger || t.head(n) == Some(trigger));
        if scene && !actors.contains(&x) {
            if let Some(p) = best_name(t, &[x], places, home) {
                return Some(p);
            }
        }
        if !locative && !object {
            continue;
        }
        // "Sirhan, an ethnic Palestinian from Jordan, opposed ...": where an
        // actor comes from is not where the event happened.
        let origin = t.case_of(x).as_deref() == Some("from")
            && (rel_is(t.rel(x), "nmod") || rel_is(t.rel(x), "obl"))
            && t.head(x).is_some_and(|n| {
                !t.is_verbal(n)
                    && (actors.contains(&n)
                        || (rel_is(t.rel(n), "appos") && t.head(n).is_some_and(|a| actors.contains(&a))))
            });
        if origin {
            continue;
        }
        // "According to the ministry of internal affairs of Belarus": the
        // source's phrase says who tells, not where.
        if in_attribution(t, x) {
            continue;
        }
        let span = place_span(t, x);
        // A name that is the event's source or target is an actor there,
        // not its place ("apologized to Brazil").
        if span.iter().any(|i| actors.contains(i)) {
            continue;
        }
        if let Some(p) = best_name(t, &span, places, home) {
            cands.push((x, p));
        }
    }
    let mut levels = vec![trigger];
    levels.extend(t.ancestors(trigger));
    let mut below: Option<usize> = None;
    for level in levels {
        // A clause with its own subject is its own event: "claimed by the
        // Houthis in Yemen, but Saudi Arabia has alleged ..." places the
        // claim, not the allegation.
        let own_subject = |v: usize| t.has_kid_in(v, &["nsubj", "nsubj:pass", "csubj"]);
        if below.is_some_and(|b| t.is_verbal(b) && own_subject(b) && rel_is(t.rel(b), "conj")) {
            break;
        }
        below = Some(level);
        if let Some((_, p)) = cands.iter().find(|(x, _)| attached(t, level, *x)) {
            return Some(p.clone());
        }
        // Stop at the first clause: a place further up belongs to another event.
        if level != trigger && t.is_verbal(level) {
            break;
        }
    }
    cands.into_iter().find(|(x, _)| inside.contains(x)).map(|(_, p)| p)
}

/// The act noun whose scene `x` names as a modifier ("a Kabul car
/// bombing", "the Baghdad blast"): the noun it hangs from as a compound,
/// when that noun names an act or a cause of harm.
fn scene_of(t: &Tree, x: usize) -> Option<usize> {
    let n = t.head(x)?;
    let act = cues::has(List::Cause, &t.lemma(n).to_lowercase());
    (rel_is(t.rel(x), "compound") && x < n && act && name_like(t, x)).then_some(n)
}

/// Gives `setting` to the events of `events` that have no place, are not
/// historical, and whose actors with a country are all of the setting's
/// country.
pub fn from_setting(setting: Option<&Place>, events: &mut [crate::event::Event], explain: bool) {
    let Some(setting) = setting else { return };
    for e in events.iter_mut().filter(|e| e.place.is_none() && !e.historical) {
        let foreign = [&e.source, &e.target]
            .into_iter()
            .flatten()
            .any(|a| a.country.as_ref().is_some_and(|c| Some(c) != setting.country.as_ref()));
        if foreign {
            continue;
        }
        e.place = Some(setting.clone());
        if explain {
            e.explain.push(format!("place: the report's setting, {}", setting.name));
        }
    }
}

/// Whether token `x` lies inside an "according to" phrase.
pub fn in_attribution(t: &Tree, x: usize) -> bool {
    std::iter::once(x)
        .chain(t.ancestors(x))
        .any(|a| t.kids(a, "case").any(|c| t.lemma(c).eq_ignore_ascii_case("accord")))
}

/// Whether `x` hangs from `level` without crossing another clause or an
/// argument: "met in Doha" places the meeting, "negotiators from near the
/// border with Mali met" does not.
pub fn attached(t: &Tree, level: usize, x: usize) -> bool {
    let mut cur = x;
    for _ in 0..t.range.len() {
        let rel = t.rel(cur);
        if ["nsubj", "obj", "iobj", "appos", "csubj"].iter().any(|r| rel_is(rel, r))
            && !(t.head(cur) == Some(level) && rel_is(rel, "obj"))
        {
            return false;
        }
        let Some(h) = t.head(cur) else { return false };
        if h == level {
            return true;
        }
        if t.is_verbal(h) {
            return false;
        }
        cur = h;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    #[test]
    fn the_source_of_according_to_is_no_place() {
        // According to the ministry in Minsk , visitors attended the rally
        let d = doc(&spaced(
            "1 According accord VERB VBG _ 3 case _ _
             2 to to ADP IN _ 1 fixed _ _
             3 ministry ministry NOUN NN _ 8 obl _ _
             4 in in ADP IN _ 5 case _ _
             5 Minsk Minsk PROPN NNP _ 3 nmod _ NER=B-LOC
             6 , , PUNCT , _ 8 punct _ _
             7 visitors visitor NOUN NNS _ 8 nsubj _ _
             8 attended attend VERB VBD _ 0 root _ _
             9 the the DET DT _ 10 det _ _
             10 rally rally NOUN NN _ 8 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        assert!(in_attribution(&t, 4) && !in_attribution(&t, 9));
        assert_eq!(place(&t, 7, &[6], &[], Places::embedded(), None), None);
    }

    #[test]
    fn the_most_specific_name_in_the_phrase() {
        // Troops raided homes in the West Bank city of Nablus
        let d = doc(&spaced(
            "1 Troops troop NOUN NNS _ 2 nsubj _ _
             2 raided raid VERB VBD _ 0 root _ _
             3 homes home NOUN NNS _ 2 obj _ _
             4 in in ADP IN _ 8 case _ _
             5 the the DET DT _ 8 det _ _
             6 West West PROPN NNP _ 7 compound _ NER=B-LOC
             7 Bank Bank PROPN NNP _ 8 compound _ NER=I-LOC
             8 city city NOUN NN _ 2 obl _ _
             9 of of ADP IN _ 10 case _ _
             10 Nablus Nablus PROPN NNP _ 8 nmod _ NER=B-LOC",
        ));
        let t = Tree::new(&d, 0);
        let p = place(&t, 1, &[0], &[], Places::embedded(), None).expect("a place");
        assert_eq!(p.name, "Nablus");
    }

    #[test]
    fn no_place_from_an_addressee_a_topic_or_a_name() {
        // Argentina apologized to Brazil over talks on independence for Namibia
        let d = doc(&spaced(
            "1 Argentina Argentina PROPN NNP _ 2 nsubj _ NER=B-LOC
             2 apologized apologize VERB VBD _ 0 root _ _
             3 to to ADP IN _ 4 case _ _
             4 Brazil Brazil PROPN NNP _ 2 obl _ NER=B-LOC
             5 over over ADP IN _ 6 case _ _
             6 talks talk NOUN NNS _ 2 obl _ _
             7 on on ADP IN _ 8 case _ _
             8 independence independence NOUN NN _ 6 nmod _ _
             9 for for ADP IN _ 10 case _ _
             10 Namibia Namibia PROPN NNP _ 8 nmod _ NER=B-LOC",
        ));
        let t = Tree::new(&d, 0);
        // Brazil is the target: an actor, not the place.
        assert!(place(&t, 1, &[0, 3], &[], Places::embedded(), None).is_none());
        // Students protested at Cumhuriyet University
        let d = doc(&spaced(
            "1 Students student NOUN NNS _ 2 nsubj _ _
             2 protested protest VERB VBD _ 0 root _ _
             3 at at ADP IN _ 5 case _ _
             4 Cumhuriyet Cumhuriyet PROPN NNP _ 5 compound _ NER=B-ORG
             5 University University PROPN NNP _ 2 obl _ NER=I-ORG",
        ));
        assert!(place(&Tree::new(&d, 0), 1, &[0], &[], Places::embedded(), None).is_none());
    }

    #[test]
    fn a_conjoined_clause_with_its_own_subject_has_its_own_place() {
        // Houthis claimed it in Yemen , but Iran denied it / ... in Yemen and denied it
        let d = doc(&spaced(
            "1 Houthis Houthis PROPN NNPS _ 2 nsubj _ _
             2 claimed claim VERB VBD _ 0 root _ _
             3 in in ADP IN _ 4 case _ _
             4 Yemen Yemen PROPN NNP _ 2 obl _ NER=B-LOC
             5 but but CCONJ CC _ 7 cc _ _
             6 Iran Iran PROPN NNP _ 7 nsubj _ _
             7 denied deny VERB VBD _ 2 conj _ _

             1 Houthis Houthis PROPN NNPS _ 2 nsubj _ _
             2 claimed claim VERB VBD _ 0 root _ _
             3 in in ADP IN _ 4 case _ _
             4 Yemen Yemen PROPN NNP _ 2 obl _ NER=B-LOC
             5 and and CCONJ CC _ 6 cc _ _
             6 denied deny VERB VBD _ 2 conj _ _",
        ));
        assert!(place(&Tree::new(&d, 0), 6, &[5], &[], Places::embedded(), None).is_none());
        let t = Tree::new(&d, 1);
        let s = t.range.start;
        assert!(place(&t, s + 5, &[], &[], Places::embedded(), None).is_some(), "a shared subject shares the place");
    }

    #[test]
    fn where_an_actor_comes_from_is_no_place() {
        // Sirhan , a Palestinian from Jordan , opposed Kennedy
        let d = doc(&spaced(
            "1 Sirhan Sirhan PROPN NNP _ 7 nsubj _ _
             2 , , PUNCT , _ 4 punct _ _
             3 a a DET DT _ 4 det _ _
             4 Palestinian Palestinian PROPN NNP _ 1 appos _ _
             5 from from ADP IN _ 6 case _ _
             6 Jordan Jordan PROPN NNP _ 4 nmod _ NER=B-LOC
             7 opposed oppose VERB VBD _ 0 root _ _
             8 Kennedy Kennedy PROPN NNP _ 7 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        assert!(place(&t, 6, &[0, 7], &t.range.clone().collect::<Vec<_>>(), Places::embedded(), None).is_none());
    }

    #[test]
    fn the_scene_named_before_an_act() {
        // A Kabul car bombing killed five ; a Kabul court jailed five
        let d = doc(&spaced(
            "1 A a DET DT _ 4 det _ _
             2 Kabul Kabul PROPN NNP _ 4 compound _ NER=B-LOC
             3 car car NOUN NN _ 4 compound _ _
             4 bombing bombing NOUN NN _ 5 nsubj _ _
             5 killed kill VERB VBD _ 0 root _ _
             6 five five NUM CD _ 5 obj _ _

             1 a a DET DT _ 3 det _ _
             2 Kabul Kabul PROPN NNP _ 3 compound _ NER=B-LOC
             3 court court NOUN NN _ 4 nsubj _ _
             4 jailed jail VERB VBD _ 0 root _ _
             5 five five NUM CD _ 4 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(place(&t, 4, &[], &[], Places::embedded(), None).map(|p| p.name), Some("Kabul".to_string()));
        assert_eq!(place(&t, 3, &[], &[], Places::embedded(), None).map(|p| p.name), Some("Kabul".to_string()));
        let t = Tree::new(&d, 1);
        let s = t.range.start;
        assert!(place(&t, s + 3, &[], &[], Places::embedded(), None).is_none(), "a court is no act");
    }

    #[test]
    fn common_words_never_geocode() {
        // Police arrived at 4:00 local time
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 arrived arrive VERB VBD _ 0 root _ _
             3 at at ADP IN _ 6 case _ _
             4 4:00 4:00 NUM CD _ 6 nummod _ _
             5 local local ADJ JJ _ 6 amod _ _
             6 time time NOUN NN _ 2 obl _ _",
        ));
        assert!(place(&Tree::new(&d, 0), 1, &[0], &[], Places::embedded(), None).is_none());
    }

    #[test]
    fn a_place_in_the_object_phrase() {
        // A shell hit a trolleybus in Donetsk
        let d = doc(&spaced(
            "1 A a DET DT _ 2 det _ _
             2 shell shell NOUN NN _ 3 nsubj _ _
             3 hit hit VERB VBD _ 0 root _ _
             4 a a DET DT _ 5 det _ _
             5 trolleybus trolleybus NOUN NN _ 3 obj _ _
             6 in in ADP IN _ 7 case _ _
             7 Donetsk Donetsk PROPN NNP _ 5 nmod _ NER=B-LOC",
        ));
        let t = Tree::new(&d, 0);
        let inside = t.subtree(4, &[]);
        assert_eq!(place(&t, 2, &[], &inside, Places::embedded(), None).map(|p| p.name).as_deref(), Some("Donetsk"));
    }

    fn event(source_country: Option<&str>, historical: bool) -> crate::event::Event {
        let mut e: crate::event::Event = serde_json::from_value(serde_json::json!(
            {"id": "a:1:1", "article": "a", "cameo": "190", "mode": "asserted"}
        ))
        .expect("a minimal record");
        e.source = Some(crate::event::ActorRef { country: source_country.map(str::to_string), ..Default::default() });
        e.historical = historical;
        e
    }

    #[test]
    fn the_setting_for_events_at_home_only() {
        let gdansk = Places::embedded()
            .longest_match(&[annals_text::Token::new(0, 7, "Gdańsk")], 0)
            .expect("in the gazetteer")
            .1
            .clone();
        let setting = Place {
            text: "Gdańsk".into(),
            name: gdansk.name,
            country: Some("POL".into()),
            lat: Some(gdansk.lat),
            lon: Some(gdansk.lon),
            geonames_id: Some(gdansk.geonames_id),
        };
        let mut events =
            vec![event(Some("POL"), false), event(None, false), event(Some("DEU"), false), event(Some("POL"), true)];
        from_setting(Some(&setting), &mut events, false);
        let named: Vec<Option<&str>> = events.iter().map(|e| e.place.as_ref().map(|p| p.text.as_str())).collect();
        // At home, or by no one's country: there; a German actor's act or
        // a background act: not.
        assert_eq!(named, [Some("Gdańsk"), Some("Gdańsk"), None, None]);
        // An event with a place of its own keeps it.
        let mut own = vec![event(Some("POL"), false)];
        own[0].place = Some(Place { text: "Kraków".into(), ..setting.clone() });
        from_setting(Some(&setting), &mut own, false);
        assert_eq!(own[0].place.as_ref().map(|p| p.text.as_str()), Some("Kraków"));
    }
}

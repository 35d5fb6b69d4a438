//! The coder's behaviours, one short original report each, through the
//! whole pipeline with the embedded models and dictionaries.

use annals_code::event::Mode;
use annals_code::{ArticleInfo, Coder, Event};
use annals_text::Pipeline;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::embedded().expect("models"))
}

/// Codes `text` as an article published on `date`.
fn code(text: &str, date: (i32, u8, u8)) -> Vec<Event> {
    let doc = pipeline().annotate(text);
    Coder::embedded().code(&ArticleInfo { id: "t", date: Some(date) }, &doc)
}

/// The events whose CAMEO code starts with `root`.
fn with_code<'a>(events: &'a [Event], root: &str) -> Vec<&'a Event> {
    events.iter().filter(|e| e.cameo.starts_with(root)).collect()
}

fn code_of(a: &Option<annals_code::event::ActorRef>) -> String {
    a.as_ref().and_then(|a| a.code.clone()).unwrap_or_default()
}

const PUB: (i32, u8, u8) = (2024, 3, 14);

#[test]
fn background_release_is_dated_historical_with_its_count() {
    let ev = code("In 2016, Kenya released 300 Somali detainees, officials in Nairobi said on Monday.", PUB);
    let r = with_code(&ev, "084");
    assert_eq!(r.len(), 1, "{ev:#?}");
    let r = r[0];
    assert_eq!(code_of(&r.source), "KEN");
    assert!(code_of(&r.target).starts_with("SOM"), "{:?}", r.target);
    assert_eq!(r.quantity.as_ref().map(|q| q.value), Some(300.0));
    let d = r.date.as_ref().unwrap();
    assert_eq!((d.value.as_str(), d.basis.as_str()), ("2016", "explicit"));
    assert!(r.historical);
    assert_eq!(r.mode, Mode::Asserted);
    let a = r.attribution.as_ref().expect("attributed");
    assert!(a.anonymous, "{a:?}");
}

#[test]
fn a_release_under_discussion_is_proposed() {
    let ev = code("Turkey and Syria discussed a plan that included the release of 200 prisoners.", PUB);
    let r = with_code(&ev, "084");
    assert!(!r.is_empty(), "{ev:#?}");
    assert!(r.iter().all(|e| e.mode == Mode::Proposed), "{r:#?}");
    assert_eq!(r[0].quantity.as_ref().map(|q| q.value), Some(200.0));
}

#[test]
fn a_requested_release_did_not_happen_but_the_request_did() {
    let ev = code("The opposition asked the government to release all political prisoners.", PUB);
    let req = with_code(&ev, "10");
    assert!(!req.is_empty(), "{ev:#?}");
    assert_eq!(req[0].mode, Mode::Asserted);
    // CAMEO codes a demand with what it demands: the request is a demand
    // for a release, and the release itself, which did not happen, is no
    // event of its own.
    assert!(req[0].cameo_name.to_lowercase().contains("release"), "{req:#?}");
    let rel: Vec<&Event> = ev.iter().filter(|e| e.cameo.starts_with("084")).collect();
    assert!(rel.is_empty(), "a requested release recorded as an event: {rel:#?}");
}

#[test]
fn negated_and_conditional_attacks_are_not_asserted() {
    let ev = code("The army did not attack the village.", PUB);
    assert!(!ev.is_empty());
    assert!(ev.iter().all(|e| e.mode == Mode::Negated), "{ev:#?}");
    let ev = code("If the talks fail, the rebels will attack the capital.", PUB);
    let att = with_code(&ev, "1");
    assert!(!att.is_empty(), "{ev:#?}");
    assert!(att.iter().all(|e| e.mode != Mode::Asserted), "{att:#?}");
}

#[test]
fn readiness_is_intent() {
    let ev = code("Iran is ready to resume negotiations with France.", PUB);
    assert!(!ev.is_empty());
    assert!(ev.iter().any(|e| e.mode == Mode::Intended), "{ev:#?}");
    assert!(ev.iter().all(|e| e.mode != Mode::Asserted), "{ev:#?}");
}

#[test]
fn meeting_place_and_relative_date() {
    let ev = code("Egyptian officials met with Qatari diplomats in Doha on Tuesday.", PUB);
    let m = with_code(&ev, "04");
    assert!(!m.is_empty(), "{ev:#?}");
    let m = m[0];
    assert!(code_of(&m.source).starts_with("EGY"), "{:?}", m.source);
    assert!(code_of(&m.target).starts_with("QAT"), "{:?}", m.target);
    assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Doha"));
    let d = m.date.as_ref().unwrap();
    // Published Thursday 2024-03-14: the most recent Tuesday.
    assert_eq!((d.value.as_str(), d.basis.as_str()), ("2024-03-12", "relative"));
    assert!(!m.historical);
}

#[test]
fn according_to_an_anonymous_official() {
    let ev = code("Ukrainian troops shelled the town, according to a Russian official who asked not to be named.", PUB);
    assert!(!ev.is_empty());
    let a = ev[0].attribution.as_ref().expect("attributed");
    assert!(a.anonymous, "{a:?}");
    assert!(a.code.as_deref().unwrap_or("").starts_with("RUS"), "{a:?}");
}

#[test]
fn compound_subjects_give_one_event_each() {
    let ev = code("Egypt and Jordan condemned the attack on the embassy.", PUB);
    let c = with_code(&ev, "11");
    let sources: Vec<String> = c.iter().map(|e| code_of(&e.source)).collect();
    assert!(sources.contains(&"EGY".to_string()) && sources.contains(&"JOR".to_string()), "{ev:#?}");
}

#[test]
fn the_group_refers_back() {
    let ev = code("Hezbollah fired rockets at northern Israel on Sunday. The group also attacked an army post.", PUB);
    let later: Vec<&Event> = ev.iter().filter(|e| e.sentence == 2).collect();
    assert!(!later.is_empty(), "{ev:#?}");
    assert_eq!(code_of(&later[0].source), code_of(&ev[0].source), "{ev:#?}");
    assert!(!code_of(&later[0].source).is_empty());
}

#[test]
fn passive_agents_are_sources() {
    let ev = code("Two soldiers were killed by Taliban fighters in Kandahar.", PUB);
    let k = with_code(&ev, "1");
    assert!(!k.is_empty(), "{ev:#?}");
    let k = k[0];
    assert!(k.source.as_ref().is_some_and(|s| s.text.contains("Taliban")), "{k:#?}");
    assert!(k.target.as_ref().is_some_and(|s| s.text.contains("soldiers")), "{k:#?}");
    assert_eq!(k.quantity.as_ref().map(|q| q.value), Some(2.0));
    let place = k.place.as_ref().expect("a place");
    assert_eq!((place.text.as_str(), place.country.as_deref()), ("Kandahar", Some("AFG")));
}

#[test]
fn sentences_without_events_and_junk_do_not_panic() {
    assert!(code("", PUB).is_empty());
    let _ = code("the Gaza-run Islamic to define , , ; ( 12 ) ...", PUB);
    let long = "Rebels attacked the town and troops shelled the hills . ".repeat(400);
    let ev = code(&long, PUB);
    assert!(ev.len() >= 400);
}

#[test]
fn promised_acts_are_intents_and_threats() {
    let ev = code("The rebels said they will release the 12 hostages next week.", PUB);
    let r: Vec<&Event> = ev.iter().filter(|e| e.trigger.text == "release").collect();
    assert!(!r.is_empty(), "{ev:#?}");
    assert_eq!(r[0].cameo, "0353", "intent to release persons: {r:#?}");
    assert_eq!(r[0].plover.as_deref(), Some("AGREE"));
    assert_eq!(r[0].mode, Mode::Future);
    let ev = code("Iran vowed to attack any ship entering its waters.", PUB);
    let a: Vec<&Event> = ev.iter().filter(|e| e.trigger.text == "attack").collect();
    assert!(!a.is_empty(), "{ev:#?}");
    assert!(a[0].cameo.starts_with("138"), "a threat of force: {a:#?}");
    assert_eq!(a[0].plover.as_deref(), Some("THREATEN"));
}

#[test]
fn must_is_a_demand_by_the_speaker() {
    let ev = code("Turkey must return the seized ship, the Greek foreign ministry said on Friday.", PUB);
    let d: Vec<&Event> = ev.iter().filter(|e| e.cameo.starts_with("10")).collect();
    assert!(!d.is_empty(), "{ev:#?}");
    assert!(code_of(&d[0].source).starts_with("GRC"), "{d:#?}");
    assert!(code_of(&d[0].target).starts_with("TUR"), "{d:#?}");
    assert_eq!(d[0].mode, Mode::Asserted);
    let ret: Vec<&Event> = ev.iter().filter(|e| e.trigger.text == "return" && !e.cameo.starts_with("10")).collect();
    assert!(ret.iter().all(|e| e.mode == Mode::Requested), "{ret:#?}");
}

#[test]
fn refusals_are_rejections_that_happened() {
    let ev = code("Jordan said it will not accept more refugees from Syria.", PUB);
    let r: Vec<&Event> = ev.iter().filter(|e| e.trigger.text == "accept").collect();
    assert!(!r.is_empty(), "{ev:#?}");
    assert!(r[0].cameo.starts_with("12"), "{r:#?}");
    assert_eq!((r[0].mode, r[0].plover.as_deref()), (Mode::Asserted, Some("REJECT")));
    // A plain negated past act stays a non-event with its own code.
    let ev = code("The army did not attack the village.", PUB);
    assert!(ev.iter().all(|e| e.mode == Mode::Negated && !e.cameo.starts_with("12")), "{ev:#?}");
}

#[test]
fn unless_makes_a_threat_and_attempts_are_acts() {
    let ev = code("The party said it will boycott the elections unless the president resigns.", PUB);
    let b: Vec<&Event> = ev.iter().filter(|e| e.trigger.text == "boycott").collect();
    assert!(!b.is_empty(), "{ev:#?}");
    assert!(b[0].cameo.starts_with("13"), "{b:#?}");
    assert_eq!(b[0].plover.as_deref(), Some("THREATEN"));
    assert!(matches!(b[0].mode, Mode::Future | Mode::Hypothetical), "{b:#?}");
    let ev = code("Gunmen tried to kill the governor of the province on Monday.", PUB);
    let k: Vec<&Event> = ev.iter().filter(|e| e.trigger.text == "kill").collect();
    assert!(!k.is_empty(), "{ev:#?}");
    assert_eq!(k[0].mode, Mode::Asserted, "{k:#?}");
}

#[test]
fn agentless_passives_name_the_unnamed_doer_only_by_role() {
    let ev = code("Three journalists were arrested in Cairo on Sunday.", PUB);
    let a: Vec<&Event> = ev.iter().filter(|e| e.cameo.starts_with("17")).collect();
    assert!(!a.is_empty(), "{ev:#?}");
    // Nobody is named: the lexicon's unnamed doer of an arrest is the
    // police of the place, with no text of its own.
    let s = a[0].source.as_ref().expect("the implicit police");
    assert_eq!(
        (s.code.as_deref(), s.text.as_str(), s.start, s.end),
        (Some("EGYCOP"), "", a[0].trigger.start, a[0].trigger.start),
        "{a:#?}"
    );
    assert!(a[0].target.as_ref().is_some_and(|t| t.text.contains("journalists")), "{a:#?}");
    // A bare role takes the country of the event's place.
    assert_eq!(code_of(&a[0].target), "EGYMED", "{a:#?}");
}

#[test]
fn a_rejected_claim_is_aimed_at_who_made_it() {
    // The capital is the government speaking, however the parse hangs it.
    let ev = code("The Russian government dismissed the claim from Berlin as groundless.", PUB);
    let r: Vec<&Event> = ev.iter().filter(|e| e.trigger.text == "dismissed").collect();
    assert!(!r.is_empty(), "{ev:#?}");
    assert!(code_of(&r[0].source).starts_with("RUS"), "{r:#?}");
    assert!(code_of(&r[0].target).starts_with("DEU"), "{r:#?}");
}

#[test]
fn a_call_for_an_inquiry_into_an_act_is_aimed_at_its_doer() {
    let ev = code("Amnesty International called for an investigation into the shooting by Kenyan police.", PUB);
    let req = with_code(&ev, "10");
    assert!(!req.is_empty(), "{ev:#?}");
    assert_eq!(code_of(&req[0].source), "NGOHRIAMN", "{req:#?}");
    assert_eq!(code_of(&req[0].target), "KENCOP", "{req:#?}");
}

#[test]
fn the_house_is_a_legislature_and_a_house_is_not() {
    let ev = code("The House impeached the president on Wednesday. Police raided a house in Ohio.", PUB);
    let imp = with_code(&ev, "17");
    let by_house: Vec<&&Event> = imp.iter().filter(|e| e.trigger.text == "impeached").collect();
    assert!(!by_house.is_empty(), "{ev:#?}");
    assert!(code_of(&by_house[0].source).ends_with("LEG"), "{by_house:#?}");
    for e in &ev {
        for a in [&e.source, &e.target].into_iter().flatten() {
            if a.text.ends_with("a house") {
                assert!(!a.code.as_deref().unwrap_or("").ends_with("LEG"), "{a:?}");
            }
        }
    }
}

#[test]
fn criticism_of_an_act_is_aimed_at_its_doer_not_at_the_medium() {
    let ev = code(
        "On live television, the Turkish president attacked the recognition of the region as Israeli territory by the President of the United States.",
        PUB,
    );
    let c: Vec<&Event> = ev.iter().filter(|e| e.trigger.text == "attacked").collect();
    assert!(!c.is_empty(), "{ev:#?}");
    assert!(c[0].cameo.starts_with("11"), "{c:#?}");
    assert!(code_of(&c[0].source).starts_with("TUR"), "{c:#?}");
    assert!(code_of(&c[0].target).starts_with("USA"), "{c:#?}");
}

#[test]
fn a_hashtag_names_what_it_tags() {
    let ev = code("Kenya's foreign minister condemned #Uganda on Twitter on Monday.", PUB);
    let c = with_code(&ev, "11");
    assert!(!c.is_empty(), "{ev:#?}");
    assert!(code_of(&c[0].target).starts_with("UGA"), "{c:#?}");
}

#[test]
fn a_story_told_over_paragraphs_keeps_its_day_and_place() {
    // Published Thursday 2024-03-14; the lead dates the story to Tuesday
    // and sets it in Gdańsk; the later paragraphs name neither.
    let text = "Polish police arrested a man in Gdańsk on Tuesday after a knife attack on the city's mayor.\n\n\
                The mayor was taken to hospital.\n\n\
                Prosecutors charged the suspect with attempted murder.\n\n\
                Germany's foreign minister condemned the attack.\n\n\
                In 2010, police arrested the same man for robbery.";
    let ev = code(text, PUB);
    let charged = ev.iter().find(|e| e.trigger.text == "charged").unwrap_or_else(|| panic!("{ev:#?}"));
    let d = charged.date.as_ref().expect("dated");
    assert_eq!((d.value.as_str(), d.basis.as_str()), ("2024-03-12", "relative"), "{charged:#?}");
    assert_eq!(charged.place.as_ref().map(|p| p.name.as_str()), Some("Gdańsk"), "{charged:#?}");
    // A foreign actor's act is not placed in the story's city; nor is
    // background.
    for e in ev.iter().filter(|e| code_of(&e.source).starts_with("DEU") || e.historical) {
        assert!(e.place.is_none(), "{e:#?}");
    }
    assert!(ev.iter().any(|e| e.historical), "{ev:#?}");
}

#[test]
fn a_restatement_places_and_dates_the_event_it_restates() {
    let text = "Gunmen attacked a police checkpoint, killing three officers, Afghan officials said.\n\n\
                The attack took place in Kandahar on Monday.";
    let ev = code(text, PUB);
    let attack = ev.iter().find(|e| e.trigger.text == "attacked").unwrap_or_else(|| panic!("{ev:#?}"));
    assert_eq!(attack.place.as_ref().map(|p| p.text.as_str()), Some("Kandahar"), "{attack:#?}");
    assert_eq!(attack.date.as_ref().map(|d| d.value.as_str()), Some("2024-03-11"), "{attack:#?}");
}

#[test]
fn coordinated_victims_of_one_country_are_one_target_counted_together() {
    let ev = code("In London, a British man injured a man and two women with a knife.", PUB);
    let hurt = with_code(&ev, "19");
    assert_eq!(hurt.len(), 1, "one event, not one per victim: {ev:#?}");
    assert_eq!(hurt[0].quantity.as_ref().map(|q| q.value), Some(3.0), "{:#?}", hurt[0]);
    let victims = hurt[0].target.as_ref().map(|a| a.text.as_str()).unwrap_or_default();
    assert!(victims.starts_with("a man and two women"), "{victims}");
}

#[test]
fn force_against_one_person_counts_one() {
    let ev = code("Police shot a protester in Nairobi on Monday.", PUB);
    let shot = with_code(&ev, "19");
    assert_eq!(shot.len(), 1, "{ev:#?}");
    assert_eq!(shot[0].quantity.as_ref().map(|q| q.value), Some(1.0), "{:#?}", shot[0]);
}

#[test]
fn people_of_someones_side_take_that_sides_code() {
    let ev = code("Hamas leader Ismail Haniyeh met Qatari officials. His aides criticized Israel.", PUB);
    let c = with_code(&ev, "11");
    assert_eq!(c.len(), 1, "{ev:#?}");
    assert!(code_of(&c[0].source).starts_with("PSE"), "{:#?}", c[0]);
}

#[test]
fn an_act_is_aimed_at_the_agent_of_its_participle() {
    let ev = code("Iran condemned the sanctions imposed by the United States.", PUB);
    let c = with_code(&ev, "111");
    assert_eq!(c.len(), 1, "{ev:#?}");
    assert_eq!(code_of(&c[0].source), "IRN");
    assert_eq!(code_of(&c[0].target), "USA", "{:#?}", c[0]);
}

#[test]
fn a_phrase_of_amount_is_about_its_people() {
    let ev = code("A number of senators condemned the arrests of journalists in Manila.", PUB);
    let c = with_code(&ev, "111");
    assert_eq!(c.len(), 1, "{ev:#?}");
    assert!(code_of(&c[0].source).ends_with("LEG"), "{:#?}", c[0]);
}

#[test]
fn no_one_is_a_doer_no_speaker_stands_in_for() {
    let ev = code("Kenya's president told reporters, \"Nobody can put pressure on me.\"", PUB);
    for e in with_code(&ev, "10") {
        assert!(e.source.as_ref().is_none_or(|s| s.code.is_none()), "{e:#?}");
        assert_ne!(e.mode, Mode::Asserted, "{e:#?}");
    }
}

#[test]
fn a_relative_clause_dates_itself_not_the_paragraph() {
    let text = "Kenyan police arrested three opposition leaders in Nairobi on Tuesday.\n\n\
                The opposition leader Raila Odinga, whose brother was arrested in January, condemned the arrests.";
    let ev = code(text, PUB);
    let c = with_code(&ev, "111");
    assert_eq!(c.len(), 1, "{ev:#?}");
    assert_eq!(c[0].date.as_ref().map(|d| d.value.as_str()), Some("2024-03-12"), "{:#?}", c[0]);
}

#[test]
fn a_subject_that_is_no_actor_carries_the_place() {
    let ev = code("The blast near the market in Peshawar wounded dozens of people.", PUB);
    let hurt = with_code(&ev, "19");
    assert_eq!(hurt.len(), 1, "{ev:#?}");
    assert_eq!(hurt[0].place.as_ref().map(|p| p.text.as_str()), Some("Peshawar"), "{:#?}", hurt[0]);
}

#[test]
fn a_capital_inside_a_things_phrase_is_where_not_who() {
    let ev = code("A car bomb in Mogadishu killed five Somali soldiers on Monday.", PUB);
    let killed = ev.iter().find(|e| e.trigger.text == "killed").unwrap_or_else(|| panic!("{ev:#?}"));
    assert!(killed.source.as_ref().is_none_or(|s| s.code.is_none()), "{killed:#?}");
    assert_eq!(killed.place.as_ref().map(|p| p.text.as_str()), Some("Mogadishu"), "{killed:#?}");
    // A role there keeps its country: "officials in Cairo" are Egypt's.
    let ev = code("Officials in Cairo met Qatari diplomats.", PUB);
    let met = with_code(&ev, "04");
    assert!(met.iter().any(|e| code_of(&e.source).starts_with("EGY")), "{ev:#?}");
}

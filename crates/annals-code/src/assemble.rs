//! Assembly: one trigger, its frame and resolved actors become event
//! records, with mode, attribution, date, place, quantity and confidence.
//!
//! - What is only intended or promised is coded as the intent (or threat)
//!   to do it, a refused act as its rejection, "X must ..., Y said" as Y's
//!   demand, as the CAMEO codebook separates saying from doing
//!   ([`crate::resolve::analog`]).
//! - An event needs an actor: with none on either side ("the results of
//!   talks") it says nothing about who did what to whom, unless the entry
//!   names the unnamed doer (`agent=COP`: "two suspects were arrested").
//! - A bare role takes the country of the event's place, else the
//!   report's own country; so does an unknown person.
//! - An event without a target is done to the people of its place, as
//!   ICEWS codes unnamed victims.
//! - Coordinated actors give one event per pair.

use crate::actors::{country, Kind, Resolved};
use crate::coder::Context;
use crate::event::{ActorRef, Attribution, Event, Mode, Span};
use crate::frame::{self, objects, obliques};
use crate::ontology;
use crate::resolve::{analog, attribution, mode, place, quantity, when};
use crate::tree::{rel_is, Tree};
use crate::trigger::Trigger;

/// How good an actor is for a slot: see [`frame::Judge`].
fn strength(r: &Resolved) -> u8 {
    match (&r.actor.code, &r.actor.country) {
        (Some(_), Some(_)) => 2,
        (Some(c), None) if c.len() > 3 => 2,
        (Some(_), None) => 1,
        _ => 0,
    }
}

/// The events of trigger `trig` in sentence `t`.
pub fn events(cx: &Context, t: &Tree, trig: &Trigger) -> Vec<Event> {
    let explain_on = cx.coder.explain;
    let trigger = trig.token;
    let entry = trig.entry;
    let (m, why) = mode::mode(t, trigger);
    // What is only intended or promised is coded as the intent (or threat)
    // to do it.
    let base = trig.cameo();
    let code = match m {
        // "will boycott the elections unless ...": a threat that was made.
        Mode::Hypothetical if mode::ultimatum(t, trigger) => analog::threat(base),
        // "would meet the mediator if he gave them a veto": an intent,
        // however conditional, was stated.
        Mode::Hypothetical if mode::conditional_commitment(t, trigger) => analog::intent(base).unwrap_or(base),
        // An aim ("an operation to neutralise the threat") keeps its act's
        // code: nobody announced it.
        Mode::Intended if why.as_deref().is_some_and(|w| w.starts_with(mode::PURPOSE)) => base,
        Mode::Intended | Mode::Future => analog::intent(base).unwrap_or(base),
        Mode::Negated if mode::refusal(t, trigger) => analog::reject(base).unwrap_or(base),
        _ => base,
    };
    // A refusal is itself an event that happened; a threat or an intent
    // keeps the mode of what it is about (the design's "intended").
    let m = if code != base && m == Mode::Negated { Mode::Asserted } else { m };
    let Some(cameo) = ontology::get().cameo(code) else { return Vec::new() };
    let mut explain = Vec::new();
    if explain_on {
        explain.push(format!("trigger {:?}: {} {} ({})", t.tok(trigger).form, entry.code, entry.lemma, entry.origin));
        if base != entry.code {
            explain.push(format!("{} in its figurative sense {base}", entry.code));
        }
        if code != base {
            explain.push(format!("{m:?} {base} coded as its analogue {code}"));
        }
        if let Some(w) = &why {
            explain.push(format!("mode {m:?}: {w}"));
        }
    }
    let judge = |h: usize| cx.actor(t, h).map(|r| strength(&r));
    let f = frame::frame(t, trig, &judge);
    let resolve = |side: &frame::Side| -> Vec<Resolved> { side.heads.iter().filter_map(|&h| cx.actor(t, h)).collect() };
    let mut sources = resolve(&f.source);
    let mut targets = resolve(&f.target);
    // A word of accusing, rejecting or threatening inside a quote with no
    // doer of its own is the speaker's: ""these figures are invented," the
    // spokesman said" accuses.
    // ("Nobody can put pressure on me" has a doer, and it is no one.)
    let no_one = frame::done_by_no_one(t, trigger, trig.pos);
    if sources.is_empty() && !no_one && matches!(base.get(..2), Some("10" | "11" | "12" | "13")) {
        if let Some(s) = cx.speaker_of(t.tok(trigger).start, 0) {
            if explain_on {
                explain.push(format!("source: the quote's speaker {:?}", s.actor.text));
            }
            sources.push(s);
        }
    }
    // "expressed his condolences", "defended his decision": a pronoun that
    // stands for the source itself names no one the act is aimed at.
    targets.retain(|g| !own_pronoun(t, g, &sources));
    // An act as the object: "condemned the attack" is aimed at the
    // attacker, "welcomed the decision" at who decided.
    if targets.is_empty() {
        let acts = objects(t, trigger).into_iter().chain(
            obliques(t, trigger)
                // "met for talks hosted by Qatar": for a meeting (or a
                // promise) "for" names its purpose, not what is judged.
                .filter(|(_, c)| c != "for" || !matches!(base.get(..2), Some("03" | "04")))
                .filter(|(_, c)| matches!(c.as_str(), "for" | "on" | "about" | "against" | "over" | "of"))
                .map(|(x, _)| x),
        );
        let mut acts: Vec<usize> = acts.collect();
        if trig.pos == crate::dict::events::TriggerPos::Noun {
            acts.extend(obliques(t, trigger).filter(|(_, c)| c == "of").map(|(x, _)| x));
        }
        // One level down too: "called for an investigation into the
        // shooting" is aimed at who shot.
        let inner: Vec<usize> = acts
            .iter()
            .flat_map(|&o| {
                obliques(t, o)
                    .filter(|(_, c)| matches!(c.as_str(), "into" | "of" | "over" | "on" | "against"))
                    .map(|(x, _)| x)
            })
            .collect();
        acts.extend(inner);
        // "the rocket strikes were carried out by ...": the act the entry
        // asks for as its object is what was done; its doer is no target.
        // (Only an object naming the same kind of act: "rejected the
        // request" is aimed at who requested.)
        let root = |c: &str| c.get(..2).map(str::to_string);
        let same_act = |o: usize| {
            let lemma = t.lemma(o).to_lowercase();
            trig.entry.obj.contains(&lemma)
                && cx
                    .coder
                    .lexicon
                    .triggers(crate::dict::events::TriggerPos::Noun, &lemma)
                    .iter()
                    .any(|e| root(&e.code) == root(base))
        };
        acts.retain(|&o| !same_act(o));
        if let Some(r) = acts.into_iter().find_map(|o| cx.owner(t, o)) {
            let src_code = sources.first().and_then(|s| s.actor.code.clone());
            if r.actor.code != src_code {
                if explain_on {
                    explain.push(format!("target: the doer of {:?}", r.actor.text));
                }
                targets.push(r);
            }
        }
    }
    if explain_on {
        for (name, side) in [("source", &f.source), ("target", &f.target)] {
            if let Some(v) = &side.via {
                explain.push(format!("{name} via {v}"));
            }
        }
    }
    if sources.is_empty() && targets.is_empty() && remention(t, trig, &cx.roots.borrow()) {
        tracing::debug!(trigger = %t.tok(trigger).form, "dropped: a re-mention of an earlier event");
        return Vec::new();
    }
    quantity::merge_conjuncts(t, &mut sources);
    quantity::merge_conjuncts(t, &mut targets);
    let implicit = if sources.is_empty() && (f.agentless || trig.pos == crate::dict::events::TriggerPos::Noun) {
        entry.agent.clone()
    } else {
        None
    };
    let site = if targets.is_empty() { struck_site(t, trig) } else { None };
    // "at least 20 were killed": force against a number of people nobody
    // names is still an event, with its count.
    let counted = matches!(base.get(..2), Some("18" | "19" | "20"))
        && objects(t, trigger).iter().any(|&o| t.tok(o).upos == "NUM" && !t.in_time(o));
    if sources.is_empty() && targets.is_empty() && implicit.is_none() && site.is_none() && !counted {
        tracing::debug!(trigger = %t.tok(trigger).form, code, ?f, "dropped: no actor on either side");
        return Vec::new();
    }
    if targets.is_empty() && needs_partner(base, trig.pos, sources.len()) {
        tracing::debug!(trigger = %t.tok(trigger).form, code, "dropped: needs a partner");
        return Vec::new();
    }
    // Attribution: the tree's reporter, else the quote's speaker.
    let reporter = attribution::reporter(t, trigger);
    let attribution = match reporter {
        Some((head, _)) => Some(attributed(cx, t, head)),
        None => cx
            .speaker_of(t.tok(trigger).start, 0)
            .map(|s| Attribution {
                text: s.actor.text.clone(),
                code: s.actor.code.clone(),
                anonymous: cx.speaker_anonymous(t.tok(trigger).start),
            })
            .or_else(|| {
                attribution::hearsay(t, trigger).map(|m| Attribution {
                    text: t.tok(m).form.clone(),
                    code: None,
                    anonymous: true,
                })
            }),
    };
    if let Some(a) = &attribution {
        *cx.last_attribution.borrow_mut() = Some(a.clone());
    }
    let date = when::date(t, trigger, reporter.map(|r| r.1), cx.info.date);
    let date = narrative_date(cx, t, trigger, &entry.code, m, date);
    let historical = date.as_ref().is_some_and(|d| when::historical(d, cx.info.date));
    // Where: the clause's place, else one inside the event's arguments.
    // (An actor may stand in another sentence: a quote's speaker.)
    let here = |r: &&Resolved| t.range.contains(&r.phrase.root);
    let heads: Vec<usize> = sources.iter().chain(&targets).filter(here).map(|r| r.phrase.root).collect();
    // Words (statements, appeals, agreements, demands, criticism,
    // rejection, threats) happen where their speaker is, not where what
    // they are about is: "agreed to encourage refugees in Hungary to return",
    // "expelled two diplomats based in Geneva" is a deed. Their places come
    // from their own clause or their source's phrase only.
    let words = matches!(cameo.code.get(..2), Some("01" | "02" | "03" | "04" | "05" | "10" | "11" | "12" | "13"));
    let mut inside: Vec<usize> =
        sources.first().filter(here).map(|r| t.subtree(r.phrase.root, &[])).unwrap_or_default();
    if !words {
        inside.extend(targets.first().filter(here).map(|r| t.subtree(r.phrase.root, &[])).unwrap_or_default());
        inside.extend(site.map(|h| t.subtree(h, &[])).unwrap_or_default());
        for o in objects(t, trigger).into_iter().chain(obliques(t, trigger).map(|(c, _)| c)) {
            inside.extend(t.subtree(o, &["acl", "relcl"]));
        }
    }
    // "An explosion in Kabul killed three civilians": a subject that is no
    // actor (an act, a weapon) carries the place.
    if trig.pos == crate::dict::events::TriggerPos::Verb {
        if let Some(s) = frame::subject(t, trigger).filter(|s| !heads.contains(s) && cx.actor(t, *s).is_none()) {
            inside.extend(t.subtree(s, &["acl", "relcl"]));
        }
    }
    let place = place::place(t, trigger, &heads, &inside, cx.coder.places, cx.discourse.focus.as_deref());
    let home = place.as_ref().and_then(|p| p.country.clone()).or_else(|| cx.discourse.focus.clone());
    let plover = ontology::get().plover(&cameo.code);
    let sent = &t.doc.sentences[t.sentence];
    let tok = t.tok(trigger);
    let implicit_actor = implicit.map(|role| {
        let mut a = ActorRef {
            text: String::new(),
            start: tok.start,
            end: tok.start,
            code: Some(role.clone()),
            name: None,
            country: None,
            sector: Some(role.clone()),
        };
        if let Some(c) = &home {
            country::give(&mut a, c);
        }
        a
    });
    let mut out = Vec::new();
    let srcs: Vec<Option<&Resolved>> = if sources.is_empty() { vec![None] } else { sources.iter().map(Some).collect() };
    let tgts: Vec<Option<&Resolved>> = if targets.is_empty() { vec![None] } else { targets.iter().map(Some).collect() };
    for s in &srcs {
        for g in &tgts {
            if let (Some(a), Some(b)) = (s, g) {
                if a.phrase.head == b.phrase.head {
                    continue;
                }
            }
            let quantity = quantity::quantity(t, trigger, &cameo.code, *s, *g);
            let mut source = s.map(|x| x.actor.clone()).or_else(|| implicit_actor.clone());
            let mut target = g.map(|x| x.actor.clone());
            // A violent or coercive event (or aid) without a known target is
            // done to the people of its place; a meeting in Doha is not
            // one with the Qataris.
            let done_to_place = matches!(cameo.code.get(..2), Some("07" | "15" | "17" | "18" | "19" | "20"));
            if let Some(p) = place.as_ref().filter(|p| p.country.is_some() && done_to_place) {
                match &mut target {
                    Some(a)
                        if a.code.is_none()
                            && g.is_some_and(|r| r.kind != Kind::Person && r.kind != Kind::Organisation) =>
                    {
                        a.code = p.country.clone();
                        a.country = p.country.clone();
                        a.sector = Some("CVL".into());
                    }
                    None => {
                        if let Some(off) = t.doc.text[sent.start..sent.end].find(&p.text) {
                            let start = sent.start + off;
                            target = Some(ActorRef {
                                text: p.text.clone(),
                                start,
                                end: start + p.text.len(),
                                code: p.country.clone(),
                                name: Some(p.name.clone()),
                                country: p.country.clone(),
                                sector: Some("CVL".into()),
                            });
                        }
                    }
                    _ => {}
                }
            }
            if target.is_none() && cameo.code.starts_with("14") {
                let country = place.as_ref().and_then(|p| p.country.clone());
                let country = country.or_else(|| source.as_ref().and_then(|a| a.country.clone())).or(home.clone());
                // A rally of the state itself ("Erdogan told a rally", "the
                // government's rally") protests against no one.
                if source.as_ref().is_some_and(|a| is_state(a) && a.country == country) {
                    tracing::debug!(trigger = %tok.form, "dropped: a rally of the authorities themselves");
                    continue;
                }
                target = country.map(|c| authorities(&c, tok.start));
            }
            // A bare role takes the country of the place, else the report's;
            // an unknown person the report's.
            if let Some(c) = &home {
                for (a, r) in [(&mut source, s), (&mut target, g)] {
                    let Some(a) = a.as_mut() else { continue };
                    if r.is_some_and(|r| foreign(t, r.phrase.head)) {
                        continue;
                    }
                    country::give(a, c);
                    if r.is_some_and(|r| {
                        r.kind == Kind::Person || (r.kind == Kind::Organisation && !international(&a.text))
                    }) {
                        country::give_uncoded(a, c);
                    }
                }
            }
            // Force done to a site with no one named on either side is
            // an event only when the site's place says whose people.
            if source.is_none() && target.is_none() && !counted {
                tracing::debug!(trigger = %tok.form, "dropped: a site struck in no known place");
                continue;
            }
            let confidence = confidence(&source, &target, m);
            let mut ex = explain.clone();
            if explain_on {
                for x in s.iter().chain(g.iter()) {
                    ex.extend(x.explain.iter().cloned());
                }
                if let Some(c) = &home {
                    ex.push(format!("home country {c}"));
                }
            }
            out.push(Event {
                id: String::new(),
                article: cx.info.id.to_string(),
                sentence: 0,
                text: t.doc.text[sent.start..sent.end].to_string(),
                trigger: Span { text: tok.form.clone(), start: tok.start, end: tok.end },
                source,
                target,
                cameo: cameo.code.clone(),
                cameo_name: cameo.name.clone(),
                quad_class: cameo.quad_class,
                goldstein: cameo.goldstein,
                plover: plover.map(|p| p.category.clone()).filter(|c| !c.is_empty()),
                plover_mode: plover.map(|p| p.mode.clone()).filter(|m| !m.is_empty()),
                mode: m,
                attribution: attribution.clone(),
                quantity,
                date: date.clone(),
                historical,
                place: place.clone(),
                confidence,
                explain: ex,
            });
        }
    }
    // "X must return the helicopter, Russia said": the speaker demands it.
    if m == Mode::Requested && mode::obliged(t, trigger) {
        let speaker = reporter.and_then(|(h, _)| cx.actor(t, h)).map(|r| r.actor);
        out.extend(out.first().and_then(|e| as_demand(e, base, speaker, "\"must\"", explain_on)));
    }
    // "Iran wants the United States to withdraw": not the US's intent but
    // Iran's demand of it.
    if let Some(w) = mode::wanted_of_another(t, trigger) {
        let wanter = frame::subject(t, w).and_then(|s| cx.actor(t, s)).map(|r| r.actor);
        if wanter.is_some() {
            out = out
                .iter()
                .filter_map(|e| as_demand(e, base, wanter.clone(), "wanted of another", explain_on))
                .collect();
        }
    }
    out
}

/// The demand (10x) that `by` makes of the doer of `e`, whose act is
/// coded `base`: CAMEO codes what one says another must do as a demand of
/// that other.
fn as_demand(e: &Event, base: &str, by: Option<ActorRef>, why: &str, explain_on: bool) -> Option<Event> {
    // One demands nothing of oneself.
    if by.as_ref().is_some_and(|b| b.code.is_some() && e.source.as_ref().is_some_and(|s| s.code == b.code)) {
        return None;
    }
    let code = analog::demand(base);
    let c = ontology::get().cameo(code)?;
    let p = ontology::get().plover(code);
    let mut d = e.clone();
    d.target = e.source.clone();
    d.source = by;
    d.cameo = c.code.clone();
    d.cameo_name = c.name.clone();
    d.quad_class = c.quad_class;
    d.goldstein = c.goldstein;
    d.plover = p.map(|p| p.category.clone()).filter(|x| !x.is_empty());
    d.plover_mode = p.map(|p| p.mode.clone()).filter(|x| !x.is_empty());
    d.mode = Mode::Asserted;
    d.quantity = None;
    if explain_on {
        d.explain.push(format!("demand analogue {code} of {base} ({why})"));
    }
    Some(d)
}

/// The token of sentence `t` where event `e`'s trigger starts.
fn trigger_token(t: &Tree, e: &Event) -> Option<usize> {
    t.range.clone().find(|&i| t.tok(i).start == e.trigger.start)
}

/// "Hamas asked Israel to release prisoners": the request is the event
/// (CAMEO codes a demand with its content), the release did not happen.
/// A requested act governed by a demand or appeal coded in the same
/// sentence is told by that event and is not recorded again.
pub fn drop_requested_content(t: &Tree, events: &mut Vec<Event>) {
    let token_at = |e: &Event| trigger_token(t, e);
    let requests: Vec<usize> = events
        .iter()
        .filter(|e| e.mode == Mode::Asserted && matches!(e.cameo.get(..2), Some("10" | "02")))
        .filter_map(token_at)
        .collect();
    events.retain(|e| {
        let told = e.mode == Mode::Requested
            && token_at(e).is_some_and(|i| t.ancestors(i).iter().any(|a| requests.contains(a)));
        if told {
            tracing::debug!(trigger = %e.trigger.text, "dropped: told by the request that governs it");
        }
        !told
    });
}

/// "The new law would let the courts punish", "calls to attack police":
/// an act that did not happen (requested, intended, hypothetical, negated,
/// future) and has no known doer says nothing of who would act; it is a
/// topic of the report, not an event of its chronicle. Asserted acts keep
/// an unknown doer ("was shot dead by gunmen"): they happened. So do the
/// terms of a proposal ("a plan that included the release of 200
/// prisoners"): what is on the table between the parties is news even
/// before it says who will carry it out.
pub fn drop_unreal_without_doer(events: &mut Vec<Event>) {
    events.retain(|e| {
        let keep = matches!(e.mode, Mode::Asserted | Mode::Proposed)
            || e.source.as_ref().is_some_and(|a| a.code.is_some() || !a.text.is_empty());
        if !keep {
            tracing::debug!(trigger = %e.trigger.text, mode = ?e.mode, "dropped: an act that did not happen, with no doer");
        }
        keep
    });
}

/// Whether target `g` is a pronoun standing for one of `sources`: the same
/// code or the same name ("Trump defended his decision").
fn own_pronoun(t: &Tree, g: &Resolved, sources: &[Resolved]) -> bool {
    let head = g.phrase.head;
    let pronoun = t.range.contains(&head) && t.tok(head).upos == "PRON";
    // Two named people are the same only by name ("Erdogan met him" may be
    // another Turkish official).
    let same = |s: &Resolved| match (&g.actor.name, &s.actor.name) {
        (Some(a), Some(b)) => a == b,
        _ => g.actor.code.is_some() && g.actor.code == s.actor.code,
    };
    pronoun && sources.iter().any(same)
}

/// "One million people marched in London during an anti-Brexit march,
/// protesting ...", "held a rally": one act told twice in a sentence is
/// one event. Two events of a sentence are one when they share CAMEO root
/// and mode and their sources and their targets agree (the same code, one
/// code the other's country, or one side unknown); the one that says more
/// stays.
pub fn merge_retellings(t: &Tree, events: &mut Vec<Event>) {
    // "killed two people and injured eight": coordinated verbs tell
    // different acts.
    let coordinated = |a: &Event, b: &Event| match (trigger_token(t, a), trigger_token(t, b)) {
        (Some(x), Some(y)) => {
            let conj = |i: usize| rel_is(t.rel(i), "conj");
            (conj(x) && t.head(x) == Some(y))
                || (conj(y) && t.head(y) == Some(x))
                || (conj(x) && conj(y) && t.head(x) == t.head(y))
        }
        _ => false,
    };
    fn code(a: &Option<ActorRef>) -> Option<&str> {
        a.as_ref().and_then(|a| a.code.as_deref())
    }
    fn agree(a: &Option<ActorRef>, b: &Option<ActorRef>) -> bool {
        match (code(a), code(b)) {
            (Some(x), Some(y)) => x.starts_with(y) || y.starts_with(x),
            _ => true,
        }
    }
    fn says(e: &Event) -> usize {
        let named = |a: &Option<ActorRef>| {
            a.as_ref().map_or(0, |a| usize::from(a.code.is_some()) * 2 + usize::from(!a.text.is_empty()))
        };
        named(&e.source) + named(&e.target)
    }
    let mut k = 0;
    while k < events.len() {
        let twin = (0..events.len()).find(|&j| {
            let (a, b) = (&events[j], &events[k]);
            j != k
                && a.cameo.get(..2) == b.cameo.get(..2)
                && a.mode == b.mode
                && agree(&a.source, &b.source)
                && agree(&a.target, &b.target)
                && !coordinated(a, b)
                && (says(a), std::cmp::Reverse(j)) > (says(b), std::cmp::Reverse(k))
        });
        if let Some(j) = twin {
            tracing::debug!(trigger = %events[k].trigger.text, kept = %events[j].trigger.text, "dropped: the same act told twice");
            // What one telling says and the other does not is kept: "what
            // organizers estimated at 1.7 million Hongkongers marched" gives
            // the protest its size.
            let told = events.remove(k);
            let j = if j > k { j - 1 } else { j };
            let kept = &mut events[j];
            if kept.quantity.is_none() {
                kept.quantity = told.quantity;
            }
            if kept.place.is_none() {
                kept.place = told.place;
            }
            if kept.date.is_none() {
                kept.date = told.date;
            }
        } else {
            k += 1;
        }
    }
}

/// "the day before the rally", "flew above the rally": a definite event
/// noun set in a prepositional phrase, naming no one, refers back to an
/// event the report has already told (of the same CAMEO root); it is the
/// scene of something else, not a new event. `roots` are the roots coded
/// so far in the report.
pub fn remention(t: &Tree, trig: &Trigger, roots: &[String]) -> bool {
    let i = trig.token;
    let definite = t
        .kids(i, "det")
        .any(|d| matches!(t.lemma(d).to_lowercase().as_str(), "the" | "this" | "that" | "these" | "those"));
    let circumstance =
        (crate::tree::rel_is(t.rel(i), "obl") || crate::tree::rel_is(t.rel(i), "nmod")) && t.case_of(i).is_some();
    let root = trig.cameo().get(..2).unwrap_or(trig.cameo());
    trig.pos == crate::dict::events::TriggerPos::Noun && definite && circumstance && roots.iter().any(|r| r == root)
}

/// "Bombs struck the Jolo Cathedral", "shelled a market": the target of
/// force is a place or building, which the actor stage rightly refuses as
/// an actor; the act is done to the people there.
pub fn struck_site(t: &Tree, trig: &Trigger) -> Option<usize> {
    if !matches!(trig.cameo().get(..2), Some("18" | "19" | "20")) {
        return None;
    }
    let is_site = |h: usize| {
        !t.in_time(h)
            && (crate::cues::has(crate::cues::List::Site, &t.lemma(h).to_lowercase())
                || t.doc
                    .entities
                    .iter()
                    .any(|e| e.label == annals_text::EntityLabel::Location && e.tokens.contains(&h)))
    };
    trig.entry.target.iter().filter_map(|r| frame::find_role(t, trig.token, r, trig.pos)).find(|&h| is_site(h))
}

/// Whether an event of CAMEO code `code` is no event without a partner:
/// a visit with no one visited ("police vans arrived") unless its subject
/// is a pair, an investigation noun into nothing named, and a bare
/// statement.
pub fn needs_partner(code: &str, pos: crate::dict::events::TriggerPos, sources: usize) -> bool {
    // A meeting's partners may hide in its subject ("negotiators for A and
    // B met") and a host's guests in its talks, so only a visit needs its
    // target.
    let consult = code.starts_with("042") && sources < 2;
    let inquiry = code.starts_with("09") && pos == crate::dict::events::TriggerPos::Noun;
    // "released a statement", "held a press conference": a statement to no
    // one in particular is no interaction.
    let statement = code == "010";
    consult || inquiry || statement
}

/// Whether an organisation's name says it is no one country's ("the
/// International Criminal Court", "World Food Programme").
/// Whether the role headed by `h` is said to be of no country of the
/// report's: "foreign forces", "international observers", "world leaders".
pub(crate) fn foreign(t: &Tree, h: usize) -> bool {
    // A head found through coreference lies in another sentence.
    t.range.contains(&h)
        && t.kids(h, "amod")
            .chain(t.kids(h, "compound"))
            .any(|m| crate::cues::has(crate::cues::List::Foreign, &t.lemma(m).to_lowercase()))
}

fn international(name: &str) -> bool {
    const MARKS: &[&str] = &[
        "International",
        "World",
        "Global",
        "United Nations",
        "Intergovernmental",
        "European",
        "African",
        "Asian",
        "Arab",
        "Islamic Cooperation",
    ];
    MARKS.iter().any(|m| name.contains(m))
}

/// Whether actor `a` is a state's own organ or officer (government,
/// legislature, courts, forces, police, intelligence).
fn is_state(a: &ActorRef) -> bool {
    const STATE: &[&str] = &["GOV", "LEG", "JUD", "MIL", "COP", "SPY"];
    a.code.as_deref().is_some_and(|c| c.len() == 6 && STATE.contains(&&c[3..]))
}

/// The implicit target of a protest that names none: the authorities of
/// the country it happens in ("protests filled the streets of San Juan"
/// are aimed at Puerto Rico's government), with an empty span at the
/// trigger, as an implicit doer has.
fn authorities(country: &str, at: usize) -> ActorRef {
    ActorRef {
        text: String::new(),
        start: at,
        end: at,
        code: Some(format!("{country}GOV")),
        name: None,
        country: Some(country.to_string()),
        sector: Some("GOV".into()),
    }
}

/// Discourse dating. An event the text gives no time of its own takes
/// the time of the report's narrative: a definite re-mention of an earlier
/// event ("the attack", "the protests") takes that event's date; a past
/// event in the same paragraph as one the text dated ("Twin bombings
/// yesterday struck the cathedral. ... at least 20 were killed") takes its
/// date. A dated event becomes the narrative's time. A past event with no
/// other cue happened on the story's day: the day of the lead's first
/// dated event ("Police fired on a protester yesterday" ... "The victim
/// was taken to hospital"), when that day is not background.
fn narrative_date(
    cx: &Context,
    t: &Tree,
    trigger: usize,
    code: &str,
    m: Mode,
    date: Option<crate::event::EventDate>,
) -> Option<crate::event::EventDate> {
    let line = t.doc.text[..t.tok(trigger).start].matches('\n').count();
    let root = code.get(..2).unwrap_or(code).to_string();
    let mut n = cx.narrative.borrow_mut();
    let from_text = date.as_ref().is_some_and(|d| d.basis != crate::event::Basis::Publication);
    // An event told in a relative clause ("her husband, who was arrested
    // in May") is background to its sentence: it dates itself, not the
    // narrative.
    let background = std::iter::once(trigger).chain(t.ancestors(trigger)).any(|a| t.rel(a).ends_with("relcl"));
    if from_text {
        if m == Mode::Asserted && !background {
            let d = date.clone().expect("dated");
            if t.sentence < STORY_LEAD && n.story.is_none() && !when::historical(&d, cx.info.date) {
                n.story = Some(d.clone());
            }
            n.line = Some((line, d.clone()));
            if !n.by_root.iter().any(|(r, _)| *r == root) {
                n.by_root.push((root, d));
            }
        }
        return date;
    }
    let tok = t.tok(trigger);
    let definite =
        t.kids(trigger, "det").any(|d| matches!(t.lemma(d).to_lowercase().as_str(), "the" | "this" | "that" | "these"));
    if tok.upos == "NOUN" && definite {
        if let Some((_, d)) = n.by_root.iter().find(|(r, _)| *r == root) {
            return Some(crate::event::EventDate { basis: crate::event::Basis::Relative, ..d.clone() });
        }
    }
    // "The press asked Trump about it that same day": the day told last.
    if let Some(d) = when::anaphoric(t, trigger, cx.info.date) {
        return Some(crate::event::EventDate { basis: crate::event::Basis::Relative, ..d });
    }
    let past = matches!(tok.xpos.as_str(), "VBD" | "VBN")
        && t.kids(trigger, "aux").all(|a| !matches!(t.lemma(a).to_lowercase().as_str(), "will" | "would" | "shall"));
    if past && m == Mode::Asserted {
        if let Some((l, d)) = n.line.as_ref().filter(|(l, _)| *l == line) {
            let _ = l;
            return Some(crate::event::EventDate { basis: crate::event::Basis::Relative, ..d.clone() });
        }
        if let Some(d) = &n.story {
            return Some(crate::event::EventDate { basis: crate::event::Basis::Relative, ..d.clone() });
        }
    }
    date
}

/// How many sentences make the lead whose first dated event dates the
/// story (the first is often the dateline).
const STORY_LEAD: usize = 4;

/// An event record with code `code` at token `trigger` of `t`, its other
/// fields empty; stages fill what they know.
pub fn record(cx: &Context, t: &Tree, trigger: usize, code: &str, mode: Mode) -> Option<Event> {
    let cameo = ontology::get().cameo(code)?;
    let plover = ontology::get().plover(&cameo.code);
    let tok = t.tok(trigger);
    Some(Event {
        id: String::new(),
        article: cx.info.id.to_string(),
        sentence: 0,
        text: t.sentence_text().to_string(),
        trigger: Span { text: tok.form.clone(), start: tok.start, end: tok.end },
        source: None,
        target: None,
        cameo: cameo.code.clone(),
        cameo_name: cameo.name.clone(),
        quad_class: cameo.quad_class,
        goldstein: cameo.goldstein,
        plover: plover.map(|p| p.category.clone()).filter(|c| !c.is_empty()),
        plover_mode: plover.map(|p| p.mode.clone()).filter(|m| !m.is_empty()),
        mode,
        attribution: None,
        quantity: None,
        date: None,
        historical: false,
        place: None,
        confidence: 0.0,
        explain: Vec::new(),
    })
}

/// Fills the confidence of a finished record.
pub fn finish(e: &mut Event) {
    e.confidence = confidence(&e.source, &e.target, e.mode);
}

/// The attribution of a reporter at head `head`.
fn attributed(cx: &Context, t: &Tree, head: usize) -> Attribution {
    let r = cx.actor(t, head).unwrap_or_else(|| cx.resolver.local(t, head));
    let anonymous = attribution::anonymous(t, head);
    // "the source noted": the source introduced earlier.
    let definite = t.kids(head, "det").any(|d| t.lemma(d).eq_ignore_ascii_case("the"));
    if definite && r.actor.code.is_none() {
        if let Some(prev) = cx.last_attribution.borrow().as_ref() {
            return Attribution { text: r.actor.text, code: prev.code.clone(), anonymous: prev.anonymous };
        }
    }
    let mut a = r.actor;
    if let Some(c) = &cx.discourse.focus {
        country::give(&mut a, c);
    }
    Attribution { text: a.text, code: a.code, anonymous }
}

/// A rough confidence: coded actors on both sides and an asserted mode make
/// an event more trustworthy; each missing piece costs.
fn confidence(source: &Option<ActorRef>, target: &Option<ActorRef>, mode: Mode) -> f32 {
    let mut c: f32 = 0.4;
    if source.as_ref().is_some_and(|a| a.code.is_some()) {
        c += 0.25;
    }
    if target.as_ref().is_some_and(|a| a.code.is_some()) {
        c += 0.2;
    } else if target.is_some() {
        c += 0.05;
    }
    if mode == Mode::Asserted {
        c += 0.1;
    }
    (c * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::events::TriggerPos;

    #[test]
    fn meetings_and_inquiries_need_a_partner() {
        assert!(needs_partner("042", TriggerPos::Verb, 1), "a visit needs someone visited");
        assert!(!needs_partner("042", TriggerPos::Verb, 2), "a pair visits each other");
        assert!(!needs_partner("040", TriggerPos::Verb, 1), "a meeting's partners may be in its subject");
        assert!(!needs_partner("043", TriggerPos::Verb, 1), "talks hosted by Qatar");
        assert!(needs_partner("090", TriggerPos::Noun, 1));
        assert!(!needs_partner("090", TriggerPos::Verb, 1));
        assert!(!needs_partner("190", TriggerPos::Noun, 0));
        assert!(needs_partner("010", TriggerPos::Verb, 1), "a statement to no one");
    }

    #[test]
    fn state_organs_are_told_from_other_actors() {
        let a = |code: &str| ActorRef {
            text: String::new(),
            start: 0,
            end: 0,
            code: Some(code.into()),
            name: None,
            country: None,
            sector: None,
        };
        assert!(is_state(&a("TURGOV")) && is_state(&a("USALEG")) && is_state(&a("HKGCOP")));
        assert!(!is_state(&a("TUROPP")) && !is_state(&a("TUR")) && !is_state(&a("PSEREBHMS")));
        assert!(international("the International Criminal Court") && !international("the Federal Aviation Office"));
    }

    fn lexicon(line: &str) -> crate::dict::events::EventEntry {
        let (l, errs) = crate::dict::events::Lexicon::parse(line, "t.tsv");
        assert!(errs.is_empty(), "{errs:?}");
        l.entries(TriggerPos::Noun, line.split('\t').nth(2).unwrap())[0].clone()
    }

    #[test]
    fn the_act_carried_out_is_no_target_of_its_carrying_out() {
        use crate::fixture::{doc, spaced};
        use crate::{ArticleInfo, Coder};
        // Israel attacked Gaza . The strikes were carried out by Hamas .
        let d = doc(&spaced(
            "1 Israel Israel PROPN NNP _ 2 nsubj _ NER=B-LOC
             2 attacked attack VERB VBD _ 0 root _ _
             3 Gaza Gaza PROPN NNP _ 2 obj _ NER=B-LOC

             1 The the DET DT _ 2 det _ _
             2 strikes strike NOUN NNS _ 4 nsubj:pass _ _
             3 were be AUX VBD _ 4 aux:pass _ _
             4 carried carry VERB VBN _ 0 root _ _
             5 out out ADP RP _ 4 compound:prt _ _
             6 by by ADP IN _ 7 case _ _
             7 Hamas Hamas PROPN NNP _ 4 obl:agent _ NER=B-ORG",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let e = ev.iter().find(|e| e.trigger.text == "carried").expect("the strikes carried out");
        assert_eq!(e.source.as_ref().and_then(|a| a.code.as_deref()), Some("PSEREBHMS"), "{ev:#?}");
        // Not Israel, whose act "strikes" would otherwise name.
        assert!(e.target.as_ref().is_none_or(|a| a.code.as_deref() != Some("ISR")), "{ev:#?}");
    }

    #[test]
    fn a_requested_act_is_told_by_its_request() {
        use crate::fixture::{doc, spaced};
        use crate::{ArticleInfo, Coder};
        // Hamas asked Israel to release prisoners
        let d = doc(&spaced(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ NER=B-ORG
             2 asked ask VERB VBD _ 0 root _ _
             3 Israel Israel PROPN NNP _ 2 obj _ NER=B-LOC
             4 to to PART TO _ 5 mark _ _
             5 release release VERB VB _ 2 xcomp _ _
             6 prisoners prisoner NOUN NNS _ 5 obj _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        assert!(ev.iter().any(|e| e.cameo.starts_with("10") && e.mode == Mode::Asserted), "{ev:#?}");
        assert!(!ev.iter().any(|e| e.cameo.starts_with("08")), "{ev:#?}");
    }

    #[test]
    fn what_one_wants_of_another_is_a_demand_and_foreign_roles_stay_foreign() {
        use crate::fixture::{doc, spaced};
        use crate::{ArticleInfo, Coder};
        // Iran wants foreign forces to withdraw from Iraq
        let d = doc(&spaced(
            "1 Iran Iran PROPN NNP _ 2 nsubj _ NER=B-LOC
             2 wants want VERB VBZ _ 0 root _ _
             3 foreign foreign ADJ JJ _ 4 amod _ _
             4 forces force NOUN NNS _ 2 obj _ _
             5 to to PART TO _ 6 mark _ _
             6 withdraw withdraw VERB VB _ 2 xcomp _ _
             7 from from ADP IN _ 8 case _ _
             8 Iraq Iraq PROPN NNP _ 6 obl _ NER=B-LOC",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let e = ev.iter().find(|e| e.trigger.text == "withdraw").expect("the demand");
        assert_eq!((e.cameo.as_str(), e.mode), ("1056", Mode::Asserted), "{e:#?}");
        assert_eq!(e.source.as_ref().and_then(|a| a.code.as_deref()), Some("IRN"));
        let target = e.target.as_ref().expect("the forces");
        assert_eq!((target.code.as_deref(), target.country.as_deref()), (Some("MIL"), None), "not Iran's or Iraq's");
    }

    #[test]
    fn a_conditional_commitment_is_an_intent() {
        use crate::fixture::{doc, spaced};
        use crate::{ArticleInfo, Coder};
        // The rebels would meet Cordovez if he gave them a veto
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 rebels rebel NOUN NNS _ 4 nsubj _ _
             3 would would AUX MD _ 4 aux _ _
             4 meet meet VERB VB _ 0 root _ _
             5 Cordovez Cordovez PROPN NNP _ 4 obj _ NER=B-PER
             6 if if SCONJ IN _ 8 mark _ _
             7 he he PRON PRP _ 8 nsubj _ _
             8 gave give VERB VBD _ 4 advcl _ _
             9 them they PRON PRP _ 8 iobj _ _
             10 a a DET DT _ 11 det _ _
             11 veto veto NOUN NN _ 8 obj _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let meet = ev.iter().find(|e| e.trigger.text == "meet").expect("the meeting");
        assert_eq!((meet.cameo.as_str(), meet.mode), ("036", Mode::Hypothetical), "{meet:#?}");
    }

    #[test]
    fn one_act_told_twice_keeps_what_either_telling_says() {
        use crate::fixture::{doc, spaced};
        // Hongkongers protested ; they marched (one sentence, two tellings)
        let d = doc(&spaced(
            "1 protests protest NOUN NNS _ 0 root _ _
             2 marched march VERB VBD _ 1 dep _ _",
        ));
        let t = Tree::new(&d, 0);
        let ev = |text: &str, start: usize, source: &str, quantity: Option<f64>| Event {
            id: String::new(),
            article: String::new(),
            sentence: 0,
            text: String::new(),
            trigger: Span { text: text.into(), start, end: start + text.len() },
            source: Some(ActorRef { text: String::new(), code: Some(source.into()), ..ActorRef::default() }),
            target: None,
            cameo: "141".into(),
            cameo_name: String::new(),
            quad_class: 3,
            goldstein: -6.5,
            plover: None,
            plover_mode: None,
            mode: Mode::Asserted,
            attribution: None,
            quantity: quantity.map(|value| crate::event::Quantity { value, unit: "people".into() }),
            date: None,
            historical: false,
            place: None,
            confidence: 0.5,
            explain: Vec::new(),
        };
        let mut events = vec![ev("protests", 0, "HKGOPP", None), ev("marched", 9, "HKGOPP", Some(1.7e6))];
        merge_retellings(&t, &mut events);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].quantity.as_ref().map(|q| q.value), Some(1.7e6));
    }

    #[test]
    fn an_act_that_did_not_happen_needs_a_doer() {
        use crate::fixture::{doc, spaced};
        use crate::{ArticleInfo, Coder};
        // Police may be attacked. / Protesters may attack police. /
        // Police were attacked.
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 4 nsubj:pass _ _
             2 may may AUX MD _ 4 aux _ _
             3 be be AUX VB _ 4 aux:pass _ _
             4 attacked attack VERB VBN _ 0 root _ _
             5 . . PUNCT . _ 4 punct _ _

             1 Protesters protester NOUN NNS _ 3 nsubj _ _
             2 may may AUX MD _ 3 aux _ _
             3 attack attack VERB VB _ 0 root _ _
             4 police police NOUN NNS _ 3 obj _ _
             5 . . PUNCT . _ 3 punct _ _

             1 Police police NOUN NNS _ 3 nsubj:pass _ _
             2 were be AUX VBD _ 3 aux:pass _ _
             3 attacked attack VERB VBN _ 0 root _ _
             4 . . PUNCT . _ 3 punct _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let in_sentence = |s: usize| ev.iter().filter(|e| e.sentence == s && e.cameo.starts_with("19")).count();
        assert_eq!(in_sentence(1), 0, "a possible attack by no one: {ev:#?}");
        assert_eq!(in_sentence(2), 1, "a possible attack by protesters: {ev:#?}");
        assert_eq!(in_sentence(3), 1, "an attack that happened: {ev:#?}");
    }

    #[test]
    fn force_against_a_count_of_people_is_an_event() {
        use crate::fixture::{doc, spaced};
        use crate::{ArticleInfo, Coder};
        // At least 20 were killed .
        let d = doc(&spaced(
            "1 At at ADP IN _ 2 case _ _
             2 least least ADJ JJS _ 3 nmod _ _
             3 20 20 NUM CD _ 5 nsubj:pass _ _
             4 were be AUX VBD _ 5 aux:pass _ _
             5 killed kill VERB VBN _ 0 root _ _
             6 . . PUNCT . _ 5 punct _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let e = ev.iter().find(|e| e.cameo.starts_with("19")).expect("a killing");
        assert_eq!(e.quantity.as_ref().map(|q| q.value), Some(20.0));
    }

    #[test]
    fn a_pronoun_for_the_source_is_no_target() {
        use crate::fixture::{doc, spaced};
        use crate::{ArticleInfo, Coder};
        // Trump defended his decision .
        let d = doc(&spaced(
            "1 Trump Trump PROPN NNP _ 2 nsubj _ NER=B-PER
             2 defended defend VERB VBD _ 0 root _ _
             3 his his PRON PRP$ _ 4 nmod:poss _ _
             4 decision decision NOUN NN _ 2 obj _ _
             5 . . PUNCT . _ 2 punct _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let e = ev.iter().find(|e| e.cameo.starts_with("05")).expect("a defence");
        assert!(e.target.is_none(), "{e:#?}");
    }

    #[test]
    fn one_act_told_twice_is_one_event_but_coordinated_acts_are_two() {
        use crate::fixture::{doc, spaced};
        use crate::{ArticleInfo, Coder};
        // Protesters marched , protesting the war . / Gunmen killed two
        // soldiers and wounded eight soldiers .
        let d = doc(&spaced(
            "1 Protesters protester NOUN NNS _ 2 nsubj _ _
             2 marched march VERB VBD _ 0 root _ SpaceAfter=No
             3 , , PUNCT , _ 4 punct _ _
             4 protesting protest VERB VBG _ 2 advcl _ _
             5 the the DET DT _ 6 det _ _
             6 war war NOUN NN _ 4 obj _ _
             7 . . PUNCT . _ 2 punct _ _

             1 Gunmen gunman NOUN NNS _ 2 nsubj _ _
             2 killed kill VERB VBD _ 0 root _ _
             3 two two NUM CD _ 4 nummod _ _
             4 soldiers soldier NOUN NNS _ 2 obj _ _
             5 and and CCONJ CC _ 6 cc _ _
             6 wounded wound VERB VBD _ 2 conj _ _
             7 eight eight NUM CD _ 8 nummod _ _
             8 soldiers soldier NOUN NNS _ 6 obj _ _
             9 . . PUNCT . _ 2 punct _ _",
        ));
        let ev = Coder::embedded().code(&ArticleInfo { id: "t", date: None }, &d);
        let in_sentence =
            |s: usize, root: &str| ev.iter().filter(|e| e.sentence == s && e.cameo.starts_with(root)).count();
        assert_eq!(in_sentence(1, "14"), 1, "{ev:#?}");
        assert_eq!(in_sentence(2, "19"), 2, "{ev:#?}");
    }

    #[test]
    fn a_definite_event_noun_in_a_phrase_re_mentions_an_earlier_event() {
        use crate::fixture::{doc, spaced};
        // Trump flew above the rally. / Trump flew to a rally.
        let d = doc(&spaced(
            "1 Trump Trump PROPN NNP _ 2 nsubj _ _
             2 flew fly VERB VBD _ 0 root _ _
             3 above above ADP IN _ 5 case _ _
             4 the the DET DT _ 5 det _ _
             5 rally rally NOUN NN _ 2 obl _ _

             1 Trump Trump PROPN NNP _ 2 nsubj _ _
             2 flew fly VERB VBD _ 0 root _ _
             3 to to ADP IN _ 5 case _ _
             4 a a DET DT _ 5 det _ _
             5 rally rally NOUN NN _ 2 obl _ _",
        ));
        let e = lexicon("141\tnoun\trally");
        let trig =
            |s: usize| Trigger { token: d.sentences[s].tokens.start + 4, entry: &e, pos: TriggerPos::Noun, code: None };
        let seen = vec!["14".to_string()];
        assert!(remention(&Tree::new(&d, 0), &trig(0), &seen));
        assert!(!remention(&Tree::new(&d, 0), &trig(0), &[]), "no earlier protest");
        assert!(!remention(&Tree::new(&d, 1), &trig(1), &seen), "an indefinite rally is a new one");
    }
}

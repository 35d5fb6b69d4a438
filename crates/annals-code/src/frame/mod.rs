//! Frames: which words of the parse fill an event's source and target.
//!
//! A lexicon entry names the roles its participants take (`src=subj`,
//! `tgt=obj|against`, ...; see `dictionaries/EVENTS.md`). This stage turns
//! those roles into head tokens:
//!
//! - a verb's subject is inherited through the clause it depends on
//!   (coordination, adverbial clauses; an infinitive takes its governor's
//!   object, "asked Israel to release", or subject, "is ready to
//!   provide"); a passive's source is its `by` agent, and without one the
//!   passive names no source;
//! - a noun's source is its possessor, `by` phrase or actor modifier, else
//!   the subject of the light verb it is the object of ("held talks",
//!   "launched an attack");
//! - a participle describing a noun ("prisoners sentenced to life") acts on
//!   that noun;
//! - a named party deeper down beats a bare role as target ("withdrew its
//!   troops from Lebanon", "demanded that the US cancel");
//! - when the parse gives no argument at all, the nearest actor on the side
//!   where English puts it.
//!
//! Which heads are actors at all is the actor stage's business: this stage
//! asks through a [`Judge`] how good a candidate is.

use crate::dict::events::{Role, TriggerPos};
use crate::tree::{rel_is, Tree};
use crate::trigger::Trigger;

/// How good a candidate head is as an actor: 2 a named country, group or
/// organisation; 1 a bare role ("troops"); 0 an actor with no code; `None`
/// not an actor at all (a time, a number, an object).
pub type Judge<'a> = dyn Fn(usize) -> Option<u8> + 'a;

/// The heads found for one side of an event, with how they were found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Side {
    /// Heads in text order of preference; coordinated actors follow the
    /// first ("Egypt and Hamas discussed" gives both).
    pub heads: Vec<usize>,
    /// What found them, for `--explain`.
    pub via: Option<String>,
}

/// Both sides of an event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frame {
    pub source: Side,
    pub target: Side,
    /// The source is left unsaid on purpose: a passive without its `by`
    /// agent ("two suspects were arrested"), which the entry's `agent=`
    /// role may fill.
    pub agentless: bool,
}

/// Finds both sides of trigger `trig`.
pub fn frame(t: &Tree, trig: &Trigger, judge: &Judge) -> Frame {
    let source = side(t, trig, &trig.entry.source, true, judge);
    let target = side(t, trig, &trig.entry.target, false, judge);
    let reduced = reduced_relative(t, trig);
    let agentless = source.heads.is_empty() && trig.pos == TriggerPos::Verb && (is_passive(t, trig.token) || reduced);
    let mut f = Frame { source, target, agentless };
    // "a meeting between Giuliani and Yermak", "talks between the two
    // sides": a noun's "between" pair are its parties, the first as source.
    if trig.pos == TriggerPos::Noun && f.source.heads.is_empty() {
        let between = obliques(t, trig.token)
            .chain(stranded_obliques(t, trig.token))
            .find(|(_, c)| c == "between")
            .map(|(h, _)| with_conjuncts(t, h).into_iter().filter(|&x| judge(x).is_some()).collect::<Vec<_>>());
        if let Some(pair) = between.filter(|p| p.len() >= 2) {
            f.source = Side { heads: vec![pair[0]], via: Some("between (first)".into()) };
            f.target = Side { heads: pair[1..].to_vec(), via: Some("between (others)".into()) };
        }
    }
    // "the United States' killing of Qasem Soleimani": with its victim in
    // an "of" phrase, a noun's possessor is its doer; the possessor is
    // the victim only when nothing else is ("Jamal's killing").
    if trig.pos == TriggerPos::Noun && f.source.heads.is_empty() && trig.entry.target.contains(&Role::Possessor) {
        let possessor = t.kid(trig.token, "nmod:poss").filter(|&p| judge(p).is_some());
        let of = obliques(t, trig.token).find(|(_, c)| c == "of").map(|(x, _)| x).filter(|&o| judge(o).is_some());
        if let (Some(p), Some(o)) = (possessor, of) {
            f.source = Side { heads: with_conjuncts(t, p), via: Some("possessor beside an of phrase".into()) };
            f.target = Side { heads: with_conjuncts(t, o), via: Some("of".into()) };
        }
    }
    // "The US had been allied with Kurdish groups": a symmetric relation in
    // the passive is the state of its subject, which is a party.
    if trig.entry.both.is_some() && f.source.heads.is_empty() && is_passive(t, trig.token) {
        if let Some(s) = t.kid(trig.token, "nsubj:pass").filter(|&s| judge(s).is_some()) {
            f.source = Side { heads: with_conjuncts(t, s), via: Some("passive subject of a relation".into()) };
            f.agentless = false;
        }
    }
    // "refused to provide the network with a license": an entry that asks
    // for a complement clause is aimed at that clause's object when the
    // verb has none of its own.
    if f.target.heads.is_empty() && !trig.entry.xcomp.is_empty() && objects(t, trig.token).is_empty() {
        let inner = t.kids(trig.token, "xcomp").find_map(|x| objects(t, x).into_iter().find(|&o| judge(o).is_some()));
        if let Some(o) = inner {
            f.target = Side { heads: with_conjuncts(t, o), via: Some("the complement's object".into()) };
        }
    }
    // "announced the change despite criticism by the Greek minister",
    // "amid protests over the law": opposition named in a concessive
    // phrase is aimed at the subject of the clause the phrase modifies,
    // the nearest verb above it wherever the parser hung the phrase ("in a
    // rally on Friday, despite criticism" may hang it on the rally).
    if f.target.heads.is_empty() && trig.pos == TriggerPos::Noun && opposition(trig.cameo()) {
        let concessive =
            t.case_of(trig.token).is_some_and(|c| crate::cues::has(crate::cues::List::Concessive, &c.to_lowercase()));
        let clause = t.ancestors(trig.token).into_iter().find(|&a| t.is_verbal(a));
        let doer = clause.filter(|_| concessive).and_then(|v| subject(t, v)).filter(|&s| judge(s).is_some());
        if let Some(s) = doer {
            f.target = Side { heads: with_conjuncts(t, s), via: Some("subject of the clause opposed".into()) };
        }
    }
    // "she will comply with the request of Johnson", "Russia rejected the
    // demand": a request answered by a verb other than a light verb ("made
    // a request") was made to that verb's subject.
    if f.target.heads.is_empty() && trig.pos == TriggerPos::Noun && matches!(trig.cameo().get(..2), Some("10" | "02")) {
        // The request is the verb's object or what it is "with" or "to"
        // ("Per the request, Parliament would meet" answers nothing).
        let answered = rel_is(t.rel(trig.token), "obj")
            || (rel_is(t.rel(trig.token), "obl")
                && t.case_of(trig.token).is_some_and(|c| matches!(c.as_str(), "with" | "to")));
        let answer = t.head(trig.token).filter(|&v| {
            t.is_verbal(v) && answered && !crate::cues::has(crate::cues::List::LightVerb, &t.lemma(v).to_lowercase())
        });
        let addressee =
            answer.and_then(|v| subject(t, v)).filter(|&s| judge(s).is_some() && !f.source.heads.contains(&s));
        if let Some(s) = addressee {
            f.target =
                Side { heads: with_conjuncts(t, s), via: Some("subject of the verb answering the request".into()) };
        }
    }
    // Symmetric events: the `with` partner is a party too.
    if let Some(p) = &trig.entry.both {
        if f.target.heads.is_empty() {
            if let Some(h) = find_role(t, trig.token, &Role::Prep(p.clone()), trig.pos) {
                if judge(h).is_some() {
                    f.target = Side { heads: with_conjuncts(t, h), via: Some(format!("both={p}")) };
                }
            }
        }
    }
    f
}

/// CAMEO roots of opposition: demands, disapproval, rejection, threats,
/// protest.
fn opposition(code: &str) -> bool {
    matches!(code.get(..2), Some("10" | "11" | "12" | "13" | "14"))
}

fn side(t: &Tree, trig: &Trigger, roles: &[Role], is_source: bool, judge: &Judge) -> Side {
    let (trigger, pos) = (trig.token, trig.pos);
    let strength = |h: usize| judge(h);
    let mut head = None;
    let mut weak = None;
    let mut fallback = None;
    let mut via = None;
    for r in roles {
        let Some(h) = find_role(t, trigger, r, pos) else { continue };
        let h = relative_antecedent(t, h);
        // A target's preposition phrase follows its verb: "On live
        // television, Erdogan attacked ..." names a medium, not a target.
        if !is_source && pos == TriggerPos::Verb && matches!(r, Role::Prep(_)) && h < trigger {
            continue;
        }
        match strength(h) {
            Some(2) => {
                head = Some(h);
                via = Some(format!("{r:?}"));
                break;
            }
            Some(1) if weak.is_none() => weak = Some((h, format!("{r:?}"))),
            // An adjective or compound is an actor only if a dictionary
            // says so ("Israeli strikes", not "intensive talks").
            Some(_) if fallback.is_none() && *r != Role::Modifier => fallback = Some((h, format!("{r:?}"))),
            _ => {}
        }
    }
    // A named party deeper down beats a bare role: "withdraw its troops
    // from Lebanon", "demanded that the US cancel", "held a meeting with X".
    if head.is_none() && !is_source {
        if let Some(h) = deeper_targets(t, trigger).into_iter().find(|&h| strength(h) == Some(2)) {
            head = Some(h);
            via = Some("deeper target".into());
        }
    }
    if head.is_none() {
        if let Some((h, v)) = weak.or(fallback) {
            head = Some(h);
            via = Some(v);
        }
    }
    // "the attack, reportedly conducted by the Taliban": the "by" agent of
    // a participle describing the noun did it.
    if head.is_none() && is_source && pos == TriggerPos::Noun {
        if let Some(h) = participle_agent(t, trigger).filter(|&h| strength(h).is_some()) {
            head = Some(h);
            via = Some("agent of the participle describing it".into());
        }
    }
    // A nominal trigger's source is the subject of its light verb.
    if head.is_none() && is_source && pos == TriggerPos::Noun {
        if let Some(h) = light_verb_subject(t, trigger).filter(|&h| strength(h).is_some()) {
            head = Some(h);
            via = Some("light verb subject".into());
        }
    }
    // A trigger inside a compound ("Hamas freeing captive soldier"): the
    // compound's head is the target, a coded actor before it the source.
    if head.is_none() && pos == TriggerPos::Noun && rel_is(t.rel(trigger), "compound") {
        let h = t.head(trigger);
        head = if is_source {
            h.and_then(|h| t.kids(h, "compound").filter(|&c| c < trigger).find(|&c| strength(c).is_some_and(|s| s > 0)))
        } else {
            h.filter(|&h| strength(h).is_some())
        };
        via = head.map(|_| "compound".into());
    }
    // A participle describing a noun ("prisoners sentenced to life"): the
    // noun is the one acted on.
    if !is_source && reduced_relative(t, trig) {
        if let Some(h) = t.head(trigger).filter(|&h| strength(h).is_some()) {
            head = Some(h);
            via = Some("noun the participle describes".into());
        }
    }
    // A passive without its "by" agent does not say who acted: no guess.
    let agentless = is_source && (is_passive(t, trigger) || reduced_relative(t, trig));
    // "protesting legislators": the noun a present participle describes
    // does it (parsers also make that noun the participle's object).
    let attributive = attributive_gerund(t, trig);
    if is_source && head.is_none() {
        let described = if attributive.is_some() {
            attributive
        } else if present_participle(t, trig) {
            t.head(trigger)
        } else {
            None
        };
        if let Some(h) = described.filter(|&h| strength(h).is_some()) {
            head = Some(h);
            via = Some("noun the participle describes".into());
        }
    }
    // The parse gave no argument: the nearest actor on the side where
    // English puts it, a named one within reach before a nearer bare role.
    // ("Nobody can put pressure on me" names its doer: no one.)
    let no_one = is_source && done_by_no_one(t, trigger, pos);
    // "A roadside bombing killed one soldier and wounded two others": a
    // subject that is no actor still fills the slot; nobody else did it.
    let inanimate_subject = is_source
        && subject(t, trigger).is_some_and(|s| crate::cues::has(crate::cues::List::Cause, &t.lemma(s).to_lowercase()));
    // "A Taliban bombing killed five": the act's doer did what it did.
    if head.is_none() && inanimate_subject {
        if let Some(h) = subject(t, trigger).and_then(|s| act_doer(t, s, judge)) {
            head = Some(h);
            via = Some("doer of the act as subject".into());
        }
    }
    // "officials reporting 150 security forces, 95 civilians ... killed":
    // a bare past form right after a noun phrase describes it; those
    // nouns suffered the act, and no one is named as its doer.
    let bare = pos == TriggerPos::Verb && bare_participle_after_noun(t, trigger);
    if bare {
        if is_source {
            return Side::default();
        }
        if head.is_none() {
            head = nearest_actor(t, trigger, true, &|h| strength(h).is_some_and(|s| s > 0));
            via = head.map(|_| "noun the bare participle follows".into());
        }
    }
    if head.is_none()
        && pos == TriggerPos::Verb
        && !agentless
        && !no_one
        && !inanimate_subject
        && !roles.contains(&Role::None)
    {
        head = nearest_actor(t, trigger, is_source, &|h| strength(h) == Some(2))
            .or_else(|| nearest_actor(t, trigger, is_source, &|h| strength(h).is_some_and(|s| s > 0)));
        via = head.map(|_| "position".into());
    }
    if !is_source && attributive.is_some() && head == attributive {
        return Side::default();
    }
    // "was killed in a US counter-terrorism operation": the operation's
    // actor did it.
    // "died in the attack, claimed by the Taliban": an entry whose verb
    // names no doer ("die") takes the doer of the act it happened in.
    if head.is_none() && is_source && (agentless || roles.contains(&Role::None)) {
        if let Some(h) = operation_agent(t, trigger, judge) {
            head = Some(h);
            via = Some("the operation's actor".into());
        }
    }
    let Some(h) = head else { return Side::default() };
    let h = relative_antecedent(t, h);
    let heads: Vec<usize> = with_conjuncts(t, h).into_iter().filter(|&x| x != trigger).collect();
    Side { heads, via }
}

/// A relative pronoun stands for the noun its clause describes: in "her
/// husband, who was arrested in May" the one arrested is the husband.
pub fn relative_antecedent(t: &Tree, h: usize) -> usize {
    let relative =
        t.tok(h).upos == "PRON" && matches!(t.lemma(h).to_lowercase().as_str(), "who" | "which" | "that" | "whom");
    match t.head(h).filter(|&v| relative && t.rel(v).ends_with("relcl")) {
        Some(v) => t.head(v).unwrap_or(h),
        None => h,
    }
}

/// `h` and the nominals coordinated with it under the same preposition.
pub fn with_conjuncts(t: &Tree, h: usize) -> Vec<usize> {
    let case = t.case_of(h);
    let mut heads = vec![h];
    heads.extend(
        t.kids(h, "conj").filter(|&c| t.tok(c).upos != "VERB" && (t.case_of(c).is_none() || t.case_of(c) == case)),
    );
    heads
}

/// "protesting legislators", "rioting crowds": a present participle
/// modifying a noun.
pub fn present_participle(t: &Tree, trig: &Trigger) -> bool {
    trig.pos == TriggerPos::Verb
        && t.tok(trig.token).xpos == "VBG"
        && (rel_is(t.rel(trig.token), "amod")
            || (rel_is(t.rel(trig.token), "acl") && !t.rel(trig.token).ends_with("relcl")))
        && t.head(trig.token).is_some_and(|h| matches!(t.tok(h).upos.as_str(), "NOUN" | "PROPN"))
}

/// "protesting legislators" parsed as a verb with an object: a bare `-ing`
/// form with no subject or auxiliary right before its "object" describes
/// it; that noun is the doer.
fn attributive_gerund(t: &Tree, trig: &Trigger) -> Option<usize> {
    let v = trig.token;
    if trig.pos != TriggerPos::Verb || t.tok(v).xpos != "VBG" || t.kid(v, "aux").is_some() || subject(t, v).is_some() {
        return None;
    }
    let next = (v + 1..t.range.end).find(|&k| t.tok(k).upos != "PUNCT")?;
    // "protesting legislators", "rioting Hong Kong students": the noun
    // phrase starts right after the participle.
    // A participle describes a kind of people ("legislators", "students"),
    // not a name: "fighting ISIS" is an act done to ISIS.
    let o = objects(t, v).into_iter().find(|&o| t.subtree(o, &[]).first() == Some(&next))?;
    // Nor a count: "killing two people" is done to them.
    (!matches!(t.tok(next).upos.as_str(), "DET" | "PRON" | "NUM") && t.tok(o).upos == "NOUN").then_some(o)
}

/// The actor of an operation the passive event happened in: "killed in a
/// US counter-terrorism operation", "arrested during a police raid".
fn operation_agent(t: &Tree, v: usize, judge: &Judge) -> Option<usize> {
    // Only an operation's noun ("operation", "raid", "airstrike") unless
    // "by": "in the neighboring state of Massachusetts" is where, not whose.
    let operation = |o: usize| {
        let l = t.lemma(o).to_lowercase();
        crate::cues::has(crate::cues::List::EventFrameNoun, &l) || crate::cues::has(crate::cues::List::Cause, &l)
    };
    obliques(t, v)
        .filter(|(o, c)| c == "by" || (matches!(c.as_str(), "in" | "during" | "through" | "under") && operation(*o)))
        .find_map(|(o, _)| act_doer(t, o, judge))
}

/// Who did the act named by noun `o`: the agent of a participle describing
/// it ("the attack, carried out by the Taliban"), else an actor among its
/// modifiers ("a US airstrike", "Hamas's rocket fire").
fn act_doer(t: &Tree, o: usize, judge: &Judge) -> Option<usize> {
    if let Some(a) = participle_agent(t, o).filter(|&a| judge(a).is_some_and(|s| s > 0)) {
        return Some(a);
    }
    // Through nested modifiers: "a United States counterterrorism
    // operation" hangs "States" from "counterterrorism".
    let mut stack = vec![o];
    while let Some(n) = stack.pop() {
        let mods = t
            .children(n)
            .iter()
            .copied()
            .filter(|&c| rel_is(t.rel(c), "amod") || rel_is(t.rel(c), "compound") || rel_is(t.rel(c), "nmod:poss"));
        for c in mods {
            if judge(c).is_some_and(|s| s > 0) {
                return Some(c);
            }
            stack.push(c);
        }
    }
    None
}

/// The "by" agent of a past participle describing noun `n`: "an attack
/// carried out by the Taliban", and, where the parser hung the participle
/// on the noun's governor, "died in the attack, reportedly conducted by
/// the Taliban" (the participle follows the noun's phrase with nothing
/// but punctuation and adverbs between).
pub fn participle_agent(t: &Tree, n: usize) -> Option<usize> {
    let agent = |p: usize| t.kid(p, "obl:agent").or_else(|| obliques(t, p).find(|(_, c)| c == "by").map(|(a, _)| a));
    let participle = |p: usize| t.tok(p).xpos == "VBN" && !t.rel(p).ends_with("relcl") && t.kid(p, "nsubj").is_none();
    if let Some(a) = t.kids(n, "acl").filter(|&p| participle(p)).find_map(agent) {
        return Some(a);
    }
    let g = t.head(n)?;
    let end = *t.subtree(n, &[]).last()?;
    t.children(g)
        .iter()
        .copied()
        .filter(|&p| p > end && participle(p) && (rel_is(t.rel(p), "advcl") || rel_is(t.rel(p), "acl")))
        .find(|&p| {
            let first = t.subtree(p, &[]).first().copied().unwrap_or(p);
            (end + 1..first).all(|k| t.tok(k).upos == "PUNCT")
                && (first..p).all(|k| matches!(t.tok(k).upos.as_str(), "ADV" | "PUNCT"))
        })
        .and_then(agent)
}

/// Whether verb `v` is a past form with no subject, object or auxiliary
/// of its own, right after a noun ("reporting 150 forces and 95 civilians
/// killed"): a participle describing that noun, however it was parsed.
pub fn bare_participle_after_noun(t: &Tree, v: usize) -> bool {
    let prev = (t.range.start..v).next_back();
    matches!(t.tok(v).xpos.as_str(), "VBN" | "VBD")
        && !reduced_relative_at(t, v)
        && subject(t, v).is_none()
        && !t.has_kid_in(v, &["nsubj:pass", "obj", "aux", "aux:pass", "obl:agent", "ccomp", "xcomp"])
        && obliques(t, v).all(|(_, c)| c != "by")
        && prev.is_some_and(|p| matches!(t.tok(p).upos.as_str(), "NOUN" | "PROPN"))
}

/// "prisoners sentenced to life": a past participle modifying a noun.
pub fn reduced_relative(t: &Tree, trig: &Trigger) -> bool {
    trig.pos == TriggerPos::Verb && reduced_relative_at(t, trig.token)
}

/// Whether token `i` is a past participle modifying a noun.
pub fn reduced_relative_at(t: &Tree, i: usize) -> bool {
    t.tok(i).xpos == "VBN" && rel_is(t.rel(i), "acl") && !t.rel(i).ends_with("relcl")
}

pub fn is_passive(t: &Tree, v: usize) -> bool {
    t.kid(v, "nsubj:pass").is_some() || t.kid(v, "aux:pass").is_some()
}

/// The direct objects of verb `v` (the passive subject for a passive).
pub fn objects(t: &Tree, v: usize) -> Vec<usize> {
    if is_passive(t, v) {
        let own: Vec<usize> = t.kids(v, "nsubj:pass").collect();
        if !own.is_empty() {
            return own;
        }
        // "died after being shot", "was arrested and charged": a passive
        // clause with no subject of its own is about its governor's.
        let shares = rel_is(t.rel(v), "advcl") || rel_is(t.rel(v), "conj");
        match t.head(v).filter(|_| shares) {
            Some(h) if !is_passive(t, h) => t.kids(h, "nsubj").filter(|&s| !t.in_time(s)).collect(),
            Some(h) => t.kids(h, "nsubj:pass").collect(),
            None => own,
        }
    } else {
        t.kids(v, "obj").collect()
    }
}

/// "the claim from Berlin", "negotiations with Israel": phrases that belong
/// to noun `n` but that the parser hung from the noun's governor (the
/// classic attachment ambiguity). Adjacency settles it for the noun: the
/// phrase must start right after the noun's own words.
pub fn stranded_obliques(t: &Tree, n: usize) -> Vec<(usize, String)> {
    let (Some(g), Some(&end)) = (t.head(n), t.subtree(n, &[]).last()) else { return Vec::new() };
    obliques(t, g).filter(|&(c, _)| c > n && t.subtree(c, &[]).first() == Some(&(end + 1))).collect()
}

/// "Police fired and landed a live round on a protester": a verb with no
/// object and no phrase of its own, coordinated with a later verb of the
/// same subject, shares that verb's prepositional phrases (the parser
/// hangs a shared phrase on the nearer verb). Returns them with their
/// prepositions. A phrase fronted before the verb sets the scene for both
/// ("For the first time, police fired and landed ..."): only the verb's
/// later phrases, times aside, are its own.
pub fn shared_obliques(t: &Tree, v: usize) -> Vec<(usize, String)> {
    let bare = objects(t, v).is_empty() && obliques(t, v).all(|(c, _)| c < v || t.in_time(c));
    if !bare || !t.is_verbal(v) {
        return Vec::new();
    }
    t.kids(v, "conj")
        .filter(|&c| c > v && t.is_verbal(c) && t.kids(c, "nsubj").next().is_none())
        .flat_map(|c| obliques(t, c).filter(move |&(x, _)| x > c).collect::<Vec<_>>())
        .collect()
}

/// Obliques and nominal modifiers of `i` with their prepositions.
pub fn obliques<'b>(t: &'b Tree, i: usize) -> impl Iterator<Item = (usize, String)> + 'b {
    t.children(i)
        .iter()
        .copied()
        .filter(move |&c| rel_is(t.rel(c), "obl") || rel_is(t.rel(c), "nmod"))
        .filter_map(move |c| t.case_of(c).map(|case| (c, case)))
}

/// Whether noun `s` opens with a preposition ("with", "of"), which no
/// subject does (the possessive "'s" is its possessor's, not its own).
fn prepositional(t: &Tree, s: usize) -> bool {
    // "up to 1,000 Turks", "about 20 people": a word before a number
    // bounds the count.
    let count = |c: usize| c + 1 < t.range.end && t.tok(c + 1).upos == "NUM";
    t.kids(s, "case").any(|c| c < s && (t.tok(c).upos == "ADP" || t.tok(c).xpos == "IN") && !count(c))
}

/// The subject of verb `v`, inherited through the clause it depends on:
/// coordination and adverbial clauses share it; an infinitive complement
/// takes its governor's object if there is one ("asked Israel to release"),
/// else its subject ("is ready to provide").
pub fn subject(t: &Tree, v: usize) -> Option<usize> {
    let mut cur = v;
    for _ in 0..5 {
        // A "by" agent makes a passive, finite or not ("an agreement
        // mediated by Algeria").
        if let Some(a) = t.kid(cur, "obl:agent") {
            return Some(a);
        }
        if is_passive(t, cur) {
            if let Some(a) = obliques(t, cur).find(|(_, c)| c == "by").map(|(a, _)| a) {
                return Some(a);
            }
            // A passive names its doer only with "by": the subject it
            // inherits ("died after being shot") is the one acted on.
            return None;
        } else if let Some(s) = t.kids(cur, "nsubj").find(|&s| !t.in_time(s) && !prepositional(t, s)) {
            // "This Thursday the Commission criticized ...": a time word
            // parsed as a second subject is no subject; nor is a phrase
            // with a preposition ("with officials reporting ... killed").
            return Some(s);
        }
        let rel = t.rel(cur);
        let head = t.head(cur)?;
        if rel_is(rel, "xcomp") {
            if let Some(o) = t.kid(head, "obj").or_else(|| t.kid(head, "iobj")) {
                return Some(o);
            }
            cur = head;
        } else if let Some(maker) = proposal_maker(t, cur) {
            // "announced plans to remove the troops", "Honcharuk's offer to
            // resign": whoever made the plan would do it.
            if t.is_verbal(maker) {
                cur = maker;
            } else {
                return Some(maker);
            }
        } else if rel_is(rel, "conj") || rel_is(rel, "advcl") {
            // "was interrupted by protesting legislators": a passive's "by"
            // phrase read as a clause does not share the passive's subject,
            // the one acted on.
            let by = t.kids(cur, "mark").any(|m| t.lemma(m).eq_ignore_ascii_case("by"));
            if by && is_passive(t, head) {
                return None;
            }
            // "Rittenhouse is accused of killing two people", "was
            // arrested for stabbing", "charged with plotting": the one
            // accused, arrested or charged is said to have done it.
            let charge = rel_is(rel, "advcl")
                && t.kids(cur, "mark").any(|m| matches!(t.lemma(m).to_lowercase().as_str(), "of" | "for" | "with"));
            if charge && is_passive(t, head) {
                return t.kid(head, "nsubj:pass");
            }
            cur = head;
        } else {
            // "a deal freeing prisoners": the noun is not the doer.
            return None;
        }
    }
    None
}

/// Who made the plan, offer or proposal whose infinitive `v` is: the
/// proposal noun's (cue list `propose`) possessor ("Honcharuk's offer to
/// resign"), else the verb that made it, with the noun as its object
/// ("announced plans to remove", "made an offer to mediate"; a light
/// verb: "declined the offer to resign" is another's offer).
fn proposal_maker(t: &Tree, v: usize) -> Option<usize> {
    let noun = t.head(v)?;
    let infinitive = rel_is(t.rel(v), "acl")
        && !t.rel(v).ends_with("relcl")
        && t.kids(v, "mark").any(|m| t.lemma(m).eq_ignore_ascii_case("to"));
    let proposal =
        t.tok(noun).upos == "NOUN" && crate::cues::has(crate::cues::List::Propose, &t.lemma(noun).to_lowercase());
    if !infinitive || !proposal {
        return None;
    }
    if let Some(p) = t.kid(noun, "nmod:poss") {
        return Some(p);
    }
    let verb = t.head(noun).filter(|_| rel_is(t.rel(noun), "obj"))?;
    crate::cues::has(crate::cues::List::LightVerb, &t.lemma(verb).to_lowercase()).then_some(verb)
}

/// The nearest actor before (`left`) or after the trigger, within a few
/// words and not behind a preposition other than a partner's.
fn nearest_actor(t: &Tree, trigger: usize, left: bool, ok: &dyn Fn(usize) -> bool) -> Option<usize> {
    const MAX: usize = 8;
    let fits = |k: usize| {
        matches!(t.tok(k).upos.as_str(), "NOUN" | "PROPN")
            && t.case_of(k).is_none_or(|c| !left && matches!(c.as_str(), "to" | "against" | "with" | "on"))
            && ok(k)
    };
    if left {
        (t.range.start..trigger).rev().take(MAX).take_while(|&k| t.tok(k).form != ";").find(|&k| fits(k))
    } else {
        (trigger + 1..t.range.end)
            .take(MAX)
            .take_while(|&k| {
                // Not into another clause: "Qatar would host a ceremony and
                // the UN would send monitors", "arrived and detained the man".
                let boundary = matches!(t.tok(k).form.as_str(), ";" | ",")
                    || matches!(t.tok(k).xpos.as_str(), "MD" | "VBD" | "VBZ" | "VBP");
                let other_verb = rel_is(t.rel(k), "conj") && t.is_verbal(k);
                !boundary && !other_verb
            })
            .find(|&k| fits(k))
    }
}

/// Candidate targets below the trigger: the object's prepositional
/// partners, then the complement clause's object and partners.
fn deeper_targets(t: &Tree, trigger: usize) -> Vec<usize> {
    const PARTNER: &[&str] = &["to", "with", "against", "on", "for", "from", "into", "between"];
    let partners = |n: usize| -> Vec<usize> {
        obliques(t, n).filter(|(_, c)| PARTNER.contains(&c.as_str())).map(|(c, _)| c).collect()
    };
    // Inside an object, "by" and "of" also name a party ("an admission by
    // Moscow"); on the trigger itself "by" is the passive's agent.
    let object_partners = |n: usize| -> Vec<usize> {
        obliques(t, n)
            .filter(|(_, c)| PARTNER.contains(&c.as_str()) || c == "by" || c == "of")
            .map(|(c, _)| c)
            .collect()
    };
    let mut out = Vec::new();
    // "demanded that the US cancel ...": the one asked is the clause's subject.
    for x in t.kids(trigger, "ccomp") {
        out.extend(t.kid(x, "nsubj"));
    }
    for o in objects(t, trigger) {
        out.extend(t.kid(o, "nmod:poss"));
        out.extend(object_partners(o));
        // "alleged Iranian involvement", "condemned Israeli strikes": a
        // named party modifying the object.
        out.extend(
            t.children(o)
                .iter()
                .copied()
                .filter(|&c| c < o && (rel_is(t.rel(c), "amod") || rel_is(t.rel(c), "compound"))),
        );
    }
    // The trigger's own partners follow it (see `side`).
    out.extend(partners(trigger).into_iter().filter(|&c| c > trigger));
    // One level further inside the object: "issued a subpoena for
    // documents from Pompeo".
    for o in objects(t, trigger) {
        for p in object_partners(o) {
            out.extend(partners(p));
        }
    }
    // "an inquiry into the conduct of Trump", "a probe into Iran's role":
    // whose conduct it is (cue list `conduct`).
    let conduct = |n: usize| crate::cues::has(crate::cues::List::Conduct, &t.lemma(n).to_lowercase());
    let mut inner: Vec<usize> = partners(trigger);
    for o in objects(t, trigger) {
        inner.extend(object_partners(o));
    }
    for c in inner.into_iter().filter(|&c| conduct(c)) {
        out.extend(t.kid(c, "nmod:poss"));
        out.extend(obliques(t, c).filter(|(_, case)| case == "of").map(|(x, _)| x));
    }
    for x in t.kids(trigger, "xcomp").chain(t.kids(trigger, "ccomp")) {
        out.extend(objects(t, x));
        out.extend(partners(x));
        for o in objects(t, x) {
            out.extend(partners(o));
        }
        for y in t.kids(x, "xcomp") {
            out.extend(objects(t, y));
            out.extend(partners(y));
        }
    }
    out
}

/// The subject of the light verb whose object (or means) `noun` is.
/// A noun coordinated with another shares its relation to the verb
/// ("announced it by television and in a rally": the rally is a means
/// too), under its own preposition if it has one.
pub fn light_verb_subject(t: &Tree, noun: usize) -> Option<usize> {
    let mut first = noun;
    for _ in 0..t.range.len() {
        match t.head(first) {
            Some(h) if rel_is(t.rel(first), "conj") && !t.is_verbal(h) => first = h,
            _ => break,
        }
    }
    let rel = t.rel(first);
    let v = t.head(first)?;
    let lemma = t.lemma(v).to_lowercase();
    let light = crate::cues::has(crate::cues::List::LightVerb, &lemma) && !naming(t, v, first);
    let case = t.case_of(noun).or_else(|| t.case_of(first));
    let means = rel_is(rel, "obl") && matches!(case.as_deref(), Some("through" | "via" | "in" | "by"));
    if (light && (rel_is(rel, "obj") || rel_is(rel, "nsubj:pass"))) || means {
        return subject(t, v);
    }
    None
}

/// Whether verb `v` names what something is rather than doing the act of
/// its object `noun`: "(in) what the police declared a terrorist attack",
/// "declared it an attack", against "declared war".
fn naming(t: &Tree, v: usize, noun: usize) -> bool {
    if !crate::cues::has(crate::cues::List::NamingVerb, &t.lemma(v).to_lowercase()) {
        return false;
    }
    let of_what = t.rel(v) == "acl:relcl"
        && t.head(v).is_some_and(|h| matches!(t.lemma(h).to_lowercase().as_str(), "what" | "which" | "that"));
    let second = t.children(v).iter().any(|&c| c != noun && (rel_is(t.rel(c), "obj") || rel_is(t.rel(c), "xcomp")));
    of_what || second
}

/// Whether the subject of `trigger` (its light verb's, for a noun) is a
/// word of nobody: "Nobody can put pressure on me" names its doer, no one,
/// and no neighbour or speaker stands in for it.
pub fn done_by_no_one(t: &Tree, trigger: usize, pos: TriggerPos) -> bool {
    let s = match pos {
        TriggerPos::Verb => subject(t, trigger),
        TriggerPos::Noun => light_verb_subject(t, trigger),
    };
    s.is_some_and(|s| crate::cues::has(crate::cues::List::Nobody, &t.lemma(s).to_lowercase()))
}

/// The head of the phrase filling `role` of `trigger`.
pub fn find_role(t: &Tree, trigger: usize, role: &Role, pos: TriggerPos) -> Option<usize> {
    match role {
        Role::Subject => match pos {
            TriggerPos::Verb => subject(t, trigger),
            TriggerPos::Noun => light_verb_subject(t, trigger),
        },
        Role::Object => objects(t, trigger).into_iter().next().or_else(|| t.kid(trigger, "iobj")),
        Role::IndirectObject => t.kid(trigger, "iobj"),
        Role::Possessor => t.kid(trigger, "nmod:poss"),
        Role::Modifier => t
            .children(trigger)
            .iter()
            .copied()
            .find(|&c| (rel_is(t.rel(c), "amod") || rel_is(t.rel(c), "compound")) && t.tok(c).upos != "NOUN"),
        Role::Prep(p) => {
            if let Some((c, _)) = obliques(t, trigger).find(|(_, case)| case == p) {
                return Some(c);
            }
            // "filed a lawsuit against X": the partner may hang from the object.
            if pos == TriggerPos::Verb {
                if let Some(c) =
                    objects(t, trigger).into_iter().find_map(|o| obliques(t, o).find(|(_, case)| case == p))
                {
                    return Some(c.0);
                }
                if let Some((c, _)) = shared_obliques(t, trigger).into_iter().find(|(_, case)| case == p) {
                    return Some(c);
                }
            }
            // "conducting talks with X": the partner may hang from the light verb.
            if pos == TriggerPos::Noun && rel_is(t.rel(trigger), "obj") {
                let v = t.head(trigger)?;
                return obliques(t, v).find(|(_, case)| case == p).map(|(c, _)| c);
            }
            // "through negotiations with Israel": a phrase right after the
            // noun may be hung from the noun's governor instead (the classic
            // attachment ambiguity); adjacency settles it for the noun.
            if pos == TriggerPos::Noun {
                return stranded_obliques(t, trigger).into_iter().find(|(_, case)| case == p).map(|(c, _)| c);
            }
            None
        }
        Role::None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::events::Lexicon;
    use crate::fixture::{doc, spaced};

    fn entry(line: &str) -> crate::dict::events::EventEntry {
        let (l, errs) = Lexicon::parse(line, "t.tsv");
        assert!(errs.is_empty(), "{errs:?}");
        let e = line.split('\t').collect::<Vec<_>>();
        let pos = if e[1] == "verb" { TriggerPos::Verb } else { TriggerPos::Noun };
        l.entries(pos, e[2])[0].clone()
    }

    /// Every noun and proper noun is a named actor here: the frame alone is tested.
    fn all<'b>(t: &'b Tree) -> impl Fn(usize) -> Option<u8> + 'b {
        |h| matches!(t.tok(h).upos.as_str(), "PROPN" | "NOUN" | "PRON").then_some(2)
    }

    #[test]
    fn an_infinitive_takes_its_governors_object_as_subject() {
        // Hamas asked Israel to release prisoners.
        let d = doc(&spaced(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ _
             2 asked ask VERB VBD _ 0 root _ _
             3 Israel Israel PROPN NNP _ 2 obj _ _
             4 to to PART TO _ 5 mark _ _
             5 release release VERB VB _ 2 xcomp _ _
             6 prisoners prisoner NOUN NNS _ 5 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("0841\tverb\trelease");
        let f = frame(&t, &Trigger { token: 4, entry: &e, pos: TriggerPos::Verb, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[2][..], &[5][..]));
        assert!(!f.agentless);
    }

    #[test]
    fn opposition_in_a_concessive_phrase_is_aimed_at_the_subject() {
        // Erdogan announced it despite criticism by Greece / ... despite a ceasefire
        let d = doc(&spaced(
            "1 Erdogan Erdogan PROPN NNP _ 2 nsubj _ _
             2 announced announce VERB VBD _ 0 root _ _
             3 it it PRON PRP _ 2 obj _ _
             4 despite despite ADP IN _ 5 case _ _
             5 criticism criticism NOUN NN _ 2 obl _ _
             6 by by ADP IN _ 7 case _ _
             7 Greece Greece PROPN NNP _ 5 nmod _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("111\tnoun\tcriticism\tsrc=by");
        let f = frame(&t, &Trigger { token: 4, entry: &e, pos: TriggerPos::Noun, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[6][..], &[0][..]));
        let e = entry("0871\tnoun\tcriticism");
        let f = frame(&t, &Trigger { token: 4, entry: &e, pos: TriggerPos::Noun, code: None }, &all(&t));
        assert!(f.target.heads.is_empty(), "a ceasefire is no opposition");
        // The phrase hung on a noun of the clause: "Erdogan announced it
        // in a rally despite criticism by Greece".
        let d = doc(&spaced(
            "1 Erdogan Erdogan PROPN NNP _ 2 nsubj _ _
             2 announced announce VERB VBD _ 0 root _ _
             3 it it PRON PRP _ 2 obj _ _
             4 in in ADP IN _ 6 case _ _
             5 a a DET DT _ 6 det _ _
             6 rally rally NOUN NN _ 2 obl _ _
             7 despite despite ADP IN _ 8 case _ _
             8 criticism criticism NOUN NN _ 6 nmod _ _
             9 by by ADP IN _ 10 case _ _
             10 Greece Greece PROPN NNP _ 8 nmod _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("111\tnoun\tcriticism\tsrc=by");
        let f = frame(&t, &Trigger { token: 7, entry: &e, pos: TriggerPos::Noun, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[9][..], &[0][..]));
    }

    #[test]
    fn a_request_answered_was_made_to_who_answers() {
        // Elizabeth complied with the request of Johnson / Johnson made a request
        let d = doc(&spaced(
            "1 Elizabeth Elizabeth PROPN NNP _ 2 nsubj _ _
             2 complied comply VERB VBD _ 0 root _ _
             3 with with ADP IN _ 5 case _ _
             4 the the DET DT _ 5 det _ _
             5 request request NOUN NN _ 2 obl _ _
             6 of of ADP IN _ 7 case _ _
             7 Johnson Johnson PROPN NNP _ 5 nmod _ _

             1 Johnson Johnson PROPN NNP _ 2 nsubj _ _
             2 made make VERB VBD _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 request request NOUN NN _ 2 obj _ _",
        ));
        let e = entry("100\tnoun\trequest\tsrc=poss|of|by\ttgt=to|from");
        let t = Tree::new(&d, 0);
        let f = frame(&t, &Trigger { token: 4, entry: &e, pos: TriggerPos::Noun, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[6][..], &[0][..]));
        let t = Tree::new(&d, 1);
        let s = t.range.start;
        let f = frame(&t, &Trigger { token: s + 3, entry: &e, pos: TriggerPos::Noun, code: None }, &all(&t));
        assert!(f.target.heads.is_empty(), "{f:?}");
    }

    #[test]
    fn an_act_as_subject_leaves_no_doer_to_guess() {
        // A bombing killed one soldier and wounded two soldiers
        let d = doc(&spaced(
            "1 A a DET DT _ 2 det _ _
             2 bombing bombing NOUN NN _ 3 nsubj _ _
             3 killed kill VERB VBD _ 0 root _ _
             4 one one NUM CD _ 5 nummod _ _
             5 soldier soldier NOUN NN _ 3 obj _ _
             6 and and CCONJ CC _ 7 cc _ _
             7 wounded wound VERB VBD _ 3 conj _ _
             8 two two NUM CD _ 9 nummod _ _
             9 soldiers soldier NOUN NNS _ 7 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("190\tverb\twound");
        // Only the soldiers are actors.
        let judge = |h: usize| matches!(h, 4 | 8).then_some(2u8);
        let f = frame(&t, &Trigger { token: 6, entry: &e, pos: TriggerPos::Verb, code: None }, &judge);
        assert!(f.source.heads.is_empty(), "{f:?}");
        assert_eq!(f.target.heads, [8]);
    }

    #[test]
    fn a_participle_describing_an_act_names_its_doer() {
        // Dozens died in the attack , reportedly conducted by the Taliban
        let d = doc(&spaced(
            "1 Dozens dozen NOUN NNS _ 2 nsubj _ _
             2 died die VERB VBD _ 0 root _ _
             3 in in ADP IN _ 5 case _ _
             4 the the DET DT _ 5 det _ _
             5 attack attack NOUN NN _ 2 obl _ _
             6 , , PUNCT , _ 8 punct _ _
             7 reportedly reportedly ADV RB _ 8 advmod _ _
             8 conducted conduct VERB VBN _ 2 advcl _ _
             9 by by ADP IN _ 11 case _ _
             10 the the DET DT _ 11 det _ _
             11 Taliban Taliban PROPN NNP _ 8 obl:agent _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(participle_agent(&t, 4), Some(10));
        // The attack's doer is the dying's source; the noun's own too.
        let judge = |h: usize| (h == 10).then_some(2u8);
        let die = entry("190\tverb\tdie\tprep=in\tpobj=attack\tsrc=none\ttgt=subj");
        let f = frame(&t, &Trigger { token: 1, entry: &die, pos: TriggerPos::Verb, code: None }, &judge);
        assert_eq!(f.source.heads, [10]);
        let attack = entry("190\tnoun\tattack");
        let f = frame(&t, &Trigger { token: 4, entry: &attack, pos: TriggerPos::Noun, code: None }, &judge);
        assert_eq!(f.source.heads, [10]);
        // A participle further off, after other words, is not the noun's.
        let d = doc(&spaced(
            "1 Dozens dozen NOUN NNS _ 2 nsubj _ _
             2 died die VERB VBD _ 0 root _ _
             3 in in ADP IN _ 4 case _ _
             4 attacks attack NOUN NNS _ 2 obl _ _
             5 and and CCONJ CC _ 6 cc _ _
             6 more more ADJ JJR _ 2 obj _ _
             7 were be AUX VBD _ 8 aux:pass _ _
             8 arrested arrest VERB VBN _ 2 advcl _ _
             9 by by ADP IN _ 10 case _ _
             10 police police NOUN NN _ 8 obl:agent _ _",
        ));
        assert_eq!(participle_agent(&Tree::new(&d, 0), 3), None);
    }

    #[test]
    fn a_bare_past_form_after_nouns_describes_its_victims() {
        // with officials reporting 150 forces and civilians killed
        let d = doc(&spaced(
            "1 with with ADP IN _ 2 case _ _
             2 officials official NOUN NNS _ 8 nsubj _ _
             3 reporting report VERB VBG _ 2 acl _ _
             4 150 150 NUM CD _ 5 nummod _ _
             5 forces force NOUN NNS _ 3 obj _ _
             6 and and CCONJ CC _ 7 cc _ _
             7 civilians civilian NOUN NNS _ 5 conj _ _
             8 killed kill VERB VBD _ 0 root _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(subject(&t, 7), None, "a phrase with a preposition is no subject");
        // Up to 1,000 Turks began (with "to" the case of Turks)
        let d = doc(&spaced(
            "1 Up up ADP IN _ 5 mark _ _
             2 to to ADP IN _ 4 case _ _
             3 1,000 1000 NUM CD _ 4 nummod _ _
             4 Turks Turk PROPN NNPS _ 5 nsubj _ _
             5 began begin VERB VBD _ 0 root _ _",
        ));
        assert_eq!(subject(&Tree::new(&d, 0), 4), Some(3), "a bounded count is a subject");
        assert!(bare_participle_after_noun(&t, 7));
        let e = entry("190\tverb\tkill");
        let f = frame(&t, &Trigger { token: 7, entry: &e, pos: TriggerPos::Verb, code: None }, &all(&t));
        assert!(f.source.heads.is_empty(), "{f:?}");
        assert_eq!(f.target.heads, [6]);
        // "Police killed": a subject of its own.
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 killed kill VERB VBD _ 0 root _ _",
        ));
        assert!(!bare_participle_after_noun(&Tree::new(&d, 0), 1));
    }

    #[test]
    fn no_guess_across_a_conjoined_verb() {
        // Police arrived and detained the man (arrive takes "in" or "at")
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 arrived arrive VERB VBD _ 0 root _ _
             3 and and CCONJ CC _ 4 cc _ _
             4 detained detain VERB VBN _ 2 conj _ _
             5 the the DET DT _ 6 det _ _
             6 man man NOUN NN _ 4 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("042\tverb\tarrive\ttgt=in|at");
        let f = frame(&t, &Trigger { token: 1, entry: &e, pos: TriggerPos::Verb, code: None }, &all(&t));
        assert!(f.target.heads.is_empty(), "{f:?}");
    }

    #[test]
    fn a_named_party_modifying_the_object_is_the_target() {
        // The US alleged Iranian involvement
        let d = doc(&spaced(
            "1 US US PROPN NNP _ 2 nsubj _ _
             2 alleged allege VERB VBD _ 0 root _ _
             3 Iranian Iranian ADJ JJ _ 4 amod _ _
             4 involvement involvement NOUN NN _ 2 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("112\tverb\tallege");
        let judge = |h: usize| matches!(h, 0 | 2).then_some(2u8);
        let f = frame(&t, &Trigger { token: 1, entry: &e, pos: TriggerPos::Verb, code: None }, &judge);
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[0][..], &[2][..]));
    }

    #[test]
    fn an_operations_actor_did_it_but_a_places_modifier_did_not() {
        // He was killed in a US airstrike / He was arrested in the border state
        let d = doc(&spaced(
            "1 He he PRON PRP _ 3 nsubj:pass _ _
             2 was be AUX VBD _ 3 aux:pass _ _
             3 killed kill VERB VBN _ 0 root _ _
             4 in in ADP IN _ 7 case _ _
             5 a a DET DT _ 7 det _ _
             6 US US PROPN NNP _ 7 compound _ _
             7 airstrike airstrike NOUN NN _ 3 obl _ _

             1 He he PRON PRP _ 3 nsubj:pass _ _
             2 was be AUX VBD _ 3 aux:pass _ _
             3 arrested arrest VERB VBN _ 0 root _ _
             4 in in ADP IN _ 7 case _ _
             5 the the DET DT _ 7 det _ _
             6 border border NOUN NN _ 7 compound _ _
             7 state state NOUN NN _ 3 obl _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(operation_agent(&t, 2, &all(&t)), Some(5));
        let t = Tree::new(&d, 1);
        let s = t.range.start;
        assert_eq!(operation_agent(&t, s + 2, &all(&t)), None);
    }

    #[test]
    fn a_naming_verb_does_not_do_what_it_names() {
        // in what the police declared an attack
        let d = doc(&spaced(
            "1 in in ADP IN _ 2 case _ _
             2 what what PRON WP _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 police police NOUN NN _ 5 nsubj _ _
             5 declared declare VERB VBD _ 2 acl:relcl _ _
             6 an a DET DT _ 7 det _ _
             7 attack attack NOUN NN _ 5 obj _ _",
        ));
        assert_eq!(light_verb_subject(&Tree::new(&d, 0), 6), None);
        // Russia declared war
        let d = doc(&spaced(
            "1 Russia Russia PROPN NNP _ 2 nsubj _ _
             2 declared declare VERB VBD _ 0 root _ _
             3 war war NOUN NN _ 2 obj _ _",
        ));
        assert_eq!(light_verb_subject(&Tree::new(&d, 0), 2), Some(0));
    }

    #[test]
    fn a_complement_entry_is_aimed_at_the_complements_object() {
        // The regulator refused to provide the network with a license
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 regulator regulator NOUN NN _ 3 nsubj _ _
             3 refused refuse VERB VBD _ 0 root _ _
             4 to to PART TO _ 5 mark _ _
             5 provide provide VERB VB _ 3 xcomp _ _
             6 the the DET DT _ 7 det _ _
             7 network network NOUN NN _ 5 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("122\tverb\trefuse\txcomp=provide");
        let f = frame(&t, &Trigger { token: 2, entry: &e, pos: TriggerPos::Verb, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[1][..], &[6][..]));
    }

    #[test]
    fn a_party_one_phrase_deeper_inside_the_object() {
        // The House issued a subpoena for documents from Pompeo
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 House House PROPN NNP _ 3 nsubj _ _
             3 issued issue VERB VBD _ 0 root _ _
             4 a a DET DT _ 5 det _ _
             5 subpoena subpoena NOUN NN _ 3 obj _ _
             6 for for ADP IN _ 7 case _ _
             7 documents document NOUN NNS _ 5 nmod _ _
             8 from from ADP IN _ 9 case _ _
             9 Pompeo Pompeo PROPN NNP _ 7 nmod _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("090\tverb\tissue\tobj=subpoena\ttgt=to|for|against");
        // Only names are actors here: the documents are no party.
        let names = |h: usize| (t.tok(h).upos == "PROPN").then_some(2);
        let f = frame(&t, &Trigger { token: 2, entry: &e, pos: TriggerPos::Verb, code: None }, &names);
        assert_eq!(f.target.heads, [8]);
    }

    #[test]
    fn a_bare_verb_shares_the_phrase_of_its_conjunct() {
        // Police fired and landed a round on a protester .
        let text = "1 Police police NOUN NNS _ 2 nsubj _ _
             2 fired fire VERB VBD _ 0 root _ _
             3 and and CCONJ CC _ 4 cc _ _
             4 landed land VERB VBD _ 2 conj _ _
             5 a a DET DT _ 6 det _ _
             6 round round NOUN NN _ 4 obj _ _
             7 on on ADP IN _ 9 case _ _
             8 a a DET DT _ 9 det _ _
             9 protester protester NOUN NN _ 4 obl _ _
             10 . . PUNCT . _ 2 punct _ _";
        let d = doc(&spaced(text));
        let t = Tree::new(&d, 0);
        assert_eq!(find_role(&t, 1, &Role::Prep("on".into()), TriggerPos::Verb), Some(8));
        let e = entry("190\tverb\tfire\tprep=on|at\ttgt=on|at");
        let lexicon = Lexicon::parse("190\tverb\tfire\tprep=on|at\ttgt=on|at\n", "t.tsv").0;
        let found = crate::trigger::find(&t, &lexicon);
        assert_eq!(found.iter().map(|g| g.token).collect::<Vec<_>>(), [1]);
        let f = frame(&t, &Trigger { token: 1, entry: &e, pos: TriggerPos::Verb, code: None }, &all(&t));
        assert_eq!(f.target.heads, [8]);
        // A verb with a phrase of its own shares none: "fired at the
        // building and landed a round on a protester".
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 fired fire VERB VBD _ 0 root _ _
             3 at at ADP IN _ 5 case _ _
             4 the the DET DT _ 5 det _ _
             5 building building NOUN NN _ 2 obl _ _
             6 and and CCONJ CC _ 7 cc _ _
             7 landed land VERB VBD _ 2 conj _ _
             8 a a DET DT _ 9 det _ _
             9 round round NOUN NN _ 7 obj _ _
             10 on on ADP IN _ 12 case _ _
             11 a a DET DT _ 12 det _ _
             12 protester protester NOUN NN _ 7 obl _ _",
        ));
        assert!(shared_obliques(&Tree::new(&d, 0), 1).is_empty());
        // A phrase fronted before the verb is no phrase of its own: "For
        // the first time police fired and landed a round on a protester".
        let d = doc(&spaced(
            "1 For for ADP IN _ 4 case _ _
             2 the the DET DT _ 4 det _ _
             3 first first ADJ JJ _ 4 amod _ _
             4 time time NOUN NN _ 6 obl _ _
             5 police police NOUN NN _ 6 nsubj _ _
             6 fired fire VERB VBD _ 0 root _ _
             7 and and CCONJ CC _ 8 cc _ _
             8 landed land VERB VBD _ 6 conj _ _
             9 a a DET DT _ 10 det _ _
             10 round round NOUN NN _ 8 obj _ _
             11 on on ADP IN _ 13 case _ _
             12 a a DET DT _ 13 det _ _
             13 protester protester NOUN NN _ 8 obl _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(find_role(&t, 5, &Role::Prep("on".into()), TriggerPos::Verb), Some(12));
        assert_eq!(crate::trigger::find(&t, &lexicon).iter().map(|g| g.token).collect::<Vec<_>>(), [5]);
    }

    #[test]
    fn a_nouns_partner_may_hang_from_its_governor_right_after_it() {
        // Hamas sought a deal through negotiations with Israel.
        let d = doc(&spaced(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ _
             2 sought seek VERB VBD _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 deal deal NOUN NN _ 2 obj _ _
             5 through through ADP IN _ 6 case _ _
             6 negotiations negotiation NOUN NNS _ 2 obl _ _
             7 with with ADP IN _ 8 case _ _
             8 Israel Israel PROPN NNP _ 2 obl _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(find_role(&t, 5, &Role::Prep("with".into()), TriggerPos::Noun), Some(7));
        // Not when a word comes between: "negotiations last year with Israel".
        let d = doc(&spaced(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ _
             2 sought seek VERB VBD _ 0 root _ _
             3 negotiations negotiation NOUN NNS _ 2 obj _ _
             4 yesterday yesterday NOUN NN _ 2 obl:tmod _ _
             5 with with ADP IN _ 6 case _ _
             6 Israel Israel PROPN NNP _ 2 obl _ _",
        ));
        let t = Tree::new(&d, 0);
        // (an object's partner may hang from the light verb anywhere)
        assert_eq!(find_role(&t, 2, &Role::Prep("with".into()), TriggerPos::Noun), Some(5));
        let d = doc(&spaced(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ _
             2 sought seek VERB VBD _ 0 root _ _
             3 through through ADP IN _ 4 case _ _
             4 negotiations negotiation NOUN NNS _ 2 obl _ _
             5 yesterday yesterday NOUN NN _ 2 obl:tmod _ _
             6 with with ADP IN _ 7 case _ _
             7 Israel Israel PROPN NNP _ 2 obl _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(find_role(&t, 3, &Role::Prep("with".into()), TriggerPos::Noun), None);
    }

    #[test]
    fn a_passive_done_in_an_operation_is_the_operations_actors_act() {
        // Hamza was killed in a United States counterterrorism operation.
        let d = doc(&spaced(
            "1 Hamza Hamza PROPN NNP _ 3 nsubj:pass _ _
             2 was be AUX VBD _ 3 aux:pass _ _
             3 killed kill VERB VBN _ 0 root _ _
             4 in in ADP IN _ 9 case _ _
             5 a a DET DT _ 9 det _ _
             6 United United PROPN NNP _ 7 compound _ _
             7 States States PROPN NNPS _ 8 compound _ _
             8 counterterrorism counterterrorism NOUN NN _ 9 compound _ _
             9 operation operation NOUN NN _ 3 obl _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("190\tverb\tkill");
        // Only the country is an actor here.
        let judge = |h: usize| (h == 6 || h == 0).then_some(2);
        let f = frame(&t, &Trigger { token: 2, entry: &e, pos: TriggerPos::Verb, code: None }, &judge);
        assert_eq!(f.source.heads, vec![6]);
        assert_eq!(f.target.heads, vec![0]);
    }

    #[test]
    fn a_targets_phrase_follows_its_verb() {
        // On television Erdogan attacked the proclamation.
        let d = doc(&spaced(
            "1 On on ADP IN _ 2 case _ _
             2 television television NOUN NN _ 4 obl _ _
             3 Erdogan Erdogan PROPN NNP _ 4 nsubj _ _
             4 attacked attack VERB VBD _ 0 root _ _
             5 the the DET DT _ 6 det _ _
             6 proclamation proclamation NOUN NN _ 4 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("190\tverb\tattack\ttgt=obj|on");
        // Only the nouns are candidates; the object is no actor here.
        let judge = |h: usize| (h == 1 || h == 2).then_some(2);
        let f = frame(&t, &Trigger { token: 3, entry: &e, pos: TriggerPos::Verb, code: None }, &judge);
        assert_eq!(f.source.heads, vec![2]);
        assert!(!f.target.heads.contains(&1), "{f:?}");
    }

    #[test]
    fn a_relative_pronoun_stands_for_the_noun_its_clause_describes() {
        // her husband, who was arrested
        let d = doc(&spaced(
            "1 her her PRON PRP$ _ 2 nmod:poss _ _
             2 husband husband NOUN NN _ 0 root _ SpaceAfter=No
             3 , , PUNCT , _ 6 punct _ _
             4 who who PRON WP _ 6 nsubj:pass _ _
             5 was be AUX VBD _ 6 aux:pass _ _
             6 arrested arrest VERB VBN _ 2 acl:relcl _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("173\tverb\tarrest");
        // Pronouns are no actors for this judge: the antecedent must be asked.
        let judge = |h: usize| (t.tok(h).upos == "NOUN").then_some(1);
        let f = frame(&t, &Trigger { token: 5, entry: &e, pos: TriggerPos::Verb, code: None }, &judge);
        assert_eq!(f.target.heads, vec![1]);
    }

    #[test]
    fn whoever_makes_a_plan_to_act_would_act() {
        // Egypt announced plans to mediate / Egypt announced troops to mediate
        let sentence = "1 Egypt Egypt PROPN NNP _ 2 nsubj _ _
             2 announced announce VERB VBD _ 0 root _ _
             3 plans plan NOUN NNS _ 2 obj _ _
             4 to to PART TO _ 5 mark _ _
             5 mediate mediate VERB VB _ 3 acl _ _";
        let d = doc(&spaced(sentence));
        assert_eq!(subject(&Tree::new(&d, 0), 4), Some(0));
        let d = doc(&spaced(&sentence.replace("3 plans plan", "3 troops troops")));
        assert_eq!(subject(&Tree::new(&d, 0), 4), None);
        // Declining a plan is not making it.
        let d = doc(&spaced(&sentence.replace("announced announce", "declined decline")));
        assert_eq!(subject(&Tree::new(&d, 0), 4), None);
    }

    #[test]
    fn the_one_accused_of_an_act_is_said_to_have_done_it() {
        // Hamas is accused of killing two soldiers / Hamas died after being shot
        let accused = "1 Hamas Hamas PROPN NNP _ 3 nsubj:pass _ _
             2 is be AUX VBZ _ 3 aux:pass _ _
             3 accused accuse VERB VBN _ 0 root _ _
             4 of of SCONJ IN _ 5 mark _ _
             5 killing kill VERB VBG _ 3 advcl _ _
             6 two two NUM CD _ 7 nummod _ _
             7 soldiers soldier NOUN NNS _ 5 obj _ _";
        let d = doc(&spaced(accused));
        let t = Tree::new(&d, 0);
        assert_eq!(subject(&t, 4), Some(0));
        // A count after a bare -ing form is its object, never its doer
        // ("killing 20 people"; "protesting students" are the doers).
        let bare = "1 killing kill VERB VBG _ 0 root _ _
             2 20 20 NUM CD _ 3 nummod _ _
             3 people people NOUN NNS _ 1 obj _ _";
        let e = entry("190\tverb\tkill");
        let d = doc(&spaced(bare));
        let trig = Trigger { token: 0, entry: &e, pos: TriggerPos::Verb, code: None };
        assert_eq!(attributive_gerund(&Tree::new(&d, 0), &trig), None);
        let d = doc(&spaced(&bare.replace("2 20 20 NUM CD _ 3 nummod", "2 angry angry ADJ JJ _ 3 amod")));
        assert_eq!(attributive_gerund(&Tree::new(&d, 0), &trig), Some(2));
        let after = accused.replace("4 of of SCONJ", "4 after after SCONJ");
        let d = doc(&spaced(&after));
        assert_eq!(subject(&Tree::new(&d, 0), 4), None);
    }

    #[test]
    fn an_inquiry_into_someones_conduct_is_aimed_at_them() {
        // The UN opened a probe into the conduct of Iran / into the cause of the fire
        let sentence = "1 The the DET DT _ 2 det _ _
             2 UN UN PROPN NNP _ 3 nsubj _ _
             3 opened open VERB VBD _ 0 root _ _
             4 a a DET DT _ 5 det _ _
             5 probe probe NOUN NN _ 3 obj _ _
             6 into into ADP IN _ 8 case _ _
             7 the the DET DT _ 8 det _ _
             8 conduct conduct NOUN NN _ 5 nmod _ _
             9 of of ADP IN _ 10 case _ _
             10 Iran Iran PROPN NNP _ 8 nmod _ _";
        let d = doc(&spaced(sentence));
        assert!(deeper_targets(&Tree::new(&d, 0), 2).contains(&9));
        let d = doc(&spaced(&sentence.replace("8 conduct conduct", "8 cause cause")));
        assert!(!deeper_targets(&Tree::new(&d, 0), 2).contains(&9));
    }

    #[test]
    fn a_possessor_beside_an_of_phrase_is_the_doer() {
        // Israel 's killing of the commander / the commander 's killing
        let d = doc(&spaced(
            "1 Israel Israel PROPN NNP _ 3 nmod:poss _ SpaceAfter=No
             2 's 's PART POS _ 1 case _ _
             3 killing killing NOUN NN _ 0 root _ _
             4 of of ADP IN _ 6 case _ _
             5 the the DET DT _ 6 det _ _
             6 commander commander NOUN NN _ 3 nmod _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("190\tnoun\tkilling\tsrc=by|mod\ttgt=of|poss");
        let f = frame(&t, &Trigger { token: 2, entry: &e, pos: TriggerPos::Noun, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[0][..], &[5][..]));
        let d = doc(&spaced(
            "1 the the DET DT _ 2 det _ _
             2 commander commander NOUN NN _ 4 nmod:poss _ SpaceAfter=No
             3 's 's PART POS _ 2 case _ _
             4 killing killing NOUN NN _ 0 root _ _",
        ));
        let t = Tree::new(&d, 0);
        let f = frame(&t, &Trigger { token: 3, entry: &e, pos: TriggerPos::Noun, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[][..], &[1][..]));
    }

    #[test]
    fn a_nouns_between_pair_are_its_parties() {
        // a meeting between Giuliani and Yermak
        let d = doc(&spaced(
            "1 a a DET DT _ 2 det _ _
             2 meeting meeting NOUN NN _ 0 root _ _
             3 between between ADP IN _ 4 case _ _
             4 Giuliani Giuliani PROPN NNP _ 2 nmod _ _
             5 and and CCONJ CC _ 6 cc _ _
             6 Yermak Yermak PROPN NNP _ 4 conj _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("040\tnoun\tmeeting");
        let f = frame(&t, &Trigger { token: 1, entry: &e, pos: TriggerPos::Noun, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[3][..], &[5][..]));
    }

    #[test]
    fn what_happens_during_an_event_says_nothing_of_its_doer() {
        // The government tightened security during the rally / Hamas sought a deal through talks
        let d = doc(&spaced(
            "1 government government NOUN NN _ 2 nsubj _ _
             2 tightened tighten VERB VBD _ 0 root _ _
             3 security security NOUN NN _ 2 obj _ _
             4 during during ADP IN _ 5 case _ _
             5 rally rally NOUN NN _ 2 obl _ _

             1 Hamas Hamas PROPN NNP _ 2 nsubj _ _
             2 sought seek VERB VBD _ 0 root _ _
             3 deal deal NOUN NN _ 2 obj _ _
             4 through through ADP IN _ 5 case _ _
             5 talks talk NOUN NNS _ 2 obl _ _",
        ));
        assert_eq!(light_verb_subject(&Tree::new(&d, 0), 4), None);
        let second = d.sentences[1].tokens.start;
        assert_eq!(light_verb_subject(&Tree::new(&d, 1), second + 4), Some(second));
    }

    #[test]
    fn a_conjunct_shares_the_means_of_the_first() {
        // He announced it by television and in a rally
        let d = doc(&spaced(
            "1 He he PRON PRP _ 2 nsubj _ _
             2 announced announce VERB VBD _ 0 root _ _
             3 it it PRON PRP _ 2 obj _ _
             4 by by ADP IN _ 5 case _ _
             5 television television NOUN NN _ 2 obl _ _
             6 and and CCONJ CC _ 9 cc _ _
             7 in in ADP IN _ 9 case _ _
             8 a a DET DT _ 9 det _ _
             9 rally rally NOUN NN _ 5 conj _ _",
        ));
        assert_eq!(light_verb_subject(&Tree::new(&d, 0), 8), Some(0));
    }

    #[test]
    fn a_relation_in_the_passive_is_its_subjects_state() {
        // The US had been allied with Kurdish groups
        let d = doc(&spaced(
            "1 US US PROPN NNP _ 4 nsubj:pass _ _
             2 had have AUX VBD _ 4 aux _ _
             3 been be AUX VBN _ 4 aux:pass _ _
             4 allied ally VERB VBN _ 0 root _ _
             5 with with ADP IN _ 7 case _ _
             6 Kurdish Kurdish ADJ JJ _ 7 amod _ _
             7 groups group NOUN NNS _ 4 obl _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("050\tverb\tally\ttgt=with\tboth=with");
        let f = frame(&t, &Trigger { token: 3, entry: &e, pos: TriggerPos::Verb, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[0][..], &[6][..]));
    }

    #[test]
    fn a_passives_by_phrase_read_as_a_clause_is_its_agent() {
        // Lam was interrupted by protesting legislators
        let d = doc(&spaced(
            "1 Lam Lam PROPN NNP _ 3 nsubj:pass _ _
             2 was be AUX VBD _ 3 aux:pass _ _
             3 interrupted interrupt VERB VBN _ 0 root _ _
             4 by by SCONJ IN _ 5 mark _ _
             5 protesting protest VERB VBG _ 3 advcl _ _
             6 legislators legislator NOUN NNS _ 5 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("141\tverb\tprotest");
        let f = frame(&t, &Trigger { token: 4, entry: &e, pos: TriggerPos::Verb, code: None }, &all(&t));
        assert_eq!(f.source.heads, vec![5]);
    }

    #[test]
    fn an_agentless_passive_names_no_source() {
        // Two suspects were arrested.
        let d = doc(&spaced(
            "1 Two two NUM CD _ 2 nummod _ _
             2 suspects suspect NOUN NNS _ 4 nsubj:pass _ _
             3 were be AUX VBD _ 4 aux:pass _ _
             4 arrested arrest VERB VBN _ 0 root _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("173\tverb\tarrest");
        let f = frame(&t, &Trigger { token: 3, entry: &e, pos: TriggerPos::Verb, code: None }, &all(&t));
        assert!(f.source.heads.is_empty());
        assert_eq!(f.target.heads, [1]);
        assert!(f.agentless);
    }

    #[test]
    fn a_noun_takes_the_subject_of_its_light_verb() {
        // Egypt held talks with Hamas.
        let d = doc(&spaced(
            "1 Egypt Egypt PROPN NNP _ 2 nsubj _ _
             2 held hold VERB VBD _ 0 root _ _
             3 talks talk NOUN NNS _ 2 obj _ _
             4 with with ADP IN _ 5 case _ _
             5 Hamas Hamas PROPN NNP _ 3 nmod _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("046\tnoun\ttalk\ttgt=with");
        let f = frame(&t, &Trigger { token: 2, entry: &e, pos: TriggerPos::Noun, code: None }, &all(&t));
        assert_eq!((f.source.heads.as_slice(), f.target.heads.as_slice()), (&[0][..], &[4][..]));
    }

    #[test]
    fn non_actors_are_passed_over() {
        // Police fired tear gas at protesters: "gas" is no target.
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 fired fire VERB VBD _ 0 root _ _
             3 tear tear NOUN NN _ 4 compound _ _
             4 gas gas NOUN NN _ 2 obj _ _
             5 at at ADP IN _ 6 case _ _
             6 protesters protester NOUN NNS _ 2 obl _ _",
        ));
        let t = Tree::new(&d, 0);
        let e = entry("190\tverb\tfire\ttgt=obj|at");
        let judge = |h: usize| (h != 3).then_some(1);
        let f = frame(&t, &Trigger { token: 1, entry: &e, pos: TriggerPos::Verb, code: None }, &judge);
        assert_eq!(f.target.heads, [5]);
    }

    #[test]
    fn a_time_word_parsed_as_subject_is_passed_over() {
        // This Thursday the commission criticized the move.
        let d = doc(&spaced(
            "1 This this DET DT _ 2 det _ _
             2 Thursday Thursday PROPN NNP _ 5 nsubj _ _
             3 the the DET DT _ 4 det _ _
             4 commission commission NOUN NN _ 5 nsubj _ _
             5 criticized criticize VERB VBD _ 0 root _ _
             6 the the DET DT _ 7 det _ _
             7 move move NOUN NN _ 5 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        assert!(t.in_time(1), "{:?}", d.times);
        assert_eq!(subject(&t, 4), Some(3));
    }

    #[test]
    fn a_passive_clause_inherits_its_governors_subject_as_patient() {
        // The journalist died after being shot.
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 journalist journalist NOUN NN _ 3 nsubj _ _
             3 died die VERB VBD _ 0 root _ _
             4 after after SCONJ IN _ 6 mark _ _
             5 being be AUX VBG _ 6 aux:pass _ _
             6 shot shoot VERB VBN _ 3 advcl _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(subject(&t, 5), None);
        assert_eq!(objects(&t, 5), [1]);
    }
}

//! Triggers: the words that report events.
//!
//! Every verb and noun whose lemma the lexicon knows is a candidate; a
//! gerund tagged as a noun ("Hamas freeing soldiers") and a verb form the
//! lemmatiser missed ("rioted") are looked up by their regular stems. The
//! first entry whose conditions hold fires (entries are tried most specific
//! first): object, particle, preposition and its object, complement and
//! modifier lemmas, and the lists that rule an entry out ("released a
//! statement" is no release). Word-sense rules ([`sense`]) then drop what
//! is not an event in context: parts of names, modifiers of other nouns,
//! idioms of anonymity, definitions.

pub mod sense;

use crate::dict::events::{EventEntry, TriggerPos};
use crate::dict::EventLookup;
use crate::frame::{objects, obliques};
use crate::tree::{rel_is, Tree};

/// A word that reports an event, and the lexicon entry that says which.
#[derive(Debug, Clone, Copy)]
pub struct Trigger<'l> {
    pub token: usize,
    pub entry: &'l EventEntry,
    pub pos: TriggerPos,
    /// The CAMEO code the word has here when its sense differs from the
    /// entry's ("attacked the decision" is criticism, 111).
    pub code: Option<&'static str>,
}

impl Trigger<'_> {
    /// The CAMEO code of the event.
    pub fn cameo(&self) -> &str {
        self.code.unwrap_or(&self.entry.code)
    }
}

/// The part of speech a token triggers as, if any. Past participles the
/// tagger calls adjectives ("were wounded") count as verbs.
fn trigger_pos(t: &Tree, i: usize) -> Option<TriggerPos> {
    let tok = t.tok(i);
    match tok.upos.as_str() {
        "VERB" => Some(TriggerPos::Verb),
        "NOUN" => Some(TriggerPos::Noun),
        "ADJ" if tok.xpos == "VBN" => Some(TriggerPos::Verb),
        _ => None,
    }
}

/// The lexicon entries for token `i`, by lemma or, failing that, by the
/// regular stems of its form.
fn entries<'l>(t: &Tree, i: usize, pos: TriggerPos, lexicon: &'l dyn EventLookup) -> &'l [EventEntry] {
    let tok = t.tok(i);
    let lemma = tok.lemma.to_lowercase();
    let found = lexicon.triggers(pos, &lemma);
    if !found.is_empty() {
        return found;
    }
    // A gerund tagged as a noun takes its verb's entries; a verb the
    // lemmatiser has not seen, those of its regular stem.
    let (stem_of, as_pos) = match pos {
        TriggerPos::Noun if lemma.ends_with("ing") => (lemma, TriggerPos::Verb),
        TriggerPos::Verb => (tok.form.to_lowercase(), TriggerPos::Verb),
        TriggerPos::Noun => return &[],
    };
    verb_stems(&stem_of).iter().map(|s| lexicon.triggers(as_pos, s)).find(|e| !e.is_empty()).unwrap_or(&[])
}

/// The triggers of one sentence, in text order. A noun that a verb entry
/// required as its object ("held talks") is part of that verb's event, not
/// an event of its own.
pub fn find<'l>(t: &Tree, lexicon: &'l dyn EventLookup) -> Vec<Trigger<'l>> {
    let mut fired = Vec::new();
    let mut covered = Vec::new();
    for i in t.range.clone() {
        let Some(pos) = trigger_pos(t, i) else { continue };
        let list = entries(t, i, pos, lexicon);
        if list.is_empty() {
            continue;
        }
        if !sense::is_event(t, i, pos) {
            tracing::debug!(word = %t.tok(i).form, "not an event in this sense");
            continue;
        }
        if let Some(e) = list.iter().find(|e| conditions_hold(t, i, e)) {
            let code = match sense::figurative(t, i, e) {
                Some(sense::Figurative::NoEvent) => {
                    tracing::debug!(word = %t.tok(i).form, "figurative: no event");
                    continue;
                }
                Some(sense::Figurative::Criticism) => Some("111"),
                None => None,
            };
            let rule = pos == TriggerPos::Verb && (sense::generic_passive(t, i) || sense::under_generic_clause(t, i));
            if sense::generic(t, i, pos) || rule {
                tracing::debug!(word = %t.tok(i).form, "generic present: no event");
                continue;
            }
            let code_now = code.unwrap_or(&e.code);
            if sense::habitual(t, i) && !sense::said_in_the_present(code_now) {
                let sentence = t.sentence_text();
                tracing::debug!(word = %t.tok(i).form, code = code_now, sentence, "habitual present: no event");
                continue;
            }
            if !e.obj.is_empty() {
                covered.extend(objects(t, i));
            }
            fired.push(Trigger { token: i, entry: e, pos, code });
        }
    }
    // "refused to repatriate the fighters": when the refused act is itself
    // a trigger, its event is the refusal (its analogue, with its own
    // object); the refusing verb's entry would tell it twice.
    let told_below: Vec<usize> = fired
        .iter()
        .filter(|g| {
            !g.entry.xcomp.is_empty()
                && g.cameo().starts_with("12")
                && t.kids(g.token, "xcomp")
                    .any(|x| fired.iter().any(|h| h.token == x && crate::resolve::analog::reject(h.cameo()).is_some()))
        })
        .map(|g| g.token)
        .collect();
    covered.extend(told_below);
    fired.retain(|g| !covered.contains(&g.token));
    for g in &fired {
        tracing::debug!(word = %t.tok(g.token).form, code = g.cameo(), origin = %g.entry.origin, "trigger");
    }
    fired
}

fn lemma_in(t: &Tree, i: usize, list: &[String]) -> bool {
    list.contains(&t.lemma(i).to_lowercase())
}

/// The trigger's modifiers that can narrow its sense ("hunger strike",
/// "air strike").
fn modifiers<'b>(t: &'b Tree, i: usize) -> impl Iterator<Item = usize> + 'b {
    t.children(i).iter().copied().filter(move |&c| {
        let r = t.rel(c);
        crate::tree::rel_is(r, "amod") || crate::tree::rel_is(r, "compound")
    })
}

/// Whether an entry's conditions hold at trigger `i`.
pub fn conditions_hold(t: &Tree, i: usize, e: &EventEntry) -> bool {
    if e.pattern.as_ref().is_some_and(|p| !p.holds(t, i)) {
        return false;
    }
    // A pronoun object stands for its parallel antecedent here ("obtained
    // the messages and released them" releases messages).
    // So does a relative one ("measures, which the government dropped").
    let mut objs: Vec<usize> = objects(t, i)
        .into_iter()
        .map(|o| crate::frame::relative_antecedent(t, t.parallel_antecedent(o).unwrap_or(o)))
        .collect();
    // "a statement released by the office": the noun a past participle
    // describes is its object.
    if objs.is_empty() && crate::frame::reduced_relative_at(t, i) {
        objs.extend(t.head(i));
    }
    // "used water cannon and tear gas": any coordinated object will do,
    // including a noun the parse coordinated with the verb itself.
    let mut all_objs: Vec<usize> = objs.iter().flat_map(|&o| crate::frame::with_conjuncts(t, o)).collect();
    if let Some(&first) = objs.first() {
        all_objs.extend(t.kids(i, "conj").filter(|&c| c > first && matches!(t.tok(c).upos.as_str(), "NOUN" | "PROPN")));
    }
    // "throwing things, including Molotov cocktails": the examples of a
    // general object say what it is, wherever the parse hung them.
    let examples: Vec<usize> = objs
        .iter()
        .flat_map(|&o| obliques(t, o))
        .chain(obliques(t, i))
        .filter(|(_, c)| matches!(c.as_str(), "including" | "like"))
        .map(|(x, _)| x)
        .collect();
    all_objs.extend(examples);
    // "a number of legislators were removed": an amount is of what it measures.
    let measured: Vec<usize> = all_objs
        .iter()
        .filter(|&&o| crate::cues::has(crate::cues::List::Amount, &t.lemma(o).to_lowercase()))
        .flat_map(|&o| obliques(t, o).filter(|(_, c)| c == "of").map(|(x, _)| x).collect::<Vec<_>>())
        .collect();
    all_objs.extend(measured);
    // "Molotov cocktails": a listed word may name the kind.
    let named = |o: usize| lemma_in(t, o, &e.obj) || t.kids(o, "compound").any(|c| lemma_in(t, c, &e.obj));
    if !e.obj.is_empty() && !all_objs.iter().any(|&o| named(o)) {
        return false;
    }
    // "US troops would be leaving Syria": the subject, or the noun a
    // participle describes ("troops leaving Syria").
    if !e.subj.is_empty() {
        let subject = crate::frame::subject(t, i)
            .or_else(|| (rel_is(t.rel(i), "acl") && t.tok(i).xpos == "VBG").then(|| t.head(i)).flatten());
        if !subject.is_some_and(|s| lemma_in(t, s, &e.subj) || t.kids(s, "compound").any(|c| lemma_in(t, c, &e.subj))) {
            return false;
        }
    }
    if !e.not_obj.is_empty() && objs.iter().any(|&o| lemma_in(t, o, &e.not_obj)) {
        return false;
    }
    // "released a statement saying an attack ... produced no casualties"
    // with *statement* read as the subject of *produced*: with no object
    // of its own, the noun right after the verb is what it acts on.
    if !e.not_obj.is_empty() && objs.is_empty() {
        let next = (i + 1..t.range.end).find(|&k| !matches!(t.tok(k).upos.as_str(), "DET" | "ADJ" | "NUM" | "PRON"));
        if next.is_some_and(|k| t.tok(k).upos == "NOUN" && lemma_in(t, k, &e.not_obj)) {
            return false;
        }
    }
    if let Some(p) = &e.prt {
        if !t.kids(i, "compound:prt").any(|c| t.lemma(c).eq_ignore_ascii_case(p)) {
            return false;
        }
    }
    if !e.prep.is_empty() {
        // On the trigger, or on its required object ("filed a lawsuit
        // against X").
        let on_object = if e.obj.is_empty() { Vec::new() } else { objs.clone() };
        let mut with_prep = std::iter::once(i)
            .chain(on_object)
            .flat_map(|n| obliques(t, n).collect::<Vec<_>>())
            .chain(crate::frame::shared_obliques(t, i))
            .filter(|(_, case)| e.prep.contains(case));
        let ok = if e.prep_obj.is_empty() {
            with_prep.next().is_some()
        } else {
            with_prep.any(|(c, _)| lemma_in(t, c, &e.prep_obj))
        };
        if !ok {
            return false;
        }
    }
    if !e.xcomp.is_empty() && !t.kids(i, "xcomp").any(|c| lemma_in(t, c, &e.xcomp)) {
        return false;
    }
    if !e.modifier.is_empty() && !modifiers(t, i).any(|c| lemma_in(t, c, &e.modifier)) {
        return false;
    }
    if !e.not_modifier.is_empty() && modifiers(t, i).any(|c| lemma_in(t, c, &e.not_modifier)) {
        return false;
    }
    true
}

/// Regular stems of an inflected verb form: "rioted" → riot, "raided" →
/// raid, "expelled" → expel, "carries" → carry.
pub fn verb_stems(form: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (suf, add) in
        [("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e")]
    {
        if let Some(stem) = form.strip_suffix(suf) {
            if stem.chars().count() >= 2 {
                out.push(format!("{stem}{add}"));
                let mut rev = stem.chars().rev();
                if let (Some(a), Some(b)) = (rev.next(), rev.next()) {
                    if a == b && add.is_empty() {
                        out.push(stem[..stem.len() - a.len_utf8()].to_string());
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::events::Lexicon;
    use crate::fixture::{doc, spaced};

    const RELEASED_A_STATEMENT: &str = "1 Police police NOUN NNS _ 2 nsubj _ _
         2 released release VERB VBD _ 0 root _ _
         3 a a DET DT _ 4 det _ _
         4 statement statement NOUN NN _ 2 obj _ _";

    #[test]
    fn object_conditions_choose_and_rule_out_entries() {
        let (lex, _) = Lexicon::parse(
            "0841\tverb\trelease\tnotobj=statement|video\n046\tverb\thold\tobj=talk\n046\tnoun\ttalk\n",
            "t.tsv",
        );
        let d = doc(&spaced(RELEASED_A_STATEMENT));
        assert!(find(&Tree::new(&d, 0), &lex).is_empty(), "publishing is no release");
        let d = doc(&spaced(
            &RELEASED_A_STATEMENT
                .replace("a a DET DT _ 4", "two two NUM CD _ 4")
                .replace("statement statement NOUN NN", "prisoners prisoner NOUN NNS"),
        ));
        assert_eq!(find(&Tree::new(&d, 0), &lex).len(), 1);
        // "held talks": one event, the noun is covered by the verb's entry.
        let d = doc(&spaced(
            "1 Egypt Egypt PROPN NNP _ 2 nsubj _ _
             2 held hold VERB VBD _ 0 root _ _
             3 talks talk NOUN NNS _ 2 obj _ _",
        ));
        let g = find(&Tree::new(&d, 0), &lex);
        assert_eq!(g.iter().map(|g| g.token).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn a_general_object_is_what_its_examples_are() {
        let (lex, _) = Lexicon::parse("145\tverb\tthrow\tobj=stone|molotov\n", "t.tsv");
        // protesters threw things , including Molotov cocktails / threw things
        let d = doc(&spaced(
            "1 protesters protester NOUN NNS _ 2 nsubj _ _
             2 threw throw VERB VBD _ 0 root _ _
             3 things thing NOUN NNS _ 2 obj _ _
             4 , , PUNCT , _ 7 punct _ _
             5 including include VERB VBG _ 7 case _ _
             6 Molotov Molotov PROPN NNP _ 7 compound _ _
             7 cocktails cocktail NOUN NNS _ 3 nmod _ _

             1 protesters protester NOUN NNS _ 2 nsubj _ _
             2 threw throw VERB VBD _ 0 root _ _
             3 things thing NOUN NNS _ 2 obj _ _",
        ));
        assert_eq!(find(&Tree::new(&d, 0), &lex).len(), 1);
        assert!(find(&Tree::new(&d, 1), &lex).is_empty());
        // a number of legislators were removed
        let (lex, _) = Lexicon::parse("174\tverb\tremove\tobj=legislator\n", "t.tsv");
        let d = doc(&spaced(
            "1 a a DET DT _ 2 det _ _
             2 number number NOUN NN _ 5 nsubj:pass _ _
             3 of of ADP IN _ 4 case _ _
             4 legislators legislator NOUN NNS _ 2 nmod _ _
             5 removed remove VERB VBN _ 0 root _ _",
        ));
        assert_eq!(find(&Tree::new(&d, 0), &lex).len(), 1, "an amount is of what it measures");
    }

    #[test]
    fn subject_conditions_choose_entries() {
        let (lex, errs) = Lexicon::parse("0874\tverb\tleave\tsubj=troop|troops\ttgt=obj\n", "t.tsv");
        assert!(errs.is_empty(), "{errs:?}");
        // US troops left Syria / the minister left Syria
        let d = doc(&spaced(
            "1 US US PROPN NNP _ 2 compound _ _
             2 troops troops NOUN NNS _ 3 nsubj _ _
             3 left leave VERB VBD _ 0 root _ _
             4 Syria Syria PROPN NNP _ 3 obj _ _

             1 the the DET DT _ 2 det _ _
             2 minister minister NOUN NN _ 3 nsubj _ _
             3 left leave VERB VBD _ 0 root _ _
             4 Syria Syria PROPN NNP _ 3 obj _ _",
        ));
        assert_eq!(find(&Tree::new(&d, 0), &lex).len(), 1);
        assert!(find(&Tree::new(&d, 1), &lex).is_empty());
    }

    #[test]
    fn modifier_and_prepositional_object_conditions() {
        let (lex, _) = Lexicon::parse(
            "143\tnoun\tstrike\tmod=hunger\n195\tnoun\tstrike\tmod=air\n1041\tverb\tcall\tprep=for\tpobj=resignation\n",
            "t.tsv",
        );
        let d = doc(&spaced(
            "1 an a DET DT _ 3 det _ _
             2 air air NOUN NN _ 3 compound _ _
             3 strike strike NOUN NN _ 0 root _ _",
        ));
        let g = find(&Tree::new(&d, 0), &lex);
        assert_eq!(g[0].entry.code, "195");
        let d = doc(&spaced(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 called call VERB VBD _ 0 root _ _
             3 for for ADP IN _ 5 case _ _
             4 his his PRON PRP$ _ 5 nmod:poss _ _
             5 resignation resignation NOUN NN _ 2 obl _ _",
        ));
        assert_eq!(find(&Tree::new(&d, 0), &lex)[0].entry.code, "1041");
        let d = doc(&spaced(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 called call VERB VBD _ 0 root _ _
             3 for for ADP IN _ 4 case _ _
             4 calm calm NOUN NN _ 2 obl _ _",
        ));
        assert!(find(&Tree::new(&d, 0), &lex).is_empty());
    }

    #[test]
    fn a_refused_act_that_triggers_is_told_once() {
        let (lex, _) = Lexicon::parse(
            "1243\tverb\trefuse\txcomp=release|repatriate\n0841\tverb\trepatriate\n0841\tverb\trelease\n",
            "t.tsv",
        );
        // Nations refused to repatriate fighters: the repatriation (coded
        // as its refusal later), not the refusing verb too.
        let d = doc(&spaced(
            "1 Nations nation NOUN NNS _ 2 nsubj _ _
             2 refused refuse VERB VBD _ 0 root _ _
             3 to to PART TO _ 4 mark _ _
             4 repatriate repatriate VERB VB _ 2 xcomp _ _
             5 fighters fighter NOUN NNS _ 4 obj _ _",
        ));
        let g = find(&Tree::new(&d, 0), &lex);
        assert_eq!(g.iter().map(|g| g.token).collect::<Vec<_>>(), [3]);
        // Without a trigger below, the refusing verb tells it.
        let (lex, _) = Lexicon::parse("1243\tverb\trefuse\txcomp=release|repatriate\n", "t.tsv");
        let g = find(&Tree::new(&d, 0), &lex);
        assert_eq!(g.iter().map(|g| g.token).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn an_object_coordinated_with_the_verb_by_the_parse_still_counts() {
        // police used water canons and tear gas (gas hung as the verb's conjunct)
        let (lex, _) = Lexicon::parse("175\tverb\tuse\tobj=gas\n", "t.tsv");
        let d = doc(&spaced(
            "1 police police NOUN NN _ 2 nsubj _ _
             2 used use VERB VBD _ 0 root _ _
             3 water water NOUN NN _ 4 compound _ _
             4 canons canon NOUN NNS _ 2 obj _ _
             5 and and CCONJ CC _ 7 cc _ _
             6 tear tear NOUN NN _ 7 compound _ _
             7 gas gas NOUN NN _ 2 conj _ _",
        ));
        assert_eq!(find(&Tree::new(&d, 0), &lex).len(), 1);
    }

    #[test]
    fn an_excluded_object_read_as_another_verbs_subject_still_excludes() {
        // The force released a statement saying ... produced no casualties
        let (lex, _) = Lexicon::parse("0841\tverb\trelease\tnotobj=statement\n", "t.tsv");
        let sentence = "1 force force NOUN NN _ 2 nsubj _ _
             2 released release VERB VBD _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 statement statement NOUN NN _ 6 nsubj _ _
             5 then then ADV RB _ 6 advmod _ _
             6 produced produce VERB VBD _ 2 ccomp _ _";
        let d = doc(&spaced(sentence));
        assert!(find(&Tree::new(&d, 0), &lex).is_empty());
        let d = doc(&spaced(&sentence.replace("4 statement statement", "4 prisoner prisoner")));
        assert_eq!(find(&Tree::new(&d, 0), &lex).len(), 1);
    }

    #[test]
    fn a_relative_object_reads_as_its_antecedent() {
        // measures , which the government dropped
        let (lex, _) = Lexicon::parse("081\tverb\tdrop\tobj=measure\n", "t.tsv");
        let d = doc(&spaced(
            "1 measures measure NOUN NNS _ 0 root _ SpaceAfter=No
             2 , , PUNCT , _ 6 punct _ _
             3 which which PRON WDT _ 6 obj _ _
             4 the the DET DT _ 5 det _ _
             5 government government NOUN NN _ 6 nsubj _ _
             6 dropped drop VERB VBD _ 1 acl:relcl _ _",
        ));
        assert_eq!(find(&Tree::new(&d, 0), &lex).len(), 1);
    }

    #[test]
    fn a_pronoun_object_reads_as_its_parallel_antecedent() {
        // The center obtained the messages and released them.
        let (lex, _) = Lexicon::parse("0841\tverb\trelease\tnotobj=message\n", "t.tsv");
        let d = doc(&spaced(
            "1 center center NOUN NN _ 2 nsubj _ _
             2 obtained obtain VERB VBD _ 0 root _ _
             3 messages message NOUN NNS _ 2 obj _ _
             4 and and CCONJ CC _ 5 cc _ _
             5 released release VERB VBD _ 2 conj _ _
             6 them they PRON PRP _ 5 obj _ _",
        ));
        assert!(find(&Tree::new(&d, 0), &lex).is_empty());
    }

    #[test]
    fn stems_of_unknown_forms() {
        assert!(verb_stems("rioted").contains(&"riot".to_string()));
        assert!(verb_stems("expelled").contains(&"expel".to_string()));
        assert!(verb_stems("carries").contains(&"carry".to_string()));
    }
}

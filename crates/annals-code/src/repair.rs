//! Repair: one canonical shape for constructions that parsers attach in
//! more than one way.
//!
//! The later stages read the parse by its relations. Where treebanks (and
//! so the parsers trained on them) disagree about a construction that
//! carries no difference of meaning, or where a tagger's slip leaves a
//! shape no grammar allows, this stage rewrites the attachment into the
//! one shape the coder reads, so that no rule has to know every variant.
//! It acts only where the words themselves settle the reading.
//!
//! | rule | reads | writes |
//! |---|---|---|
//! | [`reporting_clause`] | "X did Y, officials said" with *said* hung as `advcl` or a bare `conj` | `parataxis` |
//! | [`nominal_adjective`] | "opposed the withdrawal" with *withdrawal* tagged as an adjective | `NOUN` |
//! | [`headless_clause`] | "Nabil Hasan al-Quaety, a journalist from Yemen, died in Aden" with *died* hung as a relative clause under a root noun | *died* `root`, the noun its `nsubj` |
//! | [`time_subject`] | "This Thursday the US Commission ... criticized" with *Thursday* the subject and the Commission its apposition | the Commission `nsubj`, *Thursday* `obl:tmod` |
//! | [`complement_read_as_main_clause`] | "Trump and his supporters claimed Biden won" with *claimed* a participle of *supporters* and *won* the root with two subjects | *claimed* the clause's verb, *won* its `ccomp` |
//! | [`relative_clause_hung_on_the_verb`] | "She spoke about her husband Siarhei, who was arrested in May, and promised ..." with *arrested* hung as `parataxis` of *spoke* and *promised* its conjunct | *arrested* `acl:relcl` of *Siarhei*; *promised* a conjunct of *spoke* |
//! | [`relative_read_as_main_clause`] | "The opposition leader, whose brother was arrested in January, condemned the arrests" with *arrested* the root with two subjects and *condemned* its conjunct | *condemned* `root`, *leader* its `nsubj`, *arrested* `acl:relcl` of *leader* |
//! | [`verb_after_relative_clause`] | "Brett McGurk, who was Trump's envoy to the coalition, also criticized the decision" with the name the root and *criticized* hung inside the relative clause | *criticized* `root`, the name its `nsubj`, the relative clause `acl:relcl` of the name |
//! | [`perfect_split_by_parenthetical`] | "The United States had not, as of yesterday, announced any plans" with *had* the root and *announced* its `parataxis` | *announced* in *had*'s place, *had* its `aux`, *had*'s dependents its own |
//! | [`relative_read_as_list`] | "Brett McGurk, who was Trump's Special Presidential Envoy, criticized ..." with the relative clause hung on the name as `list` | `acl:relcl` of the name |
//! | [`predicate_read_as_modifier`] | "called the arrests of its leaders unlawful" with *unlawful* a modifier after *leaders* | *unlawful* `xcomp` of *called* |
//! | [`object_read_as_subject`] | "While in New York to attend the General Assembly, President Zelensky told reporters" with *Assembly* the subject and *Zelensky* its conjunct (no *and*) | *Assembly* `obj` of *attend*, *Zelensky* `nsubj` of *told* |
//! | [`participle_read_as_complement`] | "extradite people accused of crimes" with *accused* an `xcomp` of *extradite* | *accused* `acl` of *people* |
//! | [`report_content_read_as_apposition`] | "said foreign powers should get out" with *get* an apposition of *powers* | *powers* `nsubj` of *get*, *get* `ccomp` of *said* |
//! | [`subject_read_as_conjunct`] | "claimed by the Houthis in Yemen, but Saudi Arabia and the US have alleged ..." with *Arabia* and *US* conjuncts of *Yemen* and *alleged* subjectless | *Arabia* `nsubj` of *alleged*, *US* its conjunct |
//! | [`infinitive_read_as_noun_modifier`] | "wants foreign forces to leave" with *leave* an `acl` of *forces* | *leave* `xcomp` of *wants* |
//! | [`passive_split_by_time`] | "A car bomb was on Monday rammed into a base" with *Monday* the root, *was* its copula and *rammed* its apposition | *rammed* the root, *Monday* its `obl`, *was* `aux:pass`, *bomb* `nsubj:pass` |
//! | [`subject_in_apposition_to_time`] | "On Thursday, Sviatlana Tsikhanouskaya, an opposition candidate, held a rally" with the name an apposition of *Thursday* and *held* without a subject | the name `nsubj` of *held*, the time's later appositions the name's |
//! | [`apposition_read_as_second_subject`] | "A member of the Tunisian Parliament, Samir Dilou said" with the name a second subject of *said* | the name `appos` of *member* |
//! | [`time_beside_subject`] | "Friday, the House issued a subpoena" with *Friday* a second subject of *issued* | *Friday* `obl:tmod` |
//! | [`time_heading_noun`] | "landed a round on a protester yesterday" with *yesterday* the head and *protester* its compound | *protester* in *yesterday*'s place, *yesterday* `obl:tmod` |
//! | [`clause_after_preposition`] | "... after Turkey began an offensive" with *after* taken as a preposition of *Turkey* | *after* `mark`, *Turkey* `nsubj` of *began*, *began* `advcl` of the clause above |
//!
//!
//! One repair reads names rather than the tree: [`entities_without_time`]
//! ("Serbia Friday" tagged as one person's name is the place Serbia and a
//! day).
//!
//! The stage runs once per article, before every other stage; a document
//! that needs no repair is not copied.

use crate::cues::{self, List};
use crate::tree::{rel_is, Tree};
use annals_text::Doc;
use std::borrow::Cow;

/// The document with every repair applied (borrowed when nothing changed).
pub fn canonical(doc: &Doc) -> Cow<'_, Doc> {
    let mut changes: Vec<(usize, Change)> = Vec::new();
    for s in 0..doc.sentences.len() {
        let t = Tree::new(doc, s);
        for i in t.range.clone() {
            if reporting_clause(&t, i) {
                changes.push((i, Change::Rel("parataxis")));
            }
            if let Some(lemma) = past_verb_read_as_noun(&t, i) {
                changes.push((i, Change::PastVerb(lemma)));
            }
            if past_form_read_as_present(&t, i) {
                changes.push((i, Change::PastTense));
            }
            if nominal_adjective(&t, i) {
                changes.push((i, Change::Noun));
            }
            if let Some((actor, moved)) = time_subject(&t, i) {
                changes.push((i, Change::Rel("obl:tmod")));
                // The subject keeps its kind: "Saturday Sirhan was stabbed".
                changes.push((actor, Change::Attach(t.head(i).unwrap_or(actor), leak(t.rel(i)))));
                changes.extend(moved.into_iter().map(|k| match t.rel(k) {
                    "flat" | "appos" => (k, Change::Move(actor)),
                    _ => (k, Change::Attach(actor, "nmod")),
                }));
            }
            if let Some((first, second)) = apposition_read_as_second_subject(&t, i) {
                changes.push((second, Change::Attach(first, "appos")));
            }
            if let Some((v, actor, moved)) = subject_in_apposition_to_time(&t, i) {
                let passive = t.kids(v, "aux:pass").next().is_some();
                changes.push((actor, Change::Attach(v, if passive { "nsubj:pass" } else { "nsubj" })));
                changes.extend(moved.into_iter().map(|k| (k, Change::Move(actor))));
            }
            if let Some(p) = prepositional_time_subject(&t, i) {
                changes.push((i, Change::Rel("obl:tmod")));
                changes.push((p, Change::Attach(i, "case")));
            }
            if let Some(root) = headless_clause(&t, i) {
                changes.push((root, Change::Attach(i, "nsubj")));
                changes.push((i, Change::Root));
            }
            if let Some((subject, complement)) = complement_read_as_main_clause(&t, i) {
                let (head, rel) = (t.head(complement), t.rel(complement));
                changes.push((subject, Change::Attach(i, "nsubj")));
                changes.push((complement, Change::Attach(i, "ccomp")));
                changes.push((i, head.map_or(Change::Root, |h| Change::Attach(h, leak(rel)))));
            }
            if let Some((antecedent, verb, moved)) = relative_clause_hung_on_the_verb(&t, i) {
                changes.push((i, Change::Attach(antecedent, "acl:relcl")));
                changes.extend(moved.into_iter().map(|c| (c, Change::Attach(verb, "conj"))));
            }
            if let Some((subject, verb)) = relative_read_as_main_clause(&t, i) {
                changes.push((verb, t.head(i).map_or(Change::Root, |h| Change::Attach(h, leak(t.rel(i))))));
                changes.push((subject, Change::Attach(verb, "nsubj")));
                changes.push((i, Change::Attach(subject, "acl:relcl")));
            }
            if let Some(time) = time_read_as_root(&t, i) {
                changes.push((i, Change::Root));
                changes.push((time, Change::Attach(i, "obl")));
            }
            if let Some((subject, report)) = report_content_read_as_apposition(&t, i) {
                changes.push((subject, Change::Attach(i, "nsubj")));
                changes.push((i, Change::Attach(report, "ccomp")));
            }
            if let Some(c) = subject_read_as_conjunct(&t, i) {
                changes.push((c.subject, Change::Attach(i, "nsubj")));
                changes.extend(c.coordinated.into_iter().map(|k| (k, Change::Attach(c.subject, "conj"))));
                changes.extend(c.opening.into_iter().map(|k| (k, Change::Move(i))));
            }
            if let Some(verb) = infinitive_read_as_noun_modifier(&t, i) {
                changes.push((i, Change::Attach(verb, "xcomp")));
            }
            if let Some(split) = passive_split_by_time(&t, i) {
                let (time, rel) = (split.time, t.rel(split.time));
                changes.push((i, t.head(time).map_or(Change::PassiveRoot, |h| Change::Attach(h, leak(rel)))));
                changes.push((i, Change::Participle));
                changes.push((time, Change::Attach(i, "obl")));
                changes.push((split.auxiliary, Change::Attach(i, "aux:pass")));
                changes.extend(split.subject.map(|s| (s, Change::Attach(i, "nsubj:pass"))));
                changes.extend(split.moved.into_iter().map(|k| (k, Change::Move(i))));
            }
            if let Some(a) = attribution_read_as_root(&t, i) {
                changes.push((a.predicate, Change::Root));
                changes.push((i, Change::Attach(a.predicate, "obl")));
                if let Some((s, rel)) = a.subject {
                    changes.push((s, Change::Attach(a.predicate, rel)));
                }
                changes.extend(a.moved.into_iter().map(|k| (k, Change::Move(a.predicate))));
            }
            if let Some((subject, verb)) = report_read_as_main_clause(&t, i) {
                changes.push((verb, t.head(i).map_or(Change::Root, |h| Change::Attach(h, leak(t.rel(i))))));
                changes.push((subject, Change::Attach(verb, "nsubj")));
                changes.push((i, Change::Attach(verb, "parataxis")));
            }
            if let Some((root, relative)) = verb_after_relative_clause(&t, i) {
                changes.push((root, Change::Attach(i, "nsubj")));
                changes.push((relative, Change::Attach(root, "acl:relcl")));
                changes.push((i, Change::Root));
            }
            if let Some(have) = perfect_split_by_parenthetical(&t, i) {
                let (head, rel) = (t.head(have), t.rel(have));
                changes.push((i, head.map_or(Change::PassiveRoot, |h| Change::Attach(h, leak(rel)))));
                changes.push((i, Change::Participle));
                changes.push((have, Change::Attach(i, "aux")));
                changes.extend(t.children(have).iter().copied().filter(|&k| k != i).map(|k| (k, Change::Move(i))));
                // "had not, as of yesterday, announced": the negation is
                // the verb's wherever the parse hung it.
                let negation = (have + 1..i).filter(|&k| {
                    rel_is(t.rel(k), "advmod") && matches!(t.lemma(k).to_lowercase().as_str(), "not" | "n't" | "never")
                });
                changes.extend(negation.map(|k| (k, Change::Move(i))));
            }
            if let Some(noun) = relative_read_as_list(&t, i) {
                changes.push((i, Change::Attach(noun, "acl:relcl")));
            }
            if let Some(v) = predicate_read_as_modifier(&t, i) {
                changes.push((i, Change::Attach(v, "xcomp")));
            }
            if let Some((w, subject)) = object_read_as_subject(&t, i) {
                let v = t.head(i).expect("a subject has a head");
                changes.push((i, Change::Attach(w, "obj")));
                changes.push((subject, Change::Attach(v, "nsubj")));
            }
            if finite_clause_read_as_participle(&t, i) {
                changes.push((i, Change::Rel("acl:relcl")));
            }
            if let Some(noun) = participle_read_as_complement(&t, i) {
                changes.push((i, Change::Attach(noun, "acl")));
            }
            if time_beside_subject(&t, i) {
                changes.push((i, Change::Rel("obl:tmod")));
            }
            if let Some(noun) = time_heading_noun(&t, i) {
                let head = t.head(i).expect("a head");
                changes.push((noun, Change::Attach(head, leak(t.rel(i)))));
                changes.push((i, Change::Attach(head, "obl:tmod")));
                for &k in t.children(i).iter().filter(|&&k| k != noun) {
                    changes.push((k, Change::Move(noun)));
                }
            }
            if let Some(c) = clause_after_preposition(&t, i) {
                changes.push((c.subordinator, Change::Attach(c.verb, "mark")));
                changes.push((c.subject, Change::Attach(c.verb, "nsubj")));
                changes.push((c.verb, Change::Attach(c.governor, "advcl")));
            }
        }
    }
    for (i, change) in &changes {
        tracing::debug!(token = %doc.tokens[*i].form, ?change, "repair");
    }
    let entities = entities_without_time(doc);
    if changes.is_empty() && entities.is_none() {
        return Cow::Borrowed(doc);
    }
    let mut d = doc.clone();
    if let Some(e) = entities {
        d.entities = e;
    }
    for (i, change) in changes {
        let tok = &mut d.tokens[i];
        match change {
            Change::Rel(rel) => tok.deprel = rel.to_string(),
            Change::PastTense => tok.xpos = "VBD".into(),
            Change::Participle => tok.xpos = "VBN".into(),
            Change::PastVerb(lemma) => {
                tok.upos = "VERB".into();
                tok.xpos = "VBD".into();
                tok.lemma = lemma.into();
            }
            Change::Noun => {
                tok.upos = "NOUN".into();
                tok.xpos = if tok.form.ends_with('s') && !tok.form.ends_with("ss") { "NNS" } else { "NN" }.into();
            }
            Change::Root => {
                tok.head = None;
                tok.deprel = "root".into();
                // A participle made the sentence's verb is its past tense.
                if tok.xpos == "VBN" {
                    tok.xpos = "VBD".into();
                }
            }
            Change::PassiveRoot => {
                tok.head = None;
                tok.deprel = "root".into();
            }
            Change::Move(head) => tok.head = Some(head),
            Change::Attach(head, rel) => {
                tok.head = Some(head);
                tok.deprel = rel.to_string();
                if rel == "mark" {
                    tok.upos = "SCONJ".into();
                }
            }
        }
    }
    Cow::Owned(d)
}

/// "killed three in a gunbattle in southeastern Serbia Friday" with
/// *Serbia Friday* recognised as one name: a time expression is part of
/// no name. Entities are trimmed of time words at their edges (and dropped
/// when nothing is left); `None` when no entity needs it.
pub fn entities_without_time(doc: &Doc) -> Option<Vec<annals_text::Entity>> {
    let timed = |i: usize| doc.times.iter().any(|x| x.tokens.contains(&i));
    if !doc.entities.iter().any(|e| e.tokens.clone().any(timed)) {
        return None;
    }
    let mut out = Vec::new();
    for e in &doc.entities {
        let (mut a, mut b) = (e.tokens.start, e.tokens.end);
        while a < b && timed(a) {
            a += 1;
        }
        while b > a && timed(b - 1) {
            b -= 1;
        }
        if a < b {
            let (start, end) = (doc.tokens[a].start, doc.tokens[b - 1].end);
            out.push(annals_text::Entity { label: e.label, start, end, tokens: a..b });
        }
    }
    Some(out)
}

/// What a repair changes on a token.
#[derive(Debug, Clone, Copy)]
enum Change {
    /// A word becomes a past-tense verb with this lemma.
    PastVerb(&'static str),
    /// A verb's tag becomes the past tense (`VBD`).
    PastTense,
    /// A verb's tag becomes the past participle (`VBN`).
    Participle,
    /// Its relation to its head.
    Rel(&'static str),
    /// Its part of speech, to a common noun.
    Noun,
    /// A new head and relation.
    Attach(usize, &'static str),
    /// A new head, the relation kept.
    Move(usize),
    /// The sentence's root.
    Root,
    /// The sentence's root, its tag kept (a passive participle).
    PassiveRoot,
}

/// "Both the council and the government called for his death to be
/// investigated" with *called* tagged as a participle describing the
/// subject: a sentence with no finite verb at all, whose root is a noun
/// followed at once by a bare past participle (no auxiliary, no subject of
/// its own), is a sentence whose verb was mistagged. The root noun is
/// returned; the verb becomes the root, in the past tense.
fn verbless_sentence(t: &Tree, v: usize) -> Option<usize> {
    if t.tok(v).xpos != "VBN" || t.rel(v).ends_with("relcl") {
        return None;
    }
    let own = ["aux", "aux:pass", "nsubj", "nsubj:pass", "mark", "cop"];
    if t.has_kid_in(v, &own) {
        return None;
    }
    // No finite verb outside the participle's own clause ("Protesters
    // called for his resignation after revelations he sent ...").
    let finite = |k: usize| matches!(t.tok(k).xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD");
    let own = t.subtree(v, &[]);
    if t.range.clone().any(|k| finite(k) && !own.contains(&k)) {
        return None;
    }
    let root = t.range.clone().find(|&i| t.tok(i).head.is_none())?;
    // A time is no subject ("Yesterday, what organizers estimated ...").
    if root >= v
        || !matches!(t.tok(root).upos.as_str(), "NOUN" | "PROPN")
        || t.in_time(root)
        || !t.ancestors(v).contains(&root)
    {
        return None;
    }
    // The participle follows the subject's phrase at once.
    let verb_phrase = t.subtree(v, &[]);
    let before = t.subtree(root, &[]).into_iter().filter(|k| !verb_phrase.contains(k) && *k < v).max()?;
    (before + 1 == v).then_some(root)
}

/// The relation names a repair may copy, as static strings.
fn leak(rel: &str) -> &'static str {
    const RELS: &[&str] = &[
        "root",
        "ccomp",
        "xcomp",
        "advcl",
        "conj",
        "parataxis",
        "acl",
        "acl:relcl",
        "csubj",
        "obl",
        "obj",
        "iobj",
        "nsubj",
        "nsubj:pass",
        "nmod",
        "appos",
    ];
    RELS.iter().find(|r| **r == rel).copied().unwrap_or("dep")
}

/// "Trump and his supporters claimed Biden won the elections": a greedy
/// parser reads *claimed* as a participle describing *supporters* and
/// gives *won* two subjects, *Trump* and *Biden*. A verb takes one subject,
/// and a finite past form (tagged VBD, not VBN) describes no noun; so `v`
/// is the sentence's verb with the first subject, and the clause of the
/// second is its complement. Returns (the first subject, the complement's
/// verb).
pub fn complement_read_as_main_clause(t: &Tree, v: usize) -> Option<(usize, usize)> {
    if t.tok(v).xpos != "VBD" || !rel_is(t.rel(v), "acl") || t.rel(v).ends_with("relcl") {
        return None;
    }
    if t.children(v).iter().any(|&c| rel_is(t.rel(c), "nsubj") || rel_is(t.rel(c), "mark")) {
        return None;
    }
    // The subject phrase v hangs in: climb conjuncts and appositions.
    let mut s = t.head(v)?;
    while ["conj", "appos", "flat"].iter().any(|r| rel_is(t.rel(s), r)) {
        s = t.head(s)?;
    }
    if !rel_is(t.rel(s), "nsubj") || s > v {
        return None;
    }
    let r = t.head(s)?;
    let second = t.kids(r, "nsubj").any(|x| x > v && x < r);
    (r > v && t.is_verbal(r) && second).then_some((s, r))
}

/// "This Thursday the United States Commission on International Religious
/// Freedom criticized the move": a time word opening the sentence taken as
/// the subject, with the real subject hung from it as an apposition. A
/// time is no doer; the nominal after it is. Returns that nominal and the
/// time word's other dependents after it (which belong to the nominal).
pub fn time_subject(t: &Tree, s: usize) -> Option<(usize, Vec<usize>)> {
    if !rel_is(t.rel(s), "nsubj") || !t.in_time(s) {
        return None;
    }
    let actor = t.children(s).iter().copied().find(|&c| {
        c > s
            && ["appos", "compound", "flat", "dep"].iter().any(|r| rel_is(t.rel(c), r))
            && matches!(t.tok(c).upos.as_str(), "NOUN" | "PROPN")
            && !t.in_time(c)
    })?;
    let moved = t.children(s).iter().copied().filter(|&k| k > actor && t.tok(k).upos != "PUNCT").collect();
    Some((actor, moved))
}

/// "On Thursday, Sviatlana Tsikhanouskaya, an opposition candidate, held a
/// rally" with the name hung from the fronted time as its apposition and
/// the verb left without a subject: a time has no apposition that is not a
/// time, and a nominal between a fronted time and a verb with no subject
/// is that verb's subject. Returns the verb, the nominal and the time's
/// other dependents after it (the nominal's own appositions).
pub fn subject_in_apposition_to_time(t: &Tree, s: usize) -> Option<(usize, usize, Vec<usize>)> {
    if !rel_is(t.rel(s), "obl") || !t.in_time(s) {
        return None;
    }
    let v = t.head(s).filter(|&v| v > s && t.is_verbal(v))?;
    if t.children(v).iter().any(|&c| rel_is(t.rel(c), "nsubj") || rel_is(t.rel(c), "csubj")) {
        return None;
    }
    let actor = t.children(s).iter().copied().find(|&c| {
        c > s
            && c < v
            && rel_is(t.rel(c), "appos")
            && matches!(t.tok(c).upos.as_str(), "NOUN" | "PROPN")
            && !t.in_time(c)
    })?;
    let moved = t.children(s).iter().copied().filter(|&k| k > actor && k < v && t.tok(k).upos != "PUNCT").collect();
    Some((v, actor, moved))
}

/// "A roadside bombing near Samarra on Sunday killed one soldier": a time
/// with its preposition ("on Sunday") read as the verb's subject, and the
/// preposition as a subordinator of the verb. A time is no doer: it is the
/// verb's time phrase. Returns the preposition.
pub fn prepositional_time_subject(t: &Tree, s: usize) -> Option<usize> {
    if !rel_is(t.rel(s), "nsubj") || !t.in_time(s) || s == t.range.start {
        return None;
    }
    let (v, p) = (t.head(s)?, s - 1);
    let preposition = matches!(
        t.lemma(p).to_lowercase().as_str(),
        "on" | "in" | "at" | "during" | "since" | "until" | "by" | "before" | "after" | "over"
    );
    (preposition && t.head(p) == Some(v) && rel_is(t.rel(p), "mark")).then_some(p)
}

/// "He drew his pistol, pointed it, and shot at one person" with "shot"
/// tagged a noun: a bare noun (no determiner, possessor, number or
/// modifier) coordinated with a past-tense verb and spelled as an irregular
/// past form is that verb's past. Returns its lemma.
pub fn past_verb_read_as_noun(t: &Tree, i: usize) -> Option<&'static str> {
    let tok = t.tok(i);
    let h = t.head(i)?;
    if tok.upos != "NOUN" || !rel_is(t.rel(i), "conj") || t.tok(h).upos != "VERB" || t.tok(h).xpos != "VBD" {
        return None;
    }
    let bare = !t.has_kid_in(i, &["det", "nmod:poss", "nummod", "amod", "compound"]);
    bare.then(|| annals_text::lemma::irregular(&tok.form.to_lowercase())).flatten()
}

/// "The officers eventually shot him dead" tagged as a present tense: a
/// present-tense verb (`VBP`, `VB`) is spelled as its lemma ("shoot",
/// "say"); one spelled otherwise ("shot", "said", "fled") is a past form,
/// apart from the forms of "be" and "have" ("are", "'ve").
pub fn past_form_read_as_present(t: &Tree, v: usize) -> bool {
    let tok = t.tok(v);
    let lemma = t.lemma(v).to_lowercase();
    let form = tok.form.to_lowercase();
    tok.upos == "VERB"
        && matches!(tok.xpos.as_str(), "VBP" | "VB")
        && !matches!(lemma.as_str(), "be" | "have" | "do")
        && form != lemma
        && form.chars().all(|c| c.is_ascii_alphabetic())
        && !form.ends_with("ing")
}

/// Whether token `v` is a verb in a finite tense (past or present).
fn finite_verb(t: &Tree, v: usize) -> bool {
    t.tok(v).upos == "VERB" && matches!(t.tok(v).xpos.as_str(), "VBD" | "VBZ" | "VBP")
}

/// Whether `c` is a relative word ("who", "which", ...).
fn relative_word(t: &Tree, c: usize) -> bool {
    matches!(t.lemma(c).to_lowercase().as_str(), "who" | "whom" | "whose" | "which" | "that")
        && matches!(t.tok(c).xpos.as_str(), "WP" | "WP$" | "WDT")
}

/// "She spoke about her husband Siarhei, who was arrested in May, and
/// promised fair elections": a clause whose subject is a relative word
/// right after a comma and a noun describes that noun, wherever the parser
/// hung it (here as `parataxis` of *spoke*). A conjunct of it after a
/// further comma ("..., and promised") continues the clause it was hung
/// on. Returns (the noun, that verb, the conjuncts to move back).
pub fn relative_clause_hung_on_the_verb(t: &Tree, v: usize) -> Option<(usize, usize, Vec<usize>)> {
    const HUNG: &[&str] = &["parataxis", "conj", "advcl", "ccomp", "dep"];
    let verb = t.head(v)?;
    if !t.is_verbal(v) || !t.is_verbal(verb) || !HUNG.iter().any(|r| rel_is(t.rel(v), r)) {
        return None;
    }
    let subject = t.children(v).iter().copied().find(|&c| rel_is(t.rel(c), "nsubj"))?;
    let first = *t.subtree(v, &["punct"]).first()?;
    if subject != first || !relative_word(t, subject) || subject < t.range.start + 2 {
        return None;
    }
    let mut noun = subject - 2;
    if t.tok(subject - 1).form != "," || !matches!(t.tok(noun).upos.as_str(), "NOUN" | "PROPN") || noun > verb.max(v) {
        return None;
    }
    while rel_is(t.rel(noun), "flat") {
        noun = t.head(noun)?;
    }
    if noun < verb {
        // The noun must stand in the verb's clause, after it.
        return None;
    }
    let end = *t.subtree(v, &["conj", "cc", "punct"]).last()?;
    let moved = t
        .kids(v, "conj")
        .filter(|&c| c > end && t.kids(c, "cc").next().is_some_and(|cc| cc > 0 && t.tok(cc - 1).form == ","))
        .collect();
    Some((noun, verb, moved))
}

/// "The opposition leader, whose brother was arrested in January,
/// condemned the arrests": a parser that makes the relative clause's verb
/// the sentence's, with two subjects, and the real verb its conjunct. A
/// verb has one subject; the second, opened by a relative word after a
/// comma, makes `v` a relative clause of the first, and the conjunct with
/// no subject of its own is the sentence's verb. Returns (the first
/// subject, that verb).
pub fn relative_read_as_main_clause(t: &Tree, v: usize) -> Option<(usize, usize)> {
    let subjects: Vec<usize> = t.children(v).iter().copied().filter(|&c| rel_is(t.rel(c), "nsubj")).collect();
    let [first, second] = subjects[..] else { return None };
    if !(first < second && second < v) {
        return None;
    }
    let opening = *t.subtree(second, &[]).first()?;
    let comma = opening > t.range.start && t.tok(opening - 1).form == ",";
    if !relative_word(t, opening) || !comma {
        return None;
    }
    let verb = t.kids(v, "conj").find(|&c| c > v && t.is_verbal(c) && t.kids(c, "nsubj").next().is_none())?;
    Some((first, verb))
}

/// "On Thursday, Senator Ted Cruz and Representative Francis Rooney
/// proposed ...": the opening time made the root and the sentence a clause
/// on it. A time is no head of a clause with a subject of its own: the
/// clause's verb is the sentence's, the time its oblique. Returns the time.
pub fn time_read_as_root(t: &Tree, v: usize) -> Option<usize> {
    let root = t.head(v)?;
    let finite = finite_verb(t, v);
    let own_subject = t.kids(v, "nsubj").any(|s| !t.in_time(s) && !relative_word(t, s));
    (t.tok(root).head.is_none() && t.in_time(root) && rel_is(t.rel(v), "acl") && finite && own_subject && root < v)
        .then_some(root)
}

/// "Rouhani said foreign powers should \"get out of the region\"" with
/// *get* an apposition of *powers* and *powers* the object of *said*: a
/// verb with a modal or tense auxiliary and no subject, hung on the object
/// of a reporting verb, is the reported clause and that object its
/// subject. Returns the subject and the reporting verb for verb `v`.
pub fn report_content_read_as_apposition(t: &Tree, v: usize) -> Option<(usize, usize)> {
    let n = t.head(v)?;
    let hung = ["appos", "acl", "dep"].iter().any(|r| rel_is(t.rel(v), r)) && !t.rel(v).ends_with("relcl");
    let finite =
        t.kids(v, "aux").any(|a| t.tok(a).xpos == "MD" || matches!(t.tok(a).xpos.as_str(), "VBZ" | "VBP" | "VBD"));
    let r = t.head(n).filter(|_| rel_is(t.rel(n), "obj") && n < v)?;
    let reports = cues::has(List::Report, &t.lemma(r).to_lowercase());
    let own_subject = t.has_kid_in(v, &["nsubj", "nsubj:pass", "csubj"]);
    (hung && finite && reports && !own_subject && t.is_verbal(v)).then_some((n, r))
}

/// A clause's subject the parse joined to the clause before; see
/// [`subject_read_as_conjunct`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConjoinedSubject {
    /// The first noun of the subject.
    pub subject: usize,
    /// The nouns coordinated with it.
    pub coordinated: Vec<usize>,
    /// The comma and conjunction opening the clause, which belong to the verb.
    pub opening: Vec<usize>,
}

/// "The attack was claimed by the Houthis in Yemen, but both Saudi Arabia
/// and the United States have alleged Iranian involvement" with *Saudi
/// Arabia* and *States* conjuncts of *Yemen* and *alleged* a conjunct of
/// *claimed* with no subject: a verb opened by its auxiliary right after a
/// coordination that a "but" or "and" began has that coordination as its
/// subject. Returns it for verb `v`.
pub fn subject_read_as_conjunct(t: &Tree, v: usize) -> Option<ConjoinedSubject> {
    if !rel_is(t.rel(v), "conj") || t.has_kid_in(v, &["nsubj", "nsubj:pass", "csubj"]) || !t.is_verbal(v) {
        return None;
    }
    let first = *t.subtree(v, &[]).first()?;
    let opens_with_aux = rel_is(t.rel(first), "aux") && t.head(first) == Some(v);
    let last = first.checked_sub(1).filter(|&k| t.range.contains(&k))?;
    if !opens_with_aux || !matches!(t.tok(last).upos.as_str(), "NOUN" | "PROPN" | "PRON") {
        return None;
    }
    // The noun before the auxiliary ends a coordination of some noun `h`
    // (or is one): its conjuncts from the one a conjunction opens.
    let chain_head = |k: usize| if rel_is(t.rel(k), "conj") { t.head(k) } else { None };
    let h = std::iter::once(last).chain(t.ancestors(last)).find_map(chain_head)?;
    let conjuncts: Vec<usize> = t.kids(h, "conj").filter(|&c| c < first).collect();
    let subject = *conjuncts.iter().find(|&&c| {
        t.kids(c, "cc").any(|cc| matches!(t.lemma(cc).to_lowercase().as_str(), "but" | "and" | "while" | "whereas"))
    })?;
    let inside = t.subtree(subject, &[]).iter().all(|&k| k < first);
    if !inside || !matches!(t.tok(subject).upos.as_str(), "NOUN" | "PROPN") {
        return None;
    }
    let coordinated = conjuncts.iter().copied().filter(|&c| c > subject).collect();
    let opening = t
        .children(subject)
        .iter()
        .copied()
        .filter(|&k| k < subject && ((t.rel(k) == "cc") || t.tok(k).form == ","))
        .collect();
    Some(ConjoinedSubject { subject, coordinated, opening })
}

/// "The Taliban wants foreign forces to leave", "urged Israel to halt":
/// an infinitive the parse hung on the object of a verb of wanting or
/// asking as the noun's modifier ("forces to leave" like "a plan to
/// leave") is that verb's complement, what it wants of its object.
/// Returns the verb.
pub fn infinitive_read_as_noun_modifier(t: &Tree, v: usize) -> Option<usize> {
    let (o, h) = match t.head(v) {
        // "wants foreign forces to leave" with the infinitive on the noun
        Some(o) if rel_is(t.rel(v), "acl") && !t.rel(v).ends_with("relcl") && rel_is(t.rel(o), "obj") => {
            (o, t.head(o)?)
        }
        // "urged Israel to release" with the infinitive an adverbial
        // clause ("in order to") right after the object
        Some(h) if rel_is(t.rel(v), "advcl") => {
            let o = t.kid(h, "obj")?;
            let end = *t.subtree(o, &[]).last()?;
            let first = *t.subtree(v, &[]).first()?;
            (o < v && first == end + 1).then_some((o, h))?
        }
        _ => return None,
    };
    let marks: Vec<usize> = t.kids(v, "mark").collect();
    let to = marks.len() == 1 && t.lemma(marks[0]).eq_ignore_ascii_case("to") && t.tok(v).xpos == "VB";
    let lemma = t.lemma(h).to_lowercase();
    let asks = cues::has(List::Desire, &lemma) || cues::has(List::Request, &lemma);
    // The object is someone who can act: a bare event noun takes a
    // modifier ("called for talks to resume" is not about the talks acting).
    let actor = matches!(t.tok(o).upos.as_str(), "PROPN" | "PRON")
        || !cues::has(List::EventFrameNoun, &t.lemma(o).to_lowercase());
    (to && asks && actor && t.kid(v, "nsubj").is_none()).then_some(h)
}

/// A passive whose auxiliary and participle a time phrase parts; see
/// [`passive_split_by_time`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassiveSplit {
    /// The time phrase's head, which the parse made the predicate.
    pub time: usize,
    /// The form of "be" it took as its copula.
    pub auxiliary: usize,
    /// The passive's subject, hung from the time.
    pub subject: Option<usize>,
    /// The time's other dependents that belong to the clause (the final
    /// punctuation, adverbs, auxiliaries).
    pub moved: Vec<usize>,
}

/// "A car bomb was on Monday rammed into a military base": a time phrase
/// between a passive's auxiliary and its participle, which the parse read
/// as the predicate of a copula ("was on Monday") with the participle
/// hung from it. Returns the split for participle `v`: `v` takes the
/// time's place, the time becomes its oblique, "was" its passive
/// auxiliary and the subject its passive subject.
pub fn passive_split_by_time(t: &Tree, v: usize) -> Option<PassiveSplit> {
    let time = t.head(v)?;
    // The tagger, seeing no auxiliary, may read the participle as a past tense.
    let participle = matches!(t.tok(v).xpos.as_str(), "VBN" | "VBD")
        && !t.has_kid_in(v, &["nsubj", "nsubj:pass", "aux:pass", "cop"]);
    let hung = ["appos", "acl", "dep", "conj", "amod", "parataxis", "advcl"].iter().any(|r| rel_is(t.rel(v), r));
    let auxiliary = t.kid(time, "cop").filter(|&c| t.lemma(c).eq_ignore_ascii_case("be") && c < time)?;
    // Nothing but the time phrase lies between "was" and the participle.
    let phrase = t.subtree(time, &[]);
    let between = (auxiliary + 1..v).all(|k| k == time || phrase.contains(&k) && !t.subtree(v, &[]).contains(&k));
    if !(participle && hung && t.in_time(time) && time < v && between) {
        return None;
    }
    let subject = t.kid(time, "nsubj").filter(|&s| s < auxiliary);
    let own = ["case", "det", "amod", "nummod", "compound", "nmod:tmod", "obl:tmod", "cop", "nsubj"];
    let moved =
        t.children(time).iter().copied().filter(|&k| k != v && !own.iter().any(|r| rel_is(t.rel(k), r))).collect();
    Some(PassiveSplit { time, auxiliary, subject, moved })
}

/// A sentence opened by "According to X," whose parse made X the root;
/// see [`attribution_read_as_root`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The sentence's real predicate.
    pub predicate: usize,
    /// Its subject, when the parse hung it from X, with the relation to give.
    pub subject: Option<(usize, &'static str)>,
    /// X's dependents after the predicate, which belong to the predicate.
    pub moved: Vec<usize>,
}

/// "According to a report by UpGuard, a cybersecurity firm, two databases
/// were found", "According to the ruling, a host must remove the post": a
/// parser that makes the source of an "according to" phrase the root and
/// hangs the sentence from it (as a relative clause, a conjunct or an
/// apposition). The sentence's predicate is the first word in the root's
/// phrase that is finite (a finite verb, or one with an auxiliary or a
/// copula) and is not a subordinate or relative clause opened by its own
/// word ("which cited sources"); the source becomes its oblique.
pub fn attribution_read_as_root(t: &Tree, r: usize) -> Option<Attribution> {
    if t.tok(r).head.is_some() || !matches!(t.tok(r).upos.as_str(), "NOUN" | "PROPN") {
        return None;
    }
    let according = t.kids(r, "case").any(|c| t.lemma(c).eq_ignore_ascii_case("accord") && c == t.range.start);
    if !according {
        return None;
    }
    let own = t.subtree(r, &[]);
    let finite = |p: usize| finite_verb(t, p) || t.has_kid_in(p, &["aux", "aux:pass", "cop"]);
    let opened = |p: usize| {
        t.kids(p, "mark").next().is_some() || t.subtree(p, &[]).iter().any(|&k| k < p && relative_word(t, k))
    };
    let predicate = own.iter().copied().find(|&p| p > r && finite(p) && !opened(p))?;
    let has_subject = t.has_kid_in(predicate, &["nsubj", "nsubj:pass", "csubj", "expl"]);
    let skip = ["punct", "case", "det", "nmod", "compound", "flat", "amod", "fixed", "nummod", "nmod:poss", "cc"];
    let subject = if has_subject {
        None
    } else {
        t.children(r)
            .iter()
            .copied()
            .rfind(|&c| c < predicate && !skip.iter().any(|x| rel_is(t.rel(c), x)))
            .map(|c| (c, if t.tok(c).upos == "VERB" { "csubj" } else { "nsubj" }))
    };
    let moved = t.children(r).iter().copied().filter(|&c| c > predicate).collect();
    Some(Attribution { predicate, subject, moved })
}

/// "A roadside bombing near Samarra on Sunday killed one soldier, the
/// military said": a parser that makes the report's subject the subject of
/// the reporting verb too, with the real verb hung on it as a clause. A
/// reporting verb with two subjects, the second opening after a comma, has
/// only the second; a finite verb on the first with no subject of its own
/// (a time read as one aside) is the sentence's verb. Returns (the first
/// subject, that verb).
pub fn report_read_as_main_clause(t: &Tree, v: usize) -> Option<(usize, usize)> {
    if !cues::has(List::Report, &t.lemma(v).to_lowercase()) {
        return None;
    }
    let subjects: Vec<usize> = t.children(v).iter().copied().filter(|&c| rel_is(t.rel(c), "nsubj")).collect();
    let [first, second] = subjects[..] else { return None };
    let opening = *t.subtree(second, &["punct"]).first()?;
    if !(first < second && second < v) || opening <= t.range.start || t.tok(opening - 1).form != "," {
        return None;
    }
    let subjectless = |c: usize| {
        t.children(c).iter().all(|&k| !rel_is(t.rel(k), "nsubj") || prepositional_time_subject(t, k).is_some())
    };
    let verb = t.kids(first, "acl").find(|&c| c < opening && finite_verb(t, c) && subjectless(c))?;
    Some((first, verb))
}

/// "A member of the Tunisian Parliament, Samir Dilou said ..." read with
/// two subjects of *said*, the description and the name. A verb has one
/// subject; a second one set off from the first by a comma alone and
/// running up to the verb is the first's apposition. Returns (the first
/// subject, the second).
pub fn apposition_read_as_second_subject(t: &Tree, v: usize) -> Option<(usize, usize)> {
    if !t.is_verbal(v) || report_read_as_main_clause(t, v).is_some() {
        return None;
    }
    let subjects: Vec<usize> = t.children(v).iter().copied().filter(|&c| rel_is(t.rel(c), "nsubj")).collect();
    let [first, second] = subjects[..] else { return None };
    let nominal = |x: usize| matches!(t.tok(x).upos.as_str(), "NOUN" | "PROPN") && !t.in_time(x);
    let ordered = first < second && second < v;
    if !(ordered && nominal(first) && nominal(second)) {
        return None;
    }
    let (a, b) = (t.subtree(first, &[]), t.subtree(second, &[]));
    let (Some(&a_end), Some(&b_open), Some(&b_end)) = (a.last(), b.first(), b.last()) else { return None };
    // The first's words, a comma, the second's words, the verb.
    let comma = b_open.checked_sub(1)?;
    let adjoining = t.tok(comma).form == "," && (a_end == comma || a_end + 1 == comma);
    let up_to_verb = (b_end + 1..v).all(|k| t.tok(k).upos == "ADV");
    (adjoining && up_to_verb).then_some((first, second))
}

/// "Brett McGurk, who was Trump's envoy to the coalition until December,
/// also criticized the decision": after a long relative clause a parser
/// may make the name the root and hang the finite verb inside the relative
/// clause. A finite verb with no subject, set off by a comma (an adverb
/// may stand between), below a clause whose subject is a relative word
/// under a nominal root, is the sentence's verb; the name is its subject
/// and the relative clause describes the name. Returns (the root, the
/// relative clause's head).
pub fn verb_after_relative_clause(t: &Tree, v: usize) -> Option<(usize, usize)> {
    let finite = finite_verb(t, v);
    if !finite || t.head(v).is_none() || t.children(v).iter().any(|&c| rel_is(t.rel(c), "nsubj")) {
        return None;
    }
    let before = (t.range.start..v).rev().find(|&k| t.tok(k).upos != "ADV")?;
    if t.tok(before).form != "," {
        return None;
    }
    let root = t.range.clone().find(|&i| t.tok(i).head.is_none())?;
    if root >= v || !matches!(t.tok(root).upos.as_str(), "NOUN" | "PROPN") {
        return None;
    }
    // The ancestor of v just below the root heads a relative clause.
    let ancestors = t.ancestors(v);
    let k = ancestors.iter().position(|&a| a == root)?;
    let relative = if k == 0 { return None } else { ancestors[k - 1] };
    let has_relative_subject = t.kids(relative, "nsubj").any(|c| relative_word(t, c) && c < relative);
    (has_relative_subject && relative > root && relative < v).then_some((root, relative))
}

/// "The United States had not, as of yesterday, announced any plans": a
/// phrase set off by commas between "have" and its participle, which the
/// parse read as "had" the verb and the participle a clause beside it.
/// A participle right after a comma, with no subject or auxiliary of its
/// own, hung loosely on a bare finite "have" before the comma that has
/// no object, is that "have"'s perfect. Returns the "have".
pub fn perfect_split_by_parenthetical(t: &Tree, v: usize) -> Option<usize> {
    const LOOSE: &[&str] = &["parataxis", "conj", "dep", "advcl", "ccomp", "list"];
    let have = t.head(v)?;
    let bare_have = t.lemma(have).to_lowercase() == "have"
        && matches!(t.tok(have).xpos.as_str(), "VBD" | "VBZ" | "VBP")
        && !t.has_kid_in(have, &["obj", "xcomp", "ccomp", "aux", "aux:pass", "cop"]);
    // The past form may be tagged as the past tense ("announced").
    let participle = matches!(t.tok(v).xpos.as_str(), "VBN" | "VBD")
        && LOOSE.iter().any(|r| rel_is(t.rel(v), r))
        && !t.has_kid_in(v, &["nsubj", "nsubj:pass", "aux", "aux:pass", "cc", "mark"]);
    let after_comma = v > have + 1 && t.tok(v - 1).form == ",";
    (bare_have && participle && after_comma).then_some(have)
}

/// "Brett McGurk, who was Trump's envoy, criticized ...": a clause opened
/// by a relative word right after a comma and a noun describes that noun,
/// whatever loose relation (`list`, `parataxis`, `dep`, `appos`) the
/// parser hung it by. Returns the noun.
pub fn relative_read_as_list(t: &Tree, r: usize) -> Option<usize> {
    const LOOSE: &[&str] = &["list", "parataxis", "dep", "appos"];
    let noun = t.head(r)?;
    if !LOOSE.iter().any(|l| rel_is(t.rel(r), l)) || !matches!(t.tok(noun).upos.as_str(), "NOUN" | "PROPN") {
        return None;
    }
    let subject = t.kids(r, "nsubj").next()?;
    let first = *t.subtree(r, &["punct"]).first()?;
    let comma = first > t.range.start && t.tok(first - 1).form == ",";
    // The noun's phrase runs up to the comma.
    let phrase = t.subtree(noun, &[]);
    let adjacent = (noun..first).all(|k| phrase.contains(&k));
    (subject == first && relative_word(t, subject) && comma && adjacent && noun < r).then_some(noun)
}

/// "The opposition called the arrests of its leaders unlawful": an
/// adjective after its noun is rare in English; one that closes the
/// object of a naming verb (call, declare, find, deem ...) and has no
/// words of its own is what the verb names the object, its `xcomp`.
/// Returns the naming verb.
pub fn predicate_read_as_modifier(t: &Tree, a: usize) -> Option<usize> {
    let noun = t.head(a)?;
    if t.tok(a).upos != "ADJ" || !rel_is(t.rel(a), "amod") || noun > a || !t.children(a).is_empty() {
        return None;
    }
    // The object phrase holding the adjective, and its verb.
    let mut obj = noun;
    while !rel_is(t.rel(obj), "obj") {
        obj = t.head(obj)?;
    }
    let v = t.head(obj)?;
    let naming = cues::has(List::NamingVerb, &t.lemma(v).to_lowercase());
    let last = t.subtree(obj, &["punct"]).last() == Some(&a);
    let has_predicate = t.children(v).iter().any(|&c| rel_is(t.rel(c), "xcomp"));
    (naming && last && !has_predicate && t.is_verbal(v)).then_some(v)
}

/// "While in New York to attend the General Assembly, President Zelensky
/// told reporters": the object of an opening clause's verb read as the
/// subject of the main verb, with the real subject as its conjunct. A
/// coordination has its conjunction ("and", "or"); a subject whose only
/// conjunct follows a bare comma, right after a verb of the opening clause
/// that has no object, is that verb's object. Returns (that verb, the real
/// subject).
pub fn object_read_as_subject(t: &Tree, x: usize) -> Option<(usize, usize)> {
    let v = t.head(x)?;
    if !rel_is(t.rel(x), "nsubj") || !t.is_verbal(v) || x > v {
        return None;
    }
    let conj: Vec<usize> = t.kids(x, "conj").collect();
    let [y] = conj[..] else { return None };
    if t.kids(y, "cc").next().is_some() || y > v || !matches!(t.tok(y).upos.as_str(), "PROPN" | "NOUN") {
        return None;
    }
    // The subject's own words end at a comma before the conjunct.
    let own = t.subtree(x, &["conj", "punct"]);
    let (first, last) = (*own.first()?, *own.last()?);
    if last + 1 >= y || t.tok(last + 1).form != "," {
        return None;
    }
    // The opening clause's verb, with no object, just before the subject.
    let w = t.range.start.max(1);
    let w = (w..first).rev().find(|&k| t.is_verbal(k))?;
    let opening = ["advcl", "xcomp", "ccomp", "acl"].iter().any(|r| rel_is(t.rel(w), r));
    let between = (w + 1..first).all(|k| matches!(t.tok(k).upos.as_str(), "DET" | "ADJ" | "NUM"));
    let has_object = t.kids(w, "obj").next().is_some();
    (opening && between && !has_object && t.ancestors(w).contains(&v)).then_some((w, y))
}

/// "a lawsuit against the state of emergency Trump declared last Friday":
/// a clause on a noun whose verb is finite and has its own subject is a
/// relative clause without its relative word, not a participle phrase
/// (`acl` is for "people accused of crimes", "a plan to leave"). Such a
/// clause follows its noun with no comma between; after a comma ("For the
/// first time in weeks of protests, police fired") it is the sentence's
/// own verb that the parser hung on an opening phrase.
pub fn finite_clause_read_as_participle(t: &Tree, v: usize) -> bool {
    let Some(noun) = t.head(v).filter(|&n| n < v) else { return false };
    t.rel(v) == "acl"
        && finite_verb(t, v)
        && t.children(v).iter().any(|&c| rel_is(t.rel(c), "nsubj") && !t.in_time(c))
        && (noun + 1..v).all(|k| t.tok(k).form != ",")
        && time_read_as_root(t, v).is_none()
}

/// "to extradite people accused of crimes": a past participle right after
/// a verb's object, read as the verb's complement. Only verbs that give
/// their object a state take such a complement ("had him arrested", "left
/// them stranded"; cue list `object_predicate`); after any other verb the
/// participle describes the object. Returns the object.
pub fn participle_read_as_complement(t: &Tree, p: usize) -> Option<usize> {
    let v = t.head(p)?;
    if t.tok(p).xpos != "VBN"
        || !rel_is(t.rel(p), "xcomp")
        || cues::has(List::ObjectPredicate, &t.lemma(v).to_lowercase())
    {
        return None;
    }
    let own = ["nsubj", "nsubj:pass", "aux", "aux:pass", "mark", "cop"];
    if t.has_kid_in(p, &own) {
        return None;
    }
    let o = t.kids(v, "obj").find(|&o| o < p)?;
    let ends_before = t.subtree(o, &[]).last().is_some_and(|&e| e + 1 == p);
    (ends_before && matches!(t.tok(o).upos.as_str(), "NOUN" | "PROPN" | "PRON")).then_some(o)
}

/// Whether token `i` is a time expression of its own, one word long
/// ("yesterday", "Friday").
fn one_word_time(t: &Tree, i: usize) -> bool {
    t.doc.times.iter().any(|x| x.tokens.start == i && x.tokens.len() == 1)
}

/// "Friday, the House issued a subpoena": a time word opening the
/// sentence read as a second subject of the verb. A verb has one subject;
/// the time word is a modifier of time.
pub fn time_beside_subject(t: &Tree, s: usize) -> bool {
    let Some(v) = t.head(s).filter(|_| one_word_time(t, s) && rel_is(t.rel(s), "nsubj")) else { return false };
    t.kids(v, "nsubj").any(|o| o != s && !t.in_time(o))
}

/// "Police landed a live round on a protester yesterday": a parser that
/// reads *protester yesterday* as one compound noun makes the time word
/// the head of the phrase, so the protester is no argument. A one-word
/// time expression ("yesterday", "Monday") heads no compound of another
/// noun; the noun just before it is the phrase's head, in the time word's
/// place, and the time word is a modifier of time. Returns that noun.
pub fn time_heading_noun(t: &Tree, i: usize) -> Option<usize> {
    if !one_word_time(t, i) || t.head(i).is_none() {
        return None;
    }
    let c = i.checked_sub(1)?;
    let noun = matches!(t.tok(c).upos.as_str(), "NOUN" | "PROPN") && !t.in_time(c);
    (noun && t.head(c) == Some(i) && rel_is(t.rel(c), "compound")).then_some(c)
}

/// "Nabil Hasan al-Quaety, a photo- and videojournalist from Yemen, died in
/// Aden": a long apposition leads a parser to hang the finite verb as a
/// relative clause of the apposition's noun and make the name the root.
/// A relative clause needs a relative word or a subject of its own; a
/// finite verb with neither, set off by a comma, after a nominal root, is
/// the sentence's verb, and the root noun is its subject. Returns the old
/// root when `v` is such a verb.
pub fn headless_clause(t: &Tree, v: usize) -> Option<usize> {
    let finite = finite_verb(t, v);
    let root = t.range.clone().find(|&i| t.tok(i).head.is_none())?;
    // "Sharif Hotak, of the provincial council, described ...", "George
    // Kimbrell of the Center for Food Safety said ...": the verb hung on
    // the name as an adverbial clause or a parenthesis.
    let aside = (rel_is(t.rel(v), "advcl") || rel_is(t.rel(v), "parataxis")) && t.head(v) == Some(root);
    if !rel_is(t.rel(v), "acl") && !aside {
        return None;
    }
    if !finite {
        return if aside { None } else { verbless_sentence(t, v) };
    }
    // A time is no subject ("Yesterday, what organizers estimated ...").
    if root >= v
        || !matches!(t.tok(root).upos.as_str(), "NOUN" | "PROPN")
        || t.in_time(root)
        || !t.ancestors(v).contains(&root)
    {
        return None;
    }
    let relative = |c: usize| {
        matches!(t.lemma(c).to_lowercase().as_str(), "who" | "whom" | "whose" | "which" | "that" | "where" | "when")
    };
    // A time read as the subject ("on Sunday killed") is no word of the
    // clause's own, and with it the verb may follow its real subject's
    // phrase without a comma.
    let timed = t.children(v).iter().find_map(|&c| prepositional_time_subject(t, c).map(|p| (c, p)));
    let own_words = t.children(v).iter().filter(|&&c| timed.is_none_or(|(s, p)| c != s && c != p)).any(|&c| {
        rel_is(t.rel(c), "nsubj")
            || rel_is(t.rel(c), "mark")
            || relative(c)
            || t.subtree(c, &[]).iter().any(|&k| k < v && relative(k))
    });
    // Or the verb follows the name's own words at once.
    let verb_phrase = t.subtree(v, &[]);
    let adjacent = t.subtree(root, &[]).into_iter().filter(|k| !verb_phrase.contains(k) && *k < v).max() == Some(v - 1);
    let after_comma = (v > t.range.start && t.tok(v - 1).form == ",") || timed.is_some() || (aside && adjacent);
    // No other verb of the root's clause competes for the root.
    let rival = t.children(root).iter().any(|&c| t.is_verbal(c) && rel_is(t.rel(c), "cop"));
    (!own_words && after_comma && !rival).then_some(root)
}

/// The words of a subordinate clause that a parser read as a prepositional
/// phrase; see [`clause_after_preposition`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subordinate {
    pub subordinator: usize,
    pub subject: usize,
    pub verb: usize,
    /// The verb of the clause the subordinate clause modifies.
    pub governor: usize,
}

/// "... entered into an agreement after Turkey began an offensive": a
/// subordinator that is also a preposition ("after", "before", "since",
/// "until") taken as one, its "object" ("Turkey") followed at once by a
/// finite verb with no subject of its own. A finite verb needs a subject
/// and a noun phrase cannot take a finite verb as its next word, so the
/// noun is that verb's subject and the clause modifies the clause above.
pub fn clause_after_preposition(t: &Tree, p: usize) -> Option<Subordinate> {
    const SUBORDINATORS: &[&str] = &["after", "before", "since", "until", "till", "once", "because", "as", "while"];
    if !rel_is(t.rel(p), "case") || !SUBORDINATORS.contains(&t.tok(p).form.to_lowercase().as_str()) {
        return None;
    }
    let n = t.head(p)?;
    if !matches!(t.tok(n).upos.as_str(), "NOUN" | "PROPN" | "PRON") {
        return None;
    }
    // The first finite verb after the noun, with only the noun's own words
    // between them.
    let finite = |k: usize| finite_verb(t, k);
    let phrase = t.subtree(n, &[]);
    let v = (n + 1..t.range.end).find(|&k| finite(k) || !phrase.contains(&k)).filter(|&k| finite(k))?;
    if t.kid(v, "nsubj").is_some() || t.kid(v, "nsubj:pass").is_some() {
        return None;
    }
    // The clause it modifies: the nearest verb above the phrase, which the
    // verb must not itself govern.
    let governor = t.ancestors(n).into_iter().find(|&a| t.is_verbal(a) && a != v)?;
    if t.ancestors(governor).contains(&v) {
        return None;
    }
    Some(Subordinate { subordinator: p, subject: n, verb: v, governor })
}

/// A word tagged as an adjective that heads a nominal argument with a
/// determiner and no noun of its own ("opposed the withdrawal and ...")
/// is a noun: taggers confuse the two on words they rarely saw.
pub fn nominal_adjective(t: &Tree, i: usize) -> bool {
    let nominal = ["obj", "nsubj", "iobj", "obl", "nmod"].iter().any(|r| rel_is(t.rel(i), r));
    t.tok(i).upos == "ADJ"
        && nominal
        && t.kids(i, "det").any(|d| matches!(t.lemma(d).to_lowercase().as_str(), "the" | "a" | "an" | "this" | "that"))
        && !t.children(i).iter().any(|&c| matches!(t.tok(c).upos.as_str(), "NOUN" | "PROPN"))
}

/// A reporting clause set after what it reports and split from it by a
/// comma ("Kenya released 300 detainees, officials said on Monday") is
/// parataxis in UD; parsers also hang it as an adverbial clause or as a
/// conjunct without a conjunction. It has its own subject, no subordinator
/// ("as officials said" stays adverbial) and no conjunction ("and officials
/// said" stays coordinate).
pub fn reporting_clause(t: &Tree, v: usize) -> bool {
    let rel = t.rel(v);
    if !(rel_is(rel, "advcl") || rel_is(rel, "conj")) {
        return false;
    }
    let Some(h) = t.head(v) else { return false };
    if v < h || !t.is_verbal(v) || !cues::has(List::Report, &t.lemma(v).to_lowercase()) {
        return false;
    }
    // Its subject (the one nearest before it) opens right after a comma...
    let Some(subj) = t.kids(v, "nsubj").filter(|&s| s < v).last() else { return false };
    let first = t.subtree(subj, &["punct"]).first().copied().unwrap_or(subj);
    if first <= t.range.start || t.tok(first - 1).form != "," {
        return false;
    }
    // ... with no subordinator or conjunction between the comma and the verb.
    !t.children(v).iter().any(|&c| c >= first - 1 && c < v && (rel_is(t.rel(c), "mark") || rel_is(t.rel(c), "cc")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    const RELEASED: &str = "1 Kenya Kenya PROPN NNP _ 2 nsubj _ _
         2 released release VERB VBD _ 0 root _ _
         3 detainees detainee NOUN NNS _ 2 obj _ SpaceAfter=No
         4 , , PUNCT , _ 6 punct _ _
         5 officials official NOUN NNS _ 6 nsubj _ _
         6 said say VERB VBD _ 2 REL _ _";

    #[test]
    fn a_reporting_clause_hung_as_an_adverbial_clause_is_parataxis() {
        let d = doc(&spaced(&RELEASED.replace("REL", "advcl")));
        let c = canonical(&d);
        assert_eq!(c.tokens[5].deprel, "parataxis");
        assert!(matches!(c, Cow::Owned(_)));
    }

    #[test]
    fn a_perfect_split_by_a_parenthetical_is_one_verb() {
        // The US had not , as of yesterday , announced plans
        let sentence = "1 The the DET DT _ 2 det _ _
             2 US US PROPN NNP _ 3 nsubj _ _
             3 had have VERB VBD _ 0 root _ _
             4 not not PART RB _ 8 advmod _ SpaceAfter=No
             5 , , PUNCT , _ 8 punct _ _
             6 as as ADP IN _ 8 case _ _
             7 of of ADP IN _ 6 fixed _ _
             8 yesterday yesterday NOUN NN _ 3 obl _ SpaceAfter=No
             9 , , PUNCT , _ 10 punct _ _
             10 announced announce VERB VBD _ 3 parataxis _ _
             11 plans plan NOUN NNS _ 10 obj _ _";
        let d = doc(&spaced(sentence));
        let c = canonical(&d);
        assert_eq!((c.tokens[9].deprel.as_str(), c.tokens[9].head), ("root", None));
        assert_eq!(c.tokens[9].xpos, "VBN");
        assert_eq!((c.tokens[2].deprel.as_str(), c.tokens[2].head), ("aux", Some(9)));
        assert_eq!(c.tokens[1].head, Some(9));
        assert_eq!(c.tokens[3].head, Some(9));
        // "had" with an object of its own is no auxiliary.
        let own = sentence.replace("4 not not PART RB _ 8 advmod", "4 talks talk NOUN NNS _ 3 obj");
        let d = doc(&spaced(&own));
        assert_eq!(canonical(&d).tokens[9].deprel, "parataxis");
    }

    #[test]
    fn a_relative_clause_hung_as_a_list_describes_its_noun() {
        // Brett McGurk, who was Trump's envoy, criticized the decision.
        let sentence = "1 Brett Brett PROPN NNP _ 9 nsubj _ _
             2 McGurk McGurk PROPN NNP _ 1 flat _ SpaceAfter=No
             3 , , PUNCT , _ 8 punct _ _
             4 who who PRON WP _ 8 nsubj _ _
             5 was be AUX VBD _ 8 cop _ _
             6 Trump Trump PROPN NNP _ 8 nmod:poss _ SpaceAfter=No
             7 's 's PART POS _ 6 case _ _
             8 envoy envoy NOUN NN _ 1 REL _ SpaceAfter=No
             9 criticized criticize VERB VBD _ 0 root _ _
             10 the the DET DT _ 11 det _ _
             11 decision decision NOUN NN _ 9 obj _ _";
        let d = doc(&spaced(&sentence.replace("REL", "list")));
        let c = canonical(&d);
        assert_eq!((c.tokens[7].deprel.as_str(), c.tokens[7].head), ("acl:relcl", Some(0)));
        // Without the relative word it is no relative clause.
        let plain = sentence.replace("REL", "list").replace("4 who who PRON WP", "4 he he PRON PRP");
        assert_eq!(canonical(&doc(&spaced(&plain))).tokens[7].deprel, "list");
    }

    #[test]
    fn an_adjective_heading_a_determined_argument_is_a_noun() {
        // The SDF opposed the withdrawal.
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 SDF SDF PROPN NNP _ 3 nsubj _ _
             3 opposed oppose VERB VBD _ 0 root _ _
             4 the the DET DT _ 5 det _ _
             5 withdrawal withdrawal ADJ JJ _ 3 obj _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[4].upos.as_str(), c.tokens[4].xpos.as_str()), ("NOUN", "NN"));
        // An adjective describing its noun stays one: "the sudden withdrawal".
        let d = doc(&spaced(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 opposed oppose VERB VBD _ 0 root _ _
             3 the the DET DT _ 5 det _ _
             4 sudden sudden ADJ JJ _ 5 amod _ _
             5 withdrawal withdrawal NOUN NN _ 2 obj _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_time_word_beside_the_subject_is_a_time() {
        // Friday , the House issued a subpoena .
        let d = doc(&spaced(
            "1 Friday Friday PROPN NNP _ 5 nsubj _ SpaceAfter=No
             2 , , PUNCT , _ 4 punct _ _
             3 the the DET DT _ 4 det _ _
             4 House House PROPN NNP _ 5 nsubj _ _
             5 issued issue VERB VBD _ 0 root _ _
             6 a a DET DT _ 7 det _ _
             7 subpoena subpoena NOUN NN _ 5 obj _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[0].head, c.tokens[0].deprel.as_str()), (Some(4), "obl:tmod"));
        assert_eq!(c.tokens[3].deprel, "nsubj");
    }

    #[test]
    fn a_verb_hung_inside_a_relative_clause_is_the_root() {
        // Brett McGurk , who was Trump 's envoy , also criticized the decision .
        let d = doc(&spaced(
            "1 Brett Brett PROPN NNP _ 0 root _ _
             2 McGurk McGurk PROPN NNP _ 1 flat _ SpaceAfter=No
             3 , , PUNCT , _ 8 punct _ _
             4 who who PRON WP _ 8 nsubj _ _
             5 was be AUX VBD _ 8 cop _ _
             6 Trump Trump PROPN NNP _ 8 nmod:poss _ SpaceAfter=No
             7 's 's PART POS _ 6 case _ _
             8 envoy envoy NOUN NN _ 1 parataxis _ SpaceAfter=No
             9 , , PUNCT , _ 11 punct _ _
             10 also also ADV RB _ 11 advmod _ _
             11 criticized criticize VERB VBD _ 8 parataxis _ _
             12 the the DET DT _ 13 det _ _
             13 decision decision NOUN NN _ 11 obj _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(10), (None, "root"));
        assert_eq!(arc(0), (Some(10), "nsubj"));
        assert_eq!(arc(7), (Some(0), "acl:relcl"));
        // Without a relative word the clause is no relative clause:
        // "Brett McGurk, Trump's envoy: criticized the decision" is left.
        let d = doc(&spaced(
            "1 Brett Brett PROPN NNP _ 0 root _ _
             2 McGurk McGurk PROPN NNP _ 1 flat _ SpaceAfter=No
             3 , , PUNCT , _ 6 punct _ _
             4 Trump Trump PROPN NNP _ 6 nmod:poss _ SpaceAfter=No
             5 's 's PART POS _ 4 case _ _
             6 envoy envoy NOUN NN _ 1 appos _ SpaceAfter=No
             7 : : PUNCT : _ 8 punct _ _
             8 criticized criticize VERB VBD _ 6 parataxis _ _
             9 the the DET DT _ 10 det _ _
             10 decision decision NOUN NN _ 8 obj _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_time_with_its_preposition_is_no_subject() {
        // A bombing near Samarra on Sunday killed one soldier .
        let d = doc(&spaced(
            "1 A a DET DT _ 2 det _ _
             2 bombing bombing NOUN NN _ 0 root _ _
             3 near near ADP IN _ 4 case _ _
             4 Samarra Samarra PROPN NNP _ 2 nmod _ _
             5 on on ADP IN _ 7 mark _ _
             6 Sunday Sunday PROPN NNP _ 7 nsubj _ _
             7 killed kill VERB VBD _ 2 acl _ _
             8 one one NUM CD _ 9 nummod _ _
             9 soldier soldier NOUN NN _ 7 obj _ _
             10 . . PUNCT . _ 2 punct _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(6), (None, "root"));
        assert_eq!(arc(1), (Some(6), "nsubj"));
        assert_eq!(arc(5), (Some(6), "obl:tmod"));
        assert_eq!(arc(4), (Some(5), "case"));
    }

    #[test]
    fn a_report_with_two_subjects_reports_the_first_ones_verb() {
        // A bombing on Sunday killed one soldier , the military said .
        let d = doc(&spaced(
            "1 A a DET DT _ 2 det _ _
             2 bombing bombing NOUN NN _ 11 nsubj _ _
             3 on on ADP IN _ 5 mark _ _
             4 Sunday Sunday PROPN NNP _ 5 nsubj _ _
             5 killed kill VERB VBD _ 2 acl _ _
             6 one one NUM CD _ 7 nummod _ _
             7 soldier soldier NOUN NN _ 5 obj _ SpaceAfter=No
             8 , , PUNCT , _ 10 punct _ _
             9 the the DET DT _ 10 det _ _
             10 military military NOUN NN _ 11 nsubj _ _
             11 said say VERB VBD _ 0 root _ _
             12 . . PUNCT . _ 11 punct _ _",
        ));
        let t = Tree::new(&d, 0);
        assert!(t.in_time(3), "{:?}", d.times);
        assert_eq!(prepositional_time_subject(&t, 3), Some(2));
        assert_eq!(report_read_as_main_clause(&t, 10), Some((1, 4)));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(4), (None, "root"));
        assert_eq!(arc(1), (Some(4), "nsubj"));
        assert_eq!(arc(10), (Some(4), "parataxis"));
        assert_eq!(arc(3), (Some(4), "obl:tmod"));
    }

    #[test]
    fn a_verb_hung_on_a_name_as_an_aside_is_the_sentences() {
        // George Kimbrell of the Center said it / Kimbrell , who said it , left
        let d = doc(&spaced(
            "1 George George PROPN NNP _ 0 root _ _
             2 Kimbrell Kimbrell PROPN NNP _ 1 flat _ _
             3 of of ADP IN _ 5 case _ _
             4 the the DET DT _ 5 det _ _
             5 Center Center PROPN NNP _ 1 nmod _ _
             6 said say VERB VBD _ 1 advcl _ _
             7 it it PRON PRP _ 6 obj _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[5].head, c.tokens[5].deprel.as_str()), (None, "root"));
        assert_eq!((c.tokens[0].head, c.tokens[0].deprel.as_str()), (Some(5), "nsubj"));
        // With a subject of its own it is no aside of the name.
        let d = doc(&spaced(
            "1 Kimbrell Kimbrell PROPN NNP _ 0 root _ _
             2 she she PRON PRP _ 3 nsubj _ _
             3 said say VERB VBD _ 1 parataxis _ _",
        ));
        assert_eq!(canonical(&d).tokens[0].deprel, "root");
    }

    #[test]
    fn a_time_made_root_is_no_headless_clauses_subject() {
        // Yesterday , organizers marched (marched hung on the time)
        let d = doc(&spaced(
            "1 Yesterday yesterday NOUN NN _ 0 root _ _
             2 , , PUNCT , _ 4 punct _ _
             3 organizers organizer NOUN NNS _ 4 nsubj _ _
             4 marched march VERB VBD _ 1 acl _ _",
        ));
        assert_eq!(headless_clause(&Tree::new(&d, 0), 3), None);
    }

    #[test]
    fn a_time_heading_a_passive_subjects_name_gives_way_to_it() {
        // on Saturday Sirhan Sirhan was stabbed (the name flat under the day)
        let d = doc(&spaced(
            "1 on on ADP IN _ 5 mark _ _
             2 Saturday Saturday PROPN NNP _ 5 nsubj:pass _ _
             3 Sirhan Sirhan PROPN NNP _ 2 flat _ _
             4 Sirhan Sirhan PROPN NNP _ 2 flat _ _
             5 stabbed stab VERB VBN _ 0 root _ _",
        ));
        let c = canonical(&d);
        let rel = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(rel(2), (Some(4), "nsubj:pass"));
        assert_eq!(rel(3), (Some(2), "flat"));
        assert_eq!(rel(1), (Some(4), "obl:tmod"));
    }

    #[test]
    fn a_reported_clause_read_as_an_apposition_is_the_reports_content() {
        // Rouhani said foreign powers should get out
        let d = doc(&spaced(
            "1 Rouhani Rouhani PROPN NNP _ 2 nsubj _ _
             2 said say VERB VBD _ 0 root _ _
             3 foreign foreign ADJ JJ _ 4 amod _ _
             4 powers power NOUN NNS _ 2 obj _ _
             5 should should AUX MD _ 6 aux _ _
             6 get get VERB VB _ 4 appos _ _
             7 out out ADV RB _ 6 advmod _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[3].head, c.tokens[3].deprel.as_str()), (Some(5), "nsubj"));
        assert_eq!((c.tokens[5].head, c.tokens[5].deprel.as_str()), (Some(1), "ccomp"));
        // "told reporters, hoping to leave": no auxiliary, no clause.
        let d = doc(&spaced(
            "1 He he PRON PRP _ 2 nsubj _ _
             2 told tell VERB VBD _ 0 root _ _
             3 reporters reporter NOUN NNS _ 2 obj _ _
             4 waiting wait VERB VBG _ 3 acl _ _",
        ));
        assert!(report_content_read_as_apposition(&Tree::new(&d, 0), 3).is_none());
    }

    #[test]
    fn a_subject_joined_to_the_clause_before_is_its_verbs() {
        // it was claimed by Houthis in Yemen , but Saudi Arabia and the US have alleged involvement
        let d = doc(&spaced(
            "1 it it PRON PRP _ 3 nsubj:pass _ _
             2 was be AUX VBD _ 3 aux:pass _ _
             3 claimed claim VERB VBN _ 0 root _ _
             4 by by ADP IN _ 5 case _ _
             5 Houthis Houthis PROPN NNPS _ 3 obl:agent _ _
             6 in in ADP IN _ 7 case _ _
             7 Yemen Yemen PROPN NNP _ 3 obl _ _
             8 , , PUNCT , _ 11 punct _ _
             9 but but CCONJ CC _ 11 cc _ _
             10 Saudi Saudi PROPN NNP _ 11 compound _ _
             11 Arabia Arabia PROPN NNP _ 7 conj _ _
             12 and and CCONJ CC _ 14 cc _ _
             13 the the DET DT _ 14 det _ _
             14 US US PROPN NNP _ 7 conj _ _
             15 have have AUX VBP _ 16 aux _ _
             16 alleged allege VERB VBN _ 3 conj _ _
             17 involvement involvement NOUN NN _ 16 obj _ _",
        ));
        let c = canonical(&d);
        let rel = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(rel(10), (Some(15), "nsubj"));
        assert_eq!(rel(13), (Some(10), "conj"));
        assert_eq!(rel(8), (Some(15), "cc"));
        assert_eq!(c.tokens[7].head, Some(15), "the comma opens the clause");
        // "Israel and Egypt have met" is not touched: no clause before.
        let d = doc(&spaced(
            "1 Israel Israel PROPN NNP _ 5 nsubj _ _
             2 and and CCONJ CC _ 3 cc _ _
             3 Egypt Egypt PROPN NNP _ 1 conj _ _
             4 have have AUX VBP _ 5 aux _ _
             5 met meet VERB VBN _ 0 root _ _",
        ));
        assert!(subject_read_as_conjunct(&Tree::new(&d, 0), 4).is_none());
    }

    #[test]
    fn an_infinitive_on_the_object_of_wanting_is_the_verbs_complement() {
        // The Taliban wants foreign forces to leave ; He announced a plan to leave
        let d = doc(&spaced(
            "1 Taliban Taliban PROPN NNP _ 2 nsubj _ _
             2 wants want VERB VBZ _ 0 root _ _
             3 foreign foreign ADJ JJ _ 4 amod _ _
             4 forces force NOUN NNS _ 2 obj _ _
             5 to to PART TO _ 6 mark _ _
             6 leave leave VERB VB _ 4 acl _ _

             1 He he PRON PRP _ 2 nsubj _ _
             2 announced announce VERB VBD _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 plan plan NOUN NN _ 2 obj _ _
             5 to to PART TO _ 6 mark _ _
             6 leave leave VERB VB _ 4 acl _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[5].head, c.tokens[5].deprel.as_str()), (Some(1), "xcomp"));
        assert_eq!((c.tokens[11].head, c.tokens[11].deprel.as_str()), (Some(9), "acl"));
        // Hamas urged Israel to release prisoners (as an adverbial clause)
        let d = doc(&spaced(
            "1 Hamas Hamas PROPN NNP _ 2 nsubj _ _
             2 urged urge VERB VBD _ 0 root _ _
             3 Israel Israel PROPN NNP _ 2 obj _ _
             4 to to PART TO _ 5 mark _ _
             5 release release VERB VB _ 2 advcl _ _
             6 prisoners prisoner NOUN NNS _ 5 obj _ _",
        ));
        assert_eq!(canonical(&d).tokens[4].deprel, "xcomp");
    }

    #[test]
    fn a_time_between_a_passives_auxiliary_and_participle_is_its_oblique() {
        // A car bomb was on Monday rammed into a base .
        let d = doc(&spaced(
            "1 A a DET DT _ 3 det _ _
             2 car car NOUN NN _ 3 compound _ _
             3 bomb bomb NOUN NN _ 6 nsubj _ _
             4 was be AUX VBD _ 6 cop _ _
             5 on on ADP IN _ 6 case _ _
             6 Monday Monday PROPN NNP _ 0 root _ _
             7 rammed ram VERB VBD _ 6 appos _ _
             8 into into ADP IN _ 10 case _ _
             9 a a DET DT _ 10 det _ _
             10 base base NOUN NN _ 7 obl _ _
             11 . . PUNCT . _ 6 punct _ _",
        ));
        let c = canonical(&d);
        let rel = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(rel(6), (None, "root"));
        assert_eq!(c.tokens[6].xpos, "VBN");
        assert_eq!(c.tokens[6].upos, "VERB");
        assert_eq!(rel(5), (Some(6), "obl"));
        assert_eq!(rel(3), (Some(6), "aux:pass"));
        assert_eq!(rel(2), (Some(6), "nsubj:pass"));
        assert_eq!(rel(10), (Some(6), "punct"));
        assert_eq!(rel(4), (Some(5), "case"));
        // "The meeting was on Monday, delayed by rain": the copula's own
        // sentence is not split (a comma parts them).
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 meeting meeting NOUN NN _ 5 nsubj _ _
             3 was be AUX VBD _ 5 cop _ _
             4 on on ADP IN _ 5 case _ _
             5 Monday Monday PROPN NNP _ 0 root _ _
             6 , , PUNCT , _ 7 punct _ _
             7 delayed delay VERB VBN _ 5 acl _ _",
        ));
        assert!(passive_split_by_time(&Tree::new(&d, 0), 6).is_none());
    }

    #[test]
    fn an_opening_time_is_no_root() {
        // On Thursday , Cruz proposed a bill (the clause hung as acl:relcl or acl)
        const TEXT: &str = "1 On on ADP IN _ 2 case _ _
             2 Thursday Thursday PROPN NNP _ 0 root _ SpaceAfter=No
             3 , , PUNCT , _ 2 punct _ _
             4 Cruz Cruz PROPN NNP _ 5 nsubj _ _
             5 proposed propose VERB VBD _ 2 acl:relcl _ _
             6 a a DET DT _ 7 det _ _
             7 bill bill NOUN NN _ 5 obj _ _";
        for text in [TEXT.to_string(), TEXT.replace("acl:relcl", "acl")] {
            let d = doc(&spaced(&text));
            let c = canonical(&d);
            assert_eq!((c.tokens[4].head, c.tokens[4].deprel.as_str()), (None, "root"));
            assert_eq!((c.tokens[1].head, c.tokens[1].deprel.as_str()), (Some(4), "obl"));
        }
    }

    #[test]
    fn according_to_x_is_no_root() {
        // According to the ruling , a host must remove the post .
        let d = doc(&spaced(
            "1 According accord VERB VBG _ 4 case _ _
             2 to to ADP IN _ 1 fixed _ _
             3 the the DET DT _ 4 det _ _
             4 ruling ruling NOUN NN _ 0 root _ SpaceAfter=No
             5 , , PUNCT , _ 4 punct _ _
             6 a a DET DT _ 7 det _ _
             7 host host NOUN NN _ 4 appos _ _
             8 must must AUX MD _ 9 aux _ _
             9 remove remove VERB VB _ 7 conj _ _
             10 the the DET DT _ 11 det _ _
             11 post post NOUN NN _ 9 obj _ SpaceAfter=No
             12 . . PUNCT . _ 4 punct _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(8), (None, "root"));
        assert_eq!(arc(3), (Some(8), "obl"));
        assert_eq!(arc(6), (Some(8), "nsubj"));
        assert_eq!(arc(11), (Some(8), "punct"));
    }

    #[test]
    fn a_past_verb_tagged_a_noun_is_a_verb() {
        // He pointed it and shot at one person / He bought a car and shoes
        let d = doc(&spaced(
            "1 He he PRON PRP _ 2 nsubj _ _
             2 pointed point VERB VBD _ 0 root _ _
             3 it it PRON PRP _ 2 obj _ _
             4 and and CCONJ CC _ 5 cc _ _
             5 shot shot NOUN NN _ 2 conj _ _
             6 at at ADP IN _ 8 case _ _
             7 one one NUM CD _ 8 nummod _ _
             8 person person NOUN NN _ 5 nmod _ _

             1 He he PRON PRP _ 2 nsubj _ _
             2 pointed point VERB VBD _ 0 root _ _
             3 and and CCONJ CC _ 5 cc _ _
             4 a a DET DT _ 5 det _ _
             5 shot shot NOUN NN _ 2 conj _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[4].upos.as_str(), c.tokens[4].lemma.as_str()), ("VERB", "shoot"));
        assert_eq!(c.tokens[12].upos, "NOUN", "a shot");
    }

    #[test]
    fn a_past_form_is_no_present_tense() {
        // officers shot him / officers shoot him / they are here
        let d = doc(&spaced(
            "1 officers officer NOUN NNS _ 2 nsubj _ _
             2 shot shoot VERB VBP _ 0 root _ _
             3 him he PRON PRP _ 2 obj _ _

             1 officers officer NOUN NNS _ 2 nsubj _ _
             2 shoot shoot VERB VBP _ 0 root _ _
             3 him he PRON PRP _ 2 obj _ _",
        ));
        let c = canonical(&d);
        assert_eq!(c.tokens[1].xpos, "VBD");
        assert_eq!(c.tokens[4].xpos, "VBP");
    }

    #[test]
    fn a_finite_clause_on_a_noun_is_a_relative_clause() {
        // They filed a lawsuit Trump declared / They extradite people accused of crimes
        let d = doc(&spaced(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 filed file VERB VBD _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 lawsuit lawsuit NOUN NN _ 2 obj _ _
             5 Trump Trump PROPN NNP _ 6 nsubj _ _
             6 declared declare VERB VBD _ 4 acl _ _

             1 They they PRON PRP _ 2 nsubj _ _
             2 extradite extradite VERB VBP _ 0 root _ _
             3 people people NOUN NNS _ 2 obj _ _
             4 accused accuse VERB VBN _ 3 acl _ _
             5 of of ADP IN _ 6 case _ _
             6 crimes crime NOUN NNS _ 4 obl _ _",
        ));
        let c = canonical(&d);
        assert_eq!(c.tokens[5].deprel, "acl:relcl");
        assert_eq!(c.tokens[9].deprel, "acl");
        // For the first time , police fired : the sentence's verb
        let d = doc(&spaced(
            "1 For for ADP IN _ 4 case _ _
             2 the the DET DT _ 4 det _ _
             3 first first ADJ JJ _ 4 amod _ _
             4 time time NOUN NN _ 0 root _ _
             5 , , PUNCT , _ 7 punct _ _
             6 police police NOUN NN _ 7 nsubj _ _
             7 fired fire VERB VBD _ 4 acl _ _",
        ));
        assert!(!finite_clause_read_as_participle(&Tree::new(&d, 0), 6));
    }

    #[test]
    fn a_relative_clause_hung_on_the_verb_describes_its_noun() {
        // She spoke about Siarhei , who was arrested , and promised elections .
        let d = doc(&spaced(
            "1 She she PRON PRP _ 2 nsubj _ _
             2 spoke speak VERB VBD _ 0 root _ _
             3 about about ADP IN _ 4 case _ _
             4 Siarhei Siarhei PROPN NNP _ 2 obl _ SpaceAfter=No
             5 , , PUNCT , _ 8 punct _ _
             6 who who PRON WP _ 8 nsubj:pass _ _
             7 was be AUX VBD _ 8 aux:pass _ _
             8 arrested arrest VERB VBN _ 2 parataxis _ SpaceAfter=No
             9 , , PUNCT , _ 11 punct _ _
             10 and and CCONJ CC _ 11 cc _ _
             11 promised promise VERB VBD _ 8 conj _ _
             12 elections election NOUN NNS _ 11 obj _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(7), (Some(3), "acl:relcl"));
        assert_eq!(arc(10), (Some(1), "conj"));
        // "She spoke, which surprised him": no noun before the comma.
        let d = doc(&spaced(
            "1 She she PRON PRP _ 2 nsubj _ SpaceAfter=No
             2 spoke speak VERB VBD _ 0 root _ _
             3 , , PUNCT , _ 5 punct _ _
             4 which which PRON WDT _ 5 nsubj _ _
             5 surprised surprise VERB VBD _ 2 parataxis _ _
             6 him he PRON PRP _ 5 obj _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_name_holds_no_time() {
        // in southeastern Serbia Friday , with "Serbia Friday" one name
        let d = doc(&spaced(
            "1 in in ADP IN _ 3 case _ _
             2 southeastern southeastern ADJ JJ _ 3 amod _ _
             3 Serbia Serbia PROPN NNP _ 0 root _ NER=B-PER
             4 Friday Friday PROPN NNP _ 3 flat _ NER=I-PER",
        ));
        assert_eq!(d.entities[0].tokens, 2..4, "the fixture has the slip");
        let c = canonical(&d);
        assert_eq!(c.entities.len(), 1);
        assert_eq!((c.entities[0].tokens.clone(), &c.text[c.entities[0].start..c.entities[0].end]), (2..3, "Serbia"));
    }

    #[test]
    fn an_adjective_closing_a_named_object_is_its_predicate() {
        // The opposition called the arrests of its leaders unlawful .
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 opposition opposition NOUN NN _ 3 nsubj _ _
             3 called call VERB VBD _ 0 root _ _
             4 the the DET DT _ 5 det _ _
             5 arrests arrest NOUN NNS _ 3 obj _ _
             6 of of ADP IN _ 8 case _ _
             7 its its PRON PRP$ _ 8 nmod:poss _ _
             8 leaders leader NOUN NNS _ 5 nmod _ _
             9 unlawful unlawful ADJ JJ _ 8 amod _ SpaceAfter=No
             10 . . PUNCT . _ 3 punct _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[8].head, c.tokens[8].deprel.as_str()), (Some(2), "xcomp"));
        // Not after another verb: "they arrested the leaders responsible".
        let d = doc(&spaced(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 arrested arrest VERB VBD _ 0 root _ _
             3 the the DET DT _ 4 det _ _
             4 leaders leader NOUN NNS _ 2 obj _ _
             5 responsible responsible ADJ JJ _ 4 amod _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn an_opening_clauses_object_is_no_subject() {
        // to attend the Assembly , President Zelensky told reporters
        let d = doc(&spaced(
            "1 to to PART TO _ 2 mark _ _
             2 attend attend VERB VB _ 8 advcl _ _
             3 the the DET DT _ 4 det _ _
             4 Assembly Assembly PROPN NNP _ 8 nsubj _ SpaceAfter=No
             5 , , PUNCT , _ 7 punct _ _
             6 President President PROPN NNP _ 7 nmod:desc _ _
             7 Zelensky Zelensky PROPN NNP _ 4 conj _ _
             8 told tell VERB VBD _ 0 root _ _
             9 reporters reporter NOUN NNS _ 8 iobj _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(3), (Some(1), "obj"));
        assert_eq!(arc(6), (Some(7), "nsubj"));
        // "After the talks, Egypt and Qatar said": a real coordination.
        let d = doc(&spaced(
            "1 Egypt Egypt PROPN NNP _ 4 nsubj _ _
             2 and and CCONJ CC _ 3 cc _ _
             3 Qatar Qatar PROPN NNP _ 1 conj _ _
             4 said say VERB VBD _ 0 root _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_participle_after_an_object_describes_it() {
        // extradite people accused of crimes / had him arrested
        let d = doc(&spaced(
            "1 extradite extradite VERB VB _ 0 root _ _
             2 people people NOUN NNS _ 1 obj _ _
             3 accused accuse VERB VBN _ 1 xcomp _ _
             4 of of ADP IN _ 5 case _ _
             5 crimes crime NOUN NNS _ 3 obl _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[2].head, c.tokens[2].deprel.as_str()), (Some(1), "acl"));
        let d = doc(&spaced(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 had have VERB VBD _ 0 root _ _
             3 him he PRON PRP _ 2 obj _ _
             4 arrested arrest VERB VBN _ 2 xcomp _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_relative_clause_read_as_the_main_one() {
        // The leader , whose brother was arrested , condemned the arrests .
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 leader leader NOUN NN _ 7 nsubj:pass _ SpaceAfter=No
             3 , , PUNCT , _ 2 punct _ _
             4 whose whose PRON WP$ _ 5 nmod:poss _ _
             5 brother brother NOUN NN _ 7 nsubj:pass _ _
             6 was be AUX VBD _ 7 aux:pass _ _
             7 arrested arrest VERB VBN _ 0 root _ SpaceAfter=No
             8 , , PUNCT , _ 9 punct _ _
             9 condemned condemn VERB VBD _ 7 conj _ _
             10 the the DET DT _ 11 det _ _
             11 arrests arrest NOUN NNS _ 9 obj _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(8), (None, "root"));
        assert_eq!(arc(1), (Some(8), "nsubj"));
        assert_eq!(arc(6), (Some(1), "acl:relcl"));
    }

    #[test]
    fn a_time_word_heads_no_compound() {
        // Police landed a round on a protester yesterday .
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 landed land VERB VBD _ 0 root _ _
             3 a a DET DT _ 4 det _ _
             4 round round NOUN NN _ 2 obj _ _
             5 on on ADP IN _ 8 case _ _
             6 a a DET DT _ 8 det _ _
             7 protester protester NOUN NN _ 8 compound _ _
             8 yesterday yesterday NOUN NN _ 2 obl _ _
             9 . . PUNCT . _ 2 punct _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(6), (Some(1), "obl"));
        assert_eq!(arc(7), (Some(1), "obl:tmod"));
        assert_eq!(arc(4), (Some(6), "case"));
        assert_eq!(arc(5), (Some(6), "det"));
        // A time word modifying a noun is left alone: "the Monday meeting".
        let d = doc(&spaced(
            "1 They they PRON PRP _ 2 nsubj _ _
             2 held hold VERB VBD _ 0 root _ _
             3 the the DET DT _ 5 det _ _
             4 Monday Monday PROPN NNP _ 5 compound _ _
             5 meeting meeting NOUN NN _ 2 obj _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_subordinator_read_as_a_preposition_opens_a_clause() {
        // The SDF entered an agreement after Turkey began an offensive.
        let d = doc(&spaced(
            "1 The the DET DT _ 2 det _ _
             2 SDF SDF PROPN NNP _ 3 nsubj _ _
             3 entered enter VERB VBD _ 0 root _ _
             4 an a DET DT _ 5 det _ _
             5 agreement agreement NOUN NN _ 3 obj _ _
             6 after after ADP IN _ 7 case _ _
             7 Turkey Turkey PROPN NNP _ 5 nmod _ _
             8 began begin VERB VBD _ 3 conj _ _
             9 an a DET DT _ 10 det _ _
             10 offensive offensive NOUN NN _ 8 obj _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(5), (Some(7), "mark"));
        assert_eq!(arc(6), (Some(7), "nsubj"));
        assert_eq!(arc(7), (Some(2), "advcl"));
        // "after the talks, Turkey began ...": the verb has its own subject.
        let d = doc(&spaced(
            "1 After after ADP IN _ 3 case _ _
             2 the the DET DT _ 3 det _ _
             3 talks talk NOUN NNS _ 5 obl _ SpaceAfter=No
             4 , , PUNCT , _ 3 punct _ _
             5 Turkey Turkey PROPN NNP _ 6 nsubj _ _
             6 began begin VERB VBD _ 0 root _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_finite_verb_hung_as_a_relative_clause_without_a_relative_word_is_the_root() {
        // Nabil, a journalist from Yemen, died in Aden.
        let d = doc(&spaced(
            "1 Nabil Nabil PROPN NNP _ 0 root _ SpaceAfter=No
             2 , , PUNCT , _ 4 punct _ _
             3 a a DET DT _ 4 det _ _
             4 journalist journalist NOUN NN _ 1 appos _ _
             5 from from ADP IN _ 6 case _ _
             6 Yemen Yemen PROPN NNP _ 4 nmod _ SpaceAfter=No
             7 , , PUNCT , _ 8 punct _ _
             8 died die VERB VBD _ 4 acl:relcl _ _
             9 in in ADP IN _ 10 case _ _
             10 Aden Aden PROPN NNP _ 8 obl _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[7].head, c.tokens[7].deprel.as_str()), (None, "root"));
        assert_eq!((c.tokens[0].head, c.tokens[0].deprel.as_str()), (Some(7), "nsubj"));
        // "Nabil, a journalist who died in Aden": a relative clause.
        let d = doc(&spaced(
            "1 Nabil Nabil PROPN NNP _ 0 root _ SpaceAfter=No
             2 , , PUNCT , _ 4 punct _ _
             3 a a DET DT _ 4 det _ _
             4 journalist journalist NOUN NN _ 1 appos _ _
             5 who who PRON WP _ 6 nsubj _ _
             6 died die VERB VBD _ 4 acl:relcl _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_time_word_is_no_subject_the_nominal_after_it_is() {
        // This Thursday the Commission on Freedom criticized the move
        let d = doc(&spaced(
            "1 This this DET DT _ 2 det _ _
             2 Thursday Thursday PROPN NNP _ 8 nsubj _ _
             3 the the DET DT _ 4 det _ _
             4 Commission Commission PROPN NNP _ 2 appos _ _
             5 on on ADP IN _ 6 case _ _
             6 Freedom Freedom PROPN NNP _ 2 nmod _ _
             7 also also ADV RB _ 8 advmod _ _
             8 criticized criticize VERB VBD _ 0 root _ _
             9 the the DET DT _ 10 det _ _
             10 move move NOUN NN _ 8 obj _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(1), (Some(7), "obl:tmod"));
        assert_eq!(arc(3), (Some(7), "nsubj"));
        assert_eq!(arc(5), (Some(3), "nmod"));
    }

    #[test]
    fn a_time_subjects_second_apposition_stays_an_apposition() {
        // Yesterday afternoon , Nancy Pelosi , the Speaker , announced it
        let d = doc(&spaced(
            "1 Yesterday yesterday NOUN NN _ 2 compound _ _
             2 afternoon afternoon NOUN NN _ 9 nsubj _ SpaceAfter=No
             3 , , PUNCT , _ 4 punct _ _
             4 Nancy Nancy PROPN NNP _ 2 appos _ NER=B-PER
             5 Pelosi Pelosi PROPN NNP _ 4 flat _ NER=I-PER
             6 , , PUNCT , _ 8 punct _ _
             7 the the DET DT _ 8 det _ _
             8 Speaker Speaker PROPN NNP _ 2 appos _ SpaceAfter=No
             9 announced announce VERB VBD _ 0 root _ _
             10 it it PRON PRP _ 9 obj _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[3].head, c.tokens[3].deprel.as_str()), (Some(8), "nsubj"));
        assert_eq!((c.tokens[7].head, c.tokens[7].deprel.as_str()), (Some(3), "appos"));
    }

    #[test]
    fn a_second_subject_after_a_comma_is_an_apposition() {
        // A member of Parliament , Samir Dilou said it
        let d = doc(&spaced(
            "1 A a DET DT _ 2 det _ _
             2 member member NOUN NN _ 8 nsubj _ _
             3 of of ADP IN _ 4 case _ _
             4 Parliament Parliament PROPN NNP _ 2 nmod _ _
             5 , , PUNCT , _ 4 punct _ _
             6 Samir Samir PROPN NNP _ 8 nsubj _ NER=B-PER
             7 Dilou Dilou PROPN NNP _ 6 flat _ NER=I-PER
             8 said say VERB VBD _ 0 root _ _
             9 it it PRON PRP _ 8 obj _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[5].head, c.tokens[5].deprel.as_str()), (Some(1), "appos"));
        assert_eq!((c.tokens[1].head, c.tokens[1].deprel.as_str()), (Some(7), "nsubj"));
    }

    #[test]
    fn a_nominal_in_apposition_to_a_fronted_time_is_the_subject() {
        // On Thursday , Sviatlana Tsikhanouskaya , a candidate , held a rally
        let d = doc(&spaced(
            "1 On on ADP IN _ 2 case _ _
             2 Thursday Thursday PROPN NNP _ 11 obl _ _
             3 , , PUNCT , _ 5 punct _ _
             4 Sviatlana Sviatlana PROPN NNP _ 5 compound _ NER=B-PER
             5 Tsikhanouskaya Tsikhanouskaya PROPN NNP _ 2 appos _ NER=I-PER
             6 , , PUNCT , _ 8 punct _ _
             7 a a DET DT _ 8 det _ _
             8 candidate candidate NOUN NN _ 2 appos _ _
             9 , , PUNCT , _ 2 punct _ _
             10 then then ADV RB _ 11 advmod _ _
             11 held hold VERB VBD _ 0 root _ _
             12 a a DET DT _ 13 det _ _
             13 rally rally NOUN NN _ 11 obj _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(1), (Some(10), "obl"));
        assert_eq!(arc(4), (Some(10), "nsubj"));
        assert_eq!(arc(7), (Some(4), "appos"));
        // A verb with a subject of its own keeps it.
        let d = doc(&spaced(
            "1 On on ADP IN _ 2 case _ _
             2 Thursday Thursday PROPN NNP _ 6 obl _ _
             3 , , PUNCT , _ 4 punct _ _
             4 Minsk Minsk PROPN NNP _ 2 appos _ _
             5 police police NOUN NNS _ 6 nsubj _ _
             6 arrested arrest VERB VBD _ 0 root _ _
             7 him he PRON PRP _ 6 obj _ _",
        ));
        assert!(subject_in_apposition_to_time(&Tree::new(&d, 0), 1).is_none());
    }

    #[test]
    fn a_sentence_without_a_finite_verb_has_its_participle_as_verb() {
        // Both the council and the government called for an inquiry.
        let d = doc(&spaced(
            "1 Both both CCONJ CC _ 3 cc:preconj _ _
             2 the the DET DT _ 3 det _ _
             3 council council NOUN NN _ 0 root _ _
             4 and and CCONJ CC _ 6 cc _ _
             5 the the DET DT _ 6 det _ _
             6 government government NOUN NN _ 3 conj _ _
             7 called call VERB VBN _ 3 acl _ _
             8 for for ADP IN _ 10 case _ _
             9 an a DET DT _ 10 det _ _
             10 inquiry inquiry NOUN NN _ 7 obl _ _",
        ));
        let c = canonical(&d);
        assert_eq!((c.tokens[6].head, c.tokens[6].deprel.as_str(), c.tokens[6].xpos.as_str()), (None, "root", "VBD"));
        assert_eq!((c.tokens[2].head, c.tokens[2].deprel.as_str()), (Some(6), "nsubj"));
        // Protesters called for an inquiry after he sent messages: the only
        // finite verb lies inside the participle's own clause.
        let d = doc(&spaced(
            "1 Protesters protester NOUN NNS _ 0 root _ _
             2 called call VERB VBN _ 1 acl _ _
             3 for for ADP IN _ 4 case _ _
             4 inquiry inquiry NOUN NN _ 2 obl _ _
             5 after after SCONJ IN _ 7 mark _ _
             6 he he PRON PRP _ 7 nsubj _ _
             7 sent send VERB VBD _ 2 advcl _ _",
        ));
        assert_eq!(canonical(&d).tokens[1].deprel, "root");
        // "the prisoners released yesterday were ...": a finite verb elsewhere.
        let d = doc(&spaced(
            "1 the the DET DT _ 2 det _ _
             2 prisoners prisoner NOUN NNS _ 5 nsubj _ _
             3 released release VERB VBN _ 2 acl _ _
             4 were be AUX VBD _ 5 cop _ _
             5 home home ADV RB _ 0 root _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_verb_read_as_a_participle_before_a_clause_with_two_subjects_governs_it() {
        // Trump and his supporters claimed Biden won the elections
        let d = doc(&spaced(
            "1 Trump Trump PROPN NNP _ 7 nsubj _ _
             2 and and CCONJ CC _ 4 cc _ _
             3 his his PRON PRP$ _ 4 nmod:poss _ _
             4 supporters supporter NOUN NNS _ 1 conj _ _
             5 claimed claim VERB VBD _ 4 acl _ _
             6 Biden Biden PROPN NNP _ 7 nsubj _ _
             7 won win VERB VBD _ 0 root _ _
             8 the the DET DT _ 9 det _ _
             9 elections election NOUN NNS _ 7 obj _ _",
        ));
        let c = canonical(&d);
        let arc = |i: usize| (c.tokens[i].head, c.tokens[i].deprel.as_str());
        assert_eq!(arc(4), (None, "root"));
        assert_eq!(arc(0), (Some(4), "nsubj"));
        assert_eq!(arc(6), (Some(4), "ccomp"));
        assert_eq!(arc(5), (Some(6), "nsubj"));
        // "the prisoners released yesterday won": a participle (VBN) does
        // describe its noun, and "won" has one subject.
        let d = doc(&spaced(
            "1 prisoners prisoner NOUN NNS _ 4 nsubj _ _
             2 released release VERB VBN _ 1 acl _ _
             3 yesterday yesterday NOUN NN _ 2 obl:tmod _ _
             4 won win VERB VBD _ 0 root _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_bare_conjunct_reporting_clause_is_parataxis() {
        let d = doc(&spaced(&RELEASED.replace("REL", "conj")));
        assert_eq!(canonical(&d).tokens[5].deprel, "parataxis");
    }

    #[test]
    fn a_subordinated_or_coordinated_report_is_left_alone() {
        // Kenya released detainees, as officials said.
        let d = doc(&spaced(
            "1 Kenya Kenya PROPN NNP _ 2 nsubj _ _
             2 released release VERB VBD _ 0 root _ _
             3 detainees detainee NOUN NNS _ 2 obj _ SpaceAfter=No
             4 , , PUNCT , _ 7 punct _ _
             5 as as SCONJ IN _ 7 mark _ _
             6 officials official NOUN NNS _ 7 nsubj _ _
             7 said say VERB VBD _ 2 advcl _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
        // Kenya released detainees, and officials said so.
        let d = doc(&spaced(
            "1 Kenya Kenya PROPN NNP _ 2 nsubj _ _
             2 released release VERB VBD _ 0 root _ _
             3 detainees detainee NOUN NNS _ 2 obj _ SpaceAfter=No
             4 , , PUNCT , _ 7 punct _ _
             5 and and CCONJ CC _ 7 cc _ _
             6 officials official NOUN NNS _ 7 nsubj _ _
             7 said say VERB VBD _ 2 conj _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn a_report_before_its_content_or_without_a_comma_is_left_alone() {
        // Officials said Kenya released detainees (said is the root): no change.
        let d = doc(&spaced(
            "1 Officials official NOUN NNS _ 2 nsubj _ _
             2 said say VERB VBD _ 0 root _ _
             3 Kenya Kenya PROPN NNP _ 4 nsubj _ _
             4 released release VERB VBD _ 2 ccomp _ _
             5 detainees detainee NOUN NNS _ 4 obj _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
        // Kenya released detainees officials said (no comma).
        let d = doc(&spaced(
            "1 Kenya Kenya PROPN NNP _ 2 nsubj _ _
             2 released release VERB VBD _ 0 root _ _
             3 detainees detainee NOUN NNS _ 2 obj _ _
             4 officials official NOUN NNS _ 5 nsubj _ _
             5 said say VERB VBD _ 2 advcl _ _",
        ));
        assert!(matches!(canonical(&d), Cow::Borrowed(_)));
    }
}

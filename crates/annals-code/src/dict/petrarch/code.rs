//! PETRARCH's coder, run over annals' dependency parse.
//!
//! PETRARCH reads a sentence as a string of noun phrases ("NE"s) and verb
//! phrases cut from its parse tree, and codes it verb by verb, in text
//! order:
//!
//! 1. Comma-delimited clauses of 2 to 8 words are dropped: the last one
//!    ("..., officials said") and those between two commas ("Arnor, in
//!    remarks published Monday, urged ..."). Commas inside a noun phrase
//!    ("Arnor, Osgiliath and Gondor") delimit nothing.
//! 2. Each noun phrase is one unit for the actor dictionaries: its code is
//!    the first actor named in it, with the agents named elsewhere in it
//!    appended (`~GOV`) or prefixed (`NGO~`), a repeated code added once
//!    (`BREE PRIME MINISTER` → `BREGOV`; `an attack by Osgiliath soldiers`
//!    → `OSGMIL`; an agent alone → `---GOV`). A prepositional phrase with
//!    no further one inside belongs to the noun it follows ("the
//!    government of Gondor" → `GONGOV`). Coordinated nouns are a compound,
//!    each member coded with the words the phrase shares ("Lawmakers in
//!    Fornost and Gondor" → `FORLEG`, `GONLEG`); a code written `A/B/C`
//!    names several actors.
//! 3. A verb is looked up by its word form (`LEFT` is not `LEAVE`), else
//!    its lemma; a multi-word verb needs its words beside it. Its "lower"
//!    sequence is the rest of its verb phrase (its dependents after it,
//!    without coordinated or parenthetical clauses); its "upper" sequence
//!    the words before it back to a comma. The block's patterns are tried
//!    most words first: the words before `*` must stand in the upper
//!    sequence and those after it in the lower one, in order (`_`: next to
//!    each other; articles, pronouns and numbers in the lower sequence are
//!    transparent, as PETRARCH skips them); `$`, `+`, `^` and `%` stand for
//!    a noun phrase there (source, target, skipped, compound). Else the
//!    verb's own code. A verb coded this way takes its whole verb phrase:
//!    verbs inside it ("said he had restored ties") are not coded again.
//! 4. The target is the pattern's `+`, else the first coded (or compound)
//!    noun phrase of the lower sequence; the source the pattern's `$`,
//!    else the first coded (or compound) noun phrase of the upper
//!    sequence whose code is not the target's. A passive verb with a `by`
//!    in its phrase swaps them. A paired code (`[032:033]`) also codes the
//!    reverse; compounds give one event per pair of members; an event
//!    needs a source and a target (PETRARCH's `require_dyad`) that differ.

use super::verbs::{Elem, Item, Pattern, VerbForm};
use super::{word_matches, Petrarch};
use annals_text::{Doc, Token};

/// One side of a coded event: a noun phrase's code and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub code: String,
    /// Document token range of the phrase (or compound member).
    pub tokens: std::ops::Range<usize>,
    /// The actor's name and country, when an actor named it.
    pub name: Option<String>,
    pub country: Option<String>,
}

/// One event as PETRARCH codes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Coded {
    /// Document index of the verb.
    pub verb: usize,
    pub code: String,
    pub source: Party,
    pub target: Party,
    /// The pattern (or verb) that fired and where it was read.
    pub rule: String,
    pub origin: String,
}

/// Whether `ANNALS_PETRARCH_TRACE` asks for a trace of the coding on
/// standard error: the noun phrases with their codes, and each verb's
/// sequences and pattern.
fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ANNALS_PETRARCH_TRACE").is_some())
}

/// Relations that keep a dependent inside its noun's own phrase.
const INTERNAL: &[&str] =
    &["det", "amod", "compound", "flat", "nummod", "fixed", "goeswith", "nmod:poss", "nmod:desc", "det:poss"];

/// Words PETRARCH passes over in the lower sequence.
const TRANSPARENT: &[&str] = &[
    "the", "a", "an", "it", "he", "they", "her", "has", "had", "have", "some", "few", "that", "hundred", "thousand",
    "million", "billion", "trillion", "dozen", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "dollar", "ducat",
];

/// A noun phrase unit: a nominal with its own modifiers (its base), and
/// the words that code it (with the prepositional phrases it absorbs).
#[derive(Debug, Clone)]
struct Unit {
    head: usize,
    first: usize,
    last: usize,
    words: Vec<usize>,
    /// The members of the compound this unit heads (none: no compound).
    members: Vec<Vec<usize>>,
}

/// A top-level noun phrase (PETRARCH's NE): its words and span.
#[derive(Debug, Clone)]
struct Chunk {
    first: usize,
    last: usize,
    head: usize,
    /// All its words.
    words: Vec<usize>,
    /// The members of a list the parse did not coordinate ("Arnor, Gondor
    /// and Rohan" with two subjects), each with its words.
    listed: Vec<Vec<usize>>,
}

impl Chunk {
    /// The unit that codes the chunk (see [`coding`]).
    fn coding(&self, units: &[Unit]) -> Unit {
        let u = Unit {
            head: self.head,
            first: self.first,
            last: self.last,
            words: self.words.clone(),
            members: Vec::new(),
        };
        coding(&u, &self.listed, units)
    }
}

/// The unit that codes `u`: its words, and the members of the compounds
/// inside it (or of `listed`), expanded as PETRARCH does: each member
/// takes the words the phrase shares with it ("Lawmakers in Fornost and
/// Gondor" → "Lawmakers in Fornost", "Lawmakers in Gondor"), and a member
/// holding a compound of its own is expanded again.
fn coding(u: &Unit, listed: &[Vec<usize>], units: &[Unit]) -> Unit {
    let start: Vec<Vec<usize>> = if listed.is_empty() { vec![u.words.clone()] } else { listed.to_vec() };
    let mut members = Vec::new();
    for m in start {
        expand(m, units, &mut Vec::new(), &mut members);
    }
    if members.len() < 2 {
        members.clear();
    }
    Unit { head: u.head, first: u.first, last: u.last, words: u.words.clone(), members }
}

/// The members `m` stands for: itself, or, when it holds a compound, the
/// compound's members with the rest of `m`'s words.
fn expand(m: Vec<usize>, units: &[Unit], used: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    let inner = (0..units.len())
        .filter(|&u| !used.contains(&u) && units[u].members.len() > 1 && units[u].words.iter().all(|w| m.contains(w)))
        .max_by_key(|&u| (units[u].words.len(), std::cmp::Reverse(units[u].first)));
    let Some(u) = inner else {
        out.push(m);
        return;
    };
    used.push(u);
    let rest: Vec<usize> = m.iter().copied().filter(|w| !units[u].words.contains(w)).collect();
    for member in &units[u].members {
        let mut x: Vec<usize> = rest.iter().chain(member).copied().collect();
        x.sort_unstable();
        x.dedup();
        expand(x, units, used, out);
    }
    used.pop();
}

/// What a noun phrase's words name: the composed code and the actor.
struct Named {
    code: String,
    name: Option<String>,
    country: Option<String>,
}

struct Sent<'a> {
    toks: &'a [Token],
    base: usize,
    kids: Vec<Vec<usize>>,
    forms: Vec<String>,
    lemmas: Vec<String>,
    /// Words read as verbs though the parse did not tag them so.
    forced: Vec<bool>,
}

impl<'a> Sent<'a> {
    fn new(doc: &'a Doc, s: usize) -> Sent<'a> {
        let range = doc.sentences[s].tokens.clone();
        let toks = &doc.tokens[range.clone()];
        let mut kids = vec![Vec::new(); toks.len()];
        for (k, t) in toks.iter().enumerate() {
            if let Some(h) = t.head.filter(|h| range.contains(h)) {
                kids[h - range.start].push(k);
            }
        }
        Sent {
            toks,
            base: range.start,
            kids,
            forms: toks.iter().map(|t| t.form.to_lowercase()).collect(),
            lemmas: toks.iter().map(|t| t.lemma.to_lowercase()).collect(),
            forced: vec![false; toks.len()],
        }
    }

    fn n(&self) -> usize {
        self.toks.len()
    }

    fn rel(&self, k: usize) -> &str {
        &self.toks[k].deprel
    }

    fn parent(&self, k: usize) -> Option<usize> {
        let h = self.toks[k].head?;
        (h >= self.base && h < self.base + self.n()).then(|| h - self.base)
    }

    fn subtree(&self, k: usize, out: &mut Vec<usize>) {
        out.push(k);
        for &c in &self.kids[k] {
            self.subtree(c, out);
        }
    }

    fn nominal(&self, k: usize) -> bool {
        let t = &self.toks[k];
        !self.forced[k]
            && (matches!(t.upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM")
                || t.xpos.starts_with("NN")
                || t.xpos == "PRP"
                || t.xpos == "CD")
    }

    /// Whether dependent `k` belongs to its governor's own phrase: a
    /// determiner, modifier, compound part, possessor, or a noun hung on
    /// it with no preposition ("Bree Prime Minister Romendacil").
    fn internal(&self, k: usize) -> bool {
        let r = self.rel(k);
        let base = r.split(':').next().unwrap_or(r);
        (INTERNAL.contains(&r)
            || INTERNAL.contains(&base)
            || (base == "nmod" && !self.kids[k].iter().any(|&c| self.rel(c) == "case"))
            || (base == "appos" && self.run_on(k)))
            && !self.clause(k)
    }

    /// Whether apposition `k` follows the words before it with no
    /// punctuation between: "Deputy [Prime Minister Telemar]" is one noun
    /// phrase however the parse split it; "Telemar, [the minister]" two.
    fn run_on(&self, k: usize) -> bool {
        let mut words = Vec::new();
        self.subtree(k, &mut words);
        let first = words.into_iter().filter(|&w| self.toks[w].upos != "PUNCT").min().unwrap_or(k);
        first > 0 && self.toks[first - 1].upos != "PUNCT" && self.parent(k).is_some_and(|h| h < first)
    }

    /// Whether `k` heads a clause of its own (it has a subject, copula or
    /// auxiliary), so it is no part of a noun phrase whatever its relation
    /// ("Rohan's police arrested Gondor soldiers" read as "arrested
    /// soldiers"; "... since 2017 and was the third official").
    fn clause(&self, k: usize) -> bool {
        self.kids[k]
            .iter()
            .any(|&c| matches!(self.rel(c).split(':').next(), Some("nsubj" | "csubj" | "cop" | "aux" | "expl")))
    }

    /// A verb of a clause (not a participle modifying a noun).
    fn clause_verb(&self, k: usize) -> bool {
        let base = self.rel(k).split(':').next().unwrap_or("");
        self.forced[k]
            || (self.toks[k].xpos.starts_with("VB") && (!matches!(base, "amod" | "acl" | "compound") || self.clause(k)))
    }

    /// A prepositional phrase on a noun: an `nmod` with its preposition.
    fn pp(&self, k: usize) -> bool {
        let r = self.rel(k);
        r.split(':').next() == Some("nmod")
            && r != "nmod:poss"
            && r != "nmod:desc"
            && self.kids[k].iter().any(|&c| self.rel(c) == "case" && self.toks[c].xpos != "POS")
    }

    /// Whether the phrase of `k` holds a prepositional phrase of its own.
    fn has_pp(&self, k: usize) -> bool {
        self.kids[k].iter().any(|&c| self.pp(c) || (self.conjunct(c) && self.has_pp(c)))
    }

    /// Whether `k` is absorbed into its governor's phrase.
    fn absorbed(&self, k: usize) -> bool {
        let Some(p) = self.parent(k) else { return false };
        if !self.nominal(p) {
            return false;
        }
        self.internal(k) || (self.pp(k) && !self.has_pp(k)) || self.conjunct(k)
    }

    /// A coordinated noun of a noun phrase ("Arnor and Gondor").
    fn conjunct(&self, k: usize) -> bool {
        self.rel(k) == "conj" && self.nominal(k) && !self.clause(k)
    }

    /// `k`'s base: itself and its own modifiers.
    fn base_words(&self, k: usize, out: &mut Vec<usize>) {
        out.push(k);
        for &c in &self.kids[k] {
            if self.internal(c) {
                self.subtree(c, out);
            }
        }
    }

    /// Every word of the phrase headed by `k`: its base, the prepositional
    /// phrases it absorbs (with their prepositions) and its conjuncts.
    fn phrase_words(&self, k: usize, out: &mut Vec<usize>) {
        self.base_words(k, out);
        for &c in &self.kids[k] {
            if self.internal(c) {
                continue;
            }
            if (self.pp(c) && !self.has_pp(c)) || self.conjunct(c) {
                for &d in &self.kids[c] {
                    if matches!(self.rel(d), "case" | "cc" | "punct") {
                        out.push(d);
                    }
                }
                self.phrase_words(c, out);
            }
        }
    }

    fn is_verb(&self, k: usize) -> bool {
        let t = &self.toks[k];
        self.forced[k] || (t.xpos.starts_with("VB") && matches!(t.upos.as_str(), "VERB" | "AUX"))
    }
}

/// The noun phrases of a sentence: every unit, and the top-level chunks.
fn phrases(s: &Sent) -> (Vec<Unit>, Vec<Chunk>) {
    let n = s.n();
    let mut units: Vec<Unit> = Vec::new();
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut taken = vec![false; n];
    for k in 0..n {
        if !s.nominal(k) || s.absorbed(k) || taken[k] {
            continue;
        }
        let mut all = Vec::new();
        s.phrase_words(k, &mut all);
        all.sort_unstable();
        all.dedup();
        for &w in &all {
            taken[w] = true;
        }
        // Units for the root and every absorbed noun inside.
        let mut stack = vec![k];
        while let Some(u) = stack.pop() {
            let mut base = Vec::new();
            s.base_words(u, &mut base);
            let mut words = Vec::new();
            s.phrase_words(u, &mut words);
            words.sort_unstable();
            words.dedup();
            let conj: Vec<usize> = s.kids[u].iter().copied().filter(|&c| s.conjunct(c)).collect();
            // A compound's members: the head's own words, then each
            // conjunct's (the rest of the phrase is shared with them: see
            // `coding`).
            let mut members = Vec::new();
            if !conj.is_empty() {
                let mut in_conj = Vec::new();
                for &c in &conj {
                    let mut m = Vec::new();
                    s.phrase_words(c, &mut m);
                    in_conj.extend(m.iter().copied());
                    for &d in &s.kids[c] {
                        if matches!(s.rel(d), "cc" | "punct") {
                            in_conj.push(d);
                        }
                    }
                    m.sort_unstable();
                    m.dedup();
                    members.push(m);
                }
                members.insert(0, words.iter().copied().filter(|w| !in_conj.contains(w)).collect());
                // A list has one conjunction, before its last member: with
                // more ("A and B, and C and D") the members after the first
                // one a conjunction introduces belong to a further
                // coordination, and the compound is the first group.
                let has_cc = |c: usize| s.kids[c].iter().any(|&d| s.rel(d) == "cc");
                if let Some(cut) = conj.iter().position(|&c| has_cc(c)) {
                    members.truncate(cut + 2);
                }
            }
            units.push(Unit {
                head: u,
                first: *base.iter().min().unwrap_or(&u),
                last: *base.iter().max().unwrap_or(&u),
                words,
                members,
            });
            for &c in &s.kids[u] {
                if !s.internal(c) && s.absorbed(c) {
                    stack.push(c);
                }
            }
        }
        chunks.push(Chunk {
            first: all[0],
            last: *all.last().unwrap_or(&k),
            head: k,
            words: all.clone(),
            listed: Vec::new(),
        });
    }
    units.sort_by_key(|u| (u.first, std::cmp::Reverse(u.words.len())));
    chunks.sort_by_key(|c| c.first);
    (units, chunks)
}

/// Which tokens survive PETRARCH's comma-clause deletion, and which
/// commas still delimit clauses.
fn commas(s: &Sent, chunks: &[Chunk]) -> (Vec<bool>, Vec<bool>) {
    let n = s.n();
    let mut alive = vec![true; n];
    let inside = |k: usize| chunks.iter().any(|c| c.first < k && k < c.last);
    let delim: Vec<usize> = (0..n).filter(|&k| s.forms[k] == "," && !inside(k)).collect();
    let words = |a: usize, b: usize, alive: &[bool]| {
        (a..b).filter(|&k| alive[k] && s.toks[k].form.chars().next().is_some_and(char::is_alphabetic)).count()
    };
    let mut end = n;
    while end > 0 && s.toks[end - 1].upos == "PUNCT" && s.forms[end - 1] != "," {
        end -= 1;
    }
    let live: Vec<usize> = delim.clone();
    // The last clause; its comma stays, so that a clause before it is
    // one between two commas.
    if let Some(&c) = live.last() {
        if (2..=8).contains(&words(c + 1, end, &alive)) {
            for a in alive.iter_mut().take(end).skip(c + 1) {
                *a = false;
            }
        }
    }
    // Clauses between two commas, both of which go with the clause (so a
    // comma that closes one opens no other).
    let mut dead = Vec::new();
    let mut i = 0;
    while i + 1 < live.len() {
        if (2..=8).contains(&words(live[i] + 1, live[i + 1], &alive)) {
            dead.push((live[i], live[i + 1]));
            i += 2;
        } else {
            i += 1;
        }
    }
    for (a, b) in dead {
        for x in alive.iter_mut().take(b + 1).skip(a) {
            *x = false;
        }
    }
    // A comma with no words before or after it delimits nothing.
    let live: Vec<usize> = live.into_iter().filter(|&c| alive[c]).collect();
    if let Some(&c) = live.first() {
        if words(0, c, &alive) == 0 {
            alive[c] = false;
        }
    }
    if let Some(&c) = live.last() {
        if words(c + 1, end, &alive) == 0 {
            alive[c] = false;
        }
    }
    let mut boundary = vec![false; n];
    for &c in &delim {
        boundary[c] = alive[c];
    }
    (alive, boundary)
}

/// What a pattern's markers picked: units for source and target, and
/// whether `%` made the target the source.
#[derive(Debug, Default, Clone)]
struct Picked {
    source: Option<usize>,
    target: Option<usize>,
}

struct Matcher<'a> {
    s: &'a Sent<'a>,
    units: &'a [Unit],
}

fn elem_at(s: &Sent, e: &Elem, seq: &[usize], p: usize) -> Option<usize> {
    e.alts.iter().find_map(|alt| {
        (p + alt.len() <= seq.len()
            && alt
                .iter()
                .zip(&seq[p..])
                .all(|((w, exact), &k)| word_matches(w, *exact, &s.forms[k]) || word_matches(w, *exact, &s.lemmas[k])))
        .then_some(p + alt.len())
    })
}

impl Matcher<'_> {
    /// Units a marker may name going forward from sequence index `c`: the
    /// one whose base holds the word there, then those starting after it.
    fn units_after(&self, seq: &[usize], c: usize, compound: bool) -> Vec<usize> {
        let Some(&pos) = seq.get(c) else { return Vec::new() };
        let last = *seq.last().unwrap_or(&pos);
        let mut out: Vec<usize> = Vec::new();
        if let Some(u) = self.units.iter().position(|u| u.first < pos && pos <= u.last) {
            out.push(u);
        }
        out.extend((0..self.units.len()).filter(|&u| self.units[u].first >= pos && self.units[u].first <= last));
        out.retain(|&u| !compound || !self.units[u].members.is_empty());
        out
    }

    /// Units a marker may name going back from index `c` (exclusive).
    fn units_before(&self, seq: &[usize], c: usize, compound: bool) -> Vec<usize> {
        if c == 0 {
            return Vec::new();
        }
        let pos = seq[c - 1];
        let first = seq[0];
        let mut out: Vec<usize> = Vec::new();
        if let Some(u) = self.units.iter().position(|u| u.first <= pos && pos < u.last) {
            out.push(u);
        }
        let mut rest: Vec<usize> =
            (0..self.units.len()).filter(|&u| self.units[u].last <= pos && self.units[u].first >= first).collect();
        rest.sort_by_key(|&u| std::cmp::Reverse(self.units[u].last));
        out.extend(rest);
        out.retain(|&u| !compound || !self.units[u].members.is_empty());
        out
    }

    fn lower(&self, items: &[Item], seq: &[usize], c: usize, got: Picked) -> Option<Picked> {
        let Some(item) = items.first() else { return Some(got) };
        match item {
            Item::Word(e) => {
                let tries: Vec<usize> = if e.joined { vec![c] } else { (c..seq.len()).collect() };
                for p in tries {
                    if let Some(end) = elem_at(self.s, e, seq, p) {
                        if let Some(r) = self.lower(&items[1..], seq, end, got.clone()) {
                            return Some(r);
                        }
                    }
                }
                None
            }
            marker => {
                for u in self.units_after(seq, c, matches!(marker, Item::Compound)) {
                    let end = seq.iter().position(|&k| k > self.units[u].last).unwrap_or(seq.len());
                    let mut g = got.clone();
                    match marker {
                        Item::Source => g.source = Some(u),
                        Item::Target => g.target = Some(u),
                        Item::Compound => {
                            g.source = Some(u);
                            g.target = Some(u);
                        }
                        _ => {}
                    }
                    if let Some(r) = self.lower(&items[1..], seq, end, g) {
                        return Some(r);
                    }
                }
                None
            }
        }
    }

    /// Matches `items` (in text order) backwards over `seq[..c]`; `joined`:
    /// the last item must end right at `c`.
    fn upper(&self, items: &[Item], seq: &[usize], c: usize, joined: bool, got: Picked) -> Option<Picked> {
        let Some((item, rest)) = items.split_last() else { return Some(got) };
        match item {
            Item::Word(e) => {
                let lens: Vec<usize> = e.alts.iter().map(Vec::len).collect();
                let ends: Vec<usize> = if joined { vec![c] } else { (1..=c).rev().collect() };
                for end in ends {
                    for &m in &lens {
                        let Some(start) = end.checked_sub(m) else { continue };
                        if elem_at(self.s, e, seq, start) == Some(end) {
                            if let Some(r) = self.upper(rest, seq, start, e.joined, got.clone()) {
                                return Some(r);
                            }
                        }
                    }
                }
                None
            }
            marker => {
                for u in self.units_before(seq, c, matches!(marker, Item::Compound)) {
                    let start = seq.iter().position(|&k| k >= self.units[u].first).unwrap_or(0);
                    let mut g = got.clone();
                    match marker {
                        Item::Source => g.source = Some(u),
                        Item::Target => g.target = Some(u),
                        Item::Compound => {
                            g.source = Some(u);
                            g.target = Some(u);
                        }
                        _ => {}
                    }
                    if let Some(r) = self.upper(rest, seq, start, false, g) {
                        return Some(r);
                    }
                }
                None
            }
        }
    }

    fn pattern(&self, p: &Pattern, upper: &[usize], lower: &[usize]) -> Option<Picked> {
        let low = self.lower(&p.lower, lower, 0, Picked::default())?;
        let up = self.upper(&p.upper, upper, upper.len(), p.verb_joined_before, Picked::default())?;
        Some(Picked { source: low.source.or(up.source), target: low.target.or(up.target) })
    }
}

impl Petrarch {
    /// The code of the words at sentence positions `words` (a noun
    /// phrase), as PETRARCH composes it; `None` when no actor or agent is
    /// named.
    fn words_code(&self, s: &Sent, words: &[usize], date: Option<&str>) -> Option<Named> {
        // Words as the dictionaries see them: no possessive marker, and a
        // word written with `_` ("Dol_Amroth") is the phrase it joins.
        let mut forms: Vec<String> = Vec::new();
        let mut lemmas: Vec<String> = Vec::new();
        for &k in words {
            if s.toks[k].xpos == "POS" || s.forms[k] == "'s" {
                continue;
            }
            let parts: Vec<&str> = s.toks[k].form.split('_').filter(|p| !p.is_empty()).collect();
            if parts.len() > 1 {
                for p in parts {
                    forms.push(p.to_string());
                    lemmas.push(p.to_lowercase());
                }
            } else {
                forms.push(s.toks[k].form.clone());
                lemmas.push(s.lemmas[k].clone());
            }
        }
        let f: Vec<&str> = forms.iter().map(String::as_str).collect();
        let lower: Vec<String> = forms.iter().map(|w| w.to_lowercase()).collect();
        let l: Vec<&str> = lemmas.iter().map(String::as_str).collect();
        let lf: Vec<&str> = lower.iter().map(String::as_str).collect();
        // The first actor: (first word, end, the actor).
        let actor = (0..f.len()).find_map(|k| self.actors.find_within(&f, k, date).map(|(end, a)| (k, end, a)));
        let mut agents: Vec<(String, bool)> = Vec::new();
        let mut k = 0;
        while k < f.len() {
            if actor.as_ref().is_some_and(|(a, e, ..)| (*a..*e).contains(&k)) {
                k += 1;
                continue;
            }
            match self.agents.find_placed(&l, k).or_else(|| self.agents.find_placed(&lf, k)) {
                Some((end, code, prefix)) => {
                    agents.push((code.to_string(), prefix));
                    k = end.max(k + 1);
                }
                None => k += 1,
            }
        }
        if actor.is_none() && agents.is_empty() {
            return None;
        }
        let (mut code, name, country) = match actor {
            Some((_, _, a)) => (a.code.clone(), Some(a.name.clone()), a.country.clone()),
            None => ("---".to_string(), None, None),
        };
        for (agent, prefix) in agents {
            let dup = (0..code.len()).step_by(3).any(|i| code.get(i..i + agent.len()) == Some(agent.as_str()));
            if dup {
                break;
            }
            if prefix {
                code = format!("{agent}{code}");
            } else {
                code.push_str(&agent);
            }
        }
        Some(Named { code, name, country })
    }

    /// The parties a unit names: one per compound member, else itself.
    fn parties(&self, s: &Sent, u: &Unit, date: Option<&str>) -> Vec<Party> {
        let groups: Vec<&Vec<usize>> = if u.members.is_empty() { vec![&u.words] } else { u.members.iter().collect() };
        let mut out = Vec::new();
        for g in groups {
            let named = self.words_code(s, g, date).unwrap_or(Named { code: "---".into(), name: None, country: None });
            let first = *g.first().unwrap_or(&u.head);
            let last = *g.last().unwrap_or(&u.head);
            for c in named.code.split('/') {
                out.push(Party {
                    code: if c.is_empty() { "---".into() } else { c.to_string() },
                    tokens: s.base + first..s.base + last + 1,
                    name: named.name.clone(),
                    country: named.country.clone(),
                });
            }
        }
        out
    }

    /// The words of a sentence read as verbs against the parse: in a
    /// stretch between commas where the parse found no verb of a clause,
    /// the first word the verb dictionary spells that follows an actor or
    /// agent name not preceded by a determiner ("Fornost and Gondor
    /// welcome a resumption ...", "Ethiopia act on a resolution ...").
    fn verb_words(&self, s: &Sent, date: Option<&str>) -> Vec<bool> {
        let n = s.n();
        let mut forced = vec![false; n];
        let forms: Vec<&str> = s.toks.iter().map(|t| t.form.as_str()).collect();
        let lemmas: Vec<&str> = s.lemmas.iter().map(String::as_str).collect();
        // For each position, the start of a name ending right before it.
        let mut ends: Vec<Option<usize>> = vec![None; n + 1];
        for k in 0..n {
            let e = self.actors.find(&forms, k, date).map(|(e, _)| e);
            let g = self.agents.find_placed(&lemmas, k).map(|(e, ..)| e);
            for end in [e, g].into_iter().flatten() {
                ends[end].get_or_insert(k);
            }
        }
        let mut a = 0;
        while a < n {
            let b = (a..n).find(|&k| s.forms[k] == ",").unwrap_or(n);
            if !(a..b).any(|k| s.clause_verb(k)) {
                let verb = (a + 1..b).find(|&w| {
                    ends[w].is_some_and(|st| st == 0 || s.toks[st - 1].upos != "DET")
                        && s.toks[w].upos != "PROPN"
                        && self.verbs.has_form(&s.forms[w])
                        && self.agents.find_placed(&lemmas, w).is_none()
                });
                if let Some(w) = verb {
                    forced[w] = true;
                }
            }
            a = b + 1;
        }
        // The second word of a multi-word verb the parse tagged on its
        // first word is part of the verb, not a noun ("wire tap").
        for v in 0..n.saturating_sub(1) {
            if s.is_verb(v) && !s.is_verb(v + 1) {
                let multi = self
                    .verbs
                    .verb_forms(&s.forms[v + 1], &s.lemmas[v + 1])
                    .iter()
                    .any(|f| f.before.last() == Some(&s.forms[v]));
                forced[v + 1] |= multi;
            }
        }
        forced
    }

    /// Reads the parse's noun phrases with what the dictionaries know:
    /// two nouns hung side by side on one verb by the same relation are
    /// one phrase split by the parser ("Deputy" + "Prime Minister
    /// Telemar"); an actor or agent phrase is one noun phrase, whatever
    /// the tags of its words ("human rights activists" with "activists" as
    /// a verb); and a phrase naming only a role takes the actor of the
    /// prepositional phrase right after it ("activists in Arnor" →
    /// `ARNOPP`), as PETRARCH's noun phrase does, wherever the parser hung
    /// the preposition.
    fn repair(&self, s: &Sent, units: &mut Vec<Unit>, chunks: &mut Vec<Chunk>, date: Option<&str>) {
        let n = s.n();
        // Side by side on one head by one relation: one phrase, or with a
        // comma between them the members of a list ("Arnor, Gondor and
        // Rohan condemned ..." with "Arnor" and "Gondor" both subjects).
        let mut i = 0;
        while i + 1 < chunks.len() {
            let (a, b) = (&chunks[i], &chunks[i + 1]);
            let same = s.parent(a.head).is_some()
                && s.parent(a.head) == s.parent(b.head)
                && s.rel(a.head) == s.rel(b.head)
                && matches!(s.rel(a.head).split(':').next(), Some("nsubj" | "obj" | "iobj"));
            // Between them only a comma or a conjunction, with the
            // determiners and adjectives of the next ("Ithilen and the evil
            // Bree ...").
            let between: Vec<usize> = (a.last + 1..b.first).collect();
            let joiner = |k: usize| s.forms[k] == "," || s.toks[k].upos == "CCONJ";
            let list = between.iter().any(|&k| joiner(k))
                && between.iter().all(|&k| joiner(k) || matches!(s.toks[k].upos.as_str(), "DET" | "ADJ"));
            if same && between.is_empty() {
                merge(chunks, i, i + 1, &[]);
            } else if same && list {
                let group = |c: &Chunk| -> Vec<Vec<usize>> {
                    if c.listed.is_empty() {
                        vec![c.words.clone()]
                    } else {
                        c.listed.clone()
                    }
                };
                // The list goes on from the last noun of the first phrase
                // when that is a prepositional object, which the members
                // share the rest of the phrase with ("The ambassadors of
                // Bree, Osgiliath and Eriador" parsed as two subjects).
                let inner = units
                    .iter()
                    .filter(|u| u.head != a.head && s.pp(u.head) && u.words.contains(&a.last))
                    .filter(|u| u.words.iter().all(|w| a.words.contains(w)))
                    .min_by_key(|u| u.words.len())
                    .filter(|_| a.listed.is_empty());
                let shared: Vec<usize> = match inner {
                    Some(u) => a.words.iter().copied().filter(|w| !u.words.contains(w)).collect(),
                    None => Vec::new(),
                };
                let mut listed = if inner.is_some() { vec![a.words.clone()] } else { group(a) };
                for m in group(b) {
                    let mut x: Vec<usize> = m.iter().chain(&shared).copied().collect();
                    x.extend(between.iter().copied().filter(|&k| !joiner(k)));
                    x.sort_unstable();
                    x.dedup();
                    listed.push(x);
                }
                let mut words: Vec<usize> = a.words.iter().chain(&b.words).chain(&between).copied().collect();
                words.sort_unstable();
                words.dedup();
                let (first, last) = (words[0], *words.last().unwrap_or(&a.last));
                chunks[i] = Chunk { first, last, head: a.head, words, listed };
                chunks.remove(i + 1);
            } else {
                i += 1;
            }
        }
        // Dictionary phrases.
        let forms: Vec<&str> = s.toks.iter().map(|t| t.form.as_str()).collect();
        let lemmas: Vec<&str> = s.lemmas.iter().map(String::as_str).collect();
        let mut k = 0;
        while k < n {
            let end = [
                self.actors.find(&forms, k, date).map(|(e, _)| e),
                self.agents.find_placed(&lemmas, k).map(|(e, ..)| e),
            ]
            .into_iter()
            .flatten()
            .max();
            let Some(end) = end else {
                k += 1;
                continue;
            };
            let touched: Vec<usize> =
                (0..chunks.len()).filter(|&c| chunks[c].first < end && chunks[c].last >= k).collect();
            let outside: Vec<usize> =
                (k..end).filter(|&w| !touched.iter().any(|&c| chunks[c].words.contains(&w))).collect();
            if !outside.is_empty() && outside.iter().all(|&w| !s.forced[w]) {
                match touched.first() {
                    Some(&first) => {
                        for &c in touched[1..].iter().rev() {
                            merge(chunks, first, c, &[]);
                        }
                        merge(chunks, first, first, &outside);
                    }
                    None => {
                        let head = end - 1;
                        let words: Vec<usize> = (k..end).collect();
                        chunk_push(units, chunks, head, words);
                    }
                }
            } else if touched.len() > 1 {
                for &c in touched[1..].iter().rev() {
                    merge(chunks, touched[0], c, &[]);
                }
            }
            k = end;
        }
        // A role alone takes the actor of the prepositional phrase after it.
        let mut i = 0;
        while i + 1 < chunks.len() {
            let a = &chunks[i];
            let b = &chunks[i + 1];
            let prep = a.last + 1;
            let pp = prep + 1 == b.first && prep < n && s.toks[prep].upos == "ADP" && s.forms[prep] != "'s";
            let role_only = || {
                a.coding(units).members.is_empty()
                    && self.words_code(s, &a.words, date).is_some_and(|c| c.code.starts_with("---") && c.code.len() > 3)
                    && self.words_code(s, &b.words, date).is_some_and(|c| !c.code.starts_with("---"))
            };
            if pp && role_only() {
                merge(chunks, i, i + 1, &[prep]);
            }
            i += 1;
        }
        chunks.sort_by_key(|c| c.first);
    }

    /// Codes sentence `si` of `doc` as PETRARCH does.
    pub fn code_sentence(&self, doc: &Doc, si: usize, date: Option<&str>) -> Vec<Coded> {
        let mut s = Sent::new(doc, si);
        let n = s.n();
        if n == 0 {
            return Vec::new();
        }
        s.forced = self.verb_words(&s, date);
        let (mut units, mut chunks) = phrases(&s);
        self.repair(&s, &mut units, &mut chunks, date);
        let s = s;
        let (alive, boundary) = commas(&s, &chunks);
        let in_chunk = |k: usize| chunks.iter().any(|c| c.first <= k && k <= c.last);
        let words = |ks: &[usize]| ks.iter().map(|&k| s.toks[k].form.as_str()).collect::<Vec<_>>().join(" ");
        if tracing() {
            eprintln!("PETRARCH sentence {}:", si + 1);
            for c in &chunks {
                let codes: Vec<String> =
                    self.parties(&s, &c.coding(&units), date).into_iter().map(|p| p.code).collect();
                eprintln!("  NE [{}] {:?}", words(&(c.first..=c.last).collect::<Vec<_>>()), codes);
            }
            let dead: Vec<usize> = (0..n).filter(|&k| !alive[k]).collect();
            eprintln!("  dropped: [{}]", words(&dead));
        }
        let m = Matcher { s: &s, units: &units };
        let mut out: Vec<Coded> = Vec::new();
        let mut covered = vec![false; n];
        let transparent = |k: usize| {
            TRANSPARENT.contains(&s.forms[k].as_str()) || s.forms[k].chars().all(|c| c.is_ascii_digit() || c == ',')
        };
        for v in 0..n {
            if covered[v] || !alive[v] || !s.is_verb(v) || in_chunk(v) {
                continue;
            }
            let forms = self.verbs.verb_forms(&s.forms[v], &s.lemmas[v]);
            // A multi-word verb needs its words right beside it; the
            // parse may have tagged its first word as the verb ("will not
            // wire tap the links": WIRE_+TAP).
            let mut span = forms.iter().find_map(|f| verb_span(&s, f, v, &alive));
            if span.is_none() {
                if let Some(t) = (v + 1..n).find(|&k| alive[k]).filter(|&t| !s.is_verb(t)) {
                    span = self
                        .verbs
                        .verb_forms(&s.forms[t], &s.lemmas[t])
                        .iter()
                        .filter(|f| f.before.last() == Some(&s.forms[v]))
                        .find_map(|f| verb_span(&s, f, t, &alive));
                }
            }
            let Some((vf, vstart, vend)) = span else { continue };
            // The upper sequence: back to a comma that delimits a clause.
            let mut upper: Vec<usize> = Vec::new();
            for k in (0..vstart).rev() {
                if boundary[k] {
                    break;
                }
                if alive[k] {
                    upper.push(k);
                }
            }
            upper.reverse();
            // The lower sequence: the rest of the verb phrase.
            let mut vp = Vec::new();
            vp_words(&s, v, &mut vp);
            vp.sort_unstable();
            let mut lower_all: Vec<usize> = vp.into_iter().filter(|&k| k > vend && alive[k]).collect();
            // A verb the parse left with nothing after it, or read as a
            // verb against its tags, takes the words after it up to the
            // next clause as its phrase ("Ethiopia indicated it deplored
            // Libya ...", with "Libya" hung elsewhere).
            if lower_all.is_empty() || s.forced[v] {
                lower_all = (vend + 1..n)
                    .take_while(|&k| alive[k] && !boundary[k] && !s.clause_verb(k))
                    .filter(|&k| s.toks[k].upos != "PUNCT" || s.forms[k] == ",")
                    .collect();
            }
            let lower: Vec<usize> = lower_all.iter().copied().filter(|&k| !transparent(k)).collect();
            if tracing() {
                eprintln!(
                    "  verb {:?} ({}): upper [{}] lower [{}]",
                    s.toks[v].form,
                    vf.origin,
                    words(&upper),
                    words(&lower)
                );
            }
            let mut fired: Option<(&Pattern, Picked)> = None;
            for p in vf.patterns.iter() {
                if let Some(picked) = m.pattern(p, &upper, &lower) {
                    fired = Some((p, picked));
                    break;
                }
            }
            let (code, pair, picked, rule, origin) = match &fired {
                Some((p, _)) if p.code == "---" => continue,
                Some((p, picked)) => (p.code.clone(), p.pair.clone(), picked.clone(), p.text.clone(), p.origin.clone()),
                None if vf.code == "---" => continue,
                None => {
                    (vf.code.clone(), vf.pair.clone(), Picked::default(), vf.word.to_uppercase(), vf.origin.clone())
                }
            };
            if tracing() {
                eprintln!("    code {code} by {rule} ({origin})");
            }
            // The verb phrase is coded: verbs inside it are not coded again.
            for &k in lower_all.iter().chain(&(vstart..=vend).collect::<Vec<_>>()) {
                covered[k] = true;
            }
            let in_lower = |k: usize| lower_all.contains(&k);
            let in_upper = |k: usize| upper.contains(&k);
            let coded = |u: &Unit| {
                !u.members.is_empty() || self.words_code(&s, &u.words, date).is_some_and(|c| c.code != "---")
            };
            let code_of = |u: &Unit| self.words_code(&s, &u.words, date).map(|c| c.code);
            let target = picked.target.map(|u| coding(&units[u], &[], &units)).or_else(|| {
                let cands: Vec<Unit> = chunks.iter().filter(|c| in_lower(c.first)).map(|c| c.coding(&units)).collect();
                let first = cands.iter().position(&coded).unwrap_or(0);
                cands.into_iter().nth(first)
            });
            let Some(target) = target else { continue };
            let tcode = if target.members.is_empty() { code_of(&target) } else { None };
            let source = picked.source.map(|u| coding(&units[u], &[], &units)).or_else(|| {
                let cands: Vec<Unit> = chunks
                    .iter()
                    .filter(|c| in_upper(c.first))
                    .map(|c| c.coding(&units))
                    .filter(|u| tcode.is_none() || !u.members.is_empty() || code_of(u) != tcode)
                    .collect();
                let first = cands.iter().position(&coded).unwrap_or(0);
                cands.into_iter().nth(first)
            });
            let Some(source) = source else { continue };
            let mut src = self.parties(&s, &source, date);
            let mut tgt = self.parties(&s, &target, date);
            if passive(&s, v, &lower_all) {
                std::mem::swap(&mut src, &mut tgt);
            }
            let verb = s.base + v;
            let emit = |a: &[Party], b: &[Party], code: &str, out: &mut Vec<Coded>| {
                for x in a {
                    for y in b {
                        let empty = x.code == "---" || y.code == "---";
                        if x.code == y.code || (empty && self.require_dyad()) {
                            continue;
                        }
                        let e = Coded {
                            verb,
                            code: code.to_string(),
                            source: x.clone(),
                            target: y.clone(),
                            rule: rule.clone(),
                            origin: origin.clone(),
                        };
                        if !out.iter().any(|o| {
                            o.verb == e.verb
                                && o.code == e.code
                                && o.source.code == e.source.code
                                && o.target.code == e.target.code
                        }) {
                            out.push(e);
                        }
                    }
                }
            };
            match &pair {
                Some(back) => {
                    // A paired event with one side null pairs the other
                    // side with itself (its members with each other).
                    if src.iter().all(|p| p.code == "---") {
                        src = tgt.clone();
                    } else if tgt.iter().all(|p| p.code == "---") {
                        tgt = src.clone();
                    }
                    emit(&src, &tgt, &code, &mut out);
                    emit(&tgt, &src, back, &mut out);
                }
                None => emit(&src, &tgt, &code, &mut out),
            }
        }
        out
    }
}

/// Where verb line `f` stands at verb `v`: (line, first word, last word),
/// when its other words stand right beside the verb.
fn verb_span<'f>(s: &Sent, f: &'f VerbForm, v: usize, alive: &[bool]) -> Option<(&'f VerbForm, usize, usize)> {
    let mut end = v;
    for w in &f.after {
        let next = (end + 1..s.n()).find(|&k| alive[k])?;
        if s.forms[next] != *w && s.lemmas[next] != *w {
            return None;
        }
        end = next;
    }
    let mut start = v;
    for w in f.before.iter().rev() {
        let prev = (0..start).rev().find(|&k| alive[k])?;
        if s.forms[prev] != *w && s.lemmas[prev] != *w {
            return None;
        }
        start = prev;
    }
    Some((f, start, end))
}

/// The words of `v`'s verb phrase: its dependents, without its subject,
/// coordinated verbs and parenthetical clauses.
fn vp_words(s: &Sent, v: usize, out: &mut Vec<usize>) {
    out.push(v);
    for &c in &s.kids[v] {
        let r = s.rel(c);
        let base = r.split(':').next().unwrap_or(r);
        if matches!(base, "nsubj" | "csubj" | "parataxis" | "expl") || (base == "conj" && !s.conjunct(c)) {
            continue;
        }
        s.subtree(c, out);
    }
}

/// A passive verb: a participle with a form of "be" and a `by` in its
/// phrase (PETRARCH swaps source and target).
fn passive(s: &Sent, v: usize, lower: &[usize]) -> bool {
    let t = &s.toks[v];
    if t.xpos != "VBN" {
        return false;
    }
    let be = s.kids[v]
        .iter()
        .any(|&c| s.rel(c) == "aux:pass" || (s.rel(c) == "aux" && matches!(s.lemmas[c].as_str(), "be")));
    be && lower.iter().any(|&k| s.forms[k] == "by")
}

/// Merges chunk `b` into chunk `a` (or, with `a == b`, adds `extra` words
/// to `a`): its words join `a`'s (and each of `a`'s listed members').
fn merge(chunks: &mut Vec<Chunk>, a: usize, b: usize, extra: &[usize]) {
    let mut add: Vec<usize> = extra.to_vec();
    if a != b {
        add.extend(chunks[b].words.iter().copied());
    }
    let c = &mut chunks[a];
    for w in &add {
        if !c.words.contains(w) {
            c.words.push(*w);
        }
        for m in c.listed.iter_mut() {
            if !m.contains(w) {
                m.push(*w);
            }
        }
    }
    for m in c.listed.iter_mut() {
        m.sort_unstable();
    }
    c.words.sort_unstable();
    c.first = c.words[0];
    c.last = *c.words.last().unwrap_or(&c.first);
    if a != b {
        chunks.remove(b);
    }
}

/// Adds a chunk of its own for words the parse put in no noun phrase.
fn chunk_push(units: &mut Vec<Unit>, chunks: &mut Vec<Chunk>, head: usize, words: Vec<usize>) {
    let (first, last) = (words[0], *words.last().unwrap_or(&head));
    units.push(Unit { head, first, last, words: words.clone(), members: Vec::new() });
    chunks.push(Chunk { first, last, head, words, listed: Vec::new() });
    chunks.sort_by_key(|c| c.first);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    const VERBS: &str = "--- RESTORE [064] ---\nRESTORE\n- * DIPLOMATIC [064]\n--- SAID [023] ---\nSAID\n\
        --- FREE [066] ---\nFREE\n- + * FROM $ [066]\n--- CELEBRATE [181] ---\nCELEBRATE\n- * IFTAR IN ^ + [045]\n\
        --- OPPOSE [112] ---\nOPPOSE\n--- MET [031:032] ---\nMET\n--- MEET [031:031] ---\nMEET\n\
        --- LEFT [032:033] ---\nLEFT\n--- LEAVE [012] ---\nLEAVE\n--- CONFISCATE [1711] ---\nCONFISCATE\n\
        WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING}\n- WILL NOT * [081]\n--- WELCOME [041] ---\nWELCOME\n\
        --- ARREST [212] ---\nARREST\n--- DEPLORE [122] ---\nDEPLORE\n--- CONDEMN [122] ---\nCONDEMN\n\
        --- SPUR [111] ---\nSPUR\n- * RECONCILIATION [081]\n";
    const ACTORS: &str = "ARNOR_ [ARN]\nGONDOR [GON]\nMORDOR [MOR]\nBREE [BRE]\nITHILEN [ITH]\nOSGILIATH [OSG]\n\
        FORNOST [FOR]\nERIADOR [ERI]\nROHAN [ROH]\nTHE_SHIRE [FRO/BIL/SAM]\nQUIBBLER [HGWGOVMED]\nROMENDACIL [BRE]\n\
        CALENARDHON [CAL]\nDAGOLATH [DAG]\n";
    const AGENTS: &str = "GOVERNMENT [~GOV]\nPRIME_MINISTER [~GOV]\nLAWMAKER [~LEG]\nPOLICE {} [~COP]\n\
        SOLDIER [~MIL]\nMILITIA [~MIL]\nMSF {} [NGO~]\nHUMAN_RIGHTS_ACTIVIST [~OPP]\nNEWSPAPER [~MED]\n\
        AMBASSADOR [~GOV]\n";

    fn petrarch() -> Petrarch {
        let (p, errors) =
            Petrarch::from_texts(Some(("v.txt", VERBS)), &[("a.txt", ACTORS)], Some(("g.txt", AGENTS)), None);
        assert!(errors.is_empty(), "{errors:?}");
        p
    }

    /// The (source, target, code) triples of a one-sentence fixture.
    fn coded(conllu: &str) -> Vec<(String, String, String)> {
        let d = doc(&spaced(conllu));
        let mut out: Vec<(String, String, String)> = petrarch()
            .code_sentence(&d, 0, Some("1995-01-04"))
            .into_iter()
            .map(|c| (c.source.code, c.target.code, c.code))
            .collect();
        out.sort();
        out
    }

    fn t(s: &str, g: &str, c: &str) -> (String, String, String) {
        (s.to_string(), g.to_string(), c.to_string())
    }

    #[test]
    fn a_phrase_codes_its_first_actor_with_its_agents() {
        // An agent the actor's code already holds stops the agents: the
        // Quibbler [HGWGOVMED] government police is HGWGOVMED, not ...COP.
        let got = coded(
            "1 The the DET DT _ 5 det _ _
             2 Quibbler Quibbler PROPN NNP _ 5 compound _ _
             3 government government NOUN NN _ 5 compound _ _
             4 police police NOUN NN _ 5 compound _ _
             5 newspaper newspaper NOUN NN _ 6 nsubj _ _
             6 restored restore VERB VBD _ 0 root _ _
             7 diplomatic diplomatic ADJ JJ _ 8 amod _ _
             8 ties tie NOUN NNS _ 6 obj _ _
             9 with with ADP IN _ 10 case _ _
             10 Bree Bree PROPN NNP _ 8 nmod _ _
             11 . . PUNCT . _ 6 punct _ _",
        );
        assert_eq!(got, [t("HGWGOVMED", "BRE", "064")]);
        // A noun hung on a name with no preposition is in its phrase; a
        // prefixed agent (NGO~) goes before the actor's code.
        let got = coded(
            "1 Bree Bree PROPN NNP _ 5 nsubj _ _
             2 Prime Prime ADJ NNP _ 3 amod _ _
             3 Minister Minister PROPN NNP _ 4 nmod:desc _ _
             4 Romendacil Romendacil PROPN NNP _ 1 nmod _ _
             5 deplored deplore VERB VBD _ 0 root _ _
             6 Mordor Mordor PROPN NNP _ 8 compound _ _
             7 MSF MSF PROPN NNP _ 8 compound _ _
             8 workers worker NOUN NNS _ 5 obj _ _
             9 . . PUNCT . _ 5 punct _ _",
        );
        assert_eq!(got, [t("BREGOV", "NGOMOR", "122")]);
    }

    #[test]
    fn an_apposition_with_no_comma_runs_on_the_phrase() {
        // Dagolath's Deputy [Prime Minister Telemar] left for Gondor: one
        // phrase, and its agent; "Telemar, the prime minister" is two.
        let got = coded(
            "1 Dagolath Dagolath PROPN NNP _ 3 nmod:poss _ _
             2 's 's PART POS _ 1 case _ _
             3 Deputy deputy NOUN NN _ 7 nsubj _ _
             4 Prime Prime ADJ NNP _ 5 amod _ _
             5 Minister Minister PROPN NNP _ 3 appos _ _
             6 Telemar Telemar PROPN NNP _ 5 flat _ _
             7 left leave VERB VBD _ 0 root _ _
             8 for for ADP IN _ 9 case _ _
             9 Gondor Gondor PROPN NNP _ 7 obl _ _
             10 . . PUNCT . _ 7 punct _ _",
        );
        assert_eq!(got, [t("DAGGOV", "GON", "032"), t("GON", "DAGGOV", "033")]);
        let d = doc(&spaced(
            "1 Telemar Telemar PROPN NNP _ 0 root _ _
             2 , , PUNCT , _ 5 punct _ _
             3 the the DET DT _ 5 det _ _
             4 prime prime ADJ JJ _ 5 amod _ _
             5 minister minister NOUN NN _ 1 appos _ _",
        ));
        let s = Sent::new(&d, 0);
        assert!(!s.internal(4));
    }

    #[test]
    fn compound_members_share_the_words_of_their_phrase() {
        let got = coded(
            "1 Lawmakers lawmaker NOUN NNS _ 6 nsubj _ _
             2 in in ADP IN _ 3 case _ _
             3 Fornost Fornost PROPN NNP _ 1 nmod _ _
             4 and and CCONJ CC _ 5 cc _ _
             5 Gondor Gondor PROPN NNP _ 3 conj _ _
             6 welcomed welcome VERB VBD _ 0 root _ _
             7 The the DET DT _ 8 det _ _
             8 Shire Shire PROPN NNP _ 6 obj _ _
             9 . . PUNCT . _ 6 punct _ _",
        );
        // THE_SHIRE [FRO/BIL/SAM] names three actors.
        let want: Vec<_> =
            ["FORLEG", "GONLEG"].iter().flat_map(|s| ["BIL", "FRO", "SAM"].map(|g| t(s, g, "041"))).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_compound_inside_a_compound_member_is_expanded_too() {
        let got = coded(
            "1 Arnor Arnor PROPN NNP _ 2 nsubj _ _
             2 deplored deplore VERB VBD _ 0 root _ _
             3 satisfaction satisfaction NOUN NN _ 2 obj _ _
             4 toward toward ADP IN _ 5 case _ _
             5 Rohan Rohan PROPN NNP _ 3 nmod _ _
             6 and and CCONJ CC _ 9 cc _ _
             7 Bree Bree PROPN NNP _ 9 nmod:poss _ _
             8 's 's PART POS _ 7 case _ _
             9 envoy envoy NOUN NN _ 5 conj _ _
             10 , , PUNCT , _ 14 punct _ _
             11 and and CCONJ CC _ 14 cc _ _
             12 Gondor Gondor PROPN NNP _ 14 nmod:poss _ _
             13 's 's PART POS _ 12 case _ _
             14 cooperation cooperation NOUN NN _ 3 conj _ _
             15 . . PUNCT . _ 2 punct _ _",
        );
        assert_eq!(got, [t("ARN", "BRE", "122"), t("ARN", "GON", "122"), t("ARN", "ROH", "122")]);
    }

    #[test]
    fn a_second_conjunction_starts_a_further_coordination() {
        // "Calenardhon and Gondor, and Gondor and Dagolath": the compound
        // is the first group.
        let got = coded(
            "1 Arnor Arnor PROPN NNP _ 2 nsubj _ _
             2 spurred spur VERB VBD _ 0 root _ _
             3 reconciliation reconciliation NOUN NN _ 2 obj _ _
             4 between between ADP IN _ 5 case _ _
             5 Calenardhon Calenardhon PROPN NNP _ 3 nmod _ _
             6 and and CCONJ CC _ 7 cc _ _
             7 Gondor Gondor PROPN NNP _ 5 conj _ _
             8 , , PUNCT , _ 10 punct _ _
             9 and and CCONJ CC _ 10 cc _ _
             10 Gondor Gondor PROPN NNP _ 5 conj _ _
             11 and and CCONJ CC _ 12 cc _ _
             12 Dagolath Dagolath PROPN NNP _ 5 conj _ _
             13 . . PUNCT . _ 2 punct _ _",
        );
        assert_eq!(got, [t("ARN", "CAL", "081"), t("ARN", "GON", "081")]);
    }

    #[test]
    fn comma_clauses_of_two_to_eight_words_drop_out() {
        // The clause between the commas drops out, so the upper sequence of
        // "restored" reaches "Arnor"; kept, its comma would stop it.
        let got = coded(
            "1 Arnor Arnor PROPN NNP _ 8 nsubj _ _
             2 , , PUNCT , _ 4 punct _ _
             3 in in ADP IN _ 4 case _ _
             4 talks talk NOUN NNS _ 8 obl _ _
             5 with with ADP IN _ 6 case _ _
             6 Mordor Mordor PROPN NNP _ 4 nmod _ _
             7 , , PUNCT , _ 4 punct _ _
             8 restored restore VERB VBD _ 0 root _ _
             9 ties tie NOUN NNS _ 8 obj _ _
             10 with with ADP IN _ 11 case _ _
             11 Gondor Gondor PROPN NNP _ 9 nmod _ _
             12 , , PUNCT , _ 15 punct _ _
             13 Bree Bree PROPN NNP _ 14 compound _ _
             14 officials official NOUN NNS _ 15 nsubj _ _
             15 said say VERB VBD _ 8 parataxis _ _
             16 Rohan Rohan PROPN NNP _ 15 obj _ _
             17 . . PUNCT . _ 8 punct _ _",
        );
        // The last clause ("Bree officials said Rohan") drops out too.
        assert_eq!(got, [t("ARN", "GON", "064")]);
        // The last clause's comma closes the clause before it: "in talks
        // with Mordor" drops out, and with it the only coded target.
        let got = coded(
            "1 Arnor Arnor PROPN NNP _ 2 nsubj _ _
             2 restored restore VERB VBD _ 0 root _ _
             3 ties tie NOUN NNS _ 2 obj _ _
             4 , , PUNCT , _ 6 punct _ _
             5 in in ADP IN _ 6 case _ _
             6 talks talk NOUN NNS _ 2 obl _ _
             7 with with ADP IN _ 8 case _ _
             8 Mordor Mordor PROPN NNP _ 6 nmod _ _
             9 , , PUNCT , _ 11 punct _ _
             10 officials official NOUN NNS _ 11 nsubj _ _
             11 said say VERB VBD _ 2 parataxis _ _
             12 . . PUNCT . _ 2 punct _ _",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_coded_verb_takes_its_whole_phrase() {
        // SAID takes the first coded phrase after it; "restored", inside
        // its phrase, is not coded again.
        let got = coded(
            "1 Arnor Arnor PROPN NNP _ 2 nsubj _ _
             2 said say VERB VBD _ 0 root _ _
             3 Gondor Gondor PROPN NNP _ 4 nsubj _ _
             4 restored restore VERB VBD _ 2 ccomp _ _
             5 ties tie NOUN NNS _ 4 obj _ _
             6 with with ADP IN _ 7 case _ _
             7 Mordor Mordor PROPN NNP _ 5 nmod _ _
             8 . . PUNCT . _ 2 punct _ _",
        );
        assert_eq!(got, [t("ARN", "GON", "023")]);
    }

    #[test]
    fn pattern_markers_name_source_target_and_skipped_phrases() {
        let got = coded(
            "1 Ithilen Ithilen PROPN NNP _ 2 compound _ _
             2 militia militia NOUN NN _ 4 nsubj:pass _ _
             3 was be AUX VBD _ 4 aux:pass _ _
             4 freed free VERB VBN _ 0 root _ _
             5 from from ADP IN _ 6 case _ _
             6 Mordor Mordor PROPN NNP _ 4 obl _ _
             7 . . PUNCT . _ 4 punct _ _",
        );
        assert_eq!(got, [t("MOR", "ITHMIL", "066")], "+ * FROM $");
        let got = coded(
            "1 Arnor Arnor PROPN NNP _ 2 nsubj _ _
             2 celebrated celebrate VERB VBD _ 0 root _ _
             3 Iftar Iftar PROPN NNP _ 2 obj _ _
             4 in in ADP IN _ 5 case _ _
             5 Osgiliath Osgiliath PROPN NNP _ 2 obl _ _
             6 with with ADP IN _ 7 case _ _
             7 Gondor Gondor PROPN NNP _ 2 obl _ _
             8 . . PUNCT . _ 2 punct _ _",
        );
        assert_eq!(got, [t("ARN", "GON", "045")], "* IFTAR IN ^ + skips Osgiliath");
    }

    #[test]
    fn a_passive_with_by_swaps_source_and_target() {
        let got = coded(
            "1 Eriador Eriador PROPN NNP _ 3 nsubj:pass _ _
             2 was be AUX VBD _ 3 aux:pass _ _
             3 opposed oppose VERB VBN _ 0 root _ _
             4 by by ADP IN _ 5 case _ _
             5 Osgiliath Osgiliath PROPN NNP _ 3 obl _ _
             6 . . PUNCT . _ 3 punct _ _",
        );
        assert_eq!(got, [t("OSG", "ERI", "112")]);
    }

    #[test]
    fn a_verb_is_found_by_its_form_first_and_a_paired_code_codes_both_ways() {
        // "met" is the MET block's [031:032], not MEET's [031:031].
        let got = coded(
            "1 Rohan Rohan PROPN NNP _ 2 nsubj _ _
             2 met meet VERB VBD _ 0 root _ _
             3 Gondor Gondor PROPN NNP _ 2 obj _ _
             4 . . PUNCT . _ 2 punct _ _",
        );
        assert_eq!(got, [t("GON", "ROH", "032"), t("ROH", "GON", "031")]);
    }

    #[test]
    fn a_multi_word_verb_may_be_tagged_on_its_first_word() {
        let got = coded(
            "1 Gondor Gondor PROPN NNP _ 4 nsubj _ _
             2 will will AUX MD _ 4 aux _ _
             3 not not PART RB _ 4 advmod _ _
             4 wire wire VERB VB _ 0 root _ _
             5 tap tap NOUN NN _ 4 obj _ _
             6 Mordor Mordor PROPN NNP _ 4 obj _ _
             7 . . PUNCT . _ 4 punct _ _",
        );
        assert_eq!(got, [t("GON", "MOR", "081")]);
    }

    #[test]
    fn a_clause_the_parse_left_without_a_verb_takes_a_dictionary_verb() {
        let got = coded(
            "1 Fornost Fornost PROPN NNP _ 5 nsubj _ _
             2 and and CCONJ CC _ 3 cc _ _
             3 Gondor Gondor PROPN NNP _ 1 conj _ _
             4 welcome welcome INTJ UH _ 5 discourse _ _
             5 resumption resumption NOUN NN _ 0 root _ _
             6 with with ADP IN _ 7 case _ _
             7 Eriador Eriador PROPN NNP _ 5 nmod _ _
             8 . . PUNCT . _ 5 punct _ _",
        );
        assert_eq!(got, [t("FOR", "ERI", "041"), t("GON", "ERI", "041")]);
    }

    #[test]
    fn dictionary_phrases_are_noun_phrases_and_a_role_takes_the_actor_after_it() {
        // "activists" tagged as the verb; HUMAN_RIGHTS_ACTIVIST is a noun
        // phrase, and a role alone takes the actor of "in Arnor".
        let got = coded(
            "1 Human human ADJ JJ _ 2 amod _ _
             2 rights right NOUN NNS _ 3 nsubj _ _
             3 activists activist VERB VBZ _ 0 root _ _
             4 in in ADP IN _ 5 case _ _
             5 Arnor Arnor PROPN NNP _ 3 obl _ _
             6 restored restore VERB VBD _ 3 conj _ _
             7 ties tie NOUN NNS _ 6 obj _ _
             8 with with ADP IN _ 9 case _ _
             9 Gondor Gondor PROPN NNP _ 7 nmod _ _
             10 . . PUNCT . _ 3 punct _ _",
        );
        assert_eq!(got, [t("ARNOPP", "GON", "064")]);
    }

    #[test]
    fn subjects_side_by_side_are_one_phrase_or_a_list() {
        let got = coded(
            "1 Bree Bree PROPN NNP _ 4 nmod:poss _ _
             2 's 's PART POS _ 1 case _ _
             3 first first ADJ JJ _ 4 amod _ _
             4 Deputy deputy NOUN NN _ 8 nsubj _ _
             5 Prime Prime ADJ NNP _ 6 amod _ _
             6 Minister Minister PROPN NNP _ 7 compound _ _
             7 Telemar Telemar PROPN NNP _ 8 nsubj _ _
             8 left leave VERB VBD _ 0 root _ _
             9 for for ADP IN _ 10 case _ _
             10 Gondor Gondor PROPN NNP _ 8 obl _ _
             11 . . PUNCT . _ 8 punct _ _",
        );
        assert_eq!(got, [t("BREGOV", "GON", "032"), t("GON", "BREGOV", "033")]);
        let got = coded(
            "1 Arnor Arnor PROPN NNP _ 6 nsubj _ _
             2 , , PUNCT , _ 3 punct _ _
             3 Gondor Gondor PROPN NNP _ 6 nsubj _ _
             4 and and CCONJ CC _ 5 cc _ _
             5 Rohan Rohan PROPN NNP _ 3 conj _ _
             6 condemned condemn VERB VBD _ 0 root _ _
             7 Mordor Mordor PROPN NNP _ 6 obj _ _
             8 . . PUNCT . _ 6 punct _ _",
        );
        assert_eq!(got, [t("ARN", "MOR", "122"), t("GON", "MOR", "122"), t("ROH", "MOR", "122")]);
    }

    #[test]
    fn a_list_parsed_as_several_subjects_is_one_compound() {
        // The list goes on from the prepositional object, and its members
        // share "The ambassadors of".
        let got = coded(
            "1 The the DET DT _ 2 det _ _
             2 ambassadors ambassador NOUN NNS _ 9 nsubj _ _
             3 of of ADP IN _ 4 case _ _
             4 Bree Bree PROPN NNP _ 2 nmod _ _
             5 , , PUNCT , _ 6 punct _ _
             6 Osgiliath Osgiliath PROPN NNP _ 9 nsubj _ _
             7 and and CCONJ CC _ 8 cc _ _
             8 Eriador Eriador PROPN NNP _ 6 conj _ _
             9 condemned condemn VERB VBD _ 0 root _ _
             10 Mordor Mordor PROPN NNP _ 9 obj _ _
             11 . . PUNCT . _ 9 punct _ _",
        );
        assert_eq!(got, [t("BREGOV", "MOR", "122"), t("ERIGOV", "MOR", "122"), t("OSGGOV", "MOR", "122")]);
        // Joined by a conjunction hung on the verb.
        let got = coded(
            "1 Ithilen Ithilen PROPN NNP _ 6 nsubj _ _
             2 and and CCONJ CC _ 6 cc _ _
             3 the the DET DT _ 6 det _ _
             4 evil evil ADJ JJ _ 6 obl _ _
             5 Bree Bree PROPN NNP _ 6 nsubj _ _
             6 condemned condemn VERB VBD _ 0 root _ _
             7 Mordor Mordor PROPN NNP _ 6 obj _ _
             8 . . PUNCT . _ 6 punct _ _",
        );
        assert_eq!(got, [t("BRE", "MOR", "122"), t("ITH", "MOR", "122")]);
    }

    #[test]
    fn a_verb_with_its_own_subject_is_no_modifier_and_may_take_the_words_after_it() {
        // "arrested" hung as a modifier of "soldiers" has a subject: it is
        // the verb, and its phrase is the words after it.
        let got = coded(
            "1 Rohan Rohan PROPN NNP _ 3 nmod:poss _ _
             2 's 's PART POS _ 1 case _ _
             3 police police NOUN NN _ 4 nsubj _ _
             4 arrested arrest VERB VBN _ 6 amod _ _
             5 Gondor Gondor PROPN NNP _ 6 compound _ _
             6 soldiers soldier NOUN NNS _ 0 root _ _
             7 . . PUNCT . _ 6 punct _ _",
        );
        assert_eq!(got, [t("ROHCOP", "GONMIL", "212")]);
    }

    #[test]
    fn an_event_needs_a_coded_source_and_target_unless_require_dyad_is_off() {
        let fixture = "1 Arnor Arnor PROPN NNP _ 2 nsubj _ _
             2 restored restore VERB VBD _ 0 root _ _
             3 ties tie NOUN NNS _ 2 obj _ _
             4 with with ADP IN _ 5 case _ _
             5 Gxndor Gxndor PROPN NNP _ 3 nmod _ _
             6 . . PUNCT . _ 2 punct _ _";
        let p = petrarch();
        p.set_require_dyad(false);
        let d = doc(&spaced(fixture));
        let got: Vec<_> = p.code_sentence(&d, 0, None).into_iter().map(|c| (c.source.code, c.target.code)).collect();
        assert_eq!(got, [("ARN".to_string(), "---".to_string())]);
        let got = coded(
            "1 Arnor Arnor PROPN NNP _ 2 nsubj _ _
             2 restored restore VERB VBD _ 0 root _ _
             3 ties tie NOUN NNS _ 2 obj _ _
             4 with with ADP IN _ 5 case _ _
             5 Gxndor Gxndor PROPN NNP _ 3 nmod _ _
             6 . . PUNCT . _ 2 punct _ _",
        );
        assert!(got.is_empty(), "{got:?}");
    }
}

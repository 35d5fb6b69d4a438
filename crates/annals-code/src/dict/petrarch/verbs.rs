//! PETRARCH verb files. Synonym sets (`&NAME` and `+member` lines, members
//! may name other sets) and verb blocks:
//!
//! ```text
//! --- RESTORE  [064] ---        block header: name and default code
//! RESTORE  {RESTORED}           the block's verbs, with irregular forms,
//! REOPEN [065]                  a verb's own code,
//! +BREAK_DOWN                   `+` marks the verb of a multi-word verb
//! - NOT * RELATIONS  [112]      patterns: words before and after the verb (*)
//! - + * FROM $  [066]           `$` source, `+` target, `^` skip, `%` compound
//! - * &TIETYPES TIES [902]      synonym sets; `_` joins words that must touch
//! ```
//!
//! Codes are CAMEO codes or the file's own (`[903]`, `[174K]`); `[---]` is
//! a pattern that leaves no event; `[032:033]` also codes the reverse event
//! (target to source). Each pattern becomes one annals [`EventEntry`] on
//! each of the block's verb lemmas, tried most words first, and the verb
//! alone last with its code. A pattern's words are checked in the sentence
//! around the verb ([`Pattern::holds`]); `$`/`+` after a preposition give
//! that preposition's object as source/target, right after the verb its
//! object, before the verb its subject. Transformation lines (`~ ...`) are
//! counted and not applied.

use super::{phrase_words, word_matches, PetrError};
use crate::dict::events::{EventEntry, Role, TriggerPos};
use crate::tree::Tree;
use std::collections::HashMap;
use std::sync::Arc;

/// One element of a pattern: alternative word sequences (one for a word,
/// several for a synonym set); `joined` when it must touch the element
/// before it (`_`).
#[derive(Debug, Clone, PartialEq)]
pub struct Elem {
    /// Shared: a synonym set's members are read once for every pattern.
    pub alts: Members,
    pub joined: bool,
}

/// One element of a pattern side as PETRARCH matches it over the words
/// before the verb (its "upper" sequence) or after it in the verb phrase
/// (its "lower" sequence): a word (or synonym set), or a marker standing
/// for a noun phrase.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Word(Elem),
    /// `$`: the noun phrase here is the source.
    Source,
    /// `+`: the noun phrase here is the target.
    Target,
    /// `^`: a noun phrase is skipped.
    Skip,
    /// `%`: a compound noun phrase, whose members act on each other.
    Compound,
}

/// A verb pattern, as the trigger stage checks it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The pattern as written (`- NOT * RELATIONS`), or the verb.
    pub text: String,
    /// The words and markers before the verb, in text order.
    pub upper: Vec<Item>,
    /// The words and markers after the verb, in text order.
    pub lower: Vec<Item>,
    /// Elements before the verb, in text order.
    pub before: Vec<Elem>,
    /// Whether the verb touches the last element before it.
    pub verb_joined_before: bool,
    /// Elements after the verb.
    pub after: Vec<Elem>,
    /// The primary code (`---`: no event).
    pub code: String,
    /// The code of the reverse event (`[032:033]`).
    pub pair: Option<String>,
    /// `file:line`.
    pub origin: String,
}

impl Pattern {
    /// The code as the file writes it.
    pub fn code_text(&self) -> String {
        match &self.pair {
            Some(p) => format!("{}:{p}", self.code),
            None => self.code.clone(),
        }
    }

    /// Number of words the pattern requires.
    pub fn words(&self) -> usize {
        self.before.len() + self.after.len()
    }

    /// Whether the pattern's words stand around verb `i` in its sentence.
    pub fn holds(&self, t: &Tree, i: usize) -> bool {
        let words: Vec<(String, String)> =
            t.range.clone().map(|k| (t.tok(k).form.to_lowercase(), t.tok(k).lemma.to_lowercase())).collect();
        let v = i - t.range.start;
        match_after(&self.after, &words, v + 1) && match_before(&self.before, self.verb_joined_before, &words, v)
    }
}

fn word_at(w: &(String, bool), tok: &(String, String)) -> bool {
    word_matches(&w.0, w.1, &tok.0) || word_matches(&w.0, w.1, &tok.1)
}

/// The end of `alt` matched at `p`, if it matches there.
fn alt_at(alt: &[(String, bool)], words: &[(String, String)], p: usize) -> Option<usize> {
    (p + alt.len() <= words.len() && alt.iter().zip(&words[p..]).all(|(w, t)| word_at(w, t))).then_some(p + alt.len())
}

fn match_after(elems: &[Elem], words: &[(String, String)], mut pos: usize) -> bool {
    for e in elems {
        let last = if e.joined { pos } else { words.len().saturating_sub(1) };
        let found = (pos..=last.min(words.len())).find_map(|p| e.alts.iter().find_map(|a| alt_at(a, words, p)));
        match found {
            Some(end) => pos = end,
            None => return false,
        }
    }
    true
}

fn match_before(elems: &[Elem], verb_joined: bool, words: &[(String, String)], mut end: usize) -> bool {
    // `end` is one past the last word the element may use.
    let mut joined_next = verb_joined;
    for e in elems.iter().rev() {
        let found = (0..end).rev().take(if joined_next { 1 } else { usize::MAX }).find_map(|last| {
            e.alts.iter().find_map(|a| {
                let start = (last + 1).checked_sub(a.len())?;
                alt_at(a, words, start).filter(|&x| x == last + 1).map(|_| start)
            })
        });
        match found {
            Some(start) => end = start,
            None => return false,
        }
        joined_next = e.joined;
    }
    true
}

/// A parsed code bracket: primary and reverse codes.
fn parse_code(s: &str) -> Result<(String, Option<String>), String> {
    let inner = s.trim().trim_start_matches('[').trim_end_matches(']').trim();
    let ok = |c: &str| !c.is_empty() && c.chars().all(|x| x.is_ascii_alphanumeric() || "-+#?".contains(x));
    let (a, b) = match inner.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (inner, None),
    };
    let a = if a.is_empty() && b.is_some() { "---" } else { a };
    if !ok(a) || b.is_some_and(|b| !ok(b)) {
        return Err(format!("[{inner}] is not a code"));
    }
    Ok((a.to_uppercase(), b.map(str::to_uppercase)))
}

/// Splits a pattern into tokens with whether each touches the one before
/// (`A_B`; a trailing `_` before a space, `KNOWN_ *`, joins nothing).
fn lex(s: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut joined = false;
    let mut underscore = false;
    for c in s.chars() {
        if c == '_' || c.is_whitespace() || "(){}".contains(c) {
            if !cur.is_empty() {
                out.push((std::mem::take(&mut cur), joined));
            }
            underscore = c == '_' && (underscore || !out.is_empty());
            if c != '_' {
                underscore = false;
            }
            continue;
        }
        if cur.is_empty() {
            joined = underscore;
            underscore = false;
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push((cur, joined));
    }
    out
}

/// A parsed pattern body: elements before and after the verb, and the
/// roles its markers give.
struct Body {
    before: Vec<Elem>,
    verb_joined_before: bool,
    after: Vec<Elem>,
    upper: Vec<Item>,
    lower: Vec<Item>,
    source: Option<Role>,
    target: Option<Role>,
}

const PREPOSITIONS: &[&str] = &[
    "about", "against", "at", "between", "by", "for", "from", "in", "into", "of", "on", "onto", "over", "to", "toward",
    "towards", "upon", "with", "within", "without",
];

/// A synonym set's members, each a phrase of (word, exact) pairs.
type Members = Arc<Vec<Vec<(String, bool)>>>;

fn parse_body(text: &str, synsets: &HashMap<String, Members>) -> Result<Body, String> {
    let toks = lex(text);
    let stars: Vec<usize> = toks.iter().enumerate().filter(|(_, (t, _))| t == "*").map(|(k, _)| k).collect();
    if stars.len() != 1 {
        return Err(format!("pattern {text:?} needs exactly one * (found {})", stars.len()));
    }
    let star = stars[0];
    let mut body = Body {
        before: Vec::new(),
        verb_joined_before: toks[star].1,
        after: Vec::new(),
        upper: Vec::new(),
        lower: Vec::new(),
        source: None,
        target: None,
    };
    for (k, (tok, joined)) in toks.iter().enumerate() {
        if k == star {
            continue;
        }
        let after = k > star;
        let role = || -> Role {
            if !after {
                return Role::Subject;
            }
            let prev = toks[star + 1..k].iter().rev().find(|(t, _)| !matches!(t.as_str(), "$" | "+" | "^" | "%"));
            match prev {
                Some((p, _)) if PREPOSITIONS.contains(&p.to_lowercase().as_str()) => Role::Prep(p.to_lowercase()),
                _ => Role::Object,
            }
        };
        let side = if after { &mut body.lower } else { &mut body.upper };
        match tok.as_str() {
            "$" => {
                side.push(Item::Source);
                body.source = Some(role());
            }
            "+" => {
                side.push(Item::Target);
                body.target = Some(role());
            }
            "^" => side.push(Item::Skip),
            "%" => side.push(Item::Compound),
            _ => {
                let alts = if let Some(name) = tok.strip_prefix('&') {
                    synsets
                        .get(&name.trim_end_matches('_').to_uppercase())
                        .cloned()
                        .ok_or_else(|| format!("&{name} is not a synonym set"))?
                } else {
                    Arc::new(vec![phrase_words(tok)])
                };
                let elem = Elem { alts, joined: *joined };
                side.push(Item::Word(elem.clone()));
                if after {
                    body.after.push(elem);
                } else {
                    body.before.push(elem);
                }
            }
        }
    }
    Ok(body)
}

/// A verb line of a block: the verb and the words around it.
struct VerbLine {
    keys: Vec<String>,
    /// The word forms PETRARCH matches: the verb, its irregular forms, or
    /// (with none given) its regular forms.
    literal: Vec<String>,
    word: String,
    before: Vec<Elem>,
    after: Vec<Elem>,
    code: Option<(String, Option<String>)>,
    origin: String,
}

/// The lemmas a PETRARCH verb word may stand for: itself, its irregular
/// lemma, and its regular stems ("KILLED" → kill, "EASED" → ease).
fn verb_keys(w: &str) -> Vec<String> {
    let mut keys = vec![w.to_string()];
    if let Some(l) = annals_text::lemma::irregular(w) {
        keys.push(l.to_string());
    }
    let push = |keys: &mut Vec<String>, s: String| {
        if s.len() >= 2 && !keys.contains(&s) {
            keys.push(s);
        }
    };
    if let Some(s) = w.strip_suffix("ied") {
        push(&mut keys, format!("{s}y"));
    } else if let Some(s) = w.strip_suffix("ed") {
        push(&mut keys, s.to_string());
        push(&mut keys, format!("{s}e"));
        let b = s.as_bytes();
        if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
            push(&mut keys, s[..s.len() - 1].to_string());
        }
    } else if let Some(s) = w.strip_suffix("ing") {
        push(&mut keys, s.to_string());
        push(&mut keys, format!("{s}e"));
    } else if let Some(s) = w.strip_suffix("ies") {
        push(&mut keys, format!("{s}y"));
    } else if w.ends_with('s') && !w.ends_with("ss") {
        push(&mut keys, w[..w.len() - 1].to_string());
    }
    keys
}

/// One verb line of a block, as the PETRARCH coder uses it.
#[derive(Debug, Clone)]
pub struct VerbForm {
    /// The verb word (lower case).
    pub word: String,
    /// Words that must stand right before and after the verb in a
    /// multi-word verb (`WIRE_+TAP`, `+BREAK_DOWN`), in text order.
    pub before: Vec<String>,
    pub after: Vec<String>,
    /// The line's own code, else its block's (`---`: none).
    pub code: String,
    /// The reverse event's code (`[032:033]`).
    pub pair: Option<String>,
    /// `file:line` of the verb line.
    pub origin: String,
    /// The block's patterns, most words first.
    pub patterns: Arc<Vec<Arc<Pattern>>>,
}

/// A pattern with the roles its markers give, ranked by its words.
type Ranked = (usize, Arc<Pattern>, Option<Role>, Option<Role>);

/// A loaded verb file.
#[derive(Debug, Default)]
pub struct Verbs {
    by_lemma: HashMap<String, Vec<EventEntry>>,
    by_origin: HashMap<String, Arc<Pattern>>,
    /// Every verb line of every block, as PETRARCH's coder looks verbs up.
    forms: Vec<VerbForm>,
    /// The word forms a verb line spells or generates (`LEFT`; `RESTORES`,
    /// `RESTORED`, `RESTORING`; irregular forms in braces) → its lines.
    by_form: HashMap<String, Vec<usize>>,
    /// The lemmas those words stand for → lines, when the text's form is
    /// none of them.
    by_stem: HashMap<String, Vec<usize>>,
    /// Patterns read (each counted once, whatever its block's verbs).
    pub patterns: usize,
    /// Verb lines read.
    pub verbs: usize,
    /// Synonym sets read.
    pub synsets: usize,
    /// Transformation lines (`~ ...`), read and not applied.
    pub transformations: usize,
}

fn target_roles(first: Option<Role>) -> Vec<Role> {
    let mut v: Vec<Role> = first.into_iter().collect();
    v.push(Role::Object);
    v.push(Role::IndirectObject);
    for p in ["with", "to", "against", "for", "on", "from", "at", "in", "over", "of", "into", "about"] {
        v.push(Role::Prep(p.into()));
    }
    v
}

fn entry(lemma: &str, p: Arc<Pattern>, source: Option<Role>, target: Option<Role>) -> EventEntry {
    let mut src: Vec<Role> = source.into_iter().collect();
    if !src.contains(&Role::Subject) {
        src.push(Role::Subject);
    }
    EventEntry {
        code: p.code.clone(),
        pos: TriggerPos::Verb,
        lemma: lemma.to_string(),
        obj: Vec::new(),
        prt: None,
        prep: Vec::new(),
        xcomp: Vec::new(),
        not_obj: Vec::new(),
        subj: Vec::new(),
        modifier: Vec::new(),
        not_modifier: Vec::new(),
        prep_obj: Vec::new(),
        agent: None,
        source: src,
        target: target_roles(target),
        both: None,
        origin: p.origin.clone(),
        pattern: Some(p),
    }
}

impl Verbs {
    /// The entries of a verb lemma, most specific first.
    pub fn entries(&self, lemma: &str) -> &[EventEntry] {
        self.by_lemma.get(lemma).map_or(&[], Vec::as_slice)
    }

    /// The verb lines a verb token may stand for: those that spell its
    /// word form, else those of its lemma; multi-word verbs first.
    pub fn verb_forms(&self, form: &str, lemma: &str) -> Vec<&VerbForm> {
        let ids = self.by_form.get(form).or_else(|| self.by_stem.get(lemma)).or_else(|| self.by_stem.get(form));
        let mut out: Vec<&VerbForm> = ids.into_iter().flatten().map(|&i| &self.forms[i]).collect();
        out.sort_by_key(|f| std::cmp::Reverse(f.before.len() + f.after.len()));
        out
    }

    /// Whether some verb line spells or generates this word form.
    pub fn has_form(&self, form: &str) -> bool {
        self.by_form.contains_key(form)
    }

    /// The pattern read at `file:line`.
    pub fn by_origin(&self, origin: &str) -> Option<&Pattern> {
        self.by_origin.get(origin).map(|p| p.as_ref())
    }

    /// Number of verb lemmas with entries.
    pub fn lemmas(&self) -> usize {
        self.by_lemma.len()
    }

    /// Parses a verb file; bad lines are added to `errors` and skipped.
    pub fn parse(text: &str, name: &str, errors: &mut Vec<PetrError>) -> Verbs {
        let lines = super::clean_lines(text);
        let mut v = Verbs::default();
        // Pass 1: synonym sets (they may be used before they are defined
        // and may name each other).
        let mut raw_sets: HashMap<String, Vec<String>> = HashMap::new();
        let mut cur: Option<String> = None;
        for (_, l) in &lines {
            let l = l.trim();
            if let Some(n) = l.strip_prefix('&') {
                let n = n.split_whitespace().next().unwrap_or("").trim_end_matches('_').to_uppercase();
                raw_sets.entry(n.clone()).or_default();
                cur = Some(n);
            } else if l.starts_with("---") || l.starts_with('-') || l.starts_with('~') {
                cur = None;
            } else if let (Some(n), Some(m)) = (&cur, l.strip_prefix('+')) {
                raw_sets.entry(n.clone()).or_default().push(m.trim().to_string());
            } else {
                cur = None;
            }
        }
        let mut synsets: HashMap<String, Members> = HashMap::new();
        for n in raw_sets.keys() {
            let mut seen = Vec::new();
            let mut out = Vec::new();
            expand_set(n, &raw_sets, &mut seen, &mut out);
            synsets.insert(n.clone(), Arc::new(out));
        }
        v.synsets = synsets.len();
        // Pass 2: blocks.
        enum State {
            Outside,
            Synset,
            Block,
        }
        let mut state = State::Outside;
        let mut block_code: Option<(String, Option<String>)> = None;
        let mut verbs: Vec<VerbLine> = Vec::new();
        let mut pats: Vec<(Arc<Pattern>, Option<Role>, Option<Role>)> = Vec::new();
        let flush = |v: &mut Verbs,
                     verbs: &mut Vec<VerbLine>,
                     pats: &mut Vec<(Arc<Pattern>, Option<Role>, Option<Role>)>,
                     code: &Option<(String, Option<String>)>| {
            let mut block: Vec<Arc<Pattern>> = pats.iter().map(|(p, ..)| p.clone()).collect();
            block.sort_by_key(|p| std::cmp::Reverse(p.words()));
            let block = Arc::new(block);
            for vl in verbs.iter() {
                let (c, pair) = vl.code.clone().or_else(|| code.clone()).unwrap_or(("---".into(), None));
                let id = v.forms.len();
                let word = |e: &Elem| e.alts.first().and_then(|a| a.first()).map(|w| w.0.clone()).unwrap_or_default();
                v.forms.push(VerbForm {
                    word: vl.word.clone(),
                    before: vl.before.iter().map(word).collect(),
                    after: vl.after.iter().map(word).collect(),
                    code: c,
                    pair,
                    origin: vl.origin.clone(),
                    patterns: block.clone(),
                });
                for f in &vl.literal {
                    let ids = v.by_form.entry(f.clone()).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                for k in &vl.keys {
                    let ids = v.by_stem.entry(k.clone()).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            for vl in verbs.drain(..) {
                let (c, pair) = vl.code.clone().or_else(|| code.clone()).unwrap_or(("---".into(), None));
                let mut list: Vec<Ranked> = Vec::new();
                for (p, s, t) in pats.iter() {
                    // A one-word verb shares its block's patterns; a
                    // multi-word one adds its words to each.
                    if vl.before.is_empty() && vl.after.is_empty() {
                        list.push((p.words(), p.clone(), s.clone(), t.clone()));
                        continue;
                    }
                    let mut merged = (**p).clone();
                    merged.before.extend(vl.before.iter().cloned());
                    let mut after = vl.after.clone();
                    after.extend(merged.after);
                    merged.after = after;
                    let n = merged.words();
                    list.push((n, Arc::new(merged), s.clone(), t.clone()));
                }
                list.sort_by_key(|(n, ..)| std::cmp::Reverse(*n));
                if c != "---" {
                    let bare = Arc::new(Pattern {
                        text: vl.word.clone(),
                        upper: Vec::new(),
                        lower: Vec::new(),
                        before: vl.before.clone(),
                        verb_joined_before: false,
                        after: vl.after.clone(),
                        code: c,
                        pair,
                        origin: vl.origin.clone(),
                    });
                    v.by_origin.entry(bare.origin.clone()).or_insert_with(|| bare.clone());
                    list.push((0, bare, None, None));
                }
                for key in &vl.keys {
                    let entries = v.by_lemma.entry(key.clone()).or_default();
                    for (_, p, s, t) in &list {
                        entries.push(entry(key, p.clone(), s.clone(), t.clone()));
                    }
                }
            }
            for (p, ..) in pats.drain(..) {
                v.by_origin.entry(p.origin.clone()).or_insert(p);
            }
        };
        for (n, raw) in &lines {
            let l = raw.trim();
            let origin = format!("{name}:{n}");
            if l.starts_with("---") {
                flush(&mut v, &mut verbs, &mut pats, &block_code);
                let inner = l.trim_matches('-').trim();
                block_code = match (inner.find('['), inner.find(']')) {
                    (Some(a), Some(b)) if a < b => match parse_code(&inner[a..=b]) {
                        Ok(c) => Some(c),
                        Err(m) => {
                            errors.push(PetrError::new(name, *n, m));
                            None
                        }
                    },
                    _ => {
                        errors.push(PetrError::new(name, *n, format!("block header {l:?} has no [code]")));
                        None
                    }
                };
                if let Some((c, p)) = &block_code {
                    register(c, p.as_deref());
                }
                state = State::Block;
                continue;
            }
            if l.starts_with('&') {
                flush(&mut v, &mut verbs, &mut pats, &block_code);
                state = State::Synset;
                continue;
            }
            if l.starts_with('~') {
                v.transformations += 1;
                continue;
            }
            match state {
                State::Synset if l.starts_with('+') => continue,
                State::Block => {}
                _ => {
                    errors.push(PetrError::new(name, *n, format!("{l:?} is outside any verb block")));
                    continue;
                }
            }
            if let Some(p) = l.strip_prefix('-') {
                let (body, code) = match (p.rfind('['), p.rfind(']')) {
                    (Some(a), Some(b)) if a < b => (&p[..a], parse_code(&p[a..=b])),
                    _ => {
                        errors.push(PetrError::new(name, *n, format!("pattern {l:?} has no [code]")));
                        continue;
                    }
                };
                let (code, pair) = match code {
                    Ok(c) => c,
                    Err(m) => {
                        errors.push(PetrError::new(name, *n, m));
                        continue;
                    }
                };
                match parse_body(body, &synsets) {
                    Ok(b) => {
                        v.patterns += 1;
                        register(&code, pair.as_deref());
                        let p = Arc::new(Pattern {
                            text: format!("- {}", body.trim()),
                            upper: b.upper,
                            lower: b.lower,
                            before: b.before,
                            verb_joined_before: b.verb_joined_before,
                            after: b.after,
                            code,
                            pair,
                            origin,
                        });
                        pats.push((p, b.source, b.target));
                    }
                    Err(m) => errors.push(PetrError::new(name, *n, m)),
                }
                continue;
            }
            match parse_verb_line(l, &origin) {
                Ok(vl) => {
                    if let Some((c, p)) = &vl.code {
                        register(c, p.as_deref());
                    }
                    v.verbs += 1;
                    verbs.push(vl);
                }
                Err(m) => errors.push(PetrError::new(name, *n, m)),
            }
        }
        flush(&mut v, &mut verbs, &mut pats, &block_code);
        v
    }
}

/// Makes a file's own codes known to the ontology, so events carry them.
fn register(code: &str, pair: Option<&str>) {
    for c in std::iter::once(code).chain(pair) {
        if c != "---" {
            crate::ontology::register_custom(c);
        }
    }
}

fn expand_set(n: &str, raw: &HashMap<String, Vec<String>>, seen: &mut Vec<String>, out: &mut Vec<Vec<(String, bool)>>) {
    if seen.iter().any(|s| s == n) {
        return;
    }
    seen.push(n.to_string());
    for m in raw.get(n).into_iter().flatten() {
        if let Some(inner) = m.strip_prefix('&') {
            expand_set(&inner.trim_end_matches('_').to_uppercase(), raw, seen, out);
        } else {
            let w = phrase_words(m);
            if !w.is_empty() {
                out.push(w);
            }
        }
    }
}

fn parse_verb_line(l: &str, origin: &str) -> Result<VerbLine, String> {
    let (head, code) = match (l.find('['), l.rfind(']')) {
        (Some(a), Some(b)) if a < b => (&l[..a], Some(parse_code(&l[a..=b])?)),
        (None, None) => (l, None),
        _ => return Err(format!("unbalanced brackets in {l:?}")),
    };
    let (head, forms) = match (head.find('{'), head.find('}')) {
        (Some(a), Some(b)) if a < b => (&head[..a], head[a + 1..b].split_whitespace().collect::<Vec<_>>()),
        (None, None) => (head, Vec::new()),
        _ => return Err(format!("unbalanced braces in {l:?}")),
    };
    let toks = lex(head);
    if toks.is_empty() {
        return Err(format!("{l:?} names no verb"));
    }
    let marked = toks.iter().position(|(t, _)| t.starts_with('+') && t.len() > 1);
    let vi = marked.unwrap_or(0);
    let word = toks[vi].0.trim_start_matches('+').to_lowercase();
    if !word.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'') {
        return Err(format!("{word:?} is not a verb"));
    }
    let elem = |k: usize| Elem {
        alts: Arc::new(vec![vec![(toks[k].0.trim_start_matches('+').to_lowercase(), false)]]),
        joined: true,
    };
    let before = (0..vi).map(elem).collect();
    let after = (vi + 1..toks.len()).map(elem).collect();
    let mut keys = verb_keys(&word);
    let mut literal = vec![word.clone()];
    if forms.is_empty() {
        literal.extend(regular_forms(&word));
    }
    for f in forms {
        // `+BREAKS_DOWN`: the marked word is the verb form.
        let ft = lex(f);
        let w = ft
            .iter()
            .find(|(t, _)| t.starts_with('+'))
            .or(ft.first())
            .map(|(t, _)| t.trim_start_matches('+').to_lowercase());
        if let Some(w) = &w {
            if !literal.contains(w) {
                literal.push(w.clone());
            }
        }
        for k in w.iter().flat_map(|w| verb_keys(w)) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    Ok(VerbLine { keys, literal, word, before, after, code, origin: origin.to_string() })
}

/// The regular forms PETRARCH generates for a verb given without
/// irregular forms: `-S` (`-ES` after s, x, z), `-ED` and `-ING` (`-D`
/// and `-ING` for the final `E` dropped after an `E`).
fn regular_forms(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    if w.ends_with(['s', 'x', 'z']) {
        out.push(format!("{w}es"));
    } else {
        out.push(format!("{w}s"));
    }
    match w.strip_suffix('e') {
        Some(stem) => {
            out.push(format!("{w}d"));
            out.push(format!("{stem}ing"));
        }
        None => {
            out.push(format!("{w}ed"));
            out.push(format!("{w}ing"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{doc, spaced};

    const VERBS: &str = "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n--- RESTORE  [064] ---\nRESTORE {RESTORED}\n\
                         - NOT * RELATIONS  [112]\n- * &TIETYPES TIES [902]\n- * FXLL DIPLOMATIC [+++]\n\
                         \n--- LEFT [032:033] ---\nLEFT\n--- FREE [066] ---\nFREE\n- + * FROM $ [066]\n\
                         - * BROKEN\n- BAD [1\n--- BREAK [---] ---\n+BREAK_DOWN\nNO-CODE\n~ a (b) X = a b 1\n";

    fn load() -> (Verbs, Vec<PetrError>) {
        let mut errs = Vec::new();
        (Verbs::parse(VERBS, "v.txt", &mut errs), errs)
    }

    #[test]
    fn blocks_patterns_and_errors() {
        let (v, errs) = load();
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), [16, 17], "{errs:?}");
        assert_eq!(v.patterns, 4);
        assert_eq!(v.transformations, 1);
        let r = v.entries("restore");
        assert_eq!(r.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(), ["112", "902", "+++", "064"]);
        assert_eq!(r[1].pattern.as_ref().unwrap().after[0].alts.len(), 2, "the synonym set's members");
        let left = v.entries("leave");
        assert_eq!(left[0].pattern.as_ref().unwrap().pair.as_deref(), Some("033"), "LEFT indexed by its lemma");
        let free = &v.entries("free")[0];
        assert_eq!(free.source[0], Role::Prep("from".into()));
        assert_eq!(free.target[0], Role::Subject);
        assert!(v.entries("break").is_empty(), "a null block adds no bare entry");
        assert!(v.by_origin("v.txt:6").is_some());
    }

    #[test]
    fn patterns_hold_on_the_words_around_the_verb() {
        let (v, _) = load();
        let d = doc(&spaced(
            "1 Arnor Arnor PROPN NNP _ 3 nsubj _ _
             2 not not PART RB _ 3 advmod _ _
             3 restored restore VERB VBD _ 0 root _ _
             4 military military ADJ JJ _ 5 amod _ _
             5 ties tie NOUN NNS _ 3 obj _ _",
        ));
        let t = Tree::new(&d, 0);
        let r = v.entries("restore");
        let fired: Vec<&str> =
            r.iter().filter(|e| e.pattern.as_ref().unwrap().holds(&t, 2)).map(|e| e.code.as_str()).collect();
        assert_eq!(fired, ["902", "064"]);
    }

    #[test]
    fn joined_words_must_touch() {
        let b = parse_body("* FOR_ASYLUM", &HashMap::new()).unwrap();
        assert!(b.after[1].joined && !b.after[0].joined);
        let b = parse_body("*_OUT", &HashMap::new()).unwrap();
        assert!(b.after[0].joined);
        assert!(parse_body("NO STAR", &HashMap::new()).is_err());
        assert!(parse_body("* &NOPE", &HashMap::new()).is_err());
        assert_eq!(parse_code("[032:033]"), Ok(("032".into(), Some("033".into()))));
        assert!(parse_code("[a b]").is_err());
        assert!(verb_keys("killed").contains(&"kill".to_string()));
        assert!(verb_keys("stopped").contains(&"stop".to_string()));
        assert!(verb_keys("said").contains(&"say".to_string()));
    }
}

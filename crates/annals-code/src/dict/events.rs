//! The event lexicon: trigger words and multi-word expressions mapped to
//! CAMEO codes, with argument frames over the dependency parse.
//!
//! One entry per line (`code<TAB>pos<TAB>lemma<TAB>options...`); the format
//! is documented for analysts in `dictionaries/EVENTS.md`. A malformed line
//! is reported as `file:line: message` and skipped, so one typo does not
//! cost the whole dictionary.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Whether a trigger is a verb or a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriggerPos {
    Verb,
    Noun,
}

/// Where an argument is found, relative to the trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The subject (for passives, the `by` agent).
    Subject,
    /// The direct object (for passives, the passive subject).
    Object,
    IndirectObject,
    /// A possessor ("Israel's release of ...").
    Possessor,
    /// An actor adjective or compound on a nominal trigger ("Israeli
    /// strikes", "Hamas attack").
    Modifier,
    /// An oblique or nominal modifier introduced by this preposition.
    Prep(String),
    None,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "subj" => Role::Subject,
            "obj" => Role::Object,
            "iobj" => Role::IndirectObject,
            "poss" => Role::Possessor,
            "amod" | "mod" => Role::Modifier,
            "none" => Role::None,
            p if !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_') => Role::Prep(p.to_string()),
            _ => return None,
        })
    }
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq)]
pub struct EventEntry {
    pub code: String,
    pub pos: TriggerPos,
    pub lemma: String,
    /// Required lemmas of the direct object, if any.
    pub obj: Vec<String>,
    /// Required lemmas of the subject ("troops left Syria"), if any.
    pub subj: Vec<String>,
    /// Required particle ("carry out").
    pub prt: Option<String>,
    /// Required prepositions of some oblique ("call for").
    pub prep: Vec<String>,
    /// Required lemmas of an open clausal complement.
    pub xcomp: Vec<String>,
    /// Object lemmas that rule the entry out ("released a statement").
    pub not_obj: Vec<String>,
    /// Required lemmas of a modifier of the trigger (`amod`, `compound`):
    /// "hunger strike", "air strike".
    pub modifier: Vec<String>,
    /// Modifier lemmas that rule the entry out.
    pub not_modifier: Vec<String>,
    /// Required lemmas of the nominal introduced by one of `prep` ("called
    /// for the release", "withdrew from the treaty").
    pub prep_obj: Vec<String>,
    /// The role of the unnamed doer when the text names none (an agentless
    /// passive, a bare noun): "two suspects were arrested" was done by the
    /// police (`COP`) of the place. `None` leaves the source empty.
    pub agent: Option<String>,
    pub source: Vec<Role>,
    pub target: Vec<Role>,
    /// Symmetric events: the subject and the partner introduced by this
    /// preposition are both parties.
    pub both: Option<String>,
    /// `file:line` of the entry, for `--explain`.
    pub origin: String,
    /// A PETRARCH pattern whose words must stand around the trigger
    /// ([`crate::dict::petrarch`]); `None` for annals' own entries.
    pub pattern: Option<std::sync::Arc<crate::dict::petrarch::verbs::Pattern>>,
}

impl EventEntry {
    /// Number of conditions: a more specific entry wins over a bare lemma.
    pub fn specificity(&self) -> usize {
        usize::from(!self.obj.is_empty())
            + usize::from(!self.subj.is_empty())
            + usize::from(self.prt.is_some())
            + usize::from(!self.prep.is_empty())
            + usize::from(!self.xcomp.is_empty())
            + usize::from(!self.modifier.is_empty())
            + usize::from(!self.prep_obj.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The loaded lexicon, indexed by part of speech and lemma.
#[derive(Debug, Default)]
pub struct Lexicon {
    by_lemma: HashMap<(TriggerPos, String), Vec<EventEntry>>,
    len: usize,
}

const EMBEDDED: &str = include_str!("../../dictionaries/events.tsv");

impl Lexicon {
    /// The lexicon shipped with annals.
    pub fn embedded() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::parse(EMBEDDED, "events.tsv").0)
    }

    /// The shipped file's text.
    pub fn embedded_text() -> &'static str {
        EMBEDDED
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entries for a trigger lemma, most specific first.
    pub fn entries(&self, pos: TriggerPos, lemma: &str) -> &[EventEntry] {
        self.by_lemma.get(&(pos, lemma.to_string())).map_or(&[], Vec::as_slice)
    }

    /// Parses lexicon text; returns what loaded and one error per bad line.
    pub fn parse(text: &str, name: &str) -> (Lexicon, Vec<LexiconError>) {
        let mut lex = Lexicon::default();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim_end();
            if line.trim().is_empty() {
                continue;
            }
            match parse_line(line, &format!("{name}:{}", i + 1)) {
                Ok(e) => {
                    let list = lex.by_lemma.entry((e.pos, e.lemma.clone())).or_default();
                    list.push(e);
                    list.sort_by_key(|e| std::cmp::Reverse(e.specificity()));
                    lex.len += 1;
                }
                Err(message) => errors.push(LexiconError { file: name.to_string(), line: i + 1, message }),
            }
        }
        (lex, errors)
    }
}

/// How well one CAMEO root (cue category) is covered by a lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootCoverage {
    /// The two-digit root, `"01"` to `"20"`.
    pub root: String,
    /// The root's name in the ontology.
    pub name: String,
    /// Entries whose code falls under this root, by trigger part of speech.
    pub verbs: usize,
    pub nouns: usize,
    /// The root's codes below the root itself (its 3- and 4-digit codes).
    pub codes: usize,
    /// How many of those have at least one entry of their own.
    pub covered: usize,
    /// The codes with no entry, in ontology order.
    pub missing: Vec<String>,
}

impl Lexicon {
    /// One row per CAMEO root, in ontology order: entries per part of
    /// speech, and which of the root's 3- and 4-digit codes have an entry.
    /// The two-digit root code itself is not counted among the codes (its
    /// "not specified" child, `010` … `200`, stands for it), though an entry
    /// coded with it counts among the root's entries.
    pub fn coverage(&self) -> Vec<RootCoverage> {
        let mut per_code: HashMap<&str, (usize, usize)> = HashMap::new();
        for e in self.by_lemma.values().flatten() {
            let n = per_code.entry(e.code.as_str()).or_default();
            match e.pos {
                TriggerPos::Verb => n.0 += 1,
                TriggerPos::Noun => n.1 += 1,
            }
        }
        let codes = crate::ontology::get().codes();
        codes
            .iter()
            .filter(|c| c.code.len() == 2)
            .map(|r| {
                let mut row = RootCoverage {
                    root: r.code.clone(),
                    name: r.name.clone(),
                    verbs: 0,
                    nouns: 0,
                    codes: 0,
                    covered: 0,
                    missing: Vec::new(),
                };
                for c in codes.iter().filter(|c| crate::ontology::root(&c.code) == r.code) {
                    let (v, n) = per_code.get(c.code.as_str()).copied().unwrap_or_default();
                    row.verbs += v;
                    row.nouns += n;
                    if c.code.len() == 2 {
                        continue;
                    }
                    row.codes += 1;
                    if v + n > 0 {
                        row.covered += 1;
                    } else {
                        row.missing.push(c.code.clone());
                    }
                }
                row
            })
            .collect()
    }
}

fn parse_line(line: &str, origin: &str) -> Result<EventEntry, String> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).filter(|c| !c.is_empty()).collect();
    if cols.len() < 3 {
        return Err(format!("expected code, pos and lemma separated by tabs, found {} column(s)", cols.len()));
    }
    let code = cols[0];
    if !(2..=4).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{code:?} is not a CAMEO code (2 to 4 digits)"));
    }
    if crate::ontology::get().cameo(code).is_none() {
        return Err(format!("{code} is not in the CAMEO ontology"));
    }
    let pos = match cols[1] {
        "verb" => TriggerPos::Verb,
        "noun" => TriggerPos::Noun,
        other => return Err(format!("pos must be verb or noun, not {other:?}")),
    };
    let lemma = cols[2].to_lowercase();
    if lemma.contains(' ') {
        return Err(format!("lemma {lemma:?} must be one word; use options for the rest"));
    }
    let mut e = EventEntry {
        code: code.to_string(),
        pos,
        lemma,
        obj: Vec::new(),
        subj: Vec::new(),
        prt: None,
        prep: Vec::new(),
        xcomp: Vec::new(),
        not_obj: Vec::new(),
        modifier: Vec::new(),
        not_modifier: Vec::new(),
        prep_obj: Vec::new(),
        agent: None,
        source: Vec::new(),
        target: Vec::new(),
        both: None,
        origin: origin.to_string(),
        pattern: None,
    };
    for opt in &cols[3..] {
        let (k, v) = opt.split_once('=').ok_or_else(|| format!("option {opt:?} is not key=value"))?;
        let alts = || v.split('|').map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect::<Vec<_>>();
        let roles = || -> Result<Vec<Role>, String> {
            v.split('|').map(|s| Role::parse(s.trim()).ok_or_else(|| format!("unknown role {s:?}"))).collect()
        };
        match k {
            "obj" => e.obj = alts(),
            "subj" => e.subj = alts(),
            "prt" => e.prt = Some(v.trim().to_lowercase()),
            "prep" => e.prep = alts(),
            "xcomp" => e.xcomp = alts(),
            "notobj" => e.not_obj = alts(),
            "mod" => e.modifier = alts(),
            "notmod" => e.not_modifier = alts(),
            "pobj" => e.prep_obj = alts(),
            "agent" => {
                let role = v.trim();
                if role.len() != 3 || !role.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(format!("agent {role:?} is not a three-letter role code"));
                }
                e.agent = Some(role.to_string());
            }
            "src" => e.source = roles()?,
            "tgt" => e.target = roles()?,
            "both" => e.both = Some(v.trim().to_lowercase()),
            _ => return Err(format!("unknown option {k:?}")),
        }
    }
    if !e.prep_obj.is_empty() && e.prep.is_empty() {
        return Err("pobj= needs prep= to say which preposition introduces it".into());
    }
    if e.source.is_empty() {
        e.source = match pos {
            TriggerPos::Verb => vec![Role::Subject],
            TriggerPos::Noun => vec![Role::Possessor, Role::Prep("by".into()), Role::Modifier],
        };
    }
    if e.target.is_empty() {
        e.target = match pos {
            TriggerPos::Verb => vec![Role::Object],
            TriggerPos::Noun => ["of", "with", "against", "on"].iter().map(|p| Role::Prep(p.to_string())).collect(),
        };
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_reports_bad_lines() {
        let text = "# test\n0841\tverb\trelease\ttgt=obj\n046\tnoun\ttalk\ttgt=with|between\n\
                    99x\tverb\tfoo\n046\tadverb\tfoo\n046\tverb\thold\tobj=talk|negotiation\ttgt=with\n\
                    046\tverb\thold\tbogus=1\n";
        let (lex, errs) = Lexicon::parse(text, "t.tsv");
        assert_eq!(lex.len(), 3);
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!(errs[0].to_string().split(':').take(2).collect::<Vec<_>>(), ["t.tsv", "4"]);
        let hold = lex.entries(TriggerPos::Verb, "hold");
        assert_eq!(hold[0].obj, ["talk", "negotiation"]);
        assert_eq!(lex.entries(TriggerPos::Noun, "talk")[0].target[1], Role::Prep("between".into()));
        assert_eq!(lex.entries(TriggerPos::Noun, "talk")[0].source[0], Role::Possessor);
    }

    #[test]
    fn sense_options() {
        let text = "0841\tverb\trelease\tnotobj=statement|video\tagent=GOV\n\
                    143\tnoun\tstrike\tmod=hunger|general\n\
                    1041\tverb\tcall\tprep=for\tpobj=resignation\n\
                    1041\tverb\tcall\tpobj=resignation\n\
                    173\tverb\tarrest\tagent=police\n";
        let (lex, errs) = Lexicon::parse(text, "t.tsv");
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), [4, 5], "{errs:?}");
        let r = &lex.entries(TriggerPos::Verb, "release")[0];
        assert_eq!((r.not_obj.len(), r.agent.as_deref()), (2, Some("GOV")));
        assert_eq!(lex.entries(TriggerPos::Noun, "strike")[0].modifier, ["hunger", "general"]);
        assert_eq!(lex.entries(TriggerPos::Verb, "call")[0].specificity(), 2);
    }
    #[test]
    fn coverage_counts_entries_and_missing_codes_per_root() {
        let text = "0841\tverb\trelease\n0841\tnoun\trelease\tprep=of\n084\tverb\treturn\n08\tverb\tyield\n\
                    190\tverb\tattack\n";
        let (lex, errs) = Lexicon::parse(text, "t.tsv");
        assert!(errs.is_empty(), "{errs:?}");
        let cov = lex.coverage();
        assert_eq!(cov.len(), 20);
        assert_eq!(cov.iter().map(|r| r.root.as_str()).collect::<Vec<_>>()[..3], ["01", "02", "03"]);
        let r08 = cov.iter().find(|r| r.root == "08").unwrap();
        assert_eq!((r08.verbs, r08.nouns), (3, 1));
        assert_eq!(r08.covered, 2, "084 and 0841; the root's own entry covers no code");
        assert_eq!(r08.codes, r08.covered + r08.missing.len());
        assert!(r08.missing.contains(&"0842".to_string()) && !r08.missing.contains(&"0841".to_string()));
        let r19 = cov.iter().find(|r| r.root == "19").unwrap();
        assert_eq!((r19.verbs, r19.nouns, r19.covered), (1, 0, 1));
        let r01 = &cov[0];
        assert_eq!((r01.verbs, r01.nouns, r01.covered), (0, 0, 0));
        assert_eq!(r01.missing.len(), r01.codes);
        // The shipped lexicon covers every root.
        assert!(Lexicon::embedded().coverage().iter().all(|r| r.covered > 0));
    }
}

//! Cue words: the word lists the coder's rules consult (reporting verbs,
//! light verbs, words of proposal and request, anonymous sources, ...),
//! read from `dictionaries/cues.tsv` and validated on load.
//!
//! Rules ask for a list by its [`List`] name; the file must define every
//! list and only those, so a typo in a list name is caught when the file
//! loads (`file:line`), not by a rule that silently never fires.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

macro_rules! lists {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// The cue lists the coder uses.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum List { $($variant),* }

        impl List {
            pub const ALL: &'static [List] = &[$(List::$variant),*];

            /// The list's name in `cues.tsv`.
            pub fn name(self) -> &'static str {
                match self { $(List::$variant => $name),* }
            }

            fn parse(s: &str) -> Option<List> {
                match s { $($name => Some(List::$variant),)* _ => None }
            }
        }
    };
}

lists! {
    LightVerb = "light_verb",
    Propose = "propose",
    Request = "request",
    Intend = "intend",
    Realise = "realise",
    Refuse = "refuse",
    Nobody = "nobody",
    Future = "future",
    Attempt = "attempt",
    Report = "report",
    GenericSource = "generic_source",
    Anonymous = "anonymous",
    AnonymityVerb = "anonymity_verb",
    AnonymityObject = "anonymity_object",
    Pronoun = "pronoun",
    FirstPerson = "first_person",
    GroupNoun = "group_noun",
    KeepPrep = "keep_prep",
    PrepNoun = "prep_noun",
    NotActor = "not_actor",
    EventFrameNoun = "event_frame_noun",
    AbstractObject = "abstract_object",
    VerbalAttack = "verbal_attack",
    Combat = "combat",
    Locative = "locative",
    CarrierRole = "carrier_role",
    NamingVerb = "naming_verb",
    NeutralReport = "neutral_report",
    StandIn = "stand_in",
    Site = "site",
    QuoteVerb = "quote_verb",
    Tenure = "tenure",
    Happen = "happen",
    Deny = "deny",
    Hearsay = "hearsay",
    Entourage = "entourage",
    Amount = "amount",
    Title = "title",
    ObjectPredicate = "object_predicate",
    Currency = "currency",
    Cause = "cause",
    Foreign = "foreign",
    Desire = "desire",
    Occasion = "occasion",
    Concessive = "concessive",
    Document = "document",
    Counting = "counting",
    Conduct = "conduct",
}

/// A problem in the cue file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct CueError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The loaded lists.
#[derive(Debug, Default)]
pub struct Cues {
    lists: HashMap<List, HashSet<String>>,
}

const EMBEDDED: &str = include_str!("../dictionaries/cues.tsv");

impl Cues {
    /// The shipped cue lists.
    pub fn embedded() -> &'static Cues {
        static C: OnceLock<Cues> = OnceLock::new();
        C.get_or_init(|| Cues::parse(EMBEDDED, "cues.tsv").0)
    }

    pub fn embedded_text() -> &'static str {
        EMBEDDED
    }

    /// Whether `word` (compared in lower case) is in `list`.
    pub fn has(&self, list: List, word: &str) -> bool {
        self.lists.get(&list).is_some_and(|s| {
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                s.contains(&word.to_lowercase())
            } else {
                s.contains(word)
            }
        })
    }

    /// Parses cue text: what loaded, and one error per bad line or missing list.
    pub fn parse(text: &str, name: &str) -> (Cues, Vec<CueError>) {
        let mut cues = Cues::default();
        let mut errors = Vec::new();
        let mut seen: HashMap<List, usize> = HashMap::new();
        let err = |line: usize, message: String| CueError { file: name.to_string(), line, message };
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let Some((list, words)) = line.split_once('\t') else {
                errors.push(err(i + 1, "expected a list name and its words separated by a tab".into()));
                continue;
            };
            let Some(list) = List::parse(list.trim()) else {
                errors.push(err(i + 1, format!("unknown list {:?}", list.trim())));
                continue;
            };
            if let Some(first) = seen.insert(list, i + 1) {
                errors.push(err(i + 1, format!("list {:?} is defined again (first on line {first})", list.name())));
                continue;
            }
            let mut set = HashSet::new();
            for w in words.split('|').map(str::trim) {
                if w.is_empty() || w != w.to_lowercase() || w.contains("  ") {
                    errors.push(err(i + 1, format!("{w:?} in {}: words are lower case, single-spaced", list.name())));
                    continue;
                }
                set.insert(w.to_string());
            }
            cues.lists.insert(list, set);
        }
        for l in List::ALL {
            if !seen.contains_key(l) {
                errors.push(err(0, format!("list {:?} is missing", l.name())));
            }
        }
        (cues, errors)
    }
}

/// The shipped lists, for rules.
pub fn get() -> &'static Cues {
    Cues::embedded()
}

/// Whether `word` is in `list` of the shipped cues.
pub fn has(list: List, word: &str) -> bool {
    get().has(list, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_cues_load_cleanly() {
        let (c, errs) = Cues::parse(EMBEDDED, "cues.tsv");
        assert!(errs.is_empty(), "{errs:?}");
        assert!(c.has(List::Report, "say") && c.has(List::Report, "Say"));
        assert!(!c.has(List::Report, "release"));
    }

    #[test]
    fn bad_lines_are_reported() {
        let (c, errs) = Cues::parse("report\tsay|Tell\nbogus\tx\nreport\tadd\nlight_verb hold\n", "c.tsv");
        let lines: Vec<usize> = errs.iter().filter(|e| e.line > 0).map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 3, 4], "{errs:?}");
        assert!(errs.iter().any(|e| e.message.contains("\"propose\" is missing")));
        assert!(c.has(List::Report, "say") && !c.has(List::Report, "add"));
    }
}

//! The agent dictionary: common nouns that name a role rather than an actor
//! ("soldiers", "prime minister", "intelligence personnel"), mapped to CAMEO
//! role codes (`MIL`, `GOV`, `SPY`). The coder joins a role to the actor it
//! modifies: "Israeli soldiers" is `ISR` + `MIL`.
//!
//! One role per line, `code<TAB>form|form|...`, each form a lower-case lemma
//! phrase. Roles are matched on lemmas so that one entry covers singular and
//! plural ("soldiers" → "soldier"); the format is documented in
//! `dictionaries/README.md`.

use std::collections::HashMap;
use std::sync::OnceLock;

pub use super::actors::DictError;

const EMBEDDED: &str = include_str!("../../dictionaries/agents.tsv");

#[derive(Debug, Clone)]
struct AgentForm {
    /// The form's words in lower case.
    words: Vec<String>,
    /// Whether the form wrote the word with a capital, which the text's
    /// word must then have ("House" is the legislature, "house" a home).
    capital: Vec<bool>,
    code: usize,
}

/// The loaded agent dictionary with an index from first word to forms.
#[derive(Debug, Default)]
pub struct AgentDict {
    codes: Vec<String>,
    forms: Vec<AgentForm>,
    /// First word → forms starting with it, longest first.
    index: HashMap<String, Vec<usize>>,
}

impl AgentDict {
    /// The dictionary shipped with annals, parsed once.
    pub fn embedded() -> &'static AgentDict {
        static D: OnceLock<AgentDict> = OnceLock::new();
        D.get_or_init(|| AgentDict::parse(EMBEDDED, "agents.tsv").0)
    }

    /// The shipped file's text.
    pub fn embedded_text() -> &'static str {
        EMBEDDED
    }

    /// Parses a dictionary; malformed lines and forms already claimed by
    /// another role are reported and skipped, the rest loads.
    pub fn parse(text: &str, name: &str) -> (AgentDict, Vec<DictError>) {
        let mut dict = AgentDict::default();
        let mut errors = Vec::new();
        let err = |line: usize, message: String| DictError { file: name.to_string(), line, message };
        let mut code_line: HashMap<String, usize> = HashMap::new();
        let mut form_code: HashMap<String, usize> = HashMap::new();

        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let raw = raw.trim_end_matches('\r');
            if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = raw.split('\t').collect();
            if cols.len() != 2 {
                errors.push(err(line, format!("expected 2 tab-separated columns (code, forms), found {}", cols.len())));
                continue;
            }
            let code = cols[0].trim();
            if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                errors.push(err(line, format!("bad role code '{code}' (expected 3 upper-case letters)")));
                continue;
            }
            if let Some(first) = code_line.get(code) {
                errors.push(err(line, format!("role {code} already defined at line {first}")));
                continue;
            }
            code_line.insert(code.to_string(), line);
            let id = dict.codes.len();
            dict.codes.push(code.to_string());
            for form in cols[1].split('|') {
                let words: Vec<String> = form.split_whitespace().map(str::to_string).collect();
                if words.is_empty() {
                    errors.push(err(line, "empty form (two '|' in a row, or a trailing '|')".to_string()));
                    continue;
                }
                // A word is lower case, or capitalised to ask for a capital.
                let shape_ok = |w: &String| {
                    let mut cs = w.chars();
                    cs.next().is_some() && cs.all(|c| !c.is_uppercase())
                };
                if !words.iter().all(shape_ok) {
                    errors.push(err(
                        line,
                        format!(
                            "form '{}' must be lower case, a word at most capitalised (forms are lemmas)",
                            form.trim()
                        ),
                    ));
                    continue;
                }
                let capital: Vec<bool> = words.iter().map(|w| w.starts_with(char::is_uppercase)).collect();
                let words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                let key = words.join(" ");
                match form_code.get(&key) {
                    Some(&c) if c == id => errors.push(err(line, format!("form '{key}' is listed twice"))),
                    Some(&c) => errors.push(err(line, format!("form '{key}' already belongs to {}", dict.codes[c]))),
                    None => {
                        form_code.insert(key, id);
                        dict.forms.push(AgentForm { words, capital, code: id });
                    }
                }
            }
        }
        for (id, form) in dict.forms.iter().enumerate() {
            dict.index.entry(form.words[0].clone()).or_default().push(id);
        }
        let forms = &dict.forms;
        for ids in dict.index.values_mut() {
            ids.sort_by_key(|&id| std::cmp::Reverse(forms[id].words.len()));
        }
        (dict, errors)
    }

    /// The role codes in file order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.codes.iter().map(String::as_str)
    }

    /// The forms of one role, as written.
    pub fn forms_of(&self, code: &str) -> Vec<String> {
        self.forms.iter().filter(|f| self.codes[f.code] == code).map(|f| f.words.join(" ")).collect()
    }

    /// The number of forms loaded.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// The longest role phrase starting at `start`, over lemmas (compared in
    /// lower case): returns the exclusive end and the role code.
    pub fn match_agent(&self, lemmas: &[&str], start: usize) -> Option<(usize, &str)> {
        let first = lemmas.get(start)?.to_lowercase();
        self.longest(start, lemmas.len(), &[first], |i, w| lemmas[i].to_lowercase() == w, |i| capitalised(lemmas[i]))
    }

    /// Like [`match_agent`](Self::match_agent), but a word matches through
    /// either its lemma or its surface form, so a lemmatiser slip ("troops"
    /// kept as is, "armed" read as the verb "arm") does not lose the role.
    /// `words` and `lemmas` must be parallel.
    pub fn match_agent_tokens(&self, words: &[&str], lemmas: &[&str], start: usize) -> Option<(usize, &str)> {
        let n = words.len().min(lemmas.len());
        if start >= n {
            return None;
        }
        let firsts = [lemmas[start].to_lowercase(), words[start].to_lowercase()];
        self.longest(
            start,
            n,
            &firsts,
            |i, w| lemmas[i].to_lowercase() == w || words[i].to_lowercase() == w,
            |i| capitalised(words[i]),
        )
    }

    fn longest(
        &self,
        start: usize,
        n: usize,
        firsts: &[String],
        eq: impl Fn(usize, &str) -> bool,
        capital: impl Fn(usize) -> bool,
    ) -> Option<(usize, &str)> {
        let mut best: Option<(usize, usize)> = None; // (length, code)
        for (k, first) in firsts.iter().enumerate() {
            if firsts[..k].contains(first) {
                continue;
            }
            for &id in self.index.get(first).map_or(&[][..], Vec::as_slice) {
                let form = &self.forms[id];
                let len = form.words.len();
                if start + len > n || best.is_some_and(|(l, _)| l >= len) {
                    continue;
                }
                let capitals = form.capital.iter().enumerate().all(|(j, &c)| !c || capital(start + j));
                if capitals && form.words.iter().enumerate().skip(1).all(|(j, w)| eq(start + j, w)) {
                    best = Some((len, form.code));
                }
            }
        }
        best.map(|(len, code)| (start + len, self.codes[code].as_str()))
    }
}

fn capitalised(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capitalised_form_needs_a_capital() {
        let (d, errors) = AgentDict::parse("LEG\tHouse|senate\nGOV\tHOUSE", "t.tsv");
        assert_eq!(errors.len(), 1, "all capitals is no lemma: {errors:?}");
        assert_eq!(d.match_agent(&["the", "House"], 1), Some((2, "LEG")));
        assert_eq!(d.match_agent(&["a", "house"], 1), None);
        assert_eq!(d.match_agent_tokens(&["The", "Senate"], &["the", "senate"], 1), Some((2, "LEG")));
        assert_eq!(d.match_agent_tokens(&["the", "House"], &["the", "house"], 1), Some((2, "LEG")));
        assert_eq!(d.match_agent_tokens(&["a", "house"], &["a", "house"], 1), None);
    }

    #[test]
    fn shipped_file_has_no_errors() {
        let (d, errors) = AgentDict::parse(EMBEDDED, "agents.tsv");
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{}", shown.join("\n"));
        assert!(d.len() > 300, "{} forms", d.len());
        for code in ["GOV", "MIL", "SPY", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "MED", "BUS", "REF", "UAF"] {
            assert!(d.codes().any(|c| c == code), "{code}");
        }
    }

    #[test]
    fn roles_match_on_lemmas() {
        let d = AgentDict::embedded();
        assert_eq!(d.match_agent(&["intelligence", "personnel"], 0), Some((2, "SPY")));
        assert_eq!(d.match_agent(&["Israeli", "soldier"], 1), Some((2, "MIL")));
        assert_eq!(d.match_agent(&["the", "prime", "minister", "said"], 1), Some((3, "GOV")));
        assert_eq!(d.match_agent(&["minister"], 0), Some((1, "GOV")));
        assert_eq!(d.match_agent(&["security", "force"], 0), Some((2, "COP")));
        assert_eq!(d.match_agent(&["force"], 0), Some((1, "MIL")));
        assert_eq!(d.match_agent(&["detainee"], 0), Some((1, "CVL")));
        assert_eq!(d.match_agent(&["Prime", "Minister"], 0), Some((2, "GOV")));
        assert_eq!(d.match_agent(&["prime"], 0), None);
        assert_eq!(d.match_agent(&["said"], 0), None);
        assert_eq!(d.match_agent(&["soldier"], 1), None);
    }

    #[test]
    fn surface_forms_cover_lemmatiser_slips() {
        let d = AgentDict::embedded();
        // "armed" tagged as a verb gets the lemma "arm".
        assert_eq!(d.match_agent(&["arm", "man"], 0), None);
        assert_eq!(d.match_agent_tokens(&["armed", "men"], &["arm", "man"], 0), Some((2, "UAF")));
        assert_eq!(d.match_agent_tokens(&["Troops"], &["Troops"], 0), Some((1, "MIL")));
    }

    #[test]
    fn malformed_lines_are_reported_and_skipped() {
        let text = "# roles\nMIL\tsoldier|army\nGOV\tminister|ARMY\nxx\tfoo\nCOP\tpolice|soldier\nMIL\ttank\nREB\n";
        let (d, errors) = AgentDict::parse(text, "agents.tsv");
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "agents.tsv:3: form 'ARMY' must be lower case, a word at most capitalised (forms are lemmas)",
                "agents.tsv:4: bad role code 'xx' (expected 3 upper-case letters)",
                "agents.tsv:5: form 'soldier' already belongs to MIL",
                "agents.tsv:6: role MIL already defined at line 2",
                "agents.tsv:7: expected 2 tab-separated columns (code, forms), found 1",
            ]
        );
        assert_eq!(d.match_agent(&["police"], 0), Some((1, "COP")));
        assert_eq!(d.match_agent(&["minister"], 0), Some((1, "GOV")));
    }
}

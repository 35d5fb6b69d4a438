//! PETRARCH agent files: `PHRASE {PLURALS} [~CODE]` lines. `~GOV` appends
//! the role to the actor's code, `NGO~` puts it in front (annals composes
//! both as the role: see the README); `{...}` lists irregular plurals
//! (`{}`: none); `!NAME! = A, B, C` defines a substitution that a phrase
//! uses as `CONGRESS!PERSON!` (congressman, congresswoman, ...).
//!
//! Agents are matched against the text's lemmas, with plurals folded
//! (`troops` = `troop`), so the regular plurals PETRARCH builds are found too.

use super::{phrase_words, PetrError};
use std::collections::HashMap;

/// A loaded agent file.
#[derive(Debug, Default)]
pub struct Agents {
    /// First word (singular) → (words, code, whether the code goes before
    /// the actor's, `NGO~`), longest first.
    by_first: HashMap<String, Vec<(Vec<String>, String, bool)>>,
    len: usize,
}

/// A noun's singular by the regular English rules: "ministries" →
/// "ministry", "troops" → "troop", "press" stays.
pub fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{s}y");
    }
    for suf in ["ches", "shes", "sses", "xes"] {
        if let Some(s) = w.strip_suffix(suf) {
            return format!("{s}{}", &suf[..suf.len() - 2]);
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    if let Some(s) = w.strip_suffix("men") {
        return format!("{s}man");
    }
    w.to_string()
}

/// Expands `!NAME!` substitutions in a phrase.
fn expand(phrase: &str, subs: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(a) = phrase.find('!') else { return Ok(vec![phrase.to_string()]) };
    let b = phrase[a + 1..].find('!').map(|b| a + 1 + b).ok_or_else(|| format!("unclosed ! in {phrase:?}"))?;
    let key = &phrase[a + 1..b];
    let alts = subs.get(key).ok_or_else(|| format!("!{key}! is not defined"))?;
    let mut out = Vec::new();
    for alt in alts {
        out.extend(expand(&format!("{}{alt}{}", &phrase[..a], &phrase[b + 1..]), subs)?);
    }
    Ok(out)
}

impl Agents {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Parses an agent file; bad lines are added to `errors` and skipped.
    pub fn parse(text: &str, name: &str, errors: &mut Vec<PetrError>) -> Agents {
        let mut out = Agents::default();
        let mut subs: HashMap<String, Vec<String>> = HashMap::new();
        for (n, raw) in super::clean_lines(text) {
            let line = raw.trim();
            if line.starts_with('!') {
                if let Some((k, v)) = line.split_once('=') {
                    let k = k.trim().trim_matches('!').to_string();
                    subs.insert(k, v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect());
                    continue;
                }
            }
            let (Some(open), true) = (line.find('['), line.ends_with(']')) else {
                errors.push(PetrError::new(name, n, format!("{line:?} has no [~CODE]")));
                continue;
            };
            let code = line[open + 1..line.len() - 1].trim();
            let prefix = code.ends_with('~') && !code.starts_with('~');
            if !code.contains('~') || code.len() < 2 {
                errors.push(PetrError::new(name, n, format!("agent code {code:?} has no ~")));
                continue;
            }
            let code = code.replace('~', "").trim().to_uppercase();
            if !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
                errors.push(PetrError::new(name, n, format!("agent code {code:?} is not letters")));
                continue;
            }
            let head = &line[..open];
            let (phrase, plurals) = match head.find('{') {
                Some(p) => {
                    let Some(q) = head.find('}') else {
                        errors.push(PetrError::new(name, n, "unclosed {"));
                        continue;
                    };
                    (&head[..p], head[p + 1..q].split_whitespace().collect::<Vec<_>>())
                }
                None => (head, Vec::new()),
            };
            let phrase = phrase.trim();
            if phrase.is_empty() {
                errors.push(PetrError::new(name, n, "no agent phrase"));
                continue;
            }
            let forms = match expand(phrase, &subs) {
                Ok(f) => f,
                Err(m) => {
                    errors.push(PetrError::new(name, n, m));
                    continue;
                }
            };
            for f in forms.iter().map(String::as_str).chain(plurals.iter().copied()) {
                let words: Vec<String> = phrase_words(f).into_iter().map(|(w, _)| singular(&w)).collect();
                let Some(first) = words.first().cloned() else { continue };
                out.by_first.entry(first).or_default().push((words, code.clone(), prefix));
            }
            out.len += 1;
        }
        for v in out.by_first.values_mut() {
            v.sort_by_key(|(w, ..)| std::cmp::Reverse(w.len()));
        }
        out
    }

    /// The longest agent phrase at `lemmas[start]`: `(end, code)`.
    pub fn find(&self, lemmas: &[&str], start: usize) -> Option<(usize, &str)> {
        self.find_placed(lemmas, start).map(|(e, c, _)| (e, c))
    }

    /// The longest agent phrase at `lemmas[start]`: `(end, code, whether
    /// the code goes before the actor's)`.
    pub fn find_placed(&self, lemmas: &[&str], start: usize) -> Option<(usize, &str, bool)> {
        let words: Vec<String> = lemmas[start..].iter().take(8).map(|w| singular(&w.to_lowercase())).collect();
        let list = self.by_first.get(words.first()?)?;
        list.iter()
            .find(|(p, ..)| p.len() <= words.len() && p.iter().zip(&words).all(|(a, b)| a == b))
            .map(|(p, c, pre)| (start + p.len(), c.as_str(), *pre))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_with_plurals_substitutions_and_errors() {
        let text = "!PERSON! = MAN, MEN, WOMAN\nPRIME_MINISTER [~GOV] # x\nTROOPS {}  [~MIL]\n\
                    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nCONGRESS!PERSON! [~LEG]\nMSF {} [NGO~]\n\
                    BROKEN\nODD [GOV]\n!NOPE!_X [~GOV]\n";
        let mut errs = Vec::new();
        let a = Agents::parse(text, "a.txt", &mut errs);
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), [7, 8, 9], "{errs:?}");
        assert_eq!(a.find(&["prime", "minister", "x"], 0), Some((2, "GOV")));
        assert_eq!(a.find(&["troop"], 0), Some((1, "MIL")));
        assert_eq!(a.find(&["attorneys", "general"], 0), Some((2, "GOV")));
        assert_eq!(a.find(&["congresswoman"], 0), Some((1, "LEG")));
        assert_eq!(a.find(&["msf"], 0), Some((1, "NGO")));
        assert_eq!(a.find_placed(&["msf"], 0), Some((1, "NGO", true)), "NGO~ goes before the actor");
        assert_eq!(a.find_placed(&["troop"], 0), Some((1, "MIL", false)));
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("ministries"), "ministry");
        assert_eq!(singular("troops"), "troop");
        assert_eq!(singular("press"), "press");
        assert_eq!(singular("congressmen"), "congressman");
    }
}

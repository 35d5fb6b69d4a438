//! The evaluation lexicon (`dictionaries/evaluations.tsv`): words and
//! phrases that make a statement an accusation, a criticism or praise.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What a statement does to the one it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Evaluation {
    /// Accuses of a wrong (CAMEO 112).
    Blame,
    /// Criticises, disapproves (CAMEO 111).
    Negative,
    /// Praises, supports, endorses (CAMEO 051).
    Positive,
}

impl Evaluation {
    /// The CAMEO code a speaker's evaluation is coded as.
    pub fn cameo(self) -> &'static str {
        match self {
            Evaluation::Blame => "112",
            Evaluation::Negative => "111",
            Evaluation::Positive => "051",
        }
    }
}

/// A problem in the evaluation file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct EvaluationError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Phrases by their first word.
#[derive(Debug, Default)]
pub struct Evaluations {
    by_first: HashMap<String, Vec<(Vec<String>, Evaluation)>>,
}

const EMBEDDED: &str = include_str!("../../dictionaries/evaluations.tsv");

impl Evaluations {
    pub fn embedded() -> &'static Evaluations {
        static E: OnceLock<Evaluations> = OnceLock::new();
        E.get_or_init(|| Evaluations::parse(EMBEDDED, "evaluations.tsv").0)
    }

    pub fn embedded_text() -> &'static str {
        EMBEDDED
    }

    /// Parses the file; bad lines are reported and skipped.
    pub fn parse(text: &str, name: &str) -> (Evaluations, Vec<EvaluationError>) {
        let mut e = Evaluations::default();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |message: String| EvaluationError { file: name.to_string(), line: i + 1, message };
            let Some((kind, phrases)) = line.split_once('\t') else {
                errors.push(err("expected a kind and phrases separated by a tab".into()));
                continue;
            };
            let kind = match kind.trim() {
                "blame" => Evaluation::Blame,
                "negative" => Evaluation::Negative,
                "positive" => Evaluation::Positive,
                k => {
                    errors.push(err(format!("unknown kind {k:?} (blame, negative or positive)")));
                    continue;
                }
            };
            for p in phrases.split('|').map(str::trim) {
                if p.is_empty() || p != p.to_lowercase() {
                    errors.push(err(format!("{p:?}: phrases are lower case")));
                    continue;
                }
                let words: Vec<String> = p.split(' ').map(String::from).collect();
                e.by_first.entry(words[0].clone()).or_default().push((words, kind));
            }
        }
        for list in e.by_first.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        (e, errors)
    }

    /// The longest phrase starting at `words[k]` (lemmas or forms, lower
    /// case): its length and kind.
    pub fn at(&self, words: &[&str], k: usize) -> Option<(usize, Evaluation)> {
        let list = self.by_first.get(words.get(k)?.to_owned())?;
        list.iter()
            .find(|(w, _)| k + w.len() <= words.len() && w.iter().zip(&words[k..]).all(|(a, b)| a == b))
            .map(|(w, kind)| (w.len(), *kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_loads_and_longest_phrases_win() {
        let (e, errs) = Evaluations::parse(EMBEDDED, "evaluations.tsv");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(e.at(&["break", "the", "law"], 0), Some((3, Evaluation::Blame)));
        assert_eq!(e.at(&["a", "mistake"], 1), Some((1, Evaluation::Negative)));
        assert_eq!(e.at(&["the", "weather"], 1), None);
        let (_, errs) = Evaluations::parse("praise\tgood\nnegative\tBad\n", "x.tsv");
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 2]);
    }
}

//! PETRARCH discard lists: one phrase a line; a sentence holding one is
//! not coded, and with a leading `+` the whole story is not.

use super::{phrase_words, PetrError};

#[derive(Debug, Default)]
pub struct Discards {
    sentence: Vec<Vec<String>>,
    story: Vec<Vec<String>>,
}

/// The text's words, lower case, split at anything but letters, digits,
/// `'` and `-`.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn holds(text: &str, phrases: &[Vec<String>]) -> bool {
    if phrases.is_empty() {
        return false;
    }
    let w = words(text);
    phrases.iter().any(|p| !p.is_empty() && w.windows(p.len()).any(|win| win == p.as_slice()))
}

impl Discards {
    pub fn len(&self) -> usize {
        self.sentence.len() + self.story.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn parse(text: &str, name: &str, errors: &mut Vec<PetrError>) -> Discards {
        let mut d = Discards::default();
        for (n, raw) in super::clean_lines(text) {
            let line = raw.trim();
            let (story, phrase) = match line.strip_prefix('+') {
                Some(p) => (true, p.trim()),
                None => (false, line),
            };
            let w: Vec<String> = phrase_words(phrase).into_iter().map(|(w, _)| w).collect();
            if w.is_empty() || phrase.contains('[') {
                errors.push(PetrError::new(name, n, format!("{line:?} is no discard phrase")));
                continue;
            }
            if story {
                d.story.push(w);
            } else {
                d.sentence.push(w);
            }
        }
        d
    }

    /// Whether a sentence is discarded.
    pub fn sentence(&self, text: &str) -> bool {
        holds(text, &self.sentence)
    }

    /// Whether a whole story is discarded.
    pub fn story(&self, text: &str) -> bool {
        holds(text, &self.story)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_and_story_discards() {
        let mut errs = Vec::new();
        let d = Discards::parse("MONTHS LATER\n+Manchester United  # c\nBASEBALL\n+\n[X]\n", "d.txt", &mut errs);
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), [4, 5]);
        assert!(d.sentence("Two months later, it ended."));
        assert!(!d.sentence("Months passed."));
        assert!(d.story("He joined Manchester United."));
        assert!(!d.story("Baseball."));
    }
}

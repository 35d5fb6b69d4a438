//! Scores tokenisation and sentence splitting against a CoNLL-U treebank, as
//! the CoNLL 2018 shared task does: rebuild the raw text from the treebank,
//! run [`crate::tokenize`] on it, and compare spans.
//!
//! The raw text is rebuilt from the token forms: a space after each token
//! unless its MISC says `SpaceAfter=No`, a blank line before each new
//! paragraph or document (`# newpar`, `# newdoc`). Rebuilding from the forms
//! rather than joining the `# text` comments guarantees that every gold
//! token sits at a known byte range. A multiword-token line (`3-4 don't`) is
//! one surface token; its words (`do`, `n't`) are scored separately as
//! "words". Empty nodes (`8.1`) are ignored.
//!
//! A token, word or sentence counts as correct when the system produces
//! exactly the same byte range.

use std::path::Path;

use serde::Serialize;

use crate::tokenize::{segment, segment_surface, RawSentence};

/// Why a gold file could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum TokEvalError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Malformed { path: String, line: usize, message: String },
}

/// Precision, recall and F1 with the counts they come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub gold: usize,
    pub system: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(gold: usize, system: usize, correct: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, system);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { gold, system, correct, precision, recall, f1 }
    }
}

/// Scores for surface tokens, syntactic words and sentences.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TokenizationScores {
    pub tokens: Prf,
    pub words: Prf,
    pub sentences: Prf,
}

/// A byte range in [`GoldText::text`].
pub type Span = (usize, usize);

/// The raw text rebuilt from a treebank, with the gold segmentation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoldText {
    pub text: String,
    /// Surface tokens (a multiword token counts once).
    pub tokens: Vec<Span>,
    /// Syntactic words; a multiword token's words get their substrings when
    /// they spell the token, or else all share the token's span.
    pub words: Vec<Span>,
    pub sentences: Vec<Span>,
}

/// One token line's surface form, its SpaceAfter and its words' forms.
struct GoldToken {
    form: String,
    space_after: bool,
    words: Vec<String>,
}

/// Reads CoNLL-U text; `name` is used in error messages.
pub fn read_gold(conllu: &str, name: &str) -> Result<GoldText, TokEvalError> {
    let mut gold = GoldText::default();
    let mut sentence: Vec<GoldToken> = Vec::new();
    let mut new_paragraph = false;
    // Word ids: the next expected one, and the last word of an open
    // multiword token.
    let mut next_id = 1usize;
    let mut mwt_end = 0usize;
    let bad = |line: usize, message: String| TokEvalError::Malformed { path: name.to_string(), line, message };
    let mut lines = conllu.lines().enumerate().peekable();
    while let Some((index, raw)) = lines.next() {
        let line_no = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.starts_with('#') {
            if line.starts_with("# newpar") || line.starts_with("# newdoc") {
                new_paragraph = true;
            }
        } else if !line.trim().is_empty() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(bad(line_no, format!("expected 10 tab-separated columns, found {}", cols.len())));
            }
            let (id, form, misc) = (cols[0], cols[1], cols[9]);
            let space_after = !misc.split('|').any(|f| f == "SpaceAfter=No");
            let number = |s: &str| s.parse::<usize>().map_err(|_| bad(line_no, format!("bad token id {id:?}")));
            if id.contains('.') {
                continue; // empty node
            }
            if let Some((a, b)) = id.split_once('-') {
                let (a, b) = (number(a)?, number(b)?);
                if a != next_id || b <= a {
                    return Err(bad(line_no, format!("unexpected range {id}")));
                }
                mwt_end = b;
                sentence.push(GoldToken { form: form.to_string(), space_after, words: Vec::new() });
                continue;
            }
            if number(id)? != next_id {
                return Err(bad(line_no, format!("expected word {next_id}, found {id}")));
            }
            next_id += 1;
            if next_id - 1 <= mwt_end {
                if let Some(t) = sentence.last_mut() {
                    t.words.push(form.to_string());
                }
            } else {
                sentence.push(GoldToken { form: form.to_string(), space_after, words: vec![form.to_string()] });
            }
        }
        let at_end = lines.peek().is_none();
        if (line.trim().is_empty() || at_end) && !sentence.is_empty() {
            if mwt_end >= next_id {
                return Err(bad(line_no, "multiword token without all its words".into()));
            }
            add_sentence(&mut gold, &sentence, new_paragraph);
            sentence.clear();
            new_paragraph = false;
            next_id = 1;
            mwt_end = 0;
        }
    }
    let kept = gold.text.trim_end_matches(' ').len();
    gold.text.truncate(kept);
    Ok(gold)
}

fn add_sentence(gold: &mut GoldText, sentence: &[GoldToken], new_paragraph: bool) {
    // Within a paragraph the previous token's SpaceAfter already separates
    // the sentences (or, with SpaceAfter=No, nothing does).
    if new_paragraph && !gold.text.is_empty() {
        let kept = gold.text.trim_end_matches(' ').len();
        gold.text.truncate(kept);
        gold.text.push_str("\n\n");
    }
    let start = gold.text.len();
    for t in sentence {
        let s = gold.text.len();
        gold.text.push_str(&t.form);
        let e = gold.text.len();
        gold.tokens.push((s, e));
        if t.words.concat() == t.form {
            let mut at = s;
            for w in &t.words {
                gold.words.push((at, at + w.len()));
                at += w.len();
            }
        } else {
            gold.words.extend(t.words.iter().map(|_| (s, e)));
        }
        if t.space_after {
            gold.text.push(' ');
        }
    }
    let end = gold.tokens.last().map_or(start, |t| t.1);
    gold.sentences.push((start, end));
}

/// Reads and scores a CoNLL-U file.
pub fn score_file(path: impl AsRef<Path>) -> Result<TokenizationScores, TokEvalError> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| TokEvalError::Io { path: name.clone(), source })?;
    Ok(score(&read_gold(&text, &name)?))
}

/// Scores CoNLL-U text held in memory.
pub fn score_str(conllu: &str) -> Result<TokenizationScores, TokEvalError> {
    Ok(score(&read_gold(conllu, "<input>")?))
}

/// Segments the gold raw text and compares.
pub fn score(gold: &GoldText) -> TokenizationScores {
    let surface = segment_surface(&gold.text);
    let words = segment(&gold.text);
    let (tokens, sentences) = spans(&surface);
    let (words, _) = spans(&words);
    TokenizationScores {
        tokens: compare(&gold.tokens, &tokens),
        words: compare(&gold.words, &words),
        sentences: compare(&gold.sentences, &sentences),
    }
}

fn spans(sentences: &[RawSentence]) -> (Vec<Span>, Vec<Span>) {
    let tokens = sentences.iter().flat_map(|s| s.tokens.iter().map(|t| (t.start, t.end))).collect();
    let sents = sentences.iter().map(|s| (s.start, s.end)).collect();
    (tokens, sents)
}

/// Counts spans present in both lists (each a multiset).
fn compare(gold: &[Span], system: &[Span]) -> Prf {
    let mut g = gold.to_vec();
    let mut s = system.to_vec();
    g.sort_unstable();
    s.sort_unstable();
    let (mut i, mut j, mut correct) = (0, 0, 0);
    while i < g.len() && j < s.len() {
        match g[i].cmp(&s[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                correct += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Prf::new(g.len(), s.len(), correct)
}

/// Lists up to `max` surface-token and sentence errors in context, for
/// error analysis: `-` marks a gold span the system missed, `+` a system
/// span that is not gold.
pub fn errors(gold: &GoldText, max: usize) -> Vec<String> {
    let surface = segment_surface(&gold.text);
    let (tokens, sentences) = spans(&surface);
    let mut out = Vec::new();
    for (what, g, s) in [("token", &gold.tokens, &tokens), ("sentence", &gold.sentences, &sentences)] {
        let gs: std::collections::HashSet<&Span> = g.iter().collect();
        let ss: std::collections::HashSet<&Span> = s.iter().collect();
        let mut diffs: Vec<(Span, char)> = g
            .iter()
            .filter(|x| !ss.contains(x))
            .map(|&x| (x, '-'))
            .chain(s.iter().filter(|x| !gs.contains(x)).map(|&x| (x, '+')))
            .collect();
        diffs.sort_unstable();
        for ((a, b), sign) in diffs.into_iter().take(max) {
            let text = &gold.text;
            let from = floor_char(text, a.saturating_sub(30));
            let to = floor_char(text, (b + 30).min(text.len()));
            let shown = if what == "token" {
                text[a..b].to_string()
            } else {
                format!("{} … {}", head(&text[a..b], 30), tail(&text[a..b], 30))
            };
            out.push(format!("{sign}{what} {shown:?} in {:?}", text[from..to].replace('\n', "¶")));
        }
    }
    out
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn head(s: &str, n: usize) -> &str {
    &s[..floor_char(s, n.min(s.len()))]
}

fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n\
# newpar\n\
# text = They don't know.\n\
1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\
\n\
# text = Rain fell.\n\
1\tRain\train\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n\
1.1\tfell\tfall\tVERB\tVBD\t_\t_\t_\t0:root\t_\n\
2\tfell\tfall\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\
\n\
# newpar\n\
# text = Go\n\
1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\
\n";

    #[test]
    fn rebuilds_text_and_spans() {
        let gold = read_gold(SAMPLE, "sample").unwrap();
        assert_eq!(gold.text, "They don't know. Rain fell.\n\nGo");
        let t = |(a, b): Span| &gold.text[a..b];
        let tokens: Vec<&str> = gold.tokens.iter().map(|&s| t(s)).collect();
        assert_eq!(tokens, ["They", "don't", "know", ".", "Rain", "fell", ".", "Go"]);
        let words: Vec<&str> = gold.words.iter().map(|&s| t(s)).collect();
        assert_eq!(words[1..3], ["do", "n't"]);
        let sents: Vec<&str> = gold.sentences.iter().map(|&s| t(s)).collect();
        assert_eq!(sents, ["They don't know.", "Rain fell.", "Go"]);
    }

    #[test]
    fn scores_perfect_sample() {
        let s = score_str(SAMPLE).unwrap();
        assert_eq!((s.tokens.gold, s.tokens.correct), (8, 8));
        assert_eq!((s.words.gold, s.words.correct), (9, 9));
        assert_eq!(s.sentences.f1, 1.0);
    }

    #[test]
    fn malformed_input_is_an_error() {
        let err = score_str("1\tonly\tthree\n").unwrap_err();
        assert!(err.to_string().contains(":1:"), "{err}");
        let err = score_str("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n").unwrap_err();
        assert!(err.to_string().contains(":2:"), "{err}");
        let err = score_str("x\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(matches!(err, TokEvalError::Malformed { line: 1, .. }));
        assert!(matches!(score_file("/nonexistent/gold.conllu"), Err(TokEvalError::Io { .. })));
    }

    #[test]
    fn prf_arithmetic() {
        let p = Prf::new(4, 5, 3);
        assert!((p.precision - 0.6).abs() < 1e-9);
        assert!((p.recall - 0.75).abs() < 1e-9);
        assert!((p.f1 - 2.0 * 0.6 * 0.75 / 1.35).abs() < 1e-9);
        assert_eq!(Prf::new(0, 0, 0).f1, 0.0);
    }
}

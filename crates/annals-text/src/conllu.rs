//! Reading and writing CoNLL-U, the Universal Dependencies file format.
//!
//! The reader keeps what training and scoring need (word lines, the
//! sentence's `# text`, `SpaceAfter=No`) and reports malformed lines with
//! their line number instead of failing somewhere downstream.

use std::fmt::Write as _;
use std::path::Path;

/// One word of a treebank sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 1-based head index, 0 for the root.
    pub head: usize,
    pub deprel: String,
    pub misc: String,
}

/// One treebank sentence: its words (multiword-token lines and empty nodes
/// are skipped) and its comments.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TreeSentence {
    pub id: Option<String>,
    pub text: Option<String>,
    pub words: Vec<Word>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}:{line}: {msg}")]
    Malformed { path: String, line: usize, msg: String },
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &Path) -> Result<Vec<TreeSentence>, ConlluError> {
    let bytes = std::fs::read(path).map_err(|source| ConlluError::Io { path: path.display().to_string(), source })?;
    parse(&String::from_utf8_lossy(&bytes), &path.display().to_string())
}

/// Parses CoNLL-U text; `name` is used in error messages.
pub fn parse(text: &str, name: &str) -> Result<Vec<TreeSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = TreeSentence::default();
    let malformed = |line: usize, msg: String| ConlluError::Malformed { path: name.to_string(), line, msg };
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("sent_id =") {
                cur.id = Some(v.trim().to_string());
            } else if let Some(v) = c.strip_prefix("text =") {
                cur.text = Some(v.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(malformed(lineno, format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let id: usize = cols[0].parse().map_err(|_| malformed(lineno, format!("bad word id {:?}", cols[0])))?;
        if id != cur.words.len() + 1 {
            return Err(malformed(lineno, format!("word id {id} out of sequence")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| malformed(lineno, format!("bad head {:?}", cols[6])))?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &out {
        if s.words.iter().any(|w| w.head > s.words.len()) {
            return Err(malformed(0, format!("sentence {:?} has a head out of range", s.id)));
        }
    }
    Ok(out)
}

/// Writes an annotated document as CoNLL-U, one sentence at a time into
/// `emit` so that a large document never sits in memory twice.
pub fn write_doc(doc: &crate::Doc, mut emit: impl FnMut(&str) -> std::io::Result<()>) -> std::io::Result<()> {
    write_batch(doc, 0, 0, &mut emit)
}

/// Like [`write_doc`] for one batch of a longer text: `base` is added to
/// every offset and sentence ids continue from `first_id`.
pub fn write_batch(
    doc: &crate::Doc,
    base: usize,
    first_id: usize,
    mut emit: impl FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let ner = crate::ner::token_tags(doc);
    let mut buf = String::new();
    for i in 0..doc.sentences.len() {
        buf.clear();
        let id = (first_id + i + 1).to_string();
        write_sentence(doc, i, &id, None, base, &ner, &mut buf);
        emit(&buf)?;
    }
    Ok(())
}

/// Writes a document annotated from treebank sentences
/// ([`crate::Pipeline::annotate_tokenized`]), keeping each input sentence's
/// `# sent_id` and `# text` comments, as treebank tools expect; a sentence
/// without them is numbered by position and given the text of its tokens.
pub fn write_tokenized(
    doc: &crate::Doc,
    input: &[TreeSentence],
    mut emit: impl FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let ner = crate::ner::token_tags(doc);
    let mut buf = String::new();
    for i in 0..doc.sentences.len() {
        buf.clear();
        let given = input.get(i);
        let id = given.and_then(|s| s.id.clone()).unwrap_or_else(|| (i + 1).to_string());
        let text = given.and_then(|s| s.text.as_deref());
        write_sentence(doc, i, &id, text, 0, &ner, &mut buf);
        emit(&buf)?;
    }
    Ok(())
}

/// Writes one sentence of an annotated document as CoNLL-U with the given
/// `sent_id` and `text` (by default the sentence's text in the document);
/// `ner` holds the document's entity tags ([`crate::ner::token_tags`]).
pub fn write_sentence(
    doc: &crate::Doc,
    index: usize,
    id: &str,
    text: Option<&str>,
    base: usize,
    ner: &[Option<String>],
    out: &mut String,
) {
    let s = &doc.sentences[index];
    let _ = writeln!(out, "# sent_id = {id}");
    let text = text.unwrap_or_else(|| doc.text.get(s.start..s.end).unwrap_or(""));
    let _ = writeln!(out, "# text = {}", text.replace(['\n', '\r'], " "));
    for (k, t) in doc.tokens[s.tokens.clone()].iter().enumerate() {
        let i = s.tokens.start + k;
        let head = match t.head {
            Some(h) => h - s.tokens.start + 1,
            None => 0,
        };
        let mut misc = Vec::new();
        if !t.space_after {
            misc.push("SpaceAfter=No".to_string());
        }
        misc.push(format!("TokenRange={}:{}", base + t.start, base + t.end));
        if let Some(tag) = &ner[i] {
            misc.push(format!("NER={tag}"));
        }
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
            k + 1,
            clean(&t.form),
            clean(&t.lemma),
            dash(&t.upos),
            dash(&t.xpos),
            head,
            dash(&t.deprel),
            misc.join("|")
        );
    }
    out.push('\n');
}

fn dash(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// Tabs and newlines would break the format; a form never contains them
/// after tokenisation, but a `--tokenized` input might.
fn clean(s: &str) -> String {
    if s.is_empty() {
        "_".into()
    } else {
        s.replace(['\t', '\n', '\r'], " ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_reports_errors() {
        let ok = "# sent_id = a\n# text = Hi there\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\t_\n\n";
        let s = parse(ok, "x").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words[1].head, 1);
        assert_eq!(s[0].text.as_deref(), Some("Hi there"));
        let bad = "1\tHi\thi\tINTJ\n";
        let e = parse(bad, "f.conllu").unwrap_err().to_string();
        assert!(e.starts_with("f.conllu:1:"), "{e}");
    }

    #[test]
    fn tokenized_output_keeps_sent_id_and_text() {
        let input = "# sent_id = email-0042\n# text = Hi  there\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\t_\n\n1\tOk\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
        let sents = parse(input, "x").unwrap();
        let mut doc = crate::Doc::default();
        for s in &sents {
            let first = doc.tokens.len();
            let start = doc.text.len();
            for w in &s.words {
                let b = doc.text.len();
                doc.text.push_str(&w.form);
                doc.tokens.push(crate::doc::Token {
                    space_after: true,
                    ..crate::doc::Token::new(b, doc.text.len(), w.form.as_str())
                });
                doc.text.push(' ');
            }
            doc.sentences.push(crate::doc::Sentence {
                start,
                end: doc.text.len() - 1,
                tokens: first..doc.tokens.len(),
            });
        }
        let mut out = String::new();
        write_tokenized(&doc, &sents, |s| {
            out.push_str(s);
            Ok(())
        })
        .unwrap();
        assert!(out.starts_with("# sent_id = email-0042\n# text = Hi  there\n1\tHi"), "{out}");
        assert!(out.contains("# sent_id = 2\n# text = Ok\n"), "{out}");
    }
}

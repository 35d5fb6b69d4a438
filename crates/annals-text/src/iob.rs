//! Reading Universal NER's IOB2 files and turning tag sequences into spans.
//!
//! A UNER file is CoNLL-like: `# sent_id = ...` and `# text = ...` comments,
//! one token per line as `ID<TAB>FORM<TAB>TAG`, optionally followed by
//! `<TAB>-<TAB>annotator`, and a blank line between sentences. Tags are IOB2
//! over PER, ORG and LOC. Early UNER releases also carry `OTH` (and stray
//! `B-O`) labels; since annals recognises only the three UNER types, any
//! other label is read as `O`, which is what the released data does too.

use crate::doc::EntityLabel;
use std::ops::Range;
use std::path::Path;

/// One sentence of an IOB2 file. Tags are normalised to `O` or
/// `B-`/`I-` + `PER`/`ORG`/`LOC`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IobSentence {
    pub id: Option<String>,
    /// Set on the first sentence of a document (`# newdoc`), so that
    /// evaluation can annotate documents one at a time, as articles are.
    pub newdoc: bool,
    pub forms: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum IobError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}:{line}: {msg}")]
    Malformed { path: String, line: usize, msg: String },
}

/// Reads an IOB2 file.
pub fn read_file(path: &Path) -> Result<Vec<IobSentence>, IobError> {
    let bytes = std::fs::read(path).map_err(|source| IobError::Io { path: path.display().to_string(), source })?;
    parse(&String::from_utf8_lossy(&bytes), &path.display().to_string())
}

/// Parses IOB2 text; `name` is used in error messages.
pub fn parse(text: &str, name: &str) -> Result<Vec<IobSentence>, IobError> {
    let mut out = Vec::new();
    let mut cur = IobSentence::default();
    let malformed = |line: usize, msg: String| IobError::Malformed { path: name.to_string(), line, msg };
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.forms.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(v) = c.trim().strip_prefix("sent_id =") {
                cur.id = Some(v.trim().to_string());
            } else if c.trim().starts_with("newdoc") {
                cur.newdoc = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(malformed(lineno, format!("expected ID, FORM and TAG columns, found {}", cols.len())));
        }
        let id: usize = cols[0].parse().map_err(|_| malformed(lineno, format!("bad token id {:?}", cols[0])))?;
        if id != cur.forms.len() + 1 {
            return Err(malformed(lineno, format!("token id {id} out of sequence")));
        }
        let tag = normalise_tag(cols[2]).ok_or_else(|| malformed(lineno, format!("bad tag {:?}", cols[2])))?;
        cur.forms.push(cols[1].to_string());
        cur.tags.push(tag);
    }
    if !cur.forms.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// `O`, or `B-`/`I-` and a UNER type; other entity types become `O`.
/// Returns `None` for a tag that is not IOB at all.
fn normalise_tag(tag: &str) -> Option<String> {
    let tag = tag.trim();
    if tag == "O" {
        return Some("O".into());
    }
    let (bio, label) = tag.split_once('-')?;
    if !matches!(bio, "B" | "I") || label.is_empty() {
        return None;
    }
    Some(match EntityLabel::parse(label) {
        Some(_) => tag.to_string(),
        None => "O".into(),
    })
}

/// The entities of an IOB2 (or IOB1) tag sequence, as conlleval reads them:
/// an `I-` that does not continue an entity of its type starts a new one.
/// Tags that are neither `O` nor a known `B-`/`I-` type end any open entity.
pub fn spans(tags: &[String]) -> Vec<(Range<usize>, EntityLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let parsed = tag.split_once('-').and_then(|(b, l)| Some((b, EntityLabel::parse(l)?)));
        let (continues, label) = match parsed {
            Some(("I", l)) => (open.is_some_and(|(_, o)| o == l), Some(l)),
            Some(("B", l)) => (false, Some(l)),
            _ => (false, None),
        };
        if continues {
            continue;
        }
        if let Some((s, l)) = open.take() {
            out.push((s..i, l));
        }
        open = label.map(|l| (i, l));
    }
    if let Some((s, l)) = open {
        out.push((s..tags.len(), l));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn reads_sentences_and_normalises_tags() {
        let text = "# sent_id = s1\n# text = Al-Zaman : Qaim\n1\tAl\tB-ORG\t-\tstephen\n2\t-\tI-ORG\t-\tstephen\n3\tZaman\tI-ORG\n4\t:\tO\t-\t-\n5\tQaim\tB-LOC\n\n\n1\tHi\tB-OTH\n2\tthere\tI-MISC\n";
        let s = parse(text, "x.iob2").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id.as_deref(), Some("s1"));
        assert_eq!(s[0].forms, ["Al", "-", "Zaman", ":", "Qaim"]);
        assert_eq!(s[0].tags, tags("B-ORG I-ORG I-ORG O B-LOC"));
        assert_eq!(s[1].id, None);
        assert_eq!(s[1].tags, tags("O O"));
    }

    #[test]
    fn reports_malformed_lines() {
        let e = parse("1\tHi\tO\n2\tthere\n", "f.iob2").unwrap_err().to_string();
        assert!(e.starts_with("f.iob2:2:"), "{e}");
        let e = parse("1\tHi\tO\n3\tthere\tO\n", "f.iob2").unwrap_err().to_string();
        assert!(e.starts_with("f.iob2:2:"), "{e}");
        let e = parse("\n1\tHi\tX-PER\n", "f.iob2").unwrap_err().to_string();
        assert!(e.starts_with("f.iob2:2:"), "{e}");
        assert!(parse("", "f").unwrap().is_empty());
        assert!(read_file(Path::new("/nonexistent/x.iob2")).is_err());
    }

    #[test]
    fn spans_follow_conlleval() {
        use EntityLabel::*;
        assert_eq!(spans(&tags("B-PER I-PER O B-LOC")), vec![(0..2, Person), (3..4, Location)]);
        // A stray I- starts an entity; a change of type ends one.
        assert_eq!(spans(&tags("I-ORG I-ORG I-LOC")), vec![(0..2, Organization), (2..3, Location)]);
        assert_eq!(spans(&tags("B-PER B-PER I-PER")), vec![(0..1, Person), (1..3, Person)]);
        assert_eq!(spans(&tags("O I-LOC")), vec![(1..2, Location)]);
        assert_eq!(spans(&tags("B-PER junk I-PER")), vec![(0..1, Person), (2..3, Person)]);
        assert!(spans(&[]).is_empty());
    }
}

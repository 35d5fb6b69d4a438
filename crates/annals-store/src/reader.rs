//! Reading article inputs: `.txt` (one article, id = the path as given) and
//! `.jsonl` (one article per line, the design's input record, only `text`
//! required), from files or directories walked recursively.
//!
//! Nothing here stops a run: an unreadable file or a malformed line becomes a
//! [`Notice`] with its location, so the caller can report it, count it and
//! go on.

use crate::ArticleRow;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Something that was skipped or repaired, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// `path` or `path:line`.
    pub location: String,
    /// A short, fixed reason, for grouping in summaries ("malformed JSON line").
    pub reason: &'static str,
    /// Details (the parser's message, the bad value).
    pub detail: String,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)?;
        if !self.detail.is_empty() {
            write!(f, " ({})", self.detail)?;
        }
        Ok(())
    }
}

/// The articles of one file, what was skipped and what was repaired.
#[derive(Debug, Default)]
pub struct FileArticles {
    pub articles: Vec<ArticleRow>,
    pub skipped: Vec<Notice>,
    pub warnings: Vec<Notice>,
}

/// The file kinds read so far.
fn readable(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "txt" || e == "jsonl")
}

/// Expands `paths` into the files to read, sorted within each directory so
/// runs are reproducible. Named files of another kind and unreadable paths are
/// skipped with a notice; other files found inside directories are not
/// articles and are left out silently (their number is returned).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Notice>, usize) {
    let (mut files, mut skipped, mut ignored) = (Vec::new(), Vec::new(), 0);
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut skipped, &mut ignored);
        } else if !p.exists() {
            skipped.push(Notice { location: p.display().to_string(), reason: "no such file", detail: String::new() });
        } else if readable(p) {
            files.push(p.clone());
        } else {
            let detail = "only .txt and .jsonl are read".into();
            skipped.push(Notice { location: p.display().to_string(), reason: "unsupported file type", detail });
        }
    }
    (files, skipped, ignored)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, skipped: &mut Vec<Notice>, ignored: &mut usize) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let n =
                Notice { location: dir.display().to_string(), reason: "unreadable directory", detail: e.to_string() };
            skipped.push(n);
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, files, skipped, ignored);
        } else if readable(&p) {
            files.push(p);
        } else {
            *ignored += 1;
        }
    }
}

/// Parses an ISO date or date-time ("2022-07-07", "2022-07-07T10:00:00Z").
pub fn parse_date(s: &str) -> Option<(i32, u8, u8)> {
    let d = s.get(..10)?;
    let mut it = d.split('-');
    let (y, m, dd) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&dd) && d.as_bytes()[4] == b'-').then_some((y, m, dd))
}

/// One input line (the design's article record).
#[derive(Deserialize)]
struct Line {
    id: Option<String>,
    text: String,
    date: Option<String>,
    url: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
}

/// Reads the articles of one `.txt` or `.jsonl` file. Invalid UTF-8 is
/// replaced (with a warning naming the byte offset), because one damaged byte
/// should not cost a whole report.
pub fn read_file(path: &Path) -> FileArticles {
    let mut out = FileArticles::default();
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.skipped.push(Notice { location: name, reason: "unreadable file", detail: e.to_string() });
            return out;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let detail = format!("at byte {}; replaced with U+FFFD", e.utf8_error().valid_up_to());
            out.warnings.push(Notice { location: name.clone(), reason: "invalid UTF-8", detail });
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    if path.extension().is_some_and(|e| e == "txt") {
        if text.trim().is_empty() {
            out.skipped.push(Notice { location: name, reason: "empty text", detail: String::new() });
        } else {
            out.articles.push(ArticleRow { id: name, text, ..Default::default() });
        }
        return out;
    }
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let location = format!("{name}:{}", i + 1);
        let a: Line = match serde_json::from_str(line) {
            Ok(a) => a,
            Err(e) => {
                out.skipped.push(Notice { location, reason: "malformed JSON line", detail: e.to_string() });
                continue;
            }
        };
        if a.text.trim().is_empty() {
            out.skipped.push(Notice { location, reason: "empty text", detail: String::new() });
            continue;
        }
        let published = match a.date.as_deref() {
            Some(d) => match parse_date(d) {
                Some((y, m, dd)) => Some(format!("{y:04}-{m:02}-{dd:02}")),
                None => {
                    let detail = format!("{d:?}; stored without a publication date");
                    out.warnings.push(Notice { location: location.clone(), reason: "not an ISO date", detail });
                    None
                }
            },
            None => None,
        };
        let blank = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        out.articles.push(ArticleRow {
            id: blank(a.id).unwrap_or(location),
            url: blank(a.url),
            title: blank(a.title),
            outlet: blank(a.outlet),
            published,
            text: a.text,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_lines_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, "{\"id\":\"x\",\"text\":\"A.\",\"date\":\"2024-03-14T10:00Z\",\"url\":\"u\"}\n\n{bad\n{\"text\":\"B.\",\"date\":\"soon\"}\n{\"text\":\" \"}\n").unwrap();
        let r = read_file(&p);
        assert_eq!(r.articles.len(), 2);
        assert_eq!(r.articles[0].published.as_deref(), Some("2024-03-14"));
        assert_eq!(r.articles[1].id, format!("{}:4", p.display()));
        let locs: Vec<_> = r.skipped.iter().map(|n| (n.location.clone(), n.reason)).collect();
        assert_eq!(
            locs,
            [(format!("{}:3", p.display()), "malformed JSON line"), (format!("{}:5", p.display()), "empty text")]
        );
        assert_eq!(r.warnings.len(), 1);
    }

    #[test]
    fn walks_directories() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.txt"), "B").unwrap();
        std::fs::write(dir.path().join("a.jsonl"), "").unwrap();
        std::fs::write(dir.path().join("README.md"), "").unwrap();
        let (files, skipped, ignored) = collect_files(&[dir.path().into(), dir.path().join("nope.txt")]);
        assert_eq!(files, [dir.path().join("a.jsonl"), dir.path().join("sub/b.txt")]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(ignored, 1);
    }
}

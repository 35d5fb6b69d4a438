//! Plain text (one article per file) and JSON Lines (one design input
//! record per line, streamed).

use crate::decode::utf8_lossy;
use crate::queue::{next_item, Stepped};
use crate::{iso_date, nonblank, reason, Article, Item, Notice};
use serde::Deserialize;
use std::collections::VecDeque;
use std::io::BufRead;

/// A `.txt` file: one article, id = its name.
pub(crate) fn text(name: &str, bytes: Vec<u8>) -> Vec<Item> {
    let (text, warning) = utf8_lossy(name, bytes, 0);
    let mut out: Vec<Item> = warning.into_iter().map(Item::Warning).collect();
    if text.trim().is_empty() {
        out.push(Item::Skipped(Notice::new(name, reason::EMPTY_TEXT, "")));
    } else {
        out.push(Item::Article(Article { id: name.to_string(), text, ..Default::default() }));
    }
    out
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

/// The articles of a JSON Lines stream, one line at a time.
pub(crate) struct JsonLines<R> {
    input: R,
    name: String,
    line: usize,
    offset: u64,
    warned_utf8: bool,
    done: bool,
    buf: Vec<u8>,
    pending: VecDeque<Item>,
}

impl<R: BufRead> JsonLines<R> {
    pub(crate) fn new(name: String, input: R) -> Self {
        JsonLines {
            input,
            name,
            line: 0,
            offset: 0,
            warned_utf8: false,
            done: false,
            buf: Vec::new(),
            pending: VecDeque::new(),
        }
    }

    fn read_line(&mut self) {
        self.buf.clear();
        let n = match self.input.read_until(b'\n', &mut self.buf) {
            Ok(0) => {
                self.done = true;
                return;
            }
            Ok(n) => n,
            Err(e) => {
                self.done = true;
                let location = format!("{}:{}", self.name, self.line + 1);
                self.pending.push_back(Item::Skipped(Notice::new(location, reason::UNREADABLE, e.to_string())));
                return;
            }
        };
        self.line += 1;
        let (line, bad) = utf8_lossy(&self.name, std::mem::take(&mut self.buf), self.offset);
        self.offset += n as u64;
        if let Some(w) = bad.filter(|_| !self.warned_utf8) {
            // One warning per file: the first bad byte is enough to find it.
            self.warned_utf8 = true;
            self.pending.push_back(Item::Warning(w));
        }
        if !line.trim().is_empty() {
            let location = format!("{}:{}", self.name, self.line);
            record(location, &line, &mut self.pending);
        }
    }
}

impl<R: BufRead> Stepped for JsonLines<R> {
    fn pending(&mut self) -> &mut VecDeque<Item> {
        &mut self.pending
    }
    fn done(&self) -> bool {
        self.done
    }
    fn step(&mut self) {
        self.read_line();
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        next_item(self)
    }
}

/// The items of one non-blank line.
fn record(location: String, line: &str, out: &mut VecDeque<Item>) {
    let a: Line = match serde_json::from_str(line) {
        Ok(a) => a,
        Err(e) => {
            out.push_back(Item::Skipped(Notice::new(location, reason::MALFORMED_JSON, e.to_string())));
            return;
        }
    };
    if a.text.trim().is_empty() {
        out.push_back(Item::Skipped(Notice::new(location, reason::EMPTY_TEXT, "")));
        return;
    }
    let published = match a.date.as_deref() {
        Some(d) => {
            let iso = iso_date(d);
            if iso.is_none() {
                let detail = format!("{d:?}; read without a publication date");
                out.push_back(Item::Warning(Notice::new(location.clone(), reason::NOT_ISO_DATE, detail)));
            }
            iso
        }
        None => None,
    };
    out.push_back(Item::Article(Article {
        id: nonblank(a.id).unwrap_or(location),
        url: nonblank(a.url),
        title: nonblank(a.title),
        outlet: nonblank(a.outlet),
        published,
        text: a.text,
    }));
}

#[cfg(test)]
mod tests {
    use crate::{read_file, Format, Item};

    fn split(items: impl Iterator<Item = Item>) -> (Vec<crate::Article>, Vec<crate::Notice>, Vec<crate::Notice>) {
        let (mut a, mut s, mut w) = (Vec::new(), Vec::new(), Vec::new());
        for i in items {
            match i {
                Item::Article(x) => a.push(x),
                Item::Skipped(n) => s.push(n),
                Item::Warning(n) => w.push(n),
                Item::Ignored(_) => {}
            }
        }
        (a, s, w)
    }

    #[test]
    fn jsonl_lines_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, "{\"id\":\"x\",\"text\":\"A.\",\"date\":\"2024-03-14T10:00Z\",\"url\":\"u\"}\n\n{bad\n{\"text\":\"B.\",\"date\":\"soon\"}\n{\"text\":\" \"}\n").unwrap();
        let (articles, skipped, warnings) = split(read_file(&p, Format::JsonLines));
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].published.as_deref(), Some("2024-03-14"));
        assert_eq!(articles[0].url.as_deref(), Some("u"));
        assert_eq!(articles[1].id, format!("{}:4", p.display()));
        let locs: Vec<_> = skipped.iter().map(|n| (n.location.clone(), n.reason)).collect();
        assert_eq!(
            locs,
            [(format!("{}:3", p.display()), "malformed JSON line"), (format!("{}:5", p.display()), "empty text")]
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].reason, "not an ISO date");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_the_file_offset() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, b"{\"text\":\"A.\"}\n{\"text\":\"B\xff.\"}\n{\"text\":\"C\xfe.\"}\n").unwrap();
        let (articles, skipped, warnings) = split(read_file(&p, Format::JsonLines));
        assert_eq!((articles.len(), skipped.len()), (3, 0));
        assert_eq!(articles[1].text, "B\u{fffd}.");
        assert_eq!(warnings.len(), 1, "one warning per file");
        assert_eq!(warnings[0].location, p.display().to_string());
        assert_eq!(warnings[0].detail, "at byte 24; replaced with U+FFFD");

        let t = dir.path().join("b.txt");
        std::fs::write(&t, "  \n").unwrap();
        let (articles, skipped, _) = split(read_file(&t, Format::Text));
        assert!(articles.is_empty());
        assert_eq!(skipped[0].reason, "empty text");
    }
}

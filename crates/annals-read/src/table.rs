//! CSV files of articles: one article per row, columns found by their
//! header names, as news archives and scrapers export them.
//!
//! The header must name a `text` column; `id`, `url`, `date` (or
//! `published`), `title` and `outlet` are read when present, any other
//! column is ignored. Names are matched without regard to case or
//! surrounding spaces. The text is kept exactly as written (line breaks
//! included), so offsets and line numbers into it stay those of the source.
//! An article's id is its `id`, else its `url`, else `path:line` (the line
//! where its row starts). A row that cannot be read is skipped with its
//! line; rows are streamed, so a large export is never held in memory.

use crate::queue::{next_item, Stepped};
use crate::{iso_date, nonblank, reason, Article, Item, Notice};
use std::collections::VecDeque;
use std::io::Read;

/// Where each known column is in a row.
#[derive(Default)]
struct Columns {
    text: usize,
    id: Option<usize>,
    url: Option<usize>,
    date: Option<usize>,
    title: Option<usize>,
    outlet: Option<usize>,
}

impl Columns {
    fn from_header(header: &csv::ByteRecord) -> Option<Columns> {
        let find = |names: &[&str]| {
            header.iter().position(|h| {
                let h = String::from_utf8_lossy(h);
                names.iter().any(|n| h.trim().eq_ignore_ascii_case(n))
            })
        };
        Some(Columns {
            text: find(&["text"])?,
            id: find(&["id"]),
            url: find(&["url"]),
            date: find(&["date", "published"]),
            title: find(&["title"]),
            outlet: find(&["outlet"]),
        })
    }
}

/// The articles of a CSV stream, one row at a time.
pub(crate) struct CsvRows<R: Read> {
    reader: csv::Reader<R>,
    name: String,
    columns: Option<Columns>,
    record: csv::ByteRecord,
    warned_utf8: bool,
    done: bool,
    pending: VecDeque<Item>,
}

impl<R: Read> CsvRows<R> {
    pub(crate) fn new(name: String, input: R) -> Self {
        let reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(input);
        CsvRows {
            reader,
            name,
            columns: None,
            record: csv::ByteRecord::new(),
            warned_utf8: false,
            done: false,
            pending: VecDeque::new(),
        }
    }

    fn skip(&mut self, line: u64, reason: &'static str, detail: String) {
        self.pending.push_back(Item::Skipped(Notice::new(format!("{}:{line}", self.name), reason, detail)));
    }

    fn read_row(&mut self) {
        if self.columns.is_none() {
            let header = match self.reader.byte_headers() {
                Ok(h) => h.clone(),
                Err(e) => {
                    self.done = true;
                    return self.skip(1, reason::MALFORMED_CSV, e.to_string());
                }
            };
            match Columns::from_header(&header) {
                Some(c) => self.columns = Some(c),
                None => {
                    self.done = true;
                    return self.skip(1, reason::MALFORMED_CSV, "the header names no `text` column".into());
                }
            }
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => self.done = true,
            Ok(true) => self.article(),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                // A broken quote or an unreadable stream ends the file: what
                // follows cannot be told apart reliably.
                self.done = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                self.skip(line, reason::MALFORMED_CSV, e.to_string());
            }
        }
    }

    fn article(&mut self) {
        let line = self.record.position().map_or(0, |p| p.line());
        let location = format!("{}:{line}", self.name);
        let cols = self.columns.as_ref().expect("header read");
        if self.record.len() <= cols.text {
            let detail = format!("{} fields, no text: the header has more", self.record.len());
            return self.pending.push_back(Item::Skipped(Notice::new(location, reason::MALFORMED_CSV, detail)));
        }
        let mut bad_utf8 = false;
        let mut field = |i: Option<usize>| -> Option<String> {
            let bytes = self.record.get(i?)?;
            let s = String::from_utf8_lossy(bytes);
            bad_utf8 |= matches!(s, std::borrow::Cow::Owned(_));
            Some(s.into_owned())
        };
        let text = field(Some(cols.text)).unwrap_or_default();
        let (id, url, date, title, outlet) =
            (field(cols.id), field(cols.url), field(cols.date), field(cols.title), field(cols.outlet));
        if bad_utf8 && !self.warned_utf8 {
            self.warned_utf8 = true;
            let n = Notice::new(location.clone(), reason::INVALID_UTF8, "replaced with U+FFFD");
            self.pending.push_back(Item::Warning(n));
        }
        if text.trim().is_empty() {
            return self.pending.push_back(Item::Skipped(Notice::new(location, reason::EMPTY_TEXT, "")));
        }
        let published = match nonblank(date) {
            Some(d) => {
                let iso = iso_date(&d);
                if iso.is_none() {
                    let detail = format!("{d:?}; read without a publication date");
                    self.pending.push_back(Item::Warning(Notice::new(location.clone(), reason::NOT_ISO_DATE, detail)));
                }
                iso
            }
            None => None,
        };
        let url = nonblank(url);
        self.pending.push_back(Item::Article(Article {
            id: nonblank(id).or_else(|| url.clone()).unwrap_or(location),
            url,
            title: nonblank(title),
            outlet: nonblank(outlet),
            published,
            text,
        }));
    }
}

impl<R: Read> Stepped for CsvRows<R> {
    fn pending(&mut self) -> &mut VecDeque<Item> {
        &mut self.pending
    }
    fn done(&self) -> bool {
        self.done
    }
    fn step(&mut self) {
        self.read_row();
    }
}

impl<R: Read> Iterator for CsvRows<R> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        next_item(self)
    }
}

#[cfg(test)]
mod tests {
    use crate::{read_file, Format, Item};

    fn items(csv: &str) -> (Vec<crate::Article>, Vec<crate::Notice>) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("news.csv");
        std::fs::write(&p, csv).unwrap();
        let (mut a, mut s) = (Vec::new(), Vec::new());
        for i in read_file(&p, Format::Csv) {
            match i {
                Item::Article(x) => a.push(x),
                Item::Skipped(n) | Item::Warning(n) => {
                    s.push(crate::Notice { location: n.location.rsplit('/').next().unwrap().to_string(), ..n })
                }
                Item::Ignored(_) => {}
            }
        }
        (a, s)
    }

    #[test]
    fn rows_become_articles_with_their_text_verbatim() {
        let (a, s) = items(
            "URL,date,Title,text\n\"https://x/a\",2019-01-04,\"A, b\",\"Friday \n\n\nPolice said \"\"no\"\".\"\nhttps://x/b,someday,,Second.\n",
        );
        assert!(s.iter().all(|n| n.reason == "not an ISO date"), "{s:?}");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].id, "https://x/a");
        assert_eq!(a[0].title.as_deref(), Some("A, b"));
        assert_eq!(a[0].published.as_deref(), Some("2019-01-04"));
        assert_eq!(a[0].text, "Friday \n\n\nPolice said \"no\".");
        assert_eq!((a[1].published.as_deref(), a[1].title.as_deref()), (None, None));
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let (a, s) = items("id,text\nx,One.\ny\n,\nz,Three.\n");
        let ids: Vec<_> = a.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", "z"]);
        let got: Vec<_> = s.iter().map(|n| (n.location.as_str(), n.reason)).collect();
        assert_eq!(got, [("news.csv:3", "malformed CSV row"), ("news.csv:4", "empty text")]);

        let (a, s) = items("title,body\nx,y\n");
        assert!(a.is_empty());
        assert_eq!(s[0].detail, "the header names no `text` column");
    }

    #[test]
    fn a_row_without_id_or_url_is_named_by_its_line() {
        let (a, _) = items("text\n\"two\nlines\"\nthird\n");
        assert_eq!(a.len(), 2);
        assert!(a[1].id.ends_with("news.csv:4"), "{}", a[1].id);
    }
}

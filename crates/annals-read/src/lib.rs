//! Reading news sources into plain [`Article`]s: the first stage of the
//! pipeline (sources → readers → Article → text → code → store). This crate
//! knows nothing of language, coding or storage.
//!
//! What each format yields, chosen by extension ([`Format::of_path`]):
//!
//! - `.txt`: one article, the whole file; id = the path as given.
//! - `.jsonl`: one article per line, the design's input record (`id`, `text`,
//!   `date`, `url`, `title`, `outlet`; only `text` required); id defaults to
//!   `path:line`. A line that is not such a record is skipped.
//! - `.csv`: one article per row, columns named by the header (`text`
//!   required; `id`, `url`, `date`, `title`, `outlet` read when present); the
//!   text is kept verbatim; id = `id`, else `url`, else `path:line`.
//! - `.html`, `.htm`: the page's main text, found by a readability port
//!   (`dom_smoothie`) so navigation, adverts, footers and comments are
//!   dropped; paragraphs stay apart as blank lines, which the sentence
//!   splitter relies on. Title, canonical URL (`<link rel=canonical>`,
//!   `og:url`), publication date (`article:published_time`, JSON-LD
//!   `datePublished`, `<time datetime>`) and outlet (`og:site_name`) come from
//!   the page. A page with no article text is skipped ("no article text").
//! - `.rss`, `.atom`, and `.xml` files whose first bytes show a feed: one
//!   article per item (`feed-rs`), text from the item's content or else its
//!   description, with HTML turned into text as above; id = guid, else link,
//!   else `path#N`; outlet = the feed's title.
//! - `.warc`, `.warc.gz`: every `response` record whose HTTP payload is HTML
//!   (status 2xx; chunked and gzip/deflate transfers are undone) goes through
//!   the HTML reader; id and url = `WARC-Target-URI` (the page's canonical
//!   URL wins for url), date falls back to `WARC-Date`. Other records
//!   (requests, metadata, redirects, images, …) are not articles: they are
//!   counted as [`Item::Ignored`], not reported. A
//!   truncated or corrupt archive ends with a notice at the byte offset of the
//!   bad record (in the decompressed stream for `.gz`), after the articles
//!   before it.
//!
//! Nothing here stops a run or panics on bad input: what cannot be read
//! becomes an [`Item::Skipped`] notice with its location (`path`,
//! `path:line` or `path@byte`), what was repaired (invalid UTF-8, a date that
//! is not ISO) an [`Item::Warning`]. Invalid UTF-8 is replaced with U+FFFD
//! because one damaged byte should not cost a whole report; pages and feeds
//! that declare another charset are decoded with it.
//!
//! Reading is streamed: [`read_file`] returns an iterator, so a multi-gigabyte
//! WARC or JSON Lines file is never held in memory as articles.

mod archive;
mod decode;
mod feed;
mod files;
mod html;
mod plain;
mod queue;
mod table;

pub use files::collect_files;
pub use html::html_to_text;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One article as read from a source, before any language processing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Unique within a corpus: given by the source, else derived from the
    /// location (`path`, `path:line`, `path#N`, the URL).
    pub id: String,
    /// The article text, paragraphs separated by blank lines.
    pub text: String,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
}

/// Something that was skipped or repaired, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// `path`, `path:line` or `path@byte`.
    pub location: String,
    /// A short, fixed reason, for grouping in summaries (see [`reason`]).
    pub reason: &'static str,
    /// Details (the parser's message, the bad value).
    pub detail: String,
}

impl Notice {
    fn new(location: impl Into<String>, reason: &'static str, detail: impl Into<String>) -> Notice {
        Notice { location: location.into(), reason, detail: detail.into() }
    }
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

/// The fixed reasons of notices, so callers can match on them.
pub mod reason {
    pub const NO_SUCH_FILE: &str = "no such file";
    pub const UNSUPPORTED: &str = "unsupported file type";
    pub const UNREADABLE_DIR: &str = "unreadable directory";
    pub const UNREADABLE: &str = "unreadable file";
    pub const EMPTY_TEXT: &str = "empty text";
    pub const MALFORMED_JSON: &str = "malformed JSON line";
    pub const NOT_ISO_DATE: &str = "not an ISO date";
    pub const INVALID_UTF8: &str = "invalid UTF-8";
    pub const BAD_CHARSET: &str = "undecodable characters";
    pub const NO_ARTICLE_TEXT: &str = "no article text";
    pub const TOO_DEEP: &str = "markup nested too deeply";
    pub const MALFORMED_FEED: &str = "malformed feed";
    pub const MALFORMED_WARC: &str = "malformed WARC record";
    pub const BAD_HTTP: &str = "malformed HTTP response";
    pub const MALFORMED_CSV: &str = "malformed CSV row";
}

/// What a reader yields, in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Article(Article),
    /// Input that could not be read as an article: report, count, go on.
    Skipped(Notice),
    /// Input read after a repair (replaced bytes, a dropped date).
    Warning(Notice),
    /// A part of a source that is not an article by nature (a WARC request or
    /// image record): worth counting, not worth a message each.
    Ignored(&'static str),
}

/// The kinds of source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    JsonLines,
    Csv,
    Html,
    Feed,
    Warc,
}

/// The extensions read, for help and summary texts.
pub const EXTENSIONS: &str = ".txt, .jsonl, .csv, .html, .htm, .rss, .atom, .xml (feeds), .warc, .warc.gz";

impl Format {
    /// The format of a file from its name; a `.xml` file is a feed only if
    /// its first bytes say so (else `None`, like any other kind).
    pub fn of_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        Some(match ext {
            "txt" => Format::Text,
            "jsonl" => Format::JsonLines,
            "csv" => Format::Csv,
            "html" | "htm" => Format::Html,
            "rss" | "atom" => Format::Feed,
            "warc" => Format::Warc,
            "gz" if name.ends_with(".warc.gz") => Format::Warc,
            "xml" => {
                let mut head = Vec::with_capacity(1024);
                std::fs::File::open(path).ok()?.take(1024).read_to_end(&mut head).ok()?;
                return feed::sniff(&head).then_some(Format::Feed);
            }
            _ => return None,
        })
    }

    /// Guesses the format of unnamed input (standard input) from its first
    /// bytes: JSON Lines if it starts with `{`, a feed or a page if it looks
    /// like one, a WARC if it starts so (or is gzip), else plain text.
    pub fn sniff(bytes: &[u8]) -> Format {
        let head = &bytes[..bytes.len().min(1024)];
        let start = head.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &head[i..]);
        if start.starts_with(b"{") {
            Format::JsonLines
        } else if start.starts_with(b"WARC/") || start.starts_with(&[0x1f, 0x8b]) {
            Format::Warc
        } else if feed::sniff(head) {
            Format::Feed
        } else if start.starts_with(b"<") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// The items of one source, streamed.
pub struct Items(Box<dyn Iterator<Item = Item>>);

impl Iterator for Items {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        self.0.next()
    }
}

impl Items {
    fn one(item: Item) -> Items {
        Items(Box::new(std::iter::once(item)))
    }
    fn of(items: Vec<Item>) -> Items {
        Items(Box::new(items.into_iter()))
    }
}

/// Reads one file in the given format. JSON Lines and WARC are streamed from
/// disk; the other formats hold one file (one page, one feed) at a time.
pub fn read_file(path: &Path, format: Format) -> Items {
    let name = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Items::one(Item::Skipped(Notice::new(name, reason::UNREADABLE, e.to_string()))),
    };
    read_from(name, BufReader::with_capacity(1 << 16, file), format)
}

/// Reads a source already in memory (standard input), named `name` in ids
/// and notices.
pub fn read_bytes(name: &str, bytes: Vec<u8>, format: Format) -> Items {
    read_from(name.to_string(), std::io::Cursor::new(bytes), format)
}

fn read_from<R: BufRead + 'static>(name: String, mut input: R, format: Format) -> Items {
    match format {
        Format::JsonLines => Items(Box::new(plain::JsonLines::new(name, input))),
        Format::Csv => Items(Box::new(table::CsvRows::new(name, input))),
        Format::Warc => archive::read(name, input),
        _ => {
            let mut bytes = Vec::new();
            if let Err(e) = input.read_to_end(&mut bytes) {
                return Items::one(Item::Skipped(Notice::new(name, reason::UNREADABLE, e.to_string())));
            }
            Items::of(match format {
                Format::Text => plain::text(&name, bytes),
                Format::Html => html::page(&name, &bytes, &html::Origin::default()),
                _ => feed::read(&name, &bytes),
            })
        }
    }
}

/// Parses an ISO date or date-time ("2022-07-07", "2022-07-07T10:00:00Z").
/// `None` unless the day exists (no 31 February).
pub fn parse_date(s: &str) -> Option<(i32, u8, u8)> {
    let d = annals_calendar::parse_day(s)?;
    Some((i32::from(d.year()), d.month() as u8, d.day() as u8))
}

/// An ISO date string, or `None` when `s` does not start with one.
pub fn iso_date(s: &str) -> Option<String> {
    parse_date(s).map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// `Some(s)` unless blank; trimmed.
fn nonblank(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2022-07-07"), Some((2022, 7, 7)));
        assert_eq!(parse_date("2022-07-07T10:00:00Z"), Some((2022, 7, 7)));
        assert_eq!(parse_date("07/07/2022"), None);
        assert_eq!(parse_date("2022-13-01"), None);
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date(""), None);
        assert_eq!(iso_date(" 2024-03-14T10:00:00+02:00"), Some("2024-03-14".into()));
    }

    #[test]
    fn formats_by_name_and_by_first_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let feed = dir.path().join("news.xml");
        std::fs::write(&feed, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>").unwrap();
        let other = dir.path().join("config.xml");
        std::fs::write(&other, "<?xml version=\"1.0\"?>\n<settings/>").unwrap();
        assert_eq!(Format::of_path(&feed), Some(Format::Feed));
        assert_eq!(Format::of_path(&other), None);
        assert_eq!(Format::of_path(Path::new("a/B.WARC.GZ")), Some(Format::Warc));
        assert_eq!(Format::of_path(Path::new("a/b.tar.gz")), None);
        assert_eq!(Format::of_path(Path::new("p.htm")), Some(Format::Html));
        assert_eq!(Format::sniff(b"  {\"text\": \"x\"}"), Format::JsonLines);
        assert_eq!(Format::sniff(b"<!doctype html><p>x"), Format::Html);
        assert_eq!(Format::sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"), Format::Feed);
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(Format::sniff(b"Police said."), Format::Text);
    }
}

//! WARC archives: the HTML responses of a crawl, one record at a time.

use crate::decode::{content_type_charset, find};
use crate::html::{self, Origin};
use crate::queue::{next_item, Stepped};
use crate::{iso_date, reason, Item, Items, Notice};
use std::cell::Cell;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;
use warc::{BufferedBody, Record, RecordType, WarcHeader, WarcReader};

/// Where the parser is in the (decompressed) stream, shared with the
/// iterator so notices can name the byte offset of a bad record.
#[derive(Default)]
struct Position {
    consumed: Cell<u64>,
    /// Whether anything but whitespace was consumed since the last complete
    /// record: the mark of a record cut short inside its header.
    nonblank: Cell<bool>,
}

/// A `BufRead` that counts what its reader consumes.
struct Counting<R> {
    inner: R,
    at: Rc<Position>,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.note(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if !self.at.nonblank.get() {
            if let Ok(buf) = self.inner.fill_buf() {
                let seen = buf[..amt.min(buf.len())].iter().any(|b| !b.is_ascii_whitespace());
                self.at.nonblank.set(seen);
            }
        }
        self.at.consumed.set(self.at.consumed.get() + amt as u64);
        self.inner.consume(amt);
    }
}

impl<R> Counting<R> {
    fn note(&self, bytes: &[u8]) {
        if !self.at.nonblank.get() && bytes.iter().any(|b| !b.is_ascii_whitespace()) {
            self.at.nonblank.set(true);
        }
        self.at.consumed.set(self.at.consumed.get() + bytes.len() as u64);
    }
}

type Records = warc::RecordIter<Counting<Box<dyn BufRead>>>;

/// The items of a WARC stream, plain or gzipped (detected by its magic
/// bytes, so a misnamed file still reads).
pub(crate) fn read<R: BufRead + 'static>(name: String, mut input: R) -> Items {
    let gzipped = match input.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return Items::one(Item::Skipped(Notice::new(name, reason::UNREADABLE, e.to_string()))),
    };
    let inner: Box<dyn BufRead> = if gzipped {
        Box::new(BufReader::with_capacity(1 << 16, flate2::bufread::MultiGzDecoder::new(input)))
    } else {
        Box::new(input)
    };
    let at = Rc::new(Position::default());
    let records = WarcReader::new(Counting { inner, at: at.clone() }).iter_records();
    Items(Box::new(WarcItems { records, at, name, gzipped, number: 0, end: 0, done: false, pending: VecDeque::new() }))
}

struct WarcItems {
    records: Records,
    at: Rc<Position>,
    name: String,
    gzipped: bool,
    /// Records read so far.
    number: u64,
    /// Offset just past the last complete record.
    end: u64,
    done: bool,
    pending: VecDeque<Item>,
}

impl Iterator for WarcItems {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        next_item(self)
    }
}

impl Stepped for WarcItems {
    fn pending(&mut self) -> &mut VecDeque<Item> {
        &mut self.pending
    }
    fn done(&self) -> bool {
        self.done
    }
    fn step(&mut self) {
        match self.records.next() {
            Some(Ok(record)) => {
                self.number += 1;
                let start = self.end;
                self.end = self.at.consumed.get();
                self.at.nonblank.set(false);
                self.record(&record, start);
            }
            Some(Err(e)) => {
                // A corrupt record leaves no reliable place to resume.
                self.done = true;
                let mut why = e.to_string().trim_end_matches('.').to_lowercase();
                if let Some(cause) = std::error::Error::source(&e) {
                    why = format!("{why}: {cause}");
                }
                self.pending.push_back(Item::Skipped(self.broken(&why)));
            }
            None => {
                self.done = true;
                if self.at.nonblank.get() {
                    self.pending.push_back(Item::Skipped(self.broken("the archive ends inside a record header")));
                }
            }
        }
    }
}

impl WarcItems {
    fn broken(&self, what: &str) -> Notice {
        let stream = if self.gzipped { " of the decompressed stream" } else { "" };
        let detail =
            format!("record {} at byte {}{stream}: {what}; records after it are not read", self.number + 1, self.end);
        Notice::new(format!("{}@{}", self.name, self.end), reason::MALFORMED_WARC, detail)
    }

    fn record(&mut self, record: &Record<BufferedBody>, start: u64) {
        if *record.warc_type() != RecordType::Response {
            self.pending.push_back(Item::Ignored(match record.warc_type() {
                RecordType::Request => "WARC request records",
                RecordType::WarcInfo => "WARC warcinfo records",
                RecordType::Metadata => "WARC metadata records",
                _ => "WARC records of other types",
            }));
            return;
        }
        let is_http = record.header(WarcHeader::ContentType).is_some_and(|t| t.contains("application/http"));
        if !is_http {
            self.pending.push_back(Item::Ignored("WARC responses that are not HTTP"));
            return;
        }
        let location = format!("{}@{start}", self.name);
        let response = match Response::parse(record.body()) {
            Ok(r) => r,
            Err(why) => {
                self.pending.push_back(Item::Skipped(Notice::new(location, reason::BAD_HTTP, why)));
                return;
            }
        };
        if !(200..300).contains(&response.status) {
            self.pending.push_back(Item::Ignored("WARC responses with a non-2xx HTTP status"));
            return;
        }
        let content_type = response.header("content-type").unwrap_or_default();
        if !content_type.to_ascii_lowercase().contains("html") {
            self.pending.push_back(Item::Ignored("WARC responses that are not HTML"));
            return;
        }
        let payload = match response.payload() {
            Ok(p) => p,
            Err(why) => {
                self.pending.push_back(Item::Skipped(Notice::new(location, reason::BAD_HTTP, why)));
                return;
            }
        };
        let url = record.header(WarcHeader::TargetURI).map(|u| u.trim().trim_matches(['<', '>']).to_string());
        let origin = Origin {
            id: url.clone(),
            url,
            date: iso_date(&record.date().to_rfc3339()),
            charset: content_type_charset(&content_type),
        };
        self.pending.extend(html::page(&location, &payload, &origin));
    }
}

/// An HTTP response as a WARC stores it: status line, headers, body.
struct Response<'a> {
    status: u16,
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

impl<'a> Response<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Response<'a>, String> {
        let (head_len, sep) = match (find(bytes, b"\r\n\r\n"), find(bytes, b"\n\n")) {
            (Some(a), Some(b)) if b < a => (b, 2),
            (Some(a), _) => (a, 4),
            (None, Some(b)) => (b, 2),
            (None, None) => return Err("no end of the HTTP headers".into()),
        };
        let head = String::from_utf8_lossy(&bytes[..head_len]);
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or_default();
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .filter(|_| status_line.starts_with("HTTP/"))
            .ok_or_else(|| {
                format!("not an HTTP status line: {:?}", status_line.chars().take(60).collect::<String>())
            })?;
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Ok(Response { status, headers, body: &bytes[head_len + sep..] })
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    /// The body as the server meant it: de-chunked and decompressed when the
    /// crawler kept the transfer as sent.
    fn payload(&self) -> Result<Vec<u8>, String> {
        let chunked = self.header("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        let body = if chunked { dechunk(self.body)? } else { self.body.to_vec() };
        let encoding = self.header("content-encoding").unwrap_or_default().to_ascii_lowercase();
        let encoding = encoding.trim();
        let decoder: Box<dyn Read + '_> = match encoding {
            "" | "identity" => return Ok(body),
            "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(&body[..])),
            "deflate" => Box::new(flate2::read::ZlibDecoder::new(&body[..])),
            "br" => Box::new(brotli_decompressor::Decompressor::new(&body[..], 1 << 14)),
            other => return Err(format!("unsupported content encoding {other:?}")),
        };
        inflate(decoder, MAX_PAYLOAD).map_err(|e| format!("content encoding {encoding}: {e}"))
    }
}

/// The most a compressed body may grow to: a page is far smaller, and a
/// few kilobytes of a compression bomb would otherwise fill the memory.
const MAX_PAYLOAD: u64 = 64 << 20;

/// Reads a decoder to its end, refusing more than `cap` bytes.
fn inflate(decoder: impl Read, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    decoder.take(cap + 1).read_to_end(&mut out)?;
    if out.len() as u64 > cap {
        return Err(std::io::Error::other(format!("the body decompresses to more than {} MiB", cap >> 20)));
    }
    Ok(out)
}

/// Joins the chunks of a chunked transfer.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = find(body, b"\r\n").ok_or("chunk size line without its end")?;
        let size_text = String::from_utf8_lossy(&body[..eol]);
        let size_hex = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_hex, 16).map_err(|_| format!("bad chunk size {size_hex:?}"))?;
        body = &body[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = body.get(..size).ok_or("a chunk runs past the end of the body")?;
        out.extend_from_slice(chunk);
        body = body.get(size..).unwrap_or_default();
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::tests::PAGE;
    use crate::Article;
    use std::io::Write;

    /// One WARC record, written out by hand.
    fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\n\
             WARC-Date: 2024-04-11T06:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len() * 7 + kind.len(),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut out =
            format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len())
                .into_bytes();
        out.extend_from_slice(body);
        out
    }

    /// A small crawl: a request, the page's response, and a JSON response.
    fn crawl() -> [Vec<u8>; 3] {
        let page = "https://courier.example/world/river-talks?ref=home";
        let get = b"GET /world/river-talks HTTP/1.1\r\nHost: courier.example\r\n\r\n";
        let json = http("application/json", br#"{"weather": "rain"}"#);
        [
            record("request", page, "application/http; msgtype=request", get),
            record(
                "response",
                page,
                "application/http; msgtype=response",
                &http("text/html; charset=utf-8", PAGE.as_bytes()),
            ),
            record("response", "https://courier.example/api/weather", "application/http; msgtype=response", &json),
        ]
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(bytes).unwrap();
        z.finish().unwrap()
    }

    fn run(bytes: Vec<u8>) -> (Vec<Article>, Vec<Notice>, Vec<&'static str>) {
        let (mut a, mut s, mut ignored) = (Vec::new(), Vec::new(), Vec::new());
        for item in read("c.warc".into(), std::io::Cursor::new(bytes)) {
            match item {
                Item::Article(x) => a.push(x),
                Item::Skipped(n) => s.push(n),
                Item::Warning(n) => panic!("warning {n}"),
                Item::Ignored(what) => ignored.push(what),
            }
        }
        (a, s, ignored)
    }

    #[test]
    fn html_responses_become_articles() {
        for bytes in [crawl().concat(), gzip(&crawl().concat())] {
            let (articles, skipped, ignored) = run(bytes);
            assert!(skipped.is_empty(), "{skipped:?}");
            assert_eq!(ignored, ["WARC request records", "WARC responses that are not HTML"]);
            assert_eq!(articles.len(), 1);
            let a = &articles[0];
            assert_eq!(a.id, "https://courier.example/world/river-talks?ref=home");
            assert_eq!(a.url.as_deref(), Some("https://courier.example/world/river-talks"), "the canonical URL");
            assert!(a.text.contains("border town of Kessa") && !a.text.contains("mattress"), "{}", a.text);
            assert_eq!(a.published.as_deref(), Some("2024-04-09"));
        }
    }

    #[test]
    fn the_crawl_date_is_the_fallback() {
        let page = PAGE.replace(r#"<meta property="article:published_time" content="2024-04-09T08:30:00Z">"#, "");
        let w = record(
            "response",
            "https://x.example/a",
            "application/http; msgtype=response",
            &http("text/html", page.as_bytes()),
        );
        let (articles, _, _) = run(w);
        assert_eq!(articles[0].published.as_deref(), Some("2024-04-11"));
    }

    #[test]
    fn a_truncated_archive_keeps_what_came_before() {
        let whole = crawl().concat();
        let third = whole.len() - crawl()[2].len();
        // Cut inside the third record's body, then inside its header.
        for cut in [whole.len() - 10, third + 30] {
            let (articles, skipped, _) = run(whole[..cut].to_vec());
            assert_eq!(articles.len(), 1, "cut at {cut}");
            assert_eq!(skipped.len(), 1, "cut at {cut}: {skipped:?}");
            assert_eq!(skipped[0].reason, reason::MALFORMED_WARC);
            assert_eq!(skipped[0].location, format!("c.warc@{third}"));
            assert!(skipped[0].detail.starts_with(&format!("record 3 at byte {third}")), "{}", skipped[0].detail);
        }
        // A gzipped archive cut short: the decompressor's error is the notice.
        let z = gzip(&whole);
        let (articles, skipped, _) = run(z[..z.len() - 30].to_vec());
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(articles.len() <= 1);
        // Garbage is not an archive.
        let (articles, skipped, _) = run(b"this is not a WARC file\r\n\r\n".to_vec());
        assert!(articles.is_empty());
        assert_eq!(skipped[0].location, "c.warc@0");
    }

    #[test]
    fn chunked_and_gzipped_payloads() {
        let html = PAGE.as_bytes();
        let (a, b) = html.split_at(300);
        let mut chunked = format!("{:x}\r\n", a.len()).into_bytes();
        chunked.extend_from_slice(a);
        chunked.extend(format!("\r\n{:x};ext=1\r\n", b.len()).into_bytes());
        chunked.extend_from_slice(b);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(dechunk(&chunked).unwrap(), html);
        let mut body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        body.extend(gzip(html));
        let r = Response::parse(&body).unwrap();
        assert_eq!(r.payload().unwrap(), html);
        assert!(dechunk(b"zz\r\nabc").is_err());
        assert!(inflate(&[0u8; 2048][..], 1024).unwrap_err().to_string().contains("more than"));
        assert_eq!(inflate(&[7u8; 1024][..], 1024).unwrap().len(), 1024);
        assert!(Response::parse(b"garbage without headers").is_err());
    }

    fn brotli(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(bytes).unwrap();
        drop(w);
        out
    }

    #[test]
    fn brotli_payloads() {
        let html = PAGE.as_bytes();
        let head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n";
        let mut body = head.to_vec();
        body.extend(brotli(html));
        assert_eq!(Response::parse(&body).unwrap().payload().unwrap(), html);

        // Through a whole archive, the page becomes an article.
        let w = record("response", "https://x.example/br", "application/http; msgtype=response", &body);
        let (articles, skipped, _) = run(w);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert!(articles[0].text.contains("border town of Kessa"), "{}", articles[0].text);

        // A damaged stream is a skipped record that names the encoding.
        let mut bad = head.to_vec();
        bad.extend(&brotli(html)[..40]);
        bad.extend(b"not brotli at all");
        let w = record("response", "https://x.example/bad", "application/http; msgtype=response", &bad);
        let (articles, skipped, _) = run(w);
        assert!(articles.is_empty());
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].reason, reason::BAD_HTTP);
        assert!(skipped[0].detail.starts_with("content encoding br:"), "{}", skipped[0].detail);
        assert_eq!(skipped[0].location, "c.warc@0");

        // A small stream that inflates past the cap is refused, not read whole.
        let bomb = brotli(&vec![b' '; 2 << 20]);
        assert!(bomb.len() < 1024, "{}", bomb.len());
        let decoder = brotli_decompressor::Decompressor::new(&bomb[..], 4096);
        assert!(inflate(decoder, 1 << 20).is_err());
    }
}

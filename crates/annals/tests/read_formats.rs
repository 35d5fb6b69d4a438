//! `annals ingest` on a directory holding one file of each format read.

mod common;
use common::*;
use std::io::Write;
use std::path::Path;

const PAGE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Talks resume in Ostra | Lakeside Post</title>
<meta property="og:site_name" content="Lakeside Post">
<meta property="article:published_time" content="2024-06-03T07:00:00Z">
<link rel="canonical" href="https://post.example/ostra-talks">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/login">Sign in to comment</a></nav>
<article>
<p>Negotiators from Corvia and Dunmark resumed talks in Ostra on Monday, a week after the ceasefire
was signed, the foreign ministry of Corvia said in a statement.</p>
<p>Dunmark's delegation proposed a prisoner exchange, and Corvia said it would release twenty detainees
if the border crossings stayed open through the harvest season.</p>
<p>Residents of the border villages have returned to their farms, according to local officials.</p>
</article>
<footer>Lakeside Post, all rights reserved. Advertise with us.</footer>
</body></html>"#;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<description>Local news</description>
<item><title>Dock strike</title><link>https://gazette.example/strike</link><guid>gz-1</guid>
<pubDate>Tue, 04 Jun 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Dock workers in Lorne went on strike on Tuesday.&lt;/p&gt;</description></item>
<item><title>Mayor meets union</title><link>https://gazette.example/mayor</link><guid>gz-2</guid>
<pubDate>Wed, 05 Jun 2024 09:00:00 GMT</pubDate>
<description>The mayor of Lorne met union leaders on Wednesday.</description></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Northern Wire</title><id>urn:wire</id>
<updated>2024-06-06T12:00:00Z</updated>
<entry><title>Border reopens</title><id>urn:wire:1</id><updated>2024-06-06T09:00:00Z</updated>
<summary>Corvia reopened its border crossing with Dunmark on Thursday.</summary></entry>
</feed>"#;

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Date: 2024-06-07T10:00:00Z\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        match kind {
            "request" => "6f1c0a52-1111-4c2e-9d0a-000000000001",
            _ if uri.ends_with(".png") => "6f1c0a52-1111-4c2e-9d0a-000000000003",
            _ => "6f1c0a52-1111-4c2e-9d0a-000000000002",
        },
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A crawl of three records: a request, an HTML page and an image.
fn warc_gz() -> Vec<u8> {
    let page = PAGE.replace("Ostra on Monday", "Ostra on Friday").replace("ostra-talks", "ostra-talks-friday");
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(page.as_bytes());
    let mut w = warc_record(
        "request",
        "https://post.example/friday",
        "application/http; msgtype=request",
        b"GET /friday HTTP/1.1\r\n\r\n",
    );
    w.extend(warc_record("response", "https://post.example/friday", "application/http; msgtype=response", &http));
    let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n";
    w.extend(warc_record("response", "https://post.example/logo.png", "application/http; msgtype=response", png));
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&w).unwrap();
    z.finish().unwrap()
}

/// One file of each format, named so the broken feed sorts third.
fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("web")).unwrap();
    std::fs::write(dir.join("a_note.txt"), "Police in Lorne arrested three men after a bank robbery on Sunday.")
        .unwrap();
    std::fs::write(
        dir.join("b_wire.jsonl"),
        concat!(
            r#"{"id": "w1", "date": "2024-06-01", "text": "Qatar hosted talks between Corvia and Dunmark in Doha."}"#,
            "\n",
            r#"{"id": "w2", "date": "2024-06-02", "text": "Kenya released 40 Somali detainees on Sunday."}"#,
            "\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("c_broken.rss"), &RSS[..RSS.find("<item>").unwrap() + 30]).unwrap();
    std::fs::write(dir.join("d_gazette.rss"), RSS).unwrap();
    std::fs::write(dir.join("e_wire.atom"), ATOM).unwrap();
    std::fs::write(dir.join("web/f_page.html"), PAGE).unwrap();
    std::fs::write(dir.join("web/g_crawl.warc.gz"), warc_gz()).unwrap();
    std::fs::write(dir.join("web/notes.md"), "not an article").unwrap();
}

fn ingest(db: &Path, args: &[&str], corpus: &Path) -> std::process::Output {
    let mut all = vec!["ingest", "--db", db.to_str().unwrap()];
    all.extend(args);
    all.push(corpus.to_str().unwrap());
    annals(&all)
}

#[test]
fn every_format_is_read_and_a_broken_file_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("corpus");
    corpus(&src);
    let out = ingest(&dir.path().join("t.db"), &[], &src);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // txt 1 + jsonl 2 + rss 2 + atom 1 + html 1 + warc 1 (of 3 records).
    assert!(err.contains("7 file(s), 8 article(s) read, 8 new"), "{err}");
    // The feed is cut short on its line 4: the notice names it.
    assert!(err.contains(&format!("{}:4: malformed feed", src.join("c_broken.rss").display())), "{err}");
    assert!(err.contains("skipped 1: malformed feed"), "{err}");
    assert!(err.contains("1 file(s) in the directories were not of a kind read"), "{err}");
    assert!(err.contains("1 WARC request records") && err.contains("1 WARC responses that are not HTML"), "{err}");

    // The page's article is stored with the metadata read from it.
    let q = annals(&[
        "query",
        "--db",
        dir.path().join("t.db").to_str().unwrap(),
        "--text",
        "detainees",
        "--format",
        "jsonl",
    ]);
    assert!(q.status.success(), "{}", stderr(&q));
    let rows = stdout(&q);
    assert!(rows.contains("\"article\":\"w2\""), "{rows}");
}

#[test]
fn strict_stops_at_the_first_broken_file_and_keeps_what_came_before() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("corpus");
    corpus(&src);
    let db = dir.path().join("t.db");
    let out = ingest(&db, &["--strict"], &src);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("3 article(s) read, 3 new"), "{err}");
    assert!(err.contains(&format!("stopped at {}:4 (--strict)", src.join("c_broken.rss").display())), "{err}");
    // Those three were committed: a second, lenient run finds them stored.
    let again = ingest(&db, &[], &src);
    let err = stderr(&again);
    assert_eq!(again.status.code(), Some(1), "{err}");
    assert!(err.contains("8 article(s) read, 5 new") && err.contains("3 duplicate(s)"), "{err}");
}

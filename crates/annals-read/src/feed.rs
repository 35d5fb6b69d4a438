//! RSS and Atom feeds: one article per item.

use crate::decode::{find, utf8_lossy};
use crate::html::html_to_text;
use crate::{iso_date, nonblank, reason, Article, Item, Notice};
use feed_rs::model::{Entry, Text};

/// Whether the first bytes of an XML document open a feed (`<rss>`,
/// `<feed>`, `<rdf:RDF>`), after any declaration, comments and doctype.
pub(crate) fn sniff(head: &[u8]) -> bool {
    let mut rest = head;
    while let Some(i) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[i + 1..];
        if rest.starts_with(b"?") || rest.starts_with(b"!") {
            continue;
        }
        let end = rest.iter().position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/').unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        return name == b"rss" || name == b"feed" || name == b"rdf:rdf";
    }
    false
}

/// The encoding an XML declaration names, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    if !head.starts_with(b"<?xml") && !head.starts_with(b"\xEF\xBB\xBF<?xml") {
        return None;
    }
    let decl = &head[..find(head, b"?>")?];
    let at = find(decl, b"encoding")?;
    let value = decl[at..].split(|b| *b == b'"' || *b == b'\'').nth(1)?;
    Some(String::from_utf8_lossy(value).to_ascii_lowercase())
}

/// The articles of one feed. A feed that does not parse is one skipped
/// notice: its items cannot be told apart reliably.
pub(crate) fn read(name: &str, bytes: &[u8]) -> Vec<Item> {
    let mut out = Vec::new();
    // The parser decodes declared charsets itself; plain UTF-8 is checked
    // here so a damaged byte becomes a warning rather than a lost feed.
    let repaired;
    let mut source = bytes;
    if declared_encoding(bytes).is_none_or(|e| e == "utf-8" || e == "utf8") {
        let (text, warning) = utf8_lossy(name, bytes.to_vec(), 0);
        if let Some(w) = warning {
            out.push(Item::Warning(w));
            repaired = text;
            source = repaired.as_bytes();
        }
    }
    // No invented ids: an item without guid or link is named by position.
    let parser = feed_rs::parser::Builder::new().id_generator(|_, _, _| String::new()).build();
    let feed = match parser.parse(source) {
        Ok(f) => f,
        Err(e) => {
            let location = match xml_error_line(source) {
                Some(line) => format!("{name}:{line}"),
                None => name.to_string(),
            };
            out.push(Item::Skipped(Notice::new(location, reason::MALFORMED_FEED, e.to_string())));
            return out;
        }
    };
    let outlet = nonblank(feed.title.map(|t| t.content));
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let location = format!("{name}#{}", i + 1);
        out.push(match item(entry, &location, &outlet) {
            Some(a) => Item::Article(a),
            None => Item::Skipped(Notice::new(location, reason::EMPTY_TEXT, "no content or description")),
        });
    }
    out
}

/// The line (from 1) of the first XML error in `bytes`, or of its end when
/// elements are left open there; `None` when the XML is well formed (the
/// feed parser objected to something else, such as a missing feed root).
/// feed-rs reports no position, so quick-xml reads the document again: a
/// second pass that only runs for a feed already lost.
fn xml_error_line(bytes: &[u8]) -> Option<usize> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let at = loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) if depth > 0 => break bytes.len(),
            Ok(Event::Eof) => return None,
            Ok(_) => {}
            Err(_) => break usize::try_from(reader.error_position()).unwrap_or(bytes.len()),
        }
        buf.clear();
    };
    let before = &bytes[..at.min(bytes.len())];
    Some(1 + before.iter().filter(|&&b| b == b'\n').count())
}

fn item(entry: Entry, location: &str, outlet: &Option<String>) -> Option<Article> {
    let from_text = |t: Text| {
        if t.content_type.to_string().contains("plain") {
            t.content.trim().to_string()
        } else {
            html_to_text(&t.content)
        }
    };
    let content = entry.content.and_then(|c| c.body).map(|b| html_to_text(&b)).filter(|t| !t.is_empty());
    let text = content.or_else(|| entry.summary.map(from_text)).filter(|t| !t.is_empty())?;
    let link = entry.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate")).or(entry.links.first());
    let url = nonblank(link.map(|l| l.href.clone()));
    let date = entry.published.or(entry.updated).and_then(|d| iso_date(&d.to_rfc3339()));
    Some(Article {
        id: nonblank(Some(entry.id)).or_else(|| url.clone()).unwrap_or_else(|| location.to_string()),
        text,
        published: date,
        url,
        title: nonblank(entry.title.map(|t| t.content)),
        outlet: outlet.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Harbour Gazette</title><link>https://gazette.example/</link><description>News</description>
<item>
  <title>Port workers strike</title>
  <link>https://gazette.example/strike</link>
  <guid isPermaLink="false">gz-1001</guid>
  <pubDate>Tue, 02 Apr 2024 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;Dock workers in Lorne walked out on Monday.&lt;/p&gt;&lt;p&gt;The union said talks had failed.&lt;/p&gt;</description>
</item>
<item>
  <title>Mayor visits flooded district</title>
  <link>https://gazette.example/flood</link>
  <pubDate>Wed, 03 Apr 2024 10:00:00 GMT</pubDate>
  <description>The mayor of Lorne toured the flooded district on Wednesday.</description>
</item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Northern Wire</title><id>urn:example:wire</id><updated>2024-05-02T12:00:00Z</updated>
  <entry>
    <title>Envoys sign ceasefire</title><id>urn:example:wire:1</id>
    <link rel="alternate" href="https://wire.example/ceasefire"/>
    <published>2024-05-01T07:00:00Z</published><updated>2024-05-01T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Envoys from Corvia and Dunmark signed a ceasefire in Ostra.&lt;/p&gt;&lt;p&gt;Monitors arrive next week.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Border reopens</title><id>urn:example:wire:2</id>
    <updated>2024-05-02T09:00:00Z</updated>
    <summary>Corvia reopened its border crossing with Dunmark on Thursday.</summary>
  </entry>
</feed>"#;

    fn articles(items: Vec<Item>) -> Vec<Article> {
        items
            .into_iter()
            .map(|i| match i {
                Item::Article(a) => a,
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn rss_items_become_articles() {
        let a = articles(read("f.rss", RSS.as_bytes()));
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].id, "gz-1001");
        assert_eq!(a[0].text, "Dock workers in Lorne walked out on Monday.\n\nThe union said talks had failed.");
        assert_eq!(a[0].url.as_deref(), Some("https://gazette.example/strike"));
        assert_eq!(a[0].published.as_deref(), Some("2024-04-02"));
        assert_eq!(a[0].title.as_deref(), Some("Port workers strike"));
        assert_eq!(a[0].outlet.as_deref(), Some("Harbour Gazette"));
        // No guid: the link names the item.
        assert_eq!(a[1].id, "https://gazette.example/flood");
        assert_eq!(a[1].text, "The mayor of Lorne toured the flooded district on Wednesday.");
    }

    #[test]
    fn atom_entries_become_articles() {
        assert!(sniff(ATOM.as_bytes()) && sniff(RSS.as_bytes()) && !sniff(b"<?xml version=\"1.0\"?><html>"));
        let a = articles(read("f.atom", ATOM.as_bytes()));
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].id, "urn:example:wire:1");
        assert_eq!(
            a[0].text,
            "Envoys from Corvia and Dunmark signed a ceasefire in Ostra.\n\nMonitors arrive next week."
        );
        assert_eq!(a[0].published.as_deref(), Some("2024-05-01"));
        assert_eq!(a[0].url.as_deref(), Some("https://wire.example/ceasefire"));
        assert_eq!(a[1].published.as_deref(), Some("2024-05-02"), "updated when not published");
        assert_eq!(a[1].url, None);
        assert_eq!(a[1].outlet.as_deref(), Some("Northern Wire"));
    }

    #[test]
    fn malformed_and_empty_feeds_are_notices() {
        // Cut short inside an item (line 4 is `<item>`): the notice names the end.
        let broken = &RSS[..RSS.find("<item>").unwrap() + 40];
        assert_eq!(broken.lines().count(), 5);
        let items = read("bad.rss", broken.as_bytes());
        assert!(
            matches!(&items[..], [Item::Skipped(n)] if n.reason == reason::MALFORMED_FEED && n.location == "bad.rss:5"),
            "{items:?}"
        );
        // A mismatched end tag on line 7 of a longer feed.
        let mismatched = RSS.replace("<guid isPermaLink=\"false\">gz-1001</guid>", "<guid>gz-1001</link>");
        assert_eq!(mismatched.lines().position(|l| l.contains("gz-1001</link>")), Some(6));
        let items = read("tags.rss", mismatched.as_bytes());
        assert!(matches!(&items[..], [Item::Skipped(n)] if n.location == "tags.rss:7"), "{items:?}");
        // Well-formed XML that is no feed: no line to give.
        let items = read("page.xml", b"<?xml version=\"1.0\"?>\n<html><body>hello</body></html>");
        assert!(matches!(&items[..], [Item::Skipped(n)] if n.location == "page.xml"), "{items:?}");
        let items = read(
            "x.rss",
            b"<rss version=\"2.0\"><channel><title>T</title><item><title>No body</title></item></channel></rss>",
        );
        assert!(matches!(&items[..], [Item::Skipped(n)] if n.location == "x.rss#1"), "{items:?}");
        let items = read("junk.rss", b"\x00\x01 not xml at all");
        assert!(matches!(&items[..], [Item::Warning(_), Item::Skipped(_)] | [Item::Skipped(_)]), "{items:?}");
    }
}

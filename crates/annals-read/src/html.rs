//! Web pages: the main article text, found by a readability port so that
//! navigation, adverts, footers and comments stay out of the events.

use crate::decode::{meta_charset, with_charset};
use crate::{iso_date, nonblank, reason, Article, Item, Notice};
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

/// What the container of a page knows about it (a WARC record's headers).
#[derive(Debug, Default)]
pub(crate) struct Origin {
    pub id: Option<String>,
    pub url: Option<String>,
    /// ISO date to fall back on when the page gives none.
    pub date: Option<String>,
    /// The HTTP charset, which wins over the page's own `<meta>`.
    pub charset: Option<String>,
}

/// The article of one page (at most one), with any repair warnings.
/// `location` names the page in notices and, failing `origin.id`, is its id.
pub(crate) fn page(location: &str, bytes: &[u8], origin: &Origin) -> Vec<Item> {
    let charset = origin.charset.clone().or_else(|| meta_charset(bytes));
    let (html, warning) = with_charset(location, bytes, charset.as_deref());
    let mut out: Vec<Item> = warning.into_iter().map(Item::Warning).collect();
    let depth = nesting(&html);
    if depth > MAX_NESTING {
        let detail = format!("{depth} levels; readability's time grows with the square of the depth");
        out.push(Item::Skipped(Notice::new(location, reason::TOO_DEEP, detail)));
        return out;
    }
    let doc = Document::from(html.as_str());
    let canonical = attr(&doc, "link[rel=canonical]", "href").filter(|u| u.contains("://"));
    let og_url = attr(&doc, "meta[property=\"og:url\"]", "content");
    let dates = [
        attr(&doc, "meta[itemprop=datePublished]", "content"),
        attr(&doc, "time[datetime]", "datetime"),
        origin.date.clone(),
    ];
    let config = Config { text_mode: TextMode::Formatted, ..Default::default() };
    let parsed = Readability::with_document(doc, None, Some(config)).and_then(|mut r| r.parse());
    let article = match parsed {
        // Text with no letters (markup debris, replaced bytes) is not an article.
        Ok(a) if a.text_content.chars().any(char::is_alphabetic) => a,
        Ok(_) => {
            out.push(Item::Skipped(Notice::new(location, reason::NO_ARTICLE_TEXT, "")));
            return out;
        }
        Err(e) => {
            out.push(Item::Skipped(Notice::new(location, reason::NO_ARTICLE_TEXT, e.to_string())));
            return out;
        }
    };
    let published = std::iter::once(article.published_time.clone()).chain(dates).flatten().find_map(|d| iso_date(&d));
    out.push(Item::Article(Article {
        id: origin.id.clone().unwrap_or_else(|| location.to_string()),
        text: tidy(&article.text_content),
        published,
        url: canonical.or(og_url).or(nonblank(article.url.clone())).or(origin.url.clone()),
        title: nonblank(Some(article.title.clone())),
        outlet: nonblank(article.site_name.clone()),
    }));
    out
}

/// Pages nest elements a few dozen deep; thousands of levels are damage or
/// an attack, and would stall an ingest for minutes in the readability pass.
const MAX_NESTING: usize = 1000;

/// How deep elements nest in `html`, estimated in one pass over its tags.
/// Void elements and those whose end tag may be left out (`<p>`, `<li>`,
/// `<td>`, ...) are not counted: the parser closes them itself, so they do
/// not nest however many there are.
fn nesting(html: &str) -> usize {
    const FLAT: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p",
        "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
        "rb", "rt", "rtc", "rp", "html", "head", "body",
    ];
    let b = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(k) = b[i..].iter().position(|&c| c == b'<') {
        i += k + 1;
        if b[i..].starts_with(b"!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let len = b[start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if FLAT.contains(&name.as_str()) {
            continue;
        }
        let end = b[start..].iter().position(|&c| c == b'>').map_or(b.len(), |e| start + e);
        if close {
            depth = depth.saturating_sub(1);
        } else if !html[start..end].ends_with('/') {
            depth += 1;
            max = max.max(depth);
        }
        i = end;
    }
    max
}

fn attr(doc: &Document, selector: &str, name: &str) -> Option<String> {
    nonblank(doc.select(selector).attr(name).map(|v| v.to_string()))
}

/// HTML to plain text: scripts and styles dropped, block elements (`<p>`,
/// `<div>`, headings, list items) separated by blank lines, spaces
/// normalised. Text without tags is returned as it is, since its line
/// breaks are then the only paragraph marks.
pub fn html_to_text(html: &str) -> String {
    if !html.contains('<') {
        return html.trim().to_string();
    }
    if nesting(html) > MAX_NESTING {
        // Too deep to hand to the parser in reasonable time: drop the tags.
        let mut text = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            text.push_str(&rest[..open]);
            text.push('\n');
            rest = rest[open..].find('>').map_or("", |close| &rest[open + close + 1..]);
        }
        text.push_str(rest);
        return tidy(&text);
    }
    let doc = Document::fragment(html);
    doc.select("script, style, noscript, template").remove();
    tidy(&doc.formatted_text())
}

/// Trims each line and keeps at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn nesting_counts_elements_that_nest() {
        assert_eq!(nesting("<div><span>a</span><div><b>x</b></div></div>"), 3);
        // Unclosed paragraphs and list items do not nest; void elements and
        // comments do not count.
        assert_eq!(nesting(&"<ul><li>item<p>para<br><img src=x>".repeat(5000)), 5000);
        assert_eq!(nesting(&"<p>para<li>item<br><img src=x><!-- <div> -->".repeat(5000)), 0);
        assert_eq!(nesting("<div/><a >x</a></div></div><"), 1);
    }

    #[test]
    fn a_page_nested_thousands_deep_is_skipped_not_parsed() {
        let deep = format!(
            "<html><body>{}<p>The minister spoke.</p>{}</body></html>",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        let items = page("deep.html", deep.as_bytes(), &Origin::default());
        match items.as_slice() {
            [Item::Skipped(n)] => assert_eq!(n.reason, reason::TOO_DEEP),
            other => panic!("{other:?}"),
        }
        let text =
            html_to_text(&format!("{}<p>The minister spoke.</p>{}", "<i>".repeat(50_000), "</i>".repeat(50_000)));
        assert_eq!(text, "The minister spoke.");
        // A long list with unclosed items is an ordinary page.
        let list = format!(
            "<html><body><article><h1>Votes</h1>{}</article></body></html>",
            "<p>The council voted again on the river dispute today.".repeat(3000)
        );
        assert!(matches!(page("list.html", list.as_bytes(), &Origin::default()).as_slice(), [Item::Article(_)]));
    }

    /// An invented news page with the usual furniture around the story.
    pub(crate) const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministers meet over river dispute | The Valley Courier</title>
<meta property="og:title" content="Ministers meet over river dispute">
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2024-04-09T08:30:00Z">
<link rel="canonical" href="https://courier.example/world/river-talks">
</head><body>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav></header>
<div class="ad banner">Buy one mattress, get a second mattress free this weekend only!</div>
<main><article class="story">
<h1>Ministers meet over river dispute</h1>
<p>The foreign ministers of Arland and Belmark met in the border town of Kessa on Monday to discuss the
shared use of the Tamar river, after months of rising tension over a new dam upstream.</p>
<p>Arland's minister said her government would release more water during the dry season, while Belmark
agreed to share flow measurements from its gauging stations every week, officials said.</p>
<p>Farmers on both banks have protested since January, and police in Kessa detained twelve people
after a march blocked the bridge last month. The ministers plan to meet again in June.</p>
</article></main>
<section class="comments" id="comments"><h3>Comments</h3><div class="comment">First! Great article lol.</div></section>
<footer class="site-footer"><p>Copyright 2024 The Valley Courier. All rights reserved. Privacy policy. Cookie settings.</p></footer>
</body></html>"#;

    fn only_article(items: Vec<Item>) -> Article {
        let mut articles: Vec<Article> = items
            .into_iter()
            .map(|i| match i {
                Item::Article(a) => a,
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(articles.len(), 1);
        articles.pop().unwrap()
    }

    #[test]
    fn main_text_without_boilerplate() {
        let a = only_article(page("news/river.html", PAGE.as_bytes(), &Origin::default()));
        assert_eq!(a.id, "news/river.html");
        assert!(a.text.contains("met in the border town of Kessa on Monday"), "{}", a.text);
        assert!(a.text.contains("The ministers plan to meet again in June."), "{}", a.text);
        for junk in ["Subscribe today", "mattress", "First! Great", "Copyright", "Cookie settings"] {
            assert!(!a.text.contains(junk), "{junk:?} in {}", a.text);
        }
        // Paragraphs stay apart: the second begins after a blank line.
        assert!(a.text.contains("\n\nArland's minister said"), "{}", a.text);
        assert!(a.text.contains("to discuss the shared use"), "line breaks inside a paragraph are spaces: {}", a.text);
        assert_eq!(a.title.as_deref(), Some("Ministers meet over river dispute"));
        assert_eq!(a.url.as_deref(), Some("https://courier.example/world/river-talks"));
        assert_eq!(a.published.as_deref(), Some("2024-04-09"));
        assert_eq!(a.outlet.as_deref(), Some("The Valley Courier"));
    }

    #[test]
    fn dates_from_time_elements_and_the_container() {
        let html = PAGE
            .replace(r#"<meta property="article:published_time" content="2024-04-09T08:30:00Z">"#, "")
            .replace("<h1>", r#"<time datetime="2024-04-08">8 April</time><h1>"#);
        let a = only_article(page("p.html", html.as_bytes(), &Origin::default()));
        assert_eq!(a.published.as_deref(), Some("2024-04-08"));
        let ld = r#"<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Ministers meet over river dispute", "datePublished": "2024-04-07T18:00:00+02:00"}</script>"#;
        let with_ld = html.replace("</head>", &format!("{ld}</head>"));
        let a = only_article(page("p.html", with_ld.as_bytes(), &Origin::default()));
        assert_eq!(a.published.as_deref(), Some("2024-04-07"), "JSON-LD wins over <time>");
        let html = html.replace(r#"<time datetime="2024-04-08">8 April</time>"#, "");
        let origin = Origin { date: Some("2024-04-10".into()), ..Default::default() };
        let a = only_article(page("p.html", html.as_bytes(), &origin));
        assert_eq!(a.published.as_deref(), Some("2024-04-10"));
    }

    #[test]
    fn declared_charsets_are_decoded() {
        let latin1: Vec<u8> = PAGE
            .replace("charset=\"utf-8\"", "charset=\"iso-8859-1\"")
            .replace("Kessa on Monday", "K\u{e9}ssa on Monday")
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        let items = page("p.html", &latin1, &Origin::default());
        let a = only_article(items);
        assert!(a.text.contains("Késsa on Monday"), "{}", a.text);
    }

    #[test]
    fn a_page_without_an_article_is_skipped() {
        let items = page(
            "empty.html",
            b"<html><head><title>Menu</title></head><body><nav></nav></body></html>",
            &Origin::default(),
        );
        assert!(
            matches!(&items[..], [Item::Skipped(n)] if n.reason == reason::NO_ARTICLE_TEXT && n.location == "empty.html"),
            "{items:?}"
        );
        let items = page("junk.html", &[0xff, 0x00, 0x3c, 0x3c, 0x3e], &Origin::default());
        assert!(items.iter().any(|i| matches!(i, Item::Skipped(_))), "{items:?}");
    }

    #[test]
    fn fragments_to_text() {
        let t = html_to_text(
            "<p>Troops <b>withdrew</b> on Monday.</p><script>var x=1;</script><p>Talks  resume\n today.</p>",
        );
        assert_eq!(t, "Troops withdrew on Monday.\n\nTalks resume today.");
        assert_eq!(html_to_text("Plain line one.\n\nPlain line two."), "Plain line one.\n\nPlain line two.");
    }
}

//! Every page of a running server, loaded in headless Chromium (Debian's
//! `chromium` and `chromium-driver`) through WebDriver: what a user sees,
//! checked against the store, and a screenshot of each page saved to
//! `target/serve-screenshots/`. Skipped with a message where Chromium is
//! missing; a failure there when `ANNALS_REQUIRE_SHARED=1` or `CI` is set.

mod common;

use annals_store::{CountBy, Filter, Store};
use common::webdriver::Browser;
use serde_json::{json, Value};
use std::path::PathBuf;

fn shots() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../serve-screenshots")
}

fn store() -> Store {
    Store::open_read_only(common::shared_store()).unwrap()
}

fn num(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn each_page_shows_what_the_store_holds() {
    let Some(b) = Browser::start() else { return };
    let server = common::Server::start(&common::shared_store());
    let base = format!("http://{}", server.addr);
    let s = store();

    // Events: the table's rows are the first page of the store's events.
    let total = s.totals().unwrap().1;
    b.goto(&format!("{base}/"));
    let v = b.eval(
        "return {rows: document.querySelectorAll('table.events tbody tr').length,
                 total: document.getElementById('total').textContent,
                 first: document.querySelector('table.events tbody tr td.date a').getAttribute('href'),
                 ids: [...document.querySelectorAll('table.events tbody tr')].map(r => r.dataset.id)};",
        json!([]),
    );
    assert_eq!(num(&v["rows"]), total.min(50));
    assert_eq!(v["total"].as_str(), Some(total.to_string().as_str()));
    let want: Vec<String> =
        s.query(&Filter { limit: Some(50), ..Default::default() }).unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(v["ids"], json!(want));
    assert!(v["first"].as_str().unwrap().starts_with("/articles/example-0001#ev-"), "{v}");
    b.screenshot(&shots().join("events.png"));

    // A filtered view, from the form, keeps its filters in the URL.
    b.goto(&format!("{base}/"));
    b.type_into("input[name=country]", "KEN");
    b.click("form.filters button[type=submit]");
    b.wait_until("return location.search.includes('country=KEN') && document.readyState === 'complete';");
    let v = b.eval(
        "return {url: location.search, rows: document.querySelectorAll('table.events tbody tr').length};",
        json!([]),
    );
    assert!(v["url"].as_str().unwrap().contains("country=KEN"), "{v}");
    let ken = s.query(&Filter { country: Some("KEN".into()), ..Default::default() }).unwrap();
    assert_eq!(num(&v["rows"]), ken.len() as u64);

    // Article: each event's trigger, source and target highlighted from
    // their byte spans; pointing at a trigger shows its record.
    let events = s.article_events("example-0001").unwrap();
    assert!(events.len() >= 5);
    b.goto(&format!("{base}/articles/example-0001"));
    let marks = b.eval(
        "return [...document.querySelectorAll('#text .hl')].map(a => [a.dataset.marks, a.textContent]);",
        json!([]),
    );
    let text = s.article("example-0001").unwrap().unwrap().text;
    for (i, e) in events.iter().enumerate() {
        let mut spans = vec![("trigger", e.trigger.start, e.trigger.end)];
        spans.extend(e.source.iter().map(|a| ("source", a.start, a.end)));
        spans.extend(e.target.iter().map(|a| ("target", a.start, a.end)));
        for (kind, start, end) in spans {
            let tag = format!("{i}:{kind}");
            let shown: String = marks
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| m[0].as_str().unwrap().split(' ').any(|x| x == tag))
                .map(|m| m[1].as_str().unwrap())
                .collect();
            assert_eq!(shown, &text[start..end], "{tag} of {}", e.id);
        }
    }
    let cards = b.eval(
        "return [document.querySelectorAll('.cards .card').length, document.querySelectorAll('.cards .card details.explain li').length];",
        json!([]),
    );
    assert_eq!(num(&cards[0]), events.len() as u64);
    // Stored without explanations, explained by coding the article again.
    assert!(events.iter().all(|e| e.explain.is_empty()));
    assert!(num(&cards[1]) >= events.len() as u64, "{cards}");
    // The modes and history look different from each other (the legend
    // draws one trigger of each).
    let looks = b.eval(
        "return [...document.querySelectorAll('.legend .hl.k-trigger[class*=m-]')].map(e => {
            const c = getComputedStyle(e);
            return [e.className, [c.textDecorationLine, c.borderBottomStyle, c.borderBottomColor, c.backgroundColor, c.fontStyle].join('|')];
         });",
        json!([]),
    );
    let looks = looks.as_array().unwrap();
    assert_eq!(looks.len(), 8, "{looks:?}");
    let distinct: std::collections::HashSet<&str> = looks.iter().map(|l| l[1].as_str().unwrap()).collect();
    assert_eq!(distinct.len(), 8, "two modes look alike: {looks:?}");
    // The article's own triggers take their event's mode.
    for (i, e) in events.iter().enumerate() {
        let class = b.eval(
            "const a = [...document.querySelectorAll('#text .hl')].find(a => a.dataset.marks.split(' ')[0] === arguments[0]);
             return a ? a.className : null;",
            json!([format!("{i}:trigger")]),
        );
        if let Some(c) = class.as_str() {
            assert!(c.contains(&format!("m-{}", e.mode.as_str())), "{c} for {}", e.id);
            assert_eq!(c.contains("hist"), e.historical, "{c} for {}", e.id);
        }
    }
    let first_trigger = "#text .hl[data-marks^='0:trigger']";
    b.hover(first_trigger);
    let panel = b.eval(
        "const p = document.getElementById('panel');
         return {hidden: p.hidden, cards: p.querySelectorAll('.card').length,
                 record: p.querySelector('pre') ? p.querySelector('pre').textContent : null};",
        json!([]),
    );
    assert_eq!(panel["hidden"], false);
    assert!(num(&panel["cards"]) >= 1, "{panel}");
    let record: Value = serde_json::from_str(panel["record"].as_str().unwrap()).unwrap();
    assert_eq!(record["id"], events[0].id.as_str());
    b.screenshot(&shots().join("article.png"));

    // Timeline: the bars add up to the dated events, by quad class.
    b.goto(&format!("{base}/timeline?by=month"));
    let bars = b.eval(
        "return [...document.querySelectorAll('svg.timeline g.bar')].map(g =>
            [g.dataset.key, [...g.querySelectorAll('rect')].map(r => [+r.dataset.quad, +r.dataset.n, r.getBBox().height])]);",
        json!([]),
    );
    let counts = s.counts(CountBy::Month, &Filter::default()).unwrap();
    let dated: Vec<_> = counts.iter().filter(|c| !c.keys[0].is_empty()).collect();
    let bars = bars.as_array().unwrap();
    assert_eq!(bars.len(), dated.len());
    for (bar, c) in bars.iter().zip(&dated) {
        assert_eq!(bar[0].as_str(), Some(c.keys[0].as_str()));
        let rects = bar[1].as_array().unwrap();
        assert_eq!(rects.iter().map(|r| num(&r[1])).sum::<u64>(), c.count, "{}", c.keys[0]);
        assert!(rects.iter().all(|r| r[2].as_f64().unwrap() > 0.0));
    }
    b.screenshot(&shots().join("timeline.png"));

    // Map: one point per place, on the embedded outline.
    let places = s.places(&Filter::default(), 500).unwrap();
    assert!(!places.is_empty());
    b.goto(&format!("{base}/map"));
    let v = b.eval(
        "const x = new XMLHttpRequest(); x.open('GET', document.querySelector('svg.map image').getAttribute('href'), false); x.send();
         return {outline: x.status, points: [...document.querySelectorAll('svg.map circle.pt')].map(c => [c.dataset.name, +c.getAttribute('cx'), +c.getAttribute('cy'), c.getBBox().width])};",
        json!([]),
    );
    assert_eq!(v["outline"], 200);
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), places.len());
    for (pt, p) in points.iter().zip(&places) {
        assert_eq!(pt[0].as_str(), Some(p.name.as_str()));
        assert!((pt[1].as_f64().unwrap() - (p.lon + 180.0)).abs() < 0.01);
        assert!((pt[2].as_f64().unwrap() - (90.0 - p.lat)).abs() < 0.01);
        assert!(pt[3].as_f64().unwrap() > 0.0);
    }
    b.screenshot(&shots().join("map.png"));

    // Actors: the table's pairs and the network's arrows.
    let pairs = s.counts(CountBy::ActorPair, &Filter { limit: Some(30), ..Default::default() }).unwrap();
    b.goto(&format!("{base}/actors"));
    let v = b.eval(
        "return {rows: document.querySelectorAll('table.pairs tbody tr').length,
                 edges: [...document.querySelectorAll('svg.network path.edge')].map(e => [e.dataset.source, e.dataset.target, +e.dataset.n])};",
        json!([]),
    );
    assert_eq!(num(&v["rows"]), pairs.len() as u64);
    let drawn: Vec<_> =
        pairs.iter().filter(|c| !c.keys[0].is_empty() && !c.keys[1].is_empty() && c.keys[0] != c.keys[1]).collect();
    assert!(!drawn.is_empty());
    assert_eq!(v["edges"].as_array().unwrap().len(), drawn.len());
    assert_eq!(v["edges"][0], json!([drawn[0].keys[0], drawn[0].keys[1], drawn[0].count]));
    b.screenshot(&shots().join("actors.png"));

    // Code a report: paste, submit, and see the events beside the text.
    let pasted = "Qatar hosted talks between Niger and Mali in Doha on Tuesday. Niger's army did not withdraw its troops from Ayorou, officials said.";
    b.goto(&format!("{base}/code"));
    b.type_into("textarea[name=text]", pasted);
    b.eval("document.querySelector('input[name=date]').value = '2024-03-14';", json!([]));
    b.click("form.code button[type=submit]");
    b.wait_until("return !!document.getElementById('result') && document.readyState === 'complete';");
    let v = b.eval(
        "return {cards: document.querySelectorAll('#result .card').length,
                 triggers: [...document.querySelectorAll('#result #text .hl.k-trigger')].map(a => a.textContent),
                 kept: document.querySelector('textarea[name=text]').value};",
        json!([]),
    );
    let want = common::engine().code("pasted", pasted, Some("2024-03-14"));
    assert!(!want.is_empty());
    assert_eq!(num(&v["cards"]), want.len() as u64);
    assert_eq!(v["kept"].as_str(), Some(pasted));
    for e in &want {
        assert!(v["triggers"].as_array().unwrap().iter().any(|t| t.as_str() == Some(e.trigger.text.as_str())), "{v}");
    }
    b.screenshot(&shots().join("code.png"));
    assert_eq!(b.alert(), None);
}

/// What a page shows of an attack: whether script ran, and whether any
/// element or link came from the data.
fn inert(b: &Browser, page: &str) {
    assert_eq!(b.alert(), None, "{page}: an alert is open");
    let v = b.eval(
        "return {pwned: window.__pwned === undefined ? null : String(window.__pwned),
                 injected: document.querySelectorAll('img, b, svg[onload], [onerror], [onload], [onmouseover]').length,
                 scripts: [...document.scripts].filter(s => !(s.src && s.getAttribute('src') === '/static/app.js') && s.type !== 'application/json').length,
                 links: [...document.querySelectorAll('[href]')].filter(a => /^\\s*(javascript|data):/i.test(a.getAttribute('href'))).length,
                 };",
        json!([]),
    );
    assert_eq!(v["pwned"], Value::Null, "{page}: script from the data ran");
    assert_eq!(v["injected"], 0, "{page}: an element came from the data");
    assert_eq!(v["scripts"], 0, "{page}: a script element came from the data");
    assert_eq!(v["links"], 0, "{page}: a javascript: link");
}

#[test]
fn hostile_content_is_inert_on_every_page() {
    let Some(b) = Browser::start() else { return };
    let server = common::Server::start(&common::shared_store());
    let base = format!("http://{}", server.addr);
    let s = store();
    let id = "hostile <script>alert(1)</script>";
    let events = s.article_events(id).unwrap();
    assert!(!events.is_empty(), "the hostile report should have events to show");
    let only = "published-from=2024-03-21";

    b.goto(&format!("{base}/?{only}"));
    inert(&b, "events");
    let shown = b.eval("return document.querySelectorAll('table.events tbody tr').length;", json!([]));
    assert_eq!(num(&shown), events.len() as u64);
    let table = b.eval("return document.querySelector('table.events').innerText;", json!([]));
    assert!(table.as_str().unwrap().contains("Egypt"), "{table}");

    let url = format!("{base}{}", annals_serve::pages::article_url(id));
    b.goto(&url);
    inert(&b, "article");
    let v = b.eval(
        "return {title: document.getElementById('title').textContent, text: document.getElementById('text').textContent,
                 doc: document.title, url: document.querySelector('.meta .url').tagName, outlet: document.querySelector('.meta .outlet').textContent};",
        json!([]),
    );
    assert_eq!(v["title"].as_str(), Some(common::HOSTILE_TITLE));
    assert!(v["doc"].as_str().unwrap().starts_with(common::HOSTILE_TITLE));
    assert_eq!(v["text"].as_str(), s.article(id).unwrap().map(|a| a.text).as_deref());
    assert_eq!(v["url"], "SPAN", "a javascript: URL is shown as text, not as a link");
    assert!(v["outlet"].as_str().unwrap().starts_with("<svg onload="));
    // The records in the page's JSON are the stored records.
    let data = b.eval("return JSON.parse(document.getElementById('annals-events').textContent);", json!([]));
    assert_eq!(data.as_array().unwrap().len(), events.len());
    assert_eq!(data[0]["text"].as_str(), Some(events[0].text.as_str()));
    // Pointing at every highlight fills the panel from the data, still inert.
    let n = num(&b.eval("return document.querySelectorAll('#text .hl').length;", json!([])));
    for i in 0..n {
        b.eval("document.querySelectorAll('#text .hl')[arguments[0]].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));", json!([i]));
    }
    b.hover("#text .hl");
    inert(&b, "article after hovering");
    b.screenshot(&shots().join("hostile-article.png"));

    for page in ["timeline", "map", "actors"] {
        b.goto(&format!("{base}/{page}?{only}"));
        inert(&b, page);
    }
    // Filter values are echoed in the form as values, not markup.
    let attack =
        "%22%3E%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E%3Cscript%3Ewindow.__pwned%3D2%3C%2Fscript%3E";
    b.goto(&format!("{base}/?actor-name={attack}&place={attack}"));
    inert(&b, "events with hostile filters");
    let v = b.eval("return document.querySelector('input[name=\"actor-name\"]').value;", json!([]));
    assert!(v.as_str().unwrap().starts_with("\"><img src=x"));
    b.goto(&format!("{base}/articles/%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"));
    inert(&b, "the 404 page");

    // Pasting the hostile report codes it, and shows it inert too.
    let text = s.article(id).unwrap().unwrap().text;
    b.goto(&format!("{base}/code"));
    b.eval("document.querySelector('textarea[name=text]').value = arguments[0];", json!([text]));
    b.click("form.code button[type=submit]");
    b.wait_until("return !!document.getElementById('result') && document.readyState === 'complete';");
    inert(&b, "code");
    let v = b.eval(
        "return {kept: document.querySelector('textarea[name=text]').value, cards: document.querySelectorAll('#result .card').length};",
        json!([]),
    );
    assert_eq!(v["kept"].as_str(), Some(text.as_str()), "</textarea> in the text did not close the form's textarea");
    assert!(num(&v["cards"]) >= 1);
}

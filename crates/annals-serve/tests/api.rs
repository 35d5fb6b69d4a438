//! The JSON API against a store built in the test (see `common`), called
//! through the router as a client would call the server.

mod common;

use annals_store::{CountBy, Filter, Store};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn call(req: Request<Body>) -> Answer {
    let db = common::shared_store();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async move {
        let res = annals_serve::router(common::app(&db)).oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Answer { status, headers, body }
    })
}

fn get(uri: &str) -> Answer {
    call(Request::get(uri).body(Body::empty()).unwrap())
}

fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Answer {
    call(Request::post(uri).header("content-type", content_type).body(body.into()).unwrap())
}

fn store() -> Store {
    Store::open_read_only(common::shared_store()).unwrap()
}

fn ids(v: &serde_json::Value) -> Vec<String> {
    v["events"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn event_pages_follow_their_cursors_through_every_match() {
    let s = store();
    for (query, filter) in [
        ("", Filter::default()),
        ("mode=asserted&", Filter { mode: Some("asserted".into()), ..Default::default() }),
        ("country=KEN&", Filter { country: Some("KEN".into()), ..Default::default() }),
    ] {
        let want: Vec<String> = s.query(&filter).unwrap().into_iter().map(|e| e.id).collect();
        assert!(want.len() >= 3, "{query}: {want:?}");
        let mut got = Vec::new();
        let mut uri = format!("/api/events?{query}limit=2");
        let mut pages = 0;
        loop {
            let a = get(&uri);
            assert_eq!(a.status, 200, "{uri}: {}", a.text());
            let v = a.json();
            got.extend(ids(&v));
            pages += 1;
            match v["next"].as_str() {
                Some(next) => {
                    assert_eq!(v["next_cursor"].as_str().map(|c| next.ends_with(&format!("cursor={c}"))), Some(true));
                    uri = next.to_string();
                }
                None => {
                    assert!(v["next_cursor"].is_null());
                    break;
                }
            }
        }
        assert_eq!(got, want, "{query}");
        assert_eq!(pages, want.len().div_ceil(2), "{query}");
    }
    // The records are the stored records, byte for byte.
    let a = get("/api/events?limit=1");
    let first = s.query(&Filter { limit: Some(1), ..Default::default() }).unwrap().remove(0);
    assert!(a.text().starts_with(&format!(r#"{{"events":[{}]"#, first.to_json())), "{}", a.text());
}

#[test]
fn one_event_and_one_article_with_byte_spans() {
    let s = store();
    let all = s.query(&Filter::default()).unwrap();
    let e = &all[0];
    let a = get(&format!("/api/events/{}", urlencode(&e.id)));
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.json()["event"]["id"], e.id.as_str());
    assert!(a.json()["happening"].is_object() || e.mode != annals_record::Mode::Asserted);
    assert_eq!(get("/api/events/nope:1:1").status, 404);

    // An id with a slash and a space, URL-encoded as one segment.
    let a = get("/api/articles/test%2Fkenya%201");
    assert_eq!(a.status, 200, "{}", a.text());
    let v = a.json();
    let text = v["article"]["text"].as_str().unwrap();
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        for part in ["trigger", "source", "target"] {
            if let Some(span) = e[part].as_object() {
                let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
                assert_eq!(&text[start..end], span["text"].as_str().unwrap(), "{part} of {}", e["id"]);
            }
        }
    }
    let hostile = get("/api/articles/hostile%20%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert_eq!(hostile.status, 200, "{}", hostile.text());
    assert_eq!(hostile.json()["article"]["title"], common::HOSTILE_TITLE);
    let missing = get("/api/articles/..%2F..%2FCargo.toml");
    assert_eq!(missing.status, 404);
    assert!(missing.json()["error"].as_str().unwrap().contains("no such article"));
}

fn urlencode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[test]
fn counts_and_happenings_are_the_stores() {
    let s = store();
    for (by, name) in
        [(CountBy::Day, "day"), (CountBy::Week, "week"), (CountBy::Month, "month"), (CountBy::ActorPair, "pair")]
    {
        let f = Filter { limit: (by == CountBy::ActorPair).then_some(100), ..Default::default() };
        let want = s.counts(by, &f).unwrap();
        let v = get(&format!("/api/counts?by={name}")).json();
        assert_eq!(v["by"], name);
        let rows = v["counts"].as_array().unwrap();
        assert_eq!(rows.len(), want.len(), "{name}");
        for (r, c) in rows.iter().zip(&want) {
            assert_eq!(r["events"].as_u64(), Some(c.count));
            assert_eq!(r[by.columns()[0]].as_str(), Some(c.keys[0].as_str()));
        }
        assert!(!want.is_empty());
    }
    let hs = s.happenings(&Filter { country: Some("KEN".into()), limit: Some(100), ..Default::default() }).unwrap();
    let v = get("/api/happenings?country=KEN").json();
    let got = v["happenings"].as_array().unwrap();
    assert_eq!(got.len(), hs.len());
    assert!(!hs.is_empty());
    // The two Nairobi reports tell one arrest: one happening, two outlets.
    assert!(hs.iter().any(|h| h.outlets == 2 && h.articles == 2), "{hs:?}");
    assert_eq!(got[0]["id"].as_i64(), Some(hs[0].id));
}

#[test]
fn exports_stream_what_the_store_writes() {
    let s = store();
    for (format, filter, query) in [
        ("jsonl", Filter::default(), ""),
        ("csv", Filter { country: Some("KEN".into()), ..Default::default() }, "&country=KEN"),
        ("gdelt", Filter::default(), ""),
        ("gdelt-mentions", Filter::default(), ""),
        ("plover", Filter { mode: Some("asserted".into()), ..Default::default() }, "&mode=asserted"),
    ] {
        let f = annals_serve::api::Format::parse(format).unwrap();
        let mut want = Vec::new();
        annals_serve::api::write_export(&s, &filter, f, &mut want).unwrap();
        let a = get(&format!("/api/export?format={format}{query}"));
        assert_eq!(a.status, 200, "{format}: {}", a.text());
        assert!(!want.is_empty(), "{format}");
        assert_eq!(a.text(), String::from_utf8(want).unwrap(), "{format}");
        assert!(a.headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
    }
    assert_eq!(get("/api/export").status, 400);
    assert_eq!(get("/api/export?format=parquet").status, 400);
    assert_eq!(get("/api/export?format=csv&from=2024-13").status, 400);
}

#[test]
fn pasted_text_is_coded_with_explanations_and_nothing_is_stored() {
    let before = store().totals().unwrap();
    let body = serde_json::json!({"text": "Qatar hosted talks between Niger and Mali in Doha on Tuesday.", "date": "2024-03-14"});
    let a = post("/api/code", "application/json", body.to_string());
    assert_eq!(a.status, 200, "{}", a.text());
    let v = a.json();
    let events = v["events"].as_array().unwrap();
    let want = common::engine().code("pasted", body["text"].as_str().unwrap(), Some("2024-03-14"));
    assert_eq!(events.len(), want.len());
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e["explain"].as_array().is_some_and(|x| !x.is_empty())), "{v}");
    assert_eq!(store().totals().unwrap(), before);

    for (body, status) in [
        ("{\"text\": 3}".to_string(), 400),
        ("not json".to_string(), 400),
        (serde_json::json!({"text": "x", "when": "2024"}).to_string(), 400),
        (serde_json::json!({"text": "Egypt met Sudan.", "date": "2024-02-30"}).to_string(), 400),
        (serde_json::json!({"text": "   "}).to_string(), 400),
        (serde_json::json!({"text": "a".repeat(annals_serve::MAX_CODE_TEXT + 1)}).to_string(), 413),
    ] {
        let a = post("/api/code", "application/json", body.clone());
        assert_eq!(a.status, status, "{}: {}", &body[..body.len().min(60)], a.text());
        assert_eq!(a.json()["status"], status);
    }
    // Larger than any body accepted at all.
    let a = post("/api/code", "application/json", vec![b' '; annals_serve::MAX_BODY + 1]);
    assert_eq!(a.status, 413, "{}", a.text());
}

#[test]
fn unknown_parameters_and_bad_values_are_400_with_a_message() {
    for uri in [
        "/api/events?actr=NER",
        "/api/events?limit=1001",
        "/api/events?limit=ten",
        "/api/events?cursor=abc",
        "/api/events?mode=rumoured",
        "/api/events?from=2024-02-30",
        "/api/events?actor=NER&actor=MLI",
        "/api/events?actor=%27%20OR%201%3D1%20--",
        "/api/events?text=%22unbalanced",
        "/api/events?text=%27%3B%20DROP%20TABLE%20events%3B%20--",
        "/api/counts?by=year",
        "/api/counts?by=day&limit=5",
        "/api/happenings?cursor=1",
        "/api/events/x?actor=NER",
        "/api/articles/x?y=1",
        "/?nope=1",
        "/timeline?by=pair",
        "/map?limit=3",
        "/actors?limit=0",
        "/articles/x?y=1",
        "/code?x=1",
    ] {
        let a = get(uri);
        assert_eq!(a.status, 400, "{uri}: {}", a.text());
        if uri.starts_with("/api/") {
            let m = a.json()["error"].as_str().unwrap().to_string();
            assert!(m.len() > 10, "{uri}: {m}");
        } else {
            assert!(a.text().contains("400 Bad Request"), "{uri}");
        }
    }
    let long = format!("/api/events?text={}", "a".repeat(5000));
    assert_eq!(get(&long).status, 414);
    // One value over its cap, in a query string under the whole cap.
    let value = format!("/api/events?actor-name={}", "a".repeat(annals_serve::params::MAX_VALUE + 1));
    let a = get(&value);
    assert_eq!(a.status, 400, "{}", a.text());
    assert!(a.json()["error"].as_str().unwrap().contains("actor-name"), "{}", a.text());
    // The largest page is accepted; one more is not (above).
    let a = get(&format!("/api/events?limit={}", annals_serve::params::MAX_LIMIT));
    assert_eq!(a.status, 200, "{}", a.text());
    let all = store().totals().unwrap().1 as usize;
    assert_eq!(ids(&a.json()).len(), all.min(annals_serve::params::MAX_LIMIT));
}

#[test]
fn the_paste_page_codes_a_form_within_its_limits_and_stores_nothing() {
    let before = store().totals().unwrap();
    let form = "application/x-www-form-urlencoded";
    let text = "Qatar hosted talks between Niger and Mali in Doha on Tuesday.";
    let body = serde_urlencoded::to_string([("text", text), ("date", "2024-03-14")]).unwrap();
    let a = post("/code", form, body);
    assert_eq!(a.status, 200, "{}", a.text());
    let page = a.text();
    let want = common::engine().code("pasted", text, Some("2024-03-14"));
    assert!(!want.is_empty());
    assert!(page.contains("id=\"result\""), "no result section");
    assert_eq!(page.matches("<article id=\"ev-").count(), want.len(), "one card per event");
    for (body, status) in [
        (serde_urlencoded::to_string([("text", "a".repeat(annals_serve::MAX_CODE_TEXT + 1))]).unwrap(), 413),
        (serde_urlencoded::to_string([("text", "Egypt met Sudan."), ("date", "2024-02-30")]).unwrap(), 400),
        (serde_urlencoded::to_string([("text", "Egypt met Sudan."), ("extra", "1")]).unwrap(), 400),
        ("date=2024-03-14".to_string(), 400),
    ] {
        let a = post("/code", form, body.clone());
        assert_eq!(a.status, status, "{}: {}", &body[..body.len().min(60)], &a.text()[..a.text().len().min(300)]);
    }
    assert_eq!(store().totals().unwrap(), before);
}

#[test]
fn sql_like_values_are_data() {
    let s = store();
    let all = s.totals().unwrap().1;
    for q in [
        "actor-name=%27%20OR%20%271%27%3D%271",
        "place=%25",
        "place=_",
        "actor-name=%22%3B%20DELETE%20FROM%20events%3B%20--",
        "country=ZZZ",
    ] {
        let a = get(&format!("/api/events?{q}"));
        assert_eq!(a.status, 200, "{q}: {}", a.text());
        assert_eq!(ids(&a.json()).len(), 0, "{q} matched something");
    }
    // The hostile report's SQL is text to search, like any other.
    let a = get("/api/events?text=%22DROP%20TABLE%22");
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(s.totals().unwrap().1, all);
}

#[test]
fn every_response_carries_the_security_headers() {
    for uri in ["/", "/api/events", "/static/app.css", "/api/nope", "/nope", "/api/events?bad=1", "/openapi.json"] {
        let a = get(uri);
        let csp = a.headers.get("content-security-policy").map(|v| v.to_str().unwrap().to_string());
        assert_eq!(csp.as_deref(), Some(annals_serve::CSP), "{uri}");
        assert!(!annals_serve::CSP.contains("unsafe-inline"));
        assert_eq!(a.headers["x-content-type-options"], "nosniff", "{uri}");
    }
}

#[test]
fn static_files_come_from_the_binary_only() {
    assert_eq!(get("/static/app.js").status, 200);
    let svg = get("/static/world.svg");
    assert_eq!(svg.status, 200);
    assert!(svg.body.len() < 300_000 && svg.text().contains("<path"));
    for uri in [
        "/static/..%2F..%2FCargo.toml",
        "/static/../Cargo.toml",
        "/static/%2e%2e%2fsrc%2flib.rs",
        "/static/",
        "/Cargo.toml",
    ] {
        assert_eq!(get(uri).status, 404, "{uri}");
    }
}

#[test]
fn the_openapi_document_names_every_api_route_and_each_answers() {
    let doc: serde_json::Value = serde_json::from_str(annals_serve::assets::OPENAPI).unwrap();
    assert_eq!(get("/openapi.json").json(), doc);
    let paths: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    for route in [
        "/api/events",
        "/api/events/{id}",
        "/api/articles/{id}",
        "/api/counts",
        "/api/happenings",
        "/api/export",
        "/api/code",
    ] {
        assert!(paths.contains(&route), "{route} is not documented");
    }
    let s = store();
    let event = s.query(&Filter { limit: Some(1), ..Default::default() }).unwrap().remove(0);
    for p in paths {
        let ops = doc["paths"][p].as_object().unwrap();
        let uri = p.replace("{id}", &urlencode(if p.contains("article") { &event.article } else { &event.id }));
        let a = if ops.contains_key("post") {
            post(&uri, "application/json", r#"{"text": "Egypt met Sudan."}"#)
        } else if p == "/api/export" {
            get(&format!("{uri}?format=jsonl"))
        } else {
            get(&uri)
        };
        assert_eq!(a.status, 200, "{uri}: {}", a.text());
        // Every documented filter is accepted.
        if let Some(params) = ops.values().next().and_then(|o| o["parameters"].as_array()) {
            let refs = params.iter().filter(|x| x.get("$ref").is_some()).count();
            if refs > 0 {
                assert_eq!(refs, annals_serve::params::FILTERS.len(), "{p}");
            }
        }
    }
}

#[test]
fn the_store_is_read_only_to_the_server() {
    let pool = annals_serve::db::Pool::open(&common::shared_store(), 1, std::time::Duration::from_secs(5)).unwrap();
    let pool = std::sync::Arc::new(pool);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let r = rt.block_on(pool.run(std::time::Duration::from_secs(5), |s| {
        s.connection()
            .execute("DELETE FROM events", [])
            .map_err(|e| annals_serve::error::Failure::Internal(e.to_string()))
    }));
    assert!(r.is_err());
}

#[test]
fn a_query_past_its_time_limit_is_stopped_and_answers_503() {
    let pool = annals_serve::db::Pool::open(&common::shared_store(), 1, std::time::Duration::from_secs(5)).unwrap();
    let pool = std::sync::Arc::new(pool);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    // A billion rows would take minutes; the limit stops it.
    let r = rt.block_on(pool.run(std::time::Duration::from_millis(50), |s| {
        s.connection()
            .query_row(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| annals_serve::error::Failure::from_store(e.into(), None))
    }));
    let e = r.unwrap_err();
    assert_eq!(e.status(), 503, "{e}");
    // The connection goes back to the pool and answers the next request.
    let n = rt.block_on(pool.run(std::time::Duration::from_secs(5), |s| {
        Ok(s.totals().map_err(|e| annals_serve::error::Failure::from_store(e, None))?.1)
    }));
    assert!(n.unwrap() > 0);
}

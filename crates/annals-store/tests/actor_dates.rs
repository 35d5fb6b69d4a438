//! Actor and date-range queries (answered by index seeks) give exactly the
//! events a plain reading of the filter gives, whatever the dates' precision.

use annals_store::{ArticleRow, EventRow, Filter, Store};
use serde_json::json;

fn event(n: usize, source: Option<&str>, target: Option<&str>, date: Option<(&str, &str)>) -> EventRow {
    let actor = |c: Option<&str>| c.map(|c| json!({"text": c, "code": c, "country": &c[..3]}));
    let r = json!({
        "id": format!("a:{n}"), "article": "a", "sentence": n, "text": "S.", "trigger": {"text": "met", "start": 0, "end": 3},
        "source": actor(source), "target": actor(target), "cameo": "040", "plover": "CONSULT", "mode": "asserted",
        "date": date.map(|(v, p)| json!({"value": v, "precision": p, "basis": "explicit"})), "historical": false
    });
    EventRow::from_json(&r.to_string()).unwrap()
}

#[test]
fn actor_and_date_filters_match_a_plain_reading() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("t.db")).unwrap();
    let codes = [Some("NER"), Some("NERGOV"), Some("NERMIL"), Some("MLI"), Some("MLIREB"), None];
    let dates = [
        Some(("2024-03-14", "day")),
        Some(("2024-02-28", "day")),
        Some(("2024-03", "month")),
        Some(("2024-02", "month")),
        Some(("2024", "year")),
        Some(("2023", "year")),
        Some(("2023/2024", "year")),
        Some(("2010s", "decade")),
        Some(("2020s", "decade")),
        Some(("2024-W11", "week")),
        None,
    ];
    let mut events = Vec::new();
    for (i, src) in codes.iter().enumerate() {
        for (j, tgt) in codes.iter().enumerate() {
            let d = dates[(i * 7 + j * 3) % dates.len()];
            events.push(event(events.len(), *src, *tgt, d));
            let d = dates[(i + j * 5 + 1) % dates.len()];
            events.push(event(events.len(), *src, *tgt, d));
        }
    }
    let article = ArticleRow { id: "a".into(), text: "Text.".into(), ..Default::default() };
    s.insert_article(&article, &events).unwrap();

    let ranges = [
        (Some("2024-03"), Some("2024-03")),
        (Some("2024-03-01"), Some("2024-03-10")),
        (Some("2015"), Some("2015")),
        (Some("2024"), None),
        (None, Some("2023-06")),
        (Some("2019"), Some("2021")),
        (None, None),
    ];
    let mut checked = 0;
    for actor in ["NER", "NERGOV", "MLI", "M", "CHN"] {
        for (from, to) in ranges {
            let f = Filter {
                actor: Some(actor.into()),
                event_from: from.map(String::from),
                event_to: to.map(String::from),
                ..Default::default()
            };
            let got: Vec<String> = s.query(&f).unwrap().into_iter().map(|e| e.id).collect();
            // The plain reading: the actor's code starts so, and the days the
            // date can mean overlap the range (an undated event never does).
            let span = |d: &str| EventRow { event_date: Some(d.into()), ..Default::default() }.date_span();
            let lo = from.map(|d| span(d).0.unwrap());
            let hi = to.map(|d| span(d).1.unwrap());
            let want: Vec<String> = events
                .iter()
                .filter(|e| {
                    [&e.source_code, &e.target_code].iter().any(|c| c.as_deref().is_some_and(|c| c.starts_with(actor)))
                })
                .filter(|e| {
                    let (start, end) = e.date_span();
                    let after = lo.as_ref().is_none_or(|lo| end.as_ref().is_some_and(|end| end >= lo));
                    let before = hi.as_ref().is_none_or(|hi| start.as_ref().is_some_and(|start| start <= hi));
                    after && before
                })
                .map(|e| e.id.clone())
                .collect();
            assert_eq!(got, want, "actor {actor}, from {from:?} to {to:?}");
            checked += want.len();
        }
    }
    assert!(checked > 100, "the cases should select events, not only exclude them ({checked})");
}

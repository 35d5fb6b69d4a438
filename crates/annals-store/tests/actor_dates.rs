//! Actor and date-range queries (answered by index seeks) give exactly the
//! events a plain reading of the filter gives, whatever the dates' precision.
//! The days each date value can mean are written out here, not computed by
//! the code under test.

use annals_store::{ArticleRow, Event, Filter, Store};
use serde_json::json;

/// Date values, their precision, and the first and last day they mean.
type Dated = (&'static str, &'static str, &'static str, &'static str);

fn event(n: usize, source: Option<&str>, target: Option<&str>, date: Option<Dated>) -> Event {
    let actor = |c: Option<&str>| c.map(|c| json!({"text": c, "code": c, "country": &c[..3]}));
    let r = json!({
        "id": format!("a:{n}"), "article": "a", "sentence": n, "text": "S.", "trigger": {"text": "met", "start": 0, "end": 3},
        "source": actor(source), "target": actor(target), "cameo": "040", "plover": "CONSULT", "mode": "asserted",
        "date": date.map(|(v, p, _, _)| json!({"value": v, "precision": p, "basis": "explicit"})), "historical": false
    });
    Event::from_json(&r.to_string()).unwrap()
}

#[test]
fn actor_and_date_filters_match_a_plain_reading() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("t.db")).unwrap();
    let codes = [Some("NER"), Some("NERGOV"), Some("NERMIL"), Some("MLI"), Some("MLIREB"), None];
    let dates: [Option<Dated>; 13] = [
        Some(("2024-03-14", "day", "2024-03-14", "2024-03-14")),
        Some(("2024-02-28", "day", "2024-02-28", "2024-02-28")),
        Some(("2024-03", "month", "2024-03-01", "2024-03-31")),
        Some(("2024-02", "month", "2024-02-01", "2024-02-29")),
        Some(("2024", "year", "2024-01-01", "2024-12-31")),
        Some(("2023", "year", "2023-01-01", "2023-12-31")),
        Some(("2023/2024", "year", "2023-01-01", "2024-12-31")),
        Some(("2010s", "decade", "2010-01-01", "2019-12-31")),
        Some(("2020s", "decade", "2020-01-01", "2029-12-31")),
        Some(("2024-W11", "week", "2024-03-11", "2024-03-17")),
        Some(("2024-W09", "week", "2024-02-26", "2024-03-03")),
        Some(("2023-06", "month", "2023-06-01", "2023-06-30")),
        None,
    ];
    let mut events = Vec::new();
    for (i, src) in codes.iter().enumerate() {
        for (j, tgt) in codes.iter().enumerate() {
            let d = dates[(i * 7 + j * 3) % dates.len()];
            events.push((event(events.len(), *src, *tgt, d), d));
            let d = dates[(i + j * 5 + 1) % dates.len()];
            events.push((event(events.len(), *src, *tgt, d), d));
        }
    }
    let article = ArticleRow { id: "a".into(), text: "Text.".into(), ..Default::default() };
    let stored: Vec<Event> = events.iter().map(|e| e.0.clone()).collect();
    s.insert_article(&article, &stored).unwrap();

    // Filter values with the first day of the first and the last of the last.
    type Range = (Option<(&'static str, &'static str)>, Option<(&'static str, &'static str)>);
    let ranges: [Range; 10] = [
        (Some(("2024-03", "2024-03-01")), Some(("2024-03", "2024-03-31"))),
        (Some(("2024-03-01", "2024-03-01")), Some(("2024-03-10", "2024-03-10"))),
        (Some(("2015", "2015-01-01")), Some(("2015", "2015-12-31"))),
        (Some(("2024", "2024-01-01")), None),
        (None, Some(("2023-06", "2023-06-30"))),
        (Some(("2019", "2019-01-01")), Some(("2021", "2021-12-31"))),
        // The day after a month's real end: a month ending on "the 31st" would reach it.
        (Some(("2024-03-01", "2024-03-01")), Some(("2024-03-01", "2024-03-01"))),
        (Some(("2023-07-01", "2023-07-01")), Some(("2023-07-31", "2023-07-31"))),
        // Inside a week only.
        (Some(("2024-03-16", "2024-03-16")), Some(("2024-03-16", "2024-03-16"))),
        (None, None),
    ];
    let mut checked = 0;
    for actor in ["NER", "NERGOV", "MLI", "M", "CHN"] {
        for (from, to) in ranges {
            let f = Filter {
                actor: Some(actor.into()),
                event_from: from.map(|f| f.0.to_string()),
                event_to: to.map(|t| t.0.to_string()),
                ..Default::default()
            };
            let got: Vec<String> = s.query(&f).unwrap().into_iter().map(|e| e.id).collect();
            // The plain reading: the actor's code starts so, and the days the
            // date can mean overlap the range (an undated event only matches
            // when no range is given).
            let want: Vec<String> = events
                .iter()
                .filter(|(e, _)| {
                    [e.source_code(), e.target_code()].iter().any(|c| c.is_some_and(|c| c.starts_with(actor)))
                })
                .filter(|(_, d)| {
                    let Some((_, _, start, end)) = d else { return from.is_none() && to.is_none() };
                    from.is_none_or(|f| *end >= f.1) && to.is_none_or(|t| *start <= t.1)
                })
                .map(|(e, _)| e.id.clone())
                .collect();
            assert_eq!(got, want, "actor {actor}, from {from:?} to {to:?}");
            checked += want.len();
        }
    }
    assert!(checked > 100, "the cases should select events, not only exclude them ({checked})");
    // Weeks are dated: a filter on a day of week 11 finds its events.
    let week =
        Filter { event_from: Some("2024-03-16".into()), event_to: Some("2024-03-16".into()), ..Default::default() };
    assert!(s.query(&week).unwrap().iter().any(|e| e.date.as_ref().is_some_and(|d| d.value == "2024-W11")));
}

//! The days an event date means, as the store keeps them (`event_start`,
//! `event_end`) and exports them: a month ends on its real last day and an
//! ISO week runs from Monday to Sunday. Both were wrong before schema
//! version 6 (a month ended on its 31st, a week had no span), and stores
//! written then are mended on open.

mod common;

use annals_store::{schema, Filter, Store};
use common::{article, date, event};
use serde_json::{json, Value};

fn spans(store: &Store) -> Vec<(String, Option<String>, Option<String>)> {
    let mut st = store.connection().prepare("SELECT id, event_start, event_end FROM events ORDER BY seq").unwrap();
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

fn fill(store: &mut Store) {
    let events = [
        event("a", 1, 1, json!({"date": date("2024-02", "month")})),
        event("a", 1, 2, json!({"date": date("2024-W11", "week")})),
        event("a", 1, 3, json!({"date": date("2023-04", "month")})),
        event("a", 1, 4, json!({"date": date("2024-03-14", "day")})),
    ];
    store.insert_article(&article("a", "2024-03-20", "Text of a."), &events).unwrap();
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn want() -> Vec<(String, Option<String>, Option<String>)> {
    vec![
        ("a:1:1".into(), s("2024-02-01"), s("2024-02-29")),
        ("a:1:2".into(), s("2024-03-11"), s("2024-03-17")),
        ("a:1:3".into(), s("2023-04-01"), s("2023-04-30")),
        ("a:1:4".into(), s("2024-03-14"), s("2024-03-14")),
    ]
}

#[test]
fn months_end_on_their_last_day_and_weeks_have_their_days() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    assert_eq!(spans(&store), want());
    // A week is found by a day inside it, and counted under it.
    let f = Filter { event_from: s("2024-03-16"), event_to: s("2024-03-16"), ..Default::default() };
    let ids: Vec<String> = store.query(&f).unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(ids, ["a:1:2"]);
    // PLOVER gives the real last day of the month and the week's days.
    let mut out = Vec::new();
    store.write_plover(&mut out).unwrap();
    let recs: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let dates: Vec<(Value, Value)> = recs.iter().map(|r| (r["date"].clone(), r["enddate"].clone())).collect();
    assert_eq!(dates[0], (json!("2024-02-01"), json!("2024-02-29")));
    assert_eq!(dates[1], (json!("2024-03-11"), json!("2024-03-17")));
    assert_eq!(dates[3], (json!("2024-03-14"), Value::Null));
}

#[test]
fn a_store_from_before_version_6_is_mended_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut store = Store::open(&path).unwrap();
        fill(&mut store);
    }
    // Make it what version 5 wrote: months ending on the 31st, weeks without days.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE events SET event_end = substr(event_date, 1, 7) || '-31' WHERE date_precision = 'month';
             UPDATE events SET event_start = NULL, event_end = NULL WHERE date_precision = 'week';",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 5).unwrap();
        let end: String = conn.query_row("SELECT event_end FROM events WHERE id = 'a:1:1'", [], |r| r.get(0)).unwrap();
        assert_eq!(end, "2024-02-31");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    assert_eq!(spans(&store), want());
    // The rollup followed: counts by week agree with a count of the events.
    let f = Filter { event_from: s("2024-03-11"), event_to: s("2024-03-17"), ..Default::default() };
    let counted: u64 = store.counts(annals_store::CountBy::Week, &f).unwrap().iter().map(|c| c.count).sum();
    assert_eq!(counted, store.query(&f).unwrap().len() as u64);
    assert_eq!(counted, 2);
}

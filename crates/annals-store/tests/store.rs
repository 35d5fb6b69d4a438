//! The store through its public API, on real SQLite files in temp dirs.

mod common;

use annals_store::{ArticleRow, CountBy, DuplicateOf, Event, Filter, Inserted, Store};
use serde_json::json;

/// An article of the outlet "wire", with a title.
fn article(id: &str, url: Option<&str>, published: &str, text: &str) -> ArticleRow {
    ArticleRow {
        url: url.map(String::from),
        title: Some(format!("title of {id}")),
        outlet: Some("wire".into()),
        ..common::article(id, published, text)
    }
}

/// Event `n` of `article`'s first sentence.
#[allow(clippy::too_many_arguments)]
fn event(
    article: &str,
    n: usize,
    src: &str,
    tgt: Option<&str>,
    cameo: &str,
    plover: &str,
    date: &str,
    prec: &str,
    sentence: &str,
) -> Event {
    let fields = json!({
        "text": sentence, "source": common::actor(src, src, src), "target": tgt.map(|t| common::actor(t, t, t)),
        "cameo": cameo, "plover": plover, "date": common::date(date, prec)
    });
    common::event(article, 1, n, fields)
}

/// Three articles: Niger/Qatar talks in March 2024, a 2016 agreement, Mali troops in April 2024.
fn fill(store: &mut Store) {
    let a = article("a", Some("https://x/a"), "2024-03-14", "Niger and the front met in Doha.");
    let ea = [
        event("a", 1, "NERGOV", Some("NERREB"), "040", "CONSULT", "2024-03-12", "day", "Niger met the rebels in Doha."),
        event("a", 2, "QAT", Some("NERGOV"), "0431", "CONSULT", "2024-03-13", "day", "Qatar hosted the talks."),
        event("a", 3, "DZA", None, "057", "AGREE", "2016", "year", "An agreement mediated by Algeria collapsed."),
    ];
    let b = article("b", None, "2024-04-02", "Mali troops withdrew.");
    let eb = [event(
        "b",
        1,
        "MLIMIL",
        Some("NERREB"),
        "0871",
        "RETREAT",
        "2024-04-01",
        "day",
        "Troops withdrew from the ceasefire line.",
    )];
    let mut batch = store.batch(10);
    assert_eq!(batch.insert(&a, &ea).unwrap(), Inserted::New { events: 3 });
    assert_eq!(batch.insert(&b, &eb).unwrap(), Inserted::New { events: 1 });
    batch.finish().unwrap();
}

fn ids(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn migrates_an_empty_file_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), annals_store::schema::MIGRATIONS.len() as i64);
    let mode: String = store.connection().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.totals().unwrap(), (0, 0));
    assert!(Store::open_existing(dir.path().join("missing.db")).is_err());
}

#[test]
fn refuses_a_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    drop(Store::open(&path).unwrap());
    set_version(&path, 99);
    assert!(matches!(Store::open(&path), Err(annals_store::Error::NewerSchema { found: 99, .. })));
}

fn set_version(path: &std::path::Path, v: i64) {
    let s = Store::open(path).unwrap();
    s.connection().pragma_update(None, "user_version", v).unwrap();
}

#[test]
fn duplicates_by_id_url_and_normalised_text_add_nothing() {
    let (_dir, mut store) = common::temp_store();
    let run = store.start_run("test").unwrap();
    fill(&mut store);
    assert_eq!(store.totals().unwrap(), (2, 4));
    let e = [event("z", 1, "USA", None, "010", "CONSULT", "2024", "year", "s")];
    let cases = [
        (article("a", None, "2024-01-01", "Something else entirely."), DuplicateOf::Id),
        (article("c", Some("https://x/a"), "2024-01-01", "Another text."), DuplicateOf::Url),
        (article("d", Some("https://y/d"), "2024-01-01", "  mali TROOPS\n withdrew. "), DuplicateOf::Text),
    ];
    for (a, by) in cases {
        let existing = if by == DuplicateOf::Text { "b" } else { "a" };
        assert_eq!(store.find_duplicate(&a).unwrap(), Some((existing.into(), by)));
        assert_eq!(store.insert_article(&a, &e).unwrap(), Inserted::Duplicate { existing: existing.into(), by });
    }
    assert_eq!(store.totals().unwrap(), (2, 4));
    let run_of_a: i64 =
        store.connection().query_row("SELECT run_id FROM articles WHERE id='a'", [], |r| r.get(0)).unwrap();
    assert_eq!(run_of_a, run);
}

#[test]
fn a_failing_article_is_stored_whole_or_not_at_all() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    // Two events with one id: the second insert fails, the article must vanish with it.
    let ev = event("c", 1, "USA", None, "010", "CONSULT", "2024", "year", "s");
    let mut b = store.batch(10);
    assert!(b.insert(&article("c", None, "2024-01-01", "Fresh text."), &[ev.clone(), ev]).is_err());
    assert_eq!(b.insert(&article("d", None, "2024-01-01", "Other text."), &[]).unwrap(), Inserted::New { events: 0 });
    b.finish().unwrap();
    assert_eq!(store.totals().unwrap(), (3, 4));
}

#[test]
fn filters() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    let q = |f: Filter| ids(&store.query(&f).unwrap()).into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(q(Filter::default()).len(), 4);
    assert_eq!(q(Filter { actor: Some("NER".into()), ..Default::default() }), ["a:1:1", "a:1:2", "b:1:1"]);
    assert_eq!(q(Filter { actor: Some("NERGOV".into()), ..Default::default() }), ["a:1:1", "a:1:2"]);
    assert_eq!(q(Filter { actor: Some("NE*".into()), ..Default::default() }), Vec::<String>::new());
    assert_eq!(q(Filter { cameo: Some("04".into()), ..Default::default() }), ["a:1:1", "a:1:2"]);
    assert_eq!(q(Filter { plover: Some("retreat".into()), ..Default::default() }), ["b:1:1"]);
    assert_eq!(q(Filter { mode: Some("negated".into()), ..Default::default() }).len(), 0);
    assert_eq!(q(Filter { country: Some("dza".into()), ..Default::default() }), ["a:1:3"]);
    // A year-precision date overlaps any range within its year.
    let f = Filter { event_from: Some("2016-06".into()), event_to: Some("2016-06-30".into()), ..Default::default() };
    assert_eq!(q(f), ["a:1:3"]);
    let f = Filter { event_from: Some("2024-03-13".into()), event_to: Some("2024-04".into()), ..Default::default() };
    assert_eq!(q(f), ["a:1:2", "b:1:1"]);
    let f = Filter { published_from: Some("2024-04".into()), ..Default::default() };
    assert_eq!(q(f), ["b:1:1"]);
    assert_eq!(q(Filter { text: Some("ceasefire".into()), ..Default::default() }), ["b:1:1"]);
    assert_eq!(
        q(Filter { text: Some("doha OR qatar".into()), actor: Some("QAT".into()), ..Default::default() }),
        ["a:1:2"]
    );
    assert_eq!(q(Filter { limit: Some(1), ..Default::default() }), ["a:1:1"]);
    assert!(store.query(&Filter { event_from: Some("March".into()), ..Default::default() }).is_err());
    let all = store.query(&Filter::default()).unwrap();
    assert_eq!(all[0].source_code(), Some("NERGOV"));
    assert!(all[0].to_json().contains("\"id\":\"a:1:1\""));
}

#[test]
fn counts_by_period_and_pair() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    let c = |by, f: &Filter| {
        store.counts(by, f).unwrap().into_iter().map(|c| (c.keys.join("|"), c.count)).collect::<Vec<_>>()
    };
    let all = Filter::default();
    let s = |v: &[(&str, u64)]| v.iter().map(|(k, n)| (k.to_string(), *n)).collect::<Vec<_>>();
    assert_eq!(c(CountBy::Month, &all), s(&[("2016", 1), ("2024-03", 2), ("2024-04", 1)]));
    assert_eq!(c(CountBy::Day, &all), s(&[("2016", 1), ("2024-03-12", 1), ("2024-03-13", 1), ("2024-04-01", 1)]));
    assert_eq!(c(CountBy::Week, &all), s(&[("2016", 1), ("2024-W11", 2), ("2024-W14", 1)]));
    let ner = Filter { actor: Some("NER".into()), ..Default::default() };
    assert_eq!(c(CountBy::ActorPair, &ner), s(&[("MLIMIL|NERREB", 1), ("NERGOV|NERREB", 1), ("QAT|NERGOV", 1)]));
    assert_eq!(c(CountBy::ActorPair, &Filter { cameo: Some("057".into()), ..Default::default() }), s(&[("DZA|", 1)]));
}

#[test]
fn readers_see_committed_rows_while_a_batch_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut writer = Store::open(&path).unwrap();
    fill(&mut writer);
    let reader = Store::open(&path).unwrap();
    let mut b = writer.batch(100);
    b.insert(&article("c", None, "2024-05-01", "Uncommitted."), &[]).unwrap();
    assert_eq!(reader.totals().unwrap(), (2, 4));
    b.finish().unwrap();
    assert_eq!(reader.totals().unwrap(), (3, 4));
}

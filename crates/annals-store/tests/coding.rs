//! Provenance, replacing an article's events, and the name and place
//! filters, on real SQLite files in temp dirs.

mod common;

use annals_store::{ArticleRow, Coding, Event, Filter, Store};
use serde_json::json;

fn article(id: &str, text: &str) -> ArticleRow {
    common::article(id, "2024-05-02", text)
}

/// An event of `article`'s sentence `s`, by `source` (code, name, text), at `place` (name, country), on 2024-05-01.
fn event(article: &str, s: usize, n: usize, sentence: &str, source: [&str; 3], place: Option<[&str; 2]>) -> Event {
    let place = place.map(|[name, country]| json!({"text": name, "name": name, "country": country}));
    let fields = json!({
        "text": sentence, "trigger": {"text": "x", "start": n, "end": n + 1},
        "source": common::actor(source[0], source[1], source[2]), "date": common::date("2024-05-01", "day"),
        "place": place
    });
    common::event(article, s, n, fields)
}

fn coding(dict: &str) -> Coding {
    Coding { version: "0.1.0".into(), model_hash: "m1".into(), dict_hash: dict.into() }
}

fn text_ids(store: &Store, q: &str) -> Vec<String> {
    let f = Filter { text: Some(q.into()), ..Default::default() };
    store.query(&f).unwrap().into_iter().map(|e| e.id).collect()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

const EGY: [&str; 3] = ["EGY", "Egypt", "Egypt"];
const HMS: [&str; 3] = ["PSEREBHMS", "Hamas", "Hamas negotiators"];

/// Article "a" with two events about a truce, coded by dictionary "d1".
fn fill(store: &mut Store) {
    store.set_coding(&coding("d1")).unwrap();
    let e = [
        event("a", 1, 1, "Egypt hosted truce talks in Cairo.", EGY, Some(["Cairo", "EGY"])),
        event("a", 2, 1, "Hamas negotiators weighed the truce.", HMS, None),
    ];
    store
        .insert_article(&article("a", "Egypt hosted truce talks in Cairo. Hamas negotiators weighed the truce."), &e)
        .unwrap();
}

#[test]
fn codings_are_shared_not_repeated_per_event() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    let id = store.set_coding(&coding("d1")).unwrap();
    assert_eq!(store.find_coding(&coding("d1")).unwrap(), Some(id));
    let more = [event("b", 1, 1, "Egypt met Qatar.", EGY, None), event("b", 1, 2, "Egypt met Qatar.", EGY, None)];
    store.insert_article(&article("b", "Egypt met Qatar."), &more).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM codings"), 1);
    assert_eq!(count(&store, &format!("SELECT count(*) FROM events WHERE coding = {id}")), 4);
    assert_eq!(count(&store, &format!("SELECT count(*) FROM articles WHERE coding = {id}")), 2);
    assert_eq!(store.article_coding("b").unwrap(), Some(coding("d1")));

    // A new dictionary is a new row; the old one stays for the events it coded.
    assert_eq!(store.find_coding(&coding("d2")).unwrap(), None);
    let id2 = store.set_coding(&coding("d2")).unwrap();
    assert_ne!(id, id2);
    assert_eq!(count(&store, "SELECT count(*) FROM codings"), 2);
    assert_eq!(store.articles_to_recode(Some(id2), &[]).unwrap(), (vec!["a".into(), "b".into()], vec![]));
    assert_eq!(store.articles_to_recode(Some(id), &[]).unwrap(), (vec![], vec![]));
    assert_eq!(
        store.articles_to_recode(None, &["b".into(), "zz".into()]).unwrap(),
        (vec!["b".into()], vec!["zz".into()])
    );
}

#[test]
fn replacing_events_swaps_them_and_the_text_index() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    assert_eq!(text_ids(&store, "truce"), ["a:1:1", "a:2:1"]);
    let d2 = store.set_coding(&coding("d2")).unwrap();
    let new = [
        event("a", 1, 1, "Egypt hosted truce talks in Cairo.", EGY, Some(["Cairo", "EGY"])),
        event("a", 3, 1, "Qatar brokered a prisoner exchange.", ["QAT", "Qatar", "Qatar"], Some(["Doha", "QAT"])),
    ];
    assert_eq!(store.replace_events("a", &new).unwrap(), 2);
    let stored: Vec<String> = store.article_events("a").unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(stored, ["a:1:1", "a:3:1"]);
    assert_eq!(text_ids(&store, "truce"), ["a:1:1"]);
    assert_eq!(text_ids(&store, "weighed"), Vec::<String>::new());
    assert_eq!(text_ids(&store, "prisoner"), ["a:3:1"]);
    assert_eq!(count(&store, &format!("SELECT count(*) FROM events WHERE coding = {d2}")), 2);
    assert_eq!(store.article_coding("a").unwrap(), Some(coding("d2")));
    // Replacing with nothing empties the article but keeps it, coded.
    assert_eq!(store.replace_events("a", &[]).unwrap(), 2);
    assert_eq!(store.totals().unwrap(), (1, 0));
    assert_eq!(text_ids(&store, "truce OR prisoner"), Vec::<String>::new());
    assert_eq!(store.articles_to_recode(Some(d2), &[]).unwrap().0, Vec::<String>::new());
}

#[test]
fn a_failing_replace_leaves_the_old_events() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    let d1 = store.find_coding(&coding("d1")).unwrap().unwrap();
    store.set_coding(&coding("d2")).unwrap();
    // Two events with one id: the second insert fails after the old events were deleted.
    let dup = event("a", 3, 1, "Qatar brokered a prisoner exchange.", ["QAT", "Qatar", "Qatar"], None);
    let mut b = store.batch(10);
    assert!(b.replace("a", &[dup.clone(), dup]).is_err());
    // The batch goes on after the failed article.
    b.finish().unwrap();
    let stored: Vec<String> = store.article_events("a").unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(stored, ["a:1:1", "a:2:1"]);
    assert_eq!(text_ids(&store, "truce"), ["a:1:1", "a:2:1"]);
    assert_eq!(text_ids(&store, "prisoner"), Vec::<String>::new());
    assert_eq!(count(&store, &format!("SELECT count(*) FROM events WHERE coding = {d1}")), 2);
    assert_eq!(store.article_coding("a").unwrap(), Some(coding("d1")));
    // Events of another article, and an unknown article, are refused before anything changes.
    let other = event("b", 1, 1, "Egypt met Qatar.", EGY, None);
    assert!(store.replace_events("a", std::slice::from_ref(&other)).is_err());
    assert!(matches!(store.replace_events("b", &[other]), Err(annals_store::Error::UnknownArticle(_))));
    assert_eq!(store.totals().unwrap(), (1, 2));
    let fts: i64 = count(&store, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'truce'");
    assert_eq!(fts, 2);
}

#[test]
fn filters_by_actor_name_and_place() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    let q = |f: Filter| -> Vec<String> { store.query(&f).unwrap().into_iter().map(|e| e.id).collect() };
    assert_eq!(q(Filter { actor_name: Some("hamas".into()), ..Default::default() }), ["a:2:1"]);
    assert_eq!(q(Filter { actor_name: Some("EGYPT".into()), ..Default::default() }), ["a:1:1"]);
    // The actor's text counts too, not only its dictionary name.
    assert_eq!(q(Filter { actor_name: Some("negotiators".into()), ..Default::default() }), ["a:2:1"]);
    // LIKE's wildcards are taken literally.
    assert_eq!(q(Filter { actor_name: Some("%".into()), ..Default::default() }), Vec::<String>::new());
    assert_eq!(q(Filter { place: Some("cairo".into()), ..Default::default() }), ["a:1:1"]);
    assert_eq!(q(Filter { place: Some("doha".into()), ..Default::default() }), Vec::<String>::new());
    assert_eq!(q(Filter { place_country: Some("egy".into()), ..Default::default() }), ["a:1:1"]);
    let both = Filter { actor_name: Some("hamas".into()), place: Some("cairo".into()), ..Default::default() };
    assert_eq!(q(both), Vec::<String>::new());
}

/// A recode that takes an event away, or brings it back, keeps the
/// happenings' counts in step, and matches a full regroup.
#[test]
fn replacing_events_recounts_their_happenings() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    let talks = event("b", 1, 1, "Egypt hosted truce talks in Cairo on Wednesday.", EGY, Some(["Cairo", "EGY"]));
    let b = ArticleRow {
        outlet: Some("Another Daily".into()),
        ..article("b", "Egypt hosted truce talks in Cairo on Wednesday.")
    };
    store.insert_article(&b, std::slice::from_ref(&talks)).unwrap();
    let mentions = |s: &Store| count(s, "SELECT max(mentions) FROM happenings");
    assert_eq!(mentions(&store), 2, "both reports of the talks group");
    store.replace_events("b", &[]).unwrap();
    assert_eq!(mentions(&store), 1);
    assert_eq!(count(&store, "SELECT count(*) FROM happenings WHERE mentions = 0"), 0);
    store.replace_events("a", &[]).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM happenings"), 0, "no events, no happenings");
    store.replace_events("b", std::slice::from_ref(&talks)).unwrap();
    let before: Vec<(i64, i64)> = store
        .connection()
        .prepare("SELECT mentions, articles FROM happenings ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(before, [(1, 1)]);
    store.regroup().unwrap();
    assert_eq!(mentions(&store), 1);
}

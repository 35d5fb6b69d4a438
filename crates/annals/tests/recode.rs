//! `annals recode`, provenance, and queries by actor name and place, through
//! the binary on temp databases (no shared data needed).

mod common;
use annals_store::Store;
use common::*;
use serde_json::Value;
use std::path::Path;

struct Db {
    _dir: tempfile::TempDir,
    path: String,
}

/// A temp database holding the example report.
fn example_db(extra: &[&str]) -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db").to_str().unwrap().to_string();
    let mut args = vec!["ingest", "--db", &path];
    args.extend(extra);
    let example = repo().join("examples/report.jsonl");
    args.push(example.to_str().unwrap());
    let out = annals(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    Db { _dir: dir, path }
}

fn recode(db: &Db, extra: &[&str]) -> (std::process::Output, String) {
    let mut args = vec!["recode", "--db", &db.path];
    args.extend(extra);
    let out = annals(&args);
    let report = stdout(&out);
    (out, report)
}

/// The number before `what` in the report ("3 added" → 3).
fn figure(report: &str, what: &str) -> u64 {
    let i = report.find(what).unwrap_or_else(|| panic!("no {what:?} in {report}"));
    report[..i].trim_end().rsplit([' ', '(']).next().unwrap().parse().unwrap_or_else(|_| panic!("{report}"))
}

/// The hash the report says the dictionaries have.
fn reported_dict_hash(report: &str) -> String {
    report.split("dictionaries ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().to_string()
}

fn export(db: &Db) -> String {
    let out = annals(&["export", "--db", &db.path, "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// (codings rows, distinct dictionary hashes of the events, events without provenance).
fn provenance(db: &Db) -> (i64, Vec<String>, i64) {
    let s = Store::open_existing(&db.path).unwrap();
    let c = s.connection();
    let rows: i64 = c.query_row("SELECT count(*) FROM codings", [], |r| r.get(0)).unwrap();
    let mut st =
        c.prepare("SELECT DISTINCT k.dict_hash FROM events e JOIN codings k ON k.id = e.coding ORDER BY 1").unwrap();
    let hashes = st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let unknown: i64 = c.query_row("SELECT count(*) FROM events WHERE coding IS NULL", [], |r| r.get(0)).unwrap();
    (rows, hashes, unknown)
}

/// A dictionary folder whose event lexicon is the shipped one plus "invent"
/// as an accusation ("these figures are invented").
fn lexicon_with_invent(dir: &Path) {
    let shipped = std::fs::read_to_string(repo().join("crates/annals-code/dictionaries/events.tsv")).unwrap();
    assert!(!shipped.lines().any(|l| l.split('\t').nth(2) == Some("invent")), "the shipped lexicon has invent now");
    std::fs::write(dir.join("events.tsv"), format!("{shipped}112\tverb\tinvent\n")).unwrap();
}

#[test]
fn recoding_with_the_same_coder_changes_nothing() {
    let db = example_db(&[]);
    let before = export(&db);
    let events = before.lines().count() as u64;
    let (rows, hashes, unknown) = provenance(&db);
    assert_eq!((rows, hashes.len(), unknown), (1, 1, 0), "ingest records one coding for all its events");

    // Already coded by this coder: nothing to do.
    let (out, report) = recode(&db, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(figure(&report, "article(s) re-coded"), 0, "{report}");
    assert_eq!(figure(&report, "already current"), 1, "{report}");
    assert_eq!(reported_dict_hash(&report), hashes[0]);

    // Forced: coded again, found the same.
    let (out, report) = recode(&db, &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(figure(&report, "article(s) re-coded"), 1, "{report}");
    assert_eq!(figure(&report, "with changes"), 0, "{report}");
    assert!(report.contains("0 added, 0 removed, 0 changed"), "{report}");
    assert_eq!(figure(&report, "unchanged"), events, "{report}");
    assert!(!report.contains("root"), "no CAMEO root gained or lost: {report}");
    assert_eq!(export(&db), before);
    assert_eq!(provenance(&db), (rows, hashes.clone(), 0));

    // A store from before provenance is re-coded without --force, and gains it.
    {
        let s = Store::open_existing(&db.path).unwrap();
        s.connection().execute_batch("UPDATE events SET coding = NULL; UPDATE articles SET coding = NULL").unwrap();
    }
    let (_, report) = recode(&db, &[]);
    assert_eq!(figure(&report, "article(s) re-coded"), 1, "{report}");
    assert_eq!(export(&db), before);
    assert_eq!(provenance(&db), (rows, hashes, 0));
}

#[test]
fn a_new_event_pattern_shows_in_the_report_and_the_provenance() {
    let db = example_db(&[]);
    let dicts = tempfile::tempdir().unwrap();
    lexicon_with_invent(dicts.path());
    let dir = dicts.path().to_str().unwrap();
    let before = export(&db);
    let (_, old_hashes, _) = provenance(&db);

    // A dry run reports and writes nothing.
    let (out, dry) = recode(&db, &["--dictionaries", dir, "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dry.contains("dry run"), "{dry}");
    assert_eq!(figure(&dry, "with changes"), 1, "{dry}");
    assert_eq!(figure(&dry, "added"), 1, "{dry}");
    assert!(dry.contains("0 removed, 0 changed"), "{dry}");
    let root_11 = dry.lines().find(|l| l.starts_with("11 ")).unwrap_or_else(|| panic!("no row for root 11: {dry}"));
    assert!(root_11.contains("Disapprove") && root_11.contains("+1"), "{root_11}");
    assert_eq!(export(&db), before);
    assert_eq!(provenance(&db), (1, old_hashes.clone(), 0));

    let (out, report) = recode(&db, &["--dictionaries", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(report, dry.replace(" (dry run, nothing written)", ""));
    let after = export(&db);
    assert_eq!(after.lines().count(), before.lines().count() + 1);
    let accusations: Vec<Value> = after
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|e| e["cameo"] == "112" && e["trigger"]["text"] == "invented")
        .collect();
    assert_eq!(accusations.len(), 1, "{after}");
    let new_hash = reported_dict_hash(&report);
    assert_ne!(new_hash, old_hashes[0]);
    assert_eq!(provenance(&db), (2, vec![new_hash], 0));
    // The text index follows the new events.
    let q = annals(&["query", "--db", &db.path, "--text", "invented", "--cameo", "112", "--format", "jsonl"]);
    assert_eq!(stdout(&q).lines().count(), 1, "{}", stdout(&q));

    // Done once: again with the same dictionaries is a no-op.
    let (_, again) = recode(&db, &["--dictionaries", dir]);
    assert_eq!(figure(&again, "article(s) re-coded"), 0, "{again}");
    // Back to the shipped dictionaries: the accusation goes.
    let (_, back) = recode(&db, &["--article", "example-0001"]);
    assert_eq!(figure(&back, "removed"), 1, "{back}");
    assert!(back.lines().any(|l| l.starts_with("11 ") && l.contains("-1")), "{back}");
    assert_eq!(export(&db), before);
}

#[test]
fn ingest_records_user_dictionaries_and_unknown_articles_are_reported() {
    let dicts = tempfile::tempdir().unwrap();
    lexicon_with_invent(dicts.path());
    let dir = dicts.path().to_str().unwrap();
    let db = example_db(&["--dictionaries", dir]);
    assert!(export(&db).contains("\"cameo\":\"112\""));
    let (_, report) = recode(&db, &["--dictionaries", dir]);
    assert_eq!(figure(&report, "article(s) re-coded"), 0, "{report}");
    assert_eq!(provenance(&db).1, vec![reported_dict_hash(&report)]);

    let (out, report) = recode(&db, &["--article", "no-such-article", "--dry-run"]);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(stderr(&out).contains("no-such-article: no such article"), "{}", stderr(&out));
    assert_eq!(figure(&report, "skipped"), 1, "{report}");

    let empty = tempfile::tempdir().unwrap();
    let (out, _) = recode(&db, &["--dictionaries", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no actors.tsv, agents.tsv or events.tsv"), "{}", stderr(&out));
}

/// The ids of the example's events that `keep` selects, read from the full export.
fn expected(db: &Db, keep: impl Fn(&Value) -> bool) -> Vec<String> {
    let all = export(db);
    all.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|e| keep(e))
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

fn query_ids(db: &Db, args: &[&str]) -> Vec<String> {
    let mut a = vec!["query", "--db", &db.path, "--format", "jsonl"];
    a.extend(args);
    let out = annals(&a);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect()
}

fn mentions(v: &Value, word: &str) -> bool {
    v.as_str().is_some_and(|s| s.to_lowercase().contains(word))
}

#[test]
fn queries_by_actor_name_and_place() {
    let db = example_db(&[]);
    let actor = |word: &'static str| {
        move |e: &Value| {
            ["source", "target"].iter().any(|side| mentions(&e[side]["name"], word) || mentions(&e[side]["text"], word))
        }
    };
    let place = |word: &'static str| {
        move |e: &Value| mentions(&e["place"]["name"], word) || mentions(&e["place"]["text"], word)
    };

    let qatar = expected(&db, actor("qatar"));
    assert!(qatar.len() >= 2, "Qatar hosts the talks and would host the signing: {qatar:?}");
    assert_eq!(query_ids(&db, &["--actor-name", "QATAR"]), qatar);
    assert_eq!(query_ids(&db, &["--actor-name", "qatar"]), qatar);

    let doha = expected(&db, place("doha"));
    assert!(!doha.is_empty(), "the talks were in Doha");
    assert_eq!(query_ids(&db, &["--place", "Doha"]), doha);
    let in_qatar = expected(&db, |e| e["place"]["country"] == "QAT");
    assert_eq!(query_ids(&db, &["--place-country", "qat"]), in_qatar);

    let both = expected(&db, |e| actor("qatar")(e) && place("doha")(e));
    assert!(!both.is_empty() && both.len() < qatar.len(), "{both:?}");
    assert_eq!(query_ids(&db, &["--actor-name", "qatar", "--place", "doha"]), both);
    assert!(query_ids(&db, &["--actor-name", "atlantis"]).is_empty());
    assert!(query_ids(&db, &["--place", "atlantis"]).is_empty());

    let help = stdout(&annals(&["query", "--help"]));
    assert!(help.contains("--actor-name") && help.contains("--place-country"), "{help}");
}

/// Two more invented reports of the Doha talks, published after the example;
/// the first dates the talks to the week, not the day.
const MORE_REPORTS: &str = r#"{"id": "doha-2", "date": "2024-03-14", "title": "Doha talks resume", "outlet": "Sahel Wire", "text": "Niger's government and the Sahel Patriotic Front met in Doha this week, officials said. The front accused the army of shelling three villages near Ayorou last week."}
{"id": "doha-3", "date": "2024-03-15", "title": "Qatar hosts Niger talks", "outlet": "Niamey Daily", "text": "Qatar hosted talks between Niger's government and the Sahel Patriotic Front in Doha on Tuesday. The army disputed the front's account of the fighting."}
"#;

/// Each event with the event that started its happening, and every
/// happening's columns but its id, started-by first: a regroup of some keys
/// renumbers their happenings, and nothing else may differ from a full one.
type Grouping = (Vec<(String, Option<String>)>, Vec<Vec<rusqlite::types::Value>>);

/// How the events of `db` are grouped now.
fn grouping(db: &Db) -> Grouping {
    let s = Store::open_existing(&db.path).unwrap();
    let c = s.connection();
    let mut st = c
        .prepare("SELECT e.id, h.event FROM events e LEFT JOIN happenings h ON h.id = e.happening ORDER BY e.id")
        .unwrap();
    let events = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    let mut st = c
        .prepare(
            "SELECT event, cameo_root, source_code, target_code, place, year, date_value, date_precision, mentions,
                    articles, outlets, first_seen, last_seen FROM happenings ORDER BY event",
        )
        .unwrap();
    let happenings = st.query_map([], |r| (0..13).map(|i| r.get(i)).collect()).unwrap().map(Result::unwrap).collect();
    (events, happenings)
}

#[test]
fn a_recode_leaves_the_happenings_a_full_regroup_would() {
    let db = example_db(&[]);
    let more = tempfile::tempdir().unwrap();
    let reports = more.path().join("more.jsonl");
    std::fs::write(&reports, MORE_REPORTS).unwrap();
    let out = annals(&["ingest", "--db", &db.path, reports.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = grouping(&db);
    let talks = |g: &Grouping| {
        g.0.iter()
            .filter(|(e, _)| e == "example-0001:1:1" || e == "doha-2:1:1")
            .map(|e| e.1.clone())
            .collect::<Vec<_>>()
    };
    // The day's report of the talks started their happening; the week's joined.
    assert_eq!(talks(&before), vec![Some("example-0001:1:1".to_string()); 2], "{before:?}");
    let dicts = tempfile::tempdir().unwrap();
    lexicon_with_invent(dicts.path());
    // Re-coding one article stores its events anew, after the others'.
    let (out, report) = recode(&db, &["--dictionaries", dicts.path().to_str().unwrap(), "--article", "example-0001"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(figure(&report, "with changes"), 1, "{report}");
    let after = grouping(&db);
    // Stored anew, the day's report comes after the week's, which now
    // starts the happening (with its week for date) as a fresh ingest would.
    assert_eq!(talks(&after), vec![Some("doha-2:1:1".to_string()); 2], "{after:?}");
    Store::open_existing(&db.path).unwrap().regroup().unwrap();
    assert_eq!(grouping(&db), after);
}

//! `annals ingest`, `query` and `export` through the binary, on temp databases.

mod common;
use common::*;
use std::path::Path;

fn db_arg(dir: &Path) -> String {
    dir.join("t.db").to_str().unwrap().to_string()
}

fn ingest(db: &str, paths: &[&Path]) -> std::process::Output {
    let mut args = vec!["ingest", "--db", db];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    annals(&args)
}

/// The "N new (E events)" figures of an ingest summary.
fn new_counts(err: &str) -> (u64, u64) {
    let line = err.lines().find(|l| l.contains("article(s) read")).unwrap_or_else(|| panic!("no summary in {err}"));
    let after = |key: &str| -> u64 {
        let i = line.find(key).unwrap();
        line[..i].trim_end().rsplit([' ', '(']).next().unwrap().parse().unwrap()
    };
    (after(" new"), after(" events"))
}

#[test]
fn ingesting_twice_adds_nothing_and_export_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let example = repo().join("examples/report.jsonl");
    let first = ingest(&db, &[&example]);
    assert!(first.status.success(), "{}", stderr(&first));
    let (articles, events) = new_counts(&stderr(&first));
    assert_eq!(articles, 1);
    assert!(events >= 5, "the example has several events, got {events}");
    let second = ingest(&db, &[&example, &repo().join("examples/report.txt")]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(new_counts(&stderr(&second)), (0, 0), "{}", stderr(&second));
    assert!(stderr(&second).contains("2 duplicate(s)"), "{}", stderr(&second));

    let out_path = dir.path().join("events.jsonl");
    let exp = annals(&["export", "--db", &db, "--format", "jsonl", "--output", out_path.to_str().unwrap()]);
    assert!(exp.status.success(), "{}", stderr(&exp));
    let exported = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(exported.lines().count() as u64, events);
    // The stored records are those `annals code` writes, byte for byte.
    let coded = annals(&["code", example.to_str().unwrap()]);
    assert_eq!(stdout(&coded), exported);

    let csv = annals(&["export", "--db", &db, "--format", "csv"]);
    assert_eq!(stdout(&csv).lines().count() as u64, events + 1);
}

#[test]
fn a_malformed_line_is_reported_and_the_rest_stored() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    std::fs::write(
        corpus.join("sub/troops.txt"),
        "Mali's army withdrew its troops from Gao on Monday, the defence ministry said.",
    )
    .unwrap();
    let jsonl = corpus.join("wire.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id": "w1", "date": "2024-05-02", "url": "https://w/1", "text": "Qatar hosted talks between Niger's government and rebels in Doha on Tuesday."}"#,
            "\n{\"id\": \"w2\", \"text\": \n",
            r#"{"id": "w3", "date": "2024-05-03", "text": "Police arrested 40 protesters in Niamey on Friday."}"#,
            "\n"
        ),
    )
    .unwrap();
    let db = db_arg(dir.path());
    let out = ingest(&db, &[&corpus]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{}:2: malformed JSON line", jsonl.display())), "{err}");
    assert!(err.contains("3 article(s) read, 3 new"), "{err}");

    let q = annals(&["query", "--db", &db, "--actor", "QAT", "--format", "jsonl"]);
    assert!(q.status.success(), "{}", stderr(&q));
    let rows = stdout(&q);
    assert!(!rows.is_empty() && rows.lines().all(|l| l.contains("\"QAT")), "{rows}");
    assert!(rows.contains("\"article\":\"w1\""), "{rows}");

    let q = annals(&["query", "--db", &db, "--cameo", "04", "--format", "csv"]);
    let csv = stdout(&q);
    assert!(csv.starts_with("id,article,"), "{csv}");
    assert!(csv.lines().skip(1).all(|l| l.split(',').nth(7).unwrap().starts_with("04")), "{csv}");
    assert!(csv.lines().count() >= 2, "{csv}");

    let q = annals(&["query", "--db", &db, "--text", "protesters", "--count-by", "pair", "--format", "jsonl"]);
    assert!(q.status.success(), "{}", stderr(&q));
    assert!(stdout(&q).contains("\"events\":"), "{}", stdout(&q));

    // Ingesting again: the good articles are known, the bad line is still reported.
    let again = ingest(&db, &[&corpus]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("0 new (0 events), 3 duplicate(s), 1 skipped"), "{}", stderr(&again));
}

#[test]
fn query_rejects_a_bad_date_and_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(dir.path());
    let out = annals(&["query", "--db", &db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no such database"), "{}", stderr(&out));
    assert!(!dir.path().join("t.db").exists());
    ingest(&db, &[&repo().join("examples/report.txt")]);
    let out = annals(&["query", "--db", &db, "--from", "last week"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not YYYY"), "{}", stderr(&out));
}

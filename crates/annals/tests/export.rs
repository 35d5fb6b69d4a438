//! `annals export --format plover|parquet` through the binary.

mod common;
use common::*;

#[test]
fn plover_and_parquet_exports_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db = db.to_str().unwrap();
    let example = repo().join("examples/report.jsonl");
    let out = annals(&["ingest", "--db", db, example.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let jsonl = stdout(&annals(&["export", "--db", db, "--format", "jsonl"]));
    let n = jsonl.lines().count();
    assert!(n >= 5, "{jsonl}");

    let plover = annals(&["export", "--db", db, "--format", "plover"]);
    assert!(plover.status.success(), "{}", stderr(&plover));
    let lines: Vec<serde_json::Value> =
        stdout(&plover).lines().map(|l| serde_json::from_str(l).expect("a PLOVER line is JSON")).collect();
    assert_eq!(lines.len(), n);
    for (p, r) in lines.iter().zip(jsonl.lines()) {
        let r: serde_json::Value = serde_json::from_str(r).unwrap();
        assert_eq!(p["id"], r["id"]);
        let event: Vec<&serde_json::Value> = r["plover"].as_str().map(|_| &r["plover"]).into_iter().collect();
        assert_eq!(p["event"].as_array().unwrap().iter().collect::<Vec<_>>(), event);
        assert_eq!(p["factuality"], r["mode"]);
        assert_eq!(p["actor"].as_array().unwrap().len(), usize::from(!r["source"].is_null()));
        assert_eq!(p["cite_info"]["citation"], "example-0001");
    }

    let no_dir = annals(&["export", "--db", db, "--format", "parquet"]);
    assert_eq!(no_dir.status.code(), Some(2));
    assert!(stderr(&no_dir).contains("--output DIR"), "{}", stderr(&no_dir));

    let pq = dir.path().join("pq");
    let pq = pq.to_str().unwrap();
    let first = annals(&["export", "--db", db, "--format", "parquet", "--output", pq]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains(&format!("{n} event(s)")), "{}", stderr(&first));
    let again = annals(&["export", "--db", db, "--format", "parquet", "--output", pq]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("not empty"), "{}", stderr(&again));
    let forced = annals(&["export", "--db", db, "--format", "parquet", "--output", pq, "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    let parts: Vec<_> = std::fs::read_dir(pq)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("event_month="))
        .collect();
    assert!(!parts.is_empty());
    for p in parts {
        assert!(std::path::Path::new(pq).join(&p).join("part-0.parquet").is_file(), "{p}");
    }
}

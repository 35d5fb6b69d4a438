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

/// Four invented reports: one arrest told by two outlets (one happening),
/// talks in Cairo, and a condemnation.
const REPORTS: &str = concat!(
    r#"{"id": "alpha-1", "date": "2024-05-08", "url": "https://alpha.example/1", "outlet": "Alpha News", "#,
    r#""text": "Police arrested 40 protesters in Niamey on Tuesday. Fuel prices have risen sharply this year."}"#,
    "\n",
    r#"{"id": "beta-9", "date": "2024-05-08", "url": "https://beta.example/9", "outlet": "Beta Daily", "#,
    r#""text": "Fuel prices have doubled since January. Police arrested 40 protesters in Niamey on Tuesday."}"#,
    "\n",
    r#"{"id": "gamma-3", "date": "2024-03-12", "url": "https://gamma.example/3", "outlet": "Gamma Post", "#,
    r#""text": "Egypt's foreign minister met Israeli envoys in Cairo on Monday to discuss a ceasefire."}"#,
    "\n",
    r#"{"id": "delta-4", "date": "2024-04-08", "url": "https://delta.example/4", "outlet": "Delta Wire", "#,
    r#""text": "Germany condemned the rocket attack on the border town on Sunday."}"#,
    "\n"
);

type Record = serde_json::Value;

/// A filter as command-line options, and the same test on an event record.
struct Case {
    args: &'static [&'static str],
    keeps: fn(&Record) -> bool,
}

const CASES: [Case; 3] = [
    Case { args: &["--cameo", "17"], keeps: |r| r["cameo"].as_str().unwrap().starts_with("17") },
    Case {
        args: &["--text", "ceasefire"],
        keeps: |r| r["text"].as_str().unwrap().to_lowercase().contains("ceasefire"),
    },
    Case {
        args: &["--from", "2024-04-01", "--to", "2024-04-30"],
        keeps: |r| r["date"]["value"].as_str().is_some_and(|d| d.starts_with("2024-04")),
    },
];

fn export(db: &str, format: &str, filter: &[&str]) -> String {
    let mut args = vec!["export", "--db", db, "--format", format];
    args.extend(filter);
    let out = annals(&args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn filtered_exports_hold_exactly_the_matching_events() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("reports.jsonl");
    std::fs::write(&input, REPORTS).unwrap();
    let db = dir.path().join("t.db");
    let db = db.to_str().unwrap();
    let out = annals(&["ingest", "--db", db, input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all: Vec<Record> = export(db, "jsonl", &[]).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let id = |r: &Record| r["id"].as_str().unwrap().to_string();

    for case in &CASES {
        let want: Vec<String> = all.iter().filter(|r| (case.keeps)(r)).map(id).collect();
        assert!(!want.is_empty() && want.len() < all.len(), "{:?} should narrow {all:?}", case.args);

        let jsonl: Vec<String> =
            export(db, "jsonl", case.args).lines().map(|l| id(&serde_json::from_str(l).unwrap())).collect();
        assert_eq!(jsonl, want, "{:?}", case.args);
        let csv = export(db, "csv", case.args);
        let csv: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
        assert_eq!(csv, want, "{:?}", case.args);
        let plover: Vec<String> =
            export(db, "plover", case.args).lines().map(|l| id(&serde_json::from_str(l).unwrap())).collect();
        assert_eq!(plover, want, "{:?}", case.args);

        // Parquet: as many rows as matching events, in their months' partitions.
        let pq = dir.path().join(format!("pq-{}", case.args[1]));
        let mut args = vec!["export", "--db", db, "--format", "parquet", "--output", pq.to_str().unwrap()];
        args.extend(case.args);
        let out = annals(&args);
        assert!(stderr(&out).contains(&format!(" {} event(s) in ", want.len())), "{}", stderr(&out));
        let mut months: Vec<String> = std::fs::read_dir(&pq)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap().replace("event_month=", ""))
            .collect();
        months.sort();
        let mut want_months: Vec<String> = all
            .iter()
            .filter(|r| (case.keeps)(r))
            .map(|r| match r["date"]["value"].as_str() {
                None => "unknown".to_string(),
                Some(year) if year.len() == 4 => format!("{year}-01"),
                Some(day_or_month) => day_or_month[..7].to_string(),
            })
            .collect();
        want_months.sort();
        want_months.dedup();
        assert_eq!(months, want_months, "{:?}", case.args);
    }

    // GDELT: the arrest happening (both reports), with its counts and both mentions.
    let full = export(db, "gdelt", &[]);
    let rows = export(db, "gdelt", &["--cameo", "17"]);
    let want: Vec<&str> = full.lines().filter(|l| l.split('\t').nth(28) == Some("17")).collect();
    assert_eq!(rows.lines().collect::<Vec<_>>(), want);
    assert_eq!(want.len(), 1, "{full}");
    assert!(full.lines().count() > 1, "{full}");
    let f: Vec<&str> = want[0].split('\t').collect();
    assert_eq!((f[31], f[32], f[33]), ("2", "2", "2"));
    let mentions = export(db, "gdelt-mentions", &["--cameo", "17"]);
    let ids: Vec<&str> = mentions.lines().map(|l| l.split('\t').nth(5).unwrap()).collect();
    assert_eq!(ids, ["https://alpha.example/1", "https://beta.example/9"]);
    assert!(mentions.lines().all(|l| l.split('\t').next() == Some(f[0])));
    // A bad filter fails the command rather than exporting everything.
    let out = annals(&["export", "--db", db, "--format", "gdelt", "--from", "soon"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
}

//! Happenings through the binary: two outlets report one arrest.

mod common;
use common::*;

const TWO_REPORTS: &str = concat!(
    r#"{"id": "alpha-1", "date": "2024-05-08", "url": "https://alpha.example/1", "outlet": "Alpha News", "#,
    r#""text": "Police arrested 40 protesters in Niamey on Tuesday. Fuel prices have risen sharply this year."}"#,
    "\n",
    r#"{"id": "beta-9", "date": "2024-05-08", "url": "https://beta.example/9", "outlet": "Beta Daily", "#,
    r#""text": "Fuel prices have doubled since January, and anger has spread to the capital. "#,
    r#"Police arrested 40 protesters in Niamey on Tuesday. Shops in the city centre stayed closed."}"#,
    "\n"
);

#[test]
fn two_outlets_reporting_one_arrest_make_one_gdelt_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("two.jsonl");
    std::fs::write(&input, TWO_REPORTS).unwrap();
    let db = dir.path().join("t.db");
    let db = db.to_str().unwrap();
    let out = annals(&["ingest", "--db", db, input.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("2 article(s) read, 2 new"), "{err}");
    assert!(err.contains("0 near-duplicate(s)"), "different reports are not reprints: {err}");

    let out = annals(&["export", "--db", db, "--format", "gdelt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 61), "{text}");
    // EventCode is column 27, NumMentions/NumSources/NumArticles 32-34 (1-based).
    let arrests: Vec<_> = rows.iter().filter(|r| r[26] == "173").collect();
    assert_eq!(arrests.len(), 1, "{text}");
    assert_eq!((arrests[0][31], arrests[0][32], arrests[0][33]), ("2", "2", "2"), "{text}");
    // "on Tuesday" before Wednesday 8 May 2024.
    assert_eq!(arrests[0][1], "20240507", "{text}");

    let out = annals(&["export", "--db", db, "--format", "gdelt-mentions"]);
    let mentions = stdout(&out);
    let of_arrest: Vec<&str> = mentions.lines().filter(|l| l.split('\t').next() == Some(arrests[0][0])).collect();
    assert_eq!(of_arrest.len(), 2, "{mentions}");
    assert!(of_arrest.iter().all(|l| l.split('\t').count() == 16));

    let out = annals(&["query", "--db", db, "--happenings", "--cameo", "173", "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&out);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.contains("\"articles\":2") && listed.contains("\"outlets\":2"), "{listed}");
}

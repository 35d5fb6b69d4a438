//! `annals code` on good and bad input.

mod common;
use common::*;
use std::io::Write;

fn jsonl(lines: &[&str]) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".jsonl").tempfile().unwrap();
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
    f
}

#[test]
fn codes_the_example_into_design_records() {
    let path = repo().join("examples/report.jsonl");
    let out = annals(&["code", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&path).unwrap().lines().next().unwrap()).unwrap();
    let text = text["text"].as_str().unwrap();
    let events: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(events.len() >= 5, "{}", stdout(&out));
    for e in &events {
        for key in [
            "id",
            "article",
            "sentence",
            "text",
            "trigger",
            "cameo",
            "cameo_name",
            "quad_class",
            "goldstein",
            "mode",
            "date",
            "historical",
            "confidence",
        ] {
            assert!(e.get(key).is_some(), "missing {key} in {e}");
        }
        let (a, b) = (e["trigger"]["start"].as_u64().unwrap() as usize, e["trigger"]["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], e["trigger"]["text"].as_str().unwrap(), "trigger offsets point into the text");
        for side in ["source", "target"] {
            if let Some(s) = e[side].as_object() {
                let (a, b) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
                assert_eq!(&text[a..b], s["text"].as_str().unwrap());
            }
        }
    }
    // The 2016 background agreement is historical.
    assert!(events.iter().any(|e| e["historical"] == true), "{}", stdout(&out));
}

#[test]
fn malformed_lines_are_reported_skipped_and_counted_in_the_exit_status() {
    let f = jsonl(&[
        r#"{"id": "a", "text": "Egypt hosted talks with Qatar on Monday.", "date": "2024-05-02"}"#,
        "{not json",
        r#"{"id": "c", "date": "2024-05-02"}"#,
        r#"{"id": "d", "text": "Kenya released 40 Somali detainees."}"#,
    ]);
    let out = annals(&["code", f.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let name = f.path().display().to_string();
    assert!(err.contains(&format!("{name}:2:")), "{err}");
    assert!(err.contains(&format!("{name}:3:")), "{err}");
    let ids: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["article"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"a".to_string()) && ids.contains(&"d".to_string()), "{ids:?}");

    let strict = annals(&["code", "--strict", f.path().to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(stderr(&strict).contains(&format!("{name}:2:")));
}

#[test]
fn explain_says_why_and_csv_has_a_header() {
    let f = jsonl(&[r#"{"id": "x", "text": "Kenya released 40 Somali detainees on Monday.", "date": "2024-05-02"}"#]);
    let out = annals(&["code", "--explain", f.path().to_str().unwrap()]);
    assert!(out.status.success());
    let e: serde_json::Value = serde_json::from_str(stdout(&out).lines().next().expect("an event")).unwrap();
    let why =
        e["explain"].as_array().expect("explain").iter().map(|v| v.as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(why.iter().any(|w| w.contains("events.tsv:")), "{why:?}");
    assert!(why.iter().any(|w| w.contains("KEN")), "{why:?}");
    let csv = annals(&["code", "--format", "csv", f.path().to_str().unwrap()]);
    let s = stdout(&csv);
    // The one CSV layout, as `annals export --format csv` writes it.
    assert!(s.starts_with("id,article,sentence,event_date,date_precision,source_text,source_code,cameo,"), "{s}");
    assert_eq!(s.lines().count(), 2, "{s}");
    assert!(s.lines().nth(1).is_some_and(|row| row.contains(",KEN,")), "{s}");
}

#[test]
fn empty_and_verbless_input_is_fine() {
    let f = jsonl(&[r#"{"text": ""}"#, r#"{"text": "Tables, chairs; lamps."}"#]);
    let out = annals(&["code", f.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn user_dictionaries_load_with_bad_lines_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("events.tsv"),
        "# a tiny lexicon\n0841\tverb\tfree\n0841\tverbb\tliberate\n173\tverb\tarrest\n",
    )
    .unwrap();
    let f = jsonl(&[r#"{"id": "x", "text": "Kenya freed 40 Somali detainees.", "date": "2024-05-02"}"#]);
    let out = annals(&["code", "--dictionaries", dir.path().to_str().unwrap(), f.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let name = dir.path().join("events.tsv").display().to_string();
    assert!(stderr(&out).contains(&format!("{name}:3:")), "{}", stderr(&out));
    let e: serde_json::Value = serde_json::from_str(stdout(&out).lines().next().expect("an event")).unwrap();
    assert_eq!(e["cameo"], "0841");
    let strict =
        annals(&["code", "--strict", "--dictionaries", dir.path().to_str().unwrap(), f.path().to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn gdelt_and_plover_output_follow_the_jsonl_records() {
    let path = repo().join("examples/report.jsonl");
    let path = path.to_str().unwrap();
    let records: Vec<serde_json::Value> =
        stdout(&annals(&["code", path])).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let counted: Vec<&serde_json::Value> =
        records.iter().filter(|e| e["mode"] == "asserted" && !e["date"].is_null()).collect();
    assert!(!counted.is_empty() && counted.len() < records.len(), "the example has both kinds of event");

    let out = annals(&["code", "--format", "gdelt", path]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<Vec<String>> = stdout(&out).lines().map(|l| l.split('\t').map(String::from).collect()).collect();
    assert_eq!(rows.len(), counted.len(), "one row per asserted, dated event");
    let left = records.len() - counted.len();
    assert!(stderr(&out).contains(&format!("{left} event(s) not in the GDELT table")), "{}", stderr(&out));
    for (i, (row, e)) in rows.iter().zip(&counted).enumerate() {
        assert_eq!(row.len(), 61);
        assert_eq!(row[0], (i + 1).to_string(), "GlobalEventID counts the rows");
        assert_eq!(row[26], e["cameo"].as_str().unwrap(), "EventCode");
        assert_eq!(row[5], e["source"]["code"].as_str().unwrap_or(""), "Actor1Code");
        assert_eq!(row[15], e["target"]["code"].as_str().unwrap_or(""), "Actor2Code");
        assert_eq!(&row[31..34], ["1", "1", "1"], "each event counted once");
        let date = e["date"]["value"].as_str().unwrap();
        if e["date"]["precision"] == "day" {
            assert_eq!(row[1], date.replace('-', ""), "Day");
        }
        if let Some(c) = e["place"]["country"].as_str().filter(|c| *c == "QAT") {
            assert_eq!(row[53], "QA", "{c} in FIPS");
        }
    }

    let out = annals(&["code", "--format", "plover", path]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plover: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(plover.len(), records.len(), "every event, whatever its mode");
    for (p, e) in plover.iter().zip(&records) {
        assert_eq!(p["id"], e["id"]);
        assert_eq!(p["factuality"], e["mode"], "annals' mode; PLOVER's own mode is another field");
        if let Some(cat) = e["plover"].as_str() {
            assert_eq!(p["event"], serde_json::json!([cat]));
        }
        assert!(p["cite_info"].is_object(), "{p}");
    }
}

//! `annals eval events`: gold files are read and checked, reports are found
//! by URL in the article files given, and gates set the exit status.

mod common;
use common::*;

const ARTICLES: &str = "url,date,title,text\n\
https://example.org/a,2024-03-12,Arrests,\"Tuesday, March 12, 2024\n\n\
Police arrested twenty protesters in Cairo on Monday.\n\n\
The weather was fine.\"\n";

fn gold(events: &str) -> String {
    format!(
        r#"{{"doc": "https://example.org/a", "published": "2024-03-12",
 "actor_patterns": {{"EGY": "^EGY"}},
 "events": [{events}],
 "must_not_assert": []}}"#
    )
}

const ARREST: &str = r#"{"id": "E1", "line": 3, "tier": "required", "plover": ["COERCE"], "cameo_root": ["17"],
  "source": ["EGY", null], "target": ["EGY", null], "mode": "asserted"}"#;
const NEVER: &str = r#"{"id": "E2", "line": 5, "tier": "required", "plover": ["AGREE"], "cameo_root": ["03"],
  "source": ["EGY"], "target": ["EGY"]}"#;

fn setup(gold_text: &str) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("news.csv");
    std::fs::write(&arts, ARTICLES).unwrap();
    let g = dir.path().join("gold");
    std::fs::create_dir(&g).unwrap();
    std::fs::write(g.join("1.json"), gold_text).unwrap();
    let (a, g) = (arts.display().to_string(), g.display().to_string());
    (dir, a, g)
}

#[test]
fn scores_a_report_and_gates_on_required_recall() {
    let (_dir, arts, g) = setup(&gold(&format!("{ARREST},{NEVER}")));
    let out = annals(&["eval", "events", &g, "--articles", &arts, "--min-required", "40"]);
    let s = stdout(&out);
    assert!(out.status.success(), "{s}{}", stderr(&out));
    let total = s.lines().find(|l| l.starts_with("total")).unwrap_or_else(|| panic!("{s}"));
    assert_eq!(total.split_whitespace().nth(1), Some("1/2"), "{s}");
    assert!(s.contains("reports=1 required=50.0%"), "{s}");
    let out = annals(&["eval", "events", &g, "--articles", &arts, "--min-required", "60", "--show-errors"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("required recall 50.0 is below the target 60.0"), "{}", stderr(&out));
    assert!(stdout(&out).contains("missed E2 line 5 AGREE"), "{}", stdout(&out));
}

#[test]
fn bad_gold_entries_are_reported_with_file_and_line() {
    let bad = NEVER.replace("\"AGREE\"", "\"AGGREE\"");
    let (_dir, arts, g) = setup(&gold(&format!("{ARREST},\n{bad}")));
    let out = annals(&["eval", "events", &g, "--articles", &arts]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("1.json:5: event E2: unknown PLOVER category \"AGGREE\""), "{err}");
    // The good event is still scored.
    assert!(stdout(&out).contains("reports=1"), "{}", stdout(&out));

    let (_dir, arts, g) = setup("{\"doc\": \"x\",\n \"events\": [oops]}");
    let out = annals(&["eval", "events", &g, "--articles", &arts]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("1.json:2: not a gold file"), "{}", stderr(&out));
}

#[test]
fn a_report_missing_from_the_articles_is_reported() {
    let (_dir, arts, g) = setup(&gold(ARREST).replace("example.org/a", "example.org/b"));
    let out = annals(&["eval", "events", &g, "--articles", &arts]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no article with url https://example.org/b"), "{}", stderr(&out));
}

#[test]
fn the_development_set_reads_cleanly() {
    let Some(data) = shared_data() else { return };
    let g = data.join("news-gold");
    let news = data.join("news");
    let (a, b) = (news.join("wikinews_2019.csv"), news.join("wikinews_2020.csv"));
    let out = annals(&[
        "eval",
        "events",
        g.to_str().unwrap(),
        "--articles",
        a.to_str().unwrap(),
        "--articles",
        b.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("reports=36 "), "{s}");
    let total = s.lines().find(|l| l.starts_with("total")).unwrap();
    assert!(total.contains("/162"), "162 required events: {total}");
}

//! The store's reliability promises, tested on real processes: an ingest
//! killed with SIGKILL and run again leaves exactly the rows of one clean
//! run, and readers can query while an ingest writes.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

const COUNTRIES: [(&str, &str); 12] = [
    ("Niger", "Nigerien"),
    ("Mali", "Malian"),
    ("Chad", "Chadian"),
    ("Kenya", "Kenyan"),
    ("Ghana", "Ghanaian"),
    ("Peru", "Peruvian"),
    ("Chile", "Chilean"),
    ("Egypt", "Egyptian"),
    ("Jordan", "Jordanian"),
    ("Nepal", "Nepalese"),
    ("Norway", "Norwegian"),
    ("Qatar", "Qatari"),
];

const TEMPLATES: [&str; 10] = [
    "{A}'s foreign minister met his {b} counterpart in {C} on {day} to discuss border trade.",
    "Police in {A} arrested {n} protesters outside parliament on {day}, witnesses said.",
    "The government of {A} accused {B} of supporting armed groups near the frontier.",
    "{A} and {B} signed an agreement on {day} to share water from the river.",
    "{a} troops attacked a village near the border with {B}, killing {n} people, officials said.",
    "{A} sent {n} tonnes of food aid to {B} after the floods, the ministry said on {day}.",
    "Thousands of people protested in the capital of {A} on {day} against rising prices.",
    "{A} threatened to impose sanctions on {B} unless it released the detained journalists.",
    "The president of {A} hosted talks with rebel leaders from {B} on {day}.",
    "{a} officials denied that {B} had asked for military help.",
];

const DAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// A corpus of `n` invented short news articles, varied enough that each
/// has its own text and several events, as `.jsonl`.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let mut out = String::new();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    for i in 0..n {
        let mut text = String::new();
        for s in 0..3 + next(3) {
            let (a, adj_a) = COUNTRIES[next(COUNTRIES.len())];
            let (b, adj_b) = COUNTRIES[next(COUNTRIES.len())];
            let c = COUNTRIES[next(COUNTRIES.len())].0;
            let t = TEMPLATES[(i + s * 3 + next(TEMPLATES.len())) % TEMPLATES.len()];
            let sentence = t
                .replace("{A}", a)
                .replace("{a}", adj_a)
                .replace("{B}", if b == a { "Egypt" } else { b })
                .replace("{b}", adj_b)
                .replace("{C}", c)
                .replace("{day}", DAYS[next(DAYS.len())])
                .replace("{n}", &(2 + next(300) + i).to_string());
            text.push_str(&sentence);
            text.push(' ');
        }
        let date = format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        let line = serde_json::json!({"id": format!("r-{i:04}"), "date": date, "text": text.trim_end()});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

fn spawn_ingest(db: &Path, corpus: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["ingest", "--batch", "8", "--db"])
        .arg(db)
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start annals ingest")
}

fn ingest_to_end(db: &Path, corpus: &Path) {
    let out = annals(&["ingest", "--batch", "8", "--db", db.to_str().unwrap(), corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Article ids, event ids, and the jsonl export of a database.
fn contents(db: &Path) -> (BTreeSet<String>, Vec<String>, String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "{}", db.display());
    let ids = |sql: &str| -> Vec<String> {
        let mut st = conn.prepare(sql).unwrap();
        let rows = st.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    let articles: BTreeSet<String> = ids("SELECT id FROM articles").into_iter().collect();
    let events = ids("SELECT id FROM events ORDER BY id");
    let out = annals(&["export", "--db", db.to_str().unwrap(), "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (articles, events, stdout(&out))
}

fn article_count(db: &Path) -> usize {
    if !db.exists() {
        return 0;
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    // A database killed before its schema was created has no tables yet.
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)).map_or(0, |n| n as usize)
}

#[test]
fn an_ingest_killed_at_any_moment_and_rerun_equals_one_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 300);

    let clean = dir.path().join("clean.db");
    let t0 = Instant::now();
    ingest_to_end(&clean, &corpus);
    let clean_time = t0.elapsed();
    let (articles, events, export) = contents(&clean);
    assert_eq!(articles.len(), 300);
    assert!(events.len() > 300, "the corpus should give several events per article, got {}", events.len());

    // Kill at different moments, each run resuming the last: before the
    // first commit, then once the store holds some articles (plus a few
    // milliseconds, so that the kill falls anywhere in the next batch).
    // A kill can miss the middle of an ingest on a busy or idle machine (the
    // run already finished, or nothing committed yet), so later moments are
    // tried until two kills have landed mid-ingest.
    let crashed = dir.path().join("crashed.db");
    let mut partial: Vec<(usize, bool)> = Vec::new();
    let moments = [(0, 20), (40, 0), (120, 3), (200, 7), (260, 1), (270, 2), (280, 0), (290, 1), (295, 0), (298, 0)];
    let landed = |p: &[(usize, bool)]| p.iter().filter(|&&(n, finished)| !finished && n > 0 && n < 300).count();
    for (i, (after, extra_ms)) in moments.into_iter().enumerate() {
        if i >= 5 && landed(&partial) >= 2 {
            break;
        }
        let mut child = spawn_ingest(&crashed, &corpus);
        let t = Instant::now();
        while child.try_wait().unwrap().is_none()
            && after > 0
            && article_count(&crashed) < after
            && t.elapsed() < clean_time * 3
        {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        std::thread::sleep(std::time::Duration::from_millis(extra_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        let n = article_count(&crashed);
        eprintln!("killed at >= {after} article(s) + {extra_ms} ms: {n} stored, finished={finished}");
        partial.push((n, finished));
    }
    assert!(landed(&partial) >= 2, "fewer than two kills landed in the middle of an ingest: {partial:?}");
    ingest_to_end(&crashed, &corpus);
    let (a2, e2, x2) = contents(&crashed);
    assert_eq!(a2, articles, "articles differ from a clean run");
    assert_eq!(e2.len(), events.len(), "event count differs from a clean run");
    assert_eq!(e2, events, "event ids differ from a clean run");
    assert!(x2 == export, "the export differs from a clean run's");
}

/// The sum of `annals query --count-by month` over all months.
fn total_events(db: &Path) -> Result<u64, String> {
    let out = annals(&["query", "--db", db.to_str().unwrap(), "--count-by", "month", "--format", "jsonl"]);
    if !out.status.success() {
        return Err(stderr(&out));
    }
    let mut total = 0;
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{line}: {e}"))?;
        total += v["events"].as_u64().ok_or_else(|| format!("no count in {line}"))?;
    }
    Ok(total)
}

#[test]
fn readers_query_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    // An existing store (as readers meet it), then a larger ingest into it.
    let first = dir.path().join("first");
    std::fs::create_dir(&first).unwrap();
    ingest_to_end(&db, &corpus(&first, 10));
    let corpus = corpus(dir.path(), 500);

    let mut child = spawn_ingest(&db, &corpus);
    let mut seen = Vec::new();
    let mut last = 0;
    while child.try_wait().unwrap().is_none() {
        let n = total_events(&db).unwrap_or_else(|e| {
            child.kill().ok();
            panic!("a query failed while ingesting: {e}")
        });
        assert!(n >= last, "counts went down: {last} then {n}");
        last = n;
        seen.push(n);
    }
    assert!(child.wait().unwrap().success());
    let end = total_events(&db).unwrap();
    assert!(end >= last);
    let distinct: BTreeSet<u64> = seen.iter().copied().collect();
    eprintln!("{} queries during the ingest, {} distinct totals, final {end}", seen.len(), distinct.len());
    assert!(distinct.len() >= 2, "the queries did not overlap the ingest: {seen:?}");
}

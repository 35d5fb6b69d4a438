//! `annals dicts coverage`: lexicon entries and uncovered codes per CAMEO root.

mod common;
use common::*;

/// The table's row for `root`: verbs, nouns, entries, "covered/codes".
fn row(out: &str, root: &str) -> Vec<String> {
    let line =
        out.lines().find(|l| l.split_whitespace().next() == Some(root)).unwrap_or_else(|| panic!("no row {root}"));
    line.split_whitespace().rev().take(4).map(str::to_string).collect::<Vec<_>>().into_iter().rev().collect()
}

#[test]
fn shipped_lexicon_covers_every_root() {
    let out = annals(&["dicts", "coverage"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for r in 1..=20 {
        let cells = row(&text, &format!("{r:02}"));
        let (covered, codes) = cells[3].split_once('/').unwrap();
        let (covered, codes): (usize, usize) = (covered.parse().unwrap(), codes.parse().unwrap());
        assert!(covered > 0 && covered <= codes, "root {r:02}: {cells:?}");
        assert!(cells[2].parse::<usize>().unwrap() > 0, "root {r:02}: {cells:?}");
    }
    let all = row(&text, "all");
    assert!(all[2].parse::<usize>().unwrap() > 2000, "{all:?}");
}

#[test]
fn a_users_lexicon_is_counted_and_its_gaps_listed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("events.tsv"),
        "# two roots only\n0841\tverb\trelease\tnotobj=statement\n0841\tnoun\trelease\tprep=of\n084\tverb\treturn\n\
         190\tverb\tattack\n999\tverb\tbogus\n",
    )
    .unwrap();
    let out = annals(&["dicts", "coverage", "--dictionaries", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "a skipped line makes exit status 1: {}", stderr(&out));
    assert!(stderr(&out).contains("events.tsv:6:"), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(row(&text, "08")[..3], ["2", "1", "3"]);
    assert!(row(&text, "08")[3].starts_with("2/"));
    assert_eq!(row(&text, "19")[..3], ["1", "0", "1"]);
    assert_eq!(row(&text, "01")[..3], ["0", "0", "0"]);
    assert_eq!(row(&text, "all")[..3], ["3", "1", "4"]);
    // Gaps are listed with their names; covered codes are not.
    assert!(text.lines().any(|l| l.trim_start().starts_with("0842") && l.contains("property")), "{text}");
    assert!(!text.lines().any(|l| l.trim_start().starts_with("0841 ")), "{text}");
    // --strict stops at the bad line.
    let out = annals(&["dicts", "coverage", "--strict", "--dictionaries", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_folder_without_events_tsv_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = annals(&["dicts", "coverage", "--dictionaries", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("events.tsv"), "{}", stderr(&out));
}

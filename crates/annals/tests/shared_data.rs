//! Accuracy on the shared evaluation data, through the command line, with
//! the embedded models. These guard against regressions; the stricter
//! targets are enforced by `.ci/run` on the test sets. Skipped (with a
//! message) when `../shared/data` is absent, failed when
//! `ANNALS_REQUIRE_SHARED=1`.

mod common;
use common::*;

#[test]
fn tagging_and_parsing_ewt_dev() {
    let Some(data) = shared_data() else { return };
    let gold = data.join("ud-ewt/en_ewt-ud-dev.conllu");
    let out = annals(&["eval", "parse", gold.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    eprintln!("{s}");
    assert!(score(&s, "UPOS") >= 94.5, "{s}");
    assert!(score(&s, "LEMMA") >= 96.0, "{s}");
    assert!(score(&s, "LAS") >= 79.0, "{s}");
}

#[test]
fn tokenized_parse_keeps_the_treebank_tokens() {
    let Some(data) = shared_data() else { return };
    let gold = data.join("ud-ewt/en_ewt-ud-dev.conllu");
    let out = annals(&["parse", "--tokenized", gold.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let words =
        |s: &str| s.lines().filter(|l| l.split('\t').next().is_some_and(|c| c.parse::<usize>().is_ok())).count();
    let gold_text = std::fs::read_to_string(&gold).unwrap();
    assert_eq!(words(&stdout(&out)), words(&gold_text));
}

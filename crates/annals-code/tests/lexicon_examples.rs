//! A behaviour check of the lexicon's breadth: short example news sentences
//! (`lexicon_examples.tsv`, written for this test), each with the CAMEO root
//! a coder must produce. Every sentence is coded as its own article with the
//! embedded models and dictionaries; enough of them must yield an event of
//! their root. The misses are printed, so a run shows what the lexicon (or
//! the parse) still gets wrong.

use annals_code::{ArticleInfo, Coder};
use annals_text::Pipeline;

const EXAMPLES: &str = include_str!("lexicon_examples.tsv");

/// The share of sentences that must yield an event of their root.
const MIN_SHARE: f64 = 0.70;

/// (root, sentence) pairs of the examples file.
fn examples() -> Vec<(&'static str, &'static str)> {
    EXAMPLES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_once('\t').unwrap_or_else(|| panic!("no tab in {l:?}")))
        .collect()
}

#[test]
fn the_examples_are_well_formed_and_cover_every_root() {
    let ex = examples();
    for (root, sentence) in &ex {
        assert!(root.len() == 2 && root.bytes().all(|b| b.is_ascii_digit()), "{root:?}");
        assert!(annals_code::ontology::get().cameo(root).is_some(), "{root} is not a CAMEO root");
        assert!(!sentence.trim().is_empty());
    }
    for r in 1..=20 {
        let root = format!("{r:02}");
        let n = ex.iter().filter(|(x, _)| *x == root).count();
        assert!(n >= 5, "root {root} has {n} examples, want at least 5");
    }
}

#[test]
fn most_examples_yield_an_event_of_their_root() {
    let pipeline = Pipeline::embedded().expect("models");
    let coder = Coder::embedded();
    let ex = examples();
    let mut misses = Vec::new();
    for (k, (root, sentence)) in ex.iter().enumerate() {
        let doc = pipeline.annotate(sentence);
        let id = format!("ex-{}", k + 1);
        let events = coder.code(&ArticleInfo { id: &id, date: Some((2024, 3, 14)) }, &doc);
        if !events.iter().any(|e| e.cameo.starts_with(root)) {
            let got: Vec<String> = events.iter().map(|e| format!("{} ({})", e.cameo, e.trigger.text)).collect();
            misses.push(format!("{root}  {sentence}  → [{}]", got.join(", ")));
        }
    }
    let share = 1.0 - misses.len() as f64 / ex.len() as f64;
    eprintln!("lexicon examples: {} of {} ({:.1}%) yield their root", ex.len() - misses.len(), ex.len(), share * 100.0);
    for m in &misses {
        eprintln!("  miss: {m}");
    }
    assert!(share >= MIN_SHARE, "{:.1}% < {:.0}%; misses:\n{}", share * 100.0, MIN_SHARE * 100.0, misses.join("\n"));
}

//! The PETRARCH readers on PETRARCH2's own files in `../shared/data/petrarch2`:
//! the validation set loads without a bad line, the Phoenix set loads with
//! its bad lines reported (not a panic), and a validation-style sentence is
//! coded with the pattern that fired. Skipped (with a message) when the
//! data is absent; failed when `ANNALS_REQUIRE_SHARED=1`.

use annals_code::dict::petrarch::{Environment, Petrarch};
use annals_code::{ArticleInfo, Coder};
use annals_text::Pipeline;
use std::path::PathBuf;

fn dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch2/dictionaries");
    if p.is_dir() {
        return Some(p);
    }
    if std::env::var("ANNALS_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!("ANNALS_REQUIRE_SHARED=1 but {} is missing", p.display());
    }
    eprintln!("skipping: {} is absent", p.display());
    None
}

fn r(x: &Option<(String, String)>) -> Option<(&str, &str)> {
    x.as_ref().map(|(n, t)| (n.as_str(), t.as_str()))
}

fn load(dir: &std::path::Path, env: &Environment) -> (Petrarch, usize) {
    let read = |n: &str| {
        let b = std::fs::read(dir.join(n)).unwrap();
        (n.to_string(), b.iter().map(|&c| c as char).collect::<String>())
    };
    let verbs = env.verbs.as_deref().map(read);
    let actors: Vec<(String, String)> = env.actors.iter().map(|a| read(a)).collect();
    let agents = env.agents.as_deref().map(read);
    let discards = env.discards.as_deref().map(read);
    let a: Vec<(&str, &str)> = actors.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let (p, errors) = Petrarch::from_texts(r(&verbs), &a, r(&agents), r(&discards));
    (p, errors.len())
}

fn validate() -> Environment {
    Environment {
        verbs: Some("PETR.Validate.verbs.txt".into()),
        actors: vec!["PETR.Validate.actors.txt".into()],
        agents: Some("PETR.Validate.agents.txt".into()),
        discards: Some("PETR.Validate.discards.txt".into()),
        require_dyad: None,
    }
}

#[test]
fn validation_dictionaries_load_cleanly() {
    let Some(d) = dir() else { return };
    let (p, errors) = load(&d, &validate());
    assert_eq!(errors, 0);
    assert!(p.verbs.patterns > 400, "{}", p.verbs.patterns);
    assert!(p.actors.len() > 100 && p.agents.len() > 80 && p.discards.len() == 9);
}

#[test]
fn phoenix_dictionaries_load_with_their_bad_lines_reported() {
    let Some(d) = dir() else { return };
    let (p, errors) = load(&d, &Environment::phoenix());
    assert!(p.verbs.patterns > 4000, "{}", p.verbs.patterns);
    assert!(p.actors.phrases() > 20_000, "{}", p.actors.phrases());
    assert!(errors < 200, "{errors} bad lines");
}

#[test]
fn a_pattern_codes_a_sentence_and_is_explained() {
    let Some(d) = dir() else { return };
    let (p, _) = load(&d, &validate());
    let mut coder = Coder::embedded();
    coder.lexicon = &p;
    coder.actors = &p;
    coder.agents = &p;
    coder.finish = Some(&p);
    coder.explain = true;
    let doc = Pipeline::embedded().unwrap().annotate("Arnor will abandon full economic ties with Gondor.");
    let events = coder.code(&ArticleInfo { id: "t", date: Some((1995, 1, 1)) }, &doc);
    let e = events.iter().find(|e| e.cameo == "902").expect("the &TIETYPES TIES pattern");
    assert_eq!(e.source.as_ref().and_then(|a| a.code.as_deref()), Some("ARN"));
    assert_eq!(e.target.as_ref().and_then(|a| a.code.as_deref()), Some("GON"));
    assert!(e.explain.iter().any(|x| x.starts_with("PETRARCH pattern - * &TIETYPES TIES")), "{:?}", e.explain);
}

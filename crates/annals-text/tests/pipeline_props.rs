//! The whole text layer on arbitrary input: no panic, offsets on character
//! boundaries inside the text, one root per sentence.

use annals_text::Pipeline;
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::embedded().expect("models"))
}

fn check(text: &str) {
    let doc = pipeline().annotate(text);
    for t in &doc.tokens {
        assert!(t.start < t.end && t.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(t.start) && doc.text.is_char_boundary(t.end));
        assert!(!t.upos.is_empty() && !t.deprel.is_empty());
    }
    for s in &doc.sentences {
        let roots = doc.tokens[s.tokens.clone()].iter().filter(|t| t.head.is_none()).count();
        assert_eq!(roots, 1);
    }
    for e in &doc.entities {
        assert!(e.tokens.end <= doc.tokens.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_unicode(s in "\\PC{0,300}") {
        check(&s);
    }

    #[test]
    fn news_like(words in proptest::collection::vec(
        prop_oneof![
            Just("Israel"), Just("released"), Just("1,027"), Just("भारत"), Just("ддд"), Just("re-arrested"),
            Just("in"), Just("2014"), Just("."), Just(","), Just("\""), Just("Hamas"), Just("the"), Just("killed"),
            Just("Wednesday"), Just("talks"), Just("دمشق"), Just("ßß"), Just("ǅemal"), Just("\u{0301}e"),
        ],
        0..120,
    )) {
        check(&words.join(" "));
    }
}

#[test]
fn scripts_and_doubled_letters() {
    check("भारत ने कहा। Ελλάδα. Россия заявила. Türkiye’s talks. naïve coöperation. ǅǅ ßß.");
}

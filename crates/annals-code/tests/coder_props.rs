//! The coder on arbitrary input: no panic, every span inside the text.

use annals_code::{ArticleInfo, Coder};
use annals_text::Pipeline;
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::embedded().expect("models"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn spans_stay_in_the_text(words in proptest::collection::vec(
        prop_oneof![
            Just("Israel"), Just("released"), Just("1,027"), Just("prisoners"), Just("Hamas"), Just("asked"),
            Just("to"), Just("release"), Just("in"), Just("2014"), Just("."), Just(","), Just("Egypt"), Just("and"),
            Just("did"), Just("not"), Just("attack"), Just("the"), Just("village"), Just("if"), Just("will"),
            Just("according"), Just("officials"), Just("said"), Just("Cairo"), Just("on"), Just("Wednesday"),
            Just("भारत"), Just("they"), Just("who"), Just("must"), Just("freeing"),
        ],
        0..80,
    ), y in 1990i32..2030, m in 1u8..13, d in 1u8..29) {
        let text = words.join(" ");
        let doc = pipeline().annotate(&text);
        let events = Coder::embedded().code(&ArticleInfo { id: "p", date: Some((y, m, d)) }, &doc);
        for e in events {
            prop_assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text.as_str());
            for a in [&e.source, &e.target].into_iter().flatten() {
                prop_assert_eq!(&text[a.start..a.end], a.text.as_str());
            }
            prop_assert!((0.0..=1.0).contains(&e.confidence));
        }
    }
}

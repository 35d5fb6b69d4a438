//! Invariants of the tokeniser on arbitrary input: whatever the text, every
//! non-separator character lands in exactly one non-empty token, tokens and
//! sentences are ordered and disjoint, and sentences respect the token cap.

use annals_text::tokenize::{
    is_separator, segment, segment_surface, RawSentence, MAX_CHUNK_BYTES, MAX_SENTENCE_TOKENS,
};
use proptest::prelude::*;

/// Panics with a description of the first violated invariant.
fn check(text: &str, sentences: &[RawSentence]) {
    let mut covered = 0; // end of the last token
    let mut last_sentence_end = 0;
    for s in sentences {
        assert!(!s.tokens.is_empty(), "empty sentence");
        assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS, "sentence too long");
        assert_eq!(s.start, s.tokens[0].start, "sentence start");
        assert_eq!(s.end, s.tokens[s.tokens.len() - 1].end, "sentence end");
        assert!(s.start >= last_sentence_end, "sentences overlap");
        last_sentence_end = s.end;
        for t in &s.tokens {
            assert!(t.start < t.end, "empty token at {}", t.start);
            assert!(t.start >= covered, "tokens overlap or go backwards at {}", t.start);
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.end - t.start <= MAX_CHUNK_BYTES, "token too long");
            // Only separators between tokens, none inside one.
            assert!(text[covered..t.start].chars().all(is_separator), "lost text {:?}", &text[covered..t.start]);
            assert!(
                !text[t.start..t.end].chars().any(is_separator),
                "separator inside token {:?}",
                &text[t.start..t.end]
            );
            covered = t.end;
        }
    }
    assert!(text[covered..].chars().all(is_separator), "lost trailing text {:?}", &text[covered..]);
}

fn check_both(text: &str) {
    let words = segment(text);
    check(text, &words);
    let surface = segment_surface(text);
    check(text, &surface);
    // Surface tokens group words; sentence boundaries are the same.
    let spans = |s: &[RawSentence]| s.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>();
    assert_eq!(spans(&words), spans(&surface));
}

/// Text built from the pieces the tokeniser cares about, so that the
/// interesting rules fire far more often than in uniformly random strings.
fn newsy() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "Israel",
        "'s",
        "don't",
        "can't",
        "I'm",
        "parents'",
        "U.S.",
        "Mr.",
        "Gen.",
        "W.",
        "a.m.",
        "etc.",
        "No.",
        "re-arrested",
        "al-Sayed",
        "2014-15",
        "713-853-3989",
        "1,027",
        "3.5",
        "10:30",
        "$",
        "5",
        "%",
        "(",
        ")",
        "[",
        "]",
        "\"",
        "'",
        "“",
        "”",
        "‘",
        "’",
        "...",
        "…",
        ".",
        ",",
        ";",
        ":",
        "!",
        "?",
        "-",
        "--",
        "http://x.org/a",
        "www.un.org",
        "a@b.com",
        "@user",
        "#tag",
        ":)",
        ";-)",
        "1st",
        "22nd",
        "5kg",
        "gonna",
        "cannot",
        "e\u{301}",
        "\u{200d}",
        "\u{fe0f}",
        "👍",
        "🏽",
        "\u{0}",
        "\u{7f}",
        "\u{85}",
        "\u{a0}",
        "\u{200b}",
        "\u{2028}",
        "The",
        "the",
        "he",
        "said",
        "\n",
        "\r\n",
        " ",
        "  ",
        "\t",
        "'90s",
        "O'Brien",
        "Ya'll",
        "&",
        "AT&T",
        "w/o",
        "24/7",
        "_",
        "=",
        "<<",
        "é",
        "中文",
        "مرحبا",
        "\u{94d}",
    ]);
    prop::collection::vec((atoms, prop::sample::select(vec!["", "", " ", "\n"])), 0..80)
        .prop_map(|parts| parts.into_iter().map(|(a, sep)| format!("{a}{sep}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        check_both(&text);
    }

    #[test]
    fn ascii_with_controls(text in "[\\x00-\\x7f]{0,300}") {
        check_both(&text);
    }

    #[test]
    fn punctuation_soup(text in "[a-zA-Z0-9.,:;'’\"!?@#&/$%()\\-_ ]{0,300}") {
        check_both(&text);
    }

    #[test]
    fn newsy_text(text in newsy()) {
        check_both(&text);
    }

    #[test]
    fn long_runs_without_spaces(
        unit in "[a-z.,'\\-0-9]{1,4}|[\\u{300}\\u{200d}😂é.]{1,3}",
        n in 0usize..4000,
    ) {
        check_both(&unit.repeat(n));
    }
}

/// Exact boundaries: long enough to force chunk cuts and sentence caps.
#[test]
fn caps_are_respected() {
    for text in [
        "x".repeat(3 * MAX_CHUNK_BYTES + 1),
        "é".repeat(MAX_CHUNK_BYTES),
        "e\u{301}".repeat(MAX_CHUNK_BYTES),
        "a ".repeat(MAX_SENTENCE_TOKENS * 2 + 1),
        "don't ".repeat(MAX_SENTENCE_TOKENS + 1),
        format!("{}U.S.", "a ".repeat(MAX_SENTENCE_TOKENS - 1)),
        format!("{}etc.)", "a ".repeat(MAX_SENTENCE_TOKENS - 2)),
    ] {
        check_both(&text);
    }
}

/// A 20 MB paragraph with no line break finishes quickly (the test profile
/// is optimised) and keeps every sentence within the cap.
#[test]
fn twenty_megabytes_without_newline() {
    let unit = "Israel's army re-arrested 49 of the 1,027 detainees, the U.S. envoy said \
                in Gaza-run areas on Jan. 5 (local time) and \"nobody\" objected; ";
    let mut text = String::with_capacity(20_000_000 + unit.len());
    while text.len() < 20_000_000 {
        text.push_str(unit);
    }
    let start = std::time::Instant::now();
    let sentences = segment(&text);
    let elapsed = start.elapsed();
    assert!(sentences.iter().all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    assert!(tokens > 3_000_000);
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
    // Junk without spaces is cut into bounded chunks.
    let junk = ",.;:!?()\"'-x\u{1}".repeat(1_500_000);
    let sentences = segment(&junk);
    assert!(sentences.iter().all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
}

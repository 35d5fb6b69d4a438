//! Feeds arbitrary bytes (decoded lossily as UTF-8) to the tokeniser and
//! checks that no text is lost and that tokens and sentences are well formed.
#![no_main]

use annals_text::tokenize::{
    is_separator, segment, segment_surface, RawSentence, MAX_CHUNK_BYTES, MAX_SENTENCE_TOKENS,
};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, sentences: &[RawSentence]) {
    let mut covered = 0;
    let mut sentence_end = 0;
    for s in sentences {
        assert!(!s.tokens.is_empty() && s.tokens.len() <= MAX_SENTENCE_TOKENS);
        assert_eq!(
            (s.start, s.end),
            (s.tokens[0].start, s.tokens[s.tokens.len() - 1].end)
        );
        assert!(s.start >= sentence_end);
        sentence_end = s.end;
        for t in &s.tokens {
            assert!(t.start < t.end && t.start >= covered);
            assert!(t.end - t.start <= MAX_CHUNK_BYTES);
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(
                text[covered..t.start].chars().all(is_separator),
                "text lost"
            );
            assert!(
                !text[t.start..t.end].chars().any(is_separator),
                "separator in token"
            );
            covered = t.end;
        }
    }
    assert!(
        text[covered..].chars().all(is_separator),
        "trailing text lost"
    );
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let words = segment(&text);
    check(&text, &words);
    let surface = segment_surface(&text);
    check(&text, &surface);
    assert_eq!(words.len(), surface.len());
});

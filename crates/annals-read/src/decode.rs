//! Bytes to text: UTF-8 by default, repaired rather than refused, or a
//! charset the source declares.

use crate::{reason, Notice};
use encoding_rs::{Encoding, UTF_8};

/// Decodes UTF-8, replacing invalid sequences with U+FFFD. The warning names
/// the first bad byte, counted from `base` (the offset of `bytes` in the file).
pub(crate) fn utf8_lossy(location: &str, bytes: Vec<u8>, base: u64) -> (String, Option<Notice>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = base + e.utf8_error().valid_up_to() as u64;
            let detail = format!("at byte {at}; replaced with U+FFFD");
            (
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(Notice::new(location, reason::INVALID_UTF8, detail)),
            )
        }
    }
}

/// Decodes with the charset named by `label` (an HTTP or `<meta>` charset),
/// falling back to UTF-8 when there is none or it is unknown.
pub(crate) fn with_charset(location: &str, bytes: &[u8], label: Option<&str>) -> (String, Option<Notice>) {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let bytes = &bytes[bom..];
    match label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        Some(enc) if enc != UTF_8 => {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            let notice = had_errors.then(|| {
                let detail = format!("bytes not valid in the declared {}; replaced with U+FFFD", enc.name());
                Notice::new(location, reason::BAD_CHARSET, detail)
            });
            (text.into_owned(), notice)
        }
        _ => utf8_lossy(location, bytes.to_vec(), bom as u64),
    }
}

/// The charset a page declares in its first kilobytes (`<meta charset=…>` or
/// `<meta http-equiv=… content="…; charset=…">`).
pub(crate) fn meta_charset(html: &[u8]) -> Option<String> {
    let head = &html[..html.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
            .map_or(lower.len(), |k| j + k);
        if end > j {
            return Some(String::from_utf8_lossy(&lower[j..end]).into_owned());
        }
    }
    None
}

/// The `charset` parameter of a Content-Type value.
pub(crate) fn content_type_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        assert_eq!(meta_charset(b"<html><head><META CHARSET=\"Windows-1252\">"), Some("windows-1252".into()));
        let equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">";
        assert_eq!(meta_charset(equiv), Some("iso-8859-1".into()));
        assert_eq!(meta_charset(b"<p>no charset here</p>"), None);
        assert_eq!(content_type_charset("text/html; Charset=\"UTF-8\""), Some("UTF-8".into()));
        let (text, notice) = with_charset("p", b"caf\xe9 cr\xe8me", Some("iso-8859-1"));
        assert_eq!(text, "café crème");
        assert!(notice.is_none());
        let (text, notice) = utf8_lossy("p", b"ab\xffcd".to_vec(), 100);
        assert_eq!(text, "ab\u{fffd}cd");
        assert_eq!(notice.unwrap().detail, "at byte 102; replaced with U+FFFD");
        let (text, notice) = with_charset("p", b"\xEF\xBB\xBFab\xffcd", None);
        assert_eq!(text, "ab\u{fffd}cd");
        assert_eq!(notice.unwrap().detail, "at byte 5; replaced with U+FFFD", "offsets count the byte-order mark");
    }
}

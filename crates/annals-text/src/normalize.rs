//! Name normalisation: the one way annals makes two spellings of a name
//! compare equal.
//!
//! News writes the same name in many ways: with and without diacritics
//! (`Erdoğan`, `Erdogan`), with typographic or straight apostrophes
//! (`Côte d’Ivoire`, `Cote d'Ivoire`), with a Unicode hyphen or an ASCII
//! one, in any case. Everything that matches names against a list — the
//! entity recogniser's [gazetteer](crate::gazetteer), the event coder's
//! actor dictionary and its place gazetteer — compares *folded* text, and
//! folds it with this module only.
//!
//! # What folding does
//!
//! [`fold`] keeps the case and changes, in order:
//!
//! 1. **Diacritics.** The text is decomposed (Unicode NFD) and every
//!    combining mark dropped: `é` → `e`, `ğ` → `g`, `ș` → `s`, `ạ` → `a`.
//! 2. **Letters without a decomposition** are spelled with the ASCII letters
//!    English news uses for them: `æ` → `ae`, `œ` → `oe`, `ĳ` → `ij`, `ß` →
//!    `ss`, `þ` → `th`, `ø` → `o`, `đ` and `ð` → `d`, `ł` and `ŀ` → `l`, `ı` →
//!    `i`, `ħ` → `h`, `ŧ` → `t`, `ŋ` → `n`, `ĸ` → `k`, `ſ` → `s`, `ŉ` → `'n`
//!    (capitals likewise: `Æ` → `AE`, `Ł` → `L`). With step 1 this turns every
//!    letter from `À` to `ſ` (Latin-1 and Latin Extended-A) into ASCII.
//! 3. **Apostrophes**: `’ ‘ ‛ ʼ ʻ ´` and the backtick become `'`.
//! 4. **Hyphens**: the Unicode hyphens `‐` and `‑` become `-`, and so do the
//!    dashes `‒ – — ― − ﹣ －` between two letters or digits (`Guinea–Bissau`);
//!    a dash elsewhere is punctuation and stays.
//!
//! Nothing else changes: other punctuation, spaces, digits and letters of
//! other scripts stay as they are (less their diacritics). [`fold_lower`]
//! is the same, lower-cased; it is what the text layer stores on each token
//! as [`Token::norm`](crate::Token::norm), so that a name is folded once per
//! token and not once per lookup.
//!
//! ```
//! use annals_text::normalize::{fold, fold_lower};
//!
//! assert_eq!(fold("Erdoğan"), "Erdogan");
//! assert_eq!(fold("Côte d’Ivoire"), "Cote d'Ivoire");
//! assert_eq!(fold_lower("Łódź"), "lodz");
//! assert_eq!(fold_lower("Guinea–Bissau"), "guinea-bissau");
//! assert_eq!(fold_lower("Straße"), "strasse");
//! ```
//!
//! # What each user adds
//!
//! Each user cuts the folded text into its own keys, and adds no character
//! rule of its own:
//!
//! - the entity gazetteer keeps only letters and digits
//!   ([`gazetteer::key`](crate::gazetteer::key): `St. John's` → `stjohns`);
//! - the place gazetteer collapses spaces and drops a leading "the";
//! - the actor dictionary drops a final period (`U.S.` = `U.S`) and compares
//!   `abbr:` forms with [`fold`], case kept, so that `US` is not `us`.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `s` folded (see the [module documentation](self)), case kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, false, &mut out);
    out
}

/// `s` folded and lower-cased: the form stored as
/// [`Token::norm`](crate::Token::norm).
pub fn fold_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, true, &mut out);
    out
}

/// Appends `s` folded, lower-cased if `lower`, to `out`.
fn fold_into(s: &str, lower: bool, out: &mut String) {
    // Most tokens are plain ASCII: nothing to decompose or spell out.
    if s.bytes().all(|b| b.is_ascii() && b != b'`') {
        if lower {
            out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(s);
        }
        return;
    }
    let base: Vec<char> = s.nfd().filter(|&c| !is_combining_mark(c)).collect();
    for (i, &c) in base.iter().enumerate() {
        let inside_word =
            || i > 0 && base[i - 1].is_alphanumeric() && base.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        let spelled = match c {
            '\u{2012}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' if inside_word() => Some("-"),
            _ => spelling(c),
        };
        match spelled {
            Some(t) if lower => out.extend(t.chars().map(|c| c.to_ascii_lowercase())),
            Some(t) => out.push_str(t),
            None if lower => out.extend(c.to_lowercase()),
            None => out.push(c),
        }
    }
}

/// The ASCII spelling of a character that decomposition leaves alone: a
/// Latin letter without a decomposition, an apostrophe or a hyphen.
fn spelling(c: char) -> Option<&'static str> {
    Some(match c {
        'Æ' => "AE",
        'æ' => "ae",
        'Œ' => "OE",
        'œ' => "oe",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'ß' => "ss",
        'ẞ' => "SS",
        'Þ' => "TH",
        'þ' => "th",
        'Ø' => "O",
        'ø' => "o",
        'Đ' | 'Ð' => "D",
        'đ' | 'ð' => "d",
        'Ł' | 'Ŀ' => "L",
        'ł' | 'ŀ' => "l",
        'ı' => "i",
        'Ħ' => "H",
        'ħ' => "h",
        'Ŧ' => "T",
        'ŧ' => "t",
        'Ŋ' => "N",
        'ŋ' => "n",
        'ĸ' => "k",
        'ſ' => "s",
        'ŉ' => "'n",
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}' => "'",
        '\u{2010}' | '\u{2011}' => "-",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_are_dropped_case_kept() {
        assert_eq!(fold("Kandahār"), "Kandahar");
        assert_eq!(fold("São Paulo"), "Sao Paulo");
        assert_eq!(fold("ERDOĞAN"), "ERDOGAN");
        assert_eq!(fold("București"), "Bucuresti");
        assert_eq!(fold("Hà Nội"), "Ha Noi");
        // Already decomposed text folds the same.
        assert_eq!(fold("Mu\u{308}nchen"), "Munchen");
        assert_eq!(fold("İstanbul"), "Istanbul");
        assert_eq!(fold_lower("İSTANBUL"), "istanbul");
    }

    #[test]
    fn letters_without_decomposition_are_spelled_out() {
        assert_eq!(fold("Ærøskøbing"), "AEroskobing");
        assert_eq!(fold_lower("Œuvre"), "oeuvre");
        assert_eq!(fold_lower("ĲSSELMEER"), "ijsselmeer");
        assert_eq!(fold("Þórshöfn"), "THorshofn");
        assert_eq!(fold("Đorđević"), "Dordevic");
        assert_eq!(fold("Łódź"), "Lodz");
        assert_eq!(fold("Diyarbakır"), "Diyarbakir");
        assert_eq!(fold("Ħamrun"), "Hamrun");
        assert_eq!(fold("Straße"), "Strasse");
        assert_eq!(fold("ẞ"), "SS");
        // ǿ is ø with an acute: decomposition first, then the spelling.
        assert_eq!(fold("ǿ"), "o");
    }

    #[test]
    fn apostrophes_are_straightened() {
        for a in ['\u{2018}', '\u{2019}', '\u{201B}', '\u{02BC}', '\u{02BB}', '`', '\u{00B4}'] {
            assert_eq!(fold(&format!("d{a}Ivoire")), "d'Ivoire", "{a:?}");
        }
        assert_eq!(fold("’"), "'");
        assert_eq!(fold("People’s"), "People's");
        // Quotation marks that are not apostrophes stay.
        assert_eq!(fold("“Hamas”"), "“Hamas”");
    }

    #[test]
    fn hyphens_always_dashes_inside_words() {
        assert_eq!(fold("al\u{2010}Qaeda"), "al-Qaeda");
        assert_eq!(fold("al\u{2011}Qaeda"), "al-Qaeda");
        assert_eq!(fold("\u{2010}"), "-");
        for d in ['\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}', '\u{FE63}', '\u{FF0D}'] {
            assert_eq!(fold(&format!("Guinea{d}Bissau")), "Guinea-Bissau", "{d:?}");
            assert_eq!(fold(&format!("1{d}2")), "1-2", "{d:?}");
            // Between words or alone, a dash is punctuation.
            assert_eq!(fold(&format!("a {d} b")), format!("a {d} b"), "{d:?}");
            assert_eq!(fold(&d.to_string()), d.to_string(), "{d:?}");
            assert_eq!(fold(&format!("x{d}")), format!("x{d}"), "{d:?}");
        }
        // A letter with a diacritic counts as a letter next to a dash.
        assert_eq!(fold("é–ü"), "e-u");
    }

    #[test]
    fn everything_else_is_kept() {
        assert_eq!(fold("U.S. #1, (x) \"y\" 50%"), "U.S. #1, (x) \"y\" 50%");
        assert_eq!(fold_lower("U.S. #1"), "u.s. #1");
        assert_eq!(fold("Москва"), "Москва");
        assert_eq!(fold_lower("Москва"), "москва");
        assert_eq!(fold("北京"), "北京");
        assert_eq!(fold(""), "");
        assert_eq!(fold_lower("ÉCOLE"), "ecole");
    }

    #[test]
    fn case_is_kept_or_lowered() {
        assert_eq!(fold("McCAIN al-Assad"), "McCAIN al-Assad");
        assert_eq!(fold_lower("McCAIN al-Assad"), "mccain al-assad");
        assert_eq!(fold_lower("ÆGIR Ĳssel ẞ"), "aegir ijssel ss");
        // The dotted capital I lowers to a plain "i", not "i" + a dot.
        assert_eq!(fold_lower("İzmir"), "izmir");
        assert_eq!(fold_lower("ΑΘΗΝΑ"), "αθηνα");
    }

    #[test]
    fn every_latin_1_and_extended_a_letter_becomes_ascii() {
        for c in ('\u{c0}'..='\u{17f}').filter(|c| c.is_alphabetic()) {
            let (f, l) = (fold(&c.to_string()), fold_lower(&c.to_string()));
            assert!(f.is_ascii() && !f.is_empty(), "{c:?} -> {f:?}");
            assert_eq!(l, f.to_ascii_lowercase(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_is_stable_and_latin_letters_become_ascii(
            s in "[a-zA-Z0-9 .'\u{c0}-\u{d6}\u{d8}-\u{f6}\u{f8}-\u{17f}\u{300}-\u{36f}\u{2010}\u{2011}\u{2018}\u{2019}-]{0,12}"
        ) {
            let once = fold_lower(&s);
            proptest::prop_assert_eq!(fold_lower(&once), once.clone());
            proptest::prop_assert_eq!(fold(&s).to_lowercase(), once.clone());
            proptest::prop_assert!(once.is_ascii(), "{:?} -> {:?}", s, once);
        }
    }
}

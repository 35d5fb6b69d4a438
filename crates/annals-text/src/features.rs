//! Feature hashing and word normalisation shared by the statistical models.
//!
//! A feature is a template number combined with one to three values (word
//! hashes, tags, counts), mixed into a 64-bit key. Hashing instead of string
//! tables keeps feature extraction allocation-free and the models compact;
//! at a few million features, 64-bit collisions are negligible.

/// Finalises a 64-bit value (splitmix64): every input bit affects every
/// output bit.
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes a string (FNV-1a, then mixed).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

// Feature keys keep 32 bits: with a couple of million features there are
// only a few hundred collisions, and sorted 32-bit keys delta-code to about
// two bytes each in a model file instead of seven.

#[inline]
fn m1(template: u32, a: u64) -> u64 {
    mix(a ^ u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn m2(template: u32, a: u64, b: u64) -> u64 {
    mix(m1(template, a) ^ b.rotate_left(23))
}

/// A feature key from a template and one value.
#[inline]
pub fn f1(template: u32, a: u64) -> u64 {
    m1(template, a) >> 32
}

/// A feature key from a template and two values.
#[inline]
pub fn f2(template: u32, a: u64, b: u64) -> u64 {
    m2(template, a, b) >> 32
}

/// A feature key from a template and three values.
#[inline]
pub fn f3(template: u32, a: u64, b: u64, c: u64) -> u64 {
    mix(m2(template, a, b) ^ c.rotate_left(41)) >> 32
}

/// The normalised form used as a word feature: lower case, with digits
/// folded to `0` so that "1,027" and "3,500" share statistics.
pub fn norm(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for c in form.chars() {
        if c.is_ascii_digit() {
            out.push('0');
        } else {
            match c {
                '\u{2018}' | '\u{2019}' | '\u{201b}' | '`' => out.push('\''),
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => out.push('"'),
                '\u{2013}' | '\u{2014}' => out.push('-'),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// A word's shape with runs collapsed: "Gaza-run" → "Xx-x", "1,027" → "d,d".
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in form.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if k != last || !matches!(k, 'X' | 'x' | 'd' | 'a') {
            out.push(k);
        }
        last = k;
    }
    out
}

/// The last `n` characters of `s` (all of it when shorter).
pub fn suffix(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ => s,
    }
}

/// The first `n` characters of `s` (all of it when shorter).
pub fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Lower case only, keeping digits and punctuation as they are (for lemmas).
pub fn norm_case(form: &str) -> String {
    form.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Gaza-run"), "Xx-x");
        assert_eq!(shape("1,027"), "d,d");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(norm("1,027"), "0,000");
        assert_eq!(norm("Hamas’"), "hamas'");
        assert_eq!(suffix("released", 3), "sed");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(prefix("Ägypten", 2), "Äg");
        assert_eq!(prefix("a", 4), "a");
    }
}

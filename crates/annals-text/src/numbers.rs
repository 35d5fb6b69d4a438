//! Cardinal numbers and their values.
//!
//! Rule-based over token forms (tags are optional hints), so it works before
//! or without the tagger. It finds digits ("600", "1,027", "3.5", "20-30",
//! "$5bn"), words ("four", "twenty-one", "three hundred and forty two", "a
//! dozen", "half a million"), mixtures ("1.5 million", "2 dozen") and vague
//! amounts ("dozens", "hundreds", "tens of thousands"), whose value is a
//! conventional lower bound with `approximate` set (dozens 24, scores 40,
//! hundreds 200, thousands 2000, tens of thousands 20,000, several hundred
//! 300, a few thousand 2000). A digit range "20-30" is its lower bound,
//! approximate. Hedges ("about", "more than", "at least") are left outside
//! the span for the coder to read; a currency sign or "%" is not part of the
//! value ("$5 billion" → 5e9 over "5 billion").
//!
//! What is *not* a cardinal here, because a quantity resolver would misread
//! it as a count:
//! - any token inside a time expression found by [`crate::timex`]: years
//!   used as dates ("in 2014", "2011's deal", "June 5, 2022"; see that
//!   module for the year rule), day numbers ("June 5"), "two years ago".
//!   A year-shaped number without temporal evidence stays a number
//!   ("2014 people").
//! - clock times ("10:30", "10 a.m."), ordinals ("first", "22nd"),
//!   fractions ("two thirds"), phone-number fragments ("555-1234", runs of
//!   bare digit tokens), numbers with leading zeros ("007").
//! - "one" as a pronoun: "no one", "the one who", "one another", "this
//!   one", "one must"; "one of them" is 1.
//! - number words that are part of a name when the tagger says so
//!   ("Group of Seven" tagged NNP).

use crate::doc::{Doc, Number};
use crate::timex::{self, one_of, View};
use std::ops::Range;

/// Finds cardinal numbers in every sentence of `doc` (tokens must be set).
pub fn recognize(doc: &Doc) -> Vec<Number> {
    let mut out = Vec::new();
    for r in timex::sentence_ranges(doc) {
        let toks = &doc.tokens[r.clone()];
        let view = View::new(toks);
        for (span, value, approximate) in recognize_sentence(&view) {
            out.push(Number {
                start: toks[span.start].start,
                end: toks[span.end - 1].end,
                tokens: r.start + span.start..r.start + span.end,
                value,
                approximate,
            });
        }
    }
    out
}

/// One sentence: (token span, value, approximate).
fn recognize_sentence(v: &View<'_>) -> Vec<(Range<usize>, f64, bool)> {
    let n = v.len();
    let mut blocked = vec![false; n];
    for (span, _) in timex::recognize_sentence(v) {
        for b in blocked.iter_mut().take(span.end).skip(span.start) {
            *b = true;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !blocked[i] {
            if let Some((e, value, approx)) = number_at(v, i, &blocked) {
                if e > i && e <= n && value.is_finite() {
                    out.push((i..e, value, approx));
                    i = e;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// A number word: 0–9, 10–19, a multiple of ten, a hyphenated compound
/// ("twenty-one"), or a multiplier.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    Unit(u32),
    Teen(u32),
    Tens(u32),
    Compound(u32),
    Hundred,
    Scale(f64),
    Dozen,
    And,
}

fn small(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// "twenty-one" and the like.
fn compound(w: &str) -> Option<u32> {
    let (a, b) = w.split_once('-')?;
    let (t, u) = (small(a)?, small(b)?);
    (t >= 20 && (1..=9).contains(&u)).then_some(t + u)
}

/// The value of a single number word below 100 ("seven", "twenty-five");
/// used by the time recogniser for "seven years ago".
pub(crate) fn word_value(w: &str) -> Option<u32> {
    small(w).or_else(|| compound(w))
}

fn classify(w: &str) -> Option<Word> {
    if let Some(v) = small(w) {
        return Some(match v {
            0..=9 => Word::Unit(v),
            10..=19 => Word::Teen(v),
            _ => Word::Tens(v),
        });
    }
    if let Some(v) = compound(w) {
        return Some(Word::Compound(v));
    }
    if w == "and" {
        return Some(Word::And);
    }
    scale_word(w).map(|s| match s {
        Multiplier::Hundred => Word::Hundred,
        Multiplier::Dozen => Word::Dozen,
        Multiplier::Scale(x) => Word::Scale(x),
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Multiplier {
    Hundred,
    Dozen,
    Scale(f64),
}

impl Multiplier {
    fn value(self) -> f64 {
        match self {
            Multiplier::Hundred => 100.0,
            Multiplier::Dozen => 12.0,
            Multiplier::Scale(x) => x,
        }
    }
}

fn scale_word(w: &str) -> Option<Multiplier> {
    Some(match w {
        "hundred" => Multiplier::Hundred,
        "dozen" => Multiplier::Dozen,
        "thousand" => Multiplier::Scale(1e3),
        "lakh" => Multiplier::Scale(1e5),
        "million" => Multiplier::Scale(1e6),
        "crore" => Multiplier::Scale(1e7),
        "billion" => Multiplier::Scale(1e9),
        "trillion" => Multiplier::Scale(1e12),
        _ => return None,
    })
}

/// Multipliers allowed after digits: the words and the abbreviations
/// "bn", "mn", "tn" ("5 bn").
fn digit_scale(w: &str) -> Option<f64> {
    match w {
        "bn" => Some(1e9),
        "mn" => Some(1e6),
        "tn" => Some(1e12),
        _ => scale_word(w).map(Multiplier::value),
    }
}

/// "hundreds of thousands": the plural scales after "tens/hundreds of".
fn plural_scale(w: &str) -> Option<f64> {
    match w {
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        _ => None,
    }
}

fn is_fraction(w: &str) -> bool {
    one_of(
        w,
        "half halves third thirds quarter quarters fourth fourths fifth fifths \
            sixth sixths seventh sevenths eighth eighths ninth ninths tenth tenths",
    )
}

fn is_plain_digits(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// Phone-number shapes: "555-1234", "020-7946-0958", "+44".
fn phone_like(w: &str) -> bool {
    if w.starts_with('+') && w.len() > 1 {
        return w[1..].bytes().all(|b| b.is_ascii_digit() || b == b'-');
    }
    let parts: Vec<&str> = w.split('-').collect();
    parts.len() >= 2
        && parts.iter().all(|p| is_plain_digits(p))
        && (parts.len() >= 3 || (parts[0].len() == 3 && parts[1].len() == 4))
}

/// The number at `i`: (end, value, approximate).
fn number_at(v: &View<'_>, i: usize, blocked: &[bool]) -> Option<(usize, f64, bool)> {
    let free = |k: usize| k < blocked.len() && !blocked[k];
    if let Some(r) = vague_at(v, i, &free) {
        return Some(r);
    }
    let found = if v
        .low(i)
        .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '\u{a3}' | '\u{20ac}' | '\u{a5}' | 'u'))
    {
        digits_at(v, i, blocked, &free)
    } else {
        None
    };
    let found = found.or_else(|| words_at(v, i, &free))?;
    if is_fraction(v.low(found.0)) {
        return None;
    }
    Some(found)
}

/// "dozens", "scores of", "hundreds", "hundreds of thousands", "tens of
/// millions", "thousands", "millions".
fn vague_at(v: &View<'_>, i: usize, free: &dyn Fn(usize) -> bool) -> Option<(usize, f64, bool)> {
    let of_scale = || {
        if v.low(i + 1) == "of" && free(i + 1) && free(i + 2) {
            plural_scale(v.low(i + 2))
        } else {
            None
        }
    };
    let r = match v.low(i) {
        "dozens" => (i + 1, 24.0),
        "scores" if v.low(i + 1) == "of" => (i + 1, 40.0),
        "tens" => (i + 3, 20.0 * of_scale()?),
        "hundreds" => match of_scale() {
            Some(s) => (i + 3, 200.0 * s),
            None => (i + 1, 200.0),
        },
        "thousands" => (i + 1, 2e3),
        "millions" => (i + 1, 2e6),
        "billions" => (i + 1, 2e9),
        _ => return None,
    };
    Some((r.0, r.1, true))
}

/// Numbers written with digits, with an optional multiplier after them.
fn digits_at(v: &View<'_>, i: usize, blocked: &[bool], free: &dyn Fn(usize) -> bool) -> Option<(usize, f64, bool)> {
    let prev = v.prev(i);
    let next = v.low(i + 1);
    let currency = one_of(prev, "$ us$ \u{a3} \u{20ac} \u{a5} a$ c$ rs rs. usd eur gbp");
    let (mut value, approx) = parse_numeric(v.low(i), currency)?;
    // Clock times.
    if one_of(next, ": a.m. p.m. a.m p.m am pm gmt utc hrs o'clock") || prev == ":" {
        return None;
    }
    // Phone numbers: runs of bare digit tokens, or a phone shape next.
    let bare_neighbour = |k: usize| is_plain_digits(v.low(k)) && k < blocked.len() && !blocked[k];
    if (is_plain_digits(v.low(i)) && bare_neighbour(i + 1))
        || (i > 0 && is_plain_digits(v.low(i)) && bare_neighbour(i - 1))
    {
        return None;
    }
    let after = if next == ")" { i + 2 } else { i + 1 };
    if phone_like(v.low(after)) || prev == "+" {
        return None;
    }
    let mut e = i + 1;
    if free(e) {
        if let Some(s) = digit_scale(v.low(e)) {
            value *= s;
            e += 1;
        }
    }
    Some((e, value, approx))
}

/// Parses one digit token (lower-cased): "1,027", "3.5", "$5", "5%",
/// "5bn", "$5m" (the bare "m"/"k"/"b" suffixes only with a currency, else
/// "100m" may be metres), "20-30" (lower bound, approximate).
fn parse_numeric(w: &str, currency_before: bool) -> Option<(f64, bool)> {
    let mut s = w;
    let mut currency = currency_before;
    for p in ["us$", "$", "\u{a3}", "\u{20ac}", "\u{a5}"] {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest;
            currency = true;
            break;
        }
    }
    let s = s.strip_suffix('%').unwrap_or(s);
    if let Some((a, b)) = s.split_once('-').or_else(|| s.split_once('\u{2013}')) {
        if phone_like(s) {
            return None;
        }
        let (x, y) = (plain(a)?, plain(b)?);
        return (y > x).then_some((x, true));
    }
    let body = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let mult = match &s[body.len()..] {
        "" => 1.0,
        "bn" => 1e9,
        "mn" => 1e6,
        "tn" => 1e12,
        "m" if currency => 1e6,
        "k" if currency => 1e3,
        "b" if currency => 1e9,
        _ => return None,
    };
    Some((plain(body)? * mult, false))
}

/// A plain decimal: digits with optional thousands commas ("1,027") and an
/// optional fraction ("3.5"); no sign, no leading zeros, at most 15 integer
/// digits (longer strings are identifiers, not quantities).
fn plain(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let mut digits = String::with_capacity(s.len());
    if int.contains(',') {
        for (k, g) in int.split(',').enumerate() {
            let ok = if k == 0 { (1..=3).contains(&g.len()) && !g.starts_with('0') } else { g.len() == 3 };
            if !ok || !is_plain_digits(g) {
                return None;
            }
            digits.push_str(g);
        }
    } else {
        if !is_plain_digits(int) || (int.len() > 1 && int.starts_with('0')) {
            return None;
        }
        digits.push_str(int);
    }
    if digits.len() > 15 {
        return None;
    }
    if let Some(f) = frac {
        if !is_plain_digits(f) || f.len() > 12 {
            return None;
        }
        digits.push('.');
        digits.push_str(f);
    }
    digits.parse().ok()
}

/// Numbers written in words, with their vague and idiomatic forms.
fn words_at(v: &View<'_>, i: usize, free: &dyn Fn(usize) -> bool) -> Option<(usize, f64, bool)> {
    let w0 = v.low(i);
    // A capitalised number word inside a name, when the tagger says so.
    if i > 0 && v.form(i).starts_with(|c: char| c.is_uppercase()) && v.xpos(i).starts_with("NNP") {
        return None;
    }
    let mult_at = |k: usize| if free(k) { scale_word(v.low(k)) } else { None };
    match w0 {
        "half" if matches!(v.low(i + 1), "a" | "an") && free(i + 1) => {
            return mult_at(i + 2).map(|m| (i + 3, 0.5 * m.value(), false));
        }
        "several" => return mult_at(i + 1).map(|m| (i + 2, 3.0 * m.value(), true)),
        "a" | "an" => {
            if v.low(i + 1) == "few" && free(i + 1) {
                return mult_at(i + 2).map(|m| (i + 3, 2.0 * m.value(), true));
            }
            mult_at(i + 1)?;
            return spelled(v, i + 1, 1.0, free).map(|(e, x)| (e, x, false));
        }
        _ => {}
    }
    let (e, x) = spelled(v, i, 0.0, free)?;
    if e == i + 1 && w0 == "one" && !one_is_number(v, i) {
        return None;
    }
    Some((e, x, false))
}

/// The grammar of spelled-out cardinals, read greedily from `j`:
/// `[tens [-] unit | teen | unit] [hundred [and] ...] [scale ...]` with
/// scales decreasing ("two million three hundred thousand"), "and" only
/// after a hundred or scale, and "dozen" ending the number. `group` is 1
/// after an "a" ("a hundred"). Returns (end, value) if any number word was
/// read.
fn spelled(v: &View<'_>, j0: usize, group0: f64, free: &dyn Fn(usize) -> bool) -> Option<(usize, f64)> {
    #[derive(PartialEq)]
    enum Last {
        Start,
        Num,
        Hundred,
        Scale,
        And,
    }
    let mut total = 0.0;
    let mut group = group0;
    let (mut has_unit, mut has_tens, mut has_hundred) = (group0 > 0.0, false, false);
    let mut last = if group0 > 0.0 { Last::Num } else { Last::Start };
    let mut last_scale = f64::INFINITY;
    let mut j = j0;
    let mut end = None;
    let starts_group = |l: &Last| matches!(l, Last::Start | Last::Hundred | Last::Scale | Last::And);
    while free(j) {
        let Some(word) = classify(v.low(j)) else {
            break;
        };
        match word {
            Word::Unit(u) => {
                let after_tens = last == Last::Num && has_tens && !has_unit;
                if !(starts_group(&last) || after_tens) || has_unit || (u == 0 && (group > 0.0 || total > 0.0)) {
                    break;
                }
                group += f64::from(u);
                has_unit = true;
                last = Last::Num;
                j += 1;
            }
            Word::Teen(t) | Word::Tens(t) | Word::Compound(t) => {
                if !starts_group(&last) || has_unit || has_tens {
                    break;
                }
                group += f64::from(t);
                has_unit = !matches!(word, Word::Tens(_));
                has_tens = !matches!(word, Word::Teen(_));
                last = Last::Num;
                j += 1;
                // "twenty - one" split by the tokeniser.
                if matches!(word, Word::Tens(_)) && v.low(j) == "-" && free(j) && free(j + 1) {
                    if let Some(Word::Unit(u @ 1..=9)) = classify(v.low(j + 1)) {
                        group += f64::from(u);
                        has_unit = true;
                        j += 2;
                    }
                }
            }
            Word::Hundred => {
                if last != Last::Num || has_hundred || group >= 100.0 || group <= 0.0 {
                    break;
                }
                group *= 100.0;
                has_hundred = true;
                has_unit = false;
                has_tens = false;
                last = Last::Hundred;
                j += 1;
            }
            Word::Scale(s) => {
                if !matches!(last, Last::Num | Last::Hundred) || group <= 0.0 || s >= last_scale {
                    break;
                }
                total += group * s;
                group = 0.0;
                (has_unit, has_tens, has_hundred) = (false, false, false);
                last_scale = s;
                last = Last::Scale;
                j += 1;
            }
            Word::Dozen => {
                if last != Last::Num || has_hundred || total > 0.0 {
                    break;
                }
                return Some((j + 1, group * 12.0));
            }
            Word::And => {
                let next_ok = free(j + 1)
                    && matches!(
                        classify(v.low(j + 1)),
                        Some(Word::Unit(1..=9) | Word::Teen(_) | Word::Tens(_) | Word::Compound(_))
                    );
                if !matches!(last, Last::Hundred | Last::Scale) || !next_ok {
                    break;
                }
                last = Last::And;
                j += 1;
                continue;
            }
        }
        end = Some(j);
    }
    end.map(|e| (e, total + group))
}

/// Whether a lone "one" counts something. Conservative: a pronoun tag, a
/// determiner or adjective before it ("no one", "the one", "this one", "the
/// only one") or an idiom after it ("one another", "one who", "one day",
/// "one by one", "one must") make it not a number; "one of them" is 1.
fn one_is_number(v: &View<'_>, i: usize) -> bool {
    if matches!(v.xpos(i), "PRP" | "NN" | "NNP") {
        return false;
    }
    let prev = v.prev(i);
    let next = v.low(i + 1);
    let pronoun_before = one_of(
        prev,
        "no the this that which every any each some another only last first next \
            same other such little big new old right wrong a an 's my your his her \
            its our their loved younger older chosen main real",
    );
    let idiom_after = one_of(
        next,
        "another 's who whom whose day way hand by after time point thing must \
            can cannot could should would might may shall ought",
    );
    // "one by one".
    let by_one = prev == "by" && i >= 2 && v.low(i - 2) == "one";
    !pronoun_before && !idiom_after && !by_one
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Sentence, Token};

    /// A Doc from pre-spaced text: one token per whitespace-separated word
    /// (a "word/TAG" gives the token a Penn tag), one sentence.
    fn doc(text: &str) -> Doc {
        let mut tokens = Vec::new();
        let mut clean = String::new();
        for w in text.split_whitespace() {
            let (form, tag) = match w.rsplit_once('/') {
                Some((f, t)) if !f.is_empty() && !t.is_empty() && t.bytes().all(|b| b.is_ascii_uppercase()) => (f, t),
                _ => (w, ""),
            };
            if !clean.is_empty() {
                clean.push(' ');
            }
            let start = clean.len();
            clean.push_str(form);
            tokens.push(Token { xpos: tag.to_string(), space_after: true, ..Token::new(start, clean.len(), form) });
        }
        let n = tokens.len();
        Doc {
            sentences: vec![Sentence { start: 0, end: clean.len(), tokens: 0..n }],
            text: clean,
            tokens,
            ..Doc::default()
        }
    }

    /// (span text, value, approximate) for every number in `text`.
    fn found(text: &str) -> Vec<(String, f64, bool)> {
        let d = doc(text);
        recognize(&d).into_iter().map(|n| (d.text[n.start..n.end].to_string(), n.value, n.approximate)).collect()
    }

    fn spans(text: &str) -> Vec<String> {
        found(text).into_iter().map(|f| f.0).collect()
    }

    fn one(text: &str) -> (String, f64, bool) {
        let f = found(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn the_seed_sentence() {
        let d = doc("Israel released 1,027 detainees in 2011 , officials said on Wednesday .");
        let nums = recognize(&d);
        assert_eq!(nums.len(), 1, "{nums:?}");
        assert_eq!((nums[0].tokens.clone(), nums[0].value, nums[0].approximate), (2..3, 1027.0, false));
        assert_eq!(&d.text[nums[0].start..nums[0].end], "1,027");
    }

    #[test]
    fn digits() {
        assert_eq!(one("Police arrested 600 protesters ."), ("600".into(), 600.0, false));
        assert_eq!(one("Hamas freed 49 of the liberated detainees ."), ("49".into(), 49.0, false));
        assert_eq!(one("Prices rose 3.5 percent ."), ("3.5".into(), 3.5, false));
        assert_eq!(one("Prices rose 5% in May ."), ("5%".into(), 5.0, false));
        assert_eq!(one("Some 1.5 million refugees fled ."), ("1.5 million".into(), 1.5e6, false));
        assert_eq!(one("The fund holds $ 5 billion ."), ("5 billion".into(), 5e9, false));
        assert_eq!(one("It pledged $5bn in aid ."), ("$5bn".into(), 5e9, false));
        assert_eq!(one("A 2 million euro fine ."), ("2 million".into(), 2e6, false));
        assert_eq!(one("Between 20-30 people were hurt ."), ("20-30".into(), 20.0, true));
        assert_eq!(one("The army deployed 2014 soldiers ."), ("2014".into(), 2014.0, false));
        assert_eq!(one("About 10,000,000 voters ."), ("10,000,000".into(), 1e7, false));
    }

    #[test]
    fn words() {
        assert_eq!(one("Four soldiers died ."), ("Four".into(), 4.0, false));
        assert_eq!(one("They killed four soldiers ."), ("four".into(), 4.0, false));
        assert_eq!(one("twenty-one prisoners"), ("twenty-one".into(), 21.0, false));
        assert_eq!(one("twenty - one prisoners"), ("twenty - one".into(), 21.0, false));
        assert_eq!(one("three hundred forty two homes"), ("three hundred forty two".into(), 342.0, false));
        assert_eq!(one("one hundred and twenty homes"), ("one hundred and twenty".into(), 120.0, false));
        assert_eq!(
            one("two million three hundred thousand people"),
            ("two million three hundred thousand".into(), 2.3e6, false)
        );
        assert_eq!(one("fifteen hundred troops"), ("fifteen hundred".into(), 1500.0, false));
        assert_eq!(one("a dozen people"), ("a dozen".into(), 12.0, false));
        assert_eq!(one("two dozen people"), ("two dozen".into(), 24.0, false));
        assert_eq!(one("a million dollars"), ("a million".into(), 1e6, false));
        assert_eq!(one("half a million people"), ("half a million".into(), 5e5, false));
        assert_eq!(one("zero casualties"), ("zero".into(), 0.0, false));
        // "and" joins only after a hundred or a scale.
        assert_eq!(spans("four and five"), ["four", "five"]);
        assert_eq!(spans("two three"), ["two", "three"]);
    }

    #[test]
    fn vague_amounts() {
        assert_eq!(one("hundreds of protesters gathered"), ("hundreds".into(), 200.0, true));
        assert_eq!(one("dozens of people were hurt"), ("dozens".into(), 24.0, true));
        assert_eq!(one("tens of thousands of people marched"), ("tens of thousands".into(), 2e4, true));
        assert_eq!(one("hundreds of thousands fled"), ("hundreds of thousands".into(), 2e5, true));
        assert_eq!(one("scores of homes burned"), ("scores".into(), 40.0, true));
        assert_eq!(one("thousands rallied"), ("thousands".into(), 2000.0, true));
        assert_eq!(one("several hundred troops"), ("several hundred".into(), 300.0, true));
        assert_eq!(one("a few thousand troops"), ("a few thousand".into(), 2000.0, true));
        assert!(found("a few people , several others , test scores").is_empty());
    }

    #[test]
    fn one_pitfalls() {
        assert_eq!(one("One of them was a child ."), ("One".into(), 1.0, false));
        assert_eq!(one("He killed one soldier ."), ("one".into(), 1.0, false));
        for text in [
            "No one was hurt .",
            "no one was hurt .",
            "He is the one who fired .",
            "They blamed one another .",
            "This one is different .",
            "One must wonder .",
            "It was the only one left .",
            "one day he left .",
            "On the one hand , talks .",
            "They left one by one .",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        assert!(found("one/PRP of them").is_empty());
    }

    #[test]
    fn not_cardinals() {
        for text in [
            "The talks began in 2014 .",
            "In 2011 , Israel released them .",
            "2011 's deal collapsed .",
            "He was born on 5 June 1961 .",
            "On June 5 they met .",
            "The deal was signed July 6 , 2022 .",
            "It happened two years ago .",
            "The 2014-15 budget .",
            "The 1990s were hard .",
            "The meeting starts at 10:30 .",
            "It started at 10 a.m. today .",
            "He came first , she was 22nd .",
            "Two thirds of voters agreed .",
            "two-thirds of voters",
            "Call 555-1234 or ( 555 ) 123-4567 .",
            "Call +44 20 7946 0958 now .",
            "Agent 007 .",
            "the Group of Seven/NNP summit",
            "since 1998 and 2004",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn numbers_beside_dates() {
        assert_eq!(spans("In 2011 , Israel released 1,027 detainees ."), ["1,027"]);
        assert_eq!(spans("On June 5 , 12 people died ."), ["12"]);
        assert_eq!(spans("In June 12 people died ."), ["12"]);
        assert_eq!(spans("Three days ago , 300 people fled ."), ["300"]);
    }

    #[test]
    fn word_values() {
        assert_eq!(word_value("seven"), Some(7));
        assert_eq!(word_value("twenty-five"), Some(25));
        assert_eq!(word_value("twenty-twenty"), None);
        assert_eq!(word_value("first"), None);
    }

    use proptest::prelude::*;

    proptest::proptest! {
        /// Random token soup: no panic, spans in bounds, in order and
        /// disjoint, every time value resolvable without panicking.
        #[test]
        fn token_soup(words in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    "one", "a", "an", "half", "dozen", "hundred", "and", "-", "thousand", "million",
                    "tens", "of", "hundreds", "thousands", "twenty", "twenty-one", "the", "in",
                    "since", "last", "next", "this", "early", "mid-", "mid", "late", "earlier",
                    "ago", "years", "days", "week", "year", "June", "May", "Sept.", "Jan", ".",
                    ",", "Wednesday", "Wed.", "on", "then", "at", "time", "that", "day", "now",
                    "2014", "2014-15", "1990s", "'90s", "90s", "5", "31", "5th", "1,027", "3.5",
                    "$", "$5bn", "20-30", "555-1234", "2022-07-06", "'s", "people", "(", ")",
                ]).prop_map(str::to_string),
                "[0-9a-zA-Z$%,.'\\-]{1,8}",
            ],
            0..60,
        )) {
            let d = doc(&words.join(" "));
            let n = d.tokens.len();
            let nums = recognize(&d);
            for w in nums.windows(2) {
                proptest::prop_assert!(w[0].tokens.end <= w[1].tokens.start);
            }
            for x in &nums {
                proptest::prop_assert!(x.tokens.start < x.tokens.end && x.tokens.end <= n);
                proptest::prop_assert!(x.value.is_finite() && x.value >= 0.0);
            }
            let times = timex::recognize(&d);
            for w in times.windows(2) {
                proptest::prop_assert!(w[0].tokens.end <= w[1].tokens.start);
            }
            for t in &times {
                proptest::prop_assert!(t.tokens.start < t.tokens.end && t.tokens.end <= n);
                let _ = t.value.resolve((2024, 2, 29));
                let _ = t.value.resolve_toward((1, 1, 1), timex::Direction::Future);
                // Numbers never overlap time expressions.
                for x in &nums {
                    proptest::prop_assert!(x.tokens.end <= t.tokens.start || t.tokens.end <= x.tokens.start);
                }
            }
        }
    }

    #[test]
    fn a_long_sentence_gives_every_number_once() {
        let text = "On Wednesday , 1,027 of the twenty-one hundred detainees freed in 2011 said ".repeat(40);
        let d = doc(&text);
        assert!(d.tokens.len() >= 400);
        let nums = recognize(&d);
        assert_eq!(nums.len(), 80);
        assert_eq!(nums.iter().filter(|n| n.value == 1027.0).count(), 40);
        assert_eq!(nums.iter().filter(|n| n.value == 2100.0).count(), 40);
    }

    #[test]
    fn never_panics() {
        for text in [
            "",
            "$ £ € - -- 1- -1 1,,0 ,1 1. .1 1.2.3 1,0000 0,100 00 1e5 +1 +",
            "99999999999999999999 999999999999999 1,000,000,000,000,000,000",
            "a an half several a few hundred and and one - - twenty -",
            "tens of hundreds of thousands of millions dozens scores",
            "é 1é é1 $é 5é% ’90s",
            "one",
            "twenty",
        ] {
            let _ = found(text);
        }
        let mut d = doc("600 people");
        d.sentences.clear();
        assert_eq!(recognize(&d).len(), 1);
    }
}

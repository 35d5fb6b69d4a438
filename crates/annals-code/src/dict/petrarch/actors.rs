//! PETRARCH actor files: an entry is a root phrase (`GONDOR`,
//! `MINAS_TIRITH`), `+` synonym lines, and one or more codes in brackets,
//! on the root line or on indented lines below: `[GON]`, dated
//! `[HOBGOV 19950601 - 19990815]`, `[HOB < 950601]` (before),
//! `[HOBREB > 990816]` (after). The first dated code whose period holds the
//! event's date wins, else the undated one.

use super::{parse_date, phrase_words, word_matches, PetrError};
use crate::dict::actors::{Actor, ActorKind};
use std::collections::HashMap;

/// One code of an entry with its period (`yyyymmdd`, inclusive).
#[derive(Debug, Clone, PartialEq)]
struct Dated {
    actor: usize,
    from: Option<u32>,
    until: Option<u32>,
}

/// A phrase's words, each with whether it is exact.
type Phrase = Vec<(String, bool)>;
/// Phrases by first word, with their entry.
type Index = HashMap<String, Vec<(Phrase, usize)>>;
/// A code with its period.
type Code = (String, Option<u32>, Option<u32>);
/// An entry being read: root, phrases, codes, line.
type Pending = (String, Vec<String>, Vec<Code>, usize);

#[derive(Debug, Default)]
struct Entry {
    codes: Vec<Dated>,
}

/// A loaded set of actor files.
#[derive(Debug, Default)]
pub struct Actors {
    actors: Vec<Actor>,
    entries: Vec<Entry>,
    /// First word → (words with exactness, entry), longest first.
    by_first: Index,
    /// Single-word stems (no trailing `_`) by stem, for prefix matches.
    stems: Index,
    phrases: usize,
}

/// A parsed bracket: code and period.
fn parse_code(s: &str) -> Result<Code, String> {
    let inner = s.trim().trim_start_matches('[').trim_end_matches(']').trim();
    let spaced = inner.replace('<', " < ").replace('>', " > ");
    let toks: Vec<&str> = spaced.split_whitespace().collect();
    let Some(&code) = toks.first() else { return Err("empty code".into()) };
    if code.chars().filter(char::is_ascii_digit).count() >= 6 {
        return Err(format!("[{inner}] has no code before its date"));
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || "-+/#?".contains(c)) {
        return Err(format!("{code:?} is not an actor code"));
    }
    let date = |d: &str| parse_date(d).ok_or_else(|| format!("{d:?} is not a date (yymmdd or yyyymmdd)"));
    let rest = toks[1..].join(" ");
    let rest = rest.trim();
    let (from, until) = if rest.is_empty() {
        (None, None)
    } else if let Some(d) = rest.strip_prefix('<') {
        (None, Some(date(d.trim())?.saturating_sub(1)))
    } else if let Some(d) = rest.strip_prefix('>') {
        (Some(date(d.trim())? + 1), None)
    } else if let Some((a, b)) = rest.split_once('-') {
        (Some(date(a.trim())?), Some(date(b.trim())?))
    } else {
        return Err(format!("date {rest:?} is not <D, >D or D-D"));
    };
    Ok((code.to_uppercase(), from, until))
}

fn iso(d: u32) -> String {
    format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)
}

fn kind_of(code: &str) -> ActorKind {
    match code.get(..3) {
        Some("IGO") => ActorKind::Igo,
        Some("NGO" | "IMG" | "MNC") => ActorKind::Group,
        _ => ActorKind::Country,
    }
}

impl Actors {
    /// Number of phrases (roots and synonyms) indexed.
    pub fn phrases(&self) -> usize {
        self.phrases
    }

    /// Number of entries (synonym sets).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads one actor file into the set.
    pub fn add(&mut self, text: &str, name: &str, errors: &mut Vec<PetrError>) {
        // The entry being read: (root, phrases, codes, line).
        let mut cur: Option<Pending> = None;
        let lines = super::clean_lines(text);
        for (n, raw) in &lines {
            let line = raw.trim();
            let indented = raw.starts_with(char::is_whitespace) || line.starts_with('[');
            if indented && line.starts_with('[') {
                match (&mut cur, parse_code(line)) {
                    (Some(c), Ok(code)) => c.2.push(code),
                    (None, _) => errors.push(PetrError::new(name, *n, "a code with no actor before it")),
                    (_, Err(m)) => errors.push(PetrError::new(name, *n, m)),
                }
                continue;
            }
            let (phrase, code) = match line.find('[') {
                Some(p) => {
                    if !line.ends_with(']') {
                        errors.push(PetrError::new(name, *n, format!("unclosed code in {line:?}")));
                        continue;
                    }
                    (line[..p].trim(), Some(&line[p..]))
                }
                None => (line, None),
            };
            if let Some(syn) = phrase.strip_prefix('+') {
                match &mut cur {
                    Some(c) if !syn.trim().is_empty() => c.1.push(syn.trim().to_string()),
                    _ => {
                        errors.push(PetrError::new(name, *n, "a synonym with no actor before it"));
                        continue;
                    }
                }
            } else {
                if phrase.is_empty() || phrase.contains(']') {
                    errors.push(PetrError::new(name, *n, format!("{line:?} is no actor phrase")));
                    continue;
                }
                if let Some(done) = cur.take() {
                    self.commit(done, name, errors);
                }
                cur = Some((phrase.to_string(), vec![phrase.to_string()], Vec::new(), *n));
            }
            if let Some(code) = code {
                match parse_code(code) {
                    Ok(c) => cur.as_mut().map(|x| x.2.push(c)).unwrap_or(()),
                    Err(m) => errors.push(PetrError::new(name, *n, m)),
                }
            }
        }
        if let Some(done) = cur.take() {
            self.commit(done, name, errors);
        }
    }

    fn commit(&mut self, (root, phrases, codes, line): Pending, file: &str, errors: &mut Vec<PetrError>) {
        if codes.is_empty() {
            // A bad code on the root line was reported already.
            if errors.last().is_some_and(|e| e.line == line && e.file == file) {
                return;
            }
            errors.push(PetrError::new(file, line, format!("actor {root:?} has no code")));
            return;
        }
        let name = root.trim_end_matches('_').replace('_', " ");
        let mut entry = Entry::default();
        for (code, from, until) in codes {
            let country = (kind_of(&code) == ActorKind::Country
                && code.len() >= 3
                && code.bytes().take(3).all(|b| b.is_ascii_uppercase()))
            .then(|| code[..3].to_string());
            self.actors.push(Actor {
                kind: kind_of(&code),
                code,
                name: name.clone(),
                country,
                from: from.map(iso),
                until: until.map(iso),
                forms: Vec::new(),
                origin: format!("{file}:{line}"),
            });
            entry.codes.push(Dated { actor: self.actors.len() - 1, from, until });
        }
        let e = self.entries.len();
        self.entries.push(entry);
        for p in phrases {
            let words = phrase_words(&p);
            let Some(first) = words.first() else { continue };
            self.phrases += 1;
            let map = if words.len() == 1 && !first.1 { &mut self.stems } else { &mut self.by_first };
            map.entry(first.0.clone()).or_default().push((words, e));
        }
    }

    /// Sorts the index (longest phrase first); call after the last file.
    pub fn finish(&mut self) {
        for v in self.by_first.values_mut() {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// The entry's actor on `date` (ISO `YYYY-MM-DD...`).
    fn on(&self, e: usize, date: Option<&str>) -> Option<&Actor> {
        let codes = &self.entries[e].codes;
        let day = date.and_then(|d| {
            let digits: String = d.chars().filter(char::is_ascii_digit).take(8).collect();
            digits.parse::<u32>().ok().filter(|_| digits.len() == 8)
        });
        let undated = codes.iter().find(|c| c.from.is_none() && c.until.is_none());
        let pick = match day {
            Some(d) => codes
                .iter()
                .find(|c| {
                    (c.from.is_some() || c.until.is_some())
                        && c.from.is_none_or(|f| f <= d)
                        && c.until.is_none_or(|u| d <= u)
                })
                .or(undated)?,
            None => undated.or(codes.last())?,
        };
        Some(&self.actors[pick.actor])
    }

    /// The longest actor phrase starting at `words[start]`: `(end, actor)`.
    pub fn find(&self, words: &[&str], start: usize, date: Option<&str>) -> Option<(usize, &Actor)> {
        let lower: Vec<String> = words[start..].iter().take(12).map(|w| w.to_lowercase()).collect();
        let first = lower.first()?;
        let matches = |phrase: &[(String, bool)]| {
            phrase.len() <= lower.len() && phrase.iter().zip(&lower).all(|((w, exact), t)| word_matches(w, *exact, t))
        };
        let mut best: Option<(usize, usize)> = None;
        if let Some(list) = self.by_first.get(first.as_str()) {
            best = list.iter().find(|(p, _)| matches(p)).map(|(p, e)| (p.len(), *e));
        }
        if best.is_none() {
            // A one-word stem: the text word begins with it.
            let chars: Vec<(usize, char)> = first.char_indices().collect();
            for k in (1..=chars.len()).rev() {
                let end = chars.get(k).map_or(first.len(), |c| c.0);
                if let Some(list) = self.stems.get(&first[..end]) {
                    if let Some((p, e)) = list.iter().find(|(p, _)| matches(p)) {
                        best = Some((p.len(), *e));
                        break;
                    }
                }
            }
        }
        let (len, e) = best?;
        self.on(e, date).map(|a| (start + len, a))
    }

    /// As [`Actors::find`], within one noun phrase `words`: a space
    /// between two words of an actor phrase lets other words of the phrase
    /// stand between them, as PETRARCH matches actors in a noun phrase
    /// ("Hamas military wing" is `HAMAS WING`); `_` keeps them together.
    pub fn find_within(&self, words: &[&str], start: usize, date: Option<&str>) -> Option<(usize, &Actor)> {
        let lower: Vec<String> = words[start..].iter().map(|w| w.to_lowercase()).collect();
        let first = lower.first()?;
        // The number of text words the phrase spans, if it matches.
        let span = |phrase: &[(String, bool)]| -> Option<usize> {
            let mut t = 0;
            for (i, (w, exact)) in phrase.iter().enumerate() {
                let gap = i > 0 && !phrase[i - 1].1;
                loop {
                    if word_matches(w, *exact, lower.get(t)?) {
                        t += 1;
                        break;
                    }
                    if !gap {
                        return None;
                    }
                    t += 1;
                }
            }
            Some(t)
        };
        let best =
            self.by_first.get(first.as_str()).and_then(|list| list.iter().find_map(|(p, e)| span(p).map(|n| (n, *e))));
        match best {
            Some((len, e)) => self.on(e, date).map(|a| (start + len, a)),
            None => self.find(words, start, date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "GONDOR [GON]\n+MINAS_TIRITH\n\nARNOR_  [ARN] # note\nGOLLUM  # x\n+SMEAGOL\n\
                        \t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n\
                        ARGENTIN [ARG]\nBAD [950601-990815]\nNOCODE\nISRAELI_TROOPS [ISRMIL]\nISRAELI [ISR]\n\
                        +\n";

    fn load() -> (Actors, Vec<PetrError>) {
        let mut a = Actors::default();
        let mut errs = Vec::new();
        a.add(TEXT, "t.txt", &mut errs);
        a.finish();
        (a, errs)
    }

    #[test]
    fn entries_synonyms_and_bad_lines() {
        let (a, errs) = load();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [11, 12, 15], "{errs:?}");
        assert_eq!(a.find(&["Minas", "Tirith", "said"], 0, None).map(|(e, a)| (e, a.code.as_str())), Some((2, "GON")));
        assert_eq!(a.find(&["Argentina"], 0, None).map(|x| x.1.code.as_str()), Some("ARG"), "stem");
        assert!(a.find(&["Arnorian"], 0, None).is_none(), "exact");
        let troops = a.find(&["Israeli", "troops"], 0, None).unwrap();
        assert_eq!((troops.0, troops.1.code.as_str()), (2, "ISRMIL"), "longest phrase");
        assert_eq!(a.find(&["Israeli", "forces"], 0, None).unwrap().1.code, "ISR");
    }

    #[test]
    fn within_a_noun_phrase_a_space_lets_words_between() {
        let mut a = Actors::default();
        let mut errs = Vec::new();
        a.add("HAMAS [PSEREBHMS]\nHAMAS WING [PSEHMSBRD]\nGAZA_CITY [PSEGZA]\n", "t.txt", &mut errs);
        a.finish();
        let code = |w: &[&str]| a.find_within(w, 0, None).map(|(e, a)| (e, a.code.clone()));
        assert_eq!(code(&["Hamas", "military", "wing"]), Some((3, "PSEHMSBRD".into())));
        assert_eq!(a.find(&["Hamas", "military", "wing"], 0, None).map(|x| x.0), Some(1), "not across phrases");
        assert_eq!(code(&["Gaza", "old", "City"]), None, "_ keeps words together");
        assert_eq!(code(&["Hamas", "leaders"]), Some((1, "PSEREBHMS".into())));
    }

    #[test]
    fn dated_codes() {
        let (a, _) = load();
        let code = |d: &str| a.find(&["Smeagol"], 0, Some(d)).map(|x| x.1.code.clone());
        assert_eq!(code("1995-05-31").as_deref(), Some("HOB"));
        assert_eq!(code("1995-06-01").as_deref(), Some("HOBGOV"));
        assert_eq!(code("1999-08-16").as_deref(), None, "between the periods, with no undated code");
        assert_eq!(code("2001-01-01").as_deref(), Some("HOBREB"));
    }

    #[test]
    fn code_syntax() {
        assert_eq!(parse_code("[HOBGOV 19950601 - 19990815]"), Ok(("HOBGOV".into(), Some(19950601), Some(19990815))));
        assert_eq!(parse_code("[ONO <911226]"), Ok(("ONO".into(), None, Some(19911225))));
        assert!(parse_code("[AAA950601-990815]").is_err());
        assert!(parse_code("[X 9506]").is_err());
        assert_eq!(parse_code("[pse]").unwrap().0, "PSE");
    }
}

//! Lemmatisation from suffix rules and exceptions, both learned from a
//! treebank.
//!
//! For each Penn tag, the lemmatiser learns which edit ("strip `ied`, add
//! `y`") the treebank applies to words ending in each suffix of up to five
//! characters, and keeps the most frequent edit per suffix. Words the rules
//! get wrong in training ("went" → "go", "mice" → "mouse") are stored as
//! exceptions. Unseen words fall back to the longest suffix rule, which is
//! what carries regular morphology to news vocabulary the treebank never saw.

use std::collections::HashMap;
use std::io::{self, Read, Write};

const MAX_SUFFIX: usize = 5;

/// Irregular past forms of common verbs (facts of English), for verbs the
/// treebank shows too rarely to learn: "fought" → fight.
const IRREGULAR: &str = "arose arise|arisen arise|beat beat|beaten beat|became become|began begin|begun begin|\
bit bite|bitten bite|blew blow|blown blow|bore bear|borne bear|bound bind|broke break|broken break|bred breed|\
brought bring|built build|burnt burn|burst burst|bought buy|cast cast|caught catch|chose choose|chosen choose|\
clung cling|came come|cost cost|crept creep|cut cut|dealt deal|dug dig|did do|done do|drew draw|drawn draw|\
drank drink|drunk drink|drove drive|driven drive|ate eat|eaten eat|fell fall|fallen fall|fed feed|felt feel|\
fought fight|found find|fled flee|flew fly|flown fly|forbade forbid|forbidden forbid|forgot forget|\
forgotten forget|forgave forgive|forgiven forgive|froze freeze|frozen freeze|got get|gotten get|gave give|\
given give|went go|gone go|grew grow|grown grow|hung hang|heard hear|hid hide|hidden hide|hit hit|held hold|\
hurt hurt|kept keep|knew know|known know|laid lay|led lead|left leave|lent lend|let let|lay lie|lain lie|\
lit light|lost lose|made make|meant mean|met meet|overcame overcome|overran overrun|overthrew overthrow|\
overthrown overthrow|paid pay|put put|quit quit|ran run|rang ring|rode ride|ridden ride|rose rise|risen rise|\
said say|sat sit|saw see|seen see|sought seek|sold sell|sent send|set set|shook shake|shaken shake|shot shoot|\
shut shut|sank sink|sunk sink|slew slay|slain slay|slept sleep|slid slide|spoke speak|spoken speak|\
spent spend|spread spread|sprang spring|stood stand|stole steal|stolen steal|stuck stick|struck strike|\
stricken strike|strove strive|swore swear|sworn swear|swept sweep|swam swim|took take|taken take|\
taught teach|tore tear|torn tear|told tell|thought think|threw throw|thrown throw|undertook undertake|\
undertaken undertake|understood understand|upheld uphold|woke wake|woken wake|wore wear|worn wear|\
wept weep|withdrew withdraw|withdrawn withdraw|withheld withhold|won win|wrote write|written write";

/// The irregular form's lemma; the table is indexed once, not scanned per
/// token.
pub fn irregular(form: &str) -> Option<&'static str> {
    static MAP: std::sync::OnceLock<HashMap<&'static str, &'static str>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| IRREGULAR.split('|').filter_map(|p| p.split_once(' ')).collect()).get(form).copied()
}

/// A lemma edit: remove `strip` trailing characters, append `add`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Edit {
    strip: u8,
    add: String,
}

impl Edit {
    fn between(form: &str, lemma: &str) -> Option<Edit> {
        let f: Vec<char> = form.chars().collect();
        let l: Vec<char> = lemma.chars().collect();
        let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
        let strip = f.len() - common;
        if strip > 255 {
            return None;
        }
        Some(Edit { strip: strip as u8, add: l[common..].iter().collect() })
    }

    fn apply(&self, form: &str) -> String {
        let n = form.chars().count();
        let keep = n.saturating_sub(self.strip as usize);
        let mut out: String = form.chars().take(keep).collect();
        out.push_str(&self.add);
        out
    }
}

/// A trained lemmatiser.
#[derive(Debug, Default)]
pub struct Lemmatizer {
    /// `(tag, suffix)` → edit.
    rules: HashMap<(String, String), Edit>,
    /// `(tag, lower-case form)` → lemma.
    exceptions: HashMap<(String, String), String>,
    /// Every lemma seen in training, lower case → its usual spelling. Rules
    /// learned from suffixes slip ("blamed" → "blam"); a slip that misses
    /// the vocabulary is repaired by the regular alternatives that hit it
    /// ("blame"), and casing comes from here ("american" → "American").
    vocab: HashMap<String, String>,
}

/// Whether a tag keeps the word's case in its lemma (proper nouns do in UD
/// English; everything else is lower-cased).
fn keeps_case(xpos: &str) -> bool {
    matches!(xpos, "NNP" | "NNPS")
}

fn key_form(form: &str, xpos: &str) -> String {
    if keeps_case(xpos) {
        form.to_string()
    } else {
        crate::features::norm_case(form)
    }
}

impl Lemmatizer {
    /// Lemma of `form` with Penn tag `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let f = key_form(form, xpos);
        if let Some(l) = self.exceptions.get(&(xpos.to_string(), f.clone())) {
            return l.clone();
        }
        if xpos.starts_with("VB") {
            if let Some(l) = irregular(&f) {
                return l.to_string();
            }
        }
        // "I" is the one pronoun UD English writes in capitals.
        if f == "i" && xpos == "PRP" {
            return "I".into();
        }
        let mut out = f.clone();
        for n in (0..=MAX_SUFFIX).rev() {
            let suf = crate::features::suffix(&f, n);
            if n > 0 && suf.chars().count() < n {
                continue;
            }
            if let Some(e) = self.rules.get(&(xpos.to_string(), suf.to_string())) {
                if (e.strip as usize) < f.chars().count() {
                    out = e.apply(&f);
                    break;
                }
            }
        }
        if keeps_case(xpos) {
            return out;
        }
        self.repair(&out, &f, xpos)
    }

    /// Checks a rule's output against the vocabulary and tries the regular
    /// alternatives when it is not there.
    fn repair(&self, out: &str, form: &str, xpos: &str) -> String {
        if let Some(v) = self.vocab.get(out) {
            return v.clone();
        }
        let mut cands: Vec<String> = vec![format!("{out}e")];
        if let Some(stripped) = out.strip_suffix('e') {
            cands.push(stripped.to_string());
        }
        let mut rev = out.chars().rev();
        if let (Some(a), Some(b)) = (rev.next(), rev.next()) {
            if a == b {
                cands.push(out[..out.len() - a.len_utf8()].to_string());
            }
        }
        let regular: &[(&str, &str)] = match xpos {
            "VBD" | "VBN" => &[("ied", "y"), ("ed", ""), ("ed", "e"), ("d", "")],
            "VBG" => &[("ing", ""), ("ing", "e")],
            "VBZ" | "NNS" => &[("ies", "y"), ("es", ""), ("s", "")],
            _ => &[],
        };
        for (suf, add) in regular {
            if let Some(stem) = form.strip_suffix(suf) {
                cands.push(format!("{stem}{add}"));
            }
        }
        cands.into_iter().find_map(|c| self.vocab.get(&c).cloned()).unwrap_or_else(|| out.to_string())
    }

    /// Learns rules and exceptions from `(form, xpos, lemma)` triples.
    pub fn train<'a>(words: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        let mut counts: HashMap<(String, String), HashMap<Edit, u32>> = HashMap::new();
        let mut vocab_counts: HashMap<String, HashMap<String, u32>> = HashMap::new();
        let mut seen: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        for (form, xpos, lemma) in words {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            let f = key_form(form, xpos);
            // Edits are learned in lower case: "iranian" → "Iranian" is not
            // a suffix rule that should reach "romanian".
            let lower = if keeps_case(xpos) { lemma.to_string() } else { lemma.to_lowercase() };
            let Some(edit) = Edit::between(&f, &lower) else { continue };
            if !keeps_case(xpos) {
                *vocab_counts.entry(lemma.to_lowercase()).or_default().entry(lemma.to_string()).or_default() += 1;
            }
            *seen.entry((xpos.to_string(), f.clone())).or_default().entry(lemma.to_string()).or_default() += 1;
            let len = f.chars().count();
            for n in 0..=MAX_SUFFIX.min(len) {
                let suf = crate::features::suffix(&f, n).to_string();
                *counts.entry((xpos.to_string(), suf)).or_default().entry(edit.clone()).or_default() += 1;
            }
        }
        let mut rules = HashMap::new();
        for (k, edits) in counts {
            let total: u32 = edits.values().sum();
            let (best, n) = edits.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).unwrap();
            // A suffix rule needs some support to be trusted on unseen words.
            if total >= 2 || k.1.is_empty() {
                let _ = n;
                rules.insert(k, best);
            }
        }
        let vocab = vocab_counts
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).unwrap().0))
            .collect();
        let mut lem = Lemmatizer { rules, exceptions: HashMap::new(), vocab };
        let mut exceptions = HashMap::new();
        for ((xpos, f), lemmas) in seen {
            let (best, _) = lemmas.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).unwrap();
            if lem.lemma(&f, &xpos) != best {
                exceptions.insert((xpos, f), best);
            }
        }
        lem.exceptions = exceptions;
        lem
    }

    pub fn write<W: Write>(&self, out: W) -> io::Result<()> {
        let mut z = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        let mut exc: Vec<_> = self.exceptions.iter().collect();
        exc.sort();
        let mut vocab: Vec<_> = self.vocab.iter().collect();
        vocab.sort();
        writeln!(z, "annals-lemma 2 {} {} {}", rules.len(), exc.len(), vocab.len())?;
        for ((t, s), e) in rules {
            writeln!(z, "{t}\t{s}\t{}\t{}", e.strip, e.add)?;
        }
        for ((t, f), l) in exc {
            writeln!(z, "{t}\t{f}\t{l}")?;
        }
        for (k, v) in vocab {
            writeln!(z, "{k}\t{v}")?;
        }
        z.finish()?;
        Ok(())
    }

    pub fn read<R: Read>(input: R) -> io::Result<Lemmatizer> {
        let bad = |m: String| io::Error::new(io::ErrorKind::InvalidData, m);
        let mut text = String::new();
        flate2::read::DeflateDecoder::new(input).read_to_string(&mut text)?;
        let mut lines = text.split('\n');
        let head: Vec<&str> = lines.next().unwrap_or("").split(' ').collect();
        if head.len() != 5 || head[0] != "annals-lemma" || head[1] != "2" {
            return Err(bad("not an annals lemmatiser (version 2)".into()));
        }
        let nr: usize = head[2].parse().map_err(|_| bad("bad rule count".into()))?;
        let ne: usize = head[3].parse().map_err(|_| bad("bad exception count".into()))?;
        let nv: usize = head[4].parse().map_err(|_| bad("bad vocabulary count".into()))?;
        let mut lem = Lemmatizer::default();
        for i in 0..nr {
            let l = lines.next().ok_or_else(|| bad(format!("rule {i} missing")))?;
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() != 4 {
                return Err(bad(format!("rule {i} malformed")));
            }
            let strip = c[2].parse().map_err(|_| bad(format!("rule {i} malformed")))?;
            lem.rules.insert((c[0].into(), c[1].into()), Edit { strip, add: c[3].into() });
        }
        for i in 0..ne {
            let l = lines.next().ok_or_else(|| bad(format!("exception {i} missing")))?;
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() != 3 {
                return Err(bad(format!("exception {i} malformed")));
            }
            lem.exceptions.insert((c[0].into(), c[1].into()), c[2].into());
        }
        for i in 0..nv {
            let l = lines.next().ok_or_else(|| bad(format!("vocabulary entry {i} missing")))?;
            let (k, v) = l.split_once('\t').ok_or_else(|| bad(format!("vocabulary entry {i} malformed")))?;
            lem.vocab.insert(k.into(), v.into());
        }
        Ok(lem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_regular_and_irregular_forms() {
        let data = [
            ("talks", "NNS", "talk"),
            ("deals", "NNS", "deal"),
            ("soldiers", "NNS", "soldier"),
            ("parties", "NNS", "party"),
            ("bodies", "NNS", "body"),
            ("released", "VBD", "release"),
            ("arrested", "VBD", "arrest"),
            ("killed", "VBD", "kill"),
            ("went", "VBD", "go"),
            ("Egypt", "NNP", "Egypt"),
            ("The", "DT", "the"),
        ];
        let lem = Lemmatizer::train(data.iter().copied());
        assert_eq!(lem.lemma("went", "VBD"), "go");
        assert_eq!(lem.lemma("militias", "NNS"), "militia");
        assert_eq!(lem.lemma("casualties", "NNS"), "casualty");
        assert_eq!(lem.lemma("Hamas", "NNP"), "Hamas");
        assert_eq!(lem.lemma("THE", "DT"), "the");
        let mut buf = Vec::new();
        lem.write(&mut buf).unwrap();
        let back = Lemmatizer::read(&buf[..]).unwrap();
        assert_eq!(back.lemma("went", "VBD"), "go");
        assert_eq!(back.lemma("casualties", "NNS"), "casualty");
    }

    #[test]
    fn the_vocabulary_repairs_rule_slips_and_keeps_casing() {
        let data = [
            ("claimed", "VBD", "claim"),
            ("aimed", "VBD", "aim"),
            ("blames", "VBZ", "blame"),
            ("raids", "VBZ", "raid"),
            ("decided", "VBD", "decide"),
            ("traded", "VBD", "trade"),
            ("Iranian", "JJ", "Iranian"),
            ("American", "JJ", "American"),
        ];
        let lem = Lemmatizer::train(data.iter().copied());
        // "-med" words strip "ed" in training; "blame" is a known lemma.
        assert_eq!(lem.lemma("blamed", "VBD"), "blame");
        assert_eq!(lem.lemma("raided", "VBD"), "raid");
        assert_eq!(lem.lemma("Romanian", "JJ"), "romanian");
        assert_eq!(lem.lemma("American", "JJ"), "American");
    }
}

//! Entity training sentences derived from GUM's entity layer.
//!
//! GUM marks every mention (`Entity=` in MISC) with a type (person, place,
//! organization, abstract, ...) and, for named ones, a Wikipedia identity.
//! Its mentions are whole noun phrases ("the most populous city in the
//! American Southwest", "the United States", "Texas 's"), where Universal
//! NER marks only the name ("United States", "Texas"), without determiner,
//! possessive or description. So a mention becomes an entity here when:
//!
//! - its type is person (PER), place (LOC) or organization (ORG);
//! - it has a Wikipedia identity (with `require_identity`; otherwise any
//!   mention whose head is a proper noun counts);
//! - its head word (the one whose syntactic head lies outside the mention)
//!   is a proper noun (`NNP`/`NNPS`);
//! - and it is not a person mention headed by a plural proper noun
//!   ("Americans"): UNER leaves nationalities and peoples untagged.
//!
//! The entity is the run of proper nouns around the head, bridged by the
//! lower-case connectors names contain ("University of Portsmouth", "Jean
//! le Rond d'Alembert"), so "the" and "'s" stay outside. A mention nested in
//! a longer chosen entity is dropped ("Portsmouth" inside "University of
//! Portsmouth"): UNER marks the outermost name only.

use crate::conllu::TreeSentence;
use crate::iob::IobSentence;

fn is_proper(xpos: &str) -> bool {
    matches!(xpos, "NNP" | "NNPS")
}

/// Lower-case words and signs that may sit inside a name between proper nouns.
fn is_connector(form: &str) -> bool {
    matches!(form, "of" | "de" | "la" | "le" | "du" | "von" | "van" | "der" | "and" | "&" | "-" | "the" | "for" | "d'")
}

/// A mention: token range, GUM type and identity (if any).
struct Mention {
    start: usize,
    end: usize,
    etype: String,
    identity: Option<String>,
}

/// Reads the mentions of one sentence from its `Entity=` MISC values.
fn mentions(s: &TreeSentence) -> Vec<Mention> {
    let mut open: Vec<(String, usize, String, Option<String>)> = Vec::new();
    let mut out = Vec::new();
    for (i, w) in s.words.iter().enumerate() {
        let Some(v) = w.misc.split('|').find_map(|x| x.strip_prefix("Entity=")) else { continue };
        let b = v.as_bytes();
        let mut j = 0;
        while j < b.len() {
            if b[j] == b'(' {
                let mut k = j + 1;
                while k < b.len() && b[k] != b'(' && b[k] != b')' {
                    k += 1;
                }
                let fields: Vec<&str> = v[j + 1..k].splitn(8, '-').collect();
                let id = fields[0].to_string();
                let etype = fields.get(1).copied().unwrap_or("").to_string();
                let identity = fields.get(7).map(|s| s.to_string());
                if k < b.len() && b[k] == b')' {
                    out.push(Mention { start: i, end: i + 1, etype, identity });
                    k += 1;
                } else {
                    open.push((id, i, etype, identity));
                }
                j = k;
            } else {
                let mut k = j;
                while k < b.len() && b[k] != b')' {
                    k += 1;
                }
                let id = &v[j..k];
                if let Some(p) = open.iter().rposition(|o| o.0 == id) {
                    let (_, start, etype, identity) = open.remove(p);
                    out.push(Mention { start, end: i + 1, etype, identity });
                }
                j = k + 1;
            }
        }
    }
    out
}

/// The PER/ORG/LOC sentences of GUM (every sentence, so that the model also
/// learns what is not a name), with their gold Penn tags.
pub fn entity_sentences(gum: &[TreeSentence], require_identity: bool) -> Vec<(IobSentence, Vec<String>)> {
    let mut out = Vec::with_capacity(gum.len());
    for s in gum {
        let n = s.words.len();
        let mut spans: Vec<(usize, usize, &str)> = Vec::new();
        for m in mentions(s) {
            let label = match m.etype.as_str() {
                "person" => "PER",
                "place" => "LOC",
                "organization" => "ORG",
                _ => continue,
            };
            if require_identity && m.identity.is_none() {
                continue;
            }
            // The head: the word whose head lies outside the mention.
            let Some(head) = (m.start..m.end).find(|&t| {
                let h = s.words[t].head;
                h == 0 || h - 1 < m.start || h > m.end
            }) else {
                continue;
            };
            if !is_proper(&s.words[head].xpos) || (label == "PER" && s.words[head].xpos == "NNPS") {
                continue;
            }
            let mut a = head;
            while a > m.start {
                let prev = &s.words[a - 1];
                if is_proper(&prev.xpos) {
                    a -= 1;
                } else if a >= m.start + 2 && is_connector(&prev.form) && is_proper(&s.words[a - 2].xpos) {
                    a -= 2;
                } else {
                    break;
                }
            }
            let mut b = head + 1;
            while b < m.end {
                let next = &s.words[b];
                if is_proper(&next.xpos) {
                    b += 1;
                } else if b + 1 < m.end && is_connector(&next.form) && is_proper(&s.words[b + 1].xpos) {
                    b += 2;
                } else {
                    break;
                }
            }
            spans.push((a, b, label));
        }
        // Outermost first; drop spans overlapping one already chosen.
        spans.sort_by_key(|&(a, b, _)| (std::cmp::Reverse(b - a), a));
        let mut tags = vec!["O".to_string(); n];
        let mut taken = vec![false; n];
        for (a, b, label) in spans {
            if taken[a..b].iter().any(|&t| t) {
                continue;
            }
            for (t, slot) in tags.iter_mut().enumerate().take(b).skip(a) {
                *slot = format!("{}-{label}", if t == a { "B" } else { "I" });
                taken[t] = true;
            }
        }
        let sentence = IobSentence {
            id: s.id.clone(),
            newdoc: false,
            forms: s.words.iter().map(|w| w.form.clone()).collect(),
            tags,
        };
        out.push((sentence, s.words.iter().map(|w| w.xpos.clone()).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_out_of_gum_mentions() {
        let text = "\
1\tthe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(1-place-giv-sssss-cf1-2,3-coref-United_States
2\tUnited\tUnited\tPROPN\tNNP\t_\t3\tamod\t_\t_
3\tStates\tStates\tPROPN\tNNP\t_\t0\troot\t_\tEntity=1)
4\tand\tand\tCCONJ\tCC\t_\t5\tcc\t_\t_
5\tUniversity\tUniversity\tPROPN\tNNP\t_\t3\tconj\t_\tEntity=(2-organization-new-nnnnn-cf3-1-sgl-University_of_Portsmouth
6\tof\tof\tADP\tIN\t_\t7\tcase\t_\t_
7\tPortsmouth\tPortsmouth\tPROPN\tNNP\t_\t5\tnmod\t_\tEntity=(3-place-new-nnnnn-cf4-1-sgl-Portsmouth)2)
8\tAmericans\tAmerican\tPROPN\tNNPS\t_\t3\tdep\t_\tEntity=(4-person-new-nnnnn-cf4-1-sgl-Americans)
9\tClaire\tClaire\tPROPN\tNNP\t_\t3\tdep\t_\tEntity=(5-person-new-nnnnn-cf4-1-sgl)

";
        let s = crate::conllu::parse(text, "x").unwrap();
        let (iob, xpos) = entity_sentences(&s, true).remove(0);
        assert_eq!(iob.tags, ["O", "B-LOC", "I-LOC", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"]);
        assert_eq!(xpos[0], "DT");
        let (iob, _) = entity_sentences(&s, false).remove(0);
        assert_eq!(iob.tags[8], "B-PER");
    }
}

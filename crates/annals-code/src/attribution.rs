//! Attribution: according to whom?
//!
//! Three shapes carry nearly all attribution in news: a reporting verb
//! governing the event's clause ("a Hamas source said that ..."), a
//! reporting clause beside it ("..., official sources said"), and
//! "according to X". The reporter is the reporting verb's subject, inherited
//! through participles ("..., saying ...") and coordination.
//!
//! A source is anonymous when it is a generic person noun (source, official,
//! diplomat ...) with no personal name, or when the phrase says so ("who
//! preferred to be unnamed", "on condition of anonymity").

use crate::mode::is_report;
use crate::tree::{rel_is, Tree};

/// The head of the phrase that reports the event at `trigger`, and the
/// reporting verb (for `according to`, the phrase's own head).
pub fn reporter(t: &Tree, trigger: usize) -> Option<(usize, usize)> {
    let mut levels = vec![trigger];
    levels.extend(t.ancestors(trigger));
    for (k, &a) in levels.iter().enumerate() {
        // "according to X" attached to the event or a clause above it.
        for c in t.children(a) {
            if t.kids(*c, "case").any(|m| t.tok(m).form.eq_ignore_ascii_case("according")) {
                return Some((*c, *c));
            }
        }
        let lemma = t.lemma(a).to_lowercase();
        // A reporting verb above the event, reached through its complement.
        if k > 0 && is_report(&lemma) {
            let via = t.rel(levels[k - 1]);
            if ["ccomp", "parataxis", "xcomp", "advcl", "obj"].iter().any(|r| rel_is(via, r)) {
                if let Some(s) = subject(t, a) {
                    return Some((s, a));
                }
            }
        }
        // A reporting clause beside the event's clause: "..., X said."
        // (parsers also hang it as a conjunct after the event).
        let beside = t.kids(a, "parataxis").chain(t.kids(a, "conj").filter(|&c| c > trigger));
        for p in beside.collect::<Vec<_>>() {
            if is_report(&t.lemma(p).to_lowercase()) && !levels.contains(&p) {
                if let Some(s) = subject(t, p) {
                    return Some((s, p));
                }
            }
        }
    }
    // "according to X" anywhere in the sentence, when the parse hung it
    // somewhere else.
    t.range
        .clone()
        .find(|&c| t.kids(c, "case").any(|m| t.tok(m).form.eq_ignore_ascii_case("according")))
        .map(|c| (c, c))
}

/// The subject of verb `v`, inherited from the verb it hangs from when it
/// has none of its own ("..., saying ...", "said and added").
pub fn subject(t: &Tree, v: usize) -> Option<usize> {
    let mut cur = v;
    for _ in 0..4 {
        if let Some(s) = t.kid(cur, "nsubj") {
            return Some(s);
        }
        let rel = t.rel(cur);
        if ["advcl", "conj", "xcomp", "acl"].iter().any(|r| rel_is(rel, r)) {
            cur = t.head(cur)?;
        } else {
            return None;
        }
    }
    None
}

const GENERIC: &[&str] = &[
    "source",
    "official",
    "officer",
    "diplomat",
    "aide",
    "insider",
    "person",
    "people",
    "member",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "witness",
    "resident",
    "observer",
    "expert",
    "leader",
    "commander",
];
const ANONYMOUS: &[&str] = &["unnamed", "anonymous", "anonymity", "unidentified", "named", "identified"];

/// Whether the phrase headed by `head` is an anonymous source.
pub fn anonymous(t: &Tree, head: usize) -> bool {
    let all = t.subtree(head, &["punct"]);
    let says_so = all.iter().any(|&i| ANONYMOUS.contains(&t.lemma(i).to_lowercase().as_str()));
    let generic = GENERIC.contains(&t.lemma(head).to_lowercase().as_str());
    // A personal name in the phrase (not the organisation the source belongs
    // to) makes it named: "Hamas spokesman Fawzi Barhoum".
    let named = all.iter().any(|&i| t.tok(i).upos == "PROPN" && rel_is(t.rel(i), "flat"))
        || all.iter().any(|&i| t.tok(i).upos == "PROPN" && (rel_is(t.rel(i), "appos")));
    says_so || (generic && !named)
}

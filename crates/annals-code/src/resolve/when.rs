//! Event dates: the time expression of the event's own clause, else of the
//! clauses above it, else of the report ("..., sources said on Wednesday"),
//! else the publication date. Explicit years and dates beat relative
//! expressions at the same level; relative ones resolve against the
//! publication date. An event dated clearly before publication is
//! `historical`: "In 2011 Israel released ..." is not today's news.

use crate::event::{Basis, EventDate, Precision};
use crate::tree::Tree;

/// The date of the event at `trigger`; `report` is the reporting verb, if
/// any; `published` the article's date.
pub fn date(t: &Tree, trigger: usize, report: Option<usize>, published: Option<(i32, u8, u8)>) -> Option<EventDate> {
    let times: Vec<&annals_text::TimeExpr> = t.doc.times.iter().filter(|x| t.range.contains(&x.tokens.start)).collect();
    let mut levels = vec![trigger];
    // "fired and landed a round on a protester yesterday": a time at the
    // end of a later conjunct of the same subject is shared.
    levels.extend(t.kids(trigger, "conj").filter(|&c| c > trigger && t.kids(c, "nsubj").next().is_none()));
    levels.extend(t.ancestors(trigger));
    levels.extend(report);
    // "According to reports from the ministry on Friday": the time of the
    // telling, a last resort like the reporting verb's.
    let (told, times): (Vec<_>, Vec<_>) =
        times.into_iter().partition(|x| crate::resolve::place::in_attribution(t, x.tokens.start));
    let told_level = levels.iter().copied().find(|&l| t.tok(l).head.is_none());
    let levels = levels.into_iter().map(|l| (l, &times)).chain(told_level.map(|l| (l, &told)));
    for (level, times) in levels {
        let mut found: Option<EventDate> = None;
        for x in times.iter() {
            let Some(head) = expression_head(t, x) else { continue };
            if head != level && !crate::resolve::place::attached(t, level, head) {
                continue;
            }
            let explicit = x.value.is_explicit();
            let resolved = match published {
                Some(p) => x.value.resolve(p),
                None if explicit => x.value.resolve((9999, 12, 31)),
                None => None,
            };
            let Some(r) = resolved else { continue };
            let d = EventDate {
                value: r.value,
                precision: r.precision,
                basis: if explicit { Basis::Explicit } else { Basis::Relative },
            };
            if found.as_ref().is_none_or(|f| f.basis == Basis::Relative && explicit) {
                found = Some(d);
            }
        }
        if found.is_some() {
            return found;
        }
    }
    published.map(|(y, m, d)| EventDate {
        value: format!("{y:04}-{m:02}-{d:02}"),
        precision: Precision::Day,
        basis: Basis::Publication,
    })
}

/// The head of time expression `x`: its token whose head lies outside it.
fn expression_head(t: &Tree, x: &annals_text::TimeExpr) -> Option<usize> {
    x.tokens.clone().find(|&i| t.head(i).is_none_or(|h| !x.tokens.contains(&h)))
}

/// The date of the event at `trigger` when the discourse, not the
/// calendar, gives it: "On July 31, outlets reported him dead. ... The
/// press asked Trump about it that same day": an anaphoric time ("that
/// same day", "at the time") attached to its clause or one above it is the
/// last calendar time told before it in the same paragraph.
pub fn anaphoric(t: &Tree, trigger: usize, published: Option<(i32, u8, u8)>) -> Option<EventDate> {
    let mut levels = vec![trigger];
    levels.extend(t.ancestors(trigger));
    let here = t.doc.times.iter().filter(|x| t.range.contains(&x.tokens.start)).find(|x| {
        let own = matches!(x.value, annals_text::timex::TimeValue::Anaphoric);
        own && expression_head(t, x)
            .is_some_and(|h| levels.iter().any(|&l| h == l || crate::resolve::place::attached(t, l, h)))
    })?;
    let text = &t.doc.text;
    let start = t.doc.tokens[here.tokens.start].start;
    let paragraph = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let p = published?;
    t.doc
        .times
        .iter()
        .filter(|x| {
            let at = t.doc.tokens[x.tokens.start].start;
            x.tokens.end <= here.tokens.start && at >= paragraph
        })
        .filter_map(|x| x.value.resolve(p).map(|r| (x.value.is_explicit(), r)))
        .next_back()
        .map(|(explicit, r)| EventDate {
            value: r.value,
            precision: r.precision,
            basis: if explicit { Basis::Explicit } else { Basis::Relative },
        })
}

/// Whether `d` lies clearly before the publication date (see
/// [`EventDate::clearly_before`]).
pub fn historical(d: &EventDate, published: Option<(i32, u8, u8)>) -> bool {
    let published = published.and_then(|(y, m, dd)| annals_calendar::date(i64::from(y), m, dd));
    published.is_some_and(|p| d.clearly_before(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn historical_needs_a_publication_date() {
        let d = EventDate { value: "2011".into(), precision: Precision::Year, basis: Basis::Explicit };
        assert!(historical(&d, Some((2022, 7, 7))));
        assert!(!historical(&d, Some((2011, 7, 7))));
        assert!(!historical(&d, None));
    }

    #[test]
    fn a_time_at_the_end_of_a_later_conjunct_is_shared() {
        use crate::fixture::{doc, spaced};
        // Police fired and landed a round yesterday . (published 2019-10-02)
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 fired fire VERB VBD _ 0 root _ _
             3 and and CCONJ CC _ 4 cc _ _
             4 landed land VERB VBD _ 2 conj _ _
             5 a a DET DT _ 6 det _ _
             6 round round NOUN NN _ 4 obj _ _
             7 yesterday yesterday NOUN NN _ 4 obl:tmod _ _
             8 . . PUNCT . _ 2 punct _ _",
        ));
        let t = Tree::new(&d, 0);
        let got = date(&t, 1, None, Some((2019, 10, 2))).expect("a date");
        assert_eq!((got.value.as_str(), got.basis), ("2019-10-01", Basis::Relative));
        // A conjunct with a subject of its own keeps its time.
        let d = doc(&spaced(
            "1 Police police NOUN NNS _ 2 nsubj _ _
             2 fired fire VERB VBD _ 0 root _ _
             3 and and CCONJ CC _ 5 cc _ _
             4 protesters protester NOUN NNS _ 5 nsubj _ _
             5 fled flee VERB VBD _ 2 conj _ _
             6 yesterday yesterday NOUN NN _ 5 obl:tmod _ _
             7 . . PUNCT . _ 2 punct _ _",
        ));
        let t = Tree::new(&d, 0);
        assert_eq!(date(&t, 1, None, Some((2019, 10, 2))).map(|d| d.basis), Some(Basis::Publication));
    }

    #[test]
    fn that_same_day_is_the_day_told_last() {
        use crate::fixture::{doc, spaced};
        // On Wednesday outlets reported it ; the press asked Trump that same day .
        // (The fixture puts each sentence on its own line, a paragraph.)
        let d = doc(&spaced(
            "1 On on ADP IN _ 3 case _ _
             2 last last ADJ JJ _ 3 amod _ _
             3 Wednesday Wednesday PROPN NNP _ 5 obl _ _
             4 outlets outlet NOUN NNS _ 5 nsubj _ _
             5 reported report VERB VBD _ 0 root _ _
             6 it it PRON PRP _ 5 obj _ _
             7 ; ; PUNCT : _ 10 punct _ _
             8 the the DET DT _ 9 det _ _
             9 press press NOUN NN _ 10 nsubj _ _
             10 asked ask VERB VBD _ 5 parataxis _ _
             11 Trump Trump PROPN NNP _ 10 obj _ _
             12 that that DET DT _ 14 det _ _
             13 same same ADJ JJ _ 14 amod _ _
             14 day day NOUN NN _ 10 obl:unmarked _ _
             15 . . PUNCT . _ 5 punct _ _",
        ));
        let t = Tree::new(&d, 0);
        let got = anaphoric(&t, 9, Some((2019, 9, 17))).expect("a date");
        assert_eq!(got.value, "2019-09-11");
        assert_eq!(anaphoric(&t, 4, Some((2019, 9, 17))), None, "no anaphoric time of its own");
    }
}

//! What a re-coding changed: old and new events of an article matched by
//! where they are (sentence and trigger span) and compared on what an
//! analyst counts by (event code, actor codes, mode, date, place).

use annals_code::ontology;
use annals_record::Event;
use std::collections::{BTreeMap, HashMap};

/// Where an event is in its article: two events at one trigger are the
/// same mention coded again, whatever their ids.
type Key = (usize, usize, usize);

fn key(e: &Event) -> Key {
    (e.sentence, e.trigger.start, e.trigger.end)
}

/// The fields whose change makes an event "changed".
fn same_facts(a: &Event, b: &Event) -> bool {
    let date = |e: &Event| e.date.as_ref().map(|d| d.value.clone());
    let place = |e: &Event| e.place.as_ref().map(|p| (p.name.clone(), p.country.clone()));
    a.cameo == b.cameo
        && a.source_code() == b.source_code()
        && a.target_code() == b.target_code()
        && a.mode == b.mode
        && date(a) == date(b)
        && place(a) == place(b)
}

/// Events before and after per CAMEO root, and how many came and went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RootChange {
    pub before: u64,
    pub after: u64,
    pub gained: u64,
    pub lost: u64,
}

/// The totals of a re-coding.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Articles coded again, and those among them whose events changed.
    pub articles: u64,
    pub articles_changed: u64,
    pub before: u64,
    pub after: u64,
    pub added: u64,
    pub removed: u64,
    pub changed: u64,
    pub unchanged: u64,
    /// By CAMEO root ("04"); only roots some event had before or after.
    pub roots: BTreeMap<String, RootChange>,
}

impl Changes {
    /// Adds the comparison of one article's `old` and `new` events.
    pub fn add(&mut self, old: &[Event], new: &[Event]) {
        let (added, removed, changed) = (self.added, self.removed, self.changed);
        self.articles += 1;
        self.before += old.len() as u64;
        self.after += new.len() as u64;
        for e in old {
            self.root(&e.cameo).before += 1;
        }
        for e in new {
            self.root(&e.cameo).after += 1;
        }
        let mut by_key: HashMap<Key, Vec<&Event>> = HashMap::new();
        for e in old {
            by_key.entry(key(e)).or_default().push(e);
        }
        let mut unmatched_new: Vec<&Event> = Vec::new();
        // First the events found again as they were...
        for e in new {
            let olds = by_key.get_mut(&key(e));
            match olds.and_then(|o| o.iter().position(|x| same_facts(x, e)).map(|i| o.remove(i))) {
                Some(_) => self.unchanged += 1,
                None => unmatched_new.push(e),
            }
        }
        // ...then the rest at the same place, in order, as changed.
        for e in unmatched_new {
            let olds = by_key.get_mut(&key(e)).filter(|o| !o.is_empty());
            match olds.map(|o| o.remove(0)) {
                Some(was) => {
                    self.changed += 1;
                    if ontology::root(&was.cameo) != ontology::root(&e.cameo) {
                        self.root(&was.cameo).lost += 1;
                        self.root(&e.cameo).gained += 1;
                    }
                }
                None => {
                    self.added += 1;
                    self.root(&e.cameo).gained += 1;
                }
            }
        }
        for gone in by_key.values().flatten() {
            self.removed += 1;
            self.root(&gone.cameo).lost += 1;
        }
        if (self.added, self.removed, self.changed) != (added, removed, changed) {
            self.articles_changed += 1;
        }
    }

    fn root(&mut self, cameo: &str) -> &mut RootChange {
        self.roots.entry(ontology::root(cameo).to_string()).or_default()
    }

    /// The roots that gained or lost events, with their CAMEO names.
    pub fn root_rows(&self) -> Vec<(String, &'static str, RootChange)> {
        self.roots
            .iter()
            .filter(|(_, c)| c.gained > 0 || c.lost > 0)
            .map(|(r, c)| (r.clone(), ontology::get().cameo(r).map_or("", |c| c.name.as_str()), *c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(sentence: usize, start: usize, cameo: &str, source: &str) -> Event {
        let r = serde_json::json!({
            "id": format!("a:{sentence}:{start}"), "article": "a", "sentence": sentence,
            "trigger": {"text": "took", "start": start, "end": start + 4},
            "source": {"code": source}, "cameo": cameo, "mode": "asserted",
        });
        Event::from_json(&r.to_string()).unwrap()
    }

    #[test]
    fn same_events_change_nothing() {
        let old = [ev(1, 0, "040", "EGY"), ev(2, 5, "190", "ISR")];
        let mut c = Changes::default();
        c.add(&old, &old);
        assert_eq!((c.unchanged, c.added, c.removed, c.changed, c.articles_changed), (2, 0, 0, 0, 0));
        assert!(c.root_rows().is_empty());
    }

    #[test]
    fn adds_removes_and_changes_are_told_apart() {
        let old = [ev(1, 0, "040", "EGY"), ev(2, 5, "190", "ISR"), ev(3, 9, "0841", "KEN")];
        let new = [
            ev(1, 0, "040", "EGY"), // unchanged
            ev(2, 5, "190", "PSE"), // changed actor, same root
            ev(3, 9, "173", "KEN"), // changed root: 08 loses, 17 gains
            ev(4, 0, "043", "QAT"), // added
        ];
        let mut c = Changes::default();
        c.add(&old, &new);
        assert_eq!((c.unchanged, c.changed, c.added, c.removed), (1, 2, 1, 0));
        assert_eq!((c.before, c.after, c.articles_changed), (3, 4, 1));
        let rows = c.root_rows();
        let find = |r: &str| rows.iter().find(|x| x.0 == r).map(|x| x.2);
        assert_eq!(find("08"), Some(RootChange { before: 1, after: 0, gained: 0, lost: 1 }));
        assert_eq!(find("17"), Some(RootChange { before: 0, after: 1, gained: 1, lost: 0 }));
        assert_eq!(find("04"), Some(RootChange { before: 1, after: 2, gained: 1, lost: 0 }));
        assert_eq!(find("19"), None);
        for (_, _, r) in &rows {
            assert_eq!(r.after as i64 - r.before as i64, r.gained as i64 - r.lost as i64);
        }
    }

    #[test]
    fn two_events_at_one_trigger_match_by_their_facts() {
        // "Egypt and Qatar hosted talks": two events at one trigger, listed in another order.
        let old = [ev(1, 0, "043", "EGY"), ev(1, 0, "043", "QAT")];
        let new = [ev(1, 0, "043", "QAT"), ev(1, 0, "043", "EGY")];
        let mut c = Changes::default();
        c.add(&old, &new);
        assert_eq!((c.unchanged, c.changed), (2, 0));
        c.add(&old, &old[..1]);
        assert_eq!((c.removed, c.articles_changed), (1, 1));
        assert_eq!(c.roots["04"], RootChange { before: 4, after: 3, gained: 0, lost: 1 });
    }
}

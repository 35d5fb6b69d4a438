//! Happenings: event mentions from different articles grouped as one thing
//! that happened, with counts of mentions, articles and outlets.
//!
//! Two asserted events belong together when they have the same CAMEO root,
//! the same source and target codes, the same place (GeoNames id, else place
//! country, else none) and the same event date at the coarser of their two
//! precisions ("2024-03-12" and "March 2024" agree; "2011" and "2024-03-12"
//! do not). The event date decides, never the publication date, so a
//! background sentence about 2011 joins the 2011 happening.
//!
//! Agreement at the coarser precision is not transitive ("2011" agrees with
//! March and with April 2011, which disagree), so grouping is a walk over
//! the events in storage order: an event joins the compatible happening
//! whose date is nearest its own precision (the oldest on ties) or starts a
//! new one, which keeps the date of the event that started it. Insert time
//! and [`Store::regroup`] take the same walk, so they agree exactly; a walk
//! reads only the events of one key, so [`Store::regroup_touched`] can
//! rebuild the keys a recode touched and leave the rest.
//!
//! Events not `asserted` (negated, proposed, ...) and undated events get no
//! happening: nothing is claimed to have happened, or nothing says when.
//! An event of a near-duplicate article that repeats an event of its
//! original is a *mention* of it (`events.mention_of`) and joins the
//! original's happening whatever its own key says (a reprint published a
//! day later may resolve "yesterday" to another day) and wherever the
//! original now stands in storage order (a recode stores it anew, after its
//! reprints). A mention whose original is no longer stored groups by its
//! own key.

use crate::{Event, Filter, Result, Store};
use annals_record::{ActorRef, Date, EventDate, Mode, Period, Place, Precision};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};

/// An event date as grouping compares it: its value (`2024-03-12`,
/// `2024-W11`, `2024-03`, `2024`, `2010s`, a range `2014/2015`) and
/// precision, with the days it can mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub value: String,
    pub precision: Precision,
    period: Period,
}

impl When {
    /// `None` when `value` is no date or `precision` no precision.
    pub fn new(value: &str, precision: &str) -> Option<When> {
        When::of(value, Precision::parse(precision)?)
    }

    /// `None` when `value` is no date.
    pub fn of(value: &str, precision: Precision) -> Option<When> {
        let value = value.trim();
        Some(When { period: Period::parse(value)?, value: value.to_string(), precision })
    }

    /// The Thursday of the ISO week of the first day: its year and month
    /// are the week's.
    fn thursday(&self) -> Option<Date> {
        let d = self.period.first;
        let from_monday = i64::from(d.weekday().to_monday_zero_offset());
        annals_calendar::from_days(annals_calendar::days(d) - from_monday + 3)
    }

    /// The year the date belongs to (a week's ISO year).
    pub(crate) fn year(&self) -> Option<i64> {
        Some(i64::from(match self.precision {
            Precision::Week => self.thursday()?.year(),
            _ => self.period.first.year(),
        }))
    }

    /// The first day the date can mean: a week's Monday, a month's first, a
    /// range's first day.
    pub fn first_day(&self) -> Date {
        self.period.first
    }

    /// This date at precision `p`, which must be as coarse as its own;
    /// `None` otherwise. Ranges only compare at their own precision.
    pub fn at(&self, p: Precision) -> Option<String> {
        use Precision::*;
        if p == self.precision {
            return Some(self.value.clone());
        }
        if p < self.precision || self.value.contains('/') {
            return None;
        }
        let year = self.year()?;
        Some(match (self.precision, p) {
            (_, Decade) => format!("{}0s", year.div_euclid(10)),
            (_, Year) => format!("{year:04}"),
            (Day, Month) => self.period.first.strftime("%Y-%m").to_string(),
            (Week, Month) => self.thursday()?.strftime("%Y-%m").to_string(),
            (Day, Week) => annals_calendar::week_label(self.period.first),
            _ => return None,
        })
    }
}

/// Whether two dates agree at the coarser of their precisions.
pub fn same_time(a: &When, b: &When) -> bool {
    let p = a.precision.max(b.precision);
    matches!((a.at(p), b.at(p)), (Some(x), Some(y)) if x == y)
}

/// What two events of one happening must share exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    /// The CAMEO root, the code's first two digits ("04").
    pub root: String,
    /// Actor codes, "" when absent.
    pub source: String,
    pub target: String,
    /// `geonames:ID`, `country:XXX`, or "" for no place.
    pub place: String,
}

/// The happening key and date of an event; `None` when it gets no happening
/// (not asserted, undated, or dated in a form we cannot compare).
pub fn key(e: &Event) -> Option<(Key, When)> {
    if e.mode != Mode::Asserted {
        return None;
    }
    let when = e.date.as_ref().and_then(|d| When::of(&d.value, d.precision))?;
    let geonames_id = e.place.as_ref().and_then(|p| p.geonames_id);
    let place_country = e.place.as_ref().and_then(|p| p.country.as_ref());
    let place = match (geonames_id.filter(|g| *g > 0), place_country) {
        (Some(g), _) => format!("geonames:{g}"),
        (None, Some(c)) => format!("country:{c}"),
        (None, None) => String::new(),
    };
    let key = Key {
        root: e.cameo.get(..2).unwrap_or(&e.cameo).to_string(),
        source: e.source_code().unwrap_or_default().to_string(),
        target: e.target_code().unwrap_or_default().to_string(),
        place,
    };
    Some((key, when))
}

/// Of the happenings with an event's key (id and date), the one it joins:
/// a compatible date nearest its own precision, the oldest on ties.
pub fn choose(when: &When, candidates: &[(i64, When)]) -> Option<i64> {
    let gap = |w: &When| (w.precision as i32 - when.precision as i32).abs();
    candidates.iter().filter(|(_, w)| same_time(when, w)).min_by_key(|(id, w)| (gap(w), *id)).map(|(id, _)| *id)
}

/// What identifies one event as a repeat of another: code, actors, sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionKey {
    pub cameo: String,
    pub source: Option<String>,
    pub target: Option<String>,
    pub sentence: String,
}

fn sentence_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Pairs each event of a reprint with the event of its original it repeats:
/// first same code, actors and sentence (words compared case- and
/// punctuation-blind), then same code and actors with the most similar
/// sentence (word Jaccard ≥ 0.5, for a lightly edited sentence). Each
/// original event is matched at most once; unmatched events stay events.
pub fn match_mentions(reprint: &[MentionKey], original: &[MentionKey]) -> Vec<Option<usize>> {
    let words = |k: &MentionKey| sentence_words(&k.sentence);
    let (rw, ow): (Vec<_>, Vec<_>) = (reprint.iter().map(words).collect(), original.iter().map(words).collect());
    let same = |r: &MentionKey, o: &MentionKey| r.cameo == o.cameo && r.source == o.source && r.target == o.target;
    let mut used = vec![false; original.len()];
    let mut out = vec![None; reprint.len()];
    for (i, r) in reprint.iter().enumerate() {
        if let Some(j) = (0..original.len()).find(|&j| !used[j] && same(r, &original[j]) && rw[i] == ow[j]) {
            used[j] = true;
            out[i] = Some(j);
        }
    }
    let jaccard = |a: &[String], b: &[String]| {
        let (a, b): (HashSet<_>, HashSet<_>) = (a.iter().collect(), b.iter().collect());
        a.intersection(&b).count() as f64 / a.union(&b).count().max(1) as f64
    };
    for (i, r) in reprint.iter().enumerate() {
        if out[i].is_some() {
            continue;
        }
        let best = (0..original.len())
            .filter(|&j| !used[j] && same(r, &original[j]))
            .map(|j| (jaccard(&rw[i], &ow[j]), j))
            .filter(|(s, _)| *s >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, j)) = best {
            used[j] = true;
            out[i] = Some(j);
        }
    }
    out
}

/// The happening event `e` (stored as `event_id`) joins or starts.
fn place_event(conn: &Connection, e: &Event, event_id: &str) -> Result<Option<i64>> {
    let Some((k, when)) = key(e) else { return Ok(None) };
    let year = when.year().unwrap_or(0);
    let mut st = conn.prepare_cached(
        "SELECT id, date_value, date_precision FROM happenings WHERE cameo_root = ?1 AND source_code = ?2
         AND target_code = ?3 AND place = ?4 AND year BETWEEN ?5 - 9 AND ?5 + 9",
    )?;
    let candidates = st
        .query_map(params![k.root, k.source, k.target, k.place, year], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?
        .filter_map(|r| r.map(|(id, v, p)| When::new(&v, &p).map(|w| (id, w))).transpose())
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if let Some(id) = choose(&when, &candidates) {
        return Ok(Some(id));
    }
    let precision = when.precision.as_str();
    conn.prepare_cached(
        "INSERT INTO happenings (cameo_root, source_code, target_code, place, year, date_value, date_precision, event)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![k.root, k.source, k.target, k.place, year, when.value, precision, event_id])?;
    Ok(Some(conn.last_insert_rowid()))
}

/// Recomputes the counts of happenings `ids` from their events and drops
/// those left without any (a recode can take a happening's last event
/// away). An article without an outlet counts as an outlet of its own: we
/// cannot tell whether two such articles come from one source, and merging
/// them would hide independent reports.
pub(crate) fn refresh(conn: &Connection, ids: impl IntoIterator<Item = i64>) -> Result<()> {
    let mut recount = conn.prepare_cached(
        "UPDATE happenings SET (mentions, articles, outlets, first_seen, last_seen) =
           (SELECT count(*), count(DISTINCT e.article), count(DISTINCT coalesce(lower(a.outlet), '#' || a.id)),
                   min(a.published), max(a.published)
            FROM events e JOIN articles a ON a.id = e.article WHERE e.happening = ?1)
         WHERE id = ?1",
    )?;
    let mut drop_empty = conn.prepare_cached("DELETE FROM happenings WHERE id = ?1 AND mentions = 0")?;
    for id in ids {
        recount.execute([id])?;
        drop_empty.execute([id])?;
    }
    Ok(())
}

fn seqs(conn: &Connection, article: &str) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached("SELECT seq FROM events WHERE article = ?1 ORDER BY seq")?;
    let rows = st.query_map([article], |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// An event of the original article: its id and happening.
type Repeated = Option<(String, Option<i64>)>;

/// For each of `events`, the event of article `original` it repeats, with
/// that event's happening.
fn repeated(conn: &Connection, original: &str, events: &[Event]) -> Result<Vec<Repeated>> {
    let mut st = conn.prepare_cached(
        "SELECT id, happening, cameo, source_code, target_code, sentence_text FROM events WHERE article = ?1 ORDER BY seq",
    )?;
    let rows = st
        .query_map([original], |r| {
            let k = MentionKey { cameo: r.get(2)?, source: r.get(3)?, target: r.get(4)?, sentence: r.get(5)? };
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, k))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let keys: Vec<MentionKey> = rows.iter().map(|r| r.2.clone()).collect();
    let mine: Vec<MentionKey> = events.iter().map(mention_key).collect();
    Ok(match_mentions(&mine, &keys).into_iter().map(|j| j.map(|j| (rows[j].0.clone(), rows[j].1))).collect())
}

/// Marks the events of a near-duplicate `article` that repeat events of
/// its `original` (no happenings: the backfill regroups afterwards).
pub(crate) fn link_mentions(conn: &Connection, article: &str, original: &str, events: &[Event]) -> Result<usize> {
    let mut set = conn.prepare_cached("UPDATE events SET mention_of = ?2 WHERE seq = ?1")?;
    let mut n = 0;
    for (seq, m) in seqs(conn, article)?.into_iter().zip(repeated(conn, original, events)?) {
        if let Some((of, _)) = m {
            set.execute(params![seq, of])?;
            n += 1;
        }
    }
    Ok(n)
}

/// Links the events of a just-stored article: mentions of its original's
/// events when it is a near-duplicate, happenings for the rest. `events`
/// are the article's events in the order they were inserted. Returns how
/// many became mentions.
pub(crate) fn assign_article(
    conn: &Connection,
    article: &str,
    original: Option<&str>,
    events: &[Event],
) -> Result<usize> {
    let matched = match original {
        Some(o) => repeated(conn, o, events)?,
        None => vec![None; events.len()],
    };
    let mut touched = BTreeSet::new();
    let mut mentions = 0;
    let mut set = conn.prepare_cached("UPDATE events SET mention_of = ?2, happening = ?3 WHERE seq = ?1")?;
    for ((e, seq), m) in events.iter().zip(seqs(conn, article)?).zip(matched) {
        let (of, happening) = match m {
            Some((id, h)) => {
                mentions += 1;
                (Some(id), h)
            }
            None => (None, place_event(conn, e, &e.id)?),
        };
        if of.is_some() || happening.is_some() {
            set.execute(params![seq, of, happening])?;
        }
        touched.extend(happening);
    }
    refresh(conn, touched)?;
    Ok(mentions)
}

fn mention_key(e: &Event) -> MentionKey {
    MentionKey {
        cameo: e.cameo.clone(),
        source: e.source_code().map(String::from),
        target: e.target_code().map(String::from),
        sentence: e.text.clone(),
    }
}

/// The columns [`walked`] reads: what places an event in a happening.
const WALK_COLUMNS: &str = "seq, id, cameo, source_code, target_code, mode, event_date, date_precision, \
                            place_country, geonames_id, mention_of";

/// A stored event as the grouping reads it.
struct Walked {
    seq: i64,
    /// Only the fields [`key`] reads are set.
    event: Event,
    mention_of: Option<String>,
}

fn walked(r: &Row) -> rusqlite::Result<Walked> {
    let actor = |code: Option<String>| code.map(|code| ActorRef { code: Some(code), ..Default::default() });
    let date = match (r.get::<_, Option<String>>(6)?, r.get::<_, Option<String>>(7)?) {
        (Some(value), Some(p)) => {
            Precision::parse(&p).map(|precision| EventDate { value, precision, basis: annals_record::Basis::Explicit })
        }
        _ => None,
    };
    let (country, geonames_id) = (r.get::<_, Option<String>>(8)?, r.get::<_, Option<i64>>(9)?);
    let place = (country.is_some() || geonames_id.is_some()).then(|| Place {
        country,
        geonames_id: geonames_id.map(|g| g as u64),
        ..Default::default()
    });
    // A mode this annals does not know is not asserted: it gets no happening.
    let mode = Mode::parse(&r.get::<_, String>(5)?).unwrap_or(Mode::Hypothetical);
    let event = Event {
        id: r.get(1)?,
        article: String::new(),
        sentence: 0,
        text: String::new(),
        trigger: Default::default(),
        source: actor(r.get(3)?),
        target: actor(r.get(4)?),
        cameo: r.get(2)?,
        cameo_name: String::new(),
        quad_class: 0,
        goldstein: 0.0,
        plover: None,
        plover_mode: None,
        mode,
        attribution: None,
        quantity: None,
        date,
        historical: false,
        place,
        confidence: 0.0,
        explain: Vec::new(),
    };
    Ok(Walked { seq: r.get(0)?, event, mention_of: r.get(10)? })
}

/// Places `events` (in storage order) in happenings, as inserts do, except
/// mentions of an event still stored: their seqs go to `linked`, for
/// [`follow_originals`]. Returns the happenings it placed events in.
fn walk(conn: &Connection, events: Vec<Walked>, linked: &mut Vec<i64>) -> Result<BTreeSet<i64>> {
    let mut stored = conn.prepare_cached("SELECT 1 FROM events WHERE id = ?1")?;
    let mut set = conn.prepare_cached("UPDATE events SET happening = ?2 WHERE seq = ?1")?;
    let mut placed = BTreeSet::new();
    for w in events {
        if let Some(of) = &w.mention_of {
            if stored.exists([of])? {
                linked.push(w.seq);
                continue;
            }
        }
        if let Some(h) = place_event(conn, &w.event, &w.event.id)? {
            set.execute(params![w.seq, h])?;
            placed.insert(h);
        }
    }
    Ok(placed)
}

/// Gives each mention (by seq) the happening of the event it repeats, or
/// none when that one has none; returns the happenings mentions left or
/// joined. A mention of a mention waits for that one: chains settle in as
/// many rounds as they are long. Linking never makes a cycle (an original
/// is never itself a near-duplicate); the round limit only bounds one.
fn follow_originals(conn: &Connection, seqs: &[i64]) -> Result<BTreeSet<i64>> {
    let mut read = conn.prepare_cached(
        "SELECT e.happening, o.happening, o.mention_of IS NOT NULL FROM events e JOIN events o ON o.id = e.mention_of
         WHERE e.seq = ?1",
    )?;
    let mut set = conn.prepare_cached("UPDATE events SET happening = ?2 WHERE seq = ?1")?;
    let mut moved = BTreeSet::new();
    let mut pending = seqs.to_vec();
    for _ in 0..64 {
        let (mut chained, mut changed) = (Vec::new(), false);
        for &seq in &pending {
            let row = read.query_row([seq], |r| Ok((r.get::<_, Option<i64>>(0)?, r.get(1)?, r.get(2)?))).optional()?;
            let Some((mine, theirs, of_mention)): Option<(Option<i64>, Option<i64>, bool)> = row else { continue };
            if mine != theirs {
                set.execute(params![seq, theirs])?;
                moved.extend(mine.into_iter().chain(theirs));
                changed = true;
            }
            if of_mention {
                chained.push(seq);
            }
        }
        if !changed || chained.is_empty() {
            break;
        }
        pending = chained;
    }
    Ok(moved)
}

/// Recomputes every happening from the events table: the events walk in
/// storage order exactly as inserts do, then mentions follow their original.
pub(crate) fn regroup(conn: &Connection) -> Result<u64> {
    conn.execute_batch("UPDATE events SET happening = NULL WHERE happening IS NOT NULL; DELETE FROM happenings;")?;
    let mut read =
        conn.prepare(&format!("SELECT {WALK_COLUMNS} FROM events WHERE seq > ?1 ORDER BY seq LIMIT 5000"))?;
    let (mut next, mut linked) = (i64::MIN, Vec::new());
    loop {
        let chunk = read.query_map([next], walked)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let Some(last) = chunk.last() else { break };
        next = last.seq;
        walk(conn, chunk, &mut linked)?;
    }
    follow_originals(conn, &linked)?;
    let ids: Vec<i64> =
        conn.prepare("SELECT id FROM happenings")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    refresh(conn, ids.iter().copied())?;
    Ok(ids.len() as u64)
}

/// What replacing events touched since the last regroup: the keys of the
/// events removed and added, and their ids (other events may repeat them).
#[derive(Debug, Default)]
pub(crate) struct Touched {
    keys: HashSet<Key>,
    events: HashSet<String>,
}

impl Touched {
    pub(crate) fn add(&mut self, e: &Event) {
        self.keys.extend(key(e).map(|(k, _)| k));
        self.events.insert(e.id.clone());
    }

    /// Adds the stored events of `article`, before they are replaced.
    pub(crate) fn add_stored(&mut self, conn: &Connection, article: &str) -> Result<()> {
        let mut st = conn.prepare_cached(&format!("SELECT {WALK_COLUMNS} FROM events WHERE article = ?1"))?;
        for w in st.query_map([article], walked)? {
            self.add(&w?.event);
        }
        Ok(())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.events.is_empty()
    }
}

/// Regroups only the happenings of the keys `t` touched, with the result a
/// full [`regroup`] would give (happening ids aside: rebuilt happenings get
/// new ids). That holds because a key's walk reads only events of that key,
/// and mentions read only their original; so it assumes the rest of the
/// table is as a full regroup left it, which inserts and this keep true.
/// Then a key's events are those of its happenings, the touched events and
/// the events repeating them: no scan of the events table is needed.
/// Returns how many keys were regrouped.
pub(crate) fn regroup_touched(conn: &Connection, t: &Touched) -> Result<usize> {
    let mut keys = t.keys.clone();
    let mut found = Vec::new();
    // The touched events as now stored, and the events that repeat them:
    // these may have lost their original (they then walk with their own
    // key) or regained it.
    let mut by_id = conn.prepare_cached(&format!("SELECT {WALK_COLUMNS} FROM events WHERE id = ?1"))?;
    let mut repeats = conn.prepare_cached(&format!("SELECT {WALK_COLUMNS} FROM events WHERE mention_of = ?1"))?;
    for id in &t.events {
        found.extend(by_id.query_row([id], walked).optional()?);
        for w in repeats.query_map([id], walked)? {
            let w = w?;
            keys.extend(key(&w.event).map(|(k, _)| k));
            found.push(w);
        }
    }
    // Drop the keys' happenings, keeping their events to walk again.
    let mut of_key = conn.prepare_cached(
        "SELECT id FROM happenings WHERE cameo_root = ?1 AND source_code = ?2 AND target_code = ?3 AND place = ?4",
    )?;
    let mut members = conn.prepare_cached(&format!("SELECT {WALK_COLUMNS} FROM events WHERE happening = ?1"))?;
    let mut unset = conn.prepare_cached("UPDATE events SET happening = NULL WHERE happening = ?1")?;
    let mut delete = conn.prepare_cached("DELETE FROM happenings WHERE id = ?1")?;
    for k in &keys {
        let ids = of_key
            .query_map(params![k.root, k.source, k.target, k.place], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for h in ids {
            for w in members.query_map([h], walked)? {
                found.push(w?);
            }
            unset.execute([h])?;
            delete.execute([h])?;
        }
    }
    // Events of the keys walk in storage order; mentions follow after.
    found.sort_by_key(|w| w.seq);
    found.dedup_by_key(|w| w.seq);
    let mut linked = Vec::new();
    let walks = found.into_iter().filter(|w| {
        let mine = key(&w.event).is_some_and(|(k, _)| keys.contains(&k));
        if !mine && w.mention_of.is_some() {
            linked.push(w.seq);
        }
        mine
    });
    let walks: Vec<Walked> = walks.collect();
    let placed = walk(conn, walks, &mut linked)?;
    linked.sort_unstable();
    linked.dedup();
    let moved = follow_originals(conn, &linked)?;
    refresh(conn, placed.into_iter().chain(moved))?;
    Ok(keys.len())
}

/// One happening with its counts, as listed by `annals query --happenings`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Happening {
    pub id: i64,
    /// The CAMEO root shared by its events, and the full code of its first event.
    pub cameo_root: String,
    pub cameo: Option<String>,
    pub source_code: Option<String>,
    pub target_code: Option<String>,
    /// `geonames:ID`, `country:XXX`, or `None`.
    pub place: Option<String>,
    /// The date of its first event and its precision.
    pub date: String,
    pub precision: String,
    pub mentions: u64,
    pub articles: u64,
    pub outlets: u64,
    /// Earliest and latest publication date of its articles.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// The id of the event that started it.
    pub event: String,
}

impl Happening {
    /// What [`Happening::from_row`] reads, from `happenings h` joined with
    /// its first event `e` (for the full CAMEO code).
    const COLUMNS: &'static str = "h.id, h.cameo_root, e.cameo, h.source_code, h.target_code, h.place, h.date_value,
        h.date_precision, h.mentions, h.articles, h.outlets, h.first_seen, h.last_seen, h.event";

    fn from_row(r: &Row) -> rusqlite::Result<Happening> {
        // The key columns hold "" for none.
        let nonempty = |i| r.get::<_, String>(i).map(|s| (!s.is_empty()).then_some(s));
        Ok(Happening {
            id: r.get(0)?,
            cameo_root: r.get(1)?,
            cameo: r.get(2)?,
            source_code: nonempty(3)?,
            target_code: nonempty(4)?,
            place: nonempty(5)?,
            date: r.get(6)?,
            precision: r.get(7)?,
            mentions: r.get(8)?,
            articles: r.get(9)?,
            outlets: r.get(10)?,
            first_seen: r.get(11)?,
            last_seen: r.get(12)?,
            event: r.get(13)?,
        })
    }
}

impl Store {
    /// Recomputes all happenings from the stored events (after a change of
    /// the grouping rule, or of the events by a recode); returns how many.
    pub fn regroup(&mut self) -> Result<u64> {
        let tx = self.conn.transaction()?;
        let n = regroup(&tx)?;
        tx.commit()?;
        self.touched = Touched::default();
        Ok(n)
    }

    /// Regroups the happenings whose keys the events replaced since the
    /// last regroup had (or now have), with the result of [`Store::regroup`]
    /// but without its full scan; returns how many keys were regrouped.
    ///
    /// Replacing events places them at once, but grouping depends on the
    /// order events were stored in, so only a regroup makes the happenings
    /// exactly what a fresh ingest would give. A crash before it leaves
    /// them close but not exact, until the next full regroup.
    pub fn regroup_touched(&mut self) -> Result<usize> {
        if self.touched.is_empty() {
            return Ok(0);
        }
        let tx = self.conn.transaction()?;
        let n = regroup_touched(&tx, &self.touched)?;
        tx.commit()?;
        self.touched = Touched::default();
        Ok(n)
    }

    /// The happenings with at least one event matching `f`, by id.
    pub fn happenings(&self, f: &Filter) -> Result<Vec<Happening>> {
        let (clause, mut p) = Filter { limit: None, ..f.clone() }.sql(&self.conn)?;
        let mut sql = format!("SELECT {} FROM happenings h LEFT JOIN events e ON e.id = h.event", Happening::COLUMNS);
        if *f != Filter::default() {
            sql.push_str(&format!(" WHERE h.id IN (SELECT e.happening {clause})"));
        } else {
            p.clear();
        }
        sql.push_str(" ORDER BY h.id");
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(p), Happening::from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(v: &str, p: &str) -> When {
        When::new(v, p).unwrap()
    }

    #[test]
    fn dates_agree_at_the_coarser_precision() {
        assert!(same_time(&w("2024-03-12", "day"), &w("2024-03", "month")));
        assert!(same_time(&w("2024-03-12", "day"), &w("2024", "year")));
        assert!(!same_time(&w("2024-03-12", "day"), &w("2024-03-13", "day")));
        assert!(!same_time(&w("2011", "year"), &w("2024-03-12", "day")));
        assert!(same_time(&w("2016-05-01", "day"), &w("2010s", "decade")));
        // 2024-03-12 is a Tuesday of ISO week 11; 2021-01-01 lies in 2020-W53.
        assert!(same_time(&w("2024-03-12", "day"), &w("2024-W11", "week")));
        assert!(!same_time(&w("2024-03-18", "day"), &w("2024-W11", "week")));
        assert!(same_time(&w("2021-01-01", "day"), &w("2020-W53", "week")));
        assert!(same_time(&w("2020-W53", "week"), &w("2020", "year")));
        assert!(same_time(&w("2024-W11", "week"), &w("2024-03", "month")));
        // Ranges compare only with the same range.
        assert!(same_time(&w("2014/2015", "year"), &w("2014/2015", "year")));
        assert!(!same_time(&w("2014/2015", "year"), &w("2014", "year")));
        assert_eq!(When::new("yesterday", "day"), None);
        assert_eq!(When::new("2024", "era"), None);
    }

    fn ev(cameo: &str, src: &str, tgt: Option<&str>, mode: &str, date: &str, prec: &str) -> Event {
        let r = serde_json::json!({
            "id": "a:1", "article": "a", "cameo": cameo, "mode": mode,
            "source": {"code": src}, "target": tgt.map(|t| serde_json::json!({"code": t})),
            "date": {"value": date, "precision": prec, "basis": "explicit"},
        });
        Event::from_json(&r.to_string()).unwrap()
    }

    #[test]
    fn keys_and_choice() {
        let (k, _) = key(&ev("0431", "QAT", Some("NERGOV"), "asserted", "2024-03-12", "day")).unwrap();
        assert_eq!(k, Key { root: "04".into(), source: "QAT".into(), target: "NERGOV".into(), place: String::new() });
        let (k2, _) = key(&ev("040", "QAT", Some("NERGOV"), "asserted", "2011", "year")).unwrap();
        assert_eq!(k, k2, "the date is not part of the key, it is compared by choose");
        assert_eq!(key(&ev("040", "QAT", None, "proposed", "2024", "year")), None);
        let mut placed = ev("190", "ISRMIL", None, "asserted", "2024", "year");
        placed.place = Some(Place { country: Some("PSE".into()), ..Default::default() });
        assert_eq!(key(&placed).unwrap().0.place, "country:PSE");
        placed.place.as_mut().unwrap().geonames_id = Some(281133);
        assert_eq!(key(&placed).unwrap().0.place, "geonames:281133");

        let cands = [(1, w("2011", "year")), (2, w("2024-03", "month")), (3, w("2024-03-12", "day"))];
        assert_eq!(choose(&w("2024-03-12", "day"), &cands), Some(3));
        assert_eq!(choose(&w("2024-03-14", "day"), &cands), Some(2));
        assert_eq!(choose(&w("2011-06-01", "day"), &cands), Some(1));
        assert_eq!(choose(&w("2012", "year"), &cands), None);
        assert_eq!(choose(&w("2024", "year"), &cands[1..]), Some(2), "nearest precision, then oldest");
    }

    #[test]
    fn mentions_match_by_code_actors_and_sentence() {
        let k = |c: &str, t: &str| MentionKey {
            cameo: c.into(),
            source: Some("NERGOV".into()),
            target: Some("NERREB".into()),
            sentence: t.into(),
        };
        let original = [
            k("040", "Niger's government met the rebels in Doha on Tuesday."),
            k("0841", "The government released 40 prisoners."),
            k("190", "Fighting broke out near Gao."),
        ];
        let reprint = [
            k("0841", "The government released 40 prisoners ."),
            k("040", "Niger's government met rebel leaders in Doha on Tuesday, officials said."),
            k("190", "Something else entirely happened somewhere."),
            k("057", "Niger's government met the rebels in Doha on Tuesday."),
        ];
        assert_eq!(match_mentions(&reprint, &original), [Some(1), Some(0), None, None]);
    }
}

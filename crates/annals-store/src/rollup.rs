//! Counts answered from the `event_counts` rollup instead of `events`.
//!
//! `event_counts` holds the number of events per actor code and role, event
//! date (value, precision, first and last day), CAMEO code, PLOVER category
//! and mode; triggers keep it in step with `events` on every insert, delete
//! and update (see `schema.rs` and `SCHEMA.md`). A count whose filters all
//! fall on those keys is a sum over a few rollup rows per day rather than a
//! visit to every matching event: the busiest actor over three years is tens
//! of thousands of rows instead of most of a million. Filters on anything
//! else (names, places, countries, publication date, full text) and counts
//! per actor pair are left to the scan in `select.rs`, which gives the same
//! numbers (the tests compare both).

use crate::select::{codes_with_prefix, day, period_key, prefix_glob};
use crate::{Count, CountBy, Filter, Result};
use rusqlite::types::Value as Sql;
use rusqlite::Connection;

/// `shared` is the common prefix of a target and its source code capped at
/// this many characters; longer actor prefixes go to the scan.
const MAX_SHARED: usize = 16;

/// Whether the rollup should answer for `f`: it has an actor filter (the
/// rollup's leading key; without one, a date or CAMEO range is better
/// answered by the events' own indexes) and every other active filter is a
/// key of the rollup. Empty PLOVER or mode values go to the scan: the rollup
/// stores a missing one as `''`.
fn covers(f: &Filter) -> bool {
    let nonempty = |v: &Option<String>| v.as_deref().is_none_or(|v| !v.is_empty());
    f.actor.is_some()
        && f.actor_name.is_none()
        && f.place.is_none()
        && f.place_country.is_none()
        && f.published_from.is_none()
        && f.published_to.is_none()
        && f.country.is_none()
        && f.text.is_none()
        && f.actor.as_deref().is_none_or(|a| !a.is_empty() && a.chars().count() <= MAX_SHARED)
        && nonempty(&f.plover)
        && nonempty(&f.mode)
}

/// The rollup rows (`event_date`, `date_precision`, `event_start`, `n`)
/// whose sum over `n` counts the events matching `f`, as `SELECT`s to join
/// with `UNION ALL` and their parameters; `None` when some filter is not
/// one of the rollup's keys.
///
/// An event counts through its source row when the source matches, or
/// through its target row when the target matches and the source does not
/// (`shared` shorter than the prefix). Each of these is split like the scan
/// in `select.rs`: single-day rows (`span` 0) are sought by their day,
/// coarse-dated ones (`span` 1, few) by start and then filtered on end.
fn parts(conn: &Connection, f: &Filter) -> Result<Option<(Vec<String>, Vec<Sql>)>> {
    if !covers(f) {
        return Ok(None);
    }
    let from = day(&f.event_from, false, "from date")?;
    let to = day(&f.event_to, true, "to date")?;
    let mut common = String::new();
    let mut common_p: Vec<Sql> = Vec::new();
    if let Some(c) = &f.cameo {
        common.push_str(" AND cameo GLOB ?");
        common_p.push(Sql::Text(prefix_glob(c)));
    }
    if let Some(x) = &f.plover {
        common.push_str(" AND plover = ?");
        common_p.push(Sql::Text(x.to_uppercase()));
    }
    if let Some(m) = &f.mode {
        common.push_str(" AND mode = ?");
        common_p.push(Sql::Text(m.to_lowercase()));
    }
    // (role, condition on code, its parameters)
    let mut roles: Vec<(i64, String, Vec<Sql>)> = Vec::new();
    let a = f.actor.as_deref().unwrap_or_default();
    for (role, col) in [(0, "source_code"), (1, "target_code")] {
        let (mut cond, p) = match codes_with_prefix(conn, col, a)? {
            Some(c) if c.is_empty() => continue,
            Some(c) => {
                (format!(" AND code IN ({})", vec!["?"; c.len()].join(", ")), c.into_iter().map(Sql::Text).collect())
            }
            None => (" AND code GLOB ?".to_string(), vec![Sql::Text(prefix_glob(a))]),
        };
        if role == 1 {
            cond.push_str(&format!(" AND shared < {}", a.chars().count()));
        }
        roles.push((role, cond, p));
    }
    let mut parts = Vec::new();
    let mut p: Vec<Sql> = Vec::new();
    let select = "SELECT event_date, date_precision, event_start, n FROM event_counts";
    for (role, code, code_p) in &roles {
        if from.is_none() && to.is_none() {
            parts.push(format!("{select} WHERE role = {role}{code}{common}"));
            p.extend(code_p.iter().cloned().chain(common_p.iter().cloned()));
            continue;
        }
        for span in [0, 1] {
            let mut dates = String::new();
            let mut date_p = Vec::new();
            // A single-day row's end is its start, so both bounds fall on
            // the start, which the key orders by.
            let first = if span == 0 { "event_start" } else { "event_end" };
            if let Some(d) = &from {
                dates.push_str(&format!(" AND {first} >= ?"));
                date_p.push(Sql::Text(d.clone()));
            }
            if let Some(d) = &to {
                dates.push_str(" AND event_start <= ? AND event_start <> ''");
                date_p.push(Sql::Text(d.clone()));
            }
            parts.push(format!("{select} WHERE role = {role} AND span = {span}{code}{dates}{common}"));
            p.extend(code_p.iter().cloned().chain(date_p).chain(common_p.iter().cloned()));
        }
    }
    Ok(Some((parts, p)))
}

/// The counts of [`crate::Store::counts`] from the rollup, or `None` when
/// some filter is not one of its keys.
pub(crate) fn counts(conn: &Connection, by: CountBy, f: &Filter) -> Result<Option<Vec<Count>>> {
    if by == CountBy::ActorPair {
        return Ok(None);
    }
    let Some((parts, p)) = parts(conn, f)? else { return Ok(None) };
    if parts.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let key = period_key(by, "");
    let sql = format!("SELECT coalesce({key}, ''), sum(n) FROM ({}) GROUP BY 1 ORDER BY 1", parts.join(" UNION ALL "));
    let mut st = conn.prepare(&sql)?;
    let rows =
        st.query_map(rusqlite::params_from_iter(p), |r| Ok(Count { keys: vec![r.get(0)?], count: r.get(1)? }))?;
    Ok(Some(rows.collect::<rusqlite::Result<Vec<_>>>()?))
}

/// The number of events matching `f` from the rollup, or `None` when some
/// filter is not one of its keys.
pub(crate) fn total(conn: &Connection, f: &Filter) -> Result<Option<u64>> {
    let Some((parts, p)) = parts(conn, f)? else { return Ok(None) };
    if parts.is_empty() {
        return Ok(Some(0));
    }
    let sql = format!("SELECT coalesce(sum(n), 0) FROM ({})", parts.join(" UNION ALL "));
    Ok(Some(conn.query_row(&sql, rusqlite::params_from_iter(p), |r| r.get(0))?))
}

/// Recomputes `event_counts` from `events`: for bulk loads that drop the
/// triggers (the `synth` example), and a repair should it ever disagree.
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM event_counts;
         INSERT INTO event_counts (code, role, span, event_start, event_end, shared, cameo, plover, mode,
                                   event_date, date_precision, n)
         SELECT code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision,
                count(*)
         FROM event_count_keys
         GROUP BY code, role, span, event_start, event_end, shared, cameo, plover, mode, event_date, date_precision;",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ArticleRow, Event, Inserted, Store};
    use serde_json::json;

    /// An invented report, long enough for a lightly edited copy to be
    /// linked as a near-duplicate.
    const REPORT: &str = "Farmers from the northern valleys marched on the regional capital on Monday to protest \
        against a new water tax, blocking the main bridge for several hours before police cleared it. Organisers \
        said more than two thousand people took part, while the governor's office put the figure at a few hundred. \
        The tax, approved by the regional council in March, charges growers for every cubic metre drawn from the \
        canals that cross the plain. Union leaders said they would return next week if the council refused to \
        meet them, and that cooperatives in the south were preparing a similar march. A council spokeswoman said \
        the tax would pay for repairs to dams damaged in last winter's floods and that no meeting was planned.";

    const CODES: [Option<&str>; 7] =
        [Some("NER"), Some("NERGOV"), Some("NERGOVMIL"), Some("NIG"), Some("MLI"), Some("MLIREB"), None];
    const DATES: [Option<(&str, &str)>; 10] = [
        Some(("2024-03-14", "day")),
        Some(("2024-02-28", "day")),
        Some(("2023-12-31", "day")),
        Some(("2024-03", "month")),
        Some(("2024", "year")),
        Some(("2023/2024", "year")),
        Some(("2010s", "decade")),
        Some(("2024-W11", "week")),
        Some(("2024-03-14", "week")),
        None,
    ];
    const CAMEOS: [(&str, Option<&str>); 4] =
        [("040", Some("CONSULT")), ("0841", Some("CONCEDE")), ("190", Some("ASSAULT")), ("010", None)];
    const MODES: [&str; 3] = ["asserted", "negated", "proposed"];

    fn event(article: &str, n: usize, src: Option<&str>, tgt: Option<&str>, k: usize) -> Event {
        let actor = |c: Option<&str>| c.map(|c| json!({"text": c, "code": c, "name": c, "country": &c[..3]}));
        let (cameo, plover) = CAMEOS[k % CAMEOS.len()];
        let date = DATES[(k * 7 + n) % DATES.len()];
        let r = json!({
            "id": format!("{article}:1:{n}"), "article": article, "sentence": 1, "text": "Farmers marched.",
            "trigger": {"text": "marched", "start": 8, "end": 15},
            "source": actor(src), "target": actor(tgt), "cameo": cameo, "plover": plover,
            "mode": MODES[(k / 3 + n) % MODES.len()],
            "date": date.map(|(v, p)| json!({"value": v, "precision": p, "basis": "explicit"})),
            "historical": false
        });
        Event::from_json(&r.to_string()).unwrap()
    }

    /// Every pair of codes (and no actor), varied dates, codes and modes.
    fn events(article: &str, salt: usize) -> Vec<Event> {
        let mut out = Vec::new();
        for (i, s) in CODES.iter().enumerate() {
            for (j, t) in CODES.iter().enumerate() {
                out.push(event(article, out.len() + 1, *s, *t, i * 5 + j * 3 + salt));
            }
        }
        out
    }

    fn article(id: &str, text: &str) -> ArticleRow {
        ArticleRow {
            id: id.into(),
            url: Some(format!("https://news.example/{id}")),
            text: text.into(),
            ..Default::default()
        }
    }

    /// The rows of `event_counts`, in key order.
    fn table(s: &Store) -> Vec<Vec<String>> {
        let mut st = s.conn.prepare("SELECT * FROM event_counts ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11").unwrap();
        let rows = st
            .query_map([], |r| {
                (0..12).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect()
            })
            .unwrap();
        rows.map(Result::unwrap).collect()
    }

    /// Compares the rollup's counts with the scan's over many filters, and
    /// the trigger-kept table with one rebuilt from `events`; returns the
    /// number of filters whose counts were not empty.
    fn check(s: &Store) -> usize {
        let kept = table(s);
        rebuild(&s.conn).unwrap();
        assert_eq!(kept, table(s), "the triggers' rollup differs from a rebuild");
        let actors = [None, Some("NER"), Some("NERGOV"), Some("N"), Some("NI"), Some("MLIREB"), Some("CHN")];
        let ranges = [
            (None, None),
            (Some("2024-03"), Some("2024-03")),
            (Some("2024-03-01"), Some("2024-03-14")),
            (Some("2024"), None),
            (None, Some("2023-12")),
            (Some("2015"), Some("2019")),
        ];
        let others = [
            (None, None, None),
            (Some("04"), None, None),
            (Some("0"), None, Some("asserted")),
            (None, Some("consult"), None),
            (Some("19"), Some("ASSAULT"), Some("NEGATED")),
        ];
        let mut nonempty = 0;
        for actor in actors {
            for (from, to) in ranges {
                for (cameo, plover, mode) in others {
                    for by in [CountBy::Day, CountBy::Week, CountBy::Month] {
                        let f = Filter {
                            actor: actor.map(String::from),
                            event_from: from.map(String::from),
                            event_to: to.map(String::from),
                            cameo: cameo.map(String::from),
                            plover: plover.map(String::from),
                            mode: mode.map(String::from),
                            ..Default::default()
                        };
                        let Some(rolled) = counts(&s.conn, by, &f).unwrap() else {
                            assert!(actor.is_none(), "the rollup covers {f:?}");
                            continue;
                        };
                        let scanned = s.counts_by_scan(by, &f).unwrap();
                        assert_eq!(rolled, scanned, "{by:?} {f:?}");
                        let sum: u64 = scanned.iter().map(|c| c.count).sum();
                        assert_eq!(total(&s.conn, &f).unwrap(), Some(sum), "{f:?}");
                        nonempty += usize::from(!rolled.is_empty());
                    }
                }
            }
        }
        nonempty
    }

    #[test]
    fn rollup_counts_equal_scanned_counts_after_ingest_recode_and_near_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path().join("t.db")).unwrap();
        s.insert_article(&article("a", "Talks in Doha."), &events("a", 0)).unwrap();
        s.insert_article(&article("b", "Clashes near Ayorou."), &events("b", 1)).unwrap();
        let nonempty = check(&s);
        assert!(nonempty > 200, "only {nonempty} non-empty counts");
        let total: i64 = s.conn.query_row("SELECT sum(n) FROM event_counts WHERE role = 0", [], |r| r.get(0)).unwrap();
        assert_eq!(total, 2 * 49);

        // Recode: article b's events replaced by differently coded ones.
        s.replace_events("b", &events("b", 2)[..30]).unwrap();
        check(&s);
        // A reprint: its events become mentions of the original's, and count.
        s.insert_article(&article("c", REPORT), &events("c", 3)).unwrap();
        let reprint = REPORT.replace("on Monday", "on Monday morning");
        let r = s.insert_article(&article("d", &reprint), &events("d", 3)).unwrap();
        assert!(matches!(r, Inserted::NearDuplicate { mentions, .. } if mentions > 0), "{r:?}");
        check(&s);
        // An update of a key column moves the event's counts.
        s.conn.execute("UPDATE events SET cameo = '193', event_start = '2024-03-02' WHERE id = 'a:1:9'", []).unwrap();
        check(&s);
        // Deleting an article takes its events' counts with it.
        s.conn.execute("DELETE FROM articles WHERE id = 'a'", []).unwrap();
        check(&s);
        let total: i64 = s.conn.query_row("SELECT sum(n) FROM event_counts WHERE role = 0", [], |r| r.get(0)).unwrap();
        assert_eq!(total, 30 + 49 + 49);
    }

    #[test]
    fn the_migration_back_fills_a_store_written_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path).unwrap();
        s.insert_article(&article("a", "Talks in Doha."), &events("a", 0)).unwrap();
        s.insert_article(&article("b", REPORT), &events("b", 1)).unwrap();
        // Take the store back to the version before the rollup, rows kept.
        let before = crate::schema::MIGRATIONS.iter().position(|m| m.contains("CREATE TABLE event_counts")).unwrap();
        s.conn
            .execute_batch(&format!(
                "DROP TRIGGER event_counts_insert; DROP TRIGGER event_counts_delete;
                 DROP TRIGGER event_counts_update_old; DROP TRIGGER event_counts_update_new;
                 DROP VIEW event_count_keys; DROP TABLE event_counts; PRAGMA user_version = {before};"
            ))
            .unwrap();
        drop(s);
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), crate::schema::MIGRATIONS.len() as i64);
        let total: i64 = s.conn.query_row("SELECT sum(n) FROM event_counts WHERE role = 0", [], |r| r.get(0)).unwrap();
        assert_eq!(total, 2 * 49);
        let nonempty = check(&s);
        assert!(nonempty > 200, "only {nonempty} non-empty counts");
    }

    #[test]
    fn filters_off_its_keys_go_to_the_scan() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path().join("t.db")).unwrap();
        s.insert_article(&article("a", "Talks in Doha."), &events("a", 0)).unwrap();
        let covered = Filter { actor: Some("NER".into()), ..Default::default() };
        assert!(counts(&s.conn, CountBy::Month, &covered).unwrap().is_some());
        assert!(counts(&s.conn, CountBy::ActorPair, &covered).unwrap().is_none());
        let off = [
            Filter { actor: None, ..covered.clone() },
            Filter { country: Some("NER".into()), ..covered.clone() },
            Filter { text: Some("farmers".into()), ..covered.clone() },
            Filter { actor_name: Some("ner".into()), ..covered.clone() },
            Filter { published_from: Some("2024".into()), ..covered.clone() },
            Filter { plover: Some(String::new()), ..covered.clone() },
            Filter { actor: Some(String::new()), ..covered.clone() },
            Filter { actor: Some("NERGOVMILNERGOVMIL".into()), ..covered.clone() },
        ];
        for f in off {
            assert!(counts(&s.conn, CountBy::Day, &f).unwrap().is_none(), "{f:?}");
            // The public entry point still answers, by scanning.
            assert_eq!(s.counts(CountBy::Day, &f).unwrap(), s.counts_by_scan(CountBy::Day, &f).unwrap());
        }
    }
}

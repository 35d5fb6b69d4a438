//! Times a full regroup against regrouping what re-coding a few articles
//! touched, on a store made by the `synth` example.
//!
//! ```text
//! cargo run --release -p annals-store --example regroup -- --db big.db [--articles 10]
//! ```
//!
//! It re-stores the events of the first N articles unchanged (so each is
//! stored anew, after all others, as a recode would) and regroups what they
//! touched; then it regroups the whole store, and says whether both gave
//! the same grouping. It writes to the database.
//!
//! Measured on a shared 2-core machine, `synth --events 200000` (139,377
//! happenings): a full regroup 21–29 s; 1 article (12 keys) 0.4 s, 10
//! articles (128 keys) 5.4 s, 100 articles (1,220 keys) 8.1 s, each with the
//! full regroup's grouping. Synthetic actors are Zipf-skewed, so a few
//! articles already touch the largest keys; the cost follows the touched
//! keys' sizes, not the store's.

use annals_store::Store;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: regroup --db PATH [--articles N]";
    let (mut db, mut articles) = (None, 10usize);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next(),
            "--articles" => articles = args.next().ok_or(usage)?.parse()?,
            _ => return Err(format!("unknown argument {a:?}; {usage}").into()),
        }
    }
    let mut store = Store::open_existing(db.ok_or(usage)?)?;
    let (_, events) = store.totals()?;
    let clock = Instant::now();
    let n = store.regroup()?;
    println!("full regroup of {events} events: {n} happenings in {:.2} s", clock.elapsed().as_secs_f64());
    let ids: Vec<String> = store
        .connection()
        .prepare("SELECT id FROM articles ORDER BY rowid LIMIT ?1")?
        .query_map([articles as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let stored = ids.iter().map(|id| store.article_events(id)).collect::<Result<Vec<_>, _>>()?;
    let clock = Instant::now();
    let mut b = store.batch(ids.len());
    for (id, events) in ids.iter().zip(&stored) {
        b.replace(id, events)?;
    }
    b.finish()?;
    let replaced = clock.elapsed().as_secs_f64();
    let clock = Instant::now();
    let keys = store.regroup_touched()?;
    println!(
        "{} article(s) replaced in {replaced:.3} s; their {keys} key(s) regrouped in {:.3} s",
        ids.len(),
        clock.elapsed().as_secs_f64()
    );
    let partial = fingerprint(&store)?;
    let clock = Instant::now();
    store.regroup()?;
    println!("full regroup again: {:.2} s", clock.elapsed().as_secs_f64());
    println!("same grouping as the full regroup: {}", fingerprint(&store)? == partial);
    Ok(())
}

/// A digest of every event's happening and every happening's columns, with
/// happenings named by the event that started them instead of by id.
fn fingerprint(store: &Store) -> rusqlite::Result<u64> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let c = store.connection();
    let mut st =
        c.prepare("SELECT e.id, h.event FROM events e LEFT JOIN happenings h ON h.id = e.happening ORDER BY e.id")?;
    for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))? {
        r?.hash(&mut h);
    }
    let mut st = c.prepare(
        "SELECT event || '|' || cameo_root || '|' || source_code || '|' || target_code || '|' || place || '|' || year
           || '|' || date_value || '|' || date_precision || '|' || mentions || '|' || articles || '|' || outlets
           || '|' || coalesce(first_seen, '') || '|' || coalesce(last_seen, '') FROM happenings ORDER BY event",
    )?;
    for r in st.query_map([], |r| r.get::<_, String>(0))? {
        r?.hash(&mut h);
    }
    Ok(h.finish())
}

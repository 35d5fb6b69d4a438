//! Synthesises a large store for query benchmarks (`bench/store_query.sh`).
//!
//! ```text
//! cargo run --release -p annals-store --example synth -- --db big.db [--events 10000000] [--no-fts]
//! ```
//!
//! The rows look like coded news: ~250 actor codes (country, or country and
//! sector) drawn with Zipf-like frequencies (rank r has weight 1/r), CAMEO
//! codes likewise skewed, event dates over 2015–2024 (90% to the day, 6% to
//! the month, 4% to the year), three-quarters of events with a target, ten
//! events per article. Each row carries a small but valid JSON record, so
//! `annals query` can list it.
//!
//! Speed: the schema comes from [`Store::open`]; the events' indexes and
//! triggers are dropped, the rows inserted in one transaction (typed
//! records through the store's own row writers, so the column mapping
//! exists once), then the indexes re-created (one sort each, much
//! faster than keeping them up to date row by row), the full-text index
//! and the count rollup rebuilt. The database ends in WAL mode like any store.
//!
//! `--no-fts` saves the full-text rebuild for benchmarks that only read: its
//! full-text index stays empty while the triggers that keep it stay in place,
//! so deleting or re-coding events in such a store fails ("database disk image
//! is malformed", SQLite's word for an index out of step with its table).

use annals_store::calendar::civil_from_days as civil;
use annals_store::{rollup, write_article_row, write_event_rows, ArticleRow, Store};
use std::time::Instant;

const COUNTRIES: [&str; 50] = [
    "USA", "RUS", "CHN", "GBR", "FRA", "DEU", "ISR", "PSE", "IRN", "IRQ", "SYR", "UKR", "TUR", "IND", "PAK", "AFG",
    "EGY", "SAU", "NGA", "KEN", "ETH", "SDN", "SOM", "LBY", "MLI", "NER", "TCD", "BFA", "COD", "ZAF", "BRA", "MEX",
    "COL", "VEN", "ARG", "PER", "JPN", "KOR", "PRK", "IDN", "PHL", "MMR", "THA", "VNM", "BGD", "LBN", "JOR", "YEM",
    "QAT", "ARE",
];
const SECTORS: [&str; 5] = ["", "GOV", "MIL", "REB", "CVL"];
/// CAMEO code, name, quad class, Goldstein score, PLOVER category.
const CAMEO: [(&str, &str, i64, f64, &str); 16] = [
    ("040", "Consult", 1, 1.0, "CONSULT"),
    ("042", "Make a visit", 1, 1.9, "CONSULT"),
    ("043", "Host a visit", 1, 2.8, "CONSULT"),
    ("010", "Make statement", 1, 0.0, "CONSULT"),
    ("051", "Praise or endorse", 1, 3.4, "SUPPORT"),
    ("057", "Sign formal agreement", 1, 8.0, "AGREE"),
    ("112", "Accuse", 3, -2.0, "ACCUSE"),
    ("111", "Criticize or denounce", 3, -2.0, "ACCUSE"),
    ("130", "Threaten", 3, -4.4, "THREATEN"),
    ("141", "Demonstrate or rally", 3, -6.5, "PROTEST"),
    ("173", "Arrest, detain", 4, -5.0, "COERCE"),
    ("190", "Use conventional military force", 4, -10.0, "ASSAULT"),
    ("193", "Fight with small arms", 4, -10.0, "ASSAULT"),
    ("0841", "Return, release person(s)", 2, 7.0, "CONCEDE"),
    ("071", "Provide economic aid", 2, 7.4, "AID"),
    ("163", "Impose embargo or sanctions", 4, -8.0, "SANCTION"),
];
const MODES: [&str; 4] = ["asserted", "asserted", "asserted", "negated"];
const FIRST_DAY: i64 = 16_436; // 2015-01-01
const DAYS: i64 = 3_653; // to 2024-12-31

/// xorshift64*: fast, reproducible, good enough for benchmark data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Cumulative Zipf weights (rank r has weight 1/r) for drawing by rank.
fn zipf(n: usize) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = (1..=n)
        .map(|r| {
            acc += 1.0 / r as f64;
            acc
        })
        .collect();
    for c in &mut cdf {
        *c /= acc;
    }
    cdf
}

fn draw(cdf: &[f64], rng: &mut Rng) -> usize {
    let u = rng.unit();
    cdf.partition_point(|&c| c < u).min(cdf.len() - 1)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = None;
    let mut events: u64 = 10_000_000;
    let mut fts = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next(),
            "--events" => events = args.next().ok_or("--events needs a number")?.parse()?,
            "--no-fts" => fts = false,
            _ => return Err(format!("unknown argument {a:?}; usage: synth --db PATH [--events N] [--no-fts]").into()),
        }
    }
    let db = db.ok_or("usage: synth --db PATH [--events N] [--no-fts]")?;
    if std::path::Path::new(&db).exists() {
        return Err(format!("{db}: exists; synth writes a fresh database").into());
    }
    let clock = Instant::now();
    let store = Store::open(&db)?;
    let conn = store.connection();
    // A fresh file loaded in one transaction needs no journal for new pages.
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "cache_size", -1_000_000)?;
    let saved: Vec<(String, String, String)> = {
        let mut st = conn.prepare(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'events' AND type IN ('index', 'trigger')
             AND sql IS NOT NULL",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (kind, name, _) in &saved {
        conn.execute_batch(&format!("DROP {} \"{}\"", kind.to_uppercase(), name))?;
    }

    let mut actors: Vec<String> = Vec::new();
    'fill: for s in SECTORS {
        for c in COUNTRIES {
            actors.push(format!("{c}{s}"));
            if actors.len() == 250 {
                break 'fill;
            }
        }
    }
    // Spread ranks so popular codes are not all bare countries.
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for i in (1..actors.len()).rev() {
        actors.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let actor_cdf = zipf(actors.len());
    // The codes by rank, for the benchmark script to pick popular and rare ones.
    let ranking: String = actors.iter().enumerate().map(|(i, a)| format!("{} {a}\n", i + 1)).collect();
    std::fs::write(format!("{db}.actors.txt"), ranking)?;
    let cameo_cdf = zipf(CAMEO.len());

    conn.execute_batch("BEGIN")?;
    let per_article = 10;
    let mut day_article = 0;
    for i in 0..events {
        let a = i / per_article;
        if i % per_article == 0 {
            day_article = FIRST_DAY + rng.below(DAYS as u64) as i64;
            let (y, m, d) = civil(day_article);
            let article = ArticleRow {
                id: format!("s{a}"),
                url: None,
                title: None,
                outlet: Some("synth".into()),
                published: Some(format!("{y:04}-{m:02}-{d:02}")),
                text: format!("Synthetic article {a}."),
            };
            write_article_row(conn, &article, &format!("{a:032x}"), None, None)?;
        }
        let src = &actors[draw(&actor_cdf, &mut rng)];
        let tgt = (rng.below(4) != 0).then(|| &actors[draw(&actor_cdf, &mut rng)]);
        let (cameo, cname, quad, gold, plover) = CAMEO[draw(&cameo_cdf, &mut rng)];
        let mode = MODES[rng.below(MODES.len() as u64) as usize];
        // Most events happen within a few days before publication.
        let (y, m, d) = civil(day_article - rng.below(4) as i64);
        let p = rng.below(100);
        // (The first and last days a date means come from the record.)
        let (date, precision) = if p < 90 {
            (format!("{y:04}-{m:02}-{d:02}"), "day")
        } else if p < 96 {
            (format!("{y:04}-{m:02}"), "month")
        } else {
            (format!("{y:04}"), "year")
        };
        let id = format!("s{a}:1:{}", i % per_article + 1);
        let sentence = match tgt {
            Some(t) => format!("{src} met {t}."),
            None => format!("{src} met."),
        };
        let actor = |c: &str| serde_json::json!({"text": c, "code": c, "name": c, "country": &c[..3]});
        let record = serde_json::json!({
            "id": id, "article": format!("s{a}"), "sentence": 1, "text": sentence,
            "trigger": {"text": "met", "start": 0, "end": 3},
            "source": actor(src), "target": tgt.map(|t| actor(t)),
            "cameo": cameo, "cameo_name": cname, "quad_class": quad, "goldstein": gold,
            "plover": plover, "plover_mode": null, "mode": mode,
            "date": {"value": date, "precision": precision, "basis": "publication"},
            "historical": false, "confidence": 0.7
        });
        // The typed record, stored through the store's one column mapping.
        let event: annals_store::Event =
            serde_json::from_value(record).map_err(|e| format!("synthetic record: {e}"))?;
        write_event_rows(conn, &format!("s{a}"), None, std::slice::from_ref(&event))?;
        if (i + 1) % 1_000_000 == 0 {
            eprintln!("synth: {} events, {:.0} s", i + 1, clock.elapsed().as_secs_f64());
        }
    }
    conn.execute_batch("COMMIT")?;
    let inserted = clock.elapsed();
    eprintln!("synth: {events} events inserted in {:.0} s; re-creating indexes", inserted.as_secs_f64());
    for (_, _, sql) in saved.iter().filter(|s| s.0 == "index") {
        conn.execute_batch(sql)?;
    }
    let indexed = clock.elapsed();
    eprintln!("synth: indexes in {:.0} s", (indexed - inserted).as_secs_f64());
    if fts {
        conn.execute_batch("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")?;
        eprintln!("synth: full-text index in {:.0} s", (clock.elapsed() - indexed).as_secs_f64());
    }
    for (_, _, sql) in saved.iter().filter(|s| s.0 == "trigger") {
        conn.execute_batch(sql)?;
    }
    let triggered = clock.elapsed();
    rollup::rebuild(conn)?;
    eprintln!("synth: count rollup in {:.0} s", (clock.elapsed() - triggered).as_secs_f64());
    // No ANALYZE: a store written by `annals ingest` has no statistics
    // either, and the benchmark should see the plans users get.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    let size = std::fs::metadata(&db)?.len();
    println!(
        "synth: {events} events, {} articles, {:.1} GB, {:.0} s in all",
        events.div_ceil(per_article),
        size as f64 / 1e9,
        clock.elapsed().as_secs_f64()
    );
    Ok(())
}

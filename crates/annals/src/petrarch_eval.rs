//! `annals eval petrarch RECORDS.xml`: PETRARCH's own validation records.
//!
//! The file's `<Environment>` names the dictionaries to load (from
//! `--dictionary-dir`, else `../dictionaries` beside the file). Each
//! `<Sentence>`'s `<Text>` is coded from raw text by annals' own parser (the
//! record's `<Parse>` is never read), dated by the record's `date`, and its
//! (source, target, CAMEO code) triples are compared with the record's
//! `<EventCoding>`s, as PETRARCH's suite does: a `noevents` record must
//! yield nothing; an `error` record is skipped and counted. A triple
//! matches when all three codes are equal; an event no expected triple
//! matches is an extra; a record is exact when it has no miss and no
//! extra.

use annals_code::dict::petrarch::Environment;
use annals_engine::dictionaries::load_petrarch;
use annals_engine::{Dictionaries, Engine};
use anyhow::{bail, Context, Result};
use quick_xml::events::Event as Xml;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The validation records (`PETR.UnitTest.records.*.xml`).
    pub records: PathBuf,
    /// Where the dictionaries the records' `<Environment>` names are;
    /// default `../dictionaries` beside the records file.
    #[arg(long)]
    pub dictionary_dir: Option<PathBuf>,
    /// Fail (exit 1) when fewer than this percentage of expected triples match.
    #[arg(long)]
    pub min_matched: Option<f64>,
    /// Fail when extra events exceed this percentage of the records.
    #[arg(long)]
    pub max_extra: Option<f64>,
    /// Print each record that is not exact, with what was expected and found.
    #[arg(long)]
    pub show_errors: bool,
    /// Stop at the first malformed dictionary line.
    #[arg(long)]
    pub strict: bool,
}

/// One validation record.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub category: String,
    pub date: Option<(i32, u8, u8)>,
    pub text: String,
    /// (source, target, code).
    pub expected: Vec<(String, String, String)>,
    pub noevents: bool,
    pub error: Option<String>,
    /// PETRARCH options a `<Config option=".." value="..">` sets from this
    /// record on (inside it or before it), as PETRARCH applies them.
    pub config: Vec<(String, String)>,
}

/// The records file: its environment and records.
pub fn read_records(xml: &str) -> Result<(Environment, Vec<Record>)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut env = Environment::default();
    let mut records = Vec::new();
    let mut cur: Option<Record> = None;
    let mut pending: Vec<(String, String)> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let attrs = |e: &quick_xml::events::BytesStart| -> BTreeMap<String, String> {
        e.attributes()
            .flatten()
            .map(|a| {
                let k = a.key.as_ref().to_lowercase();
                let v =
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default();
                (k, v)
            })
            .collect()
    };
    loop {
        let ev = reader.read_event().with_context(|| format!("XML at byte {}", reader.buffer_position()))?;
        let empty = matches!(ev, Xml::Empty(_));
        match ev {
            Xml::Start(e) | Xml::Empty(e) => {
                let name = e.name().as_ref().to_string();
                let a = attrs(&e);
                match name.as_str() {
                    "Sentence" => {
                        let date = a.get("date").and_then(|d| {
                            let d = d.trim();
                            (d.len() == 8)
                                .then(|| Some((d[..4].parse().ok()?, d[4..6].parse().ok()?, d[6..8].parse().ok()?)))?
                        });
                        cur = Some(Record {
                            id: a.get("id").cloned().unwrap_or_default(),
                            category: a.get("category").cloned().unwrap_or_default(),
                            date,
                            config: std::mem::take(&mut pending),
                            ..Record::default()
                        });
                    }
                    "Config" if !path.iter().any(|p| p == "Environment") => {
                        let opt =
                            (a.get("option").cloned().unwrap_or_default(), a.get("value").cloned().unwrap_or_default());
                        match cur.as_mut() {
                            Some(r) => r.config.push(opt),
                            None => pending.push(opt),
                        }
                    }
                    "EventCoding" => {
                        if let Some(r) = cur.as_mut() {
                            if a.get("noevents").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                                r.noevents = true;
                            } else if let Some(err) = a.get("error") {
                                r.error = Some(err.clone());
                            } else {
                                let g = |k: &str| a.get(k).cloned().unwrap_or_default().trim().to_uppercase();
                                r.expected.push((g("sourcecode"), g("targetcode"), g("eventcode")));
                            }
                        }
                    }
                    _ => {}
                }
                if !empty {
                    path.push(name);
                    text.clear();
                }
            }
            Xml::Text(t) => text.push_str(&t.xml10_content()),
            Xml::CData(t) => text.push_str(&t.xml10_content()),
            Xml::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                text.extend(c);
            }
            Xml::End(e) => {
                let name = e.name().as_ref().to_string();
                let in_env = path.iter().any(|p| p == "Environment");
                let value = text.trim().to_string();
                match name.as_str() {
                    "Verbfile" if in_env => env.verbs = Some(value),
                    "Actorfile" if in_env => env.actors.extend(value.split(',').map(|s| s.trim().to_string())),
                    "Agentfile" if in_env => env.agents = Some(value),
                    "Discardfile" if in_env => env.discards = Some(value),
                    "Text" => {
                        if let Some(r) = cur.as_mut() {
                            r.text = value.split_whitespace().collect::<Vec<_>>().join(" ");
                        }
                    }
                    "Sentence" => records.extend(cur.take()),
                    _ => {}
                }
                path.pop();
                text.clear();
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    Ok((env, records))
}

/// Counts for one category (or all).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub records: usize,
    pub expected: usize,
    pub matched: usize,
    pub exact: usize,
    pub extra: usize,
}

/// Scores one record: (matched, extra), from expected and found triples.
pub fn score(expected: &[(String, String, String)], found: &[(String, String, String)]) -> (usize, usize) {
    let mut left: Vec<&(String, String, String)> = found.iter().collect();
    let mut matched = 0;
    for e in expected {
        if let Some(k) = left.iter().position(|f| *f == e) {
            left.remove(k);
            matched += 1;
        }
    }
    (matched, left.len())
}

/// The suite's categories, in the order the table prints them.
const CATEGORIES: [&str; 10] =
    ["DEMO", "ACTOR", "AGENT", "VERB", "COMPOUND", "PATTERN", "SYNSET", "MODIFY", "DATE", "PARSING"];

fn category(c: &str) -> String {
    match c.to_uppercase().as_str() {
        "AGENTS" => "AGENT".into(),
        other => other.to_string(),
    }
}

pub fn run(a: Args) -> Result<bool> {
    let xml = std::fs::read_to_string(&a.records).with_context(|| format!("reading {}", a.records.display()))?;
    let (env, records) = read_records(&xml).with_context(|| a.records.display().to_string())?;
    if env.verbs.is_none() && env.actors.is_empty() {
        bail!("{}: no <Environment> naming dictionaries", a.records.display());
    }
    let dir = a
        .dictionary_dir
        .clone()
        .unwrap_or_else(|| a.records.parent().unwrap_or(Path::new(".")).join("../dictionaries"));
    let mut skipped_lines = Vec::new();
    let clock = std::time::Instant::now();
    let (dicts, fingerprint) = load_petrarch(&dir, &env, a.strict, &mut skipped_lines)?;
    let skipped = crate::report_skipped_lines(&skipped_lines);
    eprintln!(
        "annals: PETRARCH dictionaries from {} in {:.0} ms: {} verb patterns, {} actor entries, {} agents, {} discards ({} lines skipped)",
        dir.display(),
        clock.elapsed().as_secs_f64() * 1e3,
        dicts.verbs.patterns,
        dicts.actors.len(),
        dicts.agents.len(),
        dicts.discards.len(),
        skipped
    );
    let engine = Engine::with_dictionaries(Dictionaries::petrarch(dicts, fingerprint), false)?;
    let mut by_cat: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let (mut errors, mut crashes) = (0, 0);
    for r in &records {
        for (option, value) in &r.config {
            if option == "require_dyad" {
                if let Some(p) = engine.dictionaries().petrarch_dictionaries() {
                    p.set_require_dyad(!value.to_lowercase().contains("false"));
                }
            }
        }
        if r.error.is_some() {
            errors += 1;
            continue;
        }
        let date = r.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
        let coded =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.code(&r.id, &r.text, date.as_deref())));
        let events = match coded {
            Ok(e) => e,
            Err(_) => {
                crashes += 1;
                eprintln!("annals: record {} crashed the coder", r.id);
                Vec::new()
            }
        };
        let code = |x: &Option<annals_code::event::ActorRef>| {
            x.as_ref().and_then(|a| a.code.clone()).unwrap_or_else(|| "---".into())
        };
        let mut found: Vec<(String, String, String)> =
            events.iter().map(|e| (code(&e.source), code(&e.target), e.cameo.clone())).collect();
        found.sort();
        found.dedup();
        let (matched, extra) = score(&r.expected, &found);
        let exact = matched == r.expected.len() && extra == 0;
        let t = by_cat.entry(category(&r.category)).or_default();
        for t in [t, &mut total] {
            t.records += 1;
            t.expected += r.expected.len();
            t.matched += matched;
            t.extra += extra;
            t.exact += usize::from(exact);
        }
        if a.show_errors && !exact {
            println!("{} [{}] {}", r.id, r.category, r.text);
            println!("    expected {:?}", r.expected);
            println!("    found    {found:?}");
        }
    }
    println!(
        "{:<10} {:>7} {:>8} {:>8} {:>7} {:>6} {:>6}",
        "category", "records", "expected", "matched", "%", "exact", "extra"
    );
    let mut cats: Vec<String> = CATEGORIES.iter().map(|s| s.to_string()).collect();
    cats.extend(by_cat.keys().filter(|k| !CATEGORIES.contains(&k.as_str())).cloned());
    for c in cats {
        let t = by_cat.get(&c).copied().unwrap_or_default();
        let pct = 100.0 * t.matched as f64 / t.expected.max(1) as f64;
        println!(
            "{c:<10} {:>7} {:>8} {:>8} {:>7.1} {:>6} {:>6}",
            t.records, t.expected, t.matched, pct, t.exact, t.extra
        );
    }
    let matched_pct = 100.0 * total.matched as f64 / total.expected.max(1) as f64;
    let extra_pct = 100.0 * total.extra as f64 / total.records.max(1) as f64;
    println!(
        "matched {matched_pct:.1}% of expected triples; extra events {extra_pct:.1}% of records; {errors} error records skipped; {crashes} crashes"
    );
    println!(
        "records={} expected={} matched={} exact_records={} extra={}",
        total.records, total.expected, total.matched, total.exact, total.extra
    );
    let mut ok = crashes == 0;
    if let Some(m) = a.min_matched {
        if matched_pct < m {
            eprintln!("annals: PETRARCH matched {matched_pct:.2}% is below the target {m:.2}");
            ok = false;
        }
    }
    if let Some(m) = a.max_extra {
        if extra_pct > m {
            eprintln!("annals: PETRARCH extra events {extra_pct:.2}% of records is above the limit {m:.2}");
            ok = false;
        }
    }
    Ok(ok && (!a.strict || skipped == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Validation>
<!-- a comment -->
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A.txt</Actorfile>
    <Agentfile>G.txt</Agentfile>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore ties
 with Gondor &amp; Rohan.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Config option="require_dyad" value="False"></Config>
<Sentence date="19950102" id="X-01" category="AGENTS">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing.</Text>
</Sentence>
<Sentence date="bad" id="E-1" category="ERROR">
<EventCoding error="dateline"></EventCoding>
<Text>x</Text>
</Sentence>
</Sentences>
</Validation>"#;

    #[test]
    fn reads_environment_and_records() {
        let (env, recs) = read_records(XML).unwrap();
        assert_eq!(env.verbs.as_deref(), Some("V.txt"));
        assert_eq!(env.actors, ["A.txt"]);
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].text, "Arnor is about to restore ties with Gondor & Rohan.");
        assert_eq!(recs[0].expected, [("ARN".into(), "GON".into(), "064".into())]);
        assert_eq!(recs[0].date, Some((1995, 1, 1)));
        assert!(recs[1].noevents && recs[1].expected.is_empty());
        assert!(recs[0].config.is_empty(), "the environment's options are not a record's");
        assert_eq!(recs[1].config, [("require_dyad".to_string(), "False".to_string())]);
        assert_eq!(category(&recs[1].category), "AGENT");
        assert_eq!((recs[2].error.as_deref(), recs[2].date), (Some("dateline"), None));
    }

    #[test]
    fn scoring_counts_matches_and_extras() {
        let t = |s: &str, g: &str, c: &str| (s.to_string(), g.to_string(), c.to_string());
        assert_eq!(score(&[t("A", "B", "1"), t("B", "A", "2")], &[t("A", "B", "1"), t("A", "C", "1")]), (1, 1));
        assert_eq!(score(&[], &[t("A", "B", "1")]), (0, 1));
        assert_eq!(score(&[t("A", "B", "1")], &[]), (0, 0));
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(read_records("<Validation><Sentence id='x'><Text>a</Sentence>").is_err());
    }
}

//! Near-duplicates, mentions, happenings and the GDELT export, through the
//! store's public API on temp databases, with hand-made rows.

mod common;

use annals_store::{gdelt, schema, ArticleRow, Event, Filter, Happening, Inserted, Store};
use serde_json::json;

/// An invented wire report of about 300 words.
const REPORT: &str = "Negotiators for the government of Niger and the Sahel Patriotic Front met in Doha on Tuesday \
for a third round of talks hosted by Qatar, according to two officials who spoke on condition of anonymity. \
The delegations spent most of the day on a ceasefire along the border with Mali, where clashes between the army \
and the armed group have displaced thousands of families since the spring.\n\
Under a draft seen by reporters, the government would free several hundred prisoners held in jails around the \
capital, Niamey, while the front would hand over soldiers it captured during an attack on a garrison near Ayorou \
last year. The draft also foresees a joint commission to monitor the truce, chaired by a Qatari diplomat and \
including observers from the African Union.\n\
A spokesman for the front said the movement was ready to sign if the army pulled back from three villages it \
occupied in January. The defence ministry did not answer calls seeking comment. A previous agreement, mediated \
by Algeria, collapsed within weeks when both sides accused each other of violations, and fighting resumed \
around the river towns.\n\
Residents of Tillaberi told local radio that markets had reopened and that buses were running again between \
the towns of the region for the first time in months. Aid groups warned, however, that food stocks were low \
and that the rainy season would soon cut several roads used to bring supplies from the south.\n\
Diplomats in Doha described the mood of the talks as serious but cautious. One of them said a final text could \
be ready before the end of the month, provided that the two delegations agreed on the sequence of the prisoner \
releases and the withdrawal of troops. Qatar has hosted several rounds of negotiations on conflicts in the \
region over the past decade, often with little publicity until an agreement was announced.";

/// The report as another outlet ran it: three words changed, a paragraph added.
fn reprint() -> String {
    let t = REPORT
        .replace("spent most of the day on", "spent much of the day discussing")
        .replace("did not answer calls", "did not return calls");
    format!(
        "{t}\nThe talks are expected to resume on Thursday, a Qatari official said, after the delegations consult \
         their leaders in Niamey and in the field."
    )
}

/// An article of `outlet`, its URL under the outlet's domain.
fn article(id: &str, outlet: Option<&str>, published: &str, text: &str) -> ArticleRow {
    ArticleRow {
        url: Some(format!("https://{}/{id}", outlet.unwrap_or("unknown.example"))),
        outlet: outlet.map(String::from),
        ..common::article(id, published, text)
    }
}

/// An event record; `n` numbers it within its article, `sentence` is its text.
#[allow(clippy::too_many_arguments)]
fn event(
    article: &str,
    n: usize,
    src: &str,
    tgt: &str,
    cameo: &str,
    mode: &str,
    date: (&str, &str),
    historical: bool,
    sentence: &str,
) -> Event {
    let place = json!({"text": "Doha", "name": "Doha", "country": "QAT", "lat": 25.28, "lon": 51.52,
                       "geonames_id": 290030});
    // The GDELT mentions test reads these offsets.
    let mut target = common::actor(tgt, tgt, tgt);
    (target["start"], target["end"]) = (json!(20), json!(20 + tgt.len()));
    let fields = json!({
        "text": sentence, "trigger": {"text": "met", "start": 10, "end": 13},
        "source": common::actor(src, src, src), "target": target,
        "cameo": cameo, "mode": mode, "date": common::date(date.0, date.1), "historical": historical, "place": place
    });
    common::event(article, n, 1, fields)
}

const MET: &str = "Negotiators for the government of Niger and the Sahel Patriotic Front met in Doha on Tuesday.";
const FREE: &str = "Under a draft seen by reporters, the government would free several hundred prisoners.";

/// The report's events: the talks (asserted), a proposed release.
fn report_events(id: &str, day: &str) -> Vec<Event> {
    vec![
        event(id, 1, "NERGOV", "NERREB", "040", "asserted", (day, "day"), false, MET),
        event(id, 2, "NERGOV", "NERREB", "0841", "proposed", (day, "day"), false, FREE),
    ]
}

fn happening_of(store: &Store, event: &str) -> Option<i64> {
    store.connection().query_row("SELECT happening FROM events WHERE id = ?1", [event], |r| r.get(0)).unwrap()
}

fn all(store: &Store) -> Vec<Happening> {
    store.happenings(&Filter::default()).unwrap()
}

#[test]
fn a_lightly_edited_reprint_is_linked_and_its_events_become_mentions() {
    let (_dir, mut store) = common::temp_store();
    let a = article("wire-1", Some("wire.example"), "2024-03-13", REPORT);
    assert_eq!(store.insert_article(&a, &report_events("wire-1", "2024-03-12")).unwrap(), Inserted::New { events: 2 });
    // The reprint ran a day later, so "on Tuesday" might resolve elsewhere: the
    // mention follows the original all the same.
    let b = article("daily-7", Some("daily.example"), "2024-03-14", &reprint());
    let r = store.insert_article(&b, &report_events("daily-7", "2024-03-13")).unwrap();
    assert_eq!(r, Inserted::NearDuplicate { original: "wire-1".into(), events: 2, mentions: 2 });
    let (of, jac): (Option<String>, f64) = store
        .connection()
        .query_row("SELECT near_duplicate_of, near_duplicate_jaccard FROM articles WHERE id = 'daily-7'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(of.as_deref(), Some("wire-1"));
    assert!((0.8..1.0).contains(&jac), "{jac}");
    let mention: Option<String> = store
        .connection()
        .query_row("SELECT mention_of FROM events WHERE id = 'daily-7:1:1'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mention.as_deref(), Some("wire-1:1:1"));
    assert_eq!(store.totals().unwrap(), (2, 4), "the reprint and its events are stored");

    let h = all(&store);
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!((h[0].mentions, h[0].articles, h[0].outlets), (2, 2, 2));
    assert_eq!((h[0].first_seen.as_deref(), h[0].last_seen.as_deref()), (Some("2024-03-13"), Some("2024-03-14")));
    assert_eq!((h[0].date.as_str(), h[0].event.as_str()), ("2024-03-12", "wire-1:1:1"));
    // The proposed release is a mention too, but of no happening.
    assert_eq!(happening_of(&store, "daily-7:2:1"), None);

    // A reprint of the reprint links to the first report, not to the reprint.
    let c = article("blog-3", None, "2024-03-15", &format!("{} Posted by a reader.", reprint()));
    let r = store.insert_article(&c, &report_events("blog-3", "2024-03-12")).unwrap();
    assert!(matches!(r, Inserted::NearDuplicate { ref original, .. } if original == "wire-1"), "{r:?}");
    let h = all(&store);
    assert_eq!((h[0].mentions, h[0].articles, h[0].outlets), (3, 3, 3));
}

#[test]
fn identical_text_is_still_an_exact_duplicate_and_unrelated_text_is_not_linked() {
    let (_dir, mut store) = common::temp_store();
    store.insert_article(&article("a", Some("x"), "2024-03-13", REPORT), &[]).unwrap();
    let same = article("b", Some("y"), "2024-03-13", &REPORT.to_uppercase());
    assert!(matches!(store.insert_article(&same, &[]).unwrap(), Inserted::Duplicate { .. }));
    let other = REPORT.split_whitespace().rev().collect::<Vec<_>>().join(" ");
    let r = store.insert_article(&article("c", Some("y"), "2024-03-13", &other), &[]).unwrap();
    assert_eq!(r, Inserted::New { events: 0 }, "the same words in another order share no shingles");
    let unrelated = "Floods in the south of the country destroyed hundreds of homes on Sunday, the civil protection \
                     agency said, and rescue teams were still searching for people missing in two villages.";
    let r = store.insert_article(&article("d", Some("y"), "2024-03-13", unrelated), &[]).unwrap();
    assert_eq!(r, Inserted::New { events: 0 });
}

#[test]
fn reports_of_one_happening_group_but_history_and_proposals_do_not() {
    let (_dir, mut store) = common::temp_store();
    let met = |id: &str, n: usize, date: (&str, &str), mode: &str, historical: bool| {
        event(id, n, "NERGOV", "NERREB", "042", mode, date, historical, &format!("Sentence {n} of {id}."))
    };
    let a = article("a", Some("one.example"), "2024-03-13", "Officials met rebels in Doha on Tuesday.");
    let b = article("b", Some("two.example"), "2024-03-14", "Talks in the Qatari capital went on this week.");
    let c = article("c", None, "2024-03-20", "Leaders of both sides met in Doha in 2011 as well.");
    store.insert_article(&a, &[met("a", 1, ("2024-03-12", "day"), "asserted", false)]).unwrap();
    // Another outlet, a coarser date and another CAMEO code of the same root.
    let mut e = met("b", 1, ("2024-03", "month"), "asserted", false);
    e.cameo = "040".into();
    store.insert_article(&b, &[e, met("b", 2, ("2024-03-12", "day"), "proposed", false)]).unwrap();
    store
        .insert_article(
            &c,
            &[met("c", 1, ("2011", "year"), "asserted", true), met("c", 2, ("2024-03-12", "day"), "asserted", false)],
        )
        .unwrap();
    let h = all(&store);
    assert_eq!(h.len(), 2, "{h:?}");
    let today = happening_of(&store, "a:1:1").unwrap();
    assert_eq!(happening_of(&store, "b:1:1"), Some(today));
    assert_eq!(happening_of(&store, "c:2:1"), Some(today));
    assert_eq!(happening_of(&store, "b:2:1"), None, "a proposed event joins no happening");
    let past = happening_of(&store, "c:1:1").unwrap();
    assert_ne!(past, today, "2011 background is not today's happening");
    let now = h.iter().find(|h| h.id == today).unwrap();
    // Article c has no outlet: it counts as one of its own.
    assert_eq!((now.mentions, now.articles, now.outlets, now.cameo_root.as_str()), (3, 3, 3, "04"));
    let then = h.iter().find(|h| h.id == past).unwrap();
    assert_eq!((then.date.as_str(), then.mentions), ("2011", 1));
    // Listing with a filter keeps happenings with a matching mention.
    let f = Filter { event_to: Some("2012".into()), ..Default::default() };
    assert_eq!(store.happenings(&f).unwrap().iter().map(|h| h.id).collect::<Vec<_>>(), [past]);
}

/// Each event's id, happening and `mention_of`.
type EventLinks = Vec<(String, Option<i64>, Option<String>)>;

/// Every event's happening and every happening row, for comparisons.
fn snapshot(store: &Store) -> (EventLinks, Vec<Happening>) {
    let mut st = store.connection().prepare("SELECT id, happening, mention_of FROM events ORDER BY seq").unwrap();
    let ev = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    (ev, all(store))
}

/// A small store: two reports of one meeting, a reprint, history, a proposal.
fn fill(store: &mut Store) {
    let mut b = store.batch(2);
    b.insert(&article("wire-1", Some("wire.example"), "2024-03-13", REPORT), &report_events("wire-1", "2024-03-12"))
        .unwrap();
    b.insert(
        &article("daily-7", Some("daily.example"), "2024-03-14", &reprint()),
        &report_events("daily-7", "2024-03-13"),
    )
    .unwrap();
    let other = article("radio-2", Some("radio.example"), "2024-03-12", "Niger's envoys held talks in Doha today.");
    let evs = [
        event("radio-2", 1, "NERGOV", "NERREB", "043", "asserted", ("2024-03", "month"), false, "Envoys held talks."),
        event("radio-2", 2, "NERGOV", "NERREB", "040", "asserted", ("2011", "year"), true, "They met in 2011 too."),
        event("radio-2", 3, "QAT", "NERGOV", "042", "asserted", ("2024-W11", "week"), false, "Qatar hosted them."),
    ];
    b.insert(&other, &evs).unwrap();
    b.finish().unwrap();
}

#[test]
fn regroup_reproduces_the_insert_time_grouping() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    let before = snapshot(&store);
    assert_eq!(before.1.len(), 3, "{:?}", before.1);
    assert_eq!(store.regroup().unwrap(), 3);
    assert_eq!(snapshot(&store), before);
    // Regrouping undoes a stale state too.
    store
        .connection()
        .execute_batch("UPDATE happenings SET mentions = 99; UPDATE events SET happening = NULL")
        .unwrap();
    store.regroup().unwrap();
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_version_1_database_with_rows_migrates_and_is_backfilled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    // The reference: the same rows stored by the current schema.
    let reference = {
        let mut s = Store::open(dir.path().join("ref.db")).unwrap();
        fill(&mut s);
        snapshot(&s)
    };
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(schema::MIGRATIONS[0]).unwrap();
        tx.pragma_update(None, "user_version", 1).unwrap();
        tx.commit().unwrap();
        conn.execute("ATTACH ?1 AS r", [dir.path().join("ref.db").to_str().unwrap()]).unwrap();
        // Copy the V1 columns of the reference rows.
        conn.execute_batch(
            "INSERT INTO articles SELECT id, url, title, outlet, published, text, text_hash, ingested_at, NULL FROM r.articles ORDER BY rowid;
             INSERT INTO events SELECT seq, id, article, sentence, sentence_text, trigger_text, trigger_start, trigger_end,
               source_text, source_code, source_name, source_country, source_sector, target_text, target_code, target_name,
               target_country, target_sector, cameo, cameo_name, quad_class, goldstein, plover, plover_mode, mode,
               attribution_text, attribution_code, attribution_anonymous, quantity_value, quantity_unit, event_date,
               date_precision, date_basis, event_start, event_end, historical, place_text, place_name, place_country,
               lat, lon, geonames_id, confidence, record FROM r.events ORDER BY seq;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    assert_eq!(store.totals().unwrap(), (3, 7));
    assert_eq!(snapshot(&store), reference);
    let linked: String = store
        .connection()
        .query_row("SELECT near_duplicate_of FROM articles WHERE id = 'daily-7'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(linked, "wire-1");
    let pending: i64 =
        store.connection().query_row("SELECT count(*) FROM pending_backfills", [], |r| r.get(0)).unwrap();
    assert_eq!(pending, 0);
}

#[test]
fn gdelt_export_has_61_fields_the_happening_counts_and_its_dates() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    let happenings = all(&store);
    let mut out = Vec::new();
    assert_eq!(gdelt::write_events(&store, &mut out).unwrap(), happenings.len() as u64);
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), happenings.len());
    let col = |name: &str| gdelt::EVENT_COLUMNS.iter().position(|c| *c == name).unwrap();
    for (r, h) in rows.iter().zip(&happenings) {
        assert_eq!(r.len(), 61, "{r:?}");
        assert_eq!(r[col("GlobalEventID")], h.id.to_string());
        assert_eq!(r[col("NumMentions")], h.mentions.to_string());
        assert_eq!(r[col("NumArticles")], h.articles.to_string());
        assert_eq!(r[col("NumSources")], h.outlets.to_string());
        assert_eq!(r[col("EventRootCode")], h.cameo_root);
        // The Day column gives back the happening's date at its precision.
        let day = r[col("Day")];
        let back = match h.precision.as_str() {
            "day" => format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]),
            "month" => format!("{}-{}", &day[..4], &day[4..6]),
            "year" => day[..4].to_string(),
            _ => h.date.clone(),
        };
        assert_eq!(back, h.date, "{r:?}");
        assert_eq!(r[col("MonthYear")], &day[..6]);
        assert_eq!(r[col("Year")], &day[..4]);
        assert!(r[col("FractionDate")].starts_with(&day[..4]));
        assert_eq!(r[col("ActionGeo_FeatureID")], "290030");
        assert_eq!(r[col("DATEADDED")].len(), 14);
    }
    let first = &rows[0];
    assert_eq!(
        (first[col("Actor1Code")], first[col("Actor1CountryCode")], first[col("Actor1Type1Code")]),
        ("NERGOV", "NER", "GOV")
    );
    assert_eq!((first[col("NumMentions")], first[col("NumArticles")]), ("3", "3"));
    assert_eq!(first[col("SOURCEURL")], "https://wire.example/wire-1");

    let mut out = Vec::new();
    let n = gdelt::write_mentions(&store, &mut out).unwrap();
    assert_eq!(n, happenings.iter().map(|h| h.mentions).sum::<u64>());
    let text = String::from_utf8(out).unwrap();
    for l in text.lines() {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), 16, "{l}");
        assert!(happenings.iter().any(|h| h.id.to_string() == f[0]));
        assert_eq!((f[3], f[7], f[8], f[9], f[11]), ("1", "0", "20", "10", "80"));
    }
    assert!(text.contains("\tdaily.example\thttps://daily.example/daily-7\t1\t"), "{text}");
}

/// Each event's id, the event that started its happening, and `mention_of`.
type Named = Vec<(String, Option<String>, Option<String>)>;

/// The events' happenings and the happenings table, each happening named by
/// the event that started it instead of by id: regrouping some keys gives
/// their happenings new ids, and that is all that may differ from a full
/// regroup.
fn by_first_event(store: &Store) -> (Named, Vec<Happening>) {
    let mut st = store
        .connection()
        .prepare("SELECT e.id, h.event, e.mention_of FROM events e LEFT JOIN happenings h ON h.id = e.happening ORDER BY e.seq")
        .unwrap();
    let events = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    let mut happenings: Vec<Happening> = all(store).into_iter().map(|h| Happening { id: 0, ..h }).collect();
    happenings.sort_by(|a, b| a.event.cmp(&b.event));
    (events, happenings)
}

/// An article in a key no recode below touches.
fn far_away(store: &mut Store) -> i64 {
    let far = article("far-1", Some("far.example"), "2024-02-03", "Malian troops shelled a Nigerien post.");
    let e = event("far-1", 1, "MLIMIL", "NERMIL", "190", "asserted", ("2024-02-02", "day"), false, "They shelled it.");
    store.insert_article(&far, &[e]).unwrap();
    happening_of(store, "far-1:1:1").unwrap()
}

#[test]
fn regrouping_what_a_recode_touched_equals_a_full_regroup() {
    let (_dir, mut store) = common::temp_store();
    fill(&mut store);
    let far = far_away(&mut store);
    // A blog reprints the reprint, placing the talks in Qatar only: a key of
    // its own, which matters once its events repeat nothing stored.
    let blog = article("blog-3", None, "2024-03-15", &format!("{} Posted by a reader.", reprint()));
    let mut events = report_events("blog-3", "2024-03-12");
    events.iter_mut().filter_map(|e| e.place.as_mut()).for_each(|p| p.geonames_id = None);
    store.insert_article(&blog, &events).unwrap();
    let talks = happening_of(&store, "wire-1:1:1").unwrap();
    assert_eq!(happening_of(&store, "radio-2:1:1"), Some(talks), "the month report joins the day's talks");

    // A recode: the talks now fall a day earlier; the radio drops its
    // history and codes Qatar's hosting as an agreement.
    let mut b = store.batch(10);
    b.replace("wire-1", &report_events("wire-1", "2024-03-11")).unwrap();
    let radio = [
        event("radio-2", 1, "NERGOV", "NERREB", "043", "asserted", ("2024-03", "month"), false, "Envoys held talks."),
        event("radio-2", 3, "QAT", "NERGOV", "057", "asserted", ("2024-W11", "week"), false, "Qatar hosted them."),
    ];
    b.replace("radio-2", &radio).unwrap();
    b.finish().unwrap();
    assert!(store.regroup_touched().unwrap() >= 3, "the talks, the history and both Qatar keys");
    let partial = by_first_event(&store);
    assert_eq!(happening_of(&store, "far-1:1:1"), Some(far), "an untouched key keeps its happening");

    // Both articles are stored anew, the talks first: they start the
    // happening, a day earlier, and the month report joins them; the
    // reprint's mention, now stored before its original, follows it.
    let now = happening_of(&store, "wire-1:1:1").unwrap();
    assert_eq!(happening_of(&store, "radio-2:1:1"), Some(now));
    assert_eq!(happening_of(&store, "daily-7:1:1"), Some(now), "a mention follows its recoded original");
    let h = all(&store).into_iter().find(|h| h.id == now).unwrap();
    assert_eq!(happening_of(&store, "blog-3:1:1"), Some(now));
    assert_eq!((h.date.as_str(), h.mentions, h.articles), ("2024-03-11", 4, 4));

    store.regroup().unwrap();
    assert_eq!(by_first_event(&store), partial);

    // The original loses its events: the reprint's, no longer mentions of
    // anything stored, group by their own keys.
    store.replace_events("wire-1", &[]).unwrap();
    let partial = by_first_event(&store);
    let month = happening_of(&store, "radio-2:1:1");
    assert_eq!(happening_of(&store, "daily-7:1:1"), month, "by its own key, 13 March joins March");
    let qatar = happening_of(&store, "blog-3:1:1");
    assert!(qatar.is_some() && qatar != month, "placed in Qatar only, it is a happening of its own");
    store.regroup().unwrap();
    assert_eq!(by_first_event(&store), partial);

    // And gets them back: the reprint's events are mentions again.
    store.replace_events("wire-1", &report_events("wire-1", "2024-03-12")).unwrap();
    let partial = by_first_event(&store);
    assert_eq!(happening_of(&store, "daily-7:1:1"), happening_of(&store, "wire-1:1:1"));
    store.regroup().unwrap();
    assert_eq!(by_first_event(&store), partial);
    assert_eq!(store.regroup_touched().unwrap(), 0, "nothing replaced since");
}

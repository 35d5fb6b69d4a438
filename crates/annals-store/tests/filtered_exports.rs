//! Exports restricted by a query filter, and the GDELT geo columns' FIPS
//! country codes, on a small hand-made store.

use annals_store::gdelt::{self, GeoCodes};
use annals_store::{ArticleRow, Event, Filter, Store};
use serde_json::json;

/// A place: text and name, ISO alpha-3 country, GeoNames id (0: country only).
type Place<'a> = (&'a str, &'a str, i64);

/// An asserted or other event record with the fields these tests vary.
#[allow(clippy::too_many_arguments)]
fn event(id: &str, src: &str, tgt: &str, cameo: &str, mode: &str, date: &str, place: Place, text: &str) -> Event {
    let actor = |c: &str| {
        json!({"text": c, "start": 0, "end": 3, "code": c, "name": format!("name of {c}"),
               "country": &c[..3], "sector": c.get(3..6)})
    };
    let (name, country, geonames) = place;
    let place = if geonames > 0 {
        json!({"text": name, "name": name, "country": country, "lat": 1.5, "lon": 2.5, "geonames_id": geonames})
    } else {
        json!({"text": name, "name": name, "country": country, "lat": null, "lon": null, "geonames_id": null})
    };
    let article = id.split(':').next().unwrap();
    let j = json!({
        "id": id, "article": article, "sentence": 1, "text": text,
        "trigger": {"text": "met", "start": 4, "end": 7},
        "source": actor(src), "target": actor(tgt),
        "cameo": cameo, "cameo_name": null, "quad_class": 1, "goldstein": 1.0, "plover": "CONSULT",
        "plover_mode": null, "mode": mode, "attribution": null, "quantity": null,
        "date": {"value": date, "precision": "day", "basis": "explicit"}, "historical": false,
        "place": place, "confidence": 0.9
    });
    Event::from_json(&j.to_string()).unwrap()
}

fn article(id: &str, outlet: &str, text: &str) -> ArticleRow {
    ArticleRow {
        id: id.into(),
        url: Some(format!("https://{outlet}/{id}")),
        title: None,
        outlet: Some(outlet.into()),
        published: Some("2024-04-03".into()),
        text: text.into(),
    }
}

const BERLIN: Place = ("Berlin", "DEU", 2950159);
const JERUSALEM: Place = ("Jerusalem", "ISR", 281184);
const EGYPT: Place = ("Egypt", "EGY", 0);

/// Two reports of one Berlin meeting (one happening, two mentions), an
/// Egyptian offer with a denied visit beside it, and a Jerusalem meeting.
fn store(dir: &std::path::Path) -> Store {
    let mut s = Store::open(dir.join("t.db")).unwrap();
    let berlin = |id, text| event(id, "DEUGOV", "ISRGOV", "040", "asserted", "2024-03-12", BERLIN, text);
    let a = "German ministers met Israeli envoys in Berlin on Tuesday.";
    s.insert_article(&article("b1", "first.example", a), &[berlin("b1:1:1", a)]).unwrap();
    let b = "Officials from Germany and Israel held talks in Berlin.";
    s.insert_article(&article("b2", "second.example", b), &[berlin("b2:1:1", b)]).unwrap();
    let c = "Egypt offered to host a ceasefire meeting. Egypt denied that its envoy visited Gaza.";
    let offer = event("c1:1:1", "EGYGOV", "ISRGOV", "036", "asserted", "2024-04-02", EGYPT, &c[..42]);
    let denied = event("c1:2:1", "EGYGOV", "PSE", "042", "negated", "2024-04-02", EGYPT, &c[43..]);
    s.insert_article(&article("c1", "third.example", c), &[offer, denied]).unwrap();
    let d = "Israeli and Palestinian officials met in Jerusalem.";
    let jerusalem = event("d1:1:1", "ISRGOV", "PSE", "040", "asserted", "2024-03-20", JERUSALEM, d);
    s.insert_article(&article("d1", "first.example", d), &[jerusalem]).unwrap();
    s
}

fn gdelt_rows(s: &Store, f: &Filter, codes: GeoCodes) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let n = gdelt::write_events_matching(s, f, codes, &mut out).unwrap();
    let rows: Vec<Vec<String>> =
        String::from_utf8(out).unwrap().lines().map(|l| l.split('\t').map(String::from).collect()).collect();
    assert_eq!(rows.len() as u64, n);
    rows
}

fn col(name: &str) -> usize {
    gdelt::EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()
}

/// The happening ids whose events match `f`, as `annals query --happenings` lists them.
fn happening_ids(s: &Store, f: &Filter) -> Vec<String> {
    s.happenings(f).unwrap().iter().map(|h| h.id.to_string()).collect()
}

#[test]
fn gdelt_exports_the_happenings_with_a_matching_event_whole() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let all = gdelt_rows(&s, &Filter::default(), GeoCodes::Fips);
    assert_eq!(all.len(), 3, "two Berlin reports are one happening; the negated event is none");

    // Only the second Berlin report says "talks": its happening is exported
    // with both mentions counted.
    let talks = Filter { text: Some("talks".into()), ..Default::default() };
    let rows = gdelt_rows(&s, &talks, GeoCodes::Fips);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>(), happening_ids(&s, &talks));
    assert_eq!((rows[0][col("NumMentions")].as_str(), rows[0][col("NumArticles")].as_str()), ("2", "2"));
    assert_eq!(rows[0][col("NumSources")], "2");
    let mut out = Vec::new();
    assert_eq!(gdelt::write_mentions_matching(&s, &talks, &mut out).unwrap(), 2);
    let mentions = String::from_utf8(out).unwrap();
    let ids: Vec<&str> = mentions.lines().map(|l| l.split('\t').nth(5).unwrap()).collect();
    assert_eq!(ids, ["https://first.example/b1", "https://second.example/b2"]);
    assert!(mentions.lines().all(|l| l.starts_with(&format!("{}\t", rows[0][0]))));

    // By country and by mode: the negated Egyptian event has no happening,
    // so only the offer's happening comes out for Egypt, and none for "negated".
    let egypt = Filter { country: Some("EGY".into()), ..Default::default() };
    let rows = gdelt_rows(&s, &egypt, GeoCodes::Fips);
    assert_eq!(rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>(), happening_ids(&s, &egypt));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][col("EventCode")], "036");
    let negated = Filter { mode: Some("negated".into()), ..Default::default() };
    assert!(gdelt_rows(&s, &negated, GeoCodes::Fips).is_empty());
    let mut out = Vec::new();
    assert_eq!(gdelt::write_mentions_matching(&s, &negated, &mut out).unwrap(), 0);

    // Actor and date range together.
    let march = Filter {
        actor: Some("ISR".into()),
        event_from: Some("2024-03-15".into()),
        event_to: Some("2024-03".into()),
        ..Default::default()
    };
    let rows = gdelt_rows(&s, &march, GeoCodes::Fips);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][col("ActionGeo_FullName")], "Jerusalem");
}

#[test]
fn gdelt_geo_columns_carry_fips_country_codes() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let geo = |codes| -> Vec<(String, String, String, String)> {
        gdelt_rows(&s, &Filter::default(), codes)
            .iter()
            .map(|r| {
                let f = |c: &str| r[col(c)].clone();
                (f("ActionGeo_FullName"), f("ActionGeo_Type"), f("ActionGeo_CountryCode"), f("ActionGeo_ADM1Code"))
            })
            .collect()
    };
    let s4 = |a: &str, b: &str, c: &str, d: &str| (a.to_string(), b.to_string(), c.to_string(), d.to_string());
    assert_eq!(
        geo(GeoCodes::Fips),
        [s4("Berlin", "4", "GM", "GM"), s4("Egypt", "1", "EG", "EG"), s4("Jerusalem", "4", "IS", "IS")]
    );
    assert_eq!(
        geo(GeoCodes::Iso3),
        [s4("Berlin", "4", "DEU", "DEU"), s4("Egypt", "1", "EGY", "EGY"), s4("Jerusalem", "4", "ISR", "ISR")]
    );
    // The actors' country columns stay CAMEO's 3-letter codes.
    let rows = gdelt_rows(&s, &Filter::default(), GeoCodes::Fips);
    assert_eq!(
        (rows[0][col("Actor1CountryCode")].as_str(), rows[0][col("Actor2CountryCode")].as_str()),
        ("DEU", "ISR")
    );
    assert_eq!(GeoCodes::Fips.country("XYZ"), "XYZ", "an unknown code is kept, not dropped");
}

fn plover_ids(s: &Store, f: &Filter) -> Vec<String> {
    let mut out = Vec::new();
    let n = s.write_plover_matching(f, &mut out).unwrap();
    let ids: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len() as u64, n);
    ids
}

fn query_ids(s: &Store, f: &Filter) -> Vec<String> {
    s.query(f).unwrap().into_iter().map(|e| e.id).collect()
}

#[test]
fn plover_export_holds_exactly_the_matching_events() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    assert_eq!(plover_ids(&s, &Filter::default()).len(), 5);
    let cases = [
        (Filter { actor: Some("EGY".into()), ..Default::default() }, vec!["c1:1:1", "c1:2:1"]),
        (Filter { mode: Some("negated".into()), ..Default::default() }, vec!["c1:2:1"]),
        (
            Filter { cameo: Some("04".into()), event_to: Some("2024-03-15".into()), ..Default::default() },
            vec!["b1:1:1", "b2:1:1"],
        ),
        (Filter { place: Some("jerus".into()), ..Default::default() }, vec!["d1:1:1"]),
        (Filter { text: Some("ceasefire".into()), ..Default::default() }, vec!["c1:1:1"]),
        (Filter { actor_name: Some("nobody".into()), ..Default::default() }, vec![]),
    ];
    for (f, want) in cases {
        assert_eq!(plover_ids(&s, &f), want, "{f:?}");
        assert_eq!(query_ids(&s, &f), want, "{f:?}");
    }
    // A bad filter is an error, not an empty or whole export.
    let bad = Filter { event_from: Some("March".into()), ..Default::default() };
    assert!(s.write_plover_matching(&bad, &mut Vec::new()).is_err());
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_holds_exactly_the_matching_events() {
    use arrow_array::{Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let out = dir.path().join("pq");
    let f = Filter { place_country: Some("isr".into()), ..Default::default() };
    let opts = annals_store::parquet::Options::default();
    let w = s.write_parquet_matching(&out, opts, &f).unwrap();
    assert_eq!(w.partitions, [("2024-03".to_string(), 1)]);
    let file = std::fs::File::open(out.join("event_month=2024-03/part-0.parquet")).unwrap();
    let mut ids = Vec::new();
    for b in ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
        let b = b.unwrap();
        let a = b.column_by_name("id").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
        ids.extend((0..a.len()).map(|i| a.value(i).to_string()));
    }
    assert_eq!(ids, query_ids(&s, &f));
    assert_eq!(ids, ["d1:1:1"]);

    // Egypt: both events, in the April partition; the directory is checked first.
    let bad = Filter { event_to: Some("soon".into()), ..Default::default() };
    let untouched = dir.path().join("never");
    assert!(s.write_parquet_matching(&untouched, opts, &bad).is_err());
    assert!(!untouched.exists());
    let f = Filter { actor: Some("EGYGOV".into()), ..Default::default() };
    let w = s.write_parquet_matching(&dir.path().join("eg"), opts, &f).unwrap();
    assert_eq!(w.partitions, [("2024-04".to_string(), 2)]);
}

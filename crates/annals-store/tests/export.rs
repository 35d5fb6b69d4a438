//! PLOVER and Parquet exports of a small hand-made store.

use annals_store::{ArticleRow, Event, Store};
use serde_json::{json, Value};

/// An event record as the coder writes it, with the fields these tests vary.
#[allow(clippy::too_many_arguments)]
fn event(
    id: &str,
    article: &str,
    source: Option<(&str, &str)>,
    target: Option<(&str, &str)>,
    cameo: &str,
    plover: Option<&str>,
    plover_mode: Option<&str>,
    mode: &str,
    date: Option<(&str, &str)>,
) -> Event {
    let actor = |a: Option<(&str, &str)>| {
        a.map(|(text, code)| {
            json!({"text": text, "start": 0, "end": text.len(), "code": code, "name": text,
                   "country": &code[..3], "sector": code.get(3..6)})
        })
    };
    let r = json!({
        "id": id, "article": article, "sentence": 1, "text": format!("Sentence of {id}."),
        "trigger": {"text": "met", "start": 4, "end": 7},
        "source": actor(source), "target": actor(target),
        "cameo": cameo, "cameo_name": null, "quad_class": 1, "goldstein": 1.5,
        "plover": plover, "plover_mode": plover_mode, "mode": mode,
        "attribution": null, "quantity": {"value": 40, "unit": "protesters"},
        "date": date.map(|(v, p)| json!({"value": v, "precision": p, "basis": "explicit"})),
        "historical": false,
        "place": {"text": "Niamey", "name": "Niamey", "country": "NER", "lat": 13.5, "lon": 2.1, "geonames_id": 2440485},
        "confidence": 0.7
    });
    Event::from_json(&r.to_string()).unwrap()
}

fn article(id: &str, text: &str) -> ArticleRow {
    ArticleRow {
        id: id.into(),
        url: Some(format!("https://news.invalid/{id}")),
        title: Some(format!("Title {id}")),
        outlet: Some("Invented Wire".into()),
        published: Some("2024-03-20".into()),
        text: text.into(),
    }
}

fn store(dir: &std::path::Path) -> Store {
    let mut s = Store::open(dir.join("t.db")).unwrap();
    s.insert_article(
        &article("a1", "Niger's government met Malian rebels in Niamey."),
        &[
            event(
                "a1:1:1",
                "a1",
                Some(("Niger", "NERGOV")),
                Some(("Malian rebels", "MLIREB")),
                "040",
                Some("CONSULT"),
                None,
                "asserted",
                Some(("2024-03-12", "day")),
            ),
            event(
                "a1:1:2",
                "a1",
                Some(("Police", "NERCOP")),
                None,
                "173",
                Some("COERCE"),
                Some("arrest"),
                "negated",
                Some(("2024-03", "month")),
            ),
        ],
    )
    .unwrap();
    s.insert_article(
        &article("a2", "Qatar hosted talks."),
        &[
            event(
                "a2:1:1",
                "a2",
                Some(("Qatar", "QAT")),
                Some(("Chad", "TCD")),
                "043",
                Some("CONSULT"),
                None,
                "asserted",
                Some(("2024-04-02", "day")),
            ),
            event("a2:1:2", "a2", Some(("Qatar", "QAT")), None, "010", None, None, "proposed", None),
            event(
                "a2:1:3",
                "a2",
                None,
                Some(("Chad", "TCD")),
                "112",
                Some("ACCUSE"),
                None,
                "asserted",
                Some(("2016", "year")),
            ),
        ],
    )
    .unwrap();
    s
}

#[test]
fn plover_lines_parse_and_carry_category_mode_and_actors() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let mut out = Vec::new();
    assert_eq!(s.write_plover(&mut out).unwrap(), 5);
    let text = String::from_utf8(out).unwrap();
    let recs: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 5);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a1:1:1", "a1:1:2", "a2:1:1", "a2:1:2", "a2:1:3"]);

    let r = &recs[0];
    assert_eq!(r["event"], json!(["CONSULT"]));
    assert_eq!(r["has_event"], json!(true));
    assert_eq!(r["mode"], Value::Null);
    assert_eq!(r["factuality"], "asserted");
    assert_eq!(r["date"], "2024-03-12");
    assert_eq!(r["enddate"], Value::Null);
    assert_eq!(
        r["actor"],
        json!([{"code": "NER", "sector": "GOV", "entity_text": "Niger", "identifier_text": "Niger", "cameo_code": "NERGOV"}])
    );
    assert_eq!(r["recipient"][0]["code"], "MLI");
    assert_eq!(r["recipient"][0]["sector"], "REB");
    assert_eq!(r["event_text"], json!(["met"]));
    assert_eq!(r["event_loc"]["resolved_place"], "Niamey");
    assert_eq!(r["event_loc"]["geonameid"], 2440485);
    assert_eq!(r["cite_info"]["url"], "https://news.invalid/a1");
    assert_eq!(r["cite_info"]["publication"], "Invented Wire");
    assert_eq!(r["quad_code"], 1);
    assert_eq!(r["event_scale"], 1.5);

    let r = &recs[1];
    assert_eq!(r["event"], json!(["COERCE"]));
    assert_eq!(r["mode"], json!(["arrest"]));
    assert_eq!(r["factuality"], "negated");
    assert_eq!(r["recipient"], json!([]));
    assert_eq!((r["date"].as_str(), r["enddate"].as_str()), (Some("2024-03-01"), Some("2024-03-31")));

    // No PLOVER category: the record stays, with an empty event list.
    let r = &recs[3];
    assert_eq!(r["event"], json!([]));
    assert_eq!(r["has_event"], json!(false));
    assert_eq!(r["cameo"], "010");
    assert_eq!(r["date"], Value::Null);

    let r = &recs[4];
    assert_eq!(r["actor"], json!([]));
    assert_eq!(r["recipient"][0]["cameo_code"], "TCD");
    assert_eq!((r["date"].as_str(), r["enddate"].as_str()), (Some("2016-01-01"), Some("2016-12-31")));
}

#[cfg(feature = "parquet")]
mod parquet_export {
    use super::*;
    use annals_store::parquet::{date32, Options};
    use arrow_array::{Array, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use std::path::Path;

    fn read(path: &Path) -> Vec<RecordBatch> {
        read_with_groups(path).0
    }

    /// The batches of a file and its number of row groups.
    fn read_with_groups(path: &Path) -> (Vec<RecordBatch>, usize) {
        let f = std::fs::File::open(path).unwrap();
        let b = ParquetRecordBatchReaderBuilder::try_new(f).unwrap();
        let groups = b.metadata().num_row_groups();
        (b.build().unwrap().collect::<Result<Vec<_>, _>>().unwrap(), groups)
    }

    /// One column of a file's batches, as options, through `get`.
    fn column<A: Array + 'static, T>(bs: &[RecordBatch], col: &str, get: impl Fn(&A, usize) -> T) -> Vec<Option<T>> {
        let mut out = Vec::new();
        for b in bs {
            let a = b.column_by_name(col).unwrap().as_any().downcast_ref::<A>().unwrap();
            out.extend((0..a.len()).map(|i| a.is_valid(i).then(|| get(a, i))));
        }
        out
    }

    fn strings(bs: &[RecordBatch], col: &str) -> Vec<Option<String>> {
        column::<StringArray, _>(bs, col, |a, i| a.value(i).to_string())
    }

    #[test]
    fn parquet_partitions_by_month_with_typed_columns() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        let out = dir.path().join("pq");
        // One row per batch and row group: the 2024-03 partition takes two.
        let w = s.write_parquet(&out, Options { force: false, batch_rows: 1 }).unwrap();
        let parts: Vec<(&str, u64)> = w.partitions.iter().map(|(m, n)| (m.as_str(), *n)).collect();
        assert_eq!(parts, [("unknown", 1), ("2016-01", 1), ("2024-03", 2), ("2024-04", 1)]);

        let mut dirs: Vec<String> =
            std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        dirs.sort();
        assert_eq!(dirs, ["event_month=2016-01", "event_month=2024-03", "event_month=2024-04", "event_month=unknown"]);

        let (b, groups) = read_with_groups(&out.join("event_month=2024-03/part-0.parquet"));
        assert_eq!(groups, 2, "one row per batch and row group was asked for");
        assert_eq!(strings(&b, "id"), [Some("a1:1:2".into()), Some("a1:1:1".into())]);
        assert_eq!(strings(&b, "plover_mode"), [Some("arrest".into()), None]);
        assert_eq!(strings(&b, "target_code"), [None, Some("MLIREB".into())]);
        let day = |d: &str| Some(date32(d).unwrap());
        assert_eq!(
            column::<Date32Array, _>(&b, "event_start", |a, i| a.value(i)),
            [day("2024-03-01"), day("2024-03-12")]
        );
        assert_eq!(
            column::<Date32Array, _>(&b, "event_end", |a, i| a.value(i)),
            [day("2024-03-31"), day("2024-03-12")]
        );
        assert_eq!(
            column::<Date32Array, _>(&b, "published", |a, i| a.value(i)),
            [day("2024-03-20"), day("2024-03-20")]
        );
        assert_eq!(column::<Float64Array, _>(&b, "quantity_value", |a, i| a.value(i)), [Some(40.0), Some(40.0)]);
        assert_eq!(column::<Int64Array, _>(&b, "geonames_id", |a, i| a.value(i)), [Some(2440485), Some(2440485)]);
        assert_eq!(column::<BooleanArray, _>(&b, "historical", |a, i| a.value(i)), [Some(false), Some(false)]);
        assert_eq!(column::<BooleanArray, _>(&b, "attribution_anonymous", |a, i| a.value(i)), [None, None]);
        assert_eq!(strings(&b, "outlet"), [Some("Invented Wire".into()), Some("Invented Wire".into())]);

        let unknown = read(&out.join("event_month=unknown/part-0.parquet"));
        assert_eq!(strings(&unknown, "id"), [Some("a2:1:2".into())]);
        assert_eq!(column::<Date32Array, _>(&unknown, "event_start", |a, i| a.value(i)), [None]);
        assert_eq!(strings(&unknown, "event_date"), [None]);
        let year = read(&out.join("event_month=2016-01/part-0.parquet"));
        assert_eq!(strings(&year, "event_date"), [Some("2016".into())]);
        assert_eq!(strings(&year, "date_precision"), [Some("year".into())]);

        // A non-empty directory is refused unless forced; forcing replaces.
        let err = s.write_parquet(&out, Options::default()).unwrap_err().to_string();
        assert!(err.contains("not empty") && err.contains("--force"), "{err}");
        std::fs::create_dir_all(out.join("event_month=1999-01")).unwrap();
        std::fs::write(out.join("README.txt"), "mine").unwrap();
        let w = s.write_parquet(&out, Options { force: true, ..Default::default() }).unwrap();
        assert_eq!(w.rows(), 5);
        assert!(!out.join("event_month=1999-01").exists(), "a stale partition survived --force");
        assert!(out.join("README.txt").exists(), "--force removed a file that is not a partition");
    }
}

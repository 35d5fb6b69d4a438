//! Builders shared by the store's integration tests: temp databases,
//! invented articles and event records.
#![allow(dead_code)]

use annals_store::{ArticleRow, Event, Store};
use serde_json::{json, Value};

/// A new store in a temp dir (kept alive by the returned guard).
pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("t.db")).unwrap();
    (dir, store)
}

/// An article with an id, a publication date and a text, nothing else;
/// tests set the other fields with `ArticleRow { .., ..article(..) }`.
pub fn article(id: &str, published: &str, text: &str) -> ArticleRow {
    ArticleRow { id: id.into(), published: Some(published.into()), text: text.into(), ..Default::default() }
}

/// An actor as the coder writes it: its code's first three letters are its
/// country, the next three its sector.
pub fn actor(code: &str, name: &str, text: &str) -> Value {
    json!({"text": text, "start": 0, "end": text.len(), "code": code, "name": name,
           "country": code.get(..3), "sector": code.get(3..6)})
}

/// An event date as the coder writes it.
pub fn date(value: &str, precision: &str) -> Value {
    json!({"value": value, "precision": precision, "basis": "explicit"})
}

/// Event `n` of sentence `sentence` of `article` (id `article:sentence:n`):
/// an asserted consultation on 2024-03-12 with no actors, place or
/// attribution, with the top-level fields of `fields` put over it.
pub fn event(article: &str, sentence: usize, n: usize, fields: Value) -> Event {
    let mut record = json!({
        "id": format!("{article}:{sentence}:{n}"), "article": article, "sentence": sentence,
        "text": format!("Sentence {sentence} of {article}."), "trigger": {"text": "met", "start": 0, "end": 3},
        "source": null, "target": null, "cameo": "040", "cameo_name": "Consult", "quad_class": 1, "goldstein": 1.0,
        "plover": "CONSULT", "plover_mode": null, "mode": "asserted", "attribution": null, "quantity": null,
        "date": date("2024-03-12", "day"), "historical": false, "place": null, "confidence": 0.8
    });
    let Value::Object(fields) = fields else { panic!("event fields must be a JSON object") };
    for (k, v) in fields {
        record[k.as_str()] = v;
    }
    Event::from_json(&record.to_string()).unwrap()
}

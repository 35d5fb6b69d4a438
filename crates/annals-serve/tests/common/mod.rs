//! A store built in the test from the project's example report and a few
//! short reports written for these tests (one of them hostile), ingested
//! with the library calls `annals ingest` makes; and a server on it.
#![allow(dead_code)]

pub mod webdriver;

use annals_engine::{Engine, Options};
use annals_serve::{App, Config, State};
use annals_store::{ArticleRow, Coding, Store};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One engine for all tests of a binary (loading takes a while).
pub fn engine() -> Arc<Engine> {
    static E: OnceLock<Arc<Engine>> = OnceLock::new();
    E.get_or_init(|| Arc::new(Engine::load(&Options { explain: true, ..Default::default() }).expect("engine"))).clone()
}

/// The hostile strings every page must show as text.
pub const HOSTILE_TITLE: &str = r#"<script>window.__pwned='title'; alert('title')</script> "><img src=x onerror="window.__pwned='img';alert(1)"> </textarea> {{7*7}} ${7*7}"#;

/// Reports written for these tests (original text), as JSON Lines.
pub fn reports() -> Vec<serde_json::Value> {
    use serde_json::json;
    vec![
        json!({"id": "test/kenya 1", "date": "2024-02-06", "outlet": "Nairobi Test Daily",
            "title": "Police detain protesters in Nairobi",
            "url": "https://news.example.org/kenya-1",
            "text": "Kenyan police arrested 14 protesters in Nairobi on Monday, the interior ministry said. Opposition leaders denied that they had organised the march. The government did not release the detainees on Tuesday."}),
        json!({"id": "test-kenya-2", "date": "2024-02-07", "outlet": "Wire Test Service",
            "title": "Kenya: arrests at Nairobi march",
            "text": "Police in Kenya arrested 14 demonstrators in Nairobi on Monday, according to the interior ministry. Rights groups urged the government to free them."}),
        json!({"id": "test-ethiopia", "date": "2024-01-15", "outlet": "Horn Test Review",
            "title": "Ethiopia and Sudan sign border accord",
            "text": "Ethiopia and Sudan signed a border agreement in Addis Ababa on January 12, officials said. Egypt proposed talks with Ethiopia on the dam next month. In 2011, Ethiopia began building the dam on the Blue Nile."}),
        json!({"id": "test-mali", "date": "2024-03-20", "outlet": "Sahel Test Post",
            "title": "Mali accuses France",
            "text": "Mali accused France of spying on its army in Bamako on Wednesday. The junta threatened to expel French diplomats if the flights continued."}),
        json!({"id": "hostile <script>alert(1)</script>", "date": "2024-03-21",
            "outlet": "<svg onload=\"window.__pwned='outlet'\">Evil Outlet</svg>",
            "title": HOSTILE_TITLE,
            "url": "javascript:window.__pwned='url';alert(document.domain)",
            "text": "Egypt hosted talks with Sudan in Cairo on Monday <script>window.__pwned='text';alert('text')</script>. \"><img src=x onerror=\"window.__pwned='textimg'\"> </textarea> {{constructor.constructor('window.__pwned=3')()}} Qatar condemned the attack on civilians in Doha, a <b onmouseover=\"window.__pwned='b'\">spokesman</b> said. ' OR 1=1; DROP TABLE events; --"}),
    ]
}

/// Builds the store under `dir`: the example report and [`reports`],
/// coded and stored as `annals ingest` codes and stores them.
pub fn build_store(dir: &Path) -> PathBuf {
    let engine = engine();
    let db = dir.join("annals.db");
    let mut store = Store::open(&db).expect("store");
    store.start_run(env!("CARGO_PKG_VERSION")).unwrap();
    let p = engine.provenance();
    store.set_coding(&Coding { version: p.version, model_hash: p.model_hash, dict_hash: p.dict_hash }).unwrap();
    let ours = dir.join("reports.jsonl");
    let lines: Vec<String> = reports().iter().map(|r| r.to_string()).collect();
    std::fs::write(&ours, lines.join("\n") + "\n").unwrap();
    let mut rows = Vec::new();
    for path in [repo().join("examples/report.jsonl"), ours] {
        let format = annals_read::Format::of_path(&path).expect("a format");
        for item in annals_read::read_file(&path, format) {
            if let annals_read::Item::Article(a) = item {
                rows.push(ArticleRow {
                    id: a.id,
                    text: a.text,
                    published: a.published,
                    url: a.url,
                    title: a.title,
                    outlet: a.outlet,
                });
            }
        }
    }
    assert_eq!(rows.len(), 6);
    let mut batch = store.batch(rows.len());
    for a in &rows {
        let mut events = engine.code(&a.id, &a.text, a.published.as_deref());
        // `annals ingest` codes without explanations; the shared engine explains.
        events.iter_mut().for_each(|e| e.explain.clear());
        batch.insert(a, &events).unwrap();
    }
    batch.finish().unwrap();
    drop(store);
    db
}

/// A store built once per test binary (read-only from then on).
pub fn shared_store() -> PathBuf {
    static S: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = S.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = build_store(dir.path());
        (dir, p)
    });
    p.clone()
}

pub fn config(db: &Path) -> Config {
    Config::new(db, "127.0.0.1:0".parse().unwrap())
}

pub fn app(db: &Path) -> State {
    let c = config(db);
    let pool = annals_serve::db::Pool::open(db, 2, std::time::Duration::from_secs(10)).unwrap();
    Arc::new(App::with_engine(&c, pool, engine()))
}

/// A server on a loopback port, on its own runtime thread, until dropped.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(db: &Path) -> Server {
        let app = app(db);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async move {
                let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(l.local_addr().unwrap()).unwrap();
                annals_serve::serve_on(l, app, async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = addr_rx.recv().unwrap();
        Server { addr, stop: Some(tx), thread: Some(thread) }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

//! `annals serve` as a user starts it: on a store that `annals ingest`
//! wrote, on a loopback port, answering what `annals export` and `annals
//! query` answer from the same store.

mod common;

use annals_serve::client;
use common::{annals, repo, stdout};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

/// A running `annals serve`, stopped (by its pid) when dropped.
struct Serve {
    child: Child,
    addr: SocketAddr,
}

impl Serve {
    fn start(db: &std::path::Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["serve", "--db", db.to_str().unwrap(), "--addr", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run annals serve");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let addr = loop {
            let line = lines.next().expect("annals serve said where it listens").unwrap();
            assert!(!line.contains("WARNING"), "{line}");
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        Serve { child, addr }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_exports_the_bytes_annals_export_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let extra = dir.path().join("more.jsonl");
    std::fs::write(
        &extra,
        concat!(
            r#"{"id": "kenya-1", "date": "2024-02-06", "outlet": "Test Daily", "text": "Kenyan police arrested 14 protesters in Nairobi on Monday, the interior ministry said."}"#,
            "\n",
            r#"{"id": "kenya-2", "date": "2024-02-07", "outlet": "Test Wire", "text": "Police in Kenya arrested 14 demonstrators in Nairobi on Monday, according to the interior ministry."}"#,
            "\n"
        ),
    )
    .unwrap();
    let o = annals(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        repo().join("examples/report.jsonl").to_str().unwrap(),
        extra.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let server = Serve::start(&db);
    for format in ["jsonl", "csv", "gdelt", "gdelt-mentions", "plover"] {
        for (query, args) in [
            ("", vec![]),
            ("&country=KEN", vec!["--country", "KEN"]),
            ("&from=2024-03&mode=asserted", vec!["--from", "2024-03", "--mode", "asserted"]),
        ] {
            let mut cli = vec!["export", "--db", db.to_str().unwrap(), "--format", format];
            cli.extend(args);
            let want = annals(&cli);
            assert!(want.status.success());
            let got = client::get(server.addr, &format!("/api/export?format={format}{query}")).unwrap();
            assert_eq!(got.status, 200, "{format}{query}: {}", got.text());
            assert_eq!(got.text(), stdout(&want), "{format}{query}");
        }
    }
    // The first page of events is `annals query`'s first events.
    let q = annals(&["query", "--db", db.to_str().unwrap(), "--format", "jsonl", "--limit", "5"]);
    let got = client::get(server.addr, "/api/events?limit=5").unwrap().json();
    let ids: Vec<String> = got["events"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().into()).collect();
    let want: Vec<String> = stdout(&q)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().into())
        .collect();
    assert_eq!(ids, want);
    assert_eq!(client::get(server.addr, "/api/events?nonsense=1").unwrap().status, 400);
    let page = client::get(server.addr, "/").unwrap();
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Niger"));
}

#[test]
fn serve_refuses_a_missing_store_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let o = annals(&["serve", "--db", db.to_str().unwrap(), "--addr", "127.0.0.1:0"]);
    assert!(!o.status.success());
    assert!(common::stderr(&o).contains("no such database"), "{}", common::stderr(&o));
    assert!(!db.exists());
}

//! Headless Chromium driven through chromedriver's WebDriver endpoint,
//! over the crate's loopback client. `Browser::start` returns `None` (with
//! a message) where Chromium or chromedriver is missing, and panics there
//! when `ANNALS_REQUIRE_SHARED=1` or `CI` is set.
#![allow(dead_code)]

use annals_serve::client;
use serde_json::{json, Value};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const CHROMIUM: &[&str] = &["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const DRIVER: &[&str] = &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];

pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

fn required() -> bool {
    std::env::var("ANNALS_REQUIRE_SHARED").is_ok_and(|v| v == "1") || std::env::var_os("CI").is_some()
}

/// The program `env` names (when set, and only if it is a file), else the
/// first of `candidates` that exists.
fn find(candidates: &[&str], env: &str) -> Option<PathBuf> {
    match std::env::var_os(env) {
        Some(p) => Some(PathBuf::from(p)).filter(|p| p.is_file()),
        None => candidates.iter().map(PathBuf::from).find(|p| p.is_file()),
    }
}

impl Browser {
    pub fn start() -> Option<Browser> {
        let (Some(chromium), Some(driver)) = (find(CHROMIUM, "ANNALS_CHROMIUM"), find(DRIVER, "ANNALS_CHROMEDRIVER"))
        else {
            let m = "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver; \
                     or name them in ANNALS_CHROMIUM and ANNALS_CHROMEDRIVER)";
            if required() {
                panic!("{m}, and ANNALS_REQUIRE_SHARED=1 or CI is set");
            }
            eprintln!("skipping the browser tests: {m}");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", driver.display()));
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        // Ready when /status answers (bounded: 200 tries, 50 ms apart).
        let mut ready = false;
        for _ in 0..200 {
            if client::get(addr, "/status").is_ok_and(|r| r.json()["value"]["ready"] == true) {
                ready = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(ready, "chromedriver did not come up");
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "unhandledPromptBehavior": "ignore",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1000", "--hide-scrollbars",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let r = client::json(addr, "POST", "/session", Some(&caps)).expect("new session");
        let v = r.json();
        let session = v["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {v}")).to_string();
        Some(Browser { driver: child, addr, session, _profile: profile })
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let r = client::json(self.addr, method, &format!("/session/{}{path}", self.session), body.as_ref())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let v = r.json();
        assert_eq!(r.status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub fn eval(&self, script: &str, args: Value) -> Value {
        self.call("POST", "/execute/sync", Some(json!({"script": script, "args": args})))
    }

    /// The open alert's text, if a page opened one.
    pub fn alert(&self) -> Option<String> {
        let r = client::json(self.addr, "GET", &format!("/session/{}/alert/text", self.session), None).unwrap();
        (r.status == 200).then(|| r.json()["value"].as_str().unwrap_or("").to_string())
    }

    /// The element `css` selects: its WebDriver reference (an object) and id.
    pub fn element(&self, css: &str) -> (Value, String) {
        let v = self.call("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        let id = v.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).unwrap().to_string();
        (v, id)
    }

    pub fn find(&self, css: &str) -> String {
        self.element(css).1
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.call("POST", &format!("/element/{e}/clear"), Some(json!({})));
        self.call("POST", &format!("/element/{e}/value"), Some(json!({ "text": text })));
    }

    /// Waits until `script` returns true (after a click that loads a page):
    /// at most 300 looks, 50 ms apart; panics if it never does.
    pub fn wait_until(&self, script: &str) {
        for _ in 0..300 {
            let r = client::json(
                self.addr,
                "POST",
                &format!("/session/{}/execute/sync", self.session),
                Some(&json!({"script": script, "args": []})),
            );
            if r.is_ok_and(|r| r.status == 200 && r.json()["value"] == true) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("never true: {script}");
    }

    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.call("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    /// Moves the mouse over the element `css` selects.
    pub fn hover(&self, css: &str) {
        let (origin, _) = self.element(css);
        self.call(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                "actions": [{"type": "pointerMove", "duration": 0, "origin": origin, "x": 0, "y": 0}]}]})),
        );
    }

    /// Saves a PNG of the whole page (the window grown to its height).
    pub fn screenshot(&self, path: &Path) {
        let h = self
            .eval("return Math.min(6000, document.documentElement.scrollHeight);", json!([]))
            .as_u64()
            .unwrap_or(1000);
        self.call("POST", "/window/rect", Some(json!({"width": 1280, "height": h.max(600)})));
        let png = self.call("GET", "/screenshot", None);
        let bytes = base64_decode(png.as_str().unwrap());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self.call("POST", "/window/rect", Some(json!({"width": 1280, "height": 1000})));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = client::json(self.addr, "DELETE", &format!("/session/{}", self.session), None);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => 0,
        }
    };
    let bytes: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for chunk in bytes.chunks(4) {
        let pad = chunk.iter().filter(|&&c| c == b'=').count();
        let n = chunk.iter().fold(0u32, |acc, &c| (acc << 6) | if c == b'=' { 0 } else { val(c) });
        let n = n << (6 * (4 - chunk.len()));
        let b = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&b[..3 - pad.min(2)]);
    }
    out
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn annals(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals")).args(args).output().expect("run annals")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared data folder, or `None` (with a message) when it is absent.
/// With `ANNALS_REQUIRE_SHARED=1` (as in CI) an absent folder fails the test.
pub fn shared_data() -> Option<PathBuf> {
    let p = repo().join("../shared/data");
    if p.join("ud-ewt").is_dir() {
        return Some(p);
    }
    if std::env::var("ANNALS_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!("ANNALS_REQUIRE_SHARED=1 but {} is missing", p.display());
    }
    eprintln!("skipping: {} is absent", p.display());
    None
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Reads a score line such as `UPOS    95.21` from `annals eval` output.
pub fn score(out: &str, name: &str) -> f64 {
    out.lines()
        .find_map(|l| {
            let mut it = l.split_whitespace();
            (it.next() == Some(name)).then(|| it.next().unwrap().parse().unwrap())
        })
        .unwrap_or_else(|| panic!("no {name} line in:\n{out}"))
}

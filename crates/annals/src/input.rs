//! Reading input files: lossy UTF-8 with a warning that names the file and
//! the byte offset of the first invalid sequence, `-` for standard input.

use anyhow::{Context, Result};
use std::io::Read;
use std::path::Path;

/// Reads `path` (or stdin for `-`) as text. Invalid UTF-8 is replaced, not
/// fatal, because one damaged byte should not cost a whole report.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = if is_stdin(path) {
        read_stdin()?
    } else {
        std::fs::read(path).with_context(|| format!("reading {}", path.display()))?
    };
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            eprintln!(
                "annals: warning: {}: invalid UTF-8 at byte {offset}; invalid sequences replaced with U+FFFD",
                path.display()
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    })
}

/// Whether `path` is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// All of standard input, as bytes.
pub fn read_stdin() -> Result<Vec<u8>> {
    let mut b = Vec::new();
    std::io::stdin().read_to_end(&mut b).context("reading standard input")?;
    Ok(b)
}

//! Expanding the paths given on the command line into the files to read.

use crate::{reason, Format, Notice, EXTENSIONS};
use std::path::{Path, PathBuf};

/// Expands `paths` into the files to read with their formats, sorted within
/// each directory so runs are reproducible. Named files of another kind and
/// unreadable paths are skipped with a notice; other files found inside
/// directories are not articles and are left out silently (their number is
/// returned).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<(PathBuf, Format)>, Vec<Notice>, usize) {
    let (mut files, mut skipped, mut ignored) = (Vec::new(), Vec::new(), 0);
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut skipped, &mut ignored);
        } else if !p.exists() {
            skipped.push(Notice::new(p.display().to_string(), reason::NO_SUCH_FILE, ""));
        } else if let Some(f) = Format::of_path(p) {
            files.push((p.clone(), f));
        } else {
            let detail = format!("the kinds read are {EXTENSIONS}");
            skipped.push(Notice::new(p.display().to_string(), reason::UNSUPPORTED, detail));
        }
    }
    (files, skipped, ignored)
}

fn walk(dir: &Path, files: &mut Vec<(PathBuf, Format)>, skipped: &mut Vec<Notice>, ignored: &mut usize) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(Notice::new(dir.display().to_string(), reason::UNREADABLE_DIR, e.to_string()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, files, skipped, ignored);
        } else if let Some(f) = Format::of_path(&p) {
            files.push((p, f));
        } else {
            *ignored += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.txt"), "B").unwrap();
        std::fs::write(dir.path().join("sub/c.warc.gz"), "").unwrap();
        std::fs::write(dir.path().join("a.jsonl"), "").unwrap();
        std::fs::write(dir.path().join("page.html"), "").unwrap();
        std::fs::write(dir.path().join("README.md"), "").unwrap();
        std::fs::write(dir.path().join("settings.xml"), "<settings/>").unwrap();
        let (files, skipped, ignored) = collect_files(&[dir.path().into(), dir.path().join("nope.txt")]);
        assert_eq!(
            files,
            [
                (dir.path().join("a.jsonl"), Format::JsonLines),
                (dir.path().join("page.html"), Format::Html),
                (dir.path().join("sub/b.txt"), Format::Text),
                (dir.path().join("sub/c.warc.gz"), Format::Warc),
            ]
        );
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].reason, reason::NO_SUCH_FILE);
        assert_eq!(ignored, 2);
    }
}

//! The command line on good and bad input: no panics, clear messages,
//! offsets that point into the original text.

mod common;
use common::*;
use std::io::Write;

#[test]
fn parses_the_example_with_offsets_into_the_text() {
    let path = repo().join("examples/report.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = annals(&["parse", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conllu = stdout(&out);
    let mut words = 0;
    let mut roots_per_sentence = Vec::new();
    let mut roots = 0;
    for line in conllu.lines() {
        if line.is_empty() {
            roots_per_sentence.push(roots);
            roots = 0;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 10, "{line}");
        words += 1;
        if cols[6] == "0" {
            roots += 1;
        }
        let range = cols[9].split('|').find_map(|m| m.strip_prefix("TokenRange=")).unwrap();
        let (a, b) = range.split_once(':').unwrap();
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        assert_eq!(&text[a..b], cols[1], "token offsets must point at the token");
        assert!(!cols[3].is_empty() && cols[3] != "_", "every word has a UPOS tag");
    }
    assert!(words > 150, "the example has over 150 words, got {words}");
    assert!(roots_per_sentence.len() >= 8);
    assert!(roots_per_sentence.iter().all(|&r| r == 1), "one root per sentence");
}

#[test]
fn json_output_is_one_document() {
    let path = repo().join("examples/report.txt");
    let out = annals(&["parse", "--format", "json", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v["tokens"].as_array().unwrap().len() > 150);
    assert!(v["sentences"].as_array().unwrap().len() >= 8);
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_file_and_offset() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(b"Egypt hosted talks.\xff\xfe Hamas agreed.").unwrap();
    let out = annals(&["parse", f.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("invalid UTF-8 at byte 19"), "{err}");
    assert!(err.contains(&f.path().display().to_string()), "{err}");
    assert!(stdout(&out).contains("Hamas"));
}

#[test]
fn empty_and_junk_input_do_not_panic() {
    let empty = tempfile::NamedTempFile::new().unwrap();
    let out = annals(&["parse", empty.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    let mut junk = tempfile::NamedTempFile::new().unwrap();
    let bytes: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    junk.write_all(&bytes).unwrap();
    let out = annals(&["parse", junk.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = annals(&["parse", "/no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/no/such/file.txt"), "{}", stderr(&out));
}

#[test]
fn malformed_conllu_reports_file_and_line() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(b"1\tEgypt\tEgypt\tPROPN\tNNP\t_\t0\troot\t_\t_\n2\tbroken line\n").unwrap();
    let out = annals(&["parse", "--tokenized", f.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:2:", f.path().display())), "{err}");
}

#[test]
fn entity_evaluation_can_show_the_sentences_it_got_wrong() {
    // "Lisbon" is deliberately mis-annotated as a person: the recogniser
    // finds a place, so that sentence must be listed and the other not.
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(
        b"# newdoc\n1\tThe\tO\n2\tminister\tO\n3\tflew\tO\n4\tto\tO\n5\tLisbon\tB-PER\n6\t.\tO\n\n\
          1\tIt\tO\n2\trained\tO\n3\t.\tO\n\n",
    )
    .unwrap();
    let out = annals(&["eval", "ner", f.path().to_str().unwrap(), "--show-errors", "5"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("The minister flew to Lisbon .\n  gold: PER:Lisbon\n  pred: LOC:Lisbon"), "{s}");
    assert!(!s.contains("It rained"), "{s}");
    let quiet = stdout(&annals(&["eval", "ner", f.path().to_str().unwrap()]));
    assert!(!quiet.contains("gold:"), "{quiet}");
}

#[test]
fn help_explains_the_commands() {
    let out = annals(&["--help"]);
    let s = stdout(&out);
    for cmd in ["parse", "train", "eval"] {
        assert!(s.contains(cmd), "{s}");
    }
}

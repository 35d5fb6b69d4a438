//! `annals parse`: the text layer alone.

use crate::input::read_text;
use annals_text::{conllu, Pipeline};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A text file (one report), or a CoNLL-U file with --tokenized; `-` reads standard input.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "conllu")]
    format: Format,
    /// Read CoNLL-U and keep its tokenisation (for scoring against a treebank).
    #[arg(long)]
    tokenized: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// CoNLL-U with UPOS, XPOS, LEMMA, HEAD, DEPREL and NER=B-PER etc. in MISC.
    Conllu,
    /// One JSON document: tokens, sentences, entities, numbers, time expressions.
    Json,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let pipeline = Pipeline::embedded()?;
    let text = read_text(&a.file)?;
    let doc = if a.tokenized {
        let sents = conllu::parse(&text, &a.file.display().to_string())?;
        let input: Vec<Vec<(String, bool)>> = sents
            .iter()
            .map(|s| s.words.iter().map(|w| (w.form.clone(), !w.misc.contains("SpaceAfter=No"))).collect())
            .collect();
        pipeline.annotate_tokenized(&input)
    } else {
        pipeline.annotate(&text)
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        Format::Conllu => {
            let mut buf = String::new();
            for i in 0..doc.sentences.len() {
                buf.clear();
                conllu::write_sentence(&doc, i, &mut buf);
                out.write_all(buf.as_bytes()).context("writing output")?;
            }
        }
        Format::Json => {
            serde_json::to_writer(&mut out, &doc).context("writing output")?;
            writeln!(out)?;
        }
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}

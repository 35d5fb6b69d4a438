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
    /// Read models from this folder instead of the embedded ones.
    #[arg(long)]
    models: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// CoNLL-U with UPOS, XPOS, LEMMA, HEAD, DEPREL and NER=B-PER etc. in MISC.
    Conllu,
    /// One JSON document: tokens, sentences, entities, numbers, time expressions.
    Json,
}

fn write(doc: &annals_text::Doc, format: Format, out: &mut impl Write) -> Result<()> {
    match format {
        Format::Conllu => conllu::write_doc(doc, |s| out.write_all(s.as_bytes())).context("writing output")?,
        Format::Json => {
            serde_json::to_writer(&mut *out, doc).context("writing output")?;
            writeln!(out)?;
        }
    }
    Ok(())
}

pub fn run(a: Args) -> Result<ExitCode> {
    let pipeline = match &a.models {
        Some(d) => Pipeline::from_bytes(&annals_text::models::ModelBytes::from_dir(d)?)?,
        None => Pipeline::embedded()?,
    };
    let text = read_text(&a.file)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if a.tokenized {
        let sents = conllu::parse(&text, &a.file.display().to_string())?;
        let input: Vec<Vec<(String, bool)>> = sents
            .iter()
            .map(|s| s.words.iter().map(|w| (w.form.clone(), !w.misc.contains("SpaceAfter=No"))).collect())
            .collect();
        let doc = pipeline.annotate_tokenized(&input);
        match a.format {
            // The input's sentence ids and texts are kept.
            Format::Conllu => {
                conllu::write_tokenized(&doc, &sents, |s| out.write_all(s.as_bytes())).context("writing output")?
            }
            Format::Json => write(&doc, a.format, &mut out)?,
        }
    } else if matches!(a.format, Format::Conllu) {
        // Raw text is annotated and written a batch of sentences at a time,
        // so a huge input does not need memory for its whole annotation.
        let mut next_id = 0;
        pipeline.annotate_batches(&text, 256, |base, doc| -> Result<()> {
            conllu::write_batch(doc, base, next_id, |s| out.write_all(s.as_bytes())).context("writing output")?;
            next_id += doc.sentences.len();
            Ok(())
        })?;
    } else {
        let doc = pipeline.annotate(&text);
        write(&doc, a.format, &mut out)?;
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}

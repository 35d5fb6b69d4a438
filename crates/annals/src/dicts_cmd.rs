//! `annals dicts`: reports on the dictionaries themselves. `coverage` shows,
//! per CAMEO root, how many lexicon entries there are and which of the
//! root's codes no entry produces. The counting is
//! [`Lexicon::coverage`]; this module only prints it.

use annals_code::dict::events::Lexicon;
use anyhow::{Context, Result};
use clap::{Args as ClapArgs, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Lexicon entries per CAMEO root (verbs, nouns), how many of the root's codes have an entry, and the codes with none.
    Coverage(CoverageArgs),
}

#[derive(ClapArgs)]
pub struct CoverageArgs {
    /// Read events.tsv from this folder instead of the built-in lexicon.
    #[arg(long)]
    dictionaries: Option<PathBuf>,
    /// Stop at the first malformed lexicon line instead of skipping it.
    #[arg(long)]
    strict: bool,
}

pub fn run(c: Command) -> Result<ExitCode> {
    match c {
        Command::Coverage(a) => coverage(&a),
    }
}

fn coverage(a: &CoverageArgs) -> Result<ExitCode> {
    let mut skipped = 0;
    let owned;
    let lex = match &a.dictionaries {
        None => Lexicon::embedded(),
        Some(dir) => {
            let path = dir.join("events.tsv");
            let text = std::fs::read_to_string(&path).with_context(|| format!("{}", path.display()))?;
            let (lex, errors) = Lexicon::parse(&text, &path.display().to_string());
            for e in &errors {
                if a.strict {
                    anyhow::bail!("{e}");
                }
                eprintln!("annals: skipped dictionary line {e}");
            }
            skipped = errors.len();
            owned = lex;
            &owned
        }
    };
    let ont = annals_code::ontology::get();
    let rows = lex.coverage();
    println!("{:<4} {:<36} {:>6} {:>6} {:>8} {:>7}", "root", "name", "verbs", "nouns", "entries", "codes");
    let (mut verbs, mut nouns, mut codes, mut covered) = (0, 0, 0, 0);
    for r in &rows {
        println!(
            "{:<4} {:<36} {:>6} {:>6} {:>8} {:>7}",
            r.root,
            r.name,
            r.verbs,
            r.nouns,
            r.verbs + r.nouns,
            format!("{}/{}", r.covered, r.codes)
        );
        verbs += r.verbs;
        nouns += r.nouns;
        codes += r.codes;
        covered += r.covered;
    }
    println!(
        "{:<4} {:<36} {:>6} {:>6} {:>8} {:>7}",
        "all",
        "",
        verbs,
        nouns,
        verbs + nouns,
        format!("{covered}/{codes}")
    );
    let missing: Vec<_> = rows.iter().flat_map(|r| &r.missing).collect();
    if !missing.is_empty() {
        println!("\ncodes with no entry ({}):", missing.len());
        for m in missing {
            println!("  {m:<5} {}", ont.cameo(m).map_or("", |c| c.name.as_str()));
        }
    }
    if skipped > 0 {
        eprintln!("annals: {skipped} dictionary line(s) skipped");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

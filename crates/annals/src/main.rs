//! annals: reads news reports and writes a chronicle of political events.
//!
//! The binary is a thin shell: each command lives in its own module and
//! calls into the library crates.

mod code;
mod dicts_cmd;
mod eval;
mod events_eval;
mod export;
mod filters;
mod ingest;
mod input;
mod parse;
mod petrarch_eval;
mod query;
mod recode;
mod serve;
mod train;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "annals",
    version,
    about = "Reads news reports and writes a chronicle: who did what to whom, when and where, according to whom."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles into events (JSON Lines on stdout): who did what to whom, when, where, according to whom.
    Code(code::Args),
    /// Run the text layer alone: sentences, tokens, tags, lemmas, dependencies, entities.
    Parse(parse::Args),
    /// Rebuild the models from the training data (UD English EWT, UNER, GeoNames).
    Train(train::Args),
    /// Score the models against gold data.
    #[command(subcommand)]
    Eval(eval::Command),
    /// Code articles and store them with their events in a database; re-ingesting adds nothing.
    Ingest(ingest::Args),
    /// List or count stored events by actor, event type, mode, date or words.
    Query(query::Args),
    /// Write stored events (all, or those matching query's filters) as JSON Lines, CSV, GDELT, PLOVER JSON or Parquet.
    Export(export::Args),
    /// Report on the dictionaries: `coverage` lists lexicon entries and uncovered CAMEO codes per root.
    #[command(subcommand)]
    Dicts(dicts_cmd::Command),
    /// Code stored articles again with the current models and dictionaries, and report what changed.
    Recode(recode::Args),
    /// Serve the JSON API (/api/..., /openapi.json) and the web pages over a store, on loopback unless told otherwise.
    Serve(serve::Args),
}

/// Prints the dictionary lines an engine skipped; returns how many.
pub fn report_skipped_lines(lines: &[String]) -> usize {
    for l in lines {
        eprintln!("annals: skipped dictionary line {l}");
    }
    lines.len()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `ANNALS_LOG=annals_code=debug annals code ...` traces the coder's
    // decisions (triggers dropped and why) on stderr.
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_env("ANNALS_LOG") {
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).without_time().init();
    }
    let result = match cli.command {
        Command::Code(a) => code::run(a),
        Command::Parse(a) => parse::run(a),
        Command::Train(a) => train::run(a),
        Command::Eval(c) => eval::run(c),
        Command::Ingest(a) => ingest::run(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) => export::run(a),
        Command::Recode(a) => recode::run(a),
        Command::Dicts(c) => dicts_cmd::run(c),
        Command::Serve(a) => serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("annals: {e:#}");
            ExitCode::from(2)
        }
    }
}

//! `annals eval`: scores the models against gold data.

use annals_text::eval::ParseScores;
use annals_text::models::ModelBytes;
use annals_text::{conllu, Pipeline};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// UPOS, XPOS, lemma, UAS and LAS on a CoNLL-U treebank, from its gold tokens.
    Parse {
        gold: PathBuf,
        /// Read models from this folder instead of the embedded ones.
        #[arg(long)]
        models: Option<PathBuf>,
        /// Fail (exit 1) when UPOS or LAS falls below these percentages.
        #[arg(long)]
        min_upos: Option<f64>,
        #[arg(long)]
        min_las: Option<f64>,
        /// Parse with the gold Penn tags (the parser's upper bound with a
        /// perfect tagger); prints UAS and LAS only.
        #[arg(long)]
        gold_tags: bool,
        /// Decode dependencies with a beam of this many paths (1: greedy;
        /// the default is the pipeline's own beam).
        #[arg(long, default_value_t = annals_text::pipeline::PARSER_BEAM)]
        beam: usize,
    },
    /// Entity precision, recall and F1 per type on an IOB2 file (UNER format).
    Ner {
        gold: PathBuf,
        #[arg(long)]
        models: Option<PathBuf>,
        /// Fail (exit 1) when the micro-averaged F1 falls below this percentage.
        #[arg(long)]
        min_f1: Option<f64>,
        /// Print up to this many sentences whose entities differ from the gold ones.
        #[arg(long, default_value_t = 0)]
        show_errors: usize,
    },
    /// Code each PLOVER gold record's sentence and compare category, source and target.
    Plover {
        gold: PathBuf,
        /// Fail (exit 1) below these percentages.
        #[arg(long)]
        min_recall: Option<f64>,
        #[arg(long)]
        min_triple: Option<f64>,
        /// Print the records whose category was missed.
        #[arg(long)]
        show_misses: bool,
        /// Print the found events whose place is wrong: missing where the
        /// sentence states one, or given where it states none.
        #[arg(long)]
        show_places: bool,
    },
    /// Score whole news reports against gold event files (news-gold/FORMAT.md):
    /// required and stretch recall, precision, attributes, violations.
    Events(crate::events_eval::Args),
    /// Code PETRARCH's validation records from raw text with the dictionaries
    /// their <Environment> names, and compare (source, target, CAMEO) triples.
    Petrarch(crate::petrarch_eval::Args),
    /// Token and sentence F1 from the raw text of a CoNLL-U treebank (CoNLL 2018 style).
    Tokenize {
        gold: PathBuf,
        /// Fail (exit 1) when token F1 falls below this percentage.
        #[arg(long)]
        min_tokens_f1: Option<f64>,
        /// Print up to this many differences from the gold segmentation.
        #[arg(long, default_value_t = 0)]
        show_errors: usize,
    },
}

fn pipeline(models: &Option<PathBuf>) -> Result<Pipeline> {
    Ok(match models {
        Some(d) => Pipeline::from_bytes(&ModelBytes::from_dir(d)?)?,
        None => Pipeline::embedded()?,
    })
}

fn gate(name: &str, value: f64, min: Option<f64>, ok: &mut bool) {
    if let Some(m) = min {
        if value < m {
            eprintln!("annals: {name} {value:.2} is below the target {m:.2}");
            *ok = false;
        }
    }
}

pub fn run(c: Command) -> Result<ExitCode> {
    let mut ok = true;
    match c {
        Command::Events(a) => return crate::events_eval::run(a),
        Command::Petrarch(a) => ok &= crate::petrarch_eval::run(a)?,
        Command::Parse { gold, models, min_upos, min_las, gold_tags, beam } => {
            let mut p = pipeline(&models)?;
            p.set_parser_beam(beam);
            let sents = conllu::read_file(&gold)?;
            if gold_tags {
                let s = annals_text::eval::score_parse_gold_tags(&p, &sents);
                println!("{}: {} words, parsed with the gold Penn tags", gold.display(), s.words);
                println!("UAS    {:6.2}", s.uas());
                println!("LAS    {:6.2}   (universal relations, as CoNLL 2018)", s.las());
                gate("LAS", s.las(), min_las, &mut ok);
                return Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) });
            }
            let t = std::time::Instant::now();
            let s: ParseScores = annals_text::eval::score_parse(&p, &sents);
            let secs = t.elapsed().as_secs_f64();
            println!(
                "{}: {} sentences, {} words ({:.0} words/s)",
                gold.display(),
                sents.len(),
                s.words,
                s.words as f64 / secs
            );
            println!("UPOS   {:6.2}", s.upos());
            println!("XPOS   {:6.2}", s.xpos());
            println!("LEMMA  {:6.2}", s.lemma());
            println!("UAS    {:6.2}", s.uas());
            println!("LAS    {:6.2}   (universal relations, as CoNLL 2018)", s.las());
            println!("LAS+   {:6.2}   (full relations with subtypes)", s.las_full());
            gate("UPOS", s.upos(), min_upos, &mut ok);
            gate("LAS", s.las(), min_las, &mut ok);
        }
        Command::Ner { gold, models, min_f1, show_errors } => {
            let p = pipeline(&models)?;
            if !p.has_ner() {
                anyhow::bail!("the entity model is not trained yet: run `annals train --only ner`");
            }
            let sents = annals_text::iob::read_file(&gold)?;
            // One document at a time, as articles are annotated: the
            // recogniser harmonises names across a document's sentences.
            let mut pred = Vec::with_capacity(sents.len());
            let mut start = 0;
            while start < sents.len() {
                let end = (start + 1..sents.len()).find(|&i| sents[i].newdoc).unwrap_or(sents.len());
                let input: Vec<Vec<(String, bool)>> =
                    sents[start..end].iter().map(|s| s.forms.iter().map(|f| (f.clone(), true)).collect()).collect();
                let doc = p.annotate_tokenized(&input);
                let mut found = vec![Vec::new(); input.len()];
                let mut si = 0;
                for e in &doc.entities {
                    while doc.sentences[si].tokens.end <= e.tokens.start {
                        si += 1;
                    }
                    let base = doc.sentences[si].tokens.start;
                    found[si].push((e.tokens.start - base..e.tokens.end - base, e.label));
                }
                pred.extend(found);
                start = end;
            }
            let gold_spans: Vec<_> = sents.iter().map(|s| annals_text::iob::spans(&s.tags)).collect();
            let scores = annals_text::ner::score(&gold_spans, &pred);
            println!("{}: {} sentences (tags and entities predicted by annals)", gold.display(), sents.len());
            let differing = sents.iter().zip(gold_spans.iter().zip(&pred)).filter(|(_, (g, p))| g != p);
            for (s, (g, p)) in differing.take(show_errors) {
                print!("{}", annals_text::ner::difference(&s.forms, g, p));
            }
            print!("{scores}");
            println!("F1     {:6.2}", 100.0 * scores.micro.f1());
            gate("entity F1", 100.0 * scores.micro.f1(), min_f1, &mut ok);
        }
        Command::Plover { gold, min_recall, min_triple, show_misses, show_places } => {
            let engine = annals_engine::Engine::load(&annals_engine::Options::default())?;
            let s = annals_engine::plover_eval::run(&engine, &gold)?;
            if show_misses {
                s.misses.iter().for_each(|m| println!("{m}"));
            }
            if show_places {
                s.place_errors.iter().for_each(|m| println!("{m}"));
            }
            println!(
                "{}: {} records, {:.2} events per record",
                gold.display(),
                s.records,
                s.events as f64 / s.records.max(1) as f64
            );
            let pct = |n: usize| 100.0 * n as f64 / s.records.max(1) as f64;
            println!("category recall  {:6.2}", pct(s.category));
            println!(
                "source agreement {:6.2}   (of records with a gold source and the category found: {:.2})",
                pct(s.source),
                100.0 * s.source as f64 / s.with_source.max(1) as f64
            );
            println!(
                "target agreement {:6.2}   (of records with a gold target and the category found: {:.2})",
                pct(s.target),
                100.0 * s.target as f64 / s.with_target.max(1) as f64
            );
            println!("full triple      {:6.2}", pct(s.triple));
            let of = |n: usize, d: usize| 100.0 * n as f64 / d.max(1) as f64;
            println!(
                "place            {:6.2}   (of {} found events whose sentence states the place: the event has it)",
                of(s.place, s.with_place),
                s.with_place
            );
            println!(
                "no place         {:6.2}   (of {} found events whose sentence states none: the event has none)",
                of(s.no_place, s.without_place),
                s.without_place
            );
            gate("PLOVER category recall", pct(s.category), min_recall, &mut ok);
            gate("PLOVER full triple", pct(s.triple), min_triple, &mut ok);
        }
        Command::Tokenize { gold, min_tokens_f1, show_errors } => {
            let text = std::fs::read_to_string(&gold).with_context(|| format!("reading {}", gold.display()))?;
            let g = annals_text::tokeval::read_gold(&text, &gold.display().to_string())?;
            let s = annals_text::tokeval::score(&g);
            println!("{}: {} gold tokens, {} gold sentences", gold.display(), s.tokens.gold, s.sentences.gold);
            println!("{:<10} {:>7} {:>7} {:>7}", "", "P", "R", "F1");
            for (name, p) in [("Tokens", s.tokens), ("Words", s.words), ("Sentences", s.sentences)] {
                println!("{name:<10} {:>7.2} {:>7.2} {:>7.2}", 100.0 * p.precision, 100.0 * p.recall, 100.0 * p.f1);
            }
            for e in annals_text::tokeval::errors(&g, show_errors) {
                println!("  {e}");
            }
            gate("token F1", 100.0 * s.tokens.f1, min_tokens_f1, &mut ok);
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

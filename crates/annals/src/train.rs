//! `annals train`: rebuilds the models from `../shared/data`.
//!
//! Training is deterministic: the same data, seed and epoch counts give the
//! same model files, byte for byte.

use annals_text::clusters::Clusters;
use annals_text::conllu::{self, TreeSentence};
use annals_text::lemma::Lemmatizer;
use annals_text::parser::{Parser, TrainSentence};
use annals_text::tagger::Tagger;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// The shared data folder (with ud-ewt/, uner-ewt/, geonames/).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the models (they are embedded at the next build).
    #[arg(long, default_value = "crates/annals-text/models")]
    out: PathBuf,
    /// Which models to train: any of tagger, lemma, parser, ner, places.
    #[arg(long, value_delimiter = ',', default_value = "tagger,lemma,parser,ner,places")]
    only: Vec<String>,
    /// Where to write the place gazetteer (embedded by the coder at the next build).
    #[arg(long, default_value = "crates/annals-code/data/places.bin")]
    places_out: PathBuf,
    #[arg(long, default_value_t = 10)]
    tagger_epochs: usize,
    #[arg(long, default_value_t = 15)]
    parser_epochs: usize,
    #[arg(long, default_value_t = 12)]
    ner_epochs: usize,
    /// How often entity training hides a word's identity.
    #[arg(long, default_value_t = 0.1)]
    ner_dropout: f64,
    /// Train the entity recogniser on UNER train only. By default it also
    /// learns from UNER dev (a seventh more names; test F1 +1.6), which
    /// makes its dev scores meaningless: use this flag when tuning on dev.
    #[arg(long)]
    ner_train_only: bool,
    /// Train the parser on tags predicted by K taggers each trained without
    /// one K-th of the data (jackknifing), so that it learns to live with
    /// tagging errors; 0 trains it on gold tags.
    #[arg(long, default_value_t = 4)]
    jackknife: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Train tagger, lemmatiser and parser on UD EWT train alone, without
    /// GUM train (for ablations).
    #[arg(long)]
    no_gum: bool,
    /// Train the parser on UD EWT train alone (tagger and lemmatiser still
    /// learn from GUM too).
    #[arg(long)]
    parser_no_gum: bool,
    /// Train without word clusters (for ablations).
    #[arg(long)]
    no_clusters: bool,
    /// Word clusters: how many of GloVe's most frequent words get one.
    #[arg(long, default_value_t = 200_000)]
    cluster_words: usize,
    /// Word clusters: depth of the bisecting k-means tree, in bits (≤ 15).
    #[arg(long, default_value_t = 15)]
    cluster_depth: u32,
    /// Word clusters: 2-means iterations per split.
    #[arg(long, default_value_t = 10)]
    cluster_iterations: usize,
    /// Also train the entity recogniser on PER/ORG/LOC sentences derived
    /// from GUM train's entity layer (see `annals_text::gum`).
    #[arg(long)]
    ner_gum: bool,
    /// With --ner-gum, count any person, place or organisation mention
    /// headed by a proper noun as named, not only those with a Wikipedia
    /// identity.
    #[arg(long)]
    ner_gum_any: bool,
    /// Train the entity recogniser on this fraction of UNER train only (its
    /// first sentences), for learning curves.
    #[arg(long, default_value_t = 1.0, hide = true)]
    ner_fraction: f64,
    /// Drop the tagger's and parser's averaged weights smaller than this in
    /// magnitude, for smaller and faster models (at 1.0 the parser is 12 MB
    /// instead of 32 with the same EWT dev LAS; at 2.0 LAS drops 0.9).
    #[arg(long, default_value_t = 1.0)]
    prune: f32,
    /// Instead of training, prune the tagger and parser already in --out.
    #[arg(long, hide = true)]
    reprune: bool,
    /// Keep the jackknifed tags in this file and reuse them when it exists
    /// (for repeated experiments with the parser or the entity recogniser).
    #[arg(long, hide = true)]
    tags_cache: Option<PathBuf>,
}

pub fn ewt(data: &Path, split: &str) -> Result<Vec<TreeSentence>> {
    let p = data.join("ud-ewt").join(format!("en_ewt-ud-{split}.conllu"));
    Ok(conllu::read_file(&p)?)
}

pub fn gum(data: &Path, split: &str) -> Result<Vec<TreeSentence>> {
    let p = data.join("ud-gum").join(format!("en_gum-ud-{split}.conllu"));
    Ok(conllu::read_file(&p)?)
}

fn tagger_data(s: &[TreeSentence]) -> Vec<(Vec<String>, Vec<String>)> {
    s.iter()
        .map(|s| {
            (
                s.words.iter().map(|w| w.form.clone()).collect(),
                s.words.iter().map(|w| format!("{}|{}", w.upos, w.xpos)).collect(),
            )
        })
        .collect()
}

fn log(start: Instant) -> impl FnMut(&str) {
    move |m: &str| eprintln!("[{:7.1}s] {m}", start.elapsed().as_secs_f64())
}

pub fn run(a: Args) -> Result<ExitCode> {
    let start = Instant::now();
    let mut log = log(start);
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let want = |m: &str| a.only.iter().any(|x| x == m);
    if a.reprune {
        let mut t = Tagger::read(&std::fs::read(a.out.join("tagger.bin"))?[..])?;
        t.prune(a.prune);
        let mut b = Vec::new();
        t.write(&mut b)?;
        std::fs::write(a.out.join("tagger.bin"), &b)?;
        let mut p = Parser::read(&std::fs::read(a.out.join("parser.bin"))?[..])?;
        p.prune(a.prune);
        let mut b2 = Vec::new();
        p.write(&mut b2)?;
        std::fs::write(a.out.join("parser.bin"), &b2)?;
        eprintln!("pruned below {}: tagger {} KB, parser {} KB", a.prune, b.len() / 1024, b2.len() / 1024);
        return Ok(ExitCode::SUCCESS);
    }
    let needs_treebank = ["lemma", "tagger", "parser", "ner"].iter().any(|m| want(m));
    let mut train = if needs_treebank { ewt(&a.data, "train")? } else { Vec::new() };
    if needs_treebank && !a.no_gum {
        train.extend(gum(&a.data, "train")?);
    }
    if needs_treebank {
        log(&format!("read {} training sentences", train.len()));
    }
    let clusters = if a.no_clusters || !["tagger", "parser", "ner"].iter().any(|m| want(m)) {
        Clusters::default()
    } else {
        let p = a.data.join("glove/glove.6B.50d.txt.gz");
        let c = Clusters::build(&p, a.cluster_words, a.cluster_depth, a.cluster_iterations)
            .with_context(|| format!("building word clusters from {}", p.display()))?;
        log(&format!("word clusters: {} words, depth {}", c.len(), a.cluster_depth));
        c
    };
    let write = |name: &str, f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| -> Result<()> {
        let mut buf = Vec::new();
        f(&mut buf)?;
        let p = a.out.join(name);
        std::fs::write(&p, &buf).with_context(|| format!("writing {}", p.display()))?;
        eprintln!("wrote {} ({} KB)", p.display(), buf.len() / 1024);
        Ok(())
    };
    if want("lemma") {
        let lem = Lemmatizer::train(
            train.iter().flat_map(|s| s.words.iter().map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str()))),
        );
        write("lemma.bin", &|b| lem.write(b))?;
    }
    if want("tagger") {
        let mut tagger = Tagger::train_with(&tagger_data(&train), &clusters, a.tagger_epochs, a.seed, &mut log);
        if a.prune > 0.0 {
            tagger.prune(a.prune);
        }
        write("tagger.bin", &|b| tagger.write(b))?;
    }
    // The parser and the entity recogniser learn from predicted tags, as
    // they will see them at run time.
    let cached = a.tags_cache.as_ref().and_then(|p| std::fs::read_to_string(p).ok());
    let tags: Vec<Vec<String>> = if let Some(c) = cached.filter(|c| c.lines().count() == train.len()) {
        c.lines().map(|l| l.split(' ').map(str::to_string).collect()).collect()
    } else if a.jackknife >= 2 && (want("parser") || want("ner")) {
        let t = jackknife_tags(&train, &clusters, a.jackknife, a.tagger_epochs, a.seed, &mut log);
        if let Some(p) = &a.tags_cache {
            let lines: Vec<String> = t.iter().map(|s| s.join(" ")).collect();
            std::fs::write(p, lines.join("\n") + "\n").with_context(|| format!("writing {}", p.display()))?;
        }
        t
    } else {
        train.iter().map(|s| s.words.iter().map(|w| w.xpos.clone()).collect()).collect()
    };
    if want("parser") {
        let ewt_only = if a.parser_no_gum { ewt(&a.data, "train")?.len() } else { train.len() };
        let data: Vec<TrainSentence> = train[..ewt_only]
            .iter()
            .zip(&tags)
            .map(|(s, tags)| TrainSentence {
                forms: s.words.iter().map(|w| w.form.clone()).collect(),
                tags: tags.clone(),
                heads: s.words.iter().map(|w| w.head).collect(),
                deprels: s.words.iter().map(|w| w.deprel.clone()).collect(),
            })
            .collect();
        let mut parser = Parser::train_with(&data, &clusters, a.parser_epochs, a.seed, &mut log);
        if a.prune > 0.0 {
            parser.prune(a.prune);
        }
        write("parser.bin", &|b| parser.write(b))?;
    }
    if want("places") {
        let places = annals_code::places::Places::build(&a.data).map_err(anyhow::Error::msg)?;
        log(&format!("place gazetteer: {} names", places.len()));
        let mut buf = Vec::new();
        places.write(&mut buf)?;
        let p = a.places_out.clone();
        std::fs::write(&p, &buf).with_context(|| format!("writing {}", p.display()))?;
        eprintln!("wrote {} ({} KB)", p.display(), buf.len() / 1024);
    }
    if want("ner") {
        let mut gaz = annals_text::gazetteer::Gazetteer::build(&a.data)?;
        add_dictionary_names(&mut gaz);
        log(&format!("gazetteer: {} names", gaz.len()));
        let p = a.data.join("uner-ewt/en_ewt-ud-train.iob2");
        let mut data = annals_text::iob::read_file(&p)?;
        let ids: Vec<Option<String>> = train.iter().map(|s| s.id.clone()).collect();
        let mut xpos = annals_text::ner::align_tags(&data, &ids, &tags);
        if a.ner_fraction < 1.0 {
            let keep = (data.len() as f64 * a.ner_fraction.max(0.0)).round() as usize;
            data.truncate(keep);
            xpos.truncate(keep);
        }
        if !a.ner_train_only {
            // Dev sentences are tagged by the tagger in --out (trained on
            // train only), so their tags are as noisy as at run time.
            let tagger_path = a.out.join("tagger.bin");
            let bytes = std::fs::read(&tagger_path).with_context(|| format!("reading {}", tagger_path.display()))?;
            let tagger = Tagger::read(&bytes).with_context(|| format!("reading {}", tagger_path.display()))?;
            let dev = annals_text::iob::read_file(&a.data.join("uner-ewt/en_ewt-ud-dev.iob2"))?;
            for s in dev {
                let forms: Vec<&str> = s.forms.iter().map(String::as_str).collect();
                let labels = tagger.labels();
                xpos.push(
                    tagger.tag(&forms).iter().map(|&c| Tagger::split(&labels[c as usize]).1.to_string()).collect(),
                );
                data.push(s);
            }
        }
        if a.ner_gum {
            let derived = annals_text::gum::entity_sentences(&gum(&a.data, "train")?, !a.ner_gum_any);
            log(&format!("entity sentences derived from GUM train: {}", derived.len()));
            for (s, tags) in derived {
                data.push(s);
                xpos.push(tags);
            }
        }
        log(&format!("entity training: {} sentences", data.len()));
        let config = annals_text::ner::Config {
            epochs: a.ner_epochs,
            seed: a.seed,
            xpos: true,
            word_dropout: a.ner_dropout,
            ..annals_text::ner::Config::default()
        };
        let rec = annals_text::ner::Recognizer::train_with(&data, Some(&xpos), &gaz, &clusters, &config, &mut log);
        write("ner.bin", &|b| rec.write(b))?;
    }
    log("done");
    Ok(ExitCode::SUCCESS)
}

/// Adds the event coder's organisations and people to the entity gazetteer:
/// the names analysts care about most should be the best recognised. A
/// person's first and last words also count as a given name and a surname.
fn add_dictionary_names(gaz: &mut annals_text::gazetteer::Gazetteer) {
    use annals_code::dict::actors::{ActorDict, ActorKind, FormKind};
    use annals_text::gazetteer::Kind;
    for actor in ActorDict::embedded().actors() {
        let kind = match actor.kind {
            ActorKind::Igo | ActorKind::Group => Kind::Org,
            ActorKind::Person => Kind::Person,
            _ => continue,
        };
        let forms = actor.forms.iter().filter(|(k, _)| matches!(k, FormKind::Name | FormKind::Abbreviation));
        for name in std::iter::once(actor.name.as_str()).chain(forms.map(|(_, f)| f.as_str())) {
            gaz.insert(name, kind);
            let words: Vec<&str> = name.split(' ').collect();
            if kind == Kind::Person && words.len() >= 2 {
                gaz.insert(words[0], Kind::Given);
                gaz.insert(words[words.len() - 1], Kind::Surname);
            }
        }
    }
}

/// Penn tags for every training sentence, each predicted by a tagger that
/// did not see that sentence.
fn jackknife_tags(
    train: &[TreeSentence],
    clusters: &Clusters,
    k: usize,
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(&str),
) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); train.len()];
    for fold in 0..k {
        let held: Vec<usize> = (0..train.len()).filter(|i| i % k == fold).collect();
        let rest: Vec<TreeSentence> =
            train.iter().enumerate().filter(|(i, _)| i % k != fold).map(|(_, s)| s.clone()).collect();
        log(&format!("jackknife fold {}/{k}", fold + 1));
        let t = Tagger::train_with(&tagger_data(&rest), clusters, epochs, seed + fold as u64, &mut |_| {});
        for i in held {
            let forms: Vec<&str> = train[i].words.iter().map(|w| w.form.as_str()).collect();
            out[i] = t.tag(&forms).iter().map(|&c| Tagger::split(&t.labels()[c as usize]).1.to_string()).collect();
        }
    }
    out
}

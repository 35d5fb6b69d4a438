//! Named-entity recognition: PER, ORG and LOC, as in Universal NER.
//!
//! A greedy, left-to-right averaged perceptron over BILOU tags (`B`egin,
//! `I`nside, `L`ast, `U`nit, `O`utside): BILOU makes the end of an entity a
//! decision of its own, which is what most boundary errors are about. Decoding
//! only allows well-formed sequences, so every output is a set of spans.
//!
//! Features are the word and its neighbours, spelling (shape, affixes,
//! capitalisation), the tags already chosen on the left, and gazetteer
//! matches ([`crate::gazetteer`]) for the token and its neighbours: the
//! gazetteer is what carries the model beyond the names seen in training.
//! Penn tags are optional: a model trained with them must be given them.

use crate::clusters::Clusters;
use crate::doc::{Doc, EntityLabel};
use crate::embed::Embeddings;
use crate::features::{f1, f2, f3, hash_str, norm, prefix, shape, suffix};
use crate::gazetteer::{GazTag, Gazetteer};
use crate::iob::IobSentence;
use crate::perceptron::{get_varint, put_varint, Model, Rng, Trainer};
use std::io::{self, Read, Write};
use std::ops::Range;

/// A span of tokens with its entity type.
pub type Span = (Range<usize>, EntityLabel);

/// The tagging scheme the model predicts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Iob,
    Bilou,
}

/// Training settings; [`Config::default`] is what `annals train` uses.
#[derive(Debug, Clone)]
pub struct Config {
    pub epochs: usize,
    pub seed: u64,
    pub scheme: Scheme,
    /// Use Penn tags as features (then [`Recognizer::recognize`] needs them).
    pub xpos: bool,
    /// Averaged weights below this are dropped from the model.
    pub prune: f32,
    /// How often training hides a word's identity (see `Context::features`).
    pub word_dropout: f64,
    /// Use word-cluster features (when clusters are given).
    pub clusters: bool,
    /// Use binned word-vector features (when embeddings are given).
    pub dense: bool,
    /// Only the outer bins of each dimension fire (its two tails).
    pub dense_tails: bool,
    /// Hide the word's own vector when training hides the word.
    pub dense_dropout: bool,
    /// A second pass with non-local features (the first pass's labels of
    /// the same word elsewhere in the document), trained on first-pass
    /// labels from this many folds of documents; 0 or 1: one pass.
    pub two_pass_folds: usize,
    /// The second pass also reads the first pass's class of the token and
    /// its neighbours.
    pub two_pass_stack: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            epochs: 12,
            seed: 1,
            scheme: Scheme::Bilou,
            xpos: false,
            prune: 0.1,
            word_dropout: 0.1,
            clusters: true,
            dense: false,
            dense_tails: false,
            dense_dropout: false,
            two_pass_folds: 0,
            two_pass_stack: true,
        }
    }
}

/// A trained entity recogniser, with its gazetteer.
pub struct Recognizer {
    model: Model,
    gazetteer: Gazetteer,
    scheme: Scheme,
    xpos: bool,
    /// Per class: position letter (`O`, `B`, `I`, `L`, `U`) and entity type.
    classes: Vec<(u8, Option<EntityLabel>)>,
    /// Word clusters from word vectors (empty in a model trained without).
    clusters: Clusters,
    /// Binned word vectors (empty in a model trained without).
    embeddings: Embeddings,
    /// Only the outer bins of the vectors fire.
    tails: bool,
    /// The second pass stacks on the first pass's own classes.
    stack: bool,
    /// The second pass, with non-local features (see [`nonlocal`]).
    second: Option<Model>,
}

const PAD: usize = 2;
const START: u64 = 0x5ea7;
const END: u64 = 0xe4d;
const UNK: u64 = 0x0dd;

/// Per-token values that features combine, computed once per sentence.
struct Context {
    norm: Vec<u64>,
    form: Vec<u64>,
    shape: Vec<u64>,
    suf: Vec<[u64; 4]>,
    pre: Vec<[u64; 3]>,
    flags: Vec<u64>,
    gaz: Vec<u64>,
    xpos: Vec<u64>,
    /// Cluster paths; `None` without clusters.
    clu: Option<Vec<u16>>,
    /// Binned word vectors, `dim` per token ([`NO_VECTOR`] for none);
    /// `None` without embeddings.
    dense: Option<Vec<u8>>,
    dim: usize,
    /// Bins of the vectors, and whether only the outer ones fire.
    bins: u8,
    tails: bool,
    dense_dropout: bool,
    /// Non-local values per token (without padding), from a first pass;
    /// `None` in the first pass.
    nl: Option<Vec<NonLocal>>,
    /// The second pass also sees the first pass's own class of the token
    /// and its neighbours (stacking), not only the other mentions'.
    stack: bool,
}

const NO_VECTOR: u8 = 0xff;

impl Context {
    fn new(
        forms: &[&str],
        norms: &[&str],
        xpos: &[&str],
        gazetteer: &Gazetteer,
        clusters: &Clusters,
        embeddings: &Embeddings,
    ) -> Context {
        let n = forms.len() + 2 * PAD;
        let mut c = Context {
            norm: vec![START; n],
            form: vec![START; n],
            shape: vec![START; n],
            suf: vec![[START; 4]; n],
            pre: vec![[START; 3]; n],
            flags: vec![START; n],
            gaz: vec![START; n],
            xpos: vec![START; n],
            clu: (!clusters.is_empty()).then(|| vec![0; n]),
            dense: (!embeddings.is_empty()).then(|| vec![NO_VECTOR; n * embeddings.dim()]),
            dim: embeddings.dim(),
            bins: embeddings.bins() as u8,
            tails: false,
            dense_dropout: false,
            nl: None,
            stack: true,
        };
        for i in n - PAD..n {
            c.norm[i] = END;
            c.form[i] = END;
            c.shape[i] = END;
            c.suf[i] = [END; 4];
            c.pre[i] = [END; 3];
            c.flags[i] = END;
            c.gaz[i] = END;
            c.xpos[i] = END;
        }
        let gaz = gazetteer.lookup(forms, norms);
        for (k, f) in forms.iter().enumerate() {
            let i = k + PAD;
            let nf = norm(f);
            c.norm[i] = hash_str(&nf);
            c.form[i] = hash_str(f);
            if let Some(clu) = c.clu.as_mut() {
                clu[i] = clusters.path(c.norm[i]);
            }
            if let (Some(dense), Some(row)) = (c.dense.as_mut(), embeddings.row(c.norm[i])) {
                dense[i * c.dim..(i + 1) * c.dim].copy_from_slice(row);
            }
            c.shape[i] = hash_str(&shape(f));
            for n in 1..=4 {
                c.suf[i][n - 1] = hash_str(suffix(&nf, n));
            }
            for n in 1..=3 {
                c.pre[i][n - 1] = hash_str(prefix(&nf, n));
            }
            let upper = f.chars().next().is_some_and(char::is_uppercase);
            let allcaps = f.chars().all(|c| !c.is_lowercase()) && f.chars().any(char::is_uppercase);
            let lower = f.chars().next().is_some_and(char::is_lowercase);
            let digit = f.chars().any(|c| c.is_ascii_digit());
            let alpha = f.chars().any(char::is_alphabetic);
            c.flags[i] = u64::from(upper)
                | u64::from(allcaps) << 1
                | u64::from(lower) << 2
                | u64::from(digit) << 3
                | u64::from(alpha) << 4
                | u64::from(k == 0) << 5;
            c.gaz[i] = gaz[k].map_or(0, GazTag::code);
            c.xpos[i] = xpos.get(k).map_or(0, |x| hash_str(x));
        }
        c
    }

    /// Features of token `k`; `left[j]` is the class + 1 chosen for token
    /// `j < k`.
    fn features(&self, k: usize, left: &[u16], xpos: bool, unk: bool, out: &mut Vec<u64>) {
        out.clear();
        let i = k + PAD;
        // In training, the word itself is sometimes hidden so that the model
        // learns what context and spelling say about names it has never
        // seen, which is most of the names it will meet.
        let (word, form) = if unk { (UNK, UNK) } else { (self.norm[i], self.form[i]) };
        let tag = |d: usize| -> u64 {
            if k >= d {
                u64::from(left[k - d])
            } else {
                0xfff0
            }
        };
        let (t1, t2) = (tag(1), tag(2));
        out.push(f1(1, 0));
        out.push(f1(2, word));
        out.push(f1(3, form));
        out.push(f1(4, self.shape[i]));
        for n in 1..4 {
            out.push(f1(5 + n as u32, self.suf[i][n]));
        }
        for n in 0..3 {
            out.push(f1(9 + n as u32, self.pre[i][n]));
        }
        out.push(f1(12, self.flags[i]));
        out.push(f1(13, self.norm[i - 1]));
        out.push(f1(14, self.norm[i + 1]));
        out.push(f1(15, self.norm[i - 2]));
        out.push(f1(16, self.norm[i + 2]));
        out.push(f1(17, t1));
        out.push(f2(18, t1, t2));
        out.push(f2(19, t1, word));
        out.push(f2(20, t1, self.shape[i]));
        out.push(f2(21, self.norm[i - 1], word));
        out.push(f2(22, word, self.norm[i + 1]));
        out.push(f1(23, self.shape[i - 1]));
        out.push(f1(24, self.shape[i + 1]));
        out.push(f3(25, self.shape[i - 1], self.shape[i], self.shape[i + 1]));
        out.push(f2(26, self.form[i - 1], self.flags[i]));
        out.push(f2(27, self.form[i + 1], self.flags[i]));
        out.push(f2(28, self.flags[i - 1], self.flags[i]));
        out.push(f2(29, self.flags[i], self.flags[i + 1]));
        out.push(f2(30, t1, self.flags[i]));
        // Gazetteer matches: the token's, its neighbours', and the token's
        // combined with its capitalisation and the tag on the left.
        out.push(f1(40, self.gaz[i]));
        out.push(f1(41, self.gaz[i - 1]));
        out.push(f1(42, self.gaz[i + 1]));
        out.push(f2(43, self.gaz[i], self.flags[i]));
        out.push(f2(44, self.gaz[i], t1));
        out.push(f3(45, self.gaz[i - 1], self.gaz[i], self.gaz[i + 1]));
        // Each kind on its own, so that names with several kinds share
        // evidence with names of one.
        for (d, j) in [(0u64, i), (1, i - 1), (2, i + 1)] {
            let g = self.gaz[j];
            if g != 0 && g != START && g != END {
                let pos = g >> 16;
                for bit in 0..16u64 {
                    if g & (1 << bit) != 0 {
                        out.push(f3(46, d, bit, pos));
                        if d == 0 {
                            out.push(f3(47, bit, pos, self.flags[i]));
                        }
                    }
                }
            }
        }
        out.push(f1(31, self.flags[i + 1]));
        out.push(f3(32, self.flags[i], self.flags[i + 1], t1));
        if let Some(c) = &self.clu {
            let p = Clusters::prefix;
            out.push(f1(70, p(c[i], 4)));
            out.push(f1(71, p(c[i], 8)));
            out.push(f1(72, p(c[i], 12)));
            out.push(f1(73, p(c[i], 15)));
            out.push(f1(74, p(c[i - 1], 8)));
            out.push(f1(75, p(c[i + 1], 8)));
            out.push(f1(76, p(c[i - 1], 15)));
            out.push(f1(77, p(c[i + 1], 15)));
            out.push(f2(78, p(c[i], 8), self.flags[i]));
            out.push(f2(79, p(c[i], 15), self.flags[i]));
            out.push(f2(80, p(c[i], 8), t1));
            out.push(f2(81, p(c[i], 12), self.gaz[i]));
        }
        if let Some(dense) = &self.dense {
            // Every dimension of the word's and its neighbours' vectors.
            for (d, j) in [(0u32, i), (1, i - 1), (2, i + 1)] {
                let row = &dense[j * self.dim..(j + 1) * self.dim];
                if row.first().is_none_or(|&b| b == NO_VECTOR) || (d == 0 && unk && self.dense_dropout) {
                    out.push(f1(93 + d, 0));
                    continue;
                }
                for (x, &b) in row.iter().enumerate() {
                    if !self.tails || b == 0 || b + 1 == self.bins {
                        out.push(f2(90 + d, x as u64, u64::from(b)));
                    }
                }
            }
        }
        if let Some(nl) = &self.nl {
            let v = nl[k];
            let flags = self.flags[i];
            if self.stack {
                out.push(f1(100, v.own));
                out.push(f2(101, v.own, flags));
                out.push(f1(102, if k > 0 { nl[k - 1].own } else { START }));
                out.push(f1(103, nl.get(k + 1).map_or(END, |n| n.own)));
            }
            out.push(f1(104, v.major));
            out.push(f2(105, v.major, flags));
            out.push(f2(106, v.seen, flags));
            out.push(f1(107, v.prev));
            out.push(f2(108, v.prev, flags));
            if self.stack {
                out.push(f2(109, v.own, v.major));
            }
        }
        if xpos {
            out.push(f1(50, self.xpos[i]));
            out.push(f1(51, self.xpos[i - 1]));
            out.push(f1(52, self.xpos[i + 1]));
            out.push(f2(53, self.xpos[i], self.flags[i]));
            out.push(f2(54, self.xpos[i], t1));
        }
    }
}

/// The class labels of a scheme, `O` first.
fn labels(scheme: Scheme) -> Vec<String> {
    let pos: &[&str] = match scheme {
        Scheme::Iob => &["B", "I"],
        Scheme::Bilou => &["B", "I", "L", "U"],
    };
    let mut out = vec!["O".to_string()];
    for l in EntityLabel::ALL {
        for p in pos {
            out.push(format!("{p}-{}", l.as_str()));
        }
    }
    out
}

fn parse_classes(labels: &[String]) -> Vec<(u8, Option<EntityLabel>)> {
    labels
        .iter()
        .map(|l| match l.split_once('-') {
            Some((p, t)) => (p.as_bytes().first().copied().unwrap_or(b'O'), EntityLabel::parse(t)),
            None => (b'O', None),
        })
        .collect()
}

/// Per-token tag strings for spans in a scheme.
fn encode(spans: &[Span], n: usize, scheme: Scheme) -> Vec<String> {
    let mut tags = vec!["O".to_string(); n];
    for (r, l) in spans {
        let l = l.as_str();
        for i in r.clone() {
            let p = match scheme {
                Scheme::Iob if i == r.start => "B",
                Scheme::Iob => "I",
                Scheme::Bilou if r.len() == 1 => "U",
                Scheme::Bilou if i == r.start => "B",
                Scheme::Bilou if i + 1 == r.end => "L",
                Scheme::Bilou => "I",
            };
            tags[i] = format!("{p}-{l}");
        }
    }
    tags
}

/// Whether class `next` may follow class `prev` (`None` at the start); with
/// `last`, whether it may also end the sentence.
fn allowed(
    classes: &[(u8, Option<EntityLabel>)],
    scheme: Scheme,
    prev: Option<usize>,
    next: usize,
    last: bool,
) -> bool {
    if scheme == Scheme::Iob {
        return true;
    }
    let (np, nt) = classes[next];
    let open = prev.map(|p| classes[p]).filter(|(p, _)| matches!(p, b'B' | b'I'));
    let ok = match open {
        Some((_, t)) => matches!(np, b'I' | b'L') && nt == t,
        None => matches!(np, b'O' | b'B' | b'U'),
    };
    ok && !(last && matches!(np, b'B' | b'I'))
}

/// The spans of a class sequence; a BILOU sequence from constrained decoding
/// is well formed, and anything else is read leniently.
fn decode(classes: &[(u8, Option<EntityLabel>)], tags: &[usize]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, &c) in tags.iter().enumerate() {
        let (p, t) = classes[c];
        let continues = matches!(p, b'I' | b'L') && open.is_some_and(|(_, o)| Some(o) == t);
        if !continues {
            if let Some((s, l)) = open.take() {
                out.push((s..i, l));
            }
            if let (Some(t), b'B' | b'I' | b'L' | b'U') = (t, p) {
                open = Some((i, t));
            }
        }
        if matches!(p, b'L' | b'U') {
            if let Some((s, l)) = open.take() {
                out.push((s..i + 1, l));
            }
        }
    }
    if let Some((s, l)) = open {
        out.push((s..tags.len(), l));
    }
    out
}

/// The best allowed class.
fn best(scores: &[f32], ok: impl Fn(usize) -> bool) -> usize {
    let mut best = 0;
    let mut top = f32::NEG_INFINITY;
    for (c, &s) in scores.iter().enumerate() {
        if s > top && ok(c) {
            best = c;
            top = s;
        }
    }
    best
}

/// What a first pass said about a token and about the other mentions of
/// its word in the document, as feature values for the second pass (the
/// "two-stage prediction aggregation" and "prediction history" of Ratinov
/// and Roth 2009).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NonLocal {
    /// The token's own first-pass class + 1.
    own: u64,
    /// The entity type (0 for none, else 1 + its index in
    /// [`EntityLabel::ALL`]) most of the word's other mentions in the
    /// document got, ties to the lower; [`ALONE`] for a word mentioned once.
    major: u64,
    /// Bit set of the entity types any other mention got.
    seen: u64,
    /// The type the nearest earlier mention got; [`ALONE`] for the first.
    prev: u64,
}

const ALONE: u64 = 0xa10e;

/// Non-local values for every token of a document: `words[s][k]` is the
/// normalised-form hash of token `k` of sentence `s` and `tags[s][k]` its
/// first-pass class. Only tokens with a letter count as mentions (`alpha`).
fn nonlocal(
    words: &[&[u64]],
    alpha: &[Vec<bool>],
    tags: &[Vec<usize>],
    classes: &[(u8, Option<EntityLabel>)],
) -> Vec<Vec<NonLocal>> {
    let kind = |c: usize| -> usize {
        classes[c].1.and_then(|l| EntityLabel::ALL.iter().position(|&x| x == l)).map_or(0, |p| p + 1)
    };
    let mut counts: std::collections::HashMap<u64, [u32; 4]> = std::collections::HashMap::new();
    for ((w, a), t) in words.iter().zip(alpha).zip(tags) {
        for k in 0..t.len() {
            if a[k] {
                counts.entry(w[k]).or_default()[kind(t[k])] += 1;
            }
        }
    }
    let mut last: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(tags.len());
    for ((w, a), t) in words.iter().zip(alpha).zip(tags) {
        let mut row = Vec::with_capacity(t.len());
        for k in 0..t.len() {
            let own = t[k] as u64 + 1;
            if !a[k] {
                row.push(NonLocal { own, major: ALONE, seen: 0, prev: ALONE });
                continue;
            }
            let mut c = counts[&w[k]];
            c[kind(t[k])] -= 1;
            let top = *c.iter().max().unwrap_or(&0);
            let major = if top == 0 { ALONE } else { c.iter().position(|&n| n == top).unwrap_or(0) as u64 };
            let seen = (1..4).filter(|&j| c[j] > 0).fold(0u64, |m, j| m | 1 << j);
            let prev = last.insert(w[k], kind(t[k]) as u64).unwrap_or(ALONE);
            row.push(NonLocal { own, major, seen, prev });
        }
        out.push(row);
    }
    out
}

/// Greedy constrained decoding of one sentence.
fn greedy(
    model: &Model,
    ctx: &Context,
    n: usize,
    classes: &[(u8, Option<EntityLabel>)],
    scheme: Scheme,
    xpos: bool,
) -> Vec<usize> {
    let mut feats = Vec::with_capacity(256);
    let mut scores = vec![0f32; model.classes()];
    let mut hist: Vec<u16> = Vec::with_capacity(n);
    let mut tags = Vec::with_capacity(n);
    for k in 0..n {
        ctx.features(k, &hist, xpos, false, &mut feats);
        model.score(&feats, &mut scores);
        let prev = tags.last().copied();
        let t = best(&scores, |c| allowed(classes, scheme, prev, c, k + 1 == n));
        tags.push(t);
        hist.push(t as u16 + 1);
    }
    tags
}

/// Sets the non-local values of a document's sentences from their
/// first-pass classes.
fn set_nonlocal(contexts: &mut [Context], tags: &[Vec<usize>], classes: &[(u8, Option<EntityLabel>)]) {
    let words: Vec<&[u64]> = contexts.iter().map(|c| &c.norm[PAD..c.norm.len() - PAD]).collect();
    let alpha: Vec<Vec<bool>> =
        contexts.iter().map(|c| c.flags[PAD..c.flags.len() - PAD].iter().map(|f| f & 1 << 4 != 0).collect()).collect();
    let nl = nonlocal(&words, &alpha, tags, classes);
    for (c, v) in contexts.iter_mut().zip(nl) {
        c.nl = Some(v);
    }
}

/// Trains one perceptron on the sentences `which` of `contexts`.
#[allow(clippy::too_many_arguments)]
fn train_model(
    contexts: &[Context],
    gold: &[Vec<usize>],
    which: &[usize],
    labels: &[String],
    classes: &[(u8, Option<EntityLabel>)],
    config: &Config,
    use_xpos: bool,
    seed: u64,
    log: &mut dyn FnMut(&str),
) -> Model {
    let mut trainer = Trainer::new(labels.len());
    let mut order: Vec<usize> = which.to_vec();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(256);
    let mut scores = vec![0f32; labels.len()];
    for epoch in 0..config.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (ctx, g) = (&contexts[s], &gold[s]);
            let mut hist: Vec<u16> = Vec::with_capacity(g.len());
            for k in 0..g.len() {
                let unk = config.word_dropout > 0.0 && rng.unit() < config.word_dropout;
                ctx.features(k, &hist, use_xpos, unk, &mut feats);
                trainer.score(&feats, &mut scores);
                // Learn from the unconstrained choice; follow the
                // constrained one, as decoding will.
                let guess = best(&scores, |_| true);
                trainer.tick();
                trainer.update(&feats, g[k], guess);
                let prev = k.checked_sub(1).map(|j| hist[j] as usize - 1);
                let last = k + 1 == g.len();
                let c = if allowed(classes, config.scheme, prev, guess, last) {
                    guess
                } else {
                    best(&scores, |c| allowed(classes, config.scheme, prev, c, last))
                };
                right += usize::from(c == g[k]);
                total += 1;
                hist.push(c as u16 + 1);
            }
        }
        log(&format!("ner epoch {}: train tag accuracy {:.2}%", epoch + 1, 100.0 * right as f64 / total.max(1) as f64));
    }
    trainer.finish(labels.to_vec(), config.prune)
}

impl Recognizer {
    /// Trains on UNER sentences with the default settings but for `epochs`
    /// and `seed`. `xpos`, when given, holds Penn tags for every sentence
    /// and turns on the tag features.
    pub fn train(
        data: &[IobSentence],
        xpos: Option<&[Vec<String>]>,
        gazetteer: &Gazetteer,
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(&str),
    ) -> Recognizer {
        let config = Config { epochs, seed, xpos: xpos.is_some(), ..Config::default() };
        Recognizer::train_with(data, xpos, gazetteer, &Clusters::default(), &Embeddings::default(), &config, log)
    }

    /// Trains with explicit settings.
    pub fn train_with(
        data: &[IobSentence],
        xpos: Option<&[Vec<String>]>,
        gazetteer: &Gazetteer,
        clusters: &Clusters,
        embeddings: &Embeddings,
        config: &Config,
        log: &mut dyn FnMut(&str),
    ) -> Recognizer {
        let use_xpos = config.xpos && xpos.is_some();
        let clusters = if config.clusters { clusters.clone() } else { Clusters::default() };
        let embeddings = if config.dense { embeddings.clone() } else { Embeddings::default() };
        let labels = labels(config.scheme);
        let classes = parse_classes(&labels);
        let empty: Vec<&str> = Vec::new();
        let mut contexts = Vec::with_capacity(data.len());
        let mut gold = Vec::with_capacity(data.len());
        for (s, sent) in data.iter().enumerate() {
            let forms: Vec<&str> = sent.forms.iter().map(String::as_str).collect();
            let tags: Vec<&str> = match xpos.and_then(|x| x.get(s)) {
                Some(x) if use_xpos && x.len() == forms.len() => x.iter().map(String::as_str).collect(),
                _ => empty.clone(),
            };
            let norms: Vec<String> = forms.iter().map(|f| crate::normalize::fold_lower(f)).collect();
            let norms: Vec<&str> = norms.iter().map(String::as_str).collect();
            let mut ctx = Context::new(&forms, &norms, &tags, gazetteer, &clusters, &embeddings);
            ctx.tails = config.dense_tails;
            ctx.dense_dropout = config.dense_dropout;
            ctx.stack = config.two_pass_stack;
            contexts.push(ctx);
            let tags = encode(&crate::iob::spans(&sent.tags), forms.len(), config.scheme);
            gold.push(tags.iter().map(|t| labels.iter().position(|l| l == t).unwrap_or(0)).collect::<Vec<_>>());
        }

        let all: Vec<usize> = (0..data.len()).collect();
        let model = train_model(&contexts, &gold, &all, &labels, &classes, config, use_xpos, config.seed, log);
        let second = (config.two_pass_folds >= 2).then(|| {
            // First-pass classes of every sentence from a model that did not
            // see its document (jackknifing), as at run time.
            let k = config.two_pass_folds;
            let mut doc_of = Vec::with_capacity(data.len());
            let mut doc = 0usize;
            for (s, sent) in data.iter().enumerate() {
                doc += usize::from(sent.newdoc && s > 0);
                doc_of.push(doc);
            }
            let mut first = vec![Vec::new(); data.len()];
            for fold in 0..k {
                let rest: Vec<usize> = all.iter().copied().filter(|&s| doc_of[s] % k != fold).collect();
                log(&format!("ner first-pass fold {}/{k}: {} sentences", fold + 1, rest.len()));
                let m = train_model(
                    &contexts,
                    &gold,
                    &rest,
                    &labels,
                    &classes,
                    config,
                    use_xpos,
                    config.seed + 1 + fold as u64,
                    &mut |_| {},
                );
                for s in all.iter().copied().filter(|&s| doc_of[s] % k == fold) {
                    first[s] = greedy(&m, &contexts[s], gold[s].len(), &classes, config.scheme, use_xpos);
                }
            }
            let mut s = 0;
            while s < data.len() {
                let e = (s + 1..data.len()).find(|&j| doc_of[j] != doc_of[s]).unwrap_or(data.len());
                set_nonlocal(&mut contexts[s..e], &first[s..e], &classes);
                s = e;
            }
            log("ner second pass");
            train_model(&contexts, &gold, &all, &labels, &classes, config, use_xpos, config.seed, log)
        });
        Recognizer {
            model,
            gazetteer: gazetteer.clone(),
            scheme: config.scheme,
            xpos: use_xpos,
            classes,
            clusters,
            embeddings,
            tails: config.dense_tails,
            stack: config.two_pass_stack,
            second,
        }
    }

    /// Finds the entities of a tokenised sentence. `norms` are the tokens'
    /// [`norm`](crate::Token::norm)s, one per form; `xpos` holds its Penn
    /// tags (used only by a model trained with them; may be empty). Returns
    /// token ranges within the sentence, in order, not overlapping.
    pub fn recognize(&self, forms: &[&str], norms: &[&str], xpos: &[&str]) -> Vec<Span> {
        self.recognize_doc(&[(forms, norms, xpos)]).pop().unwrap_or_default()
    }

    /// Finds the entities of a document's sentences, each given as
    /// `(forms, norms, xpos)` as to [`Recognizer::recognize`]. A model with a
    /// second pass reads the first pass's labels of the whole document.
    pub fn recognize_doc(&self, sentences: &[(&[&str], &[&str], &[&str])]) -> Vec<Vec<Span>> {
        let mut contexts: Vec<Context> = sentences
            .iter()
            .map(|&(forms, norms, xpos)| {
                let xpos = if xpos.len() == forms.len() { xpos } else { &[] };
                let mut ctx = Context::new(forms, norms, xpos, &self.gazetteer, &self.clusters, &self.embeddings);
                ctx.tails = self.tails;
                ctx.stack = self.stack;
                ctx
            })
            .collect();
        let mut tags: Vec<Vec<usize>> = contexts
            .iter()
            .zip(sentences)
            .map(|(c, s)| greedy(&self.model, c, s.0.len(), &self.classes, self.scheme, self.xpos))
            .collect();
        if let Some(second) = &self.second {
            set_nonlocal(&mut contexts, &tags, &self.classes);
            for ((c, s), t) in contexts.iter().zip(sentences).zip(tags.iter_mut()) {
                *t = greedy(second, c, s.0.len(), &self.classes, self.scheme, self.xpos);
            }
        }
        tags.iter().map(|t| decode(&self.classes, t)).collect()
    }

    /// Whether the model uses Penn tags.
    pub fn uses_xpos(&self) -> bool {
        self.xpos
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Writes the recogniser as one file: settings, gazetteer, model.
    pub fn write<W: Write>(&self, mut out: W) -> io::Result<()> {
        if !self.embeddings.is_empty() || self.second.is_some() {
            return self.write_v3(out);
        }
        out.write_all(if self.clusters.is_empty() { MAGIC } else { MAGIC_CLUSTERS })?;
        out.write_all(&[u8::from(self.scheme == Scheme::Bilou), u8::from(self.xpos)])?;
        if !self.clusters.is_empty() {
            self.clusters.write(&mut out)?;
        }
        let mut buf = Vec::new();
        self.gazetteer.write(&mut buf)?;
        put_varint(&mut out, buf.len() as u64)?;
        out.write_all(&buf)?;
        self.model.write(out)
    }

    /// The format with optional parts: settings and a bit set of the parts
    /// present (clusters, embeddings, second pass), then each part, the
    /// gazetteer and the models, each model after its length.
    fn write_v3<W: Write>(&self, mut out: W) -> io::Result<()> {
        out.write_all(MAGIC_V3)?;
        let parts = u8::from(!self.clusters.is_empty())
            | u8::from(!self.embeddings.is_empty()) << 1
            | u8::from(self.second.is_some()) << 2
            | u8::from(self.tails) << 3
            | u8::from(!self.stack) << 4;
        out.write_all(&[u8::from(self.scheme == Scheme::Bilou), u8::from(self.xpos), parts])?;
        if !self.clusters.is_empty() {
            self.clusters.write(&mut out)?;
        }
        if !self.embeddings.is_empty() {
            self.embeddings.write(&mut out)?;
        }
        let mut buf = Vec::new();
        self.gazetteer.write(&mut buf)?;
        put_varint(&mut out, buf.len() as u64)?;
        out.write_all(&buf)?;
        for m in std::iter::once(&self.model).chain(&self.second) {
            buf.clear();
            m.write(&mut buf)?;
            put_varint(&mut out, buf.len() as u64)?;
            out.write_all(&buf)?;
        }
        Ok(())
    }

    /// Reads a recogniser written by [`Recognizer::write`].
    pub fn read<R: Read>(mut input: R) -> io::Result<Recognizer> {
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        if &magic == MAGIC_V3 {
            return Recognizer::read_v3(input);
        }
        if &magic != MAGIC && &magic != MAGIC_CLUSTERS {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "not an annals entity model"));
        }
        let mut settings = [0u8; 2];
        input.read_exact(&mut settings)?;
        let clusters = if &magic == MAGIC_CLUSTERS { Clusters::read(&mut input)? } else { Clusters::default() };
        let scheme = if settings[0] == 1 { Scheme::Bilou } else { Scheme::Iob };
        let len = get_varint(&mut input)?;
        let mut buf = Vec::new();
        input.by_ref().take(len).read_to_end(&mut buf)?;
        if buf.len() as u64 != len {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated entity model"));
        }
        let gazetteer = Gazetteer::read(&buf[..])?;
        let model = Model::read(input)?;
        if model.labels() != labels(scheme).as_slice() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "entity model labels do not match its scheme"));
        }
        let classes = parse_classes(model.labels());
        Ok(Recognizer {
            model,
            gazetteer,
            scheme,
            xpos: settings[1] == 1,
            classes,
            clusters,
            embeddings: Embeddings::default(),
            tails: false,
            stack: true,
            second: None,
        })
    }

    fn read_v3<R: Read>(mut input: R) -> io::Result<Recognizer> {
        let mut settings = [0u8; 3];
        input.read_exact(&mut settings)?;
        let parts = settings[2];
        let clusters = if parts & 1 != 0 { Clusters::read(&mut input)? } else { Clusters::default() };
        let embeddings = if parts & 2 != 0 { Embeddings::read(&mut input)? } else { Embeddings::default() };
        let scheme = if settings[0] == 1 { Scheme::Bilou } else { Scheme::Iob };
        let block = |input: &mut R| -> io::Result<Vec<u8>> {
            let len = get_varint(input)?;
            let mut buf = Vec::new();
            input.by_ref().take(len).read_to_end(&mut buf)?;
            if buf.len() as u64 != len {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated entity model"));
            }
            Ok(buf)
        };
        let gazetteer = Gazetteer::read(&block(&mut input)?[..])?;
        let model = Model::read_slice(&block(&mut input)?)?;
        let second = if parts & 4 != 0 { Some(Model::read_slice(&block(&mut input)?)?) } else { None };
        for m in std::iter::once(&model).chain(&second) {
            if m.labels() != labels(scheme).as_slice() {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "entity model labels do not match its scheme"));
            }
        }
        let classes = parse_classes(model.labels());
        let (tails, stack) = (parts & 8 != 0, parts & 16 == 0);
        Ok(Recognizer {
            model,
            gazetteer,
            scheme,
            xpos: settings[1] == 1,
            classes,
            clusters,
            embeddings,
            tails,
            stack,
            second,
        })
    }
}

const MAGIC: &[u8; 8] = b"ANNALSN1";
/// The same with a word-cluster table after the settings.
const MAGIC_CLUSTERS: &[u8; 8] = b"ANNALSN2";
/// Optional parts flagged in the header (see `Recognizer::write_v3`).
const MAGIC_V3: &[u8; 8] = b"ANNALSN3";

/// One sense per discourse: within a document a name keeps one type, and a
/// name recognised at one mention is recognised at its other mentions.
/// Articles repeat their names, and the clearest mention carries the rest
/// ("Mozilla said ... a Mozilla spokesman"). An acronym defined in brackets
/// after a name ("the Coalition Provisional Authority (CPA)") takes the
/// name's type first, so that its later mentions are found too.
///
/// A surname on its own after a full name ("Mahmoud Abbas ... Abbas") was
/// tried as well: it added more wrong people than right ones.
pub fn harmonise(sentences: &[Vec<&str>], spans: &mut [Vec<Span>]) {
    use std::collections::HashMap;
    for (forms, found) in sentences.iter().zip(spans.iter_mut()) {
        let defined: Vec<Span> = found
            .iter()
            .filter(|(r, _)| r.end + 2 < forms.len() && forms[r.end] == "(" && forms[r.end + 2] == ")")
            .filter(|(r, _)| is_acronym(forms[r.end + 1]))
            .map(|(r, l)| (r.end + 1..r.end + 2, *l))
            .collect();
        for d in defined {
            if !found.iter().any(|(r, _)| r.contains(&d.0.start)) {
                found.push(d);
            }
        }
        found.sort_by_key(|(r, _)| r.start);
    }
    let slot = |l: EntityLabel| EntityLabel::ALL.iter().position(|&x| x == l).unwrap_or(0);
    let mut votes: HashMap<&[&str], [u32; 3]> = HashMap::new();
    for (forms, found) in sentences.iter().zip(spans.iter()) {
        for (r, l) in found {
            votes.entry(&forms[r.clone()]).or_default()[slot(*l)] += 1;
        }
    }
    // The type most mentions have; none on a tie.
    let majority = |c: &[u32; 3]| -> Option<EntityLabel> {
        let top = *c.iter().max()?;
        let mut best = c.iter().enumerate().filter(|(_, &n)| n == top);
        let (i, _) = best.next()?;
        best.next().is_none().then_some(EntityLabel::ALL[i])
    };
    let longest = votes.keys().map(|k| k.len()).max().unwrap_or(0);
    for (forms, found) in sentences.iter().zip(spans.iter_mut()) {
        let mut taken = vec![false; forms.len()];
        for (r, l) in found.iter_mut() {
            taken[r.clone()].iter_mut().for_each(|t| *t = true);
            if let Some(m) = votes.get(&forms[r.clone()]).and_then(majority) {
                *l = m;
            }
        }
        // Unrecognised mentions, longest first; a mention must not start
        // lower-case where the name was recognised with a capital, which
        // exact matching already ensures.
        let mut k = 0;
        while k < forms.len() {
            let fits = (1..=longest.min(forms.len() - k)).rev().find_map(|n| {
                let key = &forms[k..k + n];
                let free = !taken[k..k + n].iter().any(|&t| t);
                free.then(|| votes.get(key).and_then(majority).map(|m| (n, m))).flatten()
            });
            match fits {
                Some((n, m)) if !forms[k].starts_with(char::is_lowercase) => {
                    found.push((k..k + n, m));
                    taken[k..k + n].iter_mut().for_each(|t| *t = true);
                    k += n;
                }
                _ => k += 1,
            }
        }
        found.sort_by_key(|(r, _)| r.start);
    }
}

/// Two to six capitals (digits and `&` allowed after the first): "CPA", "G8".
fn is_acronym(w: &str) -> bool {
    let b = w.as_bytes();
    (2..=6).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && b[1..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'&')
}

/// Penn tags for each UNER sentence from treebank sentences with the same
/// `sent_id` (UNER files and UD files list them in different orders);
/// empty where no sentence of the same length matches.
pub fn align_tags(data: &[IobSentence], ids: &[Option<String>], tags: &[Vec<String>]) -> Vec<Vec<String>> {
    let by_id: std::collections::HashMap<&str, &Vec<String>> =
        ids.iter().zip(tags).filter_map(|(id, t)| Some((id.as_deref()?, t))).collect();
    data.iter()
        .map(|s| {
            s.id.as_deref()
                .and_then(|id| by_id.get(id))
                .filter(|t| t.len() == s.forms.len())
                .map_or_else(Vec::new, |t| (*t).clone())
        })
        .collect()
}

/// For each token of `doc`, its entity tag (`B-PER`, `I-LOC`) or `None`
/// outside entities.
pub fn token_tags(doc: &Doc) -> Vec<Option<String>> {
    let mut out = vec![None; doc.tokens.len()];
    for e in &doc.entities {
        let end = e.tokens.end.min(out.len());
        for (i, slot) in out.iter_mut().enumerate().take(end).skip(e.tokens.start) {
            let p = if i == e.tokens.start { "B" } else { "I" };
            *slot = Some(format!("{p}-{}", e.label.as_str()));
        }
    }
    out
}

/// Counts for precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    fn add(&mut self, o: &Prf) {
        self.correct += o.correct;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Entity scores: exact span and type, per type and micro-averaged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NerScores {
    /// In the order of [`EntityLabel::ALL`].
    pub per_type: Vec<(EntityLabel, Prf)>,
    pub micro: Prf,
}

impl std::fmt::Display for NerScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{:<5} {:>7} {:>7} {:>7} {:>6} {:>6}", "type", "P", "R", "F1", "gold", "pred")?;
        let rows = self.per_type.iter().map(|(l, p)| (l.as_str(), p)).chain([("all", &self.micro)]);
        for (name, p) in rows {
            writeln!(
                f,
                "{:<5} {:>7.2} {:>7.2} {:>7.2} {:>6} {:>6}",
                name,
                100.0 * p.precision(),
                100.0 * p.recall(),
                100.0 * p.f1(),
                p.gold,
                p.predicted
            )?;
        }
        Ok(())
    }
}

/// A sentence whose entities differ, for error lists: the words, then the
/// gold and the predicted entities as `TYPE:words`, one line each.
pub fn difference(forms: &[String], gold: &[Span], pred: &[Span]) -> String {
    let show = |v: &[Span]| -> String {
        let v: Vec<String> =
            v.iter().filter_map(|(r, l)| Some(format!("{}:{}", l.as_str(), forms.get(r.clone())?.join(" ")))).collect();
        v.join(" | ")
    };
    format!("{}\n  gold: {}\n  pred: {}\n", forms.join(" "), show(gold), show(pred))
}

/// Scores predicted against gold entities, sentence by sentence, as
/// conlleval does: an entity counts only with the exact span and type.
/// Sentences missing from either side count as having no entities.
pub fn score(gold: &[Vec<Span>], pred: &[Vec<Span>]) -> NerScores {
    let mut per: Vec<(EntityLabel, Prf)> = EntityLabel::ALL.iter().map(|&l| (l, Prf::default())).collect();
    let slot = |l: EntityLabel| EntityLabel::ALL.iter().position(|&x| x == l).unwrap_or(0);
    for i in 0..gold.len().max(pred.len()) {
        let g = gold.get(i).map_or(&[][..], Vec::as_slice);
        let p = pred.get(i).map_or(&[][..], Vec::as_slice);
        for s in g {
            per[slot(s.1)].1.gold += 1;
        }
        for s in p {
            let e = &mut per[slot(s.1)].1;
            e.predicted += 1;
            if g.contains(s) {
                e.correct += 1;
            }
        }
    }
    let mut micro = Prf::default();
    for (_, p) in &per {
        micro.add(p);
    }
    NerScores { per_type: per, micro }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Kind;
    use EntityLabel::*;

    fn sent(text: &str) -> IobSentence {
        let mut s = IobSentence::default();
        for tok in text.split_whitespace() {
            let (f, t) = tok.split_once('/').unwrap_or((tok, "O"));
            s.forms.push(f.to_string());
            s.tags.push(t.to_string());
        }
        s
    }

    #[test]
    fn schemes_encode_and_decode() {
        let spans = vec![(0..2, Person), (3..4, Location), (4..7, Organization)];
        for scheme in [Scheme::Iob, Scheme::Bilou] {
            let labels = labels(scheme);
            let classes = parse_classes(&labels);
            let tags = encode(&spans, 8, scheme);
            let ids: Vec<usize> = tags.iter().map(|t| labels.iter().position(|l| l == t).unwrap()).collect();
            assert_eq!(decode(&classes, &ids), spans, "{scheme:?}");
        }
        let b = parse_classes(&labels(Scheme::Bilou));
        let id = |t: &str| labels(Scheme::Bilou).iter().position(|l| l == t).unwrap();
        assert!(allowed(&b, Scheme::Bilou, None, id("B-PER"), false));
        assert!(!allowed(&b, Scheme::Bilou, None, id("B-PER"), true));
        assert!(!allowed(&b, Scheme::Bilou, Some(id("B-PER")), id("L-LOC"), false));
        assert!(allowed(&b, Scheme::Bilou, Some(id("I-PER")), id("L-PER"), true));
        assert!(!allowed(&b, Scheme::Bilou, Some(id("U-PER")), id("I-PER"), false));
    }

    #[test]
    fn scores_exact_spans() {
        let gold = vec![vec![(0..2, Person), (3..4, Location)], vec![(1..2, Organization)]];
        let pred = vec![vec![(0..2, Person), (3..5, Location)], vec![(1..2, Location)]];
        let s = score(&gold, &pred);
        assert_eq!(s.micro, Prf { correct: 1, predicted: 3, gold: 3 });
        assert_eq!(s.per_type[0], (Person, Prf { correct: 1, predicted: 1, gold: 1 }));
        assert_eq!(s.per_type[2].1, Prf { correct: 0, predicted: 2, gold: 1 });
        assert!((s.micro.f1() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(score(&[], &[]).micro.f1(), 0.0);
        assert!(s.to_string().contains("all"));
    }

    #[test]
    fn token_tags_follow_entities() {
        let doc = Doc {
            tokens: vec![Default::default(); 4],
            entities: vec![crate::doc::Entity { label: Location, start: 0, end: 0, tokens: 1..3 }],
            ..Default::default()
        };
        assert_eq!(token_tags(&doc), [None, Some("B-LOC".into()), Some("I-LOC".into()), None]);
    }

    fn toy() -> (Vec<IobSentence>, Gazetteer) {
        let mut g = Gazetteer::new();
        g.insert("Paris", Kind::Capital);
        g.insert("Berlin", Kind::Capital);
        let data = vec![
            sent("Mr./O Smith/B-PER met/O Mr./O Jones/B-PER in/O Paris/B-LOC ./O"),
            sent("Mrs./O Ann/B-PER Lee/I-PER works/O at/O Acme/B-ORG Corp/I-ORG ./O"),
            sent("He/O flew/O to/O Berlin/B-LOC with/O Mr./O Brown/B-PER ./O"),
            sent("Globex/B-ORG Corp/I-ORG hired/O Mrs./O Kim/B-PER Park/I-PER ./O"),
            sent("it/O rained/O in/O Paris/B-LOC today/O"),
            sent("She/O sold/O Hooli/B-ORG Corp/I-ORG to/O Umbrella/B-ORG Corp/I-ORG ./O"),
            sent("Mr./O Gray/B-PER left/O Vandelay/B-ORG Corp/I-ORG in/O Berlin/B-LOC ./O"),
        ];
        (data, g)
    }

    /// Recognises with the forms' own norms, as the pipeline does.
    fn recognize(r: &Recognizer, forms: &[&str], xpos: &[&str]) -> Vec<Span> {
        let norms: Vec<String> = forms.iter().map(|f| crate::normalize::fold_lower(f)).collect();
        r.recognize(forms, &norms.iter().map(String::as_str).collect::<Vec<_>>(), xpos)
    }

    #[test]
    fn learns_a_toy_pattern_and_round_trips() {
        let (data, g) = toy();
        let mut log = |_: &str| {};
        for scheme in [Scheme::Iob, Scheme::Bilou] {
            let config = Config { epochs: 10, scheme, prune: 0.0, ..Config::default() };
            let r = Recognizer::train_with(
                &data,
                None,
                &g,
                &Clusters::default(),
                &Embeddings::default(),
                &config,
                &mut log,
            );
            let forms = ["Mr.", "White", "visited", "Initech", "Corp", "in", "Berlin", "."];
            let want = vec![(1..2, Person), (3..5, Organization), (6..7, Location)];
            assert_eq!(recognize(&r, &forms, &[]), want, "{scheme:?}");
            let mut buf = Vec::new();
            r.write(&mut buf).unwrap();
            let r2 = Recognizer::read(&buf[..]).unwrap();
            assert_eq!(recognize(&r2, &forms, &[]), want);
            assert!(Recognizer::read(&buf[..buf.len() / 2]).is_err());
        }
        assert!(Recognizer::read(&b"nonsense"[..]).is_err());
    }

    #[test]
    fn nonlocal_reads_the_other_mentions_of_a_word() {
        let labels = labels(Scheme::Bilou);
        let classes = parse_classes(&labels);
        let id = |t: &str| labels.iter().position(|l| l == t).unwrap();
        let org = 1 + EntityLabel::ALL.iter().position(|&l| l == Organization).unwrap() as u64;
        // Word 7 is ORG, O and ORG; word 8 comes once; word 9 has no letter.
        let words: [&[u64]; 2] = [&[7, 8], &[7, 9, 7]];
        let alpha = vec![vec![true, true], vec![true, false, true]];
        let tags = vec![vec![id("U-ORG"), id("O")], vec![id("O"), id("O"), id("U-ORG")]];
        let nl = nonlocal(&words, &alpha, &tags, &classes);
        let v = |own: &str, major, seen, prev| NonLocal { own: id(own) as u64 + 1, major, seen, prev };
        // The others of the first are O and ORG: a tie goes to O.
        assert_eq!(nl[0][0], v("U-ORG", 0, 1 << org, ALONE));
        assert_eq!(nl[0][1], v("O", ALONE, 0, ALONE));
        // Both others of the second mention are ORG; the one before was.
        assert_eq!(nl[1][0], v("O", org, 1 << org, org));
        assert_eq!(nl[1][1], v("O", ALONE, 0, ALONE));
        assert_eq!(nl[1][2], v("U-ORG", 0, 1 << org, 0));
    }

    #[test]
    fn word_vectors_and_a_second_pass_train_and_round_trip() {
        let (mut data, g) = toy();
        data.iter_mut().step_by(2).for_each(|s| s.newdoc = true);
        let names: Vec<String> = ["mr.", "mrs.", "corp", "paris", "berlin"].iter().map(|s| s.to_string()).collect();
        let v = [1.0, 0.0, 1.0, 0.1, 0.0, 1.0, -1.0, -1.0, -1.0, -0.9];
        let e = Embeddings::from_vectors(&names, &v, 2, 4);
        let config = Config { epochs: 10, prune: 0.0, dense: true, two_pass_folds: 2, ..Config::default() };
        let r = Recognizer::train_with(&data, None, &g, &Clusters::default(), &e, &config, &mut |_| {});
        assert!(r.second.is_some() && !r.embeddings.is_empty());
        let forms = ["Mr.", "White", "visited", "Initech", "Corp", "in", "Berlin", "."];
        let want = vec![(1..2, Person), (3..5, Organization), (6..7, Location)];
        assert_eq!(recognize(&r, &forms, &[]), want);
        let mut buf = Vec::new();
        r.write(&mut buf).unwrap();
        let r2 = Recognizer::read(&buf[..]).unwrap();
        assert!(r2.second.is_some() && r2.embeddings.len() == e.len());
        assert_eq!(recognize(&r2, &forms, &[]), want);
        assert!(Recognizer::read(&buf[..buf.len() - 3]).is_err());
        let norms: Vec<String> = forms.iter().map(|f| crate::normalize::fold_lower(f)).collect();
        let norms: Vec<&str> = norms.iter().map(String::as_str).collect();
        let doc = r2.recognize_doc(&[(&forms, &norms, &[]), (&[], &[], &[]), (&forms, &norms, &[])]);
        assert_eq!(doc, vec![want.clone(), vec![], want]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let (data, g) = toy();
        let r = Recognizer::train(&data, None, &g, 2, 7, &mut |_| {});
        assert!(r.recognize(&[], &[], &[]).is_empty());
        let long: Vec<String> = (0..400).map(|i| if i % 7 == 0 { "Paris".into() } else { format!("w{i}") }).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        for s in recognize(&r, &long, &["NN"]) {
            assert!(s.0.start < s.0.end && s.0.end <= long.len());
        }
        let odd = ["", " ", "\u{0}", "🙂", "ǅ", "\u{301}e", "İstanbul", "Mr.", "ＡＢＣ"];
        for s in recognize(&r, &odd, &["", "", "", "", "", "", "", "", ""]) {
            assert!(s.0.end <= odd.len());
        }
    }
}

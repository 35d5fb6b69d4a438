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
}

impl Context {
    fn new(forms: &[&str], norms: &[&str], xpos: &[&str], gazetteer: &Gazetteer, clusters: &Clusters) -> Context {
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
        Recognizer::train_with(data, xpos, gazetteer, &Clusters::default(), &config, log)
    }

    /// Trains with explicit settings.
    pub fn train_with(
        data: &[IobSentence],
        xpos: Option<&[Vec<String>]>,
        gazetteer: &Gazetteer,
        clusters: &Clusters,
        config: &Config,
        log: &mut dyn FnMut(&str),
    ) -> Recognizer {
        let use_xpos = config.xpos && xpos.is_some();
        let clusters = if config.clusters { clusters.clone() } else { Clusters::default() };
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
            contexts.push(Context::new(&forms, &norms, &tags, gazetteer, &clusters));
            let tags = encode(&crate::iob::spans(&sent.tags), forms.len(), config.scheme);
            gold.push(tags.iter().map(|t| labels.iter().position(|l| l == t).unwrap_or(0)).collect::<Vec<_>>());
        }

        let mut trainer = Trainer::new(labels.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(config.seed);
        let mut feats = Vec::with_capacity(96);
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
                    let c = if allowed(&classes, config.scheme, prev, guess, last) {
                        guess
                    } else {
                        best(&scores, |c| allowed(&classes, config.scheme, prev, c, last))
                    };
                    right += usize::from(c == g[k]);
                    total += 1;
                    hist.push(c as u16 + 1);
                }
            }
            log(&format!(
                "ner epoch {}: train tag accuracy {:.2}%",
                epoch + 1,
                100.0 * right as f64 / total.max(1) as f64
            ));
        }
        Recognizer {
            model: trainer.finish(labels, config.prune),
            gazetteer: gazetteer.clone(),
            scheme: config.scheme,
            xpos: use_xpos,
            classes,
            clusters,
        }
    }

    /// Finds the entities of a tokenised sentence. `norms` are the tokens'
    /// [`norm`](crate::Token::norm)s, one per form; `xpos` holds its Penn
    /// tags (used only by a model trained with them; may be empty). Returns
    /// token ranges within the sentence, in order, not overlapping.
    pub fn recognize(&self, forms: &[&str], norms: &[&str], xpos: &[&str]) -> Vec<Span> {
        if forms.is_empty() {
            return Vec::new();
        }
        let xpos = if xpos.len() == forms.len() { xpos } else { &[] };
        let ctx = Context::new(forms, norms, xpos, &self.gazetteer, &self.clusters);
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0f32; self.model.classes()];
        let mut hist: Vec<u16> = Vec::with_capacity(forms.len());
        let mut tags = Vec::with_capacity(forms.len());
        for k in 0..forms.len() {
            ctx.features(k, &hist, self.xpos, false, &mut feats);
            self.model.score(&feats, &mut scores);
            let prev = tags.last().copied();
            let last = k + 1 == forms.len();
            let t = best(&scores, |c| allowed(&self.classes, self.scheme, prev, c, last));
            tags.push(t);
            hist.push(t as u16 + 1);
        }
        decode(&self.classes, &tags)
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

    /// Reads a recogniser written by [`Recognizer::write`].
    pub fn read<R: Read>(mut input: R) -> io::Result<Recognizer> {
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
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
        Ok(Recognizer { model, gazetteer, scheme, xpos: settings[1] == 1, classes, clusters })
    }
}

const MAGIC: &[u8; 8] = b"ANNALSN1";
/// The same with a word-cluster table after the settings.
const MAGIC_CLUSTERS: &[u8; 8] = b"ANNALSN2";

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
            let r = Recognizer::train_with(&data, None, &g, &Clusters::default(), &config, &mut log);
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

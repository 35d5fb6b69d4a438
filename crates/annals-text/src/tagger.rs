//! Part-of-speech tagging: one joint `UPOS|XPOS` tag per token.
//!
//! Tagging both tag sets jointly keeps them consistent ("that" as `SCONJ|IN`
//! or `PRON|WDT`, never `SCONJ|WDT`). The tagger runs two greedy passes: the
//! first left to right with the tags already chosen on the left; the second
//! with the first pass's tags on *both* sides, which is what fixes errors like
//! a noun read as a verb before the verb that follows it. Frequent words that
//! the treebank always tags one way skip scoring altogether.

use crate::clusters::Clusters;
use crate::features::{f1, f2, f3, hash_str, norm, prefix, shape, suffix};
use crate::perceptron::{argmax, KeyMap, Model, Trainer};

/// A trained tagger.
pub struct Tagger {
    first: Model,
    second: Model,
    /// Unambiguous frequent words (hash of the normalised form) → tag.
    unambiguous: KeyMap<u16>,
    /// Word → its ambiguity class: the set of tags it takes in training,
    /// which tells the first pass what the words to the right may be.
    ambiguity: KeyMap<u64>,
    /// Word clusters from word vectors (empty in a model trained without).
    clusters: Clusters,
}

/// Per-token values that features combine, computed once per sentence.
struct Context {
    norm: Vec<u64>,
    form: Vec<u64>,
    shape: Vec<u64>,
    suf: Vec<[u64; 4]>,
    pre: Vec<[u64; 3]>,
    flags: Vec<u64>,
    /// Hash of the normalised form used for the unambiguous-word table.
    key: Vec<u64>,
    amb: Vec<u64>,
    /// Cluster paths ([`Clusters::path`]); `None` without clusters.
    clu: Option<Vec<u16>>,
    /// Whether the token is a quotation mark: quotes inside a phrase ("the
    /// \"liberated\" detainees") are looked through.
    quote: Vec<bool>,
}

const PAD: usize = 2;

fn tag_beam() -> usize {
    static W: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *W.get_or_init(|| std::env::var("TAG_BEAM").ok().and_then(|v| v.parse().ok()).unwrap_or(1))
}

fn tag_temp() -> f32 {
    static T: std::sync::OnceLock<f32> = std::sync::OnceLock::new();
    *T.get_or_init(|| std::env::var("TAG_T").ok().and_then(|v| v.parse().ok()).unwrap_or(10.0))
}

fn x1() -> bool {
    static X: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *X.get_or_init(|| std::env::var_os("TAGGER_X1").is_some())
}
const START: u64 = 0x5ea7;
const END: u64 = 0xe4d;

impl Context {
    fn new(forms: &[&str], ambiguity: &KeyMap<u64>, clusters: &Clusters) -> Context {
        let n = forms.len() + 2 * PAD;
        let mut c = Context {
            norm: vec![START; n],
            form: vec![START; n],
            shape: vec![START; n],
            suf: vec![[START; 4]; n],
            pre: vec![[START; 3]; n],
            flags: vec![0; n],
            key: vec![0; n],
            amb: vec![START; n],
            clu: (!clusters.is_empty()).then(|| vec![0; n]),
            quote: vec![false; n],
        };
        for i in n - PAD..n {
            c.norm[i] = END;
            c.form[i] = END;
            c.shape[i] = END;
            c.suf[i] = [END; 4];
            c.pre[i] = [END; 3];
            c.amb[i] = END;
        }
        for (k, f) in forms.iter().enumerate() {
            let i = k + PAD;
            let nf = norm(f);
            c.norm[i] = hash_str(&nf);
            c.key[i] = c.norm[i];
            c.amb[i] = ambiguity.get(&c.norm[i]).copied().unwrap_or(1);
            c.form[i] = hash_str(f);
            c.quote[i] = matches!(*f, "\"" | "'" | "``" | "''" | "\u{201c}" | "\u{201d}" | "\u{2018}" | "\u{2019}");
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
            let hyphen = f.contains('-');
            let digit = f.chars().any(|c| c.is_ascii_digit());
            let allcaps = f.chars().all(|c| !c.is_lowercase()) && f.chars().any(char::is_uppercase);
            c.flags[i] = u64::from(upper)
                | u64::from(hyphen) << 1
                | u64::from(digit) << 2
                | u64::from(allcaps) << 3
                | u64::from(k == 0) << 4;
        }
        c
    }

    /// Features of token `k`; `tags[j]` is the tag (class + 1, 0 = none yet)
    /// of token `j` from the pass's history, `right` the first pass's tags.
    fn features(&self, k: usize, left: &[u16], right: Option<&[u16]>, out: &mut Vec<u64>) {
        out.clear();
        let i = k + PAD;
        let tag = |j: isize| -> u64 {
            let j = k as isize + j;
            if j < 0 {
                0xfff0
            } else if j as usize >= left.len() {
                0xfff1
            } else {
                u64::from(left[j as usize])
            }
        };
        let (t1, t2) = (tag(-1), tag(-2));
        out.push(f1(1, 0));
        out.push(f1(2, self.norm[i]));
        out.push(f1(3, self.form[i]));
        for n in 0..4 {
            out.push(f1(4 + n as u32, self.suf[i][n]));
        }
        for n in 0..3 {
            out.push(f1(8 + n as u32, self.pre[i][n]));
        }
        out.push(f1(11, self.shape[i]));
        out.push(f1(12, self.flags[i]));
        out.push(f1(13, self.norm[i - 1]));
        out.push(f1(14, self.norm[i + 1]));
        out.push(f1(15, self.norm[i - 2]));
        out.push(f1(16, self.norm[i + 2]));
        out.push(f1(17, t1));
        out.push(f1(18, t2));
        out.push(f2(19, t1, t2));
        out.push(f2(20, t1, self.norm[i]));
        out.push(f2(21, self.norm[i - 1], self.norm[i]));
        out.push(f2(22, self.norm[i], self.norm[i + 1]));
        out.push(f1(23, self.suf[i - 1][2]));
        out.push(f1(24, self.suf[i + 1][2]));
        out.push(f1(25, self.shape[i - 1]));
        out.push(f1(26, self.shape[i + 1]));
        out.push(f2(27, t1, self.suf[i][2]));
        out.push(f2(28, self.flags[i], self.suf[i][1]));
        out.push(f3(29, self.norm[i - 1], self.norm[i], self.norm[i + 1]));
        out.push(f1(30, self.amb[i]));
        out.push(f1(31, self.amb[i + 1]));
        out.push(f1(32, self.amb[i + 2]));
        out.push(f1(33, self.amb[i - 1]));
        out.push(f2(34, self.amb[i], self.amb[i + 1]));
        out.push(f2(35, t1, self.amb[i + 1]));
        out.push(f3(36, t1, self.amb[i], self.amb[i + 1]));
        if self.clu.is_some() {
            // Context through a quotation mark.
            if self.quote[i - 1] {
                out.push(f1(55, t2));
                out.push(f2(56, t2, self.suf[i][2]));
                out.push(f2(57, t2, self.amb[i + 1]));
            }
            if self.quote[i + 1] {
                out.push(f1(58, self.amb[i + 2]));
                out.push(f2(59, self.amb[i], self.amb[i + 2]));
            }
        }
        if let Some(c) = &self.clu {
            let p = Clusters::prefix;
            out.push(f1(60, p(c[i], 4)));
            out.push(f1(61, p(c[i], 7)));
            out.push(f1(62, p(c[i], 10)));
            out.push(f1(63, p(c[i], 15)));
            out.push(f1(64, p(c[i - 1], 7)));
            out.push(f1(65, p(c[i + 1], 7)));
            out.push(f1(66, p(c[i + 1], 15)));
            out.push(f2(67, t1, p(c[i], 7)));
            out.push(f2(68, p(c[i], 15), self.flags[i]));
            if x1() {
                out.push(f1(69, p(c[i - 2], 7)));
                out.push(f1(70, p(c[i + 2], 7)));
                out.push(f1(71, p(c[i - 1], 4)));
                out.push(f1(72, p(c[i + 1], 4)));
                out.push(f2(73, p(c[i], 7), p(c[i + 1], 7)));
                out.push(f2(74, p(c[i - 1], 7), p(c[i], 7)));
                out.push(f2(75, t1, p(c[i + 1], 7)));
                out.push(f1(76, p(c[i - 1], 15)));
                if let Some(r) = right {
                    let rt = |j: usize| -> u64 { r.get(j).map_or(0xfff1, |&t| u64::from(t)) };
                    out.push(f2(77, rt(k + 1), p(c[i], 7)));
                    out.push(f2(78, rt(k + 1), p(c[i], 15)));
                    out.push(f3(79, t1, rt(k + 1), self.suf[i][2]));
                }
            }
        }
        if let Some(r) = right {
            let rt = |j: usize| -> u64 { r.get(j).map_or(0xfff1, |&t| u64::from(t)) };
            let (r1, r2) = (rt(k + 1), rt(k + 2));
            out.push(f1(40, r1));
            out.push(f1(41, r2));
            out.push(f2(42, r1, r2));
            out.push(f2(43, t1, r1));
            out.push(f2(44, r1, self.norm[i]));
            out.push(f2(45, r1, self.suf[i][2]));
            out.push(f3(46, t1, r1, self.norm[i]));
            out.push(f2(47, rt(k), self.norm[i]));
            out.push(f1(48, rt(k)));
        }
    }
}

impl Tagger {
    /// The tag labels, `UPOS|XPOS`.
    pub fn labels(&self) -> &[String] {
        self.first.labels()
    }

    /// Tags a sentence; returns class indices into [`Tagger::labels`].
    pub fn tag(&self, forms: &[&str]) -> Vec<u16> {
        let ctx = Context::new(forms, &self.ambiguity, &self.clusters);
        // A finite verb never follows an article ("the \"liberated\"
        // detainees" is no past tense): after one, quotes looked through,
        // finite verb tags are not chosen.
        let finite: Vec<bool> =
            self.labels().iter().map(|l| matches!(Tagger::split(l).1, "VBD" | "VBP" | "VBZ" | "MD")).collect();
        let mut after_article = vec![false; forms.len()];
        let mut art = false;
        for (k, f) in forms.iter().enumerate() {
            after_article[k] = art;
            if !ctx.quote[k + PAD] {
                art = f.eq_ignore_ascii_case("the") || f.eq_ignore_ascii_case("a") || f.eq_ignore_ascii_case("an");
            }
        }
        let choose = |scores: &[f32], k: usize| -> u16 {
            let best = argmax(scores);
            if !after_article[k] || !finite[best] {
                return best as u16;
            }
            let mut b = usize::MAX;
            for (c, &s) in scores.iter().enumerate() {
                if !finite[c] && (b == usize::MAX || s > scores[b]) {
                    b = c;
                }
            }
            b as u16
        };
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; self.first.classes()];
        let mut first: Vec<u16> = Vec::with_capacity(forms.len());
        for k in 0..forms.len() {
            let t = match self.unambiguous.get(&ctx.key[k + PAD]) {
                Some(&t) => t,
                None => {
                    ctx.features(k, &first, None, &mut feats);
                    self.first.score(&feats, &mut scores);
                    choose(&scores, k)
                }
            };
            first.push(t + 1);
        }
        let width = tag_beam();
        if width > 1 {
            return self.beam(&ctx, &first, forms.len(), width, &choose);
        }
        let mut second: Vec<u16> = Vec::with_capacity(forms.len());
        for k in 0..forms.len() {
            let t = match self.unambiguous.get(&ctx.key[k + PAD]) {
                Some(&t) => t,
                None => {
                    ctx.features(k, &second, Some(&first), &mut feats);
                    self.second.score(&feats, &mut scores);
                    choose(&scores, k)
                }
            };
            second.push(t + 1);
        }
        second.into_iter().map(|t| t - 1).collect()
    }

    /// The second pass as a beam search, scored by the sum of local
    /// log-softmax scores at temperature `TAG_T`.
    fn beam(
        &self,
        ctx: &Context,
        first: &[u16],
        n: usize,
        width: usize,
        choose: &dyn Fn(&[f32], usize) -> u16,
    ) -> Vec<u16> {
        let t = tag_temp();
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0f32; self.second.classes()];
        let mut beam: Vec<(f32, Vec<u16>)> = vec![(0.0, Vec::with_capacity(n))];
        let mut cands: Vec<(f32, usize, u16)> = Vec::new();
        for k in 0..n {
            if let Some(&tag) = self.unambiguous.get(&ctx.key[k + PAD]) {
                for (_, h) in beam.iter_mut() {
                    h.push(tag + 1);
                }
                continue;
            }
            cands.clear();
            for (bi, (total, hist)) in beam.iter().enumerate() {
                ctx.features(k, hist, Some(first), &mut feats);
                self.second.score(&feats, &mut scores);
                let forced = choose(&scores, k) as usize;
                let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let lz = scores.iter().map(|&s| ((s - max) / t).exp()).sum::<f32>().ln();
                for (c, &sc) in scores.iter().enumerate() {
                    // Keep the article constraint: only its choice when it overrides.
                    if forced != argmax(&scores) && c != forced {
                        continue;
                    }
                    cands.push((total + (sc - max) / t - lz, bi, c as u16));
                }
            }
            cands.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            cands.truncate(width);
            beam = cands
                .iter()
                .map(|&(sc, bi, c)| {
                    let mut h = beam[bi].1.clone();
                    h.push(c + 1);
                    (sc, h)
                })
                .collect();
        }
        beam.swap_remove(0).1.into_iter().map(|t| t - 1).collect()
    }

    /// Splits a joint label into `(upos, xpos)`.
    pub fn split(label: &str) -> (&str, &str) {
        label.split_once('|').unwrap_or((label, label))
    }

    /// Trains a tagger on `(forms, joint tags)` sentences.
    pub fn train(data: &[(Vec<String>, Vec<String>)], epochs: usize, seed: u64, log: &mut dyn FnMut(&str)) -> Tagger {
        Tagger::train_with(data, &Clusters::default(), epochs, seed, log)
    }

    /// Trains a tagger with word-cluster features (none when `clusters` is
    /// empty).
    pub fn train_with(
        data: &[(Vec<String>, Vec<String>)],
        clusters: &Clusters,
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(&str),
    ) -> Tagger {
        let mut labels: Vec<String> = data.iter().flat_map(|(_, t)| t.iter().cloned()).collect();
        labels.sort();
        labels.dedup();
        let id = |t: &str| labels.binary_search_by(|l| l.as_str().cmp(t)).unwrap() as u16;
        let gold: Vec<Vec<u16>> = data.iter().map(|(_, t)| t.iter().map(|x| id(x)).collect()).collect();

        // Words seen often and (almost) always with the same tag.
        let mut counts: KeyMap<Vec<(u16, u32)>> = KeyMap::default();
        for ((forms, _), g) in data.iter().zip(&gold) {
            for (f, &t) in forms.iter().zip(g) {
                let row = counts.entry(hash_str(&norm(f))).or_default();
                match row.iter_mut().find(|p| p.0 == t) {
                    Some(p) => p.1 += 1,
                    None => row.push((t, 1)),
                }
            }
        }
        let mut unambiguous = KeyMap::default();
        let mut ambiguity = KeyMap::default();
        for (k, row) in counts {
            let total: u32 = row.iter().map(|p| p.1).sum();
            if total >= 3 {
                let mut set: Vec<u16> = row.iter().filter(|p| p.1 * 10 >= total).map(|p| p.0).collect();
                set.sort_unstable();
                let h = set.iter().fold(0x5eed_u64, |h, &t| crate::features::mix(h ^ u64::from(t)));
                ambiguity.insert(k, h);
            }
            let (t, best) = row.iter().max_by_key(|p| (p.1, std::cmp::Reverse(p.0))).copied().unwrap();
            if total >= 20 && f64::from(best) / f64::from(total) >= 0.995 {
                unambiguous.insert(k, t);
            }
        }

        let contexts: Vec<Context> = data
            .iter()
            .map(|(forms, _)| Context::new(&forms.iter().map(String::as_str).collect::<Vec<_>>(), &ambiguity, clusters))
            .collect();
        let n = labels.len();
        let mut first = Trainer::new(n);
        let mut second = Trainer::new(n);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = crate::perceptron::Rng::new(seed);
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; n];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let (mut right, mut total) = (0usize, 0usize);
            for &s in &order {
                let ctx = &contexts[s];
                let g = &gold[s];
                let mut hist: Vec<u16> = Vec::with_capacity(g.len());
                for (k, &gold_k) in g.iter().enumerate() {
                    let t = match unambiguous.get(&ctx.key[k + PAD]) {
                        Some(&t) => t,
                        None => {
                            ctx.features(k, &hist, None, &mut feats);
                            first.score(&feats, &mut scores);
                            let guess = argmax(&scores);
                            first.tick();
                            first.update(&feats, gold_k as usize, guess);
                            guess as u16
                        }
                    };
                    hist.push(t + 1);
                }
                // The second pass learns from the first pass's own (imperfect)
                // predictions, as it will see them at run time.
                let firsts = hist;
                let mut hist: Vec<u16> = Vec::with_capacity(g.len());
                for (k, &gold_k) in g.iter().enumerate() {
                    let t = match unambiguous.get(&ctx.key[k + PAD]) {
                        Some(&t) => t,
                        None => {
                            ctx.features(k, &hist, Some(&firsts), &mut feats);
                            second.score(&feats, &mut scores);
                            let guess = argmax(&scores);
                            second.tick();
                            second.update(&feats, gold_k as usize, guess);
                            guess as u16
                        }
                    };
                    right += usize::from(t == gold_k);
                    total += 1;
                    hist.push(t + 1);
                }
            }
            log(&format!(
                "tagger epoch {}: train accuracy {:.2}%",
                epoch + 1,
                100.0 * right as f64 / total.max(1) as f64
            ));
        }
        Tagger {
            first: first.finish(labels.clone(), 1e-3),
            second: second.finish(labels, 1e-3),
            unambiguous,
            ambiguity,
            clusters: clusters.clone(),
        }
    }

    /// Drops weights below `min` in magnitude (see [`Model::pruned`]).
    pub fn prune(&mut self, min: f32) {
        self.first = self.first.pruned(min);
        self.second = self.second.pruned(min);
    }

    pub fn write<W: std::io::Write>(&self, mut out: W) -> std::io::Result<()> {
        if !self.clusters.is_empty() {
            out.write_all(CLUSTERS_MAGIC)?;
            self.clusters.write(&mut out)?;
        }
        let mut keys: Vec<(u64, u16)> = self.unambiguous.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        crate::perceptron::put_varint(&mut out, keys.len() as u64)?;
        for (k, v) in keys {
            out.write_all(&k.to_le_bytes())?;
            out.write_all(&v.to_le_bytes())?;
        }
        let mut amb: Vec<(u64, u64)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        crate::perceptron::put_varint(&mut out, amb.len() as u64)?;
        for (k, v) in amb {
            out.write_all(&k.to_le_bytes())?;
            out.write_all(&v.to_le_bytes())?;
        }
        let mut buf = Vec::new();
        self.first.write(&mut buf)?;
        crate::perceptron::put_varint(&mut out, buf.len() as u64)?;
        out.write_all(&buf)?;
        self.second.write(&mut out)
    }

    pub fn read(mut input: &[u8]) -> std::io::Result<Tagger> {
        use std::io::Read;
        let clusters = match input.strip_prefix(CLUSTERS_MAGIC) {
            Some(mut rest) => {
                let c = Clusters::read(&mut rest)?;
                input = rest;
                c
            }
            None => Clusters::default(),
        };
        let n = crate::perceptron::get_varint(&mut input)? as usize;
        let mut unambiguous = KeyMap::default();
        for _ in 0..n.min(1 << 24) {
            let mut k = [0u8; 8];
            let mut v = [0u8; 2];
            input.read_exact(&mut k)?;
            input.read_exact(&mut v)?;
            unambiguous.insert(u64::from_le_bytes(k), u16::from_le_bytes(v));
        }
        let n = crate::perceptron::get_varint(&mut input)? as usize;
        let mut ambiguity = KeyMap::default();
        for _ in 0..n.min(1 << 24) {
            let mut k = [0u8; 8];
            let mut v = [0u8; 8];
            input.read_exact(&mut k)?;
            input.read_exact(&mut v)?;
            ambiguity.insert(u64::from_le_bytes(k), u64::from_le_bytes(v));
        }
        let len = crate::perceptron::get_varint(&mut input)? as usize;
        if len > input.len() {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "truncated tagger model"));
        }
        let (a, b) = input.split_at(len);
        let first = Model::read_slice(a)?;
        let second = Model::read_slice(b)?;
        if unambiguous.values().any(|&t| t as usize >= first.classes()) || first.classes() != second.classes() {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "corrupt tagger model"));
        }
        Ok(Tagger { first, second, unambiguous, ambiguity, clusters })
    }

    /// The word clusters the tagger uses (empty without).
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }
}

/// Marks a model file that starts with its word-cluster table.
pub(crate) const CLUSTERS_MAGIC: &[u8; 8] = b"ANNALSC1";

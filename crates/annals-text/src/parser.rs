//! Dependency parsing: a greedy arc-hybrid transition parser.
//!
//! The parser reads a sentence once, left to right, choosing one of three
//! kinds of moves (shift a word onto the stack; attach the stack's top to the
//! next word; attach it to the word below it), each labelled with a Universal
//! Dependencies relation. The artificial ROOT sits at the end of the buffer and
//! may take a dependent only when it is the last word left, so every parse
//! has exactly one root. Linear time, so a long sentence costs what its words
//! cost.
//!
//! Training follows Goldberg and Nivre's dynamic oracle: at each state the
//! oracle knows which moves lose no reachable gold arc, the model is updated
//! towards the best of them, and from the second epoch on the parser mostly
//! follows its own (possibly wrong) choice, so it learns to recover from its
//! mistakes as it must at run time.

use crate::clusters::Clusters;
use crate::features::{f1, f2, f3, hash_str, norm};
use crate::perceptron::{Model, Rng, Trainer};

/// A parsed word: its head (index in the sentence, `None` for the root) and
/// relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arc {
    pub head: Option<usize>,
    pub deprel: String,
}

/// A trained parser.
pub struct Parser {
    model: Model,
    /// Relation labels; move `0` is SHIFT, `1 + l` LEFT-l, `1 + L + l` RIGHT-l.
    labels: Vec<String>,
    root: usize,
    /// Word clusters from word vectors (empty in a model trained without).
    clusters: Clusters,
    /// Decoding beam width: 1 (greedy) unless [`Parser::set_beam`] says.
    beam: usize,
}

const NONE: usize = usize::MAX;

/// Hashes of a sentence's words and tags, computed once.
struct Words {
    w: Vec<u64>,
    p: Vec<u64>,
    wp: Vec<u64>,
    /// `punct[i]`: punctuation tokens before position `i`, to count the
    /// commas and dashes between two candidate words.
    punct: Vec<u32>,
    /// Cluster paths as coarse (6-bit) and fine (full) feature values;
    /// `None` without clusters.
    c6: Option<Vec<u64>>,
    cf: Vec<u64>,
}

impl Words {
    fn new(forms: &[&str], tags: &[&str], clusters: &Clusters) -> Words {
        let n = forms.len();
        let mut w = Vec::with_capacity(n + 1);
        let mut p = Vec::with_capacity(n + 1);
        for (f, t) in forms.iter().zip(tags) {
            w.push(hash_str(&norm(f)));
            p.push(hash_str(t));
        }
        // The ROOT token at the end of the buffer.
        w.push(0x7007);
        p.push(0x7007);
        let wp = w.iter().zip(&p).map(|(&a, &b)| f2(0, a, b)).collect();
        let mut punct = Vec::with_capacity(n + 2);
        punct.push(0);
        for f in forms {
            let is_punct = f.chars().all(|c| c.is_ascii_punctuation() || matches!(c, '\u{2013}' | '\u{2014}'));
            punct.push(punct.last().unwrap() + u32::from(is_punct));
        }
        punct.push(*punct.last().unwrap());
        let (c6, cf) = if clusters.is_empty() {
            (None, Vec::new())
        } else {
            let paths: Vec<u16> = w[..n].iter().map(|&h| clusters.path(h)).chain([0]).collect();
            let c6 = paths.iter().map(|&p| Clusters::prefix(p, 6)).collect();
            (Some(c6), paths.iter().map(|&p| Clusters::prefix(p, 15)).collect())
        };
        Words { w, p, wp, punct, c6, cf }
    }
}

/// The temperature of the log-softmax that scores a beam's paths: the
/// perceptron's raw scores summed along a path do poorly (EWT dev LAS 79.4
/// with a beam of 2), their log-probabilities at T = 30 do best on dev
/// (T = 10: 83.04, 40: 83.72, 80: 73.0, with a beam of 4).
const BEAM_TEMPERATURE: f32 = 30.0;

/// A parser configuration.
#[derive(Clone)]
struct State {
    n: usize,
    stack: Vec<usize>,
    /// Next buffer word; the buffer is `b..=n`, `n` being ROOT.
    b: usize,
    head: Vec<usize>,
    label: Vec<u16>,
    /// Per word, what the features read of its children.
    kids: Vec<Kids>,
}

/// A word's children as the features see them: the last two attached on
/// each side (the last left child is the leftmost, the last right child the
/// rightmost), how many there are, and the set of their labels. Fixed-size,
/// so that a beam copies a state cheaply.
#[derive(Clone, Copy)]
struct Kids {
    left: [usize; 2],
    right: [usize; 2],
    nleft: u32,
    nright: u32,
    left_labels: u64,
    right_labels: u64,
}

const NO_KIDS: Kids = Kids { left: [NONE; 2], right: [NONE; 2], nleft: 0, nright: 0, left_labels: 0, right_labels: 0 };

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            head: vec![NONE; n + 1],
            label: vec![0; n + 1],
            kids: vec![NO_KIDS; n + 1],
        }
    }

    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    fn s(&self, i: usize) -> usize {
        if self.stack.len() > i {
            self.stack[self.stack.len() - 1 - i]
        } else {
            NONE
        }
    }

    fn apply(&mut self, kind: Move, label: u16) {
        match kind {
            Move::Shift => {
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Left => {
                let d = self.stack.pop().unwrap();
                self.head[d] = self.b;
                self.label[d] = label;
                let k = &mut self.kids[self.b];
                k.left = [d, k.left[0]];
                k.nleft += 1;
                k.left_labels |= 1u64 << (label % 64);
            }
            Move::Right => {
                let d = self.stack.pop().unwrap();
                let h = *self.stack.last().unwrap();
                self.head[d] = h;
                self.label[d] = label;
                let k = &mut self.kids[h];
                k.right = [d, k.right[0]];
                k.nright += 1;
                k.right_labels |= 1u64 << (label % 64);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Shift,
    Left,
    Right,
}

impl Parser {
    fn nlabels(&self) -> usize {
        self.labels.len()
    }

    fn decode(&self, class: usize) -> (Move, u16) {
        decode(class, self.labels.len())
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Decodes with a beam of `width` paths (1: greedy, the default of a
    /// parser read on its own; the pipeline uses
    /// [`crate::pipeline::PARSER_BEAM`]). A beam of 2 gains 1.0 LAS on EWT
    /// dev (82.68 -> 83.65) and 0.8 on GUM dev at about 1.5 times the
    /// greedy parse time; a beam of 4 gains 1.2 at 2.8 times.
    pub fn set_beam(&mut self, width: usize) {
        self.beam = width.max(1);
    }

    /// Parses one sentence given its word forms and Penn tags.
    pub fn parse(&self, forms: &[&str], tags: &[&str]) -> Vec<Arc> {
        let n = forms.len();
        if n == 0 {
            return Vec::new();
        }
        let words = Words::new(forms, tags, &self.clusters);
        if self.beam > 1 {
            return self.arcs(&self.beam_search(&words, n, self.beam), n);
        }
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0f32; self.model.classes()];
        while !st.terminal() {
            features(&st, &words, &mut feats);
            self.model.score(&feats, &mut scores);
            let best = best_valid(&st, &scores, self.nlabels(), self.root);
            let (kind, label) = self.decode(best);
            st.apply(kind, label);
        }
        self.arcs(&st, n)
    }

    /// Beam search over whole transition sequences: every state takes
    /// exactly `2n` moves, so the beam's states finish together.
    fn beam_search(&self, words: &Words, n: usize, width: usize) -> State {
        let nl = self.nlabels();
        let t = BEAM_TEMPERATURE;
        let mut beam: Vec<(State, f32)> = vec![(State::new(n), 0.0)];
        let mut next: Vec<(State, f32)> = Vec::with_capacity(width);
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0f32; self.model.classes()];
        let mut cands: Vec<(f32, usize, usize)> = Vec::with_capacity(width * width);
        let mut top: Vec<(f32, usize)> = Vec::with_capacity(width + 1);
        while !beam[0].0.terminal() {
            cands.clear();
            for (bi, (st, total)) in beam.iter().enumerate() {
                features(st, words, &mut feats);
                self.model.score(&feats, &mut scores);
                // Which moves are valid depends on the kind and on whether
                // the label is `root` (as in `best_valid`).
                let shift = st.b < st.n;
                let left_root = !st.stack.is_empty() && st.b == st.n && st.stack.len() == 1;
                let left_other = !st.stack.is_empty() && st.b < st.n;
                let right = st.stack.len() >= 2;
                let ok = |c: usize| -> bool {
                    if c == 0 {
                        shift
                    } else if c <= nl {
                        if c - 1 == self.root {
                            left_root
                        } else {
                            left_other
                        }
                    } else {
                        right && c - 1 - nl != self.root
                    }
                };
                // The item's best `width` valid moves, and the log of the
                // softmax's normaliser over all valid moves.
                top.clear();
                let mut max = f32::NEG_INFINITY;
                for (c, &sc) in scores.iter().enumerate() {
                    if ok(c) {
                        max = max.max(sc);
                        if top.len() < width || sc > top[top.len() - 1].0 {
                            let at = top.iter().position(|&(x, _)| sc > x).unwrap_or(top.len());
                            top.insert(at, (sc, c));
                            top.truncate(width);
                        }
                    }
                }
                let lz = if t > 0.0 {
                    let cut = max - 12.0 * t;
                    let z: f32 = scores
                        .iter()
                        .enumerate()
                        .filter(|&(c, &sc)| sc > cut && ok(c))
                        .map(|(_, &sc)| ((sc - max) / t).exp())
                        .sum();
                    z.ln()
                } else {
                    0.0
                };
                for &(sc, c) in &top {
                    let local = if t > 0.0 { (sc - max) / t - lz } else { sc };
                    cands.push((total + local, bi, c));
                }
            }
            cands.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            cands.truncate(width);
            next.truncate(cands.len());
            for (i, &(score, bi, c)) in cands.iter().enumerate() {
                if i < next.len() {
                    next[i].0.clone_from(&beam[bi].0);
                    next[i].1 = score;
                } else {
                    next.push((beam[bi].0.clone(), score));
                }
                let (kind, label) = self.decode(c);
                next[i].0.apply(kind, label);
            }
            std::mem::swap(&mut beam, &mut next);
        }
        beam.swap_remove(0).0
    }

    fn arcs(&self, st: &State, n: usize) -> Vec<Arc> {
        (0..n)
            .map(|i| Arc {
                head: if st.head[i] == n { None } else { Some(st.head[i]) },
                deprel: self.labels[st.label[i] as usize].clone(),
            })
            .collect()
    }

    /// Trains a parser on `(forms, tags, heads, deprels)` sentences, where
    /// `heads` are 1-based with 0 for the root, as in CoNLL-U.
    pub fn train(data: &[TrainSentence], epochs: usize, seed: u64, log: &mut dyn FnMut(&str)) -> Parser {
        Parser::train_with(data, &Clusters::default(), epochs, seed, log)
    }

    /// Trains a parser with word-cluster features (none when `clusters` is
    /// empty).
    pub fn train_with(
        data: &[TrainSentence],
        clusters: &Clusters,
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(&str),
    ) -> Parser {
        let mut labels: Vec<String> = data.iter().flat_map(|s| s.deprels.iter().cloned()).collect();
        labels.push("root".into());
        labels.sort();
        labels.dedup();
        let root = labels.iter().position(|l| l == "root").unwrap();
        let nl = labels.len();
        let classes = 1 + 2 * nl;
        let mut trainer = Trainer::new(classes);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let prepared: Vec<(Words, Vec<usize>, Vec<u16>)> = data
            .iter()
            .map(|s| {
                let forms: Vec<&str> = s.forms.iter().map(String::as_str).collect();
                let tags: Vec<&str> = s.tags.iter().map(String::as_str).collect();
                let n = forms.len();
                let heads = s.heads.iter().map(|&h| if h == 0 { n } else { h - 1 }).collect();
                let rels = s.deprels.iter().map(|d| labels.binary_search(d).unwrap() as u16).collect();
                (Words::new(&forms, &tags, clusters), heads, rels)
            })
            .collect();
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0f32; classes];
        let mut costs = vec![0usize; classes];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let explore = if epoch == 0 { 0.0 } else { 0.9 };
            let (mut correct, mut total) = (0usize, 0usize);
            for &si in &order {
                let (words, gold_head, gold_rel) = &prepared[si];
                let n = gold_head.len();
                if n == 0 {
                    continue;
                }
                let mut st = State::new(n);
                while !st.terminal() {
                    features(&st, words, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let guess = best_valid(&st, &scores, nl, root);
                    move_costs(&st, gold_head, gold_rel, nl, root, &mut costs);
                    let min = costs.iter().copied().min().unwrap();
                    let mut best_gold = usize::MAX;
                    for c in 0..classes {
                        if costs[c] == min && (best_gold == usize::MAX || scores[c] > scores[best_gold]) {
                            best_gold = c;
                        }
                    }
                    trainer.tick();
                    let next = if costs[guess] == min {
                        guess
                    } else {
                        trainer.update(&feats, best_gold, guess);
                        if rng.unit() < explore {
                            guess
                        } else {
                            best_gold
                        }
                    };
                    let (kind, label) = decode(next, nl);
                    st.apply(kind, label);
                }
                for i in 0..n {
                    total += 1;
                    correct += usize::from(st.head[i] == gold_head[i] && st.label[i] == gold_rel[i]);
                }
            }
            log(&format!("parser epoch {}: train LAS {:.2}%", epoch + 1, 100.0 * correct as f64 / total.max(1) as f64));
        }
        let model = trainer.finish((0..classes).map(|c| c.to_string()).collect(), 1e-3);
        Parser { model, labels, root, clusters: clusters.clone(), beam: 1 }
    }

    #[cfg(test)]
    pub fn stats(&self) {
        eprintln!("features {} entries {}", self.model.features(), self.model.entries());
    }

    /// Drops weights below `min` in magnitude (see [`Model::pruned`]).
    pub fn prune(&mut self, min: f32) {
        self.model = self.model.pruned(min);
    }

    pub fn write<W: std::io::Write>(&self, mut out: W) -> std::io::Result<()> {
        if !self.clusters.is_empty() {
            out.write_all(crate::tagger::CLUSTERS_MAGIC)?;
            self.clusters.write(&mut out)?;
        }
        crate::perceptron::put_varint(&mut out, self.labels.len() as u64)?;
        for l in &self.labels {
            crate::perceptron::put_varint(&mut out, l.len() as u64)?;
            out.write_all(l.as_bytes())?;
        }
        self.model.write(out)
    }

    pub fn read(mut input: &[u8]) -> std::io::Result<Parser> {
        use std::io::Read;
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
        let clusters = match input.strip_prefix(crate::tagger::CLUSTERS_MAGIC) {
            Some(mut rest) => {
                let c = Clusters::read(&mut rest)?;
                input = rest;
                c
            }
            None => Clusters::default(),
        };
        let n = crate::perceptron::get_varint(&mut input)? as usize;
        if n > 4096 {
            return Err(bad("corrupt parser model"));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let len = crate::perceptron::get_varint(&mut input)? as usize;
            if len > 256 {
                return Err(bad("corrupt parser label"));
            }
            let mut b = vec![0u8; len];
            input.read_exact(&mut b)?;
            labels.push(String::from_utf8(b).map_err(|_| bad("label is not UTF-8"))?);
        }
        let model = Model::read_slice(input)?;
        let root = labels.iter().position(|l| l == "root").ok_or_else(|| bad("no root label"))?;
        if model.classes() != 1 + 2 * labels.len() {
            return Err(bad("parser model does not match its labels"));
        }
        Ok(Parser { model, labels, root, clusters, beam: 1 })
    }
}

/// One training sentence.
pub struct TrainSentence {
    pub forms: Vec<String>,
    pub tags: Vec<String>,
    /// 1-based heads, 0 for the root.
    pub heads: Vec<usize>,
    pub deprels: Vec<String>,
}

fn decode(class: usize, nl: usize) -> (Move, u16) {
    if class == 0 {
        (Move::Shift, 0)
    } else if class <= nl {
        (Move::Left, (class - 1) as u16)
    } else {
        (Move::Right, (class - 1 - nl) as u16)
    }
}

/// Whether a move is allowed: ROOT takes one dependent, labelled `root`, and
/// only when it is the last word on the stack.
fn valid(st: &State, class: usize, nl: usize, root: usize) -> bool {
    let (kind, label) = decode(class, nl);
    let label = label as usize;
    match kind {
        Move::Shift => st.b < st.n,
        Move::Left => {
            !st.stack.is_empty() && if st.b == st.n { st.stack.len() == 1 && label == root } else { label != root }
        }
        Move::Right => st.stack.len() >= 2 && label != root,
    }
}

fn best_valid(st: &State, scores: &[f32], nl: usize, root: usize) -> usize {
    // Validity depends on the move kind and on whether the label is `root`,
    // so it is decided once per kind rather than once per class.
    let shift = st.b < st.n;
    let left_root = !st.stack.is_empty() && st.b == st.n && st.stack.len() == 1;
    let left_other = !st.stack.is_empty() && st.b < st.n;
    let right = st.stack.len() >= 2;
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    let mut consider = |c: usize| {
        if best == usize::MAX || scores[c] > best_score {
            best = c;
            best_score = scores[c];
        }
    };
    if shift {
        consider(0);
    }
    for l in 0..nl {
        if (l == root && left_root) || (l != root && left_other) {
            consider(1 + l);
        }
        if right && l != root {
            consider(1 + nl + l);
        }
    }
    best
}

/// The dynamic oracle: for each move, how many gold arcs it makes
/// unreachable (plus one for a wrong label on a gold arc); invalid moves cost
/// `usize::MAX`.
fn move_costs(st: &State, head: &[usize], rel: &[u16], nl: usize, root: usize, costs: &mut [usize]) {
    let s0 = st.s(0);
    let s1 = st.s(1);
    let b = st.b;
    let in_buffer = |x: usize| x != NONE && x >= b;
    // Gold dependents of s0 still in the buffer: lost by LEFT and RIGHT.
    let s0_buffer_deps = if s0 == NONE { 0 } else { (b..st.n).filter(|&d| head[d] == s0).count() };
    let shift_cost = if b < st.n {
        let deps_on_stack = st.stack.iter().filter(|&&k| head[k] == b).count();
        let head_on_stack = usize::from(head[b] != s0 && st.stack.contains(&head[b]));
        deps_on_stack + head_on_stack
    } else {
        usize::MAX
    };
    for (c, cost) in costs.iter_mut().enumerate() {
        if !valid(st, c, nl, root) {
            *cost = usize::MAX;
            continue;
        }
        let (kind, label) = decode(c, nl);
        *cost = match kind {
            Move::Shift => shift_cost,
            Move::Left => {
                let gold = head[s0] == b;
                let lost_head = !gold && (head[s0] == s1 || in_buffer(head[s0]));
                s0_buffer_deps + usize::from(lost_head) + usize::from(gold && rel[s0] != label)
            }
            Move::Right => {
                let gold = head[s0] == s1;
                let lost_head = !gold && in_buffer(head[s0]);
                s0_buffer_deps + usize::from(lost_head) + usize::from(gold && rel[s0] != label)
            }
        };
    }
}

/// Feature templates after Zhang and Nivre (2011): words and tags of the top
/// of the stack and the buffer, their children and relation labels, distance
/// and valency.
fn features(st: &State, x: &Words, out: &mut Vec<u64>) {
    out.clear();
    let none = 0xdead_u64;
    let w = |i: usize| if i == NONE { none } else { x.w[i] };
    let p = |i: usize| if i == NONE { none } else { x.p[i] };
    let wp = |i: usize| if i == NONE { none } else { x.wp[i] };
    let lab = |i: usize| if i == NONE { none } else { u64::from(st.label[i]) };
    let lc = |i: usize, k: usize| -> usize {
        if i == NONE {
            NONE
        } else {
            st.kids[i].left[k]
        }
    };
    let rc = |i: usize, k: usize| -> usize {
        if i == NONE {
            NONE
        } else {
            st.kids[i].right[k]
        }
    };
    let nl = |i: usize| if i == NONE { 0 } else { u64::from(st.kids[i].nleft) };
    let nr = |i: usize| if i == NONE { 0 } else { u64::from(st.kids[i].nright) };

    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let b0 = if st.b <= st.n { st.b } else { NONE };
    let b1 = if st.b < st.n { st.b + 1 } else { NONE };
    let b2 = if st.b + 1 < st.n { st.b + 2 } else { NONE };
    let dist = if s0 != NONE && b0 != NONE { ((b0 - s0).min(6)) as u64 } else { 7 };
    let dist01 = if s0 != NONE && s1 != NONE { ((s0 - s1).min(6)) as u64 } else { 7 };

    let mut t = 0u32;
    let mut push = |v: u64| {
        t += 1;
        out.push(f1(t, v));
    };
    // Single words.
    for i in [s0, s1, b0, b1] {
        push(w(i));
        push(p(i));
        push(wp(i));
    }
    push(p(s2));
    push(p(b2));
    push(w(b2));
    // Pairs.
    push(f2(0, wp(s0), wp(b0)));
    push(f2(0, wp(s0), w(b0)));
    push(f2(0, w(s0), wp(b0)));
    push(f2(0, wp(s0), p(b0)));
    push(f2(0, p(s0), wp(b0)));
    push(f2(0, w(s0), w(b0)));
    push(f2(0, p(s0), p(b0)));
    push(f2(0, p(b0), p(b1)));
    push(f2(0, w(s0), w(s1)));
    push(f2(0, p(s0), p(s1)));
    push(f2(0, wp(s0), p(s1)));
    push(f2(0, p(s0), wp(s1)));
    push(f2(0, w(b0), w(b1)));
    // Triples.
    push(f3(0, p(b0), p(b1), p(b2)));
    push(f3(0, p(s0), p(b0), p(b1)));
    push(f3(0, p(s1), p(s0), p(b0)));
    push(f3(0, p(s2), p(s1), p(s0)));
    push(f3(0, p(s1), p(s0), p(b1)));
    push(f3(0, w(s0), p(b0), p(b1)));
    push(f3(0, p(s1), w(s0), p(b0)));
    // Distance.
    push(f2(0, w(s0), dist));
    push(f2(0, p(s0), dist));
    push(f2(0, w(b0), dist));
    push(f2(0, p(b0), dist));
    push(f3(0, w(s0), w(b0), dist));
    push(f3(0, p(s0), p(b0), dist));
    push(f3(0, p(s0), p(s1), dist01));
    push(f3(0, w(s0), w(s1), dist01));
    // Valency.
    push(f2(0, w(s0), nr(s0)));
    push(f2(0, p(s0), nr(s0)));
    push(f2(0, w(s0), nl(s0)));
    push(f2(0, p(s0), nl(s0)));
    push(f2(0, w(b0), nl(b0)));
    push(f2(0, p(b0), nl(b0)));
    push(f2(0, p(s1), nr(s1)));
    push(f2(0, p(s1), nl(s1)));
    // Children.
    for i in [lc(s0, 0), rc(s0, 0), lc(b0, 0), lc(s1, 0), rc(s1, 0)] {
        push(w(i));
        push(p(i));
        push(lab(i));
    }
    for i in [lc(s0, 1), rc(s0, 1), lc(b0, 1), rc(s1, 1)] {
        push(p(i));
        push(lab(i));
    }
    push(f3(0, p(s0), p(lc(s0, 0)), p(lc(s0, 1))));
    push(f3(0, p(s0), p(rc(s0, 0)), p(rc(s0, 1))));
    push(f3(0, p(b0), p(lc(b0, 0)), p(lc(b0, 1))));
    push(f3(0, p(s1), p(rc(s1, 0)), p(rc(s1, 1))));
    push(f3(0, p(s0), lab(lc(s0, 0)), p(b0)));
    push(f3(0, p(s0), lab(rc(s0, 0)), p(b0)));
    push(f3(0, p(s0), p(b0), lab(lc(b0, 0))));
    push(f3(0, p(s0), p(s1), lab(rc(s1, 0))));
    // Label sets.
    if s0 != NONE {
        push(f2(0, wp(s0), st.kids[s0].left_labels));
        push(f2(0, wp(s0), st.kids[s0].right_labels));
        push(f2(0, p(s0), st.kids[s0].right_labels));
    }
    if b0 != NONE {
        push(f2(0, wp(b0), st.kids[b0].left_labels));
        push(f2(0, p(b0), st.kids[b0].left_labels));
    }
    push(f3(0, p(s0), p(s1), p(b0)));
    push(f3(0, w(s1), p(s0), p(b0)));
    // Punctuation between the candidates (coordination, apposition, clauses).
    let between = |a: usize, b: usize| -> u64 {
        if a == NONE || b == NONE {
            9
        } else {
            u64::from((x.punct[b] - x.punct[a + 1]).min(3))
        }
    };
    let (pc0, pc1) = (between(s0, b0), between(s1, s0));
    push(f3(0, p(s0), p(b0), pc0));
    push(f3(0, p(s1), p(s0), pc1));
    push(f3(0, w(s0), p(b0), pc0));
    // Word clusters: coarse ones as finer tags, fine ones as near-words.
    if let Some(c6) = &x.c6 {
        let c = |i: usize| if i == NONE { none } else { c6[i] };
        let f = |i: usize| if i == NONE { none } else { x.cf[i] };
        push(f(s0));
        push(f(b0));
        push(f(s1));
        push(f(b1));
        push(f2(0, c(s0), c(b0)));
        push(f2(0, f(s0), p(b0)));
        push(f2(0, p(s0), f(b0)));
        push(f3(0, c(s0), c(b0), dist));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(words: &str, heads: &[usize], rels: &str) -> TrainSentence {
        let forms: Vec<String> = words.split(' ').map(String::from).collect();
        TrainSentence {
            tags: forms.iter().map(|f| if f.ends_with('s') { "VBZ".into() } else { "NN".into() }).collect(),
            forms,
            heads: heads.to_vec(),
            deprels: rels.split(' ').map(String::from).collect(),
        }
    }

    #[test]
    fn oracle_reproduces_projective_gold() {
        // Follow zero-cost moves only: the result must be the gold tree.
        let s = sent("Egypt hosts talks today", &[2, 0, 2, 2], "nsubj root obj obl");
        let nl = 4;
        let labels = ["nsubj", "obj", "obl", "root"];
        let root = 3;
        let n = 4;
        let heads: Vec<usize> = s.heads.iter().map(|&h| if h == 0 { n } else { h - 1 }).collect();
        let rels: Vec<u16> = s.deprels.iter().map(|d| labels.iter().position(|l| l == d).unwrap() as u16).collect();
        let mut st = State::new(n);
        let mut costs = vec![0; 1 + 2 * nl];
        while !st.terminal() {
            move_costs(&st, &heads, &rels, nl, root, &mut costs);
            let c = costs.iter().position(|&c| c == 0).expect("a zero-cost move");
            let (k, l) = decode(c, nl);
            st.apply(k, l);
        }
        assert_eq!(&st.head[..n], &heads[..]);
        assert_eq!(&st.label[..n], &rels[..]);
    }

    #[test]
    fn learns_and_always_yields_one_root() {
        let data: Vec<TrainSentence> =
            (0..20).map(|_| sent("Egypt hosts talks today", &[2, 0, 2, 2], "nsubj root obj obl")).collect();
        let p = Parser::train(&data, 5, 1, &mut |_| {});
        let arcs = p.parse(&["Egypt", "hosts", "talks", "today"], &["NN", "VBZ", "NN", "NN"]);
        assert_eq!(arcs[1].head, None);
        assert_eq!(arcs[0].head, Some(1));
        // An unseen, longer input still yields a tree with a single root.
        let forms = ["a"; 30];
        let arcs = p.parse(&forms, &["NN"; 30]);
        assert_eq!(arcs.iter().filter(|a| a.head.is_none()).count(), 1);
        let mut buf = Vec::new();
        p.write(&mut buf).unwrap();
        let q = Parser::read(&buf[..]).unwrap();
        assert_eq!(q.parse(&forms, &["NN"; 30]), arcs);
    }
}

//! Word clusters from word vectors, the distributional features of the
//! tagger, the parser and the entity recogniser.
//!
//! The treebanks are small: most words a news report uses never occur in
//! them, or occur once. Word vectors trained on billions of words of
//! newswire and Wikipedia (GloVe 6B) place such words near the words they
//! behave like. [`Clusters::build`] turns the vectors of the most frequent
//! words into a binary tree by bisecting k-means (2-means at every node, on
//! unit-length vectors, to a fixed depth) so that a word's cluster is a path
//! of bits, and prefixes of the path are coarser clusters, as with Brown
//! clusters: a model can use a 4-bit prefix as a word class and the full
//! path as a near-word.
//!
//! Building is deterministic: no random seed is involved (each split starts
//! from the two points farthest apart along the node's spread, found by
//! fixed passes) and every split runs a fixed number of iterations, single
//! threaded, in a fixed order. The table is stored as sorted 32-bit word
//! hashes (delta-coded) with 16-bit paths, and lives inside each model file
//! that uses it, so a model and its clusters never disagree.

use crate::features::{hash_str, norm};
use crate::perceptron::{get_varint, put_varint, KeyMap};
use std::io::{self, BufRead, Read, Write};
use std::path::Path;

/// A word → cluster-path table.
#[derive(Clone, Default)]
pub struct Clusters {
    /// Word hash (low 32 bits of [`hash_str`] of the normalised form) →
    /// path as a heap index: 1 is the root, `2p` and `2p + 1` its children.
    map: KeyMap<u16>,
}

/// How deep the tree goes: paths fit in 16 bits with their leading 1.
pub const MAX_DEPTH: u32 = 15;

impl Clusters {
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// The path of a word given the hash of its normalised form
    /// ([`crate::features::norm`]), 0 for a word without a cluster.
    #[inline]
    pub fn path(&self, norm_hash: u64) -> u16 {
        if self.map.is_empty() {
            return 0;
        }
        self.map.get(&(norm_hash & 0xffff_ffff)).copied().unwrap_or(0)
    }

    /// The first `bits` bits of a path (the whole path when shorter), as a
    /// feature value; distinct prefixes of distinct lengths never collide.
    #[inline]
    pub fn prefix(path: u16, bits: u32) -> u64 {
        if path == 0 {
            return 0xc0ff;
        }
        let depth = 15 - path.leading_zeros();
        let p = if depth > bits { path >> (depth - bits) } else { path };
        u64::from(p) | u64::from(bits) << 16
    }

    /// Builds clusters from a GloVe text file (optionally gzipped): the first
    /// `words` lines (GloVe lists words by frequency), split to `depth` bits
    /// with `iterations` rounds of 2-means per split.
    pub fn build(path: &Path, words: usize, depth: u32, iterations: usize) -> io::Result<Clusters> {
        let file =
            std::fs::File::open(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::read::GzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let (names, vectors, dim) = read_vectors(io::BufReader::new(reader), words)?;
        Ok(Clusters::from_vectors(&names, &vectors, dim, depth, iterations))
    }

    /// Builds clusters from `names` and their vectors (`dim` values each,
    /// row after row), most frequent first. A name whose normalised form
    /// was already seen keeps the more frequent word's cluster.
    pub fn from_vectors(names: &[String], vectors: &[f32], dim: usize, depth: u32, iterations: usize) -> Clusters {
        let depth = depth.min(MAX_DEPTH);
        let n = names.len();
        let mut unit = vectors.to_vec();
        for row in unit.chunks_exact_mut(dim) {
            let len = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            if len > 0.0 {
                row.iter_mut().for_each(|x| *x /= len);
            }
        }
        let mut path = vec![1u16; n];
        // Nodes are split breadth first: a node is the list of its points.
        let mut level: Vec<Vec<usize>> = vec![(0..n).collect()];
        for _ in 0..depth {
            let mut next = Vec::with_capacity(level.len() * 2);
            for node in level {
                if node.len() < 2 {
                    for &i in &node {
                        path[i] <<= 1;
                    }
                    next.push(node);
                    continue;
                }
                let (a, b) = split(&unit, dim, &node, iterations);
                for &i in &a {
                    path[i] <<= 1;
                }
                for &i in &b {
                    path[i] = path[i] << 1 | 1;
                }
                next.push(a);
                next.push(b);
            }
            level = next;
        }
        let mut map = KeyMap::default();
        for (name, &p) in names.iter().zip(&path) {
            map.entry(hash_str(&norm(name)) & 0xffff_ffff).or_insert(p);
        }
        Clusters { map }
    }

    pub fn write<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let mut rows: Vec<(u64, u16)> = self.map.iter().map(|(&k, &v)| (k, v)).collect();
        rows.sort_unstable();
        put_varint(out, rows.len() as u64)?;
        let mut last = 0;
        for &(k, _) in &rows {
            put_varint(out, k - last)?;
            last = k;
        }
        for &(_, v) in &rows {
            out.write_all(&v.to_le_bytes())?;
        }
        Ok(())
    }

    pub fn read<R: Read>(input: &mut R) -> io::Result<Clusters> {
        let n = get_varint(input)? as usize;
        if n > 1 << 24 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "corrupt cluster table"));
        }
        let mut keys = Vec::with_capacity(n);
        let mut k = 0u64;
        for _ in 0..n {
            k += get_varint(input)?;
            keys.push(k);
        }
        let mut values = vec![0u8; 2 * n];
        input.read_exact(&mut values)?;
        let mut map = KeyMap::default();
        map.reserve(n);
        for (k, v) in keys.into_iter().zip(values.chunks_exact(2)) {
            map.insert(k, u16::from_le_bytes([v[0], v[1]]));
        }
        Ok(Clusters { map })
    }
}

/// Reads up to `words` rows of `word v1 v2 ...`.
fn read_vectors<R: BufRead>(mut r: R, words: usize) -> io::Result<(Vec<String>, Vec<f32>, usize)> {
    let mut names = Vec::with_capacity(words);
    let mut vectors = Vec::new();
    let mut dim = 0;
    let mut line = String::new();
    while names.len() < words {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            break;
        }
        let mut parts = line.split_ascii_whitespace();
        let Some(word) = parts.next() else { continue };
        let before = vectors.len();
        for p in parts {
            vectors.push(p.parse::<f32>().map_err(|_| {
                io::Error::new(io::ErrorKind::InvalidData, format!("bad number {p:?} in the vector of {word:?}"))
            })?);
        }
        let d = vectors.len() - before;
        if dim == 0 {
            dim = d;
        }
        if d != dim || d == 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, format!("vector of {word:?} has {d} values")));
        }
        names.push(word.to_string());
    }
    Ok((names, vectors, dim))
}

fn dist2(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// Splits the points of `node` in two by 2-means. The seeds are the point
/// farthest from the node's mean and the point farthest from that one.
fn split(v: &[f32], dim: usize, node: &[usize], iterations: usize) -> (Vec<usize>, Vec<usize>) {
    let row = |i: usize| &v[i * dim..(i + 1) * dim];
    let mut mean = vec![0f32; dim];
    for &i in node {
        mean.iter_mut().zip(row(i)).for_each(|(m, x)| *m += x);
    }
    mean.iter_mut().for_each(|m| *m /= node.len() as f32);
    let farthest = |from: &[f32]| -> usize {
        let mut best = (node[0], -1f32);
        for &i in node {
            let d = dist2(row(i), from);
            if d > best.1 {
                best = (i, d);
            }
        }
        best.0
    };
    let a = farthest(&mean);
    let b = farthest(row(a));
    let mut c = [row(a).to_vec(), row(b).to_vec()];
    let mut side = vec![false; node.len()];
    for it in 0..=iterations {
        for (k, &i) in node.iter().enumerate() {
            side[k] = dist2(row(i), &c[1]) < dist2(row(i), &c[0]);
        }
        if it == iterations {
            break;
        }
        let mut sum = [vec![0f32; dim], vec![0f32; dim]];
        let mut count = [0usize; 2];
        for (k, &i) in node.iter().enumerate() {
            let s = usize::from(side[k]);
            count[s] += 1;
            sum[s].iter_mut().zip(row(i)).for_each(|(m, x)| *m += x);
        }
        for s in 0..2 {
            if count[s] > 0 {
                c[s] = sum[s].iter().map(|x| x / count[s] as f32).collect();
            }
        }
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (k, &i) in node.iter().enumerate() {
        if side[k] {
            right.push(i);
        } else {
            left.push(i);
        }
    }
    if left.is_empty() || right.is_empty() {
        // Identical points: split by position so that the tree still grows.
        let all: Vec<usize> = node.to_vec();
        let mid = all.len() / 2;
        return (all[..mid].to_vec(), all[mid..].to_vec());
    }
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_words_share_long_prefixes_and_the_table_round_trips() {
        let names: Vec<String> = ["cat", "dog", "paris", "london", "Cat"].iter().map(|s| s.to_string()).collect();
        let v = [1.0, 0.1, 0.9, 0.2, -1.0, 0.1, -0.9, 0.2, 0.0, 5.0];
        let c = Clusters::from_vectors(&names, &v, 2, 3, 5);
        let p = |w: &str| c.path(hash_str(&norm(w)));
        assert_eq!(Clusters::prefix(p("cat"), 1), Clusters::prefix(p("dog"), 1));
        assert_eq!(Clusters::prefix(p("paris"), 1), Clusters::prefix(p("london"), 1));
        assert_ne!(Clusters::prefix(p("cat"), 1), Clusters::prefix(p("paris"), 1));
        // "Cat" normalises to "cat", which keeps the frequent word's cluster.
        assert_eq!(c.len(), 4);
        assert_eq!(p("unknown-word"), 0);
        let mut buf = Vec::new();
        c.write(&mut buf).unwrap();
        let d = Clusters::read(&mut &buf[..]).unwrap();
        assert_eq!(d.path(hash_str("paris")), p("paris"));
        assert!(Clusters::read(&mut &buf[..buf.len() - 1]).is_err());
    }
}

//! Quantised word vectors, the dense distributional features of the entity
//! recogniser.
//!
//! [`crate::clusters`] turns a GloVe vector into one path of a k-means tree;
//! this keeps the vector itself, each dimension cut into a few bins of equal
//! frequency over the vocabulary, so that a linear model can weigh every
//! dimension (`dim 17 in bin 3`) as a binary feature. Bins rather than real
//! values, because the perceptron takes binary features, and because a bin
//! of its own lets a dimension matter only at one end of its range.
//!
//! The table is stored as sorted 32-bit word hashes (delta-coded) and one
//! 4-bit bin per dimension, inside the model that uses it.

use crate::clusters::read_vectors;
use crate::features::{hash_str, norm};
use crate::perceptron::{get_varint, put_varint, KeyMap};
use std::io::{self, Read, Write};
use std::path::Path;

/// A word → binned-vector table.
#[derive(Clone, Default)]
pub struct Embeddings {
    /// Word hash (low 32 bits of [`hash_str`] of the normalised form) →
    /// row.
    map: KeyMap<u32>,
    dim: usize,
    bins: u8,
    /// `dim` bins per row, row after row.
    codes: Vec<u8>,
}

/// Bins fit in four bits.
pub const MAX_BINS: usize = 16;

impl Embeddings {
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    pub fn bins(&self) -> usize {
        usize::from(self.bins)
    }

    /// The bins of a word given the hash of its normalised form
    /// ([`crate::features::norm`]); `None` for a word without a vector.
    #[inline]
    pub fn row(&self, norm_hash: u64) -> Option<&[u8]> {
        let r = *self.map.get(&(norm_hash & 0xffff_ffff))? as usize;
        Some(&self.codes[r * self.dim..(r + 1) * self.dim])
    }

    /// Reads the first `words` vectors of a GloVe text file (optionally
    /// gzipped) and bins each dimension into `bins` bins.
    pub fn build(path: &Path, words: usize, bins: usize) -> io::Result<Embeddings> {
        let file =
            std::fs::File::open(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::read::GzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let (names, vectors, dim) = read_vectors(io::BufReader::new(reader), words)?;
        Ok(Embeddings::from_vectors(&names, &vectors, dim, bins))
    }

    /// Bins `names`' vectors (`dim` values each, row after row, most
    /// frequent word first): the edges of each dimension are its quantiles
    /// over all the words, so every bin holds about as many words. A name
    /// whose normalised form was already seen keeps the more frequent
    /// word's vector.
    pub fn from_vectors(names: &[String], vectors: &[f32], dim: usize, bins: usize) -> Embeddings {
        let bins = bins.clamp(2, MAX_BINS);
        let n = names.len();
        let mut edges = vec![Vec::with_capacity(bins - 1); dim];
        for (d, e) in edges.iter_mut().enumerate() {
            let mut col: Vec<f32> = (0..n).map(|i| vectors[i * dim + d]).collect();
            col.sort_unstable_by(f32::total_cmp);
            for b in 1..bins {
                e.push(col.get(b * n / bins).copied().unwrap_or(f32::INFINITY));
            }
        }
        let mut map = KeyMap::default();
        let mut codes = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let next = map.len() as u32;
            let key = hash_str(&norm(name)) & 0xffff_ffff;
            if *map.entry(key).or_insert(next) != next {
                continue;
            }
            for (d, e) in edges.iter().enumerate() {
                codes.push(bin_of(vectors[i * dim + d], e));
            }
        }
        Embeddings { map, dim, bins: bins as u8, codes }
    }

    pub fn write<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let mut rows: Vec<(u64, u32)> = self.map.iter().map(|(&k, &r)| (k, r)).collect();
        rows.sort_unstable();
        put_varint(out, rows.len() as u64)?;
        put_varint(out, self.dim as u64)?;
        put_varint(out, u64::from(self.bins))?;
        let mut last = 0;
        for &(k, _) in &rows {
            put_varint(out, k - last)?;
            last = k;
        }
        // Two bins a byte.
        let mut packed = Vec::with_capacity((rows.len() * self.dim).div_ceil(2));
        let mut codes = rows.iter().flat_map(|&(_, r)| &self.codes[r as usize * self.dim..(r as usize + 1) * self.dim]);
        while let Some(&a) = codes.next() {
            let b = codes.next().copied().unwrap_or(0);
            packed.push(a | b << 4);
        }
        out.write_all(&packed)
    }

    pub fn read<R: Read>(input: &mut R) -> io::Result<Embeddings> {
        let bad = |m: &str| io::Error::new(io::ErrorKind::InvalidData, m.to_string());
        let n = get_varint(input)? as usize;
        let dim = get_varint(input)? as usize;
        let bins = get_varint(input)? as usize;
        if n > 1 << 24 || dim > 4096 || !(2..=MAX_BINS).contains(&bins) {
            return Err(bad("corrupt embedding table"));
        }
        let mut map = KeyMap::default();
        map.reserve(n);
        let mut k = 0u64;
        for r in 0..n {
            k += get_varint(input)?;
            map.insert(k, r as u32);
        }
        let mut packed = vec![0u8; (n * dim).div_ceil(2)];
        input.read_exact(&mut packed)?;
        let mut codes: Vec<u8> = packed.iter().flat_map(|&p| [p & 0xf, p >> 4]).collect();
        codes.truncate(n * dim);
        if codes.iter().any(|&c| usize::from(c) >= bins) {
            return Err(bad("embedding bin out of range"));
        }
        Ok(Embeddings { map, dim, bins: bins as u8, codes })
    }
}

/// The bin of `v`: how many edges it reaches.
fn bin_of(v: f32, edges: &[f32]) -> u8 {
    edges.iter().take_while(|&&e| v >= e).count() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_are_quantiles_and_the_table_round_trips() {
        let names: Vec<String> =
            ["the", "Paris", "paris", "london", "cat", "dog"].iter().map(|s| s.to_string()).collect();
        // Two dimensions: the first orders the words, the second is constant.
        let v = [0.0, 1.0, 5.0, 1.0, 9.0, 1.0, 4.0, 1.0, 2.0, 1.0, 3.0, 1.0];
        let e = Embeddings::from_vectors(&names, &v, 2, 3);
        let row = |w: &str| e.row(hash_str(&norm(w))).map(<[u8]>::to_vec);
        // "paris" keeps the vector of the more frequent "Paris".
        assert_eq!(e.len(), 5);
        assert_eq!(row("the"), Some(vec![0, 2]));
        // Edges at the quantiles 3 and 5 of 0, 2, 3, 4, 5, 9.
        assert_eq!(row("cat"), Some(vec![0, 2]));
        assert_eq!(row("dog"), Some(vec![1, 2]));
        assert_eq!(row("london"), Some(vec![1, 2]));
        assert_eq!(row("PARIS"), Some(vec![2, 2]));
        assert_eq!(row("unknown"), None);
        let mut buf = Vec::new();
        e.write(&mut buf).unwrap();
        let d = Embeddings::read(&mut &buf[..]).unwrap();
        assert_eq!((d.dim(), d.bins(), d.len()), (2, 3, 5));
        for w in ["the", "paris", "london", "cat", "dog", "unknown"] {
            assert_eq!(d.row(hash_str(w)).map(<[u8]>::to_vec), row(w));
        }
        assert!(Embeddings::read(&mut &buf[..buf.len() - 1]).is_err());
    }

    #[test]
    fn bin_of_counts_edges_reached() {
        assert_eq!(bin_of(-1.0, &[0.0, 1.0]), 0);
        assert_eq!(bin_of(0.0, &[0.0, 1.0]), 1);
        assert_eq!(bin_of(7.0, &[0.0, 1.0]), 2);
        assert_eq!(bin_of(f32::NAN, &[0.0, 1.0]), 0);
    }
}

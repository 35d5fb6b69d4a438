//! The averaged perceptron shared by the tagger, the parser and the entity
//! recogniser.
//!
//! Features are 64-bit hashes ([`crate::features`]); each maps to a short
//! sparse row of `(class, weight)` pairs. A perceptron update touches only the
//! gold and the predicted class, so rows stay short even with a hundred
//! classes, which keeps training memory low and scoring fast.
//!
//! A trained model is frozen into [`Model`]: rows flattened into one array,
//! weights averaged, near-zero weights pruned and the rest quantised to 16
//! bits. [`Model::write`] and [`Model::read`] give a compact, versioned,
//! deflate-compressed byte format that loads in milliseconds.

use crate::table::Table;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read, Write};

/// Feature keys are already well-mixed 32-bit hashes, so the map only
/// spreads them over 64 bits with one multiplication: hashbrown reads its
/// control byte from the top bits, which a 32-bit key leaves at zero.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    weight: f32,
    /// Sum of the weight over all past instants, up to `stamp`.
    total: f64,
    stamp: u32,
}

/// A perceptron being trained.
pub struct Trainer {
    classes: usize,
    index: KeyMap<u32>,
    rows: Vec<Vec<Entry>>,
    /// Number of instances seen: the clock of the lazy averaging.
    instant: u32,
}

impl Trainer {
    pub fn new(classes: usize) -> Self {
        assert!(classes <= u16::MAX as usize);
        Trainer { classes, index: KeyMap::default(), rows: Vec::new(), instant: 0 }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the current (unaveraged) weights of `features` into `scores`.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Advances the clock by one instance; call once per training decision.
    pub fn tick(&mut self) {
        self.instant += 1;
    }

    /// Moves weight from `guess` to `truth` on every feature.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let now = self.instant;
        for &f in features {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::with_capacity(2));
            }
            let row = &mut self.rows[r as usize];
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let class = class as u16;
                match row.iter_mut().find(|e| e.class == class) {
                    Some(e) => {
                        e.total += f64::from(e.weight) * f64::from(now - e.stamp);
                        e.stamp = now;
                        e.weight += delta;
                    }
                    None => row.push(Entry { class, weight: delta, total: 0.0, stamp: now }),
                }
            }
        }
    }

    /// Averages the weights over all instants, prunes weights whose magnitude
    /// is below `prune` and freezes the result.
    pub fn finish(self, labels: Vec<String>, prune: f32) -> Model {
        let now = self.instant.max(1);
        let mut keys: Vec<(u64, u32)> = self.index.into_iter().collect();
        keys.sort_unstable();
        let mut raw: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(keys.len());
        let mut max = 0f32;
        for (key, r) in keys {
            let mut row: Vec<(u16, f32)> = Vec::new();
            for e in &self.rows[r as usize] {
                let total = e.total + f64::from(e.weight) * f64::from(now - e.stamp);
                let avg = (total / f64::from(now)) as f32;
                if avg.abs() >= prune && avg != 0.0 {
                    max = max.max(avg.abs());
                    row.push((e.class, avg));
                }
            }
            if !row.is_empty() {
                row.sort_unstable_by_key(|p| p.0);
                raw.push((key, row));
            }
        }
        Model::from_rows(labels, self.classes, raw, max)
    }
}

/// A frozen, averaged perceptron.
///
/// Scoring is bound by memory latency: every feature is a random access into
/// tens of megabytes. So the index is a flat open-addressing table whose
/// slot packs the key, the row's offset and its length into one `u64` (one
/// cache miss per feature, not hashbrown's two or three), and a row entry
/// packs class and quantised weight into one `u32`.
#[derive(Clone)]
pub struct Model {
    labels: Vec<String>,
    classes: usize,
    /// `key << 32 | offset << 8 | len`; 0 marks an empty slot (rows are
    /// never empty, so a used slot is never 0).
    slots: Table<u64>,
    /// Bits of the table size, a power of two.
    bits: u32,
    /// `class << 16 | weight as u16`, weights in units of `scale`.
    entries: Table<u32>,
    /// The quantisation step: stored weights are multiples of it.
    scale: f32,
}

const MAGIC: &[u8; 8] = b"ANNALSP2";
/// Offsets have 24 bits in a slot; a larger model keeps its first rows.
const MAX_ENTRIES: usize = 1 << 24;

impl Model {
    fn from_rows(labels: Vec<String>, classes: usize, rows: Vec<(u64, Vec<(u16, f32)>)>, max: f32) -> Model {
        let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
        let mut packed = Vec::with_capacity(rows.len());
        let mut entries = Vec::new();
        for (key, row) in rows {
            let len = row.len().min(255);
            if entries.len() + len > MAX_ENTRIES {
                break;
            }
            let offset = entries.len() as u64;
            for (c, w) in row.into_iter().take(len) {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                entries.push(u32::from(c) << 16 | u32::from(q as u16));
            }
            packed.push((key & 0xffff_ffff, offset, len as u64));
        }
        let (slots, bits) = build_table(&packed);
        Model { labels, classes, slots, bits, entries: Table::from_slice(&entries), scale }
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    pub fn features(&self) -> usize {
        self.slots.iter().filter(|&&s| s != 0).count()
    }

    pub fn entries(&self) -> usize {
        self.entries.len()
    }

    #[inline]
    fn find(slots: &[u64], bits: u32, key: u64) -> Option<(usize, usize)> {
        let key = key & 0xffff_ffff;
        let mask = (1usize << bits) - 1;
        let mut i = slot_of(key, bits);
        loop {
            let s = slots[i];
            if s == 0 {
                return None;
            }
            if s >> 32 == key {
                return Some((((s >> 8) & 0xff_ffff) as usize, (s & 0xff) as usize));
            }
            i = (i + 1) & mask;
        }
    }

    /// Every row as `(key, [(class, weight)])`.
    fn rows(&self) -> Vec<(u64, Vec<(u16, f32)>)> {
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = self
            .slots
            .iter()
            .filter(|&&s| s != 0)
            .map(|&s| {
                let (off, len) = (((s >> 8) & 0xff_ffff) as usize, (s & 0xff) as usize);
                let row = self.entries[off..off + len].iter().map(|&e| unpack(e, self.scale)).collect();
                (s >> 32, row)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// A copy without the weights whose magnitude is below `min`: most
    /// features of a perceptron carry tiny averaged weights that change no
    /// decision but cost memory and cache misses.
    pub fn pruned(&self, min: f32) -> Model {
        let mut max = 0f32;
        let rows: Vec<(u64, Vec<(u16, f32)>)> = self
            .rows()
            .into_iter()
            .filter_map(|(k, row)| {
                let row: Vec<(u16, f32)> = row.into_iter().filter(|e| e.1.abs() >= min).collect();
                max = row.iter().fold(max, |m, e| m.max(e.1.abs()));
                (!row.is_empty()).then_some((k, row))
            })
            .collect();
        Model::from_rows(self.labels.clone(), self.classes, rows, max)
    }

    /// Sets `scores` to the sum of the rows of `features`.
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        // Find all rows first, then add them: the lookups are independent,
        // so their cache misses overlap instead of queueing.
        // Deref the tables once, not per feature.
        let (slots, entries): (&[u64], &[u32]) = (&self.slots, &self.entries);
        let mut found = [(0usize, 0usize); 64];
        for chunk in features.chunks(64) {
            // Ask for every home slot before probing any, and for every
            // row before adding any: the misses then overlap.
            for &f in chunk {
                prefetch(slots.as_ptr().wrapping_add(slot_of(f & 0xffff_ffff, self.bits)));
            }
            let mut n = 0;
            for &f in chunk {
                if let Some(r) = Model::find(slots, self.bits, f) {
                    prefetch(entries.as_ptr().wrapping_add(r.0));
                    found[n] = r;
                    n += 1;
                }
            }
            for &(off, len) in &found[..n] {
                for &e in &entries[off..off + len] {
                    scores[(e >> 16) as usize] += f32::from(e as u16 as i16);
                }
            }
        }
        for s in scores.iter_mut() {
            *s *= self.scale;
        }
    }

    /// Serialises the model: a magic tag, the labels, then the rows sorted by
    /// key as columns (delta-coded keys, row lengths, classes, 16-bit
    /// weights), all deflated. Columns compress better than interleaved rows
    /// and decode in tight loops.
    pub fn write<W: Write>(&self, out: W) -> io::Result<()> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        put_varint(&mut b, self.classes as u64)?;
        put_varint(&mut b, self.labels.len() as u64)?;
        for l in &self.labels {
            put_varint(&mut b, l.len() as u64)?;
            b.extend_from_slice(l.as_bytes());
        }
        b.extend_from_slice(&self.scale.to_le_bytes());
        let rows = self.rows();
        put_varint(&mut b, rows.len() as u64)?;
        let mut last = 0u64;
        for (key, _) in &rows {
            put_varint(&mut b, key - last)?;
            last = *key;
        }
        for (_, row) in &rows {
            put_varint(&mut b, row.len() as u64)?;
        }
        for (_, row) in &rows {
            for &(c, _) in row {
                put_varint(&mut b, u64::from(c))?;
            }
        }
        for (_, row) in &rows {
            for &(_, w) in row {
                let q = (w / self.scale).round() as i16;
                b.extend_from_slice(&q.to_le_bytes());
            }
        }
        // Stored uncompressed: deflate saves only about a sixth of these
        // columns, and inflating costs more start-up time than it is worth.
        let mut out = out;
        out.write_all(&b)
    }

    /// Reads a model written by [`Model::write`] (or its deflated form).
    pub fn read<R: Read>(mut input: R) -> io::Result<Model> {
        let mut raw = Vec::new();
        input.read_to_end(&mut raw)?;
        Model::read_slice(&raw)
    }

    /// Reads a model from bytes in place: an embedded model is decoded
    /// without first being copied.
    pub fn read_slice(raw: &[u8]) -> io::Result<Model> {
        let inflated;
        let buf: &[u8] = if raw.starts_with(MAGIC) {
            raw
        } else {
            let mut b = Vec::new();
            flate2::read::DeflateDecoder::new(raw).read_to_end(&mut b)?;
            inflated = b;
            &inflated
        };
        let mut c = Cursor { b: buf, i: 0 };
        if c.take(8)? != MAGIC {
            return Err(bad("not an annals perceptron model"));
        }
        let classes = c.varint()? as usize;
        let nlabels = c.varint()? as usize;
        if classes > u16::MAX as usize || nlabels > classes {
            return Err(bad("corrupt model header"));
        }
        let mut labels = Vec::with_capacity(nlabels);
        for _ in 0..nlabels {
            let n = c.varint()? as usize;
            let l = c.take(n)?;
            labels.push(String::from_utf8(l.to_vec()).map_err(|_| bad("label is not UTF-8"))?);
        }
        let scale = f32::from_le_bytes(c.take(4)?.try_into().unwrap());
        let n = c.varint()? as usize;
        if n > buf.len() {
            return Err(bad("corrupt feature count"));
        }
        let mut keys: Vec<u32> = Vec::with_capacity(n);
        let mut key = 0u64;
        for _ in 0..n {
            key = key.wrapping_add(c.varint()?);
            if key > 0xffff_ffff {
                return Err(bad("corrupt key"));
            }
            keys.push(key as u32);
        }
        // Rows are laid out in key order, so offsets follow from the lengths
        // and each row can go into the table as soon as its length is read.
        let bits = table_bits(n);
        let mut slots = Table::zeroed(1 << bits);
        let mut total = 0u64;
        for &k in &keys {
            let len = c.varint()?;
            if len == 0 || len > 255 || total + len > MAX_ENTRIES as u64 {
                return Err(bad("corrupt row"));
            }
            place(&mut slots, bits, u64::from(k), total, len);
            total += len;
        }
        drop(keys);
        let total = total as usize;
        let mut entries = Table::zeroed(total);
        for e in entries.iter_mut() {
            let cl = c.varint()?;
            if cl as usize >= classes {
                return Err(bad("class out of range"));
            }
            *e = (cl as u32) << 16;
        }
        let weights = c.take(2 * total)?;
        for (e, q) in entries.iter_mut().zip(weights.chunks_exact(2)) {
            *e |= u32::from(u16::from_le_bytes([q[0], q[1]]));
        }
        Ok(Model { labels, classes, slots, bits, entries, scale })
    }
}

/// Hints the processor to fetch the cache line at `p`; a prefetch never
/// faults, whatever the address.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and cannot fault; SSE is part of
    // the x86_64 baseline.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[inline]
fn slot_of(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

fn unpack(e: u32, scale: f32) -> (u16, f32) {
    ((e >> 16) as u16, f32::from(e as u16 as i16) * scale)
}

/// Table size (in bits) for `n` rows: at most about 60% full.
fn table_bits(n: usize) -> u32 {
    let mut bits = 4;
    while (1usize << bits) * 3 < n * 5 {
        bits += 1;
    }
    bits
}

/// Lays out `(key, offset, len)` rows in a linear-probing table at most
/// about 60% full.
fn build_table(rows: &[(u64, u64, u64)]) -> (Table<u64>, u32) {
    let bits = table_bits(rows.len());
    let mut slots = Table::zeroed(1 << bits);
    for &(key, off, len) in rows {
        place(&mut slots, bits, key, off, len);
    }
    (slots, bits)
}

/// Puts one row in the first free slot from its key's home slot.
#[inline]
fn place(slots: &mut [u64], bits: u32, key: u64, off: u64, len: u64) {
    let mask = (1usize << bits) - 1;
    let mut i = slot_of(key, bits);
    while slots[i] != 0 {
        i = (i + 1) & mask;
    }
    slots[i] = key << 32 | off << 8 | len;
}

/// Reads varints and byte runs from a slice, with bounds checks that turn a
/// truncated file into an error rather than a panic.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        let end = self.i.checked_add(n).filter(|&e| e <= self.b.len()).ok_or_else(|| bad("truncated model"))?;
        let s = &self.b[self.i..end];
        self.i = end;
        Ok(s)
    }

    #[inline]
    fn varint(&mut self) -> io::Result<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        while let Some(&byte) = self.b.get(self.i) {
            self.i += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift >= 64 {
                return Err(bad("varint too long"));
            }
        }
        Err(bad("truncated model"))
    }
}

fn bad(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

pub(crate) fn put_varint<W: Write>(w: &mut W, mut v: u64) -> io::Result<()> {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            return w.write_all(&[b]);
        }
        w.write_all(&[b | 0x80])?;
    }
}

pub(crate) fn get_varint<R: Read>(r: &mut R) -> io::Result<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let mut b = [0u8; 1];
        r.read_exact(&mut b)?;
        v |= u64::from(b[0] & 0x7f) << shift;
        if b[0] & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(bad("varint too long"))
}

/// Index of the highest score among the allowed classes.
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// A small deterministic random generator (xorshift64*), so that training is
/// reproducible from a seed without pulling in a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(crate::features::mix(seed) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        // Class = which of three features is present.
        let mut t = Trainer::new(3);
        let mut s = [0f32; 3];
        for _ in 0..5 {
            for c in 0..3u64 {
                let feats = [c + 100, 7];
                t.score(&feats, &mut s);
                let g = argmax(&s);
                t.tick();
                t.update(&feats, c as usize, g);
            }
        }
        let m = t.finish(vec!["a".into(), "b".into(), "c".into()], 0.0);
        for c in 0..3u64 {
            m.score(&[c + 100, 7], &mut s);
            assert_eq!(argmax(&s), c as usize);
        }
        let mut buf = Vec::new();
        m.write(&mut buf).unwrap();
        let m2 = Model::read(&buf[..]).unwrap();
        assert_eq!(m2.labels(), m.labels());
        for c in 0..3u64 {
            let mut s2 = [0f32; 3];
            m.score(&[c + 100, 7], &mut s);
            m2.score(&[c + 100, 7], &mut s2);
            assert_eq!(s, s2);
        }
    }

    #[test]
    fn rejects_garbage() {
        assert!(Model::read(&b"not a model at all"[..]).is_err());
        assert!(Model::read(&[][..]).is_err());
    }
}

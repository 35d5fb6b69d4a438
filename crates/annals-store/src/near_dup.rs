//! Near-duplicate articles: MinHash signatures over word shingles, found
//! again through an LSH index kept in SQLite.
//!
//! Reprints and lightly edited wire copies share most of their 5-word
//! shingles, unrelated reports almost none. Each article's set of shingles is
//! summarised by [`HASHES`] minimum hashes; the share of equal minima
//! estimates the Jaccard similarity of two sets. The signature is cut into
//! [`BANDS`] bands of [`ROWS`] hashes; two articles become candidates when
//! any band is equal, which is one indexed lookup per band. With `b = 16`,
//! `r = 8` the chance of becoming a candidate is `1 - (1 - J^8)^16`:
//!
//! | J    | 0.3    | 0.5   | 0.6  | 0.7  | 0.8  | 0.85 | 0.9    |
//! |------|--------|-------|------|------|------|------|--------|
//! | P    | 0.0010 | 0.061 | 0.24 | 0.61 | 0.95 | 0.99 | 0.9999 |
//!
//! The S-curve turns at about `(1/16)^(1/8) ≈ 0.71`, below the 0.8 we link
//! at, so pairs at or above 0.8 are found (95 % at exactly 0.8, 99 % from
//! 0.85), while pairs under 0.5 rarely cost a verification. Candidates are
//! verified against the stored signatures: a link needs an estimated
//! Jaccard ≥ [`THRESHOLD`] (standard error at 0.8 with 128 hashes ≈ 0.035).
//! `32 × 4` would find more borderline pairs but doubles the index and
//! makes every report from the same week a candidate.

use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Minimum hashes per signature.
pub const HASHES: usize = 128;
/// LSH bands of the signature.
pub const BANDS: usize = 16;
/// Hashes per band.
pub const ROWS: usize = HASHES / BANDS;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Estimated Jaccard at or above which an article is a near-duplicate.
pub const THRESHOLD: f64 = 0.8;

/// A MinHash signature: the least hash of the article's shingles under each
/// of [`HASHES`] hash functions (32 bits suffice: equal minima by chance are
/// one in four billion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

/// The finaliser of SplitMix64: a cheap, well-mixing bijection, so that
/// `mix(h ^ seed_i)` behaves as an independent hash function per `i`.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn seed(i: usize) -> u64 {
    mix((i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The words of `text`, lowercased, punctuation dropped: a reprint that
/// changes quotes, dashes or capitals keeps its shingles.
fn word_hashes(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| xxh3_64(w.to_lowercase().as_bytes()))
        .collect()
}

impl Signature {
    /// The signature of `text`; `None` when it has no words. A text shorter
    /// than one shingle is one shingle.
    pub fn of(text: &str) -> Option<Signature> {
        let words = word_hashes(text);
        if words.is_empty() {
            return None;
        }
        let seeds: Vec<u64> = (0..HASHES).map(seed).collect();
        let mut sig = vec![u32::MAX; HASHES];
        let mut buf = Vec::with_capacity(SHINGLE * 8);
        for w in words.windows(SHINGLE.min(words.len())) {
            buf.clear();
            w.iter().for_each(|h| buf.extend_from_slice(&h.to_le_bytes()));
            let h = xxh3_64(&buf);
            for (m, s) in sig.iter_mut().zip(&seeds) {
                *m = (*m).min(mix(h ^ s) as u32);
            }
        }
        Some(Signature(sig))
    }

    /// The estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len().max(1) as f64
    }

    /// One hash per band, the keys of the LSH index.
    pub fn bands(&self) -> Vec<i64> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                let bytes: Vec<u8> = rows.iter().flat_map(|r| r.to_le_bytes()).collect();
                xxh3_64_with_seed(&bytes, b as u64) as i64
            })
            .collect()
    }

    pub fn to_blob(&self) -> Vec<u8> {
        self.0.iter().flat_map(|h| h.to_le_bytes()).collect()
    }

    /// Reads a stored signature; `None` if the blob is not one.
    pub fn from_blob(b: &[u8]) -> Option<Signature> {
        (b.len() == HASHES * 4)
            .then(|| Signature(b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()))
    }
}

/// A link from a new article to the original it reprints.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub original: String,
    pub similarity: f64,
}

/// The stored article `sig` nearly duplicates, resolved to its original
/// (chains stay flat: a reprint of a reprint links to the first report).
/// The most similar candidate wins, the earlier stored on ties.
pub(crate) fn find_original(conn: &Connection, sig: &Signature) -> Result<Option<Link>> {
    let mut lookup = conn.prepare_cached("SELECT article FROM minhash_bands WHERE band = ?1 AND hash = ?2")?;
    let mut candidates: Vec<String> = Vec::new();
    for (band, hash) in sig.bands().into_iter().enumerate() {
        for id in lookup.query_map(params![band as i64, hash], |r| r.get::<_, String>(0))? {
            let id = id?;
            if !candidates.contains(&id) {
                candidates.push(id);
            }
        }
    }
    let mut verify = conn.prepare_cached(
        "SELECT m.signature, coalesce(a.near_duplicate_of, a.id), a.rowid FROM minhash m
         JOIN articles a ON a.id = m.article WHERE m.article = ?1",
    )?;
    let mut best: Option<(f64, i64, String)> = None;
    for id in candidates {
        let row = verify
            .query_row([&id], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))
            .optional()?;
        let Some((blob, original, rowid)) = row else { continue };
        let Some(stored) = Signature::from_blob(&blob) else { continue };
        let j = stored.similarity(sig);
        let better = best.as_ref().is_none_or(|(bj, brow, _)| j > *bj || (j == *bj && rowid < *brow));
        if j >= THRESHOLD && better {
            best = Some((j, rowid, original));
        }
    }
    Ok(best.map(|(similarity, _, original)| Link { original, similarity }))
}

/// Indexes article `id` under `sig`, linking it to the original it nearly
/// duplicates (if any), which is returned.
pub(crate) fn index_article(conn: &Connection, id: &str, text: &str) -> Result<Option<Link>> {
    let Some(sig) = Signature::of(text) else { return Ok(None) };
    let link = find_original(conn, &sig)?;
    if let Some(l) = &link {
        conn.prepare_cached("UPDATE articles SET near_duplicate_of = ?2, near_duplicate_jaccard = ?3 WHERE id = ?1")?
            .execute(params![id, l.original, l.similarity])?;
    }
    conn.prepare_cached("INSERT INTO minhash (article, signature) VALUES (?1, ?2)")?
        .execute(params![id, sig.to_blob()])?;
    let mut band =
        conn.prepare_cached("INSERT OR IGNORE INTO minhash_bands (band, hash, article) VALUES (?1, ?2, ?3)")?;
    for (b, h) in sig.bands().into_iter().enumerate() {
        band.execute(params![b as i64, h, id])?;
    }
    Ok(link)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, salt: &str) -> String {
        (0..n).map(|i| format!("{salt}{i}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn similarity_tracks_jaccard() {
        let a = Signature::of(&words(300, "w")).unwrap();
        assert_eq!(a.similarity(&a), 1.0);
        // Same text, different case and punctuation: the same shingles.
        let b = Signature::of(&words(300, "W").replace(' ', ", ")).unwrap();
        assert_eq!(a, b);
        // 300 words, 20 more at the end: J = 296 / 316 ≈ 0.94.
        let c = Signature::of(&format!("{} {}", words(300, "w"), words(20, "x"))).unwrap();
        let j = a.similarity(&c);
        assert!((0.85..=1.0).contains(&j), "{j}");
        let d = Signature::of(&words(300, "v")).unwrap();
        assert!(a.similarity(&d) < 0.05);
        assert_eq!(a.bands().len(), BANDS);
        assert_eq!(Signature::from_blob(&a.to_blob()), Some(a));
        assert_eq!(Signature::from_blob(&[1, 2, 3]), None);
        assert_eq!(Signature::of(" -- "), None);
    }

    #[test]
    fn s_curve_of_the_banding() {
        let p = |j: f64| 1.0 - (1.0 - j.powi(ROWS as i32)).powi(BANDS as i32);
        assert!(p(0.8) > 0.94 && p(0.9) > 0.999 && p(0.5) < 0.07 && p(0.3) < 0.002);
    }
}

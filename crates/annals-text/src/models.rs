//! The trained models, embedded in the binary so that annals runs on a
//! machine with nothing but the executable.
//!
//! `annals train` writes these files from `../shared/data`; they are
//! committed, so a fresh clone builds a working binary without the data.
//! An empty file stands for a model not trained yet.

use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

pub const TAGGER: &[u8] = include_bytes!("../models/tagger.bin");
pub const PARSER: &[u8] = include_bytes!("../models/parser.bin");
pub const LEMMA: &[u8] = include_bytes!("../models/lemma.bin");
pub const NER: &[u8] = include_bytes!("../models/ner.bin");

/// File names of the models inside a model directory.
pub const FILES: [&str; 4] = ["tagger.bin", "parser.bin", "lemma.bin", "ner.bin"];

/// The bytes of the four models, embedded or read from a directory.
pub struct ModelBytes {
    pub tagger: Cow<'static, [u8]>,
    pub parser: Cow<'static, [u8]>,
    pub lemma: Cow<'static, [u8]>,
    pub ner: Cow<'static, [u8]>,
}

impl ModelBytes {
    pub fn embedded() -> ModelBytes {
        ModelBytes {
            tagger: Cow::Borrowed(TAGGER),
            parser: Cow::Borrowed(PARSER),
            lemma: Cow::Borrowed(LEMMA),
            ner: Cow::Borrowed(NER),
        }
    }

    /// An xxh3-128 digest (hex) of the four models, so that stored events
    /// can say which models produced them. Each model is hashed with its
    /// length, so bytes cannot shift from one model to the next unnoticed.
    pub fn fingerprint(&self) -> String {
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        for m in [&self.tagger, &self.parser, &self.lemma, &self.ner] {
            h.update(&(m.len() as u64).to_le_bytes());
            h.update(m);
        }
        format!("{:032x}", h.digest128())
    }

    /// Reads the models from `dir`; a missing file counts as untrained.
    pub fn from_dir(dir: &Path) -> std::io::Result<ModelBytes> {
        let read = |f: &str| -> std::io::Result<Cow<'static, [u8]>> {
            match std::fs::read(dir.join(f)) {
                Ok(b) => Ok(Cow::Owned(b)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Cow::Borrowed(&[])),
                Err(e) => Err(std::io::Error::new(e.kind(), format!("{}: {e}", dir.join(f).display()))),
            }
        };
        Ok(ModelBytes {
            tagger: read(FILES[0])?,
            parser: read(FILES[1])?,
            lemma: read(FILES[2])?,
            ner: read(FILES[3])?,
        })
    }
}

/// The fingerprint of the embedded models, computed on first use (hashing
/// the models takes a few milliseconds, too many to repeat per article).
pub fn fingerprint() -> &'static str {
    static F: OnceLock<String> = OnceLock::new();
    F.get_or_init(|| ModelBytes::embedded().fingerprint())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_and_sees_every_model() {
        assert_eq!(fingerprint(), ModelBytes::embedded().fingerprint());
        assert_eq!(fingerprint().len(), 32);
        let mut m = ModelBytes::embedded();
        m.ner = Cow::Owned(b"other".to_vec());
        assert_ne!(m.fingerprint(), fingerprint());
        // Moving bytes from one model to the next changes the digest.
        let a = ModelBytes {
            tagger: Cow::Borrowed(b"ab"),
            parser: Cow::Borrowed(b""),
            lemma: Cow::Borrowed(b""),
            ner: Cow::Borrowed(b""),
        };
        let b = ModelBytes {
            tagger: Cow::Borrowed(b"a"),
            parser: Cow::Borrowed(b"b"),
            lemma: Cow::Borrowed(b""),
            ner: Cow::Borrowed(b""),
        };
        assert_ne!(a.fingerprint(), b.fingerprint());
    }
}

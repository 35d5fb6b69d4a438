//! The trained models, embedded in the binary so that annals runs on a
//! machine with nothing but the executable.
//!
//! `annals train` writes these files from `../shared/data`; they are
//! committed, so a fresh clone builds a working binary without the data.
//! An empty file stands for a model not trained yet.

use std::borrow::Cow;
use std::path::Path;

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

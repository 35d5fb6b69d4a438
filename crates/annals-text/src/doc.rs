//! The annotated document: spaCy's Doc/Token/Span model, with every span a
//! pair of byte offsets into the original text so that any annotation can be
//! highlighted in the report it came from.

use crate::normalize;
use serde::Serialize;

/// One token. `start..end` is its byte range in [`Doc::text`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// The token's text; equal to `&doc.text[start..end]` for raw text, but
    /// may differ when a treebank's tokenisation is kept (`--tokenized`).
    pub form: String,
    /// The form folded and lower-cased by [`normalize::fold_lower`]
    /// (`Erdoğan` → `erdogan`, `d’Ivoire` → `d'ivoire`): what name lookups
    /// (the gazetteers, the actor dictionary) compare, folded once here.
    /// Build tokens with [`Token::new`] so that it matches the form. Not
    /// serialised: it follows from the form.
    #[serde(skip)]
    pub norm: String,
    /// Universal POS tag (`NOUN`, `VERB`, ...).
    pub upos: String,
    /// Penn Treebank tag (`NN`, `VBD`, ...).
    pub xpos: String,
    pub lemma: String,
    /// Index of the head token within the document, `None` for a root.
    pub head: Option<usize>,
    /// Universal dependency relation (`nsubj`, `obl:tmod`, ...).
    pub deprel: String,
    /// Whether whitespace follows the token in the original text.
    pub space_after: bool,
}

impl Token {
    /// A token spanning `start..end` with its form and the form's
    /// [`norm`](Token::norm); the other fields are empty, for the caller or
    /// the pipeline to fill.
    pub fn new(start: usize, end: usize, form: impl Into<String>) -> Token {
        let form = form.into();
        Token { start, end, norm: normalize::fold_lower(&form), form, ..Token::default() }
    }
}

/// A sentence: a byte range and the range of its tokens in [`Doc::tokens`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: std::ops::Range<usize>,
}

/// Named-entity types, as in Universal NER.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum EntityLabel {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Organization,
    #[serde(rename = "LOC")]
    Location,
}

impl EntityLabel {
    pub const ALL: [EntityLabel; 3] = [Self::Person, Self::Organization, Self::Location];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "PER",
            Self::Organization => "ORG",
            Self::Location => "LOC",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "PER" => Some(Self::Person),
            "ORG" => Some(Self::Organization),
            "LOC" => Some(Self::Location),
            _ => None,
        }
    }
}

/// A named entity over the tokens `tokens` (document indices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub label: EntityLabel,
    pub start: usize,
    pub end: usize,
    pub tokens: std::ops::Range<usize>,
}

/// A cardinal number found in the text, with its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub tokens: std::ops::Range<usize>,
    pub value: f64,
    /// True for vague amounts ("dozens of", "hundreds"), where `value` is a
    /// conventional lower bound.
    pub approximate: bool,
}

/// A time expression with its normalised value where one exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeExpr {
    pub start: usize,
    pub end: usize,
    pub tokens: std::ops::Range<usize>,
    pub value: crate::timex::TimeValue,
}

/// A text and everything the text layer found in it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Doc {
    pub text: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<Entity>,
    pub numbers: Vec<Number>,
    pub times: Vec<TimeExpr>,
}

impl Doc {
    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }
}

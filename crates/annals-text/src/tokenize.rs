//! Sentence splitting and tokenisation for news text.
//!
//! [`segment`] turns any string into sentences of tokens, each a byte range
//! into the input, so every later annotation can point back at the report it
//! came from. It is a hand-written single-pass scanner (no regular
//! expressions): linear in the input, never panics, and loses nothing — every
//! character that is not a separator (see [`is_separator`]) ends up inside
//! exactly one token, junk and control characters included.
//!
//! Tokens follow UD English EWT, the treebank the tagger and parser learn
//! from, as of May 2025 (checked against its training section):
//!
//! - Punctuation is split off, except inside numbers (`1,027`, `3.5`,
//!   `10:30`), URLs, e-mail addresses, domain and file names, abbreviations
//!   (`Mr.`, `Gen.`, `U.S.`, `a.m.`, initials `W.`) and emoticons (`:)`).
//!   Runs of the same mark stay together (`...`, `--`, `!!`, `?!`).
//! - Hyphenated units stay whole (`Gaza-run`, `al-Sayed`, `re-arrested`,
//!   `2014-15`, `F-16`, `713-853-3989`). Here annals departs from EWT, which
//!   splits about three in four hyphenated compounds (`al - Sayed`): news
//!   names and compounds are units the coder must see whole, and the cost
//!   against EWT is a few tenths of a point of token F1.
//! - Currency symbols and `%` are split (`$ 5`, `50 %`); so are units glued
//!   to numbers (`5 kg`, `10:30 am`), but not ordinals and decades (`22nd`,
//!   `1980s`).
//! - Clitics and possessives are split into words (`do n't`, `ca n't`,
//!   `wo n't`, `I 'm`, `Israel 's`, `parents '`, `gon na`, `can not`), with
//!   straight, curly or backtick apostrophes. EWT treats these as one
//!   *surface* token made of several *words* (a multiword token);
//!   [`segment`] returns the words, which is what the tagger and parser
//!   consume, and [`segment_surface`] the surface tokens, which is what the
//!   CoNLL 2018 "Tokens" score compares.
//!
//! Sentences end at `.`, `!`, `?`, `…` (and runs of them) when the next
//! token starts with anything but a lowercase letter (a lone `.`, `!` or `?`
//! even then, unless a quote closed after it: `"Stop!" he said`). Closing
//! quotes, brackets and reference marks (`.[3]`) after the mark stay with
//! the sentence. An abbreviation ends a
//! sentence only when a typical sentence opener follows (`in the U.S. The`),
//! and then its final period becomes a token of its own, as in EWT. Any line
//! break ends a sentence: news feeds put one paragraph per line, and
//! headlines have no final punctuation. A sentence longer than
//! [`MAX_SENTENCE_TOKENS`] tokens is cut so the parser gets bounded input.

/// The most tokens a sentence may have; a longer run of text without a
/// sentence boundary (tables, lists, junk) is cut after this many tokens so
/// that the parser's work per sentence stays bounded. Cuts never fall between
/// the words of one surface token (`do` | `n't`).
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// The longest run of text without a separator that is tokenised as one
/// unit; a longer one (a base64 blob, a page of text with no spaces) is cut
/// into pieces of at most this many bytes, so no token is longer and the
/// working memory stays bounded however the input looks.
pub const MAX_CHUNK_BYTES: usize = 4096;

/// A token's byte range in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    pub start: usize,
    pub end: usize,
}

/// A sentence's byte range and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<RawToken>,
}

/// Splits `text` into sentences and words following UD English EWT
/// conventions; clitics are separate tokens (`do` `n't`).
pub fn segment(text: &str) -> Vec<RawSentence> {
    run(text, false)
}

/// Like [`segment`], but keeps each surface token whole (`don't`,
/// `Israel's`): the unit the CoNLL 2018 "Tokens" metric scores.
pub fn segment_surface(text: &str) -> Vec<RawSentence> {
    run(text, true)
}

/// Whether `c` separates tokens: Unicode whitespace (including no-break
/// spaces) and the invisible zero-width space, word joiner and byte-order
/// mark, which in scraped news mostly stand where a space was meant.
pub fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

/// Whether `c` breaks a line; any line break ends a sentence.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

// ---------------------------------------------------------------------------
// Character classes

/// Characters that never start a piece of their own: combining marks,
/// joiners, variation selectors, emoji modifiers and tags, the soft hyphen.
/// They stay with whatever precedes them, so `é` written as `e` + U+0301 or
/// a skin-toned emoji is never cut apart.
fn is_extend(c: char) -> bool {
    matches!(c as u32,
        0x00AD
        | 0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF
        | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF)
}

/// Non-ASCII punctuation and symbols, by block. Anything else that is not
/// alphanumeric (viramas, other marks, private use) is treated as part of a
/// word rather than split off, because splitting a script we know nothing
/// about does more harm than keeping it.
fn is_symbol_block(c: char) -> bool {
    matches!(c as u32,
        0x00A1..=0x00BF
        | 0x00D7
        | 0x00F7
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0x20A0..=0x20CF
        | 0x2100..=0x214F
        | 0x2190..=0x2BFF
        | 0x2E00..=0x2E7F
        | 0x3000..=0x303F
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE6F
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
        | 0x1F000..=0x1FAFF)
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || !(c.is_control() || is_symbol_block(c))
    }
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Sentence-final marks; runs of them form one token (`?!`, `...`).
fn is_terminal_char(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？')
}

/// Apostrophes, including the backtick and acute accent that stand in for
/// one in careless typing (`I´m`).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`' | '´')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Opening quotes and brackets that may precede the first word of a sentence.
fn is_opening_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '“' | '‘' | '„' | '‚' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡')
}

/// Marks that repeat into a single token (`--`, `**`, `==`, `<<`, `''`).
fn groups_in_runs(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | '"')
        || matches!(c, '—' | '–' | '―' | '•' | '·')
}

// ---------------------------------------------------------------------------
// Word lists

/// How an abbreviation with its period behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbr {
    /// Titles (`Mr.`, `Gen.`): always followed by a name, never end a sentence.
    Title,
    /// A capital initial (`W.`): ends a sentence only before an opener word.
    Initial,
    /// `etc.`: ends a sentence before any capitalised word.
    Ender,
    /// Everything else (`U.S.`, `Inc.`, `Jan.`, `No.`): ends a sentence only
    /// before a typical sentence-opening word.
    Other,
}

fn abbreviation(word: &str) -> Option<Abbr> {
    const TITLES: &[&str] = &[
        "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Cpt", "Det", "Dr", "Drs", "Gen", "Gov",
        "Hon", "Insp", "Lt", "Maj", "Messrs", "Mme", "Mmes", "Mr", "Mrs", "Ms", "Mx", "Pres", "Prof", "Pvt", "Rep",
        "Reps", "Rev", "Sen", "Sens", "Sgt", "Supt", "Rt", "Fr", "Cllr", "Pte", "Msgr", "vs", "Vs", "viz",
    ];
    const OTHER: &[&str] = &[
        // Companies, places, people.
        "Inc", "Corp", "Ltd", "Co", "Bros", "Jr", "Sr", "St", "Sts", "Ste", "Ave", "Blvd", "Rd", "Mt", "INC", "CORP",
        "LTD", "PVT", "Intl", "Natl", "Assoc", "Govt", "ibid", "op", "Ft", "Dept", "Univ", "Assn", "Esq", "Pty", "al",
        "approx", "ca", "cf", "esp", "est", "incl", "Fig", "fig", "Figs", "No", "Nos", "Vol", "vol", "pp", "Art",
        "Sec", "sec", "Ch", "ch", "Para", "para", "ext", "Ext", "Tel", "tel", "Op", "ed", "eds", "Ph",
        // Months and weekdays (not `Sun`, `May`, which are words).
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues",
        "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", // US states in AP style, Canadian provinces.
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La",
        "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va",
        "Vt", "Wash", "Wis", "Wyo", "Ont", "Que", "Alta", "Sask", // Units and other lowercase abbreviations.
        "lb", "lbs", "oz", "ft", "yrs", "hrs", "mins", "min", "sq",
    ];
    if word.len() > 7 {
        return None;
    }
    if TITLES.contains(&word) {
        Some(Abbr::Title)
    } else if word == "etc" || word == "Etc" {
        Some(Abbr::Ender)
    } else if OTHER.contains(&word) {
        Some(Abbr::Other)
    } else {
        None
    }
}

/// Words that typically open a sentence and rarely continue a name: after an
/// abbreviation they signal that the period also ended the sentence.
fn is_sentence_opener(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "a",
        "about",
        "according",
        "after",
        "also",
        "although",
        "an",
        "and",
        "another",
        "as",
        "at",
        "because",
        "before",
        "both",
        "but",
        "by",
        "despite",
        "during",
        "each",
        "earlier",
        "even",
        "every",
        "for",
        "from",
        "he",
        "her",
        "here",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "it",
        "its",
        "last",
        "later",
        "many",
        "meanwhile",
        "more",
        "most",
        "my",
        "no",
        "not",
        "now",
        "of",
        "on",
        "one",
        "or",
        "our",
        "she",
        "since",
        "so",
        "some",
        "still",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "thus",
        "to",
        "today",
        "under",
        "until",
        "we",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "why",
        "with",
        "yes",
        "yesterday",
        "yet",
        "you",
        "your",
    ];
    word.len() <= 10 && OPENERS.iter().any(|o| o.eq_ignore_ascii_case(word))
}

/// Units split off a number they are glued to (`5kg`, `10am`, `$3bn`).
fn is_unit(s: &str) -> bool {
    const UNITS: &[&str] = &[
        "am", "pm", "AM", "PM", "k", "K", "m", "M", "b", "bn", "mn", "tn", "mln", "bln", "kg", "g", "mg", "lb", "lbs",
        "oz", "t", "km", "cm", "mm", "mi", "ft", "yd", "mph", "kph", "kmh", "ms", "h", "hr", "hrs", "min", "mins",
        "sec", "secs", "yr", "yrs", "GB", "MB", "KB", "TB", "Gb", "Mb", "kb", "gb", "mb", "tb", "Mbps", "Gbps", "kbps",
        "Hz", "kHz", "MHz", "GHz", "W", "kW", "MW", "GW", "kWh", "MWh", "V", "mAh", "ml", "mL", "l", "L", "cc", "sqft",
    ];
    UNITS.contains(&s)
}

/// Pronouns before which `'d` is a clitic (`I'd`); elsewhere (`Sa'd`) it is
/// part of a name.
fn takes_d_clitic(head: &str) -> bool {
    const HEADS: &[&str] =
        &["i", "you", "he", "she", "it", "we", "they", "who", "that", "there", "what", "where", "how", "why", "y'all"];
    head.len() <= 5 && HEADS.iter().any(|h| h.eq_ignore_ascii_case(head))
}

/// Top-level domains and file extensions that make `name.tld` one token.
/// Two-letter domains that are also English words (`.it`, `.in`, `.me`) are
/// left out so that `end.it` is not mistaken for a host name.
fn is_tld_or_extension(s: &str) -> bool {
    const TLDS: &[&str] = &[
        "com", "org", "net", "gov", "edu", "mil", "int", "info", "biz", "io", "co", "uk", "de", "fr", "ru", "cn", "jp",
        "au", "ca", "nl", "ch", "se", "es", "eu", "tv", "ly", "news", "pk", "il", "ps", "eg", "ir", "iq", "sy", "lb",
        "jo", "qa", "ae", "sa", "tr", "ua", "pl", "br", "mx", "za", "ng", "ke", "nz", "ie", "kr", "tw", "hk", "sg",
        "xyz", "online", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "pdf", "txt", "csv", "htm", "html", "xml",
        "json", "jpg", "jpeg", "png", "gif", "zip", "php", "asp", "aspx", "exe", "mp3", "mp4",
    ];
    s.len() <= 6 && TLDS.iter().any(|t| t.eq_ignore_ascii_case(s))
}

// ---------------------------------------------------------------------------
// Whole-chunk patterns: URLs, e-mail addresses, host and file names

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn is_email(core: &str) -> bool {
    let Some(at) = core.find('@') else {
        return false;
    };
    let (local, domain) = (&core[..at], &core[at + 1..]);
    !local.is_empty()
        && local.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\''))
        && is_host(domain, true)
}

/// `labels.separated.by.dots` ending in a known domain or file extension.
fn is_host(host: &str, any_tld: bool) -> bool {
    let mut labels = 0;
    let mut last = "";
    for label in host.split('.') {
        if label.is_empty() || !label.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2
        && if any_tld {
            last.len() >= 2 && last.chars().all(|c| c.is_ascii_alphabetic())
        } else {
            is_tld_or_extension(last)
        }
}

/// Finds a URL, e-mail address or host/file name filling the chunk apart
/// from surrounding quotes, brackets and punctuation; returns its byte range
/// within the chunk.
fn special_core(chunk: &str) -> Option<(usize, usize)> {
    let bytes = chunk.as_bytes();
    if !bytes.contains(&b'.') && !bytes.contains(&b'@') && !bytes.contains(&b':') {
        return None;
    }
    let mut a = 0;
    for c in chunk.chars().take(4) {
        if matches!(c, '(' | '[' | '{' | '<' | '"' | '\'' | '“' | '‘' | '«') {
            a += c.len_utf8();
        } else {
            break;
        }
    }
    let mut e = chunk.len();
    for _ in 0..8 {
        match chunk[a..e].chars().next_back() {
            Some(c @ ('.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>' | '"' | '\'' | '”' | '’' | '»')) => {
                e -= c.len_utf8()
            }
            _ => break,
        }
    }
    let core = &chunk[a..e];
    let url = ["http://", "https://", "ftp://", "www.", "mailto:"]
        .iter()
        .any(|p| starts_with_ignore_case(core, p) && core.len() > p.len() + 1);
    if url {
        // Keep a closing bracket that balances one inside the URL
        // (Wikipedia's `Foo_(bar)`).
        if chunk[e..].starts_with(')') && core.contains('(') && !core.contains(')') {
            e += 1;
        }
        return Some((a, e));
    }
    if !core.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    if core.contains('@') {
        return is_email(core).then_some((a, e));
    }
    let host = core.split('/').next().unwrap_or(core);
    is_host(host, false).then_some((a, e))
}

// ---------------------------------------------------------------------------
// Pieces: maximal runs of word characters, and single other characters

#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    first: char,
    last: char,
    /// Number of characters, saturating.
    chars: u32,
    word: bool,
    /// Only ASCII digits.
    digits: bool,
    /// Only alphabetic characters.
    alpha: bool,
    /// A single character with nothing attached.
    single: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Abbrev(Abbr),
    Terminal,
    Opener,
    Closer,
    /// A lone quote with nothing around it: could open or close.
    Quote,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    /// Second word of a surface token (`n't` in `don't`).
    cont: bool,
    /// A sentence starts here although no space precedes (`end.The`).
    break_before: bool,
}

impl Tok {
    fn new(start: usize, end: usize, kind: Kind) -> Self {
        Tok { start, end, kind, cont: false, break_before: false }
    }
}

/// Tokenises one whitespace-free chunk at a time.
struct ChunkTokenizer<'a> {
    text: &'a str,
    pieces: Vec<Piece>,
    out: Vec<Tok>,
    /// A single quote opened in this sentence, so a trailing `s'` closes it
    /// rather than marking a plural possessive.
    quote_open: bool,
    pending_break: bool,
}

impl<'a> ChunkTokenizer<'a> {
    fn new(text: &'a str) -> Self {
        ChunkTokenizer { text, pieces: Vec::new(), out: Vec::new(), quote_open: false, pending_break: false }
    }

    fn tokenize(&mut self, start: usize, end: usize) {
        self.out.clear();
        self.pending_break = false;
        match special_core(&self.text[start..end]) {
            Some((a, b)) => {
                self.tokenize_plain(start, start + a);
                self.push(Tok::new(start + a, start + b, Kind::Word));
                self.tokenize_plain(start + b, end);
            }
            None => self.tokenize_plain(start, end),
        }
    }

    fn push(&mut self, mut tok: Tok) {
        if self.pending_break {
            tok.break_before = true;
            self.pending_break = false;
        }
        self.out.push(tok);
    }

    fn slice(&self, i: usize) -> &'a str {
        &self.text[self.pieces[i].start..self.pieces[i].end]
    }

    fn build_pieces(&mut self, start: usize, end: usize) {
        self.pieces.clear();
        let mut joiner = false;
        for (off, c) in self.text[start..end].char_indices() {
            let i = start + off;
            let len = c.len_utf8();
            if let Some(last) = self.pieces.last_mut() {
                let attach = is_extend(c)
                    || joiner
                    || (is_regional_indicator(c) && is_regional_indicator(last.last) && last.chars % 2 == 1);
                let extend_word = last.word && is_word_char(c);
                if attach || extend_word {
                    last.end = i + len;
                    if !is_extend(c) {
                        last.last = c;
                        last.chars = last.chars.saturating_add(1);
                        last.digits &= c.is_ascii_digit();
                        last.alpha &= c.is_alphabetic();
                    }
                    last.single = false;
                    joiner = c == '\u{200D}';
                    continue;
                }
            }
            joiner = c == '\u{200D}';
            let word = is_word_char(c);
            self.pieces.push(Piece {
                start: i,
                end: i + len,
                first: c,
                last: c,
                chars: 1,
                word,
                digits: c.is_ascii_digit(),
                alpha: c.is_alphabetic(),
                single: !word,
            });
        }
    }

    fn tokenize_plain(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        self.build_pieces(start, end);
        let n = self.pieces.len();
        let mut i = 0;
        while i < n {
            let p = self.pieces[i];
            if p.word {
                i = self.word_token(i, i);
                continue;
            }
            if let Some(j) = self.emoticon(i) {
                self.push(Tok::new(p.start, self.pieces[j].end, Kind::Other));
                i = j + 1;
                continue;
            }
            let at_start = i == 0 || !self.pieces[i - 1].word;
            if p.single && at_start && i + 1 < n && self.pieces[i + 1].word {
                let next = self.pieces[i + 1];
                let glue = match p.first {
                    '@' => true,
                    '#' => next.first.is_alphabetic(),
                    '.' => next.digits && (i == 0 || self.pieces[i - 1].first != '.'),
                    '\'' | '’' | '‘' => {
                        let s = self.slice(i + 1);
                        s.len() == 2 && next.digits
                            || s.len() == 3 && s.as_bytes()[..2].iter().all(u8::is_ascii_digit) && s.ends_with('s')
                    }
                    _ => false,
                };
                if glue {
                    i = self.word_token(i, i + 1);
                    continue;
                }
            }
            let j = self.run_end(i);
            let kind = self.punct_kind(i, j);
            if p.first == '.' && j == i && self.missing_space_after(i) {
                self.push(Tok::new(p.start, p.end, Kind::Terminal));
                self.pending_break = true;
            } else {
                self.push(Tok::new(p.start, self.pieces[j].end, kind));
            }
            i = j + 1;
        }
    }

    /// `word.Word` with no space: a sentence boundary whose space was lost.
    fn missing_space_after(&self, i: usize) -> bool {
        if i == 0 || i + 1 >= self.pieces.len() {
            return false;
        }
        let (l, r) = (self.pieces[i - 1], self.pieces[i + 1]);
        if !(l.word && l.alpha && l.chars >= 2 && l.last.is_lowercase())
            || !(r.word && r.alpha && r.chars >= 2 && r.first.is_uppercase())
        {
            return false;
        }
        self.slice(i + 1).chars().nth(1).is_some_and(|c| c.is_lowercase())
    }

    /// The last piece of a run of marks that form one token.
    fn run_end(&self, i: usize) -> usize {
        let n = self.pieces.len();
        let c = self.pieces[i].first;
        let mut j = i;
        if is_terminal_char(c) {
            while j + 1 < n && !self.pieces[j + 1].word && is_terminal_char(self.pieces[j + 1].first) {
                j += 1;
            }
        } else if groups_in_runs(c) {
            while j + 1 < n && !self.pieces[j + 1].word && self.pieces[j + 1].first == c {
                j += 1;
            }
        }
        j
    }

    fn punct_kind(&mut self, i: usize, j: usize) -> Kind {
        let c = self.pieces[i].first;
        let n = self.pieces.len();
        if is_terminal_char(c) {
            return Kind::Terminal;
        }
        match c {
            '(' | '[' | '{' | '“' | '«' | '‹' | '„' | '‚' | '¿' | '¡' => Kind::Opener,
            '‘' => {
                self.quote_open = true;
                Kind::Opener
            }
            ')' | ']' | '}' | '”' | '»' | '›' => Kind::Closer,
            '’' | '"' | '\'' | '`' => {
                let followed = j + 1 < n;
                let after_space = i == 0
                    || !self.pieces[i - 1].word
                        && !matches!(self.pieces[i - 1].first, ')' | ']' | '}' | '”' | '’')
                        && !is_terminal_char(self.pieces[i - 1].first);
                let single = c != '"';
                if followed && after_space && c != '’' {
                    if single {
                        self.quote_open = true;
                    }
                    Kind::Opener
                } else if !followed && i == 0 {
                    Kind::Quote
                } else {
                    if single {
                        self.quote_open = false;
                    }
                    Kind::Closer
                }
            }
            _ => Kind::Other,
        }
    }

    /// `:)`, `;-)`, `:D`, `=(`: eyes, an optional nose, a mouth, not run
    /// into a following word. After a word only `:)`-like ones at the end
    /// of the chunk count (`family:)`), since `Note:D` is more likely text.
    fn emoticon(&self, i: usize) -> Option<usize> {
        let n = self.pieces.len();
        let p = self.pieces[i];
        if !p.single || !matches!(p.first, ':' | ';' | '=') {
            return None;
        }
        let after_word = i > 0 && self.pieces[i - 1].word;
        let mut k = i + 1;
        if k < n && self.pieces[k].single && matches!(self.pieces[k].first, '-' | '\'' | '^') {
            k += 1;
        }
        let m = *self.pieces.get(k)?;
        let mouth = if m.word {
            m.chars == 1 && matches!(m.first, 'D' | 'P' | 'p' | 'O' | 'o' | 'S' | 'X' | 'x' | '3')
        } else {
            matches!(m.first, ')' | '(' | ']' | '[' | '/' | '\\' | '|' | '*' | '}' | '{' | '@' | '$')
        };
        if !mouth {
            return None;
        }
        let mut j = k;
        while !m.word && j + 1 < n && self.pieces[j + 1].first == m.first {
            j += 1;
        }
        if j + 1 < n && self.pieces[j + 1].word || after_word && (j + 1 < n || !matches!(m.first, ')' | '(')) {
            return None;
        }
        Some(j)
    }

    /// Builds the token that starts at piece `start` (a glued `@`, `#`, `'`
    /// or `.`, or the word itself) and whose first word piece is `w`; emits
    /// it and returns the index of the next piece.
    fn word_token(&mut self, start: usize, w: usize) -> usize {
        let n = self.pieces.len();
        let mut j = w;
        while j + 2 < n && self.pieces[j + 1].single && self.pieces[j + 2].word {
            match self.infix(w, j) {
                Some(k) => j = k,
                None => break,
            }
        }
        let mut kind = Kind::Word;
        let mut end = j;
        let mut possessive = false;
        if j + 1 < n && self.pieces[j + 1].single {
            let after = self.pieces.get(j + 2).copied();
            match self.pieces[j + 1].first {
                '.' => {
                    if let Some(a) = self.abbreviation_class(start, w, j) {
                        let acronym = j > w;
                        let ellipsis = after.is_some_and(|p| p.first == '.');
                        if acronym || !ellipsis {
                            kind = Kind::Abbrev(a);
                            end = j + 1;
                            // `U.S.'s`: the period is inside the token, the
                            // possessive a clitic.
                            if self.clitic_s_at(end + 1) {
                                kind = Kind::Word;
                                end += 2;
                            }
                        }
                    }
                }
                '\'' | '’' => {
                    let last = self.pieces[j].last;
                    if (last == 's' || last == 'S')
                        && self.pieces[j].alpha
                        && !self.quote_open
                        && after.is_none_or(|p| !p.word)
                    {
                        possessive = true;
                        end = j + 1;
                    }
                }
                _ => {}
            }
        }
        let (s, e) = (self.pieces[start].start, self.pieces[end].end);
        self.emit_word(s, e, kind, possessive);
        end + 1
    }

    /// Whether pieces `i` and `i + 1` are a final `'s`.
    fn clitic_s_at(&self, i: usize) -> bool {
        let n = self.pieces.len();
        i + 1 < n
            && self.pieces[i].single
            && is_apostrophe(self.pieces[i].first)
            && self.slice(i + 1).eq_ignore_ascii_case("s")
            && (i + 2 == n || !self.pieces[i + 2].word)
    }

    /// Whether the mark after piece `j` glues it to the next word piece;
    /// returns the new last piece of the token.
    fn infix(&self, w: usize, j: usize) -> Option<usize> {
        let (l, mark, r) = (self.pieces[j], self.pieces[j + 1].first, self.pieces[j + 2]);
        let glue = match mark {
            '.' => {
                l.last.is_ascii_digit() && r.first.is_ascii_digit()
                    || l.chars == 1 && r.chars == 1 && l.alpha && r.alpha
                    || j == w && self.slice(j) == "Ph" && self.slice(j + 2) == "D"
            }
            ',' => {
                l.digits && l.chars <= 3 && self.pieces[w].first.is_ascii_digit() && thousands_group(self.slice(j + 2))
            }
            ':' => l.last.is_ascii_digit() && r.first.is_ascii_digit(),
            // News keeps hyphenated units whole: names (`al-Sayed`), compounds
            // (`Gaza-run`, `re-arrested`), ranges and seasons (`2014-15`),
            // models (`F-16`). EWT splits most compounds; this costs a few
            // tenths of token F1 against it and keeps the units the coder
            // needs.
            m if is_hyphen(m) => {
                let single = self.pieces[j + 1].single;
                if single && (l.alpha || l.digits) && (r.alpha || r.digits) && r.word {
                    true
                } else if j == w && l.digits && r.digits {
                    return self.digit_chain(j);
                } else {
                    false
                }
            }
            '/' => j == w && l.chars == 1 && r.chars == 1 && l.alpha && r.alpha || l.digits && r.digits,
            m if is_apostrophe(m) => {
                l.last.is_alphabetic() && r.first.is_alphabetic() || l.digits && self.slice(j + 2) == "s"
            }
            '&' => l.alpha && r.alpha,
            '_' | '@' => true,
            _ => false,
        };
        glue.then_some(j + 2)
    }

    /// Digits joined by hyphens stay one token when they look like a phone
    /// number, ZIP code or date (three or more groups, `NNN-NNNN`,
    /// `NNNNN-NNNN`); a plain range
    /// (`5-10`, `2014-15`) is split.
    fn digit_chain(&self, j: usize) -> Option<usize> {
        let n = self.pieces.len();
        let mut k = j;
        let mut groups = 1;
        while k + 2 < n && self.pieces[k + 1].single && is_hyphen(self.pieces[k + 1].first) && self.pieces[k + 2].digits
        {
            k += 2;
            groups += 1;
        }
        let (a, b) = (self.pieces[j].chars, self.pieces[j + 2].chars);
        let phone = groups == 2 && matches!((a, b), (3, 4) | (5, 4));
        (groups >= 3 || phone).then_some(k)
    }

    fn abbreviation_class(&self, start: usize, w: usize, j: usize) -> Option<Abbr> {
        if start != w {
            return None;
        }
        if j == w + 2 && self.slice(w) == "Ph" {
            return Some(Abbr::Other); // Ph.D.
        }
        if j > w {
            let letters = (w..=j).step_by(2).all(|k| {
                let p = self.pieces[k];
                p.word && p.alpha && p.chars == 1
            });
            let dots = (w + 1..j).step_by(2).all(|k| self.pieces[k].first == '.');
            let acronym = letters && dots;
            // `e.g.` and `i.e.` introduce something; they never end a sentence.
            let text = &self.text[self.pieces[w].start..self.pieces[j].end];
            let introduces = text.eq_ignore_ascii_case("e.g") || text.eq_ignore_ascii_case("i.e");
            return acronym.then_some(if introduces { Abbr::Title } else { Abbr::Other });
        }
        let p = self.pieces[w];
        if p.alpha && p.chars == 1 {
            return Some(if p.first.is_uppercase() { Abbr::Initial } else { Abbr::Other });
        }
        abbreviation(self.slice(w))
    }

    fn emit_word(&mut self, s: usize, e: usize, kind: Kind, possessive: bool) {
        let text = &self.text[s..e];
        if kind == Kind::Word && text.starts_with(|c: char| c.is_ascii_digit()) {
            if let Some(k) = unit_split(text) {
                self.push(Tok::new(s, s + k, Kind::Word));
                self.push(Tok::new(s + k, e, Kind::Word));
                return;
            }
        }
        let split = if possessive {
            text.char_indices().next_back().map(|(k, _)| k)
        } else if kind == Kind::Word {
            clitic_split(text)
        } else {
            None
        };
        match split {
            Some(k) if k > 0 && k < text.len() => {
                self.push(Tok::new(s, s + k, Kind::Word));
                let mut tail = Tok::new(s + k, e, Kind::Word);
                tail.cont = true;
                self.push(tail);
            }
            _ => self.push(Tok::new(s, e, kind)),
        }
    }
}

/// `000` or `000` followed by a unit (`1,000km`): digits after a
/// thousands separator.
fn thousands_group(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && b[3..].iter().all(u8::is_ascii_alphabetic)
}

/// Where a unit glued to a number starts (`5kg` → 1), if it is one.
fn unit_split(s: &str) -> Option<usize> {
    let k = s.char_indices().rev().take_while(|(_, c)| c.is_ascii_alphabetic()).last().map(|(k, _)| k)?;
    if k == 0 || !s.as_bytes()[k - 1].is_ascii_digit() {
        return None;
    }
    let unit = &s[k..];
    // `5minutes`, `300USD`: a word or code run into a number.
    let word = unit.len() >= 4 && unit.bytes().all(|b| b.is_ascii_lowercase())
        || unit.len() >= 3 && unit.bytes().all(|b| b.is_ascii_uppercase());
    (is_unit(unit) || word).then_some(k)
}

/// Where the clitic of a contraction starts (`don't` → 2, `I'm` → 1,
/// `gonna` → 3), if the token is one.
fn clitic_split(s: &str) -> Option<usize> {
    if let Some((ap, c)) = s.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        let head = &s[..ap];
        let tail = &s[ap + c.len_utf8()..];
        if head.is_empty() || tail.len() > 2 {
            return None;
        }
        let is = |t: &str| tail.eq_ignore_ascii_case(t);
        let alpha_head = head.chars().all(char::is_alphabetic);
        return if is("t") && head.len() > 1 && head.ends_with(['n', 'N']) {
            Some(ap - 1)
        } else if is("s")
            || is("m") && head.eq_ignore_ascii_case("i")
            || (is("re") || is("ve") || is("ll")) && alpha_head
            || is("d") && takes_d_clitic(head)
        {
            Some(ap)
        } else {
            None
        };
    }
    if s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    const FUSED: &[&str] = &["gonna", "wanna", "gotta", "cannot"];
    const NT: &[&str] = &[
        "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt", "hadnt", "wouldnt",
        "couldnt", "shouldnt", "cant", "aint",
    ];
    if FUSED.iter().any(|f| f.eq_ignore_ascii_case(s)) {
        Some(3)
    } else if NT.iter().any(|f| f.eq_ignore_ascii_case(s)) {
        Some(s.len() - 2)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------
// Sentences

/// What begins the next chunk, for deciding whether a sentence ends before it.
struct Next<'a> {
    opener: bool,
    first: Option<char>,
    word: &'a str,
}

impl<'a> Next<'a> {
    fn of(chunk: &'a str) -> Self {
        let mut opener = false;
        let mut rest = chunk;
        for c in chunk.chars().take(4) {
            if !is_opening_char(c) {
                break;
            }
            opener = true;
            rest = &rest[c.len_utf8()..];
        }
        let first = rest.chars().next();
        let len = rest.char_indices().take(12).find(|(_, c)| !c.is_alphabetic()).map_or(rest.len().min(48), |(k, _)| k);
        let word = rest.get(..len).unwrap_or("");
        // `No.` before a number is an abbreviation, not the word "No".
        let abbreviated = rest[word.len()..].starts_with('.');
        Next { opener, first, word: if abbreviated { "" } else { word } }
    }

    fn lowercase(&self) -> bool {
        self.first.is_some_and(char::is_lowercase)
    }

    /// Punctuation that continues a sentence rather than starting one,
    /// including the rest of a spaced ellipsis (`. . .`).
    fn continues(&self) -> bool {
        !self.opener
            && self.first.is_some_and(|c| {
                matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '”' | '’' | '»') || c == '.' || c == '…'
            })
    }

    fn capitalised(&self) -> bool {
        self.first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    fn opens_sentence(&self) -> bool {
        self.first.is_some_and(char::is_uppercase) && is_sentence_opener(self.word)
    }
}

struct Segmenter<'a> {
    text: &'a str,
    chunks: ChunkTokenizer<'a>,
    current: Vec<Tok>,
    out: Vec<RawSentence>,
    surface: bool,
}

impl<'a> Segmenter<'a> {
    /// Tokenises the text between two separators, `MAX_CHUNK_BYTES` at a
    /// time.
    fn chunk(&mut self, mut start: usize, end: usize, after_line_break: bool) {
        let mut first = true;
        while end - start > MAX_CHUNK_BYTES {
            let cut = cut_point(self.text, start, start + MAX_CHUNK_BYTES);
            self.piece(start, cut, after_line_break, first);
            first = false;
            start = cut;
        }
        self.piece(start, end, after_line_break, first);
    }

    fn piece(&mut self, start: usize, end: usize, after_line_break: bool, first: bool) {
        if first && !self.current.is_empty() && (after_line_break || self.ends_before(&self.text[start..end])) {
            self.end_sentence();
        }
        self.chunks.tokenize(start, end);
        let toks = std::mem::take(&mut self.chunks.out);
        for &t in &toks {
            if t.break_before && !self.current.is_empty() {
                self.end_sentence();
            }
            self.push(t);
        }
        self.chunks.out = toks;
    }

    /// Whether the sentence so far ends before a chunk starting `next`.
    fn ends_before(&self, next: &str) -> bool {
        let toks = &self.current;
        let mut k = toks.len();
        while k > 1 && toks.len() - k < 4 && matches!(toks[k - 1].kind, Kind::Closer | Kind::Quote) {
            k -= 1;
        }
        if let Some(open) = self.reference_mark(toks.len()) {
            k = open;
        }
        let next = Next::of(next);
        let last = toks[k - 1];
        match last.kind {
            // A lone `.`, `!` or `?` ends a sentence even before a lowercase
            // word (careless writing), unless a quote or bracket closed
            // first (`"Stop!" he said`); an ellipsis only before a capital.
            Kind::Terminal if next.continues() => false,
            Kind::Terminal
                if k == toks.len() && last.end - last.start == 1 && !(k > 1 && toks[k - 2].kind == Kind::Terminal) =>
            {
                true
            }
            Kind::Terminal => !next.lowercase(),
            Kind::Abbrev(Abbr::Title) => false,
            Kind::Abbrev(Abbr::Ender) => next.capitalised() || next.opener,
            Kind::Abbrev(Abbr::Initial) => next.opens_sentence() && next.word != "I" && next.word != "A",
            Kind::Abbrev(Abbr::Other) => next.opens_sentence(),
            _ => false,
        }
    }

    /// A reference mark glued after a sentence-final period, as in
    /// Wikipedia's `...in 1950.[12] The`: if the tokens before `end` are
    /// `[` ... `]` with the `[` attached to a terminal mark, the index of
    /// the `[`.
    fn reference_mark(&self, end: usize) -> Option<usize> {
        let toks = &self.current;
        let close = end.checked_sub(1)?;
        if &self.text[toks[close].start..toks[close].end] != "]" {
            return None;
        }
        let open = (close.saturating_sub(6)..close).rev().find(|&i| &self.text[toks[i].start..toks[i].end] == "[")?;
        let before = toks.get(open.checked_sub(1)?)?;
        (before.kind == Kind::Terminal && before.end == toks[open].start).then_some(open)
    }

    fn push(&mut self, t: Tok) {
        if self.current.len() >= MAX_SENTENCE_TOKENS {
            let head = if t.cont { self.current.pop() } else { None };
            self.emit();
            self.current.extend(head);
        }
        self.current.push(t);
    }

    /// Ends the sentence at a real boundary: an abbreviation's period that
    /// also ends the sentence becomes its own token, as in EWT (`U.S` `.`,
    /// also before closing brackets and quotes: `Ave` `.` `)`).
    fn end_sentence(&mut self) {
        let toks = &mut self.current;
        let mut k = toks.len();
        while k > 1 && toks.len() - k < 4 && matches!(toks[k - 1].kind, Kind::Closer) {
            k -= 1;
        }
        if let Some(last) = k.checked_sub(1).map(|k| &mut toks[k]) {
            if let Kind::Abbrev(_) = last.kind {
                let dot = last.end - 1;
                last.end = dot;
                last.kind = Kind::Word;
                toks.insert(k, Tok::new(dot, dot + 1, Kind::Terminal));
                if toks.len() > MAX_SENTENCE_TOKENS {
                    let rest = toks.split_off(MAX_SENTENCE_TOKENS);
                    self.emit();
                    self.current = rest;
                }
            }
        }
        self.emit();
        self.chunks.quote_open = false;
    }

    fn emit(&mut self) {
        if self.current.is_empty() {
            return;
        }
        let mut tokens: Vec<RawToken> = Vec::with_capacity(self.current.len());
        for t in &self.current {
            match tokens.last_mut() {
                Some(prev) if self.surface && t.cont => prev.end = t.end,
                _ => tokens.push(RawToken { start: t.start, end: t.end }),
            }
        }
        self.current.clear();
        self.out.push(RawSentence { start: tokens[0].start, end: tokens[tokens.len() - 1].end, tokens });
    }
}

/// A char boundary at or before `limit` (and after `start`) to cut an
/// over-long chunk, not inside a character or before a combining mark.
fn cut_point(text: &str, start: usize, limit: usize) -> usize {
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let hard = cut;
    for _ in 0..16 {
        match text[start..cut].chars().next_back() {
            Some(c) if cut > start + c.len_utf8() && text[cut..].starts_with(is_extend) => {
                cut -= c.len_utf8();
            }
            _ => break,
        }
    }
    if cut > start && text[cut..].starts_with(is_extend) {
        hard
    } else {
        cut
    }
}

fn run(text: &str, surface: bool) -> Vec<RawSentence> {
    let mut seg = Segmenter { text, chunks: ChunkTokenizer::new(text), current: Vec::new(), out: Vec::new(), surface };
    let mut chunk_start = None;
    let mut line_break = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            (c, c.len_utf8())
        };
        if is_separator(c) {
            if let Some(s) = chunk_start.take() {
                seg.chunk(s, i, line_break);
                line_break = false;
            }
            line_break |= is_line_break(c);
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
        i += len;
    }
    if let Some(s) = chunk_start {
        seg.chunk(s, text.len(), line_break);
    }
    seg.end_sentence();
    seg.out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of each sentence.
    fn sents(text: &str) -> Vec<Vec<&str>> {
        segment(text).iter().map(|s| s.tokens.iter().map(|t| &text[t.start..t.end]).collect()).collect()
    }

    /// The words of a text expected to be one sentence.
    fn words(text: &str) -> Vec<&str> {
        let s = sents(text);
        assert_eq!(s.len(), 1, "expected one sentence: {s:?}");
        s.into_iter().next().unwrap()
    }

    fn surface(text: &str) -> Vec<&str> {
        segment_surface(text).iter().flat_map(|s| s.tokens.iter().map(|t| &text[t.start..t.end])).collect()
    }

    #[test]
    fn news_sentence() {
        assert_eq!(
            words("Israel's army re-arrested 49 of the 1,027 detainees, the U.S. envoy said."),
            [
                "Israel",
                "'s",
                "army",
                "re-arrested",
                "49",
                "of",
                "the",
                "1,027",
                "detainees",
                ",",
                "the",
                "U.S.",
                "envoy",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn punctuation_is_split_but_not_inside_numbers() {
        assert_eq!(
            words("Turnout (3.5 million; 61.2%) rose at 10:30 [local time] {sic}!"),
            [
                "Turnout", "(", "3.5", "million", ";", "61.2", "%", ")", "rose", "at", "10:30", "[", "local", "time",
                "]", "{", "sic", "}", "!"
            ]
        );
        assert_eq!(
            words("He paid $5 and €1,250,000, or £3bn…"),
            ["He", "paid", "$", "5", "and", "€", "1,250,000", ",", "or", "£", "3", "bn", "…"]
        );
    }

    #[test]
    fn quotes_straight_and_curly() {
        assert_eq!(
            words("“We will not leave,” the mayor said of the ‘red zone’."),
            [
                "“", "We", "will", "not", "leave", ",", "”", "the", "mayor", "said", "of", "the", "‘", "red", "zone",
                "’", "."
            ]
        );
        assert_eq!(
            words("'Stop!' he shouted, \"now\"."),
            ["'", "Stop", "!", "'", "he", "shouted", ",", "\"", "now", "\"", "."]
        );
    }

    #[test]
    fn clitics_are_separate_words_of_one_surface_token() {
        assert_eq!(
            words("I'm sure they don't, can't and won't go; she'd say it's Hamas's."),
            [
                "I", "'m", "sure", "they", "do", "n't", ",", "ca", "n't", "and", "wo", "n't", "go", ";", "she", "'d",
                "say", "it", "'s", "Hamas", "'s", "."
            ]
        );
        assert_eq!(
            words("We’ll see what you’ve done, the ministers’ aides said."),
            ["We", "’ll", "see", "what", "you", "’ve", "done", ",", "the", "ministers", "’", "aides", "said", "."]
        );
        assert_eq!(
            words("They're gonna say we wanna win but cannot."),
            ["They", "'re", "gon", "na", "say", "we", "wan", "na", "win", "but", "can", "not", "."]
        );
        assert_eq!(
            surface("I'm sure they don't want the parents' gonna-style answer."),
            ["I'm", "sure", "they", "don't", "want", "the", "parents'", "gonna-style", "answer", "."]
        );
    }

    #[test]
    fn apostrophes_inside_names_stay() {
        assert_eq!(
            words("O'Brien's aide met Sa'd in Ma'ale Adumim in the '90s."),
            ["O'Brien", "'s", "aide", "met", "Sa'd", "in", "Ma'ale", "Adumim", "in", "the", "'90s", "."]
        );
    }

    #[test]
    fn hyphenated_news_units_stay_whole() {
        assert_eq!(
            words("The Gaza-run al-Sayed well-known pre-war re-arrested F-16 co-op."),
            ["The", "Gaza-run", "al-Sayed", "well-known", "pre-war", "re-arrested", "F-16", "co-op", "."]
        );
        assert_eq!(
            words("Call 713-853-3989 or 555-0199 about the 2014-15 season, 11-20-2000."),
            ["Call", "713-853-3989", "or", "555-0199", "about", "the", "2014-15", "season", ",", "11-20-2000", "."]
        );
        assert_eq!(
            words("Lashkar-e-Taiba and U.S.-led forces -- again."),
            ["Lashkar-e-Taiba", "and", "U.S.", "-", "led", "forces", "--", "again", "."]
        );
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            words("Lt. Gen. John W. Smith met Dr. Jones and Mr. Abbas at 9 a.m. on Jan. 5."),
            [
                "Lt.", "Gen.", "John", "W.", "Smith", "met", "Dr.", "Jones", "and", "Mr.", "Abbas", "at", "9", "a.m.",
                "on", "Jan.", "5", "."
            ]
        );
        assert_eq!(
            words("Acme Inc. and the U.K. team, e.g. No. 5, lost."),
            ["Acme", "Inc.", "and", "the", "U.K.", "team", ",", "e.g.", "No.", "5", ",", "lost", "."]
        );
    }

    #[test]
    fn urls_emails_handles_emoticons_ordinals() {
        assert_eq!(
            words("See https://example.org/a_(b) or www.un.org, mail press@un.org (@UN #Gaza) :) 1st 22nd 1980s"),
            [
                "See",
                "https://example.org/a_(b)",
                "or",
                "www.un.org",
                ",",
                "mail",
                "press@un.org",
                "(",
                "@UN",
                "#Gaza",
                ")",
                ":)",
                "1st",
                "22nd",
                "1980s"
            ]
        );
        assert_eq!(words("Read report.pdf on Reuters.com now"), ["Read", "report.pdf", "on", "Reuters.com", "now"]);
        assert_eq!(
            words("It weighs 5kg and starts at 10am."),
            ["It", "weighs", "5", "kg", "and", "starts", "at", "10", "am", "."]
        );
    }

    #[test]
    fn sentence_boundaries() {
        assert_eq!(
            sents(
                "Gunmen attacked a bus. Police said 12 died! Who did it? \"Nobody knows.\" (They fled.) 30 were hurt."
            ),
            vec![
                vec!["Gunmen", "attacked", "a", "bus", "."],
                vec!["Police", "said", "12", "died", "!"],
                vec!["Who", "did", "it", "?"],
                vec!["\"", "Nobody", "knows", ".", "\""],
                vec!["(", "They", "fled", ".", ")"],
                vec!["30", "were", "hurt", "."],
            ]
        );
        // Quoted speech continues after a closing quote and a lowercase word.
        assert_eq!(sents("\"Stop!\" he said. \"Why?\" she asked.").len(), 2);
        assert_eq!(sents("\"We will fight,\" the source said.").len(), 1);
    }

    #[test]
    fn abbreviations_end_sentences_only_before_openers() {
        assert_eq!(
            sents("He lives in the U.S. The talks went on. Mr. Smith met U.S. President Obama."),
            vec![
                vec!["He", "lives", "in", "the", "U.S", "."],
                vec!["The", "talks", "went", "on", "."],
                vec!["Mr.", "Smith", "met", "U.S.", "President", "Obama", "."],
            ]
        );
        assert_eq!(
            sents("They met at 5 p.m. on Monday, etc. Then they left at 6 p.m."),
            vec![
                vec!["They", "met", "at", "5", "p.m.", "on", "Monday", ",", "etc", "."],
                vec!["Then", "they", "left", "at", "6", "p.m", "."],
            ]
        );
        assert_eq!(sents("George W. Bush spoke.").len(), 1);
        assert_eq!(sents("The No. 2 official, Gen. Tal, resigned.").len(), 1);
    }

    #[test]
    fn reference_marks_and_spaced_ellipses() {
        assert_eq!(
            sents("The town grew.[3] A Ph.D. thesis says so.[citation needed] It . . . did."),
            vec![
                vec!["The", "town", "grew", ".", "[", "3", "]"],
                vec!["A", "Ph.D.", "thesis", "says", "so", ".", "[", "citation", "needed", "]"],
                vec!["It", ".", ".", ".", "did", "."],
            ]
        );
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(
            sents("Israel frees 49 prisoners\nThe army said\r\n\r\n- first item\n* second item"),
            vec![
                vec!["Israel", "frees", "49", "prisoners"],
                vec!["The", "army", "said"],
                vec!["-", "first", "item"],
                vec!["*", "second", "item"],
            ]
        );
    }

    #[test]
    fn missing_space_after_period() {
        assert_eq!(
            sents("The army withdrew.Residents returned."),
            vec![vec!["The", "army", "withdrew", "."], vec!["Residents", "returned", "."]]
        );
    }

    #[test]
    fn damaged_and_unusual_text() {
        assert_eq!(
            words("Speaking to , a Hamas source said the Gaza-run Islamic to define"),
            ["Speaking", "to", ",", "a", "Hamas", "source", "said", "the", "Gaza-run", "Islamic", "to", "define"]
        );
        // No-break and other Unicode spaces and the zero-width space separate;
        // combining marks and joiners stay inside their word.
        assert_eq!(
            words("Gaza\u{a0}City\u{2009}and\u{200b}Khan Yunis, Cafe\u{301} 👍🏽 👨\u{200d}👩\u{200d}👧"),
            ["Gaza", "City", "and", "Khan", "Yunis", ",", "Cafe\u{301}", "👍🏽", "👨\u{200d}👩\u{200d}👧"]
        );
        // Control characters are kept, as tokens of their own.
        assert_eq!(words("a\u{1}b"), ["a", "\u{1}", "b"]);
        assert!(segment("").is_empty());
        assert!(segment(" \n\t\u{a0}\u{200b} ").is_empty());
    }

    #[test]
    fn long_sentences_are_capped_without_splitting_contractions() {
        let text = "don't ".repeat(MAX_SENTENCE_TOKENS);
        let s = segment(&text);
        assert!(s.iter().all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
        assert_eq!(s.iter().map(|s| s.tokens.len()).sum::<usize>(), 2 * MAX_SENTENCE_TOKENS);
        for s in &s {
            assert_eq!(&text[s.tokens[0].start..s.tokens[0].end], "do");
        }
        let text = "word ".repeat(3 * MAX_SENTENCE_TOKENS + 7);
        let lens: Vec<usize> = segment(&text).iter().map(|s| s.tokens.len()).collect();
        assert_eq!(lens, [400, 400, 400, 7]);
    }

    #[test]
    fn long_chunks_are_cut() {
        let text = format!("{} e\u{301}", "x".repeat(3 * MAX_CHUNK_BYTES));
        let s = segment(&text);
        let toks: Vec<&str> = s[0].tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(toks.len(), 4);
        assert!(toks.iter().all(|t| t.len() <= MAX_CHUNK_BYTES));
        assert_eq!(toks[3], "e\u{301}");
    }
}

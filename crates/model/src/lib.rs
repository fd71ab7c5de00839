//! Shared types for dyad: the values that flow between stages.
//!
//! Every stage speaks in these types and nothing else: an [`Article`] goes in, [`Sentence`]s,
//! [`ActorMention`]s and [`Event`]s come out. Spans are byte offsets into the article text
//! (`text[span.start..span.end]` is the evidence), so provenance survives every stage.
//!
//! Architecture invariant: this crate does no I/O and knows nothing of HTML, dictionaries or
//! storage.

pub mod cameo;

use serde::{Deserialize, Serialize};
use std::fmt;

pub use cameo::{Cameo, CameoCode, QuadClass};
pub use chrono::{NaiveDate, Weekday};

/// A half-open byte range `[start, end)` into an article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The spanned text, or `""` when the span does not fit the text (never panics).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// An article's stable identity: a hash of its normalised source and text, so the same story
/// read twice (or from a re-run) gets the same id and storage stays idempotent.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// Derives the id from the source (site or feed) and the text, after normalising
    /// whitespace and case so that re-fetches with cosmetic differences agree.
    pub fn derive(source: &str, text: &str) -> Self {
        let mut hasher = blake3::Hasher::new();
        hasher.update(normalise(source).as_bytes());
        hasher.update(&[0]);
        hasher.update(normalise(text).as_bytes());
        let hex = hasher.finalize().to_hex();
        ArticleId(hex[..16].to_string())
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// A clean article: what ingest produces and every later stage reads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// Where the article came from as the user named it: a file path, with a record number
    /// inside a multi-record file (`feed.jsonl#3`), or the id given in the input.
    pub input: String,
    pub url: Option<String>,
    /// The publishing site or feed (a host name where a URL is known).
    pub source: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub text: String,
}

impl Article {
    /// Builds an article with no known source; its id derives from the text alone, so the
    /// same text read from two files is one article.
    pub fn new(input: impl Into<String>, text: impl Into<String>) -> Self {
        let input = input.into();
        let text = text.into();
        let id = ArticleId::derive("", &text);
        Article {
            id,
            input,
            url: None,
            source: None,
            title: None,
            published: None,
            language: None,
            text,
        }
    }

    /// Recomputes the id after the source or text changed.
    pub fn rederive_id(&mut self) {
        self.id = ArticleId::derive(self.source.as_deref().unwrap_or(""), &self.text);
    }
}

/// A sentence of an article: its position and where it lies in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub index: usize,
    pub span: Span,
}

/// A recognised actor in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    pub span: Span,
    /// The surface text as it appears in the article.
    pub text: String,
    /// The resolved CAMEO actor code, such as `USAGOV`.
    pub code: String,
    /// The dictionary entry that matched (its file, line and canonical name), or how the
    /// mention was resolved (`reference: Benjamin Netanyahu`).
    pub entry: String,
    pub sentence: usize,
}

/// How the text presents an event: done, not done, planned, conditional or hearsay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Negated,
    Intended,
    Hypothetical,
    Reported,
}

impl Modality {
    /// Did the coded event take place as coded? A statement of intent is itself an act (CAMEO
    /// codes it 03x or 13x); a denied or conditional act did not happen.
    pub fn occurred(&self) -> bool {
        !matches!(self, Modality::Negated | Modality::Hypothetical)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Intended => "intended",
            Modality::Hypothetical => "hypothetical",
            Modality::Reported => "reported",
        }
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Modality {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "asserted" => Modality::Asserted,
            "negated" => Modality::Negated,
            "intended" => Modality::Intended,
            "hypothetical" => Modality::Hypothetical,
            "reported" => Modality::Reported,
            other => return Err(format!("unknown modality '{other}'")),
        })
    }
}

/// One side of an event: the actor code and where the text names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    pub code: String,
    /// The mention's span; `None` when the actor was inferred from context (an earlier
    /// sentence's request, "the measures").
    pub span: Option<Span>,
}

/// A coded event: who did what to whom, with the sentence that shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub article: ArticleId,
    pub sentence: usize,
    pub source: EventActor,
    pub target: EventActor,
    pub code: CameoCode,
    pub date: Option<NaiveDate>,
    pub modality: Modality,
    /// The evidence: the sentence's span.
    pub evidence: Span,
    /// The words that triggered the code (the verb phrase).
    pub trigger: Span,
    pub confidence: f32,
}

impl Event {
    pub fn root(&self) -> &'static str {
        self.code.root()
    }
    pub fn quad(&self) -> QuadClass {
        self.code.quad()
    }
}

/// Where an actor stands on an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    For,
    Against,
    /// For, but only under a condition ("only if Hamas disarms").
    Conditional,
}

impl Position {
    pub fn as_str(&self) -> &'static str {
        match self {
            Position::For => "for",
            Position::Against => "against",
            Position::Conditional => "conditional",
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stance: an actor's position on an issue, with the sentence that shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    pub article: ArticleId,
    pub sentence: usize,
    pub actor: EventActor,
    /// The normalised issue key that groups wordings across articles
    /// ("lift sanction SYRGOV").
    pub issue: String,
    /// The issue phrase as the text words it.
    pub issue_text: String,
    pub position: Position,
    /// 0..=1: "insists" is stronger than "is open to".
    pub strength: f32,
    pub date: Option<NaiveDate>,
    pub modality: Modality,
    pub evidence: Span,
    /// The cue words ("urged", "is skeptical that").
    pub cue: Span,
}

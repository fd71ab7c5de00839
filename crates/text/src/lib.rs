//! Text layer for dyad: sentences, tokens and verb inflections, as pure functions over `&str`.
//!
//! Architecture invariant: nothing here knows about actors, events, HTML or storage; every
//! function takes text and returns spans into it.

pub mod grammar;
mod inflect;
mod sentences;
mod tokens;

pub use inflect::{inflections, lemma_candidates};
pub use sentences::split_sentences;
pub use tokens::{tokenize, Token, TokenKind};

//! The event coder: who did what to whom, from raw sentences and actor mentions.
//!
//! Architecture invariant: the coder knows nothing about HTML, files or storage. It reads an
//! article's text, sentence spans and actor mentions and returns events whose spans point into
//! that text; loading verb dictionaries is the caller's I/O.

mod code;
mod lexicon;
pub mod tabari;
pub mod verbs;

pub use code::{Coder, CodingInput};
pub use verbs::{Element, VerbDictionary, VerbError, VerbIndex, VerbPattern};

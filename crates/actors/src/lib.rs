//! Actors: who is named in the text, as CAMEO actor codes.
//!
//! Loading is separate from compiling: [`Dictionary`] parses text the caller has read (so the
//! caller does the I/O and names the file), [`Recognizer::new`] compiles it into an immutable
//! automaton shared across threads, and [`Recognizer::recognize`] is a pure function of text,
//! sentences and date.
//!
//! Architecture invariant: this crate knows nothing of HTML, events or storage.

pub mod dictionary;
mod recognize;
pub mod tabari;

pub use dictionary::{
    code_on, DatedCode, Dictionary, DictionaryError, Entry, FormRole, Format, Origin,
};
pub use recognize::{ConflictWarning, Recognizer};

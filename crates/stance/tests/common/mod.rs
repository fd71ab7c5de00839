#![allow(dead_code)]
//! Shared by the integration tests: the recogniser with dyad's built-in dictionaries, and a
//! one-line rendering of a stance.

use dyad_actors::{Dictionary, Recognizer};
use dyad_model::{ArticleId, NaiveDate, Stance};
use dyad_stance::StanceExtractor;
use std::sync::OnceLock;

pub struct Fixture {
    pub recognizer: Recognizer,
    pub extractor: StanceExtractor,
}

pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let (dict, _) = Dictionary::builtin();
        let (recognizer, _) = Recognizer::new(&dict);
        Fixture {
            recognizer,
            extractor: StanceExtractor::builtin(),
        }
    })
}

/// Stances in `text`, dated `date` (roles of people depend on it).
pub fn stances(text: &str, date: &str) -> Vec<Stance> {
    let f = fixture();
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    let sentences = dyad_text::split_sentences(text);
    let mentions = f.recognizer.recognize(text, &sentences, date);
    f.extractor
        .extract(text, &sentences, &mentions, date, &ArticleId("test".into()))
}

/// `ACTOR position issue (modality)`, the form the tables compare.
pub fn render(s: &Stance) -> String {
    format!(
        "{} {} {} ({})",
        s.actor.code, s.position, s.issue, s.modality
    )
}

/// The code the recogniser gives a name on `date`.
pub fn code_of(name: &str, date: &str) -> String {
    let f = fixture();
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    let sentences = dyad_text::split_sentences(name);
    let mentions = f.recognizer.recognize(name, &sentences, date);
    mentions
        .first()
        .map_or_else(|| format!("?{name}"), |m| m.code.clone())
}

//! The pipeline: dyad's pure stages composed. An [`Article`] goes in; its sentences, actor
//! mentions and events come out as an [`Analysis`].
//!
//! Architecture invariant: no I/O here. Dictionaries arrive parsed; the caller decides where
//! articles come from and where analyses go.

use dyad_actors::{ConflictWarning, Dictionary, DictionaryError, Recognizer};
use dyad_coder::tabari::TabariCoder;
use dyad_coder::{Coder, CodingInput, VerbDictionary, VerbError, VerbIndex};
use dyad_model::{ActorMention, Article, Event, Sentence, Stance};
use dyad_stance::StanceExtractor;

/// Sentences longer than this are not prose (tables, run-together scrapes) and are not coded;
/// the cap keeps one pathological document from stalling a batch.
pub const MAX_SENTENCE_BYTES: usize = 4_000;

/// Everything the pipeline found in one article.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<ActorMention>,
    pub events: Vec<Event>,
    pub stances: Vec<Stance>,
}

/// Problems found while building an engine from dictionaries: none stops it.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub actor_errors: Vec<DictionaryError>,
    pub verb_errors: Vec<VerbError>,
    pub conflicts: Vec<ConflictWarning>,
}

impl BuildReport {
    /// One line per problem, for stderr.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .actor_errors
            .iter()
            .map(|e| format!("error: {e}"))
            .collect();
        out.extend(self.verb_errors.iter().map(|e| format!("error: {e}")));
        out.extend(self.conflicts.iter().map(|w| format!("warning: {w}")));
        out
    }
}

/// The compiled stages, immutable and shareable across threads.
pub struct Engine {
    recognizer: Recognizer,
    coder: Coder,
    stances: StanceExtractor,
    /// Recognition and coding with TABARI / PETRARCH dictionaries and semantics, replacing
    /// the recogniser and coder above (`Engine::tabari`).
    tabari: Option<TabariCoder>,
}

impl Engine {
    /// An engine with dyad's built-in dictionaries.
    pub fn builtin() -> (Engine, BuildReport) {
        let (actors, actor_errors) = Dictionary::builtin();
        let (verbs, verb_errors) = VerbDictionary::builtin();
        let (engine, mut report) = Engine::new(&actors, &verbs);
        report.actor_errors.extend(actor_errors);
        report.verb_errors.extend(verb_errors);
        (engine, report)
    }

    /// Compiles the given dictionaries.
    pub fn new(actors: &Dictionary, verbs: &VerbDictionary) -> (Engine, BuildReport) {
        let (recognizer, conflicts) = Recognizer::new(actors);
        let coder = Coder::new(VerbIndex::new(verbs));
        let report = BuildReport {
            conflicts,
            ..BuildReport::default()
        };
        let stances = StanceExtractor::builtin();
        (
            Engine {
                recognizer,
                coder,
                stances,
                tabari: None,
            },
            report,
        )
    }

    /// An engine that recognises and codes with a TABARI-compatible coder (TABARI / PETRARCH
    /// dictionaries, possibly with dyad's own merged in) instead of dyad's recogniser and
    /// coder.
    pub fn tabari(coder: TabariCoder) -> Engine {
        let (mut engine, _) = Engine::new(&Dictionary::default(), &VerbDictionary::default());
        engine.tabari = Some(coder);
        engine
    }

    /// Replaces the stance extractor (one compiled with other issue dictionaries).
    pub fn with_stance_extractor(mut self, stances: StanceExtractor) -> Engine {
        self.stances = stances;
        self
    }

    pub fn recognizer(&self) -> &Recognizer {
        &self.recognizer
    }

    /// Splits, recognises and codes one article.
    pub fn analyse(&self, article: Article) -> Analysis {
        let sentences: Vec<Sentence> = dyad_text::split_sentences(&article.text)
            .into_iter()
            .filter(|s| s.span.len() <= MAX_SENTENCE_BYTES)
            .collect();
        let (mentions, events) = match &self.tabari {
            Some(tabari) => (
                tabari.mentions(&article.text, &sentences, article.published),
                tabari.code(&article.id, &article.text, &sentences, article.published),
            ),
            None => {
                let mentions =
                    self.recognizer
                        .recognize(&article.text, &sentences, article.published);
                let events = self.coder.code(&CodingInput {
                    article: &article.id,
                    text: &article.text,
                    sentences: &sentences,
                    mentions: &mentions,
                    date: article.published,
                });
                (mentions, events)
            }
        };
        let stances = self.stances.extract(
            &article.text,
            &sentences,
            &mentions,
            article.published,
            &article.id,
        );
        Analysis {
            article,
            sentences,
            mentions,
            events,
            stances,
        }
    }
}

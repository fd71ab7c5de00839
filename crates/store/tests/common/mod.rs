//! Helpers shared by the store's tests: temporary directories, the frozen test dictionaries,
//! and analysed corpora.

#![allow(dead_code)]

use dyad_actors::{Dictionary, Format};
use dyad_coder::VerbDictionary;
use dyad_model::{
    ActorMention, Article, CameoCode, Event, EventActor, Modality, NaiveDate, Sentence, Span,
};
use dyad_pipeline::{Analysis, Engine};
use dyad_store::Document;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn repo() -> PathBuf {
    crate_dir().join("../..")
}

/// A fresh directory under the system's temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "dyad-store-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The engine on the frozen dictionaries in `test_data/dict`, so stored tables change when
/// the store does, not when dyad's own dictionaries grow.
pub fn engine() -> Engine {
    let dir = crate_dir().join("test_data/dict");
    let mut actors = Dictionary::default();
    for file in ["countries.txt", "agents.txt", "organisations.txt"] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("test dictionary");
        let errors = actors.add(file, &text, Format::from_file_name(file));
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    let mut verbs = VerbDictionary::default();
    let text = std::fs::read_to_string(dir.join("verbs.txt")).expect("test verbs");
    let errors = verbs.add("verbs.txt", &text);
    assert!(errors.is_empty(), "verbs.txt: {errors:?}");
    Engine::new(&actors, &verbs).0
}

/// Every article in the given files (relative to the repository), analysed, in order.
pub fn analyse(paths: &[PathBuf]) -> Vec<Analysis> {
    let engine = engine();
    let mut out = Vec::new();
    for path in dyad_ingest::expand_inputs(paths) {
        let path = path.expect("input exists");
        for doc in dyad_ingest::read_input(&path).expect("readable input") {
            out.push(engine.analyse(doc.expect("readable document")));
        }
    }
    out
}

/// The committed corpus: dyad's examples and the store's own merge corpus.
pub fn corpus() -> Vec<Analysis> {
    let root = repo();
    let mut out = analyse(&[
        root.join("examples"),
        root.join("crates/store/test_data/reports.jsonl"),
    ]);
    // Inputs named relative to the repository, so stored tables do not depend on where the
    // checkout lives (ids do not depend on names at all).
    let prefix = format!("{}/", root.display());
    for a in &mut out {
        if let Some(rest) = a.article.input.strip_prefix(&prefix) {
            a.article.input = rest.to_string();
        }
    }
    out
}

pub fn documents(analyses: &[Analysis]) -> Vec<Document<'_>> {
    analyses
        .iter()
        .map(|a| Document {
            article: &a.article,
            sentences: &a.sentences,
            mentions: &a.mentions,
            events: &a.events,
            stances: &a.stances,
        })
        .collect()
}

/// A document built by hand: what the pipeline would return, without running it, so the
/// conformance suite tests the store and not the coder.
pub struct Handmade {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<ActorMention>,
    pub events: Vec<Event>,
}

impl Handmade {
    pub fn document(&self) -> Document<'_> {
        Document {
            article: &self.article,
            sentences: &self.sentences,
            mentions: &self.mentions,
            events: &self.events,
            stances: &[],
        }
    }
}

/// One coded event in a handmade sentence: `("QATGOV Qatar", "urged", "IRNGOV Iran", "020",
/// modality)`; an actor without surface words (`"DZAGOV"`) was inferred from context.
pub type Spec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Modality,
);

/// Builds a document from sentences and the events in each; spans are found in the text.
pub fn handmade(
    input: &str,
    site: Option<&str>,
    date: &str,
    sentences: &[(&str, &[Spec])],
) -> Handmade {
    let text = sentences
        .iter()
        .map(|(s, _)| *s)
        .collect::<Vec<_>>()
        .join(" ");
    let mut article = Article::new(input, text.clone());
    article.source = site.map(str::to_string);
    article.url = site.map(|s| format!("https://{s}/{input}"));
    article.published = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    article.rederive_id();
    let mut out = Handmade {
        article,
        sentences: Vec::new(),
        mentions: Vec::new(),
        events: Vec::new(),
    };
    let mut start = 0;
    for (index, (sentence, specs)) in sentences.iter().enumerate() {
        let span = Span::new(start, start + sentence.len());
        out.sentences.push(Sentence { index, span });
        let find = |words: &str| -> Option<Span> {
            let at = sentence.find(words)?;
            Some(Span::new(start + at, start + at + words.len()))
        };
        for &(source, trigger, target, code, modality) in specs.iter() {
            let actor = |spec: &str| -> EventActor {
                let (code, words) = spec.split_once(' ').unwrap_or((spec, ""));
                let span = if words.is_empty() { None } else { find(words) };
                EventActor {
                    code: code.to_string(),
                    span,
                }
            };
            let (source, target) = (actor(source), actor(target));
            for a in [&source, &target] {
                if let Some(s) = a.span {
                    out.mentions.push(ActorMention {
                        span: s,
                        text: s.slice(&text).to_string(),
                        code: a.code.clone(),
                        entry: format!("handmade: {}", s.slice(&text)),
                        sentence: index,
                    });
                }
            }
            out.events.push(Event {
                article: out.article.id.clone(),
                sentence: index,
                source,
                target,
                code: CameoCode::parse(code).expect("CAMEO code"),
                date: out.article.published,
                modality,
                evidence: span,
                trigger: find(trigger).expect("trigger in sentence"),
                confidence: if modality == Modality::Negated {
                    0.72
                } else {
                    0.9
                },
            });
        }
        start += sentence.len() + 1;
    }
    out.mentions.sort_by_key(|m| m.span);
    out
}

/// The conformance corpus: the examples' stories and a wire story told by several sites.
pub fn handmade_corpus() -> Vec<Handmade> {
    use Modality::{Asserted, Negated};
    vec![
        handmade("gulf", None, "2026-03-04", &[
            ("Qatar urged Iran on Tuesday to restrain the Houthis after a week of attacks on commercial shipping in the Red Sea.",
             &[("QATGOV Qatar", "urged", "IRNGOV Iran", "020", Asserted)]),
            ("Omani Foreign Minister Badr Albusaidi met Iranian Foreign Minister Abbas Araghchi in Muscat to discuss a possible truce.",
             &[("OMNGOV Omani Foreign Minister Badr Albusaidi", "met", "IRNGOV Iranian Foreign Minister Abbas Araghchi", "040", Asserted)]),
            ("Saudi Arabia praised the Omani effort.", &[("SAUGOV Saudi Arabia", "praised", "OMN Omani", "051", Asserted)]),
            ("Washington did not impose new sanctions on Tehran, a State Department spokesman said.",
             &[("USAGOV Washington", "impose new sanctions", "IRNGOV Tehran", "163", Negated)]),
        ]),
        handmade("kyiv", None, "2026-02-20", &[
            ("German Chancellor Friedrich Merz promised Ukraine two additional air defence systems.",
             &[("DEUGOV German Chancellor Friedrich Merz", "promised", "UKRGOV Ukraine", "0331", Asserted)]),
            ("Ukrainian President Volodymyr Zelensky thanked Berlin for its support.",
             &[("UKRGOV Ukrainian President Volodymyr Zelensky", "thanked", "DEUGOV Berlin", "051", Asserted)]),
        ]),
        handmade("sahel-001", Some("example.org"), "2026-02-10", &[
            ("Mali expelled the French ambassador on Monday.", &[("MLIGOV Mali", "expelled", "FRAGOV French ambassador", "166", Asserted)]),
        ]),
        handmade("sahel-002", Some("example.org"), "2026-02-12", &[
            ("Niger signed a defence agreement with Burkina Faso on Wednesday.",
             &[("NERGOV Niger", "signed a defence agreement", "BFAGOV Burkina Faso", "057", Asserted)]),
        ]),
        handmade("sahel-003", Some("example.net"), "2026-02-15", &[
            ("Algeria plans to host talks between Mali and Tuareg rebels next month.",
             &[("DZAGOV Algeria", "host talks", "MLIGOV Mali", "036", Asserted)]),
            ("Malian officials have not rejected the invitation.",
             &[("MLIGOV Malian officials", "rejected the invitation", "DZAGOV", "125", Negated)]),
        ]),
        handmade("r1", Some("reuters.example"), "2026-03-03", &[
            ("Qatar urged Iran on Tuesday to restrain the Houthis after attacks on shipping in the Red Sea.",
             &[("QATGOV Qatar", "urged", "IRNGOV Iran", "020", Asserted)]),
            ("Russia criticized Germany over the decision to send tanks to Kyiv.",
             &[("RUSGOV Russia", "criticized", "DEUGOV Germany", "111", Asserted)]),
        ]),
        handmade("r2", Some("apnews.example"), "2026-03-04", &[
            ("Qatari officials urged Iran to rein in the Houthis following the Red Sea shipping attacks, officials said.",
             &[("QATGOV Qatari officials", "urged", "IRNGOV Iran", "020", Asserted)]),
            ("Germany signed a defence agreement with Poland.",
             &[("DEUGOV Germany", "signed a defence agreement", "POLGOV Poland", "057", Asserted)]),
        ]),
        handmade("r3", Some("bbc.example"), "2026-03-05", &[
            ("Doha urged Tehran to restrain the Houthis and stop the attacks on shipping.",
             &[("QATGOV Doha", "urged", "IRNGOV Tehran", "020", Asserted)]),
            ("Russia criticized Germany over new gas pipeline sanctions.",
             &[("RUSGOV Russia", "criticized", "DEUGOV Germany", "111", Asserted)]),
        ]),
        handmade("r4", Some("reuters.example"), "2026-03-04", &[
            ("Qatar urged Iran to restrain the Houthis, a diplomat said.", &[("QATGOV Qatar", "urged", "IRNGOV Iran", "020", Asserted)]),
        ]),
        handmade("r5", Some("aljazeera.example"), "2026-03-20", &[
            ("Qatar urged Iran to restrain the Houthis.", &[("QATGOV Qatar", "urged", "IRNGOV Iran", "020", Asserted)]),
        ]),
        handmade("r6", Some("dw.example"), "2026-03-04", &[
            ("Qatar did not urge Iran to restrain the Houthis, a Qatari envoy said.",
             &[("QATGOV Qatar", "urge", "IRNGOV Iran", "020", Negated)]),
        ]),
    ]
}

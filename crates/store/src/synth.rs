//! Synthetic coded documents for benchmarking the store at sizes no example corpus reaches
//! (`dyad bench-store --events 10000000`). The documents skip the pipeline: articles, their
//! sentences and already-coded events are generated directly, with a realistic spread of
//! actors (a few hundred codes, some far busier than others), dates (ten years) and sites, so
//! the store's write path, merging and rollups do the same work as for coded news.

use crate::Document;
use dyad_model::{
    Article, Cameo, CameoCode, Event, EventActor, Modality, NaiveDate, Sentence, Span,
};

/// One generated document, owning what a [`Document`] borrows.
pub struct SynthDoc {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub events: Vec<Event>,
}

impl SynthDoc {
    pub fn document(&self) -> Document<'_> {
        Document {
            article: &self.article,
            sentences: &self.sentences,
            mentions: &[],
            events: &self.events,
            stances: &[],
        }
    }
}

const COUNTRIES: &[&str] = &[
    "USA", "RUS", "CHN", "ISR", "PSE", "IRN", "UKR", "GBR", "FRA", "DEU", "TUR", "SYR", "LBN",
    "EGY", "SAU", "QAT", "IRQ", "AFG", "PAK", "IND", "JPN", "PRK", "KOR", "MLI", "NER", "NGA",
    "ETH", "SDN", "YEM", "JOR", "POL", "BLR", "VEN", "COL", "BRA", "MEX", "CAN", "AUS", "IDN",
    "PHL", "MMR", "THA", "ZAF", "KEN", "SOM", "LBY", "DZA", "MAR", "TUN", "ARE",
];
const AGENTS: &[&str] = &[
    "", "GOV", "MIL", "OPP", "REB", "COP", "LEG", "JUD", "MED", "BUS",
];
const SITES: &[&str] = &[
    "reuters.example",
    "apnews.example",
    "bbc.example",
    "aljazeera.example",
    "dw.example",
    "france24.example",
    "nhk.example",
    "tass.example",
    "xinhua.example",
    "timesofisrael.example",
];
const WORDS: &[&str] = &[
    "border",
    "talks",
    "ceasefire",
    "sanctions",
    "aid",
    "troops",
    "election",
    "embassy",
    "pipeline",
    "missile",
    "drone",
    "protest",
    "summit",
    "treaty",
    "loan",
    "refugees",
    "port",
    "strike",
    "convoy",
    "hostages",
    "grain",
    "visit",
    "minister",
    "envoy",
    "tariffs",
    "vote",
];

/// A small deterministic generator: the same seed gives the same store.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Skewed towards small indexes, as news is towards a few countries.
    pub fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Generates documents of `events_per_doc` events each, dated over ten years from 2016.
pub struct Generator {
    rng: Rng,
    codes: Vec<CameoCode>,
    made: u64,
    start: NaiveDate,
    pub events_per_doc: usize,
}

impl Generator {
    pub fn new(seed: u64, events_per_doc: usize) -> Self {
        let codes = Cameo::get()
            .entries()
            .iter()
            .filter_map(|e| CameoCode::parse(&e.code))
            .collect();
        Generator {
            rng: Rng::new(seed),
            codes,
            made: 0,
            start: NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default(),
            events_per_doc: events_per_doc.max(1),
        }
    }

    fn actor(&mut self) -> String {
        let country = COUNTRIES[self.rng.skewed(COUNTRIES.len())];
        let agent = AGENTS[self.rng.skewed(AGENTS.len())];
        format!("{country}{agent}")
    }

    /// The next document.
    pub fn next_doc(&mut self) -> SynthDoc {
        self.made += 1;
        let day = self.start + chrono::Duration::days(self.rng.below(3_650) as i64);
        let site = self.rng.pick(SITES);
        let mut text = String::new();
        let mut sentences = Vec::new();
        let mut events = Vec::new();
        let placeholder = dyad_model::ArticleId(String::new());
        for i in 0..self.events_per_doc {
            let source = self.actor();
            let mut target = self.actor();
            if target == source {
                target = format!("{}GOV", &source[..3.min(source.len())]);
            }
            let code = self.codes[self.rng.below(self.codes.len())];
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(&source);
            let source_span = Span::new(start, text.len());
            text.push(' ');
            let trigger_start = text.len();
            text.push_str(code.name());
            let trigger = Span::new(trigger_start, text.len());
            text.push(' ');
            let target_start = text.len();
            text.push_str(&target);
            let target_span = Span::new(target_start, text.len());
            for _ in 0..4 {
                text.push(' ');
                text.push_str(self.rng.pick(WORDS));
            }
            text.push_str(&format!(" {}.", self.made));
            let span = Span::new(start, text.len());
            sentences.push(Sentence { index: i, span });
            events.push(Event {
                article: placeholder.clone(),
                sentence: i,
                source: EventActor {
                    code: source,
                    span: Some(source_span),
                },
                target: EventActor {
                    code: target,
                    span: Some(target_span),
                },
                code,
                date: Some(day),
                modality: match self.rng.below(20) {
                    0 | 1 => Modality::Reported,
                    2 => Modality::Negated,
                    3 => Modality::Hypothetical,
                    _ => Modality::Asserted,
                },
                evidence: span,
                trigger,
                confidence: 0.8,
            });
        }
        let mut article = Article::new(format!("synthetic#{}", self.made), text);
        article.source = Some(site.to_string());
        article.url = Some(format!("https://{site}/{}", self.made));
        article.published = Some(day);
        article.rederive_id();
        for e in &mut events {
            e.article = article.id.clone();
        }
        SynthDoc {
            article,
            sentences,
            events,
        }
    }
}

//! The TABARI / PETRARCH verb dictionary syntax and the TABARI-compatible coder, driven by
//! `test_data/tabari/sentences.txt` (sentence => expected triples) and small dictionaries
//! written for these tests.

use dyad_actors::tabari::{parse_actors, parse_agents, parse_discards};
use dyad_coder::tabari::{TabariCoder, TabariConfig, TabariVerbs};
use dyad_model::{NaiveDate, Span};

const ACTORS: &str = include_str!("../test_data/tabari/actors.txt");
const AGENTS: &str = include_str!("../test_data/tabari/agents.txt");
const DISCARDS: &str = include_str!("../test_data/tabari/discards.txt");
const VERBS: &str = include_str!("../test_data/tabari/verbs.txt");
const SENTENCES: &str = include_str!("../test_data/tabari/sentences.txt");

fn coder() -> TabariCoder {
    let (mut actors, errors) = parse_actors("actors.txt", ACTORS);
    assert!(errors.is_empty(), "{errors:?}");
    let (agents, errors) = parse_agents("agents.txt", AGENTS);
    assert!(errors.is_empty(), "{errors:?}");
    actors.extend(agents);
    let (discards, _) = parse_discards("discards.txt", DISCARDS);
    let mut verbs = TabariVerbs::default();
    verbs.add("verbs.txt", VERBS);
    let (coder, warnings) = TabariCoder::new(&actors, &verbs, discards);
    assert!(warnings.is_empty(), "{warnings:?}");
    coder
}

#[test]
fn malformed_verb_lines_are_reported_with_file_and_line() {
    let mut verbs = TabariVerbs::default();
    let errors = verbs.add("verbs.txt", VERBS);
    let line = |needle: &str| {
        VERBS
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
    };
    let got: Vec<usize> = errors.iter().map(|e| e.line).collect();
    let want: Vec<usize> = [
        "ORPHAN_MEMBER",
        "--- [051]",
        "NO CODE HERE",
        "not a code",
        "NO VERB MARK",
        "~ a (b ATTACK)",
    ]
    .iter()
    .filter_map(|n| line(n))
    .collect();
    assert_eq!(got, want, "{errors:#?}");
    assert!(errors[0]
        .to_string()
        .starts_with(&format!("verbs.txt:{}: ", want[0])));
    // The rest loaded.
    assert_eq!(verbs.blocks.len(), 12);
    assert_eq!(verbs.synsets.len(), 3);
    assert_eq!(verbs.pattern_count(), 14);
}

#[test]
fn sentences_code_as_the_fixture_says() {
    let coder = coder();
    let mut config = TabariConfig::default();
    let mut date: Option<NaiveDate> = None;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (n, line) in SENTENCES.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(d) = line.strip_prefix("@date ") {
            date = NaiveDate::parse_from_str(d.trim(), "%Y%m%d").ok();
            continue;
        }
        if let Some(settings) = line.strip_prefix("@config ") {
            for kv in settings.split_whitespace() {
                let (k, v) = kv.split_once('=').expect("key=value");
                match k {
                    "require_dyad" => config.require_dyad = v == "true",
                    "new_actor_length" => config.new_actor_length = v.parse().expect("number"),
                    other => panic!("unknown setting {other}"),
                }
            }
            continue;
        }
        let (text, expected) = line.split_once("=>").expect("sentence => triples");
        let text = text.trim();
        let mut want: Vec<String> = expected.split_whitespace().map(str::to_string).collect();
        let mut got: Vec<String> = coder
            .code_sentence_with(text, Span::new(0, text.len()), 0, date, &config)
            .into_iter()
            .map(|e| format!("{}/{}/{}", e.source, e.target, e.code))
            .collect();
        want.sort();
        got.sort();
        got.dedup();
        checked += 1;
        if want != got {
            failures.push(format!(
                "sentences.txt:{}: {text}\n   expected {want:?}\n   got      {got:?}",
                n + 1
            ));
        }
    }
    assert!(checked > 30);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn codes_that_are_cameo_become_dyad_events() {
    let coder = coder();
    let text = "Valoria donated food to Kestria. Valoria met Kestria.";
    let sentences = dyad_text::split_sentences(text);
    let id = dyad_model::ArticleId("a".into());
    let events = coder.code(&id, text, &sentences, None);
    let got: Vec<(String, String, &str)> = events
        .iter()
        .map(|e| {
            (
                e.source.code.clone(),
                e.target.code.clone(),
                e.code.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("VAL".into(), "KES".into(), "072"),
            ("VAL".into(), "KES".into(), "031"),
            ("KES".into(), "VAL".into(), "031")
        ]
    );
    assert_eq!(events[0].trigger.slice(text), "donated");
}

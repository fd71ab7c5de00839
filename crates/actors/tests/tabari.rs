//! TABARI / PETRARCH dictionaries: parsing into dyad's model, dated codes, malformed lines,
//! and TABARI-style phrase matching. Fixtures: `test_data/tabari/`.

use dyad_actors::tabari::{
    parse_actors, parse_agents, parse_discards, tokenize, PhraseKind, TabariActors,
};
use dyad_actors::{code_on, Dictionary, Entry, FormRole};
use dyad_model::{NaiveDate, Span};

const ACTORS: &str = include_str!("../test_data/tabari/actors.txt");
const AGENTS: &str = include_str!("../test_data/tabari/agents.txt");
const DISCARDS: &str = include_str!("../test_data/tabari/discards.txt");

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn entry<'d>(dict: &'d Dictionary, name: &str) -> &'d Entry {
    dict.entries
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entry {name}"))
}

#[test]
fn actors_parse_with_synonyms_and_multiple_codes() {
    let (dict, _) = parse_actors("actors.txt", ACTORS);
    let valoria = entry(&dict, "VALORIA");
    let forms: Vec<&str> = valoria.forms.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(forms, ["valoria", "valorian", "the vale of valoria"]);
    assert!(valoria.forms.iter().all(|(_, r)| *r == FormRole::Name));
    assert_eq!(valoria.codes[0].code, "VAL");
    assert_eq!(entry(&dict, "THE TWIN CITIES").codes[0].code, "TWA/TWB");
    // A space in a phrase also gives a form where words may stand between.
    let tv: Vec<&str> = entry(&dict, "KESTRIA TELEVISION")
        .forms
        .iter()
        .map(|(f, _)| f.as_str())
        .collect();
    assert_eq!(tv, ["kestria television", "kestria ... television"]);
    // Short acronyms keep their capitals.
    assert_eq!(entry(&dict, "UN").forms[0].0, "UN");
    // Consecutive phrase lines share the code block that follows them.
    let quill = entry(&dict, "MARA QUILL");
    assert_eq!(quill.forms.len(), 2);
    assert_eq!(quill.codes[0].code, "KESLEG");
}

#[test]
fn dated_codes_follow_tabari_bounds() {
    let (dict, _) = parse_actors("actors.txt", ACTORS);
    let codes = &entry(&dict, "ALDRIC VANE").codes;
    let on = |d: &str| code_on(codes, date(d)).map(str::to_string);
    assert_eq!(
        on("2009-12-31").as_deref(),
        Some("VALELI"),
        "default between restrictions"
    );
    assert_eq!(
        on("2010-01-01").as_deref(),
        Some("VALGOV"),
        "range start is inclusive"
    );
    assert_eq!(
        on("2014-12-31").as_deref(),
        Some("VALGOV"),
        "range end is inclusive"
    );
    assert_eq!(
        on("2015-01-01").as_deref(),
        Some("VALELI"),
        "'>D' starts the day after D"
    );
    assert_eq!(on("2015-01-02").as_deref(), Some("VALMIL"));
    assert_eq!(
        on("1998-12-31").as_deref(),
        Some("VALREB"),
        "'<D' ends the day before D"
    );
    assert_eq!(on("1999-01-01").as_deref(), Some("VALELI"));
    assert_eq!(entry(&dict, "BORIN HASK").codes[0].code, "---");
}

#[test]
fn malformed_lines_are_reported_with_file_and_line_and_the_rest_loads() {
    let (dict, errors) = parse_actors("actors.txt", ACTORS);
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let line_of = |needle: &str| {
        ACTORS
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("{needle} not in fixture"))
    };
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("actors.txt:{}: ", line_of("2004017")))),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("actors.txt:{}: ", line_of("BAD_CODE")))),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("BROKEN ACTOR") && l.contains("no code")),
        "{lines:#?}"
    );
    let mut numbers: Vec<usize> = errors.iter().map(|e| e.origin.line).collect();
    numbers.dedup();
    assert_eq!(numbers.len(), 3, "{lines:#?}");
    // Everything else loaded.
    assert_eq!(dict.entries.len(), 9);
}

#[test]
fn agents_parse_roles_plurals_and_substitution_sets() {
    let (dict, errors) = parse_agents("agents.txt", AGENTS);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().starts_with("agents.txt:12: "),
        "{}",
        errors[0]
    );
    let forms = |name: &str| -> Vec<String> {
        entry(&dict, name)
            .forms
            .iter()
            .map(|(f, _)| f.clone())
            .collect()
    };
    assert_eq!(forms("SOLDIER"), ["soldier", "soldiers"]);
    assert_eq!(forms("POLICE"), ["police"]);
    assert_eq!(forms("WILD GOOSE"), ["wild goose", "wild geese"]);
    assert_eq!(forms("AUTHORITY"), ["authority", "authorities"]);
    let chair = forms("CHAIR!PERSON!");
    for f in ["chairman", "chairmen", "chairwoman", "chairwomen"] {
        assert!(chair.contains(&f.to_string()), "{chair:?}");
    }
    assert!(forms("!MIN! OF FISHERIES").contains(&"ministry of fisheries".to_string()));
    assert_eq!(entry(&dict, "SOLDIER").codes[0].code, "MIL");
    assert_eq!(
        entry(&dict, "AID GROUP").codes[0].code,
        "NGO~",
        "prefix roles keep their '~'"
    );
    assert!(dict
        .entries
        .iter()
        .all(|e| e.forms.iter().all(|(_, r)| *r == FormRole::Agent)));
}

#[test]
fn discards_separate_story_and_sentence_level() {
    let (d, errors) = parse_discards("discards.txt", DISCARDS);
    assert!(errors.is_empty());
    assert_eq!(
        d.sentence,
        vec![vec!["CUP".to_string(), "FINAL".to_string()]]
    );
    assert_eq!(d.story.len(), 1);
    let words = ["THE", "BOX", "OFFICE", "LOVED", "IT"];
    assert_eq!(d.find(&words), Some((true, "BOX OFFICE".to_string())));
    assert_eq!(
        d.find(&["A", "CUP", "FINAL"]),
        Some((false, "CUP FINAL".to_string()))
    );
    assert_eq!(d.find(&["A", "CUP"]), None);
}

fn matches(text: &str, on: Option<NaiveDate>) -> Vec<(String, String, PhraseKind)> {
    let (mut dict, _) = parse_actors("actors.txt", ACTORS);
    dict.extend(parse_agents("agents.txt", AGENTS).0);
    let actors = TabariActors::new(&dict);
    let toks = tokenize(text, Span::new(0, text.len()));
    actors
        .find(text, &toks, on)
        .into_iter()
        .map(|m| {
            let s = Span::new(toks[m.start].span.start, toks[m.end - 1].span.end);
            (s.slice(text).to_string(), m.code, m.kind)
        })
        .collect()
}

#[test]
fn phrases_match_longest_first_with_gaps_and_dates() {
    let got = matches(
        "North Kestria police met Kestria's state-run television.",
        None,
    );
    assert_eq!(
        got,
        [
            ("North Kestria".into(), "NKS".into(), PhraseKind::Actor),
            ("police".into(), "COP".into(), PhraseKind::Agent),
            (
                "Kestria's state-run television".into(),
                "KESTV".into(),
                PhraseKind::Actor
            ),
        ]
    );
    // Plurals: generated, explicit, or none.
    let got = matches("authorities, wild geese and polices", None);
    let codes: Vec<&str> = got.iter().map(|(_, c, _)| c.as_str()).collect();
    assert_eq!(codes, ["GOV", "GSE"]);
    // Dated actors resolve on the article's date.
    assert_eq!(
        matches("President Vane spoke.", date("2012-06-01"))[0].1,
        "VALGOV"
    );
    assert_eq!(
        matches("President Vane spoke.", date("2016-06-01"))[0].1,
        "VALMIL"
    );
    // Acronyms of up to three capitals match only in capitals.
    assert_eq!(matches("the UN and un", None).len(), 1);
}

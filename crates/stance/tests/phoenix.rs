//! PETRARCH/Phoenix issue dictionaries load, and their names replace the phrases they cover.
//! Reads `../shared/eval/dictionaries/petrarch2/Phoenix.IssueCoding.txt` when present.

mod common;

use dyad_model::{ArticleId, NaiveDate};
use dyad_stance::{IssueDictionary, IssueFormat, StanceExtractor};
use std::path::Path;

#[test]
fn phoenix_issue_coding_loads_and_names_issues() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/dictionaries/petrarch2/Phoenix.IssueCoding.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!(
            "skipping: {} not readable; the shared data sits beside the workspace",
            path.display()
        );
        return;
    };
    assert_eq!(IssueFormat::detect(&text), IssueFormat::Phoenix);
    let (mut dict, errors) = IssueDictionary::builtin();
    assert!(errors.is_empty(), "{errors:?}");
    let before = dict.entries.len();
    let errors = dict.add("Phoenix.IssueCoding.txt", &text, IssueFormat::Phoenix);
    for e in &errors {
        println!("{e}");
    }
    assert!(
        dict.entries.len() > before + 2000,
        "entries: {}",
        dict.entries.len() - before
    );
    assert!(errors.is_empty(), "{} errors", errors.len());
    assert!(!dict.exclusions.is_empty());

    let extractor = StanceExtractor::new(&dict);
    let f = common::fixture();
    let text =
        "Germany opposes lifting the sanctions on Iran. Ghana backs early childhood education.";
    let date = NaiveDate::from_ymd_opt(2026, 1, 11);
    let sentences = dyad_text::split_sentences(text);
    let mentions = f.recognizer.recognize(text, &sentences, date);
    let stances = extractor.extract(text, &sentences, &mentions, date, &ArticleId("t".into()));
    let keys: Vec<&str> = stances.iter().map(|s| s.issue.as_str()).collect();
    println!("{keys:?}");
    // dyad's direction and target survive the Phoenix name.
    assert!(keys.contains(&"lift SANCTIONS IRNGOV"), "{keys:?}");
    assert!(keys.contains(&"EARLY_CHILDHOOD_EDUCATION"), "{keys:?}");
}

#[test]
fn dyad_issue_file_reports_bad_lines() {
    let mut dict = IssueDictionary::default();
    let errors = dict.add(
        "issues.txt",
        "GOOD | truce\nno bar here\ntwo words | x\n",
        IssueFormat::Dyad,
    );
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 3]);
    assert_eq!(dict.entries.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "issues.txt:2: expected 'NAME | phrase; phrase'"
    );
}

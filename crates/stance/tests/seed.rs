//! The reference article in `../shared/seed/` (read there, never copied): the stance pairs a
//! careful analyst codes from it must be found, and divergence must report them as splits.

mod common;

use dyad_model::{Position, Stance};
use dyad_stance::{divergence, select, DivergenceOptions};
use std::path::Path;

fn seed() -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/ceasefire-strains.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            println!(
                "skipping: {} not readable ({e}); the shared data sits beside the workspace",
                path.display()
            );
            None
        }
    }
}

/// The issue key both actors take a position on, found by what it must contain (actor codes
/// come from the dictionaries, which other work may refine).
fn shared_key(stances: &[Stance], wanted: impl Fn(&[&str]) -> bool) -> Option<String> {
    let keys: Vec<&str> = stances
        .iter()
        .map(|s| s.issue.as_str())
        .filter(|k| wanted(&k.split(' ').collect::<Vec<_>>()))
        .collect();
    keys.iter()
        .find(|k| {
            let by = |a: &str| stances.iter().any(|s| s.actor.code == a && s.issue == **k);
            by("USAGOV") && by("ISRGOV")
        })
        .map(|k| k.to_string())
}

#[test]
fn seed_article_stances_and_splits() {
    let Some(text) = seed() else { return };
    let date = "2026-01-11";
    let stances = common::stances(&text, date);
    for s in &stances {
        println!(
            "{:<70} {:.2} | {} | {}",
            common::render(s),
            s.strength,
            s.issue_text,
            s.cue.slice(&text)
        );
    }
    let has = |actor: &str, position: Position, issue: &str| {
        stances
            .iter()
            .any(|s| s.actor.code == actor && s.position == position && s.issue == issue)
    };
    let syria = common::code_of("Syria", date);
    let hamas = common::code_of("Hamas", date);
    let sanctions = shared_key(&stances, |w| {
        w.contains(&"lift") && w.contains(&"sanction") && w.contains(&syria.as_str())
    });
    let phase = shared_key(&stances, |w| w.contains(&"phase") && w.contains(&"second"));
    let disarm = shared_key(&stances, |w| {
        w.first() == Some(&"disarm") && w.contains(&hamas.as_str())
    });
    let pairs = [
        (
            "lifting Syria sanctions",
            sanctions,
            Position::For,
            Position::Against,
        ),
        (
            "moving to the second phase",
            phase,
            Position::For,
            Position::Against,
        ),
        (
            "Hamas disarmament as a precondition",
            disarm,
            Position::Against,
            Position::For,
        ),
    ];
    for (what, key, trump, netanyahu) in &pairs {
        let Some(key) = key else {
            panic!("no issue key shared by USAGOV and ISRGOV for {what}")
        };
        assert!(has("USAGOV", *trump, key), "USAGOV {trump} {key}");
        assert!(has("ISRGOV", *netanyahu, key), "ISRGOV {netanyahu} {key}");
    }
    assert!(
        has("USAGOV", Position::For, "INTERNATIONAL_FORCE"),
        "USAGOV for an international force"
    );
    let board = common::code_of("the Board of Peace", date);
    assert!(
        has("USAGOV", Position::For, &board),
        "USAGOV for the Board of Peace ({board})"
    );

    let report = divergence(
        &select(&stances, "USAGOV"),
        &select(&stances, "ISRGOV"),
        &DivergenceOptions::default(),
    );
    assert_eq!(report.len(), 1);
    let splits: Vec<&str> = report[0]
        .issues
        .iter()
        .filter(|i| i.split())
        .map(|i| i.issue.as_str())
        .collect();
    println!("splits: {splits:?}, score {}", report[0].score);
    for (what, key, ..) in &pairs {
        let key = key.as_deref().unwrap_or_default();
        assert!(
            splits.contains(&key),
            "{what} ({key}) is a split: {splits:?}"
        );
    }
}

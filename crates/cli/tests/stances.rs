//! End-to-end tests of `dyad stances` and `dyad divergence` on small articles written here.

use std::path::PathBuf;
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("run dyad")
}

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Two dated articles in a fresh directory.
fn corpus(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-stances-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("january.txt"),
        "January 11, 2026\n\nNetanyahu urged Trump to keep the sanctions on Syria in place. Trump rejected the request.\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("february.txt"),
        "February 3, 2026\n\nNetanyahu insists that Hamas must disarm. For Trump, Hamas disarmament cannot be allowed to delay reconstruction.\n",
    )
    .expect("write");
    dir
}

#[test]
fn stances_lists_actor_issue_position_and_evidence() {
    let dir = corpus("list");
    let out = dyad(&[
        "stances",
        "--format",
        "jsonl",
        &dir.join("january.txt").to_string_lossy(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json_lines(&out.stdout);
    let brief: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r["actor"].as_str().unwrap_or("?"),
                r["position"].as_str().unwrap_or("?"),
                r["issue"].as_str().unwrap_or("?")
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "ISRGOV against lift sanction SYRGOV",
            "USAGOV for lift sanction SYRGOV"
        ]
    );
    let first = &rows[0];
    for field in [
        "actor",
        "issue",
        "position",
        "evidence",
        "span",
        "date",
        "modality",
        "strength",
        "issue_text",
        "cue",
    ] {
        assert!(!first[field].is_null(), "field {field} in {first}");
    }
    assert_eq!(first["date"], "2026-01-11");
    assert_eq!(first["cue"], "urged Trump to");
    assert_eq!(first["issue_text"], "keep the sanctions on Syria in place");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn divergence_from_files_reports_splits_per_month() {
    let dir = corpus("split");
    let dir_arg = dir.to_string_lossy().to_string();
    let out = dyad(&[
        "divergence",
        "USAGOV",
        "ISRGOV",
        "--by",
        "month",
        "--format",
        "jsonl",
        "--from-files",
        &dir_arg,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json_lines(&out.stdout);
    let periods: Vec<(&str, u64)> = rows
        .iter()
        .filter(|r| r["kind"] == "period")
        .map(|r| {
            (
                r["period"].as_str().unwrap_or("?"),
                r["split"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(periods, [("2026-01", 1), ("2026-02", 1)]);
    let splits: Vec<&str> = rows
        .iter()
        .filter(|r| r["kind"] == "issue" && r["split"] == true)
        .map(|r| r["issue"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(splits, ["lift sanction SYRGOV", "disarm PSEREBHMS"]);
    let disarm = rows
        .iter()
        .find(|r| r["issue"] == "disarm PSEREBHMS")
        .expect("disarm row");
    assert_eq!(disarm["a_positions"][0]["position"], "against");
    assert_eq!(disarm["b_positions"][0]["position"], "for");
    assert!(disarm["b_positions"][0]["evidence"]
        .as_str()
        .unwrap_or("")
        .contains("must disarm"));

    let since = dyad(&[
        "divergence",
        "USA",
        "ISR",
        "--since",
        "2026-02-01",
        "--format",
        "jsonl",
        "--from-files",
        &dir_arg,
    ]);
    let rows = json_lines(&since.stdout);
    assert!(
        rows.iter().all(|r| r["issue"] != "lift sanction SYRGOV"),
        "--since drops January"
    );

    let table = dyad(&[
        "divergence",
        "USAGOV",
        "ISRGOV",
        "--format",
        "table",
        "--from-files",
        &dir_arg,
    ]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("2 of 2 shared issues split"), "{text}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn divergence_reads_stances_from_the_store() {
    let dir = corpus("store");
    let db = dir.join("stances.db");
    let db_arg = db.to_string_lossy().to_string();
    let ingest = dyad(&[
        "ingest",
        "--db",
        &db_arg,
        &dir.join("january.txt").to_string_lossy(),
        &dir.join("february.txt").to_string_lossy(),
    ]);
    assert_eq!(
        ingest.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let out = dyad(&[
        "divergence",
        "USAGOV",
        "ISRGOV",
        "--db",
        &db_arg,
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = json_lines(&out.stdout);
    let splits: Vec<&str> = rows
        .iter()
        .filter(|r| r["kind"] == "issue" && r["split"] == true)
        .map(|r| r["issue"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(splits.len(), 2, "{rows:?}");
    assert!(
        splits.contains(&"lift sanction SYRGOV") && splits.contains(&"disarm PSEREBHMS"),
        "{splits:?}"
    );
    let sanctions = rows
        .iter()
        .find(|r| r["issue"] == "lift sanction SYRGOV")
        .expect("row");
    assert_eq!(sanctions["b_positions"][0]["cue"], "urged Trump to");
    assert!(sanctions["b_positions"][0]["evidence"]
        .as_str()
        .unwrap_or("")
        .starts_with("Netanyahu urged"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn divergence_needs_a_source_of_stances() {
    let out = dyad(&["divergence", "USAGOV", "ISRGOV"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from-files"));
}

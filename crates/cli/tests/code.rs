//! End-to-end tests of `dyad code`: the binary on files, as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("run dyad")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn events(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// `SOURCE TARGET CODE modality date` for each event, for compact assertions.
fn triples(events: &[serde_json::Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}",
                e["source"].as_str().unwrap_or("?"),
                e["target"].as_str().unwrap_or("?"),
                e["code"].as_str().unwrap_or("?"),
                e["modality"].as_str().unwrap_or("?"),
                e["date"].as_str().unwrap_or("-"),
            )
        })
        .collect()
}

fn has(events: &[String], prefix: &str) -> bool {
    events.iter().any(|e| e.starts_with(prefix))
}

/// The reference article in ../shared: the three events the foundation promises, with their
/// evidence and the dateline's date, nothing from the footer, no duplicates from the title.
#[test]
fn reference_article_is_coded_right() {
    let path = repo().join("../shared/seed/ceasefire-strains.txt");
    if !path.exists() {
        println!("skipped: {} not found (no ../shared)", path.display());
        return;
    }
    let path = path.to_string_lossy().to_string();
    let out = dyad(&["code", "--format", "jsonl", &path]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let evs = events(&out.stdout);
    let got = triples(&evs);
    assert!(has(&got, "ISRGOV USAGOV 02"), "{got:#?}");
    assert!(has(&got, "USAGOV ISRGOV 12"), "{got:#?}");
    assert!(
        got.iter()
            .any(|e| e.starts_with("USAGOV SYRGOV 0354 intended")
                || e.starts_with("USAGOV SYRGOV 085 intended")),
        "{got:#?}"
    );
    assert!(got.iter().all(|e| e.ends_with("2026-01-11")), "{got:#?}");
    let evidence = |prefix: &str| -> String {
        evs.iter()
            .zip(&got)
            .find(|(_, t)| t.starts_with(prefix))
            .map(|(e, _)| e["evidence"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    assert!(evidence("ISRGOV USAGOV 02").contains("urged Trump to retain"));
    assert!(evidence("USAGOV ISRGOV 12").contains("rejected the request"));
    assert!(evidence("USAGOV SYRGOV").contains("plans to lift the measures"));
    for e in &evs {
        let ev = e["evidence"].as_str().unwrap_or("");
        assert!(
            !ev.contains("Leave a Reply") && !ev.contains("Required fields"),
            "{ev}"
        );
    }
    let mut unique = got.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), got.len(), "duplicate events: {got:#?}");
}

/// The same behaviour on a scraped dump written for this test: dateline, title three times,
/// comment form.
#[test]
fn scraped_dump_with_dateline_title_and_footer() {
    let dir = tempdir("scraped");
    let file = dir.join("dump.txt");
    std::fs::write(
        &file,
        "February 2, 2026\nCairo Talks Stall\n\nCairo Talks Stall\n\nCairo Talks Stall- Egypt urged Israel to reopen the crossing on Monday. Israel rejected the request.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\nEgypt condemned Israel.\n",
    )
    .expect("write fixture");
    let out = dyad(&[
        "code",
        "--format",
        "jsonl",
        file.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let got = triples(&events(&out.stdout));
    assert_eq!(
        got,
        [
            "EGYGOV ISRGOV 0255 asserted 2026-02-02",
            "ISRGOV EGYGOV 120 asserted 2026-02-02"
        ]
    );
}

/// Bad inputs: each named on stderr in one line, the good input still coded, exit status 1.
#[test]
fn bad_inputs_are_named_and_the_rest_is_processed() {
    let dir = tempdir("bad");
    let good = dir.join("good.txt");
    std::fs::write(&good, "Iran criticized Iraq on Monday.").expect("write");
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3]).expect("write");
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Iran critic\xe9 Iraq").expect("write");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let huge = dir.join("huge.jsonl");
    let mut line = b"{\"text\": \"".to_vec();
    line.resize(100 * 1024 * 1024, b'a');
    line.extend_from_slice(b"\"}\n");
    std::fs::write(&huge, &line).expect("write");
    let missing = dir.join("missing.txt");
    let subdir = dir.join("sub");
    std::fs::create_dir_all(&subdir).expect("mkdir");
    let p = |p: &Path| p.to_string_lossy().to_string();
    let out = dyad(&[
        "code",
        "--format",
        "jsonl",
        &p(&missing),
        &p(&binary),
        &p(&latin1),
        &p(&empty),
        &p(&huge),
        &p(&subdir),
        &p(&good),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for (path, problem) in [
        (&missing, "no such file"),
        (&binary, "binary data"),
        (&latin1, "invalid UTF-8 at byte 11"),
        (&empty, "empty document"),
        (&subdir, "directory contains no readable files"),
    ] {
        let expected = format!("{}: {problem}", path.display());
        assert!(
            stderr.lines().any(|l| l.contains(&expected)),
            "{expected} in {stderr}"
        );
    }
    assert!(
        stderr.contains(&format!("{}#1: document is", huge.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let got = triples(&events(&out.stdout));
    assert_eq!(got, ["IRNGOV IRQGOV 111 asserted -"]);
}

#[test]
fn usage_error_exits_2() {
    let out = dyad(&["code", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = dyad(&["no-such-command"]);
    assert_eq!(out.status.code(), Some(2));
}

/// JSON Lines from standard input, with ids and dates, in TSV.
#[test]
fn json_lines_on_stdin_as_tsv() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["code", "--format", "tsv", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(
            b"{\"id\": \"w1\", \"date\": \"2025-06-01\", \"text\": \"Turkey condemned Sweden.\"}\n",
        )
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert!(lines
        .next()
        .is_some_and(|h| h.starts_with("article\tsentence\tdate\tsource")));
    let row: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    assert_eq!(
        &row[..6],
        ["w1", "0", "2025-06-01", "TURGOV", "SWEGOV", "111"]
    );
}

/// A scratch directory removed when the test ends, pass or fail: one test writes 100 MB.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

fn tempdir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("dyad-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

/// The bundled examples, coded, compared with a reviewed snapshot so that any change in
/// output shows up as a readable diff. Refresh with `UPDATE_EXPECT=1 cargo test`.
#[test]
fn examples_snapshot() {
    let examples = repo().join("examples");
    let out = dyad(&[
        "code",
        "--format",
        "tsv",
        examples.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let root = format!("{}/", repo().display());
    let got: String = text
        .lines()
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let keep = [0, 1, 2, 3, 4, 5, 10, 13];
            let row: Vec<&str> = keep.iter().filter_map(|&i| cols.get(i).copied()).collect();
            format!("{}\n", row.join("\t").replace(&root, ""))
        })
        .collect();
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/examples.tsv");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&snapshot, &got).expect("write snapshot");
        return;
    }
    let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert_eq!(
        got, want,
        "examples output changed; review and refresh with UPDATE_EXPECT=1"
    );
}

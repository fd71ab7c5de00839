//! The PETRARCH evaluations on the shared gold sets, with floors at the figures reached (see
//! docs/PERFORMANCE.md). Skipped, saying so, when `../shared` is absent.

use dyad_eval::petrarch::{run_gsr, run_unit, GsrDictionaries};

fn shared(name: &str) -> Option<std::path::PathBuf> {
    let dir = dyad_eval::shared_dir()?.join("eval").join(name);
    dir.is_dir().then_some(dir)
}

#[test]
fn petrarch_unit_suite_stays_above_its_floor() {
    let Some(dir) = shared("petrarch-unit") else {
        println!("skipped: ../shared/eval/petrarch-unit not found");
        return;
    };
    let report = run_unit(&dir).expect("suite reads");
    assert_eq!(report.records.len(), 279, "the 279 active records");
    assert!(report.exact() >= 265, "{report}");
}

#[test]
fn petrarch_gsr_with_phoenix_stays_above_its_floor() {
    let Some(dir) = shared("petrarch-gsr") else {
        println!("skipped: ../shared/eval/petrarch-gsr not found");
        return;
    };
    let report = run_gsr(&dir, GsrDictionaries::Phoenix).expect("gold and dictionaries read");
    assert_eq!(report.records.len(), 78);
    assert!(report.triples.f1() >= 0.43, "{report}");
}

//! The shared benchmarks as regression tests: extraction and date quality must not fall below
//! the targets. They need `../shared` beside the workspace and skip, saying why, without it.

use dyad_eval::shared_dir;

#[test]
fn extraction_benchmark_meets_target() {
    let Some(shared) = shared_dir() else {
        println!("skipped: ../shared (the benchmark data) is not beside the workspace");
        return;
    };
    let report = dyad_eval::extraction::run(&shared.join("eval/extraction"), 2)
        .expect("extraction benchmark runs");
    println!("{report}");
    assert_eq!(report.pages, 181);
    assert!(report.f1 >= 0.965, "{report}");
}

#[test]
fn dates_benchmark_meets_target() {
    let Some(shared) = shared_dir() else {
        println!("skipped: ../shared (the benchmark data) is not beside the workspace");
        return;
    };
    let report =
        dyad_eval::dates::run(&shared.join("eval/dates"), 2).expect("dates benchmark runs");
    println!("{report}");
    assert_eq!(report.pages, 999);
    assert!(report.f1 >= 0.95, "{report}");
}

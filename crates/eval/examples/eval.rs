//! Runs an evaluation and prints its report.
//!
//! `cargo run --release -p dyad-eval --example eval -- extraction|dates [DIR] [THREADS] [--worst N] [--dump DIR]`
//!
//! DIR defaults to `../shared/eval/<name>` beside the workspace; THREADS to 1. `--worst N` lists
//! the N lowest-scoring pages; `--dump DIR` writes each page's extracted text there.

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut worst = 0usize;
    let mut dump: Option<PathBuf> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--worst" => {
                worst = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(20);
                i += 1;
            }
            "--dump" => {
                dump = args.get(i + 1).map(PathBuf::from);
                i += 1;
            }
            a => positional.push(a.to_owned()),
        }
        i += 1;
    }
    let which = positional
        .first()
        .cloned()
        .unwrap_or_else(|| "extraction".into());
    let dir = positional
        .get(1)
        .map(PathBuf::from)
        .or_else(|| dyad_eval::shared_dir().map(|d| d.join("eval").join(&which)));
    let Some(dir) = dir else {
        eprintln!("no data directory: pass one, or put shared/ beside the workspace");
        std::process::exit(2);
    };
    let threads = positional.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let result = match which.as_str() {
        "dates" => dyad_eval::dates::run(&dir, threads),
        _ => dyad_eval::extraction::run_with_outputs(&dir, threads).map(|(r, outs)| {
            if let Some(d) = &dump {
                let _ = std::fs::create_dir_all(d);
                for (name, text) in outs {
                    let _ = std::fs::write(d.join(format!("{name}.txt")), text);
                }
            }
            r
        }),
    };
    match result {
        Ok(report) => {
            if worst > 0 {
                let mut pages = report.per_page.clone();
                pages.sort_by(|a, b| (a.precision + a.recall).total_cmp(&(b.precision + b.recall)));
                for p in pages.iter().take(worst) {
                    println!(
                        "{:.3} {:.3} {} expected {} found {}",
                        p.precision, p.recall, p.name, p.expected, p.found
                    );
                }
            }
            println!("{report}");
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

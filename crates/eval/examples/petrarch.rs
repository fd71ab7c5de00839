//! Runs a PETRARCH evaluation and prints its report with the failing records.
//!
//! `cargo run -p dyad-eval --example petrarch -- unit|gsr|gsr-dyad [DIR]`

use dyad_eval::petrarch::{run_gsr, run_unit, GsrDictionaries};
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map_or("unit", String::as_str);
    let name = if which == "unit" {
        "petrarch-unit"
    } else {
        "petrarch-gsr"
    };
    let dir = args
        .get(1)
        .map(PathBuf::from)
        .or_else(|| dyad_eval::shared_dir().map(|d| d.join("eval").join(name)));
    let Some(dir) = dir else {
        eprintln!("no data directory: pass one, or put shared/ beside the workspace");
        std::process::exit(2);
    };
    let report = match which {
        "gsr" => run_gsr(&dir, GsrDictionaries::Phoenix),
        "gsr-dyad" => run_gsr(&dir, GsrDictionaries::Dyad),
        _ => run_unit(&dir),
    };
    match report {
        Ok(r) => {
            for e in r.dictionary_errors.iter().take(20) {
                eprintln!("dictionary: {e}");
            }
            for f in r.failures() {
                let show = |s: &std::collections::BTreeSet<(String, String, String)>| {
                    s.iter()
                        .map(|(a, b, c)| format!("{a}/{b}/{c}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                println!(
                    "FAIL {}: {}\n     expected {}\n     got      {}",
                    f.id,
                    f.text.trim(),
                    show(&f.expected),
                    show(&f.got)
                );
            }
            println!("{r}");
            println!(
                "  dictionaries read and parsed in {:.0} ms, compiled in {:.0} ms",
                r.parse_time.as_secs_f64() * 1000.0,
                r.compile_time.as_secs_f64() * 1000.0
            );
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

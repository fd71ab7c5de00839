//! Codes sentences given on standard input with the Phoenix + CAMEO.2.0 dictionaries and
//! prints each event with the pattern that coded it.

use std::io::BufRead;

fn main() {
    let dir = dyad_eval::shared_dir()
        .expect("shared")
        .join("eval/dictionaries/petrarch2");
    let files = dyad_eval::petrarch::load_phoenix(&dir).expect("dictionaries");
    let (coder, _) =
        dyad_coder::tabari::TabariCoder::new(&files.actors, &files.verbs, files.discards);
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        println!("{line}");
        for e in dyad_eval::petrarch::explain(&coder, line.trim(), None) {
            println!("   {e}");
        }
    }
}

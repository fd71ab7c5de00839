//! Every verb pattern in `data/verbs.txt` carries an example sentence; dyad must code each
//! example with its pattern's code. This keeps the dictionary and the coder honest together.

use dyad_coder::VerbDictionary;
use dyad_model::{Article, NaiveDate};
use dyad_pipeline::Engine;

#[test]
fn verb_pattern_examples_are_coded_with_their_code() {
    let (engine, _) = Engine::builtin();
    let (verbs, errors) = VerbDictionary::builtin();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut failures = Vec::new();
    let mut checked = 0;
    for pattern in &verbs.patterns {
        let Some(example) = &pattern.example else {
            continue;
        };
        checked += 1;
        let mut article = Article::new("example", example.as_str());
        article.published = NaiveDate::from_ymd_opt(2026, 1, 11);
        let analysis = engine.analyse(article);
        let coded = analysis
            .events
            .iter()
            .any(|e| e.code == pattern.code || e.code.as_str().starts_with(pattern.code.as_str()));
        if !coded {
            let got: Vec<String> = analysis
                .events
                .iter()
                .map(|e| format!("{}>{} {}", e.source.code, e.target.code, e.code))
                .collect();
            failures.push(format!(
                "{} [{}] {:?}: {example} → {got:?}",
                pattern.origin,
                pattern.code,
                pattern.text()
            ));
        }
    }
    println!("{checked} examples checked, {} not coded", failures.len());
    let rate = failures.len() as f64 / checked.max(1) as f64;
    // Floor, not a wish: raise it as patterns and coder improve.
    assert!(
        rate <= 0.0,
        "{} of {checked} examples not coded with their code:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

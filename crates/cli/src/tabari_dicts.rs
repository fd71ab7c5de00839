//! `--tabari-actors`, `--tabari-agents`, `--tabari-verbs`, `--tabari-discards`: dictionaries in
//! TABARI / PETRARCH syntax (Phoenix, CAMEO.2.0, PETR.Validate.*). With any of them the engine
//! codes with TABARI semantics; dyad's built-in dictionaries (and `--actors-dict`,
//! `--verbs-dict` files) are merged in unless `--no-builtin` is given.

use crate::DictionaryArgs;
use anyhow::{Context, Result};
use dyad_actors::tabari::{from_dyad, parse_actors, parse_agents, parse_discards, Discards};
use dyad_actors::{Dictionary, Format as ActorFormat};
use dyad_coder::tabari::{TabariCoder, TabariVerbs};
use dyad_coder::VerbDictionary;
use dyad_pipeline::Engine;
use std::path::Path;

fn read(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {what} {}", path.display()))
}

/// The TABARI-compatible engine, when any TABARI dictionary was given.
pub(crate) fn build(args: &DictionaryArgs) -> Result<Option<Engine>> {
    if args.tabari_actors.is_empty()
        && args.tabari_agents.is_empty()
        && args.tabari_verbs.is_empty()
        && args.tabari_discards.is_empty()
    {
        return Ok(None);
    }
    let mut problems: Vec<String> = Vec::new();
    let mut actors = Dictionary::default();
    let mut verbs = TabariVerbs::default();
    let mut discards = Discards::default();
    if !args.no_builtin {
        let (own, _) = Dictionary::builtin();
        actors.extend(from_dyad(&own));
        let (own_verbs, _) = VerbDictionary::builtin();
        verbs.extend(TabariVerbs::from_dyad(&own_verbs));
    }
    for path in &args.actor_dicts {
        let name = path.display().to_string();
        let mut d = Dictionary::default();
        let errs = d.add(
            &name,
            &read(path, "actor dictionary")?,
            ActorFormat::from_file_name(&name),
        );
        problems.extend(errs.iter().map(|e| format!("error: {e}")));
        actors.extend(from_dyad(&d));
    }
    for path in &args.verb_dicts {
        let name = path.display().to_string();
        let mut d = VerbDictionary::default();
        let errs = d.add(&name, &read(path, "verb dictionary")?);
        problems.extend(errs.iter().map(|e| format!("error: {e}")));
        verbs.extend(TabariVerbs::from_dyad(&d));
    }
    for path in &args.tabari_actors {
        let (d, errs) = parse_actors(
            &path.display().to_string(),
            &read(path, "TABARI actor dictionary")?,
        );
        problems.extend(errs.iter().map(|e| format!("error: {e}")));
        actors.extend(d);
    }
    for path in &args.tabari_agents {
        let (d, errs) = parse_agents(
            &path.display().to_string(),
            &read(path, "TABARI agent dictionary")?,
        );
        problems.extend(errs.iter().map(|e| format!("error: {e}")));
        actors.extend(d);
    }
    for path in &args.tabari_verbs {
        let errs = verbs.add(
            &path.display().to_string(),
            &read(path, "TABARI verb dictionary")?,
        );
        problems.extend(errs.iter().map(|e| format!("error: {e}")));
    }
    for path in &args.tabari_discards {
        let (d, errs) = parse_discards(
            &path.display().to_string(),
            &read(path, "TABARI discard file")?,
        );
        problems.extend(errs.iter().map(|e| format!("error: {e}")));
        discards.extend(d);
    }
    let (coder, warnings) = TabariCoder::new(&actors, &verbs, discards);
    for line in problems
        .into_iter()
        .chain(warnings.into_iter().map(|w| format!("warning: {w}")))
    {
        eprintln!("dyad: {line}");
    }
    Ok(Some(Engine::tabari(coder)))
}

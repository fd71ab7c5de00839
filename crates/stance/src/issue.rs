//! Issues: from the words of an object phrase to a key that groups the same issue across
//! wordings and articles, and the dictionaries that name issues.
//!
//! # Normalisation
//!
//! An issue phrase ("lifting certain US sanctions on Damascus", "the second phase of the
//! US-backed Gaza framework") becomes a key in these steps:
//!
//! 1. **Compounds and names.** "US-backed", "Egyptian-brokered": an actor joined to a
//!    participle by a hyphen only qualifies the noun and is dropped. "a body known as the
//!    Board of Peace" is the named thing. Other hyphenated words are joined ("cease-fire" →
//!    "ceasefire", "post-war" → "postwar").
//! 2. **Wrappers.** Motion toward an issue is the issue: "progress toward X", "moving quickly
//!    to X", "transition into X", "implementation of X" → X. Obstruction of an issue is being
//!    against it: "slowing X", "delays in X" → X with the position reversed. A wrapper with
//!    nothing after it ("delays", "momentum", "moving too quickly") is *bare*: the extractor
//!    gives it the article's current destination (the X of the last "progress toward X").
//! 3. **Words.** Actor mentions become their codes. Stop words go: determiners,
//!    prepositions, pronouns, auxiliaries, adverbs, hedges ("precise", "certain", "proposed")
//!    and wrapper nouns ("mechanics", "issue", "question"). Every other word is lemmatised by
//!    suffix rules and a small table ([`crate::lemma`]); nominalisations become verbs
//!    ("disarmament" → "disarm").
//! 4. **Phrases.** "relinquish/surrender/lay down/hand over weapons" → "disarm". With a
//!    restriction noun (sanctions, embargo, measures): "ease/remove/end" → "lift", "relief" →
//!    "lift", and "retain/keep/maintain/extend" → "lift" with the position reversed. An actor
//!    right before the restriction noun is the one imposing it and is dropped when the phrase
//!    names a target ("US sanctions on Damascus" → "sanction SYRGOV").
//! 5. **Named issues.** Dictionary phrases (dyad's `data/issues.txt`, Phoenix issue files)
//!    are matched over the lemmas, longest first, and replaced by the issue name.
//! 6. **Agents.** For acts whose doer matters (disarm, withdraw, release, recognise, …) the
//!    doer's code joins the key: "Hamas disarms" and "Israel withdraws" are distinct issues,
//!    while "lift sanctions on Syria" is one issue whoever lifts.
//! 7. **Order.** Predicates first in text order, then the other lemmas sorted, then actor
//!    codes sorted; duplicates removed. So "disarm Hamas", "Hamas disarmament", "until Hamas
//!    is disarmed" all give `disarm PSEREBHMS`, and "the Gaza framework's second phase" meets
//!    "the second phase of the Gaza framework" as `framework gaza phase second`.

use crate::lemma::lemma;
use crate::lexicon::{
    AGENT_PREDICATES, BE_FORMS, DETERMINERS, MODALS, PREPOSITIONS, RESTRICTION_NOUNS,
};
use std::collections::HashMap;

/// dyad's own issue dictionary, compiled in.
const BUILTIN: &str = include_str!("../../../data/issues.txt");
const BUILTIN_NAME: &str = "data/issues.txt";

/// A word or an actor in an issue phrase, as the extractor hands it over.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    Word {
        lower: String,
        /// The extractor knows this word is the verb of a verb phrase.
        verb: bool,
        /// Inside quotation marks: a coined term, kept word for word.
        quoted: bool,
    },
    Actor(String),
}

impl Item {
    pub(crate) fn word(lower: &str) -> Item {
        Item::Word {
            lower: lower.to_string(),
            verb: false,
            quoted: false,
        }
    }
    fn lower(&self) -> &str {
        match self {
            Item::Word { lower, .. } => lower,
            _ => "",
        }
    }
}

/// The key of an issue phrase and what normalisation learned on the way.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct IssueKey {
    pub key: String,
    /// The phrase is against its key ("slowing X", "retain sanctions").
    pub flip: bool,
    /// A motion wrapper named its destination: "progress toward X".
    pub destination: bool,
    /// Only a wrapper, no content: "delays", "momentum".
    pub bare: bool,
    pub predicates: Vec<String>,
}

/// Hyphen compounds that only qualify: "US-backed plan".
const COMPOUND_PARTICIPLES: &[&str] = &[
    "backed",
    "led",
    "brokered",
    "sponsored",
    "proposed",
    "drafted",
    "mediated",
    "funded",
    "supported",
    "designed",
    "authored",
    "engineered",
    "imposed",
    "controlled",
    "allied",
    "aligned",
    "friendly",
    "based",
];

const MOTION: &[&str] = &[
    "progress",
    "move",
    "movement",
    "transition",
    "proceed",
    "advance",
    "momentum",
    "push",
    "implement",
    "go",
    "shift",
    "march",
    "headway",
    "rush",
    "hurry",
];

const OBSTRUCTION: &[&str] = &[
    "slow",
    "slowdown",
    "delay",
    "stall",
    "block",
    "obstruct",
    "obstruction",
    "hinder",
    "impede",
    "derail",
    "undermine",
    "sabotage",
    "stonewall",
    "hold",
    "holdup",
    "freeze",
    "stymie",
    "thwart",
    "torpedo",
    "frustrate",
];

const PARTICLES: &[&str] = &[
    "up", "down", "out", "off", "over", "forward", "ahead", "back", "away", "along",
];

const PRONOUNS: &[&str] = &[
    "it",
    "they",
    "them",
    "he",
    "she",
    "him",
    "we",
    "us",
    "i",
    "you",
    "itself",
    "themselves",
    "himself",
    "herself",
    "one",
    "ones",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "there",
    "here",
];

const CONJUNCTIONS: &[&str] = &[
    "and", "or", "but", "nor", "&", "as", "than", "whether", "if", "then", "until", "unless",
    "because", "while", "when",
];

const ADVERBS: &[&str] = &[
    "too", "very", "so", "soon", "ever", "now", "just", "also", "still", "even", "again",
    "further", "more", "most", "less", "least", "much", "rather", "quite", "fast", "once",
    "already", "yet", "not", "never", "no", "only", "first", "instead", "long", "well",
];

/// Adjectives that hedge or qualify without changing the issue.
const HEDGES: &[&str] = &[
    "precise",
    "exact",
    "specific",
    "certain",
    "full",
    "complete",
    "total",
    "entire",
    "possible",
    "potential",
    "eventual",
    "proposed",
    "planned",
    "so-called",
    "actual",
    "real",
    "genuine",
    "credible",
    "current",
    "broader",
    "broad",
    "wider",
    "wide",
    "various",
    "several",
    "many",
    "other",
    "same",
    "own",
    "immediate",
    "rapid",
    "swift",
    "quick",
    "early",
    "meaningful",
    "serious",
    "greater",
    "further",
    "continued",
    "ongoing",
    "existing",
    "remaining",
    "new",
];

/// Nouns that wrap an issue without being it when a preposition follows: "the mechanics of
/// Hamas disarmament", "the proposal for an international force". Alone ("rejected the
/// proposal") they are the issue.
const WRAPPER_NOUNS: &[&str] = &[
    "mechanics",
    "detail",
    "details",
    "issue",
    "question",
    "matter",
    "idea",
    "prospect",
    "prospects",
    "notion",
    "possibility",
    "effort",
    "efforts",
    "attempt",
    "attempts",
    "bid",
    "aspect",
    "aspects",
    "terms",
    "plan",
    "plans",
    "decision",
    "option",
    "need",
    "goal",
    "push",
    "case",
    "timing",
    "pace",
    "speed",
    "proposal",
    "proposals",
    "call",
    "calls",
    "demand",
    "demands",
    "request",
    "prospect",
    "principle",
    "concept",
];

/// Words of time: "host talks next month" is about the talks.
const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "night",
    "overnight",
    "next",
    "last",
    "past",
    "recent",
    "coming",
    "day",
    "days",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words that never carry an issue: "keep sanctions in place".
const FILLER_NOUNS: &[&str] = &[
    "place", "way", "kind", "sort", "type", "form", "thing", "things", "lot",
];

const DISARM_VERBS: &[&str] = &[
    "relinquish",
    "surrender",
    "give",
    "lay",
    "hand",
    "turn",
    "decommission",
    "hand over",
];
const WEAPON_NOUNS: &[&str] = &["weapon", "arm", "arsenal", "gun"];
const LIFT_SYNONYMS: &[&str] = &[
    "lift", "ease", "remove", "drop", "scrap", "end", "rescind", "waive", "suspend", "relax",
    "roll", "loosen", "relief", "unfreeze",
];
const KEEP_VERBS: &[&str] = &[
    "retain", "maintain", "keep", "preserve", "extend", "renew", "uphold", "continue", "prolong",
];

/// A content word's lemma, or `None` for a stop word.
pub(crate) fn content_lemma(lower: &str) -> Option<String> {
    let w = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    if w.is_empty() {
        return None;
    }
    let is_stop = DETERMINERS.contains(&w)
        || PREPOSITIONS.contains(&w)
        || BE_FORMS.contains(&w)
        || MODALS.contains(&w)
        || PRONOUNS.contains(&w)
        || CONJUNCTIONS.contains(&w)
        || ADVERBS.contains(&w)
        || HEDGES.contains(&w)
        || PARTICLES.contains(&w)
        || FILLER_NOUNS.contains(&w)
        || TIME_WORDS.contains(&w)
        || (w.len() == 4 && w.starts_with(['1', '2']) && w.chars().all(|c| c.is_ascii_digit()))
        || matches!(
            w,
            "has" | "have" | "had" | "do" | "does" | "did" | "to" | "'s" | "s" | "not"
        )
        || (w.ends_with("ly")
            && w.len() > 4
            && !matches!(
                w,
                "ally"
                    | "italy"
                    | "family"
                    | "assembly"
                    | "supply"
                    | "rally"
                    | "anomaly"
                    | "monopoly"
            ));
    if is_stop {
        return None;
    }
    Some(lemma(w))
}

fn is_nominalisation(word: &str) -> bool {
    let lower = word.to_lowercase();
    let l = lemma(&lower);
    l != lower && !lower.ends_with('s') && !lower.ends_with("ed") && !lower.ends_with("ing")
}

/// One lemma of a phrase after stop words are gone.
#[derive(Clone, Debug)]
struct Lem {
    text: String,
    predicate: bool,
    actor: bool,
    named: bool,
    /// Index of the item it came from, for adjacency tests.
    at: usize,
}

/// Compiled issue dictionaries: phrase lemmas to issue names. Immutable, shared.
#[derive(Clone, Debug, Default)]
pub struct IssueIndex {
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
    exclusions: HashMap<String, Vec<Vec<String>>>,
}

impl IssueIndex {
    pub fn new(dict: &IssueDictionary) -> IssueIndex {
        let mut index = IssueIndex::default();
        for entry in &dict.entries {
            let Some(first) = entry.lemmas.first() else {
                continue;
            };
            let list = index.by_first.entry(first.clone()).or_default();
            if !list.iter().any(|(p, _)| *p == entry.lemmas) {
                list.push((entry.lemmas.clone(), entry.name.clone()));
            }
        }
        for list in index.by_first.values_mut() {
            // Longest first; the earlier entry wins a tie (stable sort).
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        for ex in &dict.exclusions {
            if let Some(first) = ex.first() {
                index
                    .exclusions
                    .entry(first.clone())
                    .or_default()
                    .push(ex.clone());
            }
        }
        index
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Whether `text` is, as a whole, a phrase of a named issue. Some actors are also what
    /// actors take positions on ("an international peacekeeping force"): there the issue wins.
    pub(crate) fn is_issue_phrase(&self, text: &str) -> bool {
        let lemmas = phrase_lemmas(text);
        lemmas.first().is_some_and(|first| {
            self.by_first
                .get(first)
                .is_some_and(|list| list.iter().any(|(p, _)| *p == lemmas))
        })
    }

    /// Replaces dictionary phrases in `lems` (words only) by their issue names.
    fn apply(&self, lems: &mut Vec<Lem>) {
        if self.by_first.is_empty() {
            return;
        }
        let mut excluded = vec![false; lems.len()];
        for i in 0..lems.len() {
            if let Some(list) = self.exclusions.get(&lems[i].text) {
                for ex in list {
                    if matches_at(lems, i, ex) {
                        excluded[i..i + ex.len()].iter_mut().for_each(|e| *e = true);
                    }
                }
            }
        }
        let mut out: Vec<Lem> = Vec::with_capacity(lems.len());
        let mut i = 0;
        while i < lems.len() {
            let hit = (!lems[i].actor && !excluded[i])
                .then(|| self.by_first.get(&lems[i].text))
                .flatten()
                .and_then(|list| list.iter().find(|(p, _)| matches_at(lems, i, p)));
            match hit {
                Some((phrase, name)) => {
                    out.push(Lem {
                        text: name.clone(),
                        predicate: false,
                        actor: false,
                        named: true,
                        at: lems[i].at,
                    });
                    i += phrase.len();
                }
                None => {
                    out.push(lems[i].clone());
                    i += 1;
                }
            }
        }
        *lems = out;
    }
}

fn matches_at(lems: &[Lem], i: usize, phrase: &[String]) -> bool {
    i + phrase.len() <= lems.len()
        && phrase
            .iter()
            .zip(&lems[i..])
            .all(|(p, l)| !l.actor && !l.named && *p == l.text)
}

/// Removes "US-backed"-style compounds and joins hyphenated words.
fn join_compounds(items: &[Item]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut i = 0;
    while i < items.len() {
        let hyphen = |k: usize| matches!(items.get(k), Some(Item::Word { lower, .. }) if lower == "-" || lower == "–");
        if matches!(items[i], Item::Actor(_)) && hyphen(i + 1) {
            if let Some(Item::Word { lower, .. }) = items.get(i + 2) {
                if COMPOUND_PARTICIPLES.contains(&lower.as_str()) {
                    i += 3;
                    continue;
                }
            }
        }
        if let (
            Some(Item::Word {
                lower: a, quoted, ..
            }),
            true,
            Some(Item::Word { lower: b, .. }),
        ) = (out.last(), hyphen(i), items.get(i + 1))
        {
            if a.chars().all(char::is_alphanumeric)
                && b.chars().all(char::is_alphanumeric)
                && !a.is_empty()
            {
                let joined = format!("{a}{b}");
                let quoted = *quoted;
                out.pop();
                out.push(Item::Word {
                    lower: joined,
                    verb: false,
                    quoted,
                });
                i += 2;
                continue;
            }
        }
        out.push(items[i].clone());
        i += 1;
    }
    out
}

/// "a multinational body known as the Board of Peace" → "the Board of Peace".
fn apply_naming(items: Vec<Item>) -> Vec<Item> {
    for (i, it) in items.iter().enumerate() {
        let w = it.lower();
        let len = match w {
            "known" if items.get(i + 1).is_some_and(|n| n.lower() == "as") => 2,
            "called" | "dubbed" | "named" => 1,
            _ => continue,
        };
        let rest: Vec<Item> = items[i + len..].to_vec();
        if rest.iter().any(|r| matches!(r, Item::Actor(_)))
            || rest
                .iter()
                .any(|r| matches!(r, Item::Word { quoted: true, .. }))
        {
            return rest;
        }
    }
    items
}

fn lemma_of_item(it: &Item) -> Option<String> {
    match it {
        Item::Word { lower, .. } => content_lemma(lower),
        Item::Actor(_) => None,
    }
}

/// Strips motion and obstruction wrappers from the front. Returns the rest, whether the
/// position reverses, whether a destination was named and whether nothing is left.
fn strip_wrappers(mut items: Vec<Item>) -> (Vec<Item>, bool, bool, bool) {
    let mut flip = false;
    let mut destination = false;
    let mut wrapped = false;
    // From the first content word on.
    while let Some(first) = items
        .iter()
        .position(|it| !matches!(it, Item::Word { .. }) || lemma_of_item(it).is_some())
    {
        let Item::Word {
            lower,
            quoted: false,
            ..
        } = &items[first]
        else {
            break;
        };
        let l = lemma(lower);
        let obstruction = OBSTRUCTION.contains(&l.as_str());
        let motion = MOTION.contains(&l.as_str());
        if !obstruction && !motion {
            break;
        }
        // "hold" is only a wrapper as "hold up".
        if l == "hold" && items.get(first + 1).map(Item::lower) != Some("up") {
            break;
        }
        wrapped = true;
        if obstruction {
            flip = !flip;
        }
        let mut k = first + 1;
        let skippable = |it: &Item| match it {
            Item::Word { lower, .. } => {
                let w = lower.as_str();
                (w.ends_with("ly") && w.len() > 4)
                    || ADVERBS.contains(&w)
                    || PARTICLES.contains(&w)
                    || matches!(w, "too" | "fast" | "slowly" | "quickly")
            }
            _ => false,
        };
        while k < items.len() && skippable(&items[k]) {
            k += 1;
        }
        if motion {
            // "transition Gaza into X": the destination follows the preposition.
            let prep = items[k..]
                .iter()
                .position(|it| {
                    matches!(
                        it.lower(),
                        "to" | "toward" | "towards" | "into" | "onto" | "on" | "with" | "of" | "in"
                    )
                })
                .map(|p| p + k);
            match prep {
                Some(p) if p == k || l == "transition" => {
                    k = p + 1;
                    destination = true;
                }
                _ if l == "implement" => destination = k < items.len(),
                _ => {}
            }
        } else {
            // "delays in X", "delay of X", "slowing X".
            while k < items.len() && matches!(items[k].lower(), "in" | "of" | "to" | "on" | "up") {
                k += 1;
            }
        }
        items = items[k..].to_vec();
    }
    let bare = wrapped
        && items
            .iter()
            .all(|it| matches!(it, Item::Word { .. }) && lemma_of_item(it).is_none());
    if bare {
        destination = false;
    }
    (items, flip, destination, bare)
}

/// Builds the key of an issue phrase. `agent` is the doer of the act when the phrase's
/// grammar names one outside it (the subject of "Hamas would relinquish …", the addressee of
/// "urged Israel to withdraw").
///
/// With `agent_always` the agent joins whatever the act: what is feared or doubted of an
/// actor ("wary that Beijing could retaliate") is that actor's act.
pub(crate) fn key_of(
    items: &[Item],
    agent: Option<&str>,
    agent_always: bool,
    index: &IssueIndex,
) -> Option<IssueKey> {
    let items = apply_naming(join_compounds(items));
    let (items, mut flip, destination, bare) = strip_wrappers(items);
    if bare {
        return Some(IssueKey {
            key: String::new(),
            flip,
            destination: false,
            bare: true,
            predicates: Vec::new(),
        });
    }
    let mut lems: Vec<Lem> = Vec::new();
    for (at, it) in items.iter().enumerate() {
        match it {
            Item::Actor(code) => lems.push(Lem {
                text: code.clone(),
                predicate: false,
                actor: true,
                named: false,
                at,
            }),
            Item::Word {
                lower,
                verb,
                quoted,
            } => {
                if *quoted {
                    let w: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
                    if !w.is_empty() {
                        lems.push(Lem {
                            text: w,
                            predicate: false,
                            actor: false,
                            named: false,
                            at,
                        });
                    }
                    continue;
                }
                let wrapper = WRAPPER_NOUNS.contains(&lower.as_str())
                    && matches!(
                        items.get(at + 1).map(Item::lower),
                        Some("of" | "for" | "to" | "on" | "about" | "over" | "regarding")
                    );
                if wrapper {
                    continue;
                }
                let Some(l) = content_lemma(lower) else {
                    continue;
                };
                // A participle after "is" is a passive verb: "until Hamas is disarmed".
                let passive = at > 0
                    && BE_FORMS.contains(&items[at - 1].lower())
                    && (lower.ends_with("ed") || lower.ends_with("en"));
                let predicate =
                    *verb || passive || lower.ends_with("ing") || is_nominalisation(lower);
                lems.push(Lem {
                    text: l,
                    predicate,
                    actor: false,
                    named: false,
                    at,
                });
            }
        }
    }
    rewrite_phrases(&mut lems, &mut flip);
    drop_fillers(&mut lems);
    if let Some(agent) = agent {
        let acts = agent_always
            || lems
                .iter()
                .any(|l| l.predicate && AGENT_PREDICATES.contains(&l.text.as_str()));
        if acts && !lems.iter().any(|l| l.actor && l.text == agent) {
            lems.push(Lem {
                text: agent.to_string(),
                predicate: false,
                actor: true,
                named: false,
                at: usize::MAX,
            });
        }
    }
    index.apply(&mut lems);
    let mut predicates: Vec<String> = Vec::new();
    let mut content: Vec<String> = Vec::new();
    let mut actors: Vec<String> = Vec::new();
    for l in &lems {
        let list = if l.actor {
            &mut actors
        } else if l.predicate {
            &mut predicates
        } else {
            &mut content
        };
        if !list.contains(&l.text) {
            list.push(l.text.clone());
        }
    }
    content.retain(|c| !predicates.contains(c));
    content.sort();
    actors.sort();
    let words: Vec<String> = predicates
        .iter()
        .chain(&content)
        .chain(&actors)
        .cloned()
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(IssueKey {
        key: words.join(" "),
        flip,
        destination,
        bare: false,
        predicates,
    })
}

/// Verb phrases that only say something happens: "the ban to take effect", "come into force".
fn drop_fillers(lems: &mut Vec<Lem>) {
    const FILLERS: &[[&str; 2]] = &[
        ["take", "effect"],
        ["come", "force"],
        ["come", "effect"],
        ["enter", "force"],
        ["take", "place"],
    ];
    let mut i = 0;
    while i + 1 < lems.len() {
        if FILLERS
            .iter()
            .any(|[a, b]| lems[i].text == *a && lems[i + 1].text == *b)
        {
            lems.drain(i..i + 2);
        } else {
            i += 1;
        }
    }
}

/// Phrase-level rewrites: disarmament wordings, restriction antonyms, imposers.
fn rewrite_phrases(lems: &mut Vec<Lem>, flip: &mut bool) {
    // "relinquish their weapons", "lay down arms" → "disarm".
    let mut i = 0;
    while i + 1 < lems.len() {
        if DISARM_VERBS.contains(&lems[i].text.as_str())
            && !lems[i].actor
            && WEAPON_NOUNS.contains(&lems[i + 1].text.as_str())
        {
            lems[i].text = "disarm".to_string();
            lems[i].predicate = true;
            lems.remove(i + 1);
        }
        i += 1;
    }
    for l in lems.iter_mut() {
        if matches!(l.text.as_str(), "weapon" | "arm") && l.predicate {
            l.predicate = false;
        }
    }
    let Some(r) = lems
        .iter()
        .position(|l| !l.actor && RESTRICTION_NOUNS.contains(&l.text.as_str()))
    else {
        return;
    };
    for l in lems.iter_mut() {
        if l.actor {
            continue;
        }
        if LIFT_SYNONYMS.contains(&l.text.as_str()) {
            l.text = "lift".to_string();
            l.predicate = true;
        } else if KEEP_VERBS.contains(&l.text.as_str()) {
            l.text = "lift".to_string();
            l.predicate = true;
            *flip = !*flip;
        }
    }
    // The imposer: an actor right before the restriction noun when a target follows it.
    let target_after = lems[r + 1..].iter().any(|l| l.actor);
    if target_after && r > 0 && lems[r - 1].actor && lems[r - 1].at + 1 == lems[r].at {
        lems.remove(r - 1);
    }
}

/// Where a dictionary entry came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueEntry {
    pub name: String,
    /// The phrase as written.
    pub phrase: String,
    /// The phrase's lemmas, as issue phrases are reduced.
    pub lemmas: Vec<String>,
    pub file: String,
    pub line: usize,
}

/// Issue dictionaries, parsed: phrase → named issue. Build with [`IssueDictionary::builtin`]
/// and [`IssueDictionary::add`], compile with [`IssueIndex::new`].
#[derive(Clone, Debug, Default)]
pub struct IssueDictionary {
    pub entries: Vec<IssueEntry>,
    /// Phrases that must not be read as an issue (Phoenix `~` lines), as lemmas.
    pub exclusions: Vec<Vec<String>>,
}

/// The layout of an issue dictionary file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueFormat {
    /// dyad's own: `NAME | phrase; phrase; ...`.
    Dyad,
    /// PETRARCH/Phoenix `IssueCoding`: `phrase [NAME]`, `n:` noun marks, `+` joins, `~`
    /// exclusions, `<ISSUE ...>` section tags.
    Phoenix,
}

impl IssueFormat {
    /// Phoenix when the text has `phrase [NAME]` lines or `<ISSUE` tags, dyad's otherwise.
    pub fn detect(text: &str) -> IssueFormat {
        let phoenix = text.lines().take(200).any(|l| {
            let l = l.trim();
            l.starts_with("<ISSUE") || (l.ends_with(']') && l.contains(" [") && !l.contains('|'))
        });
        if phoenix {
            IssueFormat::Phoenix
        } else {
            IssueFormat::Dyad
        }
    }
}

/// A malformed dictionary line: reported with file and line, skipped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct IssueDictionaryError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl IssueDictionary {
    /// dyad's built-in issues (`data/issues.txt`, compiled in).
    pub fn builtin() -> (IssueDictionary, Vec<IssueDictionaryError>) {
        let mut dict = IssueDictionary::default();
        let errors = dict.add(BUILTIN_NAME, BUILTIN, IssueFormat::Dyad);
        (dict, errors)
    }

    /// Parses `text` (read by the caller from `file`) and adds its entries after the ones
    /// already here, which win ties. Pure: returns the lines it could not read.
    pub fn add(
        &mut self,
        file: &str,
        text: &str,
        format: IssueFormat,
    ) -> Vec<IssueDictionaryError> {
        match format {
            IssueFormat::Dyad => self.add_dyad(file, text),
            IssueFormat::Phoenix => self.add_phoenix(file, text),
        }
    }

    fn push(&mut self, file: &str, line: usize, name: &str, phrase: &str) -> Result<(), String> {
        let lemmas = phrase_lemmas(phrase);
        if lemmas.is_empty() {
            return Err(format!("phrase '{phrase}' has only stop words"));
        }
        self.entries.push(IssueEntry {
            name: name.to_string(),
            phrase: phrase.to_string(),
            lemmas,
            file: file.to_string(),
            line,
        });
        Ok(())
    }

    fn add_dyad(&mut self, file: &str, text: &str) -> Vec<IssueDictionaryError> {
        let mut errors = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| IssueDictionaryError {
                file: file.to_string(),
                line: n + 1,
                message,
            };
            let Some((name, phrases)) = line.split_once('|') else {
                errors.push(err("expected 'NAME | phrase; phrase'".to_string()));
                continue;
            };
            let name = name.trim();
            if name.is_empty() || name.contains(char::is_whitespace) {
                errors.push(err(format!("issue name '{name}' must be one word")));
                continue;
            }
            for phrase in phrases.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                if let Err(m) = self.push(file, n + 1, name, phrase) {
                    errors.push(err(m));
                }
            }
        }
        errors
    }

    fn add_phoenix(&mut self, file: &str, text: &str) -> Vec<IssueDictionaryError> {
        let mut errors = Vec::new();
        // A line with no `[NAME]` belongs to its section's category.
        let mut category: Option<String> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if let Some(tag) = line.strip_prefix("<ISSUE") {
                category = tag
                    .split("CATEGORY=\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .map(str::to_string);
                continue;
            }
            if line.starts_with("</ISSUE") {
                category = None;
                continue;
            }
            if line.is_empty() || line.starts_with('#') || line.starts_with('<') {
                continue;
            }
            let err = |message: String| IssueDictionaryError {
                file: file.to_string(),
                line: n + 1,
                message,
            };
            if let Some(ex) = line.strip_prefix('~') {
                for variant in phoenix_variants(ex) {
                    let lemmas = phrase_lemmas(&variant);
                    if !lemmas.is_empty() {
                        self.exclusions.push(lemmas);
                    }
                }
                continue;
            }
            let (phrase, name) = match (line.find('['), line.find(']')) {
                (Some(open), Some(close)) if open < close => {
                    (line[..open].trim(), line[open + 1..close].trim())
                }
                (None, None) => match &category {
                    Some(c) => (line, c.as_str()),
                    None => {
                        errors.push(err("expected 'phrase [ISSUE_NAME]' (or a line inside an <ISSUE CATEGORY=...> section)".to_string()));
                        continue;
                    }
                },
                _ => {
                    errors.push(err("expected 'phrase [ISSUE_NAME]'".to_string()));
                    continue;
                }
            };
            if name.is_empty() || phrase.is_empty() {
                errors.push(err("empty phrase or issue name".to_string()));
                continue;
            }
            for variant in phoenix_variants(phrase) {
                if let Err(m) = self.push(file, n + 1, name, &variant) {
                    errors.push(err(m));
                }
            }
        }
        errors
    }
}

/// Phoenix phrase syntax: `n:` marks a noun and `v:` a verb (plurals match anyway, since phrases are
/// lemmatised), `+` joins two words written either apart or hyphenated ("pre+k": "pre k",
/// "prek" — dyad joins hyphenated words).
fn phoenix_variants(phrase: &str) -> Vec<String> {
    let clean: String = phrase.replace("n:", "").replace("v:", "");
    if !clean.contains('+') {
        return vec![clean];
    }
    vec![clean.replace('+', " "), clean.replace('+', "")]
}

/// The lemmas of a dictionary phrase, reduced as issue phrases are.
pub(crate) fn phrase_lemmas(phrase: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in phrase.split_whitespace() {
        // Hyphenated words join, as in text.
        let joined: String = w
            .split(['-', '–'])
            .collect::<Vec<_>>()
            .concat()
            .to_lowercase();
        if let Some(l) = content_lemma(&joined) {
            words.push(l);
        }
    }
    // The same phrase rewrites as text gets, so "relinquish weapons" meets "disarm".
    let mut lems: Vec<Lem> = words
        .into_iter()
        .enumerate()
        .map(|(at, text)| Lem {
            text,
            predicate: false,
            actor: false,
            named: false,
            at,
        })
        .collect();
    let mut flip = false;
    rewrite_phrases(&mut lems, &mut flip);
    lems.into_iter().map(|l| l.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<Item> {
        // Upper-case words stand for actor codes in these tests.
        text.split_whitespace()
            .map(|w| {
                if w.len() >= 3 && w.chars().all(|c| c.is_ascii_uppercase()) {
                    Item::Actor(w.to_string())
                } else if let Some(v) = w.strip_prefix('^') {
                    Item::Word {
                        lower: v.to_string(),
                        verb: true,
                        quoted: false,
                    }
                } else {
                    Item::word(w)
                }
            })
            .collect()
    }

    fn check(input: &str, expected: &str) {
        let (dict, errors) = IssueDictionary::builtin();
        assert!(errors.is_empty(), "{errors:?}");
        let index = IssueIndex::new(&dict);
        let got = key_of(&items(input), None, false, &index).map(|k| {
            let mut s = k.key;
            if k.flip {
                s.push_str(" [flip]");
            }
            if k.bare {
                s.push_str("[bare]");
            }
            s
        });
        assert_eq!(got.as_deref().unwrap_or("-"), expected, "key of {input:?}");
    }

    #[test]
    fn wordings_of_one_issue_share_a_key() {
        check("lifting sanctions on SYRGOV", "lift sanction SYRGOV");
        check("^lift the sanctions on SYRGOV", "lift sanction SYRGOV");
        check("SYRGOV sanctions relief", "lift sanction SYRGOV");
        check("easing sanctions against SYRGOV", "lift sanction SYRGOV");
        check(
            "^retain certain USAGOV sanctions on SYRGOV",
            "lift sanction SYRGOV [flip]",
        );
        check(
            "keeping sanctions on SYRGOV in place",
            "lift sanction SYRGOV [flip]",
        );
        check("until PSEREBHMS is disarmed", "disarm PSEREBHMS");
        check("PSEREBHMS disarmament", "disarm PSEREBHMS");
        check("^disarm PSEREBHMS", "disarm PSEREBHMS");
        check("PSEREBHMS ^relinquish their weapons", "disarm PSEREBHMS");
        check(
            "the precise mechanics of PSEREBHMS disarmament",
            "disarm PSEREBHMS",
        );
        check(
            "the second phase of the USAGOV - backed Gaza framework",
            "framework gaza phase second",
        );
        check(
            "the Gaza framework 's second phase",
            "framework gaza phase second",
        );
        check(
            "progress toward the second phase of the Gaza framework",
            "framework gaza phase second",
        );
        check(
            "moving quickly to the second phase of the Gaza framework",
            "framework gaza phase second",
        );
        check(
            "slowing progress toward the second phase",
            "phase second [flip]",
        );
        check("delays", " [flip][bare]");
        check("moving too quickly", "[bare]");
        check(
            "an international peacekeeping presence",
            "INTERNATIONAL_FORCE",
        );
        check("international peacekeeping forces", "INTERNATIONAL_FORCE");
        check(
            "a proposed multinational body known as the IGOBOP",
            "IGOBOP",
        );
        check("a cease - fire with PSEREBHMS", "CEASEFIRE PSEREBHMS");
        check("the truce", "CEASEFIRE");
        check("easing pressure too soon", "ease pressure");
        check("it", "-");
    }
}

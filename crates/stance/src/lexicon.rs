//! The words stances are read from: cue phrases with what they say about the holder's
//! position, and the closed-class lists the extractor and the issue keys reason with.
//!
//! Cue vocabulary is the language of stance reporting in news ("urged", "is wary that",
//! "From X's perspective"), not of any one story; adding a cue is a one-line change here.

pub use dyad_text::grammar::{DEFINITES, PREPOSITIONS};

use dyad_model::Position;

/// What follows a cue and how it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A noun phrase or gerund: "backs lifting sanctions", "opposes the plan".
    Object,
    /// An obstruction verb used by an actor: "is slowing progress toward X". Only finite or
    /// progressive uses count, so "delays risk undermining X" does not make a stance.
    Obstruction,
    /// An infinitive: "is eager to transition Gaza", "refused to lift".
    Infinitive,
    /// A request to another actor: "urged Trump to retain". Remembered so that "rejected the
    /// request" can take the opposite side.
    Request,
    /// A clause the holder asserts, fears or doubts: "insists that", "is wary that".
    Clause(Mode),
    /// "views X as Y", "sees X as Y".
    View,
}

/// How a clause complement is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Believed, argued or insisted: evaluative structure inside the clause gives the stance.
    Assert,
    /// Feared: the feared cause or act is what the holder is against.
    Fear,
    /// Doubted: the holder doubts it will happen, so is against it, except that doubting an
    /// adversary will concede ("skeptical that Hamas would ever relinquish its weapons") is
    /// wanting the concession.
    Doubt,
}

/// What negation does to a cue. Documented in the crate docs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OnNegation {
    /// The position reverses, at the given share of the strength: "does not oppose" is a
    /// weak "for" (tolerance), "does not support" a moderate "against".
    Flip(f32),
    /// Nothing is said about the holder's position: "did not urge", "has no plans to".
    Void,
}

/// The grammatical mood a cue lends its stance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mood {
    Plain,
    /// Plans and pledges: modality `intended`.
    Intended,
    /// Beliefs: the writer reports a state of mind, modality `reported`.
    Belief,
}

/// One cue: a pattern, how its complement is read, the position and strength it gives.
#[derive(Clone, Copy, Debug)]
pub struct CueDef {
    /// Words in order. The first is a verb lemma (all its inflections match) unless the cue
    /// is adjectival; `@` is a slot for the addressee actor(s).
    pub pattern: &'static str,
    pub adjective: bool,
    pub kind: Kind,
    pub position: Position,
    pub strength: f32,
    pub negation: OnNegation,
    pub mood: Mood,
}

const fn verb(
    pattern: &'static str,
    kind: Kind,
    position: Position,
    strength: f32,
    negation: OnNegation,
) -> CueDef {
    CueDef {
        pattern,
        adjective: false,
        kind,
        position,
        strength,
        negation,
        mood: Mood::Plain,
    }
}

const fn adj(
    pattern: &'static str,
    kind: Kind,
    position: Position,
    strength: f32,
    negation: OnNegation,
) -> CueDef {
    CueDef {
        pattern,
        adjective: true,
        kind,
        position,
        strength,
        negation,
        mood: Mood::Plain,
    }
}

const fn intended(c: CueDef) -> CueDef {
    CueDef {
        mood: Mood::Intended,
        ..c
    }
}

const fn belief(c: CueDef) -> CueDef {
    CueDef {
        mood: Mood::Belief,
        ..c
    }
}

use Kind::*;
use OnNegation::*;
use Position::{Against, For};

const WEAK_FOR: OnNegation = Flip(0.4);
const WITHHELD: OnNegation = Flip(0.6);

/// Every cue dyad knows. The longest pattern matching at a token wins.
pub const CUES: &[CueDef] = &[
    // Requests: the holder wants the addressee to act.
    verb("urge @ to", Request, For, 0.8, Void),
    verb("call on @ to", Request, For, 0.8, Void),
    verb("call upon @ to", Request, For, 0.8, Void),
    verb("press @ to", Request, For, 0.8, Void),
    verb("push @ to", Request, For, 0.8, Void),
    verb("pressure @ to", Request, For, 0.8, Void),
    verb("pressure @ into", Request, For, 0.8, Void),
    verb("ask @ to", Request, For, 0.6, Void),
    verb("want @ to", Request, For, 0.7, Void),
    verb("encourage @ to", Request, For, 0.6, Void),
    verb("implore @ to", Request, For, 0.8, Void),
    verb("appeal to @ to", Request, For, 0.7, Void),
    verb("demand that", Clause(Mode::Assert), For, 0.9, Void),
    // Support.
    verb("urge", Object, For, 0.8, Void),
    verb("call for", Object, For, 0.8, Void),
    verb("push for", Object, For, 0.8, Void),
    verb("press for", Object, For, 0.8, Void),
    verb("lobby for", Object, For, 0.7, Void),
    verb("argue for", Object, For, 0.7, WITHHELD),
    verb("demand", Object, For, 0.9, Void),
    verb("insist on", Object, For, 0.9, Void),
    verb("back", Object, For, 0.7, WITHHELD),
    verb("support", Object, For, 0.7, WITHHELD),
    verb("endorse", Object, For, 0.7, WITHHELD),
    verb("favor", Object, For, 0.7, WITHHELD),
    verb("favour", Object, For, 0.7, WITHHELD),
    verb("champion", Object, For, 0.8, WITHHELD),
    verb("advocate", Object, For, 0.8, WITHHELD),
    verb("welcome", Object, For, 0.6, WITHHELD),
    verb("praise", Object, For, 0.6, WITHHELD),
    verb("hail", Object, For, 0.6, WITHHELD),
    verb("applaud", Object, For, 0.6, WITHHELD),
    verb("commend", Object, For, 0.6, WITHHELD),
    verb("embrace", Object, For, 0.6, WITHHELD),
    verb("prioritize", Object, For, 0.8, WITHHELD),
    verb("prioritise", Object, For, 0.8, WITHHELD),
    verb("seek", Object, For, 0.7, WITHHELD),
    verb("want", Object, For, 0.7, WITHHELD),
    verb("focus on", Object, For, 0.6, Void),
    adj("focused on", Object, For, 0.6, Void),
    adj("committed to", Object, For, 0.8, WITHHELD),
    adj("open to", Object, For, 0.3, WITHHELD),
    adj("in favor of", Object, For, 0.7, WITHHELD),
    adj("in favour of", Object, For, 0.7, WITHHELD),
    adj("supportive of", Object, For, 0.7, WITHHELD),
    verb("press ahead with", Object, For, 0.8, Void),
    verb("push ahead with", Object, For, 0.8, Void),
    intended(verb("move ahead with", Object, For, 0.8, Void)),
    intended(verb("move forward with", Object, For, 0.8, Void)),
    // Opposition.
    verb("oppose", Object, Against, 0.8, WEAK_FOR),
    adj("opposed to", Object, Against, 0.8, WEAK_FOR),
    verb("reject", Object, Against, 0.8, WEAK_FOR),
    verb("resist", Object, Against, 0.7, WEAK_FOR),
    verb("object to", Object, Against, 0.7, WEAK_FOR),
    verb("condemn", Object, Against, 0.7, WEAK_FOR),
    verb("denounce", Object, Against, 0.7, WEAK_FOR),
    verb("criticize", Object, Against, 0.6, WEAK_FOR),
    verb("criticise", Object, Against, 0.6, WEAK_FOR),
    verb("rule out", Object, Against, 0.8, WEAK_FOR),
    verb("veto", Object, Against, 0.9, WEAK_FOR),
    verb("argue against", Object, Against, 0.7, WEAK_FOR),
    verb("push back against", Object, Against, 0.7, WEAK_FOR),
    verb("balk at", Object, Against, 0.6, WEAK_FOR),
    verb("dismiss", Object, Against, 0.6, WEAK_FOR),
    verb("refuse", Object, Against, 0.8, WEAK_FOR),
    verb("turn down", Object, Against, 0.8, WEAK_FOR),
    adj("skeptical of", Object, Against, 0.6, WEAK_FOR),
    adj("sceptical of", Object, Against, 0.6, WEAK_FOR),
    adj("skeptical about", Object, Against, 0.6, WEAK_FOR),
    adj("sceptical about", Object, Against, 0.6, WEAK_FOR),
    adj("wary of", Object, Against, 0.5, WEAK_FOR),
    adj("hostile to", Object, Against, 0.7, WEAK_FOR),
    // Obstruction by the holder.
    verb("slow", Obstruction, Against, 0.7, Void),
    verb("stall", Obstruction, Against, 0.7, Void),
    verb("delay", Obstruction, Against, 0.7, Void),
    verb("block", Obstruction, Against, 0.8, Void),
    verb("obstruct", Obstruction, Against, 0.8, Void),
    verb("hinder", Obstruction, Against, 0.7, Void),
    verb("impede", Obstruction, Against, 0.7, Void),
    verb("derail", Obstruction, Against, 0.8, Void),
    verb("undermine", Obstruction, Against, 0.7, Void),
    verb("sabotage", Obstruction, Against, 0.8, Void),
    verb("stonewall", Obstruction, Against, 0.7, Void),
    // Infinitives.
    adj("eager to", Infinitive, For, 0.7, WITHHELD),
    adj("keen to", Infinitive, For, 0.7, WITHHELD),
    adj("determined to", Infinitive, For, 0.8, WITHHELD),
    adj("willing to", Infinitive, For, 0.4, WITHHELD),
    adj("ready to", Infinitive, For, 0.5, WITHHELD),
    adj("prepared to", Infinitive, For, 0.5, WITHHELD),
    adj("reluctant to", Infinitive, Against, 0.6, WEAK_FOR),
    adj("unwilling to", Infinitive, Against, 0.7, WEAK_FOR),
    adj("loath to", Infinitive, Against, 0.6, WEAK_FOR),
    adj("hesitant to", Infinitive, Against, 0.5, WEAK_FOR),
    verb("hesitate to", Infinitive, Against, 0.5, WEAK_FOR),
    verb("want to", Infinitive, For, 0.7, WITHHELD),
    verb("seek to", Infinitive, For, 0.7, WITHHELD),
    verb("hope to", Infinitive, For, 0.6, Void),
    verb("aim to", Infinitive, For, 0.7, Void),
    verb("push to", Infinitive, For, 0.8, Void),
    verb("refuse to", Infinitive, Against, 0.8, WEAK_FOR),
    verb("decline to", Infinitive, Against, 0.7, WEAK_FOR),
    intended(verb("plan to", Infinitive, For, 0.7, Void)),
    intended(verb("intend to", Infinitive, For, 0.7, Void)),
    intended(verb("vow to", Infinitive, For, 0.8, Void)),
    intended(verb("pledge to", Infinitive, For, 0.8, Void)),
    intended(verb("promise to", Infinitive, For, 0.8, Void)),
    intended(verb("offer to", Infinitive, For, 0.6, Void)),
    intended(verb("threaten to", Infinitive, For, 0.6, Void)),
    intended(verb("move to", Infinitive, For, 0.6, Void)),
    intended(verb("move ahead with plans to", Infinitive, For, 0.8, Void)),
    intended(verb(
        "move forward with plans to",
        Infinitive,
        For,
        0.8,
        Void,
    )),
    intended(verb(
        "press ahead with plans to",
        Infinitive,
        For,
        0.8,
        Void,
    )),
    intended(verb("push ahead with plans to", Infinitive, For, 0.8, Void)),
    // Clauses.
    verb("insist that", Clause(Mode::Assert), For, 0.9, WITHHELD),
    verb("insist", Clause(Mode::Assert), For, 0.9, WITHHELD),
    verb("argue that", Clause(Mode::Assert), For, 0.7, WITHHELD),
    verb("argue", Clause(Mode::Assert), For, 0.7, WITHHELD),
    verb("contend that", Clause(Mode::Assert), For, 0.7, WITHHELD),
    verb("maintain that", Clause(Mode::Assert), For, 0.7, WITHHELD),
    verb("stress that", Clause(Mode::Assert), For, 0.7, WITHHELD),
    verb("say", Clause(Mode::Assert), For, 0.5, WITHHELD),
    verb("say that", Clause(Mode::Assert), For, 0.5, WITHHELD),
    verb("hope that", Clause(Mode::Assert), For, 0.6, Void),
    verb("hope", Clause(Mode::Assert), For, 0.6, Void),
    belief(verb("believe", Clause(Mode::Assert), For, 0.6, WITHHELD)),
    belief(verb(
        "believe that",
        Clause(Mode::Assert),
        For,
        0.6,
        WITHHELD,
    )),
    belief(verb("think", Clause(Mode::Assert), For, 0.5, WITHHELD)),
    belief(adj(
        "convinced that",
        Clause(Mode::Assert),
        For,
        0.7,
        WITHHELD,
    )),
    adj("wary that", Clause(Mode::Fear), Against, 0.5, WEAK_FOR),
    adj("worried that", Clause(Mode::Fear), Against, 0.5, WEAK_FOR),
    adj("concerned that", Clause(Mode::Fear), Against, 0.5, WEAK_FOR),
    adj("afraid that", Clause(Mode::Fear), Against, 0.5, WEAK_FOR),
    verb("fear that", Clause(Mode::Fear), Against, 0.5, WEAK_FOR),
    verb("fear", Clause(Mode::Fear), Against, 0.5, WEAK_FOR),
    verb("warn that", Clause(Mode::Fear), Against, 0.6, WEAK_FOR),
    adj(
        "skeptical that",
        Clause(Mode::Doubt),
        Against,
        0.6,
        WEAK_FOR,
    ),
    adj(
        "sceptical that",
        Clause(Mode::Doubt),
        Against,
        0.6,
        WEAK_FOR,
    ),
    adj("doubtful that", Clause(Mode::Doubt), Against, 0.6, WEAK_FOR),
    adj(
        "unconvinced that",
        Clause(Mode::Doubt),
        Against,
        0.6,
        WEAK_FOR,
    ),
    verb("doubt that", Clause(Mode::Doubt), Against, 0.6, WEAK_FOR),
    verb("doubt", Clause(Mode::Doubt), Against, 0.6, WEAK_FOR),
    // Views.
    verb("view", View, For, 0.6, WITHHELD),
    verb("see", View, For, 0.6, WITHHELD),
    verb("regard", View, For, 0.6, WITHHELD),
];

/// Frames that open a sentence and give its content to a holder: "From X's perspective,",
/// "In X's calculus,", "For X,". The word after the possessive.
pub const FRAME_NOUNS: &[&str] = &[
    "perspective",
    "standpoint",
    "viewpoint",
    "view",
    "calculus",
    "calculation",
    "calculations",
    "eyes",
    "mind",
    "thinking",
    "estimation",
    "assessment",
    "judgment",
    "judgement",
    "reckoning",
    "worldview",
    "telling",
    "account",
    "analysis",
    "opinion",
];

/// Verbs of saying or believing that may stand in a parenthetical: ", US officials argue,".
pub const PARENTHETICAL_VERBS: &[&str] = &[
    "argue",
    "argues",
    "argued",
    "say",
    "says",
    "said",
    "believe",
    "believes",
    "believed",
    "insist",
    "insists",
    "insisted",
    "contend",
    "contends",
    "contended",
    "warn",
    "warns",
    "warned",
    "maintain",
    "maintains",
    "maintained",
    "think",
    "thinks",
    "thought",
    "add",
    "added",
    "adds",
];

pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "any", "no", "every", "each", "another", "such", "whose", "some", "all", "both",
    "either", "neither",
];

pub const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "remain", "remains", "remained",
    "seem", "seems", "seemed", "appear", "appears", "appeared", "stay", "stays", "stayed",
    "become", "becomes", "became", "grew", "grow", "grows", "'s", "'re",
];

pub const MODALS: &[&str] = &[
    "can", "could", "would", "will", "may", "might", "must", "should", "shall", "cannot", "'ll",
    "'d",
];

pub const NEGATIONS: &[&str] = &["not", "never", "no", "neither", "nor", "cannot"];

/// Words that open a new clause inside a sentence; an issue phrase ends before them.
pub const CLAUSE_OPENERS: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "because",
    "while",
    "although",
    "though",
    "whereas",
    "when",
    "whenever",
    "if",
    "unless",
    "since",
    "until",
    "as",
    "where",
    "whether",
    "so",
    "but",
    "hoping",
    "saying",
    "arguing",
    "warning",
    "insisting",
    "adding",
    "noting",
    "according",
    "even",
    "rather",
    "after",
    "amid",
    "despite",
    "following",
    "during",
    "before",
    "without",
];

/// Markers of a condition on a position: "only if Hamas disarms", "unless", "until".
pub const CONDITION_MARKERS: &[&[&str]] = &[
    &["only", "if"],
    &["only", "when"],
    &["only", "after"],
    &["only", "once"],
    &["provided", "that"],
    &["provided"],
    &["as", "long", "as"],
    &["so", "long", "as"],
    &["on", "condition", "that"],
    &["unless"],
    &["until"],
    &["if"],
];

/// Hearsay markers: a stance in their sentence is reported.
pub const REPORTED_CUES: &[&str] = &[
    "reportedly",
    "allegedly",
    "purportedly",
    "apparently",
    "supposedly",
    "rumoured",
    "rumored",
];

pub const INTENSIFIERS: &[&str] = &[
    "deeply",
    "strongly",
    "firmly",
    "adamantly",
    "flatly",
    "vehemently",
    "fiercely",
    "staunchly",
    "resolutely",
    "categorically",
    "fully",
    "repeatedly",
    "unequivocally",
];

pub const HEDGES: &[&str] = &[
    "somewhat",
    "cautiously",
    "tentatively",
    "quietly",
    "privately",
    "partly",
];

/// Participles that attach a component to an issue: "a phase built around X, supported by
/// Y and overseen by Z". The holder's position on the whole extends to each component.
pub const COMPONENT_OPENERS: &[&[&str]] = &[
    &["built", "around"],
    &["built", "on"],
    &["based", "on"],
    &["centered", "on"],
    &["centred", "on"],
    &["anchored", "by"],
    &["supported", "by"],
    &["backed", "by"],
    &["overseen", "by"],
    &["led", "by"],
    &["run", "by"],
    &["monitored", "by"],
    &["guaranteed", "by"],
    &["enforced", "by"],
    &["including"],
    &["involving"],
];

/// "a body known as the Board of Peace": the name stands for the phrase.
pub const NAMING: &[&[&str]] = &[&["known", "as"], &["called"], &["dubbed"], &["named"]];

/// Predicates of harm: "delays risk unraveling", "could embolden". A subject they follow is
/// something the holder is against.
pub const NEGATIVE_PREDICATES: &[&str] = &[
    "risk",
    "unravel",
    "undermine",
    "destabilize",
    "destabilise",
    "endanger",
    "jeopardize",
    "jeopardise",
    "embolden",
    "fuel",
    "derail",
    "lock",
    "trap",
    "harm",
    "hurt",
    "damage",
    "collapse",
    "fail",
    "backfire",
    "provoke",
    "inflame",
    "threaten",
    "doom",
    "sabotage",
    "stall",
    "delay",
    "reward",
    "legitimize",
    "legitimise",
    "weaken",
    "erode",
    "imperil",
    "prolong",
    "worsen",
    "escalate",
];

/// Predicates of benefit: "alignment can marginalize extremists".
pub const POSITIVE_PREDICATES: &[&str] = &[
    "help",
    "bring",
    "secure",
    "ensure",
    "marginalize",
    "marginalise",
    "stabilize",
    "stabilise",
    "deliver",
    "work",
    "succeed",
    "achieve",
    "strengthen",
    "foster",
    "promote",
    "advance",
    "resolve",
    "end",
    "reduce",
    "curb",
    "deter",
    "guarantee",
    "protect",
    "preserve",
    "sustain",
    "pave",
    "unlock",
    "create",
    "build",
    "provide",
    "isolate",
    "contain",
    "defeat",
    "calm",
    "heal",
    "boost",
    "improve",
    "enable",
];

/// Evaluative words after "is"/"as": "the deal is a mistake", "views X as essential".
pub const NEGATIVE_EVALUATIONS: &[&str] = &[
    "mistake",
    "error",
    "threat",
    "danger",
    "dangerous",
    "betrayal",
    "capitulation",
    "surrender",
    "non-starter",
    "nonstarter",
    "premature",
    "unacceptable",
    "reckless",
    "temporary",
    "unsustainable",
    "doomed",
    "futile",
    "counterproductive",
    "naive",
    "risky",
    "illegitimate",
    "folly",
    "disaster",
    "trap",
    "red",
    "unworkable",
    "unrealistic",
    "irresponsible",
    "provocation",
];

pub const POSITIVE_EVALUATIONS: &[&str] = &[
    "essential",
    "necessary",
    "vital",
    "crucial",
    "key",
    "priority",
    "opportunity",
    "cornerstone",
    "success",
    "best",
    "needed",
    "important",
    "indispensable",
    "critical",
    "imperative",
    "only",
    "breakthrough",
    "step",
    "victory",
    "urgent",
    "welcome",
    "useful",
    "valuable",
    "acceptable",
    "legitimate",
    "achievable",
    "realistic",
];

/// "A are prerequisites for B": A is a precondition the holder sets, B what it is for.
pub const PRECONDITION_NOUNS: &[&str] = &[
    "prerequisite",
    "prerequisites",
    "precondition",
    "preconditions",
    "condition",
    "conditions",
    "requirement",
    "requirements",
    "pre-condition",
    "pre-conditions",
];

/// Verbs of concession an adversary might make: doubting it will is wanting it.
pub const CONCESSION_VERBS: &[&str] = &[
    "relinquish",
    "surrender",
    "give",
    "lay",
    "hand",
    "abandon",
    "disarm",
    "dismantle",
    "withdraw",
    "release",
    "free",
    "recognize",
    "recognise",
    "comply",
    "honor",
    "honour",
    "abide",
    "accept",
    "renounce",
    "cede",
    "stop",
    "halt",
    "end",
    "cease",
    "return",
    "pull",
    "demilitarize",
    "decommission",
    "respect",
    "agree",
    "concede",
    "yield",
    "evacuate",
    "leave",
    "step",
    "resign",
    "negotiate",
    "compromise",
    "lift",
    "ease",
    "drop",
    "remove",
    "unfreeze",
    "allow",
    "permit",
    "reopen",
    "open",
];

/// Predicates whose agent belongs in the issue key: "Hamas disarms" and "Israel withdraws"
/// are different issues, while "lift sanctions on Syria" is the same whoever lifts them.
pub const AGENT_PREDICATES: &[&str] = &[
    "disarm",
    "withdraw",
    "release",
    "recognize",
    "resign",
    "comply",
    "return",
    "abandon",
    "dismantle",
    "relinquish",
    "surrender",
    "demilitarize",
    "evacuate",
    "leave",
    "retreat",
    "renounce",
    "cede",
    "concede",
    "step",
    "rearm",
    "attack",
    "invade",
    "annex",
    "occupy",
    "negotiate",
    "join",
    "quit",
    "exit",
    "resume",
    "launch",
    "test",
    "enrich",
    "fire",
];

/// Nouns that stand for each other in anaphora: "sanctions on Damascus … lift the
/// measures".
pub const RESTRICTION_NOUNS: &[&str] = &[
    "sanction",
    "measure",
    "restriction",
    "embargo",
    "penalty",
    "tariff",
    "curb",
    "ban",
    "blockade",
    "control",
];

/// Nouns that refer back to a request someone made: "rejected the request".
pub const REQUEST_NOUNS: &[&str] = &[
    "request",
    "requests",
    "appeal",
    "appeals",
    "call",
    "calls",
    "demand",
    "demands",
    "plea",
    "pleas",
    "proposal",
    "proposals",
    "overture",
    "overtures",
    "suggestion",
    "idea",
    "entreaty",
    "entreaties",
];

/// Cues that accept a request rather than reject it: "granted the request".
pub const ACCEPTING_CUES: &[&str] = &[
    "welcome", "back", "support", "endorse", "embrace", "favor", "favour",
];

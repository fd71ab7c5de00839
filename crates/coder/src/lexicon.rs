//! Closed-class word lists the coder reasons with. They are grammar, not vocabulary: verbs
//! and actors live in the dictionaries, these say how English marks clauses and modality.

pub use dyad_text::grammar::{DEFINITES, PREPOSITIONS};

pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "any", "no", "every", "each", "another", "such", "'s", "whose",
];

pub const BE_FORMS: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];
pub const HAVE_FORMS: &[&str] = &["has", "have", "had", "having"];

pub const ADVERBS_BEFORE_VERB: &[&str] = &[
    "also",
    "reportedly",
    "allegedly",
    "already",
    "again",
    "then",
    "recently",
    "formally",
    "publicly",
    "repeatedly",
    "swiftly",
    "quickly",
    "previously",
    "later",
    "still",
    "just",
    "now",
    "once",
    "never",
    "not",
    "jointly",
    "officially",
    "strongly",
    "sharply",
    "firmly",
    "flatly",
    "effectively",
    "finally",
    "further",
    "apparently",
    "reluctantly",
    "openly",
    "immediately",
    "unanimously",
    "fiercely",
    "heavily",
    "intentionally",
    "deliberately",
    "has",
    "have",
    "had",
    "been",
    "being",
    "will",
    "would",
    "could",
    "should",
    "might",
    "may",
    "must",
    "can",
    "did",
    "does",
    "do",
];

pub const IRREGULAR_PARTICIPLES: &[&str] = &[
    "met",
    "held",
    "sent",
    "given",
    "taken",
    "seen",
    "shot",
    "hit",
    "cut",
    "put",
    "set",
    "led",
    "fought",
    "sought",
    "brought",
    "bought",
    "made",
    "said",
    "told",
    "kept",
    "left",
    "struck",
    "beaten",
    "won",
    "lost",
    "built",
    "thrown",
    "overthrown",
    "withdrawn",
    "drawn",
    "shown",
    "known",
    "begun",
    "broken",
    "spoken",
    "stolen",
    "chosen",
    "frozen",
    "seized",
    "slain",
    "bound",
    "found",
    "paid",
    "laid",
    "dealt",
    "heard",
    "forgiven",
    "forbidden",
    "undertaken",
    "overrun",
    "upheld",
    "withheld",
    "spread",
    "blown",
    "flown",
    "torn",
    "shut",
    "caught",
    "driven",
    "hidden",
    "retaken",
    "overtaken",
    "sworn",
    "sunk",
    "stricken",
    "swept",
    "fled",
    "sold",
    "shaken",
    "written",
    "ridden",
    "fallen",
];

/// Nouns for what happens without a doer: "killed by the Malaysia Airlines crash", "the
/// Turkey earthquake killed thousands". An actor modifying one of them is not an agent.
pub const NON_AGENT_NOUNS: &[&str] = &[
    // "profits from frozen Russian assets back the loan": property does not act.
    "assets",
    "profits",
    "reserves",
    "funds",
    "crash",
    "crashes",
    "accident",
    "accidents",
    "collision",
    "derailment",
    "earthquake",
    "earthquakes",
    "quake",
    "flood",
    "floods",
    "flooding",
    "storm",
    "storms",
    "hurricane",
    "typhoon",
    "cyclone",
    "tornado",
    "wildfire",
    "wildfires",
    "blaze",
    "landslide",
    "landslides",
    "mudslide",
    "avalanche",
    "drought",
    "famine",
    "epidemic",
    "outbreak",
    "pandemic",
    "heatwave",
    "stampede",
    "collapse",
    "eruption",
    "disaster",
];

/// Words that open a new clause: the subject of a verb after them is not before them.
pub const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "because", "while", "although", "though", "whereas", "when",
    "whenever", "if", "unless", "since", "after", "before", "until", "as", "where", "whether",
    "so",
];

pub const APPOSITION_OPENERS: &[&str] = &[
    "especially",
    "including",
    "notably",
    "particularly",
    "such",
    "namely",
    "who",
    "which",
    "whose",
    "a",
    "an",
    "the",
    "its",
    "his",
    "her",
    "their",
    "already",
    "once",
    "also",
    "meanwhile",
    "however",
    "too",
];

pub const NEGATIONS: &[&str] = &["not", "never", "no", "neither", "nor", "without"];

/// Verbs whose infinitive complement did not happen: "refused to attack".
pub const NEGATING_VERBS: &[&str] = &[
    "refused", "refuses", "refuse", "declined", "declines", "decline", "failed", "fails", "fail",
    "denied", "denies", "avoided", "avoids", "stopped", "halted", "ruled", "resisted",
];

pub const INTENT_CUES: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "intending",
    "vow",
    "vows",
    "vowed",
    "vowing",
    "pledge",
    "pledges",
    "pledged",
    "pledging",
    "promise",
    "promises",
    "promised",
    "promising",
    "threaten",
    "threatens",
    "threatened",
    "threatening",
    "want",
    "wants",
    "wanted",
    "seek",
    "seeks",
    "sought",
    "aim",
    "aims",
    "aimed",
    "hope",
    "hopes",
    "hoped",
    "expected",
    "set",
    "ready",
    "prepared",
    "preparing",
    "eager",
    "due",
    "slated",
    "willing",
    "keen",
    "poised",
    "going",
    "will",
    "shall",
    "'ll",
    "wo",
    "intent",
    "determined",
    "offered",
    "offers",
    "offer",
    "proposed",
    "proposes",
    "propose",
    "considering",
    "considers",
    "mulling",
    "mulls",
];

pub const HYPOTHETICAL_CUES: &[&str] = &[
    "could",
    "would",
    "might",
    "may",
    "should",
    "if",
    "unless",
    "whether",
    "possibly",
    "perhaps",
    "potentially",
    "risk",
    "risks",
];

pub const REPORTED_CUES: &[&str] = &[
    "reportedly",
    "allegedly",
    "purportedly",
    "apparently",
    "supposedly",
    "rumoured",
    "rumored",
    "believe",
    "believes",
    "believed",
    "claim",
    "claims",
    "claimed",
    "suspect",
    "suspects",
    "suspected",
    "sources",
    "said",
    "says",
    "told",
    "alleged",
    "alleges",
    "argue",
    "argues",
    "argued",
    "accused",
    "according",
];

/// "aides believe X is slowing progress": a cognition verb with an obstruction complement.
pub const COGNITION_VERBS: &[&str] = &[
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "thought",
    "suspect",
    "suspects",
    "suspected",
    "feel",
    "feels",
    "felt",
    "complain",
    "complained",
    "complains",
    "charge",
    "charged",
    "charges",
    "fear",
    "fears",
    "feared",
];

pub const OBSTRUCTION_VERBS: &[&str] = &[
    "slow",
    "stall",
    "block",
    "undermin",
    "sabotag",
    "delay",
    "obstruct",
    "hinder",
    "imped",
    "derail",
    "torpedo",
    "frustrat",
    "violat",
    "breach",
    "stonewall",
    "drag",
];

/// Nouns that refer back to a request someone made.
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
    "offer",
    "offers",
    "overture",
    "overtures",
    "plan",
    "invitation",
    "ultimatum",
];

/// Nouns that stand for each other in anaphora: "sanctions on X ... lift the measures".
pub const NOUN_CLASSES: &[&[&str]] = &[
    &[
        "sanction",
        "sanctions",
        "measure",
        "measures",
        "restriction",
        "restrictions",
        "embargo",
        "embargoes",
        "penalties",
        "tariff",
        "tariffs",
        "curbs",
        "ban",
    ],
    &["troops", "forces", "soldiers", "units", "personnel"],
    &["talks", "negotiations", "dialogue", "discussions"],
];

/// Finite verbs common enough to mark a verb phrase without a tagger.
pub const COMMON_FINITE_VERBS: &[&str] = &[
    "said",
    "says",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "did",
    "does",
    "made",
    "makes",
    "took",
    "takes",
    "moved",
    "moves",
    "went",
    "goes",
    "met",
    "meets",
    "held",
    "holds",
    "sent",
    "sends",
    "called",
    "calls",
    "urged",
    "urges",
    "rejected",
    "rejects",
    "signed",
    "signs",
    "attacked",
    "attacks",
    "killed",
    "kills",
    "launched",
    "launches",
    // Irregular pasts, which no "-ed" betrays.
    "cut",
    "hit",
    "struck",
    "shot",
    "led",
    "gave",
    "told",
    "left",
    "put",
    "set",
    "fought",
    "sought",
    "brought",
    "bought",
    "began",
    "spoke",
    "won",
    "lost",
    "broke",
    "drew",
    "threw",
    "kept",
    "paid",
    "sold",
    "stood",
    "chose",
    "withdrew",
    "froze",
    "forbade",
    "overthrew",
    "beat",
    "bombed",
    "shelled",
    "seized",
    "slammed",
    "vowed",
    "warned",
];

/// Words that mark sports, entertainment or history rather than politics.
pub const DISCARD_WORDS: &[&str] = &[
    "football",
    "soccer",
    "basketball",
    "cricket",
    "tennis",
    "golf",
    "rugby",
    // Not "Olympics": boycotts, protests and visits around the Games are political news.
    "tournament",
    "championship",
    "playoff",
    "playoffs",
    "goalkeeper",
    "striker",
    "midfielder",
    "semifinal",
    "semi-final",
    "quarterfinal",
    "box-office",
    "grammy",
    "oscars",
    "sitcom",
    "album",
    "premiere",
    "match-winning",
    "fifa",
    "uefa",
    "nba",
    "nfl",
];

/// Endings of adjectives that turn a following verb form into a noun ("the planned attack").
pub const ADJECTIVE_ENDINGS: &[&str] = &[
    "ed", "al", "ive", "ic", "ous", "ful", "ary", "ing", "ent", "ant", "ible", "able", "est",
];

pub const COMMON_ADJECTIVES: &[&str] = &[
    "new", "fresh", "further", "latest", "recent", "joint", "possible", "major", "first", "second",
    "third", "last", "next", "big", "key", "brief", "full", "rare", "long", "short", "deadly",
    "early", "late", "large", "small", "high", "low", "top", "final", "formal", "direct",
    "indirect", "renewed", "surprise",
];

/// Prepositions that put an actor in a place ("in southern Lebanon"), not on the receiving end.
pub const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "across",
    "inside",
    "outside",
    "throughout",
    "around",
    "within",
    "during",
    "amid",
];

/// Subordinators that look like prepositions but may open a clause whose subject is an
/// actor: "after Russian missiles struck Kyiv".
pub const CLAUSE_PREPOSITIONS: &[&str] = &["after", "before", "since", "until", "as", "while"];

/// Words between a locative preposition and a place: "in southern Lebanon", "near the Syria".
pub const PLACE_MODIFIERS: &[&str] = &[
    "the",
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
    "south",
    "north",
    "east",
    "west",
    "occupied",
    "neighbouring",
    "neighboring",
    "rural",
    "coastal",
];

/// Verbs whose participle after "be" states a feeling: "X was concerned by Y" is X's comment
/// on Y, not Y concerning X.
pub const STATE_OF_MIND_LEMMAS: &[&str] = &["concern", "alarm", "worry", "trouble", "disappoint"];

/// Nouns naming an aim before an infinitive: "in a bid to ease tensions".
pub const AIM_NOUNS: &[&str] = &[
    "bid", "effort", "efforts", "attempt", "attempts", "drive", "push",
];

/// Verbs whose object then does what follows: "prompting Mexico to break off relations".
pub const PROMPTING_VERBS: &[&str] = &[
    "prompting",
    "prompted",
    "forcing",
    "forced",
    "spurring",
    "spurred",
    "leading",
    "triggering",
    "provoking",
];

/// Words of elections, where "defeat" and "beat" are votes, not force.
pub const ELECTORAL_WORDS: &[&str] = &[
    "election",
    "elections",
    "electoral",
    "vote",
    "votes",
    "polls",
    "runoff",
    "run-off",
    "primary",
    "ballot",
    "candidate",
];

/// Verbs of killing whose victim, when a named person, makes the act an assassination (186).
pub const KILLING_LEMMAS: &[&str] = &["kill", "shoot dead", "shoot"];

/// Prepositions whose gerund shares the clause's subject: "responded by firing", "after
/// meeting him", "before leaving".
pub const GERUND_PREPOSITIONS: &[&str] =
    &["by", "after", "before", "while", "upon", "since", "without"];

/// "Leaders of the G7", "members of Hamas": people who act for the body named after "of".
pub const MEMBERS_OF: &[&str] = &[
    "leaders",
    "members",
    "officials",
    "representatives",
    "ministers",
    "delegates",
    "delegations",
    "envoys",
    "fighters",
    "militants",
    "soldiers",
    "troops",
    "forces",
];

/// Words of quantity whose "of" introduces the real subject: "hundreds of UN troops".
pub const QUANTIFIERS: &[&str] = &[
    "hundreds",
    "thousands",
    "dozens",
    "scores",
    "tens",
    "millions",
    "some",
    "many",
    "most",
    "several",
    "all",
    "one",
    "two",
    "three",
    "four",
    "five",
    "group",
    "groups",
    "number",
    "members",
    "contingent",
    "unit",
    "units",
    "team",
    "delegation",
    "convoy",
    "column",
    "supporters",
    "loyalists",
    "followers",
];

/// Nouns for attacks, by prefix: "shelling", "strikes", "airstrike", "raid", "bombardment".
pub const ATTACK_NOUNS: &[&str] = &[
    "shell",
    "strike",
    "airstrike",
    "air strike",
    "raid",
    "bombard",
    "bombing",
    "attack",
    "fire",
    "missile",
    "rocket",
    "drone",
    "assault",
    "offensive",
    "gunfire",
    "sniper",
];

/// Attack nouns that are no verb, with the verb form they are coded as: "Israeli airstrikes
/// on Gaza" reads as "strikes on Gaza".
pub const NOMINAL_ATTACKS: &[(&str, &str)] = &[
    ("airstrike", "strike"),
    ("airstrikes", "strikes"),
    ("bombardment", "bombard"),
    ("bombardments", "bombards"),
];

/// "Obama wants Putin to attack": verbs whose object-plus-infinitive is a wish addressed to
/// the object, coded as an appeal to it.
pub const WANT_VERBS: &[&str] = &[
    "want", "wants", "wanted", "wanting", "expect", "expects", "expected", "needs", "needed",
    "wish", "wishes", "wished",
];

/// Verbs of saying: "Pakistan said it would release" reports an intention ("would" is
/// "will" moved into the past), not a hypothesis.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "announces",
    "stated",
    "states",
    "declared",
    "declares",
    "told",
    "tells",
    "pledged",
    "pledges",
    "promised",
    "promises",
    "vowed",
    "vows",
    "insisted",
    "insists",
    "confirmed",
    "confirms",
    "indicated",
    "indicates",
    "signalled",
    "signaled",
    "signals",
    "added",
    "warned",
    "warns",
];

/// Modals whose negation is a refusal: "would not support" is a rejection, "did not
/// support" only says nothing happened.
pub const REFUSAL_MODALS: &[&str] = &["will", "would", "wo", "shall"];

/// Modal auxiliaries: "could be attacked", "will be lifted".
pub const MODALS: &[&str] = &[
    "will", "would", "can", "could", "may", "might", "shall", "should", "must",
];

/// Pronouns that stand for an actor as a subject: "it was attacked" is about whoever "it" is.
pub const SUBJECT_PRONOUNS: &[&str] = &[
    "it", "they", "he", "she", "we", "i", "you", "who", "which", "that", "this", "these", "those",
];

/// CAMEO region codes (data/actors/organisations.txt): seas and regions named as places.
pub const REGION_CODES: &[&str] = &[
    "MEA", "LAM", "SAM", "NMR", "CRB", "EUR", "EEU", "CEU", "SCN", "BLK", "CAU", "CAS", "SAS",
    "SEA", "ASA", "AFR", "NAF", "WAF", "EAF", "CFR", "SAF", "MDT", "PGS", "WST",
];

/// Nouns for fighting between two sides: "clashes between X and Y".
pub const FIGHTING_NOUNS: &[&str] = &[
    "fighting",
    "clashes",
    "clash",
    "battles",
    "skirmishes",
    "gunfights",
    "firefights",
    "hostilities",
];

/// Counts before a noun: "five detained Americans".
pub const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozens",
    "hundreds",
    "thousands",
    "several",
    "many",
    "some",
];

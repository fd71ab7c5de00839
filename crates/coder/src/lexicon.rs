//! Closed-class word lists the coder reasons with. They are grammar, not vocabulary: verbs
//! and actors live in the dictionaries, these say how English marks clauses and modality.

pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "my", "your", "any", "no", "every", "each", "another", "such", "'s", "whose",
];

/// Determiners that point back to something already said.
pub const DEFINITES: &[&str] = &["the", "this", "that", "these", "those", "such", "its", "their", "his", "her"];

pub const PREPOSITIONS: &[&str] = &[
    "in", "on", "of", "with", "to", "for", "from", "by", "about", "against", "over", "under",
    "into", "toward", "towards", "at", "between", "among", "including", "within", "across",
    "through", "via", "after", "before", "during", "despite", "than", "like", "behind",
    "beyond", "near", "around", "amid", "amongst", "upon", "onto", "without", "per", "since",
    "regarding", "concerning",
];

pub const BE_FORMS: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];
pub const HAVE_FORMS: &[&str] = &["has", "have", "had", "having"];

pub const ADVERBS_BEFORE_VERB: &[&str] = &[
    "also", "reportedly", "allegedly", "already", "again", "then", "recently", "formally",
    "publicly", "repeatedly", "swiftly", "quickly", "previously", "later", "still", "just",
    "now", "once", "never", "not", "jointly", "officially", "strongly", "sharply", "firmly",
    "flatly", "effectively", "finally", "further", "apparently", "reluctantly", "openly",
    "immediately", "unanimously", "fiercely", "heavily", "intentionally", "deliberately",
    "has", "have", "had", "been", "being", "will", "would", "could", "should", "might", "may",
    "must", "can", "did", "does", "do",
];

pub const IRREGULAR_PARTICIPLES: &[&str] = &[
    "met", "held", "sent", "given", "taken", "seen", "shot", "hit", "cut", "put", "set", "led",
    "fought", "sought", "brought", "bought", "made", "said", "told", "kept", "left", "struck",
    "beaten", "won", "lost", "built", "thrown", "overthrown", "withdrawn", "drawn", "shown",
    "known", "begun", "broken", "spoken", "stolen", "chosen", "frozen", "seized", "slain",
    "bound", "found", "paid", "laid", "dealt", "heard", "forgiven", "forbidden", "undertaken",
    "overrun", "upheld", "withheld", "spread",
];

/// Words that open a new clause: the subject of a verb after them is not before them.
pub const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "because", "while", "although", "though", "whereas",
    "when", "whenever", "if", "unless", "since", "after", "before", "until", "as", "where",
    "whether", "so",
];

pub const APPOSITION_OPENERS: &[&str] = &[
    "especially", "including", "notably", "particularly", "such", "namely", "who", "which",
    "whose", "a", "an", "the", "its", "his", "her", "their", "already", "once", "also",
    "meanwhile", "however", "too",
];

pub const NEGATIONS: &[&str] = &["not", "never", "no", "neither", "nor", "without"];

/// Verbs whose infinitive complement did not happen: "refused to attack".
pub const NEGATING_VERBS: &[&str] = &[
    "refused", "refuses", "refuse", "declined", "declines", "decline", "failed", "fails",
    "fail", "denied", "denies", "avoided", "avoids", "stopped", "halted", "ruled", "resisted",
];

pub const INTENT_CUES: &[&str] = &[
    "plan", "plans", "planned", "planning", "intend", "intends", "intended", "intending",
    "vow", "vows", "vowed", "vowing", "pledge", "pledges", "pledged", "pledging", "promise",
    "promises", "promised", "promising", "threaten", "threatens", "threatened", "threatening",
    "want", "wants", "wanted", "seek", "seeks", "sought", "aim", "aims", "aimed", "hope",
    "hopes", "hoped", "expected", "set", "ready", "prepared", "preparing", "eager", "poised",
    "going", "will", "shall", "'ll", "wo", "intent", "determined", "offered", "offers",
    "offer", "proposed", "proposes", "propose", "considering", "considers", "mulling", "mulls",
];

pub const HYPOTHETICAL_CUES: &[&str] = &[
    "could", "would", "might", "may", "should", "if", "unless", "whether", "possibly",
    "perhaps", "potentially", "risk", "risks",
];

pub const REPORTED_CUES: &[&str] = &[
    "reportedly", "allegedly", "purportedly", "apparently", "supposedly", "rumoured",
    "rumored", "believe", "believes", "believed", "claim", "claims", "claimed", "suspect",
    "suspects", "suspected", "sources", "said", "says", "told", "alleged", "alleges",
    "accused", "according",
];

/// "aides believe X is slowing progress": a cognition verb with an obstruction complement.
pub const COGNITION_VERBS: &[&str] = &[
    "believe", "believes", "believed", "think", "thinks", "thought", "suspect", "suspects",
    "suspected", "feel", "feels", "felt", "complain", "complained", "complains", "charge",
    "charged", "charges", "fear", "fears", "feared",
];

pub const OBSTRUCTION_VERBS: &[&str] = &[
    "slow", "stall", "block", "undermin", "sabotag", "delay", "obstruct", "hinder", "imped",
    "derail", "torpedo", "frustrat", "violat", "breach", "stonewall", "drag",
];

/// Nouns that refer back to a request someone made.
pub const REQUEST_NOUNS: &[&str] = &[
    "request", "requests", "appeal", "appeals", "call", "calls", "demand", "demands", "plea",
    "pleas", "proposal", "proposals", "offer", "offers", "overture", "overtures", "plan",
    "invitation", "ultimatum",
];

/// Nouns that stand for each other in anaphora: "sanctions on X ... lift the measures".
pub const NOUN_CLASSES: &[&[&str]] = &[
    &[
        "sanction", "sanctions", "measure", "measures", "restriction", "restrictions",
        "embargo", "embargoes", "penalties", "tariff", "tariffs", "curbs", "ban",
    ],
    &["troops", "forces", "soldiers", "units", "personnel"],
    &["talks", "negotiations", "dialogue", "discussions"],
];

/// Finite verbs common enough to mark a verb phrase without a tagger.
pub const COMMON_FINITE_VERBS: &[&str] = &[
    "said", "says", "is", "was", "are", "were", "has", "had", "have", "did", "does", "made",
    "makes", "took", "takes", "moved", "moves", "went", "goes", "met", "meets", "held",
    "holds", "sent", "sends", "called", "calls", "urged", "urges", "rejected", "rejects",
    "signed", "signs", "attacked", "attacks", "killed", "kills", "launched", "launches",
];

/// Words that mark sports, entertainment or history rather than politics.
pub const DISCARD_WORDS: &[&str] = &[
    "football", "soccer", "basketball", "cricket", "tennis", "golf", "rugby", "olympic",
    "olympics", "tournament", "championship", "playoff", "playoffs", "goalkeeper", "striker",
    "midfielder", "semifinal", "semi-final", "quarterfinal", "box-office", "grammy",
    "oscars", "sitcom", "album", "premiere", "match-winning", "fifa", "uefa", "nba", "nfl",
];

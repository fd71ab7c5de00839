//! Lemmas for issue keys: suffix rules plus a small table.
//!
//! The rules need not be right about English; they must send every form of a word to one
//! string, so "lifting", "lifted" and "lifts" group, and "sanctions" meets "sanction". A
//! table fixes the words the rules get wrong and maps nominalisations to their verb
//! ("disarmament" → "disarm", "withdrawal" → "withdraw") so that "disarm Hamas" and "Hamas
//! disarmament" give one key.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Nouns and irregular forms with their lemma. Nominalisations map to the verb, so that a
/// noun phrase and a verb phrase about the same act meet.
const TABLE: &[(&str, &str)] = &[
    // Nominalisations.
    ("disarmament", "disarm"),
    ("withdrawal", "withdraw"),
    ("withdrawals", "withdraw"),
    ("removal", "remove"),
    ("demilitarization", "demilitarize"),
    ("demilitarisation", "demilitarize"),
    ("demilitarise", "demilitarize"),
    ("normalization", "normalize"),
    ("normalisation", "normalize"),
    ("normalise", "normalize"),
    ("recognition", "recognize"),
    ("recognise", "recognize"),
    ("deployment", "deploy"),
    ("deployments", "deploy"),
    ("expansion", "expand"),
    ("annexation", "annex"),
    ("occupation", "occupy"),
    ("reconstruction", "rebuild"),
    ("reconstruct", "rebuild"),
    ("implementation", "implement"),
    ("elimination", "eliminate"),
    ("destruction", "destroy"),
    ("invasion", "invade"),
    ("intervention", "intervene"),
    ("escalation", "escalate"),
    ("de-escalation", "deescalate"),
    ("deescalation", "deescalate"),
    ("resumption", "resume"),
    ("suspension", "suspend"),
    ("extension", "extend"),
    ("termination", "end"),
    ("acceptance", "accept"),
    ("rejection", "reject"),
    ("approval", "approve"),
    ("ratification", "ratify"),
    ("enlargement", "enlarge"),
    ("integration", "integrate"),
    ("negotiation", "negotiate"),
    ("negotiations", "negotiate"),
    ("release", "release"),
    ("retention", "retain"),
    ("continuation", "continue"),
    ("reimposition", "reimpose"),
    ("imposition", "impose"),
    ("easing", "ease"),
    ("lifting", "lift"),
    ("dismantlement", "dismantle"),
    ("relinquishment", "relinquish"),
    ("surrender", "surrender"),
    ("transfer", "transfer"),
    ("evacuation", "evacuate"),
    ("expulsion", "expel"),
    ("abolition", "abolish"),
    ("cessation", "cease"),
    ("prioritization", "prioritize"),
    ("prioritise", "prioritize"),
    ("marginalise", "marginalize"),
    ("stabilise", "stabilize"),
    ("stabilization", "stabilize"),
    ("stabilisation", "stabilize"),
    ("destabilise", "destabilize"),
    ("legitimise", "legitimize"),
    ("criticise", "criticize"),
    // Plurals and forms the suffix rules get wrong.
    ("arms", "arm"),
    ("forces", "force"),
    ("talks", "talk"),
    ("crisis", "crisis"),
    ("analysis", "analysis"),
    ("basis", "basis"),
    ("status", "status"),
    ("process", "process"),
    ("focus", "focus"),
    ("focused", "focus"),
    ("focusing", "focus"),
    ("focuses", "focus"),
    ("bias", "bias"),
    ("news", "news"),
    ("hamas", "hamas"),
    ("gas", "gas"),
    ("us", "us"),
    ("this", "this"),
    ("its", "its"),
    ("series", "series"),
    ("species", "species"),
    ("politics", "politics"),
    ("economics", "economics"),
    ("mechanics", "mechanics"),
    ("media", "media"),
    ("data", "data"),
    ("people", "people"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("allies", "ally"),
    ("allied", "ally"),
    ("ties", "tie"),
    ("lies", "lie"),
    ("abandon", "abandon"),
    ("abandoning", "abandon"),
    ("abandoned", "abandon"),
    ("develop", "develop"),
    ("developing", "develop"),
    ("developed", "develop"),
    ("restore", "restore"),
    ("restoring", "restore"),
    ("restored", "restore"),
    ("ignore", "ignore"),
    ("ignoring", "ignore"),
    ("ignored", "ignore"),
    ("explore", "explore"),
    ("exploring", "explore"),
    ("explored", "explore"),
    ("reshaping", "reshape"),
    ("reshaped", "reshape"),
    ("shaping", "shape"),
    ("shaped", "shape"),
    ("escaping", "escape"),
    ("hoping", "hope"),
    ("hoped", "hope"),
    ("coping", "cope"),
    ("postponing", "postpone"),
    ("postponed", "postpone"),
    ("intervening", "intervene"),
    ("intervened", "intervene"),
    ("convening", "convene"),
    ("convened", "convene"),
    ("creating", "create"),
    ("created", "create"),
    ("inviting", "invite"),
    ("invited", "invite"),
    ("uniting", "unite"),
    ("united", "unite"),
    ("citing", "cite"),
    ("cited", "cite"),
    ("governing", "govern"),
    ("installing", "install"),
    ("installed", "install"),
    ("recalling", "recall"),
    ("recalled", "recall"),
    ("stalling", "stall"),
    ("stalled", "stall"),
    ("fulfilling", "fulfil"),
    ("fulfilled", "fulfil"),
    ("fulfill", "fulfil"),
    ("unraveling", "unravel"),
    ("unravelling", "unravel"),
    ("unraveled", "unravel"),
    ("unravelled", "unravel"),
    ("traveling", "travel"),
    ("travelling", "travel"),
    // Irregular verbs common in political news.
    ("led", "lead"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("made", "make"),
    ("held", "hold"),
    ("kept", "keep"),
    ("sought", "seek"),
    ("struck", "strike"),
    ("brought", "bring"),
    ("fought", "fight"),
    ("sent", "send"),
    ("met", "meet"),
    ("told", "tell"),
    ("said", "say"),
    ("won", "win"),
    ("lost", "lose"),
    ("built", "build"),
    ("rebuilt", "rebuild"),
    ("broke", "break"),
    ("broken", "break"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("began", "begin"),
    ("begun", "begin"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("overthrew", "overthrow"),
    ("overthrown", "overthrow"),
    ("shot", "shoot"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("paid", "pay"),
    ("upheld", "uphold"),
    ("withheld", "withhold"),
    ("undertook", "undertake"),
    ("undertaken", "undertake"),
    ("overran", "overrun"),
    ("seized", "seize"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("became", "become"),
    ("saw", "see"),
    ("seen", "see"),
    ("knew", "know"),
    ("known", "know"),
    ("thought", "think"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("stood", "stand"),
    ("understood", "understand"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("lay", "lay"),
    ("laid", "lay"),
    ("laying", "lay"),
    ("fled", "flee"),
    ("fed", "feed"),
    ("ground", "ground"),
    ("wound", "wound"),
    ("negotiate", "negotiate"),
];

fn table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE_MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        let mut map = HashMap::with_capacity(TABLE.len());
        for &(form, l) in TABLE {
            map.entry(form).or_insert(l);
        }
        map
    })
}

/// Lemma of a content word (noun, verb or adjective form), lower-cased.
pub fn lemma(word: &str) -> String {
    let w = word.to_lowercase().replace('’', "'");
    if let Some(l) = table().get(w.as_str()) {
        return l.to_string();
    }
    if !w.is_ascii() {
        // The suffix rules are English spelling; other scripts keep their word.
        return w;
    }
    if w.len() <= 3 {
        return w;
    }
    if let Some(stem) = w.strip_suffix("ing").filter(|s| s.len() >= 2) {
        return restore_stem(stem);
    }
    if let Some(stem) = w.strip_suffix("ied").filter(|s| s.len() >= 2) {
        return format!("{stem}y");
    }
    if let Some(stem) = w.strip_suffix("ed").filter(|s| s.len() >= 2) {
        return restore_stem(stem);
    }
    plural(&w)
}

fn plural(w: &str) -> String {
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.ends_with("'s") {
        return w.to_string();
    }
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes", "zzes"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            return format!("{stem}{}", &suffix[..suffix.len() - 2]);
        }
    }
    if let Some(stem) = w.strip_suffix('s') {
        return stem.to_string();
    }
    w.to_string()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The base form of a verb from the stem left after `-ing` or `-ed`: undoubles a final
/// consonant ("stopp" → "stop") and restores a silent `e` where English spelling usually
/// dropped one ("mov" → "move", "eas" → "ease", "negotiat" → "negotiate").
fn restore_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) {
        let keep = matches!(b[n - 1], b'l' | b's' | b'f' | b'z');
        // "controll" → "control", "compell" → "compel"; "kill", "call", "stall" keep theirs.
        let ell = b[n - 1] == b'l' && n >= 6 && !stem.ends_with("all") && !stem.ends_with("ill");
        if (!keep || ell) && n > 3 {
            return stem[..n - 1].to_string();
        }
        return stem.to_string();
    }
    if n < 2 {
        return stem.to_string();
    }
    let last = b[n - 1];
    let prev = b[n - 2];
    let prev2 = if n >= 3 { b[n - 3] } else { b'a' };
    let add_e = match last {
        b'v' | b'z' | b'c' | b'u' => true,
        b's' => prev != b's',
        b'g' => prev != b'n' || matches!(prev2, b'a' | b'e'),
        b'k' | b'm' | b'b' | b'd' => is_vowel(prev) && !is_vowel(prev2) && n >= 3,
        b'r' => matches!(prev, b'a' | b'u' | b'i') && !is_vowel(prev2),
        b'l' => !is_vowel(prev) && prev != b'r',
        b'n' => prev == b'i' && !is_vowel(prev2),
        b't' => {
            n >= 5
                && (prev == b'a' && !matches!(prev2, b'e' | b'o' | b'a')
                    || prev == b'u' && !is_vowel(prev2))
        }
        _ => false,
    };
    if add_e {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::lemma;

    /// Every form in a row must give the row's first word.
    #[test]
    fn forms_of_a_word_share_one_lemma() {
        let rows: &[&[&str]] = &[
            &["lift", "lifts", "lifted", "lifting"],
            &["move", "moves", "moved", "moving"],
            &["ease", "eases", "eased", "easing"],
            &["disarm", "disarms", "disarmed", "disarming", "disarmament"],
            &["sanction", "sanctions", "sanctioned"],
            &["negotiate", "negotiated", "negotiating", "negotiations"],
            &["stop", "stops", "stopped", "stopping"],
            &["retain", "retains", "retained", "retaining", "retention"],
            &["impose", "imposes", "imposed", "imposing"],
            &[
                "withdraw",
                "withdraws",
                "withdrew",
                "withdrawn",
                "withdrawal",
            ],
            &["control", "controls", "controlled", "controlling"],
            &[
                "relinquish",
                "relinquishes",
                "relinquished",
                "relinquishing",
            ],
            &["tie", "ties"],
            &["phase", "phases"],
            &["force", "forces"],
            &["incentive", "incentives"],
            &["dismantle", "dismantles", "dismantled", "dismantling"],
            &["reduce", "reduces", "reduced", "reducing"],
            &["deepen", "deepens", "deepened", "deepening"],
            &["urge", "urges", "urged", "urging"],
            &[
                "marginalize",
                "marginalizes",
                "marginalized",
                "marginalizing",
            ],
            &["secure", "secured", "securing"],
            &["decide", "decided", "deciding"],
            &["welcome", "welcomed", "welcoming"],
            &["combine", "combined", "combining"],
            &["ally", "allies", "allied"],
            &["stall", "stalls", "stalled", "stalling"],
            &["process", "processes"],
        ];
        for row in rows {
            for form in row.iter() {
                assert_eq!(lemma(form), row[0], "lemma of {form:?}");
            }
        }
    }
}

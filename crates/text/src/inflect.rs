//! Verb inflection: from a lemma in a dictionary to the forms that appear in news text.
//!
//! Generating forms (rather than lemmatising every token) keeps the hot path a hash lookup:
//! the dictionary is expanded once at compile time of the pattern set.

/// Irregular verbs: lemma, third person, past, past participle, gerund.
const IRREGULAR: &[(&str, &str, &str, &str)] = &[
    ("be", "is", "was", "been"),
    ("have", "has", "had", "had"),
    ("do", "does", "did", "done"),
    ("go", "goes", "went", "gone"),
    ("say", "says", "said", "said"),
    ("make", "makes", "made", "made"),
    ("take", "takes", "took", "taken"),
    ("give", "gives", "gave", "given"),
    ("come", "comes", "came", "come"),
    ("see", "sees", "saw", "seen"),
    ("get", "gets", "got", "gotten"),
    ("hold", "holds", "held", "held"),
    ("meet", "meets", "met", "met"),
    ("send", "sends", "sent", "sent"),
    ("lend", "lends", "lent", "lent"),
    ("spend", "spends", "spent", "spent"),
    ("seek", "seeks", "sought", "sought"),
    ("bring", "brings", "brought", "brought"),
    ("buy", "buys", "bought", "bought"),
    ("fight", "fights", "fought", "fought"),
    ("think", "thinks", "thought", "thought"),
    ("teach", "teaches", "taught", "taught"),
    ("catch", "catches", "caught", "caught"),
    ("tell", "tells", "told", "told"),
    ("sell", "sells", "sold", "sold"),
    ("leave", "leaves", "left", "left"),
    ("keep", "keeps", "kept", "kept"),
    ("sleep", "sleeps", "slept", "slept"),
    ("feel", "feels", "felt", "felt"),
    ("lead", "leads", "led", "led"),
    ("read", "reads", "read", "read"),
    ("feed", "feeds", "fed", "fed"),
    ("flee", "flees", "fled", "fled"),
    ("shoot", "shoots", "shot", "shot"),
    ("hit", "hits", "hit", "hit"),
    ("cut", "cuts", "cut", "cut"),
    ("put", "puts", "put", "put"),
    ("set", "sets", "set", "set"),
    ("let", "lets", "let", "let"),
    ("quit", "quits", "quit", "quit"),
    ("bid", "bids", "bid", "bid"),
    ("cast", "casts", "cast", "cast"),
    ("broadcast", "broadcasts", "broadcast", "broadcast"),
    ("forecast", "forecasts", "forecast", "forecast"),
    ("hurt", "hurts", "hurt", "hurt"),
    ("shut", "shuts", "shut", "shut"),
    ("spread", "spreads", "spread", "spread"),
    ("upset", "upsets", "upset", "upset"),
    ("beat", "beats", "beat", "beaten"),
    ("win", "wins", "won", "won"),
    ("lose", "loses", "lost", "lost"),
    ("find", "finds", "found", "found"),
    ("bind", "binds", "bound", "bound"),
    ("stand", "stands", "stood", "stood"),
    ("understand", "understands", "understood", "understood"),
    ("withstand", "withstands", "withstood", "withstood"),
    ("withhold", "withholds", "withheld", "withheld"),
    ("uphold", "upholds", "upheld", "upheld"),
    ("build", "builds", "built", "built"),
    ("speak", "speaks", "spoke", "spoken"),
    ("break", "breaks", "broke", "broken"),
    ("steal", "steals", "stole", "stolen"),
    ("choose", "chooses", "chose", "chosen"),
    ("freeze", "freezes", "froze", "frozen"),
    ("unfreeze", "unfreezes", "unfroze", "unfrozen"),
    ("wake", "wakes", "woke", "woken"),
    ("write", "writes", "wrote", "written"),
    ("drive", "drives", "drove", "driven"),
    ("ride", "rides", "rode", "ridden"),
    ("rise", "rises", "rose", "risen"),
    ("arise", "arises", "arose", "arisen"),
    ("strike", "strikes", "struck", "struck"),
    ("stick", "sticks", "stuck", "stuck"),
    ("swear", "swears", "swore", "sworn"),
    ("tear", "tears", "tore", "torn"),
    ("wear", "wears", "wore", "worn"),
    ("bear", "bears", "bore", "borne"),
    ("forgive", "forgives", "forgave", "forgiven"),
    ("forbid", "forbids", "forbade", "forbidden"),
    ("forsake", "forsakes", "forsook", "forsaken"),
    ("overtake", "overtakes", "overtook", "overtaken"),
    ("undertake", "undertakes", "undertook", "undertaken"),
    ("mistake", "mistakes", "mistook", "mistaken"),
    ("shake", "shakes", "shook", "shaken"),
    ("begin", "begins", "began", "begun"),
    ("run", "runs", "ran", "run"),
    ("overrun", "overruns", "overran", "overrun"),
    ("sink", "sinks", "sank", "sunk"),
    ("drink", "drinks", "drank", "drunk"),
    ("ring", "rings", "rang", "rung"),
    ("sing", "sings", "sang", "sung"),
    ("swim", "swims", "swam", "swum"),
    ("know", "knows", "knew", "known"),
    ("throw", "throws", "threw", "thrown"),
    ("overthrow", "overthrows", "overthrew", "overthrown"),
    ("grow", "grows", "grew", "grown"),
    ("blow", "blows", "blew", "blown"),
    ("draw", "draws", "drew", "drawn"),
    ("withdraw", "withdraws", "withdrew", "withdrawn"),
    ("fly", "flies", "flew", "flown"),
    ("show", "shows", "showed", "shown"),
    ("fall", "falls", "fell", "fallen"),
    ("eat", "eats", "ate", "eaten"),
    ("hide", "hides", "hid", "hidden"),
    ("bite", "bites", "bit", "bitten"),
    ("pay", "pays", "paid", "paid"),
    ("lay", "lays", "laid", "laid"),
    ("mislead", "misleads", "misled", "misled"),
    ("slay", "slays", "slew", "slain"),
    ("lie", "lies", "lay", "lain"),
    ("light", "lights", "lit", "lit"),
    ("mean", "means", "meant", "meant"),
    ("deal", "deals", "dealt", "dealt"),
    ("hear", "hears", "heard", "heard"),
    ("sit", "sits", "sat", "sat"),
    ("oversee", "oversees", "oversaw", "overseen"),
    ("foresee", "foresees", "foresaw", "foreseen"),
    ("forget", "forgets", "forgot", "forgotten"),
    ("become", "becomes", "became", "become"),
    ("overcome", "overcomes", "overcame", "overcome"),
    ("stride", "strides", "strode", "stridden"),
    ("sweep", "sweeps", "swept", "swept"),
    ("weep", "weeps", "wept", "wept"),
    ("shed", "sheds", "shed", "shed"),
    ("spit", "spits", "spat", "spat"),
    ("split", "splits", "split", "split"),
    ("slit", "slits", "slit", "slit"),
    ("thrust", "thrusts", "thrust", "thrust"),
    ("burst", "bursts", "burst", "burst"),
    ("seize", "seizes", "seized", "seized"),
    ("dig", "digs", "dug", "dug"),
    ("hang", "hangs", "hung", "hung"),
    ("sting", "stings", "stung", "stung"),
    ("swing", "swings", "swung", "swung"),
    ("wring", "wrings", "wrung", "wrung"),
    ("shine", "shines", "shone", "shone"),
    ("stink", "stinks", "stank", "stunk"),
    ("wind", "winds", "wound", "wound"),
    ("grind", "grinds", "ground", "ground"),
    ("rebuild", "rebuilds", "rebuilt", "rebuilt"),
    ("retake", "retakes", "retook", "retaken"),
    ("rewrite", "rewrites", "rewrote", "rewritten"),
    ("resend", "resends", "resent", "resent"),
    ("outbid", "outbids", "outbid", "outbid"),
    ("override", "overrides", "overrode", "overridden"),
    ("undo", "undoes", "undid", "undone"),
    ("forgo", "forgoes", "forwent", "forgone"),
    ("forego", "foregoes", "forewent", "foregone"),
    ("shrink", "shrinks", "shrank", "shrunk"),
    ("sew", "sews", "sewed", "sewn"),
    ("sow", "sows", "sowed", "sown"),
    ("strive", "strives", "strove", "striven"),
    ("tread", "treads", "trod", "trodden"),
    ("plead", "pleads", "pleaded", "pled"),
    ("dive", "dives", "dove", "dived"),
    ("prove", "proves", "proved", "proven"),
];

/// Every surface form of a verb lemma: base, third person, past, past participle, gerund.
/// Regular spelling rules may produce a form that never occurs ("visitted"); that is harmless,
/// and cheaper than knowing where English stress falls.
pub fn inflections(lemma: &str) -> Vec<String> {
    let lemma = lemma.to_lowercase();
    let mut forms = vec![lemma.clone()];
    if let Some(&(_, third, past, participle)) = IRREGULAR.iter().find(|(l, ..)| *l == lemma) {
        forms.extend([third, past, participle].map(String::from));
        forms.push(gerund(&lemma));
        if lemma == "be" {
            forms.extend(["am", "are", "were", "being"].map(String::from));
        }
        if lemma == "plead" || lemma == "dive" || lemma == "prove" {
            forms.push(regular_past(&lemma));
        }
    } else {
        forms.push(third_person(&lemma));
        forms.push(regular_past(&lemma));
        forms.push(gerund(&lemma));
        if let Some(doubled) = doubled_stem(&lemma) {
            forms.push(format!("{doubled}ed"));
            forms.push(format!("{doubled}ing"));
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

/// Possible lemmas of a word form, for looking a token up in a lemma-keyed table when no
/// expansion was built. Returns the word itself first.
pub fn lemma_candidates(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let mut out = vec![w.clone()];
    if let Some(&(lemma, ..)) = IRREGULAR
        .iter()
        .find(|(_, t, p, pp)| *t == w || *p == w || *pp == w)
    {
        out.push(lemma.to_string());
    }
    for (suffix, replacements) in [
        ("ies", &["y"][..]),
        ("ied", &["y"][..]),
        ("es", &["", "e"][..]),
        ("s", &[""][..]),
        ("ed", &["", "e"][..]),
        ("ing", &["", "e"][..]),
    ] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if stem.len() >= 2 {
                for r in replacements {
                    out.push(format!("{stem}{r}"));
                }
                let b = stem.as_bytes();
                if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                    out.push(stem[..stem.len() - 1].to_string());
                }
            }
        }
    }
    out.dedup();
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn third_person(lemma: &str) -> String {
    let b = lemma.as_bytes();
    if lemma.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|s| lemma.ends_with(s))
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    }
}

fn regular_past(lemma: &str) -> String {
    let b = lemma.as_bytes();
    if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if lemma.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ed")
    }
}

fn gerund(lemma: &str) -> String {
    if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if let Some(stem) = lemma
        .strip_suffix('e')
        .filter(|_| !lemma.ends_with("ee") && lemma != "be")
    {
        format!("{stem}ing")
    } else if let Some(doubled) = doubled_stem(lemma).filter(|_| lemma.len() <= 3) {
        format!("{doubled}ing")
    } else {
        format!("{lemma}ing")
    }
}

/// Consonant-vowel-consonant endings double their last consonant ("stop" → "stopp").
fn doubled_stem(lemma: &str) -> Option<String> {
    let b = lemma.as_bytes();
    if b.len() < 3 {
        return None;
    }
    let (c1, v, c2) = (b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]);
    if !is_vowel(c1) && is_vowel(v) && !is_vowel(c2) && !matches!(c2, b'w' | b'x' | b'y') {
        Some(format!("{lemma}{}", c2 as char))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(lemma: &str, expected: &[&str]) {
        let forms = inflections(lemma);
        for e in expected {
            assert!(
                forms.iter().any(|f| f == e),
                "{lemma}: {e} missing from {forms:?}"
            );
        }
    }

    #[test]
    fn regular_and_irregular_forms() {
        check("urge", &["urge", "urges", "urged", "urging"]);
        check("reject", &["rejects", "rejected", "rejecting"]);
        check("stop", &["stops", "stopped", "stopping"]);
        check("deny", &["denies", "denied", "denying"]);
        check("meet", &["meets", "met", "meeting"]);
        check("withdraw", &["withdrew", "withdrawn", "withdrawing"]);
        check("visit", &["visited", "visiting"]);
        check("lift", &["lifts", "lifted", "lifting"]);
        check("seize", &["seized", "seizing"]);
    }

    #[test]
    fn lemma_candidates_include_the_lemma() {
        assert!(lemma_candidates("rejected").contains(&"reject".to_string()));
        assert!(lemma_candidates("urged").contains(&"urge".to_string()));
        assert!(lemma_candidates("met").contains(&"meet".to_string()));
        assert!(lemma_candidates("stopped").contains(&"stop".to_string()));
    }
}

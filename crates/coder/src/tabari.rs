//! TABARI / PETRARCH verb dictionaries and a coder with their semantics.
//!
//! Two dictionary dialects are read: TABARI / PETRARCH-1 (`PETR.Validate.verbs.txt`) and
//! PETRARCH-2 (`CAMEO.2.0.txt`). Both are blocks of synonymous verbs sharing patterns:
//!
//! ```text
//! &CURRENCY                      a synonym set: `&CURRENCY` in a pattern matches any member
//! +DOLLARS
//! +SWISS FRANCS
//!
//! --- CONTRIBUTE [070] ---       a block and its default code
//! CONTRIBUTE                     a verb; regular forms are generated
//! BREAK {BROKE BROKEN}           irregular forms
//! +BREAK_DOWN {+BROKE_DOWN}      a multi-word verb; `+` marks the inflected word
//! DOWNPLAY [014]                 a verb with its own default code
//! - * &CURRENCY [903]            a pattern: `*` is the verb
//! - + WAS * DEAD IN $ [224]      `+` the target, `$` the source, `^` skips an actor,
//! - % HAVE * [191]               `%` a compound actor (events among its members)
//! - * (TO +) {PASSENGER CARS}    PETRARCH-2 groupings: words inside are adjacent
//! ```
//!
//! Words joined by `_` must be adjacent; a space lets other words stand between them. Codes
//! are kept as written (`064`, `032:033` for an event and its reciprocal, `:110` for the
//! reciprocal alone, `---` for none); the suite's dictionaries use private codes (`174K`), so
//! [`TabariEvent`] carries strings and [`TabariCoder::code`] converts valid CAMEO ones.
//!
//! The coder ([`TabariCoder`]) works from raw text, without a parser: it finds actor and agent
//! phrases, chunks noun phrases, groups compounds ("Gondor and Osgiliath"), removes short
//! comma-delimited clauses as PETRARCH does, and codes each dictionary verb that heads a
//! clause: the source is the clause's first actor, the target the first actor after the verb
//! (or what the pattern's `$` and `+` say), passives with a "by" agent swap them, and a verb
//! inside another coded verb's complement is not coded again.

use dyad_actors::tabari::{tokenize, Discards, PhraseKind, PhraseMatch, TabariActors, TabariToken};
use dyad_actors::Dictionary;
use dyad_model::{
    ActorMention, ArticleId, CameoCode, Event, EventActor, Modality, NaiveDate, Sentence, Span,
};
use std::collections::{HashMap, HashSet};

/// A malformed line in a verb dictionary.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct TabariVerbError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    Word(String),
    Synset(String),
    /// `$`
    Source,
    /// `+`
    Target,
    /// `^`
    Skip,
    /// `%`
    Compound,
}

/// A pattern element and whether it must be adjacent to the element before it (or to the
/// verb, for the first element after `*` and the last before it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elem {
    pub slot: Slot,
    pub adjacent: bool,
    /// Inside a PETRARCH-2 prepositional group `(IN FIREFIGHT)`: words of the same noun
    /// phrase may stand between this element and the one before ("in a firefight").
    pub phrase: bool,
}

/// A parsed pattern: the elements before the verb (left to right), after it, and its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TabariPattern {
    pub upper: Vec<Elem>,
    pub lower: Vec<Elem>,
    /// The verb adjacent to the last upper element (`RECENTLY_*`).
    pub verb_adjacent_upper: bool,
    pub code: String,
    pub origin: String,
    pub text: String,
}

/// A verb (possibly multi-word) and its forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TabariVerb {
    /// Each form: the words, and which of them is the inflected verb.
    pub forms: Vec<(Vec<String>, usize)>,
    pub block: usize,
    /// The verb's own default code, where its line gives one.
    pub code: Option<String>,
}

/// A block of synonymous verbs sharing patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbBlock {
    pub name: String,
    pub code: String,
    pub patterns: Vec<TabariPattern>,
    pub origin: String,
}

/// A PETRARCH-2 transformation, `~ a (b . ATTACK) SAY = a b 112`: when `a` says (the outer
/// verb) that `b` attacked (the inner event), the event is `a` accusing `b`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// The outer verb, as written (`SAY`, `CLAIM`, `WANT`).
    pub outer: String,
    /// Who does the inner act: `a` the outer source, `b` someone else, `_` anyone.
    pub inner_source: char,
    /// The inner act's target: `b`, or `.` for any.
    pub inner_target: char,
    /// The inner verb whose code class the inner event must have (`ATTACK`), or `Q`: any.
    pub inner_verb: String,
    /// The resulting code, or `Q` for the inner event's own.
    pub code: String,
    pub origin: String,
}

/// A parsed TABARI / PETRARCH verb dictionary.
#[derive(Clone, Debug, Default)]
pub struct TabariVerbs {
    pub synsets: HashMap<String, Vec<String>>,
    pub blocks: Vec<VerbBlock>,
    pub verbs: Vec<TabariVerb>,
    pub transformations: Vec<Transformation>,
}

impl TabariVerbs {
    /// Parses one file and adds it; returns the malformed lines (the rest is loaded).
    pub fn add(&mut self, file: &str, text: &str) -> Vec<TabariVerbError> {
        let mut errors = Vec::new();
        enum Ctx {
            None,
            Synset(String),
            Block(usize),
        }
        let mut ctx = Ctx::None;
        let mut in_xml = false;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let err = |message: String| TabariVerbError {
                file: file.to_string(),
                line: line_no,
                message,
            };
            let mut line = raw;
            if in_xml {
                match line.find("-->") {
                    Some(p) => {
                        in_xml = false;
                        line = &line[p + 3..];
                    }
                    None => continue,
                }
            }
            if let Some(p) = line.find("<!") {
                match line[p..].find("-->") {
                    Some(_) => line = &line[..p],
                    None => {
                        in_xml = true;
                        line = &line[..p];
                    }
                }
            }
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(rest) = line.strip_prefix('~') {
                match parse_transformation(rest) {
                    Ok(mut t) => {
                        t.origin = format!("{file}:{line_no}");
                        self.transformations.push(t);
                    }
                    Err(m) => errors.push(err(m)),
                }
                continue;
            }
            if let Some(rest) = line.strip_prefix("---") {
                let body = rest.trim_end_matches('-').trim();
                let (name, codes) = split_brackets(body);
                if name.is_empty() {
                    errors.push(err("a verb block needs a name".into()));
                    ctx = Ctx::None;
                    continue;
                }
                let code = codes
                    .first()
                    .map(|c| c.trim().to_string())
                    .unwrap_or_else(|| "---".into());
                if let Err(m) = check_code(&code) {
                    errors.push(err(m));
                }
                self.blocks.push(VerbBlock {
                    name: name.to_string(),
                    code,
                    patterns: Vec::new(),
                    origin: format!("{file}:{line_no}"),
                });
                ctx = Ctx::Block(self.blocks.len() - 1);
                continue;
            }
            if let Some(name) = line.strip_prefix('&') {
                let name = name
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('_')
                    .to_uppercase();
                if name.is_empty() {
                    errors.push(err("a synonym set needs a name".into()));
                    continue;
                }
                self.synsets.entry(name.clone()).or_default();
                ctx = Ctx::Synset(name);
                continue;
            }
            if let Some(rest) = line.strip_prefix('-') {
                let Ctx::Block(b) = ctx else {
                    errors.push(err("a pattern outside a verb block".into()));
                    continue;
                };
                match parse_pattern(rest) {
                    Ok((upper, lower, verb_adjacent_upper, code)) => {
                        if let Err(m) = check_code(&code) {
                            errors.push(err(m));
                            continue;
                        }
                        let text = rest
                            .split('[')
                            .next()
                            .unwrap_or("")
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        self.blocks[b].patterns.push(TabariPattern {
                            upper,
                            lower,
                            verb_adjacent_upper,
                            code,
                            origin: format!("{file}:{line_no}"),
                            text,
                        });
                    }
                    Err(m) => errors.push(err(m)),
                }
                continue;
            }
            match &ctx {
                Ctx::Synset(name) => {
                    let Some(member) = line.strip_prefix('+') else {
                        errors.push(err(format!("expected a '+' member of &{name}")));
                        continue;
                    };
                    let member = member.trim();
                    if member.is_empty() {
                        errors.push(err("empty synonym".into()));
                        continue;
                    }
                    self.synsets
                        .entry(name.clone())
                        .or_default()
                        .push(member.to_string());
                }
                Ctx::Block(b) => match parse_verb_line(line) {
                    Ok((forms, code)) => {
                        if let Some(c) = &code {
                            if let Err(m) = check_code(c) {
                                errors.push(err(m));
                                continue;
                            }
                        }
                        self.verbs.push(TabariVerb {
                            forms,
                            block: *b,
                            code,
                        });
                    }
                    Err(m) => errors.push(err(m)),
                },
                Ctx::None => errors.push(err(format!(
                    "'{line}' is outside any verb block or synonym set"
                ))),
            }
        }
        errors
    }

    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }
}

/// `a (b . ATTACK) SAY = a b 112` (after the `~`).
fn parse_transformation(rest: &str) -> Result<Transformation, String> {
    let spaced = rest.replace('(', " ( ").replace(')', " ) ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let malformed =
        || format!("transformation '~{rest}': expected `a (X Y VERB) OUTER = a b CODE`");
    let [a, "(", inner_source, inner_target, inner_verb, ")", outer, "=", ra, rb, code] =
        words.as_slice()
    else {
        return Err(malformed());
    };
    let var = |w: &str| w.chars().next().filter(|_| w.chars().count() == 1);
    let (Some(inner_source), Some(inner_target)) = (var(inner_source), var(inner_target)) else {
        return Err(malformed());
    };
    if *a != "a" || *ra != "a" || *rb != "b" || !"ab_".contains(inner_source) {
        return Err(format!(
            "transformation '~{rest}': only results `a b CODE` from an outer source `a` are supported"
        ));
    }
    if *code != "Q" {
        check_code(code)?;
    }
    Ok(Transformation {
        outer: outer.to_string(),
        inner_source,
        inner_target,
        inner_verb: inner_verb.to_string(),
        code: code.to_string(),
        origin: String::new(),
    })
}

fn split_brackets(s: &str) -> (&str, Vec<&str>) {
    let head_end = s.find('[').unwrap_or(s.len());
    let mut out = Vec::new();
    let mut rest = &s[head_end..];
    while let Some(o) = rest.find('[') {
        let after = &rest[o + 1..];
        let Some(c) = after.find(']') else { break };
        out.push(&after[..c]);
        rest = &after[c + 1..];
    }
    (s[..head_end].trim(), out)
}

fn check_code(code: &str) -> Result<(), String> {
    let ok = !code.is_empty()
        && code.len() <= 12
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '+' | '#' | '?'));
    if ok {
        Ok(())
    } else {
        Err(format!("'{code}' is not an event code"))
    }
}

/// `BREAK {BROKE BROKEN}`, `+BREAK_DOWN {+BROKE_DOWN}`, `WIRE_+TAP`, `DOWNPLAY [014]`.
#[allow(clippy::type_complexity)]
fn parse_verb_line(line: &str) -> Result<(Vec<(Vec<String>, usize)>, Option<String>), String> {
    let (head, codes) = split_brackets(line);
    let code = codes.first().map(|c| c.trim().to_string());
    let (verb, extra) = match head.split_once('{') {
        Some((v, rest)) => {
            let inner = rest.split_once('}').ok_or("unclosed '{' in verb forms")?.0;
            (v.trim(), inner.split_whitespace().collect::<Vec<_>>())
        }
        None => (head.trim(), Vec::new()),
    };
    if verb.is_empty() {
        return Err("empty verb".into());
    }
    let base = verb_words(verb)?;
    let mut forms = Vec::new();
    let (words, at) = base.clone();
    for form in inflections(&words[at]) {
        let mut w = words.clone();
        w[at] = form;
        forms.push((w, at));
    }
    for e in extra {
        forms.push(verb_words(e)?);
    }
    forms.dedup();
    Ok((forms, code))
}

/// Splits a verb phrase on `_` and spaces; `+` marks the verb word (else the first word).
fn verb_words(phrase: &str) -> Result<(Vec<String>, usize), String> {
    let mut words = Vec::new();
    let mut at = None;
    for part in phrase.split(['_', ' ']).filter(|p| !p.is_empty()) {
        let (w, marked) = match part.strip_prefix('+') {
            Some(w) => (w, true),
            None => (part, false),
        };
        if w.is_empty()
            || !w
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '.'))
        {
            return Err(format!("malformed verb '{phrase}'"));
        }
        if marked {
            at = Some(words.len());
        }
        let toks = tokenize(w, Span::new(0, w.len()));
        words.extend(toks.into_iter().map(|t| t.word));
    }
    if words.is_empty() {
        return Err(format!("malformed verb '{phrase}'"));
    }
    Ok((words, at.unwrap_or(0)))
}

/// PETRARCH's regular verb forms: base, -S, -ED, -ING.
pub fn inflections(base: &str) -> Vec<String> {
    let b = base.to_uppercase();
    let mut out = vec![b.clone()];
    let last = b.chars().last().unwrap_or(' ');
    let before_last = b.chars().rev().nth(1).unwrap_or(' ');
    let vowel = |c: char| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U');
    // -S
    if b.ends_with('S')
        || b.ends_with('X')
        || b.ends_with('Z')
        || b.ends_with("CH")
        || b.ends_with("SH")
    {
        out.push(format!("{b}ES"));
    } else if last == 'Y' && !vowel(before_last) {
        out.push(format!("{}IES", &b[..b.len() - 1]));
    } else {
        out.push(format!("{b}S"));
    }
    // -ED
    if last == 'E' {
        out.push(format!("{b}D"));
    } else if last == 'Y' && !vowel(before_last) {
        out.push(format!("{}IED", &b[..b.len() - 1]));
    } else {
        out.push(format!("{b}ED"));
    }
    // -ING
    if last == 'E' && before_last != 'E' && b.len() > 2 {
        out.push(format!("{}ING", &b[..b.len() - 1]));
    } else {
        out.push(format!("{b}ING"));
    }
    out
}

/// Parses `PATTERN [CODE]` into upper and lower elements.
#[allow(clippy::type_complexity)]
fn parse_pattern(rest: &str) -> Result<(Vec<Elem>, Vec<Elem>, bool, String), String> {
    let (body, codes) = split_brackets(rest);
    let code = codes
        .first()
        .ok_or("a pattern needs a [code]")?
        .trim()
        .to_string();
    // Lex: separators are spaces (gap) and '_' (adjacent); groups () {} make their contents
    // adjacent.
    let mut elems: Vec<Elem> = Vec::new();
    let mut verb_at: Option<usize> = None;
    let mut verb_adjacent_upper = false;
    let mut first_lower_adjacent = false;
    let mut adjacent = false;
    let mut depth = 0usize;
    let mut stack: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String,
                 elems: &mut Vec<Elem>,
                 adjacent: &mut bool,
                 in_pp: bool|
     -> Result<(), String> {
        if word.is_empty() {
            return Ok(());
        }
        let w = std::mem::take(word);
        let slot = match w.as_str() {
            "$" => Slot::Source,
            "+" => Slot::Target,
            "^" => Slot::Skip,
            "%" => Slot::Compound,
            _ if w.starts_with('&') => Slot::Synset(w[1..].trim_end_matches('_').to_uppercase()),
            _ => {
                if w.contains(['$', '%', '^', '&', '*']) {
                    return Err(format!("malformed pattern word '{w}'"));
                }
                // A word may be several tokens ("DON'T" is DO N'T).
                let toks = tokenize(&w, Span::new(0, w.len()));
                for (k, t) in toks.iter().enumerate() {
                    elems.push(Elem {
                        slot: Slot::Word(t.word.clone()),
                        adjacent: if k == 0 { *adjacent } else { true },
                        phrase: k == 0 && *adjacent && in_pp,
                    });
                }
                *adjacent = false;
                return Ok(());
            }
        };
        elems.push(Elem {
            slot,
            adjacent: *adjacent,
            phrase: *adjacent && in_pp,
        });
        *adjacent = false;
        Ok(())
    };
    let chars: Vec<char> = body.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        match c {
            '*' => {
                flush(
                    &mut word,
                    &mut elems,
                    &mut adjacent,
                    stack.last() == Some(&'('),
                )?;
                if verb_at.is_some() {
                    return Err("a pattern has one '*'".into());
                }
                verb_adjacent_upper = adjacent && !elems.is_empty();
                verb_at = Some(elems.len());
                adjacent = false;
                if chars.get(k + 1) == Some(&'_') {
                    first_lower_adjacent = true;
                    k += 1;
                }
            }
            '_' => {
                let had_word = !word.is_empty();
                flush(
                    &mut word,
                    &mut elems,
                    &mut adjacent,
                    stack.last() == Some(&'('),
                )?;
                // A trailing '_' before a space only marks an exact word.
                let next = chars.get(k + 1).copied().unwrap_or(' ');
                if next != ' ' && next != '\t' && (had_word || elems.last().is_some()) {
                    adjacent = true;
                }
            }
            ' ' | '\t' => {
                flush(
                    &mut word,
                    &mut elems,
                    &mut adjacent,
                    stack.last() == Some(&'('),
                )?;
                adjacent = depth > 0 && !elems.is_empty() && !adjacent_group_start(&chars, k);
            }
            '(' | '{' => {
                flush(
                    &mut word,
                    &mut elems,
                    &mut adjacent,
                    stack.last() == Some(&'('),
                )?;
                depth += 1;
                stack.push(c);
                adjacent = false;
            }
            ')' | '}' => {
                flush(
                    &mut word,
                    &mut elems,
                    &mut adjacent,
                    stack.last() == Some(&'('),
                )?;
                depth = depth.saturating_sub(1);
                stack.pop();
                adjacent = false;
            }
            '$' | '+' | '^' | '%' if word.is_empty() => {
                word.push(c);
                flush(
                    &mut word,
                    &mut elems,
                    &mut adjacent,
                    stack.last() == Some(&'('),
                )?;
            }
            _ => word.push(c),
        }
        k += 1;
    }
    flush(
        &mut word,
        &mut elems,
        &mut adjacent,
        stack.last() == Some(&'('),
    )?;
    let verb_at = verb_at.ok_or("a pattern needs '*' for the verb")?;
    let mut lower = elems.split_off(verb_at);
    if let Some(first) = lower.first_mut() {
        first.adjacent = first_lower_adjacent;
    }
    Ok((elems, lower, verb_adjacent_upper, code))
}

fn adjacent_group_start(chars: &[char], k: usize) -> bool {
    // "( TO" — a space right after an opening bracket does not make a gap inside the group.
    k > 0 && matches!(chars[k - 1], '(' | '{')
}

// ---------------------------------------------------------------------------------------------
// Compiled matcher.

#[derive(Clone, Debug)]
struct VerbForm {
    words: Vec<String>,
    at: usize,
    verb: usize,
}

/// Synonym sets expanded to word sequences.
#[derive(Clone, Debug, Default)]
struct Synsets {
    members: HashMap<String, Vec<Vec<String>>>,
}

/// A compiled verb dictionary: verb forms indexed by their inflected word.
#[derive(Clone, Debug, Default)]
pub struct TabariMatcher {
    forms: HashMap<String, Vec<VerbForm>>,
    verbs: Vec<TabariVerb>,
    blocks: Vec<VerbBlock>,
    synsets: Synsets,
    transformations: Vec<Transformation>,
}

impl TabariMatcher {
    /// Compiles a parsed dictionary. Unknown synonym sets used in patterns are returned as
    /// warnings (the patterns using them never match).
    pub fn new(dict: &TabariVerbs) -> (TabariMatcher, Vec<String>) {
        let mut warnings = Vec::new();
        let mut members: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for name in dict.synsets.keys() {
            let mut seen = HashSet::new();
            let expanded = expand_synset(name, dict, &mut seen);
            members.insert(name.clone(), expanded);
        }
        for b in &dict.blocks {
            for p in &b.patterns {
                for e in p.upper.iter().chain(&p.lower) {
                    if let Slot::Synset(s) = &e.slot {
                        if !members.contains_key(s) {
                            warnings.push(format!("{}: unknown synonym set &{s}", p.origin));
                        }
                    }
                }
            }
        }
        let mut forms: HashMap<String, Vec<VerbForm>> = HashMap::new();
        for (vi, v) in dict.verbs.iter().enumerate() {
            for (words, at) in &v.forms {
                forms.entry(words[*at].clone()).or_default().push(VerbForm {
                    words: words.clone(),
                    at: *at,
                    verb: vi,
                });
            }
        }
        for list in forms.values_mut() {
            list.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        }
        let matcher = TabariMatcher {
            forms,
            verbs: dict.verbs.clone(),
            blocks: dict.blocks.clone(),
            synsets: Synsets { members },
            transformations: dict.transformations.clone(),
        };
        (matcher, warnings)
    }

    pub fn verb_form_count(&self) -> usize {
        self.forms.values().map(Vec::len).sum()
    }

    fn is_verb_word(&self, w: &str) -> bool {
        self.forms.contains_key(w)
    }

    /// The longest verb form at token `i` (the inflected word): (start, end, verb indices).
    fn verb_at(&self, words: &[&str], i: usize) -> Option<(usize, usize, Vec<usize>)> {
        let list = self.forms.get(words[i])?;
        let mut best: Option<(usize, usize, Vec<usize>)> = None;
        for f in list {
            let start = i.checked_sub(f.at)?;
            let end = start + f.words.len();
            if end > words.len()
                || !f
                    .words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| words[start + k] == w)
            {
                continue;
            }
            match &mut best {
                Some((bs, be, vs)) if *be - *bs == f.words.len() => {
                    if !vs.contains(&f.verb) {
                        vs.push(f.verb);
                    }
                }
                Some((bs, be, _)) if *be - *bs > f.words.len() => {}
                _ => best = Some((start, end, vec![f.verb])),
            }
        }
        best
    }
}

/// "ASSURANCES" for a pattern's ASSURANCE: pattern nouns match their regular plurals.
fn is_plural_of(word: &str, noun: &str) -> bool {
    noun.len() > 2
        && word.len() > noun.len()
        && word.starts_with(noun)
        && matches!(&word[noun.len()..], "S" | "ES" | "s" | "es")
}

fn expand_synset(name: &str, dict: &TabariVerbs, seen: &mut HashSet<String>) -> Vec<Vec<String>> {
    if !seen.insert(name.to_string()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for m in dict.synsets.get(name).into_iter().flatten() {
        if let Some(inner) = m.strip_prefix('&') {
            let inner = inner.trim_end_matches('_').to_uppercase();
            out.extend(expand_synset(&inner, dict, seen));
            continue;
        }
        let words: Vec<String> = m
            .split(['_', ' '])
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                tokenize(w, Span::new(0, w.len()))
                    .into_iter()
                    .map(|t| t.word)
            })
            .collect();
        if !words.is_empty() {
            out.push(words);
        }
    }
    seen.remove(name);
    out
}

// ---------------------------------------------------------------------------------------------
// Coding.

/// PETRARCH's coder settings (`<Config>` in its unit tests).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TabariConfig {
    /// Code only events with both a source and a target.
    pub require_dyad: bool,
    /// Uncoded noun phrases of at most this many words become actors named by their words
    /// (0: never).
    pub new_actor_length: usize,
    /// Comma-delimited clauses of `comma_min..=comma_max` words inside the sentence are
    /// removed before coding (max 0: never); `bmin/bmax` for a clause opening the sentence,
    /// `emin/emax` for one closing it.
    pub comma_min: usize,
    pub comma_max: usize,
    pub comma_bmin: usize,
    pub comma_bmax: usize,
    pub comma_emin: usize,
    pub comma_emax: usize,
}

impl Default for TabariConfig {
    fn default() -> Self {
        TabariConfig {
            require_dyad: true,
            new_actor_length: 0,
            comma_min: 2,
            comma_max: 8,
            comma_bmin: 0,
            comma_bmax: 0,
            comma_emin: 2,
            comma_emax: 8,
        }
    }
}

/// An event with TABARI's codes as written (they need not be valid CAMEO).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TabariEvent {
    pub sentence: usize,
    /// Actor code; `---` where the source has no code.
    pub source: String,
    pub target: String,
    pub code: String,
    pub source_span: Option<Span>,
    pub target_span: Option<Span>,
    /// The verb (or verb phrase).
    pub trigger: Span,
    /// The pattern that set the code (`file:line`), or the verb block's.
    pub pattern: String,
}

/// The compiled TABARI-compatible coder: actors, agents, verbs and discards.
pub struct TabariCoder {
    actors: TabariActors,
    verbs: TabariMatcher,
    discards: Discards,
    config: TabariConfig,
}

impl TabariCoder {
    pub fn new(
        actors: &Dictionary,
        verbs: &TabariVerbs,
        discards: Discards,
    ) -> (TabariCoder, Vec<String>) {
        let (matcher, warnings) = TabariMatcher::new(verbs);
        (
            TabariCoder {
                actors: TabariActors::new(actors),
                verbs: matcher,
                discards,
                config: TabariConfig::default(),
            },
            warnings,
        )
    }

    pub fn with_config(mut self, config: TabariConfig) -> TabariCoder {
        self.config = config;
        self
    }

    pub fn config(&self) -> &TabariConfig {
        &self.config
    }

    pub fn actors(&self) -> &TabariActors {
        &self.actors
    }

    /// Codes one sentence (`span` of `text`) with the coder's configuration.
    pub fn code_sentence(
        &self,
        text: &str,
        span: Span,
        index: usize,
        date: Option<NaiveDate>,
    ) -> Vec<TabariEvent> {
        self.code_sentence_with(text, span, index, date, &self.config)
    }

    /// Codes one sentence with the given configuration.
    pub fn code_sentence_with(
        &self,
        text: &str,
        span: Span,
        index: usize,
        date: Option<NaiveDate>,
        config: &TabariConfig,
    ) -> Vec<TabariEvent> {
        let Some(s) = Analysed::new(self, text, span, date, config) else {
            return Vec::new();
        };
        s.code(index)
    }

    /// Codes an article's sentences; a story-level discard anywhere discards them all.
    pub fn code_article(
        &self,
        text: &str,
        sentences: &[Sentence],
        date: Option<NaiveDate>,
    ) -> Vec<TabariEvent> {
        if self.story_discarded(text, sentences) {
            return Vec::new();
        }
        sentences
            .iter()
            .flat_map(|s| self.code_sentence(text, s.span, s.index, date))
            .collect()
    }

    fn story_discarded(&self, text: &str, sentences: &[Sentence]) -> bool {
        sentences.iter().any(|s| {
            let toks = tokenize(text, s.span);
            let words: Vec<&str> = toks.iter().map(|t| t.word.as_str()).collect();
            matches!(self.discards.find(&words), Some((true, _)))
        })
    }

    /// dyad events for an article: TABARI events whose codes are CAMEO codes and whose
    /// actors are both coded.
    pub fn code(
        &self,
        article: &ArticleId,
        text: &str,
        sentences: &[Sentence],
        date: Option<NaiveDate>,
    ) -> Vec<Event> {
        self.code_article(text, sentences, date)
            .into_iter()
            .filter_map(|e| {
                let code = CameoCode::parse(&e.code)?;
                if e.source == "---" || e.target == "---" {
                    return None;
                }
                let sentence = sentences.iter().find(|s| s.index == e.sentence)?;
                Some(Event {
                    article: article.clone(),
                    sentence: e.sentence,
                    source: EventActor {
                        code: e.source,
                        span: e.source_span,
                    },
                    target: EventActor {
                        code: e.target,
                        span: e.target_span,
                    },
                    code,
                    date,
                    modality: Modality::Asserted,
                    evidence: sentence.span,
                    trigger: e.trigger,
                    confidence: 0.7,
                })
            })
            .collect()
    }

    /// The coded noun phrases of each sentence, as actor mentions.
    pub fn mentions(
        &self,
        text: &str,
        sentences: &[Sentence],
        date: Option<NaiveDate>,
    ) -> Vec<ActorMention> {
        let mut out = Vec::new();
        for s in sentences {
            let Some(a) = Analysed::new(self, text, s.span, date, &self.config) else {
                continue;
            };
            for np in &a.nps {
                for code in &np.codes {
                    if code == "---" {
                        continue;
                    }
                    // The words that named the actor, not the whole noun phrase.
                    let named: Vec<usize> = (np.start..np.end)
                        .filter(|&k| a.phrase_at[k].is_some())
                        .collect();
                    let (first, last) = match (named.first(), named.last()) {
                        (Some(&f), Some(&l)) => (f, l),
                        _ => (np.start, np.end - 1),
                    };
                    let span = Span::new(a.toks[first].span.start, a.toks[last].span.end);
                    out.push(ActorMention {
                        span,
                        text: span.slice(text).to_string(),
                        code: code.clone(),
                        entry: np.how.clone(),
                        sentence: s.index,
                    });
                }
            }
        }
        out
    }
}

// Closed-class words (upper case).
const DETERMINERS: &[&str] = &[
    "THE", "A", "AN", "THIS", "THESE", "THOSE", "ITS", "THEIR", "HIS", "HER", "OUR", "MY", "YOUR",
    "SOME", "ANY", "NO", "EVERY", "EACH", "ALL", "BOTH", "SEVERAL", "MANY", "FEW", "ANOTHER",
    "SUCH", "'S", "'",
];
const PREPOSITIONS: &[&str] = &[
    "IN",
    "ON",
    "AT",
    "BY",
    "FOR",
    "FROM",
    "WITH",
    "TO",
    "OF",
    "INTO",
    "ONTO",
    "ABOUT",
    "AGAINST",
    "BETWEEN",
    "AMONG",
    "DURING",
    "OVER",
    "UNDER",
    "THROUGH",
    "ACROSS",
    "ALONG",
    "TOWARD",
    "TOWARDS",
    "NEAR",
    "WITHOUT",
    "WITHIN",
    "DESPITE",
    "AMID",
    "VIA",
    "PER",
    "AROUND",
    "BEHIND",
    "BEYOND",
    "UPON",
    "LIKE",
    "THAN",
    "INCLUDING",
    "FOLLOWING",
    "REGARDING",
    "CONCERNING",
    "OUTSIDE",
    "INSIDE",
    "ACCORDING",
];
const CONJUNCTIONS: &[&str] = &["AND", "OR", "NOR", "BUT", "&"];
const SUBORDINATORS: &[&str] = &[
    "THAT", "WHICH", "WHO", "WHOM", "WHOSE", "WHEN", "WHILE", "WHERE", "BECAUSE", "ALTHOUGH",
    "THOUGH", "IF", "UNLESS", "WHETHER", "AS", "SINCE", "AFTER", "BEFORE", "UNTIL", "WHEREAS",
    "ONCE",
];
const PRONOUNS: &[&str] = &[
    "HE", "SHE", "IT", "THEY", "WE", "I", "YOU", "HIM", "THEM", "ME", "ONE", "THERE", "THIS",
];
const AUXILIARIES: &[&str] = &[
    "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "HAS", "HAVE", "HAD", "HAVING", "DO",
    "DOES", "DID", "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST",
    "WO", "CA", "N'T", "NOT",
];
const MODALS: &[&str] = &[
    "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "WO", "CA",
];
const BE_FORMS: &[&str] = &[
    "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "GET", "GOT", "GETS",
];
/// Words that are noun phrases of time, not complements ("said today").
const BARE_TIME: &[&str] = &[
    "TODAY",
    "YESTERDAY",
    "TOMORROW",
    "TONIGHT",
    "NOW",
    "HERE",
    "THERE",
    "AGAIN",
    "LATER",
];
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "MET",
    "HELD",
    "SENT",
    "GIVEN",
    "TAKEN",
    "SEEN",
    "SHOT",
    "HIT",
    "CUT",
    "PUT",
    "SET",
    "LED",
    "FOUGHT",
    "SOUGHT",
    "BROUGHT",
    "BOUGHT",
    "MADE",
    "SAID",
    "TOLD",
    "KEPT",
    "LEFT",
    "STRUCK",
    "BEATEN",
    "WON",
    "LOST",
    "BUILT",
    "THROWN",
    "OVERTHROWN",
    "WITHDRAWN",
    "DRAWN",
    "SHOWN",
    "KNOWN",
    "BEGUN",
    "BROKEN",
    "SPOKEN",
    "STOLEN",
    "CHOSEN",
    "FROZEN",
    "SLAIN",
    "BOUND",
    "FOUND",
    "PAID",
    "LAID",
    "DEALT",
    "HEARD",
    "FORGIVEN",
    "FORBIDDEN",
    "UNDERTAKEN",
    "OVERRUN",
    "UPHELD",
    "WITHHELD",
    "SPREAD",
    "HURT",
    "BLOWN",
    "DRIVEN",
    "RISEN",
    "SHAKEN",
    "SUNK",
];

fn is_closed(w: &str) -> bool {
    DETERMINERS.contains(&w)
        || PREPOSITIONS.contains(&w)
        || CONJUNCTIONS.contains(&w)
        || SUBORDINATORS.contains(&w)
        || PRONOUNS.contains(&w)
        || AUXILIARIES.contains(&w)
}

/// A noun phrase: a token range and the codes it stands for.
#[derive(Clone, Debug)]
struct Np {
    start: usize,
    end: usize,
    /// Codes (several for a multi-code actor); empty when uncoded.
    codes: Vec<String>,
    /// Agent roles only, no actor ("officials" → GOV).
    agent_only: bool,
    /// Actor and agent roles, for compounds that share an actor ("Danish media and
    /// government"): the actor code with modifiers, and the head role.
    base: Option<String>,
    /// Agent roles of an agent-only phrase (suffix roles, in order).
    roles: Vec<String>,
    /// Prefix roles of an agent-only phrase (`NGO~`).
    prefix: Vec<String>,
    /// An actor named by its words (`new_actor_length`).
    new_actor: bool,
    how: String,
}

/// Compound group: noun phrases joined by conjunctions and list commas.
#[derive(Clone, Debug)]
struct Group {
    nps: Vec<usize>,
    start: usize,
    end: usize,
}

/// A verb occurrence.
#[derive(Clone, Debug)]
struct VerbHit {
    start: usize,
    end: usize,
    /// The inflected word.
    head: usize,
    verbs: Vec<usize>,
}

struct Analysed<'c> {
    coder: &'c TabariCoder,
    config: &'c TabariConfig,
    toks: Vec<TabariToken>,
    words: Vec<String>,
    /// Token → phrase match index.
    phrase_at: Vec<Option<usize>>,
    phrases: Vec<PhraseMatch>,
    verbs: Vec<VerbHit>,
    is_verb: Vec<bool>,
    nps: Vec<Np>,
    np_at: Vec<Option<usize>>,
    groups: Vec<Group>,
    group_of: Vec<usize>,
}

impl<'c> Analysed<'c> {
    fn new(
        coder: &'c TabariCoder,
        text: &str,
        span: Span,
        date: Option<NaiveDate>,
        config: &'c TabariConfig,
    ) -> Option<Analysed<'c>> {
        let raw = tokenize(text, span);
        if raw.is_empty() {
            return None;
        }
        let raw_words: Vec<&str> = raw.iter().map(|t| t.word.as_str()).collect();
        if coder.discards.find(&raw_words).is_some() {
            return None;
        }
        let raw_phrases = coder.actors.find(text, &raw, date);
        let mut in_actor = vec![false; raw.len()];
        for p in &raw_phrases {
            for f in in_actor.iter_mut().take(p.end).skip(p.start) {
                *f = true;
            }
        }
        let toks = remove_comma_clauses(raw, &in_actor, config, &coder.verbs);
        let words: Vec<String> = toks.iter().map(|t| t.word.clone()).collect();
        let phrases = coder.actors.find(text, &toks, date);
        let mut phrase_at = vec![None; toks.len()];
        for (pi, p) in phrases.iter().enumerate() {
            for slot in phrase_at.iter_mut().take(p.end).skip(p.start) {
                *slot = Some(pi);
            }
        }
        let mut a = Analysed {
            coder,
            config,
            toks,
            words,
            phrase_at,
            phrases,
            verbs: Vec::new(),
            is_verb: Vec::new(),
            nps: Vec::new(),
            np_at: Vec::new(),
            groups: Vec::new(),
            group_of: Vec::new(),
        };
        a.find_verbs();
        a.chunk();
        a.group();
        Some(a)
    }

    fn w(&self, i: usize) -> &str {
        self.words.get(i).map_or("", String::as_str)
    }

    fn is_punct(&self, i: usize) -> bool {
        self.toks.get(i).is_none_or(|t| t.punct)
    }

    /// A plain word: not closed-class, not punctuation, not an actor or agent, not a verb.
    fn is_plain(&self, i: usize) -> bool {
        i < self.toks.len()
            && !self.is_punct(i)
            && !is_closed(self.w(i))
            && self.phrase_at[i].is_none()
            && !self.is_verb.get(i).copied().unwrap_or(false)
    }

    fn find_verbs(&mut self) {
        let words: Vec<&str> = self.words.iter().map(String::as_str).collect();
        self.is_verb = vec![false; words.len()];
        let mut i = 0;
        while i < words.len() {
            if self.toks[i].punct || self.phrase_at[i].is_some() || MODALS.contains(&words[i]) {
                i += 1;
                continue;
            }
            let Some((start, end, verbs)) = self.coder.verbs.verb_at(&words, i) else {
                i += 1;
                continue;
            };
            if start < self.verbs.last().map_or(0, |v| v.end)
                || (start..end).any(|k| self.phrase_at[k].is_some())
            {
                i += 1;
                continue;
            }
            if !self.used_as_verb(start, i) {
                i += 1;
                continue;
            }
            for k in start..end {
                self.is_verb[k] = true;
            }
            self.verbs.push(VerbHit {
                start,
                end,
                head: i,
                verbs,
            });
            i = end.max(i + 1);
        }
    }

    /// Is the dictionary verb form at `head` (phrase starting at `start`) used as a verb?
    fn used_as_verb(&self, start: usize, head: usize) -> bool {
        let w = self.w(head);
        if start == 0 {
            // A sentence rarely opens with a finite verb; participles ("Rebuked by ...") may.
            return false;
        }
        let prev = self.w(start - 1);
        if DETERMINERS.contains(&prev) || (PREPOSITIONS.contains(&prev) && prev != "TO") {
            return false;
        }
        // "giant Free Tibet banners": PETRARCH-2's parser tags a capitalised word inside a
        // sentence as a proper noun, not a verb.
        if self.petrarch2() && self.toks[head].capital && !self.headline() {
            return false;
        }
        let past = w.ends_with("ED") || IRREGULAR_PARTICIPLES.contains(&w);
        let ing = w.ends_with("ING");
        if !past && !ing {
            // A base or -s form after adjectives and a determiner is a noun: "his first
            // official foreign visit", "a 12-year break".
            let mut k = start;
            let mut steps = 0;
            while k > 0 && steps < 4 {
                k -= 1;
                steps += 1;
                let p = self.w(k);
                if DETERMINERS.contains(&p) {
                    return false;
                }
                let plain = !self.is_punct(k) && !is_closed(p) && self.phrase_at[k].is_none();
                if !plain || self.toks[k].capital || self.is_adverb(p) {
                    break;
                }
            }
        }
        if ing {
            // "the affected villages" is handled above; a gerund after a determiner is a noun.
            if start >= 1 && DETERMINERS.contains(&prev) {
                return false;
            }
        }
        true
    }

    fn is_adverb(&self, w: &str) -> bool {
        w.ends_with("LY")
            || matches!(
                w,
                "NOW" | "ALSO" | "AGAIN" | "STILL" | "ALREADY" | "NEVER" | "EVER" | "JUST"
            )
    }

    /// Chunks noun phrases.
    fn chunk(&mut self) {
        let n = self.toks.len();
        self.np_at = vec![None; n];
        let mut i = 0;
        while i < n {
            if !self.np_token(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i;
            while end < n && self.np_token(end) {
                // Adjective coordination inside a phrase: "awful and evil minister X".
                end += 1;
                if end < n && self.w(end) == "AND" && self.adjective_coordination(start, end) {
                    end += 1;
                }
            }
            // A pronoun is a phrase of its own.
            self.push_np(start, end);
            i = end;
        }
    }

    fn np_token(&self, i: usize) -> bool {
        if i >= self.toks.len() || self.is_verb[i] {
            return false;
        }
        if self.phrase_at[i].is_some() {
            return true;
        }
        if self.is_punct(i) {
            return self.w(i) == "'";
        }
        let w = self.w(i);
        if w == "'S" {
            return true;
        }
        if DETERMINERS.contains(&w) {
            return true;
        }
        if PRONOUNS.contains(&w) {
            return false;
        }
        !(PREPOSITIONS.contains(&w)
            || CONJUNCTIONS.contains(&w)
            || SUBORDINATORS.contains(&w)
            || AUXILIARIES.contains(&w))
    }

    /// `A and B C` where A and B are plain modifiers and C continues the phrase with an actor
    /// or agent: "awful and evil minister Calimehtar".
    fn adjective_coordination(&self, start: usize, and: usize) -> bool {
        if and == start || !self.is_plain(and - 1) || !self.is_plain(and + 1) {
            return false;
        }
        // The rest of the phrase after B must hold an actor or agent.
        let mut k = and + 2;
        let mut found = false;
        while k < self.toks.len() && self.np_token(k) {
            if self.phrase_at[k].is_some() {
                found = true;
                break;
            }
            k += 1;
        }
        found
    }

    fn push_np(&mut self, start: usize, end: usize) {
        let mut actors: Vec<&PhraseMatch> = Vec::new();
        let mut suffix: Vec<String> = Vec::new();
        let mut prefix: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for k in start..end {
            if let Some(pi) = self.phrase_at[k] {
                if !seen.insert(pi) {
                    continue;
                }
                let p = &self.phrases[pi];
                match p.kind {
                    PhraseKind::Actor => actors.push(p),
                    PhraseKind::Agent => match p.code.strip_suffix('~') {
                        Some(pre) => prefix.push(pre.to_string()),
                        None => suffix.push(p.code.clone()),
                    },
                }
            }
        }
        let entries = self.coder.actors.entries();
        let mut how = Vec::new();
        for p in actors.iter().take(1) {
            how.push(format!(
                "{} ({})",
                entries[p.entry].name, entries[p.entry].origin
            ));
        }
        let mut np = Np {
            start,
            end,
            codes: Vec::new(),
            agent_only: false,
            base: None,
            roles: Vec::new(),
            prefix: Vec::new(),
            new_actor: false,
            how: String::new(),
        };
        if let Some(first) = actors.first() {
            let bases: Vec<String> = first.code.split('/').map(str::to_string).collect();
            for b in bases {
                let null = b == "---" && suffix.is_empty() && prefix.is_empty();
                if null {
                    continue;
                }
                let mut code = prefix
                    .iter()
                    .fold(String::new(), |acc, p| join_code(&acc, p));
                code = join_code(&code, &b);
                let mut base = code.clone();
                for (n, s) in suffix.iter().enumerate() {
                    code = join_code(&code, s);
                    if n + 1 < suffix.len() {
                        base = code.clone();
                    }
                }
                np.base = Some(base);
                np.codes.push(code);
            }
        } else if !suffix.is_empty() || !prefix.is_empty() {
            let mut code = prefix
                .iter()
                .fold(String::new(), |acc, p| join_code(&acc, p));
            code = join_code(&code, "---");
            for s in &suffix {
                code = join_code(&code, s);
            }
            np.codes.push(code);
            np.agent_only = true;
            np.roles = suffix.clone();
            np.prefix = prefix.clone();
        } else if self.config.new_actor_length > 0 {
            let words: Vec<&str> = (start..end)
                .filter(|&k| !self.is_punct(k) && self.w(k) != "'S")
                .map(|k| self.w(k))
                .collect();
            if !words.is_empty()
                && words.len() <= self.config.new_actor_length
                && !words
                    .iter()
                    .all(|w| BARE_TIME.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
            {
                np.codes.push(format!("\"{}\"", words.join(" ")));
                np.new_actor = true;
            }
        }
        if !suffix.is_empty() {
            how.push(format!("+ {}", suffix.join("+")));
        }
        np.how = how.join(" ");
        let idx = self.nps.len();
        for k in start..end {
            self.np_at[k] = Some(idx);
        }
        self.nps.push(np);
    }

    /// Groups noun phrases into compounds: `A and B`, `A, B and C`, `A, B, and C`, `neither A
    /// nor B`.
    fn group(&mut self) {
        // New actors may span "of": "the Ministry of Magic".
        if self.config.new_actor_length > 0 {
            self.merge_new_actor_of();
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut k = 0;
        while k < self.nps.len() {
            let mut members = vec![k];
            let mut j = k;
            let mut conj_seen = false;
            loop {
                let gap_start = self.nps[j].end;
                let Some(next) = (j + 1 < self.nps.len()).then_some(j + 1) else {
                    break;
                };
                let gap: Vec<&str> = (gap_start..self.nps[next].start)
                    .map(|t| self.w(t))
                    .collect();
                let is_conj = matches!(
                    gap.as_slice(),
                    ["AND"] | ["OR"] | ["NOR"] | [",", "AND"] | [",", "OR"] | ["&"]
                );
                let is_comma = gap.as_slice() == [","];
                if is_conj && !conj_seen {
                    members.push(next);
                    conj_seen = true;
                    j = next;
                    continue;
                }
                if is_conj && conj_seen && gap.len() == 1 {
                    members.push(next);
                    j = next;
                    continue;
                }
                if is_comma && !conj_seen && self.list_continues(next) {
                    members.push(next);
                    j = next;
                    continue;
                }
                break;
            }
            let start = self.nps[members[0]].start;
            let end = self.nps[*members.last().unwrap_or(&k)].end;
            let next = members.last().copied().unwrap_or(k) + 1;
            groups.push(Group {
                nps: members,
                start,
                end,
            });
            k = next;
        }
        self.group_of = vec![0; self.nps.len()];
        for (gi, g) in groups.iter().enumerate() {
            for &n in &g.nps {
                self.group_of[n] = gi;
            }
        }
        self.groups = groups;
    }

    /// After `A ,` does a list go on to a conjunction: `B , C and D`?
    fn list_continues(&self, from: usize) -> bool {
        let mut j = from;
        loop {
            let Some(next) = (j + 1 < self.nps.len()).then_some(j + 1) else {
                return false;
            };
            let gap: Vec<&str> = (self.nps[j].end..self.nps[next].start)
                .map(|t| self.w(t))
                .collect();
            match gap.as_slice() {
                [","] => j = next,
                ["AND"] | ["OR"] | [",", "AND"] | [",", "OR"] | ["NOR"] => return true,
                _ => return false,
            }
        }
    }

    fn merge_new_actor_of(&mut self) {
        let mut k = 0;
        while k + 1 < self.nps.len() {
            let (a, b) = (&self.nps[k], &self.nps[k + 1]);
            if a.codes.is_empty() || a.new_actor {
                let gap: Vec<&str> = (a.end..b.start).map(|t| self.w(t)).collect();
                if gap == ["OF"] && (b.codes.is_empty() || b.new_actor) {
                    let (start, end) = (a.start, b.end);
                    let words: Vec<&str> = (start..end)
                        .filter(|&t| !self.is_punct(t) && self.w(t) != "'S")
                        .map(|t| self.w(t))
                        .collect();
                    let mut merged = self.nps[k].clone();
                    merged.end = end;
                    merged.codes.clear();
                    merged.new_actor = false;
                    if words.len() <= self.config.new_actor_length {
                        merged.codes.push(format!("\"{}\"", words.join(" ")));
                        merged.new_actor = true;
                    }
                    self.nps[k] = merged;
                    self.nps.remove(k + 1);
                    for t in start..end {
                        self.np_at[t] = Some(k);
                    }
                    for t in end..self.np_at.len() {
                        if let Some(x) = self.np_at[t] {
                            if x > k {
                                self.np_at[t] = Some(x - 1);
                            }
                        }
                    }
                    continue;
                }
            }
            k += 1;
        }
    }

    /// The codes a group stands for: its members' codes; trailing members without an actor
    /// take the actors of a group attached by "of" ("goats of Gondor", "the government of
    /// Gondor"), or by "in" and "from" for agent words ("lawmakers in Fornost and Gondor");
    /// other agent-only members take the actor of a coded member ("Danish media and
    /// government").
    fn group_codes(&self, g: usize, dictionary_only: bool) -> Vec<(String, Span)> {
        let group = &self.groups[g];
        let mut out: Vec<(String, Span)> = Vec::new();
        let trailing_from = self.trailing_uncoded(g);
        let attached = self.attached_actor_group(g);
        let shared = group
            .nps
            .iter()
            .find_map(|&n| self.nps[n].base.clone().filter(|_| !self.nps[n].agent_only));
        for (i, &n) in group.nps.iter().enumerate() {
            let np = &self.nps[n];
            if let (Some(next), true) = (attached, i >= trailing_from) {
                let actors = self.group_codes(next, true);
                if !actors.is_empty() {
                    for (actor, span) in actors {
                        let mut code = np
                            .prefix
                            .iter()
                            .fold(String::new(), |acc, p| join_code(&acc, p));
                        code = join_code(&code, &actor);
                        for r in &np.roles {
                            code = join_code(&code, r);
                        }
                        out.push((code, span.merge(self.np_span(n))));
                    }
                    continue;
                }
            }
            if dictionary_only && np.new_actor {
                continue;
            }
            if np.agent_only {
                if let Some(base) = &shared {
                    let mut code = base.clone();
                    for r in &np.roles {
                        code = join_code(&code, r);
                    }
                    out.push((code, self.np_span(n)));
                    continue;
                }
            }
            for c in &np.codes {
                out.push((c.clone(), self.np_span(n)));
            }
        }
        out
    }

    /// Index in the group of the first of its trailing members that have no actor.
    fn trailing_uncoded(&self, g: usize) -> usize {
        let nps = &self.groups[g].nps;
        let mut i = nps.len();
        while i > 0 {
            let np = &self.nps[nps[i - 1]];
            if np.agent_only || np.codes.is_empty() || np.new_actor {
                i -= 1;
            } else {
                break;
            }
        }
        i
    }

    fn np_span(&self, n: usize) -> Span {
        let np = &self.nps[n];
        Span::new(
            self.toks[np.start].span.start,
            self.toks[np.end - 1].span.end,
        )
    }

    /// The actor group attached to a group's trailing actor-less members by "of" (or "in" and
    /// "from" when they are agent words).
    fn attached_actor_group(&self, g: usize) -> Option<usize> {
        let group = &self.groups[g];
        let from = self.trailing_uncoded(g);
        if from >= group.nps.len() {
            return None;
        }
        let agents = group.nps[from..].iter().all(|&n| self.nps[n].agent_only);
        let next = g + 1;
        let ng = self.groups.get(next)?;
        let gap: Vec<&str> = (group.end..ng.start).map(|t| self.w(t)).collect();
        let ok = match gap.as_slice() {
            ["OF"] => true,
            ["IN"] | ["FROM"] => agents,
            _ => false,
        };
        (ok && ng.nps.iter().any(|&n| {
            !self.nps[n].codes.is_empty() && !self.nps[n].agent_only && !self.nps[n].new_actor
        }))
        .then_some(next)
    }

    fn coded(&self, g: usize, dictionary_only: bool) -> bool {
        !self.group_codes(g, dictionary_only).is_empty()
    }

    /// Groups whose first token lies in `from..to`.
    fn groups_in(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        self.groups
            .iter()
            .enumerate()
            .filter(move |(_, g)| g.start >= from && g.start < to)
            .map(|(i, _)| i)
    }

    fn group_starting_at_or_after(&self, pos: usize, limit: usize) -> Option<usize> {
        self.groups_in(pos, limit).next()
    }

    // -----------------------------------------------------------------------------------------
    // Clauses.

    /// Where the clause containing `pos` starts, and whether it is a coordination ("... and
    /// promised"), whose subject is the previous clause's.
    fn clause_start(&self, pos: usize) -> (usize, bool) {
        let mut k = pos;
        while k > 0 {
            k -= 1;
            let w = self.w(k);
            if matches!(w, ";" | ":" | "--") {
                return (k + 1, false);
            }
            if SUBORDINATORS.contains(&w)
                && !(w == "THAT" && self.np_at.get(k + 1).copied().flatten().is_none())
            {
                return (k + 1, false);
            }
            if w == "," && self.new_clause_after_comma(k) && k < pos {
                return (k + 1, false);
            }
            if matches!(w, "AND" | "BUT") && self.coordinates_verbs(k) {
                return (k + 1, true);
            }
        }
        (0, false)
    }

    /// `, NP verb`: a new clause ("..., officials said").
    fn new_clause_after_comma(&self, comma: usize) -> bool {
        let k = comma + 1;
        let Some(n) = self.np_at.get(k).copied().flatten() else {
            return PRONOUNS.contains(&self.w(k)) && self.verb_follows(k + 1);
        };
        self.verb_follows(self.nps[n].end)
    }

    /// "and" joining verb phrases ("condemned ... and promised"), not adverbs ("quietly and
    /// warmly praised").
    fn coordinates_verbs(&self, and: usize) -> bool {
        and > 0 && !self.is_adverb(self.w(and - 1)) && self.verb_follows(and + 1)
    }

    /// A verb (dictionary or auxiliary) at `k`, past adverbs.
    fn verb_follows(&self, mut k: usize) -> bool {
        while k < self.toks.len() && self.is_adverb(self.w(k)) && !self.is_verb[k] {
            k += 1;
        }
        k < self.toks.len()
            && (self.is_verb[k]
                || AUXILIARIES.contains(&self.w(k)) && !matches!(self.w(k), "N'T" | "NOT"))
    }

    /// The end of a coded verb's complement: the next clause boundary at its level.
    fn lower_end(&self, verb: &VerbHit) -> usize {
        let n = self.toks.len();
        let mut k = verb.end;
        while k < n {
            let w = self.w(k);
            if matches!(w, ";" | ":" | "--") {
                return k;
            }
            if w == "," && self.new_clause_after_comma(k) {
                return k;
            }
            if matches!(w, "AND" | "BUT") && self.coordinates_verbs(k) {
                return k;
            }
            k += 1;
        }
        n
    }

    // -----------------------------------------------------------------------------------------
    // Pattern matching.

    fn synset_at(&self, name: &str, pos: usize, forward: bool) -> Option<(usize, usize)> {
        let members = self.coder.verbs.synsets.members.get(name)?;
        let mut best: Option<(usize, usize)> = None;
        for m in members {
            let len = m.len();
            let (s, e) = if forward {
                (pos, pos + len)
            } else {
                if pos + 1 < len {
                    continue;
                }
                (pos + 1 - len, pos + 1)
            };
            if e > self.words.len() {
                continue;
            }
            if (s..e).zip(m).all(|(k, w)| {
                self.words[k] == *w || (k + 1 == e && self.plural_of(&self.words[k], w))
            }) && best.is_none_or(|(bs, be)| be - bs < len)
            {
                best = Some((s, e));
            }
        }
        best
    }

    /// Matches lower elements from `pos` (exclusive bound `limit`); returns the score and
    /// slot assignments.
    fn match_lower(
        &self,
        elems: &[Elem],
        pos: usize,
        limit: usize,
        slots: &mut Slots,
    ) -> Option<usize> {
        let Some(e) = elems.first() else {
            return Some(0);
        };
        let last_start = if e.phrase {
            // Within a prepositional group: only words of the same noun phrase between.
            let mut k = pos;
            while k < limit && k < pos + 3 && self.np_internal(k) {
                k += 1;
            }
            k
        } else if e.adjacent {
            pos
        } else {
            limit.saturating_sub(1)
        };
        let mut at = pos;
        while at <= last_start && at < limit {
            if let Some((len, score, fill)) = self.elem_at(e, at, true, limit) {
                let saved = slots.clone();
                fill.apply(slots);
                if let Some(rest) = self.match_lower(&elems[1..], at + len, limit, slots) {
                    return Some(score + rest);
                }
                *slots = saved;
            }
            at += 1;
        }
        None
    }

    /// A word that may stand inside a noun phrase between a preposition and its noun.
    fn np_internal(&self, k: usize) -> bool {
        !self.is_punct(k)
            && !self.is_verb[k]
            && !PREPOSITIONS.contains(&self.w(k))
            && !CONJUNCTIONS.contains(&self.w(k))
            && !SUBORDINATORS.contains(&self.w(k))
    }

    /// Matches upper elements backwards, ending just before `pos` (tokens `floor..pos`).
    fn match_upper(
        &self,
        elems: &[Elem],
        pos: usize,
        adjacent: bool,
        floor: usize,
        slots: &mut Slots,
    ) -> Option<(usize, usize)> {
        let Some(e) = elems.last() else {
            return Some((0, pos));
        };
        if pos <= floor {
            return None;
        }
        let mut end = pos; // candidate element ends at `end` (exclusive)
        loop {
            if end <= floor {
                return None;
            }
            if let Some((start, score, fill)) = self.elem_ending(e, end, floor) {
                let saved = slots.clone();
                fill.apply(slots);
                if let Some((rest, first)) =
                    self.match_upper(&elems[..elems.len() - 1], start, e.adjacent, floor, slots)
                {
                    return Some((score + rest, first.min(start)));
                }
                *slots = saved;
            }
            if adjacent {
                return None;
            }
            end -= 1;
            // Do not look past a clause-level break.
            if end > floor && matches!(self.w(end), ";") {
                return None;
            }
        }
    }

    /// An element starting at `at` (forward): (tokens consumed, score, slot fill).
    fn elem_at(
        &self,
        e: &Elem,
        at: usize,
        _forward: bool,
        limit: usize,
    ) -> Option<(usize, usize, Fill)> {
        match &e.slot {
            Slot::Word(w) => {
                (self.w(at) == w || self.plural_of(self.w(at), w)).then_some((1, 1, Fill::None))
            }
            Slot::Synset(s) => self
                .synset_at(s, at, true)
                .map(|(s, e)| (e - s, e - s, Fill::None)),
            Slot::Source | Slot::Target | Slot::Compound | Slot::Skip => {
                let g = self.group_of[self.np_at.get(at).copied().flatten()?];
                let grp = &self.groups[g];
                // The group starts here, or only determiners precede this point in it ("THEIR ^"
                // after matching "their").
                if grp.start != at && !(grp.start..at).all(|k| DETERMINERS.contains(&self.w(k))) {
                    return None;
                }
                if grp.end > limit {
                    return None;
                }
                let ok = match e.slot {
                    Slot::Skip => true,
                    Slot::Compound => self.group_codes(g, false).len() >= 2,
                    _ => self.coded(g, false),
                };
                let fill = match e.slot {
                    // `%` after the verb is a compound target.
                    Slot::Compound => Fill::Target(g),
                    _ => Fill::slot(&e.slot, g),
                };
                ok.then(|| (grp.end - at, 1, fill))
            }
        }
    }

    /// An element ending at `end` (backward): (start, score, fill).
    fn elem_ending(&self, e: &Elem, end: usize, floor: usize) -> Option<(usize, usize, Fill)> {
        let last = end.checked_sub(1)?;
        match &e.slot {
            Slot::Word(w) => (self.w(last) == w).then_some((last, 1, Fill::None)),
            Slot::Synset(s) => self
                .synset_at(s, last, false)
                .map(|(s, e)| (s, e - s, Fill::None)),
            Slot::Source | Slot::Target | Slot::Compound | Slot::Skip => {
                let g = self.group_of[self.np_at.get(last).copied().flatten()?];
                if self.groups[g].end != end || self.groups[g].start < floor {
                    return None;
                }
                let ok = match e.slot {
                    Slot::Skip => true,
                    Slot::Compound => self.group_codes(g, false).len() >= 2,
                    _ => self.coded(g, false),
                };
                ok.then(|| (self.groups[g].start, 1, Fill::slot(&e.slot, g)))
            }
        }
    }

    /// The best pattern for a verb occurrence.
    /// The origin of the block a verb hit belongs to: what [`Self::best_pattern`] reports
    /// when no pattern matched.
    fn block_origin(&self, v: &VerbHit) -> String {
        v.verbs
            .last()
            .map(|&vi| {
                let verb = &self.coder.verbs.verbs[vi];
                self.coder.verbs.blocks[verb.block].origin.clone()
            })
            .unwrap_or_default()
    }

    fn best_pattern(&self, v: &VerbHit, limit: usize) -> (String, Slots, Option<usize>, String) {
        /// The pattern chosen so far, with its score and what it filled.
        struct PatternChoice<'p> {
            score: usize,
            pattern: &'p TabariPattern,
            slots: Slots,
            upper_start: Option<usize>,
        }
        let mut best: Option<PatternChoice<'_>> = None;
        let mut default: Option<(String, String)> = None;
        let mut blocks: Vec<usize> = Vec::new();
        for &vi in &v.verbs {
            let verb = &self.coder.verbs.verbs[vi];
            if !blocks.contains(&verb.block) {
                blocks.push(verb.block);
            }
            let block = &self.coder.verbs.blocks[verb.block];
            default = Some((
                verb.code.clone().unwrap_or_else(|| block.code.clone()),
                block.origin.clone(),
            ));
        }
        // PETRARCH-2 matches patterns against the verb's object: in "wants to help Israel"
        // the pattern `- * HELP [023]` (wants help) does not see the infinitive "help".
        let infinitive = (self.petrarch2()
            && self.w(v.end) == "TO"
            && self.verbs.iter().any(|n| n.start == v.end + 1))
        .then(|| self.w(v.end + 1));
        for &b in &blocks {
            let block = &self.coder.verbs.blocks[b];
            for p in &block.patterns {
                if infinitive.is_some_and(|w| {
                    matches!(p.lower.first(), Some(Elem { slot: Slot::Word(first), .. }) if first == w)
                }) {
                    continue;
                }
                let mut slots = Slots::default();
                let Some(lower_score) = self.match_lower(&p.lower, v.end, limit, &mut slots) else {
                    continue;
                };
                let (upper_score, upper_start) = if p.upper.is_empty() {
                    (0, None)
                } else {
                    match self.match_upper(&p.upper, v.start, p.verb_adjacent_upper, 0, &mut slots)
                    {
                        Some((s, first)) => (s, Some(first)),
                        None => continue,
                    }
                };
                let score = lower_score + upper_score;
                // The best score wins; among equals the first, except that a pattern written
                // again later replaces the earlier one (PETRARCH-2 keeps the last of
                // duplicates: CAMEO.2.0 lists `- * &TREATY` three times with three codes).
                // Among equally specific patterns (PETRARCH-2) the nearer object wins ("staged
                // a protest ... unfurling Free Tibet banners" is `* PROTEST`, not `* FREE`), as
                // a parse would see the verb's own object; only ties need to know where.
                if best.as_ref().is_none_or(|b| {
                    score > b.score
                        || (score == b.score
                            && (p.text == b.pattern.text
                                || (self.petrarch2()
                                    && self.reach(p, v, limit) < self.reach(b.pattern, v, limit))))
                }) {
                    best = Some(PatternChoice {
                        score,
                        pattern: p,
                        slots,
                        upper_start,
                    });
                }
            }
        }
        match best {
            Some(b) => (
                b.pattern.code.clone(),
                b.slots,
                b.upper_start,
                b.pattern.origin.clone(),
            ),
            None => {
                let (code, origin) = default.unwrap_or_else(|| ("---".into(), String::new()));
                (code, Slots::default(), None, origin)
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Events.

    fn code(&self, index: usize) -> Vec<TabariEvent> {
        let mut events: Vec<TabariEvent> = Vec::new();
        let mut blocked_until = 0usize;
        let mut last_source: Option<(usize, Vec<(String, Span)>)> = None;
        for v in &self.verbs {
            if v.start < blocked_until {
                continue;
            }
            let mut limit = self.lower_end(v);
            let (mut code, mut slots, upper_start, mut origin) = self.best_pattern(v, limit);
            // "has agreed to lift the sanctions": a verb coded only by its block's default
            // takes the code of an infinitive complement that one of its patterns codes
            // (PETRARCH-2 reads the verb chain the same way).
            if slots.is_empty() && upper_start.is_none() && self.w(v.end) == "TO" {
                if let Some(next) = self.verbs.iter().find(|n| n.start == v.end + 1) {
                    let next_limit = self.lower_end(next);
                    let (c, s, u, o) = self.best_pattern(next, next_limit);
                    let patterned = !s.is_empty() || u.is_some() || o != self.block_origin(next);
                    // "want to investigate", "seek to deepen ties": an intention (03) takes
                    // the act intended, as CAMEO's intent code where it has one.
                    let forward = c.split(':').next().unwrap_or("");
                    let intended = code.starts_with("03")
                        && !matches!(forward.get(..2), Some("01" | "02" | "03") | None)
                        && forward != "---";
                    if intended {
                        if let Some(act) = dyad_model::CameoCode::parse(forward) {
                            code = crate::code::intent_code(act).as_str().to_string();
                            slots = s;
                            origin = o;
                            limit = next_limit;
                        }
                    } else if patterned && c != "---" && !c.is_empty() {
                        code = c;
                        slots = s;
                        origin = o;
                        limit = next_limit;
                    }
                }
            }
            // PETRARCH-2 dictionaries: "would not provide support" is a rejection (12x); a
            // negated act with no rejection code is no event. TABARI's handle negation in
            // their patterns instead.
            if self.petrarch2() && self.negated(v) {
                code = negated_code(&code);
            }
            // "Congress is asking Obama to help Iran": under PETRARCH-2 a plain appeal or
            // demand takes the sub-code of the act asked for (023, appeal for aid).
            if self.petrarch2() && matches!(code.as_str(), "020" | "100") {
                if let Some(asked) = self.asked_act(&code, v, limit) {
                    code = asked;
                }
            }
            // "The US claimed that ISIL had attacked Iraq": a PETRARCH-2 transformation may
            // turn the verb and the event in its complement into one event.
            let transform = self.transformations_for(v, limit);
            if (code == "---" || code.is_empty()) && transform.is_none() {
                continue;
            }
            // Source.
            let (clause, coordinated) = self.clause_start(upper_start.unwrap_or(v.start));
            let before = v.start;
            // A coded verb's complement is not coded again, whether or not this verb finds
            // its actors.
            blocked_until = limit;
            let used: HashSet<usize> = [slots.target, slots.skip_first()]
                .into_iter()
                .flatten()
                .chain(slots.skips.iter().copied())
                .collect();
            let first_coded = |from: usize, to: usize| {
                self.groups_in(from, to)
                    .filter(|g| {
                        !used.contains(g) && self.groups[*g].end <= to.max(self.groups[*g].end)
                    })
                    .find(|&g| self.coded(g, false))
            };
            let mut source: Option<Vec<(String, Span)>> = None;
            if let Some(g) = slots.source {
                source = Some(self.group_codes(g, false));
            } else if let Some(g) = slots.compound {
                source = Some(self.group_codes(g, false));
            } else if coordinated {
                source = last_source
                    .as_ref()
                    .filter(|(end, _)| *end <= clause)
                    .map(|(_, s)| s.clone());
            }
            if source.is_none() {
                if let Some(g) = first_coded(clause, before) {
                    source = Some(self.group_codes(g, false));
                } else if clause > 0 && upper_start.is_some() {
                    let (outer, _) = self.clause_start(clause.saturating_sub(1));
                    if let Some(g) = first_coded(outer, before) {
                        source = Some(self.group_codes(g, false));
                    }
                }
            }
            if let Some((candidates, inner)) = &transform {
                let transformed = source
                    .as_ref()
                    .filter(|s| !s.is_empty())
                    .and_then(|s| self.apply_transformation(index, v, s, candidates, inner));
                if let Some(made) = transformed {
                    for e in made {
                        if !events.contains(&e) {
                            events.push(e);
                        }
                    }
                    blocked_until = blocked_until.max(inner.limit);
                    last_source = source.map(|s| (v.end, s));
                    continue;
                }
            }
            if code == "---" || code.is_empty() {
                continue;
            }
            // Target.
            let mut target: Option<Vec<(String, Span)>> = None;
            if let Some(g) = slots.target {
                target = Some(self.group_codes(g, false));
            } else if slots.compound.is_none() {
                let after = self
                    .groups_in(v.end, limit)
                    .filter(|g| Some(*g) != slots.source && !slots.skips.contains(g));
                let candidates: Vec<usize> = after.collect();
                // PETRARCH-2: a role word with no country ("military exercises in Alaska")
                // gives way to a named actor after it; a named body ("Congress") does not.
                let named = |g: usize| {
                    self.group_codes(g, false)
                        .iter()
                        .any(|(code, _)| !code.starts_with("---"))
                };
                let prefer_named = self.petrarch2()
                    && candidates
                        .iter()
                        .find(|&&g| self.coded(g, true))
                        .is_some_and(|&g| {
                            !named(g)
                                && !(self.groups[g].start..self.groups[g].end)
                                    .any(|k| self.toks[k].capital)
                        });
                target = candidates
                    .iter()
                    .find(|&&g| prefer_named && self.coded(g, true) && named(g))
                    .or_else(|| candidates.iter().find(|&&g| self.coded(g, true)))
                    .or_else(|| candidates.iter().find(|&&g| self.coded(g, false)))
                    .map(|&g| self.group_codes(g, false));
                if target.is_none() && slots.source.is_some() {
                    // `$` after the verb: the subject is the target.
                    if let Some(g) = first_coded(clause, before) {
                        target = Some(self.group_codes(g, false));
                    }
                }
            }
            // Passive with a "by" agent: the agent acts on the subject.
            if slots.is_empty() {
                if let Some(by) = self.by_agent(v, limit) {
                    if self.is_passive(v) {
                        target = source.take();
                        source = Some(self.group_codes(by, false));
                    }
                }
            }
            let Some(source) = source.filter(|s| !s.is_empty()) else {
                continue;
            };
            last_source = Some((v.end, source.clone()));
            let trigger = Span::new(self.toks[v.start].span.start, self.toks[v.end - 1].span.end);
            let (forward, reverse) = match code.split_once(':') {
                Some((a, b)) => (a.to_string(), b.to_string()),
                None => (code.clone(), String::new()),
            };
            let mut push = |s: &(String, Span), t: Option<&(String, Span)>, c: &str| {
                if c.is_empty() || c == "---" {
                    return;
                }
                let (tc, ts) = t.map_or(("---".to_string(), None), |(c, s)| (c.clone(), Some(*s)));
                if tc == s.0 {
                    return;
                }
                let e = TabariEvent {
                    sentence: index,
                    source: s.0.clone(),
                    target: tc,
                    code: c.to_string(),
                    source_span: Some(s.1),
                    target_span: ts,
                    trigger,
                    pattern: origin.clone(),
                };
                if !events.contains(&e) {
                    events.push(e);
                }
            };
            if slots.compound.is_some() && slots.target.is_none() {
                // `%`: events among the compound's members.
                for (i, a) in source.iter().enumerate() {
                    for b in source.iter().skip(i + 1) {
                        push(a, Some(b), &forward);
                        push(
                            b,
                            Some(a),
                            if reverse.is_empty() {
                                &forward
                            } else {
                                &reverse
                            },
                        );
                    }
                }
                continue;
            }
            match &target {
                Some(targets) if !targets.is_empty() => {
                    for s in &source {
                        for t in targets {
                            push(s, Some(t), &forward);
                            push(t, Some(s), &reverse);
                        }
                    }
                }
                _ => {
                    // PETRARCH-2 codes a compound subject's act among its members whenever
                    // no one else is its target ("Brazil and the United States are seeking
                    // to deepen a partnership").
                    let among =
                        !reverse.is_empty() || !self.has_complement(v, limit) || self.petrarch2();
                    if source.len() >= 2 && among {
                        // A compound subject with a reciprocal code ("Gondor and Osgiliath
                        // renewed ties") or no object at all ("the US, Russia and
                        // Switzerland met"): its members act on each other.
                        for (i, a) in source.iter().enumerate() {
                            for b in source.iter().skip(i + 1) {
                                push(a, Some(b), &forward);
                                push(
                                    b,
                                    Some(a),
                                    if reverse.is_empty() {
                                        &forward
                                    } else {
                                        &reverse
                                    },
                                );
                            }
                        }
                    } else if !self.config.require_dyad && self.has_complement(v, limit) {
                        for s in &source {
                            push(s, None, &forward);
                        }
                    }
                }
            }
        }
        events
    }

    /// A noun phrase after the verb (a null-coded target where no dyad is required).
    fn has_complement(&self, v: &VerbHit, limit: usize) -> bool {
        self.groups_in(v.end, limit).any(|g| {
            let grp = &self.groups[g];
            !(grp.start..grp.end).all(|k| BARE_TIME.contains(&self.w(k)))
        })
    }

    fn is_passive(&self, v: &VerbHit) -> bool {
        let w = self.w(v.head);
        if !(w.ends_with("ED") || w.ends_with("EN") || IRREGULAR_PARTICIPLES.contains(&w)) {
            return false;
        }
        let mut k = v.start;
        for _ in 0..3 {
            if k == 0 {
                return false;
            }
            k -= 1;
            let p = self.w(k);
            if BE_FORMS.contains(&p) {
                return true;
            }
            if !(self.is_adverb(p) || matches!(p, "AND" | "NOT" | "N'T" | "HAVE" | "HAS" | "HAD")) {
                return false;
            }
        }
        false
    }

    /// The group after "by" shortly after the verb.
    /// The transformations whose outer verb is `v` and whose inner verb class the first
    /// coded verb of `v`'s complement has, with that inner event.
    fn transformations_for(
        &self,
        v: &VerbHit,
        limit: usize,
    ) -> Option<(Vec<&'c Transformation>, InnerEvent)> {
        let all = &self.coder.verbs.transformations;
        if all.is_empty() {
            return None;
        }
        let verbs = &self.coder.verbs.verbs;
        let is_verb = |name: &str, hit: &VerbHit| {
            hit.verbs
                .iter()
                .any(|&vi| verbs[vi].forms.iter().any(|(w, _)| w.join("_") == name))
        };
        let outer: Vec<&Transformation> = all.iter().filter(|t| is_verb(&t.outer, v)).collect();
        if outer.is_empty() {
            return None;
        }
        // The inner verb: the first coded verb of the complement that is not the head noun
        // of a subject ("a mortar bomb was fired").
        let (n, code, slots, n_limit) = self
            .verbs
            .iter()
            .filter(|n| n.start >= v.end && n.start < limit)
            .filter(|n| !AUXILIARIES.contains(&self.w(n.end)) || self.w(n.end) == "TO")
            .find_map(|n| {
                let n_limit = self.lower_end(n);
                let (code, slots, _, _) = self.best_pattern(n, n_limit);
                let code = code.split(':').next().unwrap_or("").to_string();
                let code = if self.negated(n) {
                    negated_code(&code)
                } else {
                    code
                };
                (code != "---" && !code.is_empty()).then_some((n, code, slots, n_limit))
            })?;
        let coded_between = |from: usize, to: usize| {
            self.groups_in(from, to)
                .filter(|&g| self.coded(g, false))
                .last()
        };
        let (source, target) = if self.is_passive(n) {
            // "a mortar bomb was fired at it from the Gaza Strip": the agent, or where from.
            // "were killed in an air strike by government forces": the by-phrase may come
            // after a prepositional phrase.
            let after = |word: &str| {
                (n.end..n_limit)
                    .find(|&k| self.w(k) == word)
                    .and_then(|k| self.group_starting_at_or_after(k + 1, n_limit))
                    .filter(|&g| self.coded(g, false))
            };
            (
                self.by_agent(n, n_limit)
                    .or_else(|| after("BY"))
                    .or_else(|| after("FROM")),
                coded_between(v.end, n.start),
            )
        } else {
            (
                slots.source.or_else(|| coded_between(v.end, n.start)),
                slots.target.or_else(|| {
                    self.groups_in(n.end, n_limit)
                        .find(|&g| self.coded(g, false))
                }),
            )
        };
        let candidates: Vec<&Transformation> = outer
            .into_iter()
            .filter(|t| t.inner_verb == "Q" || self.in_verb_class(&code, &t.inner_verb))
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let trigger = Span::new(self.toks[n.start].span.start, self.toks[n.end - 1].span.end);
        Some((
            candidates,
            InnerEvent {
                source,
                target,
                code,
                limit: n_limit.max(limit),
                trigger,
            },
        ))
    }

    /// The appeal or demand code for what the appeal or demand at `v` asks of its addressee:
    /// "asking Obama to help Iran" → the act "help" is asked for.
    fn asked_act(&self, request: &str, v: &VerbHit, limit: usize) -> Option<String> {
        let n = self.verbs.iter().find(|n| {
            n.start >= v.end + 2
                && n.start < limit
                && self.w(n.start - 1) == "TO"
                && self.np_at.get(n.start - 2).copied().flatten().is_some()
        })?;
        let (code, _, _, _) = self.best_pattern(n, self.lower_end(n));
        let asked = CameoCode::parse(code.split(':').next().unwrap_or(""))?;
        crate::code::requested_code(CameoCode::parse(request)?, asked)
            .map(|c| c.as_str().to_string())
    }

    /// PETRARCH-2 compares pattern nouns with the parse's lemmas, so CAMEO.2.0's
    /// `- * ASSURANCE` covers "received assurances"; TABARI's patterns spell plurals out.
    fn plural_of(&self, word: &str, noun: &str) -> bool {
        self.petrarch2() && is_plural_of(word, noun)
    }

    /// Where after verb `v` the first word or synonym set of pattern `p` matches.
    fn reach(&self, p: &TabariPattern, v: &VerbHit, limit: usize) -> usize {
        p.lower
            .iter()
            .find(|e| matches!(e.slot, Slot::Word(_) | Slot::Synset(_)))
            .and_then(|e| (v.end..limit).find(|&at| self.elem_at(e, at, true, limit).is_some()))
            .unwrap_or(v.end)
    }

    /// A headline capitalises most words, verbs among them.
    fn headline(&self) -> bool {
        let words: Vec<&TabariToken> = self.toks.iter().filter(|t| !t.punct).collect();
        words.iter().filter(|t| t.capital).count() * 2 > words.len()
    }

    /// Is the dictionary PETRARCH-2's (it carries transformations)? Its coder reads
    /// negation; TABARI and PETRARCH-1 dictionaries write negation into their patterns.
    fn petrarch2(&self) -> bool {
        !self.coder.verbs.transformations.is_empty()
    }

    /// "would not provide", "did n't give", "never attacked": a negation in the verb's
    /// auxiliaries.
    fn negated(&self, v: &VerbHit) -> bool {
        let mut k = v.start;
        let mut steps = 0;
        while k > 0 && steps < 4 {
            k -= 1;
            steps += 1;
            let w = self.w(k);
            if matches!(w, "NOT" | "N'T" | "NEVER") {
                return true;
            }
            if !(AUXILIARIES.contains(&w) || self.is_adverb(w)) {
                return false;
            }
        }
        false
    }

    /// Does `code` belong to the class of the verb named `verb` (`ATTACK` [190]: any use of
    /// force, 18x–20x)?
    fn in_verb_class(&self, code: &str, verb: &str) -> bool {
        let dict = &self.coder.verbs;
        let Some(entry) = dict
            .verbs
            .iter()
            .find(|e| e.forms.iter().any(|(w, _)| w.join("_") == verb))
        else {
            return false;
        };
        let class = entry
            .code
            .clone()
            .unwrap_or_else(|| dict.blocks[entry.block].code.clone());
        let class = class.split(':').next().unwrap_or("");
        // Force in general (190) is one class: "said a mortar bomb was fired at it" is said
        // of an attack, whether the verb's code is 183, 190 or 194; ASSASSINATE (186) is
        // only assassination.
        let force = |c: &str| matches!(c.get(..2), Some("18" | "19" | "20"));
        if force(class) && class.ends_with('0') {
            return force(code);
        }
        let prefix = class.trim_end_matches('0');
        let prefix = if prefix.len() < 2 {
            class.get(..2).unwrap_or(class)
        } else {
            prefix
        };
        !prefix.is_empty() && prefix != "---" && code.starts_with(prefix)
    }

    /// The first transformation that fits who did the inner act: `a` the outer source
    /// itself (or no one named: "they had attacked"), `b` another actor, `_` no one else.
    fn apply_transformation(
        &self,
        index: usize,
        v: &VerbHit,
        sources: &[(String, Span)],
        candidates: &[&Transformation],
        inner: &InnerEvent,
    ) -> Option<Vec<TabariEvent>> {
        let doer = inner.source.map(|g| self.group_codes(g, false));
        let done_to = inner.target.map(|g| self.group_codes(g, false));
        let by_outer = doer
            .as_ref()
            .is_none_or(|d| d.iter().all(|x| sources.iter().any(|s| s.0 == x.0)));
        for t in candidates {
            let b = match t.inner_source {
                'a' | '_' if by_outer => done_to.clone(),
                'b' if !by_outer => doer.clone(),
                _ => None,
            };
            let Some(b) = b.filter(|b| !b.is_empty()) else {
                continue;
            };
            let code = if t.code == "Q" {
                inner.code.clone()
            } else {
                t.code.clone()
            };
            let trigger = Span::new(self.toks[v.start].span.start, inner.trigger.end);
            let mut out = Vec::new();
            for s in sources {
                for x in &b {
                    if x.0 != s.0 {
                        out.push(TabariEvent {
                            sentence: index,
                            source: s.0.clone(),
                            target: x.0.clone(),
                            code: code.clone(),
                            source_span: Some(s.1),
                            target_span: Some(x.1),
                            trigger,
                            pattern: t.origin.clone(),
                        });
                    }
                }
            }
            return Some(out);
        }
        None
    }

    fn by_agent(&self, v: &VerbHit, limit: usize) -> Option<usize> {
        let mut k = v.end;
        let stop = (v.end + 4).min(limit);
        while k < stop {
            let w = self.w(k);
            if w == "BY" {
                let g = self.group_starting_at_or_after(k + 1, limit)?;
                return (self.groups[g].start <= k + 2 && self.coded(g, false)).then_some(g);
            }
            if self.is_punct(k) || self.is_verb[k] {
                return None;
            }
            k += 1;
        }
        None
    }
}

/// The code of a negated act under PETRARCH-2: the rejection of a cooperative act (12x), or
/// none (`---`) for anything else ("did not attack" is no attack).
fn negated_code(code: &str) -> String {
    let forward = code.split(':').next().unwrap_or("");
    CameoCode::parse(forward)
        .and_then(crate::code::refusal_code)
        .map_or_else(|| "---".to_string(), |c| c.as_str().to_string())
}

/// The event in a transformation's complement: who, to whom, its code, where its clause
/// ends and its verb.
struct InnerEvent {
    source: Option<usize>,
    target: Option<usize>,
    code: String,
    limit: usize,
    trigger: Span,
}

#[derive(Clone, Debug, Default)]
struct Slots {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    skips: Vec<usize>,
}

impl Slots {
    fn is_empty(&self) -> bool {
        self.source.is_none()
            && self.target.is_none()
            && self.compound.is_none()
            && self.skips.is_empty()
    }
    fn skip_first(&self) -> Option<usize> {
        self.skips.first().copied()
    }
}

enum Fill {
    None,
    Source(usize),
    Target(usize),
    Compound(usize),
    Skip(usize),
}

impl Fill {
    fn slot(slot: &Slot, g: usize) -> Fill {
        match slot {
            Slot::Source => Fill::Source(g),
            Slot::Target => Fill::Target(g),
            Slot::Compound => Fill::Compound(g),
            Slot::Skip => Fill::Skip(g),
            _ => Fill::None,
        }
    }
    fn apply(self, slots: &mut Slots) {
        match self {
            Fill::None => {}
            Fill::Source(g) => slots.source = Some(g),
            Fill::Target(g) => slots.target = Some(g),
            Fill::Compound(g) => slots.compound = Some(g),
            Fill::Skip(g) => slots.skips.push(g),
        }
    }
}

trait SpanExt {
    fn merge(self, other: Span) -> Span;
}

impl SpanExt for Span {
    fn merge(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Appends a three-letter-aligned role to a code unless the code already has it there.
fn join_code(code: &str, part: &str) -> String {
    if code.is_empty() {
        return part.to_string();
    }
    if part.is_empty() {
        return code.to_string();
    }
    let aligned = (0..code.len())
        .step_by(3)
        .any(|i| code.get(i..i + part.len()) == Some(part));
    if aligned {
        code.to_string()
    } else {
        format!("{code}{part}")
    }
}

/// Removes comma-delimited clauses whose length falls within the configured bounds, leaving a
/// comma where they were. Commas inside a noun phrase ("complete, full ties") do not delimit.
/// A comma in a list of actors ("Mordor, the Shire, Fornost and Bree"): an actor before it,
/// and after it (past an article and a few modifiers, or a conjunction) another actor that is
/// followed by a comma or a conjunction.
fn list_comma(toks: &[TabariToken], in_actor: &[bool], k: usize) -> bool {
    if k == 0 || !in_actor[k - 1] {
        return false;
    }
    let mut j = k + 1;
    if j < toks.len() && matches!(toks[j].word.as_str(), "AND" | "OR") {
        j += 1;
    }
    let mut steps = 0;
    while j < toks.len() && !in_actor[j] && steps < 3 {
        let w = toks[j].word.as_str();
        if toks[j].punct || (is_closed(w) && !DETERMINERS.contains(&w)) {
            return false;
        }
        j += 1;
        steps += 1;
    }
    if j >= toks.len() || !in_actor[j] {
        return false;
    }
    while j < toks.len() && in_actor[j] {
        j += 1;
    }
    j < toks.len() && matches!(toks[j].word.as_str(), "," | "AND" | "OR")
        || (k + 1 < toks.len() && matches!(toks[k + 1].word.as_str(), "AND" | "OR"))
}

fn remove_comma_clauses(
    toks: Vec<TabariToken>,
    in_actor: &[bool],
    config: &TabariConfig,
    verbs: &TabariMatcher,
) -> Vec<TabariToken> {
    let n = toks.len();
    let words: Vec<&str> = toks.iter().map(|t| t.word.as_str()).collect();
    let plain = |k: usize| {
        k < n
            && !toks[k].punct
            && !toks[k].capital
            && !is_closed(words[k])
            && !verbs.is_verb_word(words[k])
            && toks[k].word.chars().any(|c| c.is_alphabetic())
    };
    // Commas that delimit clauses.
    let mut commas: Vec<usize> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if *w != "," {
            continue;
        }
        let internal = k > 0 && plain(k - 1) && plain(k + 1);
        if !internal && !list_comma(&toks, in_actor, k) {
            commas.push(k);
        }
    }
    if commas.is_empty() {
        return toks;
    }
    let end = if n > 0 && matches!(words[n - 1], "." | "!" | "?") {
        n - 1
    } else {
        n
    };
    let count = |a: usize, b: usize| {
        (a..b)
            .filter(|&k| !toks[k].punct && words[k] != "'S")
            .count()
    };
    let mut delete = vec![false; n];
    let within = |len: usize, min: usize, max: usize| max > 0 && len >= min && len <= max;
    // Opening clause.
    let first = commas[0];
    if within(count(0, first), config.comma_bmin, config.comma_bmax) {
        for d in delete.iter_mut().take(first) {
            *d = true;
        }
    }
    // Inner clauses.
    for pair in commas.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if within(count(a + 1, b), config.comma_min, config.comma_max) {
            for d in delete.iter_mut().take(b).skip(a + 1) {
                *d = true;
            }
            delete[b] = true;
        }
    }
    // Closing clause, unless it is the sentence's predicate (", praised Kestria.").
    let last = *commas.last().unwrap_or(&0);
    let predicate = last + 1 < n && verbs.is_verb_word(words[last + 1]);
    if !predicate && within(count(last + 1, end), config.comma_emin, config.comma_emax) {
        for d in delete.iter_mut().take(end).skip(last + 1) {
            *d = true;
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut k = 0;
    while k < n {
        if delete[k] {
            while k < n && delete[k] {
                k += 1;
            }
            // Keep one comma as the boundary.
            if out.last().is_none_or(|t: &TabariToken| t.word != ",") {
                let span = toks
                    .get(k)
                    .map_or(toks[n - 1].span, |t| Span::new(t.span.start, t.span.start));
                out.push(TabariToken {
                    span,
                    word: ",".into(),
                    punct: true,
                    capital: false,
                });
            }
            continue;
        }
        out.push(toks[k].clone());
        k += 1;
    }
    // A leading comma left by an opening clause removal is noise.
    if out.first().is_some_and(|t| t.word == ",") {
        out.remove(0);
    }
    out
}

impl TabariVerbs {
    /// dyad's own verb patterns in TABARI form, so that they can be used beside TABARI
    /// dictionaries: one block per lemma (its default the pattern without further words),
    /// with the lemma's inflections (irregular ones included) as forms; `...` becomes a gap
    /// and the other words must be adjacent.
    pub fn from_dyad(dict: &crate::verbs::VerbDictionary) -> TabariVerbs {
        use crate::verbs::Element;
        let mut out = TabariVerbs::default();
        let mut block_of: HashMap<String, usize> = HashMap::new();
        for p in &dict.patterns {
            let b = *block_of.entry(p.lemma.clone()).or_insert_with(|| {
                out.blocks.push(VerbBlock {
                    name: p.lemma.to_uppercase(),
                    code: "---".into(),
                    patterns: Vec::new(),
                    origin: p.origin.clone(),
                });
                let b = out.blocks.len() - 1;
                let forms = dyad_text::inflections(&p.lemma)
                    .into_iter()
                    .map(|f| (vec![f.to_uppercase()], 0))
                    .collect();
                out.verbs.push(TabariVerb {
                    forms,
                    block: b,
                    code: None,
                });
                b
            });
            // TABARI writes a mutual act's two sides as `042:043`, as dyad does.
            let code = match p.reverse {
                Some(r) => format!("{}:{}", p.code.as_str(), r.as_str()),
                None => p.code.as_str().to_string(),
            };
            if p.elements.is_empty() {
                out.blocks[b].code = code;
                continue;
            }
            let mut lower = Vec::new();
            let mut gap = false;
            for e in &p.elements {
                match e {
                    Element::Gap => gap = true,
                    Element::Word(w) | Element::TargetPrep(w) => {
                        lower.push(Elem {
                            slot: Slot::Word(w.to_uppercase()),
                            adjacent: !gap,
                            phrase: false,
                        });
                        gap = false;
                    }
                    // TABARI's `$`: the preposition, then the source.
                    Element::SourcePrep(w) => {
                        lower.push(Elem {
                            slot: Slot::Word(w.to_uppercase()),
                            adjacent: !gap,
                            phrase: false,
                        });
                        lower.push(Elem {
                            slot: Slot::Source,
                            adjacent: true,
                            phrase: false,
                        });
                        gap = false;
                    }
                }
            }
            out.blocks[b].patterns.push(TabariPattern {
                upper: Vec::new(),
                lower,
                verb_adjacent_upper: false,
                code,
                origin: p.origin.clone(),
                text: p.text(),
            });
        }
        out
    }

    /// Adds another parsed dictionary's synonym sets, blocks and verbs.
    pub fn extend(&mut self, other: TabariVerbs) {
        let offset = self.blocks.len();
        for (k, v) in other.synsets {
            self.synsets.entry(k).or_default().extend(v);
        }
        self.blocks.extend(other.blocks);
        self.verbs.extend(other.verbs.into_iter().map(|mut v| {
            v.block += offset;
            v
        }));
        self.transformations.extend(other.transformations);
    }
}

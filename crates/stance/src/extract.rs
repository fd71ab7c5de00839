//! Reading stances from sentences: cue phrases anchor a stance, the holder is found by
//! walking left from the cue (as the coder finds subjects), the issue is the phrase the cue
//! governs, and a few clause shapes inside "believes …", "For X, …" say which way the
//! holder leans ("A risks B" is against A; "A cannot be allowed to stall B" is against A and
//! for B; "A are prerequisites for B" sets A as a precondition of B).

use crate::issue::{content_lemma, key_of, IssueDictionary, IssueIndex, Item};
use crate::lemma::lemma;
use crate::lexicon::*;
use dyad_model::{
    ActorMention, ArticleId, EventActor, Modality, NaiveDate, Position, Sentence, Span, Stance,
};
use dyad_text::{inflections, tokenize, Token, TokenKind};
use std::collections::{HashMap, HashSet};

/// Sentences longer than this are not prose and are skipped.
const MAX_SENTENCE_TOKENS: usize = 400;
/// How far back (in sentences) a bare "progress" or "the measures" may look for what it means.
const TOPIC_WINDOW: usize = 4;
const ANAPHOR_WINDOW: usize = 3;
/// An issue phrase is at most this many tokens.
const MAX_PHRASE: usize = 24;
/// A component of an issue ("a phase built around X") counts for this share of the strength.
const COMPONENT_SHARE: f32 = 0.8;

/// Verbs of containing: what a thing "must include" is a requirement.
const REQUIREMENT_VERBS: &[&str] = &[
    "include",
    "contain",
    "guarantee",
    "ensure",
    "involve",
    "address",
    "provide",
    "secure",
    "respect",
    "preserve",
    "protect",
    "allow",
    "permit",
    "reflect",
];

/// Past forms that end no "-ed": "praised the effort and said …" ends the phrase at "said".
const IRREGULAR_PAST: &[&str] = &[
    "said", "says", "told", "met", "made", "took", "went", "gave", "held", "sent", "kept", "left",
    "brought", "sought", "fought", "won", "lost", "led", "saw", "came", "became", "began", "spoke",
    "wrote", "struck", "threw", "drew", "withdrew", "rose", "fell", "stood", "paid", "laid", "put",
    "set", "cut", "hit", "let", "shut", "quit", "thought", "knew", "grew",
];

/// Other verbs that may head a coordinated verb phrase: "reshaping policy and reducing
/// entanglements", "relinquish their weapons or abandon their infrastructure".
const POLICY_VERBS: &[&str] = &[
    "lift",
    "impose",
    "ease",
    "reduce",
    "increase",
    "expand",
    "end",
    "halt",
    "stop",
    "resume",
    "continue",
    "deepen",
    "build",
    "create",
    "support",
    "withdraw",
    "deploy",
    "send",
    "strengthen",
    "boost",
    "cut",
    "restore",
    "reshape",
    "reform",
    "hold",
    "sign",
    "ratify",
    "recognize",
    "normalize",
    "establish",
    "maintain",
    "keep",
    "retain",
    "allow",
    "permit",
    "ban",
    "block",
    "open",
    "close",
    "launch",
    "pursue",
    "negotiate",
    "talk",
    "meet",
    "attack",
    "strike",
    "annex",
    "occupy",
    "rebuild",
    "fund",
    "arm",
    "train",
    "abandon",
    "relinquish",
    "surrender",
    "disarm",
    "dismantle",
    "release",
    "free",
    "accept",
    "reject",
    "renounce",
    "cede",
    "return",
    "leave",
    "extend",
    "renew",
    "suspend",
    "freeze",
    "join",
    "back",
    "oppose",
    "protect",
    "defend",
    "isolate",
    "punish",
    "pressure",
    "engage",
    "transition",
    "move",
    "implement",
    "deliver",
    "provide",
    "give",
    "lay",
    "hand",
];

/// The compiled extractor: cue patterns and issue dictionaries, immutable and shared across
/// threads. Build once with [`StanceExtractor::new`] or [`StanceExtractor::builtin`].
pub struct StanceExtractor {
    cues: Vec<CompiledCue>,
    /// First-word form → cue indices, longest pattern first.
    by_form: HashMap<String, Vec<usize>>,
    /// Every form of a clause cue's verb: a walk left for a subject stops there.
    clause_forms: HashSet<String>,
    issues: IssueIndex,
}

struct CompiledCue {
    def: CueDef,
    slots: Vec<Slot>,
}

#[derive(Clone, Debug)]
enum Slot {
    Word(String),
    Addressee,
}

/// A cue found in a sentence.
struct CueMatch {
    cue: usize,
    start: usize,
    /// One past the last cue token.
    end: usize,
    addressees: Vec<usize>,
}

impl StanceExtractor {
    /// Compiles the cue table and the given issue dictionaries.
    pub fn new(issues: &IssueDictionary) -> StanceExtractor {
        let mut cues = Vec::new();
        let mut by_form: HashMap<String, Vec<usize>> = HashMap::new();
        let mut clause_forms = HashSet::new();
        for def in CUES {
            let mut words = def.pattern.split_whitespace();
            let Some(first) = words.next() else { continue };
            let forms = if def.adjective {
                vec![first.to_string()]
            } else {
                inflections(first)
            };
            let slots: Vec<Slot> = words
                .map(|w| {
                    if w == "@" {
                        Slot::Addressee
                    } else {
                        Slot::Word(w.to_string())
                    }
                })
                .collect();
            let idx = cues.len();
            for f in &forms {
                by_form.entry(f.clone()).or_default().push(idx);
            }
            if matches!(def.kind, Kind::Clause(_)) && !def.adjective {
                clause_forms.extend(forms.iter().cloned());
            }
            cues.push(CompiledCue { def: *def, slots });
        }
        for list in by_form.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(cues[i].slots.len()));
        }
        StanceExtractor {
            cues,
            by_form,
            clause_forms,
            issues: IssueIndex::new(issues),
        }
    }

    /// Does the sentence have a word a stance or a remembered restriction could start from?
    fn worth_reading(&self, sentence: &str, word: &mut String) -> bool {
        let mut first = true;
        for w in sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            word.clear();
            word.extend(w.chars().flat_map(char::to_lowercase));
            if self.by_form.contains_key(word.as_str())
                || RESTRICTION_NOUNS.iter().any(|r| word.starts_with(r))
                || (first
                    && matches!(
                        word.as_str(),
                        "from"
                            | "in"
                            | "to"
                            | "by"
                            | "for"
                            | "according"
                            | "but"
                            | "and"
                            | "yet"
                            | "still"
                            | "meanwhile"
                    ))
            {
                return true;
            }
            first = false;
        }
        false
    }

    /// An actor in an issue phrase: its code, unless its words name an issue themselves.
    fn push_actor(&self, m: &ActorMention, items: &mut Vec<Item>) {
        if self.issues.is_issue_phrase(&m.text) {
            items.extend(
                m.text
                    .split_whitespace()
                    .map(|w| Item::word(&w.to_lowercase())),
            );
        } else {
            items.push(Item::Actor(m.code.clone()));
        }
    }

    /// An extractor with dyad's built-in issue dictionary (`data/issues.txt`).
    pub fn builtin() -> StanceExtractor {
        let (dict, _) = IssueDictionary::builtin();
        StanceExtractor::new(&dict)
    }

    /// Every stance in an article, in sentence order. Pure: same input, same stances.
    ///
    /// `mentions` are the recogniser's, including resolved pronouns ("he" with entry
    /// `reference: …`), which is how "he insists" finds its holder.
    pub fn extract(
        &self,
        text: &str,
        sentences: &[Sentence],
        mentions: &[ActorMention],
        date: Option<NaiveDate>,
        article: &ArticleId,
    ) -> Vec<Stance> {
        let mut memory = Memory::default();
        let mut word = String::new();
        let mut by_sentence: HashMap<usize, Vec<&ActorMention>> = HashMap::new();
        for m in mentions {
            by_sentence.entry(m.sentence).or_default().push(m);
        }
        let mut stances: Vec<Stance> = Vec::new();
        for sentence in sentences {
            // No actor, no holder: nothing to read or remember. No cue, frame or restriction
            // word: the same, found without tokenizing.
            let Some(in_sentence) = by_sentence.get(&sentence.index) else {
                continue;
            };
            if !self.worth_reading(sentence.span.slice(text), &mut word) {
                continue;
            }
            let mut sent = Sent::new(text, sentence, in_sentence);
            sent.cue_at = sent
                .toks
                .iter()
                .map(|t| t.kind == TokenKind::Word && self.by_form.contains_key(&t.lower))
                .collect();
            if sent.toks.is_empty() || sent.toks.len() > MAX_SENTENCE_TOKENS {
                continue;
            }
            let mut found: Vec<Found> = Vec::new();
            let mut run = Run {
                x: self,
                sent: &sent,
                memory: &mut memory,
                out: &mut found,
                speech: Vec::new(),
            };
            run.frames();
            run.cues();
            memory.remember_restrictions(&sent);
            let first_new = stances.len();
            for f in found {
                let Some(actor) = sent.actors.get(f.holder) else {
                    continue;
                };
                let stance = Stance {
                    article: article.clone(),
                    sentence: sentence.index,
                    actor: EventActor {
                        code: actor.m.code.clone(),
                        span: Some(actor.m.span),
                    },
                    issue: f.key,
                    issue_text: f.text.slice(text).to_string(),
                    position: f.position,
                    strength: (f.strength.clamp(0.05, 1.0) * 100.0).round() / 100.0,
                    date,
                    modality: f.modality,
                    evidence: sentence.span,
                    cue: f.cue,
                };
                // One stance per actor, issue and position in a sentence: the strongest.
                let dup = stances[first_new..].iter_mut().find(|s| {
                    s.actor.code == stance.actor.code
                        && s.issue == stance.issue
                        && s.position == stance.position
                });
                match dup {
                    Some(d) if d.strength >= stance.strength => {}
                    Some(d) => *d = stance,
                    None => stances.push(stance),
                }
            }
        }
        stances
    }
}

/// A stance before it is tied to the article.
#[derive(Clone, Debug)]
struct Found {
    holder: usize,
    key: String,
    text: Span,
    position: Position,
    strength: f32,
    modality: Modality,
    cue: Span,
}

/// What an article has said so far that later sentences refer to.
#[derive(Default)]
struct Memory {
    /// The last destination of progress: "progress toward the second phase" makes "delays"
    /// and "momentum" in the next sentences about the second phase.
    topic: Option<(usize, String)>,
    /// "sanctions on Damascus": (sentence, noun, target actor code).
    restrictions: Vec<(usize, String, Vec<Item>)>,
    /// Requests, so that "rejected the request" knows what was asked.
    requests: Vec<Request>,
}

#[derive(Clone, Debug)]
struct Request {
    sentence: usize,
    holder: String,
    addressees: Vec<String>,
    key: String,
    position: Position,
}

impl Memory {
    /// Remembers "sanctions on Damascus", "a ban on Russian gas imports": (sentence, noun
    /// lemma, the phrase from the noun to its end).
    fn remember_restrictions(&mut self, sent: &Sent<'_>) {
        for (k, t) in sent.toks.iter().enumerate() {
            if t.kind != TokenKind::Word || sent.actor_at[k].is_some() {
                continue;
            }
            let l = lemma(&t.lower);
            if !RESTRICTION_NOUNS.contains(&l.as_str())
                || !matches!(sent.w(k + 1), "on" | "against")
            {
                continue;
            }
            // To the phrase end or a circumstance after the target: "sanctions on Syria in 2019".
            let mut end = sent.phrase_end(k).min(k + 8);
            if let Some(first_actor) = (k + 2..end).find(|&j| sent.actor(j).is_some()) {
                if let Some(stop) = (first_actor..end).find(|&j| {
                    matches!(
                        sent.w(j),
                        "in" | "since" | "from" | "until" | "by" | "at" | "for" | "over"
                    )
                }) {
                    end = stop;
                }
            }
            if !(k + 2..end).any(|j| sent.actor(j).is_some()) {
                continue;
            }
            let mut items = Vec::new();
            let mut last = None;
            for j in k..end {
                match sent.actor(j) {
                    Some(a) if last == Some(a) => {}
                    Some(a) => {
                        items.push(Item::Actor(sent.actors[a].m.code.clone()));
                        last = Some(a);
                    }
                    None => items.push(Item::word(sent.w(j))),
                }
            }
            self.restrictions.push((sent.index, l, items));
        }
    }
}

/// An actor mention seen from a sentence's tokens.
struct Act<'a> {
    m: &'a ActorMention,
    first: usize,
    last: usize,
}

/// A sentence's tokens with its actors laid over them.
struct Sent<'a> {
    index: usize,
    toks: Vec<Token>,
    actor_at: Vec<Option<usize>>,
    actors: Vec<Act<'a>>,
    quoted: Vec<bool>,
    /// The token is a form of a cue's first word ("backs", "urged").
    cue_at: Vec<bool>,
}

impl<'a> Sent<'a> {
    fn new(text: &str, sentence: &Sentence, mentions: &[&'a ActorMention]) -> Sent<'a> {
        let toks = tokenize(text, sentence.span);
        let mut actor_at = vec![None; toks.len()];
        let mut actors = Vec::new();
        for &m in mentions.iter().filter(|m| sentence.span.contains(m.span)) {
            let covered: Vec<usize> = toks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.span.start >= m.span.start && t.span.end <= m.span.end)
                .map(|(i, _)| i)
                .collect();
            let (Some(&first), Some(&last)) = (covered.first(), covered.last()) else {
                continue;
            };
            if covered.iter().any(|&i| actor_at[i].is_some()) || m.code.starts_with('?') {
                continue;
            }
            for &i in &covered {
                actor_at[i] = Some(actors.len());
            }
            actors.push(Act { m, first, last });
        }
        let mut quoted = vec![false; toks.len()];
        let mut inside = false;
        for (i, t) in toks.iter().enumerate() {
            match t.lower.as_str() {
                "“" => inside = true,
                "”" => inside = false,
                "\"" => inside = !inside,
                _ => quoted[i] = inside,
            }
        }
        Sent {
            index: sentence.index,
            toks,
            actor_at,
            actors,
            quoted,
            cue_at: Vec::new(),
        }
    }

    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_str())
    }

    fn actor(&self, i: usize) -> Option<usize> {
        self.actor_at.get(i).copied().flatten()
    }

    fn is_punct(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Punct)
    }

    fn span(&self, idx: &[usize]) -> Span {
        match (idx.iter().min(), idx.iter().max()) {
            (Some(&a), Some(&b)) => Span::new(self.toks[a].span.start, self.toks[b].span.end),
            _ => Span::new(0, 0),
        }
    }

    fn cue_span(&self, start: usize, end: usize) -> Span {
        Span::new(
            self.toks[start].span.start,
            self.toks[end.max(start + 1) - 1].span.end,
        )
    }

    /// A token that ends an issue phrase.
    fn is_boundary(&self, i: usize) -> bool {
        let w = self.w(i);
        if matches!(
            w,
            "," | ";" | "." | ":" | "?" | "!" | "(" | ")" | "—" | "–" | "[" | "]"
        ) {
            return true;
        }
        if self.quoted.get(i).copied().unwrap_or(false) {
            return false;
        }
        if CLAUSE_OPENERS.contains(&w) {
            // "such as", "as well as", "known as" stay inside a phrase.
            return !(w == "as" && matches!(self.w(i.wrapping_sub(1)), "such" | "well" | "known"));
        }
        if w == "only" && matches!(self.w(i + 1), "if" | "when" | "after" | "once") {
            return true;
        }
        if w == "provided" || (w == "on" && self.w(i + 1) == "condition") {
            return true;
        }
        // "… and moved ahead": a new verb phrase sharing the subject.
        if matches!(w, "and" | "or" | "but") {
            let n = self.w(i + 1);
            return (n.ends_with("ed") && !self.quoted.get(i + 1).copied().unwrap_or(false))
                || MODALS.contains(&n)
                || BE_FORMS.contains(&n)
                || IRREGULAR_PAST.contains(&n)
                || self.cue_at.get(i + 1).copied().unwrap_or(false)
                || matches!(n, "has" | "have" | "had" | "then");
        }
        false
    }

    /// A word that looks like a finite verb or the head of a verb phrase.
    fn verbish(&self, i: usize) -> bool {
        let w = self.w(i);
        if self.actor(i).is_some() || self.is_punct(i) {
            return false;
        }
        w.ends_with("ed")
            || MODALS.contains(&w)
            || BE_FORMS.contains(&w)
            || matches!(w, "has" | "have" | "had" | "did" | "does" | "do")
            || POLICY_VERBS.contains(&lemma(w).as_str())
    }

    /// Where an issue phrase starting at `from` ends (exclusive).
    fn phrase_end(&self, from: usize) -> usize {
        let mut k = from;
        while k < self.toks.len() && k < from + MAX_PHRASE {
            if k > from && self.is_boundary(k) {
                break;
            }
            if k == from && matches!(self.w(k), "," | ";" | "." | ":") {
                break;
            }
            k += 1;
        }
        k
    }

    /// For a comma at `close`, the opening comma of a parenthetical before it (", focused on
    /// reshaping US policy,", ", especially Saudi Arabia,"), if the text between can be
    /// lifted out.
    fn parenthetical_start(&self, close: usize) -> Option<usize> {
        let mut k = close;
        while k > 0 {
            k -= 1;
            let w = self.w(k);
            if w == "," {
                let first = self.w(k + 1);
                let opener = first.ends_with("ing")
                    || first.ends_with("ed")
                    || PREPOSITIONS.contains(&first)
                    || matches!(
                        first,
                        "especially"
                            | "including"
                            | "notably"
                            | "particularly"
                            | "such"
                            | "or"
                            | "who"
                            | "which"
                            | "whose"
                            | "a"
                            | "an"
                            | "already"
                            | "once"
                            | "also"
                            | "however"
                            | "meanwhile"
                            | "too"
                            | "long"
                    )
                    || (self.actor(k + 1).is_some()
                        && self.actors[self.actor(k + 1).unwrap_or(0)].last + 1 == close);
                return opener.then_some(k);
            }
            if matches!(w, "." | ";" | ":") {
                return None;
            }
        }
        None
    }

    /// The actors inside a parenthetical that introduces members: ", especially Saudi
    /// Arabia,".
    fn appositive_actors(&self, open: usize, close: usize) -> Vec<usize> {
        if !matches!(
            self.w(open + 1),
            "especially" | "including" | "notably" | "particularly" | "such" | "namely"
        ) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for k in open + 1..close {
            if let Some(a) = self.actor(k) {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
        out
    }

    /// Drops dash-enclosed asides ("—long a sticking point in past negotiations—") from a
    /// list of token indices.
    fn without_dash_asides(&self, idx: &[usize]) -> Vec<usize> {
        let mut out = Vec::with_capacity(idx.len());
        let mut skipping = false;
        for (n, &k) in idx.iter().enumerate() {
            let dash = matches!(self.w(k), "—" | "–");
            if dash {
                let closes_later = idx[n + 1..].iter().any(|&j| matches!(self.w(j), "—" | "–"));
                if skipping {
                    skipping = false;
                } else if closes_later {
                    skipping = true;
                }
                continue;
            }
            if !skipping {
                out.push(k);
            }
        }
        out
    }
}

/// One sentence being read.
struct Run<'r, 'a> {
    x: &'r StanceExtractor,
    sent: &'r Sent<'a>,
    memory: &'r mut Memory,
    out: &'r mut Vec<Found>,
    /// Clause cues of saying or believing seen so far: (token, holders). A stance inside
    /// another holder's belief is reported.
    speech: Vec<(usize, Vec<usize>)>,
}

/// How one phrase is to be emitted.
#[derive(Clone)]
struct Emit<'e> {
    holders: &'e [usize],
    phrase: Vec<usize>,
    /// The phrase is a verb phrase: its first word is the verb.
    vp: bool,
    agent: Option<String>,
    /// The agent joins the key whatever the act (feared and doubted acts).
    agent_always: bool,
    position: Position,
    strength: f32,
    modality: Modality,
    cue: Span,
    conditional: bool,
}

fn opposite(p: Position) -> Position {
    match p {
        Position::For => Position::Against,
        Position::Against => Position::For,
        Position::Conditional => Position::Conditional,
    }
}

impl<'r, 'a> Run<'r, 'a> {
    fn s(&self) -> &'r Sent<'a> {
        self.sent
    }

    /// Emits a stance on a phrase for each holder; returns the key and final position.
    fn emit(&mut self, e: &Emit<'_>) -> Option<(String, Position)> {
        let sent = self.s();
        if e.holders.is_empty() || e.phrase.is_empty() {
            return None;
        }
        let items = self.items(&e.phrase, e.vp);
        let issue = key_of(&items, e.agent.as_deref(), e.agent_always, &self.x.issues)?;
        // A verb with nothing to act on ("hopes to build") is no issue.
        if e.vp && !issue.bare && issue.key.split(' ').count() == 1 && issue.predicates.len() == 1 {
            return None;
        }
        let key = if issue.bare {
            match &self.memory.topic {
                Some((s, k)) if sent.index.saturating_sub(*s) <= TOPIC_WINDOW => k.clone(),
                _ => return None,
            }
        } else {
            issue.key.clone()
        };
        if issue.destination {
            self.memory.topic = Some((sent.index, key.clone()));
        }
        let mut position = if issue.flip {
            opposite(e.position)
        } else {
            e.position
        };
        if e.conditional {
            position = Position::Conditional;
        }
        let text = sent.span(&e.phrase);
        for &h in e.holders {
            // An actor's stance on itself alone says nothing.
            if key == sent.actors[h].m.code {
                continue;
            }
            self.out.push(Found {
                holder: h,
                key: key.clone(),
                text,
                position,
                strength: e.strength,
                modality: e.modality,
                cue: e.cue,
            });
        }
        Some((key, position))
    }

    /// The phrase's tokens as issue items: actors as codes, "the measures" as what they
    /// refer back to.
    fn items(&self, phrase: &[usize], vp: bool) -> Vec<Item> {
        let sent = self.s();
        let mut items = Vec::with_capacity(phrase.len());
        let mut last_actor = None;
        for (n, &k) in phrase.iter().enumerate() {
            if let Some(a) = sent.actor(k) {
                if last_actor != Some(a) {
                    self.x.push_actor(sent.actors[a].m, &mut items);
                    last_actor = Some(a);
                }
                continue;
            }
            last_actor = None;
            let t = &sent.toks[k];
            // "lift the measures": a definite restriction noun with no target of its own.
            let l = lemma(&t.lower);
            if RESTRICTION_NOUNS.contains(&l.as_str())
                && n > 0
                && phrase[..n]
                    .iter()
                    .rev()
                    .take(3)
                    .any(|&j| DEFINITES.contains(&sent.w(j)))
                && !phrase[n + 1..]
                    .iter()
                    .take(3)
                    .any(|&j| sent.actor(j).is_some())
                && !phrase[..n].iter().any(|&j| sent.actor(j).is_some())
            {
                // The same noun first ("the ban" → "a ban on …"), then any of the class.
                let recent: Vec<&(usize, String, Vec<Item>)> = self
                    .memory
                    .restrictions
                    .iter()
                    .rev()
                    .take_while(|(s, ..)| sent.index.saturating_sub(*s) <= ANAPHOR_WINDOW)
                    .filter(|(s, ..)| *s < sent.index)
                    .collect();
                let antecedent = recent
                    .iter()
                    .find(|(_, noun, _)| *noun == l)
                    .or(recent.first());
                if let Some((_, _, phrase)) = antecedent {
                    items.extend(phrase.iter().cloned());
                    continue;
                }
            }
            items.push(Item::Word {
                lower: t.lower.clone(),
                verb: vp && n == 0,
                quoted: sent.quoted[k],
            });
        }
        items
    }

    // ----- finding holders -----

    /// The holder of a cue at `cue`: the subject found by walking left, skipping
    /// parentheticals, actors governed by prepositions and objects of verbs.
    fn holder(&self, cue: usize) -> Vec<usize> {
        let sent = self.s();
        let mut k = cue;
        let mut appositive: Vec<usize> = Vec::new();
        while k > 0 {
            k -= 1;
            if let Some(a) = sent.actor(k) {
                let act = &sent.actors[a];
                k = act.first;
                if self.is_subject(a) {
                    return self.chain_left(a);
                }
                continue;
            }
            let w = sent.w(k);
            match w {
                "," => {
                    if let Some(open) = sent.parenthetical_start(k) {
                        if appositive.is_empty() {
                            appositive = sent.appositive_actors(open, k);
                        }
                        k = open;
                    }
                }
                "and" | "but" | "or" => {
                    if !sent.verbish(k + 1) {
                        break;
                    }
                }
                ";" | ":" => break,
                _ => {
                    if CLAUSE_OPENERS.contains(&w)
                        && !matches!(
                            w,
                            "as" | "hoping"
                                | "saying"
                                | "arguing"
                                | "warning"
                                | "insisting"
                                | "adding"
                                | "noting"
                                | "even"
                                | "rather"
                                | "after"
                                | "amid"
                                | "despite"
                                | "following"
                                | "during"
                                | "before"
                                | "without"
                        )
                    {
                        // "who"/"which" right after an actor: the actor.
                        if matches!(w, "who" | "which" | "that") && k > 0 {
                            let p = if sent.w(k - 1) == "," && k > 1 {
                                k - 2
                            } else {
                                k - 1
                            };
                            if let Some(a) = sent.actor(p) {
                                return vec![a];
                            }
                        }
                        break;
                    }
                    if self.x.clause_forms.contains(w) && k + 1 < cue {
                        break;
                    }
                }
            }
        }
        appositive
    }

    /// Is the actor at `a` in subject position, rather than governed by a preposition, the
    /// object of a verb, or a modifier ("certain US sanctions", "the US-backed plan")?
    fn is_subject(&self, a: usize) -> bool {
        let sent = self.s();
        let act = &sent.actors[a];
        if matches!(sent.w(act.last + 1), "-" | "–") {
            return false;
        }
        let Some(prev) = act.first.checked_sub(1) else {
            return true;
        };
        let before = sent.w(prev);
        if PREPOSITIONS.contains(&before) {
            return false;
        }
        if matches!(
            before,
            "certain"
                | "some"
                | "many"
                | "several"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "a"
                | "an"
                | "any"
                | "all"
                | "both"
                | "each"
                | "every"
                | "no"
                | "other"
        ) {
            return false;
        }
        if before.ends_with("ed")
            || self.x.by_form.contains_key(before) && !self.x.clause_forms.contains(before)
        {
            // "urged Trump", "backed Israel": an object.
            return before == "said" || before == "warned" || before == "believed";
        }
        true
    }

    /// The actor and those coordinated before it: "Egypt and Qatar urged".
    fn chain_left(&self, last: usize) -> Vec<usize> {
        let sent = self.s();
        let mut out = vec![last];
        let mut first = sent.actors[last].first;
        // A comma joins only inside a list that ends with "and"/"or": "Egypt, Qatar and
        // Jordan urged", not "According to Egyptian officials, Hamas is ready".
        let mut listed = false;
        loop {
            let mut k = first;
            let mut joined = false;
            while k > 0 && matches!(sent.w(k - 1), "and" | "," | "or" | "the") {
                let w = sent.w(k - 1);
                listed |= matches!(w, "and" | "or");
                joined |= w == "," && listed || matches!(w, "and" | "or");
                k -= 1;
            }
            if k == 0 || !joined {
                break;
            }
            match sent.actor(k - 1) {
                Some(a) if !out.contains(&a) => {
                    out.insert(0, a);
                    first = sent.actors[a].first;
                }
                _ => break,
            }
        }
        out
    }

    // ----- modality, negation, strength -----

    fn negated(&self, holder_end: Option<usize>, cue: usize) -> bool {
        let sent = self.s();
        let from = holder_end
            .map_or(cue.saturating_sub(4), |h| h + 1)
            .max(cue.saturating_sub(5));
        (from..cue).any(|k| {
            NEGATIONS.contains(&sent.w(k))
                || (sent.w(k) == "longer" && sent.w(k.wrapping_sub(1)) == "no")
        })
    }

    fn modality(&self, def: &CueDef, holders: &[usize], cue: usize) -> Modality {
        let sent = self.s();
        if def.mood == Mood::Intended {
            return Modality::Intended;
        }
        let mut k = cue;
        let mut steps = 0;
        while k > 0 && steps < 3 {
            k -= 1;
            steps += 1;
            let w = sent.w(k);
            if matches!(
                w,
                "would" | "could" | "might" | "may" | "will" | "'ll" | "'d"
            ) {
                return Modality::Hypothetical;
            }
            if !(w.ends_with("ly")
                || matches!(w, "not" | "still" | "also" | "be" | "ever" | "never"))
            {
                break;
            }
        }
        if def.mood == Mood::Belief {
            return Modality::Reported;
        }
        let hearsay = (0..cue).any(|k| REPORTED_CUES.contains(&sent.w(k)))
            || sent
                .toks
                .windows(2)
                .any(|p| p[0].lower == "according" && p[1].lower == "to");
        let code = |h: &usize| sent.actors[*h].m.code.as_str();
        let inside_other = self.speech.iter().any(|(at, hs)| {
            *at < cue
                && !hs
                    .iter()
                    .any(|h| holders.iter().any(|g| code(g) == code(h)))
        });
        if hearsay || inside_other {
            return Modality::Reported;
        }
        Modality::Asserted
    }

    fn strength(&self, base: f32, cue: usize, end: usize) -> f32 {
        let sent = self.s();
        let near: Vec<&str> = (cue.saturating_sub(3)..(end + 1).min(sent.toks.len()))
            .map(|k| sent.w(k))
            .collect();
        let mut s = base;
        if near.iter().any(|w| INTENSIFIERS.contains(w)) {
            s += 0.1;
        }
        if near.iter().any(|w| HEDGES.contains(w)) {
            s -= 0.2;
        }
        s.clamp(0.05, 1.0)
    }

    // ----- cues -----

    fn match_at(&self, i: usize) -> Option<CueMatch> {
        let sent = self.s();
        let t = &sent.toks[i];
        if t.kind != TokenKind::Word || sent.actor(i).is_some() || sent.quoted[i] {
            return None;
        }
        let list = self.x.by_form.get(&t.lower)?;
        if i > 0 {
            let prev = sent.w(i - 1);
            // Nouns and compounds: "the request", "US-backed", "with plans to".
            if DETERMINERS.contains(&prev) || prev == "'s" || prev == "-" || prev == "–" {
                return None;
            }
        }
        'cue: for &c in list {
            let cue = &self.x.cues[c];
            if !cue.def.adjective && !self.used_as_verb(i, &cue.def) {
                continue;
            }
            let mut k = i + 1;
            let mut addressees = Vec::new();
            for (n, slot) in cue.slots.iter().enumerate() {
                // Adverbs may stand inside a cue: "called repeatedly for".
                while k < sent.toks.len()
                    && sent.w(k).ends_with("ly")
                    && sent.w(k).len() > 4
                    && sent.actor(k).is_none()
                {
                    k += 1;
                }
                match slot {
                    Slot::Word(w) => {
                        if sent.w(k) != w {
                            continue 'cue;
                        }
                        k += 1;
                    }
                    Slot::Addressee => {
                        // "urged the European Union to".
                        if sent.w(k) == "the" && sent.actor(k + 1).is_some() {
                            k += 1;
                        }
                        let Some(a) = sent.actor(k) else {
                            continue 'cue;
                        };
                        addressees.push(a);
                        k = sent.actors[a].last + 1;
                        while matches!(sent.w(k), "and" | ",") {
                            match sent.actor(k + 1) {
                                Some(b) => {
                                    addressees.push(b);
                                    k = sent.actors[b].last + 1;
                                }
                                None => break,
                            }
                        }
                        // "urged Iran on Tuesday to": a short adverbial before the next word.
                        if let Some(Slot::Word(next)) = cue.slots.get(n + 1) {
                            if sent.w(k) != next {
                                let skip = (1..=4).find(|&d| sent.w(k + d) == next).filter(|&d| {
                                    (k..k + d).all(|j| {
                                        !sent.is_punct(j)
                                            && sent.actor(j).is_none()
                                            && !sent.verbish(j)
                                    })
                                });
                                if let Some(d) = skip {
                                    k += d;
                                }
                            }
                        }
                    }
                }
            }
            return Some(CueMatch {
                cue: c,
                start: i,
                end: k,
                addressees,
            });
        }
        None
    }

    /// Is the cue word used as a verb here? "back" after "come" or before "to" is an
    /// adverb; an obstruction verb must be finite or progressive ("is slowing"), not a
    /// gerund ("delays risk undermining X") or an infinitive ("allowed to stall").
    fn used_as_verb(&self, i: usize, def: &CueDef) -> bool {
        let sent = self.s();
        let w = sent.w(i);
        let prev = if i > 0 { sent.w(i - 1) } else { "" };
        if w == "back"
            && (matches!(
                sent.w(i + 1),
                "to" | "in"
                    | "into"
                    | "from"
                    | "on"
                    | "off"
                    | "down"
                    | "up"
                    | "away"
                    | "and"
                    | ","
                    | "."
            ) || prev.ends_with("ed"))
        {
            return false;
        }
        // "rejected calls for concessions": a verb's object, not a verb.
        if i > 0
            && (prev.ends_with("ed") || sent.cue_at.get(i - 1).copied().unwrap_or(false))
            && !BE_FORMS.contains(&prev)
        {
            return false;
        }
        if def.kind == Kind::Obstruction {
            if w.ends_with("ing") {
                let mut k = i;
                while k > 0 {
                    k -= 1;
                    let p = sent.w(k);
                    if BE_FORMS.contains(&p) {
                        return true;
                    }
                    if !(p.ends_with("ly") || matches!(p, "not" | "still" | "also" | "now")) {
                        return false;
                    }
                }
                return false;
            }
            if prev == "to" {
                return false;
            }
        }
        // Passive: "supported by an international presence" — its holder is the by-agent.
        if w.ends_with("ed") && sent.w(i + 1) == "by" {
            return false;
        }
        if i > 0 && PREPOSITIONS.contains(&prev) && prev != "to" {
            return false;
        }
        true
    }

    fn cues(&mut self) {
        let sent = self.s();
        let leading = self.leading_condition();
        let mut i = 0;
        while i < sent.toks.len() {
            let Some(m) = self.match_at(i) else {
                i += 1;
                continue;
            };
            let def = self.x.cues[m.cue].def;
            let holders = self.holder(m.start);
            if let Kind::Clause(_) = def.kind {
                if def.mood == Mood::Belief
                    || matches!(
                        def.pattern,
                        "say" | "say that" | "argue" | "argue that" | "insist" | "insist that"
                    )
                {
                    self.speech.push((m.start, holders.clone()));
                }
            }
            if !holders.is_empty() {
                let before = self.out.len();
                self.read_cue(&m, &def, &holders);
                if let Some((cond, cond_idx)) = &leading {
                    if cond_idx < &m.start && self.out.len() > before {
                        for f in &mut self.out[before..] {
                            f.position = Position::Conditional;
                        }
                        let e = Emit {
                            holders: &holders,
                            phrase: cond.clone(),
                            vp: false,
                            agent: None,
                            agent_always: false,
                            position: Position::For,
                            strength: def.strength * COMPONENT_SHARE,
                            modality: Modality::Asserted,
                            cue: sent.cue_span(m.start, m.end),
                            conditional: false,
                        };
                        self.emit(&e);
                    }
                }
            }
            i = m.end.max(m.start + 1);
        }
    }

    /// "Unless Hamas disarms, …": the condition and the index of the comma closing it.
    fn leading_condition(&self) -> Option<(Vec<usize>, usize)> {
        let sent = self.s();
        let mut k = 0;
        if matches!(sent.w(0), "but" | "and" | "yet" | "still") {
            k = 1;
        }
        let len = condition_marker(sent, k)?;
        let start = k + len;
        let comma = (start..sent.toks.len()).find(|&j| sent.w(j) == ",")?;
        let cond: Vec<usize> = (start..comma).collect();
        let items = self.items(&cond, false);
        key_of(&items, None, false, &self.x.issues).filter(|k| !k.bare)?;
        Some((cond, comma))
    }

    fn read_cue(&mut self, m: &CueMatch, def: &CueDef, holders: &[usize]) {
        let sent = self.s();
        let holder_end = holders.iter().map(|&h| sent.actors[h].last).max();
        let negated = self.negated(holder_end, m.start);
        let mut strength = self.strength(def.strength, m.start, m.end);
        let mut modality = self.modality(def, holders, m.start);
        let mut position = def.position;
        if negated {
            match def.negation {
                OnNegation::Void => return,
                OnNegation::Flip(share) => {
                    strength *= share;
                    modality = Modality::Negated;
                    position = opposite(position);
                }
            }
        }
        let base = Emit {
            holders,
            phrase: Vec::new(),
            vp: false,
            agent: None,
            agent_always: false,
            position,
            strength,
            modality,
            cue: sent.cue_span(m.start, m.end),
            conditional: false,
        };
        match def.kind {
            Kind::Object | Kind::Obstruction => self.read_object(m, def, base),
            Kind::Infinitive => {
                let agent = holders.first().map(|&h| sent.actors[h].m.code.clone());
                self.read_verb_phrase(m.end, Emit { agent, ..base }, Some(holders))
            }
            Kind::Request => {
                let agent = m.addressees.first().map(|&a| sent.actors[a].m.code.clone());
                let before = self.out.len();
                self.read_verb_phrase(m.end, Emit { agent, ..base }, None);
                let holder_codes: Vec<String> = holders
                    .iter()
                    .map(|&h| sent.actors[h].m.code.clone())
                    .collect();
                let addressees: Vec<String> = m
                    .addressees
                    .iter()
                    .map(|&a| sent.actors[a].m.code.clone())
                    .collect();
                let new: Vec<(String, Position)> = self.out[before..]
                    .iter()
                    .map(|f| (f.key.clone(), f.position))
                    .collect();
                for (key, position) in new {
                    self.memory.requests.push(Request {
                        sentence: sent.index,
                        holder: holder_codes.first().cloned().unwrap_or_default(),
                        addressees: addressees.clone(),
                        key,
                        position,
                    });
                }
            }
            Kind::Clause(mode) => self.read_clause(m, mode, base),
            Kind::View => self.read_view(m, base),
        }
    }

    /// Object cues: "backs X", "rejected the request", "is slowing progress toward X".
    fn read_object(&mut self, m: &CueMatch, def: &CueDef, base: Emit<'_>) {
        let sent = self.s();
        let start = m.end;
        // "rejected the request": the opposite of what was asked (or the same, for
        // accepting cues).
        if let Some(noun) =
            (start..(start + 3).min(sent.toks.len())).find(|&k| REQUEST_NOUNS.contains(&sent.w(k)))
        {
            let definite = (start..noun).any(|k| DEFINITES.contains(&sent.w(k)));
            let plain = (start..noun)
                .all(|k| DETERMINERS.contains(&sent.w(k)) || sent.w(k).ends_with("ed"));
            if definite
                && plain
                && !matches!(sent.w(noun + 1), "for" | "to" | "that")
                && self.read_request_anaphor(noun, def, &base)
            {
                return;
            }
        }
        let end = sent.phrase_end(start);
        let phrase: Vec<usize> = (start..end).collect();
        let vp = phrase.first().is_some_and(|&k| sent.w(k).ends_with("ing"));
        // "Hamas rejects disarming": the holder would be the one to act.
        let agent = vp
            .then(|| base.holders.first().map(|&h| sent.actors[h].m.code.clone()))
            .flatten();
        self.emit_with_parts(phrase, vp, end, Emit { agent, ..base });
    }

    /// Returns whether an earlier request was found.
    fn read_request_anaphor(&mut self, noun: usize, def: &CueDef, base: &Emit<'_>) -> bool {
        let sent = self.s();
        let holder_codes: Vec<&str> = base
            .holders
            .iter()
            .map(|&h| sent.actors[h].m.code.as_str())
            .collect();
        let recent: Vec<&Request> = self
            .memory
            .requests
            .iter()
            .rev()
            .take_while(|r| sent.index.saturating_sub(r.sentence) <= ANAPHOR_WINDOW)
            .filter(|r| !holder_codes.contains(&r.holder.as_str()))
            .collect();
        let Some(first) = recent.first() else {
            return false;
        };
        // Prefer the request addressed to this holder, and take all its issues.
        let chosen_sentence = recent
            .iter()
            .find(|r| {
                r.addressees
                    .iter()
                    .any(|a| holder_codes.contains(&a.as_str()))
            })
            .map_or(first.sentence, |r| r.sentence);
        let requests: Vec<Request> = recent
            .iter()
            .filter(|r| r.sentence == chosen_sentence)
            .map(|r| (*r).clone())
            .collect();
        let accepting = ACCEPTING_CUES.contains(&def.pattern);
        let rejecting = def.position == Position::Against;
        for r in requests {
            let mut position = if rejecting && !accepting {
                opposite(r.position)
            } else {
                r.position
            };
            if base.position != def.position {
                // Negated: "did not reject the request".
                position = opposite(position);
            }
            for &h in base.holders {
                self.out.push(Found {
                    holder: h,
                    key: r.key.clone(),
                    text: sent.span(&[noun.saturating_sub(1), noun]),
                    position,
                    strength: base.strength,
                    modality: base.modality,
                    cue: base.cue,
                });
            }
        }
        true
    }

    /// Infinitive and request complements: "to transition Gaza into …", "to retain …".
    fn read_verb_phrase(&mut self, start: usize, base: Emit<'_>, self_holders: Option<&[usize]>) {
        let sent = self.s();
        if start >= sent.toks.len() {
            return;
        }
        let end = sent.phrase_end(start);
        let mut phrase: Vec<usize> = (start..end).collect();
        // "the new Middle East Trump hopes to build": a bare verb takes the noun phrase the
        // relative clause hangs on.
        if phrase.len() == 1 {
            if let Some(h) = self_holders.and_then(|h| h.first()) {
                let first = sent.actors[*h].first;
                if let Some(det) = (first.saturating_sub(6)..first)
                    .rev()
                    .find(|&k| matches!(sent.w(k), "the" | "a" | "an"))
                {
                    if (det + 1..first).all(|k| !sent.is_punct(k)) && det + 1 < first {
                        phrase.extend(det + 1..first);
                    }
                }
            }
        }
        self.emit_with_parts(phrase, true, end, base);
    }

    /// Emits a phrase split into coordinated parts and components, and a trailing condition.
    fn emit_with_parts(&mut self, phrase: Vec<usize>, vp: bool, end: usize, base: Emit<'_>) {
        let sent = self.s();
        let (main, components) = split_components(sent, &phrase, end);
        let condition = condition_after(
            sent,
            components
                .last()
                .and_then(|c| c.last())
                .map_or(end, |&l| l + 1),
        );
        let conditional = condition.is_some();
        for part in split_coordination(sent, &main, vp) {
            self.emit(&Emit {
                phrase: part,
                vp,
                conditional,
                ..base.clone()
            });
        }
        for comp in components {
            for part in split_coordination(sent, &comp, false) {
                self.emit(&Emit {
                    phrase: part,
                    vp: false,
                    agent: None,
                    agent_always: false,
                    strength: base.strength * COMPONENT_SHARE,
                    conditional,
                    ..base.clone()
                });
            }
        }
        if let Some(cond) = condition {
            self.emit(&Emit {
                phrase: cond,
                vp: false,
                agent: None,
                agent_always: false,
                position: Position::For,
                conditional: false,
                ..base
            });
        }
    }

    /// "views X as a mistake".
    fn read_view(&mut self, m: &CueMatch, base: Emit<'_>) {
        let sent = self.s();
        let limit = (m.end + 12).min(sent.toks.len());
        let Some(as_at) = (m.end..limit).find(|&k| sent.w(k) == "as") else {
            return;
        };
        if (m.end..as_at).any(|k| matches!(sent.w(k), "," | ";" | ".")) || as_at == m.end {
            return;
        }
        let y_end = sent.phrase_end(as_at + 1);
        let y: Vec<&str> = (as_at + 1..y_end).map(|k| sent.w(k)).collect();
        let position = if y.iter().any(|w| NEGATIVE_EVALUATIONS.contains(w)) {
            Position::Against
        } else if y.iter().any(|w| POSITIVE_EVALUATIONS.contains(w)) {
            Position::For
        } else {
            return;
        };
        let position = if base.position == Position::For {
            position
        } else {
            opposite(position)
        };
        let phrase: Vec<usize> = (m.end..as_at).collect();
        self.emit(&Emit {
            phrase,
            position,
            ..base
        });
    }

    /// Clause cues: "insists that …", "is wary that …", and report tags ", X argue,".
    fn read_clause(&mut self, m: &CueMatch, mode: Mode, base: Emit<'_>) {
        let sent = self.s();
        let n = sent.toks.len();
        let mut start = m.end;
        if sent.w(start) == "that" {
            start += 1;
        }
        let content: Vec<usize> =
            if start >= n || matches!(sent.w(start), "," | "." | ";" | "”" | "\"") {
                // A report tag: ", US officials argue," — the content is the rest of the sentence.
                let holder_first = base
                    .holders
                    .iter()
                    .map(|&h| sent.actors[h].first)
                    .min()
                    .unwrap_or(m.start);
                let tag_start = holder_first;
                let tag_end = if sent.w(start) == "," {
                    start + 1
                } else {
                    start
                };
                (0..n)
                    .filter(|&k| k < tag_start || k >= tag_end)
                    .filter(|&k| !matches!(sent.w(k), "." | "“" | "”" | "\""))
                    .collect()
            } else {
                (start..n)
                    .take_while(|&k| !matches!(sent.w(k), ";"))
                    .collect()
            };
        let content = sent.without_dash_asides(&content);
        let demand = matches!(m.cue, c if self.x.cues[c].def.pattern.starts_with("demand") || self.x.cues[c].def.pattern.starts_with("insist"));
        self.evaluate(&content, mode, base, demand);
    }

    /// Sentence frames: "From X's perspective, …", "In X's calculus, …", "For X, …",
    /// "According to X, …".
    fn frames(&mut self) {
        let sent = self.s();
        let n = sent.toks.len();
        let mut k = 0;
        if matches!(sent.w(0), "but" | "and" | "yet" | "still" | "meanwhile") {
            k = 1;
            if sent.w(1) == "," {
                k = 2;
            }
        }
        let opener = sent.w(k);
        let mut holder = None;
        let mut comma = None;
        let mut reported = false;
        match opener {
            "from" | "in" | "to" | "by" => {
                // "From Washington's perspective,", "From his standpoint,", "In the view of X,".
                if let Some(a) = sent.actor(k + 1) {
                    let mut j = sent.actors[a].last + 1;
                    if matches!(sent.w(j), "'s" | "'") {
                        j += 1;
                    }
                    if FRAME_NOUNS.contains(&sent.w(j)) {
                        holder = Some(a);
                        comma = (j + 1..n.min(j + 4)).find(|&c| sent.w(c) == ",");
                    }
                } else if sent.w(k + 1) == "the"
                    && FRAME_NOUNS.contains(&sent.w(k + 2))
                    && sent.w(k + 3) == "of"
                {
                    if let Some(a) = sent.actor(k + 4) {
                        holder = Some(a);
                        comma = Some(sent.actors[a].last + 1).filter(|&c| sent.w(c) == ",");
                    }
                }
            }
            "for" => {
                if let Some(a) = sent.actor(k + 1) {
                    let c = sent.actors[a].last + 1;
                    if sent.w(c) == "," {
                        holder = Some(a);
                        comma = Some(c);
                    }
                }
            }
            "according" if sent.w(k + 1) == "to" => {
                if let Some(a) = sent.actor(k + 2) {
                    let c = sent.actors[a].last + 1;
                    if sent.w(c) == "," {
                        holder = Some(a);
                        comma = Some(c);
                        reported = true;
                    }
                }
            }
            _ => {}
        }
        let (Some(h), Some(c)) = (holder, comma) else {
            return;
        };
        let content: Vec<usize> = (c + 1..n)
            .filter(|&j| !matches!(sent.w(j), "." | ";"))
            .collect();
        let content = sent.without_dash_asides(&content);
        let holders = [h];
        let cue = Span::new(
            sent.toks[k].span.start,
            sent.toks[c.saturating_sub(1)].span.end,
        );
        let hearsay = (0..n).any(|j| REPORTED_CUES.contains(&sent.w(j)));
        let base = Emit {
            holders: &holders,
            phrase: Vec::new(),
            vp: false,
            agent: None,
            agent_always: false,
            position: Position::For,
            strength: 0.6,
            modality: if reported || hearsay {
                Modality::Reported
            } else {
                Modality::Asserted
            },
            cue,
            conditional: false,
        };
        self.speech.push((c, vec![h]));
        self.evaluate(&content, Mode::Assert, base, false);
    }

    // ----- reading a clause -----

    /// Reads the holder's position from the shape of a clause they assert, fear or doubt.
    /// `demand`: the cue demands ("demanded that Hamas disarm"), so a bare verb after an
    /// actor subject is a subjunctive the holder wants.
    fn evaluate(&mut self, content: &[usize], mode: Mode, base: Emit<'_>, demand: bool) {
        let sent = self.s();
        let mut content: Vec<usize> = content.to_vec();
        while content
            .first()
            .is_some_and(|&k| matches!(sent.w(k), "that" | "," | "“" | "\""))
        {
            content.remove(0);
        }
        if content.is_empty() {
            return;
        }
        // "Without A, …": A is needed.
        if sent.w(content[0]) == "without" {
            let np: Vec<usize> = content[1..]
                .iter()
                .copied()
                .take_while(|&k| !sent.is_boundary(k))
                .collect();
            for part in split_coordination(sent, &np, false) {
                self.emit(&Emit {
                    phrase: part,
                    position: if mode == Mode::Assert {
                        Position::For
                    } else {
                        base.position
                    },
                    ..base.clone()
                });
            }
            return;
        }
        // A condition, leading or inside: the main clause becomes conditional, the condition
        // is what the holder requires.
        let (main, condition) = split_condition(sent, &content);
        let conditional = condition.is_some();
        let before = self.out.len();
        let (subject, _) = split_subject(sent, &main);
        self.evaluate_main(&main, mode, &base, conditional, demand);
        if conditional && self.out.len() == before && !subject.is_empty() {
            for part in split_coordination(sent, &subject, false) {
                self.emit(&Emit {
                    phrase: part,
                    conditional: true,
                    ..base.clone()
                });
            }
        }
        if let Some(cond) = condition {
            if !cond.is_empty() {
                self.emit(&Emit {
                    phrase: cond,
                    position: Position::For,
                    strength: base.strength * COMPONENT_SHARE,
                    conditional: false,
                    ..base
                });
            }
        }
    }

    fn evaluate_main(
        &mut self,
        main: &[usize],
        mode: Mode,
        base: &Emit<'_>,
        conditional: bool,
        demand: bool,
    ) {
        let sent = self.s();
        let (subject, pred) = split_subject(sent, main);
        if subject.is_empty() || pred.is_empty() {
            return;
        }
        let subject_actors = subject_actors(sent, &subject);
        let w = |i: usize| pred.get(i).map_or("", |&k| sent.w(k));
        let emit_subject = |run: &mut Self, position: Position| {
            for part in split_coordination(sent, &subject, false) {
                run.emit(&Emit {
                    phrase: part,
                    position,
                    conditional,
                    ..base.clone()
                });
            }
        };
        // "A cannot be allowed to stall B": against A as a condition, for B.
        let forbidden = matches!(w(0), "cannot" | "must" | "should" | "can")
            && pred
                .iter()
                .take(6)
                .any(|&k| matches!(sent.w(k), "allowed" | "permitted"));
        if forbidden {
            if let Some(v) = pred
                .iter()
                .position(|&k| OBSTRUCTION_VERBS.contains(&lemma(sent.w(k)).as_str()))
            {
                emit_subject(self, Position::Against);
                let rest: Vec<usize> = pred[v..]
                    .iter()
                    .copied()
                    .take_while(|&k| k == pred[v] || !sent.is_boundary(k))
                    .collect();
                self.emit(&Emit {
                    phrase: rest,
                    position: Position::Against,
                    conditional,
                    ..base.clone()
                });
                return;
            }
        }
        // "A are prerequisites for B".
        if BE_FORMS.contains(&w(0)) {
            if let Some(p) = pred
                .iter()
                .take(5)
                .position(|&k| PRECONDITION_NOUNS.contains(&sent.w(k)))
            {
                emit_subject(self, Position::For);
                if w(p + 1) == "for" {
                    let b: Vec<usize> = pred[p + 2..]
                        .iter()
                        .copied()
                        .take_while(|&k| !sent.is_boundary(k))
                        .collect();
                    self.emit(&Emit {
                        phrase: b,
                        position: Position::Conditional,
                        ..base.clone()
                    });
                }
                return;
            }
        }
        let actor_subject = !subject_actors.is_empty();
        // Skip auxiliaries and adverbs to the verb: "would ever voluntarily relinquish".
        let mut v = 0;
        let mut modal = None;
        let mut negative = false;
        while v < pred.len() {
            let x = w(v);
            if MODALS.contains(&x)
                || matches!(
                    x,
                    "has"
                        | "have"
                        | "had"
                        | "need"
                        | "needs"
                        | "ought"
                        | "to"
                        | "be"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                )
            {
                if MODALS.contains(&x) || matches!(x, "need" | "needs" | "ought") {
                    modal = Some(x.to_string());
                }
                if x == "cannot" {
                    negative = true;
                }
                v += 1;
            } else if NEGATIONS.contains(&x) {
                negative = true;
                v += 1;
            } else if (x.ends_with("ly") && x.len() > 3)
                || matches!(x, "ever" | "still" | "also" | "now" | "just" | "even")
            {
                v += 1;
            } else {
                break;
            }
        }
        let verb_phrase: Vec<usize> = pred[v.min(pred.len())..]
            .iter()
            .copied()
            .take_while(|&k| !sent.is_boundary(k))
            .collect();
        let verb = verb_phrase
            .first()
            .map_or(String::new(), |&k| lemma(sent.w(k)));
        let agents: Vec<Option<String>> = if actor_subject {
            subject_actors
                .iter()
                .map(|&a| Some(sent.actors[a].m.code.clone()))
                .collect()
        } else {
            vec![None]
        };
        let emit_vp = |run: &mut Self, position: Position| {
            for agent in &agents {
                for part in split_coordination(sent, &verb_phrase, true) {
                    run.emit(&Emit {
                        phrase: part,
                        vp: true,
                        agent: agent.clone(),
                        agent_always: mode == Mode::Fear,
                        position,
                        conditional,
                        ..base.clone()
                    });
                }
            }
        };
        match mode {
            Mode::Doubt => {
                if actor_subject {
                    if CONCESSION_VERBS.contains(&verb.as_str()) && !negative {
                        emit_vp(self, Position::For);
                    }
                } else {
                    emit_subject(self, Position::Against);
                }
            }
            Mode::Fear => {
                if actor_subject {
                    emit_vp(self, Position::Against);
                } else {
                    emit_subject(self, Position::Against);
                }
            }
            Mode::Assert => {
                if actor_subject {
                    // "Netanyahu is slowing X": the holder is for X.
                    if OBSTRUCTION_VERBS.contains(&verb.as_str()) {
                        emit_vp(
                            self,
                            if negative {
                                Position::For
                            } else {
                                Position::Against
                            },
                        );
                        return;
                    }
                    // "Hamas must disarm", "demanded that Hamas disarm".
                    let obliged = matches!(
                        modal.as_deref(),
                        Some("must" | "should" | "need" | "needs" | "ought")
                    ) || (v > 0
                        && w(v - 1) == "to"
                        && matches!(w(0), "has" | "have" | "need" | "needs"));
                    let subjunctive =
                        demand && modal.is_none() && v == 0 && !verb_phrase.is_empty() && {
                            let raw = w(0);
                            !raw.ends_with('s')
                                && !raw.ends_with("ed")
                                && !raw.ends_with("ing")
                                && sent.actor(pred[0]).is_none()
                        };
                    if obliged || subjunctive {
                        emit_vp(
                            self,
                            if negative {
                                Position::Against
                            } else {
                                Position::For
                            },
                        );
                    }
                    return;
                }
                // "delays risk unraveling …": against the subject.
                if NEGATIVE_PREDICATES.contains(&lemma(w(0)).as_str()) && !MODALS.contains(&w(0)) {
                    emit_subject(
                        self,
                        if negative {
                            Position::For
                        } else {
                            Position::Against
                        },
                    );
                    return;
                }
                // "any ceasefire must include security guarantees": the guarantees are
                // required, the ceasefire conditional on them.
                let required = matches!(
                    modal.as_deref(),
                    Some("must" | "should" | "need" | "needs" | "ought")
                ) && REQUIREMENT_VERBS.contains(&verb.as_str())
                    && !negative;
                if required && verb_phrase.len() > 1 {
                    let object: Vec<usize> = verb_phrase[1..].to_vec();
                    for part in split_coordination(sent, &object, false) {
                        self.emit(&Emit {
                            phrase: part,
                            position: Position::For,
                            conditional: false,
                            ..base.clone()
                        });
                    }
                    emit_subject(self, Position::Conditional);
                    return;
                }
                // "A can marginalize extremists", "sanctions have failed".
                if !verb.is_empty() {
                    if NEGATIVE_PREDICATES.contains(&verb.as_str()) {
                        emit_subject(
                            self,
                            if negative {
                                Position::For
                            } else {
                                Position::Against
                            },
                        );
                        return;
                    }
                    if POSITIVE_PREDICATES.contains(&verb.as_str()) {
                        emit_subject(
                            self,
                            if negative {
                                Position::Against
                            } else {
                                Position::For
                            },
                        );
                        return;
                    }
                }
                // "the ceasefire is temporary", "the deal is a mistake".
                if BE_FORMS.contains(&w(0)) {
                    let rest: Vec<&str> = verb_phrase.iter().take(4).map(|&k| sent.w(k)).collect();
                    if rest.iter().any(|x| NEGATIVE_EVALUATIONS.contains(x)) {
                        emit_subject(
                            self,
                            if negative {
                                Position::For
                            } else {
                                Position::Against
                            },
                        );
                    } else if rest.iter().any(|x| POSITIVE_EVALUATIONS.contains(x)) {
                        emit_subject(
                            self,
                            if negative {
                                Position::Against
                            } else {
                                Position::For
                            },
                        );
                    }
                }
            }
        }
    }
}

const OBSTRUCTION_VERBS: &[&str] = &[
    "slow",
    "stall",
    "delay",
    "block",
    "obstruct",
    "hinder",
    "impede",
    "derail",
    "undermine",
    "sabotage",
    "stonewall",
    "hold",
    "freeze",
    "thwart",
    "torpedo",
    "frustrate",
];

/// The length of a condition marker at `k`, if one starts there.
fn condition_marker(sent: &Sent<'_>, k: usize) -> Option<usize> {
    CONDITION_MARKERS
        .iter()
        .find(|m| m.iter().enumerate().all(|(n, w)| sent.w(k + n) == *w))
        .map(|m| m.len())
}

/// A condition right after a phrase: "backs the deal only if Hamas disarms".
fn condition_after(sent: &Sent<'_>, end: usize) -> Option<Vec<usize>> {
    let mut k = end;
    if sent.w(k) == "," {
        k += 1;
    }
    let len = condition_marker(sent, k)?;
    let start = k + len;
    let cond: Vec<usize> = (start..sent.toks.len())
        .take_while(|&j| !matches!(sent.w(j), "," | "." | ";" | ":"))
        .collect();
    (!cond.is_empty()).then_some(cond)
}

/// Splits a clause at a condition: "A is temporary unless B" → (A…, B…); a leading "If B,
/// A" likewise.
fn split_condition(sent: &Sent<'_>, content: &[usize]) -> (Vec<usize>, Option<Vec<usize>>) {
    if let Some(len) = content.first().and_then(|&k| condition_marker(sent, k)) {
        if let Some(comma) = content.iter().position(|&k| sent.w(k) == ",") {
            let cond = content[len.min(comma)..comma].to_vec();
            let main = content[comma + 1..].to_vec();
            return (main, Some(cond));
        }
    }
    for (n, &k) in content.iter().enumerate().skip(1) {
        if let Some(len) = condition_marker(sent, k) {
            // "if" as "whether" after verbs of asking is no condition; it stands alone.
            let mut main = content[..n].to_vec();
            while main.last().is_some_and(|&j| sent.w(j) == ",") {
                main.pop();
            }
            let cond: Vec<usize> = content[(n + len).min(content.len())..]
                .iter()
                .copied()
                .take_while(|&j| !matches!(sent.w(j), "," | "." | ";"))
                .collect();
            return (main, Some(cond));
        }
    }
    (content.to_vec(), None)
}

/// Splits a clause into subject and predicate: the subject runs to the first auxiliary,
/// modal, harm verb ("risks") or, after an actor, the actor's verb.
fn split_subject(sent: &Sent<'_>, clause: &[usize]) -> (Vec<usize>, Vec<usize>) {
    if clause.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let first_actor = sent.actor(clause[0]);
    let mut n = 0;
    // An actor-led subject with asides: "Hamas, or allied groups such as Hezbollah, would".
    if let Some(a) = first_actor {
        let last = sent.actors[a].last;
        n = clause
            .iter()
            .position(|&k| k > last)
            .unwrap_or(clause.len());
        loop {
            match clause.get(n).map(|&k| sent.w(k)) {
                Some(",") => {
                    // Skip to the closing comma of an aside.
                    match clause[n + 1..].iter().position(|&k| sent.w(k) == ",") {
                        Some(c) if c < 10 => n = n + 1 + c + 1,
                        _ => break,
                    }
                }
                Some("and" | "or") if clause.get(n + 1).and_then(|&k| sent.actor(k)).is_some() => {
                    let b = sent.actor(clause[n + 1]).unwrap_or(a);
                    let last = sent.actors[b].last;
                    n = clause
                        .iter()
                        .position(|&k| k > last)
                        .unwrap_or(clause.len());
                }
                _ => break,
            }
        }
        if n < clause.len()
            && sent.actor(clause[n]).is_none()
            && !sent.is_punct(clause[n])
            && looks_verbal(sent.w(clause[n]))
        {
            return (clause[..n].to_vec(), clause[n..].to_vec());
        }
        n = 0;
    }
    for (i, &k) in clause.iter().enumerate().skip(1) {
        let w = sent.w(k);
        let l = lemma(w);
        if MODALS.contains(&w)
            || (BE_FORMS.contains(&w) && w != "'s")
            || matches!(w, "has" | "have" | "had")
            || (NEGATIVE_PREDICATES.contains(&l.as_str())
                && sent.actor(k).is_none()
                && !w.ends_with("ing")
                && !w.ends_with("ed"))
        {
            n = i;
            break;
        }
    }
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    (clause[..n].to_vec(), clause[n..].to_vec())
}

/// Could this word after an actor be its verb ("Hamas disarms", "Netanyahu is",
/// "Netanyahu reportedly urged") rather than a noun it modifies ("NATO expansion", "Hamas
/// disarmament")?
fn looks_verbal(w: &str) -> bool {
    const NOMINAL: &[&str] = &[
        "ment", "tion", "sion", "ance", "ence", "ity", "ism", "ship", "ness", "ure", "ery", "ist",
    ];
    if MODALS.contains(&w)
        || BE_FORMS.contains(&w)
        || matches!(w, "has" | "have" | "had" | "did" | "does" | "do")
    {
        return true;
    }
    if NOMINAL
        .iter()
        .any(|s| w.ends_with(s) || w.ends_with(&format!("{s}s")))
    {
        return false;
    }
    let l = lemma(w);
    w.ends_with("ed")
        || (w.ends_with("ly") && w.len() > 4)
        || NEGATIONS.contains(&w)
        || POLICY_VERBS.contains(&l.as_str())
        || CONCESSION_VERBS.contains(&l.as_str())
        || NEGATIVE_PREDICATES.contains(&l.as_str())
        || POSITIVE_PREDICATES.contains(&l.as_str())
        || OBSTRUCTION_VERBS.contains(&l.as_str())
        || (w.ends_with('s') && !w.ends_with("ss"))
}

/// The actors a subject names when it is about actors ("Hamas, or allied groups such as
/// Hezbollah"), not when an actor only modifies it ("Hamas disarmament").
fn subject_actors(sent: &Sent<'_>, subject: &[usize]) -> Vec<usize> {
    let Some(&first) = subject.iter().find(|&&k| !DETERMINERS.contains(&sent.w(k))) else {
        return Vec::new();
    };
    let Some(a) = sent.actor(first) else {
        return Vec::new();
    };
    let last = sent.actors[a].last;
    let after = subject.iter().find(|&&k| k > last).map(|&k| sent.w(k));
    if !matches!(after, None | Some("," | "and" | "or")) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &k in subject {
        if let Some(b) = sent.actor(k) {
            if !out.contains(&b) {
                out.push(b);
            }
        }
    }
    out
}

/// Splits "a phase built around X, supported by Y and overseen by Z" into the main phrase
/// and its components, following on past the phrase end where a component continues.
fn split_components(
    sent: &Sent<'_>,
    phrase: &[usize],
    end: usize,
) -> (Vec<usize>, Vec<Vec<usize>>) {
    let opener_at = |k: usize| -> Option<usize> {
        COMPONENT_OPENERS
            .iter()
            .find(|o| o.iter().enumerate().all(|(n, w)| sent.w(k + n) == *w))
            .map(|o| o.len())
    };
    let mut main = Vec::new();
    let mut components: Vec<Vec<usize>> = Vec::new();
    let mut n = 0;
    while n < phrase.len() {
        let k = phrase[n];
        if n > 0 {
            if let Some(len) = opener_at(k) {
                components.push(Vec::new());
                n += len;
                continue;
            }
        }
        match components.last_mut() {
            Some(c) => c.push(k),
            None => main.push(k),
        }
        n += 1;
    }
    // Components after the phrase: ", supported by Y and overseen by Z".
    let mut k = end;
    loop {
        let mut j = k;
        if matches!(sent.w(j), "," | "and") {
            j += 1;
        }
        if sent.w(j) == "and" {
            j += 1;
        }
        let Some(len) = opener_at(j) else { break };
        let start = j + len;
        let mut stop = start;
        while stop < sent.toks.len()
            && !sent.is_boundary(stop)
            && opener_at(stop).is_none()
            && !(sent.w(stop) == "and" && opener_at(stop + 1).is_some())
        {
            stop += 1;
        }
        if stop == start {
            break;
        }
        components.push((start..stop).collect());
        k = stop;
    }
    for c in &mut components {
        while c
            .last()
            .is_some_and(|&x| matches!(sent.w(x), "and" | "or" | ","))
        {
            c.pop();
        }
    }
    components.retain(|c| !c.is_empty());
    (main, components)
}

/// Splits a coordinated phrase: verb phrases at "and"/"or" before another verb, noun
/// phrases at commas and "and"/"or" between content (not "sanctions on Iran and Syria").
fn split_coordination(sent: &Sent<'_>, phrase: &[usize], vp: bool) -> Vec<Vec<usize>> {
    let gerunds = phrase.first().is_some_and(|&k| sent.w(k).ends_with("ing"));
    let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
    let mut n = 0;
    while n < phrase.len() {
        let k = phrase[n];
        let w = sent.w(k);
        if matches!(w, "and" | "or" | ",") && !sent.quoted[k] {
            // The first word of the next conjunct.
            let mut m = n + 1;
            while m < phrase.len() && matches!(sent.w(phrase[m]), "and" | "or" | ",") {
                m += 1;
            }
            let next = phrase.get(m).copied();
            let split = next.is_some_and(|nk| {
                let nw = sent.w(nk);
                if vp || gerunds {
                    (gerunds && nw.ends_with("ing"))
                        || (vp && POLICY_VERBS.contains(&lemma(nw).as_str()))
                } else {
                    let mut j = m;
                    while j < phrase.len() && DETERMINERS.contains(&sent.w(phrase[j])) {
                        j += 1;
                    }
                    let head = phrase.get(j).copied();
                    let content_left = parts.last().is_some_and(|p| {
                        p.iter()
                            .any(|&x| sent.actor(x).is_none() && content_lemma(sent.w(x)).is_some())
                    });
                    head.is_some_and(|h| {
                        sent.actor(h).is_none() && content_lemma(sent.w(h)).is_some()
                    }) && content_left
                        && !parts
                            .last()
                            .is_some_and(|p| p.iter().any(|&x| PREPOSITIONS.contains(&sent.w(x))))
                }
            });
            if split {
                parts.push(Vec::new());
                n = m;
                continue;
            }
        }
        if let Some(p) = parts.last_mut() {
            p.push(k);
        }
        n += 1;
    }
    for p in &mut parts {
        while p
            .last()
            .is_some_and(|&x| matches!(sent.w(x), "and" | "or" | ","))
        {
            p.pop();
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

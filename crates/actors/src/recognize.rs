//! Recognition: a compiled automaton over every surface form, then composition of raw
//! matches into mentions ("Israeli" + "Prime Minister" + "Benjamin Netanyahu" is one
//! mention), dated resolution and conservative references.

use crate::dictionary::{code_on, seat_code, Dictionary, Entry, FormRole};
use chrono::NaiveDate;
use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};
use dyad_model::{ActorMention, Sentence, Span};
use std::collections::HashMap;

/// Words that may stand between a country adjective and its agent word ("Israeli *senior*
/// officials") without breaking the compound.
const MODIFIERS: &[&str] = &[
    "senior",
    "top",
    "acting",
    "deputy",
    "local",
    "high-ranking",
    "security",
    "foreign",
    "interim",
    "new",
    "current",
    "outgoing",
    "incoming",
    "chief",
    "key",
    "leading",
    "two",
    "three",
    "several",
    "many",
    "some",
    "other",
    "elite",
    "government",
    "state",
    "federal",
    "national",
    "regional",
    "provincial",
    "military",
    "defence",
    "defense",
    "intelligence",
    "border",
    "naval",
    "special",
    "armed",
    "own",
    "former",
    "ex",
    "then",
];

/// Agent words that, with no country in sight, take the country of the actor the text was
/// just talking about ("Trump's inner circle ... Senior aides believe").
/// Roles kept without a country when none can be found: armed actors whose acts are events
/// whoever they are. Officials, civilians and the like of no known country are left out.
const UNATTRIBUTED_ROLES: &[&str] = &["REB", "UAF", "CRM"];

const CONTEXT_AGENTS: &[&str] = &[
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "administration",
    "envoy",
    "envoys",
    "negotiators",
    "diplomats",
    "ministers",
    "cabinet",
    "government",
];

const PRONOUNS: &[&str] = &["he", "she", "his", "her", "him"];

/// Singular titles that name one person.
const PERSON_TITLES: &[&str] = &[
    "president",
    "prime minister",
    "king",
    "queen",
    "emir",
    "leader",
    "chancellor",
    "minister",
    "premier",
    "crown prince",
    "spokesman",
    "spokeswoman",
    "envoy",
    "ambassador",
    "secretary",
    "commander",
    "general",
    "sultan",
    "monarch",
    "ayatollah",
];

/// A warning found while compiling: two entries claim the same surface form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictWarning {
    pub form: String,
    pub kept: String,
    pub dropped: String,
}

impl std::fmt::Display for ConflictWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "'{}' is claimed by {} and {}; keeping the first",
            self.form, self.kept, self.dropped
        )
    }
}

#[derive(Clone, Debug)]
struct Pattern {
    entry: usize,
    role: FormRole,
    /// Index into the entry's codes for seats of government with their own role.
    code: Option<usize>,
    /// All-caps acronyms (US, UN) match case-sensitively; proper names need a capital.
    case_sensitive: bool,
    needs_capital: bool,
}

/// The compiled, immutable recogniser. Build once, share across threads.
pub struct Recognizer {
    /// Over ASCII-lowercased forms; the text is lowercased the same way (byte offsets stay
    /// put), which lets a case-sensitive double-array automaton serve case-insensitive
    /// matching at several hundred MB/s.
    /// `None` for an empty dictionary.
    automaton: Option<DoubleArrayAhoCorasick<u32>>,
    patterns: Vec<Pattern>,
    entries: Vec<Entry>,
    persons: Vec<bool>,
    /// "Donald Trump (data/actors/people.txt:1)" per entry, built once: mentions copy it.
    labels: Vec<String>,
    /// "data/actors/agents.txt:12" per entry, for the labels of composed mentions.
    origins: Vec<String>,
    /// "agent officials (data/actors/agents.txt:12)" per entry, for bare agent words.
    agent_labels: Vec<String>,
    forms: Vec<String>,
    /// Entries that are countries, whose capitals need the person-name guard.
    is_country: Vec<bool>,
    /// Entries from a places file: cities and regions that stand for their country.
    is_place: Vec<bool>,
}

#[derive(Clone, Debug)]
struct RawMatch {
    span: Span,
    pattern: usize,
}

impl Recognizer {
    /// Compiles a dictionary (pure). Returns the recogniser and the conflicts it resolved.
    pub fn new(dict: &Dictionary) -> (Recognizer, Vec<ConflictWarning>) {
        let mut forms: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut warnings = Vec::new();
        for (idx, entry) in dict.entries.iter().enumerate() {
            for (raw_form, role) in &entry.forms {
                let (form, code) = seat_code(raw_form);
                for variant in variants(form, role) {
                    let key = variant.to_lowercase();
                    if let Some(&other) = seen.get(&key) {
                        let other_entry = &dict.entries[patterns[other].entry];
                        if other_entry.codes != entry.codes && patterns[other].role == *role {
                            warnings.push(ConflictWarning {
                                form: variant.clone(),
                                kept: format!("{} ({})", other_entry.name, other_entry.origin),
                                dropped: format!("{} ({})", entry.name, entry.origin),
                            });
                        }
                        continue;
                    }
                    let letters: Vec<char> =
                        variant.chars().filter(|c| c.is_alphabetic()).collect();
                    // Acronyms ("US", "UN") and mixed-case forms ("LeT") only match as
                    // written; otherwise "us" and "let" would be actors.
                    let acronym = letters.len() <= 4
                        && letters.len() >= 2
                        && letters.iter().all(|c| c.is_uppercase());
                    // Mixed case inside a word ("LeT", "iPhone"); an article joined by a
                    // hyphen ("al-Shabab") is not, and capitalises at a sentence start.
                    let mixed = !variant.contains(' ')
                        && variant.split(['-', '\'']).any(|part| {
                            part.chars().skip(1).any(char::is_uppercase)
                                && part.chars().any(char::is_lowercase)
                        });
                    let case_sensitive = acronym || mixed;
                    let needs_capital = variant.chars().next().is_some_and(char::is_uppercase);
                    seen.insert(key, patterns.len());
                    patterns.push(Pattern {
                        entry: idx,
                        role: role.clone(),
                        code,
                        case_sensitive,
                        needs_capital,
                    });
                    forms.push(variant);
                }
            }
        }
        let lowered: Vec<(String, u32)> = forms
            .iter()
            .enumerate()
            .map(|(i, f)| (f.to_ascii_lowercase(), i as u32))
            .collect();
        // Building fails only on an empty or oversized pattern set; both leave nothing to
        // match rather than a crash.
        let automaton = DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(lowered)
            .ok();
        let persons = dict
            .entries
            .iter()
            .map(|e| e.origin.file.contains("people"))
            .collect();
        let is_country = dict
            .entries
            .iter()
            .map(|e| e.forms.iter().any(|(_, r)| *r == FormRole::CountryName))
            .collect();
        let is_place = dict
            .entries
            .iter()
            .map(|e| e.origin.file.contains("places"))
            .collect();
        let labels = dict
            .entries
            .iter()
            .map(|e| format!("{} ({})", e.name, e.origin))
            .collect();
        let origins: Vec<String> = dict.entries.iter().map(|e| e.origin.to_string()).collect();
        let agent_labels = dict
            .entries
            .iter()
            .zip(&origins)
            .map(|(e, origin)| ["agent ", &e.name, " (", origin, ")"].concat())
            .collect();
        let recognizer = Recognizer {
            labels,
            origins,
            agent_labels,
            automaton,
            patterns,
            entries: dict.entries.clone(),
            persons,
            forms,
            is_country,
            is_place,
        };
        (recognizer, warnings)
    }

    /// Case-sensitive patterns match their own spelling, or the all-caps form of an acronym.
    fn forms_equal(&self, pattern: usize, found: &str) -> bool {
        let form = &self.forms[pattern];
        form == found
            || (form.chars().all(|c| !c.is_lowercase()) && !found.chars().any(char::is_lowercase))
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Finds actor mentions in `text`, sentence by sentence, resolving dated roles against
    /// `date` (the article's publication date).
    pub fn recognize(
        &self,
        text: &str,
        sentences: &[Sentence],
        date: Option<NaiveDate>,
    ) -> Vec<ActorMention> {
        let mut mentions: Vec<ActorMention> = Vec::new();
        // Lowercased once per article; ASCII lowercasing keeps every byte offset.
        let lowered = text.to_ascii_lowercase();
        let mut raw = Vec::new();
        let mut named: Vec<NamedPerson> = Vec::new();
        for sentence in sentences {
            self.raw_matches(text, &lowered, sentence.span, &mut raw);
            self.drop_given_names(text, &mut raw);
            let start = mentions.len();
            self.compose(text, sentence, &raw, date, &mut mentions);
            find_named_people(text, sentence, start, &named, &mut mentions);
            name_titled_people(text, sentence, start, &mut mentions, &mut named);
            self.resolve_context(text, &lowered, sentence, start, &mut mentions);
        }
        mentions
    }

    fn raw_matches(&self, text: &str, lowered: &str, span: Span, out: &mut Vec<RawMatch>) {
        out.clear();
        let Some(automaton) = &self.automaton else {
            return;
        };
        for m in automaton.leftmost_find_iter(span.slice(lowered)) {
            let (s, e) = (span.start + m.start(), span.start + m.end());
            let index = m.value() as usize;
            let pattern = &self.patterns[index];
            let Some(found) = text.get(s..e) else {
                continue;
            };
            if !is_boundary_before(text, s) || !is_boundary_after(text, e) {
                continue;
            }
            // "pro-Russia rebels", "anti-Israel protesters": aligned with or against an
            // actor, not the actor.
            if is_stance_prefixed(lowered, s)
                || is_holder_of_place(lowered, e)
                || is_backer_of(lowered, e)
            {
                continue;
            }
            if pattern.case_sensitive && !self.forms_equal(index, found) {
                continue;
            }
            if pattern.needs_capital && !found.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            out.push(RawMatch {
                span: Span::new(s, e),
                pattern: index,
            });
        }
    }

    /// "Iranian Foreign Minister Abbas Araqchi": a name right before another name is the
    /// second person's given name, not a mention of whoever else bears it as a surname.
    fn drop_given_names(&self, text: &str, raw: &mut Vec<RawMatch>) {
        let is_name = |m: &RawMatch| self.patterns[m.pattern].role == FormRole::Name;
        let mut k = 0;
        while k + 1 < raw.len() {
            if is_name(&raw[k])
                && is_name(&raw[k + 1])
                && between(text, raw[k].span, raw[k + 1].span) == " "
                && !span_text(text, raw[k].span).contains(' ')
            {
                raw.remove(k);
            } else {
                k += 1;
            }
        }
    }

    fn compose(
        &self,
        text: &str,
        sentence: &Sentence,
        raw: &[RawMatch],
        date: Option<NaiveDate>,
        out: &mut Vec<ActorMention>,
    ) {
        let mut i = 0;
        while i < raw.len() {
            let m = &raw[i];
            let p = &self.patterns[m.pattern];
            let entry = &self.entries[p.entry];
            match p.role {
                FormRole::Adjective | FormRole::CountryName | FormRole::People => {
                    if p.role == FormRole::CountryName
                        && self.looks_like_person_name(text, sentence, raw, i)
                    {
                        i += 1;
                        continue;
                    }
                    // A chain of countries joined by "and", "or" or commas sharing one agent:
                    // "Hungarian and Romanian officials".
                    let mut j = i + 1;
                    while j < raw.len()
                        && matches!(
                            self.patterns[raw[j].pattern].role,
                            FormRole::Adjective | FormRole::CountryName
                        )
                        && is_conjunction(between(text, raw[j - 1].span, raw[j].span))
                    {
                        j += 1;
                    }
                    let mut agent = (j < raw.len()
                        && self.patterns[raw[j].pattern].role == FormRole::Agent
                        && joins_agent(between(text, raw[j - 1].span, raw[j].span)))
                    .then_some(j);
                    // "fight Ukraine, South Korea's spy agency said": an agent after a possessive
                    // belongs to the possessor alone; the names before it stand by themselves.
                    if j - i > 1
                        && agent.is_some()
                        && matches!(
                            between(text, raw[j - 1].span, raw[j].span).trim(),
                            "'s" | "’s"
                        )
                    {
                        j = i + 1;
                        agent = None;
                    }
                    let chain = i..j;
                    if let Some(a) = agent {
                        let role = &self.entries[self.patterns[raw[a].pattern].entry].codes[0].code;
                        // "Israeli Prime Minister Benjamin Netanyahu": the person closes it.
                        let person = (a + 1 < raw.len()
                            && self.patterns[raw[a + 1].pattern].role == FormRole::Name
                            && between(text, raw[a].span, raw[a + 1].span)
                                .trim()
                                .is_empty())
                        .then_some(a + 1);
                        for (k, c) in chain.clone().enumerate() {
                            let country_entry = &self.entries[self.patterns[raw[c].pattern].entry];
                            let country = country_of(country_entry);
                            let last = k + 1 == chain.len();
                            let end = if !last {
                                raw[c].span.end
                            } else if let Some(pi) = person {
                                raw[pi].span.end
                            } else {
                                raw[a].span.end
                            };
                            let span = Span::new(raw[c].span.start, end);
                            let person_code = person.filter(|_| last).and_then(|pi| {
                                let pe = self.patterns[raw[pi].pattern].entry;
                                code_on(&self.entries[pe].codes, date).map(|c| (c.to_string(), pe))
                            });
                            let (code, how) = match person_code {
                                Some((code, pi)) => (code, self.labels[pi].clone()),
                                None => (
                                    [country, role.as_str()].concat(),
                                    composed_label(
                                        &country_entry.name,
                                        span_text(text, raw[a].span),
                                        &self.origins[self.patterns[raw[c].pattern].entry],
                                    ),
                                ),
                            };
                            out.push(mention(text, span, code, how, sentence.index));
                        }
                        i = person.map_or(a + 1, |pi| pi + 1);
                        continue;
                    }
                    for c in chain {
                        let ce = &self.entries[self.patterns[raw[c].pattern].entry];
                        let cp = &self.patterns[raw[c].pattern];
                        let code = match cp.role {
                            FormRole::CountryName => ce.codes[0].code.clone(),
                            _ => country_of(ce).to_string(),
                        };
                        let how = self.labels[self.patterns[raw[c].pattern].entry].clone();
                        out.push(mention(text, raw[c].span, code, how, sentence.index));
                    }
                    i = j;
                }
                FormRole::Agent => {
                    // "President Donald Trump": a title before a name belongs to the name.
                    if i + 1 < raw.len()
                        && self.patterns[raw[i + 1].pattern].role == FormRole::Name
                        && between(text, m.span, raw[i + 1].span).trim().is_empty()
                    {
                        let next = &raw[i + 1];
                        if let Some(code) = self.code_of(next.pattern, date) {
                            let span = Span::new(m.span.start, next.span.end);
                            let how = self.labels[self.patterns[next.pattern].entry].clone();
                            out.push(mention(text, span, code, how, sentence.index));
                        }
                        i += 2;
                        continue;
                    }
                    // "the State Department spokesman": an agent right after a named body
                    // belongs to that body's country.
                    if let Some(prev) = out.last().filter(|p| {
                        p.sentence == sentence.index
                            && p.code.len() >= 3
                            && !p.code.starts_with('?')
                            && between(text, p.span, m.span).trim().is_empty()
                    }) {
                        let code = with_role(&prev.code, &entry.codes[0].code);
                        let how = composed_label(
                            &prev.text,
                            span_text(text, m.span),
                            &self.origins[p.entry],
                        );
                        let span = Span::new(prev.span.start, m.span.end);
                        out.pop();
                        out.push(mention(text, span, code, how, sentence.index));
                        i += 1;
                        continue;
                    }
                    // "a court in Guyana", "officials in Kyiv", "the army of Sudan": an agent
                    // placed in a country belongs to it.
                    if let Some(next) = raw.get(i + 1) {
                        let np = &self.patterns[next.pattern];
                        let gap = between(text, m.span, next.span);
                        let of_place =
                            matches!(gap, " in " | " of " | " from " | " in the " | " of the ");
                        // Peacekeepers in a country are foreign by definition.
                        let foreign = span_text(text, m.span)
                            .to_ascii_lowercase()
                            .starts_with("peacekeep");
                        if of_place
                            && !foreign
                            && (self.is_country[np.entry] || self.is_place[np.entry])
                            && matches!(np.role, FormRole::CountryName | FormRole::Name)
                            && np.code.is_none()
                        {
                            let country = country_of(&self.entries[np.entry]);
                            let code = [country, entry.codes[0].code.as_str()].concat();
                            let how = composed_label(
                                &self.entries[np.entry].name,
                                span_text(text, m.span),
                                &self.origins[p.entry],
                            );
                            let span = Span::new(m.span.start, next.span.end);
                            out.push(mention(text, span, code, how, sentence.index));
                            i += 2;
                            continue;
                        }
                    }
                    // Agent alone: resolved from context after composition.
                    let how = self.agent_labels[p.entry].clone();
                    let code = ["?", entry.codes[0].code.as_str()].concat();
                    out.push(mention(text, m.span, code, how, sentence.index));
                    i += 1;
                }
                FormRole::Name => {
                    if self.is_country[p.entry]
                        && self.looks_like_person_name(text, sentence, raw, i)
                    {
                        i += 1;
                        continue;
                    }
                    if let Some(code) = self.code_of(m.pattern, date) {
                        let how = self.labels[p.entry].clone();
                        out.push(mention(text, m.span, code, how, sentence.index));
                    }
                    i += 1;
                }
            }
        }
    }

    fn code_of(&self, pattern: usize, date: Option<NaiveDate>) -> Option<String> {
        let p = &self.patterns[pattern];
        let entry = &self.entries[p.entry];
        match p.code {
            Some(idx) => entry.codes.get(idx).map(|c| c.code.clone()),
            None => code_on(&entry.codes, date).map(String::from),
        }
    }

    /// "Michael Jordan", "Jordan Peterson", "Atlanta, Georgia": a country name inside a
    /// person's or a place's name is not the country.
    fn looks_like_person_name(
        &self,
        text: &str,
        sentence: &Sentence,
        raw: &[RawMatch],
        i: usize,
    ) -> bool {
        let span = raw[i].span;
        let word = span.slice(text);
        if word.contains(' ') {
            return false;
        }
        let title_case = || is_title_case(sentence.span.slice(text));
        let is_capital = self.patterns[raw[i].pattern].role == FormRole::Name;
        let prev_word = previous_word(text, sentence.span.start, span.start);
        if let Some((prev, prev_span)) = prev_word {
            let is_match = i > 0 && raw[i - 1].span.end >= prev_span.end;
            let capital = prev.chars().next().is_some_and(char::is_uppercase);
            let gap = &text[prev_span.end..span.start];
            let function_word = TITLE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(prev));
            // "Michael Jordan"; but not at the start of a sentence ("In Jordan").
            if capital && !is_match && gap == " " && !function_word && !title_case() {
                return true;
            }
            // "Atlanta, Georgia"
            if capital && !is_match && gap == ", " && US_STATES_SHARED.contains(&word) {
                return true;
            }
        }
        let rest = &text[span.end..sentence.span.end];
        if let Some(next) = rest.strip_prefix(' ') {
            let word_end = next
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(next.len());
            let next_word = &next[..word_end];
            let next_is_match = raw.get(i + 1).is_some_and(|n| n.span.start == span.end + 1);
            let next_capital = next_word.chars().next().is_some_and(char::is_uppercase);
            let calendar = CALENDAR_WORDS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(next_word));
            // "Jordan Peterson", "Paris Hilton", "Washington Post".
            if (GIVEN_NAMES_SHARED.contains(&word) || is_capital)
                && next_capital
                && !next_is_match
                && !calendar
                && next_word != "DC"
                && !next.starts_with("D.C")
                && !title_case()
            {
                return true;
            }
        }
        false
    }

    /// Agent words without a country, and pronouns, take their actor from context.
    fn resolve_context(
        &self,
        text: &str,
        lowered: &str,
        sentence: &Sentence,
        start: usize,
        mentions: &mut Vec<ActorMention>,
    ) {
        // Bare agents.
        let mut k = start;
        while k < mentions.len() {
            if let Some(role) = mentions[k].code.strip_prefix('?').map(String::from) {
                let word = mentions[k].text.split_whitespace().last().unwrap_or("");
                // "Protesters in Tbilisi clashed with police after the government suspended
                // talks": a government is the one of the country the sentence is in.
                // Police, too, act in the country the sentence is in.
                // Protesters are mostly people of the place they protest in ("rallied in
                // Tbilisi", "stormed the Swedish embassy in Baghdad").
                let protesting = ["protesters", "protestors", "demonstrators"]
                    .iter()
                    .any(|g| g.eq_ignore_ascii_case(word));
                let governing = protesting
                    || [
                        "government",
                        "cabinet",
                        "administration",
                        "police",
                        "opposition",
                    ]
                    .iter()
                    .any(|g| g.eq_ignore_ascii_case(word));
                let in_sentence = governing
                    .then(|| {
                        let here = |m: &&ActorMention| {
                            m.sentence == sentence.index
                                && !m.code.starts_with('?')
                                && !m.code.starts_with("---")
                                && m.code.len() >= 3
                                && !["IGO", "NGO", "IMG", "MNC"]
                                    .iter()
                                    .any(|p| m.code.starts_with(p))
                                && (!protesting
                                    || m.text.contains(" in ")
                                    || lowered
                                        .get(..m.span.start)
                                        .is_some_and(|b| b.ends_with(" in ")))
                        };
                        mentions[start..k]
                            .iter()
                            .rev()
                            .find(here)
                            .or_else(|| mentions[k + 1..].iter().find(here))
                            .and_then(|m| {
                                let country = m.code.get(..3)?;
                                Some((format!("{country}GOV"), m.text.clone()))
                            })
                    })
                    .flatten();
                let antecedent = in_sentence.or_else(|| {
                    CONTEXT_AGENTS
                        .iter()
                        .any(|agent| agent.eq_ignore_ascii_case(word))
                        .then(|| {
                            mentions[..k]
                                .iter()
                                .rev()
                                .take_while(|m| m.sentence + 1 >= sentence.index)
                                .find(|m| {
                                    !m.code.starts_with('?')
                                        && m.code.len() >= 3
                                        && is_possessor(text, m)
                                })
                                .map(|m| (m.code.clone(), m.text.clone()))
                        })
                        .flatten()
                });
                match antecedent {
                    Some((code, antecedent)) => {
                        mentions[k].code = with_role(&code, &role);
                        mentions[k].entry =
                            format!("context: {antecedent} ({})", mentions[k].entry);
                        k += 1;
                    }
                    None => match default_body(&mentions[k].text) {
                        // "Congress" on its own, in English news, is the US Congress.
                        Some(code) => {
                            mentions[k].code = code.to_string();
                            mentions[k].entry =
                                format!("default: {} ({})", mentions[k].text, mentions[k].entry);
                            k += 1;
                        }
                        None => {
                            match group_antecedent(text, &mentions[..k], &mentions[k], sentence) {
                                // "The militants later released the hostages": the armed group
                                // the text was just talking about.
                                Some((code, name)) => {
                                    mentions[k].code = code;
                                    mentions[k].entry = format!("reference: {name}");
                                    k += 1;
                                }
                                // "Gunmen killed five police officers": armed men of no
                                // known country still did it (CAMEO's `---` country).
                                None if UNATTRIBUTED_ROLES.contains(&role.as_str()) => {
                                    mentions[k].code = format!("---{role}");
                                    mentions[k].entry =
                                        format!("no country: {}", mentions[k].entry);
                                    k += 1;
                                }
                                None => {
                                    mentions.remove(k);
                                }
                            }
                        }
                    },
                }
            } else {
                k += 1;
            }
        }
        // "The group also accused Israel": a definite group noun takes the nearest group.
        // Only with a group in view is there anything to look for; then one pass over "the ",
        // and the nouns after it.
        let group_in_view = mentions
            .iter()
            .rev()
            .take_while(|m| m.sentence + 2 >= sentence.index)
            .any(|m| is_group_code(&m.code));
        let lowered_sentence = if group_in_view {
            sentence.span.slice(lowered)
        } else {
            ""
        };
        let bytes = lowered_sentence.as_bytes();
        let the_at = (0..bytes.len().saturating_sub(4)).filter(|&k| &bytes[k..k + 4] == b"the ");
        for offset in the_at {
            let Some(rest) = lowered_sentence.get(offset + 4..) else {
                continue;
            };
            let Some(noun) = GROUP_REFERENCES.iter().find(|n| rest.starts_with(**n)) else {
                continue;
            };
            {
                let span = Span::new(
                    sentence.span.start + offset,
                    sentence.span.start + offset + 4 + noun.len(),
                );
                if !is_boundary_after(text, span.end)
                    || !is_boundary_before(text, span.start)
                    || mentions[start..]
                        .iter()
                        .any(|m| m.span.start < span.end && span.start < m.span.end)
                {
                    continue;
                }
                let before: Vec<&ActorMention> = mentions
                    .iter()
                    .filter(|m| m.span.end <= span.start)
                    .collect();
                if let Some((code, name)) = nearest_group(&before, sentence.index) {
                    mentions.push(ActorMention {
                        span,
                        text: span.slice(text).to_string(),
                        code,
                        entry: format!("reference: {name}"),
                        sentence: sentence.index,
                    });
                }
            }
        }
        // Pronouns: only when exactly one person is in view, so a sentence with no person in
        // it or the one before has nothing to resolve.
        let person_in_view = mentions
            .iter()
            .rev()
            .take_while(|m| m.sentence + 1 >= sentence.index)
            .any(|m| self.is_person_mention(m));
        if !person_in_view {
            mentions[start..].sort_by_key(|m| m.span.start);
            return;
        }
        let slice = sentence.span.slice(text);
        let mut pronouns = Vec::new();
        for (offset, word) in short_words(slice) {
            if PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(word)) {
                pronouns.push(Span::new(
                    sentence.span.start + offset,
                    sentence.span.start + offset + word.len(),
                ));
            }
        }
        for pronoun in pronouns {
            let persons_before: Vec<&ActorMention> = mentions[start..]
                .iter()
                .filter(|m| m.span.end <= pronoun.start)
                .filter(|m| self.is_person_mention(m))
                .collect();
            let candidates: Vec<&ActorMention> = if persons_before.is_empty() {
                mentions[..start]
                    .iter()
                    .rev()
                    .take_while(|m| m.sentence + 1 >= sentence.index)
                    .filter(|m| m.sentence + 1 == sentence.index && self.is_person_mention(m))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect()
            } else {
                persons_before
            };
            let mut names: Vec<&str> = candidates.iter().map(|m| person_key(m)).collect();
            names.sort();
            names.dedup();
            let object_referent = (names.len() == 2)
                .then(|| object_pronoun_referent(text, pronoun, &candidates))
                .flatten();
            if names.len() == 1 || object_referent.is_some() {
                let a = object_referent.unwrap_or(candidates[candidates.len() - 1]);
                let resolved = ActorMention {
                    span: pronoun,
                    text: pronoun.slice(text).to_string(),
                    code: a.code.clone(),
                    entry: format!("reference: {}", person_key(a)),
                    sentence: sentence.index,
                };
                mentions.push(resolved);
            }
        }
        mentions[start..].sort_by_key(|m| m.span.start);
    }

    fn is_person_mention(&self, m: &ActorMention) -> bool {
        // "Egypt's president", "the Israeli prime minister": a singular title stands for one
        // person, whom "he" can refer back to.
        let titled =
            m.entry.contains(" + ") && PERSON_TITLES.iter().any(|t| ends_with_title(&m.text, t));
        (m.entry.contains("people") && !m.entry.starts_with("context"))
            || m.entry.starts_with("reference: ")
            || m.entry.starts_with(TITLED_PERSON)
            || titled
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn is_person(&self, entry: usize) -> bool {
        self.persons.get(entry).copied().unwrap_or(false)
    }
}

/// A person the dictionaries do not know, named after a title the text gave them
/// ("Jordanian Foreign Ministry spokesman Omar Haddad"): later "Haddad" is the same actor.
struct NamedPerson {
    surname: String,
    code: String,
    entry: String,
}

/// Does a mention's text end in `title` after something else ("Egypt's president"), in any
/// case, without allocating?
fn ends_with_title(text: &str, title: &str) -> bool {
    text.len() > title.len()
        && text.is_char_boundary(text.len() - title.len())
        && text[text.len() - title.len()..].eq_ignore_ascii_case(title)
}

/// Singular titles that, besides [`PERSON_TITLES`], come before a name in news style.
const NAME_TITLES: &[&str] = &[
    "official",
    "negotiator",
    "adviser",
    "advisor",
    "aide",
    "diplomat",
    "lawmaker",
    "senator",
    "governor",
    "mayor",
    "chief",
];

/// How the entry of a titled, unlisted person begins.
const TITLED_PERSON: &str = "titled person: ";

/// "Hamas official Basem Naim", "Jordanian Foreign Ministry spokesman Omar Haddad": a
/// composed actor ending in a singular title and followed by two or three capitalised words
/// no dictionary knows takes the name into its span, and the surname is remembered.
fn name_titled_people(
    text: &str,
    sentence: &Sentence,
    start: usize,
    mentions: &mut [ActorMention],
    named: &mut Vec<NamedPerson>,
) {
    // Headlines capitalise every word: a title there is followed by verbs, not names.
    let headline = || {
        sentence
            .span
            .slice(text)
            .split_whitespace()
            .filter(|w| w.len() > 3 && w.chars().next().is_some_and(char::is_alphabetic))
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    for k in start..mentions.len() {
        let m = &mentions[k];
        let next_start = mentions
            .get(k + 1)
            .map_or(sentence.span.end, |n| n.span.start);
        let Some(after) = text.get(m.span.end..next_start) else {
            continue;
        };
        // Cheapest test first: most mentions are not followed by a capitalised word.
        if !after
            .strip_prefix(' ')
            .is_some_and(|a| a.starts_with(char::is_uppercase))
        {
            continue;
        }
        if !m.entry.contains(" + ") || m.code.starts_with('?') || m.code.len() < 3 {
            continue;
        }
        let titled = PERSON_TITLES
            .iter()
            .chain(NAME_TITLES)
            .any(|t| ends_with_title(&m.text, t));
        if !titled {
            continue;
        }
        let Some(name_len) = capitalised_name(after) else {
            continue;
        };
        if headline() {
            return;
        }
        let name = after[..name_len].trim();
        let Some(surname) = name.split_whitespace().last() else {
            continue;
        };
        let entry = format!("{TITLED_PERSON}{name} ({})", m.entry);
        let m = &mut mentions[k];
        m.span = Span::new(m.span.start, m.span.end + name_len);
        m.text = m.span.slice(text).to_string();
        m.entry = entry.clone();
        if !named.iter().any(|p| p.surname == surname) {
            named.push(NamedPerson {
                surname: surname.to_string(),
                code: m.code.clone(),
                entry,
            });
        }
    }
}

/// The byte length of " Omar Haddad" at the start of `after`: a space, then two or three
/// capitalised words of letters (hyphens and apostrophes inside: "al-Sharaa", "O'Neill"),
/// ending where the text stops being a name.
fn capitalised_name(after: &str) -> Option<usize> {
    let rest = after.strip_prefix(' ')?;
    let mut end = 1;
    let mut words = 0;
    for word in rest.split(' ') {
        let bare = word.trim_end_matches([',', '.', ';', ':', '\'', '’']);
        let bare = bare
            .strip_suffix("'s")
            .or_else(|| bare.strip_suffix("’s"))
            .unwrap_or(bare);
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        let letters = bare.len() >= 2
            && bare
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            && bare.chars().skip(1).any(char::is_lowercase);
        if !capital || !letters || CALENDAR_WORDS.iter().any(|w| w.eq_ignore_ascii_case(bare)) {
            break;
        }
        words += 1;
        end += if words == 1 { 0 } else { 1 } + bare.len();
        if bare.len() != word.len() || words == 3 {
            break;
        }
    }
    (2..=3).contains(&words).then_some(end)
}

/// Later mentions of the surnames of titled people: "Haddad said".
fn find_named_people(
    text: &str,
    sentence: &Sentence,
    start: usize,
    named: &[NamedPerson],
    mentions: &mut Vec<ActorMention>,
) {
    let slice = sentence.span.slice(text);
    let before = mentions.len();
    for person in named {
        for (offset, _) in slice.match_indices(person.surname.as_str()) {
            let at = sentence.span.start + offset;
            let span = Span::new(at, at + person.surname.len());
            if !is_boundary_before(text, span.start) || !is_boundary_after(text, span.end) {
                continue;
            }
            if mentions[start..]
                .iter()
                .any(|m| m.span.start < span.end && span.start < m.span.end)
            {
                continue;
            }
            mentions.push(ActorMention {
                span,
                text: person.surname.clone(),
                code: person.code.clone(),
                entry: format!("reference: {}", person.entry),
                sentence: sentence.index,
            });
        }
    }
    if mentions.len() > before {
        mentions[start..].sort_by_key(|m| m.span.start);
    }
}

/// Definite nouns that refer back to a non-state group.
const GROUP_REFERENCES: &[&str] = &[
    "group",
    "militant group",
    "armed group",
    "movement",
    "organisation",
    "organization",
];

/// Words for fighters that, after "the", refer back to the group just named.
const GROUP_MEMBERS: &[&str] = &["militants", "militia", "rebels", "insurgents", "fighters"];

/// Is a code a non-state group's: rebels, militant networks, opposition, parties?
fn is_group_code(code: &str) -> bool {
    code.starts_with("IMG")
        || code
            .get(3..6)
            .is_some_and(|role| matches!(role, "REB" | "OPP" | "PTY" | "IMG"))
}

/// The nearest group named in this sentence or the two before, with its entry's name.
fn nearest_group(before: &[&ActorMention], sentence: usize) -> Option<(String, String)> {
    before
        .iter()
        .rev()
        .take_while(|m| m.sentence + 2 >= sentence)
        .find(|m| is_group_code(&m.code))
        .map(|m| (m.code.clone(), m.entry.clone()))
}

/// "the militants" with a group in view.
fn group_antecedent(
    text: &str,
    before: &[ActorMention],
    agent: &ActorMention,
    sentence: &Sentence,
) -> Option<(String, String)> {
    if !GROUP_MEMBERS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(&agent.text))
    {
        return None;
    }
    let head = text.get(..agent.span.start)?.trim_end();
    let article = head.get(head.len().saturating_sub(4)..).unwrap_or(head);
    if !(article.eq_ignore_ascii_case(" the") || head.eq_ignore_ascii_case("the")) {
        return None;
    }
    let refs: Vec<&ActorMention> = before.iter().collect();
    nearest_group(&refs, sentence.index)
}

/// Capitalised bodies that, with no country in the text, English news means one way.
fn default_body(text: &str) -> Option<&'static str> {
    match text {
        "Congress" | "US Congress" => Some("USALEG"),
        _ => None,
    }
}

/// A role added to an actor: a government body's country takes the role ("State Department"
/// + "spokesman" → `USAGOV`), an organisation keeps its own code ("Hamas spokesman" is Hamas).
fn with_role(code: &str, role: &str) -> String {
    let organisation = ["IGO", "NGO", "IMG", "MNC"]
        .iter()
        .any(|p| code.starts_with(p));
    // "al-Shabaab commander", "army spokesman": a group or a service keeps its own role.
    // Codes come from user dictionaries too: slice only where a character starts.
    let own_role = code.len() == 6 && code.get(3..) != Some("GOV");
    match code.get(..3) {
        Some(country) if code.len() <= 6 && !organisation && !own_role => {
            format!("{country}{role}")
        }
        _ => code.to_string(),
    }
}

/// "Trump's inner circle": a possessor is what the text is about, so a following bare
/// "aides" or "officials" are most likely its own.
fn is_possessor(text: &str, m: &ActorMention) -> bool {
    let rest = text.get(m.span.end..).unwrap_or("");
    rest.starts_with("'s")
        || rest.starts_with("’s")
        || rest.starts_with("' ")
        || rest.starts_with("’ ")
}

/// A stable key for the person a mention resolves to (its entry, or its reference).
fn person_key(m: &ActorMention) -> &str {
    m.entry.strip_prefix("reference: ").unwrap_or(&m.entry)
}

const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "on",
    "in",
    "and",
];

/// Headlines capitalise every word, so capitals say nothing about names there.
fn is_title_case(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic) && w.len() > 3)
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 3 && capitalised * 10 >= words.len() * 7
}

/// Capitalised words that may stand before a country without making it a person's name.
const TITLE_WORDS: &[&str] = &[
    "the",
    // "A U.S. drone strike", "An Israeli strike": an article opens a sentence, not a name.
    "a",
    "an",
    "in",
    "of",
    "and",
    "to",
    "from",
    "with",
    "by",
    "for",
    "on",
    "at",
    "as",
    "but",
    "or",
    "neighbouring",
    "neighboring",
    "meanwhile",
    "however",
    "today",
    "yesterday",
    "then",
    "while",
    "when",
    "after",
    "before",
    "since",
    "if",
    "although",
    "both",
    "only",
    "even",
    "also",
    "now",
    "so",
    "yet",
    "why",
    "how",
    "where",
    "tiny",
    "oil-rich",
    "landlocked",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "neighbour",
    "ally",
    "between",
    "against",
    "over",
    "into",
    "across",
    "like",
    "unlike",
    "including",
    "said",
    "says",
    "visited",
    "visit",
    "told",
    "urged",
];
const GIVEN_NAMES_SHARED: &[&str] = &[
    "Jordan", "Georgia", "Chad", "Israel", "India", "Kenya", "Lebanon",
];
const US_STATES_SHARED: &[&str] = &["Georgia", "Jordan"];

fn mention(text: &str, span: Span, code: String, entry: String, sentence: usize) -> ActorMention {
    ActorMention {
        span,
        text: span.slice(text).to_string(),
        code,
        entry,
        sentence,
    }
}

/// "Israel + officials (data/actors/countries.txt:40)": an actor composed from a country or
/// body and an agent word, with the line of the entry that supplied the code's first part.
fn composed_label(name: &str, agent_text: &str, origin: &str) -> String {
    [name, " + ", &agent_text.to_lowercase(), " (", origin, ")"].concat()
}

fn span_text(text: &str, span: Span) -> &str {
    span.slice(text)
}

fn country_of(entry: &Entry) -> &str {
    entry.codes[0].code.get(..3).unwrap_or("")
}

fn between(text: &str, a: Span, b: Span) -> &str {
    text.get(a.end..b.start).unwrap_or("")
}

fn is_conjunction(gap: &str) -> bool {
    matches!(
        gap.trim(),
        "and" | "or" | "," | ", and" | ", or" | "and the" | "&"
    )
}

/// The text between a country and an agent word: nothing, a possessive, or modifiers.
fn joins_agent(gap: &str) -> bool {
    let mut rest = gap.trim();
    for p in ["'s", "’s", "'", "’"] {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r.trim();
            break;
        }
    }
    // "a Palestinian state, President Macron said": punctuation ends the phrase.
    if rest.contains([',', ';', ':', '(', ')', '"', '“', '”']) {
        return false;
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    words.len() <= 2
        && words
            .iter()
            .all(|w| MODIFIERS.iter().any(|m| m.eq_ignore_ascii_case(w)))
}

/// "Biden spoke with Netanyahu and urged him": an object pronoun does not stand for its own
/// clause's subject, so with two people in the sentence, the subject first and no reported
/// speech between (in "Putin said Biden insulted him", "him" is Putin), it is the other one.
fn object_pronoun_referent<'m>(
    text: &str,
    pronoun: Span,
    candidates: &[&'m ActorMention],
) -> Option<&'m ActorMention> {
    let word = pronoun.slice(text);
    if !(word.eq_ignore_ascii_case("him") || word.eq_ignore_ascii_case("her")) {
        return None;
    }
    let (first, last) = (candidates.first()?, candidates.last()?);
    if first.sentence != last.sentence || person_key(first) == person_key(last) {
        return None;
    }
    let between = text
        .get(first.span.end..pronoun.start)?
        .to_ascii_lowercase();
    let reported = [
        " said",
        " says",
        " told",
        " tells",
        " that ",
        " according",
        " claimed",
    ]
    .iter()
    .any(|cue| between.contains(cue));
    (!reported).then_some(*last)
}

fn is_stance_prefixed(lowered: &str, at: usize) -> bool {
    let before = lowered.as_bytes().get(..at).unwrap_or_default();
    before.ends_with(b"pro-") || before.ends_with(b"anti-")
}

/// "a government-held district", "rebel-controlled areas": the mention names a place by who
/// holds it; the place is not the holder.
fn is_holder_of_place(lowered: &str, end: usize) -> bool {
    let after = lowered.as_bytes().get(end..).unwrap_or_default();
    [b"-held".as_slice(), b"-controlled", b"-occupied"]
        .iter()
        .any(|suffix| after.starts_with(suffix))
}

/// "US-backed forces", "Iran-aligned militias", "al-Qaeda-linked group", "US-made tanks":
/// the mention names a patron or maker, not the actor ("Saudi-led coalition" is led, and stays Saudi).
fn is_backer_of(lowered: &str, end: usize) -> bool {
    let after = lowered.as_bytes().get(end..).unwrap_or_default();
    [
        b"-backed".as_slice(),
        b"-allied",
        b"-aligned",
        b"-funded",
        b"-supported",
        b"-sponsored",
        b"-trained",
        b"-armed",
        b"-affiliated",
        b"-linked",
        b"-inspired",
        b"-made",
        b"-built",
        b"-designed",
        b"-manufactured",
        b"-supplied",
        b"-provided",
        b"-donated",
        b"-brokered",
        b"-mediated",
        b"-led",
    ]
    .iter()
    .any(|suffix| after.starts_with(suffix))
}

fn is_boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn is_boundary_after(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn previous_word(text: &str, floor: usize, before: usize) -> Option<(&str, Span)> {
    let head = text.get(floor..before)?;
    let trimmed = head.trim_end_matches([' ', ',']);
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &trimmed[start..];
    (!word.is_empty()).then(|| (word, Span::new(floor + start, floor + trimmed.len())))
}

/// Words of two or three ASCII letters with their offsets: the candidates for pronouns.
fn short_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0x80) {
                i += 1;
            }
            let len = i - start;
            let before_ok = start == 0 || bytes[start - 1] < 0x80;
            if (2..=3).contains(&len) && before_ok {
                return Some((start, &s[start..i]));
            }
        }
        None
    })
}

/// The surface variants a form is matched under: agent words get their plural, names lose a
/// leading "the" ("the White House" also matches "White House").
fn variants(form: &str, role: &FormRole) -> Vec<String> {
    let mut out = vec![form.to_string()];
    if let Some(rest) = form
        .strip_prefix("the ")
        .or_else(|| form.strip_prefix("The "))
    {
        out.push(rest.to_string());
    }
    if *role == FormRole::Agent && !form.ends_with('s') {
        let vowel_before_y = form
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aeiou".contains(c));
        if let Some(stem) = form.strip_suffix('y').filter(|_| !vowel_before_y) {
            out.push(format!("{stem}ies"));
        } else if let Some(stem) = form.strip_suffix("man") {
            out.push(format!("{stem}men"));
        } else {
            out.push(format!("{form}s"));
        }
    }
    out
}

//! Coding events from tokens and actor mentions, with no parser: a verb pattern anchors the
//! event, the subject is found by walking left past parentheticals and prepositional
//! phrases, the target by walking right, and cue words around the verb set the modality.

use crate::lexicon::*;
use crate::verbs::{Element, VerbIndex};
use dyad_model::{
    ActorMention, ArticleId, CameoCode, Event, EventActor, Modality, NaiveDate, Sentence, Span,
};
use dyad_text::{tokenize, Token, TokenKind};

/// What the coder reads: an article's text, its sentences and actor mentions.
pub struct CodingInput<'a> {
    pub article: &'a ArticleId,
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub mentions: &'a [ActorMention],
    pub date: Option<NaiveDate>,
}

/// The compiled coder: immutable, shared across threads.
pub struct Coder {
    verbs: VerbIndex,
}

/// A mention seen from one sentence's tokens.
#[derive(Clone, Debug)]
struct Actor<'m> {
    mention: &'m ActorMention,
    first: usize,
    last: usize,
}

struct Clause<'a> {
    tokens: Vec<Token>,
    actors: Vec<Actor<'a>>,
    /// Token index → actor index.
    actor_at: Vec<Option<usize>>,
    /// Class nouns ("sanctions", "troops") from the last few sentences, which a definite
    /// anaphor ("the measures") may stand for.
    antecedents: Vec<String>,
}

impl<'a> Clause<'a> {
    fn new(text: &str, sentence: &Sentence, mentions: &'a [ActorMention]) -> Clause<'a> {
        let mut tokens = tokenize(text, sentence.span);
        // "ordered Israel to immediately halt": a split infinitive reads as "to halt".
        let split_adverb = |t: &[Token], i: usize| {
            i > 0
                && i + 1 < t.len()
                && t[i - 1].lower == "to"
                && t[i].lower.len() > 4
                && t[i].lower.ends_with("ly")
                && t[i + 1].kind == TokenKind::Word
                && !t[i + 1].capitalised
        };
        let mut i = 0;
        while i < tokens.len() {
            if split_adverb(&tokens, i) {
                tokens.remove(i);
            } else {
                i += 1;
            }
        }
        // "was \"deeply concerned\" about": quotes around a few lowercase words mark a phrase
        // inside the sentence, not speech; they are read through.
        let is_quote = |t: &Token| matches!(t.lower.as_str(), "\"" | "“" | "”");
        let mut i = 0;
        while i < tokens.len() {
            if is_quote(&tokens[i]) {
                let close = (i + 1..tokens.len().min(i + 6)).find(|&k| is_quote(&tokens[k]));
                let phrase = close.is_some_and(|c| {
                    c > i + 1
                        && tokens[i + 1..c]
                            .iter()
                            .all(|t| t.kind == TokenKind::Word && !t.capitalised)
                });
                if let (true, Some(c)) = (phrase, close) {
                    tokens.remove(c);
                    tokens.remove(i);
                    continue;
                }
            }
            i += 1;
        }
        let mut actor_at = vec![None; tokens.len()];
        let mut actors = Vec::new();
        // Mentions come sorted by position; take this sentence's slice without a full scan.
        let from = mentions.partition_point(|m| m.span.start < sentence.span.start);
        let to = mentions.partition_point(|m| m.span.start < sentence.span.end);
        for m in mentions[from..to.max(from)]
            .iter()
            .filter(|m| sentence.span.contains(m.span))
        {
            let covered: Vec<usize> = tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| t.span.start >= m.span.start && t.span.end <= m.span.end)
                .map(|(i, _)| i)
                .collect();
            let (Some(&first), Some(&last)) = (covered.first(), covered.last()) else {
                continue;
            };
            if covered.iter().any(|&i| actor_at[i].is_some()) {
                continue;
            }
            for &i in &covered {
                actor_at[i] = Some(actors.len());
            }
            actors.push(Actor {
                mention: m,
                first,
                last,
            });
        }
        Clause {
            tokens,
            actors,
            actor_at,
            antecedents: Vec::new(),
        }
    }

    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }
}

/// A verb pattern matched at a token.
struct VerbMatch {
    pattern: usize,
    verb: usize,
    /// Index one past the last matched token.
    end: usize,
    /// The token after which the target is sought (a `{prep}` match), if any.
    target_prep: Option<usize>,
    /// The object head noun the pattern matched, for antecedent lookups.
    object: Option<usize>,
    /// The token after which the source is sought (a `<prep>` match), if any.
    source_prep: Option<usize>,
}

impl Coder {
    pub fn new(verbs: VerbIndex) -> Coder {
        Coder { verbs }
    }

    pub fn pattern_count(&self) -> usize {
        self.verbs.patterns.len()
    }

    /// Codes every sentence of an article. Pure: same input, same events.
    pub fn code(&self, input: &CodingInput<'_>) -> Vec<Event> {
        let mut events: Vec<Event> = Vec::new();
        let mut recent_objects: Vec<(usize, String, String)> = Vec::new();
        let mut recent_nouns: Vec<(usize, String)> = Vec::new();
        for sentence in input.sentences {
            let mut clause = Clause::new(input.text, sentence, input.mentions);
            recent_nouns.retain(|(s, _)| s + 3 >= sentence.index);
            clause.antecedents = recent_nouns.iter().map(|(_, n)| n.clone()).collect();
            for t in &clause.tokens {
                if NOUN_CLASSES.iter().any(|c| c.contains(&t.lower.as_str())) {
                    recent_nouns.push((sentence.index, t.lower.clone()));
                }
            }
            if clause.tokens.is_empty() {
                continue;
            }
            if is_discarded(&clause) {
                continue;
            }
            let before = events.len();
            self.code_sentence(input, sentence, &clause, &mut events, &recent_objects);
            self.code_frames(input, sentence, &clause, &mut events);
            code_opening_visit(input, sentence, &clause, &mut events);
            code_fighting_between(input, sentence, &clause, &mut events);
            dedup_tail(&mut events, before);
            drop_superseded_statements(&mut events, before);
            remember_objects(sentence.index, &clause, &mut recent_objects);
        }
        events
    }

    fn code_sentence(
        &self,
        input: &CodingInput<'_>,
        sentence: &Sentence,
        clause: &Clause<'_>,
        events: &mut Vec<Event>,
        recent_objects: &[(usize, String, String)],
    ) {
        let mut i = 0;
        let first_event = events.len();
        while i < clause.tokens.len() {
            let Some(m) = self.match_at(clause, i) else {
                i += 1;
                continue;
            };
            let pattern = &self.verbs.patterns[m.pattern];
            // "met Assad to discuss ...", "urged Iran to release ...": an infinitive after an
            // event already coded in this sentence is its purpose or its requested act, not a
            // second event. After an intention ("plans to lift") it is the event itself.
            // "urged Israel and Hamas to agree to a ceasefire and release the hostages": a verb
            // coordinated with such an infinitive shares its "to".
            let to = if m.verb >= 2 && clause.word(m.verb - 1) == "to" {
                Some(m.verb - 1)
            } else {
                coordinated_infinitive(clause, m.verb)
            };
            // "prompting Mexico to break off relations" says Mexico did.
            let prompted = m.verb >= 2
                && clause.word(m.verb - 1) == "to"
                && clause.actor_at[m.verb - 2].is_some_and(|a| {
                    let first = phrase_start(clause, clause.actors[a].first);
                    first > 0 && PROMPTING_VERBS.contains(&clause.word(first - 1))
                });
            // "in a bid to ease tensions", "in an effort to end the war": a purpose named by a
            // noun is an aim, not an act.
            let aim = m.verb >= 2
                && clause.word(m.verb - 1) == "to"
                && AIM_NOUNS.contains(&clause.word(m.verb - 2));
            let purpose = aim
                || (!prompted
                    && to.is_some_and(|to| {
                        to >= 1
                            && events.len() > first_event
                            && !INTENT_CUES.contains(&clause.word(to - 1))
                            && !NEGATING_VERBS.contains(&clause.word(to - 1))
                    }));
            if purpose {
                i = m.end.max(m.verb + 1);
                continue;
            }
            // "Trump won the election, defeating Harris": beating a rival at the polls is no
            // use of force.
            if matches!(pattern.lemma.as_str(), "defeat" | "beat" | "rout")
                && clause
                    .tokens
                    .iter()
                    .any(|t| ELECTORAL_WORDS.contains(&t.lower.as_str()))
            {
                i = m.verb + 1;
                continue;
            }
            // "Iran executed a man accused of spying for Israel": after an event, a
            // participle right after its object noun describes the object.
            if is_reduced_relative(clause, m.verb) || is_background_relative(clause, m.verb) {
                i = m.verb + 1;
                continue;
            }
            // A control verb before an infinitive ("agreed to lift", "threatened to attack",
            // "refused to meet"): one event, not two. A refusal is the event and its
            // complement is skipped; otherwise the complement is, coded with its modality.
            let complement = (pattern.elements.is_empty() && clause.word(m.verb + 1) == "to")
                .then(|| self.match_at(clause, m.verb + 2))
                .flatten();
            let mut skip_to = None;
            if let Some(c) = &complement {
                if pattern.code.root() == "12" {
                    skip_to = Some(c.end.max(c.verb + 1));
                } else {
                    i = m.verb + 1;
                    continue;
                }
            }
            // "Obama wants Putin to attack Switzerland": a wish addressed to Putin, coded as
            // Obama's appeal to him; the attack itself is not asserted.
            if let Some(appeal) = self.wanted_act(input, sentence, clause, &m) {
                events.extend(appeal);
                i = m.end.max(m.verb + 1);
                continue;
            }
            // "France said Israel must halt its offensive": what a speaker says another
            // must or should do is a demand or an appeal, not the act.
            if let Some(prescription) = self.prescribed_act(input, sentence, clause, &m) {
                events.extend(prescription);
                i = m.end.max(m.verb + 1);
                continue;
            }
            // "faces pressure from Congress to help Iran": an infinitive right after an actor
            // is what someone wants of it, not something done.
            if m.verb >= 2
                && clause.word(m.verb - 1) == "to"
                && clause.actor_at[m.verb - 2].is_some()
                && !prompted
            {
                i = m.end.max(m.verb + 1);
                continue;
            }
            // "was deeply concerned about": a state of mind, not a passive; and only the one
            // who feels it comments ("exercises alarming NATO members" is no statement).
            let state_of_mind = STATE_OF_MIND_LEMMAS.contains(&pattern.lemma.as_str());
            if state_of_mind && !is_passive(clause, m.verb) {
                i = m.verb + 1;
                continue;
            }
            let passive = is_passive(clause, m.verb) && !state_of_mind;
            let found = find_subject(clause, m.verb);
            let subject = found.map(|(a, _)| a);
            let subject_confidence = found.map_or(0.5, |(_, c)| c);
            // A place ("in southern Lebanon") is the target only when nothing else is: "met
            // his Japanese counterpart in Beijing" is about Japan, "urged calm in Bangladesh"
            // about Bangladesh.
            // "demanded that Russia withdraw": the addressee follows the complementiser.
            // "demanded on Thursday that Washington stop": past a time phrase.
            let after_time = skip_time_phrase(clause, m.verb + 1);
            let that_clause =
                matches!(pattern.code.root(), "02" | "10") && clause.word(after_time) == "that";
            let mut object_is_place = false;
            let object = match m.target_prep {
                // "claimed responsibility for a deadly attack targeting shoppers at a mall in
                // Kenya's capital": the attack's victim, however far into its description.
                Some(p) if matches!(pattern.code.as_str(), "015" | "016") => {
                    let victim = find_object_within(clause, p + 1, true, 20);
                    object_is_place = victim.is_some_and(|a| {
                        a.first > 0 && LOCATIVES.contains(&clause.word(a.first - 1))
                    });
                    victim
                }
                Some(p) => {
                    let object = find_object(clause, p + 1, true);
                    // "clash with rioters in the Egyptian square": past the preposition's own
                    // object, an actor after "in" is only where it happened.
                    object_is_place = object.is_some_and(|a| {
                        let start = phrase_start(clause, a.first);
                        start > p + 1 && LOCATIVES.contains(&clause.word(start - 1))
                    });
                    object
                }
                None if that_clause => find_object(clause, after_time + 1, false),
                None => find_object(clause, m.verb + 1, false)
                    .or_else(|| find_object(clause, m.end, false))
                    .or_else(|| {
                        object_is_place = true;
                        // "seized a tanker in the Gulf of Oman": a sea or a region is where,
                        // never whom.
                        find_object(clause, m.verb + 1, true)
                            .filter(|a| !REGION_CODES.contains(&a.mention.code.as_str()))
                    }),
            };
            // "shot down 45 drones launched by Russia", "intercepted missiles fired from Yemen":
            // force against weapons is force against whoever launched them.
            let object = object.or_else(|| {
                (matches!(pattern.code.root(), "18" | "19" | "20") && !is_passive(clause, m.verb))
                    .then(|| {
                        instrument_agent(clause, m.verb + 1)
                            .or_else(|| attack_origin(clause, m.verb + 1))
                    })
                    .flatten()
            });
            // "asking the president to help Iran": an appeal's addressee comes before the act
            // asked for; an actor after "to VERB" is the act's object, not the addressee.
            let object = object.filter(|a| {
                !(matches!(pattern.code.root(), "02" | "10")
                    && (m.verb + 1..a.first).any(|k| {
                        clause.word(k) == "to"
                            && clause.actor_at.get(k + 1).copied().flatten().is_none()
                            && !DETERMINERS.contains(&clause.word(k + 1))
                    }))
            });
            // "clashed near Aleppo": a fight is with someone, never with a place.
            let object = object.filter(|_| {
                !(object_is_place
                    && matches!(
                        pattern.lemma.as_str(),
                        "clash" | "fight" | "battle" | "skirmish"
                    ))
            });
            // "killed 12 militants near the Afghan border": a border is shared, so it names no
            // target, except for a show of force ("deployed tanks near the Ukrainian border").
            let object = object.filter(|a| {
                !(object_is_place
                    && pattern.code.root() != "15"
                    && matches!(
                        clause.word(a.last + 1),
                        "border" | "borders" | "frontier" | "boundary"
                    ))
            });
            // "fired rockets at northern Israel": a region of a country is a place.
            object_is_place |= object.is_some_and(|a| {
                a.first > 0
                    && PLACE_MODIFIERS.contains(&clause.word(a.first - 1))
                    && clause.word(a.first - 1) != "the"
            });
            // "were killed in Israeli tank shelling": the attack's adjective is the agent.
            let by_agent = find_by_agent(clause, m.verb + 1).or_else(|| {
                matches!(pattern.code.root(), "18" | "19" | "20")
                    .then(|| find_attack_agent(clause, m.verb + 1))
                    .flatten()
            });
            // A reduced passive ("supported by X") has "by" right after the verb; "rejected
            // the accusations by Washington" is active, the by-phrase belongs to the noun.
            let reduced_passive = by_agent.is_some()
                && is_participle(clause, m.verb)
                && clause.word(m.verb + 1) == "by";
            let is_passive = passive || reduced_passive;
            let (sources, targets, mut confidence) = if let Some(p) = m.source_prep {
                // "Kyiv received weapons from Washington": the giver acts on the subject.
                (
                    chain(clause, find_object(clause, p + 1, true)),
                    chain_left(clause, subject),
                    subject_confidence,
                )
            } else if is_passive {
                let violent = matches!(pattern.code.root(), "18" | "19" | "20");
                // "Rockets were fired from Lebanon at northern Israel": with no by-phrase,
                // where an attack came from is who made it.
                let origin = (by_agent.is_none() && violent)
                    .then(|| attack_origin(clause, m.verb + 1))
                    .flatten();
                let skip: Vec<&Actor<'_>> = by_agent.into_iter().chain(origin).collect();
                let thing = passive
                    .then(|| passive_thing_subject(clause, m.verb))
                    .flatten();
                let mut victims = if let Some(thing) = thing {
                    // "The Russian embassy was attacked": violence to a thing is done to
                    // whoever it belongs to. "Sanctions were imposed on Russia", "a rocket
                    // was fired at Sderot": otherwise the one acted on follows the verb.
                    // Seizing or destroying a thing (17) is done to its owner as well.
                    let owner = thing
                        .noun_phrase
                        .filter(|_| violent || pattern.code.root() == "17")
                        .find_map(|k| clause.actor_at[k])
                        .or(thing.concerning)
                        .map(|a| &clause.actors[a]);
                    match owner {
                        Some(owner) => chain(clause, Some(owner)),
                        None => chain(clause, passive_object(clause, m.verb + 1, &skip, violent)),
                    }
                } else {
                    chain_left(clause, subject)
                };
                // "Israel said a rocket was fired at it": the pronoun is the speaker.
                if victims.is_empty() && violent {
                    victims = chain(clause, speaker_targeted(clause, m.verb));
                }
                // "Four children were killed in Israeli shelling in Gaza": with no victim
                // actor, violence is done to the place it happened.
                if victims.is_empty() && violent {
                    let after = by_agent.map_or(m.verb + 1, |a| a.last + 1);
                    victims = chain(clause, passive_object(clause, after, &skip, true));
                }
                if violent {
                    victims = victims.into_iter().map(country_of_place).collect();
                }
                let agents = match by_agent {
                    Some(agent) => chain(clause, Some(agent)),
                    None => chain(clause, origin)
                        .into_iter()
                        .map(country_of_place)
                        .collect(),
                };
                (agents, victims, 0.8)
            } else {
                (
                    chain_left(clause, subject),
                    chain(clause, object),
                    subject_confidence,
                )
            };
            // "struck targets in southern Lebanon": force used in a place is used against the
            // country, not its government.
            let targets = if object_is_place
                && !is_passive
                && (matches!(pattern.code.root(), "15" | "18" | "19" | "20")
                    || matches!(pattern.code.as_str(), "015" | "016"))
            {
                targets.into_iter().map(country_of_place).collect()
            } else {
                targets
            };
            let next = m.end.max(m.verb + 1);
            // "Thousands demonstrated in London against the war": protesters no dictionary
            // names are people of the place they protest in.
            let sources = if sources.is_empty() && pattern.code.root() == "14" && !is_passive {
                protest_venue(clause, m.verb, if object_is_place { &[] } else { &targets })
                    .map(|a| country_of_place(actor_ref(a)))
                    .into_iter()
                    .collect()
            } else {
                sources
            };
            if sources.is_empty() {
                i = next;
                continue;
            }
            // "Saudi Arabia and Iran restored relations": with no object, a compound subject
            // of a symmetric act acts on each other.
            // "Azerbaijan and Armenia signed a peace agreement in Washington", "South Korea
            // and Japan held talks on North Korea": with a compound subject, a place or a
            // topic is not the other party.
            let symmetric = matches!(pattern.code.root(), "03" | "04" | "05" | "06" | "08" | "19")
                || matches!(pattern.code.as_str(), "160" | "161")
                || matches!(pattern.lemma.as_str(), "trade" | "exchange");
            let targets = if sources.len() >= 2
                && symmetric
                && m.target_prep.is_none()
                && (object_is_place
                    || object.is_some_and(|a| is_topic(clause, a.first))
                    || targets.iter().all(|t| {
                        t.code.len() == 3 && sources.iter().any(|s| s.code.starts_with(&t.code))
                    })) {
                Vec::new()
            } else {
                targets
            };
            // "Russia and Ukraine accused each other": said outright, any act is mutual.
            // ... and so is "Canada and India each expelled six diplomats".
            let each_other = matches!(
                (clause.word(m.verb + 1), clause.word(m.verb + 2)),
                ("each", "other") | ("one", "another")
            ) || (m.verb > 0 && clause.word(m.verb - 1) == "each");
            let reciprocal = targets.is_empty()
                && sources.len() >= 2
                && !is_passive
                && (symmetric || each_other);
            let targets: Vec<EventActor> = if reciprocal {
                sources.clone()
            } else if targets.is_empty() {
                confidence *= 0.8;
                // "expelled three French diplomats, accusing them of spying": an object
                // pronoun stands for the target of the act just coded in this sentence.
                let pronoun = matches!(clause.word(m.verb + 1), "it" | "them" | "him" | "her")
                    .then(|| events[first_event..].last())
                    .flatten()
                    .filter(|e| e.source.code == sources[0].code)
                    .map(|e| e.target.clone());
                pronoun
                    .or_else(|| {
                        resolve_object_antecedent(
                            clause,
                            &m,
                            &sources[0],
                            events,
                            sentence.index,
                            recent_objects,
                        )
                    })
                    .into_iter()
                    .collect()
            } else {
                targets
            };
            let mut modality = modality(clause, m.verb, subject.map(|a| a.last));
            // "rejected any suggestion that Ukraine cede territory", "demanding that the
            // government reach a deal": a bare verb after "that" and its subject is what
            // someone wants done, not something done.
            if subject.is_some_and(|a| is_mandative(clause, a, m.verb, &pattern.lemma)) {
                modality = Modality::Hypothetical;
            }
            let mut code = match modality {
                Modality::Intended => intent_code(pattern.code),
                _ => pattern.code,
            };
            // "Erdogan threatened to block Sweden's bid": a threat is made, whatever it
            // threatens, and CAMEO codes it by what is threatened.
            if modality == Modality::Intended && is_threat(clause, m.verb, subject.map(|a| a.last))
            {
                code = threat_code(pattern.code);
                modality = Modality::Asserted;
            }
            // "Turkey said it would not support Sweden's bid": a negated promise of
            // cooperation is a refusal, which happened.
            if modality == Modality::Negated && is_refusal(clause, m.verb, subject.map(|a| a.last))
            {
                if let Some(refusal) = refusal_code(pattern.code) {
                    code = refusal;
                    modality = Modality::Asserted;
                }
            }
            // "urged Russia to free the journalists": an appeal or demand takes the
            // sub-code of the act it asks for.
            let generic_request = pattern.elements.iter().all(|e| match e {
                Element::TargetPrep(_) => true,
                // "called on Israel to halt": the preposition of "call on".
                Element::Word(w) => w == "on" || w == "upon",
                _ => false,
            }) && matches!(pattern.code.as_str(), "020" | "100");
            if generic_request {
                if let Some(asked) = self.requested_act(clause, m.end.max(m.verb + 1)) {
                    let asked_code = self.verbs.patterns[asked.pattern].code;
                    code = requested_code(pattern.code, asked_code).unwrap_or(code);
                    skip_to = Some(asked.end.max(asked.verb + 1));
                }
            }
            let trigger_end = clause.tokens[m.end.saturating_sub(1).max(m.verb)].span.end;
            // "Blinken visited Beijing": a mutual act has the target's side too (China
            // hosted), when it happened as stated.
            let as_stated = code == pattern.code
                && !is_passive
                && matches!(modality, Modality::Asserted | Modality::Reported);
            // A place that only says where it happened does nothing back.
            let reverse = pattern.reverse.filter(|_| as_stated && !object_is_place);
            // One event per actor pair: "Egypt and Qatar urged Hamas and Israel" is four.
            for (side_code, swapped) in
                std::iter::once((code, false)).chain(reverse.map(|r| (r, true)))
            {
                for source in &sources {
                    for target in &targets {
                        let (from, to) = if swapped {
                            (target, source)
                        } else {
                            (source, target)
                        };
                        // "South Sudan's government placed Riek Machar under house arrest": a
                        // government coerces its own named people.
                        let coerces_own = side_code.root() == "17"
                            && from.span != to.span
                            && names_a_person(clause, to);
                        if (same_actor(from, to) && !coerces_own)
                            || !is_party_pair(from, to, side_code)
                        {
                            continue;
                        }
                        // "Israel killed Hezbollah leader Hassan Nasrallah": killing a named
                        // leader or official is CAMEO's assassination.
                        let side_code = if !swapped
                            && KILLING_LEMMAS.contains(&pattern.lemma.as_str())
                            && side_code.root() == "19"
                            && names_a_person(clause, to)
                        {
                            CameoCode::parse("186").unwrap_or(side_code)
                        } else if !swapped && is_repression(from, to, side_code) {
                            // "Police opened fire on demonstrators": force used by a state on
                            // protesters is CAMEO's violent repression.
                            CameoCode::parse("175").unwrap_or(side_code)
                        } else {
                            side_code
                        };
                        events.push(new_event(
                            input,
                            sentence,
                            (from.clone(), to.clone()),
                            (side_code, modality),
                            Span::new(clause.tokens[m.verb].span.start, trigger_end),
                            confidence,
                        ));
                    }
                }
            }
            // "Israel said a mortar bomb was fired at it from Gaza": saying that another
            // used force is accusing it of aggression; the attack itself stays reported.
            let has_targets = !targets.is_empty();
            if modality == Modality::Reported
                && has_targets
                && matches!(code.root(), "18" | "19" | "20")
            {
                if let Some((said, speaker)) = reporting_speaker(clause, m.verb) {
                    let accuser = actor_ref(speaker);
                    for source in &sources {
                        if source.code.get(..3) == accuser.code.get(..3) {
                            continue;
                        }
                        let Some(accusation) = CameoCode::parse("1123") else {
                            continue;
                        };
                        events.push(new_event(
                            input,
                            sentence,
                            (accuser.clone(), source.clone()),
                            (accusation, Modality::Asserted),
                            clause.tokens[said].span,
                            confidence * 0.8,
                        ));
                    }
                }
            }
            i = skip_to.unwrap_or(next);
        }
    }

    /// The code of the act an appeal or demand asks for: "to VERB" after its addressee,
    /// within a few tokens of `from`.
    fn requested_act(&self, clause: &Clause<'_>, from: usize) -> Option<VerbMatch> {
        let end = (from + 6).min(clause.tokens.len());
        let to = (from..end)
            .find(|&k| clause.word(k) == "to" && k > 0 && clause.actor_at[k - 1].is_some());
        let verb = match to {
            Some(to) => to + 1,
            // "demanded that Russia withdraw", "demanded Russia withdraw": the subjunctive.
            None => {
                let from = skip_time_phrase(clause, from);
                let at = if clause.word(from) == "that" {
                    from + 1
                } else {
                    from
                };
                let addressee = &clause.actors[(*clause.actor_at.get(at)?)?];
                addressee.last + 1
            }
        };
        if verb >= clause.tokens.len() {
            return None;
        }
        self.match_at(clause, verb)
    }

    /// "X wants Y to VERB": the appeal from X to Y, with the sub-code of the wanted act.
    fn wanted_act(
        &self,
        input: &CodingInput<'_>,
        sentence: &Sentence,
        clause: &Clause<'_>,
        m: &VerbMatch,
    ) -> Option<Vec<Event>> {
        if m.verb < 3 || clause.word(m.verb - 1) != "to" {
            return None;
        }
        let addressee = &clause.actors[clause.actor_at[m.verb - 2]?];
        let want = addressee.first.checked_sub(1)?;
        if !WANT_VERBS.contains(&clause.word(want)) {
            return None;
        }
        let (wisher, confidence) = find_subject(clause, want)?;
        let code = requested_code(
            CameoCode::parse("020")?,
            self.verbs.patterns[m.pattern].code,
        )
        .or_else(|| CameoCode::parse("020"))?;
        let modality = modality(clause, want, Some(wisher.last));
        Some(addressed_events(
            input,
            sentence,
            clause,
            (wisher, addressee),
            (code, modality),
            (want, m.verb),
            confidence * 0.9,
        ))
    }

    /// "Germany said Russia should withdraw its troops": the speaker's appeal (should, ought
    /// to) or demand (must, has to, needs to) to the actor, with the sub-code of the act.
    fn prescribed_act(
        &self,
        input: &CodingInput<'_>,
        sentence: &Sentence,
        clause: &Clause<'_>,
        m: &VerbMatch,
    ) -> Option<Vec<Event>> {
        // "must stop attacking civilians": asked to stop using force is asked to de-escalate.
        let stopping = m.verb >= 1
            && matches!(clause.word(m.verb - 1), "stop" | "end" | "cease" | "halt")
            && clause.word(m.verb).ends_with("ing");
        let head = if stopping { m.verb - 1 } else { m.verb };
        let before = |k: usize| head.checked_sub(k).map_or("", |p| clause.word(p));
        let (request, modal_len) = match (before(2), before(1)) {
            (_, "should") => ("020", 1),
            (_, "must") => ("100", 1),
            ("ought", "to") => ("020", 2),
            ("needs" | "need" | "has" | "have", "to") => ("100", 2),
            _ => return None,
        };
        let act = self.verbs.patterns[m.pattern].code;
        let asked = if stopping {
            matches!(act.root(), "18" | "19" | "20")
                .then(|| CameoCode::parse("087"))
                .flatten()
        } else {
            Some(act)
        };
        let addressee_last = head.checked_sub(modal_len + 1)?;
        let addressee = &clause.actors[clause.actor_at[addressee_last]?];
        let mut said = addressee.first.checked_sub(1)?;
        while said > 0 && matches!(clause.word(said), "that" | "the") {
            said -= 1;
        }
        if !SPEECH_VERBS.contains(&clause.word(said)) {
            return None;
        }
        let (speaker, confidence) = find_subject(clause, said)?;
        let code = asked
            .and_then(|asked| requested_code(CameoCode::parse(request)?, asked))
            .or_else(|| CameoCode::parse(request))?;
        Some(addressed_events(
            input,
            sentence,
            clause,
            (speaker, addressee),
            (code, Modality::Asserted),
            (said, m.verb),
            confidence * 0.9,
        ))
    }

    /// Matches the most specific verb pattern starting at token `i`, if `i` is used as a verb.
    fn match_at(&self, clause: &Clause<'_>, i: usize) -> Option<VerbMatch> {
        let token = &clause.tokens[i];
        if token.kind != TokenKind::Word || clause.actor_at[i].is_some() {
            return None;
        }
        // "Israeli airstrikes on Gaza": attack nouns with no verb of their own are read as
        // the verb they name, and only as a nominal attack.
        let noun_only = NOMINAL_ATTACKS
            .iter()
            .find(|(noun, _)| *noun == token.lower)
            .map(|&(_, verb)| verb);
        let candidates = self.verbs.by_form.get(noun_only.unwrap_or(&token.lower))?;
        if noun_only.is_none() && !used_as_verb(clause, i) {
            return None;
        }
        // The pattern that matched the most words wins; a target preposition that was
        // actually found counts as a word, so `meet {with}` beats `meet` on "met with".
        let mut best: Option<(usize, VerbMatch)> = None;
        for &p in candidates {
            let elements = &self.verbs.patterns[p].elements;
            if let Some(m) = match_elements(clause, i, elements) {
                let words = elements
                    .iter()
                    .filter(|e| matches!(e, Element::Word(_) | Element::SourcePrep(_)))
                    .count();
                let score = 2 * words + usize::from(m.target_prep.is_some());
                if best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((
                        score,
                        VerbMatch {
                            pattern: p,
                            verb: i,
                            ..m
                        },
                    ));
                }
            }
        }
        let m = best.map(|(_, m)| m)?;
        // "rape by Russian troops", "attacks by Israel": the base or plural form with a
        // by-phrase is a noun ("spoke by phone" is a verb in the past).
        let lemma = self.verbs.patterns[m.pattern].lemma.as_str();
        let base_or_plural = token.lower == lemma || is_plural_of(&token.lower, lemma);
        if base_or_plural && clause.word(i + 1) == "by" && !is_passive(clause, i) {
            return None;
        }
        // "US sanctions on Damascus", "Israeli attacks on Gaza", "seafood imports from
        // Japan": an -s form between an actor or a noun and a preposition that is not the
        // pattern's own is a plural noun.
        let w = clause.word(i);
        let before = clause.word(i.saturating_sub(1));
        let noun_before = i > 0
            && clause.tokens[i - 1].kind == TokenKind::Word
            && !clause.tokens[i - 1].capitalised
            && !(BE_FORMS.contains(&before)
                || HAVE_FORMS.contains(&before)
                || MODALS.contains(&before)
                || SUBJECT_PRONOUNS.contains(&before)
                || DETERMINERS.contains(&before)
                || ADVERBS_BEFORE_VERB.contains(&before)
                || before.ends_with("ly"));
        // After a common noun ("seafood imports from") even the pattern's own preposition
        // follows a noun: a plural subject takes no -s.
        let plural_noun = w.ends_with('s')
            && !w.ends_with("ss")
            && i > 0
            && PREPOSITIONS.contains(&clause.word(i + 1))
            && (noun_before
                || clause.actor_at[i - 1].is_some() && m.end == i + 1 && m.target_prep.is_none());
        if (plural_noun || noun_only.is_some())
            && !is_nominal_attack(clause, i, self.verbs.patterns[m.pattern].code)
        {
            return None;
        }
        Some(m)
    }

    /// Frames that no single verb pattern covers: "aides believe X is slowing progress" is
    /// the believers' disapproval of X, reported.
    fn code_frames(
        &self,
        input: &CodingInput<'_>,
        sentence: &Sentence,
        clause: &Clause<'_>,
        events: &mut Vec<Event>,
    ) {
        for (i, t) in clause.tokens.iter().enumerate() {
            if !COGNITION_VERBS.contains(&t.lower.as_str()) {
                continue;
            }
            let Some((holder, _)) = find_subject(clause, i) else {
                continue;
            };
            // The complement's subject: the first actor after the cognition verb, then an
            // obstruction verb within a few words.
            let Some(accused) = clause
                .actors
                .iter()
                .find(|a| a.first > i && a.first <= i + 3)
            else {
                continue;
            };
            let window = (accused.last + 1)..(accused.last + 5).min(clause.tokens.len());
            let obstruction = window.clone().find(|&k| {
                let w = clause.word(k);
                OBSTRUCTION_VERBS.iter().any(|o| w.starts_with(o))
            });
            let Some(v) = obstruction else { continue };
            let negated = window
                .clone()
                .take_while(|&k| k < v)
                .any(|k| NEGATIONS.contains(&clause.word(k)));
            if negated {
                continue;
            }
            let source = actor_ref(holder);
            let target = actor_ref(accused);
            if same_actor(&source, &target) {
                continue;
            }
            let Some(code) = CameoCode::parse("111") else {
                continue;
            };
            events.push(new_event(
                input,
                sentence,
                (source, target),
                (code, Modality::Reported),
                Span::new(t.span.start, clause.tokens[v].span.end),
                0.6,
            ));
        }
    }
}

/// Where the compound an actor closes begins: "Russia and Ukraine" for "Ukraine".
fn first_conjunct(clause: &Clause<'_>, actor: &Actor<'_>) -> usize {
    chain_left(clause, Some(actor))
        .first()
        .and_then(|f| {
            clause
                .actors
                .iter()
                .find(|a| Some(a.mention.span) == f.span)
        })
        .map_or(actor.first, |a| a.first)
}

/// Is the verb at `verb` a bare form right after its subject, which opens a that-clause
/// ("that Ukraine cede", "that Russia and Ukraine hold talks")?
fn is_mandative(clause: &Clause<'_>, subject: &Actor<'_>, verb: usize, lemma: &str) -> bool {
    let base = lemma.split(' ').next().unwrap_or(lemma);
    if clause.word(verb) != base || subject.last + 1 != verb {
        return false;
    }
    let first = first_conjunct(clause, subject);
    // "that" may read as the subject's determiner; only "the" is skipped here.
    let mut k = if first > 0 && clause.word(first - 1) == "the" {
        first - 1
    } else {
        first
    };
    // "that Netanyahu's government reach": the possessor opens the subject.
    while k >= 2 && matches!(clause.word(k - 1), "'s" | "’s") {
        k = clause.actor_at[k - 2].map_or(k - 2, |a| clause.actors[a].first);
        if k > 0 && clause.word(k - 1) == "the" {
            k -= 1;
        }
    }
    k > 0 && clause.word(k - 1) == "that"
}

/// Is military force (19) from `source` to `target` a state's forces firing on protesters of
/// their own country? (Assaults on one person keep their own 18x codes.)
fn is_repression(source: &EventActor, target: &EventActor, code: CameoCode) -> bool {
    let role = |a: &EventActor| a.code.get(3..6).unwrap_or("").to_string();
    code.root() == "19"
        && role(target) == "OPP"
        && matches!(role(source).as_str(), "COP" | "MIL" | "GOV" | "SPY")
        && source.code.get(..3) == target.code.get(..3)
}

/// Is `actor` a named person ("Hassan Nasrallah", "Hamas leader Ismail Haniyeh", "the
/// refugees minister, Khalil Haqqani") rather than a state, a force or a group?
fn names_a_person(clause: &Clause<'_>, actor: &EventActor) -> bool {
    clause
        .actors
        .iter()
        .find(|a| Some(a.mention.span) == actor.span)
        .is_some_and(|a| {
            let entry = a.mention.entry.as_str();
            // "Hezbollah leader Hassan Nasrallah", named after his death date: a leader's
            // title and a capitalised name follow the group.
            let titled_name = matches!(
                clause.word(a.last + 1),
                "leader"
                    | "chief"
                    | "commander"
                    | "minister"
                    | "president"
                    | "official"
                    | "general"
                    | "lieutenant"
                    | "colonel"
            ) && clause.tokens.get(a.last + 2).is_some_and(|t| {
                t.kind == TokenKind::Word && t.capitalised && clause.actor_at[a.last + 2].is_none()
            });
            entry.contains("people.txt") || entry.starts_with("titled person") || titled_name
        })
}

/// "On a visit to Panama City, Rubio warned ...", "During a trip to Kyiv, Blinken said ...":
/// an opening phrase naming a visit is the clause subject's visit, hosted by the place.
fn code_opening_visit(
    input: &CodingInput<'_>,
    sentence: &Sentence,
    clause: &Clause<'_>,
    events: &mut Vec<Event>,
) {
    if !matches!(clause.word(0), "on" | "during") {
        return;
    }
    let Some(comma) = (1..clause.tokens.len().min(12)).find(|&k| clause.word(k) == ",") else {
        return;
    };
    let Some(visit) = (1..comma).find(|&k| matches!(clause.word(k), "visit" | "trip" | "tour"))
    else {
        return;
    };
    if clause.word(visit + 1) != "to" {
        return;
    }
    let Some(host) = (visit + 2..comma).find_map(|k| clause.actor_at[k]) else {
        return;
    };
    // The subject: the first actor after the comma, followed by its verb.
    let Some(visitor) = clause.actors.iter().find(|a| {
        a.first > comma
            && clause
                .tokens
                .get(a.last + 1)
                .is_some_and(|t| looks_like_finite_verb(&t.lower) || t.lower.ends_with('s'))
    }) else {
        return;
    };
    let host = actor_ref(&clause.actors[host]);
    let visitor = actor_ref(visitor);
    let (Some(visit_code), Some(host_code)) = (CameoCode::parse("042"), CameoCode::parse("043"))
    else {
        return;
    };
    if same_actor(&host, &visitor) || !is_party_pair(&visitor, &host, visit_code) {
        return;
    }
    let trigger = Span::new(
        clause.tokens[visit].span.start,
        clause.tokens[visit].span.end,
    );
    for (from, to, code) in [(&visitor, &host, visit_code), (&host, &visitor, host_code)] {
        events.push(new_event(
            input,
            sentence,
            (from.clone(), to.clone()),
            (code, Modality::Asserted),
            trigger,
            0.7,
        ));
    }
}

/// An event of `sentence`, with the sentence as its evidence.
fn new_event(
    input: &CodingInput<'_>,
    sentence: &Sentence,
    (source, target): (EventActor, EventActor),
    (code, modality): (CameoCode, Modality),
    trigger: Span,
    confidence: f32,
) -> Event {
    Event {
        article: input.article.clone(),
        sentence: sentence.index,
        source,
        target,
        code,
        date: input.date,
        modality,
        evidence: sentence.span,
        trigger,
        confidence,
    }
}

/// Events from a speaker (and those coordinated before it) to an addressee: "Obama wants
/// Putin to ...", "Germany said Russia should ...". The trigger runs from the speaker's verb
/// to the act's.
fn addressed_events(
    input: &CodingInput<'_>,
    sentence: &Sentence,
    clause: &Clause<'_>,
    (speaker, addressee): (&Actor<'_>, &Actor<'_>),
    (code, modality): (CameoCode, Modality),
    (from, to): (usize, usize),
    confidence: f32,
) -> Vec<Event> {
    let target = actor_ref(addressee);
    chain_left(clause, Some(speaker))
        .into_iter()
        .filter(|source| !same_actor(source, &target))
        .map(|source| {
            new_event(
                input,
                sentence,
                (source, target.clone()),
                (code, modality),
                Span::new(clause.tokens[from].span.start, clause.tokens[to].span.end),
                confidence,
            )
        })
        .collect()
}

/// "Heavy fighting between Sudan's army and the RSF raged in Khartoum", "clashes between
/// Indian and Chinese troops": fighting named as a noun is fighting between the two sides, in
/// both directions, unless the sentence only fears or denies it.
fn code_fighting_between(
    input: &CodingInput<'_>,
    sentence: &Sentence,
    clause: &Clause<'_>,
    events: &mut Vec<Event>,
) {
    for (k, t) in clause.tokens.iter().enumerate() {
        if !FIGHTING_NOUNS.contains(&t.lower.as_str()) || clause.word(k + 1) != "between" {
            continue;
        }
        let mut at = k + 2;
        while DETERMINERS.contains(&clause.word(at)) {
            at += 1;
        }
        let Some(first) = clause.actor_at.get(at).copied().flatten() else {
            continue;
        };
        let sides = chain(clause, Some(&clause.actors[first]));
        let [a, b] = sides.as_slice() else {
            continue;
        };
        if same_actor(a, b) {
            continue;
        }
        // "fear clashes between", "to avert fighting between", "warned of clashes".
        let unreal = (0..k).any(|p| {
            let w = clause.word(p);
            NEGATIONS.contains(&w)
                || HYPOTHETICAL_CUES.contains(&w)
                || ["fear", "prevent", "avoid", "avert"]
                    .iter()
                    .any(|stem| w.starts_with(stem))
                || (w.starts_with("warn") && clause.word(p + 1) == "of")
        });
        let Some(code) = CameoCode::parse("190") else {
            return;
        };
        if unreal {
            continue;
        }
        let modality = if (0..clause.tokens.len()).any(|p| REPORTED_CUES.contains(&clause.word(p)))
            || trailing_attribution(clause, k)
        {
            Modality::Reported
        } else {
            Modality::Asserted
        };
        for (source, target) in [(a, b), (b, a)] {
            events.push(new_event(
                input,
                sentence,
                (source.clone(), target.clone()),
                (code, modality),
                Span::new(t.span.start, clause.tokens[k + 1].span.end),
                0.7,
            ));
        }
    }
}

/// An actor and those coordinated after it: "Israel and Egypt", "Iran, Iraq and Syria".
fn chain(clause: &Clause<'_>, first: Option<&Actor<'_>>) -> Vec<EventActor> {
    let Some(first) = first else {
        return Vec::new();
    };
    let mut out = vec![actor_ref(first)];
    let mut last = first.last;
    loop {
        let mut k = last + 1;
        let mut joined = false;
        while k < clause.tokens.len()
            && matches!(clause.word(k), "and" | "," | "or" | "as" | "well")
        {
            joined = true;
            k += 1;
        }
        if k < clause.tokens.len() && DETERMINERS.contains(&clause.word(k)) {
            k += 1;
        }
        match clause.actor_at.get(k).copied().flatten() {
            // "to Ukraine, Chancellor Olaf Scholz said": the speaker, not a third party.
            Some(a)
                if joined && !SPEECH_VERBS.contains(&clause.word(clause.actors[a].last + 1)) =>
            {
                out.push(actor_ref(&clause.actors[a]));
                last = clause.actors[a].last;
            }
            _ => break,
        }
    }
    out
}

/// The subject and the actors coordinated before it: for "Egypt and Qatar urged", the walk
/// left finds Qatar; Egypt joins it.
fn chain_left(clause: &Clause<'_>, last: Option<&Actor<'_>>) -> Vec<EventActor> {
    let Some(last) = last else { return Vec::new() };
    let mut out = vec![actor_ref(last)];
    let mut first = last.first;
    loop {
        // "Israel and Lebanon's Hezbollah": a possessor belongs to the actor it qualifies.
        if first >= 2 && matches!(clause.word(first - 1), "'s" | "’s") {
            if let Some(a) = clause.actor_at[first - 2] {
                first = clause.actors[a].first;
            }
        }
        let mut k = first;
        // "and nine Latin American countries": a count belongs to its actor.
        if k > 0
            && (NUMBER_WORDS.contains(&clause.word(k - 1))
                || clause.tokens[k - 1].kind == TokenKind::Number)
        {
            k -= 1;
        }
        let mut joined = false;
        let mut conjunction = false;
        while k > 0 && matches!(clause.word(k - 1), "and" | "," | "or" | "the") {
            joined |= clause.word(k - 1) != "the";
            conjunction |= matches!(clause.word(k - 1), "and" | "or");
            k -= 1;
        }
        if k == 0 || !joined {
            break;
        }
        match clause.actor_at[k - 1] {
            // "According to Ukrainian officials, Russian missiles hit": the source of the
            // report is not a doer; nor is a place ("Speaking at the UN, Turkey's minister").
            Some(a) if attributed(clause, clause.actors[a].first) => break,
            Some(a) if !conjunction && governed_by_preposition(clause, clause.actors[a].first) => {
                break
            }
            // "in eastern Congo, and Brussels responded": ", and" after a preposition's
            // object joins clauses, not actors.
            Some(a)
                if clause.word(k) == ","
                    && governed_by_preposition(clause, clause.actors[a].first) =>
            {
                break
            }
            Some(a) => {
                out.insert(0, actor_ref(&clause.actors[a]));
                first = clause.actors[a].first;
            }
            None => break,
        }
    }
    out
}

/// Where the noun phrase of the actor starting at `first` begins: before its determiner.
fn phrase_start(clause: &Clause<'_>, first: usize) -> usize {
    if first > 0 && DETERMINERS.contains(&clause.word(first - 1)) {
        first - 1
    } else {
        first
    }
}

/// Is the actor starting at `first` the object of a preposition ("at the UN")?
fn governed_by_preposition(clause: &Clause<'_>, first: usize) -> bool {
    let mut k = phrase_start(clause, first);
    // "in eastern Congo", "in the south of Lebanon".
    while k > 0 && PLACE_MODIFIERS.contains(&clause.word(k - 1)) {
        k -= 1;
    }
    k > 0 && PREPOSITIONS.contains(&clause.word(k - 1))
}

/// Is the actor starting at `first` the object of "according to"?
fn attributed(clause: &Clause<'_>, first: usize) -> bool {
    let k = phrase_start(clause, first);
    k >= 2 && clause.word(k - 1) == "to" && clause.word(k - 2) == "according"
}

fn actor_ref(a: &Actor<'_>) -> EventActor {
    EventActor {
        code: a.mention.code.clone(),
        span: Some(a.mention.span),
    }
}

/// Can `source` do `code` to `target`? Meeting or visiting one's own country ("talks at an
/// estate south of San Francisco") is no event between parties; promising reforms to one's
/// own people is.
fn is_party_pair(source: &EventActor, target: &EventActor, code: CameoCode) -> bool {
    // Either side may be the bare place: "Brazil is hosting the summit in Belem" has Brazil
    // host Brazil.
    let place_of = |place: &EventActor, actor: &EventActor| {
        place.code.len() == 3 && actor.code.len() > 3 && actor.code.starts_with(place.code.as_str())
    };
    let own_territory = place_of(target, source) || place_of(source, target);
    // Meeting, praising or helping one's own territory is no act between parties either
    // (concessions to one's own people are: "Ethiopia restored internet access to Ethiopians").
    !(matches!(code.root(), "04" | "05" | "06" | "07") && own_territory)
}

fn same_actor(a: &EventActor, b: &EventActor) -> bool {
    a.code == b.code
}

/// Matches the pattern's elements after the verb at `verb`.
fn match_elements(clause: &Clause<'_>, verb: usize, elements: &[Element]) -> Option<VerbMatch> {
    let mut pos = verb + 1;
    let mut gap = 0;
    let mut target_prep = None;
    let mut source_prep = None;
    let mut object = None;
    // "Sanctions were imposed on Russia": a passive's thing subject is the pattern's object.
    let mut fronted: Option<std::ops::Range<usize>> = None;
    let mut fronted_tried = false;
    for e in elements {
        match e {
            Element::Gap => gap = 4,
            Element::Word(w) | Element::TargetPrep(w) | Element::SourcePrep(w) => {
                // "received weapons and ammunition from": the giver may come a few words on.
                if matches!(e, Element::SourcePrep(_)) {
                    gap = gap.max(4);
                }
                let mut found = None;
                for k in pos..=gap_end(clause, pos, gap) {
                    if k >= clause.tokens.len() {
                        break;
                    }
                    let t = &clause.tokens[k];
                    if is_clause_break(t) {
                        break;
                    }
                    if word_matches(clause, k, w) {
                        found = Some(k);
                        break;
                    }
                }
                if found.is_none() && matches!(e, Element::Word(_)) {
                    if !fronted_tried && is_passive(clause, verb) {
                        fronted = passive_thing_subject(clause, verb).map(|t| t.noun_phrase);
                    }
                    fronted_tried = true;
                    if let Some(np) = &mut fronted {
                        if let Some(k) = np.clone().find(|&k| word_matches(clause, k, w)) {
                            // Later pattern words continue inside the noun phrase
                            // ("air strikes were carried out"), prepositions after the verb.
                            object = Some(k);
                            np.start = k + 1;
                            continue;
                        }
                    }
                }
                // A missing target preposition does not void the pattern: "lift the
                // measures" still eases sanctions; the target then comes from context.
                let k = match (found, e) {
                    (Some(k), _) => k,
                    (None, Element::TargetPrep(_)) => continue,
                    (None, _) => return None,
                };
                match e {
                    Element::TargetPrep(_) => target_prep = Some(k),
                    Element::SourcePrep(_) => source_prep = Some(k),
                    _ => object = Some(k),
                }
                pos = k + 1;
                gap = 0;
            }
        }
    }
    Some(VerbMatch {
        pattern: 0,
        verb,
        end: pos,
        target_prep,
        object,
        source_prep,
    })
}

/// The last token a gap of `gap` words starting at `pos` reaches: a hyphenated compound
/// ("seven-day", "long-range") and a number with thousands ("175,000") are one word each.
fn gap_end(clause: &Clause<'_>, pos: usize, gap: usize) -> usize {
    let last = clause.tokens.len().saturating_sub(1);
    let mut end = pos + gap;
    let mut k = pos;
    while k < end.min(last) {
        let next = clause.word(k + 1);
        // "175,000 troops" is one word, too.
        let thousands = next == ","
            && clause.word(k).bytes().all(|b| b.is_ascii_digit())
            && clause.word(k + 2).bytes().all(|b| b.is_ascii_digit())
            && !clause.word(k + 2).is_empty();
        if matches!(next, "-" | "–") || thousands {
            end += 2;
        } else if clause.actor_at[k + 1].is_some() && clause.actor_at[k + 1] == clause.actor_at[k] {
            // "placed First Vice President Riek Machar under house arrest": a named actor
            // counts as one word.
            end += 1;
        } else if matches!(next, "and" | "or")
            && clause.tokens.get(k + 2).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && !t.capitalised
                    && clause.actor_at[k + 2].is_none()
                    && !DETERMINERS.contains(&t.lower.as_str())
                    && !looks_like_finite_verb(&t.lower)
            })
            && clause.tokens[k].kind == TokenKind::Word
            && !DETERMINERS.contains(&clause.word(k))
        {
            // "a full and immediate ceasefire": coordinated modifiers count as one.
            end += 1;
        } else if matches!(next, "$" | "€" | "£")
            || (clause
                .tokens
                .get(k + 1)
                .is_some_and(|t| t.kind == TokenKind::Number)
                && matches!(clause.word(k + 2), "million" | "billion" | "trillion"))
        {
            // "a $50 billion loan": a currency sign and a scale word belong to the number.
            end += 1;
        } else if matches!(next, "\"" | "“" | "”" | "'" | "‘" | "’") {
            // "a \"comprehensive strategic partnership\" treaty": quotes are no words.
            end += 1;
        }
        k += 1;
    }
    end.min(last)
}

/// A pattern word matches the token itself, its plural, or a definite anaphor of the same
/// class ("lift the measures" after "sanctions on Damascus").
fn word_matches(clause: &Clause<'_>, k: usize, w: &str) -> bool {
    let t = clause.word(k);
    if t == w || is_plural_of(t, w) {
        return true;
    }
    // The anaphor must point back to the pattern's own noun: "the measures" after
    // "sanctions on Damascus" are sanctions, not restrictions.
    let definite = k > 0 && DEFINITES.contains(&clause.word(k - 1));
    definite
        && clause
            .antecedents
            .iter()
            .any(|a| a == w || is_plural_of(a, w))
        && NOUN_CLASSES
            .iter()
            .any(|class| class.contains(&w) && class.contains(&t))
}

/// Is `t` a plural of the noun `w` ("sanctions", "ceasefires", "parties", "talks")?
fn is_plural_of(t: &str, w: &str) -> bool {
    if let Some(stem) = t.strip_suffix("ies") {
        if w.strip_suffix('y') == Some(stem) {
            return true;
        }
    }
    if let Some(stem) = t.strip_suffix("es") {
        if stem == w {
            return true;
        }
    }
    t.strip_suffix('s') == Some(w)
}

fn is_clause_break(t: &Token) -> bool {
    matches!(t.lower.as_str(), "." | ";" | ":" | "?" | "!")
}

/// Is the verb-form token used as a verb here, rather than as a noun or adjective?
fn used_as_verb(clause: &Clause<'_>, i: usize) -> bool {
    if i == 0 {
        // Headlines and sentences rarely open with a bare verb; imperatives are not events.
        return false;
    }
    let prev = clause.word(i - 1);
    // "Canada and India each expelled": a floating "each" after the subject.
    let floating_each = prev == "each" && i >= 2 && clause.actor_at[i - 2].is_some();
    if (DETERMINERS.contains(&prev) && !floating_each) || prev == "'s" {
        return false;
    }
    // "Free Tibet banners", "the Free Syrian Army": a capitalised word inside a sentence that
    // is not in title case is a name.
    if clause.tokens[i].capitalised && !is_headline(clause) {
        return false;
    }
    // "five detained Americans": a participle after a count qualifies the noun.
    let count = prev.starts_with(|c: char| c.is_ascii_digit()) || NUMBER_WORDS.contains(&prev);
    // "Thousands rallied in Belgrade": a noun must follow for the participle to qualify it.
    let noun_follows = clause.tokens.get(i + 1).is_some_and(|t| {
        t.kind == TokenKind::Word
            && !PREPOSITIONS.contains(&t.lower.as_str())
            && !DETERMINERS.contains(&t.lower.as_str())
    });
    if count && noun_follows && is_participle(clause, i) && clause.actor_at[i - 1].is_none() {
        return false;
    }
    // "an arson attack on a factory": a present form after an article and a modifier noun,
    // before a preposition, is a noun.
    let word = clause.word(i);
    let present_form = !is_participle(clause, i) && !word.ends_with("ing");
    let next = clause.word(i + 1);
    if present_form
        && i >= 2
        && DETERMINERS.contains(&clause.word(i - 2))
        && clause.actor_at[i - 1].is_none()
        && clause.tokens[i - 1].kind == TokenKind::Word
        && !clause.tokens[i - 1].capitalised
        && matches!(next, "on" | "against" | "in" | "of" | "at")
    {
        return false;
    }
    // "repelled a Russian assault": a demonym between an indefinite article and the word
    // makes the word a noun.
    // So does "the Palestinian side", with a demonym that cannot be a plural subject.
    if let Some(a) = clause.actor_at[i - 1] {
        let actor = &clause.actors[a];
        let demonym = ["ian", "ean", "ese", "ish", "ch", "li", "qi", "ni"]
            .iter()
            .any(|end| prev.ends_with(end));
        if actor.first == i - 1
            && i >= 2
            && actor.mention.code.len() == 3
            && (matches!(clause.word(i - 2), "a" | "an")
                || (clause.word(i - 2) == "the" && demonym))
        {
            return false;
        }
    }
    // "committing to end fighting": an -ing form after an infinitive is its object.
    if word.ends_with("ing")
        && i >= 2
        && clause.word(i - 2) == "to"
        && clause.tokens[i - 1].kind == TokenKind::Word
        && clause.actor_at[i - 1].is_none()
        && !prev.ends_with("ly")
    {
        return false;
    }
    // "returned looted artefacts": a participle between a past verb and a noun qualifies
    // the noun.
    if prev.len() > 4
        && prev.ends_with("ed")
        && clause.actor_at[i - 1].is_none()
        && is_participle(clause, i)
        && clause.tokens.get(i + 1).is_some_and(|t| {
            t.kind == TokenKind::Word
                && !t.capitalised
                && clause.actor_at[i + 1].is_none()
                && !PREPOSITIONS.contains(&t.lower.as_str())
                && !DETERMINERS.contains(&t.lower.as_str())
                && !t.lower.ends_with("ly")
        })
    {
        return false;
    }
    // "coast guard personnel armed with knives": equipped, not supplied.
    if word == "armed" && next == "with" {
        return false;
    }
    // "aid back into Gaza", "close to the border", "both sides": an adverb, an adjective
    // and a plural noun, not "back", "close" and "side".
    if (matches!(word, "back" | "close") && PREPOSITIONS.contains(&next))
        || (prev == "both" && word.ends_with('s'))
    {
        return false;
    }
    // "US-backed": a compound adjective; but "re-examine", "re-impose" are verbs.
    if (prev == "-" || prev == "–") && !(i >= 2 && clause.word(i - 2) == "re") {
        return false;
    }
    // "enjoyed support from Moscow", "rejected calls for talks", "investigating torture":
    // right after a verb in the past or in -ing, a present form is that verb's object noun.
    if prev.len() > 4
        && (prev.ends_with("ed") || prev.ends_with("ing"))
        && clause.actor_at[i - 1].is_none()
        && !is_participle(clause, i)
        && !clause.word(i).ends_with("ing")
    {
        return false;
    }
    // "a mortar bomb was fired", "Israeli strikes have killed": a word with an auxiliary
    // right after it is the head of that verb's subject.
    let next = clause.word(i + 1);
    if BE_FORMS.contains(&next) || MODALS.contains(&next) || HAVE_FORMS.contains(&next) {
        return false;
    }
    // "Iran responded by firing missiles at Israel": a gerund after "by" or "after" is a verb
    // with its own object.
    let gerund = word.ends_with("ing")
        && GERUND_PREPOSITIONS.contains(&prev)
        && clause.tokens.get(i + 1).is_some_and(|t| {
            !PREPOSITIONS.contains(&t.lower.as_str()) && t.kind != TokenKind::Punct
        });
    if PREPOSITIONS.contains(&prev) && prev != "to" && !gerund {
        // "with plans to", "of talks": a noun after a preposition.
        return false;
    }
    // An adjective before a noun-like use: "the long-awaited talks".
    if i >= 2 && DETERMINERS.contains(&clause.word(i - 2)) && !ADVERBS_BEFORE_VERB.contains(&prev) {
        let prev_tok = &clause.tokens[i - 1];
        // "-ment" nouns ("a statement blaming Israel", "the government accusing") end like
        // "-ent" adjectives but are nouns.
        let adjective_like = (ADJECTIVE_ENDINGS.iter().any(|e| prev.ends_with(e))
            && !prev.ends_with("ment"))
            || COMMON_ADJECTIVES.contains(&prev);
        if prev_tok.kind == TokenKind::Word
            && !prev_tok.capitalised
            && clause.actor_at[i - 1].is_none()
            && adjective_like
            && !BE_FORMS.contains(&prev)
            && !HAVE_FORMS.contains(&prev)
        {
            return false;
        }
    }
    true
}

/// "Israeli air strikes on southern Lebanon killed five people", "Russian attacks on Kharkiv
/// continued": a plural attack noun led by its doer and followed by its target, opening a
/// clause, reports the attacks as having happened. Inside a clause ("condemned Israeli strikes
/// on Gaza") the noun is the object of another act and stays a noun.
fn is_nominal_attack(clause: &Clause<'_>, noun: usize, code: CameoCode) -> bool {
    if !matches!(code.root(), "18" | "19" | "20")
        || !matches!(clause.word(noun + 1), "on" | "against")
    {
        return false;
    }
    // "on southern Lebanon", "on the Ukrainian capital": the target may follow its modifiers.
    let target = (noun + 2..clause.tokens.len()).take(3).find(|&k| {
        !(DETERMINERS.contains(&clause.word(k)) || PLACE_MODIFIERS.contains(&clause.word(k)))
    });
    if target.is_none_or(|k| clause.actor_at[k].is_none()) {
        return false;
    }
    // Up to two modifier nouns between the doer and the attack: "air", "missile", "drone".
    let mut k = noun;
    for _ in 0..3 {
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        if let Some(a) = clause.actor_at[prev] {
            let first = clause.actors[a].first;
            let before = match first.checked_sub(1) {
                Some(b) if matches!(clause.word(b), "the" | "new" | "fresh" | "renewed") => {
                    b.checked_sub(1)
                }
                other => other,
            };
            return before.is_none_or(|b| {
                clause.tokens[b].kind == TokenKind::Punct && clause.word(b) != "'"
            });
        }
        let t = &clause.tokens[prev];
        if t.kind == TokenKind::Possessive {
            k = prev;
            continue;
        }
        if t.kind != TokenKind::Word || t.capitalised || DETERMINERS.contains(&t.lower.as_str()) {
            return false;
        }
        k = prev;
    }
    false
}

/// A headline ("Israel Strikes Gaza"): most words capitalised.
fn is_headline(clause: &Clause<'_>) -> bool {
    let words = clause
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.lower.len() > 3);
    let (mut capitalised, mut all) = (0, 0);
    for t in words {
        all += 1;
        capitalised += usize::from(t.capitalised);
    }
    all > 0 && capitalised * 10 >= all * 7
}

fn is_participle(clause: &Clause<'_>, i: usize) -> bool {
    let w = clause.word(i);
    w.ends_with("ed") || w.ends_with("en") || IRREGULAR_PARTICIPLES.contains(&w)
}

/// "was rejected", "has been criticised", "were reportedly attacked".
fn is_passive(clause: &Clause<'_>, verb: usize) -> bool {
    if !is_participle(clause, verb) {
        return false;
    }
    if is_counted_victims(clause, verb) {
        return true;
    }
    let mut k = verb;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        k -= 1;
        steps += 1;
        let w = clause.word(k);
        if BE_FORMS.contains(&w) || w == "get" || w == "got" {
            return true;
        }
        if !(ADVERBS_BEFORE_VERB.contains(&w) || w.ends_with("ly") || w == "not") {
            return false;
        }
    }
    false
}

/// "There were 10 Russian soldiers killed in Ukraine", "Three Israeli soldiers wounded in
/// Gaza": a participle right after counted actors, with no object of its own, says what was
/// done to them.
fn is_counted_victims(clause: &Clause<'_>, verb: usize) -> bool {
    let Some(a) = verb.checked_sub(1).and_then(|k| clause.actor_at[k]) else {
        return false;
    };
    let first = clause.actors[a].first;
    let counted = first.checked_sub(1).is_some_and(|k| {
        let w = clause.word(k);
        (w.starts_with(|c: char| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_digit() || c == ','))
            || QUANTIFIERS.contains(&w)
    });
    let next = clause.word(verb + 1);
    let no_object = verb + 1 >= clause.tokens.len()
        || matches!(
            next,
            "in" | "near"
                | "at"
                | "on"
                | "during"
                | "when"
                | "while"
                | "after"
                | "by"
                | "overnight"
                | "yesterday"
                | "today"
                | ","
                | "."
        );
    counted && no_object
}

/// The passive agent: the actor after "by" following the verb.
fn find_by_agent<'c, 'a>(clause: &'c Clause<'a>, from: usize) -> Option<&'c Actor<'a>> {
    let limit = (from + 6).min(clause.tokens.len());
    for k in from..limit {
        let w = clause.word(k);
        if is_clause_break(&clause.tokens[k]) || w == "," {
            return None;
        }
        if w == "by" {
            return by_phrase_actor(clause, k).or_else(|| instrument_agent(clause, k + 1));
        }
    }
    None
}

/// The actor of a by-phrase at `by` ("by the United States": determiners are not part of
/// the mention), unless it only names a doerless event ("by the Malaysia Airlines crash").
fn by_phrase_actor<'c, 'a>(clause: &'c Clause<'a>, by: usize) -> Option<&'c Actor<'a>> {
    let mut at = by + 1;
    // Determiners, counts and modifiers before the actor: "by two heavily armed gunmen",
    // "by pro-Russia rebels".
    while at < clause.tokens.len() && clause.actor_at[at].is_none() {
        let w = clause.word(at);
        let modifier = DETERMINERS.contains(&w)
            || w.starts_with(|c: char| c.is_ascii_digit())
            || QUANTIFIERS.contains(&w)
            || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ly")))
            // "by Kurdish militants": an unlisted proper adjective before the actor.
            || (clause.tokens[at].capitalised
                && clause.actor_at.get(at + 1).copied().flatten().is_some())
            || (matches!(w, "pro" | "anti") && clause.word(at + 1) == "-");
        if modifier {
            at += if matches!(w, "pro" | "anti") { 3 } else { 1 };
        } else {
            break;
        }
    }
    clause
        .actor_at
        .get(at)
        .copied()
        .flatten()
        .map(|a| &clause.actors[a])
        .filter(|a| !modifies_non_agent(clause, a))
}

/// "by a surface-to-air missile believed to be fired by pro-Russia rebels": a by-phrase
/// naming a weapon passes to whoever used it.
fn instrument_agent<'c, 'a>(clause: &'c Clause<'a>, from: usize) -> Option<&'c Actor<'a>> {
    let limit = (from + 16).min(clause.tokens.len());
    for k in from..limit {
        let w = clause.word(k);
        if is_clause_break(&clause.tokens[k]) || w == "," || clause.actor_at[k].is_some() {
            return None;
        }
        if w == "by" && k > from && is_participle(clause, k - 1) {
            return by_phrase_actor(clause, k);
        }
    }
    None
}

/// The first actor after `from` in the clause that is not one of `skip` (the passive's agent
/// or origin).
fn passive_object<'c, 'a>(
    clause: &'c Clause<'a>,
    from: usize,
    skip: &[&Actor<'a>],
    allow_places: bool,
) -> Option<&'c Actor<'a>> {
    let mut at = from;
    loop {
        let a = find_object(clause, at, allow_places)?;
        // "blown up over eastern Ukraine": where, not to whom, unless places may be victims.
        let over = a.first > 0
            && matches!(
                clause.word(a.first - 1),
                "over" | "above" | "across" | "off" | "along"
            )
            || a.first > 1
                && PLACE_MODIFIERS.contains(&clause.word(a.first - 1))
                && matches!(clause.word(a.first - 2), "over" | "above" | "off");
        if !skip.iter().any(|s| s.first == a.first) && (allow_places || !over) {
            return Some(a);
        }
        at = a.last + 1;
    }
}

/// The verb of saying before `verb` and its subject: "Ukraine said Russian missiles hit Kyiv".
fn reporting_speaker<'c, 'a>(
    clause: &'c Clause<'a>,
    verb: usize,
) -> Option<(usize, &'c Actor<'a>)> {
    let saying = |k: &usize| {
        let w = clause.word(*k);
        SPEECH_VERBS.contains(&w) || matches!(w, "claimed" | "claims" | "alleged" | "alleges")
    };
    // Only a speaker who says so first: a trailing ", police said" names the source of a
    // report, not an accuser.
    let said = (0..verb).rev().find(saying)?;
    find_subject(clause, said).map(|(a, _)| (said, a))
}

/// "Israel said a mortar bomb was fired at it": a pronoun aimed at after a passive attack
/// verb stands for the one who said so.
fn speaker_targeted<'c, 'a>(clause: &'c Clause<'a>, verb: usize) -> Option<&'c Actor<'a>> {
    let end = (verb + 4).min(clause.tokens.len());
    let aimed_at_pronoun = (verb + 1..end).any(|k| {
        matches!(
            clause.word(k),
            "at" | "on" | "against" | "toward" | "towards"
        ) && matches!(clause.word(k + 1), "it" | "them" | "us")
    });
    if !aimed_at_pronoun {
        return None;
    }
    let said = (0..verb)
        .rev()
        .find(|&k| SPEECH_VERBS.contains(&clause.word(k)))?;
    find_subject(clause, said).map(|(a, _)| a)
}

/// "fired from Lebanon", "launched from Gaza": the actor or place after "from" following a
/// passive attack verb, in the same clause.
fn attack_origin<'c, 'a>(clause: &'c Clause<'a>, from: usize) -> Option<&'c Actor<'a>> {
    let limit = (from + 10).min(clause.tokens.len());
    for k in from..limit {
        let w = clause.word(k);
        if is_clause_break(&clause.tokens[k]) || w == "," {
            return None;
        }
        if w == "from" {
            let mut at = k + 1;
            while PLACE_MODIFIERS.contains(&clause.word(at)) {
                at += 1;
            }
            return clause
                .actor_at
                .get(at)
                .copied()
                .flatten()
                .map(|a| &clause.actors[a]);
        }
    }
    None
}

/// "a rocket was fired", "sanctions were imposed": the word right before a passive's
/// auxiliaries is a common noun, so the subject is a thing and no actor further left is
/// the one acted on ("Israel said a rocket was fired ..." is not about Israel being fired).
fn passive_thing_subject(clause: &Clause<'_>, verb: usize) -> Option<ThingSubject> {
    let mut k = verb;
    let mut auxiliaries = 0;
    while k > 0 {
        let w = clause.word(k - 1);
        let auxiliary = BE_FORMS.contains(&w) || HAVE_FORMS.contains(&w) || MODALS.contains(&w);
        if auxiliary {
            auxiliaries += 1;
        }
        if auxiliary || w == "not" || ADVERBS_BEFORE_VERB.contains(&w) || w.ends_with("ly") {
            k -= 1;
        } else {
            break;
        }
    }
    if auxiliaries == 0 || k == 0 {
        return None;
    }
    // "Sanctions on Russia were lifted": the head noun before a prepositional actor.
    let mut head = k - 1;
    let mut concerning = None;
    if let Some(a) = clause.actor_at[head] {
        let actor = &clause.actors[a];
        let prep = actor.first.checked_sub(1).map_or("", |p| clause.word(p));
        // "A building in Dnipro was hit": the place says whose the thing is.
        if actor.first >= 2
            && matches!(
                prep,
                "on" | "against" | "to" | "with" | "for" | "in" | "of" | "near" | "at"
            )
        {
            head = actor.first - 2;
            concerning = Some(a);
        }
    }
    let before = &clause.tokens[head];
    let thing = before.kind == TokenKind::Word
        && clause.actor_at[head].is_none()
        && !SUBJECT_PRONOUNS.contains(&before.lower.as_str())
        && !before.lower.starts_with(|c: char| c.is_ascii_digit());
    if !thing {
        return None;
    }
    // The noun phrase: back to its determiner, a preposition, a comma or a verb.
    let end = head + 1;
    let mut start = head;
    while start > 0 {
        let w = clause.word(start - 1);
        if DETERMINERS.contains(&w) {
            start -= 1;
            break;
        }
        let boundary = clause.tokens[start - 1].kind == TokenKind::Punct && w != "-"
            || PREPOSITIONS.contains(&w)
            || SUBJECT_PRONOUNS.contains(&w)
            || SPEECH_VERBS.contains(&w)
            || looks_like_finite_verb(w);
        if boundary {
            break;
        }
        start -= 1;
    }
    Some(ThingSubject {
        noun_phrase: start..end,
        concerning,
    })
}

/// A passive's subject that is a thing: its noun phrase (up to its head noun) and the actor
/// of a prepositional phrase after it ("sanctions on Russia").
struct ThingSubject {
    noun_phrase: std::ops::Range<usize>,
    concerning: Option<usize>,
}

/// "the Malaysia Airlines flight MH17 crash", "the Turkey earthquake": an actor naming only
/// whom or where a doerless event concerned.
fn modifies_non_agent(clause: &Clause<'_>, actor: &Actor<'_>) -> bool {
    let end = (actor.last + 4).min(clause.tokens.len());
    for k in actor.last + 1..end {
        let w = clause.word(k);
        if NON_AGENT_NOUNS.contains(&w) {
            return true;
        }
        let stop = clause.tokens[k].kind != TokenKind::Word
            || clause.actor_at[k].is_some()
            || DETERMINERS.contains(&w)
            || PREPOSITIONS.contains(&w)
            || BE_FORMS.contains(&w)
            || HAVE_FORMS.contains(&w)
            || looks_like_finite_verb(w);
        if stop {
            return false;
        }
    }
    false
}

/// "in Israeli tank shelling", "by Russian air strikes": an actor modifying an attack noun
/// right after a violent passive verb did the violence.
fn find_attack_agent<'c, 'a>(clause: &'c Clause<'a>, from: usize) -> Option<&'c Actor<'a>> {
    let mut k = from;
    if !matches!(clause.word(k), "in" | "by" | "during" | "after") {
        return None;
    }
    k += 1;
    while DETERMINERS.contains(&clause.word(k)) {
        k += 1;
    }
    let a = clause.actor_at.get(k).copied().flatten()?;
    let actor = &clause.actors[a];
    let noun_window = (actor.last + 1)..(actor.last + 4).min(clause.tokens.len());
    noun_window
        .into_iter()
        .any(|n| ATTACK_NOUNS.iter().any(|w| clause.word(n).starts_with(w)))
        .then_some(actor)
}

/// The subject of the verb at `verb`: walk left, skipping parentheticals (", focused on
/// reshaping US policy ,"), actors governed by prepositions, and objects of an earlier
/// coordinated verb. Returns the actor and a confidence.
fn find_subject<'c, 'a>(clause: &'c Clause<'a>, verb: usize) -> Option<(&'c Actor<'a>, f32)> {
    let mut k = verb;
    let mut confidence = 0.9f32;
    // ", accusing Paris of ...": a participle after a comma shares the main clause's subject,
    // so the objects of the main verb are passed over.
    // "responded by firing missiles", "after meeting him": so does a gerund after a
    // preposition of time or means.
    let mut skipping_objects = verb > 0
        && clause.word(verb).ends_with("ing")
        && (clause.word(verb - 1) == "," || GERUND_PREPOSITIONS.contains(&clause.word(verb - 1)));
    // "Baerbock, visiting Damascus, pledged aid": a participle set off right after the
    // clause's opening subject is that subject's.
    if skipping_objects && verb >= 2 && clause.word(verb - 1) == "," {
        if let Some(a) = clause.actor_at[verb - 2] {
            let actor = &clause.actors[a];
            let opens_clause = !(0..actor.first)
                .any(|k| looks_like_finite_verb(clause.word(k)) || clause.word(k) == ",");
            if opens_clause {
                return Some((actor, confidence));
            }
        }
    }
    while k > 0 {
        k -= 1;
        let w = clause.word(k);
        if let Some(a) = clause.actor_at[k] {
            let actor = &clause.actors[a];
            // "a case at the International Court of Justice accusing Israel": the preposition
            // may stand before the actor's article.
            let before = phrase_start(clause, actor.first)
                .checked_sub(1)
                .map(|p| clause.word(p))
                .unwrap_or("");
            // "Hundreds of UN troops withdrew", "Leaders of the Group of Seven pledged": a
            // quantity's or a group's "of" does not govern.
            let quantity = before == "of"
                && phrase_start(clause, actor.first)
                    .checked_sub(2)
                    .is_some_and(|p| {
                        let w = clause.word(p);
                        QUANTIFIERS.contains(&w) || MEMBERS_OF.contains(&w)
                    });
            // "to" before an actor is a preposition ("sent aid to Gaza"): never a subject.
            // "relations between Moscow and the EU": the last of governed conjuncts is governed.
            // In a passive they are what was acted on: "The talks between Armenia and
            // Azerbaijan were hosted by the United States". Only a conjunction before the
            // actor makes it a conjunct.
            let before = if matches!(before, "and" | "or" | ",") && !is_passive(clause, verb) {
                let first = first_conjunct(clause, actor);
                if first < actor.first {
                    phrase_start(clause, first)
                        .checked_sub(1)
                        .map_or("", |p| clause.word(p))
                } else {
                    before
                }
            } else {
                before
            };
            let governed = PREPOSITIONS.contains(&before)
                && !quantity
                && !CLAUSE_PREPOSITIONS.contains(&before);
            // "vetoed a Security Council resolution demanding a ceasefire": an actor that
            // qualifies the noun before an -ing form is not its subject.
            let between = clause.word(verb.saturating_sub(1));
            // "a U.N. Security Council draft resolution demanding": nouns may follow the actor.
            let nouns_between = actor.last + 2 < verb
                && verb - actor.last <= 4
                && (actor.last + 1..verb).all(|k| {
                    let t = &clause.tokens[k];
                    t.kind == TokenKind::Word
                        && !t.capitalised
                        && clause.actor_at[k].is_none()
                        && !looks_like_finite_verb(&t.lower)
                        && !BE_FORMS.contains(&t.lower.as_str())
                        && !HAVE_FORMS.contains(&t.lower.as_str())
                        && !MODALS.contains(&t.lower.as_str())
                        && !t.lower.ends_with("ly")
                });
            let qualifier = clause.word(verb).ends_with("ing")
                && (actor.last + 2 == verb || nouns_between)
                && clause.actor_at[verb - 1].is_none()
                && !BE_FORMS.contains(&between)
                && !HAVE_FORMS.contains(&between)
                && !MODALS.contains(&between)
                && !between.ends_with("ly")
                && !clause.tokens[verb - 1].capitalised
                && clause.tokens[verb - 1].kind == TokenKind::Word
                && actor.first > 0
                && (DETERMINERS.contains(&clause.word(actor.first - 1))
                    // "a joint EU statement criticising Israel"
                    || determined_noun(clause, verb - 1));
            if qualifier {
                return None;
            }
            // "Trump's approach": a possessor modifies the real subject, but is the closest
            // actor and usually the agent behind it.
            if !governed && !skipping_objects {
                // "The Malaysia Airlines crash killed 298 people": nobody did it.
                if modifies_non_agent(clause, actor) {
                    return None;
                }
                return Some((actor, confidence));
            }
            k = actor.first;
            continue;
        }
        match w {
            "," => {
                // A parenthetical between commas: ", focused on ..., " or ", especially X,".
                if let Some(open) = parenthetical_start(clause, k) {
                    k = open;
                    continue;
                }
                confidence *= 0.7;
            }
            "and" | "but" | "or" => {
                if clause
                    .tokens
                    .get(k + 1)
                    .is_some_and(|t| looks_like_finite_verb(&t.lower))
                {
                    skipping_objects = true;
                }
            }
            ";" | ":" | "“" | "\"" => return None,
            _ => {
                if CLAUSE_OPENERS.contains(&w) && !skipping_objects {
                    // "who"/"which" right after an actor: the actor is the subject.
                    if matches!(w, "who" | "which" | "that") && k > 0 {
                        let mut p = k - 1;
                        if clause.word(p) == "," && p > 0 {
                            p -= 1;
                        }
                        if let Some(a) = clause.actor_at[p] {
                            return Some((&clause.actors[a], confidence * 0.9));
                        }
                    }
                    return None;
                }
                if skipping_objects && looks_like_finite_verb(w) {
                    skipping_objects = false;
                }
            }
        }
    }
    None
}

/// For a comma at `close`, finds the opening comma of a parenthetical that begins with a
/// participle, a preposition, "especially"/"including", or "who/which" — text that can be
/// lifted out without breaking the clause.
fn parenthetical_start(clause: &Clause<'_>, close: usize) -> Option<usize> {
    let mut k = close;
    while k > 0 {
        k -= 1;
        let w = clause.word(k);
        if w == "," {
            let first = clause.word(k + 1);
            let opener = first.ends_with("ing")
                || first.ends_with("ed")
                || PREPOSITIONS.contains(&first)
                || APPOSITION_OPENERS.contains(&first)
                || clause.actor_at[k + 1].is_some() && close == k + 1 + actor_len(clause, k + 1);
            return opener.then_some(k);
        }
        if is_clause_break(&clause.tokens[k]) {
            return None;
        }
    }
    None
}

fn actor_len(clause: &Clause<'_>, k: usize) -> usize {
    clause.actor_at[k].map_or(0, |a| clause.actors[a].last + 1 - clause.actors[a].first)
}

/// The object: the first actor after `from` in the same clause, not a passive agent, and not
/// behind a clause break or a new verb phrase's subject position.
fn find_object<'c, 'a>(
    clause: &'c Clause<'a>,
    from: usize,
    allow_places: bool,
) -> Option<&'c Actor<'a>> {
    find_object_within(clause, from, allow_places, 12)
}

/// [`find_object`] within `window` tokens.
fn find_object_within<'c, 'a>(
    clause: &'c Clause<'a>,
    from: usize,
    allow_places: bool,
    window: usize,
) -> Option<&'c Actor<'a>> {
    let limit = (from + window).min(clause.tokens.len());
    let mut k = from;
    while k < limit {
        let t = &clause.tokens[k];
        // "freed 14 prisoners, including opposition figure Siarhei Tsikhanouski": the named
        // member stands for the group it belongs to.
        if t.lower == "," && k > from && clause.word(k + 1) == "including" {
            k += 2;
            continue;
        }
        if is_clause_break(t) || t.lower == "," || CLAUSE_OPENERS.contains(&t.lower.as_str()) {
            return None;
        }
        // "accusing it of taking sides in Congo": the pronoun is the object, and it stands for
        // someone already named.
        if k == from && matches!(t.lower.as_str(), "it" | "them" | "him" | "her") {
            return None;
        }
        // "executed a man accused of spying for Israel": what the object is accused of
        // names someone else.
        if k > from
            && matches!(
                t.lower.as_str(),
                "accused" | "suspected" | "charged" | "convicted" | "sentenced"
            )
            // "detained dozens of suspected Islamic State militants": before the actor it
            // qualifies, the participle is an adjective.
            && clause.actor_at.get(k + 1).is_none_or(Option::is_none)
        {
            return None;
        }
        if let Some(a) = clause.actor_at[k] {
            let actor = &clause.actors[a];
            let before = k.checked_sub(1).map_or("", |p| clause.word(p));
            let before2 = k.checked_sub(2).map_or("", |p| clause.word(p));
            // "a deal brokered by China", "mediated by the UAE": the by-phrase belongs to a
            // participle, not to us.
            let (by, participle) = if before == "by" {
                (true, before2)
            } else {
                let before3 = k.checked_sub(3).map_or("", |p| clause.word(p));
                (before2 == "by" && DETERMINERS.contains(&before), before3)
            };
            if by && (participle.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&participle)) {
                return None;
            }

            // "his Japanese counterpart": a possessive pronoun is not the object, and a
            // place after "in" or "near" is where it happened, not to whom.
            let possessive = matches!(clause.word(k), "his" | "her" | "its" | "their");
            // "at a US military base": an indefinite article opens a place as well.
            let placed = LOCATIVES.contains(&before)
                || (LOCATIVES.contains(&before2)
                    && (PLACE_MODIFIERS.contains(&before) || matches!(before, "a" | "an")));
            if possessive || (placed && !allow_places) {
                k = actor.last + 1;
                continue;
            }
            return Some(actor);
        }
        k += 1;
    }
    None
}

/// A definite object with no actor in the sentence takes its target from what it refers
/// back to: "rejected the request" → whoever made the request; "lift the measures" → the
/// country the sanctions were on.
fn resolve_object_antecedent(
    clause: &Clause<'_>,
    m: &VerbMatch,
    source: &EventActor,
    events: &[Event],
    sentence: usize,
    recent_objects: &[(usize, String, String)],
) -> Option<EventActor> {
    let head = m.object.or_else(|| {
        // The object head noun: the first noun-like word after the verb and determiners.
        let mut k = m.verb + 1;
        while k < clause.tokens.len()
            && (DETERMINERS.contains(&clause.word(k)) || clause.word(k).ends_with("ed"))
        {
            k += 1;
        }
        (k < clause.tokens.len() && k > m.verb + 1).then_some(k)
    })?;
    if head == 0
        || !DEFINITES.contains(&clause.word(head - 1))
            && !DEFINITES
                .iter()
                .any(|d| (m.verb + 1..head).any(|k| clause.word(k) == *d))
    {
        return None;
    }
    let noun = clause.word(head);
    if REQUEST_NOUNS.contains(&noun) {
        return events
            .iter()
            .rev()
            .take_while(|e| e.sentence + 3 >= sentence)
            .find(|e| matches!(e.code.root(), "02" | "10" | "03") && e.target.code == source.code)
            .map(|e| EventActor {
                code: e.source.code.clone(),
                span: None,
            });
    }
    let class = NOUN_CLASSES.iter().find(|c| c.contains(&noun))?;
    recent_objects
        .iter()
        .rev()
        .take_while(|(s, ..)| s + 3 >= sentence)
        .find(|(_, n, _)| class.contains(&n.as_str()))
        .map(|(_, _, code)| EventActor {
            code: code.clone(),
            span: None,
        })
}

/// Remembers "sanctions on Damascus"-style phrases: (sentence, noun, actor code).
fn remember_objects(sentence: usize, clause: &Clause<'_>, out: &mut Vec<(usize, String, String)>) {
    for (k, t) in clause.tokens.iter().enumerate() {
        if !NOUN_CLASSES.iter().any(|c| c.contains(&t.lower.as_str())) {
            continue;
        }
        let prep = clause.word(k + 1);
        if matches!(prep, "on" | "against" | "to" | "from" | "with") {
            if let Some(a) = clause.actor_at.get(k + 2).copied().flatten() {
                out.push((
                    sentence,
                    t.lower.clone(),
                    clause.actors[a].mention.code.clone(),
                ));
            }
        }
    }
}

/// The modality of the verb at `verb`, from cue words between the subject and the verb and
/// from sentence-level hearsay markers.
fn modality(clause: &Clause<'_>, verb: usize, subject_end: Option<usize>) -> Modality {
    let from = subject_end
        .map_or(verb.saturating_sub(6), |s| s + 1)
        .min(verb);
    // "Venezuela's government, which has denied the charges, expelled": a clause between
    // commas after the subject says nothing of the verb's modality.
    let from = (from..verb)
        .rev()
        .find(|&k| clause.word(k) == ",")
        .map_or(from, |comma| comma + 1);
    let window: Vec<&str> = (from..verb).map(|k| clause.word(k)).collect();
    let has = |cues: &[&str]| window.iter().any(|w| cues.contains(w));
    if has(NEGATIONS) || has(NEGATING_VERBS) {
        return Modality::Negated;
    }
    // "Without a credible framework, Arab states will refuse...": a sentence that opens on
    // a condition predicts; even a "will" after it is no plan.
    if matches!(clause.word(0), "without" | "if" | "unless") {
        return Modality::Hypothetical;
    }
    if has(INTENT_CUES) {
        return Modality::Intended;
    }
    let clause_start = (0..verb)
        .rev()
        .find(|&k| matches!(clause.word(k), "if" | "unless" | "whether" | ";"))
        .is_some();
    // "Pakistan said it would release the fishermen": reported speech moves "will" to
    // "would"; after a verb of saying it announces an intention.
    let reported_will = window.contains(&"would")
        && (0..from).any(|k| SPEECH_VERBS.contains(&clause.word(k)))
        || window
            .iter()
            .position(|w| *w == "would")
            .is_some_and(|at| window[..at].iter().any(|w| SPEECH_VERBS.contains(w)));
    if reported_will && !clause_start {
        return Modality::Intended;
    }
    if has(HYPOTHETICAL_CUES) || clause_start {
        return Modality::Hypothetical;
    }
    let before_verb: Vec<&str> = (0..verb).map(|k| clause.word(k)).collect();
    let reported = before_verb.iter().any(|w| REPORTED_CUES.contains(w))
        || trailing_attribution(clause, verb)
        || clause
            .tokens
            .windows(2)
            .any(|p| p[0].lower == "according" && p[1].lower == "to");
    if reported {
        return Modality::Reported;
    }
    Modality::Asserted
}

/// "on Thursday", "yesterday", "last week": a time phrase at `k`; returns the token after it.
fn skip_time_phrase(clause: &Clause<'_>, mut k: usize) -> usize {
    loop {
        let w = clause.word(k);
        let weekday = clause.word(k + 1).len() > 3
            && clause.word(k + 1).parse::<dyad_model::Weekday>().is_ok();
        let two_words = (w == "on" && weekday)
            || (w == "last" && matches!(clause.word(k + 1), "week" | "month" | "year" | "night"));
        if two_words {
            k += 2;
        } else if matches!(
            w,
            "yesterday" | "today" | "tonight" | "again" | "also" | "publicly" | "repeatedly"
        ) {
            k += 1;
        } else {
            return k;
        }
    }
}

/// "Hamas fired rockets at Israel, the Israeli army said": the sentence ends on who says so.
fn trailing_attribution(clause: &Clause<'_>, verb: usize) -> bool {
    let n = clause.tokens.len();
    let Some(comma) = (verb + 1..n).rev().find(|&k| clause.word(k) == ",") else {
        return false;
    };
    // "The Kremlin accused Germany ..., and Russian forces shelled Kharkiv, officials said":
    // the attribution covers the last clause only.
    let later_clause = (verb + 1..comma)
        .any(|k| clause.word(k) == "," && matches!(clause.word(k + 1), "and" | "but" | "while"));
    n - comma <= 10
        && !later_clause
        && (comma + 1..n).any(|k| {
            matches!(
                clause.word(k),
                "said" | "says" | "told" | "reported" | "reports" | "claimed" | "alleged"
            )
        })
}

/// Is the intention before the verb at `verb` a threat ("threatened to", "threatens to")?
fn is_threat(clause: &Clause<'_>, verb: usize, subject_end: Option<usize>) -> bool {
    let from = subject_end
        .map_or(verb.saturating_sub(6), |s| s + 1)
        .min(verb);
    (from..verb).any(|k| clause.word(k).starts_with("threaten"))
}

/// CAMEO's threat (13x) for threatening an act: sanctions, cuts and walkouts are threats of
/// non-force, force is 138, repression 137.
fn threat_code(act: CameoCode) -> CameoCode {
    let mapped = match act.as_str() {
        "161" => "1313",
        "162" => "1311",
        "163" => "1312",
        "164" => "134",
        "165" => "135",
        "166" => "136",
        c if c.starts_with("13") => c,
        _ => match act.root() {
            "18" | "19" | "20" => "138",
            "17" => "137",
            "16" | "12" => "131",
            "14" => "133",
            _ => "130",
        },
    };
    CameoCode::parse(mapped).unwrap_or(act)
}

/// CAMEO codes an announced intention to cooperate or yield as its own 03x code.
pub(crate) fn intent_code(code: CameoCode) -> CameoCode {
    let c = code.as_str();
    let mapped = match c {
        "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        "06" | "060" => "031",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        "07" | "070" | "075" => "033",
        "081" => "0351",
        "082" => "0352",
        "084" | "0841" | "0842" => "0353",
        "085" => "0354",
        "086" | "0861" | "0862" | "0863" => "0355",
        "087" | "0871" | "0872" | "0873" | "0874" => "0356",
        "08" | "080" => "035",
        "04" | "040" | "042" | "043" | "045" | "046" => "036",
        // "France would recognise a Palestinian state": diplomatic cooperation intended.
        _ if code.root() == "05" => "032",
        // An announced intention to use force is a threat: "vowed to attack" is 138.
        _ if matches!(code.root(), "18" | "19" | "20") => "138",
        _ if code.root() == "17" => "137",
        _ => c,
    };
    CameoCode::parse(mapped).unwrap_or(code)
}

/// A participle after "a/the/two NOUN" that is no actor: "a man accused of spying".
fn is_reduced_relative(clause: &Clause<'_>, verb: usize) -> bool {
    if verb < 2 {
        return false;
    }
    let noun = verb - 1;
    let noun_word = clause.word(noun);
    // "arrested dozens of opposition lawmakers protesting in Delhi": an -ing form right after
    // a plural common noun describes what that noun's people were doing.
    let describes_plural = clause.word(verb).ends_with("ing")
        && noun_word.len() > 3
        && noun_word.ends_with('s')
        && !noun_word.ends_with("ss")
        && !clause.tokens[noun].capitalised;
    if !is_participle(clause, verb) && !describes_plural {
        return false;
    }
    // Only after a verb of its own: "The minister accused Israel" is a sentence's verb.
    let earlier_verb = (0..noun - 1).any(|k| looks_like_finite_verb(clause.word(k)));
    // "said its forces killed 10 militants": after a verb of saying, the noun and the
    // participle open the reported clause.
    let reported_clause = noun >= 2 && {
        let opener = clause.word(noun - 2);
        SPEECH_VERBS.contains(&opener) || opener == "that"
    };
    // "deported 200 Venezuelans accused of gang membership": what someone is accused or
    // convicted of describes them, whoever they are.
    let charged = matches!(
        clause.word(verb),
        "accused" | "suspected" | "charged" | "convicted" | "sentenced"
    ) && matches!(clause.word(verb + 1), "of" | "with" | "over" | "for" | "in");
    if earlier_verb && !reported_clause && charged {
        return true;
    }
    earlier_verb
        && !reported_clause
        && clause.actor_at[noun].is_none()
        && noun_word.chars().all(char::is_alphabetic)
        && !noun_word.ends_with("ly")
        && (describes_plural
            || clause.word(noun - 1).chars().all(|c| c.is_ascii_digit())
            || (!BE_FORMS.contains(&noun_word)
                && !HAVE_FORMS.contains(&noun_word)
                && !MODALS.contains(&noun_word)
                && determined_noun(clause, noun)))
}

/// For a verb right after "and" or "or", the "to" of the infinitive it is coordinated with:
/// "to agree to a ceasefire and release the hostages" gives the "to" before "agree".
fn coordinated_infinitive(clause: &Clause<'_>, verb: usize) -> Option<usize> {
    let and = verb.checked_sub(1)?;
    if !matches!(clause.word(and), "and" | "or") {
        return None;
    }
    (and.saturating_sub(12)..and).rev().find_map(|k| {
        let t = &clause.tokens[k];
        if is_clause_break(t) || looks_like_finite_verb(&t.lower) {
            return Some(None);
        }
        let next = clause.tokens.get(k + 1)?;
        (t.lower == "to"
            && next.kind == TokenKind::Word
            && !next.capitalised
            && clause.actor_at[k + 1].is_none()
            && !DETERMINERS.contains(&next.lower.as_str()))
        .then_some(Some(k))
    })?
}

/// "the militant group that has seized parts of Iraq": a relative clause in the present
/// perfect characterises what it follows; it is background, not the news reported.
fn is_background_relative(clause: &Clause<'_>, verb: usize) -> bool {
    let mut k = verb;
    // "that has also seized", "which have repeatedly attacked".
    if k > 0 && (clause.word(k - 1).ends_with("ly") || clause.word(k - 1) == "also") {
        k -= 1;
    }
    k >= 2
        && matches!(clause.word(k - 1), "has" | "have")
        && matches!(clause.word(k - 2), "that" | "which" | "who")
        && is_participle(clause, verb)
}

/// Does the noun at `noun` head a phrase opened by a determiner a few modifiers back ("the
/// refinery", "a Chinese independent refinery", "a $50 billion loan")?
fn determined_noun(clause: &Clause<'_>, noun: usize) -> bool {
    for k in (noun.saturating_sub(5)..noun).rev() {
        let t = &clause.tokens[k];
        if DETERMINERS.contains(&t.lower.as_str()) {
            return true;
        }
        let modifier = clause.actor_at[k].is_some()
            || t.kind == TokenKind::Number
            || matches!(t.lower.as_str(), "$" | "€" | "£" | "-")
            || (t.kind == TokenKind::Word
                && !looks_like_finite_verb(&t.lower)
                && !PREPOSITIONS.contains(&t.lower.as_str()));
        if !modifier {
            return false;
        }
    }
    false
}

/// Is the actor starting at `first` the topic of a preposition ("talks on North Korea")?
fn is_topic(clause: &Clause<'_>, first: usize) -> bool {
    (first.saturating_sub(3)..first).any(|k| {
        // "on the sidelines of the BRICS summit": a venue, like a topic, is no party.
        matches!(
            clause.word(k),
            "on" | "about" | "over" | "regarding" | "concerning" | "sidelines" | "margins"
        )
    })
}

/// The place a protest at `verb` was held in ("in London", "outside parliament in Tbilisi"),
/// in its clause and other than whom it was against (a place that is only where it was held
/// may be both: "protested in Tbilisi" is Georgians against their government).
fn protest_venue<'c, 'a>(
    clause: &'c Clause<'a>,
    verb: usize,
    targets: &[EventActor],
) -> Option<&'c Actor<'a>> {
    let end = (verb + 1..clause.tokens.len())
        .find(|&k| is_clause_break(&clause.tokens[k]) || clause.word(k) == ",")
        .unwrap_or(clause.tokens.len());
    clause.actors.iter().find(|a| {
        a.first > verb
            && a.last < end
            && clause.word(phrase_start(clause, a.first).saturating_sub(1)) == "in"
            && !targets.iter().any(|t| t.span == Some(a.mention.span))
    })
}

/// A government code as its country, for places: `LBNGOV` → `LBN`.
fn country_of_place(mut actor: EventActor) -> EventActor {
    if actor.code.len() == 6 && actor.code.ends_with("GOV") {
        actor.code.truncate(3);
    }
    actor
}

/// Is the negation before the verb at `verb` a refusal ("will not", "would not", "won't")?
fn is_refusal(clause: &Clause<'_>, verb: usize, subject_end: Option<usize>) -> bool {
    let from = subject_end
        .map_or(verb.saturating_sub(6), |s| s + 1)
        .min(verb);
    (from..verb).any(|k| REFUSAL_MODALS.contains(&clause.word(k)))
}

/// (act codes, appeal, demand, refusal): one row of [`ASKED_OR_REFUSED`].
type AskedOrRefused = (
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
);

/// CAMEO codes for asking for, demanding and refusing an act: the act's codes (a root's own
/// code stands for the whole root when nothing more specific is listed), then the appeal
/// (02x), the demand (10x) and the refusal (12x); "" where CAMEO has none.
const ASKED_OR_REFUSED: &[AskedOrRefused] = &[
    (&["03"], "", "", "120"),
    (&["045"], "028", "105", "125"),
    (&["04"], "026", "108", "125"),
    (&["05"], "022", "102", "120"),
    (&["061"], "0211", "1011", "1211"),
    (&["062"], "0212", "1012", "1212"),
    (&["063"], "0213", "1013", "121"),
    (&["064"], "0214", "1014", "121"),
    (&["06"], "021", "100", "121"),
    (&["071"], "0231", "1031", "1221"),
    (&["072"], "0232", "1032", "1222"),
    (&["073"], "0233", "1033", "1223"),
    (&["074"], "0234", "1034", "1224"),
    (&["07"], "023", "103", "122"),
    (&["081"], "0251", "1051", "1241"),
    (&["082"], "0252", "1052", "1242"),
    (&["083"], "024", "104", "123"),
    (&["084", "0841", "0842"], "0253", "1053", "1243"),
    (&["085"], "0254", "1054", "1244"),
    (&["086", "0861", "0862", "0863"], "0255", "1055", "1245"),
    (&["0871"], "0256", "107", "1246"),
    (&["0874"], "0256", "106", "1246"),
    (&["087", "0872", "0873"], "0256", "1056", "1246"),
    (&["08"], "025", "100", "124"),
];

/// The row of [`ASKED_OR_REFUSED`] for an act: its own code, else its root.
fn asked_or_refused(act: CameoCode) -> Option<&'static AskedOrRefused> {
    let (code, root) = (act.as_str(), act.root());
    ASKED_OR_REFUSED
        .iter()
        .find(|row| row.0.contains(&code))
        .or_else(|| ASKED_OR_REFUSED.iter().find(|row| row.0 == [root]))
}

/// The appeal (`020`) or demand (`100`) code for asking for `asked`: "urged Iran to release
/// the sailors" is 0253 (appeal for release), "demanded that Russia withdraw its troops" 106.
pub(crate) fn requested_code(request: CameoCode, asked: CameoCode) -> Option<CameoCode> {
    let row = asked_or_refused(asked)?;
    CameoCode::parse(if request.root() == "02" { row.1 } else { row.2 })
}

/// CAMEO's rejection code for refusing a cooperative act (03–08), if it has one.
pub(crate) fn refusal_code(code: CameoCode) -> Option<CameoCode> {
    CameoCode::parse(asked_or_refused(code)?.3)
}

fn looks_like_finite_verb(w: &str) -> bool {
    (w.ends_with("ed") && w.len() > 4) || COMMON_FINITE_VERBS.contains(&w)
}

/// Sports, entertainment and history sentences are not political events.
fn is_discarded(clause: &Clause<'_>) -> bool {
    clause
        .tokens
        .iter()
        .any(|t| DISCARD_WORDS.contains(&t.lower.as_str()))
}

/// "Egypt announced it will reopen the crossing": the statement is only the vehicle of the
/// act it announces, so a bare public statement (01) goes when the same source has another
/// event later in the same sentence.
fn drop_superseded_statements(events: &mut Vec<Event>, from: usize) {
    let mut k = from;
    while k < events.len() {
        let e = &events[k];
        let superseded = e.code.root() == "01"
            && events[from..].iter().any(|o| {
                o.code.root() != "01"
                    && o.source.code == e.source.code
                    && o.trigger.start > e.trigger.start
            });
        if superseded {
            events.remove(k);
        } else {
            k += 1;
        }
    }
}

/// Drops repeats of the same event within one sentence: two patterns for one verb phrase,
/// or two words for one use of force ("launched a missile attack on Ukraine": one attack;
/// but "visited Riyadh, where he met the king" is a visit and a meeting).
fn dedup_tail(events: &mut Vec<Event>, from: usize) {
    let mut k = from;
    while k < events.len() {
        let dup = events[from..k].iter().any(|e| {
            e.source.code == events[k].source.code
                && e.target.code == events[k].target.code
                && (e.code == events[k].code
                    || (e.code.root() == events[k].code.root()
                        && matches!(e.code.root(), "18" | "19" | "20")))
                && e.modality == events[k].modality
        });
        if dup {
            events.remove(k);
        } else {
            k += 1;
        }
    }
}

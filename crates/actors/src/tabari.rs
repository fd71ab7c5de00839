//! TABARI / PETRARCH dictionaries: actors, agents and discards in the syntax the existing
//! event coders use (`PETR.Validate.*`, `Phoenix.*`), parsed into dyad's [`Dictionary`] model,
//! and a phrase matcher with TABARI's matching rules for the TABARI-compatible coder.
//!
//! How the TABARI syntax maps onto the model:
//!
//! - An actor line `GONDOR [GON]` (with `+MINAS_TIRITH` synonym lines and indented `[CODE ...]`
//!   code lines) is one [`Entry`] whose forms are [`FormRole::Name`]. Several codes in one
//!   bracket, `[FRO/BIL/SAM]`, stay one code string with `/`: the phrase names all of them.
//! - Dated codes `[HOB <950601]`, `[HOBGOV 19950601 - 19990815]`, `[HOBREB >990816]` become
//!   [`DatedCode`]s with inclusive bounds (`<D` ends the day before `D`, `>D` starts the day
//!   after); six-digit dates are `YYMMDD` with years below 30 in the 2000s.
//! - `_` joins words that must be adjacent; a space between words of an actor phrase lets a
//!   few words stand between them ("Ithilen state-run television" for `ITHILEN TELEVISION`).
//!   Such a form is stored twice: adjacent, and with ` ... ` where the gap may fall.
//! - An agent line `MINISTER [~GOV]` is an entry with [`FormRole::Agent`] forms and the role
//!   `GOV` (appended to an actor's code); `[NGO~]` is a prefix role, kept as `NGO~`. Regular
//!   plurals are generated unless `{}` follows the phrase; `{GOLDEN_GEESE}` lists them.
//!   Substitution sets `!PERSON! = MAN, MEN` expand where `!PERSON!` is used.
//! - Discards are phrases: a `+` marks a story-level discard, others discard the sentence.
//!
//! Everything is pure: the caller reads the file and passes its name for error messages.

use crate::dictionary::{
    code_on, seat_code, DatedCode, Dictionary, DictionaryError, Entry, FormRole, Origin,
};
use chrono::NaiveDate;
use dyad_model::Span;
use std::collections::HashMap;

/// Which TABARI dictionary a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabariKind {
    Actors,
    Agents,
    Discards,
}

/// Discard phrases: a sentence containing one is not coded (a story-level one discards the
/// whole story).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Discards {
    /// Each phrase as upper-case words.
    pub sentence: Vec<Vec<String>>,
    pub story: Vec<Vec<String>>,
}

impl Discards {
    pub fn extend(&mut self, other: Discards) {
        self.sentence.extend(other.sentence);
        self.story.extend(other.story);
    }

    pub fn len(&self) -> usize {
        self.sentence.len() + self.story.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first discard phrase found in the words, if any (`true` when story-level).
    pub fn find(&self, words: &[&str]) -> Option<(bool, String)> {
        let hit = |phrase: &Vec<String>| {
            !phrase.is_empty()
                && words
                    .windows(phrase.len())
                    .any(|w| w.iter().zip(phrase).all(|(a, b)| *a == b))
        };
        if let Some(p) = self.story.iter().find(|p| hit(p)) {
            return Some((true, p.join(" ")));
        }
        self.sentence
            .iter()
            .find(|p| hit(p))
            .map(|p| (false, p.join(" ")))
    }
}

/// Parses a TABARI actor dictionary into entries; malformed lines are reported and skipped.
pub fn parse_actors(file: &str, text: &str) -> (Dictionary, Vec<DictionaryError>) {
    let mut dict = Dictionary::default();
    let mut errors = Vec::new();
    let mut current: Option<Entry> = None;
    // Whether the current entry's lines gave any code (valid or not).
    let mut had_codes = false;
    let finish =
        |entry: Option<Entry>, dict: &mut Dictionary, errors: &mut Vec<DictionaryError>| {
            if let Some(e) = entry {
                if e.codes.is_empty() {
                    errors.push(DictionaryError {
                        origin: e.origin.clone(),
                        message: format!("actor '{}' has no code", e.name),
                    });
                } else {
                    dict.entries.push(e);
                }
            }
        };
    for (line_no, line) in clean_lines(text) {
        let origin = Origin {
            file: file.to_string(),
            line: line_no,
        };
        let err = |message: String| DictionaryError {
            origin: origin.clone(),
            message,
        };
        if let Some(rest) = line.strip_prefix('+') {
            let Some(entry) = current.as_mut() else {
                errors.push(err("a '+' synonym line with no actor before it".into()));
                continue;
            };
            let (phrase, codes) = split_codes(rest);
            match phrase_forms(phrase) {
                Ok(forms) => entry
                    .forms
                    .extend(forms.into_iter().map(|f| (f, FormRole::Name))),
                Err(m) => errors.push(err(m)),
            }
            add_actor_codes(entry, codes, &err, &mut errors);
            continue;
        }
        if line.starts_with('[') {
            let Some(entry) = current.as_mut() else {
                errors.push(err("a code line with no actor before it".into()));
                continue;
            };
            let (_, codes) = split_codes(line);
            had_codes = true;
            add_actor_codes(entry, codes, &err, &mut errors);
            continue;
        }
        let (phrase, codes) = split_codes(line);
        // Consecutive phrase lines before one code block name the same actor
        // ("LEONID_BREZHNEV_" / "SECRETARY_BREZHNEV" / "\t[RUSGOV ...]").
        if let Some(entry) = current
            .as_mut()
            .filter(|e| e.codes.is_empty() && !had_codes)
        {
            match phrase_forms(phrase) {
                Ok(forms) => entry
                    .forms
                    .extend(forms.into_iter().map(|f| (f, FormRole::Name))),
                Err(m) => errors.push(err(m)),
            }
            had_codes = !codes.is_empty();
            add_actor_codes(entry, codes, &err, &mut errors);
            continue;
        }
        finish(current.take(), &mut dict, &mut errors);
        had_codes = !codes.is_empty();
        let forms = match phrase_forms(phrase) {
            Ok(f) => f,
            Err(m) => {
                errors.push(err(m));
                continue;
            }
        };
        let mut entry = Entry {
            name: display_name(phrase),
            forms: forms.into_iter().map(|f| (f, FormRole::Name)).collect(),
            codes: Vec::new(),
            origin: origin.clone(),
        };
        add_actor_codes(&mut entry, codes, &err, &mut errors);
        current = Some(entry);
    }
    finish(current, &mut dict, &mut errors);
    (dict, errors)
}

/// Parses a TABARI agent dictionary.
pub fn parse_agents(file: &str, text: &str) -> (Dictionary, Vec<DictionaryError>) {
    let mut dict = Dictionary::default();
    let mut errors = Vec::new();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    for (line_no, line) in clean_lines(text) {
        let origin = Origin {
            file: file.to_string(),
            line: line_no,
        };
        let err = |message: String| DictionaryError {
            origin: origin.clone(),
            message,
        };
        // `!PERSON! = MAN, MEN, WOMAN`
        if line.starts_with('!') {
            if let Some((name, members)) = line.split_once('=') {
                let name = name.trim();
                if name.len() > 2 && name.ends_with('!') {
                    let members: Vec<String> = members
                        .split(',')
                        .map(|m| m.trim().to_string())
                        .filter(|m| !m.is_empty())
                        .collect();
                    if members.is_empty() {
                        errors.push(err(format!("substitution set {name} has no members")));
                    } else {
                        sets.insert(name.to_uppercase(), members);
                    }
                    continue;
                }
            }
        }
        let (head, codes) = split_codes(line);
        if codes.len() != 1 {
            errors.push(err(format!(
                "expected `PHRASE [~ROLE]` (or `[ROLE~]`), found {} codes",
                codes.len()
            )));
            continue;
        }
        let raw = codes[0].trim();
        let role = if let Some(r) = raw.strip_prefix('~') {
            r.trim().to_uppercase()
        } else if let Some(r) = raw.strip_suffix('~') {
            format!("{}~", r.trim().to_uppercase())
        } else {
            errors.push(err(format!(
                "agent code '{raw}' has no '~' marking where it attaches"
            )));
            continue;
        };
        let bare = role.trim_end_matches('~');
        if bare.is_empty() || !bare.chars().all(|c| c.is_ascii_alphanumeric()) {
            errors.push(err(format!("'{raw}' is not an agent code")));
            continue;
        }
        // `PHRASE {PLURAL PLURAL}`: explicit plurals, `{}` none.
        let (phrase, plurals) = match head.split_once('{') {
            Some((p, rest)) => {
                let Some((inner, _)) = rest.split_once('}') else {
                    errors.push(err("unclosed '{' in plural list".into()));
                    continue;
                };
                (
                    p.trim(),
                    Some(
                        inner
                            .split_whitespace()
                            .map(String::from)
                            .collect::<Vec<_>>(),
                    ),
                )
            }
            None => (head.trim(), None),
        };
        if phrase.is_empty() {
            errors.push(err("an agent line needs a phrase".into()));
            continue;
        }
        let expanded = match expand_sets(phrase, &sets) {
            Ok(v) => v,
            Err(m) => {
                errors.push(err(m));
                continue;
            }
        };
        let mut forms = Vec::new();
        let mut bad = None;
        for p in &expanded {
            let mut all = vec![p.clone()];
            match &plurals {
                Some(list) => all.extend(list.iter().cloned()),
                None => all.push(plural_phrase(p)),
            }
            for q in all {
                match phrase_forms(&q) {
                    Ok(f) => forms.extend(f.into_iter().map(|f| (f, FormRole::Agent))),
                    Err(m) => bad = Some(m),
                }
            }
        }
        if let Some(m) = bad {
            errors.push(err(m));
            continue;
        }
        forms.dedup();
        dict.entries.push(Entry {
            name: display_name(phrase),
            forms,
            codes: vec![DatedCode::undated(role)],
            origin,
        });
    }
    (dict, errors)
}

/// Parses a TABARI discard file.
pub fn parse_discards(file: &str, text: &str) -> (Discards, Vec<DictionaryError>) {
    let mut out = Discards::default();
    let mut errors = Vec::new();
    for (line_no, line) in clean_lines(text) {
        let (story, phrase) = match line.strip_prefix('+') {
            Some(p) => (true, p.trim()),
            None => (false, line),
        };
        let words: Vec<String> = tokenize(phrase, Span::new(0, phrase.len()))
            .into_iter()
            .map(|t| t.word)
            .collect();
        if words.is_empty() || line.contains('[') {
            errors.push(DictionaryError {
                origin: Origin {
                    file: file.to_string(),
                    line: line_no,
                },
                message: format!("'{line}' is not a discard phrase"),
            });
            continue;
        }
        if story {
            out.story.push(words);
        } else {
            out.sentence.push(words);
        }
    }
    (out, errors)
}

/// Lines with comments removed (`#` to the end of the line, `<!-- ... -->` blocks), trimmed,
/// non-empty, with their 1-based numbers. A line that began with white space keeps a leading
/// marker only through its content (code lines start with `[`).
fn clean_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut in_xml = false;
    for (i, raw) in text.lines().enumerate() {
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
                Some(q) => {
                    // A one-line comment; keep what precedes it (usually nothing).
                    if line[p + q + 3..].trim().is_empty() {
                        line = &line[..p];
                    }
                }
                None => {
                    in_xml = true;
                    line = &line[..p];
                }
            }
        }
        let line = line.split('#').next().unwrap_or("").trim();
        if !line.is_empty() {
            out.push((i + 1, line));
        }
    }
    out
}

/// Splits `PHRASE [A] [B]` into the phrase and the bracket contents.
fn split_codes(line: &str) -> (&str, Vec<&str>) {
    let phrase_end = line.find('[').unwrap_or(line.len());
    let mut codes = Vec::new();
    let mut rest = &line[phrase_end..];
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) => {
                codes.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => {
                codes.push(after);
                break;
            }
        }
    }
    (line[..phrase_end].trim(), codes)
}

fn add_actor_codes(
    entry: &mut Entry,
    codes: Vec<&str>,
    err: &dyn Fn(String) -> DictionaryError,
    errors: &mut Vec<DictionaryError>,
) {
    for c in codes {
        match parse_tabari_code(c) {
            Ok(code) => entry.codes.push(code),
            Err(m) => errors.push(err(m)),
        }
    }
}

/// `GON`, `ELR/GAL`, `---`, `HOB < 950601`, `HOBGOV 19950601 - 19990815`, `HOBREB >990816`.
pub fn parse_tabari_code(item: &str) -> Result<DatedCode, String> {
    let item = item.trim();
    let (code, rest) = match item.find(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        Some(p) => (&item[..p], item[p..].trim()),
        None => (item, ""),
    };
    let code = code.to_uppercase();
    let valid = !code.is_empty()
        && code.split('/').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '#')
        });
    if !valid {
        return Err(format!("'{item}' is not an actor code"));
    }
    if rest.is_empty() {
        return Ok(DatedCode::undated(code));
    }
    let one_day = chrono::Duration::days(1);
    if let Some(d) = rest.strip_prefix('<') {
        let d = tabari_date(d.trim())?;
        return Ok(DatedCode {
            code,
            from: None,
            to: Some(d - one_day),
        });
    }
    if let Some(d) = rest.strip_prefix('>') {
        let d = tabari_date(d.trim())?;
        return Ok(DatedCode {
            code,
            from: Some(d + one_day),
            to: None,
        });
    }
    let Some((a, b)) = rest.split_once('-') else {
        return Err(format!(
            "'{rest}' is not a date restriction (<D, >D or D-D) in '{item}'"
        ));
    };
    let (from, to) = (tabari_date(a.trim())?, tabari_date(b.trim())?);
    if from > to {
        return Err(format!("date range '{rest}' ends before it starts"));
    }
    Ok(DatedCode {
        code,
        from: Some(from),
        to: Some(to),
    })
}

/// `YYMMDD` (years below 30 are in the 2000s) or `YYYYMMDD`.
pub fn tabari_date(s: &str) -> Result<NaiveDate, String> {
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("'{s}' is not a date (YYMMDD or YYYYMMDD)"));
    }
    let full = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().map_err(|_| format!("'{s}' is not a date"))?;
            format!("{}{}", if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => s.to_string(),
        _ => return Err(format!("'{s}' is not a date (YYMMDD or YYYYMMDD)")),
    };
    NaiveDate::parse_from_str(&full, "%Y%m%d").map_err(|_| format!("'{s}' is not a valid date"))
}

/// The forms stored for a TABARI phrase: words joined by single spaces; where the phrase had a
/// space (a gap may fall there) a second form marks it with `...`.
fn phrase_forms(phrase: &str) -> Result<Vec<String>, String> {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return Err("empty phrase".into());
    }
    if phrase.contains(['[', ']', '{', '}']) {
        return Err(format!("malformed phrase '{phrase}'"));
    }
    let segments: Vec<Vec<String>> = phrase
        .split_whitespace()
        .map(|seg| {
            seg.split('_')
                .filter(|w| !w.is_empty())
                .flat_map(word_tokens)
                .collect::<Vec<String>>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    if segments.is_empty() {
        return Err(format!("no words in phrase '{phrase}'"));
    }
    let single = segments.len() == 1 && segments[0].len() == 1;
    let segments: Vec<Vec<String>> = segments
        .into_iter()
        .map(|seg| {
            seg.into_iter()
                .map(|w| {
                    if single {
                        form_case(&w)
                    } else {
                        w.to_lowercase()
                    }
                })
                .collect()
        })
        .collect();
    let adjacent = segments
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = vec![adjacent];
    if segments.len() > 1 {
        out.push(
            segments
                .iter()
                .map(|s| s.join(" "))
                .collect::<Vec<_>>()
                .join(" ... "),
        );
    }
    Ok(out)
}

/// Forms are stored in lower case (TABARI matching ignores case), except short acronyms
/// (`UN`, `IMF`), kept in capitals so that dyad's own recogniser matches them only as such.
fn form_case(word: &str) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters <= 3 && word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && letters > 0 {
        word.to_string()
    } else {
        word.to_lowercase()
    }
}

fn display_name(phrase: &str) -> String {
    phrase
        .trim()
        .trim_end_matches('_')
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn expand_sets(phrase: &str, sets: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(start) = phrase.find('!') else {
        return Ok(vec![phrase.to_string()]);
    };
    let Some(len) = phrase[start + 1..].find('!') else {
        return Err(format!("unclosed substitution set in '{phrase}'"));
    };
    let name = phrase[start..start + len + 2].to_uppercase();
    let members = sets
        .get(&name)
        .ok_or_else(|| format!("unknown substitution set {name}"))?;
    let mut out = Vec::new();
    for m in members {
        let replaced = format!("{}{}{}", &phrase[..start], m, &phrase[start + len + 2..]);
        out.extend(expand_sets(&replaced, sets)?);
    }
    Ok(out)
}

/// PETRARCH's regular plural of a phrase's last word.
pub fn plural_phrase(phrase: &str) -> String {
    let trimmed = phrase.trim_end_matches('_');
    let cut = trimmed.rfind(['_', ' ']).map_or(0, |p| p + 1);
    let (head, last) = trimmed.split_at(cut);
    format!("{head}{}", plural_word(last))
}

pub fn plural_word(word: &str) -> String {
    let upper = word.to_uppercase();
    let lower_case = word.chars().any(char::is_lowercase);
    let pick = |s: &str| {
        if lower_case {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    };
    let stem = &word[..word.len().saturating_sub(1)];
    if upper.ends_with('Y')
        && !matches!(
            upper.chars().rev().nth(1),
            Some('A' | 'E' | 'I' | 'O' | 'U')
        )
    {
        return format!("{stem}{}", pick("IES"));
    }
    if upper.ends_with("MAN") {
        return format!("{}{}", &word[..word.len() - 3], pick("MEN"));
    }
    if upper.ends_with('S')
        || upper.ends_with('X')
        || upper.ends_with('Z')
        || upper.ends_with("CH")
        || upper.ends_with("SH")
    {
        return format!("{word}{}", pick("ES"));
    }
    format!("{word}{}", pick("S"))
}

// ---------------------------------------------------------------------------------------------
// Tokens and phrase matching with TABARI's rules.

/// A token as the TABARI-compatible coder sees it: upper-case word, with its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TabariToken {
    pub span: Span,
    /// Upper case, curly apostrophes straightened; `'S` for a possessive, `N'T` for a negation.
    pub word: String,
    pub punct: bool,
    /// The word begins with a capital letter in the text.
    pub capital: bool,
}

const LEAD_PUNCT: &[char] = &['"', '(', '[', '`', '“', '‘', '\'', '«', '{'];
const TRAIL_PUNCT: &[char] = &[
    '.', ',', ';', ':', '!', '?', '"', ')', ']', '”', '’', '\'', '`', '»', '}',
];

/// Splits `text[span]` into TABARI tokens: words (keeping inner hyphens, apostrophes and the
/// periods of abbreviations such as `U.S.`), possessives `'S`, negations `N'T` (TreeBank
/// style: "won't" is `WO N'T`) and punctuation. `_` separates words.
pub fn tokenize(text: &str, span: Span) -> Vec<TabariToken> {
    let mut out = Vec::new();
    let Some(slice) = text.get(span.start..span.end) else {
        return out;
    };
    let mut chunk_start = None;
    for (i, c) in slice.char_indices() {
        let sep = c.is_whitespace() || c == '_';
        match (sep, chunk_start) {
            (true, Some(s)) => {
                push_chunk(span.start + s, &slice[s..i], &mut out);
                chunk_start = None;
            }
            (false, None) => chunk_start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = chunk_start {
        push_chunk(span.start + s, &slice[s..], &mut out);
    }
    out
}

fn push_chunk(abs: usize, chunk: &str, out: &mut Vec<TabariToken>) {
    let mut s = 0;
    let mut e = chunk.len();
    let mut lead = Vec::new();
    // Leading punctuation.
    while s < e {
        let c = chunk[s..e].chars().next().unwrap_or(' ');
        if LEAD_PUNCT.contains(&c) || (c == '-' && chunk[s..e].starts_with("--")) {
            let rest = &chunk[s..e];
            let double = rest.starts_with("--") || rest.starts_with("``") || rest.starts_with("''");
            let len = if double { 2 } else { c.len_utf8() };
            lead.push((s, s + len));
            s += len;
        } else {
            break;
        }
    }
    // Trailing punctuation (kept in order).
    let mut trail = Vec::new();
    loop {
        if s >= e {
            break;
        }
        let body = &chunk[s..e];
        let c = body.chars().next_back().unwrap_or(' ');
        // Possessive after plural ("allies'") is handled below.
        if (c == '\'' || c == '’')
            && body.len() > 1
            && body[..body.len() - c.len_utf8()]
                .to_lowercase()
                .ends_with('s')
        {
            break;
        }
        if c == '.' && is_abbreviation(body) {
            break;
        }
        if TRAIL_PUNCT.contains(&c) || (c == '-' && body.ends_with("--")) {
            let double = body.len() > 2
                && (body.ends_with("--") || body.ends_with("``") || body.ends_with("''"));
            let len = if double { 2 } else { c.len_utf8() };
            trail.push((e - len, e));
            e -= len;
        } else {
            break;
        }
    }
    for (a, b) in lead {
        out.push(punct_token(abs, chunk, a, b));
    }
    if s < e {
        let body = &chunk[s..e];
        let upper = body.to_uppercase().replace('’', "'");
        let base = abs + s;
        if upper.len() > 2 && upper.ends_with("'S") {
            let cut = body.len()
                - if body.ends_with("’s") || body.ends_with("’S") {
                    "’s".len()
                } else {
                    2
                };
            push_word(out, base, &body[..cut]);
            out.push(TabariToken {
                span: Span::new(base + cut, base + body.len()),
                word: "'S".into(),
                punct: false,
                capital: false,
            });
        } else if upper.len() > 1
            && upper.ends_with('\'')
            && upper[..upper.len() - 1].ends_with('S')
        {
            let cut = body.len() - body.chars().next_back().map_or(1, char::len_utf8);
            push_word(out, base, &body[..cut]);
            out.push(TabariToken {
                span: Span::new(base + cut, base + body.len()),
                word: "'".into(),
                punct: false,
                capital: false,
            });
        } else if upper.len() > 3 && upper.ends_with("N'T") {
            let cut = body.len()
                - if body.contains('’') {
                    "n’t".len()
                } else {
                    3
                };
            push_word(out, base, &body[..cut]);
            out.push(TabariToken {
                span: Span::new(base + cut, base + body.len()),
                word: "N'T".into(),
                punct: false,
                capital: false,
            });
        } else {
            push_word(out, base, body);
        }
    }
    for (a, b) in trail.into_iter().rev() {
        out.push(punct_token(abs, chunk, a, b));
    }
}

fn is_abbreviation(body: &str) -> bool {
    // "U.S.", "K.U.", "H." — letters each followed by a period.
    let mut chars = body.chars().peekable();
    let mut letters = 0;
    while let Some(c) = chars.next() {
        if !c.is_alphabetic() {
            return false;
        }
        letters += 1;
        if chars.next() != Some('.') {
            return false;
        }
    }
    letters >= 1 && (letters >= 2 || body.chars().next().is_some_and(char::is_uppercase))
}

fn push_word(out: &mut Vec<TabariToken>, start: usize, word: &str) {
    if word.is_empty() {
        return;
    }
    out.push(TabariToken {
        span: Span::new(start, start + word.len()),
        word: word.to_uppercase().replace('’', "'"),
        punct: false,
        capital: word.chars().next().is_some_and(char::is_uppercase),
    });
}

fn punct_token(abs: usize, chunk: &str, a: usize, b: usize) -> TabariToken {
    let p = &chunk[a..b];
    let word = match p {
        "“" | "”" | "``" | "''" => "\"".to_string(),
        "‘" | "’" => "'".to_string(),
        other => other.to_string(),
    };
    TabariToken {
        span: Span::new(abs + a, abs + b),
        word,
        punct: true,
        capital: false,
    }
}

/// The upper-case tokens of one dictionary word; plain words skip the tokenizer.
pub fn word_tokens(w: &str) -> Vec<String> {
    let plain = !w.is_empty()
        && w.chars().all(|c| c.is_alphanumeric() || c == '-')
        && !w.starts_with('-')
        && !w.ends_with("--");
    if plain {
        return vec![w.to_uppercase()];
    }
    tokenize(w, Span::new(0, w.len()))
        .into_iter()
        .map(|t| t.word)
        .collect()
}

/// Whether a phrase match is an actor or an agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhraseKind {
    Actor,
    Agent,
}

/// A dictionary phrase found in a token sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    pub entry: usize,
    pub kind: PhraseKind,
    /// The code in force on the date: an actor code (`GON`, `---` for a null actor,
    /// `FRO/BIL/SAM` for several) or an agent role (`GOV`, prefix roles end in `~`).
    pub code: String,
}

#[derive(Clone, Debug)]
struct Phrase {
    /// Words, each with whether a gap may precede it.
    words: Vec<(String, bool)>,
    entry: u32,
    kind: PhraseKind,
    /// Fixed code index (a seat of government in dyad's countries format).
    code: Option<u32>,
    /// Converts a dyad country code (`ISRGOV`) to the bare country (`ISR`).
    country: bool,
    /// Case-sensitive acronym (`US` must not match the pronoun "us").
    acronym: bool,
}

/// Compiled phrase tables for TABARI-style matching: longest phrase first, case-insensitive
/// (except acronyms of up to three capitals), with bounded gaps where the dictionary allows
/// them. Immutable and shareable across threads.
#[derive(Clone, Debug, Default)]
pub struct TabariActors {
    phrases: Vec<Phrase>,
    by_first: HashMap<String, Vec<u32>>,
    entries: Vec<Entry>,
}

/// Words that never stand in a gap inside an actor phrase.
const GAP_STOP: &[&str] = &[
    "AND", "OR", "NOR", "BUT", "OF", "IN", "ON", "AT", "TO", "FOR", "FROM", "WITH", "BY", "THAT",
    "WHICH", "WHO", "IS", "ARE", "WAS", "WERE", "HAS", "HAVE", "HAD", "WILL", "WOULD", "SAID",
    "SAYS",
];

impl TabariActors {
    /// Compiles every entry of a dictionary (TABARI's or dyad's own formats).
    pub fn new(dict: &Dictionary) -> TabariActors {
        let mut phrases = Vec::new();
        let mut by_first: HashMap<String, Vec<u32>> = HashMap::new();
        for (ei, entry) in dict.entries.iter().enumerate() {
            for (form, role) in &entry.forms {
                let (form, seat) = seat_code(form);
                let kind = if *role == FormRole::Agent {
                    PhraseKind::Agent
                } else {
                    PhraseKind::Actor
                };
                let mut words = Vec::new();
                let mut gap = false;
                for w in form.split(' ') {
                    if w == "..." {
                        gap = true;
                        continue;
                    }
                    for t in word_tokens(w) {
                        words.push((t, gap));
                        gap = false;
                    }
                }
                if words.is_empty() {
                    continue;
                }
                let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
                let acronym = words.len() == 1
                    && (2..=3).contains(&letters.len())
                    && letters.iter().all(|c| c.is_uppercase());
                let idx = phrases.len() as u32;
                by_first.entry(words[0].0.clone()).or_default().push(idx);
                phrases.push(Phrase {
                    words,
                    entry: ei as u32,
                    kind,
                    code: seat.map(|s| s as u32),
                    country: matches!(
                        role,
                        FormRole::CountryName | FormRole::Adjective | FormRole::People
                    ),
                    acronym,
                });
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(phrases[i as usize].words.len()));
        }
        TabariActors {
            phrases,
            by_first,
            entries: dict.entries.clone(),
        }
    }

    pub fn phrase_count(&self) -> usize {
        self.phrases.len()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Finds actor and agent phrases, leftmost-longest and non-overlapping, resolving dated
    /// codes on `date`. `text` is the text the tokens' spans point into (for the case check
    /// of acronyms).
    pub fn find(
        &self,
        text: &str,
        tokens: &[TabariToken],
        date: Option<NaiveDate>,
    ) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut best: Option<(usize, u32)> = None;
            if !tokens[i].punct {
                if let Some(list) = self.by_first.get(&tokens[i].word) {
                    for &pi in list {
                        let p = &self.phrases[pi as usize];
                        if best.is_some_and(|(end, _)| {
                            end - i > p.words.len() && p.words.iter().all(|w| !w.1)
                        }) {
                            // Cannot beat the current best (no gaps to lengthen it).
                            continue;
                        }
                        if p.acronym && tokens[i].span.slice(text).chars().any(char::is_lowercase) {
                            continue;
                        }
                        if let Some(end) = match_phrase(tokens, i, &p.words) {
                            let better = match best {
                                None => true,
                                Some((b, bp)) => {
                                    let q = &self.phrases[bp as usize];
                                    end > b
                                        || (end == b && q.words.len() < p.words.len())
                                        || (end == b
                                            && q.words.len() == p.words.len()
                                            && self.prefer_duplicate(p, q, date))
                                }
                            };
                            if better {
                                best = Some((end, pi));
                            }
                        }
                    }
                }
            }
            match best {
                Some((end, pi)) => {
                    let p = &self.phrases[pi as usize];
                    if let Some(code) = self.code_of(p, date) {
                        out.push(PhraseMatch {
                            start: i,
                            end,
                            entry: p.entry as usize,
                            kind: p.kind,
                            code,
                        });
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Two entries claim the same phrase ("President Bush"): the one with a dated code in
    /// force on the date wins; otherwise the later definition, as in PETRARCH.
    fn prefer_duplicate(&self, new: &Phrase, old: &Phrase, date: Option<NaiveDate>) -> bool {
        let covers = |p: &Phrase| {
            date.is_some_and(|d| {
                self.entries[p.entry as usize].codes.iter().any(|c| {
                    (c.from.is_some() || c.to.is_some())
                        && c.from.is_none_or(|f| f <= d)
                        && c.to.is_none_or(|t| d <= t)
                })
            })
        };
        match (covers(new), covers(old)) {
            (true, false) => true,
            (false, true) => false,
            _ => new.entry > old.entry,
        }
    }

    fn code_of(&self, p: &Phrase, date: Option<NaiveDate>) -> Option<String> {
        let entry = &self.entries[p.entry as usize];
        let code = match p.code {
            Some(idx) => entry.codes.get(idx as usize)?.code.clone(),
            None => code_on(&entry.codes, date)?.to_string(),
        };
        // dyad's country entries carry the government code; TABARI names the country.
        Some(if p.country && code.len() > 3 {
            code[..3].to_string()
        } else {
            code
        })
    }
}

/// dyad's own dictionaries prepared for TABARI-style matching: agent words get their regular
/// plurals (TABARI lists every form; dyad generates plurals when compiling) and names with a
/// leading "the" also match without it.
pub fn from_dyad(dict: &Dictionary) -> Dictionary {
    let mut out = dict.clone();
    for entry in &mut out.entries {
        let mut extra = Vec::new();
        for (form, role) in &entry.forms {
            if *role == FormRole::Agent && !form.ends_with('s') {
                extra.push((plural_phrase(form), FormRole::Agent));
            }
            if let Some(rest) = form
                .strip_prefix("the ")
                .or_else(|| form.strip_prefix("The "))
            {
                extra.push((rest.to_string(), role.clone()));
            }
        }
        entry.forms.extend(extra);
    }
    out
}

/// Matches a phrase's words at `i`; returns one past the last matched token.
fn match_phrase(tokens: &[TabariToken], i: usize, words: &[(String, bool)]) -> Option<usize> {
    let mut k = i;
    for (n, (w, gap)) in words.iter().enumerate() {
        if n == 0 {
            if tokens[k].word != *w {
                return None;
            }
            k += 1;
            continue;
        }
        let limit = if *gap { 3 } else { 0 };
        let mut found = None;
        for skip in 0..=limit {
            let at = k + skip;
            let t = tokens.get(at)?;
            if t.word == *w {
                found = Some(at);
                break;
            }
            if t.punct || GAP_STOP.contains(&t.word.as_str()) {
                break;
            }
        }
        k = found? + 1;
    }
    Some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| t.word)
            .collect()
    }

    #[test]
    fn tokens_split_possessives_negations_and_punctuation() {
        assert_eq!(
            words("Gondor's army didn't move, U.S. said."),
            ["GONDOR", "'S", "ARMY", "DID", "N'T", "MOVE", ",", "U.S.", "SAID", "."]
        );
        assert_eq!(
            words("won't can't allies' Dol_Amroth anti- Barad-dur"),
            [
                "WO",
                "N'T",
                "CA",
                "N'T",
                "ALLIES",
                "'",
                "DOL",
                "AMROTH",
                "ANTI-",
                "BARAD-DUR"
            ]
        );
        assert_eq!(
            words("as`` unacceptable'' (EU)"),
            ["AS", "``", "UNACCEPTABLE", "''", "(", "EU", ")"].map(|w| match w {
                "``" | "''" => "\"".to_string(),
                o => o.to_string(),
            })
        );
    }

    #[test]
    fn dates_parse_both_widths() {
        assert_eq!(
            tabari_date("950601").ok(),
            NaiveDate::from_ymd_opt(1995, 6, 1)
        );
        assert_eq!(
            tabari_date("011222").ok(),
            NaiveDate::from_ymd_opt(2001, 12, 22)
        );
        assert_eq!(
            tabari_date("20100109").ok(),
            NaiveDate::from_ymd_opt(2010, 1, 9)
        );
        assert!(tabari_date("2004017").is_err());
    }

    #[test]
    fn plurals_follow_petrarch() {
        assert_eq!(
            plural_phrase("MAIN_OPPOSITION_GROUP"),
            "MAIN_OPPOSITION_GROUPS"
        );
        assert_eq!(plural_word("AUTHORITY"), "AUTHORITIES");
        assert_eq!(plural_word("CONGRESS"), "CONGRESSES");
        assert_eq!(plural_word("CONGRESSMAN"), "CONGRESSMEN");
    }
}

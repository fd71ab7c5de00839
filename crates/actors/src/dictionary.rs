//! Actor dictionaries: parsing dyad's own text formats into entries (pure; the caller reads
//! the files). See `data/README.md` for the formats.

use chrono::NaiveDate;
use std::fmt;

/// A code that applies during a date range (either end open).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    pub fn undated(code: impl Into<String>) -> Self {
        DatedCode {
            code: code.into(),
            from: None,
            to: None,
        }
    }
    fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
    fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// Picks the code in force on `date`: the dated range covering it (the latest-starting one
/// where several do), else the undated default. Without a date, the range still open today
/// (no end) counts as in force, since undated text is usually current news.
pub fn code_on(codes: &[DatedCode], date: Option<NaiveDate>) -> Option<&str> {
    let dated = codes.iter().filter(|c| c.is_dated());
    let in_force = match date {
        Some(d) => dated.filter(|c| c.covers(d)).max_by_key(|c| c.from),
        None => dated.filter(|c| c.to.is_none()).max_by_key(|c| c.from),
    };
    in_force
        .or_else(|| codes.iter().find(|c| !c.is_dated()))
        .map(|c| c.code.as_str())
}

/// Where an entry came from, for provenance and error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// How a surface form acts when found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormRole {
    /// A name of the actor itself ("Netanyahu", "Hamas", "the White House").
    Name,
    /// A country's name: the government when it acts, the country as a possessor.
    CountryName,
    /// A country adjective ("Israeli"): combines with a following agent word.
    Adjective,
    /// A people demonym ("Israelis").
    People,
    /// A role word ("officials", "army"): combines with a preceding country.
    Agent,
}

/// One dictionary entry: a canonical name, its surface forms, and its codes.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub name: String,
    pub forms: Vec<(String, FormRole)>,
    /// For actors, full codes (`USAGOV`) possibly dated; for agents, the role (`MIL`).
    pub codes: Vec<DatedCode>,
    pub origin: Origin,
}

/// A malformed line: reported with file and line, then skipped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct DictionaryError {
    pub origin: Origin,
    pub message: String,
}

/// A parsed set of dictionaries, ready to compile.
#[derive(Clone, Debug, Default)]
pub struct Dictionary {
    pub entries: Vec<Entry>,
}

/// Which of dyad's formats a file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Countries,
    Agents,
    /// `people.txt` and `organisations.txt`: `names | codes | note`.
    Entities,
}

impl Format {
    /// Guesses the format from a file name (`countries.txt`, `agents.txt`, anything else is
    /// the entity layout).
    pub fn from_file_name(name: &str) -> Format {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        if base.starts_with("countries") {
            Format::Countries
        } else if base.starts_with("agents") {
            Format::Agents
        } else {
            Format::Entities
        }
    }
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "data/actors/countries.txt",
        include_str!("../../../data/actors/countries.txt"),
    ),
    (
        "data/actors/agents.txt",
        include_str!("../../../data/actors/agents.txt"),
    ),
    (
        "data/actors/people.txt",
        include_str!("../../../data/actors/people.txt"),
    ),
    (
        "data/actors/organisations.txt",
        include_str!("../../../data/actors/organisations.txt"),
    ),
    (
        "data/actors/places.txt",
        include_str!("../../../data/actors/places.txt"),
    ),
];

impl Dictionary {
    /// dyad's own dictionaries, embedded in the binary. Errors in them are returned too, so
    /// a test can insist there are none.
    pub fn builtin() -> (Dictionary, Vec<DictionaryError>) {
        let mut dict = Dictionary::default();
        let mut errors = Vec::new();
        for (file, text) in BUILTIN {
            errors.extend(dict.add(file, text, Format::from_file_name(file)));
        }
        (dict, errors)
    }

    /// Parses one file's text and adds its entries; returns the malformed lines.
    pub fn add(&mut self, file: &str, text: &str, format: Format) -> Vec<DictionaryError> {
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            let origin = Origin {
                file: file.to_string(),
                line: i + 1,
            };
            let parsed = match format {
                Format::Countries => parse_country(line, &origin),
                Format::Agents => parse_agent(line, &origin),
                Format::Entities => parse_entity(line, &origin),
            };
            match parsed {
                Ok(entry) => self.entries.push(entry),
                Err(message) => errors.push(DictionaryError { origin, message }),
            }
        }
        errors
    }

    pub fn extend(&mut self, other: Dictionary) {
        self.entries.extend(other.entries);
    }
}

fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or("")
}

fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn is_code(code: &str) -> bool {
    code.len() >= 2
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn parse_country(line: &str, origin: &Origin) -> Result<Entry, String> {
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    if fields.len() < 2 || fields.len() > 4 {
        return Err(format!(
            "expected `CODE | names | adjectives | capitals`, found {} fields",
            fields.len()
        ));
    }
    let code = fields[0];
    if !is_code(code) || code.len() != 3 {
        return Err(format!("'{code}' is not a three-letter country code"));
    }
    let mut forms = Vec::new();
    let mut codes = vec![DatedCode::undated(format!("{code}GOV"))];
    for name in list(fields[1]) {
        forms.push((name.to_string(), FormRole::CountryName));
    }
    if forms.is_empty() {
        return Err("a country needs at least one name".into());
    }
    let canonical = forms[0].0.clone();
    if let Some(adjectives) = fields.get(2) {
        for adj in list(adjectives) {
            // Plural demonyms ("Israelis") are the people; singular ones are adjectives.
            let role = if adj.ends_with('s') && !adj.ends_with("ss") && !adj.ends_with("ese") {
                FormRole::People
            } else {
                FormRole::Adjective
            };
            forms.push((adj.to_string(), role));
        }
    }
    if let Some(capitals) = fields.get(3) {
        for cap in list(capitals) {
            // `Pentagon=MIL`: a seat standing for another role than the government.
            match cap.split_once('=') {
                Some((name, role)) => {
                    let role = role.trim();
                    if !is_code(role) {
                        return Err(format!("'{role}' is not a role code in '{cap}'"));
                    }
                    forms.push((name.trim().to_string(), FormRole::Name));
                    codes.push(DatedCode::undated(format!("{code}{role}")));
                    // Tie this form to its code by position: see `seat_code`.
                    let idx = codes.len() - 1;
                    if let Some(last) = forms.last_mut() {
                        last.0 = format!("{}\u{1}{idx}", last.0);
                    }
                }
                None => forms.push((cap.to_string(), FormRole::Name)),
            }
        }
    }
    Ok(Entry {
        name: canonical,
        forms,
        codes,
        origin: origin.clone(),
    })
}

/// Splits a form tagged with a seat code index (`Pentagon\u{1}1`) into the form and index.
pub(crate) fn seat_code(form: &str) -> (&str, Option<usize>) {
    match form.split_once('\u{1}') {
        Some((name, idx)) => (name, idx.parse().ok()),
        None => (form, None),
    }
}

fn parse_agent(line: &str, origin: &Origin) -> Result<Entry, String> {
    let (role, words) = line.split_once('|').ok_or("expected `ROLE | words`")?;
    let role = role.trim();
    if !is_code(role) {
        return Err(format!("'{role}' is not a role code"));
    }
    let forms: Vec<(String, FormRole)> = list(words)
        .map(|w| (w.to_string(), FormRole::Agent))
        .collect();
    if forms.is_empty() {
        return Err("an agent line needs at least one word".into());
    }
    Ok(Entry {
        name: role.to_string(),
        forms,
        codes: vec![DatedCode::undated(role)],
        origin: origin.clone(),
    })
}

fn parse_entity(line: &str, origin: &Origin) -> Result<Entry, String> {
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    if fields.len() < 2 || fields.len() > 3 {
        return Err(format!(
            "expected `names | codes | note`, found {} fields",
            fields.len()
        ));
    }
    let forms: Vec<(String, FormRole)> = list(fields[0])
        .map(|n| (n.to_string(), FormRole::Name))
        .collect();
    if forms.is_empty() {
        return Err("an entry needs at least one name".into());
    }
    let mut codes = Vec::new();
    for item in list(fields[1]) {
        codes.push(parse_dated_code(item)?);
    }
    if codes.is_empty() {
        return Err("an entry needs at least one code".into());
    }
    Ok(Entry {
        name: forms[0].0.clone(),
        forms,
        codes,
        origin: origin.clone(),
    })
}

/// `USAGOV`, `USAGOV 2017-01-20..2021-01-20`, `USAGOV ..2017-01-19`, `USAGOV 2025-01-20..`.
pub fn parse_dated_code(item: &str) -> Result<DatedCode, String> {
    let mut parts = item.split_whitespace();
    let code = parts.next().ok_or("empty code")?;
    if !is_code(code) {
        return Err(format!("'{code}' is not an actor code"));
    }
    let Some(range) = parts.next() else {
        return Ok(DatedCode::undated(code));
    };
    if parts.next().is_some() {
        return Err(format!("unexpected text after '{code} {range}'"));
    }
    let (from, to) = range
        .split_once("..")
        .ok_or_else(|| format!("'{range}' is not a date range FROM..TO"))?;
    let date = |s: &str| -> Result<Option<NaiveDate>, String> {
        if s.is_empty() {
            Ok(None)
        } else {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| format!("'{s}' is not a date YYYY-MM-DD"))
        }
    };
    let (from, to) = (date(from)?, date(to)?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("range {range} ends before it starts"));
        }
    }
    Ok(DatedCode {
        code: code.to_string(),
        from,
        to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn dated_codes_pick_the_role_in_force() {
        let codes: Vec<DatedCode> = "USABUS ..2017-01-19; USAGOV 2017-01-20..2021-01-20; USAELI 2021-01-21..2025-01-19; USAGOV 2025-01-20.."
            .split(';')
            .map(|s| parse_dated_code(s.trim()).expect("valid"))
            .collect();
        assert_eq!(code_on(&codes, d("2019-05-01")), Some("USAGOV"));
        assert_eq!(code_on(&codes, d("2022-05-01")), Some("USAELI"));
        assert_eq!(code_on(&codes, d("2026-01-11")), Some("USAGOV"));
        assert_eq!(code_on(&codes, d("2010-01-01")), Some("USABUS"));
        assert_eq!(code_on(&codes, None), Some("USAGOV"));
    }

    #[test]
    fn malformed_lines_are_reported_with_file_and_line_and_skipped() {
        let mut dict = Dictionary::default();
        let errors = dict.add(
            "mine.txt",
            "# comment\nHamas | PSEREBHMS\nBroken line without code\nX | usagov\nY | USAGOV 2020-13-01..\nZ | ZZZGOV",
            Format::Entities,
        );
        let lines: Vec<usize> = errors.iter().map(|e| e.origin.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(errors[0].to_string().starts_with("mine.txt:3: "));
        assert_eq!(dict.entries.len(), 2);
    }

    #[test]
    fn builtin_dictionaries_have_no_errors() {
        let (dict, errors) = Dictionary::builtin();
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(dict.entries.len() > 100);
    }
}

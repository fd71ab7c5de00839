//! Verb-pattern dictionaries: dyad's own format (see `data/README.md`), parsed from text the
//! caller read, then compiled into a form-indexed table.

use dyad_model::CameoCode;
use std::collections::HashMap;

/// One element of a pattern after the verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// A literal word; nouns also match their plural.
    Word(String),
    /// `...`: up to four words in between.
    Gap,
    /// `{with}`: the preposition whose object is the target.
    TargetPrep(String),
    /// `<from>`: a required preposition whose object is the source; the subject is then the
    /// target ("Kyiv received weapons from Washington" is Washington's act).
    SourcePrep(String),
}

/// A verb pattern: lemma, following elements, code.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbPattern {
    pub code: CameoCode,
    /// The target's side of a mutual act (`042:043`: a visit is hosted), if it has one.
    pub reverse: Option<CameoCode>,
    pub lemma: String,
    pub elements: Vec<Element>,
    pub example: Option<String>,
    pub origin: String,
}

impl VerbPattern {
    /// How specific the pattern is: longer patterns win over shorter ones.
    pub fn specificity(&self) -> usize {
        self.elements
            .iter()
            .filter(|e| !matches!(e, Element::Gap))
            .count()
    }

    /// The pattern as written (`lift ... sanctions {on}`).
    pub fn text(&self) -> String {
        let mut s = self.lemma.clone();
        for e in &self.elements {
            s.push(' ');
            match e {
                Element::Word(w) => s.push_str(w),
                Element::Gap => s.push_str("..."),
                Element::TargetPrep(w) => {
                    s.push('{');
                    s.push_str(w);
                    s.push('}');
                }
                Element::SourcePrep(w) => {
                    s.push('<');
                    s.push_str(w);
                    s.push('>');
                }
            }
        }
        s
    }
}

/// A malformed pattern line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct VerbError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// A set of verb patterns, ready to compile.
#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    pub patterns: Vec<VerbPattern>,
}

const BUILTIN: &str = include_str!("../../../data/verbs.txt");

impl VerbDictionary {
    /// dyad's own verb patterns, embedded in the binary.
    pub fn builtin() -> (VerbDictionary, Vec<VerbError>) {
        let mut dict = VerbDictionary::default();
        let errors = dict.add("data/verbs.txt", BUILTIN);
        (dict, errors)
    }

    /// Parses `CODE | pattern | example` lines; returns the malformed ones.
    pub fn add(&mut self, file: &str, text: &str) -> Vec<VerbError> {
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| VerbError {
                file: file.to_string(),
                line: i + 1,
                message,
            };
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            if fields.len() < 2 || fields.len() > 3 {
                errors.push(err(format!(
                    "expected `CODE | pattern | example`, found {} fields",
                    fields.len()
                )));
                continue;
            }
            // `042:043`: the act, then what it is for the target.
            let (forward, reverse) = match fields[0].split_once(':') {
                Some((f, r)) => (f.trim(), Some(r.trim())),
                None => (fields[0], None),
            };
            let Some(code) = CameoCode::parse(forward) else {
                errors.push(err(format!("'{forward}' is not a CAMEO event code")));
                continue;
            };
            let reverse = match reverse.map(|r| (r, CameoCode::parse(r))) {
                None => None,
                Some((_, Some(r))) => Some(r),
                Some((r, None)) => {
                    errors.push(err(format!("'{r}' is not a CAMEO event code")));
                    continue;
                }
            };
            match parse_pattern(fields[1]) {
                Ok((lemma, elements)) => self.patterns.push(VerbPattern {
                    code,
                    reverse,
                    lemma,
                    elements,
                    example: fields
                        .get(2)
                        .map(|s| s.to_string())
                        .filter(|s| !s.is_empty()),
                    origin: format!("{file}:{}", i + 1),
                }),
                Err(message) => errors.push(err(message)),
            }
        }
        errors
    }
}

fn parse_pattern(pattern: &str) -> Result<(String, Vec<Element>), String> {
    let mut words = pattern.split_whitespace();
    let lemma = words.next().ok_or("empty pattern")?.to_lowercase();
    if !lemma.chars().all(|c| c.is_alphabetic() || c == '-') {
        return Err(format!("the pattern must start with a verb, not '{lemma}'"));
    }
    let mut elements = Vec::new();
    for w in words {
        let w = w.to_lowercase();
        if w == "..." {
            elements.push(Element::Gap);
        } else if let Some(prep) = w.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            elements.push(Element::TargetPrep(prep.to_string()));
        } else if let Some(prep) = w.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            elements.push(Element::SourcePrep(prep.to_string()));
        } else if w.contains(['{', '}', '|', '<', '>']) {
            return Err(format!("malformed word '{w}'"));
        } else {
            elements.push(Element::Word(w));
        }
    }
    Ok((lemma, elements))
}

/// Compiled patterns: every inflected verb form maps to the patterns it may start.
#[derive(Clone, Debug, Default)]
pub struct VerbIndex {
    pub by_form: HashMap<String, Vec<usize>>,
    pub patterns: Vec<VerbPattern>,
}

impl VerbIndex {
    pub fn new(dict: &VerbDictionary) -> VerbIndex {
        let mut by_form: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in dict.patterns.iter().enumerate() {
            for form in dyad_text::inflections(&p.lemma) {
                by_form.entry(form).or_default().push(i);
            }
        }
        // Most specific first, so the first pattern that matches is the one to use.
        for list in by_form.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(dict.patterns[i].specificity()));
        }
        VerbIndex {
            by_form,
            patterns: dict.patterns.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_patterns_and_reports_bad_lines() {
        let mut d = VerbDictionary::default();
        let errors = d.add(
            "v.txt",
            "020 | urge | Israel urged Egypt to act.\n085 | lift ... sanctions {on}\n999 | foo\n120\n072 | receive ... arms <from\n072 | receive ... arms <from>\n",
        );
        assert_eq!(d.patterns.len(), 3);
        assert_eq!(d.patterns[1].text(), "lift ... sanctions {on}");
        assert_eq!(d.patterns[2].text(), "receive ... arms <from>");
        assert_eq!(
            d.patterns[2].elements.last(),
            Some(&Element::SourcePrep("from".into()))
        );
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [3, 4, 5]);
        assert!(errors[2].to_string().contains("malformed word '<from'"));
    }
}

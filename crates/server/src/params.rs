//! Query-string parameters, checked one by one so that a mistake is a 400 naming the
//! parameter and the problem, never a silently ignored filter: unknown and repeated
//! parameters are refused too. An empty value (`since=` from an empty form field) counts as
//! absent.

use crate::error::ApiError;
use chrono::NaiveDate;
use dyad_store::Period;

/// Lists return at most this many items a page.
pub const MAX_LIMIT: usize = 500;
pub const DEFAULT_LIMIT: usize = 50;
/// Offsets are bounded: a deep offset costs a walk over everything before it.
pub const MAX_OFFSET: usize = 100_000;
/// Actor codes are short: CAMEO codes chain three-letter parts.
const MAX_CODE_LEN: usize = 32;
/// Free text (search words, issue keys).
const MAX_TEXT_LEN: usize = 200;

/// The parameters of one request.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses a raw query string, refusing names not in `allowed` and names given twice.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if !allowed.contains(&name.as_ref()) {
                let known = if allowed.is_empty() {
                    "this endpoint takes no parameters".to_string()
                } else {
                    format!("unknown parameter; known: {}", allowed.join(", "))
                };
                return Err(ApiError::bad(&name, known));
            }
            if pairs.iter().any(|(n, _)| n == name.as_ref()) {
                return Err(ApiError::bad(&name, "given more than once"));
            }
            pairs.push((name.into_owned(), value.into_owned()));
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, trimmed; `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A canonical form (sorted, empty values dropped): the cache key of a response.
    pub fn canonical(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .map(|(n, v)| (n.as_str(), v.trim()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        pairs.sort();
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    /// This query with `name` set to `value` (for "next page" links).
    pub fn with(&self, name: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(n, v)| n != name && !v.trim().is_empty())
            .map(|(n, v)| (n.as_str(), v.trim()))
            .collect();
        pairs.push((name, value));
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    /// An integer in `lo..=hi`.
    pub fn int(&self, name: &str, lo: i64, hi: i64) -> Result<Option<i64>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let n: i64 = v
            .parse()
            .map_err(|_| ApiError::bad(name, format!("'{v}' is not an integer")))?;
        if n < lo || n > hi {
            return Err(ApiError::bad(
                name,
                format!("{n} is out of range ({lo}..={hi})"),
            ));
        }
        Ok(Some(n))
    }

    /// `limit` (1..=500, default 50) and `offset` (0..=100000, default 0).
    pub fn page(&self) -> Result<(usize, usize), ApiError> {
        let limit = self.int("limit", 1, MAX_LIMIT as i64)?;
        let offset = self.int("offset", 0, MAX_OFFSET as i64)?;
        Ok((
            limit.map_or(DEFAULT_LIMIT, |n| n as usize),
            offset.map_or(0, |n| n as usize),
        ))
    }

    /// A `YYYY-MM-DD` date.
    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::bad(name, format!("'{v}' is not a date (YYYY-MM-DD)")))
    }

    /// `since` and `until`, with `since` not after `until`.
    pub fn date_range(&self) -> Result<(Option<NaiveDate>, Option<NaiveDate>), ApiError> {
        let (since, until) = (self.date("since")?, self.date("until")?);
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(ApiError::bad("until", format!("{u} is before since ({s})")));
            }
        }
        Ok((since, until))
    }

    /// An actor code or prefix: letters and digits, upper-cased.
    pub fn code(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.get(name).map(|v| actor_code(name, v)).transpose()
    }

    /// One of a fixed set of words.
    pub fn choice<T: Copy>(
        &self,
        name: &str,
        choices: &[(&str, T)],
    ) -> Result<Option<T>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        choices
            .iter()
            .find(|(word, _)| word.eq_ignore_ascii_case(v))
            .map(|(_, t)| Some(*t))
            .ok_or_else(|| {
                let words: Vec<&str> = choices.iter().map(|(w, _)| *w).collect();
                ApiError::bad(name, format!("'{v}' is not one of {}", words.join(", ")))
            })
    }

    /// Free text of bounded length.
    pub fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        if v.chars().count() > MAX_TEXT_LEN {
            return Err(ApiError::bad(
                name,
                format!("longer than {MAX_TEXT_LEN} characters"),
            ));
        }
        Ok(Some(v.to_string()))
    }

    /// `by`: day, week or month.
    pub fn period(&self, default: Period) -> Result<Period, ApiError> {
        Ok(self
            .choice(
                "by",
                &[
                    ("day", Period::Day),
                    ("week", Period::Week),
                    ("month", Period::Month),
                ],
            )?
            .unwrap_or(default))
    }
}

/// Checks an actor code or prefix from a query or a path segment.
pub fn actor_code(name: &str, v: &str) -> Result<String, ApiError> {
    let v = v.trim();
    if v.is_empty() {
        return Err(ApiError::bad(name, "empty actor code"));
    }
    if v.len() > MAX_CODE_LEN || !v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ApiError::bad(
            name,
            format!("'{v}' is not an actor code (letters and digits, at most {MAX_CODE_LEN})"),
        ));
    }
    Ok(v.to_ascii_uppercase())
}

/// The name of a period, as the API writes it.
pub fn period_name(p: Period) -> &'static str {
    match p {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        let e = Params::parse(Some("limit=5&colour=red"), &["limit"]).unwrap_err();
        assert!(matches!(e, ApiError::BadParameter { ref parameter, .. } if parameter == "colour"));
        let e = Params::parse(Some("limit=5&limit=6"), &["limit"]).unwrap_err();
        assert!(matches!(e, ApiError::BadParameter { ref parameter, .. } if parameter == "limit"));
    }

    #[test]
    fn values_are_checked_and_empty_ones_are_absent() {
        let p = Params::parse(
            Some("limit=0&since=&until=2026-13-01"),
            &["limit", "since", "until"],
        )
        .unwrap();
        assert!(p.page().is_err());
        assert_eq!(p.date("since").unwrap(), None);
        assert!(p.date("until").is_err());
        let p = Params::parse(
            Some("since=2026-03-01&until=2026-02-01"),
            &["since", "until"],
        )
        .unwrap();
        assert!(
            matches!(p.date_range(), Err(ApiError::BadParameter { ref parameter, .. }) if parameter == "until")
        );
    }

    #[test]
    fn canonical_queries_ignore_order_and_empty_values() {
        let a = Params::parse(Some("b=2&a=1&c="), &["a", "b", "c"]).unwrap();
        let b = Params::parse(Some("a=1&b=2"), &["a", "b", "c"]).unwrap();
        assert_eq!(a.canonical(), b.canonical());
        assert_eq!(a.with("a", "9"), "b=2&a=9");
    }

    #[test]
    fn actor_codes_are_letters_and_digits() {
        assert_eq!(actor_code("a", " isr ").unwrap(), "ISR");
        assert!(actor_code("a", "ISR'--").is_err());
        assert!(actor_code("a", "").is_err());
    }
}

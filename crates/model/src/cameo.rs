//! The CAMEO event ontology, built in: every code with its name, Goldstein weight, quad class,
//! root and PLOVER mapping.
//!
//! The table lives in `data/cameo.txt` (one code a line) and is embedded at compile time, so a
//! code is a cheap `Copy` handle into a static table and no stage ever needs a file to know what
//! `0354` means.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/cameo.txt");

/// The four quad classes of CAMEO events, GDELT's `QuadClass` numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuadClass {
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

impl QuadClass {
    pub fn number(self) -> u8 {
        self as u8
    }
    pub fn name(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "Verbal Cooperation",
            QuadClass::MaterialCooperation => "Material Cooperation",
            QuadClass::VerbalConflict => "Verbal Conflict",
            QuadClass::MaterialConflict => "Material Conflict",
        }
    }
    /// The quad class of a root code (`"01"`..`"20"`).
    pub fn of_root(root: u8) -> Option<QuadClass> {
        match root {
            1..=5 => Some(QuadClass::VerbalCooperation),
            6..=9 => Some(QuadClass::MaterialCooperation),
            10..=14 => Some(QuadClass::VerbalConflict),
            15..=20 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }
    pub fn from_number(n: u8) -> Option<QuadClass> {
        QuadClass::of_root(match n {
            1 => 1,
            2 => 6,
            3 => 10,
            4 => 15,
            _ => 0,
        })
    }
}

impl Serialize for QuadClass {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.number())
    }
}

impl<'de> Deserialize<'de> for QuadClass {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u8::deserialize(d)?;
        QuadClass::from_number(n).ok_or_else(|| serde::de::Error::custom("quad class is 1..=4"))
    }
}

/// One line of the ontology.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoEntry {
    pub code: String,
    pub name: String,
    pub goldstein: f32,
    /// PLOVER event type, `None` where PLOVER drops the code (roots 01 and 02).
    pub plover_event: Option<String>,
    pub plover_mode: Option<String>,
    pub plover_context: Vec<String>,
}

impl CameoEntry {
    pub fn root(&self) -> &str {
        &self.code[..2]
    }
    pub fn quad(&self) -> QuadClass {
        let root: u8 = self.code[..2].parse().unwrap_or(1);
        QuadClass::of_root(root).unwrap_or(QuadClass::VerbalCooperation)
    }
}

/// The whole ontology.
pub struct Cameo {
    entries: Vec<CameoEntry>,
}

impl Cameo {
    /// The built-in table, parsed once.
    pub fn get() -> &'static Cameo {
        static CAMEO: OnceLock<Cameo> = OnceLock::new();
        CAMEO.get_or_init(|| {
            Cameo::parse(TABLE).unwrap_or_else(|e| panic!("built-in data/cameo.txt: {e}"))
        })
    }

    fn parse(text: &str) -> Result<Cameo, String> {
        let mut entries = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            if fields.len() != 6 {
                return Err(format!("line {}: expected 6 fields", i + 1));
            }
            let code = fields[0];
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("line {}: bad code '{code}'", i + 1));
            }
            let goldstein = fields[1]
                .parse()
                .map_err(|_| format!("line {}: bad Goldstein '{}'", i + 1, fields[1]))?;
            let opt = |s: &str| (s != "-" && !s.is_empty()).then(|| s.to_string());
            entries.push(CameoEntry {
                code: code.to_string(),
                goldstein,
                plover_event: opt(fields[2]),
                plover_mode: opt(fields[3]),
                plover_context: fields[4]
                    .split(';')
                    .map(str::trim)
                    .filter(|c| !c.is_empty() && *c != "-")
                    .map(String::from)
                    .collect(),
                name: fields[5].to_string(),
            });
        }
        entries.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(Cameo { entries })
    }

    pub fn entries(&self) -> &[CameoEntry] {
        &self.entries
    }

    /// Looks a code up; `"0354"`, `"035"` and `"03"` are distinct codes.
    pub fn lookup(&self, code: &str) -> Option<CameoCode> {
        self.entries
            .binary_search_by(|e| e.code.as_str().cmp(code))
            .ok()
            .map(|i| CameoCode(i as u16))
    }
}

/// A valid CAMEO event code: a handle into the built-in ontology.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode(u16);

impl CameoCode {
    /// Parses a code, accepting the ontology's codes only.
    pub fn parse(code: &str) -> Option<CameoCode> {
        Cameo::get().lookup(code.trim())
    }
    pub fn entry(self) -> &'static CameoEntry {
        &Cameo::get().entries[self.0 as usize]
    }
    pub fn as_str(self) -> &'static str {
        &self.entry().code
    }
    pub fn root(self) -> &'static str {
        self.entry().root()
    }
    pub fn quad(self) -> QuadClass {
        self.entry().quad()
    }
    pub fn goldstein(self) -> f32 {
        self.entry().goldstein
    }
    pub fn name(self) -> &'static str {
        &self.entry().name
    }
    pub fn plover(self) -> Option<&'static str> {
        self.entry().plover_event.as_deref()
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({})", self.as_str())
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CameoCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CameoCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CameoCode::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown CAMEO code '{s}'")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_root_and_quad_consistent_with_its_root() {
        let cameo = Cameo::get();
        assert!(cameo.entries().len() >= 300);
        for e in cameo.entries() {
            assert!(
                cameo.lookup(e.root()).is_some(),
                "{} has no root entry",
                e.code
            );
            assert!((-10.0..=10.0).contains(&e.goldstein), "{}", e.code);
        }
    }

    #[test]
    fn known_codes_resolve() {
        let ease = CameoCode::parse("0354").expect("0354");
        assert_eq!(ease.root(), "03");
        assert_eq!(ease.quad(), QuadClass::VerbalCooperation);
        let reject = CameoCode::parse("120").expect("120");
        assert_eq!(reject.quad(), QuadClass::VerbalConflict);
        assert!(reject.goldstein() < 0.0);
        assert_eq!(CameoCode::parse("999"), None);
        assert_eq!(CameoCode::parse("02").and_then(|c| c.plover()), None);
    }

    /// Compares the built-in table with the reference CAMEO table in `../shared` when present.
    #[test]
    fn matches_reference_table_in_shared() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/eval/cameo/cameo_codes.tsv");
        let Ok(reference) = std::fs::read_to_string(&path) else {
            println!("skipped: {} not found (no ../shared)", path.display());
            return;
        };
        let cameo = Cameo::get();
        let mut seen = 0;
        let mut problems = Vec::new();
        for line in reference.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 9 {
                continue;
            }
            seen += 1;
            let Some(code) = cameo.lookup(f[0]) else {
                problems.push(format!("{} missing", f[0]));
                continue;
            };
            let e = code.entry();
            let goldstein: f32 = f[2].parse().unwrap_or(f32::NAN);
            if (e.goldstein - goldstein).abs() > 1e-6 {
                problems.push(format!(
                    "{} goldstein {} vs {}",
                    f[0], e.goldstein, goldstein
                ));
            }
            if e.quad().number().to_string() != f[3] {
                problems.push(format!("{} quad {} vs {}", f[0], e.quad().number(), f[3]));
            }
            if e.root() != f[5] {
                problems.push(format!("{} root", f[0]));
            }
            let plover = match f[6] {
                "(dropped)" | "" => None,
                p => Some(p),
            };
            if e.plover_event.as_deref() != plover {
                problems.push(format!(
                    "{} plover {:?} vs {:?}",
                    f[0], e.plover_event, plover
                ));
            }
        }
        assert_eq!(seen, cameo.entries().len(), "code count differs");
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

//! Duplicates: the same story syndicated on many sites, or a page fetched twice.
//!
//! Two checks, cheapest first:
//!
//! - **exact**: [`content_hash`], a hash of the text alone (lower-cased words, punctuation and
//!   spacing ignored). The [`dyad_model::ArticleId`] hashes the source too, so the same wire
//!   story on two sites has two ids but one content hash.
//! - **near**: MinHash over word 5-shingles ([`SIGNATURE_LEN`] hash functions) with an LSH
//!   index of [`BANDS`] bands of [`ROWS`] rows. Two texts whose shingle sets have Jaccard
//!   similarity 0.8 share a band with probability 1 − (1 − 0.8⁶)²⁰ ≈ 0.998; a candidate counts
//!   as a duplicate when the signatures' estimated similarity reaches the threshold (0.8 by
//!   default).
//!
//! [`Signature::of`] is pure and cheap to run on worker threads; [`Deduplicator::check`] is the
//! sequential part, deciding in the order texts are offered (the first seen is the original).
//! Memory: about 1 KB for each distinct text kept.

use std::collections::HashMap;

/// MinHash values per signature.
pub const SIGNATURE_LEN: usize = BANDS * ROWS;
/// LSH bands.
pub const BANDS: usize = 20;
/// Signature rows per band.
pub const ROWS: usize = 6;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// The default near-duplicate threshold (estimated Jaccard similarity of the shingle sets).
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// The text-only content hash: 16 hex digits of BLAKE3 over the lower-cased words.
pub fn content_hash(text: &str) -> String {
    format!("{:016x}", exact_hash(text))
}

fn exact_hash(text: &str) -> u64 {
    let mut hasher = blake3::Hasher::new();
    for (i, word) in words(text).enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    let bytes = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes.as_bytes()[..8]);
    u64::from_be_bytes(first)
}

/// Lower-cased runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// A text's fingerprint: its exact hash and its MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    exact: u64,
    mins: Box<[u32; SIGNATURE_LEN]>,
    /// Whether the text had any words (an empty text is never a near duplicate).
    empty: bool,
}

/// SplitMix64's finaliser: a good 64-bit mixer.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a over a word's bytes.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Signature {
    /// Fingerprints a text.
    pub fn of(text: &str) -> Signature {
        let hashes: Vec<u64> = words(text).map(|w| word_hash(&w)).collect();
        let mut mins = Box::new([u32::MAX; SIGNATURE_LEN]);
        let mut shingle = |s: &[u64]| {
            let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
            for &w in s {
                h = mix(h ^ w);
            }
            for (i, m) in mins.iter_mut().enumerate() {
                let v = (mix(h ^ SEEDS[i]) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        };
        if hashes.len() < SHINGLE_WORDS {
            if !hashes.is_empty() {
                shingle(&hashes);
            }
        } else {
            for w in hashes.windows(SHINGLE_WORDS) {
                shingle(w);
            }
        }
        Signature {
            exact: exact_hash(text),
            mins,
            empty: hashes.is_empty(),
        }
    }

    /// The estimated Jaccard similarity of two texts' shingle sets: the share of equal
    /// MinHash values.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.empty || other.empty {
            return if self.exact == other.exact { 1.0 } else { 0.0 };
        }
        let same = self
            .mins
            .iter()
            .zip(other.mins.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / SIGNATURE_LEN as f64
    }

    /// The text-only content hash, as [`content_hash`] writes it.
    pub fn content_hash(&self) -> String {
        format!("{:016x}", self.exact)
    }

    fn band_key(&self, band: usize) -> u64 {
        let mut h = mix(band as u64 + 1);
        for &v in &self.mins[band * ROWS..(band + 1) * ROWS] {
            h = mix(h ^ u64::from(v));
        }
        h
    }
}

/// Seeds of the MinHash functions: fixed, so that signatures agree across runs.
static SEEDS: [u64; SIGNATURE_LEN] = {
    let mut seeds = [0u64; SIGNATURE_LEN];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut i = 0;
    while i < SIGNATURE_LEN {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

/// Whether a text was seen before.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// First seen: now remembered as an original.
    Unique,
    /// The same words as the original named.
    Exact { of: String },
    /// Nearly the same: estimated Jaccard similarity at or above the threshold.
    Near { of: String, similarity: f64 },
}

impl Verdict {
    /// The original's key, for a duplicate.
    pub fn duplicate_of(&self) -> Option<&str> {
        match self {
            Verdict::Unique => None,
            Verdict::Exact { of } | Verdict::Near { of, .. } => Some(of),
        }
    }
}

const NONE: u32 = u32::MAX;

/// Remembers the texts offered to it and says which repeat an earlier one.
#[derive(Debug)]
pub struct Deduplicator {
    threshold: f64,
    keys: Vec<String>,
    signatures: Vec<[u32; SIGNATURE_LEN]>,
    /// Content hash → the original (for near duplicates too: the original they repeat).
    exact: HashMap<u64, u32>,
    /// Band key → the latest original with that band.
    bands: HashMap<u64, u32>,
    /// For each original and band, the previous original with the same band key.
    chain: Vec<[u32; BANDS]>,
}

impl Default for Deduplicator {
    fn default() -> Self {
        Deduplicator::new(DEFAULT_THRESHOLD)
    }
}

impl Deduplicator {
    /// A deduplicator calling texts near duplicates from `threshold` (estimated Jaccard
    /// similarity, 0 to 1) up.
    pub fn new(threshold: f64) -> Deduplicator {
        Deduplicator {
            threshold: threshold.clamp(0.0, 1.0),
            keys: Vec::new(),
            signatures: Vec::new(),
            exact: HashMap::new(),
            bands: HashMap::new(),
            chain: Vec::new(),
        }
    }

    /// Originals remembered.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether nothing is remembered yet.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Checks a text's signature against those seen; a unique one is remembered under `key`
    /// (the name reported for its duplicates: an input name, a URL, an id).
    pub fn check(&mut self, key: &str, sig: &Signature) -> Verdict {
        if let Some(&i) = self.exact.get(&sig.exact) {
            return Verdict::Exact {
                of: self.keys[i as usize].clone(),
            };
        }
        let band_keys: Vec<u64> = (0..BANDS).map(|b| sig.band_key(b)).collect();
        if !sig.empty {
            let mut best: Option<(u32, f64)> = None;
            let mut tried = std::collections::HashSet::new();
            for (b, k) in band_keys.iter().enumerate() {
                let mut next = self.bands.get(k).copied().unwrap_or(NONE);
                while next != NONE {
                    let cand = next;
                    next = self.chain[cand as usize][b];
                    if !tried.insert(cand) {
                        continue;
                    }
                    let same = sig
                        .mins
                        .iter()
                        .zip(self.signatures[cand as usize].iter())
                        .filter(|(a, b)| a == b)
                        .count();
                    let s = same as f64 / SIGNATURE_LEN as f64;
                    // The earliest original wins ties, so verdicts do not depend on order
                    // within the index.
                    let better = match best {
                        None => true,
                        Some((bi, bs)) => s > bs || (s == bs && cand < bi),
                    };
                    if s >= self.threshold && better {
                        best = Some((cand, s));
                    }
                }
            }
            if let Some((i, similarity)) = best {
                // A later exact copy of this text is an exact duplicate of the same original.
                self.exact.insert(sig.exact, i);
                return Verdict::Near {
                    of: self.keys[i as usize].clone(),
                    similarity,
                };
            }
        }
        let Ok(id) = u32::try_from(self.keys.len()) else {
            // Four billion originals: stop remembering rather than misnumber.
            return Verdict::Unique;
        };
        self.keys.push(key.to_owned());
        self.signatures.push(*sig.mins);
        self.exact.insert(sig.exact, id);
        let mut links = [NONE; BANDS];
        if !sig.empty {
            for (b, k) in band_keys.into_iter().enumerate() {
                links[b] = self.bands.insert(k, id).unwrap_or(NONE);
            }
        }
        self.chain.push(links);
        Verdict::Unique
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str =
        "Egypt urged Israel on Monday to reopen the Rafah crossing for aid convoys, \
        saying thousands of trucks were waiting at the border. Israeli officials rejected the \
        request and said the crossing would stay closed until the hostages were returned. The \
        United Nations warned that food supplies in the south of the territory would run out \
        within days if the convoys could not pass, and called on both sides to agree on \
        inspections that would let the trucks through.";

    fn check(texts: &[&str], want: &[&str]) {
        let mut d = Deduplicator::default();
        let got: Vec<String> = texts
            .iter()
            .enumerate()
            .map(
                |(i, t)| match d.check(&format!("doc{i}"), &Signature::of(t)) {
                    Verdict::Unique => "unique".to_string(),
                    Verdict::Exact { of } => format!("exact {of}"),
                    Verdict::Near { of, .. } => format!("near {of}"),
                },
            )
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn exact_near_and_distinct() {
        let reformatted = STORY.replace(", ", " , ").to_uppercase();
        let edited = format!(
            "CAIRO (Reuters) - {} Reporting by the Cairo bureau.",
            STORY.replace("thousands of", "hundreds of")
        );
        let other = "Turkey condemned Sweden on Tuesday after a protest in Stockholm, saying \
            the government had failed to stop an act that offended millions of believers.";
        check(
            &[STORY, &reformatted, &edited, other, other, "", &edited],
            &[
                "unique",
                "exact doc0",
                "near doc0",
                "unique",
                "exact doc3",
                "unique",
                "exact doc0",
            ],
        );
    }

    #[test]
    fn similarity_tracks_overlap() {
        let a = Signature::of(STORY);
        let half: String = STORY
            .split_whitespace()
            .take(40)
            .collect::<Vec<_>>()
            .join(" ");
        let b = Signature::of(&half);
        let s = a.similarity(&b);
        assert!(s > 0.25 && s < 0.75, "{s}");
        assert_eq!(a.similarity(&a), 1.0);
        assert_eq!(content_hash("A  b, c!"), content_hash("a b c"));
        assert_ne!(content_hash("a b c"), content_hash("a b d"));
    }
}

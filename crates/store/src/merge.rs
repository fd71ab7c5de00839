//! When are two reports the same real-world event?
//!
//! Two reports are one event when they have the same source and target actor codes and the
//! same CAMEO root, their dates lie within [`DATE_WINDOW_DAYS`] of the event's date, their
//! modalities agree in kind ([`modality_class`]), and their evidence is similar
//! ([`similar`]). The first three are what GDELT keys events on; the evidence test keeps
//! apart two different things that the same actors did to each other in the same week
//! ("criticised the tank deliveries", "criticised the pipeline sanctions").

use dyad_model::Modality;

/// Reports up to this many days before or after an event's date can be the same event:
/// outlets report a day or two late, and datelines are the publication day, not the event's.
pub const DATE_WINDOW_DAYS: i64 = 2;

/// Evidence similarity at or above which reports merge (overlap coefficient of content words).
pub const SIMILARITY_THRESHOLD: f64 = 0.3;

/// Modalities that describe the same kind of fact. A denial is not a report of the deed,
/// nor is a plan; "reportedly attacked" and "attacked" are the same deed.
pub fn modality_class(m: Modality) -> u8 {
    match m {
        Modality::Asserted | Modality::Reported => 0,
        Modality::Negated => 1,
        Modality::Intended => 2,
        Modality::Hypothetical => 3,
    }
}

/// Of two modalities of one event, the one to keep: first-hand over hearsay.
pub fn stronger(a: Modality, b: Modality) -> Modality {
    if a == Modality::Reported && b == Modality::Asserted {
        b
    } else {
        a
    }
}

/// Words too common to tell two events apart, sorted for binary search.
const STOPWORDS: &[&str] = &[
    "about",
    "according",
    "after",
    "again",
    "against",
    "also",
    "and",
    "any",
    "are",
    "because",
    "been",
    "before",
    "being",
    "but",
    "can",
    "could",
    "did",
    "does",
    "during",
    "for",
    "friday",
    "from",
    "had",
    "has",
    "have",
    "her",
    "his",
    "into",
    "its",
    "last",
    "monday",
    "more",
    "most",
    "not",
    "now",
    "off",
    "official",
    "officials",
    "one",
    "only",
    "other",
    "our",
    "out",
    "over",
    "reported",
    "reports",
    "said",
    "saturday",
    "says",
    "she",
    "should",
    "some",
    "spokesman",
    "spokeswoman",
    "statement",
    "such",
    "sunday",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thursday",
    "today",
    "told",
    "tuesday",
    "under",
    "until",
    "very",
    "was",
    "wednesday",
    "week",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "will",
    "with",
    "would",
    "yesterday",
    "you",
];

/// A crude stem: enough for "missiles"/"missile", "fired"/"fire", without a dictionary.
fn stem(word: &str) -> &str {
    let mut w = word;
    for suffix in ["ing", "ed"] {
        if let Some(base) = w.strip_suffix(suffix).filter(|b| b.len() >= 3) {
            w = base;
            break;
        }
    }
    if let Some(base) = w
        .strip_suffix('s')
        .filter(|b| b.len() >= 3 && !b.ends_with('s'))
    {
        w = base;
    }
    w.strip_suffix('e').filter(|b| b.len() >= 3).unwrap_or(w)
}

/// Calls `f` with each content term of `text` (lower-cased, stemmed, stopwords dropped),
/// skipping words that overlap the byte ranges in `skip`: the actors' names and the trigger,
/// which every candidate shares by construction and so say nothing.
fn for_each_term(text: &str, skip: &[(usize, usize)], mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut visit = |from: usize, to: usize, word: &mut String| {
        if skip.iter().any(|&(s, e)| from < e && s < to) {
            return;
        }
        word.clear();
        word.extend(text[from..to].chars().flat_map(char::to_lowercase));
        if word.chars().count() < 3 || STOPWORDS.binary_search(&word.as_str()).is_ok() {
            return;
        }
        if word.bytes().all(|b| b.is_ascii_digit()) {
            // Numbers are content ("2.5 billion"): kept as they are.
            f(word);
        } else {
            f(stem(word));
        }
    };
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            visit(s, i, &mut word);
        }
    }
    if let Some(s) = start {
        visit(s, text.len(), &mut word);
    }
}

/// The content terms of `text` as words, sorted and deduplicated: for tests and debugging.
pub fn content_terms(text: &str, skip: &[(usize, usize)]) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, skip, |t| out.push(t.to_string()));
    out.sort();
    out.dedup();
    out
}

/// A sentence's content terms as 64-bit hashes, sorted and deduplicated: small to cache per
/// event and cheap to intersect, which matters since every new report is compared with the
/// events it might belong to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words(Vec<u64>);

impl Words {
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// FNV-1a: stable across runs and builds (unlike std's randomly keyed hasher).
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The content words of `text`, skipping the byte ranges in `skip`.
pub fn content_words(text: &str, skip: &[(usize, usize)]) -> Words {
    let mut out = Vec::new();
    for_each_term(text, skip, |t| out.push(fnv1a(t)));
    out.sort_unstable();
    out.dedup();
    Words(out)
}

/// The overlap coefficient |A∩B| / min(|A|,|B|): a short headline that is all in the long
/// report counts as the same story. Empty sets are similar to anything: nothing disagrees.
pub fn similarity(a: &Words, b: &Words) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.0.len() && j < b.0.len() {
        match a.0[i].cmp(&b.0[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / smaller as f64
}

/// Whether two sets of content words describe the same event.
pub fn similar(a: &Words, b: &Words) -> bool {
    similarity(a, b) >= SIMILARITY_THRESHOLD
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `a` and `b` with their actor/trigger words (given as literal substrings) masked.
    fn check(a: (&str, &[&str]), b: (&str, &[&str]), expected: bool) {
        let words = |(text, masked): (&str, &[&str])| {
            let skip: Vec<(usize, usize)> = masked
                .iter()
                .filter_map(|m| text.find(m).map(|s| (s, s + m.len())))
                .collect();
            content_words(text, &skip)
        };
        let (wa, wb) = (words(a), words(b));
        assert_eq!(
            similar(&wa, &wb),
            expected,
            "{:?} vs {:?}: {:.2}",
            content_terms(a.0, &[]),
            content_terms(b.0, &[]),
            similarity(&wa, &wb)
        );
    }

    #[test]
    fn same_event_worded_differently_merges() {
        check(
            (
                "The Houthis fired missiles at a tanker near the Bab el-Mandeb strait.",
                &["The Houthis", "fired"],
            ),
            (
                "Houthi rebels launched missiles at a commercial tanker in the Red Sea on Tuesday.",
                &["Houthi rebels", "launched"],
            ),
            true,
        );
        check(
            (
                "Qatar urged Iran to restrain the Houthis.",
                &["Qatar", "urged", "Iran"],
            ),
            (
                "Doha called on Tehran on Tuesday to restrain Houthi fighters.",
                &["Doha", "called on", "Tehran"],
            ),
            true,
        );
    }

    #[test]
    fn different_deeds_of_the_same_dyad_stay_apart() {
        check(
            (
                "Russia criticized Germany's decision to send tanks to Kyiv.",
                &["Russia", "criticized", "Germany"],
            ),
            (
                "Russia criticized Germany over new gas pipeline sanctions.",
                &["Russia", "criticized", "Germany"],
            ),
            false,
        );
    }

    #[test]
    fn bare_reports_merge_for_lack_of_contrary_words() {
        check(
            ("Iran urged Qatar.", &["Iran", "urged", "Qatar"]),
            ("Iran urged Qatar on Tuesday.", &["Iran", "urged", "Qatar"]),
            true,
        );
    }

    #[test]
    fn stopwords_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn content_words_stem_mask_and_drop_stopwords() {
        let text = "The Houthis fired missiles, officials said.";
        assert_eq!(content_terms(text, &[(4, 11)]), vec!["fir", "missil"]);
        assert_eq!(
            content_terms("2.5 billion dollars", &[]),
            vec!["billion", "dollar"]
        );
        assert_eq!(
            content_words("a missile was fired", &[]),
            content_words("missiles fire", &[])
        );
    }

    #[test]
    fn modality_classes() {
        assert_eq!(
            modality_class(Modality::Asserted),
            modality_class(Modality::Reported)
        );
        assert_ne!(
            modality_class(Modality::Asserted),
            modality_class(Modality::Negated)
        );
        assert_eq!(
            stronger(Modality::Reported, Modality::Asserted),
            Modality::Asserted
        );
        assert_eq!(
            stronger(Modality::Asserted, Modality::Reported),
            Modality::Asserted
        );
    }
}

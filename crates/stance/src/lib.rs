//! Stances: who stands where on which issue, and where allies split.
//!
//! [`StanceExtractor::extract`] reads an article's sentences and actor mentions and returns
//! [`Stance`](dyad_model::Stance)s: an actor, a normalised issue key, a position (for,
//! against, conditional), a strength, the modality, and byte spans of the evidence sentence
//! and of the cue words. [`divergence()`] compares two actors' stances issue by issue.
//!
//! Architecture invariant: this crate is pure. It reads no files (dictionaries arrive as
//! text the caller has read; dyad's own `data/issues.txt` is compiled in) and knows nothing
//! of storage or output formats.
//!
//! # How a stance is read
//!
//! * **Cues** anchor a stance ([`lexicon`]): verbs ("urged", "backs", "opposes",
//!   "rejected", "prioritizes", "insists", "believes", "X argue"), adjectives ("is eager to",
//!   "is skeptical that", "is wary that"), views ("views X as a mistake") and sentence frames
//!   ("From X's perspective, …", "For X, …", "In X's calculus, …", "According to X, …").
//! * **Holder**: the subject, found by walking left from the cue past parentheticals
//!   (", focused on reshaping US policy,"), actors governed by prepositions and objects of
//!   verbs; members named in an aside stand for a vague head ("key Arab states, especially
//!   Saudi Arabia, will refuse"). Resolved pronouns from the recogniser ("he insists", "From
//!   his standpoint") are mentions like any other.
//! * **Issue**: the phrase the cue governs, to the next clause boundary, normalised into a
//!   key ([`issue`]); coordinated parts ("reshaping X and reducing Y") and components ("a
//!   phase built around X, supported by Y") give their own stances.
//! * **Clauses** under "believes", "insists", frames and report tags are read by shape: "A
//!   risks B" or "A is temporary" → against A; "A can marginalize extremists" → for A; "A
//!   cannot be allowed to stall B" → against A, for B; "A are prerequisites for B" → for A,
//!   conditional on B; "Without A, …" → for A; "X must do V" / "demanded that X do V" → for
//!   V; "X is slowing B" (believed by the holder) → the holder is for B. Feared clauses ("is
//!   wary that A could …") are against A; doubted ones ("is skeptical that A will work")
//!   against A, except that doubting an adversary will concede ("skeptical that Hamas would
//!   ever relinquish its weapons") is wanting the concession.
//! * **References within the article**: "rejected the request" takes the opposite side of
//!   the latest request made to the holder; "lift the measures" is the "sanctions on
//!   Damascus" named before; a bare "delays", "momentum" or "moving too quickly" is about the
//!   last destination of progress ("progress toward the second phase").
//!
//! # Negation, conditions, attribution
//!
//! * **Negation** (not, never, no longer, n't before the cue) never leaves the position as
//!   it was. Cues of opposition flip to a *weak* `for` (strength × 0.4): "does not oppose
//!   the plan" is tolerance, not support. Cues of support flip to `against` at strength ×
//!   0.6: "does not support" withholds support. Requests, hopes and plans are voided: "did
//!   not urge X" says nothing about where the speaker stands. A flipped stance has modality
//!   `negated`.
//! * **Conditions** ("only if Hamas disarms", "unless", "until Hamas is disarmed", "provided
//!   that", "as long as", a leading "If …,") make the main stance `conditional` and add a
//!   `for` stance on the condition itself — the precondition issue, keyed like any issue, so
//!   "only if Hamas disarms" and "Hamas disarmament" meet. A position on such an issue is
//!   about requiring it: "For X, Hamas disarmament cannot be allowed to stall progress" is X
//!   *against* `disarm PSEREBHMS` as a requirement.
//! * **Attribution** is kept: the holder of "senior aides believe …" is the aides. Beliefs
//!   ("believes", "thinks") and everything said inside another holder's belief or report
//!   ("aides believe Netanyahu is slowing …" → Netanyahu's stance) are `reported`, as are
//!   stances in sentences with "reportedly", "allegedly" or "according to". Plans and
//!   pledges are `intended`; a modal before the cue ("will refuse") is `hypothetical`.

pub mod divergence;
mod extract;
pub mod issue;
mod lemma;
pub mod lexicon;

pub use divergence::{
    actor_matches, divergence, select, DivergenceOptions, IssueDivergence, Period, PeriodDivergence,
};
pub use extract::StanceExtractor;
pub use issue::{IssueDictionary, IssueDictionaryError, IssueEntry, IssueFormat, IssueIndex};
pub use lemma::lemma;

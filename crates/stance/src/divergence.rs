//! Divergence: where two actors stand apart on the same issues, per period.
//!
//! # The score
//!
//! Each stance has a polarity (`for` +1, `against` −1, `conditional` +½) and a weight: its
//! strength times a modality factor (asserted 1, intended 0.9, reported 0.7, negated 0.6,
//! hypothetical 0.5). For one issue in one period, every stance of A is paired with every
//! stance of B; a pair opposes when the polarities have opposite signs and agrees when they
//! share one, and counts `|pa·pb|·√(wa·wb)`. Then
//!
//! * `divergence` = Σ opposing pair scores / number of pairs: how often *and* how strongly the
//!   two take opposite positions (0 = never, 1 = always, flatly and on the record);
//! * `agreement` = the same over agreeing pairs;
//! * the issue is a **split** when divergence exceeds agreement.
//!
//! A period's score is the mean divergence over the issues both actors address; issues only
//! one side addresses are listed (with no score) so the report shows what each side pushes.

use dyad_model::{Modality, NaiveDate, Position, Stance};
use std::collections::BTreeMap;

/// How stances are grouped in time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Period {
    /// One period, "all".
    #[default]
    All,
    /// Calendar months, "2026-01"; undated stances go to "undated".
    Month,
}

/// What to compare.
#[derive(Clone, Debug, Default)]
pub struct DivergenceOptions {
    /// Only stances dated on or after this day (undated stances are left out when set).
    pub since: Option<NaiveDate>,
    /// Only stances dated on or before this day.
    pub until: Option<NaiveDate>,
    pub by: Period,
}

/// Both actors' positions on one issue in one period.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueDivergence {
    pub issue: String,
    /// A's stances on the issue, with their evidence spans.
    pub a: Vec<Stance>,
    pub b: Vec<Stance>,
    /// Weighted mean polarity of each side (−1 against … +1 for), `None` if silent.
    pub a_net: Option<f32>,
    pub b_net: Option<f32>,
    pub divergence: f32,
    pub agreement: f32,
    /// Pairs of stances that oppose, and all pairs.
    pub opposing_pairs: usize,
    pub pairs: usize,
}

impl IssueDivergence {
    /// Both sides took a position.
    pub fn shared(&self) -> bool {
        !self.a.is_empty() && !self.b.is_empty()
    }
    /// They mostly oppose.
    pub fn split(&self) -> bool {
        self.shared() && self.divergence > self.agreement
    }
}

/// One period of a divergence report.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodDivergence {
    /// "all", "2026-01" or "undated".
    pub period: String,
    /// Splits first (most divergent first), then shared issues, then one-sided ones.
    pub issues: Vec<IssueDivergence>,
    /// Issues both addressed, and how many of them split.
    pub shared: usize,
    pub split: usize,
    /// Mean divergence over shared issues; 0 when none is shared.
    pub score: f32,
}

/// Does a stance's actor code answer a query? Equal codes, or a query that is a prefix of
/// the code ("USA" matches `USAGOV` and `USAMIL`).
pub fn actor_matches(code: &str, query: &str) -> bool {
    !query.is_empty() && code.starts_with(query)
}

/// The stances of one actor (by [`actor_matches`]).
pub fn select(stances: &[Stance], actor: &str) -> Vec<Stance> {
    stances
        .iter()
        .filter(|s| actor_matches(&s.actor.code, actor))
        .cloned()
        .collect()
}

fn polarity(p: Position) -> f32 {
    match p {
        Position::For => 1.0,
        Position::Against => -1.0,
        Position::Conditional => 0.5,
    }
}

fn modality_weight(m: Modality) -> f32 {
    match m {
        Modality::Asserted => 1.0,
        Modality::Intended => 0.9,
        Modality::Reported => 0.7,
        Modality::Negated => 0.6,
        Modality::Hypothetical => 0.5,
    }
}

fn weight(s: &Stance) -> f32 {
    s.strength.clamp(0.0, 1.0) * modality_weight(s.modality)
}

fn net(stances: &[Stance]) -> Option<f32> {
    let total: f32 = stances.iter().map(weight).sum();
    (total > 0.0).then(|| {
        stances
            .iter()
            .map(|s| polarity(s.position) * weight(s))
            .sum::<f32>()
            / total
    })
}

fn period_of(s: &Stance, by: Period) -> String {
    match (by, s.date) {
        (Period::All, _) => "all".to_string(),
        (Period::Month, Some(d)) => d.format("%Y-%m").to_string(),
        (Period::Month, None) => "undated".to_string(),
    }
}

fn in_window(s: &Stance, opts: &DivergenceOptions) -> bool {
    match (opts.since, opts.until, s.date) {
        (None, None, _) => true,
        (_, _, None) => false,
        (since, until, Some(d)) => since.is_none_or(|x| d >= x) && until.is_none_or(|x| d <= x),
    }
}

/// Compares the stances of A and B (already selected, e.g. with [`select`]) issue by issue
/// and period by period. Pure; periods come out in order.
pub fn divergence(a: &[Stance], b: &[Stance], opts: &DivergenceOptions) -> Vec<PeriodDivergence> {
    type Sides = (Vec<Stance>, Vec<Stance>);
    let mut grid: BTreeMap<String, BTreeMap<String, Sides>> = BTreeMap::new();
    for (side, stances) in [(0, a), (1, b)] {
        for s in stances.iter().filter(|s| in_window(s, opts)) {
            let cell = grid
                .entry(period_of(s, opts.by))
                .or_default()
                .entry(s.issue.clone())
                .or_default();
            if side == 0 {
                cell.0.push(s.clone());
            } else {
                cell.1.push(s.clone());
            }
        }
    }
    grid.into_iter()
        .map(|(period, issues)| {
            let mut rows: Vec<IssueDivergence> = issues
                .into_iter()
                .map(|(issue, (a, b))| compare(issue, a, b))
                .collect();
            rows.sort_by(|x, y| {
                let rank = |r: &IssueDivergence| (r.split(), r.shared());
                rank(y)
                    .cmp(&rank(x))
                    .then(y.divergence.total_cmp(&x.divergence))
                    .then(y.agreement.total_cmp(&x.agreement))
                    .then((y.a.len() + y.b.len()).cmp(&(x.a.len() + x.b.len())))
                    .then(x.issue.cmp(&y.issue))
            });
            let shared: Vec<&IssueDivergence> = rows.iter().filter(|r| r.shared()).collect();
            let score = if shared.is_empty() {
                0.0
            } else {
                shared.iter().map(|r| r.divergence).sum::<f32>() / shared.len() as f32
            };
            PeriodDivergence {
                period,
                shared: shared.len(),
                split: rows.iter().filter(|r| r.split()).count(),
                score: round(score),
                issues: rows,
            }
        })
        .collect()
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn compare(issue: String, a: Vec<Stance>, b: Vec<Stance>) -> IssueDivergence {
    let mut opposing = 0;
    let mut against = 0.0f32;
    let mut along = 0.0f32;
    for sa in &a {
        for sb in &b {
            let score =
                polarity(sa.position) * polarity(sb.position) * (weight(sa) * weight(sb)).sqrt();
            if score < 0.0 {
                opposing += 1;
                against -= score;
            } else {
                along += score;
            }
        }
    }
    let pairs = a.len() * b.len();
    let (divergence, agreement) = if pairs == 0 {
        (0.0, 0.0)
    } else {
        (round(against / pairs as f32), round(along / pairs as f32))
    };
    IssueDivergence {
        issue,
        a_net: net(&a).map(round),
        b_net: net(&b).map(round),
        a,
        b,
        divergence,
        agreement,
        opposing_pairs: opposing,
        pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_model::{ArticleId, EventActor, Span};

    fn stance(actor: &str, issue: &str, position: Position, date: &str) -> Stance {
        Stance {
            article: ArticleId("a".into()),
            sentence: 0,
            actor: EventActor {
                code: actor.into(),
                span: None,
            },
            issue: issue.into(),
            issue_text: issue.into(),
            position,
            strength: 1.0,
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            modality: Modality::Asserted,
            evidence: Span::new(0, 0),
            cue: Span::new(0, 0),
        }
    }

    #[test]
    fn opposite_positions_split_and_agreement_does_not() {
        use Position::*;
        let all = vec![
            stance("USAGOV", "lift sanction SYRGOV", For, "2026-01-11"),
            stance("ISRGOV", "lift sanction SYRGOV", Against, "2026-01-11"),
            stance("USAGOV", "CEASEFIRE", For, "2026-01-11"),
            stance("ISRGOV", "CEASEFIRE", For, "2026-01-11"),
            stance("USAGOV", "INTERNATIONAL_FORCE", For, "2026-02-01"),
        ];
        let report = divergence(
            &select(&all, "USA"),
            &select(&all, "ISRGOV"),
            &DivergenceOptions::default(),
        );
        assert_eq!(report.len(), 1);
        let p = &report[0];
        assert_eq!((p.period.as_str(), p.shared, p.split), ("all", 2, 1));
        assert_eq!(p.issues[0].issue, "lift sanction SYRGOV");
        assert_eq!((p.issues[0].divergence, p.issues[0].agreement), (1.0, 0.0));
        assert_eq!(p.issues[1].issue, "CEASEFIRE");
        assert!(!p.issues[1].split());
        assert_eq!(p.issues[2].issue, "INTERNATIONAL_FORCE");
        assert!(!p.issues[2].shared());
        assert_eq!(p.score, 0.5);

        let by_month = DivergenceOptions {
            by: Period::Month,
            ..Default::default()
        };
        let months: Vec<String> =
            divergence(&select(&all, "USAGOV"), &select(&all, "ISRGOV"), &by_month)
                .into_iter()
                .map(|p| p.period)
                .collect();
        assert_eq!(months, ["2026-01", "2026-02"]);

        let since = DivergenceOptions {
            since: NaiveDate::from_ymd_opt(2026, 2, 1),
            ..Default::default()
        };
        let late = divergence(&select(&all, "USAGOV"), &select(&all, "ISRGOV"), &since);
        assert_eq!(late[0].issues.len(), 1);
    }
}

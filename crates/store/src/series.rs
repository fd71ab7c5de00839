//! Summing a series' rollup rows (`dyad_days`) into periods and directions.
//!
//! The store reads the rows of every matching (source, target) code pair as they lie in the
//! rollup, unsorted across pairs, and this module orders and sums them. The sums are those an
//! SQL `GROUP BY day, quad` followed by a per-period sum gave, to the last bit: a day's rows
//! are added as SQLite's `sum()` adds (Kahan–Babuška–Neumaier), then the days of a period in
//! date order, so answers do not change with the way they are computed.

use crate::{Period, SeriesRow};
use chrono::Datelike;
use dyad_model::NaiveDate;

/// One rollup row of a series: a code pair's events on a day in one quad class.
pub(crate) struct DayRow {
    /// 0: a → b, 1: b → a.
    pub direction: u8,
    pub day: NaiveDate,
    pub quad: i64,
    pub events: i64,
    pub mentions: i64,
    pub goldstein: f64,
}

/// A rollup day (`YYYY-MM-DD`, as the store writes it) as a date; `None` for anything that
/// is not one. The common form is read digit by digit: a format-string parse of every row
/// was a visible share of a series' time. Any other form goes to the format-string parse, so
/// what is accepted does not change.
pub(crate) fn parse_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let canonical = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if !canonical {
        return NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    }
    let num = |range: std::ops::Range<usize>| {
        b[range]
            .iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))
    };
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
}

/// The first day of the period containing `day`: the date its label names.
fn period_start(by: Period, day: NaiveDate) -> NaiveDate {
    match by {
        Period::Day => day,
        Period::Week => {
            let back = day.weekday().num_days_from_monday() as i64;
            day - chrono::Duration::days(back)
        }
        // The first of a month always exists.
        Period::Month => day.with_day(1).unwrap_or(day),
    }
}

/// SQLite's `sum()` over REAL values (`func.c`, `kahanBabuskaNeumaierStep`): reproduced so
/// that a day's rows summed here equal what `sum(goldstein_sum)` returned.
#[derive(Default)]
struct SqliteSum {
    sum: f64,
    err: f64,
}

impl SqliteSum {
    fn add(&mut self, r: f64) {
        let s = self.sum;
        let t = s + r;
        if s.abs() > r.abs() {
            self.err += (s - t) + r;
        } else {
            self.err += (r - t) + s;
        }
        self.sum = t;
    }

    fn value(&self) -> f64 {
        if self.err.is_finite() {
            self.sum + self.err
        } else {
            self.sum
        }
    }
}

/// Per period and direction: events per quad class, events, mentions, Goldstein sum.
#[derive(Default)]
struct Totals {
    quads: [u64; 4],
    events: u64,
    mentions: u64,
    goldstein: f64,
}

/// The series rows from its rollup rows, ordered by period label, then a → b before b → a.
pub(crate) fn series_rows(mut days: Vec<DayRow>, by: Period, a: &str, b: &str) -> Vec<SeriesRow> {
    // Stable: the rows of one day and quad class keep the order they were read in.
    days.sort_by_key(|r| (r.direction, r.day, r.quad));
    // Sorted by direction and day, a direction's periods come in order, each in one run.
    let mut periods: Vec<(NaiveDate, u8, Totals)> = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let first = &days[i];
        let (direction, day, quad) = (first.direction, first.day, first.quad);
        let (mut events, mut mentions, mut goldstein) = (0i64, 0i64, SqliteSum::default());
        while let Some(r) = days
            .get(i)
            .filter(|r| (r.direction, r.day, r.quad) == (direction, day, quad))
        {
            events += r.events;
            mentions += r.mentions;
            goldstein.add(r.goldstein);
            i += 1;
        }
        let start = period_start(by, day);
        let slot = match periods.last_mut() {
            Some((p, d, totals)) if *p == start && *d == direction => totals,
            _ => {
                periods.push((start, direction, Totals::default()));
                match periods.last_mut() {
                    Some((_, _, totals)) => totals,
                    None => continue,
                }
            }
        };
        if let Some(q) = slot.quads.get_mut((quad as usize).wrapping_sub(1)) {
            *q += events as u64;
        }
        slot.events += events as u64;
        slot.mentions += mentions as u64;
        slot.goldstein += goldstein.value();
    }
    // Two runs (a → b, then b → a), merged by period; stable, so a → b stays first.
    periods.sort_by_key(|(start, direction, _)| (*start, *direction));
    let mut rows: Vec<(String, u8, Totals)> = periods
        .into_iter()
        .map(|(start, direction, totals)| (by.label(start), direction, totals))
        .collect();
    // Labels sort as dates for years 0 to 9999; other years are ordered by label, as ever.
    if !rows
        .windows(2)
        .all(|w| (&w[0].0, w[0].1) <= (&w[1].0, w[1].1))
    {
        rows.sort_by(|x, y| (&x.0, x.1).cmp(&(&y.0, y.1)));
    }
    rows.into_iter()
        .map(|(period, direction, t)| {
            let (source, target) = if direction == 0 { (a, b) } else { (b, a) };
            SeriesRow {
                period,
                source: source.to_string(),
                target: target.to_string(),
                verbal_cooperation: t.quads[0],
                material_cooperation: t.quads[1],
                verbal_conflict: t.quads[2],
                material_conflict: t.quads[3],
                events: t.events,
                mentions: t.mentions,
                goldstein_mean: if t.events == 0 {
                    0.0
                } else {
                    t.goldstein / t.events as f64
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn days_parse_as_chrono_parses_them() {
        for text in [
            "2016-01-04",
            "2024-02-29",
            "2023-02-29",
            "2016-13-01",
            "0000-01-01",
            "9999-12-31",
            "2016-1-04",
            "2016-01-4x",
            "+10000-01-01",
            "",
            "2016/01/04",
        ] {
            assert_eq!(
                parse_day(text),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn periods_start_where_their_labels_say() {
        for day in ["2016-01-03", "2016-01-04", "2016-01-10", "2024-02-29"] {
            let d = date(day);
            for by in [Period::Day, Period::Week, Period::Month] {
                assert_eq!(by.label(period_start(by, d)), by.label(d), "{day} {by:?}");
                assert!(period_start(by, d) <= d);
            }
        }
    }

    #[test]
    fn sums_as_sqlite_does() {
        // Naive addition loses the small terms; SQLite's compensated sum keeps them.
        let mut s = SqliteSum::default();
        for r in [1e16, 1.0, 1.0, -1e16] {
            s.add(r);
        }
        assert_eq!(s.value(), 2.0);
    }

    #[test]
    fn rows_are_summed_per_period_and_direction_in_label_order() {
        let row = |direction, day: &str, quad, events, goldstein| DayRow {
            direction,
            day: date(day),
            quad,
            events,
            mentions: events * 2,
            goldstein,
        };
        let days = vec![
            row(1, "2016-01-05", 4, 1, -10.0),
            row(0, "2016-01-12", 1, 2, 3.0),
            row(0, "2016-01-04", 1, 1, 1.0),
            row(0, "2016-01-06", 3, 3, -6.0),
            row(0, "2016-01-04", 1, 1, 2.0),
        ];
        let rows = series_rows(days, Period::Week, "USA", "RUS");
        let summary: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.period.as_str(),
                    r.source.as_str(),
                    r.verbal_cooperation,
                    r.verbal_conflict,
                    r.material_conflict,
                    r.events,
                    r.mentions,
                    r.goldstein_mean,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("2016-01-04", "USA", 2, 3, 0, 5, 10, -0.6),
                ("2016-01-04", "RUS", 0, 0, 1, 1, 2, -10.0),
                ("2016-01-11", "USA", 2, 0, 0, 2, 4, 1.5),
            ]
        );
    }
}

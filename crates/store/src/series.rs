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

/// One period and direction of a series, before its label and codes are written out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeriodTotals {
    /// The period's first day (a week's Monday, a month's first): what its label names.
    pub start: NaiveDate,
    /// 0: a → b, 1: b → a.
    pub direction: u8,
    /// Events per quad class (verbal and material cooperation, verbal and material conflict).
    pub quads: [u64; 4],
    pub events: u64,
    pub mentions: u64,
    pub goldstein_sum: f64,
}

impl PeriodTotals {
    /// Mean Goldstein score over the period's events.
    pub fn goldstein_mean(&self) -> f64 {
        if self.events == 0 {
            0.0
        } else {
            self.goldstein_sum / self.events as f64
        }
    }
}

/// A whole series in compact form: what [`SeriesRow`]s are made from, without a label and
/// two codes allocated per row, for callers that write the rows out at once (the server's
/// JSON). Rows are ordered by period label, then a → b before b → a.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesTable {
    /// The query's codes, trimmed and upper-cased.
    pub a: String,
    pub b: String,
    pub by: Period,
    pub rows: Vec<PeriodTotals>,
}

impl SeriesTable {
    /// A row's period label ([`Period::label`]), appended to `out`.
    pub fn write_label(&self, row: &PeriodTotals, out: &mut Vec<u8>) {
        let d = row.start;
        if !(0..=9999).contains(&d.year()) {
            out.extend_from_slice(self.by.label(d).as_bytes());
            return;
        }
        // Written digit by digit: the same text as chrono's `YYYY-MM-DD` for these years.
        let digits = |out: &mut Vec<u8>, n: u32, width: u32| {
            for i in (0..width).rev() {
                out.push(b'0' + (n / 10u32.pow(i) % 10) as u8);
            }
        };
        digits(out, d.year() as u32, 4);
        out.push(b'-');
        digits(out, d.month(), 2);
        if self.by != Period::Month {
            out.push(b'-');
            digits(out, d.day(), 2);
        }
    }

    /// The rows as [`SeriesRow`]s.
    pub fn into_rows(self) -> Vec<SeriesRow> {
        self.rows
            .iter()
            .map(|t| {
                let (source, target) = if t.direction == 0 {
                    (&self.a, &self.b)
                } else {
                    (&self.b, &self.a)
                };
                SeriesRow {
                    period: self.by.label(t.start),
                    source: source.clone(),
                    target: target.clone(),
                    verbal_cooperation: t.quads[0],
                    material_cooperation: t.quads[1],
                    verbal_conflict: t.quads[2],
                    material_conflict: t.quads[3],
                    events: t.events,
                    mentions: t.mentions,
                    goldstein_mean: t.goldstein_mean(),
                }
            })
            .collect()
    }
}

/// The series from its rollup rows.
pub(crate) fn series_table(mut days: Vec<DayRow>, by: Period, a: String, b: String) -> SeriesTable {
    // Stable: the rows of one day and quad class keep the order they were read in.
    days.sort_by_key(|r| (r.direction, r.day, r.quad));
    // Sorted by direction and day, a direction's periods come in order, each in one run.
    let mut periods: Vec<PeriodTotals> = Vec::new();
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
            Some(p) if p.start == start && p.direction == direction => p,
            _ => {
                periods.push(PeriodTotals {
                    start,
                    direction,
                    ..PeriodTotals::default()
                });
                match periods.last_mut() {
                    Some(p) => p,
                    None => continue,
                }
            }
        };
        if let Some(q) = slot.quads.get_mut((quad as usize).wrapping_sub(1)) {
            *q += events as u64;
        }
        slot.events += events as u64;
        slot.mentions += mentions as u64;
        slot.goldstein_sum += goldstein.value();
    }
    // Two runs (a → b, then b → a), merged by period; stable, so a → b stays first.
    periods.sort_by_key(|p| (p.start, p.direction));
    // Labels sort as dates for years 0 to 9999; other years are ordered by label, as ever.
    if periods
        .iter()
        .any(|p| !(0..=9999).contains(&p.start.year()))
    {
        periods.sort_by_cached_key(|p| (by.label(p.start), p.direction));
    }
    SeriesTable {
        a,
        b,
        by,
        rows: periods,
    }
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
    fn labels_are_written_as_chrono_writes_them() {
        for day in ["0001-01-01", "0987-06-05", "2016-01-04", "9999-12-31"] {
            for by in [Period::Day, Period::Week, Period::Month] {
                let table = SeriesTable {
                    a: "A".into(),
                    b: "B".into(),
                    by,
                    rows: vec![],
                };
                let row = PeriodTotals {
                    start: period_start(by, date(day)),
                    ..PeriodTotals::default()
                };
                let mut out = Vec::new();
                table.write_label(&row, &mut out);
                assert_eq!(out, by.label(row.start).into_bytes(), "{day} {by:?}");
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
        let rows = series_table(days, Period::Week, "USA".into(), "RUS".into()).into_rows();
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

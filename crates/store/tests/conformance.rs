//! The store's conformance suite: what every [`EventStore`] backend must do, run against the
//! SQLite file backend and the in-memory one. Tests speak only through the trait.

mod common;

use common::{handmade_corpus, Handmade, TempDir};
use dyad_model::{ArticleId, Modality, NaiveDate};
use dyad_store::export::{export, ExportFormat};
use dyad_store::{
    DyadQuery, EventFilter, EventStore, OpenMode, Period, Role, SeriesQuery, SeriesRow,
    SqliteStore, StoreError,
};

/// Runs `test` on each backend, freshly loaded with the committed corpus.
fn each_backend(test: impl Fn(&str, &mut dyn EventStore)) {
    let corpus = handmade_corpus();
    let docs: Vec<_> = corpus.iter().map(Handmade::document).collect();
    let dir = TempDir::new("conformance");
    let mut file =
        SqliteStore::open(dir.join("store.db"), OpenMode::ReadWrite).expect("file store");
    let mut memory = SqliteStore::open_in_memory().expect("memory store");
    let backends: [(&str, &mut dyn EventStore); 2] = [("file", &mut file), ("memory", &mut memory)];
    for (name, store) in backends {
        store.write(&docs).expect("write corpus");
        test(name, store);
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `SOURCE TARGET CODE DATE mentions/articles/sources` for compact assertions.
fn describe(store: &dyn EventStore, filter: &EventFilter) -> Vec<String> {
    let mut rows = describe_ordered(store, filter);
    rows.sort();
    rows
}

/// As [`describe`], in the store's order.
fn describe_ordered(store: &dyn EventStore, filter: &EventFilter) -> Vec<String> {
    store
        .events(filter)
        .expect("query")
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}/{}/{}",
                e.source,
                e.target,
                e.code,
                e.date.as_deref().unwrap_or("-"),
                e.num_mentions,
                e.num_articles,
                e.num_sources
            )
        })
        .collect()
}

fn check(store: &dyn EventStore, backend: &str, filter: EventFilter, expected: &[&str]) {
    let got = describe(store, &filter);
    let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(got, expected, "{backend}: {filter:?}");
}

#[test]
fn writing_the_same_documents_again_adds_nothing() {
    let corpus = handmade_corpus();
    let docs: Vec<_> = corpus.iter().map(Handmade::document).collect();
    each_backend(|backend, store| {
        let before = store.counts().expect("counts");
        assert_eq!(before.articles as usize, docs.len(), "{backend}");
        let again = store.write(&docs).expect("write again");
        assert_eq!(again.new_articles, 0, "{backend}");
        assert_eq!(again.new_events, 0, "{backend}");
        assert_eq!(again.known_articles as usize, docs.len(), "{backend}");
        assert_eq!(store.counts().expect("counts"), before, "{backend}");
    });
}

#[test]
fn known_articles_are_the_stored_ones() {
    let corpus = handmade_corpus();
    each_backend(|backend, store| {
        let mut ids: Vec<&ArticleId> = corpus.iter().map(|a| &a.article.id).collect();
        let stranger = ArticleId("0000000000000000".into());
        ids.push(&stranger);
        let known = store.known_articles(&ids).expect("known");
        assert_eq!(known.len(), corpus.len(), "{backend}");
        assert!(!known.contains(&stranger), "{backend}");
    });
}

#[test]
fn reports_of_one_event_merge_across_articles_and_sites() {
    each_backend(|backend, store| {
        // r1..r4 and the Gulf example tell one appeal (three sites: reuters twice, the
        // example has none); r5 is two weeks later and r6 a denial: events of their own.
        check(
            store,
            backend,
            EventFilter {
                actor: Some("QATGOV".into()),
                role: Role::Source,
                ..Default::default()
            },
            &[
                "QATGOV IRNGOV 020 2026-03-03 5/5/3",
                "QATGOV IRNGOV 020 2026-03-04 1/1/1",
                "QATGOV IRNGOV 020 2026-03-20 1/1/1",
            ],
        );
        // The same dyad and root in the same week, about different things: two events.
        check(
            store,
            backend,
            EventFilter {
                actor: Some("RUSGOV".into()),
                ..Default::default()
            },
            &[
                "RUSGOV DEUGOV 111 2026-03-03 1/1/1",
                "RUSGOV DEUGOV 111 2026-03-05 1/1/1",
            ],
        );
    });
}

#[test]
fn show_returns_every_sentence_that_reports_the_event() {
    each_backend(|backend, store| {
        let merged = store
            .events(&EventFilter {
                actor: Some("QATGOV".into()),
                since: date("2026-03-03"),
                until: date("2026-03-03"),
                ..Default::default()
            })
            .expect("query");
        assert_eq!(merged.len(), 1, "{backend}");
        let detail = store
            .event(merged[0].id)
            .expect("show")
            .expect("event exists");
        assert_eq!(detail.reports.len(), 5, "{backend}");
        for r in &detail.reports {
            assert!(r.evidence.contains("urged"), "{backend}: {r:?}");
            assert_eq!(r.trigger, "urged", "{backend}: {r:?}");
            assert!(
                r.source_text.is_some() && r.target_text.is_some(),
                "{backend}: {r:?}"
            );
        }
        let sites: Vec<Option<&str>> = detail.reports.iter().map(|r| r.site.as_deref()).collect();
        assert!(sites.contains(&Some("bbc.example")), "{backend}: {sites:?}");
        assert_eq!(store.event(999_999).expect("show"), None, "{backend}");
    });
}

#[test]
fn filters_select_the_events_they_name() {
    each_backend(|backend, store| {
        let f = EventFilter::default;
        check(
            store,
            backend,
            EventFilter {
                country: Some("RUS".into()),
                ..f()
            },
            &[
                "RUSGOV DEUGOV 111 2026-03-03 1/1/1",
                "RUSGOV DEUGOV 111 2026-03-05 1/1/1",
            ],
        );
        check(
            store,
            backend,
            EventFilter {
                country: Some("deu".into()),
                role: Role::Source,
                ..f()
            },
            &[
                "DEUGOV POLGOV 057 2026-03-04 1/1/1",
                "DEUGOV UKRGOV 0331 2026-02-20 1/1/0",
            ],
        );
        check(
            store,
            backend,
            EventFilter {
                code: Some("057".into()),
                ..f()
            },
            &[
                "DEUGOV POLGOV 057 2026-03-04 1/1/1",
                "NERGOV BFAGOV 057 2026-02-12 1/1/1",
            ],
        );
        check(
            store,
            backend,
            EventFilter {
                root: Some("16".into()),
                ..f()
            },
            &[
                "MLIGOV FRAGOV 166 2026-02-10 1/1/1",
                "USAGOV IRNGOV 163 2026-03-04 1/1/0",
            ],
        );
        check(
            store,
            backend,
            EventFilter {
                quad: Some(3),
                ..f()
            },
            &[
                "MLIGOV DZAGOV 125 2026-02-15 1/1/1",
                "RUSGOV DEUGOV 111 2026-03-03 1/1/1",
                "RUSGOV DEUGOV 111 2026-03-05 1/1/1",
            ],
        );
        check(
            store,
            backend,
            EventFilter {
                modality: Some(Modality::Negated),
                ..f()
            },
            &[
                "MLIGOV DZAGOV 125 2026-02-15 1/1/1",
                "QATGOV IRNGOV 020 2026-03-04 1/1/1",
                "USAGOV IRNGOV 163 2026-03-04 1/1/0",
            ],
        );
        check(
            store,
            backend,
            EventFilter {
                since: date("2026-02-11"),
                until: date("2026-02-15"),
                ..f()
            },
            &[
                "DZAGOV MLIGOV 036 2026-02-15 1/1/1",
                "MLIGOV DZAGOV 125 2026-02-15 1/1/1",
                "NERGOV BFAGOV 057 2026-02-12 1/1/1",
            ],
        );
        check(
            store,
            backend,
            EventFilter {
                text: Some("pipeline".into()),
                ..f()
            },
            &["RUSGOV DEUGOV 111 2026-03-05 1/1/1"],
        );
        // A word of a merged report's sentence finds the merged event, not the report.
        check(
            store,
            backend,
            EventFilter {
                text: Some("rein".into()),
                ..f()
            },
            &["QATGOV IRNGOV 020 2026-03-03 5/5/3"],
        );
        check(
            store,
            backend,
            EventFilter {
                site: Some("bbc.example".into()),
                ..f()
            },
            &[
                "QATGOV IRNGOV 020 2026-03-03 5/5/3",
                "RUSGOV DEUGOV 111 2026-03-05 1/1/1",
            ],
        );
        check(
            store,
            backend,
            EventFilter {
                actor: Some("IRNGOV".into()),
                role: Role::Target,
                quad: Some(4),
                ..f()
            },
            &["USAGOV IRNGOV 163 2026-03-04 1/1/0"],
        );
        assert_eq!(
            store
                .events(&EventFilter {
                    limit: Some(2),
                    ..f()
                })
                .expect("limit")
                .len(),
            2
        );
        // A busy actor with a small limit is listed by walking the dates (the store counts
        // IRNGOV's 5 events against 15 in all); a large limit collects through its index.
        // Both give the newest first.
        let newest = |limit| {
            let filter = EventFilter {
                actor: Some("IRNGOV".into()),
                limit: Some(limit),
                ..f()
            };
            describe_ordered(store, &filter)
        };
        assert_eq!(
            newest(1),
            vec!["QATGOV IRNGOV 020 2026-03-20 1/1/1"],
            "{backend}"
        );
        assert_eq!(
            newest(2),
            vec![
                "QATGOV IRNGOV 020 2026-03-20 1/1/1",
                "QATGOV IRNGOV 020 2026-03-04 1/1/1"
            ],
            "{backend}"
        );
        assert_eq!(newest(100).len(), 5, "{backend}");
        assert_eq!(newest(100)[..2], newest(2)[..], "{backend}");
        // Newest first.
        let all = store.events(&f()).expect("all");
        assert!(all.windows(2).all(|w| w[0].date >= w[1].date), "{backend}");
    });
}

#[test]
fn bad_filters_are_query_errors() {
    each_backend(|backend, store| {
        let f = EventFilter::default;
        for filter in [
            EventFilter {
                code: Some("999".into()),
                ..f()
            },
            EventFilter {
                root: Some("42".into()),
                ..f()
            },
            EventFilter {
                country: Some("IS".into()),
                ..f()
            },
            EventFilter {
                country: Some("I'R".into()),
                ..f()
            },
            EventFilter {
                quad: Some(5),
                ..f()
            },
            EventFilter {
                text: Some("  ,; ".into()),
                ..f()
            },
        ] {
            match store.events(&filter) {
                Err(StoreError::Query(_)) => {}
                other => panic!("{backend}: {filter:?} gave {other:?}"),
            }
        }
        // Text that looks like FTS5 syntax is only words.
        let r = store.events(&EventFilter {
            text: Some("\"rein\" OR NEAR(".into()),
            ..f()
        });
        assert!(r.is_ok(), "{backend}: {r:?}");
    });
}

#[test]
fn series_counts_both_directions_per_period() {
    each_backend(|backend, store| {
        let series = |a: &str, b: &str, by| {
            store
                .series(&SeriesQuery {
                    a: a.into(),
                    b: b.into(),
                    by,
                    since: None,
                    until: None,
                })
                .expect("series")
                .iter()
                .map(|r| series_line(r, 2))
                .collect::<Vec<_>>()
        };
        // "Qatar did not urge Iran ..." (2026-03-04) is stored but took no place: it is in
        // no series.
        assert_eq!(
            series("QAT", "IRN", Period::Day),
            vec![
                "2026-03-03 QAT>IRN q1/0/0/0 n1 m5 g3.00",
                "2026-03-20 QAT>IRN q1/0/0/0 n1 m1 g3.00",
            ],
            "{backend}"
        );
        assert_eq!(
            series("QATGOV", "IRN", Period::Month),
            vec!["2026-03 QATGOV>IRN q2/0/0/0 n2 m6 g3.00"],
            "{backend}"
        );
        assert_eq!(
            series("DEU", "UKR", Period::Week),
            vec![
                "2026-02-16 DEU>UKR q1/0/0/0 n1 m1 g5.20",
                "2026-02-16 UKR>DEU q1/0/0/0 n1 m1 g3.40"
            ],
            "{backend}"
        );
        let narrowed = store
            .series(&SeriesQuery {
                a: "QAT".into(),
                b: "IRN".into(),
                by: Period::Day,
                since: date("2026-03-04"),
                until: date("2026-03-10"),
            })
            .expect("series");
        assert!(narrowed.is_empty(), "{backend}");
        assert!(series("QAT", "XYZ", Period::Day).is_empty(), "{backend}");
    });
}

#[test]
fn dyads_rank_pairs_by_events() {
    each_backend(|backend, store| {
        let top = store
            .dyads(&DyadQuery {
                limit: 3,
                ..Default::default()
            })
            .expect("dyads");
        assert_eq!(top.len(), 3, "{backend}");
        assert_eq!(
            (
                top[0].source.as_str(),
                top[0].target.as_str(),
                top[0].events,
                top[0].mentions
            ),
            ("QATGOV", "IRNGOV", 2, 6),
            "{backend}"
        );
        assert_eq!(
            (top[1].source.as_str(), top[1].events),
            ("RUSGOV", 2),
            "{backend}"
        );
        let feb = store
            .dyads(&DyadQuery {
                limit: 10,
                since: date("2026-02-01"),
                until: date("2026-02-28"),
                ..Default::default()
            })
            .expect("dyads");
        assert!(
            feb.iter().all(|d| d.first.as_deref() >= Some("2026-02-01")
                && d.last.as_deref() <= Some("2026-02-28")),
            "{backend}: {feb:?}"
        );
        // Mali's "have not rejected the invitation" took no place: no pair of its own.
        assert_eq!(feb.len(), 5, "{backend}: {feb:?}");
        let mli = store
            .dyads(&DyadQuery {
                limit: 10,
                actor: Some("MLI".into()),
                ..Default::default()
            })
            .expect("dyads");
        assert_eq!(mli.len(), 2, "{backend}: {mli:?}");
    });
}

#[test]
fn exports_write_every_event_in_each_format() {
    each_backend(|backend, store| {
        let n = store.counts().expect("counts").events as usize;
        let run = |format| {
            let mut out = Vec::new();
            let written = export(store, &EventFilter::default(), format, &mut out).expect("export");
            assert_eq!(written as usize, n, "{backend} {format:?}");
            out
        };
        let csv = String::from_utf8(run(ExportFormat::Csv)).expect("utf-8");
        assert!(csv.starts_with("id,date,source,target,code,"), "{backend}");
        assert_eq!(csv.lines().count(), n + 1, "{backend}");
        let jsonl = String::from_utf8(run(ExportFormat::Jsonl)).expect("utf-8");
        for line in jsonl.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            assert!(
                v["evidence"].as_str().is_some_and(|e| !e.is_empty()),
                "{backend}: {line}"
            );
        }
        assert_eq!(jsonl.lines().count(), n, "{backend}");
        let gdelt = String::from_utf8(run(ExportFormat::Gdelt)).expect("utf-8");
        assert_eq!(gdelt.lines().count(), n, "{backend}");
        for line in gdelt.lines() {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 61, "{backend}: {line}");
            assert!(
                cells[1].len() == 8 && cells[1].starts_with("2026"),
                "{backend}: SQLDATE {line}"
            );
            assert_eq!(
                cells[28],
                &cells[26][..2],
                "{backend}: root is the code's prefix"
            );
        }
        let parquet = run(ExportFormat::Parquet);
        assert!(
            parquet.starts_with(b"PAR1") && parquet.ends_with(b"PAR1"),
            "{backend}"
        );
    });
}

/// Per period and direction: events per quad class, events, mentions, Goldstein sum.
type PlainTotals = ([u64; 4], u64, u64, f64);

/// A series counted the plain way: every event that took place (not negated, not
/// hypothetical), its date's period label, summed per period and direction. What the
/// rollup-based series must equal.
fn series_from_events(store: &dyn EventStore, q: &SeriesQuery) -> Vec<String> {
    let events = store.events(&EventFilter::default()).expect("all events");
    let (a, b) = (q.a.to_ascii_uppercase(), q.b.to_ascii_uppercase());
    let mut acc: std::collections::BTreeMap<(String, u8), PlainTotals> = Default::default();
    for e in &events {
        if matches!(e.modality.as_str(), "negated" | "hypothetical") {
            continue;
        }
        let Some(day) = e.date.as_deref().and_then(date) else {
            continue;
        };
        if q.since.is_some_and(|s| day < s) || q.until.is_some_and(|u| day > u) {
            continue;
        }
        // Overlapping prefixes (`USA` and `USA`) count an event in both directions.
        let directions = [(0u8, &a, &b), (1, &b, &a)];
        for (direction, s, t) in directions {
            if !(e.source.starts_with(s.as_str()) && e.target.starts_with(t.as_str())) {
                continue;
            }
            let slot = acc.entry((q.by.label(day), direction)).or_default();
            slot.0[e.quad as usize - 1] += 1;
            slot.1 += 1;
            slot.2 += e.num_mentions;
            slot.3 += e.goldstein;
        }
    }
    acc.into_iter()
        .map(|((period, direction), (quads, n, m, g))| {
            let (s, t) = if direction == 0 { (&a, &b) } else { (&b, &a) };
            // Sums in another order may differ in the last bits: compare to 9 digits.
            format!(
                "{period} {s}>{t} q{}/{}/{}/{} n{n} m{m} g{:.9}",
                quads[0],
                quads[1],
                quads[2],
                quads[3],
                g / n as f64
            )
        })
        .collect()
}

/// One series row as a line: period, direction, quad counts, events, mentions, mean Goldstein
/// to `decimals` places.
fn series_line(r: &SeriesRow, decimals: usize) -> String {
    format!(
        "{} {}>{} q{}/{}/{}/{} n{} m{} g{:.*}",
        r.period,
        r.source,
        r.target,
        r.verbal_cooperation,
        r.material_cooperation,
        r.verbal_conflict,
        r.material_conflict,
        r.events,
        r.mentions,
        decimals,
        r.goldstein_mean
    )
}

fn series_lines(store: &dyn EventStore, q: &SeriesQuery) -> Vec<String> {
    store
        .series(q)
        .expect("series")
        .iter()
        .map(|r| series_line(r, 9))
        .collect()
}

/// Series of many pairs, periods and ranges over a synthetic store equal the events counted
/// one by one: through the per-insert rollups (merged reports, events moved to an earlier
/// day) and through a bulk load's rebuilt rollups.
#[test]
fn series_equal_the_events_counted_one_by_one() {
    let mut generator = dyad_store::synth::Generator::new(7, 5);
    let mut docs: Vec<_> = (0..600).map(|_| generator.next_doc()).collect();
    // The same words again from another site, a day earlier: those reports merge into the
    // events above and move them (and their rollup rows) to the earlier day.
    let earlier: Vec<_> = docs[..200]
        .iter()
        .map(|d| {
            let mut article = d.article.clone();
            article.source = Some("again.example".into());
            article.published = article.published.and_then(|p| p.pred_opt());
            article.rederive_id();
            let events = d
                .events
                .iter()
                .map(|e| {
                    let mut e = e.clone();
                    e.article = article.id.clone();
                    e.date = e.date.and_then(|p| p.pred_opt());
                    e
                })
                .collect();
            dyad_store::synth::SynthDoc {
                article,
                sentences: d.sentences.clone(),
                events,
            }
        })
        .collect();
    docs.extend(earlier);
    let documents: Vec<_> = docs.iter().map(|d| d.document()).collect();
    let dir = TempDir::new("series-events");
    let mut file = SqliteStore::open(dir.join("store.db"), OpenMode::ReadWrite).expect("file");
    let mut memory = SqliteStore::open_in_memory().expect("memory");
    let mut bulk = SqliteStore::open(dir.join("bulk.db"), OpenMode::ReadWrite).expect("bulk");
    file.write(&documents).expect("write");
    memory.write(&documents).expect("write");
    bulk.begin_bulk_load().expect("begin bulk load");
    bulk.bulk_write(&documents).expect("bulk write");
    bulk.finish_bulk_load().expect("finish bulk load");
    let merged = file.counts().expect("counts");
    assert!(
        merged.events < merged.event_mentions,
        "some reports merged: {merged:?}"
    );
    let backends: [(&str, &dyn EventStore); 3] =
        [("file", &file), ("memory", &memory), ("bulk", &bulk)];
    let pairs = [
        ("USA", "RUS"),
        ("rus", "usa"),
        ("USAGOV", "CHN"),
        ("ISR", "PSE"),
        ("U", "R"),
        ("USA", "USA"),
        ("NER", "MLI"),
        ("USA", "XYZ"),
    ];
    let ranges = [
        (None, None),
        (date("2017-03-01"), date("2019-02-28")),
        (date("2020-01-01"), date("2020-01-01")),
    ];
    let mut nonempty = 0;
    for (backend, store) in backends {
        for (a, b) in pairs {
            for by in [Period::Day, Period::Week, Period::Month] {
                for (since, until) in ranges {
                    let q = SeriesQuery {
                        a: a.into(),
                        b: b.into(),
                        by,
                        since,
                        until,
                    };
                    let expected = series_from_events(store, &q);
                    nonempty += usize::from(!expected.is_empty());
                    assert_eq!(series_lines(store, &q), expected, "{backend}: {q:?}");
                }
            }
        }
    }
    assert!(nonempty > 100, "the pairs have events: {nonempty}");
}

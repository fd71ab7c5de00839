//! Data-driven tests: each page in `test_data/` is extracted and compared with the snapshot
//! beside it (`<name>.expected`). Run with `UPDATE_EXPECT=1` to rewrite the snapshots after an
//! intended change, then review the diff.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dyad_extract::{decode_html, extract_date, extract_html, ExtractError, ExtractOptions};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap_or_else(|e| panic!("reading fixture {name}: {e}"))
}

/// Renders what `extract_html` makes of a page, for snapshot comparison.
fn render(result: Result<dyad_extract::ExtractedPage, ExtractError>) -> String {
    match result {
        Err(e) => format!("error: {e:?}\n"),
        Ok(p) => {
            let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            format!(
                "title: {}\nauthor: {}\ndate: {}\ncanonical_url: {}\nlanguage: {}\nsite_name: {}\n---\n{}\n",
                opt(&p.title),
                opt(&p.author),
                p.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                opt(&p.canonical_url),
                opt(&p.language),
                opt(&p.site_name),
                p.text
            )
        }
    }
}

/// Extracts `name` and compares the result with `name.expected`.
fn check(name: &str) {
    let actual = render(extract_html(&read(name), &ExtractOptions::default()));
    let expected_path = data(&format!("{name}.expected"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &actual).expect("writing snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        actual,
        expected,
        "{name}: output differs from {} (UPDATE_EXPECT=1 rewrites it)",
        expected_path.display()
    );
}

#[test]
fn news_page_without_boilerplate() {
    check("news_page.html");
}

#[test]
fn page_without_article() {
    check("no_article.html");
}

#[test]
fn windows_1256_page() {
    check("windows1256.html");
}

#[test]
fn shift_jis_page() {
    check("shift_jis.html");
}

#[test]
fn binary_data_is_not_html() {
    check("binary.html");
    check("binary_nul.html");
    assert_eq!(
        decode_html(&read("binary.html")),
        Err(ExtractError::NotHtml)
    );
}

/// Checks the publication date found in `name` (with `url`) against `expected`.
fn check_date(name: &str, url: Option<&str>, expected: Option<(i32, u32, u32)>) {
    let want = expected.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
    assert_eq!(extract_date(&read(name), url), want, "{name}");
}

#[test]
fn dates_from_each_source() {
    let day = Some((2026, 1, 11));
    check_date("date_jsonld.html", None, day);
    check_date("date_meta.html", None, day);
    check_date("date_meta_dc.html", None, day);
    check_date("date_itemprop.html", None, day);
    check_date("date_time.html", None, day);
    check_date(
        "date_url.html",
        Some("https://news.example/2026/01/11/council-budget"),
        day,
    );
    check_date("date_class.html", None, day);
    check_date("date_text_de.html", None, day);
    check_date("date_text_numeric.html", None, day);
    check_date("date_text_en.html", None, day);
}

#[test]
fn no_date_when_none_or_implausible() {
    check_date("date_none.html", None, None);
    check_date(
        "date_url.html",
        Some("https://news.example/world/council-budget"),
        None,
    );
    // Before 1995: not a web publication date.
    check_date("date_too_old.html", None, None);
}

#[test]
fn max_date_bounds_the_search() {
    let opts = ExtractOptions {
        max_date: NaiveDate::from_ymd_opt(2025, 12, 31),
        ..ExtractOptions::default()
    };
    assert_eq!(
        dyad_extract::extract_date_with(&read("date_meta.html"), &opts),
        None
    );
}

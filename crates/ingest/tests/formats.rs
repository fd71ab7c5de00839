//! Every input format on fixtures in `test_data/`, good and bad: each document read, or named
//! in a diagnostic with its reason, and the rest of the input still read.
//!
//! The binary fixtures (WARC, gzip, zstd, legacy charsets) are written by
//! `regenerate_fixtures` below: `cargo test -p dyad-ingest --test formats -- --ignored`.

use std::io::Write;
use std::path::{Path, PathBuf};

use dyad_ingest::{open_input, IngestError, Record};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(name)
}

/// One line per outcome: `input | title | date | author | language | url | text…` for a
/// document, `! reason: message` for a diagnostic, `skipped reason ×N` at the end.
fn outcomes(path: &Path) -> Vec<String> {
    let dir = format!(
        "{}/",
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test_data")
            .display()
    );
    let short = |s: &str| s.replace(&dir, "");
    let records = match open_input(path) {
        Ok(r) => r,
        Err(e) => return vec![format!("! {}: {}", e.reason(), short(&e.to_string()))],
    };
    let mut records = records;
    let mut out = Vec::new();
    for r in records.by_ref() {
        out.push(match r.and_then(Record::parse) {
            Ok(d) => {
                let a = &d.article;
                let text: String = a.text.chars().take(48).collect();
                format!(
                    "{} | {} | {} | {} | {} | {} | {}",
                    short(&a.input),
                    a.title.as_deref().unwrap_or("-"),
                    a.published.map_or("-".into(), |d| d.to_string()),
                    d.author.as_deref().unwrap_or("-"),
                    a.language.as_deref().unwrap_or("-"),
                    a.url.as_deref().unwrap_or("-"),
                    text.replace('\n', "⏎"),
                )
            }
            Err(e) => format!("! {}: {}", e.reason(), short(&e.to_string())),
        });
    }
    for (reason, n) in records.skipped() {
        out.push(format!("skipped {reason} ×{n}"));
    }
    out
}

fn check(file: &str, want: &[&str]) {
    let got = outcomes(&data(file));
    assert_eq!(got, want, "{file}:\n{}", got.join("\n"));
}

const ARTICLE: &str = "article.html | Egypt urges Israel to reopen Rafah crossing | 2026-02-02 | Amira Hassan | en-gb | https://nilecourier.example/world/2026/02/02/egypt-urges-israel-rafah | CAIRO — Egypt urged Israel on Monday to reopen t";

#[test]
fn html_pages() {
    // No URL is known for a bare file, so the canonical link stays relative: no URL.
    check("article.html", &["article.html | Egypt urges Israel to reopen Rafah crossing | 2026-02-02 | Amira Hassan | en-gb | - | CAIRO — Egypt urged Israel on Monday to reopen t"]);
    check("index.html", &["! no article: index.html: no article"]);
    check(
        "binary.html",
        &["! binary data: binary.html: binary data, not text"],
    );
    check(
        "arabic-1256.html",
        &["arabic-1256.html | مصر تدعو إسرائيل إلى فتح معبر رفح | - | - | ar | - | دعت مصر إسرائيل يوم الاثنين إلى إعادة فتح معبر ر"],
    );
    check(
        "shift-jis.html",
        &["shift-jis.html | エジプト、ラファ検問所の再開を要求 | - | - | ja | - | エジプトは２日、イスラエルに対し、ガザ南部ラファの検問所を支援物資の車列のために再開するよう求め"],
    );
}

#[test]
fn scraped_text_keeps_its_cleaning() {
    check(
        "scraped.txt",
        &["scraped.txt | Ceasefire Strains as Talks Stall | 2026-01-11 | - | - | - | Israel urged Washington on Sunday to keep its sa"],
    );
    let got = outcomes(&data("scraped.txt"));
    assert!(!got[0].contains("Leave a Reply"));
}

#[test]
fn json_lines_with_text_html_and_bad_lines() {
    check(
        "articles.jsonl",
        &[
            "a1 | Iran meets Iraq | 2026-01-11 | - | - | https://wire.example/a1 | Iran met Iraq on Sunday to discuss water rights ",
            "! bad record: articles.jsonl#2: not a JSON object with a text field: expected ident at line 1 column 2",
            "articles.jsonl#3 | Egypt urges Israel | - | Desk | - | https://nilecourier.example/x | CAIRO — Egypt urged Israel on Monday to reopen t",
            "! bad record: articles.jsonl#5: no \"text\" or \"html\"",
            "! bad record: articles.jsonl#6: unreadable date 'someday'",
        ],
    );
}

#[test]
fn rss_and_atom_feeds() {
    check(
        "feed.rss",
        &[
            "feed.rss#1 | Egypt urges Israel to reopen Rafah crossing | 2026-02-02 | Amira Hassan | en-gb | https://nilecourier.example/world/2026/02/02/egypt-urges-israel-rafah | CAIRO — Egypt urged Israel on Monday to reopen t",
            "feed.rss#2 | Turkey condemns Sweden over protest | 2026-02-03 | - | en-gb | https://nilecourier.example/world/2026/02/03/turkey-sweden | Turkey condemned Sweden on Tuesday after a prote",
        ],
    );
    check(
        "feed.atom",
        &[
            "feed.atom#1 | L’Égypte exhorte Israël à rouvrir Rafah | 2026-02-02 | Amira Hassan | fr | https://courrier.example/monde/egypte-rafah | LE CAIRE — L’Égypte a exhorté lundi Israël à rou",
            "feed.atom#2 | La Turquie condamne la Suède | 2026-02-03 | - | fr | https://courrier.example/monde/turquie-suede | La Turquie a condamné mardi la Suède après une m",
        ],
    );
    check("empty.rss", &["! empty feed: empty.rss: empty feed"]);
}

const WARC_PAGES: &[&str] = &[
    ARTICLE,
    "! no article: {W}#5: no article",
    "{W}#8 | エジプト、ラファ検問所の再開を要求 | - | - | ja | https://nikkan.example/kiji/1 | エジプトは２日、イスラエルに対し、ガザ南部ラファの検問所を支援物資の車列のために再開するよう求め",
    "{W}#9 | Egypt urges Israel to reopen Rafah crossing | - | - | en | https://gulfdaily.example/region/rafah | CAIRO — Egypt urged Israel on Monday to reopen t",
    "skipped HTTP redirect ×1",
    "skipped metadata record ×1",
    "skipped non-HTML response ×1",
    "skipped request record ×1",
    "skipped warcinfo record ×1",
];

fn warc_expectations(file: &str) -> Vec<String> {
    WARC_PAGES
        .iter()
        .map(|l| {
            if l.starts_with("article.html") {
                l.replacen("article.html", &format!("{file}#3"), 1)
            } else {
                l.replace("{W}", file)
            }
        })
        .collect()
}

#[test]
fn warc_archives_plain_gzip_and_zstd() {
    for file in ["sample.warc", "sample.warc.gz", "sample.warc.zst"] {
        let want = warc_expectations(file);
        let want: Vec<&str> = want.iter().map(String::as_str).collect();
        check(file, &want);
    }
}

#[test]
fn broken_warc_records_are_named_and_reading_goes_on() {
    check(
        "broken.warc",
        &[
            "broken.warc#1 | Egypt urges Israel to reopen Rafah crossing | 2026-02-02 | Amira Hassan | en-gb | https://nilecourier.example/world/2026/02/02/egypt-urges-israel-rafah | CAIRO — Egypt urged Israel on Monday to reopen t",
            "! broken WARC record: broken.warc#2: broken WARC record at byte 2532: expected a WARC version line, found 'this is not a WARC header'",
            "broken.warc#3 | Egypt urges Israel to reopen Rafah crossing | - | - | en | https://gulfdaily.example/region/rafah | CAIRO — Egypt urged Israel on Monday to reopen t",
            "! broken WARC record: broken.warc#4: broken WARC record at byte 4464: no valid Content-Length",
            "broken.warc#5 | Egypt urges Israel to reopen Rafah crossing | - | - | en | https://gulfdaily.example/region/rafah | CAIRO — Egypt urged Israel on Monday to reopen t",
            "! broken WARC record: broken.warc#6: broken WARC record at byte 6475: archive ends inside the record: 200 of 5000 bytes",
        ],
    );
}

#[test]
fn compressed_single_documents() {
    check(
        "article.html.gz",
        &[&ARTICLE
            .replacen("article.html", "article.html.gz", 1)
            .replace(
                " | https://nilecourier.example/world/2026/02/02/egypt-urges-israel-rafah | ",
                " | - | ",
            )],
    );
    check(
        "feed.rss.zst",
        &[
            "feed.rss.zst#1 | Egypt urges Israel to reopen Rafah crossing | 2026-02-02 | Amira Hassan | en-gb | https://nilecourier.example/world/2026/02/02/egypt-urges-israel-rafah | CAIRO — Egypt urged Israel on Monday to reopen t",
            "feed.rss.zst#2 | Turkey condemns Sweden over protest | 2026-02-03 | - | en-gb | https://nilecourier.example/world/2026/02/03/turkey-sweden | Turkey condemned Sweden on Tuesday after a prote",
        ],
    );
    check(
        "truncated.html.gz",
        &["! truncated gzip: truncated.html.gz: truncated gzip stream"],
    );
    check(
        "truncated.jsonl.zst",
        &["! truncated zstd: truncated.jsonl.zst: truncated zstd stream"],
    );
}

#[test]
fn truncated_compressed_warc_keeps_what_came_before() {
    let got = outcomes(&data("truncated.warc.gz"));
    assert_eq!(
        got.first().map(String::as_str),
        Some(
            ARTICLE
                .replacen("article.html", "truncated.warc.gz#3", 1)
                .as_str()
        ),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .any(|l| l.starts_with("! truncated gzip: truncated.warc.gz#")),
        "{got:#?}"
    );
}

/// A 50 MB page, alone and inside a WARC: refused by size, memory bounded, the next record
/// still read.
#[test]
fn fifty_megabyte_pages_are_refused() {
    let dir = std::env::temp_dir().join(format!("dyad-ingest-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut page = b"<html><body>".to_vec();
    while page.len() < 50 * 1024 * 1024 {
        page.extend_from_slice(
            b"<p>Egypt urged Israel to reopen the crossing for aid convoys.</p>\n",
        );
    }
    page.extend_from_slice(b"</body></html>");
    let html = dir.join("big.html");
    std::fs::write(&html, &page).expect("write");
    let got = outcomes(&html);
    assert_eq!(got.len(), 1);
    assert!(got[0].starts_with("! too large: "), "{got:?}");
    assert!(
        got[0].ends_with(&format!(
            "big.html: document is {} bytes, over the 16777216-byte limit",
            page.len()
        )),
        "{got:?}"
    );

    let warc = dir.join("big.warc");
    let mut f = std::fs::File::create(&warc).expect("create");
    f.write_all(&fixtures::response(
        "https://big.example/",
        "text/html",
        &page,
    ))
    .expect("write");
    let article = std::fs::read(data("article.html")).expect("fixture");
    f.write_all(&fixtures::response(
        "https://nilecourier.example/world/2026/02/02/egypt-urges-israel-rafah",
        "text/html; charset=utf-8",
        &article,
    ))
    .expect("write");
    drop(f);
    let got = outcomes(&warc);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].starts_with("! too large: ") && got[0].contains("big.warc#1: document is"),
        "{got:?}"
    );
    assert!(
        got[1].contains("big.warc#2 | Egypt urges Israel"),
        "{got:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn errors_name_their_input() {
    let missing = data("no-such-file.warc");
    match open_input(&missing) {
        Err(e @ IngestError::NotFound { .. }) => assert_eq!(e.reason(), "no such file"),
        other => panic!("expected NotFound, got {:?}", other.map(|r| r.format())),
    }
}

/// Writers for the binary fixtures.
mod fixtures {
    use std::io::Write;

    pub fn record(kind: &str, uri: Option<&str>, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"WARC/1.0\r\n");
        out.extend_from_slice(format!("WARC-Type: {kind}\r\n").as_bytes());
        out.extend_from_slice(b"WARC-Date: 2026-02-02T12:00:00Z\r\n");
        out.extend_from_slice(
            b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n",
        );
        if let Some(uri) = uri {
            out.extend_from_slice(format!("WARC-Target-URI: {uri}\r\n").as_bytes());
        }
        out.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    pub fn http(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
        for h in headers {
            out.extend_from_slice(h.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(body);
        out
    }

    pub fn response(uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
        record(
            "response",
            Some(uri),
            "application/http; msgtype=response",
            &http("200 OK", &[&format!("Content-Type: {content_type}")], body),
        )
    }

    pub fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).expect("gzip");
        e.finish().expect("gzip")
    }
}

const ARABIC: &str = "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"windows-1256\"><title>مصر تدعو إسرائيل إلى فتح معبر رفح</title></head><body>\
<nav><a href=\"/\">الرئيسية</a> <a href=\"/world\">العالم</a></nav><article><h1>مصر تدعو إسرائيل إلى فتح معبر رفح</h1>\
<p>دعت مصر إسرائيل يوم الاثنين إلى إعادة فتح معبر رفح أمام قوافل المساعدات، وقالت إن آلاف الشاحنات تنتظر على الحدود وإن الوضع الإنساني في جنوب القطاع يتدهور ساعة بعد ساعة.</p>\
<p>ورفض مسؤولون إسرائيليون الطلب وقالوا إن المعبر سيبقى مغلقا حتى إعادة الرهائن المحتجزين في القطاع، وهو موقف كررته الحكومة منذ تعثر المحادثات في الدوحة الأسبوع الماضي.</p>\
<p>وحذرت الأمم المتحدة من أن الإمدادات الغذائية في الجنوب ستنفد خلال أيام إذا لم تتمكن القوافل من العبور، ودعت الطرفين إلى الاتفاق على آلية تفتيش تسمح بمرور الشاحنات دون مزيد من التأخير.</p>\
</article><footer>جميع الحقوق محفوظة</footer></body></html>";

const JAPANESE_BODY: &str = "<title>エジプト、ラファ検問所の再開を要求</title></head><body>\
<div class=\"menu\"><a href=\"/\">トップ</a> <a href=\"/world\">国際</a></div><article><h1>エジプト、ラファ検問所の再開を要求</h1>\
<p>エジプトは２日、イスラエルに対し、ガザ南部ラファの検問所を支援物資の車列のために再開するよう求めた。国境では数千台のトラックが待機しており、人道状況は刻一刻と悪化しているという。</p>\
<p>イスラエル当局はこの要請を拒否し、人質が解放されるまで検問所は閉鎖したままにすると述べた。ドーハでの協議が先週行き詰まって以来、政府は同じ立場を繰り返している。</p>\
<p>国連は、車列が通過できなければ南部の食料は数日以内に底をつくと警告し、双方に対してトラックの通過を認める検査の仕組みで合意するよう呼びかけた。</p>\
</article><footer>著作権 日刊新聞</footer></body></html>";

/// Writes the binary fixtures into `test_data/`.
#[test]
#[ignore = "writes test_data/; run with --ignored to regenerate the fixtures"]
fn regenerate_fixtures() {
    use fixtures::*;
    let read = |name: &str| std::fs::read(data(name)).expect("text fixture");
    let write =
        |name: &str, bytes: &[u8]| std::fs::write(data(name), bytes).expect("write fixture");

    let (arabic, _, bad) = encoding_rs::WINDOWS_1256.encode(ARABIC);
    assert!(!bad);
    write("arabic-1256.html", &arabic);
    let sjis_page = format!(
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"shift_jis\">{JAPANESE_BODY}"
    );
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(&sjis_page);
    assert!(!bad);
    write("shift-jis.html", &sjis);
    // A PNG named .html.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    png.extend((0u8..=255).cycle().take(200));
    write("binary.html", &png);

    // A CC-NEWS-like archive: warcinfo, request + response, an index page (no article), a
    // redirect, an image, a Shift_JIS page whose charset only the HTTP header gives, a
    // chunked and gzip-encoded page, a metadata record.
    let article = read("article.html");
    let no_meta = format!("<!DOCTYPE html><html lang=\"ja\"><head>{JAPANESE_BODY}");
    let (sjis_no_meta, _, _) = encoding_rs::SHIFT_JIS.encode(&no_meta);
    let syndicated = gzip(&read("syndicated.html"));
    let mut chunked = format!("{:x}\r\n", syndicated.len()).into_bytes();
    chunked.extend_from_slice(&syndicated);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let url = "https://nilecourier.example/world/2026/02/02/egypt-urges-israel-rafah";
    let records: Vec<Vec<u8>> = vec![
        record("warcinfo", None, "application/warc-fields", b"software: dyad test fixtures\r\nformat: WARC File Format 1.0\r\n"),
        record("request", Some(url), "application/http; msgtype=request", b"GET /world/2026/02/02/egypt-urges-israel-rafah HTTP/1.1\r\nHost: nilecourier.example\r\n\r\n"),
        response(url, "text/html; charset=utf-8", &article),
        record("response", Some("https://nilecourier.example/old"), "application/http; msgtype=response", &http("301 Moved Permanently", &["Location: https://nilecourier.example/world"], b"")),
        response("https://nilecourier.example/world", "text/html", &read("index.html")),
        record("response", Some("https://nilecourier.example/logo.png"), "application/http; msgtype=response", &http("200 OK", &["Content-Type: image/png"], &png)),
        record("metadata", Some(url), "application/warc-fields", b"fetchTimeMs: 120\r\n"),
        response("https://nikkan.example/kiji/1", "text/html; charset=Shift_JIS", &sjis_no_meta),
        record("response", Some("https://gulfdaily.example/region/rafah"), "application/http; msgtype=response", &http("200 OK", &["Content-Type: text/html", "Transfer-Encoding: chunked", "Content-Encoding: gzip"], &chunked)),
    ];
    let plain: Vec<u8> = records.concat();
    write("sample.warc", &plain);
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    write("sample.warc.gz", &members);
    write(
        "sample.warc.zst",
        &zstd::encode_all(&plain[..], 3).expect("zstd"),
    );
    // Cut inside the fourth member: the first three records are whole.
    let cut = records[..3].iter().map(|r| gzip(r).len()).sum::<usize>() + 20;
    write("truncated.warc.gz", &members[..cut]);

    // Broken records between good ones: no Content-Length, garbage where a header should be,
    // and an archive that ends inside a record.
    let gulf = record(
        "response",
        Some("https://gulfdaily.example/region/rafah"),
        "application/http; msgtype=response",
        &http(
            "200 OK",
            &["Content-Type: text/html"],
            &read("syndicated.html"),
        ),
    );
    let mut broken = response(url, "text/html; charset=utf-8", &article);
    broken.extend_from_slice(b"this is not a WARC header\r\nnor is this\r\n\r\n");
    broken.extend_from_slice(&gulf);
    broken.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: lots\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>lost</p>\r\n\r\n");
    broken.extend_from_slice(&gulf);
    let last = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://cut.example/\r\nContent-Type: application/http\r\nContent-Length: 5000\r\n\r\n";
    broken.extend_from_slice(last);
    broken.extend(std::iter::repeat_n(b'x', 200));
    write("broken.warc", &broken);

    write("article.html.gz", &gzip(&article));
    let whole = gzip(&article);
    write("truncated.html.gz", &whole[..whole.len() / 2]);
    write(
        "feed.rss.zst",
        &zstd::encode_all(&read("feed.rss")[..], 3).expect("zstd"),
    );
    let whole = zstd::encode_all(&read("articles.jsonl")[..], 3).expect("zstd");
    write("truncated.jsonl.zst", &whole[..whole.len() * 2 / 3]);
}

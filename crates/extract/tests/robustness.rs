//! Nothing may panic, whatever the input: random bytes, truncated pages, deep nesting, huge
//! pages.

use dyad_extract::{extract_date, extract_html, ExtractError, ExtractOptions};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn fixture() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/news_page.html");
    std::fs::read(path).expect("news_page.html fixture")
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for len in [0usize, 1, 7, 64, 1000, 20_000] {
        for _ in 0..20 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let _ = extract_html(&bytes, &ExtractOptions::default());
            let _ = extract_date(&bytes, Some("https://x.example/2020/01/02/a"));
        }
    }
}

#[test]
fn random_markup_never_panics() {
    // Random soup of tags, text and entities: exercises the tree builder's error recovery.
    let pieces: &[&str] = &[
        "<p>",
        "</p>",
        "<div class=\"content\">",
        "</div>",
        "<table><tr><td>",
        "</td></table>",
        "<a href=\"#\">",
        "</a>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<time datetime=\"2020-",
        "Text with words, commas, and more words. ",
        "&amp;",
        "&#x",
        "<li>",
        "<ul>",
        "<template>",
        "<svg><p>",
        "<br>",
        "<h1>",
        "<form>",
        "<select><option>",
        "\u{feff}",
        "\0",
        "<",
        "<html>",
        "<body>",
        "<frameset>",
        "<math>",
        "<style>",
        "</style>",
    ];
    let mut rng = Rng(42);
    for _ in 0..300 {
        let n = (rng.next() % 200) as usize;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
        }
        let _ = extract_html(s.as_bytes(), &ExtractOptions::default());
    }
}

#[test]
fn truncated_html_never_panics() {
    let page = fixture();
    for cut in (0..page.len()).step_by(97) {
        let _ = extract_html(&page[..cut], &ExtractOptions::default());
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 20_000;
    let mut s = String::with_capacity(depth * 12);
    for _ in 0..depth {
        s.push_str("<div><span>");
    }
    s.push_str("Deep text, with enough words to be a paragraph of some sort, really.");
    let r = extract_html(s.as_bytes(), &ExtractOptions::default());
    assert!(r.is_ok() || r == Err(ExtractError::NoArticle));
}

#[test]
fn fifty_megabyte_page_is_refused() {
    let mut page = b"<html><body>".to_vec();
    let para = b"<p>Filler text, repeated to make a very large page indeed.</p>\n";
    while page.len() < 50 * 1024 * 1024 {
        page.extend_from_slice(para);
    }
    let r = extract_html(&page, &ExtractOptions::default());
    assert!(matches!(r, Err(ExtractError::TooLarge { .. })), "{r:?}");
    assert_eq!(extract_date(&page, None), None);
}

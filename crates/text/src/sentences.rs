use dyad_model::{Sentence, Span};

/// Abbreviations after which a period does not end a sentence. General splitters break after
/// "Mr." and "Gen.", which cuts titles off the names the actor stage needs.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpl", "maj", "adm",
    "cmdr", "sen", "rep", "gov", "amb", "pres", "supt", "insp", "det", "rev", "fr", "st", "mt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "v",
    "etc", "inc", "corp", "ltd", "co", "jr", "sr", "approx", "dept", "est", "fig", "al", "i.e",
    "e.g", "ft", "hon", "messrs", "mme", "mlle", "sheikh",
];

/// Splits text into sentences.
///
/// Paragraph breaks always end a sentence; a line break ends one unless the next line goes
/// on in lower case (hard-wrapped text). A period, question or exclamation mark ends a
/// sentence when the next word starts with a capital, digit or quote, except after a known
/// abbreviation, an initial ("J. Smith") or a dotted acronym ("U.S. officials").
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Sentence>| {
        let (s, e) = trim(text, from, to);
        if e > s {
            out.push(Sentence {
                index: out.len(),
                span: Span::new(s, e),
            });
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            let next = next_non_space(text, i + 1);
            let blank_line = text[i + 1..next.unwrap_or(text.len())].contains('\n');
            let continues_lower = next
                .and_then(|n| text[n..].chars().next())
                .is_some_and(|c| c.is_lowercase());
            if blank_line || !continues_lower {
                push(start, i, &mut sentences);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Swallow runs of terminal punctuation and closing quotes or brackets.
            let mut end = i + 1;
            while end < bytes.len()
                && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')')
            {
                end += 1;
            }
            while text[end..].starts_with('”') || text[end..].starts_with('’') {
                end += '”'.len_utf8();
            }
            let Some(next) = next_non_space(text, end) else {
                i = end;
                continue;
            };
            let has_space = next > end;
            let next_char = text[next..].chars().next().unwrap_or(' ');
            let opens = next_char.is_uppercase()
                || next_char.is_ascii_digit()
                || matches!(next_char, '"' | '“' | '‘' | '\'' | '(' | '[');
            // "No. 10 Downing Street": a number sign, not the word "no".
            let number_sign = next_char.is_ascii_digit()
                && text[..i]
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .is_some_and(|w| w == "No" || w == "Nos");
            if has_space && opens && !number_sign && !(b == b'.' && is_abbreviation_before(text, i))
            {
                push(start, end, &mut sentences);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push(start, text.len(), &mut sentences);
    sentences
}

fn next_non_space(text: &str, from: usize) -> Option<usize> {
    text[from..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(p, _)| from + p)
}

fn trim(text: &str, from: usize, to: usize) -> (usize, usize) {
    let slice = &text[from..to];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (from + lead, (to - trail).max(from + lead))
}

/// Is the period at `dot` the end of an abbreviation, an initial or a dotted acronym?
fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // A single capital letter: an initial.
    if word.chars().count() == 1 && first.is_uppercase() {
        return true;
    }
    // Dotted acronyms: "U.S", "U.N".
    if word.contains('.')
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<&str> = split_sentences(input)
            .iter()
            .map(|s| s.span.slice(input))
            .collect();
        assert_eq!(got, expected, "sentences of {input:?}");
    }

    #[test]
    fn keeps_titles_initials_and_acronyms_inside_sentences() {
        check(
            "Mr. Smith met Gen. Jones. Then he left.",
            &["Mr. Smith met Gen. Jones.", "Then he left."],
        );
        check(
            "U.S. officials met J. Smith in Geneva. Talks ended.",
            &["U.S. officials met J. Smith in Geneva.", "Talks ended."],
        );
    }

    #[test]
    fn splits_on_paragraphs_lines_and_quotes() {
        check(
            "Title line\n\nFirst sentence. “Quoted,” he said.",
            &["Title line", "First sentence.", "“Quoted,” he said."],
        );
        check("He said “no.” Then left.", &["He said “no.”", "Then left."]);
        check(
            "a hard-wrapped\nline goes on. Next one?\nYes!",
            &["a hard-wrapped\nline goes on.", "Next one?", "Yes!"],
        );
    }

    #[test]
    fn numbers_and_lowercase_continuations_do_not_split() {
        check(
            "It rose 3.5 percent. e.g. this stays.",
            &["It rose 3.5 percent. e.g. this stays."],
        );
        check("", &[]);
    }
}

use dyad_model::Span;

/// What kind of token a token is; the coder uses kinds for clause boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// A possessive ending, `'s` or `’s` or a bare apostrophe after `s`.
    Possessive,
    /// `n't` split from a verb ("didn't" → "did", "n't").
    Negation,
    Punct,
}

/// A token: its span in the text, its lower-cased form and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub lower: String,
    pub kind: TokenKind,
    /// The first character is upper case (a name, an acronym or a sentence start).
    pub capitalised: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text[range]` into tokens with spans relative to `text`.
///
/// Words keep inner apostrophes of names ("O'Brien") but split possessives ("Trump’s" →
/// "Trump", "’s") and negations ("didn't" → "did", "n't"); hyphens and dashes are tokens of
/// their own so "US-backed" yields "US", "-", "backed".
pub fn tokenize(text: &str, range: Span) -> Vec<Token> {
    let mut tokens = Vec::new();
    let Some(slice) = text.get(range.start..range.end) else {
        return tokens;
    };
    let base = range.start;
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let start = i;
            let mut j = i;
            // A word: alphanumerics, with inner apostrophes, periods of acronyms (U.S.) and
            // decimal points or thousands separators in numbers.
            while j < chars.len() {
                let ch = chars[j].1;
                if is_word_char(ch) {
                    j += 1;
                } else if (is_apostrophe(ch) || ch == '.' || ch == ',')
                    && j + 1 < chars.len()
                    && is_word_char(chars[j + 1].1)
                {
                    if ch == ','
                        && !(chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit())
                    {
                        break;
                    }
                    if ch == '.' {
                        let acronym =
                            chars[j - 1].1.is_uppercase() && chars[j + 1].1.is_uppercase();
                        let decimal =
                            chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit();
                        if !acronym && !decimal {
                            break;
                        }
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            // Trailing period of an acronym: "U.S." keeps its final dot.
            if j < chars.len()
                && chars[j].1 == '.'
                && j - start >= 3
                && chars[start..j].iter().any(|&(_, ch)| ch == '.')
            {
                j += 1;
            }
            let end_pos = chars.get(j).map_or(slice.len(), |&(p, _)| p);
            let word = &slice[pos..end_pos];
            push_word(&mut tokens, word, base + pos);
            i = j;
            continue;
        }
        // Possessive apostrophe after a plural: "allies' " → "'" as a possessive.
        let kind = if is_apostrophe(c)
            && i > 0
            && matches!(chars[i - 1].1, 's' | 'S')
            && chars.get(i + 1).is_none_or(|&(_, n)| !is_word_char(n))
        {
            TokenKind::Possessive
        } else {
            TokenKind::Punct
        };
        let end = pos + c.len_utf8();
        tokens.push(Token {
            span: Span::new(base + pos, base + end),
            lower: c.to_string(),
            kind,
            capitalised: false,
        });
        i += 1;
    }
    tokens
}

fn push_word(tokens: &mut Vec<Token>, word: &str, start: usize) {
    let lower = word.to_lowercase();
    // Possessive 's / ’s.
    for suffix in ["'s", "’s"] {
        if lower.len() > suffix.len() && lower.ends_with(suffix) {
            let cut = word.len() - suffix.len();
            push_plain(tokens, &word[..cut], start);
            tokens.push(Token {
                span: Span::new(start + cut, start + word.len()),
                lower: "'s".to_string(),
                kind: TokenKind::Possessive,
                capitalised: false,
            });
            return;
        }
    }
    for suffix in ["n't", "n’t"] {
        if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
            let cut = word.len() - suffix.len();
            let head = &word[..cut];
            // "can't" → "ca" + "n't": restore the verb's spelling in the lower form.
            let head_lower = match head.to_lowercase().as_str() {
                "ca" => "can".to_string(),
                "wo" => "will".to_string(),
                "sha" => "shall".to_string(),
                other => other.to_string(),
            };
            tokens.push(Token {
                span: Span::new(start, start + cut),
                lower: head_lower,
                kind: TokenKind::Word,
                capitalised: head.chars().next().is_some_and(char::is_uppercase),
            });
            tokens.push(Token {
                span: Span::new(start + cut, start + word.len()),
                lower: "not".to_string(),
                kind: TokenKind::Negation,
                capitalised: false,
            });
            return;
        }
    }
    push_plain(tokens, word, start);
}

fn push_plain(tokens: &mut Vec<Token>, word: &str, start: usize) {
    let kind = if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    tokens.push(Token {
        span: Span::new(start, start + word.len()),
        lower: word.to_lowercase().replace('’', "'"),
        kind,
        capitalised: word.chars().next().is_some_and(char::is_uppercase),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let tokens = tokenize(input, Span::new(0, input.len()));
        let got: Vec<&str> = tokens.iter().map(|t| t.span.slice(input)).collect();
        assert_eq!(got, expected, "tokens of {input:?}");
    }

    #[test]
    fn splits_words_possessives_negations_and_hyphens() {
        check("Trump’s aides", &["Trump", "’s", "aides"]);
        check(
            "He didn't reject it.",
            &["He", "did", "n't", "reject", "it", "."],
        );
        check("the US-backed plan", &["the", "US", "-", "backed", "plan"]);
        check("the U.S. sanctions", &["the", "U.S.", "sanctions"]);
        check("allies' weapons", &["allies", "'", "weapons"]);
        check(
            "O'Brien paid $1,200.50",
            &["O'Brien", "paid", "$", "1,200.50"],
        );
        check("phase—and", &["phase", "—", "and"]);
    }

    #[test]
    fn negation_token_is_lowered_to_not() {
        let text = "Iran won't sign";
        let tokens = tokenize(text, Span::new(0, text.len()));
        let lowers: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(lowers, ["iran", "will", "not", "sign"]);
    }
}

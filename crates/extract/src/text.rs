//! Small text utilities shared by the extractor's stages.

/// Collapses runs of whitespace (including non-breaking spaces) to one space and trims.
pub(crate) fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            pending = !out.is_empty();
        } else {
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(c);
        }
    }
    out
}

/// Length statistics of a piece of text: characters after collapsing whitespace, and commas.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct TextStats {
    pub chars: u32,
    pub commas: u32,
}

/// Counts characters (whitespace runs count as one) and commas in `s`.
pub(crate) fn stats(s: &str) -> TextStats {
    let mut chars = 0u32;
    let mut commas = 0u32;
    let mut in_ws = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_ws {
                chars += 1;
                in_ws = true;
            }
        } else {
            in_ws = false;
            chars += 1;
            if matches!(c, ',' | '\u{FF0C}' | '\u{3001}' | '\u{060C}' | '\u{201A}') {
                commas += 1;
            }
        }
    }
    TextStats { chars, commas }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        assert_eq!(normalize_space("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(stats(" a,  b ").chars, 5);
    }
}

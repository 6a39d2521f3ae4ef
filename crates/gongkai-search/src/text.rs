//! Character rules shared by the tokenizers, the query builder and the highlighter, so that all
//! three agree on what a Han character is and on which spellings count as the same text.
//! Normalisation maps one character to one character: character positions stay those of the
//! original text, which the bigram phrases and the highlighter rely on.

/// Whether `c` is a Han character (CJK unified ideographs, extensions and compatibility forms,
/// and 〇 as in 二〇二四年).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Whether `c` belongs to a Latin/digit word (any letter or digit that is not Han).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// Folds full-width ASCII (６１号, ＧＢ) to half-width and upper case to lower case, one character
/// for one character, so 文号 typed either way match.
pub(crate) fn fold(c: char) -> char {
    if is_han(c) {
        return c; // most of the text: skip the case tables
    }
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// `text` folded character by character (see [`fold`]).
pub(crate) fn fold_str(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// Latin/digit words longer than this are not indexed (encoded blobs, hashes): they would only
/// bloat the term dictionary.
pub(crate) const MAX_WORD_TOKEN_CHARS: usize = 40;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_letters_fold_to_ascii_lower_case() {
        assert_eq!(fold_str("６１号ＧＢ/T"), "61号gb/t");
    }

    #[test]
    fn han_and_word_characters_are_told_apart() {
        assert!(is_han('国') && is_han('〇'));
        assert!(!is_han('〔') && !is_han('6'));
        assert!(is_word_char('6') && is_word_char('a') && !is_word_char('号'));
    }
}

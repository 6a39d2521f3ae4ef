//! Text normalisation for matching labels and headings: full-width ASCII to half-width, one
//! quote style, no whitespace between Han characters, 钩稽 → 勾稽.
//!
//! Published reports mix `（一）` and `(一)`, `“三安全一稳定”` and `"三安全一稳定"`, and PDF
//! extraction puts spaces inside words (`自然 人`). Matching always runs on [`key`], never on the
//! printed string.

/// Whether `c` is a Han character (CJK unified ideographs and extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Whether `c` is whitespace as found in reports (incl. NBSP and the ideographic space).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{feff}'
}

/// Maps one character to its normal form (full-width ASCII → half-width, quotes unified).
fn fold(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '“' | '”' | '„' | '"' | '「' | '」' | '『' | '』' | '‘' | '’' | '\'' => '"',
        '\u{a0}' | '\u{3000}' | '\u{feff}' | '\t' => ' ',
        '·' => '.',
        '—' | '–' => '-',
        _ => c,
    }
}

/// The printed text cleaned for display: NBSP/ideographic spaces become spaces, runs of spaces
/// collapse, spaces between Han characters (and between Han and CJK punctuation) vanish.
pub fn clean(s: &str) -> String {
    // Most cells (numbers, labels) have no space at all: nothing to collapse or join.
    if !s.chars().any(is_space) {
        return s.to_owned();
    }
    let chars: Vec<char> = s
        .chars()
        .map(|c| if is_space(c) { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    let joinable = |c: Option<char>| c.is_none_or(|c| is_han(c) || is_cjk_punct(c));
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let next = chars[i + 1..].iter().find(|c| **c != ' ').copied();
            if prev.is_none() || prev == Some(' ') || joinable(prev) && joinable(next) {
                continue;
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out.trim_end().to_owned()
}

/// CJK punctuation and full-width forms, next to which a space is never meaningful.
fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '“' | '”' | '‘' | '’')
}

/// The matching key of a label: [`clean`]ed, folded to half-width, all spaces removed,
/// 钩稽 → 勾稽, lower-case ASCII.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().map(fold).filter(|c| !is_space(*c)) {
        // Keys are built for every line several times per report: ASCII and Han (nearly all
        // of the text) skip the Unicode case tables, which leave them as they are anyway.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == '、' {
            out.push('.');
        } else if is_han(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if out.contains("钩稽") {
        out = out.replace("钩稽", "勾稽");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_folds_width_quotes_spaces_and_gouji() {
        assert_eq!(key("（三） 不予\n以公 开"), "(三)不予以公开");
        assert_eq!(key("3、危及\"三安全一稳定\""), key("3.危及“三安全一稳定”"));
        assert_eq!(key("本列数据的钩稽关系"), "本列数据的勾稽关系");
    }

    #[test]
    fn clean_drops_spaces_between_han_only() {
        assert_eq!(
            clean("荔湾区花地街 2020 年政府信息公开工作 年度报告"),
            "荔湾区花地街 2020 年政府信息公开工作年度报告"
        );
        assert_eq!(clean("\u{a0}\u{a0}自然 人"), "自然人");
    }
}

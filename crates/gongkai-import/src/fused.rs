//! Page text with the table cells run together: `一、本年新收政府信息公开申请数量640020470二、…`.
//!
//! Copying a web page's text (or a PDF's, without positions) keeps the order of the cells but
//! drops their borders, often the line breaks too: a whole report can be one line. This module
//! takes such text apart again where the template says a boundary must be — before each section
//! heading, and between a row's label and its digits — and leaves the splitting of the digits
//! into cells to [`crate::split`], which knows the table's identities.

use crate::keywords;
use crate::layout::Line;
use gongkai_domain::report::Section;

/// A piece of run-together text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bit {
    /// Label text.
    Label(String),
    /// A run of digits (one printed number, or several run together).
    Digits(String),
}

/// Characters after a number that make it part of a sentence, not a cell (“23件”, “2019年”).
const NARRATIVE_UNITS: &str = "年月日件条个项次人家名篇期场余%％号页批类";

/// Lines shorter than this are never split at headings: a heading on a line of its own is the
/// normal case, and short lines that mention a heading are sentences.
const LONG_LINE: usize = 80;

/// Splits every long one-cell line at the official section headings it contains, so that a
/// report printed as one paragraph gets its outline back.
pub fn split_headings(lines: &[Line]) -> Vec<Line> {
    let headings: Vec<&str> = Section::ALL
        .iter()
        .map(|s| s.def().heading)
        .filter(|h| !h.is_empty())
        .collect();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let [text] = line.cells.as_slice() else {
            out.push(line.clone());
            continue;
        };
        if text.chars().count() < LONG_LINE {
            out.push(line.clone());
            continue;
        }
        let mut cuts: Vec<(usize, usize)> = headings
            .iter()
            .flat_map(|h| text.match_indices(h).map(|(i, m)| (i, i + m.len())))
            .collect();
        cuts.sort_unstable();
        let mut start = 0;
        for (a, b) in cuts {
            if a < start {
                continue;
            }
            push_text(&mut out, &text[start..a]);
            push_text(&mut out, &text[a..b]);
            start = b;
        }
        push_text(&mut out, &text[start..]);
    }
    out
}

fn push_text(out: &mut Vec<Line>, s: &str) {
    if !s.trim().is_empty() {
        out.push(Line::text(s.trim()));
    }
}

/// Splits text into labels and digit runs when it reads as table rows run together: some digit
/// run directly follows a label that names a row of a standard table. `None` for anything else
/// (a label, a sentence).
pub fn split(text: &str) -> Option<Vec<Bit>> {
    if !text.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let bits = bits(text);
    let names_row = bits.windows(2).any(|w| match w {
        [Bit::Label(l), Bit::Digits(_)] => keywords::names_a_row(l),
        _ => false,
    });
    names_row.then_some(bits)
}

/// The bits of `text`: each digit run (digits and single spaces between them, a decimal part,
/// a unit of money) that is not part of a sentence or a label number becomes its own bit.
fn bits(text: &str) -> Vec<Bit> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut label = String::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || chars.get(i.wrapping_sub(1)) == Some(&'第') {
            label.push(chars[i]);
            i += 1;
            continue;
        }
        let (end, mut run) = digit_run(&chars, i);
        // “…00000002.其他法律…”: the digit before “.” or “、” numbers the next label.
        let numbering = matches!(chars.get(end), Some('.' | '、'))
            && chars.get(end + 1).is_some_and(|c| !c.is_ascii_digit());
        let narrative = chars.get(end).is_some_and(|c| NARRATIVE_UNITS.contains(*c));
        if narrative {
            label.extend(&chars[i..end]);
            i = end;
            continue;
        }
        let mut next = end;
        if numbering && run.ends_with(|c: char| c.is_ascii_digit()) {
            run.pop();
            next = end - 1;
            while run.ends_with(' ') {
                run.pop();
            }
        }
        if !run.is_empty() {
            let l = std::mem::take(&mut label);
            if !l.trim().is_empty() {
                out.push(Bit::Label(l.trim().to_owned()));
            }
            out.extend(
                run.split(' ')
                    .filter(|d| !d.is_empty())
                    .map(|d| Bit::Digits(d.to_owned())),
            );
        }
        label.extend(&chars[next..end]);
        i = end;
    }
    if !label.trim().is_empty() {
        out.push(Bit::Label(label.trim().to_owned()));
    }
    out
}

/// The digit run starting at `i`: its end and its text (spaces between digits kept single).
fn digit_run(chars: &[char], i: usize) -> (usize, String) {
    let mut j = i;
    let mut run = String::new();
    let mut decimal = false;
    while j < chars.len() {
        let c = chars[j];
        let next_digit = chars.get(j + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            run.push(c);
        } else if c == ' ' && next_digit && !decimal {
            run.push(' ');
        } else if c == '.' && next_digit && !decimal && !run.ends_with(' ') {
            decimal = true;
            run.push('.');
        } else {
            break;
        }
        j += 1;
    }
    for unit in ["万元", "元"] {
        let u: Vec<char> = unit.chars().collect();
        if chars[j..].starts_with(&u) {
            run.push_str(unit);
            j += u.len();
            break;
        }
    }
    (j, run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Bit {
        Bit::Digits(s.to_owned())
    }
    fn l(s: &str) -> Bit {
        Bit::Label(s.to_owned())
    }

    #[test]
    fn run_together_rows_come_apart_at_labels_and_label_numbers() {
        let bits = split("（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000");
        assert_eq!(
            bits,
            Some(vec![
                l("（三）不予公开1.属于国家秘密"),
                d("0000000"),
                l("2.其他法律行政法规禁止公开"),
                d("0000000"),
            ])
        );
        let bits = split("（七）总计23 0 00 0 023四、结转下年度继续办理");
        assert_eq!(
            bits,
            Some(vec![
                l("（七）总计"),
                d("23"),
                d("0"),
                d("00"),
                d("0"),
                d("023"),
                l("四、结转下年度继续办理"),
            ])
        );
        let bits = split("政府集中采购13575394432.52元三、收到和处理");
        assert_eq!(bits.map(|b| b[1].clone()), Some(d("13575394432.52元")));
    }

    #[test]
    fn sentences_and_plain_labels_are_left_alone() {
        assert_eq!(split("本年度共收到申请23件，其中予以公开7件。"), None);
        assert_eq!(split("1.属于国家秘密"), None);
        assert_eq!(split("第二十条第（一）项"), None);
    }

    #[test]
    fn a_report_on_one_line_is_cut_at_its_headings() {
        let long = format!(
            "前言{}一、总体情况本年度{}二、主动公开政府信息情况 表",
            "文字".repeat(40),
            "工作".repeat(10)
        );
        let lines = split_headings(&[Line::text(long)]);
        let texts: Vec<String> = lines.iter().map(Line::joined).collect();
        assert_eq!(texts[1], "一、总体情况");
        assert_eq!(texts[3], "二、主动公开政府信息情况");
        assert_eq!(texts[4], "表");
    }
}

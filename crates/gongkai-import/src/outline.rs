//! The outline of a report: its title (year and agency), the headings of sections 一…六 found
//! by number + keyword, the line ranges of the three tables, and the narrative text per section.

use crate::layout::Line;
use crate::normalize::{clean, key};
use gongkai_domain::report::Section;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

const NUMBERS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// Where each section heading is: section → line index.
pub type Headings = BTreeMap<Section, usize>;

/// Finds section headings in order: “N、…keyword…” (short), or the official heading without its
/// number on a line of its own.
pub fn headings(lines: &[Line]) -> Headings {
    let mut out = Headings::new();
    let mut next = 1;
    for (i, line) in lines.iter().enumerate() {
        let k = key(&line.joined());
        for (n, section) in Section::ALL.iter().enumerate().skip(next) {
            if is_heading(&k, *section) {
                out.insert(*section, i);
                next = n + 1;
                break;
            }
        }
    }
    out
}

fn is_heading(k: &str, s: Section) -> bool {
    let def = s.def();
    let Some(idx) = NUMBERS.iter().position(|n| *n == def.number) else {
        return false;
    };
    let k = k.strip_prefix('第').unwrap_or(k);
    let num = NUMBERS[idx];
    let numbered = k.strip_prefix(num).and_then(|r| {
        r.strip_prefix(['.', ',', ':'])
            .or_else(|| r.strip_prefix("部分"))
    });
    if let Some(rest) = numbered {
        let head: String = rest.chars().take(24).collect();
        return rest.chars().count() <= 40 && def.keywords.iter().any(|w| head.contains(w));
    }
    let official = key(def.heading);
    let bare = official
        .split_once('.')
        .map_or(official.as_str(), |(_, b)| b);
    k.chars().count() <= 30 && !k.starts_with('(') && (k == bare || k.ends_with(bare))
}

/// The line ranges of tables 二, 三, 四 (empty when absent).
pub fn table_ranges(lines: &[Line], h: &Headings) -> [Range<usize>; 3] {
    let find = |from: usize, words: &[&str]| {
        (from..lines.len()).find(|i| {
            let k = key(&lines[*i].joined());
            words.iter().any(|w| k.contains(w))
        })
    };
    let end = lines.len();
    let t2 = h
        .get(&Section::Proactive)
        .copied()
        .or_else(|| find(0, &["第二十条"]));
    let t3 = h
        .get(&Section::Applications)
        .copied()
        .or_else(|| find(t2.unwrap_or(0), &["勾稽关系", "申请人情况"]));
    let t4 = h
        .get(&Section::Appeals)
        .copied()
        .or_else(|| find(t3.unwrap_or(0), &["行政复议"]));
    let after = |s: Option<usize>, next: &[Option<usize>]| -> Range<usize> {
        let Some(s) = s else { return 0..0 };
        let e = next
            .iter()
            .flatten()
            .copied()
            .filter(|e| *e > s)
            .min()
            .unwrap_or(end);
        s..e
    };
    let problems = h.get(&Section::Problems).copied();
    let other = h.get(&Section::Other).copied();
    [
        after(t2, &[t3, t4, problems, other]),
        after(t3, &[t4, problems, other]),
        after(t4, &[problems, other]),
    ]
}

/// Narrative text per section: the lines between its heading and the next, cleaned.
pub fn sections(lines: &[Line], h: &Headings, title: Option<usize>) -> BTreeMap<Section, String> {
    let mut out = BTreeMap::new();
    let starts: Vec<(Section, usize)> = h.iter().map(|(s, i)| (*s, *i)).collect();
    for (n, (section, start)) in starts.iter().enumerate() {
        if matches!(
            section,
            Section::Proactive | Section::Applications | Section::Appeals
        ) {
            continue;
        }
        let end = starts.get(n + 1).map_or(lines.len(), |(_, e)| *e);
        let mut from = start + 1;
        while from < end && is_heading(&key(&lines[from].joined()), *section) {
            from += 1;
        }
        out.insert(*section, text_of(&lines[from..end]));
    }
    if let Some(first) = starts.first().map(|(_, i)| *i) {
        // A title that is a sentence of the preface (“现公布…年度报告。”) stays in it.
        let is_title = |t: &usize| {
            let text = lines[*t].joined();
            text.chars().count() <= 40 && !text.ends_with('。')
        };
        let from = title.filter(is_title).map_or(0, |t| t + 1).min(first);
        let preface = text_of(&lines[from..first]);
        if !preface.is_empty() {
            out.insert(Section::Preface, preface);
        }
    }
    out
}

fn text_of(lines: &[Line]) -> String {
    let kept: Vec<String> = lines
        .iter()
        .map(Line::joined)
        .filter(|t| !t.is_empty() && !is_footer(t))
        .collect();
    kept.join("\n")
}

/// Website footers and boilerplate that are not part of the report.
fn is_footer(t: &str) -> bool {
    const MARKS: [&str; 7] = [
        "主办单位",
        "版权所有",
        "ICP备",
        "技术支持",
        "网站标识码",
        "公安备案",
        "承办单位",
    ];
    MARKS.iter().any(|m| t.contains(m))
}

static TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年\s*度?\s*(?:政府信息公开|政务公开|信息公开)[^。]{0,12}报告")
        .ok()
});

/// The title: (line index, year, agency), from the first line naming “…年…政府信息公开…报告”.
pub fn title(lines: &[Line]) -> Option<(usize, i32, Option<String>)> {
    let re = TITLE.as_ref()?;
    for (i, line) in lines.iter().enumerate().take(40) {
        let text = clean(&line.joined());
        let Some(m) = re.captures(&text) else {
            continue;
        };
        let year = m.get(1)?.as_str().parse().ok()?;
        let before = &text[..m.get(0)?.start()];
        let agency = agency_before(before).or_else(|| previous_line(lines, i));
        return Some((i, year, agency));
    }
    None
}

fn agency_before(before: &str) -> Option<String> {
    let cut = before
        .rfind(['，', '。', ',', '：', ':', '；', ';', '）', ')', '》'])
        .map_or(before, |p| &before[p..]);
    let cut = cut.trim_start_matches(['，', '。', ',', '：', ':', '；', ';', '）', ')', '》']);
    let mut name = cut.trim().to_owned();
    for verb in ["现公布", "现予公布", "现发布", "公布", "发布", "关于"] {
        if let Some(rest) = name.strip_prefix(verb) {
            name = rest.to_owned();
        }
    }
    let name = clean(&name);
    (name.chars().count() >= 2).then_some(name)
}

fn previous_line(lines: &[Line], i: usize) -> Option<String> {
    let prev = lines[..i].iter().rev().find(|l| !l.is_empty())?;
    let t = clean(&prev.joined());
    let short = t.chars().count() <= 30 && !t.contains(['。', '，', ',', '•']);
    short.then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_need_number_and_keyword_in_order() {
        let lines: Vec<Line> = [
            "一、总体情况",
            "一、明确责任，建立健全组织领导机制。",
            "二、主动公开政府信息情况",
            "二、上年结转政府信息公开申请数量",
            "收到和处理政府信息公开申请情况",
            "四、结转下年度继续办理",
            " 四、政府信息公开行政复议、行政诉讼情况",
        ]
        .into_iter()
        .map(Line::text)
        .collect();
        let h = headings(&lines);
        assert_eq!(h.get(&Section::Overview), Some(&0));
        assert_eq!(h.get(&Section::Proactive), Some(&2));
        assert_eq!(h.get(&Section::Applications), Some(&4));
        assert_eq!(h.get(&Section::Appeals), Some(&6));
    }

    #[test]
    fn title_gives_year_and_agency() {
        let l = |s: &str| Line::text(s);
        let t = title(&[l("荔湾区花地街 2020 年政府信息公开工作 年度报告")]);
        assert_eq!(t, Some((0, 2020, Some("荔湾区花地街".into()))));
        let t = title(&[l("洪泽区人民政府"), l("2023 年政府信息公开工作年度报告")]);
        assert_eq!(t, Some((1, 2023, Some("洪泽区人民政府".into()))));
        let t = title(&[l(
            "根据《条例》要求,现公布青山苗族乡2020年政府信息公开工作年度报告。",
        )]);
        assert_eq!(t.and_then(|t| t.2), Some("青山苗族乡".into()));
    }
}

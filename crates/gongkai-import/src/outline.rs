//! The outline of a report: its title (year and agency), the headings of sections 一…六 found
//! by number + keyword, the line ranges of the three tables, and the narrative text per section.

use crate::layout::Line;
use crate::normalize::{clean, is_space, key};
use gongkai_domain::report::{Section, table2, table3, table4};
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
        if !may_be_heading(line) {
            continue;
        }
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

/// The longest key [`is_heading`] accepts: “第” + number + “部分” + 40 characters.
const MAX_HEADING_CHARS: usize = 44;

/// Whether the line is short enough to be a heading. Its key has at least as many characters
/// as its cells have non-space ones, so longer lines (most of a report) skip building the key.
fn may_be_heading(line: &Line) -> bool {
    let visible = line
        .cells
        .iter()
        .flat_map(|c| c.chars())
        .filter(|c| !is_space(*c));
    visible.take(MAX_HEADING_CHARS + 1).count() <= MAX_HEADING_CHARS
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
    let bare = bare_heading(s);
    k.chars().count() <= 30 && !k.starts_with('(') && (k == bare || k.ends_with(bare))
}

/// The key of `s`'s official heading without its number (“总体情况”), computed once: it is
/// compared with every line of every report.
fn bare_heading(s: Section) -> &'static str {
    static BARE: LazyLock<Vec<(Section, String)>> = LazyLock::new(|| {
        Section::ALL
            .iter()
            .map(|s| {
                let official = key(s.def().heading);
                let bare = official
                    .split_once('.')
                    .map_or(official.as_str(), |(_, b)| b);
                (*s, bare.to_owned())
            })
            .collect()
    });
    BARE.iter()
        .find(|(x, _)| *x == s)
        .map_or("", |(_, b)| b.as_str())
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
    // Without headings, each table is found by what only it prints (from the domain's labels).
    let caption = table2::BLOCKS_2021[0].caption; // 第二十条第（一）项 → 第二十条
    let t2_anchor = format!("第{}", caption.split('第').nth(1).unwrap_or_default());
    let note = key(table3::CROSS_CHECK_NOTE); // (本列数据的勾稽关系为:… → 勾稽关系
    let note = note.split(':').next().unwrap_or_default();
    let t3_anchor = note
        .split('的')
        .nth(1)
        .unwrap_or(note)
        .trim_end_matches('为');
    let t3_words = [t3_anchor, table3::APPLICANT_HEADER];
    let t4_anchor = table4::GROUPS[0].label;
    let t2 = h
        .get(&Section::Proactive)
        .copied()
        .or_else(|| find(0, &[t2_anchor.as_str()]));
    let t3 = h
        .get(&Section::Applications)
        .copied()
        .or_else(|| find(t2.unwrap_or(0), &t3_words));
    let t4 = h
        .get(&Section::Appeals)
        .copied()
        .or_else(|| find(t3.unwrap_or(0), &[t4_anchor]));
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
        let last = n + 1 == starts.len();
        let end = starts.get(n + 1).map_or(lines.len(), |(_, e)| *e);
        let mut from = start + 1;
        while from < end && is_heading(&key(&lines[from].joined()), *section) {
            from += 1;
        }
        let body = &lines[from..end];
        let body = if last { without_signature(body) } else { body };
        out.insert(*section, text_of(body));
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

/// The lines before the signature that closes a report: the date (“2021年1月20日”, or its
/// digits as some copies print them) and up to two short lines above it naming the agency.
fn without_signature(lines: &[Line]) -> &[Line] {
    let mut end = lines.len();
    while end > 0 && (lines[end - 1].is_empty() || is_footer(&lines[end - 1].joined())) {
        end -= 1;
    }
    if end == 0 || !is_date(&clean(&lines[end - 1].joined())) {
        return lines;
    }
    end -= 1;
    for _ in 0..2 {
        let Some(prev) = lines[..end].iter().rposition(|l| !l.is_empty()) else {
            break;
        };
        if !is_name_line(&lines[prev]) {
            break;
        }
        end = prev;
    }
    &lines[..end]
}

/// An agency's name above the date: a short line without sentence punctuation that ends like
/// the name of an organ (so that a closing “无” stays in the text).
fn is_name_line(line: &Line) -> bool {
    const ENDINGS: [&str; 16] = [
        "政府",
        "办公室",
        "办公厅",
        "局",
        "委员会",
        "委",
        "办事处",
        "街道",
        "乡",
        "镇",
        "部",
        "厅",
        "院",
        "中心",
        "署",
        "处",
    ];
    let t = clean(&line.joined());
    t.chars().count() <= 30
        && !t.contains(['。', '，', ',', '；', ';', '：', ':'])
        && ENDINGS.iter().any(|e| t.ends_with(e))
}

static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", // 2021年1月20日
        r"|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}",                 // 2021-01-20
        r"|20\d{4,6}", // 202115: the digits alone, as some copies keep them
        r"|[〇○零一二][〇○零一二三四五六七八九]{3}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$",
    ))
    .ok()
});

fn is_date(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    DATE.as_ref().is_some_and(|re| re.is_match(&t))
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

/// A year as printed in titles: digits, or 二〇二一 in Chinese numerals.
const YEAR: &str = r"((?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3})";

static TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{YEAR}\s*年\s*度?\s*(?:政府信息公开|政务公开|信息公开)[^。]{{0,12}}报告"
    ))
    .ok()
});

/// “…政府信息公开工作年度报告（2021年度）”: the year after the title.
static TITLE_YEAR_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:政府信息公开|政务公开|信息公开)[^。]{{0,12}}报告\s*[(（]\s*{YEAR}\s*年?\s*度?\s*[)）]"
    ))
    .ok()
});

/// “2024年上海市科委政府信息公开工作年度报告”: a title line with the agency between the year
/// and the title words (the whole line, so that a sentence of the preface never reads as one).
static TITLE_AGENCY_INSIDE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^{YEAR}\s*年\s*度?\s*(\p{{Han}}[^，。,：:；;\s]{{1,19}}?)\s*(?:政府信息公开|政务公开)[^。]{{0,12}}报告$"
    ))
    .ok()
});

/// A title line is short and no sentence.
const MAX_TITLE_LINE: usize = 30;

/// The title: (index of its last line, year, agency), from the first line naming
/// “…年…政府信息公开…报告” (or “…政府信息公开…报告（N年度）”, or “N年某机关政府信息公开…报告”),
/// or from two short lines that do together (a title wrapped as “…政府信息公开工作 / 年度报告”).
pub fn title(lines: &[Line]) -> Option<(usize, i32, Option<String>)> {
    for (i, line) in lines.iter().enumerate().take(40) {
        let text = clean(&line.joined());
        if let Some((year, agency)) = title_in(&text) {
            let agency = agency.or_else(|| previous_line(lines, i));
            return Some((i, year, agency));
        }
        let Some(next) = lines.get(i + 1).map(|l| clean(&l.joined())) else {
            continue;
        };
        if [&text, &next].iter().all(|t| is_title_part(t))
            && let Some((year, agency)) = title_in(&format!("{text}{next}"))
        {
            let agency = agency.or_else(|| previous_line(lines, i));
            return Some((i + 1, year, agency));
        }
    }
    None
}

/// Whether a line can be one line of a title printed over two.
fn is_title_part(t: &str) -> bool {
    !t.is_empty() && t.chars().count() <= MAX_TITLE_LINE && !t.contains(['。', '，', ','])
}

/// The year of a title in `text`, and the agency it names (before the year, or between the
/// year and the title words).
fn title_in(text: &str) -> Option<(i32, Option<String>)> {
    let plain = [TITLE.as_ref()?, TITLE_YEAR_AFTER.as_ref()?];
    if let Some(m) = plain.iter().find_map(|re| re.captures(text)) {
        let year = year_of(m.get(1)?.as_str())?;
        return Some((year, agency_before(&text[..m.get(0)?.start()])));
    }
    let m = TITLE_AGENCY_INSIDE.as_ref()?.captures(text)?;
    let year = year_of(m.get(1)?.as_str())?;
    Some((year, m.get(2).map(|a| clean(a.as_str()))))
}

/// “2021” or “二〇二一”.
fn year_of(s: &str) -> Option<i32> {
    if let Ok(y) = s.parse() {
        return Some(y);
    }
    s.chars().try_fold(0, |y, c| {
        let d = "〇一二三四五六七八九".chars().position(|n| n == c);
        let d = d.or_else(|| (c == '○' || c == '零').then_some(0))?;
        Some(y * 10 + d as i32)
    })
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
    // “某某局关于2021年度政府信息公开工作的年度报告”
    if let Some(rest) = name.strip_suffix("关于") {
        name = rest.to_owned();
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
        let t = title(&[l("某某县人民政府办公室二〇二一年政府信息公开工作年度报告")]);
        assert_eq!(t, Some((0, 2021, Some("某某县人民政府办公室".into()))));
        let t = title(&[l("某某市商务局政府信息公开工作年度报告（2022年度）")]);
        assert_eq!(t, Some((0, 2022, Some("某某市商务局".into()))));
        let t = title(&[l("某某局关于2023年度政府信息公开工作的年度报告")]);
        assert_eq!(t, Some((0, 2023, Some("某某局".into()))));
        let t = title(&[
            l("正文"),
            l("2024 年上海市科委政府信息公开工作"),
            l("年度报告"),
        ]);
        assert_eq!(t, Some((2, 2024, Some("上海市科委".into()))));
        // A sentence of the preface is no title, however it wraps.
        let t = title(&[
            l("市科委编制了 2024 年度政务公开工作"),
            l("报告，报告全文包括总体情况"),
        ]);
        assert_eq!(t, None);
    }

    #[test]
    fn the_signature_closing_a_report_is_not_section_text() {
        let lines = |v: &[&str]| v.iter().map(|s| Line::text(*s)).collect::<Vec<_>>();
        let doc = lines(&[
            "六、其他需要报告的事项",
            "无",
            "",
            "某某县人民政府",
            "二〇二一年一月五日",
        ]);
        let h = headings(&doc);
        assert_eq!(
            sections(&doc, &h, None)
                .get(&Section::Other)
                .map(String::as_str),
            Some("无")
        );
        let doc = lines(&["六、其他需要报告的事项", "本年度未收费。", "2021年1月5日"]);
        let h = headings(&doc);
        assert_eq!(sections(&doc, &h, None)[&Section::Other], "本年度未收费。");
        // Without a date at the end nothing is cut.
        let doc = lines(&["六、其他需要报告的事项", "详见附件", "某某县人民政府"]);
        let h = headings(&doc);
        assert_eq!(
            sections(&doc, &h, None)[&Section::Other],
            "详见附件\n某某县人民政府"
        );
    }
}

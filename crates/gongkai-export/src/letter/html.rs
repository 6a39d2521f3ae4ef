//! A letter as an HTML fragment for the on-screen preview: every text escaped, the structure in
//! classes (`gk-letter-…`) that [`LETTER_CSS`] lays out like the printed page.

use super::Style;
use crate::html::escape;
use gongkai_domain::letter::{Letter, chinese_date};
use std::fmt::Write;

/// The preview's style sheet (A4-like width, centred title, indented paragraphs, signature at
/// the right); a page includes it once.
pub const LETTER_CSS: &str = "\
.gk-letter{max-width:42em;margin:0 auto;padding:3em 2.5em;background:#fff;color:#000;\
font:16px/1.8 FangSong,'仿宋_GB2312','仿宋','Noto Serif CJK SC',serif}\
.gk-letter h1{font:bold 22px/1.6 'FZXiaoBiaoSong-B05S','方正小标宋简体','Noto Serif CJK SC',serif;\
text-align:center;margin:0}\
.gk-letter-docno{text-align:right;margin:0}\
.gk-letter-addressee{margin:1.8em 0 0}\
.gk-letter p{margin:0}\
.gk-letter-body p{text-indent:2em;text-align:justify}\
.gk-letter-body .heading{font-family:SimHei,'黑体','Noto Sans CJK SC',sans-serif}\
.gk-letter-body .subheading{font-family:KaiTi,'楷体_GB2312','楷体',serif}\
.gk-letter-attachments{margin:1.8em 0 0 2em}\
.gk-letter-sign{margin:1.8em 4em 0 auto;width:max-content;text-align:center}\
.gk-letter-note{text-indent:2em}";

/// The letter as an `<article class="gk-letter">` fragment, every text escaped.
pub fn letter_html(letter: &Letter) -> String {
    let mut out = String::from("<article class=\"gk-letter\">\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&letter.title));
    if let Some(no) = &letter.doc_no {
        let _ = writeln!(out, "<p class=\"gk-letter-docno\">{}</p>", escape(no));
    }
    let _ = writeln!(
        out,
        "<p class=\"gk-letter-addressee\">{}：</p>\n<div class=\"gk-letter-body\">",
        escape(&letter.addressee)
    );
    for p in &letter.paragraphs {
        let _ = writeln!(
            out,
            "<p class=\"{}\">{}</p>",
            Style::of(p).name(),
            escape(p)
        );
    }
    out.push_str("</div>\n");
    if !letter.attachments.is_empty() {
        out.push_str("<div class=\"gk-letter-attachments\">");
        let many = letter.attachments.len() > 1;
        for (i, a) in letter.attachments.iter().enumerate() {
            let label = if i == 0 { "附件：" } else { "　　　" };
            let number = if many {
                format!("{}.", i + 1)
            } else {
                String::new()
            };
            let _ = write!(out, "<p>{label}{number}{}</p>", escape(a));
        }
        out.push_str("</div>\n");
    }
    let _ = writeln!(
        out,
        "<div class=\"gk-letter-sign\"><p>{}</p><p>{}</p></div>",
        escape(&letter.signer),
        escape(&chinese_date(letter.date))
    );
    if let Some(note) = &letter.contact {
        let _ = writeln!(out, "<p class=\"gk-letter-note\">（{}）</p>", escape(note));
    }
    out.push_str("</article>\n");
    out
}

//! Letters (告知书 / 答复书) from `gongkai_domain::letter::Letter` in a 公文 layout close to
//! GB/T 9704—2012: A4, 版心 156 mm × 225 mm, a 2号 小标宋 title, the 文号 under it, 3号 仿宋 body
//! on a fixed 22-line grid with a two-character first-line indent, the addressee flush left, the
//! signer centred over the date at the right, page numbers “— 1 —” at the outside corners.
//!
//! [`render_letter`] writes DOCX (naming the real 公文 fonts — 方正小标宋简体, `仿宋_GB2312`, 黑体,
//! `楷体_GB2312` — with `zh-CN` language tags, so Word on a government PC uses them) or PDF (typst
//! with the embedded fonts of [`crate::fonts`]); [`letter_html`] is an escaped fragment for an
//! on-screen preview, styled by [`LETTER_CSS`].

mod docx;
mod html;
mod pdf;

pub use html::{LETTER_CSS, letter_html};

use crate::ExportError;
use gongkai_domain::letter::Letter;

/// An output format of [`render_letter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LetterFormat {
    /// A Word document, for the clerk to print, seal or edit.
    Docx,
    /// A PDF, for the applicant to download.
    Pdf,
}

impl LetterFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            LetterFormat::Docx => "docx",
            LetterFormat::Pdf => "pdf",
        }
    }

    /// The MIME type, for HTTP downloads.
    pub fn mime(self) -> &'static str {
        match self {
            LetterFormat::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            LetterFormat::Pdf => "application/pdf",
        }
    }
}

/// Renders `letter` as DOCX or PDF. A PDF fails with [`ExportError::MissingGlyphs`] when the
/// letter holds a character no loaded font has (a DOCX leaves the fonts to Word).
pub fn render_letter(letter: &Letter, format: LetterFormat) -> Result<Vec<u8>, ExportError> {
    match format {
        LetterFormat::Docx => docx::render(letter),
        LetterFormat::Pdf => pdf::render(letter),
    }
}

/// How a paragraph of the body is set (GB/T 9704—2012 7.3.3: 结构层次序数).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Running text, 仿宋.
    Body,
    /// “一、…” standing alone as a heading, 黑体.
    Heading,
    /// “（一）…” standing alone as a heading, 楷体.
    Subheading,
}

impl Style {
    /// The style of paragraph `p`: a heading only when it is numbered and holds no full stop.
    pub(crate) fn of(p: &str) -> Style {
        if p.contains('。') {
            return Style::Body;
        }
        if let Some(rest) = p.strip_prefix('（').and_then(after_numeral)
            && rest.starts_with('）')
        {
            return Style::Subheading;
        }
        if after_numeral(p).is_some_and(|rest| rest.starts_with('、')) {
            return Style::Heading;
        }
        Style::Body
    }

    /// The name the typst template and the HTML class use.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Style::Body => "body",
            Style::Heading => "heading",
            Style::Subheading => "subheading",
        }
    }
}

/// The text after a leading Chinese numeral (一 … 十), if there is one.
fn after_numeral(s: &str) -> Option<&str> {
    const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let rest = s.trim_start_matches(NUMERALS);
    (rest.len() < s.len()).then_some(rest)
}

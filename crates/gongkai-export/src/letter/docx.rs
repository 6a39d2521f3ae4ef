//! A letter's DOCX in the GB/T 9704—2012 layout, built for Word on a government PC: the real 公文
//! fonts named for East-Asian text (方正小标宋简体 title, `仿宋_GB2312` body, 黑体 and `楷体_GB2312`
//! headings, Times New Roman for Latin and digits, `w:hint="eastAsia"` so “” and — use the
//! Chinese font), `zh-CN` language tags (added by [`crate::docx::pack_xml`]), a 22-line document
//! grid with exact line spacing, 28 characters per line, and odd/even footers for the
//! outside-corner page numbers.

use super::Style;
use crate::ExportError;
use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
};
use gongkai_domain::letter::{Letter, chinese_date};

/// A4 in twips (1/20 pt).
const A4: (u32, u32) = (11_906, 16_838);
/// 天头 37 mm, 订口 28 mm; 版心 156 mm × 225 mm leaves 26 mm right and 35 mm bottom.
const MARGINS: (i32, i32, i32, i32) = (2_098, 1_474, 1_984, 1_588);
/// The footer's distance from the page edge: the page number 7 mm under the text block.
const FOOTER: i32 = 1_304;
/// One line of the 22-line grid: 225 mm / 22, in twips.
const LINE: i32 = 579;
/// Condensed spacing of every run, in twentieths of a point: 28 characters of 3号 fill the
/// 156 mm line (16 pt − 0.25 pt each). A character grid would do the same in Word, but
/// LibreOffice gives a 16 pt character two cells of a 15.8 pt grid.
const CONDENSED: i32 = -5;
/// One 3号 character (16 pt) in twips.
const CHAR: i32 = 320;
/// 3号 and 2号 in half-points; 4号 for the page number.
const BODY_SIZE: usize = 32;
const TITLE_SIZE: usize = 44;
const PAGE_NUMBER_SIZE: usize = 28;

const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const HEADING_FONT: &str = "黑体";
const SUBHEADING_FONT: &str = "楷体_GB2312";
const NUMBER_FONT: &str = "宋体";
const LATIN_FONT: &str = "Times New Roman";

/// The letter as a DOCX document.
pub(super) fn render(letter: &Letter) -> Result<Vec<u8>, ExportError> {
    let (top, right, bottom, left) = MARGINS;
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(top)
                .right(right)
                .bottom(bottom)
                .left(left)
                .footer(FOOTER),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .footer(page_number(AlignmentType::Right))
        .even_footer(page_number(AlignmentType::Left));
    doc.document = doc.document.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE as usize),
    );
    for p in paragraphs(letter) {
        doc = doc.add_paragraph(p);
    }
    let mut xml = doc.build();
    xml.styles = normal_size(&xml.styles)?;
    crate::docx::pack_xml(xml)
}

/// Writes the 3号 size into the Normal style: Word and LibreOffice size the character grid from
/// it (not from the document defaults), and without it each character would take two grid cells.
fn normal_size(styles: &[u8]) -> Result<Vec<u8>, ExportError> {
    const NORMAL: &str =
        r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" />"#;
    let text = std::str::from_utf8(styles).map_err(|e| ExportError::Docx(e.to_string()))?;
    if !text.contains(NORMAL) {
        return Err(ExportError::Docx(
            "styles.xml 中没有 Normal 样式".to_owned(),
        ));
    }
    let size = format!(r#"<w:sz w:val="{BODY_SIZE}" /><w:szCs w:val="{BODY_SIZE}" />"#);
    let (before, style) = text.split_at(text.find(NORMAL).unwrap_or(0));
    let amended = if style.starts_with(&format!("{NORMAL}<w:rPr />")) {
        style.replacen("<w:rPr />", &format!("<w:rPr>{size}</w:rPr>"), 1)
    } else if style.starts_with(&format!("{NORMAL}<w:rPr>")) {
        style.replacen("<w:rPr>", &format!("<w:rPr>{size}"), 1)
    } else {
        style.replacen(NORMAL, &format!("{NORMAL}<w:rPr>{size}</w:rPr>"), 1)
    };
    Ok(format!("{before}{amended}").into_bytes())
}

/// Every paragraph of the page, top to bottom.
fn paragraphs(letter: &Letter) -> Vec<Paragraph> {
    let mut out =
        vec![line(run(&letter.title, TITLE_FONT, TITLE_SIZE)).align(AlignmentType::Center)];
    if let Some(no) = &letter.doc_no {
        out.push(line(run(no, BODY_FONT, BODY_SIZE)).align(AlignmentType::Right));
    }
    out.push(blank());
    out.push(line(run(
        &format!("{}：", letter.addressee),
        BODY_FONT,
        BODY_SIZE,
    )));
    for (i, p) in letter.paragraphs.iter().enumerate() {
        let font = match Style::of(p) {
            Style::Body => BODY_FONT,
            Style::Heading => HEADING_FONT,
            Style::Subheading => SUBHEADING_FONT,
        };
        let last = i + 1 == letter.paragraphs.len();
        // The last paragraph is kept with the signature (7.3.5.4: never alone on a page).
        out.push(
            indented(line(run(p, font, BODY_SIZE)))
                .keep_next(last)
                .keep_lines(last),
        );
    }
    out.extend(attachments(&letter.attachments));
    out.push(blank().keep_next(true));
    out.extend(signature(&letter.signer, &chinese_date(letter.date)));
    if let Some(note) = &letter.contact {
        out.push(indented(line(run(
            &format!("（{note}）"),
            BODY_FONT,
            BODY_SIZE,
        ))));
    }
    out
}

/// “附件：1.…” two characters in; later names aligned with the first (GB/T 9704 7.3.4).
fn attachments(names: &[String]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    if names.is_empty() {
        return out;
    }
    out.push(blank().keep_next(true));
    for (i, name) in names.iter().enumerate() {
        let text = match (i, names.len()) {
            (0, 1) => format!("附件：{name}"),
            (0, _) => format!("附件：1.{name}"),
            (i, _) => format!("{}.{name}", i + 1),
        };
        let hanging = (i == 0).then_some(SpecialIndentType::Hanging(3 * CHAR));
        out.push(
            line(run(&text, BODY_FONT, BODY_SIZE))
                .indent(Some(5 * CHAR), hanging, None, None)
                .keep_next(true),
        );
    }
    out
}

/// The signer centred over the date, the date four characters in from the right (7.3.5.2).
fn signature(signer: &str, date: &str) -> [Paragraph; 2] {
    let (s, d) = (width(signer), width(date));
    let centred = 4.0 + (d - s) / 2.0;
    let (signer_right, date_right) = if centred >= 0.0 {
        (centred, 4.0)
    } else {
        (0.0, (s - d) / 2.0)
    };
    let at = |text: &str, right: f64| {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a few characters of indent"
        )]
        let twips = (right * f64::from(CHAR)).round() as i32;
        line(run(text, BODY_FONT, BODY_SIZE))
            .align(AlignmentType::Right)
            .indent(None, None, Some(twips), None)
    };
    [
        at(signer, signer_right).keep_next(true),
        at(date, date_right),
    ]
}

/// Printed width in 3号 characters: full-width 1, ASCII (digits of a date) ½.
fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// “— 1 —” in 4号 宋体, one character in from the outside edge.
fn page_number(align: AlignmentType) -> Footer {
    let one_char = i32::try_from(PAGE_NUMBER_SIZE * 10).unwrap_or(280);
    let (left, right) = match align {
        AlignmentType::Left => (Some(one_char), None),
        _ => (None, Some(one_char)),
    };
    let number = Run::new()
        .fonts(fonts(NUMBER_FONT))
        .size(PAGE_NUMBER_SIZE)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(align)
            .indent(left, None, right, None)
            .add_run(run("— ", NUMBER_FONT, PAGE_NUMBER_SIZE))
            .add_run(number)
            .add_run(run(" —", NUMBER_FONT, PAGE_NUMBER_SIZE)),
    )
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .hint("eastAsia")
}

fn run(text: &str, font: &str, size: usize) -> Run {
    let run = Run::new().add_text(text).fonts(fonts(font)).size(size);
    if size == BODY_SIZE {
        run.character_spacing(CONDENSED)
    } else {
        run
    }
}

/// A paragraph on the grid: exact line spacing, no space before or after.
fn line(r: Run) -> Paragraph {
    Paragraph::new().add_run(r).line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(LINE)
            .before(0)
            .after(0),
    )
}

/// An empty line of the grid.
fn blank() -> Paragraph {
    line(Run::new().size(BODY_SIZE))
}

/// Body text: first line indented two characters, justified.
fn indented(p: Paragraph) -> Paragraph {
    p.align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(2 * CHAR)),
            None,
            None,
        )
        .first_line_chars(200)
}

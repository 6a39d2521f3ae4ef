//! DOCX reports (Word, WPS): a tolerant streaming reader over `word/document.xml`
//! (DEPENDENCIES.md §3.6). Paragraphs become one-cell lines; table rows become lines of cells,
//! a `gridSpan` blank cell counting as that many blanks and a `vMerge` continuation omitted.

use crate::error::ImportError;
use crate::layout::Line;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};

/// Upper bound for the unzipped `document.xml`.
const MAX_XML: u64 = 64 * 1024 * 1024;

/// The lines of a DOCX file.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ImportError::Docx(format!("不是有效的 zip 压缩包（{e}）")))?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| ImportError::Docx("缺少 word/document.xml，不是 Word 文档".to_owned()))?;
    let mut xml = String::new();
    entry
        .take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| ImportError::Docx(format!("解压失败（{e}）")))?;
    lines_from_xml(&xml)
}

#[derive(Default)]
struct State {
    lines: Vec<Line>,
    para: String,
    cell: Option<String>,
    row: Option<Vec<String>>,
    span: usize,
    continued: bool,
    depth: usize,
    in_text: bool,
    /// Inside `mc:Fallback`: Word stores a text box twice (`DrawingML` and a VML fallback), and
    /// only the first copy is read.
    fallback: usize,
}

/// The lines of a `word/document.xml` (exposed for fuzzing the XML reader on its own).
pub fn lines_from_xml(xml: &str) -> Result<Vec<Line>, ImportError> {
    let mut r = Reader::from_str(xml);
    let mut s = State::default();
    loop {
        let ev = r
            .read_event()
            .map_err(|e| ImportError::Docx(format!("document.xml 格式错误（{e}）")))?;
        match ev {
            Event::Start(e) => s.start(&e),
            Event::Empty(e) => {
                s.start(&e);
                s.end(e.local_name().into_inner());
            }
            Event::End(e) => s.end(e.local_name().into_inner()),
            Event::Text(t) if s.in_text && s.fallback == 0 => s.para.push_str(&t.into_inner()),
            Event::GeneralRef(g) if s.in_text && s.fallback == 0 => s.para.push(entity(g.as_ref())),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(s.lines)
}

fn entity(name: &str) -> char {
    match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#');
            let code = num.and_then(|n| match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => n.parse().ok(),
            });
            code.and_then(char::from_u32).unwrap_or('\u{fffd}')
        }
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

impl State {
    fn start(&mut self, e: &BytesStart<'_>) {
        match e.local_name().into_inner() {
            "tbl" => self.depth += 1,
            "tr" if self.depth == 1 => self.row = Some(Vec::new()),
            "tc" if self.depth == 1 => {
                self.cell = Some(String::new());
                self.span = 1;
                self.continued = false;
            }
            "gridSpan" => {
                self.span = attr(e, "w:val")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
            }
            "vMerge" => self.continued = attr(e, "w:val").is_none_or(|v| v != "restart"),
            "t" => self.in_text = true,
            "Fallback" => self.fallback += 1,
            "tab" if !self.in_text => self.para.push(' '),
            "br" | "cr" => self.para.push('\n'),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "t" => self.in_text = false,
            "Fallback" => self.fallback = self.fallback.saturating_sub(1),
            "p" => self.end_para(),
            "tc" if self.depth == 1 => self.end_cell(),
            "tr" if self.depth == 1 => {
                if let Some(cells) = self.row.take().filter(|c| !c.is_empty()) {
                    self.lines.push(Line { cells });
                }
            }
            "tbl" => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
    }

    fn end_para(&mut self) {
        let text = std::mem::take(&mut self.para);
        match self.cell.as_mut() {
            Some(cell) if self.depth >= 1 => {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&text.replace('\n', " "));
            }
            _ => self.lines.extend(text.split('\n').map(Line::text)),
        }
    }

    fn end_cell(&mut self) {
        let Some(text) = self.cell.take() else { return };
        let Some(row) = self.row.as_mut() else { return };
        if self.continued {
            return;
        }
        let blank = text.trim().is_empty();
        row.push(if blank { " ".to_owned() } else { text });
        if blank {
            row.extend(std::iter::repeat_n(" ".to_owned(), self.span - 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_box_stored_with_its_fallback_is_read_once() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body><w:p><w:r>
            <mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>某某县2021年政府信息公开工作年度报告</w:t></w:r></w:p></w:txbxContent></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>某某县2021年政府信息公开工作年度报告</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
            </mc:AlternateContent></w:r></w:p></w:body></w:document>"#;
        let lines = lines_from_xml(xml).unwrap();
        let text: Vec<String> = lines
            .iter()
            .map(Line::joined)
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(text, ["某某县2021年政府信息公开工作年度报告"]);
    }
}

//! HTML reports (government CMS pages): paragraphs become one-cell lines and table rows become
//! lines of cells, row- and column-spans expanded so that each printed cell appears once.

use crate::layout::Line;
use scraper::{ElementRef, Html, Node};

const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "blockquote",
    "pre",
    "center",
    "tr",
    "title",
    "header",
    "footer",
    "dd",
    "dt",
    // Cells are blocks only when a layout table is walked as a container (see `walk`).
    "td",
    "th",
];

/// Elements nested deeper than this are read as plain text (no stack overflow on hostile input).
const MAX_DEPTH: usize = 256;

/// The lines of an HTML document.
pub fn lines(html: &str) -> Vec<Line> {
    let doc = Html::parse_document(html);
    let mut w = Walker::default();
    w.walk(doc.root_element(), 0);
    w.flush();
    w.lines
}

#[derive(Default)]
struct Walker {
    lines: Vec<Line>,
    buf: String,
}

impl Walker {
    fn flush(&mut self) {
        if !self.buf.trim().is_empty() {
            self.lines.push(Line::text(std::mem::take(&mut self.buf)));
        }
        self.buf.clear();
    }

    fn walk(&mut self, el: ElementRef<'_>, depth: usize) {
        let name = el.value().name();
        if depth > MAX_DEPTH {
            self.buf.extend(el.text());
            return;
        }
        if matches!(name, "script" | "style" | "noscript" | "template") {
            return;
        }
        if name == "table" && !is_layout_table(el) {
            self.flush();
            self.lines.extend(table_rows(el));
            return;
        }
        let block = BLOCKS.contains(&name);
        if block || name == "br" {
            self.flush();
        }
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.buf.push_str(t),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.walk(c, depth + 1);
                    }
                }
                _ => {}
            }
        }
        if block {
            self.flush();
        }
    }
}

/// Whether `table` holds other tables: older CMS pages put the whole article, report tables
/// included, in one layout table. Its cells are then read as blocks of text, and the tables
/// inside them as tables; reading it as a data table would collapse the report into one cell.
fn is_layout_table(table: ElementRef<'_>) -> bool {
    table
        .descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "table")
}

/// The text of a cell: all its text, `<br>` and paragraphs as spaces.
fn cell_text(el: ElementRef<'_>) -> String {
    let parts: Vec<&str> = el.text().collect();
    parts.join(" ")
}

fn span(el: ElementRef<'_>, attr: &str) -> usize {
    el.value()
        .attr(attr)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 64)
}

/// The rows of one `<table>` (not of tables nested in it). Each printed cell appears once: a
/// cell spanning rows is not repeated below (the readers match rows by their own labels), and a
/// blank cell spanning columns stays that many blank cells.
fn table_rows(table: ElementRef<'_>) -> Vec<Line> {
    let mut out = Vec::new();
    for tr in own_rows(table) {
        let mut cells = Vec::new();
        for td in tr.children().filter_map(ElementRef::wrap) {
            if !matches!(td.value().name(), "td" | "th") {
                continue;
            }
            let text = cell_text(td);
            let blank = text.trim().is_empty() && text.chars().all(char::is_whitespace);
            cells.push(if blank { " ".to_owned() } else { text });
            if blank {
                cells.extend(std::iter::repeat_n(" ".to_owned(), span(td, "colspan") - 1));
            }
        }
        if !cells.is_empty() {
            out.push(Line { cells });
        }
    }
    out
}

/// The `<tr>`s of `table` itself: its children, or those of its `thead`/`tbody`/`tfoot`.
fn own_rows(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut out = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => out.extend(
                child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|e| e.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    out
}

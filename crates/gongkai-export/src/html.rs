//! HTML: one self-contained printable page (inline CSS, no external assets, A4 `@page`), and a
//! fragment with only the three tables for embedding in another page (the audit view).
//!
//! Merged cells become `rowspan`/`colspan`; every value cell carries its JSON path in
//! `data-path`, and cells named by a finding in [`HtmlOptions::highlight`] get a CSS class and a
//! `title` tooltip with the message. All text is escaped.

use crate::layout::{self, Content, Grid, Placed};
use gongkai_domain::report::{AnnualReport, Finding, TableId};
use std::fmt::Write as _;

/// The stylesheet of the page and of the tables fragment; embed it when using
/// [`render_tables_fragment`] in another page.
pub const CSS: &str = include_str!("html.css");

/// Options of the HTML renderer.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    /// Findings whose cells are highlighted: a cell whose JSON path is a finding's `location`
    /// gets class `gk-finding gk-{severity}`; one only listed in its `cells` gets `gk-related`.
    /// Either way its `title` lists the messages.
    pub highlight: Vec<Finding>,
}

/// The whole report as a printable HTML page titled “{agency}{year}年政府信息公开工作年度报告”.
pub fn render_html(report: &AnnualReport, options: &HtmlOptions) -> String {
    let title = escape(&report.title());
    let mut out = String::with_capacity(48 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"gongkai\">\n\
         <meta name=\"gongkai-format\" content=\"{}\">\n<title>{title}</title>\n\
         <style>\n{CSS}</style>\n</head>\n<body>\n<main class=\"gk-report\" data-format=\"{}\">\n\
         <h1>{}</h1>\n",
        report.format.as_str(),
        report.format.as_str(),
        title_spans(report),
    );
    for part in layout::outline(report) {
        let _ = writeln!(out, "<section class=\"gk-{}\">", part.section.def().key);
        if !part.heading.is_empty() {
            let _ = writeln!(out, "<h2>{}</h2>", escape(part.heading));
        }
        for p in &part.paragraphs {
            let _ = writeln!(out, "<p>{}</p>", escape(p));
        }
        if let Some(grid) = &part.table {
            table(&mut out, grid, options, None);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The title's lines, each kept whole where the page allows (the text of `<h1>` is the title).
fn title_spans(report: &AnnualReport) -> String {
    layout::title_lines(report)
        .iter()
        .map(|l| format!("<span class=\"gk-line\">{}</span>", escape(l)))
        .collect()
}

/// Only the three tables, each with a caption naming it (“表三（收到和处理…）”), inside
/// `<div class="gk-tables">`; style them with [`CSS`].
pub fn render_tables_fragment(report: &AnnualReport, options: &HtmlOptions) -> String {
    let mut out = String::from("<div class=\"gk-tables\">\n");
    for id in TableId::ALL {
        if let Some(grid) = layout::grid(report, id) {
            table(&mut out, &grid, options, Some(id.name()));
        }
    }
    out.push_str("</div>\n");
    out
}

/// One grid as a `<table>`.
fn table(out: &mut String, grid: &Grid, options: &HtmlOptions, caption: Option<&str>) {
    let _ = writeln!(out, "<table class=\"gk-table gk-{}\">", grid.table.key());
    if let Some(c) = caption {
        let _ = writeln!(out, "<caption>{}</caption>", escape(c));
    }
    let total: u32 = grid
        .widths
        .iter()
        .map(|w| u32::from(*w))
        .sum::<u32>()
        .max(1);
    out.push_str("<colgroup>");
    for w in &grid.widths {
        let pct = f64::from(*w) * 100.0 / f64::from(total);
        let _ = write!(out, "<col style=\"width:{pct:.2}%\">");
    }
    out.push_str("</colgroup>\n");
    for (y, row) in grid.rows().iter().enumerate() {
        if y == 0 && grid.header_rows > 0 {
            out.push_str("<thead>\n");
        }
        if y == grid.header_rows {
            out.push_str("<tbody>\n");
        }
        out.push_str("<tr>");
        for cell in row {
            self::cell(out, grid, cell, options);
        }
        out.push_str("</tr>\n");
        if grid.header_rows > 0 && y + 1 == grid.header_rows {
            out.push_str("</thead>\n");
        }
    }
    out.push_str("</tbody>\n</table>\n");
}

/// One `<th>`/`<td>` with its spans, class, path and tooltip.
fn cell(out: &mut String, grid: &Grid, cell: &Placed, options: &HtmlOptions) {
    let tag = if cell.content.is_heading() {
        "th"
    } else {
        "td"
    };
    let (mut classes, mut attrs) = role(grid, cell);
    let (marks, tooltip) = highlight(&cell.paths, &options.highlight);
    classes.extend(marks);
    if cell.rows > 1 {
        let _ = write!(attrs, " rowspan=\"{}\"", cell.rows);
    }
    if cell.cols > 1 {
        let _ = write!(attrs, " colspan=\"{}\"", cell.cols);
    }
    if !classes.is_empty() {
        let _ = write!(attrs, " class=\"{}\"", classes.join(" "));
    }
    if !tooltip.is_empty() {
        let _ = write!(attrs, " title=\"{}\"", escape(&tooltip));
    }
    let _ = write!(
        out,
        "<{tag}{attrs}>{}</{tag}>",
        escape(&cell.content.text())
    );
}

/// The class and attributes a cell gets from its role: block caption, column header, row label,
/// or value (which carries its JSON paths in `data-path`).
fn role(grid: &Grid, cell: &Placed) -> (Vec<&'static str>, String) {
    match &cell.content {
        Content::Header(_) if cell.cols == grid.width && grid.header_rows == 0 => {
            (vec!["gk-caption"], String::new())
        }
        Content::Header(_) => (Vec::new(), " scope=\"col\"".to_owned()),
        Content::Label(_) => (vec!["gk-label"], " scope=\"row\"".to_owned()),
        Content::Value(_) => {
            let paths = escape(&cell.paths.join(" "));
            (Vec::new(), format!(" data-path=\"{paths}\""))
        }
    }
}

/// The highlight classes and tooltip of a cell showing `paths`.
fn highlight(paths: &[String], findings: &[Finding]) -> (Vec<&'static str>, String) {
    let touching: Vec<&Finding> = findings
        .iter()
        .filter(|f| paths.iter().any(|p| f.touches(p)))
        .collect();
    let located = touching
        .iter()
        .filter(|f| paths.contains(&f.location))
        .min_by_key(|f| f.severity);
    let classes = match located {
        Some(f) => vec!["gk-finding", severity_class(f)],
        None if !touching.is_empty() => vec!["gk-related"],
        None => Vec::new(),
    };
    let tooltip = touching
        .iter()
        .map(|f| format!("[{}] {}：{}", f.severity.label(), f.rule, f.message))
        .collect::<Vec<_>>()
        .join("\n");
    (classes, tooltip)
}

fn severity_class(f: &Finding) -> &'static str {
    use gongkai_domain::report::Severity;
    match f.severity {
        Severity::Error => "gk-error",
        Severity::Warning => "gk-warning",
        Severity::Uncertain => "gk-uncertain",
        Severity::Info => "gk-info",
    }
}

/// Escapes text for HTML element content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

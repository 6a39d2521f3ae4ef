//! `report audit --html OUT`: a summary page, one row per report with its findings, and each
//! report's tables with the failing cells highlighted (rendered by gongkai-export).
//!
//! Up to [`INLINE_REPORTS`] reports the tables follow the summary on the same page. A larger
//! batch (a province's thousands) would make one page of hundreds of MB that no browser opens
//! comfortably, so each report's tables then go to a page of its own in a folder beside the
//! summary (`audit.html` → `audit.files/r1.html`…), linked from its row.

use gongkai_domain::report::{AnnualReport, Finding, Severity};
use gongkai_export::{HtmlOptions, html, render_tables_fragment};
use gongkai_import::audit::{Audited, Entry};
use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Batches up to this size keep every report's tables on the summary page.
pub const INLINE_REPORTS: usize = 200;

const STYLE: &str = "body{font-family:sans-serif;margin:1em 2em} \
    table.gk-summary td{border:1px solid #ccc;padding:4px;vertical-align:top} \
    table.gk-summary th{white-space:nowrap}";

/// Writes the page at `path` (and the folder of report pages for a large batch).
pub fn write(path: &Path, done: &mut Audited) -> io::Result<()> {
    let folder = (done.entries.len() > INLINE_REPORTS).then(|| path.with_extension("files"));
    if let Some(dir) = &folder {
        std::fs::create_dir_all(dir)?;
    }
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    head(&mut out, "年度报告审核结果")?;
    write!(
        out,
        "<h1>年度报告审核结果（{} 份）</h1><table class=\"gk-summary\"><tr><th>文件</th><th>报告</th><th>错误</th><th>警告</th><th>发现</th></tr>",
        done.entries.len()
    )?;
    let rel = folder
        .as_ref()
        .and_then(|d| d.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let mut i = 0;
    done.visit(|e, report, findings| {
        i += 1;
        let name = e
            .error
            .as_ref()
            .map_or_else(|| e.name(), |err| format!("无法读取：{err}"));
        let file = esc(&e.path.display().to_string());
        let link = match (&rel, report) {
            (_, None) => file,
            (None, Some(_)) => format!("<a href=\"#r{i}\">{file}</a>"),
            (Some(rel), Some(_)) => format!("<a href=\"{}/r{i}.html\">{file}</a>", esc(rel)),
        };
        write!(
            out,
            "<tr><td>{link}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&name),
            e.count(Severity::Error),
            e.count(Severity::Warning),
            findings_list(findings)
        )
    })?;
    write!(out, "</table>")?;
    let mut i = 0;
    done.visit(|e, report, findings| {
        i += 1;
        let Some(r) = report else { return Ok(()) };
        let section = tables(i, e, r, findings);
        match &folder {
            None => write!(out, "{section}"),
            Some(dir) => {
                let mut page =
                    BufWriter::new(std::fs::File::create(dir.join(format!("r{i}.html")))?);
                head(&mut page, &e.name())?;
                writeln!(page, "{section}</body></html>")?;
                page.flush()
            }
        }
    })?;
    writeln!(out, "</body></html>")?;
    out.flush()
}

fn head(out: &mut impl Write, title: &str) -> io::Result<()> {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{}\n{STYLE}</style></head><body>",
        esc(title),
        html::CSS,
    )
}

/// One report's tables, the cells its findings name highlighted.
fn tables(i: usize, e: &Entry, r: &AnnualReport, findings: &[Finding]) -> String {
    let options = HtmlOptions {
        highlight: findings.to_vec(),
    };
    format!(
        "<section id=\"r{i}\"><h2>{}</h2><p>{}</p>{}</section>",
        esc(&e.name()),
        esc(&e.path.display().to_string()),
        render_tables_fragment(r, &options)
    )
}

fn esc(s: &str) -> String {
    html::escape(s)
}

fn findings_list(findings: &[Finding]) -> String {
    let mut out = String::from("<ul>");
    for f in findings {
        let _ = write!(
            out,
            "<li class=\"gk-{}\"><b>{}</b> {} <code>{}</code> {}</li>",
            f.severity.as_str(),
            esc(&f.rule),
            f.severity.label(),
            esc(&f.location),
            esc(&f.message)
        );
    }
    out + "</ul>"
}

//! `gongkai report parse | audit`: reading published reports (issue 3).
//!
//! The reading and judging live in `gongkai-import`; this module chooses the output: canonical
//! JSON for `parse`; a table, JSON, CSV or an HTML summary page (tables rendered by
//! `gongkai-export` with the failing cells highlighted) for `audit`.

use crate::Outcome;
use anyhow::Context;
use clap::{Args, ValueEnum};
use gongkai_domain::report::{Finding, Severity, json::finding_json};
use gongkai_export::{HtmlOptions, html, render_tables_fragment};
use gongkai_import::audit::{self, Entry};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

/// Options of `gongkai report parse`.
#[derive(Args)]
pub struct ParseArgs {
    /// 已发布的年度报告文件（.txt .md .html .docx .xlsx .pdf）
    pub file: PathBuf,
}

/// Options of `gongkai report audit`.
#[derive(Args)]
pub struct AuditArgs {
    /// 文件或文件夹（递归）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
    pub format: AuditFormat,
    /// 另外生成 HTML 汇总页（每份报告一行，表格中标出有问题的单元格）
    #[arg(long, value_name = "OUT")]
    pub html: Option<PathBuf>,
}

/// Output formats of `audit`.
#[derive(Clone, Copy, ValueEnum)]
pub enum AuditFormat {
    /// 供人阅读的表格
    Table,
    /// JSON
    Json,
    /// CSV（每条发现一行）
    Csv,
}

/// Parses one published report: canonical JSON on stdout; exit 1 when no standard table was
/// found, 2 when the file cannot be read (`REPORT_JSON.md` §3).
pub fn parse(args: ParseArgs) -> anyhow::Result<Outcome> {
    let report = gongkai_import::parse_file(&args.file)
        .with_context(|| format!("无法读取年度报告 {}", args.file.display()))?;
    writeln!(std::io::stdout().lock(), "{}", report.to_json_string())?;
    if gongkai_import::has_tables(&report) {
        Ok(Outcome::Ok)
    } else {
        eprintln!(
            "未在 {} 中找到任何标准表格（表二、表三、表四）",
            args.file.display()
        );
        Ok(Outcome::Failed)
    }
}

/// Audits published reports; exit 1 when any report has an error or could not be read.
///
/// Each file is reduced to an [`Entry`] before the next is read, and every output is written
/// entry by entry through a buffer, so memory grows only by the entries (a few KB each).
pub fn audit(args: AuditArgs) -> anyhow::Result<Outcome> {
    let (files, mut entries) = audit::files(&args.paths);
    let bar = progress(files.len());
    for path in &files {
        bar.set_message(path.display().to_string());
        entries.push(audit::audit_file(path));
        bar.inc(1);
    }
    bar.finish_and_clear();
    audit::cross(&mut entries);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        AuditFormat::Table => table(&mut out, &entries),
        AuditFormat::Json => json(&mut out, &entries),
        AuditFormat::Csv => csv(&mut out, &entries),
    }
    .and_then(|()| out.flush())
    .context("无法写出审核结果")?;
    if let Some(path) = &args.html {
        let file =
            std::fs::File::create(path).with_context(|| format!("无法写入 {}", path.display()))?;
        let mut w = std::io::BufWriter::new(file);
        html_page(&mut w, &entries)
            .and_then(|()| w.flush())
            .with_context(|| format!("无法写入 {}", path.display()))?;
    }
    let bad = entries
        .iter()
        .any(|e| e.error.is_some() || e.count(Severity::Error) > 0);
    Ok(if bad { Outcome::Failed } else { Outcome::Ok })
}

/// A progress bar on stderr for more than a handful of files.
fn progress(n: usize) -> ProgressBar {
    if n <= 5 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} 份 {elapsed} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn table(out: &mut impl Write, entries: &[Entry]) -> io::Result<()> {
    for e in entries {
        match &e.error {
            Some(err) => writeln!(out, "✗ {}：无法读取（{err}）", e.path.display()),
            None => writeln!(
                out,
                "{} {}｜{}｜错误 {}，警告 {}，无法判断 {}",
                if e.count(Severity::Error) > 0 {
                    "✗"
                } else {
                    "✓"
                },
                e.path.display(),
                e.name(),
                e.count(Severity::Error),
                e.count(Severity::Warning),
                e.count(Severity::Uncertain)
            ),
        }?;
        for f in &e.findings {
            writeln!(out, "    {f}")?;
        }
    }
    let unread = entries.iter().filter(|e| e.error.is_some()).count();
    writeln!(out, "共 {} 份，无法读取 {unread} 份", entries.len())
}

/// A JSON array, written one element at a time (the same text as pretty-printing the array).
fn json(out: &mut impl Write, entries: &[Entry]) -> io::Result<()> {
    if entries.is_empty() {
        return writeln!(out, "[]");
    }
    writeln!(out, "[")?;
    for (i, e) in entries.iter().enumerate() {
        let r = e.report.as_ref();
        let item = serde_json::json!({
            "path": e.path.display().to_string(),
            "agency": r.and_then(|r| r.agency.clone()),
            "year": r.and_then(|r| r.year),
            "format": r.map(|r| r.format.as_str()),
            "error": e.error,
            "findings": e.findings.iter().map(finding_json).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&item).map_err(io::Error::other)?;
        for (n, line) in text.lines().enumerate() {
            if n > 0 {
                writeln!(out)?;
            }
            write!(out, "  {line}")?;
        }
        writeln!(out, "{}", if i + 1 < entries.len() { "," } else { "" })?;
    }
    writeln!(out, "]")
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn csv(out: &mut impl Write, entries: &[Entry]) -> io::Result<()> {
    writeln!(out, "path,agency,year,rule,severity,location,message")?;
    for e in entries {
        let r = e.report.as_ref();
        let agency = r.and_then(|r| r.agency.clone()).unwrap_or_default();
        let year = r
            .and_then(|r| r.year)
            .map(|y| y.to_string())
            .unwrap_or_default();
        let head = [e.path.display().to_string(), agency, year]
            .map(|s| csv_field(&s))
            .join(",");
        if let Some(err) = &e.error {
            writeln!(out, "{head},READ,error,,{}", csv_field(err))?;
        }
        for f in &e.findings {
            let cols = [&f.rule, f.severity.as_str(), &f.location, &f.message].map(csv_field);
            writeln!(out, "{head},{}", cols.join(","))?;
        }
    }
    Ok(())
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

fn html_page(out: &mut impl Write, entries: &[Entry]) -> io::Result<()> {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>年度报告审核结果</title>\
         <style>{}\nbody{{font-family:sans-serif}} table.gk-summary td{{border:1px solid #ccc;padding:4px;vertical-align:top}}</style></head><body>\
         <h1>年度报告审核结果（{} 份）</h1><table class=\"gk-summary\"><tr><th>文件</th><th>报告</th><th>错误</th><th>警告</th><th>发现</th></tr>",
        html::CSS,
        entries.len()
    )?;
    for (i, e) in entries.iter().enumerate() {
        let name = e
            .error
            .as_ref()
            .map_or_else(|| e.name(), |err| format!("无法读取：{err}"));
        write!(
            out,
            "<tr><td><a href=\"#r{i}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.path.display().to_string()),
            esc(&name),
            e.count(Severity::Error),
            e.count(Severity::Warning),
            findings_list(&e.findings)
        )?;
    }
    write!(out, "</table>")?;
    for (i, e) in entries.iter().enumerate() {
        let Some(r) = &e.report else { continue };
        let options = HtmlOptions {
            highlight: e.findings.clone(),
        };
        write!(
            out,
            "<section id=\"r{i}\"><h2>{}</h2><p>{}</p>{}</section>",
            esc(&e.name()),
            esc(&e.path.display().to_string()),
            render_tables_fragment(r, &options)
        )?;
    }
    writeln!(out, "</body></html>")
}

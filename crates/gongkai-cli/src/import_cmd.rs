//! `gongkai report parse | audit`: reading published reports (issue 3).
//!
//! The reading and judging live in `gongkai-import`; this module chooses the output: canonical
//! JSON for `parse`; a table, JSON, CSV or an HTML summary page (tables rendered by
//! `gongkai-export` with the failing cells highlighted) for `audit`.

use crate::{Outcome, audit_html};
use anyhow::Context;
use clap::{Args, ValueEnum};
use gongkai_domain::report::{Severity, json::finding_json};
use gongkai_import::audit::{self, Audited};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
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
    let mut report = gongkai_import::parse_file(&args.file)
        .with_context(|| format!("无法读取年度报告 {}", args.file.display()))?;
    // The findings of every single-report rule sit beside the importer's own (§3).
    let findings = gongkai_domain::report::rules::check(&report);
    report.diagnostics.extend(findings);
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
/// Each file is reduced to an [`audit::Entry`] before the next is read (its tables and findings go to
/// the batch's spool file), and every output is written entry by entry from the spool, so memory
/// grows only by the entries (about a KB each).
pub fn audit(args: AuditArgs) -> anyhow::Result<Outcome> {
    let (files, missing) = audit::files(&args.paths);
    let mut batch = audit::Batch::new().context("无法创建审核用的临时文件")?;
    for entry in missing {
        batch.push_unread(entry);
    }
    let bar = progress(files.len());
    for path in &files {
        bar.set_message(path.display().to_string());
        batch.add(path).context("无法写入审核用的临时文件")?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    let mut done = batch.finish().context("无法写入审核用的临时文件")?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        AuditFormat::Table => table(&mut out, &mut done),
        AuditFormat::Json => json(&mut out, &mut done),
        AuditFormat::Csv => csv(&mut out, &mut done),
    }
    .and_then(|()| out.flush())
    .context("无法写出审核结果")?;
    if let Some(path) = &args.html {
        audit_html::write(path, &mut done)
            .with_context(|| format!("无法写入 {}", path.display()))?;
    }
    let bad = done
        .entries
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

fn table(out: &mut impl Write, done: &mut Audited) -> io::Result<()> {
    done.visit(|e, _, findings| {
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
        for f in findings {
            writeln!(out, "    {f}")?;
        }
        Ok(())
    })?;
    let unread = done.entries.iter().filter(|e| e.error.is_some()).count();
    writeln!(out, "共 {} 份，无法读取 {unread} 份", done.entries.len())
}

/// A JSON array, written one element at a time (the same text as pretty-printing the array).
fn json(out: &mut impl Write, done: &mut Audited) -> io::Result<()> {
    let total = done.entries.len();
    if total == 0 {
        return writeln!(out, "[]");
    }
    writeln!(out, "[")?;
    let mut i = 0;
    done.visit(|e, _, findings| {
        let item = serde_json::json!({
            "path": e.path.display().to_string(),
            "agency": e.agency,
            "year": e.year,
            "format": e.format.map(|f| f.as_str()),
            "error": e.error,
            "findings": findings.iter().map(finding_json).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&item).map_err(io::Error::other)?;
        for (n, line) in text.lines().enumerate() {
            if n > 0 {
                writeln!(out)?;
            }
            write!(out, "  {line}")?;
        }
        i += 1;
        writeln!(out, "{}", if i < total { "," } else { "" })
    })?;
    writeln!(out, "]")
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn csv(out: &mut impl Write, done: &mut Audited) -> io::Result<()> {
    writeln!(out, "path,agency,year,rule,severity,location,message")?;
    done.visit(|e, _, findings| {
        let agency = e.agency.clone().unwrap_or_default();
        let year = e.year.map(|y| y.to_string()).unwrap_or_default();
        let head = [e.path.display().to_string(), agency, year]
            .map(|s| csv_field(&s))
            .join(",");
        if let Some(err) = &e.error {
            writeln!(out, "{head},READ,error,,{}", csv_field(err))?;
        }
        for f in findings {
            let cols = [&f.rule, f.severity.as_str(), &f.location, &f.message].map(csv_field);
            writeln!(out, "{head},{}", cols.join(","))?;
        }
        Ok(())
    })
}

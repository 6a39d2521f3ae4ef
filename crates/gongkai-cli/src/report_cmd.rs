//! `gongkai report check | render` (and dispatch of `parse | audit` to [`crate::import_cmd`]).

use crate::{Outcome, import_cmd};
use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use gongkai_domain::report::rules::{self, has_errors};
use gongkai_domain::report::{AnnualReport, Finding, Severity};
use gongkai_export::Target;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Annual-report commands.
#[derive(Subcommand)]
pub enum ReportCmd {
    /// 读取已发布的年度报告，输出标准 JSON
    Parse(import_cmd::ParseArgs),
    /// 批量审核已发布的年度报告
    Audit(import_cmd::AuditArgs),
    /// 按勾稽规则核对标准 JSON 年度报告（有错误时退出码为 1）
    Check(CheckArgs),
    /// 按官方版式生成年度报告（HTML、Markdown、Word、Excel、PDF）
    Render(RenderArgs),
}

/// Options of `gongkai report check`.
#[derive(Args)]
pub struct CheckArgs {
    /// 标准 JSON 年度报告（gongkai.annual-report/1），或已发布的年度报告文件（先解析）
    file: PathBuf,
    /// 输出格式
    #[arg(long, value_enum, default_value = "table")]
    format: CheckFormat,
}

/// How `check` prints its findings.
#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// 供人阅读的列表
    Table,
    /// JSON 数组
    Json,
}

/// Options of `gongkai report render`.
#[derive(Args)]
pub struct RenderArgs {
    /// 标准 JSON 年度报告（gongkai.annual-report/1）
    file: PathBuf,
    /// 输出格式：html、md、docx、xlsx、pdf
    #[arg(long)]
    to: String,
    /// 输出文件（html 和 md 可省略，输出到标准输出）
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
}

/// Runs a report command.
pub fn run(cmd: ReportCmd) -> anyhow::Result<Outcome> {
    match cmd {
        ReportCmd::Parse(args) => import_cmd::parse(args),
        ReportCmd::Audit(args) => import_cmd::audit(args),
        ReportCmd::Check(args) => check(&args),
        ReportCmd::Render(args) => render(&args),
    }
}

/// Reads a canonical JSON report, with Chinese errors naming the file and every bad field.
pub fn read_report(path: &Path) -> anyhow::Result<AnnualReport> {
    let text = std::fs::read(path).with_context(|| format!("无法读取文件 {}", path.display()))?;
    let text = String::from_utf8(text).map_err(|_| {
        anyhow::anyhow!(
            "{} 不是 UTF-8 编码的文本，不是标准 JSON 年度报告",
            path.display()
        )
    })?;
    AnnualReport::from_json_str(&text).map_err(|e| anyhow::anyhow!("{}：{e}", path.display()))
}

/// Whether the file is canonical JSON (by extension, or by its first character).
fn is_json(path: &Path) -> bool {
    let by_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    by_name
        || std::fs::read(path).is_ok_and(|b| {
            let t = String::from_utf8_lossy(&b[..b.len().min(64)]).into_owned();
            t.trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('{')
        })
}

/// The report to check: canonical JSON, or a published report parsed first (its importer
/// diagnostics, the repairs, are listed with the findings).
fn report_to_check(path: &Path) -> anyhow::Result<(AnnualReport, Vec<Finding>)> {
    if is_json(path) {
        return Ok((read_report(path)?, Vec::new()));
    }
    let mut report = gongkai_import::parse_file(path)
        .with_context(|| format!("无法读取年度报告 {}", path.display()))?;
    let repairs = std::mem::take(&mut report.diagnostics);
    Ok((report, repairs))
}

fn check(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let (report, mut findings) = report_to_check(&args.file)?;
    findings.extend(rules::check(&report));
    let mut out = std::io::stdout().lock();
    match args.format {
        CheckFormat::Json => {
            let json: Vec<_> = findings
                .iter()
                .map(gongkai_domain::report::json::finding_json)
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        CheckFormat::Table => print_findings(&mut out, &report, &findings)?,
    }
    Ok(if has_errors(&findings) {
        Outcome::Failed
    } else {
        Outcome::Ok
    })
}

fn print_findings(
    out: &mut impl Write,
    report: &AnnualReport,
    findings: &[Finding],
) -> anyhow::Result<()> {
    writeln!(out, "{}（{}格式）", report.title(), report.format)?;
    if findings.is_empty() {
        writeln!(out, "通过：全部规则核对无误。")?;
        return Ok(());
    }
    for f in findings {
        writeln!(
            out,
            "{:<4} {:<6} {:<34} {}",
            f.severity.label(),
            f.rule,
            f.location,
            f.message
        )?;
    }
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        out,
        "共 {} 项：错误 {}，警告 {}，无法判断 {}，提示 {}。",
        findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Uncertain),
        count(Severity::Info)
    )?;
    Ok(())
}

fn render(args: &RenderArgs) -> anyhow::Result<Outcome> {
    let target = Target::parse(&args.to)?;
    let report = read_report(&args.file)?;
    let broken: Vec<Finding> = rules::check(&report)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !broken.is_empty() {
        eprintln!(
            "注意：该报告有 {} 处违反核对规则，仍按原样生成：",
            broken.len()
        );
        for f in broken.iter().take(5) {
            eprintln!("  {} {} {}", f.rule, f.location, f.message);
        }
    }
    let bytes = gongkai_export::render(&report, target).context("生成失败")?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("无法写入 {}", path.display()))?;
            eprintln!("已生成 {}（{} 字节）", path.display(), bytes.len());
        }
        None if matches!(target, Target::Html | Target::Markdown) => {
            std::io::stdout().write_all(&bytes)?
        }
        None => bail!("{} 是二进制格式，请用 -o 指定输出文件", args.to),
    }
    Ok(Outcome::Ok)
}

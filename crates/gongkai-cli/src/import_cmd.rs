//! `gongkai report parse | audit`: reading published reports (issue 3).

use crate::Outcome;
use clap::Args;
use std::path::PathBuf;

/// Options of `gongkai report parse`.
#[derive(Args)]
pub struct ParseArgs {
    /// 已发布的年度报告文件（.txt .md .html .docx .pdf）
    pub file: PathBuf,
}

/// Options of `gongkai report audit`.
#[derive(Args)]
pub struct AuditArgs {
    /// 文件或文件夹（递归）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

const NOT_BUILT: &str = "年报导入尚未实现（见 issue 3）";

/// Parses one published report.
pub fn parse(_args: ParseArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!(NOT_BUILT)
}

/// Audits published reports.
pub fn audit(_args: AuditArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!(NOT_BUILT)
}

//! `gongkai report check | render` (and dispatch of `parse | audit` to [`crate::import_cmd`]).

use crate::{Outcome, import_cmd};
use clap::Subcommand;

/// Annual-report commands.
#[derive(Subcommand)]
pub enum ReportCmd {
    /// 读取已发布的年度报告，输出标准 JSON
    Parse(import_cmd::ParseArgs),
    /// 批量审核已发布的年度报告
    Audit(import_cmd::AuditArgs),
}

/// Runs a report command.
pub fn run(cmd: ReportCmd) -> anyhow::Result<Outcome> {
    match cmd {
        ReportCmd::Parse(args) => import_cmd::parse(args),
        ReportCmd::Audit(args) => import_cmd::audit(args),
    }
}

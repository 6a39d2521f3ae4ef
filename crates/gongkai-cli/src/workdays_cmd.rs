//! `gongkai workdays …`: working-day arithmetic on the shipped holiday calendar.

use crate::Outcome;
use clap::Subcommand;

/// Working-day commands.
#[derive(Subcommand)]
pub enum WorkdaysCmd {
    /// 计算 DATE 之后第 N 个工作日
    Add {
        /// 起算日期（YYYY-MM-DD），当日不计入
        date: String,
        /// 工作日数
        n: u32,
    },
}

/// Runs a working-day command.
pub fn run(cmd: WorkdaysCmd) -> anyhow::Result<Outcome> {
    match cmd {
        WorkdaysCmd::Add { .. } => anyhow::bail!("工作日计算尚未实现（见 issue 4）"),
    }
}

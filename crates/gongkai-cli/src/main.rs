//! `gongkai`: the command line of the platform (`REPORT_JSON.md` §3).
//!
//! Each subcommand family lives in its own module; this file only parses arguments and
//! dispatches. Exit codes: 0 success, 1 the input was judged and found wanting (a rule error, no
//! table found), 2 the input could not be read or the command could not run.

mod audit_html;
mod import_cmd;
mod platform_cmd;
mod report_cmd;
mod workdays_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// gongkai（公开）：政府信息公开工作平台
#[derive(Parser)]
#[command(name = "gongkai", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 年度报告：核对、生成、导入、审核
    #[command(subcommand)]
    Report(report_cmd::ReportCmd),
    /// 工作日计算（法定节假日与调休）
    #[command(subcommand)]
    Workdays(workdays_cmd::WorkdaysCmd),
    /// 启动平台（默认 SQLite，数据在 ./data）
    Serve(platform_cmd::ServeArgs),
    /// 管理机关和账号
    #[command(subcommand)]
    Admin(platform_cmd::AdminCmd),
    /// 审计日志
    #[command(subcommand)]
    Audit(platform_cmd::AuditCmd),
    /// 工作日日历：载入新年度节假日安排
    #[command(subcommand)]
    Calendar(platform_cmd::CalendarCmd),
    /// 主动公开文件：从旧系统迁入
    #[command(subcommand)]
    Documents(platform_cmd::DocumentsCmd),
    /// 执行数据库迁移
    Migrate(platform_cmd::MigrateArgs),
    /// 生成演示平台：机关、账号和处于各办理阶段的申请（数据目录须为空）
    Demo(platform_cmd::DemoArgs),
    /// 全文检索索引
    #[command(subcommand)]
    Search(platform_cmd::SearchCmd),
    /// 配置
    #[command(subcommand)]
    Config(platform_cmd::ConfigCmd),
}

/// What a command reports back: success, a judged failure (exit 1), or it could not run (exit 2).
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: the input was read and judged wanting.
    Failed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Report(cmd) => report_cmd::run(cmd),
        Command::Workdays(cmd) => workdays_cmd::run(cmd),
        Command::Serve(args) => platform_cmd::serve(args),
        Command::Admin(cmd) => platform_cmd::admin(cmd),
        Command::Audit(cmd) => platform_cmd::audit(cmd),
        Command::Calendar(cmd) => platform_cmd::calendar(cmd),
        Command::Documents(cmd) => platform_cmd::documents(cmd),
        Command::Migrate(args) => platform_cmd::migrate(args),
        Command::Demo(args) => platform_cmd::demo(args),
        Command::Search(cmd) => platform_cmd::search(cmd),
        Command::Config(cmd) => platform_cmd::config(cmd),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        // Output piped into `head` and closed early: not an error of ours.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

//! `gongkai serve | admin | audit | migrate | config`: the platform.

use crate::Outcome;
use clap::{Args, Subcommand};

/// Options of `gongkai serve`.
#[derive(Args)]
pub struct ServeArgs {}

/// `gongkai admin …`
#[derive(Subcommand)]
pub enum AdminCmd {}

/// `gongkai audit …`
#[derive(Subcommand)]
pub enum AuditCmd {}

/// Options of `gongkai migrate`.
#[derive(Args)]
pub struct MigrateArgs {}

/// `gongkai config …`
#[derive(Subcommand)]
pub enum ConfigCmd {}

const NOT_BUILT: &str = "平台服务尚未实现（见 issue 5）";

/// Runs the server.
pub fn serve(_args: ServeArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!(NOT_BUILT)
}

/// Runs an admin command.
pub fn admin(cmd: AdminCmd) -> anyhow::Result<Outcome> {
    match cmd {}
}

/// Runs an audit-log command.
pub fn audit(cmd: AuditCmd) -> anyhow::Result<Outcome> {
    match cmd {}
}

/// Runs the migrations.
pub fn migrate(_args: MigrateArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!(NOT_BUILT)
}

/// Runs a config command.
pub fn config(cmd: ConfigCmd) -> anyhow::Result<Outcome> {
    match cmd {}
}

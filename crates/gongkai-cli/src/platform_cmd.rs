//! `gongkai serve | admin | audit | migrate | config`: the platform.
//!
//! Settings come in layers (`HOUSE_STYLE` §D): defaults → `gongkai.toml` → `GONGKAI_*` environment
//! → flags; see [`settings`]. Every command that touches the database takes the same
//! `--data` / `--database` options as `serve`.

mod admin_cmd;
mod audit_cmd;
mod calendar_cmd;
mod demo_cmd;
mod mail_settings;
mod move_in;
mod search_cmd;
mod serve_cmd;
mod settings;

use crate::Outcome;
use clap::{Args, Subcommand};
use std::path::PathBuf;

pub use admin_cmd::AdminCmd;

/// Where the data lives: shared by every command that opens the database.
#[derive(Args, Clone, Default)]
pub struct DbArgs {
    /// 数据目录（SQLite 数据库文件 gongkai.db 所在处），默认 ./data
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    #[arg(
        long,
        value_name = "URL",
        help = "数据库地址（sqlite://… 或 postgres://…），优先于 --data"
    )]
    pub database: Option<String>,
    /// 配置文件，默认 ./gongkai.toml（若存在）
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Options of `gongkai serve`.
#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// 监听地址，默认 127.0.0.1:8080
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
}

/// `gongkai audit …`
#[derive(Subcommand)]
pub enum AuditCmd {
    /// 校验每个机关的审计日志（密钥签名链与检查点），指出每处问题；有问题时退出码为 1
    Verify {
        #[command(flatten)]
        db: DbArgs,
        /// 另外对照的检查点文件（例如另存在其他机器上的副本），可多次给出
        #[arg(long = "checkpoints", value_name = "FILE")]
        checkpoints: Vec<PathBuf>,
    },
    /// 把每个机关当前的审计链尾（带签名）追加写入文件，留作外部副本
    Checkpoint {
        #[command(flatten)]
        db: DbArgs,
        /// 写入的文件（追加）；不给出则输出到屏幕
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// `gongkai documents …`
#[derive(Subcommand)]
pub enum DocumentsCmd {
    /// 迁入旧系统的文件：一份 CSV 或 XLSX 目录表（每行一份文件）加附件目录。先检查每一行和每个附件，
    /// 有任何问题则逐条列出、一份也不导入；已导入过的行自动跳过，可放心重复运行
    Import {
        #[command(flatten)]
        db: DbArgs,
        /// 目录表（CSV 或 XLSX；第一行为表头：标题、成文日期、发布机构必有，其余如索引号、文号、发布日期、附件等可选）
        table: PathBuf,
        /// 附件所在目录，默认与目录表同一目录
        #[arg(long, value_name = "DIR")]
        files: Option<PathBuf>,
        /// 机关代码
        #[arg(long, value_name = "CODE")]
        agency: String,
        /// 以哪位经办人的名义起草（用户名）
        #[arg(long, value_name = "USER")]
        by: String,
        /// 只检查、列出问题，不导入
        #[arg(long)]
        dry_run: bool,
    },
}

/// `gongkai calendar …`
#[derive(Subcommand)]
pub enum CalendarCmd {
    /// 载入国务院办公厅发布的某年度节假日安排（与内置日历相同的 TOML 格式），并重新计算办理中申请的答复期限
    Import {
        #[command(flatten)]
        db: DbArgs,
        /// 节假日安排文件
        file: PathBuf,
    },
}

/// Options of `gongkai migrate`.
#[derive(Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    db: DbArgs,
}

/// Options of `gongkai demo`.
#[derive(Args)]
pub struct DemoArgs {
    #[command(flatten)]
    db: DbArgs,
}

/// `gongkai search …`
#[derive(Subcommand)]
pub enum SearchCmd {
    /// 从数据库重建本实例的全文检索索引（数据目录下的 search-index；运行中的 serve 会自动保持索引最新）
    Reindex {
        #[command(flatten)]
        db: DbArgs,
    },
}

/// `gongkai config …`
#[derive(Subcommand)]
pub enum ConfigCmd {
    /// 打印带注释的默认配置（gongkai.toml）
    Example,
}

/// Runs `body` on a multi-threaded tokio runtime.
pub(crate) fn block_on<F: std::future::Future<Output = anyhow::Result<Outcome>>>(
    body: F,
) -> anyhow::Result<Outcome> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("无法启动异步运行时：{e}"))?;
    rt.block_on(body)
}

/// Runs the server.
pub fn serve(args: ServeArgs) -> anyhow::Result<Outcome> {
    let cfg = settings::Settings::load(&args.db, args.listen.as_deref())?;
    block_on(serve_cmd::run(cfg))
}

/// Runs an admin command.
pub fn admin(cmd: AdminCmd) -> anyhow::Result<Outcome> {
    block_on(admin_cmd::run(cmd))
}

/// Runs an audit-log command.
pub fn audit(cmd: AuditCmd) -> anyhow::Result<Outcome> {
    match cmd {
        AuditCmd::Verify { db, checkpoints } => {
            let cfg = settings::Settings::load(&db, None)?;
            block_on(audit_cmd::verify(cfg, checkpoints))
        }
        AuditCmd::Checkpoint { db, out } => {
            let cfg = settings::Settings::load(&db, None)?;
            block_on(audit_cmd::checkpoint(cfg, out))
        }
    }
}

/// Runs a calendar command.
pub fn calendar(cmd: CalendarCmd) -> anyhow::Result<Outcome> {
    match cmd {
        CalendarCmd::Import { db, file } => {
            let cfg = settings::Settings::load(&db, None)?;
            block_on(calendar_cmd::import(cfg, file))
        }
    }
}

/// Moves documents in.
pub fn documents(cmd: DocumentsCmd) -> anyhow::Result<Outcome> {
    match cmd {
        DocumentsCmd::Import {
            db,
            table,
            files,
            agency,
            by,
            dry_run,
        } => {
            let cfg = settings::Settings::load(&db, None)?;
            let today = serve_cmd::web_config(&cfg)?
                .today
                .unwrap_or_else(|| (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive());
            let req = move_in::Request {
                table,
                files,
                agency,
                by,
                dry_run,
                today,
            };
            block_on(move_in::run(cfg, req))
        }
    }
}

/// Runs the migrations.
pub fn migrate(args: MigrateArgs) -> anyhow::Result<Outcome> {
    let cfg = settings::Settings::load(&args.db, None)?;
    block_on(async move {
        let store = settings::open_store(&cfg, settings::Open::CreateIfMissing).await?;
        println!("数据库已是最新结构（{}）", store.backend());
        Ok(Outcome::Ok)
    })
}

/// Fills an empty platform with the demo.
pub fn demo(args: DemoArgs) -> anyhow::Result<Outcome> {
    let cfg = settings::Settings::load(&args.db, None)?;
    block_on(demo_cmd::run(cfg))
}

/// Runs a search-index command.
pub fn search(cmd: SearchCmd) -> anyhow::Result<Outcome> {
    match cmd {
        SearchCmd::Reindex { db } => {
            let cfg = settings::Settings::load(&db, None)?;
            block_on(search_cmd::reindex(cfg))
        }
    }
}

/// Runs a config command.
pub fn config(cmd: ConfigCmd) -> anyhow::Result<Outcome> {
    match cmd {
        ConfigCmd::Example => {
            print!("{}", settings::EXAMPLE);
            Ok(Outcome::Ok)
        }
    }
}

//! `gongkai admin …` (agencies, accounts, API tokens) and `gongkai audit verify`.

use super::DbArgs;
use super::settings::{Settings, open_store};
use crate::Outcome;
use anyhow::{Context, anyhow};
use clap::Subcommand;
use gongkai_domain::account::check_new_password;
use gongkai_domain::agency::parse_agency_name;
use gongkai_storage::*;
use gongkai_web::password;

/// `gongkai admin …`
#[derive(Subcommand)]
pub enum AdminCmd {
    /// 列出全部机关
    ListAgencies(DbArgs),
    /// 新建机关
    CreateAgency {
        #[command(flatten)]
        db: DbArgs,
        /// 机关名称
        #[arg(long)]
        name: String,
        /// 机关代码（索引号前缀）
        #[arg(long)]
        code: String,
        #[arg(long, help = "层级：province city county department township")]
        level: String,
        /// 上级机关的代码（不填则为根机关）
        #[arg(long)]
        parent: Option<String>,
    },
    /// 列出全部账号
    ListUsers(DbArgs),
    #[command(about = "新建账号（密码取自 GONGKAI_NEW_PASSWORD，否则生成并显示一次）")]
    CreateUser {
        #[command(flatten)]
        db: DbArgs,
        /// 所属机关的代码
        #[arg(long)]
        agency: String,
        /// 用户名
        #[arg(long)]
        username: String,
        /// 姓名
        #[arg(long)]
        name: String,
        #[arg(
            long,
            help = "角色：system_admin agency_admin clerk reviewer head inspector"
        )]
        role: String,
    },
    /// 重置密码（同上取得新密码）
    ResetPassword {
        #[command(flatten)]
        db: DbArgs,
        /// 用户名
        #[arg(long)]
        username: String,
    },
    /// 为账号签发 /api/v1 访问令牌（只显示一次）
    CreateToken {
        #[command(flatten)]
        db: DbArgs,
        /// 用户名
        #[arg(long)]
        username: String,
        /// 令牌用途说明
        #[arg(long, default_value = "api")]
        label: String,
    },
}

fn err(e: StoreError) -> anyhow::Error {
    anyhow!("{e}")
}

async fn open(db: &DbArgs) -> anyhow::Result<std::sync::Arc<dyn Store>> {
    open_store(&Settings::load(db, None)?).await
}

async fn by_code(store: &dyn Store, code: &str) -> anyhow::Result<Agency> {
    let all = store.all_agencies().await.map_err(err)?;
    all.into_iter()
        .find(|a| a.code.as_str() == code)
        .ok_or_else(|| anyhow!("没有代码为 {code} 的机关"))
}

/// A new password from `GONGKAI_NEW_PASSWORD`, or a generated one (and whether to print it).
fn new_password() -> anyhow::Result<(String, bool)> {
    match std::env::var("GONGKAI_NEW_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
    {
        Some(p) => {
            check_new_password(&p)?;
            Ok((p, false))
        }
        None => Ok((password::random_secret()[..16].to_owned(), true)),
    }
}

/// Runs an admin command.
pub async fn run(cmd: AdminCmd) -> anyhow::Result<Outcome> {
    match cmd {
        AdminCmd::ListAgencies(db) => list_agencies(&db).await,
        AdminCmd::CreateAgency {
            db,
            name,
            code,
            level,
            parent,
        } => create_agency(&db, &name, &code, &level, parent.as_deref()).await,
        AdminCmd::ListUsers(db) => list_users(&db).await,
        AdminCmd::CreateUser {
            db,
            agency,
            username,
            name,
            role,
        } => create_user(&db, &agency, &username, &name, &role).await,
        AdminCmd::ResetPassword { db, username } => reset_password(&db, &username).await,
        AdminCmd::CreateToken {
            db,
            username,
            label,
        } => create_token(&db, &username, &label).await,
    }
}

async fn create_agency(
    db: &DbArgs,
    name: &str,
    code: &str,
    level: &str,
    parent: Option<&str>,
) -> anyhow::Result<Outcome> {
    let store = open(db).await?;
    let parent_id = match parent {
        Some(p) => Some(by_code(store.as_ref(), p).await?.id),
        None => None,
    };
    let new = NewAgency {
        parent_id,
        name: parse_agency_name(name)?,
        code: AgencyCode::parse(code)?,
        level: AgencyLevel::parse(level)?,
        contact: Contact::default(),
    };
    let a = store
        .create_agency(&Actor::system(), &new)
        .await
        .map_err(err)?;
    println!(
        "已创建机关 {}（编号 {}，代码 {}）",
        a.name,
        a.id,
        a.code.as_str()
    );
    Ok(Outcome::Ok)
}

async fn list_agencies(db: &DbArgs) -> anyhow::Result<Outcome> {
    let store = open(db).await?;
    for a in store.all_agencies().await.map_err(err)? {
        let parent = a.parent_id.map_or("-".to_owned(), |p| p.to_string());
        println!(
            "{}\t{}\t{}\t上级 {}\t{}",
            a.id,
            a.code.as_str(),
            a.level.label(),
            parent,
            a.name
        );
    }
    Ok(Outcome::Ok)
}

async fn list_users(db: &DbArgs) -> anyhow::Result<Outcome> {
    let store = open(db).await?;
    for root in store
        .all_agencies()
        .await
        .map_err(err)?
        .iter()
        .filter(|a| a.parent_id.is_none())
    {
        for u in store.users(Scope::subtree(root.id)).await.map_err(err)? {
            let state = if u.active { "启用" } else { "停用" };
            println!(
                "{}\t{}\t{}\t机关 {}\t{}",
                u.username.as_str(),
                u.display_name,
                u.role.label(),
                u.agency_id,
                state
            );
        }
    }
    Ok(Outcome::Ok)
}

async fn create_user(
    db: &DbArgs,
    agency: &str,
    username: &str,
    name: &str,
    role: &str,
) -> anyhow::Result<Outcome> {
    let store = open(db).await?;
    let agency = by_code(store.as_ref(), agency).await?;
    let (pw, show) = new_password()?;
    let new = NewUser {
        username: Username::parse(username)?,
        display_name: name.trim().to_owned(),
        role: Role::parse(role)?,
        password_hash: password::hash(&pw).context("无法生成密码哈希")?,
    };
    let u = store
        .create_user(&Actor::system(), agency.id, &new)
        .await
        .map_err(err)?;
    println!(
        "已创建账号 {}（{}，{}）",
        u.username.as_str(),
        u.role.label(),
        agency.name
    );
    if show {
        println!("初始密码：{pw}（只显示这一次）");
    }
    Ok(Outcome::Ok)
}

async fn find_user(store: &dyn Store, username: &str) -> anyhow::Result<User> {
    let found = store.user_for_login(username).await.map_err(err)?;
    found
        .map(|(u, _)| u)
        .ok_or_else(|| anyhow!("没有用户名为 {username} 的账号"))
}

async fn reset_password(db: &DbArgs, username: &str) -> anyhow::Result<Outcome> {
    let store = open(db).await?;
    let user = find_user(store.as_ref(), username).await?;
    let (pw, show) = new_password()?;
    let hash = password::hash(&pw).context("无法生成密码哈希")?;
    store
        .set_password(&Actor::system(), user.agency_id, user.id, &hash)
        .await
        .map_err(err)?;
    println!("已重置 {username} 的密码");
    if show {
        println!("新密码：{pw}（只显示这一次）");
    }
    Ok(Outcome::Ok)
}

async fn create_token(db: &DbArgs, username: &str, label: &str) -> anyhow::Result<Outcome> {
    let store = open(db).await?;
    let user = find_user(store.as_ref(), username).await?;
    let token = password::new_api_token();
    let hash = password::token_hash(&token);
    store
        .create_api_token(&Actor::system(), user.agency_id, user.id, label, &hash)
        .await
        .map_err(err)?;
    println!("{token}");
    eprintln!("（令牌只显示这一次；请求时使用 Authorization: Bearer <令牌>）");
    Ok(Outcome::Ok)
}

/// `gongkai audit verify`: exit 0 when every chain adds up, 1 naming the first broken link.
pub async fn verify(cfg: Settings) -> anyhow::Result<Outcome> {
    let store = open_store(&cfg).await?;
    let report = store.verify_audit().await.map_err(err)?;
    if report.breaks.is_empty() {
        println!(
            "审计日志完整：{} 个机关，{} 条记录，哈希链全部一致。",
            report.agencies, report.events
        );
        return Ok(Outcome::Ok);
    }
    let agencies = store.all_agencies().await.map_err(err)?;
    for b in &report.breaks {
        let name = agencies.iter().find(|a| a.id == b.agency_id);
        let name = name.map_or(String::new(), |a| {
            format!("（{} {}）", a.code.as_str(), a.name)
        });
        println!(
            "机关 {}{name} 的审计日志在第 {} 条断裂：{}",
            b.agency_id, b.seq, b.problem
        );
    }
    Ok(Outcome::Failed)
}

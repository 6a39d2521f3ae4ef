//! `gongkai admin …`: agencies, accounts and API tokens from the command line.

use super::DbArgs;
use super::settings::{Open, Settings, open_store};
use crate::Outcome;
use anyhow::{Context, anyhow};
use clap::Subcommand;
use gongkai_domain::account::{check_new_password, parse_display_name};
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
        /// 有效天数（0 为不过期）
        #[arg(long, default_value_t = 90)]
        days: i64,
    },
    /// 列出全部访问令牌
    ListTokens(DbArgs),
    /// 吊销访问令牌
    RevokeToken {
        #[command(flatten)]
        db: DbArgs,
        /// 令牌编号（见 list-tokens）
        #[arg(long)]
        id: i64,
    },
}

fn err(e: StoreError) -> anyhow::Error {
    anyhow!("{e}")
}

async fn open(db: &DbArgs) -> anyhow::Result<std::sync::Arc<dyn Store>> {
    open_store(&Settings::load(db, None)?, Open::CreateIfMissing).await
}

async fn by_code(store: &dyn Store, code: &str) -> anyhow::Result<Agency> {
    let all = store.all_agencies().await.map_err(err)?;
    all.into_iter()
        .find(|a| a.code.as_str() == code)
        .ok_or_else(|| anyhow!("没有代码为 {code} 的机关"))
}

/// A new password from `GONGKAI_NEW_PASSWORD`, or a generated one-time password (and whether
/// it was generated: then it is printed and must be changed at the first login).
fn new_password(username: &str) -> anyhow::Result<(String, bool)> {
    match std::env::var("GONGKAI_NEW_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
    {
        Some(p) => {
            check_new_password(&p, username)?;
            Ok((p, false))
        }
        None => Ok((password::one_time_password(), true)),
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
            days,
        } => create_token(&db, &username, &label, days).await,
        AdminCmd::ListTokens(db) => list_tokens(&db).await,
        AdminCmd::RevokeToken { db, id } => revoke_token(&db, id).await,
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
    let (pw, show) = new_password(username)?;
    let new = NewUser {
        username: Username::parse(username)?,
        display_name: parse_display_name(name)?,
        role: Role::parse(role)?,
        password_hash: password::hash(&pw).context("无法生成密码哈希")?,
        must_change_password: show,
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
        println!("一次性密码：{pw}（只显示这一次，首次登录后必须修改）");
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
    let (pw, show) = new_password(username)?;
    let hash = password::hash(&pw).context("无法生成密码哈希")?;
    store
        .set_password(&Actor::system(), user.agency_id, user.id, &hash, show)
        .await
        .map_err(err)?;
    println!("已重置 {username} 的密码，其已登录的会话全部结束");
    if show {
        println!("一次性密码：{pw}（只显示这一次，登录后必须修改）");
    }
    Ok(Outcome::Ok)
}

async fn create_token(
    db: &DbArgs,
    username: &str,
    label: &str,
    days: i64,
) -> anyhow::Result<Outcome> {
    let store = open(db).await?;
    let user = find_user(store.as_ref(), username).await?;
    let token = password::new_api_token();
    let new = NewApiToken {
        user_id: user.id,
        name: label.to_owned(),
        token_hash: password::token_hash(&token),
        expires_at: (days > 0).then(|| chrono::Utc::now() + chrono::Duration::days(days)),
    };
    let t = store
        .create_api_token(&Actor::system(), user.agency_id, &new)
        .await
        .map_err(err)?;
    println!("{token}");
    let until = t.expires_at.map_or("不过期".to_owned(), |e| {
        format!("有效期至 {}", e.format("%Y-%m-%d"))
    });
    eprintln!(
        "（令牌编号 {}，{until}；只显示这一次；请求时使用 Authorization: Bearer <令牌>）",
        t.id
    );
    Ok(Outcome::Ok)
}

async fn list_tokens(db: &DbArgs) -> anyhow::Result<Outcome> {
    let store = open(db).await?;
    let now = chrono::Utc::now();
    for root in store
        .all_agencies()
        .await
        .map_err(err)?
        .iter()
        .filter(|a| a.parent_id.is_none())
    {
        for t in store
            .api_tokens(Scope::subtree(root.id))
            .await
            .map_err(err)?
        {
            let state = if t.revoked_at.is_some() {
                "已吊销"
            } else if t.is_live(now) {
                "有效"
            } else {
                "已过期"
            };
            let until = t
                .expires_at
                .map_or("不过期".to_owned(), |e| e.format("%Y-%m-%d").to_string());
            println!(
                "{}\t账号 {}\t{}\t至 {until}\t{state}",
                t.id, t.user_id, t.name
            );
        }
    }
    Ok(Outcome::Ok)
}

async fn revoke_token(db: &DbArgs, id: i64) -> anyhow::Result<Outcome> {
    let store = open(db).await?;
    for a in store.all_agencies().await.map_err(err)? {
        if let Ok(t) = store.revoke_api_token(&Actor::system(), a.id, id).await {
            println!("已吊销令牌 {}（{}）", t.id, t.name);
            return Ok(Outcome::Ok);
        }
    }
    Err(anyhow!("没有编号为 {id} 的令牌"))
}

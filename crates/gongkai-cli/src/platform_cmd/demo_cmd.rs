//! `gongkai demo`: fills a fresh data folder with a living demo platform (see
//! `gongkai_web::demo`), so a newcomer can start `gongkai serve` on it and look around.

use super::serve_cmd::{first_admin, web_config};
use super::settings::{Open, Settings, open_store};
use crate::Outcome;
use gongkai_storage::Scope;
use gongkai_storage::cases::CaseFilter;

/// Makes the platform (root agency and `admin` as `serve` would) and the demo in it.
pub async fn run(cfg: Settings) -> anyhow::Result<Outcome> {
    let store = open_store(&cfg, Open::CreateIfMissing).await?;
    first_admin(store.as_ref(), &cfg).await?;
    let agencies = store
        .all_agencies()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let root = agencies
        .first()
        .ok_or_else(|| anyhow::anyhow!("平台没有根机关"))?;
    let (_, cases) = store
        .applications(Scope::subtree(root.id), &CaseFilter::default(), 0, 1)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if agencies.len() > 1 || cases > 0 {
        anyhow::bail!(
            "数据目录 {} 已有数据：演示数据只能生成到新的空目录（例如 gongkai demo --data demo-data）",
            cfg.data.display()
        );
    }
    let config = web_config(&cfg)?;
    let today = config
        .today
        .unwrap_or_else(|| (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive());
    let (calendar, _) = gongkai_web::calendar::load(store.as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let demo = gongkai_web::demo::fill(store.clone(), &config, &calendar, today)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    store
        .checkpoint_all()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "演示数据已生成（截至 {today}）：{} 个机关、{} 件依申请公开申请、{} 件行政复议和行政诉讼、{} 条主动公开的政府信息、{} 份已发布的年度报告。",
        demo.agencies, demo.applications, demo.proceedings, demo.documents, demo.reports
    );
    println!(
        "演示账号（密码均为 {}）：",
        gongkai_web::demo::DEMO_PASSWORD
    );
    for (login, role, agency) in &demo.accounts {
        println!("  {login:<10} {role}，{agency}");
    }
    println!(
        "启动：gongkai serve --data {}，然后打开 http://127.0.0.1:8080/admin",
        cfg.data.display()
    );
    Ok(Outcome::Ok)
}

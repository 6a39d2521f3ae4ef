//! `gongkai calendar import FILE`: loads a year's holiday arrangement into the platform's
//! calendar (stored, versioned, logged) and recomputes every open deadline — the same as the
//! back office's 工作日日历 page. Running servers pick it up within a minute.

use super::settings::{Open, Settings, open_store};
use crate::Outcome;
use anyhow::{Context, anyhow};
use gongkai_storage::{Actor, Store};
use std::path::PathBuf;

/// Loads the file; exit 1 when it changes nothing, 2 when it does not load.
pub async fn import(cfg: Settings, file: PathBuf) -> anyhow::Result<Outcome> {
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("无法读取 {}", file.display()))?;
    let store = open_store(&cfg, Open::CreateIfMissing).await?;
    let (cal, _) = gongkai_web::calendar::load(store.as_ref())
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let preview = cal.preview_import(&text).map_err(|e| anyhow!("{e}"))?;
    if preview.is_noop() {
        println!("这份节假日安排已经载入过，日历没有变化。");
        return Ok(Outcome::Failed);
    }
    let lines = preview.lines();
    let summary = lines.first().cloned().unwrap_or_default();
    let root = root_agency(store.as_ref()).await?;
    store
        .add_calendar(&Actor::system(), root, &text, &summary, &lines)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    for l in &lines {
        println!("{l}");
    }
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let moved = gongkai_web::calendar::recompute(
        store.as_ref(),
        &preview.calendar,
        today,
        "system",
        &summary,
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    println!("{moved} 件办理中的申请和待答复的复议诉讼案件的答复期限已重新计算。");
    Ok(Outcome::Ok)
}

async fn root_agency(store: &dyn Store) -> anyhow::Result<gongkai_storage::AgencyId> {
    let all = store.all_agencies().await.map_err(|e| anyhow!("{e}"))?;
    all.iter()
        .find(|a| a.parent_id.is_none())
        .map(|a| a.id)
        .ok_or_else(|| anyhow!("平台还没有机关：请先运行 gongkai serve 完成初始化"))
}

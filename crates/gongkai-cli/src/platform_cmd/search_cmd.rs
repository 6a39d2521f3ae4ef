//! `gongkai search reindex`: rebuilds this instance's search index from the store. The index is
//! derived data (`<data>/search-index`); `serve` keeps it current from the change log, so this
//! is for a new instance, a lost or damaged index, or after restoring a backup.

use super::settings::{Open, Settings, open_store};
use crate::Outcome;
use gongkai_web::portal::indexer::Indexer;
use std::path::PathBuf;

/// Where an instance keeps its index.
pub fn index_dir(cfg: &Settings) -> PathBuf {
    cfg.data.join("search-index")
}

/// Clears the index, adds every public document and sets the cursor to the newest change.
pub async fn reindex(cfg: Settings) -> anyhow::Result<Outcome> {
    let store = open_store(&cfg, Open::Existing).await?;
    let dir = index_dir(&cfg);
    let indexer = Indexer::open(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let count = indexer
        .reindex(store.as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("{e}（运行中的 gongkai serve 会占用索引，请先停止）"))?;
    println!(
        "已重建全文检索索引 {}：{count} 条公开的政府信息。",
        dir.display()
    );
    Ok(Outcome::Ok)
}

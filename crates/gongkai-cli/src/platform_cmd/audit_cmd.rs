//! `gongkai audit verify | checkpoint`: check the keyed audit chains against the checkpoints,
//! and write a signed copy of every chain head for safekeeping elsewhere.

use super::settings::{Open, Settings, audit_key, open_store};
use crate::Outcome;
use anyhow::{Context, anyhow};
use gongkai_storage::seal::{read_checkpoints, write_checkpoints};
use gongkai_storage::{ChainReport, Store};
use std::io::Write;
use std::path::PathBuf;

/// `gongkai audit verify`: exit 0 when every chain adds up, 1 naming each break. The store is
/// opened without creating anything: a mistyped data folder is an error, never a success.
pub async fn verify(cfg: Settings, extra: Vec<PathBuf>) -> anyhow::Result<Outcome> {
    let store = open_store(&cfg, Open::Existing).await?;
    let (key, _) = audit_key(&cfg, Open::Existing)?;
    let mut files = extra;
    if cfg.audit_checkpoints.exists() {
        files.insert(0, cfg.audit_checkpoints.clone());
    } else {
        eprintln!(
            "注意：检查点文件 {} 不存在，无法发现末尾记录被删除或链尾被回退",
            cfg.audit_checkpoints.display()
        );
    }
    let checkpoints = read_checkpoints(&key, &files).map_err(|e| anyhow!("{e}"))?;
    let report = store
        .verify_audit(&checkpoints)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    print_report(store.as_ref(), &report).await?;
    Ok(if report.is_intact() {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

async fn print_report(store: &dyn Store, report: &ChainReport) -> anyhow::Result<()> {
    if report.is_intact() {
        println!(
            "审计日志完整：{} 个机关，{} 条记录，对照 {} 个检查点，全部一致。",
            report.agencies, report.events, report.checkpoints
        );
        return Ok(());
    }
    let agencies = store.all_agencies().await.map_err(|e| anyhow!("{e}"))?;
    for b in &report.breaks {
        let name = agencies.iter().find(|a| a.id == b.agency_id);
        let label = match name {
            Some(a) => format!("{}（{}）", a.name, a.code.as_str()),
            None if !b.agency_code.is_empty() => format!("代码 {}", b.agency_code),
            None => format!("编号 {}", b.agency_id),
        };
        println!(
            "机关 {label} 的审计日志在第 {} 条处有问题：{}",
            b.seq, b.problem
        );
    }
    for line in &report.forged_checkpoints {
        println!("检查点 {line} 的签名不符（被伪造或损坏）");
    }
    println!(
        "共检查 {} 个机关、{} 条记录、{} 个检查点，发现 {} 处问题。",
        report.agencies,
        report.events,
        report.checkpoints,
        report.breaks.len() + report.forged_checkpoints.len()
    );
    Ok(())
}

/// `gongkai audit checkpoint`: appends a signed line per agency with its current chain head to
/// `out` (or prints them), for a copy kept outside this machine.
pub async fn checkpoint(cfg: Settings, out: Option<PathBuf>) -> anyhow::Result<Outcome> {
    let store = open_store(&cfg, Open::Existing).await?;
    let (key, _) = audit_key(&cfg, Open::Existing)?;
    let heads = store.chain_heads().await.map_err(|e| anyhow!("{e}"))?;
    match &out {
        Some(path) => {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("无法写入 {}", path.display()))?;
            write_checkpoints(&key, &heads, &mut f)?;
            f.sync_all()?;
            eprintln!(
                "已把 {} 个机关的审计链尾写入 {}",
                heads.len(),
                path.display()
            );
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            write_checkpoints(&key, &heads, &mut stdout)?;
            stdout.flush()?;
        }
    }
    Ok(Outcome::Ok)
}

//! `gongkai documents import`: moving an agency's documents in from its old CMS — a CSV or XLSX
//! of metadata plus a folder of attachment files.
//!
//! Every row is checked first (the domain's `disclosure::plan`: each field, repeated rows) and
//! so is every attachment (present, a kind the 专栏 may offer, not renamed). If anything is
//! wrong, every problem is listed in Chinese and nothing is imported; `--dry-run` stops there
//! in any case. Rows already on the platform (same 索引号, or same 文号 + 标题 + 成文日期) are
//! skipped, so running it again after a fix or a failure does not create duplicates.
//!
//! Imported documents are drafts of the signing 经办人 with their old 发布日期: they reach the
//! 专栏 only after 保密审查 and approval, like every other document (《条例》第十七条).

mod files;
mod sheet;

use super::settings::{Open, Settings, open_store};
use crate::Outcome;
use anyhow::{Context, anyhow, bail};
use chrono::{Datelike, NaiveDate};
use gongkai_domain::disclosure::{
    self, Art21Scope, Attachment, AttachmentId, Classification, Ctx, FormCtx, Imported, Scheme,
    read_header,
};
use gongkai_storage::documents::NewDocumentFile;
use gongkai_storage::{Agency, Role, Scope, Store, User};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What to import, for whom.
pub struct Request {
    /// The metadata table.
    pub table: PathBuf,
    /// The folder of attachment files (default: the table's folder).
    pub files: Option<PathBuf>,
    /// The agency's code.
    pub agency: String,
    /// The 经办人 the drafts are registered by.
    pub by: String,
    /// Only check and report.
    pub dry_run: bool,
    /// Today.
    pub today: NaiveDate,
}

/// Runs the import; exit 1 when there are problems (nothing imported).
pub async fn run(cfg: Settings, req: Request) -> anyhow::Result<Outcome> {
    let sheet = sheet::read(&req.table)?;
    let header: Vec<&str> = sheet.header.iter().map(String::as_str).collect();
    let columns = read_header(&header).map_err(|p| anyhow!("表头有误：{}", p.join("；")))?;
    if !columns.ignored().is_empty() {
        println!(
            "以下列不对应任何字段，已忽略：{}",
            columns.ignored().join("、")
        );
    }
    let rows: Vec<_> = sheet
        .rows
        .iter()
        .map(|r| columns.row(&r.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();

    let store = open_store(&cfg, Open::Existing).await?;
    let agency = store
        .agency_by_code(&req.agency)
        .await
        .map_err(|_| anyhow!("没有代码为 {} 的机关", req.agency))?;
    let clerk = clerk(store.as_ref(), &agency, &req.by).await?;
    let topics = Classification::shipped(Scheme::Topic);
    let genres = Classification::shipped(Scheme::Genre);
    let form = FormCtx {
        today: req.today,
        topics: &topics,
        genres: &genres,
        art21: art21(store.as_ref(), &agency).await?,
    };
    // Row 1 is the header, as the spreadsheet numbers it.
    let plan = disclosure::plan(&rows, &form, 2);
    let folder = match &req.files {
        Some(f) => f.clone(),
        None => req.table.parent().unwrap_or(Path::new(".")).to_owned(),
    };
    let mut problems: Vec<String> = plan.problems.iter().flat_map(|p| p.lines()).collect();
    for r in &plan.rows {
        for name in &r.attachment_files {
            if let Err(why) = files::load(&folder, name).await {
                problems.push(format!("第{}行【附件】附件“{name}”{why}", r.row));
            }
        }
    }
    let known = known_keys(store.as_ref(), &agency).await?;
    let (done, new): (Vec<&Imported>, Vec<&Imported>) = plan
        .rows
        .iter()
        .partition(|r| r.keys().iter().any(|k| known.contains(&k.as_string())));
    println!(
        "共 {} 行：{} 行可导入，{} 行此前已导入（将跳过），{} 行有问题。",
        rows.len(),
        new.len(),
        done.len(),
        rows.len() - plan.rows.len()
    );
    if !problems.is_empty() {
        for p in &problems {
            println!("{p}");
        }
        println!("未导入任何文件：请改正以上问题后重新运行。");
        return Ok(Outcome::Failed);
    }
    if req.dry_run {
        println!(
            "试运行：没有问题，去掉 --dry-run 即导入以上 {} 份。",
            new.len()
        );
        return Ok(Outcome::Ok);
    }
    let ctx = Ctx {
        today: req.today,
        actor: clerk.username.as_str(),
        role: clerk.role,
    };
    for r in &new {
        import_one(store.as_ref(), &agency, &folder, r, &ctx)
            .await
            .with_context(|| {
                format!(
                    "第{}行导入失败（之前的行已导入，改正后重新运行即可）",
                    r.row
                )
            })?;
    }
    println!(
        "已导入 {} 份文件（草稿），跳过 {} 份。导入的文件须经保密审查和负责人审批后才在专栏公开。",
        new.len(),
        done.len()
    );
    Ok(Outcome::Ok)
}

/// The account the drafts are registered by: an active 经办人 of the agency.
async fn clerk(store: &dyn Store, agency: &Agency, name: &str) -> anyhow::Result<User> {
    let users = store
        .users(Scope::agency(agency.id))
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let user = users
        .into_iter()
        .find(|u| u.username.as_str() == name.trim().to_lowercase())
        .ok_or_else(|| anyhow!("{} 没有账号 {name}", agency.name))?;
    if !user.active || user.role != Role::Clerk {
        bail!("账号 {name} 不是在用的经办人：导入的文件以经办人的名义起草");
    }
    Ok(user)
}

/// 第二十一条 applies to city, county and township governments.
async fn art21(store: &dyn Store, agency: &Agency) -> anyhow::Result<Option<Art21Scope>> {
    let parent = match agency.parent_id {
        Some(p) => Some(
            store
                .agency(Scope::subtree(p), p)
                .await
                .map_err(|e| anyhow!("{e}"))?
                .level,
        ),
        None => None,
    };
    Ok(Art21Scope::of(agency.level, parent))
}

/// Every identity key of the agency's documents, as stored strings.
async fn known_keys(store: &dyn Store, agency: &Agency) -> anyhow::Result<HashSet<String>> {
    let docs = store
        .registry(agency.id)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    Ok(docs
        .iter()
        .flat_map(|d| d.document.identity_keys())
        .map(|k| k.as_string())
        .collect())
}

/// Stores one row's files and registers its draft (its own 索引号, or the next of the pattern).
async fn import_one(
    store: &dyn Store,
    agency: &Agency,
    folder: &Path,
    row: &Imported,
    ctx: &Ctx<'_>,
) -> anyhow::Result<()> {
    let mut attachments = Vec::new();
    for name in &row.attachment_files {
        let f = files::load(folder, name)
            .await
            .map_err(|why| anyhow!("附件“{name}”{why}"))?;
        let new = NewDocumentFile {
            file_name: name.clone(),
            media_type: f.media_type.to_owned(),
            bytes: f.bytes,
            text: f.text,
            uploaded_by: ctx.actor.to_owned(),
        };
        let stored = store
            .add_document_file(agency.id, &new)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        attachments.push(Attachment {
            id: AttachmentId(stored.id),
            name: name.clone(),
        });
    }
    let row = row.clone();
    if let Some(index_no) = row.index_no.clone() {
        let t = disclosure::create(row.registration(index_no, attachments), ctx)
            .map_err(|e| anyhow!("{e}"))?;
        store
            .register_document(agency.id, &t)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        return Ok(());
    }
    let written = row.content.written_on;
    let (profile, _) = store.profile(agency.id).await.map_err(|e| anyhow!("{e}"))?;
    let pattern = profile.index_pattern();
    let build = |serial: u32| {
        let index_no = pattern
            .format(&agency.code, written.year(), written.month(), serial)
            .map_err(disclosure::DisclosureError::from)?;
        disclosure::create(row.clone().registration(index_no, attachments.clone()), ctx)
    };
    store
        .create_document(agency.id, written.year(), &build)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    Ok(())
}

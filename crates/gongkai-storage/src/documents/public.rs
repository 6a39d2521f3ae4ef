//! The public reads of the registry (the 专栏, the feed, the sitemap, the API): only rows whose
//! `public` copy is set, and every record re-checked and read through `Document::public_view`
//! by the caller.

use super::StoredDocument;
use super::read::to_stored;
use crate::entity::documents as rows;
use crate::{AgencyId, SeaStore, StoreError, StoreResult};
use chrono::NaiveDate;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

/// Filters of the public lists (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicFilter {
    /// One agency; `None` = the whole platform.
    pub agency: Option<AgencyId>,
    /// A 第二十条 / 第二十一条 item id (`art20_1`).
    pub item: Option<String>,
    /// A 主题分类 code: the category and everything below it.
    pub topic: Option<String>,
    /// A 体裁分类 code: the category and everything below it.
    pub genre: Option<String>,
    /// 成文日期 in this year.
    pub year: Option<i32>,
    /// 有效性 key (`valid`, `expired`, `repealed`).
    pub validity: Option<String>,
    /// Published (latest version) on or after this day.
    pub since: Option<NaiveDate>,
}

/// The category `code` or one below it: a child's code is its parent's code, a dot, a segment.
fn at_or_below(col: rows::Column, code: &str) -> Condition {
    Condition::any()
        .add(col.eq(code))
        .add(col.starts_with(format!("{code}.")))
}

fn filtered(f: &PublicFilter) -> sea_orm::Select<rows::Entity> {
    let mut q = rows::Entity::find().filter(rows::Column::Public.eq(true));
    if let Some(a) = f.agency {
        q = q.filter(rows::Column::AgencyId.eq(a.0));
    }
    if let Some(item) = &f.item {
        q = q.filter(rows::Column::PubItem.eq(item.clone()));
    }
    if let Some(t) = &f.topic {
        q = q.filter(at_or_below(rows::Column::PubTopic, t));
    }
    if let Some(g) = &f.genre {
        q = q.filter(at_or_below(rows::Column::PubGenre, g));
    }
    if let Some(year) = f.year {
        match (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) {
            (Some(a), Some(b)) => q = q.filter(rows::Column::PubWrittenOn.between(a, b)),
            _ => q = q.filter(rows::Column::Id.is_null()),
        }
    }
    if let Some(v) = &f.validity {
        q = q.filter(rows::Column::PubValidity.eq(v.clone()));
    }
    if let Some(d) = f.since {
        q = q.filter(rows::Column::PubUpdatedOn.gte(d));
    }
    q
}

pub(crate) async fn list(
    store: &SeaStore,
    f: &PublicFilter,
    offset: u64,
    limit: u64,
) -> StoreResult<(Vec<StoredDocument>, u64)> {
    let total = filtered(f).count(&store.read).await?;
    let page = filtered(f)
        .order_by_desc(rows::Column::PubUpdatedOn)
        .order_by_desc(rows::Column::Id)
        .offset(offset)
        .limit(limit)
        .all(&store.read)
        .await?;
    Ok((public_only(page)?, total))
}

/// The rows whose records agree they are public: the copy said public, and a record that
/// disagrees was tampered with.
fn public_only(found: Vec<rows::Model>) -> StoreResult<Vec<StoredDocument>> {
    let mut out = Vec::with_capacity(found.len());
    for m in found {
        let d = to_stored(m)?;
        if d.document.is_public() {
            out.push(d);
        }
    }
    Ok(out)
}

pub(crate) async fn one(
    store: &SeaStore,
    agency: AgencyId,
    id: i64,
) -> StoreResult<StoredDocument> {
    checked(rows::Entity::find_by_id(id), store, agency).await
}

pub(crate) async fn by_index(
    store: &SeaStore,
    agency: AgencyId,
    index_no: &str,
) -> StoreResult<StoredDocument> {
    let q = rows::Entity::find().filter(rows::Column::IndexNo.eq(index_no));
    checked(q, store, agency).await
}

/// The public 政策解读 of `agency` that interpret the document with `index_no`, newest first.
pub(crate) async fn interpretations(
    store: &SeaStore,
    agency: AgencyId,
    index_no: &str,
) -> StoreResult<Vec<StoredDocument>> {
    let found = rows::Entity::find()
        .filter(rows::Column::AgencyId.eq(agency.0))
        .filter(rows::Column::PubInterprets.eq(index_no))
        .filter(rows::Column::Public.eq(true))
        .order_by_desc(rows::Column::PubUpdatedOn)
        .order_by_desc(rows::Column::Id)
        .all(&store.read)
        .await?;
    public_only(found)
}

/// The one public row of `agency` that `q` selects, its record re-checked.
async fn checked(
    q: sea_orm::Select<rows::Entity>,
    store: &SeaStore,
    agency: AgencyId,
) -> StoreResult<StoredDocument> {
    let row = q
        .filter(rows::Column::AgencyId.eq(agency.0))
        .filter(rows::Column::Public.eq(true))
        .one(&store.read)
        .await?
        .ok_or(StoreError::NotFound { what: "文件" })?;
    let d = to_stored(row)?;
    if !d.document.is_public() {
        return Err(StoreError::NotFound { what: "文件" });
    }
    Ok(d)
}

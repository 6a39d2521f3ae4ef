//! Agencies: create, read within a scope, optimistic update; and scope resolution over the tree.

use crate::audit::{self, Change, GENESIS, Tx};
use crate::entity::agencies;
use crate::{
    Actor, Agency, AgencyCode, AgencyDetails, AgencyId, AgencyLevel, AgencyStore, Contact,
    NewAgency, Scope, SeaStore, StoreError, StoreResult,
};
use async_trait::async_trait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet, QueryFilter,
    QueryOrder, QuerySelect, Set, SqlErr,
};
use std::collections::HashMap;

/// Maps a unique-constraint violation to [`StoreError::Conflict`].
pub(crate) fn unique(what: &'static str) -> impl Fn(DbErr) -> StoreError {
    move |e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict { what },
        _ => StoreError::Backend(e),
    }
}

/// A row that no longer parses (edited by hand, or written by a newer version).
pub(crate) fn corrupt(what: &str) -> StoreError {
    StoreError::Invalid(format!("数据库中的{what}无效"))
}

pub(crate) fn to_agency(m: agencies::Model) -> StoreResult<Agency> {
    Ok(Agency {
        id: AgencyId(m.id),
        parent_id: m.parent_id.map(AgencyId),
        code: AgencyCode::parse(&m.code).map_err(|_| corrupt("机关代码"))?,
        level: AgencyLevel::parse(&m.level).map_err(|_| corrupt("机关层级"))?,
        name: m.name,
        contact: Contact {
            address: m.address,
            postcode: m.postcode,
            phone: m.phone,
            email: m.email,
        },
        version: m.version,
    })
}

/// Agencies in preorder (each parent before its children), starting from `roots`.
fn preorder(children: &HashMap<Option<i64>, Vec<i64>>, roots: &[i64]) -> Vec<i64> {
    let mut out = Vec::new();
    let mut stack: Vec<i64> = roots.iter().rev().copied().collect();
    while let Some(id) = stack.pop() {
        out.push(id);
        if let Some(kids) = children.get(&Some(id)) {
            stack.extend(kids.iter().rev());
        }
    }
    out
}

async fn tree<C: ConnectionTrait>(db: &C) -> StoreResult<HashMap<Option<i64>, Vec<i64>>> {
    let rows: Vec<(i64, Option<i64>)> = agencies::Entity::find()
        .select_only()
        .column(agencies::Column::Id)
        .column(agencies::Column::ParentId)
        .order_by_asc(agencies::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut children: HashMap<Option<i64>, Vec<i64>> = HashMap::new();
    for (id, parent) in rows {
        children.entry(parent).or_default().push(id);
    }
    Ok(children)
}

/// The ids of every agency inside `scope`, in tree order; empty if the root does not exist.
pub(crate) async fn scope_ids<C: ConnectionTrait>(db: &C, scope: Scope) -> StoreResult<Vec<i64>> {
    let children = tree(db).await?;
    let exists = children.values().flatten().any(|&id| id == scope.root.0);
    if !exists {
        return Ok(Vec::new());
    }
    if !scope.subtree {
        return Ok(vec![scope.root.0]);
    }
    Ok(preorder(&children, &[scope.root.0]))
}

async fn load_in_order<C: ConnectionTrait>(db: &C, ids: Vec<i64>) -> StoreResult<Vec<Agency>> {
    let rows = agencies::Entity::find()
        .filter(agencies::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    let mut by_id: HashMap<i64, agencies::Model> = rows.into_iter().map(|m| (m.id, m)).collect();
    ids.into_iter()
        .filter_map(|id| by_id.remove(&id))
        .map(to_agency)
        .collect()
}

fn new_row(new: &NewAgency) -> agencies::ActiveModel {
    let now = audit::now();
    agencies::ActiveModel {
        id: NotSet,
        parent_id: Set(new.parent_id.map(|p| p.0)),
        name: Set(new.name.clone()),
        code: Set(new.code.as_str().to_owned()),
        level: Set(new.level.as_str().to_owned()),
        address: Set(new.contact.address.clone()),
        postcode: Set(new.contact.postcode.clone()),
        phone: Set(new.contact.phone.clone()),
        email: Set(new.contact.email.clone()),
        audit_seq: Set(0),
        audit_head: Set(GENESIS.to_owned()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// What a duplicate name under one parent is called in messages.
const SAME_NAME: &str = "同一上级机关下的同名机关";

/// Refuses a name already used by another agency under the same parent (roots included,
/// which the unique index cannot cover because their parent is NULL).
async fn check_name_free<C: ConnectionTrait>(
    db: &C,
    parent: Option<AgencyId>,
    name: &str,
    except: Option<AgencyId>,
) -> StoreResult<()> {
    let mut q = agencies::Entity::find().filter(agencies::Column::Name.eq(name));
    q = match parent {
        Some(p) => q.filter(agencies::Column::ParentId.eq(p.0)),
        None => q.filter(agencies::Column::ParentId.is_null()),
    };
    if let Some(id) = except {
        q = q.filter(agencies::Column::Id.ne(id.0));
    }
    match q.one(db).await? {
        Some(_) => Err(StoreError::Conflict { what: SAME_NAME }),
        None => Ok(()),
    }
}

/// Inserts an agency and its first audit event; the parent's chain records the creation too,
/// so deleting the agency with all its events later is still detected.
pub(crate) async fn insert_agency(
    tx: &mut Tx<'_>,
    actor: &Actor,
    new: &NewAgency,
) -> StoreResult<Agency> {
    if let Some(parent) = new.parent_id {
        tx.lock_agency(parent.0)
            .await
            .map_err(|_| StoreError::NotFound {
                what: "上级机关"
            })?;
    }
    check_name_free(&tx.txn, new.parent_id, &new.name, None).await?;
    let row = new_row(new).insert(&tx.txn).await.map_err(unique_agency)?;
    let agency = to_agency(row)?;
    let created = |action, what: &str| Change {
        action,
        subject: "agency",
        subject_id: agency.id.to_string(),
        before: None,
        after: audit::json(&agency),
        summary: format!("{what}：{}（{}）", agency.name, agency.code.as_str()),
    };
    tx.append(agency.id.0, actor, created("agency_created", "新建机关"))
        .await?;
    if let Some(parent) = new.parent_id {
        tx.append(
            parent.0,
            actor,
            created("agency_child_created", "新建下级机关"),
        )
        .await?;
    }
    Ok(agency)
}

/// Maps the unique indexes of `agencies` to what they protect.
fn unique_agency(e: DbErr) -> StoreError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(msg)) if msg.contains("name") => {
            StoreError::Conflict { what: SAME_NAME }
        }
        Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict {
            what: "机关代码"
        },
        _ => StoreError::Backend(e),
    }
}

#[async_trait]
impl AgencyStore for SeaStore {
    async fn create_agency(&self, actor: &Actor, new: &NewAgency) -> StoreResult<Agency> {
        let mut tx = self.begin().await?;
        let agency = insert_agency(&mut tx, actor, new).await?;
        tx.commit().await?;
        Ok(agency)
    }

    async fn agency(&self, scope: Scope, id: AgencyId) -> StoreResult<Agency> {
        let ids = scope_ids(&self.db, scope).await?;
        if !ids.contains(&id.0) {
            return Err(StoreError::NotFound { what: "机关" });
        }
        let row = agencies::Entity::find_by_id(id.0).one(&self.db).await?;
        to_agency(row.ok_or(StoreError::NotFound { what: "机关" })?)
    }

    async fn agencies(&self, scope: Scope) -> StoreResult<Vec<Agency>> {
        let ids = scope_ids(&self.db, scope).await?;
        load_in_order(&self.db, ids).await
    }

    async fn all_agencies(&self) -> StoreResult<Vec<Agency>> {
        let children = tree(&self.db).await?;
        let roots = children.get(&None).cloned().unwrap_or_default();
        load_in_order(&self.db, preorder(&children, &roots)).await
    }

    async fn agency_by_code(&self, code: &str) -> StoreResult<Agency> {
        let row = agencies::Entity::find()
            .filter(agencies::Column::Code.eq(code.trim()))
            .one(&self.read)
            .await?;
        to_agency(row.ok_or(StoreError::NotFound { what: "机关" })?)
    }

    async fn update_agency(
        &self,
        actor: &Actor,
        id: AgencyId,
        version: i32,
        details: &AgencyDetails,
    ) -> StoreResult<Agency> {
        let mut tx = self.begin().await?;
        tx.lock_agency(id.0).await?;
        let before = agencies::Entity::find_by_id(id.0).one(&tx.txn).await?;
        let before = to_agency(before.ok_or(StoreError::NotFound { what: "机关" })?)?;
        check_name_free(&tx.txn, before.parent_id, &details.name, Some(id)).await?;
        let c = &details.contact;
        let done = agencies::Entity::update_many()
            .col_expr(agencies::Column::Name, Expr::value(details.name.clone()))
            .col_expr(agencies::Column::Address, Expr::value(c.address.clone()))
            .col_expr(agencies::Column::Postcode, Expr::value(c.postcode.clone()))
            .col_expr(agencies::Column::Phone, Expr::value(c.phone.clone()))
            .col_expr(agencies::Column::Email, Expr::value(c.email.clone()))
            .col_expr(agencies::Column::Version, Expr::value(version + 1))
            .col_expr(agencies::Column::UpdatedAt, Expr::value(audit::now()))
            .filter(agencies::Column::Id.eq(id.0))
            .filter(agencies::Column::Version.eq(version))
            .exec(&tx.txn)
            .await
            .map_err(unique_agency)?;
        if done.rows_affected == 0 {
            return Err(StoreError::Stale);
        }
        let after = agencies::Entity::find_by_id(id.0).one(&tx.txn).await?;
        let after = to_agency(after.ok_or(StoreError::NotFound { what: "机关" })?)?;
        let change = Change {
            action: "agency_updated",
            subject: "agency",
            subject_id: id.to_string(),
            before: audit::json(&before),
            after: audit::json(&after),
            summary: format!("修改机关信息：{}（{}）", after.name, after.code.as_str()),
        };
        tx.append(id.0, actor, change).await?;
        tx.commit().await?;
        Ok(after)
    }
}

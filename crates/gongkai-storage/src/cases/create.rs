//! Storing new applications, one or many in the same few statements: a batch of online
//! submissions (`group_commit.rs`) looks up the forms sent before, takes its numbers, looks for
//! earlier same requests and inserts its rows and letters with one statement each, however
//! many it holds; the audit events go in as the transaction commits ([`Tx::commit`]). Each
//! application comes out as if stored alone, in the order given.

use super::files::{insert_attachments, insert_letters_of, next_n};
use super::read::to_application;
use super::write::new_row;
use super::{Application, NewApplication};
use crate::audit::Tx;
use crate::entity::applications as apps;
use crate::{AgencyId, SeaStore, StoreError, StoreResult};
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};

pub(crate) async fn create(
    store: &SeaStore,
    agency: AgencyId,
    new: &NewApplication,
) -> StoreResult<Application> {
    let mut tx = store.begin().await?;
    tx.lock_agency(agency.0).await?;
    let mut one = create_all(&mut tx, agency, &[new]).await?;
    tx.commit().await?;
    one.pop().ok_or(StoreError::NotFound { what: "申请" })
}

/// Stores `news` inside `tx`, which holds the agency's lock: each as if stored alone, one after
/// the other — a form sent again is found, not stored twice; the rest are numbered in order and
/// marked as repeats of the earliest same request of the applicant within a year, stored or
/// earlier in `news`. Fails whole (a 查询码 taken, a locked year) for the caller to undo.
pub(crate) async fn create_all(
    tx: &mut Tx<'_>,
    agency: AgencyId,
    news: &[&NewApplication],
) -> StoreResult<Vec<Application>> {
    let mut done = resubmitted(tx, agency.0, news).await?;
    let (fresh, again) = to_store(news, &done);
    let locked = tx.locked_years(agency.0).await?;
    for &i in &fresh {
        crate::period_lock::check_case(&locked, None, &news[i].registered.case)?;
    }
    let asked: Vec<&NewApplication> = fresh.iter().map(|&i| news[i]).collect();
    let numbers = numbers(tx, agency.0, &asked).await?;
    let mut rows = asked
        .iter()
        .zip(numbers)
        .map(|(new, number)| new_row(agency.0, number, new))
        .collect::<StoreResult<Vec<_>>>()?;
    let earlier = earlier_same(tx, agency.0, &rows).await?;
    for (row, earlier) in rows.iter_mut().zip(&earlier) {
        if let Earlier::Stored(id) = *earlier {
            row.duplicate_of = Some(id);
        }
    }
    let mut models = insert(tx, rows).await?;
    mark_repeats_within(tx, &earlier, &mut models).await?;
    for (new, m) in asked.iter().zip(&models) {
        tx.append_events_of(agency.0, m.id, &new.registered.events)
            .await?;
        insert_attachments(&tx.txn, agency.0, m.id, &new.attachments).await?;
    }
    let letters = asked
        .iter()
        .zip(&models)
        .flat_map(|(new, m)| new.letters.iter().map(move |l| (m.id, l)))
        .collect();
    insert_letters_of(&tx.txn, agency.0, letters).await?;
    for (&i, m) in fresh.iter().zip(models) {
        done[i] = Some(to_application(m)?);
    }
    for (i, first) in again {
        done[i] = done[first].clone();
    }
    done.into_iter()
        .map(|d| d.ok_or(StoreError::NotFound { what: "申请" }))
        .collect()
}

/// The places in `news` to store (not found by [`resubmitted`] in `done`), and for a form sent
/// twice in `news` the place of its first sending, which it is answered with.
fn to_store(
    news: &[&NewApplication],
    done: &[Option<Application>],
) -> (Vec<usize>, Vec<(usize, usize)>) {
    let mut fresh: Vec<usize> = Vec::new();
    let mut again: Vec<(usize, usize)> = Vec::new();
    for (i, new) in news.iter().enumerate() {
        if done[i].is_some() {
            continue;
        }
        let key = new.idempotency_key.as_deref();
        let first = fresh
            .iter()
            .find(|&&f| key.is_some() && news[f].idempotency_key.as_deref() == key);
        match first {
            Some(&first) => again.push((i, first)),
            None => fresh.push(i),
        }
    }
    (fresh, again)
}

/// A repeat of a request stored earlier in the same batch learns the first one's id only once
/// both are inserted: set here (rare; the common repeat is of a stored one, set on insert).
async fn mark_repeats_within(
    tx: &Tx<'_>,
    earlier: &[Earlier],
    models: &mut [apps::Model],
) -> StoreResult<()> {
    for (k, earlier) in earlier.iter().enumerate() {
        if let Earlier::InBatch(first) = *earlier {
            let first_id = models[first].id;
            apps::Entity::update_many()
                .col_expr(apps::Column::DuplicateOf, Expr::value(first_id))
                .filter(apps::Column::Id.eq(models[k].id))
                .exec(&tx.txn)
                .await?;
            models[k].duplicate_of = Some(first_id);
        }
    }
    Ok(())
}

/// The applications already stored under the idempotency keys of `news`.
async fn resubmitted(
    tx: &Tx<'_>,
    agency: i64,
    news: &[&NewApplication],
) -> StoreResult<Vec<Option<Application>>> {
    let keys: Vec<&str> = news
        .iter()
        .filter_map(|n| n.idempotency_key.as_deref())
        .collect();
    if keys.is_empty() {
        return Ok(vec![None; news.len()]);
    }
    let rows = apps::Entity::find()
        .filter(apps::Column::AgencyId.eq(agency))
        .filter(apps::Column::IdempotencyKey.is_in(keys))
        .all(&tx.txn)
        .await?;
    news.iter()
        .map(|n| {
            let key = n.idempotency_key.as_deref();
            rows.iter()
                .find(|r| key.is_some() && r.idempotency_key.as_deref() == key)
                .map(|r| to_application(r.clone()))
                .transpose()
        })
        .collect()
}

/// The 登记编号 of `news` in order (`2026-00012`), a year's counter moved once per year.
async fn numbers(tx: &Tx<'_>, agency: i64, news: &[&NewApplication]) -> StoreResult<Vec<String>> {
    let years: Vec<i32> = news
        .iter()
        .map(|n| n.registered.case.received_on.year())
        .collect();
    let mut distinct = years.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let mut next = Vec::with_capacity(distinct.len());
    for year in distinct {
        let n = years.iter().filter(|&&y| y == year).count() as i64;
        let last = next_n(&tx.txn, agency, &format!("application:{year}"), n).await?;
        next.push((year, last - n + 1));
    }
    let mut out = Vec::with_capacity(news.len());
    for year in years {
        if let Some((_, serial)) = next.iter_mut().find(|(y, _)| *y == year) {
            out.push(format!("{year}-{serial:05}"));
            *serial += 1;
        }
    }
    Ok(out)
}

/// The earliest earlier application asking the same as a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Earlier {
    None,
    /// Stored, with this id.
    Stored(i64),
    /// The one at this place in `news`.
    InBatch(usize),
}

/// For each of `rows` (new, not yet inserted), the earliest application to `agency` by the
/// same applicant asking the same within a year before it: stored (one indexed read for all),
/// or earlier in `rows`.
async fn earlier_same(tx: &Tx<'_>, agency: i64, rows: &[apps::Model]) -> StoreResult<Vec<Earlier>> {
    let since = |r: &apps::Model| r.received_on - chrono::Duration::days(365);
    let asking: Vec<&apps::Model> = rows
        .iter()
        .filter(|r| !r.applicant_key.is_empty())
        .collect();
    let Some(from) = asking.iter().map(|r| since(r)).min() else {
        return Ok(vec![Earlier::None; rows.len()]);
    };
    let keys: Vec<&str> = asking.iter().map(|r| r.applicant_key.as_str()).collect();
    let digests: Vec<&str> = asking.iter().map(|r| r.request_digest.as_str()).collect();
    // Keys and digests asked for separately: a row pairing one's key with another's digest is
    // read too, and passed over below.
    let stored: Vec<(i64, String, String, NaiveDate)> = apps::Entity::find()
        .select_only()
        .columns([
            apps::Column::Id,
            apps::Column::ApplicantKey,
            apps::Column::RequestSummary,
            apps::Column::ReceivedOn,
        ])
        .filter(apps::Column::AgencyId.eq(agency))
        .filter(apps::Column::ApplicantKey.is_in(keys))
        .filter(apps::Column::RequestDigest.is_in(digests))
        .filter(apps::Column::ReceivedOn.gte(from))
        .order_by_asc(apps::Column::Id)
        .into_tuple()
        .all(&tx.txn)
        .await?;
    let same = |r: &apps::Model, key: &str, summary: &str| {
        !r.applicant_key.is_empty() && r.applicant_key == key && r.request_summary == summary
    };
    Ok(rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let since = since(r);
            let found = stored
                .iter()
                .find(|(_, key, summary, on)| same(r, key, summary) && *on >= since);
            if let Some((id, ..)) = found {
                return Earlier::Stored(*id);
            }
            let before = rows[..i].iter().position(|e| {
                same(r, &e.applicant_key, &e.request_summary) && e.received_on >= since
            });
            before.map_or(Earlier::None, Earlier::InBatch)
        })
        .collect())
}

/// Inserts `rows` in one statement and gives each its id. Only the ids come back (with the
/// 查询码 that tells the rows apart, as the database keeps them unique): the rows themselves
/// are known already, and sending them back doubled the time of the insert.
async fn insert(tx: &Tx<'_>, mut rows: Vec<apps::Model>) -> StoreResult<Vec<apps::Model>> {
    if rows.is_empty() {
        return Ok(rows);
    }
    let active = rows.iter().map(|m| {
        let mut a: apps::ActiveModel = m.clone().into();
        a.id = NotSet;
        a
    });
    let mut insert = apps::Entity::insert_many(active).into_query();
    insert.returning(Query::returning().columns([apps::Column::Id, apps::Column::QueryCode]));
    let backend = tx.txn.get_database_backend();
    let ids = tx
        .txn
        .query_all_raw(backend.build(&insert))
        .await
        .map_err(crate::agencies::unique("查询码"))?;
    for got in ids {
        let id: i64 = got.try_get("", "id")?;
        let code: String = got.try_get("", "query_code")?;
        if let Some(row) = rows.iter_mut().find(|m| m.query_code == code) {
            row.id = id;
        }
    }
    if rows.iter().any(|m| m.id == 0) {
        return Err(StoreError::NotFound { what: "申请" });
    }
    Ok(rows)
}

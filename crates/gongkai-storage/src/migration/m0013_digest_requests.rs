//! 0013: the earlier same request found through an index. Filing looks for an earlier
//! application of the same applicant asking the same (a duplicate); with an index on the
//! applicant alone that read every earlier application of the applicant, so an applicant who
//! files hundreds made every filing read hundreds of rows, in the single writer's line.
//! `request_digest` is the SHA-256 of `request_summary` (too long, in general, for a PostgreSQL
//! index entry); the index (agency, applicant, digest) finds a match at once and replaces the
//! index on the applicant alone, whose reads its prefix serves.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sha2::{Digest, Sha256};

/// The digest stored beside `summary`.
pub fn digest(summary: &str) -> String {
    crate::seal::hex(&Sha256::digest(summary.as_bytes()))
}

/// Adds `request_digest`, fills it, and moves the applicant index onto it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let column = string("request_digest").default("").to_owned();
        m.alter_table(
            Table::alter()
                .table("applications")
                .add_column(column)
                .to_owned(),
        )
        .await?;
        fill(m).await?;
        m.create_index(
            Index::create()
                .name("applications_applicant_request")
                .table("applications")
                .col("agency_id")
                .col("applicant_key")
                .col("request_digest")
                .to_owned(),
        )
        .await?;
        let old = Index::drop()
            .name("applications_applicant")
            .table("applications")
            .to_owned();
        m.drop_index(old).await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0013 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

/// The digest of every stored application: on PostgreSQL in one statement (a province's
/// platform may hold millions), on SQLite (which has no SHA-256 function) one row at a time.
pub(crate) async fn fill(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    if backend == DbBackend::Postgres {
        db.execute_unprepared(
            "UPDATE applications SET request_digest = \
             encode(sha256(convert_to(request_summary, 'UTF8')), 'hex')",
        )
        .await?;
        return Ok(());
    }
    let select = Query::select()
        .columns(["id", "request_summary"])
        .from("applications")
        .to_owned();
    for row in db.query_all_raw(backend.build(&select)).await? {
        let id: i64 = row.try_get("", "id")?;
        let summary: String = row.try_get("", "request_summary")?;
        let update = Query::update()
            .table("applications")
            .value("request_digest", digest(&summary))
            .and_where(Expr::col("id").eq(id))
            .to_owned();
        db.execute_raw(backend.build(&update)).await?;
    }
    Ok(())
}

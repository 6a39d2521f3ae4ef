//! 0013: a hash of the information asked for (`request_hash`), indexed after the applicant, so
//! the duplicate check of a new application — same applicant, same request, within a year — is
//! one index seek instead of a walk over every earlier application of that applicant (an
//! applicant who files often, such as a law firm, has thousands). The text itself can be too long
//! for a PostgreSQL index entry; its SHA-256 is not. The index replaces `applications_applicant`,
//! which is its prefix.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Adds, fills and indexes `applications.request_hash`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Rows hashed per round trip while filling.
const PAGE: u64 = 1_000;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("applications")
                .add_column(string_null("request_hash"))
                .to_owned(),
        )
        .await?;
        fill(m).await?;
        m.drop_index(
            Index::drop()
                .name("applications_applicant")
                .table("applications")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("applications_same_request")
                .table("applications")
                .col("agency_id")
                .col("applicant_key")
                .col("request_hash")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0013 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

/// Hashes the request of every stored application, a page at a time in id order.
pub(crate) async fn fill(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let mut after = 0i64;
    loop {
        let select = Query::select()
            .columns(["id", "request_summary"])
            .from("applications")
            .and_where(Expr::col("id").gt(after))
            .order_by("id", Order::Asc)
            .limit(PAGE)
            .to_owned();
        let rows = db.query_all_raw(backend.build(&select)).await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.try_get("", "id")?;
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            let summary: String = row.try_get("", "request_summary")?;
            let update = Query::update()
                .table("applications")
                .value("request_hash", crate::cases::request_hash(&summary))
                .and_where(Expr::col("id").eq(id))
                .to_owned();
            db.execute_raw(backend.build(&update)).await?;
        }
    }
}

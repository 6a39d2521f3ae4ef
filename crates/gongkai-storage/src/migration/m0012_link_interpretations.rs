//! 0012: the 索引号 a public 政策解读 interprets, as a column of its own, so that a policy's page
//! finds its interpretations by index instead of reading every record.

use gongkai_domain::disclosure::{Document, DocumentRecord};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Adds `documents.pub_interprets` and fills it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("documents")
                .add_column(string_null("pub_interprets"))
                .to_owned(),
        )
        .await?;
        fill(m).await?;
        m.create_index(
            Index::create()
                .name("documents_interpretations")
                .table("documents")
                .col("agency_id")
                .col("pub_interprets")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0012 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

/// Copies the interpreted 索引号 of every public document that names one (a record that does
/// not read is left alone: the store refuses it anyway when it is read).
pub(crate) async fn fill(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let select = Query::select()
        .columns(["id", "record_json"])
        .from("documents")
        .and_where(Expr::col("public").eq(true))
        .and_where(Expr::col("record_json").like("%\"interprets\":\"%"))
        .to_owned();
    for row in db.query_all_raw(backend.build(&select)).await? {
        let id: i64 = row.try_get("", "id")?;
        let json: String = row.try_get("", "record_json")?;
        let interprets = serde_json::from_str::<DocumentRecord>(&json)
            .ok()
            .and_then(|r| Document::restore(r).ok())
            .and_then(|d| {
                let v = d.public_view()?;
                v.content.interprets.as_ref().map(|i| i.as_str().to_owned())
            });
        if let Some(index_no) = interprets {
            let update = Query::update()
                .table("documents")
                .value("pub_interprets", index_no)
                .and_where(Expr::col("id").eq(id))
                .to_owned();
            db.execute_raw(backend.build(&update)).await?;
        }
    }
    Ok(())
}

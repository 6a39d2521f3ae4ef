//! 0004: what the 行政复议 / 行政诉讼 register needs beyond the `proceedings` table of 0003 — the
//! links between a proceeding and the applications it concerns as rows of their own (so a case
//! page finds its proceedings by index, and a link to an application that does not exist is
//! refused by a foreign key), the other system's key for an idempotent `POST
//! /api/v1/proceedings`, and whether the stored answer deadline is 暂定.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Applies the changes above.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn add(col: &mut ColumnDef) -> TableAlterStatement {
    // One column per statement: SQLite alters one column at a time.
    Table::alter()
        .table("proceedings")
        .add_column(col)
        .to_owned()
}

fn links() -> TableCreateStatement {
    Table::create()
        .table("proceeding_applications")
        .col(big_integer("proceeding_id"))
        .col(big_integer("application_id"))
        .col(big_integer("agency_id"))
        .primary_key(Index::create().col("proceeding_id").col("application_id"))
        .foreign_key(
            ForeignKey::create()
                .from("proceeding_applications", "proceeding_id")
                .to("proceedings", "id"),
        )
        .foreign_key(
            ForeignKey::create()
                .from("proceeding_applications", "application_id")
                .to("applications", "id"),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(add(&mut string_null("idempotency_key")))
            .await?;
        m.alter_table(add(boolean("due_provisional").default(false)))
            .await?;
        m.create_table(links()).await?;
        m.create_index(
            Index::create()
                .name("proceeding_applications_application")
                .table("proceeding_applications")
                .col("agency_id")
                .col("application_id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("proceedings_idempotency")
                .table("proceedings")
                .col("agency_id")
                .col("idempotency_key")
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0004 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

//! 0009: `has_fee` on applications — whether a 收费通知 was issued. The annual report's fee
//! statement (section 六) reads the notices of a year; without the flag that meant reading the
//! JSON of every case of the agency (a second per million cases). Filled from the stored cases
//! once, then kept by every write; indexed with the agency.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Adds, fills and indexes `has_fee`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("applications")
                .add_column(boolean("has_fee").default(false).to_owned())
                .to_owned(),
        )
        .await?;
        let fill = Query::update()
            .table("applications")
            .value("has_fee", true)
            .and_where(Expr::col("case_json").like("%\"fee\":{%"))
            .to_owned();
        m.exec_stmt(fill).await?;
        m.create_index(
            Index::create()
                .name("applications_fees")
                .table("applications")
                .col("agency_id")
                .col("has_fee")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0009 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

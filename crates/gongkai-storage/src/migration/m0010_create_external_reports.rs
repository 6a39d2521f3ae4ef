//! 0010: annual reports uploaded to the supervisor's view (agencies not on the platform, or
//! earlier years of those that are).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates `external_reports`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("external_reports")
                .col(big_pk_auto("id"))
                .col(big_integer("owner_id"))
                .col(big_integer_null("agency_id"))
                .col(string("agency_name"))
                .col(integer("year"))
                .col(string("file_name"))
                .col(text("report_json"))
                .col(integer("errors"))
                .col(integer("warnings"))
                .col(string("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("external_reports", "owner_id")
                        .to("agencies", "id"),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from("external_reports", "agency_id")
                        .to("agencies", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("external_reports_year")
                .table("external_reports")
                .col("owner_id")
                .col("year")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0010 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

//! 0008: the annual reports compiled on the platform, one row per agency, year and edition.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates `annual_reports`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("annual_reports")
                .col(big_pk_auto("id"))
                .col(big_integer("agency_id"))
                .col(integer("year"))
                .col(integer("edition"))
                .col(string("status"))
                .col(text("record_json"))
                .col(text("report_json"))
                .col(integer("errors"))
                .col(integer("warnings"))
                .col(date_null("published_on"))
                .col(integer("revision"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("annual_reports", "agency_id")
                        .to("agencies", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("annual_reports_edition")
                .table("annual_reports")
                .col("agency_id")
                .col("year")
                .col("edition")
                .unique()
                .to_owned(),
        )
        .await?;
        // The supervisor's view reads one year across many agencies.
        m.create_index(
            Index::create()
                .name("annual_reports_year")
                .table("annual_reports")
                .col("year")
                .col("agency_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0008 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

//! 0005: two covering indexes, so the busiest reads never touch the wide rows (each holds the
//! case as JSON): the inbox's sort order (agency, open, deadline, receipt day, id) — the page of
//! ids is read from the index and only those rows fetched — and table 三's grouping (agency,
//! years received and concluded, outcome, applicant type) — the live count reads the index
//! alone.

use sea_orm_migration::prelude::*;

/// Adds the indexes above.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("applications_inbox_order")
                .table("applications")
                .col("agency_id")
                .col("open")
                .col("due_on")
                .col("received_on")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("applications_tally")
                .table("applications")
                .col("agency_id")
                .col("received_year")
                .col("concluded_year")
                .col("outcome")
                .col("applicant_type")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0005 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

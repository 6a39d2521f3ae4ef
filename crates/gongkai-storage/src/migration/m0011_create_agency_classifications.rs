//! 0011: each agency's own 主题分类 and 体裁分类 trees (the shipped national ones until it edits
//! them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates `agency_classifications`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("agency_classifications")
                .col(big_integer("agency_id"))
                .col(string_len("scheme", 8))
                .col(text("tree_json"))
                .col(integer("version"))
                .col(timestamp_with_time_zone("updated_at"))
                .primary_key(Index::create().col("agency_id").col("scheme"))
                .foreign_key(
                    ForeignKey::create()
                        .from("agency_classifications", "agency_id")
                        .to("agencies", "id"),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0011 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

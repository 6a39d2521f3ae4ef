//! 0002: what hardening the platform core needs — audit events that carry the domain's summary
//! and date (one audit record for the whole platform), accounts that must change a handed-over
//! password and whose sessions end on a password change, tokens that expire and can be
//! revoked, sign-in counters per key (replacing one row per failure), user names folded to
//! lower case, agency names unique under one parent, and a table of platform settings (the
//! audit key's fingerprint).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Applies the changes above.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn add(table: &'static str, col: &mut ColumnDef) -> TableAlterStatement {
    // One column per statement: SQLite alters one column at a time.
    Table::alter().table(table).add_column(col).to_owned()
}

fn settings() -> TableCreateStatement {
    Table::create()
        .table("settings")
        .col(string("name").primary_key())
        .col(text("value"))
        .to_owned()
}

fn login_attempts() -> TableCreateStatement {
    Table::create()
        .table("login_attempts")
        .col(string("key").primary_key())
        .col(integer("failures"))
        .col(timestamp_with_time_zone("next_allowed_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(add("users", boolean("must_change_password").default(false)))
            .await?;
        m.alter_table(add("users", integer("session_epoch").default(1)))
            .await?;
        m.alter_table(add("audit_events", text("summary").default("")))
            .await?;
        m.alter_table(add("audit_events", date("on_date").default("2000-01-01")))
            .await?;
        m.alter_table(add(
            "api_tokens",
            &mut timestamp_with_time_zone_null("expires_at"),
        ))
        .await?;
        m.alter_table(add(
            "api_tokens",
            &mut timestamp_with_time_zone_null("revoked_at"),
        ))
        .await?;
        // Raw SQL (the same on both backends): user names are case-insensitive from now on.
        m.get_connection()
            .execute_unprepared("UPDATE users SET username = LOWER(username)")
            .await?;
        m.drop_table(Table::drop().table("login_failures").to_owned())
            .await?;
        m.create_table(login_attempts()).await?;
        m.create_table(settings()).await?;
        let idle = Index::create()
            .name("login_attempts_updated")
            .table("login_attempts")
            .col("updated_at")
            .to_owned();
        m.create_index(idle).await?;
        let names = Index::create()
            .name("agencies_parent_name")
            .table("agencies")
            .col("parent_id")
            .col("name")
            .unique()
            .to_owned();
        m.create_index(names).await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0002 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

//! 0001: agencies, users, sessions, login failures, API tokens and the audit log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the platform tables.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn ts(name: &'static str) -> ColumnDef {
    timestamp_with_time_zone(name)
}

fn agencies() -> TableCreateStatement {
    Table::create()
        .table("agencies")
        .col(big_pk_auto("id"))
        .col(big_integer_null("parent_id"))
        .col(string("name"))
        .col(string_uniq("code"))
        .col(string("level"))
        .col(string("address"))
        .col(string("postcode"))
        .col(string("phone"))
        .col(string("email"))
        .col(big_integer("audit_seq"))
        .col(string("audit_head"))
        .col(integer("version"))
        .col(ts("created_at"))
        .col(ts("updated_at"))
        .foreign_key(
            ForeignKey::create()
                .from("agencies", "parent_id")
                .to("agencies", "id"),
        )
        .to_owned()
}

fn users() -> TableCreateStatement {
    Table::create()
        .table("users")
        .col(big_pk_auto("id"))
        .col(big_integer("agency_id"))
        .col(string_uniq("username"))
        .col(string("display_name"))
        .col(string("role"))
        .col(string("password_hash"))
        .col(boolean("active"))
        .col(integer("version"))
        .col(ts("created_at"))
        .col(ts("updated_at"))
        .foreign_key(
            ForeignKey::create()
                .from("users", "agency_id")
                .to("agencies", "id"),
        )
        .to_owned()
}

fn sessions() -> TableCreateStatement {
    Table::create()
        .table("sessions")
        .col(string("id").primary_key())
        .col(text("data"))
        .col(ts("expires_at"))
        .to_owned()
}

fn login_failures() -> TableCreateStatement {
    Table::create()
        .table("login_failures")
        .col(big_pk_auto("id"))
        .col(string("key"))
        .col(ts("at"))
        .to_owned()
}

fn api_tokens() -> TableCreateStatement {
    Table::create()
        .table("api_tokens")
        .col(big_pk_auto("id"))
        .col(big_integer("agency_id"))
        .col(big_integer("user_id"))
        .col(string("name"))
        .col(string_uniq("token_hash"))
        .col(ts("created_at"))
        .foreign_key(
            ForeignKey::create()
                .from("api_tokens", "agency_id")
                .to("agencies", "id"),
        )
        .foreign_key(
            ForeignKey::create()
                .from("api_tokens", "user_id")
                .to("users", "id"),
        )
        .to_owned()
}

fn audit_events() -> TableCreateStatement {
    Table::create()
        .table("audit_events")
        .col(big_pk_auto("id"))
        .col(big_integer("agency_id"))
        .col(big_integer("seq"))
        .col(string("actor"))
        .col(string("action"))
        .col(string("subject"))
        .col(string("subject_id"))
        .col(text_null("before"))
        .col(text_null("after"))
        .col(ts("at"))
        .col(string("prev_hash"))
        .col(string("hash"))
        .foreign_key(
            ForeignKey::create()
                .from("audit_events", "agency_id")
                .to("agencies", "id"),
        )
        .to_owned()
}

fn index(name: &'static str, table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            agencies(),
            users(),
            sessions(),
            login_failures(),
            api_tokens(),
            audit_events(),
        ] {
            m.create_table(t).await?;
        }
        let mut seq = index(
            "audit_events_agency_seq",
            "audit_events",
            &["agency_id", "seq"],
        );
        m.create_index(seq.unique().to_owned()).await?;
        m.create_index(index("users_agency", "users", &["agency_id"]))
            .await?;
        m.create_index(index(
            "login_failures_key",
            "login_failures",
            &["key", "at"],
        ))
        .await?;
        m.create_index(index("sessions_expires", "sessions", &["expires_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "audit_events",
            "api_tokens",
            "login_failures",
            "sessions",
            "users",
            "agencies",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

//! 0003: the 依申请公开 work — applications (the domain case kept whole as JSON, with the columns
//! that lists, deadlines and table 三 need), their attachments (content-addressed blobs in the
//! database, so every instance sees them and a submission commits with its files), letters with
//! their 文号 counters and per-agency templates, 行政复议/诉讼 proceedings, the working-day
//! calendar versions loaded at run time, sent notifications, and agency profiles.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the tables above.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn ts(name: &'static str) -> ColumnDef {
    timestamp_with_time_zone(name)
}

fn fk(
    from: (&'static str, &'static str),
    to: (&'static str, &'static str),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

fn applications() -> TableCreateStatement {
    Table::create()
        .table("applications")
        .col(big_pk_auto("id"))
        .col(big_integer("agency_id"))
        .col(string("number"))
        .col(string_uniq("query_code"))
        .col(string_null("idempotency_key"))
        .col(text("case_json"))
        .col(text("applicant_json"))
        .col(text("request_json"))
        .col(string("applicant_name"))
        .col(string("applicant_phone"))
        .col(string("applicant_key"))
        .col(string("applicant_type"))
        .col(string("channel"))
        .col(string("status"))
        .col(boolean("open"))
        .col(text("request_summary"))
        .col(date("received_on"))
        .col(integer("received_year"))
        .col(date_null("due_on"))
        .col(boolean("due_provisional"))
        .col(date_null("concluded_on"))
        .col(integer_null("concluded_year"))
        .col(string_null("outcome"))
        .col(text("routing_json"))
        .col(big_integer_null("handler_id"))
        .col(big_integer_null("assignee_id"))
        .col(big_integer_null("duplicate_of"))
        .col(integer("version"))
        .col(ts("created_at"))
        .col(ts("updated_at"))
        .foreign_key(&mut fk(("applications", "agency_id"), ("agencies", "id")))
        .to_owned()
}

fn blobs() -> TableCreateStatement {
    Table::create()
        .table("blobs")
        .col(string("sha256").primary_key())
        .col(big_integer("size"))
        .col(blob("bytes"))
        .to_owned()
}

fn attachments() -> TableCreateStatement {
    Table::create()
        .table("attachments")
        .col(big_pk_auto("id"))
        .col(big_integer("agency_id"))
        .col(big_integer_null("application_id"))
        .col(string("kind"))
        .col(string("file_name"))
        .col(string("media_type"))
        .col(big_integer("size"))
        .col(string("sha256"))
        .col(boolean("public"))
        .col(string("uploaded_by"))
        .col(ts("created_at"))
        .foreign_key(&mut fk(("attachments", "agency_id"), ("agencies", "id")))
        .foreign_key(&mut fk(("attachments", "sha256"), ("blobs", "sha256")))
        .to_owned()
}

fn letters() -> TableCreateStatement {
    Table::create()
        .table("letters")
        .col(big_pk_auto("id"))
        .col(big_integer("agency_id"))
        .col(big_integer("application_id"))
        .col(string("kind"))
        .col(string_null("doc_no"))
        .col(text("letter_json"))
        .col(boolean("public"))
        .col(date("issued_on"))
        .col(string("issued_by"))
        .col(ts("created_at"))
        .foreign_key(&mut fk(("letters", "agency_id"), ("agencies", "id")))
        .foreign_key(&mut fk(
            ("letters", "application_id"),
            ("applications", "id"),
        ))
        .to_owned()
}

fn counters() -> TableCreateStatement {
    Table::create()
        .table("counters")
        .col(big_integer("agency_id"))
        .col(string("name"))
        .col(big_integer("value"))
        .primary_key(Index::create().col("agency_id").col("name"))
        .to_owned()
}

fn letter_templates() -> TableCreateStatement {
    Table::create()
        .table("letter_templates")
        .col(big_integer("agency_id"))
        .col(string("kind"))
        .col(string("title"))
        .col(text("body"))
        .col(integer("version"))
        .col(ts("updated_at"))
        .primary_key(Index::create().col("agency_id").col("kind"))
        .to_owned()
}

fn proceedings() -> TableCreateStatement {
    Table::create()
        .table("proceedings")
        .col(big_pk_auto("id"))
        .col(big_integer("agency_id"))
        .col(string("kind"))
        .col(text("proceeding_json"))
        .col(date("filed_on"))
        .col(date_null("answer_due"))
        .col(date_null("decided_on"))
        .col(string_null("column"))
        .col(text("application_ids"))
        .col(integer("version"))
        .col(ts("created_at"))
        .col(ts("updated_at"))
        .foreign_key(&mut fk(("proceedings", "agency_id"), ("agencies", "id")))
        .to_owned()
}

fn calendars() -> TableCreateStatement {
    Table::create()
        .table("calendars")
        .col(big_pk_auto("id"))
        .col(text("toml"))
        .col(string("summary"))
        .col(string("loaded_by"))
        .col(ts("created_at"))
        .to_owned()
}

fn notifications() -> TableCreateStatement {
    Table::create()
        .table("notifications")
        .col(string("key").primary_key())
        .col(big_integer("agency_id"))
        .col(ts("created_at"))
        .col(ts_null("sent_at"))
        .to_owned()
}

fn ts_null(name: &'static str) -> ColumnDef {
    timestamp_with_time_zone_null(name)
}

fn profiles() -> TableCreateStatement {
    Table::create()
        .table("agency_profiles")
        .col(big_integer("agency_id").primary_key())
        .col(text("profile_json"))
        .col(integer("version"))
        .col(ts("updated_at"))
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
            applications(),
            blobs(),
            attachments(),
            letters(),
            counters(),
            letter_templates(),
            proceedings(),
            calendars(),
            notifications(),
            profiles(),
        ] {
            m.create_table(t).await?;
        }
        let indexes = [
            index(
                "applications_inbox",
                "applications",
                &["agency_id", "open", "due_on"],
            ),
            index(
                "applications_received",
                "applications",
                &["agency_id", "received_year"],
            ),
            index(
                "applications_concluded",
                "applications",
                &["agency_id", "concluded_year"],
            ),
            index(
                "applications_applicant",
                "applications",
                &["agency_id", "applicant_key"],
            ),
            index(
                "applications_number",
                "applications",
                &["agency_id", "number"],
            ),
            index(
                "attachments_application",
                "attachments",
                &["application_id"],
            ),
            index("letters_application", "letters", &["application_id"]),
            index(
                "proceedings_agency",
                "proceedings",
                &["agency_id", "filed_on"],
            ),
            index(
                "audit_events_subject",
                "audit_events",
                &["agency_id", "subject", "subject_id"],
            ),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        let mut key = index(
            "applications_idempotency",
            "applications",
            &["agency_id", "idempotency_key"],
        );
        m.create_index(key.unique().to_owned()).await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0003 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

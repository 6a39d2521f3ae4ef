//! 0006: the registry of 主动公开 (政府信息公开目录) — documents (the domain record kept whole as
//! JSON, with copies of what the clerk's list and the public 专栏 filter and sort on), their
//! attachment files (content in `blobs`, extracted text beside it for search) and the change
//! log each instance's search index follows.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the tables above.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn ts(name: &'static str) -> ColumnDef {
    timestamp_with_time_zone(name)
}

fn fk(
    table: &'static str,
    col: &'static str,
    to: (&'static str, &'static str),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(to.0, to.1)
        .to_owned()
}

fn documents() -> TableCreateStatement {
    Table::create()
        .table("documents")
        .col(big_pk_auto("id"))
        .col(big_integer("agency_id"))
        .col(string("index_no"))
        .col(string("status"))
        .col(text("title"))
        .col(string("doc_no"))
        .col(date("written_on"))
        .col(string_null("marker"))
        .col(text("record_json"))
        .col(boolean("public"))
        .col(text_null("pub_title"))
        .col(string_null("pub_doc_no"))
        .col(date_null("pub_written_on"))
        .col(date_null("pub_updated_on"))
        .col(string_null("pub_item"))
        .col(string_null("pub_topic"))
        .col(string_null("pub_genre"))
        .col(string_null("pub_validity"))
        .col(integer("version"))
        .col(ts("created_at"))
        .col(ts("updated_at"))
        .foreign_key(&mut fk("documents", "agency_id", ("agencies", "id")))
        .to_owned()
}

fn files() -> TableCreateStatement {
    Table::create()
        .table("document_files")
        .col(big_pk_auto("id"))
        .col(big_integer("agency_id"))
        .col(string("file_name"))
        .col(string("media_type"))
        .col(big_integer("size"))
        .col(string("sha256"))
        .col(text_null("text"))
        .col(string("uploaded_by"))
        .col(ts("created_at"))
        .foreign_key(&mut fk("document_files", "agency_id", ("agencies", "id")))
        .foreign_key(&mut fk("document_files", "sha256", ("blobs", "sha256")))
        .to_owned()
}

fn changes() -> TableCreateStatement {
    Table::create()
        .table("document_changes")
        .col(big_pk_auto("id"))
        .col(big_integer("document_id"))
        .col(big_integer("agency_id"))
        .col(ts("changed_at"))
        .foreign_key(&mut fk(
            "document_changes",
            "document_id",
            ("documents", "id"),
        ))
        .to_owned()
}

fn index(name: &str, table: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(Alias::new(table));
    for c in cols {
        i.col(Alias::new(*c));
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(documents()).await?;
        m.create_table(files()).await?;
        m.create_table(changes()).await?;
        m.create_index(
            index(
                "documents_index_no",
                "documents",
                &["agency_id", "index_no"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        // The clerk's list: newest change first within the agency.
        m.create_index(index(
            "documents_staff_order",
            "documents",
            &["agency_id", "updated_at"],
        ))
        .await?;
        // The 专栏 lists: public documents of an agency by 发布日期, and by item.
        m.create_index(index(
            "documents_public_order",
            "documents",
            &["public", "agency_id", "pub_updated_on", "id"],
        ))
        .await?;
        m.create_index(index(
            "documents_public_item",
            "documents",
            &["public", "agency_id", "pub_item", "pub_updated_on"],
        ))
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0006 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

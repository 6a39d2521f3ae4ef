//! 0007: the inbox read in index order. The inbox sorts open cases first, then by deadline
//! with "no deadline" last, newest receipt, newest id; with `due_on` nullable that needed a
//! `due_on IS NULL` term no index can serve, so every page sorted all of an agency's cases.
//! `due_order` is the deadline or [`NO_DUE`], never null, and one index holds the whole order
//! (directions included), so a page is the first rows of an index range on both backends. It
//! replaces the two older inbox indexes (one index less to write per case).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// `due_order` of a case without a deadline: after every real date.
pub const NO_DUE: &str = "9999-12-31";

/// Adds `due_order`, fills it, and indexes the inbox order.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn inbox_index() -> IndexCreateStatement {
    Index::create()
        .name("applications_inbox_sorted")
        .table("applications")
        .col("agency_id")
        .col(("open", IndexOrder::Desc))
        .col("due_order")
        .col(("received_on", IndexOrder::Desc))
        .col(("id", IndexOrder::Desc))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let column = date("due_order").default(NO_DUE).to_owned();
        m.alter_table(
            Table::alter()
                .table("applications")
                .add_column(column)
                .to_owned(),
        )
        .await?;
        let fill = Query::update()
            .table("applications")
            .value("due_order", Expr::col("due_on"))
            .and_where(Expr::col("due_on").is_not_null())
            .to_owned();
        m.exec_stmt(fill).await?;
        m.create_index(inbox_index()).await?;
        for old in ["applications_inbox", "applications_inbox_order"] {
            let drop = Index::drop().name(old).table("applications").to_owned();
            m.drop_index(drop).await?;
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0007 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

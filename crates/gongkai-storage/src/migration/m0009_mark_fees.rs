//! 0009: the 收费通知 of an application in columns of its own — day of issue, amount (分), day
//! paid — so that the annual report's fee statement (section 六) is two sums over an index instead
//! of reading the JSON of every case of the agency. Filled once from the stored cases, then kept
//! by every write.

use sea_orm::ConnectionTrait;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Adds, fills and indexes the fee columns.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            date_null("fee_issued_on"),
            big_integer_null("fee_amount_fen"),
            date_null("fee_paid_on"),
        ] {
            m.alter_table(
                Table::alter()
                    .table("applications")
                    .add_column(col.to_owned())
                    .to_owned(),
            )
            .await?;
        }
        fill(m).await?;
        for (name, col) in [
            ("applications_fee_issued", "fee_issued_on"),
            ("applications_fee_paid", "fee_paid_on"),
        ] {
            // The amount in the index too: the sums read the index alone.
            m.create_index(
                Index::create()
                    .name(name)
                    .table("applications")
                    .col("agency_id")
                    .col(col)
                    .col("fee_amount_fen")
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "0009 cannot be undone: restore a backup instead".to_owned(),
        ))
    }
}

/// Copies every stored fee notice into the columns (few rows: only cases with a notice).
async fn fill(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let select = Query::select()
        .columns(["id", "case_json"])
        .from("applications")
        .and_where(Expr::col("case_json").like("%\"fee\":{%"))
        .to_owned();
    let rows = db.query_all_raw(backend.build(&select)).await?;
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let json: String = row.try_get("", "case_json")?;
        let Ok(case) = serde_json::from_str::<serde_json::Value>(&json) else {
            continue;
        };
        let fee = &case["fee"];
        let day = |k: &str| {
            fee[k]
                .as_str()
                .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
        };
        let Some(issued) = day("issued_on") else {
            continue;
        };
        let update = Query::update()
            .table("applications")
            .value("fee_issued_on", issued)
            .value("fee_amount_fen", fee["amount_fen"].as_i64())
            .value("fee_paid_on", day("paid_on"))
            .and_where(Expr::col("id").eq(id))
            .to_owned();
        db.execute_raw(backend.build(&update)).await?;
    }
    Ok(())
}

//! The report period lock: once an agency's annual report for a year is published, a change to
//! a case, a 复议/诉讼 or a document that would change how that year's report counts it is
//! refused — unless a correction of that year's report is under way, which the change then goes
//! into (the published figures stay true to the records, and every later change of them is on
//! the record as a correction). Checked inside the writing transaction, against the domain's own
//! tallies: the record before and after must count the same in every locked year. The caller
//! reads [`locked_years`] once per write and skips the rest when it is empty (almost always).

use crate::entity::annual_reports as reports;
use crate::{StoreError, StoreResult};
use gongkai_domain::annual::Status;
use gongkai_domain::appeal::{self, Proceeding};
use gongkai_domain::application::Case;
use gongkai_domain::application::tally::case_tally;
use gongkai_domain::disclosure::{Document, Marker, count_marker};
use gongkai_domain::report::Format;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeMap;

/// The years of `agency` whose report is published with no correction under way.
pub(crate) async fn locked_years<C: ConnectionTrait>(db: &C, agency: i64) -> StoreResult<Vec<i32>> {
    let rows: Vec<(i32, String)> = reports::Entity::find()
        .select_only()
        .column(reports::Column::Year)
        .column(reports::Column::Status)
        .filter(reports::Column::AgencyId.eq(agency))
        .into_tuple()
        .all(db)
        .await?;
    let mut years: BTreeMap<i32, (bool, bool)> = BTreeMap::new();
    for (year, status) in rows {
        let (published, open) = years.entry(year).or_default();
        match Status::parse(&status) {
            Some(Status::Published | Status::Superseded) => *published = true,
            _ => *open = true,
        }
    }
    Ok(years
        .into_iter()
        .filter(|(_, (published, open))| *published && !*open)
        .map(|(y, _)| y)
        .collect())
}

fn refused(year: i32) -> StoreError {
    StoreError::Invalid(format!(
        "{year}年度政府信息公开工作年度报告已发布，该年度的统计数据已锁定，此项更改会改变已公布的数字。\
如确需更改，请先在“年度报告”中为{year}年度新建更正版本，再办理此项更改。"
    ))
}

/// Refuses a case change that moves it in a locked year's table 三.
pub(crate) fn check_case(years: &[i32], before: Option<&Case>, after: &Case) -> StoreResult<()> {
    for &year in years {
        let f = Format::for_year(year);
        if before.and_then(|b| case_tally(b, year, f)) != case_tally(after, year, f) {
            return Err(refused(year));
        }
    }
    Ok(())
}

/// Refuses a 复议/诉讼 change that moves it in a locked year's table 四.
pub(crate) fn check_proceeding(
    years: &[i32],
    before: Option<&Proceeding>,
    after: &Proceeding,
) -> StoreResult<()> {
    for &year in years {
        let was = before.map(|b| appeal::tally(std::slice::from_ref(b), year));
        let now = appeal::tally(std::slice::from_ref(after), year);
        if was.unwrap_or_default() != now {
            return Err(refused(year));
        }
    }
    Ok(())
}

/// Refuses a document change that moves it in a locked year's table 二 (规章 / 行政规范性文件).
pub(crate) fn check_document(
    years: &[i32],
    before: Option<&Document>,
    after: &Document,
) -> StoreResult<()> {
    for &year in years {
        for m in Marker::ALL {
            let was = before.map(|b| count_marker(std::slice::from_ref(b), year, m));
            let now = count_marker(std::slice::from_ref(after), year, m);
            if was.unwrap_or_default() != now {
                return Err(refused(year));
            }
        }
    }
    Ok(())
}

//! The dashboard's 主动公开 block: documents late or nearly late under 《条例》第二十六条 (20
//! working days from 形成或者变更, on the platform's calendar) and documents filed as 不予公开
//! that are due for their 第十八条 re-assessment.

use crate::{AppState, WebError};
use chrono::NaiveDate;
use gongkai_domain::deadline::Mode;
use gongkai_domain::disclosure::{Lateness, ReassessInterval, lateness, reassessment_due};
use gongkai_storage::AgencyId;

/// One document the block lists.
pub struct DueDoc {
    /// Its id.
    pub id: i64,
    /// 索引号.
    pub index_no: String,
    /// 标题.
    pub title: String,
    /// The day it is due.
    pub due: NaiveDate,
    /// “已逾期3个工作日”, “还剩2个工作日”, “应于…前评估”.
    pub what: String,
    /// Whether it is past its day.
    pub overdue: bool,
}

/// The late and nearly-late publications, and the re-assessments due, of `agency`.
pub async fn of(
    state: &AppState,
    agency: AgencyId,
) -> Result<(Vec<DueDoc>, Vec<DueDoc>), WebError> {
    let cal = state.calendar();
    let today = state.today();
    let mut late = Vec::new();
    let mut reassess = Vec::new();
    for d in state.store.registry(agency).await? {
        let doc = &d.document;
        let line = |due: NaiveDate, what: String, overdue: bool| DueDoc {
            id: d.id,
            index_no: doc.index_no.as_str().to_owned(),
            title: doc.content.title.clone(),
            due,
            what,
            overdue,
        };
        // Only what is still unpublished can be helped; published-late ones are in the count.
        if !doc.is_public() || doc.is_correcting() {
            match lateness(doc, &cal, today, Mode::Provisional) {
                Ok(Some(t)) if t.published_on.is_none() => match t.lateness {
                    Lateness::Late { days } => {
                        late.push(line(t.due, format!("已逾期{days}个工作日"), true));
                    }
                    Lateness::DueSoon { days_left } => {
                        late.push(line(t.due, format!("还剩{days_left}个工作日"), false));
                    }
                    Lateness::OnTime => {}
                },
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, id = d.id, "publication deadline not computable")
                }
            }
        }
        if let Some(due) =
            reassessment_due(doc, ReassessInterval::default()).filter(|on| *on <= today)
        {
            reassess.push(line(due, format!("应于{due}前评估"), true));
        }
    }
    late.sort_by_key(|l| l.due);
    reassess.sort_by_key(|l| l.due);
    Ok((late, reassess))
}

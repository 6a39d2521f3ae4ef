//! The working-day calendar inside the platform: the shipped calendar plus the arrangements an
//! administrator loads at run time (a page, or `gongkai calendar import FILE`), stored in the
//! database so every instance rebuilds the same calendar. Loading one recomputes the deadline
//! of every open application and of every 复议 / 诉讼 awaiting the agency's answer, and logs
//! each one that moves — a case received in December with a
//! 暂定 deadline gets its exact one once the State Council's circular is in.

use crate::cases::due_of;
use crate::{AppState, WebError};
use gongkai_domain::audit::AuditEvent;
use gongkai_domain::calendar::{Preview, WorkCalendar};
use gongkai_storage::cases::{CaseStep, Due};
use gongkai_storage::proceedings::{ProceedingFilter, ProceedingStep};
use gongkai_storage::{Actor, AgencyId, Scope, Store, StoreError};

/// The shipped calendar plus every stored arrangement, in load order.
///
/// # Errors
/// A stored arrangement that no longer loads (edited in the database) — named in the message.
pub async fn load(store: &dyn Store) -> Result<(WorkCalendar, u64), WebError> {
    let mut cal = WorkCalendar::shipped();
    let files = store.calendar_files().await?;
    for f in &files {
        cal.load_toml(&f.toml).map_err(|e| {
            tracing::error!(id = f.id, error = %e, "stored calendar does not load");
            WebError::Internal("a stored holiday arrangement does not load")
        })?;
    }
    Ok((cal, files.len() as u64))
}

/// What loading `text` would change in the calendar in force.
///
/// # Errors
/// [`WebError::BadInput`] with the calendar's own Chinese message.
pub fn preview(state: &AppState, text: &str) -> Result<Preview, WebError> {
    state
        .calendar()
        .preview_import(text)
        .map_err(|e| WebError::BadInput(e.to_string()))
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// What changed, one sentence a line.
    pub lines: Vec<String>,
    /// Open applications and proceedings awaiting an answer whose deadline moved.
    pub moved: usize,
}

/// Loads `text`: stores it (logged in `agency`'s chain), puts the new calendar in force, and
/// recomputes every open deadline.
///
/// # Errors
/// [`WebError::BadInput`] for a file that does not load or changes nothing.
pub async fn import(
    state: &AppState,
    actor: &Actor,
    agency: AgencyId,
    text: &str,
) -> Result<Imported, WebError> {
    let p = preview(state, text)?;
    if p.is_noop() {
        return Err(WebError::BadInput(
            "这份节假日安排已经载入过，日历没有变化".into(),
        ));
    }
    let lines = p.lines();
    let summary = lines.first().cloned().unwrap_or_default();
    state
        .store
        .add_calendar(actor, agency, text, &summary, &lines)
        .await?;
    state.set_calendar(p.calendar.clone());
    let moved = recompute(
        state.store.as_ref(),
        &p.calendar,
        state.today(),
        &actor.name,
        &summary,
    )
    .await?;
    Ok(Imported { lines, moved })
}

/// Recomputes the deadline of every open application, and the answer deadline of every
/// 复议 / 诉讼 still awaiting the agency's answer, on `cal`; each one that moves is saved with
/// an event saying why. Returns how many moved.
///
/// # Errors
/// Storage failures (a record changed meanwhile is skipped and logged, not failed).
pub async fn recompute(
    store: &dyn Store,
    cal: &WorkCalendar,
    today: chrono::NaiveDate,
    actor: &str,
    why: &str,
) -> Result<usize, WebError> {
    let moved_event = |subject: &str, before: &Due, after: &Due| AuditEvent {
        actor: actor.to_owned(),
        action: "deadline_recomputed".to_owned(),
        subject: subject.to_owned(),
        subject_id: String::new(),
        before: Some(show(before)),
        after: Some(show(after)),
        summary: format!(
            "工作日日历更新，答复期限由{}改为{}（{why}）",
            show(before),
            show(after)
        ),
        on: today,
    };
    let mut moved = 0;
    for app in store.open_applications().await? {
        let due = due_of(&app.case, cal);
        if due == app.due {
            continue;
        }
        let step = CaseStep {
            case: app.case.clone(),
            routing: app.routing.clone(),
            due,
            events: vec![moved_event("application", &app.due, &due)],
            attachments: vec![],
            letters: vec![],
        };
        let saved = store
            .commit_step(app.agency_id, app.id, app.version, &step)
            .await;
        moved += counted(saved.map(|_| ()), "application", app.id)?;
    }
    let outstanding = ProceedingFilter {
        open: Some(true),
        ..ProceedingFilter::default()
    };
    for agency in store.all_agencies().await? {
        let (list, _) = store
            .proceedings(Scope::agency(agency.id), &outstanding, 0, u64::MAX >> 1)
            .await?;
        for p in list {
            let due = crate::proceedings::due_of(&p.proceeding, cal);
            if due == p.due {
                continue;
            }
            let step = ProceedingStep {
                proceeding: p.proceeding.clone(),
                due,
                events: vec![moved_event("appeal", &p.due, &due)],
            };
            let saved = store
                .commit_proceeding(p.agency_id, p.id, p.version, &step)
                .await;
            moved += counted(saved.map(|_| ()), "appeal", p.id)?;
        }
    }
    Ok(moved)
}

fn show(d: &Due) -> String {
    match d.on {
        Some(on) if d.provisional => format!("{on}（暂定）"),
        Some(on) => on.to_string(),
        None => "暂停计算".to_owned(),
    }
}

/// 1 for a saved change, 0 for a record changed meanwhile (its next step recomputes it).
fn counted(saved: Result<(), StoreError>, what: &str, id: i64) -> Result<usize, WebError> {
    match saved {
        Ok(()) => Ok(1),
        Err(StoreError::Stale) => {
            tracing::warn!(
                what,
                id,
                "record changed while its deadline was recomputed; it is recomputed at its next step"
            );
            Ok(0)
        }
        Err(e) => Err(e.into()),
    }
}

/// Reloads the calendar if another instance stored an arrangement since `known` (returns the
/// new count).
///
/// # Errors
/// Storage failures.
pub async fn refresh(state: &AppState, known: u64) -> Result<u64, WebError> {
    let n = state.store.calendar_count().await?;
    if n != known {
        let (cal, n) = load(state.store.as_ref()).await?;
        state.set_calendar(cal);
        return Ok(n);
    }
    Ok(known)
}

//! The working-day calendar inside the platform: the shipped calendar plus the arrangements an
//! administrator loads at run time (a page, or `gongkai calendar import FILE`), stored in the
//! database so every instance rebuilds the same calendar. Loading one recomputes the deadline
//! of every open application and logs each one that moves — a case received in December with a
//! 暂定 deadline gets its exact one once the State Council's circular is in.

use crate::cases::due_of;
use crate::{AppState, WebError};
use gongkai_domain::audit::AuditEvent;
use gongkai_domain::calendar::{Preview, WorkCalendar};
use gongkai_storage::cases::CaseStep;
use gongkai_storage::{Actor, AgencyId, Store, StoreError};

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
    /// Open applications whose deadline moved.
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

/// Recomputes the deadline of every open application on `cal`; each one that moves is saved
/// with an event saying why. Returns how many moved.
///
/// # Errors
/// Storage failures (a case changed meanwhile is skipped and logged, not failed).
pub async fn recompute(
    store: &dyn Store,
    cal: &WorkCalendar,
    today: chrono::NaiveDate,
    actor: &str,
    why: &str,
) -> Result<usize, WebError> {
    let mut moved = 0;
    for app in store.open_applications().await? {
        let due = due_of(&app.case, cal);
        if due == app.due {
            continue;
        }
        let show = |d: &gongkai_storage::cases::Due| match d.on {
            Some(on) if d.provisional => format!("{on}（暂定）"),
            Some(on) => on.to_string(),
            None => "暂停计算".to_owned(),
        };
        let event = AuditEvent {
            actor: actor.to_owned(),
            action: "deadline_recomputed".to_owned(),
            subject: "application".to_owned(),
            subject_id: String::new(),
            before: Some(show(&app.due)),
            after: Some(show(&due)),
            summary: format!(
                "工作日日历更新，答复期限由{}改为{}（{why}）",
                show(&app.due),
                show(&due)
            ),
            on: today,
        };
        let step = CaseStep {
            case: app.case.clone(),
            routing: app.routing.clone(),
            due,
            events: vec![event],
            attachments: vec![],
            letters: vec![],
        };
        match store
            .commit_step(app.agency_id, app.id, app.version, &step)
            .await
        {
            Ok(_) => moved += 1,
            Err(StoreError::Stale) => tracing::warn!(
                id = app.id,
                "case changed while its deadline was recomputed; it is recomputed at its next step"
            ),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(moved)
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

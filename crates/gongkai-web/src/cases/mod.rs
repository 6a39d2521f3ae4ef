//! The 依申请公开 work between the pages and the store: filing an application, running a step
//! of the statutory clock with the letters it produces, and what the pages show. Handlers stay
//! thin; the rules are the domain's (`application`, `letter`), the saving is the store's.

pub mod code;
pub mod file;
pub mod letters;
pub mod steps;
pub mod view;

use crate::AppState;
use gongkai_domain::application::{Case, Ctx};
use gongkai_domain::calendar::WorkCalendar;
use gongkai_domain::deadline::Mode;
use gongkai_domain::reminder::DueWindow;
use gongkai_storage::cases::Due;

/// The answer deadline in force, as the list stores it (暂定 where the calendar is silent).
pub fn due_of(case: &Case, cal: &WorkCalendar) -> Due {
    if !case.is_open() {
        return Due::default();
    }
    match case.answer_deadline(cal, Mode::Provisional) {
        Ok(d) => Due {
            on: d.due(),
            provisional: d.statutory.provisional.is_some(),
        },
        Err(e) => {
            tracing::warn!(error = %e, "deadline not computable");
            Due::default()
        }
    }
}

/// Today's 即将到期 / 已逾期 window under the calendar in force (inbox, dashboard, e-mails).
pub fn due_window(state: &AppState) -> DueWindow {
    DueWindow::new(&state.calendar(), state.today())
}

/// The context of a step by `actor` today, counting 暂定 where the calendar is silent.
pub fn ctx<'a>(state: &AppState, actor: &'a str, cal: &'a WorkCalendar) -> Ctx<'a> {
    Ctx {
        today: state.today(),
        actor,
        calendar: cal,
        mode: Mode::Provisional,
    }
}

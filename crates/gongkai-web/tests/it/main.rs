//! Web tests: everything through the real router (`router(state).oneshot(…)`) on a real SQLite
//! store (and, with feature `postgres-tests`, two routers on one PostgreSQL database).

#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions panic on purpose"
)]

mod api_cases;
mod api_ops;
mod auth;
mod cases;
mod deadlines;
mod documents;
mod hardening;
mod helpers;
mod lifecycle;
#[cfg(feature = "postgres-tests")]
mod multi_instance;
mod portal;
mod proceedings;
mod reminders;
mod reports;
mod roles;
mod seeds;
mod table2;
mod throttle;

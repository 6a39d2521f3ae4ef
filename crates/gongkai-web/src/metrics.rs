//! Prometheus counters kept in process (each instance reports its own; Prometheus sums them).

use crate::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// Counters exposed at `/metrics`.
#[derive(Debug, Default)]
pub struct Metrics {
    by_class: [AtomicU64; 5],
    /// Successful logins.
    pub logins_ok: AtomicU64,
    /// Failed logins (wrong password, unknown account, throttled).
    pub logins_failed: AtomicU64,
    /// Password hashes checked (sign-in and the current-password check).
    pub password_checks: AtomicU64,
}

impl Metrics {
    /// The text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# HELP gongkai_http_responses_total HTTP responses by status class.\n\
             # TYPE gongkai_http_responses_total counter\n",
        );
        for (i, c) in self.by_class.iter().enumerate() {
            let n = c.load(Relaxed);
            let _ = writeln!(
                out,
                "gongkai_http_responses_total{{class=\"{}xx\"}} {n}",
                i + 1
            );
        }
        out.push_str("# HELP gongkai_logins_total Login attempts by result.\n");
        out.push_str("# TYPE gongkai_logins_total counter\n");
        let (ok, failed) = (
            self.logins_ok.load(Relaxed),
            self.logins_failed.load(Relaxed),
        );
        let _ = writeln!(out, "gongkai_logins_total{{result=\"ok\"}} {ok}");
        let _ = writeln!(out, "gongkai_logins_total{{result=\"failed\"}} {failed}");
        out.push_str("# HELP gongkai_password_checks_total Password hashes checked.\n");
        out.push_str("# TYPE gongkai_password_checks_total counter\n");
        let checks = self.password_checks.load(Relaxed);
        let _ = writeln!(out, "gongkai_password_checks_total {checks}");
        out
    }
}

/// Middleware counting every response by status class.
pub async fn count(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let class = (res.status().as_u16() / 100).clamp(1, 5) as usize - 1;
    state.metrics.by_class[class].fetch_add(1, Relaxed);
    res
}

//! The one error type of the web layer and its one mapping to responses (`HOUSE_STYLE` §C).
//!
//! A handler returns [`WebError`]; its `IntoResponse` decides the status and the Chinese message
//! and attaches an [`ErrorReport`] to the response. The [`finish`] middleware, which sees the
//! request id, then logs infrastructure failures once (in English, with the whole source
//! chain) and renders the error page or the API envelope with that request id, so the number a
//! clerk reads out on the phone is the one in the log.

use crate::page::ErrorPage;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_storage::StoreError;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Not logged in: pages redirect to the login form.
    #[error("请先登录")]
    LoginRequired,
    /// The password was handed over and must be changed before anything else.
    #[error("请先修改初始密码")]
    PasswordChangeRequired,
    /// API call without a valid token.
    #[error("缺少或无效的访问令牌")]
    TokenRequired,
    /// Logged in, but the role may not do this.
    #[error("您的角色无权进行此操作")]
    Forbidden,
    /// The form's CSRF token is missing or wrong.
    #[error("表单已过期或来源无效，请刷新页面后重试")]
    Csrf,
    /// Too many failed attempts: try again later.
    #[error("尝试次数过多，请{}后再试", wait_text(*retry_secs))]
    Throttled {
        /// Seconds until the next attempt is checked.
        retry_secs: i64,
    },
    /// The user's input is wrong; the message says how.
    #[error("{0}")]
    BadInput(String),
    /// Nothing at this address (or nothing this account may see there).
    #[error("未找到{0}")]
    NotFound(&'static str),
    /// The request body is larger than the platform accepts.
    #[error("提交的内容过大")]
    TooLarge,
    /// A storage error.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Rendering a template failed.
    #[error("template rendering failed")]
    Template(#[from] askama::Error),
    /// The session layer failed.
    #[error("session store failed")]
    Session(#[from] tower_sessions::session::Error),
    /// A blocking task (password hashing) failed.
    #[error("blocking task failed")]
    Task(#[from] tokio::task::JoinError),
    /// An invariant of the platform failed; the text says which (English, for the log).
    #[error("internal: {0}")]
    Internal(&'static str),
}

fn wait_text(secs: i64) -> String {
    if secs < 60 {
        format!(" {} 秒", secs.max(1))
    } else {
        format!(" {} 分钟", (secs + 59) / 60)
    }
}

/// What an error response says, attached to the response for [`finish`].
#[derive(Debug, Clone)]
pub struct ErrorReport {
    /// The status.
    pub status: StatusCode,
    /// The Chinese message for the user.
    pub message: String,
    /// For infrastructure failures: the whole source chain, to log once.
    pub detail: Option<String>,
    /// Whether the answer is the JSON envelope of `/api`.
    pub api: bool,
}

impl WebError {
    /// The HTTP status of the error.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::LoginRequired | Self::TokenRequired => StatusCode::UNAUTHORIZED,
            Self::PasswordChangeRequired => StatusCode::SEE_OTHER,
            Self::Forbidden | Self::Csrf => StatusCode::FORBIDDEN,
            Self::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::BadInput(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::NotFound(_) | Self::Store(StoreError::NotFound { .. }) => StatusCode::NOT_FOUND,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Store(StoreError::Conflict { .. } | StoreError::Stale) => StatusCode::CONFLICT,
            Self::Store(StoreError::Invalid(_)) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Store(StoreError::Backend(_))
            | Self::Template(_)
            | Self::Session(_)
            | Self::Task(_)
            | Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The report: a Chinese message, and for infrastructure failures the chain to log.
    fn report(&self, api: bool) -> ErrorReport {
        let status = self.status();
        let internal = status == StatusCode::INTERNAL_SERVER_ERROR;
        ErrorReport {
            status,
            message: if internal {
                "系统内部错误".to_owned()
            } else {
                self.to_string()
            },
            detail: internal.then(|| chain(self)),
            api,
        }
    }

    /// The API form: `{"errors":[{"detail": …}]}` (the request id is added by [`finish`]).
    pub fn into_api_response(self) -> Response {
        let report = self.report(true);
        let mut res = report.status.into_response();
        if matches!(self, Self::TokenRequired) {
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res.extensions_mut().insert(report);
        res
    }
}

/// `error: cause: cause …`
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        next = cause.source();
    }
    out
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            Self::LoginRequired => return Redirect::to("/login").into_response(),
            Self::PasswordChangeRequired => {
                return Redirect::to("/admin/password").into_response();
            }
            Self::TokenRequired => return self.into_api_response(),
            _ => {}
        }
        let report = self.report(false);
        let mut res = report.status.into_response();
        if let Self::Throttled { retry_secs } = self
            && let Ok(v) = HeaderValue::from_str(&retry_secs.max(1).to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res.extensions_mut().insert(report);
        res
    }
}

/// Middleware (inside the request-id layer): logs and renders every [`ErrorReport`].
pub async fn finish(req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let path = req.uri().path().to_owned();
    let res = next.run(req).await;
    let Some(report) = res.extensions().get::<ErrorReport>().cloned() else {
        return res;
    };
    if let Some(detail) = &report.detail {
        tracing::error!(request_id = %id, path = %path, error = %detail, "request failed");
    }
    let (mut parts, _) = res.into_parts();
    let body = if report.api || path.starts_with("/api/") {
        let json =
            serde_json::json!({ "errors": [{ "detail": report.message, "request_id": id }] });
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        json.to_string()
    } else {
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        ErrorPage::new(&path, report.status, &report.message, &id).html()
    };
    Response::from_parts(parts, body.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_maps_to_its_status() {
        let io = std::io::Error::other("disk");
        let cases: Vec<(WebError, u16)> = vec![
            (WebError::LoginRequired, 401),
            (WebError::PasswordChangeRequired, 303),
            (WebError::TokenRequired, 401),
            (WebError::Forbidden, 403),
            (WebError::Csrf, 403),
            (WebError::Throttled { retry_secs: 3 }, 429),
            (WebError::BadInput("x".into()), 422),
            (WebError::NotFound("页面"), 404),
            (WebError::TooLarge, 413),
            (StoreError::NotFound { what: "机关" }.into(), 404),
            (StoreError::Conflict { what: "用户名" }.into(), 409),
            (StoreError::Stale.into(), 409),
            (StoreError::Invalid("x".into()).into(), 422),
            (
                StoreError::Backend(sea_orm::DbErr::Custom("db".into())).into(),
                500,
            ),
            (WebError::Internal("x"), 500),
            (WebError::Template(askama::Error::Custom(Box::new(io))), 500),
        ];
        for (e, status) in cases {
            assert_eq!(e.status().as_u16(), status, "{e:?}");
        }
    }

    #[test]
    fn infrastructure_errors_keep_their_cause_for_the_log_but_not_for_the_user() {
        let e = WebError::Store(StoreError::Backend(sea_orm::DbErr::Custom(
            "connection refused".into(),
        )));
        let r = e.report(false);
        assert_eq!(r.message, "系统内部错误");
        assert!(r.detail.is_some_and(|d| d.contains("connection refused")));
        let user = WebError::Throttled { retry_secs: 125 }.report(false);
        assert_eq!(user.message, "尝试次数过多，请 3 分钟后再试");
        assert!(user.detail.is_none());
    }
}

//! The one error type of the web layer and its one mapping to responses (`HOUSE_STYLE` §C).

use crate::page::ErrorPage;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_storage::StoreError;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Not logged in: pages redirect to the login form.
    #[error("请先登录")]
    LoginRequired,
    /// API call without a valid token.
    #[error("缺少或无效的访问令牌")]
    TokenRequired,
    /// Logged in, but the role may not do this.
    #[error("您的角色无权进行此操作")]
    Forbidden,
    /// The form's CSRF token is missing or wrong.
    #[error("表单已过期或来源无效，请刷新页面后重试")]
    Csrf,
    /// Too many failed logins.
    #[error("登录失败次数过多，请 {minutes} 分钟后再试")]
    Throttled {
        /// The window to wait out.
        minutes: i64,
    },
    /// The user's input is wrong; the message says how.
    #[error("{0}")]
    BadInput(String),
    /// A storage error.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Anything else (template rendering, hashing).
    #[error("internal: {0}")]
    Internal(String),
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            Self::LoginRequired | Self::TokenRequired => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::Csrf => StatusCode::FORBIDDEN,
            Self::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::BadInput(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Store(StoreError::NotFound { .. }) => StatusCode::NOT_FOUND,
            Self::Store(StoreError::Conflict { .. } | StoreError::Stale) => StatusCode::CONFLICT,
            Self::Store(StoreError::Invalid(_)) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Store(StoreError::Backend(_)) | Self::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    /// The message shown to the user; infrastructure failures get a reference number instead.
    fn message(&self) -> String {
        if self.status() == StatusCode::INTERNAL_SERVER_ERROR {
            let reference = uuid::Uuid::new_v4().simple().to_string();
            tracing::error!(error = ?self, reference = %reference, "request failed");
            return format!("系统内部错误（错误编号 {}）", &reference[..12]);
        }
        self.to_string()
    }

    /// The API form: `{"errors":[{"detail": …}]}`.
    pub fn into_api_response(self) -> Response {
        let status = self.status();
        let body = serde_json::json!({ "errors": [{ "detail": self.message() }] });
        (status, axum::Json(body)).into_response()
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if matches!(self, Self::LoginRequired) {
            return Redirect::to("/login").into_response();
        }
        if matches!(self, Self::TokenRequired) {
            let mut res = self.into_api_response();
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
            return res;
        }
        let status = self.status();
        let page = ErrorPage::new(status, self.message());
        (status, page.into_response()).into_response()
    }
}

/// Rendering a template failed.
impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        Self::Internal(format!("template: {e}"))
    }
}

/// The session layer failed.
impl From<tower_sessions::session::Error> for WebError {
    fn from(e: tower_sessions::session::Error) -> Self {
        Self::Internal(format!("session: {e}"))
    }
}

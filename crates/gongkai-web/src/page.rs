//! What every page shares: the chrome (title, signed-in account, CSRF token, asset URLs) and the
//! render helper.

use crate::assets;
use crate::auth::CurrentUser;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// The frame around every page.
pub struct Chrome {
    /// The page title.
    pub title: String,
    /// `张三（经办人）` when signed in, empty otherwise.
    pub who: String,
    /// Whether the back-office navigation is shown.
    pub admin_nav: bool,
    /// Whether the 账号 / 审计日志 links are shown.
    pub oversee: bool,
    /// The CSRF token for forms (logout included).
    pub csrf: String,
    /// The stylesheet URL (content-hashed).
    pub css: &'static str,
}

impl Chrome {
    /// The chrome of a public page.
    pub fn public(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            who: String::new(),
            admin_nav: false,
            oversee: false,
            csrf: String::new(),
            css: assets::css_url(),
        }
    }

    /// The chrome of a back-office page.
    pub fn admin(title: &str, user: &CurrentUser) -> Self {
        Self {
            title: title.to_owned(),
            who: format!("{}（{}）", user.user.display_name, user.user.role.label()),
            admin_nav: true,
            oversee: user.user.role.can_oversee(),
            csrf: user.csrf.clone(),
            css: assets::css_url(),
        }
    }
}

/// Renders a template into an HTML response.
pub fn render<T: Template>(t: &T) -> Result<Response, crate::WebError> {
    Ok(Html(t.render()?).into_response())
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    c: Chrome,
    status: u16,
    message: String,
}

impl ErrorPage {
    /// An error page for a status and a Chinese message.
    pub fn new(status: StatusCode, message: String) -> Self {
        Self {
            c: Chrome::public("出错了"),
            status: status.as_u16(),
            message,
        }
    }
}

impl IntoResponse for ErrorPage {
    fn into_response(self) -> Response {
        match self.render() {
            Ok(html) => Html(html).into_response(),
            Err(_) => self.message.into_response(),
        }
    }
}

/// The Chinese label of an audit action (the identifier itself if unknown).
pub fn action_label(action: &str) -> &str {
    match action {
        "agency_created" => "新建机关",
        "agency_updated" => "修改机关",
        "user_created" => "新建账号",
        "user_updated" => "修改账号",
        "password_changed" => "修改密码",
        "api_token_created" => "签发访问令牌",
        other => other,
    }
}

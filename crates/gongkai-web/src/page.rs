//! What every page shares: the chrome (title, signed-in account, CSRF token, asset URLs), the
//! render helpers, field errors for forms shown again, and the error page.

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
    /// No navigation at all (an error page of the back office, where the visitor may or may
    /// not be signed in).
    pub minimal: bool,
    /// The CSRF token for forms (logout included).
    pub csrf: String,
    /// The stylesheet URL (content-hashed).
    pub css: &'static str,
    /// A second stylesheet of the page (the annual report's official layout), if any.
    pub extra_css: Option<&'static str>,
}

impl Chrome {
    /// The chrome of a public page; `csrf` is the request's token (for its forms).
    pub fn public(title: &str, csrf: &str) -> Self {
        Self {
            title: title.to_owned(),
            who: String::new(),
            admin_nav: false,
            oversee: false,
            minimal: false,
            csrf: csrf.to_owned(),
            css: assets::css_url(),
            extra_css: None,
        }
    }

    /// The chrome of a back-office page.
    pub fn admin(title: &str, user: &CurrentUser) -> Self {
        Self {
            title: title.to_owned(),
            who: format!("{}（{}）", user.user.display_name, user.user.role.label()),
            admin_nav: true,
            oversee: user.user.role.can_oversee(),
            minimal: false,
            csrf: user.csrf.token.clone(),
            css: assets::css_url(),
            extra_css: None,
        }
    }
}

/// Renders a template into an HTML response.
pub fn render<T: Template>(t: &T) -> Result<Response, crate::WebError> {
    Ok(Html(t.render()?).into_response())
}

/// Renders a form page shown again because of wrong input: 422, input kept, messages beside
/// the fields.
pub fn reshow<T: Template>(t: &T) -> Result<Response, crate::WebError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(t.render()?)).into_response())
}

/// Messages for the fields of a form, shown beside each field.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    /// No errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a message for `field`.
    pub fn add(&mut self, field: &'static str, message: impl ToString) {
        self.0.push((field, message.to_string()));
    }

    /// Keeps the value of `r`, or records its error under `field` and gives the default.
    pub fn take<T: Default, E: ToString>(&mut self, field: &'static str, r: Result<T, E>) -> T {
        r.unwrap_or_else(|e| {
            self.add(field, e);
            T::default()
        })
    }

    /// The message for `field`, or empty.
    pub fn get(&self, field: &str) -> &str {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, m)| m.as_str())
    }

    /// The first message, if any.
    pub fn first(&self) -> Option<&str> {
        self.0.first().map(|(_, m)| m.as_str())
    }

    /// Whether there is any message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    c: Chrome,
    status: u16,
    message: String,
    request_id: String,
    home: &'static str,
}

impl ErrorPage {
    /// An error page for a request path, a status, a Chinese message and the request id.
    pub fn new(path: &str, status: StatusCode, message: &str, request_id: &str) -> Self {
        let admin = crate::headers::is_private(path) && !path.starts_with("/login");
        let mut c = Chrome::public("出错了", "");
        c.minimal = admin;
        Self {
            c,
            status: status.as_u16(),
            message: message.to_owned(),
            request_id: request_id.to_owned(),
            home: if admin { "/admin" } else { "/" },
        }
    }

    /// The page as HTML (the plain message if the template fails).
    pub fn html(&self) -> String {
        self.render().unwrap_or_else(|_| self.message.clone())
    }
}

/// A time in Beijing time (UTC+8), to the second.
pub fn beijing(t: &chrono::DateTime<chrono::Utc>) -> String {
    (*t + chrono::Duration::hours(8))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// The Chinese label of an audit action (the identifier itself if unknown).
pub fn action_label(action: &str) -> &str {
    match action {
        "agency_created" => "新建机关",
        "agency_child_created" => "新建下级机关",
        "agency_updated" => "修改机关",
        "user_created" => "新建账号",
        "user_updated" => "修改账号",
        "user_disabled" => "停用账号",
        "user_enabled" => "启用账号",
        "password_changed" => "修改密码",
        "password_reset" => "重置密码",
        "api_token_created" => "签发访问令牌",
        "api_token_revoked" => "吊销访问令牌",
        "appeal_registered" => "登记复议诉讼",
        "appeal_copy_received" => "收到复议诉讼副本",
        "appeal_answered" => "提交复议答复或答辩",
        "appeal_procedure_changed" => "变更复议诉讼审理程序",
        "appeal_recorded" => "登记复议诉讼信息",
        "appeal_linked" => "复议诉讼关联申请",
        "appeal_decided" => "复议诉讼审结",
        "report_created" => "新建年度报告",
        "report_saved" => "保存年度报告",
        "report_submit" => "年度报告提交审核",
        "report_review" => "年度报告审核通过",
        "report_approve" => "批准年度报告",
        "report_publish" => "发布年度报告",
        "report_return" => "退回年度报告",
        "report_correction_started" => "新建年度报告更正版本",
        "report_superseded" => "年度报告由更正版本取代",
        other => other,
    }
}

/// The page numbers a list links to: the first, the last and four either side of `current`,
/// with `None` where numbers are left out. A list of 100,000 cases has 2,000 pages; a link to
/// each made the inbox page 100 KB and most of its rendering time.
pub fn page_links(current: u64, pages: u64) -> Vec<Option<u64>> {
    let near = current.saturating_sub(4).max(1)..=current.saturating_add(4).min(pages);
    let mut out = Vec::new();
    for p in [1].into_iter().chain(near).chain([pages]) {
        match out.last() {
            Some(Some(last)) if *last >= p => continue,
            Some(Some(last)) if *last + 1 < p => out.push(None),
            _ => {}
        }
        out.push(Some(p));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::page_links;

    #[test]
    fn a_long_list_links_the_ends_and_the_pages_near_the_current_one() {
        let shown = |current, pages| -> Vec<Option<u64>> { page_links(current, pages) };
        assert_eq!(shown(1, 1), [Some(1)]);
        assert_eq!(shown(2, 3), [Some(1), Some(2), Some(3)]);
        let mut expected: Vec<Option<u64>> = (1..=5).map(Some).collect();
        expected.extend([None, Some(2000)]);
        assert_eq!(shown(1, 2000), expected);
        let middle = shown(100, 2000);
        assert_eq!(middle.first(), Some(&Some(1)));
        assert_eq!(middle[1], None);
        assert_eq!(middle[2..11], (96..=104).map(Some).collect::<Vec<_>>()[..]);
        assert_eq!(middle[11..], [None, Some(2000)]);
        assert_eq!(shown(6, 10), (1..=10).map(Some).collect::<Vec<_>>());
    }
}

//! CSRF protection without server-side state: a signed double-submit cookie.
//!
//! The [`issue`] middleware gives every page request a token — the one in the `gk_csrf` cookie if
//! its signature holds, otherwise a new one that the response sets — so anonymous pages (the
//! login form, the application form) need no session row. Every form echoes the token in a
//! hidden `csrf` field, and [`CsrfToken::verify`] checks that field against the cookie. Another
//! site can neither read nor set the cookie (it is signed, `HttpOnly`, `SameSite=Lax`), and a
//! request the browser marks as cross-site is refused outright.

use crate::{AppState, WebError, password};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, header, request::Parts};
use axum::middleware::Next;
use axum::response::Response;

/// The cookie holding the signed token.
pub const COOKIE: &str = "gk_csrf";
const PURPOSE: &str = "csrf";

/// The request's token, for the forms of the page and for checking a submission.
#[derive(Clone, Debug)]
pub struct CsrfToken {
    /// The token to put in forms.
    pub token: String,
    cross_site: bool,
}

/// The value of cookie `name` in the request, if sent.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether the browser says the request comes from another site.
fn cross_site(headers: &HeaderMap) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if fetch_site == Some("cross-site") {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some("null"), _) => true,
        (Some(o), Some(h)) => o.split_once("://").map(|(_, rest)| rest) != Some(h),
        _ => false,
    }
}

/// A `Set-Cookie` value.
pub fn set_cookie(name: &str, value: &str, max_age_secs: Option<i64>, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_secs {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// Middleware: attaches the request's [`CsrfToken`], setting the cookie when it is new.
pub async fn issue(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let signer = &state.config.signer;
    let sent = cookie(req.headers(), COOKIE).filter(|v| signer.verify(PURPOSE, v).is_some());
    let (token, fresh) = match sent {
        Some(v) => (v.to_owned(), false),
        None => (signer.sign(PURPOSE, &password::random_secret()), true),
    };
    let cross_site = cross_site(req.headers());
    req.extensions_mut().insert(CsrfToken {
        token: token.clone(),
        cross_site,
    });
    let mut res = next.run(req).await;
    if fresh {
        let c = set_cookie(COOKIE, &token, None, state.config.secure_cookies);
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

impl CsrfToken {
    /// Checks a submitted form's `csrf` field.
    ///
    /// # Errors
    /// [`WebError::Csrf`] if it does not match the cookie or the request is cross-site.
    pub fn verify(&self, submitted: &str) -> Result<(), WebError> {
        if self.cross_site || submitted.is_empty() || submitted != self.token {
            return Err(WebError::Csrf);
        }
        Ok(())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, WebError> {
        parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .ok_or(WebError::Internal("the CSRF layer is missing"))
    }
}

//! A test app: a router over a fresh store with a small agency tree and one account per role,
//! and a tiny cookie-keeping browser.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use gongkai_storage::conformance::build;
use gongkai_storage::testing::TestDb;
use gongkai_storage::*;
use gongkai_web::{AppState, WebConfig, password, router};
use std::collections::HashMap;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct-horse-battery";

/// The fixture: ROOT → A → A1, ROOT → B.
pub struct TestApp {
    pub db: TestDb,
    pub ids: HashMap<&'static str, AgencyId>,
}

/// Accounts created by [`TestApp::new`]: (login name, role, agency key).
pub const ACCOUNTS: [(&str, Role, &str); 7] = [
    ("sys", Role::SystemAdmin, "ROOT"),
    ("a_admin", Role::AgencyAdmin, "A"),
    ("a_clerk", Role::Clerk, "A"),
    ("a_reviewer", Role::Reviewer, "A"),
    ("a_head", Role::Head, "A"),
    ("a_inspector", Role::Inspector, "A"),
    ("b_admin", Role::AgencyAdmin, "B"),
];

impl TestApp {
    pub async fn new() -> Self {
        Self::on(TestDb::sqlite().await).await
    }

    pub async fn on(db: TestDb) -> Self {
        let s = &db.store;
        let me = Actor::system();
        let root = s
            .create_agency(&me, &build::agency("ROOT", None))
            .await
            .unwrap();
        let a = s
            .create_agency(&me, &build::agency("CA", Some(root.id)))
            .await
            .unwrap();
        let a1 = s
            .create_agency(&me, &build::agency("CA1", Some(a.id)))
            .await
            .unwrap();
        let b = s
            .create_agency(&me, &build::agency("CB", Some(root.id)))
            .await
            .unwrap();
        let ids = HashMap::from([("ROOT", root.id), ("A", a.id), ("A1", a1.id), ("B", b.id)]);
        let hash = password::hash(PASSWORD).unwrap();
        for (name, role, agency) in ACCOUNTS {
            let mut u = build::user(name, role);
            u.password_hash = hash.clone();
            s.create_user(&me, ids[agency], &u).await.unwrap();
        }
        Self { db, ids }
    }

    pub fn router(&self) -> Router {
        router(AppState::new(self.db.store.clone(), WebConfig::default()))
    }

    pub fn browser(&self) -> Browser {
        Browser {
            app: self.router(),
            cookie: None,
        }
    }

    /// A browser signed in as `name`.
    pub async fn login(&self, name: &str) -> Browser {
        let mut b = self.browser();
        let res = b.login(name, PASSWORD).await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "login of {name}: {}",
            res.body
        );
        b
    }
}

/// A response, body read.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

/// Keeps the session cookie between requests, as a browser would.
pub struct Browser {
    pub app: Router,
    pub cookie: Option<String>,
}

impl Browser {
    pub async fn send(&mut self, req: Request<Body>) -> Page {
        let res = self.app.clone().oneshot(req).await.unwrap();
        if let Some(c) = res.headers().get(header::SET_COOKIE) {
            let c = c.to_str().unwrap();
            self.cookie = Some(c.split(';').next().unwrap().to_owned());
        }
        let status = res.status();
        let headers = res.headers().clone();
        let location = headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = to_bytes(res.into_body(), 1 << 22).await.unwrap();
        Page {
            status,
            location,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let mut req = Request::get(path);
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let body: Vec<String> = form
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        let mut req =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body.join("&"))).unwrap())
            .await
    }

    /// The CSRF token of the session (read from a page's hidden field).
    pub async fn csrf(&mut self, page: &str) -> String {
        let body = self.get(page).await.body;
        csrf_in(&body).unwrap_or_else(|| panic!("no csrf field on {page}: {body}"))
    }

    pub async fn login(&mut self, name: &str, pw: &str) -> Page {
        let csrf = self.csrf("/login").await;
        self.post(
            "/login",
            &[("username", name), ("password", pw), ("csrf", &csrf)],
        )
        .await
    }
}

pub fn csrf_in(body: &str) -> Option<String> {
    let at = body.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(body[at..].split('"').next()?.to_owned())
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

//! A test app: a router over a fresh store with a small agency tree and one account per role,
//! and a tiny cookie-keeping browser.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use gongkai_storage::conformance::build;
use gongkai_storage::testing::TestDb;
use gongkai_storage::*;
use gongkai_web::secret::Signer;
use gongkai_web::{AppState, WebConfig, password, router};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct-horse-battery";
/// The cookie-signing key of test routers.
pub const KEY: [u8; 32] = [7; 32];
/// “Today” in test routers: Monday 2 March 2026.
pub const TODAY: &str = "2026-03-02";

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
            u.password_hash.clone_from(&hash);
            s.create_user(&me, ids[agency], &u).await.unwrap();
        }
        Self { db, ids }
    }

    /// Settings as a test wants them: the client address taken from `X-Forwarded-For` (so a
    /// test can play several machines), a metrics token, and a fixed today (a Monday).
    pub fn config() -> WebConfig {
        let mut c = WebConfig::new(Signer::new(KEY));
        c.trust_forwarded_for = true;
        c.metrics_token = Some("metrics-secret".into());
        c.today = Some(TODAY.parse().unwrap());
        c
    }

    /// The router, keeping the 专栏's pages as `gongkai serve` does but asking the database for
    /// changes on every request (tests write the store directly, as another process would).
    pub fn router(&self) -> Router {
        router(self.state(Self::config()))
    }

    fn state(&self, config: WebConfig) -> AppState {
        AppState::new(self.db.store.clone(), config).with_page_cache(Duration::ZERO)
    }

    /// A browser on a router whose today is `day` (the same database).
    pub fn browser_on(&self, day: &str) -> Browser {
        let mut c = Self::config();
        c.today = Some(day.parse().unwrap());
        Browser {
            app: router(self.state(c)),
            cookies: BTreeMap::new(),
            addr: "192.0.2.1".into(),
        }
    }

    pub fn browser(&self) -> Browser {
        Browser {
            app: self.router(),
            cookies: BTreeMap::new(),
            addr: "192.0.2.1".into(),
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

/// Keeps cookies between requests, as a browser would, and comes from one address.
pub struct Browser {
    pub app: Router,
    pub cookies: BTreeMap<String, String>,
    pub addr: String,
}

impl Browser {
    /// The `Cookie` header value.
    pub fn cookie_header(&self) -> Option<String> {
        (!self.cookies.is_empty()).then(|| {
            let pairs: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            pairs.join("; ")
        })
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Page {
        if let Some(c) = self.cookie_header() {
            req.headers_mut().insert(header::COOKIE, c.parse().unwrap());
        }
        req.headers_mut()
            .insert("x-forwarded-for", self.addr.parse().unwrap());
        let res = self.app.clone().oneshot(req).await.unwrap();
        for c in res.headers().get_all(header::SET_COOKIE) {
            let c = c.to_str().unwrap();
            let (k, v) = c.split(';').next().unwrap().split_once('=').unwrap();
            if c.contains("Max-Age=0") || v.is_empty() {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
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
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let body: Vec<String> = form
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        let req =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(req.body(Body::from(body.join("&"))).unwrap())
            .await
    }

    /// The CSRF token of the session (read from a page's hidden field).
    pub async fn csrf(&mut self, page: &str) -> String {
        let body = self.get(page).await.body;
        csrf_in(&body).unwrap_or_else(|| panic!("no csrf field on {page}: {body}"))
    }

    /// POSTs a multipart form (text fields and files `(field, file name, bytes)`).
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Page {
        let boundary = "gongkaitestboundary7MA4YWxkTrZu0gW";
        let mut body: Vec<u8> = Vec::new();
        for (k, v) in fields {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        for (k, name, bytes) in files {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
            body.extend_from_slice(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post(path).header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        );
        self.send(req.body(Body::from(body)).unwrap()).await
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

pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Renames an account through its edit form (as the signed-in manager `b`); returns the status.
pub async fn edit_display_name(b: &mut Browser, name: &str, display: &str) -> StatusCode {
    let id = ACCOUNTS.iter().position(|(n, _, _)| *n == name).unwrap() + 1;
    let path = format!("/admin/users/{id}");
    let page = b.get(&path).await.body;
    let csrf = csrf_in(&page).unwrap();
    let form = [
        ("csrf", csrf.as_str()),
        ("version", "1"),
        ("display_name", display),
        ("role", "clerk"),
        ("active", "1"),
    ];
    b.post(&path, &form).await.status
}

/// The value of a hidden field `name` in a page.
pub fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name}"))
        + marker.len();
    body[at..].split('"').next().unwrap().to_owned()
}

/// The secret a page shows once (a one-time password, a token, a 查询码).
pub fn secret_in(body: &str) -> String {
    let after = body
        .split("<p class=\"secret\"><code>")
        .nth(1)
        .expect("a secret on the page");
    after.split('<').next().unwrap().to_owned()
}

/// A JSON API request with a bearer token.
pub fn api(
    token: &str,
    method: &str,
    path: &str,
    json: Option<serde_json::Value>,
) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(json.map_or(Body::empty(), |j| Body::from(j.to_string())))
        .unwrap()
}

/// Runs each test on a fresh SQLite app, and on PostgreSQL with `postgres-tests`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $name() {
                super::$name(crate::helpers::TestApp::new().await).await;
            })*
        }
        #[cfg(feature = "postgres-tests")]
        mod postgres {
            $(#[tokio::test]
            async fn $name() {
                let db = gongkai_storage::testing::TestDb::postgres().await;
                super::$name(crate::helpers::TestApp::on(db).await).await;
            })*
        }
    };
}
pub(crate) use on_both_backends;

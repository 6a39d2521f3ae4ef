//! The security suite, against a real `gongkai serve` (SQLite, and PostgreSQL with feature
//! `postgres-tests`): audit-log tampering with plain SQL caught by `gongkai audit verify`,
//! parallel brute force, no lock-out of the owner, no rows for anonymous visitors, 413 for
//! large bodies, security headers on every kind of page, escaped user text, CSRF refused, and
//! cross-agency access denied on every back-office and API route.

use crate::server::*;
use gongkai_storage::testing::{copy_postgres_database, query_i64_at, query_text_at, raw_sql_at};
use std::path::{Path, PathBuf};

/// Where a test platform keeps its data.
pub(crate) struct Backend {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) database: Option<String>,
    pub(crate) env: Vec<(&'static str, String)>,
}

impl Backend {
    pub(crate) fn sqlite() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
            database: None,
            env: vec![],
        }
    }

    #[cfg(feature = "postgres-tests")]
    pub(crate) async fn postgres() -> Self {
        const KEY: &str = "4f1d2c3b4a5968778695a4b3c2d1e0f0112233445566778899aabbccddeeff00";
        let database = gongkai_storage::testing::TestDb::new_postgres_database().await;
        Self {
            dir: tempfile::tempdir().unwrap(),
            database: Some(database),
            env: vec![("GONGKAI_AUDIT_KEY", KEY.to_owned())],
        }
    }

    pub(crate) fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub(crate) fn env(&self) -> Vec<(&str, &str)> {
        self.env.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    pub(crate) fn start(&self) -> Server {
        Server::start(&self.data(), self.database.as_deref(), &self.env())
    }

    /// The URL for raw SQL.
    pub(crate) fn url(&self) -> String {
        match &self.database {
            Some(url) => url.clone(),
            None => format!("sqlite://{}/gongkai.db?mode=rw", self.data().display()),
        }
    }

    /// A copy of the stopped platform (files, and the PostgreSQL database).
    async fn copy(&self) -> Backend {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&self.data(), &dir.path().join("data"));
        let database = match &self.database {
            Some(url) => Some(copy_postgres_database(url).await),
            None => None,
        };
        Backend {
            dir,
            database,
            env: self.env.clone(),
        }
    }

    pub(crate) fn verify(&self) -> (i32, String, String) {
        audit_verify(&self.data(), self.database.as_deref(), &self.env())
    }
}

/// Copies a data folder, with its subfolders (the search index lives in one).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Signs in as admin and builds a small platform: agencies A (with A1 below) and B, an agency
/// admin and a clerk in each, a token of A's clerk. Returns the signed-in admin client.
async fn platform(server: &Server, a_name: &str) -> Client {
    let mut sys = server.client();
    assert_eq!(sys.login("admin", ADMIN_PASSWORD).await.status, 303);
    let root_id = "1";
    for (code, name, parent) in [
        ("CA", a_name, root_id),
        ("CB", "乙局", root_id),
        ("CA1", "甲局下属", "2"),
    ] {
        let csrf = sys.get("/admin/agencies/new").await.csrf();
        let f = [
            ("csrf", csrf.as_str()),
            ("code", code),
            ("name", name),
            ("level", "department"),
            ("parent_id", parent),
        ];
        let res = sys.post("/admin/agencies", &f).await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    for (user, agency, role) in [
        ("a_admin", "2", "agency_admin"),
        ("a_clerk", "2", "clerk"),
        ("b_admin", "3", "agency_admin"),
    ] {
        let csrf = sys.get("/admin/users/new").await.csrf();
        let f = [
            ("csrf", csrf.as_str()),
            ("agency_id", agency),
            ("username", user),
            ("display_name", "张<i>三</i>"),
            ("role", role),
            ("password", "Test-User-2026"),
        ];
        assert_eq!(sys.post("/admin/users", &f).await.status, 200);
    }
    sys
}

/// Signs in an account created by [`platform`] and sets its own password.
async fn account(server: &Server, user: &str, from: &str) -> Client {
    let mut c = server.client_from(from);
    assert_eq!(c.login(user, "Test-User-2026").await.status, 303);
    let csrf = c.get("/admin/password").await.csrf();
    let f = [
        ("csrf", csrf.as_str()),
        ("current", "Test-User-2026"),
        ("new", "Own-Password-77"),
        ("repeat", "Own-Password-77"),
    ];
    assert_eq!(c.post("/admin/password", &f).await.status, 303);
    c
}

/// Issues a 30-day token on the token page; returns the secret shown once.
async fn issue_token(c: &mut Client, name: &str) -> String {
    let csrf = c.get("/admin/tokens").await.csrf();
    let form = [("csrf", csrf.as_str()), ("name", name), ("days", "30")];
    let page = c.post("/admin/tokens", &form).await;
    let secret = page
        .body
        .split("<p class=\"secret\"><code>")
        .nth(1)
        .unwrap();
    secret.split('<').next().unwrap().to_owned()
}

async fn tampering_is_detected(base: Backend) {
    let server = base.start();
    platform(&server, "甲局").await;
    server.stop();
    let (code, out, _) = base.verify();
    assert_eq!(code, 0, "untouched: {out}");
    let root_event =
        |seq: i64| format!("SELECT hash FROM audit_events WHERE agency_id = 1 AND seq = {seq}");
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        ("edited row", vec!["UPDATE audit_events SET actor = 'mallory' WHERE agency_id = 2 AND seq = 1".into()], "被修改"),
        ("deleted row", vec!["DELETE FROM audit_events WHERE agency_id = 1 AND seq = 2".into()], "缺失"),
        (
            "inserted row",
            vec!["INSERT INTO audit_events (agency_id, seq, actor, action, subject, subject_id, before, after, at, prev_hash, hash) \
                  SELECT agency_id, (SELECT MAX(seq) + 1 FROM audit_events WHERE agency_id = 3), 'mallory', action, subject, \
                  subject_id, before, after, at, (SELECT audit_head FROM agencies WHERE id = 3), hash FROM audit_events \
                  WHERE agency_id = 3 AND seq = 1".into()],
            "被修改或插入",
        ),
        ("rolled-back tail", vec!["DELETE FROM audit_events WHERE agency_id = 1 AND seq > 2".into(), "ROLLBACK_HEAD".into()], "截断"),
        (
            "deleted agency",
            vec![
                "DELETE FROM api_tokens WHERE agency_id = 4".into(),
                "DELETE FROM users WHERE agency_id = 4".into(),
                "DELETE FROM audit_events WHERE agency_id = 4".into(),
                "DELETE FROM agencies WHERE id = 4".into(),
            ],
            "连同其审计日志已从数据库中删除",
        ),
    ];
    for (what, sqls, expected) in cases {
        let copy = base.copy().await;
        for sql in sqls {
            let sql = if sql == "ROLLBACK_HEAD" {
                let head = query_text_at(&copy.url(), &root_event(2)).await;
                format!("UPDATE agencies SET audit_seq = 2, audit_head = '{head}' WHERE id = 1")
            } else {
                sql
            };
            raw_sql_at(&copy.url(), &sql).await;
        }
        let (code, out, err) = copy.verify();
        assert_eq!(code, 1, "{what}: {out}{err}");
        assert!(out.contains(expected), "{what}: {out}");
    }
    let forged = base.copy().await;
    let log = forged.data().join("audit-checkpoints.log");
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str("gk1\t2026-12-01T00:00:00+00:00\t1\tROOT\t99\tfeed\tbeef\n");
    std::fs::write(&log, text).unwrap();
    let (code, out, _) = forged.verify();
    assert!(code == 1 && out.contains("伪造"), "{out}");
    let missing = base.dir.path().join("no-such-folder");
    let (code, _, err) = audit_verify(&missing, None, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("不存在") && !missing.exists(), "{err}");
}

async fn brute_force_cannot_exceed_the_limit_or_lock_the_owner_out(base: Backend) {
    let server = base.start();
    let mut attacker = server.client_from("127.0.0.2");
    let csrf = attacker.get("/login").await.csrf();
    let started = std::time::Instant::now();
    let tasks: Vec<_> = (0..300)
        .map(|i| {
            let (mut c, csrf) = (attacker.clone(), csrf.clone());
            tokio::spawn(async move {
                let pw = format!("guess-{i}");
                c.post(
                    "/login",
                    &[("username", "admin"), ("password", &pw), ("csrf", &csrf)],
                )
                .await
                .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    // The policy: 5 free checks per account and address, then waits of 1, 2, 4 … seconds.
    let elapsed = started.elapsed().as_secs_f64();
    let allowed = 5 + (elapsed + 1.0).log2().floor() as usize;
    let checked = statuses.iter().filter(|s| **s == 422).count();
    eprintln!(
        "300 parallel guesses in {elapsed:.1} s: {checked} checked (policy allows {allowed})"
    );
    assert!(
        checked <= allowed,
        "{checked} passwords checked in {elapsed:.1} s"
    );
    assert!(
        statuses.iter().all(|s| *s == 422 || *s == 429),
        "{statuses:?}"
    );
    let metrics = server
        .client()
        .send(
            "GET",
            "/metrics",
            &[("Authorization", &format!("Bearer {METRICS_TOKEN}"))],
            b"",
        )
        .await;
    let line = metrics
        .body
        .lines()
        .find(|l| l.starts_with("gongkai_password_checks_total"))
        .unwrap()
        .to_owned();
    let n: usize = line.rsplit(' ').next().unwrap().parse().unwrap();
    assert_eq!(n, checked, "{line}");
    let mut owner = server.client_from("127.0.0.1");
    assert_eq!(
        owner.login("admin", ADMIN_PASSWORD).await.status,
        303,
        "the owner is not locked out"
    );
}

async fn anonymous_requests_leave_no_rows(base: Backend) {
    let server = base.start();
    let url = base.url();
    let rows = || async {
        (
            query_i64_at(&url, "SELECT COUNT(*) FROM sessions").await,
            query_i64_at(&url, "SELECT COUNT(*) FROM login_attempts").await,
        )
    };
    let before = rows().await;
    let mut anon = server.client();
    for _ in 0..20 {
        for path in [
            "/",
            "/login",
            "/admin",
            "/admin/users",
            "/no/such",
            "/api/v1/agencies",
            "/healthz",
        ] {
            anon.get(path).await;
        }
        anon.cookies.clear();
    }
    assert_eq!(rows().await, before);
    let giant = "u".repeat(1_900_000);
    let csrf = anon.get("/login").await.csrf();
    let res = anon
        .post(
            "/login",
            &[("username", &giant), ("password", "x"), ("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        rows().await,
        before,
        "an oversized name is refused before anything is stored"
    );
    let big = "x".repeat(3 * 1024 * 1024);
    assert_eq!(anon.post("/login", &[("username", &big)]).await.status, 413);
}

async fn every_kind_of_page_has_the_headers_and_user_text_is_escaped(base: Backend) {
    let server = base.start();
    let payload = "甲<script>alert(1)</script>";
    let mut sys = platform(&server, payload).await;
    let mut clerk = account(&server, "a_clerk", "127.0.0.3").await;
    let csrf = clerk.get("/admin/tokens").await.csrf();
    clerk
        .post(
            "/admin/tokens",
            &[
                ("csrf", &csrf),
                ("name", "<svg onload=alert(1)>"),
                ("days", "30"),
            ],
        )
        .await;
    let mut anon = server.client();
    let css = {
        let home = anon.get("/").await.body;
        let at = home.find("/assets/app-").unwrap();
        home[at..].split('"').next().unwrap().to_owned()
    };
    let mut pages = vec![];
    for path in [
        "/",
        "/login",
        "/no/such",
        css.as_str(),
        "/healthz",
        "/api/v1/agencies",
        "/api/v1/openapi.json",
    ] {
        pages.push((path.to_owned(), anon.get(path).await));
    }
    for path in [
        "/admin",
        "/admin/agencies",
        "/admin/agencies/2",
        "/admin/users",
        "/admin/users/3",
        "/admin/audit",
        "/admin/tokens",
        "/admin/users/new",
    ] {
        pages.push((path.to_owned(), sys.get(path).await));
    }
    pages.push((
        "/admin/tokens (clerk)".into(),
        clerk.get("/admin/tokens").await,
    ));
    pages.push((
        "/admin/audit (clerk, 403)".into(),
        clerk.get("/admin/audit").await,
    ));
    for (path, r) in &pages {
        for h in [
            "content-security-policy",
            "x-frame-options",
            "x-content-type-options",
            "referrer-policy",
            "x-request-id",
            "cache-control",
        ] {
            assert!(r.header(h).is_some(), "{path}: {h}");
        }
        assert!(
            r.header("content-security-policy")
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
        if path.starts_with("/admin") || path.starts_with("/login") || path.starts_with("/api") {
            assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
        }
        for raw in ["<script>alert", "<svg onload", "<i>三</i>"] {
            assert!(!r.body.contains(raw), "{path} shows {raw} unescaped");
        }
    }
    let users = sys.get("/admin/users").await.body;
    assert!(
        users.contains("张&lt;i&gt;三&lt;/i&gt;") || users.contains("&#60;i&#62;"),
        "{users}"
    );
}

async fn csrf_is_refused_and_other_agencies_stay_closed(base: Backend) {
    let server = base.start();
    let mut sys = platform(&server, "甲局").await;
    let mut clerk = account(&server, "a_clerk", "127.0.0.4").await;
    let a_clerk_token = issue_token(&mut clerk, "对接").await;
    // CSRF: missing, wrong, and a cross-site request with the right token.
    let csrf = sys.get("/admin").await.csrf();
    let form = [("name", "改名"), ("version", "1")];
    assert_eq!(sys.post("/admin/agencies/2", &form).await.status, 403);
    assert_eq!(
        sys.post("/admin/agencies/2", &[("csrf", "forged"), ("name", "x")])
            .await
            .status,
        403
    );
    let body = crate::server::form_body(&[("csrf", &csrf), ("name", "改名"), ("version", "1")]);
    let cross = sys
        .send(
            "POST",
            "/admin/agencies/2",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", "http://evil.example"),
            ],
            body.as_bytes(),
        )
        .await;
    assert_eq!(cross.status, 403);
    // Cross-agency: B's admin reaches nothing of A.
    let mut b = account(&server, "b_admin", "127.0.0.5").await;
    let csrf = b.get("/admin").await.csrf();
    for path in [
        "/admin/agencies/2",
        "/admin/agencies/4",
        "/admin/users/2",
        "/admin/users/3",
    ] {
        assert_eq!(b.get(path).await.status, 404, "GET {path}");
    }
    for path in [
        "/admin/agencies/2",
        "/admin/users/3",
        "/admin/users/3/reset",
        "/admin/tokens/1/revoke",
    ] {
        let res = b
            .post(
                path,
                &[
                    ("csrf", &csrf),
                    ("name", "x"),
                    ("display_name", "x"),
                    ("role", "clerk"),
                    ("version", "1"),
                ],
            )
            .await;
        assert_eq!(res.status, 404, "POST {path}: {}", res.body);
    }
    let csrf = b.get("/admin/users/new").await.csrf();
    let f = [
        ("csrf", csrf.as_str()),
        ("agency_id", "2"),
        ("username", "mole"),
        ("display_name", "x"),
        ("role", "clerk"),
    ];
    assert_eq!(
        b.post("/admin/users", &f).await.status,
        422,
        "no account in A"
    );
    let b_token = issue_token(&mut b, "b").await;
    let auth = format!("Bearer {b_token}");
    let h = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
    ];
    let mut api = server.client();
    let agencies = api.send("GET", "/api/v1/agencies", &h, b"").await.body;
    assert!(!agencies.contains("甲局"), "{agencies}");
    let users = api.send("GET", "/api/v1/users", &h, b"").await.body;
    assert!(!users.contains("a_clerk"), "{users}");
    let tokens = api.send("GET", "/api/v1/tokens", &h, b"").await.body;
    assert!(!tokens.contains("对接"), "{tokens}");
    assert_eq!(
        api.send(
            "PATCH",
            "/api/v1/users/3",
            &h,
            br#"{"version":1,"active":false}"#
        )
        .await
        .status,
        404
    );
    assert_eq!(
        api.send("DELETE", "/api/v1/tokens/1", &h, b"").await.status,
        404
    );
    let a_auth = format!("Bearer {a_clerk_token}");
    let still = api
        .send(
            "GET",
            "/api/v1/agencies",
            &[("Authorization", a_auth.as_str())],
            b"",
        )
        .await;
    assert_eq!(still.status, 200, "A's token untouched");
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name(super::Backend::sqlite()).await;
                }
            )*
        }
        #[cfg(feature = "postgres-tests")]
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name(super::Backend::postgres().await).await;
                }
            )*
        }
    };
}

on_both!(
    tampering_is_detected,
    brute_force_cannot_exceed_the_limit_or_lock_the_owner_out,
    anonymous_requests_leave_no_rows,
    every_kind_of_page_has_the_headers_and_user_text_is_escaped,
    csrf_is_refused_and_other_agencies_stay_closed,
);

//! HTTP hardening through the router: security headers on every kind of answer, caching rules,
//! 413 for large bodies, Chinese answers to bad paths, the request id on error pages, no rows
//! for anonymous visitors, input validation beside the field, and escaped user text.

use crate::helpers::*;
use axum::http::{StatusCode, header};
use gongkai_storage::{Actor, AgencyDetails};
use sea_orm::{ConnectionTrait, Database, Statement};

async fn count(app: &TestApp, table: &str) -> i64 {
    let db = Database::connect(app.db.url.as_str()).await.unwrap();
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test]
async fn every_kind_of_answer_carries_the_security_headers() {
    let app = TestApp::new().await;
    let mut anon = app.browser();
    let mut clerk = app.login("a_clerk").await;
    let css = {
        let home = anon.get("/").await.body;
        let at = home.find("/assets/app-").unwrap();
        home[at..].split('"').next().unwrap().to_owned()
    };
    let answers = [
        ("/", anon.get("/").await, "no-cache"),
        ("/login", anon.get("/login").await, "no-store"),
        ("/no/such", anon.get("/no/such").await, "no-cache"),
        (css.as_str(), anon.get(&css).await, "immutable"),
        ("/healthz", anon.get("/healthz").await, "no-cache"),
        (
            "/api/v1/agencies",
            anon.get("/api/v1/agencies").await,
            "no-store",
        ),
        (
            "/api/v1/openapi.json",
            anon.get("/api/v1/openapi.json").await,
            "no-store",
        ),
        ("/admin", clerk.get("/admin").await, "no-store"),
        ("/admin/users", clerk.get("/admin/users").await, "no-store"),
        (
            "/admin/agencies/x",
            clerk.get("/admin/agencies/x").await,
            "no-store",
        ),
    ];
    for (path, page, cache) in answers {
        let h = &page.headers;
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{path}"
        );
        assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{path}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(h[header::REFERRER_POLICY], "same-origin", "{path}");
        assert!(h.contains_key("x-request-id"), "{path}");
        let cc = h[header::CACHE_CONTROL].to_str().unwrap();
        assert!(cc.contains(cache), "{path}: {cc}");
        assert!(
            !page.body.contains("<script") && !page.body.contains(" style=\""),
            "{path}: no inline script or style"
        );
    }
}

#[tokio::test]
async fn bad_paths_and_large_bodies_get_chinese_answers_with_the_request_id() {
    let app = TestApp::new().await;
    let mut b = app.login("sys").await;
    let bad = b.get("/admin/agencies/not-a-number").await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);
    assert!(
        bad.body.contains("网址中的编号无效") && !bad.body.contains("Invalid URL"),
        "{}",
        bad.body
    );
    let id = bad.headers["x-request-id"].to_str().unwrap();
    assert!(bad.body.contains(id), "the page shows this request's id");
    let big = "x".repeat(3 * 1024 * 1024);
    let csrf = b.csrf("/admin").await;
    let res = b
        .post("/admin/agencies", &[("csrf", &csrf), ("name", &big)])
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(res.body.contains("提交的内容过大"));
    let login = app.browser().post("/login", &[("username", &big)]).await;
    assert_eq!(login.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn an_infrastructure_failure_shows_its_request_id_and_not_its_cause() {
    let app = TestApp::new().await;
    let mut b = app.login("a_clerk").await;
    app.db.raw_sql("DROP TABLE audit_events").await;
    let res = b.get("/admin/audit").await;
    let res = if res.status == StatusCode::FORBIDDEN {
        app.login("sys").await.get("/admin/audit").await
    } else {
        res
    };
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    let id = res.headers["x-request-id"].to_str().unwrap();
    assert!(
        res.body.contains("系统内部错误") && res.body.contains(id),
        "{}",
        res.body
    );
    assert!(!res.body.contains("audit_events"), "no SQL in the page");
}

#[tokio::test]
async fn anonymous_visitors_leave_no_rows_behind() {
    let app = TestApp::new().await;
    let (sessions, attempts) = (
        count(&app, "sessions").await,
        count(&app, "login_attempts").await,
    );
    let mut b = app.browser();
    for path in [
        "/",
        "/login",
        "/login",
        "/no/such",
        "/api/v1/openapi.json",
        "/admin",
        "/healthz",
    ] {
        b.get(path).await;
    }
    let giant = "u".repeat(1_900_000);
    let res = b.login(&giant, "x").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "sessions").await, sessions);
    assert_eq!(count(&app, "login_attempts").await, attempts);
}

#[tokio::test]
async fn contact_details_and_names_are_validated_beside_their_fields() {
    let app = TestApp::new().await;
    let mut b = app.login("sys").await;
    let a = app.ids["A"].to_string();
    let page = b.get(&format!("/admin/agencies/{a}")).await.body;
    let csrf = csrf_in(&page).unwrap();
    let res = b
        .post(
            &format!("/admin/agencies/{a}"),
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("name", "机关\u{0}名"),
                ("address", "地址"),
                ("postcode", "12345"),
                ("phone", "call me"),
                ("email", "not-an-email"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "不能包含控制字符",
        "邮政编码应为 6 位数字",
        "联系电话格式不正确",
        "电子邮箱格式不正确",
    ] {
        assert!(res.body.contains(message), "{message}");
    }
    assert!(res.body.contains("value=\"not-an-email\""), "input kept");
    assert!(res.body.contains("工作台"), "the back-office menu stays");
}

#[tokio::test]
async fn user_text_is_escaped_on_every_page_that_shows_it() {
    let app = TestApp::new().await;
    let payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let s = &app.db.store;
    let a = s
        .agency(gongkai_storage::Scope::agency(app.ids["A"]), app.ids["A"])
        .await
        .unwrap();
    let mut d = AgencyDetails {
        name: format!("甲{payload}"),
        contact: a.contact.clone(),
    };
    d.contact.address = payload.into();
    s.update_agency(&Actor::system(), a.id, a.version, &d)
        .await
        .unwrap();
    let mut b = app.login("a_admin").await;
    let csrf = b.csrf("/admin/tokens").await;
    b.post(
        "/admin/tokens",
        &[
            ("csrf", &csrf),
            ("name", "<b>x</b><script>1</script>"),
            ("days", "30"),
        ],
    )
    .await;
    let short = "<b onclick=x>李</b>";
    assert_eq!(
        edit_display_name(&mut b, "a_clerk", short).await,
        StatusCode::SEE_OTHER
    );
    for path in [
        "/admin".to_owned(),
        "/admin/agencies".to_owned(),
        format!("/admin/agencies/{}", a.id),
        "/admin/users".to_owned(),
        "/admin/users/3".to_owned(),
        "/admin/audit".to_owned(),
        "/admin/tokens".to_owned(),
    ] {
        let body = b.get(&path).await.body;
        assert!(
            !body.contains("<script>") && !body.contains("<img src=x"),
            "{path}"
        );
        assert!(
            !body.contains("<b onclick") && !body.contains("<b>x</b>"),
            "{path}"
        );
    }
    let list = b.get("/admin/agencies").await.body;
    assert!(
        list.contains("&lt;script&gt;") || list.contains("&#60;script&#62;"),
        "{list}"
    );
}

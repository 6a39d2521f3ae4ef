//! Account and token lifecycle through the back office and the API: edit, disable, re-enable,
//! reset (one-time password that must be changed), tokens with expiry, revoke.

use crate::api_ops::token_for;
use crate::helpers::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

fn id_of(name: &str) -> usize {
    ACCOUNTS.iter().position(|(n, _, _)| *n == name).unwrap() + 1
}

async fn edit(b: &mut Browser, name: &str, form: &[(&str, &str)]) -> Page {
    let path = format!("/admin/users/{}", id_of(name));
    let page = b.get(&path).await.body;
    let csrf = csrf_in(&page).unwrap();
    let version = page
        .split("name=\"version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let mut f: Vec<(&str, &str)> = vec![("csrf", &csrf), ("version", &version)];
    f.extend_from_slice(form);
    b.post(&path, &f).await
}

fn api(token: &str, method: &str, path: &str, json: Option<&str>) -> Request<Body> {
    let req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json");
    req.body(json.map_or(Body::empty(), |j| Body::from(j.to_owned())))
        .unwrap()
}

#[tokio::test]
async fn disabling_an_account_ends_its_session_and_its_tokens_and_enabling_restores_login() {
    let app = TestApp::new().await;
    let mut clerk = app.login("a_clerk").await;
    let token = token_for(&app, "a_clerk").await;
    let mut admin = app.login("a_admin").await;
    let off = edit(
        &mut admin,
        "a_clerk",
        &[("display_name", "小李"), ("role", "clerk")],
    )
    .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
    assert_eq!(
        clerk.get("/admin").await.location.as_deref(),
        Some("/login")
    );
    let mut b = app.browser();
    assert_eq!(
        b.send(api(&token, "GET", "/api/v1/agencies", None))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.browser().login("a_clerk", PASSWORD).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let on = edit(
        &mut admin,
        "a_clerk",
        &[
            ("display_name", "小李"),
            ("role", "reviewer"),
            ("active", "1"),
        ],
    )
    .await;
    assert_eq!(on.status, StatusCode::SEE_OTHER);
    let mut back = app.login("a_clerk").await;
    assert!(back.get("/admin").await.body.contains("小李（审核人）"));
    let audit = admin.get("/admin/audit").await.body;
    assert!(
        audit.contains("停用账号") && audit.contains("启用账号"),
        "{audit}"
    );
}

#[tokio::test]
async fn nobody_disables_or_demotes_themselves_or_edits_a_role_above_their_own() {
    let app = TestApp::new().await;
    let mut admin = app.login("a_admin").await;
    let me = edit(
        &mut admin,
        "a_admin",
        &[("display_name", "我"), ("role", "agency_admin")],
    )
    .await;
    assert_eq!(me.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(me.body.contains("不能停用自己的账号"));
    let up = edit(
        &mut admin,
        "a_clerk",
        &[
            ("display_name", "x"),
            ("role", "inspector"),
            ("active", "1"),
        ],
    )
    .await;
    assert!(up.body.contains("请选择您有权授予的角色"));
    let sys_page = admin.get(&format!("/admin/users/{}", id_of("sys"))).await;
    assert_eq!(
        sys_page.status,
        StatusCode::NOT_FOUND,
        "系统管理员 is outside agency A"
    );
    let mut insp = app.login("a_inspector").await;
    let ro = insp
        .get(&format!("/admin/users/{}", id_of("a_clerk")))
        .await;
    assert!(
        ro.status == StatusCode::OK && !ro.body.contains("重置密码"),
        "督查 reads only"
    );
}

#[tokio::test]
async fn a_reset_shows_a_one_time_password_that_must_be_changed_at_login() {
    let app = TestApp::new().await;
    let mut head = app.login("a_head").await;
    let mut admin = app.login("a_admin").await;
    let path = format!("/admin/users/{}/reset", id_of("a_head"));
    let csrf = admin.csrf("/admin").await;
    let page = admin.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(page.status, StatusCode::OK);
    let pw = secret_in(&page.body);
    assert!(pw.len() == 16, "{pw}");
    assert_eq!(
        head.get("/admin").await.location.as_deref(),
        Some("/login"),
        "old session over"
    );
    let mut again = app.browser();
    assert_eq!(
        again.login("a_head", &pw).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        again.get("/admin").await.location.as_deref(),
        Some("/admin/password")
    );
    assert!(admin.get("/admin/audit").await.body.contains("重置密码"));
}

#[tokio::test]
async fn tokens_are_issued_with_an_expiry_shown_once_and_revoked() {
    let app = TestApp::new().await;
    let mut clerk = app.login("a_clerk").await;
    let csrf = clerk.csrf("/admin/tokens").await;
    let bad = clerk
        .post(
            "/admin/tokens",
            &[("csrf", &csrf), ("name", ""), ("days", "30")],
        )
        .await;
    assert!(bad.status == StatusCode::UNPROCESSABLE_ENTITY && bad.body.contains("请填写令牌用途"));
    let issued = clerk
        .post(
            "/admin/tokens",
            &[("csrf", &csrf), ("name", "对接"), ("days", "30")],
        )
        .await;
    let secret = secret_in(&issued.body);
    assert!(secret.starts_with("gk_"));
    let mut b = app.browser();
    assert_eq!(
        b.send(api(&secret, "GET", "/api/v1/agencies", None))
            .await
            .status,
        StatusCode::OK
    );
    let list = clerk.get("/admin/tokens").await.body;
    assert!(
        list.contains("对接") && !list.contains(&secret),
        "the secret is never shown again"
    );
    let mut admin = app.login("a_admin").await;
    let seen = admin.get("/admin/tokens").await.body;
    assert!(
        seen.contains("a_clerk"),
        "the agency admin sees the clerk's token"
    );
    let id = seen
        .split("/admin/tokens/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let mut b_admin = app.login("b_admin").await;
    let csrf_b = b_admin.csrf("/admin").await;
    let cross = b_admin
        .post(&format!("/admin/tokens/{id}/revoke"), &[("csrf", &csrf_b)])
        .await;
    assert_eq!(cross.status, StatusCode::NOT_FOUND);
    let csrf_a = admin.csrf("/admin").await;
    let done = admin
        .post(&format!("/admin/tokens/{id}/revoke"), &[("csrf", &csrf_a)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(
        b.send(api(&secret, "GET", "/api/v1/agencies", None))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert!(clerk.get("/admin/tokens").await.body.contains("已吊销"));
}

#[tokio::test]
async fn the_api_changes_accounts_and_revokes_tokens_within_its_scope() {
    let app = TestApp::new().await;
    let admin = token_for(&app, "a_admin").await;
    let b_admin = token_for(&app, "b_admin").await;
    let clerk = token_for(&app, "a_clerk").await;
    let mut b = app.browser();
    let path = format!("/api/v1/users/{}", id_of("a_clerk"));
    let cross = b
        .send(api(
            &b_admin,
            "PATCH",
            &path,
            Some(r#"{"version":1,"active":false}"#),
        ))
        .await;
    assert_eq!(cross.status, StatusCode::NOT_FOUND);
    let bad = b.send(api(&admin, "PATCH", &path, Some("{not json"))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("\"errors\"") && bad.body.contains("JSON"));
    let done = b
        .send(api(
            &admin,
            "PATCH",
            &path,
            Some(r#"{"version":1,"active":false}"#),
        ))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("\"active\":false"));
    let stale = b
        .send(api(
            &admin,
            "PATCH",
            &path,
            Some(r#"{"version":1,"active":true}"#),
        ))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(
        b.send(api(&clerk, "GET", "/api/v1/tokens", None))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let list = b.send(api(&admin, "GET", "/api/v1/tokens", None)).await;
    let v: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2, "{v}");
    assert!(!list.body.contains("hash"));
    let id = v[0]["id"].as_i64().unwrap();
    let b_sees = b
        .send(api(
            &b_admin,
            "DELETE",
            &format!("/api/v1/tokens/{id}"),
            None,
        ))
        .await;
    assert_eq!(b_sees.status, StatusCode::NOT_FOUND);
    let revoked = b
        .send(api(&admin, "DELETE", &format!("/api/v1/tokens/{id}"), None))
        .await;
    assert!(revoked.status == StatusCode::OK && revoked.body.contains("revoked_at\":\"2"));
}

//! Login, logout, CSRF rejection and throttling.

use crate::helpers::*;
use axum::http::StatusCode;

#[tokio::test]
async fn login_page_shows_a_form_with_a_csrf_field() {
    let app = TestApp::new().await;
    let page = app.browser().get("/login").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("工作人员登录"));
    assert!(csrf_in(&page.body).is_some_and(|t| t.len() > 32));
}

#[tokio::test]
async fn correct_password_signs_in_and_dashboard_greets_the_account() {
    let app = TestApp::new().await;
    let mut b = app.browser();
    let res = b.login("a_clerk", PASSWORD).await;
    assert_eq!(
        (res.status, res.location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/admin"))
    );
    let dash = b.get("/admin").await;
    assert_eq!(dash.status, StatusCode::OK);
    assert!(dash.body.contains("a_clerk同志（经办人）"), "{}", dash.body);
    assert!(dash.body.contains("CA人民政府"));
}

#[tokio::test]
async fn wrong_password_shows_the_form_again_with_a_chinese_message() {
    let app = TestApp::new().await;
    let res = app.browser().login("a_clerk", "wrong-password").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("用户名或密码错误"));
    assert!(res.body.contains("value=\"a_clerk\""), "username kept");
}

#[tokio::test]
async fn login_without_the_csrf_token_is_rejected() {
    let app = TestApp::new().await;
    let mut b = app.browser();
    b.get("/login").await;
    let res = b
        .post("/login", &[("username", "sys"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("表单已过期或来源无效"));
    let forged = b
        .post(
            "/login",
            &[
                ("username", "sys"),
                ("password", PASSWORD),
                ("csrf", "forged"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn logout_ends_the_session_and_needs_the_csrf_token() {
    let app = TestApp::new().await;
    let mut b = app.login("a_head").await;
    let refused = b.post("/logout", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let csrf = b.csrf("/admin").await;
    let res = b.post("/logout", &[("csrf", &csrf)]).await;
    assert_eq!(
        (res.status, res.location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/login"))
    );
    let after = b.get("/admin").await;
    assert_eq!(
        (after.status, after.location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/login"))
    );
}

#[tokio::test]
async fn the_old_session_cookie_is_dead_after_logout() {
    let app = TestApp::new().await;
    let mut b = app.login("a_head").await;
    let stolen = b.cookies.clone();
    let csrf = b.csrf("/admin").await;
    b.post("/logout", &[("csrf", &csrf)]).await;
    let mut thief = app.browser();
    thief.cookies = stolen;
    assert_eq!(thief.get("/admin").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in() {
    let app = TestApp::new().await;
    let s = &app.db.store;
    let (u, _) = s.user_for_login("a_reviewer").await.unwrap().unwrap();
    let off = gongkai_storage::UserChanges {
        display_name: u.display_name.clone(),
        role: u.role,
        active: false,
    };
    s.update_user(
        &gongkai_storage::Actor::system(),
        u.agency_id,
        u.id,
        u.version,
        &off,
    )
    .await
    .unwrap();
    let res = app.browser().login("a_reviewer", PASSWORD).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_account_changes_its_own_password_after_proving_the_current_one() {
    let app = TestApp::new().await;
    let mut b = app.login("a_clerk").await;
    let mut other_session = app.login("a_clerk").await;
    let csrf = b.csrf("/admin/password").await;
    let new = "Brand-new-2026";
    let form = |current: &'static str, new: &'static str, repeat: &'static str| {
        vec![("current", current), ("new", new), ("repeat", repeat)]
    };
    let cases = [
        (form("nope", new, new), "当前密码不正确"),
        (form(PASSWORD, "short", "short"), "密码至少 10 位"),
        (
            form(PASSWORD, "          ", "          "),
            "密码不能包含空格",
        ),
        (form(PASSWORD, "alllowercase", "alllowercase"), "至少包含"),
        (
            form(PASSWORD, "A_Clerk-2026", "A_Clerk-2026"),
            "不能包含用户名",
        ),
        (
            form(PASSWORD, new, "Brand-new-2027"),
            "两次输入的新密码不一致",
        ),
    ];
    for (mut f, message) in cases {
        f.push(("csrf", &csrf));
        let res = b.post("/admin/password", &f).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(res.body.contains(message), "{message}: {}", res.body);
        assert!(
            res.body.contains("field-error"),
            "the message sits beside its field"
        );
    }
    let mut ok = form(PASSWORD, new, new);
    ok.push(("csrf", &csrf));
    assert_eq!(
        b.post("/admin/password", &ok).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        b.get("/admin").await.status,
        StatusCode::OK,
        "this session goes on"
    );
    assert_eq!(
        other_session.get("/admin").await.location.as_deref(),
        Some("/login"),
        "the other session is over"
    );
    assert_eq!(
        app.browser().login("a_clerk", PASSWORD).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.browser().login("a_clerk", new).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn user_names_are_case_insensitive_at_login() {
    let app = TestApp::new().await;
    let res = app.browser().login("  A_Clerk ", PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_handed_over_password_must_be_changed_before_anything_else() {
    let app = TestApp::new().await;
    let s = &app.db.store;
    let (u, hash) = s.user_for_login("a_head").await.unwrap().unwrap();
    s.set_password(
        &gongkai_storage::Actor::system(),
        u.agency_id,
        u.id,
        &hash,
        true,
    )
    .await
    .unwrap();
    let mut b = app.login("a_head").await;
    for path in ["/admin", "/admin/agencies", "/admin/tokens"] {
        let res = b.get(path).await;
        assert_eq!(res.location.as_deref(), Some("/admin/password"), "{path}");
    }
    let page = b.get("/admin/password").await;
    assert!(page.body.contains("请先设置自己的新密码"), "{}", page.body);
    let csrf = csrf_in(&page.body).unwrap();
    let new = "Head-of-Office-1";
    let done = b
        .post(
            "/admin/password",
            &[
                ("csrf", &csrf),
                ("current", PASSWORD),
                ("new", new),
                ("repeat", new),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(b.get("/admin").await.status, StatusCode::OK);
}

//! Sign-in throttling through the router: delays instead of lock-outs, per account and address,
//! the known-device exemption, atomic under parallel guesses, and the password form.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

#[tokio::test]
async fn failures_from_one_address_slow_that_address_but_never_lock_the_owner_out() {
    let app = TestApp::new().await;
    let mut attacker = app.browser();
    attacker.addr = "203.0.113.66".into();
    for _ in 0..5 {
        let res = attacker.login("a_admin", "wrong-password").await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let blocked = attacker.login("a_admin", PASSWORD).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.body.contains("尝试次数过多"), "{}", blocked.body);
    let owner = app.browser().login("a_admin", PASSWORD).await;
    assert_eq!(
        owner.status,
        StatusCode::SEE_OTHER,
        "the owner's own address is not slowed"
    );
    let other = attacker.login("a_clerk", PASSWORD).await;
    assert_eq!(
        other.status,
        StatusCode::SEE_OTHER,
        "other accounts from that address work"
    );
}

#[tokio::test]
async fn guesses_from_many_addresses_cannot_keep_a_known_browser_out() {
    let app = TestApp::new().await;
    let mut owner = app.login("a_admin").await;
    let csrf = owner.csrf("/admin").await;
    owner.post("/logout", &[("csrf", &csrf)]).await;
    assert!(owner.cookies.contains_key("gk_device"));
    for i in 0..30 {
        let mut bot = app.browser();
        bot.addr = format!("198.51.100.{i}");
        bot.login("a_admin", "wrong-password").await;
    }
    let mut stranger = app.browser();
    stranger.addr = "198.51.100.200".into();
    let slowed = stranger.login("a_admin", PASSWORD).await;
    assert_eq!(
        slowed.status,
        StatusCode::TOO_MANY_REQUESTS,
        "unknown browsers wait"
    );
    let back = owner.login("a_admin", PASSWORD).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
}

#[tokio::test]
async fn parallel_guesses_never_run_more_password_checks_than_allowed() {
    let app = TestApp::new().await;
    let router = app.router();
    let mut b = app.browser();
    b.app = router.clone();
    let csrf = b.csrf("/login").await;
    let cookie = b.cookie_header().unwrap();
    let tasks: Vec<_> = (0..150)
        .map(|_| {
            let (router, cookie, csrf) = (router.clone(), cookie.clone(), csrf.clone());
            tokio::spawn(async move {
                let body = format!(
                    "username=a_admin&password=wrong-{}&csrf={}",
                    1,
                    encode(&csrf)
                );
                let req = Request::post("/login")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::COOKIE, cookie)
                    .header("x-forwarded-for", "203.0.113.9")
                    .body(Body::from(body))
                    .unwrap();
                router.oneshot(req).await.unwrap().status()
            })
        })
        .collect();
    let mut checked = 0;
    for t in tasks {
        if t.await.unwrap() == StatusCode::UNPROCESSABLE_ENTITY {
            checked += 1;
        }
    }
    assert_eq!(checked, 5, "exactly the five free attempts were checked");
    let metrics = b
        .send(
            Request::get("/metrics")
                .header(header::AUTHORIZATION, "Bearer metrics-secret")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .body;
    assert!(
        metrics.contains("gongkai_password_checks_total 5"),
        "{metrics}"
    );
}

#[tokio::test]
async fn the_current_password_check_is_throttled_too() {
    let app = TestApp::new().await;
    let mut b = app.login("a_clerk").await;
    let csrf = b.csrf("/admin/password").await;
    let new = "Brand-new-2026";
    let form = |current: &'static str| {
        [
            ("csrf", csrf.clone()),
            ("current", current.to_owned()),
            ("new", new.to_owned()),
            ("repeat", new.to_owned()),
        ]
    };
    for _ in 0..5 {
        let f = form("wrong");
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert!(
            b.post("/admin/password", &f)
                .await
                .body
                .contains("当前密码不正确")
        );
    }
    let f = form(PASSWORD);
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = b.post("/admin/password", &f).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("尝试次数过多"), "{}", res.body);
}

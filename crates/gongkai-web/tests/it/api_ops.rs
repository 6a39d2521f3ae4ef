//! The JSON API, its OpenAPI document, health, metrics, assets and the public portal.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use gongkai_storage::{Actor, NewApiToken};
use gongkai_web::password;

#[tokio::test]
async fn api_answers_401_without_a_valid_token() {
    let app = TestApp::new().await;
    let mut b = app.browser();
    let res = b.get("/api/v1/agencies").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.body.contains("\"errors\""));
    let req = Request::get("/api/v1/agencies").header(header::AUTHORIZATION, "Bearer nope");
    assert_eq!(
        b.send(req.body(Body::empty()).unwrap()).await.status,
        StatusCode::UNAUTHORIZED
    );
}

pub async fn token_for(app: &TestApp, name: &str) -> String {
    let (u, _) = app.db.store.user_for_login(name).await.unwrap().unwrap();
    let token = password::new_api_token();
    let hash = password::token_hash(&token);
    let new = NewApiToken {
        user_id: u.id,
        name: "t".into(),
        token_hash: hash,
        expires_at: None,
    };
    app.db
        .store
        .create_api_token(&Actor::system(), u.agency_id, &new)
        .await
        .unwrap();
    token
}

#[tokio::test]
async fn api_lists_only_what_the_token_owner_may_see() {
    let app = TestApp::new().await;
    let token = token_for(&app, "a_inspector").await;
    let mut b = app.browser();
    let req = |p: &str| {
        Request::get(p)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    let res = b.send(req("/api/v1/agencies")).await;
    assert_eq!(res.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let codes: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["CA", "CA1"]);
    let users = b.send(req("/api/v1/users")).await;
    assert_eq!(users.status, StatusCode::OK);
    assert!(!users.body.contains("password_hash") && !users.body.contains("b_admin"));
    let clerk = token_for(&app, "a_clerk").await;
    let r = Request::get("/api/v1/users").header(header::AUTHORIZATION, format!("Bearer {clerk}"));
    assert_eq!(
        b.send(r.body(Body::empty()).unwrap()).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn openapi_document_describes_the_api() {
    let app = TestApp::new().await;
    let res = app.browser().get("/api/v1/openapi.json").await;
    assert_eq!(res.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert!(v["openapi"].as_str().unwrap().starts_with('3'));
    assert!(v["paths"]["/api/v1/agencies"]["get"].is_object());
    assert!(v["paths"]["/api/v1/users"]["get"].is_object());
}

#[tokio::test]
async fn health_metrics_assets_and_request_ids_work() {
    let app = TestApp::new().await;
    let mut b = app.browser();
    let health = b.get("/healthz").await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
    assert!(health.headers.contains_key("x-request-id"));
    b.login("a_clerk", "wrong-password-x").await;
    assert_eq!(
        b.get("/metrics").await.status,
        StatusCode::UNAUTHORIZED,
        "metrics need the token"
    );
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
        metrics.contains("gongkai_http_responses_total{class=\"2xx\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains("gongkai_logins_total{result=\"failed\"} 1"),
        "{metrics}"
    );
    let home = b.get("/").await;
    assert!(
        home.body.contains("政府信息公开")
            && !home.body.contains("http://")
            && !home.body.contains("https://")
    );
    let css = csrf_free_css_url(&home.body);
    let asset = b.get(&css).await;
    assert_eq!(asset.status, StatusCode::OK);
    assert!(
        asset.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(b.get("/no/such/page").await.status, StatusCode::NOT_FOUND);
}

fn csrf_free_css_url(body: &str) -> String {
    let at = body.find("/assets/app-").unwrap();
    body[at..].split('"').next().unwrap().to_owned()
}

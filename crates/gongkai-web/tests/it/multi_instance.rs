//! Two app instances (two routers, two connection pools) on one PostgreSQL database share the
//! signed-in session: what a load balancer in front of several `gongkai serve` processes needs.

use crate::helpers::*;
use axum::http::StatusCode;
use gongkai_storage::testing::TestDb;
use gongkai_web::{AppState, router};
use std::sync::Arc;

#[tokio::test]
async fn two_instances_on_one_postgres_database_serve_the_same_session() {
    let app = TestApp::on(TestDb::postgres().await).await;
    let mut first = app.login("a_admin").await;
    let second_store = app.db.reopen().await;
    let mut second = Browser {
        app: router(AppState::new(Arc::new(second_store), TestApp::config())),
        cookies: first.cookies.clone(),
        addr: first.addr.clone(),
    };
    let page = second.get("/admin").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("a_admin同志"));
    let csrf = second.csrf("/admin").await;
    second.post("/logout", &[("csrf", &csrf)]).await;
    assert_eq!(
        first.get("/admin").await.status,
        StatusCode::SEE_OTHER,
        "logout seen by both"
    );
}

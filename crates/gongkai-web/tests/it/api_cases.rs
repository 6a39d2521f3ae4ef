//! `/api/v1/applications` through the router: filing from another system (idempotent), the
//! list and one case within the token's scope, a step with its article on refusal, 409 on a
//! stale version, roles and other agencies kept out, and the OpenAPI document.

use crate::api_ops::token_for;
use crate::helpers::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

fn api(token: &str, method: &str, path: &str, json: Option<String>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(json.map_or(Body::empty(), Body::from))
        .unwrap()
}

fn new_application(key: &str) -> String {
    serde_json::json!({
        "form": {
            "applicant_type": "commercial", "name": "某某科技有限公司",
            "credit_code": "91350100M000100Y43", "legal_rep": "李四", "contact_person": "王五",
            "phone": "0591-87654321", "address": "福建省福州市鼓楼区1号", "postcode": "350001",
            "title": "2025年度政府采购项目清单", "retrieval": "paper", "delivery": "post"
        },
        "channel": "registered_mail", "arrived_on": "2026-02-27", "idempotency_key": key
    })
    .to_string()
}

#[tokio::test]
async fn another_system_files_lists_reads_and_steps_a_case_within_its_scope() {
    let app = TestApp::new().await;
    let clerk = token_for(&app, "a_clerk").await;
    let mut b = app.browser();
    let created = b
        .send(api(
            &clerk,
            "POST",
            "/api/v1/applications",
            Some(new_application("ext-1")),
        ))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let v: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    assert_eq!(v["number"], "2026-00001");
    assert_eq!(v["case"]["applicant"], "commercial");
    // 20 working days after Friday 27 February: Saturday 28 February is a 调休 working day (2026
    // 春节), so the 20th is Thursday 26 March.
    assert_eq!(v["due_on"], "2026-03-26");
    let again = b
        .send(api(
            &clerk,
            "POST",
            "/api/v1/applications",
            Some(new_application("ext-1")),
        ))
        .await;
    let w: serde_json::Value = serde_json::from_str(&again.body).unwrap();
    assert_eq!(w["id"], v["id"], "the same key files once");
    let list = b
        .send(api(&clerk, "GET", "/api/v1/applications?open=true", None))
        .await;
    assert!(list.body.contains("某某科技有限公司"));
    let step = serde_json::json!({"version": 1, "command": {"command": "request_correction", "on": "2026-03-02", "items": "请写明采购项目编号", "period": 10}});
    let ok = b
        .send(api(
            &clerk,
            "POST",
            "/api/v1/applications/1/steps",
            Some(step.to_string()),
        ))
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert!(ok.body.contains("awaiting_correction"));
    let stale = b
        .send(api(
            &clerk,
            "POST",
            "/api/v1/applications/1/steps",
            Some(step.to_string()),
        ))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let supplied = serde_json::json!({"version": 2, "command": {"command": "receive_correction", "on": "2026-03-02", "late_reason": null}});
    let ok = b
        .send(api(
            &clerk,
            "POST",
            "/api/v1/applications/1/steps",
            Some(supplied.to_string()),
        ))
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let twice = serde_json::json!({"version": 3, "command": {"command": "request_correction", "on": "2026-03-02", "items": "再补", "period": 5}});
    let refused = b
        .send(api(
            &clerk,
            "POST",
            "/api/v1/applications/1/steps",
            Some(twice.to_string()),
        ))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("第三十条"), "{}", refused.body);
    let extend = serde_json::json!({"version": 3, "command": {"command": "extend", "on": "2026-03-02", "days": 20, "approver": "x"}});
    assert_eq!(
        b.send(api(
            &clerk,
            "POST",
            "/api/v1/applications/1/steps",
            Some(extend.to_string())
        ))
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn other_agencies_and_read_only_roles_are_kept_out() {
    let app = TestApp::new().await;
    let clerk = token_for(&app, "a_clerk").await;
    let mut b = app.browser();
    b.send(api(
        &clerk,
        "POST",
        "/api/v1/applications",
        Some(new_application("k")),
    ))
    .await;
    let inspector = token_for(&app, "a_inspector").await;
    let filed = b
        .send(api(
            &inspector,
            "POST",
            "/api/v1/applications",
            Some(new_application("k2")),
        ))
        .await;
    assert_eq!(filed.status, StatusCode::FORBIDDEN);
    assert_eq!(
        b.send(api(&inspector, "GET", "/api/v1/applications/1", None))
            .await
            .status,
        StatusCode::OK,
        "督查 reads the subtree"
    );
    let other = token_for(&app, "b_admin").await;
    assert_eq!(
        b.send(api(&other, "GET", "/api/v1/applications/1", None))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.send(api(&other, "GET", "/api/v1/applications", None))
            .await
            .body,
        "[]"
    );
    let step =
        serde_json::json!({"version": 1, "command": {"command": "withdraw", "on": "2026-03-02"}});
    assert_eq!(
        b.send(api(
            &other,
            "POST",
            "/api/v1/applications/1/steps",
            Some(step.to_string())
        ))
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let bad = b
        .send(api(
            &clerk,
            "POST",
            "/api/v1/applications",
            Some("{\"form\":{}}".into()),
        ))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = b.get("/api/v1/openapi.json").await.body;
    for path in ["/api/v1/applications", "/api/v1/applications/{id}/steps"] {
        assert!(doc.contains(path), "{path}");
    }
}

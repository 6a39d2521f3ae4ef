//! `gongkai demo`: a fresh folder becomes a platform with applications in every state; a folder
//! with data is refused and left as it was; the audit log of the demo verifies.

use crate::server::{ADMIN_PASSWORD, Server, audit_verify};
use gongkai_storage::testing::query_i64_at;

const KEY: &str = "7b1d2c3b4a5968778695a4b3c2d1e0f0112233445566778899aabbccddeeff03";

fn demo(data: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["demo", "--data", data.to_str().unwrap()])
        .env("GONGKAI_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("GONGKAI_AUDIT_KEY", KEY)
        .env("GONGKAI_TODAY", "2026-12-01")
        .output()
        .unwrap()
}

#[tokio::test]
async fn demo_fills_a_fresh_folder_once_and_its_cases_show() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = demo(&data);
    let (stdout, stderr) = crate::text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("22 件依申请公开申请、3 件行政复议和行政诉讼") && stdout.contains("clerk"),
        "{stdout}"
    );

    let url = format!("sqlite://{}/gongkai.db?mode=ro", data.display());
    let count = |sql: &'static str| {
        let url = url.clone();
        async move { query_i64_at(&url, sql).await }
    };
    // Every state of the clock is there: open, suspended, answered, closed in each way.
    let statuses = count("SELECT COUNT(DISTINCT status) FROM applications").await;
    assert!(statuses >= 8, "{statuses} distinct states");
    assert!(count("SELECT COUNT(*) FROM letters").await >= 30);
    assert_eq!(count("SELECT COUNT(*) FROM proceedings").await, 3);
    assert!(count("SELECT COUNT(*) FROM applications WHERE received_year = 2025").await >= 3);

    // A second run refuses and changes nothing.
    let again = demo(&data);
    assert_eq!(again.status.code(), Some(2), "{:?}", crate::text(&again));
    assert!(crate::text(&again).1.contains("已有数据"));
    assert_eq!(count("SELECT COUNT(*) FROM applications").await, 22);

    // The clerk sees the overdue and due-soon cases in the inbox.
    let server = Server::start(
        &data,
        None,
        &[("GONGKAI_AUDIT_KEY", KEY), ("GONGKAI_TODAY", "2026-12-01")],
    );
    let mut clerk = server.client();
    assert_eq!(
        clerk
            .login("clerk", gongkai_web::demo::DEMO_PASSWORD)
            .await
            .status,
        303
    );
    let inbox = clerk.get("/admin/cases").await;
    assert!(
        inbox.body.contains("已逾期") && inbox.body.contains("即将到期"),
        "{}",
        inbox.body
    );
    server.stop();
    let (code, out, err) = audit_verify(&data, None, &[("GONGKAI_AUDIT_KEY", KEY)]);
    assert_eq!(code, 0, "{out}{err}");
}

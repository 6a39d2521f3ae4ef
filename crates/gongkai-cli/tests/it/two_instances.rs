//! Two `gongkai serve` processes on one PostgreSQL database, configured with one audit key,
//! serve the same signed-in session; a second instance with a key of its own is refused.

use crate::server::*;

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_logged_in_on_one_instance_is_valid_on_the_other() {
    // Arrange: one fresh PostgreSQL database, two server processes on it with one key.
    let database = gongkai_storage::testing::TestDb::new_postgres_database().await;
    let dir = tempfile::tempdir().unwrap();
    let env = [("GONGKAI_AUDIT_KEY", KEY)];
    let a = Server::start(&dir.path().join("a"), Some(&database), &env);
    let b = Server::start(&dir.path().join("b"), Some(&database), &env);

    // Act: log in on A.
    let mut browser = a.client();
    let login = browser.login("admin", ADMIN_PASSWORD).await;
    assert_eq!(login.status, 303, "{}", login.body);

    // Assert: B serves the back office to those cookies, and a stranger is sent to the login page.
    let mut on_b = b.client();
    on_b.cookies = browser.cookies.clone();
    let page = on_b.get("/admin").await;
    assert_eq!(
        page.status,
        200,
        "{}",
        &page.body[..page.body.len().min(400)]
    );
    assert!(
        page.body.contains("系统管理员"),
        "the dashboard names the signed-in account"
    );
    assert_eq!(b.client().get("/admin").await.status, 303);
}

#[test]
fn an_instance_with_a_key_of_its_own_is_refused() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let database = rt.block_on(gongkai_storage::testing::TestDb::new_postgres_database());
    let dir = tempfile::tempdir().unwrap();
    let first = Server::start(
        &dir.path().join("a"),
        Some(&database),
        &[("GONGKAI_AUDIT_KEY", KEY)],
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["migrate", "--database", &database])
        .args(["--data", dir.path().join("b").to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("审计密钥与数据库不符"), "{err}");
    assert!(
        !dir.path().join("b/audit.key").exists(),
        "the refused key file is removed"
    );
    first.stop();
}

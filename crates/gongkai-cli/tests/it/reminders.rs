//! `gongkai serve` with an `[smtp]` server configured through the environment mails the reminders
//! of due cases at start (and every minute), to the agency's 公开设置 addresses, with links under
//! `GONGKAI_BASE_URL`; a half-configured `[smtp]` stops the start with a Chinese message.

use crate::server::Server;
use gongkai_domain::agency::Profile;
use gongkai_domain::application::ApplicantType;
use gongkai_domain::calendar::WorkCalendar;
use gongkai_storage::cases::Due;
use gongkai_storage::conformance::{build, cases::new_application};
use gongkai_storage::{Actor, AuditKey, Seal};
use gongkai_web::testing::SmtpSink;
use std::path::Path;
use std::time::{Duration, Instant};

/// Fills `data` before the first start: an agency with a reminder address and a case overdue
/// on 2 March 2026. Returns the case's id.
async fn overdue_case(data: &Path, key: &AuditKey) -> i64 {
    std::fs::create_dir_all(data).unwrap();
    let url = format!("sqlite://{}/gongkai.db?mode=rwc", data.display());
    let seal = Seal::new(key.clone(), Some(data.join("audit-checkpoints.log"))).unwrap();
    let store = gongkai_storage::open(&url, seal).await.unwrap();
    let me = Actor::system();
    let agency = store
        .create_agency(&me, &build::agency("CX", None))
        .await
        .unwrap();
    let profile = Profile {
        reminder_emails: "duty@cx.example.cn".into(),
        ..Profile::default()
    };
    store
        .set_profile(&me, agency.id, 0, &profile)
        .await
        .unwrap();
    let cal = WorkCalendar::shipped();
    let mut new = new_application(
        &cal,
        "2026-01-28",
        "预算",
        "1",
        ApplicantType::NaturalPerson,
    );
    new.due = Due {
        on: Some("2026-02-27".parse().unwrap()),
        provisional: false,
    };
    store.create_application(agency.id, &new).await.unwrap().id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_mails_the_reminders_through_the_smtp_server_of_its_environment() {
    // Arrange
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let key = AuditKey::generate().unwrap();
    let id = overdue_case(&data, &key).await;
    let sink = SmtpSink::start().await;
    let port = sink.port.to_string();
    let env = [
        ("GONGKAI_AUDIT_KEY", key.to_hex()),
        ("GONGKAI_TODAY", "2026-03-02".into()),
        ("GONGKAI_SMTP__HOST", "127.0.0.1".into()),
        ("GONGKAI_SMTP__PORT", port),
        ("GONGKAI_SMTP__TLS", "none".into()),
        (
            "GONGKAI_SMTP__FROM",
            "政府信息公开平台 <noreply@cx.example.cn>".into(),
        ),
        ("GONGKAI_BASE_URL", "https://gk.cx.example.cn".into()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();

    // Act: start the server and wait for the run it makes at start.
    let server = Server::start(&data, None, &env);
    let started = Instant::now();
    while sink.messages().is_empty() && started.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    server.stop();

    // Assert
    let got = sink.messages();
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].rcpt, ["duty@cx.example.cn"]);
    assert_eq!(
        got[0].subject,
        "【到期提醒】CX人民政府政府信息公开申请：已逾期 1 件"
    );
    let link = format!("https://gk.cx.example.cn/admin/cases/{id}\n");
    assert!(got[0].body.contains(&link), "{}", got[0].body);
    assert!(
        got[0]
            .body
            .contains("登记编号 2026-00001，答复期限 2026年2月27日")
    );
}

#[test]
fn an_smtp_host_without_a_sender_stops_the_start_with_a_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--data", dir.path().to_str().unwrap()])
        .env("GONGKAI_SMTP__HOST", "smtp.example.cn")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("还需要设置发件人 from"), "{err}");
}

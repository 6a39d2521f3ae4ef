//! 到期提醒: the e-mail job against a local SMTP server started by the test — one message per
//! agency to its 公开设置 addresses, once per case, kind and day, also with two instances on one
//! database; a refused message is retried — and the dashboard block of due cases per account.

use crate::helpers::*;
use gongkai_domain::agency::Profile;
use gongkai_domain::application::ApplicantType;
use gongkai_domain::calendar::WorkCalendar;
use gongkai_storage::cases::Due;
use gongkai_storage::conformance::cases::new_application;
use gongkai_storage::*;
use gongkai_web::AppState;
use gongkai_web::reminders::{ReminderSettings, Reminders, RunReport, SmtpSettings, TlsMode};
use gongkai_web::testing::{Received, SmtpSink};
use std::sync::Arc;

const BASE: &str = "https://gk.example.cn";

/// Stores an open application of `agency` asking `what`, due on `due`; returns its id.
async fn due_case(app: &TestApp, agency: &str, what: &str, due: &str) -> i64 {
    let mut new = new_application(
        &WorkCalendar::shipped(),
        "2026-02-02",
        what,
        what,
        ApplicantType::NaturalPerson,
    );
    new.due = Due {
        on: Some(due.parse().unwrap()),
        provisional: false,
    };
    let a = app.db.store.create_application(app.ids[agency], &new).await;
    a.unwrap().id
}

async fn reminder_emails(app: &TestApp, agency: &str, emails: &str) {
    let p = Profile {
        reminder_emails: emails.into(),
        ..Profile::default()
    };
    let s = &app.db.store;
    s.set_profile(&Actor::system(), app.ids[agency], 0, &p)
        .await
        .unwrap();
}

/// The fixture on “today” 2 March 2026 (window up to 9 March): in A one overdue case, one due
/// soon and one with time left; in B one due soon; in A1 (no addresses) one overdue.
async fn fixture(app: &TestApp) -> [i64; 5] {
    reminder_emails(app, "A", "gk@a.example.cn， head@a.example.cn").await;
    reminder_emails(app, "B", "gk@b.example.cn").await;
    [
        due_case(app, "A", "甲逾期", "2026-02-27").await,
        due_case(app, "A", "甲将到期", "2026-03-05").await,
        due_case(app, "A", "甲未到期", "2026-04-30").await,
        due_case(app, "B", "乙将到期", "2026-03-09").await,
        due_case(app, "A1", "下级逾期", "2026-02-20").await,
    ]
}

fn job(sink: &SmtpSink) -> Reminders {
    let smtp = SmtpSettings {
        host: "127.0.0.1".into(),
        port: sink.port,
        tls: TlsMode::None,
        user: None,
        password: None,
        from: "政府信息公开平台 <noreply@gk.example.cn>".into(),
    };
    let settings = ReminderSettings {
        smtp,
        base_url: format!("{BASE}/"),
    };
    Reminders::new(&settings).unwrap()
}

/// An app instance on `store` whose today is `day`.
fn instance(store: Arc<dyn Store>, day: &str) -> AppState {
    let mut c = TestApp::config();
    c.today = Some(day.parse().unwrap());
    AppState::new(store, c)
}

fn link(id: i64) -> String {
    format!("{BASE}/admin/cases/{id}\n")
}

fn to(m: &Received) -> Vec<&str> {
    let mut r: Vec<&str> = m.rcpt.iter().map(String::as_str).collect();
    r.sort_unstable();
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_agency_gets_one_message_naming_its_due_cases_once_a_day() {
    // Arrange
    let app = TestApp::new().await;
    let [late, soon, later, b_soon, sub_late] = fixture(&app).await;
    let sink = SmtpSink::start().await;
    let state = instance(app.db.store.clone(), TODAY);

    // Act: the job runs twice on the same day.
    let first = job(&sink).run_once(&state).await.unwrap();
    let second = job(&sink).run_once(&state).await.unwrap();

    // Assert: A and B each got one message, A1 (no addresses) none; nothing twice.
    let expected = RunReport {
        messages: 2,
        cases: 3,
        failed: 0,
    };
    assert_eq!((first, second.messages), (expected, 0));
    let got = sink.messages();
    assert_eq!(got.len(), 2, "{got:#?}");
    let a = got.iter().find(|m| m.rcpt.len() == 2).expect("A's message");
    assert_eq!(to(a), ["gk@a.example.cn", "head@a.example.cn"]);
    assert_eq!(
        a.subject,
        "【到期提醒】CA人民政府政府信息公开申请：已逾期 1 件、即将到期 1 件"
    );
    for text in [
        "已逾期（1 件）",
        "登记编号 2026-00001，答复期限 2026年2月27日",
        "登记编号 2026-00002，答复期限 2026年3月5日",
        "截至2026年3月2日",
    ] {
        assert!(a.body.contains(text), "{text} in {}", a.body);
    }
    assert!(a.body.contains(&link(late)) && a.body.contains(&link(soon)));
    assert!(!a.body.contains(&link(later)) && !a.body.contains(&link(sub_late)));
    assert!(
        !a.body.contains("甲逾期"),
        "no request text leaves the platform"
    );
    let b = got
        .iter()
        .find(|m| m.rcpt == ["gk@b.example.cn"])
        .expect("B's message");
    assert!(b.subject.contains("即将到期 1 件") && b.body.contains(&link(b_soon)));
    let log = app
        .db
        .store
        .audit_events(Scope::agency(app.ids["A"]), 1)
        .await
        .unwrap();
    assert_eq!(log[0].event.action, "reminders_sent");
    assert!(
        log[0].event.summary.contains("gk@a.example.cn"),
        "{}",
        log[0].event.summary
    );
    assert!(app.db.verify().await.is_intact());
}

/// Two instances run the job at once on the next day: every case is named in exactly one message.
async fn two_instances_send_each_reminder_once(app: TestApp) {
    let ids = fixture(&app).await;
    let sink = SmtpSink::start().await;
    let one = instance(app.db.store.clone(), "2026-03-03");
    let two = instance(Arc::new(app.db.reopen().await), "2026-03-03");

    let (job_one, job_two) = (job(&sink), job(&sink));
    let (x, y) = tokio::join!(job_one.run_once(&one), job_two.run_once(&two));
    let (x, y) = (x.unwrap(), y.unwrap());
    job(&sink).run_once(&two).await.unwrap();

    assert_eq!(
        (x.cases + y.cases, x.failed + y.failed),
        (3, 0),
        "{x:?} {y:?}"
    );
    let got = sink.messages();
    assert_eq!(got.len(), x.messages + y.messages);
    for (id, times) in [
        (ids[0], 1),
        (ids[1], 1),
        (ids[2], 0),
        (ids[3], 1),
        (ids[4], 0),
    ] {
        let n = got.iter().filter(|m| m.body.contains(&link(id))).count();
        assert_eq!(n, times, "case {id}: {got:#?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_sqlite_database_send_each_reminder_once() {
    two_instances_send_each_reminder_once(TestApp::new().await).await;
}

#[cfg(feature = "postgres-tests")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_database_send_each_reminder_once() {
    let db = gongkai_storage::testing::TestDb::postgres().await;
    two_instances_send_each_reminder_once(TestApp::on(db).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_message_is_sent_by_a_later_run_and_a_new_day_reminds_again() {
    // Arrange
    let app = TestApp::new().await;
    let [late, ..] = fixture(&app).await;
    let sink = SmtpSink::start().await;
    let state = instance(app.db.store.clone(), TODAY);

    // Act: the server refuses the first run, accepts the second; then a new day.
    sink.refuse(true);
    let refused = job(&sink).run_once(&state).await.unwrap();
    sink.refuse(false);
    let retried = job(&sink).run_once(&state).await.unwrap();
    let tomorrow = instance(app.db.store.clone(), "2026-03-03");
    let next_day = job(&sink).run_once(&tomorrow).await.unwrap();

    // Assert
    assert_eq!((refused.messages, refused.failed), (0, 2));
    assert_eq!((retried.messages, retried.cases), (2, 3));
    assert_eq!((next_day.messages, next_day.cases), (2, 3));
    let got = sink.messages();
    assert_eq!(
        got.iter().filter(|m| m.body.contains(&link(late))).count(),
        2
    );
    let dated = |day: &str| got.iter().filter(|m| m.body.contains(day)).count();
    assert_eq!(
        (dated("截至2026年3月2日"), dated("截至2026年3月3日")),
        (2, 2)
    );
}

#[tokio::test]
async fn the_dashboard_lists_due_cases_of_the_accounts_agencies_only() {
    // Arrange
    let app = TestApp::new().await;
    let [late, soon, later, b_soon, _] = fixture(&app).await;

    // Act
    let clerk = app.login("a_clerk").await.get("/admin").await.body;
    let other = app.login("b_admin").await.get("/admin").await.body;
    let inspector = app.login("a_inspector").await.get("/admin").await.body;

    // Assert: A's clerk sees A's overdue and due-soon cases, linked, counted and marked.
    let row = |id: i64| format!("href=\"/admin/cases/{id}\"");
    assert!(clerk.contains("到期提醒"), "{clerk}");
    assert!(
        clerk.contains(&row(late)) && clerk.contains(&row(soon)),
        "{clerk}"
    );
    assert!(
        clerk.contains("<strong class=\"n-overdue\">1</strong>"),
        "{clerk}"
    );
    assert!(
        clerk.contains("<strong class=\"n-soon\">1</strong>"),
        "{clerk}"
    );
    assert!(clerk.contains("甲逾期") && clerk.contains("2026-02-27"));
    assert!(
        !clerk.contains(&row(later)) && !clerk.contains("乙将到期"),
        "{clerk}"
    );
    // B's account sees only B's case; A's inspector also sees A1's, with its agency named.
    assert!(
        other.contains(&row(b_soon)) && !other.contains("甲逾期"),
        "{other}"
    );
    assert!(!other.contains(&row(late)) && !other.contains(&row(soon)));
    assert!(
        inspector.contains("下级逾期") && inspector.contains("CA1人民政府"),
        "{inspector}"
    );
    assert!(inspector.contains("<strong class=\"n-overdue\">2</strong>"));
}

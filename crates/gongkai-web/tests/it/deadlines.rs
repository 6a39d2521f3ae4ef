//! Deadlines through the platform: each event of the clock moves the stored deadline exactly as
//! the domain computes it (with hand-counted anchors), a case received in late December is 暂定
//! until next year's circular is loaded, and loading it recomputes the deadline and logs why.

use crate::cases::file_online;
use crate::helpers::*;
use axum::http::StatusCode;
use gongkai_domain::calendar::WorkCalendar;
use gongkai_domain::deadline::Mode;
use gongkai_storage::Scope;
use gongkai_storage::cases::Due;

/// A made-up 2027 arrangement (the real circular is not published yet), test data only.
const Y2027: &str = r#"
schema = "gongkai.holidays/1"

[[year]]
year = 2027
version = 1
circulars = [{ title = "国务院办公厅关于2027年部分节假日安排的通知（测试数据）", url = "https://www.gov.cn/test" }]
holidays = [
  { name = "元旦", first = "2027-01-01", last = "2027-01-03" },
  { name = "春节", first = "2027-02-05", last = "2027-02-12", workdays = ["2027-02-20"] },
  { name = "清明节", first = "2027-04-03", last = "2027-04-05" },
  { name = "劳动节", first = "2027-05-01", last = "2027-05-05", workdays = ["2027-05-08"] },
  { name = "端午节", first = "2027-06-09", last = "2027-06-09" },
  { name = "中秋节", first = "2027-09-15", last = "2027-09-15" },
  { name = "国庆节", first = "2027-10-01", last = "2027-10-07", workdays = ["2027-09-26", "2027-10-09"] },
]
"#;

async fn stored_due(app: &TestApp, id: i64) -> (Due, Option<chrono::NaiveDate>) {
    let a = app
        .db
        .store
        .application(Scope::subtree(app.ids["ROOT"]), id)
        .await
        .unwrap();
    let domain = a
        .case
        .answer_deadline(&WorkCalendar::shipped(), Mode::Provisional)
        .ok()
        .and_then(|d| d.due());
    let domain = if a.case.is_open() { domain } else { None };
    (a.due, domain)
}

async fn step(b: &mut Browser, id: i64, form: &[(&str, &str)]) -> Page {
    let page = b.get(&format!("/admin/cases/{id}")).await.body;
    let (csrf, version) = (csrf_in(&page).unwrap(), hidden(&page, "version"));
    let mut f: Vec<(&str, &str)> = vec![("csrf", &csrf), ("version", &version)];
    f.extend_from_slice(form);
    let res = b.post(&format!("/admin/cases/{id}/steps"), &f).await;
    assert_eq!(
        res.status,
        StatusCode::SEE_OTHER,
        "{:?}: {}",
        form,
        res.body.split("未能办理").nth(1).unwrap_or("")
    );
    res
}

fn day(s: &str) -> Option<chrono::NaiveDate> {
    Some(s.parse().unwrap())
}

#[tokio::test]
async fn every_clock_event_moves_the_stored_deadline_as_the_domain_computes_it() {
    let app = TestApp::new().await;
    file_online(&app).await;
    assert_eq!(
        stored_due(&app, 1).await.0.on,
        day("2026-03-30"),
        "20 working days after Monday 2 March"
    );
    let mut clerk = app.browser_on("2026-03-20");
    clerk.login("a_clerk", PASSWORD).await;
    step(
        &mut clerk,
        1,
        &[
            ("step", "correction"),
            ("on", "2026-03-03"),
            ("items", "文号"),
            ("days", "10"),
        ],
    )
    .await;
    let (due, _) = stored_due(&app, 1).await;
    assert_eq!(
        due.on,
        day("2026-03-30"),
        "the 补正 notice itself does not stop the clock"
    );
    step(
        &mut clerk,
        1,
        &[("step", "supplement"), ("on", "2026-03-06")],
    )
    .await;
    assert_eq!(
        stored_due(&app, 1).await.0.on,
        day("2026-04-03"),
        "restarts from the supplement: 20 working days after 6 March"
    );
    step(
        &mut clerk,
        1,
        &[
            ("step", "fee"),
            ("on", "2026-03-09"),
            ("date2", "2026-03-09"),
            ("fee_method", "per_volume"),
            ("quantity", "40"),
        ],
    )
    .await;
    assert_eq!(
        stored_due(&app, 1).await.0.on,
        None,
        "paused while the fee is unpaid"
    );
    assert!(clerk.get("/admin/cases").await.body.contains("暂停计算"));
    step(&mut clerk, 1, &[("step", "paid"), ("on", "2026-03-13")]).await;
    let (due, domain) = stored_due(&app, 1).await;
    assert_eq!(due.on, domain);
    assert!(
        due.on > day("2026-04-03"),
        "the paused days are added: {due:?}"
    );
    step(&mut clerk, 1, &[("step", "reasons"), ("on", "2026-03-16")]).await;
    step(
        &mut clerk,
        1,
        &[
            ("step", "defer"),
            ("on", "2026-03-20"),
            ("date2", "2026-05-29"),
            ("reasons", "申请数量大"),
        ],
    )
    .await;
    assert_eq!(
        stored_due(&app, 1).await.0.on,
        day("2026-05-29"),
        "the deferred deadline of 第三十五条"
    );
    step(
        &mut clerk,
        1,
        &[
            ("step", "decide"),
            ("on", "2026-03-20"),
            ("reply", "granted"),
            ("legal_basis", "第三十六条第二项"),
        ],
    )
    .await;
    assert_eq!(
        stored_due(&app, 1).await,
        (Due::default(), None),
        "answered: no deadline"
    );
}

#[tokio::test]
async fn lapses_close_the_case_into_the_closure_rows() {
    let app = TestApp::new().await;
    file_online(&app).await;
    file_online(&app).await;
    let mut clerk = app.browser_on("2026-03-04");
    clerk.login("a_clerk", PASSWORD).await;
    step(
        &mut clerk,
        1,
        &[
            ("step", "correction"),
            ("on", "2026-03-03"),
            ("items", "文号"),
            ("days", "5"),
        ],
    )
    .await;
    step(
        &mut clerk,
        2,
        &[
            ("step", "fee"),
            ("on", "2026-03-03"),
            ("date2", "2026-03-03"),
            ("fee_method", "per_volume"),
            ("quantity", "40"),
        ],
    )
    .await;
    let mut later = app.browser_on("2026-04-15");
    later.login("a_clerk", PASSWORD).await;
    step(
        &mut later,
        1,
        &[("step", "correction_lapsed"), ("on", "2026-04-15")],
    )
    .await;
    step(
        &mut later,
        2,
        &[("step", "fee_lapsed"), ("on", "2026-04-15")],
    )
    .await;
    let stats = later.get("/admin/stats?year=2026").await.body;
    for cell in [
        "2026:other_no_correction:natural_person",
        "2026:other_fee_unpaid:natural_person",
    ] {
        assert!(stats.contains(cell), "{cell}");
    }
    let case = later.get("/admin/cases/1").await.body;
    assert!(
        case.contains("终止") && case.contains("已终止"),
        "the termination notice was issued"
    );
}

#[tokio::test]
async fn a_december_case_is_provisional_until_next_years_calendar_is_loaded_then_recomputed_and_logged()
 {
    let app = TestApp::new().await;
    let mut citizen = app.browser_on("2026-12-10");
    let page = citizen.get("/xxgk/CA/apply").await.body;
    let form: Vec<(&str, String)> = crate::cases::person_form()
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
    let form = crate::cases::with_form_fields(&page, form);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let receipt = citizen.post_multipart("/xxgk/CA/apply", &fields, &[]).await;
    assert!(
        receipt.body.contains("2027-01-07") && receipt.body.contains("暂定"),
        "{}",
        receipt.body
    );
    let due = stored_due(&app, 1).await.0;
    assert_eq!((due.on, due.provisional), (day("2027-01-07"), true));
    // A 行政复议 about it, its copy received on the last Monday of the year: its answer
    // deadline runs into 2027 and is 暂定 too.
    let mut clerk = app.browser_on("2026-12-28");
    clerk.login("a_clerk", PASSWORD).await;
    let mut fields = crate::proceedings::review("2026-00001", "2026-12-28", "d1");
    fields.retain(|(k, _)| *k != "filed_on");
    fields.push(("filed_on", "2026-12-24"));
    let res = crate::proceedings::register(&mut clerk, &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let answer_due = || async {
        let p = app
            .db
            .store
            .proceeding(Scope::subtree(app.ids["ROOT"]), 1)
            .await
            .unwrap();
        p.due
    };
    let before = answer_due().await;
    assert!(before.provisional && before.on.is_some(), "{before:?}");
    let mut sys = app.browser_on("2026-12-29");
    sys.login("sys", PASSWORD).await;
    let csrf = sys.csrf("/admin/calendar").await;
    let preview = sys
        .post(
            "/admin/calendar/preview",
            &[("csrf", &csrf), ("text", Y2027)],
        )
        .await;
    assert!(
        preview.body.contains("2027-01-01") && preview.body.contains("确认载入"),
        "{}",
        preview.body
    );
    let loaded = sys
        .post("/admin/calendar", &[("csrf", &csrf), ("text", Y2027)])
        .await;
    assert!(
        loaded
            .body
            .contains("2 件办理中的申请和待答复的复议诉讼案件的答复期限已重新计算"),
        "{}",
        loaded.body
    );
    let due = stored_due(&app, 1).await.0;
    assert_eq!(
        (due.on, due.provisional),
        (day("2027-01-08"), false),
        "元旦 2027 is now a day off"
    );
    let case = sys.get("/admin/cases/1").await.body;
    assert!(
        case.contains("答复期限由2027-01-07（暂定）改为2027-01-08"),
        "{case}"
    );
    // The review's deadline is exact now, one day later for 元旦, and the change is logged.
    let after = answer_due().await;
    assert!(!after.provisional, "{after:?}");
    assert!(after.on > before.on, "{before:?} → {after:?}");
    let review = sys.get("/admin/proceedings/1").await.body;
    let logged = format!(
        "答复期限由{}（暂定）改为{}",
        before.on.unwrap(),
        after.on.unwrap()
    );
    assert!(review.contains(&logged), "{logged}: {review}");
    let again = sys
        .post("/admin/calendar", &[("csrf", &csrf), ("text", Y2027)])
        .await;
    assert!(again.body.contains("已经载入过"));
    let mut clerk = app.login("a_clerk").await;
    assert_eq!(
        clerk
            .post("/admin/calendar", &[("csrf", &csrf), ("text", Y2027)])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(app.db.verify().await.is_intact());
}

//! 行政复议 / 行政诉讼 through the router: registering a proceeding linked by 申请编号 (input kept
//! and every message beside its field on a wrong form; a resubmitted form stored once), the
//! answer deadline marked in the register, answering and deciding, table 四 on the stats page
//! with its drill-down, another agency kept out, every role, and `/api/v1/proceedings`. Each
//! test runs on SQLite, and on PostgreSQL with feature `postgres-tests`.

use crate::api_ops::token_for;
use crate::helpers::*;
use axum::http::StatusCode;
use gongkai_domain::application::ApplicantType;
use gongkai_domain::calendar::WorkCalendar;
use gongkai_storage::Scope;
use gongkai_storage::conformance::cases::new_application;

const DONE: StatusCode = StatusCode::SEE_OTHER;
const REFUSED: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

on_both_backends!(
    a_clerk_registers_a_review_by_case_number_and_the_register_marks_answers_due,
    a_wrong_registration_comes_back_with_each_message_beside_its_field,
    answering_and_deciding_feed_table_four_and_its_drill_down,
    another_agencys_account_is_kept_out,
    every_role_reads_and_changes_what_it_may,
    the_api_registers_once_per_key_and_updates_with_the_version_read,
);

/// `n` applications received on 2 February 2026 in agency `key` (numbered 2026-00001 …).
async fn applications(app: &TestApp, key: &str, n: usize) -> Vec<i64> {
    let cal = WorkCalendar::shipped();
    let mut ids = Vec::new();
    for i in 0..n {
        let new = new_application(
            &cal,
            "2026-02-02",
            &format!("信息{i}"),
            &format!("{key}{i}"),
            ApplicantType::NaturalPerson,
        );
        ids.push(
            app.db
                .store
                .create_application(app.ids[key], &new)
                .await
                .unwrap()
                .id,
        );
    }
    ids
}

/// The registration form's fields for a review about `cases`, copy received on `copy`.
pub(crate) fn review<'a>(cases: &'a str, copy: &'a str, nonce: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("nonce", nonce),
        ("kind", "admin_review"),
        ("forum_name", "某某市人民政府"),
        ("case_no", "某复〔2026〕7号"),
        ("filed_on", "2026-02-05"),
        ("copy_received_on", copy),
        ("procedure", "ordinary"),
        ("applications", cases),
    ]
}

/// Submits the registration form as the signed-in `b`.
pub(crate) async fn register(b: &mut Browser, fields: &[(&str, &str)]) -> Page {
    let csrf = b.csrf("/admin/proceedings").await;
    let mut form = fields.to_vec();
    form.push(("csrf", &csrf));
    b.post("/admin/proceedings", &form).await
}

/// Posts the decision of proceeding 1.
async fn decide(b: &mut Browser, on: &str, decision: &str) -> Page {
    step(
        b,
        1,
        &[("step", "decide"), ("on", on), ("decision", decision)],
    )
    .await
}

/// Asserts that `page` was refused (422) saying `text`.
fn assert_refused(page: &Page, text: &str) {
    assert_eq!(page.status, REFUSED, "{}", page.body);
    assert!(page.body.contains(text), "{text}: {}", page.body);
}

/// Posts a step to proceeding `id` at the version the page shows.
async fn step(b: &mut Browser, id: i64, fields: &[(&str, &str)]) -> Page {
    let path = format!("/admin/proceedings/{id}");
    let page = b.get(&path).await.body;
    let (csrf, version) = (csrf_in(&page).unwrap(), hidden(&page, "version"));
    let mut form = fields.to_vec();
    form.extend([("csrf", csrf.as_str()), ("version", version.as_str())]);
    b.post(&format!("{path}/steps"), &form).await
}

async fn a_clerk_registers_a_review_by_case_number_and_the_register_marks_answers_due(
    app: TestApp,
) {
    applications(&app, "A", 2).await;
    let mut clerk = app.login("a_clerk").await;
    let form = clerk.get("/admin/proceedings/new?case=2026-00001").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("value=\"2026-00001\""),
        "prefilled from the case page"
    );
    // Copy received Tuesday 24 February 2026: 10 working days (Saturday 28 February is a 调休
    // working day) end on Monday 9 March — within 5 working days of today (2 March).
    let fields = review("2026-00001、2026-00002", "2026-02-24", "n1");
    let res = register(&mut clerk, &fields).await;
    assert_eq!(
        (res.status, res.location.as_deref()),
        (DONE, Some("/admin/proceedings/1")),
        "{}",
        res.body
    );
    let again = register(&mut clerk, &fields).await;
    assert_eq!(
        again.location.as_deref(),
        Some("/admin/proceedings/1"),
        "a resubmitted form registers once"
    );
    // Copy received Friday 6 February: Saturday 14 February works, 15–23 February are 春节; due 27 February.
    let res = register(&mut clerk, &review("2026-00002", "2026-02-06", "n2")).await;
    assert_eq!(res.status, DONE, "{}", res.body);
    let page = clerk.get("/admin/proceedings/1").await.body;
    for text in [
        "2026-03-09",
        "即将到期",
        "某复〔2026〕7号",
        "/admin/cases/1",
        "/admin/cases/2",
        "登记行政复议案件",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    let list = clerk.get("/admin/proceedings").await.body;
    assert!(list.contains("共 2 件"), "{list}");
    assert!(
        list.contains("<tr class=\"soon\">") && list.contains("<tr class=\"overdue\">"),
        "{list}"
    );
    assert!(
        list.find("2026-02-27") < list.find("2026-03-09"),
        "earliest answer first"
    );
    let overdue = clerk.get("/admin/proceedings?due=overdue").await.body;
    assert!(
        overdue.contains("共 1 件") && overdue.contains("2026-02-27"),
        "{overdue}"
    );
    let by_case = clerk.get("/admin/proceedings?case=2026-00001").await.body;
    assert!(by_case.contains("共 1 件"), "{by_case}");
    let case = clerk.get("/admin/cases/1").await.body;
    assert!(
        case.contains("href=\"/admin/proceedings/1\"")
            && !case.contains("href=\"/admin/proceedings/2\""),
        "{case}"
    );
    assert!(case.contains("/admin/proceedings/new?case=2026-00001"));
}

async fn a_wrong_registration_comes_back_with_each_message_beside_its_field(app: TestApp) {
    applications(&app, "A", 2).await;
    applications(&app, "B", 3).await;
    let mut clerk = app.login("a_clerk").await;
    let mut fields = review("2026-00003 2026-00001", "2026-02-01", "n3");
    fields.retain(|(k, _)| *k != "forum_name");
    let res = register(&mut clerk, &fields).await;
    for text in [
        "请填写复议机关或人民法院",
        "收到副本之日不能早于申请复议或起诉之日",
        "本机关没有申请编号为 2026-00003 的申请",
        "value=\"2026-00003 2026-00001\"",
        "value=\"某复〔2026〕7号\"",
    ] {
        assert_refused(&res, text);
    }
    let mut future = review("2026-00001", "", "n4");
    future.retain(|(k, _)| *k != "filed_on");
    future.push(("filed_on", "2026-03-03"));
    let res = register(&mut clerk, &future).await;
    assert_refused(&res, "晚于今天（2026-03-02）");
    let list = clerk.get("/admin/proceedings").await.body;
    assert!(
        list.contains("没有符合条件的复议或诉讼案件"),
        "nothing stored: {list}"
    );
}

async fn answering_and_deciding_feed_table_four_and_its_drill_down(app: TestApp) {
    applications(&app, "A", 1).await;
    let mut clerk = app.login("a_clerk").await;
    assert_eq!(
        register(&mut clerk, &review("2026-00001", "2026-02-24", "r1"))
            .await
            .status,
        DONE
    );
    let mut suit = review("2026-00001", "", "r2");
    suit.retain(|(k, _)| *k != "kind");
    suit.push(("kind", "litigation_direct"));
    assert_eq!(register(&mut clerk, &suit).await.status, DONE);
    let early = decide(&mut clerk, "2026-02-04", "review_revoked").await;
    assert_refused(&early, "早于申请行政复议之日");
    let wrong = decide(&mut clerk, "2026-03-02", "suit_dismissed").await;
    assert_eq!(wrong.status, REFUSED, "a judgment cannot end a review");
    assert_eq!(
        step(&mut clerk, 1, &[("step", "answer"), ("on", "2026-03-02")])
            .await
            .status,
        DONE
    );
    let stale_page = clerk.get("/admin/proceedings/1").await.body;
    let csrf = csrf_in(&stale_page).unwrap();
    let decided = decide(&mut clerk, "2026-03-02", "review_revoked").await;
    assert_eq!(decided.status, DONE, "{}", decided.body);
    let stale = clerk
        .post(
            "/admin/proceedings/1/steps",
            &[
                ("csrf", &csrf),
                ("version", "2"),
                ("step", "note"),
                ("text", "晚到的备注"),
            ],
        )
        .await;
    assert_refused(&stale, "已被他人修改，请刷新后再操作");
    let page = clerk.get("/admin/proceedings/1").await.body;
    assert!(
        page.contains("计入年度报告表四“结果纠正”") && page.contains("2026-03-02 已提交答复"),
        "{page}"
    );
    let a = app.ids["A"];
    let stats = clerk.get("/admin/stats?year=2026").await.body;
    for (cell, n) in [
        ("admin_review:corrected", 1),
        ("admin_review:total", 1),
        ("litigation_direct:pending", 1),
        ("litigation_direct:total", 1),
    ] {
        let link = format!("/admin/proceedings?cell=2026:{cell}&amp;agency={a}\">{n}</a>");
        assert!(stats.contains(&link), "{link}: {stats}");
    }
    assert!(
        !stats.contains("cell=2026:admin_review:upheld"),
        "no other cell counts"
    );
    assert!(stats.contains("等于总计”成立"));
    let drill = clerk
        .get(&format!(
            "/admin/proceedings?cell=2026:admin_review:corrected&agency={a}"
        ))
        .await
        .body;
    assert!(
        drill.contains("共 1 件")
            && drill.contains("/admin/proceedings/1\"")
            && !drill.contains("/admin/proceedings/2\""),
        "{drill}"
    );
    assert!(
        drill.contains("2026年度表四：行政复议 / 结果纠正"),
        "{drill}"
    );
    let last_year = clerk.get("/admin/stats?year=2025").await.body;
    assert!(
        !last_year.contains("proceedings?cell=2025:"),
        "nothing in 2025"
    );
}

async fn another_agencys_account_is_kept_out(app: TestApp) {
    let ours = applications(&app, "A", 1).await;
    let theirs = applications(&app, "B", 1).await;
    let mut clerk = app.login("a_clerk").await;
    assert_eq!(
        register(&mut clerk, &review("2026-00001", "2026-02-24", "x1"))
            .await
            .status,
        DONE
    );
    let mut other = app.login("b_admin").await;
    assert_eq!(
        other.get("/admin/proceedings/1").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        other
            .get("/admin/proceedings")
            .await
            .body
            .contains("没有符合条件")
    );
    let a = app.ids["A"];
    let drill = other
        .get(&format!(
            "/admin/proceedings?cell=2026:admin_review:total&agency={a}"
        ))
        .await;
    assert_eq!(drill.status, StatusCode::NOT_FOUND);
    let csrf = other.csrf("/admin/proceedings").await;
    let res = other
        .post(
            "/admin/proceedings/1/steps",
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("step", "note"),
                ("text", "x"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // The same 申请编号 names B's own application when B registers.
    let res = register(&mut other, &review("2026-00001", "2026-02-24", "x2")).await;
    assert_eq!(
        res.location.as_deref(),
        Some("/admin/proceedings/2"),
        "{}",
        res.body
    );
    let page = other.get("/admin/proceedings/2").await.body;
    assert!(
        page.contains(&format!("/admin/cases/{}\"", theirs[0]))
            && !page.contains(&format!("/admin/cases/{}\"", ours[0])),
        "{page}"
    );
    let stored = app.db.store.proceeding(Scope::agency(a), 1).await.unwrap();
    assert_eq!(stored.version, 1, "unchanged by the other agency");
}

/// Per account of ACCOUNTS: the list, the form, the page, and a step.
const ROLES: [(StatusCode, StatusCode, StatusCode, StatusCode); 7] = {
    const OK: StatusCode = StatusCode::OK;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    const GONE: StatusCode = StatusCode::NOT_FOUND;
    [
        (OK, NO, OK, NO),     // sys: reads everything, handles nothing
        (OK, OK, OK, DONE),   // a_admin
        (OK, OK, OK, DONE),   // a_clerk
        (OK, NO, OK, NO),     // a_reviewer
        (OK, OK, OK, DONE),   // a_head
        (OK, NO, OK, NO),     // a_inspector
        (OK, OK, GONE, GONE), // b_admin
    ]
};

async fn every_role_reads_and_changes_what_it_may(app: TestApp) {
    applications(&app, "A", 1).await;
    let mut clerk = app.login("a_clerk").await;
    assert_eq!(
        register(&mut clerk, &review("2026-00001", "", "e1"))
            .await
            .status,
        DONE
    );
    let a = Scope::agency(app.ids["A"]);
    for (i, (name, _, _)) in ACCOUNTS.iter().enumerate() {
        let mut b = app.login(name).await;
        let got = (
            b.get("/admin/proceedings").await.status,
            b.get("/admin/proceedings/new").await.status,
            b.get("/admin/proceedings/1").await.status,
        );
        let version = app
            .db
            .store
            .proceeding(a, 1)
            .await
            .unwrap()
            .version
            .to_string();
        let csrf = b.csrf("/admin/proceedings").await;
        let note = [
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("step", "note"),
            ("text", name),
        ];
        let stepped = b.post("/admin/proceedings/1/steps", &note).await.status;
        let posted = b
            .post("/admin/proceedings", &[("csrf", csrf.as_str())])
            .await
            .status;
        let want = ROLES[i];
        assert_eq!((got.0, got.1, got.2, stepped), want, "{name}");
        assert_eq!(
            posted,
            if want.1 == StatusCode::OK {
                REFUSED
            } else {
                StatusCode::FORBIDDEN
            },
            "{name} POST"
        );
    }
    let notes = app
        .db
        .store
        .proceeding(a, 1)
        .await
        .unwrap()
        .proceeding
        .notes;
    assert_eq!(notes, ["a_admin", "a_clerk", "a_head"]);
    let mut stranger = app.browser();
    for path in [
        "/admin/proceedings",
        "/admin/proceedings/new",
        "/admin/proceedings/1",
    ] {
        assert_eq!(
            stranger.get(path).await.location.as_deref(),
            Some("/login"),
            "{path}"
        );
    }
}

fn json(p: &Page) -> serde_json::Value {
    serde_json::from_str(&p.body).unwrap_or_else(|_| panic!("JSON: {}", p.body))
}

async fn the_api_registers_once_per_key_and_updates_with_the_version_read(app: TestApp) {
    let ours = applications(&app, "A", 1).await;
    let clerk = token_for(&app, "a_clerk").await;
    let mut b = app.browser();
    let new = serde_json::json!({
        "kind": "admin_review", "forum_name": "某某市人民政府", "filed_on": "2026-02-05",
        "application_ids": ours, "idempotency_key": "ext-1"
    });
    let created = b
        .send(api(
            &clerk,
            "POST",
            "/api/v1/proceedings",
            Some(new.clone()),
        ))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let v = json(&created);
    assert_eq!(
        (
            v["kind"].as_str(),
            v["status"].as_str(),
            v["version"].as_i64()
        ),
        (Some("admin_review"), Some("filed"), Some(1))
    );
    let again = b
        .send(api(
            &clerk,
            "POST",
            "/api/v1/proceedings",
            Some(new.clone()),
        ))
        .await;
    assert_eq!(json(&again)["id"], v["id"], "the same key registers once");
    let list = json(
        &b.send(api(&clerk, "GET", "/api/v1/proceedings?open=true", None))
            .await,
    );
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let copy = serde_json::json!({"version": 1, "command": {"command": "receive_copy", "on": "2026-02-24"}});
    let got = b
        .send(api(
            &clerk,
            "PATCH",
            "/api/v1/proceedings/1",
            Some(copy.clone()),
        ))
        .await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    assert_eq!(json(&got)["answer_due"], "2026-03-09");
    let stale = b
        .send(api(&clerk, "PATCH", "/api/v1/proceedings/1", Some(copy)))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let wrong = serde_json::json!({"version": 2, "command": {"command": "decide", "on": "2026-03-02", "decision": "suit_dismissed"}});
    let refused = b
        .send(api(&clerk, "PATCH", "/api/v1/proceedings/1", Some(wrong)))
        .await;
    assert_refused(&refused, "不能用于行政复议案件");
    let decide = serde_json::json!({"version": 2, "command": {"command": "decide", "on": "2026-03-02", "decision": "review_upheld"}});
    let decided = json(
        &b.send(api(&clerk, "PATCH", "/api/v1/proceedings/1", Some(decide)))
            .await,
    );
    assert_eq!(
        (decided["outcome"].as_str(), decided["answer_due"].as_str()),
        (Some("upheld"), None)
    );
    let inspector = token_for(&app, "a_inspector").await;
    assert_eq!(
        b.send(api(&inspector, "GET", "/api/v1/proceedings/1", None))
            .await
            .status,
        StatusCode::OK
    );
    let mut theirs = new.clone();
    theirs["idempotency_key"] = "ext-2".into();
    assert_eq!(
        b.send(api(
            &inspector,
            "POST",
            "/api/v1/proceedings",
            Some(theirs.clone())
        ))
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let other = token_for(&app, "b_admin").await;
    assert_eq!(
        b.send(api(&other, "GET", "/api/v1/proceedings/1", None))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.send(api(&other, "GET", "/api/v1/proceedings", None))
            .await
            .body,
        "[]"
    );
    let note = serde_json::json!({"version": 3, "command": {"command": "note", "text": "x"}});
    assert_eq!(
        b.send(api(&other, "PATCH", "/api/v1/proceedings/1", Some(note)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let foreign = b
        .send(api(&other, "POST", "/api/v1/proceedings", Some(theirs)))
        .await;
    assert_eq!(
        foreign.status, REFUSED,
        "B cannot link A's application: {}",
        foreign.body
    );
    let doc = b.get("/api/v1/openapi.json").await.body;
    assert!(doc.contains("/api/v1/proceedings/{id}") && doc.contains("ProceedingUpdateJson"));
}

//! Every back-office route against every role, and cross-agency denial.

use crate::helpers::*;
use axum::http::StatusCode;

const OK: StatusCode = StatusCode::OK;
const NO: StatusCode = StatusCode::FORBIDDEN;
const GONE: StatusCode = StatusCode::NOT_FOUND;
const DONE: StatusCode = StatusCode::SEE_OTHER;
const REFUSED: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

/// GET routes (with `{A}` = agency A, `{B}` = agency B) and the status per account of ACCOUNTS.
const GETS: [(&str, [StatusCode; 7]); 12] = [
    //                  sys   a_admin a_clerk a_rev a_head a_insp b_admin
    ("/admin", [OK, OK, OK, OK, OK, OK, OK]),
    ("/admin/agencies", [OK, OK, OK, OK, OK, OK, OK]),
    ("/admin/agencies/new", [OK, NO, NO, NO, NO, NO, NO]),
    ("/admin/agencies/{A}", [OK, OK, OK, OK, OK, OK, GONE]),
    (
        "/admin/agencies/{A1}",
        [OK, GONE, GONE, GONE, GONE, OK, GONE],
    ),
    ("/admin/users", [OK, OK, NO, NO, NO, OK, OK]),
    ("/admin/users/new", [OK, OK, NO, NO, NO, NO, OK]),
    ("/admin/audit", [OK, OK, NO, NO, NO, OK, OK]),
    ("/admin/password", [OK, OK, OK, OK, OK, OK, OK]),
    ("/admin/tokens", [OK, OK, OK, OK, OK, OK, OK]),
    ("/admin/users/{U:a_clerk}", [OK, OK, NO, NO, NO, OK, GONE]),
    ("/admin/users/{U:b_admin}", [OK, GONE, NO, NO, NO, GONE, OK]),
];

fn fill(app: &TestApp, path: &str) -> String {
    let mut p = path
        .replace("{A1}", &app.ids["A1"].to_string())
        .replace("{A}", &app.ids["A"].to_string());
    for (i, (name, _, _)) in ACCOUNTS.iter().enumerate() {
        p = p.replace(&format!("{{U:{name}}}"), &(i + 1).to_string());
    }
    p
}

#[tokio::test]
async fn every_back_office_page_answers_each_role_as_specified() {
    let app = TestApp::new().await;
    for (i, (name, _, _)) in ACCOUNTS.iter().enumerate() {
        let mut b = app.login(name).await;
        for (path, expected) in GETS {
            let got = b.get(&fill(&app, path)).await.status;
            assert_eq!(got, expected[i], "{name} GET {path}");
        }
    }
}

#[tokio::test]
async fn every_back_office_route_sends_strangers_to_the_login_page() {
    let app = TestApp::new().await;
    let mut b = app.browser();
    for (path, _) in GETS {
        let res = b.get(&fill(&app, path)).await;
        assert_eq!(
            (res.status, res.location.as_deref()),
            (DONE, Some("/login")),
            "GET {path}"
        );
    }
    for path in [
        "/admin/agencies",
        "/admin/users",
        "/logout",
        &fill(&app, "/admin/agencies/{A}"),
    ] {
        let res = b.post(path, &[("csrf", "x")]).await;
        assert_eq!(res.status, DONE, "POST {path}");
    }
}

fn agency_form<'a>(csrf: &'a str, code: &'a str, parent: &'a str) -> Vec<(&'a str, &'a str)> {
    let all = vec![
        ("csrf", csrf),
        ("name", "新设机关"),
        ("code", code),
        ("level", "township"),
        ("parent_id", parent),
        ("version", "1"),
        ("address", "人民路1号"),
        ("postcode", "336000"),
        ("phone", "0795-3561234"),
        ("email", "e@x.cn"),
    ];
    all.into_iter()
        .filter(|(k, v)| *k == "csrf" || !v.is_empty())
        .collect()
}

fn user_form<'a>(
    csrf: &'a str,
    agency: &'a str,
    name: &'a str,
    role: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("agency_id", agency),
        ("username", name),
        ("display_name", "新人"),
        ("role", role),
        ("password", "Long-enough-2026"),
    ]
}

#[tokio::test]
async fn every_form_post_without_the_csrf_token_is_refused() {
    let app = TestApp::new().await;
    let mut b = app.login("sys").await;
    let a = app.ids["A"].to_string();
    let agency_path = format!("/admin/agencies/{a}");
    let posts: [(&str, Vec<(&str, &str)>); 5] = [
        ("/admin/agencies", agency_form("", "NEW1", &a)),
        (&agency_path, agency_form("bad", "", "")),
        ("/admin/users", user_form("", &a, "newbie", "clerk")),
        ("/logout", vec![]),
        (
            "/admin/password",
            vec![
                ("current", PASSWORD),
                ("new", "x-new-password"),
                ("repeat", "x-new-password"),
            ],
        ),
    ];
    for (path, form) in posts {
        assert_eq!(b.post(path, &form).await.status, NO, "POST {path}");
    }
    assert_eq!(b.get("/admin").await.status, OK, "still signed in");
}

#[tokio::test]
async fn only_the_system_admin_creates_agencies_and_the_audit_log_shows_it() {
    let app = TestApp::new().await;
    let a = app.ids["A"].to_string();
    let mut clerk = app.login("a_admin").await;
    let csrf = clerk.csrf("/admin").await;
    assert_eq!(
        clerk
            .post("/admin/agencies", &agency_form(&csrf, "NEW1", &a))
            .await
            .status,
        NO
    );
    let mut sys = app.login("sys").await;
    let csrf = sys.csrf("/admin").await;
    let res = sys
        .post("/admin/agencies", &agency_form(&csrf, "NEW1", &a))
        .await;
    assert_eq!(res.status, DONE, "{}", res.body);
    assert!(sys.get("/admin/agencies").await.body.contains("新设机关"));
    assert!(sys.get("/admin/audit").await.body.contains("新建机关"));
    let dup = sys
        .post("/admin/agencies", &agency_form(&csrf, "NEW1", &a))
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.body.contains("同名机关已存在"), "same name under A");
    let mut other_name = agency_form(&csrf, "NEW1", &a);
    other_name[1].1 = "另一新设机关";
    let dup_code = sys.post("/admin/agencies", &other_name).await;
    assert!(
        dup_code.body.contains("机关代码已存在"),
        "{}",
        dup_code.body
    );
    assert!(
        dup_code.body.contains("value=\"另一新设机关\""),
        "input kept"
    );
}

#[tokio::test]
async fn an_agency_admin_edits_its_own_agency_but_not_another() {
    let app = TestApp::new().await;
    let (a, b_id) = (app.ids["A"].to_string(), app.ids["B"].to_string());
    let mut b = app.login("a_admin").await;
    let csrf = b.csrf("/admin").await;
    let own = b
        .post(&format!("/admin/agencies/{a}"), &agency_form(&csrf, "", ""))
        .await;
    assert_eq!(own.status, DONE, "{}", own.body);
    let stale = b
        .post(&format!("/admin/agencies/{a}"), &agency_form(&csrf, "", ""))
        .await;
    assert_eq!(
        stale.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "version 1 is stale now"
    );
    assert!(stale.body.contains("记录已被他人修改"), "{}", stale.body);
    let other = b
        .post(
            &format!("/admin/agencies/{b_id}"),
            &agency_form(&csrf, "", ""),
        )
        .await;
    assert_eq!(other.status, GONE);
    let mut inspector = app.login("a_inspector").await;
    let csrf = inspector.csrf("/admin").await;
    let ro = inspector
        .post(&format!("/admin/agencies/{a}"), &agency_form(&csrf, "", ""))
        .await;
    assert_eq!(ro.status, NO, "督查 is read-only");
}

#[tokio::test]
async fn accounts_are_created_only_inside_the_own_agency_and_never_above_the_own_role() {
    let app = TestApp::new().await;
    let (a, b_id) = (app.ids["A"].to_string(), app.ids["B"].to_string());
    let mut b = app.login("a_admin").await;
    let csrf = b.csrf("/admin").await;
    let spy = b
        .post("/admin/users", &user_form(&csrf, &b_id, "spy", "clerk"))
        .await;
    assert_eq!(spy.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(spy.body.contains("请选择所属机关"));
    for role in ["system_admin", "inspector"] {
        let res = b
            .post("/admin/users", &user_form(&csrf, &a, "boss", role))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{role}");
        assert!(res.body.contains("请选择您有权授予的角色"), "{role}");
        assert!(
            !res.body.contains("value=\"inspector\""),
            "督查 is not offered"
        );
    }
    let ok = b
        .post("/admin/users", &user_form(&csrf, &a, "newbie", "clerk"))
        .await;
    assert_eq!(ok.status, OK, "{}", ok.body);
    assert!(ok.body.contains("Long-enough-2026") && ok.body.contains("首次登录后必须修改"));
    let again = b
        .post("/admin/users", &user_form(&csrf, &a, "NEWBIE", "clerk"))
        .await;
    assert!(again.body.contains("该用户名已被使用"), "{}", again.body);
    let list = b.get("/admin/users").await.body;
    assert!(
        list.contains("newbie") && !list.contains("b_admin"),
        "{list}"
    );
    let weak = b
        .post(
            "/admin/users",
            &[
                ("csrf", csrf.as_str()),
                ("agency_id", &a),
                ("username", "w"),
                ("display_name", "w"),
                ("role", "clerk"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn lists_never_show_another_agencys_rows() {
    let app = TestApp::new().await;
    let mut insp = app.login("a_inspector").await;
    let agencies = insp.get("/admin/agencies").await.body;
    assert!(
        agencies.contains("CA1人民政府") && !agencies.contains("CB人民政府"),
        "{agencies}"
    );
    let users = insp.get("/admin/users").await.body;
    assert!(users.contains("a_clerk") && !users.contains("b_admin") && !users.contains(">sys<"));
    let audit = insp.get("/admin/audit").await.body;
    assert!(!audit.contains("b_admin"), "audit of B must not leak");
}

/// Changes on those pages (a 签收 of `{C}`, a step, the 公开设置 of A, a calendar preview) and
/// the status per account: only the roles that may change them get past the role check (a form
/// with nothing in it then comes back refused, 422, and nothing changes).
const CASE_POSTS: [(&str, [StatusCode; 7]); 5] = [
    //                  sys   a_admin a_clerk a_rev a_head a_insp b_admin
    (
        "/admin/cases/{C}/route",
        [NO, REFUSED, REFUSED, NO, REFUSED, NO, GONE],
    ),
    (
        "/admin/cases/{C}/steps",
        [NO, REFUSED, REFUSED, NO, REFUSED, NO, GONE],
    ),
    (
        "/admin/agencies/{A}/profile",
        [REFUSED, REFUSED, NO, NO, NO, NO, GONE],
    ),
    (
        "/admin/agencies/{A}/classification/topic",
        [REFUSED, REFUSED, NO, NO, NO, NO, GONE],
    ),
    ("/admin/calendar/preview", [REFUSED, NO, NO, NO, NO, NO, NO]),
];

/// The 依申请公开 and 复议诉讼 pages (`{C}` = an application filed with agency A, `{B}` = agency
/// B) and the status per account of ACCOUNTS.
const CASE_GETS: [(&str, [StatusCode; 7]); 16] = [
    //                  sys   a_admin a_clerk a_rev a_head a_insp b_admin
    ("/admin/cases", [OK, OK, OK, OK, OK, OK, OK]),
    ("/admin/cases.xlsx", [OK, OK, OK, OK, OK, OK, OK]),
    ("/admin/cases/new", [NO, OK, OK, NO, OK, NO, OK]),
    ("/admin/cases/{C}", [OK, OK, OK, OK, OK, OK, GONE]),
    (
        "/admin/cases/{C}/letters/1.pdf",
        [OK, OK, OK, OK, OK, OK, GONE],
    ),
    (
        "/admin/cases?cell=2026:granted:total",
        [OK, OK, OK, OK, OK, OK, OK],
    ),
    ("/admin/stats", [OK, OK, OK, OK, OK, OK, OK]),
    ("/admin/stats?agency={A}", [OK, OK, OK, OK, OK, OK, GONE]),
    (
        "/admin/stats?agency={B}",
        [OK, GONE, GONE, GONE, GONE, GONE, OK],
    ),
    ("/admin/calendar", [OK, OK, OK, OK, OK, OK, OK]),
    (
        "/admin/agencies/{A}/profile",
        [OK, OK, OK, OK, OK, OK, GONE],
    ),
    (
        "/admin/agencies/{A}/classification/topic",
        [OK, OK, OK, OK, OK, OK, GONE],
    ),
    (
        "/admin/agencies/{A}/classification/genre",
        [OK, OK, OK, OK, OK, OK, GONE],
    ),
    ("/admin/proceedings", [OK, OK, OK, OK, OK, OK, OK]),
    ("/admin/proceedings/new", [NO, OK, OK, NO, OK, NO, OK]),
    (
        "/admin/proceedings?agency={B}",
        [OK, GONE, GONE, GONE, GONE, GONE, OK],
    ),
];

async fn every_case_page_answers_each_role_as_specified(app: TestApp) {
    let (_, _, code) = crate::cases::file_online(&app).await;
    let case = app
        .db
        .store
        .application_by_code(&code.replace('-', ""))
        .await
        .unwrap()
        .expect("the filed application")
        .id;
    let mut wrong = Vec::new();
    for (i, (name, _, _)) in ACCOUNTS.iter().enumerate() {
        let mut b = app.login(name).await;
        for (path, expected) in CASE_GETS {
            let path = fill(&app, path)
                .replace("{C}", &case.to_string())
                .replace("{B}", &app.ids["B"].to_string());
            let got = b.get(&path).await.status;
            if got != expected[i] {
                wrong.push(format!(
                    "{name} GET {path}: {got}, expected {}",
                    expected[i]
                ));
            }
        }
        for (path, expected) in CASE_POSTS {
            let path = fill(&app, path).replace("{C}", &case.to_string());
            let csrf = b.csrf("/admin").await;
            let got = b
                .post(&path, &[("csrf", &csrf), ("version", "1")])
                .await
                .status;
            if got != expected[i] {
                wrong.push(format!(
                    "{name} POST {path}: {got}, expected {}",
                    expected[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

on_both_backends!(every_case_page_answers_each_role_as_specified);

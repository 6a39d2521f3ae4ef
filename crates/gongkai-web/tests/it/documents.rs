//! 主动公开 in the back office and the API, through the router: every route for every role and
//! another agency, 先审查、后公开 through the pages (nothing unreviewed is approved), a stale
//! edit, an HTML body shown sanitised, attachments checked by content, and the API.

use crate::api_ops::token_for;
use crate::helpers::*;
use axum::http::StatusCode;
use gongkai_storage::Scope;

const OK: StatusCode = StatusCode::OK;
const NO: StatusCode = StatusCode::FORBIDDEN;
const GONE: StatusCode = StatusCode::NOT_FOUND;
const REFUSED: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

/// A document form with every required field (and `extra` fields added or overriding).
fn form<'a>(csrf: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("csrf", csrf),
        ("title", "关于做好2026年春季防汛工作的通知"),
        ("doc_no", "示政办发〔2026〕3号"),
        ("publisher", "示例机关"),
        ("written_on", "2026-02-27"),
        ("summary", "部署春季防汛工作"),
        ("item", "art20_15"),
        ("openness", "proactive"),
        ("body_format", "markdown"),
        ("body", "各单位：请做好防汛准备。"),
    ];
    for (k, v) in extra {
        f.retain(|(fk, _)| fk != k);
        f.push((k, v));
    }
    f
}

/// Drafts a document as `a_clerk` through the form, with `files`; returns its id.
async fn draft(app: &TestApp, extra: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> i64 {
    let mut clerk = app.login("a_clerk").await;
    let csrf = clerk.csrf("/admin/documents/new").await;
    let res = clerk
        .post_multipart("/admin/documents", &form(&csrf, extra), files)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let at = res.location.unwrap();
    at.rsplit('/').next().unwrap().parse().unwrap()
}

/// POSTs a step as `b` with the document's current version (a forged form for a role that
/// is shown none).
async fn step(app: &TestApp, b: &mut Browser, id: i64, fields: &[(&str, &str)]) -> Page {
    let path = format!("/admin/documents/{id}");
    let csrf = b.csrf(&path).await;
    let version = stored(app, id).await.version.to_string();
    let mut all = vec![("csrf", csrf.as_str()), ("version", version.as_str())];
    all.extend_from_slice(fields);
    b.post(&format!("{path}/steps"), &all).await
}

async fn stored(app: &TestApp, id: i64) -> gongkai_storage::documents::StoredDocument {
    let a = app.ids["A"];
    app.db.store.document(Scope::agency(a), id).await.unwrap()
}

/// GET routes (`{D}` = a draft of agency A, `{F}` = its attachment) per account of ACCOUNTS.
const DOC_GETS: [(&str, [StatusCode; 7]); 5] = [
    //                  sys   a_admin a_clerk a_rev a_head a_insp b_admin
    ("/admin/documents", [OK, OK, OK, OK, OK, OK, OK]),
    ("/admin/documents/new", [NO, NO, OK, NO, NO, NO, NO]),
    ("/admin/documents/{D}", [OK, OK, OK, OK, OK, OK, GONE]),
    ("/admin/documents/{D}/edit", [NO, NO, OK, NO, NO, NO, GONE]),
    (
        "/admin/documents/{D}/files/{F}",
        [OK, OK, OK, OK, OK, OK, GONE],
    ),
];

/// POST routes, sent with a CSRF token and version but no step or fields: a role that may act
/// gets the form back (422), any other 403, another agency 404. (`multipart`: the form has
/// files.)
const DOC_POSTS: [(&str, bool, [StatusCode; 7]); 3] = [
    //                  sys   a_admin a_clerk a_rev a_head a_insp b_admin
    ("/admin/documents", true, [NO, NO, REFUSED, NO, NO, NO, NO]),
    (
        "/admin/documents/{D}/edit",
        true,
        [NO, NO, REFUSED, NO, NO, NO, GONE],
    ),
    (
        "/admin/documents/{D}/steps",
        false,
        [NO, NO, REFUSED, REFUSED, REFUSED, NO, GONE],
    ),
];

async fn every_document_route_answers_each_role_as_specified(app: TestApp) {
    let png: &[u8] = b"\x89PNG\r\n\x1a\n0000";
    let d = draft(&app, &[], &[("files", "图.png", png)]).await;
    let f = stored(&app, d).await.document.content.attachments[0].id.0;
    let before = stored(&app, d).await;
    let mut wrong = Vec::new();
    for (i, (name, _, _)) in ACCOUNTS.iter().enumerate() {
        let mut b = app.login(name).await;
        let fill = |p: &str| {
            p.replace("{D}", &d.to_string())
                .replace("{F}", &f.to_string())
        };
        for (path, expected) in DOC_GETS {
            let path = fill(path);
            let got = b.get(&path).await.status;
            if got != expected[i] {
                wrong.push(format!(
                    "{name} GET {path}: {got}, expected {}",
                    expected[i]
                ));
            }
        }
        for (path, multipart, expected) in DOC_POSTS {
            let path = fill(path);
            let csrf = b.csrf("/admin").await;
            let fields = [("csrf", csrf.as_str()), ("version", "1")];
            let got = if multipart {
                b.post_multipart(&path, &fields, &[]).await.status
            } else {
                b.post(&path, &fields).await.status
            };
            if got != expected[i] {
                wrong.push(format!(
                    "{name} POST {path}: {got}, expected {}",
                    expected[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(
        stored(&app, d).await,
        before,
        "no refused post changed the draft"
    );
    let all = app
        .db
        .store
        .documents(Scope::subtree(app.ids["ROOT"]), &Default::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(all.1, 1, "no refused post created a document");
}

async fn a_document_is_reviewed_then_approved_and_never_approved_unreviewed(app: TestApp) {
    let d = draft(&app, &[], &[]).await;
    let mut clerk = app.login("a_clerk").await;
    let mut reviewer = app.login("a_reviewer").await;
    let mut head = app.login("a_head").await;
    let page = clerk.get(&format!("/admin/documents/{d}")).await.body;
    assert!(
        page.contains("CA/2026-00001"),
        "索引号 from the default pattern"
    );
    assert!(page.contains("提交保密审查"), "{page}");

    // The 负责人 sees no approval form on a draft, and a forged one is refused.
    let approve = [("step", "approve"), ("note", "同意")];
    let head_page = head.get(&format!("/admin/documents/{d}")).await.body;
    assert!(!head_page.contains("value=\"approve\""));
    let before = stored(&app, d).await;
    let res = step(&app, &mut head, d, &approve).await;
    assert_eq!(res.status, REFUSED);
    assert!(res.body.contains("不能审批发布"), "{}", res.body);
    assert_eq!(stored(&app, d).await, before);

    let res = step(&app, &mut clerk, d, &[("step", "submit")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // Submitted but not reviewed: still refused, nothing changes, nothing public.
    let before = stored(&app, d).await;
    let res = step(&app, &mut head, d, &approve).await;
    assert_eq!(res.status, REFUSED);
    assert!(res.body.contains("保密审查中"), "{}", res.body);
    assert_eq!(stored(&app, d).await, before);
    let events = app.db.store.document_events(app.ids["A"], d).await.unwrap();
    assert_eq!(events.len(), 2, "created and submitted only");

    // A review without its basis is refused; with it, the 负责人 may approve.
    let review = [("step", "review"), ("conclusion", "proactive")];
    assert_eq!(step(&app, &mut reviewer, d, &review).await.status, REFUSED);
    let review = [
        ("step", "review"),
        ("conclusion", "proactive"),
        ("basis", "《保守国家秘密法》，不涉及国家秘密"),
    ];
    let res = step(&app, &mut reviewer, d, &review).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = step(&app, &mut head, d, &approve).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let done = stored(&app, d).await;
    assert_eq!(done.document.status_key(), "published");
    assert!(app.db.store.public_document(app.ids["A"], d).await.is_ok());
    let page = clerk.get(&format!("/admin/documents/{d}")).await.body;
    assert!(
        page.contains("已发布") && page.contains("公开版本"),
        "{page}"
    );
}

on_both_backends!(
    every_document_route_answers_each_role_as_specified,
    a_document_is_reviewed_then_approved_and_never_approved_unreviewed
);

#[tokio::test]
async fn a_refused_form_comes_back_with_the_message_beside_the_field_and_input_kept() {
    let app = TestApp::new().await;
    let mut clerk = app.login("a_clerk").await;
    let csrf = clerk.csrf("/admin/documents/new").await;
    let bad = form(&csrf, &[("written_on", "下周"), ("openness", "withheld")]);
    let res = clerk.post_multipart("/admin/documents", &bad, &[]).await;
    assert_eq!(res.status, REFUSED);
    assert!(res.body.contains("成文日期“下周”无法识别"), "{}", res.body);
    assert!(res.body.contains("不予公开的，须选择"), "{}", res.body);
    assert!(
        res.body.contains("关于做好2026年春季防汛工作的通知"),
        "title kept"
    );
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_the_newer_edit_kept() {
    let app = TestApp::new().await;
    let d = draft(&app, &[], &[]).await;
    let mut clerk = app.login("a_clerk").await;
    let path = format!("/admin/documents/{d}/edit");
    let page = clerk.get(&path).await.body;
    let csrf = csrf_in(&page).unwrap();
    let first = form(&csrf, &[("version", "1"), ("title", "第一次修改")]);
    let res = clerk.post_multipart(&path, &first, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let late = form(&csrf, &[("version", "1"), ("title", "过时的修改")]);
    let res = clerk.post_multipart(&path, &late, &[]).await;
    assert_eq!(res.status, REFUSED);
    assert!(
        res.body.contains("此文件已被他人修改，请刷新后再操作"),
        "{}",
        res.body
    );
    assert_eq!(stored(&app, d).await.document.content.title, "第一次修改");
}

#[tokio::test]
async fn an_html_body_is_shown_sanitised_on_the_admin_page() {
    let app = TestApp::new().await;
    let body = r#"<p>防汛正文</p><script>alert("x1")</script><img src="x" onerror="alert('x2')"><a href="javascript:alert('x3')">链接</a><iframe src="https://evil.example"></iframe>"#;
    let d = draft(&app, &[("body_format", "html"), ("body", body)], &[]).await;
    let mut clerk = app.login("a_clerk").await;
    let page = clerk.get(&format!("/admin/documents/{d}")).await.body;
    assert!(page.contains("<p>防汛正文</p>"), "{page}");
    for bad in [
        "alert(\"x1\")",
        "onerror",
        "javascript:",
        "evil.example",
        "<iframe",
    ] {
        assert!(!page.contains(bad), "{bad} on the page");
    }
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_their_text_kept_for_search() {
    let app = TestApp::new().await;
    let mut clerk = app.login("a_clerk").await;
    let csrf = clerk.csrf("/admin/documents/new").await;
    let fake: &[u8] = b"MZ\x90\x00 this is a program, not a PDF";
    let res = clerk
        .post_multipart(
            "/admin/documents",
            &form(&csrf, &[]),
            &[("files", "通知.pdf", fake)],
        )
        .await;
    assert_eq!(res.status, REFUSED);
    assert!(res.body.contains("类型不支持"), "{}", res.body);
    assert!(
        res.body.contains("关于做好2026年春季防汛工作的通知"),
        "input kept"
    );
    let (_, n) = app
        .db
        .store
        .documents(Scope::agency(app.ids["A"]), &Default::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(n, 0, "nothing registered");

    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .write_string(0, 0, "防汛物资储备清单")
        .unwrap();
    let xlsx = wb.save_to_buffer().unwrap();
    let d = draft(&app, &[], &[("files", "附件1.xlsx", &xlsx)]).await;
    let att = &stored(&app, d).await.document.content.attachments;
    assert_eq!(att.len(), 1);
    assert_eq!(att[0].name, "附件1.xlsx");
    let texts = app
        .db
        .store
        .document_file_texts(&[att[0].id.0])
        .await
        .unwrap();
    assert!(texts[0].1.contains("防汛物资储备清单"), "{texts:?}");
    let res = clerk
        .get(&format!("/admin/documents/{d}/files/{}", att[0].id.0))
        .await;
    assert_eq!(res.status, OK);
}

/// The agency's own 主题分类: a category added by its administrator is offered in the document
/// form and named on the 专栏; while a public document uses it, it can be renamed (the 专栏
/// follows) but not removed; a form from an older version of the tree is refused.
#[tokio::test]
async fn the_agencys_own_category_is_offered_shown_and_kept_while_used() {
    let app = TestApp::new().await;
    let a = app.ids["A"];
    let mut admin = app.login("a_admin").await;
    let path = format!("/admin/agencies/{a}/classification/topic");
    let csrf = admin.csrf(&path).await;
    let edit = |version: &str, fields: &[(&'static str, &str)]| {
        let mut f = vec![("csrf", csrf.clone()), ("version", version.to_owned())];
        f.extend(fields.iter().map(|(k, v)| (*k, (*v).to_owned())));
        f
    };
    let post = async |b: &mut Browser, f: Vec<(&str, String)>| {
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        b.post(&path, &f).await
    };
    let add = edit(
        "0",
        &[
            ("action", "add"),
            ("parent", "02"),
            ("name", "街道政务公开"),
        ],
    );
    let res = post(&mut admin, add).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let (tree, version) = app
        .db
        .store
        .classification(a, gongkai_domain::disclosure::Scheme::Topic)
        .await
        .unwrap();
    assert_eq!(version, 1);
    let code = tree
        .resolve("街道政务公开")
        .unwrap()
        .code
        .as_str()
        .to_owned();
    assert!(code.starts_with("02."), "{code}");

    let mut clerk = app.login("a_clerk").await;
    let new_form = clerk.get("/admin/documents/new").await.body;
    assert!(new_form.contains(&format!("value=\"{code}\"")), "offered");
    let d = draft(&app, &[("topic", code.as_str())], &[]).await;
    let mut reviewer = app.login("a_reviewer").await;
    let mut head = app.login("a_head").await;
    step(&app, &mut clerk, d, &[("step", "submit")]).await;
    let review = [
        ("step", "review"),
        ("conclusion", "proactive"),
        ("basis", "不涉及国家秘密"),
    ];
    step(&app, &mut reviewer, d, &review).await;
    let res = step(&app, &mut head, d, &[("step", "approve"), ("note", "同意")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let public = format!("/xxgk/CA/docs/{d}");
    let mut citizen = app.browser();
    assert!(citizen.get(&public).await.body.contains("街道政务公开"));

    let remove = edit("1", &[("action", "remove"), ("code", "02")]);
    let res = post(&mut admin, remove).await;
    assert_eq!(res.status, REFUSED);
    assert!(
        res.body.contains("下有 1 份已公开的文件，不能删除"),
        "{}",
        res.body
    );
    let stale = edit(
        "0",
        &[("action", "rename"), ("code", "02"), ("name", "政务")],
    );
    let res = post(&mut admin, stale).await;
    assert_eq!(res.status, REFUSED);
    assert!(res.body.contains("已被他人修改"), "{}", res.body);
    let rename = edit(
        "1",
        &[
            ("action", "rename"),
            ("code", &code),
            ("name", "基层政务公开"),
        ],
    );
    assert_eq!(post(&mut admin, rename).await.status, StatusCode::SEE_OTHER);
    let page = citizen.get(&public).await.body;
    assert!(page.contains("基层政务公开") && !page.contains("街道政务公开"));
    let events = app
        .db
        .store
        .audit_events(Scope::agency(a), 20)
        .await
        .unwrap();
    let changes = events
        .iter()
        .filter(|e| e.event.action == "classification_updated")
        .count();
    assert_eq!(changes, 2, "the add and the rename, nothing refused");
}

#[tokio::test]
async fn the_agencys_index_pattern_numbers_new_documents() {
    let app = TestApp::new().await;
    let mut admin = app.login("a_admin").await;
    let path = format!("/admin/agencies/{}/profile", app.ids["A"]);
    let csrf = admin.csrf(&path).await;
    let set = [
        ("csrf", csrf.as_str()),
        ("version", "0"),
        ("index_pattern", "{机构代码}-{年份}{月份}-{流水号:4}"),
    ];
    assert_eq!(admin.post(&path, &set).await.status, StatusCode::SEE_OTHER);
    let page = admin.get(&path).await.body;
    assert!(page.contains("本月第一份文件编为 CA-202603-0001"), "{page}");
    let d = draft(&app, &[], &[]).await;
    assert_eq!(
        stored(&app, d).await.document.index_no.as_str(),
        "CA-202602-0001"
    );
}

#[tokio::test]
async fn another_system_drafts_and_publishes_through_the_api_within_its_agency() {
    let app = TestApp::new().await;
    let clerk = token_for(&app, "a_clerk").await;
    let reviewer = token_for(&app, "a_reviewer").await;
    let head = token_for(&app, "a_head").await;
    let other = token_for(&app, "b_admin").await;
    let mut b = app.browser();
    let new = serde_json::json!({"form": {
        "title": "2026年第一季度财政预算执行情况", "publisher": "示例机关",
        "written_on": "2026-02-27", "item": "art20_7", "body": "执行情况良好。"
    }});
    let res = b
        .send(api(
            &reviewer,
            "POST",
            "/api/v1/documents",
            Some(new.clone()),
        ))
        .await;
    assert_eq!(res.status, NO, "only an 经办人 drafts");
    let res = b
        .send(api(&clerk, "POST", "/api/v1/documents", Some(new)))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let id = v["id"].as_i64().unwrap();
    assert_eq!(v["status"], "draft");
    let path = format!("/api/v1/documents/{id}/steps");
    let send = |v: i64, command: serde_json::Value| {
        Some(serde_json::json!({"version": v, "command": command}))
    };
    let approve = serde_json::json!({"command": "approve", "note": ""});
    let res = b
        .send(api(&head, "POST", &path, send(1, approve.clone())))
        .await;
    assert_eq!(res.status, REFUSED, "{}", res.body);
    assert!(
        res.body.contains("\"errors\""),
        "the error envelope: {}",
        res.body
    );
    let res = b
        .send(api(
            &clerk,
            "POST",
            &path,
            send(1, serde_json::json!({"command": "submit"})),
        ))
        .await;
    assert_eq!(res.status, OK, "{}", res.body);
    let review = serde_json::json!({"command": "review", "conclusion": {"openness": "proactive"},
        "basis": "不涉及国家秘密", "withheld_parts": ""});
    let res = b
        .send(api(&reviewer, "POST", &path, send(1, review.clone())))
        .await;
    assert_eq!(
        res.status,
        StatusCode::CONFLICT,
        "a stale version: {}",
        res.body
    );
    let res = b.send(api(&reviewer, "POST", &path, send(2, review))).await;
    assert_eq!(res.status, OK, "{}", res.body);
    let res = b.send(api(&head, "POST", &path, send(3, approve))).await;
    assert_eq!(res.status, OK, "{}", res.body);
    let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(
        (v["status"].as_str(), v["public"].as_bool()),
        (Some("published"), Some(true))
    );

    let list = b.send(api(&clerk, "GET", "/api/v1/documents", None)).await;
    assert!(
        list.body.contains("2026年第一季度财政预算执行情况"),
        "{}",
        list.body
    );
    let list = b.send(api(&other, "GET", "/api/v1/documents", None)).await;
    assert_eq!(list.body, "[]");
    let one = format!("/api/v1/documents/{id}");
    assert_eq!(b.send(api(&other, "GET", &one, None)).await.status, GONE);
    assert_eq!(
        b.send(api(
            &other,
            "POST",
            &path,
            send(4, serde_json::json!({"command": "submit"}))
        ))
        .await
        .status,
        GONE
    );
    let spec = b
        .send(api(&clerk, "GET", "/api/v1/openapi.json", None))
        .await
        .body;
    assert!(
        spec.contains("/api/v1/documents/{id}/steps"),
        "in the OpenAPI document"
    );
}

#[tokio::test]
async fn the_dashboard_lists_a_draft_past_its_twenty_working_days() {
    let app = TestApp::new().await;
    let mut clerk = app.login("a_clerk").await;
    let before = clerk.get("/admin").await.body;
    assert!(
        before.contains("没有逾期或即将逾期未公开的文件"),
        "{before}"
    );
    // Formed on 20 January, unpublished on 2 March: past the 20 working days of 第二十六条.
    let d = draft(&app, &[("written_on", "2026-01-20")], &[]).await;
    let page = clerk.get("/admin").await.body;
    assert!(page.contains(&format!("/admin/documents/{d}")), "{page}");
    assert!(page.contains("已逾期"), "{page}");
}

//! The annual report from the platform's data: a draft prefilled from the year's data, the
//! entry form refusing bad cells by name, submission blocked while errors or 【待填写】 remain,
//! 审核 → 批准 → 发布 with returns, the 专栏 pages and downloads, the API, immutability of a
//! published version, a correction as a new version, and the supervisor's view with a late
//! sibling. On SQLite and PostgreSQL.

use crate::api_ops::token_for;
use crate::helpers::{Browser, PASSWORD, TestApp, api, csrf_in, hidden, on_both_backends};
use axum::http::StatusCode;

/// A browser signed in as `name` on a router whose today is `day`.
async fn on(app: &TestApp, day: &str, name: &str) -> Browser {
    let mut b = app.browser_on(day);
    let res = b.login(name, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    b
}

const FILLED: [(&str, &str); 4] = [
    ("e.licensing.decisions", "12"),
    ("e.penalty.decisions", "3"),
    ("e.coercion.decisions", "0"),
    ("e.fees.amount_wan", "1.5"),
];

/// Saves the editor form of `path` with `entries` and every section as on the page, the
/// 【待填写】 replaced by `fill` (or kept when `fill` is empty).
async fn save(
    b: &mut Browser,
    path: &str,
    entries: &[(&str, &str)],
    fill: &str,
) -> (StatusCode, String) {
    let page = b.get(path).await.body;
    let csrf = csrf_in(&page).unwrap();
    // A report past its draft has no form: post anyway (as a stale tab would).
    let revision = revision_on(&page);
    let mut form: Vec<(String, String)> =
        vec![("csrf".into(), csrf), ("revision".into(), revision)];
    for key in [
        "preface",
        "overview",
        "proactive",
        "applications",
        "appeals",
        "problems",
        "other",
    ] {
        let name = format!("s.{key}");
        let text = textarea(&page, &name);
        let text = if fill.is_empty() {
            text
        } else {
            text.replace("【待填写】", fill)
        };
        form.push((name, text));
    }
    for (k, v) in entries {
        form.push(((*k).into(), (*v).into()));
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = b.post(path, &pairs).await;
    (res.status, res.body)
}

/// The revision the page's forms carry; a report past its draft has none on the clerk's page,
/// and a stale tab would post revision 1.
fn revision_on(page: &str) -> String {
    if page.contains("name=\"revision\"") {
        hidden(page, "revision")
    } else {
        "1".into()
    }
}

fn textarea(page: &str, name: &str) -> String {
    let open = format!("<textarea name=\"{name}\"");
    let Some(at) = page.find(&open) else {
        return String::new();
    };
    let after = &page[at..];
    let start = after.find('>').unwrap() + 1;
    let end = after.find("</textarea>").unwrap();
    html_unescape(&after[start..end])
}

fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

async fn act(
    b: &mut Browser,
    path: &str,
    action: &str,
    extra: &[(&str, &str)],
) -> (StatusCode, String) {
    let page = b.get(path).await.body;
    let csrf = csrf_in(&page).unwrap();
    let revision = revision_on(&page);
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("revision", revision.as_str()),
        ("action", action),
    ];
    form.extend_from_slice(extra);
    let res = b.post(&format!("{path}/steps"), &form).await;
    (res.status, res.body)
}

async fn a_report_is_compiled_checked_approved_published_and_corrected(app: TestApp) {
    let a = app.ids["A"].0;
    let path = format!("/admin/reports/{a}/2026");
    let day = "2027-01-20";
    let mut clerk = on(&app, day, "a_clerk").await;

    // Opening makes a prefilled draft: zeros that say so, placeholders, blank entries listed.
    let page = clerk.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = page.body;
    assert!(body.contains("表三、表四各栏为 0"), "{body}");
    assert!(body.contains("共收到政府信息公开申请0件"), "{body}");
    assert!(body.contains("【待填写】"), "{body}");
    assert!(
        body.contains("行政许可 本年处理决定数量：尚未填写"),
        "{body}"
    );

    // Submitting with errors is refused.
    let (status, body) = act(&mut clerk, &path, "submit", &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("处错误，须改正后才能提交"), "{body}");

    // A bad entry is refused by name and kept on the page.
    let bad = [
        ("e.licensing.decisions", "十二"),
        ("e.penalty.decisions", "-1"),
    ];
    let (status, _) = save(&mut clerk, &path, &bad, "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let body = clerk.get(&path).await.body;
    assert!(
        body.contains("表二 第二十条第（五）项 行政许可 本年处理决定数量：“十二”不是数字"),
        "{body}"
    );
    assert!(body.contains("不能是负数"), "{body}");

    // Numbers filled but placeholders left: still refused, naming the section.
    save(&mut clerk, &path, &FILLED, "").await;
    let (status, body) = act(&mut clerk, &path, "submit", &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("还有【待填写】的内容"), "{body}");

    let fill = "本年度按照《条例》要求，健全信息发布协调机制，按时更新政府信息公开专栏，规范依申请公开办理流程，加强培训与监督考核，做到应公开尽公开。";
    save(&mut clerk, &path, &FILLED, fill).await;
    let (status, body) = act(&mut clerk, &path, "submit", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    // A submitted report cannot be edited, and the clerk cannot review it.
    let (status, body) = save(&mut clerk, &path, &FILLED, fill).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("不能修改"), "{body}");
    let (status, _) = act(&mut clerk, &path, "review", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The reviewer returns it (a reason is required), the clerk resubmits.
    let mut reviewer = on(&app, day, "a_reviewer").await;
    let (status, body) = act(&mut reviewer, &path, "return", &[("reason", " ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("退回时请写明退回理由"), "{body}");
    act(
        &mut reviewer,
        &path,
        "return",
        &[("reason", "请核对行政处罚数字")],
    )
    .await;
    let body = clerk.get(&path).await.body;
    assert!(
        body.contains("已退回修改，理由：请核对行政处罚数字"),
        "{body}"
    );
    let (status, _) = act(&mut clerk, &path, "submit", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        act(&mut reviewer, &path, "review", &[]).await.0,
        StatusCode::SEE_OTHER
    );

    // Not public before publication.
    let mut visitor = app.browser_on(day);
    assert_eq!(
        visitor.get("/xxgk/CA/reports/2026").await.status,
        StatusCode::NOT_FOUND
    );
    let mut head = on(&app, day, "a_head").await;
    assert_eq!(
        act(&mut head, &path, "approve", &[]).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        act(&mut head, &path, "publish", &[]).await.0,
        StatusCode::SEE_OTHER
    );
    let (status, body) = act(&mut head, &path, "publish", &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("不能重复发布"), "{body}");

    // The 专栏: the list, the page in the official layout, the downloads.
    let list = visitor.get("/xxgk/CA/reports").await.body;
    assert!(
        list.contains("/xxgk/CA/reports/2026") && list.contains("2027-01-20 发布"),
        "{list}"
    );
    let page = visitor.get("/xxgk/CA/reports/2026").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("CA人民政府2026年政府信息公开工作年度报告")
            || page.body.contains("2026年政府信息公开工作年度报告"),
        "{}",
        page.body
    );
    assert!(page.body.contains(fill));
    for (ext, mime) in [
        ("pdf", "application/pdf"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ] {
        let res = visitor.get(&format!("/xxgk/CA/reports/2026.{ext}")).await;
        assert_eq!(res.status, StatusCode::OK, "{ext}");
        assert_eq!(res.headers["content-type"], mime);
    }

    // The API gives the canonical JSON of the published version.
    let token = token_for(&app, "a_inspector").await;
    let res = visitor
        .send(api(&token, "GET", "/api/v1/reports/CA/2026", None))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let json: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(json["schema"], "gongkai.annual-report/1");
    assert_eq!(json["table2"]["licensing"]["decisions"], 12);
    assert_eq!(json["table3"]["new_received"][6], 0);
    let other = token_for(&app, "b_admin").await;
    let res = visitor
        .send(api(&other, "GET", "/api/v1/reports/CA/2026", None))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);

    // Published is final: no edit; a correction is a new version with its note.
    let (status, _) = save(&mut clerk, &path, &FILLED, fill).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = act(&mut clerk, &path, "correct", &[("note", "")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("更正说明"), "{body}");
    let note = "行政处罚决定数量由3件更正为4件";
    assert_eq!(
        act(&mut clerk, &path, "correct", &[("note", note)]).await.0,
        StatusCode::SEE_OTHER
    );
    let corrected = [
        FILLED[0],
        ("e.penalty.decisions", "4"),
        FILLED[2],
        FILLED[3],
    ];
    save(&mut clerk, &path, &corrected, "").await;
    // The first version stays public while the correction is worked on.
    let res = visitor
        .send(api(&token, "GET", "/api/v1/reports/CA/2026", None))
        .await;
    let json: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(json["table2"]["penalty"]["decisions"], 3);
    act(&mut clerk, &path, "submit", &[]).await;
    act(&mut reviewer, &path, "review", &[]).await;
    act(&mut head, &path, "approve", &[]).await;
    assert_eq!(
        act(&mut head, &path, "publish", &[]).await.0,
        StatusCode::SEE_OTHER
    );
    let page = visitor.get("/xxgk/CA/reports/2026").await.body;
    assert!(page.contains(note), "{page}");
    let res = visitor
        .send(api(&token, "GET", "/api/v1/reports/CA/2026", None))
        .await;
    let json: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(json["table2"]["penalty"]["decisions"], 4);

    // Every step is in the history.
    let body = clerk.get(&path).await.body;
    for what in [
        "开始编制2026年年度报告",
        "退回修改：请核对行政处罚数字",
        "发布到专栏",
        "新建2026年年度报告（第2版更正）",
    ] {
        assert!(body.contains(what), "{what}: {body}");
    }

    // Another agency's account does not see the editor.
    let mut b = on(&app, day, "b_admin").await;
    assert_eq!(b.get(&path).await.status, StatusCode::NOT_FOUND);
}

async fn the_supervisor_sees_published_and_late_agencies(app: TestApp) {
    let a = app.ids["A"].0;
    let path = format!("/admin/reports/{a}/2026");
    // A publishes on time (a county government: by 31 March).
    let day = "2027-03-20";
    let mut clerk = on(&app, day, "a_clerk").await;
    clerk.get(&path).await;
    let fill = "本年度政府信息公开工作中仍存在信息更新不够及时、解读形式较为单一等问题，下一步将加强统筹、丰富解读形式并强化考核。";
    save(&mut clerk, &path, &FILLED, fill).await;
    act(&mut clerk, &path, "submit", &[]).await;
    act(&mut on(&app, day, "a_reviewer").await, &path, "review", &[]).await;
    let mut head = on(&app, day, "a_head").await;
    act(&mut head, &path, "approve", &[]).await;
    assert_eq!(
        act(&mut head, &path, "publish", &[]).await.0,
        StatusCode::SEE_OTHER
    );

    // On 1 April A1, below A, has published nothing: it is late.
    let mut inspector = on(&app, "2027-04-01", "a_inspector").await;
    let page = inspector.get("/admin/oversight?year=2026").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = page.body;
    let row = |name: &str| {
        let at = body
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing: {body}"));
        body[at..].split("</tr>").next().unwrap().to_owned()
    };
    assert!(
        row("CA人民政府").contains("已发布"),
        "{}",
        row("CA人民政府")
    );
    assert!(
        row("CA1人民政府").contains("逾期"),
        "{}",
        row("CA1人民政府")
    );
    assert!(body.contains("<svg class=\"chart\""), "{body}");
    // B is not below A: not in the inspector's view.
    assert!(!body.contains("CB人民政府"), "{body}");
    let xlsx = inspector.get("/admin/oversight.xlsx?year=2026").await;
    assert_eq!(xlsx.status, StatusCode::OK);

    // SIM-01 reaches uploaded reports: A's published page, uploaded as the report of an agency
    // not on the platform, is marked as a copy of A's, and A's line names the upload.
    let published = inspector.get("/xxgk/CA/reports/2026").await;
    assert_eq!(published.status, StatusCode::OK);
    let csrf = csrf_in(&body).unwrap();
    let res = inspector
        .post_multipart(
            "/admin/oversight/upload",
            &[("csrf", &csrf), ("year", "2026")],
            &[("files", "copy.html", published.body.as_bytes())],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let view = inspector.get("/admin/oversight?year=2026").await.body;
    let uploads = view.split("<h2>上传的报告</h2>").nth(1).unwrap();
    let copy_row = uploads.split("</tr>").nth(1).unwrap();
    assert!(
        copy_row.contains("copy.html") && copy_row.contains("SIM-01"),
        "{copy_row}"
    );
    let at = view.find("CA人民政府").unwrap();
    let a_row = view[at..].split("</tr>").next().unwrap();
    assert!(
        a_row.contains("SIM-01") && a_row.contains("（上传）"),
        "{a_row}"
    );

    // A report of an agency not on the platform is uploaded and audited in the same view:
    // 剑南街道's published 2020 report, whose table 三 does not add up.
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let seed = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("000_"))
        .unwrap();
    let bytes = std::fs::read(&seed).unwrap();
    let csrf = csrf_in(&body).unwrap();
    let junk: &[u8] = b"\x00\x01 not a report";
    let res = inspector
        .post_multipart(
            "/admin/oversight/upload",
            &[("csrf", &csrf), ("year", "2020")],
            &[
                ("files", "jiannan.txt", &bytes),
                ("files", "junk.bin", junk),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(
        res.body.contains("junk.bin：") && res.body.contains("未上传"),
        "{}",
        res.body
    );
    let res = inspector
        .post_multipart(
            "/admin/oversight/upload",
            &[("csrf", &csrf), ("year", "2020")],
            &[("files", "jiannan.txt", &bytes)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let view = inspector
        .get("/admin/oversight?year=2020&uploaded=1")
        .await
        .body;
    assert!(view.contains("剑南街道"), "{view}");
    let id = view
        .split("/admin/oversight/uploads/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let one = inspector
        .get(&format!("/admin/oversight/uploads/{id}"))
        .await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.body.contains("T3-01"), "{}", one.body);
    // Another agency's supervisor does not see it.
    let mut b = on(&app, "2027-04-01", "b_admin").await;
    assert_eq!(
        b.get(&format!("/admin/oversight/uploads/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A clerk has no supervisor's view.
    let mut c = on(&app, "2027-04-01", "a_clerk").await;
    assert_eq!(
        c.get("/admin/oversight?year=2026").await.status,
        StatusCode::FORBIDDEN
    );
}

on_both_backends!(
    a_report_is_compiled_checked_approved_published_and_corrected,
    the_supervisor_sees_published_and_late_agencies
);

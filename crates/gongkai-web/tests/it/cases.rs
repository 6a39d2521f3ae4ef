//! 依申请公开 through the router: the public form (checked field by field, the challenge, a
//! resubmitted form stored once), the receipt and the status page, the clerk's steps with their
//! letters and the article a refused step breaks, downloads, table 三 with its drill-down, and
//! other agencies kept out.

use crate::helpers::*;
use axum::http::StatusCode;
use gongkai_web::captcha;
use gongkai_web::secret::Signer;

/// A complete form for a natural person applying to agency A (code `CA`).
pub fn person_form<'a>() -> Vec<(&'a str, &'a str)> {
    vec![
        ("applicant_type", "natural_person"),
        ("name", "张三"),
        ("id_type", "resident_id"),
        ("id_number", "11010519491231002X"),
        ("phone", "13800138000"),
        ("address", "江西省宜春市袁州区人民路1号"),
        ("postcode", "336000"),
        ("email", "zhangsan@example.cn"),
        ("title", "2025年度部门预算"),
        ("description", "本机关2025年度部门预算及说明"),
        ("retrieval", "email"),
        ("delivery", "email"),
    ]
}

/// Fills the challenge and hidden fields of the form page into `form`.
pub fn with_form_fields(
    page: &str,
    mut form: Vec<(&'static str, String)>,
) -> Vec<(&'static str, String)> {
    let token = hidden(page, "challenge");
    let answer = captcha::solve(&Signer::new(KEY), &token).unwrap();
    form.push(("csrf", hidden(page, "csrf")));
    form.push(("nonce", hidden(page, "nonce")));
    form.push(("challenge", token));
    form.push(("captcha", answer));
    form
}

/// Files the person form with agency A; returns the receipt page and the 查询码.
pub async fn file_online(app: &TestApp) -> (Browser, Page, String) {
    let mut b = app.browser();
    let page = b.get("/xxgk/CA/apply").await;
    assert_eq!(page.status, StatusCode::OK);
    let form: Vec<(&str, String)> = person_form()
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
    let form = with_form_fields(&page.body, form);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let receipt = b
        .post_multipart(
            "/xxgk/CA/apply",
            &fields,
            &[("identity", "id.pdf", b"%PDF-1.4 scan")],
        )
        .await;
    assert_eq!(receipt.status, StatusCode::OK, "{}", receipt.body);
    let code = secret_in(&receipt.body);
    (b, receipt, code)
}

#[tokio::test]
async fn a_citizen_files_online_and_gets_a_query_code_and_a_receipt() {
    let app = TestApp::new().await;
    let (_, receipt, code) = file_online(&app).await;
    assert_eq!(code.len(), 19, "{code}");
    assert!(receipt.body.contains("2026-00001") && receipt.body.contains("2026年3月2日"));
    let mut clerk = app.login("a_clerk").await;
    let list = clerk.get("/admin/cases").await.body;
    assert!(
        list.contains("张三") && list.contains("2025年度部门预算"),
        "{list}"
    );
    let case = clerk.get("/admin/cases/1").await.body;
    assert!(
        case.contains("接收回执") && case.contains("id.pdf"),
        "{case}"
    );
    assert!(
        case.contains("2026-03-30"),
        "20 working days after 2 March: {case}"
    );
}

#[tokio::test]
async fn a_wrong_form_comes_back_with_every_message_beside_its_field_and_the_input_kept() {
    let app = TestApp::new().await;
    let mut b = app.browser();
    let page = b.get("/xxgk/CA/apply").await.body;
    let mut form: Vec<(&str, String)> = person_form()
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
    form.retain(|(k, _)| !matches!(*k, "title" | "description" | "retrieval"));
    form.iter_mut()
        .filter(|(k, _)| *k == "id_number")
        .for_each(|(_, v)| *v = "110105194912310021".into());
    let mut form = with_form_fields(&page, form);
    form.iter_mut()
        .filter(|(k, _)| *k == "captcha")
        .for_each(|(_, v)| *v = "00000x".into());
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = b.post_multipart("/xxgk/CA/apply", &fields, &[]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in ["校验位", "至少填写一项", "获取信息的方式", "验证码"] {
        assert!(res.body.contains(message), "{message}: {}", res.body);
    }
    assert!(res.body.contains("value=\"张三\""), "input kept");
    let mut clerk = app.login("a_clerk").await;
    assert!(
        clerk
            .get("/admin/cases")
            .await
            .body
            .contains("没有符合条件的申请")
    );
}

#[tokio::test]
async fn a_resubmitted_form_gives_the_same_code_and_a_replayed_challenge_is_refused() {
    let app = TestApp::new().await;
    let mut b = app.browser();
    let page = b.get("/xxgk/CA/apply").await.body;
    let form: Vec<(&str, String)> = person_form()
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
    let form = with_form_fields(&page, form);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let first = b.post_multipart("/xxgk/CA/apply", &fields, &[]).await;
    assert_eq!(first.status, StatusCode::OK);
    let again = b.post_multipart("/xxgk/CA/apply", &fields, &[]).await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the same challenge twice"
    );
    assert!(again.body.contains("验证码已过期"));
}

#[tokio::test]
async fn the_status_page_needs_the_code_and_the_phone_and_offers_the_receipt() {
    let app = TestApp::new().await;
    let (mut b, _, code) = file_online(&app).await;
    let csrf = b.csrf("/apply/status").await;
    let wrong = b
        .post(
            "/apply/status",
            &[("csrf", &csrf), ("code", &code), ("phone", "13900000000")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("查询码或联系电话不正确"));
    let typed = code.to_lowercase().replace('-', " ");
    let ok = b
        .post(
            "/apply/status",
            &[
                ("csrf", &csrf),
                ("code", &typed),
                ("phone", "138-0013-8000"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert!(ok.body.contains("已收到申请并登记") && ok.body.contains("2026-03-30"));
    let link = ok
        .body
        .split("href=\"/apply/files/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let pdf = b.get(&format!("/apply/files/{link}")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with("%PDF"), "the receipt as PDF");
    let forged = b
        .get(&format!("/apply/files/{}", link.replace('1', "2")))
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
}

async fn step(b: &mut Browser, id: i64, form: &[(&str, &str)]) -> Page {
    let page = b.get(&format!("/admin/cases/{id}")).await.body;
    let csrf = csrf_in(&page).unwrap();
    let version = hidden(&page, "version");
    let mut f: Vec<(&str, &str)> = vec![("csrf", &csrf), ("version", &version)];
    f.extend_from_slice(form);
    b.post(&format!("/admin/cases/{id}/steps"), &f).await
}

#[tokio::test]
async fn a_clerk_walks_a_case_through_the_clock_to_a_partial_answer() {
    let app = TestApp::new().await;
    file_online(&app).await;
    let mut later = app.browser_on("2026-03-06");
    later.login("a_clerk", PASSWORD).await;
    let future = step(
        &mut later,
        1,
        &[
            ("step", "correction"),
            ("on", "2026-03-09"),
            ("items", "请写明文号"),
            ("days", "10"),
        ],
    )
    .await;
    assert!(future.body.contains("晚于今天"), "{}", future.body);
    let c = step(
        &mut later,
        1,
        &[
            ("step", "correction"),
            ("on", "2026-03-03"),
            ("items", "请写明文号"),
            ("days", "10"),
        ],
    )
    .await;
    assert_eq!(c.status, StatusCode::SEE_OTHER, "{}", c.body);
    let before = step(&mut later, 1, &[("step", "withdraw"), ("on", "2026-03-01")]).await;
    assert!(
        before.status == StatusCode::UNPROCESSABLE_ENTITY && before.body.contains("早于"),
        "{}",
        before.body
    );
    let again = step(
        &mut later,
        1,
        &[("step", "supplement"), ("on", "2026-03-04")],
    )
    .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let second = step(
        &mut later,
        1,
        &[
            ("step", "correction"),
            ("on", "2026-03-05"),
            ("items", "再补"),
            ("days", "5"),
        ],
    )
    .await;
    assert!(
        second.body.contains("一次性告知"),
        "a second 补正 names 第三十条: {}",
        second.body
    );
    let consult = [
        ("step", "consult"),
        ("on", "2026-03-06"),
        ("party", "third_party"),
        ("name", "某公司"),
        ("date2", "2026-03-06"),
    ];
    assert_eq!(
        step(&mut later, 1, &consult).await.status,
        StatusCode::SEE_OTHER
    );
    let extend_by_clerk = step(
        &mut later,
        1,
        &[("step", "extend"), ("on", "2026-03-06"), ("days", "20")],
    )
    .await;
    assert_eq!(
        extend_by_clerk.status,
        StatusCode::FORBIDDEN,
        "only the 负责人 approves"
    );
    let mut head = app.browser_on("2026-03-06");
    head.login("a_head", PASSWORD).await;
    let ext = step(
        &mut head,
        1,
        &[("step", "extend"), ("on", "2026-03-06"), ("days", "20")],
    )
    .await;
    assert_eq!(
        ext.status,
        StatusCode::SEE_OTHER,
        "{}",
        ext.body.split("未能办理").nth(1).unwrap_or("")
    );
    let early = step(
        &mut later,
        1,
        &[
            ("step", "decide"),
            ("on", "2026-03-06"),
            ("reply", "granted"),
            ("legal_basis", "第三十六条"),
        ],
    )
    .await;
    assert!(
        early.body.contains("征求意见"),
        "an open consultation blocks the answer"
    );
    let end = [
        ("step", "consult_end"),
        ("number", "1"),
        ("on", "2026-03-06"),
        ("answer", "objected"),
        ("reasons", "涉及商业秘密"),
    ];
    assert_eq!(
        step(&mut later, 1, &end).await.status,
        StatusCode::SEE_OTHER
    );
    let decide = [
        ("step", "decide"),
        ("on", "2026-03-06"),
        ("reply", "partly_granted"),
        (
            "legal_basis",
            "《中华人民共和国政府信息公开条例》第三十七条",
        ),
        ("reasons", "部分内容涉及第三方商业秘密"),
        ("withheld_parts", "供应商报价明细"),
    ];
    let done = step(&mut later, 1, &decide).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let case = later.get("/admin/cases/1").await.body;
    for expected in [
        "补正告知书",
        "征求意见书",
        "延期答复告知书",
        "答复书",
        "已答复待送达",
    ] {
        assert!(case.contains(expected), "{expected}: {case}");
    }
    let letter = case
        .split("/letters/")
        .filter(|s| s.contains(".docx"))
        .last()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let docx = later.get(&format!("/admin/cases/1/letters/{letter}")).await;
    assert_eq!(docx.status, StatusCode::OK);
    assert!(docx.body.starts_with("PK"), "a DOCX (zip)");
    let stats = later.get("/admin/stats?year=2026").await.body;
    let drill = "/admin/cases?cell=2026:partly_granted:natural_person";
    assert!(stats.contains(drill), "{stats}");
    assert!(later.get(drill).await.body.contains("张三"));
    let mut other = app.login("b_admin").await;
    assert_eq!(
        other.get("/admin/cases/1").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        other
            .get("/admin/cases")
            .await
            .body
            .contains("没有符合条件的申请")
    );
}

#[tokio::test]
async fn two_clerks_on_one_case_one_wins_and_the_other_is_told_to_reload() {
    let app = TestApp::new().await;
    file_online(&app).await;
    let mut a = app.login("a_clerk").await;
    let mut b = app.login("a_admin").await;
    let page = a.get("/admin/cases/1").await.body;
    let (csrf_a, version) = (csrf_in(&page).unwrap(), hidden(&page, "version"));
    let csrf_b = b.csrf("/admin/cases/1").await;
    let form = |csrf: &str, v: &str, step: &str| {
        vec![
            ("csrf".to_owned(), csrf.to_owned()),
            ("version".to_owned(), v.to_owned()),
            ("step".to_owned(), step.to_owned()),
            ("on".to_owned(), TODAY.to_owned()),
            ("items".to_owned(), "文号".to_owned()),
            ("days".to_owned(), "5".to_owned()),
        ]
    };
    let fa = form(&csrf_a, &version, "correction");
    let fb = form(&csrf_b, &version, "withdraw");
    let fa: Vec<(&str, &str)> = fa.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let fb: Vec<(&str, &str)> = fb.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        a.post("/admin/cases/1/steps", &fa).await.status,
        StatusCode::SEE_OTHER
    );
    let lost = b.post("/admin/cases/1/steps", &fb).await;
    assert_eq!(lost.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(lost.body.contains("此申请已被他人修改，请刷新后再操作"));
    assert!(
        lost.body.contains("待补正"),
        "the page shows the winner's step"
    );
}

#[tokio::test]
async fn the_agencys_settings_go_into_its_letters() {
    let app = TestApp::new().await;
    file_online(&app).await;
    let mut admin = app.login("a_admin").await;
    let a = app.ids["A"];
    let path = format!("/admin/agencies/{a}/profile");
    let csrf = admin.csrf(&path).await;
    let bad = admin
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", "0"),
                ("doc_no_pattern", "〔{年}〕"),
                ("reminder_emails", "not-mail"),
                ("index_pattern", "{年份}-{流水号}{月份}"),
                ("guide_notes", &"查".repeat(5_001)),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("不是有效的电子邮箱"), "{}", bad.body);
    assert!(bad.body.contains("现有 5001 字"), "{}", bad.body);
    assert!(bad.body.contains("流水号之后须有分隔符"), "{}", bad.body);
    let form = [
        ("csrf", csrf.as_str()),
        ("version", "0"),
        ("short_name", "甲政"),
        ("doc_no_pattern", "{机关简称}依申公开〔{年}〕第{序号}号"),
        ("review_organ", "甲市人民政府"),
        ("court", "甲市中级人民法院"),
        (
            "guide_notes",
            "本机关设政府信息查阅点。\r\n\r\n工作日开放。",
        ),
    ];
    assert_eq!(admin.post(&path, &form).await.status, StatusCode::SEE_OTHER);
    let scope = gongkai_storage::Scope::agency(a);
    let code = app.db.store.agency(scope, a).await.unwrap().code;
    let guide = admin
        .get(&format!("/xxgk/{}/guide", code.as_str()))
        .await
        .body;
    assert!(
        guide.contains("<p>本机关设政府信息查阅点。</p>\n<p>工作日开放。</p>"),
        "{guide}"
    );
    let mut clerk = app.login("a_clerk").await;
    let decide = [
        ("step", "decide"),
        ("on", TODAY),
        ("reply", "withheld:state_secret"),
        ("legal_basis", "《中华人民共和国政府信息公开条例》第十四条"),
        ("reasons", "所申请信息经依法确定为国家秘密"),
    ];
    assert_eq!(
        step(&mut clerk, 1, &decide).await.status,
        StatusCode::SEE_OTHER
    );
    let case = clerk.get("/admin/cases/1").await.body;
    let preview = case
        .split("/letters/")
        .filter(|s| s.contains(".html"))
        .last()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let letter = clerk
        .get(&format!("/admin/cases/1/letters/{preview}"))
        .await
        .body;
    // 不予公开: 行政复议 comes first (行政复议法 第二十三条), so the review organ is named, not the court.
    for expected in [
        "甲政依申公开〔2026〕第1号",
        "先向甲市人民政府申请行政复议",
        "应当先申请行政复议",
    ] {
        assert!(letter.contains(expected), "{expected}: {letter}");
    }
}

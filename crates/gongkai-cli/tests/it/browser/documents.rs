//! One document of 主动公开 end to end in the browser: the 经办人 drafts it with a Word
//! attachment → the 审核人 records the 保密审查 → the 负责人 approves it → the public finds it on
//! the 专栏 list, its detail page and in search by a 2-character word that only its attachment
//! holds → the 负责人 withdraws it with a reason → it is gone from all three. Screenshots at desktop
//! and phone width go to `target/e2e-screenshots/`.

use super::{Platform, browser, create_staff, fill_and_submit, shot, sign_in, wait_for};
use chromiumoxide::Page;
use chromiumoxide::cdp::browser_protocol::dom::SetFileInputFilesParams;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// The word only the attachment holds (not in the title, summary or body).
const WORD: &str = "湿地";
const TITLE: &str = "关于做好2026年候鸟迁徙通道保护工作的通知";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_document_is_drafted_reviewed_approved_found_and_withdrawn() {
    let mut p = Platform::new();
    let (mut browser, task, _profile) = browser().await;
    p.day("2026-03-02");
    create_staff(&p);

    // The 经办人 drafts it with the attachment and submits it for review.
    let clerk = browser.new_page("about:blank").await.unwrap();
    sign_in(&clerk, &p, "clerk1", "Clerk-Pass-2026").await;
    let docx = p.dir.path().join("附件1.docx");
    std::fs::write(&docx, docx_with(&format!("附件1 2026年{WORD}修复项目清单"))).unwrap();
    let id = draft(&clerk, &p, &docx).await;
    let admin_page = format!("/admin/documents/{id}");
    let submit = [("step", "submit")];
    doc_step(&clerk, &p, &admin_page, &submit, "保密审查中").await;

    // The 审核人 records the 保密审查; the 负责人 approves.
    let reviewer = browser.new_page("about:blank").await.unwrap();
    sign_in(&reviewer, &p, "reviewer1", "Review-Pass-2026").await;
    reviewer.goto(p.url(&admin_page)).await.unwrap();
    wait_for(&reviewer, "记录审查结论").await;
    shot(&reviewer, "11-document-review", true).await;
    let review = [
        ("step", "review"),
        ("conclusion", "proactive"),
        (
            "basis",
            "《中华人民共和国保守国家秘密法》，经审查不涉及国家秘密",
        ),
    ];
    doc_step(&reviewer, &p, &admin_page, &review, "待负责人审批").await;
    let head = browser.new_page("about:blank").await.unwrap();
    sign_in(&head, &p, "head1", "Head-Pass-2026").await;
    let approve = [("step", "approve"), ("note", "同意发布")];
    doc_step(&head, &p, &admin_page, &approve, "公开版本").await;
    shot(&head, "12-document-published", true).await;

    // The public finds it on the list, its page and by the attachment's word.
    let public = browser.new_page("about:blank").await.unwrap();
    let detail = format!("/xxgk/ROOT/docs/{id}");
    public.goto(p.url("/xxgk/ROOT/docs")).await.unwrap();
    let list = wait_for(&public, TITLE).await;
    assert!(list.contains(&format!("href=\"{detail}\"")), "{list}");
    shot(&public, "13-column-list", true).await;
    public.goto(p.url(&detail)).await.unwrap();
    let page = wait_for(&public, "索引号").await;
    assert!(
        page.contains(TITLE) && page.contains("附件1.docx"),
        "{page}"
    );
    shot(&public, "14-column-detail", true).await;
    let search = p.url(&format!("/search?q={WORD}"));
    let hits = poll(&public, &search, |html| html.contains(TITLE)).await;
    assert!(hits.contains(&format!("<mark>{WORD}</mark>")), "{hits}");
    shot(&public, "15-search-attachment-word", true).await;

    // The 负责人 withdraws it with a reason; it disappears from all three.
    let withdraw = [("step", "withdraw"), ("reason", "附件中的项目清单尚未定稿")];
    doc_step(&head, &p, &admin_page, &withdraw, "已撤回").await;
    let history = wait_for(&head, "附件中的项目清单尚未定稿").await;
    assert!(history.contains("撤回已发布的文件"), "{history}");
    shot(&head, "16-document-withdrawn", false).await;
    public.goto(p.url("/xxgk/ROOT/docs")).await.unwrap();
    let list = wait_for(&public, "法定主动公开内容").await;
    assert!(!list.contains(TITLE), "withdrawn yet listed: {list}");
    public.goto(p.url(&detail)).await.unwrap();
    let gone = wait_for(&public, "出错了（404").await;
    assert!(!gone.contains(TITLE), "{gone}");
    shot(&public, "17-withdrawn-detail", false).await;
    let none = poll(&public, &search, |html| !html.contains(TITLE)).await;
    assert!(none.contains("没有找到"), "{none}");
    shot(&public, "18-search-after-withdrawal", false).await;

    browser.close().await.ok();
    task.abort();
    if let Some(s) = p.server.take() {
        s.stop();
    }
    let key = [("GONGKAI_AUDIT_KEY", super::KEY)];
    let (code, out, _) = crate::server::audit_verify(&p.dir.path().join("data"), None, &key);
    assert_eq!(
        code, 0,
        "every step is in the audit log, and it verifies: {out}"
    );
}

/// Fills the 起草 form with the attachment `file` and saves the draft; returns its id.
async fn draft(page: &Page, p: &Platform, file: &Path) -> i64 {
    page.goto(p.url("/admin/documents/new")).await.unwrap();
    wait_for(page, "起草新文件").await;
    let input = page.find_element("input[name=files]").await.unwrap();
    let files = SetFileInputFilesParams::builder()
        .file(file.to_str().unwrap())
        .backend_node_id(input.backend_node_id)
        .build()
        .unwrap();
    page.execute(files).await.unwrap();
    let form = [
        ("title", TITLE),
        ("doc_no", "示政办发〔2026〕9号"),
        ("summary", "部署春季候鸟迁徙通道的巡护和宣传工作。"),
        ("item", "art20_15"),
        (
            "body",
            "各县（区）人民政府，市直各单位：\n\n请做好候鸟迁徙期间的巡护工作。",
        ),
    ];
    fill_and_submit(page, "form.document-form", &form).await;
    wait_for(page, "提交保密审查").await;
    shot(page, "10-document-draft", false).await;
    let url = page.url().await.unwrap().unwrap_or_default();
    url.rsplit('/').next().unwrap().parse().unwrap()
}

/// Opens the document's page as `page`'s user and submits the step form of `fields`' step.
async fn doc_step(page: &Page, p: &Platform, path: &str, fields: &[(&str, &str)], expect: &str) {
    page.goto(p.url(path)).await.unwrap();
    wait_for(page, "办理记录").await;
    let step = fields.iter().find(|(k, _)| *k == "step").unwrap().1;
    let form = format!("form:has(input[name=step][value={step}])");
    fill_and_submit(page, &form, fields).await;
    wait_for(page, expect).await;
}

/// Reloads `url` until its page satisfies `done` (the search index follows the change log every
/// few seconds), and returns that page.
async fn poll(page: &Page, url: &str, done: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        page.goto(url).await.unwrap();
        let html = wait_for(page, "信息检索").await;
        if done(&html) {
            return html;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{url} did not change in 30 s: {html}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// A minimal Word document whose only paragraph is `text`.
fn docx_with(text: &str) -> Vec<u8> {
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

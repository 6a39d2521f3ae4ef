//! The annual report end to end in the browser, on `gongkai demo`'s agency tree: the city's
//! clerk opens the draft the platform compiled, sees the findings, fixes them (the figures from
//! other systems entered, the 【待填写】 written) → submits → the reviewer passes it → the
//! 负责人 approves and publishes → the 专栏 lists the report and serves its page, PDF, Word and
//! Excel → the supervisor's view lists the city as 已发布 and the 教育局, which published
//! nothing by 31 January, as 逾期. Screenshots in `target/e2e-screenshots/`.

use super::{Platform, browser, download, fill_and_submit, js, shot, sign_in, wait_for};
use chromiumoxide::Page;

const PASS: &str = "Demo-Pass-2026";

fn demo(p: &Platform) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "demo",
            "--data",
            p.dir.path().join("data").to_str().unwrap(),
        ])
        .env("GONGKAI_ADMIN_PASSWORD", crate::server::ADMIN_PASSWORD)
        .env("GONGKAI_AUDIT_KEY", super::KEY)
        .env("GONGKAI_TODAY", "2026-12-01")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Takes the step whose form carries `action` on the report page.
async fn act(page: &Page, p: &Platform, action: &str, expect: &str) {
    page.goto(p.url("/admin/reports/1/2026")).await.unwrap();
    wait_for(page, "办理记录").await;
    let form = format!("form:has(input[name=action][value={action}])");
    fill_and_submit(page, &form, &[]).await;
    wait_for(page, expect).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_city_compiles_fixes_publishes_and_the_supervisor_sees_it() {
    let mut p = Platform::new();
    demo(&p);
    let (mut browser, task, _profile) = browser().await;

    // 10 January 2027: the clerk opens the 2026 report the platform drafted.
    p.day("2027-01-10");
    let page = browser.new_page("about:blank").await.unwrap();
    sign_in(&page, &p, "clerk", PASS).await;
    page.goto(p.url("/admin/reports")).await.unwrap();
    wait_for(&page, "政府信息公开工作年度报告").await;
    shot(&page, "31-reports-list", true).await;
    page.goto(p.url("/admin/reports/1/2026")).await.unwrap();
    let html = wait_for(&page, "检查结果").await;
    assert!(
        html.contains("行政许可 本年处理决定数量：尚未填写"),
        "{html}"
    );
    assert!(html.contains("改正后才能提交"), "{html}");
    shot(&page, "32-report-draft-with-findings", true).await;

    // A finding followed to its field, then fixed: figures entered, placeholders written.
    page.evaluate(
        "document.querySelectorAll('textarea').forEach(t => t.value = t.value.replaceAll('【待填写】', \
         '本年度持续推进政务公开标准化规范化建设，按时更新政府信息公开专栏，依法办理政府信息公开申请。'))",
    )
    .await
    .unwrap();
    let entries = [
        ("e.licensing.decisions", "131"),
        ("e.penalty.decisions", "7"),
        ("e.coercion.decisions", "0"),
        ("e.fees.amount_wan", "0"),
        ("src.licensing", "政务服务网审批系统"),
    ];
    fill_and_submit(&page, "form.report-form", &entries).await;
    wait_for(&page, "没有错误").await;
    let left = "String([...document.querySelectorAll('textarea')].filter(t => t.value.includes('【待填写】')).length)";
    assert_eq!(js(&page, left).await, "0");
    shot(&page, "33-report-fixed", false).await;
    act(&page, &p, "submit", "待审核").await;

    let page = browser.new_page("about:blank").await.unwrap();
    sign_in(&page, &p, "reviewer", PASS).await;
    act(&page, &p, "review", "待批准").await;
    let page = browser.new_page("about:blank").await.unwrap();
    sign_in(&page, &p, "head", PASS).await;
    act(&page, &p, "approve", "待发布").await;
    act(&page, &p, "publish", "已在公开专栏发布").await;
    shot(&page, "34-report-published", false).await;

    // The 专栏: list, page, downloads.
    let public = browser.new_page(p.url("/xxgk/ROOT/reports")).await.unwrap();
    let html = wait_for(&public, "/xxgk/ROOT/reports/2026").await;
    assert!(html.contains("2027-01-10 发布"), "{html}");
    public.goto(p.url("/xxgk/ROOT/reports/2026")).await.unwrap();
    let html = wait_for(&public, "示例市人民政府").await;
    assert!(
        html.contains("131"),
        "the entered figure is printed: {html}"
    );
    shot(&public, "35-xxgk-report", true).await;
    for (ext, mime, magic) in [
        ("pdf", "application/pdf", &b"%PDF"[..]),
        ("docx", "wordprocessingml", &b"PK"[..]),
        ("xlsx", "spreadsheetml", &b"PK"[..]),
    ] {
        let (kind, bytes) = download(&p, &format!("/xxgk/ROOT/reports/2026.{ext}")).await;
        assert!(kind.contains(mime), "{ext}: {kind}");
        assert!(bytes.starts_with(magic), "{ext}");
    }

    // 5 February: the 教育局 (a department, due 31 January) has no 2026 report: 逾期.
    p.day("2027-02-05");
    let page = browser.new_page("about:blank").await.unwrap();
    sign_in(&page, &p, "inspector", PASS).await;
    page.goto(p.url("/admin/oversight?year=2026"))
        .await
        .unwrap();
    let html = wait_for(&page, "年度报告督查").await;
    let row = |name: &str| {
        let at = html.find(name).unwrap_or_else(|| panic!("{name}: {html}"));
        html[at..].split("</tr>").next().unwrap().to_owned()
    };
    assert!(
        row("示例市人民政府").contains("已发布"),
        "{}",
        row("示例市人民政府")
    );
    assert!(
        row("示例市教育局").contains("逾期"),
        "{}",
        row("示例市教育局")
    );
    shot(&page, "36-oversight", true).await;

    browser.close().await.ok();
    task.abort();
    if let Some(s) = p.server.take() {
        s.stop();
    }
}

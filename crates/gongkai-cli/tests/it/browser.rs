//! One application end to end in a real browser (Debian's headless Chromium, driven over its
//! remote-debugging protocol) against a real `gongkai serve`, the days moved on by restarting the server with
//! another `GONGKAI_TODAY`: the citizen files online and gets a 查询码 → a clerk signs for it and
//! sends a 补正 → the status page shows it → the 补正 arrives → a third party is consulted →
//! the 负责人 approves 延期 → the answer is 部分公开 → its DOCX and PDF carry the reasons, the legal
//! basis and the 救济途径 → the citizen downloads it with the 查询码 → table 三 counts the case in
//! （二）部分公开 / 自然人 and its drill-down lists it. A screenshot per step (desktop and phone)
//! goes to `target/e2e-screenshots/`.
//!
//! The helpers here serve the other browser tests too: a document of 主动公开 from draft to
//! withdrawal (`documents`), axe-core's accessibility check of the 专栏 (`accessibility`), and
//! the annual report from draft to the supervisor's view (`reports`).

mod accessibility;
mod documents;
mod reports;

use crate::server::{ADMIN_PASSWORD, Server};
use chromiumoxide::Page;
use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::emulation::SetDeviceMetricsOverrideParams;
use chromiumoxide::cdp::browser_protocol::page::CaptureScreenshotFormat;
use chromiumoxide::handler::viewport::Viewport;
use chromiumoxide::page::ScreenshotParams;
use futures::StreamExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const KEY: &str = "5e1d2c3b4a5968778695a4b3c2d1e0f0112233445566778899aabbccddeeff01";

/// The platform: its data folder and the server of the day.
struct Platform {
    dir: tempfile::TempDir,
    server: Option<Server>,
    base: String,
}

impl Platform {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
            server: None,
            base: String::new(),
        }
    }

    /// (Re)starts the server with `today` as the Beijing date.
    fn day(&mut self, today: &str) {
        if let Some(s) = self.server.take() {
            s.stop();
        }
        let env = [("GONGKAI_AUDIT_KEY", KEY), ("GONGKAI_TODAY", today)];
        let s = Server::start(&self.dir.path().join("data"), None, &env);
        self.base = format!("http://127.0.0.1:{}", s.port);
        self.server = Some(s);
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn shots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves the page at desktop width, and at phone width when `phone`.
async fn shot(page: &Page, name: &str, phone: bool) {
    let params = || {
        ScreenshotParams::builder()
            .format(CaptureScreenshotFormat::Png)
            .full_page(true)
            .build()
    };
    save(page, params, &format!("{name}.png")).await;
    if phone {
        let m = SetDeviceMetricsOverrideParams::new(390, 844, 2.0, true);
        page.execute(m).await.unwrap();
        save(page, params, &format!("{name}-phone.png")).await;
        page.execute(SetDeviceMetricsOverrideParams::new(1280, 900, 1.0, false))
            .await
            .unwrap();
    }
}

/// Saves one screenshot once the page has laid out: right after a form's redirect the text
/// can already be there while the page still measures 0 wide, which Chromium refuses to capture.
async fn save(page: &Page, params: impl Fn() -> ScreenshotParams, file: &str) {
    let start = Instant::now();
    loop {
        let ready = page
            .evaluate(
                "document.readyState === 'complete' && document.documentElement.scrollWidth > 0",
            )
            .await
            .ok()
            .and_then(|v| v.into_value::<bool>().ok())
            .unwrap_or(false);
        if ready {
            match page.save_screenshot(params(), shots().join(file)).await {
                Ok(_) => return,
                Err(e) if start.elapsed() > Duration::from_secs(20) => {
                    panic!("screenshot {file}: {e}")
                }
                Err(_) => {}
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the page never laid out for {file}"
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Waits until the page's text contains `text` (the browser navigates on its own time).
async fn wait_for(page: &Page, text: &str) -> String {
    let start = Instant::now();
    loop {
        let html = page.content().await.unwrap_or_default();
        if html.contains(text) {
            return html;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "waited for “{text}”; the page has: {html}"
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Sets form fields by name (selects, radios and text alike) and submits the form of `button`.
async fn fill_and_submit(page: &Page, form: &str, fields: &[(&str, &str)]) {
    let js_fields: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("[{}, {}]", serde_json::json!(k), serde_json::json!(v)))
        .collect();
    let script = format!(
        "(() => {{ const f = document.querySelector({form}); for (const [k, v] of [{}]) {{ \
           const els = f.querySelectorAll('[name=\"' + k + '\"]'); \
           for (const el of els) {{ if (el.type === 'radio' || el.type === 'checkbox') {{ el.checked = (el.value === v); }} else {{ el.value = v; }} }} }} \
           f.requestSubmit(); }})()",
        js_fields.join(", "),
        form = serde_json::json!(form),
    );
    page.evaluate(script).await.unwrap();
}

/// The value of an element's attribute or property, by script.
async fn js(page: &Page, expr: &str) -> String {
    page.evaluate(expr)
        .await
        .unwrap()
        .into_value::<String>()
        .unwrap_or_default()
}

async fn browser() -> (Browser, tokio::task::JoinHandle<()>, tempfile::TempDir) {
    let profile = tempfile::tempdir().unwrap();
    let chromium = Path::new("/usr/bin/chromium");
    assert!(
        chromium.exists(),
        "the browser test needs Debian's chromium (apt-get install chromium)"
    );
    let config = BrowserConfig::builder()
        .chrome_executable(chromium)
        .new_headless_mode()
        .no_sandbox()
        .user_data_dir(profile.path())
        .viewport(Viewport {
            width: 1280,
            height: 900,
            ..Viewport::default()
        })
        .args([
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--lang=zh-CN",
        ])
        .build()
        .unwrap();
    let (browser, mut handler) = Browser::launch(config).await.unwrap();
    let task = tokio::spawn(async move { while handler.next().await.is_some() {} });
    (browser, task, profile)
}

/// Signs a staff member in (on a page of their own browser context).
async fn sign_in(page: &Page, p: &Platform, user: &str, password: &str) {
    page.goto(p.url("/login")).await.unwrap();
    fill_and_submit(
        page,
        "form[action='/login']",
        &[("username", user), ("password", password)],
    )
    .await;
    wait_for(page, "工作台").await;
}

/// The captcha answer of the form on `page` (the test holds the platform's key).
async fn captcha(page: &Page) -> String {
    let token = js(
        page,
        "document.querySelector('input[name=challenge]').value",
    )
    .await;
    let key = gongkai_storage::AuditKey::from_hex(KEY).unwrap();
    let signer = gongkai_web::secret::Signer::new(key.derive("web cookies"));
    gongkai_web::captcha::solve(&signer, &token).unwrap()
}

async fn step(page: &Page, p: &Platform, fields: &[(&str, &str)], expect: &str) {
    page.goto(p.url("/admin/cases/1")).await.unwrap();
    wait_for(page, "办理过程").await;
    let step = fields
        .iter()
        .find(|(k, _)| *k == "step")
        .map(|(_, v)| *v)
        .unwrap();
    let form = format!("form:has(input[name=step][value={step}])");
    fill_and_submit(page, &form, fields).await;
    wait_for(page, expect).await;
}

fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    xml
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_application_from_the_citizens_form_to_table_three() {
    let mut p = Platform::new();
    let (mut browser, task, _profile) = browser().await;

    // Day 1, Monday 2 March 2026: the agency sets its letters up; a citizen files online.
    p.day("2026-03-02");
    let staff = browser.new_page("about:blank").await.unwrap();
    sign_in(&staff, &p, "admin", ADMIN_PASSWORD).await;
    staff
        .goto(p.url("/admin/agencies/1/profile"))
        .await
        .unwrap();
    fill_and_submit(
        &staff,
        "form.card",
        &[
            ("short_name", "本级"),
            ("review_organ", "上级人民政府"),
            ("court", "某市中级人民法院"),
        ],
    )
    .await;
    wait_for(&staff, "公开设置").await;
    let citizen = browser.new_page(p.url("/xxgk/ROOT/apply")).await.unwrap();
    wait_for(&citizen, "政府信息公开申请").await;
    shot(&citizen, "01-application-form", true).await;
    let answer = captcha(&citizen).await;
    let form = [
        ("applicant_type", "natural_person"),
        ("name", "张三"),
        ("id_type", "resident_id"),
        ("id_number", "11010519491231002X"),
        ("phone", "13800138000"),
        ("address", "江西省宜春市人民路1号"),
        ("postcode", "336000"),
        ("email", "zhangsan@example.cn"),
        ("title", "2025年度政府采购合同"),
        ("description", "2025年本机关签订的政府采购合同及其附件"),
        ("retrieval", "email"),
        ("delivery", "email"),
        ("captcha", &answer),
    ];
    fill_and_submit(&citizen, "form.apply", &form).await;
    let receipt = wait_for(&citizen, "申请已提交").await;
    shot(&citizen, "02-receipt", true).await;
    let code = receipt
        .split("<p class=\"secret\"><code>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();

    // Day 2: a clerk signs for it and asks for a 补正.
    p.day("2026-03-03");
    let clerk = browser.new_page("about:blank").await.unwrap();
    create_staff(&p);
    sign_in(&clerk, &p, "clerk1", "Clerk-Pass-2026").await;
    clerk.goto(p.url("/admin/cases")).await.unwrap();
    wait_for(&clerk, "张三").await;
    shot(&clerk, "03-inbox", true).await;
    clerk.goto(p.url("/admin/cases/1")).await.unwrap();
    wait_for(&clerk, "待签收").await;
    fill_and_submit(&clerk, "form:has(input[name=action][value=sign])", &[]).await;
    wait_for(&clerk, "已签收").await;
    step(
        &clerk,
        &p,
        &[
            ("step", "correction"),
            ("on", "2026-03-03"),
            ("items", "请写明合同编号或签订时间"),
            ("days", "10"),
        ],
        "待补正",
    )
    .await;
    shot(&clerk, "04-correction-sent", false).await;

    // The status page shows it.
    status_page(&citizen, &p, &code, "13800138000").await;
    wait_for(&citizen, "补正").await;
    shot(&citizen, "05-status-correction", true).await;

    // Day 3: the 补正 arrives; a third party is consulted.
    p.day("2026-03-06");
    step(
        &clerk,
        &p,
        &[("step", "supplement"), ("on", "2026-03-06")],
        "办理中",
    )
    .await;
    let consult = [
        ("step", "consult"),
        ("on", "2026-03-06"),
        ("party", "third_party"),
        ("name", "某某建设有限公司"),
        ("date2", "2026-03-06"),
    ];
    step(&clerk, &p, &consult, "征求意见中").await;

    // Day 4: the third party objects in part; the 负责人 approves 延期; the answer is 部分公开.
    p.day("2026-03-20");
    let end = [
        ("step", "consult_end"),
        ("number", "1"),
        ("on", "2026-03-20"),
        ("answer", "objected"),
        ("reasons", "报价明细属商业秘密"),
    ];
    step(&clerk, &p, &end, "办理中").await;
    let head = browser.new_page("about:blank").await.unwrap();
    sign_in(&head, &p, "head1", "Head-Pass-2026").await;
    step(
        &head,
        &p,
        &[
            ("step", "extend"),
            ("on", "2026-03-20"),
            ("days", "20"),
            ("reasons", "需征求第三方意见"),
        ],
        "延期答复告知书",
    )
    .await;
    let decide = [
        ("step", "decide"),
        ("on", "2026-03-20"),
        ("reply", "partly_granted"),
        (
            "legal_basis",
            "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
        ),
        (
            "reasons",
            "合同中的供应商报价明细涉及第三方商业秘密，第三方不同意公开",
        ),
        ("withheld_parts", "供应商报价明细"),
    ];
    step(&clerk, &p, &decide, "已答复待送达").await;
    shot(&clerk, "06-case-answered", true).await;

    // The answer letter, as the citizen downloads it with the 查询码.
    status_page(&citizen, &p, &code, "138 0013 8000").await;
    let status = wait_for(&citizen, "已作出答复").await;
    shot(&citizen, "07-status-answered", true).await;
    let links: Vec<&str> = status
        .split("href=\"/apply/files/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let mut docx = None;
    let mut pdf = None;
    for l in links {
        let (kind, bytes) = download(&p, &format!("/apply/files/{l}")).await;
        if kind.contains("wordprocessingml") {
            docx = Some(bytes);
        } else if kind.contains("pdf") {
            pdf = Some(bytes);
        }
    }
    let (docx, pdf) = (docx_text(&docx.unwrap()), pdf.unwrap());
    let pdf_text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    for text in [&docx, &pdf_text.replace(['\n', ' '], "")] {
        for expected in [
            "供应商报价明细",
            "第三十七条",
            "行政复议",
            "上级人民政府",
            "作区分处理",
        ] {
            assert!(
                text.contains(expected),
                "{expected} missing from the answer letter"
            );
        }
    }

    // Table 三 counts it in （二）部分公开 / 自然人, and the cell lists it.
    clerk.goto(p.url("/admin/stats?year=2026")).await.unwrap();
    let stats = wait_for(&clerk, "收到和处理政府信息公开申请情况").await;
    shot(&clerk, "08-table-three", true).await;
    let drill = "/admin/cases?cell=2026:partly_granted:natural_person";
    assert!(stats.contains(drill), "the cell links to its cases");
    clerk.goto(p.url(drill)).await.unwrap();
    wait_for(&clerk, "张三").await;
    shot(&clerk, "09-drill-down", false).await;

    browser.close().await.ok();
    task.abort();
    if let Some(s) = p.server.take() {
        s.stop();
    }
    let (code, out, _) = crate::server::audit_verify(
        &p.dir.path().join("data"),
        None,
        &[("GONGKAI_AUDIT_KEY", KEY)],
    );
    assert_eq!(code, 0, "{out}");
}

/// The citizen looks the application up with the 查询码 and the phone number (as typed).
async fn status_page(page: &Page, p: &Platform, code: &str, phone: &str) {
    page.goto(p.url("/apply/status")).await.unwrap();
    let form = [("code", code), ("phone", phone)];
    fill_and_submit(page, "form[action='/apply/status']", &form).await;
}

/// The clerk, the reviewer and the 负责人 of the root agency, made with `gongkai admin create-user` and a
/// password chosen by the administrator (so no first-login change is asked).
fn create_staff(p: &Platform) {
    let data = p.dir.path().join("data");
    for (user, name, role, pw) in [
        ("clerk1", "李经办", "clerk", "Clerk-Pass-2026"),
        ("reviewer1", "赵审核", "reviewer", "Review-Pass-2026"),
        ("head1", "王主任", "head", "Head-Pass-2026"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args([
                "admin",
                "create-user",
                "--data",
                data.to_str().unwrap(),
                "--agency",
                "ROOT",
            ])
            .args(["--username", user, "--name", name, "--role", role])
            .env("GONGKAI_NEW_PASSWORD", pw)
            .env("GONGKAI_AUDIT_KEY", KEY)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Downloads `path` from the server (content type and bytes).
async fn download(p: &Platform, path: &str) -> (String, Vec<u8>) {
    let port: u16 = p.base.rsplit(':').next().unwrap().parse().unwrap();
    crate::server::Client::at(port).get_raw(path).await
}

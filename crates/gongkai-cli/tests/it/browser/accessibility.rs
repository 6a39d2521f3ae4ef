//! The 专栏 pages checked by axe-core (GB/T 37668 asks for what WCAG 2.1 AA does: headings,
//! labels, alt text, contrast, keyboard) inside the same Debian Chromium, at desktop and phone
//! width, on the demo platform. axe-core is vendored in `tests/vendor/` (MPL-2.0), so nothing is
//! fetched at test time. Every violation found is printed; a serious or critical one fails.

use super::{Platform, browser, wait_for};
use crate::server::ADMIN_PASSWORD;
use chromiumoxide::Page;
use chromiumoxide::cdp::browser_protocol::emulation::SetDeviceMetricsOverrideParams;
use serde::Deserialize;

/// axe-core 4.14.1, unmodified (see `tests/vendor/README.md`).
const AXE: &str = include_str!("../../vendor/axe.min.js");

/// What axe reports for a page: rules passed, rules it could not decide, rules broken.
#[derive(Deserialize)]
struct Axe {
    passed: usize,
    review: Vec<String>,
    violations: Vec<Violation>,
}

/// One rule broken on a page, as axe reports it.
#[derive(Deserialize, Debug)]
struct Violation {
    id: String,
    impact: Option<String>,
    help: String,
    nodes: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_public_column_pages_have_no_serious_accessibility_violation() {
    let mut p = demo_platform("2026-12-01");
    let (mut browser, task, _profile) = browser().await;
    let page = browser.new_page("about:blank").await.unwrap();
    page.goto(p.url("/xxgk/ROOT/docs")).await.unwrap();
    let list = wait_for(&page, "/xxgk/ROOT/docs/").await;
    let id = list
        .split("href=\"/xxgk/ROOT/docs/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    let detail = format!("/xxgk/ROOT/docs/{id}");
    let pages = [
        "/xxgk/ROOT/",
        "/xxgk/ROOT/docs",
        &detail,
        "/xxgk/ROOT/guide",
        "/xxgk/ROOT/rules",
        "/xxgk/ROOT/reports",
        "/search?q=预算",
    ];

    // The check itself works: an image without alt text is found on a page of the 专栏.
    open(&page, &p, "/xxgk/ROOT/guide", false).await;
    let img =
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/a.png\">')";
    page.evaluate(img).await.unwrap();
    let found = violations(&page).await;
    assert!(found.iter().any(|v| v.id == "image-alt"), "{found:?}");

    let mut serious = Vec::new();
    for path in pages {
        for phone in [false, true] {
            open(&page, &p, path, phone).await;
            let width = if phone { "phone" } else { "desktop" };
            for v in violations(&page).await {
                println!(
                    "{path} ({width}): {} [{}] {}\n    {}",
                    v.id,
                    v.impact.as_deref().unwrap_or("?"),
                    v.help,
                    v.nodes.join("\n    ")
                );
                if matches!(v.impact.as_deref(), Some("serious" | "critical")) {
                    serious.push(format!("{path} ({width}): {} — {}", v.id, v.help));
                }
            }
        }
    }
    browser.close().await.ok();
    task.abort();
    if let Some(s) = p.server.take() {
        s.stop();
    }
    assert!(serious.is_empty(), "serious violations: {serious:#?}");
}

/// A platform filled by `gongkai demo` as of `today`, its server started.
fn demo_platform(today: &str) -> Platform {
    let mut p = Platform::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "demo",
            "--data",
            p.dir.path().join("data").to_str().unwrap(),
        ])
        .env("GONGKAI_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("GONGKAI_AUDIT_KEY", super::KEY)
        .env("GONGKAI_TODAY", today)
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", crate::text(&out));
    p.day(today);
    p
}

/// Opens `path` at desktop width, or at phone width when `phone`.
async fn open(page: &Page, p: &Platform, path: &str, phone: bool) {
    let metrics = if phone {
        SetDeviceMetricsOverrideParams::new(390, 844, 2.0, true)
    } else {
        SetDeviceMetricsOverrideParams::new(1280, 900, 1.0, false)
    };
    page.execute(metrics).await.unwrap();
    page.goto(p.url(path)).await.unwrap();
    wait_for(page, "</footer>").await;
}

/// What axe finds on the page as it is now.
async fn violations(page: &Page) -> Vec<Violation> {
    page.evaluate_expression(AXE).await.unwrap();
    let run = "axe.run(document).then(r => JSON.stringify({ passed: r.passes.length, \
        review: r.incomplete.map(v => v.id), violations: r.violations.map(v => ({ id: v.id, \
        impact: v.impact, help: v.help, \
        nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '')) })) }))";
    let json: String = page
        .evaluate_expression(run)
        .await
        .unwrap()
        .into_value()
        .unwrap();
    let result: Axe = serde_json::from_str(&json).unwrap();
    println!(
        "axe checked {}: {} rules passed, {} violated, to review by hand: {:?}",
        page.url().await.unwrap().unwrap_or_default(),
        result.passed,
        result.violations.len(),
        result.review
    );
    result.violations
}

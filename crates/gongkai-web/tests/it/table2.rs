//! Table 二's 规章 / 行政规范性文件 counts on the statistics page, computed from the registry and
//! checked against a hand-counted fixture: drafts, withdrawn and unmarked documents are not
//! counted; a repeal counts in the year it takes effect; 现行有效 is judged on 31 December.

use crate::helpers::{TestApp, on_both_backends};
use gongkai_domain::disclosure::{Command, Marker, Validity};
use gongkai_storage::conformance::documents::{content, draft, publish, step};
use gongkai_storage::{Role, Scope, Store};

async fn fixture(app: &TestApp) {
    let store: &dyn Store = app.db.store.as_ref();
    let a = store
        .agency(Scope::agency(app.ids["A"]), app.ids["A"])
        .await
        .unwrap();
    let db = &app.db;
    let doc = |title: &str, written: &str, marker: Option<Marker>| {
        let mut c = content(title, written);
        c.marker = marker;
        c
    };
    let (reg, norm) = (Some(Marker::Regulation), Some(Marker::NormativeDocument));
    // 规章: r1 made in 2026; r2 made 2024, repealed from 2026-06-01; r3 made 2025; r4 a draft.
    publish(
        db,
        &draft(db, &a, doc("规章一", "2026-02-01", reg)).await,
        "2026-02-02",
    )
    .await;
    let r2 = publish(
        db,
        &draft(db, &a, doc("规章二", "2024-05-01", reg)).await,
        "2024-05-06",
    )
    .await;
    let repeal = Command::SetValidity {
        validity: Validity::Repealed {
            on: "2026-06-01".parse().unwrap(),
            replaced_by: None,
        },
    };
    step(db, &r2, "2026-05-20", Role::Clerk, repeal)
        .await
        .unwrap();
    publish(
        db,
        &draft(db, &a, doc("规章三", "2025-01-10", reg)).await,
        "2025-01-13",
    )
    .await;
    draft(db, &a, doc("规章四（草稿）", "2026-03-01", reg)).await;
    // 行政规范性文件: n1 published then withdrawn; n2 expired on the last day of 2025; n3 made 2026.
    let n1 = publish(
        db,
        &draft(db, &a, doc("规范一", "2026-01-15", norm)).await,
        "2026-01-16",
    )
    .await;
    let withdraw = Command::Withdraw {
        reason: "发布有误".into(),
    };
    step(db, &n1, "2026-01-20", Role::Head, withdraw)
        .await
        .unwrap();
    let n2 = publish(
        db,
        &draft(db, &a, doc("规范二", "2023-01-01", norm)).await,
        "2023-01-03",
    )
    .await;
    let expire = Command::SetValidity {
        validity: Validity::Expired {
            on: "2025-12-31".parse().unwrap(),
        },
    };
    step(db, &n2, "2025-06-01", Role::Clerk, expire)
        .await
        .unwrap();
    publish(
        db,
        &draft(db, &a, doc("规范三", "2026-01-20", norm)).await,
        "2026-01-21",
    )
    .await;
    // Not marked: not in table 二.
    publish(
        db,
        &draft(db, &a, doc("通知", "2026-01-20", None)).await,
        "2026-01-21",
    )
    .await;
}

fn row(label: &str, counts: [i64; 3]) -> String {
    let cells: String = counts
        .iter()
        .map(|n| format!("<td class=\"num\">{n}</td>"))
        .collect();
    format!("<tr><td>{label}</td>{cells}<td>")
}

async fn table_two_counts_the_registry_as_counted_by_hand(app: TestApp) {
    fixture(&app).await;
    let mut clerk = app.login("a_clerk").await;
    let page = clerk.get("/admin/stats?year=2026").await.body;
    assert!(
        page.contains("<th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th>"),
        "{page}"
    );
    // 规章: made r1; repealed r2; in force r1 + r3.
    assert!(page.contains(&row("规章", [1, 1, 2])), "{page}");
    // 行政规范性文件: made n3 (n1 withdrawn); none repealed in 2026; in force n3.
    assert!(page.contains(&row("行政规范性文件", [1, 0, 1])), "{page}");
    let last = clerk.get("/admin/stats?year=2025").await.body;
    // 2025: made r3; r2 and r3 in force; n2 expired on 31 December (not in force that day).
    assert!(last.contains(&row("规章", [1, 0, 2])), "{last}");
    assert!(last.contains(&row("行政规范性文件", [0, 1, 0])), "{last}");
    // Another agency's registry is its own.
    // The row's drill-down lists the marked documents of the registry.
    let listed = clerk.get("/admin/documents?marker=regulation").await.body;
    assert!(
        page.contains("/admin/documents?marker=regulation"),
        "{page}"
    );
    for (title, shown) in [
        ("规章一", true),
        ("规章三", true),
        ("规范三", false),
        ("通知", false),
    ] {
        assert_eq!(listed.contains(title), shown, "{title}: {listed}");
    }
    let mut other = app.login("b_admin").await;
    let theirs = other.get("/admin/stats?year=2026").await.body;
    assert!(theirs.contains(&row("规章", [0, 0, 0])), "{theirs}");
}

on_both_backends!(table_two_counts_the_registry_as_counted_by_hand);

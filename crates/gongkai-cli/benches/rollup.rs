//! The supervisor's view of a province (`cargo bench -p gongkai-cli --bench rollup`), on
//! PostgreSQL (`GONGKAI_TEST_POSTGRES`, default the local server's database `test`), against the
//! release `gongkai serve`, printing one table: `/admin/oversight` for a year over 3,000
//! agencies (a province of 10 cities × 10 counties × 29 departments below the demo's root), each
//! with a published report, the roll-up of every government against its children (H-01), the
//! year-over-year rules and SIM-01 included. Goal: < 10 s.
//!
//! The reports are copies of the demo's published city report (inserted by SQL: the bench
//! measures reading and judging them, not writing them).

#[allow(
    dead_code,
    reason = "the tests' helpers, of which the bench uses a few"
)]
#[path = "../tests/it/server.rs"]
mod server;

#[path = "support/demo.rs"]
mod demo;

use sea_orm::{ConnectionTrait, Database};
use server::{ADMIN_PASSWORD, Server};
use std::time::Instant;

const KEY: &str = "8c1d2c3b4a5968778695a4b3c2d1e0f0112233445566778899aabbccddeeff04";

fn env() -> [(&'static str, &'static str); 3] {
    [
        ("GONGKAI_AUDIT_KEY", KEY),
        ("GONGKAI_TODAY", "2026-12-01"),
        ("GONGKAI_LOG", "warn"),
    ]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let admin_url = std::env::var("GONGKAI_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let name = format!("gk_bench_rollup_{}", std::process::id());
    let admin = Database::connect(&admin_url)
        .await
        .expect("PostgreSQL answers");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("a database for the bench");
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(b, _)| b);
    let url = format!("{base}/{name}");
    let data = tempfile::tempdir().expect("a folder");

    demo::fill(data.path(), Some(&url), ADMIN_PASSWORD, &env());

    let db = Database::connect(&url).await.expect("the bench database");
    let t = Instant::now();
    // 10 cities × 10 counties × 29 departments = 3,010 agencies below the root (id 1).
    let insert = |sql: String| {
        let db = &db;
        async move {
            db.execute_unprepared(&sql)
                .await
                .expect("inserting the tree")
        }
    };
    let cols = "parent_id, name, code, level, address, postcode, phone, email, audit_seq, \
                audit_head, version, created_at, updated_at";
    let from_root = "r.address, r.postcode, r.phone, r.email, 0, '', 1, now(), now() \
                     FROM agencies r";
    insert(format!(
        "INSERT INTO agencies ({cols}) SELECT 1, '示例省第' || g || '市人民政府', 'P' || g, 'city', \
         {from_root} CROSS JOIN generate_series(1, 10) g WHERE r.id = 1"
    ))
    .await;
    insert(format!(
        "INSERT INTO agencies ({cols}) SELECT c.id, c.name || '第' || g || '县人民政府', \
         c.code || 'K' || g, 'county', {from_root} \
         CROSS JOIN (SELECT id, name, code FROM agencies WHERE level = 'city' AND code LIKE 'P%') c \
         CROSS JOIN generate_series(1, 10) g WHERE r.id = 1"
    ))
    .await;
    insert(format!(
        "INSERT INTO agencies ({cols}) SELECT k.id, k.name || '第' || g || '局', \
         k.code || 'D' || g, 'department', {from_root} \
         CROSS JOIN (SELECT id, name, code FROM agencies WHERE level = 'county' AND code LIKE 'P%') k \
         CROSS JOIN generate_series(1, 29) g WHERE r.id = 1"
    ))
    .await;
    // Every new agency publishes a copy of the city's 2025 report; the 2024 copies feed Y-01.
    for year in [2024, 2025] {
        insert(format!(
            "INSERT INTO annual_reports (agency_id, year, edition, status, record_json, \
             report_json, errors, warnings, published_on, revision, created_at, updated_at) \
             SELECT a.id, r.year, 1, r.status, r.record_json, r.report_json, r.errors, \
             r.warnings, r.published_on, 1, now(), now() \
             FROM agencies a CROSS JOIN (SELECT * FROM annual_reports WHERE agency_id = 1 \
             AND year = {year} AND status = 'published') r WHERE a.code LIKE 'P%'"
        ))
        .await;
    }
    db.execute_unprepared("ANALYZE").await.expect("ANALYZE");
    let agencies = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM agencies".to_owned(),
        ))
        .await
        .expect("count")
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .unwrap_or(0);
    eprintln!(
        "{agencies} agencies with reports in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let server = Server::start(data.path(), Some(&url), &env());
    let mut client = server.client();
    assert_eq!(client.login("admin", ADMIN_PASSWORD).await.status, 303);
    let mut times = Vec::new();
    let mut rollups = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let r = client.get("/admin/oversight?year=2025").await;
        assert_eq!(
            r.status,
            200,
            "status {} {}",
            r.status,
            &r.body[..r.body.len().min(2000)]
        );
        times.push(t.elapsed().as_secs_f64());
        rollups = r.body.matches("<h3>").count();
    }
    server.stop();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    db.close().await.ok();
    admin
        .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .ok();

    println!("| measure | result | goal |");
    println!("|---|---|---|");
    println!(
        "| supervisor's view of 2025, {agencies} agencies, {rollups} governments rolled up (H-01), PostgreSQL, median of 3 | {median:.2} s | < 10 s |"
    );
}

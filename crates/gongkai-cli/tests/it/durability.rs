//! Durability of online submissions: citizens file applications in parallel from many addresses
//! while the server is killed with SIGKILL (a power cut, the OOM killer). After a restart every
//! submission that was answered with a 查询码 is stored, with what was sent, and
//! `gongkai audit verify` passes — on SQLite, and on PostgreSQL with `postgres-tests`.

use crate::security::Backend;
use crate::server::{Server, file_online};
use gongkai_storage::testing::query_text_at;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const KEY: &str = "6a1d2c3b4a5968778695a4b3c2d1e0f0112233445566778899aabbccddeeff02";
/// Addresses the citizens file from (each may file ten times before it is slowed down).
const CITIZENS: u8 = 24;
/// The server is killed once this many submissions have been acknowledged.
const KILL_AFTER: usize = 25;

/// What a citizen sent and the 查询码 the receipt showed.
#[derive(Debug, Clone)]
struct Acknowledged {
    code: String,
    title: String,
}

/// Citizens file until the server goes away; the server is killed mid-stream.
async fn file_while_killed(server: Server) -> Vec<Acknowledged> {
    let acked = Arc::new(Mutex::new(Vec::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for i in 0..CITIZENS {
        let mut client = server.client_from(&format!("127.0.0.{}", 10 + i));
        let (acked, count) = (acked.clone(), count.clone());
        tasks.push(tokio::spawn(async move {
            for n in 0..8 {
                let title = format!("第{i}-{n}号政府采购合同");
                match file_online(&mut client, KEY, &title).await {
                    Some(code) => {
                        acked.lock().unwrap().push(Acknowledged { code, title });
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                    None => return,
                }
            }
        }));
    }
    let started = Instant::now();
    while count.load(Ordering::SeqCst) < KILL_AFTER {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "only {} submissions were acknowledged",
            count.load(Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    for t in tasks {
        t.await.expect("a citizen's task ends");
    }
    acked.lock().unwrap().clone()
}

async fn acknowledged_submissions_survive_sigkill(backend: Backend) {
    let acked = file_while_killed(backend.start()).await;
    assert!(acked.len() >= KILL_AFTER);

    // Restarted, the platform has every acknowledged submission as it was sent.
    let server = backend.start();
    let stored =
        gongkai_storage::testing::query_i64_at(&backend.url(), "SELECT COUNT(*) FROM applications")
            .await;
    eprintln!(
        "{} submissions acknowledged before SIGKILL, {stored} stored",
        acked.len()
    );
    assert!(usize::try_from(stored).unwrap() >= acked.len());
    for a in &acked {
        let sql = format!(
            "SELECT applicant_name || '|' || applicant_phone || '|' || request_json \
             FROM applications WHERE query_code = '{}'",
            a.code
        );
        let row = query_text_at(&backend.url(), &sql).await;
        assert!(
            row.starts_with("张三|13800138000|") && row.contains(&a.title),
            "submission {} ({}) after the restart: {row:?}",
            a.code,
            a.title
        );
    }
    // And it still takes applications.
    let mut client = server.client_from("127.0.0.200");
    assert!(
        file_online(&mut client, KEY, "重启后的申请")
            .await
            .is_some()
    );
    server.stop();
    let (code, out, err) = backend.verify();
    assert_eq!(code, 0, "audit verify after SIGKILL: {out}{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_submissions_survive_sigkill_on_sqlite() {
    let mut backend = Backend::sqlite();
    backend.env.push(("GONGKAI_AUDIT_KEY", KEY.to_owned()));
    acknowledged_submissions_survive_sigkill(backend).await;
}

#[cfg(feature = "postgres-tests")]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_submissions_survive_sigkill_on_postgres() {
    let mut backend = Backend::postgres().await;
    backend.env = vec![("GONGKAI_AUDIT_KEY", KEY.to_owned())];
    acknowledged_submissions_survive_sigkill(backend).await;
}

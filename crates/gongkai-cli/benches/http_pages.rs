//! Page throughput of a real server (`cargo bench -p gongkai-cli --bench http_pages`): starts the
//! release `gongkai serve` on a fresh SQLite data folder and runs `wrk -t2 -c64 -d10s` (Debian
//! package `wrk`) against `/` and `/login` in alternating rounds, then prints a table of requests
//! per second and the ratio. `/login` must not write to the database for anonymous visitors (its
//! CSRF token lives in a signed cookie), so it should serve at least half as fast as `/`.
//!
//! wrk and the server share the machine's cores; compare the two pages within one run only.

#[path = "support/wrk.rs"]
mod wrk;

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(data: &std::path::Path, port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args(["--data", &data.display().to_string()])
        .env("GONGKAI_ADMIN_PASSWORD", "Bench-Boss-2026")
        .env("GONGKAI_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gongkai serve starts");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Server(child)
}

/// Requests per second, p50 and p99 latency (ms) of one wrk run.
fn wrk(url: &str) -> (f64, f64, f64) {
    let r = wrk::run(url, &["-t2", "-c64", "-d10s"]);
    assert_eq!(r.errors, 0, "{url} answered errors");
    (r.rps, r.p50, r.p99)
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary data folder");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let _server = start(&dir.path().join("data"), port);
    let base = format!("http://127.0.0.1:{port}");
    // Warm up both pages once.
    for page in ["/", "/login"] {
        let _ = wrk(&format!("{base}{page}"));
    }
    let mut rows = Vec::new();
    for round in 1..=2 {
        for page in ["/", "/login"] {
            let (rps, p50, p99) = wrk(&format!("{base}{page}"));
            rows.push((round, page, rps, p50, p99));
        }
    }
    let sessions = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "audit",
            "verify",
            "--data",
            &dir.path().join("data").display().to_string(),
        ])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    println!("| round | page | requests/s | p50 (ms) | p99 (ms) |");
    println!("|---:|---|---:|---:|---:|");
    for (round, page, rps, p50, p99) in &rows {
        println!("| {round} | `{page}` | {rps:.0} | {p50:.2} | {p99:.2} |");
    }
    let mean = |p: &str| {
        let v: Vec<f64> = rows.iter().filter(|r| r.1 == p).map(|r| r.2).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    println!(
        "\n`/login` ÷ `/` = {:.2} (goal ≥ 0.5); after the runs: {sessions}",
        mean("/login") / mean("/")
    );
}

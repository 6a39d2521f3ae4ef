//! The 政府信息公开专栏 against nginx (`cargo bench -p gongkai-cli --bench xxgk_pages`): fills a
//! data folder with `gongkai demo`, starts the release `gongkai serve` on it, fetches the 专栏's
//! document list and one document's page once, and has nginx (Debian package `nginx-light`,
//! started on another port with a minimal configuration in a temporary folder) serve the same
//! bytes as static files. `wrk -t2 -c64 -d10s --latency` then runs against each page on both
//! servers in alternating rounds, and one table prints requests per second, p50 and p99, and
//! gongkai ÷ nginx. Goals: ≥ 0.5 × nginx, p99 < 20 ms.
//!
//! wrk and both servers share the machine's cores; compare within one run only.

#[allow(
    dead_code,
    reason = "the tests' helpers, of which the bench uses a few"
)]
#[path = "../tests/it/server.rs"]
mod server;

#[path = "support/demo.rs"]
mod demo;
#[path = "support/wrk.rs"]
mod wrk;

use server::{ADMIN_PASSWORD, Client, Server};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const KEY: &str = "9d1d2c3b4a5968778695a4b3c2d1e0f0112233445566778899aabbccddeeff05";
const ENV: [(&str, &str); 3] = [
    ("GONGKAI_AUDIT_KEY", KEY),
    ("GONGKAI_TODAY", "2026-12-01"),
    ("GONGKAI_LOG", "warn"),
];

/// nginx serving a folder, stopped (master and workers) when dropped.
struct Nginx {
    child: Child,
    port: u16,
}

impl Nginx {
    /// Starts nginx on a free port with `root` as its document root and `dir` for its files.
    fn start(dir: &Path, root: &Path) -> Nginx {
        let port = server::free_port();
        let d = dir.display();
        let conf = format!(
            "daemon off;\nworker_processes auto;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 1024; }}\n\
             http {{\n  access_log off;\n  sendfile on;\n  tcp_nopush on;\n  open_file_cache max=100;\n\
               default_type \"text/html; charset=utf-8\";\n\
               client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
               server {{ listen 127.0.0.1:{port}; root {}; }}\n}}\n",
            root.display()
        );
        std::fs::write(dir.join("nginx.conf"), conf).expect("nginx.conf written");
        let child = Command::new("/usr/sbin/nginx")
            .args(["-p", &d.to_string(), "-c", &format!("{d}/nginx.conf")])
            .args(["-e", &format!("{d}/error.log")])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx starts (apt-get install nginx-light)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "nginx up");
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx { child, port }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // TERM to the master: it stops its workers before it exits.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// One measured row: page, server and what wrk saw.
struct Row {
    page: &'static str,
    server: &'static str,
    run: wrk::Run,
}

fn measure(url: &str) -> wrk::Run {
    let r = wrk::run(url, &["-t2", "-c64", "-d10s"]);
    assert_eq!(r.errors, 0, "{url} answered errors");
    r
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("data");
    demo::fill(&data, None, ADMIN_PASSWORD, &ENV);
    let gongkai = Server::start(&data, None, &ENV);
    let mut client = Client::at(gongkai.port);
    let list_path = "/xxgk/ROOT/docs";
    let (kind, list) = client.get_raw(list_path).await;
    assert!(kind.starts_with("text/html"), "{kind}");
    let html = String::from_utf8_lossy(&list);
    let detail_path = html
        .split("href=\"/xxgk/ROOT/docs/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|id| format!("/xxgk/ROOT/docs/{id}"))
        .expect("the list links to a document");
    let (_, detail) = client.get_raw(&detail_path).await;

    // The same bytes as static files, readable by nginx's workers whatever user they run as.
    let root = dir.path().join("static");
    std::fs::create_dir_all(&root).expect("static folder");
    std::fs::write(root.join("list.html"), &list).expect("list written");
    std::fs::write(root.join("detail.html"), &detail).expect("detail written");
    for p in [dir.path(), &root] {
        let mode = std::os::unix::fs::PermissionsExt::from_mode(0o755);
        std::fs::set_permissions(p, mode).expect("chmod");
    }
    let nginx = Nginx::start(dir.path(), &root);
    for (file, bytes) in [("/list.html", &list), ("/detail.html", &detail)] {
        let (_, got) = Client::at(nginx.port).get_raw(file).await;
        assert_eq!(&got, bytes, "nginx serves the same bytes as {file}");
    }

    let g = format!("http://127.0.0.1:{}", gongkai.port);
    let n = format!("http://127.0.0.1:{}", nginx.port);
    let targets = [
        ("list", "gongkai", format!("{g}{list_path}")),
        ("list", "nginx", format!("{n}/list.html")),
        ("detail", "gongkai", format!("{g}{detail_path}")),
        ("detail", "nginx", format!("{n}/detail.html")),
    ];
    for (_, _, url) in &targets {
        let _ = wrk::run(url, &["-t2", "-c64", "-d3s"]); // warm-up
    }
    let mut rows = Vec::new();
    for _round in 0..2 {
        for &(page, server, ref url) in &targets {
            rows.push(Row {
                page,
                server,
                run: measure(url),
            });
        }
    }
    drop(nginx);
    gongkai.stop();
    print_table(
        &rows,
        &[(list_path, list.len()), (&detail_path, detail.len())],
    );
}

fn print_table(rows: &[Row], pages: &[(&str, usize)]) {
    println!("| page | server | round | requests/s | p50 (ms) | p99 (ms) |");
    println!("|---|---|---:|---:|---:|---:|");
    for (i, r) in rows.iter().enumerate() {
        println!(
            "| {} | {} | {} | {:.0} | {:.2} | {:.2} |",
            r.page,
            r.server,
            i / 4 + 1,
            r.run.rps,
            r.run.p50,
            r.run.p99
        );
    }
    let mean = |page: &str, server: &str| {
        let v: Vec<f64> = rows
            .iter()
            .filter(|r| r.page == page && r.server == server)
            .map(|r| r.run.rps)
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let worst_p99 = |page: &str| {
        rows.iter()
            .filter(|r| r.page == page && r.server == "gongkai")
            .map(|r| r.run.p99)
            .fold(0.0, f64::max)
    };
    println!(
        "\n| page | bytes | gongkai req/s | nginx req/s | gongkai ÷ nginx (goal ≥ 0.5) | gongkai p99, worst round (goal < 20 ms) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (page, (path, bytes)) in ["list", "detail"].into_iter().zip(pages) {
        let (gk, ng) = (mean(page, "gongkai"), mean(page, "nginx"));
        println!(
            "| {page} `{path}` | {bytes} | {gk:.0} | {ng:.0} | {:.2} | {:.2} ms |",
            gk / ng,
            worst_p99(page)
        );
    }
}

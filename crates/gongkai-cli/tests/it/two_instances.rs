//! Two `gongkai serve` processes on one PostgreSQL database serve the same logged-in session.

use std::io::{Read, Write};
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

fn serve(database: &str, port: u16, data: &std::path::Path) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "serve",
            "--database",
            database,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .args(["--data", data.to_str().expect("temp paths are UTF-8")])
        .env("GONGKAI_ADMIN_PASSWORD", "test-password-123")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gongkai serve starts");
    let started = Instant::now();
    while request(port, "GET /healthz HTTP/1.1\r\n", "").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "server on {port} did not come up"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    Server(child)
}

/// One HTTP/1.1 request; returns the raw response.
fn request(port: u16, head: &str, body: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    let msg = format!(
        "{head}Host: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(msg.as_bytes()).ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

fn cookie(resp: &str) -> String {
    let line = resp
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie: gongkai_session=")
        })
        .expect("a session cookie");
    line["set-cookie: ".len()..]
        .split(';')
        .next()
        .expect("a cookie value")
        .to_owned()
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().expect("a bound address").port()
}

#[test]
fn a_session_logged_in_on_one_instance_is_valid_on_the_other() {
    // Arrange: one fresh PostgreSQL database, two server processes on it.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let database = rt.block_on(gongkai_storage::testing::TestDb::new_postgres_database());
    let dir = tempfile::tempdir().unwrap();
    let (pa, pb) = (free_port(), free_port());
    let _a = serve(&database, pa, &dir.path().join("a"));
    let _b = serve(&database, pb, &dir.path().join("b"));

    // Act: log in on A.
    let page = request(pa, "GET /login HTTP/1.1\r\n", "").unwrap();
    let jar = cookie(&page);
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .expect("a cookie value")
        .to_owned();
    let form = format!("username=admin&password=test-password-123&csrf={csrf}");
    let head = format!(
        "POST /login HTTP/1.1\r\nCookie: {jar}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    );
    let login = request(pa, &head, &form).unwrap();
    assert!(login.starts_with("HTTP/1.1 303"), "{login}");
    let jar = if login
        .to_ascii_lowercase()
        .contains("set-cookie: gongkai_session=")
    {
        cookie(&login)
    } else {
        jar
    };

    // Assert: B serves the back office to that cookie, and a stranger is sent to the login page.
    let on_b = request(pb, &format!("GET /admin HTTP/1.1\r\nCookie: {jar}\r\n"), "").unwrap();
    assert!(
        on_b.starts_with("HTTP/1.1 200"),
        "{}",
        &on_b[..on_b.len().min(400)]
    );
    assert!(
        on_b.contains("admin"),
        "the dashboard names the logged-in account"
    );
    let stranger = request(pb, "GET /admin HTTP/1.1\r\n", "").unwrap();
    assert!(
        stranger.starts_with("HTTP/1.1 303"),
        "{}",
        &stranger[..stranger.len().min(200)]
    );
}

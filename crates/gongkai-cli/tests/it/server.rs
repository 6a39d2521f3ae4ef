//! A real `gongkai serve` process for black-box tests, and a small HTTP/1.1 client that keeps
//! cookies and can connect from any loopback address (127.0.0.x), so a test can play several
//! machines without trusting any header.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpSocket;

/// The password of `admin` in test servers (meets the password rules).
pub const ADMIN_PASSWORD: &str = "Test-Boss-2026";
/// The metrics token of test servers.
pub const METRICS_TOKEN: &str = "metrics-token-for-tests";

/// A running `gongkai serve`; killed when dropped.
pub struct Server {
    child: Option<Child>,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

/// A free port on the loopback interface.
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    listener.local_addr().expect("a bound address").port()
}

impl Server {
    /// Starts a server on `data` (and `database`, if given) and waits until it answers.
    pub fn start(data: &Path, database: Option<&str>, env: &[(&str, &str)]) -> Self {
        let port = free_port();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(["--data", data.to_str().expect("temp paths are UTF-8")])
            .env("GONGKAI_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("GONGKAI_METRICS_TOKEN", METRICS_TOKEN)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(db) = database {
            cmd.args(["--database", db]);
        }
        let child = cmd.spawn().expect("gongkai serve starts");
        let mut server = Self {
            child: Some(child),
            port,
        };
        server.wait_until_up();
        server
    }

    /// Waits for the port; if the process ends first, fails with what it said.
    fn wait_until_up(&mut self) {
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            let child = self.child.as_mut().expect("a child");
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut e, &mut err);
                }
                panic!("gongkai serve exited ({status}): {err}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "server did not come up"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A client connecting from 127.0.0.1.
    pub fn client(&self) -> Client {
        self.client_from("127.0.0.1")
    }

    /// A client connecting from another loopback address.
    pub fn client_from(&self, addr: &str) -> Client {
        Client {
            port: self.port,
            from: addr.parse().expect("a loopback address"),
            cookies: BTreeMap::new(),
        }
    }

    /// Stops the server with SIGTERM and waits, so the database is closed cleanly.
    pub fn stop(mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }
}

impl Server {
    /// Kills the server with SIGKILL, as a power cut or the OOM killer would (what dropping it
    /// does).
    pub fn kill(self) {
        drop(self);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A response.
#[derive(Debug)]
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// Body as text.
    pub body: String,
}

impl Resp {
    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The hidden CSRF field of the page.
    pub fn csrf(&self) -> String {
        let at = self
            .body
            .find("name=\"csrf\" value=\"")
            .expect("a csrf field")
            + 19;
        self.body[at..]
            .split('"')
            .next()
            .unwrap_or_default()
            .to_owned()
    }
}

/// A client that keeps cookies, like a browser.
#[derive(Clone)]
pub struct Client {
    port: u16,
    from: IpAddr,
    /// Cookies by name.
    pub cookies: BTreeMap<String, String>,
}

/// `k=v&…`, percent-encoded.
pub fn form_body(form: &[(&str, &str)]) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let pairs: Vec<String> = form
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect();
    pairs.join("&")
}

impl Client {
    /// A client of the server on `port`, from 127.0.0.1.
    pub fn at(port: u16) -> Self {
        Self {
            port,
            from: IpAddr::from([127, 0, 0, 1]),
            cookies: BTreeMap::new(),
        }
    }

    /// GET, with the body as bytes: (content type, body).
    pub async fn get_raw(&mut self, path: &str) -> (String, Vec<u8>) {
        let head = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            self.port
        );
        let raw = self.exchange(head.as_bytes(), b"").await;
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(raw.len());
        let resp = parse(&raw[..split]);
        let kind = resp.header("content-type").unwrap_or_default().to_owned();
        let body = raw.get(split + 4..).unwrap_or_default().to_vec();
        let body = if resp
            .header("transfer-encoding")
            .is_some_and(|t| t.contains("chunked"))
        {
            dechunk(&body)
        } else {
            body
        };
        (kind, body)
    }

    /// GET.
    pub async fn get(&mut self, path: &str) -> Resp {
        self.send("GET", path, &[], b"").await
    }

    /// POST a form.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Resp {
        let ct = [("Content-Type", "application/x-www-form-urlencoded")];
        self.send("POST", path, &ct, form_body(form).as_bytes())
            .await
    }

    /// Signs in; panics unless the server redirects.
    pub async fn login(&mut self, user: &str, password: &str) -> Resp {
        let csrf = self.get("/login").await.csrf();
        self.post(
            "/login",
            &[("username", user), ("password", password), ("csrf", &csrf)],
        )
        .await
    }

    /// Any request.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Resp {
        self.try_send(method, path, headers, body)
            .await
            .expect("connect to the server")
    }

    /// Any request; `None` when the server cannot be reached.
    pub async fn try_send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Option<Resp> {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            self.port
        );
        if !self.cookies.is_empty() {
            let pairs: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            head.push_str(&format!("Cookie: {}\r\n", pairs.join("; ")));
        }
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let raw = self.try_exchange(head.as_bytes(), body).await?;
        let resp = parse(&raw);
        self.keep_cookies(&resp);
        Some(resp)
    }

    async fn exchange(&self, head: &[u8], body: &[u8]) -> Vec<u8> {
        self.try_exchange(head, body)
            .await
            .expect("connect to the server")
    }

    async fn try_exchange(&self, head: &[u8], body: &[u8]) -> Option<Vec<u8>> {
        let socket = TcpSocket::new_v4().expect("a socket");
        socket
            .bind(SocketAddr::new(self.from, 0))
            .expect("bind a loopback address");
        let mut s = socket
            .connect(SocketAddr::from(([127, 0, 0, 1], self.port)))
            .await
            .ok()?;
        if body.len() <= 16 * 1024 {
            // One write: sent apart, a body arriving after the server already answered
            // (429 before reading it) would reset the connection and lose the answer.
            s.write_all(&[head, body].concat()).await.ok()?;
        } else {
            s.write_all(head).await.ok()?;
            // The server may answer (413) before reading a large body; a reset then is fine.
            let _ = s.write_all(body).await;
        }
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out).await;
        Some(out)
    }

    fn keep_cookies(&mut self, resp: &Resp) {
        for (k, v) in &resp.headers {
            if k != "set-cookie" {
                continue;
            }
            let Some((name, value)) = v.split(';').next().and_then(|c| c.split_once('=')) else {
                continue;
            };
            if value.is_empty() || v.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }
}

fn parse(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw.get(split + 4..).unwrap_or_default().to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = data.get(start + size + 2..).unwrap_or_default();
    }
    out
}

/// Runs `gongkai audit verify` on a data folder (and database); returns exit code and stdout.
pub fn audit_verify(
    data: &Path,
    database: Option<&str>,
    env: &[(&str, &str)],
) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    cmd.args([
        "audit",
        "verify",
        "--data",
        data.to_str().expect("UTF-8 path"),
    ])
    .envs(env.iter().copied());
    if let Some(db) = database {
        cmd.args(["--database", db]);
    }
    let out = cmd.output().expect("gongkai audit verify runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn value_of(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("a {name} field"));
    let rest = &html[at + name.len() + 15..];
    rest.split('"').next().unwrap_or_default().to_owned()
}

fn multipart(fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "gongkai-durability-boundary-7c1f";
    let mut body = String::new();
    for (k, v) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

/// Files one application on the public form of `ROOT` as a citizen would (the challenge is
/// solved with the platform's `audit_key`); `Some(查询码)` only when the receipt came back.
pub async fn file_online(client: &mut Client, audit_key: &str, title: &str) -> Option<String> {
    let form = client.try_send("GET", "/xxgk/ROOT/apply", &[], b"").await?;
    if form.status != 200 {
        return None;
    }
    let key = gongkai_storage::AuditKey::from_hex(audit_key).expect("a hex key");
    let signer = gongkai_web::secret::Signer::new(key.derive("web cookies"));
    let challenge = value_of(&form.body, "challenge");
    let answer = gongkai_web::captcha::solve(&signer, &challenge).expect("a valid challenge");
    let fields = [
        ("csrf", form.csrf()),
        ("nonce", value_of(&form.body, "nonce")),
        ("challenge", challenge),
        ("captcha", answer),
        ("applicant_type", "natural_person".into()),
        ("name", "张三".into()),
        ("id_type", "resident_id".into()),
        ("id_number", "11010519491231002X".into()),
        ("phone", "13800138000".into()),
        ("title", title.into()),
        ("description", format!("{title}的全文及附件")),
        ("retrieval", "paper".into()),
        ("delivery", "pickup".into()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (kind, body) = multipart(&fields);
    let resp = client
        .try_send(
            "POST",
            "/xxgk/ROOT/apply",
            &[("Content-Type", &kind)],
            &body,
        )
        .await?;
    let code = resp.body.split("<p class=\"secret\"><code>").nth(1)?;
    (resp.status == 200).then(|| code.split('<').next().unwrap_or_default().replace('-', ""))
}

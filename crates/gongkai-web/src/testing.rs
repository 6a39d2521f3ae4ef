//! Test support (feature `testing`): a local SMTP server started inside a test
//! (DEPENDENCIES.md §7.2), shared by the web tests and the `gongkai serve` tests. It answers
//! 220/250/354/221, keeps each message's envelope recipients and decoded text, and can be told to
//! refuse mail for a while (451), as a real server does when it is overloaded.

#![expect(
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "test support"
)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    /// `RCPT TO` addresses.
    pub rcpt: Vec<String>,
    /// The decoded subject.
    pub subject: String,
    /// The decoded plain-text body (line ends as `\n`).
    pub body: String,
}

/// The running server.
#[derive(Clone)]
pub struct SmtpSink {
    /// Its port on 127.0.0.1.
    pub port: u16,
    got: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicBool>,
}

impl SmtpSink {
    /// Listens on a free loopback port and serves every connection until the test ends.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Self {
            port: listener.local_addr().unwrap().port(),
            got: Arc::default(),
            refuse: Arc::default(),
        };
        let s = sink.clone();
        tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                tokio::spawn(s.clone().session(sock));
            }
        });
        sink
    }

    /// Everything received so far, in order of arrival.
    pub fn messages(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Makes the server refuse (451) or accept mail.
    pub fn refuse(&self, on: bool) {
        self.refuse.store(on, Ordering::SeqCst);
    }

    async fn session(self, sock: TcpStream) {
        let (r, mut w) = sock.into_split();
        let mut lines = BufReader::new(r).lines();
        let mut rcpt = Vec::new();
        w.write_all(b"220 sink ESMTP\r\n").await.unwrap();
        while let Ok(Some(line)) = lines.next_line().await {
            let cmd = line.to_ascii_uppercase();
            let reply: &[u8] = if cmd.starts_with("MAIL FROM") && self.refuse.load(Ordering::SeqCst)
            {
                b"451 4.3.0 try again later\r\n"
            } else if cmd.starts_with("RCPT TO") {
                rcpt.push(line[line.find('<').unwrap() + 1..line.rfind('>').unwrap()].to_owned());
                b"250 ok\r\n"
            } else if cmd == "DATA" {
                w.write_all(b"354 go ahead\r\n").await.unwrap();
                let mut data = String::new();
                while let Ok(Some(l)) = lines.next_line().await {
                    if l == "." {
                        break;
                    }
                    data.push_str(l.strip_prefix('.').unwrap_or(&l));
                    data.push_str("\r\n");
                }
                self.keep(std::mem::take(&mut rcpt), &data);
                b"250 queued\r\n"
            } else if cmd == "QUIT" {
                let _ = w.write_all(b"221 bye\r\n").await;
                return;
            } else {
                b"250 ok\r\n"
            };
            w.write_all(reply).await.unwrap();
        }
    }

    fn keep(&self, rcpt: Vec<String>, data: &str) {
        let msg = mail_parser::MessageParser::default()
            .parse(data.as_bytes())
            .expect("a parsable message");
        let received = Received {
            rcpt,
            subject: msg.subject().unwrap_or_default().to_owned(),
            body: msg.body_text(0).unwrap_or_default().replace("\r\n", "\n"),
        };
        self.got.lock().unwrap().push(received);
    }
}

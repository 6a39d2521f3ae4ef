//! The audit log's seal: a secret key kept **outside** the database, and checkpoints of every
//! chain head written **outside** the database.
//!
//! The key makes the chain an HMAC chain: someone who can write the database but not read the
//! key cannot recompute it after editing, inserting or deleting rows. The checkpoints catch what
//! a keyed chain alone cannot: the last rows deleted together with the agency's stored head
//! (a roll-back to an earlier, genuine state), and an agency deleted with all its events. Each
//! checkpoint line carries its own HMAC, so a forged line is refused too.
//!
//! The key lives in `audit.key` in the data folder (created at first start, mode 0600) or is
//! given by configuration; the checkpoints are appended to `audit-checkpoints.log` in the data
//! folder after every committed change, and `gongkai audit checkpoint` writes a signed copy of
//! all heads wherever an administrator keeps one (another machine, write-once media).

use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The audit key: 32 secret bytes.
#[derive(Clone)]
pub struct AuditKey([u8; 32]);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(***)")
    }
}

impl AuditKey {
    /// A new random key.
    ///
    /// # Errors
    /// If the operating system's random source fails.
    pub fn generate() -> StoreResult<Self> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k).map_err(|e| {
            StoreError::Invalid(format!("无法生成审计密钥（系统随机源不可用：{e}）"))
        })?;
        Ok(Self(k))
    }

    /// Parses 64 hexadecimal characters.
    ///
    /// # Errors
    /// If the text is not 64 hex characters.
    pub fn from_hex(s: &str) -> StoreResult<Self> {
        let s = s.trim();
        let bad = || StoreError::Invalid("审计密钥应为 64 位十六进制字符".to_owned());
        if s.len() != 64 {
            return Err(bad());
        }
        let mut k = [0u8; 32];
        for (i, b) in k.iter_mut().enumerate() {
            *b = u8::from_str_radix(s.get(2 * i..2 * i + 2).ok_or_else(bad)?, 16)
                .map_err(|_| bad())?;
        }
        Ok(Self(k))
    }

    /// The key as 64 hexadecimal characters (to write the key file).
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// A short public fingerprint of the key, stored in the database to refuse a wrong key
    /// (two instances with different keys on one database, a key file from another platform).
    pub fn fingerprint(&self) -> String {
        self.mac(&["gongkai audit key fingerprint"])[..16].to_owned()
    }

    /// 32 bytes derived from the key for another purpose (e.g. signing cookies), so that one
    /// secret serves every instance of a platform.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        let hex = self.mac(&["derive", purpose]);
        let mut out = [0u8; 32];
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0);
        }
        out
    }

    /// HMAC-SHA256 over `parts`, each length-prefixed so that no two part lists collide.
    pub(crate) fn mac(&self, parts: &[&str]) -> String {
        let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0)
            .expect("HMAC accepts keys of any length");
        for p in parts {
            m.update(&(p.len() as u64).to_be_bytes());
            m.update(p.as_bytes());
        }
        hex(&m.finalize().into_bytes())
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads the key file, or creates it with a new random key (readable by the owner only).
/// Returns the key and whether it was created now.
///
/// # Errors
/// If the file cannot be read or written, or does not hold a key.
pub fn load_or_create_key(path: &Path) -> StoreResult<(AuditKey, bool)> {
    let io = |what: &str, e: std::io::Error| {
        StoreError::Invalid(format!("{what}审计密钥文件 {}：{e}", path.display()))
    };
    match std::fs::read_to_string(path) {
        Ok(text) => Ok((AuditKey::from_hex(&text)?, false)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = AuditKey::generate()?;
            let mut opts = OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
            let mut f = opts.open(path).map_err(|e| io("无法创建", e))?;
            writeln!(f, "{}", key.to_hex()).map_err(|e| io("无法写入", e))?;
            f.sync_all().map_err(|e| io("无法写入", e))?;
            Ok((key, true))
        }
        Err(e) => Err(io("无法读取", e)),
    }
}

/// The end of one agency's chain after a committed change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The agency.
    pub agency_id: i64,
    /// Its code (checkpoints name agencies that may no longer exist).
    pub agency_code: String,
    /// The last sequence number.
    pub seq: i64,
    /// The last event's hash.
    pub hash: String,
}

/// One signed checkpoint read back from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// When it was written.
    pub at: DateTime<Utc>,
    /// The chain head it records.
    pub head: Head,
}

/// What reading checkpoint files found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkpoints {
    /// The valid checkpoints, in file order.
    pub valid: Vec<Checkpoint>,
    /// Lines that do not carry a valid signature (`file:line`), i.e. forged or damaged.
    pub forged: Vec<String>,
}

const VERSION: &str = "gk1";

fn line(key: &AuditKey, at: DateTime<Utc>, h: &Head) -> String {
    let at = at.to_rfc3339();
    let (id, seq) = (h.agency_id.to_string(), h.seq.to_string());
    let mac = key.mac(&[VERSION, &at, &id, &h.agency_code, &seq, &h.hash]);
    format!(
        "{VERSION}\t{at}\t{id}\t{}\t{seq}\t{}\t{mac}",
        h.agency_code, h.hash
    )
}

fn parse_line(key: &AuditKey, text: &str) -> Option<Checkpoint> {
    let f: Vec<&str> = text.trim_end().split('\t').collect();
    let [v, at, id, code, seq, hash, mac] = f.as_slice() else {
        return None;
    };
    if *v != VERSION || key.mac(&[v, at, id, code, seq, hash]) != *mac {
        return None;
    }
    let head = Head {
        agency_id: id.parse().ok()?,
        agency_code: (*code).to_owned(),
        seq: seq.parse().ok()?,
        hash: (*hash).to_owned(),
    };
    let at = DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc);
    Some(Checkpoint { at, head })
}

/// Writes `heads` as signed checkpoint lines to `out`.
///
/// # Errors
/// If writing fails.
pub fn write_checkpoints(
    key: &AuditKey,
    heads: &[Head],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let now = Utc::now();
    for h in heads {
        writeln!(out, "{}", line(key, now, h))?;
    }
    Ok(())
}

/// Reads checkpoint files; a missing file is an error (a verify against nothing is no verify).
///
/// # Errors
/// If a file cannot be read.
pub fn read_checkpoints(key: &AuditKey, paths: &[PathBuf]) -> StoreResult<Checkpoints> {
    let mut out = Checkpoints::default();
    for path in paths {
        let f = File::open(path).map_err(|e| {
            StoreError::Invalid(format!("无法读取审计检查点文件 {}：{e}", path.display()))
        })?;
        for (i, text) in BufReader::new(f).lines().enumerate() {
            let text = text.map_err(|e| {
                StoreError::Invalid(format!("无法读取审计检查点文件 {}：{e}", path.display()))
            })?;
            if text.trim().is_empty() {
                continue;
            }
            match parse_line(key, &text) {
                Some(c) => out.valid.push(c),
                None => out.forged.push(format!("{}:{}", path.display(), i + 1)),
            }
        }
    }
    Ok(out)
}

/// The key and the checkpoint file of a running store.
pub struct Seal {
    pub(crate) key: AuditKey,
    file: Option<(PathBuf, Mutex<File>)>,
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.file.as_ref().map(|(p, _)| p);
        f.debug_struct("Seal")
            .field("checkpoints", &path)
            .finish_non_exhaustive()
    }
}

impl Seal {
    /// A seal with `key` that appends checkpoints to `checkpoints` (if given).
    ///
    /// # Errors
    /// If the checkpoint file cannot be opened for appending.
    pub fn new(key: AuditKey, checkpoints: Option<PathBuf>) -> StoreResult<Self> {
        let file = match checkpoints {
            Some(p) => {
                let f = OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&p)
                    .map_err(|e| {
                        StoreError::Invalid(format!("无法打开审计检查点文件 {}：{e}", p.display()))
                    })?;
                Some((p, Mutex::new(f)))
            }
            None => None,
        };
        Ok(Self { key, file })
    }

    /// The checkpoint file, if any.
    pub fn checkpoint_path(&self) -> Option<&Path> {
        self.file.as_ref().map(|(p, _)| p.as_path())
    }

    /// The key (for reading checkpoint files back).
    pub fn key(&self) -> &AuditKey {
        &self.key
    }

    /// Appends checkpoints of `heads`. The database change is already committed, so a failure
    /// here cannot be undone; it is logged loudly instead of failing the request.
    pub(crate) fn record(&self, heads: &[Head]) {
        let Some((path, file)) = &self.file else {
            return;
        };
        let mut text = Vec::new();
        let written = write_checkpoints(&self.key, heads, &mut text).and_then(|()| {
            let mut f = file
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            f.write_all(&text)
        });
        if let Err(e) = written {
            tracing::error!(path = %path.display(), error = %e, "audit checkpoint not written");
        }
    }
}

//! `gongkai demo` into a fresh data folder, for the benches that measure a populated platform.

use std::path::Path;
use std::process::Command;

/// Fills `data` with the demo platform (`admin` signs in with `admin_password`); `env` as for
/// the server that will run on it (audit key, today).
pub fn fill(data: &Path, admin_password: &str, env: &[(&str, &str)]) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["demo", "--data", data.to_str().expect("UTF-8")])
        .env("GONGKAI_ADMIN_PASSWORD", admin_password)
        .envs(env.iter().copied())
        .output()
        .expect("gongkai demo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

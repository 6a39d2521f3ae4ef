//! `gongkai demo` into a fresh data folder, for the benches that measure a populated platform.

use std::path::Path;
use std::process::Command;

/// Fills `data` (and `database`, if given, instead of the folder's SQLite file) with the demo
/// platform (`admin` signs in with `admin_password`); `env` as for the server that will run on
/// it (audit key, today).
pub fn fill(data: &Path, database: Option<&str>, admin_password: &str, env: &[(&str, &str)]) {
    let mut demo = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    demo.args(["demo", "--data", data.to_str().expect("UTF-8")]);
    if let Some(url) = database {
        demo.args(["--database", url]);
    }
    let out = demo
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

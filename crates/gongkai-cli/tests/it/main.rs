//! Black-box tests of the `gongkai` binary: exit codes, messages and files, as a user sees them,
//! and the security suite against a real `gongkai serve`.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions panic on purpose"
)]

mod browser;
mod demo;
mod durability;
mod import;
mod move_in;
mod reminders;
mod report;
mod security;
mod server;
#[cfg(feature = "postgres-tests")]
mod two_instances;
mod workdays;

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs `gongkai` with `args` from the repository root.
pub fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the gongkai binary runs")
}

/// The repository root (examples/ lives there).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// stdout and stderr as text.
pub fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

//! Running `wrk --latency` (Debian package `wrk`) and reading its output, shared by the benches
//! that drive a real server.

use std::process::Command;

/// What one wrk run measured.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    /// Requests per second.
    pub rps: f64,
    /// Median latency in milliseconds.
    pub p50: f64,
    /// 99th-percentile latency in milliseconds.
    pub p99: f64,
    /// Answers that were not 2xx or 3xx.
    pub errors: u64,
}

/// Runs `wrk --latency` with `args` (threads, connections, duration, headers) against `url`.
pub fn run(url: &str, args: &[&str]) -> Run {
    let out = Command::new("wrk")
        .args(args)
        .arg("--latency")
        .arg(url)
        .output()
        .expect("wrk runs (apt-get install wrk)");
    let text = String::from_utf8_lossy(&out.stdout);
    let after = |prefix: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(prefix))
            .map(str::trim)
    };
    let pct = |p: &str| after(p).map_or(f64::NAN, latency_ms);
    Run {
        rps: after("Requests/sec:")
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN),
        p50: pct("50%"),
        p99: pct("99%"),
        errors: after("Non-2xx or 3xx responses:")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    }
}

/// A latency as wrk prints it (`812.00us`, `3.41ms`, `1.02s`) in milliseconds.
pub fn latency_ms(v: &str) -> f64 {
    let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len()));
    let n: f64 = num.parse().unwrap_or(f64::NAN);
    match unit {
        "us" => n / 1000.0,
        "s" => n * 1000.0,
        _ => n,
    }
}

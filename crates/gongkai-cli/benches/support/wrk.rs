//! Reading `wrk --latency` output (shared by the benches that drive a real server).

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

//! Parse + audit throughput on one core, per input kind (`cargo bench -p gongkai-import`).
//!
//! Text: the five seeds. HTML, DOCX and XLSX: the seeds' reports re-rendered by gongkai-export. PDF:
//! the two Hongze samples (the in-crate positioned reader). Each measurement
//! parses the file from its bytes and runs every single-report rule, single-threaded, and prints
//! reports per second (of wall time, and of the thread's CPU time). Targets: ≥ 500/s for text and HTML, ≥ 20/s for PDF.

use gongkai_domain::report::rules;
use gongkai_export::{Target, render};
use std::path::Path;
use std::time::{Duration, Instant};

fn shared() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn files(dir: &str, ext: &str) -> Vec<Vec<u8>> {
    let mut out: Vec<_> = std::fs::read_dir(shared().join(dir))
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_else(|_| Vec::new());
    out.sort();
    out.into_iter()
        .filter(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == ext))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

/// The CPU time this thread has used (Linux `schedstat`), or `None` where it is not available.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Parses and audits each input in turn for at least `budget`; returns reports per second of
/// wall time and per second of this thread's CPU time (what one core does when the machine is
/// shared with other builds, as CI's two cores are; the verdict is on it when it is known).
fn measure(inputs: &[Vec<u8>], budget: Duration) -> (f64, Option<f64>) {
    let start = Instant::now();
    let cpu_start = cpu_time();
    let mut n = 0u64;
    while start.elapsed() < budget {
        for bytes in inputs {
            // A file that failed to parse would make the rate look better than it is.
            let report = gongkai_import::parse_bytes(bytes).expect("every bench input parses");
            std::hint::black_box(rules::check(&report));
            n += 1;
        }
    }
    let wall = n as f64 / start.elapsed().as_secs_f64();
    let cpu = cpu_start
        .zip(cpu_time())
        .map(|(a, b)| n as f64 / (b - a).as_secs_f64().max(1e-9));
    (wall, cpu)
}

fn rendered(texts: &[Vec<u8>], target: Target) -> Vec<Vec<u8>> {
    texts
        .iter()
        .filter_map(|t| gongkai_import::parse_bytes(t).ok())
        .filter_map(|r| render(&r, target).ok())
        .collect()
}

fn main() {
    let text = files("seeds", "txt");
    let html = rendered(&text, Target::Html);
    let docx = rendered(&text, Target::Docx);
    let xlsx = rendered(&text, Target::Xlsx);
    let pdf = files("samples", "pdf");
    println!(
        "{:<6} {:>6} {:>14} {:>14} {:>8}",
        "kind", "files", "reports/s", "per CPU-s", "target"
    );
    for (kind, inputs, target, secs) in [
        ("text", &text, 500.0, 3),
        ("html", &html, 500.0, 3),
        ("docx", &docx, 0.0, 3),
        ("xlsx", &xlsx, 0.0, 3),
        ("pdf", &pdf, 20.0, 5),
    ] {
        let (wall, cpu) = measure(inputs, Duration::from_secs(secs));
        let rate = cpu.unwrap_or(wall);
        let verdict = if target == 0.0 {
            "—".to_owned()
        } else if rate >= target {
            format!("≥{target} ✓")
        } else {
            format!("≥{target} ✗")
        };
        let cpu = cpu.map_or("—".to_owned(), |c| format!("{c:.1}"));
        println!(
            "{kind:<6} {:>6} {wall:>14.1} {cpu:>14} {verdict:>8}",
            inputs.len()
        );
    }
}

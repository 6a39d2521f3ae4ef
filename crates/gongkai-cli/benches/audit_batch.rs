//! Batch audit at scale (`cargo bench -p gongkai-cli --bench audit_batch`): writes 1,000 and
//! 10,000 published reports (Markdown and HTML rendered from the 袁州区 example with other
//! agencies, years, numbers and narrative), runs the release `gongkai report audit DIR --format
//! csv --html OUT` on each folder as a user would, and prints a table of wall time, reports per
//! second and the child's peak resident memory. Memory that stays nearly flat
//! from 1,000 to 10,000 files is what “bounded” means here: per report only its tables, findings
//! and two `MinHash` signatures are kept, and every output is streamed. Peak memory is the
//! child's `VmHWM` from `/proc` (Linux).
//!
//! The audit reads one file at a time on one thread; the import throughput per input kind is
//! measured by `cargo bench -p gongkai-import`.

use gongkai_domain::report::{AnnualReport, Cell, Section};
use gongkai_export::{Target, render};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// A small deterministic generator (the corpus must be the same on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

const PLACES: [&str; 8] = [
    "东湖", "西山", "南岭", "北港", "青石", "白沙", "红旗", "金桥",
];
const UNITS: [&str; 6] = [
    "区人民政府办公室",
    "县教育局",
    "街道办事处",
    "镇人民政府",
    "市自然资源局",
    "县卫生健康委员会",
];
const TOPICS: [&str; 10] = [
    "优化营商环境",
    "乡村振兴",
    "教育惠民政策",
    "医疗保障",
    "生态环境保护",
    "安全生产",
    "重大建设项目",
    "财政预决算",
    "社会救助",
    "就业创业",
];
const ACTS: [&str; 6] = [
    "主动公开相关信息",
    "发布政策解读",
    "回应社会关切",
    "召开新闻发布会",
    "更新公开目录",
    "开展业务培训",
];

/// A narrative of random sentences, so that only deliberate copies look alike.
fn narrative(g: &mut Lcg, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            format!(
                "围绕{}，{}{}条，",
                TOPICS[g.next(10) as usize],
                ACTS[g.next(6) as usize],
                g.next(500)
            )
        })
        .collect::<String>()
        + "各项工作有序推进。"
}

fn variant(base: &AnnualReport, i: u64) -> AnnualReport {
    let mut g = Lcg(i);
    let mut r = base.clone();
    let agency = format!(
        "{}{}{}",
        PLACES[(i % 8) as usize],
        i / 48,
        UNITS[(i / 8 % 6) as usize]
    );
    r.agency = Some(agency);
    r.year = Some(2019 + (i % 2) as i32);
    for cells in r.table3.values_mut() {
        if g.next(4) == 0 {
            cells[0] = Cell::count(g.next(60) as i64);
        }
    }
    r.sections.insert(Section::Overview, narrative(&mut g, 12));
    r.sections.insert(Section::Problems, narrative(&mut g, 6));
    r
}

fn write_corpus(dir: &Path, n: u64, base: &AnnualReport) {
    for i in 0..n {
        let r = variant(base, i);
        let (target, ext) = if i % 2 == 0 {
            (Target::Markdown, "md")
        } else {
            (Target::Html, "html")
        };
        let bytes = render(&r, target).expect("render a report");
        let sub = dir.join(format!("{:03}", i / 500));
        std::fs::create_dir_all(&sub).expect("create a folder");
        std::fs::write(sub.join(format!("{i:05}.{ext}")), bytes).expect("write a report");
    }
}

/// Runs the audit on `dir`; returns seconds and the child's peak RSS in MB.
fn run_audit(dir: &Path, html: &Path) -> (f64, f64) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["report", "audit"])
        .arg(dir)
        .args(["--format", "csv", "--html"])
        .arg(html)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start gongkai");
    // VmHWM (the kernel's high-water mark of resident memory) only grows, so the last reading
    // before exit is the peak, short of growth in the final 10 ms.
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0.0_f64;
    loop {
        if let Some(kb) = std::fs::read_to_string(&status)
            .ok()
            .and_then(|s| vm_hwm_kb(&s))
        {
            peak_kb = peak_kb.max(kb);
        }
        if child.try_wait().expect("wait for gongkai").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    (start.elapsed().as_secs_f64(), peak_kb / 1024.0)
}

fn vm_hwm_kb(status: &str) -> Option<f64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let base_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/yuanzhou-2020.json");
    let base = AnnualReport::from_json_str(
        &std::fs::read_to_string(base_path).expect("read the example report"),
    )
    .expect("the example report is valid");
    println!("| 报告数 | 用时 (s) | 份/秒 | 峰值内存 (MB) | HTML 汇总页 (MB) | 各报告页 (MB) |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in [1_000, 10_000] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let corpus = dir.path().join("reports");
        write_corpus(&corpus, n, &base);
        let html = dir.path().join("audit.html");
        let (secs, rss) = run_audit(&corpus, &html);
        let html_mb = std::fs::metadata(&html).map_or(0.0, |m| m.len() as f64 / 1e6);
        // Above 200 reports each report's tables are a page of their own in audit.files/.
        let pages_mb: f64 = std::fs::read_dir(html.with_extension("files"))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len() as f64 / 1e6)
                    .sum()
            })
            .unwrap_or(0.0);
        println!(
            "| {n} | {secs:.1} | {:.0} | {rss:.0} | {html_mb:.0} | {pages_mb:.0} |",
            n as f64 / secs
        );
    }
}

//! Letter and report rendering speed: font loading, a letter's PDF and DOCX,
//! the annual report's PDF. Run in release: `cargo bench -p gongkai-export --bench letters`.
//! Prints one table; nothing is asserted (benchmarks are never timed tests). Wall-clock
//! percentiles grow when other builds share the cores; the last column, the process's CPU time
//! per run, does not (10 ms clock ticks over all runs).

#![expect(
    clippy::unwrap_used,
    reason = "a benchmark binary panics on broken fixtures"
)]

use chrono::NaiveDate;
use gongkai_domain::application::{Reply, WithheldGround};
use gongkai_domain::letter::{Fields, Letter, LetterKind, Template, fill, remedies};
use gongkai_domain::report::AnnualReport;
use gongkai_export::fonts::{FontSet, fonts};
use gongkai_export::letter::{LetterFormat, letter_html, render_letter};
use gongkai_export::{Target, render};
use std::time::{Duration, Instant};

/// The `i`-th of many one-page 不予公开 answers (different applicant, 文号, dates and reasons, so
/// typst's memoisation cannot simply replay the previous letter).
fn letter(i: u32) -> Letter {
    let reply = Reply::Withheld(WithheldGround::InternalAffairs);
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let names = [
        "北京某某律师事务所",
        "张伟",
        "李娜",
        "某某科技有限公司",
        "王芳芳",
    ];
    let f = Fields::new()
        .with("申请人", names[i as usize % names.len()])
        .with("机关名称", "某某市人力资源和社会保障局")
        .with_date("成文日期", date(9, 1 + i % 28))
        .with_date("收到申请日期", date(8, 1 + i % 28))
        .with("文号", format!("某人社依申公开〔2026〕第{i}号"))
        .with("申请内容", "本局2025年度干部考核结果及内部请示件")
        .with(
            "理由",
            format!("所申请信息系本局第{i}批干部人事管理中形成的考核材料"),
        )
        .with(
            "法律依据",
            "《中华人民共和国政府信息公开条例》第十六条第一款",
        )
        .with(
            "救济途径",
            remedies(Some(reply), "某某市人民政府", "某某市某某区人民法院"),
        )
        .with("联系人", "赵敏")
        .with("联系电话", "010-12345678");
    fill(&Template::default_for(LetterKind::for_reply(reply)), &f).unwrap()
}

fn report() -> AnnualReport {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/yuanzhou-2020.json"
    );
    AnnualReport::from_json_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// CPU time of the whole process so far (user + system, all threads), from `/proc/self/stat`:
/// unlike wall-clock time it does not grow when other builds share the cores.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// Runs `f` `n` times and returns the sorted wall-clock durations, with the mean CPU time per
/// run appended last.
fn times(n: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let cpu_start = cpu();
    let mut out: Vec<Duration> = (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    out.sort();
    out.push((cpu() - cpu_start) / u32::try_from(n).unwrap());
    out
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn row(what: &str, measured: &[Duration]) {
    let (runs, cpu) = measured.split_at(measured.len() - 1);
    let p = |q: f64| runs[((runs.len() - 1) as f64 * q).round() as usize];
    println!(
        "| {what} | {} | {} | {} | {} | {} |",
        runs.len(),
        ms(p(0.5)),
        ms(p(0.99)),
        ms(runs[runs.len() - 1]),
        ms(cpu[0])
    );
}

fn main() {
    let letters: Vec<Letter> = (1..=200).map(letter).collect();
    let sample = letter(0);
    let report = report();

    let first_fonts = Instant::now();
    let loaded = fonts();
    let first_fonts = first_fonts.elapsed();
    let first_letter = times(1, || {
        render_letter(&sample, LetterFormat::Pdf).unwrap();
    });
    let first_report = times(1, || {
        render(&report, Target::Pdf).unwrap();
    });

    println!("| step | runs | p50 ms | p99 ms | max ms | CPU ms/run |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| fonts, first use in the process ({} faces, {} from GONGKAI_FONT_DIR) | 1 | {} | | | |",
        loaded.fonts.len(),
        loaded.user_files.len(),
        ms(first_fonts)
    );
    row(
        "fonts, loading again (embedded faces parsed)",
        &times(20, || {
            FontSet::load(None);
        }),
    );
    row("letter PDF, first (typst engine built)", &first_letter);
    let mut next = letters.iter().cycle();
    row(
        "letter PDF, warm (200 different letters)",
        &times(200, || {
            render_letter(next.next().unwrap(), LetterFormat::Pdf).unwrap();
        }),
    );
    row(
        "letter DOCX",
        &times(200, || {
            render_letter(&sample, LetterFormat::Docx).unwrap();
        }),
    );
    row(
        "letter HTML preview",
        &times(200, || {
            letter_html(&sample);
        }),
    );
    row("annual report PDF, first after the letters", &first_report);
    let mut n = 0;
    row(
        "annual report PDF (yuanzhou-2020, 5 pages, agency renamed each run), warm",
        &times(50, || {
            n += 1;
            let mut r = report.clone();
            r.agency = Some(format!("袁州区第{n}办公室"));
            render(&r, Target::Pdf).unwrap();
        }),
    );
}

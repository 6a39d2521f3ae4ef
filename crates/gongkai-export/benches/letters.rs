//! Letter and report rendering speed (issue 11 item 8): font loading, a letter's PDF and DOCX,
//! the annual report's PDF. Run in release: `cargo bench -p gongkai-export --bench letters`.
//! Prints one table; nothing is asserted (benchmarks are never timed tests).

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

/// A one-page 不予公开 answer with 文号 and contact, filled from the shipped template.
fn letter() -> Letter {
    let reply = Reply::Withheld(WithheldGround::InternalAffairs);
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let f = Fields::new()
        .with("申请人", "北京某某律师事务所")
        .with("机关名称", "某某市人力资源和社会保障局")
        .with_date("成文日期", date(9, 28))
        .with_date("收到申请日期", date(9, 1))
        .with("文号", "某人社依申公开〔2026〕第87号")
        .with("申请内容", "本局2025年度干部考核结果及内部请示件")
        .with("理由", "所申请信息系本局干部人事管理中形成的考核材料")
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

/// Runs `f` `n` times and returns the sorted durations.
fn times(n: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut out: Vec<Duration> = (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    out.sort();
    out
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn row(what: &str, runs: &[Duration]) {
    let p = |q: f64| runs[((runs.len() - 1) as f64 * q).round() as usize];
    println!(
        "| {what} | {} | {} | {} | {} |",
        runs.len(),
        ms(p(0.5)),
        ms(p(0.99)),
        ms(runs[runs.len() - 1])
    );
}

fn main() {
    let letter = letter();
    let report = report();

    let first_fonts = Instant::now();
    let loaded = fonts();
    let first_fonts = first_fonts.elapsed();
    let first_letter = times(1, || {
        render_letter(&letter, LetterFormat::Pdf).unwrap();
    });
    let first_report = times(1, || {
        render(&report, Target::Pdf).unwrap();
    });

    println!("| step | runs | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    println!(
        "| fonts, first use in the process ({} faces, {} from GONGKAI_FONT_DIR) | 1 | {} | | |",
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
    row(
        "letter PDF, warm",
        &times(200, || {
            render_letter(&letter, LetterFormat::Pdf).unwrap();
        }),
    );
    row(
        "letter DOCX",
        &times(200, || {
            render_letter(&letter, LetterFormat::Docx).unwrap();
        }),
    );
    row(
        "letter HTML preview",
        &times(200, || {
            letter_html(&letter);
        }),
    );
    row("annual report PDF, first after the letters", &first_report);
    row(
        "annual report PDF (yuanzhou-2020, 5 pages), warm",
        &times(50, || {
            render(&report, Target::Pdf).unwrap();
        }),
    );
}

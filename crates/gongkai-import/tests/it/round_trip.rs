//! Round trip: random canonical reports rendered by every renderer of gongkai-export that has a
//! reader here (HTML, Markdown, DOCX, XLSX, PDF) parse back to the same report.

use gongkai_domain::report::table2::{self, ColKind};
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::table4::Group;
use gongkai_domain::report::{AnnualReport, Cell, Format, Section};
use gongkai_export::{Target, render};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A small deterministic generator (no dependency needed for a fixed corpus).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

const AGENCIES: [&str; 4] = [
    "某某市人民政府办公室",
    "某某县教育局",
    "某某区某某街道办事处",
    "某某省自然资源厅",
];

fn random_report(seed: u64) -> AnnualReport {
    let mut g = Lcg(seed);
    let format = if g.next(2) == 0 {
        Format::F2019
    } else {
        Format::F2021
    };
    let mut r = AnnualReport::new(format);
    r.year = Some(if format == Format::F2019 {
        2019 + g.next(2) as i32
    } else {
        2021 + g.next(5) as i32
    });
    r.agency = Some(AGENCIES[g.next(4) as usize].to_owned());
    for block in table2::blocks(format) {
        for item in block.items {
            let mut cols = BTreeMap::new();
            for c in block.cols {
                let cell = match c.kind {
                    ColKind::Amount => {
                        Cell::Number(Decimal::new(g.next(1_000_000) as i64, 2).normalize())
                    }
                    ColKind::Signed => Cell::count(g.next(40) as i64 - 20),
                    _ => Cell::count(g.next(3000) as i64),
                };
                cols.insert(c.col, cell);
            }
            r.table2.insert(item.item, cols);
        }
    }
    for row in Row::of(format) {
        let parts: Vec<i64> = (0..6)
            .map(|i| {
                if i == 0 || g.next(3) == 0 {
                    g.next(120) as i64
                } else {
                    0
                }
            })
            .collect();
        let mut cells: Vec<Cell> = parts.iter().map(|n| Cell::count(*n)).collect();
        cells.push(Cell::count(parts.iter().sum()));
        r.table3.insert(row, cells.try_into().unwrap());
    }
    for group in Group::ALL {
        let p: Vec<i64> = (0..4).map(|_| g.next(9) as i64).collect();
        let t = p.iter().sum();
        r.table4
            .insert(group, [p[0], p[1], p[2], p[3], t].map(Cell::count));
    }
    r.sections.insert(
        Section::Overview,
        "本年度认真贯彻落实《条例》，主动公开政府信息。".to_owned(),
    );
    r.sections.insert(
        Section::Problems,
        "存在的问题是公开内容不够全面，下一步将加以改进。".to_owned(),
    );
    r.sections
        .insert(Section::Other, "本年度未收取信息处理费。".to_owned());
    r
}

fn assert_same(target: Target, want: &AnnualReport) {
    let bytes = render(want, target).unwrap();
    let got = gongkai_import::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{target:?}: {e}"));
    let name = format!("{target:?} {:?} {:?}", want.format, want.agency);
    assert_eq!(got.format, want.format, "{name}");
    assert_eq!(got.year, want.year, "{name}");
    assert_eq!(got.agency, want.agency, "{name}");
    assert_eq!(got.table2, want.table2, "{name}");
    assert_eq!(got.table3, want.table3, "{name}");
    assert_eq!(got.table4, want.table4, "{name}");
    assert!(got.extra_rows.is_empty(), "{name}: {:?}", got.extra_rows);
    for s in [Section::Overview, Section::Problems, Section::Other] {
        assert!(
            got.section(s).contains(want.section(s)),
            "{name}: {s:?} = {:?}",
            got.section(s)
        );
    }
}

#[test]
fn random_reports_survive_html_markdown_docx_and_xlsx() {
    for seed in 1..=12 {
        let r = random_report(seed);
        for target in [Target::Html, Target::Markdown, Target::Docx, Target::Xlsx] {
            assert_same(target, &r);
        }
    }
}

#[test]
fn random_reports_survive_pdf() {
    for seed in 1..=3 {
        assert_same(Target::Pdf, &random_report(seed));
    }
}

//! Generated variants of each irregular layout class that real sites and converters produce:
//! a random consistent report is printed the way the class prints it, parsed back
//! and compared. Where the importer cannot be sure (table 二 digits run together have no
//! identity to choose with) every wrong cell must carry a diagnostic at its row: no silent
//! errors.

use gongkai_domain::report::table2::{self, ColKind};
use gongkai_domain::report::table3::{Row, RowRole};
use gongkai_domain::report::table4::{Group, OUTCOME_LABELS};
use gongkai_domain::report::{AnnualReport, Cell, Format, TableId};

use super::round_trip::Lcg;

/// A small count, mostly 0 as in real tables.
fn count(g: &mut Lcg) -> i64 {
    if g.next(3) == 0 { g.next(12) as i64 } else { 0 }
}

/// A random report whose table 三 and 四 satisfy every identity.
fn consistent_report(seed: u64, format: Format) -> AnnualReport {
    let mut g = Lcg(seed);
    let mut r = AnnualReport::new(format);
    r.year = Some(if format == Format::F2019 { 2019 } else { 2022 });
    r.agency = Some("某某县人民政府".to_owned());
    for block in table2::blocks(format) {
        for item in block.items {
            let cols = block
                .cols
                .iter()
                .map(|c| {
                    let cell = match c.kind {
                        ColKind::Amount => Cell::count(g.next(90) as i64 + 10),
                        _ => Cell::count(g.next(400) as i64),
                    };
                    (c.col, cell)
                })
                .collect();
            r.table2.insert(item.item, cols);
        }
    }
    let row = |parts: [i64; 6]| -> [Cell; 7] {
        let total = parts.iter().sum();
        std::array::from_fn(|i| Cell::count(if i < 6 { parts[i] } else { total }))
    };
    let mut sums = [0i64; 6];
    for r3 in Row::of(format).filter(|x| x.def().role == RowRole::Result) {
        let parts: [i64; 6] = std::array::from_fn(|i| {
            if i == 0 || g.next(4) == 0 {
                count(&mut g)
            } else {
                0
            }
        });
        sums.iter_mut().zip(parts).for_each(|(s, p)| *s += p);
        r.table3.insert(r3, row(parts));
    }
    let forward: [i64; 6] = std::array::from_fn(|i| if i == 0 { g.next(4) as i64 } else { 0 });
    let carried: [i64; 6] = std::array::from_fn(|i| (sums[i] + forward[i]).min(g.next(5) as i64));
    let new: [i64; 6] = std::array::from_fn(|i| sums[i] + forward[i] - carried[i]);
    r.table3.insert(Row::Total, row(sums));
    r.table3.insert(Row::CarriedForward, row(forward));
    r.table3.insert(Row::CarriedOver, row(carried));
    r.table3.insert(Row::NewReceived, row(new));
    for group in Group::ALL {
        let p: Vec<i64> = (0..4).map(|_| count(&mut g).min(9)).collect();
        let t = p.iter().sum();
        r.table4
            .insert(group, [p[0], p[1], p[2], p[3], t].map(Cell::count));
    }
    r
}

fn digits(cells: &[Cell]) -> Vec<String> {
    cells.iter().map(Cell::describe).collect()
}

/// Table 三's rows as printed labels: a group label before its first sub-row only.
fn t3_rows(r: &AnnualReport) -> Vec<(Row, String)> {
    let mut last_group = None;
    Row::of(r.format)
        .map(|row| {
            let d = row.def();
            let label = match d.group {
                Some(g) if last_group != Some(g) => {
                    last_group = Some(g);
                    format!("{g}{}", d.label)
                }
                _ => d.label.to_owned(),
            };
            (row, label)
        })
        .collect()
}

const T3_HEADER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他";

fn t4_header() -> String {
    format!(
        "行政复议行政诉讼{o}未经复议直接起诉复议后起诉{o}{o}",
        o = OUTCOME_LABELS.join("")
    )
}

/// Class 1: page text with every cell run together, the whole report on one line, a few
/// random single spaces between cells (as copied from a web page).
fn fused(r: &AnnualReport, g: &mut Lcg) -> String {
    let mut join = |cells: Vec<String>| -> String {
        cells
            .iter()
            .map(|c| {
                if g.next(5) == 0 {
                    format!("{c} ")
                } else {
                    c.clone()
                }
            })
            .collect()
    };
    let mut t = String::from(
        "前言：根据《条例》编制本报告。一、总体情况本年度我县稳步推进政务公开。二、主动公开政府信息情况",
    );
    for block in table2::blocks(r.format) {
        t.push_str(block.caption);
        t.push_str("信息内容");
        block.cols.iter().for_each(|c| t.push_str(c.label));
        for item in block.items {
            t.push_str(item.label);
            let cells: Vec<Cell> = block
                .cols
                .iter()
                .map(|c| r.t2(item.item, c.col).clone())
                .collect();
            t.push_str(&join(digits(&cells)));
        }
    }
    t.push_str("三、收到和处理政府信息公开申请情况");
    t.push_str(T3_HEADER);
    for (row, label) in t3_rows(r) {
        t.push_str(&label);
        t.push_str(&join(digits(&r.table3[&row])));
    }
    t.push_str("四、政府信息公开行政复议、行政诉讼情况");
    t.push_str(&t4_header());
    let t4: Vec<Cell> = Group::ALL
        .iter()
        .flat_map(|gr| r.table4[gr].clone())
        .collect();
    t.push_str(&join(digits(&t4)));
    t.push_str(" 五、存在的主要问题及改进情况本年度工作仍有不足，下一步将加以改进。六、其他需要报告的事项无");
    format!(
        "某某县人民政府{}年政府信息公开工作年度报告\n{t}\n",
        r.year.unwrap_or(2022)
    )
}

/// Class 3: Markdown from a PDF: some table-三 rows printed as value rows without a label, their
/// labels as loose lines after them; a page number inside the table; one row broken in two.
fn drifted(r: &AnnualReport, g: &mut Lcg) -> String {
    let mut t = format!(
        "某某县人民政府{}年政府信息公开工作年度报告\n\n二、收到和处理政府信息公开申请情况\n申请人情况\n| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|\n",
        r.year.unwrap_or(2022)
    );
    let rows = t3_rows(r);
    let broken = 3 + g.next(rows.len() as u64 - 6) as usize;
    for (i, (row, label)) in rows.iter().enumerate() {
        let cells = digits(&r.table3[row]);
        let orphan = i > 0 && i + 1 < rows.len() && i != broken && g.next(3) == 0;
        if i == broken {
            t.push_str(&format!("| {label} | {} |\n", cells[..3].join(" | ")));
            t.push_str(&format!(
                "| {} |\n|---|---|---|---|\n",
                cells[3..].join(" | ")
            ));
        } else if orphan {
            t.push_str(&format!(
                "| {} |\n|---|---|---|---|---|---|---|\n\n{label}\n",
                cells.join(" | ")
            ));
        } else {
            t.push_str(&format!("| {label} | {} |\n", cells.join(" | ")));
        }
        if i == rows.len() / 2 {
            t.push_str("\n3\n\n");
        }
    }
    t.push_str("\n三、政府信息公开行政复议、行政诉讼情况\n");
    t
}

/// Every cell that differs from `want` has a diagnostic at its row (or its table).
fn assert_no_silent(got: &AnnualReport, want: &AnnualReport, what: &str) {
    let flagged = |row: &str| {
        got.diagnostics.iter().any(|d| {
            d.location.starts_with(row) || d.location == row.split('.').next().unwrap_or("")
        })
    };
    for (item, cols) in &want.table2 {
        let key = table2::find_item(want.format, *item)
            .map(|(_, d)| d.key)
            .unwrap();
        for (col, cell) in cols {
            if got.t2(*item, *col) != cell {
                let path = format!("table2.{key}");
                assert!(flagged(&path), "{what}: silent wrong cell in {path}");
            }
        }
    }
    for (row, cells) in &want.table3 {
        if got.table3.get(row) != Some(cells) {
            let path = format!("table3.{}", row.def().key);
            assert!(flagged(&path), "{what}: silent wrong row {path}");
        }
    }
}

#[test]
fn run_together_cells_are_split_by_the_identities_and_never_silently_wrong() {
    let (mut rows, mut right) = (0, 0);
    for seed in 1..=16 {
        for format in Format::ALL {
            // Arrange
            let want = consistent_report(seed, format);
            let text = fused(&want, &mut Lcg(seed * 7));

            // Act
            let got = gongkai_import::parse_bytes(text.as_bytes()).unwrap();

            // Assert: rows that split more than one way (1100000011 is 11,0… or 1,10,…, and
            // the columns may not tell) are flagged, never guessed.
            let what = format!("seed {seed} {format}");
            assert_eq!(got.format, want.format, "{what}");
            assert_eq!(got.table4, want.table4, "{what}");
            assert_no_silent(&got, &want, &what);
            rows += want.table3.len();
            right += want
                .table3
                .iter()
                .filter(|(r, c)| got.table3.get(r) == Some(c))
                .count();
        }
    }
    assert!(right * 100 >= rows * 95, "{right} of {rows} rows right");
}

#[test]
fn rows_with_drifted_labels_orphan_values_and_page_breaks_are_placed_by_the_template() {
    for seed in 1..=24 {
        let format = if seed % 2 == 0 {
            Format::F2021
        } else {
            Format::F2019
        };
        // Arrange
        let want = consistent_report(seed, format);
        let text = drifted(&want, &mut Lcg(seed * 13));

        // Act
        let got = gongkai_import::parse_bytes(text.as_bytes()).unwrap();

        // Assert
        let what = format!("seed {seed} {format}\n{text}");
        assert_eq!(got.table3, want.table3, "{what}");
        assert!(
            got.diagnostics.iter().any(|d| d.rule == "P-JOINED"),
            "{what}: the broken row is reported"
        );
    }
}

#[test]
fn a_table_printed_without_values_gives_blank_rows_and_says_so() {
    for format in Format::ALL {
        // Arrange
        let want = consistent_report(3, format);
        let year = want.year.unwrap_or(2022);
        let mut text = format!(
            "某某乡人民政府{year}年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        );
        text.push_str(T3_HEADER);
        text.push('\n');
        for (_, label) in t3_rows(&want) {
            text.push_str(&format!("{label}\t\t\t\t\t\t\t\n"));
        }
        text.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        text.push_str(&t4_header());
        text.push_str("\n五、存在的主要问题及改进情况\n无\n");

        // Act
        let got = gongkai_import::parse_bytes(text.as_bytes()).unwrap();

        // Assert
        let rows: Vec<Row> = Row::of(got.format).collect();
        assert_eq!(
            got.table3.keys().copied().collect::<Vec<_>>(),
            rows,
            "{format}"
        );
        assert!(got.table3.values().flatten().all(Cell::is_blank));
        assert!(got.table4.values().flatten().all(Cell::is_blank));
        assert_eq!(got.table4.len(), 3);
        let blank: Vec<&str> = got
            .diagnostics
            .iter()
            .filter(|d| d.rule == "P-BLANK")
            .map(|d| d.location.as_str())
            .collect();
        assert_eq!(blank, ["table3", "table4"]);
    }
}

#[test]
fn a_row_printed_without_its_label_is_placed_by_its_place_in_the_template() {
    for seed in 1..=8 {
        // Arrange: table 二's first row and table 三's second row have an empty label cell.
        let want = consistent_report(seed, Format::F2021);
        let mut t = String::from(
            "某某县人民政府2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n",
        );
        for block in table2::blocks(want.format) {
            t.push_str(&format!("{}\n信息内容", block.caption));
            block
                .cols
                .iter()
                .for_each(|c| t.push_str(&format!("\t{}", c.label)));
            t.push('\n');
            for (i, item) in block.items.iter().enumerate() {
                let label = if i == 0 && block.items.len() > 1 {
                    ""
                } else {
                    item.label
                };
                let cells: Vec<Cell> = block
                    .cols
                    .iter()
                    .map(|c| want.t2(item.item, c.col).clone())
                    .collect();
                t.push_str(&format!("{label}\t{}\n", digits(&cells).join("\t")));
            }
        }
        t.push_str("三、收到和处理政府信息公开申请情况\n");
        for (i, (row, label)) in t3_rows(&want).into_iter().enumerate() {
            let label = if i == 1 { String::new() } else { label };
            t.push_str(&format!(
                "{label}\t{}\n",
                digits(&want.table3[&row]).join("\t")
            ));
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");

        // Act
        let got = gongkai_import::parse_bytes(t.as_bytes()).unwrap();

        // Assert
        assert_eq!(got.table2, want.table2, "seed {seed}");
        assert_eq!(got.table3, want.table3, "seed {seed}");
        let placed: Vec<&str> = got
            .diagnostics
            .iter()
            .filter(|d| d.rule == "P-PLACED")
            .map(|d| d.location.as_str())
            .collect();
        // Both two-row blocks of table 二 (（一） and （六）) print their first row unlabelled.
        let want_placed = [
            "table2.regulations",
            "table2.penalty",
            "table3.carried_over",
        ];
        assert_eq!(placed, want_placed, "seed {seed}");
    }
}

#[test]
fn a_2019_format_without_column_headers_is_known_by_its_rows_and_the_year_disagreement_said() {
    for seed in 1..=4 {
        // Arrange: 2019 tables, no header lines, a 2021 title.
        let want = consistent_report(seed, Format::F2019);
        let mut t = String::from(
            "某某县人民政府2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n",
        );
        for block in table2::blocks(want.format) {
            for item in block.items {
                let cells: Vec<Cell> = block
                    .cols
                    .iter()
                    .map(|c| want.t2(item.item, c.col).clone())
                    .collect();
                t.push_str(&format!("{}\t{}\n", item.label, digits(&cells).join("\t")));
            }
        }
        t.push_str("三、收到和处理政府信息公开申请情况\n");
        for (row, label) in t3_rows(&want) {
            t.push_str(&format!(
                "{label}\t{}\n",
                digits(&want.table3[&row]).join("\t")
            ));
        }

        // Act
        let got = gongkai_import::parse_bytes(t.as_bytes()).unwrap();

        // Assert
        assert_eq!(got.format, Format::F2019, "seed {seed}");
        assert_eq!(got.table3, want.table3, "seed {seed}");
        let said = got.diagnostics.iter().any(|d| {
            d.rule == "P-FORMAT" && d.severity == gongkai_domain::report::Severity::Warning
        });
        assert!(said, "seed {seed}: {:?}", got.diagnostics);
    }
}

#[test]
fn other_printed_as_one_row_in_a_2021_report_is_kept_merged() {
    // Arrange
    let mut want = consistent_report(5, Format::F2021);
    let merged: [i64; 7] = std::array::from_fn(|c| {
        [Row::OtherNoCorrection, Row::OtherFeeUnpaid, Row::OtherMisc]
            .iter()
            .map(|r| want.table3[r][c].integer().unwrap())
            .sum()
    });
    for r in [Row::OtherNoCorrection, Row::OtherFeeUnpaid, Row::OtherMisc] {
        want.table3.remove(&r);
    }
    want.table3.insert(Row::Other, merged.map(Cell::count));
    let mut t = String::from(
        "某某县人民政府2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n",
    );
    for row in want.t3_rows() {
        let label = row.def().full_label();
        t.push_str(&format!(
            "{label}\t{}\n",
            digits(&want.table3[&row]).join("\t")
        ));
    }

    // Act
    let got = gongkai_import::parse_bytes(t.as_bytes()).unwrap();

    // Assert
    assert_eq!(got.table3, want.table3);
    assert!(got.other_merged());
    assert!(got.extra_rows.iter().all(|e| e.table != TableId::Table3));
    let findings = gongkai_domain::report::rules::check(&got);
    let t3: Vec<_> = findings
        .iter()
        .filter(|f| f.rule.starts_with("T3"))
        .collect();
    assert!(t3.is_empty(), "identities hold with the merged row: {t3:?}");
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "S-01" && f.location == "table3.other")
    );
}

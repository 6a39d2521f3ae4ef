//! Table 二 主动公开政府信息情况 as printed: one block per 《条例》第二十条 item, each a caption row
//! across the table (“第二十条第（一）项”), a header row (“信息内容” and the block's columns) and its
//! item rows. Blocks with fewer columns print wider cells, as the official template does.
//!
//! A hidden column (2019 采购总金额 as printed, `amount_text`) is shown inside the printed column
//! it annotates — the one whose label starts its label — and wins over the converted amount when
//! it is not blank, because it is what the agency published. Extra rows (e.g. 其他主动公开文件,
//! which local variants add to （一）) follow the first block.

use super::{Builder, Content, Grid, extras, spread};
use gongkai_domain::report::rules::paths;
use gongkai_domain::report::table2::{self, BlockDef, CONTENT_HEADER, ColDef, ItemDef};
use gongkai_domain::report::{AnnualReport, TableId};

/// Lays out table 二, or `None` when the report has no item of it.
pub(super) fn grid(report: &AnnualReport) -> Option<Grid> {
    let blocks: Vec<(&BlockDef, Vec<&ItemDef>)> = table2::blocks(report.format)
        .iter()
        .map(|b| {
            let items = b
                .items
                .iter()
                .filter(|d| report.table2.contains_key(&d.item));
            (b, items.collect::<Vec<_>>())
        })
        .filter(|(_, items)| !items.is_empty())
        .collect();
    let extra = extras(report, TableId::Table2);
    if blocks.is_empty() && extra.is_empty() {
        return None;
    }
    let data = blocks
        .iter()
        .map(|(b, _)| b.cols.len())
        .chain(extra.iter().map(|(_, e)| e.cells.len()))
        .max()
        .unwrap_or(1)
        .max(1);
    let mut b = Builder::default();
    let mut y = 0;
    for (k, (block, items)) in blocks.iter().enumerate() {
        y = block_rows(&mut b, report, (block, items), (y, data));
        if k == 0 {
            y = extra_rows(&mut b, &extra, (y, data));
        }
    }
    if blocks.is_empty() {
        extra_rows(&mut b, &extra, (y, data));
    }
    let mut widths = vec![14];
    widths.resize(1 + data, (36 / data).max(8) as u16);
    Some(b.finish(TableId::Table2, 0, 1, widths))
}

/// One block from grid row `y`; returns the next free row.
fn block_rows(
    b: &mut Builder,
    report: &AnnualReport,
    (block, items): (&BlockDef, &[&ItemDef]),
    (mut y, data): (usize, usize),
) -> usize {
    b.header((y, 0), (1, 1 + data), block.caption);
    y += 1;
    b.header((y, 0), (1, 1), CONTENT_HEADER);
    let spans = spread(block.cols.len(), data);
    for (col, (x, span)) in block.cols.iter().zip(&spans) {
        b.header((y, 1 + x), (1, *span), col.label);
    }
    y += 1;
    for item in items {
        b.label((y, 0), (1, 1), item.label);
        for (col, (x, span)) in block.cols.iter().zip(&spans) {
            let (content, paths) = value(report, block, item, col);
            b.put_value((y, 1 + x), (1, *span), content, paths);
        }
        y += 1;
    }
    y
}

/// The printed content of `item` × `col`, with the JSON paths it shows.
fn value(
    report: &AnnualReport,
    block: &BlockDef,
    item: &ItemDef,
    col: &ColDef,
) -> (Content, Vec<String>) {
    let mut cell = report.t2(item.item, col.col);
    let mut shown = vec![paths::t2(item, col)];
    for hidden in block
        .hidden
        .iter()
        .filter(|h| h.label.starts_with(col.label))
    {
        let printed = report.t2(item.item, hidden.col);
        if !printed.is_blank() {
            cell = printed;
        }
        shown.push(paths::t2(item, hidden));
    }
    (Content::Value(cell.clone()), shown)
}

/// The extra rows of table 二 from grid row `y`; returns the next free row.
fn extra_rows(
    b: &mut Builder,
    extra: &[(usize, &gongkai_domain::report::ExtraRow)],
    (mut y, data): (usize, usize),
) -> usize {
    for (index, e) in extra {
        b.extra_row(y, (1, data), *index, e);
        y += 1;
    }
    y
}

//! Table 二 主动公开政府信息情况: blocks per 《条例》第二十条 item, different in the two formats
//! (`REGULATION.md` §2.3). This is the one definition of its captions, rows and columns.

use super::format::Format;

/// A row (“信息内容”) of table 二. The same key may carry different labels in the two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// 规章
    Regulations,
    /// 规范性文件 (2019) / 行政规范性文件 (2021)
    NormativeDocuments,
    /// 行政许可
    Licensing,
    /// 其他对外管理服务事项 (2019 only)
    OtherServices,
    /// 行政处罚
    Penalty,
    /// 行政强制
    Coercion,
    /// 行政事业性收费
    Fees,
    /// 政府集中采购 (2019 only)
    Procurement,
}

impl Item {
    /// How the item is recognised in published text, for the importer: alternatives, each a set
    /// of normalised words that must all occur (“规范性文件” also finds “行政规范性文件”).
    pub fn keywords(self) -> &'static [&'static [&'static str]] {
        match self {
            Item::Regulations => &[&["规章"]],
            Item::NormativeDocuments => &[&["规范性文件"]],
            Item::Licensing => &[&["行政许可"]],
            Item::OtherServices => &[&["对外管理服务"]],
            Item::Penalty => &[&["行政处罚"]],
            Item::Coercion => &[&["行政强制"]],
            Item::Fees => &[&["事业性收费"]],
            Item::Procurement => &[&["集中采购"], &["政府采购"]],
        }
    }
}

/// A column of table 二.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Col {
    /// 本年制发件数 (2021)
    Issued,
    /// 本年废止件数 (2021)
    Abolished,
    /// 现行有效件数 (2021)
    InForce,
    /// 本年新制作数量 (2019)
    NewMade,
    /// 本年新公开数量 (2019)
    NewPublished,
    /// 对外公开总数量 (2019)
    TotalPublished,
    /// 上一年项目数量 (2019)
    PriorItems,
    /// 本年增/减 (2019), signed
    Change,
    /// 本年处理决定数量 (2021) / 处理决定数量 (2019)
    Decisions,
    /// 采购项目数量 (2019)
    Projects,
    /// An amount in 万元: 本年收费金额 (2021) or 采购总金额 (2019)
    AmountWan,
    /// 采购总金额 as printed, with its unit (2019); not a number
    AmountText,
}

/// What a column holds, which decides what rules S-03/S-04 accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColKind {
    /// A non-negative integer.
    Count,
    /// An integer that may be negative (本年增/减).
    Signed,
    /// A non-negative decimal amount in 万元.
    Amount,
    /// Free text kept as printed.
    Text,
}

/// A column as it appears in one block.
#[derive(Debug, Clone, Copy)]
pub struct ColDef {
    /// The column.
    pub col: Col,
    /// JSON key.
    pub key: &'static str,
    /// Header label, verbatim.
    pub label: &'static str,
    /// Content kind.
    pub kind: ColKind,
}

/// A row as it appears in one block.
#[derive(Debug, Clone, Copy)]
pub struct ItemDef {
    /// The item.
    pub item: Item,
    /// JSON key.
    pub key: &'static str,
    /// Label, verbatim.
    pub label: &'static str,
}

/// One block of table 二, headed by its 第二十条 item.
#[derive(Debug, Clone, Copy)]
pub struct BlockDef {
    /// Caption, e.g. “第二十条第（一）项”.
    pub caption: &'static str,
    /// Printed columns after 信息内容. For 2019 procurement the 采购总金额 column carries both
    /// `amount_wan` and `amount_text`; `amount_text` is listed in [`BlockDef::hidden`].
    pub cols: &'static [ColDef],
    /// Rows.
    pub items: &'static [ItemDef],
    /// Columns in the JSON that are not printed as their own column.
    pub hidden: &'static [ColDef],
}

/// Left header of every block.
pub const CONTENT_HEADER: &str = "信息内容";

const fn c(col: Col, key: &'static str, label: &'static str, kind: ColKind) -> ColDef {
    ColDef {
        col,
        key,
        label,
        kind,
    }
}
const fn i(item: Item, key: &'static str, label: &'static str) -> ItemDef {
    ItemDef { item, key, label }
}

const REGULATIONS: ItemDef = i(Item::Regulations, "regulations", "规章");
const LICENSING: ItemDef = i(Item::Licensing, "licensing", "行政许可");
const PENALTY: ItemDef = i(Item::Penalty, "penalty", "行政处罚");
const COERCION: ItemDef = i(Item::Coercion, "coercion", "行政强制");
const FEES: ItemDef = i(Item::Fees, "fees", "行政事业性收费");

const DECISIONS_2021: ColDef = c(
    Col::Decisions,
    "decisions",
    "本年处理决定数量",
    ColKind::Count,
);
const PRIOR_ITEMS: ColDef = c(
    Col::PriorItems,
    "prior_items",
    "上一年项目数量",
    ColKind::Count,
);
const CHANGE: ColDef = c(Col::Change, "change", "本年增/减", ColKind::Signed);
const DECISIONS_2019: ColDef = c(Col::Decisions, "decisions", "处理决定数量", ColKind::Count);
const ITEMS_2019: [ColDef; 3] = [PRIOR_ITEMS, CHANGE, DECISIONS_2019];

/// The 2021 format's blocks.
pub const BLOCKS_2021: [BlockDef; 4] = [
    BlockDef {
        caption: "第二十条第（一）项",
        cols: &[
            c(Col::Issued, "issued", "本年制发件数", ColKind::Count),
            c(Col::Abolished, "abolished", "本年废止件数", ColKind::Count),
            c(Col::InForce, "in_force", "现行有效件数", ColKind::Count),
        ],
        items: &[
            REGULATIONS,
            i(
                Item::NormativeDocuments,
                "normative_documents",
                "行政规范性文件",
            ),
        ],
        hidden: &[],
    },
    BlockDef {
        caption: "第二十条第（五）项",
        cols: &[DECISIONS_2021],
        items: &[LICENSING],
        hidden: &[],
    },
    BlockDef {
        caption: "第二十条第（六）项",
        cols: &[DECISIONS_2021],
        items: &[PENALTY, COERCION],
        hidden: &[],
    },
    BlockDef {
        caption: "第二十条第（八）项",
        cols: &[c(
            Col::AmountWan,
            "amount_wan",
            "本年收费金额（单位：万元）",
            ColKind::Amount,
        )],
        items: &[FEES],
        hidden: &[],
    },
];

/// The 2019 format's blocks.
pub const BLOCKS_2019: [BlockDef; 5] = [
    BlockDef {
        caption: "第二十条第（一）项",
        cols: &[
            c(Col::NewMade, "new_made", "本年新制作数量", ColKind::Count),
            c(
                Col::NewPublished,
                "new_published",
                "本年新公开数量",
                ColKind::Count,
            ),
            c(
                Col::TotalPublished,
                "total_published",
                "对外公开总数量",
                ColKind::Count,
            ),
        ],
        items: &[
            REGULATIONS,
            i(
                Item::NormativeDocuments,
                "normative_documents",
                "规范性文件",
            ),
        ],
        hidden: &[],
    },
    BlockDef {
        caption: "第二十条第（五）项",
        cols: &ITEMS_2019,
        items: &[
            LICENSING,
            i(
                Item::OtherServices,
                "other_services",
                "其他对外管理服务事项",
            ),
        ],
        hidden: &[],
    },
    BlockDef {
        caption: "第二十条第（六）项",
        cols: &ITEMS_2019,
        items: &[PENALTY, COERCION],
        hidden: &[],
    },
    BlockDef {
        caption: "第二十条第（八）项",
        cols: &[PRIOR_ITEMS, CHANGE],
        items: &[FEES],
        hidden: &[],
    },
    BlockDef {
        caption: "第二十条第（九）项",
        cols: &[
            c(Col::Projects, "projects", "采购项目数量", ColKind::Count),
            c(Col::AmountWan, "amount_wan", "采购总金额", ColKind::Amount),
        ],
        items: &[i(Item::Procurement, "procurement", "政府集中采购")],
        hidden: &[c(
            Col::AmountText,
            "amount_text",
            "采购总金额（原文）",
            ColKind::Text,
        )],
    },
];

/// The blocks of `format`, in printed order.
pub fn blocks(format: Format) -> &'static [BlockDef] {
    match format {
        Format::F2019 => &BLOCKS_2019,
        Format::F2021 => &BLOCKS_2021,
    }
}

/// The block and row definition of `item` in `format`, if the format has the item.
pub fn find_item(format: Format, item: Item) -> Option<(&'static BlockDef, &'static ItemDef)> {
    blocks(format)
        .iter()
        .find_map(|b| b.items.iter().find(|d| d.item == item).map(|d| (b, d)))
}

/// Every column definition of a block, printed and hidden.
pub fn all_cols(block: &BlockDef) -> impl Iterator<Item = &'static ColDef> + '_ {
    block.cols.iter().chain(block.hidden.iter())
}

impl Item {
    /// The item with this JSON key (in any format).
    pub fn from_key(key: &str) -> Option<Item> {
        Format::ALL
            .iter()
            .flat_map(|f| blocks(*f).iter())
            .flat_map(|b| b.items.iter())
            .find(|d| d.key == key)
            .map(|d| d.item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_per_format_match_the_official_tables() {
        let count = |f| blocks(f).iter().map(|b| b.items.len()).sum::<usize>();
        assert_eq!(count(Format::F2019), 8);
        assert_eq!(count(Format::F2021), 6);
        assert!(find_item(Format::F2021, Item::Procurement).is_none());
        assert_eq!(
            find_item(Format::F2021, Item::NormativeDocuments).map(|(_, d)| d.label),
            Some("行政规范性文件")
        );
        assert_eq!(Item::from_key("other_services"), Some(Item::OtherServices));
    }
}

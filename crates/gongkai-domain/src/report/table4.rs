//! Table 四 政府信息公开行政复议、行政诉讼情况: the same 15 cells in both formats
//! (`REGULATION.md` §2.5).

/// The three groups of five cells, in printed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// 行政复议
    AdminReview,
    /// 行政诉讼 · 未经复议直接起诉
    LitigationDirect,
    /// 行政诉讼 · 复议后起诉
    LitigationAfterReview,
}

/// The five columns of each group, in printed order (array positions in the JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// 结果维持
    Upheld,
    /// 结果纠正
    Corrected,
    /// 其他结果
    Other,
    /// 尚未审结
    Pending,
    /// 总计
    Total,
}

/// Definition of a group.
#[derive(Debug, Clone, Copy)]
pub struct GroupDef {
    /// The group.
    pub group: Group,
    /// JSON key.
    pub key: &'static str,
    /// Its own header label.
    pub label: &'static str,
    /// The spanning header above it (行政诉讼), if any.
    pub parent: Option<&'static str>,
    /// How the group is recognised in published text, for the importer (any one word; the one
    /// that ends latest in a label wins, so “复议后起诉” is not read as “复议”).
    pub keywords: &'static [&'static str],
}

/// The header over both litigation groups.
pub const LITIGATION_HEADER: &str = "行政诉讼";

/// The three groups.
pub const GROUPS: [GroupDef; 3] = [
    GroupDef {
        group: Group::AdminReview,
        key: "admin_review",
        label: "行政复议",
        parent: None,
        keywords: &["复议"],
    },
    GroupDef {
        group: Group::LitigationDirect,
        key: "litigation_direct",
        label: "未经复议直接起诉",
        parent: Some(LITIGATION_HEADER),
        keywords: &["直接起诉", "未经复议"],
    },
    GroupDef {
        group: Group::LitigationAfterReview,
        key: "litigation_after_review",
        label: "复议后起诉",
        parent: Some(LITIGATION_HEADER),
        keywords: &["复议后"],
    },
];

/// Labels of the five columns, in order.
pub const OUTCOME_LABELS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

impl Group {
    /// All groups in printed order.
    pub const ALL: [Group; 3] = [
        Group::AdminReview,
        Group::LitigationDirect,
        Group::LitigationAfterReview,
    ];

    /// The group's definition.
    pub fn def(self) -> &'static GroupDef {
        &GROUPS[self as usize]
    }

    /// The group with this JSON key.
    pub fn from_key(key: &str) -> Option<Group> {
        GROUPS.iter().find(|d| d.key == key).map(|d| d.group)
    }
}

impl Outcome {
    /// All five columns in printed order.
    pub const ALL: [Outcome; 5] = [
        Outcome::Upheld,
        Outcome::Corrected,
        Outcome::Other,
        Outcome::Pending,
        Outcome::Total,
    ];
    /// The four columns that add up to 总计 (rule T4-01).
    pub const PARTS: [Outcome; 4] = [
        Outcome::Upheld,
        Outcome::Corrected,
        Outcome::Other,
        Outcome::Pending,
    ];

    /// Array position in the JSON.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The printed label.
    pub fn label(self) -> &'static str {
        OUTCOME_LABELS[self.index()]
    }
}

//! The six numbered sections of the report (《条例》第五十条; `REGULATION.md` §2.2).

/// A narrative part of the report. Sections 二…四 hold the tables and may also have text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// The opening paragraph before 一 (basis of the report, statistics period, contact).
    Preface,
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况
    Proactive,
    /// 三、收到和处理政府信息公开申请情况
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况
    Appeals,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

/// Definition of a section.
#[derive(Debug, Clone, Copy)]
pub struct SectionDef {
    /// The section.
    pub section: Section,
    /// JSON key under `sections`.
    pub key: &'static str,
    /// Official heading, as printed in the 2021 format (empty for the preface).
    pub heading: &'static str,
    /// Its number, “一” … “六” (empty for the preface).
    pub number: &'static str,
    /// Keywords that identify a heading with this number (any one suffices), for the importer:
    /// reports retitle sections (“一、概述”, “五、存在的不足及改进措施”).
    pub keywords: &'static [&'static str],
}

/// All sections in printed order.
pub const SECTIONS: [SectionDef; 7] = [
    SectionDef {
        section: Section::Preface,
        key: "preface",
        heading: "",
        number: "",
        keywords: &[],
    },
    SectionDef {
        section: Section::Overview,
        key: "overview",
        heading: "一、总体情况",
        number: "一",
        keywords: &["总体", "概述", "基本情况"],
    },
    SectionDef {
        section: Section::Proactive,
        key: "proactive",
        heading: "二、主动公开政府信息情况",
        number: "二",
        keywords: &["主动公开"],
    },
    SectionDef {
        section: Section::Applications,
        key: "applications",
        heading: "三、收到和处理政府信息公开申请情况",
        number: "三",
        keywords: &["申请"],
    },
    SectionDef {
        section: Section::Appeals,
        key: "appeals",
        heading: "四、政府信息公开行政复议、行政诉讼情况",
        number: "四",
        keywords: &["复议", "诉讼"],
    },
    SectionDef {
        section: Section::Problems,
        key: "problems",
        heading: "五、存在的主要问题及改进情况",
        number: "五",
        keywords: &["问题", "不足", "改进"],
    },
    SectionDef {
        section: Section::Other,
        key: "other",
        heading: "六、其他需要报告的事项",
        number: "六",
        keywords: &["其他", "需要报告"],
    },
];

impl Section {
    /// All sections in printed order.
    pub const ALL: [Section; 7] = [
        Section::Preface,
        Section::Overview,
        Section::Proactive,
        Section::Applications,
        Section::Appeals,
        Section::Problems,
        Section::Other,
    ];

    /// The section's definition.
    pub fn def(self) -> &'static SectionDef {
        &SECTIONS[self as usize]
    }

    /// The section with this JSON key.
    pub fn from_key(key: &str) -> Option<Section> {
        SECTIONS.iter().find(|d| d.key == key).map(|d| d.section)
    }
}

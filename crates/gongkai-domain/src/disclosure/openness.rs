//! What a document's metadata says about disclosure: 公开属性 (主动公开 / 依申请公开 / 不予公开 with
//! its ground, 《条例》第十三至十六条), 有效性 (有效 / 失效 / 废止), and the 规章 / 行政规范性文件
//! marker that table 二 counts (REGULATION.md §2.3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::index_no::IndexNo;
use crate::application::WithheldGround;
use crate::choice::Choice;
use crate::report::table2::Item;

/// A ground for not disclosing (《条例》第十四、十五、十六条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithholdGround {
    /// 属于国家秘密 (第十四条).
    StateSecret,
    /// 法律、行政法规禁止公开 (第十四条).
    LawProhibited,
    /// 公开后可能危及国家安全、公共安全、经济安全、社会稳定 (第十四条).
    SecurityStability,
    /// 涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害 (第十五条).
    ThirdParty,
    /// 人事管理、后勤管理、内部工作流程等内部事务信息 (第十六条第一款).
    InternalAffairs,
    /// 讨论记录、过程稿、磋商信函、请示报告等过程性信息 (第十六条第二款).
    ProcessInfo,
    /// 行政执法案卷信息 (第十六条第二款).
    EnforcementFile,
}

impl Choice for WithholdGround {
    const TABLE: &'static [(WithholdGround, &'static str, &'static str)] = &[
        (WithholdGround::StateSecret, "state_secret", "属于国家秘密"),
        (
            WithholdGround::LawProhibited,
            "law_prohibited",
            "法律、行政法规禁止公开",
        ),
        (
            WithholdGround::SecurityStability,
            "security_stability",
            "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
        ),
        (
            WithholdGround::ThirdParty,
            "third_party",
            "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
        ),
        (
            WithholdGround::InternalAffairs,
            "internal_affairs",
            "属于内部事务信息",
        ),
        (
            WithholdGround::ProcessInfo,
            "process_info",
            "属于过程性信息",
        ),
        (
            WithholdGround::EnforcementFile,
            "enforcement_file",
            "属于行政执法案卷信息",
        ),
    ];
}

impl WithholdGround {
    /// The article the ground rests on.
    pub fn article(self) -> &'static str {
        match self {
            Self::StateSecret | Self::LawProhibited | Self::SecurityStability => "《条例》第十四条",
            Self::ThirdParty => "《条例》第十五条",
            Self::InternalAffairs => "《条例》第十六条第一款",
            Self::ProcessInfo | Self::EnforcementFile => "《条例》第十六条第二款",
        }
    }

    /// Whether the ground is mandatory (不予公开 / 不得公开, 第十四、十五条) rather than
    /// discretionary (可以不予公开, 第十六条).
    pub fn is_mandatory(self) -> bool {
        !matches!(
            self,
            Self::InternalAffairs | Self::ProcessInfo | Self::EnforcementFile
        )
    }
}

impl From<WithholdGround> for WithheldGround {
    /// The same ground as an application's reply (table 三 （三）1–7).
    fn from(g: WithholdGround) -> WithheldGround {
        match g {
            WithholdGround::StateSecret => WithheldGround::StateSecret,
            WithholdGround::LawProhibited => WithheldGround::LawProhibited,
            WithholdGround::SecurityStability => WithheldGround::SecurityStability,
            WithholdGround::ThirdParty => WithheldGround::ThirdParty,
            WithholdGround::InternalAffairs => WithheldGround::InternalAffairs,
            WithholdGround::ProcessInfo => WithheldGround::ProcessInfo,
            WithholdGround::EnforcementFile => WithheldGround::EnforcementFile,
        }
    }
}

/// 公开属性 (《条例》第十三条: 主动公开 and 依申请公开; 第十四至十六条: 不予公开).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "openness", content = "ground")]
pub enum Openness {
    /// 主动公开.
    Proactive,
    /// 依申请公开.
    OnRequest,
    /// 不予公开, on a ground.
    Withheld(WithholdGround),
}

impl Openness {
    /// “主动公开”, “依申请公开”, “不予公开（属于国家秘密）”.
    pub fn label(self) -> String {
        match self {
            Openness::Proactive => "主动公开".to_owned(),
            Openness::OnRequest => "依申请公开".to_owned(),
            Openness::Withheld(g) => format!("不予公开（{}）", g.label()),
        }
    }

    /// A stable key: `proactive`, `on_request`, `withheld`.
    pub fn key(self) -> &'static str {
        match self {
            Openness::Proactive => "proactive",
            Openness::OnRequest => "on_request",
            Openness::Withheld(_) => "withheld",
        }
    }

    /// Reads the attribute and, for 不予公开, its ground (ids or Chinese names; the ground may
    /// also be written in brackets after 不予公开: “不予公开（属于国家秘密）”). `Err` names what
    /// is missing: `openness` or `ground`.
    pub fn parse(openness: &str, ground: &str) -> Result<Openness, &'static str> {
        let o = openness.trim();
        let (head, inline) = match o.split_once(['（', '(']) {
            Some((h, g)) => (h, g.trim_end_matches(['）', ')'])),
            None => (o, ""),
        };
        match head {
            "proactive" | "主动公开" => Ok(Openness::Proactive),
            "on_request" | "依申请公开" => Ok(Openness::OnRequest),
            "withheld" | "不予公开" | "不公开" => {
                let g = if ground.trim().is_empty() {
                    inline
                } else {
                    ground
                };
                WithholdGround::parse(g)
                    .map(Openness::Withheld)
                    .ok_or("ground")
            }
            _ => Err("openness"),
        }
    }
}

/// 有效性. A date may lie in the future (a repeal or expiry already decided).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "validity")]
pub enum Validity {
    /// 有效.
    Valid,
    /// 失效 (its 有效期 ran out, or it lost effect without a repeal) from `on`.
    Expired {
        /// The first day it is no longer in force.
        on: NaiveDate,
    },
    /// 废止 from `on`, possibly replaced by another document.
    Repealed {
        /// The first day it is no longer in force.
        on: NaiveDate,
        /// The 索引号 of the document that replaces it.
        replaced_by: Option<IndexNo>,
    },
}

impl Validity {
    /// The day it stops being in force, if it does.
    pub fn ends_on(&self) -> Option<NaiveDate> {
        match self {
            Validity::Valid => None,
            Validity::Expired { on } | Validity::Repealed { on, .. } => Some(*on),
        }
    }

    /// Whether it is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.ends_on().is_none_or(|end| date < end)
    }

    /// A stable key: `valid`, `expired`, `repealed`.
    pub fn key(&self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Expired { .. } => "expired",
            Validity::Repealed { .. } => "repealed",
        }
    }

    /// “有效”, “失效（自2024-01-01）”, “废止（自2024-01-01，由…替代）”.
    pub fn label(&self) -> String {
        match self {
            Validity::Valid => "有效".to_owned(),
            Validity::Expired { on } => format!("失效（自{on}）"),
            Validity::Repealed { on, replaced_by } => match replaced_by {
                Some(r) => format!("废止（自{on}，由索引号{r}的文件替代）"),
                None => format!("废止（自{on}）"),
            },
        }
    }
}

/// The table-二 marker: 规章 or 行政规范性文件 (《条例》第二十条第（一）项).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Marker {
    /// 规章.
    Regulation,
    /// 行政规范性文件 (2019 format: 规范性文件).
    NormativeDocument,
}

impl Choice for Marker {
    const TABLE: &'static [(Marker, &'static str, &'static str)] = &[
        (Marker::Regulation, "regulation", "规章"),
        (
            Marker::NormativeDocument,
            "normative_document",
            "行政规范性文件",
        ),
    ];
}

impl Marker {
    /// Every marker, in table order.
    pub const ALL: [Marker; 2] = [Marker::Regulation, Marker::NormativeDocument];

    /// Reads the marker (id, name, or the 2019 name 规范性文件).
    pub fn read(s: &str) -> Option<Marker> {
        match s.trim() {
            "规范性文件" => Some(Marker::NormativeDocument),
            other => Marker::parse(other),
        }
    }

    /// Its row in table 二.
    pub fn table2_item(self) -> Item {
        match self {
            Marker::Regulation => Item::Regulations,
            Marker::NormativeDocument => Item::NormativeDocuments,
        }
    }
}

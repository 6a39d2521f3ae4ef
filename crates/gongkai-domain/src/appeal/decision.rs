//! How a 行政复议 or 行政诉讼 ends, and the table-四 column each ending counts in.
//!
//! The annual-report formats do not define which decisions count as 结果维持, 结果纠正 or 其他结果
//! (REGULATION.md §2.5, §8 item 6). The mapping below is the one REGULATION.md suggests from the
//! decision types of the 行政复议法 (2023) and the 行政诉讼法 (2017): upholding and rejecting the
//! request → 维持; every decision that changes, annuls, declares unlawful or invalid, or orders
//! the agency to act → 纠正; procedural endings (termination, withdrawal, mediation, settlement,
//! refusal to accept or dismissal of the complaint) → 其他. It lives in this one table
//! ([`DECISIONS`]) so a change of convention is a one-line change.

use serde::{Deserialize, Serialize};

use crate::choice::Choice;
use crate::report::table4::Outcome;

/// Which kind of body decides: a 行政复议机关 or a 人民法院.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forum {
    /// 行政复议 (《行政复议法》).
    Review,
    /// 行政诉讼 (《行政诉讼法》).
    Litigation,
}

/// The decision or judgment that ends a proceeding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionType {
    /// 复议：维持 (第六十八条).
    ReviewUpheld,
    /// 复议：驳回行政复议请求 (第六十九条).
    ReviewRequestRejected,
    /// 复议：变更 (第六十三条).
    ReviewVaried,
    /// 复议：撤销或者部分撤销 (第六十四条).
    ReviewRevoked,
    /// 复议：确认违法 (第六十五条).
    ReviewDeclaredUnlawful,
    /// 复议：责令履行 (第六十六条).
    ReviewOrderedToAct,
    /// 复议：确认无效 (第六十七条).
    ReviewDeclaredInvalid,
    /// 复议：调解 (第七十三条).
    ReviewMediated,
    /// 复议：和解 (第七十四条).
    ReviewSettled,
    /// 复议：终止 (第四十一条, e.g. the applicant withdrew).
    ReviewTerminated,
    /// 复议：驳回行政复议申请 (第三十三条).
    ReviewApplicationRejected,
    /// 复议：不予受理 (第三十条).
    ReviewNotAccepted,
    /// 诉讼：判决驳回诉讼请求 (第六十九条).
    SuitDismissed,
    /// 诉讼：判决撤销或者部分撤销 (第七十条).
    SuitRevoked,
    /// 诉讼：判决履行 (第七十二、七十三条).
    SuitOrderedToAct,
    /// 诉讼：判决确认违法 (第七十四条).
    SuitDeclaredUnlawful,
    /// 诉讼：判决确认无效 (第七十五条).
    SuitDeclaredInvalid,
    /// 诉讼：判决变更 (第七十七条).
    SuitVaried,
    /// 诉讼：调解 (第六十条).
    SuitMediated,
    /// 诉讼：准予撤诉 (第六十二条).
    SuitWithdrawn,
    /// 诉讼：裁定不予立案 (第五十一条).
    SuitNotAccepted,
    /// 诉讼：裁定驳回起诉 (司法解释).
    SuitComplaintRejected,
    /// 诉讼：终结诉讼 (第一百零一条 → 民事诉讼法).
    SuitTerminated,
}

/// One decision type: its forum, stable id, name, legal basis and table-四 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionDef {
    /// The decision type.
    pub decision: DecisionType,
    /// Who decides it.
    pub forum: Forum,
    /// Stable identifier.
    pub id: &'static str,
    /// Chinese name.
    pub label: &'static str,
    /// The article it rests on.
    pub basis: &'static str,
    /// The table-四 column (never 尚未审结 or 总计).
    pub outcome: Outcome,
}

const fn def(
    decision: DecisionType,
    forum: Forum,
    id: &'static str,
    label: &'static str,
    basis: &'static str,
    outcome: Outcome,
) -> DecisionDef {
    DecisionDef {
        decision,
        forum,
        id,
        label,
        basis,
        outcome,
    }
}

use DecisionType as D;
use Forum::{Litigation as L, Review as R};
use Outcome::{Corrected as C, Other as O, Upheld as U};

/// Every decision type with its table-四 column: the one place the mapping is kept.
#[rustfmt::skip]
pub const DECISIONS: [DecisionDef; 23] = [
    def(D::ReviewUpheld,              R, "review_upheld",               "维持",             "《行政复议法》第六十八条", U),
    def(D::ReviewRequestRejected,     R, "review_request_rejected",     "驳回行政复议请求", "《行政复议法》第六十九条", U),
    def(D::ReviewVaried,              R, "review_varied",               "变更",             "《行政复议法》第六十三条", C),
    def(D::ReviewRevoked,             R, "review_revoked",              "撤销或者部分撤销", "《行政复议法》第六十四条", C),
    def(D::ReviewDeclaredUnlawful,    R, "review_declared_unlawful",    "确认违法",         "《行政复议法》第六十五条", C),
    def(D::ReviewOrderedToAct,        R, "review_ordered_to_act",       "责令履行",         "《行政复议法》第六十六条", C),
    def(D::ReviewDeclaredInvalid,     R, "review_declared_invalid",     "确认无效",         "《行政复议法》第六十七条", C),
    def(D::ReviewMediated,            R, "review_mediated",             "调解",             "《行政复议法》第七十三条", O),
    def(D::ReviewSettled,             R, "review_settled",              "和解",             "《行政复议法》第七十四条", O),
    def(D::ReviewTerminated,          R, "review_terminated",           "终止行政复议",     "《行政复议法》第四十一条", O),
    def(D::ReviewApplicationRejected, R, "review_application_rejected", "驳回行政复议申请", "《行政复议法》第三十三条", O),
    def(D::ReviewNotAccepted,         R, "review_not_accepted",         "不予受理",         "《行政复议法》第三十条",   O),
    def(D::SuitDismissed,             L, "suit_dismissed",              "判决驳回诉讼请求", "《行政诉讼法》第六十九条", U),
    def(D::SuitRevoked,               L, "suit_revoked",                "判决撤销或者部分撤销", "《行政诉讼法》第七十条", C),
    def(D::SuitOrderedToAct,          L, "suit_ordered_to_act",         "判决履行",         "《行政诉讼法》第七十二条、第七十三条", C),
    def(D::SuitDeclaredUnlawful,      L, "suit_declared_unlawful",      "判决确认违法",     "《行政诉讼法》第七十四条", C),
    def(D::SuitDeclaredInvalid,       L, "suit_declared_invalid",       "判决确认无效",     "《行政诉讼法》第七十五条", C),
    def(D::SuitVaried,                L, "suit_varied",                 "判决变更",         "《行政诉讼法》第七十七条", C),
    def(D::SuitMediated,              L, "suit_mediated",               "调解",             "《行政诉讼法》第六十条",   O),
    def(D::SuitWithdrawn,             L, "suit_withdrawn",              "准予撤诉",         "《行政诉讼法》第六十二条", O),
    def(D::SuitNotAccepted,           L, "suit_not_accepted",           "裁定不予立案",     "《行政诉讼法》第五十一条", O),
    def(D::SuitComplaintRejected,     L, "suit_complaint_rejected",     "裁定驳回起诉",     "《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》", O),
    def(D::SuitTerminated,            L, "suit_terminated",             "裁定终结诉讼",     "《行政诉讼法》第一百零一条", O),
];

impl DecisionType {
    /// Its definition.
    pub fn def(self) -> &'static DecisionDef {
        DECISIONS
            .iter()
            .find(|d| d.decision == self)
            .expect("every decision type is listed in DECISIONS")
    }

    /// The table-四 column it counts in.
    pub fn outcome(self) -> Outcome {
        self.def().outcome
    }

    /// Who decides it.
    pub fn forum(self) -> Forum {
        self.def().forum
    }

    /// The decision of `forum` with this identifier or Chinese name (names repeat across the
    /// two forums, e.g. 调解, so a form asks within one).
    pub fn parse_in(forum: Forum, s: &str) -> Option<DecisionType> {
        let s = s.trim();
        DECISIONS
            .iter()
            .find(|d| d.forum == forum && (d.id == s || d.label == s))
            .map(|d| d.decision)
    }

    /// The decision types of one forum, in table order.
    pub fn of(forum: Forum) -> impl Iterator<Item = DecisionType> {
        DECISIONS
            .iter()
            .filter(move |d| d.forum == forum)
            .map(|d| d.decision)
    }
}

impl Choice for DecisionType {
    const TABLE: &'static [(DecisionType, &'static str, &'static str)] = &{
        let mut t = [(D::ReviewUpheld, "", ""); DECISIONS.len()];
        let mut i = 0;
        while i < DECISIONS.len() {
            t[i] = (DECISIONS[i].decision, DECISIONS[i].id, DECISIONS[i].label);
            i += 1;
        }
        t
    };
}

impl Forum {
    /// “行政复议” / “行政诉讼”.
    pub fn label(self) -> &'static str {
        match self {
            Forum::Review => "行政复议",
            Forum::Litigation => "行政诉讼",
        }
    }
}

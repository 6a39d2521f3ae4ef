//! The written letters of a 依申请公开 case (REGULATION.md §5.1): every procedural notice and the
//! answer (答复书) of every outcome, each with a stable id for storing an agency's own wording.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::application::{Closure, DeclinedGround, Party, Reply, WithheldGround};

/// One kind of letter (告知书 / 答复书 / 回执 / 征求意见书 / 通知书).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LetterKind {
    /// 政府信息公开申请接收回执 (《条例》第三十一条: the day the application counts as received).
    Receipt,
    /// 补正告知书 (《条例》第三十条): what to supplement, the period, the consequence.
    CorrectionNotice,
    /// 延期答复告知书 (《条例》第三十三条第二款).
    ExtensionNotice,
    /// 征求意见书 to a third party (《条例》第三十二条) or a co-maker (第三十四条).
    Consultation(Party),
    /// 收费通知书 (信息处理费, 《政府信息公开信息处理费管理办法》): 依据、标准、数额、缴纳方式.
    FeeNotice,
    /// 说明理由告知书 (《条例》第三十五条).
    ReasonsNotice,
    /// 延迟答复告知书 (《条例》第三十五条).
    DeferredNotice,
    /// 终止办理告知书 after 逾期不补正 (《条例》第三十条: 视为放弃申请).
    CorrectionLapsed,
    /// 终止办理告知书 after 逾期未缴费 (视为放弃申请).
    FeeLapsed,
    /// 答复书 of one outcome (《条例》第三十六至三十九条).
    Reply(Reply),
}

const WITHHELD: [WithheldGround; 8] = [
    WithheldGround::StateSecret,
    WithheldGround::LawProhibited,
    WithheldGround::SecurityStability,
    WithheldGround::ThirdParty,
    WithheldGround::InternalAffairs,
    WithheldGround::ProcessInfo,
    WithheldGround::EnforcementFile,
    WithheldGround::InquiryMatter,
];

const DECLINED: [DeclinedGround; 5] = [
    DeclinedGround::Petition,
    DeclinedGround::Duplicate,
    DeclinedGround::Publication,
    DeclinedGround::Excessive,
    DeclinedGround::Confirmation,
];

impl LetterKind {
    /// Every kind, procedural notices first, then the replies in table-三 order.
    pub fn all() -> Vec<LetterKind> {
        let mut out = vec![
            LetterKind::Receipt,
            LetterKind::CorrectionNotice,
            LetterKind::ExtensionNotice,
            LetterKind::Consultation(Party::ThirdParty),
            LetterKind::Consultation(Party::CoMaker),
            LetterKind::FeeNotice,
            LetterKind::ReasonsNotice,
            LetterKind::DeferredNotice,
            LetterKind::CorrectionLapsed,
            LetterKind::FeeLapsed,
        ];
        out.extend(all_replies().into_iter().map(LetterKind::Reply));
        out
    }

    /// The answer letter of a reply: every outcome has one.
    pub fn for_reply(reply: Reply) -> LetterKind {
        LetterKind::Reply(reply)
    }

    /// The letter that ends a case closed without a reply; a withdrawal needs none.
    pub fn for_closure(closure: Closure) -> Option<LetterKind> {
        match closure {
            Closure::NoCorrection => Some(LetterKind::CorrectionLapsed),
            Closure::FeeUnpaid => Some(LetterKind::FeeLapsed),
            Closure::Withdrawn => None,
        }
    }

    /// The reply this letter answers with, if it is an answer.
    pub fn reply(self) -> Option<Reply> {
        match self {
            LetterKind::Reply(r) => Some(r),
            _ => None,
        }
    }

    /// The stable id (`snake_case`) under which an agency's own template is stored.
    pub fn id(self) -> &'static str {
        match self {
            LetterKind::Receipt => "receipt",
            LetterKind::CorrectionNotice => "correction_notice",
            LetterKind::ExtensionNotice => "extension_notice",
            LetterKind::Consultation(Party::ThirdParty) => "consultation_third_party",
            LetterKind::Consultation(Party::CoMaker) => "consultation_co_maker",
            LetterKind::FeeNotice => "fee_notice",
            LetterKind::ReasonsNotice => "reasons_notice",
            LetterKind::DeferredNotice => "deferred_notice",
            LetterKind::CorrectionLapsed => "correction_lapsed",
            LetterKind::FeeLapsed => "fee_lapsed",
            LetterKind::Reply(r) => reply_id(r),
        }
    }

    /// Its place in [`LetterKind::all`], for sorting.
    pub fn position(self) -> usize {
        LetterKind::all()
            .iter()
            .position(|k| *k == self)
            .unwrap_or(usize::MAX)
    }

    /// The kind with this id.
    pub fn from_id(id: &str) -> Option<LetterKind> {
        LetterKind::all().into_iter().find(|k| k.id() == id.trim())
    }

    /// Its name in a list of letters, e.g. “答复书（不予公开：属于国家秘密）”.
    pub fn name(self) -> String {
        match self {
            LetterKind::Receipt => "政府信息公开申请接收回执".to_owned(),
            LetterKind::CorrectionNotice => "补正告知书".to_owned(),
            LetterKind::ExtensionNotice => "延期答复告知书".to_owned(),
            LetterKind::Consultation(Party::ThirdParty) => "征求意见书（给第三方）".to_owned(),
            LetterKind::Consultation(Party::CoMaker) => "征求意见书（给共同制作机关）".to_owned(),
            LetterKind::FeeNotice => "收费通知书（信息处理费）".to_owned(),
            LetterKind::ReasonsNotice => "说明理由告知书".to_owned(),
            LetterKind::DeferredNotice => "延迟答复告知书".to_owned(),
            LetterKind::CorrectionLapsed => "终止办理告知书（逾期不补正）".to_owned(),
            LetterKind::FeeLapsed => "终止办理告知书（逾期未缴费）".to_owned(),
            LetterKind::Reply(r) => format!("答复书（{}）", reply_name(r)),
        }
    }

    /// The title the shipped template prints.
    pub fn default_title(self) -> &'static str {
        match self {
            LetterKind::Receipt => "政府信息公开申请接收回执",
            LetterKind::CorrectionNotice => "政府信息公开申请补正告知书",
            LetterKind::ExtensionNotice => "政府信息公开申请延期答复告知书",
            LetterKind::Consultation(_) => "政府信息公开申请征求意见书",
            LetterKind::FeeNotice => "政府信息公开申请收费通知书",
            LetterKind::ReasonsNotice => "政府信息公开申请说明理由告知书",
            LetterKind::DeferredNotice => "政府信息公开申请延迟答复告知书",
            LetterKind::CorrectionLapsed | LetterKind::FeeLapsed => {
                "政府信息公开申请终止办理告知书"
            }
            LetterKind::Reply(_) => "政府信息公开申请答复书",
        }
    }

    /// The placeholder that names the addressee: the applicant, or the party consulted.
    pub fn addressee_placeholder(self) -> &'static str {
        match self {
            LetterKind::Consultation(Party::ThirdParty) => "第三方",
            LetterKind::Consultation(Party::CoMaker) => "共同制作机关",
            _ => "申请人",
        }
    }
}

impl std::fmt::Display for LetterKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

impl Serialize for LetterKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for LetterKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = String::deserialize(d)?;
        LetterKind::from_id(&id)
            .ok_or_else(|| serde::de::Error::custom(format!("未知的文书类型“{id}”")))
    }
}

/// Every reply type, in table-三 order.
pub fn all_replies() -> Vec<Reply> {
    let mut out = vec![Reply::Granted, Reply::PartlyGranted];
    out.extend(WITHHELD.into_iter().map(Reply::Withheld));
    out.extend([
        Reply::NotHeld,
        Reply::NotThisAgency,
        Reply::NeedsCreation,
        Reply::StillUnclear,
    ]);
    out.extend(DECLINED.into_iter().map(Reply::Declined));
    out
}

fn reply_id(r: Reply) -> &'static str {
    match r {
        Reply::Granted => "reply_granted",
        Reply::PartlyGranted => "reply_partly_granted",
        Reply::Withheld(g) => match g {
            WithheldGround::StateSecret => "reply_withheld_state_secret",
            WithheldGround::LawProhibited => "reply_withheld_law_prohibited",
            WithheldGround::SecurityStability => "reply_withheld_security_stability",
            WithheldGround::ThirdParty => "reply_withheld_third_party",
            WithheldGround::InternalAffairs => "reply_withheld_internal_affairs",
            WithheldGround::ProcessInfo => "reply_withheld_process_info",
            WithheldGround::EnforcementFile => "reply_withheld_enforcement_file",
            WithheldGround::InquiryMatter => "reply_withheld_inquiry_matter",
        },
        Reply::NotHeld => "reply_not_held",
        Reply::NotThisAgency => "reply_not_this_agency",
        Reply::NeedsCreation => "reply_needs_creation",
        Reply::StillUnclear => "reply_still_unclear",
        Reply::Declined(g) => match g {
            DeclinedGround::Petition => "reply_declined_petition",
            DeclinedGround::Duplicate => "reply_declined_duplicate",
            DeclinedGround::Publication => "reply_declined_publication",
            DeclinedGround::Excessive => "reply_declined_excessive",
            DeclinedGround::Confirmation => "reply_declined_confirmation",
        },
    }
}

/// The outcome's short name, e.g. “不予公开：属于国家秘密”.
fn reply_name(r: Reply) -> String {
    match r {
        Reply::Granted => "予以公开".to_owned(),
        Reply::PartlyGranted => "部分公开".to_owned(),
        Reply::Withheld(_) => format!("不予公开：{}", row_text(r)),
        Reply::NotHeld => "信息不存在".to_owned(),
        Reply::NotThisAgency => "非本机关负责公开".to_owned(),
        Reply::NeedsCreation => "需另行制作".to_owned(),
        Reply::StillUnclear => "补正后仍不明确".to_owned(),
        Reply::Declined(_) => format!("不予处理：{}", row_text(r)),
    }
}

/// The table-三 row label without its number: “1.属于国家秘密” → “属于国家秘密”.
fn row_text(r: Reply) -> &'static str {
    let label = r.row().def().label;
    label.split_once('.').map_or(label, |(_, rest)| rest)
}

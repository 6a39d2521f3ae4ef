//! How a case ends: a reply (答复, 《条例》第三十六至三十九条) or a closure without one, and the one
//! table-三 row it is counted in (REGULATION.md §2.4, rule T3-04).

use serde::{Deserialize, Serialize};

use super::TransitionError;
use crate::report::Format;
use crate::report::table3::Row;

/// 不予公开 grounds (《条例》第十四、十五、十六条, 第三十六条（七）), one per table-三 row （三）1–8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithheldGround {
    /// 属于国家秘密 (第十四条).
    StateSecret,
    /// 其他法律行政法规禁止公开 (第十四条).
    LawProhibited,
    /// 危及“三安全一稳定” (第十四条).
    SecurityStability,
    /// 保护第三方合法权益 (第十五条、第三十二条).
    ThirdParty,
    /// 属于三类内部事务信息 (第十六条第一款).
    InternalAffairs,
    /// 属于四类过程性信息 (第十六条第二款).
    ProcessInfo,
    /// 属于行政执法案卷 (第十六条第二款).
    EnforcementFile,
    /// 属于行政查询事项 (第三十六条（七）).
    InquiryMatter,
}

/// 不予处理 grounds (《条例》第三十五、三十六、三十九条), one per table-三 row （五）1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclinedGround {
    /// 信访举报投诉类申请 (第三十九条第一款).
    Petition,
    /// 重复申请 (第三十六条（六）).
    Duplicate,
    /// 要求提供公开出版物 (第三十九条第二款).
    Publication,
    /// 无正当理由大量反复申请 (第三十五条).
    Excessive,
    /// 要求行政机关确认或重新出具已获取信息.
    Confirmation,
}

/// The type of a reply (答复类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "ground")]
pub enum Reply {
    /// 予以公开 (第三十六条（一）（二）).
    Granted,
    /// 部分公开 (第三十七条 区分处理).
    PartlyGranted,
    /// 不予公开 on a ground.
    Withheld(WithheldGround),
    /// 无法提供：经检索没有 (第三十六条（四）).
    NotHeld,
    /// 无法提供：不属于本机关负责公开 (第三十六条（五）) — names the agency that is.
    NotThisAgency,
    /// 无法提供：没有现成信息需要另行制作 (第三十八条).
    NeedsCreation,
    /// 无法提供：补正后申请内容仍不明确 (第三十条).
    StillUnclear,
    /// 不予处理 on a ground.
    Declined(DeclinedGround),
}

/// The agency an applicant is referred to (第三十六条（五）).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    /// Its name.
    pub agency: String,
    /// Its contact (电话、地址等).
    pub contact: String,
}

/// A reply decision (答复) with the fields the 条例 requires for its type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The type.
    pub reply: Reply,
    /// 法律依据: the articles relied on.
    pub legal_basis: String,
    /// 理由: required for every type except 予以公开.
    pub reasons: String,
    /// Required for 第三十六条（五）.
    pub referral: Option<Referral>,
    /// For 部分公开: the parts withheld (第三十七条).
    pub withheld_parts: Option<String>,
}

/// A case closed without a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closure {
    /// 逾期不补正，视为放弃申请 (第三十条).
    NoCorrection,
    /// 逾期未缴纳信息处理费，视为放弃申请 (《信息处理费管理办法》).
    FeeUnpaid,
    /// 申请人撤回申请.
    Withdrawn,
}

impl Closure {
    /// The table-三 row for `format`.
    pub fn row(self, format: Format) -> Row {
        match (format, self) {
            (Format::F2019, _) => Row::Other,
            (Format::F2021, Closure::NoCorrection) => Row::OtherNoCorrection,
            (Format::F2021, Closure::FeeUnpaid) => Row::OtherFeeUnpaid,
            (Format::F2021, Closure::Withdrawn) => Row::OtherMisc,
        }
    }

    /// Its name.
    pub fn label(self) -> &'static str {
        match self {
            Closure::NoCorrection => "逾期未补正，视为放弃申请",
            Closure::FeeUnpaid => "逾期未缴纳信息处理费，视为放弃申请",
            Closure::Withdrawn => "申请人撤回申请",
        }
    }
}

impl Reply {
    /// The table-三 row (the same in both formats).
    pub fn row(self) -> Row {
        match self {
            Reply::Granted => Row::Granted,
            Reply::PartlyGranted => Row::PartlyGranted,
            Reply::Withheld(g) => withheld_row(g),
            Reply::NotHeld | Reply::NotThisAgency => Row::UnavailableNotHeld,
            Reply::NeedsCreation => Row::UnavailableNeedsCreation,
            Reply::StillUnclear => Row::UnavailableStillUnclear,
            Reply::Declined(g) => declined_row(g),
        }
    }

    /// Its name, as the table row's label.
    pub fn label(self) -> String {
        match self {
            Reply::NotThisAgency => "不属于本机关负责公开（《条例》第三十六条第五项）".to_owned(),
            _ => self.row().def().full_label(),
        }
    }
}

fn withheld_row(g: WithheldGround) -> Row {
    match g {
        WithheldGround::StateSecret => Row::WithheldStateSecret,
        WithheldGround::LawProhibited => Row::WithheldLawProhibited,
        WithheldGround::SecurityStability => Row::WithheldSecurityStability,
        WithheldGround::ThirdParty => Row::WithheldThirdParty,
        WithheldGround::InternalAffairs => Row::WithheldInternalAffairs,
        WithheldGround::ProcessInfo => Row::WithheldProcessInfo,
        WithheldGround::EnforcementFile => Row::WithheldEnforcementFile,
        WithheldGround::InquiryMatter => Row::WithheldInquiryMatter,
    }
}

fn declined_row(g: DeclinedGround) -> Row {
    match g {
        DeclinedGround::Petition => Row::DeclinedPetition,
        DeclinedGround::Duplicate => Row::DeclinedDuplicate,
        DeclinedGround::Publication => Row::DeclinedPublication,
        DeclinedGround::Excessive => Row::DeclinedExcessive,
        DeclinedGround::Confirmation => Row::DeclinedConfirmation,
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl Decision {
    /// Checks the fields the reply type requires (《条例》第三十六、三十七条).
    pub fn validate(&self) -> Result<(), TransitionError> {
        let missing = |field: &'static str| TransitionError::MissingField {
            reply: self.reply.label(),
            field,
        };
        if blank(&self.legal_basis) {
            return Err(missing("法律依据"));
        }
        if self.reply != Reply::Granted && blank(&self.reasons) {
            return Err(missing("理由"));
        }
        if self.reply == Reply::NotThisAgency {
            let ok = self
                .referral
                .as_ref()
                .is_some_and(|r| !blank(&r.agency) && !blank(&r.contact));
            if !ok {
                return Err(missing("负责公开该信息的行政机关名称和联系方式"));
            }
        }
        if self.reply == Reply::PartlyGranted && self.withheld_parts.as_deref().is_none_or(blank) {
            return Err(missing("不予公开的部分"));
        }
        Ok(())
    }
}

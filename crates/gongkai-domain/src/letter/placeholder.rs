//! The named placeholders a letter template may use (`{申请人}`, `{理由}` …), and which of them
//! each kind of letter must contain — what REGULATION.md §5.1 says each letter has to state.

use super::LetterKind;
use crate::application::{DeclinedGround, Party, Reply};

/// One placeholder: its name as written between braces, and what the caller puts there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder {
    /// The name, e.g. `申请人`.
    pub name: &'static str,
    /// What the value is, for the template editor's help text.
    pub note: &'static str,
}

const fn p(name: &'static str, note: &'static str) -> Placeholder {
    Placeholder { name, note }
}

/// Every placeholder any template may use.
pub const PLACEHOLDERS: &[Placeholder] = &[
    p("申请人", "申请人的姓名或者名称（收件人）"),
    p("机关名称", "作出文书的行政机关名称（落款）"),
    p("成文日期", "文书的成文日期"),
    p("文号", "文书编号，如〔2026〕第5号"),
    p("联系人", "经办联系人"),
    p("联系电话", "联系电话"),
    p("查询码", "网上查询办理进度的查询码"),
    p("收到申请日期", "收到申请之日（《条例》第三十一条）"),
    p("申请内容", "申请公开的政府信息的名称、文号或者特征性描述"),
    p("申请渠道", "提交申请的方式，如当面提交、邮寄"),
    p("答复期限", "答复期限届满之日"),
    p("补正事项", "需要补正的事项（一次性告知）"),
    p("补正期限", "补正期限届满之日"),
    p("补正告知日期", "发出补正告知书之日"),
    p("延期天数", "延长答复期限的工作日数"),
    p("理由", "作出决定的事实和理由"),
    p("法律依据", "作出决定所依据的法律条文"),
    p(
        "救济途径",
        "申请行政复议、提起行政诉讼的途径和期限（由 remedies 生成）",
    ),
    p("不予公开部分", "部分公开时不予公开的内容"),
    p("提供方式", "提供政府信息的方式、途径和时间"),
    p("获取途径", "获取该信息的途径（已公开的信息、公开出版物等）"),
    p("负责机关", "负责公开该政府信息的行政机关名称"),
    p("负责机关联系方式", "该行政机关的联系方式"),
    p("第三方", "被征求意见的第三方名称（收件人）"),
    p("共同制作机关", "被征求意见的共同制作机关名称（收件人）"),
    p("收费金额", "信息处理费金额，如300元"),
    p("收费金额大写", "信息处理费金额的中文大写，如叁佰元整"),
    p("收费标准", "计收方式和标准（按件或按量计收）"),
    p("缴费方式", "缴纳方式、账户或地点"),
    p("缴费期限", "缴费期限届满之日"),
    p("收费通知日期", "发出收费通知书之日"),
    p("说明理由期限", "申请人说明理由的期限"),
];

/// Allowed in every letter: the frame (addressee, signer, date, number, contact) and the
/// application's own data.
const COMMON: &[&str] = &[
    "申请人",
    "机关名称",
    "成文日期",
    "文号",
    "联系人",
    "联系电话",
    "查询码",
    "收到申请日期",
    "申请内容",
];

/// The placeholder with this name.
pub fn placeholder(name: &str) -> Option<&'static Placeholder> {
    PLACEHOLDERS.iter().find(|p| p.name == name)
}

impl LetterKind {
    /// The placeholders a template of this kind must contain: without them the letter would
    /// not say what the 条例 requires it to say.
    pub fn required_placeholders(self) -> &'static [&'static str] {
        const ANSWER: &[&str] = &["收到申请日期", "申请内容", "理由", "法律依据", "救济途径"];
        match self {
            LetterKind::Receipt => &["收到申请日期", "申请内容", "答复期限"],
            LetterKind::CorrectionNotice => &["收到申请日期", "补正事项", "补正期限"],
            LetterKind::ExtensionNotice => &["收到申请日期", "延期天数", "答复期限"],
            LetterKind::Consultation(_) => &["申请内容"],
            LetterKind::FeeNotice => &["收费金额", "收费标准", "缴费方式"],
            LetterKind::ReasonsNotice => &["收到申请日期", "说明理由期限"],
            LetterKind::DeferredNotice => &["答复期限", "理由"],
            LetterKind::CorrectionLapsed => &["补正告知日期", "补正期限", "救济途径"],
            LetterKind::FeeLapsed => &["收费通知日期", "缴费期限", "救济途径"],
            LetterKind::Reply(Reply::Granted) => {
                &["收到申请日期", "申请内容", "法律依据", "救济途径"]
            }
            LetterKind::Reply(Reply::PartlyGranted) => &[
                "收到申请日期",
                "申请内容",
                "理由",
                "法律依据",
                "不予公开部分",
                "救济途径",
            ],
            LetterKind::Reply(Reply::NotThisAgency) => &[
                "收到申请日期",
                "申请内容",
                "理由",
                "法律依据",
                "负责机关",
                "负责机关联系方式",
                "救济途径",
            ],
            LetterKind::Reply(_) => ANSWER,
        }
    }

    /// Placeholders a template of this kind may use besides the required and the common ones.
    fn optional_placeholders(self) -> &'static [&'static str] {
        match self {
            LetterKind::Receipt => &["申请渠道"],
            LetterKind::ExtensionNotice | LetterKind::ReasonsNotice => &["理由"],
            LetterKind::Consultation(Party::ThirdParty) => &["第三方"],
            LetterKind::Consultation(Party::CoMaker) => &["共同制作机关"],
            LetterKind::FeeNotice => &["收费金额大写", "缴费期限"],
            LetterKind::FeeLapsed => &["收费金额"],
            LetterKind::Reply(Reply::Granted | Reply::PartlyGranted) => &["提供方式", "获取途径"],
            LetterKind::Reply(Reply::Declined(DeclinedGround::Publication)) => &["获取途径"],
            _ => &[],
        }
    }

    /// Every placeholder a template of this kind may use, in [`PLACEHOLDERS`] order.
    pub fn allowed_placeholders(self) -> Vec<&'static str> {
        PLACEHOLDERS
            .iter()
            .map(|p| p.name)
            .filter(|n| {
                COMMON.contains(n)
                    || *n == self.addressee_placeholder()
                    || self.required_placeholders().contains(n)
                    || self.optional_placeholders().contains(n)
            })
            .collect()
    }
}

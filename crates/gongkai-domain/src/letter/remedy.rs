//! The 救济途径 paragraph of a letter (REGULATION.md §6) and the legal basis a clerk usually
//! cites for each outcome. Since 2024-01-01 a refusal to disclose must tell the applicant that
//! 行政复议 comes first (行政复议法 第二十三条第一款第四项、第二款); every other decision may go to
//! 复议 within 60 days (第二十条) or straight to court within 6 months (行政诉讼法 第四十六条).

use crate::application::{DeclinedGround, Reply, WithheldGround};

const REVIEW_LAW: &str = "《中华人民共和国行政复议法》";
const LITIGATION_LAW: &str = "《中华人民共和国行政诉讼法》";
const REGULATION: &str = "《中华人民共和国政府信息公开条例》";

/// The 救济途径 paragraph for a letter answering with `reply` (`None` for a letter that is not an
/// answer, such as a termination notice), naming the configured 行政复议机关 and court. Blank
/// names fall back to a generic wording rather than printing an empty name.
pub fn remedies(reply: Option<Reply>, review_organ: &str, court: &str) -> String {
    let organ = non_blank(review_organ, "行政复议机关");
    let court = non_blank(court, "有管辖权的人民法院");
    let what = if reply.is_some() {
        "本答复"
    } else {
        "本告知书"
    };
    let either = format!(
        "可以自收到{what}之日起60日内向{organ}申请行政复议（{REVIEW_LAW}第二十条），\
         也可以自收到{what}之日起6个月内向{court}提起行政诉讼（{LITIGATION_LAW}第四十六条）"
    );
    let review_first = format!(
        "应当自收到本答复之日起60日内先向{organ}申请行政复议（{REVIEW_LAW}第二十条）；\
         对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼\
         （{LITIGATION_LAW}第四十五条）"
    );
    let first = format!("根据{REVIEW_LAW}第二十三条第一款第四项和第二款的规定");
    match reply {
        Some(Reply::Withheld(_)) => format!(
            "{first}，申请政府信息公开，行政机关不予公开的，应当先申请行政复议。\
             您如对本答复不服，{review_first}。"
        ),
        Some(Reply::PartlyGranted) => format!(
            "{first}，您如对本答复中不予公开的部分不服，{review_first}。\
             您如对本答复的其他内容不服，{either}。"
        ),
        _ => format!("您如对{what}不服，{either}。"),
    }
}

/// Whether the 救济途径 of `reply` must say that 行政复议 comes first (不予公开, in whole or part).
pub fn review_first(reply: Reply) -> bool {
    matches!(reply, Reply::Withheld(_) | Reply::PartlyGranted)
}

fn non_blank<'a>(s: &'a str, fallback: &'a str) -> &'a str {
    if s.trim().is_empty() {
        fallback
    } else {
        s.trim()
    }
}

/// The articles usually cited for `reply` — a starting value for the 法律依据 field, which the
/// clerk may change.
pub fn suggested_basis(reply: Reply) -> String {
    let article = match reply {
        Reply::Granted => "第三十六条第二项",
        Reply::PartlyGranted => "第三十七条",
        Reply::Withheld(g) => match g {
            WithheldGround::StateSecret
            | WithheldGround::LawProhibited
            | WithheldGround::SecurityStability => "第十四条",
            WithheldGround::ThirdParty => "第十五条、第三十二条",
            WithheldGround::InternalAffairs => "第十六条第一款",
            WithheldGround::ProcessInfo | WithheldGround::EnforcementFile => "第十六条第二款",
            WithheldGround::InquiryMatter => "第三十六条第七项",
        },
        Reply::NotHeld => "第三十六条第四项",
        Reply::NotThisAgency => "第三十六条第五项",
        Reply::NeedsCreation => "第三十八条",
        Reply::StillUnclear => "第三十条",
        Reply::Declined(g) => match g {
            DeclinedGround::Petition => "第三十九条第一款",
            DeclinedGround::Duplicate => "第三十六条第六项",
            DeclinedGround::Publication => "第三十九条第二款",
            DeclinedGround::Excessive => "第三十五条",
            DeclinedGround::Confirmation => "第二条、第三十六条",
        },
    };
    format!("{REGULATION}{article}")
}

//! The 政府信息公开指南 (《条例》第十二条): how to obtain information from the agency — generated
//! from its contact details and 公开设置, so the guide changes when they change (第五十三条
//! holds an agency liable for a guide left out of date). The fixed text (time limits, fees,
//! remedies) is in the template and follows `REGULATION.md` §3.

use gongkai_domain::agency::Profile;
use gongkai_storage::Agency;

/// What the guide shows of the agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide {
    /// 受理机构 and how to reach it: label, value (“暂未公布” when not set).
    pub office: Vec<(&'static str, String)>,
    /// 行政复议机关 named in the remedies, or a general wording.
    pub review_organ: String,
    /// The court named in the remedies, or a general wording.
    pub court: String,
    /// The agency's own additions (`Profile::guide_notes`), one paragraph each.
    pub notes: Vec<String>,
}

/// `text` split into paragraphs at blank lines, each paragraph's lines joined.
fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    text.split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn or_unset(s: &str) -> String {
    if s.trim().is_empty() {
        "暂未公布".to_owned()
    } else {
        s.trim().to_owned()
    }
}

fn or(s: &str, fallback: &str) -> String {
    if s.trim().is_empty() {
        fallback.to_owned()
    } else {
        s.trim().to_owned()
    }
}

/// The guide of `agency` with its 公开设置.
pub fn of(agency: &Agency, p: &Profile) -> Guide {
    let c = &agency.contact;
    Guide {
        office: vec![
            ("受理机构", or(&p.office, &agency.name)),
            ("通讯地址", or_unset(&c.address)),
            ("邮政编码", or_unset(&c.postcode)),
            ("办公时间", or_unset(&p.office_hours)),
            ("联系电话", or_unset(&c.phone)),
            ("传真", or_unset(&p.fax)),
            ("电子邮箱", or_unset(&c.email)),
        ],
        review_organ: or(&p.review_organ, "本机关的上一级行政机关或者本级人民政府"),
        court: or(&p.court, "有管辖权的人民法院"),
        notes: paragraphs(&p.guide_notes),
    }
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn notes_split_at_blank_lines_and_join_their_lines() {
        let text =
            "查阅点设在政务服务中心一楼，\r\n每周一至周五开放。\n\n\n\n  \n另设邮寄受理点。\n";
        assert_eq!(
            paragraphs(text),
            [
                "查阅点设在政务服务中心一楼， 每周一至周五开放。",
                "另设邮寄受理点。"
            ]
        );
        assert!(paragraphs(" \n\n ").is_empty());
    }
}

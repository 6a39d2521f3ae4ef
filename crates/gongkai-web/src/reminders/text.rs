//! The words of a reminder e-mail: plain Chinese text naming each case by its 登记编号, with its
//! answer deadline and a link into the back office. It carries no applicant's name and no
//! request text, because e-mail leaves the platform and may cross servers gongkai does not run.

use chrono::NaiveDate;
use gongkai_domain::letter::chinese_date;
use gongkai_domain::reminder::Urgency;
use std::fmt::Write;

/// One case in a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The application's id (for the link).
    pub id: i64,
    /// 登记编号.
    pub number: String,
    /// The answer deadline.
    pub due: NaiveDate,
    /// Whether the deadline is 暂定.
    pub provisional: bool,
    /// Why it is reminded of.
    pub urgency: Urgency,
}

fn count(items: &[Item], u: Urgency) -> usize {
    items.iter().filter(|i| i.urgency == u).count()
}

/// `已逾期 1 件、即将到期 2 件` (kinds with no case left out).
fn tally(items: &[Item]) -> String {
    [Urgency::Overdue, Urgency::DueSoon]
        .into_iter()
        .map(|u| (u, count(items, u)))
        .filter(|(_, n)| *n > 0)
        .map(|(u, n)| format!("{} {n} 件", u.label()))
        .collect::<Vec<_>>()
        .join("、")
}

/// The subject line.
pub fn subject(agency: &str, items: &[Item]) -> String {
    format!("【到期提醒】{agency}政府信息公开申请：{}", tally(items))
}

/// The body: one paragraph per kind, overdue first, each case with its deadline and link.
pub fn body(agency: &str, today: NaiveDate, items: &[Item], base_url: &str) -> String {
    let base = base_url.trim_end_matches('/');
    let mut out = format!(
        "{agency}：\n\n截至{}，以下政府信息公开申请需要及时办理（{}）：\n",
        chinese_date(today),
        tally(items)
    );
    for u in [Urgency::Overdue, Urgency::DueSoon] {
        let mine: Vec<&Item> = items.iter().filter(|i| i.urgency == u).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = write!(out, "\n{}（{} 件）：\n", u.label(), mine.len());
        for i in mine {
            let tentative = if i.provisional { "（暂定）" } else { "" };
            let _ = write!(
                out,
                "- 登记编号 {}，答复期限 {}{tentative}\n  办理：{base}/admin/cases/{}\n",
                i.number,
                chinese_date(i.due),
                i.id
            );
        }
    }
    out.push_str(
        "\n答复期限按《中华人民共和国政府信息公开条例》第三十三条计算；“即将到期”指 5 个工作日内到期。\n\
         本邮件由政府信息公开平台自动发送，每件申请每天最多提醒一次，请勿直接回复。\
         收件邮箱可在后台“公开设置”中修改。\n",
    );
    out
}

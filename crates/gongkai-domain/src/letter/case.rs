//! The values a case already holds, as letter [`Fields`]: so the caller adds only what the case
//! does not know (the applicant's name, the agency, the 文号, the deadline with its calendar, the
//! 救济途径 with the agency's 复议机关 and court).

use super::{Fields, remedies};
use crate::application::{Case, Channel, Status};

impl Fields {
    /// The case's own data: 收到申请日期, 申请内容, 申请渠道; the 补正 (补正事项, 补正期限,
    /// 补正告知日期); the extension (延期天数); the fee notice (收费金额 and 大写, 收费通知日期,
    /// 缴费期限); a deferred deadline (答复期限, 理由); and for a decided case its 理由, 法律依据,
    /// 不予公开部分 and 负责机关 with 负责机关联系方式. Later `set` calls override any of them.
    pub fn from_case(case: &Case) -> Fields {
        let mut f = Fields::new();
        f.set_date("收到申请日期", case.received_on)
            .set("申请内容", case.request.clone())
            .set("申请渠道", channel(case.receipt.channel));
        if let Some(c) = &case.correction {
            f.set("补正事项", c.items.clone())
                .set_date("补正期限", c.due)
                .set_date("补正告知日期", c.requested_on);
        }
        if let Some(e) = &case.extension {
            f.set("延期天数", e.days.to_string());
        }
        if let Some(fee) = &case.fee {
            f.set_money("收费金额", fee.amount_fen)
                .set_date("收费通知日期", fee.issued_on)
                .set_date("缴费期限", fee.pay_due);
        }
        if let Some(r) = &case.reasons {
            if let Some(due) = r.deferred_due {
                f.set_date("答复期限", due);
            }
            if let Some(why) = &r.deferred_reason {
                f.set("理由", why.clone());
            }
        }
        if let Status::Decided { decision, .. } = &case.status {
            f.set("理由", decision.reasons.clone())
                .set("法律依据", decision.legal_basis.clone());
            if let Some(parts) = &decision.withheld_parts {
                f.set("不予公开部分", parts.clone());
            }
            if let Some(r) = &decision.referral {
                f.set("负责机关", r.agency.clone())
                    .set("负责机关联系方式", r.contact.clone());
            }
        }
        f
    }

    /// Sets `救济途径` for the letter answering with the case's reply (or none, for a notice).
    pub fn set_remedies(&mut self, case: &Case, review_organ: &str, court: &str) -> &mut Fields {
        let reply = match &case.status {
            Status::Decided { decision, .. } => Some(decision.reply),
            _ => None,
        };
        self.set("救济途径", remedies(reply, review_organ, court))
    }
}

fn channel(c: Channel) -> &'static str {
    match c {
        Channel::InPerson => "当面提交",
        Channel::RegisteredMail => "邮寄",
        Channel::OrdinaryMail => "平常信函",
        Channel::Online => "互联网",
        Channel::Fax => "传真",
    }
}

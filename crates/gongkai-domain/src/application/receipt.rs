//! 收到申请之日 (《条例》第三十一条): the day an application counts as received, by channel.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::TransitionError;

/// How an application reached the agency (申请渠道, 《条例》第三十一条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 当面提交: received the day it is handed in (第三十一条第一项).
    InPerson,
    /// 邮寄 with signature (挂号、快递): the day the agency signs for it (第三十一条第二项).
    RegisteredMail,
    /// 平信 without signature: the day the GIO office confirms with the applicant (第三十一条第二项).
    OrdinaryMail,
    /// 互联网渠道: the day both sides confirm (第三十一条第三项).
    Online,
    /// 传真: the day both sides confirm (第三十一条第三项).
    Fax,
}

impl Channel {
    /// All channels.
    pub const ALL: [Channel; 5] = [
        Channel::InPerson,
        Channel::RegisteredMail,
        Channel::OrdinaryMail,
        Channel::Online,
        Channel::Fax,
    ];

    /// Parses the Chinese name (当面, 邮寄/挂号, 平信, 网络/互联网, 传真) or the identifier.
    pub fn parse(s: &str) -> Option<Channel> {
        Some(match s.trim() {
            "当面" | "当面提交" | "in_person" => Channel::InPerson,
            "邮寄" | "挂号" | "挂号信" | "快递" | "registered_mail" => {
                Channel::RegisteredMail
            }
            "平信" | "ordinary_mail" => Channel::OrdinaryMail,
            "网络" | "互联网" | "网上" | "online" => Channel::Online,
            "传真" | "fax" => Channel::Fax,
            _ => return None,
        })
    }

    /// The channel's name.
    pub fn label(self) -> &'static str {
        match self {
            Channel::InPerson => "当面提交",
            Channel::RegisteredMail => "邮寄（需签收）",
            Channel::OrdinaryMail => "平常信函（无需签收）",
            Channel::Online => "互联网渠道",
            Channel::Fax => "传真",
        }
    }

    /// Which day counts as received, with the rule.
    pub fn rule(self) -> &'static str {
        match self {
            Channel::InPerson => "以申请人提交之日为收到申请之日（《条例》第三十一条第一项）",
            Channel::RegisteredMail => {
                "以行政机关签收之日为收到申请之日（《条例》第三十一条第二项）"
            }
            Channel::OrdinaryMail => {
                "以政府信息公开工作机构与申请人确认之日为收到申请之日（《条例》第三十一条第二项）"
            }
            Channel::Online | Channel::Fax => {
                "以双方确认之日为收到申请之日（《条例》第三十一条第三项）"
            }
        }
    }

    /// Whether the day counts only after a confirmation with the applicant.
    pub fn needs_confirmation(self) -> bool {
        matches!(self, Channel::OrdinaryMail | Channel::Online | Channel::Fax)
    }
}

/// What is known about an application's arrival (《条例》第三十一条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The channel.
    pub channel: Channel,
    /// The day it was handed in, signed for, or arrived.
    pub arrived_on: NaiveDate,
    /// For 平信, 互联网 and 传真: the day of the confirmation with the applicant.
    pub confirmed_on: Option<NaiveDate>,
}

impl Receipt {
    /// 收到申请之日: the day the 20-working-day clock starts from (not counted itself).
    pub fn received_on(&self) -> Result<NaiveDate, TransitionError> {
        if !self.channel.needs_confirmation() {
            return Ok(self.arrived_on);
        }
        match self.confirmed_on {
            None => Err(TransitionError::ConfirmationMissing {
                channel: self.channel.label(),
            }),
            Some(c) if c < self.arrived_on => Err(TransitionError::ConfirmationBeforeArrival {
                confirmed: c,
                arrived: self.arrived_on,
            }),
            Some(c) => Ok(c),
        }
    }

    /// The starting event, as a derivation states it.
    pub fn start_event(&self) -> String {
        format!(
            "收到申请（{}，{}）",
            self.channel.label(),
            self.channel.rule()
        )
    }
}

//! What is asked for and in what form (《条例》第二十九条第二、三项): the information sought
//! (名称、文号或者特征性描述) and the form requirements (获取信息的方式、途径).

use serde::{Deserialize, Serialize};

use super::FieldError;
use super::field;
use crate::choice::Choice;

/// 获取信息的方式: the form the information is wanted in (《条例》第二十九条第三项, 第四十条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Retrieval {
    /// 纸质文本.
    Paper,
    /// 电子邮件.
    Email,
    /// 光盘、U盘等存储介质.
    StorageMedium,
    /// 其他.
    Other,
}

impl Choice for Retrieval {
    const TABLE: &'static [(Retrieval, &'static str, &'static str)] = &[
        (Retrieval::Paper, "paper", "纸质文本"),
        (Retrieval::Email, "email", "电子邮件"),
        (
            Retrieval::StorageMedium,
            "storage_medium",
            "光盘、U盘等存储介质",
        ),
        (Retrieval::Other, "other", "其他"),
    ];
}

/// 送达/提供方式: how the answer and the information reach the applicant (《条例》第二十九条第三项).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// 邮寄.
    Post,
    /// 电子邮件.
    Email,
    /// 自行领取.
    Pickup,
    /// 当场阅读、抄录.
    OnSite,
    /// 网上查询下载 (the status page with the 查询码).
    Online,
}

impl Choice for Delivery {
    const TABLE: &'static [(Delivery, &'static str, &'static str)] = &[
        (Delivery::Post, "post", "邮寄"),
        (Delivery::Email, "email", "电子邮件"),
        (Delivery::Pickup, "pickup", "自行领取"),
        (Delivery::OnSite, "on_site", "当场阅读、抄录"),
        (Delivery::Online, "online", "网上查询下载"),
    ];
}

/// Why the two form requirements cannot go together, if they cannot.
pub(super) fn form_conflict(r: Retrieval, d: Delivery) -> Option<&'static str> {
    match (r, d) {
        (Retrieval::Paper | Retrieval::StorageMedium, Delivery::Email) => {
            Some("纸质文本或存储介质无法通过电子邮件送达，请改选送达方式")
        }
        (Retrieval::Email, Delivery::Post | Delivery::Pickup | Delivery::OnSite) => {
            Some("以电子邮件获取信息的，送达方式应为电子邮件或网上查询下载")
        }
        _ => None,
    }
}

/// A trimmed free-text field of at most `max` characters (line breaks allowed).
fn text(
    key: &'static str,
    name: &str,
    value: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = value.trim();
    let control = value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r');
    if control || value.chars().count() > max {
        errors.push(FieldError::new(
            key,
            format!("所需信息的{name}不超过{max}字，且不能包含控制字符"),
        ));
    }
    value.to_owned()
}

/// The longest 名称 kept.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest 文号 kept.
pub const MAX_DOC_NO_CHARS: usize = 100;
/// The longest 特征性描述 kept.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;

/// 申请公开的政府信息 (《条例》第二十九条第二项): its 名称, 文号 or a description that lets the
/// agency find it — at least one. (No purpose: the 2019 revision dropped the “特殊需要” test.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestedInfo {
    /// 名称 (may be empty).
    pub title: String,
    /// 文号 (may be empty).
    pub doc_no: String,
    /// 特征性描述 (may be empty).
    pub description: String,
}

impl RequestedInfo {
    /// Checks the three fields: trimmed, within their lengths, no control characters except line
    /// breaks in the description, and at least one given. Every problem is reported.
    pub fn parse(title: &str, doc_no: &str, description: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let info = RequestedInfo {
            title: text(field::TITLE, "名称", title, MAX_TITLE_CHARS, &mut errors),
            doc_no: text(field::DOC_NO, "文号", doc_no, MAX_DOC_NO_CHARS, &mut errors),
            description: text(
                field::DESCRIPTION,
                "特征性描述",
                description,
                MAX_DESCRIPTION_CHARS,
                &mut errors,
            ),
        };
        if info.summary().is_empty() {
            errors.push(FieldError::new(
                field::DESCRIPTION,
                "所需政府信息的名称、文号或者特征性描述至少填写一项（《条例》第二十九条第二项）",
            ));
        }
        if errors.is_empty() {
            Ok(info)
        } else {
            Err(errors)
        }
    }

    /// One text for the case and the letters: “名称：…；文号：…；特征性描述：…” (given parts only).
    pub fn summary(&self) -> String {
        let parts = [
            ("名称", &self.title),
            ("文号", &self.doc_no),
            ("特征性描述", &self.description),
        ];
        parts
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}：{v}"))
            .collect::<Vec<_>>()
            .join("；")
    }
}

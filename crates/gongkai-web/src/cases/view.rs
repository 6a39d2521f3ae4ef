//! What the case pages show: labels of the stored identifiers, the deadline with its derivation,
//! the timeline (and its public part for the applicant), the steps open to the account now.

use gongkai_domain::application::{ApplicantType, Channel};
use gongkai_domain::audit::AuditEvent;
use gongkai_domain::report::table3::Row;
use gongkai_storage::AuditEntry;

/// The Chinese name of an applicant-type id.
pub fn applicant_type_label(id: &str) -> &'static str {
    match id {
        "natural_person" => "自然人",
        "commercial" => "商业企业",
        "research" => "科研机构",
        "social_welfare" => "社会公益组织",
        "legal_services" => "法律服务机构",
        "other_org" => "其他组织",
        _ => "",
    }
}

/// The applicant type's id.
pub fn applicant_type_id(t: ApplicantType) -> &'static str {
    gongkai_domain::applicant::applicant_type_id(t)
}

/// The Chinese name of a channel id.
pub fn channel_label(id: &str) -> &'static str {
    Channel::ALL
        .into_iter()
        .find(|c| {
            serde_json::to_value(c)
                .ok()
                .and_then(|v| v.as_str().map(|s| s == id))
                == Some(true)
        })
        .map_or("", Channel::label)
}

/// The Chinese name of a status key.
pub fn status_label(key: &str) -> &'static str {
    match key {
        "processing" => "办理中",
        "consulting" => "征求意见中",
        "awaiting_correction" => "待补正",
        "awaiting_fee" => "待缴费",
        "decided" => "已答复待送达",
        "served" => "已送达",
        "closed" => "已终止",
        "archived" => "已归档",
        _ => key_or_blank(key),
    }
}

fn key_or_blank(_: &str) -> &'static str {
    ""
}

/// The outcome's table-三 row label (e.g. “（二）部分公开”).
pub fn outcome_label(key: &str) -> String {
    Row::from_key(key).map_or(String::new(), |r| r.def().full_label())
}

/// Actions the applicant sees on the status page, with the wording shown there.
pub fn public_text(e: &AuditEvent) -> Option<String> {
    let s = &e.summary;
    Some(match e.action.as_str() {
        "registered" => "已收到申请并登记".to_owned(),
        "correction_requested" | "correction_received" | "correction_lapsed" => s.clone(),
        "consultation_started" => {
            "依法征求意见，征求意见期间不计入答复期限（《条例》第三十三条第三款）".to_owned()
        }
        "consultation_ended" => "征求意见结束，恢复计算答复期限".to_owned(),
        "extended" | "fee_notice_issued" | "fee_paid" | "fee_lapsed" => s.clone(),
        "reasons_requested" | "deadline_deferred" | "withdrawn" => s.clone(),
        "decided" => "已作出答复".to_owned(),
        "served" => "答复已送达".to_owned(),
        _ => return None,
    })
}

/// The public part of a timeline.
pub fn public_timeline(events: &[AuditEntry]) -> Vec<(chrono::NaiveDate, String)> {
    events
        .iter()
        .filter_map(|e| public_text(&e.event).map(|t| (e.event.on, t)))
        .collect()
}

//! The applicant and the application form (政府信息公开申请表, 《条例》第二十九条; REGULATION.md §5.2).
//!
//! Art.29 requires (一) the applicant's 姓名或者名称、身份证明、联系方式, (二) the 名称、文号 or a
//! 特征性描述 of the information sought, and (三) the form requirements (获取信息的方式、途径).
//! [`ApplicationForm`] holds a form as typed (every field a string, as an HTML form posts it);
//! [`ApplicationForm::parse`] turns it into a [`Submission`] — a [`NaturalPerson`] or an
//! [`Organisation`] with a checked [`IdNumber`] or [`CreditCode`], the [`RequestedInfo`], and
//! the [`Retrieval`] and [`Delivery`] — or returns **every** field's error with its field name,
//! so the form can be shown again with each message beside its field. There is no purpose field:
//! the 2019 revision abolished the “根据自身生产、生活、科研等特殊需要” condition.

mod credit;
mod form;
mod id;
mod party;
mod request;

use std::fmt;

pub use crate::choice::Choice;
pub use credit::{CreditCode, CreditCodeError};
pub use form::{ApplicationForm, Submission};
pub use id::{IdError, IdNumber, IdType};
pub use party::{Applicant, NaturalPerson, OrgKind, Organisation, applicant_type_id, phone_digits};
pub use request::{
    Delivery, MAX_DESCRIPTION_CHARS, MAX_DOC_NO_CHARS, MAX_TITLE_CHARS, RequestedInfo, Retrieval,
};

/// The form's field names, as [`FieldError::field`] reports them (and as the HTML form posts them).
pub mod field {
    /// 申请人类型 (`natural_person`, `commercial`, `research`, `social_welfare`, `legal_services`, `other_org`).
    pub const APPLICANT_TYPE: &str = "applicant_type";
    /// 姓名 (自然人) or 名称 (法人或者其他组织).
    pub const NAME: &str = "name";
    /// 证件类型.
    pub const ID_TYPE: &str = "id_type";
    /// 证件号码.
    pub const ID_NUMBER: &str = "id_number";
    /// 工作单位 (optional).
    pub const WORK_UNIT: &str = "work_unit";
    /// 统一社会信用代码.
    pub const CREDIT_CODE: &str = "credit_code";
    /// 法定代表人或者负责人.
    pub const LEGAL_REP: &str = "legal_rep";
    /// 联系人.
    pub const CONTACT_PERSON: &str = "contact_person";
    /// 联系电话 (an organisation's: the contact person's).
    pub const PHONE: &str = "phone";
    /// 通讯地址.
    pub const ADDRESS: &str = "address";
    /// 邮政编码.
    pub const POSTCODE: &str = "postcode";
    /// 电子邮箱.
    pub const EMAIL: &str = "email";
    /// 所需信息的名称.
    pub const TITLE: &str = "title";
    /// 所需信息的文号.
    pub const DOC_NO: &str = "doc_no";
    /// 所需信息的特征性描述 (also where “至少填写一项” is reported).
    pub const DESCRIPTION: &str = "description";
    /// 获取信息的方式.
    pub const RETRIEVAL: &str = "retrieval";
    /// 送达方式.
    pub const DELIVERY: &str = "delivery";
}

/// One field's problem: the field name (see [`field`]) and the message in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field.
    pub field: &'static str,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

/// Every field error of a form, in form order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// The first message for `field`, to show beside it.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// The fields with an error.
    pub fn fields(&self) -> Vec<&'static str> {
        self.0.iter().map(|e| e.field).collect()
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|e| e.message.as_str()).collect();
        write!(f, "申请表填写有误：{}", messages.join("；"))
    }
}

impl std::error::Error for FieldErrors {}

//! Who applies (《条例》第二十九条第一项): a natural person (自然人) or a legal person or other
//! organisation (法人或者其他组织) of one of the five kinds table 三 counts.

use serde::{Deserialize, Serialize};

use super::credit::CreditCode;
use super::id::IdNumber;
use crate::application::ApplicantType;
use crate::choice::Choice;

/// The kind of organisation, i.e. its table-三 column under 法人或其他组织.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// 商业企业.
    Commercial,
    /// 科研机构.
    Research,
    /// 社会公益组织.
    SocialWelfare,
    /// 法律服务机构.
    LegalServices,
    /// 其他.
    Other,
}

impl Choice for OrgKind {
    const TABLE: &'static [(OrgKind, &'static str, &'static str)] = &[
        (OrgKind::Commercial, "commercial", "商业企业"),
        (OrgKind::Research, "research", "科研机构"),
        (OrgKind::SocialWelfare, "social_welfare", "社会公益组织"),
        (OrgKind::LegalServices, "legal_services", "法律服务机构"),
        (OrgKind::Other, "other_org", "其他"),
    ];
}

impl OrgKind {
    /// The table-三 column (申请人类型).
    pub fn applicant_type(self) -> ApplicantType {
        match self {
            OrgKind::Commercial => ApplicantType::Commercial,
            OrgKind::Research => ApplicantType::Research,
            OrgKind::SocialWelfare => ApplicantType::SocialWelfare,
            OrgKind::LegalServices => ApplicantType::LegalServices,
            OrgKind::Other => ApplicantType::OtherOrg,
        }
    }

    /// The kind for an applicant type (`None` for 自然人).
    pub fn from_applicant_type(t: ApplicantType) -> Option<OrgKind> {
        OrgKind::all().find(|k| k.applicant_type() == t)
    }
}

/// The stable identifier of an applicant type (the form's `applicant_type` values): the
/// organisation kind's id, or `natural_person`.
pub fn applicant_type_id(t: ApplicantType) -> &'static str {
    OrgKind::from_applicant_type(t).map_or("natural_person", OrgKind::id)
}

/// 自然人 (《条例》第二十九条第一项: 姓名、身份证明、联系方式).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NaturalPerson {
    /// 姓名.
    pub name: String,
    /// 证件类型 and 证件号码 (身份证明), checked.
    pub id_number: IdNumber,
    /// 联系电话 (required).
    pub phone: String,
    /// 通讯地址 (required when the answer is posted).
    pub address: String,
    /// 邮政编码.
    pub postcode: String,
    /// 电子邮箱 (required when anything goes by e-mail).
    pub email: String,
    /// 工作单位, if given.
    pub work_unit: Option<String>,
}

/// 法人或者其他组织 (《条例》第二十九条第一项: 名称、身份证明、联系方式).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// 名称.
    pub name: String,
    /// 统一社会信用代码 (身份证明); may be absent only for kind 其他 (an unregistered organisation).
    pub credit_code: Option<CreditCode>,
    /// Its table-三 kind.
    pub kind: OrgKind,
    /// 法定代表人或者负责人.
    pub legal_rep: String,
    /// 联系人.
    pub contact_person: String,
    /// 联系人电话.
    pub contact_phone: String,
    /// 通讯地址.
    pub address: String,
    /// 邮政编码.
    pub postcode: String,
    /// 电子邮箱.
    pub email: String,
}

/// 申请人.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Applicant {
    /// 自然人.
    Person(NaturalPerson),
    /// 法人或者其他组织.
    Org(Organisation),
}

impl Applicant {
    /// The table-三 column it counts in.
    pub fn applicant_type(&self) -> ApplicantType {
        match self {
            Applicant::Person(_) => ApplicantType::NaturalPerson,
            Applicant::Org(o) => o.kind.applicant_type(),
        }
    }

    /// 姓名 or 名称.
    pub fn name(&self) -> &str {
        match self {
            Applicant::Person(p) => &p.name,
            Applicant::Org(o) => &o.name,
        }
    }

    /// 联系电话 as typed (an organisation's contact person's).
    pub fn phone(&self) -> &str {
        match self {
            Applicant::Person(p) => &p.phone,
            Applicant::Org(o) => &o.contact_phone,
        }
    }

    /// The phone number's digits without a leading +86, to compare what the applicant types
    /// on the status page (查询码 + 联系电话) with what was registered.
    pub fn phone_digits(&self) -> String {
        phone_digits(self.phone())
    }

    /// 通讯地址.
    pub fn address(&self) -> &str {
        match self {
            Applicant::Person(p) => &p.address,
            Applicant::Org(o) => &o.address,
        }
    }

    /// 电子邮箱 (empty if none).
    pub fn email(&self) -> &str {
        match self {
            Applicant::Person(p) => &p.email,
            Applicant::Org(o) => &o.email,
        }
    }
}

/// A phone number's digits, without a leading +86 and without an extension after 转.
pub fn phone_digits(phone: &str) -> String {
    let main = phone.split('转').next().unwrap_or_default();
    let digits: String = main.chars().filter(char::is_ascii_digit).collect();
    match main.trim_start().starts_with('+') {
        true => digits.strip_prefix("86").unwrap_or(&digits).to_owned(),
        false => digits,
    }
}

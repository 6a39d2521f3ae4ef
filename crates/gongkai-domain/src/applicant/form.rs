//! The application form as posted, and its parsing into a [`Submission`] with every field error.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::credit::CreditCode;
use super::id::{IdError, IdNumber, IdType};
use super::party::{Applicant, NaturalPerson, OrgKind, Organisation, applicant_type_id};
use super::request::{Delivery, RequestedInfo, Retrieval, form_conflict};
use super::{FieldError, FieldErrors, field};
use crate::application::ApplicantType;
use crate::choice::Choice;
use crate::contact::{ContactError, parse_address, parse_email, parse_phone, parse_postcode};

/// The longest 姓名, 法定代表人 or 联系人 kept.
const MAX_PERSON_NAME: usize = 50;
/// The longest 名称 of an organisation or 工作单位 kept.
const MAX_ORG_NAME: usize = 100;

/// The application form as typed: every field a string, named as in [`field`]; absent fields
/// are empty. The contact fields (`phone`, `address`, `postcode`, `email`) serve both kinds of
/// applicant; for an organisation `phone` is the contact person's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationForm {
    /// 申请人类型: `natural_person` or one of the five organisation kinds.
    pub applicant_type: String,
    /// 姓名 or 名称.
    pub name: String,
    /// 证件类型 (自然人; an [`IdType`] id or name).
    pub id_type: String,
    /// 证件号码 (自然人).
    pub id_number: String,
    /// 工作单位 (自然人, optional).
    pub work_unit: String,
    /// 统一社会信用代码 (组织).
    pub credit_code: String,
    /// 法定代表人或者负责人 (组织).
    pub legal_rep: String,
    /// 联系人 (组织).
    pub contact_person: String,
    /// 联系电话.
    pub phone: String,
    /// 通讯地址.
    pub address: String,
    /// 邮政编码.
    pub postcode: String,
    /// 电子邮箱.
    pub email: String,
    /// 所需信息的名称.
    pub title: String,
    /// 所需信息的文号.
    pub doc_no: String,
    /// 所需信息的特征性描述.
    pub description: String,
    /// 获取信息的方式 (a [`Retrieval`] id or name).
    pub retrieval: String,
    /// 送达方式 (a [`Delivery`] id or name).
    pub delivery: String,
}

/// A checked application: who, what, and in what form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// 申请人.
    pub applicant: Applicant,
    /// 所需信息.
    pub info: RequestedInfo,
    /// 获取信息的方式.
    pub retrieval: Retrieval,
    /// 送达方式.
    pub delivery: Delivery,
}

impl Submission {
    /// The table-三 column.
    pub fn applicant_type(&self) -> ApplicantType {
        self.applicant.applicant_type()
    }

    /// The request as one text (for `application::Registration::request`).
    pub fn request_text(&self) -> String {
        self.info.summary()
    }
}

/// Collects field errors while the form is read.
struct Check(Vec<FieldError>);

impl Check {
    fn fail(&mut self, key: &'static str, message: impl Into<String>) {
        self.0.push(FieldError::new(key, message));
    }

    /// A required (or optional) one-line text of at most `max` characters.
    fn text(
        &mut self,
        key: &'static str,
        what: &str,
        v: &str,
        max: usize,
        required: bool,
    ) -> String {
        let v = v.trim();
        if required && v.is_empty() {
            self.fail(key, format!("{what}不能为空"));
        } else if v.chars().count() > max || v.chars().any(char::is_control) {
            self.fail(key, format!("{what}不超过{max}字，且不能包含控制字符"));
        }
        v.to_owned()
    }

    /// A contact field through its `contact` parser.
    fn contact(
        &mut self,
        key: &'static str,
        v: &str,
        parse: fn(&str) -> Result<String, ContactError>,
    ) -> String {
        parse(v).unwrap_or_else(|e| {
            self.fail(key, e.to_string());
            String::new()
        })
    }
}

/// The contact fields both kinds of applicant share.
struct Contact {
    phone: String,
    address: String,
    postcode: String,
    email: String,
}

impl ApplicationForm {
    /// Checks the whole form and returns the submission, or every field's error in form order.
    /// `today` bounds the birth date carried by an identity number.
    pub fn parse(&self, today: NaiveDate) -> Result<Submission, FieldErrors> {
        let mut c = Check(Vec::new());
        let applicant = self.applicant(today, &mut c);
        let info = RequestedInfo::parse(&self.title, &self.doc_no, &self.description)
            .map_err(|e| c.0.extend(e))
            .ok();
        let retrieval = Retrieval::parse(&self.retrieval);
        if retrieval.is_none() {
            c.fail(
                field::RETRIEVAL,
                "请选择获取信息的方式（《条例》第二十九条第三项）",
            );
        }
        let delivery = Delivery::parse(&self.delivery);
        if delivery.is_none() {
            c.fail(
                field::DELIVERY,
                "请选择送达方式（《条例》第二十九条第三项）",
            );
        }
        if let (Some(r), Some(d)) = (retrieval, delivery) {
            self.check_needs(r, d, &mut c);
        }
        match (applicant, info, retrieval, delivery) {
            (Some(applicant), Some(info), Some(retrieval), Some(delivery)) if c.0.is_empty() => {
                Ok(Submission {
                    applicant,
                    info,
                    retrieval,
                    delivery,
                })
            }
            _ => Err(FieldErrors(c.0)),
        }
    }

    fn applicant(&self, today: NaiveDate, c: &mut Check) -> Option<Applicant> {
        let t = ApplicantType::ALL
            .into_iter()
            .find(|t| applicant_type_id(*t) == self.applicant_type.trim());
        match t.map(OrgKind::from_applicant_type) {
            None => {
                c.fail(
                    field::APPLICANT_TYPE,
                    "请选择申请人类型：自然人，或法人或者其他组织的类别",
                );
                None
            }
            Some(None) => self.person(today, c).map(Applicant::Person),
            Some(Some(kind)) => self.organisation(kind, c).map(Applicant::Org),
        }
    }

    fn contact(&self, c: &mut Check) -> Contact {
        let phone = c.contact(field::PHONE, &self.phone, parse_phone);
        if self.phone.trim().is_empty() {
            c.fail(
                field::PHONE,
                "联系电话不能为空（《条例》第二十九条第一项：联系方式）",
            );
        }
        Contact {
            phone,
            address: c.contact(field::ADDRESS, &self.address, parse_address),
            postcode: c.contact(field::POSTCODE, &self.postcode, parse_postcode),
            email: c.contact(field::EMAIL, &self.email, parse_email),
        }
    }

    fn person(&self, today: NaiveDate, c: &mut Check) -> Option<NaturalPerson> {
        let name = c.text(field::NAME, "姓名", &self.name, MAX_PERSON_NAME, true);
        let id_number = match IdType::parse(&self.id_type) {
            None => {
                c.fail(field::ID_TYPE, "请选择证件类型");
                None
            }
            Some(t) => IdNumber::parse(t, &self.id_number)
                .and_then(|id| match id.birth_date().filter(|b| *b > today) {
                    Some(date) => Err(IdError::BornInFuture { date }),
                    None => Ok(id),
                })
                .map_err(|e| c.fail(field::ID_NUMBER, e.to_string()))
                .ok(),
        };
        let work_unit = c.text(
            field::WORK_UNIT,
            "工作单位",
            &self.work_unit,
            MAX_ORG_NAME,
            false,
        );
        let contact = self.contact(c);
        Some(NaturalPerson {
            name,
            id_number: id_number?,
            phone: contact.phone,
            address: contact.address,
            postcode: contact.postcode,
            email: contact.email,
            work_unit: (!work_unit.is_empty()).then_some(work_unit),
        })
    }

    fn organisation(&self, kind: OrgKind, c: &mut Check) -> Option<Organisation> {
        let name = c.text(field::NAME, "名称", &self.name, MAX_ORG_NAME, true);
        let code = self.credit_code.trim();
        let credit_code = if code.is_empty() && kind == OrgKind::Other {
            Ok(None)
        } else if code.is_empty() {
            c.fail(field::CREDIT_CODE, "统一社会信用代码不能为空（身份证明）");
            Err(())
        } else {
            CreditCode::parse(code)
                .map(Some)
                .map_err(|e| c.fail(field::CREDIT_CODE, e.to_string()))
        };
        let legal_rep = c.text(
            field::LEGAL_REP,
            "法定代表人或者负责人",
            &self.legal_rep,
            MAX_PERSON_NAME,
            true,
        );
        let contact_person = c.text(
            field::CONTACT_PERSON,
            "联系人",
            &self.contact_person,
            MAX_PERSON_NAME,
            true,
        );
        let contact = self.contact(c);
        Some(Organisation {
            name,
            credit_code: credit_code.ok()?,
            kind,
            legal_rep,
            contact_person,
            contact_phone: contact.phone,
            address: contact.address,
            postcode: contact.postcode,
            email: contact.email,
        })
    }

    /// The contact details the chosen form requires, and forms that cannot go together.
    fn check_needs(&self, r: Retrieval, d: Delivery, c: &mut Check) {
        if let Some(why) = form_conflict(r, d) {
            c.fail(field::DELIVERY, why);
        }
        if d == Delivery::Post && self.address.trim().is_empty() {
            c.fail(field::ADDRESS, "选择邮寄送达的，须填写通讯地址");
        }
        let by_email = r == Retrieval::Email || d == Delivery::Email;
        if by_email && self.email.trim().is_empty() {
            c.fail(field::EMAIL, "选择通过电子邮件获取或送达的，须填写电子邮箱");
        }
    }
}

//! The applicant (《条例》第二十九条): identity numbers (GB 11643), 统一社会信用代码 (GB 32100) and
//! the application form, which reports every field's error by name.

use chrono::NaiveDate;
use gongkai_domain::applicant::{
    Applicant, ApplicationForm, Choice, CreditCode, CreditCodeError, Delivery, IdError, IdNumber,
    IdType, OrgKind, Retrieval, field,
};
use gongkai_domain::application::ApplicantType;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("a valid date")
}

/// An independent MOD 11-2: the check character of 17 digits.
fn check_char(digits: &str) -> char {
    let sum: u32 = digits
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).expect("a digit") * (2u32.pow(17 - i as u32) % 11))
        .sum();
    ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
}

fn with_check(first17: &str) -> String {
    format!("{first17}{}", check_char(first17))
}

#[test]
fn the_standards_example_number_passes_and_a_lower_case_x_is_folded() {
    for n in [
        "11010519491231002X",
        "11010519491231002x",
        "１１０１０５ １９４９１２３１ ００２Ｘ",
    ] {
        let id = IdNumber::parse(IdType::ResidentId, n).unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31));
    }
    let id = IdNumber::parse(IdType::ResidentId, "11010519491231002X").unwrap();
    assert_eq!(id.masked(), "1101**********002X");
    // The standard's other example is born in 1880: a valid checksum, an implausible applicant.
    assert!(matches!(
        IdNumber::parse(IdType::ResidentId, "440524188001010014"),
        Err(IdError::BirthDate { .. })
    ));
}

#[test]
fn resident_id_errors_say_what_is_wrong() {
    let cases = [
        (
            "110105194912310021",
            IdError::Checksum {
                kind: "居民身份证"
            },
        ),
        (
            "1101051949123100",
            IdError::EighteenFormat {
                kind: "居民身份证"
            },
        ),
        (
            "11010519491331002X",
            IdError::BirthDate {
                kind: "居民身份证",
                digits: "19491331".into(),
            },
        ),
        (
            &with_check("99010519491231002"),
            IdError::Region { code: "99".into() },
        ),
        ("", IdError::Empty),
    ];
    for (n, expected) in cases {
        assert_eq!(IdNumber::parse(IdType::ResidentId, n), Err(expected), "{n}");
    }
    let err = IdNumber::parse(IdType::ResidentId, "110105194912310021").unwrap_err();
    assert_eq!(
        err.to_string(),
        "居民身份证号码校验位不符，请核对是否有数字输错"
    );
}

#[test]
fn residence_permits_and_permanent_residence_cards_use_the_same_check() {
    let hk = with_check("81000019900101001");
    assert!(IdNumber::parse(IdType::HkMacaoTaiwanResidence, &hk).is_ok());
    assert_eq!(
        IdNumber::parse(IdType::HkMacaoTaiwanResidence, "11010519491231002X"),
        Err(IdError::ResidencePrefix)
    );
    let foreigner = with_check("93184019850615001");
    assert!(IdNumber::parse(IdType::ForeignPermanentResident, &foreigner).is_ok());
    assert!(IdNumber::parse(IdType::ForeignPermanentResident, "11010519491231002X").is_err());
}

#[test]
fn other_documents_get_format_checks() {
    let ok = [
        (IdType::Passport, "E12345678"),
        (IdType::Passport, "ea1234567"),
        (IdType::HkMacaoPermit, "H12345678"),
        (IdType::HkMacaoPermit, "M1234567890"),
        (IdType::TaiwanPermit, "12345678"),
        (IdType::TaiwanPermit, "1234567890(B)"),
        (IdType::Other, "军官证 第123号"),
    ];
    for (t, n) in ok {
        assert!(IdNumber::parse(t, n).is_ok(), "{t:?} {n}");
    }
    let bad = [
        (IdType::Passport, "ABCDEFG"),
        (IdType::HkMacaoPermit, "X12345678"),
        (IdType::TaiwanPermit, "1234567"),
        (IdType::TaiwanPermit, "台胞证12345"),
    ];
    for (t, n) in bad {
        assert!(
            matches!(IdNumber::parse(t, n), Err(IdError::Format { .. })),
            "{t:?} {n}"
        );
    }
}

#[test]
fn id_types_have_stable_ids_and_chinese_names() {
    for t in IdType::all() {
        assert_eq!(IdType::parse(t.id()), Some(t));
        assert_eq!(IdType::parse(t.label()), Some(t));
    }
    assert_eq!(IdType::HkMacaoPermit.label(), "港澳居民来往内地通行证");
}

/// Codes of existing organisations as they publish them, and the GB 32100 example (first).
const REAL_CODES: [&str; 5] = [
    "91350100M000100Y43",
    "914403001922038216",
    "91440300708461136T",
    "91330100716105852F",
    "12100000400000624D",
];

#[test]
fn real_credit_codes_pass_with_their_department_and_type() {
    for c in REAL_CODES {
        assert!(CreditCode::parse(c).is_ok(), "{c}");
    }
    let code = CreditCode::parse("91440300708461136t").unwrap();
    assert_eq!(code.as_str(), "91440300708461136T");
    assert_eq!(
        (code.authority(), code.institution_type()),
        ("工商（市场监管）", Some("企业"))
    );
    let code = CreditCode::parse("12100000400000624D").unwrap();
    assert_eq!(code.institution_type(), Some("事业单位"));
}

#[test]
fn credit_code_errors_name_the_position_or_part() {
    let cases = [
        ("9144030070846113", CreditCodeError::Length { len: 16 }),
        (
            "9144030070846113IT",
            CreditCodeError::Character {
                position: 17,
                found: 'I',
            },
        ),
        (
            "B1440300708461136T",
            CreditCodeError::Authority { found: 'B' },
        ),
        (
            "94440300708461136T",
            CreditCodeError::InstitutionType {
                authority: "工商（市场监管）",
                found: '4',
            },
        ),
        (
            "91990300708461136T",
            CreditCodeError::Region {
                found: "990300".into(),
            },
        ),
        ("91440300708461137T", CreditCodeError::Checksum),
    ];
    for (c, expected) in cases {
        assert_eq!(CreditCode::parse(c), Err(expected), "{c}");
    }
}

fn person_form() -> ApplicationForm {
    ApplicationForm {
        applicant_type: "natural_person".into(),
        name: "张三".into(),
        id_type: "resident_id".into(),
        id_number: "11010519491231002X".into(),
        phone: "13800138000".into(),
        address: "江西省宜春市袁州区宜阳大道1号".into(),
        postcode: "336000".into(),
        title: "2025年城区道路改造项目批复".into(),
        retrieval: "paper".into(),
        delivery: "post".into(),
        ..ApplicationForm::default()
    }
}

#[test]
fn a_complete_person_form_becomes_a_submission() {
    let s = person_form().parse(today()).unwrap();
    assert_eq!(s.applicant_type(), ApplicantType::NaturalPerson);
    assert_eq!(
        (s.retrieval, s.delivery),
        (Retrieval::Paper, Delivery::Post)
    );
    assert_eq!(s.request_text(), "名称：2025年城区道路改造项目批复");
    let Applicant::Person(p) = &s.applicant else {
        panic!("a person")
    };
    assert_eq!(
        (p.id_number.id_type(), p.work_unit.as_deref()),
        (IdType::ResidentId, None)
    );
}

#[test]
fn an_empty_form_names_every_missing_part() {
    let errors = ApplicationForm::default().parse(today()).unwrap_err();
    assert_eq!(
        errors.fields(),
        vec![
            field::APPLICANT_TYPE,
            field::DESCRIPTION,
            field::RETRIEVAL,
            field::DELIVERY
        ]
    );
    assert!(
        errors
            .get(field::DESCRIPTION)
            .unwrap()
            .contains("至少填写一项")
    );
}

#[test]
fn every_bad_field_of_a_person_is_reported_beside_it() {
    // Arrange
    let form = ApplicationForm {
        name: " ".into(),
        id_number: "110105194912310021".into(),
        phone: "12".into(),
        postcode: "3360".into(),
        email: "zhang@".into(),
        title: "标".repeat(201),
        ..person_form()
    };
    // Act
    let errors = form.parse(today()).unwrap_err();
    // Assert
    assert_eq!(
        errors.fields(),
        vec![
            field::NAME,
            field::ID_NUMBER,
            field::PHONE,
            field::POSTCODE,
            field::EMAIL,
            field::TITLE
        ]
    );
    assert_eq!(errors.get(field::NAME), Some("姓名不能为空"));
    assert!(errors.get(field::ID_NUMBER).unwrap().contains("校验位不符"));
    assert!(errors.get(field::TITLE).unwrap().contains("不超过200字"));
    assert!(errors.to_string().starts_with("申请表填写有误："));
}

#[test]
fn the_form_requirements_need_their_contact_details() {
    let no_address = ApplicationForm {
        address: String::new(),
        ..person_form()
    };
    let errors = no_address.parse(today()).unwrap_err();
    assert_eq!(
        errors.get(field::ADDRESS),
        Some("选择邮寄送达的，须填写通讯地址")
    );
    let by_email = ApplicationForm {
        delivery: "email".into(),
        ..person_form()
    };
    let errors = by_email.parse(today()).unwrap_err();
    assert_eq!(errors.fields(), vec![field::DELIVERY, field::EMAIL]);
    let ok = ApplicationForm {
        retrieval: "电子邮件".into(),
        delivery: "online".into(),
        email: "zhang@example.com".into(),
        ..person_form()
    };
    assert!(ok.parse(today()).is_ok());
}

#[test]
fn a_birth_date_after_today_is_refused() {
    let form = ApplicationForm {
        id_number: with_check("11010520270101001"),
        ..person_form()
    };
    let errors = form.parse(today()).unwrap_err();
    assert!(errors.get(field::ID_NUMBER).unwrap().contains("晚于今天"));
}

fn org_form(kind: &str, code: &str) -> ApplicationForm {
    ApplicationForm {
        applicant_type: kind.into(),
        name: "某某律师事务所".into(),
        credit_code: code.into(),
        legal_rep: "李四".into(),
        contact_person: "王五".into(),
        phone: "0795-3561234".into(),
        description: "本市2025年度律师事务所年度检查考核结果".into(),
        retrieval: "email".into(),
        delivery: "email".into(),
        email: "office@example.com".into(),
        ..ApplicationForm::default()
    }
}

#[test]
fn an_organisation_counts_in_its_table_three_column() {
    let s = org_form("legal_services", "91350100M000100Y43")
        .parse(today())
        .unwrap();
    assert_eq!(s.applicant_type(), ApplicantType::LegalServices);
    assert_eq!(s.applicant.phone_digits(), "07953561234");
    for kind in OrgKind::all() {
        assert_eq!(
            OrgKind::from_applicant_type(kind.applicant_type()),
            Some(kind)
        );
    }
}

#[test]
fn only_an_other_organisation_may_lack_a_credit_code() {
    let errors = org_form("commercial", "").parse(today()).unwrap_err();
    assert_eq!(errors.fields(), vec![field::CREDIT_CODE]);
    assert!(org_form("other_org", "").parse(today()).is_ok());
    let errors = org_form("other_org", "91350100M000100Y44")
        .parse(today())
        .unwrap_err();
    assert_eq!(
        errors.get(field::CREDIT_CODE),
        Some("统一社会信用代码校验位不符，请核对是否有字符输错")
    );
}

#[test]
fn a_stored_applicant_reads_back_and_a_tampered_number_does_not() {
    let s = person_form().parse(today()).unwrap();
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(
        serde_json::from_str::<gongkai_domain::applicant::Submission>(&json).unwrap(),
        s
    );
    let tampered = json.replace("11010519491231002X", "110105194912310021");
    assert!(serde_json::from_str::<gongkai_domain::applicant::Submission>(&tampered).is_err());
}

fn first17() -> impl Strategy<Value = String> {
    let provinces = prop::sample::select(vec!["11", "31", "36", "44", "65"]);
    (
        provinces,
        0u32..10_000,
        1930u32..2020,
        1u32..=12,
        1u32..=28,
        0u32..1000,
    )
        .prop_map(|(p, region, y, m, d, seq)| format!("{p}{region:04}{y}{m:02}{d:02}{seq:03}"))
}

proptest! {
    #[test]
    fn a_number_with_its_check_character_passes_and_any_single_digit_change_fails(
        base in first17(), pos in 0usize..17, delta in 1u32..10
    ) {
        let good = with_check(&base);
        prop_assert!(IdNumber::parse(IdType::ResidentId, &good).is_ok());
        let mut chars: Vec<char> = good.chars().collect();
        chars[pos] = char::from_digit((chars[pos].to_digit(10).unwrap() + delta) % 10, 10).unwrap();
        let typo: String = chars.into_iter().collect();
        prop_assert!(IdNumber::parse(IdType::ResidentId, &typo).is_err(), "{}", typo);
    }

    #[test]
    fn any_single_character_change_of_a_credit_code_is_caught(
        which in 0usize..5, pos in 0usize..18, replacement in prop::sample::select("0123456789ABCDEFGHJKLMNPQRTUWXY".chars().collect::<Vec<_>>())
    ) {
        let good = REAL_CODES[which];
        let mut chars: Vec<char> = good.chars().collect();
        prop_assume!(chars[pos] != replacement);
        chars[pos] = replacement;
        let changed: String = chars.into_iter().collect();
        prop_assert!(CreditCode::parse(&changed).is_err(), "{}", changed);
    }
}

//! The frame of a letter: 文号 patterns, and the values a case supplies to its letters.

use crate::letter::{COURT, ORGAN, d};
use gongkai_domain::application::Reply;
use gongkai_domain::letter::{DocNoPattern, Fields, LetterKind, Template, fill};
use proptest::prelude::*;

#[test]
fn doc_no_patterns_format_the_year_and_serial() {
    let cases = [
        (
            "{机关简称}依申公开〔{年}〕第{序号}号",
            "袁政",
            "袁政依申公开〔2026〕第5号",
        ),
        ("〔{年}〕第{序号}号", "", "〔2026〕第5号"),
        ("袁政信〔{年}〕{序号:3}号", "", "袁政信〔2026〕005号"),
        ("袁政信〔{年}〕｛序号：2｝号", "", "袁政信〔2026〕05号"),
    ];
    for (pattern, short, expected) in cases {
        let p = DocNoPattern::parse(pattern, short).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        assert_eq!(p.format(2026, 5), expected);
        assert_eq!(p.as_str(), pattern);
    }
}

#[test]
fn bad_doc_no_patterns_are_refused_with_the_reason() {
    let refused = |pattern: &str, short: &str| match DocNoPattern::parse(pattern, short) {
        Ok(_) => panic!("accepted {pattern}"),
        Err(e) => e.to_string(),
    };

    assert!(refused("  ", "").contains("不能为空"));
    assert!(refused("第{序号}号", "").contains("“{年}”"));
    assert!(refused("〔{年}〕{序号}-{序号}", "").contains("“{序号}”"));
    assert!(refused("〔{年}〕第{编号}号", "").contains("“{编号}”"));
    assert!(refused("{机关简称}〔{年}〕{序号}号", " ").contains("尚未设置机关简称"));
    assert!(refused("[{年}]{序号}号", "").contains("六角括号"));
    assert!(refused("（{年}）{序号}号", "").contains("六角括号"));
    assert!(refused("〔{年}〕{序号:9}号", "").contains("1至6位"));
    assert!(refused("〔{年}〕{序号号", "").contains("没有对应的"));
}

proptest! {
    /// Every number of a valid pattern contains the year and the serial.
    #[test]
    fn doc_numbers_contain_year_and_serial(year in 2000i32..2100, serial in 1u32..100_000) {
        let p = DocNoPattern::parse("袁政依申公开〔{年}〕第{序号}号", "").unwrap_or_else(|e| panic!("{e}"));
        let s = p.format(year, serial);
        prop_assert!(s.contains(&format!("〔{year}〕")), "{}", s);
        let expected = format!("第{serial}号");
        prop_assert!(s.ends_with(&expected));
    }
}

#[test]
fn a_case_supplies_its_own_values_to_its_letters() {
    use gongkai_domain::application::{
        ApplicantType, Channel, Command, Ctx, Decision, Receipt, Registration, apply, register,
    };
    let ctx = |today: &str| Ctx {
        today: d(today),
        actor: "李科员",
        calendar: crate::calendar::shipped(),
        mode: gongkai_domain::deadline::Mode::Strict,
    };
    let reg = Registration {
        applicant: ApplicantType::NaturalPerson,
        receipt: Receipt {
            channel: Channel::InPerson,
            arrived_on: d("2026-03-02"),
            confirmed_on: None,
        },
        request: "秀江东路地块征收补偿安置方案".into(),
    };
    let case = register(reg, &ctx("2026-03-02"))
        .unwrap_or_else(|e| panic!("{e}"))
        .case;
    let step = |case, command, today: &str| {
        apply(&case, command, &ctx(today))
            .unwrap_or_else(|e| panic!("{e}"))
            .case
    };
    let case = step(
        case,
        Command::RequestCorrection {
            on: d("2026-03-04"),
            items: "请写明所需信息的文号或者形成时间".into(),
            period: 10,
        },
        "2026-03-04",
    );
    let frame = |f: Fields| {
        f.with("申请人", "张三")
            .with("机关名称", "宜春市袁州区自然资源局")
            .with_date("成文日期", d("2026-03-04"))
    };

    let notice = fill(
        &Template::default_for(LetterKind::CorrectionNotice),
        &frame(Fields::from_case(&case)),
    )
    .unwrap_or_else(|e| panic!("{e}"));

    let text = notice.paragraphs.join("");
    assert!(
        text.contains("2026年3月2日收到") && text.contains("请写明所需信息的文号"),
        "{text}"
    );
    assert!(
        text.contains("2026年3月18日前"),
        "10 working days after 4 March: {text}"
    );

    let case = step(
        case,
        Command::ReceiveCorrection {
            on: d("2026-03-10"),
            late_reason: None,
        },
        "2026-03-10",
    );
    let decision = Decision {
        reply: Reply::PartlyGranted,
        legal_basis: "《中华人民共和国政府信息公开条例》第三十七条".into(),
        reasons: "其中的讨论稿属于过程性信息".into(),
        referral: None,
        withheld_parts: Some("补偿安置方案讨论稿".into()),
    };
    let case = step(
        case,
        Command::Decide {
            on: d("2026-03-20"),
            decision,
        },
        "2026-03-20",
    );
    let mut fields = frame(Fields::from_case(&case));
    fields
        .set_remedies(&case, ORGAN, COURT)
        .set("提供方式", "现随本答复书提供");

    let answer = fill(
        &Template::default_for(LetterKind::for_reply(Reply::PartlyGranted)),
        &fields,
    )
    .unwrap_or_else(|e| panic!("{e}"));

    let text = answer.paragraphs.join("");
    assert!(
        text.contains("补偿安置方案讨论稿不予公开，理由是：其中的讨论稿属于过程性信息。"),
        "{text}"
    );
    assert!(text.contains(&format!("先向{ORGAN}申请行政复议")), "{text}");
}

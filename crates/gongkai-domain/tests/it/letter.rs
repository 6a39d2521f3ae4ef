//! Letters: every shipped template parses and fills, every reply has its letter, the 救济途径
//! says 复议前置 exactly for the withheld cases, bad templates and 文号 patterns are refused with a
//! message naming what is wrong, and filling fails on a missing value.

use chrono::NaiveDate;
use gongkai_domain::application::{Closure, Party, Reply, WithheldGround};
use gongkai_domain::letter::{
    Fields, LetterError, LetterKind, SHIPPED, Template, all_replies, fill, placeholder, remedies,
    review_first, suggested_basis,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

pub const ORGAN: &str = "袁州区人民政府";
pub const COURT: &str = "宜春市袁州区人民法院";

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid date in a test")
}

/// A value for every placeholder `kind` allows, each distinct so it can be found in the letter.
fn fields_for(kind: LetterKind) -> Fields {
    let mut f = Fields::new();
    for name in kind.allowed_placeholders() {
        f.set(name, format!("〈{name}的内容〉"));
    }
    f.set_date("成文日期", d("2026-03-20"))
        .set_date("收到申请日期", d("2026-03-02"))
        .set("救济途径", remedies(kind.reply(), ORGAN, COURT))
        .set("机关名称", "宜春市袁州区人民政府办公室");
    f
}

#[test]
fn every_kind_has_exactly_one_shipped_default_that_parses_and_fills() {
    let shipped = Template::load_toml(SHIPPED).unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<LetterKind> = shipped.iter().map(Template::kind).collect();

    assert_eq!(kinds, LetterKind::all(), "one default per kind, in order");
    for template in &shipped {
        let kind = template.kind();
        let fields = fields_for(kind);

        let letter = fill(template, &fields).unwrap_or_else(|e| panic!("{kind}: {e}"));

        let text = letter.paragraphs.join("\n");
        assert!(!text.contains(['{', '}', '｛', '｝']), "{kind}: {text}");
        assert_eq!(letter.kind, kind);
        assert_eq!(letter.title, kind.default_title());
        assert_eq!(letter.signer, "宜春市袁州区人民政府办公室");
        assert_eq!(letter.date, d("2026-03-20"));
        assert!(letter.paragraphs.len() >= 2, "{kind}: {text}");
        for name in kind.required_placeholders() {
            let value = fields.get(name).unwrap_or_default();
            assert!(text.contains(value), "{kind}: {name}\n{text}");
        }
        assert!(text.contains("《"), "{kind} cites its legal basis: {text}");
    }
}

#[test]
fn every_reply_has_an_answer_letter_that_states_basis_reasons_and_remedies() {
    let replies = all_replies();
    assert_eq!(replies.len(), 19);

    for reply in replies {
        let kind = LetterKind::for_reply(reply);

        assert_eq!(kind.reply(), Some(reply));
        assert_eq!(LetterKind::from_id(kind.id()), Some(kind));
        let required = kind.required_placeholders();
        for name in ["收到申请日期", "申请内容", "法律依据", "救济途径"] {
            assert!(required.contains(&name), "{kind} requires {name}");
        }
        assert_eq!(
            required.contains(&"理由"),
            reply != Reply::Granted,
            "{kind}"
        );
        assert!(suggested_basis(reply).starts_with("《中华人民共和国政府信息公开条例》第"));
    }
    let not_this = LetterKind::for_reply(Reply::NotThisAgency).required_placeholders();
    assert!(not_this.contains(&"负责机关") && not_this.contains(&"负责机关联系方式"));
    let partly = LetterKind::for_reply(Reply::PartlyGranted).required_placeholders();
    assert!(partly.contains(&"不予公开部分"));
}

#[test]
fn kinds_have_distinct_snake_case_ids_and_names_and_survive_json() {
    let all = LetterKind::all();
    let ids: BTreeSet<&str> = all.iter().map(|k| k.id()).collect();
    let names: BTreeSet<String> = all.iter().map(|k| k.name()).collect();

    assert_eq!(all.len(), 29);
    assert_eq!(ids.len(), all.len());
    assert_eq!(names.len(), all.len());
    for kind in &all {
        assert!(
            kind.id()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'),
            "{}",
            kind.id()
        );
        let json = serde_json::to_string(kind).unwrap_or_default();
        assert_eq!(json, format!("\"{}\"", kind.id()));
        let back: LetterKind = serde_json::from_str(&json).unwrap_or(LetterKind::Receipt);
        assert_eq!(back, *kind);
        for name in kind.allowed_placeholders() {
            assert!(placeholder(name).is_some(), "{name} is documented");
        }
    }
    assert!(serde_json::from_str::<LetterKind>("\"reply_maybe\"").is_err());
    assert_eq!(
        LetterKind::for_closure(Closure::NoCorrection),
        Some(LetterKind::CorrectionLapsed)
    );
    assert_eq!(
        LetterKind::for_closure(Closure::FeeUnpaid),
        Some(LetterKind::FeeLapsed)
    );
    assert_eq!(LetterKind::for_closure(Closure::Withdrawn), None);
}

#[test]
fn remedies_say_that_review_comes_first_exactly_for_withheld_information() {
    let mut cases: Vec<Option<Reply>> = all_replies().into_iter().map(Some).collect();
    cases.push(None);

    for reply in cases {
        let text = remedies(reply, ORGAN, COURT);
        let first = reply.is_some_and(review_first);

        assert_eq!(
            text.contains("第二十三条第一款第四项"),
            first,
            "{reply:?}: {text}"
        );
        let first_to_review = format!("先向{ORGAN}申请行政复议");
        assert_eq!(text.contains(&first_to_review), first, "{reply:?}: {text}");
        assert!(text.contains(ORGAN) && text.contains("60日") && text.contains("第二十条"));
        let direct_suit = text.contains(COURT) && text.contains("6个月");
        let withheld = matches!(reply, Some(Reply::Withheld(_)));
        assert_eq!(direct_suit, !withheld, "{reply:?}: {text}");
    }
    let partly = remedies(Some(Reply::PartlyGranted), ORGAN, COURT);
    assert!(partly.contains("不予公开的部分") && partly.contains("其他内容"));
    assert!(review_first(Reply::Withheld(WithheldGround::InquiryMatter)));
    assert!(!review_first(Reply::NotHeld));
}

#[test]
fn remedies_without_configured_organ_or_court_use_a_generic_wording() {
    let text = remedies(Some(Reply::NotHeld), " ", "");

    assert!(text.contains("向行政复议机关申请行政复议"), "{text}");
    assert!(text.contains("向有管辖权的人民法院提起行政诉讼"), "{text}");
}

fn refused(kind: LetterKind, title: &str, body: &str) -> String {
    match Template::parse(kind, title, body) {
        Ok(_) => panic!("accepted: {body}"),
        Err(e) => e.to_string(),
    }
}

fn default_body(kind: LetterKind) -> String {
    Template::default_for(kind).body().to_owned()
}

#[test]
fn a_template_with_an_unknown_placeholder_is_refused_naming_it_and_the_allowed_ones() {
    let kind = LetterKind::CorrectionNotice;
    let body = default_body(kind) + "\n请联系{经办人手机}。";

    let message = refused(kind, "补正告知书", &body);

    assert!(message.contains("“{经办人手机}”"), "{message}");
    assert!(message.contains("补正告知书"), "{message}");
    assert!(message.contains("{补正事项}"), "{message}");
    let fee_in_correction = default_body(kind) + "\n{收费金额}";
    assert!(refused(kind, "t", &fee_in_correction).contains("{收费金额}"));
}

#[test]
fn an_answer_without_remedies_and_a_refusal_without_reasons_or_basis_are_refused() {
    let withheld = LetterKind::for_reply(Reply::Withheld(WithheldGround::ProcessInfo));
    let body = default_body(withheld);

    let no_remedies = refused(withheld, "答复书", &body.replace("{救济途径}", ""));
    let no_reasons = refused(withheld, "答复书", &body.replace("{理由}", "相关理由"));
    let no_basis = refused(withheld, "答复书", &body.replace("{法律依据}", "有关规定"));

    assert!(
        no_remedies.contains("必须包含占位符“{救济途径}”"),
        "{no_remedies}"
    );
    assert!(no_reasons.contains("“{理由}”"), "{no_reasons}");
    assert!(no_basis.contains("“{法律依据}”"), "{no_basis}");
    let granted = LetterKind::for_reply(Reply::Granted);
    let message = refused(
        granted,
        "答复书",
        &default_body(granted).replace("{救济途径}", ""),
    );
    assert!(message.contains("{救济途径}"), "{message}");
}

#[test]
fn malformed_templates_are_refused_with_a_chinese_message() {
    let kind = LetterKind::Receipt;
    let body = default_body(kind);

    assert!(refused(kind, " ", &body).contains("标题不能为空"));
    assert!(refused(kind, "回执", "\n \n").contains("正文不能为空"));
    let unclosed = refused(kind, "回执", &format!("{body}\n请于{{答复期限前"));
    assert!(unclosed.contains("没有对应的"), "{unclosed}");
    let stray = refused(kind, "回执", &format!("{body}\n多余}}的括号"));
    assert!(stray.contains("多余的“}”"), "{stray}");
    assert!(refused(kind, "回执", &format!("{body}\n{{}}")).contains("空的占位符"));
}

#[test]
fn an_edited_template_may_use_full_width_braces_and_literal_braces() {
    let kind = LetterKind::Receipt;
    let body = default_body(kind).replace("{申请内容}", "｛申请内容｝") + "\n代码{{A}}不是占位符。";

    let template =
        Template::parse(kind, "回执（{机关名称}）", &body).unwrap_or_else(|e| panic!("{e}"));
    let letter = fill(&template, &fields_for(kind)).unwrap_or_else(|e| panic!("{e}"));

    assert!(letter.paragraphs.iter().any(|p| p == "代码{A}不是占位符。"));
    assert!(letter.paragraphs[0].contains("〈申请内容的内容〉"));
    assert_eq!(letter.title, "回执（宜春市袁州区人民政府办公室）");
    assert_eq!(template.placeholders()[0], "机关名称");
}

#[test]
fn filling_fails_naming_the_placeholder_without_a_value() {
    let kind = LetterKind::for_reply(Reply::NotThisAgency);
    let template = Template::default_for(kind);

    let mut fields = fields_for(kind);
    fields.set("负责机关联系方式", "  ");
    let missing_contact = fill(&template, &fields).err().map(|e| e.to_string());
    let no_signer = fill(&template, &fields_for(kind).with("机关名称", ""));
    let no_addressee = fill(&template, &fields_for(kind).with("申请人", ""));
    let text_date = fill(&template, &{
        let mut f = Fields::new();
        for name in kind.allowed_placeholders() {
            f.set(name, "值");
        }
        f
    });

    assert_eq!(
        missing_contact.as_deref(),
        Some("生成答复书（非本机关负责公开）缺少“负责机关联系方式”的内容")
    );
    assert!(matches!(no_signer, Err(LetterError::MissingValue { name, .. }) if name == "机关名称"));
    assert!(
        matches!(no_addressee, Err(LetterError::MissingValue { name, .. }) if name == "申请人")
    );
    assert!(matches!(text_date, Err(LetterError::MissingDate { .. })));
}

#[test]
fn a_consultation_is_addressed_to_the_party_consulted_not_the_applicant() {
    let kind = LetterKind::Consultation(Party::ThirdParty);
    let fields = fields_for(kind).with("第三方", "某某建设有限公司");

    let letter = fill(&Template::default_for(kind), &fields).unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(letter.addressee, "某某建设有限公司");
    assert!(letter.paragraphs.join("").contains("15个工作日"));
}

#[test]
fn the_frame_takes_doc_no_contact_and_attachments_from_the_fields() {
    let kind = LetterKind::for_reply(Reply::Granted);
    let mut fields = fields_for(kind);
    fields
        .set("文号", "袁政依申公开〔2026〕第5号")
        .set("联系人", "王芳")
        .set("联系电话", "0795-3201234")
        .set("提供方式", "现将该信息随本答复书一并提供给您。")
        .attach("2025年度行政处罚决定书目录");

    let letter = fill(&Template::default_for(kind), &fields).unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(letter.doc_no.as_deref(), Some("袁政依申公开〔2026〕第5号"));
    assert_eq!(
        letter.contact.as_deref(),
        Some("联系人：王芳，联系电话：0795-3201234")
    );
    assert_eq!(letter.attachments, ["2025年度行政处罚决定书目录"]);
    let text = letter.paragraphs.join("");
    assert!(text.contains("一并提供给您。"), "{text}");
    assert!(!text.contains("。。"), "{text}");
    assert!(letter.texts().contains(&"2026年3月20日".to_owned()));
}

#[test]
fn a_fee_notice_states_the_amount_in_figures_and_capitals() {
    let kind = LetterKind::FeeNotice;
    let mut fields = fields_for(kind);
    fields.set_money("收费金额", 30_000);

    let letter = fill(&Template::default_for(kind), &fields).unwrap_or_else(|e| panic!("{e}"));

    let text = letter.paragraphs.join("\n");
    assert!(text.contains("300元（大写：人民币叁佰元整）"), "{text}");
    assert!(
        text.contains("20个工作日") && text.contains("视为放弃申请"),
        "{text}"
    );
}

proptest! {
    /// Whatever a clerk writes as the reasons appears in the letter, without its final full stop
    /// when the template puts one after it.
    #[test]
    fn reasons_appear_verbatim_in_the_answer(reason in "[\\p{Han}a-z0-9，、]{1,40}[。]?") {
        let kind = LetterKind::for_reply(Reply::Withheld(WithheldGround::ThirdParty));
        let fields = fields_for(kind).with("理由", reason.clone());

        let letter = fill(&Template::default_for(kind), &fields).unwrap_or_else(|e| panic!("{e}"));

        let text = letter.paragraphs.join("");
        let core = reason.trim_end_matches(['。', '，', '、']);
        prop_assert!(text.contains(&format!("经审查，{core}。")), "{}", text);
        prop_assert!(!text.contains("。。"));
    }

}

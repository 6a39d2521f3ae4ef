//! 先审查、后公开 (《条例》第十七条): every step with its role and audit event, returns at each
//! stage, filing, correction as a new version, withdrawal, Art.18 re-assessment, stored records
//! re-checked — and a property test that no sequence of commands, by any roles, publishes a
//! version without a 审核人's positive review and a 负责人's approval.

use chrono::{Duration, NaiveDate};
use gongkai_domain::account::Role;
use gongkai_domain::disclosure::{
    Body, BodyFormat, Command, Content, Ctx, DisclosureError, Document, IndexNo, Marker, Openness,
    ReassessOutcome, Registration, Status, Validity, WithholdGround, apply, create,
};
use proptest::prelude::*;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid date in a test")
}

/// The name of the test account holding `role`.
pub fn actor(role: Role) -> &'static str {
    match role {
        Role::Clerk => "wang_clerk",
        Role::Reviewer => "li_reviewer",
        Role::Head => "zhao_head",
        Role::AgencyAdmin => "admin",
        Role::SystemAdmin => "root",
        Role::Inspector => "inspector",
    }
}

pub fn ctx(today: NaiveDate, role: Role) -> Ctx<'static> {
    Ctx {
        today,
        actor: actor(role),
        role,
    }
}

pub fn content(title: &str, written_on: NaiveDate) -> Content {
    Content {
        doc_no: String::new(),
        title: title.to_owned(),
        summary: format!("{title}的主要内容"),
        publisher: "袁州区人民政府办公室".to_owned(),
        written_on,
        topic: None,
        genre: None,
        item: None,
        openness: Openness::Proactive,
        marker: None,
        interprets: None,
        body: Body {
            format: BodyFormat::Markdown,
            text: "正文".to_owned(),
        },
        attachments: Vec::new(),
    }
}

/// A draft created by the clerk on its 成文日期.
pub fn draft(index: &str, content: Content) -> Document {
    let reg = Registration {
        index_no: IndexNo::parse(index).expect("a valid 索引号 in a test"),
        content,
        validity: Validity::Valid,
        published_on: None,
    };
    let today = reg.content.written_on;
    create(reg, &ctx(today, Role::Clerk))
        .expect("the draft is created")
        .document
}

pub fn step(doc: &Document, on: NaiveDate, role: Role, command: Command) -> Document {
    apply(doc, command, &ctx(on, role))
        .expect("the step is allowed")
        .document
}

pub fn review(conclusion: Openness) -> Command {
    Command::Review {
        conclusion,
        basis: "《中华人民共和国保守国家秘密法》第十三条".to_owned(),
        withheld_parts: String::new(),
    }
}

pub fn approve() -> Command {
    Command::Approve {
        note: "同意".to_owned(),
    }
}

/// Submitted, reviewed as 主动公开 and approved, all on `on`.
pub fn publish(doc: &Document, on: NaiveDate) -> Document {
    let doc = step(doc, on, Role::Clerk, Command::Submit);
    let doc = step(&doc, on, Role::Reviewer, review(Openness::Proactive));
    step(&doc, on, Role::Head, approve())
}

/// A notice written 2026-03-02 and published 2026-03-03.
pub fn published_notice() -> Document {
    publish(
        &draft("X/2026-00001", content("通知", d("2026-03-02"))),
        d("2026-03-03"),
    )
}

/// An internal request drafted 2026-03-02, reviewed as `conclusion` on 03-03 and approved
/// (filed) on 03-04.
pub fn filed(conclusion: Openness) -> Document {
    let doc = draft("X/2026-00001", content("内部请示", d("2026-03-02")));
    let doc = step(&doc, d("2026-03-02"), Role::Clerk, Command::Submit);
    let doc = step(&doc, d("2026-03-03"), Role::Reviewer, review(conclusion));
    step(&doc, d("2026-03-04"), Role::Head, approve())
}

pub fn open_correction(reason: &str, note: &str) -> Command {
    Command::OpenCorrection {
        reason: reason.to_owned(),
        note: note.to_owned(),
    }
}

fn refused(doc: &Document, on: &str, role: Role, command: Command) -> DisclosureError {
    apply(doc, command, &ctx(d(on), role)).expect_err("the step is refused")
}

#[test]
fn a_document_goes_from_draft_through_review_and_approval_to_publication() {
    // Arrange
    let doc = draft(
        "737407952/2026-00001",
        content("关于印发某办法的通知", d("2026-03-02")),
    );
    assert_eq!(doc.status, Status::Draft);
    // Act
    let submitted = apply(&doc, Command::Submit, &ctx(d("2026-03-03"), Role::Clerk)).unwrap();
    let reviewed = apply(
        &submitted.document,
        review(Openness::Proactive),
        &ctx(d("2026-03-04"), Role::Reviewer),
    )
    .unwrap();
    let approved = apply(
        &reviewed.document,
        approve(),
        &ctx(d("2026-03-05"), Role::Head),
    )
    .unwrap();
    // Assert
    let doc = &approved.document;
    assert_eq!(doc.status, Status::Published);
    assert_eq!(doc.status_label(), "已发布");
    let v = doc.public_version().expect("public");
    assert_eq!(
        (v.number, v.published_on, v.formed_on),
        (1, d("2026-03-05"), d("2026-03-02"))
    );
    assert_eq!(v.review.by.name, "li_reviewer");
    assert_eq!(v.approval.by.role, Role::Head);
    let events: Vec<_> = [&submitted, &reviewed, &approved]
        .iter()
        .flat_map(|t| t.events.clone())
        .collect();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["submitted", "reviewed", "published"]);
    assert_eq!(events[2].before.as_deref(), Some("awaiting_approval"));
    assert_eq!(events[2].after.as_deref(), Some("published"));
    assert!(
        events[1].summary.contains("保守国家秘密法"),
        "{}",
        events[1].summary
    );
    assert!(events.iter().all(|e| e.subject == "document"));
}

#[test]
fn each_step_is_refused_to_the_wrong_role_in_chinese() {
    let doc = draft("X/2026-00001", content("通知", d("2026-03-02")));
    let e = refused(&doc, "2026-03-02", Role::Reviewer, Command::Submit);
    assert_eq!(
        e.to_string(),
        "审核人不能提交保密审查：提交保密审查须由经办人办理"
    );
    let doc = step(&doc, d("2026-03-02"), Role::Clerk, Command::Submit);
    let e = refused(&doc, "2026-03-02", Role::Clerk, review(Openness::Proactive));
    assert_eq!(
        e.to_string(),
        "经办人不能进行保密审查：进行保密审查须由审核人（《条例》第十七条）办理"
    );
    let e = refused(&doc, "2026-03-02", Role::Head, review(Openness::Proactive));
    assert!(matches!(
        e,
        DisclosureError::Forbidden {
            role: "负责人", ..
        }
    ));
    let doc = step(
        &doc,
        d("2026-03-02"),
        Role::Reviewer,
        review(Openness::Proactive),
    );
    for role in [
        Role::Clerk,
        Role::Reviewer,
        Role::AgencyAdmin,
        Role::SystemAdmin,
    ] {
        let e = refused(&doc, "2026-03-02", role, approve());
        assert_eq!(
            e.to_string(),
            format!("{}不能审批发布：审批发布须由负责人办理", role.label())
        );
    }
}

#[test]
fn an_unnamed_actor_is_refused() {
    let doc = draft("X/2026-00001", content("通知", d("2026-03-02")));
    let nobody = Ctx {
        today: d("2026-03-02"),
        actor: " ",
        role: Role::Clerk,
    };
    let e = apply(&doc, Command::Submit, &nobody).unwrap_err();
    assert_eq!(e.to_string(), "操作人不能为空");
}

#[test]
fn nothing_is_approved_before_it_is_reviewed() {
    let doc = draft("X/2026-00001", content("通知", d("2026-03-02")));
    let e = refused(&doc, "2026-03-02", Role::Head, approve());
    assert_eq!(e.to_string(), "文件当前状态为“草稿”，不能审批发布");
    let doc = step(&doc, d("2026-03-02"), Role::Clerk, Command::Submit);
    let e = refused(&doc, "2026-03-02", Role::Head, approve());
    assert_eq!(e.to_string(), "文件当前状态为“保密审查中”，不能审批发布");
}

#[test]
fn a_return_at_review_or_approval_sends_the_draft_back_with_the_reason() {
    let doc = draft("X/2026-00001", content("通知", d("2026-03-02")));
    let doc = step(&doc, d("2026-03-02"), Role::Clerk, Command::Submit);
    let back = Command::Return {
        reason: "第三段涉及个人信息".to_owned(),
    };
    let t = apply(&doc, back.clone(), &ctx(d("2026-03-03"), Role::Reviewer)).unwrap();
    assert_eq!(t.document.status, Status::Draft);
    assert_eq!(
        t.events[0].summary,
        "保密审查退回经办人：第三段涉及个人信息"
    );
    let doc = step(&t.document, d("2026-03-04"), Role::Clerk, Command::Submit);
    let doc = step(
        &doc,
        d("2026-03-04"),
        Role::Reviewer,
        review(Openness::Proactive),
    );
    assert!(matches!(
        refused(&doc, "2026-03-04", Role::Reviewer, back.clone()),
        DisclosureError::Forbidden { .. }
    ));
    let t = apply(&doc, back, &ctx(d("2026-03-05"), Role::Head)).unwrap();
    assert_eq!(t.document.status, Status::Draft);
    assert!(t.document.review.is_none(), "a return clears the review");
    assert_eq!(
        t.events[0].summary,
        "负责人审批退回经办人：第三段涉及个人信息"
    );
    let e = refused(
        &t.document,
        "2026-03-05",
        Role::Head,
        Command::Return { reason: " ".into() },
    );
    assert!(matches!(e, DisclosureError::WrongStatus { .. }));
}

#[test]
fn a_return_and_a_review_need_their_reasons() {
    let doc = draft("X/2026-00001", content("通知", d("2026-03-02")));
    let doc = step(&doc, d("2026-03-02"), Role::Clerk, Command::Submit);
    let e = refused(
        &doc,
        "2026-03-02",
        Role::Reviewer,
        Command::Return {
            reason: "  ".into(),
        },
    );
    assert_eq!(e.to_string(), "退回理由不能为空");
    let no_basis = Command::Review {
        conclusion: Openness::Proactive,
        basis: String::new(),
        withheld_parts: String::new(),
    };
    let e = refused(&doc, "2026-03-02", Role::Reviewer, no_basis);
    assert_eq!(e.to_string(), "审查依据不能为空");
}

#[test]
fn a_review_concluding_withheld_files_the_document_and_it_is_never_public() {
    // Arrange
    let doc = draft("X/2026-00001", content("内部请示", d("2026-03-02")));
    let doc = step(&doc, d("2026-03-02"), Role::Clerk, Command::Submit);
    let withheld = Openness::Withheld(WithholdGround::ProcessInfo);
    // Act
    let doc = step(&doc, d("2026-03-03"), Role::Reviewer, review(withheld));
    let doc = step(&doc, d("2026-03-04"), Role::Head, approve());
    // Assert
    assert_eq!(doc.status, Status::Filed);
    assert_eq!(doc.content.openness, withheld);
    assert!(!doc.is_public() && doc.versions.is_empty() && doc.public_view().is_none());
    assert_eq!(doc.last_assessed(), Some(d("2026-03-04")));
    let e = refused(
        &doc,
        "2026-03-05",
        Role::Head,
        Command::Withdraw { reason: "x".into() },
    );
    assert_eq!(
        e.to_string(),
        "文件当前状态为“已登记（不主动公开）”，不能撤回"
    );
}

#[test]
fn a_reassessment_keeps_it_filed_or_sends_it_back_for_review_as_proactive() {
    let doc = filed(Openness::Withheld(WithholdGround::ProcessInfo));
    let keep = Command::Reassess {
        basis: "仍属过程性信息".into(),
        outcome: ReassessOutcome::Keep,
    };
    assert!(matches!(
        refused(&doc, "2027-03-01", Role::Clerk, keep.clone()),
        DisclosureError::Forbidden { .. }
    ));
    let kept = step(&doc, d("2027-03-01"), Role::Reviewer, keep);
    assert_eq!(
        (kept.status, kept.last_assessed()),
        (Status::Filed, Some(d("2027-03-01")))
    );
    let disclose = Command::Reassess {
        basis: "决策已作出，情势变化".into(),
        outcome: ReassessOutcome::Disclose,
    };
    let reopened = step(&kept, d("2028-03-01"), Role::Reviewer, disclose);
    assert_eq!(reopened.status, Status::Draft);
    assert_eq!(reopened.content.openness, Openness::Proactive);
    assert!(
        !reopened.is_public(),
        "a re-assessment alone publishes nothing"
    );
    assert_eq!(
        publish(&reopened, d("2028-03-02")).status,
        Status::Published
    );
}

#[test]
fn a_correction_is_reviewed_and_approved_again_and_makes_version_two() {
    // Arrange
    let doc = published_notice();
    let open = open_correction("附件表格数字有误", "原文附件第2行金额更正为12万元");
    // Act
    let correcting = step(&doc, d("2026-03-10"), Role::Clerk, open);
    let mut fixed = correcting.content.clone();
    fixed.body.text = "更正后的正文".into();
    let edited = step(
        &correcting,
        d("2026-03-10"),
        Role::Clerk,
        Command::Edit { content: fixed },
    );
    let corrected = publish(&edited, d("2026-03-11"));
    // Assert
    assert_eq!(correcting.status_key(), "correction_draft");
    assert_eq!(
        edited.public_version().unwrap().content.body.text,
        "正文",
        "the old version stays public"
    );
    assert_eq!(corrected.status, Status::Corrected);
    let v2 = corrected.public_version().unwrap();
    assert_eq!(
        (v2.number, v2.formed_on, v2.published_on),
        (2, d("2026-03-10"), d("2026-03-11"))
    );
    assert_eq!(
        v2.correction.as_ref().unwrap().note,
        "原文附件第2行金额更正为12万元"
    );
    assert_eq!(corrected.versions[0].content.body.text, "正文");
    let during = edited.public_view().expect("the old version stays public");
    assert_eq!(
        (during.version, during.content.body.text.as_str()),
        (1, "正文")
    );
    let after = corrected.public_view().expect("public");
    assert_eq!(after.content.body.text, "更正后的正文");
    assert_eq!(
        (after.first_published_on, after.updated_on),
        (d("2026-03-03"), d("2026-03-11"))
    );
    assert_eq!(
        after.corrections,
        [(d("2026-03-11"), "原文附件第2行金额更正为12万元")]
    );
}

#[test]
fn a_correction_cannot_be_reviewed_into_withholding_and_can_be_cancelled() {
    let doc = published_notice();
    let open = open_correction("错字", "更正错字");
    let doc = step(&doc, d("2026-03-04"), Role::Clerk, open);
    let e = refused(&doc, "2026-03-04", Role::Clerk, open_correction("a", "b"));
    assert_eq!(e.to_string(), "文件当前状态为“更正起草中”，不能更正");
    let submitted = step(&doc, d("2026-03-04"), Role::Clerk, Command::Submit);
    let e = refused(
        &submitted,
        "2026-03-04",
        Role::Reviewer,
        review(Openness::OnRequest),
    );
    assert_eq!(e, DisclosureError::CorrectionNotPublishable);
    let cancelled = step(
        &doc,
        d("2026-03-05"),
        Role::Clerk,
        Command::CancelCorrection,
    );
    assert_eq!(cancelled.status, Status::Published);
    assert!(!cancelled.is_correcting());
}

#[test]
fn a_published_document_is_withdrawn_only_by_the_head_with_a_reason() {
    let doc = published_notice();
    let e = refused(
        &doc,
        "2026-03-04",
        Role::Clerk,
        Command::Withdraw {
            reason: "误发".into(),
        },
    );
    assert_eq!(
        e.to_string(),
        "经办人不能撤回已发布的文件：撤回已发布的文件须由负责人办理"
    );
    let e = refused(
        &doc,
        "2026-03-04",
        Role::Head,
        Command::Withdraw { reason: "".into() },
    );
    assert_eq!(e.to_string(), "撤回理由不能为空");
    let t = apply(
        &doc,
        Command::Withdraw {
            reason: "误发".into(),
        },
        &ctx(d("2026-03-04"), Role::Head),
    )
    .unwrap();
    assert_eq!(t.document.status, Status::Withdrawn);
    assert!(!t.document.is_public());
    assert_eq!(t.events[0].summary, "撤回已发布的文件：误发");
    assert_eq!(
        t.document.versions.len(),
        1,
        "the record keeps what was published"
    );
    assert_eq!(t.document.public_view(), None);
}

#[test]
fn validity_changes_are_recorded_without_a_new_version() {
    let mut c = content("某某管理办法", d("2021-03-02"));
    c.marker = Some(Marker::NormativeDocument);
    let doc = publish(&draft("X/2021-00001", c), d("2021-03-05"));
    let repeal = Validity::Repealed {
        on: d("2024-01-01"),
        replaced_by: Some(IndexNo::parse("X/2023-00017").unwrap()),
    };
    let t = apply(
        &doc,
        Command::SetValidity {
            validity: repeal.clone(),
        },
        &ctx(d("2023-12-20"), Role::Clerk),
    )
    .unwrap();
    assert_eq!(t.document.validity, repeal);
    assert_eq!(t.document.versions.len(), 1);
    assert_eq!(
        t.events[0].summary,
        "有效性：有效 → 废止（自2024-01-01，由索引号X/2023-00017的文件替代）"
    );
    let early = Command::SetValidity {
        validity: Validity::Expired {
            on: d("2020-01-01"),
        },
    };
    let e = refused(&doc, "2023-12-20", Role::Clerk, early);
    assert_eq!(
        e.to_string(),
        "失效或废止日期2020-01-01早于成文日期2021-03-02"
    );
}

#[test]
fn content_with_field_errors_is_refused_at_creation_and_edit() {
    let mut c = content("", d("2026-03-02"));
    c.body.text = String::new();
    let reg = Registration {
        index_no: IndexNo::parse("X/2026-00001").unwrap(),
        content: c,
        validity: Validity::Valid,
        published_on: None,
    };
    let e = create(reg.clone(), &ctx(d("2026-03-02"), Role::Clerk)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "文件信息填写有误：【标题】标题不能为空；【正文】正文和附件不能都为空"
    );
    let e = create(reg, &ctx(d("2026-03-02"), Role::Reviewer)).unwrap_err();
    assert!(matches!(e, DisclosureError::Forbidden { .. }));
}

#[test]
fn a_moved_in_document_keeps_its_original_publication_date() {
    let reg = Registration {
        index_no: IndexNo::parse("737407952/2019-00031").unwrap(),
        content: content("旧系统文件", d("2019-04-01")),
        validity: Validity::Valid,
        published_on: Some(d("2019-04-08")),
    };
    let t = create(reg, &ctx(d("2026-03-02"), Role::Clerk)).unwrap();
    assert!(t.events[0].summary.contains("原发布日期2019-04-08"));
    let doc = publish(&t.document, d("2026-03-03"));
    assert_eq!(doc.first_published_on(), Some(d("2019-04-08")));
}

#[test]
fn a_stored_record_that_publishes_without_review_or_approval_is_refused() {
    let doc = published_notice();
    assert_eq!(
        Document::restore(doc.clone().into_record()),
        Ok(doc.clone())
    );
    let mut forged = doc.clone().into_record();
    forged.versions[0].review.by.role = Role::Clerk;
    let e = Document::restore(forged).unwrap_err();
    assert_eq!(
        e.to_string(),
        "文件记录不一致：保密审查须由审核人办理，记录为经办人"
    );
    let mut forged = doc.clone().into_record();
    forged.versions[0].approval.by.role = Role::Reviewer;
    assert!(Document::restore(forged).is_err());
    let mut forged = doc.clone().into_record();
    forged.versions[0].review.conclusion = Openness::Withheld(WithholdGround::StateSecret);
    assert!(Document::restore(forged).is_err());
    let mut forged = draft("X/2026-00002", content("草稿", d("2026-03-02"))).into_record();
    forged.status = Status::Published;
    assert!(Document::restore(forged).is_err());
    let json = serde_json::to_string(&doc).unwrap();
    let tampered = json.replace("\"reviewer\"", "\"clerk\"");
    assert!(serde_json::from_str::<Document>(&tampered).is_err());
    assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), doc);
}

/// An operation of the property test, performed by some role.
#[derive(Debug, Clone, Copy)]
enum Op {
    Edit,
    Submit,
    ReviewProactive,
    ReviewWithheld,
    Return,
    Approve,
    Withdraw,
    OpenCorrection,
    CancelCorrection,
    Repeal,
    ReassessKeep,
    ReassessDisclose,
}

fn command(op: Op, doc: &Document, i: usize) -> Command {
    let reason = || format!("理由{i}");
    match op {
        Op::Edit => {
            let mut c = doc.content.clone();
            c.title = format!("标题{i}");
            Command::Edit { content: c }
        }
        Op::Submit => Command::Submit,
        Op::ReviewProactive => review(Openness::Proactive),
        Op::ReviewWithheld => review(Openness::Withheld(WithholdGround::StateSecret)),
        Op::Return => Command::Return { reason: reason() },
        Op::Approve => approve(),
        Op::Withdraw => Command::Withdraw { reason: reason() },
        Op::OpenCorrection => Command::OpenCorrection {
            reason: reason(),
            note: "更正说明".into(),
        },
        Op::CancelCorrection => Command::CancelCorrection,
        Op::Repeal => Command::SetValidity {
            validity: Validity::Repealed {
                on: doc.content.written_on,
                replaced_by: None,
            },
        },
        Op::ReassessKeep => Command::Reassess {
            basis: reason(),
            outcome: ReassessOutcome::Keep,
        },
        Op::ReassessDisclose => Command::Reassess {
            basis: reason(),
            outcome: ReassessOutcome::Disclose,
        },
    }
}

/// Every operation, the steps towards publication more often than the rest.
fn op() -> impl Strategy<Value = Op> {
    use Op::*;
    let common = prop::sample::select(vec![Submit, ReviewProactive, Approve]);
    let rest = prop::sample::select(vec![
        Edit,
        ReviewWithheld,
        Return,
        Withdraw,
        OpenCorrection,
        CancelCorrection,
        Repeal,
        ReassessKeep,
        ReassessDisclose,
    ]);
    prop_oneof![2 => common, 1 => rest]
}

/// The role that normally takes `op`.
fn usual_role(op: Op) -> Role {
    match op {
        Op::ReviewProactive | Op::ReviewWithheld | Op::ReassessKeep | Op::ReassessDisclose => {
            Role::Reviewer
        }
        Op::Approve | Op::Withdraw => Role::Head,
        _ => Role::Clerk,
    }
}

/// An operation by its usual role four times out of five, by any role otherwise.
fn performed() -> impl Strategy<Value = (Op, Role)> {
    let any_role = prop::sample::select(Role::ALL.to_vec());
    (op(), prop::bool::weighted(0.8), any_role)
        .prop_map(|(op, usual, other)| (op, if usual { usual_role(op) } else { other }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_sequence_of_commands_publishes_without_a_review_and_an_approval(
        steps in prop::collection::vec(performed(), 0..60)
    ) {
        let start = d("2026-03-02");
        let mut doc = draft("X/2026-00001", content("通知", start));
        // Whether a 审核人 recorded a 主动公开 review of the working copy since it last changed.
        let mut reviewed = false;
        for (i, (op, role)) in steps.into_iter().enumerate() {
            let today = start + Duration::days(i as i64);
            let Ok(t) = apply(&doc, command(op, &doc, i), &ctx(today, role)) else { continue };
            prop_assert_eq!(t.events.len(), 1);
            let new_versions = t.document.versions.len() - doc.versions.len();
            if new_versions > 0 {
                prop_assert!(matches!(op, Op::Approve) && role == Role::Head, "{op:?} by {role:?} published");
                prop_assert!(reviewed, "published without a positive review since the last change");
            }
            if let Some(view) = t.document.public_view() {
                prop_assert!(t.document.versions.iter().any(|v| &v.content == view.content));
            } else {
                prop_assert!(!t.document.is_public());
            }
            if !doc.is_public() && t.document.is_public() {
                prop_assert_eq!(new_versions, 1);
            }
            reviewed = match op {
                Op::ReviewProactive => role == Role::Reviewer,
                Op::Repeal => reviewed,
                _ => false,
            };
            prop_assert_eq!(Document::restore(t.document.clone().into_record()), Ok(t.document.clone()));
            doc = t.document;
        }
        for v in &doc.versions {
            prop_assert_eq!(v.review.by.role, Role::Reviewer);
            prop_assert_eq!(v.review.conclusion, Openness::Proactive);
            prop_assert_eq!(v.approval.by.role, Role::Head);
        }
    }
}

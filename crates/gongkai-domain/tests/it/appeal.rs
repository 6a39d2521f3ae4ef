//! 行政复议 / 行政诉讼: the decision → table-四 mapping, the agency's answer deadline, the record's
//! rules, and table 四 computed from the register passing T4-01.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use gongkai_domain::appeal::{
    AppealCommand, AppealError, AppealRegistration, Counting, DECISIONS, DecisionType, Forum,
    Procedure, Proceeding, ProceedingKind, apply, register, tally, tally_by,
};
use gongkai_domain::application::Ctx;
use gongkai_domain::choice::Choice;
use gongkai_domain::deadline::Mode;
use gongkai_domain::report::compute::{ReportInput, compute};
use gongkai_domain::report::table4::{Group, Outcome};
use gongkai_domain::report::{Cell, Format, Severity, rules};
use proptest::prelude::*;

use crate::calendar::shipped;
use crate::deadline::d;

fn ctx(today: &str) -> Ctx<'static> {
    Ctx {
        today: d(today),
        actor: "clerk",
        calendar: shipped(),
        mode: gongkai_domain::deadline::Mode::Strict,
    }
}

fn registration(kind: ProceedingKind, filed: &str, copy: Option<&str>) -> AppealRegistration {
    AppealRegistration {
        kind,
        forum_name: "宜春市人民政府".into(),
        case_no: String::new(),
        filed_on: d(filed),
        copy_received_on: copy.map(d),
        procedure: Procedure::Ordinary,
        applications: vec![7, 7, 9],
        prior_review: None,
    }
}

fn review(filed: &str, copy: &str) -> Proceeding {
    register(
        registration(ProceedingKind::AdminReview, filed, Some(copy)),
        &ctx("2026-12-31"),
    )
    .expect("a valid step in a test")
    .proceeding
}

fn due(p: &Proceeding) -> NaiveDate {
    p.answer_due(shipped(), Mode::Provisional)
        .expect("a valid step in a test")
        .expect("a valid step in a test")
        .due
}

#[test]
fn every_decision_is_mapped_once_to_a_decided_column_of_its_forum() {
    let ids: BTreeSet<&str> = DECISIONS.iter().map(|x| x.id).collect();
    assert_eq!(ids.len(), DECISIONS.len());
    for def in &DECISIONS {
        assert_eq!(def.decision.def(), def);
        assert!(Outcome::PARTS[..3].contains(&def.outcome), "{}", def.label);
        assert!(def.id.starts_with(if def.forum == Forum::Review {
            "review_"
        } else {
            "suit_"
        }));
        assert_eq!(DecisionType::parse(def.id), Some(def.decision));
        assert_eq!(
            DecisionType::parse_in(def.forum, def.label),
            Some(def.decision)
        );
    }
    assert_eq!(
        DecisionType::ReviewRequestRejected.outcome(),
        Outcome::Upheld
    );
    assert_eq!(
        DecisionType::SuitDeclaredUnlawful.outcome(),
        Outcome::Corrected
    );
    assert_eq!(DecisionType::SuitWithdrawn.outcome(), Outcome::Other);
    assert_eq!(DecisionType::of(Forum::Review).count(), 12);
}

#[test]
fn a_review_is_answered_within_ten_working_days_of_the_copy() {
    // 2026: 国庆 10-01…07 off, Saturday 10-10 a make-up working day.
    let p = review("2026-09-20", "2026-09-28");
    let answer = p.answer_due(shipped(), Mode::Strict).unwrap().unwrap();
    assert_eq!(answer.due, d("2026-10-16"));
    let text = answer.lines.join("\n");
    assert!(text.contains("《行政复议法》第四十八条"), "{text}");
    assert!(
        text.contains("2026-10-10（星期六）国庆节调休上班"),
        "{text}"
    );
}

#[test]
fn the_simplified_review_procedure_gives_five_working_days() {
    let mut p = review("2026-02-27", "2026-03-02");
    p.procedure = Procedure::Simplified;
    assert_eq!(due(&p), d("2026-03-09"));
}

#[test]
fn a_suit_is_answered_within_fifteen_calendar_days_extended_past_a_holiday() {
    let suit = |copy: &str| {
        register(
            registration(ProceedingKind::LitigationDirect, "2026-01-05", Some(copy)),
            &ctx("2026-12-31"),
        )
        .unwrap()
        .proceeding
    };
    assert_eq!(due(&suit("2026-03-02")), d("2026-03-17"));
    // 10-02 falls in 国庆: the period ends on the first working day after it.
    let p = suit("2026-09-17");
    let answer = p.answer_due(shipped(), Mode::Strict).unwrap().unwrap();
    assert_eq!(answer.due, d("2026-10-08"));
    assert!(
        answer
            .lines
            .iter()
            .any(|l| l.contains("顺延至其后的第一个工作日"))
    );
    // Sunday 09-20 is a 调休 working day: no extension.
    assert_eq!(due(&suit("2026-09-05")), d("2026-09-20"));
}

#[test]
fn a_december_suit_has_a_provisional_answer_date() {
    let p = register(
        registration(
            ProceedingKind::LitigationAfterReview,
            "2026-12-15",
            Some("2026-12-20"),
        ),
        &ctx("2026-12-31"),
    )
    .unwrap()
    .proceeding;
    assert!(p.answer_due(shipped(), Mode::Strict).is_err());
    let answer = p.answer_due(shipped(), Mode::Provisional).unwrap().unwrap();
    assert_eq!(answer.due, d("2027-01-04"));
    assert!(answer.provisional.is_some());
    assert!(answer.lines.last().unwrap().starts_with("届满（暂定）"));
}

#[test]
fn a_review_runs_from_registration_to_decision_with_its_events() {
    // Arrange
    let t = register(
        registration(ProceedingKind::AdminReview, "2026-03-02", None),
        &ctx("2026-03-02"),
    )
    .unwrap();
    let p = t.proceeding;
    assert_eq!(
        (p.applications.clone(), p.status_key()),
        (vec![7, 9], "filed")
    );
    assert!(p.answer_due(shipped(), Mode::Strict).unwrap().is_none());
    // Act
    let p2 = apply(
        &p,
        AppealCommand::ReceiveCopy {
            on: d("2026-03-05"),
        },
        &ctx("2026-03-05"),
    )
    .unwrap();
    let p3 = apply(
        &p2.proceeding,
        AppealCommand::Answer {
            on: d("2026-03-12"),
        },
        &ctx("2026-03-12"),
    )
    .unwrap();
    let p4 = apply(
        &p3.proceeding,
        AppealCommand::Decide {
            on: d("2026-05-06"),
            decision: DecisionType::ReviewRevoked,
        },
        &ctx("2026-05-06"),
    )
    .unwrap();
    // Assert
    assert_eq!(
        p2.events[0].summary,
        "2026-03-05收到行政复议申请书副本，答复（答辩）期限至2026-03-19"
    );
    assert_eq!(p3.proceeding.status_key(), "answered");
    let e = &p4.events[0];
    assert_eq!(
        (e.action.as_str(), e.before.as_deref(), e.after.as_deref()),
        ("appeal_decided", Some("answered"), Some("decided"))
    );
    assert!(
        e.summary
            .contains("撤销或者部分撤销（《行政复议法》第六十四条），计入年度报告表四“结果纠正”"),
        "{}",
        e.summary
    );
}

#[test]
fn a_decision_dated_before_the_filing_names_the_rule() {
    let p = review("2026-03-02", "2026-03-05");
    let err = apply(
        &p,
        AppealCommand::Decide {
            on: d("2026-02-27"),
            decision: DecisionType::ReviewUpheld,
        },
        &ctx("2026-06-01"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "审结日期2026-02-27早于申请行政复议之日（2026-03-02）"
    );
}

#[test]
fn illegal_steps_are_refused_in_chinese() {
    let p = review("2026-03-02", "2026-03-05");
    let today = ctx("2026-06-01");
    let cases = [
        (
            AppealCommand::Decide {
                on: d("2026-05-01"),
                decision: DecisionType::SuitDismissed,
            },
            "“判决驳回诉讼请求”是行政诉讼的结果，不能用于行政复议案件",
        ),
        (
            AppealCommand::ReceiveCopy {
                on: d("2026-03-06"),
            },
            "已于2026-03-05登记收到行政复议申请书副本",
        ),
        (
            AppealCommand::Answer {
                on: d("2026-03-04"),
            },
            "日期2026-03-04早于本案上一环节的日期（2026-03-05）",
        ),
        (
            AppealCommand::Answer {
                on: d("2026-06-02"),
            },
            "日期2026-06-02晚于今天（2026-06-01），不能登记尚未发生的事项",
        ),
        (
            AppealCommand::Link { application_id: 9 },
            "申请编号9已关联本案",
        ),
        (AppealCommand::Note { text: " ".into() }, "备注不能为空"),
    ];
    for (command, message) in cases {
        assert_eq!(apply(&p, command, &today).unwrap_err().to_string(), message);
    }
    let filed = register(
        registration(ProceedingKind::AdminReview, "2026-03-02", None),
        &today,
    )
    .unwrap()
    .proceeding;
    assert!(matches!(
        apply(
            &filed,
            AppealCommand::Answer {
                on: d("2026-03-10")
            },
            &today
        ),
        Err(AppealError::CopyNotReceived { .. })
    ));
    let decided = apply(
        &p,
        AppealCommand::Decide {
            on: d("2026-05-01"),
            decision: DecisionType::ReviewUpheld,
        },
        &today,
    )
    .unwrap()
    .proceeding;
    let err = apply(
        &decided,
        AppealCommand::Answer {
            on: d("2026-05-02"),
        },
        &today,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "本案已于2026-05-01审结，不能再提交答复（答辩）"
    );
    assert!(
        apply(
            &decided,
            AppealCommand::SetCaseNo {
                case_no: "（2026）赣09行复12号".into()
            },
            &today
        )
        .is_ok()
    );
}

#[test]
fn a_late_answer_is_recorded_and_says_so() {
    let p = review("2026-03-02", "2026-03-05");
    let t = apply(
        &p,
        AppealCommand::Answer {
            on: d("2026-03-25"),
        },
        &ctx("2026-03-25"),
    )
    .unwrap();
    assert!(
        t.events[0].summary.contains("（已超过期限2026-03-19）"),
        "{}",
        t.events[0].summary
    );
}

fn decided(
    kind: ProceedingKind,
    filed: &str,
    decision: Option<(DecisionType, &str)>,
) -> Proceeding {
    let mut p = register(registration(kind, filed, None), &ctx("2026-12-31"))
        .expect("a valid step in a test")
        .proceeding;
    if let Some((decision, on)) = decision {
        p = apply(
            &p,
            AppealCommand::Decide {
                on: d(on),
                decision,
            },
            &ctx("2026-12-31"),
        )
        .expect("a valid step in a test")
        .proceeding;
    }
    p
}

#[test]
fn table_four_counts_the_year_and_passes_t4_01() {
    // Arrange: one review carried over from 2025, decided in 2026; one decided in 2026; one
    // pending; a direct suit decided in 2027 (pending at the end of 2026); one decided in 2024.
    let register_ = vec![
        decided(
            ProceedingKind::AdminReview,
            "2025-11-03",
            Some((DecisionType::ReviewUpheld, "2026-01-20")),
        ),
        decided(
            ProceedingKind::AdminReview,
            "2026-02-03",
            Some((DecisionType::ReviewRevoked, "2026-04-01")),
        ),
        decided(ProceedingKind::AdminReview, "2026-11-03", None),
        decided(ProceedingKind::LitigationDirect, "2026-06-01", None),
        decided(
            ProceedingKind::LitigationAfterReview,
            "2024-01-10",
            Some((DecisionType::SuitWithdrawn, "2024-03-01")),
        ),
    ];
    // Act
    let input = ReportInput {
        format: Format::F2021,
        year: Some(2026),
        appeals: tally(&register_, 2026),
        ..ReportInput::default()
    };
    let report = compute(&input).unwrap();
    // Assert
    let row = |g: Group| {
        report.table4[&g]
            .iter()
            .map(Cell::integer)
            .collect::<Vec<_>>()
    };
    assert_eq!(row(Group::AdminReview), [1, 1, 0, 1, 3].map(Some));
    assert_eq!(row(Group::LitigationDirect), [0, 0, 0, 1, 1].map(Some));
    assert_eq!(row(Group::LitigationAfterReview), [0, 0, 0, 0, 0].map(Some));
    let t4: Vec<_> = rules::check(&report)
        .into_iter()
        .filter(|f| f.rule == "T4-01")
        .collect();
    assert!(t4.iter().all(|f| f.severity != Severity::Error), "{t4:?}");
    assert_eq!(tally_by(&register_, 2026, Counting::FiledInYear).len(), 3);
}

fn proceeding_strategy() -> impl Strategy<Value = Proceeding> {
    let kinds = prop::sample::select(ProceedingKind::all().collect::<Vec<_>>());
    (
        kinds,
        0i64..1400,
        prop::option::of((0usize..DECISIONS.len(), 0i64..400)),
    )
        .prop_map(|(kind, filed, ruling)| {
            let filed_on = d("2023-01-01") + Duration::days(filed);
            let mut p = decided(kind, "2023-01-01", None);
            p.filed_on = filed_on;
            p.last_event_on = filed_on;
            let of_forum: Vec<DecisionType> = DecisionType::of(kind.forum()).collect();
            if let Some((i, after)) = ruling {
                let on = filed_on + Duration::days(after);
                p = apply(
                    &p,
                    AppealCommand::Decide {
                        on,
                        decision: of_forum[i % of_forum.len()],
                    },
                    &ctx("2027-12-31"),
                )
                .expect("a valid step in a test")
                .proceeding;
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn table_four_from_any_register_adds_up(register_ in prop::collection::vec(proceeding_strategy(), 0..30), year in 2023i32..2027) {
        let appeals = tally(&register_, year);
        let report = compute(&ReportInput { format: Format::F2021, year: Some(year), appeals: appeals.clone(), ..ReportInput::default() }).unwrap();
        let errors: Vec<_> = rules::check(&report).into_iter().filter(|f| f.rule == "T4-01" && f.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let pending_end = register_.iter().filter(|p| p.is_pending_on(d(&format!("{year}-12-31")))).count();
        prop_assert_eq!(appeals.iter().filter(|a| a.outcome == Outcome::Pending).count(), pending_end);
    }
}

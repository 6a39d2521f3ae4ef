//! The case clock: every transition's preconditions, the answer deadline through 补正, 征求意见,
//! 延期 and 收费, the table-三 row of every ending, and the year-end tally over random histories.

use chrono::{Duration, NaiveDate};
use gongkai_domain::application::tally::{case_tally, tally};
use gongkai_domain::application::{
    ApplicantType, Case, Channel, Command, ConsultationReply, Ctx, Decision, DeclinedGround, Party,
    Receipt, Referral, Registration, Reply, TransitionError, WithheldGround, apply, register,
};
use gongkai_domain::report::Format;
use gongkai_domain::report::compute::{ReportInput, compute};
use gongkai_domain::report::rules;
use gongkai_domain::report::table3::{Applicant, Row};
use proptest::prelude::*;

use crate::calendar::shipped;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid date in a test")
}

fn ctx(today: &str) -> Ctx<'static> {
    Ctx {
        today: d(today),
        actor: "李科员",
        calendar: shipped(),
    }
}

fn registered(on: &str, applicant: ApplicantType) -> Case {
    let reg = Registration {
        applicant,
        receipt: Receipt {
            channel: Channel::InPerson,
            arrived_on: d(on),
            confirmed_on: None,
        },
        request: "2025年本机关行政处罚决定书".into(),
    };
    register(reg, &ctx(on)).expect("registration succeeds").case
}

fn step(case: &Case, today: &str, command: Command) -> Case {
    apply(case, command, &ctx(today))
        .expect("the step is allowed")
        .case
}

fn granted() -> Decision {
    Decision {
        reply: Reply::Granted,
        legal_basis: "《条例》第三十六条第二项".into(),
        reasons: String::new(),
        referral: None,
        withheld_parts: None,
    }
}

fn due(case: &Case) -> Option<NaiveDate> {
    case.answer_deadline(shipped())
        .expect("calendar covers the period")
        .due()
}

#[test]
fn a_case_runs_from_registration_to_archive_with_one_event_per_step() {
    // Arrange
    let case = registered("2026-02-10", ApplicantType::NaturalPerson);
    assert_eq!(due(&case), Some(d("2026-03-16")));
    // Act
    let t = apply(
        &case,
        Command::Decide {
            on: d("2026-03-02"),
            decision: granted(),
        },
        &ctx("2026-03-02"),
    )
    .unwrap();
    let served = step(
        &t.case,
        "2026-03-03",
        Command::Serve {
            on: d("2026-03-03"),
        },
    );
    let archived = apply(
        &served,
        Command::Archive {
            on: d("2026-03-04"),
        },
        &ctx("2026-03-04"),
    )
    .unwrap();
    // Assert
    assert_eq!(t.events.len(), 1);
    assert_eq!(
        (
            t.events[0].before.as_deref(),
            t.events[0].after.as_deref().unwrap_or_default()
        ),
        (Some("processing"), "decided")
    );
    assert_eq!(t.events[0].actor, "李科员");
    assert_eq!(archived.case.status_key(), "archived");
    assert_eq!(archived.case.result_row(Format::F2021), Some(Row::Granted));
}

#[test]
fn online_and_ordinary_mail_count_from_the_confirmation_day() {
    let receipt = Receipt {
        channel: Channel::Online,
        arrived_on: d("2026-03-06"),
        confirmed_on: None,
    };
    assert_eq!(
        receipt.received_on(),
        Err(TransitionError::ConfirmationMissing {
            channel: "互联网渠道"
        })
    );
    let receipt = Receipt {
        confirmed_on: Some(d("2026-03-09")),
        ..receipt
    };
    assert_eq!(receipt.received_on(), Ok(d("2026-03-09")));
    let mail = Receipt {
        channel: Channel::RegisteredMail,
        arrived_on: d("2026-03-06"),
        confirmed_on: None,
    };
    assert_eq!(mail.received_on(), Ok(d("2026-03-06")));
    assert_eq!(Channel::parse("平信"), Some(Channel::OrdinaryMail));
}

#[test]
fn correction_must_go_out_within_seven_working_days_and_restarts_the_clock() {
    let case = registered("2026-02-10", ApplicantType::Commercial);
    // 7 working days after 2026-02-10: 11,12,13,14(调休),24,25,26 → 2026-02-26.
    let late = Command::RequestCorrection {
        on: d("2026-02-27"),
        items: "身份证明".into(),
        period: 15,
    };
    let err = apply(&case, late, &ctx("2026-02-27")).unwrap_err();
    assert_eq!(
        err,
        TransitionError::CorrectionTooLate {
            latest: d("2026-02-26")
        }
    );
    assert!(err.to_string().contains("7个工作日内"));
    let asked = step(
        &case,
        "2026-02-26",
        Command::RequestCorrection {
            on: d("2026-02-26"),
            items: "身份证明".into(),
            period: 15,
        },
    );
    let again = Command::RequestCorrection {
        on: d("2026-02-26"),
        items: "其他".into(),
        period: 5,
    };
    assert!(matches!(
        apply(&asked, again, &ctx("2026-02-26")),
        Err(TransitionError::WrongStatus { .. })
    ));
    let supplied = step(
        &asked,
        "2026-03-05",
        Command::ReceiveCorrection {
            on: d("2026-03-05"),
            late_reason: None,
        },
    );
    assert_eq!(supplied.clock_start, d("2026-03-05"));
    // 20 working days after 2026-03-05 (Thu): 2026-04-02.
    assert_eq!(due(&supplied), Some(d("2026-04-02")));
    assert!(supplied.answer_deadline(shipped()).unwrap().lines()[0].contains("收到补正后的申请"));
}

#[test]
fn a_lapsed_correction_closes_the_case_in_the_no_correction_row() {
    let case = registered("2026-03-02", ApplicantType::NaturalPerson);
    let asked = step(
        &case,
        "2026-03-03",
        Command::RequestCorrection {
            on: d("2026-03-03"),
            items: "联系方式".into(),
            period: 10,
        },
    );
    let early = apply(&asked, Command::LapseCorrection, &ctx("2026-03-17")).unwrap_err();
    assert_eq!(
        early,
        TransitionError::NotLapsed {
            what: "补正期限",
            due: d("2026-03-17")
        }
    );
    let late = Command::ReceiveCorrection {
        on: d("2026-03-18"),
        late_reason: None,
    };
    assert_eq!(
        apply(&asked, late, &ctx("2026-03-18")).unwrap_err(),
        TransitionError::CorrectionLapsed {
            due: d("2026-03-17")
        }
    );
    let closed = step(&asked, "2026-03-18", Command::LapseCorrection);
    assert_eq!(
        closed.result_row(Format::F2021),
        Some(Row::OtherNoCorrection)
    );
    assert_eq!(closed.result_row(Format::F2019), Some(Row::Other));
    assert_eq!(closed.concluded_on(), Some(d("2026-03-17")));
}

#[test]
fn a_consultation_pauses_the_clock_and_blocks_the_reply_until_it_ends() {
    let case = registered("2026-03-02", ApplicantType::Research);
    let consulting = step(
        &case,
        "2026-03-05",
        Command::StartConsultation {
            on: d("2026-03-04"),
            party: Party::ThirdParty,
            name: "某公司".into(),
            delivered_on: Some(d("2026-03-05")),
        },
    );
    assert_eq!(consulting.status_key(), "consulting");
    assert_eq!(consulting.consultations[0].reply_due, Some(d("2026-03-26")));
    assert_eq!(due(&consulting), None);
    let blocked = apply(
        &consulting,
        Command::Decide {
            on: d("2026-03-10"),
            decision: granted(),
        },
        &ctx("2026-03-10"),
    );
    assert_eq!(
        blocked.unwrap_err(),
        TransitionError::ConsultationsOpen { count: 1 }
    );
    let silent = Command::EndConsultation {
        number: 1,
        on: d("2026-03-20"),
        reply: ConsultationReply::NoReply,
    };
    assert!(matches!(
        apply(&consulting, silent, &ctx("2026-03-20")),
        Err(TransitionError::NotLapsed { .. })
    ));
    let ended = step(
        &consulting,
        "2026-03-20",
        Command::EndConsultation {
            number: 1,
            on: d("2026-03-20"),
            reply: ConsultationReply::Objected("涉及商业秘密".into()),
        },
    );
    assert_eq!(due(&ended), Some(d("2026-04-16")));
}

#[test]
fn an_extension_is_granted_once_for_at_most_twenty_days_with_an_approver() {
    let case = registered("2026-03-02", ApplicantType::NaturalPerson);
    let too_long = Command::Extend {
        on: d("2026-03-20"),
        days: 21,
        approver: "王主任".into(),
    };
    assert_eq!(
        apply(&case, too_long, &ctx("2026-03-20")).unwrap_err(),
        TransitionError::ExtensionLength { days: 21 }
    );
    let nobody = Command::Extend {
        on: d("2026-03-20"),
        days: 20,
        approver: " ".into(),
    };
    assert!(matches!(
        apply(&case, nobody, &ctx("2026-03-20")),
        Err(TransitionError::Empty { .. })
    ));
    let expired = Command::Extend {
        on: d("2026-03-31"),
        days: 20,
        approver: "王主任".into(),
    };
    assert_eq!(
        apply(&case, expired, &ctx("2026-03-31")).unwrap_err(),
        TransitionError::PeriodExpired {
            due: d("2026-03-30")
        }
    );
    let extended = step(
        &case,
        "2026-03-20",
        Command::Extend {
            on: d("2026-03-20"),
            days: 20,
            approver: "王主任".into(),
        },
    );
    assert_eq!(due(&extended), Some(d("2026-04-28")));
    let twice = Command::Extend {
        on: d("2026-03-23"),
        days: 5,
        approver: "王主任".into(),
    };
    assert_eq!(
        apply(&extended, twice, &ctx("2026-03-23")).unwrap_err(),
        TransitionError::ExtensionTwice {
            on: d("2026-03-20")
        }
    );
}

#[test]
fn a_fee_notice_pauses_the_clock_and_an_unpaid_fee_closes_the_case() {
    let case = registered("2026-03-02", ApplicantType::LegalServices);
    let noticed = step(
        &case,
        "2026-03-05",
        Command::IssueFeeNotice {
            on: d("2026-03-04"),
            served_on: d("2026-03-05"),
            amount_fen: 100_000,
        },
    );
    assert_eq!(noticed.fee.as_ref().unwrap().pay_due, d("2026-04-02"));
    assert_eq!(due(&noticed), None);
    let paid = step(
        &noticed,
        "2026-03-20",
        Command::RecordPayment {
            on: d("2026-03-20"),
        },
    );
    assert_eq!(due(&paid), Some(d("2026-04-16")));
    let closed = step(&noticed, "2026-04-07", Command::LapseFee);
    assert_eq!(closed.result_row(Format::F2021), Some(Row::OtherFeeUnpaid));
    assert_eq!(closed.result_row(Format::F2019), Some(Row::Other));
}

#[test]
fn each_reply_type_requires_its_fields_and_preconditions() {
    let case = registered("2026-03-02", ApplicantType::NaturalPerson);
    let on = d("2026-03-10");
    let decide = |decision| apply(&case, Command::Decide { on, decision }, &ctx("2026-03-10"));
    let referral_missing = Decision {
        reply: Reply::NotThisAgency,
        reasons: "非本机关制作".into(),
        ..granted()
    };
    let err = decide(referral_missing.clone()).unwrap_err();
    assert!(err.to_string().contains("名称和联系方式"), "{err}");
    let referred = Decision {
        referral: Some(Referral {
            agency: "某市自然资源局".into(),
            contact: "0000-12345678".into(),
        }),
        ..referral_missing
    };
    assert_eq!(
        decide(referred).unwrap().case.result_row(Format::F2021),
        Some(Row::UnavailableNotHeld)
    );
    let partly = Decision {
        reply: Reply::PartlyGranted,
        reasons: "含个人隐私".into(),
        ..granted()
    };
    assert!(
        decide(partly)
            .unwrap_err()
            .to_string()
            .contains("不予公开的部分")
    );
    let withheld = Decision {
        reply: Reply::Withheld(WithheldGround::ProcessInfo),
        ..granted()
    };
    assert!(decide(withheld).unwrap_err().to_string().contains("理由"));
    let unclear = Decision {
        reply: Reply::StillUnclear,
        reasons: "仍不明确".into(),
        ..granted()
    };
    assert_eq!(decide(unclear).unwrap_err(), TransitionError::NoSupplement);
    let excessive = Decision {
        reply: Reply::Declined(DeclinedGround::Excessive),
        reasons: "大量反复".into(),
        ..granted()
    };
    assert_eq!(
        decide(excessive).unwrap_err(),
        TransitionError::NoReasonsRequested
    );
    let no_basis = Decision {
        legal_basis: String::new(),
        ..granted()
    };
    assert!(
        decide(no_basis)
            .unwrap_err()
            .to_string()
            .contains("法律依据")
    );
}

#[test]
fn dates_may_not_be_in_the_future_or_before_the_previous_step() {
    let case = registered("2026-03-02", ApplicantType::NaturalPerson);
    let future = Command::Withdraw {
        on: d("2026-03-05"),
    };
    assert!(matches!(
        apply(&case, future, &ctx("2026-03-04")),
        Err(TransitionError::FutureDate { .. })
    ));
    let before = Command::Withdraw {
        on: d("2026-03-01"),
    };
    assert!(matches!(
        apply(&case, before, &ctx("2026-03-04")),
        Err(TransitionError::BeforePrevious { .. })
    ));
    let withdrawn = step(
        &case,
        "2026-03-04",
        Command::Withdraw {
            on: d("2026-03-04"),
        },
    );
    assert_eq!(withdrawn.result_row(Format::F2021), Some(Row::OtherMisc));
    let again = apply(
        &withdrawn,
        Command::Withdraw {
            on: d("2026-03-04"),
        },
        &ctx("2026-03-04"),
    );
    assert!(again.unwrap_err().to_string().contains("不能撤回申请"));
}

#[test]
fn a_case_open_on_31_december_is_carried_forward() {
    let open = registered("2025-12-15", ApplicantType::SocialWelfare);
    let decided = step(
        &open,
        "2026-01-05",
        Command::Decide {
            on: d("2026-01-05"),
            decision: granted(),
        },
    );
    assert!(open.is_carried_forward(2025));
    assert!(decided.is_carried_forward(2025));
    assert!(!decided.is_carried_forward(2026));
    let t2025 = tally(std::slice::from_ref(&decided), 2025, Format::F2021);
    let t2026 = tally(&[decided], 2026, Format::F2021);
    assert_eq!(t2025.get(Row::CarriedForward, Applicant::SocialWelfare), 1);
    assert_eq!(t2026.get(Row::CarriedOver, Applicant::SocialWelfare), 1);
    assert_eq!(t2026.get(Row::Granted, Applicant::Total), 1);
}

/// One random step: which command, how many days later, and a parameter.
type Op = (u8, u8, u8);

fn command_for(case: &Case, op: Op, on: NaiveDate) -> Command {
    let (kind, _, p) = op;
    let reply = match p % 4 {
        0 => Reply::Granted,
        1 => Reply::Withheld(WithheldGround::ThirdParty),
        2 => Reply::NotHeld,
        _ => Reply::Declined(DeclinedGround::Duplicate),
    };
    let decision = Decision {
        reply,
        reasons: "理由".into(),
        ..granted()
    };
    match kind % 12 {
        0 => Command::RequestCorrection {
            on,
            items: "补正事项".into(),
            period: 1 + u32::from(p % 15),
        },
        1 => Command::ReceiveCorrection {
            on,
            late_reason: None,
        },
        2 => Command::LapseCorrection,
        3 => Command::StartConsultation {
            on,
            party: Party::CoMaker,
            name: "共同制作机关".into(),
            delivered_on: Some(on),
        },
        4 => Command::EndConsultation {
            number: case.consultations.len(),
            on,
            reply: ConsultationReply::Consented,
        },
        5 => Command::Extend {
            on,
            days: u32::from(p % 25),
            approver: "负责人".into(),
        },
        6 => Command::IssueFeeNotice {
            on,
            served_on: on,
            amount_fen: 100 * u64::from(p),
        },
        7 => Command::RecordPayment { on },
        8 => Command::LapseFee,
        9 => Command::Withdraw { on },
        _ => Command::Decide { on, decision },
    }
}

/// Runs a random history; steps that are refused are skipped, as a clerk would be refused.
fn run(start: NaiveDate, applicant: usize, ops: &[Op]) -> Case {
    let reg = Registration {
        applicant: ApplicantType::ALL[applicant],
        receipt: Receipt {
            channel: Channel::InPerson,
            arrived_on: start,
            confirmed_on: None,
        },
        request: "信息".into(),
    };
    let mut today = start;
    let mut case = register(
        reg,
        &Ctx {
            today,
            actor: "测试",
            calendar: shipped(),
        },
    )
    .expect("registration succeeds")
    .case;
    for op in ops {
        today += Duration::days(i64::from(op.1 % 20));
        let c = Ctx {
            today,
            actor: "测试",
            calendar: shipped(),
        };
        if let Ok(t) = apply(&case, command_for(&case, *op, today), &c) {
            assert_eq!(t.events.len(), 1);
            case = t.case;
        }
    }
    case
}

fn histories() -> impl Strategy<Value = Vec<Case>> {
    let one = (
        0i64..700,
        0usize..6,
        prop::collection::vec(any::<Op>(), 0..12),
    );
    prop::collection::vec(one, 1..40).prop_map(|v| {
        v.into_iter()
            .map(|(offset, a, ops)| run(d("2024-01-01") + Duration::days(offset), a, &ops))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_closed_case_maps_to_exactly_one_result_row_and_column(cases in histories()) {
        for case in &cases {
            for format in Format::ALL {
                match case.result_row(format) {
                    Some(row) => prop_assert_eq!(Row::results(format).filter(|r| *r == row).count(), 1),
                    None => prop_assert!(case.is_open()),
                }
            }
            prop_assert_ne!(case.applicant.column(), Applicant::Total);
            if let Some(e) = &case.extension {
                prop_assert!(e.days >= 1 && e.days <= 20);
            }
        }
    }

    #[test]
    fn the_year_end_carry_over_identity_holds(cases in histories()) {
        for year in 2024..=2025 {
            for format in Format::ALL {
                let this = tally(&cases, year, format);
                let next = tally(&cases, year + 1, format);
                for col in gongkai_domain::report::table3::COLUMNS.iter().map(|c| c.column) {
                    let input = this.get(Row::NewReceived, col) + this.get(Row::CarriedOver, col);
                    let output = this.get(Row::Total, col) + this.get(Row::CarriedForward, col);
                    prop_assert_eq!(input, output, "T3-01 {:?} {}", col, year);
                    let results: u64 = Row::results(format).map(|r| this.get(r, col)).sum();
                    prop_assert_eq!(results, this.get(Row::Total, col), "T3-03");
                    prop_assert_eq!(this.get(Row::CarriedForward, col), next.get(Row::CarriedOver, col), "Y-01");
                }
                let open = cases.iter().filter(|c| c.is_carried_forward(year)).count() as u64;
                prop_assert_eq!(this.get(Row::CarriedForward, Applicant::Total), open);
            }
        }
    }

    #[test]
    fn the_report_computed_from_case_tallies_matches_the_tally_and_passes_the_table_rules(cases in histories()) {
        for year in 2024..=2025 {
            for format in Format::ALL {
                let input = ReportInput {
                    format,
                    year: Some(year),
                    cases: cases.iter().filter_map(|c| case_tally(c, year, format)).collect(),
                    ..Default::default()
                };
                let report = compute(&input).unwrap();
                let counts = tally(&cases, year, format);
                for row in Row::of(format) {
                    for col in gongkai_domain::report::table3::COLUMNS.iter().map(|c| c.column) {
                        let n = i64::try_from(counts.get(row, col)).unwrap();
                        prop_assert_eq!(report.t3(row, col).integer(), Some(n), "{:?} {:?}", row, col);
                    }
                }
                let t3_errors: Vec<_> = rules::check(&report).into_iter().filter(|f| f.rule.starts_with("T3")).collect();
                prop_assert!(t3_errors.is_empty(), "{:?}", t3_errors);
            }
        }
    }
}

#[test]
fn a_case_round_trips_through_json_for_storage() {
    let case = registered("2026-03-02", ApplicantType::NaturalPerson);
    let decision = Decision {
        reply: Reply::Withheld(WithheldGround::StateSecret),
        reasons: "属于国家秘密".into(),
        ..granted()
    };
    let decided = step(
        &case,
        "2026-03-10",
        Command::Decide {
            on: d("2026-03-10"),
            decision,
        },
    );
    let json = serde_json::to_string(&decided).unwrap();
    assert!(json.contains(r#""status":"decided""#), "{json}");
    assert_eq!(serde_json::from_str::<Case>(&json).unwrap(), decided);
}

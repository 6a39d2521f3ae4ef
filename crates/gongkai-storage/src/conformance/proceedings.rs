//! Conformance: the 行政复议 / 行政诉讼 register — registration with its events and its links
//! (only to the agency's own applications), steps with optimistic locking, the idempotency key,
//! a case's proceedings, and table-四 cells that select exactly what the domain's tally counts.

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use super::build;
use super::cases::{ctx, date, new_application};
use crate::cases::{Application, Due};
use crate::proceedings::*;
use crate::testing::TestDb;
use crate::*;
use gongkai_domain::appeal::{
    self, AppealCommand, AppealRegistration, DecisionType, Procedure, ProceedingKind,
};
use gongkai_domain::application::ApplicantType;
use gongkai_domain::calendar::WorkCalendar;
use gongkai_domain::report::table4::{Group, Outcome};

/// A proceeding of `kind` filed on `filed` (copy received then too) about `applications`.
pub fn new_proceeding(
    kind: ProceedingKind,
    filed: &str,
    applications: Vec<i64>,
    due: Option<&str>,
) -> NewProceeding {
    let cal = WorkCalendar::shipped();
    let reg = AppealRegistration {
        kind,
        forum_name: "某某市人民政府".into(),
        case_no: String::new(),
        filed_on: date(filed),
        copy_received_on: Some(date(filed)),
        procedure: Procedure::Ordinary,
        applications,
        prior_review: None,
    };
    NewProceeding {
        idempotency_key: None,
        registered: appeal::register(reg, &ctx(&cal, "2026-12-31")).unwrap(),
        due: Due {
            on: due.map(date),
            provisional: false,
        },
    }
}

/// Applies `cmd` to a stored proceeding and saves the step.
pub async fn step(
    db: &TestDb,
    p: &StoredProceeding,
    cmd: AppealCommand,
) -> StoreResult<StoredProceeding> {
    let cal = WorkCalendar::shipped();
    let t = appeal::apply(&p.proceeding, cmd, &ctx(&cal, "2026-12-31")).unwrap();
    let s = ProceedingStep {
        proceeding: t.proceeding,
        due: p.due,
        events: t.events,
    };
    db.store
        .commit_proceeding(p.agency_id, p.id, p.version, &s)
        .await
}

async fn setup(db: &TestDb, code: &str, n: usize) -> (Agency, Vec<Application>) {
    let cal = WorkCalendar::shipped();
    let s = &db.store;
    let a = s
        .create_agency(&Actor::system(), &build::agency(code, None))
        .await
        .unwrap();
    let mut apps = Vec::new();
    for i in 0..n {
        let new = new_application(
            &cal,
            "2025-03-03",
            &format!("信息{i}"),
            &format!("{code}{i}"),
            ApplicantType::NaturalPerson,
        );
        apps.push(s.create_application(a.id, &new).await.unwrap());
    }
    (a, apps)
}

/// How many proceedings of `scope` match `f`.
async fn count(s: &dyn Store, scope: Scope, f: ProceedingFilter) -> u64 {
    s.proceedings(scope, &f, 0, 100).await.unwrap().1
}

pub async fn a_proceeding_is_registered_with_its_events_and_linked_only_to_its_agencys_cases(
    db: TestDb,
) {
    let s = &db.store;
    let (a, apps) = setup(&db, "PRA", 2).await;
    let (b, other) = setup(&db, "PRB", 1).await;
    let new = new_proceeding(
        ProceedingKind::AdminReview,
        "2026-03-03",
        vec![apps[0].id, apps[1].id],
        Some("2026-03-17"),
    );
    let p = s.create_proceeding(a.id, &new).await.unwrap();
    assert_eq!((p.version, &p.proceeding), (1, &new.registered.proceeding));
    assert_eq!(p.due.on, Some(date("2026-03-17")));
    let events = s.proceeding_events(a.id, p.id).await.unwrap();
    let actions: Vec<_> = events
        .iter()
        .map(|e| (e.event.action.as_str(), e.event.subject_id.clone()))
        .collect();
    assert_eq!(
        actions,
        [
            ("appeal_registered", p.id.to_string()),
            ("appeal_copy_received", p.id.to_string())
        ]
    );
    let of = |id| ProceedingFilter {
        application: Some(id),
        ..Default::default()
    };
    assert_eq!(
        count(s.as_ref(), Scope::agency(a.id), of(apps[1].id)).await,
        1
    );
    assert_eq!(
        count(s.as_ref(), Scope::agency(a.id), of(other[0].id)).await,
        0
    );
    let foreign = new_proceeding(
        ProceedingKind::AdminReview,
        "2026-03-03",
        vec![apps[0].id, other[0].id],
        None,
    );
    let refused = s.create_proceeding(a.id, &foreign).await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    let none = new_proceeding(ProceedingKind::AdminReview, "2026-03-03", vec![], None);
    let refused = s.create_proceeding(a.id, &none).await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    assert_eq!(
        count(s.as_ref(), Scope::agency(a.id), ProceedingFilter::default()).await,
        1,
        "nothing stored by a refusal"
    );
    assert!(matches!(
        s.proceeding(Scope::agency(b.id), p.id).await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        count(s.as_ref(), Scope::agency(b.id), ProceedingFilter::default()).await,
        0
    );
    assert!(db.verify().await.is_intact());
}

pub async fn a_proceeding_step_is_saved_with_its_events_and_a_stale_one_refused(db: TestDb) {
    let s = &db.store;
    let (a, apps) = setup(&db, "PSA", 1).await;
    let (b, _) = setup(&db, "PSB", 0).await;
    let new = new_proceeding(
        ProceedingKind::LitigationDirect,
        "2026-03-03",
        vec![apps[0].id],
        Some("2026-03-18"),
    );
    let p = s.create_proceeding(a.id, &new).await.unwrap();
    let answered = step(
        &db,
        &p,
        AppealCommand::Answer {
            on: date("2026-03-10"),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        (answered.version, answered.proceeding.answered_on),
        (2, Some(date("2026-03-10")))
    );
    assert_eq!(
        answered.due.on, None,
        "an answered proceeding has no deadline in force"
    );
    let stale = step(
        &db,
        &p,
        AppealCommand::Note {
            text: "迟到的备注".into(),
        },
    )
    .await;
    assert!(matches!(stale, Err(StoreError::Stale)), "{stale:?}");
    let mut foreign = answered.clone();
    foreign.agency_id = b.id;
    let cross = step(&db, &foreign, AppealCommand::Note { text: "x".into() }).await;
    assert!(
        matches!(cross, Err(StoreError::NotFound { .. })),
        "{cross:?}"
    );
    let decided = step(
        &db,
        &answered,
        AppealCommand::Decide {
            on: date("2026-05-06"),
            decision: DecisionType::SuitDismissed,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        decided.proceeding.ruling.map(|r| r.on),
        Some(date("2026-05-06"))
    );
    let open = |o| ProceedingFilter {
        open: Some(o),
        ..Default::default()
    };
    assert_eq!(
        (
            count(s.as_ref(), Scope::agency(a.id), open(true)).await,
            count(s.as_ref(), Scope::agency(a.id), open(false)).await
        ),
        (0, 1)
    );
    let actions: Vec<_> = s
        .proceeding_events(a.id, p.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.action)
        .collect();
    assert_eq!(
        actions,
        [
            "appeal_registered",
            "appeal_copy_received",
            "appeal_answered",
            "appeal_decided"
        ]
    );
    assert!(db.verify().await.is_intact());
}

pub async fn a_repeated_key_registers_one_proceeding(db: TestDb) {
    let s = &db.store;
    let (a, apps) = setup(&db, "PKA", 1).await;
    let (b, other) = setup(&db, "PKB", 1).await;
    let mut new = new_proceeding(
        ProceedingKind::AdminReview,
        "2026-03-03",
        vec![apps[0].id],
        None,
    );
    new.idempotency_key = Some("ext-7".into());
    let first = s.create_proceeding(a.id, &new).await.unwrap();
    let again = s.create_proceeding(a.id, &new).await.unwrap();
    assert_eq!(again, first);
    assert_eq!(
        s.proceeding_events(a.id, first.id).await.unwrap().len(),
        2,
        "logged once"
    );
    let mut elsewhere = new_proceeding(
        ProceedingKind::AdminReview,
        "2026-03-03",
        vec![other[0].id],
        None,
    );
    elsewhere.idempotency_key = Some("ext-7".into());
    let theirs = s.create_proceeding(b.id, &elsewhere).await.unwrap();
    assert_ne!(theirs.id, first.id, "keys are per agency");
}

/// A proceeding of the table-四 test: kind, filing day, and the decision with its day.
type Planned = (
    ProceedingKind,
    &'static str,
    Option<(&'static str, DecisionType)>,
);

pub async fn the_register_filters_and_cells_select_what_the_domains_table_four_counts(db: TestDb) {
    use AppealCommand::Decide;
    use DecisionType as D;
    use ProceedingKind as K;
    let s = &db.store;
    let (a, apps) = setup(&db, "PTA", 1).await;
    let app = vec![apps[0].id];
    let plan: [Planned; 6] = [
        (
            K::AdminReview,
            "2025-05-06",
            Some(("2025-08-03", D::ReviewUpheld)),
        ),
        (
            K::AdminReview,
            "2025-11-03",
            Some(("2026-01-20", D::ReviewRevoked)),
        ),
        (K::LitigationDirect, "2026-02-02", None),
        (
            K::LitigationAfterReview,
            "2026-01-05",
            Some(("2026-03-02", D::SuitWithdrawn)),
        ),
        (
            K::AdminReview,
            "2026-02-10",
            Some(("2026-02-27", D::ReviewUpheld)),
        ),
        (
            K::LitigationDirect,
            "2024-06-03",
            Some(("2026-02-03", D::SuitOrderedToAct)),
        ),
    ];
    let mut stored = Vec::new();
    for (kind, filed, decision) in plan {
        let due = (decision.is_none()).then_some("2026-02-25");
        let mut p = s
            .create_proceeding(a.id, &new_proceeding(kind, filed, app.clone(), due))
            .await
            .unwrap();
        if let Some((on, decision)) = decision {
            p = step(
                &db,
                &p,
                Decide {
                    on: date(on),
                    decision,
                },
            )
            .await
            .unwrap();
        }
        stored.push(p.proceeding);
    }
    let scope = Scope::agency(a.id);
    for year in [2024, 2025, 2026, 2027] {
        let tallies = appeal::tally(&stored, year);
        let all = ProceedingFilter {
            cell: Some((year, None, Outcome::Total)),
            ..Default::default()
        };
        assert_eq!(
            count(s.as_ref(), scope, all).await,
            tallies.len() as u64,
            "{year}"
        );
        for group in Group::ALL {
            for outcome in Outcome::ALL {
                let want = tallies
                    .iter()
                    .filter(|t| {
                        t.group == group && (outcome == Outcome::Total || t.outcome == outcome)
                    })
                    .count();
                let f = ProceedingFilter {
                    cell: Some((year, Some(group), outcome)),
                    ..Default::default()
                };
                assert_eq!(
                    count(s.as_ref(), scope, f).await,
                    want as u64,
                    "{year} {group:?} {outcome:?}"
                );
            }
        }
    }
    let cell = |o| ProceedingFilter {
        cell: Some((2026, Some(Group::AdminReview), o)),
        ..Default::default()
    };
    assert_eq!(
        count(s.as_ref(), scope, cell(Outcome::Corrected)).await,
        1,
        "decided in 2026, filed in 2025"
    );
    let due = ProceedingFilter {
        due_by: Some(date("2026-03-01")),
        ..Default::default()
    };
    assert_eq!(
        count(s.as_ref(), scope, due).await,
        1,
        "only the undecided one has a deadline"
    );
    let kind = ProceedingFilter {
        kind: Some(K::LitigationDirect),
        ..Default::default()
    };
    let (rows, _) = s.proceedings(scope, &kind, 0, 10).await.unwrap();
    assert_eq!(
        rows.iter()
            .map(|r| r.proceeding.filed_on)
            .collect::<Vec<_>>(),
        [date("2026-02-02"), date("2024-06-03")],
        "undecided first"
    );
}

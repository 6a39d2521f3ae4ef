//! Conformance: applications — numbering, idempotent submission, duplicates, steps with
//! optimistic locking and their audit events, attachments, letters, serials, the filtered list,
//! and the grouped counts that must give the same table 三 as the domain's own tally.

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use super::{build, me};
use crate::cases::*;
use crate::testing::TestDb;
use crate::*;
use chrono::NaiveDate;
use gongkai_domain::application::routing::Routing;
use gongkai_domain::application::{
    self, ApplicantType, Channel, Command, Ctx, Receipt, Registration,
};
use gongkai_domain::calendar::WorkCalendar;
use gongkai_domain::report::Format;
use gongkai_domain::report::table3::Row;

pub(crate) fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(crate) fn ctx<'a>(cal: &'a WorkCalendar, today: &str) -> Ctx<'a> {
    Ctx {
        today: date(today),
        actor: "clerk",
        calendar: cal,
        mode: gongkai_domain::deadline::Mode::Strict,
    }
}

/// A new application received in person on `on`, asking `what`, from applicant `key`.
pub fn new_application(
    cal: &WorkCalendar,
    on: &str,
    what: &str,
    key: &str,
    t: ApplicantType,
) -> NewApplication {
    let reg = Registration {
        applicant: t,
        receipt: Receipt {
            channel: Channel::InPerson,
            arrived_on: date(on),
            confirmed_on: None,
        },
        request: what.to_owned(),
    };
    let registered = application::register(reg, &ctx(cal, on)).unwrap();
    NewApplication {
        query_code: format!("Q{}", uuid::Uuid::new_v4().simple()).to_uppercase(),
        idempotency_key: None,
        applicant: ApplicantRecord {
            name: format!("申请人{key}"),
            phone_digits: "13800138000".into(),
            key: key.to_owned(),
            json: "{}".into(),
        },
        request_summary: what.to_owned(),
        request_json: "{}".into(),
        registered,
        due: Due::default(),
        attachments: vec![],
        letters: vec![],
    }
}

/// Applies `cmd` to a stored application and saves the step.
pub async fn step(
    db: &TestDb,
    a: &Application,
    cmd: Command,
    today: &str,
) -> StoreResult<Application> {
    let cal = WorkCalendar::shipped();
    let t = application::apply(&a.case, cmd, &ctx(&cal, today)).unwrap();
    let s = CaseStep {
        case: t.case,
        routing: a.routing.clone(),
        due: Due::default(),
        events: t.events,
        attachments: vec![],
        letters: vec![],
    };
    db.store.commit_step(a.agency_id, a.id, a.version, &s).await
}

pub async fn applications_are_numbered_per_year_and_logged(db: TestDb) {
    let s = &db.store;
    let cal = WorkCalendar::shipped();
    let a = s
        .create_agency(&me(), &build::agency("APP", None))
        .await
        .unwrap();
    let first = s
        .create_application(
            a.id,
            &new_application(
                &cal,
                "2026-03-02",
                "预算",
                "1",
                ApplicantType::NaturalPerson,
            ),
        )
        .await
        .unwrap();
    let second = s
        .create_application(
            a.id,
            &new_application(&cal, "2026-03-03", "决算", "2", ApplicantType::Commercial),
        )
        .await
        .unwrap();
    assert_eq!(
        (first.number.as_str(), second.number.as_str()),
        ("2026-00001", "2026-00002")
    );
    let events = s.case_events(a.id, first.id).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (
            events[0].event.action.as_str(),
            events[0].event.subject_id.clone()
        ),
        ("registered", first.id.to_string())
    );
    assert!(db.verify().await.is_intact());
    let found = s
        .application_by_code(&first.query_code.to_lowercase())
        .await
        .unwrap();
    assert_eq!(found.map(|f| f.id), Some(first.id));
}

pub async fn a_resubmitted_form_is_stored_once_and_repeats_are_marked(db: TestDb) {
    let s = &db.store;
    let cal = WorkCalendar::shipped();
    let a = s
        .create_agency(&me(), &build::agency("IDM", None))
        .await
        .unwrap();
    let mut new = new_application(
        &cal,
        "2026-03-02",
        "预算",
        "110101199003074578",
        ApplicantType::NaturalPerson,
    );
    new.idempotency_key = Some("nonce-1".into());
    let first = s.create_application(a.id, &new).await.unwrap();
    let again = s.create_application(a.id, &new).await.unwrap();
    assert_eq!(
        (again.id, again.query_code.clone()),
        (first.id, first.query_code.clone())
    );
    let (_, total) = s
        .applications(Scope::agency(a.id), &CaseFilter::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 1);
    let mut repeat = new_application(
        &cal,
        "2026-04-01",
        "预算",
        "110101199003074578",
        ApplicantType::NaturalPerson,
    );
    repeat.idempotency_key = Some("nonce-2".into());
    let r = s.create_application(a.id, &repeat).await.unwrap();
    assert_eq!(r.duplicate_of, Some(first.id));
}

/// Migration 0013 fills `request_digest` from the stored requests: with the digests emptied
/// by hand a repeat is not recognised (the digest is what is looked up); once filled, it is,
/// and the earliest of the same is named.
pub async fn repeats_are_found_by_the_digest_the_migration_fills(db: TestDb) {
    let s = &db.store;
    let cal = WorkCalendar::shipped();
    let a = s
        .create_agency(&me(), &build::agency("DGS", None))
        .await
        .unwrap();
    let ask = |on: &str| {
        new_application(
            &cal,
            on,
            "预算",
            "110101199003074578",
            ApplicantType::NaturalPerson,
        )
    };
    let first = s
        .create_application(a.id, &ask("2026-03-02"))
        .await
        .unwrap();
    db.raw_sql("UPDATE applications SET request_digest = ''")
        .await;
    let unseen = s
        .create_application(a.id, &ask("2026-03-03"))
        .await
        .unwrap();
    assert_eq!(unseen.duplicate_of, None);
    db.raw_sql("UPDATE applications SET request_digest = ''")
        .await;
    let conn = sea_orm::Database::connect(&db.url).await.unwrap();
    let schema = sea_orm_migration::SchemaManager::new(&conn);
    crate::migration::m0013_digest_requests::fill(&schema)
        .await
        .unwrap();
    conn.close().await.ok();
    let repeat = s
        .create_application(a.id, &ask("2026-03-04"))
        .await
        .unwrap();
    assert_eq!(repeat.duplicate_of, Some(first.id));
}

pub async fn a_step_is_saved_with_its_events_and_a_stale_one_refused(db: TestDb) {
    let s = &db.store;
    let cal = WorkCalendar::shipped();
    let a = s
        .create_agency(&me(), &build::agency("STP", None))
        .await
        .unwrap();
    let b = s
        .create_agency(&me(), &build::agency("STB", None))
        .await
        .unwrap();
    let app = s
        .create_application(
            a.id,
            &new_application(
                &cal,
                "2026-03-02",
                "预算",
                "1",
                ApplicantType::NaturalPerson,
            ),
        )
        .await
        .unwrap();
    let cmd = Command::RequestCorrection {
        on: date("2026-03-04"),
        items: "请补充文号".into(),
        period: 10,
    };
    let next = step(&db, &app, cmd.clone(), "2026-03-04").await.unwrap();
    assert_eq!(
        (next.version, next.case.status_key()),
        (2, "awaiting_correction")
    );
    let stale = step(
        &db,
        &app,
        Command::Withdraw {
            on: date("2026-03-05"),
        },
        "2026-03-05",
    )
    .await;
    assert!(matches!(stale, Err(StoreError::Stale)), "{stale:?}");
    let mut foreign = next.clone();
    foreign.agency_id = b.id;
    let cross = step(
        &db,
        &foreign,
        Command::Withdraw {
            on: date("2026-03-05"),
        },
        "2026-03-05",
    )
    .await;
    assert!(
        matches!(cross, Err(StoreError::NotFound { .. })),
        "{cross:?}"
    );
    assert!(matches!(
        s.application(Scope::agency(b.id), app.id).await,
        Err(StoreError::NotFound { .. })
    ));
    let events = s.case_events(a.id, app.id).await.unwrap();
    let actions: Vec<_> = events.iter().map(|e| e.event.action.as_str()).collect();
    assert_eq!(actions, ["registered", "correction_requested"]);
    assert!(db.verify().await.is_intact());
}

pub async fn attachments_letters_and_serials_are_kept_per_agency(db: TestDb) {
    let s = &db.store;
    let cal = WorkCalendar::shipped();
    let a = s
        .create_agency(&me(), &build::agency("ATT", None))
        .await
        .unwrap();
    let b = s
        .create_agency(&me(), &build::agency("ATB", None))
        .await
        .unwrap();
    let file = |name: &str| NewAttachment {
        kind: AttachmentKind::Identity,
        file_name: name.into(),
        media_type: "application/pdf".into(),
        bytes: b"%PDF-1.4 same bytes".to_vec(),
        public: false,
        uploaded_by: "申请人".into(),
    };
    let mut new = new_application(
        &cal,
        "2026-03-02",
        "预算",
        "1",
        ApplicantType::NaturalPerson,
    );
    new.attachments = vec![file("身份证.pdf"), file("身份证副本.pdf")];
    let app = s.create_application(a.id, &new).await.unwrap();
    let list = s.attachments(a.id, app.id).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0].sha256, list[1].sha256,
        "one blob for the same bytes"
    );
    let (meta, bytes) = s.attachment(a.id, list[0].id).await.unwrap();
    assert_eq!(
        (meta.file_name.as_str(), bytes.as_slice()),
        ("身份证.pdf", b"%PDF-1.4 same bytes".as_slice())
    );
    assert!(matches!(
        s.attachment(b.id, list[0].id).await,
        Err(StoreError::NotFound { .. })
    ));
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let st = db.store.clone();
            tokio::spawn(async move { st.next_serial(a.id, "letter:2026").await.unwrap() })
        })
        .collect();
    let mut got = Vec::new();
    for t in tasks {
        got.push(t.await.unwrap());
    }
    got.sort_unstable();
    assert_eq!(got, (1..=10).collect::<Vec<_>>());
    assert_eq!(s.next_serial(b.id, "letter:2026").await.unwrap(), 1);
    let letter = NewLetter {
        kind: "receipt".into(),
        doc_no: Some("〔2026〕第11号".into()),
        letter_json: "{}".into(),
        public: true,
        issued_on: date("2026-03-02"),
        issued_by: "clerk".into(),
    };
    let st = CaseStep {
        case: app.case.clone(),
        routing: Routing::default(),
        due: Due::default(),
        events: vec![],
        attachments: vec![],
        letters: vec![letter],
    };
    s.commit_step(a.id, app.id, app.version, &st).await.unwrap();
    let letters = s.letters(a.id, app.id).await.unwrap();
    assert_eq!(letters[0].doc_no.as_deref(), Some("〔2026〕第11号"));
    assert!(s.letters(b.id, app.id).await.unwrap().is_empty());
}

pub async fn the_list_filters_and_counts_give_the_domains_table_three(db: TestDb) {
    let s = &db.store;
    let cal = WorkCalendar::shipped();
    let a = s
        .create_agency(&me(), &build::agency("CNT", None))
        .await
        .unwrap();
    let types = [
        ApplicantType::NaturalPerson,
        ApplicantType::Commercial,
        ApplicantType::OtherOrg,
    ];
    let mut stored = Vec::new();
    for (i, day) in [
        "2025-11-03",
        "2025-12-01",
        "2026-01-05",
        "2026-02-02",
        "2026-03-02",
        "2026-04-01",
    ]
    .iter()
    .enumerate()
    {
        let new = new_application(&cal, day, &format!("信息{i}"), &i.to_string(), types[i % 3]);
        stored.push(s.create_application(a.id, &new).await.unwrap());
    }
    // Conclude some: a withdrawal in 2025, one in 2026, a correction lapse in 2026.
    step(
        &db,
        &stored[0],
        Command::Withdraw {
            on: date("2025-12-15"),
        },
        "2025-12-15",
    )
    .await
    .unwrap();
    step(
        &db,
        &stored[1],
        Command::Withdraw {
            on: date("2026-01-10"),
        },
        "2026-01-10",
    )
    .await
    .unwrap();
    let c = Command::RequestCorrection {
        on: date("2026-03-03"),
        items: "文号".into(),
        period: 5,
    };
    let waiting = step(&db, &stored[4], c, "2026-03-03").await.unwrap();
    step(&db, &waiting, Command::LapseCorrection, "2026-04-01")
        .await
        .unwrap();
    let all: Vec<_> = {
        let (rows, _) = s
            .applications(Scope::agency(a.id), &CaseFilter::default(), 0, 100)
            .await
            .unwrap();
        let mut v = Vec::new();
        for r in rows {
            v.push(s.application(Scope::agency(a.id), r.id).await.unwrap().case);
        }
        v
    };
    for format in [Format::F2019, Format::F2021] {
        for year in [2025, 2026] {
            let groups: Vec<_> = s
                .case_counts(a.id, year)
                .await
                .unwrap()
                .into_iter()
                .map(|c| application::tally::Group {
                    received_year: c.received_year,
                    concluded_year: c.concluded_year,
                    outcome: c.outcome.as_deref().and_then(Row::from_key),
                    applicant: serde_json::from_value(serde_json::Value::String(c.applicant_type))
                        .unwrap(),
                    n: c.n,
                })
                .collect();
            let from_store = application::tally::tally_groups(&groups, year, format).unwrap();
            let from_domain = application::tally::tally(&all, year, format);
            assert_eq!(from_store, from_domain, "{format:?} {year}");
        }
    }
    let scope = Scope::agency(a.id);
    let count = |f: CaseFilter| async move { s.applications(scope, &f, 0, 100).await.unwrap().1 };
    assert_eq!(
        count(CaseFilter {
            open: Some(true),
            ..Default::default()
        })
        .await,
        3
    );
    let received_2026 = CaseFilter {
        cell: Some((2026, CellRow::Received, None)),
        ..Default::default()
    };
    assert_eq!(count(received_2026).await, 4);
    let carried = CaseFilter {
        cell: Some((2026, CellRow::CarriedOver, None)),
        ..Default::default()
    };
    assert_eq!(count(carried).await, 1);
    let lapsed = CaseFilter {
        cell: Some((
            2026,
            CellRow::Outcome("other".into()),
            Some("commercial".into()),
        )),
        ..Default::default()
    };
    assert_eq!(count(lapsed).await, 2, "2019's （六） covers both closures");
    let by_code = CaseFilter {
        code: Some(stored[2].number.clone()),
        ..Default::default()
    };
    assert_eq!(count(by_code).await, 1);
    let by_query_code = CaseFilter {
        code: Some(stored[1].query_code.to_lowercase()),
        ..Default::default()
    };
    let (found, _) = s.applications(scope, &by_query_code, 0, 10).await.unwrap();
    assert_eq!(
        found.iter().map(|r| r.id).collect::<Vec<_>>(),
        [stored[1].id]
    );

    // The inbox order, page by page: open first, by deadline (none last), newest receipt, id.
    let (all, total) = s
        .applications(scope, &CaseFilter::default(), 0, 100)
        .await
        .unwrap();
    let mut expected = all.clone();
    expected.sort_by_key(|r| {
        (
            !r.open,
            r.due.on.is_none(),
            r.due.on,
            std::cmp::Reverse(r.received_on),
            std::cmp::Reverse(r.id),
        )
    });
    assert_eq!(all, expected);
    let mut paged = Vec::new();
    for offset in (0..total).step_by(2) {
        paged.extend(
            s.applications(scope, &CaseFilter::default(), offset, 2)
                .await
                .unwrap()
                .0,
        );
    }
    assert_eq!(paged, all);
}

//! Conformance: annual reports — versions stored with their events, steps under optimistic
//! locking, a published version immutable and set aside only by a published correction, the
//! 专栏 read showing published versions only, and a year read across a subtree.

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use super::build;
use crate::reports::*;
use crate::testing::TestDb;
use crate::*;
use gongkai_domain::annual::workflow::{self, Checked};
use gongkai_domain::annual::{Action, Inputs, Record, Status};

fn by() -> Checked<'static> {
    Checked {
        actor: "office",
        on: "2027-01-20".parse().unwrap(),
        errors: 0,
    }
}

fn compiled(n: u32) -> Compiled {
    Compiled {
        json: format!("{{\"schema\":\"gongkai.annual-report/1\",\"n\":{n}}}"),
        errors: 0,
        warnings: n,
    }
}

async fn new_draft(db: &TestDb, agency: AgencyId, year: i32) -> StoredReport {
    let t = workflow::Transition {
        record: Record::new(year, Inputs::default()),
        events: vec![],
    };
    db.store
        .create_report(agency, &t, &compiled(0))
        .await
        .unwrap()
}

async fn take(db: &TestDb, agency: AgencyId, r: &StoredReport, a: Action) -> StoredReport {
    let t = workflow::step(&r.record, &a, &by()).unwrap();
    db.store
        .commit_report(agency, r.id, r.revision, &t, &compiled(1))
        .await
        .unwrap()
}

async fn publish(db: &TestDb, agency: AgencyId, r: StoredReport) -> StoredReport {
    let mut r = r;
    for a in [
        Action::Submit,
        Action::Review,
        Action::Approve,
        Action::Publish,
    ] {
        r = take(db, agency, &r, a).await;
    }
    r
}

pub async fn a_report_goes_through_its_steps_and_a_published_one_never_changes(db: TestDb) {
    let city = db
        .store
        .create_agency(&Actor::system(), &build::agency("510000", None))
        .await
        .unwrap();
    let draft = new_draft(&db, city.id, 2026).await;
    assert_eq!((draft.record.status, draft.revision), (Status::Draft, 1));

    // An edit at an old revision is refused.
    let mut inputs = Inputs::default();
    inputs.sections.insert("overview".into(), "总体情况".into());
    let edit = workflow::edit(&draft.record, inputs, &by()).unwrap();
    let saved = db
        .store
        .commit_report(city.id, draft.id, 1, &edit, &compiled(3))
        .await
        .unwrap();
    assert_eq!((saved.revision, saved.compiled.warnings), (2, 3));
    let stale = db
        .store
        .commit_report(city.id, draft.id, 1, &edit, &compiled(3))
        .await;
    assert!(matches!(stale, Err(StoreError::Stale)), "{stale:?}");

    // Not public until published.
    assert!(
        db.store
            .published_reports(city.id)
            .await
            .unwrap()
            .is_empty()
    );
    let published = publish(&db, city.id, saved).await;
    assert_eq!(published.published_on, Some("2027-01-20".parse().unwrap()));
    let public = db.store.published_reports(city.id).await.unwrap();
    assert_eq!(public.len(), 1);
    assert_eq!(public[0].id, published.id);

    // The store refuses to change a published version even if a caller tried.
    let mut forced = published.record.clone();
    forced.status = Status::Draft;
    let t = workflow::Transition {
        record: forced,
        events: vec![],
    };
    let refused = db
        .store
        .commit_report(city.id, published.id, published.revision, &t, &compiled(9))
        .await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );

    // A correction is version 2; the first stays public until the correction is published.
    let c = workflow::correct(&published.record, "表三第一行更正", &by()).unwrap();
    let correction = db
        .store
        .create_report(city.id, &c, &compiled(0))
        .await
        .unwrap();
    let twice = db.store.create_report(city.id, &c, &compiled(0)).await;
    assert!(
        matches!(twice, Err(StoreError::Conflict { .. })),
        "{twice:?}"
    );
    assert_eq!(
        db.store.published_reports(city.id).await.unwrap()[0].id,
        published.id
    );
    let corrected = publish(&db, city.id, correction).await;
    let public = db.store.published_reports(city.id).await.unwrap();
    assert_eq!(public.len(), 1);
    assert_eq!(public[0].id, corrected.id);
    assert_eq!(
        public[0].record.correction_note.as_deref(),
        Some("表三第一行更正")
    );
    let versions = db.store.report_versions(city.id, 2026).await.unwrap();
    let statuses: Vec<_> = versions
        .iter()
        .map(|v| (v.record.version, v.record.status))
        .collect();
    assert_eq!(statuses, [(2, Status::Published), (1, Status::Superseded)]);

    // Every step is in the audit log, with the set-aside.
    let log = db
        .store
        .audit_events(Scope::agency(city.id), 100)
        .await
        .unwrap();
    let actions: Vec<_> = log.iter().map(|e| e.event.action.as_str()).collect();
    for a in [
        "report_saved",
        "report_submit",
        "report_publish",
        "report_correction_started",
        "report_superseded",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
}

pub async fn a_year_is_read_across_a_subtree_and_stays_inside_it(db: TestDb) {
    let city = db
        .store
        .create_agency(&Actor::system(), &build::agency("520000", None))
        .await
        .unwrap();
    let county = db
        .store
        .create_agency(&Actor::system(), &build::agency("520100", Some(city.id)))
        .await
        .unwrap();
    let other = db
        .store
        .create_agency(&Actor::system(), &build::agency("530000", None))
        .await
        .unwrap();
    let published = publish(&db, county.id, new_draft(&db, county.id, 2026).await).await;
    new_draft(&db, city.id, 2026).await;
    new_draft(&db, other.id, 2026).await;
    new_draft(&db, county.id, 2025).await;
    let c = workflow::correct(&published.record, "更正", &by()).unwrap();
    let correction = db
        .store
        .create_report(county.id, &c, &compiled(0))
        .await
        .unwrap();

    let year = db
        .store
        .year_reports(Scope::subtree(city.id), 2026)
        .await
        .unwrap();
    let mut seen: Vec<_> = year
        .iter()
        .map(|r| (r.agency_id, r.record.version))
        .collect();
    seen.sort();
    // The city's draft; the county's correction in progress and its published version.
    assert_eq!(seen, [(city.id, 1), (county.id, 1), (county.id, 2)]);
    assert!(year.iter().any(|r| r.id == correction.id));
    let alone = db
        .store
        .year_reports(Scope::agency(county.id), 2026)
        .await
        .unwrap();
    assert!(alone.iter().all(|r| r.agency_id == county.id));
    // Another agency's id does not open a report.
    assert!(
        db.store
            .report(city.id, published.id)
            .await
            .unwrap()
            .is_none()
    );

    // Once the correction is published, the set-aside first version is still read: its day of
    // publication is the report's (the deadline is judged on it).
    publish(&db, county.id, correction).await;
    let year = db
        .store
        .year_reports(Scope::agency(county.id), 2026)
        .await
        .unwrap();
    let mut seen: Vec<_> = year
        .iter()
        .map(|r| (r.record.version, r.record.status))
        .collect();
    seen.sort_by_key(|v| v.0);
    assert_eq!(seen, [(1, Status::Superseded), (2, Status::Published)]);
    assert!(year.iter().all(|r| r.published_on.is_some()));
}

pub async fn a_published_year_is_locked_until_a_correction_is_under_way(db: TestDb) {
    use super::documents::{content, draft, review};
    use gongkai_domain::disclosure::{Command, Marker};
    let city = db
        .store
        .create_agency(&Actor::system(), &build::agency("540000", None))
        .await
        .unwrap();
    let published = publish(&db, city.id, new_draft(&db, city.id, 2025).await).await;

    // A 规章 written in 2025: drafting it changes nothing yet; publishing it would add one to
    // table 二 of 2025, whose report is out.
    let mut c = content("某某管理办法", "2025-11-20");
    c.marker = Some(Marker::Regulation);
    let d = draft(&db, &city, c).await;
    let d = super::documents::step(&db, &d, "2026-02-10", Role::Clerk, Command::Submit)
        .await
        .unwrap();
    let d = super::documents::step(&db, &d, "2026-02-10", Role::Reviewer, review())
        .await
        .unwrap();
    let refused = super::documents::step(
        &db,
        &d,
        "2026-02-10",
        Role::Head,
        super::documents::approve(),
    )
    .await;
    let Err(StoreError::Invalid(m)) = refused else {
        panic!("{refused:?}")
    };
    assert!(
        m.contains("2025年度政府信息公开工作年度报告已发布") && m.contains("更正版本"),
        "{m}"
    );

    // A document of 2026 is not in the locked year.
    let mut c = content("另一办法", "2026-01-20");
    c.marker = Some(Marker::Regulation);
    super::documents::publish(&db, &draft(&db, &city, c).await, "2026-02-10").await;

    // With a correction of 2025 under way the change goes through.
    let c = workflow::correct(&published.record, "补录漏报的规章一件", &by()).unwrap();
    db.store
        .create_report(city.id, &c, &compiled(0))
        .await
        .unwrap();
    super::documents::step(
        &db,
        &d,
        "2026-02-10",
        Role::Head,
        super::documents::approve(),
    )
    .await
    .unwrap();
}

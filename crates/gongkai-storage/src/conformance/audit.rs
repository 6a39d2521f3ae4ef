//! Conformance: the audit hash chain (verification, tampering by hand, concurrent appends).

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use super::{build, me};
use crate::testing::TestDb;
use crate::*;

/// Creates two agencies with a few events each; returns the first agency.
async fn some_history(s: &dyn Store) -> Agency {
    let a = s
        .create_agency(&me(), &build::agency("HIS", None))
        .await
        .unwrap();
    let b = s
        .create_agency(&me(), &build::agency("HIS2", None))
        .await
        .unwrap();
    for (i, name) in ["h1", "h2", "h3"].into_iter().enumerate() {
        let role = if i == 0 { Role::Clerk } else { Role::Head };
        s.create_user(&me(), a.id, &build::user(name, role))
            .await
            .unwrap();
    }
    s.create_user(&me(), b.id, &build::user("h4", Role::Clerk))
        .await
        .unwrap();
    a
}

pub async fn audit_chain_verifies_when_untouched_and_records_before_and_after(db: TestDb) {
    let a = some_history(db.store.as_ref()).await;
    let report = db.store.verify_audit().await.unwrap();
    assert_eq!(
        (report.agencies, report.events, report.breaks.len()),
        (2, 6, 0)
    );
    let d = AgencyDetails {
        name: "改名".into(),
        contact: a.contact.clone(),
    };
    db.store
        .update_agency(&me(), a.id, a.version, &d)
        .await
        .unwrap();
    let last = &db.store.audit_events(Scope::agency(a.id), 1).await.unwrap()[0];
    assert_eq!((last.action.as_str(), last.seq), ("agency_updated", 5));
    assert!(last.before.as_deref().unwrap().contains("HIS人民政府"));
    assert!(last.after.as_deref().unwrap().contains("改名"));
    assert!(db.store.verify_audit().await.unwrap().breaks.is_empty());
}

pub async fn audit_verify_names_an_edited_row(db: TestDb) {
    let a = some_history(db.store.as_ref()).await;
    let sql = format!(
        "UPDATE audit_events SET actor = 'mallory' WHERE agency_id = {} AND seq = 2",
        a.id
    );
    db.raw_sql(&sql).await;
    let breaks = db.store.verify_audit().await.unwrap().breaks;
    assert_eq!(breaks.len(), 1, "{breaks:?}");
    assert_eq!((breaks[0].agency_id, breaks[0].seq), (a.id, 2));
}

pub async fn audit_verify_names_a_deleted_row_and_a_deleted_tail(db: TestDb) {
    let a = some_history(db.store.as_ref()).await;
    db.raw_sql(&format!(
        "DELETE FROM audit_events WHERE agency_id = {} AND seq = 3",
        a.id
    ))
    .await;
    let breaks = db.store.verify_audit().await.unwrap().breaks;
    assert_eq!(
        breaks
            .iter()
            .map(|b| (b.agency_id, b.seq))
            .collect::<Vec<_>>(),
        [(a.id, 3)]
    );
    db.raw_sql(&format!(
        "DELETE FROM audit_events WHERE agency_id = {} AND seq >= 3",
        a.id
    ))
    .await;
    let breaks = db.store.verify_audit().await.unwrap().breaks;
    assert_eq!(
        breaks
            .iter()
            .map(|b| (b.agency_id, b.seq))
            .collect::<Vec<_>>(),
        [(a.id, 3)]
    );
}

pub async fn concurrent_changes_keep_one_unbroken_chain(db: TestDb) {
    let a = db
        .store
        .create_agency(&me(), &build::agency("CON", None))
        .await
        .unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let s = db.store.clone();
            tokio::spawn(async move {
                let u = build::user(&format!("c{i}"), Role::Clerk);
                s.create_user(&Actor::system(), a.id, &u).await.unwrap();
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let report = db.store.verify_audit().await.unwrap();
    assert_eq!((report.events, report.breaks.len()), (9, 0), "{report:?}");
}

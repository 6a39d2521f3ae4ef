//! Conformance: the keyed audit chain and its checkpoints (verification, tampering by hand with
//! plain SQL, concurrent appends, sealing an unkeyed chain once).

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
    let report = db.verify().await;
    assert_eq!(
        (report.agencies, report.events, report.breaks.len()),
        (2, 6, 0)
    );
    assert!(report.checkpoints >= 6 && report.is_intact(), "{report:?}");
    let d = AgencyDetails {
        name: "改名".into(),
        contact: a.contact.clone(),
    };
    db.store
        .update_agency(&me(), a.id, a.version, &d)
        .await
        .unwrap();
    let last = &db.store.audit_events(Scope::agency(a.id), 1).await.unwrap()[0];
    assert_eq!(
        (last.event.action.as_str(), last.seq),
        ("agency_updated", 5)
    );
    assert!(
        last.event
            .before
            .as_deref()
            .unwrap()
            .contains("HIS人民政府")
    );
    assert!(last.event.after.as_deref().unwrap().contains("改名"));
    assert!(db.verify().await.is_intact());
}

pub async fn audit_verify_names_an_edited_row(db: TestDb) {
    let a = some_history(db.store.as_ref()).await;
    let sql = format!(
        "UPDATE audit_events SET actor = 'mallory' WHERE agency_id = {} AND seq = 2",
        a.id
    );
    db.raw_sql(&sql).await;
    let breaks = db.verify().await.breaks;
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
    let breaks = db.verify().await.breaks;
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
    let breaks = db.verify().await.breaks;
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
    let report = db.verify().await;
    assert_eq!((report.events, report.breaks.len()), (9, 0), "{report:?}");
}

/// The chain of `agency` as plain SHA-256 would give it: what someone with database access but
/// without the key could compute after editing.
async fn rehash_without_key(db: &TestDb, agency: AgencyId) {
    let store = db.reopen().await;
    let rows = crate::entity::audit_events::Entity::find()
        .filter(crate::entity::audit_events::Column::AgencyId.eq(agency.0))
        .order_by_asc(crate::entity::audit_events::Column::Seq)
        .all(&store.db)
        .await
        .unwrap();
    let mut prev = crate::audit::GENESIS.to_owned();
    for m in rows {
        let h = crate::audit::legacy_hash(&prev, &m);
        db.raw_sql(&format!(
            "UPDATE audit_events SET prev_hash = '{prev}', hash = '{h}' WHERE id = {}",
            m.id
        ))
        .await;
        prev = h;
    }
    db.raw_sql(&format!(
        "UPDATE agencies SET audit_head = '{prev}' WHERE id = {}",
        agency.0
    ))
    .await;
}

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

pub async fn audit_verify_catches_an_edit_whose_hashes_were_recomputed(db: TestDb) {
    let a = some_history(db.store.as_ref()).await;
    db.raw_sql(&format!(
        "UPDATE audit_events SET actor = 'mallory' WHERE agency_id = {} AND seq = 2",
        a.id
    ))
    .await;
    rehash_without_key(&db, a.id).await;
    let breaks = db.verify().await.breaks;
    assert_eq!(breaks.len(), 1, "{breaks:?}");
    assert_eq!((breaks[0].agency_id, breaks[0].seq), (a.id, 1));
    assert!(breaks[0].problem.contains("密钥"), "{}", breaks[0].problem);
}

pub async fn audit_verify_catches_a_tail_deleted_with_its_head_rolled_back(db: TestDb) {
    let a = some_history(db.store.as_ref()).await;
    let third = db
        .store
        .audit_events(Scope::agency(a.id), 10)
        .await
        .unwrap();
    let at3 = third.iter().find(|e| e.seq == 3).unwrap().hash.clone();
    db.raw_sql(&format!(
        "DELETE FROM audit_events WHERE agency_id = {} AND seq > 3",
        a.id
    ))
    .await;
    db.raw_sql(&format!(
        "UPDATE agencies SET audit_seq = 3, audit_head = '{at3}' WHERE id = {}",
        a.id
    ))
    .await;
    let breaks = db.verify().await.breaks;
    assert_eq!(breaks.len(), 1, "{breaks:?}");
    assert_eq!((breaks[0].agency_id, breaks[0].seq), (a.id, 4));
    assert!(breaks[0].problem.contains("截断"), "{}", breaks[0].problem);
}

pub async fn audit_verify_catches_a_deleted_agency_and_a_forged_checkpoint(db: TestDb) {
    let a = some_history(db.store.as_ref()).await;
    let child = db
        .store
        .create_agency(&me(), &build::agency("KID", Some(a.id)))
        .await
        .unwrap();
    for sql in [
        format!("DELETE FROM audit_events WHERE agency_id = {}", child.id),
        format!("DELETE FROM agencies WHERE id = {}", child.id),
    ] {
        db.raw_sql(&sql).await;
    }
    let report = db.verify().await;
    let gone: Vec<_> = report
        .breaks
        .iter()
        .filter(|b| b.agency_id == child.id)
        .collect();
    assert_eq!(gone.len(), 1, "{report:?}");
    assert!(gone[0].problem.contains("删除") && gone[0].agency_code == "KID");
    // Without the checkpoint file the parent's chain still names the missing agency.
    let none = db
        .store
        .verify_audit(&Checkpoints::default())
        .await
        .unwrap();
    assert!(
        none.breaks.iter().any(|b| b.agency_id == child.id),
        "{none:?}"
    );
    // A checkpoint line written without the key is refused.
    let mut text = std::fs::read_to_string(&db.checkpoints).unwrap();
    text.push_str("gk1\t2026-01-01T00:00:00+00:00\t1\tX\t99\tabc\tdeadbeef\n");
    std::fs::write(&db.checkpoints, text).unwrap();
    assert_eq!(db.verify().await.forged_checkpoints.len(), 1);
}

pub async fn an_unkeyed_chain_is_sealed_once_and_a_foreign_one_refused(db: TestDb) {
    let a = some_history(db.store.as_ref()).await;
    // Another key (a lost key file replaced, a second instance with a key of its own) is
    // refused at open, before it writes anything.
    let foreign = Seal::new(AuditKey::generate().unwrap(), None).unwrap();
    let refused = SeaStore::open(&db.url, foreign).await;
    assert!(matches!(refused, Err(StoreError::Invalid(m)) if m.contains("audit.key")));
    // A database of an earlier version (plain SHA-256, no fingerprint) is sealed at first start.
    for id in [a.id, AgencyId(a.id.0 + 1)] {
        rehash_without_key(&db, id).await;
    }
    db.raw_sql("DELETE FROM settings").await;
    let key = AuditKey::generate().unwrap();
    let sealed = SeaStore::open(&db.url, Seal::new(key, None).unwrap())
        .await
        .unwrap();
    let report = sealed.verify_audit(&Checkpoints::default()).await.unwrap();
    assert!(report.is_intact() && report.events == 6, "{report:?}");
}

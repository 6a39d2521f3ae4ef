//! Conformance: reminder claims. Two instances (two stores on one database) racing for the same
//! keys get each key exactly once, also when they take over abandoned claims; a sent reminder is
//! never claimed again, a released one is; the batch is logged in the audit chain.

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use super::{build, me};
use crate::testing::TestDb;
use crate::*;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

const LEASE: Duration = Duration::minutes(15);

/// Every key claimed at `now` by both stores at once; returns how many claims each key won.
async fn race(
    stores: [Arc<dyn Store>; 2],
    agency: AgencyId,
    keys: &[String],
    now: DateTime<Utc>,
) -> Vec<usize> {
    let mut tasks = Vec::new();
    for k in keys {
        for s in &stores {
            let (s, k) = (Arc::clone(s), k.clone());
            tasks.push(tokio::spawn(async move {
                s.claim_notification(agency, &k, now, LEASE).await.unwrap()
            }));
        }
    }
    let mut wins = vec![0; keys.len()];
    for (i, t) in tasks.into_iter().enumerate() {
        wins[i / 2] += usize::from(t.await.unwrap());
    }
    wins
}

pub async fn concurrent_claimers_get_each_notification_key_once(db: TestDb) {
    // Arrange: one agency, a second instance on the same database, twenty reminder keys.
    let a = db
        .store
        .create_agency(&me(), &build::agency("REM", None))
        .await
        .unwrap();
    let stores: [Arc<dyn Store>; 2] = [db.store.clone(), Arc::new(db.reopen().await)];
    let keys: Vec<String> = (0..20)
        .map(|i| format!("due-soon:{i}:2026-03-02"))
        .collect();
    let now = Utc::now();

    // Act + Assert: fresh keys, then claims abandoned longer than the lease ago.
    assert_eq!(race(stores.clone(), a.id, &keys, now).await, vec![1; 20]);
    assert_eq!(
        race(stores.clone(), a.id, &keys, now + Duration::minutes(5)).await,
        vec![0; 20],
        "a live claim is not taken over"
    );
    let later = now + LEASE + Duration::minutes(1);
    assert_eq!(
        race(stores.clone(), a.id, &keys, later).await,
        vec![1; 20],
        "an abandoned claim is taken over by exactly one instance"
    );

    // Act: the first ten are sent, the other ten fail and are given back.
    let (sent, failed) = keys.split_at(10);
    let s = &db.store;
    s.notifications_sent(&me(), a.id, sent, later, "发送到期提醒：即将到期 10 件")
        .await
        .unwrap();
    s.release_notifications(a.id, failed).await.unwrap();

    // Assert: a sent reminder is never claimed again; a released one is claimed at once.
    let next_day = later + Duration::days(1);
    assert_eq!(
        race(stores.clone(), a.id, sent, next_day).await,
        vec![0; 10]
    );
    assert_eq!(race(stores, a.id, failed, later).await, vec![1; 10]);
    let log = s.audit_events(Scope::agency(a.id), 1).await.unwrap();
    assert_eq!(log[0].event.action, "reminders_sent");
    assert_eq!(
        log[0].event.after.as_deref(),
        Some(sent.join("\n").as_str())
    );
    assert!(db.verify().await.is_intact());
}

pub async fn reminder_claims_stay_inside_their_agency(db: TestDb) {
    let s = &db.store;
    let a = s
        .create_agency(&me(), &build::agency("RA", None))
        .await
        .unwrap();
    let b = s
        .create_agency(&me(), &build::agency("RB", None))
        .await
        .unwrap();
    let key = vec!["overdue:1:2026-03-02".to_owned()];
    let now = Utc::now();
    assert!(
        s.claim_notification(a.id, &key[0], now, LEASE)
            .await
            .unwrap()
    );

    // Another agency can neither release, mark nor take over the claim.
    s.release_notifications(b.id, &key).await.unwrap();
    let later = now + LEASE * 2;
    assert!(
        !s.claim_notification(b.id, &key[0], later, LEASE)
            .await
            .unwrap()
    );
    s.notifications_sent(&me(), b.id, &key, later, "x")
        .await
        .unwrap();
    assert!(
        s.claim_notification(a.id, &key[0], later, LEASE)
            .await
            .unwrap()
    );
}

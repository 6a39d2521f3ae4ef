//! Conformance: sign-in throttling, token lifecycle, account lifecycle and agency-name rules.

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use super::{build, me, token};
use crate::testing::TestDb;
use crate::*;
use chrono::{Duration, Utc};
use gongkai_domain::account::Throttle;

fn rule(key: &str, free: u32, base_secs: u32) -> ThrottleKey {
    ThrottleKey {
        key: key.to_owned(),
        policy: Throttle {
            free,
            base_secs,
            max_secs: 900,
            forget_secs: 3600,
        },
    }
}

pub async fn throttle_allows_the_free_tries_then_asks_to_wait(db: TestDb) {
    let s = &db.store;
    let now = Utc::now();
    let k = [rule("acct:x", 3, 60)];
    for _ in 0..3 {
        assert_eq!(s.reserve_attempt(&k, now).await.unwrap(), None);
    }
    let retry = s.reserve_attempt(&k, now).await.unwrap();
    assert!(
        retry.is_some_and(|t| t > now + Duration::seconds(59)),
        "{retry:?}"
    );
    // Another key is not affected; a combined reservation waits for the slower key.
    assert_eq!(
        s.reserve_attempt(&[rule("acct:y", 3, 60)], now)
            .await
            .unwrap(),
        None
    );
    let both = [rule("acct:y", 3, 60), rule("acct:x", 3, 60)];
    assert!(s.reserve_attempt(&both, now).await.unwrap().is_some());
    // After the wait, one more try is checked, and the next wait is longer.
    let later = retry.unwrap() + Duration::seconds(1);
    assert_eq!(s.reserve_attempt(&k, later).await.unwrap(), None);
    let again = s.reserve_attempt(&k, later).await.unwrap().unwrap();
    assert!(again > later + Duration::seconds(119), "{again}");
    // Success clears; idle counters are pruned.
    s.clear_attempts(&["acct:x".to_owned()]).await.unwrap();
    assert_eq!(s.reserve_attempt(&k, later).await.unwrap(), None);
    assert_eq!(s.attempt_counters().await.unwrap(), 2);
    let pruned = s.prune_attempts(later + Duration::hours(2)).await.unwrap();
    assert_eq!((pruned, s.attempt_counters().await.unwrap()), (2, 0));
}

pub async fn throttle_is_atomic_under_parallel_attempts(db: TestDb) {
    let now = Utc::now();
    let tasks: Vec<_> = (0..120)
        .map(|_| {
            let s = db.store.clone();
            tokio::spawn(async move {
                let k = [rule("acct:admin", 5, 60), rule("addr:10.0.0.9", 50, 60)];
                s.reserve_attempt(&k, now).await.unwrap().is_none()
            })
        })
        .collect();
    let mut allowed = 0;
    for t in tasks {
        allowed += usize::from(t.await.unwrap());
    }
    assert_eq!(allowed, 5);
}

pub async fn tokens_expire_are_listed_and_revoked(db: TestDb) {
    let s = &db.store;
    let a = s
        .create_agency(&me(), &build::agency("TOK", None))
        .await
        .unwrap();
    let u = s
        .create_user(&me(), a.id, &build::user("bot", Role::Clerk))
        .await
        .unwrap();
    let now = Utc::now();
    let live = s
        .create_api_token(&me(), a.id, &token(u.id, "live"))
        .await
        .unwrap();
    let mut short = token(u.id, "short");
    short.expires_at = Some(now + Duration::hours(1));
    s.create_api_token(&me(), a.id, &short).await.unwrap();
    assert_eq!(
        s.user_for_token("live", now).await.unwrap().map(|x| x.id),
        Some(u.id)
    );
    assert!(s.user_for_token("short", now).await.unwrap().is_some());
    let later = now + Duration::hours(2);
    assert_eq!(s.user_for_token("short", later).await.unwrap(), None);
    assert_eq!(s.user_for_token("zzz", now).await.unwrap(), None);
    assert_eq!(s.api_tokens(Scope::agency(a.id)).await.unwrap().len(), 2);
    let revoked = s.revoke_api_token(&me(), a.id, live.id).await.unwrap();
    assert!(revoked.revoked_at.is_some() && !revoked.is_live(now));
    assert_eq!(s.user_for_token("live", now).await.unwrap(), None);
    let off = UserChanges {
        display_name: u.display_name.clone(),
        role: u.role,
        active: false,
    };
    s.update_user(&me(), a.id, u.id, u.version, &off)
        .await
        .unwrap();
    assert_eq!(s.user_for_token("short", now).await.unwrap(), None);
}

pub async fn disabling_or_a_new_password_ends_sessions(db: TestDb) {
    let s = &db.store;
    let a = s
        .create_agency(&me(), &build::agency("EPO", None))
        .await
        .unwrap();
    let u = s
        .create_user(&me(), a.id, &build::user("eve", Role::Clerk))
        .await
        .unwrap();
    let rename = UserChanges {
        display_name: "改名".into(),
        role: u.role,
        active: true,
    };
    let u2 = s
        .update_user(&me(), a.id, u.id, u.version, &rename)
        .await
        .unwrap();
    assert_eq!(u2.session_epoch, u.session_epoch, "a rename keeps sessions");
    let off = UserChanges {
        active: false,
        ..rename.clone()
    };
    let u3 = s
        .update_user(&me(), a.id, u.id, u2.version, &off)
        .await
        .unwrap();
    assert!(!u3.active && u3.session_epoch > u2.session_epoch);
    let events = s.audit_events(Scope::agency(a.id), 1).await.unwrap();
    assert_eq!(events[0].event.action, "user_disabled");
    let u4 = s.set_password(&me(), a.id, u.id, "h", true).await.unwrap();
    assert!(u4.session_epoch > u3.session_epoch && u4.must_change_password);
    let events = s.audit_events(Scope::agency(a.id), 1).await.unwrap();
    assert_eq!(events[0].event.action, "password_reset");
}

pub async fn agency_names_are_unique_under_one_parent(db: TestDb) {
    let s = &db.store;
    let root = s
        .create_agency(&me(), &build::agency("R1", None))
        .await
        .unwrap();
    let mut twin = build::agency("R2", None);
    twin.name = root.name.clone();
    let dup_root = s.create_agency(&me(), &twin).await;
    assert!(
        matches!(dup_root, Err(StoreError::Conflict { .. })),
        "{dup_root:?}"
    );
    let mut x = build::agency("X1", Some(root.id));
    x.name = "财政局".into();
    let x1 = s.create_agency(&me(), &x).await.unwrap();
    x.code = AgencyCode::parse("X2").unwrap();
    let dup = s.create_agency(&me(), &x).await;
    assert!(
        matches!(dup, Err(StoreError::Conflict { what }) if what.contains("同名")),
        "{dup:?}"
    );
    let mut other_parent = build::agency("Y1", Some(x1.id));
    other_parent.name = "财政局".into();
    s.create_agency(&me(), &other_parent).await.unwrap();
    let y = s
        .create_agency(&me(), &build::agency("Y2", Some(root.id)))
        .await
        .unwrap();
    let rename = AgencyDetails {
        name: "财政局".into(),
        contact: y.contact.clone(),
    };
    let clash = s.update_agency(&me(), y.id, y.version, &rename).await;
    assert!(
        matches!(clash, Err(StoreError::Conflict { .. })),
        "{clash:?}"
    );
}

//! The storage conformance suite: every storage behaviour, written once, run against SQLite and
//! PostgreSQL by `tests/it` (`HOUSE_STYLE` §E.2). Each function takes a fresh [`TestDb`].

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use crate::testing::TestDb;
use crate::*;
use chrono::{Duration, Utc};

mod audit;
pub use audit::*;

/// Builders for the suite and for other crates' tests.
pub mod build {
    use crate::*;

    /// A new agency with a code and an optional parent.
    pub fn agency(code: &str, parent: Option<AgencyId>) -> NewAgency {
        NewAgency {
            parent_id: parent,
            name: format!("{code}人民政府"),
            code: AgencyCode::parse(code).unwrap(),
            level: if parent.is_some() {
                AgencyLevel::County
            } else {
                AgencyLevel::City
            },
            contact: Contact {
                address: "人民路1号".into(),
                postcode: "100000".into(),
                phone: "010-12345678".into(),
                email: "gk@example.cn".into(),
            },
        }
    }

    /// A new account with a fake hash (storage never checks passwords).
    pub fn user(name: &str, role: Role) -> NewUser {
        NewUser {
            username: Username::parse(name).unwrap(),
            display_name: format!("{name}同志"),
            role,
            password_hash: "not-a-real-hash".into(),
        }
    }
}

pub(crate) fn me() -> Actor {
    Actor::system()
}

pub async fn migrations_apply_again_on_an_already_migrated_database(db: TestDb) {
    let a = db
        .store
        .create_agency(&me(), &build::agency("A1", None))
        .await
        .unwrap();
    let again = SeaStore::open(&db.url).await.unwrap();
    let found = again.agency(Scope::agency(a.id), a.id).await.unwrap();
    assert_eq!(found, a);
}

pub async fn agencies_form_a_tree_that_scopes_follow(db: TestDb) {
    let s = &db.store;
    let city = s
        .create_agency(&me(), &build::agency("CITY", None))
        .await
        .unwrap();
    let county = s
        .create_agency(&me(), &build::agency("CTY", Some(city.id)))
        .await
        .unwrap();
    let town = s
        .create_agency(&me(), &build::agency("TOWN", Some(county.id)))
        .await
        .unwrap();
    let other = s
        .create_agency(&me(), &build::agency("OTHER", None))
        .await
        .unwrap();
    let sub: Vec<_> = s.agencies(Scope::subtree(city.id)).await.unwrap();
    assert_eq!(
        sub.iter().map(|a| a.id).collect::<Vec<_>>(),
        [city.id, county.id, town.id]
    );
    assert_eq!(
        s.agencies(Scope::agency(county.id)).await.unwrap(),
        std::slice::from_ref(&county)
    );
    assert_eq!(s.all_agencies().await.unwrap().len(), 4);
    assert!(matches!(
        s.agency(Scope::subtree(county.id), other.id).await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(town.parent_id, Some(county.id));
}

pub async fn agency_codes_are_unique_and_parents_must_exist(db: TestDb) {
    let s = &db.store;
    s.create_agency(&me(), &build::agency("DUP", None))
        .await
        .unwrap();
    let again = s.create_agency(&me(), &build::agency("DUP", None)).await;
    assert!(
        matches!(
            again,
            Err(StoreError::Conflict {
                what: "机关代码"
            })
        ),
        "{again:?}"
    );
    let orphan = s
        .create_agency(&me(), &build::agency("ORPH", Some(AgencyId(9999))))
        .await;
    assert!(
        matches!(orphan, Err(StoreError::NotFound { .. })),
        "{orphan:?}"
    );
}

pub async fn a_stale_edit_is_refused(db: TestDb) {
    let s = &db.store;
    let a = s
        .create_agency(&me(), &build::agency("OPT", None))
        .await
        .unwrap();
    let details = AgencyDetails {
        name: "新名称".into(),
        contact: a.contact.clone(),
    };
    let first = s
        .update_agency(&me(), a.id, a.version, &details)
        .await
        .unwrap();
    assert_eq!(
        (first.name.as_str(), first.version),
        ("新名称", a.version + 1)
    );
    let second = s.update_agency(&me(), a.id, a.version, &details).await;
    assert!(matches!(second, Err(StoreError::Stale)), "{second:?}");
    let u = s
        .create_user(&me(), a.id, &build::user("opt", Role::Clerk))
        .await
        .unwrap();
    let ch = UserChanges {
        display_name: "改".into(),
        role: Role::Head,
        active: true,
    };
    s.update_user(&me(), a.id, u.id, u.version, &ch)
        .await
        .unwrap();
    let stale = s.update_user(&me(), a.id, u.id, u.version, &ch).await;
    assert!(matches!(stale, Err(StoreError::Stale)), "{stale:?}");
}

pub async fn accounts_are_created_found_for_login_and_unique(db: TestDb) {
    let s = &db.store;
    let a = s
        .create_agency(&me(), &build::agency("ACC", None))
        .await
        .unwrap();
    let u = s
        .create_user(&me(), a.id, &build::user("alice", Role::Reviewer))
        .await
        .unwrap();
    let (found, hash) = s.user_for_login("alice").await.unwrap().unwrap();
    assert_eq!((found, hash.as_str()), (u.clone(), "not-a-real-hash"));
    assert!(s.user_for_login("nobody").await.unwrap().is_none());
    let dup = s
        .create_user(&me(), a.id, &build::user("alice", Role::Clerk))
        .await;
    assert!(
        matches!(dup, Err(StoreError::Conflict { what: "用户名" })),
        "{dup:?}"
    );
    s.set_password(&me(), a.id, u.id, "new-hash").await.unwrap();
    assert_eq!(
        s.user_for_login("alice").await.unwrap().unwrap().1,
        "new-hash"
    );
}

pub async fn no_query_leaks_across_agencies(db: TestDb) {
    let s = &db.store;
    let a = s
        .create_agency(&me(), &build::agency("AAA", None))
        .await
        .unwrap();
    let b = s
        .create_agency(&me(), &build::agency("BBB", None))
        .await
        .unwrap();
    let ua = s
        .create_user(&me(), a.id, &build::user("ua", Role::Clerk))
        .await
        .unwrap();
    let ub = s
        .create_user(&me(), b.id, &build::user("ub", Role::Clerk))
        .await
        .unwrap();
    let in_a = Scope::subtree(a.id);
    assert_eq!(s.users(in_a).await.unwrap(), std::slice::from_ref(&ua));
    assert!(matches!(
        s.user(in_a, ub.id).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        s.agency(in_a, b.id).await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(s.agencies(in_a).await.unwrap(), std::slice::from_ref(&a));
    let ch = UserChanges {
        display_name: "x".into(),
        role: Role::Head,
        active: true,
    };
    let cross = s.update_user(&me(), a.id, ub.id, ub.version, &ch).await;
    assert!(
        matches!(cross, Err(StoreError::NotFound { .. })),
        "{cross:?}"
    );
    let pw = s.set_password(&me(), a.id, ub.id, "h").await;
    assert!(matches!(pw, Err(StoreError::NotFound { .. })), "{pw:?}");
    let tok = s.create_api_token(&me(), a.id, ub.id, "t", "h1").await;
    assert!(matches!(tok, Err(StoreError::NotFound { .. })), "{tok:?}");
    let events = s.audit_events(in_a, 100).await.unwrap();
    assert!(!events.is_empty() && events.iter().all(|e| e.agency_id == a.id));
}

pub async fn sessions_round_trip_and_expire(db: TestDb) {
    let s = &db.store;
    let now = Utc::now();
    s.save_session("s1", "{\"a\":1}", now + Duration::hours(1))
        .await
        .unwrap();
    s.save_session("s1", "{\"a\":2}", now + Duration::hours(1))
        .await
        .unwrap();
    s.save_session("old", "{}", now - Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(
        s.load_session("s1", now).await.unwrap().as_deref(),
        Some("{\"a\":2}")
    );
    assert_eq!(s.load_session("old", now).await.unwrap(), None);
    assert_eq!(s.delete_expired_sessions(now).await.unwrap(), 1);
    s.delete_session("s1").await.unwrap();
    assert_eq!(s.load_session("s1", now).await.unwrap(), None);
}

pub async fn login_failures_are_counted_in_a_window_and_cleared(db: TestDb) {
    let s = &db.store;
    let now = Utc::now();
    s.record_login_failure("user:x", now - Duration::hours(2))
        .await
        .unwrap();
    for _ in 0..3 {
        s.record_login_failure("user:x", now).await.unwrap();
    }
    s.record_login_failure("user:y", now).await.unwrap();
    let since = now - Duration::minutes(15);
    assert_eq!(s.login_failures_since("user:x", since).await.unwrap(), 3);
    s.clear_login_failures("user:x").await.unwrap();
    assert_eq!(s.login_failures_since("user:x", since).await.unwrap(), 0);
    assert_eq!(s.login_failures_since("user:y", since).await.unwrap(), 1);
}

pub async fn api_tokens_resolve_to_their_active_account(db: TestDb) {
    let s = &db.store;
    let a = s
        .create_agency(&me(), &build::agency("TOK", None))
        .await
        .unwrap();
    let u = s
        .create_user(&me(), a.id, &build::user("bot", Role::Clerk))
        .await
        .unwrap();
    s.create_api_token(&me(), a.id, u.id, "脚本", "abc")
        .await
        .unwrap();
    assert_eq!(s.user_for_token("abc").await.unwrap(), Some(u.clone()));
    assert_eq!(s.user_for_token("zzz").await.unwrap(), None);
    let off = UserChanges {
        display_name: u.display_name.clone(),
        role: u.role,
        active: false,
    };
    s.update_user(&me(), a.id, u.id, u.version, &off)
        .await
        .unwrap();
    assert_eq!(s.user_for_token("abc").await.unwrap(), None);
}

pub async fn bootstrap_creates_the_first_admin_once(db: TestDb) {
    let s = &db.store;
    let admin = build::user("admin", Role::SystemAdmin);
    let first = s
        .bootstrap(&build::agency("ROOT", None), &admin)
        .await
        .unwrap();
    assert_eq!(first.map(|u| u.role), Some(Role::SystemAdmin));
    let second = s
        .bootstrap(&build::agency("ROOT2", None), &admin)
        .await
        .unwrap();
    assert_eq!(second, None);
    assert_eq!(s.all_agencies().await.unwrap().len(), 1);
}

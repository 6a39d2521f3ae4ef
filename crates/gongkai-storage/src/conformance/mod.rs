//! The storage conformance suite: every storage behaviour, written once, run against SQLite and
//! PostgreSQL by `tests/it` (`HOUSE_STYLE` §E.2). Each function takes a fresh [`TestDb`].

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use crate::testing::TestDb;
use crate::*;
use chrono::{Duration, Utc};

mod audit;
pub mod cases;
pub mod documents;
mod notifications;
mod online;
pub mod proceedings;
mod reports;
mod security;
pub use audit::*;
pub use cases::{
    a_resubmitted_form_is_stored_once_and_repeats_are_marked,
    a_step_is_saved_with_its_events_and_a_stale_one_refused,
    applications_are_numbered_per_year_and_logged,
    attachments_letters_and_serials_are_kept_per_agency,
    repeats_are_found_by_the_digest_the_migration_fills,
    the_list_filters_and_counts_give_the_domains_table_three,
};
pub use documents::{
    a_document_step_is_saved_with_its_events_and_a_stale_one_refused,
    a_row_marked_public_by_hand_is_still_not_shown,
    documents_are_numbered_per_agency_and_year_and_logged,
    each_agency_edits_its_own_classification, only_reviewed_and_approved_versions_are_public,
    public_filters_and_the_change_log_follow_the_registry,
    the_interpretation_column_is_filled_from_the_records, the_registry_stays_inside_its_agency,
};
pub use notifications::*;
pub use online::*;
pub use proceedings::{
    a_proceeding_is_registered_with_its_events_and_linked_only_to_its_agencys_cases,
    a_proceeding_step_is_saved_with_its_events_and_a_stale_one_refused,
    a_repeated_key_registers_one_proceeding,
    the_register_filters_and_cells_select_what_the_domains_table_four_counts,
};
pub use reports::*;
pub use security::*;

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
            must_change_password: false,
        }
    }
}

pub(crate) fn me() -> Actor {
    Actor::system()
}

/// A token to issue for `user` with the given hash, no expiry.
pub(crate) fn token(user: UserId, hash: &str) -> NewApiToken {
    NewApiToken {
        user_id: user,
        name: "脚本".into(),
        token_hash: hash.into(),
        expires_at: None,
    }
}

pub async fn migrations_apply_again_on_an_already_migrated_database(db: TestDb) {
    let a = db
        .store
        .create_agency(&me(), &build::agency("A1", None))
        .await
        .unwrap();
    let again = db.reopen().await;
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
    let mut same_code = build::agency("DUP", None);
    same_code.name = "另一机关".into();
    let again = s.create_agency(&me(), &same_code).await;
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
    let changed = s
        .set_password(&me(), a.id, u.id, "new-hash", true)
        .await
        .unwrap();
    assert!(changed.must_change_password);
    assert_eq!(changed.session_epoch, u.session_epoch + 1);
    let (found, hash) = s.user_for_login(" ALICE ").await.unwrap().unwrap();
    assert_eq!((found.id, hash.as_str()), (u.id, "new-hash"));
    let shouting = s
        .create_user(&me(), a.id, &build::user("ALICE", Role::Clerk))
        .await;
    assert!(
        matches!(shouting, Err(StoreError::Conflict { what: "用户名" })),
        "{shouting:?}"
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
    let pw = s.set_password(&me(), a.id, ub.id, "h", false).await;
    assert!(matches!(pw, Err(StoreError::NotFound { .. })), "{pw:?}");
    let tok = s.create_api_token(&me(), a.id, &token(ub.id, "h1")).await;
    assert!(matches!(tok, Err(StoreError::NotFound { .. })), "{tok:?}");
    let tb = s
        .create_api_token(&me(), b.id, &token(ub.id, "h2"))
        .await
        .unwrap();
    let revoke = s.revoke_api_token(&me(), a.id, tb.id).await;
    assert!(
        matches!(revoke, Err(StoreError::NotFound { .. })),
        "{revoke:?}"
    );
    assert!(s.api_tokens(in_a).await.unwrap().is_empty());
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

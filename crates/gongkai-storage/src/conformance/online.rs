//! Conformance: online submissions — the challenge claimed once, the address throttled, the
//! application filed with its events, and many at once (on SQLite, in shared commits) each
//! filed or refused on its own, in one unbroken chain.

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use super::{build, me};
use crate::cases::*;
use crate::testing::TestDb;
use crate::*;
use gongkai_domain::account::Throttle;
use gongkai_domain::application::ApplicantType;
use gongkai_domain::calendar::WorkCalendar;

/// Two free submissions per address, then a wait of an hour.
const TWO_FREE: Throttle = Throttle {
    free: 2,
    base_secs: 3600,
    max_secs: 3600,
    forget_secs: 24 * 3600,
};

fn submission(claim: &str, addr: &str, what: &str) -> OnlineSubmission {
    let cal = WorkCalendar::shipped();
    OnlineSubmission {
        claim: format!("captcha:{claim}"),
        throttle: ThrottleKey {
            key: format!("apply:{addr}"),
            policy: TWO_FREE,
        },
        now: chrono::Utc::now(),
        application: super::cases::new_application(
            &cal,
            "2026-03-02",
            what,
            "11010519491231002X",
            ApplicantType::NaturalPerson,
        ),
    }
}

async fn count(db: &TestDb, agency: AgencyId) -> u64 {
    let all = CaseFilter::default();
    db.store
        .applications(Scope::agency(agency), &all, 0, 1)
        .await
        .unwrap()
        .1
}

pub async fn an_online_submission_claims_its_challenge_once_and_counts_its_address(db: TestDb) {
    let s = &db.store;
    let a = s
        .create_agency(&me(), &build::agency("ONL", None))
        .await
        .unwrap();
    let Submitted::Filed(first) = s
        .submit_online(a.id, submission("c1", "ip1", "预算"))
        .await
        .unwrap()
    else {
        panic!("the first submission is filed");
    };
    assert_eq!(first.number, "2026-00001");
    let events = s.case_events(a.id, first.id).await.unwrap();
    assert!(!events.is_empty(), "filed with its registration events");

    let replay = s.submit_online(a.id, submission("c1", "ip2", "决算")).await;
    assert_eq!(replay.unwrap(), Submitted::ChallengeUsed);
    assert_eq!(
        count(&db, a.id).await,
        1,
        "a replayed challenge stores nothing"
    );

    let second = s.submit_online(a.id, submission("c2", "ip1", "决算")).await;
    assert!(matches!(second.unwrap(), Submitted::Filed(_)));
    let third = s
        .submit_online(a.id, submission("c3", "ip1", "三公经费"))
        .await;
    assert!(
        matches!(third.unwrap(), Submitted::Throttled(_)),
        "the third from one address waits"
    );
    assert_eq!(count(&db, a.id).await, 2);
    let elsewhere = s
        .submit_online(a.id, submission("c3", "ip3", "三公经费"))
        .await;
    assert_eq!(
        elsewhere.unwrap(),
        Submitted::ChallengeUsed,
        "a throttled try used its challenge"
    );
    let report = db.verify().await;
    assert!(report.breaks.is_empty(), "{report:?}");
}

pub async fn concurrent_online_submissions_are_each_filed_or_refused_alone(db: TestDb) {
    let a = db
        .store
        .create_agency(&me(), &build::agency("MANY", None))
        .await
        .unwrap();
    let mut clash = submission("dup-b", "ip-b", "重复查询码");
    let mut tasks = Vec::new();
    for i in 0..40 {
        let one = submission(&format!("n{i}"), &format!("ip{i}"), &format!("第{i}号文件"));
        if i == 7 {
            clash.application.query_code = one.application.query_code.clone();
        }
        let s = db.store.clone();
        tasks.push(tokio::spawn(
            async move { s.submit_online(a.id, one).await },
        ));
        if i == 7 {
            let (s, c) = (db.store.clone(), clash.clone());
            tasks.push(tokio::spawn(async move { s.submit_online(a.id, c).await }));
        }
    }
    let mut numbers = Vec::new();
    let mut conflicts = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(Submitted::Filed(app)) => numbers.push(app.number),
            Err(StoreError::Conflict { .. }) => conflicts += 1,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        (numbers.len(), conflicts),
        (40, 1),
        "one 查询码 is taken once"
    );
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 40, "every filed one has its own number");
    let report = db.verify().await;
    assert!(report.breaks.is_empty(), "{report:?}");
    assert!(
        report.events >= 41,
        "each filed with its own events: {report:?}"
    );
}

/// Submissions filed together (one transaction, as the group commit files a batch) each come
/// out as if filed alone, in order: a challenge used twice is refused the second time, an
/// address's third waits, a form sent twice is stored once, a repeated request names the first
/// of the batch, and the numbers run on.
pub async fn submissions_filed_together_are_each_decided_as_if_alone(db: TestDb) {
    let a = db
        .store
        .create_agency(&me(), &build::agency("BAT", None))
        .await
        .unwrap();
    let first = submission("b1", "ip1", "预算");
    let replay = submission("b1", "ip2", "决算");
    let mut second = submission("b2", "ip1", "决算");
    second.application.idempotency_key = Some("form-2".into());
    let third = submission("b3", "ip1", "三公经费");
    let repeat = submission("b4", "ip4", "预算");
    let mut resent = second.clone();
    resent.claim = "captcha:b5".into();
    resent.throttle.key = "apply:ip5".into();
    let batch = [&first, &replay, &second, &third, &repeat, &resent];
    let jobs: Vec<(AgencyId, &OnlineSubmission)> = batch.iter().map(|s| (a.id, *s)).collect();

    let store = db.reopen().await;
    let mut tx = store.begin().await.unwrap();
    let out = crate::cases::online::submit_all(&mut tx, &jobs)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let filed = |k: usize| match &out[k] {
        Submitted::Filed(app) => app.clone(),
        other => panic!("submission {k} is filed: {other:?}"),
    };
    assert_eq!(out[1], Submitted::ChallengeUsed);
    assert!(matches!(out[3], Submitted::Throttled(_)), "{:?}", out[3]);
    let numbers: Vec<String> = [0, 2, 4].iter().map(|&k| filed(k).number).collect();
    assert_eq!(numbers, ["2026-00001", "2026-00002", "2026-00003"]);
    assert_eq!(filed(0).duplicate_of, None);
    assert_eq!(filed(4).duplicate_of, Some(filed(0).id));
    assert_eq!(filed(5).id, filed(2).id, "a form sent twice is stored once");
    assert_eq!(count(&db, a.id).await, 3);
    let stored = db
        .store
        .application(Scope::agency(a.id), filed(4).id)
        .await
        .unwrap();
    assert_eq!(stored.duplicate_of, Some(filed(0).id));
    for k in [0, 2, 4] {
        let events = db.store.case_events(a.id, filed(k).id).await.unwrap();
        assert!(!events.is_empty(), "submission {k} has its events");
    }
    let report = db.verify().await;
    assert!(report.breaks.is_empty(), "{report:?}");
}

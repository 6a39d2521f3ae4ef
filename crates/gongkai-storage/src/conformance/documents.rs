//! Conformance: the registry of 主动公开 — 索引号 serials per agency and year (never reused, a
//! moved-in number skipped), steps with their events and optimistic locking, the public reads
//! that show only what passed 保密审查 and approval, files public only while named by a public
//! version, the change log, and isolation between agencies.

#![expect(clippy::unwrap_used, clippy::missing_panics_doc, missing_docs)]

use super::build;
use super::cases::date;
use crate::documents::*;
use crate::testing::TestDb;
use crate::*;
use gongkai_domain::disclosure::{
    self, Attachment, AttachmentId, Body, BodyFormat, Command, Content, Ctx, Document, IndexNo,
    IndexNoPattern, Openness, Registration, Transition, Validity,
};

fn ctx(today: &str, role: Role) -> Ctx<'static> {
    let actor = match role {
        Role::Clerk => "clerk",
        Role::Reviewer => "reviewer",
        _ => "head",
    };
    Ctx {
        today: date(today),
        actor,
        role,
    }
}

pub fn content(title: &str, written: &str) -> Content {
    Content {
        doc_no: String::new(),
        title: title.to_owned(),
        summary: format!("{title}的主要内容"),
        publisher: "某某市人民政府办公室".to_owned(),
        written_on: date(written),
        topic: None,
        genre: None,
        item: None,
        openness: Openness::Proactive,
        marker: None,
        interprets: None,
        body: Body {
            format: BodyFormat::Markdown,
            text: "正文".to_owned(),
        },
        attachments: Vec::new(),
    }
}

/// Creates a draft of `agency` (clerk, on its 成文日期) with the next 索引号 of the year.
pub async fn draft(db: &TestDb, agency: &Agency, c: Content) -> StoredDocument {
    let code = agency.code.clone();
    let today = c.written_on.to_string();
    let year = c.written_on.format("%Y").to_string().parse().unwrap();
    let build = move |serial: u32| {
        let index_no = IndexNoPattern::default()
            .format(&code, year, 1, serial)
            .unwrap();
        let reg = Registration {
            index_no,
            content: c.clone(),
            validity: Validity::Valid,
            published_on: None,
        };
        disclosure::create(reg, &ctx(&today, Role::Clerk))
    };
    db.store
        .create_document(agency.id, year, &build)
        .await
        .unwrap()
}

/// Applies `cmd` as `role` on `on` and saves it.
pub async fn step(
    db: &TestDb,
    d: &StoredDocument,
    on: &str,
    role: Role,
    cmd: Command,
) -> StoreResult<StoredDocument> {
    let t = disclosure::apply(&d.document, cmd, &ctx(on, role)).unwrap();
    db.store
        .commit_document(d.agency_id, d.id, d.version, &t)
        .await
}

pub fn review() -> Command {
    Command::Review {
        conclusion: Openness::Proactive,
        basis: "《中华人民共和国保守国家秘密法》".into(),
        withheld_parts: String::new(),
    }
}

pub fn approve() -> Command {
    Command::Approve {
        note: "同意".into(),
    }
}

/// Submitted, reviewed as 主动公开 and approved on `on`.
pub async fn publish(db: &TestDb, d: &StoredDocument, on: &str) -> StoredDocument {
    let d = step(db, d, on, Role::Clerk, Command::Submit).await.unwrap();
    let d = step(db, &d, on, Role::Reviewer, review()).await.unwrap();
    step(db, &d, on, Role::Head, approve()).await.unwrap()
}

async fn agency(db: &TestDb, code: &str) -> Agency {
    db.store
        .create_agency(&Actor::system(), &build::agency(code, None))
        .await
        .unwrap()
}

fn moved_in(index: &str, title: &str) -> Transition {
    let reg = Registration {
        index_no: IndexNo::parse(index).unwrap(),
        content: content(title, "2026-01-05"),
        validity: Validity::Valid,
        published_on: None,
    };
    disclosure::create(reg, &ctx("2026-01-06", Role::Clerk)).unwrap()
}

pub async fn documents_are_numbered_per_agency_and_year_and_logged(db: TestDb) {
    let a = agency(&db, "110000").await;
    let b = agency(&db, "120000").await;
    let first = draft(&db, &a, content("关于甲的通知", "2026-01-05")).await;
    let second = draft(&db, &a, content("关于乙的通知", "2026-01-05")).await;
    assert_eq!(first.document.index_no.as_str(), "110000/2026-00001");
    assert_eq!(second.document.index_no.as_str(), "110000/2026-00002");
    // Another agency and another year count from 1.
    let other = draft(&db, &b, content("关于丙的通知", "2026-01-05")).await;
    assert_eq!(other.document.index_no.as_str(), "120000/2026-00001");
    let older = draft(&db, &a, content("旧文件", "2025-06-30")).await;
    assert_eq!(older.document.index_no.as_str(), "110000/2025-00001");

    // A document moved in with the next number: the next new one skips it.
    let moved = db
        .store
        .register_document(a.id, &moved_in("110000/2026-00003", "迁入的文件"))
        .await
        .unwrap();
    assert_eq!(moved.version, 1);
    let again = db
        .store
        .register_document(a.id, &moved_in("110000/2026-00003", "又一份"))
        .await;
    assert!(matches!(
        again,
        Err(StoreError::Conflict { what: "索引号" })
    ));
    let next = draft(&db, &a, content("关于丁的通知", "2026-02-01")).await;
    assert_eq!(next.document.index_no.as_str(), "110000/2026-00004");

    // A build that fails takes no row (its serial is not reused either: numbers only grow).
    let failing = |_serial: u32| {
        let mut c = content("", "2026-01-05");
        c.title.clear();
        let reg = Registration {
            index_no: IndexNo::parse("110000/2026-99999").unwrap(),
            content: c,
            validity: Validity::Valid,
            published_on: None,
        };
        disclosure::create(reg, &ctx("2026-01-05", Role::Clerk))
    };
    let refused = db.store.create_document(a.id, 2026, &failing).await;
    assert!(matches!(refused, Err(StoreError::Invalid(m)) if m.contains("标题")));
    let (rows, total) = db
        .store
        .documents(Scope::agency(a.id), &DocumentFilter::default(), 0, 50)
        .await
        .unwrap();
    assert_eq!(total, 5);
    assert_eq!(rows.len(), 5);

    let events = db.store.document_events(a.id, first.id).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event.action, "created");
    assert_eq!(events[0].event.subject, "document");
    assert_eq!(events[0].event.subject_id, first.id.to_string());
}

pub async fn a_document_step_is_saved_with_its_events_and_a_stale_one_refused(db: TestDb) {
    let a = agency(&db, "110000").await;
    let d = draft(&db, &a, content("关于甲的通知", "2026-01-05")).await;
    let submitted = step(&db, &d, "2026-01-06", Role::Clerk, Command::Submit)
        .await
        .unwrap();
    assert_eq!(submitted.version, 2);
    assert_eq!(submitted.document.status_key(), "in_review");
    // The same step again on the version read before: someone else was first.
    let stale = step(&db, &d, "2026-01-06", Role::Clerk, Command::Submit).await;
    assert!(matches!(stale, Err(StoreError::Stale)));
    let stored = db.store.document(Scope::agency(a.id), d.id).await.unwrap();
    assert_eq!(stored, submitted);
    let events = db.store.document_events(a.id, d.id).await.unwrap();
    let actions: Vec<_> = events.iter().map(|e| e.event.action.as_str()).collect();
    assert_eq!(actions, ["created", "submitted"]);

    // The list filters by status and by words of the title.
    let f = DocumentFilter {
        statuses: vec!["in_review".into()],
        ..Default::default()
    };
    let (rows, total) = db
        .store
        .documents(Scope::agency(a.id), &f, 0, 10)
        .await
        .unwrap();
    assert_eq!((rows.len(), total), (1, 1));
    let f = DocumentFilter {
        text: Some("乙".into()),
        ..Default::default()
    };
    let (_, total) = db
        .store
        .documents(Scope::agency(a.id), &f, 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 0);
}

async fn file(db: &TestDb, a: &Agency, name: &str, text: &str) -> DocumentFile {
    let new = NewDocumentFile {
        file_name: name.into(),
        media_type: "application/pdf".into(),
        bytes: format!("%PDF-1.4 {text}").into_bytes(),
        text: Some(text.into()),
        uploaded_by: "clerk".into(),
    };
    db.store.add_document_file(a.id, &new).await.unwrap()
}

fn not_found<T>(r: StoreResult<T>) -> bool {
    matches!(r, Err(StoreError::NotFound { .. }))
}

pub async fn only_reviewed_and_approved_versions_are_public(db: TestDb) {
    let a = agency(&db, "110000").await;
    let f = file(&db, &a, "附件1.pdf", "附件里的文字").await;
    let mut c = content("关于甲的通知", "2026-01-05");
    c.attachments = vec![Attachment {
        id: AttachmentId(f.id),
        name: "附件1：申请表.pdf".into(),
    }];
    let d = draft(&db, &a, c).await;
    let all = PublicFilter::default();
    let mine = PublicFilter {
        agency: Some(a.id),
        ..Default::default()
    };

    // A draft, in review and awaiting approval: not public anywhere.
    let submitted = step(&db, &d, "2026-01-06", Role::Clerk, Command::Submit)
        .await
        .unwrap();
    for filter in [&all, &mine] {
        let (list, total) = db.store.public_documents(filter, 0, 10).await.unwrap();
        assert!(list.is_empty() && total == 0);
    }
    assert!(not_found(db.store.public_document(a.id, d.id).await));
    assert!(not_found(
        db.store.public_document_file(a.id, d.id, f.id).await
    ));

    let reviewed = step(&db, &submitted, "2026-01-07", Role::Reviewer, review())
        .await
        .unwrap();
    assert!(not_found(db.store.public_document(a.id, d.id).await));
    let published = step(&db, &reviewed, "2026-01-07", Role::Head, approve())
        .await
        .unwrap();
    assert_eq!(published.document.status_key(), "published");
    let (list, total) = db.store.public_documents(&mine, 0, 10).await.unwrap();
    assert_eq!((list.len(), total), (1, 1));
    assert_eq!(list[0].id, d.id);
    let shown = db.store.public_document(a.id, d.id).await.unwrap();
    assert_eq!(shown.document.public_view().unwrap().version, 1);
    let (meta, bytes) = db
        .store
        .public_document_file(a.id, d.id, f.id)
        .await
        .unwrap();
    assert_eq!(meta.file_name, "附件1.pdf");
    assert!(bytes.starts_with(b"%PDF"));
    // A file the public version does not name stays private, even of the same agency.
    let other = file(&db, &a, "内部.pdf", "内部").await;
    assert!(not_found(
        db.store.public_document_file(a.id, d.id, other.id).await
    ));

    // A correction under way leaves version 1 up, not the unreviewed working copy.
    let open = Command::OpenCorrection {
        reason: "标题有误".into(),
        note: "更正了标题".into(),
    };
    let correcting = step(&db, &published, "2026-01-08", Role::Clerk, open)
        .await
        .unwrap();
    let mut changed = correcting.document.content.clone();
    changed.title = "关于甲的通知（未审）".into();
    let edited = step(
        &db,
        &correcting,
        "2026-01-08",
        Role::Clerk,
        Command::Edit { content: changed },
    )
    .await
    .unwrap();
    let shown = db.store.public_document(a.id, d.id).await.unwrap();
    let view = shown.document.public_view().unwrap();
    assert_eq!(view.content.title, "关于甲的通知");
    let (list, _) = db.store.public_documents(&mine, 0, 10).await.unwrap();
    assert_eq!(
        list[0].document.public_view().unwrap().content.title,
        "关于甲的通知"
    );

    // Withdrawn: gone from the list, the page and the file.
    let cancel = step(
        &db,
        &edited,
        "2026-01-09",
        Role::Clerk,
        Command::CancelCorrection,
    )
    .await
    .unwrap();
    let withdraw = Command::Withdraw {
        reason: "政策已调整".into(),
    };
    step(&db, &cancel, "2026-01-09", Role::Head, withdraw)
        .await
        .unwrap();
    let (list, total) = db.store.public_documents(&all, 0, 10).await.unwrap();
    assert!(list.is_empty() && total == 0);
    assert!(not_found(db.store.public_document(a.id, d.id).await));
    assert!(not_found(
        db.store.public_document_file(a.id, d.id, f.id).await
    ));
}

pub async fn a_row_marked_public_by_hand_is_still_not_shown(db: TestDb) {
    let a = agency(&db, "110000").await;
    let d = draft(&db, &a, content("草稿", "2026-01-05")).await;
    db.raw_sql(&format!(
        "UPDATE documents SET public = TRUE, pub_updated_on = '2026-01-05' WHERE id = {}",
        d.id
    ))
    .await;
    let mine = PublicFilter {
        agency: Some(a.id),
        ..Default::default()
    };
    let (list, _) = db.store.public_documents(&mine, 0, 10).await.unwrap();
    assert!(list.is_empty());
    assert!(matches!(
        db.store.public_document(a.id, d.id).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub async fn public_filters_and_the_change_log_follow_the_registry(db: TestDb) {
    let a = agency(&db, "110000").await;
    let b = agency(&db, "120000").await;
    let start = db.store.document_changes(0, 1000).await.unwrap();
    let after = start.last().map_or(0, |c| c.seq);
    let mut c1 = content("规划", "2025-03-02");
    c1.item = disclosure::StatutoryItem::parse("第二十条第（一）项");
    c1.topic = Some(disclosure::CategoryCode::parse("02.01").unwrap());
    let d1 = publish(&db, &draft(&db, &a, c1).await, "2026-01-07").await;
    let mut c2 = content("预算", "2026-01-05");
    c2.topic = Some(disclosure::CategoryCode::parse("020").unwrap());
    let d2 = publish(&db, &draft(&db, &a, c2).await, "2026-01-08").await;
    let d3 = publish(
        &db,
        &draft(&db, &b, content("公告", "2026-01-05")).await,
        "2026-01-09",
    )
    .await;

    let ids = |list: Vec<StoredDocument>| list.into_iter().map(|d| d.id).collect::<Vec<_>>();
    let page = |f: PublicFilter| {
        let store = db.store.clone();
        async move { ids(store.public_documents(&f, 0, 10).await.unwrap().0) }
    };
    // Newest 发布日期 first, across the platform.
    assert_eq!(page(PublicFilter::default()).await, [d3.id, d2.id, d1.id]);
    let mine = PublicFilter {
        agency: Some(a.id),
        ..Default::default()
    };
    assert_eq!(page(mine.clone()).await, [d2.id, d1.id]);
    let f = PublicFilter {
        item: Some("art20_1".into()),
        ..mine.clone()
    };
    assert_eq!(page(f).await, [d1.id]);
    // 02 holds 02.01 but not 020.
    let f = PublicFilter {
        topic: Some("02".into()),
        ..mine.clone()
    };
    assert_eq!(page(f).await, [d1.id]);
    let f = PublicFilter {
        year: Some(2025),
        ..mine.clone()
    };
    assert_eq!(page(f).await, [d1.id]);
    let (page2, total) = db.store.public_documents(&mine, 1, 1).await.unwrap();
    assert_eq!((ids(page2), total), (vec![d1.id], 2));

    // Every write is in the change log, in order; the indexer reads them back.
    let changes = db.store.document_changes(after, 1000).await.unwrap();
    assert_eq!(changes.len(), 12, "3 documents × (create + 3 steps)");
    assert!(changes.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(changes.last().unwrap().document_id, d3.id);
    let limited = db.store.document_changes(after, 5).await.unwrap();
    assert_eq!(limited.len(), 5);
    let got = db.store.documents_by_ids(&[d1.id, d3.id]).await.unwrap();
    assert_eq!(got.len(), 2);
}

pub async fn the_registry_stays_inside_its_agency(db: TestDb) {
    let a = agency(&db, "110000").await;
    let b = agency(&db, "120000").await;
    let f = file(&db, &a, "附件.pdf", "文字").await;
    let d = publish(
        &db,
        &draft(&db, &a, content("通知", "2026-01-05")).await,
        "2026-01-06",
    )
    .await;
    let nf = |r: StoreResult<StoredDocument>| matches!(r, Err(StoreError::NotFound { .. }));
    assert!(nf(db.store.document(Scope::agency(b.id), d.id).await));
    assert!(nf(db.store.public_document(b.id, d.id).await));
    assert!(matches!(
        db.store.document_file(b.id, f.id).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(
        db.store
            .document_files(b.id, &[f.id])
            .await
            .unwrap()
            .is_empty()
    );
    let (rows, _) = db
        .store
        .documents(Scope::agency(b.id), &DocumentFilter::default(), 0, 10)
        .await
        .unwrap();
    assert!(rows.is_empty());
    // A step saved under the wrong agency changes nothing.
    let t = disclosure::apply(
        &d.document,
        Command::Withdraw {
            reason: "错误".into(),
        },
        &ctx("2026-01-07", Role::Head),
    )
    .unwrap();
    let r = db.store.commit_document(b.id, d.id, d.version, &t).await;
    assert!(nf(r));
    assert!(db.store.registry(b.id).await.unwrap().is_empty());
    let kept: Vec<Document> = db
        .store
        .registry(a.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.document)
        .collect();
    assert_eq!(kept, [d.document]);
}

/// An agency's 主题分类 / 体裁分类: the shipped tree until edited, then its own (one agency's edit
/// leaves the other's and the other scheme alone), a stale save refused, each save audited, and
/// the public documents under a category counted with those below it.
pub async fn each_agency_edits_its_own_classification(db: TestDb) {
    use gongkai_domain::disclosure::{CategoryCode, Classification, Scheme};
    let a = agency(&db, "110000").await;
    let b = agency(&db, "120000").await;
    let shipped = Classification::shipped(Scheme::Topic);
    let (tree, version) = db.store.classification(a.id, Scheme::Topic).await.unwrap();
    assert_eq!((&tree, version), (&shipped, 0));
    let code = |s: &str| CategoryCode::parse(s).unwrap();
    let (local, added) = tree.add(Some(&code("02")), "街道政务公开").unwrap();
    let added = added.as_str().to_owned();
    let actor = Actor::system();
    let v1 = db
        .store
        .set_classification(&actor, a.id, 0, &local, "新增“街道政务公开”")
        .await
        .unwrap();
    assert_eq!(v1, 1);
    let stale = db
        .store
        .set_classification(&actor, a.id, 0, &shipped, "重复保存")
        .await;
    assert!(matches!(stale, Err(StoreError::Stale)));
    assert_eq!(
        db.store.classification(a.id, Scheme::Topic).await.unwrap(),
        (local.clone(), 1)
    );
    assert_eq!(
        db.store.classification(b.id, Scheme::Topic).await.unwrap(),
        (shipped, 0)
    );
    let genre = db.store.classification(a.id, Scheme::Genre).await.unwrap();
    assert_eq!(genre, (Classification::shipped(Scheme::Genre), 0));
    let events = db
        .store
        .audit_events(Scope::agency(a.id), 10)
        .await
        .unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.event.action == "classification_updated"
                && e.event.summary.contains("街道政务公开"))
    );

    let mut c = content("关于街道政务公开的通知", "2026-01-05");
    c.topic = Some(code(&added));
    publish(&db, &draft(&db, &a, c).await, "2026-01-06").await;
    let mut unfiled = content("未公开的草稿", "2026-01-05");
    unfiled.topic = Some(code(&added));
    draft(&db, &a, unfiled).await;
    let count = |agency, c: &str| {
        let code = code(c);
        let store = db.store.clone();
        async move {
            store
                .documents_in_category(agency, Scheme::Topic, &code)
                .await
                .unwrap()
        }
    };
    assert_eq!(count(a.id, &added).await, 1, "the draft is not counted");
    assert_eq!(
        count(a.id, "02").await,
        1,
        "a category counts those below it"
    );
    assert_eq!(count(a.id, "03").await, 0);
    assert_eq!(count(b.id, &added).await, 0);
}

/// Migration 0012 fills `pub_interprets` from the stored records: emptied by hand, the column
/// comes back for the public interpretation and stays empty for the rest.
pub async fn the_interpretation_column_is_filled_from_the_records(db: TestDb) {
    let a = agency(&db, "110000").await;
    let policy = draft(&db, &a, content("关于医疗保险的实施办法", "2026-01-05")).await;
    let policy = publish(&db, &policy, "2026-01-06").await;
    let index_no = policy.document.index_no.as_str().to_owned();
    let mut c = content("实施办法的政策解读", "2026-01-05");
    c.interprets = Some(policy.document.index_no.clone());
    let reading = publish(&db, &draft(&db, &a, c.clone()).await, "2026-01-06").await;
    draft(&db, &a, c).await; // a draft names it too, but is not public
    let found = |db: &TestDb| {
        let (store, index_no) = (db.store.clone(), index_no.clone());
        async move {
            let docs = store.public_interpretations(a.id, &index_no).await.unwrap();
            docs.into_iter().map(|d| d.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(found(&db).await, [reading.id]);
    db.raw_sql("UPDATE documents SET pub_interprets = NULL")
        .await;
    assert!(found(&db).await.is_empty());
    let conn = sea_orm::Database::connect(&db.url).await.unwrap();
    let schema = sea_orm_migration::SchemaManager::new(&conn);
    crate::migration::m0012_link_interpretations::fill(&schema)
        .await
        .unwrap();
    conn.close().await.ok();
    assert_eq!(found(&db).await, [reading.id]);
}

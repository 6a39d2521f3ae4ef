//! The public 专栏, feed, sitemap and search through the router: only what passed 保密审查 and
//! approval is ever shown (draft, in review, awaiting approval, filed and withdrawn documents
//! are in none of them), filters and pages, the generated 指南, well-formed XML, and Chinese
//! search by a two-character word of an attachment, kept current by the indexer.

use crate::helpers::{Browser, PASSWORD, TestApp, on_both_backends};
use axum::http::StatusCode;
use gongkai_domain::agency::Profile;
use gongkai_domain::disclosure::{
    Art20Item, Attachment, AttachmentId, CategoryCode, Command, Openness, StatutoryItem,
};
use gongkai_search::SearchIndex;
use gongkai_storage::conformance::documents::{content, draft, publish, step};
use gongkai_storage::documents::{NewDocumentFile, StoredDocument};
use gongkai_storage::*;
use gongkai_web::portal::indexer::{Indexer, catch_up};
use gongkai_web::{AppState, router};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

async fn agency(app: &TestApp, key: &str) -> Agency {
    let id = app.ids[key];
    app.db.store.agency(Scope::agency(id), id).await.unwrap()
}

/// A browser on a router with an in-memory search index.
fn browser(app: &TestApp, index: &Arc<SearchIndex>) -> Browser {
    let state = AppState::new(app.db.store.clone(), TestApp::config())
        .with_search(index.clone())
        .with_page_cache(Duration::ZERO);
    Browser {
        app: router(state),
        cookies: BTreeMap::new(),
        addr: "192.0.2.1".into(),
    }
}

/// Parses `xml` to the end (end tags checked); panics on the first error. Returns the text of
/// every `tag`, entities resolved.
fn texts_of(xml: &str, tag: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let (mut out, mut text): (Vec<String>, Option<String>) = (Vec::new(), None);
    loop {
        match r
            .read_event()
            .unwrap_or_else(|e| panic!("bad XML: {e}\n{xml}"))
        {
            Event::Start(s) if s.name().0 == tag => text = Some(String::new()),
            Event::End(e) if e.name().0 == tag => out.extend(text.take()),
            Event::Text(t) => {
                if let Some(buf) = text.as_mut() {
                    buf.push_str(&t.html_content());
                }
            }
            Event::GeneralRef(g) => {
                let ch = match g.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&g)
                        .unwrap()
                        .into(),
                };
                if let Some(buf) = text.as_mut() {
                    buf.push_str(&ch);
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// Where a document can be seen, and whether it is.
struct Probe<'a> {
    code: &'a str,
    doc: i64,
    file: i64,
    word: &'a str,
}

impl Probe<'_> {
    async fn seen(&self, b: &mut Browser) -> [bool; 6] {
        let page = format!("/xxgk/{}/docs/{}", self.code, self.doc);
        let list = b.get(&format!("/xxgk/{}/docs", self.code)).await;
        assert_eq!(list.status, StatusCode::OK);
        let detail = b.get(&page).await.status;
        assert!(matches!(detail, StatusCode::OK | StatusCode::NOT_FOUND));
        let file = b.get(&format!("{page}/files/{}", self.file)).await.status;
        assert!(matches!(file, StatusCode::OK | StatusCode::NOT_FOUND));
        let search = b.get(&format!("/search?q={}", self.word)).await;
        let feed = b.get("/feed.atom").await.body;
        let sitemap = b.get("/sitemap.xml").await.body;
        let url = format!("http://localhost{page}");
        [
            list.body.contains(&format!("href=\"{page}\"")),
            detail == StatusCode::OK,
            file == StatusCode::OK,
            search.body.contains(&format!("href=\"{page}\"")),
            texts_of(&feed, "id").contains(&url),
            texts_of(&sitemap, "loc").contains(&url),
        ]
    }
}

async fn pdf(app: &TestApp, a: &Agency, text: &str) -> i64 {
    let new = NewDocumentFile {
        file_name: "附件.pdf".into(),
        media_type: "application/pdf".into(),
        bytes: format!("%PDF-1.4 {text}").into_bytes(),
        text: Some(text.into()),
        uploaded_by: "clerk".into(),
    };
    app.db.store.add_document_file(a.id, &new).await.unwrap().id
}

fn review(conclusion: Openness) -> Command {
    Command::Review {
        conclusion,
        basis: "《中华人民共和国保守国家秘密法》".into(),
        withheld_parts: String::new(),
    }
}

async fn only_published_documents_are_shown_listed_searched_fed_and_mapped(app: TestApp) {
    let a = agency(&app, "A").await;
    let index = Arc::new(SearchIndex::in_ram().unwrap());
    let mut b = browser(&app, &index);
    let store = app.db.store.clone();
    let mut seq = 0;
    let file = pdf(&app, &a, "附件写明了防汛抢险的人员安排").await;
    let mut c = content("关于做好汛期安全工作的通知", "2026-01-05");
    c.attachments = vec![Attachment {
        id: AttachmentId(file),
        name: "附件1：值班表.pdf".into(),
    }];
    let probe = |d: &StoredDocument| Probe {
        code: "CA",
        doc: d.id,
        file,
        word: "防汛",
    };
    let none = [false; 6];

    let d = draft(&app.db, &a, c.clone()).await;
    let mut states = vec![d.clone()];
    let submitted = step(&app.db, &d, "2026-01-06", Role::Clerk, Command::Submit)
        .await
        .unwrap();
    states.push(submitted.clone());
    let reviewed = step(
        &app.db,
        &submitted,
        "2026-01-06",
        Role::Reviewer,
        review(Openness::Proactive),
    )
    .await
    .unwrap();
    states.push(reviewed.clone());
    assert_eq!(
        states
            .iter()
            .map(|s| s.document.status_key())
            .collect::<Vec<_>>(),
        ["draft", "in_review", "awaiting_approval"]
    );
    for s in &states {
        seq = catch_up(store.as_ref(), &index, seq, |_| Ok(()))
            .await
            .unwrap();
        assert_eq!(
            probe(s).seen(&mut b).await,
            none,
            "{}",
            s.document.status_key()
        );
    }

    // Filed: reviewed as 依申请公开 and approved — never public.
    let other = draft(&app.db, &a, c.clone()).await;
    let other = step(&app.db, &other, "2026-01-06", Role::Clerk, Command::Submit)
        .await
        .unwrap();
    let other = step(
        &app.db,
        &other,
        "2026-01-06",
        Role::Reviewer,
        review(Openness::OnRequest),
    )
    .await
    .unwrap();
    let filed = step(
        &app.db,
        &other,
        "2026-01-06",
        Role::Head,
        Command::Approve {
            note: String::new(),
        },
    )
    .await
    .unwrap();
    assert_eq!(filed.document.status_key(), "filed");
    seq = catch_up(store.as_ref(), &index, seq, |_| Ok(()))
        .await
        .unwrap();
    assert_eq!(probe(&filed).seen(&mut b).await, none);

    let published = step(
        &app.db,
        &reviewed,
        "2026-01-07",
        Role::Head,
        Command::Approve {
            note: "同意".into(),
        },
    )
    .await
    .unwrap();
    seq = catch_up(store.as_ref(), &index, seq, |_| Ok(()))
        .await
        .unwrap();
    assert_eq!(probe(&published).seen(&mut b).await, [true; 6]);
    let page = b.get(&format!("/xxgk/CA/docs/{}", published.id)).await.body;
    for shown in [
        "索引号",
        "CA/2026-00001",
        "发布机构",
        "成文日期",
        "2026-01-05",
        "有效性",
        "附件1：值班表.pdf",
    ] {
        assert!(page.contains(shown), "{shown} missing");
    }
    let search = b.get("/search?q=防汛").await.body;
    assert!(search.contains("<mark>防汛</mark>"), "{search}");

    let withdrawn = step(
        &app.db,
        &published,
        "2026-01-08",
        Role::Head,
        Command::Withdraw {
            reason: "已过时".into(),
        },
    )
    .await
    .unwrap();
    // Before the indexer runs, the stale hit is already hidden by the check against the store.
    assert!(!probe(&withdrawn).seen(&mut b).await[3]);
    catch_up(store.as_ref(), &index, seq, |_| Ok(()))
        .await
        .unwrap();
    assert_eq!(probe(&withdrawn).seen(&mut b).await, none);
    assert_eq!(index.num_docs(), 0);
}

async fn the_list_filters_and_pages(app: TestApp) {
    let a = agency(&app, "A").await;
    let topic = CategoryCode::parse("02.02").unwrap();
    for i in 0..23 {
        let year = if i < 5 { "2025-06-01" } else { "2026-01-05" };
        let mut c = content(&format!("第{i:02}号测试文件"), year);
        if i % 2 == 0 {
            c.item = Some(StatutoryItem::Art20(Art20Item::Budget));
            c.topic = Some(topic.clone());
        }
        let d = draft(&app.db, &a, c).await;
        publish(&app.db, &d, "2026-01-07").await;
    }
    // An unpublished one is counted nowhere.
    draft(&app.db, &a, content("未发布的草稿", "2026-01-05")).await;
    let mut b = app.browser();
    let count = |body: &str| body.matches("class=\"docmeta\"").count();
    let all = b.get("/xxgk/CA/docs").await.body;
    assert!(all.contains("共 23 条"));
    assert_eq!(count(&all), 20);
    assert!(all.contains("href=\"/xxgk/CA/docs?page=2\""));
    let second = b.get("/xxgk/CA/docs?page=2").await.body;
    assert_eq!(count(&second), 3);
    assert!(!second.contains("未发布的草稿"));
    let budget = b.get("/xxgk/CA/docs?item=art20_7").await.body;
    assert!(budget.contains("共 12 条") && budget.contains("（七）财政预算、决算信息"));
    let topic = b.get("/xxgk/CA/docs?topic=02").await.body;
    assert!(topic.contains("共 12 条"));
    let old = b.get("/xxgk/CA/docs?year=2025&item=art20_7").await.body;
    assert!(old.contains("共 3 条"), "{old}");
    let none = b.get("/xxgk/CA/docs?validity=repealed").await.body;
    assert!(none.contains("共 0 条") && none.contains("没有符合条件的政府信息"));
    // Junk in the query string is ignored, not an error.
    assert_eq!(
        b.get("/xxgk/CA/docs?year=abc&page=x").await.status,
        StatusCode::OK
    );
    // Another agency's list does not show them; an unknown agency is 404.
    assert!(b.get("/xxgk/CB/docs").await.body.contains("共 0 条"));
    assert_eq!(b.get("/xxgk/NOPE/docs").await.status, StatusCode::NOT_FOUND);
}

async fn the_columns_and_the_guide_come_from_the_agency(app: TestApp) {
    let a = agency(&app, "A").await;
    let profile = Profile {
        office: "某县政务公开办公室".into(),
        office_hours: "工作日 9:00—17:00".into(),
        fax: "010-87654321".into(),
        review_organ: "某市人民政府".into(),
        court: "某县人民法院".into(),
        guide_notes: "本机关在政务服务中心一楼设政府信息查阅点。\n\n<b>每周</b>一至周五开放。"
            .into(),
        ..Profile::default()
    };
    app.db
        .store
        .set_profile(&Actor::system(), a.id, 0, &profile)
        .await
        .unwrap();
    let mut b = app.browser();
    let guide = b.get("/xxgk/CA/guide").await;
    assert_eq!(guide.status, StatusCode::OK);
    for shown in [
        "某县政务公开办公室",
        "工作日 9:00—17:00",
        "010-87654321",
        "人民路1号",
        "010-12345678",
        "gk@example.cn",
        "某市人民政府",
        "某县人民法院",
        "20 个工作日",
        "/xxgk/CA/apply",
    ] {
        assert!(guide.body.contains(shown), "{shown} missing from the guide");
    }
    assert!(guide.body.contains("四、其他事项"));
    assert!(
        guide
            .body
            .contains("<p>本机关在政务服务中心一楼设政府信息查阅点。</p>")
    );
    assert!(
        guide
            .body
            .contains("<p>&#60;b&#62;每周&#60;/b&#62;一至周五开放。</p>")
            || guide
                .body
                .contains("<p>&lt;b&gt;每周&lt;/b&gt;一至周五开放。</p>"),
        "the agency's text is escaped, not markup"
    );
    let home = b.get("/xxgk/CA/").await.body;
    for shown in [
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "/xxgk/CA/apply",
        "docs?item=art20_15",
        "社会救助",
    ] {
        assert!(home.contains(shown), "{shown} missing from the home");
    }
    assert!(home.contains("尚未在本平台发布"));
    for path in ["/xxgk/CA/rules", "/xxgk/CA/reports"] {
        assert_eq!(b.get(path).await.status, StatusCode::OK, "{path}");
    }
    assert_eq!(
        b.get("/xxgk/CA").await.location.as_deref(),
        Some("/xxgk/CA/")
    );
    assert!(b.get("/").await.body.contains("href=\"/xxgk/CA/\""));
}

async fn feed_and_sitemap_are_well_formed_and_escaped(app: TestApp) {
    let a = agency(&app, "A").await;
    let mut c = content("关于“甲&乙”<试行>办法的通知", "2026-01-05");
    c.summary = "概述 & <b>不是标签</b>".into();
    let d = draft(&app.db, &a, c).await;
    let d = publish(&app.db, &d, "2026-01-07").await;
    let mut b = app.browser();
    let feed = b.get("/feed.atom").await;
    assert_eq!(
        feed.headers["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let titles = texts_of(&feed.body, "title");
    assert!(
        titles.contains(&"关于“甲&乙”<试行>办法的通知".to_owned()),
        "{titles:?}"
    );
    assert_eq!(texts_of(&feed.body, "summary"), ["概述 & <b>不是标签</b>"]);
    let mine = b.get("/feed.atom?agency=CA").await.body;
    assert_eq!(texts_of(&mine, "summary").len(), 1);
    assert!(texts_of(&b.get("/feed.atom?agency=CB").await.body, "summary").is_empty());
    assert_eq!(
        b.get("/feed.atom?agency=NOPE").await.status,
        StatusCode::NOT_FOUND
    );
    let map = b.get("/sitemap.xml").await;
    assert_eq!(
        map.headers["content-type"],
        "application/xml; charset=utf-8"
    );
    let locs = texts_of(&map.body, "loc");
    for page in ["/xxgk/CA/", "/xxgk/CA/guide", "/xxgk/CB/docs"] {
        assert!(locs.contains(&format!("http://localhost{page}")), "{page}");
    }
    assert!(locs.contains(&format!("http://localhost/xxgk/CA/docs/{}", d.id)));
    // One file holds them all: it is part 1, and there is no part 2.
    assert_eq!(b.get("/sitemap.xml?part=1").await.body, map.body);
    for missing in ["/sitemap.xml?part=2", "/sitemap.xml?part=0"] {
        assert_eq!(b.get(missing).await.status, StatusCode::NOT_FOUND);
    }
}

async fn the_index_on_disk_resumes_from_its_cursor_and_is_rebuilt(app: TestApp) {
    let a = agency(&app, "A").await;
    let store = app.db.store.clone();
    let dir = tempfile::tempdir().unwrap();
    let first = draft(&app.db, &a, content("关于春耕备耕的通知", "2026-01-05")).await;
    let first = publish(&app.db, &first, "2026-01-07").await;
    let indexer = Indexer::open(dir.path()).unwrap();
    assert_eq!(indexer.cursor(), 0);
    let seq = indexer.step(store.as_ref()).await.unwrap();
    assert!(seq > 0);
    assert_eq!((indexer.cursor(), indexer.index.num_docs()), (seq, 1));
    drop(indexer);

    // A restart resumes after the cursor: only the new change is applied.
    let withdraw = Command::Withdraw {
        reason: "重复发布".into(),
    };
    step(&app.db, &first, "2026-01-08", Role::Head, withdraw)
        .await
        .unwrap();
    let second = draft(&app.db, &a, content("关于秋收的通知", "2026-01-05")).await;
    publish(&app.db, &second, "2026-01-09").await;
    let indexer = Indexer::open(dir.path()).unwrap();
    assert_eq!((indexer.cursor(), indexer.index.num_docs()), (seq, 1));
    let later = indexer.step(store.as_ref()).await.unwrap();
    assert!(later > seq);
    assert_eq!(indexer.index.num_docs(), 1);
    assert_eq!(indexer.step(store.as_ref()).await.unwrap(), later);

    // A rebuild holds the same and leaves the cursor at the newest change.
    assert_eq!(indexer.reindex(store.as_ref()).await.unwrap(), 1);
    assert_eq!((indexer.cursor(), indexer.index.num_docs()), (later, 1));
}

async fn an_interpretation_links_to_its_policy_while_it_is_public(app: TestApp) {
    let a = agency(&app, "A").await;
    let policy = draft(&app.db, &a, content("关于医疗保险的实施办法", "2026-01-05")).await;
    let policy = publish(&app.db, &policy, "2026-01-07").await;
    let mut c = content("《关于医疗保险的实施办法》政策解读", "2026-01-05");
    c.interprets = Some(policy.document.index_no.clone());
    let reading = draft(&app.db, &a, c).await;
    let reading = publish(&app.db, &reading, "2026-01-07").await;
    let mut b = app.browser();
    let page = format!("/xxgk/CA/docs/{}", reading.id);
    let link = format!("href=\"/xxgk/CA/docs/{}\">查看原文件", policy.id);
    assert!(b.get(&page).await.body.contains(&link));
    // And the policy's page links back to its interpretation.
    let back =
        format!("本文件的政策解读：<a href=\"{page}\">《关于医疗保险的实施办法》政策解读</a>");
    let policy_page = format!("/xxgk/CA/docs/{}", policy.id);
    assert!(b.get(&policy_page).await.body.contains(&back));
    let withdraw = Command::Withdraw {
        reason: "已废止".into(),
    };
    step(&app.db, &policy, "2026-01-08", Role::Head, withdraw)
        .await
        .unwrap();
    let body = b.get(&page).await.body;
    assert!(!body.contains(&link) && body.contains("原文件未在本专栏公开"));
    // An interpretation withdrawn is no longer linked from its policy.
    let withdraw = Command::Withdraw {
        reason: "解读有误".into(),
    };
    step(&app.db, &reading, "2026-01-09", Role::Head, withdraw)
        .await
        .unwrap();
    let found = app
        .db
        .store
        .public_interpretations(a.id, policy.document.index_no.as_str())
        .await
        .unwrap();
    assert!(found.is_empty());
}

/// The 专栏's kept pages (`portal::cache`): a page is served from memory until something
/// changes; a change through this instance shows at once, one by another process (here the
/// store written directly) once the instance looks at the database again.
async fn kept_pages_follow_changes_here_at_once_and_elsewhere_after_the_recheck(app: TestApp) {
    let a = agency(&app, "A").await;
    let recheck = Duration::from_millis(800);
    let state = AppState::new(app.db.store.clone(), TestApp::config()).with_page_cache(recheck);
    let cache = state.pages.clone().unwrap();
    let on = |state: &AppState| Browser {
        app: router(state.clone()),
        cookies: BTreeMap::new(),
        addr: "192.0.2.1".into(),
    };
    let mut public = on(&state);
    let list = "/xxgk/CA/docs";
    let first = draft(&app.db, &a, content("关于春耕备耕的通知", "2026-01-05")).await;
    let first = publish(&app.db, &first, "2026-01-06").await;
    assert!(public.get(list).await.body.contains("关于春耕备耕的通知"));
    assert_eq!(cache.len(), 1, "the list is kept");

    // Another process publishes: the kept page is served until the instance looks again.
    let second = draft(&app.db, &a, content("关于秋粮收购的通知", "2026-01-05")).await;
    publish(&app.db, &second, "2026-01-06").await;
    let kept = public.get(list).await.body;
    assert!(kept.contains("关于春耕备耕的通知") && !kept.contains("关于秋粮收购的通知"));
    tokio::time::sleep(recheck + Duration::from_millis(200)).await;
    assert!(public.get(list).await.body.contains("关于秋粮收购的通知"));

    // The 负责人 withdraws through this instance: gone from the kept pages at once.
    let detail = format!("/xxgk/CA/docs/{}", first.id);
    assert_eq!(public.get(&detail).await.status, StatusCode::OK);
    let mut head = on(&state);
    assert_eq!(
        head.login("a_head", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let path = format!("/admin/documents/{}", first.id);
    let csrf = head.csrf(&path).await;
    let version = app
        .db
        .store
        .document(Scope::agency(a.id), first.id)
        .await
        .unwrap()
        .version
        .to_string();
    let form = [
        ("csrf", csrf.as_str()),
        ("version", version.as_str()),
        ("step", "withdraw"),
        ("reason", "内容已过时"),
    ];
    let res = head.post(&format!("{path}/steps"), &form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(!public.get(list).await.body.contains("关于春耕备耕的通知"));
    assert_eq!(public.get(&detail).await.status, StatusCode::NOT_FOUND);
}

on_both_backends!(
    kept_pages_follow_changes_here_at_once_and_elsewhere_after_the_recheck,
    an_interpretation_links_to_its_policy_while_it_is_public,
    the_index_on_disk_resumes_from_its_cursor_and_is_rebuilt,
    only_published_documents_are_shown_listed_searched_fed_and_mapped,
    the_list_filters_and_pages,
    the_columns_and_the_guide_come_from_the_agency,
    feed_and_sitemap_are_well_formed_and_escaped,
);

/// The public application form's agency and 公开设置 are read from the store at most once per
/// freshness: an edit within it is not seen (the same read is served), and seen once it has
/// passed; an unknown code is the store's “not found”, and is not kept.
#[tokio::test]
async fn the_public_form_reads_its_agency_once_while_fresh() {
    use gongkai_web::portal::agencies::PublicAgencies;
    let app = TestApp::new().await;
    let store = app.db.store.as_ref();
    let a = agency(&app, "A").await;
    let code = a.code.as_str().to_owned();
    let (profile, version) = store.profile(a.id).await.unwrap();
    let kept = PublicAgencies::new(Duration::from_secs(3600));
    let always = PublicAgencies::new(Duration::ZERO);
    let first = kept.get(store, &code).await.unwrap();
    assert_eq!(first.agency.id, a.id);

    let edited = Profile {
        review_organ: "某某市人民政府".into(),
        ..profile
    };
    store
        .set_profile(&Actor::system(), a.id, version, &edited)
        .await
        .unwrap();
    let again = kept.get(store, &code).await.unwrap();
    assert!(
        Arc::ptr_eq(&first, &again),
        "served from memory while fresh"
    );
    assert_ne!(again.profile.review_organ, "某某市人民政府");
    let read = always.get(store, &code).await.unwrap();
    assert_eq!(read.profile.review_organ, "某某市人民政府");

    assert!(kept.get(store, "NOSUCH").await.is_err());
}

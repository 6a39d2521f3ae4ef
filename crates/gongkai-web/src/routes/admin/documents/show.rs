//! One document: its metadata table, the working copy and the public version, where it stands
//! with what happens next, the history from its audit events, and only the step forms the
//! signed-in role may take now. A refused step comes back on this page (422) with the rule it
//! broke; a stale form is told to reload.

use crate::auth::{CurrentUser, require};
use crate::documents::steps::{self, StepForm};
use crate::documents::view::{self, Actions};
use crate::documents::{Refused, body, find, works_on};
use crate::extract::{Form, Path};
use crate::page::{Chrome, render, reshow};
use crate::portal::view::Trees;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::disclosure::{Classification, Content, Review, Version};
use gongkai_storage::documents::StoredDocument;
use gongkai_storage::{AuditEntry, Scope};
use std::collections::HashMap;

/// A version as the page shows it.
pub struct Shown {
    /// (label, value) rows of the metadata table.
    pub meta: Vec<(&'static str, String)>,
    /// The 正文, sanitised.
    pub body: String,
    /// Attachments: (file id, name).
    pub files: Vec<(i64, String)>,
}

/// The public version, when there is one.
pub struct Public {
    /// Its number.
    pub number: u32,
    /// 发布日期 of the first version and of this one.
    pub first: String,
    /// 发布日期 of this version.
    pub updated: String,
    /// Each 更正说明 with its day.
    pub corrections: Vec<(String, String)>,
    /// Its content, when it differs from the working copy (a correction under way).
    pub differs: Option<Shown>,
}

/// The document page.
#[derive(Template)]
#[template(path = "admin/document.html")]
struct DocPage {
    c: Chrome,
    d: StoredDocument,
    agency: String,
    status: &'static str,
    next: &'static str,
    working: Shown,
    public: Option<Public>,
    review: Option<Review>,
    validity: String,
    history: Vec<AuditEntry>,
    a: Actions,
    grounds: Vec<view::Opt>,
    today: String,
    error: String,
    /// Display names of the agency's accounts by login name.
    names: HashMap<String, String>,
}

impl DocPage {
    /// “王芳（reviewer）” for a login name of the agency; the login name alone otherwise.
    fn who(&self, login: &str) -> String {
        match self.names.get(login) {
            Some(n) => format!("{n}（{login}）"),
            None => login.to_owned(),
        }
    }
}

fn shown(c: &Content, index_no: &str, validity: &str, trees: &Trees) -> Shown {
    let (topics, genres) = (&trees.topics, &trees.genres);
    let path = |t: &Classification, code: &Option<gongkai_domain::disclosure::CategoryCode>| {
        code.as_ref()
            .map(|c| {
                t.path(c)
                    .unwrap_or_else(|| c.as_str().to_owned())
                    .replace('\\', " › ")
            })
            .unwrap_or_default()
    };
    let meta = vec![
        ("索引号", index_no.to_owned()),
        ("标题", c.title.clone()),
        ("文号", c.doc_no.clone()),
        ("发布机构", c.publisher.clone()),
        ("成文日期", c.written_on.to_string()),
        ("主题分类", path(topics, &c.topic)),
        ("体裁分类", path(genres, &c.genre)),
        (
            "法定公开事项",
            c.item.map(|i| i.caption()).unwrap_or_default(),
        ),
        ("公开属性", c.openness.label()),
        (
            "文件类别",
            c.marker
                .map(|m| gongkai_domain::choice::Choice::label(m).to_owned())
                .unwrap_or_else(|| "一般文件".to_owned()),
        ),
        (
            "解读的文件",
            c.interprets
                .as_ref()
                .map(|i| i.as_str().to_owned())
                .unwrap_or_default(),
        ),
        ("有效性", validity.to_owned()),
        ("内容概述", c.summary.clone()),
    ];
    Shown {
        meta: meta.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
        body: body::to_html(&c.body),
        files: c
            .attachments
            .iter()
            .map(|a| (a.id.0, a.name.clone()))
            .collect(),
    }
}

fn public(d: &StoredDocument, validity: &str, trees: &Trees) -> Option<Public> {
    let v = d.document.public_view()?;
    let latest: &Version = d.document.versions.last()?;
    let differs = (latest.content != d.document.content)
        .then(|| shown(v.content, d.document.index_no.as_str(), validity, trees));
    Some(Public {
        number: v.version,
        first: v.first_published_on.to_string(),
        updated: v.updated_on.to_string(),
        corrections: v
            .corrections
            .iter()
            .map(|(on, note)| (on.to_string(), (*note).to_owned()))
            .collect(),
        differs,
    })
}

async fn page(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    error: String,
) -> Result<DocPage, WebError> {
    let (d, agency) = find(state, &me.user, id).await?;
    let doc = &d.document;
    let validity = doc.validity.label();
    let trees = Trees::of(state.store.as_ref(), agency.id).await?;
    Ok(DocPage {
        c: Chrome::admin(&format!("文件 {}", doc.index_no), me),
        agency: agency.name.clone(),
        status: doc.status_label(),
        next: view::next_step(doc),
        working: shown(&doc.content, doc.index_no.as_str(), &validity, &trees),
        public: public(&d, &validity, &trees),
        // After approval the review lives in the version it let through.
        review: doc
            .review
            .clone()
            .or_else(|| doc.versions.last().map(|v| v.review.clone())),
        history: state.store.document_events(agency.id, d.id).await?,
        a: Actions::of(doc, me.user.role, works_on(&me.user, &agency)),
        grounds: view::grounds(),
        today: state.today().to_string(),
        names: state
            .store
            .users(Scope::agency(agency.id))
            .await?
            .into_iter()
            .map(|u| (u.username.as_str().to_owned(), u.display_name))
            .collect(),
        validity,
        error,
        d,
    })
}

/// GET /admin/documents/{id}
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    render(&page(&state, &me, id, String::new()).await?)
}

/// POST /admin/documents/{id}/steps
pub async fn step(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<StepForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let (doc, agency) = find(&state, &me.user, id).await?;
    require(works_on(&me.user, &agency))?;
    let refused = match steps::parse(&f) {
        Err(m) => m,
        Ok(cmd) => match steps::run(&state, &me.user, &agency, &doc, f.version, cmd).await {
            Ok(_) => return Ok(Redirect::to(&format!("/admin/documents/{id}")).into_response()),
            Err(Refused::Web(e)) => return Err(e),
            Err(Refused::Message(m)) => m,
            Err(Refused::Stale) => crate::documents::STALE.to_owned(),
            Err(Refused::Fields(fe)) => fe.to_string(),
        },
    };
    reshow(&page(&state, &me, id, refused).await?)
}

//! 起草 and 修改: the document form read by the domain (`DocumentForm::parse`) against the
//! agency's classification trees and its part of 第二十一条, new attachment files stored, and
//! the step saved. A new document's 索引号 comes from the agency's pattern (公开设置), counted
//! per 成文日期's year by the store, so the number is never reused.

use super::{Refused, ctx, files};
use crate::AppState;
use crate::upload::UploadedFile;
use chrono::Datelike;
use gongkai_domain::agency::Profile;
use gongkai_domain::choice::Choice;
use gongkai_domain::disclosure::{
    Art21Scope, Attachment, Classification, Command, DisclosureError, DocumentForm, FormCtx,
    Openness, Registration, Validity, apply, create as create_doc,
};
use gongkai_storage::documents::StoredDocument;
use gongkai_storage::{Agency, Role, Scope, User};

/// What reading a form needs to know about the agency.
pub struct Setup {
    /// 主题分类.
    pub topics: Classification,
    /// 体裁分类.
    pub genres: Classification,
    /// The agency's part of 第二十一条, if any.
    pub art21: Option<Art21Scope>,
}

impl Setup {
    /// The agency's trees (its own, or the shipped national ones) and its 第二十一条 scope, which depends
    /// on the level of the agency above a department.
    pub async fn of(state: &AppState, agency: &Agency) -> Result<Setup, Refused> {
        let parent = match agency.parent_id {
            Some(p) => Some(state.store.agency(Scope::subtree(p), p).await?.level),
            None => None,
        };
        let trees = crate::portal::view::Trees::of(state.store.as_ref(), agency.id).await?;
        Ok(Setup {
            topics: trees.topics,
            genres: trees.genres,
            art21: Art21Scope::of(agency.level, parent),
        })
    }

    /// The parsing context for `today`.
    pub fn form_ctx(&self, today: chrono::NaiveDate) -> FormCtx<'_> {
        FormCtx {
            today,
            topics: &self.topics,
            genres: &self.genres,
            art21: self.art21,
        }
    }
}

/// 起草: a new draft of `agency` by `user` (an 经办人) from the form and the uploaded files.
pub async fn create(
    state: &AppState,
    user: &User,
    agency: &Agency,
    form: &DocumentForm,
    uploads: Vec<UploadedFile>,
) -> Result<StoredDocument, Refused> {
    let setup = Setup::of(state, agency).await?;
    let fctx = setup.form_ctx(state.today());
    // Check the fields before any file is stored, so a refused form leaves nothing behind.
    form.parse(Vec::new(), &fctx)?;
    let ctx = ctx(state, user);
    // The domain checks this too, but only after the files would have been stored.
    if user.role != Role::Clerk {
        return Err(DisclosureError::Forbidden {
            action: "起草文件",
            role: user.role.label(),
            allowed: "经办人",
        }
        .into());
    }
    let attachments = files::store(state, agency, user, uploads).await?;
    let content = form.parse(attachments, &fctx)?;
    let (profile, _) = state.store.profile(agency.id).await?;
    let pattern = Profile::index_pattern(&profile);
    let (year, month) = (content.written_on.year(), content.written_on.month());
    let build = |serial: u32| {
        let index_no = pattern
            .format(&agency.code, year, month, serial)
            .map_err(|e| DisclosureError::Inconsistent(e.to_string()))?;
        let reg = Registration {
            index_no,
            content: content.clone(),
            validity: Validity::Valid,
            published_on: None,
        };
        create_doc(reg, &ctx)
    };
    Ok(state.store.create_document(agency.id, year, &build).await?)
}

/// An edit as posted.
pub struct Edit<'a> {
    /// The version the form was shown with.
    pub version: i32,
    /// The fields.
    pub form: &'a DocumentForm,
    /// Attachments to drop (file ids).
    pub remove: &'a [i64],
    /// New files.
    pub uploads: Vec<UploadedFile>,
}

/// 修改草稿: the form's content with the kept attachments (those not in `remove`) and the new
/// files, saved if the document is still at `version`.
pub async fn edit(
    state: &AppState,
    user: &User,
    agency: &Agency,
    doc: &StoredDocument,
    e: Edit<'_>,
) -> Result<StoredDocument, Refused> {
    let setup = Setup::of(state, agency).await?;
    let fctx = setup.form_ctx(state.today());
    let mut attachments: Vec<Attachment> = kept(doc, e.remove);
    e.form.parse(attachments.clone(), &fctx)?;
    attachments.extend(files::store(state, agency, user, e.uploads).await?);
    let content = e.form.parse(attachments, &fctx)?;
    let version = e.version;
    let step = apply(&doc.document, Command::Edit { content }, &ctx(state, user))?;
    Ok(state
        .store
        .commit_document(agency.id, doc.id, version, &step)
        .await?)
}

/// The working copy's attachments without those in `remove`.
pub fn kept(doc: &StoredDocument, remove: &[i64]) -> Vec<Attachment> {
    doc.document
        .content
        .attachments
        .iter()
        .filter(|a| !remove.contains(&a.id.0))
        .cloned()
        .collect()
}

/// The form as it was filled in for `doc` (to edit it, or to show it again).
pub fn form_of(doc: &StoredDocument) -> DocumentForm {
    let c = &doc.document.content;
    let (openness, ground) = match c.openness {
        Openness::Withheld(g) => ("withheld".to_owned(), g.id().to_owned()),
        o => (o.key().to_owned(), String::new()),
    };
    DocumentForm {
        doc_no: c.doc_no.clone(),
        title: c.title.clone(),
        summary: c.summary.clone(),
        publisher: c.publisher.clone(),
        written_on: c.written_on.to_string(),
        topic: c
            .topic
            .as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        genre: c
            .genre
            .as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        item: c.item.map(|i| i.id().to_owned()).unwrap_or_default(),
        openness,
        withhold_ground: ground,
        marker: c.marker.map(|m| m.id().to_owned()).unwrap_or_default(),
        interprets: c
            .interprets
            .as_ref()
            .map(|i| i.as_str().to_owned())
            .unwrap_or_default(),
        body_format: c.body.format.id().to_owned(),
        body: c.body.text.clone(),
    }
}

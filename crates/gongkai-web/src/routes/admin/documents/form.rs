//! 起草 and 修改 of a document (经办人 of the agency): every field of the registry, attachments
//! uploaded with the form. A refused form comes back (422) with each message beside its field
//! and everything typed kept; only newly chosen files must be chosen again.

use crate::auth::{CurrentUser, require};
use crate::documents::draft::{self, Setup};
use crate::documents::{Refused, find, view, works_on};
use crate::extract::Path;
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::upload;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::applicant::FieldError;
use gongkai_domain::disclosure::{DocumentForm, FormErrors, Status, field};
use gongkai_storage::documents::StoredDocument;
use gongkai_storage::{Agency, Role, Scope};

/// The document form.
#[derive(Template)]
#[template(path = "admin/document_form.html")]
struct FormPage {
    c: Chrome,
    /// Where the form posts.
    action: String,
    /// Where 取消 leads.
    back: String,
    /// 索引号 of the document edited (empty for a new one).
    index_no: String,
    f: DocumentForm,
    errors: FieldErrors,
    /// A refusal that belongs to no field.
    refused: String,
    version: i32,
    /// The attachments kept so far: (file id, name).
    attachments: Vec<(i64, String)>,
    items: Vec<view::Opt>,
    topics: Vec<view::Opt>,
    genres: Vec<view::Opt>,
    grounds: Vec<view::Opt>,
    markers: Vec<view::Opt>,
    /// Whether files chosen before a refusal must be chosen again.
    files_lost: bool,
}

/// What the form needs besides the values.
struct Shown {
    action: String,
    back: String,
    index_no: String,
    version: i32,
    attachments: Vec<(i64, String)>,
}

async fn page(
    state: &AppState,
    me: &CurrentUser,
    agency: &Agency,
    f: DocumentForm,
    shown: Shown,
    refusal: Option<Refused>,
    files_lost: bool,
) -> Result<FormPage, WebError> {
    let setup = Setup::of(state, agency).await.map_err(WebError::from)?;
    let mut errors = FieldErrors::new();
    let mut refused = String::new();
    match refusal {
        Some(Refused::Fields(fe)) => {
            for e in fe.0 {
                errors.add(e.field, e.message);
            }
        }
        Some(Refused::Message(m)) => refused = m,
        Some(Refused::Stale) => refused = crate::documents::STALE.to_owned(),
        Some(Refused::Web(e)) => return Err(e),
        None => {}
    }
    let title = if shown.index_no.is_empty() {
        "起草新文件".to_owned()
    } else {
        format!("修改文件 {}", shown.index_no)
    };
    Ok(FormPage {
        c: Chrome::admin(&title, me),
        action: shown.action,
        back: shown.back,
        index_no: shown.index_no,
        f,
        errors,
        refused,
        version: shown.version,
        attachments: shown.attachments,
        items: view::items(setup.art21),
        topics: view::categories(&setup.topics),
        genres: view::categories(&setup.genres),
        grounds: view::grounds(),
        markers: view::markers(),
        files_lost,
    })
}

fn shown_of(doc: &StoredDocument, remove: &[i64]) -> Shown {
    Shown {
        action: format!("/admin/documents/{}/edit", doc.id),
        back: format!("/admin/documents/{}", doc.id),
        index_no: doc.document.index_no.as_str().to_owned(),
        version: doc.version,
        attachments: draft::kept(doc, remove)
            .into_iter()
            .map(|a| (a.id.0, a.name))
            .collect(),
    }
}

fn new_shown() -> Shown {
    Shown {
        action: "/admin/documents".to_owned(),
        back: "/admin/documents".to_owned(),
        index_no: String::new(),
        version: 0,
        attachments: Vec::new(),
    }
}

/// Files refused by type, size or number, as field errors of 附件 (nothing is saved then).
fn refused_files(u: &upload::Upload) -> Option<Refused> {
    let errors = u
        .refused
        .iter()
        .map(|m| FieldError::new(field::ATTACHMENTS, m.clone()))
        .collect::<Vec<_>>();
    (!errors.is_empty()).then(|| Refused::Fields(FormErrors(errors)))
}

async fn own_agency(state: &AppState, me: &CurrentUser) -> Result<Agency, WebError> {
    let id = me.user.agency_id;
    Ok(state.store.agency(Scope::agency(id), id).await?)
}

/// GET /admin/documents/new
pub async fn new_form(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, WebError> {
    require(me.user.role == Role::Clerk)?;
    let agency = own_agency(&state, &me).await?;
    let f = DocumentForm {
        publisher: agency.name.clone(),
        written_on: state.today().to_string(),
        ..DocumentForm::default()
    };
    render(&page(&state, &me, &agency, f, new_shown(), None, false).await?)
}

/// POST /admin/documents
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    multipart: Multipart,
) -> Result<Response, WebError> {
    require(me.user.role == Role::Clerk)?;
    let u = upload::read_all(multipart).await?;
    me.csrf
        .verify(u.fields.get("csrf").map_or("", String::as_str))?;
    let f: DocumentForm = u.form();
    let agency = own_agency(&state, &me).await?;
    let had_files = !u.files.is_empty() || !u.refused.is_empty();
    if let Some(r) = refused_files(&u) {
        return reshow(&page(&state, &me, &agency, f, new_shown(), Some(r), had_files).await?);
    }
    match draft::create(&state, &me.user, &agency, &f, u.files).await {
        Ok(d) => Ok(Redirect::to(&format!("/admin/documents/{}", d.id)).into_response()),
        Err(r) => reshow(&page(&state, &me, &agency, f, new_shown(), Some(r), had_files).await?),
    }
}

/// The document `id` if `me` may edit it; `Err(Ok(redirect))` to its page when it is not a
/// draft any more (someone submitted it meanwhile).
async fn editable(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
) -> Result<Result<(StoredDocument, Agency), Response>, WebError> {
    let (doc, agency) = find(state, &me.user, id).await?;
    require(works_on(&me.user, &agency) && me.user.role == Role::Clerk)?;
    if doc.document.status != Status::Draft {
        return Ok(Err(
            Redirect::to(&format!("/admin/documents/{id}")).into_response()
        ));
    }
    Ok(Ok((doc, agency)))
}

/// GET /admin/documents/{id}/edit
pub async fn edit_form(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let (doc, agency) = match editable(&state, &me, id).await? {
        Ok(found) => found,
        Err(redirect) => return Ok(redirect),
    };
    let f = draft::form_of(&doc);
    render(&page(&state, &me, &agency, f, shown_of(&doc, &[]), None, false).await?)
}

/// POST /admin/documents/{id}/edit
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let (doc, agency) = match editable(&state, &me, id).await? {
        Ok(found) => found,
        Err(redirect) => return Ok(redirect),
    };
    let u = upload::read_all(multipart).await?;
    me.csrf
        .verify(u.fields.get("csrf").map_or("", String::as_str))?;
    let f: DocumentForm = u.form();
    let version = u
        .fields
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(doc.version);
    let remove: Vec<i64> = u
        .fields
        .keys()
        .filter_map(|k| k.strip_prefix("remove_")?.parse().ok())
        .collect();
    let had_files = !u.files.is_empty() || !u.refused.is_empty();
    if let Some(r) = refused_files(&u) {
        let mut shown = shown_of(&doc, &remove);
        shown.version = version;
        return reshow(&page(&state, &me, &agency, f, shown, Some(r), had_files).await?);
    }
    let change = draft::Edit {
        version,
        form: &f,
        remove: &remove,
        uploads: u.files,
    };
    let saved = draft::edit(&state, &me.user, &agency, &doc, change).await;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!("/admin/documents/{id}")).into_response()),
        Err(r) => {
            let mut shown = shown_of(&doc, &remove);
            shown.version = version;
            reshow(&page(&state, &me, &agency, f, shown, Some(r), had_files).await?)
        }
    }
}

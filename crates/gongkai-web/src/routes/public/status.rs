//! 查询办理进度: the applicant types the 查询码 and the phone number given in the application
//! and sees the status, the deadline, the public part of the timeline, and — once sent — the
//! letters and the information provided, to download. Wrong guesses slow the address down.

use super::files::{Target, link};
use crate::cases::{code, view};
use crate::client::ClientAddr;
use crate::csrf::CsrfToken;
use crate::extract::Form;
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_domain::account::Throttle;
use gongkai_domain::applicant::phone_digits;
use gongkai_domain::letter::LetterKind;
use gongkai_storage::cases::Application;
use gongkai_storage::{Scope, ThrottleKey};
use serde::Deserialize;

/// Lookups per address: ten wrong ones free, then a growing wait.
const LOOKUPS: Throttle = Throttle {
    free: 10,
    base_secs: 2,
    max_secs: 900,
    forget_secs: 3600,
};

/// The lookup form.
#[derive(Template)]
#[template(path = "public/status_form.html")]
struct FormPage {
    c: Chrome,
    code: String,
    errors: FieldErrors,
}

/// A download link on the status page.
pub struct Link {
    /// What it is.
    pub label: String,
    /// PDF (or the file) URL.
    pub href: String,
    /// DOCX URL of a letter.
    pub docx: Option<String>,
}

/// The status page.
#[derive(Template)]
#[template(path = "public/status.html")]
struct StatusPage {
    c: Chrome,
    agency: String,
    app: Application,
    status: &'static str,
    timeline: Vec<(chrono::NaiveDate, String)>,
    links: Vec<Link>,
}

/// Fields of the lookup form.
#[derive(Deserialize, Default)]
pub struct LookupForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    phone: String,
}

/// GET /apply/status
pub async fn form(csrf: CsrfToken) -> Result<Response, WebError> {
    render(&FormPage {
        c: Chrome::public("查询办理进度", &csrf.token),
        code: String::new(),
        errors: FieldErrors::new(),
    })
}

async fn links(state: &AppState, app: &Application) -> Result<Vec<Link>, WebError> {
    let mut out = Vec::new();
    for l in state
        .store
        .letters(app.agency_id, app.id)
        .await?
        .into_iter()
        .filter(|l| l.public)
    {
        let name = LetterKind::from_id(&l.kind).map_or_else(String::new, LetterKind::name);
        out.push(Link {
            label: format!(
                "{name}{}",
                l.doc_no.map(|d| format!("（{d}）")).unwrap_or_default()
            ),
            href: link(&state.config.signer, app, Target::LetterPdf(l.id)),
            docx: Some(link(&state.config.signer, app, Target::LetterDocx(l.id))),
        });
    }
    for f in state
        .store
        .attachments(app.agency_id, app.id)
        .await?
        .into_iter()
        .filter(|f| f.public)
    {
        out.push(Link {
            label: f.file_name.clone(),
            href: link(&state.config.signer, app, Target::File(f.id)),
            docx: None,
        });
    }
    Ok(out)
}

/// POST /apply/status
pub async fn lookup(
    State(state): State<AppState>,
    csrf: CsrfToken,
    ClientAddr(addr): ClientAddr,
    Form(f): Form<LookupForm>,
) -> Result<Response, WebError> {
    csrf.verify(&f.csrf)?;
    let key = ThrottleKey {
        key: format!("status:{addr}"),
        policy: LOOKUPS,
    };
    let wrong = |message: String| {
        let mut errors = FieldErrors::new();
        errors.add("code", message);
        reshow(&FormPage {
            c: Chrome::public("查询办理进度", &csrf.token),
            code: f.code.clone(),
            errors,
        })
    };
    if let Err(e @ WebError::Throttled { .. }) =
        crate::throttle::reserve(&state, std::slice::from_ref(&key)).await
    {
        return wrong(e.to_string());
    }
    let found = state
        .store
        .application_by_code(&code::normalize(&f.code))
        .await?;
    let typed = phone_digits(&f.phone);
    let Some(app) = found.filter(|a| !typed.is_empty() && a.applicant_phone == typed) else {
        return wrong("查询码或联系电话不正确".to_owned());
    };
    state.store.clear_attempts(&[key.key]).await?;
    let agency = state
        .store
        .agency(Scope::agency(app.agency_id), app.agency_id)
        .await?;
    let events = state.store.case_events(app.agency_id, app.id).await?;
    render(&StatusPage {
        c: Chrome::public("办理进度", &csrf.token),
        agency: agency.name,
        status: view::status_label(app.case.status_key()),
        timeline: view::public_timeline(&events),
        links: links(&state, &app).await?,
        app,
    })
}

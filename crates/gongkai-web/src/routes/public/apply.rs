//! 政府信息公开申请 online (《条例》第二十九条): `/apply` to choose the agency,
//! `/xxgk/{code}/apply` for its form (works without JavaScript, on a phone), the submission
//! checked field by field with the input kept, a built-in challenge and per-address limits,
//! and the 申请接收回执 page with the 查询码.

use crate::captcha;
use crate::cases::code::display;
use crate::cases::file::{Filing, prepare};
use crate::cases::view;
use crate::client::ClientAddr;
use crate::csrf::CsrfToken;
use crate::extract::Path;
use crate::page::{Chrome, render};
use crate::portal::agencies::PublicAgency;
use crate::upload::{self, Upload};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use gongkai_domain::account::Throttle;
use gongkai_domain::applicant::{ApplicationForm, Delivery, Retrieval, Submission};
use gongkai_domain::application::{Channel, Receipt};
use gongkai_domain::choice::Choice;
use gongkai_storage::cases::{
    Application, AttachmentKind, NewAttachment, OnlineSubmission, Submitted,
};
use gongkai_storage::{Agency, ThrottleKey};

/// Submissions per client address: ten free, then a growing wait (a person files a few; a
/// script filing hundreds is slowed to a trickle).
const PER_ADDRESS: Throttle = Throttle {
    free: 10,
    base_secs: 60,
    max_secs: 3600,
    forget_secs: 24 * 3600,
};

/// The agency chooser.
#[derive(Template)]
#[template(path = "public/apply_choose.html")]
struct ChoosePage {
    c: Chrome,
    agencies: Vec<Agency>,
}

/// The form.
#[derive(Template)]
#[template(path = "public/apply.html")]
struct FormPage {
    c: Chrome,
    agency: Agency,
    f: ApplicationForm,
    errors: crate::page::FieldErrors,
    challenge: String,
    nonce: String,
    types: Vec<(&'static str, &'static str)>,
    id_types: Vec<(&'static str, &'static str)>,
    retrievals: Vec<(&'static str, &'static str)>,
    deliveries: Vec<(&'static str, &'static str)>,
}

/// The receipt.
#[derive(Template)]
#[template(path = "public/receipt.html")]
struct ReceiptPage {
    c: Chrome,
    agency: Agency,
    app: Application,
    code: String,
    received_on: String,
}

/// GET /apply
pub async fn choose(State(state): State<AppState>, csrf: CsrfToken) -> Result<Response, WebError> {
    render(&ChoosePage {
        c: Chrome::public("在线申请政府信息公开", &csrf.token),
        agencies: state.store.all_agencies().await?,
    })
}

fn choices<T: Choice + 'static>() -> Vec<(&'static str, &'static str)> {
    T::all().map(|c| (c.id(), c.label())).collect()
}

fn form_page(
    state: &AppState,
    csrf: &CsrfToken,
    agency: Agency,
    f: ApplicationForm,
    errors: crate::page::FieldErrors,
) -> FormPage {
    let types = gongkai_domain::application::ApplicantType::ALL
        .into_iter()
        .map(|t| {
            (
                view::applicant_type_id(t),
                view::applicant_type_label(view::applicant_type_id(t)),
            )
        })
        .collect();
    FormPage {
        c: Chrome::public(&format!("向{}申请政府信息公开", agency.name), &csrf.token),
        agency,
        f,
        errors,
        challenge: captcha::new_token(&state.config.signer, chrono::Utc::now()),
        nonce: crate::password::random_secret(),
        types,
        id_types: choices::<gongkai_domain::applicant::IdType>(),
        retrievals: choices::<Retrieval>(),
        deliveries: choices::<Delivery>(),
    }
}

/// GET /xxgk/{code}/apply
pub async fn form(
    State(state): State<AppState>,
    csrf: CsrfToken,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let found = state
        .public_agencies
        .get(state.store.as_ref(), &code)
        .await?;
    let agency = found.agency.clone();
    let f = ApplicationForm {
        applicant_type: "natural_person".into(),
        ..ApplicationForm::default()
    };
    render(&form_page(
        &state,
        &csrf,
        agency,
        f,
        crate::page::FieldErrors::new(),
    ))
}

/// GET /apply/captcha/{token}: the challenge image.
pub async fn captcha_image(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let token = token.trim_end_matches(".svg");
    match captcha::svg(&state.config.signer, token, chrono::Utc::now()) {
        Some(svg) => ([(axum::http::header::CONTENT_TYPE, "image/svg+xml")], svg).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The form's fields as the domain reads them.
fn application_form(u: &Upload) -> ApplicationForm {
    let map: serde_json::Map<String, serde_json::Value> = u
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::from_value(serde_json::Value::Object(map)).unwrap_or_default()
}

fn attachments(u: Upload) -> Vec<NewAttachment> {
    u.files
        .into_iter()
        .map(|f| NewAttachment {
            kind: if f.field == "identity" {
                AttachmentKind::Identity
            } else {
                AttachmentKind::Application
            },
            file_name: f.file_name,
            media_type: f.media_type.to_owned(),
            bytes: f.bytes,
            public: false,
            uploaded_by: "申请人".to_owned(),
        })
        .collect()
}

/// The nonce of a correctly answered challenge (claimed with the submission, so an answered
/// image cannot be used twice), or the message to show beside it.
fn challenge(state: &AppState, u: &Upload) -> Result<String, String> {
    let field = |k: &str| u.fields.get(k).map_or("", String::as_str);
    captcha::check(
        &state.config.signer,
        field("challenge"),
        field("captcha"),
        chrono::Utc::now(),
    )
    .map_err(|e| e.to_string())
}

/// The submission as the store files it: guarded by the challenge and the address limit.
async fn online(
    state: &AppState,
    found: &PublicAgency,
    addr: &str,
    nonce: &str,
    filing: Filing,
) -> Result<OnlineSubmission, WebError> {
    Ok(OnlineSubmission {
        claim: format!("captcha:{nonce}"),
        throttle: ThrottleKey {
            key: format!("apply:{addr}"),
            policy: PER_ADDRESS,
        },
        now: chrono::Utc::now(),
        application: prepare(state, &found.agency, &found.profile, filing).await?,
    })
}

fn filing(submission: Submission, today: NaiveDate, u: Upload) -> Filing {
    Filing {
        submission,
        receipt: Receipt {
            channel: Channel::Online,
            arrived_on: today,
            confirmed_on: Some(today),
        },
        idempotency_key: u.fields.get("nonce").filter(|n| n.len() >= 16).cloned(),
        actor: "申请人".to_owned(),
        note: None,
        attachments: attachments(u),
    }
}

/// POST /xxgk/{code}/apply
pub async fn submit(
    State(state): State<AppState>,
    csrf: CsrfToken,
    ClientAddr(addr): ClientAddr,
    Path(code): Path<String>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let found = state
        .public_agencies
        .get(state.store.as_ref(), &code)
        .await?;
    let agency = found.agency.clone();
    let u = upload::read(multipart).await?;
    csrf.verify(u.fields.get("csrf").map_or("", String::as_str))?;
    let f = application_form(&u);
    let today = state.today();
    let mut errors = crate::page::FieldErrors::new();
    let parsed = f.parse(today).map_err(|e| {
        for fe in &e.0 {
            errors.add(fe.field, fe.message.clone());
        }
    });
    let nonce = challenge(&state, &u).map_err(|m| errors.add("captcha", m));
    let (Ok(submission), Ok(nonce)) = (parsed, nonce) else {
        return crate::page::reshow(&form_page(&state, &csrf, agency, f, errors));
    };
    let filing = filing(submission, today, u);
    let s = online(&state, &found, &addr, &nonce, filing).await?;
    match state.store.submit_online(agency.id, s).await? {
        Submitted::Filed(app) => receipt(&csrf, agency, *app),
        Submitted::ChallengeUsed => {
            errors.add("captcha", captcha::CaptchaError::Expired.to_string());
            crate::page::reshow(&form_page(&state, &csrf, agency, f, errors))
        }
        Submitted::Throttled(at) => Err(throttled(at)),
    }
}

/// The wait asked of an address that filed too often.
fn throttled(at: chrono::DateTime<chrono::Utc>) -> WebError {
    let retry_secs = (at - chrono::Utc::now()).num_seconds().max(1);
    tracing::warn!(retry_secs, "online submissions throttled");
    WebError::Throttled { retry_secs }
}

/// The 申请接收回执 page.
fn receipt(csrf: &CsrfToken, agency: Agency, app: Application) -> Result<Response, WebError> {
    let received_on = gongkai_domain::letter::chinese_date(app.case.received_on);
    render(&ReceiptPage {
        c: Chrome::public("申请已提交", &csrf.token),
        code: display(&app.query_code),
        agency,
        app,
        received_on,
    })
}

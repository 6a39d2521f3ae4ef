//! 登记: an application that arrived in person, by post, by ordinary letter, by fax or e-mail,
//! entered by a clerk with the channel and the dates 《条例》第三十一条 counts from. A receipt date
//! before today needs a reason, which is logged with the registration.

use crate::auth::{CurrentUser, require};
use crate::cases::file::{Filing, file};
use crate::cases::view;
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::upload;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use gongkai_domain::applicant::{ApplicationForm, Delivery, IdType, Retrieval};
use gongkai_domain::application::{ApplicantType, Channel, Receipt};
use gongkai_domain::choice::Choice;
use gongkai_storage::Scope;
use gongkai_storage::cases::{AttachmentKind, NewAttachment};

/// The registration form.
#[derive(Template)]
#[template(path = "admin/case_new.html")]
struct NewPage {
    c: Chrome,
    f: ApplicationForm,
    channel: String,
    arrived: String,
    confirmed: String,
    reason: String,
    errors: FieldErrors,
    types: Vec<(&'static str, &'static str)>,
    channels: Vec<(String, &'static str)>,
    id_types: Vec<(&'static str, &'static str)>,
    retrievals: Vec<(&'static str, &'static str)>,
    deliveries: Vec<(&'static str, &'static str)>,
}

fn page(
    me: &CurrentUser,
    f: ApplicationForm,
    u: &std::collections::HashMap<String, String>,
    errors: FieldErrors,
) -> NewPage {
    let get = |k: &str| u.get(k).cloned().unwrap_or_default();
    NewPage {
        c: Chrome::admin("登记申请", me),
        f,
        channel: get("channel"),
        arrived: get("arrived_on"),
        confirmed: get("confirmed_on"),
        reason: get("backdate_reason"),
        errors,
        types: ApplicantType::ALL
            .into_iter()
            .map(|t| {
                (
                    view::applicant_type_id(t),
                    view::applicant_type_label(view::applicant_type_id(t)),
                )
            })
            .collect(),
        channels: Channel::ALL
            .into_iter()
            .map(|c| {
                (
                    serde_json::to_value(c)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    c.label(),
                )
            })
            .collect(),
        id_types: IdType::all().map(|c| (c.id(), c.label())).collect(),
        retrievals: Retrieval::all().map(|c| (c.id(), c.label())).collect(),
        deliveries: Delivery::all().map(|c| (c.id(), c.label())).collect(),
    }
}

/// GET /admin/cases/new
pub async fn form(me: CurrentUser) -> Result<Response, WebError> {
    require(me.user.role.can_handle_cases())?;
    let f = ApplicationForm {
        applicant_type: "natural_person".into(),
        ..ApplicationForm::default()
    };
    let mut u = std::collections::HashMap::new();
    u.insert("channel".to_owned(), "in_person".to_owned());
    render(&page(&me, f, &u, FieldErrors::new()))
}

fn date(e: &mut FieldErrors, field: &'static str, s: Option<&String>) -> Option<NaiveDate> {
    let s = s.map_or("", String::as_str).trim();
    if s.is_empty() {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| e.add(field, "请填写日期（年-月-日）"))
        .ok()
}

/// The channel and dates of the form (第三十一条), with a reason required for a back-dated day.
fn receipt(
    today: NaiveDate,
    u: &std::collections::HashMap<String, String>,
    e: &mut FieldErrors,
) -> Option<(Receipt, Option<String>)> {
    let channel = u.get("channel").and_then(|c| Channel::parse(c));
    if channel.is_none() {
        e.add("channel", "请选择申请渠道");
    }
    let arrived = date(e, "arrived_on", u.get("arrived_on"));
    if arrived.is_none() && e.get("arrived_on").is_empty() {
        e.add("arrived_on", "请填写申请到达（提交、签收）之日");
    }
    let confirmed = date(e, "confirmed_on", u.get("confirmed_on"));
    let reason = u
        .get("backdate_reason")
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    let (channel, arrived) = (channel?, arrived?);
    if confirmed.unwrap_or(arrived) < today && reason.is_none() {
        e.add(
            "backdate_reason",
            "收到申请之日早于今天，请说明补登记的原因（将记入审计日志）",
        );
        return None;
    }
    Some((
        Receipt {
            channel,
            arrived_on: arrived,
            confirmed_on: confirmed,
        },
        reason,
    ))
}

/// POST /admin/cases
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    multipart: Multipart,
) -> Result<Response, WebError> {
    require(me.user.role.can_handle_cases())?;
    let u = upload::read(multipart).await?;
    me.csrf
        .verify(u.fields.get("csrf").map_or("", String::as_str))?;
    let f: ApplicationForm = u.form();
    let mut errors = FieldErrors::new();
    let parsed = f.parse(state.today());
    if let Err(fe) = &parsed {
        for e in &fe.0 {
            errors.add(e.field, e.message.clone());
        }
    }
    let got = receipt(state.today(), &u.fields, &mut errors);
    let (Ok(submission), Some((receipt, reason)), true) = (parsed, got, errors.is_empty()) else {
        return reshow(&page(&me, f, &u.fields, errors));
    };
    let agency = state
        .store
        .agency(Scope::agency(me.user.agency_id), me.user.agency_id)
        .await?;
    let actor = me.user.username.as_str().to_owned();
    let attachments = u.files.into_iter().map(|x| NewAttachment {
        kind: AttachmentKind::Application,
        file_name: x.file_name,
        media_type: x.media_type.to_owned(),
        bytes: x.bytes,
        public: false,
        uploaded_by: me.user.username.as_str().to_owned(),
    });
    let filing = Filing {
        submission,
        receipt,
        attachments: attachments.collect(),
        idempotency_key: u.fields.get("nonce").cloned(),
        actor,
        note: reason.map(|r| format!("补登记原因：{r}")),
    };
    match file(&state, &agency, filing).await {
        Ok(app) => Ok(Redirect::to(&format!("/admin/cases/{}", app.id)).into_response()),
        Err(WebError::BadInput(m)) => {
            let mut errors = FieldErrors::new();
            errors.add("arrived_on", m);
            reshow(&page(&me, f, &u.fields, errors))
        }
        Err(e) => Err(e),
    }
}

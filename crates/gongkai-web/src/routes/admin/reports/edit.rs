//! One agency-year's report: the editor. The page compiles the report from the data as it is
//! now, shows every finding linked to its cell, the three tables in the official layout with the
//! broken cells marked, the entry form of table 二's other rows and the sections (only while it
//! is a draft and only to those who write it), and the steps the signed-in role may take.

use super::agency;
use crate::auth::CurrentUser;
use crate::extract::{Form, Path};
use crate::page::{Chrome, beijing, render, reshow};
use crate::reports::compile::{Compiled, compile};
use crate::reports::work::{self, may, may_correct, writes};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::annual::entry::fields;
use gongkai_domain::annual::{Action, Inputs, Status, deadline};
use gongkai_domain::report::section::SECTIONS;
use gongkai_domain::report::{Format, Severity};
use gongkai_export::{HtmlOptions, render_tables_fragment};
use gongkai_storage::reports::StoredReport;
use gongkai_storage::{Agency, AuditEntry};
use std::collections::BTreeMap;

/// One finding as listed.
pub struct FindingView {
    /// 错误 / 提示 / 无法判断 …
    pub severity: &'static str,
    /// CSS class.
    pub class: &'static str,
    /// Rule id.
    pub rule: String,
    /// The message.
    pub message: String,
    /// Anchor of the cell, if the finding names a table cell.
    pub anchor: Option<String>,
}

/// One field of the entry form.
pub struct FieldView {
    /// Form name (`e.licensing.decisions`).
    pub name: String,
    /// Row label.
    pub item: &'static str,
    /// Column label.
    pub col: &'static str,
    /// Block caption, shown when a new block starts.
    pub block: Option<&'static str>,
    /// What was typed.
    pub value: String,
    /// The source field of the row (`src.licensing`), shown on the row's first column.
    pub source: Option<(String, String)>,
    /// `numeric` or `text`.
    pub mode: &'static str,
}

/// One section as edited.
pub struct SectionView {
    /// Section key (`overview`), for its anchor.
    pub key: &'static str,
    /// Form name (`s.overview`).
    pub name: String,
    /// Heading.
    pub heading: &'static str,
    /// Text.
    pub text: String,
    /// Rows of the textarea.
    pub rows: usize,
    /// What the platform adds or what may be left empty.
    pub hint: &'static str,
}

#[derive(Template)]
#[template(path = "admin/report.html")]
struct ReportPage {
    c: Chrome,
    agency: Agency,
    year: i32,
    r: StoredReport,
    status: &'static str,
    format: String,
    due: String,
    days_left: i64,
    editable: bool,
    findings: Vec<FindingView>,
    errors: usize,
    warnings: usize,
    compared: bool,
    tables: String,
    empty: bool,
    fields: Vec<FieldView>,
    sections: Vec<SectionView>,
    steps: Vec<(&'static str, &'static str)>,
    may_return: bool,
    may_correct: bool,
    history: Vec<(String, String, String)>,
    versions: Vec<(u32, &'static str, String)>,
    error: String,
}

fn severity(s: Severity) -> (&'static str, &'static str) {
    match s {
        Severity::Error => ("错误", "error"),
        Severity::Warning => ("提示", "warn"),
        Severity::Uncertain => ("无法判断", "warn"),
        Severity::Info => ("说明", "muted"),
    }
}

/// Ids for the table cells (`data-path="table3.total[6]"` → `id="cell-table3.total[6]"`), so a
/// finding can link to its cell.
fn anchor_cells(html: &str) -> String {
    const ATTR: &str = "data-path=\"";
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut rest = html;
    while let Some(at) = rest.find(ATTR) {
        let (before, after) = rest.split_at(at);
        let after = &after[ATTR.len()..];
        let path = after.split('"').next().unwrap_or_default();
        out.push_str(before);
        out.push_str(&format!("id=\"cell-{path}\" {ATTR}"));
        rest = after;
    }
    out.push_str(rest);
    out
}

fn finding_views(c: &Compiled) -> Vec<FindingView> {
    let mut out: Vec<FindingView> = c
        .entry_errors
        .iter()
        .map(|e| FindingView {
            severity: "错误",
            class: "error",
            rule: "填报".into(),
            message: e.message.clone(),
            anchor: Some(format!("field-{}", e.key)),
        })
        .collect();
    let mut sorted = c.report.diagnostics.clone();
    sorted.sort_by_key(|f| match f.severity {
        Severity::Error => 0,
        Severity::Uncertain => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    });
    out.extend(sorted.into_iter().map(|f| {
        let (label, class) = severity(f.severity);
        let anchor = if f.location.starts_with("table") {
            Some(format!("cell-{}", f.location))
        } else {
            f.location
                .strip_prefix("sections.")
                .map(|k| format!("section-{k}"))
        };
        FindingView {
            severity: label,
            class,
            rule: f.rule,
            message: f.message,
            anchor,
        }
    }));
    out
}

/// Whether the year has no application and no 复议/诉讼 on the platform (tables 三 and 四 all 0).
fn no_cases(r: &gongkai_domain::report::AnnualReport) -> bool {
    use gongkai_domain::report::table3::{Applicant, Row};
    use gongkai_domain::report::table4::{Group, Outcome};
    let t3 = [Row::NewReceived, Row::CarriedOver]
        .iter()
        .all(|row| r.t3(*row, Applicant::Total).integer() == Some(0));
    let t4 = [
        Group::AdminReview,
        Group::LitigationDirect,
        Group::LitigationAfterReview,
    ]
    .iter()
    .all(|g| r.t4(*g, Outcome::Total).integer() == Some(0));
    t3 && t4
}

fn field_views(format: Format, inputs: &Inputs) -> Vec<FieldView> {
    let mut last_block = "";
    let mut last_item = "";
    fields(format)
        .into_iter()
        .map(|f| {
            let block = (f.block.caption != last_block).then_some(f.block.caption);
            last_block = f.block.caption;
            let source = (f.item.key != last_item).then(|| {
                (
                    format!("src.{}", f.item.key),
                    inputs.sources.get(f.item.key).cloned().unwrap_or_default(),
                )
            });
            last_item = f.item.key;
            let key = f.key();
            FieldView {
                value: inputs.entries.get(&key).cloned().unwrap_or_default(),
                name: format!("e.{key}"),
                item: f.item.label,
                col: f.col.label,
                block,
                source,
                mode: if f.col.kind == gongkai_domain::report::table2::ColKind::Text {
                    "text"
                } else {
                    "decimal"
                },
            }
        })
        .collect()
}

fn section_views(inputs: &Inputs) -> Vec<SectionView> {
    SECTIONS
        .iter()
        .map(|d| {
            let text = inputs.sections.get(d.key).cloned().unwrap_or_default();
            SectionView {
                key: d.key,
                name: format!("s.{}", d.key),
                heading: if d.heading.is_empty() {
                    "前言（报告依据、统计期限、联系方式）"
                } else {
                    d.heading
                },
                rows: (text.chars().count() / 40 + text.lines().count()).clamp(3, 24),
                hint: match d.key {
                    "proactive" => "表二由平台生成；需要说明的情况可写在这里（可不填）。",
                    "other" => "平台会在这一部分末尾自动写明本年度信息处理费情况（发出收费通知的件数和金额、实际收取金额），无需自己填写。",
                    _ => "",
                },
                text,
            }
        })
        .collect()
}

async fn page(
    state: &AppState,
    me: &CurrentUser,
    agency: Agency,
    r: StoredReport,
    inputs: Option<Inputs>,
    error: String,
) -> Result<ReportPage, WebError> {
    let year = r.record.year;
    let inputs = inputs.unwrap_or_else(|| r.record.inputs.clone());
    let status = r.record.status;
    // A published version is shown as published; a draft as the data says now.
    let compiled = match status {
        Status::Published | Status::Superseded => Compiled {
            report: gongkai_domain::report::AnnualReport::from_json_str(&r.compiled.json)
                .map_err(|_| WebError::Internal("stored report does not read"))?,
            entry_errors: Vec::new(),
            compared_with_last_year: true,
        },
        _ => compile(state, &agency, year, &inputs).await?,
    };
    let empty = no_cases(&compiled.report);
    let own = me.user.agency_id == agency.id;
    let role = me.user.role;
    let mut steps = Vec::new();
    for a in [
        Action::Submit,
        Action::Review,
        Action::Approve,
        Action::Publish,
    ] {
        let fits = matches!(
            (status, &a),
            (Status::Draft, Action::Submit)
                | (Status::Submitted, Action::Review)
                | (Status::Reviewed, Action::Approve)
                | (Status::Approved, Action::Publish)
        );
        if own && fits && may(role, &a) {
            steps.push((a.key(), a.label()));
        }
    }
    let returnable = matches!(
        status,
        Status::Submitted | Status::Reviewed | Status::Approved
    );
    let due = deadline::due(agency.level, year, None);
    let tables = anchor_cells(&render_tables_fragment(
        &compiled.report,
        &HtmlOptions {
            highlight: compiled.report.diagnostics.clone(),
        },
    ));
    // The history of the year: every version's events, in the order they happened.
    let all = state.store.report_versions(agency.id, year).await?;
    let mut events: Vec<AuditEntry> = Vec::new();
    for v in &all {
        events.extend(state.store.report_events(agency.id, v.id).await?);
    }
    events.sort_by_key(|e| e.seq);
    let history = events
        .into_iter()
        .map(|e| (beijing(&e.at), e.event.actor, e.event.summary))
        .collect();
    let versions = all
        .into_iter()
        .map(|v| {
            (
                v.record.version,
                v.record.status.label(),
                v.published_on.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let mut c = Chrome::admin(&format!("{}{year}年年度报告", agency.name), me);
    c.extra_css = Some(crate::assets::report_css_url());
    Ok(ReportPage {
        c,
        year,
        status: status.label(),
        format: Format::for_year(year).to_string(),
        due: due.to_string(),
        days_left: deadline::days_left(due, state.today()),
        editable: own && status == Status::Draft && writes(role),
        findings: finding_views(&compiled),
        errors: compiled.errors(),
        warnings: compiled.warnings(),
        compared: compiled.compared_with_last_year,
        tables,
        empty,
        fields: field_views(Format::for_year(year), &inputs),
        sections: section_views(&inputs),
        steps,
        may_return: own
            && returnable
            && may(
                role,
                &Action::Return {
                    reason: String::new(),
                },
            ),
        may_correct: own && status == Status::Published && may_correct(role),
        history,
        versions,
        error,
        agency,
        r,
    })
}

/// GET /admin/reports/{agency}/{year}: opens the newest version (a new prefilled draft for
/// those who write it).
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, year)): Path<(i64, i32)>,
) -> Result<Response, WebError> {
    let agency = agency(&state, &me.user, id).await?;
    check_year(year)?;
    let r = if me.user.agency_id == agency.id {
        work::open(&state, &me.user, &agency, year).await?
    } else {
        work::current(&state, &agency, year)
            .await?
            .ok_or(WebError::NotFound("年度报告"))?
    };
    render(&page(&state, &me, agency, r, None, String::new()).await?)
}

fn check_year(year: i32) -> Result<(), WebError> {
    if (2008..=2100).contains(&year) {
        Ok(())
    } else {
        Err(WebError::NotFound("年度报告"))
    }
}

/// The editor's form: `revision`, `e.{item}.{col}`, `src.{item}`, `s.{section}`.
fn inputs_of(form: &BTreeMap<String, String>) -> Inputs {
    let mut inputs = Inputs::default();
    for (k, v) in form {
        let v = v.replace("\r\n", "\n");
        if let Some(key) = k.strip_prefix("e.") {
            inputs.entries.insert(key.to_owned(), v.trim().to_owned());
        } else if let Some(key) = k.strip_prefix("src.") {
            let v = v.trim();
            if !v.is_empty() {
                inputs
                    .sources
                    .insert(key.to_owned(), v.chars().take(100).collect());
            }
        } else if let Some(key) = k.strip_prefix("s.") {
            inputs.sections.insert(key.to_owned(), v.trim().to_owned());
        }
    }
    inputs
}

fn revision(form: &BTreeMap<String, String>) -> Result<i32, WebError> {
    form.get("revision")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| WebError::BadInput("表单缺少版本号，请刷新页面后重试".into()))
}

/// A posted form's CSRF token checked, and the version it acts on (the newest of the year).
async fn posted(
    state: &AppState,
    me: &CurrentUser,
    (id, year): (i64, i32),
    form: &BTreeMap<String, String>,
) -> Result<(Agency, StoredReport), WebError> {
    me.csrf
        .verify(form.get("csrf").map_or("", String::as_str))?;
    let agency = agency(state, &me.user, id).await?;
    check_year(year)?;
    let r = work::current(state, &agency, year)
        .await?
        .ok_or(WebError::NotFound("年度报告"))?;
    Ok((agency, r))
}

/// POST /admin/reports/{agency}/{year}: saves the draft.
pub async fn save(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, year)): Path<(i64, i32)>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let (agency, r) = posted(&state, &me, (id, year), &form).await?;
    if me.user.agency_id != agency.id || !writes(me.user.role) {
        return Err(WebError::Forbidden);
    }
    let inputs = inputs_of(&form);
    match work::save(
        &state,
        &me.user,
        &agency,
        &r,
        revision(&form)?,
        inputs.clone(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/admin/reports/{id}/{year}?saved=1")).into_response()),
        Err(WebError::BadInput(m)) => reshow(&page(&state, &me, agency, r, Some(inputs), m).await?),
        Err(e) => Err(e),
    }
}

/// POST /admin/reports/{agency}/{year}/steps: `action` (submit, review, approve, publish,
/// return with `reason`, correct with `note`).
pub async fn step(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, year)): Path<(i64, i32)>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let (agency, r) = posted(&state, &me, (id, year), &form).await?;
    let text = |k: &str| form.get(k).cloned().unwrap_or_default();
    let revision = revision(&form)?;
    let action = text("action");
    let said = text(if action == "correct" {
        "note"
    } else {
        "reason"
    });
    let done = work::take(&state, &me.user, &agency, &r, revision, &action, said).await;
    match done {
        Ok(_) => Ok(Redirect::to(&format!("/admin/reports/{id}/{year}")).into_response()),
        Err(WebError::BadInput(m)) => reshow(&page(&state, &me, agency, r, None, m).await?),
        Err(e) => Err(e),
    }
}

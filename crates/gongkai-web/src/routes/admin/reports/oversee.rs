//! The supervisor's view (政务公开办, 《条例》第三条): a year's reports of every agency below, with
//! status and deadline (D-01), findings, year-over-year rules (Y-01…Y-03), 雷同 (SIM-01) and the
//! roll-up of each government against its children (H-01); a chart of the year drawn as SVG by
//! gongkai; the same lines as an XLSX workbook.

use super::list::YearQuery;
use super::{year_of, year_or_default};
use crate::auth::CurrentUser;
use crate::extract::Query;
use crate::page::reshow;
use crate::page::{Chrome, render};
use crate::reports::oversight::{Line, Standing, Uploaded, rollups as rollups_of};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::Multipart;
use axum::extract::State;
use axum::http::header;
use axum::response::Redirect;
use axum::response::{IntoResponse, Response};
use gongkai_domain::account::Role;
use gongkai_domain::report::Finding;
use gongkai_domain::report::{AnnualReport, Severity, rules};
use gongkai_export::{HtmlOptions, render_tables_fragment};
use gongkai_storage::Scope;
use gongkai_storage::reports::{Compiled, ExternalReport};
use std::collections::HashMap;

/// One government's roll-up.
pub struct Rollup {
    /// The government.
    pub name: String,
    /// How many children's reports were summed.
    pub children: usize,
    /// H-01 findings (cells where the parent differs from the sum).
    pub findings: Vec<Finding>,
}

#[derive(Template)]
#[template(path = "admin/oversight.html")]
struct OversightPage {
    c: Chrome,
    year: i32,
    lines: Vec<Line>,
    counts: Vec<(&'static str, &'static str, usize)>,
    chart: String,
    rollups: Vec<Rollup>,
    uploaded: Vec<Uploaded>,
    message: String,
}

struct Year {
    lines: Vec<Line>,
    uploaded: Vec<Uploaded>,
}

/// The scopes of the supervisor's view: the whole platform for 系统管理员, the subtree for a
/// 督查 or 公开办管理员; nobody else has one.
fn roots_of(me: &CurrentUser) -> Result<Option<Vec<Scope>>, WebError> {
    match me.user.role {
        Role::SystemAdmin => Ok(None),
        Role::Inspector | Role::AgencyAdmin => Ok(Some(vec![Scope::subtree(me.user.agency_id)])),
        _ => Err(WebError::Forbidden),
    }
}

async fn year_for(state: &AppState, me: &CurrentUser, year: i32) -> Result<Year, WebError> {
    let roots = match roots_of(me)? {
        Some(r) => r,
        None => crate::auth::scopes(state.store.as_ref(), &me.user).await?,
    };
    let (lines, uploaded) = year_of(state, roots, year).await?;
    Ok(Year { lines, uploaded })
}

const STANDINGS: [Standing; 5] = [
    Standing::Published,
    Standing::Submitted,
    Standing::Draft,
    Standing::NotStarted,
    Standing::Late,
];

fn bar_colour(s: Standing) -> &'static str {
    match s {
        Standing::Published => "#2e7d32",
        Standing::Submitted => "#1565c0",
        Standing::Draft => "#8d6e63",
        Standing::NotStarted => "#9e9e9e",
        Standing::Late => "#c62828",
    }
}

/// A horizontal bar chart of how many agencies stand where (labels and numbers only; nothing
/// user-typed goes into the SVG).
fn chart(counts: &[(&'static str, &'static str, usize)]) -> String {
    let max = counts.iter().map(|c| c.2).max().unwrap_or(0).max(1);
    let row = 28;
    let height = row * counts.len() + 8;
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"各状态机关数量\" viewBox=\"0 0 480 {height}\" width=\"480\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, (label, colour, n)) in counts.iter().enumerate() {
        let y = i * row + 4;
        let w = 300 * n / max;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"14\">{label}</text><rect x=\"70\" y=\"{y}\" width=\"{w}\" height=\"20\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" font-size=\"14\">{n}</text>",
            y + 15,
            78 + w,
            y + 15
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn rollups(y: &Year) -> Vec<Rollup> {
    rollups_of(&y.lines)
        .into_iter()
        .map(|(i, findings, children)| Rollup {
            name: y.lines[i].agency.name.clone(),
            children,
            findings,
        })
        .collect()
}

async fn page(
    state: &AppState,
    me: &CurrentUser,
    year: i32,
    message: String,
) -> Result<OversightPage, WebError> {
    let y = year_for(state, me, year).await?;
    let counts: Vec<_> = STANDINGS
        .iter()
        .map(|s| {
            (
                s.label(),
                bar_colour(*s),
                y.lines.iter().filter(|l| l.standing == *s).count(),
            )
        })
        .collect();
    Ok(OversightPage {
        c: Chrome::admin("年度报告督查", me),
        year,
        chart: chart(&counts),
        counts,
        rollups: rollups(&y),
        lines: y.lines,
        uploaded: y.uploaded,
        message,
    })
}

/// `?year=2025&uploaded=3`.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ViewQuery {
    year: Option<i32>,
    uploaded: Option<usize>,
}

/// GET /admin/oversight?year=
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<ViewQuery>,
) -> Result<Response, WebError> {
    let year = year_or_default(&state, q.year);
    let message = q
        .uploaded
        .map(|n| format!("已读取并核对 {n} 份报告，结果列在“上传的报告”中。"))
        .unwrap_or_default();
    render(&page(&state, &me, year, message).await?)
}

/// The most reports one upload takes.
pub const MAX_REPORTS: usize = 20;

/// POST /admin/oversight/upload: published reports (PDF, Word, HTML, text, Excel) of agencies
/// not on the platform — or an earlier year of one that is (`agency`) — read by the importer,
/// checked by every rule and kept in the view. A file that cannot be read is named with why;
/// nothing of a refused upload is kept.
pub async fn upload(
    State(state): State<AppState>,
    me: CurrentUser,
    mut m: Multipart,
) -> Result<Response, WebError> {
    roots_of(&me)?;
    let bad = |_| WebError::BadInput("上传内容不完整，请重新选择文件后提交".into());
    let mut fields: HashMap<String, String> = HashMap::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    while let Some(f) = m.next_field().await.map_err(bad)? {
        let name = f.name().unwrap_or_default().to_owned();
        match f
            .file_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
        {
            Some(file) if !file.is_empty() => {
                let bytes = f.bytes().await.map_err(bad)?;
                if files.len() >= MAX_REPORTS {
                    return Err(WebError::BadInput(format!(
                        "一次最多上传 {MAX_REPORTS} 份报告"
                    )));
                }
                files.push((file, bytes.to_vec()));
            }
            Some(_) => {}
            None => {
                fields.insert(name, f.text().await.map_err(bad)?);
            }
        }
    }
    me.csrf
        .verify(fields.get("csrf").map_or("", String::as_str))?;
    let year: i32 = fields
        .get("year")
        .and_then(|y| y.trim().parse().ok())
        .filter(|y| (2008..=2100).contains(y))
        .ok_or_else(|| WebError::BadInput("请填写报告年度（如 2025）".into()))?;
    if files.is_empty() {
        return Err(WebError::BadInput("请选择要上传的报告文件".into()));
    }
    // An agency on the platform the upload is an earlier report of.
    let agency = match fields
        .get("agency")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(id) => {
            let id: i64 = id
                .parse()
                .map_err(|_| WebError::BadInput("所选机关无效".into()))?;
            Some(super::agency(&state, &me.user, id).await?)
        }
    };
    let read = tokio::task::spawn_blocking(move || {
        files
            .into_iter()
            .map(|(name, bytes)| {
                let report = gongkai_import::parse_bytes(&bytes);
                (name, report)
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|_| WebError::Internal("report import task failed"))?;
    let mut refused = Vec::new();
    let mut ready = Vec::new();
    for (name, parsed) in read {
        match parsed {
            Ok(mut report) if gongkai_import::has_tables(&report) => {
                let found = rules::check(&report);
                report.diagnostics.extend(found);
                ready.push((name, report));
            }
            Ok(_) => refused.push(format!(
                "{name}：没有找到年度报告的表格，请确认上传的是政府信息公开工作年度报告"
            )),
            Err(e) => refused.push(format!("{name}：无法读取（{e}）")),
        }
    }
    if !refused.is_empty() {
        let mut p = page(&state, &me, year, String::new()).await?;
        p.message = format!("未上传，请处理后重新提交：{}", refused.join("；"));
        return reshow(&p);
    }
    let n = ready.len();
    let actor = gongkai_storage::Actor::user(&me.user);
    for (name, report) in ready {
        let count = |s: Severity| {
            u32::try_from(
                report
                    .diagnostics
                    .iter()
                    .filter(|f| f.severity == s)
                    .count(),
            )
            .unwrap_or(u32::MAX)
        };
        let external = ExternalReport {
            id: 0,
            owner: me.user.agency_id,
            agency: agency.as_ref().map(|a| a.id),
            agency_name: agency
                .as_ref()
                .map(|a| a.name.clone())
                .or_else(|| report.agency.clone())
                .unwrap_or_else(|| {
                    name.rsplit_once('.')
                        .map_or(name.as_str(), |(s, _)| s)
                        .to_owned()
                }),
            year: report.year.unwrap_or(year),
            file_name: name.chars().take(200).collect(),
            compiled: Compiled {
                json: report.to_json_string(),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
            },
            uploaded_by: me.user.username.as_str().to_owned(),
        };
        state.store.add_external_report(&actor, &external).await?;
    }
    Ok(Redirect::to(&format!("/admin/oversight?year={year}&uploaded={n}")).into_response())
}

#[derive(Template)]
#[template(path = "admin/external_report.html")]
struct ExternalPage {
    c: Chrome,
    r: ExternalReport,
    tables: String,
    findings: Vec<Finding>,
}

/// GET /admin/oversight/uploads/{id}: an uploaded report's tables with every finding marked.
pub async fn uploaded(
    State(state): State<AppState>,
    me: CurrentUser,
    crate::extract::Path(id): crate::extract::Path<i64>,
) -> Result<Response, WebError> {
    let roots = match roots_of(&me)? {
        Some(r) => r,
        None => crate::auth::scopes(state.store.as_ref(), &me.user).await?,
    };
    let mut found = None;
    for scope in roots {
        found = state.store.external_report(scope, id).await?;
        if found.is_some() {
            break;
        }
    }
    let r = found.ok_or(WebError::NotFound("上传的报告"))?;
    let report = AnnualReport::from_json_str(&r.compiled.json)
        .map_err(|_| WebError::Internal("stored report does not read"))?;
    let tables = render_tables_fragment(
        &report,
        &HtmlOptions {
            highlight: report.diagnostics.clone(),
        },
    );
    let mut c = Chrome::admin(&format!("{}{}年报告（上传）", r.agency_name, r.year), &me);
    c.extra_css = Some(crate::assets::report_css_url());
    render(&ExternalPage {
        c,
        findings: report.diagnostics.clone(),
        tables,
        r,
    })
}

/// GET /admin/oversight.xlsx?year=
pub async fn export(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    use rust_xlsxwriter::Workbook;
    let year = year_or_default(&state, q.year);
    let y = year_for(&state, &me, year).await?;
    let fail = |_| WebError::Internal("xlsx export failed");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let head = [
        "机关",
        "机关代码",
        "状态",
        "发布期限",
        "发布日期",
        "错误",
        "提示",
        "跨年与雷同检查",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(fail)?;
    }
    let checks = |findings: &[Finding]| {
        let lines: Vec<String> = findings
            .iter()
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect();
        lines.join("\n")
    };
    // One row per agency, then the uploaded reports of agencies not on the platform: the text
    // columns, then errors and warnings (numbers), then the checks.
    let mut rows: Vec<([String; 5], u32, u32, String)> = y
        .lines
        .iter()
        .map(|l| {
            let text = [
                l.agency.name.clone(),
                l.agency.code.as_str().to_owned(),
                l.standing.label().to_owned(),
                l.due.to_string(),
                l.published_on.map(|d| d.to_string()).unwrap_or_default(),
            ];
            (text, l.errors, l.warnings, checks(&l.findings))
        })
        .collect();
    rows.extend(y.uploaded.iter().map(|u| {
        let c = &u.report.compiled;
        let text = [
            u.report.agency_name.clone(),
            String::new(),
            "上传的报告".to_owned(),
            String::new(),
            String::new(),
        ];
        (text, c.errors, c.warnings, checks(&u.findings))
    }));
    for (i, (text, errors, warnings, checks)) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (c, t) in (0u16..).zip(text) {
            sheet.write_string(r, c, t).map_err(fail)?;
        }
        sheet.write_number(r, 5, f64::from(*errors)).map_err(fail)?;
        sheet
            .write_number(r, 6, f64::from(*warnings))
            .map_err(fail)?;
        sheet.write_string(r, 7, checks).map_err(fail)?;
    }
    let bytes = wb.save_to_buffer().map_err(fail)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"oversight-{year}.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

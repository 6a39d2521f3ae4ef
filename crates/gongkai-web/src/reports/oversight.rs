//! The 政务公开办's view of a year (《条例》第三条: the 主管部门 supervises the agencies below):
//! for every agency in scope its report's status (未编制 / 草稿 / 已提交 / 已发布 / 逾期 by the
//! Art.49 deadline, rule D-01), the findings of its compiled report, the year-over-year rules
//! against its last published report (Y-01…Y-03), narratives that copy another agency's
//! (SIM-01), and the roll-up of a government against its departments and subordinate
//! governments (H-01). Everything is read from the stored compiled reports: no compile here,
//! so a province of thousands of agencies is one read per year.

use chrono::NaiveDate;
use gongkai_domain::annual::{Status, deadline};
use gongkai_domain::report::{AnnualReport, Finding, Section, Severity, rules};
use gongkai_import::audit::similarity::{self, Signature};
use gongkai_storage::Agency;
use gongkai_storage::reports::{ExternalReport, StoredReport};
use std::collections::{BTreeMap, HashMap};

/// Where an agency's report of the year stands, as the supervisor reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// 未编制: no version yet.
    NotStarted,
    /// 草稿.
    Draft,
    /// 已提交: in review, approval or waiting to be published.
    Submitted,
    /// 已发布 (on time).
    Published,
    /// 逾期: published after the deadline, or not published and the deadline passed.
    Late,
}

impl Standing {
    /// The label.
    pub fn label(self) -> &'static str {
        match self {
            Standing::NotStarted => "未编制",
            Standing::Draft => "草稿",
            Standing::Submitted => "已提交",
            Standing::Published => "已发布",
            Standing::Late => "逾期",
        }
    }

    /// A CSS class for the badge.
    pub fn class(self) -> &'static str {
        match self {
            Standing::NotStarted => "muted",
            Standing::Draft => "draft",
            Standing::Submitted => "pending",
            Standing::Published => "ok",
            Standing::Late => "error",
        }
    }
}

/// One agency's line.
#[derive(Debug, Clone)]
pub struct Line {
    /// The agency.
    pub agency: Agency,
    /// Depth below the scope's root (for indentation).
    pub depth: usize,
    /// Its deadline.
    pub due: NaiveDate,
    /// Where its report stands.
    pub standing: Standing,
    /// The workflow status of its newest version, if any.
    pub status: Option<Status>,
    /// When it was published.
    pub published_on: Option<NaiveDate>,
    /// Errors and warnings of the newest version's compiled report.
    pub errors: u32,
    /// Warnings.
    pub warnings: u32,
    /// Y-01…Y-03 and SIM-01 findings.
    pub findings: Vec<Finding>,
    /// Whether last year's published report was there for Y-01…Y-03.
    pub compared: bool,
    /// The report the line is judged by (the published version, else the newest), read once.
    pub report: Option<AnnualReport>,
    /// Whether that report is a draft (left out of SIM-01).
    pub draft: bool,
}

/// An uploaded report of the year (an agency not on the platform, or an earlier copy), with its
/// SIM-01 findings against the other reports in view.
#[derive(Debug, Clone)]
pub struct Uploaded {
    /// The stored upload.
    pub report: ExternalReport,
    /// SIM-01 findings.
    pub findings: Vec<Finding>,
}

/// The report a line is judged by: the published version, or else the newest; and whether it
/// is a draft.
fn shown(versions: &[&StoredReport]) -> Option<(AnnualReport, bool)> {
    let pick = versions
        .iter()
        .find(|v| v.record.status == Status::Published)
        .or_else(|| versions.first())?;
    let report = AnnualReport::from_json_str(&pick.compiled.json).ok()?;
    Some((report, pick.record.status == Status::Draft))
}

/// Last year's report of each agency: the published one, or else an uploaded copy (the year
/// before the agency came onto the platform).
pub fn last_year(
    published: &[StoredReport],
    uploaded: &[ExternalReport],
) -> HashMap<i64, AnnualReport> {
    let mut out: HashMap<i64, AnnualReport> = uploaded
        .iter()
        .filter_map(|u| {
            let agency = u.agency?;
            Some((
                agency.0,
                AnnualReport::from_json_str(&u.compiled.json).ok()?,
            ))
        })
        .collect();
    for r in published
        .iter()
        .filter(|r| r.record.status == Status::Published)
    {
        if let Ok(report) = AnnualReport::from_json_str(&r.compiled.json) {
            out.insert(r.agency_id.0, report);
        }
    }
    out
}

/// The lines of `year` for `agencies` (in tree order, with depths) from the stored versions of
/// the year and of the year before; `today` decides lateness, `local_due` the earlier local
/// deadline per agency.
pub fn lines(
    agencies: &[(Agency, usize)],
    year: i32,
    this_year: &[StoredReport],
    last: &HashMap<i64, AnnualReport>,
    local_due: &HashMap<i64, String>,
    today: NaiveDate,
) -> Vec<Line> {
    let mut by_agency: HashMap<i64, Vec<&StoredReport>> = HashMap::new();
    for r in this_year {
        by_agency.entry(r.agency_id.0).or_default().push(r);
    }
    for v in by_agency.values_mut() {
        v.sort_by_key(|r| std::cmp::Reverse(r.record.version));
    }
    agencies
        .iter()
        .map(|(a, depth)| {
            let versions = by_agency.get(&a.id.0).cloned().unwrap_or_default();
            let newest = versions.first();
            let published = versions
                .iter()
                .find(|v| v.record.status == Status::Published)
                .and_then(|v| v.published_on)
                // A correction's day is not the report's: the first publication counts.
                .map(|d| {
                    versions
                        .iter()
                        .filter_map(|v| v.published_on)
                        .min()
                        .unwrap_or(d)
                });
            let due = deadline::due(a.level, year, local_due.get(&a.id.0).map(String::as_str));
            let standing = if deadline::late(due, published, today) {
                Standing::Late
            } else if published.is_some() {
                Standing::Published
            } else {
                match newest.map(|v| v.record.status) {
                    None => Standing::NotStarted,
                    Some(Status::Draft) => Standing::Draft,
                    Some(_) => Standing::Submitted,
                }
            };
            let mut findings = Vec::new();
            let judged = shown(&versions);
            let compared = match (last.get(&a.id.0), &judged) {
                (Some(prev), Some((cur, _))) => {
                    findings.extend(rules::check_years(prev, cur));
                    true
                }
                _ => false,
            };
            let draft = judged.as_ref().is_some_and(|(_, d)| *d);
            Line {
                agency: a.clone(),
                depth: *depth,
                due,
                standing,
                status: newest.map(|v| v.record.status),
                published_on: published,
                errors: newest.map_or(0, |v| v.compiled.errors),
                warnings: newest.map_or(0, |v| v.compiled.warnings),
                findings,
                compared,
                report: judged.map(|(r, _)| r),
                draft,
            }
        })
        .collect()
}

/// SIM-01 between every report in view: the 一、总体情况 and 五、存在的主要问题 of the agencies'
/// submitted or published versions (a prefilled draft shares its template with every other, so
/// drafts are left out) and of the uploaded reports of agencies not on the platform. The lines'
/// findings are extended in place; the uploaded reports' findings are returned in their order.
/// An uploaded copy is never compared with the platform report of its own agency.
pub fn similar(lines: &mut [Line], uploaded: &[ExternalReport]) -> Vec<Vec<Finding>> {
    /// Where an item's findings go.
    enum Owner {
        Line(usize),
        Upload(usize),
    }
    let read: Vec<Option<AnnualReport>> = uploaded
        .iter()
        .map(|u| AnnualReport::from_json_str(&u.compiled.json).ok())
        .collect();
    // Every report in view: its name, its agency on the platform (if any) and the report.
    let mut items: Vec<(String, Option<i64>, &AnnualReport)> = Vec::new();
    let mut owners: Vec<Owner> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(report) = line.report.as_ref().filter(|_| !line.draft) {
            items.push((line.agency.name.clone(), Some(line.agency.id.0), report));
            owners.push(Owner::Line(i));
        }
    }
    for (i, (u, report)) in uploaded.iter().zip(&read).enumerate() {
        if let Some(report) = report {
            let name = format!("{}（上传）", u.agency_name);
            items.push((name, u.agency.map(|a| a.0), report));
            owners.push(Owner::Upload(i));
        }
    }
    let mut out = vec![Vec::new(); uploaded.len()];
    for (findings, owner) in similar_findings(&items).into_iter().zip(owners) {
        match owner {
            Owner::Line(i) => lines[i].findings.extend(findings),
            Owner::Upload(u) => out[u] = findings,
        }
    }
    out
}

/// SIM-01 findings of each item (name, agency on the platform, report) against the others.
fn similar_findings(items: &[(String, Option<i64>, &AnnualReport)]) -> Vec<Vec<Finding>> {
    let mut out = vec![Vec::new(); items.len()];
    for s in [Section::Overview, Section::Problems] {
        let sigs: Vec<(usize, Signature)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, r))| Some((i, similarity::signature(r.section(s))?)))
            .collect();
        let group: Vec<(usize, &Signature)> = sigs.iter().map(|(i, sig)| (*i, sig)).collect();
        // Pairs come back as item indices (the tags given); each item lists its closest few.
        let mut matches: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
        for (a, b, score) in similarity::similar_pairs(&group) {
            let same_agency = items[a].1.is_some() && items[a].1 == items[b].1;
            if !same_agency {
                matches.entry(a).or_default().push((score, b));
                matches.entry(b).or_default().push((score, a));
            }
        }
        let heading = s.def().heading;
        let location = format!("sections.{}", s.def().key);
        for (i, mut found) in matches {
            found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            for &(score, other) in found.iter().take(SIM_LISTED) {
                let name = &items[other].0;
                let pct = (score * 100.0).round();
                out[i].push(Finding::new(
                    "SIM-01",
                    Severity::Warning,
                    location.clone(),
                    format!("“{heading}”与{name}的报告高度雷同（相似度约{pct}%）"),
                ));
            }
            if found.len() > SIM_LISTED {
                out[i].push(Finding::new(
                    "SIM-01",
                    Severity::Warning,
                    location.clone(),
                    format!(
                        "至少另有 {} 份报告的“{heading}”也与本报告高度雷同",
                        found.len() - SIM_LISTED
                    ),
                ));
            }
        }
    }
    out
}

/// SIM-01 findings named one by one per agency and section; further matches are counted.
const SIM_LISTED: usize = 3;

/// H-01 for every agency of `lines` with children among them: its report against the sum of
/// its direct children's (each the report its line is judged by). Governments whose report or
/// whose every child's report is missing are left out.
pub fn rollups(lines: &[Line]) -> Vec<(usize, Vec<Finding>, usize)> {
    let at: HashMap<i64, usize> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (l.agency.id.0, i))
        .collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(p) = l.agency.parent_id.and_then(|p| at.get(&p.0)) {
            children.entry(*p).or_default().push(i);
        }
    }
    let mut parents: Vec<usize> = children.keys().copied().collect();
    parents.sort_unstable();
    parents
        .into_iter()
        .filter_map(|p| {
            let top = lines[p].report.as_ref()?;
            let kids: Vec<&AnnualReport> = children[&p]
                .iter()
                .filter_map(|c| lines[*c].report.as_ref())
                .collect();
            (!kids.is_empty()).then(|| (p, rules::check_rollup(top, &kids), kids.len()))
        })
        .collect()
}

//! `gongkai report audit`: parse many published reports, run every rule on each, then the rules
//! across reports: Y-01…Y-03 between consecutive years of one agency (by normalised agency name)
//! and SIM-01 (near-duplicate narrative) across all.
//!
//! Streaming: each file is parsed, judged and reduced to an [`Entry`] (its tables, findings and
//! the `MinHash` signatures of two narratives) before the next is read; narrative text is not kept,
//! so memory grows by a few KB per report. A damaged file becomes an entry with its error.

pub mod similarity;

use crate::normalize::key;
use gongkai_domain::report::{AnnualReport, Finding, Section, Severity, rules};
use similarity::Signature;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Extensions picked up when walking a folder.
pub const EXTENSIONS: [&str; 7] = ["txt", "md", "html", "htm", "docx", "xlsx", "pdf"];

/// One audited file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// The parsed report without its narrative text (kept for the tables), if it could be read.
    pub report: Option<AnnualReport>,
    /// Why the file could not be read.
    pub error: Option<String>,
    /// Importer diagnostics and rule findings.
    pub findings: Vec<Finding>,
    /// `MinHash` signatures of 总体情况 and 存在的主要问题.
    signatures: Vec<(Section, Signature)>,
}

impl Entry {
    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// “{agency}{year}年” for messages, or the file name.
    pub fn name(&self) -> String {
        let r = self.report.as_ref();
        let agency = r.and_then(|r| r.agency.clone());
        let year = r
            .and_then(|r| r.year)
            .map(|y| format!("{y}年"))
            .unwrap_or_default();
        match agency {
            Some(a) => format!("{a}{year}"),
            None => self.path.display().to_string(),
        }
    }
}

/// Every file under `paths` (folders recursively, in sorted order); a missing path is returned
/// as an error entry.
pub fn files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Entry>) {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            missing.push(failed(p, "文件或文件夹不存在".to_owned()));
        }
    }
    (out, missing)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut items: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    items.sort();
    for p in items {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()))
        {
            out.push(p);
        }
    }
}

fn failed(path: &Path, error: String) -> Entry {
    Entry {
        path: path.to_owned(),
        report: None,
        error: Some(error),
        findings: Vec::new(),
        signatures: Vec::new(),
    }
}

/// Parses and judges one file (single-report rules), keeping only what the batch needs.
pub fn audit_file(path: &Path) -> Entry {
    let parsed = std::panic::catch_unwind(|| crate::parse_file(path));
    let mut report = match parsed {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return failed(path, e.to_string()),
        Err(_) => return failed(path, "解析器内部错误".to_owned()),
    };
    let mut findings = std::mem::take(&mut report.diagnostics);
    findings.extend(rules::check(&report));
    let signatures = [Section::Overview, Section::Problems]
        .into_iter()
        .filter_map(|s| similarity::signature(report.section(s)).map(|sig| (s, sig)))
        .collect();
    report.sections.clear();
    Entry {
        path: path.to_owned(),
        report: Some(report),
        error: None,
        findings,
        signatures,
    }
}

/// Runs the rules across reports (Y-01…Y-03, SIM-01) and adds their findings to the entries.
pub fn cross(entries: &mut [Entry]) {
    years(entries);
    similar(entries);
}

/// The grouping key of an agency: its normalised name, a longer name mapped to a shorter one it
/// ends with (“淮安市洪泽区人民政府” → “洪泽区人民政府”).
fn agency_keys(entries: &[Entry]) -> Vec<Option<String>> {
    let names: Vec<Option<String>> = entries
        .iter()
        .map(|e| e.report.as_ref()?.agency.as_deref().map(key))
        .collect();
    let mut distinct: Vec<&String> = names.iter().flatten().collect();
    distinct.sort_by_key(|n| n.chars().count());
    distinct.dedup();
    names
        .iter()
        .map(|n| {
            let n = n.as_ref()?;
            let short = distinct
                .iter()
                .find(|d| d.chars().count() >= 5 && n.ends_with(d.as_str()))
                .map_or(n.clone(), |d| (*d).clone());
            Some(short)
        })
        .collect()
}

fn years(entries: &mut [Entry]) {
    let keys = agency_keys(entries);
    let mut by: BTreeMap<(String, i32), usize> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        let year = entries[i].report.as_ref().and_then(|r| r.year);
        if let (Some(k), Some(y)) = (k, year) {
            by.entry((k.clone(), y)).or_insert(i);
        }
    }
    for ((k, y), &cur) in &by {
        let Some(&prev) = by.get(&(k.clone(), y - 1)) else {
            continue;
        };
        let (Some(p), Some(c)) = (&entries[prev].report, &entries[cur].report) else {
            continue;
        };
        let found = rules::check_years(p, c);
        entries[cur].findings.extend(found);
    }
}

/// SIM-01 findings named one by one per report and section; further matches are counted.
const SIM_LISTED: usize = 3;

fn similar(entries: &mut [Entry]) {
    let keys = agency_keys(entries);
    for section in [Section::Overview, Section::Problems] {
        let sigs: Vec<(usize, Signature)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let s = e.signatures.iter().find(|(s, _)| *s == section)?;
                Some((i, s.1.clone()))
            })
            .collect();
        let mut matches: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
        for (a, b, score) in similarity::similar_pairs(&sigs) {
            let year = |i: usize| entries[i].report.as_ref().and_then(|r| r.year);
            if keys[a] == keys[b] && year(a) == year(b) {
                continue;
            }
            matches.entry(a).or_default().push((score, b));
            matches.entry(b).or_default().push((score, a));
        }
        for (i, mut found) in matches {
            found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            let mut add: Vec<Finding> = found
                .iter()
                .take(SIM_LISTED)
                .map(|&(score, other)| sim_finding(section, score, &entries[other]))
                .collect();
            if found.len() > SIM_LISTED {
                add.push(sim_more(section, found.len() - SIM_LISTED));
            }
            entries[i].findings.extend(add);
        }
    }
}

fn sim_more(section: Section, more: usize) -> Finding {
    let heading = section.def().heading;
    sim_warning(
        section,
        format!(
            "至少另有 {more} 份报告的“{heading}”也与本报告高度雷同（只列出相似度最高的 {SIM_LISTED} 份）"
        ),
    )
}

fn sim_finding(section: Section, score: f64, other: &Entry) -> Finding {
    let heading = section.def().heading;
    let msg = format!(
        "“{heading}”的文字与{}的报告（{}）高度雷同，相似度{score:.2}",
        other.name(),
        other.path.display()
    );
    sim_warning(section, msg)
}

/// A SIM-01 warning on the section's text.
fn sim_warning(section: Section, message: String) -> Finding {
    Finding::new(
        "SIM-01",
        Severity::Warning,
        format!("sections.{}", section.def().key),
        message,
    )
}

//! `gongkai report audit`: parse many published reports, run every rule on each, then the rules
//! across reports: Y-01…Y-03 between consecutive years of one agency (by normalised agency name)
//! and SIM-01 (near-duplicate narrative) across all.
//!
//! Streaming: a [`Batch`] parses and judges one file at a time. The report's tables and its own
//! findings go to a spool file (one JSON line each); memory keeps only an [`Entry`]: the name,
//! the finding counts, the `MinHash` signatures of two narratives and what Y-01…Y-03 compare.
//! Once the cross-report rules have run, [`Audited::visit`] reads the spool back in order, so
//! every output is written entry by entry. A damaged file becomes an entry with its error.

pub mod similarity;

use crate::normalize::key;
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::{AnnualReport, Finding, Format, Section, Severity, rules};
use similarity::Signature;
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

/// Extensions picked up when walking a folder.
pub const EXTENSIONS: [&str; 8] = ["txt", "md", "html", "htm", "docx", "xlsx", "pdf", "json"];

/// One audited file, as the batch keeps it in memory.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// The agency named in the title.
    pub agency: Option<String>,
    /// The report year.
    pub year: Option<i32>,
    /// The format version, if the file could be read.
    pub format: Option<Format>,
    /// Why the file could not be read.
    pub error: Option<String>,
    /// Findings across reports (Y-01…Y-03, SIM-01); the report's own are in the spool.
    pub cross: Vec<Finding>,
    /// How many of the report's own findings there are, by severity.
    own: [usize; 4],
    /// `MinHash` signatures of the 总体情况 and 存在的主要问题 text.
    signatures: Vec<(Section, Signature)>,
    /// What Y-01…Y-03 compare, as compact JSON (a parsed report's maps take ten times the
    /// memory): the report with only table 二 and the 结转 rows of table 三.
    years_view: Option<String>,
}

impl Entry {
    /// The number of findings (its own and across reports) of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.own[slot(severity)] + self.cross.iter().filter(|f| f.severity == severity).count()
    }

    /// “{agency}{year}年” for messages, or the file name.
    pub fn name(&self) -> String {
        let year = self.year.map(|y| format!("{y}年")).unwrap_or_default();
        match &self.agency {
            Some(a) => format!("{a}{year}"),
            None => self
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        }
    }
}

fn slot(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Uncertain => 2,
        Severity::Info => 3,
    }
}

/// A batch being read: entries in memory, reports and their own findings in the spool.
pub struct Batch {
    entries: Vec<Entry>,
    spool: BufWriter<File>,
}

impl Batch {
    /// A new batch with its spool in a temporary file (removed when the batch is dropped).
    pub fn new() -> io::Result<Batch> {
        Ok(Batch {
            entries: Vec::new(),
            spool: BufWriter::new(tempfile::tempfile()?),
        })
    }

    /// Adds an entry that was not read (a path that does not exist, from [`files`]).
    pub fn push_unread(&mut self, entry: Entry) {
        self.entries.push(Entry {
            error: entry.error.or_else(|| Some("未读取".to_owned())),
            ..entry
        });
    }

    /// Parses and judges one file (single-report rules) and spools its tables and findings.
    pub fn add(&mut self, path: &Path) -> io::Result<()> {
        let (entry, report) = audit_file(path);
        if let Some(report) = report {
            serde_json::to_writer(&mut self.spool, &report.to_json())?;
            self.spool.write_all(b"\n")?;
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Runs the cross-report rules; the batch can then be read back.
    pub fn finish(mut self) -> io::Result<Audited> {
        cross(&mut self.entries);
        let spool = self
            .spool
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        Ok(Audited {
            entries: self.entries,
            spool,
        })
    }
}

/// A finished batch.
pub struct Audited {
    /// The entries, in the order the files were added.
    pub entries: Vec<Entry>,
    spool: File,
}

impl Audited {
    /// Calls `f` for every entry in order, with its report (tables, no narrative) if it could be
    /// read and all its findings: importer diagnostics, rule findings, then those across reports.
    pub fn visit(
        &mut self,
        mut f: impl FnMut(&Entry, Option<&AnnualReport>, &[Finding]) -> io::Result<()>,
    ) -> io::Result<()> {
        self.spool.rewind()?;
        let mut lines = BufReader::new(&self.spool).lines();
        for e in &self.entries {
            let mut report = None;
            let mut findings = Vec::new();
            if e.error.is_none() {
                let line = lines
                    .next()
                    .ok_or_else(|| io::Error::other("audit spool ended early"))??;
                let mut r = AnnualReport::from_json_str(&line)
                    .map_err(|err| io::Error::other(format!("audit spool unreadable: {err}")))?;
                findings = std::mem::take(&mut r.diagnostics);
                report = Some(r);
            }
            findings.extend(e.cross.iter().cloned());
            f(e, report.as_ref(), &findings)?;
        }
        Ok(())
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
        agency: None,
        year: None,
        format: None,
        error: Some(error),
        cross: Vec::new(),
        own: [0; 4],
        signatures: Vec::new(),
        years_view: None,
    }
}

/// Parses and judges one file: its entry, and for the spool the report without its narrative,
/// whose diagnostics now hold all its own findings.
fn audit_file(path: &Path) -> (Entry, Option<AnnualReport>) {
    let parsed = std::panic::catch_unwind(|| read_any(path));
    let mut report = match parsed {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return (failed(path, e), None),
        Err(_) => return (failed(path, "解析器内部错误".to_owned()), None),
    };
    let found = rules::check(&report);
    report.diagnostics.extend(found);
    let signatures = [Section::Overview, Section::Problems]
        .into_iter()
        .filter_map(|s| similarity::signature(report.section(s)).map(|sig| (s, sig)))
        .collect();
    report.sections.clear();
    let mut own = [0; 4];
    for f in &report.diagnostics {
        own[slot(f.severity)] += 1;
    }
    let entry = Entry {
        path: path.to_owned(),
        agency: report.agency.clone(),
        year: report.year,
        format: Some(report.format),
        error: None,
        cross: Vec::new(),
        own,
        signatures,
        years_view: Some(years_view(&report).to_json().to_string()),
    };
    (entry, Some(report))
}

/// A published report (parsed) or a canonical JSON report (read as it is).
fn read_any(path: &Path) -> Result<AnnualReport, String> {
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !json {
        return crate::parse_file(path).map_err(|e| e.to_string());
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("无法读取文件：{e}"))?;
    let mut report = AnnualReport::from_json_str(&text).map_err(|e| e.to_string())?;
    // Findings stored in the file are not this audit's: the rules run afresh.
    report.diagnostics.retain(|d| d.rule.starts_with("P-"));
    Ok(report)
}

/// The report reduced to what Y-01…Y-03 compare.
fn years_view(report: &AnnualReport) -> AnnualReport {
    let mut v = AnnualReport::new(report.format);
    v.year = report.year;
    v.table2 = report.table2.clone();
    for row in [Row::CarriedOver, Row::CarriedForward] {
        if let Some(cells) = report.table3.get(&row) {
            v.table3.insert(row, cells.clone());
        }
    }
    v
}

/// Runs the rules across reports (Y-01…Y-03, SIM-01) and adds their findings to the entries.
fn cross(entries: &mut [Entry]) {
    let keys = agency_keys(entries);
    years(entries, &keys);
    similar(entries, &keys);
}

/// The grouping key of an agency: its normalised name, a longer name mapped to a shorter one it
/// ends with (“淮安市洪泽区人民政府” → “洪泽区人民政府”): the shortest of its suffixes of at
/// least five characters that another report names. Each name looks up only its own suffixes,
/// so a batch of 10,000 agencies does not compare every name with every other.
fn agency_keys(entries: &[Entry]) -> Vec<Option<String>> {
    let names: Vec<Option<String>> = entries
        .iter()
        .map(|e| e.agency.as_deref().map(key))
        .collect();
    let distinct: HashSet<&str> = names.iter().flatten().map(String::as_str).collect();
    names
        .iter()
        .map(|n| {
            let n = n.as_ref()?;
            let starts: Vec<usize> = n.char_indices().map(|(i, _)| i).collect();
            let short = starts
                .iter()
                .enumerate()
                .rev()
                .filter(|(j, _)| starts.len() - j >= 5)
                .map(|(_, &i)| &n[i..])
                .find(|suffix| distinct.contains(suffix))
                .unwrap_or(n);
            Some(short.to_owned())
        })
        .collect()
}

fn years(entries: &mut [Entry], keys: &[Option<String>]) {
    let mut by: BTreeMap<(String, i32), usize> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        let year = entries[i].year;
        if let (Some(k), Some(y)) = (k, year) {
            by.entry((k.clone(), y)).or_insert(i);
        }
    }
    for ((k, y), &cur) in &by {
        let Some(&prev) = by.get(&(k.clone(), y - 1)) else {
            continue;
        };
        let view = |i: usize| {
            let json = entries[i].years_view.as_deref()?;
            AnnualReport::from_json_str(json).ok()
        };
        let (Some(p), Some(c)) = (view(prev), view(cur)) else {
            continue;
        };
        let found = rules::check_years(&p, &c);
        entries[cur].cross.extend(found);
    }
}

/// SIM-01 findings named one by one per report and section; further matches are counted.
const SIM_LISTED: usize = 3;

fn similar(entries: &mut [Entry], keys: &[Option<String>]) {
    for section in [Section::Overview, Section::Problems] {
        let sigs: Vec<(usize, &Signature)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let s = e.signatures.iter().find(|(s, _)| *s == section)?;
                Some((i, &s.1))
            })
            .collect();
        let pairs = similarity::similar_pairs(&sigs);
        let mut matches: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
        for (a, b, score) in pairs {
            let year = |i: usize| entries[i].year;
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
            entries[i].cross.extend(add);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_is_grouped_under_the_shortest_name_of_it_another_report_uses() {
        let entry = |agency: &str| Entry {
            agency: Some(agency.to_owned()),
            ..failed(Path::new("x"), String::new())
        };
        let entries = [
            entry("淮安市洪泽区人民政府"),
            entry("洪泽区人民政府"),
            entry("区人民政府"),
            entry("人民政府"),
            entry("某某县人民政府"),
        ];
        let keys = agency_keys(&entries);
        let want = [
            "区人民政府",
            "区人民政府",
            "区人民政府",
            "人民政府",
            "某某县人民政府",
        ];
        assert_eq!(keys, want.map(|k| Some(k.to_owned())));
    }
}

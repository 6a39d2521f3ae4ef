//! Importing a year's arrangement (国务院办公厅关于XXXX年部分节假日安排的通知) into the platform.
//!
//! The import format is the TOML of `crates/gongkai-domain/data/holidays-cn.toml`. Before a store keeps
//! a file, [`check_import`] holds it to more than [`super::parse`] does for the shipped data: each
//! year once, its circular named, every festival of 《全国年节及纪念日放假办法》第二条 present and
//! the fixed-date statutory days (元旦, 劳动节, 国庆节) off. [`WorkCalendar::preview_import`] then
//! says, without changing anything, what loading it would add or replace and which days change
//! ([`DayChange`]) — for the audit log and for recomputing open deadlines. Fingerprints give every
//! table, file and calendar a stable version string.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::{CalendarError, DayChange, HolidayFile, LoadSummary, WorkCalendar, YearTable, diff};

/// The festivals every national year must contain (《全国年节及纪念日放假办法》第二条), as
/// (what a holiday's name contains, the festival's name).
const FESTIVALS: [(&str, &str); 7] = [
    ("元旦", "元旦"),
    ("春节", "春节"),
    ("清明", "清明节"),
    ("劳动", "劳动节"),
    ("端午", "端午节"),
    ("中秋", "中秋节"),
    ("国庆", "国庆节"),
];

/// Fixed-date statutory days off as (month, day, festival, first year): the 2007 revision of the
/// 办法 (in force 2008) fixed 元旦 1月1日, 劳动节 5月1日 and 国庆节 10月1日至3日; the 2024
/// revision (in force 2025) added 5月2日.
const FIXED_DAYS: [(u32, u32, &str, i32); 6] = [
    (1, 1, "元旦", 2008),
    (5, 1, "劳动节", 2008),
    (5, 2, "劳动节", 2025),
    (10, 1, "国庆节", 2008),
    (10, 2, "国庆节", 2008),
    (10, 3, "国庆节", 2008),
];

/// Parses a holiday file and checks it for import: everything [`super::parse`] checks, plus
/// each year once, each circular named, and each national year complete (every festival, the
/// fixed-date statutory days off) and consistent with the other years of the file.
pub fn check_import(text: &str) -> Result<HolidayFile, CalendarError> {
    let file = super::parse(text)?;
    let mut seen = BTreeSet::new();
    for t in file.years.iter().chain(&file.overlays) {
        let scope = t.region.clone().unwrap_or_else(|| "全国".to_owned());
        if !seen.insert((scope.clone(), t.year)) {
            return Err(CalendarError::DuplicateYear {
                scope,
                year: t.year,
            });
        }
        check_circular_named(t)?;
    }
    for t in &file.years {
        check_complete(t)?;
    }
    check_years_agree(&file.years)?;
    Ok(file)
}

fn check_circular_named(t: &YearTable) -> Result<(), CalendarError> {
    let title = t.circulars.first().map_or("", |c| c.title.trim());
    let named = match t.region {
        None => title.contains(&format!("{}年", t.year)) && title.contains("节"),
        Some(_) => !title.is_empty(),
    };
    if named {
        Ok(())
    } else {
        Err(CalendarError::CircularUnnamed {
            year: t.year,
            title: title.to_owned(),
        })
    }
}

fn check_complete(t: &YearTable) -> Result<(), CalendarError> {
    let missing: Vec<&str> = FESTIVALS
        .iter()
        .filter(|(key, _)| !t.holidays.iter().any(|h| h.name.contains(key)))
        .map(|(_, name)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(CalendarError::IncompleteYear {
            year: t.year,
            missing: missing.join("、"),
        });
    }
    for (month, day, holiday, since) in FIXED_DAYS {
        let date = NaiveDate::from_ymd_opt(t.year, month, day);
        if let Some(date) = date.filter(|_| t.year >= since)
            && !t.holidays.iter().any(|h| h.is_off(date))
        {
            return Err(CalendarError::StatutoryDayNotOff {
                year: t.year,
                date,
                holiday,
            });
        }
    }
    Ok(())
}

/// Two national years may both name a day (元旦 spills into December) but must agree on it.
fn check_years_agree<'a>(
    tables: impl IntoIterator<Item = &'a YearTable>,
) -> Result<(), CalendarError> {
    let mut marked: BTreeMap<NaiveDate, (i32, bool)> = BTreeMap::new();
    for t in tables {
        for h in &t.holidays {
            let off = h.first.iter_days().take_while(|d| *d <= h.last);
            let days = off
                .map(|d| (d, true))
                .chain(h.workdays.iter().map(|w| (*w, false)));
            for (date, is_off) in days {
                match marked.insert(date, (t.year, is_off)) {
                    Some((year, was_off)) if year != t.year && was_off != is_off => {
                        return Err(CalendarError::YearsDisagree {
                            date,
                            first: year,
                            second: t.year,
                        });
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

/// What importing a file would do, computed without changing the calendar.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The checked file.
    pub file: HolidayFile,
    /// The file's fingerprint ([`HolidayFile::fingerprint`]).
    pub fingerprint: String,
    /// The years and overlays that loading adds or replaces (empty: nothing new).
    pub summary: LoadSummary,
    /// The calendar after loading.
    pub calendar: WorkCalendar,
    /// The days whose status changes, in date order.
    pub changes: Vec<DayChange>,
}

impl Preview {
    /// Whether loading changes nothing (the same versions are loaded already).
    pub fn is_noop(&self) -> bool {
        self.summary.years.is_empty() && self.summary.overlays.is_empty()
    }

    /// What changes, one Chinese sentence per line, for the audit log.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for year in &self.summary.years {
            out.push(describe_table(self.calendar.year(*year)));
        }
        for (region, year) in &self.summary.overlays {
            let t = self
                .calendar
                .overlays()
                .iter()
                .find(|o| o.year == *year && o.region.as_deref() == Some(region.as_str()));
            out.push(describe_table(t));
        }
        if self.is_noop() {
            out.push("所载入的节假日安排均已载入，工作日日历未变化。".to_owned());
        }
        out.extend(self.changes.iter().map(DayChange::describe));
        out
    }
}

fn describe_table(t: Option<&YearTable>) -> String {
    let Some(t) = t else {
        return String::new();
    };
    let scope = t.region.as_deref().unwrap_or("全国");
    let title = t.circulars.first().map_or("", |c| c.title.as_str());
    format!(
        "载入{scope}{}年节假日安排第{}版（《{title}》，共{}个假期）。",
        t.year,
        t.version,
        t.holidays.len()
    )
}

impl WorkCalendar {
    /// Checks a file for import ([`check_import`]) and says what loading it into this calendar
    /// would change, without changing it. Fails as [`WorkCalendar::load_toml`] would (e.g. an
    /// older version), or when the result would have two national years disagreeing on a day.
    pub fn preview_import(&self, text: &str) -> Result<Preview, CalendarError> {
        let file = check_import(text)?;
        let mut calendar = self.clone();
        let summary = calendar.load_toml(text)?;
        check_years_agree(calendar.years())?;
        let changes = diff(self, &calendar);
        Ok(Preview {
            fingerprint: file.fingerprint(),
            file,
            summary,
            calendar,
            changes,
        })
    }

    /// A stable version string of the calendar's content (every national year and overlay): the
    /// same tables give the same string on every machine and run.
    pub fn fingerprint(&self) -> String {
        let mut overlays: Vec<&YearTable> = self.overlays.iter().collect();
        overlays.sort_by(|a, b| (&a.region, a.year).cmp(&(&b.region, b.year)));
        fingerprint(self.national.values().chain(overlays))
    }
}

impl HolidayFile {
    /// A stable version string of the file's tables (formatting and comments do not count).
    pub fn fingerprint(&self) -> String {
        fingerprint(self.years.iter().chain(&self.overlays))
    }
}

impl YearTable {
    /// A stable version string of this table's content.
    pub fn fingerprint(&self) -> String {
        fingerprint([self])
    }
}

/// FNV-1a (64 bit) over the canonical JSON of `tables`, as 16 hex digits. Not a security
/// measure (the audit log guards integrity): a content version that is stable across runs.
fn fingerprint<'a, T: Serialize + 'a>(tables: impl IntoIterator<Item = &'a T>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for t in tables {
        let json = serde_json::to_vec(t).expect("calendar tables always serialise to JSON");
        for b in json.iter().chain(b"\n") {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

//! Building a [`WorkCalendar`] from holiday tables: the shipped file, a new year, a local overlay.

use super::{CalendarError, LoadSummary, SHIPPED_TOML, Special, WorkCalendar, YearTable, parse};

impl WorkCalendar {
    /// An empty calendar: every date is an error until a year is loaded.
    pub fn empty() -> Self {
        WorkCalendar::default()
    }

    /// The calendar shipped with gongkai: national holidays 2019–2026 from `crates/gongkai-domain/data/holidays-cn.toml`.
    pub fn shipped() -> Self {
        let mut cal = WorkCalendar::empty();
        cal.load_toml(SHIPPED_TOML)
            .expect("the shipped holidays-cn.toml is validated by the calendar tests");
        cal
    }

    /// Loads the years and overlays of a holiday file (TOML text; see `crates/gongkai-domain/data/holidays-cn.toml`).
    ///
    /// A year already loaded is replaced only by a higher `version`; loading the same version
    /// with the same content again is a no-op. Nothing is changed if any entry is refused.
    pub fn load_toml(&mut self, text: &str) -> Result<LoadSummary, CalendarError> {
        let file = parse(text)?;
        let mut next = self.clone();
        let mut summary = LoadSummary::default();
        for t in file.years {
            if next.put_national(t.clone())? {
                summary.years.push(t.year);
            }
        }
        for t in file.overlays {
            let key = (t.region.clone().unwrap_or_default(), t.year);
            if next.put_overlay(t)? {
                summary.overlays.push(key);
            }
        }
        next.rebuild();
        *self = next;
        Ok(summary)
    }

    fn put_national(&mut self, t: YearTable) -> Result<bool, CalendarError> {
        if let Some(old) = self.national.get(&t.year)
            && !is_newer(old, &t)?
        {
            return Ok(false);
        }
        self.national.insert(t.year, t);
        Ok(true)
    }

    fn put_overlay(&mut self, t: YearTable) -> Result<bool, CalendarError> {
        if !self.national.contains_key(&t.year) {
            return Err(CalendarError::OverlayWithoutBase {
                year: t.year,
                region: t.region.clone().unwrap_or_default(),
            });
        }
        let same = |o: &YearTable| o.year == t.year && o.region == t.region;
        if let Some(i) = self.overlays.iter().position(same) {
            if !is_newer(&self.overlays[i], &t)? {
                return Ok(false);
            }
            self.overlays[i] = t;
        } else {
            self.overlays.push(t);
        }
        Ok(true)
    }

    fn rebuild(&mut self) {
        self.special.clear();
        for (year, t) in &self.national {
            mark(&mut self.special, t, None, *year);
        }
        for (i, t) in self.overlays.iter().enumerate() {
            mark(&mut self.special, t, Some(i), t.year);
        }
    }
}

/// Whether `new` should replace `old`; an equal version must have equal content.
fn is_newer(old: &YearTable, new: &YearTable) -> Result<bool, CalendarError> {
    if new.version > old.version {
        return Ok(true);
    }
    if new.version == old.version && new == old {
        return Ok(false);
    }
    Err(CalendarError::StaleVersion {
        scope: old.region.clone().unwrap_or_else(|| "全国".to_owned()),
        year: old.year,
        loaded: old.version,
        given: new.version,
    })
}

fn mark(
    map: &mut std::collections::BTreeMap<chrono::NaiveDate, Special>,
    t: &YearTable,
    overlay: Option<usize>,
    year: i32,
) {
    for (h, holiday) in t.holidays.iter().enumerate() {
        let special = |off| Special {
            off,
            overlay,
            year,
            holiday: h,
        };
        for d in holiday.first.iter_days().take_while(|d| *d <= holiday.last) {
            map.insert(d, special(true));
        }
        for w in &holiday.workdays {
            map.insert(*w, special(false));
        }
    }
}

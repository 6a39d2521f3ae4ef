//! Reading holiday tables from TOML text (`crates/gongkai-domain/data/holidays-cn.toml` and administrator files).
//!
//! Only text is parsed here; reading the file is the caller's business (the domain does no I/O).
//! The format is documented at the top of `crates/gongkai-domain/data/holidays-cn.toml`: `[[year]]` entries for national
//! circulars and `[[overlay]]` entries (same fields plus `region`) for local holidays.

use serde::Deserialize;

use super::CalendarError;
use super::table::YearTable;

/// The schema id a holiday file may declare.
pub const SCHEMA: &str = "gongkai.holidays/1";

/// The tables found in one holiday file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayFile {
    /// National year tables (`[[year]]`).
    pub years: Vec<YearTable>,
    /// Local overlays (`[[overlay]]`), each with a region.
    pub overlays: Vec<YearTable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    schema: Option<String>,
    #[serde(default)]
    year: Vec<YearTable>,
    #[serde(default)]
    overlay: Vec<YearTable>,
}

/// Parses and validates a holiday file.
pub fn parse(text: &str) -> Result<HolidayFile, CalendarError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| CalendarError::Syntax {
        message: e.to_string(),
    })?;
    if let Some(s) = raw.schema.filter(|s| s != SCHEMA) {
        return Err(CalendarError::Schema { found: s });
    }
    for t in &raw.year {
        if t.region.is_some() {
            return Err(CalendarError::RegionInNational { year: t.year });
        }
        t.validate()?;
    }
    for t in &raw.overlay {
        if t.region.as_deref().is_none_or(str::is_empty) {
            return Err(CalendarError::OverlayWithoutRegion { year: t.year });
        }
        t.validate()?;
    }
    if raw.year.is_empty() && raw.overlay.is_empty() {
        return Err(CalendarError::EmptyFile);
    }
    Ok(HolidayFile {
        years: raw.year,
        overlays: raw.overlay,
    })
}

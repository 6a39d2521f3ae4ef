//! The working-day calendar (工作日历): statutory holidays and 调休 make-up working days per year.
//!
//! Every period in the 《政府信息公开条例》 is counted in 工作日 (REGULATION.md §3.5), and in China a
//! working day is not simply Monday to Friday: the State Council moves holidays every year and turns
//! some weekends into working days (REGULATION.md §7). [`WorkCalendar`] is a value built from
//! versioned [`YearTable`]s — the shipped `crates/gongkai-domain/data/holidays-cn.toml` (2019–2026, each year with its
//! circular) plus whatever an administrator loads: a new year's circular, or a local overlay.
//!
//! A date in a year whose circular is not loaded is an error, never a guess (a 暂定 deadline that
//! counts on by weekday is the caller's explicit choice: `deadline::Mode`). Because a circular may
//! move 元旦 days into the previous December (the 2019 circular made 2018-12-29 a working day and
//! 2018-12-30/31 days off), 26–31 December of a year also need the next year's circular.

mod diff;
mod import;
mod parse;
mod table;

pub use diff::{DayChange, DayState, DayStatus, diff};
pub use import::{Preview, check_import};
pub use parse::{HolidayFile, SCHEMA, parse};
pub use table::{Circular, Holiday, YearTable, is_weekend, weekday_name};

use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The holiday table shipped with gongkai (2019–2026).
pub const SHIPPED_TOML: &str = include_str!("../../data/holidays-cn.toml");

/// From this day of December on, a date also depends on the next year's circular (元旦调休).
const YEAR_TAIL_FROM: u32 = 26;

/// Why the calendar cannot answer or cannot be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The date's year has no loaded circular.
    #[error(
        "{date}所在的{year}年节假日安排尚未载入工作日日历，无法计算工作日；请先载入《国务院办公厅关于{year}年部分节假日安排的通知》"
    )]
    YearNotLoaded {
        /// The date asked about.
        date: NaiveDate,
        /// Its year.
        year: i32,
    },
    /// A date in late December whose status may be changed by the next year's circular.
    #[error(
        "{date}是否为工作日取决于{next}年的节假日安排（元旦调休可能涉及上年12月下旬），该年安排尚未载入工作日日历"
    )]
    NextYearNotLoaded {
        /// The date asked about.
        date: NaiveDate,
        /// The year whose circular is missing.
        next: i32,
    },
    /// The TOML text could not be read.
    #[error("节假日文件格式错误：{message}")]
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// The file declares another schema.
    #[error("节假日文件的格式标识为“{found}”，应为“gongkai.holidays/1”")]
    Schema {
        /// The schema found.
        found: String,
    },
    /// The file contains no year and no overlay.
    #[error("节假日文件中没有任何年度安排（[[year]]）或地方安排（[[overlay]]）")]
    EmptyFile,
    /// A year table names no circular.
    #[error("{year}年节假日安排没有注明来源通知")]
    NoCircular {
        /// The year.
        year: i32,
    },
    /// A holiday period is inconsistent.
    #[error("{year}年“{holiday}”数据有误：{reason}")]
    InvalidHoliday {
        /// The year.
        year: i32,
        /// The holiday's name.
        holiday: String,
        /// What is wrong.
        reason: String,
    },
    /// A national `[[year]]` entry has a region.
    #[error("{year}年全国节假日安排不应写地区（region）；地方安排请写在 [[overlay]] 中")]
    RegionInNational {
        /// The year.
        year: i32,
    },
    /// An `[[overlay]]` entry lacks its region.
    #[error("{year}年地方节假日安排必须写明地区（region）")]
    OverlayWithoutRegion {
        /// The year.
        year: i32,
    },
    /// A local overlay for a year whose national circular is not loaded.
    #[error("{region}{year}年地方节假日安排须在全国{year}年安排载入后才能载入")]
    OverlayWithoutBase {
        /// The year.
        year: i32,
        /// The region.
        region: String,
    },
    /// A year appears twice in one file.
    #[error("节假日文件中{scope}{year}年的安排出现了两次")]
    DuplicateYear {
        /// “全国” or the region.
        scope: String,
        /// The year.
        year: i32,
    },
    /// A national year lacks a statutory festival (《全国年节及纪念日放假办法》第二条).
    #[error(
        "{year}年节假日安排不完整：缺少{missing}（《全国年节及纪念日放假办法》第二条规定的全体公民放假的节日）"
    )]
    IncompleteYear {
        /// The year.
        year: i32,
        /// The festivals missing, joined by “、”.
        missing: String,
    },
    /// A fixed-date statutory holiday is not a day off in a national year.
    #[error(
        "{year}年节假日安排有误：{date}是{holiday}法定假日（《全国年节及纪念日放假办法》第二条），却未列为放假日"
    )]
    StatutoryDayNotOff {
        /// The year.
        year: i32,
        /// The statutory day.
        date: NaiveDate,
        /// The festival.
        holiday: &'static str,
    },
    /// The circular's title does not name it.
    #[error(
        "{year}年节假日安排的来源通知标题“{title}”未写明通知名称（如《国务院办公厅关于{year}年部分节假日安排的通知》）"
    )]
    CircularUnnamed {
        /// The year.
        year: i32,
        /// The title given.
        title: String,
    },
    /// Two national years say different things about one day.
    #[error("{date}在{first}年和{second}年的节假日安排中互相矛盾")]
    YearsDisagree {
        /// The day.
        date: NaiveDate,
        /// One year.
        first: i32,
        /// The other.
        second: i32,
    },
    /// The loaded version is not older than the given one.
    #[error(
        "{scope}{year}年节假日安排已载入第{loaded}版，拟载入的第{given}版不是更新的版本，未载入"
    )]
    StaleVersion {
        /// “全国” or the region.
        scope: String,
        /// The year.
        year: i32,
        /// Version already loaded.
        loaded: u32,
        /// Version offered.
        given: u32,
    },
}

/// A day that a circular or overlay makes special.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Special {
    off: bool,
    /// `None` for the national table of `year`, `Some(i)` for overlay `i`.
    overlay: Option<usize>,
    year: i32,
    holiday: usize,
}

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind<'a> {
    /// An ordinary Monday–Friday working day.
    Workday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A day off of a holiday period (法定节假日或调休放假).
    Off(&'a YearTable, &'a Holiday),
    /// A weekend day worked instead (调休上班).
    MakeUp(&'a YearTable, &'a Holiday),
}

impl DayKind<'_> {
    /// Whether the day counts as a 工作日.
    pub fn is_workday(&self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeUp(..))
    }
}

/// The working-day calendar (工作日历), passed as a value into every deadline computation.
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    national: BTreeMap<i32, YearTable>,
    overlays: Vec<YearTable>,
    special: BTreeMap<NaiveDate, Special>,
}

/// What a load changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadSummary {
    /// National years added or replaced.
    pub years: Vec<i32>,
    /// Overlays added or replaced, as (region, year).
    pub overlays: Vec<(String, i32)>,
}

mod load;
mod query;

//! The two official report formats: 2019 (国办公开办函〔2019〕60号, 试行) and 2021
//! (国办公开办函〔2021〕30号).

use std::fmt;

/// Which State Council layout a report follows (`REGULATION.md` §2.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Format {
    /// 《政府信息公开工作年度报告格式（试行）》, reports on 2019 and 2020.
    F2019,
    /// 《政府信息公开工作年度报告格式》, reports on 2021 onward (the default for new reports).
    #[default]
    F2021,
}

impl Format {
    /// Both formats, oldest first.
    pub const ALL: [Format; 2] = [Format::F2019, Format::F2021];

    /// The value of the JSON `format` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::F2019 => "2019",
            Format::F2021 => "2021",
        }
    }

    /// Parses the JSON `format` field.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "2019" => Some(Format::F2019),
            "2021" => Some(Format::F2021),
            _ => None,
        }
    }

    /// The format a report on `year` must use: 2019 for years up to 2020, 2021 from 2021 (rule S-02).
    pub fn for_year(year: i32) -> Format {
        if year <= 2020 {
            Format::F2019
        } else {
            Format::F2021
        }
    }

    /// The notice that issued the format.
    pub fn notice(self) -> &'static str {
        match self {
            Format::F2019 => "国办公开办函〔2019〕60号",
            Format::F2021 => "国办公开办函〔2021〕30号",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年版", self.as_str())
    }
}

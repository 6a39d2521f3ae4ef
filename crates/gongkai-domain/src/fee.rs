//! 信息处理费 (《条例》第四十二条; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号).
//!
//! The 条例 charges nothing for disclosure, except an information-processing fee when an applicant's
//! requests clearly exceed a reasonable quantity or frequency. The 办法 sets two methods, both
//! progressive by excess (超额累进), one per application and never both (第三条; REGULATION.md §4):
//! [`Method::PerCase`] by the applicant's cumulative applications in a natural month (第四条) and
//! [`Method::PerVolume`] by the pages of one application (第五条). Each computation returns an
//! [`Assessment`] whose [`Assessment::lines`] are the breakdown printed on the 收费通知书.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::choice::Choice;

/// The largest cumulative monthly count [`per_case`] computes (a guard against typing errors,
/// far above any real applicant; the breakdown has one line per band of 10).
pub const MAX_CASES_PER_MONTH: u32 = 10_000;

/// An amount in 分 (1 元 = 100 分), the unit the case store keeps (`FeeNotice::amount_fen`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Fen(pub u64);

impl Fen {
    /// Whole 元.
    pub const fn yuan(yuan: u64) -> Fen {
        Fen(yuan * 100)
    }
}

impl fmt::Display for Fen {
    /// “4700元”, or “12.50元” when there are 分.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 % 100 {
            0 => write!(f, "{}元", self.0 / 100),
            fen => write!(f, "{}.{fen:02}元", self.0 / 100),
        }
    }
}

/// How the fee is computed (《办法》第三条: 按件计收 or 按量计收, one per application).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 按件计收 (第四条): by the same applicant's applications in one natural month, cumulative.
    PerCase,
    /// 按量计收 (第五条): by the pages of one application (纸质件、电子邮件、复制电子数据).
    PerVolume,
}

impl Choice for Method {
    const TABLE: &'static [(Method, &'static str, &'static str)] = &[
        (Method::PerCase, "per_case", "按件计收"),
        (Method::PerVolume, "per_volume", "按量计收"),
    ];
}

impl Method {
    /// The article that sets its scale.
    pub fn basis(self) -> &'static str {
        match self {
            Method::PerCase => "《政府信息公开信息处理费管理办法》第四条",
            Method::PerVolume => "《政府信息公开信息处理费管理办法》第五条",
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Method::PerCase => "件",
            Method::PerVolume => "页",
        }
    }
}

/// One band of the scale as far as this computation reaches into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BandCharge {
    /// The first unit (件 or 页, 1-based, cumulative) charged in this band.
    pub first: u32,
    /// The last unit charged in this band.
    pub last: u32,
    /// The fee per unit (0 for the free band).
    pub rate: Fen,
}

impl BandCharge {
    /// The number of units.
    pub fn units(&self) -> u32 {
        self.last - self.first + 1
    }

    /// Units × rate.
    pub fn amount(&self) -> Fen {
        Fen(u64::from(self.units()) * self.rate.0)
    }
}

/// A computed fee with its breakdown, for the 收费通知书 (依据、标准、数额).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The method.
    pub method: Method,
    /// 按件: the applicant's applications earlier in the same natural month; 按量: 0.
    pub prior: u32,
    /// 按件: applications charged now; 按量: pages.
    pub quantity: u32,
    /// The bands reached, in order.
    pub bands: Vec<BandCharge>,
}

impl Assessment {
    /// The fee.
    pub fn total(&self) -> Fen {
        Fen(self.bands.iter().map(|b| b.amount().0).sum())
    }

    /// The breakdown in Chinese, e.g. “第31至100页，70页×10元=700元”, ending with the total.
    pub fn lines(&self) -> Vec<String> {
        let unit = self.method.unit();
        let head = match self.method {
            Method::PerCase => format!(
                "{}（{}）：同一申请人本自然月此前已提出{}件，本次{}件，累计第{}至{}件。",
                self.method.label(),
                self.method.basis(),
                self.prior,
                self.quantity,
                self.prior + 1,
                self.prior + self.quantity
            ),
            Method::PerVolume => format!(
                "{}（{}）：本申请共{}页。",
                self.method.label(),
                self.method.basis(),
                self.quantity
            ),
        };
        let mut out = vec![head];
        for b in &self.bands {
            let span = format!("第{}至{}{unit}，{}{unit}", b.first, b.last, b.units());
            out.push(match b.rate.0 {
                0 => format!("{span}，免费"),
                _ => format!("{span}×{}={}", b.rate, b.amount()),
            });
        }
        out.push(format!("合计：{}", self.total()));
        out
    }
}

/// Why a fee cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    /// More applications in one month than [`MAX_CASES_PER_MONTH`].
    #[error(
        "同一申请人一个自然月累计{total}件申请，超过可计算的上限{MAX_CASES_PER_MONTH}件，请核对件数"
    )]
    TooManyCases {
        /// The cumulative count asked for.
        total: u64,
    },
}

/// 按件计收 (《办法》第四条): the fee for `count` applications when the same applicant already
/// made `prior_in_month` in the same natural month. Cumulative bands: 1–10 free, 11–30
/// 100元/件, then bands of 10, each 100元/件 more than the last (31–40 200元/件, 41–50 300元/件 …).
pub fn per_case(prior_in_month: u32, count: u32) -> Result<Assessment, FeeError> {
    let total = u64::from(prior_in_month) + u64::from(count);
    if total > u64::from(MAX_CASES_PER_MONTH) {
        return Err(FeeError::TooManyCases { total });
    }
    let mut bands = Vec::new();
    let mut next = prior_in_month + 1;
    let end = prior_in_month + count;
    while next <= end {
        let (band_end, rate) = case_band(next);
        let last = band_end.min(end);
        bands.push(BandCharge {
            first: next,
            last,
            rate,
        });
        next = last + 1;
    }
    Ok(Assessment {
        method: Method::PerCase,
        prior: prior_in_month,
        quantity: count,
        bands,
    })
}

/// The band of the `n`-th application of a month: its last application and its rate.
fn case_band(n: u32) -> (u32, Fen) {
    match n {
        0..=10 => (10, Fen(0)),
        11..=30 => (30, Fen::yuan(100)),
        _ => {
            let k = (n - 31) / 10;
            (40 + 10 * k, Fen::yuan(100 * (2 + u64::from(k))))
        }
    }
}

/// 按件计收: the fee alone ([`per_case`]).
pub fn per_case_fee(prior_in_month: u32, count: u32) -> Result<Fen, FeeError> {
    per_case(prior_in_month, count).map(|a| a.total())
}

/// The bands of 按量计收 (《办法》第五条): (last page, rate in 元); the last band is open.
const PAGE_BANDS: [(u32, u64); 4] = [(30, 0), (100, 10), (200, 20), (u32::MAX, 40)];

/// 按量计收 (《办法》第五条): the fee for one application of `pages` pages. Bands: 1–30 free,
/// 31–100 10元/页, 101–200 20元/页, 201 and above 40元/页 (250 pages: 4700元).
pub fn per_volume(pages: u32) -> Assessment {
    let mut bands = Vec::new();
    let mut first = 1;
    for (band_end, yuan) in PAGE_BANDS {
        if first > pages {
            break;
        }
        let last = band_end.min(pages);
        bands.push(BandCharge {
            first,
            last,
            rate: Fen::yuan(yuan),
        });
        first = band_end.saturating_add(1);
    }
    Assessment {
        method: Method::PerVolume,
        prior: 0,
        quantity: pages,
        bands,
    }
}

/// 按量计收: the fee alone ([`per_volume`]).
pub fn per_volume_fee(pages: u32) -> Fen {
    per_volume(pages).total()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_in_yuan_with_fen_only_when_needed() {
        assert_eq!(Fen::yuan(4700).to_string(), "4700元");
        assert_eq!(Fen(1250).to_string(), "12.50元");
        assert_eq!(Fen(5).to_string(), "0.05元");
    }

    #[test]
    fn the_band_of_each_application_follows_the_scale() {
        assert_eq!(case_band(1), (10, Fen(0)));
        assert_eq!(case_band(30), (30, Fen::yuan(100)));
        assert_eq!(case_band(31), (40, Fen::yuan(200)));
        assert_eq!(case_band(40), (40, Fen::yuan(200)));
        assert_eq!(case_band(41), (50, Fen::yuan(300)));
        assert_eq!(case_band(100), (100, Fen::yuan(800)));
    }
}

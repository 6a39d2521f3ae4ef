//! Dates and amounts as letters write them: “2026年12月1日” (GB/T 9704—2012 7.3.5: Arabic
//! numerals, the year in full, no leading zeros), “300元”, and capital numerals for a payment
//! notice (“叁佰元整”).

use chrono::{Datelike, NaiveDate};

/// `2026年12月1日`.
pub fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// An amount in 分 as 元: `300元`, `300.50元`, `0.05元`.
pub fn yuan(fen: u64) -> String {
    let (whole, cents) = (fen / 100, fen % 100);
    if cents == 0 {
        format!("{whole}元")
    } else {
        format!("{whole}.{cents:02}元")
    }
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES: [&str; 4] = ["", "拾", "佰", "仟"];
const GROUPS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];

/// An amount in 分 in capital numerals (中文大写金额): `30000` → `叁佰元整`, `100510` →
/// `壹仟零伍元壹角整`, `5` → `伍分`.
pub fn yuan_upper(fen: u64) -> String {
    let (whole, jiao, fen_digit) = (fen / 100, (fen / 10) % 10, fen % 10);
    if fen == 0 {
        return "零元整".to_owned();
    }
    let mut out = String::new();
    if whole > 0 {
        out.push_str(&integer_upper(whole));
        out.push('元');
    }
    match (jiao, fen_digit) {
        (0, 0) => out.push('整'),
        (0, f) => {
            if whole > 0 {
                out.push('零');
            }
            out.push(digit(f));
            out.push('分');
        }
        (j, f) => {
            out.push(digit(j));
            out.push('角');
            if f == 0 {
                out.push('整');
            } else {
                out.push(digit(f));
                out.push('分');
            }
        }
    }
    out
}

fn digit(d: u64) -> char {
    DIGITS[usize::try_from(d % 10).unwrap_or(0)]
}

/// A positive integer in capital numerals: one 零 for each run of zeros inside the number.
fn integer_upper(n: u64) -> String {
    let digits: Vec<u64> = n.to_string().bytes().map(|b| u64::from(b - b'0')).collect();
    let mut out = String::new();
    let mut zero_pending = false;
    let mut group_has_digit = false;
    for (i, d) in digits.iter().enumerate() {
        let pos = digits.len() - 1 - i;
        if *d == 0 {
            zero_pending = !out.is_empty();
        } else {
            if zero_pending {
                out.push('零');
            }
            out.push(digit(*d));
            out.push_str(PLACES[pos % 4]);
            zero_pending = false;
            group_has_digit = true;
        }
        if pos.is_multiple_of(4) && pos > 0 {
            if group_has_digit {
                out.push_str(GROUPS[(pos / 4).min(GROUPS.len() - 1)]);
            }
            group_has_digit = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_capital_numerals_follow_the_payment_notice_convention() {
        let cases = [
            (30_000, "叁佰元整"),
            (100_510, "壹仟零伍元壹角整"),
            (5, "伍分"),
            (50, "伍角整"),
            (10_000_000, "壹拾万元整"),
            (10_000_500, "壹拾万零伍元整"),
            (120_000_000_001, "壹拾贰亿元零壹分"),
            (0, "零元整"),
            (1_234_567, "壹万贰仟叁佰肆拾伍元陆角柒分"),
        ];
        for (fen, expected) in cases {
            assert_eq!(yuan_upper(fen), expected, "{fen}");
        }
    }

    #[test]
    fn dates_have_no_leading_zeros_and_amounts_no_needless_cents() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        assert_eq!(chinese_date(d), "2026年3月1日");
        assert_eq!(yuan(30_000), "300元");
        assert_eq!(yuan(30_050), "300.50元");
        assert_eq!(yuan(5), "0.05元");
    }
}

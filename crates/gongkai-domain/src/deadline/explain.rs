//! The derivation of a deadline as Chinese sentences, for the case page and for letters.

use std::fmt;

use super::Derivation;
use crate::calendar::weekday_name;
use chrono::NaiveDate;

fn day(d: NaiveDate) -> String {
    format!("{d}（{}）", weekday_name(d))
}

impl Derivation {
    /// The derivation, one sentence per line: start, period, pauses, extension, holidays, result.
    pub fn lines(&self) -> Vec<String> {
        let s = &self.spec;
        let mut out = vec![
            format!(
                "起算：{}，{}；当日不计入，自次日起算。",
                s.start_event,
                day(s.start)
            ),
            format!(
                "期限：{}个工作日（{}）；周六、周日和法定节假日不计入，调休上班日计入。",
                s.days, s.basis
            ),
        ];
        for (p, skipped) in s.pauses.iter().zip(&self.skipped) {
            out.push(match p.until {
                Some(u) => format!(
                    "不计入：{}，{} 至 {}，其间{}个工作日不计入期限。",
                    p.reason, p.from, u, skipped
                ),
                None => format!(
                    "暂停中：{}，自{}起暂停计算，恢复后继续计算。",
                    p.reason, p.from
                ),
            });
        }
        if let Some(e) = &s.extension {
            out.push(format!(
                "延期：{}经{}批准延长{}个工作日（《条例》第三十三条第二款）。",
                e.on, e.approver, e.days
            ));
        }
        out.extend(self.holiday_lines());
        if let Some(p) = &self.provisional {
            out.push(format!(
                "暂定：{}；该年节假日安排载入后，期限将重新计算。",
                p.reason()
            ));
        }
        out.push(self.result_line());
        out
    }

    fn holiday_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.holidays.is_empty() {
            let list: Vec<String> = self
                .holidays
                .iter()
                .map(|h| format!("{}（{}）", h.period, h.source))
                .collect();
            out.push(format!("经过的放假日（不计入）：{}。", list.join("；")));
        }
        if !self.makeup_days.is_empty() {
            let list: Vec<String> = self
                .makeup_days
                .iter()
                .map(|(d, name)| format!("{}{}调休上班", day(*d), name))
                .collect();
            out.push(format!("经过的调休上班日（计入）：{}。", list.join("、")));
        }
        out
    }

    fn result_line(&self) -> String {
        match self.due {
            Some(d) => format!(
                "届满{}：{}，为第{}个工作日，当日工作时间结束时届满。",
                if self.provisional.is_some() {
                    "（暂定）"
                } else {
                    ""
                },
                day(d),
                self.total()
            ),
            None => format!(
                "已计{}个工作日，尚余{}个工作日，期限待恢复计算后确定。",
                self.counted,
                self.total() - self.counted
            ),
        }
    }
}

impl fmt::Display for Derivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

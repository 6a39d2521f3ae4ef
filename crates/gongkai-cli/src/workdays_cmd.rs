//! `gongkai workdays …`: working-day arithmetic on the shipped holiday calendar (`REPORT_JSON.md` §3).
//!
//! `add DATE N` prints the N-th working day after DATE (`--explain` adds the derivation);
//! `calendar YEAR` lists a year's days off and 调休 working days with their circular; `deadline`
//! shows the statutory answer deadline of an application (《条例》第三十一、三十三条) with its
//! derivation. `--calendar FILE` loads a further year or a local overlay (TOML, same format as
//! `crates/gongkai-domain/data/holidays-cn.toml`). Where the calendar does not cover a day yet (next
//! year's circular not loaded), `add` and `deadline` count Monday–Friday and print 暂定 with the
//! reason after the date (exit 0); `--strict` refuses instead, with a Chinese message (exit 2).

use crate::Outcome;
use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use gongkai_domain::application::{ANSWER_DAYS, CORRECTION_NOTICE_DAYS, Channel, Receipt};
use gongkai_domain::calendar::{WorkCalendar, YearTable, weekday_name};
use gongkai_domain::deadline::{
    self, ClockSpec, Derivation, Extension, MAX_EXTENSION, Mode, Pause,
};
use std::path::PathBuf;

/// Working-day commands.
#[derive(Subcommand)]
pub enum WorkdaysCmd {
    /// 计算 DATE 之后第 N 个工作日
    Add {
        /// 起算日期（YYYY-MM-DD），当日不计入
        date: String,
        /// 工作日数
        n: u32,
        /// 同时输出推算过程（经过的节假日和调休上班日）
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        calendar: CalendarArgs,
        #[command(flatten)]
        mode: ModeArgs,
    },
    /// 列出某年的放假日和调休上班日及其来源通知
    Calendar {
        /// 年份
        year: i32,
        #[command(flatten)]
        calendar: CalendarArgs,
    },
    /// 计算依申请公开的答复期限并说明推算过程（《条例》第三十一、三十三条）
    Deadline(DeadlineArgs),
}

/// Extra holiday files.
#[derive(Args)]
pub struct CalendarArgs {
    /// 另行载入的节假日文件（TOML：新年度安排或地方节假日），可重复
    #[arg(long = "calendar", value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// What to do where the calendar does not cover a day.
#[derive(Args)]
pub struct ModeArgs {
    /// 日历未覆盖的日期（次年节假日安排尚未载入）不暂按周一至周五计算，而是报错
    #[arg(long)]
    strict: bool,
}

/// Options of `gongkai workdays deadline`.
#[derive(Args)]
pub struct DeadlineArgs {
    /// 申请到达（提交、签收）日期
    #[arg(long)]
    received: String,
    /// 申请渠道：当面、邮寄、平信、网络、传真
    #[arg(long, default_value = "当面")]
    channel: String,
    /// 平信、网络、传真：与申请人确认之日
    #[arg(long)]
    confirmed: Option<String>,
    /// 收到补正材料之日（答复期限自该日重新计算，《条例》第三十条）
    #[arg(long)]
    correction_received: Option<String>,
    /// 不计入期限的时段 FROM..TO（征求意见、收费通知），TO 省略表示尚未结束；可重复
    #[arg(long = "pause", value_name = "FROM..TO")]
    pauses: Vec<String>,
    /// 延长的工作日数（最多20个，《条例》第三十三条第二款）
    #[arg(long, requires = "extension_on")]
    extension: Option<u32>,
    /// 批准延期的负责人
    #[arg(long, default_value = "政府信息公开工作机构负责人")]
    approver: String,
    /// 批准延期的日期（与 --extension 一并使用）
    #[arg(long, requires = "extension")]
    extension_on: Option<String>,
    #[command(flatten)]
    calendar: CalendarArgs,
    #[command(flatten)]
    mode: ModeArgs,
}

/// Runs a working-day command.
pub fn run(cmd: WorkdaysCmd) -> anyhow::Result<Outcome> {
    match cmd {
        WorkdaysCmd::Add {
            date,
            n,
            explain,
            calendar,
            mode,
        } => add(&calendar.load()?, mode.mode(), &date, n, explain),
        WorkdaysCmd::Calendar { year, calendar } => list(&calendar.load()?, year),
        WorkdaysCmd::Deadline(args) => show_deadline(&args),
    }
}

impl ModeArgs {
    /// Strict or 暂定 counting.
    fn mode(&self) -> Mode {
        if self.strict {
            Mode::Strict
        } else {
            Mode::Provisional
        }
    }
}

impl CalendarArgs {
    /// The shipped calendar plus the given files.
    fn load(&self) -> anyhow::Result<WorkCalendar> {
        let mut cal = WorkCalendar::shipped();
        for f in &self.files {
            let text = std::fs::read_to_string(f)
                .with_context(|| format!("无法读取节假日文件 {}", f.display()))?;
            cal.load_toml(&text)
                .with_context(|| format!("节假日文件 {} 未能载入", f.display()))?;
        }
        Ok(cal)
    }
}

fn parse_date(s: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("日期“{s}”有误，应为有效日期，格式 YYYY-MM-DD"))
}

/// “ 暂定：…” after a date that was counted by weekday, or nothing.
fn provisional_note(der: &Derivation) -> String {
    der.provisional
        .as_ref()
        .map_or(String::new(), |p| format!(" 暂定：{p}"))
}

fn add(
    cal: &WorkCalendar,
    mode: Mode,
    date: &str,
    n: u32,
    explain: bool,
) -> anyhow::Result<Outcome> {
    let start = parse_date(date)?;
    let basis = "《民法典》第二百零一条：开始的当日不计入";
    let spec = ClockSpec::plain("起算日期", start, n, basis);
    let der = deadline::derive_with(cal, &spec, mode)?;
    let Some(due) = der.due else {
        bail!("无法确定第{n}个工作日");
    };
    println!("{due}{}", provisional_note(&der));
    if explain {
        for line in der.lines() {
            println!("  {line}");
        }
    }
    Ok(Outcome::Ok)
}

fn list(cal: &WorkCalendar, year: i32) -> anyhow::Result<Outcome> {
    let Some(table) = cal.year(year) else {
        let loaded: Vec<String> = cal.years().map(|t| t.year.to_string()).collect();
        bail!(
            "{year}年节假日安排尚未载入工作日日历（已载入：{}）；请用 --calendar 载入《国务院办公厅关于{year}年部分节假日安排的通知》",
            loaded.join("、")
        );
    };
    print_table(table, "全国");
    for overlay in cal.overlays().iter().filter(|o| o.year == year) {
        println!();
        print_table(overlay, overlay.region.as_deref().unwrap_or("地方"));
    }
    Ok(Outcome::Ok)
}

fn day(d: NaiveDate) -> String {
    format!("{d}（{}）", weekday_name(d))
}

fn print_table(t: &YearTable, scope: &str) {
    println!("{}年节假日安排（{scope}，第{}版）", t.year, t.version);
    for (i, n) in t.circulars.iter().enumerate() {
        let published = n.published.as_deref().unwrap_or("日期不详");
        println!("  通知{}：《{}》（{published}）{}", i + 1, n.title, n.url);
    }
    for h in &t.holidays {
        let days = (h.last - h.first).num_days() + 1;
        let span = if days == 1 {
            day(h.first)
        } else {
            format!("{} 至 {}", day(h.first), day(h.last))
        };
        let mut line = format!("  {}：{span} 放假，共{days}天", h.name);
        if !h.workdays.is_empty() {
            let w: Vec<String> = h.workdays.iter().map(|d| day(*d)).collect();
            line.push_str(&format!("；{} 上班", w.join("、")));
        }
        if let Some(note) = &h.note {
            line.push_str(&format!("（{note}）"));
        }
        println!("{line}");
    }
}

fn show_deadline(args: &DeadlineArgs) -> anyhow::Result<Outcome> {
    let cal = args.calendar.load()?;
    let channel = Channel::parse(&args.channel).with_context(|| {
        format!(
            "申请渠道“{}”无法识别，应为 当面、邮寄、平信、网络 或 传真",
            args.channel
        )
    })?;
    let receipt = Receipt {
        channel,
        arrived_on: parse_date(&args.received)?,
        confirmed_on: args.confirmed.as_deref().map(parse_date).transpose()?,
    };
    let received = receipt.received_on()?;
    let notice = ClockSpec::plain(
        &receipt.start_event(),
        received,
        CORRECTION_NOTICE_DAYS,
        "《条例》第三十条",
    );
    let mode = args.mode.mode();
    let notice = deadline::derive_with(&cal, &notice, mode)?;
    let spec = answer_spec(args, &receipt, received)?;
    let der = deadline::derive_with(&cal, &spec, mode)?;
    println!("收到申请之日：{}", day(received));
    if let Some(d) = notice.due {
        println!(
            "补正告知最迟：{}（收到申请后7个工作日，《条例》第三十条）{}",
            day(d),
            provisional_note(&notice)
        );
    }
    match der.due {
        Some(d) => println!("答复期限：{}{}", day(d), provisional_note(&der)),
        None => println!("答复期限：暂停计算中，待恢复后确定"),
    }
    println!("推算过程：");
    for line in der.lines() {
        println!("  {line}");
    }
    Ok(Outcome::Ok)
}

fn answer_spec(
    args: &DeadlineArgs,
    receipt: &Receipt,
    received: NaiveDate,
) -> anyhow::Result<ClockSpec> {
    let mut spec = ClockSpec::plain(
        &receipt.start_event(),
        received,
        ANSWER_DAYS,
        "《条例》第三十三条第二款",
    );
    if let Some(c) = &args.correction_received {
        spec.start = parse_date(c)?;
        spec.start_event = "收到补正后的申请（《条例》第三十条）".to_owned();
    }
    for p in &args.pauses {
        spec.pauses.push(parse_pause(p)?);
    }
    if let Some(days) = args.extension {
        if days == 0 || days > MAX_EXTENSION {
            bail!("延长答复期限须为1至20个工作日（《条例》第三十三条第二款），而不是{days}个");
        }
        let on = parse_date(args.extension_on.as_deref().unwrap_or_default())?;
        let approver = args.approver.clone();
        spec.extension = Some(Extension { days, approver, on });
    }
    Ok(spec)
}

fn parse_pause(s: &str) -> anyhow::Result<Pause> {
    let (from, until) = s
        .split_once("..")
        .with_context(|| format!("暂停时段“{s}”格式有误，应为 FROM..TO 或 FROM..（尚未结束）"))?;
    Ok(Pause {
        reason: "不计入期限的时段（征求意见或收费通知）".to_owned(),
        from: parse_date(from)?,
        until: if until.trim().is_empty() {
            None
        } else {
            Some(parse_date(until)?)
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pauses: &[&str], extension: Option<u32>) -> DeadlineArgs {
        DeadlineArgs {
            received: "2026-03-02".into(),
            channel: "当面".into(),
            confirmed: None,
            correction_received: None,
            pauses: pauses.iter().map(|p| (*p).to_owned()).collect(),
            extension,
            approver: "王主任".into(),
            extension_on: extension.map(|_| "2026-03-20".to_owned()),
            calendar: CalendarArgs { files: Vec::new() },
            mode: ModeArgs { strict: false },
        }
    }

    fn due_of(a: &DeadlineArgs) -> Option<NaiveDate> {
        let receipt = Receipt {
            channel: Channel::InPerson,
            arrived_on: parse_date(&a.received).unwrap(),
            confirmed_on: None,
        };
        let spec = answer_spec(a, &receipt, receipt.arrived_on).unwrap();
        deadline::derive(&WorkCalendar::shipped(), &spec)
            .unwrap()
            .due
    }

    #[test]
    fn deadline_options_build_the_same_clock_as_the_domain() {
        assert_eq!(due_of(&args(&[], None)), parse_date("2026-03-30").ok());
        assert_eq!(
            due_of(&args(&["2026-03-04..2026-03-20"], None)),
            parse_date("2026-04-16").ok()
        );
        assert_eq!(due_of(&args(&[], Some(20))), parse_date("2026-04-28").ok());
        assert_eq!(due_of(&args(&["2026-03-04.."], None)), None);
    }

    #[test]
    fn bad_options_fail_in_chinese() {
        let receipt = Receipt {
            channel: Channel::InPerson,
            arrived_on: parse_date("2026-03-02").unwrap(),
            confirmed_on: None,
        };
        let err = answer_spec(&args(&[], Some(21)), &receipt, receipt.arrived_on).unwrap_err();
        assert!(err.to_string().contains("1至20个工作日"));
        assert!(
            parse_pause("2026-03-04")
                .unwrap_err()
                .to_string()
                .contains("FROM..TO")
        );
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .to_string()
                .contains("YYYY-MM-DD")
        );
        let err = list(&WorkCalendar::shipped(), 2027).err().unwrap();
        assert!(err.to_string().contains("2027年节假日安排尚未载入"));
    }
}

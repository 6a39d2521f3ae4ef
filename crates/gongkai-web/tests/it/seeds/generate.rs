//! Platform data generated from a published report: one application per case its table 三
//! counts, one proceeding per case its table 四 counts, and the 规章 / 行政规范性文件 its table
//! 二 counts from the registry. Every record is made with the domain's own commands and saved
//! with one store call per step (the pages' service layer without their HTTP), so what the
//! compile counts is what real work would have left in the store.

use crate::helpers::TestApp;
use chrono::{Days, NaiveDate};
use gongkai_domain::appeal::{AppealCommand, DecisionType, ProceedingKind};
use gongkai_domain::application::{
    ApplicantType, Command, Decision, DeclinedGround, Reply, WithheldGround,
};
use gongkai_domain::calendar::WorkCalendar;
use gongkai_domain::choice::Choice;
use gongkai_domain::disclosure::Marker;
use gongkai_domain::report::section::SECTIONS;
use gongkai_domain::report::table2::Col;
use gongkai_domain::report::table3::Row;
use gongkai_domain::report::table4::{Group, Outcome};
use gongkai_domain::report::{AnnualReport, Cell, Table2, Table4};
use gongkai_storage::Agency;
use gongkai_storage::conformance::{cases, documents, proceedings};
use std::collections::BTreeMap;
use std::iter::repeat_n;

/// How a case enters the year: received in it (一) or carried over from the year before (二).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    New,
    CarriedOver,
}

/// How a case leaves the year: concluded in it, in a result row, or still open (四、结转).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Result(Row),
    Open,
}

/// One case to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub applicant: ApplicantType,
    pub arrival: Arrival,
    pub end: End,
}

fn count(cell: &Cell) -> usize {
    let n = cell.integer().expect("a whole number in the seed's table");
    usize::try_from(n).expect("a count of zero or more")
}

/// The cases behind `report`'s table 三, column by column: its 一 and 二 paired with its result
/// rows and 四. A column that breaks T3-01 has no such cases, and panics.
pub fn plan_table3(report: &AnnualReport) -> Vec<Planned> {
    let n = |row: Row, col: usize| report.table3.get(&row).map_or(0, |r| count(&r[col]));
    let mut out = Vec::new();
    for (col, applicant) in ApplicantType::ALL.into_iter().enumerate() {
        let arrivals: Vec<Arrival> = repeat_n(Arrival::CarriedOver, n(Row::CarriedOver, col))
            .chain(repeat_n(Arrival::New, n(Row::NewReceived, col)))
            .collect();
        let ends: Vec<End> = Row::results(report.format)
            .flat_map(|row| repeat_n(End::Result(row), n(row, col)))
            .chain(repeat_n(End::Open, n(Row::CarriedForward, col)))
            .collect();
        assert_eq!(arrivals.len(), ends.len(), "column {col} breaks T3-01");
        out.extend(
            arrivals
                .into_iter()
                .zip(ends)
                .map(|(arrival, end)| Planned {
                    applicant,
                    arrival,
                    end,
                }),
        );
    }
    out
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn after(d: NaiveDate, days: u64) -> NaiveDate {
    d + Days::new(days)
}

/// The reply that puts a case in `row`.
fn reply(row: Row) -> Reply {
    use DeclinedGround as D;
    use WithheldGround as W;
    match row {
        Row::Granted => Reply::Granted,
        Row::PartlyGranted => Reply::PartlyGranted,
        Row::WithheldStateSecret => Reply::Withheld(W::StateSecret),
        Row::WithheldLawProhibited => Reply::Withheld(W::LawProhibited),
        Row::WithheldSecurityStability => Reply::Withheld(W::SecurityStability),
        Row::WithheldThirdParty => Reply::Withheld(W::ThirdParty),
        Row::WithheldInternalAffairs => Reply::Withheld(W::InternalAffairs),
        Row::WithheldProcessInfo => Reply::Withheld(W::ProcessInfo),
        Row::WithheldEnforcementFile => Reply::Withheld(W::EnforcementFile),
        Row::WithheldInquiryMatter => Reply::Withheld(W::InquiryMatter),
        Row::UnavailableNotHeld => Reply::NotHeld,
        Row::UnavailableNeedsCreation => Reply::NeedsCreation,
        Row::UnavailableStillUnclear => Reply::StillUnclear,
        Row::DeclinedPetition => Reply::Declined(D::Petition),
        Row::DeclinedDuplicate => Reply::Declined(D::Duplicate),
        Row::DeclinedPublication => Reply::Declined(D::Publication),
        Row::DeclinedExcessive => Reply::Declined(D::Excessive),
        Row::DeclinedConfirmation => Reply::Declined(D::Confirmation),
        _ => unreachable!("{row:?} is not a reply's row"),
    }
}

/// The steps, with their dates, that conclude a case received on `received` in `row` on `on`.
fn steps(row: Row, received: NaiveDate, on: NaiveDate) -> Vec<(Command, NaiveDate)> {
    let asked = after(received, 1);
    let mut out = Vec::new();
    match row {
        // 2019's （六）其他处理 and 2021's （六）3.其他: the applicant withdrew.
        Row::Other | Row::OtherMisc => return vec![(Command::Withdraw { on }, on)],
        Row::OtherNoCorrection | Row::OtherFeeUnpaid => {
            unimplemented!("2021's lapse rows: no seed needs them yet")
        }
        Row::UnavailableStillUnclear => {
            let items = "请写明所需信息的名称或文号".to_owned();
            let corrected = after(received, 3);
            out.push((
                Command::RequestCorrection {
                    on: asked,
                    items,
                    period: 10,
                },
                asked,
            ));
            let receive = Command::ReceiveCorrection {
                on: corrected,
                late_reason: None,
            };
            out.push((receive, corrected));
        }
        Row::DeclinedExcessive => out.push((Command::RequestReasons { on: asked }, asked)),
        _ => {}
    }
    let reply = reply(row);
    let decision = Decision {
        reply,
        legal_basis: "《中华人民共和国政府信息公开条例》第三十六条".into(),
        reasons: if reply == Reply::Granted {
            String::new()
        } else {
            "经审查，依法作出上述答复".into()
        },
        referral: None,
        withheld_parts: (reply == Reply::PartlyGranted).then(|| "涉及个人信息的部分".into()),
    };
    out.push((Command::Decide { on, decision }, on));
    out
}

/// Makes the planned cases of `agency` for `year`, in person: new ones received in March and
/// concluded in May (or received in December and left open), carried-over ones received in
/// December of the year before and concluded in January (or left open). Returns their ids.
pub async fn cases(app: &TestApp, agency: &Agency, year: i32, plan: &[Planned]) -> Vec<i64> {
    let cal = WorkCalendar::shipped();
    let mut ids = Vec::new();
    for (i, p) in plan.iter().enumerate() {
        let spread = u64::try_from(i % 20).unwrap();
        let (received, concluded) = match (p.arrival, p.end) {
            (Arrival::New, End::Open) => (after(day(year, 12, 7), spread % 10), None),
            (Arrival::New, End::Result(row)) => (
                after(day(year, 3, 2), spread),
                Some((row, day(year, 5, 11))),
            ),
            (Arrival::CarriedOver, end) => {
                let received = after(day(year - 1, 12, 2), spread % 10);
                let concluded = match end {
                    End::Result(row) => Some((row, day(year, 1, 20))),
                    End::Open => None,
                };
                (received, concluded)
            }
        };
        let key = format!("{}-{i}", agency.id.0);
        let what = format!("第{i}号申请所需的政府信息");
        let new = cases::new_application(&cal, &received.to_string(), &what, &key, p.applicant);
        let mut stored = app
            .db
            .store
            .create_application(agency.id, &new)
            .await
            .unwrap();
        ids.push(stored.id);
        let received = stored.case.received_on;
        for (cmd, on) in concluded.map_or_else(Vec::new, |(row, on)| steps(row, received, on)) {
            stored = cases::step(&app.db, &stored, cmd, &on.to_string())
                .await
                .unwrap();
        }
    }
    ids
}

fn kind(group: Group) -> ProceedingKind {
    match group {
        Group::AdminReview => ProceedingKind::AdminReview,
        Group::LitigationDirect => ProceedingKind::LitigationDirect,
        Group::LitigationAfterReview => ProceedingKind::LitigationAfterReview,
    }
}

/// Registers the proceedings behind `table4` for `agency`'s `year`, each about the application
/// `about` (if any): filed in April, decided in July with a decision of the cell's column, or
/// still pending for 尚未审结. A group whose parts do not add up to its 总计 panics (T4-01).
pub async fn proceedings(
    app: &TestApp,
    agency: &Agency,
    year: i32,
    table4: &Table4,
    about: Option<i64>,
) {
    for group in Group::ALL {
        let Some(cells) = table4.get(&group) else {
            continue;
        };
        let kind = kind(group);
        let parts: usize = Outcome::PARTS
            .iter()
            .map(|o| count(&cells[*o as usize]))
            .sum();
        assert_eq!(parts, count(&cells[Outcome::Total as usize]), "{group:?}");
        for outcome in Outcome::PARTS {
            for _ in 0..count(&cells[outcome as usize]) {
                let filed = day(year, 4, 1).to_string();
                let new =
                    proceedings::new_proceeding(kind, &filed, about.into_iter().collect(), None);
                let p = app
                    .db
                    .store
                    .create_proceeding(agency.id, &new)
                    .await
                    .unwrap();
                if outcome == Outcome::Pending {
                    continue;
                }
                let decision = DecisionType::of(kind.forum())
                    .find(|d| d.outcome() == outcome)
                    .unwrap();
                let on = day(year, 7, 1);
                proceedings::step(&app.db, &p, AppealCommand::Decide { on, decision })
                    .await
                    .unwrap();
            }
        }
    }
}

/// One marked document of `agency`, written on `written` and published on `published`.
async fn document(
    app: &TestApp,
    agency: &Agency,
    marker: Marker,
    n: usize,
    written: NaiveDate,
    published: NaiveDate,
) {
    let title = format!("{}第{n}号", marker.label());
    let mut c = documents::content(&title, &written.to_string());
    c.marker = Some(marker);
    let d = documents::draft(&app.db, agency, c).await;
    documents::publish(&app.db, &d, &published.to_string()).await;
}

/// Publishes the 规章 and 行政规范性文件 behind a 2019-format `table2` of `year`: written and
/// published in the year (本年新制作 and 本年新公开), written in it but published the next
/// (制作 only), written the year before and published in it (新公开 only), and older ones in
/// force (对外公开总数量 only).
pub async fn documents(app: &TestApp, agency: &Agency, year: i32, table2: &Table2) {
    for marker in Marker::ALL {
        let Some(row) = table2.get(&marker.table2_item()) else {
            continue;
        };
        let n = |col: Col| row.get(&col).map_or(0, count);
        let (made, new, total) = (
            n(Col::NewMade),
            n(Col::NewPublished),
            n(Col::TotalPublished),
        );
        assert!(
            total >= new,
            "{marker:?}: fewer in force than published this year"
        );
        let both = made.min(new);
        let runs = [
            (both, day(year, 2, 3), day(year, 2, 5)),
            (made - both, day(year, 12, 28), day(year + 1, 1, 5)),
            (new - both, day(year - 1, 12, 28), day(year, 1, 6)),
            (total - new, day(year - 1, 3, 2), day(year - 1, 3, 4)),
        ];
        let mut serial = 0;
        for (k, written, published) in runs {
            for _ in 0..k {
                serial += 1;
                document(app, agency, marker, serial, written, published).await;
            }
        }
    }
}

/// The seed's entered table-二 cells as the entry form would hold them (`item.col` → text).
pub fn entries(report: &AnnualReport) -> BTreeMap<String, String> {
    gongkai_domain::annual::entry::fields(report.format)
        .into_iter()
        .filter_map(|f| {
            let text = match report.table2.get(&f.item.item)?.get(&f.col.col)? {
                Cell::Number(d) => d.to_string(),
                Cell::Token(t) => t.clone(),
                Cell::Blank => return None,
            };
            Some((f.key(), text))
        })
        .collect()
}

/// The seed's narrative as the editor would hold it (section key → text).
pub fn sections(report: &AnnualReport) -> BTreeMap<String, String> {
    SECTIONS
        .iter()
        .filter_map(|d| Some((d.key.to_owned(), report.sections.get(&d.section)?.clone())))
        .collect()
}

//! `gongkai demo`: a living demo platform for a newcomer — an agency tree with its 公开设置,
//! staff in every role, and applications in every state of the statutory clock with their
//! letters. Each application is played through the same service layer the pages use, day by
//! day on the working-day calendar (the platform's “today” moved to each step's date), so every
//! deadline, letter, audit entry and table-三 count is what real work would have produced.

use crate::cases::file::{Filing, file};
use crate::cases::steps::{StepForm, StepKind, parse as parse_step, routing_step, run_command};
use crate::proceedings;
use crate::{AppState, WebConfig, WebError};
use chrono::{Datelike, NaiveDate, Weekday};
use gongkai_domain::agency::Profile;
use gongkai_domain::appeal::{
    AppealCommand, AppealRegistration, DecisionType, Procedure, ProceedingKind,
};
use gongkai_domain::applicant::{ApplicationForm, CreditCode, IdNumber};
use gongkai_domain::application::routing::RoutingCommand;
use gongkai_domain::application::{Channel, Receipt};
use gongkai_domain::calendar::WorkCalendar;
use gongkai_storage::{
    Actor, Agency, AgencyCode, AgencyLevel, Contact, NewAgency, NewUser, Role, Scope, Store, User,
    Username,
};
use std::sync::Arc;

/// The password of every demo account (the demo is for looking around, not for production).
pub const DEMO_PASSWORD: &str = "Demo-Pass-2026";

/// What the demo made.
#[derive(Debug)]
pub struct Demo {
    /// Accounts: login name, role, agency.
    pub accounts: Vec<(String, &'static str, String)>,
    /// Agencies, the root included.
    pub agencies: usize,
    /// Applications filed.
    pub applications: usize,
    /// 复议/诉讼 registered.
    pub proceedings: usize,
    /// Documents public in the 专栏.
    pub documents: usize,
    /// Annual reports published.
    pub reports: usize,
}

/// Who applies.
#[derive(Clone, Copy)]
enum Who {
    /// A citizen: name, number for the ID and phone.
    Person(&'static str, u32),
    /// A company (商业企业): name and serial for its credit code.
    Company(&'static str, u32),
}

/// One application's life: received `ago` working days before today, then each step `at`
/// working days after receipt. In step fields `@` is the step's date and `@+N` N working days
/// after it.
struct Script {
    agency: &'static str,
    who: Who,
    title: &'static str,
    ago: u32,
    sign: bool,
    steps: &'static [(u32, &'static [(&'static str, &'static str)])],
}

const DECIDE_GRANTED: &[(&str, &str)] = &[
    ("step", "decide"),
    ("reply", "granted"),
    (
        "legal_basis",
        "《中华人民共和国政府信息公开条例》第三十六条第二项",
    ),
];
const SERVE: &[(&str, &str)] = &[("step", "serve")];
const ARCHIVE: &[(&str, &str)] = &[("step", "archive")];

/// The demo's applications: every state the clock knows, and last year's closed cases.
const SCRIPTS: &[Script] = &[
    Script {
        agency: "ROOT",
        who: Who::Person("赵晓明", 1),
        title: "城东区老旧小区改造项目清单",
        ago: 0,
        sign: false,
        steps: &[],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("钱丽华", 2),
        title: "2026年度财政预算执行情况",
        ago: 3,
        sign: true,
        steps: &[],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("孙建国", 3),
        title: "人民路拓宽工程征收补偿方案",
        ago: 17,
        sign: true,
        steps: &[],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("李秀英", 4),
        title: "2025年度公车购置及运行费用",
        ago: 23,
        sign: true,
        steps: &[],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("周文博", 5),
        title: "某小区规划许可",
        ago: 4,
        sign: true,
        steps: &[(
            1,
            &[
                ("step", "correction"),
                ("items", "请写明小区名称及规划许可的年份"),
                ("days", "10"),
            ],
        )],
    },
    Script {
        agency: "ROOT",
        who: Who::Company("示例建设工程有限公司", 1),
        title: "市政道路养护合同",
        ago: 8,
        sign: true,
        steps: &[(
            2,
            &[
                ("step", "consult"),
                ("party", "third_party"),
                ("name", "某某路桥有限公司"),
                ("date2", "@"),
            ],
        )],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("吴海燕", 6),
        title: "垃圾焚烧发电项目环评报告",
        ago: 22,
        sign: true,
        steps: &[(
            18,
            &[
                ("step", "extend"),
                ("days", "20"),
                ("reasons", "所需信息涉及多个部门，需协调核实"),
            ],
        )],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("郑国强", 7),
        title: "2021年至2025年全部会议纪要",
        ago: 10,
        sign: true,
        steps: &[(
            5,
            &[
                ("step", "fee"),
                ("fee_method", "per_volume"),
                ("quantity", "320"),
                ("date2", "@"),
            ],
        )],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("王芳", 8),
        title: "2026年义务教育阶段招生计划",
        ago: 9,
        sign: true,
        steps: &[(6, DECIDE_GRANTED)],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("冯志远", 9),
        title: "2025年度政府采购合同",
        ago: 70,
        sign: true,
        steps: &[
            (
                2,
                &[
                    ("step", "consult"),
                    ("party", "third_party"),
                    ("name", "某某信息技术有限公司"),
                    ("date2", "@"),
                ],
            ),
            (
                14,
                &[
                    ("step", "consult_end"),
                    ("number", "1"),
                    ("answer", "objected"),
                    ("reasons", "报价明细属商业秘密"),
                ],
            ),
            (
                15,
                &[
                    ("step", "decide"),
                    ("reply", "partly_granted"),
                    (
                        "legal_basis",
                        "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
                    ),
                    (
                        "reasons",
                        "合同中供应商报价明细涉及商业秘密，第三方不同意公开",
                    ),
                    ("withheld_parts", "供应商报价明细"),
                ],
            ),
            (16, SERVE),
            (17, ARCHIVE),
        ],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("陈静", 10),
        title: "应急物资储备库选址及库存",
        ago: 90,
        sign: true,
        steps: &[
            (
                10,
                &[
                    ("step", "decide"),
                    ("reply", "withheld:state_secret"),
                    ("legal_basis", "《中华人民共和国政府信息公开条例》第十四条"),
                    ("reasons", "所申请信息经保密审查确定为国家秘密"),
                ],
            ),
            (11, SERVE),
        ],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("褚红梅", 11),
        title: "1998年某厂改制批复",
        ago: 110,
        sign: true,
        steps: &[
            (
                12,
                &[
                    ("step", "decide"),
                    ("reply", "not_held"),
                    (
                        "legal_basis",
                        "《中华人民共和国政府信息公开条例》第三十六条第四项",
                    ),
                    ("reasons", "经检索本机关档案，未找到该批复"),
                ],
            ),
            (13, SERVE),
        ],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("卫东", 12),
        title: "对某信访事项处理结果的复查",
        ago: 130,
        sign: true,
        steps: &[
            (
                8,
                &[
                    ("step", "decide"),
                    ("reply", "declined:petition"),
                    (
                        "legal_basis",
                        "《中华人民共和国政府信息公开条例》第三十九条第一款",
                    ),
                    ("reasons", "该申请实为信访诉求，请通过信访渠道提出"),
                ],
            ),
            (9, SERVE),
        ],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("蒋平", 13),
        title: "有关文件",
        ago: 60,
        sign: true,
        steps: &[
            (
                1,
                &[
                    ("step", "correction"),
                    (
                        "items",
                        "请写明所需文件的名称、文号或者便于查询的其他特征性描述",
                    ),
                    ("days", "10"),
                ],
            ),
            (12, &[("step", "correction_lapsed")]),
        ],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("沈佳", 14),
        title: "某路段交通事故统计",
        ago: 40,
        sign: true,
        steps: &[(3, &[("step", "withdraw")])],
    },
    Script {
        agency: "ROOT",
        who: Who::Person("韩磊", 15),
        title: "某企业排污许可证",
        ago: 50,
        sign: true,
        steps: &[
            (
                4,
                &[
                    ("step", "decide"),
                    ("reply", "not_this_agency"),
                    (
                        "legal_basis",
                        "《中华人民共和国政府信息公开条例》第三十六条第五项",
                    ),
                    ("reasons", "排污许可由生态环境部门核发"),
                    ("referral_agency", "示例市生态环境局"),
                    ("referral_contact", "0795-3200000"),
                ],
            ),
            (5, SERVE),
        ],
    },
    Script {
        agency: "ROOT",
        who: Who::Company("示例商贸有限公司", 2),
        title: "2026年度产业扶持资金申报指南",
        ago: 100,
        sign: true,
        steps: &[(5, DECIDE_GRANTED), (6, SERVE), (7, ARCHIVE)],
    },
    // Received last December, answered in January: 结转 into this year.
    Script {
        agency: "ROOT",
        who: Who::Person("杨光", 16),
        title: "2025年度城乡低保资金发放情况",
        ago: 232,
        sign: true,
        steps: &[(15, DECIDE_GRANTED), (16, SERVE)],
    },
    // Last year's closed cases.
    Script {
        agency: "ROOT",
        who: Who::Person("朱丽", 17),
        title: "2024年度部门决算",
        ago: 290,
        sign: true,
        steps: &[(7, DECIDE_GRANTED), (8, SERVE)],
    },
    Script {
        agency: "ROOT",
        who: Who::Company("示例科技股份有限公司", 3),
        title: "高新技术企业认定名单",
        ago: 300,
        sign: true,
        steps: &[(4, DECIDE_GRANTED), (5, SERVE)],
    },
    Script {
        agency: "JYJ",
        who: Who::Person("秦晓东", 18),
        title: "某中学新校区建设规划",
        ago: 6,
        sign: true,
        steps: &[],
    },
    Script {
        agency: "JYJ",
        who: Who::Person("许文", 19),
        title: "2026年教师招聘考试成绩",
        ago: 30,
        sign: true,
        steps: &[(3, DECIDE_GRANTED), (4, SERVE)],
    },
];

/// A 行政复议 or 行政诉讼 over one of the demo's answers: filed `filed` working days after the
/// answer's last step, then the copy, our answer and the decision that many working days after
/// filing (a step that would fall after today is left for the clerk).
struct Appeal {
    case: &'static str,
    kind: ProceedingKind,
    forum: &'static str,
    filed: u32,
    copy: u32,
    answer: Option<u32>,
    decided: Option<(u32, DecisionType)>,
}

const APPEALS: &[Appeal] = &[
    Appeal {
        case: "应急物资储备库选址及库存",
        kind: ProceedingKind::AdminReview,
        forum: "示例市人民政府",
        filed: 20,
        copy: 3,
        answer: Some(8),
        decided: Some((45, DecisionType::ReviewUpheld)),
    },
    Appeal {
        case: "1998年某厂改制批复",
        kind: ProceedingKind::LitigationDirect,
        forum: "示例市城东区人民法院",
        filed: 30,
        copy: 5,
        answer: Some(12),
        decided: None,
    },
    Appeal {
        case: "2025年度政府采购合同",
        kind: ProceedingKind::AdminReview,
        forum: "示例市人民政府",
        filed: 44,
        copy: 1,
        answer: None,
        decided: None,
    },
];

/// The demo agencies under the root: code, name, level, parent code.
const AGENCIES: &[(&str, &str, AgencyLevel, &str)] = &[
    ("JYJ", "示例市教育局", AgencyLevel::Department, "ROOT"),
    (
        "ZRJ",
        "示例市自然资源和规划局",
        AgencyLevel::Department,
        "ROOT",
    ),
    ("CDQ", "示例市城东区人民政府", AgencyLevel::County, "ROOT"),
    ("DHJD", "城东区东湖街道办事处", AgencyLevel::Township, "CDQ"),
];

/// The demo accounts: login, name, role, agency code.
const ACCOUNTS: &[(&str, &str, Role, &str)] = &[
    ("clerk", "李明", Role::Clerk, "ROOT"),
    ("reviewer", "张审", Role::Reviewer, "ROOT"),
    ("head", "王建华", Role::Head, "ROOT"),
    ("office", "赵公开", Role::AgencyAdmin, "ROOT"),
    ("inspector", "孙督查", Role::Inspector, "ROOT"),
    ("jyj_clerk", "刘晓", Role::Clerk, "JYJ"),
];

/// Fills an empty platform (root agency and admin already made) with the demo, as of `today`.
///
/// # Errors
/// A store error, or a step the domain refuses (a bug in the scripts: they are tested).
pub async fn fill(
    store: Arc<dyn Store>,
    config: &WebConfig,
    calendar: &WorkCalendar,
    today: NaiveDate,
) -> Result<Demo, WebError> {
    let system = Actor::system();
    let root = store.agency_by_code("ROOT").await?;
    let details = gongkai_storage::AgencyDetails {
        name: "示例市人民政府".into(),
        contact: contact(),
    };
    let root = store
        .update_agency(&system, root.id, root.version, &details)
        .await?;
    for (code, name, level, parent) in AGENCIES {
        let parent = store.agency_by_code(parent).await?;
        let new = NewAgency {
            parent_id: Some(parent.id),
            name: (*name).to_owned(),
            code: AgencyCode::parse(code).map_err(|e| WebError::BadInput(e.to_string()))?,
            level: *level,
            contact: contact(),
        };
        store.create_agency(&system, &new).await?;
    }
    for a in store.agencies(Scope::subtree(root.id)).await? {
        let (_, version) = store.profile(a.id).await?;
        store
            .set_profile(&system, a.id, version, &profile(&a))
            .await?;
    }
    let hash = tokio::task::spawn_blocking(|| crate::password::hash(DEMO_PASSWORD))
        .await
        .ok()
        .flatten()
        .ok_or_else(|| WebError::BadInput("无法生成密码哈希".into()))?;
    // The printed accounts, then the other agencies' report staff (not printed).
    let mut accounts = Vec::new();
    let all = ACCOUNTS.iter().map(|a| (a, true));
    let quiet = crate::reports::demo::ACCOUNTS.iter().map(|a| (a, false));
    for ((login, name, role, code), printed) in all.chain(quiet) {
        let agency = store.agency_by_code(code).await?;
        let new = NewUser {
            username: Username::parse(login).map_err(|e| WebError::BadInput(e.to_string()))?,
            display_name: (*name).to_owned(),
            role: *role,
            password_hash: hash.clone(),
            must_change_password: false,
        };
        store.create_user(&system, agency.id, &new).await?;
        if printed {
            accounts.push(((*login).to_owned(), role.label(), agency.name.clone()));
        }
    }
    let users = store.users(Scope::subtree(root.id)).await?;
    let user = |login: &str| users.iter().find(|u| u.username.as_str() == login).cloned();
    let (Some(clerk), Some(head), Some(jyj)) = (user("clerk"), user("head"), user("jyj_clerk"))
    else {
        return Err(WebError::BadInput("示例账号未能创建".into()));
    };
    // Oldest first, so 登记编号 follow the order of receipt.
    let mut scripts: Vec<&Script> = SCRIPTS.iter().collect();
    scripts.sort_by_key(|s| std::cmp::Reverse(s.ago));
    let world = World {
        store: &store,
        config,
        cal: calendar,
        today,
    };
    let mut played = Vec::new();
    for s in &scripts {
        let agency = store.agency_by_code(s.agency).await?;
        let me = if s.agency == "JYJ" { &jyj } else { &clerk };
        let (id, last) = play(&world, &agency, s, me, &head).await?;
        played.push((s.title, id, last));
    }
    for a in APPEALS {
        if let Some((_, id, last)) = played.iter().find(|(t, _, _)| *t == a.case) {
            appeal(&world, a, *id, *last, &clerk).await?;
        }
    }
    let documents = crate::portal::demo::fill(&store, today).await?;
    let reports = crate::reports::demo::fill(&store, config, today).await?;
    Ok(Demo {
        documents,
        reports,
        proceedings: APPEALS.len(),
        agencies: AGENCIES.len() + 1,
        accounts,
        applications: scripts.len(),
    })
}

fn contact() -> Contact {
    Contact {
        address: "示例市人民路1号".into(),
        postcode: "336000".into(),
        phone: "0795-3200000".into(),
        email: "gongkai@example.gov.cn".into(),
    }
}

fn profile(a: &Agency) -> Profile {
    let short: String = a
        .name
        .chars()
        .filter(|c| !"示例市人民政府办事处".contains(*c))
        .take(4)
        .collect();
    Profile {
        short_name: if short.is_empty() {
            "示例".into()
        } else {
            short
        },
        doc_no_pattern: String::new(),
        review_organ: "示例市人民政府".into(),
        court: "示例市中级人民法院".into(),
        office: format!("{}政务公开办公室", a.name),
        office_hours: "工作日 上午9:00—12:00，下午13:30—17:00".into(),
        contact_person: "赵公开".into(),
        fax: "0795-3200001".into(),
        reminder_emails: String::new(),
        index_pattern: String::new(),
        guide_notes: "本机关在示例市政务服务中心一楼设政府信息公开查阅点，工作日开放，可查阅、复制本机关主动公开的政府信息。\n\n申请人也可以通过示例市政务服务中心各综合窗口提交申请，窗口当场出具接收回执。".into(),
    }
}

/// The platform the demo plays on, its calendar and the demo's “today”.
struct World<'a> {
    store: &'a Arc<dyn Store>,
    config: &'a WebConfig,
    cal: &'a WorkCalendar,
    today: NaiveDate,
}

impl World<'_> {
    /// The platform as it was on `day`.
    fn on(&self, day: NaiveDate) -> AppState {
        let mut c = self.config.clone();
        c.today = Some(day);
        let state = AppState::new(self.store.clone(), c);
        state.set_calendar(self.cal.clone());
        state
    }
}

fn is_workday(cal: &WorkCalendar, d: NaiveDate) -> bool {
    cal.is_workday(d)
        .unwrap_or(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
}

/// The working day `n` working days before `today` (`today` itself if it is one and `n` is 0).
fn workdays_before(cal: &WorkCalendar, today: NaiveDate, n: u32) -> NaiveDate {
    let mut d = today;
    while !is_workday(cal, d) {
        d = d.pred_opt().unwrap_or(d);
    }
    let mut left = n;
    while left > 0 {
        d = d.pred_opt().unwrap_or(d);
        if is_workday(cal, d) {
            left -= 1;
        }
    }
    d
}

fn workdays_after(cal: &WorkCalendar, from: NaiveDate, n: u32) -> NaiveDate {
    gongkai_domain::deadline::add_workdays_with(
        cal,
        from,
        n,
        gongkai_domain::deadline::Mode::Provisional,
    )
    .map_or(from, |r| r.value)
}

/// Registers one 复议/诉讼 over application `id` and plays its steps up to today.
async fn appeal(
    w: &World<'_>,
    a: &Appeal,
    id: i64,
    last: NaiveDate,
    me: &User,
) -> Result<(), WebError> {
    let filed = workdays_after(w.cal, last, a.filed);
    if filed > w.today {
        return Ok(());
    }
    let reg = AppealRegistration {
        kind: a.kind,
        forum_name: a.forum.into(),
        case_no: String::new(),
        filed_on: filed,
        copy_received_on: None,
        procedure: Procedure::Ordinary,
        applications: vec![id],
        prior_review: None,
    };
    let mut p = proceedings::register(&w.on(filed), me, reg, None).await?;
    let mut steps = vec![(a.copy, None)];
    steps.extend(a.answer.map(|n| (n, None)));
    steps.extend(a.decided.map(|(n, d)| (n, Some(d))));
    for (i, (after, decision)) in steps.into_iter().enumerate() {
        let on = workdays_after(w.cal, filed, after);
        if on > w.today {
            break;
        }
        let cmd = match (i, decision) {
            (_, Some(decision)) => AppealCommand::Decide { on, decision },
            (0, None) => AppealCommand::ReceiveCopy { on },
            _ => AppealCommand::Answer { on },
        };
        let state = w.on(on);
        p = proceedings::run(&state, me, &p, p.version, cmd).await?;
    }
    Ok(())
}

/// Files one application and plays its steps; returns its id and the day of its last step.
async fn play(
    w: &World<'_>,
    agency: &Agency,
    s: &Script,
    me: &User,
    head: &User,
) -> Result<(i64, NaiveDate), WebError> {
    let received = workdays_before(w.cal, w.today, s.ago);
    let state = w.on(received);
    let submission = form(s)
        .parse(received)
        .map_err(|e| WebError::BadInput(format!("示例申请 {}：{e:?}", s.title)))?;
    let filing = Filing {
        submission,
        receipt: Receipt {
            channel: Channel::Online,
            arrived_on: received,
            confirmed_on: Some(received),
        },
        attachments: vec![],
        idempotency_key: None,
        actor: "申请人".into(),
        note: None,
    };
    let mut app = file(&state, agency, filing).await?;
    if s.sign {
        app = routing_step(
            &state,
            me.username.as_str(),
            &app,
            app.version,
            RoutingCommand::Sign,
        )
        .await?;
    }
    let mut last = received;
    for (at, fields) in s.steps {
        let on = workdays_after(w.cal, received, *at).min(w.today);
        let state = w.on(on);
        let mut f = StepForm::default();
        for (k, v) in *fields {
            set(&mut f, k, &value(w.cal, on, v));
        }
        f.on = on.to_string();
        f.version = app.version;
        let kind = StepKind::parse(&f.step).ok_or_else(|| WebError::BadInput(f.step.clone()))?;
        let who = if kind == StepKind::Extend { head } else { me };
        let cmd = parse_step(kind, &f, who.username.as_str())
            .map_err(|e| WebError::BadInput(format!("示例步骤 {}：{e:?}", f.step)))?;
        app = run_command(&state, who, agency, &app, app.version, cmd, &f).await?;
        last = on;
    }
    Ok((app.id, last))
}

fn value(cal: &WorkCalendar, on: NaiveDate, v: &str) -> String {
    match v.strip_prefix('@') {
        Some("") => on.to_string(),
        Some(n) => {
            workdays_after(cal, on, n.trim_start_matches('+').parse().unwrap_or(0)).to_string()
        }
        None => v.to_owned(),
    }
}

fn set(f: &mut StepForm, k: &str, v: &str) {
    let slot = match k {
        "step" => &mut f.step,
        "items" => &mut f.items,
        "days" => &mut f.days,
        "date2" => &mut f.date2,
        "name" => &mut f.name,
        "party" => &mut f.party,
        "number" => &mut f.number,
        "answer" => &mut f.answer,
        "reasons" => &mut f.reasons,
        "reply" => &mut f.reply,
        "legal_basis" => &mut f.legal_basis,
        "withheld_parts" => &mut f.withheld_parts,
        "referral_agency" => &mut f.referral_agency,
        "referral_contact" => &mut f.referral_contact,
        "fee_method" => &mut f.fee_method,
        "quantity" => &mut f.quantity,
        _ => return,
    };
    v.clone_into(slot);
}

fn form(s: &Script) -> ApplicationForm {
    let mut f = ApplicationForm {
        title: s.title.to_owned(),
        description: format!("申请公开{}，请提供电子版", s.title),
        retrieval: "email".into(),
        delivery: "email".into(),
        address: "示例市人民路88号".into(),
        postcode: "336000".into(),
        ..ApplicationForm::default()
    };
    match s.who {
        Who::Person(name, n) => {
            f.applicant_type = "natural_person".into();
            f.name = name.into();
            f.id_type = "resident_id".into();
            f.id_number = id_number(n);
            f.phone = format!("1380013{n:04}");
            f.email = format!("applicant{n}@example.cn");
        }
        Who::Company(name, n) => {
            f.applicant_type = "commercial".into();
            f.name = name.into();
            f.credit_code = credit_code(n);
            f.legal_rep = "周总".into();
            f.contact_person = "吴经理".into();
            f.phone = format!("0795-32{n:05}");
            f.email = format!("company{n}@example.cn");
        }
    }
    f
}

/// A 居民身份证号码 with its check character: born 1980–1999 in 示例市 (3609xx).
fn id_number(n: u32) -> String {
    let body = format!(
        "360902{}{:02}{:02}{:03}",
        1980 + n % 20,
        1 + n % 12,
        1 + n % 28,
        100 + n
    );
    let check = IdNumber::check_character(&body).unwrap_or('0');
    format!("{body}{check}")
}

/// A 统一社会信用代码 with its check character: a company registered in 示例市.
fn credit_code(n: u32) -> String {
    let body = format!("91360902MA{:07}", 3_500_000 + n);
    let check = CreditCode::check_character(&body).unwrap_or('0');
    format!("{body}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_domain::applicant::IdType;

    #[test]
    fn generated_identities_pass_the_checks_the_form_makes() {
        for n in 1..40 {
            IdNumber::parse(IdType::ResidentId, &id_number(n)).unwrap();
            CreditCode::parse(&credit_code(n)).unwrap();
        }
    }

    #[test]
    fn every_script_has_a_valid_form() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        for s in SCRIPTS {
            assert!(form(s).parse(today).is_ok(), "{}", s.title);
        }
    }

    #[test]
    fn receipt_days_are_working_days_counted_back() {
        let cal = WorkCalendar::shipped();
        let tue = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(workdays_before(&cal, tue, 0), tue);
        assert_eq!(
            workdays_before(&cal, tue, 2),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
        let sun = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(
            workdays_before(&cal, sun, 0),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
    }
}

//! The demo's annual reports (`gongkai demo`): two past years published across the agency tree
//! by its own accounts on the days they would have done it, last year's report of the 街道 never
//! published (late, so the supervisor's view has something to show), one department copying
//! another's 存在的主要问题 (SIM-01), and the current year's draft of the city opened.

use super::work;
use crate::{AppState, WebConfig, WebError};
use chrono::{Datelike, NaiveDate};
use gongkai_domain::annual::Inputs;
use gongkai_domain::annual::workflow::PLACEHOLDER;
use gongkai_storage::{Scope, Store, User};
use std::sync::Arc;

/// Who writes, reviews and approves each demo agency's report.
pub const ACCOUNTS: &[(&str, &str, gongkai_domain::account::Role, &str)] = {
    use gongkai_domain::account::Role::{Clerk, Head, Reviewer};
    &[
        ("jyj_reviewer", "陈审核", Reviewer, "JYJ"),
        ("jyj_head", "周局长", Head, "JYJ"),
        ("zrj_clerk", "吴经办", Clerk, "ZRJ"),
        ("zrj_reviewer", "郑审核", Reviewer, "ZRJ"),
        ("zrj_head", "冯局长", Head, "ZRJ"),
        ("cdq_clerk", "何经办", Clerk, "CDQ"),
        ("cdq_reviewer", "许审核", Reviewer, "CDQ"),
        ("cdq_head", "韩区长", Head, "CDQ"),
        ("dhjd_clerk", "曹经办", Clerk, "DHJD"),
    ]
};

/// What each agency writes where the draft says 【待填写】, in order: the four parts of
/// 一、总体情况 (主动公开 continued, 信息管理, 平台建设, 监督保障), then 五's two (上年整改, 本年问题).
/// The 自然资源局 copies the 教育局's problems word for word (SIM-01 in the supervisor's view).
fn words(code: &str, year: i32) -> [&'static str; 6] {
    const SHARED: [&str; 4] = [
        "围绕重大决策、财政预决算和重点民生领域，按时发布法定主动公开内容。",
        "严格执行“先审查、后公开”，全年对拟公开文件逐件进行保密审查，定期评估已公开文件的有效性。",
        "政府信息公开专栏按国家标准目录设置栏目，提供全文检索，支持手机访问。",
        "将政务公开纳入年度绩效考核，组织业务培训两次，本年度未发生因政府信息公开工作被追责的情况。",
    ];
    const JYJ_PROBLEMS: [&str; 2] = [
        "上年度指出的栏目更新不及时问题，已通过建立更新台账、按月检查完成整改。",
        "一是部分学校信息公开栏目更新不够及时，招生入学、校外培训监管等群众关注信息的发布时效有待提高；二是政策解读形式较为单一，图解、视频解读数量偏少。下一步，我局将建立栏目更新台账，按月督促检查，并丰富政策解读形式，提升公开实效。",
    ];
    const CITY: [&str; 4] = [
        "市政府常务会议研究的重大决策事项，除依法不予公开的外均在会后及时发布，并同步发布政策解读。",
        "完成全市规章和行政规范性文件清理，对失效、废止文件在目录中逐件标注有效性。",
        "整合各部门网站信息公开栏目，统一索引号编制规则，专栏与政务服务平台互联互通。",
        "市政务公开办每季度通报各单位公开情况，聘请社会评议员开展评议，评议结果纳入年度考核。",
    ];
    const DISTRICT: [&str; 4] = [
        "聚焦棚户区改造、义务教育入学、社会救助等群众关心的事项，通过专栏和街道公示栏同步公开。",
        "区政府办公室对各部门、街道拟公开信息开展抽查，发现问题当场反馈、限期整改。",
        "推动街道政务公开专区建设，在政务服务大厅设置信息查阅点，方便群众现场查阅。",
        "建立政务公开工作联络员制度，定期召开工作推进会，对公开工作落后单位进行约谈。",
    ];
    let [a, b, c, d] = match code {
        "ROOT" => CITY,
        "CDQ" | "DHJD" => DISTRICT,
        _ => SHARED,
    };
    let [e, f] = match code {
        "ROOT" if year % 2 == 0 => [
            "上年度指出的专栏内容更新不及时问题，已建立栏目动态巡查机制完成整改。",
            "一是个别部门依申请公开答复文书不够规范；二是基层政务公开标准化建设进展不平衡。下一步将开展答复文书评查，组织基层业务培训，推动标准目录全覆盖。",
        ],
        "ROOT" => [
            "上年度指出的答复文书不规范问题，已通过统一文书模板和逐件审核完成整改。",
            "一是政府信息公开专栏部分栏目内容更新不够及时；二是政策解读的针对性有待加强。下一步将建立栏目动态巡查机制，推行政策文件与解读材料同步起草、同步审签、同步发布。",
        ],
        "JYJ" | "ZRJ" => JYJ_PROBLEMS,
        _ => [
            "上年度未发现需整改的问题。",
            "一是基层公开人员业务能力有待提升；二是公开内容与群众需求的契合度还需提高。下一步将加强业务培训，开展群众需求调研，优化公开内容。",
        ],
    };
    [a, b, c, d, e, f]
}

fn filled(inputs: &Inputs, code: &str, year: i32) -> Inputs {
    let [a, b, c, d, e, f] = words(code, year);
    let mut out = inputs.clone();
    for (key, text) in &mut out.sections {
        let fills: &[&str] = match key.as_str() {
            "overview" => &[a, b, c, d],
            "problems" => &[e, f],
            _ => &[],
        };
        for fill in fills {
            *text = text.replacen(PLACEHOLDER, fill, 1);
        }
        *text = text.replace(PLACEHOLDER, "");
    }
    for (k, v) in [
        (
            "licensing.decisions",
            if code == "ROOT" { "126" } else { "18" },
        ),
        ("penalty.decisions", if code == "ROOT" { "9" } else { "2" }),
        ("coercion.decisions", "0"),
        ("fees.amount_wan", "0"),
    ] {
        out.entries.insert(k.into(), v.into());
    }
    out.sources
        .insert("licensing".into(), "政务服务网审批系统年度统计".into());
    out
}

/// One agency-year: opened, filled and saved by its clerk on `day`, then (if `publish_on`)
/// submitted, reviewed, approved and published on that day by its own accounts.
async fn one(
    store: &Arc<dyn Store>,
    config: &WebConfig,
    code: &str,
    year: i32,
    day: NaiveDate,
    publish_on: Option<NaiveDate>,
) -> Result<bool, WebError> {
    let agency = store.agency_by_code(code).await?;
    let users = store.users(Scope::agency(agency.id)).await?;
    let by = |role| -> Result<User, WebError> {
        users
            .iter()
            .find(|u| u.role == role)
            .cloned()
            .ok_or_else(|| WebError::BadInput(format!("{code} 缺少{}账号", role.label())))
    };
    use gongkai_domain::account::Role;
    let state = |d: NaiveDate| {
        let mut c = config.clone();
        c.today = Some(d);
        AppState::new(store.clone(), c)
    };
    let clerk = by(Role::Clerk)?;
    let s = state(day);
    let r = work::open(&s, &clerk, &agency, year).await?;
    let inputs = filled(&r.record.inputs, code, year);
    let mut r = work::save(&s, &clerk, &agency, &r, r.revision, inputs).await?;
    let Some(on) = publish_on else {
        return Ok(false);
    };
    let s = state(on);
    for (key, role) in [
        ("submit", Role::Clerk),
        ("review", Role::Reviewer),
        ("approve", Role::Head),
        ("publish", Role::Head),
    ] {
        r = work::take(&s, &by(role)?, &agency, &r, r.revision, key, String::new()).await?;
    }
    Ok(true)
}

/// Fills the demo's reports as of `today`; returns how many were published.
///
/// # Errors
/// A store error, or a report the rules refuse (a bug in the demo: it is tested).
pub async fn fill(
    store: &Arc<dyn Store>,
    config: &WebConfig,
    today: NaiveDate,
) -> Result<usize, WebError> {
    let last = today.year() - 1;
    let day = |y: i32, m: u32, d: u32| {
        NaiveDate::from_ymd_opt(y, m, d).ok_or(WebError::Internal("demo date"))
    };
    let mut published = 0;
    // Two years ago: the city and the 教育局.
    for (code, on) in [("JYJ", day(last, 1, 20)?), ("ROOT", day(last, 3, 25)?)] {
        published += usize::from(one(store, config, code, last - 1, on, Some(on)).await?);
    }
    // Last year: everyone but the 街道, whose draft was never finished (逾期).
    for (code, on) in [
        ("JYJ", day(today.year(), 1, 22)?),
        ("ZRJ", day(today.year(), 1, 27)?),
        ("CDQ", day(today.year(), 3, 18)?),
        ("ROOT", day(today.year(), 3, 26)?),
    ] {
        published += usize::from(one(store, config, code, last, on, Some(on)).await?);
    }
    one(store, config, "DHJD", last, day(today.year(), 1, 10)?, None).await?;
    // This year: the city's draft, prefilled from the year so far.
    let root = store.agency_by_code("ROOT").await?;
    let users = store.users(Scope::agency(root.id)).await?;
    if let Some(clerk) = users.iter().find(|u| u.username.as_str() == "clerk") {
        let mut c = config.clone();
        c.today = Some(today);
        work::open(&AppState::new(store.clone(), c), clerk, &root, today.year()).await?;
    }
    Ok(published)
}

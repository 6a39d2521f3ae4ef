//! Published documents for `gongkai demo`: a few dozen across the 第二十条 items and the
//! 第二十一条 topics of the demo agencies, some with a spreadsheet attached (its text searchable),
//! a 政策解读 linked to its policy, one 失效 and one withdrawn, and the monthly notices an
//! agency puts out routinely (statistics, procurement, inspections, assistance…) for the past
//! year, a few hundred in all — each played through the domain
//! workflow (起草 → 保密审查 → 审批), so nothing is public that was not reviewed.

use crate::WebError;
use chrono::{Duration, NaiveDate};
use gongkai_domain::disclosure::{
    self, Art20Item as A, Art21Item, Attachment, AttachmentId, Body, BodyFormat, CategoryCode,
    Command, Content, Ctx, IndexNoPattern, Openness, Registration, StatutoryItem, Transition,
    Validity,
};
use gongkai_storage::documents::{NewDocumentFile, StoredDocument};
use gongkai_storage::{Agency, Role, Store};
use std::sync::Arc;

/// One demo document: agency code, item, 标题, 文号, 主题分类, 体裁分类, days before today it was
/// written (published three days later), 内容概述.
type Doc = (
    &'static str,
    StatutoryItem,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
);

const fn art20(i: A) -> StatutoryItem {
    StatutoryItem::Art20(i)
}

const fn art21(i: Art21Item) -> StatutoryItem {
    StatutoryItem::Art21(i)
}

#[rustfmt::skip]
const DOCS: &[Doc] = &[
    ("ROOT", art20(A::Rules), "示例市人民政府关于印发《示例市行政规范性文件管理办法》的通知", "示政规〔2026〕1号", "02", "08", 300, "规定本市行政规范性文件的起草、审核、公布、备案和清理。"),
    ("ROOT", art20(A::Rules), "示例市人民政府关于印发《示例市政府信息公开保密审查办法》的通知", "示政规〔2026〕2号", "02.02", "08", 260, "明确政府信息公开前保密审查的范围、程序和责任。"),
    ("ROOT", art20(A::Organisation), "示例市人民政府办公室主要职责、内设机构和人员编制", "", "02", "99", 240, "公布市政府办公室的职能、机构设置、办公地址、办公时间和联系方式。"),
    ("ROOT", art20(A::Plans), "示例市国民经济和社会发展第十五个五年规划纲要", "示政发〔2026〕3号", "03", "20", 230, "提出“十五五”时期全市经济社会发展的主要目标和重点任务。"),
    ("ROOT", art20(A::Statistics), "示例市2025年国民经济和社会发展统计公报", "", "03.05", "22", 200, "全年地区生产总值、财政收入、居民收入等主要指标。"),
    ("ROOT", art20(A::Budget), "关于示例市2025年全市和市本级预算执行情况与2026年预算草案的报告", "", "04", "10", 190, "全市一般公共预算、政府性基金预算、国有资本经营预算和社会保险基金预算。"),
    ("ROOT", art20(A::Fees), "示例市行政事业性收费项目目录清单（2026年版）", "", "04", "05", 180, "列明本市现行行政事业性收费项目、依据和标准。"),
    ("ROOT", art20(A::Procurement), "示例市2026年政府集中采购目录及标准", "示财采〔2026〕4号", "04", "08", 170, "公布集中采购机构采购项目、分散采购限额标准和公开招标数额标准。"),
    ("ROOT", art20(A::MajorProjects), "示例市2026年重大建设项目名单", "示发改〔2026〕12号", "03", "08", 150, "列出全市年度重大建设项目的名称、建设内容和计划投资。"),
    ("ROOT", art20(A::Emergencies), "示例市防汛抗旱应急预案（2026年修订）", "示政办发〔2026〕8号", "02.01", "08", 120, "规定防汛抗旱的组织指挥、预防预警、应急响应和保障措施。"),
    ("ROOT", art20(A::Inspections), "示例市2026年第一季度安全生产监督检查情况通报", "", "09", "09", 90, "通报一季度全市安全生产监督检查的总体情况和发现的问题。"),
    ("ROOT", art20(A::CivilService), "示例市2026年度考试录用公务员拟录用人员名单公示", "", "15", "05", 60, "公示本年度考试录用公务员的拟录用人员。"),
    ("ROOT", art20(A::Other), "示例市人民政府2026年政务公开工作要点", "示政办发〔2026〕15号", "02.02", "08", 45, "部署本年度全市政务公开的重点任务。"),
    ("ROOT", art20(A::Welfare), "示例市城乡居民基本医疗保险实施办法", "示政规〔2026〕5号", "15", "08", 40, "规定城乡居民医保的参保范围、筹资标准和待遇。"),
    ("JYJ", art20(A::Licensing), "示例市民办学校设立审批办事指南", "", "11", "99", 210, "申请设立民办学校的依据、条件、材料、程序和办理时限。"),
    ("JYJ", art20(A::Welfare), "示例市教育局关于做好2026年义务教育招生入学工作的通知", "示教发〔2026〕6号", "11", "08", 100, "明确义务教育阶段招生的范围、对象、时间安排和入学办法。"),
    ("JYJ", art20(A::Budget), "示例市教育局2026年部门预算", "", "04", "99", 170, "部门收支总体情况、一般公共预算支出和“三公”经费预算。"),
    ("JYJ", art20(A::Enforcement), "示例市教育局行政处罚事项清单", "", "11", "99", 130, "列明行政处罚事项的名称、依据、条件和程序。"),
    ("CDQ", art20(A::Rules), "城东区人民政府关于进一步规范农村集体资产管理的意见", "东政规〔2026〕1号", "06", "07", 220, "规范农村集体资产的清产核资、经营管理和收益分配。"),
    ("CDQ", art21(Art21Item::MunicipalConstruction), "城东区2026年老旧小区改造计划", "东政办发〔2026〕3号", "10", "08", 140, "列出年度改造小区名单、改造内容和完成时限。"),
    ("CDQ", art21(Art21Item::SocialAssistance), "城东区2026年最低生活保障标准调整情况", "", "17", "05", 80, "城乡低保标准调整后的金额和执行时间。"),
    ("CDQ", art21(Art21Item::LandExpropriation), "城东区土地征收启动公告（2026年第1批次）", "东征告〔2026〕1号", "05", "05", 50, "拟征收土地的位置、范围、面积和征收目的。"),
    ("DHJD", art21(Art21Item::FundsAndLabour), "东湖街道2026年村级公益事业一事一议筹资筹劳方案", "", "06", "99", 70, "各村一事一议项目、筹资标准和筹劳安排。"),
    ("DHJD", art21(Art21Item::SocialAssistance), "东湖街道2026年第一季度临时救助发放情况", "", "17", "99", 30, "一季度临时救助的人数、金额和救助事由。"),
];

/// A notice published every month: agency code, item, [标题 with `{m}` for the month (as
/// “2026年3月”), 主题分类, 体裁分类, 内容概述].
type Monthly = (&'static str, StatutoryItem, [&'static str; 4]);

#[rustfmt::skip]
const MONTHLY: &[Monthly] = &[
    ("ROOT", art20(A::Statistics), ["示例市{m}国民经济主要指标", "03.05", "22", "规模以上工业增加值、社会消费品零售总额、固定资产投资等主要指标的当月数和累计数。"]),
    ("ROOT", art20(A::Procurement), ["示例市{m}政府采购意向公开", "04", "99", "本月各预算单位政府采购项目的名称、需求概况、预算金额和预计采购时间。"]),
    ("ROOT", art20(A::MajorProjects), ["示例市{m}重大建设项目进展情况", "03", "99", "全市重大建设项目的开工、在建和竣工情况及投资完成进度。"]),
    ("ROOT", art20(A::Inspections), ["示例市{m}“双随机、一公开”抽查结果公示", "09", "09", "本月随机抽取检查对象、随机选派执法检查人员的抽查结果。"]),
    ("ROOT", art20(A::Emergencies), ["示例市{m}突发事件应对情况", "02.01", "09", "本月全市自然灾害、事故灾难和公共卫生事件的预警发布和应对处置情况。"]),
    ("ROOT", art20(A::Welfare), ["示例市{m}城镇新增就业情况", "15", "22", "本月城镇新增就业人数、失业人员再就业人数和就业困难人员就业人数。"]),
    ("JYJ", art20(A::Licensing), ["示例市教育局{m}行政许可办理结果公示", "11", "05", "本月受理和办结的民办学校设立、变更等行政许可事项及其结果。"]),
    ("JYJ", art20(A::Inspections), ["示例市教育局{m}学校食品安全检查情况", "11", "09", "本月对中小学和幼儿园食堂食品安全的检查情况和整改要求。"]),
    ("JYJ", art20(A::Welfare), ["示例市教育局{m}学生资助资金发放情况", "11", "22", "本月发放的家庭经济困难学生资助资金的项目、人数和金额。"]),
    ("ZRJ", art20(A::Licensing), ["示例市自然资源局{m}建设用地审批结果公示", "05", "05", "本月批准的建设用地项目的名称、位置、面积和用途。"]),
    ("ZRJ", art20(A::Enforcement), ["示例市自然资源局{m}行政处罚决定公开", "05", "05", "本月作出的土地和矿产资源违法案件行政处罚决定。"]),
    ("CDQ", art21(Art21Item::SocialAssistance), ["城东区{m}城乡低保金发放情况", "17", "22", "本月城乡最低生活保障对象的户数、人数和发放金额。"]),
    ("CDQ", art21(Art21Item::LandExpropriation), ["城东区{m}征地补偿费用发放情况", "05", "05", "本月各征收项目补偿费用的发放对象和金额。"]),
    ("CDQ", art21(Art21Item::MunicipalConstruction), ["城东区{m}城市建设项目进展", "10", "99", "本月道路、管网和老旧小区改造等城市建设项目的进展。"]),
    ("DHJD", art21(Art21Item::SocialAssistance), ["东湖街道{m}临时救助发放情况", "17", "99", "本月临时救助的人数、金额和救助事由。"]),
    ("DHJD", art21(Art21Item::PublicServices), ["东湖街道{m}便民服务事项办理情况", "17", "99", "本月便民服务中心受理和办结的事项数量。"]),
    ("DHJD", art21(Art21Item::FundsAndLabour), ["东湖街道{m}村级财务收支公开", "06", "99", "各村本月集体经济收入、支出和结余情况。"]),
];

/// Spreadsheets attached to some of the documents: (title, file name, rows).
#[rustfmt::skip]
const SHEETS: &[(&str, &str, &[&str])] = &[
    ("示例市防汛抗旱应急预案（2026年修订）", "附件1：防汛抗旱应急值班表.xlsx", &["日期 带班领导 值班人员 联系电话", "汛期每日 分管副市长 防汛办工作人员 0795-3200110", "防汛物资储备点 城东仓库 城西仓库"]),
    ("关于示例市2025年全市和市本级预算执行情况与2026年预算草案的报告", "附件：2026年市本级一般公共预算支出表.xlsx", &["科目 预算数（万元）", "一般公共服务支出 52000", "教育支出 183000", "社会保障和就业支出 96000"]),
    ("示例市2026年重大建设项目名单", "附件：2026年重大建设项目表.xlsx", &["项目名称 建设内容 计划投资（亿元）", "城东污水处理厂扩建 新增日处理能力5万吨 3.2", "示例大道快速化改造 全长8公里 12.5"]),
    ("城东区2026年老旧小区改造计划", "附件：2026年老旧小区改造名单.xlsx", &["小区名称 楼栋数 改造内容", "东湖新村 12 外墙保温 加装电梯", "纺织厂宿舍 6 雨污分流 停车位"]),
];

fn ctx(today: NaiveDate, role: Role) -> Ctx<'static> {
    let actor = match role {
        Role::Clerk => "演示经办人",
        Role::Reviewer => "演示审核人",
        _ => "演示负责人",
    };
    Ctx { today, actor, role }
}

fn bad(e: impl std::fmt::Display) -> WebError {
    WebError::BadInput(e.to_string())
}

/// An XLSX file whose cells hold `rows` (split at spaces), and the text extracted from it.
fn sheet(rows: &[&str]) -> Result<(Vec<u8>, String), WebError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.split(' ').enumerate() {
            ws.write_string(r as u32, c as u16, cell).map_err(bad)?;
        }
    }
    Ok((wb.save_to_buffer().map_err(bad)?, rows.join("\n")))
}

fn code(s: &str) -> Result<Option<CategoryCode>, WebError> {
    CategoryCode::parse(s).map(Some).map_err(bad)
}

/// A notice's 正文 around its summary.
fn body(summary: &str) -> Body {
    let text = format!(
        "各有关单位：\n\n{summary}\n\n一、本文件自发布之日起施行。\n\n二、执行中遇到的问题，请及时向本机关反映。\n\n特此通知。\n"
    );
    Body {
        format: BodyFormat::Markdown,
        text,
    }
}

/// Registers, reviews and publishes one document.
async fn publish(
    store: &Arc<dyn Store>,
    agency: &Agency,
    content: Content,
    on: NaiveDate,
) -> Result<StoredDocument, WebError> {
    let written = content.written_on;
    let code = agency.code.clone();
    let year = chrono::Datelike::year(&written);
    let build = move |serial: u32| -> Result<Transition, disclosure::DisclosureError> {
        let index_no = IndexNoPattern::default()
            .format(&code, year, 1, serial)
            .map_err(|e| disclosure::DisclosureError::Inconsistent(e.to_string()))?;
        let reg = Registration {
            index_no,
            content: content.clone(),
            validity: Validity::Valid,
            published_on: None,
        };
        disclosure::create(reg, &ctx(written, Role::Clerk))
    };
    let mut d = store.create_document(agency.id, year, &build).await?;
    let steps = [
        (Role::Clerk, Command::Submit),
        (
            Role::Reviewer,
            Command::Review {
                conclusion: Openness::Proactive,
                basis: "经审查，不涉及国家秘密、商业秘密和个人隐私".into(),
                withheld_parts: String::new(),
            },
        ),
        (
            Role::Head,
            Command::Approve {
                note: "同意公开".into(),
            },
        ),
    ];
    for (role, cmd) in steps {
        d = step(store, &d, on, role, cmd).await?;
    }
    Ok(d)
}

async fn step(
    store: &Arc<dyn Store>,
    d: &StoredDocument,
    on: NaiveDate,
    role: Role,
    cmd: Command,
) -> Result<StoredDocument, WebError> {
    let t = disclosure::apply(&d.document, cmd, &ctx(on, role)).map_err(bad)?;
    Ok(store
        .commit_document(d.agency_id, d.id, d.version, &t)
        .await?)
}

/// A 主动公开 notice of `agency`: (标题, 文号), (主题分类, 体裁分类), its 正文 around `summary`.
fn notice(
    agency: &Agency,
    item: StatutoryItem,
    (title, doc_no): (&str, &str),
    (topic, genre): (&str, &str),
    written_on: NaiveDate,
    summary: &str,
) -> Result<Content, WebError> {
    Ok(Content {
        doc_no: doc_no.into(),
        title: title.into(),
        summary: summary.into(),
        publisher: agency.name.clone(),
        written_on,
        topic: code(topic)?,
        genre: code(genre)?,
        item: Some(item),
        openness: Openness::Proactive,
        marker: None,
        interprets: None,
        body: body(summary),
        attachments: Vec::new(),
    })
}

/// The [`MONTHLY`] notices of the twelve months before `today`'s, each written on the 5th of
/// the month after; returns how many.
async fn monthly(store: &Arc<dyn Store>, today: NaiveDate) -> Result<usize, WebError> {
    use chrono::Datelike;
    let mut n = 0;
    for back in (1..=12).rev() {
        let month = today.with_day(1).unwrap_or(today) - chrono::Months::new(back);
        let written = month + chrono::Months::new(1) + Duration::days(4);
        if written >= today {
            continue;
        }
        let m = format!("{}年{}月", month.year(), month.month());
        for &(code_of, item, [title, topic, genre, summary]) in MONTHLY {
            let agency = store.agency_by_code(code_of).await?;
            let title = title.replace("{m}", &m);
            let content = notice(
                &agency,
                item,
                (&title, ""),
                (topic, genre),
                written,
                summary,
            )?;
            let on = (written + Duration::days(2)).min(today);
            publish(store, &agency, content, on).await?;
            n += 1;
        }
    }
    Ok(n)
}

/// Publishes the demo documents as of `today`; returns how many are public.
pub async fn fill(store: &Arc<dyn Store>, today: NaiveDate) -> Result<usize, WebError> {
    let mut public = 0;
    let mut policy = None;
    for &(code_of, item, title, doc_no, topic, genre, ago, summary) in DOCS {
        let agency = store.agency_by_code(code_of).await?;
        let written = today - Duration::days(ago);
        let mut attachments = Vec::new();
        if let Some((_, name, rows)) = SHEETS.iter().find(|s| s.0 == title) {
            let (bytes, text) = sheet(rows)?;
            let f = store
                .add_document_file(
                    agency.id,
                    &NewDocumentFile {
                        file_name: (*name).to_owned(),
                        media_type:
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                .into(),
                        bytes,
                        text: Some(text),
                        uploaded_by: "演示经办人".into(),
                    },
                )
                .await?;
            attachments.push(Attachment {
                id: AttachmentId(f.id),
                name: (*name).to_owned(),
            });
        }
        let mut content = notice(
            &agency,
            item,
            (title, doc_no),
            (topic, genre),
            written,
            summary,
        )?;
        content.attachments = attachments;
        let d = publish(store, &agency, content, written + Duration::days(3)).await?;
        if title.contains("医疗保险实施办法") {
            policy = Some((agency, d.document.index_no.clone(), written));
        }
        public += 1;
    }
    public += monthly(store, today).await?;
    // A 政策解读 of the medical-insurance rules, linked to them by 索引号.
    if let Some((agency, index_no, written)) = policy {
        let content = Content {
            doc_no: String::new(),
            title: "《示例市城乡居民基本医疗保险实施办法》政策解读".into(),
            summary: "解读实施办法的出台背景、主要内容和参保缴费办法。".into(),
            publisher: agency.name.clone(),
            written_on: written,
            topic: code("15")?,
            genre: code("23")?,
            item: Some(art20(A::Welfare)),
            openness: Openness::Proactive,
            marker: None,
            interprets: Some(index_no),
            body: Body {
                format: BodyFormat::Markdown,
                text: "## 一、出台背景\n\n为统一城乡居民医保制度……\n\n## 二、主要内容\n\n参保范围、筹资标准和待遇保障。\n".into(),
            },
            attachments: Vec::new(),
        };
        publish(store, &agency, content, written + Duration::days(3)).await?;
        public += 1;
    }
    // An old notice that has lapsed, and one withdrawn after publication.
    let root = store.agency_by_code("ROOT").await?;
    let lapsed = Content {
        doc_no: "示政办发〔2025〕20号".into(),
        title: "示例市2025年冬春季森林防火工作方案".into(),
        summary: "2025年冬春季森林防火的组织领导、重点任务和值守安排。".into(),
        publisher: root.name.clone(),
        written_on: today - Duration::days(330),
        topic: code("02.01")?,
        genre: code("08")?,
        item: Some(art20(A::Emergencies)),
        openness: Openness::Proactive,
        marker: None,
        interprets: None,
        body: body("各地各部门要落实森林防火责任，加强值守。"),
        attachments: Vec::new(),
    };
    let on = today - Duration::days(327);
    let d = publish(store, &root, lapsed, on).await?;
    let expired = Validity::Expired {
        on: today - Duration::days(200),
    };
    step(
        store,
        &d,
        today - Duration::days(10),
        Role::Clerk,
        Command::SetValidity { validity: expired },
    )
    .await?;
    public += 1;
    let mut gone = Content {
        title: "示例市关于开展2026年春季招聘会的通知（已撤回）".into(),
        doc_no: String::new(),
        ..d.document.content.clone()
    };
    gone.written_on = today - Duration::days(20);
    gone.item = Some(art20(A::Other));
    let g = publish(store, &root, gone, today - Duration::days(18)).await?;
    step(
        store,
        &g,
        today - Duration::days(5),
        Role::Head,
        Command::Withdraw {
            reason: "招聘会延期举办，另行通知".into(),
        },
    )
    .await?;
    Ok(public)
}

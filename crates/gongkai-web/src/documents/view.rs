//! What the document pages show: status labels, the plain-Chinese “what happens next” for each
//! status, the steps the signed-in role may take now (mirroring the domain's rules, which still
//! decide), and the choices of the form's selects.

use gongkai_domain::choice::Choice;
use gongkai_domain::disclosure::{
    Art20Item, Art21Scope, Classification, Document, Marker, Status, StatutoryItem, WithholdGround,
};
use gongkai_storage::Role;

/// Every status key with its label, in workflow order (the list's filter).
pub const STATUSES: [(&str, &str); 10] = [
    ("draft", "草稿"),
    ("in_review", "保密审查中"),
    ("awaiting_approval", "待负责人审批"),
    ("published", "已发布"),
    ("corrected", "已更正"),
    ("correction_draft", "更正起草中"),
    ("correction_in_review", "更正保密审查中"),
    ("correction_awaiting_approval", "更正待负责人审批"),
    ("withdrawn", "已撤回"),
    ("filed", "已登记（不主动公开）"),
];

/// The label of a status key.
pub fn status_label(key: &str) -> &str {
    STATUSES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, l)| l)
}

/// The roles that take part in 先审查、后公开 (《条例》第十七条).
pub fn is_workflow_role(role: Role) -> bool {
    matches!(role, Role::Clerk | Role::Reviewer | Role::Head)
}

/// What happens next, for a clerk who has not read 第十七条.
pub fn next_step(doc: &Document) -> &'static str {
    match (doc.status, doc.is_correcting()) {
        (Status::Draft, false) => {
            "草稿尚未公开。经办人填写完整后点击“提交保密审查”，由审核人审查。"
        }
        (Status::Draft, true) => {
            "正在更正。公众仍看到已发布的版本；经办人改好后提交保密审查，经审核人审查、负责人审批后发布更正版本。"
        }
        (Status::InReview, _) => {
            "等待审核人进行保密审查：审核人记录审查结论和依据后，交负责人审批；有问题可退回经办人修改。"
        }
        (Status::AwaitingApproval, _) => {
            "保密审查已完成，等待负责人审批。批准后，审查结论为主动公开的立即在公开专栏发布；其他结论登记备查、不公开。"
        }
        (Status::Published | Status::Corrected, _) => {
            "已在公开专栏发布。发现错误时由经办人发起更正；需要下架时由负责人撤回。"
        }
        (Status::Withdrawn, _) => "已撤回，公众不再看到此文件。",
        (Status::Filed, _) => {
            "已登记，不主动公开。审核人须定期评估（《条例》第十八条），情况变化可以公开的转为草稿重新审查。"
        }
    }
}

/// The steps the signed-in account may take on a document now.
#[derive(Debug, Default, Clone, Copy)]
pub struct Actions {
    /// 修改 (经办人, draft).
    pub edit: bool,
    /// 提交保密审查.
    pub submit: bool,
    /// 保密审查.
    pub review: bool,
    /// 退回.
    pub send_back: bool,
    /// 审批.
    pub approve: bool,
    /// 撤回.
    pub withdraw: bool,
    /// 更正.
    pub correct: bool,
    /// 放弃更正.
    pub cancel_correction: bool,
    /// 变更有效性.
    pub validity: bool,
    /// 定期评估.
    pub reassess: bool,
}

impl Actions {
    /// The steps `role` may take on `doc` (none for an account of another agency or role:
    /// pass `works = false`).
    pub fn of(doc: &Document, role: Role, works: bool) -> Actions {
        if !works {
            return Actions::default();
        }
        let (clerk, reviewer, head) = (
            role == Role::Clerk,
            role == Role::Reviewer,
            role == Role::Head,
        );
        let s = doc.status;
        let published = matches!(s, Status::Published | Status::Corrected);
        Actions {
            edit: clerk && s == Status::Draft,
            submit: clerk && s == Status::Draft,
            review: reviewer && s == Status::InReview,
            send_back: (reviewer && s == Status::InReview)
                || (head && s == Status::AwaitingApproval),
            approve: head && s == Status::AwaitingApproval,
            withdraw: head && doc.is_public(),
            correct: clerk && published,
            cancel_correction: clerk && s == Status::Draft && doc.is_correcting(),
            // The domain allows it on any record not withdrawn; the page offers it once the
            // document is approved, where 失效 / 废止 means something to the public or table 二.
            validity: clerk && matches!(s, Status::Published | Status::Corrected | Status::Filed),
            reassess: reviewer && s == Status::Filed,
        }
    }

    /// Whether any step is open.
    pub fn any(&self) -> bool {
        self.edit
            || self.review
            || self.send_back
            || self.approve
            || self.withdraw
            || self.correct
            || self.validity
            || self.reassess
    }
}

/// A choice of a select: its value and label.
pub type Opt = (String, String);

/// The 第二十条 items and the agency's 第二十一条 topics.
pub fn items(art21: Option<Art21Scope>) -> Vec<Opt> {
    let art20 = Art20Item::all().map(|i| {
        let item = StatutoryItem::Art20(i);
        // The label carries its number already: “（一）行政法规、规章和规范性文件”.
        (item.id().to_owned(), format!("第二十条{}", i.label()))
    });
    let art21 = art21.into_iter().flat_map(|s| s.items()).map(|i| {
        let item = StatutoryItem::Art21(*i);
        (item.id().to_owned(), item.caption())
    });
    art20.chain(art21).collect()
}

/// A classification tree as indented choices (code → path).
pub fn categories(tree: &Classification) -> Vec<Opt> {
    tree.categories()
        .iter()
        .map(|c| {
            let path = tree.path(&c.code).unwrap_or_else(|| c.name.clone());
            (c.code.as_str().to_owned(), path.replace('\\', " › "))
        })
        .collect()
}

/// The grounds of 不予公开 (《条例》第十四至十六条).
pub fn grounds() -> Vec<Opt> {
    WithholdGround::all()
        .map(|g| {
            (
                g.id().to_owned(),
                format!("{}（{}）", g.label(), g.article()),
            )
        })
        .collect()
}

/// 规章 and 行政规范性文件.
pub fn markers() -> Vec<Opt> {
    Marker::all()
        .map(|m| (m.id().to_owned(), m.label().to_owned()))
        .collect()
}

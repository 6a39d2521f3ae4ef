//! The document form as posted (every field a string) and its parsing into [`Content`] with
//! every field's error — the way `applicant::ApplicationForm::parse` reads an application. The
//! import of an old system's rows ([`super::import`]) reads its columns through the same code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::classification::{CategoryCode, Classification};
use super::content::{Attachment, Body, BodyFormat, Content};
use super::field;
use super::index_no::{IndexNo, half_width};
use super::item::{Art20Item, Art21Scope, StatutoryItem};
use super::openness::{Marker, Openness};
use crate::applicant::FieldError;
use crate::choice::Choice;

/// What parsing needs to know: today, the agency's trees and which part of 第二十一条 applies.
#[derive(Debug, Clone, Copy)]
pub struct FormCtx<'a> {
    /// Today (成文日期 may not be later).
    pub today: NaiveDate,
    /// The agency's 主题分类.
    pub topics: &'a Classification,
    /// The agency's 体裁分类.
    pub genres: &'a Classification,
    /// 第二十一条 for this agency (`Art21Scope::of`), or `None`.
    pub art21: Option<Art21Scope>,
}

/// The form as typed, named as in [`field`]; absent fields are empty. Choices take their id or
/// Chinese name; the classifications a code, a path (“综合政务\政务公开”) or a unique name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentForm {
    /// 文号.
    pub doc_no: String,
    /// 标题.
    pub title: String,
    /// 内容概述.
    pub summary: String,
    /// 发布机构.
    pub publisher: String,
    /// 成文日期 (2026-03-01, 2026/3/1, 2026年3月1日 …).
    pub written_on: String,
    /// 主题分类.
    pub topic: String,
    /// 体裁分类.
    pub genre: String,
    /// 第二十条 / 第二十一条 item (empty: none).
    pub item: String,
    /// 公开属性 (empty: 主动公开).
    pub openness: String,
    /// 不予公开的理由 (for 不予公开).
    pub withhold_ground: String,
    /// 规章 / 行政规范性文件 (empty: neither).
    pub marker: String,
    /// The 索引号 of the policy a 政策解读 interprets.
    pub interprets: String,
    /// 正文格式 (empty: Markdown).
    pub body_format: String,
    /// 正文.
    pub body: String,
}

/// Every field error of a form, in form order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    /// The first message for `field`, to show beside it.
    pub fn get(&self, field: &str) -> Option<&str> {
        let e = self.0.iter().find(|e| e.field == field)?;
        Some(e.message.as_str())
    }
}

impl fmt::Display for FormErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("【{}】{}", field::label(e.field), e.message))
            .collect();
        write!(f, "文件信息填写有误：{}", lines.join("；"))
    }
}

impl std::error::Error for FormErrors {}

impl DocumentForm {
    /// Checks the form with the uploaded `attachments` and returns the content, or every
    /// field's error. A 规章 / 行政规范性文件 without an item is put under 第二十条第（一）项.
    pub fn parse(
        &self,
        attachments: Vec<Attachment>,
        ctx: &FormCtx<'_>,
    ) -> Result<Content, FormErrors> {
        let mut errors = Vec::new();
        let content = self.read(attachments, ctx, &mut errors);
        errors.sort_by_key(|e| field::position(e.field));
        match (content, errors.is_empty()) {
            (Some(c), true) => Ok(c),
            _ => Err(FormErrors(errors)),
        }
    }

    /// Reads every field into `errors`; `Some` when a content could be built at all (it may
    /// still have errors).
    pub(super) fn read(
        &self,
        attachments: Vec<Attachment>,
        ctx: &FormCtx<'_>,
        errors: &mut Vec<FieldError>,
    ) -> Option<Content> {
        let mut fail = |k: &'static str, m: String| errors.push(FieldError::new(k, m));
        let written_on = required_date(field::WRITTEN_ON, &self.written_on, &mut fail);
        let choices = self.choices(ctx, &mut fail);
        let content = Content {
            doc_no: self.doc_no.trim().to_owned(),
            title: self.title.trim().to_owned(),
            summary: self.summary.trim().to_owned(),
            publisher: self.publisher.trim().to_owned(),
            written_on: written_on.unwrap_or(ctx.today),
            topic: choices.topic,
            genre: choices.genre,
            item: choices.item,
            openness: choices.openness,
            marker: choices.marker,
            interprets: choices.interprets,
            body: Body {
                format: choices.format.unwrap_or_default(),
                text: self.body.clone(),
            },
            attachments,
        };
        if let Err(more) = content.check(ctx.today) {
            errors.extend(more);
        }
        written_on.map(|_| content)
    }

    fn choices(&self, ctx: &FormCtx<'_>, fail: &mut Fail<'_>) -> Choices {
        let marker = optional(
            field::MARKER,
            &self.marker,
            Marker::read,
            "应为规章或行政规范性文件",
            fail,
        );
        let item = statutory_item(&self.item, ctx.art21, fail);
        let item = item.or(marker.map(|_| StatutoryItem::Art20(Art20Item::Rules)));
        let read_index = |s: &str| IndexNo::parse(s).ok();
        Choices {
            topic: category(field::TOPIC, &self.topic, ctx.topics, fail),
            genre: category(field::GENRE, &self.genre, ctx.genres, fail),
            item,
            openness: self.openness(fail),
            marker,
            interprets: optional(
                field::INTERPRETS,
                &self.interprets,
                read_index,
                "不是有效的索引号",
                fail,
            ),
            format: optional(
                field::BODY_FORMAT,
                &self.body_format,
                BodyFormat::parse,
                "应为Markdown或HTML",
                fail,
            ),
        }
    }

    fn openness(&self, fail: &mut Fail<'_>) -> Openness {
        if self.openness.trim().is_empty() {
            return Openness::Proactive;
        }
        match Openness::parse(&self.openness, &self.withhold_ground) {
            Ok(o) => o,
            Err("ground") => {
                fail(
                    field::GROUND,
                    "不予公开的，须选择《条例》第十四至十六条规定的理由".into(),
                );
                Openness::Proactive
            }
            Err(_) => {
                let v = self.openness.trim();
                fail(
                    field::OPENNESS,
                    format!("公开属性“{v}”应为主动公开、依申请公开或不予公开"),
                );
                Openness::Proactive
            }
        }
    }
}

/// The form's choices, read.
struct Choices {
    topic: Option<CategoryCode>,
    genre: Option<CategoryCode>,
    item: Option<StatutoryItem>,
    openness: Openness,
    marker: Option<Marker>,
    interprets: Option<IndexNo>,
    format: Option<BodyFormat>,
}

type Fail<'a> = dyn FnMut(&'static str, String) + 'a;

/// An optional choice: empty → `None`; unreadable → an error “{label}“x”{why}”.
fn optional<T>(
    key: &'static str,
    v: &str,
    read: impl Fn(&str) -> Option<T>,
    why: &str,
    fail: &mut Fail<'_>,
) -> Option<T> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    let found = read(v);
    if found.is_none() {
        fail(key, format!("{}“{v}”{why}", field::label(key)));
    }
    found
}

/// A required date in any of the usual spellings.
pub(super) fn required_date(key: &'static str, v: &str, fail: &mut Fail<'_>) -> Option<NaiveDate> {
    if v.trim().is_empty() {
        fail(key, format!("{}不能为空", field::label(key)));
        return None;
    }
    optional(
        key,
        v,
        parse_date,
        "无法识别，应写作2026-03-01或2026年3月1日",
        fail,
    )
}

/// An optional date in any of the usual spellings.
pub(super) fn optional_date(key: &'static str, v: &str, fail: &mut Fail<'_>) -> Option<NaiveDate> {
    optional(
        key,
        v,
        parse_date,
        "无法识别，应写作2026-03-01或2026年3月1日",
        fail,
    )
}

fn category(
    key: &'static str,
    v: &str,
    tree: &Classification,
    fail: &mut Fail<'_>,
) -> Option<CategoryCode> {
    let why = format!("不在本机关的{}中", tree.scheme().label());
    optional(
        key,
        v,
        |s| tree.resolve(s).map(|c| c.code.clone()),
        &why,
        fail,
    )
}

fn statutory_item(
    v: &str,
    art21: Option<Art21Scope>,
    fail: &mut Fail<'_>,
) -> Option<StatutoryItem> {
    let why = "无法识别：应为《条例》第二十条的某一项或第二十一条规定的事项";
    let item = optional(field::ITEM, v, StatutoryItem::parse, why, fail)?;
    let StatutoryItem::Art21(topic) = item else {
        return Some(item);
    };
    match art21 {
        Some(scope) if scope.items().contains(&topic) => Some(item),
        Some(scope) => {
            fail(
                field::ITEM,
                format!(
                    "“{}”不属于本机关适用的《条例》第二十一条事项：{}",
                    topic.label(),
                    scope.wording()
                ),
            );
            None
        }
        None => {
            fail(
                field::ITEM,
                "《条例》第二十一条只适用于设区的市级、县级人民政府及其部门和乡（镇）人民政府"
                    .into(),
            );
            None
        }
    }
}

/// A date as old systems and spreadsheets write it: 2026-03-01, 2026/3/1, 2026.3.1,
/// 2026年3月1日, 20260301, with or without a time after it, or an Excel day number (46082).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s: String = s.trim().chars().map(half_width).collect();
    let day = s.split([' ', 'T']).next().unwrap_or("");
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"] {
        if let Ok(d) = NaiveDate::parse_from_str(day, f) {
            return Some(d);
        }
    }
    if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(day, "%Y%m%d").ok();
    }
    let serial: f64 = day.parse().ok()?;
    if !(20_000.0..=80_000.0).contains(&serial) || serial.fract() != 0.0 {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial as u64))
}

//! Moving in (the pure part): the rows of an old system's CSV or XLSX export,
//! read as strings, become drafts — or every problem of every row, per field, in Chinese, so
//! that a dry run can list them all and nothing is imported until they are fixed. Each row has
//! a stable identity ([`IdentityKey`]: its 索引号, or 文号 + 标题 + 成文日期) so that running the
//! import again finds the documents it made instead of duplicating them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::content::{Attachment, Content, EMPTY_BODY, MAX_ATTACHMENTS, attachment_name_problem};
use super::document::Document;
use super::field;
use super::form::{DocumentForm, FormCtx, optional_date, required_date};
use super::index_no::{IndexNo, half_width};
use super::openness::Validity;
use super::workflow::Registration;
use crate::applicant::FieldError;

/// One row as exported: the form's fields plus what only a moved-in document has.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportRow {
    /// 索引号 in the old system (empty: the agency's pattern assigns one).
    pub index_no: String,
    /// 发布日期 in the old system (empty: not yet published).
    pub published_on: String,
    /// 有效性: 有效 (or empty), 失效, 废止.
    pub validity: String,
    /// The day it expired or was repealed.
    pub validity_on: String,
    /// The 索引号 of the document that replaced it.
    pub replaced_by: String,
    /// Attachment file names in the import folder, separated by `;`, `；`, `|` or new lines.
    pub attachments: String,
    /// Everything else, as on the form.
    pub form: DocumentForm,
}

/// A row that passed: what the store needs to create the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The row number (as the spreadsheet shows it).
    pub row: usize,
    /// 索引号 from the old system, if it had one.
    pub index_no: Option<IndexNo>,
    /// The content (attachments still to be uploaded: see `attachment_files`).
    pub content: Content,
    /// 有效性.
    pub validity: Validity,
    /// 发布日期 in the old system.
    pub published_on: Option<NaiveDate>,
    /// The files to attach, in order.
    pub attachment_files: Vec<String>,
}

/// Every problem of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblems {
    /// The row number.
    pub row: usize,
    /// Its field errors.
    pub errors: Vec<FieldError>,
}

impl RowProblems {
    /// One line per problem: “第3行【成文日期】成文日期“2021-13-01”无法识别…”.
    pub fn lines(&self) -> Vec<String> {
        self.errors
            .iter()
            .map(|e| format!("第{}行【{}】{}", self.row, field::label(e.field), e.message))
            .collect()
    }
}

/// What a dry run reports, and what the real run imports when `problems` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    /// The rows that passed, in order.
    pub rows: Vec<Imported>,
    /// The rows that did not, in order.
    pub problems: Vec<RowProblems>,
}

impl ImportPlan {
    /// Whether every row passed (only then may anything be imported).
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// How a document is recognised across import runs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdentityKey {
    /// Its 索引号.
    IndexNo(IndexNo),
    /// 文号 + 标题 + 成文日期, normalised (spaces dropped, full width folded, 〔〕 for any
    /// bracket around the year).
    Fingerprint(String),
}

impl IdentityKey {
    /// The fingerprint of a document without a known 索引号.
    pub fn fingerprint(doc_no: &str, title: &str, written_on: NaiveDate) -> IdentityKey {
        IdentityKey::Fingerprint(format!(
            "{}|{}|{written_on}",
            normalise(doc_no),
            normalise(title)
        ))
    }

    /// The key as one string, for a database column: `index:…` or `doc:…`.
    pub fn as_string(&self) -> String {
        match self {
            IdentityKey::IndexNo(i) => format!("index:{i}"),
            IdentityKey::Fingerprint(f) => format!("doc:{f}"),
        }
    }
}

fn normalise(s: &str) -> String {
    s.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '[' | '【' | '〔' | '(' | '（' | '﹝' | '〖' => '〔',
            ']' | '】' | '〕' | ')' | '）' | '﹞' | '〗' => '〕',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

impl Imported {
    /// The keys a document made from this row will have: its 索引号 if it had one, and its
    /// fingerprint. A row matches an existing document when any key is shared.
    pub fn keys(&self) -> Vec<IdentityKey> {
        let c = &self.content;
        let mut keys: Vec<IdentityKey> = self
            .index_no
            .iter()
            .cloned()
            .map(IdentityKey::IndexNo)
            .collect();
        keys.push(IdentityKey::fingerprint(&c.doc_no, &c.title, c.written_on));
        keys
    }

    /// The registration for [`super::create`], once the store has chosen the 索引号 (the row's
    /// own, or the next of the agency's pattern) and uploaded the attachments.
    pub fn registration(self, index_no: IndexNo, attachments: Vec<Attachment>) -> Registration {
        let mut content = self.content;
        content.attachments = attachments;
        Registration {
            index_no,
            content,
            validity: self.validity,
            published_on: self.published_on,
        }
    }
}

impl Document {
    /// Every key the document is known by: its 索引号 and the fingerprints of its working copy
    /// and of every published version (a correction may have changed the title).
    pub fn identity_keys(&self) -> Vec<IdentityKey> {
        let mut keys = vec![IdentityKey::IndexNo(self.index_no.clone())];
        let contents =
            std::iter::once(&self.content).chain(self.versions.iter().map(|v| &v.content));
        for c in contents {
            let k = IdentityKey::fingerprint(&c.doc_no, &c.title, c.written_on);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys
    }
}

/// Reads every row (numbered from `first_row`, e.g. 2 below a header row) and lists every
/// problem, including rows that repeat an earlier row's identity.
pub fn plan(rows: &[ImportRow], ctx: &FormCtx<'_>, first_row: usize) -> ImportPlan {
    let mut out = ImportPlan::default();
    for (i, r) in rows.iter().enumerate() {
        let row = first_row + i;
        let mut result = r.parse(row, ctx);
        if let Ok(imported) = &result {
            let keys = imported.keys();
            if let Some(earlier) = out
                .rows
                .iter()
                .find(|o| o.keys().iter().any(|k| keys.contains(k)))
            {
                let msg = format!(
                    "与第{}行是同一文件（索引号相同，或文号、标题、成文日期相同）",
                    earlier.row
                );
                result = Err(vec![FieldError::new(field::ROW, msg)]);
            }
        }
        match result {
            Ok(imported) => out.rows.push(imported),
            Err(errors) => out.problems.push(RowProblems { row, errors }),
        }
    }
    out
}

impl ImportRow {
    /// Reads one row: the form's fields, then 索引号, 发布日期, 有效性 and attachments.
    pub fn parse(&self, row: usize, ctx: &FormCtx<'_>) -> Result<Imported, Vec<FieldError>> {
        let mut errors = Vec::new();
        let attachment_files = self.attachment_files(&mut errors);
        let content = self.form.read(Vec::new(), ctx, &mut errors);
        if !attachment_files.is_empty() {
            errors.retain(|e| !(e.field == field::BODY && e.message == EMPTY_BODY));
        }
        let mut fail = |k: &'static str, m: String| errors.push(FieldError::new(k, m));
        let index_no = read_index(field::INDEX_NO, &self.index_no, &mut fail);
        let published_on = optional_date(field::PUBLISHED_ON, &self.published_on, &mut fail);
        let validity = self.validity(&mut fail);
        if let Some(c) = &content {
            check_dates(c, published_on, validity.as_ref(), ctx.today, &mut fail);
            check_links(c, index_no.as_ref(), validity.as_ref(), &mut fail);
        }
        errors.sort_by_key(|e| field::position(e.field));
        match (content, validity) {
            (Some(content), Some(validity)) if errors.is_empty() => Ok(Imported {
                row,
                index_no,
                content,
                validity,
                published_on,
                attachment_files,
            }),
            _ => Err(errors),
        }
    }

    fn attachment_files(&self, errors: &mut Vec<FieldError>) -> Vec<String> {
        let names: Vec<String> = self
            .attachments
            .split([';', '；', '|', '\n'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        if names.len() > MAX_ATTACHMENTS {
            errors.push(FieldError::new(
                field::ATTACHMENTS,
                format!("附件不超过{MAX_ATTACHMENTS}个"),
            ));
        }
        for n in &names {
            if let Some(why) = attachment_name_problem(n) {
                errors.push(FieldError::new(
                    field::ATTACHMENTS,
                    format!("附件“{n}”的文件名{why}"),
                ));
            }
        }
        names
    }

    fn validity(&self, fail: &mut dyn FnMut(&'static str, String)) -> Option<Validity> {
        match self.validity.trim() {
            "" | "有效" | "valid" | "现行有效" => Some(Validity::Valid),
            "失效" | "expired" => {
                let on = required_date(field::VALIDITY_ON, &self.validity_on, fail)?;
                Some(Validity::Expired { on })
            }
            "废止" | "repealed" => {
                let on = required_date(field::VALIDITY_ON, &self.validity_on, fail);
                let replaced_by = read_index(field::REPLACED_BY, &self.replaced_by, fail);
                Some(Validity::Repealed {
                    on: on?,
                    replaced_by,
                })
            }
            other => {
                fail(
                    field::VALIDITY,
                    format!("有效性“{other}”应为有效、失效或废止"),
                );
                None
            }
        }
    }
}

fn read_index(
    key: &'static str,
    v: &str,
    fail: &mut dyn FnMut(&'static str, String),
) -> Option<IndexNo> {
    if v.trim().is_empty() {
        return None;
    }
    IndexNo::parse(v)
        .map_err(|e| fail(key, format!("{}：{e}", field::label(key))))
        .ok()
}

/// 发布日期 not after today nor before 成文日期; 失效 / 废止 not before 成文日期.
fn check_dates(
    c: &Content,
    published_on: Option<NaiveDate>,
    validity: Option<&Validity>,
    today: NaiveDate,
    fail: &mut dyn FnMut(&'static str, String),
) {
    if let Some(p) = published_on {
        if p > today {
            fail(
                field::PUBLISHED_ON,
                format!("发布日期{p}晚于今天（{today}）"),
            );
        } else if p < c.written_on {
            fail(
                field::PUBLISHED_ON,
                format!("发布日期{p}早于成文日期{}", c.written_on),
            );
        }
    }
    if let Some(end) = validity
        .and_then(Validity::ends_on)
        .filter(|e| *e < c.written_on)
    {
        fail(
            field::VALIDITY_ON,
            format!("失效或废止日期{end}早于成文日期{}", c.written_on),
        );
    }
}

/// No document replaced by, or interpreting, itself.
fn check_links(
    c: &Content,
    index_no: Option<&IndexNo>,
    validity: Option<&Validity>,
    fail: &mut dyn FnMut(&'static str, String),
) {
    let Some(own) = index_no else { return };
    if c.interprets.as_ref() == Some(own) {
        fail(field::INTERPRETS, "政策解读不能解读自身".to_owned());
    }
    if let Some(Validity::Repealed {
        replaced_by: Some(r),
        ..
    }) = validity
        && r == own
    {
        fail(field::REPLACED_BY, "文件不能由自身替代".to_owned());
    }
}

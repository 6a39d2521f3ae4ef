//! The written letters of a 依申请公开 case (REGULATION.md §5.1): 接收回执, 补正告知书, 延期答复告知书,
//! 征求意见书, 收费通知书, 说明理由 / 延迟答复告知书, the termination notices, and the 答复书 of every
//! outcome — as data, not code.
//!
//! A [`Template`] is a title and a body with named placeholders (`{申请人}`, `{理由}`,
//! `{救济途径}` …). The shipped defaults (`data/letters.toml`) are written as a 公开办 writes
//! them, citing the articles; an agency may replace any of them, and [`Template::parse`] refuses a
//! replacement that uses an unknown placeholder or leaves out one the kind requires (an answer
//! without `{救济途径}`, a 不予公开 letter without `{理由}` and `{法律依据}`). [`fill`] turns a
//! template and its [`Fields`] into a [`Letter`] — paragraphs of plain text plus the frame
//! (addressee, 文号, signer, date) — which `gongkai-export` renders to DOCX, PDF and HTML.
//! [`remedies`] writes the 救济途径 paragraph, [`DocNoPattern`] the 文号.

mod case;
mod doc_no;
mod error;
mod fill;
mod format;
mod kind;
mod placeholder;
mod remedy;
mod template;

pub use doc_no::{DEFAULT_DOC_NO, DocNoPattern};
pub use error::LetterError;
pub use fill::{DATE, DOC_NO, Fields, SIGNER, fill};
pub use format::{chinese_date, yuan, yuan_upper};
pub use kind::{LetterKind, all_replies};
pub use placeholder::{PLACEHOLDERS, Placeholder, placeholder};
pub use remedy::{remedies, review_first, suggested_basis};
pub use template::{SHIPPED, Template};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A filled letter, ready to render: plain text only, no markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    /// What kind of letter it is.
    pub kind: LetterKind,
    /// 标题, e.g. “政府信息公开申请答复书”.
    pub title: String,
    /// 文号, e.g. “袁政依申公开〔2026〕第5号”.
    pub doc_no: Option<String>,
    /// 主送: the applicant (or the party consulted), printed with a full-width colon.
    pub addressee: String,
    /// 正文, one entry per paragraph.
    pub paragraphs: Vec<String>,
    /// 发文机关署名.
    pub signer: String,
    /// 成文日期.
    pub date: NaiveDate,
    /// 附件 names, in order.
    pub attachments: Vec<String>,
    /// 附注: contact person and telephone, e.g. “联系人：王芳，联系电话：0795-3201234”.
    pub contact: Option<String>,
}

impl Letter {
    /// Every text of the letter in reading order (title, 文号, addressee, body, attachments,
    /// signer, date, contact) — what a reader of any rendering must find.
    pub fn texts(&self) -> Vec<String> {
        let mut out = vec![self.title.clone()];
        out.extend(self.doc_no.clone());
        out.push(format!("{}：", self.addressee));
        out.extend(self.paragraphs.iter().cloned());
        out.extend(self.attachments.iter().cloned());
        out.push(self.signer.clone());
        out.push(chinese_date(self.date));
        out.extend(self.contact.clone());
        out
    }
}

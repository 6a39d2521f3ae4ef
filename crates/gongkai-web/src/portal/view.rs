//! A public document as the 专栏 shows it: a line of the list, and the detail page's metadata
//! table (the block gov.cn prints above every text), body, attachments and 更正说明. Built from
//! `Document::public_view` only; `None` for a document the public may not see.

use crate::documents::body;
use gongkai_domain::disclosure::{CategoryCode, Classification, PublicView, Scheme};
use gongkai_storage::documents::StoredDocument;
use gongkai_storage::{AgencyId, Store, StoreError};

/// An agency's 主题分类 and 体裁分类 trees (its own, or the shipped national ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trees {
    /// 主题分类.
    pub topics: Classification,
    /// 体裁分类.
    pub genres: Classification,
}

impl Trees {
    /// The shipped national trees (the platform-wide search filters by them).
    pub fn shipped() -> Trees {
        Trees {
            topics: Classification::shipped(Scheme::Topic),
            genres: Classification::shipped(Scheme::Genre),
        }
    }

    /// The trees `agency` keeps.
    pub async fn of(store: &dyn Store, agency: AgencyId) -> Result<Trees, StoreError> {
        Ok(Trees {
            topics: store.classification(agency, Scheme::Topic).await?.0,
            genres: store.classification(agency, Scheme::Genre).await?.0,
        })
    }

    /// The tree of `scheme`.
    pub fn get(&self, scheme: Scheme) -> &Classification {
        match scheme {
            Scheme::Topic => &self.topics,
            Scheme::Genre => &self.genres,
        }
    }

    /// A category's path (“综合政务\政务公开”), its code if the tree lost it, or empty.
    pub fn category(&self, scheme: Scheme, code: Option<&CategoryCode>) -> String {
        code.map(|c| {
            self.get(scheme)
                .path(c)
                .unwrap_or_else(|| c.as_str().to_owned())
        })
        .unwrap_or_default()
    }

    /// The top-level categories of a tree, for the filter selects: (code, name).
    pub fn top(&self, scheme: Scheme) -> Vec<(String, String)> {
        self.get(scheme)
            .categories()
            .iter()
            .filter(|c| c.code.depth() == 1)
            .map(|c| (c.code.as_str().to_owned(), c.name.clone()))
            .collect()
    }
}

/// A line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The detail page.
    pub href: String,
    /// 标题.
    pub title: String,
    /// 文号 (may be empty).
    pub doc_no: String,
    /// 索引号.
    pub index_no: String,
    /// 发布日期 of the version shown.
    pub published_on: String,
    /// Whether it is still 有效.
    pub valid: bool,
    /// 有效性 in words.
    pub validity: String,
}

/// The detail page's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// 标题.
    pub title: String,
    /// The metadata table: label, value.
    pub meta: Vec<(&'static str, String)>,
    /// 内容概述.
    pub summary: String,
    /// The 正文, sanitised HTML.
    pub body_html: String,
    /// Attachments: download URL, file name.
    pub files: Vec<(String, String)>,
    /// 更正说明: date, note.
    pub corrections: Vec<(String, String)>,
    /// The 索引号 of the policy this document interprets (政策解读), if it is one.
    pub interprets: Option<String>,
}

/// The URL of a document's page.
pub fn href(code: &str, id: i64) -> String {
    format!("/xxgk/{code}/docs/{id}")
}

/// The list line of `d`, if public.
pub fn row(code: &str, d: &StoredDocument) -> Option<Row> {
    let v = d.document.public_view()?;
    Some(Row {
        href: href(code, d.id),
        title: v.content.title.clone(),
        doc_no: v.content.doc_no.clone(),
        index_no: v.index_no.as_str().to_owned(),
        published_on: v.updated_on.to_string(),
        valid: v.validity.key() == "valid",
        validity: v.validity.label(),
    })
}

fn meta(v: &PublicView<'_>, trees: &Trees) -> Vec<(&'static str, String)> {
    let c = v.content;
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            "无".to_owned()
        } else {
            s.to_owned()
        }
    };
    let published = if v.version > 1 {
        format!("{}（{} 更正）", v.first_published_on, v.updated_on)
    } else {
        v.first_published_on.to_string()
    };
    vec![
        ("索引号", v.index_no.as_str().to_owned()),
        ("发布机构", c.publisher.clone()),
        ("成文日期", c.written_on.to_string()),
        ("文号", or_none(&c.doc_no)),
        (
            "主题分类",
            or_none(&trees.category(Scheme::Topic, c.topic.as_ref())),
        ),
        (
            "体裁分类",
            or_none(&trees.category(Scheme::Genre, c.genre.as_ref())),
        ),
        ("发布日期", published),
        ("有效性", v.validity.label()),
        (
            "公开类别",
            c.item.map_or_else(|| "无".to_owned(), |i| i.caption()),
        ),
    ]
}

/// The detail page of `d`, if public, its categories named by the agency's `trees`.
pub fn detail(code: &str, d: &StoredDocument, trees: &Trees) -> Option<Detail> {
    let v = d.document.public_view()?;
    let c = v.content;
    Some(Detail {
        title: c.title.clone(),
        meta: meta(&v, trees),
        summary: c.summary.clone(),
        body_html: body::to_html(&c.body),
        files: c
            .attachments
            .iter()
            .map(|a| {
                (
                    format!("{}/files/{}", href(code, d.id), a.id.0),
                    a.name.clone(),
                )
            })
            .collect(),
        corrections: v
            .corrections
            .iter()
            .map(|(on, note)| (on.to_string(), (*note).to_owned()))
            .collect(),
        interprets: c.interprets.as_ref().map(|i| i.as_str().to_owned()),
    })
}

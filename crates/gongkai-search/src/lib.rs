//! Chinese full-text search over published documents (主动公开), for the 专栏's search page.
//!
//! The index is derived data: the store stays the truth, and the caller feeds it the public view
//! of each published document ([`SearchDocument`]), removes withdrawn ones, and can rebuild it
//! from scratch ([`SearchIndex::clear`] then [`SearchIndex::upsert`] each, then
//! [`SearchIndex::finish`]). Each app instance keeps its own copy.
//!
//! The text parts (标题, 文号, 内容概述, 正文, 附件) are indexed together twice (DEPENDENCIES.md
//! §3.1): Han bigrams guarantee that every word typed is found wherever it occurs as a
//! substring, two-character words included (which SQLite FTS5 trigram cannot do); jieba words
//! rank the results, with 标题 and 文号 weighing most. Queries are built in code from the words
//! typed; no query syntax is exposed.
//!
//! ```
//! use gongkai_search::{SearchDocument, SearchIndex, SearchRequest, Validity};
//! let index = SearchIndex::in_ram()?;
//! index.upsert(&SearchDocument {
//!     id: 1,
//!     agency_code: "mof".into(),
//!     year: 2024,
//!     topics: vec!["02.01".into()],
//!     genres: vec![],
//!     validity: Validity::Valid,
//!     title: "关于做好2024年预算公开工作的通知".into(),
//!     doc_no: "财预〔2024〕5号".into(),
//!     summary: String::new(),
//!     body: "各单位要按时公开部门预算。".into(),
//!     attachment_text: String::new(),
//!     published_on: "2024-03-01".parse().unwrap(),
//! })?;
//! index.commit()?;
//! let page = index.search(&SearchRequest::new("预算 5号"))?;
//! assert_eq!((page.total, page.total_exact), (1, true));
//! assert!(page.hits[0].title_html.contains("<mark>预算</mark>"));
//! # Ok::<(), gongkai_search::SearchError>(())
//! ```

mod count;
mod document;
mod error;
mod highlight;
mod index;
mod query;
mod request;
mod schema;
mod text;
mod tokenizer;
mod top;

pub use count::COUNT_LIMIT;
pub use document::{SearchDocument, Validity};
pub use error::SearchError;
pub use index::SearchIndex;
pub use query::{MAX_WORD_CHARS, MAX_WORDS};
pub use request::{Filters, Hit, IdPage, MAX_DEPTH, MAX_PER_PAGE, SearchPage, SearchRequest, Sort};

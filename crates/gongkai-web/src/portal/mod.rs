//! The public 政府信息公开专栏 (国办公开办函〔2019〕61号; `REGULATION.md` §5.4): what its pages,
//! the feed, the sitemap and the search index share. Documents are read for the public through
//! `Document::public_view` only, so nothing unreviewed, filed or withdrawn can leave here.
//!
//! - [`cache`]: the rendered pages kept in memory until something changes.
//! - [`columns`]: the 法定主动公开内容 columns of an agency (第二十条, and 第二十一条 by level).
//! - [`listing`]: the list's query parameters, their store filter and the pager.
//! - [`view`]: a public document as the list and the detail page show it.
//! - [`guide`]: the 政府信息公开指南 generated from the agency's contact and 公开设置.
//! - [`xml`]: the Atom feed and `sitemap.xml`.
//! - [`indexer`]: the search index kept current from the registry's change log.
//! - [`demo`]: published documents for `gongkai demo`.

pub mod agencies;
pub mod cache;
pub mod columns;
pub mod demo;
pub mod guide;
pub mod indexer;
pub mod listing;
pub mod view;
pub mod xml;

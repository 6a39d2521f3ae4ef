//! 主动公开 in the web layer: what the back office and the public 专栏 share about a document.
//! - [`body`]: the 正文 as safe HTML (Markdown rendered, HTML sanitised).
//! - [`table2`]: table 二's 规章 / 行政规范性文件 counts live from the registry.

pub mod body;
pub mod table2;

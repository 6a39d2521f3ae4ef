//! 主动公开 in the web layer: what the back office and the public 专栏 share about a document.
//! - [`body`]: the 正文 as safe HTML (Markdown rendered, HTML sanitised).

pub mod body;

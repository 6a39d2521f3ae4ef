//! Search errors. The first variants are the searcher's own mistakes and their `Display` is
//! shown on the page as it is, in Chinese; the last are infrastructure failures to log.

/// Why a search or an index operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// More separate words than a query may hold.
    #[error("检索词过多（最多 {max} 个）")]
    TooManyWords {
        /// The limit.
        max: usize,
    },
    /// One word is longer than a query word may be.
    #[error("检索词过长（每个最多 {max} 个字）")]
    WordTooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// The page asked for lies beyond the results that can be paged through.
    #[error("页码超出范围（最多显示前 {max} 条结果）")]
    PageTooDeep {
        /// How many results can be paged through.
        max: usize,
    },
    /// The index on disk was built with another layout of fields.
    #[error("检索索引的结构已变更，需要重建索引（gongkai search reindex）")]
    SchemaChanged,
    /// A writer panicked while holding the index writer.
    #[error("检索索引写入中断，需要重新打开索引")]
    WriterPoisoned,
    /// The index directory could not be created.
    #[error("检索索引目录无法创建：{0}")]
    Directory(#[from] std::io::Error),
    /// tantivy failed (disk, lock held by another process, corrupt files).
    #[error("检索索引出错：{0}")]
    Index(#[from] tantivy::TantivyError),
}

//! Fatal import failures: the file cannot be read as a report at all. Everything short of that
//! is a diagnostic next to a partial result.

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is empty.
    #[error("文件为空，没有可读取的内容")]
    Empty,
    /// The file is larger than the limit.
    #[error("文件过大（{size} 字节），超过 {limit} 字节的上限，不像是一份年度报告")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Binary content that is no supported format.
    #[error("无法识别的文件内容（不是文本、HTML、DOCX、XLSX 或 PDF，可能是二进制文件或已损坏）")]
    Unrecognised,
    /// A DOCX (zip) that cannot be opened.
    #[error("DOCX 文件已损坏或不完整：{0}")]
    Docx(String),
    /// An XLSX (zip) that cannot be read.
    #[error("XLSX 文件已损坏或不完整：{0}")]
    Xlsx(String),
    /// A PDF that cannot be read.
    #[error("PDF 文件已损坏、不完整或无法提取文字：{0}")]
    Pdf(String),
    /// The file cannot be read from disk.
    #[error("无法读取文件 {path}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

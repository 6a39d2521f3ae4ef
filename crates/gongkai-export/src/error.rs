//! The one error type of the export crate. Its messages are shown to clerks and deployers, so
//! they are Chinese and say what to do.

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The requested output format is not one of html, md, docx, xlsx, pdf.
    #[error("不支持的导出格式“{0}”，可选：html、md、docx、xlsx、pdf")]
    UnknownTarget(String),
    /// Characters that no loaded font can draw (a rare name character outside the embedded
    /// subsets): refused rather than printed as boxes.
    #[error(
        "以下字符在已加载的字体中都没有字形，无法生成 PDF：{chars}。\
         请把含有这些字符的字体文件（.ttf/.otf/.ttc）放入环境变量 GONGKAI_FONT_DIR 指定的目录后重试"
    )]
    MissingGlyphs {
        /// The characters with their code points.
        chars: String,
    },
    /// typst rejected the generated document (a bug in the template or its data).
    #[error("PDF 排版失败：{0}")]
    Typeset(String),
    /// typst could not write the PDF.
    #[error("PDF 输出失败：{0}")]
    Pdf(String),
    /// The XLSX writer failed.
    #[error("XLSX 生成失败：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The DOCX writer failed.
    #[error("DOCX 生成失败：{0}")]
    Docx(String),
}

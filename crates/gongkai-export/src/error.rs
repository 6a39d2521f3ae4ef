//! The one error type of the export crate. Its messages are shown to clerks and deployers, so
//! they are Chinese and say what to do.

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The requested output format is not one of html, md, docx, xlsx, pdf.
    #[error("不支持的导出格式“{0}”，可选：html、md、docx、xlsx、pdf")]
    UnknownTarget(String),
    /// No font with Chinese glyphs was found for the PDF.
    #[error(
        "生成 PDF 需要中文字体，但未找到（已查找：{searched}）。\
         请安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk），\
         或把 .ttf/.otf/.ttc 字体文件放入环境变量 GONGKAI_FONT_DIR 指定的目录"
    )]
    NoCjkFont {
        /// The files and directories that were searched.
        searched: String,
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

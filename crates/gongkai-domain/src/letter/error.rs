//! Why a letter template, a 文号 pattern or a letter's data is refused: one variant per rule, each
//! with a Chinese message a clerk editing a template can act on.

/// A refused template, 文号 pattern or fill.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LetterError {
    /// The title is blank.
    #[error("{kind}的标题不能为空")]
    EmptyTitle {
        /// The letter's name.
        kind: String,
    },
    /// The body is blank.
    #[error("{kind}的正文不能为空")]
    EmptyBody {
        /// The letter's name.
        kind: String,
    },
    /// A `{` without its `}`.
    #[error("{part}中的“{{”没有对应的“}}”：{near}")]
    Unclosed {
        /// 标题 or 正文.
        part: &'static str,
        /// The text from the brace on.
        near: String,
    },
    /// A `}` without its `{`.
    #[error("{part}中有多余的“}}”：{near}")]
    StrayClose {
        /// 标题 or 正文.
        part: &'static str,
        /// The text up to the brace.
        near: String,
    },
    /// `{}` with nothing inside.
    #[error("{part}中有空的占位符“{{}}”")]
    EmptyPlaceholder {
        /// 标题 or 正文.
        part: &'static str,
    },
    /// A placeholder the kind does not know.
    #[error("{kind}中不能使用占位符“{{{name}}}”。可用的占位符：{allowed}")]
    UnknownPlaceholder {
        /// The letter's name.
        kind: String,
        /// The placeholder.
        name: String,
        /// The allowed ones, listed.
        allowed: String,
    },
    /// A placeholder the kind must contain is missing.
    #[error("{kind}必须包含占位符“{{{name}}}”（{note}）")]
    MissingPlaceholder {
        /// The letter's name.
        kind: String,
        /// The placeholder.
        name: &'static str,
        /// What it stands for.
        note: &'static str,
    },
    /// A placeholder has no value.
    #[error("生成{kind}缺少“{name}”的内容")]
    MissingValue {
        /// The letter's name.
        kind: String,
        /// The placeholder.
        name: String,
    },
    /// The letter's date was given as text, not as a date.
    #[error("生成{kind}需要成文日期")]
    MissingDate {
        /// The letter's name.
        kind: String,
    },
    /// A template file that is not valid TOML of `[kind_id]` tables with `title` and `body`.
    #[error("模板文件无法读取：{0}")]
    BadFile(String),
    /// No shipped or stored template has this id.
    #[error("未知的文书类型“{0}”")]
    UnknownKind(String),
    /// The 文号 pattern is blank.
    #[error("文号格式不能为空")]
    EmptyDocNo,
    /// The 文号 pattern lacks `{年}` or `{序号}`, or has it twice.
    #[error("文号格式须包含且只包含一次“{{{0}}}”，例如“〔{{年}}〕第{{序号}}号”")]
    DocNoPart(&'static str),
    /// An unknown placeholder in the 文号 pattern.
    #[error("文号格式中不能使用“{{{0}}}”，可用的只有{{机关简称}}、{{年}}、{{序号}}")]
    DocNoUnknown(String),
    /// `{机关简称}` used without a short name.
    #[error("文号格式使用了“{{机关简称}}”，但本机关尚未设置机关简称")]
    DocNoShortName,
    /// The year in square or round brackets instead of 六角括号 (GB/T 9704—2012 7.2.4).
    #[error("文号中的年份应使用六角括号“〔〕”，不能用“{0}”（GB/T 9704—2012 第7.2.4条）")]
    DocNoBrackets(String),
    /// A serial padding width that is not 1–6.
    #[error("序号位数须为1至6位：{0}")]
    DocNoWidth(String),
}

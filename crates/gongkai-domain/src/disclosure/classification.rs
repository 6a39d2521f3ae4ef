//! 主题分类 and 体裁分类: the two classification trees of the 政府信息公开目录 (REGULATION.md §5.3).
//! Each agency keeps its own copy and edits it; the platform ships the usual national ones
//! (`data/classification.toml`, embedded). A category's code is a stable identifier — documents
//! store it — and its place in the tree is in the code itself: `02.01` sits under `02`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

/// The shipped trees (`[topic]` and `[genre]` tables).
pub const SHIPPED_CLASSIFICATION: &str = include_str!("../../data/classification.toml");
/// The longest category name.
pub const MAX_CATEGORY_NAME: usize = 30;
/// The deepest a tree may be.
pub const MAX_DEPTH: usize = 5;

/// Which of the two trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// 主题分类.
    Topic,
    /// 体裁分类.
    Genre,
}

impl Scheme {
    /// The table name in the TOML file.
    pub fn key(self) -> &'static str {
        match self {
            Scheme::Topic => "topic",
            Scheme::Genre => "genre",
        }
    }

    /// “主题分类” / “体裁分类”.
    pub fn label(self) -> &'static str {
        match self {
            Scheme::Topic => "主题分类",
            Scheme::Genre => "体裁分类",
        }
    }
}

/// Why a tree or an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassificationError {
    /// A code that is not 1–5 dot-separated segments of 1–4 letters or digits.
    #[error("分类代码“{0}”无效：应为以“.”分隔的1至5段字母或数字，每段不超过4位")]
    BadCode(String),
    /// A name that is empty, too long, or has control characters or `\`.
    #[error("分类名称“{0}”无效：不能为空，不超过30字，且不能包含控制字符或“\\”")]
    BadName(String),
    /// Two categories with one code.
    #[error("分类代码“{0}”重复")]
    DuplicateCode(String),
    /// Two siblings with one name.
    #[error("同一上级分类下已有“{0}”")]
    DuplicateName(String),
    /// A code whose parent is missing.
    #[error("分类“{code}”的上级分类“{parent}”不存在")]
    MissingParent {
        /// The category.
        code: String,
        /// Its parent's code.
        parent: String,
    },
    /// No category with the code.
    #[error("没有代码为“{0}”的分类")]
    NotFound(String),
    /// Removing a category that still has children.
    #[error("分类“{0}”下还有下级分类，须先删除下级分类")]
    HasChildren(String),
    /// The tree file could not be read.
    #[error("分类文件无法读取：{0}")]
    BadFile(String),
}

/// A category code such as `02` or `02.01`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CategoryCode(String);

impl CategoryCode {
    /// Parses a code: 1–5 segments of 1–4 ASCII letters or digits, separated by `.`.
    pub fn parse(s: &str) -> Result<CategoryCode, ClassificationError> {
        let s = s.trim();
        let segments: Vec<&str> = s.split('.').collect();
        let ok = segments.len() <= MAX_DEPTH
            && segments.iter().all(|g| {
                (1..=4).contains(&g.len()) && g.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if ok {
            Ok(CategoryCode(s.to_owned()))
        } else {
            Err(ClassificationError::BadCode(s.to_owned()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parent's code; `None` at the top.
    pub fn parent(&self) -> Option<CategoryCode> {
        self.0
            .rsplit_once('.')
            .map(|(p, _)| CategoryCode(p.to_owned()))
    }

    /// How deep it sits (1 at the top).
    pub fn depth(&self) -> usize {
        self.0.split('.').count()
    }

    /// Sort key: numeric segments by value, so `02.10` follows `02.9`.
    fn sort_key(&self) -> Vec<(u64, String)> {
        self.0
            .split('.')
            .map(|g| (g.parse().unwrap_or(u64::MAX), g.to_owned()))
            .collect()
    }
}

impl fmt::Display for CategoryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CategoryCode {
    type Error = ClassificationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CategoryCode::parse(&s)
    }
}

impl From<CategoryCode> for String {
    fn from(c: CategoryCode) -> String {
        c.0
    }
}

/// One category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Its code.
    pub code: CategoryCode,
    /// Its name.
    pub name: String,
}

/// A checked tree: every parent present, codes unique, sibling names unique, in code order.
/// Stored as JSON it is checked again when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Stored")]
pub struct Classification {
    scheme: Scheme,
    categories: Vec<Category>,
}

/// A tree as stored, before it is checked.
#[derive(Deserialize)]
struct Stored {
    scheme: Scheme,
    categories: Vec<Category>,
}

impl TryFrom<Stored> for Classification {
    type Error = ClassificationError;
    fn try_from(s: Stored) -> Result<Self, Self::Error> {
        Classification::new(s.scheme, s.categories)
    }
}

static SHIPPED: LazyLock<[Classification; 2]> = LazyLock::new(|| {
    [Scheme::Topic, Scheme::Genre].map(|s| {
        Classification::load_toml(s, SHIPPED_CLASSIFICATION)
            .expect("the shipped classification.toml is checked by the tests")
    })
});

impl Classification {
    /// Checks a tree given as a list of categories (in any order).
    pub fn new(scheme: Scheme, mut categories: Vec<Category>) -> Result<Self, ClassificationError> {
        categories.sort_by_key(|c| c.code.sort_key());
        for (i, c) in categories.iter().enumerate() {
            check_name(&c.name)?;
            if categories[..i].iter().any(|o| o.code == c.code) {
                return Err(ClassificationError::DuplicateCode(c.code.0.clone()));
            }
            if let Some(p) = c
                .code
                .parent()
                .filter(|p| !categories.iter().any(|o| o.code == *p))
            {
                return Err(ClassificationError::MissingParent {
                    code: c.code.0.clone(),
                    parent: p.0,
                });
            }
            let sibling = |o: &&Category| o.code.parent() == c.code.parent() && o.name == c.name;
            if categories[..i].iter().any(|o| sibling(&o)) {
                return Err(ClassificationError::DuplicateName(c.name.clone()));
            }
        }
        Ok(Classification { scheme, categories })
    }

    /// The shipped national tree of `scheme`.
    pub fn shipped(scheme: Scheme) -> Classification {
        match scheme {
            Scheme::Topic => SHIPPED[0].clone(),
            Scheme::Genre => SHIPPED[1].clone(),
        }
    }

    /// Reads the `[topic]` or `[genre]` table (code = name) of a file in the layout of
    /// `data/classification.toml`.
    pub fn load_toml(scheme: Scheme, text: &str) -> Result<Self, ClassificationError> {
        let file: BTreeMap<String, BTreeMap<String, String>> =
            toml::from_str(text).map_err(|e| ClassificationError::BadFile(e.to_string()))?;
        let table = file.get(scheme.key()).ok_or_else(|| {
            ClassificationError::BadFile(format!("缺少[{}]（{}）", scheme.key(), scheme.label()))
        })?;
        let categories = table
            .iter()
            .map(|(code, name)| {
                Ok(Category {
                    code: CategoryCode::parse(code)?,
                    name: name.trim().to_owned(),
                })
            })
            .collect::<Result<Vec<_>, ClassificationError>>()?;
        Classification::new(scheme, categories)
    }

    /// The tree as a `[topic]` / `[genre]` TOML table, for export and editing.
    pub fn to_toml(&self) -> String {
        let mut out = format!("[{}]\n", self.scheme.key());
        for c in &self.categories {
            out.push_str(&format!("\"{}\" = {:?}\n", c.code, c.name));
        }
        out
    }

    /// Which tree it is.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Every category, parents before children, in code order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The category with `code`.
    pub fn get(&self, code: &CategoryCode) -> Option<&Category> {
        self.categories.iter().find(|c| c.code == *code)
    }

    /// The children of `parent` (`None`: the top level), in order.
    pub fn children<'a>(
        &'a self,
        parent: Option<&'a CategoryCode>,
    ) -> impl Iterator<Item = &'a Category> + 'a {
        self.categories
            .iter()
            .filter(move |c| c.code.parent().as_ref() == parent)
    }

    /// The names from the top down, joined as gov.cn prints them: “综合政务\政务公开”.
    pub fn path(&self, code: &CategoryCode) -> Option<String> {
        let mut names = vec![self.get(code)?.name.as_str()];
        let mut at = code.parent();
        while let Some(p) = at {
            names.push(self.get(&p)?.name.as_str());
            at = p.parent();
        }
        names.reverse();
        Some(names.join("\\"))
    }

    /// The category meant by `text`: a code, a path (“综合政务\政务公开”, also with `/` or `>`),
    /// or a name that occurs once in the tree.
    pub fn resolve(&self, text: &str) -> Option<&Category> {
        let t = text.trim();
        if let Some(c) = CategoryCode::parse(t).ok().and_then(|code| self.get(&code)) {
            return Some(c);
        }
        let wanted: Vec<&str> = t.split(['\\', '/', '／', '>']).map(str::trim).collect();
        let by_path = self.categories.iter().find(|c| {
            self.path(&c.code)
                .is_some_and(|p| p.split('\\').eq(wanted.iter().copied()))
        });
        if by_path.is_some() {
            return by_path;
        }
        let mut named = self.categories.iter().filter(|c| c.name == t);
        match (named.next(), named.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }

    /// A copy with a new category `name` under `parent`, coded one above its last sibling.
    pub fn add(
        &self,
        parent: Option<&CategoryCode>,
        name: &str,
    ) -> Result<(Classification, CategoryCode), ClassificationError> {
        if let Some(p) = parent.filter(|p| self.get(p).is_none()) {
            return Err(ClassificationError::NotFound(p.0.clone()));
        }
        let next = self
            .children(parent)
            .filter_map(|c| c.code.0.rsplit('.').next()?.parse::<u32>().ok())
            .max()
            .map_or(1, |n| n + 1);
        let code = CategoryCode::parse(&match parent {
            Some(p) => format!("{p}.{next:02}"),
            None => format!("{next:02}"),
        })?;
        let mut categories = self.categories.clone();
        categories.push(Category {
            code: code.clone(),
            name: name.trim().to_owned(),
        });
        Ok((Classification::new(self.scheme, categories)?, code))
    }

    /// A copy with the category `code` renamed.
    pub fn rename(&self, code: &CategoryCode, name: &str) -> Result<Self, ClassificationError> {
        let mut categories = self.categories.clone();
        let c = categories
            .iter_mut()
            .find(|c| c.code == *code)
            .ok_or_else(|| ClassificationError::NotFound(code.0.clone()))?;
        c.name = name.trim().to_owned();
        Classification::new(self.scheme, categories)
    }

    /// A copy without the category `code` (which must have no children). Documents that use it
    /// are the store's to check.
    pub fn remove(&self, code: &CategoryCode) -> Result<Self, ClassificationError> {
        let c = self
            .get(code)
            .ok_or_else(|| ClassificationError::NotFound(code.0.clone()))?;
        if self.children(Some(code)).next().is_some() {
            return Err(ClassificationError::HasChildren(c.name.clone()));
        }
        let categories = self.categories.iter().filter(|c| c.code != *code).cloned();
        Classification::new(self.scheme, categories.collect())
    }
}

fn check_name(name: &str) -> Result<(), ClassificationError> {
    let n = name.chars().count();
    let bad_char = name.chars().any(|c| c.is_control() || c == '\\');
    if n == 0 || n > MAX_CATEGORY_NAME || bad_char || name.trim() != name {
        return Err(ClassificationError::BadName(name.to_owned()));
    }
    Ok(())
}

//! A letter template: a title and a body with named placeholders in braces (`{申请人}`), checked
//! against its kind when built, so a stored template is always fillable. The shipped defaults for
//! every kind live in `data/letters.toml`, embedded in the binary.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{LetterError, LetterKind, placeholder};

/// The shipped default templates, one table per kind id.
pub const SHIPPED: &str = include_str!("../../data/letters.toml");

/// A checked template of one kind of letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    kind: LetterKind,
    title: String,
    body: String,
}

/// A piece of template text: literal text or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Segment {
    /// Literal text (escaped braces already resolved).
    Text(String),
    /// A placeholder's name.
    Field(String),
}

impl Template {
    /// Checks an agency's template: title and body not blank, braces balanced, only placeholders
    /// the kind allows, and every placeholder it requires present (in the title or the body).
    /// `{{` and `}}` write a literal brace; full-width `｛｝` work as braces too.
    pub fn parse(kind: LetterKind, title: &str, body: &str) -> Result<Template, LetterError> {
        let (title, body) = (title.trim(), body.trim());
        if title.is_empty() {
            return Err(LetterError::EmptyTitle { kind: kind.name() });
        }
        if body.is_empty() {
            return Err(LetterError::EmptyBody { kind: kind.name() });
        }
        let mut used = fields(&segments("标题", title)?);
        used.extend(fields(&segments("正文", body)?));
        let allowed = kind.allowed_placeholders();
        if let Some(name) = used.iter().find(|n| !allowed.contains(&n.as_str())) {
            return Err(LetterError::UnknownPlaceholder {
                kind: kind.name(),
                name: name.clone(),
                allowed: allowed
                    .iter()
                    .map(|a| format!("{{{a}}}"))
                    .collect::<Vec<_>>()
                    .join("、"),
            });
        }
        if let Some(name) = kind
            .required_placeholders()
            .iter()
            .find(|r| !used.iter().any(|u| u == *r))
        {
            return Err(LetterError::MissingPlaceholder {
                kind: kind.name(),
                name,
                note: placeholder(name).map_or("", |p| p.note),
            });
        }
        Ok(Template {
            kind,
            title: title.to_owned(),
            body: body.to_owned(),
        })
    }

    /// The shipped default template of `kind`.
    pub fn default_for(kind: LetterKind) -> Template {
        DEFAULTS
            .iter()
            .find(|t| t.kind == kind)
            .cloned()
            .unwrap_or_else(|| Template {
                kind,
                title: kind.default_title().to_owned(),
                body: String::new(),
            })
    }

    /// Every shipped default, one per kind, in [`LetterKind::all`] order.
    pub fn defaults() -> &'static [Template] {
        &DEFAULTS
    }

    /// Reads a set of templates in the `data/letters.toml` layout (`[kind_id]` with `title` and
    /// `body`), checking each; used for the shipped defaults and for importing an agency's set.
    pub fn load_toml(text: &str) -> Result<Vec<Template>, LetterError> {
        #[derive(Deserialize)]
        struct Entry {
            title: String,
            body: String,
        }
        let table: BTreeMap<String, Entry> =
            toml::from_str(text).map_err(|e| LetterError::BadFile(e.to_string()))?;
        let mut out = Vec::new();
        for (id, entry) in table {
            let kind = LetterKind::from_id(&id).ok_or(LetterError::UnknownKind(id))?;
            out.push(Template::parse(kind, &entry.title, &entry.body)?);
        }
        out.sort_by_key(|t| t.kind.position());
        Ok(out)
    }

    /// The kind of letter.
    pub fn kind(&self) -> LetterKind {
        self.kind
    }

    /// The title as written (with its placeholders).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The body as written: one paragraph per line.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The placeholders used, in order of first use, each once.
    pub fn placeholders(&self) -> Vec<String> {
        let mut out = Vec::new();
        for part in [&self.title, &self.body] {
            for name in fields(&self.pieces(part)) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// The title's or body's segments; they were checked when the template was built.
    pub(super) fn pieces(&self, text: &str) -> Vec<Segment> {
        segments("正文", text).unwrap_or_else(|_| vec![Segment::Text(text.to_owned())])
    }
}

/// The shipped defaults, read once.
static DEFAULTS: LazyLock<Vec<Template>> = LazyLock::new(|| {
    Template::load_toml(SHIPPED)
        .expect("data/letters.toml is valid: tests/it/letter.rs parses every entry")
});

fn fields(segments: &[Segment]) -> Vec<String> {
    segments
        .iter()
        .filter_map(|s| match s {
            Segment::Field(n) => Some(n.clone()),
            Segment::Text(_) => None,
        })
        .collect()
}

fn is_open(c: char) -> bool {
    c == '{' || c == '｛'
}

fn is_close(c: char) -> bool {
    c == '}' || c == '｝'
}

/// Splits `text` into literal text and placeholders; `part` names it in errors.
pub(super) fn segments(part: &'static str, text: &str) -> Result<Vec<Segment>, LetterError> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if (is_open(c) || is_close(c)) && chars.peek().is_some_and(|&(_, n)| n == c) {
            chars.next();
            literal.push(if is_open(c) { '{' } else { '}' });
            continue;
        }
        if is_close(c) {
            let near: String = text[..i].chars().rev().take(12).collect();
            return Err(LetterError::StrayClose {
                part,
                near: near.chars().rev().chain([c]).collect(),
            });
        }
        if !is_open(c) {
            literal.push(c);
            continue;
        }
        let rest = &text[i + c.len_utf8()..];
        let Some(end) = rest.find(is_close) else {
            return Err(LetterError::Unclosed {
                part,
                near: text[i..].chars().take(12).collect(),
            });
        };
        let name = rest[..end].trim();
        if name.is_empty() {
            return Err(LetterError::EmptyPlaceholder { part });
        }
        if name.contains(is_open) || name.contains('\n') {
            return Err(LetterError::Unclosed {
                part,
                near: text[i..].chars().take(12).collect(),
            });
        }
        if !literal.is_empty() {
            out.push(Segment::Text(std::mem::take(&mut literal)));
        }
        out.push(Segment::Field(name.to_owned()));
        let consumed = rest[..end].chars().count() + 1;
        for _ in 0..consumed {
            chars.next();
        }
    }
    if !literal.is_empty() {
        out.push(Segment::Text(literal));
    }
    Ok(out)
}

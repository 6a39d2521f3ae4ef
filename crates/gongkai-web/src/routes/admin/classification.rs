//! An agency's 主题分类 and 体裁分类 trees (`REGULATION.md` §5.3): the shipped national tree
//! until the agency changes it here — a category added under another (its code is the next
//! free one), renamed, or removed when nothing below it is left and no public document is
//! filed under it. Edited by whoever may edit the agency; every save is audited.

use crate::auth::CurrentUser;
use crate::extract::{Form, Path};
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::routes::admin::profile::{agency, can_edit};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::disclosure::{CategoryCode, Classification, ClassificationError, Scheme};
use gongkai_storage::{Actor, Agency, StoreError};
use serde::Deserialize;

/// One line of the tree as the page shows it.
struct Line {
    code: String,
    name: String,
    /// 0 for a top-level category.
    depth: usize,
}

#[derive(Template)]
#[template(path = "admin/classification.html")]
struct TreePage {
    c: Chrome,
    a: Agency,
    scheme: &'static str,
    label: &'static str,
    other: (&'static str, &'static str),
    lines: Vec<Line>,
    version: i32,
    can_edit: bool,
    errors: FieldErrors,
}

/// A change: `action` is `add` (under `parent`, empty = top level), `rename` or `remove`
/// (of `code`).
#[derive(Deserialize)]
pub struct TreeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i32,
    #[serde(default)]
    action: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

fn scheme_of(key: &str) -> Result<Scheme, WebError> {
    match key {
        "topic" => Ok(Scheme::Topic),
        "genre" => Ok(Scheme::Genre),
        _ => Err(WebError::NotFound("分类目录")),
    }
}

fn page(
    me: &CurrentUser,
    a: Agency,
    tree: &Classification,
    version: i32,
    errors: FieldErrors,
) -> TreePage {
    let scheme = tree.scheme();
    let other = match scheme {
        Scheme::Topic => Scheme::Genre,
        Scheme::Genre => Scheme::Topic,
    };
    TreePage {
        c: Chrome::admin(scheme.label(), me),
        can_edit: can_edit(me, &a),
        a,
        scheme: scheme.key(),
        label: scheme.label(),
        other: (other.key(), other.label()),
        lines: tree
            .categories()
            .iter()
            .map(|c| Line {
                code: c.code.as_str().to_owned(),
                name: c.name.clone(),
                depth: c.code.depth() - 1,
            })
            .collect(),
        version,
        errors,
    }
}

/// GET /admin/agencies/{id}/classification/{scheme}
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, key)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let scheme = scheme_of(&key)?;
    let a = agency(&state, &me, id).await?;
    let (tree, version) = state.store.classification(a.id, scheme).await?;
    render(&page(&me, a, &tree, version, FieldErrors::new()))
}

/// The changed tree and what the audit log says of it, or the field and message to show;
/// `used` is how many public documents are filed under the category a removal names.
fn change(
    tree: &Classification,
    f: &TreeForm,
    used: u64,
) -> Result<(Classification, String), (&'static str, String)> {
    let code = |s: &str| CategoryCode::parse(s.trim()).map_err(|e| ("code", e.to_string()));
    let named = |c: &CategoryCode| tree.get(c).map_or_else(String::new, |c| c.name.clone());
    let bad = |field| move |e: ClassificationError| (field, e.to_string());
    match f.action.as_str() {
        "add" => {
            let parent = match f.parent.trim() {
                "" => None,
                p => Some(code(p).map_err(|(_, m)| ("parent", m))?),
            };
            let (t, c) = tree.add(parent.as_ref(), &f.name).map_err(bad("name"))?;
            Ok((t, format!("新增“{}”（{}）", f.name.trim(), c.as_str())))
        }
        "rename" => {
            let c = code(&f.code)?;
            let old = named(&c);
            let t = tree.rename(&c, &f.name).map_err(bad("name"))?;
            Ok((t, format!("“{old}”改名为“{}”", f.name.trim())))
        }
        "remove" => {
            let c = code(&f.code)?;
            let name = named(&c);
            if used > 0 {
                return Err((
                    "code",
                    format!("“{name}”及其下级分类下有 {used} 份已公开的文件，不能删除；可以改名"),
                ));
            }
            let t = tree.remove(&c).map_err(bad("code"))?;
            Ok((t, format!("删除“{name}”（{}）", c.as_str())))
        }
        _ => Err(("action", "请选择要做的修改".to_owned())),
    }
}

/// POST /admin/agencies/{id}/classification/{scheme}
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, key)): Path<(i64, String)>,
    Form(f): Form<TreeForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let scheme = scheme_of(&key)?;
    let a = agency(&state, &me, id).await?;
    crate::auth::require(can_edit(&me, &a))?;
    let (tree, version) = state.store.classification(a.id, scheme).await?;
    let mut errors = FieldErrors::new();
    if version != f.version {
        errors.add(
            "action",
            "分类目录已被他人修改，请看下面最新的目录后重新操作",
        );
        return reshow(&page(&me, a, &tree, version, errors));
    }
    // A category is not removed while public documents are filed under it.
    let used = match (f.action.as_str(), CategoryCode::parse(f.code.trim())) {
        ("remove", Ok(c)) => state.store.documents_in_category(a.id, scheme, &c).await?,
        _ => 0,
    };
    match change(&tree, &f, used) {
        Ok((changed, summary)) => {
            let actor = Actor::user(&me.user);
            match state
                .store
                .set_classification(&actor, a.id, version, &changed, &summary)
                .await
            {
                Ok(_) => {
                    let to = format!("/admin/agencies/{id}/classification/{key}");
                    Ok(Redirect::to(&to).into_response())
                }
                Err(StoreError::Stale) => {
                    errors.add("action", "分类目录已被他人修改，请刷新后重新操作");
                    reshow(&page(&me, a, &tree, version, errors))
                }
                Err(e) => Err(e.into()),
            }
        }
        Err((field, message)) => {
            errors.add(field, message);
            reshow(&page(&me, a, &tree, version, errors))
        }
    }
}

//! The columns of 法定主动公开内容: the fifteen items of 《条例》第二十条 for every agency, and the
//! topics of 第二十一条 for city, county and township governments and their departments.

use gongkai_domain::choice::Choice;
use gongkai_domain::disclosure::{Art20Item, Art21Scope, StatutoryItem};
use gongkai_storage::{Agency, Scope, Store, StoreResult};

/// One column: the item id used in `?item=` and its caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// `art20_1`, `art21_social_assistance` …
    pub id: &'static str,
    /// The item's wording.
    pub label: &'static str,
}

/// The columns of one agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// 第二十条 (一)–(十五).
    pub art20: Vec<Column>,
    /// 第二十一条 topics; empty when the article does not apply to the agency.
    pub art21: Vec<Column>,
    /// The wording of 第二十一条 that applies, or empty.
    pub art21_wording: &'static str,
}

fn column(item: StatutoryItem) -> Column {
    Column {
        id: item.id(),
        label: item.label(),
    }
}

/// The columns of `agency` (its parent's level decides 第二十一条 for a department).
pub async fn of(store: &dyn Store, agency: &Agency) -> StoreResult<Columns> {
    let parent = match agency.parent_id {
        Some(p) => Some(store.agency(Scope::agency(p), p).await?.level),
        None => None,
    };
    let scope = Art21Scope::of(agency.level, parent);
    Ok(Columns {
        art20: Art20Item::all()
            .map(|i| column(StatutoryItem::Art20(i)))
            .collect(),
        art21: scope.map_or_else(Vec::new, |s| {
            s.items()
                .iter()
                .map(|i| column(StatutoryItem::Art21(*i)))
                .collect()
        }),
        art21_wording: scope.map_or("", Art21Scope::wording),
    })
}

//! The document list of the 专栏: filters as query parameters (so a filtered list can be linked
//! to and bookmarked), their store filter, and the pager. Values that do not parse are dropped
//! rather than refused: a hand-edited link still shows a list.

use gongkai_domain::disclosure::{CategoryCode, StatutoryItem};
use gongkai_storage::AgencyId;
use gongkai_storage::documents::PublicFilter;
use serde::Deserialize;

/// Documents on one page.
pub const PER_PAGE: u64 = 20;

/// The query string of the list, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DocsQuery {
    /// A 第二十条 / 第二十一条 item id.
    pub item: String,
    /// A 主题分类 code.
    pub topic: String,
    /// A 体裁分类 code.
    pub genre: String,
    /// 成文日期's year.
    pub year: String,
    /// `valid`, `expired` or `repealed`.
    pub validity: String,
    /// The page, from 1.
    pub page: String,
}

fn code(s: &str) -> Option<String> {
    CategoryCode::parse(s.trim())
        .ok()
        .map(|c| c.as_str().to_owned())
}

/// A year worth filtering on (four digits).
pub fn year(s: &str) -> Option<i32> {
    s.trim().parse().ok().filter(|y| (1949..=9999).contains(y))
}

impl DocsQuery {
    /// The statutory item asked for, if it is one.
    pub fn item(&self) -> Option<StatutoryItem> {
        StatutoryItem::parse(&self.item)
    }

    /// The store filter for `agency` (`None` = the platform).
    pub fn filter(&self, agency: Option<AgencyId>) -> PublicFilter {
        let validity = ["valid", "expired", "repealed"]
            .into_iter()
            .find(|v| *v == self.validity.trim());
        PublicFilter {
            agency,
            item: self.item().map(|i| i.id().to_owned()),
            topic: code(&self.topic),
            genre: code(&self.genre),
            year: year(&self.year),
            validity: validity.map(str::to_owned),
            since: None,
        }
    }

    /// The page asked for, from 1.
    pub fn page(&self) -> u64 {
        self.page.trim().parse().unwrap_or(1).max(1)
    }

    /// The filters as a query string without the page (for the pager's links).
    pub fn without_page(&self) -> String {
        let pairs = [
            ("item", &self.item),
            ("topic", &self.topic),
            ("genre", &self.genre),
            ("year", &self.year),
            ("validity", &self.validity),
        ];
        crate::cases::code::query_string(&pairs)
    }
}

/// One link of the pager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    /// The page number.
    pub number: u64,
    /// Whether it is the page shown.
    pub current: bool,
    /// Its URL.
    pub href: String,
}

/// The pager under a list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pager {
    /// Pages near the current one (the first and the last always included).
    pub links: Vec<PageLink>,
    /// The previous page's URL, if any.
    pub prev: Option<String>,
    /// The next page's URL, if any.
    pub next: Option<String>,
    /// How many pages there are.
    pub pages: u64,
}

impl Pager {
    /// The pager of page `page` of `total` items, `per_page` each, linking to `base` (a path
    /// with its query string, to which `page=` is added).
    pub fn new(base: &str, page: u64, total: u64, per_page: u64) -> Pager {
        let pages = total.div_ceil(per_page).max(1);
        let sep = if base.contains('?') { "&" } else { "?" };
        let href = |n: u64| format!("{base}{sep}page={n}");
        let links = (1..=pages)
            .filter(|n| *n == 1 || *n == pages || n.abs_diff(page) <= 3)
            .map(|number| PageLink {
                number,
                current: number == page,
                href: href(number),
            })
            .collect();
        Pager {
            links,
            prev: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
            pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_filters_are_dropped_and_good_ones_kept() {
        let q = DocsQuery {
            item: "art20_7".into(),
            topic: "02.02".into(),
            genre: "../x".into(),
            year: "20x6".into(),
            validity: "valid' OR 1".into(),
            page: "-3".into(),
        };
        let f = q.filter(None);
        assert_eq!(f.item.as_deref(), Some("art20_7"));
        assert_eq!(f.topic.as_deref(), Some("02.02"));
        assert_eq!((f.genre, f.year, f.validity), (None, None, None));
        assert_eq!(q.page(), 1);
    }

    #[test]
    fn the_pager_links_near_pages_and_both_ends() {
        let p = Pager::new("/xxgk/A/docs?year=2026", 10, 400, 20);
        let numbers: Vec<u64> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 7, 8, 9, 10, 11, 12, 13, 20]);
        assert_eq!(p.prev.as_deref(), Some("/xxgk/A/docs?year=2026&page=9"));
        assert_eq!(Pager::new("/d", 1, 0, 20).next, None);
    }
}

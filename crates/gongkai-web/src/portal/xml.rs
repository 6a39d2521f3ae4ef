//! The Atom feed of newly published documents and `sitemap.xml`, written by hand: two small,
//! fixed shapes, where every text and URL goes through [`escape`] (an XML library would add a
//! dependency for no gain).

use chrono::NaiveDate;
use std::fmt::Write;

/// Text for XML content or an attribute: markup characters escaped, characters XML 1.0 forbids
/// (C0 controls other than tab and newlines) dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A day as an Atom date: midnight in Beijing.
fn atom_date(d: NaiveDate) -> String {
    format!("{d}T00:00:00+08:00")
}

/// One entry of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The document page, absolute.
    pub url: String,
    /// 标题.
    pub title: String,
    /// 发布机构.
    pub publisher: String,
    /// 内容概述 or the start of the text.
    pub summary: String,
    /// First 发布日期.
    pub published: NaiveDate,
    /// 发布日期 of the version shown.
    pub updated: NaiveDate,
}

/// The feed: `self_url` is its own absolute URL, `home` the page it stands for.
pub fn atom(title: &str, self_url: &str, home: &str, entries: &[Entry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or(NaiveDate::MIN);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
    let _ = writeln!(x, "  <title>{}</title>", escape(title));
    let _ = writeln!(x, "  <id>{}</id>", escape(self_url));
    let _ = writeln!(x, "  <link rel=\"self\" href=\"{}\"/>", escape(self_url));
    let _ = writeln!(x, "  <link rel=\"alternate\" href=\"{}\"/>", escape(home));
    let _ = writeln!(x, "  <updated>{}</updated>", atom_date(updated));
    for e in entries {
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&e.title));
        let _ = writeln!(x, "    <id>{}</id>", escape(&e.url));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" href=\"{}\"/>",
            escape(&e.url)
        );
        let _ = writeln!(x, "    <published>{}</published>", atom_date(e.published));
        let _ = writeln!(x, "    <updated>{}</updated>", atom_date(e.updated));
        let _ = writeln!(
            x,
            "    <author><name>{}</name></author>",
            escape(&e.publisher)
        );
        let _ = writeln!(x, "    <summary>{}</summary>", escape(&e.summary));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// `sitemap.xml` of absolute URLs with their last change, if known.
pub fn sitemap(urls: &[(String, Option<NaiveDate>)]) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (url, lastmod) in urls {
        let _ = write!(x, "  <url><loc>{}</loc>", escape(url));
        if let Some(d) = lastmod {
            let _ = write!(x, "<lastmod>{d}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// A sitemap index of the parts at `urls`.
pub fn sitemap_index(urls: &[String]) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for url in urls {
        let _ = writeln!(x, "  <sitemap><loc>{}</loc></sitemap>", escape(url));
    }
    x.push_str("</sitemapindex>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_do_not_survive() {
        assert_eq!(
            escape("<a href=\"x\">甲&乙'</a>\u{1}\u{b}"),
            "&lt;a href=&quot;x&quot;&gt;甲&amp;乙&apos;&lt;/a&gt;"
        );
    }
}

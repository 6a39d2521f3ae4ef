//! The 正文 of a document as HTML that is safe to put on a page: Markdown rendered by
//! pulldown-cmark, and either kind cleaned by ammonia — scripts, event handlers, `javascript:`
//! links, styles and every resource from another site removed (government intranets have no
//! internet, and an outside image would leak readers' visits). Images may only come from
//! gongkai itself (a path, not a URL with a host).

use gongkai_domain::disclosure::{Body, BodyFormat};
use std::collections::HashSet;

/// The body as sanitised HTML.
pub fn to_html(body: &Body) -> String {
    let raw = match body.format {
        BodyFormat::Markdown => markdown(&body.text),
        BodyFormat::Html => body.text.clone(),
    };
    sanitise(&raw)
}

/// The body as plain text (for search and the feed's summary).
pub fn to_text(body: &Body) -> String {
    let html = to_html(body);
    let fragment = ammonia::Builder::empty().clean(&html).to_string();
    // `Builder::empty` keeps text only but leaves entities encoded; decode the common ones.
    fragment
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn markdown(text: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// Only local URLs: a path, or a fragment. Anything with a scheme or a host is dropped.
fn local_url(url: &str) -> bool {
    let u = url.trim();
    (u.starts_with('/') && !u.starts_with("//")) || u.starts_with('#')
}

fn sanitise(html: &str) -> String {
    let attrs: HashSet<&str> = ["title", "colspan", "rowspan", "align"].into();
    ammonia::Builder::default()
        .generic_attributes(attrs)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // Links may leave the site (a citizen may follow them); images may not.
            ("img", "src") if !local_url(value) => None,
            _ => Some(value.into()),
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        to_html(&Body {
            format: BodyFormat::Html,
            text: text.into(),
        })
    }

    #[test]
    fn markdown_becomes_html_with_chinese_kept() {
        let b = Body {
            format: BodyFormat::Markdown,
            text:
                "# 关于做好预算公开的通知\n\n各单位：\n\n| 项目 | 金额 |\n|---|---|\n| 办公 | 5 |\n"
                    .into(),
        };
        let out = to_html(&b);
        assert!(out.contains("<h1>关于做好预算公开的通知</h1>"), "{out}");
        assert!(
            out.contains("<table>") && out.contains("<td>办公</td>"),
            "{out}"
        );
        assert!(to_text(&b).contains("各单位："));
    }

    #[test]
    fn xss_payloads_are_removed() {
        let payloads = [
            ("<script>alert(1)</script>正文", "<script"),
            ("<img src=x onerror=alert(1)>", "onerror"),
            ("<a href=\"javascript:alert(1)\">点此</a>", "javascript:"),
            ("<p onclick=\"steal()\">文字</p>", "onclick"),
            ("<iframe src=\"https://evil.example/\"></iframe>", "<iframe"),
            ("<svg><script>alert(1)</script></svg>", "alert"),
            (
                "<p style=\"background:url(https://evil.example/x)\">文字</p>",
                "evil",
            ),
            ("<img src=\"https://tracker.example/p.gif\">", "tracker"),
            ("<img src=\"//tracker.example/p.gif\">", "tracker"),
            (
                "<form action=\"https://evil.example\"><input name=q></form>",
                "<form",
            ),
            ("<object data=\"x.swf\"></object>", "<object"),
            (
                "<link rel=stylesheet href=\"https://cdn.example/x.css\">",
                "cdn.example",
            ),
        ];
        for (input, banned) in payloads {
            let out = html(input);
            assert!(!out.contains(banned), "{input} → {out}");
        }
        // Markdown may carry raw HTML too.
        let md = Body {
            format: BodyFormat::Markdown,
            text: "正文<script>alert(1)</script>\n\n[点此](javascript:alert(1))".into(),
        };
        let out = to_html(&md);
        assert!(
            !out.contains("<script") && !out.contains("javascript:"),
            "{out}"
        );
    }

    #[test]
    fn harmless_markup_and_local_images_stay() {
        let out = html(
            "<p>第一条　<strong>重点</strong></p><img src=\"/xxgk/a/docs/1/files/2\" alt=\"图\"><a href=\"https://www.gov.cn/\">中国政府网</a>",
        );
        assert!(out.contains("<strong>重点</strong>"), "{out}");
        assert!(out.contains("src=\"/xxgk/a/docs/1/files/2\""), "{out}");
        assert!(out.contains("href=\"https://www.gov.cn/\""), "{out}");
        assert!(out.contains("rel=\"noopener noreferrer\""), "{out}");
    }
}

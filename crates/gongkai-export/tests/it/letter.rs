//! Letters: the DOCX and the PDF are read back (XML unzipped, PDF text extracted) and hold the
//! title, 文号, reasons, legal basis and 救济途径; the DOCX names the 公文 fonts with `zh-CN` tags
//! and the GB/T 9704 page; the PDF embeds its fonts and numbers its pages; a character no font has
//! is reported; the HTML preview escapes everything.

use crate::ooxml::unzip;
use crate::support::squash;
use chrono::NaiveDate;
use gongkai_domain::application::{Party, Reply, WithheldGround};
use gongkai_domain::letter::{Fields, Letter, LetterKind, Template, fill, remedies};
use gongkai_export::letter::{LETTER_CSS, LetterFormat, letter_html, render_letter};
use gongkai_export::{ExportError, Target, render};

const REASONS: &str =
    "该信息系本机关在研究制定整改方案过程中形成的讨论记录和过程稿，尚未形成正式决定";
const BASIS: &str = "《中华人民共和国政府信息公开条例》第三十七条、第十六条第二款";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A 部分公开 answer with every part of the frame: 文号, attachments, contact.
pub fn partly_granted() -> Letter {
    let kind = LetterKind::for_reply(Reply::PartlyGranted);
    let mut f = Fields::new();
    f.set("申请人", "张三")
        .set("机关名称", "宜春市袁州区自然资源局")
        .set_date("成文日期", d("2026-04-14"))
        .set_date("收到申请日期", d("2026-03-02"))
        .set("文号", "袁自然资依申公开〔2026〕第12号")
        .set(
            "申请内容",
            "2025年袁州区秀江东路地块土地征收补偿安置方案及其批复文件",
        )
        .set("理由", REASONS)
        .set("法律依据", BASIS)
        .set("不予公开部分", "补偿安置方案讨论稿（第一稿至第三稿）")
        .set(
            "提供方式",
            "现将可以公开的《土地征收补偿安置方案》及其批复随本答复书一并提供给您",
        )
        .set(
            "救济途径",
            remedies(
                Some(Reply::PartlyGranted),
                "宜春市袁州区人民政府",
                "宜春市袁州区人民法院",
            ),
        )
        .set("联系人", "王芳")
        .set("联系电话", "0795-3201234")
        .attach("袁州区秀江东路地块土地征收补偿安置方案")
        .attach("关于秀江东路地块土地征收补偿安置方案的批复");
    fill(&Template::default_for(kind), &f).unwrap()
}

/// A 不予公开 answer without 文号, contact or attachments.
fn withheld() -> Letter {
    let reply = Reply::Withheld(WithheldGround::ProcessInfo);
    let mut f = Fields::new();
    f.set("申请人", "李四")
        .set("机关名称", "宜春市袁州区人民政府办公室")
        .set_date("成文日期", d("2026-12-01"))
        .set_date("收到申请日期", d("2026-11-10"))
        .set("申请内容", "区政府常务会议关于老旧小区改造的讨论记录")
        .set("理由", REASONS)
        .set(
            "法律依据",
            "《中华人民共和国政府信息公开条例》第十六条第二款",
        )
        .set(
            "救济途径",
            remedies(Some(reply), "宜春市人民政府", "宜春市中级人民法院"),
        );
    fill(&Template::default_for(LetterKind::for_reply(reply)), &f).unwrap()
}

fn pdf_text(letter: &Letter) -> String {
    let pdf = render_letter(letter, LetterFormat::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    pdf_extract::extract_text_from_mem(&pdf).unwrap()
}

fn docx_xml(letter: &Letter) -> (String, std::collections::BTreeMap<String, String>) {
    let parts = unzip(&render_letter(letter, LetterFormat::Docx).unwrap());
    (parts["word/document.xml"].clone(), parts)
}

/// The text of the `w:t` elements, concatenated.
fn docx_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t") {
        let open_end = start + rest[start..].find('>').unwrap();
        let body = &rest[open_end + 1..];
        let close = body.find("</w:t>").unwrap_or(0);
        if !rest[start..open_end].ends_with('/') && !rest[start..].starts_with("<w:tab") {
            out.push_str(&body[..close]);
        }
        rest = &body[close..];
    }
    out
}

#[test]
fn the_docx_holds_title_doc_no_reasons_basis_and_remedies() {
    for letter in [partly_granted(), withheld()] {
        let (xml, _) = docx_xml(&letter);
        let text = docx_text(&xml);

        for expected in letter.texts() {
            assert!(text.contains(&expected), "{expected}\n{text}");
        }
        assert!(text.contains(REASONS) && text.contains("第十六条第二款"));
        assert!(text.contains("救济") || text.contains("行政复议"), "{text}");
        assert!(text.contains(&format!("{}：", letter.addressee)));
    }
    let text = docx_text(&docx_xml(&withheld()).0);
    assert!(
        text.contains("应当自收到本答复之日起60日内先向宜春市人民政府申请行政复议"),
        "{text}"
    );
}

#[test]
fn the_docx_names_the_gongwen_fonts_with_zh_cn_tags_on_a_gbt_9704_page() {
    let (xml, parts) = docx_xml(&partly_granted());

    for font in ["方正小标宋简体", "仿宋_GB2312"] {
        assert!(xml.contains(&format!("w:eastAsia=\"{font}\"")), "{font}");
    }
    assert!(xml.contains(r#"w:hint="eastAsia""#));
    assert!(xml.contains(r#"w:eastAsia="zh-CN""#));
    assert!(
        !xml.contains("<w:rPr />"),
        "every run carries the language tag"
    );
    assert!(xml.contains(r#"w:top="2098""#) && xml.contains(r#"w:left="1588""#));
    assert!(xml.contains(r#"w:linePitch="579""#) && xml.contains(r#"w:lineRule="exact""#));
    assert!(xml.contains(r#"<w:sz w:val="44" />"#), "2号 title");
    assert!(xml.contains(r#"<w:sz w:val="32" />"#), "3号 body");
    assert!(parts["word/settings.xml"].contains("evenAndOddHeaders"));
    let signer = xml.find("宜春市袁州区自然资源局").unwrap();
    let last_paragraph = xml.find("行政诉讼法》第四十六条").unwrap();
    let chain = &xml[last_paragraph..signer];
    assert!(
        chain.matches("<w:keepNext").count() >= 4,
        "kept with the signature: {chain}"
    );
    let normal = &parts["word/styles.xml"];
    let at = normal.find(r#"w:styleId="Normal""#).unwrap();
    let style = &normal[at..at + normal[at..].find("</w:style>").unwrap()];
    assert!(
        style.contains(r#"<w:sz w:val="32" />"#),
        "the grid is sized from Normal: {style}"
    );
    assert_eq!(
        style.matches("<w:sz ").count(),
        1,
        "one size, not a second run-property element: {style}"
    );
    let footers: Vec<&String> = parts
        .iter()
        .filter(|(name, _)| name.starts_with("word/footer"))
        .map(|(_, xml)| xml)
        .collect();
    assert_eq!(footers.len(), 2, "odd and even page numbers");
    for footer in footers {
        assert!(footer.contains("PAGE") && footer.contains("— ") && footer.contains(" —"));
    }
}

/// `flat` without the page numbers “—N—” a paragraph may run across.
fn without_page_numbers(flat: &str) -> String {
    let mut out = flat.to_owned();
    for n in (1..=9).rev() {
        out = out.replace(&format!("—{n}—"), "");
    }
    out
}

#[test]
fn the_pdf_text_holds_title_doc_no_reasons_basis_and_remedies() {
    for letter in [partly_granted(), withheld()] {
        let flat = squash(&pdf_text(&letter));
        assert!(flat.contains("—1—"), "page number\n{flat}");
        let flat = without_page_numbers(&flat);

        for expected in letter.texts() {
            assert!(flat.contains(&squash(&expected)), "{expected}\n{flat}");
        }
    }
}

#[test]
fn the_pdf_embeds_the_fonts_it_uses_and_needs_no_system_font() {
    let pdf = render_letter(&partly_granted(), LetterFormat::Pdf).unwrap();
    let raw = String::from_utf8_lossy(&pdf);

    assert!(raw.contains("NotoSerifCJKsc"), "Noto Serif CJK SC embedded");
    assert!(
        raw.contains("/FontFile3") || raw.contains("/FontFile2"),
        "font program embedded"
    );
    assert!(
        pdf.len() < 400_000,
        "subset, not the whole font: {} bytes",
        pdf.len()
    );
}

#[test]
fn a_long_letter_runs_onto_a_second_page_with_its_number() {
    let mut letter = withheld();
    letter.paragraphs = (1..=30)
        .map(|i| format!("第{i}段。{}", REASONS.repeat(2)))
        .collect();

    let text = pdf_text(&letter);

    let flat = squash(&text);
    assert!(flat.contains("—2—"), "{flat}");
    assert!(flat.contains("第30段") && flat.contains(&squash(&letter.signer)));
}

#[test]
fn the_signature_never_stands_alone_on_a_page() {
    for lines in 1..=16 {
        let mut letter = withheld();
        letter.paragraphs = (1..=lines)
            .map(|i| format!("第{i}段。{REASONS}，{REASONS}。"))
            .collect();
        letter.paragraphs.push("特此告知。".to_owned());

        let pdf = render_letter(&letter, LetterFormat::Pdf).unwrap();
        let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();

        let signed = pages
            .iter()
            .find(|p| squash(p).contains(&squash(&letter.signer)))
            .unwrap();
        assert!(squash(signed).contains("特此告知。"), "{lines}: {pages:?}");
    }
}

#[test]
fn a_character_missing_from_every_font_is_reported_not_dropped() {
    let mut letter = withheld();
    letter.addressee = "𠮷田一郎".to_owned();

    let error = render_letter(&letter, LetterFormat::Pdf).unwrap_err();

    assert!(
        matches!(error, ExportError::MissingGlyphs { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("𠮷") && message.contains("U+20BB7"),
        "{message}"
    );
    assert!(message.contains("GONGKAI_FONT_DIR"), "{message}");
    let docx = render_letter(&letter, LetterFormat::Docx).unwrap();
    assert!(docx_text(&unzip(&docx)["word/document.xml"]).contains("𠮷田一郎"));
}

#[test]
fn the_annual_report_pdf_reports_a_missing_character_too() {
    let mut report = crate::support::report_2021();
    report.agency = Some("𠮷县人民政府".to_owned());

    let error = render(&report, Target::Pdf).unwrap_err();

    assert!(error.to_string().contains("𠮷"), "{error}");
}

#[test]
fn every_shipped_kind_renders_to_pdf_and_docx() {
    for kind in LetterKind::all() {
        let mut f = Fields::new();
        for name in kind.allowed_placeholders() {
            f.set(name, format!("{name}甲"));
        }
        f.set_date("成文日期", d("2026-05-06")).set(
            "救济途径",
            remedies(kind.reply(), "宜春市人民政府", "宜春市中级人民法院"),
        );
        let letter = fill(&Template::default_for(kind), &f).unwrap();

        let flat = without_page_numbers(&squash(&pdf_text(&letter)));
        let docx = docx_text(&docx_xml(&letter).0);

        assert!(flat.contains(&squash(&letter.title)), "{kind}\n{flat}");
        for p in &letter.paragraphs {
            assert!(flat.contains(&squash(p)), "{kind}: {p}\n{flat}");
            assert!(docx.contains(p.as_str()), "{kind}: {p}");
        }
    }
}

#[test]
fn a_consultation_is_addressed_to_the_third_party() {
    let kind = LetterKind::Consultation(Party::ThirdParty);
    let mut f = Fields::new();
    f.set("第三方", "某某建设有限公司")
        .set("机关名称", "宜春市袁州区住房和城乡建设局")
        .set_date("成文日期", d("2026-03-05"))
        .set("申请内容", "某某建设有限公司2025年施工许可申请材料");
    let letter = fill(&Template::default_for(kind), &f).unwrap();

    assert!(squash(&pdf_text(&letter)).contains("某某建设有限公司："));
}

#[test]
fn the_html_preview_escapes_every_text_and_keeps_the_structure() {
    let mut letter = partly_granted();
    letter
        .paragraphs
        .push("<script>alert(1)</script> & “引号”".to_owned());
    letter.addressee = "A&B <公司>".to_owned();

    let html = letter_html(&letter);

    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”"));
    assert!(html.contains("A&amp;B &lt;公司&gt;："));
    assert!(html.contains("<h1>政府信息公开申请答复书</h1>"));
    assert!(html.contains("袁自然资依申公开〔2026〕第12号"));
    assert!(html.contains("附件：1.袁州区秀江东路地块土地征收补偿安置方案"));
    assert!(html.contains("（联系人：王芳，联系电话：0795-3201234）"));
    assert!(LETTER_CSS.contains(".gk-letter"));
    let doc = scraper::Html::parse_fragment(&html);
    let body = scraper::Selector::parse(".gk-letter-body p").unwrap();
    assert_eq!(doc.select(&body).count(), letter.paragraphs.len());
}

#[test]
fn letters_are_written_for_inspection_when_asked() {
    let Some(dir) = std::env::var_os("GONGKAI_EXPORT_DUMP") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut long = withheld();
    long.paragraphs = (1..=14).map(|i| format!("第{i}段。{REASONS}。")).collect();
    let fee = {
        let mut f = Fields::new();
        f.set("申请人", "王五")
            .set("机关名称", "宜春市袁州区住房和城乡建设局")
            .set_date("成文日期", d("2026-06-08"))
            .set_date("收到申请日期", d("2026-06-01"))
            .set("文号", "袁住建依申收费〔2026〕第3号")
            .set(
                "收费标准",
                "按件计收，同一申请人一个自然月内累计申请第11件至第30件的部分，每件100元",
            )
            .set_money("收费金额", 30_000)
            .set(
                "缴费方式",
                "通过非税收入缴款码缴纳，或到本局政务服务窗口（袁州区政务服务中心二楼）缴纳",
            );
        fill(&Template::default_for(LetterKind::FeeNotice), &f).unwrap()
    };
    for (name, letter) in [
        ("letter-fee", fee),
        ("letter-partly", partly_granted()),
        ("letter-withheld", withheld()),
        ("letter-long", long),
    ] {
        for format in [LetterFormat::Pdf, LetterFormat::Docx] {
            let bytes = render_letter(&letter, format).unwrap();
            std::fs::write(dir.join(format!("{name}.{}", format.extension())), bytes).unwrap();
        }
        let page = format!(
            "<!doctype html><meta charset=utf-8><style>{LETTER_CSS}</style>{}",
            letter_html(&letter)
        );
        std::fs::write(dir.join(format!("{name}.html")), page).unwrap();
    }
}

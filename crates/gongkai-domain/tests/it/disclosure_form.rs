//! The document form and the import of an old system's rows: every field's error by field name
//! in Chinese, lenient dates, headers found by label or synonym, every row's problems listed,
//! and identities that find the documents of an earlier run instead of duplicating them.

use gongkai_domain::account::Role;
use gongkai_domain::disclosure::columns::read_header;
use gongkai_domain::disclosure::import::plan;
use gongkai_domain::disclosure::{
    Art20Item, Art21Item, Art21Scope, Attachment, AttachmentId, Classification, DocumentForm,
    FormCtx, IdentityKey, ImportRow, IndexNo, Marker, Openness, Scheme, StatutoryItem, Validity,
    WithholdGround, create, field, parse_date,
};

use crate::disclosure_workflow::{ctx, d, publish};

fn trees() -> &'static (Classification, Classification) {
    static TREES: std::sync::OnceLock<(Classification, Classification)> =
        std::sync::OnceLock::new();
    TREES.get_or_init(|| {
        (
            Classification::shipped(Scheme::Topic),
            Classification::shipped(Scheme::Genre),
        )
    })
}

fn form_ctx(art21: Option<Art21Scope>) -> FormCtx<'static> {
    let (topics, genres) = trees();
    FormCtx {
        today: d("2026-03-10"),
        topics,
        genres,
        art21,
    }
}

fn good_form() -> DocumentForm {
    DocumentForm {
        doc_no: "袁府办发〔2026〕3号".into(),
        title: " 袁州区人民政府办公室关于印发某办法的通知 ".into(),
        summary: "印发某办法，自2026年4月1日起施行。".into(),
        publisher: "袁州区人民政府办公室".into(),
        written_on: "2026年3月2日".into(),
        topic: "综合政务\\政务公开".into(),
        genre: "通知".into(),
        marker: "行政规范性文件".into(),
        body: "## 第一条\n为了……".into(),
        ..Default::default()
    }
}

#[test]
fn a_good_form_becomes_content() {
    let c = good_form().parse(Vec::new(), &form_ctx(None)).unwrap();
    assert_eq!(c.title, "袁州区人民政府办公室关于印发某办法的通知");
    assert_eq!(c.written_on, d("2026-03-02"));
    assert_eq!(c.topic.as_ref().map(|t| t.as_str()), Some("02.02"));
    assert_eq!(c.genre.as_ref().map(|t| t.as_str()), Some("08"));
    assert_eq!(c.marker, Some(Marker::NormativeDocument));
    assert_eq!(
        c.item,
        Some(StatutoryItem::Art20(Art20Item::Rules)),
        "a 规范性文件 is 第二十条第（一）项"
    );
    assert_eq!(c.openness, Openness::Proactive, "empty means 主动公开");
}

#[test]
fn every_field_error_is_reported_by_its_field() {
    // Arrange
    let form = DocumentForm {
        title: "标".repeat(201),
        written_on: "2026-13-01".into(),
        topic: "不存在的分类".into(),
        item: "第二十条第（十六）项".into(),
        openness: "不予公开".into(),
        marker: "红头文件".into(),
        interprets: "A B".into(),
        body_format: "docx".into(),
        ..Default::default()
    };
    // Act
    let e = form.parse(Vec::new(), &form_ctx(None)).unwrap_err();
    // Assert
    let fields: Vec<&str> = e.0.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            field::TITLE,
            field::PUBLISHER,
            field::WRITTEN_ON,
            field::TOPIC,
            field::ITEM,
            field::GROUND,
            field::MARKER,
            field::INTERPRETS,
            field::BODY_FORMAT,
            field::BODY,
        ]
    );
    assert_eq!(
        e.get(field::WRITTEN_ON),
        Some("成文日期“2026-13-01”无法识别，应写作2026-03-01或2026年3月1日")
    );
    assert_eq!(
        e.get(field::TOPIC),
        Some("主题分类“不存在的分类”不在本机关的主题分类中")
    );
    assert_eq!(
        e.get(field::GROUND),
        Some("不予公开的，须选择《条例》第十四至十六条规定的理由")
    );
    assert_eq!(e.get(field::TITLE), Some("标题不超过200字"));
    assert_eq!(e.get(field::PUBLISHER), Some("发布机构不能为空"));
    assert!(
        e.to_string()
            .starts_with("文件信息填写有误：【标题】标题不超过200字；【发布机构】")
    );
}

#[test]
fn a_future_date_a_wrong_item_and_article_21_outside_its_scope_are_refused() {
    let mut f = good_form();
    f.written_on = "2026-03-11".into();
    f.item = "第二十条第（五）项".into();
    let e = f.parse(Vec::new(), &form_ctx(None)).unwrap_err();
    assert_eq!(
        e.get(field::WRITTEN_ON),
        Some("成文日期2026-03-11晚于今天（2026-03-10）")
    );
    assert_eq!(
        e.get(field::MARKER),
        Some("规章和行政规范性文件属于《条例》第二十条第（一）项，与所选公开事项不符")
    );
    let mut f = good_form();
    f.marker = String::new();
    f.item = "宅基地使用情况审核".into();
    let item_error = |scope| {
        let e = f.parse(Vec::new(), &form_ctx(scope)).unwrap_err();
        e.get(field::ITEM).unwrap_or_default().to_owned()
    };
    assert!(item_error(None).starts_with("《条例》第二十一条只适用于"));
    let city = item_error(Some(Art21Scope::CityCounty));
    assert!(city.starts_with("“宅基地使用情况审核”不属于本机关适用的"));
    let c = f
        .parse(Vec::new(), &form_ctx(Some(Art21Scope::Township)))
        .unwrap();
    assert_eq!(c.item, Some(StatutoryItem::Art21(Art21Item::Homesteads)));
}

#[test]
fn withheld_openness_and_attachments_are_read() {
    let mut f = good_form();
    f.marker = String::new();
    f.openness = "不予公开（属于过程性信息）".into();
    f.body = String::new();
    let files = vec![Attachment {
        id: AttachmentId(7),
        name: "附件1：名单.xlsx".into(),
    }];
    let c = f.parse(files.clone(), &form_ctx(None)).unwrap();
    assert_eq!(c.openness, Openness::Withheld(WithholdGround::ProcessInfo));
    assert_eq!(c.attachments, files);
    let bad = vec![Attachment {
        id: AttachmentId(7),
        name: "../etc/passwd".into(),
    }];
    let e = f.parse(bad, &form_ctx(None)).unwrap_err();
    assert_eq!(
        e.get(field::ATTACHMENTS),
        Some("第1个附件的名称不能包含路径分隔符或控制字符")
    );
}

#[test]
fn dates_are_read_as_old_systems_write_them() {
    for s in [
        "2021-03-02",
        "2021/3/2",
        "2021.03.02",
        "2021年3月2日",
        "20210302",
        "2021-03-02 00:00:00",
        "２０２１－０３－０２",
        "44257",
    ] {
        assert_eq!(parse_date(s), Some(d("2021-03-02")), "{s}");
    }
    for s in ["2021-02-30", "3/2/2021", "44257.5", "昨天", ""] {
        assert_eq!(parse_date(s), None, "{s}");
    }
}

#[test]
fn the_header_row_is_read_by_label_or_synonym() {
    let cols = read_header(&[
        "\u{feff}索引号",
        "名称*",
        "发文字号",
        "生成日期",
        "发布机构",
        "公开日期",
        "浏览次数",
    ])
    .unwrap();
    assert_eq!(cols.ignored(), ["浏览次数"]);
    let row = cols.row(&[
        "737407952/2019-00031",
        "某通知",
        "袁府发〔2019〕1号",
        "2019-04-01",
        "袁州区人民政府",
        "2019-04-08",
    ]);
    assert_eq!(
        (
            row.index_no.as_str(),
            row.form.title.as_str(),
            row.published_on.as_str()
        ),
        ("737407952/2019-00031", "某通知", "2019-04-08")
    );
    assert_eq!(row.form.doc_no, "袁府发〔2019〕1号");
    let e = read_header(&["标题", "名称", "成文日期"]).unwrap_err();
    assert_eq!(e, ["“标题”列重复", "缺少“发布机构”列"]);
}

fn row(index: &str, doc_no: &str, title: &str, written: &str) -> ImportRow {
    ImportRow {
        index_no: index.into(),
        published_on: written.into(),
        attachments: "附件1.pdf；附件2.docx".into(),
        form: DocumentForm {
            doc_no: doc_no.into(),
            title: title.into(),
            publisher: "袁州区人民政府".into(),
            written_on: written.into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn a_dry_run_lists_every_problem_of_every_row_in_chinese() {
    // Arrange
    let mut broken = row("", "", "", "2019-04-31");
    broken.validity = "废止".into();
    broken.published_on = "2019-03-01".into();
    let mut late = row("", "", "某决定", "2019-04-01");
    late.published_on = "2019-03-01".into();
    late.validity = "作废".into();
    let rows = vec![
        row(
            "737407952/2019-00031",
            "袁府发〔2019〕1号",
            "某通知",
            "2019-04-01",
        ),
        broken,
        row("", "袁府发[2019]1号", "某 通知", "2019/4/1"),
        late,
        row("", "", "某意见", "2019-05-01"),
    ];
    // Act
    let p = plan(&rows, &form_ctx(None), 2);
    // Assert
    assert!(!p.is_clean());
    assert_eq!(p.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 6]);
    let lines: Vec<String> = p.problems.iter().flat_map(|r| r.lines()).collect();
    assert_eq!(
        lines,
        [
            "第3行【标题】标题不能为空",
            "第3行【成文日期】成文日期“2019-04-31”无法识别，应写作2026-03-01或2026年3月1日",
            "第3行【失效或废止日期】失效或废止日期不能为空",
            "第4行【整行】与第2行是同一文件（索引号相同，或文号、标题、成文日期相同）",
            "第5行【发布日期】发布日期2019-03-01早于成文日期2019-04-01",
            "第5行【有效性】有效性“作废”应为有效、失效或废止",
        ]
    );
}

#[test]
fn a_second_run_finds_the_documents_the_first_run_made() {
    // Arrange: the first run imports two rows, one without a 索引号 (the pattern assigns one).
    let rows = vec![
        row(
            "737407952/2019-00031",
            "袁府发〔2019〕1号",
            "某通知",
            "2019-04-01",
        ),
        row("", "", "某意见", "2019-05-01"),
    ];
    let first = plan(&rows, &form_ctx(None), 2);
    assert!(first.is_clean(), "{:?}", first.problems);
    let docs: Vec<_> = first
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, imported)| {
            let index = imported.index_no.clone().unwrap_or_else(|| {
                IndexNo::parse(&format!("737407952/2026-{:05}", i + 1)).unwrap()
            });
            let files = vec![Attachment {
                id: AttachmentId(i as i64),
                name: "附件1.pdf".into(),
            }];
            let reg = imported.registration(index, files);
            assert!(reg.published_on.is_some());
            let doc = create(reg, &ctx(d("2026-03-10"), Role::Clerk))
                .unwrap()
                .document;
            publish(&doc, d("2026-03-10"))
        })
        .collect();
    // Act: the same file again, one row now with other spacing and brackets.
    let again = plan(
        &[
            row("", "袁府发[2019]1号", " 某通知", "2019/04/01"),
            rows[1].clone(),
        ],
        &form_ctx(None),
        2,
    );
    // Assert
    for (imported, doc) in again.rows.iter().zip(&docs) {
        let known = doc.identity_keys();
        assert!(
            imported.keys().iter().any(|k| known.contains(k)),
            "{:?}",
            imported.keys()
        );
    }
    assert_eq!(
        docs[0].identity_keys()[0],
        IdentityKey::IndexNo(IndexNo::parse("737407952/2019-00031").unwrap())
    );
    assert_eq!(
        IdentityKey::fingerprint("袁府发〔2019〕1号", "某通知", d("2019-04-01")).as_string(),
        "doc:袁府发〔2019〕1号|某通知|2019-04-01"
    );
    assert_eq!(docs[1].validity, Validity::Valid);
}

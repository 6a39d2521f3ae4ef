//! The header row of an import file: each column is found by its field key, its Chinese label
//! (`field::LABELS`) or a name old 目录 systems use (名称, 生成日期, 公开日期, 发文字号 …).

use super::field;
use super::import::ImportRow;

/// Names old systems give the columns, besides the labels in [`field::LABELS`].
const SYNONYMS: [(&str, &str); 18] = [
    ("名称", field::TITLE),
    ("文件标题", field::TITLE),
    ("发文字号", field::DOC_NO),
    ("文件编号", field::DOC_NO),
    ("摘要", field::SUMMARY),
    ("发文机关", field::PUBLISHER),
    ("生成日期", field::WRITTEN_ON),
    ("发文日期", field::WRITTEN_ON),
    ("公开日期", field::PUBLISHED_ON),
    ("发布时间", field::PUBLISHED_ON),
    ("主题", field::TOPIC),
    ("体裁", field::GENRE),
    ("公开方式", field::OPENNESS),
    ("不公开理由", field::GROUND),
    ("时效", field::VALIDITY),
    ("废止日期", field::VALIDITY_ON),
    ("失效日期", field::VALIDITY_ON),
    ("附件名称", field::ATTACHMENTS),
];

/// Columns every import file must have.
const REQUIRED: [&str; 3] = [field::TITLE, field::WRITTEN_ON, field::PUBLISHER];

/// Which field each column of the file fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportColumns {
    slots: Vec<Option<&'static str>>,
    ignored: Vec<String>,
}

/// Reads the header row. Unknown columns are ignored (and listed); a missing required column
/// (标题, 成文日期, 发布机构) or a field named twice is an error, in Chinese.
pub fn read_header(headers: &[&str]) -> Result<ImportColumns, Vec<String>> {
    let mut slots: Vec<Option<&'static str>> = Vec::new();
    let mut ignored = Vec::new();
    let mut problems = Vec::new();
    for h in headers {
        let name = h
            .trim()
            .trim_start_matches('\u{feff}')
            .trim_end_matches(['*', '＊']);
        let key = key_of(name);
        if let Some(k) = key.filter(|k| slots.contains(&Some(*k))) {
            problems.push(format!("“{}”列重复", field::label(k)));
        }
        if key.is_none() && !name.is_empty() {
            ignored.push(name.to_owned());
        }
        slots.push(key);
    }
    for k in REQUIRED.iter().filter(|k| !slots.contains(&Some(**k))) {
        problems.push(format!("缺少“{}”列", field::label(k)));
    }
    if problems.is_empty() {
        Ok(ImportColumns { slots, ignored })
    } else {
        Err(problems)
    }
}

/// The field a header names: a key, a label, or a synonym.
fn key_of(name: &str) -> Option<&'static str> {
    let labelled = field::LABELS.iter().find(|(k, l)| *k == name || *l == name);
    let key = labelled.map(|(k, _)| *k).or_else(|| {
        let synonym = SYNONYMS.iter().find(|(l, _)| *l == name);
        synonym.map(|(_, k)| *k)
    });
    key.filter(|k| *k != field::ROW)
}

impl ImportColumns {
    /// The headers that matched no field.
    pub fn ignored(&self) -> &[String] {
        &self.ignored
    }

    /// One data row as an [`ImportRow`] (missing trailing cells are empty).
    pub fn row(&self, values: &[&str]) -> ImportRow {
        let mut row = ImportRow::default();
        for (key, value) in self.slots.iter().zip(values) {
            if let Some(slot) = key.and_then(|k| slot(&mut row, k)) {
                *slot = (*value).to_owned();
            }
        }
        row
    }
}

fn slot<'a>(r: &'a mut ImportRow, key: &str) -> Option<&'a mut String> {
    let f = &mut r.form;
    Some(match key {
        field::INDEX_NO => &mut r.index_no,
        field::PUBLISHED_ON => &mut r.published_on,
        field::VALIDITY => &mut r.validity,
        field::VALIDITY_ON => &mut r.validity_on,
        field::REPLACED_BY => &mut r.replaced_by,
        field::ATTACHMENTS => &mut r.attachments,
        field::DOC_NO => &mut f.doc_no,
        field::TITLE => &mut f.title,
        field::SUMMARY => &mut f.summary,
        field::PUBLISHER => &mut f.publisher,
        field::WRITTEN_ON => &mut f.written_on,
        field::TOPIC => &mut f.topic,
        field::GENRE => &mut f.genre,
        field::ITEM => &mut f.item,
        field::OPENNESS => &mut f.openness,
        field::GROUND => &mut f.withhold_ground,
        field::MARKER => &mut f.marker,
        field::INTERPRETS => &mut f.interprets,
        field::BODY_FORMAT => &mut f.body_format,
        field::BODY => &mut f.body,
        _ => return None,
    })
}

//! The metadata table an old 目录 system exported: CSV (UTF-8 or GB18030, as Chinese Excel
//! saves it) or the first sheet of an XLSX workbook, as rows of text cells.

use anyhow::{Context, anyhow, bail};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;

/// The header row and the data rows (every row as long as the header, blanks as "").
pub struct Sheet {
    /// The column names.
    pub header: Vec<String>,
    /// The data rows, in file order; fully blank rows are dropped.
    pub rows: Vec<Vec<String>>,
}

/// Reads `path` by its content: a zip is a workbook, anything else CSV text.
pub fn read(path: &Path) -> anyhow::Result<Sheet> {
    let bytes = std::fs::read(path).with_context(|| format!("无法读取 {}", path.display()))?;
    let mut rows = if bytes.starts_with(b"PK\x03\x04") {
        xlsx(&bytes)?
    } else {
        csv_rows(&bytes)?
    };
    rows.retain(|r| r.iter().any(|c| !c.trim().is_empty()));
    if rows.is_empty() {
        bail!("{} 没有任何内容", path.display());
    }
    let header = rows.remove(0);
    let width = header.len();
    for r in &mut rows {
        r.resize(width.max(r.len()), String::new());
    }
    Ok(Sheet { header, rows })
}

fn csv_rows(bytes: &[u8]) -> anyhow::Result<Vec<Vec<String>>> {
    let text = gongkai_import::decode(bytes)
        .ok_or_else(|| anyhow!("文件既不是 CSV 文本也不是 XLSX 工作簿"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.with_context(|| format!("CSV 第{}行无法读取", i + 1))?;
        rows.push(rec.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

fn xlsx(bytes: &[u8]) -> anyhow::Result<Vec<Vec<String>>> {
    let mut book =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| anyhow!("XLSX 工作簿无法打开：{e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| anyhow!("XLSX 工作簿没有工作表"))?
        .map_err(|e| anyhow!("XLSX 工作表无法读取：{e}"))?;
    Ok(range.rows().map(|r| r.iter().map(cell).collect()).collect())
}

/// A cell as the clerk sees it; Excel stores dates as serial numbers, shown here as YYYY-MM-DD.
fn cell(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("{e}"),
    }
}

/// An Excel serial day number as a date (day 0 is 1899-12-30 in the 1900 system Chinese Excel
/// uses, which also absorbs Excel's phantom 1900-02-29).
fn excel_date(serial: f64) -> Option<String> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let day = epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64))?;
    Some(day.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_gb18030_is_read_with_quoted_commas() {
        let text = "标题,成文日期,发布机构\n\"关于甲、乙,丙的通知\",2024-03-01,某某局\n,,\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("目录.csv");
        std::fs::write(&p, &gbk).unwrap();
        let s = read(&p).unwrap();
        assert_eq!(s.header, ["标题", "成文日期", "发布机构"]);
        assert_eq!(s.rows, [["关于甲、乙,丙的通知", "2024-03-01", "某某局"]]);
    }

    #[test]
    fn excel_serial_days_are_dates() {
        assert_eq!(excel_date(45352.0).as_deref(), Some("2024-03-01"));
        assert_eq!(excel_date(45352.75).as_deref(), Some("2024-03-01"));
    }
}

//! Reading a multipart form with files (the application form, 补正 material, documents the
//! clerk attaches): text fields by name, files with their content-checked type, within limits,
//! and every rejection in Chinese.

use crate::WebError;
use axum::extract::Multipart;
use std::collections::HashMap;

/// The most files one form takes.
pub const MAX_FILES: usize = 5;
/// The largest file: 10 MiB.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The request body limit of upload routes: the files plus the fields.
pub const MAX_BODY_BYTES: usize = MAX_FILES * MAX_FILE_BYTES + 1024 * 1024;

/// A file as uploaded.
pub struct UploadedFile {
    /// The form field it came in.
    pub field: String,
    /// The file name as sent (path parts removed).
    pub file_name: String,
    /// The media type, from the content.
    pub media_type: &'static str,
    /// The content.
    pub bytes: Vec<u8>,
}

/// A read form.
#[derive(Default)]
pub struct Upload {
    /// Text fields (the last value of a repeated name wins).
    pub fields: HashMap<String, String>,
    /// Files, in order.
    pub files: Vec<UploadedFile>,
    /// Why files were refused (wrong type, too large, too many), in Chinese.
    pub refused: Vec<String>,
}

impl Upload {
    /// The text fields read into a form of strings (a field missing takes its default).
    pub fn form<T: serde::de::DeserializeOwned + Default>(&self) -> T {
        let map: serde_json::Map<String, serde_json::Value> = self
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::from_value(serde_json::Value::Object(map)).unwrap_or_default()
    }
}

/// The media type of a file from its first bytes and (for Office files, which are zip
/// archives) its name; `None` for anything else.
pub fn sniff(bytes: &[u8], name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    match bytes {
        [b'%', b'P', b'D', b'F', ..] => Some("application/pdf"),
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [b'P', b'K', 3, 4, ..] if lower.ends_with(".docx") => {
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        }
        [b'P', b'K', 3, 4, ..] if lower.ends_with(".xlsx") => {
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        _ => None,
    }
}

fn too_large(e: &axum::extract::multipart::MultipartError) -> WebError {
    tracing::debug!(error = %e, "multipart rejected");
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        WebError::TooLarge
    } else {
        WebError::BadInput("表单内容不完整或格式有误，请检查后重新提交".into())
    }
}

/// Reads every field and file of `m`.
///
/// # Errors
/// 413 for a body over the limit; 422 naming the file for a wrong type, an oversize file, or
/// too many files.
pub async fn read(m: Multipart) -> Result<Upload, WebError> {
    let out = read_all(m).await?;
    match out.refused.first() {
        Some(why) => Err(WebError::BadInput(why.clone())),
        None => Ok(out),
    }
}

/// Reads every field and file of `m`, keeping the refused files' reasons in
/// [`Upload::refused`] so that a long form can come back with its fields kept.
///
/// # Errors
/// 413 for a body over the limit; 422 for a body that is not a readable form.
pub async fn read_all(mut m: Multipart) -> Result<Upload, WebError> {
    let mut out = Upload::default();
    while let Some(field) = m.next_field().await.map_err(|e| too_large(&e))? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .file_name()
            .map(|f| f.rsplit(['/', '\\']).next().unwrap_or(f).to_owned());
        let bytes = field.bytes().await.map_err(|e| too_large(&e))?;
        match file_name {
            Some(f) if f.is_empty() && bytes.is_empty() => {}
            Some(_) if out.files.len() >= MAX_FILES => {
                let why = format!("一次最多上传 {MAX_FILES} 个文件");
                if !out.refused.contains(&why) {
                    out.refused.push(why);
                }
            }
            Some(f) => match checked(name, f, bytes.to_vec()) {
                Ok(file) => out.files.push(file),
                Err(why) => out.refused.push(why),
            },
            None => {
                out.fields
                    .insert(name, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    Ok(out)
}

fn checked(field: String, file_name: String, bytes: Vec<u8>) -> Result<UploadedFile, String> {
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!("文件“{name}”超过 10 MB"));
    }
    let media_type = sniff(&bytes, &name).ok_or_else(|| {
        format!("文件“{name}”的类型不支持：请上传 PDF、JPG、PNG、DOCX 或 XLSX 文件")
    })?;
    Ok(UploadedFile {
        field,
        file_name: name,
        media_type,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn types_come_from_the_content_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7 ...", "a.exe"), Some("application/pdf"));
        assert_eq!(sniff(b"MZ\x90\x00", "scan.pdf"), None);
        assert!(sniff(b"PK\x03\x04", "表.xlsx").is_some());
        assert_eq!(sniff(b"PK\x03\x04", "archive.zip"), None);
        assert_eq!(sniff(b"<script>", "a.png"), None);
    }
}

//! The attachment files named by the rows, read from the import folder: the type checked by
//! content (a renamed file is refused), the size limited, and the text taken out for search by
//! the report importer's readers (PDF, DOCX, XLSX).

use std::path::Path;

/// The largest attachment (a scanned 规划 runs to tens of MB).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// A file ready to store.
#[derive(Debug)]
pub struct Loaded {
    /// Its content.
    pub bytes: Vec<u8>,
    /// Its media type, from its content.
    pub media_type: &'static str,
    /// Its text, if it has any that could be read.
    pub text: Option<String>,
}

/// The media type of `bytes` if it is a kind a 专栏 may offer, checked against the name's
/// extension so that a renamed file is refused.
pub fn media_type(name: &str, bytes: &[u8]) -> Result<&'static str, String> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let by_content = if bytes.starts_with(b"%PDF-") {
        Some(("application/pdf", &["pdf"][..]))
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", &["png"][..]))
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some(("image/jpeg", &["jpg", "jpeg"][..]))
    } else if bytes.starts_with(b"PK\x03\x04") {
        match ext.as_deref() {
            Some("docx") => Some((
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                &["docx"][..],
            )),
            Some("xlsx") => Some((
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &["xlsx"][..],
            )),
            _ => None,
        }
    } else {
        None
    };
    match by_content {
        Some((t, exts)) if ext.as_deref().is_some_and(|e| exts.contains(&e)) => Ok(t),
        Some(_) => Err("的扩展名与文件内容不符".to_owned()),
        None => Err("不是 PDF、DOCX、XLSX、PNG 或 JPEG 文件".to_owned()),
    }
}

/// Reads `name` from `dir`, or says in Chinese why it cannot be attached.
pub fn load(dir: &Path, name: &str) -> Result<Loaded, String> {
    let path = dir.join(name);
    // Names come from the table: they may not climb out of the folder.
    if Path::new(name).components().count() != 1 {
        return Err("只能是导入目录中的文件名".to_owned());
    }
    let bytes = std::fs::read(&path).map_err(|_| format!("在 {} 中找不到", dir.display()))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!("超过 {} MB", MAX_FILE_BYTES / 1024 / 1024));
    }
    let media_type = media_type(name, &bytes)?;
    let text = if media_type.starts_with("image/") {
        None
    } else {
        text_of(&bytes)
    };
    Ok(Loaded {
        bytes,
        media_type,
        text,
    })
}

/// The text of a PDF, DOCX or XLSX, cells separated by spaces, lines by new lines.
fn text_of(bytes: &[u8]) -> Option<String> {
    let lines = gongkai_import::lines_of(bytes).ok()?;
    let text: Vec<String> = lines.iter().map(|l| l.cells.join(" ")).collect();
    let text = text.join("\n");
    (!text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_content_and_must_match_the_name() {
        assert_eq!(media_type("a.pdf", b"%PDF-1.7 ..."), Ok("application/pdf"));
        assert_eq!(
            media_type("图.PNG", b"\x89PNG\r\n\x1a\n...."),
            Ok("image/png")
        );
        assert!(media_type("a.pdf", b"MZ\x90\x00 an exe").is_err());
        assert!(media_type("a.docx", b"%PDF-1.7").is_err());
        assert!(media_type("a.zip", b"PK\x03\x04....").is_err());
        assert!(media_type("a.exe", b"%PDF-1.7").is_err());
    }

    #[test]
    fn names_cannot_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path(), "../etc/passwd").is_err());
        assert!(load(dir.path(), "缺少.pdf").unwrap_err().contains("找不到"));
    }
}

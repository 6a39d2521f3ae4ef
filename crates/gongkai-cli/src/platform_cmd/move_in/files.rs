//! The attachment files named by the rows, read from the import folder: the type checked by
//! content (a renamed file is refused), the size limited, and the text taken out for search —
//! both as the back office does for uploads.

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

/// Reads `name` from `dir`, or says in Chinese why it cannot be attached: the type is checked
/// by content as the back office's uploads are (`gongkai_web::upload::sniff`), and the text
/// taken out the same way (`gongkai_web::documents::files::extract`).
pub async fn load(dir: &Path, name: &str) -> Result<Loaded, String> {
    // Names come from the table: they may not climb out of the folder.
    if Path::new(name).components().count() != 1 {
        return Err("只能是导入目录中的文件名".to_owned());
    }
    let bytes =
        std::fs::read(dir.join(name)).map_err(|_| format!("在 {} 中找不到", dir.display()))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!("超过 {} MB", MAX_FILE_BYTES / 1024 / 1024));
    }
    let media_type = gongkai_web::upload::sniff(&bytes, name)
        .ok_or_else(|| "不是 PDF、DOCX、XLSX、PNG 或 JPEG 文件（按文件内容判断）".to_owned())?;
    let (text, bytes) = gongkai_web::documents::files::extract(bytes, media_type).await;
    Ok(Loaded {
        bytes,
        media_type,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn names_cannot_leave_the_folder_and_types_come_from_content() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path(), "../etc/passwd").await.is_err());
        let missing = load(dir.path(), "缺少.pdf").await.unwrap_err();
        assert!(missing.contains("找不到"), "{missing}");
        std::fs::write(dir.path().join("a.pdf"), b"MZ\x90\x00 an exe").unwrap();
        let renamed = load(dir.path(), "a.pdf").await.unwrap_err();
        assert!(renamed.contains("按文件内容判断"), "{renamed}");
        std::fs::write(dir.path().join("b.pdf"), b"%PDF-1.4 not really").unwrap();
        let pdf = load(dir.path(), "b.pdf").await.unwrap();
        assert_eq!((pdf.media_type, pdf.text), ("application/pdf", None));
    }
}

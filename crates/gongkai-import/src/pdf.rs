//! PDF reports: text with its layout. `pdftotext -layout` (poppler) keeps column alignment best
//! and is used when installed; otherwise `pdf-extract` runs under `catch_unwind`, since it may
//! panic on damaged files (DEPENDENCIES.md §3.6). Either way the text goes through the same
//! layout reader as `.txt` files (wrapped labels, page numbers, repeated headers).

use crate::error::ImportError;
use crate::layout::{Line, from_text};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

/// The lines of a PDF file.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    let text = match pdftotext(bytes) {
        Some(t) => t,
        None => extract(bytes)?,
    };
    if text.trim().is_empty() {
        return Err(ImportError::Pdf(
            "没有可提取的文字（可能是扫描件）".to_owned(),
        ));
    }
    Ok(from_text(&text))
}

/// The lines of a PDF file from the embedded extractor only (no external tool).
pub fn lines_embedded(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    let text = extract(bytes)?;
    Ok(from_text(&text))
}

/// Text from `pdftotext -layout`, if the tool is installed and succeeds.
fn pdftotext(bytes: &[u8]) -> Option<String> {
    if std::env::var_os("GONGKAI_NO_PDFTOTEXT").is_some() {
        return None;
    }
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let n = SEQ.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("gongkai-import-{}-{n}.pdf", std::process::id()));
    std::fs::write(&path, bytes).ok()?;
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-q"])
        .arg(&path)
        .arg("-")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    let _ = std::fs::remove_file(&path);
    let out = out.ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

/// Text from `pdf-extract`, with panics turned into errors.
fn extract(bytes: &[u8]) -> Result<String, ImportError> {
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(ImportError::Pdf(e.to_string())),
        Err(_) => Err(ImportError::Pdf("解析器内部错误".to_owned())),
    }
}

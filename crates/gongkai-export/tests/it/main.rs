//! Integration tests of gongkai-export: every renderer's output is read back and every label and
//! value of a full report (both formats) is found where the official layout puts it.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions panic on purpose"
)]

mod api;
mod docx;
mod dump;
mod html;
mod letter;
mod markdown;
mod ooxml;
mod pdf;
mod support;
mod xlsx;

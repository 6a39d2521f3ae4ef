//! Integration tests of gongkai-import: golden files, layouts, robustness, the batch audit.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap fixtures too"
)]

mod audit;
mod formats;
mod golden;
mod layouts;
mod ministry;
mod robust;
mod round_trip;
mod variants;

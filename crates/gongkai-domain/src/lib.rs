//! gongkai's domain: the rules of 政府信息公开 as pure Rust.
//!
//! No I/O, no clock, no async, no database: today's date, the working-day calendar and the actor
//! are always arguments. Everything here is tested in isolation (`tests/it`).
//!
//! - [`report`]: the annual report (年度报告) — its model in both official formats, the canonical
//!   JSON, the 勾稽 rule engine, and its computation from case data.
//! - [`disclosure`]: 主动公开 — the document registry with 索引号 and classifications, the
//!   先审查、后公开 workflow, 第二十六条 timeliness, and table 二's 规章 / 行政规范性文件 counts.
//! - [`letter`]: the written letters of an application case (告知书, 答复书) as templates that are
//!   data, filled into plain-text letters for the export crate to render.

pub mod account;
pub mod agency;
pub mod annual;
pub mod appeal;
pub mod applicant;
pub mod application;
pub mod audit;
pub mod calendar;
pub mod choice;
pub mod contact;
pub mod deadline;
pub mod disclosure;
pub mod fee;
pub mod letter;
pub mod reminder;
pub mod report;

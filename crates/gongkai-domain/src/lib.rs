//! gongkai's domain: the rules of 政府信息公开 as pure Rust.
//!
//! No I/O, no clock, no async, no database: today's date, the working-day calendar and the actor
//! are always arguments. Everything here is tested in isolation (`tests/it`).
//!
//! - [`report`]: the annual report (年度报告) — its model in both official formats, the canonical
//!   JSON, the 勾稽 rule engine, and its computation from case data.
//! - [`letter`]: the written letters of an application case (告知书, 答复书) as templates that are
//!   data, filled into plain-text letters for the export crate to render.

pub mod account;
pub mod agency;
pub mod appeal;
pub mod applicant;
pub mod application;
pub mod audit;
pub mod calendar;
pub mod choice;
pub mod contact;
pub mod deadline;
pub mod fee;
pub mod letter;
pub mod report;

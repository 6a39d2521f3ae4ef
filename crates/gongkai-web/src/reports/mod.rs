//! The annual report in the web layer (《条例》第四十九、五十条): what the back office, the
//! supervisor's view, the 专栏 and the API share. The rules are the domain's (`annual`,
//! `report::rules`), the saving is the store's.
//! - [`compile`]: the agency-year's report from the platform's data, with every finding.
//! - [`work`]: opening a draft (prefilled), saving, the workflow steps and corrections, and who
//!   may take them.
//! - [`demo`]: the demo's reports (`gongkai demo`).
//! - [`oversight`]: the 政务公开办's view of a year across the agencies below it.

pub mod compile;
pub mod demo;
pub mod oversight;
pub mod work;

//! 行政复议 / 行政诉讼 in the back office: the register with filters and the answers due marked
//! (`list.rs`), registering a proceeding linked to the agency's applications by 申请编号
//! (`register.rs`), and one proceeding with its answer deadline, its steps and its timeline
//! (`show.rs`). Table 四 live sits on the stats page (`crate::proceedings::table4`).

pub mod list;
pub mod register;
pub mod show;

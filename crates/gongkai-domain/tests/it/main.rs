//! Integration tests of the domain crate.

mod appeal;
mod applicant;
mod application;
mod calendar;
mod calendar_import;
mod deadline;
mod fee;
mod provisional;
mod report_fixtures;
mod report_props;

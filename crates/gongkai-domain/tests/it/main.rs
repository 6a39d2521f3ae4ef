//! Integration tests of the domain crate.

mod appeal;
mod applicant;
mod application;
mod calendar;
mod calendar_import;
mod deadline;
mod disclosure_form;
mod disclosure_registry;
mod disclosure_table2;
mod disclosure_time;
mod disclosure_workflow;
mod fee;
mod letter;
mod letter_frame;
mod provisional;
mod reminder;
mod report_fixtures;
mod report_props;

//! Integration tests of the domain crate.

mod application;
mod calendar;
mod deadline;
mod letter;
mod letter_frame;
mod report_fixtures;
mod report_props;

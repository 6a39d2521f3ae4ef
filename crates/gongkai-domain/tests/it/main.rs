//! Integration tests of the domain crate.

mod report_fixtures;
mod report_props;

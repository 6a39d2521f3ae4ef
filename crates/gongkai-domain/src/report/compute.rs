//! Building a report from case data.

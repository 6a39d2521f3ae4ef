//! Integration tests of the domain crate.

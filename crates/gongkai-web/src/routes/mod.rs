//! Route handlers, one module per resource; templates live next to their handlers.

pub mod admin;
pub mod api;
pub mod login;
pub mod ops;
pub mod public;

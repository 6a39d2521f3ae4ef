//! sea-orm entities, one module per table. They are the storage crate's private view of rows;
//! the rest of the platform sees the types in [`crate::model`].

pub mod agencies;
pub mod api_tokens;
pub mod audit_events;
pub mod login_attempts;
pub mod sessions;
pub mod settings;
pub mod users;

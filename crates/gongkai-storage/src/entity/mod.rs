//! sea-orm entities, one module per table. They are the storage crate's private view of rows;
//! the rest of the platform sees the types in [`crate::model`] and [`crate::cases`].

pub mod agencies;
pub mod agency_classifications;
pub mod agency_profiles;
pub mod annual_reports;
pub mod api_tokens;
pub mod applications;
pub mod attachments;
pub mod audit_events;
pub mod blobs;
pub mod calendars;
pub mod counters;
pub mod document_changes;
pub mod document_files;
pub mod documents;
pub mod external_reports;
pub mod letters;
pub mod login_attempts;
pub mod notifications;
pub mod proceeding_applications;
pub mod proceedings;
pub mod sessions;
pub mod settings;
pub mod users;

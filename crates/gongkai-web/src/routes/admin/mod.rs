//! The back office (后台): dashboard, agencies, accounts, API tokens, audit log. Every handler starts from
//! [`crate::auth::CurrentUser`], checks the role, and reads only inside the account's scopes.

pub mod agencies;
pub mod audit;
pub mod calendar;
pub mod cases;
pub mod classification;
pub mod dashboard;
pub mod documents;
pub mod password;
pub mod proceedings;
pub mod profile;
pub mod reports;
pub mod tokens;
pub mod user_edit;
pub mod users;

//! A step of the statutory clock as a clerk takes it: the form parsed into the domain's
//! [`Command`] (`form.rs`), the step applied and saved with the letter it issues (`run.rs`).

mod form;
mod run;

pub use form::{StepForm, StepKind, parse};
pub use run::{routing_step, run_command};

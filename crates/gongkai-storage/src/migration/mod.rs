//! Migrations, written once in sea-orm-migration's backend-neutral DSL for SQLite and PostgreSQL.
//!
//! A merged migration is never edited; a change is a new module `mNNNN_verb_object` added to
//! [`Migrator::migrations`]. On PostgreSQL, [`crate::open`] holds an advisory lock while migrating
//! so that several instances starting together apply each migration once.

use sea_orm_migration::prelude::*;

mod m0001_create_platform_tables;
mod m0002_harden_platform;
mod m0003_create_cases;
mod m0004_link_proceedings;
mod m0005_read_indexes;
mod m0006_create_documents;
pub(crate) mod m0007_order_inbox;
mod m0008_create_annual_reports;
mod m0009_mark_fees;
mod m0010_create_external_reports;
mod m0011_create_agency_classifications;
pub(crate) mod m0012_link_interpretations;
pub(crate) mod m0013_digest_requests;

/// The migration set of the platform.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_create_platform_tables::Migration),
            Box::new(m0002_harden_platform::Migration),
            Box::new(m0003_create_cases::Migration),
            Box::new(m0004_link_proceedings::Migration),
            Box::new(m0005_read_indexes::Migration),
            Box::new(m0006_create_documents::Migration),
            Box::new(m0007_order_inbox::Migration),
            Box::new(m0008_create_annual_reports::Migration),
            Box::new(m0009_mark_fees::Migration),
            Box::new(m0010_create_external_reports::Migration),
            Box::new(m0011_create_agency_classifications::Migration),
            Box::new(m0012_link_interpretations::Migration),
            Box::new(m0013_digest_requests::Migration),
        ]
    }
}

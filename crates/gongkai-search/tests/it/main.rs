//! The search crate's one test binary: documents go in through the public API and come back
//! through searches, on an index in memory or on disk.

mod fixture;
mod lifecycle;
mod ranking;
mod recall;
mod results;
mod total;

//! Integration tests: run the real `defuse` binary on real files.

mod analyze;
mod api;
mod coach;
mod desk;
mod eval;
mod rematch;
mod workflow;

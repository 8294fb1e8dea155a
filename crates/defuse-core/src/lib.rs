//! The domain of defuse, with no I/O: what a mention is, which brand it belongs to, the settings
//! that describe brands and service levels, when a case is due, and how risky it is; the case
//! workflow, its clocks, strategy advice, the moderation policy, the audit chain and sign-in
//! throttling. The store and the interfaces (CLI, HTTP) call into this crate; it calls nothing
//! outside itself but the pure text analysis.

pub mod advice;
pub mod audit;
pub mod brand;
pub mod clocks;
pub mod desk_policy;
pub mod mention;
pub mod moderation;
pub mod risk;
pub mod settings;
pub mod signin;
pub mod sla;
pub mod triage;
pub mod workflow;

//! The `defuse` application crate: the pieces of the command that are worth testing and
//! fuzzing on their own. The binary (`main.rs`) wires them to the command line.

pub mod alerts;
pub mod coach_ctx;
pub mod csv_map;
pub mod demo;
pub mod desk;
pub mod jsonl;
pub mod password;
pub mod pipeline;
pub mod rematch;
pub mod server;
pub mod settings;
pub mod web;

//! The `defuse` application crate: the pieces of the command that are worth testing and
//! fuzzing on their own. The binary (`main.rs`) wires them to the command line.

pub mod jsonl;

//! Integration tests: run the real `defuse` binary on real files.

mod analyze;
mod api;
mod browser;
mod coach;
mod desk;
mod eval;
mod mock;
mod rematch;
mod users;
mod web;
mod workflow;

/// The `defuse` binary with a clean environment: every `DEFUSE_*` variable of the caller
/// (`DEFUSE_DATA`, `DEFUSE_NOW`, `DEFUSE_MODEL`, `DEFUSE__…` settings, test hooks) removed, so a
/// test sees only what it sets itself.
pub(crate) fn defuse() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_defuse"));
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("DEFUSE_") {
            c.env_remove(k);
        }
    }
    c
}

//! The reply coach [RC1–RC12, T2, T3]: checks a draft reply against the method and writes drafts
//! that follow it, in Russian, English and Romanian. Pure: no I/O.
//!
//! - [`check()`] reads a draft with its [`CheckContext`] and returns [`Finding`]s, each naming its
//!   rule id, severity, byte span, a message in the draft's language and a suggestion.
//! - [`draft()`] writes a draft for a case from phrase banks; every built-in draft passes the check
//!   with no error.
//! - [`llm`] builds the request for an OpenAI-compatible model's draft and accepts it only when
//!   it passes the check.
//! - [`eval`] measures the check on a labelled set (per-rule precision and recall, false alarms).
//! - [`api`] holds the request and response types of the HTTP API and their checked entry points.

pub mod api;
pub mod check;
pub mod context;
pub mod draft;
pub mod eval;
mod lexicon;
pub mod llm;
mod messages;
mod text;

pub use api::{
    CheckRequest, CheckResponse, DraftRequest, DraftResponse, RequestError, check_request,
    draft_request,
};
pub use check::{Finding, Severity, check};
pub use context::{CaseKind, CheckContext, CoachLang, Incident, Visibility};
pub use draft::{Draft, draft};

//! The case workflow's public names in one place, for the server and the command line: the
//! policy, errors, outcomes and views, jobs and the outbox. The code lives in the modules named
//! by job (`workflow`, `moderation`, `audit`, `jobs`, `outbox`, `tokens`, `case_view`).

pub use crate::audit::AuditFilter;
pub use crate::case_view::{CaseView, FollowUp, Reply, TransitionRow, WorkflowView};
pub use crate::error::{DeskError, DeskResult};
pub use crate::jobs::JobReport;
pub use crate::labels::{Label, LabelledLine};
pub use crate::outbox::{Delivery, GIVE_UP_AFTER_MS, LEASE_MS, MIN_ATTEMPTS, backoff_ms};
pub use crate::tokens::{MAX_TOKEN_NAME_CHARS, TokenInfo, role_of};
pub use crate::workflow::{MAX_REASON_CHARS, Outcome, Warning};
pub use defuse_core::desk_policy::DeskPolicy;

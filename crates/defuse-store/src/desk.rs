//! The case workflow's public names in one place, for the server and the command line: the
//! policy, errors, outcomes and views, jobs and the outbox, tokens and users. The code lives in
//! the modules named by job (`workflow`, `moderation`, `audit`, `jobs`, `outbox`, `tokens`,
//! `users`, `case_view`).

pub use crate::audit::AuditFilter;
pub use crate::case_view::{CaseView, FollowUp, Reply, TransitionRow, WorkflowView};
pub use crate::error::{DeskError, DeskResult};
pub use crate::jobs::JobReport;
pub use crate::labels::{Label, LabelledLine};
pub use crate::outbox::{Delivery, GIVE_UP_AFTER_MS, LEASE_MS, MIN_ATTEMPTS, backoff_ms};
pub use crate::tokens::{MAX_TOKEN_NAME_CHARS, TokenInfo, role_of};
pub use crate::users::{MAX_CLIENT_CHARS, MAX_LOGIN_CHARS, Session, User, check_login};
pub use crate::workflow::{MAX_REASON_CHARS, Outcome, Warning};
pub use defuse_core::desk_policy::DeskPolicy;
pub use defuse_core::signin::{Throttle, Verdict};

//! Why a workflow action did not happen: not found (typed: which entity, which id), refused by
//! the method or the policy (with its rule), an invalid request, or the store itself.

use crate::StoreError;
use defuse_core::workflow::Refusal;

/// Why a workflow action did not happen.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// No such thing: `entity` is `case`, `mention`, `token` or `user`; `id` is what was asked for.
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    /// The method or the policy refuses it.
    #[error("{0}")]
    Refused(Refusal),
    /// The request itself is wrong.
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DeskError {
    pub fn not_found(entity: &'static str, id: impl ToString) -> DeskError {
        DeskError::NotFound {
            entity,
            id: id.to_string(),
        }
    }
}

impl From<rusqlite::Error> for DeskError {
    fn from(e: rusqlite::Error) -> Self {
        DeskError::Store(StoreError::from(e))
    }
}

pub type DeskResult<T> = std::result::Result<T, DeskError>;

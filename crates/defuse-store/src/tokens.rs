//! API tokens: only their SHA-256 is stored, with a unique name, a role, an optional expiry and
//! a revocation time. A revoked or expired token acts as nobody.

use crate::audit::append_audit;
use crate::codec::{self, ms, ts};
use crate::error::{DeskError, DeskResult};
use crate::sqlite::SqliteStore;
use defuse_core::workflow::{Actor, Role};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

/// Longest token name.
pub const MAX_TOKEN_NAME_CHARS: usize = 100;

/// A token as `defuse token list` shows it (never the secret).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenInfo {
    pub name: String,
    pub role: Role,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
    /// Neither revoked nor expired at the time of the listing.
    pub active: bool,
}

impl SqliteStore {
    /// Stores a new API token's hash under a unique name, a role and an optional expiry.
    pub fn add_token(
        &mut self,
        name: &str,
        sha256_hex: &str,
        role: Role,
        expires_at: Option<Timestamp>,
        now: Timestamp,
    ) -> DeskResult<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_TOKEN_NAME_CHARS {
            return Err(DeskError::Invalid {
                field: "name",
                reason: format!("a token name has 1 to {MAX_TOKEN_NAME_CHARS} characters"),
            });
        }
        if role == Role::System {
            return Err(DeskError::Invalid {
                field: "role",
                reason: "system is defuse's own role, not a token's".into(),
            });
        }
        if expires_at.is_some_and(|e| e <= now) {
            return Err(DeskError::Invalid {
                field: "expires",
                reason: "the expiry is not in the future".into(),
            });
        }
        let tx = self.write()?;
        let taken: bool = tx
            .query_row("SELECT 1 FROM api_tokens WHERE name = ?1", [name], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        if taken {
            return Err(DeskError::Invalid {
                field: "name",
                reason: format!("a token named {name:?} exists (revoke it, or pick another name)"),
            });
        }
        tx.execute(
            "INSERT INTO api_tokens (name, sha256, created_at, role, expires_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, sha256_hex, ms(now), role.as_str(), expires_at.map(ms)],
        )?;
        append_audit(
            &tx,
            ms(now),
            &Actor::system(),
            "token.created",
            None,
            None,
            &json!({"name": name, "role": role.as_str(), "expires_at": expires_at}),
            false,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// [`Self::add_token`] without an expiry.
    pub fn add_token_with_role(
        &mut self,
        name: &str,
        sha256_hex: &str,
        role: Role,
        now: Timestamp,
    ) -> DeskResult<()> {
        self.add_token(name, sha256_hex, role, None, now)
    }

    /// Every token, oldest first.
    pub fn tokens(&self, now: Timestamp) -> DeskResult<Vec<TokenInfo>> {
        let mut st = self.conn.prepare(
            "SELECT id, name, role, created_at, expires_at, revoked_at FROM api_tokens ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            let id: i64 = r.get(0)?;
            let role: String = r.get(2)?;
            let role = Role::parse_person(&role)
                .ok_or_else(|| codec::corrupt("api_tokens", id, "role", &role))?;
            let created = codec::instant("api_tokens", id, "created_at", r.get(3)?)?;
            let expires = codec::opt_instant("api_tokens", id, "expires_at", r.get(4)?)?;
            let revoked = codec::opt_instant("api_tokens", id, "revoked_at", r.get(5)?)?;
            Ok(TokenInfo {
                name: r.get(1)?,
                role,
                created_at: ts(created),
                expires_at: expires.map(ts),
                revoked_at: revoked.map(ts),
                active: revoked.is_none() && expires.is_none_or(|e| e > ms(now)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Revokes the token of that name: from now on it acts as nobody. Revoking twice is refused
    /// as not found (there is no active token of that name).
    pub fn revoke_token(&mut self, name: &str, now: Timestamp) -> DeskResult<()> {
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE api_tokens SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
            params![name, ms(now)],
        )?;
        if n == 0 {
            return Err(DeskError::not_found("token", name));
        }
        append_audit(
            &tx,
            ms(now),
            &Actor::system(),
            "token.revoked",
            None,
            None,
            &json!({"name": name}),
            false,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Who a token acts as at `now`: its name and role; `None` for an unknown, revoked or
    /// expired token.
    pub fn token_actor(&self, sha256_hex: &str, now: Timestamp) -> DeskResult<Option<Actor>> {
        let row: Option<(i64, String, String)> = self
            .conn
            .query_row(
                "SELECT id, name, role FROM api_tokens WHERE sha256 = ?1 \
                 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?2)",
                params![sha256_hex, ms(now)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, name, role)) = row else {
            return Ok(None);
        };
        let role = Role::parse_person(&role).ok_or_else(|| {
            crate::StoreError::from(codec::corrupt("api_tokens", id, "role", &role))
        })?;
        Ok(Some(Actor { name, role }))
    }
}

/// The role a token's stored role name maps to (unknown names act as a reader: the least).
pub fn role_of(s: &str) -> Role {
    Role::parse_person(s).unwrap_or(Role::Reader)
}

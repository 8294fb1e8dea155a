//! The web desk's accounts: users (a unique login, a role, a password hash, preferences),
//! their sessions (only the SHA-256 of a session token is stored) and failed sign-ins by login
//! and by address, read through [`Throttle`]. Every change is audited; no record holds a
//! password or a hash.

use crate::audit::append_audit;
use crate::codec::{self, ms, ts};
use crate::error::{DeskError, DeskResult};
use crate::sqlite::SqliteStore;
use defuse_core::signin::{Throttle, Verdict};
use defuse_core::workflow::{Actor, Role};
use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

/// Longest login.
pub const MAX_LOGIN_CHARS: usize = 64;
/// Longest client address kept with a session or a failed sign-in.
pub const MAX_CLIENT_CHARS: usize = 100;
/// How much of an attempted login a throttle key and an audit record keep.
const MAX_ATTEMPTED_LOGIN_CHARS: usize = 100;
/// A session's last use is written at most this often (ms).
const TOUCH_EVERY_MS: i64 = 60_000;

/// A person who signs in to the web desk (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub login: String,
    pub role: Role,
    pub disabled: bool,
    /// The desk's language for this person (`None`: the browser's).
    pub lang: Option<String>,
    /// An IANA time zone (`None`: the desk's).
    pub time_zone: Option<String>,
    pub created_at: Timestamp,
}

impl User {
    /// Who this user is in the audit trail.
    pub fn actor(&self) -> Actor {
        Actor {
            name: self.login.clone(),
            role: self.role,
        }
    }
}

/// A live session: whose it is, the token its forms must carry, and when it ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    pub user: User,
    pub csrf: String,
    pub expires_at: Timestamp,
}

/// Why a login is not one: 1 to [`MAX_LOGIN_CHARS`] ASCII letters, digits and `. _ - @`.
pub fn check_login(login: &str) -> Result<(), String> {
    let ok = !login.is_empty()
        && login.len() <= MAX_LOGIN_CHARS
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "a login has 1 to {MAX_LOGIN_CHARS} characters: ASCII letters, digits and . _ - @"
        ))
    }
}

fn check_role(role: Role) -> DeskResult<()> {
    if role == Role::System {
        return Err(DeskError::Invalid {
            field: "role",
            reason: "system is defuse's own role, not a user's".into(),
        });
    }
    Ok(())
}

fn check_hash(hash: &str) -> DeskResult<()> {
    if hash.trim().is_empty() {
        return Err(DeskError::Invalid {
            field: "password_hash",
            reason: "the password hash is empty".into(),
        });
    }
    Ok(())
}

fn cap(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The throttle key of an attempted login: trimmed, lower case, capped.
fn login_key(login: &str) -> String {
    format!(
        "login:{}",
        cap(&login.trim().to_lowercase(), MAX_ATTEMPTED_LOGIN_CHARS)
    )
}

/// The throttle key of a client address.
fn addr_key(addr: &str) -> String {
    format!("addr:{}", cap(addr.trim(), MAX_CLIENT_CHARS))
}

/// The user columns every reader selects, in the order [`user_of`] reads them.
const USER_COLUMNS: &str =
    "u.id, u.login, u.role, u.disabled_at, u.lang, u.time_zone, u.created_at";

/// A user from the [`USER_COLUMNS`] starting at column `at`.
fn user_of(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<User> {
    let id: i64 = r.get(at)?;
    let role: String = r.get(at + 2)?;
    let disabled = codec::opt_instant("users", id, "disabled_at", r.get(at + 3)?)?;
    let created = codec::instant("users", id, "created_at", r.get(at + 6)?)?;
    Ok(User {
        id,
        login: r.get(at + 1)?,
        role: codec::role("users", id, &role)?,
        disabled: disabled.is_some(),
        lang: r.get(at + 4)?,
        time_zone: r.get(at + 5)?,
        created_at: ts(created),
    })
}

fn user_by_login(c: &Connection, login: &str) -> rusqlite::Result<Option<User>> {
    c.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.login = ?1"
    ))?
    .query_row([login], |r| user_of(r, 0))
    .optional()
}

fn user_by_id(c: &Connection, id: i64) -> rusqlite::Result<Option<User>> {
    c.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.id = ?1"
    ))?
    .query_row([id], |r| user_of(r, 0))
    .optional()
}

/// Ends every live session of a user; how many.
fn end_sessions_of(c: &Connection, user_id: i64, now: Timestamp) -> rusqlite::Result<usize> {
    c.execute(
        "UPDATE sessions SET ended_at = ?2 WHERE user_id = ?1 AND ended_at IS NULL",
        params![user_id, ms(now)],
    )
}

/// The verdict of one throttle key at `now`: failures within the window, the last of them,
/// and a recorded lock.
fn key_verdict(
    c: &Connection,
    key: &str,
    throttle: &Throttle,
    now: Timestamp,
) -> rusqlite::Result<Verdict> {
    let since = ms(now.checked_sub(throttle.window).unwrap_or(Timestamp::MIN));
    let mut st = c.prepare_cached(
        "SELECT id, at, locked_until FROM signin_failures \
         WHERE key = ?1 AND (at > ?2 OR locked_until > ?3)",
    )?;
    let mut rows = st.query(params![key, since, ms(now)])?;
    let (mut count, mut last, mut locked) = (0u32, None::<i64>, None::<i64>);
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let at = codec::instant("signin_failures", id, "at", r.get(1)?)?;
        let until = codec::opt_instant("signin_failures", id, "locked_until", r.get(2)?)?;
        if at > since {
            count = count.saturating_add(1);
            last = last.max(Some(at));
        }
        locked = locked.max(until);
    }
    Ok(throttle.verdict(count, last.map(ts), locked.map(ts), now))
}

impl SqliteStore {
    /// Adds a user who signs in with a password (its hash is given: the store never sees the
    /// password). The login is unique whatever its case; the role is a person's (not `system`).
    pub fn add_user(
        &mut self,
        login: &str,
        role: Role,
        password_hash: &str,
        now: Timestamp,
    ) -> DeskResult<i64> {
        self.add_user_by(login, role, password_hash, &Actor::system(), now)
    }

    /// [`SqliteStore::add_user`] by a person (an admin on the desk's settings page), who is
    /// the actor in the audit trail.
    pub fn add_user_by(
        &mut self,
        login: &str,
        role: Role,
        password_hash: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> DeskResult<i64> {
        check_login(login).map_err(|reason| DeskError::Invalid {
            field: "login",
            reason,
        })?;
        check_role(role)?;
        check_hash(password_hash)?;
        let tx = self.write()?;
        if let Some(u) = user_by_login(&tx, login)? {
            return Err(DeskError::Invalid {
                field: "login",
                reason: format!("a user {:?} exists (logins ignore case)", u.login),
            });
        }
        tx.execute(
            "INSERT INTO users (login, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![login, role.as_str(), password_hash, ms(now)],
        )?;
        let id = tx.last_insert_rowid();
        append_audit(
            &tx,
            ms(now),
            actor,
            "user.added",
            None,
            None,
            &json!({"login": login, "role": role.as_str()}),
            false,
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Every user, oldest first.
    pub fn users(&self) -> DeskResult<Vec<User>> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.id"))?;
        let rows = st.query_map([], |r| user_of(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The user of that login (whatever its case), disabled or not.
    pub fn user(&self, login: &str) -> DeskResult<Option<User>> {
        Ok(user_by_login(&self.conn, login)?)
    }

    /// The user of that login with the stored password hash, to verify a password against.
    /// A disabled user is returned too (`user.disabled`): the caller refuses the sign-in.
    pub fn password_hash(&self, login: &str) -> DeskResult<Option<(User, String)>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.login = ?1"
            ))?
            .query_row([login], |r| Ok((user_of(r, 0)?, r.get(7)?)))
            .optional()?)
    }

    /// Replaces a user's password hash and ends every session of the user.
    pub fn set_password(&mut self, login: &str, hash: &str, now: Timestamp) -> DeskResult<()> {
        check_hash(hash)?;
        let tx = self.write()?;
        let user = user_by_login(&tx, login)?.ok_or_else(|| DeskError::not_found("user", login))?;
        tx.execute(
            "UPDATE users SET password_hash = ?2 WHERE id = ?1",
            params![user.id, hash],
        )?;
        let ended = end_sessions_of(&tx, user.id, now)?;
        append_audit(
            &tx,
            ms(now),
            &Actor::system(),
            "user.password_changed",
            None,
            None,
            &json!({"login": user.login, "sessions_ended": ended}),
            false,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Disables a user: no sign-in, and every session ends. Disabling a disabled user is
    /// refused as invalid.
    pub fn disable_user(&mut self, login: &str, now: Timestamp) -> DeskResult<()> {
        self.disable_user_by(login, &Actor::system(), now)
    }

    /// [`SqliteStore::disable_user`] by a person (an admin on the desk), the actor in the audit
    /// trail.
    pub fn disable_user_by(
        &mut self,
        login: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> DeskResult<()> {
        let tx = self.write()?;
        let user = user_by_login(&tx, login)?.ok_or_else(|| DeskError::not_found("user", login))?;
        if user.disabled {
            return Err(DeskError::Invalid {
                field: "login",
                reason: format!("the user {:?} is already disabled", user.login),
            });
        }
        tx.execute(
            "UPDATE users SET disabled_at = ?2 WHERE id = ?1",
            params![user.id, ms(now)],
        )?;
        let ended = end_sessions_of(&tx, user.id, now)?;
        append_audit(
            &tx,
            ms(now),
            actor,
            "user.disabled",
            None,
            None,
            &json!({"login": user.login, "sessions_ended": ended}),
            false,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Gives a user another role (a person's, not `system`); live sessions act with it from
    /// their next request. The same role again changes and records nothing.
    pub fn set_role(&mut self, login: &str, role: Role, now: Timestamp) -> DeskResult<()> {
        check_role(role)?;
        let tx = self.write()?;
        let user = user_by_login(&tx, login)?.ok_or_else(|| DeskError::not_found("user", login))?;
        if user.role == role {
            return Ok(());
        }
        tx.execute(
            "UPDATE users SET role = ?2 WHERE id = ?1",
            params![user.id, role.as_str()],
        )?;
        append_audit(
            &tx,
            ms(now),
            &Actor::system(),
            "user.role_changed",
            None,
            None,
            &json!({"login": user.login, "from": user.role.as_str(), "to": role.as_str()}),
            false,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A user's own preferences: the desk's language (a tag such as `ru`, `en-GB`) and an IANA
    /// time zone; `None` clears one.
    pub fn set_user_prefs(
        &mut self,
        user_id: i64,
        lang: Option<&str>,
        time_zone: Option<&str>,
    ) -> DeskResult<()> {
        if let Some(l) = lang {
            let ok = (1..=16).contains(&l.len())
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !ok {
                return Err(DeskError::Invalid {
                    field: "lang",
                    reason: "a language is a tag such as ru, en or en-GB".into(),
                });
            }
        }
        if let Some(z) = time_zone
            && jiff::tz::TimeZone::get(z).is_err()
        {
            return Err(DeskError::Invalid {
                field: "time_zone",
                reason: format!("{:?} is not an IANA time zone", cap(z, 60)),
            });
        }
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE users SET lang = ?2, time_zone = ?3 WHERE id = ?1",
            params![user_id, lang, time_zone],
        )?;
        if n == 0 {
            return Err(DeskError::not_found("user", user_id));
        }
        tx.commit()?;
        Ok(())
    }

    /// Opens a session for an enabled user: the SHA-256 of its token, the token its forms
    /// carry, the client's address, lasting `ttl`.
    pub fn create_session(
        &mut self,
        user_id: i64,
        token_sha256: &str,
        csrf: &str,
        client: &str,
        now: Timestamp,
        ttl: SignedDuration,
    ) -> DeskResult<()> {
        if token_sha256.is_empty() || csrf.is_empty() {
            return Err(DeskError::Invalid {
                field: "token",
                reason: "a session needs a token and a form token".into(),
            });
        }
        let expires = match now.checked_add(ttl) {
            Ok(e) if ttl.is_positive() => e,
            _ => {
                return Err(DeskError::Invalid {
                    field: "ttl",
                    reason: "a session lasts a positive time".into(),
                });
            }
        };
        let client = cap(client, MAX_CLIENT_CHARS);
        let tx = self.write()?;
        let user =
            user_by_id(&tx, user_id)?.ok_or_else(|| DeskError::not_found("user", user_id))?;
        if user.disabled {
            return Err(DeskError::Invalid {
                field: "user",
                reason: format!("the user {:?} is disabled", user.login),
            });
        }
        tx.execute(
            "INSERT INTO sessions (token_sha256, user_id, csrf, created_at, last_seen_at, \
             expires_at, client) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)",
            params![token_sha256, user.id, csrf, ms(now), ms(expires), client],
        )?;
        append_audit(
            &tx,
            ms(now),
            &user.actor(),
            "user.signed_in",
            None,
            None,
            &json!({"login": user.login, "client": client}),
            false,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The live session of a token's SHA-256: `None` when unknown, ended, expired, or its user
    /// is disabled. The user (and so the role) is read afresh.
    pub fn session(&self, token_sha256: &str, now: Timestamp) -> DeskResult<Option<Session>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT s.id, s.csrf, s.expires_at, {USER_COLUMNS} FROM sessions s \
                 JOIN users u ON u.id = s.user_id \
                 WHERE s.token_sha256 = ?1 AND s.ended_at IS NULL AND s.expires_at > ?2 \
                 AND u.disabled_at IS NULL"
            ))?
            .query_row(params![token_sha256, ms(now)], |r| {
                let id: i64 = r.get(0)?;
                let expires = codec::instant("sessions", id, "expires_at", r.get(2)?)?;
                Ok(Session {
                    user: user_of(r, 3)?,
                    csrf: r.get(1)?,
                    expires_at: ts(expires),
                })
            })
            .optional()?)
    }

    /// Records that a live session was used at `now` (its `last_seen_at`; written at most once
    /// a minute). The expiry does not move.
    pub fn touch_session(&mut self, token_sha256: &str, now: Timestamp) -> DeskResult<()> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE sessions SET last_seen_at = ?2 WHERE token_sha256 = ?1 \
             AND ended_at IS NULL AND expires_at > ?2 AND last_seen_at <= ?3",
            params![token_sha256, ms(now), ms(now) - TOUCH_EVERY_MS],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Signs a session out; whether a live one ended.
    pub fn end_session(&mut self, token_sha256: &str, now: Timestamp) -> DeskResult<bool> {
        let tx = self.write()?;
        let row: Option<(i64, i64, String)> = tx
            .query_row(
                "SELECT id, user_id, client FROM sessions WHERE token_sha256 = ?1 \
                 AND ended_at IS NULL AND expires_at > ?2",
                params![token_sha256, ms(now)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, user_id, client)) = row else {
            return Ok(false);
        };
        tx.execute(
            "UPDATE sessions SET ended_at = ?2 WHERE id = ?1",
            params![id, ms(now)],
        )?;
        let actor = user_by_id(&tx, user_id)?.map_or_else(Actor::system, |u| u.actor());
        append_audit(
            &tx,
            ms(now),
            &actor,
            "user.signed_out",
            None,
            None,
            &json!({"login": actor.name, "client": client}),
            false,
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Whether a sign-in as `login` from `addr` may be tried at `now`: the worst of the
    /// login's and the address's verdicts.
    pub fn signin_verdict(
        &self,
        login: &str,
        addr: &str,
        throttle: &Throttle,
        now: Timestamp,
    ) -> DeskResult<Verdict> {
        let by_login = key_verdict(&self.conn, &login_key(login), throttle, now)?;
        let by_addr = key_verdict(&self.conn, &addr_key(addr), throttle, now)?;
        Ok(by_login.worst(by_addr))
    }

    /// Records a failed sign-in against the login and the address (audited with both, never
    /// the password) and returns the verdict for the next attempt. A failure that locks a key
    /// records the lock's end on itself and is audited as `user.signin_locked`. Failures gone
    /// out of the window (and not holding a lock) are pruned.
    pub fn record_signin_failure(
        &mut self,
        login: &str,
        addr: &str,
        throttle: &Throttle,
        now: Timestamp,
    ) -> DeskResult<Verdict> {
        let addr_shown = cap(addr, MAX_CLIENT_CHARS);
        let keys = [login_key(login), addr_key(addr)];
        let tx = self.write()?;
        // The login is recorded only when it is someone's: a password typed into the login
        // field by mistake must not end up in the audit trail.
        let login_shown = match user_by_login(&tx, login)? {
            Some(u) => u.login,
            None => "(unknown login)".to_string(),
        };
        let mut worst = Verdict::Allowed;
        let mut locks = Vec::new();
        for key in &keys {
            let before = key_verdict(&tx, key, throttle, now)?;
            tx.execute(
                "INSERT INTO signin_failures (key, at) VALUES (?1, ?2)",
                params![key, ms(now)],
            )?;
            let row = tx.last_insert_rowid();
            let after = key_verdict(&tx, key, throttle, now)?;
            if let (Verdict::Locked { until }, false) =
                (after, matches!(before, Verdict::Locked { .. }))
            {
                tx.execute(
                    "UPDATE signin_failures SET locked_until = ?2 WHERE id = ?1",
                    params![row, ms(until)],
                )?;
                locks.push((key, until));
            }
            worst = worst.worst(after);
        }
        append_audit(
            &tx,
            ms(now),
            &Actor::system(),
            "user.signin_failed",
            None,
            None,
            &json!({"login": login_shown, "addr": addr_shown}),
            false,
        )?;
        for (key, until) in locks {
            append_audit(
                &tx,
                ms(now),
                &Actor::system(),
                "user.signin_locked",
                None,
                None,
                &json!({"key": key, "until": until}),
                false,
            )?;
        }
        let since = ms(now.checked_sub(throttle.window).unwrap_or(Timestamp::MIN));
        tx.execute(
            "DELETE FROM signin_failures WHERE at <= ?1 \
             AND (locked_until IS NULL OR locked_until <= ?2)",
            params![since, ms(now)],
        )?;
        tx.commit()?;
        Ok(worst)
    }

    /// Forgets the failed sign-ins of the login and the address (after a sign-in that
    /// succeeded, which a throttled or locked key never reaches).
    pub fn clear_signin_failures(&mut self, login: &str, addr: &str) -> DeskResult<()> {
        let tx = self.write()?;
        tx.execute(
            "DELETE FROM signin_failures WHERE key IN (?1, ?2)",
            params![login_key(login), addr_key(addr)],
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_ascii_letters_digits_and_a_few_marks() {
        for ok in ["anna", "Anna.K", "a", "i_v-a@desk.example", &"x".repeat(64)] {
            assert!(check_login(ok).is_ok(), "{ok}");
        }
        for bad in ["", "an na", "анна", "a/b", "a\n", &"x".repeat(65)] {
            let e = check_login(bad).expect_err(bad);
            assert!(e.contains("1 to 64"), "{e}");
        }
    }

    #[test]
    fn throttle_keys_fold_case_and_spaces_and_are_capped() {
        assert_eq!(login_key(" Anna "), "login:anna");
        assert_eq!(addr_key("203.0.113.9"), "addr:203.0.113.9");
        assert_eq!(login_key(&"Ж".repeat(500)).chars().count(), 6 + 100);
    }
}

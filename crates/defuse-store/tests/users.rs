//! Users, sessions and sign-in throttling against a real database file: unique logins whatever
//! their case, sessions that outlive the process and end on sign-out, a new password, disabling
//! and expiry; the throttle's wait and lock kept in the store; every event audited without a
//! password or a hash.

use defuse_core::workflow::Role;
use defuse_store::StoreError;
use defuse_store::desk::{AuditFilter, DeskError, Throttle, Verdict};
use defuse_store::sqlite::SqliteStore;
use jiff::{SignedDuration, Timestamp};

fn t(s: &str) -> Timestamp {
    s.parse().expect("time")
}

const NOW: &str = "2026-11-20T12:00:00Z";
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
const HOUR: SignedDuration = SignedDuration::from_hours(1);

fn open(dir: &tempfile::TempDir) -> SqliteStore {
    SqliteStore::open(&dir.path().join("defuse.db")).expect("open")
}

fn secs(n: i64) -> SignedDuration {
    SignedDuration::from_secs(n)
}

#[test]
fn users_are_listed_and_a_login_is_unique_whatever_its_case() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let now = t(NOW);
    let anna = s.add_user("Anna", Role::Agent, HASH, now).expect("anna");
    s.add_user("ivan.k@desk", Role::Supervisor, HASH, now)
        .expect("ivan");
    match s.add_user("aNNA", Role::Admin, HASH, now) {
        Err(DeskError::Invalid { field, reason }) => {
            assert_eq!(field, "login");
            assert!(reason.contains("exists"), "{reason}");
        }
        other => panic!("a second anna: {other:?}"),
    }
    for bad in ["", "an na", "анна", &"x".repeat(65)] {
        assert!(
            matches!(
                s.add_user(bad, Role::Agent, HASH, now),
                Err(DeskError::Invalid { field: "login", .. })
            ),
            "{bad:?}"
        );
    }
    assert!(matches!(
        s.add_user("bot", Role::System, HASH, now),
        Err(DeskError::Invalid { field: "role", .. })
    ));
    assert!(matches!(
        s.add_user("bot", Role::Agent, " ", now),
        Err(DeskError::Invalid {
            field: "password_hash",
            ..
        })
    ));

    let users = s.users().expect("users");
    let names: Vec<_> = users.iter().map(|u| (u.login.as_str(), u.role)).collect();
    assert_eq!(
        names,
        [("Anna", Role::Agent), ("ivan.k@desk", Role::Supervisor)]
    );
    assert_eq!(users[0].id, anna);
    assert_eq!(users[0].created_at, now);
    assert!(!users[0].disabled);
    let json = serde_json::to_string(&users).expect("json");
    assert!(
        !json.contains("argon2") && !json.contains("password"),
        "{json}"
    );

    assert_eq!(s.user("anna").expect("read").map(|u| u.id), Some(anna));
    assert_eq!(s.user("nobody").expect("read"), None);
    let (u, hash) = s.password_hash("ANNA").expect("read").expect("anna");
    assert_eq!((u.id, hash.as_str()), (anna, HASH));

    s.set_role("anna", Role::Admin, now).expect("role");
    assert_eq!(
        s.user("anna").expect("read").map(|u| u.role),
        Some(Role::Admin)
    );
    assert!(matches!(
        s.set_role("anna", Role::System, now),
        Err(DeskError::Invalid { field: "role", .. })
    ));
    assert!(matches!(
        s.set_role("nobody", Role::Agent, now),
        Err(DeskError::NotFound { entity: "user", .. })
    ));

    s.set_user_prefs(anna, Some("ru"), Some("Europe/Chisinau"))
        .expect("prefs");
    let u = s.user("anna").expect("read").expect("anna");
    assert_eq!(
        (u.lang.as_deref(), u.time_zone.as_deref()),
        (Some("ru"), Some("Europe/Chisinau"))
    );
    assert!(matches!(
        s.set_user_prefs(anna, None, Some("Mars/Olympus")),
        Err(DeskError::Invalid {
            field: "time_zone",
            ..
        })
    ));
    assert!(matches!(
        s.set_user_prefs(anna, Some("ru; drop"), None),
        Err(DeskError::Invalid { field: "lang", .. })
    ));
    assert!(matches!(
        s.set_user_prefs(9999, None, None),
        Err(DeskError::NotFound { entity: "user", .. })
    ));
    s.set_user_prefs(anna, None, None).expect("clear");
    let u = s.user("anna").expect("read").expect("anna");
    assert_eq!((u.lang, u.time_zone), (None, None));
}

#[test]
fn a_session_survives_reopening_the_store_and_ends_when_signed_out() {
    let dir = tempfile::tempdir().expect("tmp");
    let now = t(NOW);
    let anna = {
        let mut s = open(&dir);
        let anna = s.add_user("anna", Role::Agent, HASH, now).expect("anna");
        s.create_session(anna, "tok1", "csrf1", "203.0.113.9", now, HOUR)
            .expect("session");
        anna
    };
    let mut s = open(&dir);
    let later = now + SignedDuration::from_mins(10);
    let live = s.session("tok1", later).expect("read").expect("live");
    assert_eq!(live.user.id, anna);
    assert_eq!(live.user.login, "anna");
    assert_eq!(live.csrf, "csrf1");
    assert_eq!(live.expires_at, now + HOUR);
    assert_eq!(s.session("tok2", later).expect("read"), None, "unknown");
    s.touch_session("tok1", later).expect("touch");

    assert!(s.end_session("tok1", later).expect("out"));
    assert_eq!(s.session("tok1", later).expect("read"), None);
    assert!(!s.end_session("tok1", later).expect("out"), "ended once");
}

#[test]
fn a_session_expires() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let now = t(NOW);
    let anna = s.add_user("anna", Role::Agent, HASH, now).expect("anna");
    s.create_session(anna, "tok", "c", "::1", now, HOUR)
        .expect("session");
    assert!(
        s.session("tok", now + HOUR - secs(1))
            .expect("read")
            .is_some()
    );
    assert!(s.session("tok", now + HOUR).expect("read").is_none());
    assert!(!s.end_session("tok", now + HOUR).expect("out"), "expired");
    assert!(matches!(
        s.create_session(anna, "tok2", "c", "::1", now, SignedDuration::ZERO),
        Err(DeskError::Invalid { field: "ttl", .. })
    ));
    assert!(matches!(
        s.create_session(9999, "tok3", "c", "::1", now, HOUR),
        Err(DeskError::NotFound { entity: "user", .. })
    ));
}

#[test]
fn a_new_password_and_disabling_end_every_session_of_the_user_only() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let now = t(NOW);
    let anna = s.add_user("anna", Role::Agent, HASH, now).expect("anna");
    let ivan = s.add_user("ivan", Role::Agent, HASH, now).expect("ivan");
    s.create_session(anna, "a1", "c", "::1", now, HOUR)
        .expect("a1");
    s.create_session(anna, "a2", "c", "::1", now, HOUR)
        .expect("a2");
    s.create_session(ivan, "i1", "c", "::1", now, HOUR)
        .expect("i1");

    s.set_password("ANNA", "$argon2id$new", now)
        .expect("passwd");
    assert!(s.session("a1", now).expect("read").is_none());
    assert!(s.session("a2", now).expect("read").is_none());
    assert!(s.session("i1", now).expect("read").is_some(), "not ivan's");
    let (_, hash) = s.password_hash("anna").expect("read").expect("anna");
    assert_eq!(hash, "$argon2id$new");
    assert!(matches!(
        s.set_password("nobody", HASH, now),
        Err(DeskError::NotFound { entity: "user", .. })
    ));

    s.create_session(anna, "a3", "c", "::1", now, HOUR)
        .expect("a3");
    s.disable_user("anna", now).expect("disable");
    assert!(s.session("a3", now).expect("read").is_none());
    assert!(s.user("anna").expect("read").is_some_and(|u| u.disabled));
    assert!(
        s.password_hash("anna")
            .expect("read")
            .is_some_and(|(u, _)| u.disabled),
        "the caller sees the user is disabled"
    );
    assert!(matches!(
        s.create_session(anna, "a4", "c", "::1", now, HOUR),
        Err(DeskError::Invalid { field: "user", .. })
    ));
    assert!(matches!(
        s.disable_user("anna", now),
        Err(DeskError::Invalid { field: "login", .. })
    ));
    assert!(s.session("i1", now).expect("read").is_some(), "not ivan's");
}

#[test]
fn a_role_change_applies_to_live_sessions() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let now = t(NOW);
    let anna = s.add_user("anna", Role::Agent, HASH, now).expect("anna");
    s.create_session(anna, "a1", "c", "::1", now, HOUR)
        .expect("a1");
    s.set_role("anna", Role::Reader, now).expect("role");
    let live = s.session("a1", now).expect("read").expect("live");
    assert_eq!(live.user.role, Role::Reader);
}

#[test]
fn failed_sign_ins_make_the_next_wait_then_lock_and_a_success_clears_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let th = Throttle::default();
    let mut now = t(NOW);
    let v = |s: &SqliteStore, login: &str, addr: &str, at| {
        s.signin_verdict(login, addr, &th, at).expect("verdict")
    };
    assert_eq!(v(&s, "anna", "198.51.100.1", now), Verdict::Allowed);
    // Three free failures.
    for _ in 0..2 {
        let after = s
            .record_signin_failure("anna", "198.51.100.1", &th, now)
            .expect("fail");
        assert_eq!(after, Verdict::Allowed);
    }
    let after = s
        .record_signin_failure("Anna", "198.51.100.1", &th, now)
        .expect("fail");
    assert_eq!(
        after,
        Verdict::Wait {
            until: now + secs(1)
        }
    );
    // The login's key holds from another address, whatever the case of the login.
    assert_eq!(
        v(&s, " ANNA", "198.51.100.2", now),
        Verdict::Wait {
            until: now + secs(1)
        }
    );
    // The address's key holds for another login.
    assert_eq!(
        v(&s, "ivan", "198.51.100.1", now),
        Verdict::Wait {
            until: now + secs(1)
        }
    );
    assert_eq!(v(&s, "ivan", "198.51.100.2", now), Verdict::Allowed);
    assert_eq!(
        v(&s, "anna", "198.51.100.1", now + secs(1)),
        Verdict::Allowed
    );

    // Each further failure doubles the wait, until the tenth locks; spread over the window,
    // so that the earliest leave it while the lock runs.
    let mut last = Verdict::Allowed;
    for _ in 3..10 {
        now += SignedDuration::from_secs(100);
        last = s
            .record_signin_failure("anna", "198.51.100.1", &th, now)
            .expect("fail");
    }
    let until = now + SignedDuration::from_mins(15);
    assert_eq!(last, Verdict::Locked { until });
    let later = now + SignedDuration::from_mins(14);
    assert_eq!(
        v(&s, "anna", "203.0.113.7", later),
        Verdict::Locked { until },
        "the lock outlives its first failures' window"
    );
    assert_eq!(v(&s, "anna", "203.0.113.7", until), Verdict::Allowed);

    // A success clears both keys.
    s.clear_signin_failures("anna", "198.51.100.1")
        .expect("clear");
    assert_eq!(v(&s, "anna", "198.51.100.1", now), Verdict::Allowed);

    let audit = s
        .audit(&AuditFilter {
            limit: 1000,
            ..AuditFilter::default()
        })
        .expect("audit");
    let failed = audit
        .iter()
        .filter(|r| r.action == "user.signin_failed")
        .count();
    assert_eq!(failed, 10);
    let locked: Vec<_> = audit
        .iter()
        .filter(|r| r.action == "user.signin_locked")
        .map(|r| r.detail.clone())
        .collect();
    assert_eq!(locked.len(), 2, "the login and the address: {locked:?}");
    assert!(
        locked.iter().any(|d| d.contains("login:anna")),
        "{locked:?}"
    );
    assert!(
        locked.iter().any(|d| d.contains("addr:198.51.100.1")),
        "{locked:?}"
    );
}

#[test]
fn old_failures_leave_the_window_and_are_pruned() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let th = Throttle::default();
    let now = t(NOW);
    for _ in 0..5 {
        s.record_signin_failure("anna", "::1", &th, now)
            .expect("fail");
    }
    let after_window = now + th.window + secs(1);
    assert_eq!(
        s.signin_verdict("anna", "::1", &th, after_window)
            .expect("verdict"),
        Verdict::Allowed
    );
    // One more failure much later counts alone, and prunes the old ones.
    assert_eq!(
        s.record_signin_failure("anna", "::1", &th, after_window)
            .expect("fail"),
        Verdict::Allowed
    );
    drop(s);
    let conn = rusqlite::Connection::open(dir.path().join("defuse.db")).expect("open");
    let rows: i64 = conn
        .query_row("SELECT COUNT(*) FROM signin_failures", [], |r| r.get(0))
        .expect("count");
    assert_eq!(rows, 2, "the last failure's two keys");
}

#[test]
fn every_account_event_is_audited_without_a_password_or_a_hash() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let th = Throttle::default();
    let now = t(NOW);
    let anna = s.add_user("anna", Role::Agent, HASH, now).expect("anna");
    s.create_session(anna, "tok", "c", "192.0.2.4", now, HOUR)
        .expect("in");
    s.end_session("tok", now).expect("out");
    s.record_signin_failure("anna", "192.0.2.4", &th, now)
        .expect("fail");
    s.set_password("anna", "$argon2id$second", now)
        .expect("passwd");
    s.set_role("anna", Role::Supervisor, now).expect("role");
    s.disable_user("anna", now).expect("disable");
    let audit = s
        .audit(&AuditFilter {
            limit: 1000,
            ..AuditFilter::default()
        })
        .expect("audit");
    let actions: Vec<_> = audit.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "user.added",
            "user.signed_in",
            "user.signed_out",
            "user.signin_failed",
            "user.password_changed",
            "user.role_changed",
            "user.disabled",
        ]
    );
    let signed_in = &audit[1];
    assert_eq!(
        (signed_in.actor.as_str(), signed_in.role.as_str()),
        ("anna", "agent")
    );
    assert!(
        signed_in.detail.contains("192.0.2.4"),
        "{}",
        signed_in.detail
    );
    assert!(audit[3].detail.contains("192.0.2.4") && audit[3].detail.contains("anna"));
    for r in &audit {
        assert!(
            !r.detail.contains("argon2") && !r.detail.contains("$") && !r.detail.contains("tok"),
            "{}: {}",
            r.action,
            r.detail
        );
    }
    let v = s.verify_audit().expect("verify");
    assert!(v.problems.is_empty() && v.checked == 7, "{:?}", v.problems);
}

#[test]
fn a_stored_role_that_is_not_one_is_corrupt_naming_the_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let now = t(NOW);
    let anna = s.add_user("anna", Role::Agent, HASH, now).expect("anna");
    drop(s);
    let conn = rusqlite::Connection::open(dir.path().join("defuse.db")).expect("open");
    conn.execute("UPDATE users SET role = 'system' WHERE id = ?1", [anna])
        .expect("damage");
    drop(conn);
    let s = open(&dir);
    match s.users() {
        Err(DeskError::Store(StoreError::Corrupt(m))) => {
            assert!(
                m.contains(&format!("users row {anna}")) && m.contains("role"),
                "{m}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        s.user("anna"),
        Err(DeskError::Store(StoreError::Corrupt(_)))
    ));
}

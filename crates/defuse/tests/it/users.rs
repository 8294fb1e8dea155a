//! `defuse user` with the real binary and a real data directory: a password piped in, the list
//! (never a hash), a login taken whatever its case, a short password, a new password and
//! disabling (each ending the user's sessions), a new role, and the audit trail.

use crate::desk::{data_dir, json, run};
use defuse_store::sqlite::SqliteStore;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

const NOW: &str = "2026-11-20T12:00:00Z";

/// `defuse ARGS` with `stdin` piped in: (exit code, stdout, stderr).
fn run_with_stdin(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = crate::defuse()
        .args(args)
        .env("DEFUSE_NOW", NOW)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    // The binary may refuse (a taken login) and exit before it reads the password: a closed
    // pipe is then its answer, not the test's failure.
    if let Err(e) = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
    {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    let out = child.wait_with_output().expect("binary ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn stored_hash(dir: &Path, login: &str) -> String {
    let s = SqliteStore::open(&dir.join("defuse.db")).expect("open");
    s.password_hash(login).expect("read").expect("user").1
}

/// A session of `login` opened straight in the store (the web desk's sign-in).
fn session(dir: &Path, login: &str, token: &str) {
    let mut s = SqliteStore::open(&dir.join("defuse.db")).expect("open");
    let u = s.user(login).expect("read").expect("user");
    let now = NOW.parse().expect("time");
    s.create_session(
        u.id,
        token,
        "csrf",
        "127.0.0.1",
        now,
        jiff::SignedDuration::from_hours(8),
    )
    .expect("session");
}

fn live(dir: &Path, token: &str) -> bool {
    let s = SqliteStore::open(&dir.join("defuse.db")).expect("open");
    s.session(token, NOW.parse().expect("time"))
        .expect("read")
        .is_some()
}

#[test]
fn a_user_added_with_a_piped_password_is_listed_without_its_hash() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let (code, out, err) = run_with_stdin(
        &["user", "add", "anna", "--role", "supervisor", "--data", d],
        "correct horse battery\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added user anna (supervisor)"), "{out}");
    let hash = stored_hash(dir.path(), "anna");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(defuse::password::verify("correct horse battery", &hash));
    assert!(
        !defuse::password::verify("correct horse battery\n", &hash),
        "the line ending is not part of it"
    );

    // The global options before the subcommand work as for every command.
    let (code, out, err) = run(&["--data", d, "user", "list"], NOW);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("anna") && out.contains("supervisor"), "{out}");
    assert!(out.contains("active"), "{out}");
    let (code, out, _) = run(&["user", "list", "--json", "--data", d], NOW);
    assert_eq!(code, 0);
    let users = json(&out);
    let users = users.as_array().expect("array");
    assert_eq!(users.len(), 1);
    assert_eq!(users[0]["login"], "anna");
    assert_eq!(users[0]["role"], "supervisor");
    assert_eq!(users[0]["disabled"], false);
    assert_eq!(users[0]["created_at"], NOW);
    for listing in [&out, &run(&["user", "list", "--data", d], NOW).1] {
        assert!(
            !listing.contains("argon2") && !listing.contains("password"),
            "{listing}"
        );
    }
}

#[test]
fn a_login_taken_whatever_its_case_or_a_bad_one_is_refused_with_exit_1() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let add = |login: &str| {
        run_with_stdin(
            &["user", "add", login, "--data", d],
            "correct horse battery\n",
        )
    };
    assert_eq!(add("anna").0, 0);
    let (code, _, err) = add("ANNA");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("\"anna\" exists"), "{err}");
    let (code, _, err) = add("an na");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("ASCII letters, digits"), "{err}");
    let (code, _, err) = run(
        &["user", "add", "ivan", "--role", "system", "--data", d],
        NOW,
    );
    assert_eq!(code, 2, "clap refuses a role that is none: {err}");
    let (_, out, _) = run(&["user", "list", "--json", "--data", d], NOW);
    assert_eq!(json(&out).as_array().map(Vec::len), Some(1));
}

#[test]
fn a_short_or_missing_password_is_refused_and_adds_nobody() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let (code, _, err) = run_with_stdin(&["user", "add", "anna", "--data", d], "short\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("at least 8 characters"), "{err}");
    let (code, _, err) = run_with_stdin(&["user", "add", "anna", "--data", d], "");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no password on standard input"), "{err}");
    let (_, out, _) = run(&["user", "list", "--json", "--data", d], NOW);
    assert_eq!(json(&out), serde_json::json!([]));
}

#[test]
fn a_new_password_replaces_the_old_and_ends_the_users_sessions() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let (code, _, err) = run_with_stdin(
        &["user", "add", "anna", "--data", d],
        "correct horse battery\n",
    );
    assert_eq!(code, 0, "{err}");
    session(dir.path(), "anna", "t1");
    assert!(live(dir.path(), "t1"));

    let (code, _, err) = run_with_stdin(&["user", "passwd", "anna", "--data", d], "tiny\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("at least 8"), "{err}");
    assert!(live(dir.path(), "t1"), "a refused password changes nothing");

    let (code, out, err) = run_with_stdin(
        &["user", "passwd", "ANNA", "--data", d],
        "staple grape tundra\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("sessions ended"), "{out}");
    let hash = stored_hash(dir.path(), "anna");
    assert!(defuse::password::verify("staple grape tundra", &hash));
    assert!(!defuse::password::verify("correct horse battery", &hash));
    assert!(!live(dir.path(), "t1"));

    let (code, _, err) = run_with_stdin(
        &["user", "passwd", "nobody", "--data", d],
        "staple grape tundra\n",
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no user \"nobody\""), "{err}");
}

#[test]
fn disabling_a_user_ends_their_sessions_and_shows_in_the_list_and_roles_change() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let (code, _, err) = run_with_stdin(
        &["user", "add", "anna", "--data", d],
        "correct horse battery\n",
    );
    assert_eq!(code, 0, "{err}");
    session(dir.path(), "anna", "t1");

    let (code, out, err) = run(&["user", "role", "anna", "admin", "--data", d], NOW);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("anna is now admin"), "{out}");

    let (code, _, err) = run(&["user", "disable", "anna", "--data", d], NOW);
    assert_eq!(code, 0, "{err}");
    assert!(!live(dir.path(), "t1"));
    let (_, out, _) = run(&["user", "list", "--data", d], NOW);
    assert!(out.contains("disabled") && out.contains("admin"), "{out}");
    let (_, out, _) = run(&["user", "list", "--json", "--data", d], NOW);
    assert_eq!(json(&out)[0]["disabled"], true);

    let (code, _, err) = run(&["user", "disable", "anna", "--data", d], NOW);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already disabled"), "{err}");
    let (code, _, err) = run(&["user", "disable", "nobody", "--data", d], NOW);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no user"), "{err}");

    // Every change is in the audit trail, and no password or hash is.
    let (code, out, err) = run(&["audit", "list", "--json", "--data", d], NOW);
    assert_eq!(code, 0, "{err}");
    for action in [
        "user.added",
        "user.signed_in",
        "user.role_changed",
        "user.disabled",
    ] {
        assert!(out.contains(action), "{action}: {out}");
    }
    assert!(
        !out.contains("argon2") && !out.contains("correct horse"),
        "{out}"
    );
}

//! The web desk end to end in a real headless Chromium (Debian's `chromium`, driven by
//! `playwright-core` from npm: `tests/browser/desk.mjs`): the real binary serves the demo's
//! week on a free loopback port, with an agent and an admin added through `defuse user add`.
//! Screenshots of the queue and a case, in English and Russian, go to `target/screenshots/`.
//!
//! Needs `chromium` (or `DEFUSE_CHROMIUM`), `node` and `npm ci --prefix tests/browser`; `.ci/run`
//! installs all three. Where one is missing the test says so and passes — except under CI
//! (`CI` set), where it fails.

use crate::defuse;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What is missing to run the browser test, if anything.
fn missing(chromium: &Path) -> Option<String> {
    if !chromium.exists() {
        return Some(format!("no browser at {}", chromium.display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("no node".into());
    }
    if !repo()
        .join("tests/browser/node_modules/playwright-core")
        .exists()
    {
        return Some("playwright-core not installed (npm ci --prefix tests/browser)".into());
    }
    None
}

fn add_user(d: &str, login: &str, role: &str, password: &str) {
    let mut child = defuse()
        .args(["user", "add", login, "--role", role, "--data", d])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("user add runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("password");
    let out = child.wait_with_output().expect("user add ends");
    assert!(
        out.status.success(),
        "user add {login}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_desk_works_in_a_real_browser() {
    let chromium = std::env::var_os("DEFUSE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if let Some(why) = missing(&chromium) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test, but: {why}"
        );
        eprintln!("skipped: the browser test needs what is missing here: {why}");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().join("desk");
    let d = d.to_str().expect("utf-8 path");
    let out = defuse()
        .args(["demo", "--data", d, "--no-serve"])
        .output()
        .expect("demo runs");
    assert!(
        out.status.success(),
        "demo: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    add_user(d, "anna", "agent", "anna-password-1");
    add_user(d, "boss", "admin", "boss-password-1");
    let token = defuse()
        .args([
            "token", "create", "--name", "e2e", "--role", "agent", "--data", d,
        ])
        .output()
        .expect("token");
    assert!(token.status.success());
    let token = String::from_utf8_lossy(&token.stdout).trim().to_string();

    let mut child = defuse()
        .args(["serve", "--data", d, "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("serve");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("banner");
    let addr = line
        .split("http://")
        .nth(1)
        .map(|s| s.trim().trim_end_matches('/').to_string())
        .unwrap_or_else(|| panic!("no address in: {line}"));

    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap_or(Path::new("target"))
        .join("screenshots");
    let out = Command::new("node")
        .arg(repo().join("tests/browser/desk.mjs"))
        .current_dir(repo().join("tests/browser"))
        .env("BASE", format!("http://{addr}"))
        .env("AGENT", "anna:anna-password-1")
        .env("ADMIN", "boss:boss-password-1")
        .env("TOKEN", &token)
        .env("SHOTS", &shots)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    drop(server);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "the browser test failed:\n{stdout}\n{stderr}"
    );
    for shot in ["queue-en.png", "case-en.png", "queue-ru.png", "case-ru.png"] {
        assert!(shots.join(shot).exists(), "screenshot {shot}");
    }
}

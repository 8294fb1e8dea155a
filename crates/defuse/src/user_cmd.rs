//! `defuse user`: the people who sign in to the web desk — add one, list them, give one a new
//! password, disable one, change one's role. A password is read from standard input when it is
//! not a terminal (one line), else asked for twice without echo; only its Argon2id hash is
//! stored.

use crate::term::one_line;
use defuse::desk::{DataArgs, now};
use defuse::password;
use defuse_core::workflow::Role;
use defuse_store::desk::DeskError;
use std::io::{BufRead, IsTerminal, Read};
use std::process::ExitCode;

const ROLES: [&str; 4] = ["reader", "agent", "supervisor", "admin"];

#[derive(clap::Subcommand, Debug)]
pub enum UserCmd {
    /// Add a person who signs in to the web desk. The password comes from standard input (one
    /// line) or, at a terminal, is asked for twice.
    Add {
        /// The login: 1 to 64 ASCII letters, digits and . _ - @ (unique whatever its case).
        login: String,
        /// reader (reads only), agent (works cases), supervisor (may override the moderation
        /// policy with a written reason [M1]) or admin (also manages the desk).
        #[arg(long, default_value = "agent", value_parser = ROLES)]
        role: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the users: login, role, disabled or not, created (never a password or its hash).
    List {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Give a user a new password (read as for `add`); every session of the user ends.
    Passwd {
        login: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Disable a user: no more sign-ins, and every session of the user ends.
    Disable {
        login: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Give a user another role.
    Role {
        login: String,
        #[arg(value_parser = ROLES)]
        role: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// A refusal the person can act on: said on stderr, exit code 1.
fn refuse(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("defuse: {message}");
    ExitCode::from(1)
}

/// A store refusal as a message (exit 1); anything else is an error (exit 2).
fn refused(e: DeskError, login: &str) -> anyhow::Result<ExitCode> {
    match e {
        DeskError::Invalid { field, reason } => Ok(refuse(format!("user {field}: {reason}"))),
        DeskError::NotFound { .. } => Ok(refuse(format!("no user {:?}", one_line(login, 80)))),
        e => Err(e.into()),
    }
}

fn role_of(name: &str) -> anyhow::Result<Role> {
    Role::parse(name).ok_or_else(|| anyhow::anyhow!("{name:?} is not a role"))
}

/// The first line of `input` without its line ending: the password piped in. Nothing at all
/// is refused (an empty line is left to the length check).
pub fn password_line(input: impl Read) -> anyhow::Result<String> {
    let mut line = String::new();
    let cap = 4 * password::MAX_PASSWORD_CHARS as u64 + 2;
    let n = std::io::BufReader::new(input.take(cap))
        .read_line(&mut line)
        .map_err(|e| anyhow::anyhow!("cannot read the password from standard input: {e}"))?;
    if n == 0 {
        anyhow::bail!("no password on standard input (one line is read)");
    }
    if let Some(l) = line.strip_suffix('\n') {
        line.truncate(l.strip_suffix('\r').unwrap_or(l).len());
    }
    Ok(line)
}

/// The new password: from standard input when it is not a terminal, else asked for twice
/// without echo. Checked for length before it is returned.
fn read_password(login: &str) -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    let pw = if stdin.is_terminal() {
        let first = rpassword::prompt_password(format!("New password for {login}: "))?;
        password::check(&first)?;
        let again = rpassword::prompt_password("The same again: ")?;
        if again != first {
            anyhow::bail!("the two passwords differ; nothing changed");
        }
        first
    } else {
        password_line(stdin.lock())?
    };
    password::check(&pw)?;
    Ok(pw)
}

pub fn run(c: UserCmd) -> anyhow::Result<ExitCode> {
    match c {
        UserCmd::Add { login, role, data } => {
            if let Err(why) = defuse_store::desk::check_login(&login) {
                return Ok(refuse(format!("user login: {why}")));
            }
            let role = role_of(&role)?;
            let settings = data.settings()?;
            let mut store = data.store(&settings)?;
            // Said before a password is asked for; the store checks again as it adds.
            if let Some(u) = store.user(&login)? {
                return Ok(refuse(format!(
                    "user login: a user {:?} exists (logins ignore case)",
                    u.login
                )));
            }
            let pw = match read_password(&login) {
                Ok(pw) => pw,
                Err(e) => return Ok(refuse(e)),
            };
            let hash = password::hash(&pw)?;
            match store.add_user(&login, role, &hash, now()?) {
                Ok(_) => {
                    println!("added user {login} ({})", role.as_str());
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => refused(e, &login),
            }
        }
        UserCmd::List { json, data } => {
            let settings = data.settings()?;
            let store = data.store(&settings)?;
            let users = store.users()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&users)?);
                return Ok(ExitCode::SUCCESS);
            }
            if users.is_empty() {
                println!("no users (add one: defuse user add LOGIN --role agent)");
            }
            for u in &users {
                println!(
                    "{:<24} {:<10} {:<8} created {}",
                    one_line(&u.login, 64),
                    u.role.as_str(),
                    if u.disabled { "disabled" } else { "active" },
                    u.created_at
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCmd::Passwd { login, data } => {
            let settings = data.settings()?;
            let mut store = data.store(&settings)?;
            let Some(user) = store.user(&login)? else {
                return Ok(refuse(format!("no user {:?}", one_line(&login, 80))));
            };
            let pw = match read_password(&user.login) {
                Ok(pw) => pw,
                Err(e) => return Ok(refuse(e)),
            };
            let hash = password::hash(&pw)?;
            match store.set_password(&user.login, &hash, now()?) {
                Ok(()) => {
                    println!("new password for {}; their sessions ended", user.login);
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => refused(e, &login),
            }
        }
        UserCmd::Disable { login, data } => {
            let settings = data.settings()?;
            let mut store = data.store(&settings)?;
            match store.disable_user(&login, now()?) {
                Ok(()) => {
                    println!("disabled {}; their sessions ended", one_line(&login, 80));
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => refused(e, &login),
            }
        }
        UserCmd::Role { login, role, data } => {
            let role = role_of(&role)?;
            let settings = data.settings()?;
            let mut store = data.store(&settings)?;
            match store.set_role(&login, role, now()?) {
                Ok(()) => {
                    println!("{} is now {}", one_line(&login, 80), role.as_str());
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => refused(e, &login),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::password_line;

    #[test]
    fn a_piped_password_is_its_first_line_without_the_line_ending() {
        let read = |s: &str| password_line(s.as_bytes()).expect("line");
        assert_eq!(read("correct horse\n"), "correct horse");
        assert_eq!(read("correct horse\r\n"), "correct horse");
        assert_eq!(read("correct horse"), "correct horse");
        assert_eq!(read("first line\nsecond\n"), "first line");
        assert_eq!(read(" spaces kept \n"), " spaces kept ");
        assert_eq!(read("\n"), "");
        let e = password_line(&b""[..]).expect_err("nothing");
        assert!(e.to_string().contains("no password"), "{e}");
    }
}

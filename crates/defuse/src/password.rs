//! Passwords of the web desk's users: checked for length, hashed with Argon2id (the RustCrypto
//! `argon2` crate's defaults — m = 19 MiB, t = 2, p = 1, OWASP's recommended minimum — and a
//! random salt, as a PHC string), verified against a stored PHC string, and made at random for
//! the demo. Only the hash is ever stored.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The longest password accepted (hashing cost grows with the length).
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Why a password cannot be used, if it cannot: it has fewer than [`MIN_PASSWORD_CHARS`] or
/// more than [`MAX_PASSWORD_CHARS`] characters.
pub fn check(password: &str) -> anyhow::Result<()> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        anyhow::bail!("a password has at least {MIN_PASSWORD_CHARS} characters (this one has {n})");
    }
    if n > MAX_PASSWORD_CHARS {
        anyhow::bail!("a password has at most {MAX_PASSWORD_CHARS} characters");
    }
    Ok(())
}

/// The Argon2id PHC string of a password that passes [`check`] (`$argon2id$v=19$…`).
pub fn hash(password: &str) -> anyhow::Result<String> {
    check(password)?;
    let h = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?;
    Ok(h.to_string())
}

/// Whether `password` is the one hashed in `phc`; a PHC string that does not parse matches
/// nothing. The parameters are read from the PHC string.
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends as long as a [`verify`] and matches nothing: for a sign-in whose login is unknown,
/// so that its answer takes as long as a wrong password's.
pub fn verify_nobody(password: &str) -> bool {
    let _ = verify(password, NOBODY);
    false
}

/// A well-formed hash with the default parameters that no password is known to match.
const NOBODY: &str = "$argon2id$v=19$m=19456,t=2,p=1$bm9ib2R5bm9ib2R5bm9ib2R5$\
                      4yWDpLXoKlk6ijxmcNTWGp6qQeTgRCmLkaTS6fGHnrA";

/// A random password of 20 letters and digits (about 119 bits), for the demo's users.
///
/// Panics only when the system has no randomness at all (nothing safe could be made then).
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut out = String::with_capacity(20);
    while out.len() < 20 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the system has no randomness");
        // Rejection sampling: only bytes below the largest multiple of the alphabet's size,
        // so that every character is equally likely.
        let limit = 256 - 256 % ALPHABET.len();
        for b in bytes {
            if (b as usize) < limit && out.len() < 20 {
                out.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only_and_is_salted() {
        let h = hash("correct horse").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse", &h));
        assert!(!verify("correct horsE", &h));
        assert!(!verify("", &h));
        assert_ne!(h, hash("correct horse").expect("hash"), "a salt each time");
        assert!(!verify("correct horse", "not a phc string"));
        assert!(!verify("correct horse", ""));
    }

    #[test]
    fn a_short_or_huge_password_is_refused_saying_why() {
        let e = hash("seven77").expect_err("short");
        assert!(e.to_string().contains("at least 8 characters"), "{e}");
        // Characters, not bytes.
        assert!(check("пароль12").is_ok());
        assert!(check("пароль1").is_err());
        assert!(check(&"x".repeat(MAX_PASSWORD_CHARS + 1)).is_err());
    }

    #[test]
    fn nobody_matches_the_stand_in_hash() {
        assert!(PasswordHash::new(NOBODY).is_ok(), "it costs a real verify");
        assert!(!verify_nobody("not anyone's password"));
        assert!(!verify_nobody("correct horse"));
    }

    #[test]
    fn random_passwords_are_long_plain_and_differ() {
        let a = random_password();
        let b = random_password();
        assert_eq!(a.chars().count(), 20);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()), "{a}");
        assert_ne!(a, b);
        assert!(check(&a).is_ok());
    }
}

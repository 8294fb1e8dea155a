//! The data directory and what lives in it: `defuse.toml` (settings) and `defuse.db` (the SQLite
//! store). Every desk command (init, import, inbox, stats, serve, token) finds them here. Also the
//! clock: the current time, which `DEFUSE_NOW` (RFC 3339) fixes for tests and reproducible demos.

use crate::settings::{DEFAULT_TOML, Settings};
use anyhow::Context;
use defuse_store::sqlite::SqliteStore;
use jiff::Timestamp;
use std::path::{Path, PathBuf};

/// File names inside the data directory.
pub const SETTINGS_FILE: &str = "defuse.toml";
pub const DATABASE_FILE: &str = "defuse.db";

/// Where the data directory is, from `--data DIR` or `DEFUSE_DATA` (clap reads both).
#[derive(clap::Args, Clone, Debug)]
pub struct DataArgs {
    /// The data directory holding defuse.toml and defuse.db.
    #[arg(
        long = "data",
        env = "DEFUSE_DATA",
        value_name = "DIR",
        default_value = "defuse-data"
    )]
    pub dir: PathBuf,
}

impl DataArgs {
    pub fn settings_path(&self) -> PathBuf {
        self.dir.join(SETTINGS_FILE)
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE)
    }

    /// Settings from the file, then the environment (`DEFUSE__…`).
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let path = self.settings_path();
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "cannot read {} (run `defuse init --data {}` to create it)",
                path.display(),
                self.dir.display()
            )
        })?;
        Ok(Settings::load(
            &path.display().to_string(),
            Some(&text),
            std::env::vars(),
        )?)
    }

    /// Open the store and make sure the configured brands exist in it. A brand new to the
    /// store looks for its earlier mentions among the unmatched ones (bug 11: a brand added after
    /// an import); `defuse rematch` does the same after any change of names or aliases.
    pub fn store(&self, settings: &Settings) -> anyhow::Result<SqliteStore> {
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create {}", self.dir.display()))?;
        let mut store = SqliteStore::open(&self.db_path())
            .with_context(|| format!("cannot open {}", self.db_path().display()))?;
        let added = store.sync_brands(&settings.desk.brand_names())?;
        if added > 0 && store.stats()?.unmatched > 0 {
            let analyzer = defuse_text::Analyzer::builtin()?;
            let pipeline = crate::pipeline::Pipeline::new(settings, analyzer)?;
            let dp = settings.desk_policy()?;
            let r = crate::rematch::rematch(&mut store, &pipeline, &dp, now()?)?;
            eprintln!(
                "defuse: {added} new brand(s): {} of {} unmatched mentions now matched",
                r.matched, r.checked
            );
        }
        Ok(store)
    }
}

/// Write a commented default `defuse.toml` into `dir` (never over an existing one).
pub fn init(dir: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(SETTINGS_FILE);
    if path.exists() {
        anyhow::bail!("{} already exists; not overwriting it", path.display());
    }
    std::fs::write(&path, DEFAULT_TOML)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Now, or the instant in `DEFUSE_NOW` (RFC 3339) when set.
pub fn now() -> anyhow::Result<Timestamp> {
    match std::env::var("DEFUSE_NOW") {
        Ok(s) if !s.trim().is_empty() => defuse_core::mention::parse_time(&s)
            .map_err(|why| anyhow::anyhow!("DEFUSE_NOW='{s}': {why}")),
        _ => Ok(Timestamp::now()),
    }
}

/// A random API token and its SHA-256 (hex); only the hash is stored.
pub fn new_token() -> anyhow::Result<(String, String)> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no system randomness: {e}"))?;
    let token = format!("dfs_{}", hex(&bytes));
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(token.as_bytes()))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, ha) = new_token().expect("token");
        let (b, _) = new_token().expect("token");
        assert_ne!(a, b);
        assert_eq!(ha, token_hash(&a));
        assert_eq!(ha.len(), 64);
    }

    #[test]
    fn init_never_overwrites() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = init(dir.path()).expect("first");
        assert!(
            std::fs::read_to_string(&p)
                .expect("read")
                .contains("[service_levels]")
        );
        assert!(init(dir.path()).is_err());
    }

    #[test]
    fn a_missing_settings_file_says_what_to_run() {
        let dir = tempfile::tempdir().expect("tmp");
        let args = DataArgs {
            dir: dir.path().join("nowhere"),
        };
        let e = args.settings().expect_err("missing");
        assert!(format!("{e:#}").contains("defuse init"), "{e:#}");
    }
}

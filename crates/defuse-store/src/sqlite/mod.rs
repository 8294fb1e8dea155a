//! The SQLite store: one database file in WAL mode (readers never block the writer, a crash
//! keeps every committed batch), schema migrations tracked by `PRAGMA user_version`, prepared
//! statements cached per connection. Instants are stored as UTC milliseconds.

mod ingest;
mod queries;

pub use ingest::RematchSummary;

use crate::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use std::collections::HashMap;
use std::path::Path;

/// The migrations, in order; `user_version` is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_workflow.sql"),
    include_str!("migrations/0003_tokens.sql"),
    include_str!("migrations/0004_users.sql"),
    include_str!("migrations/0005_search.sql"),
    include_str!("migrations/0006_labels.sql"),
    include_str!("migrations/0007_clocks.sql"),
    include_str!("migrations/0008_queue.sql"),
];

/// The embedded store.
pub struct SqliteStore {
    pub(crate) conn: Connection,
    /// Brand name → row id.
    pub(crate) brands: HashMap<String, i64>,
    /// Row id → brand name (the same map turned round, for reads).
    pub(crate) names: HashMap<i64, String>,
}

impl SqliteStore {
    /// Open (creating if needed) the database at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path)?;
        Self::setup(conn, &path.display().to_string())
    }

    /// A private in-memory database (tests).
    pub fn open_in_memory() -> Result<SqliteStore> {
        Self::setup(Connection::open_in_memory()?, ":memory:")
    }

    fn setup(conn: Connection, path: &str) -> Result<SqliteStore> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: readers (the HTTP API) do not block the importer; NORMAL sync is durable for
        // committed transactions across process crashes (only an OS crash can lose the last).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A 64 MiB page cache keeps the indexes of a million mentions in memory during an
        // import (the default 2 MiB made every insert read pages back); checkpoint the WAL
        // every ~40 MiB instead of every 4 MiB.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "wal_autocheckpoint", 10000)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let supported = MIGRATIONS.len() as i64;
        if version > supported {
            return Err(StoreError::TooNew {
                path: path.to_string(),
                found: version,
                supported,
            });
        }
        let mut store = SqliteStore {
            conn,
            brands: HashMap::new(),
            names: HashMap::new(),
        };
        if version < supported {
            store.migrate(version)?;
        }
        store.load_brands()?;
        Ok(store)
    }

    /// Applies the migrations after `version`, each in one transaction, with foreign keys off
    /// while they run so that a migration may rebuild a table (SQLite's documented way to change
    /// a column's constraints: new table, copy, drop, rename); the keys are checked before each
    /// commit and switched on again afterwards.
    fn migrate(&mut self, version: i64) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let applied = (|| -> Result<()> {
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)?;
                // Another process (the CLI beside the server) may have applied it meanwhile.
                let now_at: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
                if now_at > i as i64 {
                    continue;
                }
                tx.execute_batch(sql)?;
                let broken: Option<String> = tx
                    .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
                    .optional()?;
                if let Some(table) = broken {
                    return Err(StoreError::Corrupt(format!(
                        "migration {}: a row of {table} points at a row that does not exist",
                        i + 1
                    )));
                }
                tx.pragma_update(None, "user_version", i as i64 + 1)?;
                tx.commit()?;
            }
            Ok(())
        })();
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        applied
    }

    /// A write transaction that takes the write lock at once. SQLite refuses to upgrade a
    /// deferred transaction that has read once another connection has written (the busy
    /// timeout never applies then: "database is locked"); starting immediate makes a second
    /// writer — the CLI beside the server — wait its turn instead of failing.
    pub(crate) fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Make sure these brands exist (by name); how many were new.
    pub fn sync_brands(&mut self, names: &[String]) -> Result<usize> {
        let tx = self.write()?;
        let mut added = 0;
        for n in names {
            added += tx.execute("INSERT OR IGNORE INTO brands (name) VALUES (?1)", [n])?;
        }
        tx.commit()?;
        self.load_brands()?;
        Ok(added)
    }

    fn load_brands(&mut self) -> Result<()> {
        let mut st = self.conn.prepare("SELECT id, name FROM brands")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut map = HashMap::new();
        for r in rows {
            let (id, name) = r?;
            map.insert(name, id);
        }
        drop(st);
        self.names = map.iter().map(|(k, v)| (*v, k.clone())).collect();
        self.brands = map;
        Ok(())
    }
    /// The brands' names, sorted.
    pub fn brand_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.brands.keys().cloned().collect();
        v.sort();
        v
    }

    /// SQLite's `data_version`: it changes when another connection commits (the desk's
    /// watcher tells open pages about another process's import).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The platforms the stored mentions come from, by name (at most 200). Read by skipping
    /// along the `(source, source_id)` index, one step per platform, not a scan of every mention.
    pub fn sources(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "WITH RECURSIVE s(x, n) AS (SELECT MIN(source), 1 FROM mentions \
             UNION ALL SELECT (SELECT MIN(source) FROM mentions WHERE source > s.x), n + 1 \
             FROM s WHERE s.x IS NOT NULL AND n < 200) SELECT x FROM s WHERE x IS NOT NULL",
        )?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

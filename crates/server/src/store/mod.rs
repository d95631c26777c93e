//! The storage boundary: every SQL statement of the server lives under this
//! module, behind functions that speak the domain's types over a read
//! transaction ([`ReadTx`]) or a write transaction ([`WriteTx`]). Two
//! backends implement the traits: an embedded SQLite file (the default,
//! [`sqlite`]) and PostgreSQL shared by stateless server replicas.
//! Handlers and services never see SQL.
//!
//! The change log's sequence numbers are stamped as the last statements of
//! each writing transaction, under the lock of the one counter row, so
//! sequences are handed out in commit order and a reader never sees a
//! higher sequence before a lower one: the watermark is simply the highest
//! committed sequence.

pub mod admin;
pub mod attachments;
pub mod changes;
pub mod copy;
pub mod inbox;
pub mod kb;
pub mod kb_editorial;
pub mod kpi;
pub mod outbox;
pub mod search_text;
pub mod sign_in;
pub mod sync_state;
pub mod ticket_comments;
pub mod tickets;
pub mod token_caller;
pub mod users;

pub mod postgres;
pub mod sql;
pub mod sqlite;

use crate::args;
pub use sql::{ReadTx, WriteTx};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("the data directory {0} cannot be used: {1}")]
    DataDir(PathBuf, String),
    #[error("PostgreSQL: {0}")]
    Postgres(String),
    #[error("{0}")]
    Database(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// The service's database: the embedded SQLite file of a data directory,
/// or a PostgreSQL database shared by any number of server processes.
pub struct Store {
    backend: Backend,
}

enum Backend {
    Sqlite(sqlite::SqliteStore),
    Postgres(postgres::PgStore),
}

/// Connections a server process keeps to PostgreSQL at most.
pub const DEFAULT_POOL_SIZE: u32 = 16;

impl Store {
    /// Opens (creating if needed) the SQLite database `DIR/helpdesk.db`
    /// and migrates it.
    pub fn open(data_dir: &Path) -> StoreResult<Store> {
        Ok(Store {
            backend: Backend::Sqlite(sqlite::SqliteStore::open(data_dir)?),
        })
    }

    /// Connects to a PostgreSQL database (`postgres://USER@HOST:PORT/DB`)
    /// and migrates it; any number of processes may share it.
    pub fn connect(url: &str) -> StoreResult<Store> {
        Self::connect_with(url, DEFAULT_POOL_SIZE)
    }

    /// [`Store::connect`] with at most `pool_size` connections.
    pub fn connect_with(url: &str, pool_size: u32) -> StoreResult<Store> {
        Ok(Store {
            backend: Backend::Postgres(postgres::PgStore::connect(url, pool_size)?),
        })
    }

    /// The SQLite file, for the embedded backend.
    pub fn path(&self) -> Option<&Path> {
        match &self.backend {
            Backend::Sqlite(s) => Some(s.path()),
            Backend::Postgres(_) => None,
        }
    }

    /// Which SQL the database speaks.
    pub fn dialect(&self) -> sql::Dialect {
        match &self.backend {
            Backend::Sqlite(_) => sql::Dialect::Sqlite,
            Backend::Postgres(_) => sql::Dialect::Postgres,
        }
    }

    /// Runs `f` in one write transaction; it commits when `f` returns `Ok`.
    /// The change-log entries `f` recorded get their sequence numbers as
    /// the transaction's last statements. On PostgreSQL a transaction
    /// ended for a deadlock or a serialization failure runs again (a few
    /// times at most), so `f` is `Fn`: what it returns it builds afresh.
    pub fn write<T, E: From<StoreError>>(&self, f: impl Fn(&dyn WriteTx) -> Result<T, E>) -> Result<T, E> {
        match &self.backend {
            Backend::Sqlite(s) => s.write(&f, changes::stamp),
            Backend::Postgres(p) if changes::unsafe_stamping_for_bench() => {
                // The scale benchmark's negative control only (see `changes::UNSAFE_STAMPING_SWITCH`).
                let reserved = std::cell::Cell::new(0);
                let f = |tx: &dyn WriteTx| {
                    reserved.set(changes::reserve_unsafely(tx)?);
                    f(tx)
                };
                p.write(f, |tx| changes::stamp_unsafely(tx, reserved.get()).map(|_| None))
            }
            Backend::Postgres(p) => p.write(&f, changes::stamp_statement),
        }
    }

    /// Runs `f` in one read transaction: a consistent snapshot.
    pub fn read<T, E: From<StoreError>>(&self, f: impl FnOnce(&dyn ReadTx) -> Result<T, E>) -> Result<T, E> {
        match &self.backend {
            Backend::Sqlite(s) => s.read(f),
            Backend::Postgres(p) => p.read(f),
        }
    }

    /// Runs `f` where each statement reads what is committed when it runs,
    /// without a common snapshot: for reads of one statement, or of
    /// statements that need not agree (a sign-in check, "is anything new").
    /// On PostgreSQL it saves the transaction's two round trips; SQLite
    /// runs it as [`Store::read`].
    pub fn read_committed<T, E: From<StoreError>>(&self, f: impl FnOnce(&dyn ReadTx) -> Result<T, E>) -> Result<T, E> {
        match &self.backend {
            Backend::Sqlite(s) => s.read(f),
            Backend::Postgres(p) => p.read_committed(f),
        }
    }
}

/// Reads a settings value.
pub fn setting(conn: &dyn ReadTx, key: &str) -> StoreResult<Option<String>> {
    conn.query_opt("SELECT value FROM settings WHERE key = ?1", args![key])?
        .map(|r| r.get(0))
        .transpose()
}

pub fn set_setting(tx: &dyn WriteTx, key: &str, value: &str) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        args![key, value],
    )?;
    Ok(())
}

/// Sets a settings value unless it is set: whether this transaction set it
/// (of transactions racing on PostgreSQL, exactly one does).
pub fn claim_setting(tx: &dyn WriteTx, key: &str, value: &str) -> StoreResult<bool> {
    Ok(tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO NOTHING",
        args![key, value],
    )? == 1)
}

/// Takes (or renews) the lease of the timed job `name` for `holder` until
/// `until`, unless another holder's lease still runs: whether `holder` now
/// holds it. On SQLite one process serves the database and always holds it.
pub fn take_lease(tx: &dyn WriteTx, name: &str, holder: &str, now: chrono::DateTime<chrono::Utc>, until: chrono::DateTime<chrono::Utc>) -> StoreResult<bool> {
    if tx.reader().dialect() == sql::Dialect::Sqlite {
        return Ok(true);
    }
    let taken = tx.execute(
        "INSERT INTO job_leases(name, holder, until) VALUES (?1, ?2, ?3)
         ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, until = excluded.until
         WHERE job_leases.until < ?4 OR job_leases.holder = excluded.holder",
        args![name, holder, until.timestamp_millis(), now.timestamp_millis()],
    )?;
    Ok(taken == 1)
}

/// Keys (`ticket|metric|threshold key`) of the SLA warnings and
/// escalations the audit trail already holds: each is recorded once.
pub fn recorded_sla_flags(conn: &dyn ReadTx) -> StoreResult<std::collections::HashSet<String>> {
    let sql = conn.pick(
        "SELECT object || '|' || json_extract(detail, '$.metric') || '|' || coalesce(json_extract(detail, '$.key'), '')
         FROM audit WHERE action IN ('sla_warning', 'sla_escalation')",
        "SELECT object || '|' || coalesce(detail::jsonb ->> 'metric', '') || '|' || coalesce(detail::jsonb ->> 'key', '')
         FROM audit WHERE action IN ('sla_warning', 'sla_escalation')",
    );
    Ok(conn.column::<String>(sql, &[])?.into_iter().collect())
}

/// Records who did what, for the audit of access and changes (SPEC §5).
pub fn audit(tx: &dyn WriteTx, at: chrono::DateTime<chrono::Utc>, actor: &str, action: &str, object: &str, detail: &serde_json::Value) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO audit(at, actor, action, object, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        args![at.timestamp_millis(), actor, action, object, detail.to_string()],
    )?;
    Ok(())
}

//! The storage boundary: every SQL statement of the server lives under this
//! module, behind functions that speak the domain's types. The default
//! backend is an embedded SQLite file (WAL, foreign keys on, versioned
//! migrations at start). A PostgreSQL backend would re-implement these
//! functions; handlers and services never see SQL.
//!
//! Commits are serialised by SQLite's single writer (`BEGIN IMMEDIATE`), and
//! the change-log sequence is taken inside the writing transaction, so a
//! reader never sees a higher sequence before a lower one: the watermark is
//! simply the highest committed sequence.

pub mod admin;
pub mod attachments;
pub mod changes;
pub mod kb;
pub mod kb_editorial;
pub mod kpi;
pub mod sign_in;
pub mod sync_state;
pub mod tickets;
pub mod users;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("the data directory {0} cannot be used: {1}")]
    DataDir(PathBuf, String),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// The SQLite database of a data directory: one writer, a few readers.
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_hardening.sql"),
    include_str!("migrations/003_sign_in_throttle.sql"),
    include_str!("migrations/004_kb_editorial.sql"),
];

impl Store {
    /// Opens (creating if needed) `DIR/helpdesk.db` and migrates it. On
    /// Unix the directory is made 0700 and the database with its `-wal` and
    /// `-shm` files 0600, whatever the umask, and tightened again if they
    /// were looser.
    pub fn open(data_dir: &Path) -> StoreResult<Store> {
        let path = data_dir.join("helpdesk.db");
        private_files(data_dir, &path).map_err(|e| StoreError::DataDir(data_dir.to_path_buf(), e.to_string()))?;
        let mut writer = open_connection(&path)?;
        migrate(&mut writer)?;
        Ok(Store {
            path,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction; it commits when `f` returns `Ok`.
    pub fn write<T, E: From<StoreError>>(&self, f: impl FnOnce(&Transaction) -> Result<T, E>) -> Result<T, E> {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Runs `f` on a reader connection (a consistent snapshot for the
    /// duration of `f` when it opens a transaction itself).
    pub fn read<T, E: From<StoreError>>(&self, f: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E> {
        let conn = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match conn {
            Some(c) => c,
            None => open_connection(&self.path)?,
        };
        let result = f(&conn);
        let mut pool = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if pool.len() < 8 {
            pool.push(conn);
        }
        result
    }
}

/// Creates the data directory and the database file for their owner alone
/// (SQLite gives its `-wal` and `-shm` files the database file's mode), and
/// tightens existing ones that are open to others.
#[cfg(unix)]
fn private_files(data_dir: &Path, db: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    /// Takes away the bits beyond `allowed`.
    fn tighten(path: &Path, allowed: u32) -> std::io::Result<()> {
        match std::fs::metadata(path) {
            Ok(meta) if meta.permissions().mode() & 0o777 & !allowed != 0 => {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(meta.permissions().mode() & allowed))
            }
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(data_dir)?;
    tighten(data_dir, 0o700)?;
    match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(db) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    // `mode` above is filtered by the umask; these are not.
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        tighten(Path::new(&name), 0o600)?;
    }
    Ok(())
}

/// Elsewhere the directory is created as is: a Windows profile directory is
/// already its user's alone.
#[cfg(not(unix))]
fn private_files(data_dir: &Path, _db: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)
}

fn open_connection(path: &Path) -> StoreResult<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 10000;
         PRAGMA cache_size = -32000;",
    )?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> StoreResult<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

/// Reads a settings value.
pub fn setting(conn: &Connection, key: &str) -> StoreResult<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn set_setting(tx: &Transaction, key: &str, value: &str) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Records who did what, for the audit of access and changes (SPEC §5).
/// Keys (`ticket|metric|threshold key`) of the SLA warnings and
/// escalations the audit trail already holds: each is recorded once.
pub fn recorded_sla_flags(conn: &Connection) -> StoreResult<std::collections::HashSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT object || '|' || json_extract(detail, '$.metric') || '|' || coalesce(json_extract(detail, '$.key'), '')
         FROM audit WHERE action IN ('sla_warning', 'sla_escalation')",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn audit(tx: &Transaction, at: chrono::DateTime<chrono::Utc>, actor: &str, action: &str, object: &str, detail: &serde_json::Value) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO audit(at, actor, action, object, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![at.timestamp_millis(), actor, action, object, detail.to_string()],
    )?;
    Ok(())
}

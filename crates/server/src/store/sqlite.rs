//! The embedded backend: one SQLite file in the data directory (WAL,
//! foreign keys on, versioned migrations at start), one writer and a few
//! readers. Commits are serialised by SQLite's single writer
//! (`BEGIN IMMEDIATE`).

use super::sql::{PendingChange, ReadTx, Row, Value, WriteTx};
use super::{StoreError, StoreResult};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_hardening.sql"),
    include_str!("migrations/003_sign_in_throttle.sql"),
    include_str!("migrations/004_kb_editorial.sql"),
    include_str!("migrations/005_mail_outbox.sql"),
    include_str!("migrations/006_mail_inbox.sql"),
    include_str!("migrations/007_ticket_comments.sql"),
    include_str!("migrations/008_pull_deltas.sql"),
];

/// The SQLite database of a data directory.
pub struct SqliteStore {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl SqliteStore {
    /// Opens (creating if needed) `DIR/helpdesk.db` and migrates it. On
    /// Unix the directory is made 0700 and the database with its `-wal` and
    /// `-shm` files 0600, whatever the umask, and tightened again if they
    /// were looser.
    pub fn open(data_dir: &Path) -> StoreResult<SqliteStore> {
        let path = data_dir.join("helpdesk.db");
        private_files(data_dir, &path).map_err(|e| StoreError::DataDir(data_dir.to_path_buf(), e.to_string()))?;
        let mut writer = open_connection(&path)?;
        migrate(&mut writer)?;
        Ok(SqliteStore {
            path,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction, then `finish` (the stamping of
    /// the change log) as its last statements; commits when both succeed.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&dyn WriteTx) -> Result<T, E>,
        finish: impl FnOnce(&dyn WriteTx) -> StoreResult<()>,
    ) -> Result<T, E> {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let write = SqliteWrite {
            tx: &tx,
            pending: RefCell::new(Vec::new()),
        };
        let value = f(&write)?;
        finish(&write)?;
        drop(write);
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Runs `f` in a read transaction on a reader connection: one
    /// snapshot for the whole of `f`.
    pub fn read<T, E: From<StoreError>>(&self, f: impl FnOnce(&dyn ReadTx) -> Result<T, E>) -> Result<T, E> {
        let conn = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match conn {
            Some(c) => c,
            None => open_connection(&self.path)?,
        };
        let result = {
            let tx = conn.unchecked_transaction().map_err(StoreError::from)?; // BEGIN DEFERRED
            let result = f(&SqliteRead { conn: &tx });
            drop(tx); // read only: roll back
            result
        };
        let mut pool = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if pool.len() < 8 {
            pool.push(conn);
        }
        result
    }
}

struct SqliteRead<'c> {
    conn: &'c Connection,
}

struct SqliteWrite<'c> {
    tx: &'c Transaction<'c>,
    pending: RefCell<Vec<PendingChange>>,
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Real(f) => ToSqlOutput::Borrowed(ValueRef::Real(*f)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

fn query(conn: &Connection, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut values = Vec::with_capacity(columns);
        for i in 0..columns {
            values.push(match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(i) => Value::Int(i),
                ValueRef::Real(f) => Value::Real(f),
                ValueRef::Text(t) => Value::Text(simdutf8::compat::from_utf8(t).map_err(|e| StoreError::Corrupt(e.to_string()))?.to_owned()),
                ValueRef::Blob(b) => Value::Blob(b.to_vec()),
            });
        }
        out.push(Row(values));
    }
    Ok(out)
}

impl ReadTx for SqliteRead<'_> {
    fn dialect(&self) -> super::sql::Dialect {
        super::sql::Dialect::Sqlite
    }
    fn query(&self, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>> {
        query(self.conn, sql, params)
    }
}

impl ReadTx for SqliteWrite<'_> {
    fn dialect(&self) -> super::sql::Dialect {
        super::sql::Dialect::Sqlite
    }
    fn query(&self, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>> {
        query(self.tx, sql, params)
    }
}

impl WriteTx for SqliteWrite<'_> {
    fn execute(&self, sql: &str, params: &[Value]) -> StoreResult<u64> {
        Ok(self.tx.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params.iter()))? as u64)
    }
    fn batch(&self, sql: &str) -> StoreResult<()> {
        Ok(self.tx.execute_batch(sql)?)
    }
    fn pending_changes(&self) -> &RefCell<Vec<PendingChange>> {
        &self.pending
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

/// The part of the database file read through memory mapping rather than
/// copied into each connection's page cache: a first replica reads every
/// ticket with its comments and trail, and mapped pages are shared by the
/// connections (the query reading 10,000 tickets with their comments and
/// trails ran 15–20 % faster).
const MMAP_BYTES: i64 = 1 << 30;

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
    conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
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

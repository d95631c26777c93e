//! Durability of pulled data. What a pull stores (its staged pages, and the
//! checkpoint that makes them visible) is the server's and can be pulled
//! again, so its commits are not flushed to the disk one by one
//! (`synchronous = NORMAL` in WAL mode): a killed process loses none of
//! them, and a power cut loses at most the last ones whole, never half of
//! one — the cursors stored with them go back too, and the next pull
//! fetches the same changes again. The analyst's own actions (the outbox)
//! stay under `synchronous = FULL`, and their commit flushes every earlier
//! one with it.

use crate::{Replica, Result};
use rusqlite::{Connection, Transaction};

impl Replica {
    /// Runs `work` with commits that are atomic but not flushed one by one,
    /// a page cache that holds a page of changes being applied (with
    /// SQLite's default of 2 MB, pages a transaction changes again are
    /// written out to the log before its commit, and a first replica was
    /// stored a quarter slower), and statement journals in memory (each
    /// row's upsert keeps the pages it changes there, and past 64 KiB SQLite
    /// writes them to a temporary file); then goes back to flushing each
    /// commit, to the small cache and to temporary files, giving its memory
    /// back (also when `work` failed).
    pub(crate) fn with_bulk_durability<T>(&mut self, work: impl FnOnce(&mut Replica) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let result = work(self);
        let restored = self
            .conn
            .pragma_update(None, "synchronous", "FULL")
            .and_then(|()| self.conn.pragma_update(None, "cache_size", DEFAULT_CACHE_KIB))
            .and_then(|()| self.conn.pragma_update(None, "temp_store", "DEFAULT"))
            .and_then(|()| self.conn.execute_batch("PRAGMA shrink_memory"));
        let value = result?;
        restored?;
        Ok(value)
    }
}

/// The page cache while pulled data is stored, and otherwise (SQLite's
/// default), in KiB as `PRAGMA cache_size` takes it (negative).
const BULK_CACHE_KIB: i64 = -16 * 1024;
const DEFAULT_CACHE_KIB: i64 = -2000;

/// Staged pages of at least this many bytes make a bulk checkpoint (a
/// first replica, a long time offline).
pub(crate) const BULK_BYTES: usize = 1 << 20;

/// Commits `tx`, a transaction on `conn`, without the copy of the
/// write-ahead log into the database file that SQLite makes at a commit
/// taking the log past `wal_autocheckpoint` pages: after pulled data, the
/// log is copied by [`copy_log_in_background`].
pub(crate) fn commit_leaving_the_log(conn: &Connection, tx: Transaction<'_>) -> Result<()> {
    let autocheckpoint: i64 = tx.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
    tx.pragma_update(None, "wal_autocheckpoint", 0)?;
    let committed = tx.commit();
    conn.pragma_update(None, "wal_autocheckpoint", autocheckpoint)?;
    Ok(committed?)
}

/// After a bulk checkpoint, copies the write-ahead log into the database
/// file on a thread with its own connection, instead of at the commit (which
/// SQLite does at the commit that takes the log past `wal_autocheckpoint`
/// pages): the pulled rows are visible at once, readers read them from the
/// log meanwhile, and a commit made during the copy does not wait for it
/// (it leaves the copy to the thread). If the process ends first, the log
/// stays whole and the next checkpoint (or closing the last connection)
/// copies it.
pub(crate) fn copy_log_in_background(path: String) {
    let _ = std::thread::Builder::new().name("replica-log-copy".into()).spawn(move || {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if let Ok(conn) = rusqlite::Connection::open_with_flags(&path, flags) {
            let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        }
    });
}

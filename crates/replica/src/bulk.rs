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

impl Replica {
    /// Runs `work` with commits that are atomic but not flushed one by one,
    /// then goes back to flushing each commit (also when `work` failed).
    pub(crate) fn with_bulk_durability<T>(&mut self, work: impl FnOnce(&mut Replica) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let result = work(self);
        let restored = self.conn.pragma_update(None, "synchronous", "FULL");
        let value = result?;
        restored?;
        Ok(value)
    }
}

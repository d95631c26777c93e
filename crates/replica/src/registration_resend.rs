//! A refused registration sent again as the desk corrected it: the
//! corrected registration is written to the outbox (a new op, under a new
//! ticket id and local reference) and the refused one leaves Needs
//! attention, in one transaction, so the registration is never lost nor
//! sent twice.

use crate::registration::enqueue_in;
use crate::{Replica, ReplicaError, Result};
use chrono::{DateTime, Utc};
use helpdesk_domain::ticket::NewTicket;
use helpdesk_protocol::TicketView;
use rusqlite::{params, TransactionBehavior};

impl Replica {
    /// Replaces the refused registration `refused_seq` by `new` (the form
    /// as corrected), registered here as `local`; the seq of the new op.
    pub fn resend_registration(&mut self, refused_seq: u64, local: &TicketView, new: &NewTicket, now: DateTime<Utc>) -> Result<u64> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let refused: i64 = tx.query_row(
            "SELECT count(*) FROM attention a JOIN outbox o ON o.seq = a.seq
             WHERE a.seq = ?1 AND json_extract(o.op, '$.op') = 'register'",
            [refused_seq as i64],
            |r| r.get(0),
        )?;
        if refused == 0 {
            return Err(ReplicaError::NoSuchAttention(refused_seq));
        }
        let seq = enqueue_in(&tx, local, new, now)?;
        tx.execute("DELETE FROM attention WHERE seq = ?1", params![refused_seq as i64])?;
        tx.execute("UPDATE outbox SET state = 'discarded' WHERE seq = ?1", params![refused_seq as i64])?;
        tx.commit()?;
        Ok(seq)
    }
}

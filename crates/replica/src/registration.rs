//! Tickets registered offline: the registration waits in the outbox as a
//! `register` op under the ticket id the client chose, and the ticket is
//! kept as a local row (its number a local reference) so that it shows in
//! the queues and by `show` at once. When the server registers it, the
//! row takes the server's number, and the next pull replaces it; when the
//! server refuses it, the row goes and the registration, with every field
//! as it was filled, waits in Needs attention.

use crate::{allocate_seq, drop_if_orphaned, from_millis, millis, upsert_ticket, Replica, ReplicaError, Result};
use chrono::{DateTime, Utc};
use helpdesk_domain::ticket::NewTicket;
use helpdesk_protocol::registration::{PushAction, RegisterOp};
use helpdesk_protocol::{OpOutcome, PushResult, TicketView};
use rusqlite::{params, Connection, TransactionBehavior};

/// A registration the server refused, with every field as it was filled.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PendingRegistration {
    pub seq: u64,
    /// The id the ticket was registered under, and its local reference.
    pub ticket_id: String,
    pub local_reference: String,
    pub ticket: NewTicket,
    pub code: String,
    pub message: String,
    /// The fields the refusal is about, as the server named them.
    pub fields: Vec<String>,
    pub at: DateTime<Utc>,
}

impl Replica {
    /// Writes the registration of `local` (the ticket as registered here,
    /// under its new id and local reference) to the outbox, with `new`
    /// (the form as filled) to send; the seq of the op.
    pub fn enqueue_registration(&mut self, local: &TicketView, new: &NewTicket, now: DateTime<Utc>) -> Result<u64> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seq = enqueue_in(&tx, local, new, now)?;
        tx.commit()?;
        Ok(seq)
    }

    /// Registrations the server refused, oldest first.
    pub fn refused_registrations(&self) -> Result<Vec<PendingRegistration>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.seq, o.ticket, o.op, a.code, a.message, a.created_at, json_extract(o.result, '$.fields') FROM attention a JOIN outbox o ON o.seq = a.seq
             WHERE json_extract(o.op, '$.op') = 'register' ORDER BY a.seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut items = Vec::new();
        for row in rows {
            let (seq, ticket_id, op, code, message, at, fields) = row?;
            let fields = fields.map(|f| serde_json::from_str(&f)).transpose()?.unwrap_or_default();
            let RegisterOp::Register { ticket } = serde_json::from_str(&op)?;
            items.push(PendingRegistration {
                seq: seq as u64,
                local_reference: local_reference(&ticket_id),
                ticket_id,
                ticket: *ticket,
                code,
                message,
                fields,
                at: from_millis(at),
            });
        }
        Ok(items)
    }

    /// The registration of outbox op `seq`, if it is one (pending or not).
    pub fn registration_of(&self, seq: u64) -> Result<Option<NewTicket>> {
        let op: Option<String> = self
            .conn
            .query_row(
                "SELECT op FROM outbox WHERE seq = ?1 AND json_extract(op, '$.op') = 'register'",
                [seq as i64],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
        match op {
            Some(op) => {
                let RegisterOp::Register { ticket } = serde_json::from_str(&op)?;
                Ok(Some(*ticket))
            }
            None => Ok(None),
        }
    }

    /// The number the server gave registration `seq` of ticket `id`,
    /// `None` while it waits or when it was refused: from the server's
    /// result, or from the server's row once a pull brought it (the
    /// applied op has then left the outbox).
    pub fn registered_number(&self, seq: u64, id: &str) -> Result<Option<String>> {
        let from_result: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT json_extract(result, '$.number') FROM outbox WHERE seq = ?1 AND state = 'applied'",
                [seq as i64],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
        if let Some(number) = from_result.flatten() {
            return Ok(Some(number));
        }
        let pending: i64 = self
            .conn
            .query_row("SELECT count(*) FROM outbox WHERE seq = ?1 AND state != 'applied'", [seq as i64], |r| r.get(0))?;
        if pending > 0 {
            return Ok(None);
        }
        Ok(self
            .conn
            .query_row("SELECT number FROM tickets WHERE id = ?1 AND version > 0", [id], |r| r.get(0))
            .map(Some)
            .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?)
    }

    /// Registrations waiting to be sent: their seq and ticket id.
    pub fn pending_registrations(&self) -> Result<Vec<(u64, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, ticket FROM outbox WHERE state = 'pending' AND json_extract(op, '$.op') = 'register' ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Drops a refused registration from Needs attention (it is never sent).
    pub fn discard_registration(&mut self, seq: u64) -> Result<()> {
        if self.registration_of(seq)?.is_none() {
            return Err(ReplicaError::NoSuchAttention(seq));
        }
        self.discard(seq)
    }
}

/// [`Replica::enqueue_registration`] inside `tx`.
pub(crate) fn enqueue_in(tx: &Connection, local: &TicketView, new: &NewTicket, now: DateTime<Utc>) -> Result<u64> {
    let mut bytes = [0u8; 12];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    let op_id = format!("op-{}", hex::encode(bytes));
    let op = PushAction::Register(RegisterOp::Register { ticket: Box::new(new.clone()) });
    let seq = allocate_seq(tx)?;
    upsert_ticket(tx, local)?;
    tx.execute(
        "INSERT INTO outbox(seq, op_id, ticket, base_version, device_time, op) VALUES (?1, ?2, ?3, 0, ?4, ?5)",
        params![seq, op_id, local.ticket.id, millis(now), serde_json::to_string(&op)?],
    )?;
    Ok(seq as u64)
}

/// The reference a ticket registered here is known by until the server
/// numbers it: `L-` and the first 8 hex digits of its id.
pub fn local_reference(ticket_id: &str) -> String {
    let hex = ticket_id.strip_prefix("t-").unwrap_or(ticket_id);
    format!("L-{}", hex.chars().take(8).collect::<String>().to_uppercase())
}

/// After the server's final result for a registration: the local row takes
/// the server's number, or goes when the server refused it.
pub(crate) fn after_result(tx: &Connection, result: &PushResult) -> Result<()> {
    let ticket: Option<String> = tx
        .query_row(
            "SELECT ticket FROM outbox WHERE seq = ?1 AND json_extract(op, '$.op') = 'register'",
            [result.seq as i64],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
    let Some(ticket) = ticket else { return Ok(()) };
    match &result.outcome {
        OpOutcome::Applied { number: Some(number), .. } => {
            tx.execute(
                "UPDATE tickets SET number = ?2, view = json_set(view, '$.ticket.number', ?2) WHERE id = ?1 AND version = 0",
                params![ticket, number],
            )?;
        }
        OpOutcome::Applied { .. } | OpOutcome::Failed { .. } => {}
        _ => {
            drop_if_orphaned(tx, "ticket", &ticket)?;
        }
    }
    Ok(())
}

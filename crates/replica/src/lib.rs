//! The analyst's replica on the laptop: a SQLite file with the server's rows
//! (tickets and KB articles of the analyst's buckets), the **outbox** of
//! actions not yet confirmed, the **needs-attention** list of actions the
//! server did not apply, full-text search in Ukrainian and Russian, and the
//! ledger of notifications already raised.
//!
//! Every action of the analyst is checked against the workflow on the
//! ticket as the analyst sees it and written to the outbox in one durable
//! transaction; the visible ticket is the server row with the outstanding
//! ops replayed by the same domain code the server uses.
//!
//! The replica does not know SLA policies: the caller passes the workflow
//! limits of the ticket's policy ([`Replica::enqueue_with`]; the client
//! derives them from the policy, as the server does), and they are kept
//! with the action, so its replay and a retry use the same ones.
//!
//! It must not talk to the network or decide a workflow rule of its own:
//! the sync client moves data, the domain decides.

mod ahead;
mod bulk;
mod digest;
mod kb_review;
mod prepared;
mod registration;
mod registration_resend;
pub use helpdesk_text as text;
mod search;
mod server_ticket;
mod setting_key;
mod unsent;
pub use search::SearchHit;

pub use digest::{Resolved, TicketDigest};
pub use kb_review::ScheduledArticle;
pub use registration::{local_reference, PendingRegistration};
pub use setting_key::SettingKey;
pub use unsent::Unsent;

use chrono::{DateTime, Utc};
use helpdesk_domain::ops::Op;
use helpdesk_domain::workflow::{apply_with, Actor, Membership, Refusal, WorkflowLimits};
use helpdesk_protocol::{Article, Me, OpOutcome, PullResponse, PushOp, PushResult, TicketView};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ReplicaError {
    #[error("replica database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("the replica holds data it cannot read ({0}); sign out and sync again")]
    Corrupt(String),
    #[error("no ticket `{0}` in this replica; sync, or check the number")]
    NotFound(String),
    #[error("not signed in: run `helpdesk login` first")]
    NotSignedIn,
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("no action #{0} needs attention")]
    NoSuchAttention(u64),
    #[error("{0} unsent action(s) of the previous user are still here; sign in as them and sync first")]
    UnsentActions(u64),
}

impl From<serde_json::Error> for ReplicaError {
    fn from(e: serde_json::Error) -> Self {
        ReplicaError::Corrupt(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, ReplicaError>;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_digest.sql"),
    include_str!("migrations/003_outbox_limits.sql"),
    include_str!("migrations/004_staged_cursors.sql"),
    include_str!("migrations/005_staged_stamp.sql"),
    include_str!("migrations/006_search_ascii_tokenizer.sql"),
    include_str!("migrations/007_wanted_tickets.sql"),
];

pub struct Replica {
    conn: Connection,
    /// Staged pages being worked out while the pull goes on.
    ahead: ahead::Ahead,
}

/// An action written to the outbox.
#[derive(Debug, Clone)]
pub struct Enqueued {
    pub seq: u64,
    pub op_id: String,
    /// The ticket as the analyst now sees it.
    pub view: TicketView,
}

/// An action the server did not apply, with what the analyst wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AttentionItem {
    pub seq: u64,
    pub ticket: String,
    pub op: Op,
    pub code: String,
    pub message: String,
    pub current: Option<TicketView>,
    pub at: DateTime<Utc>,
}

/// A row of a queue: the ticket as the analyst sees it (pending actions
/// included), without its description, comments and trail.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QueueRow {
    pub id: String,
    pub number: String,
    pub status: helpdesk_domain::Status,
    pub priority: u8,
    pub group: String,
    pub owner: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub pending_ops: u32,
    pub digest: TicketDigest,
}

/// The first rows of a queue, and of all its rows how many there are and
/// their groups and owners ([`Replica::queue_head`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueHead {
    pub rows: Vec<QueueRow>,
    pub total: usize,
    pub groups: std::collections::BTreeSet<String>,
    pub owners: std::collections::BTreeSet<String>,
}

/// How many tickets each queue holds (`breaching` is the client's: it
/// needs the SLA).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct QueueCounts {
    pub mine: u64,
    pub group: u64,
    pub unassigned: u64,
    pub awaiting: u64,
    pub recent: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// Owned by the analyst, not closed.
    Mine,
    /// Of the analyst's groups, not closed.
    Group,
    /// Of the analyst's groups, nobody owns them yet.
    Unassigned,
    /// Waiting for the requester.
    Awaiting,
    /// Everything, most recently updated first.
    Recent,
}

impl Queue {
    /// Whether a ticket with these fields is in the queue of `actor`.
    fn holds(self, actor: &Actor, status: helpdesk_domain::Status, group: &str, owner: Option<&str>) -> bool {
        let open = status != helpdesk_domain::Status::Closed;
        let in_my_groups = actor.groups.iter().any(|m| m.group == group);
        match self {
            Queue::Mine => open && owner == Some(actor.user_id.as_str()),
            Queue::Group => open && in_my_groups,
            Queue::Unassigned => open && in_my_groups && owner.is_none(),
            Queue::Awaiting => status == helpdesk_domain::Status::AwaitingInfo,
            Queue::Recent => true,
        }
    }

    /// The same test in SQL over `tickets t` and `me` (the user's id and
    /// their group ids as a JSON array): a pre-filter; rows with pending
    /// actions are always read (their visible state may differ).
    fn sql_filter(self) -> &'static str {
        match self {
            Queue::Mine => "t.status != 'closed' AND t.owner = me.id",
            Queue::Group => "t.status != 'closed' AND t.group_id IN (SELECT value FROM json_each(me.groups))",
            Queue::Unassigned => "t.status != 'closed' AND t.owner IS NULL AND t.group_id IN (SELECT value FROM json_each(me.groups))",
            Queue::Awaiting => "t.status = 'awaiting_info'",
            Queue::Recent => "1",
        }
    }
}

fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn from_millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The limits kept with an outbox row; the defaults for rows written before
/// they were kept.
fn stored_limits(json: Option<&str>) -> Result<WorkflowLimits> {
    Ok(json.map(serde_json::from_str).transpose()?.unwrap_or_default())
}

impl Replica {
    /// Opens (creating) the replica file and migrates it. Migrations never
    /// drop the outbox.
    pub fn open(path: &Path) -> Result<Replica> {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let mut conn = Connection::open(path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 10000;",
        )?;
        let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        let replica = Replica {
            conn,
            ahead: ahead::Ahead::default(),
        };
        if current < 2 {
            replica.fill_missing_digests()?;
        }
        replica.keep_search_index_current()?;
        Ok(replica)
    }

    /// Rows stored before digests existed get theirs (once).
    fn fill_missing_digests(&self) -> Result<()> {
        let missing: Vec<(String, String)> = {
            let mut stmt = self.conn.prepare("SELECT id, view FROM tickets WHERE digest IS NULL")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for (id, view) in missing {
            let view: TicketView = serde_json::from_str(&view)?;
            self.conn.execute(
                "UPDATE tickets SET digest = ?2 WHERE id = ?1",
                params![id, serde_json::to_string(&TicketDigest::of(&view))?],
            )?;
        }
        Ok(())
    }

    // ---- settings and identity ----

    pub fn setting(&self, key: SettingKey) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key.as_str()], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&self, key: SettingKey, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key.as_str(), value],
        )?;
        Ok(())
    }

    /// Sets (`Some`) or removes (`None`) settings that the server or the
    /// next sync gives again — reference data, when the last sync was and
    /// why it failed — in one commit that is not flushed to the disk at
    /// once, as pulled data (see `bulk`): a power cut can lose it whole.
    /// After a first replica a flushed commit here would wait for the whole
    /// log of the pull to reach the disk (~0.1 s for 10,000 tickets).
    pub fn record_settings(&mut self, changes: &[(SettingKey, Option<&str>)]) -> Result<()> {
        self.with_bulk_durability(|replica| {
            let tx = replica.conn.transaction()?;
            for (key, value) in changes {
                match value {
                    Some(value) => tx.execute(
                        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        [key.as_str(), value],
                    )?,
                    None => tx.execute("DELETE FROM settings WHERE key = ?1", [key.as_str()])?,
                };
            }
            Ok(tx.commit()?)
        })
    }

    pub fn remove_setting(&self, key: SettingKey) -> Result<()> {
        self.conn.execute("DELETE FROM settings WHERE key = ?1", [key.as_str()])?;
        Ok(())
    }

    /// Empties the replica for another user or another server: rows,
    /// search, cursors, the ledger, the confirmed part of the outbox, and
    /// the identity (a new client id, seqs from 1; the server ties a client
    /// id to one user). Refused while actions are pending or need attention:
    /// those belong to the previous user. Settings of the laptop (language,
    /// thresholds…) stay.
    pub fn start_over(&mut self) -> Result<()> {
        let unsent = self.pending_count()? + self.attention_count()?;
        if unsent > 0 {
            return Err(ReplicaError::UnsentActions(unsent));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM tickets_fts; DELETE FROM tickets; DELETE FROM row_buckets;
             DELETE FROM kb_fts; DELETE FROM articles;
             DELETE FROM cursors; DELETE FROM staged_pages;
             DELETE FROM attention; DELETE FROM outbox; DELETE FROM notifications;",
        )?;
        for key in SettingKey::ALL.into_iter().filter(|k| k.belongs_to_the_account()) {
            tx.execute("DELETE FROM settings WHERE key = ?1", [key.as_str()])?;
        }
        tx.commit()?;
        self.ahead.take();
        Ok(())
    }

    /// This replica's id for the sync protocol, made once.
    pub fn client_id(&self) -> Result<String> {
        if let Some(id) = self.setting(SettingKey::ClientId)? {
            return Ok(id);
        }
        let mut bytes = [0u8; 12];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
        let id = format!("c-{}", hex::encode(bytes));
        self.set_setting(SettingKey::ClientId, &id)?;
        Ok(id)
    }

    pub fn me(&self) -> Result<Option<Me>> {
        self.setting(SettingKey::Me)?
            .map(|s| serde_json::from_str(&s).map_err(ReplicaError::from))
            .transpose()
    }

    pub fn set_me(&self, me: &Me) -> Result<()> {
        self.set_setting(SettingKey::Me, &serde_json::to_string(me)?)
    }

    /// The signed-in user as the workflow sees them.
    pub fn actor(&self) -> Result<Actor> {
        let me = self.me()?.ok_or(ReplicaError::NotSignedIn)?;
        Ok(Actor {
            user_id: me.id,
            role: me.role,
            groups: me
                .groups
                .iter()
                .map(|g| Membership {
                    group: g.id.clone(),
                    line: g.line,
                })
                .collect(),
            permissions: me.permissions,
        })
    }

    // ---- the outbox ----

    /// [`Replica::enqueue_with`] under the default [`WorkflowLimits`], for
    /// callers that know no policy (tests, benches); the client passes the
    /// limits of the ticket's policy.
    pub fn enqueue(&mut self, ticket: &str, op: Op, now: DateTime<Utc>) -> Result<Enqueued> {
        self.enqueue_with(ticket, op, WorkflowLimits::DEFAULT, now)
    }

    /// Checks `op` against the workflow, under `limits` (those of the
    /// ticket's policy, [`Replica::ticket_policy`]), on the ticket as the
    /// analyst sees it, then writes it to the outbox durably with the
    /// limits. Refused → nothing written.
    pub fn enqueue_with(&mut self, ticket: &str, op: Op, limits: WorkflowLimits, now: DateTime<Utc>) -> Result<Enqueued> {
        let actor = self.actor()?;
        let (server, visible) = self.views(ticket)?.ok_or_else(|| ReplicaError::NotFound(ticket.to_string()))?;
        let applied = apply_with(&visible.ticket, &op, &actor, now, limits)?;
        let mut bytes = [0u8; 12];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
        let op_id = format!("op-{}", hex::encode(bytes));
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seq = allocate_seq(&tx)?;
        tx.execute(
            "INSERT INTO outbox(seq, op_id, ticket, base_version, device_time, op, limits) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                seq,
                op_id,
                server.ticket.id,
                server.ticket.version as i64,
                millis(now),
                serde_json::to_string(&op)?,
                serde_json::to_string(&limits)?
            ],
        )?;
        tx.commit()?;
        let mut events = visible.events;
        events.extend(applied.events);
        Ok(Enqueued {
            seq: seq as u64,
            op_id,
            view: TicketView {
                ticket: applied.ticket,
                events,
                policy: visible.policy,
            },
        })
    }

    /// Ops waiting to be pushed, in seq order.
    pub fn pending_ops(&self) -> Result<Vec<PushOp>> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, op_id, ticket, base_version, device_time, op FROM outbox WHERE state = 'pending' ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut ops = Vec::new();
        for row in rows {
            let (seq, op_id, ticket, base_version, device_time, op) = row?;
            ops.push(PushOp {
                seq: seq as u64,
                op_id,
                ticket,
                base_version: base_version as u64,
                device_time: from_millis(device_time),
                op: serde_json::from_str(&op)?,
            });
        }
        Ok(ops)
    }

    pub fn pending_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM outbox WHERE state = 'pending'", [], |r| r.get::<_, i64>(0))? as u64)
    }

    pub fn attention_count(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM attention", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Records the server's final results; a transient failure leaves the
    /// op pending, to be resent with the same seq.
    pub fn record_results(&mut self, results: &[PushResult], now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for r in results {
            let result = serde_json::to_string(&r.outcome)?;
            let attention = match &r.outcome {
                OpOutcome::Failed { .. } => continue,
                OpOutcome::Applied { version, .. } => {
                    tx.execute(
                        "UPDATE outbox SET state = 'applied', result = ?2, applied_version = ?3 WHERE seq = ?1 AND state = 'pending'",
                        params![r.seq as i64, result, *version as i64],
                    )?;
                    None
                }
                OpOutcome::Conflict { reason, current } => Some(("conflict".to_string(), reason.clone(), Some(serde_json::to_string(current)?))),
                OpOutcome::Rejected { code, message, .. } => Some((code.clone(), message.clone(), None)),
                OpOutcome::Held { after_seq } => Some((
                    "held".to_string(),
                    format!("not applied: action #{after_seq} on the same ticket did not apply first"),
                    None,
                )),
            };
            if let Some((code, message, current)) = attention {
                let changed = tx.execute(
                    "UPDATE outbox SET state = 'attention', result = ?2 WHERE seq = ?1 AND state = 'pending'",
                    params![r.seq as i64, result],
                )?;
                if changed == 1 {
                    tx.execute(
                        "INSERT OR REPLACE INTO attention(seq, code, message, current, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![r.seq as i64, code, message, current, millis(now)],
                    )?;
                }
            }
            registration::after_result(&tx, r)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn attention(&self) -> Result<Vec<AttentionItem>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.seq, o.ticket, o.op, a.code, a.message, a.current, a.created_at FROM attention a JOIN outbox o ON o.seq = a.seq WHERE json_extract(o.op, '$.op') IS NOT 'register' ORDER BY a.seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
        let mut items = Vec::new();
        for row in rows {
            let (seq, ticket, op, code, message, current, at) = row?;
            items.push(AttentionItem {
                seq: seq as u64,
                ticket,
                op: serde_json::from_str(&op)?,
                code,
                message,
                current: current.map(|c| serde_json::from_str(&c)).transpose()?,
                at: from_millis(at),
            });
        }
        Ok(items)
    }

    /// Drops an action that needs attention; it will never be sent.
    pub fn discard(&mut self, seq: u64) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx.execute("DELETE FROM attention WHERE seq = ?1", [seq as i64])? == 0 {
            return Err(ReplicaError::NoSuchAttention(seq));
        }
        tx.execute("UPDATE outbox SET state = 'discarded' WHERE seq = ?1", [seq as i64])?;
        tx.commit()?;
        Ok(())
    }

    /// Issues the same action again as a new op against the ticket as it is
    /// now, under the limits it was first checked under; the old one leaves
    /// the list. Refused now → nothing changes.
    pub fn retry(&mut self, seq: u64, now: DateTime<Utc>) -> Result<Enqueued> {
        self.retry_edited(seq, None, now)
    }

    /// [`Replica::retry`] with the analyst's corrected free text (a
    /// comment, a note…) in place of what was written first; an op without
    /// free text is issued as it was.
    pub fn retry_edited(&mut self, seq: u64, text: Option<String>, now: DateTime<Utc>) -> Result<Enqueued> {
        let mut item = self.attention()?.into_iter().find(|a| a.seq == seq).ok_or(ReplicaError::NoSuchAttention(seq))?;
        if let Some(text) = text {
            if let Some(edited) = item.op.clone().with_free_text(text) {
                item.op = edited;
            }
        }
        let limits: Option<String> = self.conn.query_row("SELECT limits FROM outbox WHERE seq = ?1", [seq as i64], |r| r.get(0))?;
        let limits = stored_limits(limits.as_deref())?;
        if let Some(current) = &item.current {
            self.upsert_ticket_row(current)?;
        }
        let enqueued = self.enqueue_with(&item.ticket, item.op, limits, now)?;
        self.discard(seq)?;
        Ok(enqueued)
    }

    // ---- pull ----

    /// The cursors to pull from: those of pages already stored but not yet
    /// visible, else those of the last checkpoint.
    pub fn cursors(&self) -> Result<BTreeMap<String, u64>> {
        let staged: Option<String> = self
            .conn
            .query_row(
                "SELECT coalesce(cursors, json_extract(page, '$.cursors')) FROM staged_pages ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(cursors) = staged {
            return Ok(serde_json::from_str(&cursors)?);
        }
        let mut stmt = self.conn.prepare("SELECT bucket, cursor FROM cursors")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Stores a page durably; the last page of a pull (`has_more` false)
    /// makes all of the pull's pages visible at once.
    pub fn store_page(&mut self, page: &PullResponse) -> Result<()> {
        self.store_page_json(&serde_json::to_string(page)?, page.has_more)
    }

    /// The same, for a page as the server sent it (a `PullResponse` in
    /// JSON), stored as it came.
    pub fn store_page_json(&mut self, page: &str, has_more: bool) -> Result<()> {
        let head: PageCursors = serde_json::from_str(page)?;
        self.store_page_with_cursors(page, &head.cursors, has_more)
    }

    /// [`Replica::store_page_json`] for a caller that has already read the
    /// page's cursors: they are kept beside the page, so the next request
    /// does not parse it again. A page with more to come is worked out on a
    /// second thread while the next one is pulled (`ahead`).
    ///
    /// The pages of a first replica are made visible as they come, each in
    /// its own transaction, instead: nothing was visible before them, so
    /// there is no earlier state to keep whole, and applying page N while
    /// the server builds page N+1 keeps both machines busy.
    pub fn store_page_with_cursors(&mut self, page: &str, cursors: &BTreeMap<String, u64>, has_more: bool) -> Result<()> {
        if self.first_replica_underway()? {
            return self.apply_first_replica_pages(&[page], has_more);
        }
        let cursors = serde_json::to_string(cursors)?;
        let stamp: i64 = rand::random();
        self.with_bulk_durability(|replica| {
            let tx = replica.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute(
                "INSERT INTO staged_pages(page, cursors, stamp) VALUES (?1, ?2, ?3)",
                params![page, cursors, stamp],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            if has_more {
                replica.ahead.hand(id, stamp, page);
            } else {
                replica.checkpoint()?;
            }
            Ok(())
        })
    }

    /// [`Replica::store_page_with_cursors`] for pages that came one after
    /// another, each with its cursors and whether more follow it: the pages
    /// of a first replica that were waiting together are made visible in one
    /// transaction (their changes worked out on one thread as the rows
    /// before them are written, one commit and one write of search entries
    /// for all of them); if that fails, they are stored one by one, so the
    /// pages before one that cannot be stored are kept.
    pub fn store_pages_with_cursors(&mut self, pages: &[(String, BTreeMap<String, u64>, bool)]) -> Result<()> {
        if pages.len() > 1 && self.first_replica_underway()? {
            let texts: Vec<&str> = pages.iter().map(|(page, _, _)| page.as_str()).collect();
            let (_, _, has_more) = pages[pages.len() - 1];
            if self.apply_first_replica_pages(&texts, has_more).is_ok() {
                return Ok(());
            }
            // Nothing of them was stored: one by one below, the pages before
            // one that cannot be stored are kept.
        }
        for (page, cursors, has_more) in pages {
            self.store_page_with_cursors(page, cursors, *has_more)?;
        }
        Ok(())
    }

    /// Whether the page about to be stored belongs to a first replica:
    /// nothing pulled, staged or checkpointed yet, or a first replica's
    /// pull cut short and now resumed.
    fn first_replica_underway(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?1)
                 OR NOT (EXISTS (SELECT 1 FROM cursors) OR EXISTS (SELECT 1 FROM staged_pages))",
            [SettingKey::FirstReplicaUnderway.as_str()],
            |r| r.get(0),
        )?)
    }

    /// Makes a first replica's pages visible at once (see
    /// [`Replica::store_page_with_cursors`]); `has_more` is the last one's.
    fn apply_first_replica_pages(&mut self, pages: &[&str], has_more: bool) -> Result<()> {
        let path = self.conn.path().map(str::to_owned);
        self.with_bulk_durability(|replica| {
            let tx = Transaction::new_unchecked(&replica.conn, TransactionBehavior::Immediate)?;
            let staged: Vec<prepared::Staged> = pages.iter().map(|page| prepared::Staged::Stored((*page).to_owned())).collect();
            let last_cursors = prepared::apply_pages(&tx, &staged)?;
            settle_pull(&tx, last_cursors)?;
            let underway = SettingKey::FirstReplicaUnderway.as_str();
            if has_more {
                tx.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?1, '')", [underway])?;
            } else {
                tx.execute("DELETE FROM settings WHERE key = ?1", [underway])?;
            }
            // The log is copied into the file after the last page, on a
            // thread of its own (bulk.rs), not at these commits.
            bulk::commit_leaving_the_log(&replica.conn, tx)?;
            if let (false, Some(path)) = (has_more, path) {
                bulk::copy_log_in_background(path);
            }
            Ok(())
        })
    }

    fn checkpoint(&mut self) -> Result<()> {
        let mut ahead = self.ahead.take();
        let path = self.conn.path().map(str::to_owned);
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let staged: Vec<(i64, Option<i64>)> = {
            let mut stmt = tx.prepare("SELECT id, stamp FROM staged_pages ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let mut pages = Vec::with_capacity(staged.len());
        for (id, stamp) in staged {
            pages.push(match ahead.page(id, stamp) {
                Some((page, prepared)) => prepared::Staged::Ahead {
                    page,
                    prepared: std::sync::Mutex::new(prepared),
                },
                None => prepared::Staged::Stored(tx.query_row("SELECT page FROM staged_pages WHERE id = ?1", [id], |r| r.get(0))?),
            });
        }
        let bulk = pages.iter().map(prepared::Staged::len).sum::<usize>() >= bulk::BULK_BYTES;
        let last_cursors = prepared::apply_pages(&tx, &pages)?;
        drop(pages);
        settle_pull(&tx, last_cursors)?;
        tx.execute("DELETE FROM staged_pages", [])?;
        if !bulk {
            return Ok(tx.commit()?);
        }
        // Many pages: the log is copied into the file after the commit, on
        // a thread of its own (bulk.rs).
        bulk::commit_leaving_the_log(&self.conn, tx)?;
        if let Some(path) = path {
            bulk::copy_log_in_background(path);
        }
        Ok(())
    }

    fn upsert_ticket_row(&self, view: &TicketView) -> Result<()> {
        upsert_ticket(&self.conn, view)
    }

    // ---- reading ----

    fn server_view(&self, id_or_number: &str) -> Result<Option<TicketView>> {
        let view: Option<String> = self
            .conn
            .prepare_cached("SELECT view FROM tickets WHERE id = ?1 OR number = ?1")?
            .query_row([id_or_number], |r| r.get(0))
            .optional()?;
        Ok(view.map(|v| serde_json::from_str(&v)).transpose()?)
    }

    /// The SLA policy a ticket is counted under (`TicketView::policy`), for
    /// the caller to find the [`WorkflowLimits`] to enqueue with.
    pub fn ticket_policy(&self, id_or_number: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT json_extract(digest, '$.policy') FROM tickets WHERE id = ?1 OR number = ?1")?
            .query_row([id_or_number], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// The server's row and the ticket as the analyst sees it
    /// ([`Replica::replay`]).
    fn views(&self, id_or_number: &str) -> Result<Option<(TicketView, TicketView)>> {
        let Some(server) = self.server_view(id_or_number)? else { return Ok(None) };
        let (visible, _) = self.replay(&server)?;
        Ok(Some((server, visible)))
    }

    /// A ticket as the analyst sees it now.
    pub fn ticket(&self, id_or_number: &str) -> Result<Option<TicketView>> {
        Ok(self.views(id_or_number)?.map(|(_, visible)| visible))
    }

    /// The ids of the tickets changed on the server after `since` (an op
    /// stamps the ticket's update with the time of its events), most
    /// recently updated first.
    pub fn tickets_updated_after(&self, since: DateTime<Utc>) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM tickets WHERE updated_at > ?1 ORDER BY updated_at DESC")?;
        let ids = stmt.query_map(params![millis(since)], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// A queue of the signed-in user, most recently updated first.
    pub fn queue(&self, queue: Queue) -> Result<Vec<QueueRow>> {
        Ok(self.queue_head(queue, usize::MAX)?.rows)
    }

    /// The first `first` rows of a queue, most recently updated first (and
    /// after them any row updated at the same moment as the last of them,
    /// so that an order with ties broken otherwise can be cut from them),
    /// with how many rows the queue holds and of whose groups and owners.
    /// The digests of the other rows are not read.
    pub fn queue_head(&self, queue: Queue, first: usize) -> Result<QueueHead> {
        let actor = self.actor()?;
        let groups = serde_json::to_string(&actor.groups.iter().map(|m| m.group.as_str()).collect::<Vec<_>>())?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH me(id, groups) AS (SELECT ?1, ?2)
             SELECT t.id, t.number, t.status, t.priority, t.group_id, t.owner, t.updated_at,
                    (SELECT count(*) FROM outbox o WHERE o.ticket = t.id AND o.state = 'pending') AS pending, t.digest
             FROM tickets t, me
             WHERE ({}) OR EXISTS (SELECT 1 FROM outbox o WHERE o.ticket = t.id AND o.state = 'pending')
             ORDER BY t.updated_at DESC",
            queue.sql_filter()
        ))?;
        let mut rows = stmt.query(params![actor.user_id, groups])?;
        let mut head = QueueHead::default();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let mut status = parse_status(&r.get::<_, String>(2)?)?;
            let mut priority: u8 = r.get(3)?;
            let mut group: String = r.get(4)?;
            let mut owner: Option<String> = r.get(5)?;
            let updated_at = from_millis(r.get(6)?);
            let pending: i64 = r.get(7)?;
            // A ticket with pending actions shows as they left it.
            let mut digest = None;
            if pending > 0 {
                if let Some(v) = self.ticket(&id)? {
                    status = v.ticket.status;
                    owner = v.ticket.owner.clone();
                    group = v.ticket.group.clone();
                    priority = v.ticket.priority.value();
                    digest = Some(TicketDigest::of(&v));
                }
            }
            if !queue.holds(&actor, status, &group, owner.as_deref()) {
                continue;
            }
            head.total += 1;
            // A copy for the lists only of a name not in them yet.
            if !head.groups.contains(&group) {
                head.groups.insert(group.clone());
            }
            if let Some(owner) = owner.as_ref().filter(|o| !head.owners.contains(*o)) {
                head.owners.insert(owner.clone());
            }
            let whole = head.rows.len() < first || head.rows.last().is_some_and(|last| last.updated_at == updated_at);
            if whole {
                let digest = match digest {
                    Some(digest) => digest,
                    None => serde_json::from_str(&r.get::<_, String>(8)?)?,
                };
                head.rows.push(QueueRow {
                    id,
                    number: r.get(1)?,
                    status,
                    priority,
                    group,
                    owner,
                    updated_at,
                    pending_ops: pending as u32,
                    digest,
                });
            }
        }
        Ok(head)
    }

    /// How many tickets each queue holds, without reading any digest.
    pub fn queue_counts(&self) -> Result<QueueCounts> {
        let actor = self.actor()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.status, t.group_id, t.owner, EXISTS (SELECT 1 FROM outbox o WHERE o.ticket = t.id AND o.state = 'pending') FROM tickets t",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        let mut counts = QueueCounts::default();
        for row in rows {
            let (id, status, mut group, mut owner, pending) = row?;
            let mut status = parse_status(&status)?;
            if pending {
                if let Some(v) = self.ticket(&id)? {
                    status = v.ticket.status;
                    group = v.ticket.group;
                    owner = v.ticket.owner;
                }
            }
            for (queue, count) in [
                (Queue::Mine, &mut counts.mine),
                (Queue::Group, &mut counts.group),
                (Queue::Unassigned, &mut counts.unassigned),
                (Queue::Awaiting, &mut counts.awaiting),
                (Queue::Recent, &mut counts.recent),
            ] {
                *count += u64::from(queue.holds(&actor, status, &group, owner.as_deref()));
            }
        }
        Ok(counts)
    }

    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        let doc: Option<String> = self.conn.query_row("SELECT doc FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(doc.map(|d| serde_json::from_str(&d)).transpose()?)
    }

    // ---- the notification ledger ----

    /// Whether (ticket, metric, threshold) has fired.
    pub fn has_fired(&self, ticket: &str, metric: &str, threshold: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM notifications WHERE ticket = ?1 AND metric = ?2 AND threshold = ?3")?
            .exists(params![ticket, metric, threshold])?)
    }

    /// Records that each (ticket, metric, threshold) fired, in one
    /// transaction: a notifier's scan costs one flush to disk, not one per mark.
    pub fn mark_all_fired(&mut self, marks: &[(String, String, String)], now: DateTime<Utc>) -> Result<()> {
        if marks.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut insert = tx.prepare_cached("INSERT OR IGNORE INTO notifications(ticket, metric, threshold, fired_at) VALUES (?1, ?2, ?3, ?4)")?;
            for (ticket, metric, threshold) in marks {
                insert.execute(params![ticket, metric, threshold, millis(now)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// The cursors of a page, the rest of it skipped.
#[derive(serde::Deserialize)]
struct PageCursors {
    cursors: BTreeMap<String, u64>,
}

/// A page as stored: changes keep their ticket JSON as the server sent it.
#[derive(serde::Deserialize)]
struct StagedPage<'a> {
    #[serde(borrow)]
    changes: Vec<StagedChange<'a>>,
    cursors: BTreeMap<String, u64>,
}

#[derive(serde::Deserialize)]
struct StagedChange<'a> {
    bucket: String,
    kind: String,
    #[serde(borrow, default)]
    ticket: Option<&'a serde_json::value::RawValue>,
    #[serde(default)]
    article: Option<Article>,
    #[serde(default)]
    delta: Option<Box<helpdesk_protocol::TicketDelta>>,
    #[serde(default)]
    id: Option<String>,
}

fn parse_status(text: &str) -> Result<helpdesk_domain::Status> {
    text.parse().map_err(|_| ReplicaError::Corrupt(format!("status `{text}`")))
}

/// The next outbox seq, taken in `tx`. Seqs are dense and never reused,
/// also after confirmed ops leave the outbox.
pub(crate) fn allocate_seq(tx: &Connection) -> Result<i64> {
    let seq: i64 = tx.query_row(
        "SELECT max(coalesce((SELECT max(seq) FROM outbox), 0), coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?1), 0)) + 1",
        [SettingKey::LastSeq.as_str()],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [SettingKey::LastSeq.as_str(), &seq.to_string()],
    )?;
    Ok(seq)
}

impl Replica {
    /// Tickets a pulled delta did not fit: to be fetched whole
    /// ([`Replica::store_fetched_ticket`]).
    pub fn wanted_tickets(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT DISTINCT id FROM wanted_tickets ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<std::result::Result<_, _>>()?)
    }

    /// A wanted ticket as fetched whole (a ticket view in JSON): stored
    /// (unless the replica holds a newer version) and held in the buckets
    /// its delta came in.
    pub fn store_fetched_ticket(&mut self, view: &str) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = upsert_ticket_json(&tx, view)?;
        tx.execute(
            "INSERT OR IGNORE INTO row_buckets(kind, entity, bucket) SELECT 'ticket', id, bucket FROM wanted_tickets WHERE id = ?1",
            [&id],
        )?;
        tx.execute("DELETE FROM wanted_tickets WHERE id = ?1", [&id])?;
        Ok(tx.commit()?)
    }

    /// A wanted ticket the server no longer lets the user read: no longer
    /// wanted (what the replica holds of it goes as the pull says).
    pub fn forget_wanted_ticket(&mut self, id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM wanted_tickets WHERE id = ?1", [id])?;
        Ok(())
    }
}

pub(crate) fn upsert_ticket(conn: &Connection, view: &TicketView) -> Result<()> {
    upsert_ticket_json(conn, &serde_json::to_string(view)?).map(drop)
}

/// Stores a ticket view given as JSON, as it is, with its columns, its
/// digest and its search entry; returns the ticket's id.
fn upsert_ticket_json(conn: &Connection, view: &str) -> Result<String> {
    prepared::TicketRow::of(view)?.store(conn)
}

/// What ends the making visible of pulled pages, in its transaction: the
/// last page's cursors become the replica's, the rows of buckets the user
/// no longer has go (unless still in another bucket or carrying pending
/// ops), and applied ops the server's rows now include leave the
/// optimistic layer.
fn settle_pull(tx: &Connection, last_cursors: Option<BTreeMap<String, u64>>) -> Result<()> {
    if let Some(cursors) = last_cursors {
        tx.execute("DELETE FROM cursors", [])?;
        for (bucket, cursor) in &cursors {
            tx.execute("INSERT INTO cursors(bucket, cursor) VALUES (?1, ?2)", params![bucket, *cursor as i64])?;
        }
        // Rows of buckets the user no longer has (read in SQLite: a first
        // replica settles every page, and the rows grow to all it holds).
        let held = serde_json::to_string(&cursors.keys().collect::<Vec<_>>())?;
        let gone: Vec<(String, String, String)> = tx
            .prepare("SELECT kind, entity, bucket FROM row_buckets WHERE bucket NOT IN (SELECT value FROM json_each(?1))")?
            .query_map([held], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (kind, entity, bucket) in gone {
            tx.execute(
                "DELETE FROM row_buckets WHERE kind = ?1 AND entity = ?2 AND bucket = ?3",
                params![kind, entity, bucket],
            )?;
            drop_if_orphaned(tx, &kind, &entity)?;
        }
    }
    tx.execute(
        "DELETE FROM outbox WHERE state = 'applied' AND applied_version <= coalesce((SELECT version FROM tickets WHERE tickets.id = outbox.ticket), 1 << 62)",
        [],
    )?;
    Ok(())
}

/// Removes a row no bucket holds any more, unless ops are pending on it;
/// true when it was removed.
pub(crate) fn drop_if_orphaned(conn: &Connection, kind: &str, entity: &str) -> Result<bool> {
    let held: i64 = conn
        .prepare_cached("SELECT count(*) FROM row_buckets WHERE kind = ?1 AND entity = ?2")?
        .query_row(params![kind, entity], |r| r.get(0))?;
    if held > 0 {
        return Ok(false);
    }
    if kind == "ticket" {
        let pending: i64 = conn
            .prepare_cached("SELECT count(*) FROM outbox WHERE ticket = ?1 AND state = 'pending'")?
            .query_row([entity], |r| r.get(0))?;
        if pending > 0 {
            return Ok(false);
        }
        conn.prepare_cached("DELETE FROM tickets_fts WHERE rowid = (SELECT rowid FROM tickets WHERE id = ?1)")?
            .execute([entity])?;
        conn.prepare_cached("DELETE FROM tickets WHERE id = ?1")?.execute([entity])?;
    } else {
        conn.prepare_cached("DELETE FROM kb_fts WHERE rowid = (SELECT rowid FROM articles WHERE id = ?1)")?
            .execute([entity])?;
        conn.prepare_cached("DELETE FROM articles WHERE id = ?1")?.execute([entity])?;
    }
    Ok(true)
}

//! The sync protocol: push of ops, pull of changes by bucket.
//!
//! **Push.** A client's ops apply in `seq` order in one write transaction
//! per push, together with each op's stored result and the client's
//! `last_seq`, so a resent op gets the same result and never applies
//! twice. Each op runs in a savepoint: a refused op leaves nothing behind
//! but its stored rejection. The transaction holds the client's row from
//! its start (pushes of one client apply one after the other) and the rows
//! of the tickets its new ops name, taken together in one order (two
//! pushes never wait for each other in a circle); the change log is
//! stamped once, as its last statement. Decisions on the open points of
//! the issue:
//!
//! - A push whose first new op is not `last_seq + 1`, or whose new ops skip
//!   a seq, is refused as a whole before anything applies: 409 `gap`, the
//!   message names the expected seq.
//! - Ops must come with strictly increasing seqs (≥ 1), else 400 `seq_order`.
//! - An op whose JSON does not parse as an op is a stored rejection
//!   (`invalid_op`), like every other client mistake: the queue never blocks.
//! - `held` follows a `conflict` or a `held` of an earlier op on the same
//!   ticket (as the client named it) in this push — also when that earlier
//!   result was a stored one returned again, so a resent push answers the
//!   same. A `rejected` op does not hold the later ones: comments and other
//!   independent ops still apply, and the workflow judges each on its own.
//!   `after_seq` is the seq of the op that conflicted.
//! - `base_version` 0 means "no base": no conflict check.
//! - A transient failure (storage, internal) rolls the push's transaction
//!   back: its first op is `failed`, nothing is stored, and the client
//!   sends all of it again.
//!
//! **Pull.** The caller's buckets are derived on the server: `user:<id>`,
//! `group:<id>` per working group (administrators: every group), and `kb`
//! (analysts, administrators) or `kb:public` (Self Service). When every
//! bucket's cursor is at the change log's head, the empty page is answered
//! from one statement (`sync_caught_up`); otherwise a whole page is read in
//! one read transaction, under the change-log watermark read in it. The changes of all the caller's buckets are merged in sequence
//! order (each bucket read from its own cursor through the `(bucket, seq)`
//! index), so a page holds a prefix of every bucket and a pull cut after
//! any page resumes from the cursors it returned; a ticket in two of the
//! caller's buckets (its group and its owner) has neighbouring sequences,
//! so it is read and serialised once for both. A bucket served up to the
//! watermark gets the watermark as its cursor. Buckets the client names
//! that are not the caller's are ignored and left out of `cursors`.
//! Entities are read in batches (on PostgreSQL one query for the tickets
//! of a batch with their comments and events, one for articles). A ticket the caller can no longer
//! read, or that is gone, is a `remove_ticket`; a missing article a
//! `remove_article`. The desk gets a ticket's stored JSON as it is; a Self
//! Service user gets it through `view_for` (no internal notes). A desk
//! client that asks for `deltas` gets a ticket whose change row replaced
//! one at or below the bucket's cursor (so the client held the ticket at
//! that change's version) as a `ticket_delta`: the document with only the
//! comments added since, the events since, and how many of each came
//! before (`changes::ticket_deltas`).

use super::auth::Caller;
use super::tickets::{view_for, ActionOutcome, ReadAccess};
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::changes::{self, ChangeRow, EntityKind};
use crate::store::{sync_state, tickets as ticket_store, StoreError};
use crate::store::{ReadTx, WriteTx};
use chrono::{DateTime, Utc};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::Ticket;
use helpdesk_domain::workflow::{Actor, Role, TicketEvent};
use helpdesk_protocol::registration::PushAction;
use helpdesk_protocol::{Article, ChangeBody, OpOutcome, PullRequest, PullResponse, PushOp, PushRequest, PushResponse, PushResult, SCHEMA_VERSION};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// The page size when the client names none, and the most it may ask for.
pub const DEFAULT_MAX_BYTES: u64 = 1 << 20;
pub const MAX_MAX_BYTES: u64 = 8 << 20;

/// One op of a push as it arrived. `op` is `Err` with the reason when its
/// JSON is not a valid op: a client mistake, answered with a rejection.
#[derive(Debug, Clone)]
pub struct IncomingOp {
    pub seq: u64,
    pub op_id: String,
    pub ticket: String,
    pub base_version: u64,
    pub device_time: Option<DateTime<Utc>>,
    pub op: Result<PushAction, String>,
}

impl From<PushOp> for IncomingOp {
    fn from(op: PushOp) -> Self {
        IncomingOp {
            seq: op.seq,
            op_id: op.op_id,
            ticket: op.ticket,
            base_version: op.base_version,
            device_time: Some(op.device_time),
            op: Ok(op.op),
        }
    }
}

fn check_schema(version: u32) -> AppResult<()> {
    if version != SCHEMA_VERSION {
        return Err(AppError::Conflict {
            code: "schema_version",
            message: format!(
                "this client speaks sync schema version {version}, the server speaks {SCHEMA_VERSION}; update the app, then sync again (nothing was applied)"
            ),
        });
    }
    Ok(())
}

/// What every pull is checked for before its buckets are read.
pub(super) fn check_pull(request: &PullRequest) -> AppResult<()> {
    check_schema(request.schema_version)?;
    check_client_id(&request.client_id)
}

fn check_client_id(client_id: &str) -> AppResult<()> {
    if client_id.trim().is_empty() || client_id.len() > 200 {
        return Err(AppError::Unprocessable {
            code: "invalid_client_id",
            message: "`client_id` must be a non-empty id of at most 200 bytes, the same for every request of one installation".into(),
            fields: vec!["client_id".into()],
        });
    }
    Ok(())
}

pub(super) fn foreign_client(client_id: &str) -> AppError {
    AppError::Forbidden(format!(
        "client id `{client_id}` belongs to another user; sign in as that user, or let the app create a new client id (a new replica) for this user"
    ))
}

/// What a push's transaction did.
struct PushRun {
    /// One final result per op answered, in seq order.
    results: Vec<PushResult>,
    client_last_seq: u64,
    /// A refusal met after the ops before it were answered (a resent seq
    /// carrying another op): those are kept, the push answers the refusal.
    refusal: Option<AppError>,
}

/// A refusal of the application as an op's result, kept with it; a
/// transient failure (the store, an internal error) stays an error, and
/// the client sends the push again.
pub(super) fn refused(e: AppError) -> AppResult<OpOutcome> {
    match e {
        e @ (AppError::Store(_) | AppError::Internal(_)) => Err(e),
        e => {
            let api = e.api_error();
            Ok(OpOutcome::Rejected {
                code: api.code,
                message: api.message,
                fields: api.fields,
            })
        }
    }
}

impl App {
    /// `POST /sync/push` with typed ops.
    pub fn push_request(&self, caller: &Caller, request: PushRequest) -> AppResult<PushResponse> {
        let ops = request.ops.into_iter().map(IncomingOp::from).collect();
        self.push(caller, &request.client_id, request.schema_version, ops)
    }

    /// Applies a client's ops in seq order; see the module documentation.
    pub fn push(&self, caller: &Caller, client_id: &str, schema_version: u32, ops: Vec<IncomingOp>) -> AppResult<PushResponse> {
        check_schema(schema_version)?;
        check_client_id(client_id)?;
        let mut previous = 0;
        for op in &ops {
            if op.seq <= previous {
                return Err(AppError::bad_request(
                    "seq_order",
                    format!("op seqs must start at 1 and increase strictly within a push; seq {} follows {previous}", op.seq),
                ));
            }
            previous = op.seq;
        }
        // One write transaction for the whole push: its ops' changes are
        // stamped together at its end, under the change log's head lock.
        let run = self.store.write(|tx| self.push_in(tx, caller, client_id, &ops));
        match run {
            Ok(PushRun {
                results,
                client_last_seq,
                refusal,
            }) => match refusal {
                Some(refusal) => Err(refusal),
                None => Ok(PushResponse { results, client_last_seq }),
            },
            Err(e @ (AppError::Store(_) | AppError::Internal(_))) if !ops.is_empty() => {
                // Nothing of the push was committed: its first op failed
                // and the later ones have no result; all are sent again.
                tracing::warn!(client_id, error = %e, "a synced push failed; the client sends it again");
                let first = &ops[0];
                let client_last_seq = self.store.read_committed(|conn| sync_state::last_seq(conn, client_id))?;
                Ok(PushResponse {
                    results: vec![PushResult {
                        seq: first.seq,
                        op_id: first.op_id.clone(),
                        outcome: OpOutcome::Failed {
                            message: format!("the server could not apply this op now ({e}); it is sent again"),
                        },
                    }],
                    client_last_seq,
                })
            }
            Err(e) => Err(e),
        }
    }

    /// The push in `tx`: the client's row locked (its pushes apply one
    /// after the other), the gap check, the tickets of the new ops locked
    /// in one order, then each op's result stored, and the client's
    /// `last_seq` advanced once.
    fn push_in(&self, tx: &dyn WriteTx, caller: &Caller, client_id: &str, ops: &[IncomingOp]) -> AppResult<PushRun> {
        let last = sync_state::client_last_seq(tx, client_id, &caller.actor.user_id)?.map_err(|_| foreign_client(client_id))?;
        let new_ops: Vec<&IncomingOp> = ops.iter().filter(|o| o.seq > last).collect();
        for (expected, op) in (last + 1..).zip(&new_ops) {
            if op.seq != expected {
                return Err(AppError::Conflict {
                    code: "gap",
                    message: format!(
                        "the server has results up to seq {last} of this client and expected seq {expected} next, got {}; nothing was applied: send the ops from seq {expected} on",
                        op.seq
                    ),
                });
            }
        }
        let mut tickets: Vec<&str> = new_ops
            .iter()
            .filter(|o| matches!(o.op, Ok(PushAction::Ticket(_))))
            .map(|o| o.ticket.as_str())
            .collect();
        tickets.sort_unstable();
        tickets.dedup();
        if tickets.len() > 1 {
            ticket_store::lock_for_update(tx, &tickets)?;
        }

        let mut run = PushRun {
            results: Vec::with_capacity(ops.len()),
            client_last_seq: last,
            refusal: None,
        };
        // ticket (as the client names it) → the seq of the op that conflicted
        let mut held: HashMap<String, u64> = HashMap::new();
        for op in ops {
            let now = self.now();
            let outcome = match self.push_one(tx, caller, client_id, op, last, &held, now) {
                Ok(outcome) => outcome,
                Err(e @ (AppError::Store(_) | AppError::Internal(_))) => return Err(e),
                Err(refusal) => {
                    run.refusal = Some(refusal);
                    break;
                }
            };
            match &outcome {
                OpOutcome::Conflict { current, .. } => {
                    held.insert(op.ticket.clone(), op.seq);
                    held.insert(current.ticket.id.clone(), op.seq);
                    held.insert(current.ticket.number.clone(), op.seq);
                }
                OpOutcome::Held { after_seq } => {
                    held.entry(op.ticket.clone()).or_insert(*after_seq);
                }
                _ => {}
            }
            run.client_last_seq = run.client_last_seq.max(op.seq);
            run.results.push(PushResult {
                seq: op.seq,
                op_id: op.op_id.clone(),
                outcome,
            });
        }
        if run.client_last_seq > last {
            sync_state::set_last_seq(tx, client_id, run.client_last_seq)?;
        }
        Ok(run)
    }

    /// One op in `tx`: its result, stored when new (`last` is the client's
    /// last seq when the push began).
    #[allow(clippy::too_many_arguments)]
    fn push_one(
        &self,
        tx: &dyn WriteTx,
        caller: &Caller,
        client_id: &str,
        op: &IncomingOp,
        last: u64,
        held: &HashMap<String, u64>,
        now: DateTime<Utc>,
    ) -> AppResult<OpOutcome> {
        if op.seq <= last {
            let outcome = match sync_state::stored_result(tx, client_id, op.seq)? {
                Some((op_id, _)) if op_id != op.op_id => {
                    // A resent seq must carry the same op: answering another op's
                    // result would silently drop this one.
                    return Err(AppError::Conflict {
                        code: "seq_reused",
                        message: format!(
                            "seq {} of this client was used for another action ({op_id}); the client's outbox is out of step with the server: sign in on a fresh profile",
                            op.seq
                        ),
                    });
                }
                Some((_, outcome)) => outcome,
                None => OpOutcome::Rejected {
                    code: "result_unknown".into(),
                    message: format!(
                        "the server has no stored result for seq {} any more; look at the ticket and act again if needed",
                        op.seq
                    ),
                    fields: vec![],
                },
            };
            return Ok(outcome);
        }
        let outcome = if let Some(after_seq) = held.get(&op.ticket) {
            OpOutcome::Held { after_seq: *after_seq }
        } else {
            match &op.op {
                Err(reason) => OpOutcome::Rejected {
                    code: "invalid_op".into(),
                    message: format!("the op is not valid: {reason}"),
                    fields: vec![],
                },
                Ok(PushAction::Ticket(action)) => self.apply_synced(tx, &caller.actor, client_id, op, action, now)?,
                Ok(register @ PushAction::Register(_)) => {
                    let new = register.registration().cloned().unwrap_or_default();
                    self.register_synced(tx, &caller.actor, &op.ticket, new, now)?
                }
            }
        };
        sync_state::store_result(tx, client_id, op.seq, &op.op_id, &outcome)?;
        Ok(outcome)
    }

    /// Applies one op in a savepoint: a refusal leaves nothing behind and
    /// becomes a rejection; a transient failure is returned as `Err`.
    fn apply_synced(&self, tx: &dyn WriteTx, actor: &Actor, client_id: &str, op: &IncomingOp, action: &Op, now: DateTime<Utc>) -> AppResult<OpOutcome> {
        let base = Some(op.base_version).filter(|b| *b > 0);
        match tx.savepoint_kept("sync_op", || self.act_in(tx, actor, &op.ticket, action, base, Some((client_id, op.seq)), now))? {
            Ok(outcome) => Ok(match outcome {
                ActionOutcome::Applied(ticket) => OpOutcome::Applied {
                    version: ticket.version,
                    number: None,
                },
                ActionOutcome::Conflict { reason, current } => OpOutcome::Conflict {
                    reason,
                    current: Box::new(current),
                },
            }),
            Err(e) => refused(e),
        }
    }

    /// The sync buckets of `actor`, in the order a pull serves them.
    pub fn buckets_of(&self, conn: &dyn ReadTx, actor: &Actor) -> AppResult<Vec<String>> {
        let mut buckets = vec![format!("user:{}", actor.user_id)];
        let mut groups: Vec<String> = match actor.role {
            Role::Administrator => changes::all_group_ids(conn)?,
            Role::Analyst => actor.groups.iter().map(|m| m.group.clone()).collect(),
            Role::SelfService => vec![],
        };
        groups.sort();
        groups.dedup();
        buckets.extend(groups.into_iter().map(|g| format!("group:{g}")));
        buckets.push(if actor.role == Role::SelfService { "kb:public" } else { "kb" }.to_string());
        Ok(buckets)
    }

    /// `POST /sync/pull`, typed (the HTTP handler sends [`App::pull_json`]).
    pub fn pull(&self, caller: &Caller, request: &PullRequest) -> AppResult<PullResponse> {
        let json = self.pull_json(caller, request)?;
        serde_json::from_slice(&json).map_err(|e| AppError::Internal(format!("pull page does not read back: {e}")))
    }

    /// One page of changes of the caller's buckets as the JSON of a
    /// [`PullResponse`], each change serialised once.
    pub fn pull_json(&self, caller: &Caller, request: &PullRequest) -> AppResult<Vec<u8>> {
        check_pull(request)?;
        let server_time = self.now();
        // Nothing new for any of the caller's buckets: answered without a snapshot.
        if let Some(page) = self.store.read_committed(|conn| self.caught_up_page(conn, caller, request, server_time))? {
            return Ok(page);
        }
        self.pull_snapshot(caller, request)
    }

    /// A page of changes read in one read transaction: one snapshot for
    /// the page.
    pub(super) fn pull_snapshot(&self, caller: &Caller, request: &PullRequest) -> AppResult<Vec<u8>> {
        let max_bytes = match request.max_bytes {
            None | Some(0) => DEFAULT_MAX_BYTES,
            Some(n) => n.min(MAX_MAX_BYTES),
        } as usize;
        let server_time = self.now();
        self.store.read(|conn| self.pull_in(conn, caller, request, max_bytes, server_time))
    }

    fn pull_in(&self, conn: &dyn ReadTx, caller: &Caller, request: &PullRequest, max_bytes: usize, server_time: DateTime<Utc>) -> AppResult<Vec<u8>> {
        let actor = &caller.actor;
        let (watermark, client) = sync_state::head_and_client(conn, &request.client_id)?;
        let client_last_seq = match client {
            Some((owner, _)) if owner != actor.user_id => return Err(foreign_client(&request.client_id)),
            Some((_, last)) => last,
            None => 0,
        };
        let mut streams: Vec<Stream> = self
            .buckets_of(conn, actor)?
            .into_iter()
            .map(|bucket| {
                let cursor = request.buckets.get(&bucket).copied().unwrap_or(0);
                Stream {
                    bucket,
                    from: cursor,
                    served: cursor,
                    fetched: cursor,
                    queue: VecDeque::new(),
                    exhausted: cursor >= watermark,
                }
            })
            .collect();

        let mut out: Vec<u8> = Vec::with_capacity(max_bytes.min(1 << 20) + 1024);
        out.extend_from_slice(b"{\"changes\":[");
        let start = out.len();
        let mut served = 0usize;
        let mut full = false;
        // The serialised body of each entity served in this page: a ticket
        // in several of the caller's buckets is read and written once (per
        // version it is sent as a delta after).
        let mut bodies: HashMap<(EntityKind, String, Option<u64>), Vec<u8>> = HashMap::new();
        let deltas = request.deltas && actor.role != Role::SelfService;
        'page: loop {
            // The next rows of all buckets merged in sequence order, about as
            // many as should fill the rest of the page.
            let used = out.len() - start;
            let per_change = used.checked_div(served).map_or(4096, |n| n + 1);
            let chunk = (max_bytes.saturating_sub(used) / per_change + 1).clamp(8, 512);
            let mut batch: Vec<(usize, ChangeRow)> = Vec::with_capacity(chunk);
            while batch.len() < chunk {
                // The next rows of every bucket that needs some, in one query.
                let needy: Vec<usize> = (0..streams.len()).filter(|&i| streams[i].queue.is_empty() && !streams[i].exhausted).collect();
                if !needy.is_empty() {
                    let wanted: Vec<(&str, u64)> = needy.iter().map(|&i| (streams[i].bucket.as_str(), streams[i].fetched)).collect();
                    let pages = changes::pages_upto(conn, &wanted, watermark, chunk)?;
                    for (i, rows) in needy.into_iter().zip(pages) {
                        let s = &mut streams[i];
                        s.exhausted = rows.len() < chunk;
                        if let Some(last) = rows.last() {
                            s.fetched = last.seq;
                        }
                        s.queue.extend(rows);
                    }
                }
                let next = streams.iter().enumerate().filter_map(|(i, s)| s.queue.front().map(|r| (r.seq, i))).min();
                let Some((_, i)) = next else { break };
                let row = streams[i].queue.pop_front().expect("a head");
                batch.push((i, row));
            }
            if batch.is_empty() {
                break;
            }
            // A ticket the reader held when its cursor passed the change
            // this one replaced comes as what changed since that version.
            let batch: Vec<(usize, ChangeRow, Option<u64>)> = batch
                .into_iter()
                .map(|(i, row)| {
                    let base = match row.replaced {
                        Some((seq, version)) if deltas && row.kind == EntityKind::Ticket && seq <= streams[i].from => Some(version),
                        _ => None,
                    };
                    (i, row, base)
                })
                .collect();
            let wanted: Vec<(&ChangeRow, Option<u64>)> = batch
                .iter()
                .map(|(_, r, base)| (r, *base))
                .filter(|(r, base)| !bodies.contains_key(&(r.kind, r.entity.clone(), *base)))
                .collect();
            let loaded = Loaded::load(conn, &wanted)?;
            for (i, row, base) in &batch {
                let removed;
                let body: &[u8] = if row.removed {
                    removed = remove_json(row)?;
                    &removed
                } else {
                    let key = (row.kind, row.entity.clone(), *base);
                    if !bodies.contains_key(&key) {
                        let body = loaded.body_json(actor, row, *base)?;
                        bodies.insert(key.clone(), body);
                    }
                    &bodies[&key]
                };
                let stream = &mut streams[*i];
                let mut change = Vec::with_capacity(body.len() + stream.bucket.len() + 32);
                change.extend_from_slice(b"{\"bucket\":");
                serde_json::to_writer(&mut change, &stream.bucket).map_err(StoreError::from)?;
                change.extend_from_slice(format!(",\"seq\":{},", row.seq).as_bytes());
                change.extend_from_slice(&body[1..]); // the body's fields, without its `{`
                let used = out.len() - start;
                if served > 0 && used + 1 + change.len() > max_bytes {
                    full = true;
                    break 'page;
                }
                if served > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(&change);
                served += 1;
                stream.served = row.seq;
            }
        }
        out.extend_from_slice(b"],");

        // A bucket whose every change up to the watermark was served is
        // caught up to the watermark.
        let cursors: BTreeMap<String, u64> = streams
            .into_iter()
            .map(|s| {
                let caught_up = s.exhausted && s.queue.is_empty() && s.served == s.fetched;
                let cursor = if caught_up { s.served.max(watermark) } else { s.served };
                (s.bucket, cursor)
            })
            .collect();
        page_end(&mut out, &cursors, full, client_last_seq, server_time, served)?;
        Ok(out)
    }
}

/// The fields after a page's `changes`, up to the closing `}`: the
/// cursors first, and how many changes the page holds (`change_count`), so
/// a client reads them without reading the changes.
pub(super) fn page_end(
    out: &mut Vec<u8>,
    cursors: &BTreeMap<String, u64>,
    has_more: bool,
    client_last_seq: u64,
    server_time: DateTime<Utc>,
    change_count: usize,
) -> AppResult<()> {
    #[derive(Serialize)]
    struct Tail<'a> {
        cursors: &'a BTreeMap<String, u64>,
        has_more: bool,
        client_last_seq: u64,
        server_time: DateTime<Utc>,
        deltas: bool,
        change_count: usize,
    }
    let tail = serde_json::to_vec(&Tail {
        cursors,
        has_more,
        client_last_seq,
        server_time,
        deltas: true,
        change_count,
    })
    .map_err(StoreError::from)?;
    out.extend_from_slice(&tail[1..]); // without its `{`
    Ok(())
}

/// One bucket's changes in a page: served up to `served`, read up to `fetched`.
struct Stream {
    bucket: String,
    /// The reader's cursor when it asked for the page.
    from: u64,
    served: u64,
    fetched: u64,
    queue: VecDeque<ChangeRow>,
    /// Nothing after `fetched` up to the watermark.
    exhausted: bool,
}

fn remove_json(row: &ChangeRow) -> AppResult<Vec<u8>> {
    let id = row.entity.clone();
    let body = match row.kind {
        EntityKind::Ticket => ChangeBody::RemoveTicket { id },
        EntityKind::Article => ChangeBody::RemoveArticle { id },
    };
    Ok(serde_json::to_vec(&body).map_err(StoreError::from)?)
}

/// The entities of a chunk of change rows, loaded with one query each.
struct Loaded {
    tickets: HashMap<String, (String, String)>,
    /// A ticket's events' stored JSON, joined by commas.
    events: HashMap<String, String>,
    /// Tickets as what changed after a version, by id and that version.
    deltas: HashMap<(String, u64), changes::TicketDeltaRow>,
    articles: HashMap<String, String>,
}

impl Loaded {
    /// The entities of `rows`, each whole or (with a version) as what
    /// changed after that version.
    fn load(conn: &dyn ReadTx, rows: &[(&ChangeRow, Option<u64>)]) -> AppResult<Loaded> {
        let wanted = |kind: EntityKind| -> Vec<&str> {
            rows.iter()
                .filter(|(r, base)| r.kind == kind && !r.removed && base.is_none())
                .map(|(r, _)| r.entity.as_str())
                .collect()
        };
        let ticket_ids = wanted(EntityKind::Ticket);
        let article_ids = wanted(EntityKind::Article);
        let delta_ids: Vec<(&str, u64)> = rows
            .iter()
            .filter_map(|(r, base)| base.filter(|_| !r.removed).map(|b| (r.entity.as_str(), b)))
            .collect();
        let mut loaded = Loaded {
            tickets: HashMap::new(),
            events: HashMap::new(),
            deltas: HashMap::new(),
            articles: HashMap::new(),
        };
        if !delta_ids.is_empty() {
            for row in changes::ticket_deltas(conn, &delta_ids)? {
                loaded.deltas.insert((row.id.clone(), row.base), row);
            }
        }
        if !ticket_ids.is_empty() {
            for (id, doc, policy, events) in changes::ticket_docs_with_events(conn, &ticket_ids)? {
                loaded.events.insert(id.clone(), events);
                loaded.tickets.insert(id, (doc, policy));
            }
        }
        if !article_ids.is_empty() {
            loaded.articles = changes::article_docs(conn, &article_ids)?.into_iter().collect();
        }
        Ok(loaded)
    }

    /// What the caller gets for one change row, as the JSON of a
    /// [`ChangeBody`]: the entity as they may see it, or a REMOVE when it is
    /// gone or no longer theirs to read.
    fn body_json(&self, actor: &Actor, row: &ChangeRow, base: Option<u64>) -> AppResult<Vec<u8>> {
        if row.removed {
            return remove_json(row);
        }
        match row.kind {
            EntityKind::Ticket => match base {
                Some(base) => {
                    let Some(delta) = self.deltas.get(&(row.entity.clone(), base)) else {
                        return remove_json(row);
                    };
                    if !readable(&delta.doc, actor)? {
                        return remove_json(row);
                    }
                    // Staff only (see `pull_in`).
                    let tail = format!(
                        ",\"base_version\":{base},\"comments_from\":{},\"events_from\":{}}}}}",
                        delta.comments_from, delta.events_from
                    );
                    desk_ticket_json(
                        b"{\"kind\":\"ticket_delta\",\"delta\":",
                        &delta.doc,
                        &delta.events,
                        &delta.policy,
                        tail.as_bytes(),
                    )
                }
                None => {
                    let Some((doc, policy)) = self.tickets.get(&row.entity) else {
                        return remove_json(row);
                    };
                    if !readable(doc, actor)? {
                        return remove_json(row);
                    }
                    let events = self.events.get(&row.entity).map_or("", String::as_str);
                    if actor.role == Role::SelfService {
                        // Filtered for a requester: parsed, and written again.
                        let ticket: Ticket = serde_json::from_str(doc).map_err(StoreError::from)?;
                        let events: Vec<TicketEvent> = serde_json::from_str(&format!("[{events}]")).map_err(StoreError::from)?;
                        let body = ChangeBody::Ticket {
                            ticket: Box::new(view_for(actor, ticket, events, policy.clone())),
                        };
                        return Ok(serde_json::to_vec(&body).map_err(StoreError::from)?);
                    }
                    desk_ticket_json(b"{\"kind\":\"ticket\",\"ticket\":", doc, events, policy, b"}}")
                }
            },
            EntityKind::Article => match self.articles.get(&row.entity) {
                Some(doc) => {
                    let article: Article = serde_json::from_str(doc).map_err(StoreError::from)?;
                    Ok(serde_json::to_vec(&ChangeBody::Article { article: Box::new(article) }).map_err(StoreError::from)?)
                }
                None => remove_json(row),
            },
        }
    }
}

/// Whether `actor` may read the ticket whose stored document is `doc`.
fn readable(doc: &str, actor: &Actor) -> AppResult<bool> {
    let access: ReadAccess = serde_json::from_str(doc).map_err(StoreError::from)?;
    Ok(access.readable_by(actor))
}

/// A ticket for the desk as `head`, then `{"ticket": doc, "events": [events],
/// "policy": policy`, then `tail`: its stored JSON (written by serde from
/// the same types) goes out as it is.
fn desk_ticket_json(head: &[u8], doc: &str, events: &str, policy: &str, tail: &[u8]) -> AppResult<Vec<u8>> {
    let mut out = Vec::with_capacity(head.len() + doc.len() + events.len() + policy.len() + tail.len() + 32);
    out.extend_from_slice(head);
    out.extend_from_slice(b"{\"ticket\":");
    out.extend_from_slice(doc.as_bytes());
    out.extend_from_slice(b",\"events\":[");
    out.extend_from_slice(events.as_bytes());
    out.extend_from_slice(b"],\"policy\":");
    serde_json::to_writer(&mut out, policy).map_err(StoreError::from)?;
    out.extend_from_slice(tail);
    Ok(out)
}

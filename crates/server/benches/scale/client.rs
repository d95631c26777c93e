//! A simulated desk client: its own client id, signed in as one analyst,
//! it pushes ops on its group's tickets (internal comments, taking a
//! ticket, giving a workaround) and pulls its buckets, like the desktop
//! app's outbox and replica. A request that fails in transport (cut,
//! reset, refused) or with 5xx is sent again unchanged: the same client id
//! and seqs, which the server must apply once.
//!
//! While it runs it checks what it receives: per bucket the cursor never
//! goes back and every change's seq is above the last one; a ticket's
//! version never goes back; and after every complete pull (the last page
//! said `has_more: false`) each ticket of its group is at least at the
//! highest version any client had been told an applied op produced
//! before that pull began — a change skipped by the change log shows as
//! a stale ticket there.

use crate::http::{post_bytes, Http};
use crate::proxy::splitmix;
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::Visibility;
use helpdesk_protocol::{OpOutcome, PullRequest, PushOp, PushRequest, PushResponse, TicketDelta, TicketView, SCHEMA_VERSION};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Comment,
    Workaround,
    Take,
}

/// The text mark of an op that leaves text (a comment, a workaround):
/// counting the marks on the server tells how often each op applied.
pub fn marker(kind: Kind, client_id: &str, seq: u64) -> Option<String> {
    match kind {
        Kind::Comment => Some(format!("⟦c:{client_id}:{seq}⟧")),
        Kind::Workaround => Some(format!("⟦w:{client_id}:{seq}⟧")),
        Kind::Take => None,
    }
}

/// An op's final result as the client was told it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Final {
    Applied(u64),
    Conflict,
    Rejected(String),
    Held,
}

pub struct Sent {
    pub seq: u64,
    pub ticket: String,
    pub kind: Kind,
    pub outcome: Final,
}

/// What the clients share: per group, the highest version an applied op
/// was answered with, per ticket.
pub struct Shared {
    pub floors: Vec<Mutex<HashMap<String, u64>>>,
}

impl Shared {
    pub fn new(groups: usize) -> Shared {
        Shared {
            floors: (0..groups).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }
}

pub struct HeldTicket {
    pub version: u64,
    pub body: HeldBody,
    pub buckets: BTreeSet<String>,
}

/// A held ticket as it came whole (kept as text), or as built from deltas.
pub enum HeldBody {
    Whole(Box<RawValue>),
    Built(Box<TicketView>),
}

impl HeldBody {
    pub fn to_value(&self) -> serde_json::Value {
        match self {
            HeldBody::Whole(raw) => serde_json::from_str(raw.get()).unwrap_or(serde_json::Value::Null),
            HeldBody::Built(view) => serde_json::to_value(view).unwrap_or(serde_json::Value::Null),
        }
    }

    fn into_view(self) -> Result<TicketView, String> {
        match self {
            HeldBody::Whole(raw) => serde_json::from_str(raw.get()).map_err(|e| format!("a held ticket: {e}")),
            HeldBody::Built(view) => Ok(*view),
        }
    }
}

/// The client's replica: cursors, and the tickets it holds with the
/// buckets that hold them.
#[derive(Default)]
pub struct View {
    pub cursors: BTreeMap<String, u64>,
    last_in_bucket: HashMap<String, u64>,
    pub tickets: HashMap<String, HeldTicket>,
    /// Tickets whose delta did not fit what was held, with their buckets:
    /// fetched whole after the pull.
    pub unfit: HashMap<String, BTreeSet<String>>,
}

impl View {
    /// Holds a ticket that came whole in `buckets`. `Err` with the version
    /// held when that is newer: only the buckets change then.
    fn hold_whole(&mut self, id: String, version: u64, body: Box<RawValue>, buckets: impl IntoIterator<Item = String>) -> Result<(), u64> {
        match self.tickets.get_mut(&id) {
            Some(held) => {
                held.buckets.extend(buckets);
                if version < held.version {
                    return Err(held.version);
                }
                held.version = version;
                held.body = HeldBody::Whole(body);
            }
            None => {
                self.tickets.insert(
                    id,
                    HeldTicket {
                        version,
                        body: HeldBody::Whole(body),
                        buckets: buckets.into_iter().collect(),
                    },
                );
            }
        }
        Ok(())
    }
}

#[derive(Default)]
pub struct ClientStats {
    pub push_latency: Vec<Duration>,
    pub pull_latency: Vec<Duration>,
    pub empty_pull_latency: Vec<Duration>,
    pub quiet_empty_pull_latency: Vec<Duration>,
    /// The same over one kept connection, as the desktop app pulls.
    pub quiet_kept_empty_pull_latency: Vec<Duration>,
    pub pushes: u64,
    pub pulls: u64,
    pub push_retries: u64,
    pub pull_retries: u64,
    /// Ops with a final answer received inside the measured window; of them applied.
    pub answered_in_window: u64,
    pub applied_in_window: u64,
    pub changes_received: u64,
    /// Ticket changes received as deltas, and tickets fetched whole
    /// because a delta did not fit what was held.
    pub deltas: u64,
    pub fetched_whole: u64,
    /// Bytes of the pull pages received (JSON, uncompressed).
    pub pulled_bytes: u64,
    pub stale_checks: u64,
    pub stale: Vec<String>,
    pub monotone: Vec<String>,
    pub regressions: Vec<String>,
    pub errors: Vec<String>,
}

#[derive(Deserialize)]
struct Page {
    changes: Vec<PageChange>,
    cursors: BTreeMap<String, u64>,
    has_more: bool,
}

#[derive(Deserialize)]
struct PageChange {
    bucket: String,
    seq: u64,
    kind: String,
    #[serde(default)]
    ticket: Option<Box<RawValue>>,
    #[serde(default)]
    delta: Option<Box<TicketDelta>>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Deserialize)]
struct Head {
    ticket: HeadTicket,
}

#[derive(Deserialize)]
struct HeadTicket {
    id: String,
    version: u64,
}

/// How a client's requests reach the proxy.
#[derive(Clone, Copy)]
pub enum Connections {
    /// A new connection for every request (the load's clients).
    NewPerRequest,
    /// One connection kept between requests (the app).
    Kept,
}

pub struct SimClient {
    pub index: usize,
    pub client_id: String,
    pub username: String,
    pub group: usize,
    token: String,
    tickets: Arc<[String]>,
    http: Http,
    base: String,
    dice: u64,
    max_ops_per_push: u64,
    next_seq: u64,
    outbox: Vec<(PushOp, Kind)>,
    pub view: View,
    pub sent: Vec<Sent>,
    pub stats: ClientStats,
}

/// Keep at most this many messages of one kind per client.
const KEEP: usize = 5;

fn note(list: &mut Vec<String>, message: String) {
    if list.len() < KEEP {
        list.push(message);
    } else {
        // Only the count matters past the first few.
        list.push(String::new());
    }
}

impl SimClient {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        index: usize,
        client_id: String,
        username: String,
        token: String,
        group: usize,
        tickets: Arc<[String]>,
        base: String,
        max_ops_per_push: u64,
    ) -> SimClient {
        SimClient {
            index,
            client_id,
            username,
            group,
            token,
            tickets,
            http: crate::http::client(index),
            base,
            dice: 0x5ca1e ^ (index as u64).wrapping_mul(0x9e37_79b9),
            max_ops_per_push: max_ops_per_push.max(1),
            next_seq: 1,
            outbox: Vec::new(),
            view: View::default(),
            sent: Vec::new(),
            stats: ClientStats::default(),
        }
    }

    /// Another installation of the same user, with nothing pulled yet.
    pub fn fresh_twin(&self, client_id: String) -> SimClient {
        let mut twin = SimClient::new(
            self.index,
            client_id,
            self.username.clone(),
            self.token.clone(),
            self.group,
            self.tickets.clone(),
            self.base.clone(),
            self.max_ops_per_push,
        );
        twin.dice = !self.dice;
        twin
    }

    /// Ops still without a final answer.
    pub fn unanswered(&self) -> usize {
        self.outbox.len()
    }

    /// Pushes and pulls until `load_until`, then sends what is still in the
    /// outbox; gives up at `give_up`.
    pub async fn load(mut self, shared: Arc<Shared>, load_until: Instant, give_up: Instant) -> SimClient {
        if let Err(e) = self.pull_complete(&shared, load_until, give_up).await {
            self.stats.errors.push(e);
            return self;
        }
        while Instant::now() < load_until {
            self.queue_ops();
            if let Err(e) = self.push_outbox(&shared, load_until, give_up).await {
                self.stats.errors.push(e);
                return self;
            }
            if let Err(e) = self.pull_complete(&shared, load_until, give_up).await {
                self.stats.errors.push(e);
                return self;
            }
        }
        while !self.outbox.is_empty() && Instant::now() < give_up {
            if let Err(e) = self.push_outbox(&shared, load_until, give_up).await {
                self.stats.errors.push(e);
                return self;
            }
        }
        self
    }

    fn roll(&mut self) -> u64 {
        splitmix(&mut self.dice)
    }

    fn queue_ops(&mut self) {
        let count = 1 + self.roll() % self.max_ops_per_push;
        for _ in 0..count {
            let pick = (self.roll() % self.tickets.len() as u64) as usize;
            let ticket = self.tickets[pick].clone();
            let seq = self.next_seq;
            self.next_seq += 1;
            let kind = match self.roll() % 20 {
                0..=13 => Kind::Comment,
                14..=16 => Kind::Take,
                _ => Kind::Workaround,
            };
            let mark = marker(kind, &self.client_id, seq).unwrap_or_default();
            let op = match kind {
                Kind::Comment => Op::Comment {
                    visibility: Visibility::Internal,
                    text: format!("{mark} Перевірено журнал подій робочого місця, помилку відтворено."),
                    attachments: vec![],
                },
                Kind::Workaround => Op::GiveWorkaround {
                    text: format!("{mark} Тимчасово відкривайте МД через резервний вузол."),
                },
                Kind::Take => Op::Take {},
            };
            let base_version = self.view.tickets.get(&ticket).map_or(0, |t| t.version);
            let push_op = PushOp {
                seq,
                op_id: format!("{}-{seq}", self.client_id),
                ticket,
                base_version,
                device_time: chrono::Utc::now(),
                op: op.into(),
            };
            self.outbox.push((push_op, kind));
        }
    }

    /// POSTs until an answer other than a transport failure, 5xx or 429.
    async fn post_retrying(&mut self, path: &str, body: Vec<u8>, give_up: Instant) -> Result<(Vec<u8>, Duration), String> {
        loop {
            let started = Instant::now();
            let failure = match post_bytes(&self.http, &self.base, path, Some(&self.token), body.clone()).await {
                Ok((200, bytes)) => return Ok((bytes, started.elapsed())),
                Ok((status, bytes)) if status >= 500 || status == 429 => format!("HTTP {status} {}", String::from_utf8_lossy(&bytes)),
                Ok((status, bytes)) => {
                    let text: String = String::from_utf8_lossy(&bytes).chars().take(300).collect();
                    return Err(format!("{} {path}: HTTP {status} {text}", self.client_id));
                }
                Err(e) => e,
            };
            if path.ends_with("push") {
                self.stats.push_retries += 1;
            } else {
                self.stats.pull_retries += 1;
            }
            if Instant::now() > give_up {
                return Err(format!("{} {path}: gave up: {failure}", self.client_id));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    async fn push_outbox(&mut self, shared: &Shared, load_until: Instant, give_up: Instant) -> Result<(), String> {
        if self.outbox.is_empty() {
            return Ok(());
        }
        let request = PushRequest {
            client_id: self.client_id.clone(),
            schema_version: SCHEMA_VERSION,
            ops: self.outbox.iter().map(|(op, _)| op.clone()).collect(),
        };
        let body = serde_json::to_vec(&request).expect("a push as JSON");
        let (bytes, latency) = self.post_retrying("/api/v1/sync/push", body, give_up).await?;
        let now = Instant::now();
        let in_window = now < load_until;
        self.stats.pushes += 1;
        if in_window {
            self.stats.push_latency.push(latency);
        }
        let response: PushResponse = serde_json::from_slice(&bytes).map_err(|e| format!("{}: push answer: {e}", self.client_id))?;
        for result in response.results {
            let outcome = match result.outcome {
                OpOutcome::Applied { version, .. } => Final::Applied(version),
                OpOutcome::Conflict { .. } => Final::Conflict,
                OpOutcome::Rejected { code, .. } => Final::Rejected(code),
                OpOutcome::Held { .. } => Final::Held,
                // Not final: it stays in the outbox and goes again.
                OpOutcome::Failed { .. } => break,
            };
            let Some(position) = self.outbox.iter().position(|(op, _)| op.seq == result.seq) else {
                self.stats
                    .errors
                    .push(format!("{}: a result for seq {} it did not send", self.client_id, result.seq));
                continue;
            };
            let (op, kind) = self.outbox.remove(position);
            if let Final::Applied(version) = outcome {
                let mut floor = shared.floors[self.group].lock().expect("the floors");
                let highest = floor.entry(op.ticket.clone()).or_insert(0);
                *highest = (*highest).max(version);
            }
            if in_window {
                self.stats.answered_in_window += 1;
                self.stats.applied_in_window += u64::from(matches!(outcome, Final::Applied(_)));
            }
            self.sent.push(Sent {
                seq: op.seq,
                ticket: op.ticket,
                kind,
                outcome,
            });
        }
        Ok(())
    }

    /// Pulls pages until the server has nothing more; then checks the
    /// tickets of the group against the versions answered before it began.
    pub async fn pull_complete(&mut self, shared: &Shared, load_until: Instant, give_up: Instant) -> Result<(), String> {
        let floor = shared.floors[self.group].lock().expect("the floors").clone();
        loop {
            let request = PullRequest {
                client_id: self.client_id.clone(),
                schema_version: SCHEMA_VERSION,
                buckets: self.view.cursors.clone(),
                max_bytes: Some(1 << 20),
                deltas: true,
            };
            let body = serde_json::to_vec(&request).expect("a pull as JSON");
            let (bytes, latency) = self.post_retrying("/api/v1/sync/pull", body, give_up).await?;
            let page: Page = serde_json::from_slice(&bytes).map_err(|e| format!("{}: pull answer: {e}", self.client_id))?;
            self.stats.pulls += 1;
            self.stats.pulled_bytes += bytes.len() as u64;
            if Instant::now() < load_until {
                self.stats.pull_latency.push(latency);
                if page.changes.is_empty() {
                    self.stats.empty_pull_latency.push(latency);
                }
            }
            let more = page.has_more;
            self.apply(&request.buckets, page)?;
            if !more {
                break;
            }
        }
        self.fetch_unfit(give_up).await?;
        self.stats.stale_checks += 1;
        for (ticket, version) in floor {
            let held = self.view.tickets.get(&ticket).map_or(0, |t| t.version);
            if held < version {
                let message = format!(
                    "{}: after a complete pull holds {ticket} at version {held}, an op had applied version {version} before the pull",
                    self.client_id
                );
                note(&mut self.stats.stale, message);
            }
        }
        Ok(())
    }

    /// Pulls `n` times with nothing new to get: the quiet pull's latency,
    /// over a new connection per request as under load, or over one kept
    /// connection as the app's HTTP client pulls (`helpdesk_sync::http`).
    pub async fn empty_pulls(&mut self, n: usize, connections: Connections, give_up: Instant) -> Result<(), String> {
        let per_request = match connections {
            Connections::Kept => Some(std::mem::replace(&mut self.http, crate::http::kept_client(self.index))),
            Connections::NewPerRequest => None,
        };
        let pulled = self.timed_empty_pulls(n, connections, give_up).await;
        if let Some(http) = per_request {
            self.http = http;
        }
        pulled
    }

    async fn timed_empty_pulls(&mut self, n: usize, connections: Connections, give_up: Instant) -> Result<(), String> {
        for _ in 0..n {
            let request = PullRequest {
                client_id: self.client_id.clone(),
                schema_version: SCHEMA_VERSION,
                buckets: self.view.cursors.clone(),
                max_bytes: Some(1 << 20),
                deltas: true,
            };
            let body = serde_json::to_vec(&request).expect("a pull as JSON");
            let (bytes, latency) = self.post_retrying("/api/v1/sync/pull", body, give_up).await?;
            let page: Page = serde_json::from_slice(&bytes).map_err(|e| format!("{}: pull answer: {e}", self.client_id))?;
            if page.changes.is_empty() {
                match connections {
                    Connections::NewPerRequest => self.stats.quiet_empty_pull_latency.push(latency),
                    Connections::Kept => self.stats.quiet_kept_empty_pull_latency.push(latency),
                }
            }
            self.apply(&request.buckets, page)?;
        }
        self.fetch_unfit(give_up).await
    }

    /// Fetches whole the tickets whose delta did not fit what was held, as
    /// the desktop does after a pull.
    async fn fetch_unfit(&mut self, give_up: Instant) -> Result<(), String> {
        for (id, buckets) in std::mem::take(&mut self.view.unfit) {
            let body = loop {
                match crate::http::get_bytes(&self.http, &self.base, &format!("/api/v1/tickets/{id}"), &self.token).await {
                    Ok((200, bytes)) => break Some(bytes),
                    Ok((404 | 403, _)) => break None,
                    Ok((status, _)) if status < 500 && status != 429 => return Err(format!("{}: GET {id}: HTTP {status}", self.client_id)),
                    _ if Instant::now() > give_up => return Err(format!("{}: GET {id}: gave up", self.client_id)),
                    _ => tokio::time::sleep(Duration::from_millis(5)).await,
                }
            };
            let Some(bytes) = body else { continue };
            self.stats.fetched_whole += 1;
            let raw: Box<RawValue> = serde_json::from_slice(&bytes).map_err(|e| format!("{}: GET {id}: {e}", self.client_id))?;
            let head: Head = serde_json::from_str(raw.get()).map_err(|e| format!("{}: GET {id}: {e}", self.client_id))?;
            if let Err(held) = self.view.hold_whole(id.clone(), head.ticket.version, raw, buckets) {
                let message = format!(
                    "{}: {id} fetched whole at version {} below the {held} held",
                    self.client_id, head.ticket.version
                );
                note(&mut self.stats.regressions, message);
            }
        }
        Ok(())
    }

    fn apply(&mut self, sent: &BTreeMap<String, u64>, page: Page) -> Result<(), String> {
        let view = &mut self.view;
        for change in page.changes {
            self.stats.changes_received += 1;
            let sent_cursor = sent.get(&change.bucket).copied().unwrap_or(0);
            let last = view.last_in_bucket.get(&change.bucket).copied().unwrap_or(0).max(sent_cursor);
            if change.seq <= last {
                let message = format!("{}: bucket {} served seq {} after {last}", self.client_id, change.bucket, change.seq);
                note(&mut self.stats.monotone, message);
            }
            view.last_in_bucket.insert(change.bucket.clone(), change.seq.max(last));
            match change.kind.as_str() {
                "ticket" => {
                    let body = change.ticket.ok_or_else(|| format!("{}: a ticket change without a ticket", self.client_id))?;
                    let head: Head = serde_json::from_str(body.get()).map_err(|e| format!("{}: a ticket change: {e}", self.client_id))?;
                    let (id, version) = (head.ticket.id, head.ticket.version);
                    if let Err(held) = view.hold_whole(id.clone(), version, body, [change.bucket]) {
                        let message = format!("{}: {id} went back from version {held} to {version}", self.client_id);
                        note(&mut self.stats.regressions, message);
                    }
                }
                "ticket_delta" => {
                    let delta = change.delta.ok_or_else(|| format!("{}: a delta change without its delta", self.client_id))?;
                    self.stats.deltas += 1;
                    let (id, version) = (delta.ticket.id.clone(), delta.ticket.version);
                    let Some(mut held) = view.tickets.remove(&id) else {
                        view.unfit.entry(id).or_default().insert(change.bucket);
                        continue;
                    };
                    held.buckets.insert(change.bucket.clone());
                    if held.version >= version {
                        // Already as new, from another bucket of the page.
                        view.tickets.insert(id, held);
                        continue;
                    }
                    match delta.apply_to(held.body.into_view()?) {
                        Ok(built) => {
                            let held = HeldTicket {
                                version,
                                body: HeldBody::Built(Box::new(built)),
                                buckets: held.buckets,
                            };
                            view.tickets.insert(id, held);
                        }
                        Err(_) => {
                            view.unfit.entry(id).or_default().insert(change.bucket);
                        }
                    }
                }
                "remove_ticket" => {
                    let id = change.id.unwrap_or_default();
                    if let Some(held) = view.tickets.get_mut(&id) {
                        held.buckets.remove(&change.bucket);
                        if held.buckets.is_empty() {
                            view.tickets.remove(&id);
                        }
                    }
                }
                _ => {}
            }
        }
        for (bucket, cursor) in &page.cursors {
            let before = sent.get(bucket).copied().unwrap_or(0);
            let served = view.last_in_bucket.get(bucket).copied().unwrap_or(0);
            if *cursor < before || *cursor < served {
                let message = format!("{}: bucket {bucket} cursor {cursor} after {before} (served up to {served})", self.client_id);
                note(&mut self.stats.monotone, message);
            }
        }
        view.cursors = page.cursors;
        Ok(())
    }
}

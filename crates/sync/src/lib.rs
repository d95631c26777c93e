//! The sync client. One round pushes the replica's outbox in `seq` order
//! (resending the same seqs after a failure, so nothing applies twice),
//! records every result, then pulls each bucket page by page, storing each
//! page with its cursor so a cut pull resumes where it stopped, and keeps
//! the staff directory (names of groups and users) and the SLA policies
//! (the server's TOML texts, so that deadlines are counted offline with
//! what the server counts them with) in the replica's `directory` and
//! `policies` settings, refreshed after a pull that brought changes. The
//! transport is a trait: production speaks HTTPS with reqwest; tests put a
//! real server behind it, or a proxy that breaks the connection.
//!
//! It must not change what an action means or drop one: every op ends with
//! the server's result recorded in the replica.

pub mod http;
mod pull;

use chrono::{DateTime, Utc};
use helpdesk_domain::registration_defaults::RegistrationSettings;
use helpdesk_protocol::{Directory, LoginResponse, PullRequest, PushRequest, PushResponse, SyncedPolicy, SCHEMA_VERSION};
use helpdesk_replica::{Replica, ReplicaError, SettingKey};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How a transport failed; decides what the client does next.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TransportError {
    /// The server could not be reached or did not answer in time: retry later.
    #[error("{0}")]
    Offline(http::failure::Unreachable),
    /// The sign-in is no longer valid: the user must sign in again.
    #[error("{message}")]
    SignInRequired { code: String, message: String },
    /// The server refused the request: it will refuse it again.
    #[error("the server refused the request ({code}): {message}")]
    Refused { status: u16, code: String, message: String },
    /// The server failed; retry later.
    #[error("the server failed ({status}): {message}")]
    ServerError { status: u16, message: String },
}

impl TransportError {
    pub fn is_transient(&self) -> bool {
        matches!(self, TransportError::Offline(_) | TransportError::ServerError { .. })
    }
}

/// The calls a sync needs.
pub trait Transport: Send + Sync {
    fn login(&self, username: &str, password: &str) -> impl std::future::Future<Output = Result<LoginResponse, TransportError>> + Send;
    fn push(&self, request: &PushRequest) -> impl std::future::Future<Output = Result<PushResponse, TransportError>> + Send;
    /// One page, as the JSON text of a `PullResponse`: it is stored as it
    /// came, so a page is parsed once, when it becomes visible.
    fn pull(&self, request: &PullRequest) -> impl std::future::Future<Output = Result<String, TransportError>> + Send;
    /// One ticket whole (`GET /api/v1/tickets/{id}`), as the JSON text of a
    /// `TicketView`: a ticket whose pulled delta did not fit the copy held.
    fn ticket(&self, id: &str) -> impl std::future::Future<Output = Result<String, TransportError>> + Send;
    /// The staff directory (`GET /api/v1/directory`): group and user names.
    /// A transport without one refuses (404); a round goes on without it.
    fn directory(&self) -> impl std::future::Future<Output = Result<Directory, TransportError>> + Send {
        std::future::ready(Err(TransportError::Refused {
            status: 404,
            code: "not_supported".into(),
            message: "this transport does not fetch the staff directory".into(),
        }))
    }
    /// The SLA policies (`GET /api/v1/policies`): every policy the server
    /// evaluates with, as TOML text. A transport without them refuses
    /// (404); a round goes on without them.
    fn policies(&self) -> impl std::future::Future<Output = Result<Vec<SyncedPolicy>, TransportError>> + Send {
        std::future::ready(Err(TransportError::Refused {
            status: 404,
            code: "not_supported".into(),
            message: "this transport does not fetch the SLA policies".into(),
        }))
    }
    /// The deployment's registration settings (`GET
    /// /api/v1/registration/settings`): the defaults of a desk
    /// registration and the routing rules' policies. A transport without
    /// them refuses (404); a round goes on without them.
    fn registration_settings(&self) -> impl std::future::Future<Output = Result<RegistrationSettings, TransportError>> + Send {
        std::future::ready(Err(TransportError::Refused {
            status: 404,
            code: "not_supported".into(),
            message: "this transport does not fetch the registration settings".into(),
        }))
    }
}

/// How old the stored directory and policies may get before a round
/// fetches them again even if it pulled nothing.
pub const REFERENCE_MAX_AGE: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error(transparent)]
    Replica(#[from] ReplicaError),
}

impl SyncError {
    pub fn is_transient(&self) -> bool {
        matches!(self, SyncError::Transport(t) if t.is_transient())
    }
}

/// What the status bar shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Connectivity {
    Online,
    Offline,
    Syncing,
    SignInRequired,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyncStatus {
    pub connectivity: Connectivity,
    pub pending: u64,
    pub needs_attention: u64,
    pub last_sync: Option<DateTime<Utc>>,
    /// Server time minus this machine's time, from the last pull.
    pub clock_skew_seconds: Option<i64>,
    /// Why the last round failed; `None` after a round that succeeded.
    pub last_error: Option<RoundFailure>,
}

/// Why a round failed, typed for the front ends to word in the user's
/// language (`Display` is the English sentence for logs).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RoundFailure {
    #[error(transparent)]
    Transport(TransportError),
    /// The local replica failed (its English message).
    #[error("{0}")]
    Replica(String),
}

impl From<&SyncError> for RoundFailure {
    fn from(e: &SyncError) -> RoundFailure {
        match e {
            SyncError::Transport(t) => RoundFailure::Transport(t.clone()),
            SyncError::Replica(r) => RoundFailure::Replica(r.to_string()),
        }
    }
}

/// The failure of the last round, as kept in the replica.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LastSyncFailure {
    pub at: DateTime<Utc>,
    /// The English sentence (logs, older front ends).
    pub message: String,
    /// When the server could not be reached: what failed
    /// ([`http::failure::FailureKind::code`]) and where, for a front end to
    /// word it in the user's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreachable: Option<UnreachableRecord>,
}

/// [`http::failure::Unreachable`] as kept in the replica.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnreachableRecord {
    pub kind: String,
    pub host: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u64>,
}

/// The failure of the last round kept in `replica`, if it failed.
pub fn last_failure(replica: &Replica) -> Option<LastSyncFailure> {
    replica
        .setting(SettingKey::LastSyncError)
        .ok()
        .flatten()
        .and_then(|json| serde_json::from_str(&json).ok())
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct RoundReport {
    pub pushed: usize,
    pub applied: usize,
    pub not_applied: usize,
    pub pages: usize,
    pub changes: usize,
}

/// What the client reads of a page before storing it.
#[derive(serde::Deserialize)]
struct PageHead {
    has_more: bool,
    server_time: DateTime<Utc>,
    changes: Count,
    cursors: BTreeMap<String, u64>,
    /// The server sends ticket deltas to a client that asks.
    #[serde(default)]
    deltas: bool,
}

/// The length of a JSON array, without keeping its items.
struct Count(usize);

impl<'de> serde::Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(Visitor)
    }
}

/// Ops per push request.
const PUSH_CHUNK: usize = 200;
/// Soft size of a pull page: what a round asks the server for.
pub const PAGE_BYTES: u64 = 4 << 20;

pub struct SyncClient<T: Transport> {
    pub transport: T,
    replica: Arc<Mutex<Replica>>,
    status: Mutex<SyncStatus>,
    /// The storing of the last round's pulled pages, if any (see `pull`).
    storing: tokio::sync::Mutex<Option<pull::Storing>>,
    /// Held for a round: a round asked for (the app's "sync now") while
    /// another runs waits for it, so two pulls never store pages at once.
    rounds: tokio::sync::Mutex<()>,
    /// The server said it sends ticket deltas (in a page since this client
    /// started): pulls ask for them. Learned anew after a restart, so a
    /// server put back to an older version is not asked.
    server_sends_deltas: std::sync::atomic::AtomicBool,
}

fn lock(replica: &Mutex<Replica>) -> std::sync::MutexGuard<'_, Replica> {
    replica.lock().unwrap_or_else(|p| p.into_inner())
}

impl<T: Transport> SyncClient<T> {
    pub fn new(transport: T, replica: Arc<Mutex<Replica>>) -> SyncClient<T> {
        let status = SyncStatus {
            connectivity: Connectivity::Offline,
            pending: 0,
            needs_attention: 0,
            last_sync: None,
            clock_skew_seconds: None,
            last_error: None,
        };
        SyncClient {
            transport,
            replica,
            status: Mutex::new(status),
            storing: tokio::sync::Mutex::new(None),
            rounds: tokio::sync::Mutex::new(()),
            server_sends_deltas: std::sync::atomic::AtomicBool::new(false),
        }
    }

    pub fn replica(&self) -> &Arc<Mutex<Replica>> {
        &self.replica
    }

    pub fn status(&self) -> SyncStatus {
        let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let replica = lock(&self.replica);
        status.pending = replica.pending_count().unwrap_or(0);
        status.needs_attention = replica.attention_count().unwrap_or(0);
        if status.last_sync.is_none() {
            status.last_sync = replica.setting(SettingKey::LastSync).ok().flatten().and_then(|s| s.parse().ok());
        }
        status
    }

    fn set_connectivity(&self, connectivity: Connectivity, error: Option<RoundFailure>) {
        let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
        status.connectivity = connectivity;
        status.last_error = error;
    }

    /// One push and one complete pull.
    pub async fn round(&self, now: impl Fn() -> DateTime<Utc>) -> Result<RoundReport, SyncError> {
        let _one_at_a_time = self.rounds.lock().await;
        self.set_connectivity(Connectivity::Syncing, None);
        let result = self.round_inner(&now).await;
        let at = now();
        match &result {
            Ok(_) => {
                let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
                status.connectivity = Connectivity::Online;
                status.last_sync = Some(at);
                status.last_error = None;
            }
            Err(e) => {
                let connectivity = match &e {
                    SyncError::Transport(TransportError::SignInRequired { .. }) => Connectivity::SignInRequired,
                    e if e.is_transient() => Connectivity::Offline,
                    _ => Connectivity::Online,
                };
                self.set_connectivity(connectivity, Some(e.into()))
            }
        }
        self.remember_outcome(&result, at);
        result
    }

    /// Keeps when the last round succeeded, or why it failed, in the
    /// replica (for a later process, e.g. `helpdesk status`); a success
    /// forgets the last failure.
    fn remember_outcome(&self, result: &Result<RoundReport, SyncError>, at: DateTime<Utc>) {
        let mut replica = lock(&self.replica);
        let stored = match result {
            Ok(_) => replica.record_settings(&[(SettingKey::LastSync, Some(&at.to_rfc3339())), (SettingKey::LastSyncError, None)]),
            Err(e) => {
                let unreachable = match e {
                    SyncError::Transport(TransportError::Offline(u)) => Some(UnreachableRecord {
                        kind: u.kind.code().to_string(),
                        host: u.host.clone(),
                        seconds: u.kind.seconds(),
                    }),
                    _ => None,
                };
                let failure = LastSyncFailure {
                    at,
                    message: e.to_string(),
                    unreachable,
                };
                replica.record_settings(&[(SettingKey::LastSyncError, Some(&serde_json::to_string(&failure).expect("serialises")))])
            }
        };
        if let Err(e) = stored {
            tracing::warn!(error = %e, "sync: the outcome of the round is not stored");
        }
    }

    /// Why the last round failed and when, if it did.
    pub fn last_failure(&self) -> Option<LastSyncFailure> {
        last_failure(&lock(&self.replica))
    }

    async fn round_inner(&self, now: &impl Fn() -> DateTime<Utc>) -> Result<RoundReport, SyncError> {
        let mut report = RoundReport::default();
        let client_id = lock(&self.replica).client_id()?;
        // Push, in seq order, chunk by chunk.
        loop {
            let ops = lock(&self.replica).pending_ops()?;
            if ops.is_empty() {
                break;
            }
            let chunk: Vec<_> = ops.into_iter().take(PUSH_CHUNK).collect();
            let sent = chunk.len();
            let response = self
                .transport
                .push(&PushRequest {
                    client_id: client_id.clone(),
                    schema_version: SCHEMA_VERSION,
                    ops: chunk,
                })
                .await?;
            report.pushed += sent;
            report.applied += response
                .results
                .iter()
                .filter(|r| matches!(r.outcome, helpdesk_protocol::OpOutcome::Applied { .. }))
                .count();
            report.not_applied += response
                .results
                .iter()
                .filter(|r| r.outcome.is_final() && !matches!(r.outcome, helpdesk_protocol::OpOutcome::Applied { .. }))
                .count();
            let transient = response.results.iter().any(|r| !r.outcome.is_final());
            lock(&self.replica).record_results(&response.results, now())?;
            if transient || response.results.len() < sent {
                return Err(TransportError::ServerError {
                    status: 503,
                    message: "the server could not apply every action now; they will be sent again".into(),
                }
                .into());
            }
        }
        // Pull every bucket to the end.
        self.pull_all(&client_id, &mut report, now).await?;
        self.fetch_wanted_tickets().await?;
        // The directory and policies are the desk's: a Self Service user is
        // refused them, so their rounds do not ask.
        let staff = lock(&self.replica)
            .me()
            .ok()
            .flatten()
            .is_some_and(|me| me.role != helpdesk_domain::workflow::Role::SelfService);
        if !staff {
            return Ok(report);
        }
        let changed = report.changes > 0;
        let at = now();
        self.refresh_reference(changed, at, SettingKey::Directory, "staff directory", self.transport.directory())
            .await;
        self.refresh_reference(changed, at, SettingKey::Policies, "SLA policies", self.transport.policies())
            .await;
        self.refresh_reference(
            changed,
            at,
            SettingKey::RegistrationSettings,
            "registration settings",
            self.transport.registration_settings(),
        )
        .await;
        Ok(report)
    }

    /// Refreshes the reference data kept beside the replica under `key`
    /// (the staff directory, the SLA policies): after a pull that brought
    /// changes (a ticket may name a new owner, group or policy), when none
    /// is stored yet, or when the stored copy is older than
    /// [`REFERENCE_MAX_AGE`] (an edit with no ticket activity, such as next
    /// year's holidays). Both are a convenience for the round: a failure is
    /// logged and the round goes on; the stored copy (if any) stays, and
    /// without one the client shows ids and counts with its built-in presets.
    async fn refresh_reference<V: serde::Serialize>(
        &self,
        pulled_changes: bool,
        now: DateTime<Utc>,
        key: SettingKey,
        what: &str,
        fetch: impl std::future::Future<Output = Result<V, TransportError>>,
    ) {
        let fetched_key = key.fetched_at().expect("reference data records when it was fetched");
        if !pulled_changes {
            let replica = lock(&self.replica);
            let fresh = match (replica.setting(key), replica.setting(fetched_key)) {
                (Ok(Some(_)), Ok(Some(at))) => at
                    .parse::<DateTime<Utc>>()
                    .is_ok_and(|at| now - at < chrono::Duration::from_std(REFERENCE_MAX_AGE).expect("minutes")),
                (Err(e), _) | (_, Err(e)) => {
                    tracing::warn!(error = %e, "sync: cannot read the stored {what}; fetching it");
                    false
                }
                _ => false,
            };
            if fresh {
                return;
            }
        }
        let fetched = match fetch.await {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(error = %e, "sync: {what} not fetched; the stored copy stays");
                return;
            }
        };
        let stored = serde_json::to_string(&fetched).map_err(|e| e.to_string()).and_then(|json| {
            lock(&self.replica)
                .record_settings(&[(key, Some(&json)), (fetched_key, Some(&now.to_rfc3339()))])
                .map_err(|e| e.to_string())
        });
        match stored {
            Ok(()) => tracing::debug!("sync: {what} stored"),
            Err(e) => tracing::warn!(error = %e, "sync: {what} not stored"),
        }
    }
}

/// 1 s, 2 s, 4 s … up to 60 s, each with up to 50 % random jitter.
pub fn backoff(failures: u32) -> Duration {
    let base = Duration::from_secs(1u64 << failures.saturating_sub(1).min(6)).min(Duration::from_secs(60));
    let jitter = rand::random::<f64>() * 0.5;
    base.mul_f64(1.0 + jitter)
}

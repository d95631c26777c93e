//! The desktop app's command bodies, with no desktop: a [`Client`] over a
//! profile directory (the same one the `helpdesk` CLI uses) that signs in,
//! syncs, reads queues with their SLA, shows a ticket with its deadlines,
//! writes actions to the outbox (offline first), searches the knowledge
//! base, keeps the settings, computes the dashboard, and decides which
//! notifications are due — SLA thresholds and events, each at most once,
//! also across restarts (the replica's ledger), never during quiet hours.
//!
//! The Tauri shell (`src-tauri/`) is a thin adapter over this crate: it
//! gives a [`Host`] (emit events, raise a desktop notification) and a
//! [`SecretStore`] (the OS keyring); everything else is here and is tested
//! against a real server on loopback.
//!
//! Time: every method that depends on the clock reads [`Client::now`],
//! which is the system clock shifted by [`Options::now_offset`] (for
//! notification tests), or takes `now` as a parameter.

mod dashboard;
mod error;
mod headless;
pub mod kb_review;
mod keyring_store;
mod notify;
pub mod platform;
pub mod reports;
mod secrets;
mod types;

pub use error::{ClientError, Result};
pub use headless::{server_address, SavedSignIn};
pub use keyring_store::{keyring_off, secret_store, Keyring};
pub use notify::{render, render_summary};
pub use platform::{default_profile, system_language, Platform};
pub use secrets::{FileOnly, SecretStore};
pub use types::*;

use chrono::{DateTime, Duration as ChronoDuration, Utc};
use helpdesk_domain::actions::availability;
use helpdesk_domain::ops::Op;
use helpdesk_domain::policy::{CompiledPolicy, Policy};
use helpdesk_domain::sla::{evaluate, evaluate_ticket, ClockState, MetricReport, SlaReport};
use helpdesk_domain::workflow::WorkflowLimits;
use helpdesk_protocol::{Article, Directory, Me, SyncedPolicy, TicketView};
use helpdesk_replica::{Queue, QueueRow, Replica, TicketDigest};
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{SyncClient, Transport};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;

/// The desktop app's identifier; its profile directory has this name.
pub const APP_IDENTIFIER: &str = "ua.gov.customs.helpdesk";
/// The policy used when a ticket names one this client does not know.
const DEFAULT_POLICY: &str = "customs-helpdesk";
/// How often the background sync runs when nothing wakes it.
pub const SYNC_INTERVAL: Duration = Duration::from_secs(30);
/// The notifier never sleeps longer than this.
pub const MAX_NOTIFIER_SLEEP: Duration = Duration::from_secs(60);

const SETTINGS_KEY: &str = "desktop.settings";

/// What the desktop gives the client: where events and notifications go.
/// Every method has a default that does nothing.
pub trait Host: Send + Sync {
    /// The sync status changed (connectivity, pending count, last sync…).
    fn sync_status(&self, _status: &SyncStatus) {}
    /// A pull brought changes: the UI should reload what it shows.
    fn data_changed(&self) {}
    /// Notifications are due, each with its text in the user's language
    /// (one scan's worth: the host may show a few and sum up the rest with
    /// [`render_summary`]).
    fn notify(&self, _due: &[(Notification, NotificationText)]) {}
}

/// How to open a [`Client`].
pub struct Options {
    /// Where the sign-in token goes; [`FileOnly`] keeps it in the 0600
    /// session file.
    pub secrets: Box<dyn SecretStore>,
    /// Added to the system clock (tests of notifications).
    pub now_offset: ChronoDuration,
    /// The language of the settings until the user chooses one: the
    /// desktop gives the OS's ([`system_language`]); Ukrainian by default.
    pub language: Language,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            secrets: Box::new(FileOnly),
            now_offset: ChronoDuration::zero(),
            language: Language::Uk,
        }
    }
}

/// The sign-in kept between runs in `session.json` (0600). The CLI reads
/// the same file; with `keyring` the token is in the OS keyring instead.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct SavedSession {
    server: String,
    token: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    keyring: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    username: Option<String>,
}

struct Connection {
    server: String,
    sync: Arc<SyncClient<HttpTransport>>,
}

/// The analyst's workspace over one profile directory.
pub struct Client {
    dir: PathBuf,
    replica: Arc<Mutex<Replica>>,
    secrets: Box<dyn SecretStore>,
    connection: Mutex<Option<Connection>>,
    /// Wakes the background sync (after an action, a sign-in).
    wake_sync: Arc<Notify>,
    /// Wakes the notifier (after a pull, an action, new settings).
    wake_notifier: Arc<Notify>,
    now_offset: ChronoDuration,
    language: Language,
    policies: Mutex<HashMap<String, Option<Arc<CompiledPolicy>>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Client {
    /// Opens (creating) the profile: the replica, and the saved sign-in if
    /// there is one (its token from the secret store or the session file).
    pub fn open(dir: &Path, options: Options) -> Result<Client> {
        if !dir.exists() {
            std::fs::create_dir_all(dir).map_err(|e| ClientError::storage(format!("cannot create {}: {e}", dir.display())))?;
            restrict_dir(dir);
        }
        let replica = Replica::open(&dir.join("replica.db"))?;
        let client = Client {
            dir: dir.to_path_buf(),
            replica: Arc::new(Mutex::new(replica)),
            secrets: options.secrets,
            connection: Mutex::new(None),
            wake_sync: Arc::new(Notify::new()),
            wake_notifier: Arc::new(Notify::new()),
            now_offset: options.now_offset,
            language: options.language,
            policies: Mutex::new(HashMap::new()),
        };
        // An unreadable session file leaves the profile signed out: the next
        // sign-in replaces it (`saved_sign_in` tells why).
        match client.saved_session() {
            Ok(Some(saved)) => {
                if let Some(token) = client.token_of(&saved) {
                    client.connect(&saved.server, Some(token))?;
                }
            }
            Ok(None) => {}
            Err(e) => tracing::warn!("{e}"),
        }
        Ok(client)
    }

    pub fn profile_dir(&self) -> &Path {
        &self.dir
    }

    /// The system clock plus the configured offset.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.now_offset
    }

    fn replica(&self) -> MutexGuard<'_, Replica> {
        lock(&self.replica)
    }

    fn sync_client(&self) -> Option<Arc<SyncClient<HttpTransport>>> {
        lock(&self.connection).as_ref().map(|c| c.sync.clone())
    }

    // ---- the session ----

    fn session_path(&self) -> PathBuf {
        self.dir.join("session.json")
    }

    fn saved_session(&self) -> Result<Option<SavedSession>> {
        match std::fs::read_to_string(self.session_path()) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| ClientError::storage(format!("the saved sign-in is unreadable ({e}); sign in again"))),
            Err(_) => Ok(None),
        }
    }

    fn save_session(&self, session: &SavedSession) -> Result<()> {
        let text = serde_json::to_string_pretty(session).expect("a session serialises");
        write_private(&self.session_path(), &text).map_err(|e| ClientError::storage(format!("cannot save the sign-in: {e}")))
    }

    fn account(server: &str, username: Option<&str>) -> String {
        format!("{}@{}", username.unwrap_or("token"), server)
    }

    fn token_of(&self, saved: &SavedSession) -> Option<String> {
        if saved.keyring {
            match self.secrets.get(&Client::account(&saved.server, saved.username.as_deref())) {
                Ok(token) => token,
                Err(e) => {
                    tracing::warn!("cannot read the token from {}: {e}", self.secrets.name());
                    None
                }
            }
        } else {
            saved.token.clone()
        }
    }

    fn connect(&self, server: &str, token: Option<String>) -> Result<Arc<SyncClient<HttpTransport>>> {
        let transport = HttpTransport::new(server, token)?;
        let sync = Arc::new(SyncClient::new(transport, self.replica.clone()));
        *lock(&self.connection) = Some(Connection {
            server: server.to_string(),
            sync: sync.clone(),
        });
        self.wake_sync.notify_one();
        self.wake_notifier.notify_one();
        Ok(sync)
    }

    /// The server and the user; nulls when signed out.
    pub fn session(&self) -> Result<Session> {
        let server = lock(&self.connection).as_ref().map(|c| c.server.clone());
        let me = if server.is_some() { self.replica().me()? } else { None };
        Ok(Session {
            server: if me.is_some() { server } else { None },
            me,
        })
    }

    /// Signs in and runs a first sync (its failure is not an error: the
    /// status says it). Refused when the profile holds unsent actions of
    /// another user.
    pub async fn login(&self, server: &str, username: &str, password: &str) -> Result<Me> {
        let (me, first_round) = self.login_and_sync(server, username, password).await?;
        if let Err(e) = first_round {
            tracing::info!("signed in, but the first sync failed: {e}");
        }
        Ok(me)
    }

    /// [`Client::login`], also returning what the first sync did.
    pub async fn login_and_sync(&self, server: &str, username: &str, password: &str) -> Result<(Me, Result<RoundReport>)> {
        let server = server_address(server)?;
        if username.trim().is_empty() || password.is_empty() {
            return Err(ClientError::invalid("username", "the user name and the password are required"));
        }
        let transport = HttpTransport::new(server, None)?;
        let response = transport.login(username.trim(), password).await.map_err(|e| match e {
            helpdesk_sync::TransportError::SignInRequired { message, .. } => ClientError::new("bad_credentials", message),
            other => other.into(),
        })?;
        let previous_server = self.saved_session().ok().flatten().map(|s| s.server);
        {
            let mut replica = self.replica();
            if let Some(previous) = replica.me()? {
                let unsent = replica.pending_count()? + replica.attention_count()?;
                if previous.id != response.me.id && unsent > 0 {
                    return Err(ClientError::new(
                        "other_user_outbox",
                        format!(
                            "this profile holds {unsent} unsent action(s) of {}; sign in as them and sync, or use another profile",
                            previous.username
                        ),
                    ));
                }
                // Another user, or another server: their replica is not this one.
                let other_server = previous_server.as_deref().is_some_and(|s| s != server);
                if previous.id != response.me.id || other_server {
                    if other_server && unsent > 0 {
                        return Err(ClientError::new(
                            "other_user_outbox",
                            format!("this profile holds {unsent} unsent action(s) for another server; sign in there and sync, or use another profile"),
                        ));
                    }
                    replica.start_over()?;
                    lock(&self.policies).clear();
                }
            }
            replica.set_me(&response.me)?;
        }
        let account = Client::account(server, Some(&response.me.username));
        let mut saved = SavedSession {
            server: server.to_string(),
            token: None,
            keyring: false,
            username: Some(response.me.username.clone()),
        };
        match self.secrets.set(&account, &response.token) {
            Ok(()) => saved.keyring = true,
            Err(e) => {
                if self.secrets.name() != "file" {
                    tracing::info!("{} is not available ({e}); the token goes to the 0600 session file", self.secrets.name());
                }
                saved.token = Some(response.token.clone());
            }
        }
        self.save_session(&saved)?;
        let sync = self.connect(server, Some(response.token))?;
        let first_round = sync.round(|| self.now()).await.map(RoundReport::from).map_err(ClientError::from);
        lock(&self.policies).clear(); // the round may have stored new SLA policies
        self.wake_notifier.notify_one();
        Ok((response.me, first_round))
    }

    /// Signs out (and ends the sign-in on the server if it can be reached
    /// within 5 s). The replica and the outbox stay, to be sent after the
    /// next sign-in.
    pub async fn logout(&self) -> Result<()> {
        let connection = lock(&self.connection).take();
        if let Some(c) = &connection {
            let _ = tokio::time::timeout(Duration::from_secs(5), c.sync.transport.logout()).await;
        }
        if let Some(mut saved) = self.saved_session()? {
            if saved.keyring {
                let _ = self.secrets.delete(&Client::account(&saved.server, saved.username.as_deref()));
            }
            saved.token = None;
            saved.keyring = false;
            self.save_session(&saved)?;
        }
        self.wake_sync.notify_one();
        Ok(())
    }

    // ---- sync ----

    /// One push and one complete pull, now.
    pub async fn sync_round(&self) -> Result<RoundReport> {
        let sync = self.sync_client().ok_or_else(ClientError::not_signed_in)?;
        let report = sync.round(|| self.now()).await;
        lock(&self.policies).clear(); // the round may have stored new SLA policies
        let report = report?;
        if report.changes > 0 || report.pushed > 0 {
            self.wake_notifier.notify_one();
        }
        Ok(report.into())
    }

    pub fn status(&self) -> Result<SyncStatus> {
        match self.sync_client() {
            Some(sync) => Ok(sync.status().into()),
            None => {
                let replica = self.replica();
                Ok(SyncStatus {
                    connectivity: Connectivity::SignInRequired,
                    pending: replica.pending_count()?,
                    needs_attention: replica.attention_count()?,
                    last_sync: replica.setting("last_sync")?.and_then(|s| s.parse().ok()),
                    clock_skew_seconds: None,
                    last_error: None,
                })
            }
        }
    }

    /// Syncs until `stop` resolves: at once after an action or a sign-in,
    /// every [`SYNC_INTERVAL`] otherwise, and after a failure with the sync
    /// crate's backoff (1 s … 60 s with jitter), without waiting for a new
    /// write. Tells the host each change of the status and each pull that
    /// brought changes. (This is `SyncClient::run` with a report per round.)
    pub async fn run_sync(&self, host: &dyn Host, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        let mut failures: u32 = 0;
        let mut last: Option<SyncStatus> = None;
        let mut publish = |status: SyncStatus| {
            if last.as_ref() != Some(&status) {
                host.sync_status(&status);
                last = Some(status);
            }
        };
        loop {
            let wait = match self.sync_client() {
                None => {
                    if let Ok(s) = self.status() {
                        publish(s);
                    }
                    failures = 0;
                    Duration::from_secs(3600)
                }
                Some(sync) => {
                    let mut before: SyncStatus = sync.status().into();
                    before.connectivity = Connectivity::Syncing;
                    publish(before);
                    let result = sync.round(|| self.now()).await;
                    lock(&self.policies).clear(); // the round may have stored new SLA policies
                    publish(sync.status().into());
                    match result {
                        Ok(report) => {
                            failures = 0;
                            if report.changes > 0 || report.pushed > 0 {
                                host.data_changed();
                                self.wake_notifier.notify_one();
                            }
                            SYNC_INTERVAL
                        }
                        Err(e) if e.is_transient() => {
                            failures = failures.saturating_add(1);
                            helpdesk_sync::backoff(failures)
                        }
                        Err(_) => SYNC_INTERVAL,
                    }
                }
            };
            tokio::select! {
                _ = &mut stop => return,
                _ = self.wake_sync.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// Raises the notifications that are due, then sleeps until the next
    /// SLA change (at most [`MAX_NOTIFIER_SLEEP`]) or until data changes;
    /// until `stop` resolves. Works offline: it reads only the replica.
    pub async fn run_notifier(&self, host: &dyn Host, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        loop {
            let now = self.now();
            match self.due_notifications(now) {
                Ok(list) if !list.is_empty() => {
                    let language = self.settings().map(|s| s.language).unwrap_or_default();
                    let due: Vec<(Notification, NotificationText)> = list
                        .into_iter()
                        .map(|n| {
                            let text = render(&n, language);
                            (n, text)
                        })
                        .collect();
                    host.notify(&due);
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("notifications: {e}"),
            }
            let until = self.next_wakeup(now);
            let wait = (until - now).to_std().unwrap_or(Duration::ZERO).max(Duration::from_millis(500));
            tokio::select! {
                _ = &mut stop => return,
                _ = self.wake_notifier.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    // ---- SLA ----

    /// The ticket's policy compiled with the user's thresholds (cached until
    /// the next sync round or new settings): the server's text of it as last
    /// synced, else the built-in preset of that name, else [`DEFAULT_POLICY`]
    /// (the same way: synced, then built in).
    fn policy(&self, id: &str) -> Option<Arc<CompiledPolicy>> {
        // Held while compiling: a round clears the cache after it stored new
        // policies, so nothing compiled from an older text outlives it.
        let mut cache = lock(&self.policies);
        if let Some(p) = cache.get(id) {
            return p.clone();
        }
        let thresholds = self.settings().map(|s| s.thresholds).unwrap_or_default();
        let compiled = self
            .compile_policy(id)
            .or_else(|| {
                tracing::debug!(
                    policy = id,
                    fallback = DEFAULT_POLICY,
                    "SLA policy unknown on this client; counting with the fallback"
                );
                self.compile_policy(DEFAULT_POLICY)
            })
            .map(|mut c| {
                if !thresholds.is_empty() {
                    c.thresholds = thresholds;
                }
                Arc::new(c)
            });
        cache.insert(id.to_string(), compiled.clone());
        compiled
    }

    /// The policy `id` as last synced from the server, else the built-in
    /// preset of that name.
    fn compile_policy(&self, id: &str) -> Option<CompiledPolicy> {
        if let Some(text) = self.synced_policy_text(id) {
            match Policy::from_toml(&text).and_then(|p| p.compile(&[], &[])) {
                Ok(compiled) => return Some(compiled),
                Err(e) => tracing::warn!(policy = id, error = %e, "the synced SLA policy cannot be used; trying the built-in one"),
            }
        }
        Policy::preset(id).and_then(|p| p.compile(&[], &[])).ok()
    }

    /// The TOML text of the policy `id` the last sync stored, if any.
    fn synced_policy_text(&self, id: &str) -> Option<String> {
        let json = match self.replica().setting(helpdesk_sync::POLICIES_SETTING) {
            Ok(json) => json?,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the synced SLA policies");
                return None;
            }
        };
        match serde_json::from_str::<Vec<SyncedPolicy>>(&json) {
            Ok(policies) => policies.into_iter().find(|p| p.id == id).map(|p| p.toml),
            Err(e) => {
                tracing::warn!(error = %e, "the synced SLA policies are unreadable; sync again");
                None
            }
        }
    }

    fn sla(&self, view: &TicketView, now: DateTime<Utc>) -> Option<SlaReport> {
        let policy = self.policy(&view.policy)?;
        evaluate_ticket(&policy, &view.ticket, &view.events, now).ok()
    }

    /// The same from the ticket's digest (no trail to parse).
    fn sla_of(&self, digest: &TicketDigest, now: DateTime<Utc>) -> Option<SlaReport> {
        let policy = self.policy(&digest.policy)?;
        evaluate(&policy, &digest.class, &digest.clock, now).ok()
    }

    fn time_zone(&self, policy: &str) -> String {
        self.policy(policy)
            .map(|p| p.main_calendar().time_zone().name().to_string())
            .unwrap_or_else(|| "Europe/Kyiv".into())
    }

    // ---- queues and tickets ----

    /// A queue: `mine`, `group`, `unassigned`, `breaching` (the group's
    /// tickets with a running or breached deadline past the first warning
    /// threshold, most urgent first), `awaiting`, `recent`.
    pub fn queue(&self, name: &str) -> Result<Vec<QueueItem>> {
        let which = match name {
            "mine" => Queue::Mine,
            "group" | "breaching" => Queue::Group,
            "unassigned" => Queue::Unassigned,
            "awaiting" => Queue::Awaiting,
            "recent" => Queue::Recent,
            other => {
                return Err(ClientError::invalid(
                    "name",
                    format!("unknown queue `{other}`; one of mine, group, unassigned, breaching, awaiting, recent"),
                ))
            }
        };
        let now = self.now();
        let rows = self.replica().queue(which)?;
        let mut items: Vec<QueueItem> = rows.into_iter().map(|row| self.queue_item(row, now)).collect();
        if name == "breaching" {
            let first_threshold = self.first_threshold()?;
            items.retain(|i| is_breaching(i, first_threshold));
            items.sort_by_key(|i| i.next_due.unwrap_or(DateTime::<Utc>::MAX_UTC));
        }
        Ok(items)
    }

    /// How many tickets each queue holds, for the sidebar.
    pub fn queue_counts(&self) -> Result<QueueCounts> {
        let counts = self.replica().queue_counts()?;
        let now = self.now();
        let first_threshold = self.first_threshold()?;
        let rows = self.replica().queue(Queue::Group)?;
        let breaching = rows
            .into_iter()
            .map(|row| self.queue_item(row, now))
            .filter(|item| is_breaching(item, first_threshold))
            .count();
        Ok(QueueCounts {
            mine: counts.mine,
            group: counts.group,
            unassigned: counts.unassigned,
            breaching: breaching as u64,
            awaiting: counts.awaiting,
            recent: counts.recent,
        })
    }

    /// The lowest share of a target at which the user wants a warning.
    fn first_threshold(&self) -> Result<f64> {
        Ok(self.settings()?.thresholds.iter().copied().fold(f64::INFINITY, f64::min).min(1.0))
    }

    fn queue_item(&self, row: QueueRow, now: DateTime<Utc>) -> QueueItem {
        let metrics = self.sla_of(&row.digest, now).map(|r| r.metrics).unwrap_or_default();
        let next_due = metrics.iter().filter(|m| is_counting(m)).filter_map(|m| m.due).min();
        let sla = metrics
            .into_iter()
            .map(|m| SlaBrief {
                counting: is_counting(&m),
                name: m.name,
                state: m.state,
                due: m.due,
                used_share: m.used_share,
                remaining_working_seconds: m.remaining_working_seconds,
            })
            .collect();
        QueueItem {
            time_zone: self.time_zone(&row.digest.policy),
            id: row.id,
            number: row.number,
            subject: row.digest.subject,
            ticket_type: row.digest.ticket_type,
            status: row.status,
            priority: row.priority,
            group: row.group,
            owner: row.owner,
            requester: row.digest.requester,
            updated_at: row.updated_at,
            pending_ops: row.pending_ops,
            sla,
            next_due,
        }
    }

    fn detail(&self, view: TicketView) -> Result<TicketDetail> {
        let now = self.now();
        let pending_ops = self.replica().pending_ops()?.iter().filter(|op| op.ticket == view.ticket.id).count() as u32;
        let limits = self.policy(&view.policy).map(|p| p.workflow_limits()).unwrap_or_default();
        let actor = self.replica().actor();
        let actions = actor.map(|actor| availability(&view.ticket, &actor, now, limits)).unwrap_or_default();
        Ok(TicketDetail {
            sla: self.sla(&view, now),
            time_zone: self.time_zone(&view.policy),
            pending_ops,
            actions,
            view,
        })
    }

    /// A ticket as the analyst sees it (by number or id).
    pub fn ticket(&self, number: &str) -> Result<TicketDetail> {
        let view = self
            .replica()
            .ticket(number.trim())?
            .ok_or_else(|| ClientError::not_found(format!("no ticket `{number}` in this replica; sync, or check the number")))?;
        self.detail(view)
    }

    /// Checks the action against the workflow under the limits of the
    /// ticket's policy (as the server will), writes it to the outbox and
    /// wakes the sync; returns the ticket as it now looks.
    pub fn act(&self, number: &str, op: Op) -> Result<TicketDetail> {
        let number = number.trim();
        let limits = self.workflow_limits(number)?;
        let enqueued = self.replica().enqueue_with(number, op, limits, self.now())?;
        self.wake_sync.notify_one();
        self.wake_notifier.notify_one();
        self.detail(enqueued.view)
    }

    /// The workflow's figures under the ticket's policy (e.g. requests for
    /// information before a rejection for no response: 004 §3.5 one,
    /// 002 §7.5(2) two) — what the server applies for the same policy. The
    /// defaults when the ticket is not in the replica (enqueueing says so).
    fn workflow_limits(&self, number: &str) -> Result<WorkflowLimits> {
        // The replica's lock is released before `policy` takes it again.
        let policy = self.replica().ticket_policy(number)?;
        Ok(policy.and_then(|id| self.policy(&id)).map(|p| p.workflow_limits()).unwrap_or_default())
    }

    // ---- knowledge base ----

    pub fn kb_search(&self, query: &str) -> Result<Vec<SearchHit>> {
        Ok(self.replica().search_kb(query, 50)?.into_iter().map(Into::into).collect())
    }

    pub fn kb_article(&self, id: &str) -> Result<Article> {
        self.replica()
            .article(id)?
            .ok_or_else(|| ClientError::not_found(format!("no article `{id}` in this replica; sync, or check the id")))
    }

    /// Articles that match the ticket's subject: all its words first, then
    /// each significant word, best rank first (at most 10).
    pub fn kb_suggest(&self, number: &str) -> Result<Vec<SearchHit>> {
        let view = self
            .replica()
            .ticket(number.trim())?
            .ok_or_else(|| ClientError::not_found(format!("no ticket `{number}` in this replica; sync, or check the number")))?;
        let subject = view.ticket.subject;
        let replica = self.replica();
        let mut found: Vec<helpdesk_replica::SearchHit> = replica.search_kb(&subject, 10)?;
        if found.len() < 10 {
            let words: Vec<String> = helpdesk_replica::text::words(&subject).filter(|w| w.chars().count() >= 4).collect();
            for word in words {
                for hit in replica.search_kb(&word, 10)? {
                    match found.iter_mut().find(|h| h.id == hit.id) {
                        // Matching more words counts: add the ranks (bm25 is negative).
                        Some(h) => h.rank += hit.rank,
                        None => found.push(hit),
                    }
                }
            }
        }
        found.sort_by(|a, b| a.rank.total_cmp(&b.rank));
        found.truncate(10);
        Ok(found.into_iter().map(Into::into).collect())
    }

    // ---- the staff directory ----

    /// Names of the working groups and staff as of the last sync (empty
    /// before the first one): for owners, groups and the pickers.
    pub fn directory(&self) -> Result<Directory> {
        match self.replica().setting(helpdesk_sync::DIRECTORY_SETTING)? {
            Some(text) => serde_json::from_str(&text).map_err(|e| ClientError::storage(format!("the stored staff directory is unreadable ({e}); sync again"))),
            None => Ok(Directory { groups: vec![], users: vec![] }),
        }
    }

    // ---- needs attention ----

    pub fn attention_list(&self) -> Result<Vec<AttentionItem>> {
        let replica = self.replica();
        let items = replica.attention()?;
        let mut out = Vec::with_capacity(items.len());
        for a in items {
            let view = replica.ticket(&a.ticket).ok().flatten();
            out.push(AttentionItem {
                seq: a.seq,
                number: view.as_ref().map(|v| v.ticket.number.clone()),
                subject: view.as_ref().map(|v| v.ticket.subject.clone()),
                ticket_id: a.ticket,
                op: a.op,
                code: a.code,
                message: a.message,
                current: a.current,
                at: a.at,
            });
        }
        Ok(out)
    }

    /// Issues the action again against the ticket as it is now.
    pub fn attention_retry(&self, seq: u64) -> Result<()> {
        let now = self.now();
        self.replica().retry(seq, now)?;
        self.wake_sync.notify_one();
        Ok(())
    }

    pub fn attention_discard(&self, seq: u64) -> Result<()> {
        self.replica().discard(seq)?;
        Ok(())
    }

    // ---- settings ----

    /// The settings; until the user saves some, the defaults in the
    /// language given at [`Client::open`] (the OS's, for the desktop).
    pub fn settings(&self) -> Result<Settings> {
        let defaults = || Settings {
            language: self.language,
            ..Settings::default()
        };
        Ok(match self.replica().setting(SETTINGS_KEY)? {
            Some(text) => serde_json::from_str(&text).unwrap_or_else(|_| defaults()),
            None => defaults(),
        })
    }

    /// Checks and stores the settings; thresholds are sorted.
    pub fn settings_set(&self, mut settings: Settings) -> Result<()> {
        if settings.thresholds.is_empty() || settings.thresholds.len() > 6 {
            return Err(ClientError::invalid("thresholds", "give between 1 and 6 thresholds"));
        }
        if settings.thresholds.iter().any(|t| !(*t > 0.0 && *t <= 1.0)) {
            return Err(ClientError::invalid("thresholds", "each is a share of the target: above 0 and at most 1"));
        }
        settings.thresholds.sort_by(f64::total_cmp);
        settings.thresholds.dedup();
        if let Some(q) = &settings.quiet_hours {
            notify::parse_hhmm(&q.from).ok_or_else(|| ClientError::invalid("quiet_hours.from", "a time as HH:MM, e.g. 22:00"))?;
            notify::parse_hhmm(&q.to).ok_or_else(|| ClientError::invalid("quiet_hours.to", "a time as HH:MM, e.g. 07:30"))?;
        }
        self.replica()
            .set_setting(SETTINGS_KEY, &serde_json::to_string(&settings).expect("settings serialise"))?;
        lock(&self.policies).clear();
        self.wake_notifier.notify_one();
        Ok(())
    }

    // ---- dashboard ----

    /// The analyst's and their groups' last 8 ISO weeks.
    pub fn dashboard(&self) -> Result<Dashboard> {
        dashboard::compute(self, self.now())
    }

    /// Every ticket of the replica as a digest, as the analyst sees it.
    fn all_tickets(&self) -> Result<Vec<QueueRow>> {
        Ok(self.replica().queue(Queue::Recent)?)
    }

    // ---- notifications ----

    /// The notifications due at `now`, each recorded in the replica's
    /// ledger so it is returned once, also across restarts. See the
    /// `notify` module for the rules.
    pub fn due_notifications(&self, now: DateTime<Utc>) -> Result<Vec<Notification>> {
        if self.sync_client().is_none() {
            return Ok(vec![]);
        }
        notify::due(self, now)
    }

    /// When the notifier should look again: the earliest SLA change of the
    /// analyst's tickets, at most [`MAX_NOTIFIER_SLEEP`] from `now`.
    pub fn next_wakeup(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let cap = now + ChronoDuration::from_std(MAX_NOTIFIER_SLEEP).expect("60 s");
        notify::next_change(self, now).map_or(cap, |t| t.min(cap))
    }

    /// Wakes the notifier now (e.g. when quiet hours were changed elsewhere).
    pub fn wake_notifier(&self) {
        self.wake_notifier.notify_one();
    }
}

/// A clock still counting: running, or breached and not stopped.
fn is_counting(m: &MetricReport) -> bool {
    m.state == ClockState::Running || (m.state == ClockState::Breached && m.stopped_at.is_none())
}

/// In the "breaching soon" queue: a counting clock past the first warning.
fn is_breaching(item: &QueueItem, first_threshold: f64) -> bool {
    item.sla.iter().any(|m| m.counting && m.used_share.unwrap_or(0.0) >= first_threshold)
}

/// The profile directory readable by its user only: 0700 on Unix, a
/// protected DACL with the user alone (inherited by what is created in it)
/// on Windows.
fn restrict_dir(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    #[cfg(windows)]
    if let Err(e) = platform::windows::restrict_to_user(dir, true) {
        tracing::warn!("cannot restrict {} to its user: {e}", dir.display());
    }
    #[cfg(not(any(unix, windows)))]
    let _ = dir;
}

/// Writes a file only its user can read — 0600 on Unix; on Windows a
/// protected DACL that lets the user alone in — applied before the text is
/// written, also when the file existed.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    let mut file = {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
        // An existing file keeps its mode on open: make sure.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file
    };
    #[cfg(not(unix))]
    let mut file = {
        let file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(path)?;
        #[cfg(windows)]
        platform::windows::restrict_to_user(path, false)?;
        file
    };
    file.write_all(text.as_bytes())
}

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
//! One module per capability, each an `impl Client` block: `session`,
//! `sync`, `queues`, `actions`, `kb`, `directory`, `attention`,
//! `settings`, `notifications` (the rules in `notify`), `policies` (the SLA
//! policy a ticket is counted under), `dashboard`. [`ipc`] declares the
//! desktop's IPC contract and [`error_code`] the codes of its errors.
//!
//! Time: every method that depends on the clock reads [`Client::now`],
//! which is the system clock shifted by [`Options::now_offset`] (for
//! notification tests), or takes `now` as a parameter.

mod actions;
mod approvals;
mod attention;
mod dashboard;
mod directory;
mod error;
pub mod error_code;
mod headless;
pub mod ipc;
mod kb;
pub mod kb_review;
mod kb_review_notify;
mod keyring_store;
mod lead_alerts;
mod ledger;
mod notifications;
mod notify;
mod notify_involved;
mod outbox_state;
pub mod platform;
mod policies;
mod private_files;
mod queue_window;
mod queues;
pub mod register;
mod registration_resend;
mod registration_settings;
pub mod reports;
mod secrets;
mod session;
mod settings;
mod sync;
mod types;
mod unsent;

pub use error::{ClientError, Result};
pub use error_code::{ClientErrorCode, ErrorCode};
pub use headless::{server_address, SavedSignIn};
pub use keyring_store::{keyring_off, secret_store, Keyring};
pub use notify::{render, render_summary};
pub use outbox_state::{ActionState, LastSyncFailure};
pub use platform::{default_profile, system_language, Platform};
pub use secrets::{FileOnly, SecretStore};
pub use types::*;

use chrono::{DateTime, Duration as ChronoDuration, Utc};
use helpdesk_domain::policy::CompiledPolicy;
use helpdesk_replica::Replica;
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::SyncClient;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;

/// The desktop app's identifier; its profile directory has this name.
pub const APP_IDENTIFIER: &str = "ua.gov.customs.helpdesk";
/// The policy used when a ticket names one this client does not know.
const DEFAULT_POLICY: &str = "customs-helpdesk";
/// How often the background sync runs when nothing wakes it, by default
/// ([`Options::sync_interval`]).
pub const SYNC_INTERVAL: Duration = Duration::from_secs(30);
/// The notifier never sleeps longer than this.
pub const MAX_NOTIFIER_SLEEP: Duration = Duration::from_secs(60);

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
    /// How often the background sync runs when nothing wakes it
    /// ([`SYNC_INTERVAL`] by default).
    pub sync_interval: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            secrets: Box::new(FileOnly),
            now_offset: ChronoDuration::zero(),
            language: Language::Uk,
            sync_interval: SYNC_INTERVAL,
        }
    }
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
    sync_interval: Duration,
    policies: Mutex<HashMap<String, Option<Arc<CompiledPolicy>>>>,
    /// The queue last worked out for the desktop's window onto it.
    kept_queue: Mutex<Option<Arc<queue_window::KeptQueue>>>,
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
            private_files::restrict_dir(dir);
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
            sync_interval: options.sync_interval,
            policies: Mutex::new(HashMap::new()),
            kept_queue: Mutex::new(None),
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

    pub(crate) fn replica(&self) -> MutexGuard<'_, Replica> {
        lock(&self.replica)
    }

    pub(crate) fn sync_client(&self) -> Option<Arc<SyncClient<HttpTransport>>> {
        lock(&self.connection).as_ref().map(|c| c.sync.clone())
    }
}

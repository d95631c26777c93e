//! Signing in and out: the saved sign-in (`session.json`, 0600, the token
//! in the OS secret store where there is one), the connection to the
//! server, and the rule that a profile holding another user's unsent
//! actions is not taken over.

use crate::error_code::ClientErrorCode;
use crate::private_files::write_private;
use crate::{lock, server_address, Client, ClientError, Connection, Result, RoundReport, Session};
use helpdesk_protocol::Me;
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{SyncClient, Transport};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The sign-in kept between runs in `session.json` (0600). The CLI reads
/// the same file; with `keyring` the token is in the OS keyring instead.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct SavedSession {
    pub(crate) server: String,
    pub(crate) token: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) keyring: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) username: Option<String>,
}

impl Client {
    pub(crate) fn session_path(&self) -> PathBuf {
        self.dir.join("session.json")
    }

    pub(crate) fn saved_session(&self) -> Result<Option<SavedSession>> {
        match std::fs::read_to_string(self.session_path()) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| ClientError::storage(format!("the saved sign-in is unreadable ({e}); sign in again"))),
            Err(_) => Ok(None),
        }
    }

    pub(crate) fn save_session(&self, session: &SavedSession) -> Result<()> {
        let text = serde_json::to_string_pretty(session).expect("a session serialises");
        write_private(&self.session_path(), &text).map_err(|e| ClientError::storage(format!("cannot save the sign-in: {e}")))
    }

    pub(crate) fn account(server: &str, username: Option<&str>) -> String {
        format!("{}@{}", username.unwrap_or("token"), server)
    }

    pub(crate) fn token_of(&self, saved: &SavedSession) -> Option<String> {
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

    pub(crate) fn connect(&self, server: &str, token: Option<String>) -> Result<Arc<SyncClient<HttpTransport>>> {
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
            helpdesk_sync::TransportError::SignInRequired { message, .. } => ClientError::new(ClientErrorCode::BadCredentials, message),
            other => other.into(),
        })?;
        let previous_server = self.saved_session().ok().flatten().map(|s| s.server);
        {
            let mut replica = self.replica();
            if let Some(previous) = replica.me()? {
                let unsent = replica.pending_count()? + replica.attention_count()?;
                if previous.id != response.me.id && unsent > 0 {
                    return Err(ClientError::new(
                        ClientErrorCode::OtherUserOutbox,
                        format!(
                            "this profile holds {unsent} unsent action(s) of {}; sign in as them and sync, or use another profile",
                            previous.username
                        ),
                    )
                    .with("count", unsent)
                    .with("user", previous.username.clone()));
                }
                // Another user, or another server: their replica is not this one.
                let other_server = previous_server.as_deref().is_some_and(|s| s != server);
                if previous.id != response.me.id || other_server {
                    if other_server && unsent > 0 {
                        return Err(ClientError::new(
                            ClientErrorCode::OtherUserOutbox,
                            format!("this profile holds {unsent} unsent action(s) for another server; sign in there and sync, or use another profile"),
                        )
                        .with("count", unsent));
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
        let first_round = sync.round(|| self.now()).await;
        if let Ok(report) = &first_round {
            crate::sync::log_round(report);
        }
        let first_round = first_round.map(RoundReport::from).map_err(ClientError::from);
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
}

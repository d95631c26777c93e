//! What a caller without a window — the `helpdesk` CLI — reads beyond the
//! desktop's commands: the sign-in saved in the profile as it is (also when
//! signed out, or when the secret store does not give its token), the
//! profile's user whether signed in or not, and the outbox number of the
//! action just written. The saved sign-in is read by the same code as in
//! [`Client::open`], so the CLI and the desktop app see one sign-in, its
//! token in the OS keyring or in the session file.

use crate::{lock, Client, ClientError, Result};
use helpdesk_protocol::Me;

/// The sign-in saved in the profile: `session.json`, and the secret store
/// when the token is kept there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedSignIn {
    /// The server's address; it stays after a sign-out.
    pub server: String,
    pub username: Option<String>,
    /// The token is kept in the secret store (the OS keyring), not in the file.
    pub in_secret_store: bool,
    /// This client has the token (from the file or the secret store): it can sync.
    pub signed_in: bool,
    /// Why there is no token although it is kept in the secret store.
    pub token_problem: Option<String>,
}

/// A server's address as the client keeps it: trimmed, with no trailing
/// `/`, and with its scheme.
pub fn server_address(server: &str) -> Result<&str> {
    let server = server.trim().trim_end_matches('/');
    if server.starts_with("http://") || server.starts_with("https://") {
        Ok(server)
    } else {
        Err(ClientError::invalid(
            "server",
            "give the address with its scheme, e.g. https://helpdesk.example or http://127.0.0.1:8080",
        ))
    }
}

impl Client {
    /// The saved sign-in; `None` when this profile never signed in. An
    /// unreadable session file is an error that says to sign in again.
    pub fn saved_sign_in(&self) -> Result<Option<SavedSignIn>> {
        let Some(saved) = self.saved_session()? else {
            return Ok(None);
        };
        let signed_in = lock(&self.connection).is_some();
        let token_problem = (saved.keyring && !signed_in).then(|| {
            let account = Client::account(&saved.server, saved.username.as_deref());
            match self.secrets.get(&account) {
                Ok(Some(_)) => format!("{} gave the token only after the profile was opened", self.secrets.name()),
                Ok(None) => format!("no token for {account} in {}", self.secrets.name()),
                Err(e) => format!("{}: {e}", self.secrets.name()),
            }
        });
        Ok(Some(SavedSignIn {
            server: saved.server,
            username: saved.username,
            in_secret_store: saved.keyring,
            signed_in,
            token_problem,
        }))
    }

    /// The user this profile belongs to (the last one signed in), also
    /// after a sign-out.
    pub fn profile_user(&self) -> Result<Option<Me>> {
        Ok(self.replica().me()?)
    }

    /// The newest action on a ticket (by id) still waiting to be sent — the
    /// one [`Client::act`] or [`Client::attention_retry`] just wrote: its
    /// number in the outbox.
    pub fn newest_pending_seq(&self, ticket_id: &str) -> Result<Option<u64>> {
        Ok(self.replica().pending_ops()?.iter().filter(|op| op.ticket == ticket_id).map(|op| op.seq).max())
    }
}

//! The one error type of the façade: a stable machine `code` the UI branches
//! on and a message that says what to do next. Serialises as
//! `{code, message}`, which is what crosses the IPC boundary.

use helpdesk_replica::ReplicaError;
use helpdesk_sync::{SyncError, TransportError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[ts(export_to = "client/")]
#[error("{message}")]
pub struct ClientError {
    /// Stable codes: `not_signed_in`, `sign_in_required`, `offline`,
    /// `server_refused`, `server_error`, `not_found`, `invalid_input`,
    /// `other_user_outbox`, `replica`, `storage`, `workflow.<refusal code>`
    /// (e.g. `workflow.wrong_status`), `no_such_attention`.
    pub code: String,
    pub message: String,
}

impl ClientError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> ClientError {
        ClientError {
            code: code.into(),
            message: message.into(),
        }
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn not_signed_in() -> ClientError {
        ClientError::new("not_signed_in", "not signed in: sign in to a server first")
    }

    pub fn invalid(field: &str, message: impl std::fmt::Display) -> ClientError {
        ClientError::new("invalid_input", format!("{field}: {message}"))
    }

    pub fn not_found(what: impl std::fmt::Display) -> ClientError {
        ClientError::new("not_found", what.to_string())
    }

    pub fn storage(message: impl std::fmt::Display) -> ClientError {
        ClientError::new("storage", message.to_string())
    }
}

impl From<ReplicaError> for ClientError {
    fn from(e: ReplicaError) -> ClientError {
        match &e {
            ReplicaError::Refused(r) => ClientError::new(format!("workflow.{}", r.code()), r.to_string()),
            ReplicaError::NotFound(_) => ClientError::new("not_found", e.to_string()),
            ReplicaError::NotSignedIn => ClientError::not_signed_in(),
            ReplicaError::NoSuchAttention(_) => ClientError::new("no_such_attention", e.to_string()),
            ReplicaError::UnsentActions(_) => ClientError::new("other_user_outbox", e.to_string()),
            ReplicaError::Sql(_) | ReplicaError::Corrupt(_) => ClientError::new("replica", e.to_string()),
        }
    }
}

impl From<TransportError> for ClientError {
    fn from(e: TransportError) -> ClientError {
        let code = match &e {
            TransportError::Offline(_) => "offline",
            TransportError::SignInRequired { .. } => "sign_in_required",
            TransportError::Refused { .. } => "server_refused",
            TransportError::ServerError { .. } => "server_error",
        };
        let message = match &e {
            TransportError::SignInRequired { message, .. } => format!("{message}; sign in again (the outbox is kept)"),
            _ => e.to_string(),
        };
        ClientError::new(code, message)
    }
}

impl From<SyncError> for ClientError {
    fn from(e: SyncError) -> ClientError {
        match e {
            SyncError::Transport(t) => t.into(),
            SyncError::Replica(r) => r.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, ClientError>;

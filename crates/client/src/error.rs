//! The one error type of the façade: a stable machine `code` (declared in
//! [`crate::error_code`]) the UI and the CLI translate, a message in English
//! that says what to do next (for logs and scripts), and the `params` the
//! translated sentence names. Serialises as `{code, message, params}`,
//! which is what crosses the IPC boundary.

use crate::error_code::{ClientErrorCode, ErrorCode};
use helpdesk_replica::ReplicaError;
use helpdesk_sync::{SyncError, TransportError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[ts(export_to = "client/")]
#[error("{message}")]
pub struct ClientError {
    pub code: ErrorCode,
    pub message: String,
    /// What the error names (a field, a count, the refused op and the
    /// ticket's status…): values for the translated sentence.
    #[ts(type = "Record<string, unknown>")]
    pub params: serde_json::Map<String, serde_json::Value>,
}

impl ClientError {
    pub fn new(code: impl Into<ErrorCode>, message: impl Into<String>) -> ClientError {
        ClientError {
            code: code.into(),
            message: message.into(),
            params: serde_json::Map::new(),
        }
    }

    /// The same with a value for the translated sentence.
    pub fn with(mut self, name: &str, value: impl Into<serde_json::Value>) -> ClientError {
        self.params.insert(name.to_string(), value.into());
        self
    }

    /// The code as its stable string.
    pub fn code(&self) -> &'static str {
        self.code.as_str()
    }

    pub fn not_signed_in() -> ClientError {
        ClientError::new(ClientErrorCode::NotSignedIn, "not signed in: sign in to a server first")
    }

    pub fn invalid(field: &str, message: impl std::fmt::Display) -> ClientError {
        ClientError::new(ClientErrorCode::InvalidInput, format!("{field}: {message}")).with("field", field)
    }

    pub fn not_found(what: impl std::fmt::Display) -> ClientError {
        ClientError::new(ClientErrorCode::NotFound, what.to_string())
    }

    pub fn storage(message: impl std::fmt::Display) -> ClientError {
        ClientError::new(ClientErrorCode::Storage, message.to_string())
    }
}

impl From<ReplicaError> for ClientError {
    fn from(e: ReplicaError) -> ClientError {
        match &e {
            ReplicaError::Refused(r) => ClientError {
                code: ErrorCode::Refused(r.refusal_code()),
                message: r.to_string(),
                params: r.params(),
            },
            ReplicaError::NotFound(_) => ClientError::new(ClientErrorCode::NotFound, e.to_string()),
            ReplicaError::NotSignedIn => ClientError::not_signed_in(),
            ReplicaError::NoSuchAttention(seq) => ClientError::new(ClientErrorCode::NoSuchAttention, e.to_string()).with("seq", *seq),
            ReplicaError::UnsentActions(n) => ClientError::new(ClientErrorCode::OtherUserOutbox, e.to_string()).with("count", *n),
            ReplicaError::Sql(_) | ReplicaError::Corrupt(_) => ClientError::new(ClientErrorCode::Replica, e.to_string()),
        }
    }
}

impl From<TransportError> for ClientError {
    fn from(e: TransportError) -> ClientError {
        let code = match &e {
            TransportError::Offline(_) => ClientErrorCode::Offline,
            TransportError::SignInRequired { .. } => ClientErrorCode::SignInRequired,
            TransportError::Refused { .. } => ClientErrorCode::ServerRefused,
            TransportError::ServerError { .. } => ClientErrorCode::ServerError,
        };
        let message = match &e {
            TransportError::SignInRequired { message, .. } => format!("{message}; sign in again (the outbox is kept)"),
            _ => e.to_string(),
        };
        let error = ClientError::new(code, message);
        match &e {
            // What failed, for the front ends to word it (`failure` is a
            // `FailureKind::code`; `seconds` the wait that ran out).
            TransportError::Offline(u) => {
                let error = error.with("failure", u.kind.code()).with("host", u.host.as_str());
                match u.kind.seconds() {
                    Some(s) => error.with("seconds", s),
                    None => error,
                }
            }
            TransportError::Refused { code, .. } => error.with("server_code", code.as_str()),
            TransportError::ServerError { status, .. } => error.with("http_status", *status),
            _ => error,
        }
    }
}

impl From<helpdesk_sync::RoundFailure> for ClientError {
    fn from(failure: helpdesk_sync::RoundFailure) -> ClientError {
        match failure {
            helpdesk_sync::RoundFailure::Transport(t) => t.into(),
            helpdesk_sync::RoundFailure::Replica(message) => ClientError::new(ClientErrorCode::Replica, message),
        }
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

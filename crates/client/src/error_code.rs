//! The codes of the errors the client returns, declared once: its own
//! ([`ClientErrorCode`]) and the workflow's refusals, which reach the
//! desktop with the domain's own code. The UI and the CLI translate by
//! these codes (ts-rs generates the TypeScript union); a test checks that
//! each has a translation in uk, en and ru.

use helpdesk_domain::refusal_code::RefusalCode;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error of the client itself (not a refusal of the workflow).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "client/")]
pub enum ClientErrorCode {
    /// No sign-in in this profile.
    NotSignedIn,
    /// The server no longer accepts the sign-in (expired, revoked).
    SignInRequired,
    /// The user name or the password is wrong.
    BadCredentials,
    /// The server cannot be reached.
    Offline,
    /// The server refused the request (its code is in `params.server_code`).
    ServerRefused,
    /// The server failed; try later.
    ServerError,
    /// No such ticket, article… in this replica.
    NotFound,
    /// An argument is not valid (`params.field` names it).
    InvalidInput,
    /// The profile holds another user's (or server's) unsent actions.
    OtherUserOutbox,
    /// The replica's database failed.
    Replica,
    /// A file of the profile cannot be read or written.
    Storage,
    /// No such entry in "Needs attention".
    NoSuchAttention,
    /// The knowledge base's editorial cycle: the author approves their own text.
    #[serde(rename = "kb.own_approval")]
    KbOwnApproval,
    /// The article or its revision cannot make that move now.
    #[serde(rename = "kb.wrong_status")]
    KbWrongStatus,
    /// Someone else changed the article since it was loaded.
    #[serde(rename = "kb.conflict")]
    KbConflict,
    /// The next review date is not after today.
    #[serde(rename = "kb.review_not_later")]
    KbReviewNotLater,
    /// The article lacks its title or text, or a field is too long.
    #[serde(rename = "kb.invalid_article")]
    KbInvalidArticle,
}

impl ClientErrorCode {
    pub const ALL: [ClientErrorCode; 17] = [
        ClientErrorCode::NotSignedIn,
        ClientErrorCode::SignInRequired,
        ClientErrorCode::BadCredentials,
        ClientErrorCode::Offline,
        ClientErrorCode::ServerRefused,
        ClientErrorCode::ServerError,
        ClientErrorCode::NotFound,
        ClientErrorCode::InvalidInput,
        ClientErrorCode::OtherUserOutbox,
        ClientErrorCode::Replica,
        ClientErrorCode::Storage,
        ClientErrorCode::NoSuchAttention,
        ClientErrorCode::KbOwnApproval,
        ClientErrorCode::KbWrongStatus,
        ClientErrorCode::KbConflict,
        ClientErrorCode::KbReviewNotLater,
        ClientErrorCode::KbInvalidArticle,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientErrorCode::NotSignedIn => "not_signed_in",
            ClientErrorCode::SignInRequired => "sign_in_required",
            ClientErrorCode::BadCredentials => "bad_credentials",
            ClientErrorCode::Offline => "offline",
            ClientErrorCode::ServerRefused => "server_refused",
            ClientErrorCode::ServerError => "server_error",
            ClientErrorCode::NotFound => "not_found",
            ClientErrorCode::InvalidInput => "invalid_input",
            ClientErrorCode::OtherUserOutbox => "other_user_outbox",
            ClientErrorCode::Replica => "replica",
            ClientErrorCode::Storage => "storage",
            ClientErrorCode::NoSuchAttention => "no_such_attention",
            ClientErrorCode::KbOwnApproval => "kb.own_approval",
            ClientErrorCode::KbWrongStatus => "kb.wrong_status",
            ClientErrorCode::KbConflict => "kb.conflict",
            ClientErrorCode::KbReviewNotLater => "kb.review_not_later",
            ClientErrorCode::KbInvalidArticle => "kb.invalid_article",
        }
    }
}

/// The `code` of a [`crate::ClientError`]: the client's own, or the
/// workflow's refusal (the same code the server gives for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(export_to = "client/")]
pub enum ErrorCode {
    Client(ClientErrorCode),
    Refused(RefusalCode),
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Client(c) => c.as_str(),
            ErrorCode::Refused(c) => c.as_str(),
        }
    }

    /// Every code a [`crate::ClientError`] can carry.
    pub fn all() -> impl Iterator<Item = ErrorCode> {
        ClientErrorCode::ALL
            .into_iter()
            .map(ErrorCode::Client)
            .chain(RefusalCode::ALL.into_iter().map(ErrorCode::Refused))
    }
}

impl From<ClientErrorCode> for ErrorCode {
    fn from(c: ClientErrorCode) -> ErrorCode {
        ErrorCode::Client(c)
    }
}

impl From<RefusalCode> for ErrorCode {
    fn from(c: RefusalCode) -> ErrorCode {
        ErrorCode::Refused(c)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

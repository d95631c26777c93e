//! The codes of the API's errors, declared once: the server's own
//! ([`ServerErrorCode`]) and the workflow's refusals
//! ([`helpdesk_domain::refusal_code::RefusalCode`]). The server writes
//! them as the `code` of an [`crate::ApiError`]; the clients translate by
//! them (ts-rs generates the TypeScript union).

use helpdesk_domain::refusal_code::RefusalCode;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error of the server that is not a workflow refusal (and, for the
/// results of pushed ops, `held` and `conflict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ServerErrorCode {
    AssigneeNotInGroup,
    AssigneeNotStaff,
    BadBody,
    BadCredentials,
    BadHash,
    BadPath,
    BadPeriod,
    BadQuery,
    BadRequest,
    Busy,
    Conflict,
    ContentType,
    EmptyAttachment,
    Error,
    Forbidden,
    Gap,
    GroupExists,
    HeadersTooLarge,
    Held,
    Http,
    Internal,
    InvalidArticle,
    InvalidBody,
    InvalidClientId,
    InvalidComment,
    InvalidOp,
    InvalidPassword,
    InvalidPolicy,
    InvalidToken,
    InvalidUsername,
    LastAdministrator,
    MalformedJson,
    MethodNotAllowed,
    NoRoute,
    NotFound,
    NotSignedIn,
    OwnApproval,
    QueryTooLong,
    RegistrationInvalid,
    ResultUnknown,
    ReviewNotLater,
    SchemaVersion,
    SeqReused,
    TextTooLong,
    Timeout,
    TokenExpired,
    TooLarge,
    TooManyAttachments,
    TooManyAttempts,
    TooManyRequests,
    UnknownAttachment,
    UnknownGroup,
    UnknownUser,
    UnsupportedEncoding,
    UnsupportedMediaType,
    UploadQuotaExceeded,
    UriTooLong,
    UserDisabled,
    UsernameTaken,
    WeakPassword,
    InvalidDisplayName,
    InvalidGroupId,
    InvalidGroupName,
    InvalidGroups,
    InvalidPermissions,
    NotDeskUser,
    PolicyIdMismatch,
    UnknownPolicy,
    UnknownTicketType,
    SeqOrder,
    UsernameConfusable,
}

impl ServerErrorCode {
    pub const ALL: [ServerErrorCode; 71] = [
        ServerErrorCode::AssigneeNotInGroup,
        ServerErrorCode::AssigneeNotStaff,
        ServerErrorCode::BadBody,
        ServerErrorCode::BadCredentials,
        ServerErrorCode::BadHash,
        ServerErrorCode::BadPath,
        ServerErrorCode::BadPeriod,
        ServerErrorCode::BadQuery,
        ServerErrorCode::BadRequest,
        ServerErrorCode::Busy,
        ServerErrorCode::Conflict,
        ServerErrorCode::ContentType,
        ServerErrorCode::EmptyAttachment,
        ServerErrorCode::Error,
        ServerErrorCode::Forbidden,
        ServerErrorCode::Gap,
        ServerErrorCode::GroupExists,
        ServerErrorCode::HeadersTooLarge,
        ServerErrorCode::Held,
        ServerErrorCode::Http,
        ServerErrorCode::Internal,
        ServerErrorCode::InvalidArticle,
        ServerErrorCode::InvalidBody,
        ServerErrorCode::InvalidClientId,
        ServerErrorCode::InvalidComment,
        ServerErrorCode::InvalidOp,
        ServerErrorCode::InvalidPassword,
        ServerErrorCode::InvalidPolicy,
        ServerErrorCode::InvalidToken,
        ServerErrorCode::InvalidUsername,
        ServerErrorCode::LastAdministrator,
        ServerErrorCode::MalformedJson,
        ServerErrorCode::MethodNotAllowed,
        ServerErrorCode::NoRoute,
        ServerErrorCode::NotFound,
        ServerErrorCode::NotSignedIn,
        ServerErrorCode::OwnApproval,
        ServerErrorCode::QueryTooLong,
        ServerErrorCode::RegistrationInvalid,
        ServerErrorCode::ResultUnknown,
        ServerErrorCode::ReviewNotLater,
        ServerErrorCode::SchemaVersion,
        ServerErrorCode::SeqReused,
        ServerErrorCode::TextTooLong,
        ServerErrorCode::Timeout,
        ServerErrorCode::TokenExpired,
        ServerErrorCode::TooLarge,
        ServerErrorCode::TooManyAttachments,
        ServerErrorCode::TooManyAttempts,
        ServerErrorCode::TooManyRequests,
        ServerErrorCode::UnknownAttachment,
        ServerErrorCode::UnknownGroup,
        ServerErrorCode::UnknownUser,
        ServerErrorCode::UnsupportedEncoding,
        ServerErrorCode::UnsupportedMediaType,
        ServerErrorCode::UploadQuotaExceeded,
        ServerErrorCode::UriTooLong,
        ServerErrorCode::UserDisabled,
        ServerErrorCode::UsernameTaken,
        ServerErrorCode::WeakPassword,
        ServerErrorCode::InvalidDisplayName,
        ServerErrorCode::InvalidGroupId,
        ServerErrorCode::InvalidGroupName,
        ServerErrorCode::InvalidGroups,
        ServerErrorCode::InvalidPermissions,
        ServerErrorCode::NotDeskUser,
        ServerErrorCode::PolicyIdMismatch,
        ServerErrorCode::UnknownPolicy,
        ServerErrorCode::UnknownTicketType,
        ServerErrorCode::SeqOrder,
        ServerErrorCode::UsernameConfusable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServerErrorCode::BadBody => "bad_body",
            ServerErrorCode::BadCredentials => "bad_credentials",
            ServerErrorCode::BadHash => "bad_hash",
            ServerErrorCode::BadPath => "bad_path",
            ServerErrorCode::BadPeriod => "bad_period",
            ServerErrorCode::BadQuery => "bad_query",
            ServerErrorCode::BadRequest => "bad_request",
            ServerErrorCode::Busy => "busy",
            ServerErrorCode::Conflict => "conflict",
            ServerErrorCode::ContentType => "content_type",
            ServerErrorCode::EmptyAttachment => "empty_attachment",
            ServerErrorCode::Error => "error",
            ServerErrorCode::Forbidden => "forbidden",
            ServerErrorCode::Gap => "gap",
            ServerErrorCode::GroupExists => "group_exists",
            ServerErrorCode::HeadersTooLarge => "headers_too_large",
            ServerErrorCode::Held => "held",
            ServerErrorCode::Http => "http",
            ServerErrorCode::Internal => "internal",
            ServerErrorCode::InvalidArticle => "invalid_article",
            ServerErrorCode::InvalidBody => "invalid_body",
            ServerErrorCode::InvalidClientId => "invalid_client_id",
            ServerErrorCode::InvalidComment => "invalid_comment",
            ServerErrorCode::InvalidOp => "invalid_op",
            ServerErrorCode::InvalidPassword => "invalid_password",
            ServerErrorCode::InvalidPolicy => "invalid_policy",
            ServerErrorCode::InvalidToken => "invalid_token",
            ServerErrorCode::InvalidUsername => "invalid_username",
            ServerErrorCode::LastAdministrator => "last_administrator",
            ServerErrorCode::MalformedJson => "malformed_json",
            ServerErrorCode::MethodNotAllowed => "method_not_allowed",
            ServerErrorCode::NoRoute => "no_route",
            ServerErrorCode::NotFound => "not_found",
            ServerErrorCode::NotSignedIn => "not_signed_in",
            ServerErrorCode::QueryTooLong => "query_too_long",
            ServerErrorCode::RegistrationInvalid => "registration_invalid",
            ServerErrorCode::ResultUnknown => "result_unknown",
            ServerErrorCode::SchemaVersion => "schema_version",
            ServerErrorCode::SeqReused => "seq_reused",
            ServerErrorCode::TextTooLong => "text_too_long",
            ServerErrorCode::Timeout => "timeout",
            ServerErrorCode::TokenExpired => "token_expired",
            ServerErrorCode::TooLarge => "too_large",
            ServerErrorCode::TooManyAttachments => "too_many_attachments",
            ServerErrorCode::TooManyAttempts => "too_many_attempts",
            ServerErrorCode::TooManyRequests => "too_many_requests",
            ServerErrorCode::UnknownAttachment => "unknown_attachment",
            ServerErrorCode::UnknownGroup => "unknown_group",
            ServerErrorCode::UnknownUser => "unknown_user",
            ServerErrorCode::UnsupportedEncoding => "unsupported_encoding",
            ServerErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ServerErrorCode::UploadQuotaExceeded => "upload_quota_exceeded",
            ServerErrorCode::UriTooLong => "uri_too_long",
            ServerErrorCode::UserDisabled => "user_disabled",
            ServerErrorCode::UsernameTaken => "username_taken",
            ServerErrorCode::OwnApproval => "own_approval",
            ServerErrorCode::AssigneeNotStaff => "assignee_not_staff",
            ServerErrorCode::AssigneeNotInGroup => "assignee_not_in_group",
            ServerErrorCode::ReviewNotLater => "review_not_later",
            ServerErrorCode::WeakPassword => "weak_password",
            ServerErrorCode::InvalidDisplayName => "invalid_display_name",
            ServerErrorCode::InvalidGroupId => "invalid_group_id",
            ServerErrorCode::InvalidGroupName => "invalid_group_name",
            ServerErrorCode::InvalidGroups => "invalid_groups",
            ServerErrorCode::InvalidPermissions => "invalid_permissions",
            ServerErrorCode::NotDeskUser => "not_desk_user",
            ServerErrorCode::PolicyIdMismatch => "policy_id_mismatch",
            ServerErrorCode::UnknownPolicy => "unknown_policy",
            ServerErrorCode::UnknownTicketType => "unknown_ticket_type",
            ServerErrorCode::SeqOrder => "seq_order",
            ServerErrorCode::UsernameConfusable => "username_confusable",
        }
    }

    pub fn parse(code: &str) -> Option<ServerErrorCode> {
        ServerErrorCode::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// Every code an error of the API can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum ApiErrorCode {
    Refused(RefusalCode),
    Server(ServerErrorCode),
}

impl ApiErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiErrorCode::Refused(c) => c.as_str(),
            ApiErrorCode::Server(c) => c.as_str(),
        }
    }

    pub fn parse(code: &str) -> Option<ApiErrorCode> {
        RefusalCode::parse(code)
            .map(ApiErrorCode::Refused)
            .or_else(|| ServerErrorCode::parse(code).map(ApiErrorCode::Server))
    }

    /// Every code, the refusals first.
    pub fn all() -> impl Iterator<Item = ApiErrorCode> {
        RefusalCode::ALL
            .into_iter()
            .map(ApiErrorCode::Refused)
            .chain(ServerErrorCode::ALL.into_iter().map(ApiErrorCode::Server))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn each_code_is_one_string_and_reads_back() {
        let all: Vec<ApiErrorCode> = ApiErrorCode::all().collect();
        let names: HashSet<&str> = all.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), all.len(), "a server code repeats a refusal code");
        for code in all {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, code.as_str());
            assert_eq!(serde_json::from_value::<ApiErrorCode>(json).unwrap(), code);
        }
    }
}

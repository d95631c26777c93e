//! Errors of the service, each with an HTTP status and a `{code, message}`
//! body: a client's mistake is always a 4xx that says what to do; only the
//! server's own failures are 500.

use crate::store::StoreError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use helpdesk_domain::workflow::Refusal;
use helpdesk_protocol::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    Unauthorized { code: &'static str, message: String },
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("{message}")]
    Unprocessable { code: &'static str, message: String, fields: Vec<String> },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("the request body is larger than the server accepts; send less at once")]
    PayloadTooLarge,
    #[error("the attachment is larger than {limit} bytes; compress it or split it")]
    AttachmentTooLarge { limit: usize },
    #[error("too many failed sign-ins; try again in {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    /// The server is busy (e.g. too many sign-ins being checked at once):
    /// 503 with `Retry-After`.
    #[error("the server is busy; try again in {retry_after} s")]
    Unavailable { retry_after: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
    /// A refusal of the HTTP layer (method, URI, headers, encoding…) rather
    /// than of a handler.
    #[error("{message}")]
    Http { status: StatusCode, code: &'static str, message: String },
}

/// The `code` of an error response, left in the response's extensions for
/// the request log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCode(pub String);

impl AppError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::BadRequest { code, message: message.into() }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Refused(r) => refusal_status(r),
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::PayloadTooLarge | AppError::AttachmentTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Http { status, .. } => *status,
        }
    }

    pub fn code(&self) -> String {
        match self {
            AppError::Unauthorized { code, .. }
            | AppError::BadRequest { code, .. }
            | AppError::Unprocessable { code, .. }
            | AppError::Conflict { code, .. }
            | AppError::Http { code, .. } => (*code).to_string(),
            AppError::Forbidden(_) => "forbidden".into(),
            AppError::NotFound(_) => "not_found".into(),
            AppError::Refused(r) => r.code().to_string(),
            AppError::TooManyRequests { .. } => "too_many_attempts".into(),
            AppError::Unavailable { .. } => "busy".into(),
            AppError::PayloadTooLarge | AppError::AttachmentTooLarge { .. } => "too_large".into(),
            AppError::Store(_) | AppError::Internal(_) => "internal".into(),
        }
    }

    pub fn api_error(&self) -> ApiError {
        let message = match self {
            AppError::Store(e) => format!("the server could not complete the request ({e}); try again, and tell the administrator if it persists"),
            other => other.to_string(),
        };
        let code = self.code();
        debug_assert!(
            helpdesk_protocol::error_code::ApiErrorCode::parse(&code).is_some(),
            "`{code}` is not declared in helpdesk_protocol::error_code"
        );
        let params = match self {
            AppError::Refused(refusal) => refusal.params(),
            _ => serde_json::Map::new(),
        };
        let fields = match self {
            AppError::Unprocessable { fields, .. } => fields.clone(),
            AppError::Refused(refusal) => refusal.params().get("field").and_then(|f| f.as_str()).map(String::from).into_iter().collect(),
            _ => Vec::new(),
        };
        ApiError { code, message, params, fields }
    }
}

/// Who may not, 403; what may not happen now, 409; what is missing, 422.
fn refusal_status(r: &Refusal) -> StatusCode {
    match r.code() {
        "forbidden_role" | "not_requester" | "not_owner" | "not_in_group" | "not_group_lead" | "forbidden_line" => StatusCode::FORBIDDEN,
        "wrong_status" | "same_value" | "not_applicable" | "too_few_info_requests" => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if matches!(self, AppError::Store(_) | AppError::Internal(_)) {
            tracing::error!(error = %self, "request failed");
        }
        let status = self.status();
        let error = self.api_error();
        let code = ErrorCode(error.code.clone());
        let mut response = (status, Json(error)).into_response();
        response.extensions_mut().insert(code);
        if let AppError::TooManyRequests { retry_after } | AppError::Unavailable { retry_after } = self {
            if let Ok(v) = retry_after.to_string().parse() {
                response.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;

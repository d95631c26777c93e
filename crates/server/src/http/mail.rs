//! The mail outbox for administrators: what waits, what was sent, what
//! failed and why; failed messages queued again.

use super::{blocking, State};
use crate::app::auth::Caller;
use crate::error::{AppError, AppResult};
use crate::store::outbox::OutboxMail;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State as AppState};
use axum::routing::{get, post};
use axum::Router;
use helpdesk_protocol::ApiError;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<State> {
    Router::new()
        .route("/admin/mail-outbox", get(list))
        .route("/admin/mail-outbox/retry", post(retry))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only messages with this status: `queued` (waiting or retrying), `sent`, `failed`.
    status: Option<String>,
    /// At most this many messages, oldest first (default 100, at most 1000).
    limit: Option<u32>,
}

/// The e-mail to requesters in the outbox, oldest first, with each one's attempts and last error.
#[utoipa::path(get, path = "/api/v1/admin/mail-outbox", tag = "admin", params(OutboxQuery),
    responses((status = 200, body = Vec<OutboxMail>), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
pub async fn list(AppState(app): AppState<State>, caller: Caller, query: Result<Query<OutboxQuery>, QueryRejection>) -> AppResult<axum::Json<Vec<OutboxMail>>> {
    let Query(q) = query.map_err(|e| AppError::bad_request("bad_query", e.body_text()))?;
    blocking(&app, move |app| app.mail_outbox(&caller, q.status.as_deref(), q.limit.unwrap_or(100)))
        .await
        .map(axum::Json)
}

/// Which failed messages to queue again.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RetryRequest {
    /// One message's id; leave it out for every failed message.
    pub id: Option<String>,
}

/// How many messages were queued again.
#[derive(Debug, Serialize, ToSchema)]
pub struct RetryResponse {
    pub queued: u64,
}

/// Queue failed messages again (once their address or the SMTP account is fixed).
#[utoipa::path(post, path = "/api/v1/admin/mail-outbox/retry", tag = "admin", request_body = RetryRequest,
    responses((status = 200, body = RetryResponse), (status = 400, body = ApiError), (status = 403, body = ApiError)))]
pub async fn retry(AppState(app): AppState<State>, caller: Caller, super::Json(body): super::Json<RetryRequest>) -> AppResult<axum::Json<RetryResponse>> {
    blocking(&app, move |app| app.retry_mail(&caller, body.id.as_deref()))
        .await
        .map(|queued| axum::Json(RetryResponse { queued }))
}

//! The sync API: `POST /sync/push` (ops, in seq order, each with a stored
//! result) and `POST /sync/pull` (changes by bucket, paged). The bodies are
//! `helpdesk_protocol`'s `PushRequest`/`PushResponse` and
//! `PullRequest`/`PullResponse`; see `app::sync` for the rules.

use super::{blocking, BearerToken, Json, State};
use crate::app::auth::Caller;
use crate::app::sync::IncomingOp;
use crate::error::{AppError, AppResult};
use axum::extract::State as AppState;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use chrono::{DateTime, Utc};
use helpdesk_protocol::{PullRequest, PushResponse, SCHEMA_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

pub fn routes() -> Router<State> {
    Router::new().route("/sync/push", post(push)).route("/sync/pull", post(pull))
}

/// A push as it arrives: each op's own JSON is read later, so that an op
/// this server cannot read is answered with a rejection, not a 422 that
/// would block the client's queue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPush {
    client_id: String,
    #[allow(dead_code)]
    schema_version: u32,
    ops: Vec<RawOp>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOp {
    seq: u64,
    op_id: String,
    ticket: String,
    base_version: u64,
    device_time: DateTime<Utc>,
    op: Value,
}

/// Reads a sync body, checking its `schema_version` before its shape: a
/// client of another version is told to update, whatever else it sends.
fn sync_body<T: DeserializeOwned>(body: Value) -> AppResult<T> {
    match body.get("schema_version").and_then(Value::as_u64) {
        Some(v) if v == SCHEMA_VERSION as u64 => {}
        Some(v) => {
            return Err(AppError::Conflict {
                code: "schema_version",
                message: format!(
                    "this client speaks sync schema version {v}, the server speaks {SCHEMA_VERSION}; update the app, then sync again (nothing was applied)"
                ),
            })
        }
        None => {
            return Err(AppError::Unprocessable {
                code: "invalid_body",
                message: format!("`schema_version` is missing; this server speaks sync schema version {SCHEMA_VERSION}"),
                fields: vec!["schema_version".into()],
            })
        }
    }
    serde_json::from_value(body).map_err(|e| AppError::Unprocessable {
        code: "invalid_body",
        message: e.to_string(),
        fields: vec![],
    })
}

#[utoipa::path(post, path = "/api/v1/sync/push", tag = "sync", request_body = helpdesk_protocol::PushRequest,
    responses((status = 200, body = PushResponse, description = "One final result per op, in seq order"),
        (status = 400, body = helpdesk_protocol::ApiError), (status = 403, body = helpdesk_protocol::ApiError),
        (status = 409, body = helpdesk_protocol::ApiError, description = "gap, seq_reused or schema_version")))]
pub async fn push(AppState(app): AppState<State>, caller: Caller, Json(body): Json<Value>) -> AppResult<axum::Json<PushResponse>> {
    let raw: RawPush = sync_body(body)?;
    let ops = raw
        .ops
        .into_iter()
        .map(|o| IncomingOp {
            seq: o.seq,
            op_id: o.op_id,
            ticket: o.ticket,
            base_version: o.base_version,
            device_time: Some(o.device_time),
            op: helpdesk_protocol::registration::PushAction::from_json(o.op).map_err(|e| e.to_string()),
        })
        .collect();
    let client_id = raw.client_id;
    blocking(&app, move |app| app.push(&caller, &client_id, SCHEMA_VERSION, ops))
        .await
        .map(axum::Json)
}

#[utoipa::path(post, path = "/api/v1/sync/pull", tag = "sync", request_body = PullRequest,
    responses((status = 200, body = helpdesk_protocol::PullResponse, description = "One page of changes of the caller's buckets"),
        (status = 403, body = helpdesk_protocol::ApiError), (status = 409, body = helpdesk_protocol::ApiError, description = "schema_version")))]
pub async fn pull(AppState(app): AppState<State>, bearer: BearerToken, Json(body): Json<Value>) -> AppResult<Response> {
    let request: PullRequest = sync_body(body)?;
    let token = bearer.token.clone();
    let (caller, json) = blocking(&app, move |app| app.pull_json_by_token(&token, &request)).await?;
    bearer.signed_in(&caller);
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

//! The SLA policies, as the server evaluates them, for clients that count
//! deadlines offline.

use super::{blocking, State};
use crate::app::auth::Caller;
use crate::error::AppResult;
use axum::extract::State as AppState;
use axum::routing::get;
use axum::Router;
use helpdesk_protocol::{ApiError, SyncedPolicy};

pub fn routes() -> Router<State> {
    Router::new().route("/policies", get(policies))
}

/// Every stored SLA policy (id, TOML text, last change), by id: what the server counts deadlines with, for the service desk's clients; Self Service users get 403.
#[utoipa::path(get, path = "/api/v1/policies", tag = "policies",
    responses((status = 200, body = Vec<SyncedPolicy>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn policies(AppState(app): AppState<State>, caller: Caller) -> AppResult<axum::Json<Vec<SyncedPolicy>>> {
    blocking(&app, move |app| app.synced_policies(&caller)).await.map(axum::Json)
}

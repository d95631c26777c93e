//! The staff directory: working groups and staff accounts with their names.

use super::{blocking, State};
use crate::app::auth::Caller;
use crate::error::AppResult;
use axum::extract::State as AppState;
use axum::routing::get;
use axum::Router;
use helpdesk_protocol::{ApiError, Directory};

pub fn routes() -> Router<State> {
    Router::new().route("/directory", get(directory))
}

/// Every working group and every staff account (analysts and administrators; disabled ones with `active: false`), for the service desk; Self Service users get 403.
#[utoipa::path(get, path = "/api/v1/directory", tag = "directory",
    responses((status = 200, body = Directory), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn directory(AppState(app): AppState<State>, caller: Caller) -> AppResult<axum::Json<Directory>> {
    blocking(&app, move |app| app.directory(&caller)).await.map(axum::Json)
}

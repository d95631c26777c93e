//! Sign-in, sign-out and who am I.

use super::{blocking, Json, State};
use crate::app::auth::Caller;
use crate::error::AppResult;
use axum::extract::State as AppState;
use axum::http::StatusCode;
use helpdesk_protocol::{LoginRequest, LoginResponse, Me};

#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", security(()), request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = helpdesk_protocol::ApiError), (status = 429, body = helpdesk_protocol::ApiError)))]
pub async fn login(AppState(app): AppState<State>, Json(body): Json<LoginRequest>) -> AppResult<axum::Json<LoginResponse>> {
    blocking(&app, move |app| app.login(&body.username, &body.password)).await.map(axum::Json)
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204), (status = 401, body = helpdesk_protocol::ApiError)))]
pub async fn logout(AppState(app): AppState<State>, caller: Caller) -> AppResult<StatusCode> {
    blocking(&app, move |app| app.logout(&caller)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me), (status = 401, body = helpdesk_protocol::ApiError)))]
pub async fn me(caller: Caller) -> axum::Json<Me> {
    axum::Json(caller.me)
}

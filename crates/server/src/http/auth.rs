//! Sign-in, sign-out and who am I.

use super::{blocking, Json, State};
use crate::app::auth::Caller;
use crate::error::AppResult;
use axum::extract::State as AppState;
use axum::http::StatusCode;
use helpdesk_protocol::{LoginRequest, LoginResponse, Me};

pub async fn login(AppState(app): AppState<State>, Json(body): Json<LoginRequest>) -> AppResult<axum::Json<LoginResponse>> {
    blocking(&app, move |app| app.login(&body.username, &body.password)).await.map(axum::Json)
}

pub async fn logout(AppState(app): AppState<State>, caller: Caller) -> AppResult<StatusCode> {
    blocking(&app, move |app| app.logout(&caller)).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn me(caller: Caller) -> axum::Json<Me> {
    axum::Json(caller.me)
}

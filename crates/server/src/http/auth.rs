//! Sign-in, sign-out and who am I.

use super::forwarded::TrustedProxies;
use super::{blocking, Json, State};
use crate::app::auth::Caller;
use crate::error::AppResult;
use axum::extract::{ConnectInfo, FromRequestParts, State as AppState};
use axum::http::request::Parts;
use axum::http::StatusCode;
use helpdesk_protocol::{LoginRequest, LoginResponse, Me};
use std::net::SocketAddr;

/// The address of the client that sent the request, as text: the peer's,
/// or behind proxies the server trusts the one they forwarded
/// ([`super::forwarded`]); empty when the server was started without
/// connection info.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(peer) = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()) else {
            return Ok(ClientAddress(String::new()));
        };
        let address = match parts.extensions.get::<TrustedProxies>() {
            Some(trusted) => {
                let forwarded = parts.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
                trusted.client_of(peer, forwarded)
            }
            None => peer,
        };
        Ok(ClientAddress(address.to_string()))
    }
}

/// Sign in. Failures are throttled per user name, per client address and
/// per both (429 with `Retry-After`); when the server is busy hashing
/// other sign-ins it answers 503 with `Retry-After`.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", security(()), request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = helpdesk_protocol::ApiError), (status = 422, body = helpdesk_protocol::ApiError),
        (status = 429, body = helpdesk_protocol::ApiError), (status = 503, body = helpdesk_protocol::ApiError)))]
pub async fn login(
    AppState(app): AppState<State>,
    ClientAddress(address): ClientAddress,
    Json(body): Json<LoginRequest>,
) -> AppResult<axum::Json<LoginResponse>> {
    blocking(&app, move |app| app.login(&body.username, &body.password, &address))
        .await
        .map(axum::Json)
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

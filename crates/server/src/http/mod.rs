//! The HTTP API under `/api/v1/`: JSON in and out, errors as
//! `{code, message}`, gzip or zstd both ways. Handlers translate requests to
//! `App` calls and run them off the async threads.

pub mod admin;
pub mod attachments;
pub mod auth;
pub mod directory;
pub mod kb;
pub mod openapi;
pub mod policies;
pub mod reports;
pub mod sync;
pub mod tickets;

use crate::app::auth::Caller;
use crate::app::App;
use crate::error::{AppError, AppResult};
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// Requests larger than this are refused with 413 before they are read.
pub const MAX_BODY_BYTES: usize = 16 << 20;

pub type State = Arc<App>;

pub fn router(app: State) -> Router {
    let api = Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me))
        .route("/tickets", post(tickets::register).get(tickets::list))
        .route("/tickets/{id}", get(tickets::show))
        .route("/tickets/{id}/ops", post(tickets::act))
        .merge(attachments::routes())
        .merge(directory::routes())
        .merge(policies::routes())
        .merge(sync::routes())
        .merge(kb::routes())
        .merge(reports::routes())
        .merge(admin::routes())
        .merge(openapi::routes());
    Router::new()
        .nest("/api/v1", api)
        .fallback(|| async { AppError::NotFound("no such endpoint; the API is under /api/v1/ (see /api/v1/openapi.json)".into()) })
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::decompression::RequestDecompressionLayer::new())
        // Fast levels: pages are large and the network is the slow part;
        // tiny answers are not worth compressing.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Fastest)
                .compress_when(tower_http::compression::predicate::SizeAbove::new(1024)),
        )
        .with_state(app)
}

/// Runs blocking store work on the blocking pool.
pub async fn blocking<T: Send + 'static>(app: &State, f: impl FnOnce(&App) -> AppResult<T> + Send + 'static) -> AppResult<T> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || f(&app))
        .await
        .map_err(|e| AppError::Internal(format!("task failed: {e}")))?
}

impl FromRequestParts<State> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &State) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(axum::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
        let token = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| AppError::Unauthorized {
                code: "not_signed_in",
                message: "sign in first: POST /api/v1/auth/login, then send `Authorization: Bearer <token>`".into(),
            })?;
        let token = token.to_string();
        blocking(app, move |app| app.authenticate(&token)).await
    }
}

/// A JSON body whose every rejection is a `{code, message}` 4xx.
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::JsonDataError(e) => AppError::Unprocessable {
                    code: "invalid_body",
                    message: e.body_text(),
                    fields: vec![],
                },
                JsonRejection::JsonSyntaxError(e) => AppError::bad_request("malformed_json", e.body_text()),
                JsonRejection::MissingJsonContentType(_) => {
                    AppError::bad_request("content_type", "send the body as JSON with `Content-Type: application/json`")
                }
                JsonRejection::BytesRejection(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                other => AppError::bad_request("bad_body", other.body_text()),
            }),
        }
    }
}

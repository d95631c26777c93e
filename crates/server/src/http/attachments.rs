//! Attachments: upload the bytes, get back their SHA-256; read by hash.

use super::{blocking, State};
use crate::app::auth::Caller;
use crate::error::AppResult;
use axum::body::Bytes;
use axum::extract::{Path, State as AppState};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use helpdesk_protocol::AttachmentRef;

pub fn routes() -> Router<State> {
    Router::new().route("/attachments", post(upload)).route("/attachments/{sha256}", get(download))
}

#[utoipa::path(post, path = "/api/v1/attachments", tag = "attachments", request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentRef), (status = 413, body = helpdesk_protocol::ApiError), (status = 422, body = helpdesk_protocol::ApiError)))]
pub async fn upload(AppState(app): AppState<State>, caller: Caller, headers: HeaderMap, body: Bytes) -> AppResult<(StatusCode, axum::Json<AttachmentRef>)> {
    let media_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let stored = blocking(&app, move |app| app.upload_attachment(&caller, &media_type, &body)).await?;
    Ok((StatusCode::CREATED, axum::Json(stored)))
}

#[utoipa::path(get, path = "/api/v1/attachments/{sha256}", tag = "attachments", params(("sha256" = String, Path)),
    responses((status = 200, description = "The attachment's bytes"), (status = 404, body = helpdesk_protocol::ApiError)))]
pub async fn download(AppState(app): AppState<State>, caller: Caller, Path(sha256): Path<String>) -> AppResult<impl IntoResponse> {
    let (media_type, content) = blocking(&app, move |app| app.attachment(&caller, &sha256)).await?;
    Ok(([(header::CONTENT_TYPE, media_type)], content))
}

//! The Self Service portal: its web pages at `/` (embedded in the binary
//! at build time from `ui/dist-portal`) and its form's API.

use super::{blocking, State};
use crate::app::auth::Caller;
use crate::error::{AppError, AppResult, ErrorCode};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State as AppState};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use helpdesk_domain::actions::Availability;
use helpdesk_domain::ticket::RequesterKind;
use helpdesk_domain::TicketType;
use helpdesk_protocol::portal::PortalForm;
use helpdesk_protocol::ApiError;
use serde::Deserialize;
use utoipa::IntoParams;

mod files {
    include!(concat!(env!("OUT_DIR"), "/portal_files.rs"));
}

pub fn routes() -> Router<State> {
    Router::new()
        .route("/portal/form", get(form))
        .route("/tickets/{id}/actions", get(ticket_actions))
        .route("/tickets/{id}/reclassification-due", get(reclassification_due))
}

/// When the requester's answer to the ticket's proposed reclassification is due (002 §7.3.4): `{"due": null}` when none awaits an answer.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/reclassification-due", tag = "tickets", params(("id" = String, Path, description = "Ticket id or number")),
    responses((status = 200, body = Object), (status = 404, body = ApiError)))]
pub async fn reclassification_due(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<serde_json::Value>> {
    let due = blocking(&app, move |app| app.reclassification_answer_due(&caller, &id)).await?;
    Ok(axum::Json(serde_json::json!({ "due": due })))
}

/// Which ops the caller may make on the ticket now, and a refusal code for each of the others: what the portal and the desk offer.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/actions", tag = "tickets", params(("id" = String, Path, description = "Ticket id or number")),
    responses((status = 200, body = Vec<Object>), (status = 404, body = ApiError)))]
pub async fn ticket_actions(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<Vec<Availability>>> {
    blocking(&app, move |app| app.ticket_actions(&caller, &id)).await.map(axum::Json)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FormQuery {
    /// The ticket type being filed (`incident`, `service_request`, `consultation`, `change_request`).
    r#type: String,
    /// The service it is about (the routing may give it another policy).
    service: Option<String>,
    /// Who the requester is (`legal_entity`, `entrepreneur`, `official`, `employee`, `citizen`).
    kind: Option<String>,
}

fn parse<T: std::str::FromStr<Err = helpdesk_domain::UnknownName>>(field: &str, text: &str) -> AppResult<T> {
    text.trim()
        .parse()
        .map_err(|e: helpdesk_domain::UnknownName| AppError::bad_request("bad_query", format!("{field}: {e}")))
}

/// The portal's registration form for the signed-in requester: the types they may file, the services, and the fields registration requires for this type and kind of requester (Self Service only; 403 for the desk).
#[utoipa::path(get, path = "/api/v1/portal/form", tag = "portal", params(FormQuery),
    responses((status = 200, body = PortalForm), (status = 403, body = ApiError)))]
pub async fn form(AppState(app): AppState<State>, caller: Caller, query: Result<Query<FormQuery>, QueryRejection>) -> AppResult<axum::Json<PortalForm>> {
    let Query(q) = query.map_err(|e| AppError::bad_request("bad_query", e.body_text()))?;
    let ticket_type: TicketType = parse("type", &q.r#type)?;
    let kind: Option<RequesterKind> = q.kind.as_deref().filter(|k| !k.trim().is_empty()).map(|k| parse("kind", k)).transpose()?;
    blocking(&app, move |app| app.portal_form(&caller, ticket_type, q.service.as_deref().unwrap_or(""), kind))
        .await
        .map(axum::Json)
}

/// A page or an asset of the portal; any other path outside the API is
/// the portal's own route, answered with its page. Outside `/api/` only.
pub async fn page(method: Method, uri: Uri) -> Response {
    let path = match uri.path().trim_start_matches('/') {
        "" => "index.html",
        path => path,
    };
    if path.starts_with("api/") || path == "api" {
        return AppError::NotFound("no such endpoint; the API is under /api/v1/ (see /api/v1/openapi.json)".into()).into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return AppError::NotFound("the portal's pages are read with GET".into()).into_response();
    }
    let Some(index) = file("index.html") else {
        let mut response = (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "The Self Service portal is not built into this server: run `npm run build` in ui/, then build the server again.",
        )
            .into_response();
        // Said already, to a person at the portal's address: the API's
        // JSON errors leave it as it is.
        response.extensions_mut().insert(ErrorCode("portal_not_built".into()));
        return response;
    };
    let (name, body) = match file(path) {
        Some(body) => (path, body),
        None if !path.contains('.') => ("index.html", index),
        None => return AppError::NotFound(format!("the portal has no file `/{path}`")).into_response(),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
    // Built assets carry a hash in their name: cache them for good; the page itself is checked every time.
    let cache = if name.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

fn file(path: &str) -> Option<&'static [u8]> {
    files::FILES.iter().find(|(name, _)| *name == path).map(|(_, body)| *body)
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

//! Tickets: register, list with filters and search, read, act.

use super::{blocking, Json, State};
use crate::app::auth::Caller;
use crate::error::{AppError, AppResult};
use crate::store::tickets::ListFilter;
use axum::extract::{Path, Query, State as AppState};
use axum::http::StatusCode;
use helpdesk_domain::ticket::NewTicket;
use helpdesk_domain::{Line, Status, TicketType};
use helpdesk_protocol::{OpRequest, TicketList, TicketView};
use serde::Deserialize;

#[utoipa::path(post, path = "/api/v1/tickets", tag = "tickets",
    description = "Registers a ticket (SPEC §2). The desk registers on behalf of a requester and sets every field. \
A Self Service user files for themselves: the desk's fields of their form are ignored, not refused — `group` and `line` \
come from the routing rules (no rule: the contact centre's L1 group), `priority` from impact × urgency, `complexity` is \
none, `channel` is `portal` (so the contact data are required), `received_at` is now, and `requester.user_id` is theirs. \
Attachments must be ones the caller uploaded or may already read (else 422 `unknown_attachment`); texts have length \
limits (422 `text_too_long`, naming the fields).",
    request_body(content = Object, description = "A new ticket (helpdesk_domain::ticket::NewTicket)"),
    responses((status = 201, body = TicketView), (status = 401, body = helpdesk_protocol::ApiError), (status = 422, body = helpdesk_protocol::ApiError)))]
pub async fn register(AppState(app): AppState<State>, caller: Caller, Json(new): Json<NewTicket>) -> AppResult<(StatusCode, axum::Json<TicketView>)> {
    let view = blocking(&app, move |app| app.register_ticket(&caller, new)).await?;
    Ok((StatusCode::CREATED, axum::Json(view)))
}

/// The list's query parameters, each as text: an empty value (or only
/// spaces) means "no filter" for every parameter alike.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Comma-separated statuses.
    status: Option<String>,
    group: Option<String>,
    owner: Option<String>,
    unassigned: Option<String>,
    #[serde(rename = "type")]
    ticket_type: Option<String>,
    line: Option<String>,
    q: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

fn bad_query(field: &str, message: impl std::fmt::Display) -> AppError {
    AppError::bad_request("bad_query", format!("{field}: {message}"))
}

fn parse<T: std::str::FromStr<Err = helpdesk_domain::UnknownName>>(field: &str, text: &str) -> AppResult<T> {
    text.trim().parse().map_err(|e: helpdesk_domain::UnknownName| bad_query(field, e))
}

/// The parameter's value, trimmed; `None` when absent or empty.
fn given(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn number(field: &str, value: Option<String>) -> AppResult<Option<usize>> {
    given(value)
        .map(|v| v.parse().map_err(|_| bad_query(field, format!("`{v}` is not a whole number ≥ 0"))))
        .transpose()
}

impl ListQuery {
    fn into_filter(self) -> AppResult<ListFilter> {
        let status = match given(self.status) {
            Some(list) => list
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| parse::<Status>("status", s))
                .collect::<AppResult<_>>()?,
            None => vec![],
        };
        let unassigned = match given(self.unassigned).as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => return Err(bad_query("unassigned", format!("`{other}` is neither true nor false"))),
        };
        Ok(ListFilter {
            status,
            group: given(self.group),
            owner: given(self.owner),
            unassigned,
            ticket_type: given(self.ticket_type).map(|t| parse::<TicketType>("type", &t)).transpose()?,
            line: given(self.line).map(|l| parse::<Line>("line", &l)).transpose()?,
            search: given(self.q),
            limit: number("limit", self.limit)?.unwrap_or(100),
            offset: number("offset", self.offset)?.unwrap_or(0),
        })
    }
}

#[utoipa::path(get, path = "/api/v1/tickets", tag = "tickets",
    description = "The tickets the caller may see, newest change first. An empty parameter (`group=`) means no filter, for every parameter.",
    params(
        ("status" = Option<String>, Query, description = "Comma-separated statuses"),
        ("group" = Option<String>, Query, description = "Working group id"),
        ("owner" = Option<String>, Query, description = "Owner's user id"),
        ("unassigned" = Option<bool>, Query, description = "Only tickets without an owner"),
        ("type" = Option<String>, Query, description = "Ticket type"),
        ("line" = Option<String>, Query, description = "Support line, L1–L4"),
        ("q" = Option<String>, Query, description = "Full-text search: at most 200 characters; the first 10 words of 2 letters or more count, each a prefix, all required"),
        ("limit" = Option<usize>, Query, description = "Page size (default 100, at most 1000)"),
        ("offset" = Option<usize>, Query, description = "Page start"),
    ),
    responses((status = 200, body = TicketList), (status = 400, body = helpdesk_protocol::ApiError), (status = 401, body = helpdesk_protocol::ApiError), (status = 422, body = helpdesk_protocol::ApiError)))]
pub async fn list(
    AppState(app): AppState<State>,
    caller: Caller,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> AppResult<axum::Json<TicketList>> {
    let Query(query) = query.map_err(|e| AppError::bad_request("bad_query", e.body_text()))?;
    let filter = query.into_filter()?;
    blocking(&app, move |app| app.list_tickets(&caller, &filter)).await.map(axum::Json)
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}", tag = "tickets",
    params(("id" = String, Path, description = "Ticket id or number")),
    responses((status = 200, body = TicketView), (status = 404, body = helpdesk_protocol::ApiError)))]
pub async fn show(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<TicketView>> {
    blocking(&app, move |app| app.ticket(&caller, &id)).await.map(axum::Json)
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/ops", tag = "tickets", request_body = OpRequest,
    params(("id" = String, Path, description = "Ticket id or number")),
    responses((status = 200, body = TicketView), (status = 403, body = helpdesk_protocol::ApiError), (status = 404, body = helpdesk_protocol::ApiError), (status = 409, body = helpdesk_protocol::ApiError), (status = 422, body = helpdesk_protocol::ApiError)))]
pub async fn act(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>, Json(body): Json<OpRequest>) -> AppResult<axum::Json<TicketView>> {
    match blocking(&app, move |app| app.act(&caller, &id, &body.op, body.base_version)).await? {
        Ok(view) => Ok(axum::Json(view)),
        Err((reason, _)) => Err(AppError::Conflict {
            code: "conflict",
            message: reason,
        }),
    }
}

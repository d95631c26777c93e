//! The OpenAPI document of the API, generated from the handlers' and the
//! wire types' annotations, served at `GET /api/v1/openapi.json`.

use super::{admin, attachments, auth, directory, kb, kb_editorial, mail, policies, portal, registration_settings, reports, sync, tickets, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::sync::OnceLock;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, Header, Ref, RefOr, Response};
use utoipa::{Modify, OpenApi};

pub fn routes() -> Router<State> {
    Router::new().route("/openapi.json", get(document))
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The token of POST /api/v1/auth/login"))
                    .build(),
            ),
        );
    }
}

/// Documents, for every operation, the errors the HTTP layer answers
/// whatever the handler: 401 where a token is needed, 400/413/415 where a
/// body is read and 422 where it is JSON, 400 where a path or query is
/// parsed, 503 on sign-in; a `default` for what any request may meet (414,
/// 431, 500); an `ApiError` body and a description for every error.
struct ErrorResponses;

const API_ERROR: &str = "ApiError";

fn error_response(description: &str) -> Response {
    let mut response = Response::new(description);
    response
        .content
        .insert("application/json".into(), Content::new(Some(Ref::from_schema_name(API_ERROR))));
    response
}

fn retry_after() -> Header {
    let mut header = Header::new(utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::Integer));
    header.description = Some("Seconds to wait before trying again".into());
    header
}

/// The description of an error status when the handler gave none.
fn error_description(status: &str) -> &'static str {
    match status {
        "400" => "The request is malformed (`malformed_json`, `content_type`, `bad_body`, `bad_path`, `bad_query`, …)",
        "401" => "Not signed in, or the sign-in expired or was revoked (`not_signed_in`, `invalid_token`, …): sign in again",
        "403" => "The caller's role or permissions do not allow this (`forbidden`, `forbidden_role`, …)",
        "404" => "Nothing with this id that the caller may see (`not_found`)",
        "409" => "Conflicts with the current state (`conflict`, `wrong_status`, …)",
        "413" => "The body is larger than the server accepts (`too_large`)",
        "415" => "The body's `Content-Encoding` is neither gzip nor zstd (`unsupported_encoding`)",
        "422" => "The body is not of this shape, or a value breaks a rule (`invalid_body`, …); the message names the fields",
        "429" => "Too many attempts (`too_many_attempts`): wait `Retry-After` seconds",
        "503" => "The server is busy (`busy`): try again after `Retry-After` seconds",
        _ => "An error (`{code, message}`)",
    }
}

fn secured(op: &Operation) -> bool {
    match &op.security {
        None => true,
        Some(requirements) => !requirements.iter().all(|r| *r == SecurityRequirement::default()),
    }
}

fn document_errors(path: &str, op: &mut Operation) {
    let params = op.parameters.as_deref().unwrap_or_default();
    let in_path = params.iter().any(|p| matches!(p.parameter_in, ParameterIn::Path));
    let in_query = params.iter().any(|p| matches!(p.parameter_in, ParameterIn::Query));
    let body_types: Vec<String> = op.request_body.as_ref().map(|b| b.content.keys().cloned().collect()).unwrap_or_default();
    let mut add: Vec<&str> = Vec::new();
    if secured(op) {
        add.push("401");
    }
    if !body_types.is_empty() {
        add.extend(["400", "413", "415"]);
    }
    if body_types.iter().any(|t| t == "application/json") {
        add.push("422");
    }
    if in_path || in_query {
        add.push("400");
    }
    if path == "/api/v1/auth/login" {
        add.extend(["429", "503"]);
    }
    let responses = &mut op.responses.responses;
    for status in add {
        responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::T(error_response(error_description(status))));
    }
    responses.entry("default".into()).or_insert_with(|| {
        RefOr::T(error_response(
            "Any other error, e.g. 414 (`uri_too_long`), 431 (`headers_too_large`), 500 (`internal`); always `{code, message}`",
        ))
    });
    for (status, response) in responses.iter_mut() {
        let RefOr::T(response) = response else { continue };
        let error = status == "default" || status.starts_with('4') || status.starts_with('5');
        if error {
            response
                .content
                .entry("application/json".into())
                .or_insert_with(|| Content::new(Some(Ref::from_schema_name(API_ERROR))));
            if response.description.is_empty() {
                response.description = error_description(status).into();
            }
            if status == "429" || status == "503" {
                response.headers.entry("Retry-After".into()).or_insert_with(retry_after);
            }
        } else if response.description.is_empty() {
            let reason = status
                .parse::<u16>()
                .ok()
                .and_then(|s| axum::http::StatusCode::from_u16(s).ok())
                .and_then(|s| s.canonical_reason());
            response.description = reason.unwrap_or("Success").into();
        }
    }
}

impl Modify for ErrorResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            for op in [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete]
                .into_iter()
                .flatten()
            {
                document_errors(path, op);
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "HELP DESK API",
        description = "The central HELP DESK service of the State Customs Service of Ukraine: tickets, sync, knowledge base, reports, administration. \
                       Every error is `{code, message}` (`ApiError`), whatever the status; `Retry-After` comes with 429 and 503.",
    ),
    paths(
        auth::login,
        auth::logout,
        auth::me,
        directory::directory,
        policies::policies,
        registration_settings::registration_settings,
        portal::form,
        portal::ticket_actions,
        portal::reclassification_due,
        tickets::register,
        tickets::list,
        tickets::show,
        tickets::act,
        attachments::upload,
        attachments::download,
        sync::push,
        sync::pull,
        kb::list,
        kb::create,
        kb::show,
        kb::update,
        kb::transition,
        kb::comments,
        kb::add_comment,
        kb::usage,
        kb_editorial::review_due,
        kb_editorial::revision,
        kb_editorial::revise,
        kb_editorial::revision_transition,
        kb_editorial::reviewed,
        reports::kpi,
        reports::kpi_series,
        reports::kpi_csv,
        admin::list_users,
        admin::create_user,
        admin::show_user,
        admin::update_user,
        admin::disable_user,
        admin::enable_user,
        admin::reset_password,
        admin::unlock_user,
        admin::list_groups,
        admin::create_group,
        admin::add_member,
        admin::remove_member,
        admin::list_routing_rules,
        admin::create_routing_rule,
        admin::delete_routing_rule,
        admin::list_policies,
        admin::show_policy,
        admin::put_policy,
        admin::audit,
        mail::list,
        mail::retry,
        document,
    ),
    components(schemas(
        helpdesk_protocol::ApiError,
        crate::store::outbox::OutboxMail,
        crate::store::outbox::MailStatus,
        crate::mail::Language,
        mail::RetryRequest,
        mail::RetryResponse,
        helpdesk_protocol::LoginRequest,
        helpdesk_protocol::LoginResponse,
        helpdesk_protocol::GroupInfo,
        helpdesk_protocol::Me,
        helpdesk_protocol::Directory,
        helpdesk_protocol::DirectoryGroup,
        helpdesk_protocol::DirectoryUser,
        helpdesk_protocol::SyncedPolicy,
        helpdesk_protocol::portal::PortalForm,
        helpdesk_protocol::TicketView,
        helpdesk_protocol::TicketSummary,
        helpdesk_protocol::TicketList,
        helpdesk_protocol::OpRequest,
        helpdesk_protocol::AttachmentRef,
        helpdesk_protocol::PushRequest,
        helpdesk_protocol::PushOp,
        helpdesk_protocol::PushResponse,
        helpdesk_protocol::PushResult,
        helpdesk_protocol::OpOutcome,
        helpdesk_protocol::PullRequest,
        helpdesk_protocol::PullResponse,
        helpdesk_protocol::Change,
        helpdesk_protocol::ChangeBody,
        helpdesk_protocol::TicketDelta,
        helpdesk_protocol::schema::ArticleStatus,
        helpdesk_protocol::ArticleRevision,
        helpdesk_protocol::ReviewedInput,
        helpdesk_protocol::ReviewDue,
        helpdesk_protocol::RevisionOutcome,
        helpdesk_protocol::KpiSeries,
        helpdesk_protocol::Article,
        helpdesk_protocol::ArticleInput,
        helpdesk_protocol::ArticleTransition,
        helpdesk_protocol::KpiRow,
        helpdesk_protocol::KpiReport,
        crate::app::kb::ArticleHit,
        crate::app::kb::ArticleList,
        crate::app::kb::KbComment,
        crate::app::kb::KbCommentInput,
        crate::app::kb::ArticleUsage,
        helpdesk_protocol::admin::AdminUser,
        helpdesk_protocol::admin::NewUserRequest,
        helpdesk_protocol::admin::UpdateUserRequest,
        helpdesk_protocol::admin::PasswordRequest,
        helpdesk_protocol::admin::GroupView,
        helpdesk_protocol::admin::NewGroupRequest,
        helpdesk_protocol::admin::MemberRequest,
        helpdesk_protocol::admin::RoutingRule,
        helpdesk_protocol::admin::NewRoutingRule,
        helpdesk_protocol::admin::PolicyInfo,
        helpdesk_protocol::admin::AuditEntry,
    )),
    modifiers(&BearerAuth, &ErrorResponses),
    security(("bearer" = [])),
    tags(
        (name = "auth", description = "Sign-in and who am I"),
        (name = "directory", description = "Who is who at the service desk: working groups and staff accounts"),
        (name = "policies", description = "SLA policies as the server evaluates them, for clients that count deadlines offline"),
        (name = "portal", description = "The Self Service portal's registration form"),
        (name = "tickets", description = "Tickets and their workflow (SPEC §2)"),
        (name = "sync", description = "Offline sync: push of ops, pull of changes"),
        (name = "kb", description = "Knowledge base (SPEC §4)"),
        (name = "reports", description = "KPIs (000 §13.6)"),
        (name = "admin", description = "Administration (administrators only)"),
        (name = "meta", description = "This document"),
    ),
)]
pub struct ApiDoc;

/// The document, built once.
pub fn spec() -> &'static utoipa::openapi::OpenApi {
    static SPEC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    SPEC.get_or_init(ApiDoc::openapi)
}

/// The methods the document lists for a route template, e.g. `GET, POST`.
pub fn allowed_methods(route: &str) -> Option<String> {
    let item = spec().paths.paths.get(route)?;
    let methods = [
        ("GET", &item.get),
        ("POST", &item.post),
        ("PUT", &item.put),
        ("PATCH", &item.patch),
        ("DELETE", &item.delete),
    ];
    let listed: Vec<&str> = methods.iter().filter(|(_, op)| op.is_some()).map(|(m, _)| *m).collect();
    (!listed.is_empty()).then(|| listed.join(", "))
}

/// This OpenAPI document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn document() -> impl IntoResponse {
    static JSON: OnceLock<String> = OnceLock::new();
    let json = JSON.get_or_init(|| spec().to_json().unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")));
    ([(header::CONTENT_TYPE, "application/json")], json.as_str())
}

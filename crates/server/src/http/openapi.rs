//! The OpenAPI document of the API, generated from the handlers' and the
//! wire types' annotations, served at `GET /api/v1/openapi.json`.

use super::{admin, attachments, auth, directory, kb, policies, reports, sync, tickets, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::sync::OnceLock;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
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

#[derive(OpenApi)]
#[openapi(
    info(
        title = "HELP DESK API",
        description = "The central HELP DESK service of the State Customs Service of Ukraine: tickets, sync, knowledge base, reports, administration. \
                       Every error is `{code, message}`.",
    ),
    paths(
        auth::login,
        auth::logout,
        auth::me,
        directory::directory,
        policies::policies,
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
        reports::kpi,
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
        document,
    ),
    components(schemas(
        helpdesk_protocol::ApiError,
        helpdesk_protocol::LoginRequest,
        helpdesk_protocol::LoginResponse,
        helpdesk_protocol::GroupInfo,
        helpdesk_protocol::Me,
        helpdesk_protocol::Directory,
        helpdesk_protocol::DirectoryGroup,
        helpdesk_protocol::DirectoryUser,
        helpdesk_protocol::SyncedPolicy,
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
        helpdesk_protocol::ArticleStatus,
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
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags(
        (name = "auth", description = "Sign-in and who am I"),
        (name = "directory", description = "Who is who at the service desk: working groups and staff accounts"),
        (name = "policies", description = "SLA policies as the server evaluates them, for clients that count deadlines offline"),
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

/// This OpenAPI document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn document() -> impl IntoResponse {
    static JSON: OnceLock<String> = OnceLock::new();
    let json = JSON.get_or_init(|| spec().to_json().unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")));
    ([(header::CONTENT_TYPE, "application/json")], json.as_str())
}

//! Administration (administrators only): users, groups, routing rules,
//! SLA policies and the audit log.

use super::{blocking, Json, State};
use crate::app::admin::{
    AdminUser, AuditEntry, AuditQuery as AppAuditQuery, GroupView, MemberRequest, NewGroupRequest, NewRoutingRule, NewUserRequest, PasswordRequest, PolicyInfo,
    RoutingRule, UpdateUserRequest,
};
use crate::app::auth::Caller;
use crate::error::{AppError, AppResult};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State as AppState};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::Router;
use helpdesk_protocol::ApiError;
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> Router<State> {
    Router::new()
        .route("/admin/users", get(list_users).post(create_user))
        .route("/admin/users/{id}", get(show_user).put(update_user))
        .route("/admin/users/{id}/disable", post(disable_user))
        .route("/admin/users/{id}/enable", post(enable_user))
        .route("/admin/users/{id}/password", post(reset_password))
        .route("/admin/users/{id}/unlock", post(unlock_user))
        .route("/admin/groups", get(list_groups).post(create_group))
        .route("/admin/groups/{id}/members", post(add_member))
        .route("/admin/groups/{id}/members/{user}", delete(remove_member))
        .route("/admin/routing-rules", get(list_routing_rules).post(create_routing_rule))
        .route("/admin/routing-rules/{id}", delete(delete_routing_rule))
        .route("/admin/policies", get(list_policies))
        .route("/admin/policies/{id}", get(show_policy).put(put_policy))
        .route("/admin/audit", get(audit))
}

// ---- users ----

/// Every user account.
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin",
    responses((status = 200, body = Vec<AdminUser>), (status = 403, body = ApiError)))]
pub async fn list_users(AppState(app): AppState<State>, caller: Caller) -> AppResult<axum::Json<Vec<AdminUser>>> {
    blocking(&app, move |app| app.admin_users(&caller)).await.map(axum::Json)
}

/// Create a user with a role, permissions, password and working groups.
#[utoipa::path(post, path = "/api/v1/admin/users", tag = "admin", request_body = NewUserRequest,
    responses((status = 201, body = AdminUser), (status = 403, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_user(AppState(app): AppState<State>, caller: Caller, Json(body): Json<NewUserRequest>) -> AppResult<(StatusCode, axum::Json<AdminUser>)> {
    let user = blocking(&app, move |app| app.admin_create_user(&caller, body)).await?;
    Ok((StatusCode::CREATED, axum::Json(user)))
}

/// One user, by id or user name.
#[utoipa::path(get, path = "/api/v1/admin/users/{id}", tag = "admin", params(("id" = String, Path, description = "User id or user name")),
    responses((status = 200, body = AdminUser), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn show_user(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<AdminUser>> {
    blocking(&app, move |app| app.admin_user(&caller, &id)).await.map(axum::Json)
}

/// Change a user's display name, role or permissions.
#[utoipa::path(put, path = "/api/v1/admin/users/{id}", tag = "admin", request_body = UpdateUserRequest,
    params(("id" = String, Path, description = "User id or user name")),
    responses((status = 200, body = AdminUser), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update_user(
    AppState(app): AppState<State>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<UpdateUserRequest>,
) -> AppResult<axum::Json<AdminUser>> {
    blocking(&app, move |app| app.admin_update_user(&caller, &id, body)).await.map(axum::Json)
}

/// Disable an account; its sign-ins end at once.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/disable", tag = "admin", params(("id" = String, Path, description = "User id or user name")),
    responses((status = 200, body = AdminUser), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn disable_user(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<AdminUser>> {
    blocking(&app, move |app| app.admin_set_disabled(&caller, &id, true)).await.map(axum::Json)
}

/// Enable a disabled account.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/enable", tag = "admin", params(("id" = String, Path, description = "User id or user name")),
    responses((status = 200, body = AdminUser), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn enable_user(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<AdminUser>> {
    blocking(&app, move |app| app.admin_set_disabled(&caller, &id, false)).await.map(axum::Json)
}

/// Reset a user's password; their sign-ins end at once.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/password", tag = "admin", request_body = PasswordRequest,
    params(("id" = String, Path, description = "User id or user name")),
    responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn reset_password(
    AppState(app): AppState<State>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<PasswordRequest>,
) -> AppResult<StatusCode> {
    blocking(&app, move |app| app.admin_reset_password(&caller, &id, &body.password)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Clear a user's failed sign-ins: a throttled account can sign in again at once.
#[utoipa::path(post, path = "/api/v1/admin/users/{id}/unlock", tag = "admin",
    params(("id" = String, Path, description = "User id or user name")),
    responses((status = 200, body = AdminUser), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn unlock_user(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<AdminUser>> {
    blocking(&app, move |app| app.admin_unlock(&caller, &id)).await.map(axum::Json)
}

// ---- groups ----

/// Working groups with their members.
#[utoipa::path(get, path = "/api/v1/admin/groups", tag = "admin",
    responses((status = 200, body = Vec<GroupView>), (status = 403, body = ApiError)))]
pub async fn list_groups(AppState(app): AppState<State>, caller: Caller) -> AppResult<axum::Json<Vec<GroupView>>> {
    blocking(&app, move |app| app.admin_groups(&caller)).await.map(axum::Json)
}

/// Create a working group on a support line.
#[utoipa::path(post, path = "/api/v1/admin/groups", tag = "admin", request_body = NewGroupRequest,
    responses((status = 201, body = GroupView), (status = 403, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_group(AppState(app): AppState<State>, caller: Caller, Json(body): Json<NewGroupRequest>) -> AppResult<(StatusCode, axum::Json<GroupView>)> {
    let group = blocking(&app, move |app| app.admin_create_group(&caller, body)).await?;
    Ok((StatusCode::CREATED, axum::Json(group)))
}

/// Add a member to a working group.
#[utoipa::path(post, path = "/api/v1/admin/groups/{id}/members", tag = "admin", request_body = MemberRequest,
    params(("id" = String, Path, description = "Group id")),
    responses((status = 200, body = GroupView), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn add_member(
    AppState(app): AppState<State>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<MemberRequest>,
) -> AppResult<axum::Json<GroupView>> {
    blocking(&app, move |app| app.admin_add_member(&caller, &id, &body.user)).await.map(axum::Json)
}

/// Remove a member from a working group.
#[utoipa::path(delete, path = "/api/v1/admin/groups/{id}/members/{user}", tag = "admin",
    params(("id" = String, Path, description = "Group id"), ("user" = String, Path, description = "User id or user name")),
    responses((status = 200, body = GroupView), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn remove_member(AppState(app): AppState<State>, caller: Caller, Path((id, user)): Path<(String, String)>) -> AppResult<axum::Json<GroupView>> {
    blocking(&app, move |app| app.admin_remove_member(&caller, &id, &user)).await.map(axum::Json)
}

// ---- routing rules ----

/// Routing rules in the order they are tried.
#[utoipa::path(get, path = "/api/v1/admin/routing-rules", tag = "admin",
    responses((status = 200, body = Vec<RoutingRule>), (status = 403, body = ApiError)))]
pub async fn list_routing_rules(AppState(app): AppState<State>, caller: Caller) -> AppResult<axum::Json<Vec<RoutingRule>>> {
    blocking(&app, move |app| app.admin_routing_rules(&caller)).await.map(axum::Json)
}

/// Add a routing rule: service and/or ticket type → group and SLA policy.
#[utoipa::path(post, path = "/api/v1/admin/routing-rules", tag = "admin", request_body = NewRoutingRule,
    responses((status = 201, body = RoutingRule), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_routing_rule(
    AppState(app): AppState<State>,
    caller: Caller,
    Json(body): Json<NewRoutingRule>,
) -> AppResult<(StatusCode, axum::Json<RoutingRule>)> {
    let rule = blocking(&app, move |app| app.admin_create_routing_rule(&caller, body)).await?;
    Ok((StatusCode::CREATED, axum::Json(rule)))
}

/// Delete a routing rule.
#[utoipa::path(delete, path = "/api/v1/admin/routing-rules/{id}", tag = "admin", params(("id" = i64, Path, description = "Rule id")),
    responses((status = 204), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn delete_routing_rule(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<StatusCode> {
    let id: i64 = id
        .trim()
        .parse()
        .map_err(|_| AppError::bad_request("bad_path", format!("a routing rule id is a number, not `{id}`")))?;
    blocking(&app, move |app| app.admin_delete_routing_rule(&caller, id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- policies ----

/// The SLA policies.
#[utoipa::path(get, path = "/api/v1/admin/policies", tag = "admin",
    responses((status = 200, body = Vec<PolicyInfo>), (status = 403, body = ApiError)))]
pub async fn list_policies(AppState(app): AppState<State>, caller: Caller) -> AppResult<axum::Json<Vec<PolicyInfo>>> {
    blocking(&app, move |app| app.admin_policies(&caller)).await.map(axum::Json)
}

/// A policy's TOML text.
#[utoipa::path(get, path = "/api/v1/admin/policies/{id}", tag = "admin", params(("id" = String, Path, description = "Policy id")),
    responses((status = 200, body = String, content_type = "application/toml"), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn show_policy(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<impl IntoResponse> {
    let text = blocking(&app, move |app| app.admin_policy_toml(&caller, &id)).await?;
    Ok(([(header::CONTENT_TYPE, "application/toml; charset=utf-8")], text))
}

/// Import or replace a policy from its TOML text (its `id` must be the path's).
#[utoipa::path(put, path = "/api/v1/admin/policies/{id}", tag = "admin", params(("id" = String, Path, description = "Policy id")),
    request_body(content = String, content_type = "application/toml", description = "The policy as TOML"),
    responses((status = 200, body = PolicyInfo), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
pub async fn put_policy(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>, body: Bytes) -> AppResult<axum::Json<PolicyInfo>> {
    let text = String::from_utf8(body.to_vec()).map_err(|_| AppError::bad_request("bad_body", "send the policy as UTF-8 TOML text"))?;
    blocking(&app, move |app| app.admin_put_policy(&caller, &id, &text)).await.map(axum::Json)
}

// ---- audit ----

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// At most this many entries, newest first (default 100, at most 1000).
    limit: Option<usize>,
    /// Entries older than this entry id (paging back).
    before: Option<i64>,
    /// Only this user's actions (user id).
    actor: Option<String>,
    /// Only this action, e.g. `user.create`, `kb.transition`.
    action: Option<String>,
    /// Only entries about this object id.
    object: Option<String>,
}

/// The audit log of access and changes (SPEC §5), newest first.
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "admin", params(AuditQuery),
    responses((status = 200, body = Vec<AuditEntry>), (status = 400, body = ApiError), (status = 403, body = ApiError)))]
pub async fn audit(AppState(app): AppState<State>, caller: Caller, query: Result<Query<AuditQuery>, QueryRejection>) -> AppResult<axum::Json<Vec<AuditEntry>>> {
    let Query(q) = query.map_err(|e| AppError::bad_request("bad_query", e.body_text()))?;
    let query = AppAuditQuery {
        limit: q.limit.unwrap_or(100),
        before: q.before,
        actor: q.actor,
        action: q.action,
        object: q.object,
    };
    blocking(&app, move |app| app.admin_audit(&caller, &query)).await.map(axum::Json)
}

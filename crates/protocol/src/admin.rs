//! Wire types of the administration API (`/api/v1/admin/…`).

use chrono::{DateTime, Utc};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct AdminUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    #[schema(value_type = crate::schema::Role)]
    pub role: Role,
    #[schema(value_type = crate::schema::Permissions)]
    pub permissions: Permissions,
    pub disabled: bool,
    /// Ids of the user's working groups.
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    pub username: String,
    pub display_name: String,
    pub password: String,
    #[schema(value_type = crate::schema::Role)]
    pub role: Role,
    #[serde(default)]
    #[schema(value_type = crate::schema::Permissions)]
    pub permissions: Permissions,
    /// Working groups to add the user to (the desk only).
    #[serde(default)]
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::Role>)]
    pub role: Option<Role>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::Permissions>)]
    pub permissions: Option<Permissions>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordRequest {
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    #[schema(value_type = crate::schema::Line)]
    pub line: Line,
    /// Ids of the members.
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroupRequest {
    pub id: String,
    pub name: String,
    #[schema(value_type = crate::schema::Line)]
    pub line: Line,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberRequest {
    /// The user's id or user name.
    pub user: String,
}

/// A routing rule: tickets of `service` and/or `ticket_type` (absent: any)
/// go to `group_id` under `policy`; the lowest `position` that matches wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct RoutingRule {
    pub id: i64,
    pub position: i64,
    pub service: Option<String>,
    #[schema(value_type = Option<crate::schema::TicketType>)]
    pub ticket_type: Option<String>,
    pub group_id: String,
    pub policy: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRoutingRule {
    /// Default: after the last rule.
    #[serde(default)]
    pub position: Option<i64>,
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::TicketType>)]
    pub ticket_type: Option<String>,
    pub group_id: String,
    pub policy: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct PolicyInfo {
    pub id: String,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    /// The acting user's id.
    pub actor: String,
    pub action: String,
    pub object: String,
    #[schema(value_type = Object)]
    #[ts(type = "unknown")]
    pub detail: serde_json::Value,
}

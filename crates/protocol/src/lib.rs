//! Wire types of the HELP DESK HTTP API (`/api/v1/`) and of its sync
//! protocol, shared by the server and the clients so that both sides read
//! and write the same JSON. Domain types (tickets, ops, audit events, SLA
//! reports) travel in their own stable JSON forms from `helpdesk-domain`.
//!
//! Types only: no IO and no rule of the workflow (those are the domain's);
//! the one behaviour here is how a pulled ticket delta composes with the
//! view it was cut from ([`TicketDelta::apply_to`]), so that every reader
//! of the protocol merges alike. A change of a field here is a change of
//! the API.

pub mod admin;
pub mod error_code;
pub mod kb_review;
pub mod kpi;
pub mod portal;
pub mod registration;
pub mod schema;

pub use kb_review::{ArticleRevision, ArticleUsage, KbComment, ReviewDue, ReviewedInput, RevisionOutcome};
pub use kpi::{KpiPeriod, KpiSeries};

use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::Ticket;
use helpdesk_domain::workflow::{Permissions, Role, TicketEvent};
use helpdesk_domain::{Line, Priority, Status, TicketType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;
use utoipa::ToSchema;

/// Bumped when the sync payloads change incompatibly; a client with another
/// version is told to update.
pub const SCHEMA_VERSION: u32 = 1;

/// Every error of the API: a stable machine code (one of
/// [`error_code::ApiErrorCode`]), a message for people that says what to
/// do (English; clients translate by the code), and what the error names
/// (the op, the ticket's status, the field…) for a translated sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct ApiError {
    /// Kept a string on the wire so that a client reads a code a newer
    /// server added; the server writes only [`error_code::ApiErrorCode`]s.
    #[ts(as = "error_code::ApiErrorCode")]
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    #[ts(type = "Record<string, unknown> | undefined")]
    #[schema(value_type = Object)]
    pub params: serde_json::Map<String, serde_json::Value>,
    /// The request's fields the error is about (JSON paths such as
    /// `requester.email`, `score`), for a form to mark them; empty when the
    /// error is about no one field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(type = "string[] | undefined")]
    pub fields: Vec<String>,
}

impl ApiError {
    pub fn new(code: error_code::ApiErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code: code.as_str().to_string(),
            message: message.into(),
            params: serde_json::Map::new(),
            fields: Vec::new(),
        }
    }
}

// ---- auth ----

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct LoginResponse {
    /// Bearer token for `Authorization: Bearer …`.
    pub token: String,
    #[ts(type = "string")]
    pub expires_at: DateTime<Utc>,
    pub me: Me,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct GroupInfo {
    pub id: String,
    pub name: String,
    #[schema(value_type = schema::Line)]
    pub line: Line,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Me {
    pub id: String,
    pub username: String,
    pub display_name: String,
    #[schema(value_type = schema::Role)]
    pub role: Role,
    pub groups: Vec<GroupInfo>,
    #[schema(value_type = schema::Permissions)]
    pub permissions: Permissions,
}

// ---- staff directory ----

/// Who is who at the service desk (`GET /api/v1/directory`, staff only):
/// every working group, and every staff account (analysts and
/// administrators; never Self Service requesters, never credentials or
/// contact details), so that a client can show names where tickets carry
/// ids. A client keeps the last copy for offline use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Directory {
    /// By id.
    pub groups: Vec<DirectoryGroup>,
    /// By user name.
    pub users: Vec<DirectoryUser>,
}

impl Directory {
    /// The group's name; `None` for an id the directory does not list.
    pub fn group_name(&self, id: &str) -> Option<&str> {
        self.groups.iter().find(|g| g.id == id).map(|g| g.name.as_str())
    }

    /// The display name of a staff account named by its id or user name
    /// (tickets carry the one, events the other); `None` when not listed.
    pub fn user_name(&self, id_or_username: &str) -> Option<&str> {
        self.users
            .iter()
            .find(|u| u.id == id_or_username || u.username == id_or_username)
            .map(|u| u.display_name.as_str())
    }
}

/// A working group and the support line it works on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct DirectoryGroup {
    pub id: String,
    pub name: String,
    #[schema(value_type = schema::Line)]
    pub line: Line,
}

/// A staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct DirectoryUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    /// `analyst` or `administrator`.
    #[schema(value_type = schema::Role)]
    pub role: Role,
    /// Ids of the user's working groups.
    pub groups: Vec<String>,
    /// False for a disabled account: it is listed so that tickets it still
    /// owns show a name, but nothing should be assigned to it.
    pub active: bool,
}

// ---- SLA policies ----

/// An SLA policy as the server evaluates it (`GET /api/v1/policies`, staff
/// only): its TOML text exactly as stored (a preset as installed, or as an
/// administrator imported or edited it, with its calendars and holidays).
/// A client keeps the last copy and counts deadlines offline with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct SyncedPolicy {
    pub id: String,
    /// The policy file's text; `helpdesk_domain::policy::Policy::from_toml`
    /// reads it.
    pub toml: String,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

// ---- tickets ----

/// A ticket as a reader may see it: internal notes and their events are
/// left out for Self Service users.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct TicketView {
    #[schema(value_type = Object)]
    pub ticket: Ticket,
    /// The audit trail, oldest first.
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<TicketEvent>,
    /// The SLA policy the ticket is counted under.
    pub policy: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct TicketSummary {
    pub id: String,
    pub number: String,
    #[serde(rename = "type")]
    #[schema(value_type = schema::TicketType)]
    pub ticket_type: TicketType,
    pub subject: String,
    #[schema(value_type = schema::Status)]
    pub status: Status,
    #[schema(value_type = schema::Priority)]
    pub priority: Priority,
    #[schema(value_type = schema::Line)]
    pub line: Line,
    pub group: String,
    pub owner: Option<String>,
    pub requester: String,
    #[ts(type = "string")]
    pub registered_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct TicketList {
    pub items: Vec<TicketSummary>,
    #[ts(type = "number")]
    pub total: u64,
}

/// One workflow action on a ticket, online.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpRequest {
    #[schema(value_type = Object)]
    pub op: Op,
    /// The version the action was decided on; a later version on the server
    /// makes ownership-sensitive actions a conflict.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub base_version: Option<u64>,
}

/// An uploaded attachment; a ticket refers to it by `sha256`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct AttachmentRef {
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
    pub media_type: String,
}

// ---- sync (normative: issue "The central HELP DESK server") ----

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub client_id: String,
    pub schema_version: u32,
    pub ops: Vec<PushOp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushOp {
    /// Dense per client: 1, 2, 3, …
    #[ts(type = "number")]
    pub seq: u64,
    pub op_id: String,
    /// The ticket's id.
    pub ticket: String,
    #[ts(type = "number")]
    pub base_version: u64,
    #[ts(type = "string")]
    pub device_time: DateTime<Utc>,
    /// A workflow action, or `{"op": "register", "ticket": {…}}` under
    /// the client's new ticket id (see [`registration`]).
    #[schema(value_type = Object)]
    pub op: registration::PushAction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct PushResponse {
    pub results: Vec<PushResult>,
    /// The last seq of this client the server has a final result for.
    #[ts(type = "number")]
    pub client_last_seq: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct PushResult {
    #[ts(type = "number")]
    pub seq: u64,
    pub op_id: String,
    #[serde(flatten)]
    pub outcome: OpOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum OpOutcome {
    Applied {
        #[ts(type = "number")]
        version: u64,
        /// The number the server gave a ticket registered by this op.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        number: Option<String>,
    },
    /// The ticket changed since `base_version` in a way the op depends on.
    Conflict { reason: String, current: Box<TicketView> },
    Rejected {
        code: String,
        message: String,
        /// The fields of a refused registration the refusal is about (as
        /// in [`ApiError::fields`]), for the desk to mark them.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[ts(type = "string[] | undefined")]
        fields: Vec<String>,
    },
    /// A later op on a ticket whose earlier op in this push did not apply.
    Held {
        #[ts(type = "number")]
        after_seq: u64,
    },
    /// Not final: the server could not decide now; send the same seq again.
    Failed { message: String },
}

impl OpOutcome {
    /// Every outcome but a transient failure consumes the seq.
    pub fn is_final(&self) -> bool {
        !matches!(self, OpOutcome::Failed { .. })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PullRequest {
    pub client_id: String,
    pub schema_version: u32,
    /// The client's cursor per bucket (0 or absent: from the beginning).
    #[serde(default)]
    #[ts(type = "Record<string, number>")]
    pub buckets: BTreeMap<String, u64>,
    /// A soft limit on the page size; at least one change is always served.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub max_bytes: Option<u64>,
    /// The client can apply [`ChangeBody::TicketDelta`]: a ticket it holds
    /// may come as what changed since (staff only; absent: whole tickets).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(type = "boolean | undefined")]
    pub deltas: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct PullResponse {
    pub changes: Vec<Change>,
    /// The new cursor of every bucket of the caller; buckets the client
    /// holds that are not here are gone (drop their rows).
    #[ts(type = "Record<string, number>")]
    pub cursors: BTreeMap<String, u64>,
    pub has_more: bool,
    #[ts(type = "number")]
    pub client_last_seq: u64,
    #[ts(type = "string")]
    pub server_time: DateTime<Utc>,
    /// This server sends ticket deltas to a client that asks
    /// ([`PullRequest::deltas`]). A client asks only a server that said so:
    /// a server older than deltas refuses the field, and a laptop may be
    /// updated before its server.
    #[serde(default)]
    pub deltas: bool,
    /// How many changes the page holds. The server writes it last, after the
    /// cursors that follow `changes`, so a client reads them without reading
    /// the changes; a server older than it leaves it out.
    #[serde(default)]
    #[ts(type = "number | undefined")]
    pub change_count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Change {
    pub bucket: String,
    #[ts(type = "number")]
    pub seq: u64,
    #[serde(flatten)]
    pub body: ChangeBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeBody {
    Ticket {
        ticket: Box<TicketView>,
    },
    /// What changed in a ticket since a version the reader held when its
    /// cursor passed it (only to a client that asked for `deltas`).
    TicketDelta {
        delta: Box<TicketDelta>,
    },
    RemoveTicket {
        id: String,
    },
    Article {
        article: Box<Article>,
    },
    RemoveArticle {
        id: String,
    },
}

/// A ticket's change as what changed since `base_version`: its fields now,
/// and the comments and audit events added after that version. A reader
/// that holds the ticket at `base_version` (with `comments_from` comments
/// and `events_from` events) gets the whole ticket by appending them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct TicketDelta {
    /// The ticket now, with only the comments added after `base_version`.
    #[schema(value_type = Object)]
    pub ticket: Ticket,
    /// The audit events after `base_version`, oldest first.
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<TicketEvent>,
    pub policy: String,
    #[ts(type = "number")]
    pub base_version: u64,
    /// The ticket's comments at `base_version`: the new ones follow them.
    #[ts(type = "number")]
    pub comments_from: u64,
    /// The ticket's audit events at `base_version`: the new ones follow them.
    #[ts(type = "number")]
    pub events_from: u64,
}

impl TicketDelta {
    /// The whole ticket this change brings, built on `held` — the view the
    /// reader holds — when `held` is the ticket at `base_version`; otherwise
    /// `Err` gives the delta back (the reader fetches the ticket whole).
    pub fn apply_to(self, held: TicketView) -> Result<TicketView, Box<TicketDelta>> {
        let fits = held.ticket.id == self.ticket.id
            && held.ticket.version == self.base_version
            && held.ticket.comments.len() as u64 == self.comments_from
            && held.events.len() as u64 == self.events_from;
        if !fits {
            return Err(Box::new(self));
        }
        let TicketDelta {
            mut ticket, events, policy, ..
        } = self;
        let TicketView {
            ticket: held_ticket,
            events: mut all_events,
            ..
        } = held;
        let mut comments = held_ticket.comments;
        comments.append(&mut ticket.comments);
        ticket.comments = comments;
        all_events.extend(events);
        Ok(TicketView {
            ticket,
            events: all_events,
            policy,
        })
    }
}

// ---- knowledge base (SPEC §4) ----

/// The editorial cycle's statuses are the domain's (003 §4.16, §5.1).
pub use helpdesk_domain::kb_review::ArticleStatus;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub body: String,
    pub category: String,
    pub tags: Vec<String>,
    /// `uk`, `ru`, `en`.
    #[schema(value_type = schema::Language)]
    pub language: String,
    #[schema(value_type = schema::ArticleStatus)]
    pub status: ArticleStatus,
    /// Readable by Self Service users once published.
    pub public: bool,
    /// Periodic review for relevance (003 §5.1.5).
    #[ts(type = "string | null")]
    pub review_due: Option<NaiveDate>,
    pub author: String,
    #[ts(type = "number")]
    pub version: u64,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleInput {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[schema(value_type = schema::Language)]
    pub language: String,
    #[serde(default)]
    pub public: bool,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub review_due: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleTransition {
    #[schema(value_type = schema::ArticleStatus)]
    pub to: ArticleStatus,
    #[serde(default)]
    pub comment: Option<String>,
}

// ---- reports (000 §13.6) ----

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct KpiRow {
    /// A group id, or `all`.
    pub group: String,
    #[ts(type = "number")]
    pub tickets: u64,
    #[ts(type = "number")]
    pub resolved: u64,
    #[ts(type = "number")]
    pub within_sla: u64,
    #[ts(type = "number")]
    pub breached: u64,
    /// Share of tickets within SLA, 0–1.
    pub share_within_sla: Option<f64>,
    pub breach_rate: Option<f64>,
    /// Mean time to resolve, seconds from registration to resolution
    /// (`helpdesk_domain::kpi::resolution_time`).
    pub mttr_seconds: Option<f64>,
    /// Incidents registered (000 §13.6: the failures MTBF counts).
    #[serde(default)]
    #[ts(type = "number")]
    pub incidents: u64,
    /// Mean time between consecutive incidents of the same service, seconds.
    #[serde(default)]
    pub mtbf_seconds: Option<f64>,
    /// 003 §6.2.1: chat-bot and portal requests answered (resolved) in the period.
    #[serde(default)]
    #[ts(type = "number")]
    pub answered: u64,
    /// 003 §6.2.2: their mean time to answer, seconds from registration.
    #[serde(default)]
    pub mean_answer_seconds: Option<f64>,
    /// 003 §6.2.3: of those, answered with a link to a KB article.
    #[serde(default)]
    #[ts(type = "number")]
    pub answered_from_kb: u64,
    /// `answered_from_kb / answered`, 0–1.
    #[serde(default)]
    pub share_answered_from_kb: Option<f64>,
    /// 003 §6.1.12, §6.2.5: the requesters' ratings given in the period.
    #[serde(default)]
    #[ts(type = "number")]
    pub rated: u64,
    /// Their mean score, 1–5 (`helpdesk_domain::satisfaction::SCORES`).
    #[serde(default)]
    pub mean_satisfaction: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct KpiReport {
    #[ts(type = "string")]
    pub from: DateTime<Utc>,
    #[ts(type = "string")]
    pub to: DateTime<Utc>,
    pub rows: Vec<KpiRow>,
    pub total: KpiRow,
}

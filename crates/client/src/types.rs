//! What crosses to the UI: every type here derives `serde` and `ts_rs::TS`
//! and is exported to `ui/src/bindings/client/` by `tests/bindings.rs`.

use crate::ClientError;
use chrono::{DateTime, Utc};
use helpdesk_domain::actions::Availability;
use helpdesk_domain::ops::Op;
use helpdesk_domain::sla::explain::MetricExplanation;
use helpdesk_domain::sla::{ClockState, SlaReport, Warning};
use helpdesk_domain::{Status, TicketType};
use helpdesk_protocol::{Me, TicketView};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// `session_get`: the server and the signed-in user; both null when signed out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct Session {
    pub server: Option<String>,
    pub me: Option<Me>,
}

/// What the status bar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
#[serde(rename_all = "snake_case")]
pub enum Connectivity {
    Online,
    Offline,
    Syncing,
    SignInRequired,
}

/// `sync_status` and the `sync-status` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct SyncStatus {
    pub connectivity: Connectivity,
    /// Actions in the outbox, not yet confirmed by the server.
    #[ts(type = "number")]
    pub pending: u64,
    #[ts(type = "number")]
    pub needs_attention: u64,
    #[ts(type = "string | null")]
    pub last_sync: Option<DateTime<Utc>>,
    /// Server time minus this machine's time, from the last pull.
    #[ts(type = "number | null")]
    pub clock_skew_seconds: Option<i64>,
    /// Why the last sync failed, as the front ends word an error; `None`
    /// after one that succeeded.
    pub last_error: Option<ClientError>,
}

impl From<helpdesk_sync::SyncStatus> for SyncStatus {
    fn from(s: helpdesk_sync::SyncStatus) -> SyncStatus {
        use helpdesk_sync::Connectivity as C;
        SyncStatus {
            connectivity: match s.connectivity {
                C::Online => Connectivity::Online,
                C::Offline => Connectivity::Offline,
                C::Syncing => Connectivity::Syncing,
                C::SignInRequired => Connectivity::SignInRequired,
            },
            pending: s.pending,
            needs_attention: s.needs_attention,
            last_sync: s.last_sync,
            clock_skew_seconds: s.clock_skew_seconds,
            last_error: s.last_error.map(ClientError::from),
        }
    }
}

/// `sync_now`: what one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct RoundReport {
    #[ts(type = "number")]
    pub pushed: usize,
    #[ts(type = "number")]
    pub applied: usize,
    #[ts(type = "number")]
    pub not_applied: usize,
    #[ts(type = "number")]
    pub pages: usize,
    #[ts(type = "number")]
    pub changes: usize,
}

impl From<helpdesk_sync::RoundReport> for RoundReport {
    fn from(r: helpdesk_sync::RoundReport) -> RoundReport {
        RoundReport {
            pushed: r.pushed,
            applied: r.applied,
            not_applied: r.not_applied,
            pages: r.pages,
            changes: r.changes,
        }
    }
}

/// One SLA metric of a queue row, enough for a live countdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct SlaBrief {
    /// The policy's metric name: `reaction`, `resolution`, `answer`, …
    pub name: String,
    pub state: ClockState,
    #[ts(type = "string | null")]
    pub due: Option<DateTime<Utc>>,
    /// Share of the target used (1.0 = breached), for the colour.
    pub used_share: Option<f64>,
    #[ts(type = "number")]
    pub remaining_working_seconds: i64,
    /// Still counting: running, or breached and not stopped.
    pub counting: bool,
    /// The engine's warnings at the thresholds of the policy and the
    /// user's settings: reached ones, and for a running clock when the next
    /// ones will be reached. The UI colours by these, never by a share.
    pub warnings: Vec<Warning>,
}

/// A row of a queue, with its SLA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct QueueItem {
    pub id: String,
    pub number: String,
    pub subject: String,
    #[serde(rename = "type")]
    pub ticket_type: TicketType,
    pub status: Status,
    /// 1 (highest) … 5.
    pub priority: u8,
    pub group: String,
    pub owner: Option<String>,
    /// The requester's name.
    pub requester: String,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
    /// Actions on this ticket not yet confirmed by the server.
    pub pending_ops: u32,
    /// The clock the row shows (`SlaReport::headline`: the domain's
    /// choice); the whole SLA is the ticket's (`ticket`).
    pub headline: Option<SlaBrief>,
    /// The deadline the queue sorts by: the earliest of a clock still
    /// counting (running, or breached and not stopped), else the shown
    /// clock's when it is paused.
    #[ts(type = "string | null")]
    pub next_due: Option<DateTime<Utc>>,
    /// IANA name of the policy calendar's time zone: deadlines are shown in it.
    pub time_zone: String,
}

/// `queue_window`: what of a queue the UI shows — the analyst's filter and
/// sort, and the slice in sight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct QueueQuery {
    /// `mine`, `group`, `unassigned`, `breaching`, `awaiting` or `recent`.
    pub name: String,
    pub filter: QueueFilter,
    pub sort: QueueSort,
    /// The first row of the window among the rows the filter keeps.
    pub offset: u32,
    /// Rows of the window at most (500 at most).
    pub limit: u32,
    /// Work the queue out from the replica again, rather than read the
    /// rows kept from the last time (done for the same queue).
    pub refresh: bool,
}

/// The rows a queue shows: with one of `statuses` and one of `priorities`
/// (any, when a list is empty), and every word of `text`, in any order and
/// case, in the number, subject, group or owner.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct QueueFilter {
    pub statuses: Vec<Status>,
    pub priorities: Vec<u8>,
    pub text: String,
}

/// The order of a queue's rows; ties go to the most urgent deadline, then
/// the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct QueueSort {
    pub key: QueueSortKey,
    pub direction: SortDirection,
}

/// What a queue is sorted by: the deadline (`next_due`; none, resolved
/// and closed last), the priority, the last change, the number (its digits
/// as numbers) or the status (in the workflow's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "client/")]
pub enum QueueSortKey {
    Due,
    Priority,
    Updated,
    Number,
    Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "client/")]
pub enum SortDirection {
    Asc,
    Desc,
}

/// `queue_window`'s answer: a slice of the rows the filter keeps, sorted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct QueueWindow {
    /// Rows of the queue.
    pub total: u32,
    /// Rows the filter keeps.
    pub matched: u32,
    /// Where `rows` begin among the kept rows.
    pub offset: u32,
    pub rows: Vec<QueueItem>,
    /// Every group and owner of the queue's rows (suggestions for assigning
    /// and escalating).
    pub groups: Vec<String>,
    pub owners: Vec<String>,
}

/// `queue_counts`: how many tickets each queue holds, for the sidebar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct QueueCounts {
    #[ts(type = "number")]
    pub mine: u64,
    #[ts(type = "number")]
    pub group: u64,
    #[ts(type = "number")]
    pub unassigned: u64,
    #[ts(type = "number")]
    pub breaching: u64,
    #[ts(type = "number")]
    pub awaiting: u64,
    #[ts(type = "number")]
    pub recent: u64,
}

/// `ticket` and `act`: the ticket as the analyst sees it (server row +
/// pending actions), its SLA and the time zone its deadlines are shown in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct TicketDetail {
    pub view: TicketView,
    /// Null when the ticket's policy cannot be evaluated here.
    pub sla: Option<SlaReport>,
    /// Why each deadline is what it is, with the regulation's clauses, in
    /// the order of `sla`'s metrics (empty without a report).
    pub explanation: Vec<MetricExplanation>,
    /// IANA name of the policy calendar's time zone, e.g. `Europe/Kyiv`.
    pub time_zone: String,
    /// The policy's own name (`Держмитслужба — HELP DESK`); its id when
    /// the policy is not in this replica.
    pub policy_name: String,
    /// Actions on this ticket not yet confirmed by the server.
    pub pending_ops: u32,
    /// The entries of `view` those actions made: not on the server yet.
    pub unsent: UnsentEntries,
    /// Every action, allowed or with the workflow's reason why not, for the
    /// signed-in user on the ticket as it looks now (the domain's answer).
    pub actions: Vec<Availability>,
    /// Where the ticket stands against its policy's hierarchical-escalation
    /// share (002 §8.2, §13.16); absent when the policy sets none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub escalation: Option<helpdesk_domain::escalation::HierarchicalEscalation>,
    /// When the requester's answer to a pending reclassification is due;
    /// without it the change is deemed agreed then (002 §7.3.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub reclassification_answer_due: Option<DateTime<Utc>>,
}

/// Entries of a [`TicketDetail::view`] made by actions still in the
/// outbox: indices into `view.events` and `view.ticket.comments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct UnsentEntries {
    #[ts(type = "number[]")]
    pub events: Vec<usize>,
    #[ts(type = "number[]")]
    pub comments: Vec<usize>,
}

impl From<helpdesk_replica::Unsent> for UnsentEntries {
    fn from(u: helpdesk_replica::Unsent) -> UnsentEntries {
        UnsentEntries {
            events: u.events,
            comments: u.comments,
        }
    }
}

/// A ticket's id and policy, as the notifier knows them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TicketDigestRef<'a> {
    pub id: &'a str,
    pub policy: &'a str,
}

/// A search hit: a knowledge-base article, or a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct SearchHit {
    /// The article's id, or the ticket's number.
    pub id: String,
    pub title: String,
    /// Around the first match, the matching words marked.
    pub snippet: Vec<helpdesk_replica::text::Highlight>,
    /// How many of the typed words the entry has (hits come most first).
    pub matched: u32,
}

impl From<helpdesk_replica::SearchHit> for SearchHit {
    fn from(h: helpdesk_replica::SearchHit) -> SearchHit {
        SearchHit {
            id: h.id,
            title: h.title,
            snippet: h.snippet,
            matched: h.matched as u32,
        }
    }
}

/// An action the server did not apply, with what the analyst wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct AttentionItem {
    #[ts(type = "number")]
    pub seq: u64,
    pub ticket_id: String,
    /// Null when the ticket is no longer in the replica.
    pub number: Option<String>,
    pub subject: Option<String>,
    pub op: Op,
    /// `conflict`, `held`, or the server's rejection code.
    pub code: String,
    pub message: String,
    /// The ticket as the server has it: as last pulled, or as the conflict
    /// reported it when that is newer.
    pub current: Option<TicketView>,
    /// What others did on the server since the analyst's own last change
    /// there (who, what, their comment or resolution), oldest first.
    pub server_changes: Vec<helpdesk_domain::workflow::TicketEvent>,
    /// The analyst's free text in the action, to edit before applying again.
    pub text: Option<String>,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Uk,
    En,
    Ru,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Uk => "uk",
            Language::En => "en",
            Language::Ru => "ru",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

/// No notifications between `from` and `to` (local time, `HH:MM`; may
/// span midnight, e.g. 22:00–07:00). They are raised when it ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct QuietHours {
    pub from: String,
    pub to: String,
}

/// `settings_get` / `settings_set`; kept in the replica.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
#[serde(default)]
pub struct Settings {
    pub language: Language,
    /// Shares of an SLA target at which to notify; 1.0 is the breach.
    pub thresholds: Vec<f64>,
    pub quiet_hours: Option<QuietHours>,
    pub theme: Theme,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            language: Language::Uk,
            thresholds: helpdesk_domain::policy::DEFAULT_THRESHOLDS.to_vec(),
            quiet_hours: None,
            theme: Theme::System,
        }
    }
}

/// One ISO week of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct WeekStats {
    /// ISO week, e.g. `2025-W47`.
    pub week: String,
    /// Its Monday, `YYYY-MM-DD`.
    pub starts: String,
    /// Tickets whose (last) resolution fell in the week.
    pub resolved: u32,
    /// Of those, resolved with no SLA metric breached.
    pub within_sla: u32,
    /// Of those, resolved with at least one metric breached.
    pub breaches: u32,
    /// `within_sla / resolved`; null when nothing was resolved.
    pub share_within_sla: Option<f64>,
    /// Mean time to resolve (the domain's MTTR: registration to resolution), in hours; null when nothing was resolved.
    pub mttr_hours: Option<f64>,
}

/// `dashboard`: the last 8 ISO weeks, oldest first, for the analyst
/// (tickets they resolved) and for their groups (tickets of the groups).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct Dashboard {
    pub mine: Vec<WeekStats>,
    pub groups: Vec<WeekStats>,
    /// The 8 weeks together (`week` is `total`).
    pub mine_total: WeekStats,
    pub groups_total: WeekStats,
    /// The analyst's group ids the `groups` series covers.
    pub group_ids: Vec<String>,
    /// The time zone the weeks are cut in.
    pub time_zone: String,
    #[ts(type = "string")]
    pub generated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A warning threshold (< 100 %) of an SLA metric was crossed.
    SlaWarning,
    /// An SLA metric is breached.
    SlaBreach,
    /// The ticket was handed to the analyst.
    Assigned,
    /// The ticket was re-routed to one of the analyst's groups.
    AssignedToGroup,
    /// The ticket was escalated to one of the analyst's groups.
    Escalated,
    /// The requester answered (information received or a public reply).
    RequesterAnswered,
    /// The policy's share of the resolution term is used up: the group's
    /// lead escalates it to the next line (002 §8.2, §13.16).
    EscalationDue,
    /// One of the analyst's groups was involved as co-executor (003 §4.10, §4.15).
    CoExecutorAdded,
    /// Actions of the analyst the server did not apply (conflict, refusal).
    NeedsAttention,
    /// A published knowledge-base article the user owns is past its review
    /// date (003 §5.1.5); `ticket_id` and `number` hold the article's id.
    KbReviewDue,
}

/// A notification due now. `title_key` names a message of the catalogue
/// (`Client::render` gives the text); `body_args` are its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct Notification {
    pub ticket_id: String,
    pub number: String,
    pub subject: String,
    pub kind: NotificationKind,
    pub title_key: String,
    pub body_args: BTreeMap<String, String>,
}

/// A notification's text in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct NotificationText {
    pub title: String,
    pub body: String,
}

/// The `open-ticket` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct OpenTicket {
    pub number: String,
}

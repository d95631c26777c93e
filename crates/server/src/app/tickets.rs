//! Tickets: registration with routing and numbering, reading by role and
//! group, and every workflow action through the domain's `apply_with` under
//! the limits of the ticket's policy, each in one transaction with its audit
//! events and its change-log entries.

use super::auth::{new_id, Caller};
use super::App;
use crate::error::{AppError, AppResult};
use crate::store;
use crate::store::changes::{self, EntityKind};
use crate::store::tickets::{self as ticket_store, ListFilter, Visibility as ListVisibility};
use helpdesk_domain::ops::{AssignTarget, Op};
use helpdesk_domain::ticket::{register_with, NewTicket, RegistrationRules, Ticket, Visibility};
use helpdesk_domain::workflow::{apply_with, Actor, EventKind, Role, TicketEvent};
use helpdesk_protocol::{TicketList, TicketView};
use rusqlite::{Connection, Transaction};
use std::collections::BTreeSet;

/// What became of an action on a ticket.
#[derive(Debug, Clone)]
pub enum ActionOutcome {
    /// The ticket as it is after the action (its view is built on demand:
    /// a synced op needs only the new version).
    Applied(Ticket),
    /// Someone else changed the ticket since the version the action was
    /// decided on, in a way the action depends on.
    Conflict { reason: String, current: TicketView },
}

/// Events whose meaning depends on who holds the ticket and where it is:
/// another user's such event since `base_version` makes an action a conflict.
const CONFLICTING_EVENTS: [&str; 5] = ["owner_changed", "group_changed", "escalated", "status_changed", "priority_changed"];

/// The sync buckets a ticket is in: its groups and the users it concerns.
pub fn ticket_buckets(ticket: &Ticket) -> BTreeSet<String> {
    let mut buckets = BTreeSet::new();
    buckets.insert(format!("group:{}", ticket.group));
    for g in &ticket.co_executor_groups {
        buckets.insert(format!("group:{g}"));
    }
    if let Some(owner) = &ticket.owner {
        buckets.insert(format!("user:{owner}"));
    }
    if let Some(requester) = &ticket.requester.user_id {
        buckets.insert(format!("user:{requester}"));
    }
    buckets
}

/// SPEC §5: by role and working group only.
pub fn can_read(actor: &Actor, ticket: &Ticket) -> bool {
    match actor.role {
        Role::Administrator => true,
        Role::SelfService => ticket.is_requester(&actor.user_id),
        Role::Analyst => {
            ticket.owner.as_deref() == Some(actor.user_id.as_str())
                || ticket.is_requester(&actor.user_id)
                || actor.is_member_of(&ticket.group)
                || ticket.co_executor_groups.iter().any(|g| actor.is_member_of(g))
        }
    }
}

/// A ticket as `actor` may see it: a requester never sees internal notes,
/// nor the events that carry the desk's internal words.
pub fn view_for(actor: &Actor, mut ticket: Ticket, mut events: Vec<TicketEvent>, policy: String) -> TicketView {
    if actor.role == Role::SelfService {
        ticket.comments.retain(|c| c.visibility == Visibility::Public);
        events.retain(|e| match &e.kind {
            EventKind::CommentAdded { visibility } => *visibility == Visibility::Public,
            EventKind::Registered { .. }
            | EventKind::StatusChanged { .. }
            | EventKind::Resolved { .. }
            | EventKind::Reopened { .. }
            | EventKind::Closed { .. }
            | EventKind::Rejected { .. }
            | EventKind::InfoRequested { .. }
            | EventKind::InfoReceived { .. }
            | EventKind::ConfirmationRequested { .. }
            | EventKind::WorkaroundGiven { .. } => true,
            _ => false,
        });
    }
    TicketView { ticket, events, policy }
}

fn load(conn: &Connection, id_or_number: &str) -> AppResult<(Ticket, String)> {
    ticket_store::get(conn, id_or_number)?.ok_or_else(|| AppError::NotFound(format!("no ticket `{id_or_number}`")))
}

/// The routing rule's group and policy for a new ticket, if a rule matches.
fn route(conn: &Connection, new: &NewTicket) -> AppResult<Option<(String, String)>> {
    Ok(store::admin::first_route(conn, new.service.trim(), new.ticket_type.map(|t| t.as_str()))?)
}

impl App {
    /// Registers a ticket (SPEC §2): Self Service for themselves, the desk
    /// on behalf of a requester. Routed by the administrators' rules.
    pub fn register_ticket(&self, caller: &Caller, mut new: NewTicket) -> AppResult<TicketView> {
        let actor = &caller.actor;
        if actor.role == Role::SelfService {
            new.requester.user_id = Some(actor.user_id.clone());
            new.channel.get_or_insert(helpdesk_domain::Channel::Portal);
        }
        let now = self.now();
        let default_policy = self.config.default_policy.clone();
        let prefix = self.config.number_prefix.clone();
        let (view, policy) = self.store.write(|tx| {
            let routed = route(tx, &new)?;
            let policy = match (&routed, new.group.trim().is_empty()) {
                (Some((group, policy)), true) => {
                    new.group = group.clone();
                    policy.clone()
                }
                (Some((_, policy)), false) => policy.clone(),
                (None, _) => default_policy,
            };
            if !new.group.trim().is_empty() {
                let group = store::users::group(tx, new.group.trim())?.ok_or_else(|| AppError::Unprocessable {
                    code: "unknown_group",
                    message: format!("no working group `{}`; leave `group` empty to route by the rules", new.group),
                    fields: vec!["group".into()],
                })?;
                new.line.get_or_insert(group.line);
            }
            new.id = new_id("t-");
            new.number = ticket_store::next_number(tx, &prefix, now)?;
            // Impact and urgency only where a term of the policy reads the priority (003 §4.10, 004 §3.1 do not).
            let rules = store::admin::policy_toml(tx, &policy)?
                .and_then(|text| helpdesk_domain::policy::Policy::from_toml(&text).ok())
                .map_or(RegistrationRules::STRICT, |p| p.registration_rules(new.ticket_type));
            let applied = register_with(new, &actor.user_id, now, rules).map_err(|e| AppError::Unprocessable {
                code: "registration_invalid",
                message: e.to_string(),
                fields: e.field_names().into_iter().map(String::from).collect(),
            })?;
            ticket_store::save(tx, &applied.ticket, &policy, &applied.events, None)?;
            changes::record(tx, EntityKind::Ticket, &applied.ticket.id, &ticket_buckets(&applied.ticket))?;
            let events = ticket_store::events(tx, &applied.ticket.id)?;
            Ok::<_, AppError>((view_for(actor, applied.ticket, events, policy.clone()), policy))
        })?;
        self.policy(&policy)?; // a routing rule naming a broken policy shows up now, not at the first deadline
        Ok(view)
    }

    pub fn ticket(&self, caller: &Caller, id_or_number: &str) -> AppResult<TicketView> {
        self.store.read(|conn| {
            let (ticket, policy) = load(conn, id_or_number)?;
            if !can_read(&caller.actor, &ticket) {
                return Err(AppError::NotFound(format!("no ticket `{id_or_number}`")));
            }
            let events = ticket_store::events(conn, &ticket.id)?;
            Ok(view_for(&caller.actor, ticket, events, policy))
        })
    }

    pub fn list_tickets(&self, caller: &Caller, filter: &ListFilter) -> AppResult<TicketList> {
        let actor = &caller.actor;
        let visibility = match actor.role {
            Role::Administrator => ListVisibility::All,
            Role::SelfService => ListVisibility::Requester(actor.user_id.clone()),
            Role::Analyst => ListVisibility::Groups {
                user: actor.user_id.clone(),
                groups: actor.groups.iter().map(|m| m.group.clone()).collect(),
            },
        };
        let (items, total) = self.store.read(|conn| ticket_store::list(conn, &visibility, filter))?;
        Ok(TicketList { items, total })
    }

    /// One workflow action, online: its own transaction; the ticket as the
    /// caller now sees it, or the conflict.
    pub fn act(&self, caller: &Caller, id_or_number: &str, op: &Op, base_version: Option<u64>) -> AppResult<Result<TicketView, (String, TicketView)>> {
        let now = self.now();
        self.store
            .write(|tx| match self.act_in(tx, &caller.actor, id_or_number, op, base_version, None, now)? {
                ActionOutcome::Applied(ticket) => {
                    let events = ticket_store::events(tx, &ticket.id)?;
                    let (_, policy) = load(tx, &ticket.id)?;
                    Ok(Ok(view_for(&caller.actor, ticket, events, policy)))
                }
                ActionOutcome::Conflict { reason, current } => Ok(Err((reason, current))),
            })
    }

    /// Applies `op` inside `tx`: re-authorised for `actor` against the
    /// ticket as it is now. `client` is `(client_id, seq)` for synced ops.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn act_in(
        &self,
        tx: &Transaction,
        actor: &Actor,
        id_or_number: &str,
        op: &Op,
        base_version: Option<u64>,
        client: Option<(&str, u64)>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> AppResult<ActionOutcome> {
        let (ticket, policy) = load(tx, id_or_number)?;
        if !can_read(actor, &ticket) {
            return Err(AppError::NotFound(format!("no ticket `{id_or_number}`")));
        }
        if let Some(base) = base_version.filter(|b| *b < ticket.version && !op.is_comment()) {
            let foreign = ticket_store::foreign_event_kinds_since(tx, &ticket.id, base, client.map(|c| c.0))?;
            if let Some(kind) = foreign.iter().find(|k| CONFLICTING_EVENTS.contains(&k.as_str())) {
                let events = ticket_store::events(tx, &ticket.id)?;
                let reason = format!(
                    "the ticket changed since version {base} ({kind}, now version {}); look at it again and decide",
                    ticket.version
                );
                return Ok(ActionOutcome::Conflict {
                    reason,
                    current: view_for(actor, ticket, events, policy),
                });
            }
        }
        check_references(tx, op)?;
        // The policy's figures (e.g. requests before a rejection for no
        // response: 004 §3.5 one, 002 §7.5(2) two), as the client applies them offline.
        let limits = self.policy(&policy)?.workflow_limits();
        let applied = apply_with(&ticket, op, actor, now, limits)?;
        let client_op = client.map(|(id, seq)| format!("{id}:{seq}"));
        ticket_store::save(tx, &applied.ticket, &policy, &applied.events, client_op.as_deref())?;
        changes::record(tx, EntityKind::Ticket, &applied.ticket.id, &ticket_buckets(&applied.ticket))?;
        let kb_links: Vec<&String> = applied.ticket.kb_links.iter().filter(|k| !ticket.kb_links.contains(k)).collect();
        for article in kb_links {
            store::kb::record_usage(tx, article, &applied.ticket.id, now)?;
        }
        Ok(ActionOutcome::Applied(applied.ticket))
    }
}

/// The groups and users an op hands the ticket to must exist (users also
/// enabled): the workflow cannot know them, and a ticket handed to nobody
/// would be lost to every queue.
fn check_references(tx: &Transaction, op: &Op) -> AppResult<()> {
    let unknown = |code: &'static str, field: &str, message: String| AppError::Unprocessable {
        code,
        message,
        fields: vec![field.to_string()],
    };
    let group_exists = |id: &str| -> AppResult<()> {
        match store::users::group(tx, id)? {
            Some(_) => Ok(()),
            None => Err(unknown(
                "unknown_group",
                "group",
                format!("no working group `{id}`; pick one of the groups the desk has"),
            )),
        }
    };
    match op {
        Op::Assign {
            to: AssignTarget::Group(group),
        } => group_exists(group),
        Op::Escalate { group: Some(group), .. } | Op::AddCoExecutor { group } => group_exists(group),
        Op::Assign { to: AssignTarget::User(user) } => match store::users::user_by_id(tx, user)? {
            Some(u) if !u.disabled => Ok(()),
            Some(u) => Err(unknown(
                "user_disabled",
                "user",
                format!("the account of {} is disabled; hand the ticket to someone else", u.display_name),
            )),
            None => Err(unknown("unknown_user", "user", format!("no user `{user}`; pick one of the desk's staff"))),
        },
        _ => Ok(()),
    }
}

//! Tickets: registration with routing and numbering, reading by role and
//! group, and every workflow action through the domain's `apply_with` under
//! the limits of the ticket's policy, each in one transaction with its audit
//! events and its change-log entries.

use super::auth::{new_id, Caller};
use super::comment_attachments::cited_attachments;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store;
use crate::store::changes::{self, EntityKind};
use crate::store::tickets::{self as ticket_store, ListFilter, Visibility as ListVisibility};
use crate::store::{ReadTx, WriteTx};
use helpdesk_domain::ops::{AssignTarget, Op};
use helpdesk_domain::ticket::{register_with, NewTicket, RegistrationRules, RejectReason, Ticket, Visibility};
use helpdesk_domain::workflow::{apply_with, Actor, EventKind, Role, TicketEvent};
use helpdesk_domain::{Channel, Line};
use helpdesk_protocol::{TicketList, TicketView};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// What became of an action on a ticket.
#[derive(Debug, Clone)]
pub enum ActionOutcome {
    /// The ticket as it is after the action, with only the comments the
    /// action added (its view is built on demand: a synced op needs only
    /// the new version).
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
    ReadAccess::of(ticket).readable_by(actor)
}

/// The fields of a ticket that decide who reads it, borrowed from a ticket
/// or read out of its stored JSON without the rest (a pull page decides
/// for thousands of tickets and sends each as it is stored).
#[derive(serde::Deserialize)]
pub struct ReadAccess<'a> {
    owner: Option<Cow<'a, str>>,
    group: Cow<'a, str>,
    co_executor_groups: Cow<'a, [String]>,
    requester: RequesterAccount<'a>,
}

#[derive(serde::Deserialize)]
struct RequesterAccount<'a> {
    user_id: Option<Cow<'a, str>>,
}

impl<'a> ReadAccess<'a> {
    pub fn of(ticket: &'a Ticket) -> ReadAccess<'a> {
        ReadAccess {
            owner: ticket.owner.as_deref().map(Cow::Borrowed),
            group: Cow::Borrowed(&ticket.group),
            co_executor_groups: Cow::Borrowed(&ticket.co_executor_groups),
            requester: RequesterAccount {
                user_id: ticket.requester.user_id.as_deref().map(Cow::Borrowed),
            },
        }
    }

    /// SPEC §5: by role and working group only.
    pub fn readable_by(&self, actor: &Actor) -> bool {
        let me = Some(actor.user_id.as_str());
        let is_requester = self.requester.user_id.as_deref() == me;
        match actor.role {
            Role::Administrator => true,
            Role::SelfService => is_requester,
            Role::Analyst => {
                self.owner.as_deref() == me || is_requester || actor.is_member_of(&self.group) || self.co_executor_groups.iter().any(|g| actor.is_member_of(g))
            }
        }
    }
}

/// A ticket as `actor` may see it: a requester never sees internal notes,
/// nor the events that carry the desk's internal words.
pub fn view_for(actor: &Actor, mut ticket: Ticket, mut events: Vec<TicketEvent>, policy: String) -> TicketView {
    if actor.role == Role::SelfService {
        ticket.comments.retain(|c| c.visibility == Visibility::Public);
        // The deadline stays (it is the requester's too); why it moved is the desk's.
        for extension in &mut ticket.deadline_extensions {
            extension.justification.clear();
        }
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
            | EventKind::WorkaroundGiven { .. }
            // Asked of the requester, or said by them (002 §7.3.4; 003 §6.1.12).
            | EventKind::ReclassificationProposed { .. }
            | EventKind::ReclassificationAnswered { .. }
            | EventKind::Rated { .. } => true,
            _ => false,
        });
    }
    TicketView { ticket, events, policy }
}

fn load(conn: &dyn ReadTx, id_or_number: &str) -> AppResult<(Ticket, String)> {
    ticket_store::get(conn, id_or_number)?.ok_or_else(|| AppError::NotFound(format!("no ticket `{id_or_number}`")))
}

/// A Self Service user's form as the portal files it: for themselves, by
/// the portal, received now; the desk's fields are ignored (not refused:
/// a portal form may carry defaults) — the group and line come from the
/// routing rules, the priority from impact × urgency (000 §13), no
/// complexity (the desk assesses it, 003 §4.10).
fn self_service_form(new: &mut NewTicket, user_id: &str) {
    new.requester.user_id = Some(user_id.to_string());
    new.channel = Some(Channel::Portal);
    new.group = String::new();
    new.line = None;
    new.priority = None;
    new.complexity = None;
    new.received_at = None;
}

/// A portal form left without the requester's name or e-mail gets those
/// of their account.
fn account_contact(conn: &dyn ReadTx, new: &mut NewTicket, user_id: &str) -> AppResult<()> {
    if let Some((name, email)) = store::users::contact(conn, user_id)? {
        if new.requester.name.trim().is_empty() {
            new.requester.name = name;
        }
        if new.requester.email.as_deref().is_none_or(|e| e.trim().is_empty()) {
            new.requester.email = email;
        }
    }
    Ok(())
}

/// Where a portal request goes when no routing rule takes it: the desk's
/// first L1 group (the contact centre classifies it, SPEC §1).
pub(crate) fn front_line_group(conn: &dyn ReadTx, new: &NewTicket) -> AppResult<String> {
    let groups = store::users::list_groups(conn)?;
    groups
        .into_iter()
        .find(|g| g.line == Line::L1)
        .map(|g| g.id)
        .ok_or_else(|| AppError::Unprocessable {
            code: "no_route",
            message: format!(
                "the desk takes no portal requests about `{}` yet; call or write to the service desk (an administrator adds a routing rule)",
                new.service.trim()
            ),
            fields: vec!["service".into()],
        })
}

/// The stored size of an attachment `actor` may cite: one they uploaded or
/// may already read; any other is refused as unknown (422 `unknown_attachment`).
pub(super) fn citable_attachment(conn: &dyn ReadTx, actor: &Actor, sha256: &str, field: &str) -> AppResult<u64> {
    let size = match store::attachments::size(conn, sha256)? {
        Some(size) if super::attachments::may_read(conn, actor, sha256)? => Some(size),
        _ => None,
    };
    size.ok_or_else(|| AppError::Unprocessable {
        code: "unknown_attachment",
        message: format!("no attachment {sha256} of yours; upload the file first (POST /api/v1/attachments) and cite the hash it returns"),
        fields: vec![field.to_string()],
    })
}

/// The routing rule's group and policy for a new ticket, if a rule matches.
fn route(conn: &dyn ReadTx, new: &NewTicket) -> AppResult<Option<(String, String)>> {
    Ok(store::admin::first_route(conn, new.service.trim(), new.ticket_type.map(|t| t.as_str()))?)
}

impl App {
    /// Registers a ticket (SPEC §2): Self Service for themselves, the desk
    /// on behalf of a requester. Routed by the administrators' rules.
    ///
    /// A Self Service user files for themselves on the portal: the desk's
    /// fields of their form are ignored (see [`self_service_form`]).
    pub fn register_ticket(&self, caller: &Caller, new: NewTicket) -> AppResult<TicketView> {
        let actor = &caller.actor;
        let now = self.now();
        let id = new_id("t-");
        let (view, policy) = self.store.write(|tx| {
            let (ticket, policy) = self.register_in(tx, actor, new.clone(), Channel::Portal, id.clone(), now)?;
            let events = ticket_store::events(tx, &ticket.id)?;
            Ok::<_, AppError>((view_for(actor, ticket, events, policy.clone()), policy))
        })?;
        self.policy(&policy)?; // a routing rule naming a broken policy shows up now, not at the first deadline
        Ok(view)
    }

    /// [`App::register_ticket`] inside `tx`, as `actor`, under the id `id`
    /// at the instant `now` (the API passes a fresh id and the clock's now;
    /// the demo data its seeded ids and backdated instants). A Self Service
    /// user's request arrives by `requester_channel` (the portal, or e-mail
    /// when the mail intake registers it). The ticket as registered, and
    /// its policy.
    pub(crate) fn register_in(
        &self,
        tx: &dyn WriteTx,
        actor: &Actor,
        mut new: NewTicket,
        requester_channel: Channel,
        id: String,
        now: chrono::DateTime<chrono::Utc>,
    ) -> AppResult<(Ticket, String)> {
        let requester = actor.role == Role::SelfService;
        self.fill_registration_defaults(actor, &mut new);
        if requester {
            self_service_form(&mut new, &actor.user_id);
            new.channel = Some(requester_channel);
        }
        check_lengths(&registration_texts(&new))?;
        if new.attachments.len() > MAX_ATTACHMENTS {
            return Err(AppError::Unprocessable {
                code: "too_many_attachments",
                message: format!("a ticket has at most {MAX_ATTACHMENTS} attachments; put the files in an archive"),
                fields: vec!["attachments".into()],
            });
        }
        let default_policy = self.config.default_policy.clone();
        let prefix = &self.config.number_prefix;
        if requester {
            account_contact(tx, &mut new, &actor.user_id)?;
        }
        let routed = match route(tx, &new)? {
            // No rule for a portal request: the contact centre (L1)
            // classifies it (SPEC §1), not the requester.
            None if requester => Some((front_line_group(tx, &new)?, default_policy.clone())),
            routed => routed,
        };
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
        new.id = id;
        new.number = ticket_store::next_number(tx, prefix, now)?;
        // Impact and urgency only where a term of the policy reads the priority (003 §4.10, 004 §3.1 do not).
        let rules = store::admin::policy_toml(tx, &policy)?
            .and_then(|text| helpdesk_domain::policy::Policy::from_toml(&text).ok())
            .map_or(RegistrationRules::STRICT, |p| p.registration_rules(new.ticket_type));
        let mut applied = register_with(new, &actor.user_id, now, rules).map_err(|e| AppError::Unprocessable {
            code: "registration_invalid",
            message: e.to_string(),
            fields: e.field_names().into_iter().map(String::from).collect(),
        })?;
        for (i, attachment) in applied.ticket.attachments.iter_mut().enumerate() {
            attachment.size = citable_attachment(tx, actor, &attachment.sha256, &format!("attachments[{i}].sha256"))?;
        }
        ticket_store::save(tx, &applied.ticket, &policy, &applied.events, &applied.ticket.comments, None)?;
        changes::record_ticket(tx, &applied.ticket, &ticket_buckets(&applied.ticket))?;
        self.queue_requester_mail(tx, &applied.ticket, &applied.events, now)?;
        Ok((applied.ticket, policy))
    }

    /// One ticket as the caller may see it. A read by anyone but the
    /// ticket's requester is an access to the requester's personal data,
    /// recorded in the audit log (`ticket_read`, SPEC §5).
    pub fn ticket(&self, caller: &Caller, id_or_number: &str) -> AppResult<TicketView> {
        let actor = &caller.actor;
        let (ticket, events, policy) = self.store.read(|conn| {
            let (ticket, policy) = load(conn, id_or_number)?;
            if !can_read(actor, &ticket) {
                return Err(AppError::NotFound(format!("no ticket `{id_or_number}`")));
            }
            let events = ticket_store::events(conn, &ticket.id)?;
            Ok::<_, AppError>((ticket, events, policy))
        })?;
        if !ticket.is_requester(&actor.user_id) {
            let now = self.now();
            let detail = serde_json::json!({"number": ticket.number, "version": ticket.version});
            self.store
                .write(|tx| store::audit(tx, now, &actor.user_id, "ticket_read", &ticket.id, &detail))?;
        }
        Ok(view_for(actor, ticket, events, policy))
    }

    /// The tickets the caller may see that match `filter`; a search of
    /// more than [`ticket_store::MAX_QUERY_CHARS`] characters is refused.
    pub fn list_tickets(&self, caller: &Caller, filter: &ListFilter) -> AppResult<TicketList> {
        if let Some(q) = &filter.search {
            let length = q.trim().chars().count();
            if length > ticket_store::MAX_QUERY_CHARS {
                return Err(AppError::Unprocessable {
                    code: "query_too_long",
                    message: format!(
                        "the search is {length} characters long; search for at most {} characters (the first {} words of 2 letters or more count)",
                        ticket_store::MAX_QUERY_CHARS,
                        ticket_store::MAX_QUERY_TERMS
                    ),
                    fields: vec!["q".into()],
                });
            }
        }
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
                ActionOutcome::Applied(applied) => {
                    let (ticket, policy) = load(tx, &applied.id)?;
                    let events = ticket_store::events(tx, &ticket.id)?;
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
        tx: &dyn WriteTx,
        actor: &Actor,
        id_or_number: &str,
        op: &Op,
        base_version: Option<u64>,
        client: Option<(&str, u64)>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> AppResult<ActionOutcome> {
        // The ticket without its comments (an op only adds to them), its row
        // held until the transaction ends.
        let head = ticket_store::head_for_change(tx, id_or_number)?.ok_or_else(|| AppError::NotFound(format!("no ticket `{id_or_number}`")))?;
        let (ticket, policy) = (head.ticket, head.policy);
        if !can_read(actor, &ticket) {
            return Err(AppError::NotFound(format!("no ticket `{id_or_number}`")));
        }
        if let Some(base) = base_version.filter(|b| *b < ticket.version && !op.is_comment()) {
            let foreign = ticket_store::foreign_event_kinds_since(tx, &ticket.id, base, client.map(|c| c.0))?;
            if let Some(kind) = foreign.iter().find(|k| CONFLICTING_EVENTS.contains(&k.as_str())) {
                let (ticket, policy) = load(tx, &ticket.id)?;
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
        check_lengths(&op_texts(op))?;
        check_references(tx, op, &ticket)?;
        let op = &cited_attachments(tx, actor, op)?;
        // The policy's figures (e.g. requests before a rejection for no
        // response: 004 §3.5 one, 002 §7.5(2) two), as the client applies them offline.
        let limits = self.policy_stored_at(tx, &policy, head.policy_updated_at)?.workflow_limits();
        let applied = apply_with(&ticket, op, actor, now, limits)?;
        let client_op = client.map(|(id, seq)| format!("{id}:{seq}"));
        let new_comments = &applied.ticket.comments[ticket.comments.len()..];
        ticket_store::save(tx, &applied.ticket, &policy, &applied.events, new_comments, client_op.as_deref())?;
        let buckets = ticket_buckets(&applied.ticket);
        if buckets == ticket_buckets(&ticket) {
            // Its memberships are the buckets it was saved with: nothing to read.
            changes::record_same_buckets(tx, EntityKind::Ticket, &applied.ticket.id, Some(applied.ticket.version), &buckets);
        } else {
            changes::record_ticket(tx, &applied.ticket, &buckets)?;
        }
        self.queue_requester_mail(tx, &applied.ticket, &applied.events, now)?;
        let kb_links: Vec<&String> = applied.ticket.kb_links.iter().filter(|k| !ticket.kb_links.contains(k)).collect();
        for article in kb_links {
            store::kb::record_usage(tx, article, &applied.ticket.id, now)?;
        }
        Ok(ActionOutcome::Applied(applied.ticket))
    }
}

/// The groups and users an op hands the ticket to must exist (users also
/// enabled): the workflow cannot know them, and a ticket handed to nobody
/// would be lost to every queue. A user it is assigned to must be able to
/// work it (SPEC §5: access by role and working group): an analyst of the
/// ticket's group or of one of its co-executor groups, or an
/// administrator — never a Self Service user, who would then read the
/// desk's notes; a ticket for another group is handed to that group first.
fn check_references(tx: &dyn WriteTx, op: &Op, ticket: &Ticket) -> AppResult<()> {
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
            None => Err(unknown("unknown_user", "user", format!("no user `{user}`; pick one of the desk's staff"))),
            Some(u) if u.disabled => Err(unknown(
                "user_disabled",
                "user",
                format!("the account of {} is disabled; hand the ticket to someone else", u.display_name),
            )),
            Some(u) => match u.role {
                Role::Administrator => Ok(()),
                Role::SelfService => Err(unknown(
                    "assignee_not_staff",
                    "user",
                    format!(
                        "{} is a Self Service user, not the desk's staff; assign the ticket to an analyst of group `{}`",
                        u.display_name, ticket.group
                    ),
                )),
                Role::Analyst => {
                    let groups = store::users::groups_of(tx, &u.id)?;
                    if groups.iter().any(|g| g.id == ticket.group || ticket.co_executor_groups.contains(&g.id)) {
                        Ok(())
                    } else {
                        Err(unknown(
                            "assignee_not_in_group",
                            "user",
                            format!(
                                "{} is not in group `{}` nor in a co-executor group of the ticket; assign someone of those groups, or hand the ticket to {}'s group first (assign to the group or escalate)",
                                u.display_name, ticket.group, u.display_name
                            ),
                        ))
                    }
                }
            },
        },
        _ => Ok(()),
    }
}

/// The most characters of a ticket's subject.
pub const MAX_SUBJECT: usize = 300;
/// The most characters of a description, an expected or an actual result.
pub const MAX_DESCRIPTION: usize = 20_000;
/// The most characters of a comment and of every other free text of an
/// op (question, answer, note, reason, workaround, resolution, justification).
pub const MAX_TEXT: usize = 10_000;
/// The most characters of a name, code, contact detail or reference
/// (service, group, user, article, ticket, metric, resolution code).
pub const MAX_NAME: usize = 200;
/// The most characters of an attachment's file name.
pub const MAX_FILE_NAME: usize = 255;
/// The most attachments of a ticket (the domain's rule).
pub use helpdesk_domain::attachments::MAX_ATTACHMENTS;

/// Each text with its field (the JSON path) and its limit in characters.
type Texts<'a> = Vec<(String, &'a str, usize)>;

/// Every text over its limit refused at once, by field: 422 `text_too_long`.
/// (The server's rule: the domain sets none, so an offline client learns
/// of a too long text when its op is rejected on sync.)
fn check_lengths(texts: &Texts) -> AppResult<()> {
    let over: Vec<&(String, &str, usize)> = texts.iter().filter(|(_, text, limit)| text.chars().count() > *limit).collect();
    if over.is_empty() {
        return Ok(());
    }
    Err(AppError::Unprocessable {
        code: "text_too_long",
        message: format!(
            "too long: {}; shorten it, or attach the rest as a file",
            over.iter()
                .map(|(field, text, limit)| format!("{field} has {} characters, at most {limit}", text.chars().count()))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        fields: over.iter().map(|(field, _, _)| field.clone()).collect(),
    })
}

fn registration_texts(new: &NewTicket) -> Texts<'_> {
    let r = &new.requester;
    let mut texts: Texts = vec![
        ("subject".into(), new.subject.as_str(), MAX_SUBJECT),
        ("description".into(), new.description.as_str(), MAX_DESCRIPTION),
        ("service".into(), new.service.as_str(), MAX_NAME),
        ("group".into(), new.group.as_str(), MAX_NAME),
        ("requester.name".into(), r.name.as_str(), MAX_NAME),
    ];
    for (field, value, limit) in [
        ("expected_result", &new.expected_result, MAX_DESCRIPTION),
        ("actual_result", &new.actual_result, MAX_DESCRIPTION),
        ("requester.organisation", &r.organisation, MAX_NAME),
        ("requester.edrpou", &r.edrpou, MAX_NAME),
        ("requester.tax_number", &r.tax_number, MAX_NAME),
        ("requester.customs_unit", &r.customs_unit, MAX_NAME),
        ("requester.position", &r.position, MAX_NAME),
        ("requester.email", &r.email, MAX_NAME),
        ("requester.phone", &r.phone, MAX_NAME),
        ("requester.user_id", &r.user_id, MAX_NAME),
    ] {
        if let Some(value) = value {
            texts.push((field.into(), value.as_str(), limit));
        }
    }
    for (i, a) in new.attachments.iter().enumerate() {
        texts.push((format!("attachments[{i}].name"), a.name.as_str(), MAX_FILE_NAME));
    }
    texts
}

fn op_texts(op: &Op) -> Texts<'_> {
    fn text<'a>(field: &str, value: &'a str) -> (String, &'a str, usize) {
        (field.to_string(), value, MAX_TEXT)
    }
    fn name<'a>(field: &str, value: &'a str) -> (String, &'a str, usize) {
        (field.to_string(), value, MAX_NAME)
    }
    let mut texts = match op {
        Op::Take {} | Op::Resume {} | Op::SetComplexity { .. } | Op::Close { .. } => vec![],
        Op::Assign { to: AssignTarget::User(user) } => vec![name("to.user", user)],
        Op::Assign {
            to: AssignTarget::Group(group),
        } => vec![name("to.group", group)],
        Op::Comment { text: t, .. } => vec![text("text", t)],
        Op::RequestInfo { question } => vec![text("question", question)],
        Op::InfoReceived { text: t, .. } | Op::GiveWorkaround { text: t } | Op::RequestConfirmation { text: t } => vec![text("text", t)],
        Op::Postpone { note, .. } => vec![text("note", note)],
        Op::Escalate { group, note, .. } => {
            let mut texts = vec![text("note", note)];
            texts.extend(group.as_deref().map(|g| name("group", g)));
            texts
        }
        Op::AddCoExecutor { group } => vec![name("group", group)],
        Op::SetPriority { note, .. } => note.as_deref().map(|n| text("note", n)).into_iter().collect(),
        Op::ChangeType { note, .. }
        | Op::GrantPaperPermission { note }
        | Op::ProposeReclassification { note, .. }
        | Op::AnswerReclassification { note, .. } => vec![text("note", note)],
        Op::RequestTimelineClarification { text: t } | Op::GiveTimelineConclusion { text: t } => vec![text("text", t)],
        Op::Rate { comment, .. } => vec![text("comment", comment)],
        Op::Resolve { code, text: t, kb } => {
            let mut texts = vec![name("code", code), text("text", t)];
            texts.extend(kb.iter().enumerate().map(|(i, a)| (format!("kb[{i}]"), a.as_str(), MAX_NAME)));
            texts
        }
        Op::Reopen { reason } => vec![text("reason", reason)],
        Op::Reject { reason, note } => {
            let mut texts = vec![text("note", note)];
            if let RejectReason::DuplicateOf { ticket } = reason {
                texts.push(name("reason.duplicate_of.ticket", ticket));
            }
            texts
        }
        Op::LinkKb { article } => vec![name("article", article)],
        Op::LinkTicket { ticket, .. } => vec![name("ticket", ticket)],
        Op::ExtendDeadline { metric, justification, .. } => vec![name("metric", metric), text("justification", justification)],
    };
    let files = op.attachments().iter().enumerate();
    texts.extend(files.map(|(i, a)| (format!("attachments[{i}].name"), a.name.as_str(), MAX_FILE_NAME)));
    texts
}

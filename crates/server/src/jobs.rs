//! Time-based work the policies prescribe: warnings and hierarchical
//! escalation flags at thresholds, auto-close, rejection for no response.
//!
//! [`spawn`] runs [`run_once`] at start and then every minute. Each run
//! looks at every ticket that is not closed, under the policy it is counted
//! by:
//!
//! * **Auto-close** (`timers.auto_close`, SPEC §2.1: 001 — 10 days after the
//!   requester was informed; 002 — 30 working days after two confirmation
//!   requests). A `resolved` ticket is closed with basis `auto` once the
//!   term `after`, counted from the resolution (the last `resolved` event)
//!   under the policy's main calendar, has expired, and the requester was
//!   asked to confirm the solution (`request_confirmation`, recorded as
//!   `confirmation_requested`) at least `min_requests` times within that
//!   term — 002 §14.4 (and §13.19): «не менее 2 (двух) раз за указанный
//!   период»; a request after the term does not count, so a ticket whose
//!   term passed with too few requests stays `resolved` (reported as
//!   `skipped`) until someone closes it — with the requester's agreement
//!   (002 §14.2) or their confirmation. `min_requests` 0 (001) needs none.
//! * **Rejection for no response** (`timers.reject_no_response`, 002 §7.5(2),
//!   004 §3.5). A ticket `awaiting_info` is rejected with reason
//!   `no_response` once the term `after`, counted from the last request for
//!   information, has expired and at least `min_requests` requests were made
//!   in the current wait (`Ticket::info_requests`). The workflow wants the
//!   same number (`Policy::workflow_limits`: 004 one, 002 two), so what
//!   the timer decides the workflow applies.
//! * **Warnings** (SPEC §3.4 rule 11): every threshold the SLA engine
//!   reports as reached on a running or breached clock is recorded once per
//!   (ticket, metric, threshold) as an audit row `sla_warning` (actor
//!   `system`, object the ticket id, detail `{metric, threshold, at, due}`);
//!   the 1.0 threshold is the breach.
//! * **Reclassification deemed agreed** (002 §7.3.4): a proposed change of
//!   type and/or priority the requester did not answer by
//!   `domain::approval::answer_due_for` (one working day, no later than 3
//!   working hours before the resolution deadline) is answered `agreed` by
//!   the system actor, and applies then.
//! * **Hierarchical escalation** (`timers.hierarchical_escalation_at`,
//!   002 §8.2, §13.16): once the used share of the `resolution` metric
//!   reaches the policy's share, an audit row `sla_escalation` is recorded
//!   once per (ticket, metric), naming the group and its leads to alert.
//!
//! Terms count like every other term (SPEC §3.4 rules 2–4): hour units
//! continuously (working ones in the calendar's working time), day units
//! legally — the term begins the day after the start and expires at the
//! close of working hours of its last day. An action happens once `now`
//! is at or after that instant.
//!
//! Actions go through `domain::workflow::apply_with`, under the limits of
//! the ticket's policy, as the system actor (an administrator with user id
//! `system`), each saved with its events and its change-log entry like any
//! other action; one run writes in one transaction, and re-checks each
//! ticket inside it.

use crate::app::tickets::ticket_buckets;
use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::store::changes;
use crate::store::{self, tickets as ticket_store, users};
use chrono::{DateTime, Utc};
use helpdesk_domain::approval::answer_due_for;
use helpdesk_domain::calendar::CalendarError;
use helpdesk_domain::escalation::{hierarchical_escalation, ESCALATION_METRIC};
use helpdesk_domain::ops::Op;
use helpdesk_domain::policy::{CompiledPolicy, TimerRule};
use helpdesk_domain::sla::{evaluate_ticket, ClockState};
use helpdesk_domain::ticket::{CloseBasis, RejectReason, Ticket};
use helpdesk_domain::workflow::{apply_with, Actor, EventKind, Permissions, Role, TicketEvent};
use helpdesk_domain::Status;
use std::sync::Arc;

/// The user id the background work acts and audits as.
pub const SYSTEM_USER: &str = "system";

/// How often [`spawn`]'s task runs.
pub const PERIOD: std::time::Duration = std::time::Duration::from_secs(60);

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobReport {
    /// Tickets looked at (not closed).
    pub examined: usize,
    /// Numbers of the tickets closed automatically.
    pub auto_closed: Vec<String>,
    /// Numbers of the tickets rejected for no response.
    pub rejected: Vec<String>,
    /// Numbers of the tickets whose proposed reclassification was deemed
    /// agreed: no answer in the term of 002 §7.3.4.
    pub deemed_agreed: Vec<String>,
    /// (ticket number, metric, threshold) of the warnings recorded now.
    pub warnings: Vec<(String, String, f64)>,
    /// (ticket number, metric) of the escalation flags recorded now.
    pub escalations: Vec<(String, String)>,
    /// Tickets a timer would act on but may not (with why).
    pub skipped: Vec<String>,
    /// Tickets that could not be evaluated (with why); the run goes on.
    pub errors: Vec<String>,
}

impl JobReport {
    pub fn is_quiet(&self) -> bool {
        self.auto_closed.is_empty() && self.rejected.is_empty() && self.deemed_agreed.is_empty() && self.warnings.is_empty() && self.escalations.is_empty()
    }
}

/// The actor of the background work: an administrator no one signs in as.
pub fn system_actor() -> Actor {
    Actor {
        user_id: SYSTEM_USER.into(),
        role: Role::Administrator,
        groups: vec![],
        permissions: Permissions::default(),
    }
}

/// Starts the background task: one run now, then one every [`PERIOD`].
/// Needs a tokio runtime; without one it only logs that it did not start.
pub fn spawn(app: Arc<App>) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        tracing::warn!("time-based jobs not started: no tokio runtime");
        return;
    };
    let holder = crate::app::auth::new_id("replica-");
    handle.spawn(async move {
        let mut ticker = tokio::time::interval(PERIOD);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            let app = app.clone();
            let holder = holder.clone();
            let outcome = tokio::task::spawn_blocking(move || {
                let now = app.now();
                run_leased(&app, &holder, now).map(Option::unwrap_or_default)
            })
            .await;
            match outcome {
                Ok(Ok(report)) => {
                    if !report.is_quiet() || !report.errors.is_empty() {
                        tracing::info!(
                            auto_closed = report.auto_closed.len(),
                            rejected = report.rejected.len(),
                            deemed_agreed = report.deemed_agreed.len(),
                            warnings = report.warnings.len(),
                            escalations = report.escalations.len(),
                            errors = report.errors.len(),
                            "time-based jobs ran"
                        );
                    }
                    for e in &report.errors {
                        tracing::warn!(error = %e, "time-based jobs: a ticket could not be evaluated");
                    }
                }
                Ok(Err(e)) => tracing::error!(error = %e, "time-based jobs failed"),
                Err(e) => tracing::error!(error = %e, "time-based jobs panicked"),
            }
        }
    });
}

/// The name of the timed jobs' lease.
pub const LEASE: &str = "timed-jobs";

/// One run of the timed jobs by the replica `holder`, if it holds their
/// lease (taken or renewed now, for three periods): with several replicas
/// on one database, one runs the jobs. `None` when another holds it.
pub fn run_leased(app: &App, holder: &str, now: DateTime<Utc>) -> AppResult<Option<JobReport>> {
    let lease_until = now + chrono::Duration::from_std(PERIOD * 3).unwrap_or_default();
    if !app.store.write(|tx| store::take_lease(tx, LEASE, holder, now, lease_until))? {
        return Ok(None);
    }
    let report = run_once(app, now)?;
    app.purge_sent_mail(now)?;
    Ok(Some(report))
}

/// What a run decided to do about one ticket.
enum Action {
    AutoClose,
    RejectNoResponse,
    /// 002 §7.3.4: the requester did not answer a proposed reclassification in time.
    DeemAgreed,
}

fn threshold_key(threshold: f64) -> String {
    format!("{threshold:.4}")
}

/// The last instant an event of `kind` was recorded.
fn last_event_at(events: &[TicketEvent], pred: impl Fn(&EventKind) -> bool) -> Option<DateTime<Utc>> {
    events.iter().rev().find(|e| pred(&e.kind)).map(|e| e.at)
}

/// Decides the timers' action on a ticket as of `now`.
fn due_action(
    policy: &CompiledPolicy,
    ticket: &Ticket,
    events: &[TicketEvent],
    now: DateTime<Utc>,
    skipped: &mut Vec<String>,
) -> Result<Option<Action>, CalendarError> {
    // 002 §7.3.4: no answer within a working day, and no later than 3
    // working hours before the resolution deadline → deemed agreed.
    if let (Some(pending), false) = (&ticket.pending_reclassification, ticket.status.stops_clock()) {
        let report = evaluate_ticket(policy, ticket, events, now).ok();
        if now >= answer_due_for(policy, report.as_ref(), pending.asked_at)? {
            return Ok(Some(Action::DeemAgreed));
        }
    }
    let Some(timers) = &policy.policy.timers else { return Ok(None) };
    let calendar = policy.main_calendar();
    match ticket.status {
        Status::Resolved => {
            let Some(TimerRule { after, min_requests }) = &timers.auto_close else {
                return Ok(None);
            };
            let Some(resolved) = last_event_at(events, |k| matches!(k, EventKind::Resolved { .. })).or(ticket.resolved_at) else {
                return Ok(None);
            };
            let term_end = calendar.term_end(resolved, *after)?;
            if now < term_end {
                return Ok(None);
            }
            // 002 §14.4: the confirmation requests made within the term.
            let requests = events
                .iter()
                .filter(|e| (resolved..=term_end).contains(&e.at) && matches!(e.kind, EventKind::ConfirmationRequested { .. }))
                .count() as u32;
            if requests < *min_requests {
                skipped.push(format!(
                    "{}: the auto-close term ended with {requests} confirmation request(s); the policy wants {min_requests} within it (002 §14.4) — close it by agreement or ask the requester to confirm",
                    ticket.number
                ));
                return Ok(None);
            }
            Ok(Some(Action::AutoClose))
        }
        Status::AwaitingInfo => {
            let Some(TimerRule { after, min_requests }) = &timers.reject_no_response else {
                return Ok(None);
            };
            let Some(asked) = last_event_at(events, |k| matches!(k, EventKind::InfoRequested { .. })) else {
                return Ok(None);
            };
            if now < calendar.term_end(asked, *after)? || ticket.info_requests < *min_requests {
                return Ok(None);
            }
            Ok(Some(Action::RejectNoResponse))
        }
        _ => Ok(None),
    }
}

/// One run of the time-based work as of `now`.
pub fn run_once(app: &App, now: DateTime<Utc>) -> AppResult<JobReport> {
    let mut report = JobReport::default();
    // Read and decide on a snapshot; act in one write transaction after.
    struct Decision {
        id: String,
        action: Action,
    }
    struct Flag {
        ticket: String,
        number: String,
        metric: String,
        action: &'static str,
        detail: serde_json::Value,
    }
    let mut decisions: Vec<Decision> = Vec::new();
    let mut flags: Vec<Flag> = Vec::new();
    let done = app.store.read(store::recorded_sla_flags)?;
    let ids = app.store.read(ticket_store::open_ticket_ids)?;
    report.examined = ids.len();
    for chunk in ids.chunks(500) {
        let loaded = app.store.read(|conn| {
            let mut out = Vec::with_capacity(chunk.len());
            for id in chunk {
                if let Some((ticket, policy)) = ticket_store::head(conn, id)? {
                    let events = ticket_store::events(conn, id)?;
                    out.push((ticket, policy, events));
                }
            }
            Ok::<_, AppError>(out)
        })?;
        for (ticket, policy_id, events) in loaded {
            let policy = match app.policy(&policy_id) {
                Ok(p) => p,
                Err(e) => {
                    report.errors.push(format!("{}: {e}", ticket.number));
                    continue;
                }
            };
            match due_action(&policy, &ticket, &events, now, &mut report.skipped) {
                Ok(Some(action)) => decisions.push(Decision { id: ticket.id.clone(), action }),
                Ok(None) => {}
                Err(e) => report.errors.push(format!("{}: {e}", ticket.number)),
            }
            let sla = match evaluate_ticket(&policy, &ticket, &events, now) {
                Ok(sla) => sla,
                Err(e) => {
                    report.errors.push(format!("{}: {e}", ticket.number));
                    continue;
                }
            };
            // 002 §8.2, §13.16: the domain's rule, as the laptops apply it.
            let escalation = hierarchical_escalation(&policy, &sla).filter(|e| e.due);
            for metric in &sla.metrics {
                let live = metric.stopped_at.is_none() && matches!(metric.state, ClockState::Running | ClockState::Breached);
                if !live {
                    continue;
                }
                for w in metric.warnings.iter().filter(|w| w.reached) {
                    let key = threshold_key(w.threshold);
                    if done.contains(&format!("{}|{}|{key}", ticket.id, metric.name)) {
                        continue;
                    }
                    flags.push(Flag {
                        ticket: ticket.id.clone(),
                        number: ticket.number.clone(),
                        metric: metric.name.clone(),
                        action: "sla_warning",
                        detail: serde_json::json!({
                            "metric": metric.name,
                            "key": key,
                            "threshold": w.threshold,
                            "breach": w.threshold >= 1.0,
                            "at": w.at,
                            "due": metric.due,
                            "group": ticket.group,
                            "owner": ticket.owner,
                        }),
                    });
                }
                if let (Some(escalation), ESCALATION_METRIC) = (&escalation, metric.name.as_str()) {
                    let key = "escalation".to_string();
                    if !done.contains(&format!("{}|{}|{key}", ticket.id, metric.name)) {
                        flags.push(Flag {
                            ticket: ticket.id.clone(),
                            number: ticket.number.clone(),
                            metric: metric.name.clone(),
                            action: "sla_escalation",
                            detail: serde_json::json!({
                                "metric": metric.name,
                                "key": key,
                                "share": escalation.share,
                                "used_share": escalation.used_share,
                                "due": metric.due,
                                "group": ticket.group,
                                "line": ticket.line,
                            }),
                        });
                    }
                }
            }
        }
    }
    if decisions.is_empty() && flags.is_empty() {
        return Ok(report);
    }
    let actor = system_actor();
    // What the transaction did: built afresh should it run again.
    let done = app.store.write(|tx| {
        let mut done = JobReport::default();
        for d in &decisions {
            // Re-check inside the transaction: someone may have acted since the snapshot.
            let Some((ticket, policy_id)) = ticket_store::head_for_update(tx, &d.id)? else {
                continue;
            };
            let events = ticket_store::events(tx, &d.id)?;
            let policy = app.policy_in(tx, &policy_id)?;
            let mut ignored = Vec::new();
            let still = matches!(
                (due_action(&policy, &ticket, &events, now, &mut ignored), &d.action),
                (Ok(Some(Action::AutoClose)), Action::AutoClose)
                    | (Ok(Some(Action::RejectNoResponse)), Action::RejectNoResponse)
                    | (Ok(Some(Action::DeemAgreed)), Action::DeemAgreed)
            );
            if !still {
                continue;
            }
            let (op, audit_action) = match d.action {
                Action::AutoClose => (Op::Close { basis: CloseBasis::Auto }, "auto_close"),
                Action::RejectNoResponse => (
                    Op::Reject {
                        reason: RejectReason::NoResponse,
                        note: format!(
                            "Автоматично: користувач не відповів на {} запит(и) інформації у строк, визначений політикою {policy_id}",
                            ticket.info_requests
                        ),
                    },
                    "auto_reject",
                ),
                Action::DeemAgreed => (
                    Op::AnswerReclassification {
                        agreed: true,
                        note: "Автоматично: заявник не відповів у строк, зміну класифікації вважають погодженою (002 §7.3.4)".into(),
                    },
                    "reclassification_deemed_agreed",
                ),
            };
            let applied = match apply_with(&ticket, &op, &actor, now, policy.workflow_limits()) {
                Ok(a) => a,
                Err(refusal) => {
                    done.errors.push(format!("{}: {refusal}", ticket.number));
                    continue;
                }
            };
            let new_comments = &applied.ticket.comments[ticket.comments.len()..];
            ticket_store::save(tx, &applied.ticket, &policy_id, &applied.events, new_comments, None)?;
            changes::record_ticket(tx, &applied.ticket, &ticket_buckets(&applied.ticket))?;
            app.queue_requester_mail(tx, &applied.ticket, &applied.events, now)?;
            store::audit(
                tx,
                now,
                SYSTEM_USER,
                audit_action,
                &applied.ticket.id,
                &serde_json::json!({ "policy": policy_id }),
            )?;
            match d.action {
                Action::AutoClose => done.auto_closed.push(applied.ticket.number.clone()),
                Action::RejectNoResponse => done.rejected.push(applied.ticket.number.clone()),
                Action::DeemAgreed => done.deemed_agreed.push(applied.ticket.number.clone()),
            }
        }
        for f in &flags {
            let mut detail = f.detail.clone();
            if f.action == "sla_escalation" {
                let group = detail["group"].as_str().unwrap_or_default().to_string();
                let leads: Vec<String> = users::members_of(tx, &group)?
                    .into_iter()
                    .filter(|id| users::user_by_id(tx, id).ok().flatten().is_some_and(|u| u.permissions.group_lead))
                    .collect();
                detail["leads"] = serde_json::json!(leads);
            }
            store::audit(tx, now, SYSTEM_USER, f.action, &f.ticket, &detail)?;
            if f.action == "sla_warning" {
                let threshold = detail["threshold"].as_f64().unwrap_or_default();
                done.warnings.push((f.number.clone(), f.metric.clone(), threshold));
            } else {
                done.escalations.push((f.number.clone(), f.metric.clone()));
            }
        }
        Ok::<_, AppError>(done)
    })?;
    report.errors.extend(done.errors);
    report.auto_closed.extend(done.auto_closed);
    report.rejected.extend(done.rejected);
    report.deemed_agreed.extend(done.deemed_agreed);
    report.warnings.extend(done.warnings);
    report.escalations.extend(done.escalations);
    Ok(report)
}

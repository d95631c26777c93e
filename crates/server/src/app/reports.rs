//! Reports: the KPIs of 000 §13.6 by working group and in total.
//!
//! For the tickets registered in `[from, to)`, as of now:
//! - `breached`: any metric of the ticket's SLA is breached (SLA engine,
//!   ticket's policy and audit trail);
//! - `within_sla`: the ticket has SLA metrics and none is breached (a
//!   running clock that has not run out counts as within, so far);
//! - `share_within_sla` = within / (within + breached), `breach_rate` =
//!   breached / (within + breached): tickets without any SLA metric (e.g.
//!   a policy with no rule for their type) are counted in `tickets` only;
//! - `mttr_seconds`: mean of `resolved_at − registered_at` over tickets
//!   resolved (or closed after resolution) — `resolved` counts them.

use super::auth::Caller;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::users;
use chrono::{DateTime, Utc};
use helpdesk_domain::policy::CompiledPolicy;
use helpdesk_domain::sla::{evaluate_ticket, ClockState};
use helpdesk_domain::workflow::Role;
use helpdesk_protocol::{KpiReport, KpiRow};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Default, Clone)]
struct Tally {
    tickets: u64,
    resolved: u64,
    within: u64,
    breached: u64,
    resolve_seconds: f64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.tickets += other.tickets;
        self.resolved += other.resolved;
        self.within += other.within;
        self.breached += other.breached;
        self.resolve_seconds += other.resolve_seconds;
    }

    fn row(&self, group: &str) -> KpiRow {
        let decided = self.within + self.breached;
        let share = |n: u64, d: u64| (d > 0).then(|| n as f64 / d as f64);
        KpiRow {
            group: group.to_string(),
            tickets: self.tickets,
            resolved: self.resolved,
            within_sla: self.within,
            breached: self.breached,
            share_within_sla: share(self.within, decided),
            breach_rate: share(self.breached, decided),
            mttr_seconds: (self.resolved > 0).then(|| self.resolve_seconds / self.resolved as f64),
        }
    }
}

impl App {
    /// KPIs of the tickets registered in `[from, to)`: of `group`, or of
    /// every group the caller may report on (administrators: all; analysts:
    /// their own groups).
    pub fn kpi_report(&self, caller: &Caller, from: DateTime<Utc>, to: DateTime<Utc>, group: Option<&str>) -> AppResult<KpiReport> {
        let actor = &caller.actor;
        if from >= to {
            return Err(AppError::bad_request("bad_period", "`from` must be earlier than `to`"));
        }
        let groups: Vec<String> = match actor.role {
            Role::SelfService => return Err(AppError::Forbidden("reports are for the service desk".into())),
            Role::Administrator => self.store.read(users::list_groups)?.into_iter().map(|g| g.id).collect(),
            Role::Analyst => actor.groups.iter().map(|m| m.group.clone()).collect(),
        };
        let groups = match group.map(str::trim).filter(|g| !g.is_empty()) {
            Some(g) if groups.iter().any(|x| x == g) => vec![g.to_string()],
            Some(g) => {
                let exists = self.store.read(|conn| users::group(conn, g))?.is_some();
                return Err(if exists && actor.role == Role::Analyst {
                    AppError::Forbidden(format!("you report on your own working groups only, not on `{g}`"))
                } else {
                    AppError::NotFound(format!("no working group `{g}`"))
                });
            }
            None => groups,
        };
        let now = self.now();
        let tickets = self.store.read(|conn| crate::store::tickets::registered_between(conn, &groups, from, to))?;
        let mut policies: HashMap<String, Arc<CompiledPolicy>> = HashMap::new();
        let mut tallies: BTreeMap<String, Tally> = groups.iter().map(|g| (g.clone(), Tally::default())).collect();
        for (ticket, policy_id, trail) in tickets {
            let policy = match policies.get(&policy_id) {
                Some(p) => Some(p.clone()),
                None => match self.policy(&policy_id) {
                    Ok(p) => {
                        policies.insert(policy_id.clone(), p.clone());
                        Some(p)
                    }
                    Err(e) => {
                        tracing::warn!(ticket = %ticket.number, policy = %policy_id, error = %e, "KPI: ticket's policy unavailable");
                        None
                    }
                },
            };
            let tally = tallies.entry(ticket.group.clone()).or_default();
            tally.tickets += 1;
            if let Some(resolved_at) = ticket.resolved_at {
                tally.resolved += 1;
                tally.resolve_seconds += (resolved_at - ticket.registered_at).num_milliseconds().max(0) as f64 / 1000.0;
            }
            let Some(policy) = policy else { continue };
            match evaluate_ticket(&policy, &ticket, &trail, now) {
                Ok(report) if report.metrics.is_empty() => {}
                Ok(report) => {
                    if report.metrics.iter().any(|m| m.state == ClockState::Breached) {
                        tally.breached += 1;
                    } else {
                        tally.within += 1;
                    }
                }
                Err(e) => tracing::warn!(ticket = %ticket.number, error = %e, "KPI: SLA of the ticket cannot be evaluated"),
            }
        }
        let mut total = Tally::default();
        let rows = tallies
            .iter()
            .map(|(group, tally)| {
                total.add(tally);
                tally.row(group)
            })
            .collect();
        Ok(KpiReport {
            from,
            to,
            rows,
            total: total.row("all"),
        })
    }
}

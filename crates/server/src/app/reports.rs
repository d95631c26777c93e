//! Reports: the KPIs of 000 §13.6 and 003 §6.2 by working group, in total,
//! and per period (day, week, month cut at local midnight). The KPI
//! definitions are the domain's (`helpdesk_domain::kpi`); this module
//! gathers the tickets and counts.
//!
//! For the tickets registered in `[from, to)`, as of now:
//! - `breached`: any metric of the ticket's SLA is breached (SLA engine,
//!   ticket's policy and audit trail);
//! - `within_sla`: the ticket has SLA metrics and none is breached (a
//!   running clock that has not run out counts as within, so far);
//! - `share_within_sla` = within / (within + breached), `breach_rate` =
//!   breached / (within + breached): tickets without any SLA metric (e.g.
//!   a policy with no rule for their type) are counted in `tickets` only;
//! - `mttr_seconds`: mean `kpi::resolution_time` (registration → last
//!   resolution) over the tickets resolved (or closed after resolution) —
//!   `resolved` counts them;
//! - `incidents`, `mtbf_seconds`: incidents, and the mean time between
//!   consecutive incidents of the same service (`kpi::mtbf_seconds`).
//!
//! For the chat-bot and portal tickets resolved in `[from, to)` (003 §6.2):
//! `answered`, `mean_answer_seconds`, `answered_from_kb` and its share.
//!
//! For the ratings given in `[from, to)` (003 §6.1.12, §6.2.5): `rated` and
//! `mean_satisfaction` (`helpdesk_domain::satisfaction::ScoreMean`).

use super::auth::Caller;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::users;
use chrono::{DateTime, Utc};
use helpdesk_domain::kpi::{self, Mean, ReportPeriod};
use helpdesk_domain::policy::CompiledPolicy;
use helpdesk_domain::satisfaction::ScoreMean;
use helpdesk_domain::sla::{evaluate_ticket, ClockState};
use helpdesk_domain::ticket::Ticket;
use helpdesk_domain::workflow::Role;
use helpdesk_protocol::{KpiReport, KpiRow, KpiSeries};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The time zone periods and dates of reports are cut in.
pub const REPORT_TZ: chrono_tz::Tz = chrono_tz::Europe::Kyiv;

#[derive(Debug, Default, Clone)]
struct Tally {
    tickets: u64,
    within: u64,
    breached: u64,
    resolution: Mean,
    /// (service, registered_at) of the incidents.
    failures: Vec<(String, DateTime<Utc>)>,
    answer: Mean,
    answered_from_kb: u64,
    satisfaction: ScoreMean,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.tickets += other.tickets;
        self.within += other.within;
        self.breached += other.breached;
        self.resolution.merge(&other.resolution);
        self.failures.extend(other.failures.iter().cloned());
        self.answer.merge(&other.answer);
        self.answered_from_kb += other.answered_from_kb;
        self.satisfaction.merge(&other.satisfaction);
    }

    fn row(&self, group: &str) -> KpiRow {
        let decided = self.within + self.breached;
        let share = |n: u64, d: u64| (d > 0).then(|| n as f64 / d as f64);
        KpiRow {
            group: group.to_string(),
            tickets: self.tickets,
            resolved: self.resolution.count(),
            within_sla: self.within,
            breached: self.breached,
            share_within_sla: share(self.within, decided),
            breach_rate: share(self.breached, decided),
            mttr_seconds: self.resolution.seconds(),
            incidents: self.failures.len() as u64,
            mtbf_seconds: kpi::mtbf_seconds(self.failures.iter().map(|(s, at)| (s.as_str(), *at))),
            answered: self.answer.count(),
            mean_answer_seconds: self.answer.seconds(),
            answered_from_kb: self.answered_from_kb,
            share_answered_from_kb: share(self.answered_from_kb, self.answer.count()),
            rated: self.satisfaction.count(),
            mean_satisfaction: self.satisfaction.mean(),
        }
    }
}

/// What one registered ticket adds to its group's tally.
struct Registered {
    group: String,
    at: DateTime<Utc>,
    breached: Option<bool>,
    resolution: Option<chrono::Duration>,
    failure: Option<String>,
}

/// What one answered (003 §6.2) ticket adds.
struct Answered {
    group: String,
    at: DateTime<Utc>,
    time: chrono::Duration,
    from_kb: bool,
}

/// What one rating adds (003 §6.1.12, §6.2.5).
struct Rated {
    group: String,
    at: DateTime<Utc>,
    score: u8,
}

/// The tickets of a report's range, each evaluated once.
struct Facts {
    registered: Vec<Registered>,
    answered: Vec<Answered>,
    rated: Vec<Rated>,
}

impl Facts {
    /// The rows per group (every group of `groups`, even empty) and their
    /// total, for `[from, to)`.
    fn report(&self, groups: &[String], from: DateTime<Utc>, to: DateTime<Utc>) -> KpiReport {
        let mut tallies: BTreeMap<&str, Tally> = groups.iter().map(|g| (g.as_str(), Tally::default())).collect();
        for r in self.registered.iter().filter(|r| r.at >= from && r.at < to) {
            let tally = tallies.entry(&r.group).or_default();
            tally.tickets += 1;
            match r.breached {
                Some(true) => tally.breached += 1,
                Some(false) => tally.within += 1,
                None => {}
            }
            if let Some(d) = r.resolution {
                tally.resolution.add(d);
            }
            if let Some(service) = &r.failure {
                tally.failures.push((service.clone(), r.at));
            }
        }
        for a in self.answered.iter().filter(|a| a.at >= from && a.at < to) {
            let tally = tallies.entry(&a.group).or_default();
            tally.answer.add(a.time);
            tally.answered_from_kb += u64::from(a.from_kb);
        }
        for r in self.rated.iter().filter(|r| r.at >= from && r.at < to) {
            tallies.entry(&r.group).or_default().satisfaction.add(r.score);
        }
        let mut total = Tally::default();
        let rows = tallies
            .iter()
            .map(|(group, tally)| {
                total.add(tally);
                tally.row(group)
            })
            .collect();
        KpiReport {
            from,
            to,
            rows,
            total: total.row("all"),
        }
    }
}

impl App {
    /// KPIs of `[from, to)`: of `group`, or of every group the caller may
    /// report on (administrators: all; analysts: their own groups).
    pub fn kpi_report(&self, caller: &Caller, from: DateTime<Utc>, to: DateTime<Utc>, group: Option<&str>) -> AppResult<KpiReport> {
        let groups = self.report_groups(caller, from, to, group)?;
        let facts = self.kpi_facts(&groups, from, to)?;
        Ok(facts.report(&groups, from, to))
    }

    /// The same for each period of `[from, to)` and for the whole range.
    pub fn kpi_series(&self, caller: &Caller, from: DateTime<Utc>, to: DateTime<Utc>, period: ReportPeriod, group: Option<&str>) -> AppResult<KpiSeries> {
        let groups = self.report_groups(caller, from, to, group)?;
        let cuts = kpi::periods(from, to, period, REPORT_TZ);
        if cuts.len() >= kpi::MAX_PERIODS {
            return Err(AppError::bad_request(
                "bad_period",
                format!(
                    "the range has more than {} periods of a {}; choose a longer period or a shorter range",
                    kpi::MAX_PERIODS - 1,
                    period.as_str()
                ),
            ));
        }
        let facts = self.kpi_facts(&groups, from, to)?;
        Ok(KpiSeries {
            from,
            to,
            period,
            time_zone: REPORT_TZ.name().to_string(),
            periods: cuts.iter().map(|(a, b)| facts.report(&groups, *a, *b)).collect(),
            overall: facts.report(&groups, from, to),
            groups,
        })
    }

    fn report_groups(&self, caller: &Caller, from: DateTime<Utc>, to: DateTime<Utc>, group: Option<&str>) -> AppResult<Vec<String>> {
        let actor = &caller.actor;
        if from >= to {
            return Err(AppError::bad_request("bad_period", "`from` must be earlier than `to`"));
        }
        let groups: Vec<String> = match actor.role {
            Role::SelfService => return Err(AppError::Forbidden("reports are for the service desk".into())),
            Role::Administrator => self.store.read(users::list_groups)?.into_iter().map(|g| g.id).collect(),
            Role::Analyst => actor.groups.iter().map(|m| m.group.clone()).collect(),
        };
        match group.map(str::trim).filter(|g| !g.is_empty()) {
            Some(g) if groups.iter().any(|x| x == g) => Ok(vec![g.to_string()]),
            Some(g) => {
                let exists = self.store.read(|conn| users::group(conn, g))?.is_some();
                Err(if exists && actor.role == Role::Analyst {
                    AppError::Forbidden(format!("you report on your own working groups only, not on `{g}`"))
                } else {
                    AppError::NotFound(format!("no working group `{g}`"))
                })
            }
            None => Ok(groups),
        }
    }

    fn kpi_facts(&self, groups: &[String], from: DateTime<Utc>, to: DateTime<Utc>) -> AppResult<Facts> {
        let now = self.now();
        let registered = self.store.read(|conn| crate::store::tickets::registered_between(conn, groups, from, to))?;
        let answered = self.store.read(|conn| crate::store::kpi::resolved_between(conn, groups, from, to))?;
        let mut policies: HashMap<String, Option<Arc<CompiledPolicy>>> = HashMap::new();
        let mut facts = Facts {
            registered: Vec::with_capacity(registered.len()),
            answered: Vec::new(),
            rated: Vec::new(),
        };
        for (ticket, policy_id, trail) in registered {
            let policy = policies
                .entry(policy_id.clone())
                .or_insert_with(|| match self.policy(&policy_id) {
                    Ok(p) => Some(p),
                    Err(e) => {
                        tracing::warn!(ticket = %ticket.number, policy = %policy_id, error = %e, "KPI: ticket's policy unavailable");
                        None
                    }
                })
                .clone();
            let breached = policy.and_then(|policy| match evaluate_ticket(&policy, &ticket, &trail, now) {
                Ok(report) if report.metrics.is_empty() => None,
                Ok(report) => Some(report.metrics.iter().any(|m| m.state == ClockState::Breached)),
                Err(e) => {
                    tracing::warn!(ticket = %ticket.number, error = %e, "KPI: SLA of the ticket cannot be evaluated");
                    None
                }
            });
            facts.registered.push(Registered {
                resolution: ticket.resolved_at.map(|at| kpi::resolution_time(ticket.registered_at, at)),
                failure: kpi::is_failure(ticket.ticket_type).then(|| ticket.service.clone()),
                group: ticket.group,
                at: ticket.registered_at,
                breached,
            });
        }
        facts.answered = answered.into_iter().filter_map(answered_fact).collect();
        let rated = self.store.read(|conn| crate::store::kpi::rated_between(conn, groups, from, to))?;
        facts.rated = rated
            .into_iter()
            .filter_map(|t| {
                let s = t.satisfaction?;
                Some(Rated {
                    group: t.group,
                    at: s.at,
                    score: s.score,
                })
            })
            .collect();
        Ok(facts)
    }
}

fn answered_fact(ticket: Ticket) -> Option<Answered> {
    if !kpi::counts_for_s6_2(ticket.channel) {
        return None;
    }
    let at = ticket.resolved_at?;
    Some(Answered {
        time: kpi::resolution_time(ticket.registered_at, at),
        from_kb: kpi::answered_from_kb(&ticket.kb_links),
        group: ticket.group,
        at,
    })
}

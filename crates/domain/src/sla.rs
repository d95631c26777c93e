//! The SLA engine: replays a ticket's clock events under a policy and tells,
//! for each metric, its deadline, state, the warnings it raised or will
//! raise, and the steps that explain the deadline (SPEC §3.3–§3.4).
//!
//! One clock per metric. Worked time is always re-measured from the clock's
//! running segments, so a change of target (priority, workaround,
//! complexity) only changes the budget, never the history.

use crate::calendar::{Calendar, CalendarError};
use crate::milestone::Milestone;
use crate::model::{Complexity, Line, Status, TicketType};
use crate::policy::{CompiledPolicy, MetricSpec, Start, Stop, Term, TicketClass};
use crate::priority::Priority;
use crate::target::{Target, Unit};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod explain;
mod reclassify;
pub use reclassify::TypeChangeEffect;

/// What happened to a ticket, as far as the clocks care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClockEvent {
    #[serde(with = "crate::timestamp")]
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub kind: ClockEventKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClockEventKind {
    /// The request reached the desk (e-mail arrived, call answered).
    Received,
    /// The ticket was registered, onto a group of `line` when known: a
    /// ticket registered straight onto an L2 group reaches L2 then (003 §4.10).
    Registered {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        line: Option<Line>,
    },
    Status {
        to: Status,
    },
    Priority {
        to: Priority,
    },
    Complexity {
        to: Complexity,
    },
    /// The type (category) was corrected (002 §7.3.2–7.3.5).
    Type {
        to: TicketType,
    },
    /// A counted moment: a policy's metric starts or stops `on:` it.
    Milestone {
        name: Milestone,
    },
    Workaround,
    Escalated {
        line: Option<Line>,
    },
    DeadlineExtended {
        metric: String,
        #[ts(type = "string")]
        until: DateTime<Utc>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    NotStarted,
    Running,
    Paused,
    Met,
    Breached,
    /// The regulation sets no term for this ticket (002 Table 3: «-»): no
    /// deadline, no warnings.
    NoTerm,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Warning {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    /// Share of the target; 1.0 is the breach.
    pub threshold: f64,
    /// Reached at or before `now`; otherwise the time it will be reached
    /// if nothing changes.
    pub reached: bool,
}

/// One step of the reasoning behind a deadline, for `--explain` and the
/// ticket view. Rendered in the user's language by the front ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// Rule 1: where the term began.
    Started {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        cause: String,
    },
    /// The target the policy gives this ticket.
    Target {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        term: String,
        /// None for a ticket without a priority, under a policy whose terms
        /// do not read it.
        priority: Option<Priority>,
        complexity: Option<Complexity>,
        workaround: bool,
        /// The term is a stand-in, not the regulation's figure: why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        placeholder: Option<String>,
    },
    /// No rule of the policy gives a term (e.g. "by agreement").
    NoTarget {
        #[ts(type = "string")]
        at: DateTime<Utc>,
    },
    /// Rule 2: hour units from the first working moment.
    HourCount {
        #[ts(type = "string")]
        from: DateTime<Utc>,
        #[ts(type = "string")]
        first_working: DateTime<Utc>,
        #[ts(type = "string")]
        due: DateTime<Utc>,
    },
    /// Rule 3: day units — the term begins the day after the start.
    DayCount {
        #[ts(type = "string")]
        start_date: NaiveDate,
        #[ts(type = "string")]
        last_day: NaiveDate,
        #[ts(type = "string")]
        due: DateTime<Utc>,
        #[ts(type = "Array<string>")]
        holidays: Vec<NaiveDate>,
        working_days: bool,
    },
    /// Rule 5: a pause moved the deadline later.
    Paused {
        #[ts(type = "string")]
        from: DateTime<Utc>,
        #[ts(type = "string | null")]
        to: Option<DateTime<Utc>>,
        status: Status,
        added_seconds: i64,
    },
    /// Rule 6: lowered — recomputed from the start, worked time kept.
    PriorityLowered {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: Option<Priority>,
        to: Priority,
        worked_seconds: i64,
    },
    /// Rule 6: raised — the clock restarts at the raise.
    PriorityRaised {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: Option<Priority>,
        to: Priority,
    },
    /// The priority changed but the target did not.
    PriorityKeptTarget {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: Option<Priority>,
        to: Priority,
    },
    /// Rule 7: workaround — the "with workaround" target from the start.
    Workaround {
        #[ts(type = "string")]
        at: DateTime<Utc>,
    },
    ComplexityChanged {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        to: Complexity,
    },
    /// 002 §7.3.5 applied to a change of type: a longer term is counted
    /// from the start with the worked time kept, a shorter one restarts at
    /// the change.
    TypeChanged {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: TicketType,
        to: TicketType,
        effect: TypeChangeEffect,
    },
    Extended {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        #[ts(type = "string")]
        until: DateTime<Utc>,
    },
    /// The deadline was held at the policy's maximum from the start.
    Capped {
        term: String,
        #[ts(type = "string")]
        due: DateTime<Utc>,
    },
    Stopped {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        by: String,
    },
    Resumed {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        /// Why work resumed: a reopening, the end of a postponement, a
        /// hand-over… (absent in reports stored before it was recorded).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        cause: Option<ResumeCause>,
    },
}

/// Why a stopped clock runs again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResumeCause {
    /// The requester reopened a resolved ticket (000 §19; 002 §14.1).
    Reopened,
    /// Work resumed after a postponement.
    PostponementEnded,
    /// The requester answered a request for information.
    InformationReceived,
    /// The ticket was handed over to another line or group.
    HandedOver { line: Option<Line> },
    /// Any other return to work, from the status the clock stopped in.
    StatusChanged { from: Status, to: Status },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MetricReport {
    pub name: String,
    /// The target in force, e.g. `3 working days`; `by agreement`.
    pub target: Option<String>,
    #[ts(type = "string | null")]
    pub due: Option<DateTime<Utc>>,
    pub state: ClockState,
    #[ts(type = "string | null")]
    pub started_at: Option<DateTime<Utc>>,
    #[ts(type = "string | null")]
    pub stopped_at: Option<DateTime<Utc>>,
    /// Counted time so far: working seconds for working units, elapsed
    /// seconds for calendar units.
    pub elapsed_working_seconds: i64,
    pub remaining_working_seconds: i64,
    /// Share of the target used, for colouring countdowns.
    pub used_share: Option<f64>,
    pub warnings: Vec<Warning>,
    pub steps: Vec<Step>,
    /// The target in force is a placeholder, not the regulation's figure
    /// (the policy's reason; empty when it gave none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub placeholder: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SlaReport {
    pub metrics: Vec<MetricReport>,
    /// The next instant at which a warning fires or a state changes, if
    /// nothing else happens: a notifier may sleep until then.
    #[ts(type = "string | null")]
    pub next_change: Option<DateTime<Utc>>,
}

impl SlaReport {
    /// The clock a one-line view of the ticket shows (a queue's row): while
    /// the ticket is open, the clock still going — running, paused, or
    /// breached and not stopped — with the earliest deadline (reaction while
    /// it runs, then resolution), else the first; once the ticket is
    /// resolved or closed, a breached clock, else the last. A clock that
    /// was breached and then stopped (a reaction taken late) is over: an
    /// open ticket shows the clock that still counts.
    pub fn headline(&self, ticket_stopped: bool) -> Option<&MetricReport> {
        if ticket_stopped {
            return self.metrics.iter().find(|m| m.state == ClockState::Breached).or(self.metrics.last());
        }
        let active = |m: &&MetricReport| match m.state {
            ClockState::Running | ClockState::Paused => true,
            ClockState::Breached => m.stopped_at.is_none(),
            _ => false,
        };
        let mut best: Option<&MetricReport> = None;
        for metric in self.metrics.iter().filter(active) {
            best = match (best, metric.due) {
                (None, _) => Some(metric),
                (Some(b), Some(due)) if b.due.is_none_or(|best_due| due < best_due) => Some(metric),
                (kept, _) => kept,
            };
        }
        best.or(self.metrics.first())
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SlaError {
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error("events are out of order: event {index} at {at} is earlier than the one before it")]
    OutOfOrder { index: usize, at: DateTime<Utc> },
}

/// Replays `events` (in recorded order; equal instants keep that order,
/// rule 10) for a ticket that starts as `class`, and reports every metric
/// of the policy that applies to it, as of `now`.
pub fn evaluate(policy: &CompiledPolicy, class: &TicketClass, events: &[ClockEvent], now: DateTime<Utc>) -> Result<SlaReport, SlaError> {
    for (index, pair) in events.windows(2).enumerate() {
        if pair[1].at < pair[0].at {
            return Err(SlaError::OutOfOrder {
                index: index + 1,
                at: pair[1].at,
            });
        }
    }
    let mut ticket = TicketState {
        class: class.clone(),
        type_before: class.ticket_type,
        workaround: false,
        status: Status::New,
        line: None,
        escalated: None,
    };
    let mut clocks: Vec<Clock> = policy.policy.metrics.iter().map(|m| Clock::new(m, policy)).collect();

    for event in events.iter().filter(|e| e.at <= now) {
        let previous_priority = ticket.class.priority;
        ticket.type_before = ticket.class.ticket_type;
        match &event.kind {
            ClockEventKind::Type { to } => ticket.class.ticket_type = *to,
            ClockEventKind::Status { to } => ticket.status = *to,
            ClockEventKind::Priority { to } => ticket.class.priority = Some(*to),
            ClockEventKind::Complexity { to } => ticket.class.complexity = Some(*to),
            ClockEventKind::Workaround => ticket.workaround = true,
            ClockEventKind::Registered { line } => ticket.line = *line,
            ClockEventKind::Escalated { line } => {
                if let Some(line) = line {
                    ticket.line = Some(*line);
                }
                ticket.escalated = Some((event.at, *line));
            }
            _ => {}
        }
        for i in 0..clocks.len() {
            clocks[i].apply(event, previous_priority, &ticket)?;
            // A metric met now starts the metrics that wait for it.
            if let Some(met_at) = clocks[i].just_stopped.take() {
                let name = clocks[i].spec.name.clone();
                for later in clocks.iter_mut().skip(i + 1) {
                    if later.spec.start == Start::MetricMet(name.clone()) && later.start.is_none() {
                        later.begin(met_at, format!("met:{name}"), &ticket)?;
                    }
                }
            }
        }
    }

    let mut metrics = Vec::new();
    let mut next_change: Option<DateTime<Utc>> = None;
    for clock in &clocks {
        if let Some(report) = clock.report(now)? {
            if matches!(report.state, ClockState::Running) {
                for w in report.warnings.iter().filter(|w| !w.reached) {
                    let wake = if w.threshold >= 1.0 { w.at + Duration::seconds(1) } else { w.at };
                    next_change = Some(next_change.map_or(wake, |n| n.min(wake)));
                }
            }
            metrics.push(report);
        }
    }
    Ok(SlaReport { metrics, next_change })
}

struct TicketState {
    class: TicketClass,
    /// The type before the event being applied (for a change of type).
    type_before: TicketType,
    workaround: bool,
    status: Status,
    /// The support line the ticket is on, once known.
    line: Option<Line>,
    /// The last hand-over, and to which line.
    escalated: Option<(DateTime<Utc>, Option<Line>)>,
}

#[derive(Clone)]
struct Clock<'p> {
    spec: &'p MetricSpec,
    policy: &'p CompiledPolicy,
    calendar: &'p Calendar,
    /// Start of the current count (moved by a priority raise).
    start: Option<DateTime<Utc>>,
    first_start: Option<DateTime<Utc>>,
    term: Option<Term>,
    /// Why the term in force is a placeholder, if it is one.
    placeholder: Option<&'p str>,
    budget: i64,
    extension: i64,
    cap: Option<DateTime<Utc>>,
    segments: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    running_since: Option<DateTime<Utc>>,
    paused: Option<(DateTime<Utc>, Status)>,
    stopped: Option<DateTime<Utc>>,
    /// The status whose entry stopped the clock, for the cause of a resumption.
    stopped_in: Option<Status>,
    final_stop: bool,
    just_stopped: Option<DateTime<Utc>>,
    /// When each threshold was reached, once reached (rule 11).
    reached: Vec<Option<DateTime<Utc>>>,
    /// Thresholds may not count as reached before this instant (a
    /// recomputed budget reaches them now, not in the past).
    recomputed_at: Option<DateTime<Utc>>,
    steps: Vec<Step>,
}

impl<'p> Clock<'p> {
    fn new(spec: &'p MetricSpec, policy: &'p CompiledPolicy) -> Clock<'p> {
        Clock {
            spec,
            policy,
            calendar: policy.calendar_for(spec),
            start: None,
            first_start: None,
            term: None,
            placeholder: None,
            budget: 0,
            extension: 0,
            cap: None,
            segments: Vec::new(),
            running_since: None,
            paused: None,
            stopped: None,
            stopped_in: None,
            final_stop: false,
            just_stopped: None,
            reached: vec![None; policy.thresholds.len()],
            recomputed_at: None,
            steps: Vec::new(),
        }
    }

    fn unit(&self) -> Unit {
        match self.term {
            Some(Term::Fixed(t)) => t.unit,
            _ => Unit::WorkingHours,
        }
    }

    /// Counted time in `[a, b)` in the measure of the current unit.
    fn measure(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        if b <= a {
            0
        } else if self.unit().is_working() {
            self.calendar.working_between(a, b)
        } else {
            (b - a).num_seconds()
        }
    }

    fn advance(&self, from: DateTime<Utc>, amount: i64) -> Result<DateTime<Utc>, CalendarError> {
        if self.unit().is_working() {
            self.calendar.add_working(from, amount)
        } else {
            Ok(from + Duration::seconds(amount))
        }
    }

    /// The deadline of `term` counted from `start` with no pause (rules 2–4).
    fn plain_due(&self, term: Target, start: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        self.calendar.term_end(start, term)
    }

    /// Chooses the target for the ticket as it is now and measures its
    /// budget from the clock's start, recording how it was counted.
    fn choose_target(&mut self, at: DateTime<Utc>, ticket: &TicketState) -> Result<(), CalendarError> {
        let start = self.start.expect("a target is chosen once the clock started");
        let chosen = self.policy.target(self.spec, &ticket.class, ticket.workaround);
        self.term = chosen.map(|c| c.term);
        self.placeholder = chosen.and_then(|c| c.placeholder(self.spec));
        let placeholder = self.placeholder.map(str::to_string);
        match self.term {
            Some(Term::Fixed(target)) => {
                let due = self.plain_due(target, start)?;
                self.budget = self.measure(start, due);
                self.steps.push(Step::Target {
                    at,
                    term: target.to_string(),
                    priority: ticket.class.priority,
                    complexity: ticket.class.complexity,
                    workaround: ticket.workaround,
                    placeholder,
                });
                self.steps.push(self.count_step(target, start, due)?);
            }
            Some(Term::NoTerm) => self.steps.push(Step::Target {
                at,
                term: Term::NoTerm.to_string(),
                priority: ticket.class.priority,
                complexity: ticket.class.complexity,
                workaround: ticket.workaround,
                placeholder,
            }),
            _ => self.steps.push(Step::NoTarget { at }),
        }
        Ok(())
    }

    fn count_step(&self, target: Target, start: DateTime<Utc>, due: DateTime<Utc>) -> Result<Step, CalendarError> {
        let cal = self.calendar;
        Ok(if target.unit.is_days() {
            let start_date = cal.local_date(start);
            let last_day = cal.local_date(due - Duration::seconds(1));
            Step::DayCount {
                start_date,
                last_day,
                due,
                holidays: cal.holidays_between(start_date.succ_opt().unwrap_or(start_date), last_day),
                working_days: target.unit == Unit::WorkingDays,
            }
        } else {
            let first_working = if target.unit.is_working() { first_working_moment(cal, start)? } else { start };
            Step::HourCount {
                from: start,
                first_working,
                due,
            }
        })
    }

    fn begin(&mut self, at: DateTime<Utc>, cause: String, ticket: &TicketState) -> Result<(), CalendarError> {
        self.start = Some(at);
        self.first_start = Some(at);
        self.steps.push(Step::Started { at, cause });
        self.choose_target(at, ticket)?;
        if let (Some(max), Some(Term::Fixed(_))) = (self.spec.max_from_start, self.term) {
            self.cap = Some(self.plain_due(max, at)?);
        }
        if self.spec.pauses.applies(ticket.status, ticket.class.ticket_type) {
            self.paused = Some((at, ticket.status));
        } else {
            self.running_since = Some(at);
        }
        Ok(())
    }

    fn worked(&self, until: DateTime<Utc>) -> i64 {
        let closed: i64 = self.segments.iter().map(|&(a, b)| self.measure(a, b)).sum();
        closed + self.running_since.map_or(0, |r| self.measure(r, until))
    }

    /// Worked time up to `t`, which may lie before the last segment's end.
    fn worked_until(&self, t: DateTime<Utc>) -> i64 {
        let open = self.running_since.map(|r| (r, t));
        self.segments.iter().copied().chain(open).map(|(a, b)| self.measure(a, b.min(t))).sum()
    }

    fn close_segment(&mut self, at: DateTime<Utc>) {
        if let Some(since) = self.running_since.take() {
            if at > since {
                self.segments.push((since, at));
            }
        }
    }

    /// The budget in force as of `reference`: the target's, plus
    /// extensions, held within the policy's maximum from the start.
    fn effective_budget(&self, reference: DateTime<Utc>) -> i64 {
        let budget = self.budget + self.extension;
        let Some(cap) = self.cap else { return budget };
        let to_cap = if cap > reference {
            self.worked(reference) + self.measure(reference, cap)
        } else {
            self.worked_until(cap)
        };
        budget.min(to_cap)
    }

    /// Marks every threshold the clock reached by `at` (rule 11: once).
    fn note_reached(&mut self, at: DateTime<Utc>) -> Result<(), CalendarError> {
        if !matches!(self.term, Some(Term::Fixed(_))) || self.start.is_none() {
            return Ok(());
        }
        let budget = self.effective_budget(at);
        let worked = self.worked(at);
        for (i, &share) in self.policy.thresholds.iter().enumerate() {
            if self.reached[i].is_some() || share >= 1.0 {
                continue;
            }
            let mark = threshold_mark(budget, share);
            if worked >= mark {
                let crossed = self.instant_of(mark, at)?;
                self.reached[i] = Some(self.recomputed_at.map_or(crossed, |r| crossed.max(r)));
            }
        }
        Ok(())
    }

    /// The instant at which the worked time reached `mark`, knowing it has
    /// by `reference`.
    fn instant_of(&self, mark: i64, reference: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        let mut counted = 0;
        let open = self.running_since.map(|r| (r, reference));
        for (a, b) in self.segments.iter().copied().chain(open) {
            let here = self.measure(a, b);
            if counted + here >= mark {
                return self.advance(a, mark - counted).map(|t| t.min(b));
            }
            counted += here;
        }
        Ok(reference)
    }

    fn stop(&mut self, at: DateTime<Utc>, by: String, is_final: bool) -> Result<(), CalendarError> {
        self.note_reached(at)?;
        if let Some((from, status)) = self.paused.take() {
            self.steps.push(Step::Paused {
                from,
                to: Some(at),
                status,
                added_seconds: self.measure(from, at),
            });
        }
        self.close_segment(at);
        self.stopped = Some(at);
        self.final_stop = is_final;
        self.just_stopped = Some(at);
        self.steps.push(Step::Stopped { at, by });
        Ok(())
    }

    fn recompute(&mut self, at: DateTime<Utc>, ticket: &TicketState) -> Result<(), CalendarError> {
        self.note_reached(at)?;
        self.recomputed_at = Some(at);
        self.choose_target(at, ticket)
    }

    fn apply(&mut self, event: &ClockEvent, previous_priority: Option<Priority>, ticket: &TicketState) -> Result<(), CalendarError> {
        let at = event.at;
        if self.start.is_none() {
            let cause = match (&self.spec.start, &event.kind) {
                (Start::Received, ClockEventKind::Received) => Some("received".to_string()),
                (Start::Received | Start::Registered, ClockEventKind::Registered { .. }) => Some("registered".to_string()),
                (Start::Escalated(line), ClockEventKind::Escalated { line: Some(to) }) if line == to => Some(format!("escalated:{line}")),
                // Registered straight onto a group of the line: it reached the line then (003 §4.10).
                (Start::Escalated(line), ClockEventKind::Registered { line: Some(to) }) if line == to => Some(format!("registered:{line}")),
                (Start::Status(wanted), ClockEventKind::Status { to }) if wanted == to => Some(format!("status:{to}")),
                (Start::On(wanted), ClockEventKind::Milestone { name }) if wanted == name => Some(format!("on:{name}")),
                (Start::Taken(line), ClockEventKind::Status { to: Status::InProgress }) if ticket.line == Some(*line) => Some(format!("taken:{line}")),
                _ => None,
            };
            if let Some(cause) = cause {
                self.begin(at, cause, ticket)?;
                // Received and registered at once (004 §2.4): the registration
                // that starts the clock also meets it.
                if matches!(event.kind, ClockEventKind::Registered { .. }) && self.spec.stop.contains(&Stop::Registered) {
                    self.stop(at, "registered".into(), true)?;
                }
            }
            return Ok(());
        }
        if self.final_stop {
            return Ok(());
        }
        match &event.kind {
            ClockEventKind::Received | ClockEventKind::Escalated { .. } => {}
            ClockEventKind::Milestone { name } => {
                if self.spec.stop.contains(&Stop::On(*name)) && self.stopped.is_none() {
                    self.stop(at, format!("on:{name}"), true)?;
                }
            }
            ClockEventKind::Registered { .. } => {
                if self.spec.stop.contains(&Stop::Registered) && self.stopped.is_none() {
                    self.stop(at, "registered".into(), true)?;
                }
            }
            ClockEventKind::Status { to } => self.on_status(at, *to, ticket)?,
            ClockEventKind::Priority { to } => {
                let from = previous_priority;
                if Some(*to) == from {
                    return Ok(());
                }
                let new_term = self.policy.target(self.spec, &ticket.class, ticket.workaround).map(|c| c.term);
                if new_term == self.term {
                    self.steps.push(Step::PriorityKeptTarget { at, from, to: *to });
                } else if from.is_none_or(|f| to.is_higher_than(f)) {
                    // Rule 6, raised: restart at the raise; nothing earlier carries
                    // over — also from a term "by agreement" (002 §7.3.5(2)).
                    self.note_reached(at)?;
                    self.steps.push(Step::PriorityRaised { at, from, to: *to });
                    self.restart(at, ticket)?;
                } else {
                    // Rule 6, lowered: from the original start, worked time kept.
                    self.steps.push(Step::PriorityLowered {
                        at,
                        from,
                        to: *to,
                        worked_seconds: self.worked(at),
                    });
                    self.recompute(at, ticket)?;
                }
            }
            ClockEventKind::Complexity { to } => {
                self.steps.push(Step::ComplexityChanged { at, to: *to });
                self.recompute(at, ticket)?;
            }
            ClockEventKind::Type { to } => self.on_type_changed(at, ticket.type_before, *to, ticket)?,
            ClockEventKind::Workaround => {
                self.steps.push(Step::Workaround { at });
                self.recompute(at, ticket)?;
            }
            ClockEventKind::DeadlineExtended { metric, until } => {
                if *metric == self.spec.name && matches!(self.term, Some(Term::Fixed(_))) {
                    let due = self.due(at)?;
                    if *until > due {
                        self.note_reached(at)?;
                        self.extension += self.measure(due, *until);
                        self.steps.push(Step::Extended { at, until: *until });
                    }
                }
            }
        }
        Ok(())
    }

    /// 002 §7.3.5(2): the count starts anew at `at` with the target in
    /// force; nothing earlier carries over.
    fn restart(&mut self, at: DateTime<Utc>, ticket: &TicketState) -> Result<(), CalendarError> {
        let running = self.running_since.is_some();
        self.segments.clear();
        self.extension = 0;
        self.start = Some(at);
        if running {
            self.running_since = Some(at);
        }
        if let Some((_, status)) = self.paused {
            self.paused = Some((at, status));
        }
        self.recomputed_at = Some(at);
        self.choose_target(at, ticket)
    }

    fn on_status(&mut self, at: DateTime<Utc>, to: Status, ticket: &TicketState) -> Result<(), CalendarError> {
        let stops = self.spec.stop.iter().find_map(|s| match s {
            Stop::Status(st) if *st == to => Some((to.to_string(), to == Status::Closed || !self.spec.resumes)),
            Stop::Taken if to == Status::InProgress => Some(("taken".to_string(), true)),
            _ => None,
        });
        if let Some((by, is_final)) = stops {
            if self.stopped.is_none() {
                self.stop(at, by, is_final)?;
                self.stopped_in = Some(to);
            } else if is_final {
                self.final_stop = true;
            }
            return Ok(());
        }
        if self.spec.pauses.applies(to, ticket.class.ticket_type) {
            if self.paused.is_none() && self.stopped.is_none() {
                self.note_reached(at)?;
                self.close_segment(at);
                self.paused = Some((at, to));
            }
            return Ok(());
        }
        // Back to work: end a pause, or resume after a non-final stop (reopen).
        if let Some((from, status)) = self.paused.take() {
            self.steps.push(Step::Paused {
                from,
                to: Some(at),
                status,
                added_seconds: self.measure(from, at),
            });
            self.running_since = Some(at);
        } else if self.stopped.take().is_some() {
            let cause = match (ticket.escalated, self.stopped_in.take()) {
                (Some((when, line)), _) if when == at => ResumeCause::HandedOver { line },
                (_, Some(Status::Resolved)) => ResumeCause::Reopened,
                (_, Some(Status::Postponed)) => ResumeCause::PostponementEnded,
                (_, Some(Status::AwaitingInfo)) => ResumeCause::InformationReceived,
                (_, from) => ResumeCause::StatusChanged {
                    from: from.unwrap_or(Status::New),
                    to,
                },
            };
            self.steps.push(Step::Resumed { at, cause: Some(cause) });
            self.running_since = Some(at);
        }
        Ok(())
    }

    /// The deadline as of `reference` (now, or the stop): where the worked
    /// time reaches the budget, projected from `reference` while short of it.
    fn due(&self, reference: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        let budget = self.budget + self.extension;
        let worked = self.worked(reference);
        let due = if worked >= budget {
            self.instant_of(budget, reference)?
        } else {
            self.advance(reference, budget - worked)?
        };
        Ok(self.cap.map_or(due, |cap| due.min(cap)))
    }

    fn report(&self, now: DateTime<Utc>) -> Result<Option<MetricReport>, CalendarError> {
        let name = self.spec.name.clone();
        let Some(_) = self.start else {
            return Ok(Some(MetricReport {
                name,
                target: None,
                due: None,
                state: ClockState::NotStarted,
                started_at: None,
                stopped_at: None,
                elapsed_working_seconds: 0,
                remaining_working_seconds: 0,
                used_share: None,
                warnings: vec![],
                steps: vec![],
                placeholder: None,
            }));
        };
        let mut clock = self.clone();
        let reference = self.stopped.unwrap_or(now);
        clock.note_reached(reference)?;
        let mut steps = clock.steps.clone();
        if let Some((from, status)) = clock.paused {
            steps.push(Step::Paused {
                from,
                to: None,
                status,
                added_seconds: clock.measure(from, now),
            });
        }
        if clock.term.is_none() {
            return Ok(None); // no rule of the policy applies to this ticket
        }
        let Some(Term::Fixed(_)) = clock.term else {
            let state = if clock.term == Some(Term::NoTerm) {
                ClockState::NoTerm
            } else if clock.stopped.is_some() {
                ClockState::Met
            } else if clock.paused.is_some() {
                ClockState::Paused
            } else {
                ClockState::Running
            };
            return Ok(Some(MetricReport {
                name,
                target: clock.term.map(|t| t.to_string()),
                due: None,
                state,
                started_at: clock.first_start,
                stopped_at: clock.stopped,
                elapsed_working_seconds: clock.worked(reference),
                remaining_working_seconds: 0,
                used_share: None,
                warnings: vec![],
                steps,
                placeholder: clock.placeholder.map(str::to_string),
            }));
        };
        let due = clock.due(reference)?;
        if let (Some(cap), Some(max)) = (clock.cap, clock.spec.max_from_start) {
            if due == cap {
                steps.push(Step::Capped { term: max.to_string(), due });
            }
        }
        let worked = clock.worked(reference);
        let budget = clock.effective_budget(reference);
        let breached = reference > due;
        let state = match (clock.stopped, clock.paused) {
            (Some(_), _) if breached => ClockState::Breached,
            (Some(_), _) => ClockState::Met,
            _ if breached => ClockState::Breached,
            (None, Some(_)) => ClockState::Paused,
            (None, None) => ClockState::Running,
        };
        let mut warnings = Vec::new();
        for (i, &share) in clock.policy.thresholds.iter().enumerate() {
            if share >= 1.0 {
                // Rule 11: the breach is decided on the time left.
                if breached || state == ClockState::Running {
                    warnings.push(Warning {
                        at: due,
                        threshold: share,
                        reached: breached,
                    });
                }
            } else if let Some(at) = clock.reached[i] {
                warnings.push(Warning {
                    at,
                    threshold: share,
                    reached: true,
                });
            } else if state == ClockState::Running {
                let mark = threshold_mark(budget, share);
                let at = clock.advance(reference, mark - worked)?.min(due);
                warnings.push(Warning {
                    at,
                    threshold: share,
                    reached: false,
                });
            }
        }
        let remaining = if due > reference { clock.measure(reference, due) } else { 0 };
        Ok(Some(MetricReport {
            name,
            target: clock.term.map(|t| t.to_string()),
            due: Some(due),
            state,
            started_at: clock.first_start,
            stopped_at: clock.stopped,
            elapsed_working_seconds: worked,
            remaining_working_seconds: remaining,
            used_share: (budget > 0).then(|| worked as f64 / budget as f64),
            warnings,
            steps,
            placeholder: clock.placeholder.map(str::to_string),
        }))
    }
}

/// The worked time at which a share of the budget is reached (rounded up,
/// so a warning never comes before its share).
fn threshold_mark(budget: i64, share: f64) -> i64 {
    ((budget as f64) * share).ceil() as i64
}

/// The first working moment at or after `t`.
fn first_working_moment(cal: &Calendar, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
    let one = cal.add_working(t, 1)?;
    Ok(one - Duration::seconds(1))
}

/// The clock events in a ticket's audit trail, in the trail's order.
pub fn clock_events(trail: &[crate::workflow::TicketEvent]) -> Vec<ClockEvent> {
    use crate::workflow::EventKind as E;
    let mut events = Vec::with_capacity(trail.len());
    for entry in trail {
        let at = entry.at;
        let kind = match &entry.kind {
            E::Registered { received_at, line, .. } => {
                if *received_at < at {
                    events.push(ClockEvent {
                        at: *received_at,
                        kind: ClockEventKind::Received,
                    });
                }
                ClockEventKind::Registered { line: Some(*line) }
            }
            E::StatusChanged { to, .. } => ClockEventKind::Status { to: *to },
            E::PriorityChanged { to, .. } => ClockEventKind::Priority { to: *to },
            E::ComplexityChanged { to, .. } => ClockEventKind::Complexity { to: *to },
            E::TypeChanged { to, .. } => ClockEventKind::Type { to: *to },
            E::PaperPermissionGranted { .. } => ClockEventKind::Milestone {
                name: Milestone::PaperPermissionGranted,
            },
            E::TimelineClarificationRequested { .. } => ClockEventKind::Milestone {
                name: Milestone::TimelineClarificationRequested,
            },
            E::TimelineConclusionGiven { .. } => ClockEventKind::Milestone {
                name: Milestone::TimelineConclusionGiven,
            },
            E::WorkaroundGiven { .. } => ClockEventKind::Workaround,
            E::Escalated { line, .. } => ClockEventKind::Escalated { line: Some(*line) },
            E::DeadlineExtended { metric, until, .. } => ClockEventKind::DeadlineExtended {
                metric: metric.clone(),
                until: *until,
            },
            _ => continue,
        };
        events.push(ClockEvent { at, kind });
    }
    events
}

/// What the target rules see of a ticket when it was registered: later
/// changes of priority and complexity come from the trail.
pub fn class_at_registration(ticket: &crate::ticket::Ticket, trail: &[crate::workflow::TicketEvent]) -> TicketClass {
    let registered = trail.iter().find_map(|e| match &e.kind {
        crate::workflow::EventKind::Registered {
            ticket_type,
            priority,
            complexity,
            ..
        } => Some((*ticket_type, *priority, *complexity)),
        _ => None,
    });
    let (ticket_type, priority, complexity) = registered.unwrap_or((ticket.ticket_type, ticket.priority, ticket.complexity));
    TicketClass {
        ticket_type,
        priority: Some(priority),
        complexity,
        service: (!ticket.service.is_empty()).then(|| ticket.service.clone()),
    }
}

/// The SLA of a ticket from its audit trail, as of `now`.
pub fn evaluate_ticket(
    policy: &CompiledPolicy,
    ticket: &crate::ticket::Ticket,
    trail: &[crate::workflow::TicketEvent],
    now: DateTime<Utc>,
) -> Result<SlaReport, SlaError> {
    evaluate(policy, &class_at_registration(ticket, trail), &clock_events(trail), now)
}

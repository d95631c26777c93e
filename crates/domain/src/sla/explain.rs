//! «Чому такий строк?»: the engine's [`Step`]s of a metric made ready to be
//! said to an analyst. Everything a sentence needs is decided here, once,
//! for every front end: the regulation's clause each step follows (never
//! the engine's own numbering), the regulation's own name of each priority
//! level, the term in force as structured data, whether counted time is
//! working time, the date a calendar term nominally falls on, the pauses
//! added since the last count. The CLI and the desktop only translate.

use super::{ClockState, MetricReport, ResumeCause, SlaReport, Step, TypeChangeEffect, Warning};
use crate::milestone::Milestone;
use crate::model::{Complexity, Line, Status, TicketType};
use crate::policy::{CompiledPolicy, Policy, Start, Term, TicketClass};
use crate::priority::Priority;
use crate::target::{Target, Unit};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One metric's explanation, in the order the engine reasoned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MetricExplanation {
    pub metric: String,
    /// The clause of the regulation that sets the metric (`003 §4.10`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub clause: Option<String>,
    /// IANA name of the metric calendar's time zone: every moment is shown in it.
    pub time_zone: String,
    pub state: ClockState,
    /// What starts the clock, for a metric that has not started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub starts_on: Option<StartCause>,
    pub reasons: Vec<Reason>,
    /// The term in force at the end.
    pub term: Option<TermShown>,
    #[ts(type = "string | null")]
    pub due: Option<DateTime<Utc>>,
    /// Counted time so far and left, in the unit of the term in force.
    pub elapsed: Counted,
    pub remaining: Counted,
    pub warnings: Vec<Warning>,
}

/// A span of counted time: working time for working units, else elapsed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Counted {
    pub seconds: i64,
    pub working: bool,
}

/// A term as the regulation states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TermShown {
    Fixed {
        amount: u32,
        unit: Unit,
    },
    /// No fixed term: agreed per ticket (002 Table 3).
    ByAgreement,
    /// The regulation sets no term (002 Table 3: «-»).
    NoTerm,
}

impl From<&Term> for TermShown {
    fn from(term: &Term) -> TermShown {
        match term {
            Term::Fixed(t) => TermShown::Fixed {
                amount: t.amount,
                unit: t.unit,
            },
            Term::ByAgreement => TermShown::ByAgreement,
            Term::NoTerm => TermShown::NoTerm,
        }
    }
}

/// A priority with the regulation's own name of its level, in the
/// regulation's language (002 Table 1: «Высокий»), where the policy names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelShown {
    pub priority: Priority,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title: Option<String>,
}

impl LevelShown {
    /// `priority` with the name `policy` gives its level, where it names one.
    pub fn of(policy: &Policy, priority: Priority) -> LevelShown {
        LevelShown {
            priority,
            title: policy.level_title(priority).map(str::to_string),
        }
    }
}

/// What a target rule was chosen for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TargetConditions {
    #[serde(rename = "type")]
    pub ticket_type: TicketType,
    pub priority: Option<LevelShown>,
    pub complexity: Option<Complexity>,
    pub workaround: bool,
}

/// Why a clock started, or what will start it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StartCause {
    Received,
    Registered,
    /// Registered straight onto a group of the line (003 §4.10).
    RegisteredOn {
        line: Line,
    },
    Escalated {
        line: Line,
    },
    Taken {
        line: Line,
    },
    Status {
        status: Status,
    },
    MetricMet {
        metric: String,
    },
    Milestone {
        milestone: Milestone,
    },
}

/// What stopped a clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StopCause {
    Taken,
    Registered,
    Status { status: Status },
    Milestone { milestone: Milestone },
}

/// One sentence of an explanation. `clause` is the regulation's clause the
/// step follows, where the policy names one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    Started {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        cause: StartCause,
    },
    Target {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        conditions: TargetConditions,
        term: TermShown,
        clause: Option<String>,
        /// The term is a stand-in, not the regulation's figure: why (empty
        /// when the policy gave no reason).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        placeholder: Option<String>,
    },
    /// No rule gives a term; `by_agreement` when the term is agreed per ticket.
    NoTarget {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        by_agreement: bool,
    },
    HourCount {
        term: Option<TermShown>,
        #[ts(type = "string")]
        from: DateTime<Utc>,
        /// The first working moment, when the start fell outside working time.
        #[ts(type = "string | null")]
        first_working: Option<DateTime<Utc>>,
        #[ts(type = "string")]
        due: DateTime<Utc>,
    },
    DayCount {
        term: Option<TermShown>,
        #[ts(type = "string")]
        start: NaiveDate,
        /// The day the term begins: the day after the start.
        #[ts(type = "string")]
        first: NaiveDate,
        #[ts(type = "string")]
        last: NaiveDate,
        #[ts(type = "string")]
        due: DateTime<Utc>,
        #[ts(type = "Array<string>")]
        holidays: Vec<NaiveDate>,
        working_days: bool,
        /// A calendar term whose last day fell on a day off: the day it
        /// fell on, before it moved to `last`.
        #[ts(type = "string | null")]
        moved_from: Option<NaiveDate>,
    },
    Paused {
        #[ts(type = "string")]
        from: DateTime<Utc>,
        #[ts(type = "string | null")]
        to: Option<DateTime<Utc>>,
        status: Status,
        added: Counted,
        clause: Option<String>,
    },
    PriorityLowered {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: Option<LevelShown>,
        to: LevelShown,
        worked: Counted,
        clause: Option<String>,
    },
    PriorityRaised {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: Option<LevelShown>,
        to: LevelShown,
        clause: Option<String>,
    },
    PriorityKept {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: Option<LevelShown>,
        to: LevelShown,
    },
    Workaround {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        clause: Option<String>,
    },
    ComplexityChanged {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        to: Complexity,
        clause: Option<String>,
    },
    TypeChanged {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        from: TicketType,
        to: TicketType,
        effect: TypeChangeEffect,
        /// The time worked, kept under a longer term (002 §7.3.5(1)).
        worked: Option<Counted>,
        clause: Option<String>,
    },
    Extended {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        #[ts(type = "string")]
        until: DateTime<Utc>,
        clause: Option<String>,
    },
    Capped {
        term: TermShown,
        #[ts(type = "string")]
        due: DateTime<Utc>,
        clause: Option<String>,
    },
    Stopped {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        by: StopCause,
    },
    Resumed {
        #[ts(type = "string")]
        at: DateTime<Utc>,
        cause: ResumeCause,
    },
    /// The pauses since the last count moved its deadline from `from` to `due`.
    PausesTotal {
        added: Counted,
        #[ts(type = "string")]
        from: DateTime<Utc>,
        #[ts(type = "string")]
        due: DateTime<Utc>,
        clause: Option<String>,
    },
}

/// 002 §7.3.5: the clauses of a change of type, which the regulation states
/// once for priority and type alike.
const LENGTHENED_CLAUSE: &str = "002 §7.3.5(1)";
const SHORTENED_CLAUSE: &str = "002 §7.3.5(2)";

/// Explains every metric of `report`, evaluated under `policy` for a ticket
/// first classified as `class`.
pub fn explain(policy: &CompiledPolicy, class: &TicketClass, report: &SlaReport) -> Vec<MetricExplanation> {
    report.metrics.iter().map(|m| explain_metric(policy, class, m)).collect()
}

fn explain_metric(policy: &CompiledPolicy, class: &TicketClass, m: &MetricReport) -> MetricExplanation {
    let spec = policy.policy.metrics.iter().find(|s| s.name == m.name);
    let clauses = policy.policy.clauses.clone().unwrap_or_default();
    let metric_clause = spec.and_then(|s| s.clause.clone());
    let pause_clause = spec.and_then(|s| s.pauses.clause().map(str::to_string));
    let calendar = spec.map_or_else(|| policy.main_calendar(), |s| policy.calendar_for(s));
    let level = |p: Priority| LevelShown::of(&policy.policy, p);

    let final_term: Option<Term> = m.target.as_deref().and_then(|t| t.parse().ok());
    // The measure of counted time follows the term in force at each step.
    let mut term: Option<Target> = match final_term {
        Some(Term::Fixed(t)) => Some(t),
        _ => None,
    };
    let counted = |term: Option<Target>, seconds: i64| Counted {
        seconds,
        working: term.is_none_or(|t| t.unit.is_working()),
    };
    let shown = |term: Option<Target>| term.map(|t| TermShown::from(&Term::Fixed(t)));

    let mut reasons = Vec::with_capacity(m.steps.len() + 1);
    // The deadline of the last count, and the pauses since the clock last restarted.
    let mut counted_due: Option<DateTime<Utc>> = None;
    let mut paused_total: i64 = 0;
    for step in &m.steps {
        match step {
            Step::HourCount { due, .. } | Step::DayCount { due, .. } => counted_due = Some(*due),
            Step::Paused { added_seconds, .. } => paused_total += added_seconds,
            Step::PriorityRaised { .. }
            | Step::TypeChanged {
                effect: TypeChangeEffect::Shortened,
                ..
            } => paused_total = 0,
            _ => {}
        }
        let reason = match step {
            Step::Started { at, cause } => Reason::Started {
                at: *at,
                cause: start_cause(cause),
            },
            Step::Target {
                at,
                term: written,
                priority,
                complexity,
                workaround,
                placeholder,
            } => {
                let parsed: Option<Term> = written.parse().ok();
                if let Some(Term::Fixed(t)) = parsed {
                    term = Some(t);
                }
                Reason::Target {
                    at: *at,
                    conditions: TargetConditions {
                        ticket_type: class.ticket_type,
                        priority: priority.map(level),
                        complexity: *complexity,
                        workaround: *workaround,
                    },
                    term: parsed.as_ref().map_or(TermShown::NoTerm, TermShown::from),
                    clause: metric_clause.clone(),
                    placeholder: placeholder.clone(),
                }
            }
            Step::NoTarget { at } => Reason::NoTarget {
                at: *at,
                by_agreement: final_term == Some(Term::ByAgreement),
            },
            Step::HourCount { from, first_working, due } => Reason::HourCount {
                term: shown(term),
                from: *from,
                first_working: (first_working > from).then_some(*first_working),
                due: *due,
            },
            Step::DayCount {
                start_date,
                last_day,
                due,
                holidays,
                working_days,
            } => {
                let nominal = (!working_days)
                    .then(|| term.and_then(|t| start_date.checked_add_days(Days::new(u64::from(t.amount)))))
                    .flatten();
                Reason::DayCount {
                    term: shown(term),
                    start: *start_date,
                    first: start_date.succ_opt().unwrap_or(*start_date),
                    last: *last_day,
                    due: *due,
                    holidays: holidays.clone(),
                    working_days: *working_days,
                    moved_from: nominal.filter(|n| n != last_day),
                }
            }
            Step::Paused {
                from,
                to,
                status,
                added_seconds,
            } => Reason::Paused {
                from: *from,
                to: *to,
                status: *status,
                added: counted(term, *added_seconds),
                clause: pause_clause.clone(),
            },
            Step::PriorityLowered { at, from, to, worked_seconds } => Reason::PriorityLowered {
                at: *at,
                from: from.map(level),
                to: level(*to),
                worked: counted(term, *worked_seconds),
                clause: clauses.priority_lowered.clone(),
            },
            Step::PriorityRaised { at, from, to } => Reason::PriorityRaised {
                at: *at,
                from: from.map(level),
                to: level(*to),
                clause: clauses.priority_raised.clone(),
            },
            Step::PriorityKeptTarget { at, from, to } => Reason::PriorityKept {
                at: *at,
                from: from.map(level),
                to: level(*to),
            },
            Step::Workaround { at } => Reason::Workaround {
                at: *at,
                clause: clauses.workaround.clone(),
            },
            Step::ComplexityChanged { at, to } => Reason::ComplexityChanged {
                at: *at,
                to: *to,
                clause: metric_clause.clone(),
            },
            Step::TypeChanged { at, from, to, effect } => Reason::TypeChanged {
                at: *at,
                from: *from,
                to: *to,
                effect: *effect,
                worked: match effect {
                    TypeChangeEffect::Lengthened { worked_seconds } => Some(counted(term, *worked_seconds)),
                    _ => None,
                },
                clause: match effect {
                    TypeChangeEffect::KeptTarget => None,
                    TypeChangeEffect::Lengthened { .. } => Some(LENGTHENED_CLAUSE.to_string()),
                    TypeChangeEffect::Shortened => Some(SHORTENED_CLAUSE.to_string()),
                },
            },
            Step::Extended { at, until } => Reason::Extended {
                at: *at,
                until: *until,
                clause: clauses.extension.clone(),
            },
            Step::Capped { term: cap, due } => Reason::Capped {
                term: cap.parse::<Term>().map_or(TermShown::NoTerm, |t| TermShown::from(&t)),
                due: *due,
                clause: clauses.cap.clone(),
            },
            Step::Stopped { at, by } => Reason::Stopped { at: *at, by: stop_cause(by) },
            Step::Resumed { at, cause } => Reason::Resumed {
                at: *at,
                cause: cause.clone().unwrap_or(ResumeCause::Reopened),
            },
        };
        reasons.push(reason);
    }
    if let (Some(from), Some(due)) = (counted_due, m.due) {
        if paused_total > 0 && due > from {
            reasons.push(Reason::PausesTotal {
                added: counted(term, paused_total),
                from,
                due,
                clause: pause_clause.clone(),
            });
        }
    }

    MetricExplanation {
        metric: m.name.clone(),
        clause: metric_clause,
        time_zone: calendar.time_zone().name().to_string(),
        state: m.state,
        starts_on: (m.state == ClockState::NotStarted)
            .then(|| spec.map(|s| start_cause(&s.start.to_string())))
            .flatten(),
        reasons,
        term: final_term.as_ref().map(TermShown::from),
        due: m.due,
        elapsed: counted(term, m.elapsed_working_seconds),
        remaining: counted(term, m.remaining_working_seconds),
        warnings: m.warnings.clone(),
    }
}

/// The engine writes a start as the policy does (`escalated:L2`), or
/// `registered:L2` for a ticket registered straight onto the line.
fn start_cause(cause: &str) -> StartCause {
    if let Some(line) = cause.strip_prefix("registered:").and_then(|l| l.parse().ok()) {
        return StartCause::RegisteredOn { line };
    }
    match cause.parse::<Start>() {
        Ok(Start::Received) => StartCause::Received,
        Ok(Start::Registered) => StartCause::Registered,
        Ok(Start::Escalated(line)) => StartCause::Escalated { line },
        Ok(Start::Taken(line)) => StartCause::Taken { line },
        Ok(Start::Status(status)) => StartCause::Status { status },
        Ok(Start::MetricMet(metric)) => StartCause::MetricMet { metric },
        Ok(Start::On(milestone)) => StartCause::Milestone { milestone },
        // Not a form the engine writes; the registration is the nearest truth.
        Err(_) => StartCause::Registered,
    }
}

/// The engine writes what stopped a clock as `taken`, `registered`,
/// `on:MILESTONE` or a status.
fn stop_cause(by: &str) -> StopCause {
    match by {
        "taken" => StopCause::Taken,
        "registered" => StopCause::Registered,
        _ => match by.strip_prefix("on:").map(str::parse::<Milestone>) {
            Some(Ok(milestone)) => StopCause::Milestone { milestone },
            _ => by.parse().map_or(StopCause::Registered, |status| StopCause::Status { status }),
        },
    }
}

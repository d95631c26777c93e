//! SLA policies as data (SPEC §3): a calendar, the metrics with their start
//! and stop events, and the targets per ticket type × priority (or
//! complexity). Five presets carry the regulations' figures; a TOML file can
//! define a policy of its own or override a preset's calendar.

use crate::calendar::{Calendar, CalendarError, CalendarSpec};
use crate::model::{Complexity, Line, Status, TicketType};
use crate::priority::Priority;
use crate::target::Target;
use crate::ticket::RegistrationRules;
use crate::workflow::WorkflowLimits;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use ts_rs::TS;

/// Names of the built-in presets, one per regulation in `docs/seeds`.
pub const PRESET_NAMES: [&str; 5] = ["customs-helpdesk", "customs-contact-centre", "ncts-transit", "lenobl-budget", "primorye-social"];

const PRESET_FILES: [(&str, &str); 5] = [
    ("customs-helpdesk", include_str!("../presets/customs-helpdesk.toml")),
    ("customs-contact-centre", include_str!("../presets/customs-contact-centre.toml")),
    ("ncts-transit", include_str!("../presets/ncts-transit.toml")),
    ("lenobl-budget", include_str!("../presets/lenobl-budget.toml")),
    ("primorye-social", include_str!("../presets/primorye-social.toml")),
];

pub const DEFAULT_THRESHOLDS: [f64; 3] = [0.75, 0.9, 1.0];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: String,
    pub name: String,
    /// The preset this file starts from; its fields fill what the file omits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarSpec>,
    /// Further calendars a metric may name (e.g. the L2 group's hours).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub calendars: BTreeMap<String, CalendarSpec>,
    /// Named priority levels (002: highest, high, medium, low, none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    /// Shares of the target at which the analyst is warned; 1.0 is the breach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Vec<f64>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<MetricSpec>,
    /// What happens with time without anyone acting (SPEC §2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timers: Option<Timers>,
    /// The clauses of the regulation behind the engine's rules, for
    /// explanations; a rule the regulation does not state cites nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub clauses: Option<Clauses>,
}

/// Where the regulation states a rule the engine applies to every metric.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Clauses {
    /// A lowered priority: the new term minus the time worked (002 §7.3.5(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub priority_lowered: Option<String>,
    /// A raised priority: the count restarts at the raise (002 §7.3.5(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub priority_raised: Option<String>,
    /// A workaround given: the "with workaround" term (002 §9.6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub workaround: Option<String>,
    /// A deadline extended with a justification (001 §III.13; 002 §8.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub extension: Option<String>,
    /// A term held at a metric's `max_from_start` (003 §4.12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cap: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The name files and users write (`highest`).
    pub name: String,
    pub priority: Priority,
    /// The regulation's own name of the level, in its language, for
    /// explanations and screens (002 Table 1: «Наивысший»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MetricSpec {
    /// `reaction`, `resolution`, or the policy's own name.
    pub name: String,
    /// The clause of the regulation that sets this metric (start, stop and
    /// terms), cited by explanations: `003 §4.10`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub clause: Option<String>,
    pub start: Start,
    #[serde(default = "default_stop")]
    pub stop: Vec<Stop>,
    /// Which statuses stop this clock, for which ticket types: `true` (the
    /// default: `awaiting_info` and `postponed`, for every type), `false`
    /// (none), or a table naming them and the clause that provides the
    /// pause (004 §3.2: only an incident awaiting the requester's answer).
    #[serde(default)]
    pub pauses: Pauses,
    /// Whether the clock runs again when work resumes after a stop other
    /// than `closed` (a reopening). `false`: the metric is one interval and
    /// its first stop ends it for good (001 §III.12: L2's and L3's
    /// processing end when the line sets «Відкладено» or «Вирішено» and
    /// hands the results on).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub resumes: bool,
    /// A calendar of `calendars`; the policy's own by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// No extension may take the deadline past this term from the start
    /// (003 §4.12: 40 calendar days from the reaction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_from_start: Option<Target>,
    /// The first rule that matches the ticket gives the target.
    pub targets: Vec<TargetRule>,
}

/// Where a regulation stops a clock while the ticket waits (SPEC §3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Pauses {
    /// `true`: `awaiting_info` and `postponed` pause every type; `false`: nothing pauses.
    All(bool),
    /// Only the statuses and types named.
    Only(PauseRule),
}

impl Default for Pauses {
    fn default() -> Self {
        Pauses::All(true)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PauseRule {
    /// Statuses that pause (of `awaiting_info`, `postponed`).
    pub statuses: Vec<Status>,
    /// Ticket types the pause is for; every type when empty.
    #[serde(default, rename = "type", skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<TicketType>,
    /// The clause of the regulation that provides the pause, for explanations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

impl Pauses {
    /// Does entering `status` stop the clock of a ticket of `ticket_type`?
    pub fn applies(&self, status: Status, ticket_type: TicketType) -> bool {
        status.pauses_clock()
            && match self {
                Pauses::All(all) => *all,
                Pauses::Only(rule) => rule.statuses.contains(&status) && (rule.types.is_empty() || rule.types.contains(&ticket_type)),
            }
    }

    /// The clause that provides the pause, where the policy names it.
    pub fn clause(&self) -> Option<&str> {
        match self {
            Pauses::Only(rule) => rule.clause.as_deref(),
            Pauses::All(_) => None,
        }
    }
}

fn default_stop() -> Vec<Stop> {
    vec![Stop::Status(Status::Resolved), Stop::Status(Status::Closed)]
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// When a metric's clock starts (SPEC §3.4 rule 1).
#[derive(Debug, Clone, PartialEq, Eq, TS)]
#[ts(type = "string")]
pub enum Start {
    /// `received`: when the request reached the desk (the registration if
    /// no receipt was recorded).
    Received,
    /// `registered`
    Registered,
    /// `escalated:L2`: the first escalation to that line, or the
    /// registration of a ticket straight onto a group of that line
    /// (003 §4.10 counts L2's reaction from the request's reaching L2).
    Escalated(Line),
    /// `status:in_progress`: each time the ticket enters that status.
    Status(Status),
    /// `taken:L2`: the ticket is taken into work (`in_progress`, an executor
    /// assigned) while it is on that line — after its hand-over to the line
    /// or its registration onto it; earlier work of another line does not
    /// count (001 §III.12).
    Taken(Line),
    /// `met:reaction`: when another metric of the policy is met.
    MetricMet(String),
    /// `on:paper_permission_granted`: when the ticket reaches that
    /// milestone ([`crate::milestone::Milestone`]).
    On(crate::milestone::Milestone),
}

/// What stops a metric's clock.
#[derive(Debug, Clone, PartialEq, Eq, TS)]
#[ts(type = "string")]
pub enum Stop {
    /// `resolved`, `closed`, `postponed`…: the ticket enters that status.
    Status(Status),
    /// `taken`: an owner took it into work on the line (SPEC §3.4 rule 8).
    Taken,
    /// `registered`: the request was registered (004 §2.4).
    Registered,
    /// `on:timeline_conclusion_given`: the ticket reaches that milestone.
    On(crate::milestone::Milestone),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TargetRule {
    /// Ticket types this rule is for; any type when empty.
    #[serde(default, rename = "type", skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<TicketType>,
    /// A priority (1–5) or a level name of the policy; any when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PriorityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<Complexity>,
    /// Only tickets of this service (e.g. `business_continuity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    pub target: Term,
    /// The target once a workaround was given (002 Table 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_workaround: Option<Term>,
    /// The figure is a stand-in, not the regulation's (001 §III.12 points to
    /// an Appendix 2 the seed lacks): why, as the policy says it
    /// (`placeholder = "…"`), or empty for `placeholder = true`. The
    /// engine's report and the explanations show it as such.
    #[serde(default, deserialize_with = "placeholder_reason", skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub placeholder: Option<String>,
}

/// `placeholder = "reason"`, `placeholder = true` (no reason) or `false`.
fn placeholder_reason<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Given {
        Flag(bool),
        Reason(String),
    }
    Ok(match Given::deserialize(d)? {
        Given::Flag(true) => Some(String::new()),
        Given::Flag(false) => None,
        Given::Reason(reason) => Some(reason),
    })
}

/// A priority as a policy or a user writes it: a number or a level name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum PriorityRef {
    Number(u8),
    Name(String),
}

impl fmt::Display for PriorityRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PriorityRef::Number(n) => write!(f, "{n}"),
            PriorityRef::Name(s) => f.write_str(s),
        }
    }
}

/// A target, "by agreement" (002 Table 3: no fixed term, agreed per
/// ticket), or "no term" (002 Table 3: «-», the regulation sets none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, TS)]
#[ts(type = "string")]
pub enum Term {
    Fixed(Target),
    ByAgreement,
    /// The regulation sets no term for such a ticket: the metric is
    /// reported with the state `no_term`, without deadline or warnings.
    NoTerm,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Timers {
    /// Close a resolved ticket nobody objected to (001: 10 days; 002: 30
    /// working days after two confirmation requests, i.e. `request_confirmation`
    /// ops within the term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_close: Option<TimerRule>,
    /// Reject a ticket whose requester did not answer (004: 2 working days;
    /// 002: 30 working days after two requests). Its `min_requests` is also
    /// the workflow's minimum for a rejection by hand
    /// ([`Policy::workflow_limits`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_no_response: Option<TimerRule>,
    /// Share of the resolution target at which the group lead is alerted
    /// (hierarchical escalation, 002 §8.2, §13.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hierarchical_escalation_at: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TimerRule {
    pub after: Target,
    /// How many requests (for confirmation or information) must have been
    /// sent first.
    #[serde(default)]
    pub min_requests: u32,
}

/// What a ticket looks like to the target rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TicketClass {
    #[serde(rename = "type")]
    pub ticket_type: TicketType,
    /// None where the ticket has no priority: a policy whose terms do not
    /// read it needs none ([`Policy::needs_priority`]); a rule naming a
    /// priority never matches such a ticket.
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub complexity: Option<Complexity>,
    #[serde(default)]
    pub service: Option<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PolicyError {
    #[error("unknown policy `{0}`; built-in policies: {list}", list = PRESET_NAMES.join(", "))]
    UnknownPreset(String),
    #[error("policy file is not valid TOML for a policy: {0}")]
    Syntax(String),
    #[error("policy `{policy}`: {message}")]
    Invalid { policy: String, message: String },
    #[error("policy `{policy}`, calendar `{calendar}`: {source}")]
    Calendar { policy: String, calendar: String, source: CalendarError },
}

// ---- string forms ----

impl fmt::Display for Start {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Start::Received => f.write_str("received"),
            Start::Registered => f.write_str("registered"),
            Start::Escalated(line) => write!(f, "escalated:{line}"),
            Start::Status(status) => write!(f, "status:{status}"),
            Start::Taken(line) => write!(f, "taken:{line}"),
            Start::MetricMet(name) => write!(f, "met:{name}"),
            Start::On(milestone) => write!(f, "on:{milestone}"),
        }
    }
}

impl std::str::FromStr for Start {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a start; use received, registered, escalated:LINE, taken:LINE, status:STATUS, met:METRIC or on:MILESTONE");
        Ok(match s.split_once(':') {
            None if s == "received" => Start::Received,
            None if s == "registered" => Start::Registered,
            Some(("escalated", line)) => Start::Escalated(line.parse().map_err(|e| format!("{e}"))?),
            Some(("status", status)) => Start::Status(status.parse().map_err(|e| format!("{e}"))?),
            Some(("taken", line)) => Start::Taken(line.parse().map_err(|e| format!("{e}"))?),
            Some(("met", metric)) if !metric.is_empty() => Start::MetricMet(metric.to_string()),
            Some(("on", milestone)) => Start::On(milestone.parse().map_err(|e| format!("{e}"))?),
            _ => return Err(bad()),
        })
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Status(status) => write!(f, "{status}"),
            Stop::Taken => f.write_str("taken"),
            Stop::Registered => f.write_str("registered"),
            Stop::On(milestone) => write!(f, "on:{milestone}"),
        }
    }
}

impl std::str::FromStr for Stop {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "taken" => Ok(Stop::Taken),
            "registered" => Ok(Stop::Registered),
            _ if s.starts_with("on:") => s["on:".len()..].parse().map(Stop::On).map_err(|e| format!("{e}")),
            _ => s.parse().map(Stop::Status).map_err(|_| {
                format!(
                    "`{s}` is not a stop; use taken, registered, on:MILESTONE or a status ({})",
                    Status::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                )
            }),
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Fixed(t) => t.fmt(f),
            Term::ByAgreement => f.write_str("by agreement"),
            Term::NoTerm => f.write_str("no term"),
        }
    }
}

impl std::str::FromStr for Term {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s.trim() == "by agreement" {
            Ok(Term::ByAgreement)
        } else if s.trim() == "no term" {
            Ok(Term::NoTerm)
        } else {
            Target::parse(s).map(Term::Fixed)
        }
    }
}

macro_rules! serde_via_str {
    ($($t:ty),+) => {$(
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.collect_str(self) }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
            }
        }
    )+};
}
serde_via_str!(Start, Stop, Term);

// ---- loading ----

/// Equal but for letter case, in any alphabet («Высокий» = «высокий»),
/// without allocating: target rules resolve level names on every evaluation.
fn same_words(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

impl Policy {
    /// A built-in preset by name.
    pub fn preset(name: &str) -> Result<Policy, PolicyError> {
        let text = Policy::preset_source(name)?;
        let policy: Policy = toml::from_str(text).map_err(|e| PolicyError::Syntax(format!("preset {name}: {e}")))?;
        Ok(policy)
    }

    /// The preset's file as shipped, with its comments citing the clauses.
    pub fn preset_source(name: &str) -> Result<&'static str, PolicyError> {
        PRESET_FILES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| *text)
            .ok_or_else(|| PolicyError::UnknownPreset(name.to_string()))
    }

    /// A policy file's text. With `extends`, the preset supplies whatever
    /// the file leaves out (e.g. a file that only replaces the calendar).
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let own: Policy = toml::from_str(text).map_err(|e| PolicyError::Syntax(e.to_string()))?;
        let Some(base_name) = own.extends.clone() else { return Ok(own) };
        let base = Policy::preset(&base_name)?;
        Ok(Policy {
            id: own.id,
            name: own.name,
            extends: Some(base_name),
            calendar: own.calendar.or(base.calendar),
            calendars: if own.calendars.is_empty() { base.calendars } else { own.calendars },
            levels: if own.levels.is_empty() { base.levels } else { own.levels },
            thresholds: own.thresholds.or(base.thresholds),
            metrics: if own.metrics.is_empty() { base.metrics } else { own.metrics },
            timers: own.timers.or(base.timers),
            clauses: own.clauses.or(base.clauses),
        })
    }

    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("a policy always serialises")
    }

    fn invalid(&self, message: impl Into<String>) -> PolicyError {
        PolicyError::Invalid {
            policy: self.id.clone(),
            message: message.into(),
        }
    }

    /// A priority written as a number or a level name of this policy.
    pub fn resolve_priority(&self, given: &PriorityRef) -> Result<Priority, PolicyError> {
        match given {
            PriorityRef::Number(n) => Priority::new(*n).map_err(|e| self.invalid(e.to_string())),
            PriorityRef::Name(name) => {
                if let Ok(n) = name.trim().parse::<u8>() {
                    return self.resolve_priority(&PriorityRef::Number(n));
                }
                let wanted = name.trim();
                self.levels
                    .iter()
                    .find(|l| same_words(&l.name, wanted) || l.title.as_deref().is_some_and(|t| same_words(t, wanted)))
                    .map(|l| l.priority)
                    .ok_or_else(|| {
                        let names: Vec<&str> = self.levels.iter().map(|l| l.name.as_str()).collect();
                        let allowed = if names.is_empty() {
                            "1–5".to_string()
                        } else {
                            format!("1–5 or {}", names.join(", "))
                        };
                        self.invalid(format!("unknown priority `{name}`; allowed: {allowed}"))
                    })
            }
        }
    }

    /// The level name of a priority, where the policy names its levels.
    pub fn level_name(&self, priority: Priority) -> Option<&str> {
        self.levels.iter().find(|l| l.priority == priority).map(|l| l.name.as_str())
    }

    /// The regulation's own name of a priority's level (002: «Высокий»),
    /// else its level name.
    pub fn level_title(&self, priority: Priority) -> Option<&str> {
        let level = self.levels.iter().find(|l| l.priority == priority)?;
        Some(level.title.as_deref().unwrap_or(&level.name))
    }

    /// Whether a term of this policy depends on the priority of a ticket of
    /// `ticket_type`: some target rule that may apply to the type names a
    /// priority. 003 (terms by complexity) and 004 (by type) never do; 002's
    /// conclusion on a change request (§12) does not either.
    pub fn needs_priority(&self, ticket_type: TicketType) -> bool {
        self.metrics
            .iter()
            .flat_map(|m| &m.targets)
            .any(|rule| rule.priority.is_some() && (rule.types.is_empty() || rule.types.contains(&ticket_type)))
    }

    /// What registering a ticket of `ticket_type` under this policy requires
    /// ([`crate::ticket::register_with`]): impact and urgency only where a
    /// term depends on the priority they give (any type's, when the type is
    /// not known yet).
    pub fn registration_rules(&self, ticket_type: Option<TicketType>) -> RegistrationRules {
        let priority_required = match ticket_type {
            Some(t) => self.needs_priority(t),
            None => TicketType::ALL.iter().any(|t| self.needs_priority(*t)),
        };
        RegistrationRules { priority_required }
    }

    /// The metrics with a placeholder figure, each with the first reason given.
    pub fn placeholders(&self) -> Vec<(&str, &str)> {
        self.metrics
            .iter()
            .filter_map(|m| m.targets.iter().find_map(|r| r.placeholder.as_deref()).map(|why| (m.name.as_str(), why)))
            .collect()
    }

    pub fn thresholds(&self) -> Vec<f64> {
        self.thresholds.clone().unwrap_or_else(|| DEFAULT_THRESHOLDS.to_vec())
    }

    /// The workflow's figures under this policy, for
    /// [`crate::workflow::apply_with`] — the same on the server and offline.
    ///
    /// * Rejection for no response: `timers.reject_no_response.min_requests`
    ///   when the policy has that timer (004 §3.5: one request, 2 working
    ///   days; 002 §7.5(2): two requests, 30 working days).
    /// * A policy **without** that timer keeps the minimum of 002 §7.5(2),
    ///   two requests ([`WorkflowLimits::DEFAULT`]). Of the regulations only
    ///   002 (§7.5(2), §13.9) and 004 (§3.5) provide for rejecting a ticket
    ///   whose requester does not answer, and only 002 states how many
    ///   requests must come first; 000, 001 and 003 say nothing. The reason
    ///   stays available by hand for every ticket (SPEC §2.1), on no less
    ///   evidence than the one regulation that sets a number asks, and no
    ///   timer rejects such tickets by itself.
    pub fn workflow_limits(&self) -> WorkflowLimits {
        let mut limits = WorkflowLimits::DEFAULT;
        if let Some(rule) = self.timers.as_ref().and_then(|t| t.reject_no_response.as_ref()) {
            limits.min_info_requests_for_no_response = rule.min_requests;
        }
        limits
    }

    /// Checks the policy and builds its calendars, adding `holidays` and
    /// `working_days` to each.
    pub fn compile(&self, holidays: &[chrono::NaiveDate], working_days: &[chrono::NaiveDate]) -> Result<CompiledPolicy, PolicyError> {
        let main = self.calendar.clone().ok_or_else(|| self.invalid("no calendar; add a [calendar] table"))?;
        let build = |name: &str, spec: &CalendarSpec| -> Result<Calendar, PolicyError> {
            let calendar_error = |source| PolicyError::Calendar {
                policy: self.id.clone(),
                calendar: name.to_string(),
                source,
            };
            Calendar::new(spec.clone())
                .map_err(calendar_error)?
                .with_extra_days(holidays, working_days)
                .map_err(calendar_error)
        };
        let mut calendars = BTreeMap::new();
        calendars.insert(String::new(), build("calendar", &main)?);
        for (name, spec) in &self.calendars {
            calendars.insert(name.clone(), build(name, spec)?);
        }
        let thresholds = self.thresholds();
        if thresholds.iter().any(|t| !(*t > 0.0 && *t <= 1.0)) {
            return Err(self.invalid("thresholds are shares of the target: each above 0 and at most 1"));
        }
        if self.metrics.is_empty() {
            return Err(self.invalid("no metrics; add [[metrics]] with a name, a start and targets"));
        }
        let mut seen: Vec<&str> = Vec::new();
        for metric in &self.metrics {
            if seen.contains(&metric.name.as_str()) {
                return Err(self.invalid(format!("metric `{}` is defined twice", metric.name)));
            }
            if let Start::MetricMet(other) = &metric.start {
                if !seen.contains(&other.as_str()) {
                    return Err(self.invalid(format!("metric `{}` starts when `{other}` is met: define `{other}` before it", metric.name)));
                }
            }
            if let Some(name) = &metric.calendar {
                if !calendars.contains_key(name) {
                    return Err(self.invalid(format!("metric `{}` names calendar `{name}`, which is not under [calendars]", metric.name)));
                }
            }
            for rule in &metric.targets {
                if let Some(p) = &rule.priority {
                    self.resolve_priority(p)?;
                }
            }
            if let Pauses::Only(rule) = &metric.pauses {
                if let Some(s) = rule.statuses.iter().find(|s| !s.pauses_clock()) {
                    return Err(self.invalid(format!(
                        "metric `{}` pauses in `{s}`; only awaiting_info and postponed can pause a clock",
                        metric.name
                    )));
                }
            }
            seen.push(&metric.name);
        }
        Ok(CompiledPolicy {
            policy: self.clone(),
            calendars,
            thresholds,
        })
    }
}

/// A checked policy with its calendars built, ready for the SLA engine.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    pub policy: Policy,
    calendars: BTreeMap<String, Calendar>,
    pub thresholds: Vec<f64>,
}

/// The target that applies to a ticket for one metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChosenTarget {
    pub term: Term,
    /// Index of the rule that matched, for explanations.
    pub rule: usize,
}

impl ChosenTarget {
    /// Why the matched rule's figure is a placeholder, if it is one.
    pub fn placeholder<'m>(&self, metric: &'m MetricSpec) -> Option<&'m str> {
        metric.targets.get(self.rule).and_then(|r| r.placeholder.as_deref())
    }
}

impl CompiledPolicy {
    /// [`Policy::workflow_limits`] of the compiled policy.
    pub fn workflow_limits(&self) -> WorkflowLimits {
        self.policy.workflow_limits()
    }

    pub fn calendar_for(&self, metric: &MetricSpec) -> &Calendar {
        let name = metric.calendar.as_deref().unwrap_or("");
        &self.calendars[name]
    }

    pub fn main_calendar(&self) -> &Calendar {
        &self.calendars[""]
    }

    /// The first rule of `metric` matching the ticket; with `workaround`, its
    /// "with workaround" term where the rule has one.
    pub fn target(&self, metric: &MetricSpec, class: &TicketClass, workaround: bool) -> Option<ChosenTarget> {
        let policy = &self.policy;
        metric.targets.iter().enumerate().find_map(|(i, rule)| {
            // The cheap conditions first; a level name is resolved only when they hold.
            let matches = (rule.types.is_empty() || rule.types.contains(&class.ticket_type))
                && (rule.complexity.is_none() || rule.complexity == class.complexity)
                && (rule.service.is_none() || rule.service == class.service)
                && rule
                    .priority
                    .as_ref()
                    .is_none_or(|p| class.priority.is_some_and(|given| policy.resolve_priority(p).ok() == Some(given)));
            matches.then(|| {
                let term = if workaround {
                    rule.with_workaround.unwrap_or(rule.target)
                } else {
                    rule.target
                };
                ChosenTarget { term, rule: i }
            })
        })
    }
}

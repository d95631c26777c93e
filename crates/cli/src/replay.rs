//! The input of `helpdesk sla replay`: a policy, extra calendar days, a
//! ticket and its clock events, as JSON. Parsing walks the JSON by hand so
//! that every refusal names its field as a JSON path (`events[3].to`) and
//! says what is allowed.

use crate::error::{condense, Failure};
use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_domain::approval::{settle_proposals, Proposal, ProposalOutcome};
use helpdesk_domain::calendar::CalendarError;
use helpdesk_domain::milestone::Milestone;
use helpdesk_domain::policy::{CompiledPolicy, Policy, PolicyError, PriorityRef, TicketClass, PRESET_NAMES};
use helpdesk_domain::sla::{evaluate, ClockEvent, ClockEventKind, SlaError, SlaReport};
use helpdesk_domain::{Complexity, Line, Priority, Status, TicketType};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

const TOP_FIELDS: &[&str] = &["policy", "holidays", "working_days", "ticket", "events", "now"];
const TICKET_FIELDS: &[&str] = &["type", "priority", "complexity", "service"];
const EVENT_KINDS: &[&str] = &[
    "received",
    "registered",
    "status",
    "priority",
    "complexity",
    "type",
    "milestone",
    "workaround",
    "escalated",
    "deadline_extended",
    "reclassification_proposed",
    "reclassification_answered",
];

/// A parsed case, ready for the engine.
#[derive(Debug, Clone)]
pub struct ReplayCase {
    pub policy: CompiledPolicy,
    /// The preset name or the policy file as given.
    pub policy_source: String,
    pub class: TicketClass,
    /// The clock events, with every agreed or deemed-agreed
    /// reclassification in its place (002 §7.3.4).
    pub events: Vec<ClockEvent>,
    /// Each proposed reclassification that lengthens the term, and what
    /// became of it as of `now`.
    pub proposals: Vec<(Proposal, ProposalOutcome)>,
    pub now: DateTime<Utc>,
}

impl ReplayCase {
    pub fn evaluate(&self) -> Result<SlaReport, Failure> {
        evaluate(&self.policy, &self.class, &self.events, self.now).map_err(sla_failure)
    }
}

fn sla_failure(e: SlaError) -> Failure {
    match e {
        SlaError::OutOfOrder { index, .. } => Failure::input(
            format!("events[{index}].at"),
            "earlier than the event before it; list events in the order they happened",
        ),
        SlaError::Calendar(CalendarError::NoWorkingTime(date)) => Failure::input(
            "policy",
            format!("the calendar has no working time in the 366 days after {date}; add working hours (or working_days) or remove holidays"),
        ),
        SlaError::Calendar(other) => Failure::input("events", other.to_string()),
    }
}

/// Parses a case. `base_dir` is the directory of the case file (a relative
/// policy path is looked up there when it is not found from the current
/// directory); `clock_now` stands in for an absent `now`.
pub fn parse(text: &str, base_dir: Option<&Path>, clock_now: DateTime<Utc>) -> Result<ReplayCase, Failure> {
    let root: Value = serde_json::from_str(text).map_err(|e| Failure::input("input", format!("malformed JSON: {e}")))?;
    let top = Obj::of(&root, "")?;
    top.only(TOP_FIELDS)?;

    let (policy_value, policy_path) = top.require("policy", "a preset name or a path to a policy TOML file")?;
    let policy_text = string(policy_value, &policy_path)?;
    let policy = load_policy(policy_text, &policy_path, base_dir)?;

    let holidays = top.dates("holidays")?;
    let working_days = top.dates("working_days")?;
    let compiled = policy
        .compile(&holidays, &working_days)
        .map_err(|e| compile_error(e, &holidays, &working_days, &policy_path))?;

    let (ticket_value, ticket_path) = top.require("ticket", "an object with type, priority?, complexity?, service?")?;
    let class = parse_ticket(ticket_value, &ticket_path, &policy)?;

    let (events_value, events_path) = top.require("events", "an array of events")?;
    let (events, proposals) = parse_events(events_value, &events_path, &policy)?;

    let now = match top.optional("now") {
        Some((value, path)) => timestamp(value, &path)?,
        None => clock_now,
    };
    let (events, outcomes) = settle_proposals(&compiled, &class, &events, &proposals, now).map_err(sla_failure)?;
    Ok(ReplayCase {
        policy: compiled,
        policy_source: policy_text.to_string(),
        class,
        events,
        proposals: proposals.into_iter().zip(outcomes).collect(),
        now,
    })
}

fn load_policy(given: &str, path: &str, base_dir: Option<&Path>) -> Result<Policy, Failure> {
    if PRESET_NAMES.contains(&given) {
        return Policy::preset(given).map_err(|e| Failure::input(path, e));
    }
    let as_path = PathBuf::from(given);
    let looks_like_file = given.ends_with(".toml") || given.contains('/') || given.contains('\\') || as_path.is_file();
    if !looks_like_file {
        return Err(Failure::input(
            path,
            format!(
                "unknown policy `{given}`; allowed: {}, or a path to a policy TOML file",
                PRESET_NAMES.join(", ")
            ),
        ));
    }
    let file = match base_dir {
        Some(dir) if as_path.is_relative() && !as_path.exists() => dir.join(&as_path),
        _ => as_path,
    };
    let text = std::fs::read_to_string(&file).map_err(|e| Failure::input(path, format!("cannot read policy file `{}`: {e}", file.display())))?;
    Policy::from_toml(&text).map_err(|e| {
        let detail = match e {
            PolicyError::Syntax(s) => format!("not a valid policy: {}", condense(&s)),
            other => condense(&other.to_string()),
        };
        Failure::input(path, format!("policy file `{}`: {detail}", file.display()))
    })
}

fn compile_error(e: PolicyError, holidays: &[NaiveDate], working_days: &[NaiveDate], policy_path: &str) -> Failure {
    if let PolicyError::Calendar {
        source: CalendarError::HolidayAndWorkingDay(date),
        ..
    } = &e
    {
        if let Some(i) = working_days.iter().position(|d| d == date) {
            return Failure::input(
                format!("working_days[{i}]"),
                format!("{date} is also a holiday (of the policy or of `holidays`); keep it in one list"),
            );
        }
        if let Some(i) = holidays.iter().position(|d| d == date) {
            return Failure::input(
                format!("holidays[{i}]"),
                format!("{date} is also a transferred working day of the policy; keep it in one list"),
            );
        }
    }
    Failure::input(policy_path, condense(&e.to_string()))
}

fn parse_ticket(value: &Value, path: &str, policy: &Policy) -> Result<TicketClass, Failure> {
    let obj = Obj::of(value, path)?;
    obj.only(TICKET_FIELDS)?;
    let (v, p) = obj.require("type", &names(TicketType::ALL.iter().map(|t| t.as_str())))?;
    let ticket_type = named(v, &p, "ticket type", TicketType::ALL, |t| t.as_str())?;
    // A priority is needed only where a term of the policy reads it (003
    // §4.10 sets terms by complexity, 004 §3.1 by type).
    let priority = match obj.optional("priority") {
        Some((v, p)) => Some(priority(v, &p, policy)?),
        None if policy.needs_priority(ticket_type) => {
            return Err(Failure::input(
                obj.field("priority"),
                format!(
                    "missing; this policy's terms depend on the priority of a ticket of type `{ticket_type}`: expected {}",
                    priority_allowed(policy)
                ),
            ))
        }
        None => None,
    };
    let complexity = match obj.optional("complexity") {
        Some((v, p)) => Some(named(v, &p, "complexity", Complexity::ALL, |c| c.as_str())?),
        None => None,
    };
    let service = match obj.optional("service") {
        Some((v, p)) => Some(string(v, &p)?.to_string()),
        None => None,
    };
    Ok(TicketClass {
        ticket_type,
        priority,
        complexity,
        service,
    })
}

fn parse_events(value: &Value, path: &str, policy: &Policy) -> Result<(Vec<ClockEvent>, Vec<Proposal>), Failure> {
    let Value::Array(items) = value else {
        return Err(Failure::input(path, format!("expected an array of events, found {}", kind_of(value))));
    };
    let mut events = Vec::with_capacity(items.len());
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut last_at: Option<DateTime<Utc>> = None;
    let mut status = Status::New;
    let mut received = false;
    let mut registered = false;
    for (i, item) in items.iter().enumerate() {
        let here = format!("{path}[{i}]");
        let obj = Obj::of(item, &here)?;
        let (kind_value, kind_path) = obj.require("kind", &names(EVENT_KINDS.iter().copied()))?;
        let kind_name = string(kind_value, &kind_path)?;
        let own: &[&str] = match kind_name {
            "status" | "priority" | "complexity" | "type" => &["at", "kind", "to"],
            "milestone" => &["at", "kind", "name"],
            "escalated" | "registered" => &["at", "kind", "line"],
            "deadline_extended" => &["at", "kind", "metric", "until"],
            "received" | "workaround" => &["at", "kind"],
            "reclassification_proposed" => &["at", "kind", "type", "priority"],
            "reclassification_answered" => &["at", "kind", "agreed"],
            other => {
                return Err(Failure::input(
                    kind_path,
                    format!("unknown event kind `{other}`; allowed: {}", EVENT_KINDS.join(", ")),
                ))
            }
        };
        obj.only_for(own, kind_name)?;
        let (at_value, at_path) = obj.require("at", "an RFC 3339 timestamp with an offset, e.g. 2026-10-19T10:00:00+03:00")?;
        let at = timestamp(at_value, &at_path)?;
        if let Some(previous) = last_at {
            if at < previous {
                return Err(Failure::input(
                    at_path,
                    format!(
                        "{} is earlier than {path}[{}].at ({}); list events in the order they happened",
                        at_value.as_str().unwrap_or_default(),
                        i - 1,
                        items[i - 1]["at"].as_str().unwrap_or_default()
                    ),
                ));
            }
        }
        // The ticket exists from its registration; only the receipt may come first.
        match kind_name {
            "received" if received || registered => {
                return Err(Failure::input(kind_path, "the request is received once, before it is registered"));
            }
            "received" => received = true,
            "registered" if registered => return Err(Failure::input(kind_path, "the ticket is registered once")),
            "registered" => registered = true,
            other if !registered => {
                return Err(Failure::input(
                    kind_path,
                    format!("`{other}` before the ticket was registered; the events begin with `received` (optional) and `registered`"),
                ));
            }
            _ => {}
        }
        last_at = Some(at);
        // 002 §7.3.4: a change that lengthens the term waits for the requester.
        if kind_name == "reclassification_proposed" {
            if proposals.last().is_some_and(|p| p.answer.is_none()) {
                return Err(Failure::input(
                    kind_path,
                    "a proposal is still waiting for its answer; add `reclassification_answered` first",
                ));
            }
            let ticket_type = match obj.optional("type") {
                Some((v, p)) => Some(named(v, &p, "type", TicketType::ALL, |t| t.as_str())?),
                None => None,
            };
            let priority = match obj.optional("priority") {
                Some((v, p)) => Some(priority(v, &p, policy)?),
                None => None,
            };
            if ticket_type.is_none() && priority.is_none() {
                return Err(Failure::input(here, "a proposal changes `type`, `priority` or both; give at least one"));
            }
            proposals.push(Proposal {
                asked_at: at,
                ticket_type,
                priority,
                answer: None,
            });
            continue;
        }
        if kind_name == "reclassification_answered" {
            let (v, p) = obj.require("agreed", "true or false")?;
            let agreed = v
                .as_bool()
                .ok_or_else(|| Failure::input(p.clone(), format!("expected true or false, found {}", kind_of(v))))?;
            match proposals.last_mut() {
                Some(proposal) if proposal.answer.is_none() => proposal.answer = Some((at, agreed)),
                _ => {
                    return Err(Failure::input(
                        kind_path,
                        "no proposal is waiting for an answer; add `reclassification_proposed` before it",
                    ))
                }
            }
            continue;
        }
        let kind = match kind_name {
            "received" => ClockEventKind::Received,
            "registered" => ClockEventKind::Registered { line: line_of(&obj)? },
            "workaround" => ClockEventKind::Workaround,
            "status" => {
                let (v, p) = obj.require("to", &names(Status::ALL.iter().map(|s| s.as_str())))?;
                let to = named(v, &p, "status", Status::ALL, |s| s.as_str())?;
                if !status.can_change_to(to) {
                    let allowed = names(status.next_statuses().iter().map(|s| s.as_str()));
                    let allowed = if allowed.is_empty() {
                        "none (nothing leaves `closed`)".to_string()
                    } else {
                        allowed
                    };
                    return Err(Failure::input(
                        p,
                        format!("the workflow does not allow `{status}` → `{to}`; from `{status}` allowed: {allowed}"),
                    ));
                }
                status = to;
                ClockEventKind::Status { to }
            }
            "priority" => {
                let (v, p) = obj.require("to", &priority_allowed(policy))?;
                ClockEventKind::Priority { to: priority(v, &p, policy)? }
            }
            "complexity" => {
                let (v, p) = obj.require("to", &names(Complexity::ALL.iter().map(|c| c.as_str())))?;
                ClockEventKind::Complexity {
                    to: named(v, &p, "complexity", Complexity::ALL, |c| c.as_str())?,
                }
            }
            // 002 §7.3.2–7.3.5: the type corrected; the engine counts by the new term's direction.
            "type" => {
                let (v, p) = obj.require("to", &names(TicketType::ALL.iter().map(|t| t.as_str())))?;
                ClockEventKind::Type {
                    to: named(v, &p, "type", TicketType::ALL, |t| t.as_str())?,
                }
            }
            // 001 §IV.7, 002 §12: a counted moment (`on:` starts and stops of the policy).
            "milestone" => {
                let (v, p) = obj.require("name", &names(Milestone::ALL.iter().map(|m| m.as_str())))?;
                ClockEventKind::Milestone {
                    name: named(v, &p, "milestone", Milestone::ALL, |m| m.as_str())?,
                }
            }
            "escalated" => ClockEventKind::Escalated { line: line_of(&obj)? },
            "deadline_extended" => {
                let metrics: Vec<&str> = policy.metrics.iter().map(|m| m.name.as_str()).collect();
                let (v, p) = obj.require("metric", &names(metrics.iter().copied()))?;
                let metric = string(v, &p)?;
                if !metrics.contains(&metric) {
                    return Err(Failure::input(p, format!("unknown metric `{metric}`; this policy has: {}", metrics.join(", "))));
                }
                let (v, p) = obj.require("until", "an RFC 3339 timestamp with an offset")?;
                ClockEventKind::DeadlineExtended {
                    metric: metric.to_string(),
                    until: timestamp(v, &p)?,
                }
            }
            _ => unreachable!("kinds were checked above"),
        };
        events.push(ClockEvent { at, kind });
    }
    Ok((events, proposals))
}

/// An event's optional `line`: the line escalated to, or registered onto.
fn line_of(obj: &Obj<'_>) -> Result<Option<Line>, Failure> {
    match obj.optional("line") {
        Some((v, p)) => Ok(Some(named(v, &p, "line", Line::ALL, |l| l.as_str())?)),
        None => Ok(None),
    }
}

// ---- values ----

/// A JSON object at a path, whose fields are looked up with their paths.
struct Obj<'a> {
    path: String,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    fn of(value: &'a Value, path: &str) -> Result<Obj<'a>, Failure> {
        match value {
            Value::Object(map) => Ok(Obj { path: path.to_string(), map }),
            other => Err(Failure::input(
                if path.is_empty() { "input" } else { path },
                format!("expected an object, found {}", kind_of(other)),
            )),
        }
    }

    fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn only(&self, allowed: &[&str]) -> Result<(), Failure> {
        match self.map.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(key) => Err(Failure::input(self.field(key), format!("unknown field; allowed here: {}", allowed.join(", ")))),
            None => Ok(()),
        }
    }

    fn only_for(&self, allowed: &[&str], kind: &str) -> Result<(), Failure> {
        match self.map.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(key) => Err(Failure::input(
                self.field(key),
                format!("unknown field for an event of kind `{kind}`; allowed: {}", allowed.join(", ")),
            )),
            None => Ok(()),
        }
    }

    /// A field that may be absent; `null` counts as absent.
    fn optional(&self, key: &str) -> Option<(&'a Value, String)> {
        self.map.get(key).filter(|v| !v.is_null()).map(|v| (v, self.field(key)))
    }

    fn require(&self, key: &str, allowed: &str) -> Result<(&'a Value, String), Failure> {
        self.optional(key)
            .ok_or_else(|| Failure::input(self.field(key), format!("missing; expected {allowed}")))
    }

    /// An optional list of dates `YYYY-MM-DD`.
    fn dates(&self, key: &str) -> Result<Vec<NaiveDate>, Failure> {
        let Some((value, path)) = self.optional(key) else { return Ok(vec![]) };
        let Value::Array(items) = value else {
            return Err(Failure::input(path, format!("expected an array of dates YYYY-MM-DD, found {}", kind_of(value))));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let here = format!("{path}[{i}]");
                let text = string(item, &here)?;
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| Failure::input(&here, format!("`{text}` is not a date; expected YYYY-MM-DD, e.g. 2026-11-04")))
            })
            .collect()
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn string<'a>(value: &'a Value, path: &str) -> Result<&'a str, Failure> {
    value
        .as_str()
        .ok_or_else(|| Failure::input(path, format!("expected a string, found {}", kind_of(value))))
}

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// One of a closed set of names.
fn named<T: Copy>(value: &Value, path: &str, what: &str, all: &[T], name: impl Fn(T) -> &'static str) -> Result<T, Failure> {
    let allowed = || names(all.iter().map(|t| name(*t)));
    let text = value
        .as_str()
        .ok_or_else(|| Failure::input(path, format!("expected a string, found {}; allowed: {}", kind_of(value), allowed())))?;
    all.iter()
        .copied()
        .find(|t| name(*t) == text)
        .ok_or_else(|| Failure::input(path, format!("unknown {what} `{text}`; allowed: {}", allowed())))
}

fn timestamp(value: &Value, path: &str) -> Result<DateTime<Utc>, Failure> {
    let text = string(value, path)?;
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|_| {
        Failure::input(
            path,
            format!("`{text}` is not an RFC 3339 timestamp with an offset; expected e.g. 2026-10-19T10:00:00+03:00"),
        )
    })
}

fn priority_allowed(policy: &Policy) -> String {
    if policy.levels.is_empty() {
        "1–5".to_string()
    } else {
        format!("1–5 or {}", names(policy.levels.iter().map(|l| l.name.as_str())))
    }
}

/// A priority as a number 1–5 or a level name of the policy.
fn priority(value: &Value, path: &str, policy: &Policy) -> Result<Priority, Failure> {
    let given = match value {
        Value::Number(n) => match n.as_u64().and_then(|n| u8::try_from(n).ok()) {
            Some(n) => PriorityRef::Number(n),
            None => return Err(Failure::input(path, format!("unknown priority `{n}`; allowed: {}", priority_allowed(policy)))),
        },
        Value::String(s) => PriorityRef::Name(s.clone()),
        other => {
            return Err(Failure::input(
                path,
                format!(
                    "expected a number or a level name, found {}; allowed: {}",
                    kind_of(other),
                    priority_allowed(policy)
                ),
            ))
        }
    };
    policy
        .resolve_priority(&given)
        .map_err(|_| Failure::input(path, format!("unknown priority `{given}`; allowed: {}", priority_allowed(policy))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-10-23T17:00:00+03:00").unwrap().with_timezone(&Utc)
    }

    fn err(text: &str) -> String {
        parse(text, None, now()).unwrap_err().one_line()
    }

    #[test]
    fn the_example_parses() {
        let case = parse(
            r#"{"policy":"lenobl-budget","ticket":{"type":"incident","priority":"high"},
               "events":[{"at":"2026-10-19T10:00:00+03:00","kind":"registered"},
                         {"at":"2026-10-21T12:00:00+03:00","kind":"priority","to":3}]}"#,
            None,
            now(),
        )
        .unwrap();
        assert_eq!(case.class.priority.map(|p| p.value()), Some(2));
        assert_eq!(case.events.len(), 2);
        assert_eq!(case.now, now());
    }

    #[test]
    fn refusals_name_the_field() {
        let base = r#"{"policy":"lenobl-budget","ticket":{"type":"incident","priority":"high"},"events":[{"at":"2026-10-19T10:00:00+03:00","kind":"registered"}, EV]}"#;
        let with = |ev: &str| err(&base.replace("EV", ev));
        assert!(with(r#"{"at":"2026-10-19T11:00:00+03:00","kind":"status","to":"done"}"#).starts_with("events[1].to: unknown status `done`; allowed: new,"));
        assert!(with(r#"{"at":"2026-10-19T11:00:00+03:00","kind":"status","to":"new"}"#).starts_with("events[1].to: the workflow does not allow `new` → `new`"));
        assert!(with(r#"{"at":"2026-10-19T09:00:00+03:00","kind":"workaround"}"#).starts_with("events[1].at: "));
        assert!(with(r#"{"at":"2026-10-19T11:00:00+03:00","kind":"priority","to":"urgent"}"#).contains("1–5 or highest, high, medium, low"));
        assert!(with(r#"{"at":"2026-10-19T11:00:00+03:00","kind":"workaround","to":"x"}"#).starts_with("events[1].to: unknown field"));
        assert!(with(r#"{"at":"yesterday","kind":"workaround"}"#).starts_with("events[1].at: `yesterday` is not an RFC 3339"));
    }
}

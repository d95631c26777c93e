//! The input of `helpdesk sla replay`: a policy, extra calendar days, a
//! ticket and its clock events, as JSON. Parsing walks the JSON by hand so
//! that every refusal names its field as a JSON path (`events[3].to`) and
//! says what is allowed, in the user's language (`replay-*` in `locales/`).

use crate::error::{condense, Failure};
use crate::fargs;
use crate::i18n::Texts;
use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_domain::approval::{settle_proposals, Proposal, ProposalOutcome};
use helpdesk_domain::calendar::{CalendarError, MAX_IDLE_DAYS};
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
    pub fn evaluate(&self, texts: &Texts) -> Result<SlaReport, Failure> {
        evaluate(&self.policy, &self.class, &self.events, self.now).map_err(|e| sla_failure(texts, e))
    }
}

fn sla_failure(texts: &Texts, e: SlaError) -> Failure {
    match e {
        SlaError::OutOfOrder { index, .. } => Failure::input(format!("events[{index}].at"), texts.plain("replay-earlier-than-previous")),
        SlaError::Calendar(CalendarError::NoWorkingTime(date)) => Failure::input(
            "policy",
            texts.get("replay-no-working-time", &fargs! { "days" => MAX_IDLE_DAYS, "date" => date.to_string() }),
        ),
        SlaError::Calendar(other) => Failure::input("events", texts.get("replay-calendar-failed", &fargs! { "detail" => other.to_string() })),
    }
}

/// Parses a case. `base_dir` is the directory of the case file (a relative
/// policy path is looked up there when it is not found from the current
/// directory); `clock_now` stands in for an absent `now`. Refusals are
/// worded in `texts`' language.
pub fn parse(texts: &Texts, json: &str, base_dir: Option<&Path>, clock_now: DateTime<Utc>) -> Result<ReplayCase, Failure> {
    let root: Value =
        serde_json::from_str(json).map_err(|e| Failure::input("input", texts.get("replay-malformed-json", &fargs! { "detail" => e.to_string() })))?;
    let top = Obj::of(texts, &root, "")?;
    top.only(TOP_FIELDS)?;

    let (policy_value, policy_path) = top.require("policy", &texts.plain("replay-expect-policy"))?;
    let policy_text = string(texts, policy_value, &policy_path)?;
    let policy = load_policy(texts, policy_text, &policy_path, base_dir)?;

    let holidays = top.dates("holidays")?;
    let working_days = top.dates("working_days")?;
    let compiled = policy
        .compile(&holidays, &working_days)
        .map_err(|e| compile_error(texts, e, &holidays, &working_days, &policy_path))?;

    let (ticket_value, ticket_path) = top.require("ticket", &texts.plain("replay-expect-ticket"))?;
    let class = parse_ticket(texts, ticket_value, &ticket_path, &policy)?;

    let (events_value, events_path) = top.require("events", &texts.plain("replay-expect-events"))?;
    let (events, proposals) = parse_events(texts, events_value, &events_path, &policy)?;

    let now = match top.optional("now") {
        Some((value, path)) => timestamp(texts, value, &path)?,
        None => clock_now,
    };
    let (events, outcomes) = settle_proposals(&compiled, &class, &events, &proposals, now).map_err(|e| sla_failure(texts, e))?;
    Ok(ReplayCase {
        policy: compiled,
        policy_source: policy_text.to_string(),
        class,
        events,
        proposals: proposals.into_iter().zip(outcomes).collect(),
        now,
    })
}

fn load_policy(texts: &Texts, given: &str, path: &str, base_dir: Option<&Path>) -> Result<Policy, Failure> {
    if PRESET_NAMES.contains(&given) {
        return Policy::preset(given).map_err(|e| Failure::input(path, policy_invalid(texts, &e)));
    }
    let as_path = PathBuf::from(given);
    let looks_like_file = given.ends_with(".toml") || given.contains('/') || given.contains('\\') || as_path.is_file();
    if !looks_like_file {
        return Err(Failure::input(
            path,
            texts.get("replay-unknown-policy", &fargs! { "given" => given, "presets" => PRESET_NAMES.join(", ") }),
        ));
    }
    let file = match base_dir {
        Some(dir) if as_path.is_relative() && !as_path.exists() => dir.join(&as_path),
        _ => as_path,
    };
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(&file).map_err(|e| {
        Failure::input(
            path,
            texts.get("replay-policy-unreadable", &fargs! { "file" => shown.clone(), "reason" => e.to_string() }),
        )
    })?;
    Policy::from_toml(&text).map_err(|e| Failure::input(path, policy_file_error(texts, shown, e)))
}

fn policy_file_error(texts: &Texts, file: String, e: PolicyError) -> String {
    match e {
        PolicyError::Syntax(s) => texts.get("replay-policy-syntax", &fargs! { "file" => file, "detail" => condense(&s) }),
        other => texts.get(
            "replay-policy-file-invalid",
            &fargs! { "file" => file, "detail" => condense(&other.to_string()) },
        ),
    }
}

/// A policy the engine refuses, in its own words inside the user's sentence.
fn policy_invalid(texts: &Texts, e: &PolicyError) -> String {
    texts.get("replay-policy-invalid", &fargs! { "detail" => condense(&e.to_string()) })
}

fn compile_error(texts: &Texts, e: PolicyError, holidays: &[NaiveDate], working_days: &[NaiveDate], policy_path: &str) -> Failure {
    if let PolicyError::Calendar {
        source: CalendarError::HolidayAndWorkingDay(date),
        ..
    } = &e
    {
        if let Some(i) = working_days.iter().position(|d| d == date) {
            return Failure::input(
                format!("working_days[{i}]"),
                texts.get("replay-working-day-is-holiday", &fargs! { "date" => date.to_string() }),
            );
        }
        if let Some(i) = holidays.iter().position(|d| d == date) {
            return Failure::input(
                format!("holidays[{i}]"),
                texts.get("replay-holiday-is-working-day", &fargs! { "date" => date.to_string() }),
            );
        }
    }
    Failure::input(policy_path, policy_invalid(texts, &e))
}

fn parse_ticket(texts: &Texts, value: &Value, path: &str, policy: &Policy) -> Result<TicketClass, Failure> {
    let obj = Obj::of(texts, value, path)?;
    obj.only(TICKET_FIELDS)?;
    let (v, p) = obj.require("type", &names(TicketType::ALL.iter().map(|t| t.as_str())))?;
    let ticket_type = named(texts, v, &p, "replay-unknown-ticket-type", TicketType::ALL, |t| t.as_str())?;
    // A priority is needed only where a term of the policy reads it (003
    // §4.10 sets terms by complexity, 004 §3.1 by type).
    let priority = match obj.optional("priority") {
        Some((v, p)) => Some(priority(texts, v, &p, policy)?),
        None if policy.needs_priority(ticket_type) => {
            return Err(Failure::input(
                obj.field("priority"),
                texts.get(
                    "replay-priority-needed",
                    &fargs! { "ticket_type" => ticket_type.as_str(), "allowed" => priority_allowed(texts, policy) },
                ),
            ))
        }
        None => None,
    };
    let complexity = match obj.optional("complexity") {
        Some((v, p)) => Some(named(texts, v, &p, "replay-unknown-complexity", Complexity::ALL, |c| c.as_str())?),
        None => None,
    };
    let service = match obj.optional("service") {
        Some((v, p)) => Some(string(texts, v, &p)?.to_string()),
        None => None,
    };
    Ok(TicketClass {
        ticket_type,
        priority,
        complexity,
        service,
    })
}

fn parse_events(texts: &Texts, value: &Value, path: &str, policy: &Policy) -> Result<(Vec<ClockEvent>, Vec<Proposal>), Failure> {
    let Value::Array(items) = value else {
        return Err(Failure::input(
            path,
            texts.get("replay-expected-array-of-events", &fargs! { "found" => found(texts, value) }),
        ));
    };
    let mut events = Vec::with_capacity(items.len());
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut last_at: Option<DateTime<Utc>> = None;
    let mut status = Status::New;
    let mut received = false;
    let mut registered = false;
    for (i, item) in items.iter().enumerate() {
        let here = format!("{path}[{i}]");
        let obj = Obj::of(texts, item, &here)?;
        let (kind_value, kind_path) = obj.require("kind", &names(EVENT_KINDS.iter().copied()))?;
        let kind_name = string(texts, kind_value, &kind_path)?;
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
                    texts.get("replay-unknown-event-kind", &fargs! { "value" => other, "allowed" => EVENT_KINDS.join(", ") }),
                ))
            }
        };
        obj.only_for(own, kind_name)?;
        let (at_value, at_path) = obj.require("at", &texts.plain("replay-expect-timestamp-example"))?;
        let at = timestamp(texts, at_value, &at_path)?;
        if let Some(previous) = last_at {
            if at < previous {
                return Err(Failure::input(
                    at_path,
                    texts.get(
                        "replay-out-of-order",
                        &fargs! {
                            "at" => at_value.as_str().unwrap_or_default(),
                            "previous_path" => format!("{path}[{}].at", i - 1),
                            "previous" => items[i - 1]["at"].as_str().unwrap_or_default(),
                        },
                    ),
                ));
            }
        }
        // The ticket exists from its registration; only the receipt may come first.
        match kind_name {
            "received" if received || registered => {
                return Err(Failure::input(kind_path, texts.plain("replay-received-twice")));
            }
            "received" => received = true,
            "registered" if registered => return Err(Failure::input(kind_path, texts.plain("replay-registered-twice"))),
            "registered" => registered = true,
            other if !registered => {
                return Err(Failure::input(kind_path, texts.get("replay-before-registration", &fargs! { "kind" => other })));
            }
            _ => {}
        }
        last_at = Some(at);
        // 002 §7.3.4: a change that lengthens the term waits for the requester.
        if kind_name == "reclassification_proposed" {
            if proposals.last().is_some_and(|p| p.answer.is_none()) {
                return Err(Failure::input(kind_path, texts.plain("replay-proposal-waiting")));
            }
            let ticket_type = match obj.optional("type") {
                Some((v, p)) => Some(named(texts, v, &p, "replay-unknown-type", TicketType::ALL, |t| t.as_str())?),
                None => None,
            };
            let priority = match obj.optional("priority") {
                Some((v, p)) => Some(priority(texts, v, &p, policy)?),
                None => None,
            };
            if ticket_type.is_none() && priority.is_none() {
                return Err(Failure::input(here, texts.plain("replay-proposal-empty")));
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
            let (v, p) = obj.require("agreed", &texts.plain("replay-expect-boolean"))?;
            let agreed = v
                .as_bool()
                .ok_or_else(|| Failure::input(p.clone(), texts.get("replay-expected-boolean", &fargs! { "found" => found(texts, v) })))?;
            match proposals.last_mut() {
                Some(proposal) if proposal.answer.is_none() => proposal.answer = Some((at, agreed)),
                _ => return Err(Failure::input(kind_path, texts.plain("replay-no-proposal"))),
            }
            continue;
        }
        let kind = match kind_name {
            "received" => ClockEventKind::Received,
            "registered" => ClockEventKind::Registered { line: line_of(&obj)? },
            "workaround" => ClockEventKind::Workaround,
            "status" => {
                status = status_step(&obj, status)?;
                ClockEventKind::Status { to: status }
            }
            "priority" => {
                let (v, p) = obj.require("to", &priority_allowed(texts, policy))?;
                ClockEventKind::Priority {
                    to: priority(texts, v, &p, policy)?,
                }
            }
            "complexity" => {
                let (v, p) = obj.require("to", &names(Complexity::ALL.iter().map(|c| c.as_str())))?;
                ClockEventKind::Complexity {
                    to: named(texts, v, &p, "replay-unknown-complexity", Complexity::ALL, |c| c.as_str())?,
                }
            }
            // 002 §7.3.2–7.3.5: the type corrected; the engine counts by the new term's direction.
            "type" => {
                let (v, p) = obj.require("to", &names(TicketType::ALL.iter().map(|t| t.as_str())))?;
                ClockEventKind::Type {
                    to: named(texts, v, &p, "replay-unknown-type", TicketType::ALL, |t| t.as_str())?,
                }
            }
            // 001 §IV.7, 002 §12: a counted moment (`on:` starts and stops of the policy).
            "milestone" => {
                let (v, p) = obj.require("name", &names(Milestone::ALL.iter().map(|m| m.as_str())))?;
                ClockEventKind::Milestone {
                    name: named(texts, v, &p, "replay-unknown-milestone", Milestone::ALL, |m| m.as_str())?,
                }
            }
            "escalated" => ClockEventKind::Escalated { line: line_of(&obj)? },
            "deadline_extended" => {
                let metrics: Vec<&str> = policy.metrics.iter().map(|m| m.name.as_str()).collect();
                let (v, p) = obj.require("metric", &names(metrics.iter().copied()))?;
                let metric = string(texts, v, &p)?;
                if !metrics.contains(&metric) {
                    return Err(Failure::input(
                        p,
                        texts.get("replay-unknown-metric", &fargs! { "value" => metric, "allowed" => metrics.join(", ") }),
                    ));
                }
                let (v, p) = obj.require("until", &texts.plain("replay-expect-timestamp"))?;
                ClockEventKind::DeadlineExtended {
                    metric: metric.to_string(),
                    until: timestamp(texts, v, &p)?,
                }
            }
            _ => unreachable!("kinds were checked above"),
        };
        events.push(ClockEvent { at, kind });
    }
    Ok((events, proposals))
}

/// The status a `status` event moves to from `from`, if the workflow allows the step.
fn status_step(obj: &Obj<'_>, from: Status) -> Result<Status, Failure> {
    let texts = obj.texts;
    let (v, p) = obj.require("to", &names(Status::ALL.iter().map(|s| s.as_str())))?;
    let to = named(texts, v, &p, "replay-unknown-status", Status::ALL, |s| s.as_str())?;
    if from.can_change_to(to) {
        return Ok(to);
    }
    let allowed = match names(from.next_statuses().iter().map(|s| s.as_str())) {
        none if none.is_empty() => texts.get("replay-step-none", &fargs! { "status" => from.as_str() }),
        allowed => allowed,
    };
    Err(Failure::input(
        p,
        texts.get(
            "replay-step-not-allowed",
            &fargs! { "from" => from.as_str(), "to" => to.as_str(), "allowed" => allowed },
        ),
    ))
}

/// An event's optional `line`: the line escalated to, or registered onto.
fn line_of(obj: &Obj<'_>) -> Result<Option<Line>, Failure> {
    match obj.optional("line") {
        Some((v, p)) => Ok(Some(named(obj.texts, v, &p, "replay-unknown-line", Line::ALL, |l| l.as_str())?)),
        None => Ok(None),
    }
}

// ---- values ----

/// A JSON object at a path, whose fields are looked up with their paths;
/// its refusals are worded by `texts`.
struct Obj<'a> {
    texts: &'a Texts,
    path: String,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    fn of(texts: &'a Texts, value: &'a Value, path: &str) -> Result<Obj<'a>, Failure> {
        match value {
            Value::Object(map) => Ok(Obj {
                texts,
                path: path.to_string(),
                map,
            }),
            other => Err(Failure::input(
                if path.is_empty() { "input" } else { path },
                texts.get("replay-expected-object", &fargs! { "found" => found(texts, other) }),
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

    fn unknown_key(&self, allowed: &[&str]) -> Option<&'a String> {
        self.map.keys().find(|k| !allowed.contains(&k.as_str()))
    }

    fn only(&self, allowed: &[&str]) -> Result<(), Failure> {
        match self.unknown_key(allowed) {
            Some(key) => Err(Failure::input(
                self.field(key),
                self.texts.get("replay-unknown-field", &fargs! { "allowed" => allowed.join(", ") }),
            )),
            None => Ok(()),
        }
    }

    fn only_for(&self, allowed: &[&str], kind: &str) -> Result<(), Failure> {
        match self.unknown_key(allowed) {
            Some(key) => Err(Failure::input(
                self.field(key),
                self.texts
                    .get("replay-unknown-event-field", &fargs! { "kind" => kind, "allowed" => allowed.join(", ") }),
            )),
            None => Ok(()),
        }
    }

    /// A field that may be absent; `null` counts as absent.
    fn optional(&self, key: &str) -> Option<(&'a Value, String)> {
        self.map.get(key).filter(|v| !v.is_null()).map(|v| (v, self.field(key)))
    }

    /// A field that must be there; `expected` says what it holds.
    fn require(&self, key: &str, expected: &str) -> Result<(&'a Value, String), Failure> {
        self.optional(key)
            .ok_or_else(|| Failure::input(self.field(key), self.texts.get("replay-missing", &fargs! { "expected" => expected })))
    }

    /// An optional list of dates `YYYY-MM-DD`.
    fn dates(&self, key: &str) -> Result<Vec<NaiveDate>, Failure> {
        let texts = self.texts;
        let Some((value, path)) = self.optional(key) else { return Ok(vec![]) };
        let Value::Array(items) = value else {
            return Err(Failure::input(
                path,
                texts.get("replay-expected-array-of-dates", &fargs! { "found" => found(texts, value) }),
            ));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let here = format!("{path}[{i}]");
                let text = string(texts, item, &here)?;
                NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Failure::input(&here, texts.get("replay-not-a-date", &fargs! { "text" => text })))
            })
            .collect()
    }
}

/// What a JSON value is, in words: "a number", «масив».
fn found(texts: &Texts, value: &Value) -> String {
    texts.plain(match value {
        Value::Null => "replay-json-null",
        Value::Bool(_) => "replay-json-boolean",
        Value::Number(_) => "replay-json-number",
        Value::String(_) => "replay-json-string",
        Value::Array(_) => "replay-json-array",
        Value::Object(_) => "replay-json-object",
    })
}

fn string<'a>(texts: &Texts, value: &'a Value, path: &str) -> Result<&'a str, Failure> {
    value
        .as_str()
        .ok_or_else(|| Failure::input(path, texts.get("replay-expected-string", &fargs! { "found" => found(texts, value) })))
}

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// One of a closed set of names; `unknown` is the message id for a name
/// outside it.
fn named<T: Copy>(texts: &Texts, value: &Value, path: &str, unknown: &str, all: &[T], name: impl Fn(T) -> &'static str) -> Result<T, Failure> {
    let allowed = || names(all.iter().map(|t| name(*t)));
    let text = value.as_str().ok_or_else(|| {
        Failure::input(
            path,
            texts.get("replay-expected-name", &fargs! { "found" => found(texts, value), "allowed" => allowed() }),
        )
    })?;
    all.iter()
        .copied()
        .find(|t| name(*t) == text)
        .ok_or_else(|| Failure::input(path, texts.get(unknown, &fargs! { "value" => text, "allowed" => allowed() })))
}

fn timestamp(texts: &Texts, value: &Value, path: &str) -> Result<DateTime<Utc>, Failure> {
    let text = string(texts, value, path)?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Failure::input(path, texts.get("replay-not-a-timestamp", &fargs! { "text" => text })))
}

fn priority_allowed(texts: &Texts, policy: &Policy) -> String {
    if policy.levels.is_empty() {
        "1–5".to_string()
    } else {
        texts.get(
            "replay-priority-levels",
            &fargs! { "levels" => names(policy.levels.iter().map(|l| l.name.as_str())) },
        )
    }
}

/// A priority as a number 1–5 or a level name of the policy.
fn priority(texts: &Texts, value: &Value, path: &str, policy: &Policy) -> Result<Priority, Failure> {
    let unknown = |given: String| {
        Failure::input(
            path,
            texts.get(
                "replay-unknown-priority",
                &fargs! { "value" => given, "allowed" => priority_allowed(texts, policy) },
            ),
        )
    };
    let given = match value {
        Value::Number(n) => match n.as_u64().and_then(|n| u8::try_from(n).ok()) {
            Some(n) => PriorityRef::Number(n),
            None => return Err(unknown(n.to_string())),
        },
        Value::String(s) => PriorityRef::Name(s.clone()),
        other => {
            return Err(Failure::input(
                path,
                texts.get(
                    "replay-expected-priority",
                    &fargs! { "found" => found(texts, other), "allowed" => priority_allowed(texts, policy) },
                ),
            ))
        }
    };
    policy.resolve_priority(&given).map_err(|_| unknown(given.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-10-23T17:00:00+03:00").unwrap().with_timezone(&Utc)
    }

    fn err(text: &str) -> String {
        parse(&Texts::new(Lang::En), text, None, now()).unwrap_err().one_line()
    }

    #[test]
    fn the_example_parses() {
        let case = parse(
            &Texts::new(Lang::En),
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

    /// The `replay-*` message ids that the sources of `sla replay` name.
    fn used_ids() -> Vec<String> {
        let mut ids: Vec<String> = [include_str!("replay.rs"), include_str!("cli.rs")]
            .iter()
            .flat_map(|source| source.split('"'))
            .filter(|literal| {
                literal
                    .strip_prefix("replay-")
                    .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            })
            .map(str::to_string)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    fn catalogued_ids() -> Vec<String> {
        let mut ids: Vec<String> = crate::i18n::EN_FTL
            .lines()
            .filter_map(|line| line.split_once(" ="))
            .map(|(id, _)| id.to_string())
            .filter(|id| id.starts_with("replay-"))
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn every_refusal_is_in_every_language() {
        let used = used_ids();
        assert!(used.len() > 50, "{used:?}");
        assert_eq!(used, catalogued_ids(), "en.ftl's `replay-*` messages and those replay uses differ");
        for lang in Lang::ALL {
            let texts = Texts::new(lang);
            let missing: Vec<&String> = used.iter().filter(|id| texts.own(id).is_none()).collect();
            assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", lang.code());
        }
    }

    #[test]
    fn the_days_searched_agree_with_their_number() {
        let said = |lang: Lang, days: i64| Texts::new(lang).get("replay-no-working-time", &fargs! { "days" => days, "date" => "2026-10-19" });
        assert!(said(Lang::Uk, 1).contains("протягом 1 дня після"));
        assert!(said(Lang::Uk, 3).contains("протягом 3 днів після"));
        assert!(said(Lang::Uk, 21).contains("протягом 21 дня після"));
        assert!(said(Lang::Uk, 366).contains("протягом 366 днів після"));
        assert!(said(Lang::Ru, 1).contains("в течение 1 дня после"));
        assert!(said(Lang::Ru, 2).contains("в течение 2 дней после"));
        assert!(said(Lang::Ru, 366).contains("в течение 366 дней после"));
        assert!(said(Lang::En, 1).contains("in the 1 day after"));
        assert!(said(Lang::En, 366).contains("in the 366 days after 2026-10-19; add working hours"));
    }
}

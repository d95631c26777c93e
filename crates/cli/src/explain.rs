//! `--explain`: the steps of each deadline (the engine's [`Step`]s) in the
//! user's language, citing the regulation's clause each step follows where
//! the policy names it (never the engine's own numbering), dates and
//! times in the metric's calendar time zone, and durations with their
//! plural forms.

use crate::fargs;
use crate::i18n::{percent, Texts};
use crate::output::metric_zone;
use crate::replay::ReplayCase;
use chrono::{DateTime, Days, Utc};
use helpdesk_domain::policy::{Policy, Term};
use helpdesk_domain::sla::{ClockState, MetricReport, ResumeCause, SlaReport, Step, TypeChangeEffect};
use helpdesk_domain::target::Target;
use helpdesk_domain::{Complexity, Priority, Status, TicketType};
use std::fmt::Write as _;

/// The whole explanation: a header, then each metric's steps and result.
pub fn render(case: &ReplayCase, report: &SlaReport, texts: &Texts) -> String {
    let policy = &case.policy.policy;
    let main_tz = case.policy.main_calendar().time_zone();
    let mut out = String::new();
    let header = fargs! {
        "policy" => policy.name.clone(),
        "id" => policy.id.clone(),
        "now" => texts.datetime(case.now, main_tz),
        "zone" => main_tz.name(),
    };
    let _ = writeln!(out, "{}", texts.get("explain-header", &header));
    let conditions = Conditions {
        ticket_type: case.class.ticket_type,
        priority: case.class.priority,
        complexity: case.class.complexity,
        workaround: false,
    };
    let _ = writeln!(
        out,
        "{}",
        texts.get("explain-ticket", &fargs! { "conditions" => conditions.render(texts, policy) })
    );
    for metric in &report.metrics {
        out.push('\n');
        out.push_str(&render_metric(case, metric, texts));
    }
    out
}

struct Conditions {
    ticket_type: TicketType,
    priority: Option<Priority>,
    complexity: Option<Complexity>,
    workaround: bool,
}

impl Conditions {
    fn render(&self, texts: &Texts, policy: &Policy) -> String {
        let mut parts = vec![texts.plain(&format!("type-{}", self.ticket_type.as_str()))];
        if let Some(p) = self.priority {
            parts.push(texts.get("cond-priority", &fargs! { "priority" => priority(policy, p) }));
        }
        if let Some(c) = self.complexity {
            parts.push(texts.get("cond-complexity", &fargs! { "complexity" => complexity(texts, c) }));
        }
        if self.workaround {
            parts.push(texts.plain("cond-workaround"));
        }
        parts.join(", ")
    }
}

/// A priority a ticket had before a change: none, or as [`priority`].
fn earlier_priority(texts: &Texts, policy: &Policy, p: Option<Priority>) -> String {
    match p {
        Some(p) => priority(policy, p),
        None => texts.plain("priority-none"),
    }
}

/// `P2 (Высокий)` where the policy names its levels (in the regulation's
/// own words and language), else `P2`.
fn priority(policy: &Policy, p: Priority) -> String {
    match policy.level_title(p) {
        Some(level) => format!("P{} ({level})", p.value()),
        None => format!("P{}", p.value()),
    }
}

fn complexity(texts: &Texts, c: Complexity) -> String {
    texts.plain(&format!("complexity-{}", c.as_str()))
}

fn status(texts: &Texts, s: Status) -> String {
    texts.plain(&format!("status-{}", s.as_str()))
}

fn metric_name(texts: &Texts, name: &str) -> String {
    texts.name_or("metric", name)
}

/// Why a clock started, or when it will: `registered`, `escalated:L2`,
/// `status:in_progress`, `met:reaction` (the forms of the policy's `start`).
fn cause(texts: &Texts, cause: &str) -> String {
    match cause.split_once(':') {
        Some(("escalated", line)) => texts.get("cause-escalated", &fargs! { "line" => line.to_string() }),
        Some(("registered", line)) => texts.get("cause-registered-on", &fargs! { "line" => line.to_string() }),
        Some(("taken", line)) => texts.get("cause-taken", &fargs! { "line" => line.to_string() }),
        Some(("status", s)) => texts.get(
            "cause-status",
            &fargs! { "status" => s.parse::<Status>().map(|s| status(texts, s)).unwrap_or_else(|_| s.to_string()) },
        ),
        Some(("met", metric)) => texts.get("cause-met", &fargs! { "metric" => metric_name(texts, metric) }),
        Some(("on", milestone)) => texts.plain(&format!("milestone-{milestone}")),
        _ if texts.has(&format!("cause-{cause}")) => texts.plain(&format!("cause-{cause}")),
        _ => cause.to_string(),
    }
}

/// What stopped a clock: `taken`, `registered`, or a status.
fn stopped_by(texts: &Texts, by: &str) -> String {
    match by {
        "taken" => texts.plain("stop-taken"),
        "registered" => texts.plain("stop-registered"),
        s if s.starts_with("on:") => texts.plain(&format!("milestone-{}", &s["on:".len()..])),
        s => texts.get(
            "stop-status",
            &fargs! { "status" => s.parse::<Status>().map(|s| status(texts, s)).unwrap_or_else(|_| s.to_string()) },
        ),
    }
}

/// ` (002 §7.3.5(2))`: the clause of the regulation a step follows, where
/// the policy names one; nothing where the regulation states no such rule.
fn cite(clause: Option<&str>) -> String {
    clause.map(|c| format!(" ({c})")).unwrap_or_default()
}

/// Why a stopped clock runs again.
fn resume_cause(texts: &Texts, cause: Option<&ResumeCause>) -> String {
    match cause {
        Some(ResumeCause::Reopened) | None => texts.plain("resume-reopened"),
        Some(ResumeCause::PostponementEnded) => texts.plain("resume-postponement-ended"),
        Some(ResumeCause::InformationReceived) => texts.plain("resume-information-received"),
        Some(ResumeCause::HandedOver { line: Some(line) }) => texts.get("resume-handed-over", &fargs! { "line" => line.to_string() }),
        Some(ResumeCause::HandedOver { line: None }) => texts.plain("resume-handed-over-group"),
        Some(ResumeCause::StatusChanged { from, to }) => texts.get("resume-status", &fargs! { "from" => status(texts, *from), "to" => status(texts, *to) }),
    }
}

fn state(texts: &Texts, s: ClockState) -> String {
    let id = match s {
        ClockState::NotStarted => "state-not_started",
        ClockState::Running => "state-running",
        ClockState::Paused => "state-paused",
        ClockState::Met => "state-met",
        ClockState::Breached => "state-breached",
        ClockState::NoTerm => "state-no_term",
    };
    texts.plain(id)
}

fn render_metric(case: &ReplayCase, m: &MetricReport, texts: &Texts) -> String {
    let policy = &case.policy.policy;
    let spec = policy.metrics.iter().find(|s| s.name == m.name);
    let clauses = policy.clauses.clone().unwrap_or_default();
    // The clauses behind the metric itself and behind the rules its steps follow.
    let metric_clause = cite(spec.and_then(|s| s.clause.as_deref()));
    let pause_clause = cite(spec.and_then(|s| s.pauses.clause()));
    let tz = metric_zone(&case.policy, &m.name);
    let at = |t: DateTime<Utc>| texts.datetime(t, tz);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        texts.get(
            "explain-metric",
            &fargs! { "metric" => metric_name(texts, &m.name), "cite" => metric_clause.clone(), "zone" => tz.name() }
        )
    );

    if m.state == ClockState::NotStarted {
        let start = spec.map(|s| s.start.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}",
            texts.get(
                "explain-not-started",
                &fargs! { "cause" => cause(texts, &start), "cite" => metric_clause.clone() }
            )
        );
        return out;
    }

    let final_term: Option<Term> = m.target.as_deref().and_then(|t| t.parse().ok());
    // The measure of counted time follows the term in force at each step.
    let mut term: Option<Target> = match final_term {
        Some(Term::Fixed(t)) => Some(t),
        _ => None,
    };
    let working = |term: Option<Target>| term.is_none_or(|t| t.unit.is_working());
    let mut n = 0;
    let mut line = |out: &mut String, text: String| {
        n += 1;
        let _ = writeln!(out, "  {n}. {text}");
    };

    // The deadline of the last count, and the pauses since the clock last restarted.
    let mut counted_due: Option<DateTime<Utc>> = None;
    let mut paused_total: i64 = 0;
    for step in &m.steps {
        match step {
            Step::HourCount { due, .. } | Step::DayCount { due, .. } => counted_due = Some(*due),
            Step::Paused { added_seconds, .. } => paused_total += added_seconds,
            Step::PriorityRaised { .. } => paused_total = 0,
            Step::TypeChanged {
                effect: TypeChangeEffect::Shortened,
                ..
            } => paused_total = 0,
            _ => {}
        }
        let text = match step {
            Step::Started { at: t, cause: c } => texts.get("step-started", &fargs! { "at" => at(*t), "cause" => cause(texts, c) }),
            Step::Target { at: t, term: written, priority: p, complexity: c, workaround, placeholder } => {
                let parsed: Option<Term> = written.parse().ok();
                if let Some(Term::Fixed(t)) = parsed {
                    term = Some(t);
                }
                let conditions = Conditions { ticket_type: case.class.ticket_type, priority: *p, complexity: *c, workaround: *workaround };
                let mut text = if parsed == Some(Term::NoTerm) {
                    texts.get("step-target-none", &fargs! { "at" => at(*t), "conditions" => conditions.render(texts, policy), "cite" => metric_clause.clone() })
                } else {
                    texts.get(
                        "step-target",
                        &fargs! { "at" => at(*t), "conditions" => conditions.render(texts, policy), "term" => texts.term_text(written), "cite" => metric_clause.clone() },
                    )
                };
                if let Some(why) = placeholder {
                    text.push(' ');
                    text.push_str(&if why.is_empty() {
                        texts.plain("target-placeholder")
                    } else {
                        texts.get("target-placeholder-why", &fargs! { "why" => why.clone() })
                    });
                }
                text
            }
            Step::NoTarget { at: t } => match &final_term {
                Some(Term::ByAgreement) => texts.get("step-no-target", &fargs! { "at" => at(*t), "term" => texts.term(&Term::ByAgreement) }),
                _ => texts.get("step-no-rule", &fargs! { "at" => at(*t) }),
            },
            Step::HourCount { from, first_working, due } => {
                let term_words = term.map(|t| texts.target(t)).unwrap_or_default();
                if first_working > from {
                    texts.get("step-hour-count-later", &fargs! { "term" => term_words, "from" => at(*from), "first" => at(*first_working), "due" => at(*due) })
                } else {
                    texts.get("step-hour-count", &fargs! { "term" => term_words, "from" => at(*from), "due" => at(*due) })
                }
            }
            Step::DayCount { start_date, last_day, due, holidays, working_days } => {
                let term_words = term.map(|t| texts.target(t)).unwrap_or_default();
                let first = start_date.succ_opt().unwrap_or(*start_date);
                let mut text = if *working_days {
                    texts.get(
                        "step-day-count-working",
                        &fargs! { "term" => term_words, "start" => texts.date(*start_date), "first" => texts.date(first), "last" => texts.date(*last_day), "due" => at(*due) },
                    )
                } else {
                    let nth = term.and_then(|t| start_date.checked_add_days(Days::new(u64::from(t.amount)))).unwrap_or(*last_day);
                    let args = fargs! { "term" => term_words, "start" => texts.date(*start_date), "date" => texts.date(nth), "last" => texts.date(*last_day), "due" => at(*due) };
                    if nth == *last_day {
                        texts.get("step-day-count-calendar", &args)
                    } else {
                        texts.get("step-day-count-calendar-moved", &args)
                    }
                };
                if !holidays.is_empty() {
                    let dates: Vec<String> = holidays.iter().map(|d| texts.date(*d)).collect();
                    text.push(' ');
                    text.push_str(&texts.get("day-count-holidays", &fargs! { "dates" => dates.join(", ") }));
                }
                text
            }
            Step::Paused { from, to: Some(to), status: s, added_seconds } => texts.get(
                "step-paused",
                &fargs! { "from" => at(*from), "to" => at(*to), "status" => status(texts, *s), "added" => texts.measured(*added_seconds, working(term)), "cite" => pause_clause.clone() },
            ),
            Step::Paused { from, to: None, status: s, added_seconds } => texts.get(
                "step-paused-open",
                &fargs! { "from" => at(*from), "status" => status(texts, *s), "added" => texts.measured(*added_seconds, working(term)), "cite" => pause_clause.clone() },
            ),
            Step::PriorityLowered { at: t, from, to, worked_seconds } => texts.get(
                "step-priority-lowered",
                &fargs! { "at" => at(*t), "from" => earlier_priority(texts, policy, *from), "to" => priority(policy, *to), "worked" => texts.measured(*worked_seconds, working(term)), "cite" => cite(clauses.priority_lowered.as_deref()) },
            ),
            Step::PriorityRaised { at: t, from, to } => texts.get(
                "step-priority-raised",
                &fargs! { "at" => at(*t), "from" => earlier_priority(texts, policy, *from), "to" => priority(policy, *to), "cite" => cite(clauses.priority_raised.as_deref()) },
            ),
            Step::PriorityKeptTarget { at: t, from, to } => texts.get("step-priority-kept", &fargs! { "at" => at(*t), "from" => earlier_priority(texts, policy, *from), "to" => priority(policy, *to) }),
            Step::Workaround { at: t } => texts.get("step-workaround", &fargs! { "at" => at(*t), "cite" => cite(clauses.workaround.as_deref()) }),
            Step::ComplexityChanged { at: t, to } => {
                texts.get("step-complexity", &fargs! { "at" => at(*t), "complexity" => complexity(texts, *to), "cite" => metric_clause.clone() })
            }
            Step::TypeChanged { at: t, from, to, effect } => {
                let (from, to) = (texts.plain(&format!("type-{}", from.as_str())), texts.plain(&format!("type-{}", to.as_str())));
                match effect {
                    TypeChangeEffect::KeptTarget => texts.get("step-type-kept", &fargs! { "at" => at(*t), "from" => from, "to" => to }),
                    TypeChangeEffect::Lengthened { worked_seconds } => texts.get(
                        "step-type-lengthened",
                        &fargs! { "at" => at(*t), "from" => from, "to" => to, "worked" => texts.measured(*worked_seconds, working(term)), "cite" => cite(Some("002 §7.3.5(1)")) },
                    ),
                    TypeChangeEffect::Shortened => texts.get("step-type-shortened", &fargs! { "at" => at(*t), "from" => from, "to" => to, "cite" => cite(Some("002 §7.3.5(2)")) }),
                }
            }
            Step::Extended { at: t, until } => texts.get("step-extended", &fargs! { "at" => at(*t), "until" => at(*until), "cite" => cite(clauses.extension.as_deref()) }),
            Step::Capped { term: cap, due } => texts.get("step-capped", &fargs! { "term" => texts.term_text(cap), "due" => at(*due), "cite" => cite(clauses.cap.as_deref()) }),
            Step::Stopped { at: t, by } => texts.get("step-stopped", &fargs! { "at" => at(*t), "by" => stopped_by(texts, by) }),
            Step::Resumed { at: t, cause } => texts.get("step-resumed", &fargs! { "at" => at(*t), "cause" => resume_cause(texts, cause.as_ref()) }),
        };
        line(&mut out, text);
    }

    if let (Some(from), Some(due)) = (counted_due, m.due) {
        if paused_total > 0 && due > from {
            let args = fargs! { "added" => texts.measured(paused_total, working(term)), "from" => at(from), "due" => at(due), "cite" => pause_clause.clone() };
            line(&mut out, texts.get("step-pauses-total", &args));
        }
    }
    let result = match m.due {
        Some(due) => texts.get("explain-result", &fargs! { "due" => at(due), "state" => state(texts, m.state) }),
        None => texts.get("explain-result-no-due", &fargs! { "state" => state(texts, m.state) }),
    };
    let _ = writeln!(out, "  {result}");
    let is_working = working(term);
    let counted = if m.due.is_some() {
        texts.get(
            "explain-counted",
            &fargs! { "elapsed" => texts.measured(m.elapsed_working_seconds, is_working), "remaining" => texts.measured(m.remaining_working_seconds, is_working) },
        )
    } else {
        texts.get(
            "explain-counted-only",
            &fargs! { "elapsed" => texts.measured(m.elapsed_working_seconds, is_working) },
        )
    };
    let _ = writeln!(out, "  {counted}");
    for w in &m.warnings {
        let id = match (w.threshold >= 1.0, w.reached) {
            (false, true) => "warning-reached",
            (false, false) => "warning-pending",
            (true, true) => "warning-breach-reached",
            (true, false) => "warning-breach-pending",
        };
        let _ = writeln!(out, "  {}", texts.get(id, &fargs! { "percent" => percent(w.threshold), "at" => at(w.at) }));
    }
    out
}

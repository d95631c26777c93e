//! `--explain`: a metric's explanation, as the domain gives it
//! ([`helpdesk_domain::sla::explain`]), in the user's language: the clause
//! of the regulation each step follows, dates and times in the metric's
//! calendar time zone, durations with their plural forms. What to say is
//! decided in the domain; this module only words it.

use crate::fargs;
use crate::i18n::{percent, Texts};
use crate::replay::ReplayCase;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use helpdesk_domain::approval::ProposalOutcome;
use helpdesk_domain::sla::explain::{explain, Counted, LevelShown, MetricExplanation, Reason, StartCause, StopCause, TargetConditions, TermShown};
use helpdesk_domain::sla::{ClockState, ResumeCause, SlaReport, TypeChangeEffect};
use helpdesk_domain::target::Target;
use helpdesk_domain::{Complexity, Status, TicketType};
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
    let conditions = TargetConditions {
        ticket_type: case.class.ticket_type,
        priority: case.class.priority.map(|p| LevelShown::of(policy, p)),
        complexity: case.class.complexity,
        workaround: false,
    };
    let _ = writeln!(
        out,
        "{}",
        texts.get("explain-ticket", &fargs! { "conditions" => render_conditions(texts, &conditions) })
    );
    for (proposal, outcome) in &case.proposals {
        let asked = texts.datetime(proposal.asked_at, main_tz);
        let (id, args) = match outcome {
            ProposalOutcome::Agreed { at, .. } => ("reclass-agreed", fargs! { "asked" => asked, "at" => texts.datetime(*at, main_tz) }),
            ProposalOutcome::Refused { at, .. } => ("reclass-refused", fargs! { "asked" => asked, "at" => texts.datetime(*at, main_tz) }),
            ProposalOutcome::DeemedAgreed { answer_due } => ("reclass-deemed", fargs! { "asked" => asked, "due" => texts.datetime(*answer_due, main_tz) }),
            ProposalOutcome::Pending { answer_due } => ("reclass-pending", fargs! { "asked" => asked, "due" => texts.datetime(*answer_due, main_tz) }),
        };
        let _ = writeln!(out, "{}", texts.get(id, &args));
    }
    for metric in explain(&case.policy, &case.class, report) {
        out.push('\n');
        out.push_str(&render_metric(&metric, texts));
    }
    out
}

fn render_conditions(texts: &Texts, c: &TargetConditions) -> String {
    let mut parts = vec![ticket_type(texts, c.ticket_type)];
    if let Some(p) = &c.priority {
        parts.push(texts.get("cond-priority", &fargs! { "priority" => level(p) }));
    }
    if let Some(x) = c.complexity {
        parts.push(texts.get("cond-complexity", &fargs! { "complexity" => complexity(texts, x) }));
    }
    if c.workaround {
        parts.push(texts.plain("cond-workaround"));
    }
    parts.join(", ")
}

/// `P2 (Высокий)` where the policy names its levels (in the regulation's
/// own words and language), else `P2`.
fn level(l: &LevelShown) -> String {
    match &l.title {
        Some(title) => format!("P{} ({title})", l.priority.value()),
        None => format!("P{}", l.priority.value()),
    }
}

fn earlier_level(texts: &Texts, l: Option<&LevelShown>) -> String {
    l.map(level).unwrap_or_else(|| texts.plain("priority-none"))
}

fn ticket_type(texts: &Texts, t: TicketType) -> String {
    texts.plain(&format!("type-{}", t.as_str()))
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

fn term(texts: &Texts, t: TermShown) -> String {
    match t {
        TermShown::Fixed { amount, unit } => texts.target(Target::new(amount, unit)),
        TermShown::ByAgreement => texts.plain("term-by-agreement"),
        TermShown::NoTerm => texts.plain("term-none"),
    }
}

fn measured(texts: &Texts, c: Counted) -> String {
    texts.measured(c.seconds, c.working)
}

fn start_cause(texts: &Texts, cause: &StartCause) -> String {
    match cause {
        StartCause::Received => texts.plain("cause-received"),
        StartCause::Registered => texts.plain("cause-registered"),
        StartCause::RegisteredOn { line } => texts.get("cause-registered-on", &fargs! { "line" => line.to_string() }),
        StartCause::Escalated { line } => texts.get("cause-escalated", &fargs! { "line" => line.to_string() }),
        StartCause::Taken { line } => texts.get("cause-taken", &fargs! { "line" => line.to_string() }),
        StartCause::Status { status: s } => texts.get("cause-status", &fargs! { "status" => status(texts, *s) }),
        StartCause::MetricMet { metric } => texts.get("cause-met", &fargs! { "metric" => metric_name(texts, metric) }),
        StartCause::Milestone { milestone } => texts.plain(&format!("milestone-{milestone}")),
    }
}

fn stop_cause(texts: &Texts, by: &StopCause) -> String {
    match by {
        StopCause::Taken => texts.plain("stop-taken"),
        StopCause::Registered => texts.plain("stop-registered"),
        StopCause::Status { status: s } => texts.get("stop-status", &fargs! { "status" => status(texts, *s) }),
        StopCause::Milestone { milestone } => texts.plain(&format!("milestone-{milestone}")),
    }
}

/// ` (002 §7.3.5(2))`: the clause of the regulation a step follows, where
/// the policy names one; nothing where the regulation states no such rule.
fn cite(clause: Option<&String>) -> String {
    clause.map(|c| format!(" ({c})")).unwrap_or_default()
}

fn resume_cause(texts: &Texts, cause: &ResumeCause) -> String {
    match cause {
        ResumeCause::Reopened => texts.plain("resume-reopened"),
        ResumeCause::PostponementEnded => texts.plain("resume-postponement-ended"),
        ResumeCause::InformationReceived => texts.plain("resume-information-received"),
        ResumeCause::HandedOver { line: Some(line) } => texts.get("resume-handed-over", &fargs! { "line" => line.to_string() }),
        ResumeCause::HandedOver { line: None } => texts.plain("resume-handed-over-group"),
        ResumeCause::StatusChanged { from, to } => texts.get("resume-status", &fargs! { "from" => status(texts, *from), "to" => status(texts, *to) }),
    }
}

pub(crate) fn state(texts: &Texts, s: ClockState) -> String {
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

fn render_metric(m: &MetricExplanation, texts: &Texts) -> String {
    let tz: Tz = m.time_zone.parse().unwrap_or(Tz::UTC);
    let at = |t: &DateTime<Utc>| texts.datetime(*t, tz);
    let metric_clause = cite(m.clause.as_ref());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        texts.get(
            "explain-metric",
            &fargs! { "metric" => metric_name(texts, &m.metric), "cite" => metric_clause.clone(), "zone" => tz.name() }
        )
    );
    if let Some(starts_on) = &m.starts_on {
        let args = fargs! { "cause" => start_cause(texts, starts_on), "cite" => metric_clause };
        let _ = writeln!(out, "  {}", texts.get("explain-not-started", &args));
        return out;
    }
    for (n, reason) in m.reasons.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", n + 1, reason_text(texts, reason, &at));
    }
    let result = match &m.due {
        Some(due) => texts.get("explain-result", &fargs! { "due" => at(due), "state" => state(texts, m.state) }),
        None => texts.get("explain-result-no-due", &fargs! { "state" => state(texts, m.state) }),
    };
    let _ = writeln!(out, "  {result}");
    let counted = if m.due.is_some() {
        texts.get(
            "explain-counted",
            &fargs! { "elapsed" => measured(texts, m.elapsed), "remaining" => measured(texts, m.remaining) },
        )
    } else {
        texts.get("explain-counted-only", &fargs! { "elapsed" => measured(texts, m.elapsed) })
    };
    let _ = writeln!(out, "  {counted}");
    for w in &m.warnings {
        let id = match (w.threshold >= 1.0, w.reached) {
            (false, true) => "warning-reached",
            (false, false) => "warning-pending",
            (true, true) => "warning-breach-reached",
            (true, false) => "warning-breach-pending",
        };
        let _ = writeln!(out, "  {}", texts.get(id, &fargs! { "percent" => percent(w.threshold), "at" => at(&w.at) }));
    }
    out
}

fn reason_text(texts: &Texts, reason: &Reason, at: &dyn Fn(&DateTime<Utc>) -> String) -> String {
    let term_or_empty = |t: &Option<TermShown>| t.map(|t| term(texts, t)).unwrap_or_default();
    match reason {
        Reason::Started { at: t, cause } => texts.get("step-started", &fargs! { "at" => at(t), "cause" => start_cause(texts, cause) }),
        Reason::Target { at: t, conditions, term: shown, clause, placeholder } => {
            let conditions = render_conditions(texts, conditions);
            let mut text = if *shown == TermShown::NoTerm {
                texts.get("step-target-none", &fargs! { "at" => at(t), "conditions" => conditions, "cite" => cite(clause.as_ref()) })
            } else {
                texts.get("step-target", &fargs! { "at" => at(t), "conditions" => conditions, "term" => term(texts, *shown), "cite" => cite(clause.as_ref()) })
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
        Reason::NoTarget { at: t, by_agreement: true } => {
            texts.get("step-no-target", &fargs! { "at" => at(t), "term" => term(texts, TermShown::ByAgreement) })
        }
        Reason::NoTarget { at: t, by_agreement: false } => texts.get("step-no-rule", &fargs! { "at" => at(t) }),
        Reason::HourCount { term: shown, from, first_working: Some(first), due } => texts.get(
            "step-hour-count-later",
            &fargs! { "term" => term_or_empty(shown), "from" => at(from), "first" => at(first), "due" => at(due) },
        ),
        Reason::HourCount { term: shown, from, first_working: None, due } => {
            texts.get("step-hour-count", &fargs! { "term" => term_or_empty(shown), "from" => at(from), "due" => at(due) })
        }
        Reason::DayCount { term: shown, start, first, last, due, holidays, working_days, moved_from } => {
            let term_words = term_or_empty(shown);
            let mut text = if *working_days {
                texts.get(
                    "step-day-count-working",
                    &fargs! { "term" => term_words, "start" => texts.date(*start), "first" => texts.date(*first), "last" => texts.date(*last), "due" => at(due) },
                )
            } else {
                let args = fargs! { "term" => term_words, "start" => texts.date(*start), "date" => texts.date(moved_from.unwrap_or(*last)), "last" => texts.date(*last), "due" => at(due) };
                let id = if moved_from.is_some() { "step-day-count-calendar-moved" } else { "step-day-count-calendar" };
                texts.get(id, &args)
            };
            if !holidays.is_empty() {
                let dates: Vec<String> = holidays.iter().map(|d| texts.date(*d)).collect();
                text.push(' ');
                text.push_str(&texts.get("day-count-holidays", &fargs! { "dates" => dates.join(", ") }));
            }
            text
        }
        Reason::Paused { from, to: Some(to), status: s, added, clause } => texts.get(
            "step-paused",
            &fargs! { "from" => at(from), "to" => at(to), "status" => status(texts, *s), "added" => measured(texts, *added), "cite" => cite(clause.as_ref()) },
        ),
        Reason::Paused { from, to: None, status: s, added, clause } => texts.get(
            "step-paused-open",
            &fargs! { "from" => at(from), "status" => status(texts, *s), "added" => measured(texts, *added), "cite" => cite(clause.as_ref()) },
        ),
        Reason::PriorityLowered { at: t, from, to, worked, clause } => texts.get(
            "step-priority-lowered",
            &fargs! { "at" => at(t), "from" => earlier_level(texts, from.as_ref()), "to" => level(to), "worked" => measured(texts, *worked), "cite" => cite(clause.as_ref()) },
        ),
        Reason::PriorityRaised { at: t, from, to, clause } => texts.get(
            "step-priority-raised",
            &fargs! { "at" => at(t), "from" => earlier_level(texts, from.as_ref()), "to" => level(to), "cite" => cite(clause.as_ref()) },
        ),
        Reason::PriorityKept { at: t, from, to } => {
            texts.get("step-priority-kept", &fargs! { "at" => at(t), "from" => earlier_level(texts, from.as_ref()), "to" => level(to) })
        }
        Reason::Workaround { at: t, clause } => texts.get("step-workaround", &fargs! { "at" => at(t), "cite" => cite(clause.as_ref()) }),
        Reason::ComplexityChanged { at: t, to, clause } => {
            texts.get("step-complexity", &fargs! { "at" => at(t), "complexity" => complexity(texts, *to), "cite" => cite(clause.as_ref()) })
        }
        Reason::TypeChanged { at: t, from, to, effect, worked, clause } => {
            let (from, to) = (ticket_type(texts, *from), ticket_type(texts, *to));
            match effect {
                TypeChangeEffect::KeptTarget => texts.get("step-type-kept", &fargs! { "at" => at(t), "from" => from, "to" => to }),
                TypeChangeEffect::Lengthened { .. } => texts.get(
                    "step-type-lengthened",
                    &fargs! { "at" => at(t), "from" => from, "to" => to, "worked" => worked.map(|w| measured(texts, w)).unwrap_or_default(), "cite" => cite(clause.as_ref()) },
                ),
                TypeChangeEffect::Shortened => {
                    texts.get("step-type-shortened", &fargs! { "at" => at(t), "from" => from, "to" => to, "cite" => cite(clause.as_ref()) })
                }
            }
        }
        Reason::Extended { at: t, until, clause } => texts.get("step-extended", &fargs! { "at" => at(t), "until" => at(until), "cite" => cite(clause.as_ref()) }),
        Reason::Capped { term: cap, due, clause } => {
            texts.get("step-capped", &fargs! { "term" => term(texts, *cap), "due" => at(due), "cite" => cite(clause.as_ref()) })
        }
        Reason::Stopped { at: t, by } => texts.get("step-stopped", &fargs! { "at" => at(t), "by" => stop_cause(texts, by) }),
        Reason::Resumed { at: t, cause } => texts.get("step-resumed", &fargs! { "at" => at(t), "cause" => resume_cause(texts, cause) }),
        Reason::PausesTotal { added, from, due, clause } => texts.get(
            "step-pauses-total",
            &fargs! { "added" => measured(texts, *added), "from" => at(from), "due" => at(due), "cite" => cite(clause.as_ref()) },
        ),
    }
}

//! The JSON report of `helpdesk sla replay`: each metric's deadline, state
//! and warnings, every instant in RFC 3339 in the offset of the metric's
//! calendar time zone (local time, as the regulations count it).

use crate::replay::ReplayCase;
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use helpdesk_domain::approval::ProposalOutcome;
use helpdesk_domain::policy::CompiledPolicy;
use helpdesk_domain::sla::{ClockState, MetricReport, SlaReport};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ReportOut {
    pub policy: String,
    pub time_zone: String,
    pub now: String,
    pub metrics: Vec<MetricOut>,
    pub next_change: Option<String>,
    /// Each proposed reclassification and its outcome (002 §7.3.4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reclassifications: Vec<ReclassificationOut>,
}

#[derive(Debug, Serialize)]
pub struct ReclassificationOut {
    pub proposed_at: String,
    pub answer_due: String,
    /// `agreed`, `refused`, `deemed_agreed` or `pending`.
    pub outcome: &'static str,
    /// When the change applied: at the answer, or at the due time.
    pub applied_at: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MetricOut {
    pub name: String,
    pub target: Option<String>,
    pub due: Option<String>,
    pub state: ClockState,
    pub time_zone: String,
    pub started_at: Option<String>,
    pub stopped_at: Option<String>,
    pub elapsed_working_seconds: i64,
    pub remaining_working_seconds: i64,
    pub used_share: Option<f64>,
    pub warnings: Vec<WarningOut>,
    /// The target is a placeholder, not the regulation's figure: the policy's reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct WarningOut {
    pub at: String,
    pub threshold: f64,
    pub reached: bool,
}

/// The time zone of a metric's calendar (the policy's own by default).
pub fn metric_zone(policy: &CompiledPolicy, metric: &str) -> Tz {
    match policy.policy.metrics.iter().find(|m| m.name == metric) {
        Some(spec) => policy.calendar_for(spec).time_zone(),
        None => policy.main_calendar().time_zone(),
    }
}

/// RFC 3339 in the zone's offset at that instant, e.g. `2026-11-18T14:00:00+03:00`.
pub fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).fixed_offset().to_rfc3339_opts(SecondsFormat::Secs, false)
}

pub fn metric_out(policy: &CompiledPolicy, m: &MetricReport) -> MetricOut {
    let tz = metric_zone(policy, &m.name);
    MetricOut {
        name: m.name.clone(),
        target: m.target.clone(),
        due: m.due.map(|t| local(t, tz)),
        state: m.state,
        time_zone: tz.name().to_string(),
        started_at: m.started_at.map(|t| local(t, tz)),
        stopped_at: m.stopped_at.map(|t| local(t, tz)),
        elapsed_working_seconds: m.elapsed_working_seconds,
        remaining_working_seconds: m.remaining_working_seconds,
        used_share: m.used_share,
        warnings: m
            .warnings
            .iter()
            .map(|w| WarningOut {
                at: local(w.at, tz),
                threshold: w.threshold,
                reached: w.reached,
            })
            .collect(),
        placeholder: m.placeholder.clone(),
    }
}

pub fn report_out(case: &ReplayCase, report: &SlaReport) -> ReportOut {
    let tz = case.policy.main_calendar().time_zone();
    ReportOut {
        policy: case.policy.policy.id.clone(),
        time_zone: tz.name().to_string(),
        now: local(case.now, tz),
        metrics: report.metrics.iter().map(|m| metric_out(&case.policy, m)).collect(),
        next_change: report.next_change.map(|t| local(t, tz)),
        reclassifications: case
            .proposals
            .iter()
            .map(|(proposal, outcome)| reclassification_out(proposal.asked_at, *outcome, tz))
            .collect(),
    }
}

fn reclassification_out(asked_at: DateTime<Utc>, outcome: ProposalOutcome, tz: Tz) -> ReclassificationOut {
    let (outcome, answer_due, applied_at) = match outcome {
        ProposalOutcome::Agreed { at, answer_due } => ("agreed", answer_due, Some(at)),
        ProposalOutcome::Refused { answer_due, .. } => ("refused", answer_due, None),
        ProposalOutcome::DeemedAgreed { answer_due } => ("deemed_agreed", answer_due, Some(answer_due)),
        ProposalOutcome::Pending { answer_due } => ("pending", answer_due, None),
    };
    ReclassificationOut {
        proposed_at: local(asked_at, tz),
        answer_due: local(answer_due, tz),
        outcome,
        applied_at: applied_at.map(|t| local(t, tz)),
    }
}

/// The report as pretty JSON.
pub fn to_json(case: &ReplayCase, report: &SlaReport) -> String {
    serde_json::to_string_pretty(&report_out(case, report)).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

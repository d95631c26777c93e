//! The requester's approval of a reclassification that lengthens the term
//! (002 §7.3.4): «ответ на запрос по изменению типа и/или приоритета должен
//! быть предоставлен в течение одного рабочего дня, но не менее, чем за 3
//! (три) рабочих часа до истечения срока решения обращения. В случае
//! отсутствия согласования в установленный срок изменения … считаются
//! согласованными».
//!
//! The analyst proposes the change (`propose_reclassification`); the
//! requester's answer is recorded (`answer_reclassification`, agreed or
//! not); without an answer by [`answer_due`] the server's timed job records
//! it as agreed (deemed), and the change applies then.

use crate::calendar::{Calendar, CalendarError};
use crate::escalation::ESCALATION_METRIC;
use crate::model::TicketType;
use crate::policy::{CompiledPolicy, TicketClass};
use crate::priority::Priority;
use crate::sla::{evaluate, ClockEvent, ClockEventKind, SlaError, SlaReport};
use crate::target::{Target, Unit};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// 002 §7.3.4: one working day for the answer.
pub const ANSWER_TERM: Target = Target {
    amount: 1,
    unit: Unit::WorkingDays,
};

/// 002 §7.3.4: and no later than 3 working hours before the resolution deadline.
pub const BEFORE_RESOLUTION_SECONDS: i64 = 3 * 3600;

/// When the requester's answer to a reclassification asked at `asked_at`
/// is due: one working day (rule 3: the close of the next working day),
/// but no later than 3 working hours before `resolution_due`, when the
/// ticket has one; never before `asked_at`.
pub fn answer_due(calendar: &Calendar, asked_at: DateTime<Utc>, resolution_due: Option<DateTime<Utc>>) -> Result<DateTime<Utc>, CalendarError> {
    let one_day = calendar.term_end(asked_at, ANSWER_TERM)?;
    let Some(due) = resolution_due else { return Ok(one_day) };
    let before = working_before(calendar, due, BEFORE_RESOLUTION_SECONDS);
    Ok(one_day.min(before).max(asked_at))
}

/// The latest instant at or before `t` with `amount` working seconds
/// between it and `t` (or 366 days back when there are fewer).
fn working_before(calendar: &Calendar, t: DateTime<Utc>, amount: i64) -> DateTime<Utc> {
    let (mut lo, mut hi) = (t - Duration::days(366), t);
    if calendar.working_between(lo, t) < amount {
        return lo;
    }
    // working_between(x, t) falls as x rises: the largest x where it is still ≥ amount.
    while hi - lo > Duration::seconds(1) {
        let mid = lo + Duration::seconds((hi - lo).num_seconds() / 2);
        if calendar.working_between(mid, t) >= amount {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

/// When the answer to a proposal asked at `asked_at` is due, for a ticket
/// whose SLA stands as `report` (its resolution deadline, where it has one).
pub fn answer_due_for(policy: &CompiledPolicy, report: Option<&SlaReport>, asked_at: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
    let resolution_due = report.and_then(|r| r.metrics.iter().find(|m| m.name == ESCALATION_METRIC)).and_then(|m| m.due);
    answer_due(policy.main_calendar(), asked_at, resolution_due)
}

/// A proposed reclassification that lengthens the term, and the answer to
/// it if one was given: `(at, agreed)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub asked_at: DateTime<Utc>,
    pub ticket_type: Option<TicketType>,
    pub priority: Option<Priority>,
    pub answer: Option<(DateTime<Utc>, bool)>,
}

/// What became of a proposal as of `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ProposalOutcome {
    /// The requester agreed: the change applies at their answer.
    Agreed { at: DateTime<Utc>, answer_due: DateTime<Utc> },
    /// The requester refused: the ticket keeps its class.
    Refused { at: DateTime<Utc>, answer_due: DateTime<Utc> },
    /// No answer in time: deemed agreed, the change applies at the due time.
    DeemedAgreed { answer_due: DateTime<Utc> },
    /// Still waiting for the answer.
    Pending { answer_due: DateTime<Utc> },
}

/// 002 §7.3.4 over a ticket's history: each proposal's outcome as of `now`,
/// and the clock events with every change that applied (an agreed one at
/// the answer, an unanswered one at its due time) in their place.
pub fn settle_proposals(
    policy: &CompiledPolicy,
    class: &TicketClass,
    events: &[ClockEvent],
    proposals: &[Proposal],
    now: DateTime<Utc>,
) -> Result<(Vec<ClockEvent>, Vec<ProposalOutcome>), SlaError> {
    let mut events = events.to_vec();
    let mut outcomes = Vec::with_capacity(proposals.len());
    for proposal in proposals {
        let report = evaluate(policy, class, &events, now)?;
        let answer_due = answer_due_for(policy, Some(&report), proposal.asked_at)?;
        let (outcome, applies_at) = match proposal.answer {
            Some((at, true)) => (ProposalOutcome::Agreed { at, answer_due }, Some(at)),
            Some((at, false)) => (ProposalOutcome::Refused { at, answer_due }, None),
            None if now >= answer_due => (ProposalOutcome::DeemedAgreed { answer_due }, Some(answer_due)),
            None => (ProposalOutcome::Pending { answer_due }, None),
        };
        if let Some(at) = applies_at {
            let place = events.partition_point(|e| e.at <= at);
            let changes = proposal
                .ticket_type
                .map(|to| ClockEventKind::Type { to })
                .into_iter()
                .chain(proposal.priority.map(|to| ClockEventKind::Priority { to }));
            for (i, kind) in changes.enumerate() {
                events.insert(place + i, ClockEvent { at, kind });
            }
        }
        outcomes.push(outcome);
    }
    Ok((events, outcomes))
}

//! 002 §7.3.4 on the portal: when the requester's answer to a proposed
//! reclassification is due — by the domain's rule (`approval::answer_due`),
//! the same instant the server's timed job deems it agreed.

use super::auth::Caller;
use super::App;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use helpdesk_domain::approval::answer_due;
use helpdesk_domain::escalation::ESCALATION_METRIC;
use helpdesk_domain::sla::evaluate_ticket;

impl App {
    /// When the answer to the ticket's pending reclassification is due;
    /// `None` when nothing awaits an answer.
    pub fn reclassification_answer_due(&self, caller: &Caller, id_or_number: &str) -> AppResult<Option<DateTime<Utc>>> {
        let view = self.ticket(caller, id_or_number)?;
        let Some(pending) = &view.ticket.pending_reclassification else {
            return Ok(None);
        };
        let policy = self.policy(&view.policy)?;
        let resolution_due = evaluate_ticket(&policy, &view.ticket, &view.events, self.now())
            .ok()
            .and_then(|r| r.metrics.into_iter().find(|m| m.name == ESCALATION_METRIC).and_then(|m| m.due));
        answer_due(policy.main_calendar(), pending.asked_at, resolution_due)
            .map(Some)
            .map_err(|e| AppError::Internal(format!("the ticket's calendar cannot place the answer's term: {e}")))
    }
}

//! A reclassification awaiting the requester's answer (002 §7.3.4): when
//! the answer is due, by the domain's rule, for the ticket view — the same
//! instant the server's timed job deems it agreed.

use crate::Client;
use chrono::{DateTime, Utc};
use helpdesk_domain::approval::answer_due;
use helpdesk_domain::escalation::ESCALATION_METRIC;
use helpdesk_domain::sla::SlaReport;
use helpdesk_domain::ticket::Ticket;

impl Client {
    /// When the requester's answer to the ticket's pending reclassification
    /// is due (else it is deemed agreed); `None` when nothing is pending.
    pub(crate) fn reclassification_answer_due(&self, policy: &str, ticket: &Ticket, sla: Option<&SlaReport>) -> Option<DateTime<Utc>> {
        let pending = ticket.pending_reclassification.as_ref()?;
        let policy = self.policy(policy)?;
        let resolution_due = sla.and_then(|r| r.metrics.iter().find(|m| m.name == ESCALATION_METRIC)).and_then(|m| m.due);
        answer_due(policy.main_calendar(), pending.asked_at, resolution_due).ok()
    }
}

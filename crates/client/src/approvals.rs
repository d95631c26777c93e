//! A reclassification awaiting the requester's answer (002 §7.3.4): when
//! the answer is due, by the domain's rule, for the ticket view — the same
//! instant the server's timed job deems it agreed.

use crate::Client;
use chrono::{DateTime, Utc};
use helpdesk_domain::approval::answer_due_for;
use helpdesk_domain::sla::SlaReport;
use helpdesk_domain::ticket::Ticket;

impl Client {
    /// When the requester's answer to the ticket's pending reclassification
    /// is due (else it is deemed agreed); `None` when nothing is pending.
    pub(crate) fn reclassification_answer_due(&self, policy: &str, ticket: &Ticket, sla: Option<&SlaReport>) -> Option<DateTime<Utc>> {
        let pending = ticket.pending_reclassification.as_ref()?;
        let policy = self.policy(policy)?;
        answer_due_for(&policy, sla, pending.asked_at).ok()
    }
}

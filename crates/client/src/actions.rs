//! Actions on a ticket: checked against the workflow under the ticket's
//! policy, written to the outbox (offline first), sent by the sync.

use crate::{Client, Result, TicketDetail};
use helpdesk_domain::ops::Op;
use helpdesk_domain::workflow::WorkflowLimits;

impl Client {
    /// Checks the action against the workflow under the limits of the
    /// ticket's policy (as the server will), writes it to the outbox and
    /// wakes the sync; returns the ticket as it now looks.
    pub fn act(&self, number: &str, op: Op) -> Result<TicketDetail> {
        let number = number.trim();
        let limits = self.workflow_limits(number)?;
        let enqueued = self.replica().enqueue_with(number, op, limits, self.now())?;
        self.wake_sync.notify_one();
        self.wake_notifier.notify_one();
        self.detail(enqueued.view)
    }

    /// The workflow's figures under the ticket's policy (e.g. requests for
    /// information before a rejection for no response: 004 §3.5 one,
    /// 002 §7.5(2) two) — what the server applies for the same policy. The
    /// defaults when the ticket is not in the replica (enqueueing says so).
    pub(crate) fn workflow_limits(&self, number: &str) -> Result<WorkflowLimits> {
        // The replica's lock is released before `policy` takes it again.
        let policy = self.replica().ticket_policy(number)?;
        Ok(policy.and_then(|id| self.policy(&id)).map(|p| p.workflow_limits()).unwrap_or_default())
    }
}

//! Where one action of the outbox stands after a sync round, and why the
//! last round failed: what a caller without a window (the CLI) tells the
//! user once a command is done, rather than guessing from counts.

use crate::{Client, Result};
pub use helpdesk_sync::LastSyncFailure;

/// Where an action written to the outbox stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionState {
    /// Not sent yet, or sent without a final answer: it is sent again.
    Pending,
    /// The server applied it.
    Applied,
    /// The server did not apply it: it is in "Needs attention".
    NeedsAttention,
}

impl Client {
    /// Where the action with outbox number `seq` stands.
    pub fn action_state(&self, seq: u64) -> Result<ActionState> {
        let replica = self.replica();
        if replica.pending_ops()?.iter().any(|op| op.seq == seq) {
            return Ok(ActionState::Pending);
        }
        if replica.attention()?.iter().any(|a| a.seq == seq) {
            return Ok(ActionState::NeedsAttention);
        }
        Ok(ActionState::Applied)
    }

    /// Why the last sync round of this profile failed and when; `None`
    /// when it succeeded (or none ran). Kept in the replica, so another
    /// process sees it.
    pub fn last_sync_failure(&self) -> Option<LastSyncFailure> {
        helpdesk_sync::last_failure(&self.replica())
    }
}

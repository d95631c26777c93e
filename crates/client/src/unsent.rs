//! Which entries of a ticket the server does not have yet, as the replica
//! knows from its outbox: the window marks them "not sent".

use crate::{Client, Result, UnsentEntries};
use helpdesk_protocol::TicketView;

impl Client {
    /// The entries of `view` (the ticket as the replica shows it now) that
    /// actions still in the outbox made.
    pub(crate) fn unsent_entries(&self, view: &TicketView) -> Result<UnsentEntries> {
        let Some((visible, unsent)) = self.replica().ticket_with_unsent(&view.ticket.id)? else {
            return Ok(UnsentEntries::default());
        };
        // The same ticket read twice (`act`'s view has the new action at
        // the instant it was made, the replica's at its stored millisecond):
        // the marks count while they point at as many entries as are shown.
        if visible.events.len() != view.events.len() || visible.ticket.comments.len() != view.ticket.comments.len() {
            return Ok(UnsentEntries::default());
        }
        Ok(unsent.into())
    }
}

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
        // The same ticket read twice: the marks count only while the
        // entries they point at are the ones shown.
        if visible.events != view.events || visible.ticket.comments != view.ticket.comments {
            return Ok(UnsentEntries::default());
        }
        Ok(unsent.into())
    }
}

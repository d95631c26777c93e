//! The ticket as the server last sent it, without the analyst's unsent
//! actions: "the server's version" shown next to an action that did not apply.

use crate::{Replica, Result};
use helpdesk_protocol::TicketView;

impl Replica {
    /// The ticket as pulled from the server (no pending actions replayed).
    pub fn server_ticket(&self, id_or_number: &str) -> Result<Option<TicketView>> {
        self.server_view(id_or_number)
    }
}

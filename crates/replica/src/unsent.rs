//! The ticket as the analyst sees it, and which of its entries the server
//! does not have yet: the comments and events of actions still in the
//! outbox, so a window can mark them "not sent" until the server has them.

use crate::{from_millis, stored_limits, Replica, Result};
use helpdesk_domain::ops::Op;
use helpdesk_domain::workflow::apply_with;
use helpdesk_protocol::TicketView;
use rusqlite::params;

/// Entries of a visible ticket made by actions not yet sent: indices into
/// `TicketView::events` and into `Ticket::comments` of that same view.
/// Actions the server applied but a pull has not brought yet are sent, so
/// they are not here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsent {
    pub events: Vec<usize>,
    pub comments: Vec<usize>,
}

impl Replica {
    /// The server's row with the outstanding ops replayed by the domain's
    /// `apply_with`, each under the limits it was enqueued with, and the
    /// entries the pending ones added. Ops that no longer apply are left
    /// out of the view (the server will say why).
    pub(crate) fn replay(&self, server: &TicketView) -> Result<(TicketView, Unsent)> {
        let actor = self.actor()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT op, device_time, limits, state = 'pending' FROM outbox WHERE ticket = ?1 AND (state = 'pending' OR (state = 'applied' AND applied_version > ?2)) ORDER BY seq",
        )?;
        let rows = stmt.query_map(params![server.ticket.id, server.ticket.version as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?;
        let mut visible = server.clone();
        let mut unsent = Unsent::default();
        for row in rows {
            let (op, at, limits, pending) = row?;
            let op: Op = match serde_json::from_str(&op) {
                Ok(op) => op,
                // A registration (`register`) made the row itself: nothing to replay.
                Err(_) if op.contains(r#""op":"register""#) => continue,
                Err(e) => return Err(e.into()),
            };
            let limits = stored_limits(limits.as_deref())?;
            if let Ok(applied) = apply_with(&visible.ticket, &op, &actor, from_millis(at), limits) {
                if pending {
                    unsent.events.extend(visible.events.len()..visible.events.len() + applied.events.len());
                    unsent.comments.extend(visible.ticket.comments.len()..applied.ticket.comments.len());
                }
                visible.ticket = applied.ticket;
                visible.events.extend(applied.events);
            }
        }
        Ok((visible, unsent))
    }

    /// A ticket as the analyst sees it now, with the entries not yet sent.
    pub fn ticket_with_unsent(&self, id_or_number: &str) -> Result<Option<(TicketView, Unsent)>> {
        let Some(server) = self.server_view(id_or_number)? else { return Ok(None) };
        Ok(Some(self.replay(&server)?))
    }
}

//! A registration pushed through sync: a ticket the desk filed offline
//! (`helpdesk register`, the desktop's registration form), registered
//! under the id the client gave it, in a savepoint like every synced op.
//! A refusal (a missing field, an unknown group, an id already taken) is
//! a stored rejection the client keeps in Needs attention with every field.

use super::App;
use crate::error::AppResult;
use crate::store::tickets as ticket_store;
use crate::store::WriteTx;
use chrono::{DateTime, Utc};
use helpdesk_domain::ticket::NewTicket;
use helpdesk_domain::workflow::Actor;
use helpdesk_domain::Channel;
use helpdesk_protocol::registration::is_client_ticket_id;
use helpdesk_protocol::OpOutcome;

impl App {
    /// Registers `new` as ticket `id` for `actor`; the outcome to store.
    pub(crate) fn register_synced(&self, tx: &dyn WriteTx, actor: &Actor, id: &str, new: NewTicket, now: DateTime<Utc>) -> AppResult<OpOutcome> {
        if !is_client_ticket_id(id) {
            return Ok(OpOutcome::Rejected {
                code: "invalid_op".into(),
                message: format!("a registration names its new ticket `t-` and 16 to 48 hex digits, not `{id}`; register it again"),
                fields: vec![],
            });
        }
        if ticket_store::head(tx, id)?.is_some() {
            return Ok(OpOutcome::Rejected {
                code: "invalid_op".into(),
                message: format!("a ticket with id `{id}` exists already; register it again (the app gives it a new id)"),
                fields: vec![],
            });
        }
        match tx.savepoint_kept("sync_register", || self.register_in(tx, actor, new, Channel::Portal, id.to_string(), now))? {
            Ok((ticket, _policy)) => Ok(OpOutcome::Applied {
                version: ticket.version,
                number: Some(ticket.number),
            }),
            Err(e) => super::sync::refused(e),
        }
    }
}

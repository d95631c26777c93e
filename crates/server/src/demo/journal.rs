//! The demo's account of each ticket it made: the ticket as registered,
//! by whom and when, and every workflow op the application layer accepted
//! afterwards — so a test can replay each ticket through the domain and
//! compare the result with what the store holds.

use chrono::{DateTime, Utc};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::Ticket;
use helpdesk_domain::workflow::Actor;

/// One op of a ticket's life.
#[derive(Debug, Clone)]
pub struct Step {
    pub actor: Actor,
    pub op: Op,
    pub at: DateTime<Utc>,
}

/// One ticket's life as the demo drove it.
#[derive(Debug, Clone)]
pub struct TicketJournal {
    /// The ticket as the application layer registered it (version 1).
    pub registered: Ticket,
    /// Who registered it.
    pub registered_by: Actor,
    /// Its policy.
    pub policy: String,
    /// The ops accepted after registration, in order.
    pub steps: Vec<Step>,
}

//! What lists need of a ticket without reading its whole view (the queues,
//! their counts, the notifier's SLA scan, the dashboard): written beside the
//! view whenever the view is, so a queue of 10,000 tickets never parses
//! 10,000 audit trails.

use chrono::{DateTime, Utc};
use helpdesk_domain::policy::TicketClass;
use helpdesk_domain::sla::{class_at_registration, clock_events, ClockEvent};
use helpdesk_domain::workflow::EventKind;
use helpdesk_domain::TicketType;
use helpdesk_protocol::TicketView;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketDigest {
    pub subject: String,
    #[serde(rename = "type")]
    pub ticket_type: TicketType,
    /// The requester's name.
    pub requester: String,
    /// The SLA policy the ticket is counted under.
    pub policy: String,
    #[serde(with = "helpdesk_domain::timestamp")]
    pub received_at: DateTime<Utc>,
    /// What the SLA engine starts from, and the clock events of the trail
    /// (`sla::evaluate(policy, &class, &clock, now)` gives the ticket's SLA).
    pub class: TicketClass,
    pub clock: Vec<ClockEvent>,
    /// The last resolution, if any.
    pub resolved: Option<Resolved>,
    /// When the trail last changed (newest event).
    #[serde(default, with = "helpdesk_domain::timestamp::option")]
    pub last_event_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolved {
    #[serde(with = "helpdesk_domain::timestamp")]
    pub at: DateTime<Utc>,
    /// The user who resolved it.
    pub by: String,
}

impl TicketDigest {
    pub fn of(view: &TicketView) -> TicketDigest {
        let resolved = view.events.iter().rev().find_map(|e| match e.kind {
            EventKind::Resolved { .. } => Some(Resolved { at: e.at, by: e.actor.clone() }),
            _ => None,
        });
        TicketDigest {
            subject: view.ticket.subject.clone(),
            ticket_type: view.ticket.ticket_type,
            requester: view.ticket.requester.name.clone(),
            policy: view.policy.clone(),
            received_at: view.ticket.received_at,
            class: class_at_registration(&view.ticket, &view.events),
            clock: clock_events(&view.events),
            resolved,
            last_event_at: view.events.last().map(|e| e.at),
        }
    }
}

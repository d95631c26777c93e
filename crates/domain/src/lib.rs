//! The domain of the HELP DESK: the ticket model and its workflow, priorities,
//! the SLA engine with its calendars, and the policies that carry each
//! regulation's figures (SPEC §2–§3).
//!
//! Pure: no IO and no clock reads. Every function that needs the time takes
//! `now` as a parameter, so the server and the offline laptop compute the same
//! deadlines from the same events.
//!
//! It must not depend on any other crate of the workspace, open a file or a
//! socket, or read the clock or the environment: every rule of the
//! regulations is decided here once, and the front ends only present it.

pub mod actions;
pub mod approval;
pub mod attachments;
pub mod calendar;
pub mod escalation;
pub mod kb_review;
pub mod kpi;
pub mod mail_intake;
pub mod milestone;
pub mod model;
mod op_text;
pub mod ops;
pub mod policy;
pub mod priority;
pub mod refusal_code;
pub mod registration_defaults;
pub mod registration_form;
pub mod requester_mail;
pub mod satisfaction;
pub mod sla;
pub mod target;
pub mod ticket;
pub mod timestamp;
pub mod ui_constants;
pub mod workflow;

pub use model::{Channel, Complexity, Line, Status, TicketType};
pub use priority::{Impact, Priority, Urgency};

/// A name that is not one of a closed set; the message lists what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{given}`; allowed: {allowed}")]
pub struct UnknownName {
    pub what: &'static str,
    pub given: String,
    pub allowed: String,
}

//! What a pushed op carries: a workflow action on a ticket the server
//! has, or the registration of a ticket filed offline (the desk's
//! registration form, `helpdesk register`). A registration travels under
//! the ticket id the client chose (`t-` and hex), so the ticket it saw
//! locally and the one the server registers are one row; the push's
//! `(client_id, seq)` makes it exactly-once like every op.

use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::NewTicket;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `{"op": "register", "ticket": {…}}`: a ticket to register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum RegisterOp {
    Register { ticket: Box<NewTicket> },
}

/// The `op` of a pushed op: a registration, or an action on a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum PushAction {
    Register(RegisterOp),
    Ticket(Op),
}

impl PushAction {
    /// Reads an op's JSON: a registration when its `op` is `register`,
    /// else a workflow action (whose error names what is wrong with it).
    pub fn from_json(value: serde_json::Value) -> Result<PushAction, serde_json::Error> {
        if value.get("op").and_then(serde_json::Value::as_str) == Some("register") {
            serde_json::from_value(value).map(PushAction::Register)
        } else {
            serde_json::from_value(value).map(PushAction::Ticket)
        }
    }

    /// The ticket to register, if this is a registration.
    pub fn registration(&self) -> Option<&NewTicket> {
        match self {
            PushAction::Register(RegisterOp::Register { ticket }) => Some(ticket),
            PushAction::Ticket(_) => None,
        }
    }
}

impl From<Op> for PushAction {
    fn from(op: Op) -> Self {
        PushAction::Ticket(op)
    }
}

/// Whether `id` is an id a client may give a ticket it registers: `t-`
/// and 16 to 48 lowercase hex digits.
pub fn is_client_ticket_id(id: &str) -> bool {
    id.strip_prefix("t-")
        .is_some_and(|hex| (16..=48).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_and_an_action_read_back_as_what_they_are() {
        let register = PushAction::Register(RegisterOp::Register { ticket: Box::default() });
        let json = serde_json::to_value(&register).unwrap();
        assert_eq!(json["op"], "register");
        assert_eq!(PushAction::from_json(json).unwrap(), register);
        let take = PushAction::Ticket(Op::Take {});
        assert_eq!(PushAction::from_json(serde_json::to_value(&take).unwrap()).unwrap(), take);
        assert!(PushAction::from_json(serde_json::json!({"op": "fly"})).is_err());
    }

    #[test]
    fn a_client_ticket_id_is_t_and_hex() {
        assert!(is_client_ticket_id("t-0123456789abcdef"));
        assert!(!is_client_ticket_id("t-short"));
        assert!(!is_client_ticket_id("x-0123456789abcdef"));
        assert!(!is_client_ticket_id("t-0123456789ABCDEF"));
    }
}

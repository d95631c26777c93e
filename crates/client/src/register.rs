//! L1 registration from the desk (the registration form, `helpdesk
//! register`): which fields a form asks and requires, the priority the
//! matrix gives, and the registration itself — filled with the
//! deployment's defaults and checked by the domain's registration rules
//! under the policy the server's routing rules will count it under (see
//! [`crate::registration_settings`]), written to
//! the outbox (it works offline) as a local ticket with a local reference,
//! numbered by the server at the next sync.

use crate::{Client, ClientError, Result};
use helpdesk_domain::model::{Channel, Line, TicketType};
use helpdesk_domain::priority::{Impact, Priority, Urgency};
use helpdesk_domain::registration_defaults::RegistrationDefaults;
use helpdesk_domain::registration_form::{form_fields, form_problems, FormFields};
use helpdesk_domain::ticket::{register_with, FieldError, NewTicket, RequesterKind};
use helpdesk_protocol::TicketView;
pub use helpdesk_replica::PendingRegistration;
use rand::RngCore;

/// A registration written to the outbox.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export_to = "client/")]
pub struct Registered {
    /// The outbox seq of the registration.
    #[ts(type = "number")]
    pub seq: u64,
    pub id: String,
    /// What the ticket is called until the server numbers it.
    pub local_reference: String,
}

/// One cell of the impact × urgency matrix (000 §13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export_to = "client/")]
pub struct PriorityCell {
    pub impact: Impact,
    pub urgency: Urgency,
    pub priority: Priority,
}

/// The desk's registration form for a type, a channel and a requester:
/// whether the type is taken by that channel, the fields it requires (in
/// form order, as registration paths), the priority matrix it shows, and
/// the deployment's defaults it starts from (a field left out gets them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export_to = "client/")]
pub struct RegistrationForm {
    pub accepted: bool,
    pub required: Vec<String>,
    pub matrix: Vec<PriorityCell>,
    pub defaults: RegistrationDefaults,
}

/// A refused registration as the desk shows it in Needs attention.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export_to = "client/")]
pub struct RefusedRegistration {
    #[ts(type = "number")]
    pub seq: u64,
    pub local_reference: String,
    pub ticket: NewTicket,
    pub code: String,
    pub message: String,
    /// The fields to correct: those the server named, else those the
    /// registration rules find missing or wrong as it was filled.
    pub fields: Vec<String>,
}

impl Client {
    /// The desk form (see [`RegistrationForm`]).
    pub fn registration_form_for(&self, ticket_type: TicketType, channel: Channel, kind: Option<RequesterKind>) -> RegistrationForm {
        let fields = self.registration_form(ticket_type, channel, kind);
        let mut matrix = Vec::new();
        for impact in Impact::ALL {
            for urgency in Urgency::ALL {
                matrix.push(PriorityCell {
                    impact: *impact,
                    urgency: *urgency,
                    priority: Priority::from_matrix(*impact, *urgency),
                });
            }
        }
        RegistrationForm {
            accepted: fields.accepted,
            required: fields.required,
            matrix,
            defaults: self.registration_settings().defaults,
        }
    }

    /// [`Client::refused_registrations`] as the desk shows them.
    pub fn refused_registration_list(&self) -> Result<Vec<RefusedRegistration>> {
        Ok(self
            .refused_registrations()?
            .into_iter()
            .map(|r| {
                let fields = if r.fields.is_empty() {
                    self.registration_problems(&r.ticket).into_iter().map(|p| p.field).collect()
                } else {
                    r.fields
                };
                RefusedRegistration {
                    seq: r.seq,
                    local_reference: r.local_reference,
                    ticket: r.ticket,
                    code: r.code,
                    message: r.message,
                    fields,
                }
            })
            .collect())
    }

    /// The fields a desk form for this type, channel and requester asks
    /// as required, in form order: under the policy a registration of it
    /// with the deployment's defaults is counted under.
    pub fn registration_form(&self, ticket_type: TicketType, channel: Channel, kind: Option<RequesterKind>) -> FormFields {
        let mut form = NewTicket {
            ticket_type: Some(ticket_type),
            channel: Some(channel),
            ..NewTicket::default()
        };
        form.requester.kind = kind;
        let (filled, policy) = self.registration_as_filled(&form);
        form_fields(ticket_type, channel, kind, self.registration_rules_under(&policy, &filled))
    }

    /// 000 §13: the priority impact × urgency give.
    pub fn priority_from_matrix(impact: Impact, urgency: Urgency) -> Priority {
        Priority::from_matrix(impact, urgency)
    }

    /// What is missing or wrong in the form as filled, each field named.
    /// The deployment's defaults fill what it leaves out first, and it is
    /// checked under the policy the server's routing rules count it under.
    /// A ticket that names no group is checked against the routing rules
    /// once a sync brought them: one no rule routes needs its group.
    pub fn registration_problems(&self, new: &NewTicket) -> Vec<FieldError> {
        let (filled, policy) = self.registration_as_filled(new);
        let mut problems = form_problems(&filled, self.registration_rules_under(&policy, &filled));
        if let Some(unrouted) = self.synced_registration_settings().and_then(|s| s.unrouted(&filled)) {
            problems.push(unrouted);
        }
        problems
    }

    /// Registers `new` offline: filled with the deployment's defaults,
    /// refused with every problem named when a field is missing or wrong,
    /// else written to the outbox as a local ticket and sent by the next
    /// sync.
    pub fn register(&self, new: NewTicket) -> Result<Registered> {
        let (new, local) = self.local_registration(new)?;
        let seq = self.replica().enqueue_registration(&local, &new, self.now())?;
        self.wake_sync.notify_one();
        Ok(Registered {
            seq,
            local_reference: local.ticket.number.clone(),
            id: local.ticket.id,
        })
    }

    /// `new` filled with the deployment's defaults and checked, and the
    /// ticket it registers here (a new id, its local reference, the policy
    /// the server's routing rules give it).
    pub(crate) fn local_registration(&self, new: NewTicket) -> Result<(NewTicket, TicketView)> {
        let (new, policy) = self.registration_as_filled(&new);
        let problems = self.registration_problems(&new);
        if !problems.is_empty() {
            let fields: Vec<String> = problems.iter().map(|p| p.field.clone()).collect();
            let details: Vec<String> = problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect();
            return Err(ClientError::invalid(&fields.join(", "), details.join("; ")).with("fields", fields));
        }
        let mut bytes = [0u8; 12];
        rand::rng().fill_bytes(&mut bytes);
        let id = format!("t-{}", hex::encode(bytes));
        let local_reference = helpdesk_replica::local_reference(&id);
        let actor = self.replica().actor()?;
        let now = self.now();
        let mut local = new.clone();
        local.id = id;
        local.number = local_reference;
        local.line.get_or_insert(Line::L1);
        if local.group.trim().is_empty() {
            local.group = actor.groups.first().map(|m| m.group.clone()).unwrap_or_else(|| "-".into());
        }
        let rules = self.registration_rules_under(&policy, &new);
        let applied = register_with(local, &actor.user_id, now, rules).map_err(|e| ClientError::invalid("ticket", e))?;
        let view = TicketView {
            ticket: applied.ticket,
            events: applied.events,
            policy,
        };
        Ok((new, view))
    }

    /// Registrations the server refused, each with every field as filled.
    pub fn refused_registrations(&self) -> Result<Vec<PendingRegistration>> {
        Ok(self.replica().refused_registrations()?)
    }

    /// The server's number of a registration, once registered.
    pub fn registered_number(&self, registered: &Registered) -> Result<Option<String>> {
        Ok(self.replica().registered_number(registered.seq, &registered.id)?)
    }

    /// Registrations waiting in the outbox, as [`Registered`].
    pub fn pending_registrations(&self) -> Result<Vec<Registered>> {
        Ok(self
            .replica()
            .pending_registrations()?
            .into_iter()
            .map(|(seq, id)| Registered {
                seq,
                local_reference: helpdesk_replica::local_reference(&id),
                id,
            })
            .collect())
    }

    /// Drops a refused registration: it is never sent.
    pub fn discard_registration(&self, seq: u64) -> Result<()> {
        Ok(self.replica().discard_registration(seq)?)
    }
}

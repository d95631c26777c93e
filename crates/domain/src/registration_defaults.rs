//! The deployment's registration settings: what a desk registration gets
//! where the operator leaves a field out (the channel, the kind of
//! requester, the service, impact and urgency), and which SLA policy a
//! registration is counted under (the administrators' routing rules, else
//! the deployment's default policy). The server sets them and applies them
//! to what a request leaves out; its clients keep a copy, so a form, the
//! CLI and a registration filed offline fill and check a ticket the same
//! way the server will.

use crate::model::{Channel, TicketType};
use crate::priority::{Impact, Urgency};
use crate::ticket::{FieldError, FieldProblem, NewTicket, RequesterKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a desk registration gets for a field it leaves out; `None`: no
/// default, the field must be given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegistrationDefaults {
    pub channel: Option<Channel>,
    pub requester_kind: Option<RequesterKind>,
    pub service: Option<String>,
    pub impact: Option<Impact>,
    pub urgency: Option<Urgency>,
}

impl Default for RegistrationDefaults {
    /// A request by phone from a citizen about the general service, of
    /// medium impact and medium urgency (priority 4 by 000 §13's matrix).
    fn default() -> Self {
        RegistrationDefaults {
            channel: Some(Channel::Phone),
            requester_kind: Some(RequesterKind::Citizen),
            service: Some("general".into()),
            impact: Some(Impact::Medium),
            urgency: Some(Urgency::Medium),
        }
    }
}

impl RegistrationDefaults {
    /// Fills each field `new` leaves out (absent, or blank text) that has a
    /// default; what it gives stays as given.
    pub fn fill(&self, new: &mut NewTicket) {
        if new.channel.is_none() {
            new.channel = self.channel;
        }
        if new.requester.kind.is_none() {
            new.requester.kind = self.requester_kind;
        }
        if new.service.trim().is_empty() {
            if let Some(service) = self.service.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                new.service = service.to_string();
            }
        }
        if new.impact.is_none() {
            new.impact = self.impact;
        }
        if new.urgency.is_none() {
            new.urgency = self.urgency;
        }
    }
}

/// One routing rule as it bears on the policy: tickets of `service` and/or
/// `ticket_type` (absent: any) are counted under `policy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PolicyRoute {
    pub service: Option<String>,
    pub ticket_type: Option<TicketType>,
    pub policy: String,
}

impl PolicyRoute {
    /// Whether a ticket of `service` and `ticket_type` matches the rule (a
    /// rule naming a type never matches a ticket without one).
    pub fn matches(&self, service: &str, ticket_type: Option<TicketType>) -> bool {
        let service_matches = self.service.as_deref().is_none_or(|s| s == service.trim());
        let type_matches = match self.ticket_type {
            None => true,
            Some(t) => ticket_type == Some(t),
        };
        service_matches && type_matches
    }
}

/// The deployment's registration settings, as the server hands them to its
/// clients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegistrationSettings {
    pub defaults: RegistrationDefaults,
    /// The policy of a ticket no routing rule matches.
    pub default_policy: String,
    /// The routing rules, the first that matches wins.
    pub routes: Vec<PolicyRoute>,
}

impl RegistrationSettings {
    /// The settings of a deployment nobody configured: the built-in
    /// defaults, no routing rule, `default_policy`.
    pub fn built_in(default_policy: &str) -> RegistrationSettings {
        RegistrationSettings {
            defaults: RegistrationDefaults::default(),
            default_policy: default_policy.to_string(),
            routes: vec![],
        }
    }

    /// The policy a registration of `new` (its defaults filled) is counted
    /// under: the first routing rule's that matches, else the default. The
    /// working group an operator picks does not change it.
    pub fn policy_for(&self, new: &NewTicket) -> &str {
        self.routes
            .iter()
            .find(|r| r.matches(&new.service, new.ticket_type))
            .map_or(self.default_policy.as_str(), |r| r.policy.as_str())
    }

    /// A desk registration that names no working group and that no routing
    /// rule routes cannot be registered (000 §20: a ticket is routed to a
    /// group): the group is missing.
    pub fn unrouted(&self, new: &NewTicket) -> Option<FieldError> {
        let routed = self.routes.iter().any(|r| r.matches(&new.service, new.ticket_type));
        (new.group.trim().is_empty() && !routed).then(|| FieldError {
            field: "group".into(),
            problem: FieldProblem::Missing,
            message: "no routing rule takes this ticket: choose its working group".into(),
            clause: Some("000 §20; 002 §6.5.2(7)".into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(service: Option<&str>, ticket_type: Option<TicketType>, policy: &str) -> PolicyRoute {
        PolicyRoute {
            service: service.map(str::to_string),
            ticket_type,
            policy: policy.into(),
        }
    }

    #[test]
    fn defaults_fill_only_what_a_registration_leaves_out() {
        let defaults = RegistrationDefaults::default();
        let mut left_out = NewTicket::default();
        defaults.fill(&mut left_out);
        assert_eq!(left_out.channel, Some(Channel::Phone));
        assert_eq!(left_out.requester.kind, Some(RequesterKind::Citizen));
        assert_eq!(left_out.service, "general");
        assert_eq!((left_out.impact, left_out.urgency), (Some(Impact::Medium), Some(Urgency::Medium)));

        let mut given = NewTicket {
            channel: Some(Channel::Email),
            service: "customs".into(),
            impact: Some(Impact::High),
            ..NewTicket::default()
        };
        given.requester.kind = Some(RequesterKind::Official);
        defaults.fill(&mut given);
        assert_eq!(given.channel, Some(Channel::Email));
        assert_eq!(given.requester.kind, Some(RequesterKind::Official));
        assert_eq!(given.service, "customs");
        assert_eq!((given.impact, given.urgency), (Some(Impact::High), Some(Urgency::Medium)));
    }

    #[test]
    fn a_field_without_a_default_stays_out() {
        let defaults = RegistrationDefaults {
            service: None,
            impact: None,
            ..RegistrationDefaults::default()
        };
        let mut new = NewTicket::default();
        defaults.fill(&mut new);
        assert_eq!(new.service, "");
        assert_eq!(new.impact, None);
        assert_eq!(new.urgency, Some(Urgency::Medium));
    }

    #[test]
    fn the_first_matching_routing_rule_names_the_policy_else_the_default() {
        let settings = RegistrationSettings {
            routes: vec![
                route(Some("asyc"), Some(TicketType::Incident), "asyc-incidents"),
                route(Some("asyc"), None, "asyc"),
                route(None, Some(TicketType::ChangeRequest), "changes"),
            ],
            ..RegistrationSettings::built_in("customs-helpdesk")
        };
        let ticket = |service: &str, ticket_type: Option<TicketType>| NewTicket {
            service: service.into(),
            ticket_type,
            ..NewTicket::default()
        };
        assert_eq!(settings.policy_for(&ticket("asyc", Some(TicketType::Incident))), "asyc-incidents");
        assert_eq!(settings.policy_for(&ticket(" asyc ", Some(TicketType::Consultation))), "asyc");
        assert_eq!(settings.policy_for(&ticket("general", Some(TicketType::ChangeRequest))), "changes");
        assert_eq!(settings.policy_for(&ticket("general", Some(TicketType::Incident))), "customs-helpdesk");
        assert_eq!(settings.policy_for(&ticket("general", None)), "customs-helpdesk");
    }

    #[test]
    fn c000_s20_a_registration_no_rule_routes_must_name_its_group() {
        let settings = RegistrationSettings {
            routes: vec![route(Some("asyc"), None, "asyc")],
            ..RegistrationSettings::built_in("customs-helpdesk")
        };
        let mut new = NewTicket {
            service: "general".into(),
            ..NewTicket::default()
        };
        assert_eq!(settings.unrouted(&new).map(|p| p.field), Some("group".to_string()));
        new.group = "cc-l1".into();
        assert_eq!(settings.unrouted(&new), None);
        new.group.clear();
        new.service = "asyc".into();
        assert_eq!(settings.unrouted(&new), None);
    }
}

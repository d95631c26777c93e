//! The Self Service portal's registration form: which types a requester
//! may file from the portal, the services the desk routes, and the fields
//! registration will require (decided by the domain's registration rules
//! under the policy the ticket would get).

use super::auth::Caller;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store;
use helpdesk_domain::actions::{availability, Availability};
use helpdesk_domain::registration_form::form_fields;
use helpdesk_domain::ticket::{RegistrationRules, RequesterKind};
use helpdesk_domain::workflow::Role;
use helpdesk_domain::{Channel, TicketType};
use helpdesk_protocol::portal::PortalForm;

impl App {
    /// The portal's form for a ticket of `ticket_type` about `service`,
    /// filed by a requester of `kind`.
    pub fn portal_form(&self, caller: &Caller, ticket_type: TicketType, service: &str, kind: Option<RequesterKind>) -> AppResult<PortalForm> {
        if caller.actor.role != Role::SelfService {
            return Err(AppError::Forbidden(
                "the portal's form is for Self Service requesters; the desk registers in the desktop app".into(),
            ));
        }
        let default_policy = self.config.default_policy.clone();
        let (services, policy_text, contact) = self.store.read(|conn| {
            let mut services: Vec<String> = store::admin::routing_rules(conn)?.into_iter().filter_map(|r| r.service).collect();
            services.sort();
            services.dedup();
            let policy = store::admin::first_route(conn, service.trim(), Some(ticket_type.as_str()))?.map_or(default_policy, |(_, policy)| policy);
            let text = store::admin::policy_toml(conn, &policy)?;
            let contact = store::users::contact(conn, &caller.actor.user_id)?;
            Ok::<_, AppError>((services, text, contact))
        })?;
        let policy = policy_text.as_deref().and_then(|text| helpdesk_domain::policy::Policy::from_toml(text).ok());
        let rules_for = |t: TicketType| policy.as_ref().map_or(RegistrationRules::STRICT, |p| p.registration_rules(Some(t)));
        let types = TicketType::ALL
            .iter()
            .copied()
            .filter(|t| form_fields(*t, Channel::Portal, kind, rules_for(*t)).accepted)
            .collect();
        let (account_name, account_email) = contact.unwrap_or_default();
        Ok(PortalForm {
            types,
            services,
            kinds: RequesterKind::ALL.to_vec(),
            fields: form_fields(ticket_type, Channel::Portal, kind, rules_for(ticket_type)),
            account_name,
            account_email,
            max_attachment_bytes: self.config.max_attachment_bytes as u64,
            daily_upload_bytes: super::attachments::DAILY_UPLOAD_QUOTA,
        })
    }

    /// Which ops the caller may make on a ticket they may read, and why
    /// not the others (the domain's answer, as the desktop gets it): the
    /// portal offers a requester exactly these.
    pub fn ticket_actions(&self, caller: &Caller, id_or_number: &str) -> AppResult<Vec<Availability>> {
        let view = self.ticket(caller, id_or_number)?;
        let limits = self.policy(&view.policy)?.workflow_limits();
        Ok(availability(&view.ticket, &caller.actor, self.now(), limits))
    }
}

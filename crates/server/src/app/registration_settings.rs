//! The deployment's registration settings (set with `serve --default-*`):
//! the defaults a desk registration gets for a field it leaves out, and
//! the routing rules and default policy that decide which policy a
//! registration is counted under. The server fills a desk registration
//! with them; the service desk's clients read them
//! (`GET /api/v1/registration/settings`) and keep a copy, so a form, the
//! CLI and a registration filed offline fill and check a ticket as the
//! server will. Self Service users may not read them: the portal asks its
//! requesters for what it needs.

use super::auth::Caller;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store;
use helpdesk_domain::registration_defaults::{PolicyRoute, RegistrationSettings};
use helpdesk_domain::ticket::NewTicket;
use helpdesk_domain::workflow::{Actor, Role};

impl App {
    pub fn registration_settings(&self, caller: &Caller) -> AppResult<RegistrationSettings> {
        if caller.actor.role == Role::SelfService {
            return Err(AppError::Forbidden("the registration settings are for the service desk".into()));
        }
        let rules = self.store.read(store::admin::routing_rules)?;
        // A stored type the domain does not know matches no ticket: its rule is left out.
        let routes = rules
            .into_iter()
            .filter_map(|rule| {
                let ticket_type = match rule.ticket_type {
                    None => None,
                    Some(name) => Some(name.parse().ok()?),
                };
                Some(PolicyRoute {
                    service: rule.service,
                    ticket_type,
                    policy: rule.policy,
                })
            })
            .collect();
        Ok(RegistrationSettings {
            defaults: self.config.registration.clone(),
            default_policy: self.config.default_policy.clone(),
            routes,
        })
    }

    /// Fills what a desk registration by `actor` leaves out with the
    /// deployment's defaults; a Self Service user's portal form is the
    /// portal's to check, and gets none.
    pub(crate) fn fill_registration_defaults(&self, actor: &Actor, new: &mut NewTicket) {
        if actor.role != Role::SelfService {
            self.config.registration.fill(new);
        }
    }
}

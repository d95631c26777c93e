//! The staff directory: every working group and every staff account, with
//! names, for any signed-in member of the service desk, so that a client can
//! show "who owns this ticket" and "escalate to which group" by name. Self
//! Service users may not read it (it lists staff accounts), and it never
//! carries requesters, credentials or contact details.
//!
//! Disabled accounts are listed with `active: false` rather than left out:
//! tickets they owned still name them, and the client can keep them out of
//! the lists it offers for assignment.

use super::auth::Caller;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::users;
use helpdesk_domain::workflow::Role;
use helpdesk_protocol::{Directory, DirectoryGroup};

impl App {
    pub fn directory(&self, caller: &Caller) -> AppResult<Directory> {
        if caller.actor.role == Role::SelfService {
            return Err(AppError::Forbidden("the staff directory is for the service desk".into()));
        }
        // One snapshot: a user's group ids are groups of the list.
        self.store.read(|tx| {
            let groups = users::list_groups(tx)?
                .into_iter()
                .map(|g| DirectoryGroup {
                    id: g.id,
                    name: g.name,
                    line: g.line,
                })
                .collect();
            let users = users::staff_directory(tx)?;
            Ok::<_, AppError>(Directory { groups, users })
        })
    }
}

//! A change of a ticket's type under 002 §7.3.5. The regulation states the
//! rule for a priority (lowered: the new term minus the time worked;
//! raised: the count restarts at the raise) and applies it to the changes
//! of §7.3.2 and §7.3.4, which correct the type as well as the priority. A
//! type has no order, so the direction is the term's: a change that
//! lengthens the term is counted like a lowering, one that shortens it like
//! a raise (also from "by agreement" to a fixed term, as 002 §7.3.5(2)
//! reads for a priority).

use super::{Clock, Step, TicketState};
use crate::calendar::CalendarError;
use crate::model::TicketType;
use crate::policy::Term;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use ts_rs::TS;

/// What a change of type did to a metric's term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeChangeEffect {
    /// The new type has the same term.
    KeptTarget,
    /// The term became longer (or open): counted from the start, the time
    /// worked so far kept (002 §7.3.5(1)).
    Lengthened { worked_seconds: i64 },
    /// The term became shorter: the count restarts at the change (002 §7.3.5(2)).
    Shortened,
}

impl Clock<'_> {
    pub(super) fn on_type_changed(&mut self, at: DateTime<Utc>, from: TicketType, to: TicketType, ticket: &TicketState) -> Result<(), CalendarError> {
        if from == to {
            return Ok(());
        }
        let effect = self.type_change_effect(at, ticket)?;
        self.steps.push(Step::TypeChanged { at, from, to, effect });
        match effect {
            TypeChangeEffect::KeptTarget => Ok(()),
            TypeChangeEffect::Lengthened { .. } => self.recompute(at, ticket),
            TypeChangeEffect::Shortened => {
                self.note_reached(at)?;
                self.restart(at, ticket)
            }
        }
    }

    /// Whether the term for the ticket as it is now is longer or shorter
    /// than the one in force, both counted from the clock's start.
    fn type_change_effect(&self, at: DateTime<Utc>, ticket: &TicketState) -> Result<TypeChangeEffect, CalendarError> {
        let new = self.policy.target(self.spec, &ticket.class, ticket.workaround).map(|c| c.term);
        if new == self.term {
            return Ok(TypeChangeEffect::KeptTarget);
        }
        let lengthened = TypeChangeEffect::Lengthened {
            worked_seconds: self.worked(at),
        };
        Ok(match (self.term, new, self.start) {
            (Some(Term::Fixed(old)), Some(Term::Fixed(new)), Some(start)) => match self.plain_due(new, start)?.cmp(&self.plain_due(old, start)?) {
                Ordering::Less => TypeChangeEffect::Shortened,
                Ordering::Greater => lengthened,
                Ordering::Equal => TypeChangeEffect::KeptTarget,
            },
            (_, Some(Term::Fixed(_)), _) => TypeChangeEffect::Shortened,
            _ => lengthened,
        })
    }
}

//! How a ticket is classified once registered: `set_priority` and
//! `set_complexity` (000 §13; 002 §7.3.2–7.3.5; 003 §4.10).

use super::{EventKind, Input, Refusal, Work};
use crate::model::Complexity;
use crate::priority::{Impact, Priority, Urgency};

/// `set_priority` — `level`, or `impact` with `urgency` (the 000 §13
/// matrix); nothing changed is `same_value` (002 §7.3.2–7.3.5). The note is
/// the justification or the requester's agreement (002 §7.3.2, §7.3.4).
pub(super) fn set_priority(
    i: &Input,
    w: &mut Work,
    level: Option<Priority>,
    impact: Option<Impact>,
    urgency: Option<Urgency>,
    note: Option<&str>,
) -> Result<(), Refusal> {
    let (ticket, ctx) = (i.ticket, i.ctx);
    let (impact, urgency) = match (impact, urgency) {
        (Some(i), Some(u)) => (i, u),
        (None, None) if level.is_some() => (ticket.impact, ticket.urgency),
        (None, None) => return Err(ctx.invalid_input("level", "is missing: give a level (1–5) or impact and urgency")),
        (Some(_), None) => return Err(ctx.invalid_input("urgency", "is missing: give impact and urgency together")),
        (None, Some(_)) => return Err(ctx.invalid_input("impact", "is missing: give impact and urgency together")),
    };
    let to = level.unwrap_or_else(|| Priority::from_matrix(impact, urgency));
    if to == ticket.priority && impact == ticket.impact && urgency == ticket.urgency {
        return Err(ctx.same("priority", &to.to_string()));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    w.emit(EventKind::PriorityChanged {
        from: ticket.priority,
        to,
        impact,
        urgency,
        note,
    });
    w.t.priority = to;
    w.t.impact = impact;
    w.t.urgency = urgency;
    Ok(())
}

/// `set_complexity` — a different complexity (003 §4.10).
pub(super) fn set_complexity(i: &Input, w: &mut Work, complexity: Complexity) -> Result<(), Refusal> {
    if i.ticket.complexity == Some(complexity) {
        return Err(i.ctx.same("complexity", complexity.as_str()));
    }
    w.emit(EventKind::ComplexityChanged {
        from: i.ticket.complexity,
        to: complexity,
    });
    w.t.complexity = Some(complexity);
    Ok(())
}

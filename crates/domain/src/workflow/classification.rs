//! How a ticket is classified once registered: `set_priority`,
//! `set_complexity` and `change_type` (000 §13; 002 §7.3.2–7.3.5,
//! §13.11–13.12; 003 §4.10).

use super::{EventKind, Input, Refusal, Work};
use crate::model::{Complexity, TicketType};
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

/// `change_type` — a different type and a note: the justification, or the
/// requester's agreement (002 §7.3.2 «по согласованию», §7.3.4 «с
/// обоснованием»; §13.12 for the contact centre). 002 §7.3.3: a change
/// that does not lengthen the term needs no agreement. The deadline follows
/// 002 §7.3.5 by the direction of the new term (the SLA engine). A
/// workaround already given stays on record; the workaround rows of the new
/// type apply only to an incident.
pub(super) fn change_type(i: &Input, w: &mut Work, to: TicketType, note: &str) -> Result<(), Refusal> {
    if i.ticket.ticket_type == to {
        return Err(i.ctx.same("ticket_type", to.as_str()));
    }
    let note = i.ctx.reason("note", note)?;
    // 004 §2.3.1: the new type's own fields, as its registration would ask.
    if let Some(first) = crate::ticket::missing_for_type(i.ticket, to).first() {
        let clause = first.clause.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        return Err(i.ctx.invalid_input(
            &first.field,
            &format!("a {to} needs it: {}{clause}; add it before changing the type", first.message),
        ));
    }
    w.emit(EventKind::TypeChanged {
        from: i.ticket.ticket_type,
        to,
        note,
    });
    w.t.ticket_type = to;
    Ok(())
}

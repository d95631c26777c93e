//! 002 §7.3.4: a change of type and/or priority that lengthens the term is
//! proposed to the requester, whose answer — or its absence within the
//! term of [`crate::approval::answer_due`] — decides it.

use super::classification;
use super::{EventKind, Input, Refusal, Work};
use crate::model::TicketType;
use crate::priority::Priority;
use crate::ticket::PendingReclassification;

/// `propose_reclassification` — a new type and/or level, at least one
/// different, and the justification (002 §7.3.4 «с обоснованием
/// необходимости изменения классификации»); one proposal at a time; the
/// ticket keeps its classification until the answer.
pub(super) fn propose_reclassification(i: &Input, w: &mut Work, ticket_type: Option<TicketType>, level: Option<Priority>, note: &str) -> Result<(), Refusal> {
    let (ticket, ctx) = (i.ticket, i.ctx);
    if let Some(p) = &ticket.pending_reclassification {
        return Err(ctx.same("pending_reclassification", &p.asked_at.to_rfc3339()));
    }
    let ticket_type = ticket_type.filter(|t| *t != ticket.ticket_type);
    let level = level.filter(|l| *l != ticket.priority);
    if ticket_type.is_none() && level.is_none() {
        return Err(ctx.invalid_input(
            "ticket_type",
            "and `level` propose nothing new: give a type and/or a priority other than the ticket's",
        ));
    }
    let note = ctx.reason("note", note)?;
    w.t.pending_reclassification = Some(PendingReclassification {
        ticket_type,
        level,
        note: note.clone(),
        asked_at: w.now,
    });
    w.emit(EventKind::ReclassificationProposed { ticket_type, level, note });
    Ok(())
}

/// `answer_reclassification` — the requester's answer (the requester on
/// the portal, an analyst recording an e-mail, or the server's timed job
/// when the term passed: deemed agreed, 002 §7.3.4). Agreed: the proposed
/// type and priority apply now, and the deadline follows 002 §7.3.5.
pub(super) fn answer_reclassification(i: &Input, w: &mut Work, agreed: bool, note: &str) -> Result<(), Refusal> {
    let Some(pending) = i.ticket.pending_reclassification.clone() else {
        return Err(i.ctx.invalid_input(
            "pending_reclassification",
            "is not set: no reclassification awaits the requester's answer (002 §7.3.4)",
        ));
    };
    let note = i.ctx.text("note", note)?;
    w.t.pending_reclassification = None;
    w.emit(EventKind::ReclassificationAnswered { agreed, note });
    if agreed {
        if let Some(to) = pending.ticket_type.filter(|t| *t != i.ticket.ticket_type) {
            classification::change_type(i, w, to, &pending.note)?;
        }
        if let Some(level) = pending.level.filter(|l| *l != i.ticket.priority) {
            classification::set_priority(i, w, Some(level), None, None, Some(&pending.note))?;
        }
    }
    Ok(())
}

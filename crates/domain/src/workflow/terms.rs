//! Ops that start or end a term of their own: the paper-declaration
//! permission (001 §IV.6–7) and the conclusion on a change request's
//! timeline (002 §12). The terms are the policy's metrics (`on:` starts and
//! stops, [`crate::milestone::Milestone`]).

use super::{EventKind, Input, Refusal, Work};
use crate::model::TicketType;

/// `grant_paper_permission` — a note (who was informed, how): L1 informed
/// the customs office of departure and the subject of the regime of the
/// permission to use a paper declaration (001 §IV.6); it is valid 24 hours
/// from now (§IV.7), once per ticket.
pub(super) fn grant_paper_permission(i: &Input, w: &mut Work, note: &str) -> Result<(), Refusal> {
    if let Some(at) = i.ticket.paper_permission_at {
        return Err(i.ctx.same("paper_permission_at", &at.to_rfc3339()));
    }
    let note = i.ctx.reason("note", note)?;
    w.t.paper_permission_at = Some(w.now);
    w.emit(EventKind::PaperPermissionGranted { note });
    Ok(())
}

/// `request_timeline_clarification` — change requests only, the request's
/// text; one open request at a time: its conclusion is due in 5 working
/// days (002 §12).
pub(super) fn request_timeline_clarification(i: &Input, w: &mut Work, text: &str) -> Result<(), Refusal> {
    if i.ticket.ticket_type != TicketType::ChangeRequest {
        return Err(Refusal::NotApplicable {
            op: i.ctx.op,
            status: i.ctx.status,
            ticket_type: i.ticket.ticket_type,
            detail: "a timeline clarification is asked of a change request (002 §12)".into(),
        });
    }
    if let Some(at) = i.ticket.timeline_clarification_at {
        return Err(i.ctx.same("timeline_clarification_at", &at.to_rfc3339()));
    }
    let text = i.ctx.text("text", text)?;
    w.t.timeline_clarification_at = Some(w.now);
    w.emit(EventKind::TimelineClarificationRequested { text });
    Ok(())
}

/// `give_timeline_conclusion` — the conclusion's text, answering the open
/// request for a timeline clarification (002 §12).
pub(super) fn give_timeline_conclusion(i: &Input, w: &mut Work, text: &str) -> Result<(), Refusal> {
    if i.ticket.timeline_clarification_at.is_none() {
        return Err(i.ctx.invalid_input(
            "timeline_clarification_at",
            "is not set: no clarification of the timeline was requested; record the request first (002 §12)",
        ));
    }
    let text = i.ctx.text("text", text)?;
    w.t.timeline_clarification_at = None;
    w.emit(EventKind::TimelineConclusionGiven { text });
    Ok(())
}
